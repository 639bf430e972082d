import NomenData

/// Simplified ↔ traditional Chinese at phrase level, as OpenCC converts it,
/// with nomen's name overrides on top.
///
/// The dictionaries are OpenCC's (`Data/opencc/dictionaries.tsv`, built by
/// `tools/opencc/build_tables.py`; Apache-2.0), compiled into the binary.
/// The conversion follows OpenCC's configurations of the same names:
///
/// | to | OpenCC config | segmentation | stages, each a group whose first dictionary with a match wins |
/// |---|---|---|---|
/// | `traditional` (OpenCC standard) | s2t | none | STPhrases, STCharacters |
/// | `traditional-tw` (Taiwan) | s2tw | STPhrases | STPhrases, STCharacters; then TWVariantsPhrases, TWVariants |
/// | `traditional-hk` (Hong Kong) | s2hk | STPhrases | STPhrases, STCharacters; then HKVariantsPhrases, HKVariants |
/// | `simplified` | t2s | none | TSPhrases, TSCharacters |
/// | simplified from Taiwan forms | tw2s | TSPhrases | TWVariantsRevPhrases, TWVariantsRev; then TSPhrases, TSCharacters |
/// | simplified from Hong Kong forms | hk2s | TSPhrases | HKVariantsRevPhrases, HKVariantsRev; then TSPhrases, TSCharacters |
///
/// Segmentation cuts the text at the longest phrases of its dictionary, left
/// to right (OpenCC's "mmseg"); each stage then converts each segment on its
/// own, taking at each position the longest key of the first dictionary of
/// the group that has one, else copying the character. The name overrides of
/// `Data/hanzi/name-overrides.tsv` (范 stays 范, 朴 is not 樸, 毕昇 keeps 昇)
/// come first in the segmentation and in the stage that leaves the source
/// script, so they win over OpenCC's phrases.
public enum ChineseScriptConversion {
    /// The regional standard of traditional Chinese.
    public enum Standard: String, CaseIterable, Sendable {
        /// OpenCC's standard forms (臺灣, 爲, 裏).
        case openCC
        /// Taiwan's standard forms (臺灣, 為, 裡).
        case taiwan
        /// Hong Kong's standard forms (臺灣, 為, 裏).
        case hongKong
    }

    /// Simplified → traditional in `standard`.
    public static func toTraditional(_ text: String, standard: Standard = .openCC) -> String {
        convert(text, configuration: standard == .openCC ? "s2t" : standard == .taiwan ? "s2tw" : "s2hk")
    }

    /// Traditional in `standard` → simplified.
    public static func toSimplified(_ text: String, from standard: Standard = .openCC) -> String {
        convert(text, configuration: standard == .openCC ? "t2s" : standard == .taiwan ? "tw2s" : "hk2s")
    }

    /// OpenCC's configurations by OpenCC's name: the segmentation
    /// dictionaries (nil: the text is one segment) and the stages, as in
    /// OpenCC's `data/config/*.json`, with the name overrides added.
    static let configurations: [String: (segmentation: [String]?, stages: [[String]])] = [
        "s2t": (nil, [["names→t", "STPhrases", "STCharacters"]]),
        "s2tw": (["names→t", "STPhrases"], [["names→t", "STPhrases", "STCharacters"], ["TWVariantsPhrases", "TWVariants"]]),
        "s2hk": (["names→t", "STPhrases"], [["names→t", "STPhrases", "STCharacters"], ["HKVariantsPhrases", "HKVariants"]]),
        "t2s": (nil, [["names→s", "TSPhrases", "TSCharacters"]]),
        "tw2s": (["names→s", "TSPhrases"], [["TWVariantsRevPhrases", "TWVariantsRev"], ["names→s", "TSPhrases", "TSCharacters"]]),
        "hk2s": (["names→s", "TSPhrases"], [["HKVariantsRevPhrases", "HKVariantsRev"], ["names→s", "TSPhrases", "TSCharacters"]]),
    ]

    private static func convert(_ text: String, configuration name: String) -> String {
        guard let configuration = configurations[name] else { return text }
        return OpenCCDictionaries.shared.convert(
            text, segmentation: configuration.segmentation, stages: configuration.stages)
    }
}

/// OpenCC's dictionaries and nomen's name overrides, parsed once.
struct OpenCCDictionaries: Sendable {
    struct Dictionary: Sendable {
        var table: [String: String] = [:]
        /// The longest key, in Unicode scalars.
        var longestKey = 0

        mutating func add(_ key: String, _ value: String) {
            if table[key] == nil { table[key] = value }
            longestKey = max(longestKey, key.unicodeScalars.count)
        }
    }

    let dictionaries: [String: Dictionary]

    static let shared = OpenCCDictionaries(
        opencc: EmbeddedData.openCCDictionaries, names: EmbeddedData.chineseNameOverrides)

    /// `opencc`: `dictionary  key  value` rows; `names`: `simplified
    /// traditional  note` rows, which become the dictionaries "names→t" and
    /// "names→s".
    init(opencc: String, names: String) {
        var dictionaries: [String: Dictionary] = [:]
        for columns in HanTables.rows(opencc) where columns.count >= 3 && !columns[1].isEmpty {
            dictionaries[columns[0], default: Dictionary()].add(columns[1], columns[2])
        }
        for columns in HanTables.rows(names) where columns.count >= 2 && !columns[0].isEmpty && !columns[1].isEmpty {
            dictionaries["names→t", default: Dictionary()].add(columns[0], columns[1])
            dictionaries["names→s", default: Dictionary()].add(columns[1], columns[0])
        }
        self.dictionaries = dictionaries
    }

    /// The longest key of the first of `group`'s dictionaries that has a key
    /// at `start`: its length in scalars and its value. The name overrides
    /// ("names→…") win when their key is at least as long as that one, so a
    /// phrase keeps its reading (范围 → 範圍) while a name keeps its
    /// character (范明政 → 范明政).
    func match(_ scalars: ArraySlice<Unicode.Scalar>, at start: Int, in group: [String]) -> (Int, String)? {
        var override: (Int, String)? = nil
        for name in group {
            guard let dictionary = dictionaries[name] else { continue }
            if name.hasPrefix("names→") {
                override = longest(scalars, at: start, in: dictionary)
                continue
            }
            if let found = longest(scalars, at: start, in: dictionary) {
                if let override, override.0 >= found.0 { return override }
                return found
            }
        }
        return override
    }

    /// The longest key of any of `group`'s dictionaries at `start` (OpenCC's
    /// union, used for segmentation).
    func matchLongest(_ scalars: ArraySlice<Unicode.Scalar>, at start: Int, in group: [String]) -> Int? {
        group.compactMap { dictionaries[$0].flatMap { longest(scalars, at: start, in: $0)?.0 } }.max()
    }

    private func longest(_ scalars: ArraySlice<Unicode.Scalar>, at start: Int, in dictionary: Dictionary) -> (Int, String)? {
        var length = min(dictionary.longestKey, scalars.endIndex - start)
        while length >= 1 {
            let key = String(String.UnicodeScalarView(scalars[start..<(start + length)]))
            if let value = dictionary.table[key] { return (length, value) }
            length -= 1
        }
        return nil
    }

    func convert(_ text: String, segmentation: [String]?, stages: [[String]]) -> String {
        let scalars = Array(text.unicodeScalars)
        var segments: [[Unicode.Scalar]] = segment(scalars, with: segmentation)
        for group in stages {
            segments = segments.map { convertSegment($0[...], group: group) }
        }
        return String(String.UnicodeScalarView(segments.joined()))
    }

    /// Cuts at the longest phrases, left to right; the characters between
    /// phrases form one segment.
    private func segment(_ scalars: [Unicode.Scalar], with group: [String]?) -> [[Unicode.Scalar]] {
        guard let group else { return [scalars] }
        var segments: [[Unicode.Scalar]] = []
        var pending: [Unicode.Scalar] = []
        var index = 0
        let slice = scalars[...]
        while index < scalars.count {
            if let length = matchLongest(slice, at: index, in: group) {
                if !pending.isEmpty { segments.append(pending); pending = [] }
                segments.append(Array(scalars[index..<(index + length)]))
                index += length
            } else {
                pending.append(scalars[index])
                index += 1
            }
        }
        if !pending.isEmpty { segments.append(pending) }
        return segments
    }

    private func convertSegment(_ segment: ArraySlice<Unicode.Scalar>, group: [String]) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(segment.count)
        var index = segment.startIndex
        while index < segment.endIndex {
            if let (length, value) = match(segment, at: index, in: group) {
                output += value.unicodeScalars
                index += length
            } else {
                output.append(segment[index])
                index += 1
            }
        }
        return output
    }
}
