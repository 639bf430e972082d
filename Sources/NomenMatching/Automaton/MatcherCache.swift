import Foundation
@_spi(Performance) import NomenNormalization
#if canImport(Glibc)
import Glibc
#endif

/// The compiled matcher on disk, so that a run with an unchanged glossary
/// starts without compiling.
///
/// Files live in `$XDG_CACHE_HOME/nomen/` (default `~/.cache/nomen/`), one per
/// glossary: the name hashes the glossary's path, its revision, the
/// semantics and `formatVersion`, so an edit to the glossary (a new revision)
/// or to nomen's format never reads a stale file. Written atomically (a
/// temporary file, then rename). A file that is truncated or corrupt is an
/// error from `load`, and the caller recompiles.
///
/// Format (little-endian): the magic `NOMENMAT`, the format version (UInt32),
/// the semantics (UInt32), the name count (UInt64), then each array as its
/// element count (UInt64) and its elements, padded to 8 bytes.
public enum MatcherCache {
    public static let formatVersion: UInt32 = 6
    static let magic: [UInt8] = Array("NOMENMAT".utf8)

    /// `$XDG_CACHE_HOME/nomen`, else `~/.cache/nomen`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("nomen")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/nomen")
    }

    /// The cache file for a glossary at `glossaryPath` at `revision`.
    public static func fileURL(in directory: URL, glossaryPath: String, revision: Int64, semantics: MatchSemantics) -> URL {
        let hash = FNV1a.hash("\(glossaryPath)\u{0}\(revision)\u{0}\(semantics.rawValue)\u{0}\(formatVersion)".utf8)
        return directory.appendingPathComponent("matcher-\(String(hash, radix: 16)).bin")
    }

    /// Reads a matcher; throws when the file is missing or unreadable.
    /// Each array is read from the file straight into its own storage (no
    /// mapping of the file and copy out of it: at a million entities that
    /// doubled the page faults of the load).
    public static func load(from url: URL) throws(MatcherError) -> Matcher {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw MatcherError(kind: .corruptCache("cannot read \(url.path)")) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw MatcherError(kind: .corruptCache("cannot read \(url.path)")) }
        var file = FileBytes(descriptor: descriptor, size: Int(status.st_size))
        return try decode(&file)
    }

    /// The bytes of an open file, read in order.
    struct FileBytes {
        let descriptor: Int32
        let size: Int
        private(set) var position = 0

        init(descriptor: Int32, size: Int) {
            self.descriptor = descriptor
            self.size = size
        }

        var remaining: Int { size - position }

        /// Fills `buffer` with the next bytes; throws at the end of the file.
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(MatcherError) {
            var filled = 0
            while filled < buffer.count {
                let got = Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { throw MatcherError(kind: .corruptCache("truncated at byte \(position + filled)")) }
                filled += got
            }
            position += filled
        }
    }

    /// Writes a matcher atomically; the directory is created if needed.
    public static func save(_ matcher: Matcher, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let bytes = encode(matcher)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        try Data(bytes).write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    // MARK: - Encoding

    static func encode(_ matcher: Matcher) -> [UInt8] {
        let c = matcher.compiled
        var out: [UInt8] = magic
        func scalar<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
        func array<T: FixedWidthInteger>(_ values: [T]) {
            scalar(UInt64(values.count))
            values.withUnsafeBytes { out.append(contentsOf: $0) }  // little-endian hosts only (checked on load)
            while out.count % 8 != 0 { out.append(0) }
        }
        scalar(formatVersion)
        scalar(UInt32(MatchSemantics.allCases.firstIndex(of: matcher.semantics)!))
        scalar(UInt64(c.nameCount))
        array(c.trie.nodes)
        array(c.trie.label)
        array(c.trie.group)
        array(c.groupStart)
        array(c.entries.map(\.entity))
        array(c.entries.map(\.nameStart))
        array(c.entries.map(\.nameLength))
        array(c.entries.map(\.flags))
        array(c.strings.blob)
        array(c.strings.offsets)
        array(c.entityID)
        array(c.entityType)
        array(c.canonical)
        return out
    }

    static func decode(_ file: inout FileBytes) throws(MatcherError) -> Matcher {
        func fail(_ why: String) -> MatcherError { MatcherError(kind: .corruptCache(why)) }
        func scalar<T: FixedWidthInteger>(_: T.Type) throws(MatcherError) -> T {
            var value: T = 0
            try withUnsafeMutableBytes(of: &value) { (bytes) throws(MatcherError) in try file.read(into: bytes) }
            return T(littleEndian: value)
        }
        func array<T: FixedWidthInteger>(_: T.Type) throws(MatcherError) -> [T] {
            let count = try scalar(UInt64.self)
            let size = MemoryLayout<T>.size
            guard count <= UInt64(file.remaining / size) else {
                throw fail("array of \(count) elements runs past the end at byte \(file.position)")
            }
            var failure: MatcherError? = nil
            let result = [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
                do throws(MatcherError) {
                    HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
                    try file.read(into: UnsafeMutableRawBufferPointer(buffer))
                    initialized = Int(count)
                } catch {
                    failure = error
                    initialized = 0
                }
            }
            if let failure { throw failure }
            // Arrays start on 8-byte boundaries.
            var padding: UInt64 = 0
            let skip = (8 - file.position % 8) % 8
            if skip > 0 {
                try withUnsafeMutableBytes(of: &padding) { (bytes) throws(MatcherError) in
                    try file.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[0..<skip]))
                }
            }
            return result
        }
        guard 1.littleEndian == 1 else { throw fail("big-endian hosts are not supported") }
        guard file.size >= 8 else { throw fail("not a nomen matcher file") }
        let header = try scalar(UInt64.self)
        guard withUnsafeBytes(of: header.littleEndian, { Array($0) }) == magic else { throw fail("not a nomen matcher file") }
        guard try scalar(UInt32.self) == formatVersion else { throw fail("format version differs") }
        let semanticsIndex = Int(try scalar(UInt32.self))
        guard semanticsIndex < MatchSemantics.allCases.count else { throw fail("unknown semantics") }
        let nameCount = Int(truncatingIfNeeded: try scalar(UInt64.self))
        guard nameCount >= 0 else { throw fail("bad name count") }
        let nodes = try array(UInt64.self)
        let label = try array(UInt8.self)
        let group = try array(UInt32.self)
        let groupStart = try array(UInt32.self)
        let entity = try array(UInt32.self)
        let nameStart = try array(UInt32.self)
        let nameLength = try array(UInt16.self)
        let flags = try array(UInt8.self)
        let blob = try array(UInt8.self)
        let offsets = try array(UInt32.self)
        let entityID = try array(UInt32.self)
        let entityType = try array(UInt8.self)
        let canonical = try array(UInt32.self)
        guard file.remaining == 0 else { throw fail("\(file.remaining) bytes after the end") }
        guard entity.count == nameStart.count, nameStart.count == nameLength.count, nameStart.count == flags.count, label.count == group.count,
              nodes.count == label.count
        else { throw fail("array lengths disagree") }
        let entries = [PatternEntry](unsafeUninitializedCapacity: entity.count) { buffer, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            entity.withUnsafeBufferPointer { entity in
                nameStart.withUnsafeBufferPointer { nameStart in
                    nameLength.withUnsafeBufferPointer { nameLength in
                        flags.withUnsafeBufferPointer { flags in
                            for index in 0..<entity.count {
                                (buffer.baseAddress! + index).initialize(
                                    to: PatternEntry(entity: entity[index], nameStart: nameStart[index],
                                                     nameLength: nameLength[index], flags: flags[index]))
                            }
                        }
                    }
                }
            }
            initialized = entity.count
        }
        let compiled = CompiledGlossary(
            trie: NameTrie(nodes: nodes, label: label, group: group), groupStart: groupStart, entries: entries,
            strings: StringTable(blob: blob, offsets: offsets), entityID: entityID, entityType: entityType,
            canonical: canonical, nameCount: nameCount)
        guard compiled.isWellFormed() else { throw fail("inconsistent contents") }
        return Matcher(compiled: compiled, semantics: MatchSemantics.allCases[semanticsIndex])
    }
}

extension Matcher {
    /// The matcher for a glossary at `revision`: from the cache when it holds
    /// one, else compiled by `compile` and written to the cache (a failure to
    /// write is not an error: the next run compiles again).
    public static func cached(
        glossaryPath: String, revision: Int64, semantics: MatchSemantics = .standard,
        directory: URL = MatcherCache.defaultDirectory(), compile: () throws -> Matcher
    ) throws -> (matcher: Matcher, fromCache: Bool) {
        let url = MatcherCache.fileURL(in: directory, glossaryPath: glossaryPath, revision: revision, semantics: semantics)
        if let matcher = try? MatcherCache.load(from: url) { return (matcher, true) }
        let matcher = try compile()
        try? MatcherCache.save(matcher, to: url)
        return (matcher, false)
    }
}
