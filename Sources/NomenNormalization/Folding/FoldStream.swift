/// The fold of one text made a block at a time, just ahead of the code that
/// reads it, into buffers kept from one text to the next.
///
/// Folding a whole document first and searching it after meant reading the
/// folded text and its offset map (five bytes per byte of text) back from
/// memory: by then it had left the caches, and every new document's buffers
/// were fresh pages. Here a reader asks for more (`extend`) as it reaches
/// the end of what is ready; the text is the same as `FastFolder.fold`'s.
///
/// The buffers start with room for the text folding to 1.25 times its
/// length, as `FastFolder.fold` does, and grow when a text folds longer, so
/// they may move at each `extend`: `readable` lends them with a
/// `generation`, and `isCurrent` tells whether a view lent earlier is still
/// valid (readers assert it in debug builds). One per thread.
@_spi(Performance) public final class FoldStream {
    /// Source bytes folded per `extend`, about 32 KiB (rounded up to a
    /// character boundary); tests use tiny blocks to put a boundary
    /// everywhere.
    public static let blockSize = 32 << 10
    private let blockSize: Int

    private let folder: FastFolder
    private var source = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var sourceIndex = 0
    /// The folded bytes; `bytes[0 ..< count]` are final.
    @usableFromInline private(set) var bytes: UnsafeMutablePointer<UInt8>
    /// The source offset of each folded byte (as `FoldedText.sourceOffsets`);
    /// `sourceOffsets[count]` is the source's length once `isComplete`.
    public private(set) var sourceOffsets: UnsafeMutablePointer<Int32>
    /// Counts the moves of the buffers.
    public private(set) var generation = 0
    private var capacity = 0
    /// Bytes written; the last of them may still change (the i/y rule looks
    /// one byte ahead), so `count` stays one behind until the end.
    private var written = 0
    public private(set) var count = 0
    public private(set) var isComplete = true
    private var lastByte: UInt8 = 0

    public init(folder: FastFolder, blockSize: Int = FoldStream.blockSize) {
        precondition(blockSize > 0, "an empty block")
        self.folder = folder
        self.blockSize = blockSize
        bytes = .allocate(capacity: 1)
        sourceOffsets = .allocate(capacity: 2)
        sourceOffsets[0] = 0
    }

    deinit {
        bytes.deallocate()
        sourceOffsets.deallocate()
    }

    /// Starts on `text`, which must stay valid until the next start. Nothing
    /// is folded yet.
    public func start(_ text: UnsafeBufferPointer<UInt8>) throws(FoldError) {
        guard text.count < Int(Int32.max) / 8 else { throw .tooLarge(bytes: text.count) }
        written = 0
        // Real text folds to at most about its own length.
        grow(to: text.count + text.count / 4 + 64)
        source = text
        sourceIndex = 0
        count = 0
        lastByte = 0
        isComplete = text.isEmpty
        sourceOffsets[0] = Int32(truncatingIfNeeded: text.count)
    }

    /// Folds the next block of the source; afterwards `count` has grown or
    /// the fold is complete.
    public func extend() throws(FoldError) {
        guard !isComplete else { return }
        let sourceCount = source.count
        var end = min(sourceCount, sourceIndex + blockSize)
        // Never split a character: the fold looks at one code point at a time.
        while end < sourceCount && source[end] & 0xC0 == 0x80 { end += 1 }
        let writtenBefore = written, lastBefore = lastByte
        if try !folder.foldRange(source, sourceIndex..<end, into: bytes, offsets: sourceOffsets,
                                 capacity: capacity, out: &written, lastByte: &lastByte) {
            // NFKD expands one code point to at most 18 UTF-8 bytes: room for the rest at that.
            written = writtenBefore
            lastByte = lastBefore
            grow(to: written + (sourceCount - sourceIndex) * 18 + 64)
            let fits = try folder.foldRange(source, sourceIndex..<end, into: bytes, offsets: sourceOffsets,
                                            capacity: capacity, out: &written, lastByte: &lastByte)
            precondition(fits, "a fold longer than 18 bytes per source byte")
        }
        sourceIndex = end
        let all = UnsafeMutableBufferPointer(start: bytes, count: written)
        if end == sourceCount {
            IYSpelling.canonicalize(all, yIn: count..<written)
            sourceOffsets[written] = Int32(truncatingIfNeeded: sourceCount)
            count = written
            isComplete = true
        } else if written > count {
            IYSpelling.canonicalize(all, yIn: count..<(written - 1))
            count = written - 1
        }
    }

    /// Makes room for `needed` folded bytes, keeping those written.
    private func grow(to needed: Int) {
        guard needed > capacity else { return }
        let newBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: needed)
        let newOffsets = UnsafeMutablePointer<Int32>.allocate(capacity: needed + 1)
        newBytes.update(from: bytes, count: written)
        newOffsets.update(from: sourceOffsets, count: written)
        bytes.deallocate()
        sourceOffsets.deallocate()
        bytes = newBytes
        sourceOffsets = newOffsets
        capacity = needed
        generation &+= 1
    }

    /// The final folded bytes so far, `0 ..< count`: valid until the buffers
    /// move (`generation` changes), at the latest at the next `extend`.
    @inlinable
    public var readable: (bytes: UnsafeBufferPointer<UInt8>, generation: Int) {
        (UnsafeBufferPointer(start: bytes, count: count), generation)
    }

    /// Whether a view `readable` lent at `generation` still points at the buffers.
    @inline(__always)
    public func isCurrent(_ generation: Int) -> Bool { generation == self.generation }

    /// Extends until `target` bytes are final or the fold is complete.
    @inline(__always)
    public func extend(toAtLeast target: Int) throws(FoldError) {
        while count < target && !isComplete { try extend() }
    }

    /// As `FoldedText.sourceRange(ofFolded:)`; folds further when the code
    /// point at the end of `range` may go on past what is ready.
    public func sourceRange(ofFolded range: Range<Int>) throws(FoldError) -> Range<Int> {
        let start = Int(sourceOffsets[range.lowerBound])
        guard range.upperBound > range.lowerBound else { return start..<start }
        let last = sourceOffsets[range.upperBound - 1]
        var next = range.upperBound
        while true {
            while next < count && sourceOffsets[next] == last { next += 1 }
            if next < count || isComplete { break }
            try extend()
        }
        return start..<Int(sourceOffsets[next])
    }
}
