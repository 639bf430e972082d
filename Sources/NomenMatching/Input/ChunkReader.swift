import Foundation

/// Reads a large file a chunk at a time, each chunk ending at a line break,
/// so memory stays bounded and no name is cut in two. A line longer than a
/// chunk makes a longer chunk, up to `InputFiles.maximumPieceSize`: a longer
/// line is an error rather than a read of the whole file into memory.
public struct ChunkReader {
    /// Bytes read from the file at a time.
    public static let defaultChunkSize = 8 << 20

    private let handle: FileHandle
    private let path: String
    private let chunkSize: Int
    private let maximumLine: Int
    private var carry: [UInt8] = []
    private var finished = false
    /// Where `carry` starts in the file.
    private var carryOffset = 0

    public init(path: String, chunkSize: Int = ChunkReader.defaultChunkSize,
                maximumLine: Int = InputFiles.maximumPieceSize) throws(InputError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(path: path, reason: "cannot be read") }
        self.handle = handle
        self.path = path
        self.chunkSize = max(1, chunkSize)
        self.maximumLine = max(1, maximumLine)
    }

    /// The next chunk; nil at the end of the file.
    public mutating func next() throws -> [UInt8]? {
        while !finished {
            let data = try handle.read(upToCount: chunkSize) ?? Data()
            if data.isEmpty {
                finished = true
                try? handle.close()
                break
            }
            // What was carried has no line break: look only in what was read.
            let lastBreak = data.lastIndex(of: 0x0A).map { data.distance(from: data.startIndex, to: $0) }
            // Refused before appending: growing the buffer past the limit
            // would double its capacity, twice the memory the limit states.
            if lastBreak == nil && carry.count + data.count > maximumLine {
                try? handle.close()
                throw InputError(path: path, reason: "has a line longer than \(InputFiles.describeSize(maximumLine)) "
                    + "(from byte \(carryOffset)), the most nomen reads at once (NOMEN_MAX_INPUT_BYTES raises the limit)")
            }
            carry.append(contentsOf: data)
            if let lastBreak {
                // The chunk is the carry itself, cut after the break; only
                // the few bytes after it are copied (a long line is not).
                let cut = carry.count - data.count + lastBreak
                let rest = Array(carry[(cut + 1)...])
                carry.removeSubrange((cut + 1)...)
                let chunk = carry
                carry = rest
                carryOffset += chunk.count
                return chunk
            }
        }
        guard !carry.isEmpty else { return nil }
        defer { carry = [] }
        return carry
    }
}
