internal import CICU

/// A failure reported by ICU, carrying ICU's own name for the status code
/// (`U_ILLEGAL_ARGUMENT_ERROR`) so that a message can be looked up.
public struct ICUError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What nomen asked ICU to do ("normalize to NFC", "open transliterator Han-Latin").
    public let operation: String
    /// ICU's `UErrorCode` value.
    public let code: Int32
    /// ICU's name for `code`.
    public let name: String
    /// For rule compilation errors: where in the rules ICU stopped.
    public let ruleLine: Int?
    public let ruleOffset: Int?

    init(operation: String, code: Int32, ruleLine: Int? = nil, ruleOffset: Int? = nil) {
        self.operation = operation
        self.code = code
        self.name = String(cString: nomen_icu_error_name(code))
        self.ruleLine = ruleLine
        self.ruleOffset = ruleOffset
    }

    public var description: String {
        var text = "ICU could not \(operation): \(name)"
        if let ruleLine, let ruleOffset {
            text += " (rules line \(ruleLine), offset \(ruleOffset))"
        }
        return text
    }
}

extension Int32 {
    /// ICU's U_FAILURE: errors are positive, warnings negative.
    var isICUFailure: Bool { self > 0 }

    /// Turns an ICU status into a thrown error; the one place that does so.
    func checkICUSuccess(_ operation: @autoclosure () -> String) throws(ICUError) {
        if isICUFailure {
            throw ICUError(operation: operation(), code: self)
        }
    }
}

/// The one resize-and-retry helper for ICU functions that write UTF-16 into a
/// caller's buffer: calls `body` with a buffer of a guessed size and, when ICU
/// reports that the result did not fit, once more with the size ICU asked for.
func withICUBuffer(
    initialCapacity: Int,
    operation: @autoclosure () -> String,
    _ body: (UnsafeMutablePointer<UInt16>, Int32, inout Int32) -> Int32
) throws(ICUError) -> [UInt16] {
    var capacity = Swift.max(initialCapacity, 16)
    for _ in 0..<2 {
        var status: Int32 = 0
        var result = [UInt16](repeating: 0, count: capacity)
        let length = result.withUnsafeMutableBufferPointer { buffer in
            body(buffer.baseAddress!, Int32(buffer.count), &status)
        }
        if status == NOMEN_ICU_BUFFER_OVERFLOW, Int(length) > capacity {
            capacity = Int(length)
            continue
        }
        try status.checkICUSuccess(operation())
        result.removeSubrange(Int(length)...)
        return result
    }
    throw ICUError(operation: operation(), code: NOMEN_ICU_BUFFER_OVERFLOW)
}

extension String {
    /// The string's UTF-16 code units, as ICU takes them.
    var icuUnits: [UInt16] { Array(utf16) }

    init(icuUnits: [UInt16]) {
        self = String(decoding: icuUnits, as: UTF16.self)
    }
}

/// Facts about the ICU library nomen is linked with.
public enum ICUInfo {
    /// The Unicode version of ICU's data ("15.0" with ICU 72).
    public static var unicodeVersion: String {
        var buffer = [CChar](repeating: 0, count: 16)
        nomen_icu_unicode_version(&buffer, Int32(buffer.count))
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
