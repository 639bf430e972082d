import NomenData
import Synchronization

/// The fold of every code point, a block of 128 code points at a time, the
/// first time any code point of the block is needed, and shared by every
/// `FastFolder` in the process.
///
/// Blocks come from the precomputed table (`PrecomputedFold`, written by ICU
/// from `FoldRules` at build time) when it was made from these rules and
/// this ICU's Unicode version, so a run does not compile the ICU
/// transliterator at start-up; otherwise ICU computes them here.
///
/// Folding one code point at a time is exact because every step of the fold
/// is context-free except the white-space collapse, which `FastFolder` does
/// itself (see `FoldRules`).
final class FoldTable: Sendable {
    static let blockShift = 7
    static let blockSize = 1 << blockShift
    static let blockCount = 0x110000 >> blockShift

    /// The folded UTF-8 of each code point of one block.
    final class Block: Sendable {
        /// All outputs, one after another.
        let bytes: [UInt8]
        /// `bytes[ends[i]..<ends[i+1]]` is the fold of the block's i-th code point.
        let ends: [UInt32]

        init(bytes: [UInt8], ends: [UInt32]) {
            self.bytes = bytes
            self.ends = ends
        }
    }

    /// Compiled on first use: only when a block is not precomputed, or for `foldOne`.
    private let transliterator = Mutex<Transliterator?>(nil)
    private let precomputed: PrecomputedFold?
    private let blocks = Mutex<[Int: Block]>([:])

    private static let sharedResult = Result { () throws(ICUError) -> FoldTable in try FoldTable() }

    static func shared() throws(ICUError) -> FoldTable {
        switch sharedResult {
        case .success(let table): return table
        case .failure(let error): throw error
        }
    }

    private init() throws(ICUError) {
        precomputed = PrecomputedFold.current
    }

    /// A table that computes every block with ICU, ignoring the precomputed
    /// one (`PrecomputedFold.text` writes the table from it).
    static func icuOnly() -> FoldTable { FoldTable(precomputed: nil) }

    private init(precomputed: PrecomputedFold?) {
        self.precomputed = precomputed
    }

    private func withTransliterator<T>(_ body: (Transliterator) throws(ICUError) -> T) throws(ICUError) -> T {
        try transliterator.withLock { (cached: inout Transliterator?) throws(ICUError) -> T in
            if cached == nil { cached = try Transliterator(id: "nomen-fold", rules: FoldRules.icuRules) }
            return try body(cached!)
        }
    }

    /// The fold of one code point by ICU, on its own: the reference each
    /// block is checked against in the tests.
    func foldOne(_ scalar: Unicode.Scalar) throws(ICUError) -> String {
        try withTransliterator { (transliterator) throws(ICUError) in try transliterator.transliterate(String(scalar)) }
    }

    func block(_ index: Int) throws(ICUError) -> Block {
        if let cached = blocks.withLock({ $0[index] }) { return cached }
        let computed: Block
        if let precomputed { computed = precomputed.block(index) } else { computed = try computeBlock(index) }
        return blocks.withLock { table in
            if let raced = table[index] { return raced }
            table[index] = computed
            return computed
        }
    }

    /// Folds the whole block in one ICU call, the code points separated by a
    /// private-use character that the fold keeps as it is; falls back to one
    /// call per code point if the pieces do not come back one for one.
    private func computeBlock(_ index: Int) throws(ICUError) -> Block {
        let first = UInt32(index << Self.blockShift)
        let range = first..<(first + UInt32(Self.blockSize))
        let separator: Unicode.Scalar = range.contains(0xE000) ? "\u{F8FF}" : "\u{E000}"
        var joined = String.UnicodeScalarView()
        for value in range {
            if let scalar = Unicode.Scalar(value) { joined.append(scalar) }
            joined.append(separator)
        }
        let folded = try withTransliterator { (transliterator) throws(ICUError) in
            try transliterator.transliterate(String(joined))
        }
        var pieces = folded.unicodeScalars.split(separator: separator, omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        if pieces.last == "" { pieces.removeLast() }
        if pieces.count != Self.blockSize {
            pieces = []
            for value in range {
                if let scalar = Unicode.Scalar(value) {
                    pieces.append(try foldOne(scalar))
                } else {
                    pieces.append("")
                }
            }
        }
        var bytes: [UInt8] = []
        var ends: [UInt32] = [0]
        for piece in pieces {
            bytes.append(contentsOf: piece.utf8)
            ends.append(UInt32(bytes.count))
        }
        return Block(bytes: bytes, ends: ends)
    }
}
