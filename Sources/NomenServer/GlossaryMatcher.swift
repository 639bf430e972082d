import Foundation
import NomenGlossary
import NomenMatching
import NomenModel

extension GlossaryBackend {
    /// The compiled matcher for this glossary at `revision`: from the on-disk
    /// cache when it holds one (`MatcherCache`), else compiled from
    /// `entities` (read when needed) and cached for the next run. nil
    /// `cacheDirectory`: compiled, the cache neither read nor written.
    /// `nomen annotate`, `nomen check` and `nomen serve` all get theirs here.
    public func compiledMatcher(revision: Int64, semantics: MatchSemantics = .standard, cacheDirectory: URL?,
                                fallbackPath: String, entities: @escaping () throws -> [Entity]) throws -> Matcher {
        let compile = { () throws -> Matcher in
            var builder = MatcherBuilder()
            builder.semantics = semantics
            for entity in try entities() { try builder.add(entity) }
            return try builder.build()
        }
        guard let cacheDirectory else { return try compile() }
        return try Matcher.cached(glossaryPath: cacheKey(fallbackPath: fallbackPath), revision: revision, semantics: semantics,
                                  directory: cacheDirectory, compile: compile).matcher
    }

    /// What names this glossary in the cache: a file's path and inode (so a
    /// glossary replaced at the same path is not mistaken for the old one),
    /// or a database server's URL without the password.
    func cacheKey(fallbackPath: String) -> String {
        guard let store = self as? GlossaryStore else { return location }
        let path = store.path ?? fallbackPath
        let file = (try? FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber]).map { "\($0)" } ?? ""
        return path + "#" + file
    }
}
