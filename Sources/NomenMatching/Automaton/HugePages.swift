#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back large tables with 2 MiB pages. The search reads
/// the trie and its key tables at random: with 4 KiB pages the 6-16 MB node
/// array of a 100k-1M entity glossary needs thousands of TLB entries and
/// most deep steps of a walk missed the TLB as well as the cache. Where
/// transparent huge pages are only given on request (`madvise` mode, the
/// usual default) this is the request; elsewhere it does nothing. Call it
/// before the memory is first written, so that the pages are made huge when
/// they are first touched.
enum HugePages {
    static let size = 2 << 20

    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
        guard buffer.count >= 2 * size, let base = buffer.baseAddress else { return }
        // Only the whole huge pages inside the buffer.
        let start = (Int(bitPattern: base) + size - 1) / size * size
        let end = (Int(bitPattern: base) + buffer.count) / size * size
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
        #endif
    }
}
