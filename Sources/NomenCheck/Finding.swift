import NomenModel

/// The rules of `nomen check`. Each has an id (used in output, configuration,
/// suppression markers and baselines), a default severity and a summary.
public enum CheckRule: String, CaseIterable, Codable, Sendable, Comparable {
    case deprecatedName = "deprecated-name"
    case inconsistentName = "inconsistent-name"
    case missingDiacritics = "missing-diacritics"
    case wrongDiacritics = "wrong-diacritics"
    case tonePlacement = "tone-placement"
    case confusable
    case nearMiss = "near-miss"
    case notNFC = "not-nfc"
    case encoding

    public var defaultSeverity: Severity {
        switch self {
        case .wrongDiacritics, .confusable, .encoding: .error
        case .deprecatedName, .inconsistentName, .missingDiacritics, .tonePlacement, .nearMiss, .notNFC: .warning
        }
    }

    /// Whether `--fix` applies this rule's suggestions (when it has one).
    public var hasSafeFix: Bool {
        switch self {
        case .deprecatedName, .missingDiacritics, .wrongDiacritics, .tonePlacement, .notNFC, .confusable: true
        case .inconsistentName, .nearMiss, .encoding: false
        }
    }

    public var summary: String {
        switch self {
        case .deprecatedName: "A deprecated or forbidden name is used instead of the preferred one."
        case .inconsistentName: "One entity is written in different forms."
        case .missingDiacritics: "A Vietnamese name is written without its diacritics."
        case .wrongDiacritics: "A name's diacritics differ from every known form."
        case .tonePlacement: "A tone mark is placed against the house convention, or the text mixes both."
        case .confusable: "A look-alike letter of another script sits inside a word."
        case .nearMiss: "A word sequence is a small edit away from a glossary name."
        case .notNFC: "Text is not in Unicode NFC."
        case .encoding: "Mojibake or legacy-encoded text."
        }
    }

    public static func < (lhs: CheckRule, rhs: CheckRule) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum Severity: String, CaseIterable, Codable, Sendable, Comparable {
    case info, warning, error

    /// SARIF's name for the level.
    public var sarifLevel: String {
        switch self {
        case .info: "note"
        case .warning: "warning"
        case .error: "error"
        }
    }

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A replacement of bytes of the checked text.
public struct Replacement: Equatable, Sendable {
    /// UTF-8 offsets into the file as read.
    public let utf8Range: Range<Int>
    public let text: String
}

/// One finding: plain data, printed by the output formats.
///
/// Lines and columns are 1-based; columns count Unicode scalars; the end is
/// exclusive (the column after the last character).
public struct Finding: Equatable, Sendable {
    public var path: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int
    public var rule: CheckRule
    public var severity: Severity
    public var message: String
    /// The text the finding is about, as written.
    public var text: String
    public var suggestion: String?
    public var entity: String?
    /// What `--fix` would write over `text` (for rules with safe fixes).
    public var fix: Replacement?
    /// UTF-8 offsets of `text` in the file.
    public var utf8Range: Range<Int>
}
