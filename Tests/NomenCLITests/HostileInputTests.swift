import Foundation
import Testing

/// One run of nomen on hostile input through `Tests/Scripts/measure_run.py`,
/// which feeds generated input through a pipe, bounds the time and reports
/// the peak resident memory.
struct MeasuredRun: Decodable {
    let status: Int
    let seconds: Double
    let peak_kib: Int
    let timed_out: Bool
    let stderr: String
    let stdout_bytes: Int

    var peakMiB: Int { peak_kib / 1024 }

    static func run(_ arguments: [String], stdin: String = "none", timeout: Double = 60,
                    environment: [String: String] = [:], keepOutput: String? = nil) throws -> MeasuredRun {
        var wrapper = ["python3", NomenProcess.repositoryRoot.appendingPathComponent("Tests/Scripts/measure_run.py").path,
                       "--timeout", "\(timeout)", "--stdin", stdin]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { wrapper += ["--env", "\(key)=\(value)"] }
        if let keepOutput { wrapper += ["--stdout", keepOutput] }
        let result = try NomenProcess.run(wrapper + ["--", NomenProcess.binary.path] + arguments,
                                          executable: URL(fileURLWithPath: "/usr/bin/env"))
        guard let line = result.stdout.split(separator: "\n").last else {
            throw CLIFailureForTest("measure_run.py printed nothing: \(result.stderr)")
        }
        return try JSONDecoder().decode(MeasuredRun.self, from: Data(line.utf8))
    }
}

struct CLIFailureForTest: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Hostile inputs, scaled down to run in `swift test` on a debug build;
/// `tools/hostile.sh` runs the full sizes (a 1 GB line, 10^6 files, 1M
/// names) on a release build and records the figures in
/// docs/reliability.md. Each either works or fails with a clear error and
/// exit 2, within a time bound and a memory bound.
@Suite(.serialized) struct HostileInputTests {
    /// A folder with the seed glossary as the default one.
    final class Desk {
        let directory: URL
        let environment: [String: String]

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            environment = ["XDG_DATA_HOME": directory.appendingPathComponent("data").path,
                           "XDG_CACHE_HOME": directory.appendingPathComponent("cache").path]
            // The first use creates the default glossary from the seed.
            let first = try NomenProcess.run(["annotate", "-"], stdin: Array("Hà Nội\n".utf8), environment: environment, directory: directory)
            guard first.status == 0 else { throw CLIFailureForTest("cannot create the seed glossary: \(first.stderr)") }
        }

        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

        func run(_ arguments: [String], stdin: String = "none", timeout: Double = 60,
                 environment extra: [String: String] = [:], keepOutput: String? = nil) throws -> MeasuredRun {
            try MeasuredRun.run(arguments, stdin: stdin, timeout: timeout,
                                environment: environment.merging(extra) { $1 }, keepOutput: keepOutput)
        }

        func nomen(_ arguments: [String], stdin: String = "") throws -> NomenProcess.Result {
            try NomenProcess.run(arguments, stdin: Array(stdin.utf8), environment: environment, directory: directory)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    /// A line of 24 MiB through a pipe, with the limit at 8 MiB: refused
    /// with the limit named, and memory stays near the limit (the read stops
    /// one byte past it). A line under the limit is annotated.
    @Test func aLineLargerThanTheLimitIsRefusedWithinBoundedMemory() throws {
        let desk = try Desk()
        let small = try desk.run(["annotate", "-"], stdin: "line:1000")
        let limit = ["NOMEN_MAX_INPUT_BYTES": "\(8 << 20)"]
        for command in [["annotate", "-"], ["check", "-"], ["normalize", "-"]] {
            let run = try desk.run(command, stdin: "line:\(24 << 20)", timeout: 60, environment: limit)
            #expect(!run.timed_out && run.status == 2, "\(command): \(run)")
            #expect(run.stderr.contains("<stdin>: is larger than 8 MiB, the most nomen reads at once"), "\(command): \(run.stderr)")
            #expect(run.peakMiB < small.peakMiB + 48, "\(command): \(run.peakMiB) MiB against \(small.peakMiB) MiB for a small input")
        }
        let within = try desk.run(["annotate", "--format", "jsonl", "-"], stdin: "line:\(6 << 20)", timeout: 120,
                                  environment: limit, keepOutput: desk.path("within.jsonl"))
        #expect(within.status == 0 && !within.timed_out, "\(within)")
        let output = try String(contentsOfFile: desk.path("within.jsonl"), encoding: .utf8)
        #expect(output.contains("\"vn.person.luong-cuong\"") && output.contains("\"cn.person.xi-jinping\""))
    }

    /// 1 MiB of combining marks and nothing else (no base letter), with
    /// marks of two classes alternating so canonical ordering must sort them.
    @Test func aTextOfOnlyCombiningMarks() throws {
        let desk = try Desk()
        for command in [["normalize", "-"], ["annotate", "-"], ["check", "-"]] {
            let run = try desk.run(command, stdin: "marks:\(1 << 20)", timeout: 20)
            // check reports the run of marks rather than have ICU reorder it,
            // which took minutes (quadratic) before.
            #expect(!run.timed_out && (run.status == 0 || (command[0] == "check" && run.status == 1)), "\(command): \(run)")
        }
    }

    /// 100,000 nested <div> elements around a name.
    @Test func deeplyNestedHTML() throws {
        let desk = try Desk()
        let annotate = try desk.run(["annotate", "--input-format", "html", "-"], stdin: "nested:100000", timeout: 60,
                                    keepOutput: desk.path("nested.json"))
        #expect(annotate.status == 0 && !annotate.timed_out, "\(annotate)")
        #expect(try String(contentsOfFile: desk.path("nested.json"), encoding: .utf8).contains("\"vn.person.luong-cuong\""))
        let check = try desk.run(["check", "--input-format", "html", "-"], stdin: "nested:100000", timeout: 60)
        #expect(check.status == 0 && !check.timed_out, "\(check)")
    }

    /// 10,000 tiny files in one folder (10^6 in tools/hostile.sh).
    @Test func aFolderOfManyTinyFiles() throws {
        let desk = try Desk()
        let folder = desk.path("tiny")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let texts = ["Lương Cường.\n", "Xi Jinping.\n", "习近平\n", "Hà Nội\n"]
        for index in 0..<10_000 {
            FileManager.default.createFile(atPath: "\(folder)/\(index).txt", contents: Data(texts[index % texts.count].utf8))
        }
        let annotate = try desk.run(["annotate", "--format", "jsonl", folder], timeout: 120, keepOutput: desk.path("tiny.jsonl"))
        #expect(annotate.status == 0 && !annotate.timed_out, "\(annotate)")
        let lines = try String(contentsOfFile: desk.path("tiny.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 10_000)
        let check = try desk.run(["check", folder], timeout: 120)
        #expect(check.status == 0 && !check.timed_out, "\(check)")
        #expect(check.stderr.hasSuffix("nomen: checked 10000 files: 0 errors, 0 warnings, 0 info\n"), "\(check.stderr)")
    }

    /// A name of 100 KB, from the command line and from a file: refused,
    /// naming the limit (and the file's line); the glossary is unchanged.
    @Test func aHundredKilobyteNameIsRefused() throws {
        let desk = try Desk()
        let db = desk.path("g.sqlite")
        let long = String(repeating: "Nguyễn Văn An ", count: 100_000 / 16)
        let add = try desk.nomen(["glossary", "add", "vn.person.long", "--type", "person", "--name", "\(long)@vi", "--glossary", db])
        #expect(add.status == 2)
        #expect(add.stderr.hasPrefix("nomen: error: a name of 87499 characters (\"Nguyễn Văn An Nguyễn Văn An Nguyễn Văn A…\"); names are at most 1000 characters"), "\(add.stderr.prefix(300))")
        let csv = desk.path("long.csv")
        try Data("entity_id,type,lang,text,status\nvn.person.an,person,vi,Nguyễn Văn An,preferred\nvn.person.long,person,vi,\(long),preferred\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        let importing = try desk.nomen(["glossary", "import", csv, "--glossary", db])
        #expect(importing.status == 2)
        #expect(importing.stderr.hasPrefix("\(csv):3: a name of 87499 characters"), "\(importing.stderr.prefix(300))")
        #expect(try desk.nomen(["glossary", "list", "--glossary", db]).stdout == "")
    }

    /// Bidirectional controls and zero-width characters inside names: refused
    /// in the glossary, naming the code point; in texts, names around them
    /// are still found and offsets stay valid.
    @Test func bidiControlsAndZeroWidthJoinersInNames() throws {
        let desk = try Desk()
        let db = desk.path("g.sqlite")
        func add(_ name: String) throws -> NomenProcess.Result {
            try desk.nomen(["glossary", "add", "--type", "person", "--name", name, "--glossary", db])
        }
        let reversed = try add("Lương \u{202E}Cường@vi")
        #expect(reversed.status == 2)
        #expect(reversed.stderr == "nomen: error: \"Lương <U+202E>Cường\" contains the bidirectional control U+202E at character 7; remove it\n")
        let joined = try add("习\u{200D}近平@zh-Hans")
        #expect(joined.stderr == "nomen: error: \"习<U+200D>近平\" contains the zero-width joiner U+200D at character 2; remove it\n")
        let space = try add("Hà\u{200B}Nội@vi")
        #expect(space.stderr == "nomen: error: \"Hà<U+200B>Nội\" contains the invisible format character U+200B at character 3; remove it\n")
        // Devanagari spells with a joiner: क्‍ष keeps its half form.
        #expect(try add("क्\u{200D}ष@hi").status == 0)

        // In a text: a right-to-left override before a name, an isolate
        // around one, a joiner inside one.
        let text = "Chủ tịch \u{202E}Lương Cường\u{202C} gặp \u{2067}Tập Cận Bình\u{2069} và Xi\u{200D} Jinping.\n"
        let annotate = try desk.nomen(["annotate", "-"], stdin: text)
        #expect(annotate.status == 0, "\(annotate.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(annotate.stdout.utf8)) as? [String: Any])
        let mentions = try #require(json["mentions"] as? [[String: Any]])
        let bytes = Array(text.utf8)
        for mention in mentions {
            let start = try #require(mention["start"] as? Int), end = try #require(mention["end"] as? Int)
            #expect(start >= 0 && start < end && end <= bytes.count)
        }
        let ids = mentions.compactMap { $0["entity"] as? String }
        #expect(ids.contains("cn.person.xi-jinping"), "\(annotate.stdout)")
        // The bidi controls around a name stay out of its mention (a closing
        // U+202C once made the surface "Lương Cường\u{202C}" and lost it).
        #expect(ids.contains("vn.person.luong-cuong"), "\(annotate.stdout)")
        let texts = mentions.compactMap { $0["text"] as? String }
        #expect(texts.contains("Lương Cường") && texts.contains("Tập Cận Bình"), "\(texts)")
        let check = try desk.nomen(["check", "-"], stdin: text)
        #expect(check.status == 0 || check.status == 1, "\(check.stderr)")
    }

    /// 20,000 entities whose names share one key (1M in tools/hostile.sh):
    /// the import, a text that mentions it, and a search stay bounded.
    @Test func manyNamesSharingOneKey() throws {
        let desk = try Desk()
        let db = desk.path("same.sqlite")
        let spellings = ["Nguyễn Văn An", "Nguyen Van An", "NGUYỄN VĂN AN", "nguyễn văn an"]
        var csv = "entity_id,type,lang,text,status\n"
        for index in 0..<20_000 { csv += "vn.person.an-\(index),person,vi,\(spellings[index % 4]),preferred\n" }
        let file = desk.path("same.csv")
        try Data(csv.utf8).write(to: URL(fileURLWithPath: file))
        let importing = try desk.run(["glossary", "import", file, "--glossary", db], timeout: 120)
        #expect(importing.status == 0 && !importing.timed_out, "\(importing)")
        try Data("Ông Nguyễn Văn An và bà Trần Thị Lan.\n".utf8).write(to: URL(fileURLWithPath: desk.path("an.txt")))
        let annotate = try desk.run(["annotate", desk.path("an.txt"), "--glossary", db], timeout: 120, keepOutput: desk.path("an.json"))
        #expect(annotate.status == 0 && !annotate.timed_out, "\(annotate)")
        let output = try String(contentsOfFile: desk.path("an.json"), encoding: .utf8)
        #expect(output.contains("\"vn.person.an-19999\""))
        let find = try desk.run(["glossary", "find", "Nguyen Van An", "--glossary", db], timeout: 60)
        #expect(find.status == 0 && !find.timed_out, "\(find)")
        let check = try desk.run(["check", desk.path("an.txt"), "--glossary", db], timeout: 120)
        #expect((check.status == 0 || check.status == 1) && !check.timed_out, "\(check)")
    }

    /// Invalid UTF-8 at every position of a short trilingual text: the error
    /// names that byte and the exit status is 2; with --replace-invalid the
    /// text is read. (AnnotateJob is tested the same way in process.)
    @Test func invalidUTF8AtEveryPosition() throws {
        let desk = try Desk()
        let text = Array("Lương Cường gặp 习近平 ở Hà Nội.\n".utf8)
        for position in text.indices {
            var bytes = text
            bytes[position] = 0xFF
            let result = try NomenProcess.run(["normalize", "-"], stdin: bytes, environment: desk.environment, directory: desk.directory)
            #expect(result.status == 2, "byte \(position)")
            // A spoilt multi-byte character is reported from its first byte.
            let start = text[...position].lastIndex { $0 & 0xC0 != 0x80 } ?? 0
            #expect(result.stderr.contains("<stdin>: invalid UTF-8 at byte \(start) "), "byte \(position): \(result.stderr)")
            let replaced = try NomenProcess.run(["normalize", "--replace-invalid", "-"], stdin: bytes,
                                                environment: desk.environment, directory: desk.directory)
            #expect(replaced.status == 0 && replaced.stdout.contains("\u{FFFD}"), "byte \(position): \(replaced.stderr)")
        }
        // check and annotate at the first, a middle and the last byte.
        for position in [0, 9, text.count - 2] {
            var bytes = text
            bytes[position] = 0xFF
            for command in [["check", "-"], ["annotate", "-"]] {
                let result = try NomenProcess.run(command, stdin: bytes, environment: desk.environment, directory: desk.directory)
                #expect(result.status == 2, "\(command) byte \(position): \(result.stderr)")
                let start = text[...position].lastIndex { $0 & 0xC0 != 0x80 } ?? 0
                #expect(result.stderr.contains("<stdin>: invalid UTF-8 at byte \(start)"), "\(command) byte \(position): \(result.stderr)")
            }
        }
    }
}
