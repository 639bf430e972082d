@_spi(Performance) import NomenNormalization

/// The fast fold against ICU's, and its offset map.
///
/// - Ill-formed UTF-8 is refused at the first bad byte, the same byte
///   `TextDecoding.firstInvalidUTF8` names.
/// - Well-formed text folds to exactly what `Fold.reference` (ICU running the
///   fold rules, then the i/y pass) gives.
/// - The offset map has one entry per folded byte plus the source's length,
///   never decreases, and points only at the starts of code points.
/// - Folding each piece the map assigns to a source code point gives back
///   the fold of that code point (white space and the i/y pass aside, which
///   look at neighbours).
enum FoldProperties {
    static func check(_ bytes: [UInt8], _ context: FuzzContext) throws {
        let folder = try context.folder()
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<FoldedText, FoldError> in
            do throws(FoldError) { return .success(try folder.fold(utf8: buffer)) } catch { return .failure(error) }
        }
        if let invalid = TextDecoding.firstInvalidUTF8(in: bytes) {
            guard case .failure(.invalidUTF8(let error)) = result else {
                throw PropertyViolation("ill-formed UTF-8 is refused", "byte \(invalid) is bad, fold gave \(result)")
            }
            try require(error.byteOffset == invalid, "the refusal names the first bad byte",
                        "said \(error.byteOffset), first bad byte is \(invalid)")
            return
        }
        let folded: FoldedText
        switch result {
        case .success(let value): folded = value
        case .failure(let error): throw PropertyViolation("well-formed UTF-8 folds", "\(error)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let reference = try Fold.reference(text)
        try require(folded.string == reference, "fast fold equals ICU's fold",
                    "\(escaped(text)) → fast \(escaped(folded.string)), ICU \(escaped(reference))")

        let offsets = folded.sourceOffsets
        try require(offsets.count == folded.bytes.count + 1, "one offset per folded byte, plus the end",
                    "\(offsets.count) offsets for \(folded.bytes.count) bytes")
        try require(offsets.last.map { Int($0) } == bytes.count, "the last offset is the source's length",
                    "\(String(describing: offsets.last)) for \(bytes.count) bytes")
        for index in offsets.indices.dropFirst() {
            try require(offsets[index] >= offsets[index - 1], "offsets never decrease", "at folded byte \(index)")
        }
        for index in offsets.indices.dropLast() {
            let offset = Int(offsets[index])
            try require(offset < bytes.count && bytes[offset] & 0xC0 != 0x80, "offsets point at code point starts",
                        "folded byte \(index) → source byte \(offset)")
        }
        // Each source code point's share of the output is its own fold.
        var index = 0
        while index < folded.bytes.count {
            let source = Int(offsets[index])
            var end = index
            while end < folded.bytes.count && offsets[end] == offsets[index] { end += 1 }
            let range = folded.sourceRange(ofFolded: index..<end)
            try require(range.lowerBound == source && range.upperBound > source, "sourceRange covers the code point",
                        "folded \(index)..<\(end) → \(range)")
            let piece = String(decoding: bytes[range], as: UTF8.self)
            let output = String(decoding: folded.bytes[index..<end], as: UTF8.self)
            let alone = try Fold.reference(piece)
            if !isContextual(piece, alone, output) {
                try require(output == alone, "each code point folds on its own",
                            "\(escaped(piece)) → \(escaped(output)) in context, \(escaped(alone)) alone")
            }
            index = end
        }
    }

    /// White space (collapsed with its neighbours) and y/i (the i/y pass reads
    /// the letters around it) fold differently in context.
    private static func isContextual(_ piece: String, _ alone: String, _ output: String) -> Bool {
        let loose: Set<String> = [" ", "", "y", "i"]
        return loose.contains(alone) || loose.contains(output) || alone.hasSuffix("y") || output.hasSuffix("i")
            || alone.hasPrefix(" ") || output.hasPrefix(" ")
    }
}

/// A string for a failure message: printable ASCII as is, the rest as \u{…}.
func escaped(_ text: String, limit: Int = 200) -> String {
    var result = "\""
    for scalar in text.unicodeScalars.prefix(limit) {
        if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" {
            result.unicodeScalars.append(scalar)
        } else {
            result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }
    return result + (text.unicodeScalars.count > limit ? "…\"" : "\"")
}
