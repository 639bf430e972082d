import Foundation
@_spi(Performance) import NomenMatching
import NomenModel
@_spi(Performance) import NomenNormalization

/// One entity mention, kept for the `inconsistent-name` rule across files.
public struct MentionForm: Sendable {
    public let path: String
    public let entity: String
    public let form: String
    /// The form's caseless key with tone marks in one convention: forms equal
    /// by it are the same spelling.
    let key: String
    let isHan: Bool
    let preferredKey: String?
    let preferred: String?
    let range: Range<Int>
    let severity: Severity
    let source: SourceText
}

/// The findings of one file, and what the cross-file rule needs.
public struct CheckedDocument: Sendable {
    public let path: String
    public var findings: [Finding]
    public let mentionForms: [MentionForm]

    /// A file whose bytes are not UTF-8 but read as a legacy Vietnamese
    /// encoding: one `encoding` finding, at the start of the file.
    public static func notUTF8(path: String, detection: LegacyDetection) -> CheckedDocument {
        let finding = Finding(
            path: path, line: 1, column: 1, endLine: 1, endColumn: 1, rule: .encoding,
            severity: CheckRule.encoding.defaultSeverity,
            message: "the file is not UTF-8; it looks like \(detection.encoding.displayName): \(detection.evidence)",
            text: "", suggestion: "nomen normalize --decode \(detection.encoding.rawValue) \(path)",
            entity: nil, fix: nil, utf8Range: 0..<0)
        return CheckedDocument(path: path, findings: [finding], mentionForms: [])
    }

    /// A file that is not UTF-8 and reads as no legacy encoding either: one
    /// `encoding` finding at error severity, at the first ill-formed byte
    /// (its line, and its column counted in the well-formed scalars before it).
    public static func invalidUTF8(path: String, bytes: [UInt8], byteOffset: Int) -> CheckedDocument {
        let offset = min(byteOffset, bytes.count)
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let column = 1 + bytes[lineStart..<offset].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        let finding = Finding(
            path: path, line: line, column: column, endLine: line, endColumn: column + 1, rule: .encoding,
            severity: .error,
            message: "invalid UTF-8 at byte \(byteOffset); the file was not checked (--replace-invalid reads it with U+FFFD)",
            text: "", suggestion: nil, entity: nil, fix: nil, utf8Range: offset..<offset)
        return CheckedDocument(path: path, findings: [finding], mentionForms: [])
    }
}

/// Runs the rules of `nomen check` on documents. Holds an `Annotator` (and so
/// a `FastFolder`): make one per thread.
public final class Checker {
    private let matcher: Matcher
    private let annotator: Annotator
    private let entities: [String: Entity]
    private let nearMisses: NearMissIndex
    /// Entities with their names' keys, made when first mentioned.
    private var records: [String: RuleRun.EntityRecord] = [:]
    /// Kept from one document to the next (see `RuleMemos`).
    private var memos = RuleMemos()
    /// How many distinct spellings a document needs before the name rules
    /// judge them on two threads (tests lower and raise it).
    var concurrentJudgeMinimum = 256
    /// How many mention forms a document needs before `inconsistent-name`
    /// runs beside the rules after it.
    static let concurrentFormsMinimum = 4096

    public init(matcher: Matcher, entities: [Entity]) throws {
        self.matcher = matcher
        annotator = try Annotator(matcher: matcher)
        var byID: [String: Entity] = [:]
        for entity in entities { byID[entity.id] = entity }
        self.entities = byID
        nearMisses = try NearMissIndex(entities: entities)
    }

    private init(sharingWith other: Checker) throws {
        matcher = other.matcher
        annotator = try Annotator(matcher: other.matcher)
        entities = other.entities
        nearMisses = try other.nearMisses.sibling()
        records = other.records
        concurrentJudgeMinimum = other.concurrentJudgeMinimum
    }

    /// A checker for another thread, sharing this one's glossary, matcher
    /// and near-miss index (built once: at 100,000 entities the index takes
    /// a while) but with an annotator, a folder and memos of its own.
    public func sibling() throws -> Checker {
        try Checker(sharingWith: self)
    }

    /// Checks one document. `language` overrides the per-paragraph detection.
    ///
    /// The annotator and the near-miss windows run beside the other rules
    /// that do not need mentions (encoding, NFC, confusables, tone
    /// classification) as `ConcurrentAnnotation` says; the rules on
    /// mentions run once all are done.
    /// Markup is masked as `format` says (code in Markdown, tags in HTML);
    /// offsets still refer to the file as written. JSON Lines is read as text.
    public func check(_ source: SourceText, format: InputFormat, configuration: CheckConfiguration,
                      language: DocumentLanguage? = nil) throws -> CheckedDocument {
        var masked = source.bytes
        format.mask(&masked)
        let annotation = ConcurrentAnnotation(annotator: annotator, nearMisses: nearMisses, text: masked, language: language)
        // Whatever happens here, the annotator is idle again before this returns.
        defer { annotation.wait() }
        // Without markup the masked text is the source's own.
        let maskedText = format.hasMarkup ? String(decoding: masked, as: UTF8.self) : source.text
        let paragraphs = Paragraphs(utf8: masked, override: language)
        var run = RuleRun(source: source, maskedText: maskedText, masked: masked, maskedIsSource: !format.hasMarkup,
                          paragraphs: paragraphs, configuration: configuration, memos: takeMemos(for: configuration))

        guard run.checkEncoding() else {
            self.memos = run.memos
            return CheckedDocument(path: source.path, findings: run.finish(), mentionForms: [])
        }
        run.checkNFC()
        try run.checkConfusables()
        run.classifyTonePlacements()
        var document = try annotation.result()
        let nearMissCandidates = try annotation.nearMissCandidates()
        if format.hasMarkup { Self.widenOverReferences(&document, masked: masked) }
        let mentions = document.mentions.filter { $0.entity != nil && !$0.isShort }
        var forms: [MentionForm] = []
        var requests: [RuleRun.NameRequest] = []
        requests.reserveCapacity(mentions.count)
        for mention in mentions {
            guard let id = mention.entity, let record = try record(of: id) else { continue }
            requests.append(run.nameRequest(mention, record: record))
        }
        try run.judgeConcurrently(requests, minimum: concurrentJudgeMinimum)
        for request in requests {
            if let form = try run.checkMention(request) { forms.append(form) }
        }
        // inconsistent-name needs only the forms: on a long text it is worked
        // out on another thread while the rules that read the claims run.
        let inconsistent = forms.count >= Self.concurrentFormsMinimum
            ? BackgroundWork { [forms] in Self.inconsistentForms(forms, acrossFiles: false) } : nil
        for mention in document.mentions where mention.isShort {
            guard let id = mention.entity, let entity = entities[id] else { continue }
            try run.checkShortMention(mention, entity: entity)
        }
        try run.checkNearMisses(nearMissCandidates, mentions: document.mentions, entities: entities)
        run.checkTonePlacement()
        run.findings += inconsistent?.result() ?? Self.inconsistentForms(forms, acrossFiles: false)
        self.memos = run.memos
        return CheckedDocument(path: source.path, findings: run.finish(), mentionForms: forms)
    }

    /// In masked markup, a mention ending on a decoded character reference
    /// covers the whole reference (so a fix replaces all of it), and its
    /// surface is the text as read, without the padding (`MarkupMask`).
    static func widenOverReferences(_ document: inout AnnotatedDocument, masked: [UInt8]) {
        for index in document.mentions.indices where document.mentions[index].endUTF8 <= masked.count {
            let end = MarkupMask.endOfPadding(masked, from: document.mentions[index].endUTF8)
            document.mentions[index].endUTF8 = end
            document.mentions[index].text = MarkupMask.visibleText(masked, document.mentions[index].startUTF8..<end)
        }
    }

    /// `inconsistent-name` over the mentions of several files at once.
    public static func inconsistentAcrossFiles(_ documents: [CheckedDocument]) -> [Finding] {
        inconsistentForms(documents.flatMap(\.mentionForms), acrossFiles: true)
    }

    /// The memos, moved out for a run (which hands them back): had this
    /// checker or a local kept a reference, the run's first insertion into
    /// each table would copy all of it.
    private func takeMemos(for configuration: CheckConfiguration) -> RuleMemos {
        var memos = RuleMemos()
        swap(&memos, &self.memos)
        memos.prepare(for: configuration)
        return memos
    }

    private func record(of id: String) throws -> RuleRun.EntityRecord? {
        if let known = records[id] { return known }
        guard let entity = entities[id] else { return nil }
        let record = try RuleRun.EntityRecord(entity)
        records[id] = record
        return record
    }

    /// One entity written in several spellings: each mention not in the
    /// chosen spelling (the preferred name when it is used, else the most
    /// frequent form) is a finding listing every form with its count.
    static func inconsistentForms(_ forms: [MentionForm], acrossFiles: Bool) -> [Finding] {
        struct Group: Hashable {
            let entity: String
            let isHan: Bool
        }
        // Spellings are compared by their keys' bytes (`WordKey`): the keys are
        // normalized already, and hashing a `String` would normalize again.
        // Forms are grouped by index: a `MentionForm` copied retains a dozen
        // strings and arrays, and a long text has hundreds of thousands.
        var groups: [Group: [Int]] = [:]
        var order: [Group] = []
        for index in forms.indices {
            let group = Group(entity: forms[index].entity, isHan: forms[index].isHan)
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(index)
        }
        var findings: [Finding] = []
        for group in order {
            let members = groups[group]!
            var counts: [WordKey: Int] = [:]
            var firstSpelling: [WordKey: String] = [:]
            var keysInOrder: [WordKey] = []
            let memberKeys = members.map { WordKey(forms[$0].key) }
            for (member, key) in zip(members, memberKeys) {
                if counts[key] == nil { keysInOrder.append(key); firstSpelling[key] = forms[member].form }
                counts[key, default: 0] += 1
            }
            guard keysInOrder.count > 1 else { continue }
            let chosenKey: WordKey
            if let preferredKey = forms[members[0]].preferredKey.map(WordKey.init), counts[preferredKey] != nil {
                chosenKey = preferredKey
            } else {
                chosenKey = keysInOrder.max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && keysInOrder.firstIndex(of: $0)! > keysInOrder.firstIndex(of: $1)!) }!
            }
            let chosen = firstSpelling[chosenKey]!
            let listing = keysInOrder.map { "\(firstSpelling[$0]!) (\(counts[$0]!))" }.joined(separator: ", ")
            let scope = acrossFiles ? "in these files" : "in this document"
            // One message for the group, shared by its findings.
            let message = "\(chosen) is written in \(keysInOrder.count) forms \(scope): \(listing)"
            for (member, key) in zip(members, memberKeys) where key != chosenKey {
                findings.append(forms[member].source.finding(
                    rule: .inconsistentName, severity: forms[member].severity, range: forms[member].range,
                    message: message, suggestion: chosen, entity: forms[member].entity))
            }
        }
        return findings
    }
}

/// Annotates a document, then finds its near-miss windows in the
/// annotator's fold, on a thread of its own; a text under `threadBytes` on
/// the caller's thread at once, and the windows of a text of
/// `separateNearMissBytes` or more on a second thread, with a fold of their
/// own. The annotator and the index (which are not thread-safe) are used by
/// those threads alone until `wait` returns; the results are written before
/// the semaphore is signalled and read after.
private final class ConcurrentAnnotation: @unchecked Sendable {
    private let annotator: Annotator
    private let nearMisses: NearMissIndex
    private let text: [UInt8]
    private let language: DocumentLanguage?
    private var outcome: Result<AnnotatedDocument, AnnotationError>?
    private var candidates: Result<[NearMissIndex.Candidate], FoldError>?
    private let finished = DispatchSemaphore(value: 0)
    private var threads = 1
    private var joined = false

    /// Texts shorter than this are annotated on the caller's thread, before
    /// the rules: starting a thread costs more than the overlap saves.
    static let threadBytes = 32 << 10

    /// Texts from this size on get a third thread for the near-miss
    /// windows: the annotator's thread then ends about when the rules'
    /// does. A short text is not worth starting another thread for.
    static let separateNearMissBytes = 1 << 20

    init(annotator: Annotator, nearMisses: NearMissIndex, text: [UInt8], language: DocumentLanguage?) {
        self.annotator = annotator
        self.nearMisses = nearMisses
        self.text = text
        self.language = language
        if text.count < Self.threadBytes {
            // Not worth a thread (a folder of articles is checked a file per core).
            threads = 0
            annotate()
            findNearMissesInAnnotatorsFold()
            return
        }
        let separate = text.count >= Self.separateNearMissBytes
        threads = separate ? 2 : 1
        let annotation = Thread { [self] in
            annotate()
            if !separate { findNearMissesInAnnotatorsFold() }
            finished.signal()
        }
        annotation.start()
        if separate {
            let nearMiss = Thread { [self] in
                findNearMisses()
                finished.signal()
            }
            nearMiss.start()
        }
    }

    private func annotate() {
        outcome = text.withUnsafeBufferPointer { buffer in
            Result { () throws(AnnotationError) in try annotator.annotate(utf8: buffer, language: language) }
        }
    }

    private func findNearMisses() {
        candidates = Result { () throws(FoldError) in try self.nearMisses.candidates(in: self.text) }
    }

    /// After the annotator, on its thread: the windows read the fold it made.
    private func findNearMissesInAnnotatorsFold() {
        guard case .success = outcome else { return findNearMisses() }
        candidates = Result { () throws(FoldError) in
            try annotator.withLastFold { folded, sourceOffsets in
                nearMisses.candidates(in: text, folded: folded, sourceOffsets: sourceOffsets)
            }
        }
    }

    /// Waits for the threads (once; later calls return at once).
    func wait() {
        guard !joined else { return }
        for _ in 0..<threads { finished.wait() }
        joined = true
    }

    func result() throws(AnnotationError) -> AnnotatedDocument {
        wait()
        return try outcome!.get()
    }

    func nearMissCandidates() throws(FoldError) -> [NearMissIndex.Candidate] {
        wait()
        return try candidates!.get()
    }
}

/// A value worked out on a thread of its own; `result` waits for it.
private final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let finished = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            value = work()
            finished.signal()
        }
        thread.start()
    }

    /// Waits for the value (call once).
    func result() -> Value {
        finished.wait()
        return value!
    }
}

/// The paragraphs of a text and their languages. A paragraph ends at a
/// blank line, and a long line (80 bytes or more) is a paragraph of its own:
/// plain text often puts each paragraph on one line, while hard-wrapped
/// text has short lines that belong together.
struct Paragraphs {
    private var starts: [Int] = []
    private var languages: [DocumentLanguage] = []

    init(utf8 bytes: [UInt8], override: DocumentLanguage?) {
        var blockStart = 0, lineStart = 0
        func close(_ end: Int) {
            guard end > blockStart else { return }
            starts.append(blockStart)
            if let override {
                languages.append(override)
            } else {
                // The first 400 bytes (some 60 words) tell the language of a
                // paragraph well enough, and keep detection cheap on long texts.
                var sampleEnd = min(end, blockStart + 400)
                while sampleEnd < end && bytes[sampleEnd] & 0xC0 == 0x80 { sampleEnd += 1 }
                languages.append(bytes[blockStart..<sampleEnd].withUnsafeBufferPointer { sample in
                    Self.evidentLanguage(sample) ?? LanguageDetector.detect(utf8: sample)
                })
            }
        }
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
            let lineLength = index - lineStart
            let isBlank = bytes[lineStart..<index].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if isBlank {
                close(lineStart)
                blockStart = index + 1
            } else if lineLength >= 80 {
                close(lineStart)
                blockStart = lineStart
                close(index)
                blockStart = index + 1
            }
            lineStart = index + 1
        }
        close(bytes.count)
        if starts.isEmpty {
            starts = [0]
            languages = [override ?? .en]
        }
    }

    /// The language when the letters alone settle it: mostly Han is
    /// Chinese; Vietnamese letters (ă â đ ê ô ơ ư, tone-marked vowels of
    /// U+1EA0–U+1EF9) on at least a tenth of the letters is Vietnamese. Text
    /// in plain ASCII letters needs `LanguageDetector`'s word lists.
    static func evidentLanguage(_ sample: UnsafeBufferPointer<UInt8>) -> DocumentLanguage? {
        var han = 0, latin = 0, vietnamese = 0
        var index = 0
        while index < sample.count {
            let lead = sample[index]
            if lead < 0x80 {
                if (lead | 0x20) >= 0x61 && (lead | 0x20) <= 0x7A { latin += 1 }
                index += 1
                continue
            }
            let (value, width) = UTF8Scalar.decode(sample, at: index)
            index += width
            switch value {
            case 0x102, 0x103, 0xC2, 0xE2, 0x110, 0x111, 0xCA, 0xEA, 0xD4, 0xF4, 0x1A0, 0x1A1, 0x1AF, 0x1B0,
                 0x1EA0...0x1EF9:
                latin += 1
                vietnamese += 1
            case 0xC0...0x24F: latin += 1
            case 0x3400...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: han += 1
            default: break
            }
        }
        if han > latin { return .zh }
        if latin > 0 && vietnamese * 10 >= latin { return .vi }
        return nil
    }

    func language(at utf8Offset: Int) -> DocumentLanguage {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= utf8Offset { low = middle } else { high = middle - 1 }
        }
        return languages[low]
    }
}
