import Foundation
@testable import NomenCheck
import NomenMatching
import NomenModel
import NomenNormalization
import Testing

@Suite struct NameRuleTests {
    @Test func deprecatedNameSuggestsThePreferredOne() throws {
        let findings = try SeedGlossary.check("Tourists flock to Saigon every December, officials in Ho Chi Minh City said.")
        #expect(findings.summary == ["deprecated-name Saigon → Ho Chi Minh City"])
        #expect(findings[0].severity == .warning)
        #expect(findings[0].entity == "vn.place.ho-chi-minh-city")
        #expect(findings[0].line == 1 && findings[0].column == 19 && findings[0].endColumn == 25)
    }

    @Test func forbiddenNameIsAnError() throws {
        let findings = try SeedGlossary.check("Chủ tịch nước Lương Cuờng tiếp đoàn đại biểu tỉnh Vân Nam.")
        #expect(findings.summary == ["deprecated-name Lương Cuờng → Lương Cường"])
        #expect(findings[0].severity == .error)
    }

    /// One checker keeps its verdicts from document to document, and drops
    /// those of a house style when the next document has another.
    @Test func aCheckerRemembersVerdictsPerHouseStyle() throws {
        let checker = try Checker(matcher: SeedGlossary.matcher, entities: SeedGlossary.entities)
        func check(_ text: String, _ configuration: CheckConfiguration) throws -> [String] {
            try checker.check(SourceText(path: "a.txt", text: text), format: .text, configuration: configuration).findings.summary
        }
        let english = "President Luong Cuong met Chinese leader Xi Jinping in Hanoi on Tuesday."
        var withDiacritics = CheckConfiguration()
        withDiacritics.englishVietnameseNames = .diacritics
        let expected = ["missing-diacritics Luong Cuong → Lương Cường", "missing-diacritics Hanoi → Hà Nội"]
        #expect(try check(english, CheckConfiguration()).isEmpty)
        #expect(try check(english, withDiacritics) == expected)
        #expect(try check(english, withDiacritics) == expected)
        #expect(try check(english, CheckConfiguration()).isEmpty)
        #expect(try check("Tourists flock to Saigon.", CheckConfiguration()) == ["deprecated-name Saigon → Ho Chi Minh City"])
        #expect(try check("Tourists flock to Saigon.", CheckConfiguration()) == ["deprecated-name Saigon → Ho Chi Minh City"])
    }

    @Test func missingDiacriticsInVietnameseText() throws {
        let findings = try SeedGlossary.check("Chủ tịch nước Luong Cuong đã tiếp Chủ tịch Tap Can Binh tại Hà Nội hôm thứ Ba.")
        #expect(findings.summary == [
            "missing-diacritics Luong Cuong → Lương Cường",
            "missing-diacritics Tap Can Binh → Tập Cận Bình",
        ])
    }

    @Test func englishTextFollowsTheHouseStyle() throws {
        let text = "President Luong Cuong met Chinese leader Xi Jinping in Hanoi on Tuesday."
        #expect(try SeedGlossary.check(text).isEmpty)
        var withDiacritics = CheckConfiguration()
        withDiacritics.englishVietnameseNames = .diacritics
        #expect(try SeedGlossary.check(text, configuration: withDiacritics).summary == [
            "missing-diacritics Luong Cuong → Lương Cường",
            "missing-diacritics Hanoi → Hà Nội",
        ])
    }

    /// A deprecated name after a historical cue or inside a quotation is
    /// named as it was then: info, with no fix. Elsewhere it is still fixed.
    @Test(arguments: [
        ("Ho Chi Minh City, formerly Saigon, has nine million people.", "after “formerly”"),
        ("The city, once called Saigon, grew fast.", "after “once called”"),
        ("In 1960 the city, then known as (Saigon), was the capital.", "after “then known as”"),
        ("“Saigon will always be home to me,” she said.", "in a quotation"),
        ("He titled it \"Saigon by night\" in 1970.", "in a quotation"),
        ("« Saigon ne dort jamais », écrivait-il.", "in a quotation"),
        ("„Saigon schläft nie“, schrieb er.", "in a quotation"),
        ("Thành phố Hồ Chí Minh, trước đây là Sài Gòn, đông dân nhất nước.", "after “trước đây là”"),
        ("Khu trung tâm Sài Gòn cũ vẫn đông khách.", "before “cũ”"),
    ])
    func historicalUsesAreInfoWithoutAFix(_ text: String, reason: String) throws {
        let findings = try SeedGlossary.check(text).filter { $0.rule == .deprecatedName }
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.severity == .info)
        #expect(finding.fix == nil && finding.suggestion == nil)
        #expect(finding.message.hasSuffix("(\(reason): a historical use, left as written)"))
    }

    /// The byte tests that spare most names the reading for cues never
    /// rule out a cue, in any case, after any trimmed punctuation.
    @Test func theCueTestsLetEveryCueThrough() {
        func ends(_ text: String) -> Bool { let bytes = Array(text.utf8); return RuleRun.mayEndWithCue(bytes, 0..<bytes.count) }
        func starts(_ text: String) -> Bool { let bytes = Array(text.utf8); return RuleRun.mayStartWithCue(bytes, 0..<bytes.count) }
        for cue in RuleRun.historicalCuesBefore {
            for written in [cue, cue.uppercased(), cue.capitalized] {
                for after in ["", " ", ", ", " (", " \"", " — ", ":\t", "\u{A0}", " “"] {
                    #expect(ends("The city, " + written + after), "\(written)\(after)")
                }
            }
        }
        for cue in RuleRun.historicalCuesAfter {
            for written in [cue, cue.uppercased()] {
                #expect(starts(" " + written + " vẫn đông."), "\(written)")
                #expect(starts("\t" + written))
            }
        }
        #expect(!ends("Tourists flock to "))
        #expect(!ends("Khu trung tâm "))
        #expect(!ends(""))
        #expect(!starts(" is a large city."))
        #expect(!starts("   "))
    }

    /// A quotation closed before the name, or opened and never closed,
    /// does not make it historical.
    @Test(arguments: [
        "She said \"yes\" and flew to Saigon.",
        "« Oui », dit-elle, à Saigon.",
        "He wrote “Saigon and more",
    ])
    func quotationsThatDoNotHoldTheNameLeaveItFixed(_ text: String) throws {
        let findings = try SeedGlossary.check(text).filter { $0.rule == .deprecatedName }
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.fix?.text == "Ho Chi Minh City")
    }

    @Test func deprecatedNamesWithoutACueAreStillFixed() throws {
        let findings = try SeedGlossary.check("Tourists say Saigon is formerly a fishing town, and “Hanoi” is quiet.")
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.fix?.text == "Ho Chi Minh City")
        // A forbidden name is an error whatever precedes it.
        let forbidden = try SeedGlossary.check("Chủ tịch nước, trước đây là Lương Cuờng, phát biểu.")
        #expect(forbidden.first { $0.rule == .deprecatedName }?.severity == .error)
    }

    @Test func wrongDiacriticsAreErrors() throws {
        let findings = try SeedGlossary.check("Phó Thủ tướng đã đến thăm cảng Hải Phỏng và gặp Chủ tịch nước Lương Cương.")
        #expect(findings.summary == [
            "wrong-diacritics Hải Phỏng → Hải Phòng",
            "wrong-diacritics Lương Cương → Lương Cường",
        ])
        #expect(findings.allSatisfy { $0.severity == .error })
    }

    @Test func inconsistentNameListsEveryForm() throws {
        let text = """
            Luong Cuong arrived in Beijing on Monday. Lương Cường was welcomed at the Great Hall. \
            Luong Cuong later met Premier Li Qiang.
            """
        let findings = try SeedGlossary.check(text, language: .en)
        #expect(findings.summary == ["inconsistent-name Lương Cường → Luong Cuong"])
        #expect(findings[0].message == "Luong Cuong is written in 2 forms in this document: Luong Cuong (2), Lương Cường (1)")
    }

    /// "Xi" alone after Xi Jinping is a short mention; "Xi Jingping" after
    /// it is still a misspelt name, not a short mention and a stray word.
    @Test func aShortMentionDoesNotHideANearMiss() throws {
        let findings = try SeedGlossary.check("President Xi Jinping spoke. Later Xi Jingping said more.")
        #expect(findings.summary == ["near-miss Xi Jingping → Xi Jinping"])
        #expect(findings.first?.column == 35)
        // A short mention followed by an ordinary word stays a short mention.
        #expect(try SeedGlossary.check("President Xi Jinping spoke. Later Xi Said more.").isEmpty)
    }

    /// A short mention without diacritics in a Vietnamese text ("Chinh"
    /// after the full name), even when the full name is written right.
    @Test func shortMentionsWithoutDiacriticsInVietnamese() throws {
        let findings = try SeedGlossary.check("Thủ tướng Phạm Minh Chính đã tiếp đoàn. Thủ tướng Chinh đề nghị mở rộng hợp tác.")
        #expect(findings.summary == ["missing-diacritics Chinh → Chính"])
        #expect(findings.first?.message == "Chinh is written without its diacritics (short for Phạm Minh Chính)")
        // In English, and written right, a short mention is nothing to report.
        #expect(try SeedGlossary.check("Prime Minister Pham Minh Chinh met reporters. Chinh said trade would grow.").isEmpty)
        #expect(try SeedGlossary.check("Thủ tướng Phạm Minh Chính đã tiếp đoàn. Thủ tướng Chính đề nghị mở rộng hợp tác.").isEmpty)
    }

    /// Marks left off one syllable, the others right: missing, not wrong.
    @Test func someDiacriticsMissingOnALongName() throws {
        let findings = try SeedGlossary.check("Bộ trưởng Nguyễn Van Thắng và Phó Thủ tướng Trần Hồng Hả dự họp tại Hà Nội.")
        #expect(findings.summary == [
            "missing-diacritics Nguyễn Van Thắng → Nguyễn Văn Thắng",
            "wrong-diacritics Trần Hồng Hả → Trần Hồng Hà",
        ])
        #expect(findings.first?.message == "Nguyễn Van Thắng is written without some of its diacritics")
    }

    /// A short form is house style in its own language only: in an English
    /// text that writes Tuoi Tre, the Vietnamese Tuổi Trẻ is another form.
    @Test func aShortFormOfAnotherLanguageIsAForm() throws {
        let findings = try SeedGlossary.check("Tuoi Tre newspaper reported the plan. According to Tuổi Trẻ, it will pass.", language: .en)
        #expect(findings.summary == ["inconsistent-name Tuổi Trẻ → Tuoi Tre"])
        #expect(try SeedGlossary.check("Báo Tuổi Trẻ đưa tin. Theo Tuổi Trẻ, kế hoạch sẽ được thông qua.").isEmpty)
    }

    /// The same text under two languages of one entity: the name in the
    /// document's language decides (deprecated in vi, preferred in en).
    @Test func aTextInSeveralLanguagesIsJudgedInTheDocumentsLanguage() throws {
        let entity = Entity(id: "x.place.sai-gon", type: .place, names: [
            Name(text: "Thành phố Hồ Chí Minh", lang: "vi", status: .preferred),
            Name(text: "Saigon Port", lang: "vi", status: .deprecated),
            Name(text: "Saigon Port", lang: "en", status: .preferred),
        ])
        let checker = try Checker(matcher: try Matcher([entity]), entities: [entity])
        func check(_ text: String) throws -> [String] {
            try checker.check(SourceText(path: "a.txt", text: text), format: .text, configuration: CheckConfiguration()).findings.summary
        }
        #expect(try check("Ships waited outside Saigon Port for two days, the port authority said.") == [])
        #expect(try check("Tàu phải chờ ở Saigon Port hai ngày, cảng vụ cho biết.") == [
            "deprecated-name Saigon Port → Thành phố Hồ Chí Minh"])
    }

    /// Organisations whose names hold a place are linked whole: the place
    /// inside is not flagged (Saigon in Saigon Giai Phong) or counted as a form.
    @Test func placesInsideOrganisationNamesAreLeftAlone() throws {
        let text = """
            The Hanoi Times and Saigon Giai Phong reported the visit. Bank of China said lending to Hanoi firms rose.
            The Saigon Times said the same.
            """
        #expect(try SeedGlossary.check(text, language: .en).isEmpty)
        #expect(try SeedGlossary.check("Báo Sài Gòn Giải Phóng và Hànộimới đưa tin từ Hà Nội.").isEmpty)
        // The place alone is still a deprecated name.
        #expect(try SeedGlossary.check("Tourists flock to Saigon, Saigon Giai Phong said.", language: .en).summary == [
            "deprecated-name Saigon → Ho Chi Minh City"])
    }

    @Test func nearMissesOfLongNames() throws {
        let findings = try SeedGlossary.check("Chinese President Xi Jingping met Prime Minister Pham Minh Chin in Beijing.")
        #expect(findings.summary == [
            "near-miss Xi Jingping → Xi Jinping",
            "near-miss Pham Minh Chin → Pham Minh Chinh",
        ])
    }

    /// A short text is annotated on the caller's thread, a longer one on a
    /// thread of its own, and from a mebibyte the near-miss windows on a
    /// third: the same findings each time, each paragraph's at its place.
    @Test(arguments: [16 << 10, 64 << 10, (1 << 20) + 1])
    func textsOfEverySizeFindTheSameNearMisses(bytes: Int) throws {
        let paragraph = "Chinese President Xi Jingping met Prime Minister Pham Minh Chin in Beijing.\n"
        let copies = bytes / paragraph.utf8.count + 1
        let findings = try SeedGlossary.check(String(repeating: paragraph, count: copies))
        #expect(findings.count == 2 * copies)
        #expect(findings.filter { $0.rule == .nearMiss }.count == 2 * copies)
        #expect(findings.suffix(1).summary == ["near-miss Pham Minh Chin → Pham Minh Chinh"])
        #expect(findings.last?.line == copies)
    }
}

@Suite struct TextRuleTests {
    @Test func tonePlacementFollowsTheHouseConvention() throws {
        var configuration = CheckConfiguration()
        configuration.tone = .old
        let findings = try SeedGlossary.check("Đoàn công tác tỉnh Thanh Hoá làm việc về thuỷ lợi và hòa giải.", configuration: configuration)
        #expect(findings.summary == ["tone-placement Hoá → Hóa", "tone-placement thuỷ → thủy"])
    }

    @Test func mixedConventionsFlagTheMinority() throws {
        let findings = try SeedGlossary.check("Hòa bình, hòa hợp và hoà giải là mục tiêu của tỉnh Khánh Hòa.")
        #expect(findings.summary == ["tone-placement hoà → hòa"])
    }

    @Test func misplacedToneMarks() throws {
        let findings = try SeedGlossary.check("Những ngừơi dân ở đây rất hiếu khách.")
        #expect(findings.summary == ["tone-placement ngừơi → người"])
    }

    @Test func confusableLetters() throws {
        let findings = try SeedGlossary.check("Ðà Nẵng và Hаnoi")  // Ð U+00D0; Cyrillic а
        #expect(findings.map(\.rule) == [.confusable, .confusable])
        #expect(findings.map(\.suggestion) == ["Đà", "Hanoi"])
    }

    @Test func notNFCText() throws {
        let nfd = try UnicodeNormalizer.normalize("Thủ đô Hà Nội", to: .nfd)
        let findings = try SeedGlossary.check("Intro line.\n" + nfd)
        #expect(findings.map(\.rule) == [.notNFC])
        #expect(findings[0].line == 2 && findings[0].column == 3)  // from ủ (u + U+0309) on
        #expect(findings[0].fix?.text == "ủ đô Hà Nộ")
    }

    /// Decomposed lines among composed ones are each found, in plain text
    /// (found by the scan for words) as in Markdown (line by line).
    @Test func notNFCLinesAmongNFCOnes() throws {
        let nfd = try UnicodeNormalizer.normalize("Thủ đô Hà Nội", to: .nfd)
        let text = "Intro line.\n" + nfd + "\r\nHà Nội, 北京 — “quoted”.\n\n" + nfd + " và " + nfd + "\nEnd."
        for format in [InputFormat.text, .markdown] {
            let findings = try SeedGlossary.check(text, format: format).filter { $0.rule == .notNFC }
            #expect(findings.map(\.line) == [2, 5], "\(format)")
            #expect(findings.last?.fix?.text == "ủ đô Hà Nội và Thủ đô Hà Nộ", "\(format)")
        }
    }

    /// More than 30 combining marks in a row (UAX #15's stream-safe limit):
    /// reported without a fix, since ICU reorders such a run in quadratic
    /// time; 30 or fewer are normalized as usual.
    @Test func aRunOfMarksBeyondTheStreamSafeLimitIsReportedNotNormalized() throws {
        let long = try SeedGlossary.check("Hà Nội a" + String(repeating: "\u{0301}\u{0323}", count: 20) + " b")
        #expect(long.map(\.rule) == [.notNFC])
        #expect(long.first?.fix == nil)
        #expect(long.first?.message.hasPrefix("a run of 40 combining marks") == true)
        #expect(long.first?.column == 9)  // the marks start after "Hà Nội a"
        let short = try SeedGlossary.check("Hà Nội a\u{0301}\u{0323} b")
        #expect(short.first?.fix?.text == "\u{1EA1}\u{0301}")
    }

    /// The word rules' ranges settled without a property look-up (letters
    /// with marks, Han, punctuation blocks) agree with Unicode's properties.
    @Test func wordScalarsAgreeWithUnicode() {
        for value in UInt32(0x80)..<0x30000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            let expected = properties.isAlphabetic || properties.numericType != nil
                || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
            if Words.isWordScalar(value) != expected { Issue.record("U+\(String(value, radix: 16, uppercase: true))") }
        }
    }

    @Test func mojibakeWords() throws {
        let findings = try SeedGlossary.check("Bản tin: Viá»‡t Nam và Trung Quốc ký kết thỏa thuận.")
        #expect(findings.summary == ["encoding Viá»‡t → Việt"])
    }
}

/// Texts full of ordinary words that are also names ("to", "long", "Nam",
/// "Ha", "Lam", "Binh") must come back clean.
@Suite struct CleanTextTests {
    @Test(arguments: [
        "The river runs long and to the south; Nam said the ha-ha wall was to last as long as the lam path in Binh's garden.",
        "Anh Nam đi lâm nghiệp, còn chị Hà làm ở công ty Long Bình. Tô Lâm và Lương Cường dự lễ khai mạc tại Hà Nội.",
        "Tổng Bí thư Tô Lâm tiếp Thủ tướng Trung Quốc Lý Cường. Hai bên thống nhất tăng cường hợp tác ở Lào Cai và Hà Khẩu.",
        "越南国家主席梁强在河内会见中国国务院总理李强。双方同意加强老街与河口的合作。",
        "Party General Secretary To Lam received Chinese Premier Li Qiang in Hanoi. Both sides agreed to expand trade through Lao Cai and Hekou.",
    ])
    func cleanTextHasNoFindings(text: String) throws {
        let findings = try SeedGlossary.check(text)
        #expect(findings.isEmpty, "\(findings.summary)")
    }
}

@Suite struct ConfigurationTests {
    @Test func parsesTheHouseStyle() throws {
        let configuration = try CheckConfiguration.parse("""
            tone = "new"
            english_vietnamese_names = "diacritics"
            ignore = ["Saigon"]
            skip = ["archive/**"]
            [languages]
            zh = "zh-Hant"
            [rules]
            near-miss = "off"
            confusable = "warning"
            """, file: URL(fileURLWithPath: "/news/.nomen.toml"))
        #expect(configuration.tone == .new)
        #expect(configuration.englishVietnameseNames == .diacritics)
        #expect(configuration.languages["zh"] == "zh-Hant")
        #expect(configuration.severity(of: .nearMiss) == nil)
        #expect(configuration.severity(of: .confusable) == .warning)
        #expect(configuration.severity(of: .encoding) == .error)
        #expect(configuration.skips(URL(fileURLWithPath: "/news/archive/2019/a.txt")))
        #expect(!configuration.skips(URL(fileURLWithPath: "/news/today/a.txt")))
    }

    @Test func badSettingsAreErrorsNamingTheFile() {
        #expect(throws: CheckConfigurationError.self) {
            _ = try CheckConfiguration.parse("tone = \"modern\"", file: URL(fileURLWithPath: "/x/.nomen.toml"))
        }
        do {
            _ = try CheckConfiguration.parse("[rules]\nspelling = \"off\"", file: URL(fileURLWithPath: "/x/.nomen.toml"))
            Issue.record("an unknown rule must be refused")
        } catch {
            #expect(error.description.hasPrefix("/x/.nomen.toml: unknown rule spelling in [rules]"))
        }
        do {
            _ = try CheckConfiguration.parse("tone = ", file: URL(fileURLWithPath: "/x/.nomen.toml"))
            Issue.record("a syntax error must be refused")
        } catch {
            #expect(error.description.hasPrefix("/x/.nomen.toml:1:"))
        }
    }

    /// toml++ (inside TOMLKit) aborts on an assertion for some malformed
    /// texts, in release builds too; nomen reads the syntax first and names
    /// the place (found by fuzzing `.nomen.toml`).
    @Test(arguments: [
        ("[=]\n", 1, 2, "expected a key, saw '='"),
        ("[ #]\n", 1, 3, "expected a key, saw '#'"),
        ("[\n", 1, 2, "expected a key, saw a line break"),
        ("tone = \"new\"\n[\t,\n", 2, 3, "expected a key, saw ','"),
        ("[[=]]\n", 1, 3, "expected a key, saw '='"),
        ("[é]\n", 1, 2, "expected a key, saw 'é'"),
        ("\u{FEFF}[=]\n", 1, 3, "expected a key, saw '='"),
        ("[[ [\n", 1, 4, "expected a key, saw '['"),
        ("ignore = [\"Hai Phong\",} \"Hạ Long\"]\n", 1, 23, "expected a value, saw '}'"),
        ("tone = new\n", 1, 8, "'new' is not a TOML value (a string needs quotes)"),
        ("tone = \"new\" extra\n", 1, 14, "expected the end of the line, saw 'e'"),
        ("ignore = [\"a\"\n", 2, 1, "expected ',' or ']' in the array, saw the end of the file"),
        ("tone = \"ne\\q\"\n", 1, 12, "unknown escape \\q"),
    ])
    func malformedTOMLIsRefusedWithItsPlace(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try CheckConfiguration.parse(text, file: URL(fileURLWithPath: "/x/.nomen.toml"))
            Issue.record("\(text.debugDescription) must be refused")
        } catch {
            #expect(error.description == "/x/.nomen.toml:\(line):\(column): \(message)")
        }
    }

    /// What the syntax check lets through is TOML that toml++ reads:
    /// brackets in strings, comments and arrays, every kind of value.
    @Test func wellFormedTOMLOfEveryKindIsLeftToTOMLKit() throws {
        let configuration = try CheckConfiguration.parse("""
            # [=] in a comment
            ignore = [
              "[=]",   # a comment in an array
              '[#',
              '''
            [
            ''',
              "\\u00e9\\U0001F600 \\t",
            ]
            "tone" = "new" # a quoted key
            [rules]
            near-miss = "off"
            """, file: nil)
        #expect(configuration.ignore == ["[=]", "[#", "[\n", "é😀 \t"])
        #expect(configuration.severity(of: .nearMiss) == nil)
        #expect(configuration.tone == .new)
        let values = """
            a = [[1, 2], [3.5e-2, -0.0], [+inf, nan], [0xDEAD_beef, 0o17, 0b101]]
            b = { x = 1, "y z" = true, w.v = 'lit' }
            c = 1979-05-27T07:32:00.999-07:00
            d = 1979-05-27 07:32:00Z
            e = 07:32:00
            f = 1979-05-27
            g = \"""
            line \\
              joined ""quoted""\"""
            [[h.i]]
            j = 1_000
            """
        #expect(TOMLSyntaxCheck.firstProblem(in: values) == nil)
    }

    @Test func ignoredWordsAndRulesOff() throws {
        var configuration = CheckConfiguration()
        configuration.ignore = ["Saigon"]
        #expect(try SeedGlossary.check("Tourists flock to Saigon.", configuration: configuration).isEmpty)
        configuration = CheckConfiguration()
        configuration.severities[.deprecatedName] = .some(nil)
        #expect(try SeedGlossary.check("Tourists flock to Saigon.", configuration: configuration).isEmpty)
        configuration.severities[.deprecatedName] = .error
        #expect(try SeedGlossary.check("Tourists flock to Saigon.", configuration: configuration).map(\.severity) == [.error])
    }

    @Test func findsTheNearestConfigurationUpward() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-config-\(UUID().uuidString)")
        let nested = root.appendingPathComponent("desk/2026")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "tone = \"new\"\n".write(to: root.appendingPathComponent(".nomen.toml"), atomically: true, encoding: .utf8)
        var cache: [String: CheckConfiguration] = [:]
        let found = try CheckConfiguration.nearest(to: nested.appendingPathComponent("story.txt"), cache: &cache)
        #expect(found.tone == .new)
    }
}

@Suite struct SuppressionTests {
    @Test func markersSilenceLinesAndRules() throws {
        let text = """
            Tourists flock to Saigon. nomen-ignore deprecated-name
            <!-- nomen-ignore-next-line -->
            Tourists flock to Saigon.
            Tourists flock to Saigon. nomen-ignore near-miss
            """
        let findings = try SeedGlossary.check(text, format: .markdown)
        #expect(findings.map(\.line) == [4])
    }

    /// The byte search that tells whether a text has any marker at all.
    @Test func theMarkerSearchFindsItAnywhere() {
        let marker = Array("nomen-ignore".utf8)
        for (text, expected) in [("nomen-ignore", true), ("x nomen-ignore", true), ("nnomen-ignore!", true),
                                 ("nomen-ignor", false), ("nomen ignore nomen-ignorx", false), ("", false),
                                 ("Hà Nội nomen-nomen-ignore", true)] {
            #expect(Suppressions.contains(marker, in: Array(text.utf8)) == expected, "\(text)")
        }
    }
}

@Suite struct BaselineTests {
    @Test func onlyNewFindingsRemain() throws {
        let old = try SeedGlossary.check("Tourists flock to Saigon.", language: .en)
        let baseline = Baseline(findings: old)
        let now = try SeedGlossary.check("Tourists flock to Saigon. Later, Saigon again; Ðà Nẵng too.", language: .en)
        let fresh = baseline.newFindings(now)
        #expect(fresh.summary == ["deprecated-name Saigon → Ho Chi Minh City", "confusable Ðà → Đà"])
        let reloaded = try JSONDecoder().decode(Baseline.self, from: baseline.data())
        #expect(reloaded == baseline)
    }
}

@Suite struct LongTextTests {
    /// The encoding verdict reads the first 64 KiB; a multi-byte character
    /// straddling that point must not make sound UTF-8 look legacy.
    @Test func longVietnameseTextIsNotTakenForALegacyEncoding() throws {
        var text = ""
        while text.utf8.count < 70_000 { text += "Người dân Đà Nẵng đón năm mới. " }
        let findings = try SeedGlossary.check(text)
        #expect(!findings.contains { $0.rule == .encoding })
    }
}

/// The name rules judge distinct spellings on two threads in long
/// documents; the findings are the same as judging them one by one.
@Suite struct ConcurrentJudgingTests {
    @Test func twoThreadsGiveTheSameFindingsAsOne() throws {
        var sentences: [String] = []
        for entity in SeedGlossary.entities where entity.type == .place || entity.type == .person {
            for name in entity.names where name.lang == "vi" {
                let stripped = try VietnameseASCII.strip(name.text)
                sentences.append("Tin từ \(name.text) và \(stripped) hôm nay.")
            }
        }
        let text = sentences.joined(separator: "\n")
        let source = SourceText(path: "long.txt", text: text)
        let concurrent = try Checker(matcher: SeedGlossary.matcher, entities: SeedGlossary.entities)
        concurrent.concurrentJudgeMinimum = 2
        let sequential = try Checker(matcher: SeedGlossary.matcher, entities: SeedGlossary.entities)
        sequential.concurrentJudgeMinimum = .max
        let a = try concurrent.check(source, format: .text, configuration: CheckConfiguration()).findings
        let b = try sequential.check(source, format: .text, configuration: CheckConfiguration()).findings
        #expect(a.contains { $0.rule == .missingDiacritics })
        #expect(a.count > 100)
        #expect(a.summary == b.summary)
        #expect(a.map(\.utf8Range) == b.map(\.utf8Range))
    }
}

@Suite struct MarkupCheckTests {
    /// A name written with character references is read decoded; its finding
    /// and its fix cover the whole references in the source.
    @Test func characterReferencesAreReadAndFixedWhole() throws {
        let html = "<p>Tourists flock to S&agrave;i G&ograve;n every year.</p>\n"
        let findings = try SeedGlossary.check(html, format: .html, language: .en, path: "a.html")
        #expect(findings.map(\.rule) == [.deprecatedName])
        let finding = try #require(findings.first)
        #expect(finding.text == "S&agrave;i G&ograve;n")
        #expect(finding.column == 22 && finding.endColumn == 43)
        let (fixed, applied) = Fixer.apply(findings, to: Array(html.utf8))
        #expect(applied == 1)
        #expect(String(decoding: fixed, as: UTF8.self) == "<p>Tourists flock to Thành phố Hồ Chí Minh every year.</p>\n")
    }

    /// Link destinations are not prose: nothing in them is found or fixed.
    @Test func markdownLinkDestinationsAreNotChecked() throws {
        let markdown = "Read [the story](https://example.com/Saigon-Hanoi-rail) now.\n"
        #expect(try SeedGlossary.check(markdown, format: .markdown, language: .en).isEmpty)
    }
}
