/// JSON written straight into a byte buffer: no intermediate `String` per
/// value. String literals are escaped as `AnnotationRendering.quoted`
/// escapes them (`"`, `\`, control characters, U+2028 and U+2029); most
/// texts need none, and go in as their UTF-8 bytes at once.
///
/// A class that owns its buffer: a rendering makes thousands of appends of a
/// few bytes each, and `Array.append(contentsOf:)` (and a copy-on-write
/// check) spent more on checks than on the bytes: a quarter of answering an
/// annotate request went to writing its JSON.
public final class JSONBytes {
    // Not checked for exclusive access at run time: one thread owns a
    // buffer, and the checks were 2% of writing annotate's JSON.
    @exclusivity(unchecked) private var start: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var capacity: Int

    public init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// A long output rendered through one reused buffer, handed to `write`
    /// a piece of about `pieceSize` bytes at a time, so that it is never held
    /// whole nor copied into an array (annotate's JSON of a 50 MB text is
    /// 98 MB). `render` writes into the buffer and calls `mayEnd` wherever a
    /// piece may end (after a mention, a finding).
    @inline(__always)
    public static func inPieces(of pieceSize: Int = 1 << 20, to write: (UnsafeBufferPointer<UInt8>) -> Void,
                                _ render: (_ out: JSONBytes, _ mayEnd: () -> Void) -> Void) {
        let out = JSONBytes(capacity: pieceSize + 4096)
        // `write` is called only within this call, before it returns.
        withoutActuallyEscaping(write) { write in
            render(out) {
                guard out.count >= pieceSize else { return }
                out.withBytes(write)
                out.count = 0
            }
            if out.count > 0 { out.withBytes(write) }
        }
    }

    /// Lends the bytes written so far without copying them (a large
    /// document goes to its file as it is).
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    /// Bytes that are JSON syntax already.
    @inline(__always)
    public func append(_ text: StaticString) {
        if text.hasPointerRepresentation {
            append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            text.withUTF8Buffer { append($0) }
        }
    }

    /// A value that is JSON already (a number or literal written elsewhere).
    public func append(raw text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Bytes that are JSON already (a list rendered once and kept).
    func append(raw bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    public func append(number: Int) {
        if number < 0 {
            append(byte: UInt8(ascii: "-"))
            // The magnitude of Int.min does not fit in an Int: write its digits from a UInt.
            append(digits: UInt(bitPattern: ~number) &+ 1)
        } else {
            append(digits: UInt(number))
        }
    }

    private func append(digits value: UInt) {
        var length = 0
        var rest = value
        repeat { length += 1; rest /= 10 } while rest > 0
        reserve(length)
        rest = value
        for position in stride(from: count + length - 1, through: count, by: -1) {
            start[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count += length
    }

    /// A JSON string literal of `text`.
    public func append(quoted text: String) {
        var text = text
        text.withUTF8 { append(quotedUTF8: $0) }
    }

    /// A JSON string literal of UTF-8 bytes (a string of the compiled
    /// glossary, written without making a `String` of it).
    func append(quotedUTF8 utf8: UnsafeBufferPointer<UInt8>) {
        append(byte: UInt8(ascii: "\""))
        if !Self.needsEscaping(utf8) {
            append(utf8)
        } else {
            var escaped = AnnotationRendering.quoted(String(decoding: utf8, as: UTF8.self))
            escaped.withUTF8 { append(UnsafeBufferPointer(rebasing: $0.dropFirst().dropLast())) }
        }
        append(byte: UInt8(ascii: "\""))
    }

    func append(quotedUTF8 utf8: ArraySlice<UInt8>) {
        utf8.withUnsafeBufferPointer { append(quotedUTF8: $0) }
    }

    /// Whether a byte of `utf8` is below 0x20, `"`, `\` or 0xE2 (which
    /// leads U+2028 and U+2029); anything else goes into a literal as it is.
    /// Eight bytes at a time: a word has a byte equal to `b` when
    /// `word ^ b*0x01…01` has a zero byte, and a byte below 0x20 when
    /// subtracting 0x20 from each byte borrows into a byte whose top bit was clear.
    static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        @inline(__always) func hasByteBelow0x20(_ word: UInt64) -> Bool { (word &- ones &* 0x20) & ~word & highs != 0 }
        var index = 0
        if let base = utf8.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= utf8.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if hasByteBelow0x20(word) || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
                    || hasZeroByte(word ^ (ones &* 0xE2)) {
                    break  // the byte loop below says which, and whether it is a false alarm
                }
                index += 8
            }
        }
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2 { return true }
            index += 1
        }
        return false
    }

    /// A string literal, or `null`.
    public func append(quotedOrNull text: String?) {
        if let text { append(quoted: text) } else { append("null") }
    }

    @inline(__always)
    private func append(byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always)
    private func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let source = piece.baseAddress, piece.count > 0 else { return }
        reserve(piece.count)
        (start + count).initialize(from: source, count: piece.count)
        count += piece.count
    }

    @inline(__always)
    private func reserve(_ more: Int) {
        if count + more > capacity { grow(toHold: count + more) }
    }

    private func grow(toHold needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.initialize(from: start, count: count)
        start.deallocate()
        start = bigger
        capacity = newCapacity
    }
}
