/// FNV-1a, 64 bits: a fast, stable hash of bytes, for file names, table
/// checks and pre-filters (not a defence against chosen collisions).
@_spi(Performance) public enum FNV1a {
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }

    /// The hash of no bytes, to start from.
    @inlinable
    public static var offsetBasis: UInt64 { 0xCBF2_9CE4_8422_2325 }

    /// The hash with one more byte, for a caller that hashes as it reads.
    @inlinable @inline(__always)
    public static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
}
