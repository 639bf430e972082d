import Foundation
import NomenModel
@_spi(Performance) import NomenNormalization

/// A glossary kept as text files in a repository (CSV, TSV, JSONL or TBX),
/// as Vale and cspell keep their vocabularies, instead of a SQLite file:
/// `--glossary terms/glossary.jsonl`, or `glossary = [...]` in `.nomen.toml`.
public enum GlossaryFiles {
    /// Whether `path` names a glossary text file (by its extension) rather
    /// than a database.
    public static func isTextFile(_ path: String) -> Bool {
        GlossaryFormat.inferred(fromPath: path) != nil
    }

    /// The entities of the files, merged in order: an entity of a later
    /// file replaces one with the same id in an earlier file. Every file is
    /// read and checked as `glossary import` checks it; any error fails the
    /// whole load, each problem named by file and line.
    public static func load(_ paths: [String]) throws -> (entities: [Entity], warnings: [GlossaryIssue]) {
        var merged: [Entity] = []
        var position: [String: Int] = [:]
        var issues: [GlossaryIssue] = []
        var warnings: [GlossaryIssue] = []
        for path in paths {
            guard let format = GlossaryFormat.inferred(fromPath: path) else {
                issues.append(GlossaryIssue(file: path, message: "not a glossary file (.csv, .tsv, .jsonl or .tbx)"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                issues.append(GlossaryIssue(file: path, message: "cannot be read"))
                continue
            }
            let result = format.read([UInt8](data), file: path)
            warnings += result.warnings
            let found = result.allIssues(file: path)
            if !found.isEmpty {
                issues += found
                continue
            }
            for item in result.entities {
                let entity = try EntityValidation.normalized(item.entity)
                if let index = position[entity.id] {
                    merged[index] = entity
                } else {
                    position[entity.id] = merged.count
                    merged.append(entity)
                }
            }
        }
        if !issues.isEmpty {
            let count = issues.count == 1 ? "1 error" : "\(issues.count) errors"
            throw GlossaryError(.invalid, "cannot load the glossary: \(count)", issues: issues)
        }
        return (merged, warnings)
    }

    /// What the compiled matcher of these files is cached under: their
    /// paths' order and their contents (FNV-1a of the bytes, and their
    /// length), so that an edited file is compiled again and an unchanged
    /// one, wherever it is checked out, is not.
    public static func contentKey(_ paths: [String]) -> String {
        var key = "glossary-files"
        for path in paths {
            let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
            key += "#\(String(FNV1a.hash(bytes), radix: 16)):\(bytes.count)"
        }
        return key
    }
}
