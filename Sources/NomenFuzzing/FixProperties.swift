import NomenCheck
import NomenMatching
import NomenModel
import NomenNormalization

/// `check --fix` on texts made of the seed glossary's names, written the
/// ways the rules catch: deprecated and forbidden names, names without their
/// diacritics, decomposed (not NFC), with a Cyrillic look-alike letter, in
/// either tone convention; as text, Markdown or HTML.
///
/// - Every finding's range lies in the file, on code point boundaries, and
///   its text is the file's bytes there.
/// - Applying the fixes gives well-formed UTF-8.
/// - Fixing in rounds (`Checker.fixRepeatedly`, what `--fix` does) ends
///   with a text in which checking finds nothing more to fix: no fix undoes
///   another or goes round in circles.
enum FixProperties {
    static func check(_ bytes: [UInt8], _ context: FuzzContext) throws {
        var input = FuzzBytes(bytes)
        let entities = context.seedEntities
        var configuration = CheckConfiguration()
        configuration.tone = input.pick([ToneConvention?.none, .old, .new])
        configuration.englishVietnameseNames = input.pick([.ascii, .diacritics])
        let format = input.pick([InputFormat.text, .markdown, .html])
        let text = makeText(&input, entities: entities, format: format)
        let checker = try context.seedChecker()
        let path = "fuzz.\(format.rawValue)"

        let findings = try checker.check(SourceText(path: path, text: text), format: format,
                                         configuration: configuration).findings
        let source = Array(text.utf8)
        for finding in findings {
            let range = finding.utf8Range
            try require(range.lowerBound >= 0 && range.upperBound <= source.count && range.lowerBound <= range.upperBound,
                        "a finding's range lies in the file", "\(finding.rule) \(range) of \(source.count) bytes")
            if let fix = finding.fix {
                try require(fix.utf8Range.lowerBound >= 0 && fix.utf8Range.upperBound <= source.count,
                            "a fix's range lies in the file", "\(finding.rule) \(fix.utf8Range) of \(source.count)")
                try require(isScalarStart(source, fix.utf8Range.lowerBound) && isScalarStart(source, fix.utf8Range.upperBound),
                            "a fix replaces whole code points", "\(finding.rule) \(fix.utf8Range) in \(escaped(text))")
            }
        }

        let (fixed, applied) = Fixer.apply(findings, to: source)
        guard applied > 0 else { return }
        try require(TextDecoding.firstInvalidUTF8(in: fixed) == nil, "fixed text is well-formed UTF-8")
        let result = try checker.fixRepeatedly(SourceText(path: path, text: text), findings: findings, format: format,
                                               configuration: configuration)
        let left = result.findings.filter { $0.fix != nil }
        try require(left.isEmpty, "fixing in rounds leaves nothing to fix",
                    "\(left.map { "\($0.rule) \(escaped($0.text)) → \(escaped($0.fix!.text))" }) in \(escaped(text)), "
                        + "fixed to \(escaped(result.source.text))")
    }

    private static let fillers = [
        "Chủ tịch", "đã gặp", "tại", "và", "the", "President", "met", "in", "hôm nay", "thành phố",
        "hoà bình", "hòa bình", "thuỷ", "thủy", "năm 2024", "said", "người", "Việt Nam",
    ]

    private static func makeText(_ input: inout FuzzBytes, entities: [Entity], format: InputFormat) -> String {
        var text = ""
        for _ in 0..<(1 + input.below(16)) {
            var token: String
            if input.chance(3) {
                token = input.pick(fillers)
            } else {
                let entity = input.pick(entities)
                token = input.pick(entity.names).text
            }
            switch input.below(8) {
            case 0: token = withoutMarks(token)
            case 1: token = (try? UnicodeNormalizer.normalize(token, to: .nfd)) ?? token
            case 2: token = withLookAlike(token)
            case 3: token = token.uppercased()
            default: break
            }
            switch format {
            case .html where input.chance(3): token = "<b>\(token)</b>"
            case .markdown where input.chance(4): token = "*\(token)*"
            default: break
            }
            text += token + input.pick([" ", " ", ", ", ". ", "\n", "\n\n"])
        }
        if format == .html { text = "<p>" + text + "</p>\n" }
        return text
    }

    /// The name with its combining marks dropped (Hải Phòng → Hai Phong; đ stays).
    private static func withoutMarks(_ text: String) -> String {
        let decomposed = (try? UnicodeNormalizer.normalize(text, to: .nfd)) ?? text
        return String(String.UnicodeScalarView(decomposed.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }))
    }

    /// The first a, o, e, c or p replaced by its Cyrillic look-alike.
    private static func withLookAlike(_ text: String) -> String {
        let lookAlikes: [Character: Character] = ["a": "а", "o": "о", "e": "е", "c": "с", "p": "р"]
        guard let index = text.firstIndex(where: { lookAlikes[$0] != nil }) else { return text }
        var result = text
        result.replaceSubrange(index...index, with: String(lookAlikes[text[index]]!))
        return result
    }

    private static func isScalarStart(_ bytes: [UInt8], _ offset: Int) -> Bool {
        offset == bytes.count || bytes[offset] & 0xC0 != 0x80
    }
}
