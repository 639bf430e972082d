import Foundation
import Testing
@testable import NomenNormalization

/// One row of Fixtures/legacy/manifest.tsv: `file  form  expected  is_legacy_vietnamese`.
struct LegacyFixture: CustomTestStringConvertible, Sendable {
    let file: String
    let form: String
    let expected: String
    let isLegacyVietnamese: Bool

    var testDescription: String { file }

    /// The decoder for `form`; nil for the negatives in encodings nomen does
    /// not decode (cp1252 English, GB18030 Chinese).
    var encoding: LegacyEncoding? {
        if form.hasPrefix("mojibake") { return .mojibake }
        return LegacyEncoding(rawValue: form)
    }

    static let all: [LegacyFixture] = {
        guard let rows = try? Fixtures.tsv("legacy/manifest.tsv") else { return [] }
        return rows.filter { $0.count >= 4 }.map {
            LegacyFixture(file: $0[0], form: $0[1], expected: $0[2], isLegacyVietnamese: $0[3] == "yes")
        }
    }()

    static let decodable = all.filter { !$0.expected.isEmpty }
    static let negatives = all.filter { !$0.isLegacyVietnamese }

    func bytes() throws -> [UInt8] { try Fixtures.bytes("legacy/" + file) }
    func expectedText() throws -> String { try Fixtures.text("legacy/" + expected) }
}

@Suite struct LegacyEncodingTests {
    // MARK: Round trips over the fixtures (paragraphs encoded by tools/encodings)

    @Test func manifestIsComplete() {
        #expect(LegacyFixture.all.count == 37)
        #expect(LegacyFixture.all.filter(\.isLegacyVietnamese).count == 28)
        let forms = Set(LegacyFixture.all.compactMap(\.encoding))
        #expect(forms == Set(LegacyEncoding.allCases))
    }

    @Test(arguments: LegacyFixture.decodable)
    func decodesFixtureExactly(_ fixture: LegacyFixture) throws {
        let encoding = try #require(fixture.encoding)
        let decoded = try LegacyText.decode(try fixture.bytes(), from: encoding)
        let expected = try fixture.expectedText()
        let difference = Array(zip(decoded, expected)).firstIndex { $0.0 != $0.1 }
            ?? min(decoded.count, expected.count)
        let context = max(0, difference - 10)
        #expect(decoded == expected,
                "first difference at character \(difference): \(decoded.dropFirst(context).prefix(30))")
    }

    @Test(arguments: LegacyFixture.all.filter(\.isLegacyVietnamese))
    func detectsLegacyFixture(_ fixture: LegacyFixture) throws {
        let bytes = try fixture.bytes()
        let detection = LegacyText.detect(bytes)
        #expect(detection.encoding == fixture.encoding, "\(detection.evidence)")
        #expect(detection.confident, "\(detection.evidence)")
        #expect(detection.candidates.first?.encoding == detection.encoding)
        #expect(detection.evidence.hasPrefix(detection.encoding.displayName))
        let (text, auto) = try LegacyText.decodeAuto(bytes)
        #expect(auto == detection)
        #expect(text == (try fixture.expectedText()))
    }

    /// The shortcut `nomen check` takes: well-formed UTF-8 with a letter
    /// beyond ASCII never detects as a legacy encoding; VIQR (ASCII) may.
    @Test(arguments: LegacyFixture.all)
    func onlyTextWithoutLettersBeyondASCIICanDetectAsLegacy(_ fixture: LegacyFixture) throws {
        func mayBeLegacy(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBufferPointer { LegacyText.mayReadAsLegacyEncoding(wellFormedUTF8: $0) }
        }
        let bytes = try fixture.bytes()
        if (try? TextDecoding.strictUTF8(bytes)) != nil {
            let detected = LegacyText.detect(bytes).encoding
            if !mayBeLegacy(bytes) { #expect(detected == .utf8 || detected == .mojibake) }
            if fixture.encoding == .viqr { #expect(mayBeLegacy(bytes)) }
        }
        if fixture.isLegacyVietnamese && !fixture.expected.isEmpty {
            let vietnamese = Array(try fixture.expectedText().utf8)
            #expect(!mayBeLegacy(vietnamese))
            #expect(LegacyText.detect(vietnamese).encoding == .utf8)
        }
    }

    @Test(arguments: LegacyFixture.negatives)
    func negativeIsNotLegacy(_ fixture: LegacyFixture) throws {
        let bytes = try fixture.bytes()
        let detection = LegacyText.detect(bytes)
        #expect(detection.encoding == .utf8, "\(detection.evidence)")
        if fixture.form == "utf8" {
            // Modern text: confident, and decodeAuto returns it unchanged.
            #expect(detection.confident, "\(detection.evidence)")
            let (text, _) = try LegacyText.decodeAuto(bytes)
            #expect(text == (try fixture.expectedText()))
        } else {
            // cp1252 English, GB18030 Chinese: nothing nomen can decode them as.
            #expect(!detection.confident)
            #expect(detection.evidence.contains("not UTF-8"))
            #expect(throws: LegacyDecodingError.self) { try LegacyText.decodeAuto(bytes) }
        }
    }

    // MARK: VIQR

    @Test(arguments: [
        ("Vie^.t Nam", "Việt Nam"),
        ("dda^'t DDa`", "đất Đà"),
        ("Ddi d-i D-a", "Đi đi Đa"),
        ("tru+o+`ng ho.c", "trường học"),
        ("a( a^ e^ o^ o+ u+", "ă â ê ô ơ ư"),
        ("Thu.y\\.", "Thụy."),
        ("gi`\\?", "gì?"),  // an escaped mark after a vowel is literal
        ("gi\\`", "gi`"),
        ("a\\^2 va\\\\ C:\\path", "a^2 va\\ C:\\path"),  // \ before other characters is literal
        ("i^ u( e+", "i^ u( e+"),  // marks that make no Vietnamese letter stay literal
        ("a'' a^^", "á' â^"),  // one tone, one quality mark
        ("a'^", "á^"),  // the quality mark comes before the tone
        ("3+4 = 7, x^2", "3+4 = 7, x^2"),
        ("VIE^.T NAM", "VIỆT NAM"),
    ])
    func decodesVIQR(_ input: String, _ expected: String) throws {
        #expect(try LegacyText.decode(Array(input.utf8), from: .viqr) == expected)
    }

    // MARK: VNI

    @Test func decodesVNICapitalsAndLenientMarks() throws {
        // VIỆT NAM, Đà Nẵng, Ướt
        #expect(try LegacyText.decode([0x56, 0x49, 0x45, 0xC4, 0x54, 0x20, 0x4E, 0x41, 0x4D], from: .vni)
            == "VIỆT NAM")
        #expect(try LegacyText.decode([0xD1, 0x61, 0xF8, 0x20, 0x4E, 0x61, 0xFC, 0x6E, 0x67], from: .vni)
            == "Đà Nẵng")
        #expect(try LegacyText.decode([0xD6, 0xF4, 0xF9, 0x74], from: .vni) == "Ướt")
        // A mark byte of the other case still marks the base (README rule 3).
        #expect(try LegacyText.decode([0x41, 0xF9, 0x20, 0x61, 0xD9], from: .vni) == "Á á")
        // Bytes VNI never uses decode as Windows-1252: “ ” and ß.
        #expect(try LegacyText.decode([0x93, 0x61, 0x94, 0xDF], from: .vni) == "“a”ß")
    }

    // MARK: TCVN3

    @Test func tcvn3ToneCapitalsComeBackLowercase() throws {
        // Ấn Độ is written CA 6E A7 E9: VN3 has no code for Ấ, so it reads ấ;
        // Đ has its own code (A7) and survives.
        #expect(try LegacyText.decode([0xCA, 0x6E, 0x20, 0xA7, 0xE9], from: .tcvn3) == "ấn Độ")
        // The seven capitals with codes of their own.
        #expect(try LegacyText.decode([0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7], from: .tcvn3) == "ĂÂÊÔƠƯĐ")
        // Ủy ban → ủy ban (F1 79 …)
        #expect(try LegacyText.decode([0xF1, 0x79, 0x20, 0x62, 0x61, 0x6E], from: .tcvn3) == "ủy ban")
        // cp1252 punctuation passes through.
        #expect(try LegacyText.decode([0x93, 0x85, 0x94], from: .tcvn3) == "“…”")
    }

    // MARK: Windows-1258

    @Test func decodesWindows1258AndComposes() throws {
        // ICU gives Viê + U+0323 + t; the decoder composes to NFC.
        let decoded = try LegacyText.decode([0x56, 0x69, 0xEA, 0xF2, 0x74], from: .cp1258)
        #expect(decoded == "Việt")
        #expect(decoded.unicodeScalars.count == 4)
        // A precomposed letter (E0 = à) and a base + combining tone (61 CC) agree.
        #expect(try LegacyText.decode([0xE0], from: .cp1258) == LegacyText.decode([0x61, 0xCC], from: .cp1258))
    }

    // MARK: Mojibake

    /// `text`'s UTF-8 bytes read as Windows-1252, `times` times, as a UTF-8 file.
    private func mojibake(_ text: String, times: Int, charset: String = "windows-1252") throws -> [UInt8] {
        var current = text
        for _ in 0..<times {
            current = try CharsetConverter.decode(Array(current.utf8), charset: charset)
        }
        return Array(current.utf8)
    }

    @Test func repairsMojibake() throws {
        #expect(try LegacyText.decode(Array("Viá»‡t Nam".utf8), from: .mojibake) == "Việt Nam")
        let sentence = "Đà Nẵng, Hội An và Huế: “những điều ngọt ngào” – ờ, ỏ, Ố."
        for times in 1...3 {
            #expect(try LegacyText.decode(try mojibake(sentence, times: times), from: .mojibake) == sentence,
                    "\(times)×")
        }
        #expect(try LegacyText.decode(try mojibake(sentence, times: 1, charset: "ISO-8859-1"), from: .mojibake)
            == sentence)
        let detection = LegacyText.detect(try mojibake(sentence + " " + sentence, times: 2))
        #expect(detection.encoding == .mojibake)
        #expect(detection.evidence.contains("2 passes"))
    }

    @Test func mojibakeFallsBackPerWord() throws {
        // Đà's second byte (90) was stripped on the way: that word stays as it
        // was, the others are repaired.
        var broken = String(decoding: try mojibake("Đà Nẵng, Việt Nam", times: 1), as: UTF8.self)
        broken.unicodeScalars.removeAll { $0 == "\u{0090}" }
        let repaired = try LegacyText.decode(Array(broken.utf8), from: .mojibake)
        #expect(repaired.hasSuffix(" Nẵng, Việt Nam"))
        #expect(repaired.hasPrefix("Ä"))
        // Text that is partly good Unicode and partly mojibake.
        #expect(try LegacyText.decode(Array("Việt Nam, Viá»‡t Nam".utf8), from: .mojibake)
            == "Việt Nam, Việt Nam")
    }

    // MARK: Errors, garbage, empty input

    @Test func invalidUTF8GivesAnOffset() {
        for encoding in [LegacyEncoding.utf8, .viqr, .mojibake] {
            #expect(throws: LegacyDecodingError.invalidUTF8(encoding, at: 2)) {
                try LegacyText.decode([0x56, 0x69, 0xE1, 0xBB], from: encoding)  // "Vi" + half of ệ
            }
        }
        let error = LegacyDecodingError.invalidUTF8(.viqr, at: 7)
        #expect(error.description.contains("byte 7"))
        #expect(error.description.contains("VIQR"))
    }

    @Test func unrepairableMojibakeGivesAnOffset() throws {
        // "Viá»" is ệ cut in half: E1 BB is not UTF-8.
        let error = try #require(throws: LegacyDecodingError.self) {
            try LegacyText.decode(Array("Viá» Nam".utf8), from: .mojibake)
        }
        #expect(error.encoding == .mojibake)
        #expect(error.byteOffset == 2)
        #expect(error.message.contains("byte 2"))
        // Modern text has nothing to repair: it comes out unchanged (issue 19:
        // the repair does no harm), with a note.
        #expect(try LegacyText.decode(Array("Việt Nam".utf8), from: .mojibake) == "Việt Nam")
        #expect(try LegacyText.repairMojibake(Array("Việt Nam".utf8)).notes.count == 1)
        // ASCII is left alone.
        #expect(try LegacyText.decode(Array("Viet Nam".utf8), from: .mojibake) == "Viet Nam")
    }

    @Test func garbageDoesNotCrash() throws {
        var generator = SplitMix64(seed: 1456)
        let allBytes = (0...255).map { UInt8($0) }
        var samples: [[UInt8]] = [allBytes, allBytes.reversed(), [0xFF], [0xC3], [0xE1, 0xBB]]
        for _ in 0..<50 {
            let count = Int(generator.next() % 200)
            samples.append((0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        for bytes in samples {
            for encoding in [LegacyEncoding.vni, .tcvn3, .cp1258] {
                // Every byte means something in these encodings.
                let text = try LegacyText.decode(bytes, from: encoding)
                #expect(!text.isEmpty || bytes.isEmpty)
            }
            for encoding in [LegacyEncoding.utf8, .viqr, .mojibake] {
                do {
                    _ = try LegacyText.decode(bytes, from: encoding)
                } catch {
                    #expect(error.encoding == encoding)
                    #expect(error.byteOffset.map { bytes.indices.contains($0) } ?? false, "\(error)")
                }
            }
            let detection = LegacyText.detect(bytes)
            #expect(!(detection.confident && detection.encoding != .utf8), "\(detection.evidence)")
        }
    }

    @Test func emptyInput() throws {
        for encoding in LegacyEncoding.allCases {
            #expect(try LegacyText.decode([], from: encoding) == "")
        }
        let detection = LegacyText.detect([])
        #expect(detection.encoding == .utf8)
        #expect(detection.confident)
        #expect(try LegacyText.decodeAuto([]).text == "")
    }

    // MARK: Detection edge cases

    @Test(arguments: [
        "Hello, world.",
        "See e.g. the 3 p.m. meeting; don't add a^2 to-do items?",
        "Giá vàng hôm nay tăng mạnh ở Hà Nội.",
        "Nguyễn Phú Trọng, Tô Lâm và Phạm Minh Chính",
        "习近平会见越南国家主席梁强。",
        "Café, naïve, façade, über, niño.",
        "Go. Me. Do. I'd say so? a.m., e.g., i.e.",
    ])
    func modernTextIsUTF8(_ text: String) throws {
        let detection = LegacyText.detect(Array(text.utf8))
        #expect(detection.encoding == .utf8, "\(detection.evidence)")
        #expect(detection.confident, "\(detection.evidence)")
        #expect(try LegacyText.decodeAuto(Array(text.utf8)).text == text)
    }

    @Test func shortAmbiguousInputIsNotConfident() throws {
        // TCVN3 "bố bộ bờ" (62 E8 20 62 E9 20 62 EA) reads "bè bé bê" in VNI
        // and Windows-1258: three valid words in every reading.
        let tcvn3: [UInt8] = [0x62, 0xE8, 0x20, 0x62, 0xE9, 0x20, 0x62, 0xEA]
        let detection = LegacyText.detect(tcvn3)
        #expect(!detection.confident, "\(detection.evidence)")
        #expect(detection.evidence.contains("not sure"))
        let error = try #require(throws: LegacyDecodingError.self) { try LegacyText.decodeAuto(tcvn3) }
        #expect(error.encoding == nil)
        #expect(error.message.contains(detection.evidence))
        #expect(error.message.contains("--decode \(detection.encoding.rawValue)"))

        // Too few words: the right reading, but not confident.
        let vni = Array("Vie".utf8) + [0xE4] + Array("t Nam ".utf8) + [0xF1, 0x65, 0xEF, 0x70]  // Việt Nam đẹp
        #expect(LegacyText.detect(vni).encoding == .vni)
        #expect(!LegacyText.detect(vni).confident)
        let viqr = LegacyText.detect(Array("Vie^.t Nam".utf8))
        #expect(viqr.encoding == .viqr)
        #expect(!viqr.confident)
        #expect(viqr.evidence.contains("only 1 marked word"))

        // Enough evidence in a few words.
        #expect(try LegacyText.decodeAuto(Array("Vie^.t Nam dde.p qua'".utf8)).text == "Việt Nam đẹp quá")
        let mojibake = try LegacyText.decodeAuto(Array("Viá»‡t Nam".utf8))
        #expect(mojibake.text == "Việt Nam")
        #expect(mojibake.detection.encoding == .mojibake)
    }

    @Test func refusalNamesTheEvidenceAndTheOption() throws {
        let bytes = try Fixtures.bytes("legacy/zh-plain.gb18030.bin")
        let error = try #require(throws: LegacyDecodingError.self) { try LegacyText.decodeAuto(bytes) }
        #expect(error.message.contains("not UTF-8 (invalid at byte "))
        #expect(error.message.contains("--decode viqr|vni|tcvn3|cp1258|mojibake"))
    }

    @Test func detectionIsCodable() throws {
        let detection = LegacyText.detect(try Fixtures.bytes("legacy/p1-da-nang.vni.bin"))
        let data = try JSONEncoder().encode(detection)
        #expect(try JSONDecoder().decode(LegacyDetection.self, from: data) == detection)
    }

    // MARK: The ICU charset wrapper

    @Test func windows1252FallbackMatchesICU() throws {
        let allBytes = (0...255).map { UInt8($0) }
        let icu = try CharsetConverter.decode(allBytes, charset: "windows-1252")
        let table = String(String.UnicodeScalarView(allBytes.map(LegacyTables.cp1252)))
        #expect(icu == table)
        // ICU round-trips the five bytes cp1252 leaves undefined.
        let undefined: [UInt8] = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        let decoded = try CharsetConverter.decode(undefined, charset: "windows-1252")
        #expect(decoded.unicodeScalars.map(\.value) == [0x81, 0x8D, 0x8F, 0x90, 0x9D])
        #expect(try CharsetConverter.encode(decoded, charset: "windows-1252") == undefined)
    }

    @Test func charsetErrors() throws {
        let error = try #require(throws: CharsetConversionError.self) {
            try CharsetConverter.decode([0x41, 0x42, 0xFF, 0x43], charset: "UTF-8")
        }
        #expect(error.byteOffset == 2)
        #expect(throws: CharsetConversionError.self) { try CharsetConverter.encode("Việt", charset: "windows-1252") }
        #expect(throws: CharsetConversionError.self) { try CharsetConverter.decode([0x41], charset: "no-such-charset") }
        // A multi-byte charset, both ways.
        let long = String(repeating: "Đà Nẵng ", count: 2000)
        let bytes = try CharsetConverter.encode(long, charset: "UTF-16LE")
        #expect(try CharsetConverter.decode(bytes, charset: "UTF-16LE") == long)
    }
}

/// A small deterministic generator for the garbage inputs (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D4_9BB4_6133_11EB
        return z ^ (z >> 31)
    }
}
