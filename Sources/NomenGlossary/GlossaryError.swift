/// A problem found in a file or a value, with where it was found.
public struct GlossaryIssue: Hashable, Sendable, CustomStringConvertible {
    /// The file (or other input) the problem is in; nil for values given directly.
    public var file: String?
    /// 1-based line (CSV, TSV, JSONL) or element line (TBX); nil when not known.
    public var line: Int?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: message`, or as much of it as is known.
    public var description: String {
        switch (file, line) {
        case let (file?, line?): "\(file):\(line): \(message)"
        case let (file?, nil): "\(file): \(message)"
        case let (nil, line?): "line \(line): \(message)"
        case (nil, nil): message
        }
    }
}

/// An error from the glossary: what went wrong, in words for the user.
public struct GlossaryError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// No entity with that id.
        case notFound
        /// The id (or name) exists already.
        case conflict
        /// Input that breaks a rule of the model; `issues` lists each problem.
        case invalid
        /// The database said no: a file that is not a glossary, a locked file…
        case database
        /// A write that expected the glossary at one revision found it at
        /// another (someone wrote in between); nothing was changed.
        case staleRevision
    }

    public let kind: Kind
    public let message: String
    /// Every problem found, for errors that collect several (imports).
    public let issues: [GlossaryIssue]

    public init(_ kind: Kind, _ message: String, issues: [GlossaryIssue] = []) {
        self.kind = kind
        self.message = message
        self.issues = issues
    }

    public var description: String { message }
}
