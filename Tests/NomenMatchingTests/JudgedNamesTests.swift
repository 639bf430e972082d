import NomenNormalization
import Testing
@testable import NomenMatching

/// The memo of judged names keeps every answer (a refusal included) until
/// it is cleared, through growth and wrapping probes.
@Suite struct JudgedNamesTests {
    @Test func remembersAnswersAndRefusalsUntilCleared() {
        var names = JudgedNames(capacity: 16)
        let tiers: [MatchTier?] = [.exact, .caseless, .folded, .compact, nil]
        // Enough names to grow the table several times; flags tell names with the same text apart.
        for start in 0..<500 {
            names.remember(nameStart: UInt32(start * 7), flags: UInt8(start % 3), tiers[start % tiers.count])
        }
        for start in 0..<500 {
            let answer = names.answer(nameStart: UInt32(start * 7), flags: UInt8(start % 3))
            #expect(answer != nil, "\(start)")
            #expect(answer.flatMap { $0 } == tiers[start % tiers.count], "\(start)")
            #expect(names.answer(nameStart: UInt32(start * 7), flags: UInt8(start % 3) + 3) == nil)
        }
        // The latest answer for a name wins.
        names.remember(nameStart: 7, flags: 1, .compact)
        #expect(names.answer(nameStart: 7, flags: 1) == .some(.compact))
        names.clear()
        for start in 0..<500 { #expect(names.answer(nameStart: UInt32(start * 7), flags: UInt8(start % 3)) == nil) }
        names.remember(nameStart: 14, flags: 2, nil)
        #expect(names.answer(nameStart: 14, flags: 2) == .some(nil))
    }
}
