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
        let entries: [String]
        do { entries = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw InputError(path: directory, reason: "cannot be read")
        }
        for entry in entries where !entry.hasPrefix(".") {
            let full = (directory as NSString).appendingPathComponent(entry)
            let path = relative.isEmpty ? entry : relative + "/" + entry
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            let folder = isDirectory.boolValue
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
        if path == "-" { return try readAll(from: STDIN_FILENO, path: path, expected: 0) }
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
        if size > maximumPieceSize { throw tooLarge(path) }
        return try readAll(from: descriptor, path: path, expected: status.st_mode & S_IFMT == S_IFREG ? size : 0)
    }

    /// Reads to the end (a file may grow or shrink while read), stopping one
    /// byte past `maximumPieceSize`.
    private static func readAll(from descriptor: Int32, path: String, expected: Int) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        // One byte more than the size, so that the end is seen by the next read.
        bytes.reserveCapacity(min(expected, maximumPieceSize) + 1)
        if expected > 0 {
            // A regular file: its whole size in one read, straight into the array.
            let room = min(expected + 1, maximumPieceSize + 1)
            bytes.append(contentsOf: repeatElement(0, count: room))
            let got = bytes.withUnsafeMutableBytes { readRetrying(descriptor, $0.baseAddress!, room) }
            let failure = got < 0 ? errno : 0
            bytes.removeLast(room - max(got, 0))
            if got < 0 { throw InputError(path: path, reason: "cannot be read: \(describeErrno(failure))") }
            if got == 0 { return bytes }
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

    /// The size of a file in bytes; 0 for standard input or a file that cannot be read.
    public static func size(_ path: String) -> Int {
        guard path != "-" else { return 0 }
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

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
