import NomenNormalization
import Testing
@testable import NomenMatching

/// `Search.tier` answers on bytes where it can (ASCII, simple NFC text, a
/// surface composed once when it is NFD or oddly spaced); every answer must
/// be the one its definition on `String`s gives: exact when canonically
/// equal once white space runs are one space, caseless when equal in lower
/// case, else folded (or compact).
@Suite struct TierTests {
    static func definition(_ surface: String, _ name: String, compact: Bool) -> MatchTier {
        if Array(surface.utf8) == Array(name.utf8) { return .exact }
        let collapsed = surface.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let bothASCII = surface.utf8.allSatisfy { $0 < 0x80 } && name.utf8.allSatisfy { $0 < 0x80 }
        if !bothASCII && collapsed == name { return .exact }
        if collapsed.lowercased() == name.lowercased() { return .caseless }
        return compact ? .compact : .folded
    }

    static func tier(_ surface: String, _ name: String, compact: Bool) -> MatchTier {
        var surfaceBytes = Array(surface.utf8), nameBytes = Array(name.utf8)
        return surfaceBytes.withUnsafeMutableBufferPointer { surfaceBuffer in
            nameBytes.withUnsafeMutableBufferPointer { nameBuffer in
                let nameView = UnsafeBufferPointer(nameBuffer)
                var written = Search.Surface(UnsafeBufferPointer(surfaceBuffer))
                return Search.tier(&written, name: nameView, nameTraits: Search.TextTraits(nameView), compact: compact)
            }
        }
    }

    /// Every way of writing each name that the search meets: NFC and NFD,
    /// as written, upper, lower and title case, the other tone placement,
    /// doubled spaces, a tab, a no-break space, no diacritics.
    static func spellings(of name: String) throws -> [String] {
        var forms = [name, name.uppercased(), name.lowercased(), name.capitalized,
                     name.replacingOccurrences(of: " ", with: "  "), name.replacingOccurrences(of: " ", with: "\t"),
                     name.replacingOccurrences(of: " ", with: "\u{00A0}"),
                     name.replacingOccurrences(of: "óa", with: "oá").replacingOccurrences(of: "òa", with: "oà"),
                     String(name.unicodeScalars.filter { $0.value < 0x300 || $0.value > 0x36F })]
        forms += try forms.map { try UnicodeNormalizer.normalize($0, to: .nfd) }
        forms.append(String(try UnicodeNormalizer.normalize(name, to: .nfd).unicodeScalars.filter { $0.value < 0x300 || $0.value > 0x36F }))
        return forms
    }

    @Test(arguments: ["Lương Cường", "Thanh Hóa", "Đặng Thị Ngọc Thịnh", "Hòa Bình", "Pham Minh Chinh", "习近平", "Ελλάδα"])
    func bytesAgreeWithStrings(name: String) throws {
        let names = [name, try UnicodeNormalizer.normalize(name, to: .nfc)]
        for name in Set(names) {
            for surface in try Self.spellings(of: name) + Self.spellings(of: name.uppercased()) {
                for compact in [false, true] {
                    #expect(Self.tier(surface, name, compact: compact) == Self.definition(surface, name, compact: compact),
                            "\(surface.unicodeScalars.map { String($0.value, radix: 16) }) against \(name)")
                }
            }
        }
    }

    /// Composing without ICU (`LatinComposition`) gives ICU's NFC of the
    /// text with its white space collapsed wherever it answers, and it
    /// answers for the Vietnamese letters written in NFD.
    @Test func latinCompositionIsICUsNFC() throws {
        let latin = (UInt32(0xC0)...0x24F).map { $0 } + (UInt32(0x1E00)...0x1EFF).map { $0 }
        var vietnamese = 0
        for letter in latin.filter(SimpleCase.contains).compactMap(Unicode.Scalar.init) {
            let decomposed = try UnicodeNormalizer.normalize(String(letter), to: .nfd)
            let composed = Self.compose(decomposed)
            if let composed { #expect(composed == Array(String(letter).utf8), "U+\(String(letter.value, radix: 16))") }
            if (0x1EA0...0x1EF9).contains(letter.value) || "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư".unicodeScalars.contains(letter) {
                #expect(composed != nil, "U+\(String(letter.value, radix: 16))")
                vietnamese += 1
            }
        }
        #expect(vietnamese == 90 + 44)
        let name = try UnicodeNormalizer.normalize("Nguyễn  Thị\tHoài Ngọc ", to: .nfd)
        #expect(Self.compose(name) == Array("Nguyễn Thị Hoài Ngọc".utf8))

        let pieces: [String] = ["a", "e", "o", "u", "D", "đ", "ơ", "ê", "Y", "z", "\u{300}", "\u{301}", "\u{302}", "\u{303}",
                                "\u{309}", "\u{323}", "\u{31B}", "\u{306}", "\u{308}", "\u{30C}", "\u{1DC0}", " ", "  ",
                                "\t", "\u{A0}", "\n", "习", "Ω"]
        var state: UInt64 = 0x5851_F42D_4C95_7F2D
        var answered = 0
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<6 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            guard let composed = Self.compose(text) else { continue }
            answered += 1
            let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(composed == Array(try UnicodeNormalizer.normalize(collapsed, to: .nfc).utf8),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(answered > 200)
    }

    static func compose(_ text: String) -> [UInt8]? {
        Array(text.utf8).withUnsafeBufferPointer { LatinComposition.compose($0) }
    }

    @Test func nfdSurfacesAreExactOrCaseless() {
        let nfd = "L\u{0075}\u{031B}\u{006F}\u{031B}ng C\u{0075}\u{031B}\u{006F}\u{031B}\u{0300}ng"
        #expect(Self.tier(nfd, "Lương Cường", compact: false) == .exact)
        #expect(Self.tier(nfd.uppercased(), "Lương Cường", compact: false) == .caseless)
        #expect(Self.tier("L\u{0075}\u{031B}\u{006F}\u{031B}ng  C\u{0075}\u{031B}\u{006F}\u{031B}\u{0301}ng", "Lương Cường",
                          compact: false) == .folded)
        // A mark after a space belongs to the space in `String`: no byte answer may differ from that.
        #expect(Self.tier("Lương \u{0300}Cường", "Lương Cường", compact: false)
                == Self.definition("Lương \u{0300}Cường", "Lương Cường", compact: false))
    }
}
