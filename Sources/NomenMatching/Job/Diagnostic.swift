/// Something to tell the user about one input while a job goes on: a value,
/// so each front end words it its own way (the CLI prefixes "nomen: error:",
/// a server puts it in a response).
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case note, warning, error }

    public enum Problem: Equatable, Sendable {
        /// The input could not be read (`InputError.reason`).
        case unreadable(String)
        /// A NUL byte in the first 8 KiB: skipped, not an error.
        case binarySkipped
        /// Not UTF-8, and not read with replacement: the first ill-formed byte.
        case invalidUTF8(byteOffset: Int)
        /// Read with U+FFFD for ill-formed bytes, the first at this offset.
        case invalidUTF8Replaced(byteOffset: Int)
        /// A JSON Lines line that is not a JSON object.
        case notJSONObject
        /// A JSON Lines object without the string field to annotate.
        case missingField(String)
        /// The annotator failed on the text (too large, the fold failed).
        case annotation(AnnotationError)
    }

    /// The input as messages name it (`InputFiles.displayName`).
    public let path: String
    /// The line of a JSON Lines input, from 1.
    public let line: Int?
    public let problem: Problem

    public init(path: String, line: Int? = nil, problem: Problem) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    public var severity: Severity {
        switch problem {
        case .binarySkipped: .note
        case .invalidUTF8Replaced: .warning
        case .unreadable, .invalidUTF8, .notJSONObject, .missingField, .annotation: .error
        }
    }

    /// "PATH[:LINE]: what happened".
    public var description: String {
        let place = line.map { "\(path):\($0)" } ?? path
        switch problem {
        case .unreadable(let reason): return "\(place): \(reason)"
        case .binarySkipped: return "\(place): binary file skipped"
        case .invalidUTF8(let offset): return "\(place): invalid UTF-8 at byte \(offset)"
        case .invalidUTF8Replaced(let offset): return "\(place): invalid UTF-8 from byte \(offset) replaced with U+FFFD"
        case .notJSONObject: return "\(place): not a JSON object"
        case .missingField(let field): return "\(place): no string field \"\(field)\" to annotate"
        case .annotation(let error): return "\(place): \(error)"
        }
    }
}
