import Foundation
import Testing
@testable import NomenNormalization

@Suite struct VietnameseToneTests {
    /// ≥ 380 real words and names in both conventions (Fixtures/vietnamese).
    @Test func convertsBetweenConventionsOnRealWords() throws {
        let rows = try Fixtures.tsv("vietnamese/tone-placement.tsv")
        #expect(rows.count >= 200)
        var failures: [String] = []
        for row in rows {
            let (old, new) = (row[0], row[1])
            if ToneConvention.new.apply(to: old) != new { failures.append("new(\(old)) = \(ToneConvention.new.apply(to: old))") }
            if ToneConvention.old.apply(to: new) != old { failures.append("old(\(new)) = \(ToneConvention.old.apply(to: new))") }
            if ToneConvention.old.apply(to: old) != old { failures.append("old(\(old)) changed") }
            if ToneConvention.new.apply(to: new) != new { failures.append("new(\(new)) changed") }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(20))")
    }

    @Test func conversionLeavesEveryOtherCharacterAlone() {
        let text = "Ông Nguyễn Văn Thủy (Thanh Hóa) nói: “Khỏe!”\n  quý, giá, qua, gìn, hoàng, thuyền."
        #expect(ToneConvention.new.apply(to: text)
            == "Ông Nguyễn Văn Thuỷ (Thanh Hoá) nói: “Khoẻ!”\n  quý, giá, qua, gìn, hoàng, thuyền.")
    }

    @Test func conversionKeepsCapitals() {
        #expect(ToneConvention.new.apply(to: "THANH HÓA, Hòa, ỦY BAN") == "THANH HOÁ, Hoà, UỶ BAN")
        #expect(ToneConvention.old.apply(to: "KHOẺ, Uỷ") == "KHỎE, Ủy")
    }

    @Test func conversionWorksOnNFDText() throws {
        let nfd = try UnicodeNormalizer.normalize("Khánh Hòa", to: .nfd)
        let converted = ToneConvention.new.apply(to: nfd)
        #expect(try UnicodeNormalizer.normalize(converted, to: .nfc) == "Khánh Hoà")
    }

    @Test func detectsTheConventionOfAText() {
        #expect(ToneConvention.inspect("Thanh Hóa, Khánh Hòa, thủy điện").verdict == .old)
        #expect(ToneConvention.inspect("Thanh Hoá, Khánh Hoà, thuỷ điện").verdict == .new)
        #expect(ToneConvention.inspect("Thanh Hóa và Khánh Hoà").verdict == .mixed)
        #expect(ToneConvention.inspect("Hà Nội, quý, giá, hoàng").verdict == .undetermined)
        let report = ToneConvention.inspect("hòa hòa hoà")
        #expect(report.oldCount == 2 && report.newCount == 1)
    }

    @Test func flagsMarksWhereNeitherConventionPutsThem() throws {
        let rows = try Fixtures.tsv("vietnamese/misplaced-tone.tsv")
        #expect(rows.count >= 40)
        var failures: [String] = []
        for row in rows {
            let report = ToneConvention.inspect(row[0])
            var corrected = row[0]
            for misplaced in report.misplaced {
                corrected = corrected.replacingOccurrences(of: misplaced.word, with: misplaced.suggestion)
            }
            // The suggestion is in the old convention; the fixture may use either.
            let expected = [row[1], ToneConvention.old.apply(to: row[1])]
            if report.misplaced.isEmpty || !expected.contains(corrected) {
                failures.append("\(row[0]) → \(corrected) (want \(row[1]))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(20))")
    }

    @Test func toneMovesMisplacedMarksToTheConvention() throws {
        // Issue 19: --detect reported these, --tone left them.
        #expect(ToneConvention.old.apply(to: "tòan, giừơng, baỷ", movingMisplacedMarks: true) == "toàn, giường, bảy")
        #expect(ToneConvention.new.apply(to: "hòai thủy, Hòa qúy", movingMisplacedMarks: true) == "hoài thuỷ, Hoà quý")
        #expect(ToneConvention.old.apply(to: "thuỳ, hoà", movingMisplacedMarks: true) == "thùy, hòa")
        var failures: [String] = []
        for row in try Fixtures.tsv("vietnamese/misplaced-tone.tsv") {
            for convention in ToneConvention.allCases {
                let rewritten = convention.apply(to: row[0], movingMisplacedMarks: true)
                let expected = convention.apply(to: row[1])
                if rewritten != expected { failures.append("\(convention): \(row[0]) → \(rewritten), want \(expected)") }
                if !ToneConvention.inspect(rewritten).misplaced.isEmpty { failures.append("\(rewritten) still misplaced") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(20))")
        // Only the mark moves: a missing horn is reported, not rewritten.
        #expect(ToneConvention.old.apply(to: "Lương Cuờng", movingMisplacedMarks: true) == "Lương Cuờng")
        // Without the option the linter and the matcher see the word as it is.
        #expect(ToneConvention.old.apply(to: "tòan") == "tòan")
        // Words that are not Vietnamese syllables stay.
        #expect(ToneConvention.new.apply(to: "café où día José", movingMisplacedMarks: true) == "café où día José")
    }

    @Test func repairTurnsEthIntoDInVietnameseWords() {
        #expect(VietnameseRepair.repair("Ðà Nẵng, ÐẠI HỘI, ðường, Ɖồng Nai") == "Đà Nẵng, ĐẠI HỘI, đường, Đồng Nai")
        #expect(VietnameseRepair.repair("Guðmundsdóttir, með, Ðorđe, Þór") == "Guðmundsdóttir, með, Ðorđe, Þór")
        #expect(VietnameseRepair.repair("Việt Nam") == "Việt Nam")
    }

    @Test func missingHornBeforeACodaIsFlagged() {
        let report = ToneConvention.inspect("Lương Cuờng")
        #expect(report.misplaced.map(\.suggestion) == ["Cường"])
        #expect(report.misplaced.first?.scalarOffset == 6)
    }

    @Test func correctWordsAreNotFlagged() throws {
        for row in try Fixtures.tsv("vietnamese/tone-placement.tsv") {
            #expect(ToneConvention.inspect(row[0] + " " + row[1]).misplaced.isEmpty, "\(row[0])")
        }
    }
}

@Suite struct VietnameseSyllableTests {
    @Test func acceptsRealSyllables() throws {
        let rows = try Fixtures.tsv("vietnamese/syllables-valid.tsv")
        #expect(rows.count >= 200)
        let rejected = rows.map { $0[0] }.filter { !VietnameseSyllable.isValid($0) }
        #expect(rejected.isEmpty, "\(rejected)")
    }

    @Test func rejectsOtherTokens() throws {
        let rows = try Fixtures.tsv("vietnamese/syllables-invalid.tsv")
        #expect(rows.count >= 80)
        let accepted = rows.map { $0[0] }.filter { VietnameseSyllable.isValid($0) }
        #expect(accepted.isEmpty, "\(accepted)")
    }

    @Test func takesSyllablesApart() throws {
        let nguoi = try #require(VietnameseSyllable.parse("Người"))
        #expect(nguoi.onset == "ng" && nguoi.vowels == ["ư", "ơ", "i"] && nguoi.coda == "" && nguoi.tone == .grave)
        let quy = try #require(VietnameseSyllable.parse("quý"))
        #expect(quy.onset == "qu" && quy.vowels == ["y"] && quy.tone == .acute)
        let gin = try #require(VietnameseSyllable.parse("gìn"))
        #expect(gin.onset == "g" && gin.vowels == ["i"] && gin.coda == "n")
        let gieng = try #require(VietnameseSyllable.parse("giếng"))
        #expect(gieng.onset == "gi" && gieng.vowels == ["ê"] && gieng.coda == "ng")
    }

    @Test func acceptsNFDInput() throws {
        let nfd = try UnicodeNormalizer.normalize("Nguyễn", to: .nfd)
        #expect(VietnameseSyllable.isValid(nfd))
    }
}

@Suite struct VietnameseASCIITests {
    @Test(arguments: [
        ("Lương Cường", "Luong Cuong"),
        ("Đà Nẵng", "Da Nang"),
        ("THỪA THIÊN HUẾ", "THUA THIEN HUE"),
        ("Ðồng Đăng", "Dong Dang"),
        ("Hồ Chí Minh City", "Ho Chi Minh City"),
    ])
    func stripsMarksAndKeepsCase(text: String, expected: String) throws {
        #expect(try VietnameseASCII.strip(text) == expected)
        #expect(try VietnameseASCII.strip(UnicodeNormalizer.normalize(text, to: .nfd)) == expected)
    }
}
