/// Repairs letters typed for others that look the same, in Vietnamese words
/// only (`nomen normalize --repair`). It changes the text itself, unlike the
/// fold, which merely makes the look-alikes match.
///
/// | typed | for | why it happens |
/// |---|---|---|
/// | Ð U+00D0, ð U+00F0 (eth) | Đ U+0110, đ U+0111 | Windows-1252 and Latin-1 keyboards and fonts have Ð at D0, where Windows-1258 and VISCII put Đ |
/// | Ɖ U+0189, ɖ U+0256 (African D) | Đ, đ | character pickers list them beside Đ |
///
/// A word is rewritten only when the result is a well-formed Vietnamese
/// syllable (`VietnameseSyllable.parse`): `Ðà Nẵng` → `Đà Nẵng`, while
/// Icelandic `Guðmundsdóttir` and `með` stay as they are.
public enum VietnameseRepair {
    static let lookAlikes: [Character: Character] = ["Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"]

    /// The text with every look-alike in a Vietnamese word replaced; every
    /// other character unchanged.
    public static func repair(_ text: String) -> String {
        guard text.contains(where: { lookAlikes[$0] != nil }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for segment in VietnameseWords.segments(of: text) {
            guard segment.isWord, segment.text.contains(where: { lookAlikes[$0] != nil }) else {
                result += segment.text
                continue
            }
            let replaced = String(segment.text.map { lookAlikes[$0] ?? $0 })
            result += VietnameseSyllable.isValid(replaced) ? replaced : String(segment.text)
        }
        return result
    }
}
