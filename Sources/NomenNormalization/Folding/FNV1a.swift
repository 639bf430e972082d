/// FNV-1a, 64 bits: a fast, stable hash of bytes, for file names, table
/// checks and pre-filters (not a defence against chosen collisions).
@_spi(Performance) public enum FNV1a {
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
