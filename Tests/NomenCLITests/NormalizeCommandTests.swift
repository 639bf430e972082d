import Foundation
import NomenNormalization
import Testing

@Suite struct NormalizeCommandTests {
    @Test func foldsEachLineOfStandardInput() throws {
        let result = try NomenProcess.run(["normalize", "--fold"], stdin: "Lương Cường\nĐà Nẵng\nHải  Phòng\n")
        #expect(result.status == 0)
        #expect(result.stdout == "luong cuong\nda nang\nhai phong\n")
        #expect(result.stderr == "")
    }

    /// tools/seed/build_seed.py keys names for its ambiguity check with
    /// `folded_keys` (this command over all of them at once, spaces trimmed):
    /// that must be the key `nomen glossary lint` compares, `MatchKeys.folded`.
    @Test func theSeedBuildersKeyIsLintsFoldedKey() throws {
        var texts = ["  Hải \t Phòng ", "Lý Mỹ  Kỳ", "Hy", "ＷＡＮＧ　Ｗｅｉ", "\u{00A0}Đà\u{2003}Nẵng\u{0085}", "Xi\u{200B} Jinping",
                     "Straße", "Hải Phòng".decomposedStringWithCanonicalMapping, "Xi’an", ""]
        let seed = try String(contentsOf: NomenProcess.repositoryRoot.appendingPathComponent("Data/seed/glossary.jsonl"), encoding: .utf8)
        for line in seed.split(separator: "\n") {
            let entity = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            texts += try #require(entity["names"] as? [[String: Any]]).compactMap { $0["text"] as? String }
        }
        #expect(texts.count > 5_000)
        let script = """
            import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import build_seed
            print(json.dumps(build_seed.folded_keys(json.load(sys.stdin), Path(sys.argv[2]))))
            """
        let result = try NomenProcess.run(
            ["python3", "-c", script, NomenProcess.repositoryRoot.appendingPathComponent("tools/seed").path, NomenProcess.binary.path],
            stdin: Array(try JSONEncoder().encode(texts)), executable: URL(fileURLWithPath: "/usr/bin/env"))
        try #require(result.status == 0, "\(result.stderr)")
        let keys = try JSONDecoder().decode([String].self, from: Data(result.stdout.utf8))
        #expect(keys.count == texts.count)
        let differing = try zip(texts, keys).filter { try MatchKeys($0.0).folded != $0.1 }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test func compactRemovesSpacesHyphensAndApostrophes() throws {
        let result = try NomenProcess.run(["normalize", "--compact"], stdin: "Hải Phòng\nHà-Nội\nXi’an\n")
        #expect(result.stdout == "haiphong\nhanoi\nxian\n")
    }

    @Test func convertsToneConventionBothWays() throws {
        let new = try NomenProcess.run(["normalize", "--tone", "new"], stdin: "Thanh Hóa, Khánh Hòa, thủy điện, quý, hoàng\n")
        #expect(new.stdout == "Thanh Hoá, Khánh Hoà, thuỷ điện, quý, hoàng\n")
        let old = try NomenProcess.run(["normalize", "--tone", "old"], stdin: new.stdout)
        #expect(old.stdout == "Thanh Hóa, Khánh Hòa, thủy điện, quý, hoàng\n")
    }

    @Test func toneMovesMisplacedMarksAndRepairFixesEth() throws {
        let old = try NomenProcess.run(["normalize", "--tone", "old"], stdin: "tòan, giừơng, baỷ, thuỷ\n")
        #expect(old.stdout == "toàn, giường, bảy, thủy\n")
        let new = try NomenProcess.run(["normalize", "--tone", "new"], stdin: "hòai, Hòa qúy\n")
        #expect(new.stdout == "hoài, Hoà quý\n")
        let repaired = try NomenProcess.run(["normalize", "--repair"], stdin: "Ðà Nẵng, ÐẠI HỘI, Guðmundsdóttir\n")
        #expect(repaired.stdout == "Đà Nẵng, ĐẠI HỘI, Guðmundsdóttir\n")
        #expect(repaired.stderr == "")
        let detect = try NomenProcess.run(["normalize", "--detect", "--repair"], stdin: "Ðà")
        #expect(detect.status == 2)
        #expect(detect.stderr.contains("cannot be combined with --form, --tone, --fold, --compact, --translit, --decode or --repair."))
    }

    @Test func writesTheRequestedForm() throws {
        let nfd = try NomenProcess.run(["normalize", "--form", "nfd"], stdin: "Việt")
        // NFD orders marks by combining class: dot below (220) before circumflex (230).
        #expect(Array(nfd.stdout.unicodeScalars).map(\.value) == [0x56, 0x69, 0x65, 0x323, 0x302, 0x74])
        let nfc = try NomenProcess.run(["normalize", "--form", "nfc"], stdin: nfd.stdout)
        #expect(Array(nfc.stdout.unicodeScalars).map(\.value) == [0x56, 0x69, 0x1EC7, 0x74])
    }

    @Test func detectReportsFormScriptsAndConvention() throws {
        let result = try NomenProcess.run(["normalize", "--detect"], stdin: "Thanh Hoá và Khánh Hoà 河口 Cừơng")
        #expect(result.status == 0)
        #expect(result.stdout == """
            <stdin>:
              encoding: UTF-8: already Unicode Vietnamese, 5 marked words, 100% valid Vietnamese syllables, 0 junk
              form: NFC
              scripts: Latn 23, Hani 2 (letters)
              tone marks: new (kiểu mới); 0 old-style, 2 new-style syllables
              misplaced tone mark: Cừơng at scalar 26, expected Cường

            """)
    }

    @Test func detectSpeaksJSON() throws {
        let nfd = "Ho\u{0300}a Bi\u{0300}nh"
        let result = try NomenProcess.run(["normalize", "--detect", "--format", "json"], stdin: nfd)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let report = object?["report"] as? [String: Any]
        #expect(object?["path"] as? String == "<stdin>")
        #expect(report?["form"] as? String == "NFD")
        #expect((report?["scripts"] as? [String: Int])?["Latn"] == 7)
        #expect((report?["tone"] as? [String: Any])?["oldCount"] as? Int == 1)
    }

    @Test func invalidUTF8IsAnErrorNamingTheByte() throws {
        let result = try NomenProcess.run(["normalize", "--fold"], stdin: Array("Hà Nội".utf8) + [0xC3, 0x28])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "nomen: error: <stdin>: invalid UTF-8 at byte 9 (use --replace-invalid to read it with U+FFFD)\n")
    }

    @Test func replaceInvalidWarnsAndGoesOn() throws {
        let result = try NomenProcess.run(["normalize", "--fold", "--replace-invalid"], stdin: Array("Hà Nội".utf8) + [0xFF])
        #expect(result.status == 0)
        #expect(result.stdout == "ha noi\u{FFFD}")
        #expect(result.stderr == "nomen: warning: <stdin>: invalid UTF-8 from byte 9 replaced with U+FFFD\n")
    }

    @Test func missingFileIsAnError() throws {
        let result = try NomenProcess.run(["normalize", "no/such/file.txt"])
        #expect(result.status == 2)
        #expect(result.stderr == "nomen: error: no/such/file.txt: no such file\n")
    }

    @Test func usageErrorsExitWith2() throws {
        let result = try NomenProcess.run(["normalize", "--detect", "--fold"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: --detect reports on the input; it cannot be combined"))
        let badValue = try NomenProcess.run(["normalize", "--tone", "modern"])
        #expect(badValue.status == 2)
        #expect(badValue.stderr.contains("'modern'"))
    }
}

@Suite struct TranslitCommandTests {
    @Test func pinyinOfPersonNamesOnePerLine() throws {
        let result = try NomenProcess.run(["normalize", "--translit", "pinyin"], stdin: "习近平\n王沪宁\n欧阳娜娜\n")
        #expect(result.status == 0)
        #expect(result.stdout == "Xi Jinping\nWang Huning\nOuyang Nana\n")
    }

    @Test func pinyinOfPlacesWithToneMarks() throws {
        let plain = try NomenProcess.run(["normalize", "--translit", "pinyin", "--kind", "place"], stdin: "云南\n西安\n防城港\n")
        #expect(plain.stdout == "Yunnan\nXi'an\nFangchenggang\n")
        let marked = try NomenProcess.run(["normalize", "--translit", "pinyin", "--tone-marks"], stdin: "习近平")
        #expect(marked.stdout == "Xí Jìnpíng")
    }

    @Test func hanVietSimplifiedTraditionalLatinAscii() throws {
        #expect(try NomenProcess.run(["normalize", "--translit", "hanviet"], stdin: "习近平\n李强\n").stdout == "Tập Cận Bình\nLý Cường\n")
        #expect(try NomenProcess.run(["normalize", "--translit", "traditional"], stdin: "习近平\n台湾\n").stdout == "習近平\n臺灣\n")
        #expect(try NomenProcess.run(["normalize", "--translit", "simplified"], stdin: "習近平").stdout == "习近平")
        #expect(try NomenProcess.run(["normalize", "--translit", "traditional"], stdin: "发现\n里面\n").stdout == "發現\n裏面\n")
        #expect(try NomenProcess.run(["normalize", "--translit", "traditional-tw"], stdin: "发现\n里面\n").stdout == "發現\n裡面\n")
        #expect(try NomenProcess.run(["normalize", "--translit", "traditional-hk"], stdin: "台湾\n").stdout == "台灣\n")
        #expect(try NomenProcess.run(["normalize", "--translit", "latin"], stdin: "Москва\nສະຫວັນນະເຂດ\n").stdout == "Moskva\nsavannakhet\n")
        #expect(try NomenProcess.run(["normalize", "--translit", "ascii"], stdin: "Lương Cường").stdout == "Luong Cuong")
    }

    @Test func toneMarksNeedPinyin() throws {
        let result = try NomenProcess.run(["normalize", "--translit", "hanviet", "--tone-marks"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: --tone-marks goes with --translit pinyin."))
    }
}

@Suite struct DecodeCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../NomenNormalizationTests/Fixtures/legacy").standardized

    @Test(arguments: ["vni.bin", "tcvn3.bin", "cp1258.bin", "viqr.txt", "mojibake-cp1252.txt"])
    func autoDecodesLegacyFilesAndSaysWhatItFound(suffix: String) throws {
        let input = Self.fixtures.appendingPathComponent("p1-da-nang.\(suffix)").path
        let expectedName = suffix.hasPrefix("tcvn3") ? "p1-da-nang.tcvn3.expected.txt" : "p1-da-nang.utf8.txt"
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent(expectedName), encoding: .utf8)
        let result = try NomenProcess.run(["normalize", "--decode", "auto", input])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected)
        #expect(result.stderr.hasPrefix("nomen: note: \(input): decoded as "))
    }

    @Test func mojibakeRepairLeavesCorrectTextWithANote() throws {
        let kept = try NomenProcess.run(["normalize", "--decode", "mojibake"], stdin: "NESTLÉ®\n")
        #expect(kept.status == 0)
        #expect(kept.stdout == "NESTLÉ®\n")
        #expect(kept.stderr == "nomen: note: <stdin>: 1 piece left as it was because the repair is not clearly "
            + "more plausible: \"NESTLÉ®\" (Windows-1252 would give \"NESTLɮ\")\n")
        let repaired = try NomenProcess.run(["normalize", "--decode", "mojibake"], stdin: "Viá»‡t Nam\n")
        #expect(repaired.stdout == "Việt Nam\n")
        #expect(repaired.stderr == "")
        let mixed = try NomenProcess.run(["normalize", "--decode", "mojibake"], stdin: "nÄƒm hay nháşĄt\n")
        #expect(mixed.status == 2)
        #expect(mixed.stdout == "")
        #expect(mixed.stderr.hasPrefix("nomen: error: <stdin>: mojibake: the text mixes code pages"))
    }

    @Test func namedEncodingDecodes() throws {
        let result = try NomenProcess.run(["normalize", "--decode", "viqr"], stdin: "Vie^.t Nam, DDa`  Na(~ng")
        #expect(result.stdout == "Việt Nam, Đà  Nẵng")
    }

    @Test func autoRefusesWhenUnsure() throws {
        let result = try NomenProcess.run(["normalize", "--decode", "auto"], stdin: [0x62, 0xE1, 0x20, 0x62, 0xE4])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("nomen: error: <stdin>: "))
        #expect(result.stderr.contains("--decode"))
    }

    @Test func detectReportsTheEncoding() throws {
        let input = Self.fixtures.appendingPathComponent("p1-da-nang.vni.bin").path
        let result = try NomenProcess.run(["normalize", "--detect", input])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  encoding: VNI: "))
    }
}
