/// VIQR (RFC 1456) text → text (Data/encodings/README.md, rule 5).
///
/// A letter is written as its ASCII base, then `^` `(` `+` for the quality
/// mark, then the tone character (`' `` ? ~ .`): `Vie^.t` = Việt. A mark
/// character joins the letter before it only when the result is a real
/// Vietnamese letter (`(` on a, `^` on a e o, `+` on o u; at most one quality
/// mark, before at most one tone); otherwise it is literal, so `3+4` and
/// `e.g.` mostly survive. `dd`/`DD` are đ/Đ (RFC forms); `Dd`, `d-`, `D-` are
/// accepted too. A backslash makes the next mark character, `d`, `D`, `-` or
/// backslash literal (`gi\`\?` = gì?); before anything else it is itself
/// literal. Returns the letters as base + combining marks: the caller
/// normalises to NFC.
enum VIQRDecoder {
    private static let vowels: Set<Unicode.Scalar> = Set("aeiouyAEIOUY".unicodeScalars)
    private static let circumflex: Unicode.Scalar = "\u{0302}"
    private static let breve: Unicode.Scalar = "\u{0306}"
    private static let horn: Unicode.Scalar = "\u{031B}"

    static func decode(_ text: String) -> String {
        let (marks, dForms) = LegacyTables.viqr
        let escapable = Set(marks.keys).union(["d", "D", "-", "\\"])
        let characters = Array(text)
        var output = String.UnicodeScalarView()
        // The open letter a following mark may join: its lowercased base, and
        // whether it already has a quality mark or a tone.
        var base: Character? = nil
        var hasModifier = false
        var hasTone = false

        func appendLiteral(_ character: Character) {
            output.append(contentsOf: character.unicodeScalars)
            let scalars = character.unicodeScalars
            if scalars.count == 1, let only = scalars.first, vowels.contains(only) {
                base = Character(only.properties.lowercaseMapping)
            } else {
                base = nil
            }
            hasModifier = false
            hasTone = false
        }

        var index = 0
        while index < characters.count {
            let character = characters[index]
            // VIQR's marks and letters are single ASCII characters; a long
            // cluster (a run of combining marks) is copied, not hashed: its
            // hash normalizes it, in quadratic time.
            if character.utf8.count > 8 {
                appendLiteral(character)
                index += 1
                continue
            }
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "\\", let next, escapable.contains(next) {
                output.append(contentsOf: next.unicodeScalars)
                base = nil
                index += 2
                continue
            }
            if let next, let letter = dForms[String([character, next])] {
                output.append(contentsOf: letter.unicodeScalars)
                base = nil
                index += 2
                continue
            }
            if let mark = marks[character], let current = base, !hasTone {
                let isTone = !(mark == circumflex || mark == breve || mark == horn)
                let joins: Bool
                if isTone {
                    joins = true
                } else if hasModifier {
                    joins = false
                } else {
                    joins = (mark == circumflex && "aeo".contains(current))
                        || (mark == breve && current == "a")
                        || (mark == horn && "ou".contains(current))
                }
                if joins {
                    output.append(mark)
                    if isTone { hasTone = true } else { hasModifier = true }
                    index += 1
                    continue
                }
            }
            appendLiteral(character)
            index += 1
        }
        return String(output)
    }
}
