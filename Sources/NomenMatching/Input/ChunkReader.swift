import Foundation

/// Reads a large file a chunk at a time, each chunk ending at a line break,
/// so memory stays bounded and no name is cut in two. A line longer than a
/// chunk makes a longer chunk.
public struct ChunkReader {
    /// Bytes read from the file at a time.
    public static let defaultChunkSize = 8 << 20

    private let handle: FileHandle
    private let chunkSize: Int
    private var carry: [UInt8] = []
    private var finished = false

    public init(path: String, chunkSize: Int = ChunkReader.defaultChunkSize) throws(InputError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(path: path, reason: "cannot be read") }
        self.handle = handle
        self.chunkSize = max(1, chunkSize)
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
            carry.append(contentsOf: data)
            if let cut = carry.lastIndex(of: 0x0A) {
                let chunk = Array(carry[...cut])
                carry.removeSubrange(...cut)
                return chunk
            }
        }
        guard !carry.isEmpty else { return nil }
        defer { carry = [] }
        return carry
    }
}
