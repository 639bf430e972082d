import Foundation
import NomenCheck
import NomenData
import NomenMatching
import NomenModel
import NomenNormalization

/// What the bodies reuse from one input to the next (a folder, the seed
/// glossary compiled once), so that an input costs its own work only. One
/// context per thread: a `FastFolder` and a `Checker` are not shared.
public final class FuzzContext {
    public init() {}

    private var storedFolder: FastFolder?
    func folder() throws -> FastFolder {
        if let folder = storedFolder { return folder }
        let folder = try FastFolder()
        storedFolder = folder
        return folder
    }

    /// The seed glossary's entities (real Vietnamese, Chinese and English names).
    lazy var seedEntities: [Entity] = {
        let decoder = JSONDecoder()
        return EmbeddedData.seedGlossary.split(separator: "\n").compactMap {
            try? decoder.decode(Entity.self, from: Data($0.utf8))
        }
    }()

    private var storedChecker: Checker?
    /// A checker over the whole seed glossary.
    func seedChecker() throws -> Checker {
        if let checker = storedChecker { return checker }
        let checker = try Checker(matcher: try Matcher(seedEntities), entities: seedEntities)
        storedChecker = checker
        return checker
    }
}
