/// Repairs mojibake: UTF-8 text whose bytes were once read as Windows-1252
/// or Latin-1 (`Viá»‡t Nam` for `Việt Nam`), possibly twice.
///
/// A pass encodes the text back to the single-byte code page with ICU
/// (`windows-1252`, which round-trips the five undefined bytes 81 8D 8F 90 9D
/// as U+0081 … U+009D; else `ISO-8859-1`) and decodes the bytes as strict
/// UTF-8. Passes repeat while they change the text (double encoding), at most
/// `maximumPasses` times.
///
/// When the whole text does not round-trip (part of it was never mojibake,
/// or a C1 character was stripped on the way, which breaks one letter), the
/// pass falls back to each run of non-ASCII characters on its own: a run that
/// repairs is replaced, one that does not is kept as it is. A piece is
/// accepted only when the repair yields no C1 control character; a run
/// repaired on its own must moreover give only Latin letters, combining marks
/// or characters from U+0800 up (Vietnamese letters, punctuation, CJK), which
/// keeps a stray `Ô”` (D4 94 = U+0514) from turning Cyrillic.
enum MojibakeRepair {
    static let maximumPasses = 3

    struct Repair {
        var text: String
        /// Passes that changed the text (2 for double-encoded mojibake).
        var passes: Int
        /// The code page each pass went through ("Windows-1252", "Latin-1").
        var codePages: [String]
        /// Non-ASCII runs left as they were because they did not repair.
        var unrepairedRuns: Int
    }

    private static let codePages: [(charset: String, name: String)] = [
        ("windows-1252", "Windows-1252"), ("ISO-8859-1", "Latin-1"),
    ]

    static func repair(_ original: String) throws(LegacyDecodingError) -> Repair {
        var result = Repair(text: original, passes: 0, codePages: [], unrepairedRuns: 0)
        for round in 0..<maximumPasses {
            if let (whole, codePages) = repairPiece(result.text, strictScripts: false) {
                result.text = whole
                result.passes += codePages.count
                result.codePages += codePages
                result.unrepairedRuns = 0
                continue
            }
            let (text, levels, failures) = repairRuns(result.text)
            if levels == 0 {
                if round == 0, let firstFailure = failures.first {
                    let offset = original.utf8.distance(from: original.startIndex, to: firstFailure)
                    let word = original[firstFailure...].prefix { !$0.isWhitespace }.prefix(24)
                    throw LegacyDecodingError(
                        encoding: .mojibake, byteOffset: offset,
                        message: "mojibake: nothing to repair: \"\(word)\" at byte \(offset) does not "
                            + "re-encode as Windows-1252 or Latin-1 bytes that form UTF-8")
                }
                break
            }
            result.text = text
            result.passes += levels
            result.codePages.append("per word")
            result.unrepairedRuns = failures.count
        }
        return result
    }

    /// Repairs one piece as deep as it goes (double-encoded mojibake takes two
    /// levels) and returns the deepest acceptable result with the code page
    /// of each level; nil when no level gives an acceptable change. An
    /// intermediate level may hold C1 characters (U+0081 from ề, say): only
    /// the result must not.
    private static func repairPiece(_ piece: String, strictScripts: Bool) -> (String, [String])? {
        var current = piece
        var levels: [String] = []
        var best: (String, [String])? = nil
        while levels.count < maximumPasses, let (next, codePage) = repairLevel(current) {
            current = next
            levels.append(codePage)
            if acceptable(current, strictScripts: strictScripts) { best = (current, levels) }
        }
        return best
    }

    /// One level: encode to a code page, decode as UTF-8; nil when no code page
    /// round-trips or nothing changes.
    private static func repairLevel(_ piece: String) -> (String, String)? {
        for (charset, name) in codePages {
            guard let bytes = try? CharsetConverter.encode(piece, charset: charset),
                  let decoded = try? TextDecoding.strictUTF8(bytes) else { continue }
            return decoded == piece ? nil : (decoded, name)
        }
        return nil
    }

    private static func acceptable(_ text: String, strictScripts: Bool) -> Bool {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value >= 0x80 && value <= 0x9F { return false }
            if strictScripts && value >= 0x250 && value < 0x800 && !(0x300...0x36F).contains(value) {
                return false
            }
        }
        return true
    }

    /// Repairs each maximal run of non-ASCII characters on its own. Returns
    /// the text, the most levels any run took (0 when none repaired), and
    /// where the runs that did not repair start.
    private static func repairRuns(_ text: String) -> (String, Int, [String.Index]) {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var levels = 0
        var failures: [String.Index] = []
        var index = text.startIndex
        while index < text.endIndex {
            let ascii = text[index].isASCII
            let runEnd = text[index...].firstIndex { $0.isASCII != ascii } ?? text.endIndex
            let run = text[index..<runEnd]
            if ascii {
                output += run
            } else if let (fixed, codePages) = repairPiece(String(run), strictScripts: true) {
                output += fixed
                levels = max(levels, codePages.count)
            } else {
                output += run
                failures.append(index)
            }
            index = runEnd
        }
        return (output, levels, failures)
    }
}
