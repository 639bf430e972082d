/// Counting Unicode scalars in UTF-8, for scalar offsets: every byte that is
/// not a continuation byte (`10xxxxxx`) starts one.
public enum ScalarCount {
    /// The scalars that start in `bytes[range]`, eight bytes at a time.
    @inlinable
    public static func count(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress, !range.isEmpty else { return 0 }
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside the buffer")
        var index = range.lowerBound
        var scalars = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= range.upperBound {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A continuation byte has its top bit set and the next one clear.
            let continuation = word & ~(word << 1) & 0x8080_8080_8080_8080
            scalars += 8 - continuation.nonzeroBitCount
            index += 8
        }
        while index < range.upperBound {
            if base[index] & 0xC0 != 0x80 { scalars += 1 }
            index += 1
        }
        return scalars
    }
}
