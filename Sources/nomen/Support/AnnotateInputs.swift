import Foundation

/// The inputs of `nomen annotate`: files as named, directories walked
/// recursively (filtered by --include/--exclude globs), or standard input.
enum AnnotateInputs {
    /// Paths in the order given; each directory's files sorted by path.
    static func expand(_ paths: [String], include: [String], exclude: [String]) throws -> [String] {
        guard !paths.isEmpty else { return ["-"] }
        var result: [String] = []
        for path in paths {
            if path == "-" { result.append(path); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIFailure("\(path): no such file or directory")
            }
            guard isDirectory.boolValue else {
                // A file named on the command line is read whatever the globs say.
                result.append(path)
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw CLIFailure("\(path): cannot be read")
            }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(relative)
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                if !include.isEmpty && !include.contains(where: { matches($0, relative: relative, name: name) }) { continue }
                if exclude.contains(where: { matches($0, relative: relative, name: name) }) { continue }
                found.append(full)
            }
            result.append(contentsOf: found.sorted())
        }
        return result
    }

    /// A glob matches the file's name ("*.txt") or, when it has a slash, its
    /// path under the directory ("news/*.md").
    static func matches(_ glob: String, relative: String, name: String) -> Bool {
        if glob.contains("/") { return fnmatch(glob, relative, 0) == 0 }
        return fnmatch(glob, name, 0) == 0
    }

    static func readAll(_ path: String) throws -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIFailure("\(path): cannot be read") }
        return [UInt8](data)
    }

    static func fileSize(_ path: String) -> Int {
        guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return 0 }
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }

    /// A file with a NUL byte in its first 8 KiB is taken for binary.
    static func looksBinary(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.prefix(8192).contains(0)
    }

    /// Reads a large file a chunk at a time, each chunk ending at a line
    /// break (so memory stays bounded and no name is cut in two).
    struct ChunkReader {
        let handle: FileHandle
        let chunkSize: Int
        var carry: [UInt8] = []
        var finished = false

        init(path: String, chunkSize: Int = 8 << 20) throws {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIFailure("\(path): cannot be read") }
            self.handle = handle
            self.chunkSize = chunkSize
        }

        mutating func next() throws -> [UInt8]? {
            if finished { return carry.isEmpty ? nil : { let last = carry; carry = []; return last }() }
            while true {
                let data = try handle.read(upToCount: chunkSize) ?? Data()
                if data.isEmpty {
                    finished = true
                    try? handle.close()
                    if carry.isEmpty { return nil }
                    let last = carry
                    carry = []
                    return last
                }
                carry.append(contentsOf: data)
                if let cut = carry.lastIndex(of: 0x0A) {
                    let chunk = Array(carry[...cut])
                    carry = Array(carry[(cut + 1)...])
                    return chunk
                }
            }
        }
    }
}
