import Testing
@testable import NomenMatching

/// Whether a surface found at the folded tier carries the name's diacritics
/// (placed either way) or other ones, and the per-annotator memo of it.
@Suite struct CaseEvidenceTests {
    @Test(arguments: [
        ("Hoà Bình", "Hòa Bình", true),   // old tone placement
        ("Thuỷ", "Thủy", true),
        ("Chủ", "Chũ", false),            // another tone: another word
        ("Hà Nôi", "Hà Nội", false),      // a mark missing on one syllable
        ("Hoa\u{300} Bình", "Hòa Bình", true),  // NFD
    ])
    func diacriticsAgree(surface: String, name: String, agree: Bool) {
        #expect(CaseEvidence.diacriticsAgree(Substring(surface), name: Substring(name)) == agree)
    }

    /// The memo is keyed by the surface and the name: the same surface with
    /// another name gets that name's answer, not the first one's.
    @Test func theMemoKeysByNameAsWellAsSurface() {
        let cache = CaseEvidence.ToneCache()
        var computed = 0
        func agree(_ surface: String, _ nameStart: UInt32, _ name: String) -> Bool {
            cache.diacriticsAgree(Substring(surface), nameStart: nameStart) { computed += 1; return Substring(name) }
        }
        #expect(agree("Chủ", 10, "Chũ") == false)
        #expect(agree("Chủ", 20, "Chủ") == true)
        #expect(agree("Chủ", 10, "Chũ") == false)
        #expect(agree("Chủ", 20, "Chủ") == true)
        #expect(computed == 2)
    }

    /// The byte-level case checks answer as the `Substring` ones do, on
    /// surfaces and names with as many words or not, in every case.
    @Test func simpleChecksAnswerAsTheStringOnesDo() {
        let texts = ["Hải Phòng", "hải phòng", "HẢI PHÒNG", "Hải phòng", "hải Phòng", "Hải", "hải", "Phòng Hải Dương",
                     "Xi Jinping", "xi jinping", "Xi", "Ba Ria-Vung Tau", "ba ria-Vung tau", "iPhone", "IPHONE",
                     "Đà Nẵng", "đà nẵng", "Ðà", "", " ", "-", "a-b c", "Lương  Cường", "习近平", "习 Jinping", "3M", "3m Co"]
        for surface in texts {
            for name in texts {
                let simple = Array(surface.utf8).withUnsafeBufferPointer { surfaceBytes in
                    Array(name.utf8).withUnsafeBufferPointer { nameBytes in
                        CaseEvidence.fitsTitleCase(simple: surfaceBytes, name: nameBytes)
                    }
                }
                #expect(simple == CaseEvidence.fitsTitleCase(Substring(surface), name: Substring(name)), "\(surface) / \(name)")
            }
        }
    }
}
