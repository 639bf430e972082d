import Foundation
import NomenMatching
import NomenModel
import NomenNormalization

/// The name rules (deprecated-name, missing-diacritics, wrong-diacritics, and
/// the forms `inconsistent-name` counts), run on each mention the annotator
/// found: a verdict per distinct spelling of an entity, then a finding per
/// mention.
extension RuleRun {
    struct MentionKey: Hashable {
        let entity: String
        let surface: WordKey
        let language: DocumentLanguage
    }

    /// What the name rules conclude about one spelling of one entity.
    enum MentionOutcome {
        /// `partial`: some syllables keep their marks (Nguyễn Van Thắng).
        case missingDiacritics(suggestion: String, partial: Bool)
        case wrongDiacritics(suggestion: String, target: String)
        case deprecated(message: String, suggestion: String?, forbidden: Bool)
        /// No rule fired: the spelling counts for `inconsistent-name`.
        case form(key: String, isHan: Bool, preferredKey: String?, preferred: String?)
        case nothing
    }

    /// One mention for the name rules: its entity, the entity's names with
    /// their keys, and the memo key of its spelling in its paragraph's
    /// language, worked out once for both passes below.
    struct NameRequest {
        let mention: Mention
        let record: EntityRecord
        let key: MentionKey
        let language: DocumentLanguage

        var entity: Entity { record.entity }
        var keys: [(name: Name, keys: MatchKeys)] { record.keys }
    }

    /// An entity with its names' match keys, made once per checker and
    /// shared by reference: a request copied as a struct retained every
    /// string and array of the entity (hundreds of thousands of requests).
    final class EntityRecord: Sendable {
        let entity: Entity
        let keys: [(name: Name, keys: MatchKeys)]

        init(_ entity: Entity) throws {
            self.entity = entity
            keys = try entity.names.map { ($0, try MatchKeys($0.text)) }
        }
    }

    func nameRequest(_ mention: Mention, record: EntityRecord) -> NameRequest {
        let language = paragraphs.language(at: mention.startUTF8)
        return NameRequest(mention: mention, record: record,
                           key: MentionKey(entity: record.entity.id, surface: WordKey(mention.text), language: language),
                           language: language)
    }

    /// Works out the name rules' verdicts on the distinct spellings of
    /// `requests` on two threads, so that `checkMention` finds them memoized.
    /// `judge` depends only on the spelling, the entity, the language and the
    /// configuration; each thread judges on its own copy of this run (its
    /// memo of spellings stays its own).
    mutating func judgeConcurrently(_ requests: [NameRequest], minimum: Int) throws {
        var pending: [NameRequest] = []
        var queued = Set<MentionKey>()
        for request in requests where memos.mentionOutcomes[request.key] == nil && queued.insert(request.key).inserted {
            pending.append(request)
        }
        // A thread is worth it only for a long list.
        guard pending.count >= max(2, minimum) else { return }
        final class Part: @unchecked Sendable {
            var outcomes: Result<[(MentionKey, MentionOutcome)], Error> = .success([])
        }
        let parts = [Part(), Part()]
        let middle = pending.count / 2
        let halves = [pending[..<middle], pending[middle...]]
        // Workers start with empty memos: sharing this run's, the first
        // insertion would copy each whole table (kept across documents), and
        // so would this run's next one while the template lives.
        var template = self
        template.memos = RuleMemos()
        DispatchQueue.concurrentPerform(iterations: 2) { [template] index in
            var worker = template
            parts[index].outcomes = Result {
                try halves[index].map {
                    ($0.key, try worker.judge($0.mention.text, entity: $0.entity, keys: $0.keys, language: $0.language))
                }
            }
        }
        for part in parts {
            for (key, outcome) in try part.outcomes.get() { memos.mentionOutcomes[key] = outcome }
        }
    }

    /// Runs the name rules on one mention; returns the mention's form for
    /// `inconsistent-name` when no other rule reported it.
    mutating func checkMention(_ request: NameRequest) throws -> MentionForm? {
        let mention = request.mention, entity = request.entity
        let range = mention.startUTF8..<mention.endUTF8
        if isClaimed(range) { return nil }
        let outcome: MentionOutcome
        if let known = memos.mentionOutcomes[request.key] {
            outcome = known
        } else {
            outcome = try judge(mention.text, entity: entity, keys: request.keys, language: request.language)
            memos.mentionOutcomes[request.key] = outcome
        }
        let surface = mention.text
        switch outcome {
        case .missingDiacritics(let suggestion, let partial):
            report(.missingDiacritics, range: range,
                   message: partial ? "\(surface) is written without some of its diacritics" : "\(surface) is written without its diacritics",
                   suggestion: suggestion, entity: entity.id, fix: suggestion, claim: true)
        case .wrongDiacritics(let suggestion, let target):
            report(.wrongDiacritics, range: range, message: "\(surface) has diacritics that no known form of \(target) has",
                   suggestion: suggestion, entity: entity.id, fix: suggestion, claim: true)
        case .deprecated(let message, let suggestion, let forbidden):
            if !forbidden, let why = historicalUse(of: range) {
                // Named on purpose as it was then: information, nothing to fix.
                report(.deprecatedName, range: range, message: "\(message) (\(why): a historical use, left as written)",
                       entity: entity.id, claim: true, exactSeverity: .info)
                break
            }
            report(.deprecatedName, range: range, message: message, suggestion: suggestion, entity: entity.id,
                   fix: suggestion, claim: true, severity: forbidden ? .error : nil)
        case .form(let formKey, let isHan, let preferredKey, let preferred):
            guard let severity = configuration.severity(of: .inconsistentName) else { return nil }
            return MentionForm(path: source.path, entity: entity.id, form: surface, key: formKey, isHan: isHan,
                               preferredKey: preferredKey, preferred: preferred, range: range, severity: severity,
                               source: source)
        case .nothing:
            break
        }
        return nil
    }

    /// missing-diacritics on a short mention ("Chinh" after Phạm Minh Chính)
    /// in a Vietnamese paragraph: the short form of the Vietnamese name,
    /// when it has marks and the mention, the same letters, has none.
    mutating func checkShortMention(_ mention: Mention, entity: Entity) throws {
        let range = mention.startUTF8..<mention.endUTF8
        if isClaimed(range) { return }
        let language = paragraphs.language(at: mention.startUTF8)
        guard language == .vi || (language == .en && configuration.englishVietnameseNames == .diacritics),
              let vietnamese = entity.preferredName(in: "vi") else { return }
        let surface = mention.text
        // The same short mentions come back all through a text ("Chinh", "Xi"): worked out once each.
        let key = MentionKey(entity: entity.id, surface: WordKey(surface), language: language)
        let suggestion: String?
        if let known = memos.shortMentionSuggestions[key] {
            suggestion = known
        } else {
            suggestion = try Self.shortFormWithDiacritics(for: surface, vietnamese: vietnamese, entity: entity)
            memos.shortMentionSuggestions[key] = suggestion
        }
        guard let suggestion else { return }
        report(.missingDiacritics, range: range,
               message: "\(surface) is written without its diacritics (short for \(vietnamese.text))",
               suggestion: suggestion, entity: entity.id, fix: suggestion, claim: true)
    }

    /// The entity's Vietnamese short form in the case of `surface`, when
    /// `surface` is that short form written without its diacritics; else nil.
    private static func shortFormWithDiacritics(for surface: String, vietnamese: Name, entity: Entity) throws -> String? {
        guard try VietnameseASCII.strip(surface) == surface else { return nil }
        var vietnameseOnly = entity
        vietnameseOnly.names = [vietnamese]
        guard let short = MatcherBuilder.shortForms(of: vietnameseOnly).first,
              try VietnameseASCII.strip(short) != short,
              try MatchKeys(short).compact == MatchKeys(surface).compact else { return nil }
        return matchingCase(of: surface, short)
    }

    /// The name rules on one spelling of an entity, in one language.
    private mutating func judge(_ surface: String, entity: Entity, keys: [(name: Name, keys: MatchKeys)],
                       language: DocumentLanguage) throws -> MentionOutcome {
        let targetTag = configuration.languages[language.rawValue] ?? language.glossaryTag
        let surfaceKeys = try MatchKeys(surface)
        let isHan = surface.unicodeScalars.contains { $0.properties.isIdeographic }
        let surfaceHasMarks = try VietnameseASCII.strip(surface) != surface

        // At the closest tier; among names there, one in the document's
        // language first (the same text may be listed under several).
        var matched: (name: Name, tier: MatchTier)? = nil
        for tier in MatchTier.allCases {
            let here = keys.filter { $0.keys[tier] == surfaceKeys[tier] }
            if let name = (here.first { $0.name.lang == targetTag } ?? here.first)?.name {
                matched = (name, tier)
                break
            }
        }
        let preferred = entity.preferredName(in: targetTag)
            ?? entity.names.first { $0.status == .preferred && (isHan == $0.text.unicodeScalars.contains { $0.properties.isIdeographic }) }
        let vietnamese = entity.preferredName(in: "vi")
        let vietnameseKeys = vietnamese.flatMap { name in keys.first { $0.name == name }?.keys }

        // missing-diacritics
        if !isHan, !surfaceHasMarks, let vietnamese, vietnameseKeys?.compact == surfaceKeys.compact,
           language == .vi || (language == .en && configuration.englishVietnameseNames == .diacritics),
           try VietnameseASCII.strip(vietnamese.text) != vietnamese.text {
            return .missingDiacritics(suggestion: Self.matchingCase(of: surface, vietnamese.text), partial: false)
        }

        // wrong-diacritics: marks that no known form has (Lương Cuờng, Hải Phỏng).
        // One-syllable names are left out: there a different mark is
        // usually a different word (Chủ is not the town of Chũ).
        if !isHan, surfaceHasMarks, let matched, matched.tier >= .folded, surface.contains(" ") {
            let surfaceSpelling = spelling(surfaceKeys.caseless)
            var known = false
            for (_, nameKeys) in keys where spelling(nameKeys.caseless) == surfaceSpelling {
                known = true
                break
            }
            if !known {
                let target = keys.first { $0.keys.folded == surfaceKeys.folded && $0.name.lang == "vi" && $0.name.status == .preferred }?.name
                    ?? keys.first { $0.keys.folded == surfaceKeys.folded && $0.name.status != .forbidden }?.name
                    ?? matched.name
                // Marks left off some syllables, the others right, are missing, not wrong.
                if try Self.lacksSomeMarks(surface, of: target.text) {
                    return .missingDiacritics(suggestion: Self.matchingCase(of: surface, target.text), partial: true)
                }
                return .wrongDiacritics(suggestion: Self.matchingCase(of: surface, target.text), target: target.text)
            }
        }

        // deprecated-name
        if let matched, matched.tier <= .caseless,
           matched.name.status == .deprecated || matched.name.status == .forbidden {
            // The preferred name in the deprecated name's own language
            // (Saigon → Ho Chi Minh City, Sài Gòn → Thành phố Hồ Chí Minh),
            // else in the paragraph's.
            let replacement = (entity.preferredName(in: matched.name.lang) ?? preferred)?.text
            let suggestion = replacement.map { Self.matchingCase(of: surface, $0) }
            let word = matched.name.status == .forbidden ? "forbidden" : "deprecated"
            var message = "\(surface) is a \(word) name"
            if let note = matched.name.note { message += " (\(note))" }
            if let replacement { message += "; the preferred name is \(replacement)" }
            return .deprecated(message: message, suggestion: suggestion, forbidden: matched.name.status == .forbidden)
        }

        // An abbreviation or short form beside the full name is house style,
        // not an inconsistency (Communist Party of Vietnam … CPV), in the
        // document's language; another language's short form is a form of
        // its own (Tuổi Trẻ in an English text that writes Tuoi Tre).
        if let name = matched?.name, name.kind == .abbreviation || name.kind == .short,
           name.lang == "und" || LanguageTag.primaryLanguage(of: name.lang) == LanguageTag.primaryLanguage(of: targetTag)
            || !entity.names.contains(where: { LanguageTag.primaryLanguage(of: $0.lang) == LanguageTag.primaryLanguage(of: targetTag) }) {
            return .nothing
        }
        let formKey = spelling(surfaceKeys.caseless)
        let preferredKey = preferred.flatMap { name in keys.first { $0.name == name }?.keys.caseless }
            .map { spelling($0) }
        return .form(key: formKey, isHan: isHan, preferredKey: preferredKey, preferred: preferred?.text)
    }

    /// Words that, right before a deprecated name, say it is named as it was
    /// then ("Ho Chi Minh City, formerly Saigon"), lower case; white space
    /// and opening punctuation may stand between them and the name.
    static let historicalCuesBefore = [
        "formerly", "formerly known as", "formerly called", "formerly named", "once called", "once known as",
        "once named", "then known as", "then called", "then named", "previously known as", "previously called",
        "previously named", "trước đây", "trước đây là", "trước đây gọi là", "trước kia", "trước kia là",
        "tên cũ", "tên cũ là", "tên gọi cũ", "tên gọi cũ là", "tên cũ của nó là",
    ]
    /// The same, longest first, so "formerly known as" is named rather than "formerly".
    static let historicalCuesLongestFirst = historicalCuesBefore.sorted { $0.count > $1.count }
    /// Words that say so right after the name (Vietnamese: "Sài Gòn cũ").
    static let historicalCuesAfter = ["cũ", "xưa"]

    /// Why a deprecated name at `range` is a historical use, or nil: a cue
    /// right before it (`historicalCuesBefore`) or right after it
    /// (`historicalCuesAfter`) on its line, or a quotation around it on its
    /// line (“…”, "…", «…», „…“).
    func historicalUse(of range: Range<Int>) -> String? {
        let line = source.lineRange(containingUTF8: range.lowerBound)
        // Cues are short: a window of the line before the name holds the longest with
        // its punctuation, and only it is lowercased (a deprecated name may be found
        // tens of thousands of times in a long text).
        var windowStart = max(line.lowerBound, range.lowerBound - Self.cueWindow)
        while windowStart < range.lowerBound && source.bytes[windowStart] & 0xC0 == 0x80 { windowStart += 1 }
        // Most names have no cue: the byte next to them on each side rules it out
        // before any String is made (`mayEndWithCue`, `mayStartWithCue`).
        if Self.mayEndWithCue(source.bytes, windowStart..<range.lowerBound) {
            let before = source.slice(windowStart..<range.lowerBound).lowercased()
            var trimmed = Substring(before)
            while let last = trimmed.last, last.isWhitespace || "([{\"'“‘«„—–-:,".contains(last) { trimmed = trimmed.dropLast() }
            for cue in Self.historicalCuesLongestFirst where trimmed.hasSuffix(cue) {
                let start = trimmed.index(trimmed.endIndex, offsetBy: -cue.count)
                // A cue at the window's start is a whole word only where the line starts.
                let atWordStart = start == trimmed.startIndex ? windowStart == line.lowerBound : !trimmed[trimmed.index(before: start)].isLetter
                if atWordStart { return "after “\(cue)”" }
            }
        }
        var windowEnd = min(max(range.upperBound, line.upperBound), range.upperBound + Self.cueWindow)
        while windowEnd > range.upperBound && windowEnd < source.bytes.count && source.bytes[windowEnd] & 0xC0 == 0x80 { windowEnd -= 1 }
        if Self.mayStartWithCue(source.bytes, range.upperBound..<windowEnd) {
            let after = source.slice(range.upperBound..<windowEnd).lowercased()
            let next = after.drop { $0 == " " || $0 == "\t" }
            for cue in Self.historicalCuesAfter where next.hasPrefix(cue) {
                let rest = next.dropFirst(cue.count)
                if rest.first.map({ !$0.isLetter }) ?? true { return "before “\(cue)”" }
            }
        }
        let quoted = source.bytes.withUnsafeBufferPointer { bytes in
            Self.isQuoted(bytes, before: line.lowerBound..<range.lowerBound,
                          after: range.upperBound..<max(range.upperBound, line.upperBound))
        }
        if quoted { return "in a quotation" }
        return nil
    }

    /// False only when no cue before a name can end `window`: its last
    /// character, past white space and the punctuation `historicalUse`
    /// trims, is an ASCII letter no cue ends with. Anything beyond ASCII
    /// there (a mark, a curly quote) is left to the full reading.
    static func mayEndWithCue(_ bytes: [UInt8], _ window: Range<Int>) -> Bool {
        var index = window.upperBound - 1
        while index >= window.lowerBound {
            let byte = bytes[index]
            if byte >= 0x80 { return true }
            if byte == 0x20 || (0x09...0x0D).contains(byte) || Self.trimmedASCII.contains(byte) {
                index -= 1
                continue
            }
            return Self.cueLastBytes.contains(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return false
    }

    /// False only when no cue after a name can start `window`: past spaces
    /// and tabs, its first character is ASCII and no cue's first letter.
    static func mayStartWithCue(_ bytes: [UInt8], _ window: Range<Int>) -> Bool {
        var index = window.lowerBound
        while index < window.upperBound && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        guard index < window.upperBound else { return false }
        let byte = bytes[index]
        return byte >= 0x80 || Self.cueFirstBytes.contains(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
    }

    /// The ASCII punctuation `historicalUse` trims before a name.
    private static let trimmedASCII: Set<UInt8> = Set("([{\"'-:,".utf8)
    /// The last byte of each cue before a name that ends in ASCII.
    private static let cueLastBytes: Set<UInt8> = Set(historicalCuesBefore.compactMap { $0.utf8.last }.filter { $0 < 0x80 })
    /// The first byte of each cue after a name.
    private static let cueFirstBytes: Set<UInt8> = Set(historicalCuesAfter.compactMap { $0.utf8.first })

    /// How many bytes around a name `historicalUse` reads for a cue: the
    /// longest cue with its spaces and punctuation, several times over.
    static let cueWindow = 96

    /// Whether a quotation opened in `before` (the line before the name) is
    /// still open there and closes in `after` (the line after it). Read on
    /// UTF-8, where each quotation mark has bytes of its own: the line may be
    /// long, and a name is found on it many times.
    static func isQuoted(_ bytes: UnsafeBufferPointer<UInt8>, before: Range<Int>, after: Range<Int>) -> Bool {
        var curly = 0, guillemets = 0, straight = false
        for index in before {
            switch bytes[index] {
            case 0x22: straight.toggle()  // "
            case 0xC2 where index + 1 < before.upperBound:
                if bytes[index + 1] == 0xAB { guillemets += 1 }  // «
                if bytes[index + 1] == 0xBB { guillemets = max(0, guillemets - 1) }  // »
            case 0xE2 where index + 2 < before.upperBound && bytes[index + 1] == 0x80:
                switch bytes[index + 2] {
                case 0x9C, 0x9E: curly += 1  // “ „
                case 0x9D: curly = max(0, curly - 1)  // ”
                default: break
                }
            default: break
            }
        }
        guard curly > 0 || guillemets > 0 || straight else { return false }
        var closesCurly = false, closesGuillemets = false, closesStraight = false
        for index in after {
            switch bytes[index] {
            case 0x22: closesStraight = true
            case 0xC2 where index + 1 < after.upperBound && bytes[index + 1] == 0xBB: closesGuillemets = true
            case 0xE2 where index + 2 < after.upperBound && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0x9D || bytes[index + 2] == 0x9C): closesCurly = true
            default: break
            }
        }
        return curly > 0 && closesCurly || guillemets > 0 && closesGuillemets || straight && closesStraight
    }

    /// Whether `surface` is `target` with the marks of some syllables left
    /// off and the others' as written (either tone convention): "Nguyễn Van
    /// Thắng", "báo Thanh Nien". Letter case is ignored.
    static func lacksSomeMarks(_ surface: String, of target: String) throws -> Bool {
        let written = surface.lowercased().split(separator: " "), meant = target.lowercased().split(separator: " ")
        guard written.count == meant.count else { return false }
        var stripped = false
        for (word, right) in zip(written, meant) where word != right {
            let plainRight = try VietnameseASCII.strip(String(right))
            if word == plainRight { stripped = true; continue }
            if ToneConvention.old.apply(to: String(word)) == ToneConvention.old.apply(to: String(right)) { continue }
            return false
        }
        return stripped
    }

    /// The suggestion in the surface's case style: ALL CAPS stays all caps.
    static func matchingCase(of surface: String, _ suggestion: String) -> String {
        let letters = surface.filter(\.isLetter)
        if letters.count > 1, letters.allSatisfy({ $0.isUppercase }) { return suggestion.uppercased() }
        return suggestion
    }
}
