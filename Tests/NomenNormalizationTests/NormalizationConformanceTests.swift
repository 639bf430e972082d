import Testing
@_spi(Performance) @testable import NomenNormalization

/// Unicode's own conformance test for normalization (UAX #15), every line.
@Suite struct NormalizationConformanceTests {
    struct Line {
        let number: Int
        let columns: [String]  // c1…c5
    }

    static func parse(_ field: Substring) -> String {
        var scalars = String.UnicodeScalarView()
        for hex in field.split(separator: " ") {
            scalars.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
        }
        return String(scalars)
    }

    static func loadLines() throws -> (lines: [Line], part1: Set<UInt32>) {
        var lines: [Line] = []
        var part1: Set<UInt32> = []
        var inPart1 = false
        let text = try Fixtures.text("unicode/NormalizationTest.txt")
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if raw.hasPrefix("@Part") { inPart1 = raw.hasPrefix("@Part1"); continue }
            if raw.hasPrefix("#") || raw.isEmpty { continue }
            let fields = raw.split(separator: ";", omittingEmptySubsequences: false).prefix(5)
            let columns = fields.map(parse)
            lines.append(Line(number: index + 1, columns: columns))
            if inPart1, let scalar = columns[0].unicodeScalars.first { part1.insert(scalar.value) }
        }
        return (lines, part1)
    }

    @Test func icuImplementsUnicode15() {
        #expect(ICUInfo.unicodeVersion == "15.0")
    }

    @Test func everyLinePasses() throws {
        let (lines, _) = try Self.loadLines()
        #expect(lines.count > 19_000)
        var failures: [String] = []
        for line in lines {
            let c = line.columns
            func check(_ form: UnicodeForm, _ expected: String, _ sources: [Int]) throws {
                for source in sources {
                    let actual = try UnicodeNormalizer.normalize(c[source], to: form)
                    if actual != expected {
                        failures.append("line \(line.number): \(form)(c\(source + 1))")
                    }
                }
            }
            try check(.nfc, c[1], [0, 1, 2])
            try check(.nfc, c[3], [3, 4])
            try check(.nfd, c[2], [0, 1, 2])
            try check(.nfd, c[4], [3, 4])
            try check(.nfkc, c[3], [0, 1, 2, 3, 4])
            try check(.nfkd, c[4], [0, 1, 2, 3, 4])
            // isNormalized (with its shortcut for NFC) agrees with the columns: a column is
            // in NFC when it is byte for byte its NFC (c2 for c1–c3, c4 for c4–c5).
            for source in 0..<5 {
                let nfc = source < 3 ? c[1] : c[3]
                guard try UnicodeNormalizer.isNormalized(c[source], .nfc) != c[source].utf8.elementsEqual(nfc.utf8) else { continue }
                failures.append("line \(line.number): isNormalized(c\(source + 1), NFC)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }

    /// Part 1 lists every code point that normalization changes; all others
    /// must come back as they are, in every form.
    @Test func codePointsNotInPart1AreInvariant() throws {
        let (_, part1) = try Self.loadLines()
        var failures: [UInt32] = []
        for value in UInt32(0)...0x10FFFF where !part1.contains(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            for form in [UnicodeForm.nfc, .nfd, .nfkc, .nfkd] where try UnicodeNormalizer.normalize(text, to: form) != text {
                failures.append(value)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).map { String($0, radix: 16) })")
    }

    @Test(arguments: [
        ("Hải Phòng", "hải phòng"),
        ("ＨＡＮＯＩ", "hanoi"),       // fullwidth letters are compatibility forms
        ("Straße", "strasse"),
        ("ΣΟΦΟΣ", "σοφοσ"),
        ("Đ\u{00AD}à", "đà"),          // the soft hyphen is default-ignorable
    ])
    func nfkcCasefold(input: String, expected: String) throws {
        #expect(try UnicodeNormalizer.normalize(input, to: .nfkcCasefold) == expected)
    }

    @Test func isNormalizedTellsFormsApart() throws {
        let nfc = "Nguyễn"
        let nfd = try UnicodeNormalizer.normalize(nfc, to: .nfd)
        // Swift's == compares canonically; the scalars show the forms differ.
        #expect(Array(nfd.unicodeScalars) != Array(nfc.unicodeScalars))
        #expect(try UnicodeNormalizer.isNormalized(nfc, .nfc))
        #expect(try !UnicodeNormalizer.isNormalized(nfc, .nfd))
        #expect(try UnicodeNormalizer.isNormalized(nfd, .nfd))
        #expect(Array(try UnicodeNormalizer.normalize(nfd, to: .nfc).unicodeScalars) == Array(nfc.unicodeScalars))
    }
}

/// The byte-level shortcut the linter takes before asking ICU whether a
/// line is in NFC.
@Suite struct CertainlyNFCTests {
    static func certain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { UnicodeNormalizer.isCertainlyNFC(utf8: $0) }
    }

    /// Every scalar the shortcut accepts is left alone by NFC on its own
    /// and after a letter it could compose with, and has combining class 0.
    @Test func everyAcceptedScalarIsStableUnderNFC() throws {
        var wrong: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), Self.certain(String(scalar)) else { continue }
            let alone = String(scalar)
            var stable = try scalar.properties.canonicalCombiningClass == .notReordered
                && UnicodeNormalizer.normalize(alone, to: .nfc) == alone
            for letter in ["a", "e", "o", "u", "ư", "\u{1100}"] where stable {
                stable = (try UnicodeNormalizer.normalize(letter + alone, to: .nfc)) == letter + alone
            }
            if !stable { wrong.append("U+" + String(value, radix: 16, uppercase: true)) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    @Test func decomposedAndSingletonTextIsLeftToICU() throws {
        #expect(Self.certain("Hải Phòng, Hà Nội — “Lương Cường” 习近平 ＨＡＮＯＩ 2025"))
        for text in ["Ha\u{0300} No\u{0302}\u{0323}i", "\u{212B}ngström", "\u{F900}", "한국", "e\u{301}", "\u{1F71}"] {
            #expect(!Self.certain(text), "\(text)")
        }
        #expect(Self.certain(""))
    }
}
