import Foundation
import NomenGlossary
import NomenMatching
import NomenModel

extension GlossaryStore {
    /// The compiled matcher for this glossary at `revision`: from the on-disk
    /// cache when it holds one (`MatcherCache`), else compiled from
    /// `entities` (read when needed) and cached for the next run. nil
    /// `cacheDirectory`: compiled, the cache neither read nor written.
    /// `nomen annotate`, `nomen check` and `nomen serve` all get theirs here.
    public func compiledMatcher(revision: Int64, semantics: MatchSemantics = .standard, cacheDirectory: URL?,
                                fallbackPath: String, entities: @escaping () throws -> [Entity]) throws -> Matcher {
        let path = self.path ?? fallbackPath
        // The file's inode too, so a glossary replaced at the same path is not mistaken for the old one.
        let file = (try? FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber]).map { "\($0)" } ?? ""
        let compile = { () throws -> Matcher in
            var builder = MatcherBuilder()
            builder.semantics = semantics
            for entity in try entities() { try builder.add(entity) }
            return try builder.build()
        }
        guard let cacheDirectory else { return try compile() }
        return try Matcher.cached(glossaryPath: path + "#" + file, revision: revision, semantics: semantics,
                                  directory: cacheDirectory, compile: compile).matcher
    }
}
