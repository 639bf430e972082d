import Dispatch
import Foundation
import NomenMatching
import NomenNormalization

/// Annotates many inputs: reads each, masks markup, runs an `Annotator`,
/// renders. Inputs are annotated in parallel (one `Annotator`, so one
/// `FastFolder`, per worker) and written in the order given. Text files over
/// `streamThreshold` are read and written a chunk at a time.
struct AnnotateJob {
    enum Output: Equatable { case json, jsonl, inline, html, rewrite }

    let matcher: Matcher
    let output: Output
    let language: DocumentLanguage?
    let inputFormat: Nomen.Annotate.InputFormat
    let field: String?
    let replaceInvalid: Bool
    let jobs: Int
    var streamThreshold = 64 << 20

    struct Result {
        var stdout: [UInt8] = []
        var messages: [String] = []
        var failed = false
    }

    /// Annotators handed to workers: one per worker at a time.
    final class Pool: @unchecked Sendable {
        private var free: [Annotator] = []
        private let lock = NSLock()
        let matcher: Matcher
        init(matcher: Matcher) { self.matcher = matcher }

        func with<T>(_ body: (Annotator) -> T) throws -> T {
            lock.lock()
            let annotator = free.popLast()
            lock.unlock()
            let chosen = try annotator ?? Annotator(matcher: matcher)
            defer { lock.lock(); free.append(chosen); lock.unlock() }
            return body(chosen)
        }
    }

    /// Annotates every input; returns how many failed.
    func run(_ inputs: [String]) throws -> Int {
        let pool = Pool(matcher: matcher)
        let multiple = inputs.count > 1
        let showProgress = multiple && isatty(2) != 0
        var failures = 0
        var done = 0, bytesDone = 0
        if output == .json && multiple { Console.write("[\n") }
        var firstJSON = true
        let batchSize = max(1, jobs * 8)
        var start = 0
        while start < inputs.count {
            let batch = Array(inputs[start..<min(inputs.count, start + batchSize)])
            start += batch.count
            var results = [Result](repeating: Result(), count: batch.count)
            let streamed = batch.map { kind(of: $0) == .text && AnnotateInputs.fileSize($0) > streamThreshold && output != .html }
            let box = ResultsBox(results)
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                guard !streamed[index] else { return }
                let result = (try? pool.with { process(batch[index], annotator: $0) })
                    ?? Result(messages: ["nomen: error: cannot start the annotator"], failed: true)
                box.set(index, result)
            }
            results = box.results
            for index in batch.indices {
                var result = results[index]
                if streamed[index] {
                    result = (try? pool.with { stream(batch[index], annotator: $0, header: multiple) })
                        ?? Result(messages: ["nomen: error: cannot start the annotator"], failed: true)
                }
                for message in result.messages { FileHandle.standardError.write(Data((message + "\n").utf8)) }
                if result.failed { failures += 1 }
                if !result.stdout.isEmpty {
                    if output == .json && multiple {
                        if !firstJSON { Console.write(",\n") }
                        firstJSON = false
                    }
                    FileHandle.standardOutput.write(Data(result.stdout))
                }
                done += 1
                bytesDone += AnnotateInputs.fileSize(batch[index])
            }
            if showProgress {
                FileHandle.standardError.write(Data(String(
                    format: "\rnomen: annotated %d/%d files, %.1f MB", done, inputs.count, Double(bytesDone) / 1e6).utf8))
            }
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if output == .json && multiple { Console.write("\n]\n") }
        return failures
    }

    final class ResultsBox: @unchecked Sendable {
        var results: [Result]
        let lock = NSLock()
        init(_ results: [Result]) { self.results = results }
        func set(_ index: Int, _ result: Result) { lock.lock(); results[index] = result; lock.unlock() }
    }

    func kind(of path: String) -> Nomen.Annotate.InputFormat {
        if inputFormat != .auto { return inputFormat }
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm", "xhtml": return .html
        case "md", "markdown": return .markdown
        case "jsonl", "ndjson": return field == nil ? .text : .jsonl
        default: return .text
        }
    }

    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// Reads, checks and decodes one input; nil with messages when it is skipped or fails.
    func read(_ path: String, into result: inout Result) -> [UInt8]? {
        let name = Self.displayName(path)
        var bytes: [UInt8]
        do { bytes = try AnnotateInputs.readAll(path) } catch {
            result.messages.append("nomen: error: \(error)")
            result.failed = true
            return nil
        }
        if AnnotateInputs.looksBinary(bytes) {
            result.messages.append("nomen: note: \(name): binary file skipped")
            return nil
        }
        if replaceInvalid {
            let (text, firstInvalid) = TextDecoding.replacingUTF8(bytes)
            if let firstInvalid {
                result.messages.append("nomen: warning: \(name): invalid UTF-8 from byte \(firstInvalid) replaced with U+FFFD")
                bytes = Array(text.utf8)
            }
        }
        return bytes
    }

    func invalid(_ name: String, _ error: AnnotationError, line: Int? = nil) -> String {
        let place = line.map { "\(name):\($0)" } ?? name
        if case .invalidUTF8 = error {
            return "nomen: error: \(place): \(error) (use --replace-invalid to read it with U+FFFD)"
        }
        return "nomen: error: \(place): \(error)"
    }

    func process(_ path: String, annotator: Annotator) -> Result {
        var result = Result()
        let name = Self.displayName(path)
        guard let bytes = read(path, into: &result) else { return result }
        let kind = kind(of: path)
        if kind == .jsonl { return processJSONL(bytes, name: name, annotator: annotator, result: result) }
        var masked = bytes
        if kind == .html { MarkupMask.html(&masked) }
        if kind == .markdown { MarkupMask.markdown(&masked) }
        var document: AnnotatedDocument
        do {
            document = try masked.withUnsafeBufferPointer { buffer throws(AnnotationError) in
                try annotator.annotate(utf8: buffer, language: language)
            }
        } catch {
            result.messages.append(invalid(name, error))
            result.failed = true
            return result
        }
        if kind == .html || kind == .markdown { document.restoreSurfaces(from: bytes) }
        result.stdout = render(bytes, document: document, name: name)
        return result
    }

    func render(_ bytes: [UInt8], document: AnnotatedDocument, name: String, line: Int? = nil) -> [UInt8] {
        switch output {
        case .json:
            return Array((AnnotationRendering.json(path: name, document: document, pretty: true)).utf8) + [0x0A]
        case .jsonl:
            let extra = line.map { [("line", $0)] } ?? []
            return Array(AnnotationRendering.json(path: name, extra: extra, document: document, pretty: false).utf8) + [0x0A]
        case .inline:
            return header(name) + AnnotationRendering.inline(bytes, mentions: document.mentions)
        case .rewrite:
            return header(name) + AnnotationRendering.rewrite(bytes, mentions: document.mentions)
        case .html:
            return Array(AnnotationRendering.html(bytes, mentions: document.mentions, title: name).utf8)
        }
    }

    var headers = false
    func header(_ name: String) -> [UInt8] { headers ? Array("==> \(name) <==\n".utf8) : [] }

    /// JSONL: each line an object whose `field` is annotated. json/jsonl
    /// output gives one document per line (with its line number); inline and
    /// rewrite give the line's object with the field rewritten.
    func processJSONL(_ bytes: [UInt8], name: String, annotator: Annotator, result: Result) -> Result {
        var result = result
        guard let field else { return result }
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) else { continue }
            guard var object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                result.messages.append("nomen: error: \(name):\(lineNumber): not a JSON object")
                result.failed = true
                continue
            }
            guard let text = object[field] as? String else {
                result.messages.append("nomen: error: \(name):\(lineNumber): no string field \"\(field)\"")
                result.failed = true
                continue
            }
            let document: AnnotatedDocument
            do { document = try annotator.annotate(text, language: language) } catch {
                result.messages.append(invalid(name, error, line: lineNumber))
                result.failed = true
                continue
            }
            switch output {
            case .json, .jsonl, .html:
                result.stdout += Array(AnnotationRendering.json(
                    path: name, extra: [("line", lineNumber)], document: document, pretty: false).utf8) + [0x0A]
            case .inline, .rewrite:
                let source = Array(text.utf8)
                let rendered = output == .inline
                    ? AnnotationRendering.inline(source, mentions: document.mentions)
                    : AnnotationRendering.rewrite(source, mentions: document.mentions)
                object[field] = String(decoding: rendered, as: UTF8.self)
                if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                    result.stdout += Array(data) + [0x0A]
                }
            }
        }
        return result
    }

    /// A large text file, a chunk at a time: inline and rewrite output is
    /// written as it goes; json keeps only the mentions.
    func stream(_ path: String, annotator: Annotator, header: Bool) -> Result {
        var result = Result()
        let name = Self.displayName(path)
        var reader: AnnotateInputs.ChunkReader
        do { reader = try AnnotateInputs.ChunkReader(path: path) } catch {
            result.messages.append("nomen: error: \(error)")
            result.failed = true
            return result
        }
        var context: DocumentContext? = nil
        var mentions: [Mention] = []
        var first = true
        do {
            while var chunk = try reader.next() {
                if first && AnnotateInputs.looksBinary(chunk) {
                    result.messages.append("nomen: note: \(name): binary file skipped")
                    return result
                }
                if replaceInvalid {
                    let (text, firstInvalid) = TextDecoding.replacingUTF8(chunk)
                    if firstInvalid != nil {
                        result.messages.append("nomen: warning: \(name): invalid UTF-8 replaced with U+FFFD")
                        chunk = Array(text.utf8)
                    }
                }
                if context == nil {
                    context = DocumentContext(language: language ?? chunk.withUnsafeBufferPointer { LanguageDetector.detect(utf8: $0) })
                }
                let offset = context!.utf8Offset
                let found = try chunk.withUnsafeBufferPointer { buffer throws(AnnotationError) in
                    try annotator.annotate(chunk: buffer, context: &context!)
                }
                switch output {
                case .inline, .rewrite:
                    if first && header && headers { FileHandle.standardOutput.write(Data(self.header(name))) }
                    let local = found.map { m -> Mention in
                        var m = m
                        m.startUTF8 -= offset
                        m.endUTF8 -= offset
                        return m
                    }
                    let rendered = output == .inline
                        ? AnnotationRendering.inline(chunk, mentions: local) : AnnotationRendering.rewrite(chunk, mentions: local)
                    FileHandle.standardOutput.write(Data(rendered))
                default:
                    mentions += found
                }
                first = false
            }
        } catch let error as AnnotationError {
            result.messages.append(invalid(name, error))
            result.failed = true
            return result
        } catch {
            result.messages.append("nomen: error: \(name): \(error)")
            result.failed = true
            return result
        }
        if output == .json || output == .jsonl {
            let document = AnnotatedDocument(language: context?.language ?? language ?? .en, mentions: mentions)
            result.stdout = render([], document: document, name: name)
        }
        return result
    }
}
