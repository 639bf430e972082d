// Benchmark driver for tools/bench/*.sh: times one hot path of nomen on a
// file and writes its output, so the script can compare it with a reference
// tool's. Not part of the user-facing CLI.
//
//     nomen-bench fold CORPUS OUTPUT [ROUNDS]
//     nomen-bench annotate GLOSSARY.tsv|.jsonl CORPUS CACHE [relaxed|standard]
//     nomen-bench compile GLOSSARY.tsv|.jsonl CACHE [relaxed|standard]
//     nomen-bench annotate-cached CACHE CORPUS [MENTIONS]
//     nomen-bench check GLOSSARY.jsonl CORPUS FINDINGS
//     nomen-bench annotate-document CACHE ARTICLE ROUNDS OUTPUT
//     nomen-bench detect FOLDER ROUNDS
import Foundation
@_spi(Performance) import NomenNormalization

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("nomen-bench: \(message)\n".utf8))
    exit(2)
}

func foldBenchmark(input: String, output: String, rounds: Int) throws {
    guard let data = FileManager.default.contents(atPath: input) else { fail("cannot read \(input)") }
    let bytes = [UInt8](data)
    let folder = try FastFolder()
    var best = Double.infinity
    var folded: FoldedText? = nil
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        folded = try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in try folder.fold(utf8: buffer) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
    }
    _ = FileManager.default.createFile(atPath: output, contents: Data(folded?.bytes ?? []))
    let megabytes = Double(bytes.count) / 1e6
    print(String(format: "nomen fast fold: %.1f MB in %.3f s (best of %d) = %.1f MB/s", megabytes, best, rounds, megabytes / best))
}

let arguments = CommandLine.arguments
guard arguments.count >= 4 else { fail("usage: nomen-bench fold CORPUS OUTPUT [ROUNDS]") }
do {
    switch arguments[1] {
    case "fold":
        try foldBenchmark(input: arguments[2], output: arguments[3], rounds: arguments.count > 4 ? Int(arguments[4]) ?? 3 : 3)
    case "annotate":
        guard arguments.count >= 5 else { fail("usage: nomen-bench annotate GLOSSARY.tsv|.jsonl CORPUS CACHE [relaxed|standard]") }
        try annotateBenchmark(glossary: arguments[2], corpus: arguments[3], cache: arguments[4],
                              semantics: arguments.count > 5 && arguments[5] == "standard" ? .standard : .relaxedCase)
    case "compile":
        try annotateBenchmark(glossary: arguments[2], corpus: nil, cache: arguments[3],
                              semantics: arguments.count > 4 && arguments[4] == "standard" ? .standard : .relaxedCase)
    case "check":
        guard arguments.count >= 5 else { fail("usage: nomen-bench check GLOSSARY.jsonl CORPUS FINDINGS") }
        try checkBenchmark(glossary: arguments[2], corpus: arguments[3], findingsPath: arguments[4])
    case "annotate-cached":
        try annotateCachedBenchmark(cache: arguments[2], corpus: arguments[3], mentionsPath: arguments.count > 4 ? arguments[4] : nil)
    case "annotate-document":
        guard arguments.count >= 6, let rounds = Int(arguments[4]) else { fail("usage: nomen-bench annotate-document CACHE ARTICLE ROUNDS OUTPUT") }
        try annotateDocumentBenchmark(cache: arguments[2], article: arguments[3], rounds: rounds, output: arguments[5])
    case "detect":
        detectBenchmark(folder: arguments[2], rounds: Int(arguments[3]) ?? 5)
    default:
        fail("unknown benchmark \(arguments[1])")
    }
} catch {
    fail("\(error)")
}
