import NomenModel
import NomenNormalization

/// An entity a candidate mention may be: the strictest tier at which one of
/// its names counts for the surface, and whether only as a short form.
struct Candidate: Equatable, Sendable {
    var entity: UInt32
    var tier: MatchTier
    var isShort: Bool
}

/// What a candidate mention links to (`DocumentContext.resolve`).
enum Resolution: Equatable {
    /// One entity, at the tier and with the shortness of its candidate.
    case entity(Candidate)
    /// Several entities, none singled out by the document so far: the
    /// strictest tier among them, and whether every one is a short form.
    case ambiguous(tier: MatchTier, allShort: Bool)
}

/// What is known about a document so far: the entities named unambiguously
/// and the persons named in full, whose short forms may then be used.
/// Carried from one chunk of a long document to the next.
///
/// It is also the resolver: `resolve` decides what a candidate mention
/// links to, by the rules `MatchSemantics` states under "Ambiguity" and
/// "Short mentions", and records the decision for the mentions after it.
public struct DocumentContext: Sendable {
    public var language: DocumentLanguage
    var mentioned = EntitySet()
    var namedInFull = EntitySet()
    /// The short forms of the persons in `namedInFull`: entry indices by key
    /// (its handle, `CompiledGlossary`).
    var activeShortForms: [UInt32: [UInt32]] = [:]
    /// Where the next chunk starts, in UTF-8 bytes and scalars.
    var utf8Base = 0
    var scalarBase = 0

    public init(language: DocumentLanguage) {
        self.language = language
    }

    /// The UTF-8 offset in the document where the next chunk starts.
    public var utf8Offset: Int { utf8Base }

    /// Decides among the entities a mention may be (`candidates`: at least
    /// one, each entity once): the only one; else the only one already
    /// mentioned unambiguously in the document; else ambiguous, never an
    /// arbitrary pick. An entity decided on counts as mentioned from here
    /// on, and a person named in full (not by a short form) makes its short
    /// forms available to later mentions.
    @inline(__always)
    mutating func resolve(_ candidates: [Candidate], compiled: CompiledGlossary, shortForms: ShortFormIndex) -> Resolution {
        var chosen: Candidate? = nil
        if candidates.count == 1 {
            chosen = candidates[0]
        } else if !mentioned.isEmpty {
            var known = 0
            for candidate in candidates where mentioned.contains(candidate.entity) {
                known += 1
                chosen = candidate
            }
            if known != 1 { chosen = nil }
        }
        guard let chosen else {
            var strictest = candidates[0].tier
            for candidate in candidates where candidate.tier.strictness < strictest.strictness { strictest = candidate.tier }
            return .ambiguous(tier: strictest, allShort: candidates.allSatisfy(\.isShort))
        }
        let universe = compiled.entityCount
        mentioned.insert(chosen.entity, universe: universe)
        if !chosen.isShort && compiled.entityType[Int(chosen.entity)] == Self.personType
            && namedInFull.insert(chosen.entity, universe: universe) {
            shortForms.activate(chosen.entity, in: &activeShortForms)
        }
        return .entity(chosen)
    }

    private static let personType = UInt8(EntityType.allCases.firstIndex(of: .person)!)
}

extension MatchTier {
    /// 0 for `exact` up to 3 for `compact`: lower is stricter.
    @inline(__always)
    var strictness: Int {
        switch self {
        case .exact: 0
        case .caseless: 1
        case .folded: 2
        case .compact: 3
        }
    }
}
