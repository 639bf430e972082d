import Foundation
import NomenNormalization
import Testing
@testable import NomenMatching

/// Collects what a job writes, as the CLI's sink prints it.
final class CollectingSink: AnnotationSink {
    var output: [UInt8] = []
    var diagnostics: [Diagnostic] = []
    var writes = 0
    /// Each progress line: inputs done, of how many, and their bytes.
    var progress: [(done: Int, total: Int, bytes: Int)] = []
    func write(_ bytes: [UInt8]) { output += bytes; writes += 1 }
    func progress(done: Int, of total: Int, bytes: Int) { progress.append((done, total, bytes)) }
    func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    var text: String { String(decoding: output, as: UTF8.self) }
}

/// A folder of files written for one test, removed after it.
final class ScratchFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

@Suite struct AnnotateJobTests {
    func job(_ configure: (inout AnnotateOptions) -> Void) -> AnnotateJob {
        var options = AnnotateOptions()
        configure(&options)
        return AnnotateJob(matcher: seedMatcher, options: options)
    }

    /// `--jobs N` bounds how many inputs are annotated at once, not only how
    /// many are read per batch.
    @Test(arguments: [1, 2])
    func jobsBoundTheWorkers(jobs: Int) throws {
        let folder = try ScratchFolder()
        let article = Articles.english + "\n" + Articles.vietnamese + "\n"
        let paths = try (0..<24).map { try folder.write("a\($0).txt", Array(article.utf8)) }
        let limited = job { $0.jobs = jobs; $0.output = .jsonl }
        // Each input takes long enough that more workers would overlap.
        limited.inputStarted = { _ in usleep(20_000) }
        let sink = CollectingSink()
        #expect(limited.run(paths, sink: sink) == 0)
        #expect(limited.peakConcurrency == jobs)
        // In input order whatever finished first.
        let lines = sink.text.split(separator: "\n")
        #expect(lines.count == 24)
        for (index, line) in lines.enumerated() { #expect(line.contains("\"path\":\"\(paths[index])\"")) }
    }

    /// A file over the streaming threshold, read in chunks of a few lines,
    /// gives the output of the same file read whole, in every output. (The
    /// language is given: a streamed file's is detected from its first chunk.)
    @Test(arguments: [AnnotationOutput.json, .jsonl, .inline, .rewrite])
    func streamingGivesTheWholeFilesOutput(output: AnnotationOutput) throws {
        let folder = try ScratchFolder()
        let text = [Articles.english, Articles.vietnamese, Articles.chinese, Articles.vietnameseNoDiacritics,
                    Articles.english].joined(separator: "\n") + "\n"
        let path = try folder.write("long.txt", Array(text.utf8))
        let whole = CollectingSink(), streamed = CollectingSink()
        #expect(job { $0.output = output; $0.language = .en }.run([path], sink: whole) == 0)
        let streaming = job { $0.output = output; $0.language = .en; $0.streamThreshold = 0; $0.chunkSize = 200 }
        #expect(streaming.run([path], sink: streamed) == 0)
        #expect(whole.text.contains("Luong Cuong") || whole.text.contains("vn.person.luong-cuong"))
        #expect(streamed.text == whole.text)
        #expect(streamed.diagnostics.isEmpty && whole.diagnostics.isEmpty)
    }

    /// A document with thousands of mentions has its JSON written to the sink
    /// a piece at a time, the same bytes as rendered whole, alone or beside
    /// small documents (in a JSON array, with their commas).
    @Test(arguments: [AnnotationOutput.json, .jsonl])
    func manyMentionsAreWrittenInPieces(output: AnnotationOutput) throws {
        let folder = try ScratchFolder()
        let long = Array(String(repeating: Articles.english + "\n", count: 500).utf8)
        let big = try folder.write("long.txt", long)
        let small = try folder.write("short.txt", Array(Articles.vietnamese.utf8))
        let annotating = job { $0.output = output; $0.jobs = 2 }
        let whole = annotating.annotate(document: long, name: big, format: .text).output
        #expect(whole.count > 1 << 20)
        #expect(try JSONSerialization.jsonObject(with: Data(whole)) is [String: Any])
        let mentions = String(decoding: whole, as: UTF8.self).components(separatedBy: "\"start_utf8\"").count - 1
        #expect(mentions >= AnnotateJob.mentionsRenderedLater)

        let alone = CollectingSink()
        #expect(annotating.run([big], sink: alone) == 0)
        #expect(alone.output == whole)
        #expect(alone.writes >= 2)

        let inputs = [small, big, small, big]
        let together = CollectingSink()
        #expect(annotating.run(inputs, sink: together) == 0)
        let each = inputs.map { annotating.annotate(document: Array(try! Data(contentsOf: URL(fileURLWithPath: $0))), name: $0, format: .text).output }
        let expected = output == .json
            ? Array("[\n".utf8) + Array(each.joined(separator: Array(",\n".utf8))) + Array("\n]\n".utf8)
            : Array(each.joined())
        #expect(together.output == expected)
    }

    /// The progress line counts every input and its bytes, a streamed one
    /// included, and ends at the last input.
    @Test func progressCountsEveryInputsBytes() throws {
        let folder = try ScratchFolder()
        let texts = [Articles.english, Articles.vietnamese + "\n" + Articles.english, Articles.chinese]
        let paths = try texts.enumerated().map { try folder.write("a\($0.offset).txt", Array($0.element.utf8)) }
        let sink = CollectingSink()
        // The second is over the threshold: streamed in its turn on this thread.
        let threshold = texts[0].utf8.count + 1
        #expect(job { $0.output = .jsonl; $0.jobs = 2; $0.streamThreshold = threshold }.run(paths, sink: sink) == 0)
        let last = try #require(sink.progress.last)
        #expect(last.done == 3 && last.total == 3)
        #expect(last.bytes == texts.map(\.utf8.count).reduce(0, +))
        #expect(sink.text.split(separator: "\n").count == 3)
    }

    /// Invalid UTF-8 in several chunks of a streamed file: one warning, at
    /// the first bad byte's offset in the file.
    @Test func streamingWarnsOnceAtTheFileOffset() throws {
        let folder = try ScratchFolder()
        let line = Array("President Xi Jinping visited Hanoi.\n".utf8)
        var bytes: [UInt8] = []
        for _ in 0..<10 { bytes += line }
        let firstBad = bytes.count + 10
        bytes += Array(line[..<10]) + [0xFF] + Array(line[10...])
        for _ in 0..<10 { bytes += line }
        bytes += [0xC3, 0x0A]
        let path = try folder.write("bad.txt", bytes)
        let sink = CollectingSink()
        let streaming = job { $0.output = .jsonl; $0.streamThreshold = 0; $0.chunkSize = 64; $0.replaceInvalid = true }
        #expect(streaming.run([path], sink: sink) == 0)
        #expect(sink.diagnostics == [Diagnostic(path: path, problem: .invalidUTF8Replaced(byteOffset: firstBad))])
        // Without replacement the file fails at the same byte.
        let strict = CollectingSink()
        #expect(job { $0.output = .jsonl; $0.streamThreshold = 0; $0.chunkSize = 64 }.run([path], sink: strict) == 1)
        #expect(strict.diagnostics == [Diagnostic(path: path, problem: .invalidUTF8(byteOffset: firstBad))])
    }

    /// Several json outputs make one array; diagnostics name the input.
    @Test func severalInputsAndTheirProblems() throws {
        let folder = try ScratchFolder()
        let good = try folder.write("good.txt", Array("Xi Jinping in Hanoi.\n".utf8))
        let binary = try folder.write("blob.bin", [0x41, 0x00, 0x42])
        let bad = try folder.write("bad.txt", Array("Hà Nội ".utf8) + [0xFF])
        let sink = CollectingSink()
        #expect(job { $0.output = .json }.run([good, binary, bad], sink: sink) == 1)
        #expect(sink.text.hasPrefix("[\n{") && sink.text.hasSuffix("}\n\n]\n"))
        #expect(sink.diagnostics == [
            Diagnostic(path: binary, problem: .binarySkipped),
            Diagnostic(path: bad, problem: .invalidUTF8(byteOffset: 10)),
        ])
        #expect(sink.diagnostics.map(\.severity) == [.note, .error])
    }

    /// A document in memory (a server's request) is read as a file is:
    /// markup masked, surfaces and offsets from the original.
    @Test func aDocumentInMemory() throws {
        let html = Array("<p title=\"Hanoi\">Xi Jinping</p>\n".utf8)
        let result = job { $0.output = .jsonl }.annotate(document: html, name: "request", format: .html)
        #expect(!result.failed && result.diagnostics.isEmpty)
        let text = String(decoding: result.output, as: UTF8.self)
        #expect(text.contains("\"text\":\"Xi Jinping\""))
        #expect(!text.contains("\"text\":\"Hanoi\""))
        let lines = job { $0.output = .jsonl; $0.field = "body" }
            .annotate(document: Array("{\"body\":\"Hanoi\"}\n[1]\n{\"x\":1}\n".utf8), name: "a.jsonl", format: .jsonl)
        #expect(lines.diagnostics == [
            Diagnostic(path: "a.jsonl", line: 2, problem: .notJSONObject),
            Diagnostic(path: "a.jsonl", line: 3, problem: .missingField("body")),
        ])
        #expect(String(decoding: lines.output, as: UTF8.self).contains("\"line\":1"))
    }

    /// Offsets in HTML and Markdown count the source's scalars, not the
    /// masked bytes; character references are decoded for matching and the
    /// offsets still slice the source.
    @Test(arguments: [
        ("<p title=\"Hà Nội\">Hanoi</p>\n", InputFormat.html, ["Hanoi"]),
        ("<p>Thủ đô H&agrave; N&#7897;i đón Xi Jinping.</p>\n", .html, ["H&agrave; N&#7897;i", "Xi Jinping"]),
        ("<p>Đến H&#x00E0; N&#x1ED9;i &amp; Đ&agrave; N&#7861;ng</p>\n", .html, ["H&#x00E0; N&#x1ED9;i", "Đ&agrave; N&#7861;ng"]),
        ("Dùng `Hà Nội` trong mã; [bản đồ](https://vi.example/Hà-Nội) của Đà Nẵng.\n", .markdown, ["Đà Nẵng"]),
    ])
    func offsetsSliceTheSource(_ source: String, format: InputFormat, surfaces: [String]) throws {
        let result = job { $0.output = .jsonl; $0.language = .vi }.annotate(document: Array(source.utf8), name: "x", format: format)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any])
        let mentions = try #require(object["mentions"] as? [[String: Any]])
        #expect(mentions.compactMap { $0["text"] as? String } == surfaces)
        let scalars = Array(source.unicodeScalars), bytes = Array(source.utf8)
        for mention in mentions {
            let start = try #require(mention["start"] as? Int), end = try #require(mention["end"] as? Int)
            let startUTF8 = try #require(mention["start_utf8"] as? Int), endUTF8 = try #require(mention["end_utf8"] as? Int)
            let text = mention["text"] as? String
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == text)
            #expect(String(decoding: bytes[startUTF8..<endUTF8], as: UTF8.self) == text)
        }
        if format == .html && source.hasPrefix("<p title") { #expect(mentions.first?["start"] as? Int == 18) }
    }

    /// Every reference decodes to its character and padding the fold drops,
    /// byte for byte the reference's length.
    @Test func referencesDecodeInPlace() throws {
        var bytes = Array("a&eacute;b &#7897; &#x1EC7; &nbsp; &lt; &bogus; &#1;".utf8)
        let length = bytes.count
        MarkupMask.html(&bytes)
        #expect(bytes.count == length)
        #expect(MarkupMask.visibleText(bytes, 0..<bytes.count) == "aéb ộ ệ \u{A0} < " + String(repeating: " ", count: 7) + " " + String(repeating: " ", count: 4))
        #expect(try MatchKey.key(String(decoding: bytes.prefix(10), as: UTF8.self), tier: .folded) == "aeb")
    }

    /// JSON Lines without a field named is annotated on `text`, never as raw
    /// JSON; `idField` is copied into each line's output.
    @Test func jsonLinesDefaultToTheTextFieldAndPassTheID() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("articles.jsonl", Array("""
            {"id": "a-1", "text": "Xi Jinping visited Hanoi.", "url": "https://x.example/Saigon"}
            {"id": 7, "body": "Saigon"}
            {"text": "Hai Phong"}

            """.utf8))
        let sink = CollectingSink()
        #expect(job { $0.output = .jsonl; $0.idField = "id" }.run([path], sink: sink) == 1)
        let lines = sink.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("{\"path\":\"\(path)\",\"line\":1,\"id\":\"a-1\",\"language\":\"en\""))
        #expect(lines[0].contains("\"entity\":\"vn.place.ha-noi\"") && !lines[0].contains("Saigon"))
        #expect(lines[1].hasPrefix("{\"path\":\"\(path)\",\"line\":3,\"id\":null,"))
        #expect(sink.diagnostics == [Diagnostic(path: path, line: 2, problem: .missingField("text"))])
        #expect(sink.diagnostics[0].description == "\(path):2: no string field \"text\" to annotate")
    }

    /// Reading a file: its bytes whole, or an error naming what is wrong.
    @Test func readsFilesAndNamesWhatIsWrong() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = Array("Hải Phòng và Hà Nội\n".utf8)
        // Sizes around the read block (1 MiB), and none.
        for count in [0, 1, text.count, 1 << 20, (1 << 20) + 7] {
            let path = folder.appendingPathComponent("f\(count).txt").path
            let bytes = (0..<count).map { text[$0 % text.count] }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try InputFiles.read(path) == bytes)
            // Over a limit: its size, unread; at the limit: its bytes.
            if case .bytes(let read) = try InputFiles.read(path, unlessLargerThan: count) { #expect(read == bytes) } else {
                Issue.record("\(count) bytes read as too large for \(count)")
            }
            if count > 0, case .tooLarge(let size) = try InputFiles.read(path, unlessLargerThan: count - 1) {
                #expect(size == count)
            } else if count > 0 {
                Issue.record("\(count) bytes read under a limit of \(count - 1)")
            }
        }
        #expect(throws: InputError(path: folder.path, reason: "is a directory")) { try InputFiles.read(folder.path) }
        let missing = folder.appendingPathComponent("missing.txt").path
        #expect(throws: InputError(path: missing, reason: "no such file")) { try InputFiles.read(missing) }
    }

    /// Both commands tell a format from a path the same way.
    @Test func formatsByExtension() {
        #expect(InputFormat.detect(path: "a/story.XHTML") == .html)
        #expect(InputFormat.detect(path: "story.htm") == .html)
        #expect(InputFormat.detect(path: "notes.markdown") == .markdown)
        #expect(InputFormat.detect(path: "feed.ndjson") == .jsonl)
        #expect(InputFormat.detect(path: "story.txt") == .text)
        #expect(InputFormat.detect(path: "README") == .text)
        // Only the last component's extension counts, and a leading dot is no extension.
        #expect(InputFormat.detect(path: "site.html/README") == .text)
        #expect(InputFormat.detect(path: "v1.2/feed.jsonl") == .jsonl)
        #expect(InputFormat.detect(path: "drafts/.md") == .text)
        #expect(InputFormat.detect(path: "drafts/.notes.md") == .markdown)
        // A JSON Lines file is read as JSON Lines, with or without --field.
        #expect(job { _ in }.format(of: "feed.jsonl") == .jsonl)
        #expect(job { $0.field = "body" }.format(of: "feed.ndjson") == .jsonl)
    }
}
