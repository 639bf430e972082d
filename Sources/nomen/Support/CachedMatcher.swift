import Foundation
import NomenGlossary
import NomenMatching
import NomenModel
import NomenServer

extension GlossaryBackend {
    /// The compiled matcher for this glossary (`compiledMatcher`), with the
    /// CLI's messages.
    func matcher(semantics: MatchSemantics, useCache: Bool, fallbackPath: String,
                 entities: @escaping () throws -> [Entity]) throws -> Matcher {
        let currentRevision = try withGlossaryErrors { try self.revision() }
        do {
            return try withGlossaryErrors {
                try compiledMatcher(revision: currentRevision, semantics: semantics,
                                    cacheDirectory: useCache ? MatcherCache.defaultDirectory() : nil,
                                    fallbackPath: fallbackPath, entities: entities)
            }
        } catch let error as MatcherError {
            throw CLIFailure("cannot compile the glossary: \(error)")
        }
    }
}
