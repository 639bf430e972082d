import Foundation
@testable import NomenCheck
import Testing

@Suite struct OutputTests {
    static let findings: [Finding] = {
        (try? SeedGlossary.check("Tourists flock to Saigon every December.\n\nChủ tịch Tap Can Binh đến Hà Nội.", path: "news/today.txt")) ?? []
    }()

    @Test func textLines() {
        #expect(FindingPrinter.text(Self.findings, color: false) == """
            news/today.txt:1:19: warning[deprecated-name]: Saigon is a deprecated name (historical name (until 1976)); the preferred name is Ho Chi Minh City (Ho Chi Minh City)
            news/today.txt:3:10: warning[missing-diacritics]: Tap Can Binh is written without its diacritics (Tập Cận Bình)

            """)
        #expect(FindingPrinter.text(Self.findings, color: true).contains("\u{1B}[33mwarning\u{1B}[0m[deprecated-name]"))
    }

    @Test func jsonObjects() throws {
        let json = try FindingPrinter.json(Self.findings)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(Set(objects[0].keys) == ["path", "line", "column", "end_line", "end_column", "rule", "severity",
                                         "message", "text", "suggestion", "entity"])
        #expect(objects[1]["column"] as? Int == 10)
        #expect(objects[1]["end_column"] as? Int == 22)
        #expect(objects[1]["entity"] as? String == "cn.person.xi-jinping")
    }

    /// Written a piece at a time (as `nomen check` writes many findings),
    /// the same bytes as built whole; a piece ends after a finding.
    @Test func jsonInPieces() throws {
        var pieces: [[UInt8]] = []
        FindingPrinter.writeJSON(Self.findings, pieceSize: 64) { pieces.append(Array($0)) }
        #expect(pieces.count == Self.findings.count + 1)
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == (try FindingPrinter.json(Self.findings)))
        #expect(pieces.dropLast().map { String(decoding: $0, as: UTF8.self) }.allSatisfy { $0.hasSuffix("},\n") || $0.hasSuffix("}\n") })
    }

    /// Validated against the official schema with Python's jsonschema.
    @Test func sarifValidatesAgainstTheOfficialSchema() throws {
        let sarif = try FindingPrinter.sarif(Self.findings, toolVersion: "0.1.0")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("out.sarif")
        try sarif.write(to: file, atomically: true, encoding: .utf8)
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sarif-schema-2.1.0.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.validate(json.load(open(sys.argv[2])), schema)
            print("valid")
            """, schema.path, file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(said)")
        #expect(said == "valid\n")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
    }
}

@Suite struct TerminalTests {
    /// no-color.org: NO_COLOR turns colour off only when it is non-empty.
    @Test func noColorCountsOnlyWhenNonEmpty() {
        #expect(FindingPrinter.colorsByDefault(onTerminal: true, environment: [:]))
        #expect(FindingPrinter.colorsByDefault(onTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(!FindingPrinter.colorsByDefault(onTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!FindingPrinter.colorsByDefault(onTerminal: false, environment: [:]))
    }

    /// A byte-order mark is not a column.
    @Test func byteOrderMarkIsNotAColumn() throws {
        let findings = try SeedGlossary.check("\u{FEFF}Tourists flock to Saigon.\nSaigon\n")
        #expect(findings.map { "\($0.line):\($0.column)-\($0.endColumn)" } == ["1:19-25", "2:1-7"])
    }
}

@Suite struct FixerTests {
    @Test func appliesSafeFixesOnly() throws {
        let text = "Tourists flock to Saigon. Chinese President Xi Jingping arrived."
        let findings = try SeedGlossary.check(text)
        #expect(findings.map(\.rule) == [.deprecatedName, .nearMiss])
        let (fixed, applied) = Fixer.apply(findings, to: Array(text.utf8))
        #expect(applied == 1)
        #expect(String(decoding: fixed, as: UTF8.self) == "Tourists flock to Ho Chi Minh City. Chinese President Xi Jingping arrived.")
    }

    /// GNU diff's format, so that `patch` applies it without fuzz: no
    /// phantom line after the final line feed, the marker when a file does
    /// not end with one, and CRLF lines kept whole.
    @Test func unifiedDiff() {
        let diff = Fixer.unifiedDiff(path: "a.txt", old: "one\ntwo\nthree\n", new: "one\n2\nthree\n")
        #expect(diff == "--- a.txt\n+++ a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n")
        let unterminated = Fixer.unifiedDiff(path: "b.txt", old: "a\nb", new: "a\nc")
        #expect(unterminated == """
            --- b.txt
            +++ b.txt
            @@ -1,2 +1,2 @@
             a
            -b
            \\ No newline at end of file
            +c
            \\ No newline at end of file

            """)
        let crlf = Fixer.unifiedDiff(path: "c.txt", old: "one\r\ntwo\r\n", new: "one\r\n2\r\n")
        #expect(crlf == "--- c.txt\n+++ c.txt\n@@ -1,2 +1,2 @@\n one\r\n-two\r\n+2\r\n")
    }
}

/// Line and column of an offset, on short lines and on lines far longer
/// than `SourceText`'s checkpoint spacing, against counting from the start.
@Suite struct SourcePositionTests {
    @Test func positionsOnLongLinesEqualCountingFromTheStart() {
        let piece = "Lương Cường gặp 习近平 tại Hà Nội 🇻🇳; Xi Jinping in Hanoi. "
        let long = String(repeating: piece, count: 700)  // about 50 KB on one line
        let text = "\u{FEFF}" + long + "\nHải Phòng\n" + long + "\n\nHà Khẩu"
        let source = SourceText(path: "long.txt", text: text)
        let bytes = Array(text.utf8)
        var line = 1, column = 1, checked = 0
        for (offset, byte) in bytes.enumerated() {
            let isScalarStart = byte & 0xC0 != 0x80
            if isScalarStart && (offset % 97 == 0 || byte == 0x0A || offset < 8) {
                let position = source.position(ofUTF8: offset)
                #expect(position.line == line && position.column == column, "at byte \(offset)")
                checked += 1
            }
            if byte == 0x0A {
                line += 1
                column = 1
            } else if isScalarStart && !(offset == 0 && text.hasPrefix("\u{FEFF}")) {
                column += 1
            }
        }
        #expect(checked > 500)
        #expect(source.position(ofUTF8: bytes.count) == (line: line, column: column))
    }

    /// A finding's end is counted from its start when both are on one line:
    /// the same position as counting it alone, after a byte-order mark, on
    /// a long line, and for ranges over a line break.
    @Test func anEndCountedFromItsStartEqualsItsOwnCount() {
        let piece = "Lương Cường gặp 习近平 tại Hà Nội 🇻🇳; Xi Jinping in Hanoi. "
        let text = "\u{FEFF}Hải Phòng, " + String(repeating: piece, count: 120) + "\nHà\n\nHà Khẩu " + piece
        let source = SourceText(path: "ends.txt", text: text)
        let starts = Array(text.utf8).indices.filter { Array(text.utf8)[$0] & 0xC0 != 0x80 } + [text.utf8.count]
        var compared = 0
        for (index, start) in starts.enumerated() where index % 7 == 0 || start < 12 {
            let from = source.position(ofUTF8: start)
            for end in starts[index...].prefix(40) where end == start || end % 3 == 0 || end - start > 30 {
                let counted = source.position(ofUTF8: end, after: from, at: start)
                let own = source.position(ofUTF8: end)
                #expect(counted.line == own.line && counted.column == own.column, "\(start)..<\(end)")
                compared += 1
            }
        }
        #expect(compared > 1000)
    }
}

extension SourcePositionTests {
    /// A file of one long line dense with findings takes about as long as
    /// the same text in short lines: a column is not counted from the
    /// line's start for every finding (that was quadratic: 8 MiB on one
    /// line took 81 s in a release build, 2 s now). The bound is a ratio of
    /// two runs side by side, not a time, so a busy machine slows both.
    @Test func aLongLineIsCheckedAboutAsFastAsShortOnes() throws {
        let sentence = "Chủ tịch nước Lương Cường tiếp Chủ tịch Tập Cận Bình (习近平) tại Hà Nội; "
            + "President Luong Cuong met Xi Jinping in Hanoi. "
        let count = (1 << 20) / sentence.utf8.count  // 1 MiB
        let oneLine = String(repeating: sentence, count: count)
        let shortLines = String(repeating: sentence + "\n", count: count)
        func seconds(_ text: String) throws -> (Double, Int) {
            let started = ContinuousClock.now
            let findings = try SeedGlossary.check(text)
            let elapsed = ContinuousClock.now - started
            return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, findings.count)
        }
        _ = try seconds(String(repeating: sentence, count: 10))  // compiles the checker's tables
        let (short, shortFindings) = try seconds(shortLines)
        let (long, longFindings) = try seconds(oneLine)
        #expect(longFindings == shortFindings && longFindings > 20_000)
        #expect(long < short * 3, "one line: \(long) s, short lines: \(short) s")
    }
}
