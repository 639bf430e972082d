import Foundation
import NomenNormalization
import NomenMatching
import TOMLKit

/// A house style, read from `.nomen.toml` (found upward from each checked file,
/// as linters find theirs):
///
/// ```toml
/// tone = "old"                         # kiểu cũ (hòa) or "new" (kiểu mới: hoà)
/// english_vietnamese_names = "ascii"   # or "diacritics": how English text writes Vietnamese names
/// ignore = ["Ha Long Bay"]             # words and phrases never reported
/// skip = ["archive/", "*.min.html"]   # paths not checked (gitignore patterns, relative to this file's folder)
/// glossary = "terms/glossary.jsonl"    # glossary text files instead of a database (a path or a list, merged in order)
///
/// [languages]                          # the glossary language whose preferred names are suggested
/// vi = "vi"
/// en = "en"
/// zh = "zh-Hans"
///
/// [rules]                              # a severity (error, warning, info) or "off"
/// near-miss = "off"
/// confusable = "warning"
/// ```
public struct CheckConfiguration: Equatable, Sendable {
    public enum EnglishVietnameseNames: String, Sendable, Equatable { case ascii, diacritics }

    public var tone: ToneConvention? = nil
    public var englishVietnameseNames: EnglishVietnameseNames = .ascii
    public var ignore: [String] = []
    public var skip: [String] = []
    /// Glossary text files (CSV, TSV, JSONL, TBX) to use instead of a
    /// database, merged in order; paths resolved against the folder of the
    /// `.nomen.toml`. `nomen annotate` and `nomen check` read them from the
    /// `.nomen.toml` found upward from the current folder.
    public var glossaries: [String] = []
    public var languages: [String: String] = ["vi": "vi", "en": "en", "zh": "zh-Hans"]
    /// Severity per rule; nil = rule off.
    public var severities: [CheckRule: Severity?] = [:]
    /// Where the configuration was read from (nil for the defaults).
    public var file: URL? = nil

    public init() {}

    public func severity(of rule: CheckRule) -> Severity? {
        if let configured = severities[rule] { return configured }
        return rule.defaultSeverity
    }

    /// The file's folder, which `skip` patterns are relative to.
    var baseDirectory: URL? { file?.deletingLastPathComponent() }

    /// Parses the TOML text; errors name the file and what is wrong.
    public static func parse(_ text: String, file: URL?) throws(CheckConfigurationError) -> CheckConfiguration {
        let label = file?.path ?? ".nomen.toml"
        let table: TOMLTable
        if let problem = TOMLSyntaxCheck.firstProblem(in: text) {
            throw CheckConfigurationError("\(label):\(problem.line):\(problem.column): \(problem.message)")
        }
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw CheckConfigurationError(
                "\(label):\(error.source.begin.line):\(error.source.begin.column): \(error.description)")
        } catch {
            throw CheckConfigurationError("\(label): \(error)")
        }
        var configuration = CheckConfiguration()
        configuration.file = file
        for key in table.keys {
            let value = table[key]!
            switch key {
            case "tone":
                guard let text = value.string, let tone = ToneConvention(rawValue: text) else {
                    throw CheckConfigurationError("\(label): tone must be \"old\" or \"new\"")
                }
                configuration.tone = tone
            case "english_vietnamese_names":
                guard let text = value.string, let style = EnglishVietnameseNames(rawValue: text) else {
                    throw CheckConfigurationError("\(label): english_vietnamese_names must be \"ascii\" or \"diacritics\"")
                }
                configuration.englishVietnameseNames = style
            case "glossary":
                var paths: [String] = []
                if let one = value.string {
                    paths = [one]
                } else if let array = value.array {
                    for element in array {
                        guard let path = element.string else {
                            throw CheckConfigurationError("\(label): glossary must be a path or an array of paths")
                        }
                        paths.append(path)
                    }
                } else {
                    throw CheckConfigurationError("\(label): glossary must be a path or an array of paths")
                }
                let base = file?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                configuration.glossaries = paths.map { path in
                    path.hasPrefix("/") ? path : base.appendingPathComponent(path).standardizedFileURL.path
                }
            case "ignore", "skip":
                guard let array = value.array else {
                    throw CheckConfigurationError("\(label): \(key) must be an array of strings")
                }
                var strings: [String] = []
                for element in array {
                    guard let string = element.string else {
                        throw CheckConfigurationError("\(label): \(key) must be an array of strings")
                    }
                    strings.append(string)
                }
                if key == "ignore" { configuration.ignore = strings } else { configuration.skip = strings }
            case "languages":
                guard let languages = value.table else {
                    throw CheckConfigurationError("\(label): [languages] must be a table")
                }
                for language in languages.keys {
                    guard ["vi", "en", "zh"].contains(language), let tag = languages[language]?.string else {
                        throw CheckConfigurationError("\(label): [languages] maps vi, en or zh to a glossary language tag; got \(language)")
                    }
                    configuration.languages[language] = tag
                }
            case "rules":
                guard let rules = value.table else {
                    throw CheckConfigurationError("\(label): [rules] must be a table")
                }
                for name in rules.keys {
                    guard let rule = CheckRule(rawValue: name) else {
                        let known = CheckRule.allCases.map(\.rawValue).joined(separator: ", ")
                        throw CheckConfigurationError("\(label): unknown rule \(name) in [rules] (rules: \(known))")
                    }
                    guard let setting = rules[name]?.string else {
                        throw CheckConfigurationError("\(label): [rules] \(name) must be error, warning, info or off")
                    }
                    if setting == "off" {
                        configuration.severities[rule] = .some(nil)
                    } else if let severity = Severity(rawValue: setting) {
                        configuration.severities[rule] = severity
                    } else {
                        throw CheckConfigurationError("\(label): [rules] \(name) must be error, warning, info or off, not \(setting)")
                    }
                }
            default:
                throw CheckConfigurationError("\(label): unknown setting \(key)")
            }
        }
        return configuration
    }

    /// The configuration for a file: the nearest `.nomen.toml` in its folder
    /// or a parent folder, or the defaults.
    public static func nearest(to file: URL, cache: inout [String: CheckConfiguration]) throws(CheckConfigurationError) -> CheckConfiguration {
        var directory = file.deletingLastPathComponent().standardizedFileURL
        var visited: [String] = []
        while true {
            if let cached = cache[directory.path] {
                for path in visited { cache[path] = cached }
                return cached
            }
            visited.append(directory.path)
            let candidate = directory.appendingPathComponent(".nomen.toml")
            if FileManager.default.fileExists(atPath: candidate.path) {
                let text: String
                do {
                    text = try String(contentsOf: candidate, encoding: .utf8)
                } catch {
                    throw CheckConfigurationError("\(candidate.path): cannot be read as UTF-8")
                }
                let configuration = try parse(text, file: candidate)
                for path in visited { cache[path] = configuration }
                return configuration
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        let defaults = CheckConfiguration()
        for path in visited { cache[path] = defaults }
        return defaults
    }

    /// Whether `skip` excludes the file.
    public func skips(_ file: URL) -> Bool {
        guard let base = baseDirectory?.standardizedFileURL.path else { return false }
        let path = file.standardizedFileURL.path
        guard path.hasPrefix(base + "/") else { return false }
        let relative = String(path.dropFirst(base.count + 1))
        return PathPatternList(skip).matches(relative)
    }
}

public struct CheckConfigurationError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
