import Foundation
import NomenMatching
import NomenModel

/// `nomen-bench annotate GLOSSARY CORPUS CACHE [relaxed|standard]`: reads the
/// glossary (`.tsv`, the compact form of `make_glossary.py --tsv`, or
/// `.jsonl`), compiles it (timed), writes and reloads the matcher cache
/// (timed: the warm start), then annotates the corpus on one core, a chunk
/// of whole lines at a time, and prints the mention count and throughput.
/// `nomen-bench compile GLOSSARY CACHE [relaxed|standard]` stops before the
/// corpus.
func annotateBenchmark(glossary: String, corpus: String?, cache: String, semantics: MatchSemantics) throws {
    var t0 = now()
    var builder = MatcherBuilder()
    builder.semantics = semantics
    var entities = 0
    try readGlossary(glossary) { entity in
        try builder.add(entity)
        entities += 1
    }
    let decoded = now() - t0
    t0 = now()
    let built = try builder.build()
    let compile = now() - t0
    try MatcherCache.save(built, to: URL(fileURLWithPath: cache))
    t0 = now()
    let matcher = try MatcherCache.load(from: URL(fileURLWithPath: cache))
    let load = now() - t0
    print(String(format: "nomen compile: %d entities, %d names, %d keys, %d trie nodes; read %.2f s, compile %.2f s; cache load %.1f ms",
                 entities, matcher.nameCount, matcher.keyCount, matcher.nodeCount, decoded, compile, load * 1000))
    if let corpus { try annotateCorpus(corpus, matcher: matcher, load: load) }
}

/// `nomen-bench annotate-cached CACHE CORPUS [MENTIONS]`: annotates with a
/// matcher already in the cache (for profiling the search alone); with
/// MENTIONS, also writes every mention there, one a line, so that two
/// builds can be compared.
func annotateCachedBenchmark(cache: String, corpus: String, mentionsPath: String?) throws {
    let t0 = now()
    let matcher = try MatcherCache.load(from: URL(fileURLWithPath: cache))
    let load = now() - t0
    print(String(format: "nomen cache load %.1f ms", load * 1000))
    try annotateCorpus(corpus, matcher: matcher, load: load, mentionsPath: mentionsPath)
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// The CPU time this process has used, in seconds: on a shared machine the
/// wall clock also counts the time other processes held the core.
func cpuTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

private func annotateCorpus(_ corpus: String, matcher: Matcher, load: Double, mentionsPath: String? = nil) throws {
    guard let corpusData = FileManager.default.contents(atPath: corpus) else { fail("cannot read \(corpus)") }
    let text = [UInt8](corpusData)
    let annotator = try Annotator(matcher: matcher)
    let t0 = now(), cpu0 = cpuTime()
    var mentions = 0
    var start = 0
    var context = DocumentContext(language: .en)
    var listing = ""
    try text.withUnsafeBufferPointer { buffer in
        while start < buffer.count {
            var end = min(buffer.count, start + (4 << 20))
            while end < buffer.count && buffer[end - 1] != 0x0A { end += 1 }
            let chunk = UnsafeBufferPointer(rebasing: buffer[start..<end])
            let found = try annotator.annotate(chunk: chunk, context: &context)
            mentions += found.count
            if mentionsPath != nil {
                for m in found {
                    print(m.start, m.end, m.startUTF8, m.endUTF8, m.text, m.entity ?? "-", m.type?.rawValue ?? "-",
                          m.canonical ?? "-", m.tier.rawValue, m.isShort, m.candidates.joined(separator: "|"),
                          separator: "\t", to: &listing)
                }
            }
            start = end
        }
    }
    let seconds = now() - t0, cpuSeconds = cpuTime() - cpu0
    if let mentionsPath { _ = FileManager.default.createFile(atPath: mentionsPath, contents: Data(listing.utf8)) }
    let megabytes = Double(text.count) / 1e6
    print(String(format: "nomen annotate: %.1f MB in %.2f s = %.1f MB/s (one core); end to end with a warm cache (load + annotate) %.1f MB/s; mentions %d; CPU %.3f s = %.1f MB/s of CPU",
                 megabytes, seconds, megabytes / seconds, megabytes / (seconds + load), mentions, cpuSeconds, megabytes / cpuSeconds))
}

/// Calls `body` with each entity of a `.jsonl` glossary (one `Entity` object a
/// line) or a `.tsv` one (`make_glossary.py --tsv`: `id type name_order
/// family_name name…`, each name `text lang status kind` joined by U+001F).
func readGlossary(_ path: String, _ body: (Entity) throws -> Void) throws {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    let tsv = path.hasSuffix(".tsv")
    let decoder = JSONDecoder()
    try data.withUnsafeBytes { raw in
        let bytes = raw.bindMemory(to: UInt8.self)
        var start = 0
        var lineNumber = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            defer { start = index + 1 }
            lineNumber += 1
            guard index > start else { continue }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<index])
            let entity: Entity
            if tsv {
                guard let parsed = parseTSVEntity(line) else { fail("\(path):\(lineNumber): not an entity line") }
                entity = parsed
            } else {
                guard let parsed = try? decoder.decode(Entity.self, from: Data(line)) else {
                    fail("\(path):\(lineNumber): not an entity object")
                }
                entity = parsed
            }
            try body(entity)
        }
    }
}

private func parseTSVEntity(_ line: UnsafeBufferPointer<UInt8>) -> Entity? {
    let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map {
        String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self)
    }
    guard fields.count >= 4, let type = EntityType(rawValue: fields[1]) else { return nil }
    var names: [Name] = []
    for field in fields.dropFirst(4) {
        let parts = field.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        guard parts.count == 4, let status = NameStatus(rawValue: String(parts[2])),
              let kind = NameKind(rawValue: String(parts[3])) else { return nil }
        names.append(Name(text: String(parts[0]), lang: String(parts[1]), status: status, kind: kind))
    }
    return Entity(id: fields[0], type: type, nameOrder: NameOrder(rawValue: fields[2]),
                  familyName: fields[3].isEmpty ? nil : fields[3], names: names)
}

/// `nomen-bench annotate-document CACHE ARTICLE ROUNDS OUTPUT`: what
/// `POST /v1/annotate` does for one article (`AnnotateJob.annotate(document:)`
/// with JSON output, the language detected), ROUNDS times in one process, so
/// that the per-request cost can be profiled or counted by cachegrind without
/// a server and a load generator around it. Writes the last output to OUTPUT
/// (it must equal `nomen annotate ARTICLE`'s) and prints the CPU time of one.
func annotateDocumentBenchmark(cache: String, article: String, rounds: Int, output: String) throws {
    let matcher = try MatcherCache.load(from: URL(fileURLWithPath: cache))
    guard let data = FileManager.default.contents(atPath: article) else { fail("cannot read \(article)") }
    let bytes = [UInt8](data)
    let job = AnnotateJob(matcher: matcher, options: AnnotateOptions())
    let name = InputFiles.displayName(article)
    var result = job.annotate(document: bytes, name: name, format: .text)   // warms the annotator pool
    let cpu0 = cpuTime()
    for _ in 0..<max(1, rounds) { result = job.annotate(document: bytes, name: name, format: .text) }
    let cpu = cpuTime() - cpu0
    guard !result.failed else { fail("\(article): \(result.diagnostics.map(\.description).joined(separator: "; "))") }
    _ = FileManager.default.createFile(atPath: output, contents: Data(result.output))
    print(String(format: "nomen annotate-document: %d bytes, %d rounds, %.1f µs of CPU each (%.1f MB/s)",
                 bytes.count, rounds, cpu / Double(max(1, rounds)) * 1e6, Double(bytes.count * max(1, rounds)) / cpu / 1e6))
}
