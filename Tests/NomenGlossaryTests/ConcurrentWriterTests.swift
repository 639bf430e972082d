import Foundation
import NomenModel
import Testing
@testable import NomenGlossary

/// Several writers, each with its own connection to one glossary file, for
/// a while (30 s; NOMEN_STRESS_SECONDS to change it). Each reads an entity
/// and the revision, then writes with that revision expected, retrying on
/// `stale` as a client must. No write may be lost (the counters add up)
/// and every write appears exactly once in the history.
@Suite struct ConcurrentWriterTests {
    static let seconds = ProcessInfo.processInfo.environment["NOMEN_STRESS_SECONDS"].flatMap(Double.init) ?? 30
    static let writers = 3
    static let counters = ["counter.hanoi", "counter.beijing"]

    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var committed: [String] = []
        private(set) var counterWrites = 0
        private(set) var stale = 0
        private(set) var failures: [String] = []

        func record(_ body: (Tally) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            body(self)
        }

        func commit(_ command: String, counter: Bool) { record { $0.committed.append(command); if counter { $0.counterWrites += 1 } } }
        func staleWrite() { record { $0.stale += 1 } }
        func fail(_ message: String) { record { $0.failures.append(message) } }
    }

    /// One writer's loop: counter increments (read, then write expecting
    /// the revision read), and now and then a new entity.
    static func write(as writer: Int, path: String, until deadline: Date, tally: Tally) {
        let store: GlossaryStore
        do { store = try GlossaryStore(path: path) } catch {
            tally.fail("writer \(writer) cannot open: \(error)")
            return
        }
        var sequence = 0
        while Date() < deadline {
            let command = "writer \(writer) write \(sequence)"
            do {
                if sequence % 5 == 4 {
                    let revision = try store.revision()
                    let entity = Entity(id: "vn.person.w\(writer)-\(sequence)", type: .person, names: [
                        Name(text: "Nguyễn Văn Thắng \(writer)-\(sequence)", lang: "vi", status: .preferred),
                        Name(text: "阮文胜", lang: "zh-Hans", status: .preferred),
                    ])
                    try store.add(entity, command: command, expectedRevision: revision)
                    tally.commit(command, counter: false)
                } else {
                    let id = counters[(writer + sequence) % counters.count]
                    let (revision, entity) = try store.read { transaction in
                        (try transaction.revision(), try transaction.entities(ids: [id], type: nil, lang: nil).first)
                    }
                    guard let entity, let value = Int(entity.note ?? "") else {
                        tally.fail("\(id) is missing or has no count")
                        return
                    }
                    try store.update(id: id, command: command, summary: "count \(id) to \(value + 1)",
                                     expectedRevision: revision) { $0.note = "\(value + 1)" }
                    tally.commit(command, counter: true)
                }
                sequence += 1
            } catch let error as GlossaryError where error.kind == .stale {
                tally.staleWrite()
            } catch {
                tally.fail("\(command): \(error)")
                return
            }
        }
    }

    @Test func concurrentWritersLoseNoChangeAndLogEachOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-writers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("glossary.sqlite").path
        let setup = try GlossaryStore(path: path)
        try setup.add(Entity(id: Self.counters[0], type: .term, note: "0",
                             names: [Name(text: "Hà Nội", lang: "vi", status: .preferred)]), command: "setup")
        try setup.add(Entity(id: Self.counters[1], type: .term, note: "0",
                             names: [Name(text: "北京", lang: "zh-Hans", status: .preferred)]), command: "setup")
        let startRevision = try setup.revision()

        let tally = Tally()
        let deadline = Date().addingTimeInterval(Self.seconds)
        let group = DispatchGroup()
        for writer in 0..<Self.writers {
            group.enter()
            let thread = Thread {
                Self.write(as: writer, path: path, until: deadline, tally: tally)
                group.leave()
            }
            thread.start()
        }
        // Bounded: a writer that hangs fails the test rather than CI.
        #expect(group.wait(timeout: .now() + Self.seconds + 60) == .success)
        #expect(tally.failures.isEmpty, "\(tally.failures)")

        let counts = try setup.entities(type: .term).compactMap { $0.note.flatMap { Int($0) } }
        #expect(counts.reduce(0, +) == tally.counterWrites)
        #expect(try setup.revision() == startRevision + Int64(tally.committed.count))
        let logged = try setup.history().map(\.command).filter { $0 != "setup" }
        #expect(logged.count == tally.committed.count)
        #expect(Set(logged) == Set(tally.committed) && Set(logged).count == logged.count)
        #expect(try setup.counts().entities == 2 + tally.committed.count - tally.counterWrites)
        #expect(try setup.integrityProblems().isEmpty)
        // Without contention the revision check would go untested.
        #expect(tally.stale > 0)
        print("concurrent writers: \(Self.writers) for \(Int(Self.seconds)) s: \(tally.committed.count) writes, \(tally.stale) stale retries")
    }
}
