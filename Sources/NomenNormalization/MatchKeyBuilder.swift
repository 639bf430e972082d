/// Computes `MatchKeys` for many names (an import, an edit): the same keys
/// as `MatchKeys.init`, but with a folder of its own (no lock per name, which
/// `Fold.fast` takes) and without ICU for ASCII text (`MatchKeys.ascii`).
/// Not thread-safe: one per transaction.
package final class MatchKeyBuilder {
    /// Made on the first text that is not ASCII (it builds an ICU
    /// transliterator the first time in a process).
    private var folder: FastFolder?

    package init() {}

    package func keys(_ text: String) throws(ICUError) -> MatchKeys {
        if let keys = MatchKeys.ascii(text) { return keys }
        let folder: FastFolder
        if let made = self.folder {
            folder = made
        } else {
            folder = try FastFolder()
            self.folder = folder
        }
        return try MatchKeys(text) { (text) throws(ICUError) in try folder.fold(text) }
    }
}

extension MatchKeys {
    /// The keys of an ASCII text without ICU; nil if the text is not ASCII.
    /// On ASCII, NFC and NFKD change nothing, NFKC_Casefold and `Any-Lower`
    /// only lower the capitals, no character is a mark or default-ignorable,
    /// and the fold turns each run of white space into one space before
    /// `IYSpelling`. Tests compare both ways on every ASCII character.
    package static func ascii(_ text: String) -> MatchKeys? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let exact = MatchKey.collapsingASCIIWhiteSpace(text)
        let caseless = MatchKey.lowercasingASCII(exact)
        // The fold of ASCII: lower case, white space runs to one space, then
        // IYSpelling; trimmed as the folded tier trims it.
        var bytes = Array(caseless.utf8)
        bytes.withUnsafeMutableBufferPointer { IYSpelling.canonicalize($0) }
        let folded = String(decoding: bytes, as: UTF8.self)
        return MatchKeys(exact: exact, caseless: caseless, folded: folded, compact: MatchKey.compacting(folded))
    }
}

extension MatchKey {
    /// `collapsingWhiteSpace` on ASCII text, byte by byte (White_Space in
    /// ASCII: tab, line feed, vertical tab, form feed, carriage return, space).
    static func collapsingASCIIWhiteSpace(_ text: String) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, !isSpace(first), !isSpace(last),
           !zip(utf8, utf8.dropFirst()).contains(where: { isSpace($0) && ($0 != 0x20 || isSpace($1)) }) {
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if isSpace(byte) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func lowercasingASCII(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
