/// The encodings Vietnamese text arrives in besides plain Unicode.
///
/// | case | what the bytes are | decoder |
/// |---|---|---|
/// | `utf8` | modern text; nothing to decode | strict UTF-8 |
/// | `viqr` | ASCII with marks after letters, `Vie^.t Nam` (RFC 1456) | `VIQRDecoder` |
/// | `vni` | VNI-Windows font bytes (VNI-Times) | `VNIDecoder` |
/// | `tcvn3` | TCVN 5712:1993 VN3, the "ABC" fonts (.VnTime) | `TCVN3Decoder` |
/// | `cp1258` | Windows-1258, tones as combining bytes | ICU `windows-1258`, then NFC |
/// | `mojibake` | UTF-8 text whose UTF-8 bytes were read as Windows-1252 or Latin-1, once or twice (`Viá»‡t`) | `MojibakeRepair` |
///
/// The tables come from `Data/encodings/` (see its README for the decision
/// rules each decoder follows), compiled into the binary.
public enum LegacyEncoding: String, CaseIterable, Sendable, Codable {
    case utf8, viqr, vni, tcvn3, cp1258, mojibake

    /// The name used in messages ("VNI", "Windows-1258").
    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .viqr: "VIQR"
        case .vni: "VNI"
        case .tcvn3: "TCVN3"
        case .cp1258: "Windows-1258"
        case .mojibake: "mojibake"
        }
    }
}

/// Why bytes could not be decoded: the encoding tried (nil when detection
/// refused to pick one), the byte offset where it failed when there is one,
/// and a message that names both.
public struct LegacyDecodingError: Error, Equatable, CustomStringConvertible, Sendable {
    public let encoding: LegacyEncoding?
    /// 0-based offset in the input bytes as given.
    public let byteOffset: Int?
    public let message: String

    public init(encoding: LegacyEncoding?, byteOffset: Int?, message: String) {
        self.encoding = encoding
        self.byteOffset = byteOffset
        self.message = message
    }

    public var description: String { message }

    static func invalidUTF8(_ encoding: LegacyEncoding, at offset: Int) -> LegacyDecodingError {
        LegacyDecodingError(
            encoding: encoding, byteOffset: offset,
            message: "\(encoding.displayName): invalid UTF-8 at byte \(offset)"
                + (encoding == .utf8 ? "" : " (\(encoding.displayName) input is read as UTF-8 text)"))
    }
}

/// What `LegacyText.detect` found, and why.
public struct LegacyDetection: Equatable, Sendable, Codable {
    /// The best candidate; `utf8` means plain modern text, nothing to decode
    /// (or, when not confident, that no legacy encoding fits).
    public let encoding: LegacyEncoding
    /// False when the evidence is too thin or two readings are too close;
    /// `LegacyText.decodeAuto` refuses then.
    public let confident: Bool
    /// Human-readable: "VNI: 115 marked words, 100% valid Vietnamese
    /// syllables; next best TCVN3 75%".
    public let evidence: String
    /// Every encoding tried, with its score, best first. Encodings that could
    /// not read the input at all (invalid UTF-8 for `utf8`, `viqr` and
    /// `mojibake`; valid UTF-8 for the byte encodings) are left out.
    public let candidates: [Candidate]

    public struct Candidate: Equatable, Sendable, Codable {
        public let encoding: LegacyEncoding
        /// Words (runs of letters) with at least one Vietnamese letter that
        /// carries a mark (ă â đ ê ô ơ ư or a tone).
        public let markedWords: Int
        /// Share of the marked words that are well-formed Vietnamese
        /// syllables (`VietnameseSyllable.parse`), 0 when there are none.
        public let validShare: Double
        /// Non-ASCII characters that are neither Vietnamese letters, other
        /// scripts' letters, nor common punctuation.
        public let junk: Int

        public init(encoding: LegacyEncoding, markedWords: Int, validShare: Double, junk: Int) {
            self.encoding = encoding
            self.markedWords = markedWords
            self.validShare = validShare
            self.junk = junk
        }
    }

    public init(encoding: LegacyEncoding, confident: Bool, evidence: String, candidates: [Candidate]) {
        self.encoding = encoding
        self.confident = confident
        self.evidence = evidence
        self.candidates = candidates
    }
}

/// Decoding legacy Vietnamese encodings and repairing mojibake.
public enum LegacyText {
    /// Decodes `bytes` as `encoding`. The result is NFC.
    ///
    /// `utf8`, `viqr` and `mojibake` read the bytes as UTF-8 first and fail at
    /// the first ill-formed byte. `mojibake` repairs only what reads clearly
    /// better repaired and leaves the rest as it is (`repairMojibake` says
    /// what it left). `vni` and `tcvn3` read every byte (bytes no
    /// table row explains are Windows-1252). `cp1258` goes through ICU.
    public static func decode(_ bytes: [UInt8], from encoding: LegacyEncoding) throws(LegacyDecodingError) -> String {
        switch encoding {
        case .utf8:
            return try nfc(try utf8Text(bytes, as: .utf8), encoding: .utf8)
        case .viqr:
            return try nfc(VIQRDecoder.decode(try utf8Text(bytes, as: .viqr)), encoding: .viqr)
        case .vni:
            return try nfc(VNIDecoder.decode(bytes), encoding: .vni)
        case .tcvn3:
            return try nfc(TCVN3Decoder.decode(bytes), encoding: .tcvn3)
        case .cp1258:
            return try Windows1258Decoder.decode(bytes)
        case .mojibake:
            return try nfc(try MojibakeRepair.repair(try utf8Text(bytes, as: .mojibake)).text, encoding: .mojibake)
        }
    }

    /// Repairs mojibake (see `decode(_:from:)` with `.mojibake`) and says
    /// what was left as it was and why: correct text comes out unchanged,
    /// with a note. Throws when the text mixes code pages (it is repaired
    /// whole or not at all) or when what looks like mojibake cannot be
    /// decoded and nothing else can be repaired.
    public static func repairMojibake(_ bytes: [UInt8]) throws(LegacyDecodingError) -> (text: String, notes: [String]) {
        let repair = try MojibakeRepair.repair(try utf8Text(bytes, as: .mojibake))
        return (try nfc(repair.text, encoding: .mojibake), repair.notes)
    }

    /// Decodes `bytes` under every encoding that can read them, scores each
    /// reading as Vietnamese and picks one (see `LegacyDetector`).
    public static func detect(_ bytes: [UInt8]) -> LegacyDetection {
        LegacyDetector.detect(bytes).detection
    }

    /// Whether well-formed UTF-8 might read as a legacy encoding (VNI,
    /// TCVN3, VIQR, Windows-1258) rather than as itself or as mojibake.
    /// `detect` reads well-formed UTF-8 as UTF-8, as mojibake and, when it
    /// has no letter beyond ASCII, as VIQR: so a text with such a letter
    /// never detects as a legacy encoding, and needs no detection to say so.
    public static func mayReadAsLegacyEncoding(wellFormedUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 { index += 1; continue }
            let (value, length) = UTF8Scalar.decode(bytes, at: index)
            index += length
            if Unicode.Scalar(value)?.properties.isAlphabetic == true { return false }
        }
        return true
    }

    /// Detects, then decodes with the encoding detected. Throws when the
    /// detection is not confident; the message carries the evidence and
    /// suggests `--decode ENCODING`.
    public static func decodeAuto(_ bytes: [UInt8]) throws(LegacyDecodingError) -> (text: String, detection: LegacyDetection) {
        let (detection, texts) = LegacyDetector.detect(bytes)
        guard detection.confident, let text = texts[detection.encoding] else {
            throw LegacyDecodingError(
                encoding: nil, byteOffset: nil,
                message: "cannot tell the encoding with confidence: \(detection.evidence); "
                    + LegacyDetector.suggestion(for: detection))
        }
        return (text, detection)
    }

    // MARK: Helpers shared by the decoders

    static func utf8Text(_ bytes: [UInt8], as encoding: LegacyEncoding) throws(LegacyDecodingError) -> String {
        do {
            return try TextDecoding.strictUTF8(bytes)
        } catch {
            throw .invalidUTF8(encoding, at: error.byteOffset)
        }
    }

    /// NFC through ICU. ICU fails only on resource errors, never on text, so
    /// the failure becomes an error naming the encoding rather than a crash.
    static func nfc(_ text: String, encoding: LegacyEncoding) throws(LegacyDecodingError) -> String {
        do {
            return try UnicodeNormalizer.normalize(text, to: .nfc)
        } catch {
            throw LegacyDecodingError(encoding: encoding, byteOffset: nil,
                                      message: "\(encoding.displayName): \(error)")
        }
    }
}
