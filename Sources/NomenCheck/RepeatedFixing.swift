import NomenMatching

/// A text with its safe fixes applied until none is left.
public struct FixedText: Sendable {
    /// The text after the last round of fixes.
    public let source: SourceText
    /// What checking `source` finds (positions in the fixed text).
    public let findings: [Finding]
    /// How many fixes were applied over all rounds.
    public let applied: Int
}

extension Checker {
    /// Applies the safe fixes among `findings` (found in `source`), checks
    /// the fixed text and applies what that finds, for at most `rounds`
    /// rounds. Fixing one finding can uncover another: with the look-alike
    /// letter in "Cuа khau Dong Hung" fixed, the border gate's full name
    /// shows, without its diacritics. So one `--fix` leaves nothing that a
    /// second `--fix` would change, as linters that fix in rounds do.
    public func fixRepeatedly(_ source: SourceText, findings: [Finding], format: InputFormat,
                              configuration: CheckConfiguration, language: DocumentLanguage? = nil,
                              rounds: Int = 4) throws -> FixedText {
        var current = source, currentFindings = findings, applied = 0
        for _ in 0..<rounds where currentFindings.contains(where: { $0.fix != nil }) {
            let (bytes, count) = Fixer.apply(currentFindings, to: current.bytes)
            guard count > 0 else { break }
            applied += count
            current = SourceText(path: source.path, text: String(decoding: bytes, as: UTF8.self))
            currentFindings = try check(current, format: format, configuration: configuration, language: language).findings
        }
        return FixedText(source: current, findings: currentFindings, applied: applied)
    }
}
