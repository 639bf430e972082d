import Foundation
import NomenMatching

/// `nomen-bench detect FOLDER ROUNDS`: the language of every file under a
/// folder of articles, as `nomen annotate` detects it for each file; prints
/// the time per byte (best of ROUNDS) and how many files read as each
/// language, so that a change to the detector can be checked to give the
/// same answers.
func detectBenchmark(folder: String, rounds: Int) {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { fail("cannot read \(folder)") }
    let names = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") }.sorted()
    let texts = names.compactMap { FileManager.default.contents(atPath: folder + "/" + $0).map { [UInt8]($0) } }
    let bytes = texts.reduce(0) { $0 + $1.count }
    var best = Double.infinity
    var languages: [DocumentLanguage] = []
    for _ in 0..<max(1, rounds) {
        let start = DispatchTime.now().uptimeNanoseconds
        languages = texts.map { text in text.withUnsafeBufferPointer { LanguageDetector.detect(utf8: $0) } }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    let counts = Dictionary(grouping: languages, by: \.rawValue).mapValues(\.count).sorted { $0.key < $1.key }
    print(String(format: "language detection: %d files, %.1f MB in %.3f s (best of %d) = %.2f ns/byte; ",
                 texts.count, Double(bytes) / 1e6, best, rounds, best * 1e9 / Double(bytes))
          + counts.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
}
