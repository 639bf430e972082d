import Foundation
import NomenCheck
import NomenMatching
import NomenModel

/// `nomen-bench check GLOSSARY.jsonl CORPUS FINDINGS`: runs what `nomen
/// check --format json CORPUS` runs (the check session with its default
/// options and a matcher of standard semantics) with the glossary's entities
/// in the file's order (`nomen glossary export --format jsonl` gives the
/// store's), writes the findings as that command prints them, and prints
/// the CPU time of the check and of annotating the same text. For
/// cachegrind, which cannot read the `nomen` binary's debug information.
func checkBenchmark(glossary: String, corpus: String, findingsPath: String) throws {
    var entities: [Entity] = []
    try readGlossary(glossary) { entities.append($0) }
    var builder = MatcherBuilder()
    builder.semantics = .standard
    for entity in entities { try builder.add(entity) }
    let matcher = try builder.build()
    let checker = try Checker(matcher: matcher, entities: entities)

    var cpu0 = cpuTime(), t0 = now()
    let outcome = try CheckSession(checker: checker, options: CheckOptions()).run([corpus])
    let json = try FindingPrinter.json(outcome.findings)
    let checkCPU = cpuTime() - cpu0, checkWall = now() - t0
    _ = FileManager.default.createFile(atPath: findingsPath, contents: Data(json.utf8))

    guard let text = FileManager.default.contents(atPath: corpus) else { fail("cannot read \(corpus)") }
    let annotator = try Annotator(matcher: matcher)
    (cpu0, t0) = (cpuTime(), now())
    let document = try annotator.annotate(String(decoding: text, as: UTF8.self))
    let annotateCPU = cpuTime() - cpu0, annotateWall = now() - t0
    print(String(format: "nomen check: %d findings in %.2f s wall, %.2f s CPU; annotating the same text: %d mentions in %.2f s wall, %.2f s CPU; check/annotate CPU %.2fx",
                 outcome.findings.count, checkWall, checkCPU, document.mentions.count, annotateWall, annotateCPU, checkCPU / annotateCPU))
}
