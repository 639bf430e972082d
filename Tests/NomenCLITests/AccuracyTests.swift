import Foundation
import Testing

/// The accuracy figures of docs/accuracy.md, as floors: the scripts of
/// tools/accuracy run the built binary on the gold fixtures of
/// Fixtures/accuracy and fail when a figure drops under the floor (set a
/// little under what was measured, so that a regression fails).
@Suite(.serialized) struct AccuracyTests {
    static func runScript(_ script: String, _ arguments: [String]) throws -> NomenProcess.Result {
        try NomenProcess.run(["python3", NomenProcess.repositoryRoot.appendingPathComponent("tools/accuracy/\(script)").path,
                              "--nomen", NomenProcess.binary.path] + arguments,
                             executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    /// `glossary expand` on the seed reduced to one name per language gets
    /// back the press's variants (Fixtures/accuracy/press-variants.tsv) and
    /// generates few names that are another entity's.
    @Test func expandRecallsPressVariants() throws {
        let result = try Self.runScript("expand_recall.py", ["--min-recall", "0.65", "--min-precision", "0.998"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// Annotate's F1 per language on the gold paragraphs, with the full seed
    /// and with the expanded one-name-per-language glossary.
    @Test func annotateF1PerLanguage() throws {
        let result = try Self.runScript("annotate_prf.py", ["--min-f1", "full=0.98,expanded=0.96"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
