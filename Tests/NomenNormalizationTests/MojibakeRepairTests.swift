import Foundation
import Testing
@testable import NomenNormalization

/// Mojibake repair does no harm: correct text comes out unchanged, broken
/// text is repaired whole, text mixed from two code pages is refused.
/// Fixtures/mojibake/correct.txt holds the correct texts (README beside it).
struct MojibakeRepairTests {
    static let correctTexts: [String] = {
        guard let text = try? Fixtures.text("mojibake/correct.txt") else { return [] }
        return text.split(separator: "\n").map(String.init)
    }()

    /// `text`'s UTF-8 bytes read in `charset`, `times` times.
    static func mojibake(_ text: String, times: Int, charset: String = "windows-1252") throws -> String {
        var current = text
        for _ in 0..<times {
            current = try CharsetConverter.decode(Array(current.utf8), charset: charset)
        }
        return current
    }

    @Test func theFixtureHasEnoughTexts() {
        #expect(Self.correctTexts.count >= 50)
        #expect(Self.correctTexts.allSatisfy { $0.unicodeScalars.contains { !$0.isASCII } })
    }

    @Test func correctTextsComeOutUnchanged() throws {
        var changed: [String] = []
        for text in Self.correctTexts {
            let repaired = try LegacyText.repairMojibake(Array(text.utf8))
            if repaired.text != text { changed.append("\(text) → \(repaired.text)") }
            #expect(!repaired.notes.isEmpty, "\(text): a text left as it is gets a note")
        }
        #expect(changed.isEmpty, "\(changed)")
    }

    @Test func theIssuesExamplesAreLeftWithANote() throws {
        for text in ["RETWEET SE VOCÊ…", "NESTLÉ®", "Brontë…”", "10 Å—"] {
            let repaired = try LegacyText.repairMojibake(Array(text.utf8))
            #expect(repaired.text == text)
            #expect(repaired.notes.count == 1)
            #expect(repaired.notes.first?.contains("not clearly more plausible") == true, "\(repaired.notes)")
        }
    }

    @Test(arguments: [(1, "windows-1252"), (2, "windows-1252"), (1, "ISO-8859-1")])
    func brokenTextsAreRepaired(times: Int, charset: String) throws {
        var failures: [String] = []
        for text in Self.correctTexts {
            let broken = try Self.mojibake(text, times: times, charset: charset)
            let repaired = try? LegacyText.repairMojibake(Array(broken.utf8)).text
            if repaired != text { failures.append("\(broken) → \(repaired ?? "error")") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(Self.correctTexts.count): \(failures)")
    }

    @Test func textMixedFromTwoCodePagesIsRepairedWholeOrRefused() throws {
        // "mới" read as Windows-1252, "nhất" as Windows-1250. Every character
        // of "má»›i" is in Windows-1250 too, so the whole text is Windows-1250.
        let mixed = try Self.mojibake("mới", times: 1) + " hay " + Self.mojibake("nhất", times: 1, charset: "windows-1250")
        #expect(mixed == "má»›i hay nháşĄt")
        #expect(try LegacyText.repairMojibake(Array(mixed.utf8)).text == "mới hay nhất")
        // "năm" read as Windows-1252 has ƒ, which Windows-1250 lacks: no one
        // code page explains both words, and nothing is patched.
        let refused = try Self.mojibake("năm", times: 1) + " hay " + Self.mojibake("nhất", times: 1, charset: "windows-1250")
        #expect(refused == "nÄƒm hay nháşĄt")
        let error = try #require(throws: LegacyDecodingError.self) {
            try LegacyText.repairMojibake(Array(refused.utf8))
        }
        #expect(error.encoding == .mojibake)
        #expect(error.message.contains("mixes code pages"), "\(error.message)")
        #expect(error.message.contains("Windows-1250"))
        #expect(error.byteOffset == "nÄƒm hay nh".utf8.count)
        // Wholly in one code page, either is repaired.
        #expect(try LegacyText.repairMojibake(Array("má»›i hay nháº¥t".utf8)).text == "mới hay nhất")
        let cp1250 = try Self.mojibake("Đà Nẵng mới hay nhất", times: 1, charset: "windows-1250")
        #expect(try LegacyText.repairMojibake(Array(cp1250.utf8)).text == "Đà Nẵng mới hay nhất")
    }

    @Test func repairIsWholeOnceTheTextIsKnownToBeMojibake() throws {
        // "Å—" alone is kept (Ångström and a dash); in a text that is
        // mojibake elsewhere it is ŗ like the rest.
        let broken = try Self.mojibake("Việt Nam", times: 1) + " 10 Å—"
        #expect(try LegacyText.repairMojibake(Array(broken.utf8)).text == "Việt Nam 10 ŗ")
        // Correct Unicode beside mojibake stays, and so does a piece whose
        // repair reads worse.
        let text = "NESTLÉ® ở " + (try Self.mojibake("Việt Nam", times: 1))
        let repaired = try LegacyText.repairMojibake(Array(text.utf8))
        #expect(repaired.text == "NESTLÉ® ở Việt Nam")
        #expect(repaired.notes.count == 1)
    }

    @Test func vietnameseReadingsMustBeSyllables() {
        // A reading with Vietnamese-only letters that is not a syllable is bad.
        #expect(MojibakeRepair.badness(Array("Việt".unicodeScalars)) == 0)
        #expect(MojibakeRepair.badness(Array("Viẹêt".unicodeScalars)) >= 3)
        #expect(MojibakeRepair.badness(Array("Viá»‡t".unicodeScalars)) >= 2 + MojibakeRepair.clearMargin)
    }
}
