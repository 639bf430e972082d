import Testing
@testable import NomenCheck

/// The near-miss rule's bounded edit distance answers as the whole
/// Levenshtein table does, within the limit, and nil beyond it.
@Suite struct NearMissTests {
    static func fullDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1,
                                  table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
        }
        return table[a.count][b.count]
    }

    static func bounded(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in NearMissIndex.editDistance(a, b, limit: limit) } }
    }

    @Test func matchesTheWholeTable() {
        var generator = SplitMix(seed: 11)
        // Few letters, so that strings share a lot and distances stay small.
        let letters = Array("ab n".utf8)
        for _ in 0..<3000 {
            let a = (0..<Int(generator.next() % 14)).map { _ in letters[Int(generator.next() % 4)] }
            var b = a
            for _ in 0..<Int(generator.next() % 4) where !b.isEmpty {
                let position = Int(generator.next() % UInt64(b.count))
                switch generator.next() % 3 {
                case 0: b.remove(at: position)
                case 1: b.insert(letters[Int(generator.next() % 4)], at: position)
                default: b[position] = letters[Int(generator.next() % 4)]
                }
            }
            let full = Self.fullDistance(a, b)
            for limit in 0...3 {
                #expect(Self.bounded(a, b, limit: limit) == (full <= limit ? full : nil), "\(a) \(b) limit \(limit)")
            }
        }
    }

    @Test func namesOneEditApart() {
        #expect(Self.bounded(Array("xi jingping".utf8), Array("xi jinping".utf8), limit: 1) == 1)
        #expect(Self.bounded(Array("pham minh chin".utf8), Array("pham minh chinh".utf8), limit: 2) == 1)
        #expect(Self.bounded(Array("ha noi".utf8), Array("hai phong".utf8), limit: 1) == nil)
        #expect(Self.bounded([], Array("ab".utf8), limit: 2) == 2)
    }
}
