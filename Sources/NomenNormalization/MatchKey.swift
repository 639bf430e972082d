/// The match tiers, from strictest to loosest. Each key is a pure function of
/// the text; two names match at a tier when their keys at that tier are equal.
///
/// | tier       | key                                             | Hải Phòng   |
/// |------------|-------------------------------------------------|-------------|
/// | `exact`    | NFC, white space collapsed and trimmed          | Hải Phòng   |
/// | `caseless` | NFKC_Casefold of that                           | hải phòng   |
/// | `folded`   | `Fold` (marks, đ→d, case, i/y), trimmed         | hai phong   |
/// | `compact`  | folded without spaces, hyphens and apostrophes  | haiphong    |
public enum MatchTier: String, CaseIterable, Comparable, Codable, Sendable {
    case exact, caseless, folded, compact

    public static func < (lhs: MatchTier, rhs: MatchTier) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The keys of one text at every tier.
public struct MatchKeys: Hashable, Codable, Sendable {
    public let exact: String
    public let caseless: String
    public let folded: String
    public let compact: String

    /// Keys computed elsewhere (a glossary store reads them back).
    public init(exact: String, caseless: String, folded: String, compact: String) {
        self.exact = exact
        self.caseless = caseless
        self.folded = folded
        self.compact = compact
    }

    public init(_ text: String) throws(ICUError) {
        try self.init(text, fold: Fold.fast)
    }

    /// The keys with the fold given (`Fold.fast`, or a folder of the caller's
    /// own: `MatchKeyBuilder`).
    init(_ text: String, fold: (String) throws(ICUError) -> String) throws(ICUError) {
        exact = try MatchKey.exact(text)
        caseless = try MatchKey.caseless(exact: exact)
        folded = MatchKey.trimmingSpaces(try fold(text))
        compact = MatchKey.compacting(folded)
    }

    public subscript(tier: MatchTier) -> String {
        switch tier {
        case .exact: exact
        case .caseless: caseless
        case .folded: folded
        case .compact: compact
        }
    }
}

public enum MatchKey {
    /// The key of `text` at `tier`.
    public static func key(_ text: String, tier: MatchTier) throws(ICUError) -> String {
        switch tier {
        case .exact: try exact(text)
        case .caseless: try caseless(exact: try exact(text))
        case .folded: trimmingSpaces(try Fold.fast(text))
        case .compact: compacting(try key(text, tier: .folded))
        }
    }

    /// The exact key: NFC, white space collapsed.
    public static func exact(_ text: String) throws(ICUError) -> String {
        collapsingWhiteSpace(try UnicodeNormalizer.normalize(text, to: .nfc))
    }

    /// The caseless key of a text whose exact key is `exact`.
    public static func caseless(exact: String) throws(ICUError) -> String {
        collapsingWhiteSpace(try UnicodeNormalizer.normalize(exact, to: .nfkcCasefold))
    }

    /// Characters the compact tier drops from a folded key: the space, the
    /// hyphen and the apostrophe (after the fold, every white space is a
    /// space, U+2010/U+2011 are "-" and ’ ‘ ʼ are "'"), and the middle dot
    /// that Chinese uses between the parts of a foreign name.
    static let compactDropped: Set<Unicode.Scalar> = [" ", "-", "'", "\u{00B7}", "\u{30FB}"]

    /// The compact key of an already folded text.
    public static func compactingFolded(_ folded: String) -> String {
        compacting(folded)
    }

    static func compacting(_ folded: String) -> String {
        String(String.UnicodeScalarView(folded.unicodeScalars.filter { !compactDropped.contains($0) }))
    }

    /// Leading and trailing spaces removed (folded text has no other white space).
    public static func trimmingSpaces(_ text: String) -> String {
        guard text.utf8.first == 0x20 || text.utf8.last == 0x20 else { return text }
        var scalars = Substring(text).unicodeScalars
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }

    /// Runs of white space become one space; leading and trailing removed.
    public static func collapsingWhiteSpace(_ text: String) -> String {
        // Most names have single spaces between words and nothing else to
        // collapse: settled on their bytes, without a property look-up per scalar.
        guard mayHoldWhiteSpaceToCollapse(text.utf8) else { return text }
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

    /// False only when `utf8` has no white space but single spaces between
    /// other characters: no space at either end or beside another, no tab
    /// or line break, and none of the bytes that start white space beyond
    /// ASCII (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000; a whole row
    /// of the last two is taken, to be safe).
    static func mayHoldWhiteSpaceToCollapse(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8 = 0x20  // as if a space came first: a leading one collapses
        for byte in utf8 {
            switch byte {
            case 0x20 where previous == 0x20: return true
            case 0x09...0x0D: return true
            case 0x85 where previous == 0xC2, 0xA0 where previous == 0xC2: return true
            case 0x9A where previous == 0xE1: return true
            case 0x80 where previous == 0xE2, 0x81 where previous == 0xE2, 0x80 where previous == 0xE3: return true
            default: break
            }
            previous = byte
        }
        return previous == 0x20
    }
}
