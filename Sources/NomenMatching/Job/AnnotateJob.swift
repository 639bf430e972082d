import Dispatch
import Foundation
import NomenNormalization

/// What an annotate job writes for each input.
public enum AnnotationOutput: String, Sendable {
    /// One pretty-printed JSON document per input (several inputs: a JSON array).
    case json
    /// One JSON object per line: per input, or per line of a JSON Lines input.
    case jsonl
    /// The text with each mention marked inline.
    case inline
    /// One HTML page with the mentions highlighted (one input).
    case html
    /// The text with each mention replaced by its canonical name.
    case rewrite
}

/// Where an annotate job's output goes. Called on the thread that runs the
/// job, in input order.
public protocol AnnotationSink: AnyObject {
    func write(_ bytes: [UInt8])
    /// A piece of a large output, lent for the call (by default copied to `write(_:)`).
    func write(_ buffer: UnsafeBufferPointer<UInt8>)
    func report(_ diagnostic: Diagnostic)
    /// Every few inputs: how many are done, and their bytes.
    func progress(done: Int, of total: Int, bytes: Int)
}

extension AnnotationSink {
    public func write(_ buffer: UnsafeBufferPointer<UInt8>) { write(Array(buffer)) }
    public func progress(done: Int, of total: Int, bytes: Int) {}
}

/// The settings of an annotate job.
public struct AnnotateOptions: Sendable {
    public var output: AnnotationOutput = .json
    /// The target language of canonical names; nil: detected per document.
    public var language: DocumentLanguage? = nil
    /// How to read every input; nil: by each path's extension (`InputFormat.detect`).
    public var inputFormat: InputFormat? = nil
    /// The string field to annotate in each object of a JSON Lines input;
    /// nil: `text` (`defaultField`).
    public var field: String? = nil
    /// A field of each JSON Lines object copied into its output (an article's
    /// id), under its own name after `line`; null when a line lacks it.
    public var idField: String? = nil

    /// The field JSON Lines inputs are annotated on when none is named.
    public static let defaultField = "text"
    /// Read invalid UTF-8 with U+FFFD (and a warning) instead of failing.
    public var replaceInvalid = false
    /// At most this many inputs are annotated at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Write "==> NAME <==" before each input's inline or rewritten text.
    public var headers = false
    /// Text inputs larger than this are read and annotated a chunk at a time
    /// (not for HTML output, which needs the whole text).
    public var streamThreshold = 64 << 20
    /// The chunk size of those reads (`ChunkReader`).
    public var chunkSize = ChunkReader.defaultChunkSize
    /// The longest line those reads take; a longer one fails the input.
    public var maximumLineLength = InputFiles.maximumPieceSize

    public init() {}
}

/// Annotates many inputs: reads each, masks markup, runs an `Annotator`,
/// renders, and hands the output to a sink in the order given. Inputs are
/// annotated `options.jobs` at a time, one `Annotator` (so one `FastFolder`)
/// per worker. The same code serves the CLI (files) and a server (texts in
/// memory, `annotate(document:name:format:)`).
public final class AnnotateJob: @unchecked Sendable {
    public let matcher: Matcher
    public let options: AnnotateOptions
    private let pool: AnnotatorPool
    /// The most inputs that were being annotated at once (`--jobs` must bound it; tests read it).
    private(set) var peakConcurrency = 0
    private var active = 0
    private let activeLock = NSLock()
    /// Called as each input starts on a worker (tests slow the inputs so that workers overlap).
    var inputStarted: (@Sendable (String) -> Void)? = nil

    public init(matcher: Matcher, options: AnnotateOptions) {
        self.matcher = matcher
        self.options = options
        pool = AnnotatorPool(matcher: matcher)
    }

    /// What annotating one input gave.
    public struct Result: Sendable {
        public var output: [UInt8] = []
        public var diagnostics: [Diagnostic] = []
        /// Whether an error kept (some of) the input from being annotated.
        public var failed = false
        /// A text file too large to read whole, left for `run` to stream in its turn.
        var streamsLater = false
        /// The input's size in bytes (0 for standard input), for the progress line.
        var inputBytes = 0
        /// A document with many mentions whose JSON `run` writes to the sink a
        /// piece at a time, in place of `output`.
        var unrenderedJSON: (name: String, document: AnnotatedDocument)? = nil

        mutating func add(_ diagnostic: Diagnostic) {
            diagnostics.append(diagnostic)
            if diagnostic.severity == .error { failed = true }
        }
    }

    /// Annotates every input (`InputFiles.expand`'s paths; "-" for standard
    /// input); returns how many failed. The inputs are shared out to
    /// `options.jobs` workers, this thread one of them, started once; this
    /// thread hands each result to the sink in input order as soon as it and
    /// those before it are done (a folder of 50,000 articles had started two
    /// threads for every sixteen).
    public func run(_ inputs: [String], sink: AnnotationSink) -> Int {
        let multiple = inputs.count > 1
        let jsonArray = options.output == .json && multiple
        var failures = 0, bytesDone = 0
        if jsonArray { sink.write(Array("[\n".utf8)) }
        var firstJSON = true
        let jobs = max(1, min(options.jobs, inputs.count))
        // Results waiting for the ones before them: at most `jobs × 8` inputs ahead.
        OrderedWork<Result>.run(count: inputs.count, workers: jobs, window: jobs * 8,
                                work: { [self] index, _ in processCounted(inputs[index]) }) { index, taken in
            var result = taken
            if result.streamsLater {
                let size = result.inputBytes
                result = stream(inputs[index], sink: sink, header: multiple)
                result.inputBytes = size
            }
            for diagnostic in result.diagnostics { sink.report(diagnostic) }
            if result.failed { failures += 1 }
            if !result.output.isEmpty || result.unrenderedJSON != nil {
                if jsonArray {
                    if !firstJSON { sink.write(Array(",\n".utf8)) }
                    firstJSON = false
                }
                if let (name, document) = result.unrenderedJSON {
                    AnnotationRendering.writeJSON(path: name, document: document, pretty: options.output == .json,
                                                  lineFeed: true) { sink.write($0) }
                } else {
                    sink.write(result.output)
                }
            }
            bytesDone += result.inputBytes
            // The progress line as often as it was shown a batch at a time.
            if multiple && ((index + 1) % (jobs * 8) == 0 || index + 1 == inputs.count) {
                sink.progress(done: index + 1, of: inputs.count, bytes: bytesDone)
            }
            return true
        }
        if jsonArray { sink.write(Array("\n]\n".utf8)) }
        return failures
    }

    /// `process`, counting how many inputs are being annotated at once.
    private func processCounted(_ path: String) -> Result {
        activeLock.lock()
        active += 1
        peakConcurrency = max(peakConcurrency, active)
        activeLock.unlock()
        defer { activeLock.lock(); active -= 1; activeLock.unlock() }
        inputStarted?(path)
        return process(path)
    }

    /// How `path` is read: the format given, else by extension (a `.jsonl`
    /// file is JSON Lines, annotated on `options.field`, else `text`).
    func format(of path: String) -> InputFormat {
        options.inputFormat ?? InputFormat.detect(path: path)
    }

    /// Reads and annotates one input; one over `options.streamThreshold`
    /// that can be read a chunk at a time is left for `run` to stream.
    func process(_ path: String) -> Result {
        let name = InputFiles.displayName(path)
        var result = Result()
        let format = format(of: path)
        let streamable = format == .text && options.output != .html
        let read: InputFiles.Read
        do { read = try InputFiles.read(path, unlessLargerThan: streamable ? options.streamThreshold : nil) } catch {
            result.add(Diagnostic(path: name, problem: .unreadable(error.reason)))
            return result
        }
        switch read {
        case .tooLarge(let size):
            result.streamsLater = true
            result.inputBytes = size
            return result
        case .bytes(let bytes):
            result = annotate(document: bytes, name: name, format: format, rendersLargeJSONLater: true)
            if path != "-" { result.inputBytes = bytes.count }
            return result
        }
    }

    /// Annotates one document held in memory, as `run` does a file: skips a
    /// binary one, reads invalid UTF-8 as `options.replaceInvalid` says,
    /// masks markup, renders `options.output`.
    public func annotate(document: [UInt8], name: String, format: InputFormat) -> Result {
        annotate(document: document, name: name, format: format, rendersLargeJSONLater: false)
    }

    /// A document with at least this many mentions is rendered as JSON by
    /// `run`, straight to the sink (about 1.4 MB of JSON Lines).
    static let mentionsRenderedLater = 4096

    /// `annotate(document:name:format:)`; with `rendersLargeJSONLater`, the
    /// JSON of a document with many mentions is left to `run` to write.
    private func annotate(document: [UInt8], name: String, format: InputFormat, rendersLargeJSONLater: Bool) -> Result {
        var result = Result()
        if InputFiles.looksBinary(document) {
            result.add(Diagnostic(path: name, problem: .binarySkipped))
            return result
        }
        var bytes = document
        if options.replaceInvalid {
            let (text, firstInvalid) = TextDecoding.replacingUTF8(bytes)
            if let firstInvalid {
                result.add(Diagnostic(path: name, problem: .invalidUTF8Replaced(byteOffset: firstInvalid)))
                bytes = Array(text.utf8)
            }
        }
        let annotator: Annotator
        do { annotator = try pool.take() } catch {
            result.add(Diagnostic(path: name, problem: .annotation(error)))
            return result
        }
        defer { pool.give(annotator) }
        if format == .jsonl {
            annotateLines(bytes, name: name, annotator: annotator, into: &result)
            return result
        }
        var masked = bytes
        format.mask(&masked)
        var document: AnnotatedDocument
        do {
            document = try masked.withUnsafeBufferPointer { buffer throws(AnnotationError) in
                try annotator.annotate(utf8: buffer, language: options.language)
            }
        } catch {
            result.add(Self.diagnostic(error, name: name))
            return result
        }
        if format.hasMarkup { document.restoreSurfaces(from: bytes, masked: masked) }
        if rendersLargeJSONLater && (options.output == .json || options.output == .jsonl)
            && document.mentions.count >= Self.mentionsRenderedLater {
            result.unrenderedJSON = (name, document)
            return result
        }
        result.output = render(bytes, document: document, name: name)
        return result
    }

    static func diagnostic(_ error: AnnotationError, name: String, line: Int? = nil) -> Diagnostic {
        if case .invalidUTF8(let offset) = error {
            return Diagnostic(path: name, line: line, problem: .invalidUTF8(byteOffset: offset))
        }
        return Diagnostic(path: name, line: line, problem: .annotation(error))
    }

    private func render(_ bytes: [UInt8], document: AnnotatedDocument, name: String) -> [UInt8] {
        switch options.output {
        case .json:
            return AnnotationRendering.jsonBytes(path: name, document: document, pretty: true, lineFeed: true)
        case .jsonl:
            return AnnotationRendering.jsonBytes(path: name, document: document, pretty: false, lineFeed: true)
        case .inline:
            return header(name) + AnnotationRendering.inline(bytes, mentions: document.mentions)
        case .rewrite:
            return header(name) + AnnotationRendering.rewrite(bytes, mentions: document.mentions)
        case .html:
            return Array(AnnotationRendering.html(bytes, mentions: document.mentions, title: name).utf8)
        }
    }

    private func header(_ name: String) -> [UInt8] { options.headers ? Array("==> \(name) <==\n".utf8) : [] }

    /// JSON Lines: each line an object whose `options.field` is annotated.
    /// json, jsonl and html output give one JSON document per line (with
    /// its line number); inline and rewrite give the line's object with the
    /// field rewritten.
    private func annotateLines(_ bytes: [UInt8], name: String, annotator: Annotator, into result: inout Result) {
        let field = options.field ?? AnnotateOptions.defaultField
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) else { continue }
            guard var object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                result.add(Diagnostic(path: name, line: lineNumber, problem: .notJSONObject))
                continue
            }
            guard let text = object[field] as? String else {
                result.add(Diagnostic(path: name, line: lineNumber, problem: .missingField(field)))
                continue
            }
            let document: AnnotatedDocument
            do { document = try annotator.annotate(text, language: options.language) } catch {
                result.add(Self.diagnostic(error, name: name, line: lineNumber))
                continue
            }
            switch options.output {
            case .json, .jsonl, .html:
                var passed: [(String, String)] = []
                if let idField = options.idField {
                    let value = object[idField].flatMap {
                        try? JSONSerialization.data(withJSONObject: $0, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes])
                    }
                    passed.append((idField, value.map { String(decoding: $0, as: UTF8.self) } ?? "null"))
                }
                result.output += AnnotationRendering.jsonBytes(
                    path: name, extra: [("line", lineNumber)], raw: passed, document: document, pretty: false) + [0x0A]
            case .inline, .rewrite:
                let source = Array(text.utf8)
                let rendered = options.output == .inline
                    ? AnnotationRendering.inline(source, mentions: document.mentions)
                    : AnnotationRendering.rewrite(source, mentions: document.mentions)
                object[field] = String(decoding: rendered, as: UTF8.self)
                if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                    result.output += Array(data) + [0x0A]
                }
            }
        }
    }

    /// A large text file, a chunk at a time: inline and rewrite output goes
    /// to the sink as it is made; json and jsonl keep only the mentions.
    /// Invalid UTF-8 is reported once, at its offset in the file.
    func stream(_ path: String, sink: AnnotationSink, header writeHeader: Bool) -> Result {
        var result = Result()
        let name = InputFiles.displayName(path)
        var reader: ChunkReader
        do { reader = try ChunkReader(path: path, chunkSize: options.chunkSize, maximumLine: options.maximumLineLength) } catch {
            result.add(Diagnostic(path: name, problem: .unreadable(error.reason)))
            return result
        }
        let annotator: Annotator
        do { annotator = try pool.take() } catch {
            result.add(Diagnostic(path: name, problem: .annotation(error)))
            return result
        }
        defer { pool.give(annotator) }
        var context: DocumentContext? = nil
        var mentions: [Mention] = []
        var first = true
        // Where the chunk starts in the file (the context counts the text annotated, which
        // replacement may lengthen).
        var fileOffset = 0
        var replacedReported = false
        do {
            while var chunk = try reader.next() {
                let chunkLength = chunk.count
                defer { fileOffset += chunkLength }
                if first && InputFiles.looksBinary(chunk) {
                    result.add(Diagnostic(path: name, problem: .binarySkipped))
                    return result
                }
                if options.replaceInvalid {
                    let (text, firstInvalid) = TextDecoding.replacingUTF8(chunk)
                    if let firstInvalid {
                        if !replacedReported {
                            result.add(Diagnostic(path: name, problem: .invalidUTF8Replaced(byteOffset: fileOffset + firstInvalid)))
                            replacedReported = true
                        }
                        chunk = Array(text.utf8)
                    }
                }
                var documentContext = context ?? DocumentContext(
                    language: options.language ?? chunk.withUnsafeBufferPointer { LanguageDetector.detect(utf8: $0) })
                let offset = documentContext.utf8Offset
                let found = try chunk.withUnsafeBufferPointer { buffer throws(AnnotationError) in
                    try annotator.annotate(chunk: buffer, context: &documentContext)
                }
                context = documentContext
                switch options.output {
                case .inline, .rewrite:
                    if first && writeHeader { sink.write(header(name)) }
                    let local = found.map { mention -> Mention in
                        var mention = mention
                        mention.startUTF8 -= offset
                        mention.endUTF8 -= offset
                        return mention
                    }
                    sink.write(options.output == .inline
                        ? AnnotationRendering.inline(chunk, mentions: local) : AnnotationRendering.rewrite(chunk, mentions: local))
                case .json, .jsonl, .html:
                    mentions += found
                }
                first = false
            }
        } catch let error as AnnotationError {
            result.add(Self.diagnostic(error, name: name))
            return result
        } catch let error as InputError {
            result.add(Diagnostic(path: name, problem: .unreadable(error.reason)))
            return result
        } catch {
            result.add(Diagnostic(path: name, problem: .unreadable("\(error)")))
            return result
        }
        if options.output == .json || options.output == .jsonl {
            let document = AnnotatedDocument(language: context?.language ?? options.language ?? .en, mentions: mentions)
            result.output = render([], document: document, name: name)
        }
        return result
    }
}

/// Annotators lent to workers, one per worker at a time, kept from one
/// batch to the next.
final class AnnotatorPool: @unchecked Sendable {
    private var free: [Annotator] = []
    private let lock = NSLock()
    let matcher: Matcher

    init(matcher: Matcher) { self.matcher = matcher }

    func take() throws(AnnotationError) -> Annotator {
        lock.lock()
        let annotator = free.popLast()
        lock.unlock()
        if let annotator { return annotator }
        return try Annotator(matcher: matcher)
    }

    func give(_ annotator: Annotator) {
        lock.lock()
        free.append(annotator)
        lock.unlock()
    }
}
