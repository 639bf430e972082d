/// Folded text with a map back to the text it came from.
@_spi(Performance) public struct FoldedText: Sendable {
    /// The folded text as UTF-8.
    public let bytes: [UInt8]
    /// For each folded byte, the UTF-8 offset in the source of the code point
    /// that produced it; one more entry at the end holds the source's length.
    public let sourceOffsets: [Int32]

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The source UTF-8 range behind the folded bytes `range`: from the start
    /// of the code point that produced its first byte to the start of the next
    /// code point that produced any output. So a match ending on a base letter
    /// also takes the combining marks the fold removed after it (NFD input).
    public func sourceRange(ofFolded range: Range<Int>) -> Range<Int> {
        sourceOffsets.withUnsafeBufferPointer { Self.sourceRange(ofFolded: range, sourceOffsets: $0) }
    }

    /// `sourceRange(ofFolded:)` on a fold's offsets lent as a buffer (one
    /// entry per folded byte and one more, the source's length).
    public static func sourceRange(ofFolded range: Range<Int>, sourceOffsets: UnsafeBufferPointer<Int32>) -> Range<Int> {
        let start = Int(sourceOffsets[range.lowerBound])
        guard range.upperBound > range.lowerBound else { return start..<start }
        let last = sourceOffsets[range.upperBound - 1]
        var next = range.upperBound
        while next < sourceOffsets.count - 1 && sourceOffsets[next] == last { next += 1 }
        return start..<Int(sourceOffsets[next])
    }
}

/// The fast path of the fold: scans UTF-8 bytes, looks every code point up in
/// the `FoldTable` (ICU is called once per block of 128 code points, never per
/// character), copies ASCII through a 128-entry table, collapses white space
/// and applies `IYSpelling`, and records where each output byte came from.
///
/// It gives the same text as `Fold.reference` (tested over the whole BMP and
/// on NFC and NFD documents). A folder keeps its own copy of the table pages
/// it has used, so use one per thread.
public final class FastFolder {
    private let table: FoldTable
    /// One page per block of 128 code points, allocated on first use. Each
    /// entry packs a code point's fold: the low byte is its length (0…7) and
    /// the next seven bytes its UTF-8; `longEntry` marks a fold of more than
    /// seven bytes, read from the table's block instead.
    private let pages: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>
    private var longBlocks: [Int: FoldTable.Block] = [:]
    /// Per block of `pages`: `identityBlock` when every code point in it
    /// is three bytes of UTF-8 and folds to itself (the CJK ideographs), so
    /// that a run of them is copied without looking each up;
    /// `otherBlock` once the page is made and is not; 0 before.
    private let blockKinds: UnsafeMutablePointer<UInt8>
    private static let identityBlock: UInt8 = 1, otherBlock: UInt8 = 2
    private let asciiFold: UnsafeMutablePointer<UInt8>
    /// Whether the table folds every printable ASCII byte (U+0020–U+007F) to
    /// itself in lower case, so that eight of them can be folded at once.
    private var printableASCIIIsLowerCase = false
    private static let longEntry: UInt64 = 0xFF
    private static let spaceEntry: UInt64 = 1 | (0x20 << 8)

    public init() throws(ICUError) {
        table = try FoldTable.shared()
        pages = .allocate(capacity: FoldTable.blockCount)
        pages.initialize(repeating: nil, count: FoldTable.blockCount)
        blockKinds = .allocate(capacity: FoldTable.blockCount)
        blockKinds.initialize(repeating: 0, count: FoldTable.blockCount)
        asciiFold = .allocate(capacity: 128)
        asciiFold.initialize(repeating: 0, count: 128)
        let asciiPage = try page(0)
        for code in 0..<128 {
            // Every ASCII character folds to one ASCII byte (letters to lower
            // case, white space to a space); check rather than assume.
            let entry = asciiPage[code]
            guard entry & 0xFF == 1, (entry >> 8) & 0xFF < 0x80 else {
                throw ICUError(operation: "fold ASCII character \(code) to one byte", code: 5)
            }
            asciiFold[code] = UInt8(truncatingIfNeeded: entry >> 8)
        }
        let fold = asciiFold
        printableASCIIIsLowerCase = (0x20..<0x80).allSatisfy { code in
            fold[code] == (code >= 0x41 && code <= 0x5A ? UInt8(code | 0x20) : UInt8(code))
        }
    }

    deinit {
        for index in 0..<FoldTable.blockCount { pages[index]?.deallocate() }
        pages.deallocate()
        blockKinds.deallocate()
        asciiFold.deallocate()
    }

    private func page(_ index: Int) throws(ICUError) -> UnsafeMutablePointer<UInt64> {
        if let page = pages[index] { return page }
        let block = try table.block(index)
        let page = UnsafeMutablePointer<UInt64>.allocate(capacity: FoldTable.blockSize)
        let firstCodePoint = UInt32(index << FoldTable.blockShift)
        var identity = firstCodePoint >= 0x800 && firstCodePoint < 0x10000
        for slot in 0..<FoldTable.blockSize {
            let start = Int(block.ends[slot]), end = Int(block.ends[slot + 1])
            if end - start > 7 {
                page[slot] = Self.longEntry
                longBlocks[index] = block
                continue
            }
            var entry = UInt64(end - start)
            for (shift, position) in (start..<end).enumerated() {
                entry |= UInt64(block.bytes[position]) << (8 * (shift + 1))
            }
            page[slot] = entry
            if identity {
                let codePoint = firstCodePoint + UInt32(slot)
                let own = 3 | UInt64(0xE0 | codePoint >> 12) << 8 | UInt64(0x80 | (codePoint >> 6) & 0x3F) << 16
                    | UInt64(0x80 | codePoint & 0x3F) << 24
                identity = entry == own
            }
        }
        pages[index] = page
        blockKinds[index] = identity ? Self.identityBlock : Self.otherBlock
        return page
    }

    /// Folds UTF-8 text, keeping the offset map. Throws `InvalidUTF8` at the
    /// first ill-formed byte.
    @_spi(Performance) public func fold(utf8 source: UnsafeBufferPointer<UInt8>) throws(FoldError) -> FoldedText {
        let count = source.count
        guard count > 0 else { return FoldedText(bytes: [], sourceOffsets: [0]) }
        guard count < Int(Int32.max) / 8 else { throw .tooLarge(bytes: count) }
        // Real text folds to at most about its own length; start there and
        // start again with room for the worst case if a text expands more.
        var capacity = count + count / 4 + 64
        while true {
            var overflowed = false
            var failure: FoldError? = nil
            var outputCount = 0
            var offsets: [Int32] = []
            let output = [UInt8](unsafeUninitializedCapacity: capacity) { outputBuffer, initialized in
                offsets = [Int32](unsafeUninitializedCapacity: capacity + 1) { offsetBuffer, offsetsInitialized in
                    do throws(FoldError) {
                        if let produced = try foldUnchecked(
                            source, into: outputBuffer.baseAddress!, offsets: offsetBuffer.baseAddress!,
                            capacity: capacity)
                        {
                            outputCount = produced
                            offsetBuffer[produced] = Int32(count)
                            offsetsInitialized = produced + 1
                        } else {
                            overflowed = true
                            offsetsInitialized = 0
                        }
                    } catch {
                        failure = error
                        offsetsInitialized = 0
                    }
                }
                initialized = overflowed || failure != nil ? 0 : outputCount
            }
            if let failure { throw failure }
            if overflowed {
                capacity = count * 18 + 64  // NFKD expands one code point to at most 18 UTF-8 bytes
                continue
            }
            return FoldedText(bytes: output, sourceOffsets: offsets)
        }
    }

    /// The scanning loop over a whole text, then the i/y rule. Returns the
    /// number of bytes written, or nil when `capacity` was too small.
    private func foldUnchecked(
        _ source: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
        offsets: UnsafeMutablePointer<Int32>, capacity: Int
    ) throws(FoldError) -> Int? {
        var out = 0
        var lastByte: UInt8 = 0
        guard try foldRange(source, 0..<source.count, into: output, offsets: offsets, capacity: capacity,
                            out: &out, lastByte: &lastByte)
        else { return nil }
        IYSpelling.canonicalize(UnsafeMutableBufferPointer(start: output, count: out))
        return out
    }

    /// The scanning loop over `source[range]` (which starts and ends between
    /// characters), writing from `output[out]` on and advancing `out`;
    /// `lastByte` is the last byte written before, for white-space runs.
    /// Offsets are into the whole of `source`. Returns false when `capacity`
    /// was too small.
    func foldRange(
        _ source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into output: UnsafeMutablePointer<UInt8>,
        offsets: UnsafeMutablePointer<Int32>, capacity: Int, out written: inout Int, lastByte previous: inout UInt8
    ) throws(FoldError) -> Bool {
        // Locals in the loop, not the caller's variables.
        var out = written, lastByte = previous
        defer {
            written = out
            previous = lastByte
        }
        let base = source.baseAddress!
        let count = range.upperBound
        let ascii = asciiFold
        var index = range.lowerBound
        let runsAtOnce = printableASCIIIsLowerCase
        while index < count {
            let byte = base[index]
            if byte < 0x80 {
                if runsAtOnce && index + 8 <= count && out + 8 <= capacity {
                    // Up to eight bytes of printable ASCII at once: lowered and stored as one word.
                    let (lowered, length) = Self.printableASCIIRun(ByteWord.load(base + index), afterSpace: lastByte == 0x20)
                    if length > 0 {
                        UnsafeMutableRawPointer(output + out).storeBytes(of: lowered, as: UInt64.self)
                        for k in 0..<8 { offsets[out + k] = Int32(truncatingIfNeeded: index &+ k) }
                        out &+= length
                        index &+= length
                        lastByte = UInt8(truncatingIfNeeded: lowered >> UInt64(8 * (length - 1)))
                        continue
                    }
                }
                let folded = ascii[Int(byte)]
                if folded != 0x20 || lastByte != 0x20 {
                    if out == capacity { return false }
                    output[out] = folded
                    offsets[out] = Int32(truncatingIfNeeded: index)
                    out += 1
                    lastByte = folded
                }
                index += 1
                continue
            }
            guard let (value, length) = UTF8Decoding.decodeMultibyte(base, at: index, count: count) else {
                throw .invalidUTF8(InvalidUTF8(byteOffset: index))
            }
            let blockIndex = Int(value >> UInt32(FoldTable.blockShift))
            let slot = Int(value & UInt32(FoldTable.blockSize - 1))
            let entry: UInt64
            if let page = pages[blockIndex] {
                entry = page[slot]
            } else {
                do { entry = try page(blockIndex)[slot] } catch { throw .icu(error) }
            }
            if entry == Self.spaceEntry && lastByte == 0x20 {
                // A second white-space character in a run: the run is one space.
            } else if entry == Self.longEntry {
                let block = longBlocks[blockIndex]!
                let start = Int(block.ends[slot]), end = Int(block.ends[slot + 1])
                if out + (end - start) > capacity { return false }
                for position in start..<end {
                    output[out] = block.bytes[position]
                    offsets[out] = Int32(truncatingIfNeeded: index)
                    out += 1
                }
                lastByte = block.bytes[end - 1]
            } else {
                let length = Int(entry & 0xFF)
                if out &+ 8 <= capacity {
                    // Room for a whole word: store all seven bytes and eight offsets, keep `length`.
                    UnsafeMutableRawPointer(output + out).storeBytes(of: entry >> 8, as: UInt64.self)
                    let offset = Int32(truncatingIfNeeded: index)
                    for k in 0..<8 { offsets[out &+ k] = offset }
                    out &+= length
                    // The fold's last byte is the entry's byte `length` (byte 0 is the length).
                    if length > 0 { lastByte = UInt8(truncatingIfNeeded: entry >> UInt64(8 &* length)) }
                } else {
                    if out + length > capacity { return false }
                    var bytes = entry >> 8
                    for _ in 0..<length {
                        output[out] = UInt8(truncatingIfNeeded: bytes)
                        offsets[out] = Int32(truncatingIfNeeded: index)
                        out += 1
                        lastByte = UInt8(truncatingIfNeeded: bytes)
                        bytes >>= 8
                    }
                }
            }
            index &+= length
            if entry & 0xFF == 3 && blockKinds[blockIndex] == Self.identityBlock {
                // A Han character: the ones after it that fold to themselves too are copied as they are.
                copyIdentityRun(base, &index, count, output, offsets, capacity, &out, &lastByte)
            }
        }
        return true
    }

    /// Copies the run of three-byte characters at `index` that fold to
    /// themselves (those of an `identityBlock`), with their offsets; stops at
    /// the first other character or when the output is nearly full.
    @inline(__always)
    private func copyIdentityRun(
        _ base: UnsafePointer<UInt8>, _ index: inout Int, _ count: Int, _ output: UnsafeMutablePointer<UInt8>,
        _ offsets: UnsafeMutablePointer<Int32>, _ capacity: Int, _ out: inout Int, _ lastByte: inout UInt8
    ) {
        while index &+ 3 <= count && out &+ 4 <= capacity {
            let lead = base[index], c1 = base[index &+ 1], c2 = base[index &+ 2]
            // Lead bytes E1–EC and EE–EF take any continuation bytes (no overlongs, no surrogates).
            guard lead >= 0xE1 && lead != 0xED && lead <= 0xEF && c1 & 0xC0 == 0x80 && c2 & 0xC0 == 0x80,
                  blockKinds[Int(lead & 0x0F) << 5 | Int(c1 & 0x3F) >> 1] == Self.identityBlock
            else { return }
            // Four bytes stored, three kept: the next character overwrites the fourth.
            UnsafeMutableRawPointer(output + out).storeBytes(of: UInt32(lead) | UInt32(c1) << 8 | UInt32(c2) << 16,
                                                             as: UInt32.self)
            let offset = Int32(truncatingIfNeeded: index)
            offsets[out] = offset
            offsets[out &+ 1] = offset
            offsets[out &+ 2] = offset
            out &+= 3
            index &+= 3
            lastByte = c2
        }
    }

    /// The run of printable ASCII that starts `word` (eight bytes,
    /// little-endian) and folds to itself in lower case: its length (0…8)
    /// and the word with the run's upper-case letters lowered (the bytes
    /// after the run are left for the caller to overwrite). The run stops
    /// before a byte of 0x80 or more, a control character, and the second
    /// space of two (or a first space after a space), which the fold drops.
    @inline(__always)
    static func printableASCIIRun(_ word: UInt64, afterSpace: Bool) -> (lowered: UInt64, length: Int) {
        // With the high bits cleared no byte carries into the next, so every answer below is exact.
        let low = word & ~ByteWord.high
        let spaces = ByteWord.bytes(of: word, equalTo: 0x20)
        var stops = (word & ByteWord.high) | ByteWord.bytes(of: low, below: 0x20) | (spaces & (spaces << 8))
        if afterSpace { stops |= spaces & 0x80 }
        let length = stops == 0 ? 8 : stops.trailingZeroBitCount >> 3
        // 0x20 added to each upper-case letter (its high bit moved down two places).
        return (word | (ByteWord.bytes(of: low, in: 0x41, 0x5A) >> 2), length)
    }

    /// Folds a string (always valid UTF-8).
    public func fold(_ text: String) throws(ICUError) -> String {
        var text = text
        let result = text.withUTF8 { buffer -> Result<FoldedText, FoldError> in
            do throws(FoldError) { return .success(try fold(utf8: buffer)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let folded): return folded.string
        case .failure(.icu(let error)): throw error
        case .failure(let other):
            // A Swift string is valid UTF-8 and far below the size limit.
            throw ICUError(operation: "fold text (\(other))", code: 1)
        }
    }
}

/// Why a fold failed.
public enum FoldError: Error, Equatable, CustomStringConvertible, Sendable {
    case invalidUTF8(InvalidUTF8)
    case tooLarge(bytes: Int)
    case icu(ICUError)

    public var description: String {
        switch self {
        case .invalidUTF8(let error): error.description
        case .tooLarge(let bytes): "text of \(bytes) bytes is over the 256 MiB limit of one fold"
        case .icu(let error): error.description
        }
    }
}
