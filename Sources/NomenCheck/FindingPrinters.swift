import Foundation
import NomenMatching

/// The output formats of `nomen check`, one function each.
public enum FindingPrinter {
    /// `path:line:col: severity[rule]: message (suggestion)`, one per line.
    /// Columns count Unicode scalars, from 1.
    public static func text(_ findings: [Finding], color: Bool) -> String {
        var output = ""
        for finding in findings {
            let severity = color ? colored(finding.severity) : finding.severity.rawValue
            var line = "\(finding.path):\(finding.line):\(finding.column): \(severity)[\(finding.rule.rawValue)]: \(finding.message)"
            if let suggestion = finding.suggestion { line += " (\(suggestion))" }
            output += line + "\n"
        }
        return output
    }

    /// Whether `--color auto` colours: on a terminal, unless `NO_COLOR` is
    /// set to a non-empty value (no-color.org: an empty one does not count).
    public static func colorsByDefault(onTerminal: Bool, environment: [String: String]) -> Bool {
        onTerminal && (environment["NO_COLOR"] ?? "").isEmpty
    }

    private static func colored(_ severity: Severity) -> String {
        let code = switch severity {
        case .error: "31"
        case .warning: "33"
        case .info: "36"
        }
        return "\u{1B}[\(code)m\(severity.rawValue)\u{1B}[0m"
    }

    /// A JSON array of findings with snake_case keys, one finding per line.
    /// Written by hand: on an archive with thousands of findings,
    /// JSONSerialization costs more than the checks.
    public static func json(_ findings: [Finding]) throws -> String {
        jsonBytes(findings).withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// `json` as bytes, for a caller that writes them to a file.
    public static func jsonBytes(_ findings: [Finding]) -> JSONBytes {
        let out = JSONBytes(capacity: 64 + findings.count * 320)
        writeJSON(findings, into: out)
        return out
    }

    /// `json`, handed to `write` a piece at a time (`JSONBytes.inPieces`):
    /// 191,542 findings are 75 MB of JSON, which was built whole before it
    /// was written.
    public static func writeJSON(_ findings: [Finding], pieceSize: Int = 1 << 20,
                                 to write: (UnsafeBufferPointer<UInt8>) -> Void) {
        JSONBytes.inPieces(of: pieceSize, to: write) { out, mayEnd in
            writeJSON(findings, into: out, afterFinding: mayEnd)
        }
    }

    /// Writes the JSON of `json` into `out`, calling `afterFinding` after
    /// each finding (where a caller may take the bytes written so far).
    private static func writeJSON(_ findings: [Finding], into out: JSONBytes, afterFinding: () -> Void = {}) {
        // Written as bytes: a large run has tens of thousands of findings, and
        // `String` interpolation piece by piece was a tenth of `nomen check`.
        out.append("[\n")
        for index in findings.indices {
            // By index: the iterator handed out copies (each string retained and
            // released); an element bound by `let` can be read in place.
            let finding = findings[index]
            out.append("  {\"path\": "); out.append(quoted: finding.path)
            out.append(", \"line\": "); out.append(number: finding.line)
            out.append(", \"column\": "); out.append(number: finding.column)
            out.append(", \"end_line\": "); out.append(number: finding.endLine)
            out.append(", \"end_column\": "); out.append(number: finding.endColumn)
            out.append(", \"rule\": "); out.append(quoted: finding.rule.rawValue)
            out.append(", \"severity\": "); out.append(quoted: finding.severity.rawValue)
            out.append(", \"message\": "); out.append(quoted: finding.message)
            out.append(", \"text\": "); out.append(quoted: finding.text)
            out.append(", \"suggestion\": "); out.append(quotedOrNull: finding.suggestion)
            out.append(", \"entity\": "); out.append(quotedOrNull: finding.entity)
            out.append(index + 1 < findings.count ? "},\n" : "}\n")
            afterFinding()
        }
        out.append("]\n")
    }

    /// SARIF 2.1.0 (OASIS), with every rule's metadata, columns stated as
    /// Unicode code points, and the safe fixes as SARIF fixes.
    public static func sarif(_ findings: [Finding], toolVersion: String) throws -> String {
        let rules = CheckRule.allCases
        let ruleObjects: [[String: Any]] = rules.map { rule in
            [
                "id": rule.rawValue,
                "name": rule.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
                "shortDescription": ["text": rule.summary],
                "defaultConfiguration": ["level": rule.defaultSeverity.sarifLevel],
                "properties": ["safeFix": rule.hasSafeFix],
            ]
        }
        let results: [[String: Any]] = findings.map { finding in
            let region: [String: Any] = [
                "startLine": finding.line, "startColumn": finding.column,
                "endLine": finding.endLine, "endColumn": finding.endColumn,
                "snippet": ["text": finding.text],
            ]
            let location: [String: Any] = ["physicalLocation": [
                "artifactLocation": ["uri": uri(finding.path)], "region": region,
            ]]
            var message = finding.message
            if let suggestion = finding.suggestion { message += " (\(suggestion))" }
            var result: [String: Any] = [
                "ruleId": finding.rule.rawValue,
                "ruleIndex": rules.firstIndex(of: finding.rule)!,
                "level": finding.severity.sarifLevel,
                "message": ["text": message],
                "locations": [location],
            ]
            if let entity = finding.entity { result["properties"] = ["entity": entity] }
            if let fix = finding.fix {
                result["fixes"] = [[
                    "description": ["text": "Replace with \(fix.text)"],
                    "artifactChanges": [[
                        "artifactLocation": ["uri": uri(finding.path)],
                        "replacements": [[
                            "deletedRegion": [
                                "startLine": finding.line, "startColumn": finding.column,
                                "endLine": finding.endLine, "endColumn": finding.endColumn,
                            ],
                            "insertedContent": ["text": fix.text],
                        ]],
                    ]],
                ]]
            }
            return result
        }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "nomen",
                    "version": toolVersion,
                    "informationUri": "https://github.com/nomen/nomen",
                    "rules": ruleObjects,
                ]],
                "columnKind": "unicodeCodePoints",
                "results": results,
            ]],
        ]
        let data = try JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A relative path as a URI reference (percent-encoded where needed).
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
