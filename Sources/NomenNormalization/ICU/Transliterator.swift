internal import CICU
import Synchronization

/// An ICU transliterator (a system one by ID, or one compiled from rules).
///
/// ICU transliterators keep per-call state and are not thread-safe, so every
/// call takes the lock; the handle is only ever lent inside it.
public final class Transliterator: Sendable {
    /// The ID or name it was opened with, for messages.
    public let id: String
    private let handle: Mutex<OpaquePointer>

    /// Opens a system transliterator such as `Han-Latin/Names` or `Any-Latin`.
    public init(id: String) throws(ICUError) {
        let units = id.icuUnits
        var status: Int32 = 0
        let opened = nomen_icu_transliterator_open(units, Int32(units.count), &status)
        try status.checkICUSuccess("open transliterator \(id)")
        guard let opened else { throw ICUError(operation: "open transliterator \(id)", code: status) }
        self.id = id
        self.handle = Mutex(opened)
    }

    /// Compiles `rules` (ICU transform rule syntax) under the name `id`.
    public init(id: String, rules: String) throws(ICUError) {
        let idUnits = id.icuUnits
        let ruleUnits = rules.icuUnits
        var status: Int32 = 0
        var line: Int32 = 0
        var offset: Int32 = 0
        let opened = nomen_icu_transliterator_open_rules(
            idUnits, Int32(idUnits.count), ruleUnits, Int32(ruleUnits.count), &line, &offset, &status)
        if status.isICUFailure || opened == nil {
            throw ICUError(operation: "compile transliterator rules \(id)", code: status,
                           ruleLine: Int(line), ruleOffset: Int(offset))
        }
        self.id = id
        self.handle = Mutex(opened!)
    }

    deinit {
        handle.withLock { nomen_icu_transliterator_close($0) }
    }

    public func transliterate(_ text: String) throws(ICUError) -> String {
        let source = text.icuUnits
        if source.isEmpty { return "" }
        let result = try handle.withLock { (pointer: inout OpaquePointer) throws(ICUError) -> [UInt16] in
            try withICUBuffer(
                initialCapacity: source.count * 2 + 16, operation: "transliterate with \(id)"
            ) { buffer, capacity, status in
                // utrans works in place: copy the input in, then let it grow.
                let copied = Swift.min(source.count, Int(capacity))
                source.withUnsafeBufferPointer { input in
                    buffer.update(from: input.baseAddress!, count: copied)
                }
                if copied < source.count {
                    status = NOMEN_ICU_BUFFER_OVERFLOW
                    return Int32(source.count * 2)
                }
                return nomen_icu_transliterate(pointer, buffer, Int32(source.count), capacity, &status)
            }
        }
        return String(icuUnits: result)
    }
}
