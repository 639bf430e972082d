import Foundation
import GRDB
import NomenGlossary
import Testing

/// A pseudo-random generator with a seed, so a failing run can be repeated:
/// the seed is printed in every failure (set NOMEN_CRASH_SEED to replay it).
struct SeededGenerator: RandomNumberGenerator {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["NOMEN_CRASH_SEED"].flatMap { UInt64($0) } ?? 20_261_204
    private var state: UInt64

    init(seed: UInt64 = Self.seed) { state = seed }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `nomen` started without waiting for it, to be killed.
struct RunningNomen {
    let process = Process()

    init(_ arguments: [String], directory: URL) throws {
        process.executableURL = NomenProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// SIGKILL, as a power cut or the OOM killer would: no handler runs.
    /// True when the process was still running.
    @discardableResult
    func kill() -> Bool {
        let wasRunning = process.isRunning
        if wasRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return wasRunning && process.terminationReason == .uncaughtSignal
    }
}

/// Seconds as a sleep, or until `condition` holds (checked every 2 ms).
func pause(_ seconds: Double, until condition: () -> Bool = { false }) {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline && !condition() { usleep(2_000) }
}

/// Glossary writes killed with SIGKILL at random moments: afterwards the
/// database opens, passes SQLite's and FTS5's integrity checks, has the
/// schema its migrations make, and holds the whole write or none of it.
@Suite(.serialized) struct CrashSafetyTests {
    /// What a glossary holds, enough to tell "before" from "after" a write.
    struct Snapshot: Equatable, CustomStringConvertible {
        let revision: Int64
        let entities: Int
        let names: Int
        let changes: Int

        var description: String { "revision \(revision), \(entities) entities, \(names) names, \(changes) changes" }
    }

    /// Opens the glossary as the next nomen would, checks it, and says what it holds.
    static func snapshot(_ path: String) throws -> Snapshot {
        let store = try GlossaryStore(path: path)
        let problems = try store.integrityProblems()
        #expect(problems.isEmpty, "\(path) (seed \(SeededGenerator.seed)): \(problems)")
        let counts = try store.counts()
        let changes = try store.read { try $0.changeIDs(touching: nil, limit: nil) }
        return Snapshot(revision: try store.revision(), entities: counts.entities, names: counts.names, changes: changes.count)
    }

    static func copy(_ from: String, to: String) throws {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: to + suffix)
            if FileManager.default.fileExists(atPath: from + suffix) {
                try FileManager.default.copyItem(atPath: from + suffix, toPath: to + suffix)
            }
        }
    }

    /// Whether another connection holds the database's write lock (a write
    /// transaction is under way): `BEGIN IMMEDIATE` fails at once then.
    static func writeLockIsHeld(_ queue: DatabaseQueue) -> Bool {
        do {
            try queue.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
            return false
        } catch {
            return true
        }
    }

    /// Starts `arguments` on a fresh copy of `template` and kills it: at a
    /// random moment within `early` seconds of the start, or (`inTransaction`)
    /// once it has held the write lock for 0.2 s, plus a random delay within `late`
    /// seconds. (The write-ahead log is no sign: with SQLite's page cache
    /// large enough for the whole import, it grows only at the commit.)
    static func killedRun(_ arguments: [String], template: String, trial: String, directory: URL,
                          inTransaction: Bool, early: Double, late: Double,
                          random: inout SeededGenerator) throws -> (killed: Bool, snapshot: Snapshot) {
        try copy(template, to: trial)
        let running = try RunningNomen(arguments + ["--glossary", trial], directory: directory)
        if inTransaction {
            var configuration = Configuration()
            configuration.busyMode = .immediateError
            do {
                let watcher = try DatabaseQueue(path: trial, configuration: configuration)
                // Held for a fifth of a second on end: the write itself, not
                // the migrator's look at the schema when the store opens.
                var heldSince: Date?
                pause(120) {
                    heldSince = writeLockIsHeld(watcher) ? heldSince ?? Date() : nil
                    return heldSince.map { Date().timeIntervalSince($0) >= 0.2 } ?? false || !running.process.isRunning
                }
                try watcher.close()
            }
            pause(Double.random(in: 0...late, using: &random))
        } else {
            pause(Double.random(in: 0.05...early, using: &random))
        }
        let killed = running.kill()
        return (killed, try snapshot(trial))
    }

    @Test func killedImportMergeAndRevertLeaveAllOrNothing() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        var random = SeededGenerator()
        let seedNote = "seed \(SeededGenerator.seed)"

        // A glossary with one entity, and 100,000 to import into it.
        let template = scratch.path("template.sqlite")
        #expect(try glossary(template, ["add", "vn.person.luong-cuong", "--type", "person",
                                        "--name", "Lương Cường@vi", "--name", "Luong Cuong@en"]).status == 0)
        let csv = scratch.path("entities.csv")
        let generate = try NomenProcess.run(["python3", "tools/bench/make_glossary_csv.py", csv, "100000"],
                                            executable: URL(fileURLWithPath: "/usr/bin/env"))
        try #require(generate.status == 0, "\(generate.stderr)")
        let before = try Self.snapshot(template)

        // One import that completes: the "after" state.
        let imported = scratch.path("imported.sqlite")
        try Self.copy(template, to: imported)
        let started = Date()
        let complete = try glossary(imported, ["import", csv])
        let importSeconds = Date().timeIntervalSince(started)
        try #require(complete.status == 0, "\(complete.stderr)")
        let after = try Self.snapshot(imported)
        #expect(after.entities == before.entities + 100_000 && after.changes == before.changes + 1)

        // Killed imports: twice at a random moment of the first seconds
        // (reading, validating, or writing), twice while the transaction writes.
        var outcomes: [String] = []
        for trial in 0..<4 {
            let (killed, state) = try Self.killedRun(["glossary", "import", csv], template: template,
                                                     trial: scratch.path("import-\(trial).sqlite"), directory: scratch.directory,
                                                     inTransaction: trial % 2 == 1, early: min(3, importSeconds), late: 1.5,
                                                     random: &random)
            #expect(state == before || state == after, "import trial \(trial), \(seedNote): \(state)")
            // The transaction (inserts, index builds, change log) lasts seconds, the delay at most 1.5 s.
            #expect(killed || trial % 2 == 0, "import trial \(trial) finished before its kill inside the transaction")
            outcomes.append("import \(trial): \(killed ? "killed" : "finished"), \(state == before ? "none" : "all")")
        }

        // Killed reverts of that import (100,000 entities removed in one transaction).
        let importChange = "\(after.changes)"
        for trial in 0..<2 {
            let (killed, state) = try Self.killedRun(["glossary", "revert", importChange], template: imported,
                                                     trial: scratch.path("revert-\(trial).sqlite"), directory: scratch.directory,
                                                     inTransaction: trial == 1, early: 2, late: 1, random: &random)
            let reverted = Snapshot(revision: after.revision + 1, entities: before.entities, names: before.names,
                                    changes: after.changes + 1)
            #expect(state == after || state == reverted, "revert trial \(trial), \(seedNote): \(state)")
            #expect(killed || trial == 0, "revert trial \(trial) finished before its kill inside the transaction")
            outcomes.append("revert \(trial): \(killed ? "killed" : "finished"), \(state == after ? "none" : "all")")
        }

        // Killed merges of two entities with a few hundred names each, at
        // random moments across the whole run (measured once).
        let mergeTemplate = scratch.path("merge-template.sqlite")
        var rows = "entity_id,type,lang,text,status,kind\n"
        for index in 0..<300 {
            rows += "cn.person.xi-jinping,person,en,Xi Jinping \(index),admitted,alias\n"
            rows += "dup.xi,person,vi,Tập Cận Bình \(index),admitted,alias\n"
        }
        let mergeCSV = try scratch.write("merge.csv", Array(rows.utf8))
        #expect(try glossary(mergeTemplate, ["import", mergeCSV]).status == 0)
        let mergeBefore = try Self.snapshot(mergeTemplate)
        let merged = scratch.path("merged.sqlite")
        try Self.copy(mergeTemplate, to: merged)
        let mergeStarted = Date()
        #expect(try glossary(merged, ["merge", "cn.person.xi-jinping", "dup.xi"]).status == 0)
        let mergeSeconds = Date().timeIntervalSince(mergeStarted)
        let mergeAfter = try Self.snapshot(merged)
        #expect(mergeAfter.entities == 1 && mergeAfter.names == 600)
        for trial in 0..<6 {
            let (killed, state) = try Self.killedRun(["glossary", "merge", "cn.person.xi-jinping", "dup.xi"],
                                                     template: mergeTemplate, trial: scratch.path("merge-\(trial).sqlite"),
                                                     directory: scratch.directory, inTransaction: false,
                                                     early: max(0.06, mergeSeconds), late: 0, random: &random)
            #expect(state == mergeBefore || state == mergeAfter, "merge trial \(trial), \(seedNote): \(state)")
            outcomes.append("merge \(trial): \(killed ? "killed" : "finished"), \(state == mergeBefore ? "none" : "all")")
        }
        print("crash safety (\(seedNote), import \(String(format: "%.1f", importSeconds)) s): \(outcomes.joined(separator: "; "))")
        // Most trials must have been killed, or the test proves little.
        #expect(outcomes.filter { $0.contains("killed") }.count >= 6, "\(outcomes)")
    }
}
