import Foundation
import Testing
@_spi(Performance) @testable import NomenNormalization

@Suite struct FoldTests {
    @Test(arguments: [
        ("Lương Cường", "luong cuong"),
        ("Đà Nẵng", "da nang"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang cong san viet nam"),
        ("Ðà Nẵng", "da nang"),           // Ð U+00D0 (eth) typed for Đ
        ("Ɖà Nẵng", "da nang"),           // Ɖ U+0189 (African D)
        ("ư ơ ă â ê ô", "u o a a e o"),
        ("Thủy   Hoà\tKhỏe", "thuy hoa khoe"), // white space runs collapse
        ("Tập Cận Bình", "tap can binh"),
        ("Hồ Chí Minh", "ho chi minh"),
        ("Xi’an", "xi'an"),
        ("Łódź", "lodz"),
        ("ＨＡＮＯＩ", "hanoi"),
        ("习近平", "习近平"),
    ])
    func foldsToKey(input: String, expected: String) throws {
        #expect(try Fold.fast(input) == expected)
        #expect(try Fold.reference(input) == expected)
    }

    @Test func nfcAndNFDGiveTheSameKey() throws {
        for name in ["Nguyễn Phú Trọng", "Phạm Minh Chính", "Trần Thanh Mẫn", "Quảng Ninh", "Thừa Thiên Huế"] {
            let nfd = try UnicodeNormalizer.normalize(name, to: .nfd)
            #expect(nfd.unicodeScalars.count > name.unicodeScalars.count)
            #expect(try Fold.fast(nfd) == Fold.fast(name))
            #expect(try MatchKeys(nfd) == MatchKeys(name))
        }
    }

    @Test func iAndYSpellingsShareAKey() throws {
        for row in try Fixtures.tsv("vietnamese/iy-variants.tsv") {
            #expect(try Fold.fast(row[0]) == Fold.fast(row[1]), "\(row[0]) / \(row[1])")
        }
    }

    @Test func differentRhymesWithIAndYStayApart() throws {
        for row in try Fixtures.tsv("vietnamese/iy-not-variants.tsv") {
            #expect(try Fold.fast(row[0]) != Fold.fast(row[1]), "\(row[0]) / \(row[1])")
        }
    }

    /// The fast path and ICU agree on every code point of the Basic
    /// Multilingual Plane, each folded on its own.
    @Test func fastPathAgreesWithICUOverTheBMP() throws {
        var disagreements: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            let fast = try Fold.fast(text)
            let reference = try Fold.reference(text)
            if fast != reference {
                disagreements.append("U+\(String(value, radix: 16, uppercase: true)): \(fast.debugDescription) vs \(reference.debugDescription)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(10))")
    }

    static let documents = [
        "Chủ tịch nước Lương Cường tiếp Đại sứ Trung Quốc tại Hà Nội. Hai bên bàn về hợp tác ở Lào Cai – Hà Khẩu.",
        "President Luong Cuong met Chinese Ambassador in Hanoi on Tuesday;  HCM City and Hai Phong were mentioned.",
        "越南国家主席梁强在河内会见中国驻越南大使。双方讨论了老街—河口口岸合作。",
        "Thủy  hoà\thòa khoẻ\nkỹ thuật Mỹ Tho, Hy Lạp. Đức, Ðức, ΣΟΦΟΣ Straße ﬁne ＨＡＮＯＩ Москва 서울",
    ]

    @Test(arguments: documents)
    func fastPathAgreesWithICUOnDocuments(document: String) throws {
        let reference = try Fold.reference(document)
        #expect(try Fold.fast(document) == reference)
        let nfd = try UnicodeNormalizer.normalize(document, to: .nfd)
        #expect(try Fold.fast(nfd) == reference)
    }

    /// Every folded byte maps back to the source character it came from.
    @Test func offsetsMapBackToTheSource() throws {
        let source = "Ông Lương Cường và ông Tập Cận Bình"
        for input in [source, try UnicodeNormalizer.normalize(source, to: .nfd)] {
            let folder = try FastFolder()
            let bytes = Array(input.utf8)
            let folded = try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in try folder.fold(utf8: buffer) }
            let foldedString = folded.string
            #expect(foldedString == "ong luong cuong va ong tap can binh")
            let range = foldedString.utf8.ranges(of: Array("luong cuong".utf8))
            let start = foldedString.utf8.distance(from: foldedString.utf8.startIndex, to: range[0].lowerBound)
            let sourceRange = folded.sourceRange(ofFolded: start..<(start + 11))
            let surface = String(decoding: bytes[sourceRange], as: UTF8.self)
            #expect(try UnicodeNormalizer.normalize(surface, to: .nfc) == "Lương Cường")
            #expect(folded.sourceOffsets.count == folded.bytes.count + 1)
            #expect(Int(folded.sourceOffsets.last!) == bytes.count)
        }
    }

    @Test func invalidUTF8IsReportedWithItsOffset() throws {
        let folder = try FastFolder()
        let cases: [([UInt8], Int)] = [
            (Array("Hà Nội ".utf8) + [0xFF], 10),
            (Array("ab".utf8) + [0xE1, 0xBB], 2),            // truncated sequence
            ([0x61, 0xC0, 0xAF], 1),                          // overlong "/"
            ([0xED, 0xA0, 0x80], 0),                          // a surrogate
            ([0xF4, 0x90, 0x80, 0x80], 0),                    // above U+10FFFF
        ]
        for (bytes, offset) in cases {
            #expect(throws: FoldError.invalidUTF8(InvalidUTF8(byteOffset: offset))) {
                _ = try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in try folder.fold(utf8: buffer) }
            }
        }
    }
}

@Suite struct FoldRulesTests {
    /// The ICU form of the i/y step gives what the Swift step gives.
    @Test(arguments: FoldTests.documents + ["my ly, quy tay ky. sky hy\n—my\nmy", "Mỹ Tho, LÝ, Lý Thường Kiệt, kỹ sư, quý"])
    func completeICURulesMatchTheFold(document: String) throws {
        let complete = try Transliterator(id: "nomen-fold-complete", rules: FoldRules.completeICURules)
        #expect(try complete.transliterate(document) == Fold.reference(document))
    }
}
