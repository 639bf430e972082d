internal import CICU
import Synchronization

/// ICU's spoof checker (UTS #39), for the confusable skeleton of a string:
/// two strings that look alike have the same skeleton (Cyrillic "а" and
/// Latin "a" both become "a").
public final class SpoofChecker: Sendable {
    private let handle: Mutex<OpaquePointer>

    public init() throws(ICUError) {
        var status: Int32 = 0
        let opened = nomen_icu_spoof_open(&status)
        if status.isICUFailure || opened == nil {
            throw ICUError(operation: "open the spoof checker", code: status)
        }
        handle = Mutex(opened!)
    }

    deinit {
        handle.withLock { nomen_icu_spoof_close($0) }
    }

    public func skeleton(_ text: String) throws(ICUError) -> String {
        let source = text.icuUnits
        if source.isEmpty { return "" }
        let result = try handle.withLock { (pointer: inout OpaquePointer) throws(ICUError) -> [UInt16] in
            try withICUBuffer(initialCapacity: source.count * 2 + 8, operation: "compute a confusable skeleton") {
                buffer, capacity, status in
                nomen_icu_spoof_skeleton(pointer, source, Int32(source.count), buffer, capacity, &status)
            }
        }
        return String(icuUnits: result)
    }
}

/// Look-alike letters inside words: a letter of another script among Latin
/// letters (Cyrillic а, о, е, р in a Latin word) and the letters typed for
/// the Vietnamese Đ (Ð U+00D0 Icelandic eth, Ɖ U+0189 African D).
public enum Confusables {
    /// One suspicious letter, with the Latin letter it stands for.
    public struct Finding: Equatable, Sendable {
        /// Offset of the letter in the word, in Unicode scalars.
        public let scalarOffset: Int
        public let found: Unicode.Scalar
        public let intended: String
        public let reason: String
    }

    /// Letters that have no skeleton twin but are typed for Đ/đ in Vietnamese.
    static let vietnameseD: [Unicode.Scalar: String] = [
        "\u{00D0}": "Đ", "\u{0189}": "Đ", "\u{00F0}": "đ", "\u{0256}": "đ",
    ]

    private static let checker = Result { () throws(ICUError) -> SpoofChecker in try SpoofChecker() }

    /// The look-alikes in one word. A word of a single non-Latin script
    /// (a Russian word) has none: only mixtures and the Đ look-alikes count.
    public static func find(inWord word: Substring) throws(ICUError) -> [Finding] {
        var findings: [Finding] = []
        let scalars = Array(word.unicodeScalars)
        var scripts: [String] = []
        for scalar in scalars where scalar.properties.isAlphabetic {
            scripts.append(ScriptCensus.script(of: scalar))
        }
        let latinCount = scripts.filter { $0 == "Latn" }.count
        for (offset, scalar) in scalars.enumerated() {
            if let letter = vietnameseD[scalar], latinCount > 1 || scalars.count > 1 {
                findings.append(Finding(scalarOffset: offset, found: scalar, intended: letter,
                                        reason: "U+\(hex(scalar)) \(scalar.properties.name ?? "") looks like \(letter)"))
                continue
            }
            guard latinCount > 0, scalar.properties.isAlphabetic else { continue }
            let script = ScriptCensus.script(of: scalar)
            guard script != "Latn", script != "Zyyy", script != "Zinh" else { continue }
            // A letter of another script among Latin letters: what does it look like?
            let skeleton = try checker.get().skeleton(String(scalar))
            guard skeleton.unicodeScalars.count == 1, let twin = skeleton.unicodeScalars.first,
                  ScriptCensus.script(of: twin) == "Latn" else { continue }
            let intended = scalar.properties.isUppercase ? String(twin).uppercased() : String(twin)
            findings.append(Finding(scalarOffset: offset, found: scalar, intended: intended,
                                    reason: "\(scriptName(script)) U+\(hex(scalar)) in a Latin word looks like \(intended)"))
        }
        return findings
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func scriptName(_ code: String) -> String {
        switch code {
        case "Cyrl": "Cyrillic"
        case "Grek": "Greek"
        case "Armn": "Armenian"
        default: code
        }
    }
}
