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
    /// ASCII. False means "ask ICU", not "not NFC".
    /// Whether `text` is made only of scalars NFC never touches, so is
    /// NFC without asking ICU (false says nothing).
    public static func isCertainlyNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isCertainlyNFC(utf8: $0) }
    }

    @_spi(Performance) public static func isCertainlyNFC(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < utf8.count {
            let (value, length) = UTF8Scalar.decode(utf8, at: index)
            guard isCertainlyNFC(value) else { return false }
            index += length
        }
        return true
    }

    /// Whether a scalar is one NFC never touches, alone or beside any other:
    /// below U+0300 (no combining marks), precomposed Vietnamese letters,
    /// general and CJK punctuation, the common Han block, fullwidth forms.
    @_spi(Performance) @inline(__always)
    public static func isCertainlyNFC(_ value: UInt32) -> Bool {
        switch value {
        case 0..<0x300, 0x1E00...0x1EFF, 0x2010...0x205E, 0x3000...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF5E: true
        default: false
        }
    }

    /// Whether `text` is in `form`. For NFC, text made only of scalars NFC
    /// never touches (most text: ASCII, Vietnamese, Chinese) is answered
    /// without converting it for ICU.
    public static func isNormalized(_ text: String, _ form: UnicodeForm) throws(ICUError) -> Bool {
        if form == .nfc {
            var text = text
            if text.withUTF8({ isCertainlyNFC(utf8: $0) }) { return true }
        }
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
