import Testing
@testable import NomenCheck
import NomenModel

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

/// The near-miss windows themselves (the rule later re-reads each
/// candidate's surface, so its tests alone would not show these).
@Suite struct NearMissWindowTests {
    static func windows(_ text: String) throws -> [String] {
        let index = try NearMissIndex(entities: [
            Entity(id: "vn.person.pham-minh-chinh", type: .person,
                   names: [Name(text: "Phạm Minh Chính", lang: "vi", status: .preferred)]),
        ])
        let bytes = Array(text.utf8)
        return try index.candidates(in: bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    @Test func capitalizedWordsNextToEachOther() throws {
        #expect(try Self.windows("Prime Minister Pham Minh Chin spoke.") == ["Pham Minh Chin"])
        #expect(try Self.windows("Thủ tướng Phạm Minh Chính phát biểu.") == ["Phạm Minh Chính"])
        // Punctuation between the words does not end a window.
        #expect(try Self.windows("Pham Minh, Chin spoke.") == ["Pham Minh, Chin"])
    }

    /// A lower-case word between capitalized ones ends the window, though
    /// the capitals alone would spell the name.
    @Test func aLowerCaseWordEndsTheWindow() throws {
        #expect(try Self.windows("Prime Minister Pham Minh met Chin in Beijing.").isEmpty)
        #expect(try Self.windows("Prime Minister Pham minh Chin spoke.").isEmpty)
        #expect(try Self.windows("Pham Minh and Chinh spoke.").isEmpty)
    }
}
