internal import CICU

/// The Unicode normalization forms nomen offers, computed by ICU.
public enum UnicodeForm: String, CaseIterable, Sendable {
    case nfc, nfd, nfkc, nfkd
    /// NFKC followed by full case folding and removal of default-ignorable
    /// code points (Unicode's NFKC_Casefold, UAX #15 / DerivedNormalizationProps).
    case nfkcCasefold = "nfkc_cf"

    var icuForm: Int32 {
        switch self {
        case .nfc: Int32(NOMEN_ICU_NFC.rawValue)
        case .nfd: Int32(NOMEN_ICU_NFD.rawValue)
        case .nfkc: Int32(NOMEN_ICU_NFKC.rawValue)
        case .nfkd: Int32(NOMEN_ICU_NFKD.rawValue)
        case .nfkcCasefold: Int32(NOMEN_ICU_NFKC_CASEFOLD.rawValue)
        }
    }
}

/// Normalization through ICU's shared, thread-safe normalizer instances.
public enum UnicodeNormalizer {
    public static func normalize(_ text: String, to form: UnicodeForm) throws(ICUError) -> String {
        let source = text.icuUnits
        let result = try withICUBuffer(
            initialCapacity: source.count + source.count / 2 + 8,
            operation: "normalize to \(form.rawValue.uppercased())"
        ) { buffer, capacity, status in
            nomen_icu_normalize(form.icuForm, source, Int32(source.count), buffer, capacity, &status)
        }
        return String(icuUnits: result)
    }

    /// True when `utf8` is in NFC for certain without asking ICU: every
    /// scalar is one that NFC leaves alone whatever surrounds it (NFC quick
    /// check Yes, combining class 0): below U+0300, precomposed Latin and
    /// Vietnamese letters (U+1E00–U+1EFF), general punctuation from U+2010,
    /// CJK punctuation before the tone marks, CJK ideographs and fullwidth
    /// ASCII. False means "ask `isNormalized`", not "not NFC".
    public static func isCertainlyNFC(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < utf8.count {
            let lead = utf8[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let value: UInt32, width: Int
            if lead < 0xE0 {
                guard index + 1 < utf8.count else { return false }
                value = UInt32(lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
                width = 2
            } else if lead < 0xF0 {
                guard index + 2 < utf8.count else { return false }
                value = UInt32(lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
                width = 3
            } else {
                return false
            }
            switch value {
            case 0x80..<0x300, 0x1E00...0x1EFF, 0x2010...0x205E, 0x3000...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF5E:
                index += width
            default:
                return false
            }
        }
        return true
    }

    public static func isNormalized(_ text: String, _ form: UnicodeForm) throws(ICUError) -> Bool {
        let source = text.icuUnits
        var status: Int32 = 0
        let answer = nomen_icu_is_normalized(form.icuForm, source, Int32(source.count), &status)
        try status.checkICUSuccess("check \(form.rawValue.uppercased())")
        return answer == 1
    }

    /// Full Unicode case folding (CaseFolding.txt, statuses C and F).
    public static func foldCase(_ text: String) throws(ICUError) -> String {
        let source = text.icuUnits
        let result = try withICUBuffer(
            initialCapacity: source.count + 8, operation: "fold case"
        ) { buffer, capacity, status in
            nomen_icu_fold_case(source, Int32(source.count), buffer, capacity, &status)
        }
        return String(icuUnits: result)
    }
}
