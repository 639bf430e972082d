import Foundation

/// How an input is written. Markup is masked before matching (`MarkupMask`:
/// tags and code in HTML, code in Markdown), so only prose is read, and
/// offsets still refer to the input as written. JSON Lines holds one object
/// per line whose string field is the text.
///
/// `nomen annotate` and `nomen check` both take `--input-format` and both
/// tell the format from a path's extension the same way (`detect(path:)`).
public enum InputFormat: String, CaseIterable, Sendable {
    case text, html, markdown, jsonl

    /// The format a path's extension names: `.html`, `.htm`, `.xhtml`;
    /// `.md`, `.markdown`; `.jsonl`, `.ndjson`; anything else is text.
    public static func detect(path: String) -> InputFormat {
        switch extensionOf(path) {
        case "html", "htm", "xhtml": .html
        case "md", "markdown": .markdown
        case "jsonl", "ndjson": .jsonl
        default: .text
        }
    }

    /// The lower-cased extension of a path's last component ("" for none or
    /// a name that only starts with a dot), read without NSString: a
    /// folder's files are each asked.
    static func extensionOf(_ path: String) -> String {
        let bytes = Array(path.utf8)
        let nameStart = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        guard let dot = bytes[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart else { return "" }
        return String(decoding: bytes[(dot + 1)...], as: UTF8.self).lowercased()
    }

    /// Masks the markup of `bytes` in place (HTML and Markdown); text and
    /// JSON Lines are left as they are.
    public func mask(_ bytes: inout [UInt8]) {
        switch self {
        case .html: MarkupMask.html(&bytes)
        case .markdown: MarkupMask.markdown(&bytes)
        case .text, .jsonl: break
        }
    }

    /// Whether masking may change the bytes, so that mentions take their
    /// surfaces from the original afterwards.
    public var hasMarkup: Bool { self == .html || self == .markdown }
}
