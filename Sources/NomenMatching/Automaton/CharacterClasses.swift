import Foundation
import NomenModel
@_spi(Performance) import NomenNormalization

/// Which scripts separate words with spaces (so a match needs a boundary).
enum WordScript {
    static func separatesWords(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3FFFF:  // Han, kana, CJK symbols
            return false
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF:  // Thai, Lao, Myanmar, Khmer
            return false
        default:
            guard let value = Unicode.Scalar(scalar) else { return false }
            let properties = value.properties
            return properties.isAlphabetic || properties.numericType != nil
                || properties.generalCategory == .nonspacingMark
        }
    }
}

/// `WordScript.separatesWords` for the BMP as a bitmap, filled 64 scalars at
/// a time as texts reach them: the search asks it of every non-ASCII
/// character it passes, and the Unicode property look-ups behind it were a
/// visible share of annotate time. One per `Annotator` (it is written to).
final class WordScriptTable {
    private static let words = 0x10000 / 64
    private let bits: UnsafeMutablePointer<UInt64>
    /// Bit `w` is set once `bits[w]` is filled.
    private let filled: UnsafeMutablePointer<UInt64>

    init() {
        bits = .allocate(capacity: Self.words)
        bits.initialize(repeating: 0, count: Self.words)
        filled = .allocate(capacity: Self.words / 64)
        filled.initialize(repeating: 0, count: Self.words / 64)
    }

    deinit {
        bits.deallocate()
        filled.deallocate()
    }

    @inline(__always)
    func separatesWords(_ scalar: UInt32) -> Bool {
        guard scalar < 0x10000 else { return WordScript.separatesWords(scalar) }
        let word = Int(scalar >> 6)
        if filled[word >> 6] & (1 << UInt64(word & 63)) == 0 { fill(word) }
        return bits[word] & (1 << UInt64(scalar & 63)) != 0
    }

    private func fill(_ word: Int) {
        var value: UInt64 = 0
        for bit in 0..<64 where WordScript.separatesWords(UInt32(word * 64 + bit)) { value |= 1 << UInt64(bit) }
        bits[word] = value
        filled[word >> 6] |= 1 << UInt64(word & 63)
    }
}

/// The scalars with Unicode's White_Space property (PropList.txt), which
/// `Character.isWhitespace` tests on a character's first scalar.
enum WhiteSpace {
    @inline(__always)
    static func contains(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

/// Scalars for which canonical equivalence is identity and lower case is
/// one scalar of the same kind: ASCII printable, Latin-1 letters, Latin
/// Extended-A and -B (U+00C0–U+024F), Latin Extended Additional (the
/// precomposed Vietnamese letters, U+1E00–U+1EFF) and the CJK ideographs
/// of U+3400–U+4DBF and U+4E00–U+9FFF. None has a canonical decomposition
/// other than a precomposed letter's (all in NFC), none combines; a
/// scalar whose full lower case is not one such scalar (İ → i + U+0307) is
/// left to the `String` path.
enum SimpleCase {
    static func contains(_ scalar: UInt32) -> Bool {
        (scalar >= 0x20 && scalar < 0x7F) || (scalar >= 0xC0 && scalar <= 0x24F && scalar != 0xD7 && scalar != 0xF7)
            || (scalar >= 0x1E00 && scalar <= 0x1EFF) || (scalar >= 0x3400 && scalar <= 0x4DBF)
            || (scalar >= 0x4E00 && scalar <= 0x9FFF)
    }

    /// Lower case of U+00C0…U+024F and U+1E00…U+1EFF from the standard
    /// library's Unicode data, computed once; 0 where it is not one simple
    /// scalar.
    private static let latinLower: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0x250 + 0x100)
        func fill(_ scalar: UInt32, _ slot: Int) {
            guard let value = Unicode.Scalar(scalar) else { return }
            let mapped = value.properties.lowercaseMapping.unicodeScalars
            if mapped.count == 1, let only = mapped.first, contains(only.value) { table[slot] = only.value }
        }
        for scalar in UInt32(0xC0)...0x24F { fill(scalar, Int(scalar)) }
        for scalar in UInt32(0x1E00)...0x1EFF { fill(scalar, 0x250 + Int(scalar - 0x1E00)) }
        return table
    }()

    /// `Character` properties of a simple scalar, as flags.
    static let letter: UInt8 = 1, uppercase: UInt8 = 2, lowercase: UInt8 = 4
    /// White space, or a hyphen: what `CaseEvidence` splits words at.
    static let separator: UInt8 = 8

    private static func characterFlags(_ scalar: UInt32) -> UInt8 {
        guard let value = Unicode.Scalar(scalar) else { return 0 }
        let character = Character(value)
        var flags: UInt8 = 0
        if character.isLetter { flags |= letter }
        if character.isUppercase { flags |= uppercase }
        if character.isLowercase { flags |= lowercase }
        if character.isWhitespace || character == "-" { flags |= separator }
        return flags
    }

    /// The flags of every simple scalar but the ideographs, in memory that
    /// lives as long as the process: callers read the table once per text
    /// (one lazy-global check) and then index it without bounds checks or
    /// reference counting, where `static let` arrays cost a `swift_once`
    /// per scalar (3% of annotating an article).
    struct FlagTable: @unchecked Sendable {
        /// ASCII (0x00…0x7F), then U+0000…U+024F, then U+1E00…U+1EFF.
        private let entries: UnsafePointer<UInt8>
        private let ideograph = characterFlags(0x4E00)
        private static let latinBase = 0x80, additionalBase = 0x80 + 0x250

        init() {
            let table = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.additionalBase + 0x100)
            for scalar in 0..<UInt32(0x250) { table[Self.latinBase + Int(scalar)] = characterFlags(scalar) }
            for scalar in 0..<UInt32(0x80) { table[Int(scalar)] = characterFlags(scalar) }
            for offset in 0..<0x100 { table[Self.additionalBase + offset] = characterFlags(0x1E00 + UInt32(offset)) }
            entries = UnsafePointer(table)
        }

        @inline(__always)
        func flags(ascii byte: UInt8) -> UInt8 { entries[Int(byte & 0x7F)] }

        /// The flags of a scalar of a simple text.
        @inline(__always)
        func flags(_ scalar: UInt32) -> UInt8 {
            if scalar < 0x250 { return entries[Self.latinBase + Int(scalar)] }
            if scalar >= 0x1E00 && scalar <= 0x1EFF { return entries[Self.additionalBase + Int(scalar - 0x1E00)] }
            return ideograph  // U+3400…U+4DBF, U+4E00…U+9FFF: letters without case
        }
    }

    /// Made once, never freed.
    static let flagTable = FlagTable()

    @inline(__always)
    private static func lower(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x80 { return scalar >= 0x41 && scalar <= 0x5A ? scalar | 0x20 : scalar }
        if scalar <= 0x24F { return latinLower[Int(scalar)] }
        if scalar >= 0x1E00 && scalar <= 0x1EFF { return latinLower[0x250 + Int(scalar - 0x1E00)] }
        return scalar  // CJK ideographs have no case
    }

    /// Whether two simple texts are equal in lower case; nil when a scalar's
    /// lower case is not simple.
    static func lowerEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        var i = 0, j = 0
        while i < a.count && j < b.count {
            let (x, xLength) = a[i] < 0x80 ? (UInt32(a[i]), 1) : UTF8Scalar.decode(a, at: i)
            let (y, yLength) = b[j] < 0x80 ? (UInt32(b[j]), 1) : UTF8Scalar.decode(b, at: j)
            let lx = lower(x), ly = lower(y)
            if lx == 0 || ly == 0 { return nil }
            if lx != ly { return false }
            i += xLength
            j += yLength
        }
        return i == a.count && j == b.count
    }
}
