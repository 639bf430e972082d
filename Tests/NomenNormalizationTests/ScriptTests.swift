import Foundation
import Testing
@testable import NomenNormalization

@Suite struct RomanizerTests {
    @Test(arguments: [
        ("Москва", "moskva"),
        ("Владимир Путин", "vladimir putin"),
        ("Ελλάδα", "ellada"),
        ("กรุงเทพ", "krungtheph"),           // ICU's Thai-Latin is ISO 11940 (RTGS writes Krung Thep)
        ("서울", "seoul"),
        ("김정은", "gimjeong-eun"),
        ("とうきょう", "toukyou"),
        ("トウキョウ", "toukyou"),
        ("习近平", "xijinping"),
        ("Hà Nội", "ha noi"),
    ])
    func latinKeys(text: String, expected: String) throws {
        #expect(try Romanizer.latinKey(text) == expected)
    }

    /// Lao and Khmer through nomen's own ICU rules (Data/translit/cases.tsv).
    @Test func laoAndKhmerRulesGiveTheirCases() throws {
        let casesURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Data/translit/cases.tsv").standardized
        let rows = try String(contentsOf: casesURL, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.count >= 20)
        for row in rows {
            let columns = row.split(separator: "\t").map(String.init)
            #expect(try Romanizer.latin(columns[1]) == columns[2], "\(columns[1])")
        }
    }

    @Test func mixedScriptsGoRunByRun() throws {
        #expect(try Romanizer.latin("Путин и Си Цзиньпин, 习近平") == "Putin i Si Czinʹpin, Xijinping")
    }
}

@Suite struct ScriptCensusTests {
    @Test func countsLettersByScript() {
        let counts = ScriptCensus.count("Hà Nội và 河内, Москва 123!")
        #expect(counts == ["Latn": 7, "Hani": 2, "Cyrl": 6])
    }
}

@Suite struct ChineseScriptConversionTests {
    @Test(arguments: [
        ("习近平", "習近平"),
        ("李强", "李強"),
        ("云南", "雲南"),
        ("范明政", "范明政"),     // family name 范, not 範
        ("朴槿惠", "朴槿惠"),     // 朴 is not 樸
        ("台湾", "臺灣"),
        ("台州", "台州"),
        ("钟南山", "鍾南山"),
        ("于丹", "于丹"),
        ("沈阳", "瀋陽"),
    ])
    func simplifiedToTraditional(simplified: String, traditional: String) throws {
        #expect(ChineseScriptConversion.toTraditional(simplified) == traditional)
    }

    @Test(arguments: [("習近平", "习近平"), ("臺灣", "台湾"), ("鍾南山", "钟南山"), ("範例", "范例")])
    func traditionalToSimplified(traditional: String, simplified: String) throws {
        #expect(ChineseScriptConversion.toSimplified(traditional) == simplified)
    }

    @Test func phrasesDecideTheCharacter() {
        // Issue 19: character by character gave 髮現, 不乾你事, 愛麗捨.
        #expect(ChineseScriptConversion.toTraditional("发现") == "發現")
        #expect(ChineseScriptConversion.toTraditional("头发") == "頭髮")
        #expect(ChineseScriptConversion.toTraditional("不干你事") == "不干你事")
        #expect(ChineseScriptConversion.toTraditional("爱丽舍") == "愛麗舍")
        // A name override wins only where it is at least as long as the phrase.
        #expect(ChineseScriptConversion.toTraditional("范围") == "範圍")
        #expect(ChineseScriptConversion.toTraditional("范明政") == "范明政")
        // Names keep their characters in simplified text.
        for (simplified, traditional) in [("毕昇", "畢昇"), ("杨联陞", "楊聯陞"), ("乾县", "乾縣")] {
            #expect(ChineseScriptConversion.toTraditional(simplified) == traditional)
            #expect(ChineseScriptConversion.toSimplified(traditional) == simplified)
        }
    }

    @Test func regionalStandards() {
        #expect(ChineseScriptConversion.toTraditional("台湾", standard: .hongKong) == "台灣")
        #expect(ChineseScriptConversion.toTraditional("里面", standard: .openCC) == "裏面")
        #expect(ChineseScriptConversion.toTraditional("里面", standard: .taiwan) == "裡面")
        #expect(ChineseScriptConversion.toSimplified("裡面", from: .taiwan) == "里面")
    }

    /// OpenCC's own test/testcases/testcases.json (Fixtures/opencc, written by
    /// tools/opencc/build_tables.py). docs/cli.md and Data/opencc/README.md
    /// report these figures; tools/conversions/measure.py opencc measures the
    /// four the CLI offers through the binary.
    @Test func openCCTestCases() throws {
        let rows = try Fixtures.tsv("opencc/testcases.tsv")
        let configs: [(String, (String) -> String)] = [
            ("s2t", { ChineseScriptConversion.toTraditional($0) }),
            ("s2tw", { ChineseScriptConversion.toTraditional($0, standard: .taiwan) }),
            ("s2hk", { ChineseScriptConversion.toTraditional($0, standard: .hongKong) }),
            ("t2s", { ChineseScriptConversion.toSimplified($0) }),
            ("tw2s", { ChineseScriptConversion.toSimplified($0, from: .taiwan) }),
            ("hk2s", { ChineseScriptConversion.toSimplified($0, from: .hongKong) }),
        ]
        var summary: [String] = []
        for (config, convert) in configs {
            let cases = rows.filter { $0[1] == config }
            let misses = cases.filter { convert($0[2]) != $0[3] }.map { "\($0[0]): \(convert($0[2]))" }
            summary.append("\(config) \(cases.count - misses.count)/\(cases.count)")
            // The misses allowed are the cases that need OpenCC's opt-in
            // "tofu-risk" dictionary (characters most fonts lack), which nomen
            // leaves out.
            #expect(misses.count <= (config.hasSuffix("2s") ? 3 : 0), "\(config): \(misses)")
            #expect(cases.count >= 20, "\(config)")
        }
        print("OpenCC test cases: " + summary.joined(separator: ", "))
    }
}

@Suite struct ConfusableTests {
    @Test func icuSkeletonsMakeLookAlikesEqual() throws {
        let checker = try SpoofChecker()
        #expect(try checker.skeleton("Hаnoi") == checker.skeleton("Hanoi"))  // Cyrillic а
    }

    @Test func findsCyrillicLettersInLatinWords() throws {
        let findings = try Confusables.find(inWord: "Hаnоi")  // Cyrillic а (U+0430) and о (U+043E)
        #expect(findings.map(\.scalarOffset) == [1, 3])
        #expect(findings.map(\.intended) == ["a", "o"])
    }

    @Test func findsLetterTypedForVietnameseD() throws {
        let eth = try Confusables.find(inWord: "Ðà")
        #expect(eth.map(\.intended) == ["Đ"])
        #expect(try Confusables.find(inWord: "Ɖồng").map(\.intended) == ["Đ"])
    }

    @Test func wordsOfOneScriptAreClean() throws {
        #expect(try Confusables.find(inWord: "Москва").isEmpty)
        #expect(try Confusables.find(inWord: "Đà").isEmpty)
        #expect(try Confusables.find(inWord: "Hanoi").isEmpty)
        #expect(try Confusables.find(inWord: "習近平").isEmpty)
    }
}
