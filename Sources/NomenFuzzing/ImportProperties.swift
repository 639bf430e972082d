import NomenGlossary
import NomenModel

/// The glossary importers (CSV, TSV, JSON Lines, TBX) on arbitrary bytes.
///
/// - Reading never crashes; every problem has a message and the line it is
///   on, inside the file (bad input is reported, not guessed at).
/// - A file read without errors is a fixed point of export and import: the
///   entities written back in the same format, and in JSON Lines, read back
///   equal, without errors.
enum ImportProperties {
    static let fileName = "fuzz-input"

    static func check(_ bytes: [UInt8], format: GlossaryFormat) throws {
        let result = format.read(bytes, file: fileName)
        let lineCount = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        for issue in result.issues + result.warnings {
            try require(!issue.message.isEmpty, "\(format) problems have a message")
            guard let line = issue.line else {
                throw PropertyViolation("\(format) problems name their line", issue.description)
            }
            try require(line >= 1 && line <= lineCount + 1, "\(format) problems name a line of the file",
                        "line \(line) of \(lineCount): \(issue)")
        }
        guard result.allIssues(file: fileName).isEmpty else { return }

        let entities = result.entities.map(\.entity)
        for target in [format, .jsonl] {
            let written: String
            do { written = try target.write(entities) } catch {
                throw PropertyViolation("entities read from \(format) can be written as \(target)", "\(error)")
            }
            let reread = target.read(Array(written.utf8), file: fileName)
            try require(reread.allIssues(file: fileName).isEmpty, "\(format) → \(target) export reads back without errors",
                        "\(reread.allIssues(file: fileName).prefix(3)) in \(escaped(written, limit: 400))")
            let back = reread.entities.map(\.entity)
            try require(back == entities, "\(format) → \(target) export reads back the same entities",
                        "\(firstDifference(entities, back))")
        }
    }

    private static func firstDifference(_ a: [Entity], _ b: [Entity]) -> String {
        guard a.count == b.count else { return "\(a.count) entities, then \(b.count)" }
        for (x, y) in zip(a, b) where x != y { return "\(x) became \(y)" }
        return "same"
    }
}
