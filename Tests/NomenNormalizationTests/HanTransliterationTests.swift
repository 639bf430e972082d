import Testing
@testable import NomenNormalization

@Suite struct HanTransliterationTests {
    @Test(arguments: [
        ("习近平", NameKindHint.person, "Xi Jinping"),
        ("王沪宁", .person, "Wang Huning"),
        ("欧阳娜娜", .person, "Ouyang Nana"),
        ("司马懿", .person, "Sima Yi"),
        ("诸葛亮", .person, "Zhuge Liang"),
        ("单雄信", .person, "Shan Xiongxin"),
        ("曾国藩", .person, "Zeng Guofan"),
        ("解缙", .person, "Xie Jin"),
        ("仇英", .person, "Qiu Ying"),
        ("区家麟", .person, "Ou Jialin"),
        ("朴槿惠", .person, "Piao Jinhui"),
        ("查良镛", .person, "Zha Liangyong"),
        ("盖叫天", .person, "Ge Jiaotian"),
        ("云南", .place, "Yunnan"),
        ("河口", .place, "Hekou"),
        ("防城港", .place, "Fangchenggang"),
        ("西安", .place, "Xi'an"),
        ("厦门", .place, "Xiamen"),
        ("长沙", .place, "Changsha"),
        ("乐山", .place, "Leshan"),
    ])
    func pinyinAsThePressWritesIt(text: String, kind: NameKindHint, expected: String) throws {
        #expect(try HanTransliteration.pinyin(text, as: kind) == expected)
    }

    @Test func toneMarksAreOptional() throws {
        #expect(try HanTransliteration.pinyin("习近平", as: .person, toneMarks: true) == "Xí Jìnpíng")
        #expect(try HanTransliteration.pinyin("吕布", as: .person) == "Lü Bu")
    }

    @Test(arguments: [
        ("习近平", NameKindHint.person, "Tập Cận Bình"),
        ("李强", .person, "Lý Cường"),
        ("毛泽东", .person, "Mao Trạch Đông"),
        ("云南", .place, "Vân Nam"),
        ("南宁", .place, "Nam Ninh"),
        ("台湾", .place, "Đài Loan"),
        ("河口", .place, "Hà Khẩu"),
        ("广西", .place, "Quảng Tây"),
        ("習近平", .person, "Tập Cận Bình"),
    ])
    func hanVietAsThePressWritesIt(text: String, kind: NameKindHint, expected: String) throws {
        #expect(try HanTransliteration.hanViet(text, as: kind) == expected)
    }

    /// The reference list (Fixtures/chinese-names.tsv, from reference works):
    /// docs/cli.md ("--translit") reports these figures.
    @Test func accuracyOnTheReferenceList() throws {
        let rows = try Fixtures.tsv("chinese-names.tsv")
        #expect(rows.count >= 100)
        var pinyinHits = 0, hanVietHits = 0
        var pinyinMisses: [String] = [], hanVietMisses: [String] = []
        for row in rows {
            let kind: NameKindHint = row[3].hasPrefix("person") ? .person : .place
            let pinyin = try HanTransliteration.pinyin(row[0], as: kind)
            let hanViet = try HanTransliteration.hanViet(row[0], as: kind)
            if pinyin == row[1] { pinyinHits += 1 } else { pinyinMisses.append("\(row[0]) \(pinyin) ≠ \(row[1])") }
            if try MatchKey.key(hanViet, tier: .caseless) == MatchKey.key(row[2], tier: .caseless) {
                hanVietHits += 1
            } else {
                hanVietMisses.append("\(row[0]) \(hanViet) ≠ \(row[2])")
            }
        }
        let pinyinShare = Double(pinyinHits) / Double(rows.count)
        let hanVietShare = Double(hanVietHits) / Double(rows.count)
        print("pinyin: \(pinyinHits)/\(rows.count) exact; Hán-Việt: \(hanVietHits)/\(rows.count) exact")
        #expect(pinyinShare >= 0.95, "pinyin \(pinyinHits)/\(rows.count): \(pinyinMisses)")
        #expect(hanVietShare >= 0.95, "Hán-Việt \(hanVietHits)/\(rows.count): \(hanVietMisses)")
    }

    @Test func overridesCarryTheirTones() throws {
        // Issue 19: never the blend Shǎanxī.
        #expect(try HanTransliteration.pinyin("陕西", as: .place, toneMarks: true) == "Shǎnxī")
        #expect(try HanTransliteration.pinyin("陕西", as: .place) == "Shaanxi")
        #expect(try HanTransliteration.pinyin("陕西省", as: .place) == "Shaanxisheng")
        #expect(try HanTransliteration.pinyin("陝西", as: .place) == "Shaanxi")
        #expect(try HanTransliteration.pinyin("哈尔滨", as: .place, toneMarks: true) == "Hā'ěrbīn")
        #expect(try HanTransliteration.pinyin("哈尔滨", as: .place) == "Harbin")
    }

    @Test func givenNamesAndCompoundFamilyNames() throws {
        #expect(try HanTransliteration.pinyin("刘少奇", as: .person, toneMarks: true) == "Liú Shàoqí")
        // Given-name readings stay in the given name: 少 in a place is shǎo.
        #expect(try HanTransliteration.pinyin("少林", as: .place, toneMarks: true) == "Shǎolín")
        #expect(try HanTransliteration.pinyin("万俟卨", as: .person, toneMarks: true) == "Mòqí Xiè")
        #expect(try HanTransliteration.pinyin("尉迟恭", as: .person) == "Yuchi Gong")
        #expect(try HanTransliteration.pinyin("长孙无忌", as: .person) == "Zhangsun Wuji")
        #expect(try HanTransliteration.pinyin("章子怡", as: .person, toneMarks: true) == "Zhāng Zǐyí")
    }

    /// Fixtures/chinese-names-tones.tsv: person and place names with tone-marked
    /// pinyin from reference works. docs/cli.md reports these figures
    /// (tools/conversions/measure.py pinyin measures the same through the CLI).
    @Test func accuracyWithAndWithoutToneMarks() throws {
        let rows = try Fixtures.tsv("chinese-names-tones.tsv")
        #expect(rows.filter { $0[1] == "person" }.count >= 100)
        #expect(rows.filter { $0[1] == "place" }.count >= 100)
        var marked = 0, plain = 0
        var markedMisses: [String] = [], plainMisses: [String] = []
        for row in rows {
            let kind: NameKindHint = row[1] == "person" ? .person : .place
            let withMarks = try HanTransliteration.pinyin(row[0], as: kind, toneMarks: true)
            let withoutMarks = try HanTransliteration.pinyin(row[0], as: kind)
            if withMarks == row[2] { marked += 1 } else { markedMisses.append("\(row[0]) \(withMarks) ≠ \(row[2])") }
            if withoutMarks == row[3] { plain += 1 } else { plainMisses.append("\(row[0]) \(withoutMarks) ≠ \(row[3])") }
        }
        print("pinyin with tone marks: \(marked)/\(rows.count) exact; without: \(plain)/\(rows.count) exact")
        print("misses with marks: \(markedMisses)")
        #expect(Double(marked) / Double(rows.count) >= 0.95, "\(markedMisses)")
        #expect(Double(plain) / Double(rows.count) >= 0.95, "\(plainMisses)")
    }

    @Test func nonHanTextIsKept() throws {
        #expect(try HanTransliteration.pinyin("弗拉基米尔·普京", as: .other) == "Fulajimi'er Pujing")
        #expect(try HanTransliteration.hanViet("Hà Nội", as: .place) == "Hà Nội")
    }
}
