import Foundation
import NomenModel
@_spi(Performance) import NomenNormalization

/// The language a document is written in, and the language canonical names
/// are given in.
public enum DocumentLanguage: String, CaseIterable, Codable, Sendable {
    case vi, en, zh

    /// The glossary language tag of its preferred names.
    public var glossaryTag: String { self == .zh ? "zh-Hans" : rawValue }
}

/// One name found in a document.
public struct Mention: Equatable, Sendable {
    /// Unicode scalar offsets into the original text, end exclusive.
    public var start: Int
    public var end: Int
    /// UTF-8 byte offsets into the original text, end exclusive.
    public var startUTF8: Int
    public var endUTF8: Int
    /// The surface as written.
    public var text: String
    public var tier: MatchTier
    /// A family or given name alone, linked to a person named in full before.
    public var isShort: Bool
    /// What it links to, as numbers; the strings below are made when read.
    let link: MentionLink

    /// The entity's id; nil when the mention is ambiguous.
    public var entity: String? { link.entityID }
    public var type: EntityType? { link.type }
    /// The entity's preferred name in the target language.
    public var canonical: String? { link.canonical }
    /// Every candidate's id, in `String` order, when ambiguous (then `entity`
    /// is nil); else empty.
    public var candidates: [String] { link.candidateIDs }

    public static func == (a: Mention, b: Mention) -> Bool {
        a.start == b.start && a.end == b.end && a.startUTF8 == b.startUTF8 && a.endUTF8 == b.endUTF8
            && a.text == b.text && a.tier == b.tier && a.isShort == b.isShort && a.entity == b.entity
            && a.type == b.type && a.canonical == b.canonical && a.candidates == b.candidates
    }
}

/// The result of annotating one document.
public struct AnnotatedDocument: Equatable, Sendable {
    public var language: DocumentLanguage
    public var mentions: [Mention]

    public init(language: DocumentLanguage, mentions: [Mention]) {
        self.language = language
        self.mentions = mentions
    }

    /// After annotating masked markup (`MarkupMask`): widens a mention that
    /// ends on a decoded character reference to the reference's end (when
    /// `masked` is given), takes each mention's surface from the original
    /// source at the same UTF-8 offsets, and counts its scalar offsets on
    /// the source, since masking replaces characters of several bytes with
    /// as many one-byte spaces.
    public mutating func restoreSurfaces(from source: [UInt8], masked: [UInt8]? = nil) {
        // Mentions are in text order: one pass over the source counts the scalars.
        var scalars = 0, position = 0
        func scalarOffset(_ offset: Int) -> Int {
            let target = min(offset, source.count)
            if target < position { scalars = 0; position = 0 }
            while position < target {
                if source[position] & 0xC0 != 0x80 { scalars += 1 }
                position += 1
            }
            return scalars
        }
        for index in mentions.indices where mentions[index].endUTF8 <= source.count {
            if let masked, masked.count == source.count {
                mentions[index].endUTF8 = MarkupMask.endOfPadding(masked, from: mentions[index].endUTF8)
            }
            mentions[index].text = String(decoding: source[mentions[index].startUTF8..<mentions[index].endUTF8], as: UTF8.self)
            mentions[index].start = scalarOffset(mentions[index].startUTF8)
            mentions[index].end = scalarOffset(mentions[index].endUTF8)
        }
    }
}

/// Why a document could not be annotated.
public enum AnnotationError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The text is not UTF-8; the offset is of the first ill-formed byte.
    case invalidUTF8(byteOffset: Int)
    case tooLarge(bytes: Int)
    case fold(String)

    public var description: String {
        switch self {
        case .invalidUTF8(let offset): "invalid UTF-8 at byte \(offset)"
        case .tooLarge(let bytes): "a document of \(bytes) bytes is over the 256 MiB limit of one fold (split it)"
        case .fold(let message): message
        }
    }
}

/// Annotates documents with one `Matcher`. Holds a `FastFolder`, so make one
/// per thread.
public final class Annotator {
    public let matcher: Matcher
    /// The chunk's fold, made as the search reads it (`FoldStream`).
    private let stream: FoldStream
    private let toneCache = CaseEvidence.ToneCache()
    private let wordScripts = WordScriptTable()

    public convenience init(matcher: Matcher) throws(AnnotationError) {
        try self.init(matcher: matcher, foldBlockSize: FoldStream.blockSize)
    }

    /// With the fold made `foldBlockSize` source bytes at a time (tests put a
    /// block boundary everywhere with tiny blocks).
    init(matcher: Matcher, foldBlockSize: Int) throws(AnnotationError) {
        self.matcher = matcher
        do { stream = FoldStream(folder: try FastFolder(), blockSize: foldBlockSize) } catch { throw .fold(error.description) }
    }

    /// Annotates a whole document. The target language is `language`, else
    /// the one detected from the text.
    public func annotate(_ text: String, language: DocumentLanguage? = nil) throws(AnnotationError) -> AnnotatedDocument {
        var text = text
        let result = text.withUTF8 { buffer -> Result<AnnotatedDocument, AnnotationError> in
            do throws(AnnotationError) {
                return .success(try annotate(utf8: buffer, language: language))
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    package func annotate(utf8 text: UnsafeBufferPointer<UInt8>, language: DocumentLanguage? = nil) throws(AnnotationError) -> AnnotatedDocument {
        var context = DocumentContext(language: language ?? LanguageDetector.detect(utf8: text))
        let mentions = try annotate(chunk: text, context: &context)
        return AnnotatedDocument(language: context.language, mentions: mentions)
    }

    /// Lends the fold of the text this annotator read last, whole: its bytes
    /// and, for each, the source offset it came from, with one more entry,
    /// the text's length (as `FastFolder.fold` gives them). A rule that
    /// reads the folded text after the annotator (the checker's near-miss
    /// windows) need not fold it again. Call before the next annotation.
    @_spi(Performance)
    public func withLastFold<Result>(
        _ body: (_ folded: UnsafeBufferPointer<UInt8>, _ sourceOffsets: UnsafeBufferPointer<Int32>) -> Result
    ) throws(FoldError) -> Result {
        while !stream.isComplete { try stream.extend() }
        let folded = stream.readable.bytes
        return body(folded, UnsafeBufferPointer(start: stream.sourceOffsets, count: folded.count + 1))
    }

    /// Annotates the next chunk of a document, which must start and end
    /// between lines (a name never spans a chunk). Offsets are into the whole
    /// document.
    package func annotate(chunk text: UnsafeBufferPointer<UInt8>, context: inout DocumentContext) throws(AnnotationError) -> [Mention] {
        do throws(FoldError) {
            try stream.start(text)
            var search = Search(matcher: matcher, toneCache: toneCache, wordScripts: wordScripts, source: text,
                                folded: stream, context: context)
            let mentions = try search.run()
            context = search.context
            context.utf8Base += text.count
            return mentions
        } catch {
            switch error {
            case .invalidUTF8(let invalid): throw .invalidUTF8(byteOffset: context.utf8Base + invalid.byteOffset)
            case .tooLarge(let bytes): throw .tooLarge(bytes: bytes)
            case .icu(let icu): throw .fold(icu.description)
            }
        }
    }
}
