import Foundation
import NomenNormalization
import Testing
@testable import NomenMatching

/// Texts built to hurt: invalid UTF-8 at every position, and a line too long
/// to read as one piece.
@Suite struct HostileTextTests {
    static let text = "Chủ tịch nước Lương Cường gặp Tập Cận Bình; President Xi Jinping (习近平) visited Hanoi.\n"

    /// The text broken at `position`, each way with the offset of the
    /// first ill-formed byte and the bytes of the original text it spoils:
    /// the byte replaced by 0xFF (the character it belonged to is spoilt,
    /// and reported from its first byte); a lone continuation byte inserted
    /// before a character; the text cut in the middle of a character.
    static func corruptions(at position: Int) -> [(name: String, bytes: [UInt8], firstBad: Int, spoilt: Range<Int>)] {
        let bytes = Array(text.utf8)
        func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        let start = bytes[...position].lastIndex { !isContinuation($0) } ?? 0
        let end = bytes[(position + 1)...].firstIndex { !isContinuation($0) } ?? bytes.count
        var result: [(String, [UInt8], Int, Range<Int>)] = []
        var replaced = bytes
        replaced[position] = 0xFF
        result.append(("0xFF at \(position)", replaced, start, start..<end))
        if position == start {
            var inserted = bytes
            inserted.insert(0x80, at: position)
            result.append(("0x80 before \(position)", inserted, position, position..<position))
        } else {
            result.append(("cut at \(position)", Array(bytes[..<position]), start, start..<bytes.count))
        }
        return result
    }

    /// Every position: strict reading fails at exactly that byte, in the
    /// decoder and in an annotate job; reading with U+FFFD still finds every
    /// full mention at least one character away from the damage.
    @Test func invalidUTF8AtEveryPosition() throws {
        let clean = try seedMatcher.annotate(Self.text)
        let full = clean.mentions.filter { !$0.isShort && $0.entity != nil }
        #expect(full.count >= 4, "\(summary(clean))")
        let strictJob = AnnotateJob(matcher: seedMatcher, options: { var o = AnnotateOptions(); o.output = .jsonl; return o }())
        let replacingJob = AnnotateJob(matcher: seedMatcher, options: {
            var o = AnnotateOptions(); o.output = .jsonl; o.replaceInvalid = true; return o
        }())
        for position in 0..<Self.text.utf8.count {
            for corruption in Self.corruptions(at: position) {
                #expect(throws: InvalidUTF8(byteOffset: corruption.firstBad), "\(corruption.name)") {
                    try TextDecoding.strictUTF8(corruption.bytes)
                }
                let strict = strictJob.annotate(document: corruption.bytes, name: "t.txt", format: .text)
                #expect(strict.failed && strict.diagnostics == [Diagnostic(path: "t.txt", problem: .invalidUTF8(byteOffset: corruption.firstBad))],
                        "\(corruption.name)")
                let replaced = replacingJob.annotate(document: corruption.bytes, name: "t.txt", format: .text)
                #expect(!replaced.failed && replaced.diagnostics == [Diagnostic(path: "t.txt", problem: .invalidUTF8Replaced(byteOffset: corruption.firstBad))],
                        "\(corruption.name)")
                let document = try seedMatcher.annotate(TextDecoding.replacingUTF8(corruption.bytes).text)
                var found = document.mentions.compactMap(\.entity)
                let untouched = full.filter { $0.endUTF8 < corruption.spoilt.lowerBound || $0.startUTF8 > corruption.spoilt.upperBound }
                for mention in untouched {
                    if let index = found.firstIndex(of: mention.entity!) {
                        found.remove(at: index)
                    } else {
                        Issue.record("\(corruption.name): \(mention.text) (\(mention.entity!)) not found in \(summary(document))")
                    }
                }
            }
        }
    }

    /// A streamed file with a line longer than the limit fails with the
    /// limit and where the line starts, rather than reading it whole.
    @Test func aStreamedLineLongerThanTheLimitFails() throws {
        let folder = try ScratchFolder()
        let line = Array("President Xi Jinping visited Hanoi.\n".utf8)
        var bytes: [UInt8] = []
        for _ in 0..<10 { bytes += line }
        let longStart = bytes.count
        for _ in 0..<200 { bytes += Array("Lương Cường ".utf8) }
        bytes += [0x0A] + line
        let path = try folder.write("long.txt", bytes)
        var options = AnnotateOptions()
        options.output = .jsonl
        options.streamThreshold = 0
        options.chunkSize = 64
        options.maximumLineLength = 1000
        let sink = CollectingSink()
        #expect(AnnotateJob(matcher: seedMatcher, options: options).run([path], sink: sink) == 1)
        #expect(sink.diagnostics == [Diagnostic(path: path, problem: .unreadable(
            "has a line longer than 1000 bytes (from byte \(longStart)), the most nomen reads at once (NOMEN_MAX_INPUT_BYTES raises the limit)"))])
        // With room for the line, the same file is annotated.
        options.maximumLineLength = 4000
        let roomy = CollectingSink()
        #expect(AnnotateJob(matcher: seedMatcher, options: options).run([path], sink: roomy) == 0)
        #expect(roomy.text.contains("vn.person.luong-cuong"))
    }

    /// Chunks end at line breaks and put the file back together byte for
    /// byte, for lines shorter and longer than a chunk and a last line
    /// without a break (seeded lengths, chunk sizes 1 to 64).
    @Test func chunksEndAtLineBreaksAndRebuildTheFile() throws {
        let folder = try ScratchFolder()
        var seeded = UInt64(0x6E6F6D656E)
        func next(_ bound: Int) -> Int {
            seeded = seeded &* 6364136223846793005 &+ 1442695040888963407
            return Int(seeded >> 33) % bound
        }
        let words = ["Lương Cường", "习近平", "Hai Phong", " ", ", "]
        for trial in 0..<40 {
            var bytes: [UInt8] = []
            for _ in 0..<next(30) {
                for _ in 0..<next(12) { bytes += Array(words[next(words.count)].utf8) }
                bytes.append(0x0A)
            }
            if next(2) == 0 { bytes += Array("Hà Nội".utf8) }  // no final break
            let path = try folder.write("chunks-\(trial).txt", bytes)
            let chunkSize = 1 + next(64)
            var reader = try ChunkReader(path: path, chunkSize: chunkSize, maximumLine: 1 << 20)
            var rebuilt: [UInt8] = []
            var chunks: [[UInt8]] = []
            while let chunk = try reader.next() {
                chunks.append(chunk)
                rebuilt += chunk
            }
            #expect(rebuilt == bytes, "trial \(trial), chunk size \(chunkSize)")
            #expect(chunks.dropLast().allSatisfy { $0.last == 0x0A }, "trial \(trial): a chunk cut a line")
            #expect(!chunks.contains { $0.isEmpty })
        }
    }
}
