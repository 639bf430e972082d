import Foundation
import NomenCheck
import NomenGlossary
import NomenMatching
import NomenModel

/// A glossary kept as text files (`GlossaryFiles`) for `annotate` and
/// `check`: `--glossary FILE` with a .csv, .tsv, .jsonl or .tbx extension,
/// else `glossary` in the `.nomen.toml` found upward from the current
/// folder, else `$NOMEN_GLOSSARY` when it names such a file.
extension GlossaryOptions {
    /// The glossary text files to use, or nil for a database.
    func textGlossaryFiles() throws -> [String]? {
        if let glossary { return GlossaryFiles.isTextFile(glossary) ? [glossary] : nil }
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("-")
        var cache: [String: CheckConfiguration] = [:]
        let configuration: CheckConfiguration
        do { configuration = try CheckConfiguration.nearest(to: here, cache: &cache) } catch {
            throw CLIFailure(error.description)
        }
        if !configuration.glossaries.isEmpty { return configuration.glossaries }
        if let variable = environment["NOMEN_GLOSSARY"], !variable.isEmpty, GlossaryFiles.isTextFile(variable) {
            return [variable]
        }
        return nil
    }
}

enum TextGlossary {
    /// The entities of the files (their warnings on stderr).
    static func entities(_ files: [String]) throws -> [Entity] {
        let (entities, warnings) = try withGlossaryErrors { try GlossaryFiles.load(files) }
        for warning in warnings { Console.warn(warning.description) }
        return entities
    }

    /// The compiled matcher of the files, cached under their contents
    /// (`GlossaryFiles.contentKey`); `entities` is read only to compile.
    static func matcher(_ files: [String], semantics: MatchSemantics, useCache: Bool,
                        entities: @escaping () throws -> [Entity]) throws -> Matcher {
        let compile = { () throws -> Matcher in
            var builder = MatcherBuilder()
            builder.semantics = semantics
            for entity in try entities() { try builder.add(entity) }
            return try builder.build()
        }
        do {
            if !useCache { return try compile() }
            return try Matcher.cached(glossaryPath: GlossaryFiles.contentKey(files), revision: 0, semantics: semantics,
                                      compile: compile).matcher
        } catch let error as MatcherError {
            throw CLIFailure("cannot compile the glossary: \(error)")
        }
    }
}
