import Foundation
import Testing
@testable import NomenNormalization

@Suite struct ICUBridgeTests {
    @Test func badRulesThrowWithICUErrorNameAndPosition() {
        #expect {
            _ = try Transliterator(id: "broken", rules: "a > ;\n b > c d e ;; [[ ;")
        } throws: { error in
            guard let error = error as? ICUError else { return false }
            return error.name.hasPrefix("U_") && error.ruleLine != nil
                && error.description.contains("compile transliterator rules broken")
        }
    }

    @Test func unknownTransliteratorIDThrows() {
        #expect(throws: ICUError.self) { _ = try Transliterator(id: "Klingon-Latin") }
    }

    /// Output many times longer than the input forces the overflow retry.
    @Test func bufferOverflowIsRetried() throws {
        let expander = try Transliterator(id: "expand", rules: "a > aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ;")
        let result = try expander.transliterate(String(repeating: "a", count: 100))
        #expect(result.count == 4_000)
        #expect(try expander.transliterate("") == "")
    }

    /// ICU transliterators are not thread-safe; the wrapper's lock makes
    /// concurrent use give the same answers as serial use.
    @Test func transliteratorIsSafeAcrossThreads() async throws {
        let latin = try Transliterator(id: "Any-Latin")
        let inputs = ["Москва", "Ελλάδα", "서울", "とうきょう", "กรุงเทพ"]
        let expected = try inputs.map { try latin.transliterate($0) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for round in 0..<200 {
                group.addTask {
                    let index = round % inputs.count
                    return try latin.transliterate(inputs[index]) == expected[index]
                }
            }
            for try await same in group { #expect(same) }
        }
    }
}
