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
