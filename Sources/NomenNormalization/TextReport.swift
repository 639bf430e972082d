/// What `nomen normalize --detect` finds out about a text.
public struct TextReport: Equatable, Sendable, Codable {
    /// Which normalization forms the text is already in.
    public enum Form: String, Codable, Sendable {
        /// Both NFC and NFD: nothing in it composes or decomposes (plain ASCII, most Han).
        case nfcAndNFD = "NFC and NFD"
        case nfc = "NFC"
        case nfd = "NFD"
        /// Some characters composed, others not.
        case mixed = "neither (mixed)"
    }

    public let form: Form
    /// Letters per script, by ISO 15924 code.
    public let scripts: [String: Int]
    public let tone: ToneReport

    public init(inspecting text: String) throws(ICUError) {
        let isNFC = try UnicodeNormalizer.isNormalized(text, .nfc)
        let isNFD = try UnicodeNormalizer.isNormalized(text, .nfd)
        switch (isNFC, isNFD) {
        case (true, true): form = .nfcAndNFD
        case (true, false): form = .nfc
        case (false, true): form = .nfd
        case (false, false): form = .mixed
        }
        scripts = ScriptCensus.count(text)
        tone = ToneConvention.inspect(text)
    }

    /// Scripts ordered by letter count, most first.
    public var scriptsByCount: [(script: String, letters: Int)] {
        scripts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }
}
