import NomenNormalization

/// `--decode auto` and every legacy decoder, on arbitrary bytes.
///
/// - Every decoder either returns NFC text or throws an error whose byte
///   offset, when it has one, lies inside the input, and whose message is
///   not empty.
/// - The decoders that read the bytes as UTF-8 (utf8, viqr, mojibake) refuse
///   exactly the ill-formed inputs, at the first bad byte.
/// - `detect` picks an encoding it lists among its candidates, or utf8.
/// - `decodeAuto` gives exactly what decoding with the detected encoding
///   gives, and throws only when the detection is not confident.
enum DecodeProperties {
    static func check(_ bytes: [UInt8]) throws {
        let invalid = TextDecoding.firstInvalidUTF8(in: bytes)
        var decoded: [LegacyEncoding: String] = [:]
        for encoding in LegacyEncoding.allCases {
            do {
                let text = try LegacyText.decode(bytes, from: encoding)
                try requireNFC(text, "\(encoding.displayName) output is NFC")
                if [.utf8, .viqr, .mojibake].contains(encoding) {
                    try require(invalid == nil, "\(encoding.displayName) refuses ill-formed UTF-8",
                                "decoded although byte \(invalid ?? -1) is bad")
                }
                decoded[encoding] = text
            } catch let error as LegacyDecodingError {
                try requireSound(error, bytes: bytes, "\(encoding.displayName)")
                if [.utf8, .viqr].contains(encoding) {
                    try require(invalid != nil && error.byteOffset == invalid,
                                "\(encoding.displayName) fails only on ill-formed UTF-8, at the first bad byte",
                                "\(error) (first bad byte: \(invalid.map(String.init) ?? "none"))")
                }
                if encoding == .mojibake, let invalid {
                    try require(error.byteOffset == invalid, "mojibake names the first bad byte", "\(error)")
                }
            }
        }

        let detection = LegacyText.detect(bytes)
        try require(detection.encoding == .utf8 || detection.candidates.contains { $0.encoding == detection.encoding },
                    "the detected encoding is a candidate", "\(detection)")
        do {
            let (text, auto) = try LegacyText.decodeAuto(bytes)
            try require(auto == detection, "decodeAuto detects as detect does")
            try require(auto.confident, "decodeAuto decodes only when confident")
            try requireNFC(text, "decodeAuto output is NFC")
            if let direct = decoded[auto.encoding] {
                try require(text == direct, "decodeAuto equals decoding with the detected encoding",
                            "\(auto.encoding): \(escaped(text)) vs \(escaped(direct))")
            }
        } catch let error as LegacyDecodingError {
            try requireSound(error, bytes: bytes, "decodeAuto")
            try require(!detection.confident || detection.encoding == .utf8 && invalid != nil,
                        "decodeAuto throws only when not confident", "\(error); detection \(detection)")
        }
    }

    static func requireNFC(_ text: String, _ property: String) throws {
        let nfc = try UnicodeNormalizer.normalize(text, to: .nfc)
        try require(nfc == text, property, escaped(text))
    }

    static func requireSound(_ error: LegacyDecodingError, bytes: [UInt8], _ who: String) throws {
        try require(!error.message.isEmpty, "\(who) errors have a message")
        if let offset = error.byteOffset {
            try require(offset >= 0 && offset <= bytes.count, "\(who) error offsets lie in the input",
                        "\(offset) in \(bytes.count) bytes: \(error)")
        }
    }
}
