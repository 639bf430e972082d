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
    /// empty; a directory's files sorted by path, skipping hidden ones and
    /// filtered by the globs (a glob matches the file's name, or with a `/`
    /// its path under the directory). A file named on the command line is
    /// read whatever the globs say.
    public static func expand(_ paths: [String], include: [String] = [], exclude: [String] = []) throws(InputError) -> [String] {
        guard !paths.isEmpty else { return ["-"] }
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
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw InputError(path: path, reason: "cannot be read")
            }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(relative)
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
                let name = (relative as NSString).lastPathComponent
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                if !include.isEmpty && !include.contains(where: { matches($0, relative: relative, name: name) }) { continue }
                if exclude.contains(where: { matches($0, relative: relative, name: name) }) { continue }
                found.append(full)
            }
            result.append(contentsOf: found.sorted())
        }
        return result
    }

    static func matches(_ glob: String, relative: String, name: String) -> Bool {
        if glob.contains("/") { return fnmatch(glob, relative, 0) == 0 }
        return fnmatch(glob, name, 0) == 0
    }

    /// The bytes of a file, or of standard input for "-".
    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw InputError(path: path, reason: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(path: path, reason: "cannot be read") }
        return [UInt8](data)
    }

    /// The size of a file in bytes; 0 for standard input or a file that cannot be read.
    public static func size(_ path: String) -> Int {
        guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return 0 }
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
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
