/// The fuzz targets: one body per part of nomen that reads input it does not
/// control. Each body takes arbitrary bytes, runs the code under test and
/// checks properties that must hold for every input; a broken property is
/// thrown as a `PropertyViolation`. A crash inside nomen is a crash here too.
///
/// The same bodies run in two drivers: the libFuzzer executable `nomen-fuzz`
/// (built with the fuzzer and address sanitizers by `tools/fuzz.sh`) and the
/// seeded property-based test `NomenFuzzingTests`, which `swift test` runs.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The fast fold and its offset map, against ICU's fold.
    case fold
    /// `--decode auto` and every legacy decoder (VIQR, VNI, TCVN3, Windows-1258, mojibake).
    case decode
    /// Mojibake repair: arbitrary text, and Vietnamese names garbled once or twice.
    case mojibake
    /// The matcher on random glossaries and texts.
    case matcher
    /// HTML and Markdown masking.
    case markup
    /// The glossary importers.
    case importCSV = "import-csv"
    case importTSV = "import-tsv"
    case importJSONL = "import-jsonl"
    case importTBX = "import-tbx"
    /// `.nomen.toml` parsing.
    case config
    /// `check --fix`: fixing, then checking again.
    case fix

    /// Runs the body on one input.
    public func run(_ bytes: [UInt8], in context: FuzzContext) throws {
        switch self {
        case .fold: try FoldProperties.check(bytes, context)
        case .decode: try DecodeProperties.check(bytes)
        case .mojibake: try MojibakeProperties.check(bytes)
        case .matcher: try MatcherProperties.check(bytes, context)
        case .markup: try MarkupProperties.check(bytes)
        case .importCSV: try ImportProperties.check(bytes, format: .csv)
        case .importTSV: try ImportProperties.check(bytes, format: .tsv)
        case .importJSONL: try ImportProperties.check(bytes, format: .jsonl)
        case .importTBX: try ImportProperties.check(bytes, format: .tbx)
        case .config: try ConfigProperties.check(bytes)
        case .fix: try FixProperties.check(bytes, context)
        }
    }
}

/// A property of a fuzz target that an input broke: which one, and the
/// values that show it.
public struct PropertyViolation: Error, CustomStringConvertible {
    public let property: String
    public let details: String

    public init(_ property: String, _ details: @autoclosure () -> String = "") {
        self.property = property
        self.details = details()
    }

    public var description: String { details.isEmpty ? property : "\(property): \(details)" }
}

/// Throws a `PropertyViolation` unless `condition` holds.
@inline(__always)
func require(_ condition: Bool, _ property: String, _ details: @autoclosure () -> String = "") throws(PropertyViolation) {
    if !condition { throw PropertyViolation(property, details()) }
}
