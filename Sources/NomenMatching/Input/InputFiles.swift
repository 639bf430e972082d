import Foundation
import NomenNormalization

/// An input that cannot be read, named by its path.
public struct InputError: Error, Equatable, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(InputFiles.displayName(path)): \(reason)" }
}

/// The inputs a command names: files, directories (walked recursively) or
/// standard input ("-"), read as bytes.
public enum InputFiles {
    /// How messages name standard input.
    public static let standardInputName = "<stdin>"

    /// The path as messages and outputs show it.
    public static func displayName(_ path: String) -> String { path == "-" ? standardInputName : path }

    /// The paths to read, in the order given: standard input when `paths` is
    /// empty; a directory's files sorted by path, skipping hidden ones, what
    /// the `.gitignore` files say (those in the directory and below, and
    /// those above it up to the root of its git work tree) when
    /// `honourGitignore`, and filtered by the patterns (`PathPattern`,
    /// gitignore's dialect, relative to the directory: `*.log` a name at any
    /// depth, `news/*.md` a path, `drafts/` a folder). A file named on the
    /// command line is read whatever the patterns say.
    public static func expand(_ paths: [String], include: [String] = [], exclude: [String] = [],
                              honourGitignore: Bool = true) throws(InputError) -> [String] {
        guard !paths.isEmpty else { return ["-"] }
        let includes = PathPatternList(include), excludes = PathPatternList(exclude)
        var result: [String] = []
        for path in paths {
            if path == "-" { result.append(path); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(path: path, reason: "no such file or directory")
            }
            guard isDirectory.boolValue else {
                result.append(path)
                continue
            }
            var found: [String] = []
            let above = honourGitignore ? ignoreFilesAbove(path) : []
            try walk(path, relative: "", ignores: above, includes: includes, excludes: excludes,
                     honourGitignore: honourGitignore, into: &found)
            result.append(contentsOf: found.sorted())
        }
        return result
    }

    /// A `.gitignore` met on the way: its patterns, the folder it sits in
    /// (relative to the walked directory; "" for the directory itself or a
    /// folder above it), and for one above, the path from its folder down
    /// to the walked directory.
    struct IgnoreFile {
        let patterns: PathPatternList
        let folder: String
        let prefix: String

        func ignores(_ relative: String, isDirectory: Bool) -> Bool {
            var path = Substring(relative)
            if !folder.isEmpty { path = path.dropFirst(folder.count + 1) }
            let inFolder = prefix.isEmpty ? String(path) : prefix + "/" + path
            return patterns.matches(inFolder, isDirectory: isDirectory)
        }
    }

    static func readIgnoreFile(in directory: String) -> PathPatternList? {
        let file = (directory as NSString).appendingPathComponent(".gitignore")
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return PathPatternList(String(decoding: data, as: UTF8.self).components(separatedBy: "\n"))
    }

    /// The `.gitignore` files of the folders above `directory`, up to the
    /// one holding `.git`; none when `directory` is not in a git work tree.
    static func ignoreFilesAbove(_ directory: String) -> [IgnoreFile] {
        var current = URL(fileURLWithPath: directory).standardizedFileURL
        var below: [String] = []
        var files: [IgnoreFile] = []
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) { return files }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return [] }
            below.insert(current.lastPathComponent, at: 0)
            current = parent
            if let patterns = readIgnoreFile(in: current.path) {
                files.append(IgnoreFile(patterns: patterns, folder: "", prefix: below.joined(separator: "/")))
            }
        }
    }

    private static func walk(_ directory: String, relative: String, ignores: [IgnoreFile], includes: PathPatternList,
                             excludes: PathPatternList, honourGitignore: Bool, into found: inout [String]) throws(InputError) {
        var ignores = ignores
        if honourGitignore, let patterns = readIgnoreFile(in: directory) {
            ignores.append(IgnoreFile(patterns: patterns, folder: relative, prefix: ""))
        }
        guard let entries = directoryEntries(directory) else {
            throw InputError(path: directory, reason: "cannot be read")
        }
        for (entry, isDirectory) in entries where !entry.hasPrefix(".") {
            let full = (directory as NSString).appendingPathComponent(entry)
            let path = relative.isEmpty ? entry : relative + "/" + entry
            guard let folder = isDirectory ?? followedIsDirectory(full) else { continue }
            if ignores.contains(where: { $0.ignores(path, isDirectory: folder) }) { continue }
            if excludes.matches(path, isDirectory: folder) { continue }
            if folder {
                try walk(full, relative: path, ignores: ignores, includes: includes, excludes: excludes,
                         honourGitignore: honourGitignore, into: &found)
            } else if includes.isEmpty || includes.matches(path) {
                found.append(full)
            }
        }
    }

    /// A directory's entries and whether each is a folder, as `readdir`
    /// tells without a `stat`: nil for a symbolic link or an entry the file
    /// system does not type, which must be followed. Nil when the directory
    /// cannot be read. A folder of 50,000 articles was walked with two
    /// `stat`s (FileManager's) for each.
    static func directoryEntries(_ directory: String) -> [(name: String, isDirectory: Bool?)]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var entries: [(name: String, isDirectory: Bool?)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type = Int32(entry.pointee.d_type)
            entries.append((name, type == Int32(DT_DIR) ? true : type == Int32(DT_REG) ? false : nil))
        }
        return entries
    }

    /// Whether `path`, its links followed, is a folder; nil when it names
    /// nothing (a broken link), which the walk skips.
    static func followedIsDirectory(_ path: String) -> Bool? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT == S_IFDIR
    }

    /// The most bytes nomen holds as one piece: a whole input read at
    /// once, or one line of a text annotated a chunk at a time. Larger
    /// inputs fail with an error naming the limit instead of exhausting
    /// memory (a text costs several times its size while checked).
    /// 256 MiB; NOMEN_MAX_INPUT_BYTES sets another.
    public static let maximumPieceSize: Int = {
        ProcessInfo.processInfo.environment["NOMEN_MAX_INPUT_BYTES"].flatMap { Int($0) }.map { max(1, $0) } ?? 256 << 20
    }()

    /// "256 MiB", or bytes when not a whole number of MiB.
    static func describeSize(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    static func tooLarge(_ path: String) -> InputError {
        InputError(path: path, reason: "is larger than \(describeSize(maximumPieceSize)), the most nomen reads at once "
            + "(annotate reads a text file larger than 64 MiB a line at a time; NOMEN_MAX_INPUT_BYTES raises the limit)")
    }

    /// The bytes of a file, or of standard input for "-": at most
    /// `maximumPieceSize`, which is never exceeded in memory (the read stops
    /// one byte past it).
    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        guard case .bytes(let bytes) = try read(path, unlessLargerThan: nil) else { preconditionFailure("no limit given") }
        return bytes
    }

    /// What `read(_:unlessLargerThan:)` found.
    public enum Read {
        case bytes([UInt8])
        /// A regular file of this many bytes, over the limit, left unread.
        case tooLarge(Int)
    }

    /// The bytes of a file or of standard input, as `read(_:)` gives them;
    /// or, for a regular file larger than `limit`, its size, without reading
    /// it (the caller reads it a chunk at a time).
    public static func read(_ path: String, unlessLargerThan limit: Int?) throws(InputError) -> Read {
        if path == "-" { return .bytes(try readAll(from: STDIN_FILENO, path: path, expected: 0)) }
        // One open and one fstat: a folder of small articles is read file after
        // file, and FileManager's stats (four per file) cost a seventh of annotating one.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw InputError(path: path, reason: code == ENOENT || code == ENOTDIR ? "no such file" : "cannot be read: \(describeErrno(code))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw InputError(path: path, reason: "cannot be read: \(describeErrno(errno))") }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw InputError(path: path, reason: "is a directory") }
        let size = Int(status.st_size)
        let isRegular = status.st_mode & S_IFMT == S_IFREG
        if let limit, isRegular, size > limit { return .tooLarge(size) }
        if size > maximumPieceSize { throw tooLarge(path) }
        return .bytes(try readAll(from: descriptor, path: path, expected: isRegular ? size : 0))
    }

    /// Reads to the end (a file may grow or shrink while read), stopping one
    /// byte past `maximumPieceSize`.
    private static func readAll(from descriptor: Int32, path: String, expected: Int) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        if expected > 0 {
            // A regular file: its whole size in one read, straight into the array,
            // and one byte more, so that a file that grew is seen to have.
            // Not filled with zeros first: read(2) writes every byte it counts.
            let room = min(expected + 1, maximumPieceSize + 1)
            var failure: Int32 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: room) { buffer, initialized in
                let got = readRetrying(descriptor, buffer.baseAddress!, room)
                if got < 0 { failure = errno }
                initialized = max(got, 0)
            }
            let got = failure == 0 ? bytes.count : -1
            if got < 0 { throw InputError(path: path, reason: "cannot be read: \(describeErrno(failure))") }
            // The size fstat gave: the file's end (no second read, nor its
            // 64 KiB buffer, for each file of a folder). Fewer (a file cut
            // short, a short read from a network file system) or more: read on.
            if got == expected { return bytes }
            if bytes.count > maximumPieceSize { throw tooLarge(path) }
        }
        // Then (a pipe, standard input, a file that grew) a block at a time
        // through one buffer: a pipe gives 64 KiB a read, and filling the
        // array's spare room with zeros before each read made reading 8 MiB
        // from a pipe cost gigabytes of writes.
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let room = min(block.count, maximumPieceSize + 1 - bytes.count)
            let got = block.withUnsafeMutableBytes { readRetrying(descriptor, $0.baseAddress!, room) }
            if got < 0 { throw InputError(path: path, reason: "cannot be read: \(describeErrno(errno))") }
            if got == 0 { return bytes }
            bytes.append(contentsOf: block[0..<got])
            if bytes.count > maximumPieceSize { throw tooLarge(path) }
        }
    }

    /// `read(2)`, again when a signal interrupted it.
    private static func readRetrying(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        while true {
            let got = Foundation.read(descriptor, buffer, count)
            if got < 0 && errno == EINTR { continue }
            return got
        }
    }

    static func describeErrno(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// A file with a NUL byte in its first 8 KiB is taken for binary.
    public static func looksBinary(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.prefix(8192).contains(0)
    }

    /// `bytes` as UTF-8 text: strictly (an error naming the first ill-formed
    /// byte), or with U+FFFD for each ill-formed sequence and the offset of
    /// the first one to report.
    public static func text(_ bytes: [UInt8], path: String, replacingInvalid: Bool) throws(InputError)
        -> (text: String, firstReplaced: Int?) {
        if replacingInvalid {
            let (text, firstInvalid) = TextDecoding.replacingUTF8(bytes)
            return (text, firstInvalid)
        }
        do throws(InvalidUTF8) {
            return (try TextDecoding.strictUTF8(bytes), nil)
        } catch {
            throw InputError(path: path, reason: "invalid UTF-8 at byte \(error.byteOffset)")
        }
    }
}
