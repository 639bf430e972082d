import Foundation
import NomenGlossary
import NomenModel

/// The inputs each fuzz target starts from, taken from the repository: the
/// bundled samples, the test fixtures, the docs and the seed glossary in
/// every exchange format, plus `Tests/NomenFuzzingTests/Inputs/seeds/` and
/// the regression inputs in `Tests/NomenFuzzingTests/Inputs/regressions/`.
/// Both the property test and `tools/fuzz.sh` (through `nomen-fuzz seeds`)
/// start from these.
public enum SeedCorpus {
    /// The longest seed; longer files are cut (on line ends where possible).
    public static let maximumLength = 2048

    public static func inputs(for target: FuzzTarget, repository: URL) -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        func files(_ folder: String, _ suffixes: [String] = [""]) -> [[UInt8]] {
            let url = repository.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.sorted().filter { name in suffixes.contains { name.hasSuffix($0) } && !name.hasSuffix("README.md") }
                .compactMap { try? [UInt8](Data(contentsOf: url.appendingPathComponent($0))) }
        }
        let samples = files("Data/samples", [".txt"]).flatMap(pieces)
        let legacy = files("Tests/NomenNormalizationTests/Fixtures/legacy", [".bin", ".txt"]).flatMap(pieces)
        let mojibakeLines = files("Tests/NomenNormalizationTests/Fixtures/mojibake", [".txt"]).flatMap(lines)
        let vietnamese = files("Tests/NomenNormalizationTests/Fixtures/vietnamese", [".tsv"]).flatMap(pieces)

        switch target {
        case .fold:
            seeds = samples + vietnamese + mojibakeLines
        case .decode:
            seeds = legacy + samples
        case .mojibake:
            // Arbitrary text (mode byte 0), then choices of garbled names (odd mode bytes).
            let texts: [[UInt8]] = (legacy + mojibakeLines).map { [0] + $0 }
            seeds = texts + choiceSeeds(count: 16, length: 8)
        case .matcher, .fix:
            seeds = choiceSeeds(count: 16, length: 64)
        case .markup:
            let pages = files("docs", [".md"]) + files("Data/web", [".html"]) + files("Data", ["README.md"])
            seeds = pages.flatMap(pieces).flatMap { [[0] + $0, [1] + $0] }
        case .importCSV, .importTSV, .importJSONL, .importTBX:
            seeds = glossaryExports(in: format(of: target))
        case .config:
            break
        }
        return seeds + files("Tests/NomenFuzzingTests/Inputs/seeds/\(target.rawValue)")
            + regressions(for: target, repository: repository)
    }

    /// The inputs that once broke a property or crashed, kept so that they never do again.
    public static func regressions(for target: FuzzTarget, repository: URL) -> [[UInt8]] {
        let url = repository.appendingPathComponent("Tests/NomenFuzzingTests/Inputs/regressions/\(target.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().compactMap { try? [UInt8](Data(contentsOf: url.appendingPathComponent($0))) }
    }

    static func format(of target: FuzzTarget) -> GlossaryFormat {
        switch target {
        case .importCSV: .csv
        case .importTSV: .tsv
        case .importTBX: .tbx
        default: .jsonl
        }
    }

    /// Inputs for the targets that read their bytes as choices: spread-out
    /// byte values, so each picks a different structure.
    private static func choiceSeeds(count: Int, length: Int) -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for number in 0..<count {
            var bytes: [UInt8] = [UInt8(2 * number + 1)]
            for index in 1..<length {
                let mixed: UInt64 = UInt64(index + 1) &* UInt64(number + 3) &* 2_654_435_761
                bytes.append(UInt8(truncatingIfNeeded: mixed >> 7))
            }
            seeds.append(bytes)
        }
        return seeds
    }

    /// The seed glossary written in `format`, a few entities per seed.
    private static func glossaryExports(in format: GlossaryFormat) -> [[UInt8]] {
        let entities = FuzzContext().seedEntities
        return stride(from: 0, to: entities.count, by: 6).compactMap { start in
            let slice = Array(entities[start..<min(start + 6, entities.count)])
            return (try? format.write(slice)).map { Array($0.utf8) }
        }.filter { $0.count <= maximumLength * 4 }
    }

    /// A file cut into pieces of at most `maximumLength` bytes, on line ends where possible.
    static func pieces(_ bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            var end = min(start + maximumLength, bytes.count)
            if end < bytes.count, let newline = bytes[start..<end].lastIndex(of: 0x0A), newline > start { end = newline + 1 }
            result.append(Array(bytes[start..<end]))
            start = end
        }
        return result
    }

    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A).map(Array.init)
    }
}
