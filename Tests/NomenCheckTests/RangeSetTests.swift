import Testing
@testable import NomenCheck

/// `RangeSet` answers as a plain scan of every range inserted, whatever the
/// order of the inserts: passes over a text, each in order, and stray ones.
@Suite struct RangeSetTests {
    @Test func answersAsAScanOfEveryRange() {
        var generator = SplitMix(seed: 7)
        for trial in 0..<40 {
            var set = RangeSet()
            var inserted: [Range<Int>] = []
            let passes = 1 + trial % 4
            for _ in 0..<passes {
                var position = Int(generator.next() % 20)
                for _ in 0..<(5 + Int(generator.next() % 40)) {
                    // Mostly forward, as a rule's pass goes; now and then a step back.
                    position += generator.next() % 6 == 0 ? -Int(generator.next() % 15) : Int(generator.next() % 12)
                    position = max(0, position)
                    let range = position..<(position + 1 + Int(generator.next() % 8))
                    set.insert(range)
                    inserted.append(range)
                    for _ in 0..<3 {
                        let start = Int(generator.next() % 300)
                        let query = start..<(start + 1 + Int(generator.next() % 10))
                        #expect(set.overlaps(query) == inserted.contains { $0.overlaps(query) }, "\(query) after \(inserted)")
                    }
                }
            }
        }
        #expect(RangeSet().overlaps(0..<10) == false)
    }
}
