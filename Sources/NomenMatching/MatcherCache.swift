import Foundation

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
    public static let formatVersion: UInt32 = 4
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
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(glossaryPath)\u{0}\(revision)\u{0}\(semantics.rawValue)\u{0}\(formatVersion)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return directory.appendingPathComponent("matcher-\(String(hash, radix: 16)).bin")
    }

    /// Reads a matcher; throws when the file is missing or unreadable.
    public static func load(from url: URL) throws(MatcherError) -> Matcher {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw MatcherError(kind: .corruptCache("cannot read \(url.path)"))
        }
        let result = data.withUnsafeBytes { raw -> Result<Matcher, MatcherError> in
            do throws(MatcherError) { return .success(try decode(raw)) } catch { return .failure(error) }
        }
        return try result.get()
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

    static func decode(_ raw: UnsafeRawBufferPointer) throws(MatcherError) -> Matcher {
        var position = 0
        func fail(_ why: String) -> MatcherError { MatcherError(kind: .corruptCache(why)) }
        func scalar<T: FixedWidthInteger>(_: T.Type) throws(MatcherError) -> T {
            guard position + MemoryLayout<T>.size <= raw.count else { throw fail("truncated at byte \(position)") }
            var value: T = 0
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[position..<position + MemoryLayout<T>.size])) }
            position += MemoryLayout<T>.size
            return T(littleEndian: value)
        }
        func array<T: FixedWidthInteger>(_: T.Type) throws(MatcherError) -> [T] {
            let count = try scalar(UInt64.self)
            let size = MemoryLayout<T>.size
            guard count < UInt64(raw.count), position + Int(count) * size <= raw.count else {
                throw fail("array of \(count) elements runs past the end at byte \(position)")
            }
            let result = [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[position..<position + Int(count) * size]))
                initialized = Int(count)
            }
            position += Int(count) * size
            position = (position + 7) & ~7
            return result
        }
        guard 1.littleEndian == 1 else { throw fail("big-endian hosts are not supported") }
        guard raw.count >= 8, Array(raw[0..<8]) == magic else { throw fail("not a nomen matcher file") }
        position = 8
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
        guard position == raw.count else { throw fail("\(raw.count - position) bytes after the end") }
        guard entity.count == nameStart.count, nameStart.count == nameLength.count, nameStart.count == flags.count, label.count == group.count,
              nodes.count == label.count
        else { throw fail("array lengths disagree") }
        let entries = [PatternEntry](unsafeUninitializedCapacity: entity.count) { buffer, initialized in
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
