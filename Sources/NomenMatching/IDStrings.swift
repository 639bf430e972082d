import Foundation
import NomenModel
import NomenNormalization

/// Entity ids as `String`s, made once per entity and then shared by every
/// mention (an ambiguous name lists tens of candidates), and the last sorted
/// candidate list of each key, in an array by key (a large glossary has
/// hundreds of thousands of ambiguous keys: no hashing, nothing evicted).
/// One per `Annotator`.
final class IDStrings {
    private var strings: [String?] = []
    private final class CandidateList {
        let entities: [UInt32]
        let ids: [String]
        init(entities: [UInt32], ids: [String]) {
            self.entities = entities
            self.ids = ids
        }
    }
    private var byGroup: [CandidateList?] = []

    func string(_ entity: UInt32, _ compiled: CompiledGlossary) -> String {
        if strings.isEmpty { strings = [String?](repeating: nil, count: compiled.entityCount) }
        if let known = strings[Int(entity)] { return known }
        let made = compiled.strings.string(compiled.entityID[Int(entity)])
        strings[Int(entity)] = made
        return made
    }

    /// The candidates' ids in `String` order.
    func sortedIDs(_ found: [Search.Found], group: UInt32, _ compiled: CompiledGlossary) -> [String] {
        if byGroup.isEmpty { byGroup = [CandidateList?](repeating: nil, count: compiled.groupCount) }
        if let known = byGroup[Int(group)], known.entities.count == found.count,
           zip(known.entities, found).allSatisfy({ $0 == $1.entity }) {
            return known.ids
        }
        let ids = sortedIDs(found, compiled)
        byGroup[Int(group)] = CandidateList(entities: found.map(\.entity), ids: ids)
        return ids
    }

    private func sortedIDs(_ found: [Search.Found], _ compiled: CompiledGlossary) -> [String] {
        // Entities are numbered in id order (`MatcherBuilder.build`); a group lists them so, save
        // for short forms found after the names.
        var entities = found.map(\.entity)
        if zip(entities, entities.dropFirst()).contains(where: { $0 > $1 }) { entities.sort() }
        return entities.map { string($0, compiled) }
    }
}
