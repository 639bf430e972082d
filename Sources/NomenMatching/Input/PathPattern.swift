/// A path pattern in gitignore's dialect, the one dialect of every path
/// filter in nomen: `--include`, `--exclude`, `.nomen.toml`'s `skip` and the
/// `.gitignore` files met when walking folders.
///
/// - `*` matches any run of characters but `/`; `?` one character but `/`;
///   `[abc]`, `[a-z]`, `[!abc]` one character of (or not of) a set.
/// - `**` matches across folders: `**/x` is x in any folder, `a/**` all
///   under a, `a/**/b` b under a at any depth.
/// - A pattern without a `/` (but a trailing one) matches a name at any
///   depth (`*.log`, `drafts`); with one, a path from the base folder
///   (`news/*.md`, `/build`).
/// - A trailing `/` matches folders only; a pattern that matches a folder
///   matches everything in it.
/// - `!` before a pattern re-includes what an earlier one matched; `\`
///   quotes the next character (`\!x`, `\#x`).
///
/// Paths are relative to the base folder, with `/` between folders.
public struct PathPattern: Equatable, Sendable, CustomStringConvertible {
    public let description: String
    let negated: Bool
    let directoryOnly: Bool
    let anchored: Bool
    let glob: [Unicode.Scalar]

    /// A pattern; nil for a line that holds none (blank, or a `#` comment).
    public init?(_ line: String) {
        var text = Substring(line)
        // Trailing white space is not part of the pattern (unless quoted) — nor a CR.
        while let last = text.last, last == " " || last == "\t" || last == "\r" {
            let beforeLast = text.dropLast()
            if beforeLast.last == "\\" { break }
            text = beforeLast
        }
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        description = String(text)
        negated = text.hasPrefix("!")
        if negated { text = text.dropFirst() }
        directoryOnly = text.hasSuffix("/")
        while text.hasSuffix("/") { text = text.dropLast() }
        guard !text.isEmpty else { return nil }
        anchored = text.contains("/")
        if text.hasPrefix("/") { text = text.dropFirst() }
        glob = Array(text.unicodeScalars)
    }

    /// Whether the pattern matches `path` itself (not through a folder above it).
    func matchesItself(_ path: String, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        let subject: Substring
        if anchored {
            subject = Substring(path)
        } else {
            subject = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        }
        return Self.match(glob, Array(subject.unicodeScalars))
    }

    static func match(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        var memo: [Int: Bool] = [:]
        func step(_ p: Int, _ t: Int) -> Bool {
            let key = p * (text.count + 1) + t
            if let known = memo[key] { return known }
            let result = compute(p, t)
            memo[key] = result
            return result
        }
        func compute(_ p: Int, _ t: Int) -> Bool {
            if p == pattern.count { return t == text.count }
            let c = pattern[p]
            if c == "*" {
                let doubleStar = p + 1 < pattern.count && pattern[p + 1] == "*"
                var next = doubleStar ? p + 2 : p + 1
                if doubleStar {
                    while next < pattern.count && pattern[next] == "*" { next += 1 }
                    // "**/" also matches no folder at all.
                    if next < pattern.count && pattern[next] == "/" && step(next + 1, t) { return true }
                }
                var position = t
                while true {
                    if step(next, position) { return true }
                    if position == text.count || (!doubleStar && text[position] == "/") { return false }
                    position += 1
                }
            }
            guard t < text.count else { return false }
            switch c {
            case "?":
                return text[t] != "/" && step(p + 1, t + 1)
            case "[":
                guard let (matched, end) = matchClass(pattern, from: p, text[t]) else {
                    return text[t] == "[" && step(p + 1, t + 1)
                }
                return matched && text[t] != "/" && step(end, t + 1)
            case "\\" where p + 1 < pattern.count:
                return pattern[p + 1] == text[t] && step(p + 2, t + 1)
            default:
                return c == text[t] && step(p + 1, t + 1)
            }
        }
        return step(0, 0)
    }

    /// `[…]` at `start`: whether `character` is in the set, and where the
    /// pattern goes on; nil when the bracket is not closed (a literal `[`).
    private static func matchClass(_ pattern: [Unicode.Scalar], from start: Int, _ character: Unicode.Scalar) -> (Bool, Int)? {
        var index = start + 1
        var negate = false
        if index < pattern.count && (pattern[index] == "!" || pattern[index] == "^") { negate = true; index += 1 }
        var found = false
        var first = true
        while index < pattern.count && (pattern[index] != "]" || first) {
            first = false
            var low = pattern[index]
            if low == "\\" && index + 1 < pattern.count { index += 1; low = pattern[index] }
            if index + 2 < pattern.count && pattern[index + 1] == "-" && pattern[index + 2] != "]" {
                let high = pattern[index + 2]
                if low.value <= character.value && character.value <= high.value { found = true }
                index += 3
            } else {
                if low == character { found = true }
                index += 1
            }
        }
        guard index < pattern.count else { return nil }
        return (found != negate, index + 1)
    }
}

/// Patterns read in order, as a `.gitignore` file is: the last one that
/// matches a path, or a folder above it, decides; a path under a matched
/// folder stays matched (as in git, a file cannot be re-included when a
/// folder above it is excluded).
public struct PathPatternList: Sendable {
    public let patterns: [PathPattern]

    public init(_ lines: [String]) {
        patterns = lines.compactMap(PathPattern.init)
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// Whether `path` (relative to the patterns' base folder) is matched.
    public func matches(_ path: String, isDirectory: Bool = false) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        guard !parts.isEmpty else { return false }
        var prefix = ""
        for (index, part) in parts.enumerated() {
            prefix = prefix.isEmpty ? part : prefix + "/" + part
            let last = index == parts.count - 1
            if decide(prefix, isDirectory: last ? isDirectory : true) == true { return true }
        }
        return false
    }

    /// The last pattern matching `path` itself: true to match, false when it
    /// is a negation, nil when none matches.
    func decide(_ path: String, isDirectory: Bool) -> Bool? {
        for pattern in patterns.reversed() where pattern.matchesItself(path, isDirectory: isDirectory) {
            return !pattern.negated
        }
        return nil
    }
}
