import NomenNormalization

/// Mojibake repair.
///
/// With an even first byte the rest is arbitrary bytes: repair returns NFC
/// text or an error naming a byte inside the input; it refuses ill-formed
/// UTF-8 at the first bad byte; it leaves pure ASCII text alone.
///
/// With an odd first byte the rest picks a text made of the seed glossary's
/// Vietnamese names (real names with every tone mark) and ASCII words, garbles
/// it the three ways mojibake happens (UTF-8 read as Windows-1252 once or
/// twice, or as Latin-1) and requires the repair to give the text back.
enum MojibakeProperties {
    static func check(_ bytes: [UInt8]) throws {
        guard let mode = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        if mode & 1 == 0 { try checkArbitrary(rest) } else { try checkRoundTrip(rest) }
    }

    private static func checkArbitrary(_ bytes: [UInt8]) throws {
        let invalid = TextDecoding.firstInvalidUTF8(in: bytes)
        do {
            let (text, _) = try LegacyText.repairMojibake(bytes)
            try require(invalid == nil, "ill-formed UTF-8 is refused", "byte \(invalid ?? -1)")
            try DecodeProperties.requireNFC(text, "repaired text is NFC")
            if bytes.allSatisfy({ $0 < 0x80 }) {
                try require(text.utf8.elementsEqual(bytes), "ASCII text is left alone", escaped(text))
            }
        } catch let error as LegacyDecodingError {
            try DecodeProperties.requireSound(error, bytes: bytes, "mojibake repair")
            if let invalid {
                try require(error.byteOffset == invalid, "the refusal names the first bad byte", "\(error)")
            }
        }
    }

    /// Vietnamese names of the seed glossary: letters with every tone mark.
    private static let vietnameseNames: [String] = FuzzContext().seedEntities.flatMap(\.names)
        .filter { $0.lang == "vi" && $0.text.unicodeScalars.contains { $0.value >= 0x80 } }
        .map(\.text)

    private static func checkRoundTrip(_ bytes: [UInt8]) throws {
        var input = FuzzBytes(bytes)
        let joiners = [" ", " và ", ", ", " (", ") ", " - ", " the ", " 2024 ", ": "]
        var text = input.pick(vietnameseNames)
        for _ in 0..<input.below(6) {
            text += input.pick(joiners) + input.pick(vietnameseNames)
        }
        let original = try UnicodeNormalizer.normalize(text, to: .nfc)
        let garbled: String
        switch input.below(3) {
        case 0: garbled = readAs1252(Array(original.utf8))
        case 1: garbled = readAs1252(Array(readAs1252(Array(original.utf8)).utf8))
        default: garbled = String(String.UnicodeScalarView(original.utf8.map { Unicode.Scalar($0) }))
        }
        let repaired: String
        do {
            repaired = try LegacyText.repairMojibake(Array(garbled.utf8)).text
        } catch {
            throw PropertyViolation("garbled Vietnamese names are repaired", "\(escaped(original)): \(error)")
        }
        try require(repaired == original, "garbled Vietnamese names are repaired back",
                    "\(escaped(original)) → \(escaped(garbled)) → \(escaped(repaired))")
    }

    /// Bytes read as Windows-1252; the five bytes it leaves undefined are
    /// read as C1 controls, as ICU and browsers do.
    static func readAs1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte < 0xA0, let mapped = windows1252High[Int(byte - 0x80)] {
                scalars.append(Unicode.Scalar(mapped)!)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// Windows-1252 0x80…0x9F (Unicode's cp1252 mapping); nil where undefined.
    private static let windows1252High: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]
}
