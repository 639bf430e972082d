import NomenData

/// The fold of every code point whose fold is not itself, computed by ICU from
/// `FoldRules.icuRules` at build time and embedded from `Data/fold/table.tsv`
/// (`bash tools/fold/build_fold_table.sh` rewrites it), so that folding needs
/// no ICU transliterator at start-up.
///
/// The table names the Unicode version of the ICU that wrote it and a hash of
/// the rules; it is used only when both match the running process, else
/// `FoldTable` asks ICU. A test checks that it equals what ICU computes now.
///
/// Format: `#` comment lines; `unicode<TAB>VERSION`; `rules<TAB>HASH`; then
/// one line per code point, ascending: its value in hex, a tab, and its fold
/// as hex scalar values separated by spaces (nothing when the fold removes
/// it). Code points not listed fold to themselves; surrogates fold to nothing.
struct PrecomputedFold: Sendable {
    /// Listed code points, ascending; the fold of `codePoints[i]` is
    /// `output[outputEnds[i] ..< outputEnds[i + 1]]` (UTF-8).
    private let codePoints: [UInt32]
    private let outputEnds: [UInt32]
    private let output: [UInt8]

    /// The embedded table, if it was written for these rules and this ICU.
    static let current = PrecomputedFold(text: EmbeddedData.foldTable, unicodeVersion: ICUInfo.unicodeVersion,
                                         rules: FoldRules.icuRules)

    /// FNV-1a of the rules' UTF-8, in hex.
    static func rulesHash(_ rules: String) -> String {
        String(FNV1a.hash(rules.utf8), radix: 16)
    }

    /// Parses `text`; nil when it was made for other rules or another Unicode
    /// version, or is malformed (then ICU computes every block). Reads bytes,
    /// not `String` pieces: this runs at every start-up.
    init?(text: String, unicodeVersion: String, rules: String) {
        var text = text
        guard let parsed = text.withUTF8({ Self.parse($0, unicodeVersion: unicodeVersion, rulesHash: Self.rulesHash(rules)) })
        else { return nil }
        (codePoints, outputEnds, output) = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, unicodeVersion: String, rulesHash: String)
        -> (codePoints: [UInt32], outputEnds: [UInt32], output: [UInt8])?
    {
        var codePoints: [UInt32] = []
        var outputEnds: [UInt32] = [0]
        var output: [UInt8] = []
        codePoints.reserveCapacity(bytes.count / 10)
        outputEnds.reserveCapacity(bytes.count / 10)
        output.reserveCapacity(bytes.count / 2)
        var versionMatches = false, hashMatches = false
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            guard let first = line.first, first != UInt8(ascii: "#") else { continue }
            guard let tab = line.firstIndex(of: 0x09) else { return nil }
            let key = UnsafeBufferPointer(rebasing: line[..<tab])
            let value = UnsafeBufferPointer(rebasing: line[(tab + 1)...])
            // Header lines start with a lower-case letter, never a hex digit.
            if first >= UInt8(ascii: "a") {
                if key.elementsEqual("unicode".utf8) {
                    versionMatches = value.elementsEqual(unicodeVersion.utf8)
                    continue
                }
                if key.elementsEqual("rules".utf8) {
                    hashMatches = value.elementsEqual(rulesHash.utf8)
                    continue
                }
            }
            guard let codePoint = hexValue(key), codePoints.last.map({ $0 < codePoint }) ?? true else { return nil }
            codePoints.append(codePoint)
            // The output's scalars, space-separated hex; split by hand (an
            // array of slices per line was a tenth of every start-up).
            var scalarStart = 0
            while scalarStart < value.count {
                var scalarEnd = scalarStart
                while scalarEnd < value.count && value[scalarEnd] != 0x20 { scalarEnd += 1 }
                defer { scalarStart = scalarEnd + 1 }
                guard scalarEnd > scalarStart else { continue }
                guard let scalarValue = hexValue(UnsafeBufferPointer(rebasing: value[scalarStart..<scalarEnd])),
                      let scalar = Unicode.Scalar(scalarValue) else { return nil }
                appendUTF8(scalar, to: &output)
            }
            outputEnds.append(UInt32(output.count))
        }
        guard versionMatches && hashMatches else { return nil }
        return (codePoints, outputEnds, output)
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case ..<0x80:
            output.append(UInt8(value))
        case ..<0x800:
            output.append(UInt8(0xC0 | value >> 6))
            output.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            output.append(UInt8(0xE0 | value >> 12))
            output.append(UInt8(0x80 | value >> 6 & 0x3F))
            output.append(UInt8(0x80 | value & 0x3F))
        default:
            output.append(UInt8(0xF0 | value >> 18))
            output.append(UInt8(0x80 | value >> 12 & 0x3F))
            output.append(UInt8(0x80 | value >> 6 & 0x3F))
            output.append(UInt8(0x80 | value & 0x3F))
        }
    }

    private static func hexValue(_ digits: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(digit - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return value
    }

    /// The block of 128 code points at `index`, as `FoldTable` computes it.
    func block(_ index: Int) -> FoldTable.Block {
        let first = UInt32(index << FoldTable.blockShift)
        // The first listed code point of the block (binary search).
        var low = 0, high = codePoints.count
        while low < high {
            let middle = (low + high) / 2
            if codePoints[middle] < first { low = middle + 1 } else { high = middle }
        }
        var listed = low
        var bytes: [UInt8] = []
        var ends: [UInt32] = [0]
        for value in first..<first + UInt32(FoldTable.blockSize) {
            if listed < codePoints.count && codePoints[listed] == value {
                bytes.append(contentsOf: output[Int(outputEnds[listed])..<Int(outputEnds[listed + 1])])
                listed += 1
            } else if let scalar = Unicode.Scalar(value) {
                bytes.append(contentsOf: String(scalar).utf8)
            }
            ends.append(UInt32(bytes.count))
        }
        return FoldTable.Block(bytes: bytes, ends: ends)
    }

    /// The table as ICU computes it now, in the format above
    /// (`nomen normalize --print-fold-table`).
    static func text() throws(ICUError) -> String {
        let table = FoldTable.icuOnly()
        var lines = [
            "# The fold of every code point whose fold is not itself, computed by ICU from",
            "# FoldRules.icuRules. Written by `nomen normalize --print-fold-table`",
            "# (bash tools/fold/build_fold_table.sh); do not edit.",
            "unicode\t\(ICUInfo.unicodeVersion)",
            "rules\t\(rulesHash(FoldRules.icuRules))",
        ]
        for index in 0..<FoldTable.blockCount {
            let block = try table.block(index)
            for slot in 0..<FoldTable.blockSize {
                let value = UInt32(index << FoldTable.blockShift + slot)
                guard let scalar = Unicode.Scalar(value) else { continue }
                let folded = block.bytes[Int(block.ends[slot])..<Int(block.ends[slot + 1])]
                if folded.elementsEqual(String(scalar).utf8) { continue }
                let scalars = String(decoding: folded, as: UTF8.self).unicodeScalars
                    .map { String($0.value, radix: 16, uppercase: true) }
                lines.append(String(value, radix: 16, uppercase: true) + "\t" + scalars.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
