import Foundation
import NomenModel
import NomenNormalization

/// Entity ids as `String`s, made once per entity and then shared by every
/// mention (an ambiguous name lists tens of candidates), and the last sorted
/// candidate list of each key. One per `Annotator`.
final class IDStrings {
    private var strings: [String?] = []
    private var byGroup: [UInt32: (entities: [UInt32], ids: [String])] = [:]

    func string(_ entity: UInt32, _ compiled: CompiledGlossary) -> String {
        if strings.isEmpty { strings = [String?](repeating: nil, count: compiled.entityCount) }
        if let known = strings[Int(entity)] { return known }
        let made = compiled.strings.string(compiled.entityID[Int(entity)])
        strings[Int(entity)] = made
        return made
    }

    /// The candidates' ids in `String` order: by bytes when every id is
    /// ASCII (the same order), else by `String` comparison.
    func sortedIDs(_ found: [Search.Found], group: UInt32, _ compiled: CompiledGlossary) -> [String] {
        if let known = byGroup[group], known.entities.count == found.count,
           zip(known.entities, found).allSatisfy({ $0 == $1.entity }) {
            return known.ids
        }
        let ids = sortedIDs(found, compiled)
        if byGroup.count >= 65_536 { byGroup.removeAll(keepingCapacity: true) }
        byGroup[group] = (found.map(\.entity), ids)
        return ids
    }

    private func sortedIDs(_ found: [Search.Found], _ compiled: CompiledGlossary) -> [String] {
        // Each id as its span of the string blob, gathered once, so that a comparison is one
        // `memcmp` (ids share long prefixes, and a large glossary's ambiguous names have tens
        // of candidates).
        let blob = compiled.strings.blob, offsets = compiled.strings.offsets
        var ascii = true
        var spans: [(start: Int, length: Int, entity: UInt32)] = []
        spans.reserveCapacity(found.count)
        for candidate in found {
            let id = Int(compiled.entityID[Int(candidate.entity)])
            let start = Int(offsets[id]), end = Int(offsets[id + 1])
            for index in start..<end where blob[index] >= 0x80 { ascii = false }
            spans.append((start, end - start, candidate.entity))
        }
        guard ascii else { return found.map { string($0.entity, compiled) }.sorted() }
        blob.withUnsafeBufferPointer { blob in
            guard let base = blob.baseAddress else { return }
            spans.sort { a, b in
                let common = min(a.length, b.length)
                let result = common == 0 ? 0 : memcmp(base + a.start, base + b.start, common)
                if result != 0 { return result < 0 }
                return a.length < b.length
            }
        }
        return spans.map { string($0.entity, compiled) }
    }
}
