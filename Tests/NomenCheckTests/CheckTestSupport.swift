import Foundation
import NomenCheck
import NomenData
import NomenMatching
import NomenModel

/// The seed glossary, compiled once for all check tests.
enum SeedGlossary {
    static let entities: [Entity] = {
        let decoder = JSONDecoder()
        return EmbeddedData.seedGlossary.split(separator: "\n").compactMap {
            try? decoder.decode(Entity.self, from: Data($0.utf8))
        }
    }()

    static let matcher: Matcher = {
        do { return try Matcher(entities) } catch { preconditionFailure("seed glossary does not compile: \(error)") }
    }()

    static func check(_ text: String, format: InputFormat = .text, configuration: CheckConfiguration = CheckConfiguration(),
                      language: DocumentLanguage? = nil, path: String = "article.txt") throws -> [Finding] {
        let checker = try Checker(matcher: matcher, entities: entities)
        return try checker.check(SourceText(path: path, text: text), format: format,
                                 configuration: configuration, language: language).findings
    }
}

extension Array where Element == Finding {
    /// "rule text → suggestion" lines, for compact expectations.
    var summary: [String] {
        map { "\($0.rule.rawValue) \($0.text) → \($0.suggestion ?? "-")" }
    }
}

/// A small deterministic generator (SplitMix64), so a failure repeats.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
