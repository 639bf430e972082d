import Foundation
import NomenGlossary
import NomenMatching
import NomenModel

extension GlossaryBackend {
    /// The compiled matcher for this glossary: from the on-disk cache when it
    /// holds one for the current revision (`MatcherCache`), else compiled
    /// from `entities` (read when needed) and cached for the next run.
    func matcher(semantics: MatchSemantics, useCache: Bool, fallbackPath: String,
                 entities: @escaping () throws -> [Entity]) throws -> Matcher {
        let currentRevision = try withGlossaryErrors { try self.revision() }
        let glossaryKey: String
        if let store = self as? GlossaryStore {
            let path = store.path ?? fallbackPath
            // The file's inode too, so a glossary replaced at the same path is not mistaken for the old one.
            let file = (try? FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber]).map { "\($0)" } ?? ""
            glossaryKey = path + "#" + file
        } else {
            // A database server's glossary: its URL without the password.
            glossaryKey = location
        }
        let compile = { () throws -> Matcher in
            var builder = MatcherBuilder()
            builder.semantics = semantics
            for entity in try withGlossaryErrors({ try entities() }) { try builder.add(entity) }
            return try builder.build()
        }
        do {
            if !useCache { return try compile() }
            return try Matcher.cached(glossaryPath: glossaryKey, revision: currentRevision, semantics: semantics,
                                      compile: compile).matcher
        } catch let error as MatcherError {
            throw CLIFailure("cannot compile the glossary: \(error)")
        }
    }
}
