import Testing
@testable import NomenNormalization

@Suite struct MatchKeyTests {
    /// White space collapses as a scalar-by-scalar reading says, whether
    /// the bytes settle it (single inner spaces) or not.
    @Test func whiteSpaceCollapsesAsScalarByScalar() {
        func reference(_ text: String) -> String {
            var result = String.UnicodeScalarView()
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace {
                    pendingSpace = !result.isEmpty
                } else {
                    if pendingSpace { result.append(" ") }
                    pendingSpace = false
                    result.append(scalar)
                }
            }
            return String(result)
        }
        let spaces = ["", " ", "  ", "\t", "\n", "\r\n", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}", "\u{200A}",
                      "\u{2028}", "\u{202F}", "\u{205F}", "\u{3000}", " \u{A0}"]
        let words = ["Hà", "Nội", "Nguyễn", "Xi", "习近平", "\u{2014}", "\u{3001}", "Trường".decomposedStringWithCanonicalMapping]
        for before in spaces {
            for between in spaces {
                for after in spaces {
                    for (first, second) in zip(words, words.reversed()) {
                        let text = before + first + between + second + after
                        #expect(MatchKey.collapsingWhiteSpace(text) == reference(text), "\(Array(text.unicodeScalars))")
                        #expect(MatchKey.collapsingWhiteSpace(text).unicodeScalars.elementsEqual(reference(text).unicodeScalars))
                    }
                }
            }
        }
    }

    struct Row: Sendable, CustomStringConvertible {
        let a: String, b: String, tier: MatchTier
        var description: String { "\(a) ~ \(b) at \(tier)" }
    }

    /// Each pair first matches at `tier`: different keys at every stricter tier.
    static let rows: [Row] = [
        Row(a: "Hải Phòng", b: "Hải Phòng", tier: .exact),
        Row(a: "Hải  Phòng", b: "Hải Phòng", tier: .exact),
        Row(a: "HẢI PHÒNG", b: "Hải Phòng", tier: .caseless),
        Row(a: "Hai Phong", b: "Hải Phòng", tier: .folded),
        Row(a: "Haiphong", b: "Hải Phòng", tier: .compact),
        Row(a: "Ha-Noi", b: "Hà Nội", tier: .compact),
        Row(a: "Xian", b: "Xi'an", tier: .compact),
        Row(a: "Luong Cuong", b: "Lương Cường", tier: .folded),
        Row(a: "Lí Thường Kiệt", b: "Lý Thường Kiệt", tier: .folded),
        Row(a: "Ðà Nẵng", b: "Đà Nẵng", tier: .folded),
        Row(a: "Thanh Hoá", b: "Thanh Hóa", tier: .exact),   // canonically equivalent? no: see test below
    ]

    @Test(arguments: rows.dropLast())
    func pairsFirstMatchAtTheirTier(row: Row) throws {
        let a = try MatchKeys(row.a), b = try MatchKeys(row.b)
        for tier in MatchTier.allCases {
            if tier < row.tier {
                #expect(a[tier] != b[tier], "\(row) should differ at \(tier)")
            } else {
                #expect(a[tier] == b[tier], "\(row) should match at \(tier)")
            }
        }
    }

    /// Tone placement is a spelling difference, not a canonical one: the two
    /// conventions differ at the exact tier and meet at the folded tier.
    @Test func toneConventionsMeetAtTheFoldedTier() throws {
        let old = try MatchKeys("Thanh Hóa"), new = try MatchKeys("Thanh Hoá")
        #expect(old.exact != new.exact)
        #expect(old.folded == new.folded)
    }

    @Test func keyFunctionAgreesWithMatchKeys() throws {
        let name = " Hồ  Chí Minh "
        let keys = try MatchKeys(name)
        for tier in MatchTier.allCases {
            #expect(try MatchKey.key(name, tier: tier) == keys[tier])
        }
        #expect(keys.exact == "Hồ Chí Minh")
        #expect(keys.compact == "hochiminh")
    }

    /// The shortcut for ASCII (and the builder that takes it) gives the keys
    /// ICU gives.
    @Test func asciiKeysAgreeWithMatchKeysOnEveryASCIICharacter() throws {
        let keyMaker = MatchKeyBuilder()
        for value in UInt8(0)..<0x80 {
            let character = String(UnicodeScalar(value))
            for text in [character, "a\(character)b", " \(character)\(character) Ly \(character)", "Hy\(character)"] {
                let expected = try MatchKeys(text)
                #expect(MatchKeys.ascii(text) == expected, "U+\(String(value, radix: 16)) in \(text.debugDescription)")
                #expect(try keyMaker.keys(text) == expected, "U+\(String(value, radix: 16)) in \(text.debugDescription)")
            }
        }
        #expect(MatchKeys.ascii("Hải") == nil)
        #expect(try keyMaker.keys("Hải  Phòng ") == MatchKeys("Hải  Phòng "))
    }

    @Test func tiersAreOrderedStrictestFirst() {
        #expect(MatchTier.allCases.sorted() == [.exact, .caseless, .folded, .compact])
    }
}
