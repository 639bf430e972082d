import Foundation
import NomenData
import Testing

/// The tables compiled into the binary are exactly the files in Data/
/// (run `python3 tools/embed_data.py` after changing Data/). The list of
/// tables is written once, in tools/embed_data.py; the tests walk
/// `EmbeddedData.tables`, which the script generates from it.
@Suite struct EmbeddedDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized
    static let dataDirectory = root.appendingPathComponent("Data")

    @Test(arguments: EmbeddedData.tables.map(\.path))
    func embeddedTableMatchesDataFile(path: String) throws {
        let embedded = try #require(EmbeddedData.tables.first { $0.path == path }).text
        var file = try String(contentsOf: Self.dataDirectory.appendingPathComponent(path), encoding: .utf8)
        if file.hasSuffix("\n") { file.removeLast() }
        #expect(Array(embedded.utf8) == Array(file.utf8), "Data/\(path) changed: run python3 tools/embed_data.py")
    }

    /// The compiled list is the script's list now: a table added to the
    /// script (or removed) without regenerating fails here.
    @Test func compiledTablesAreTheScriptsList() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("tools/embed_data.py").path, "--list"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let listed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 tools/embed_data.py --list failed")
        let compiled = EmbeddedData.tables.map { "\($0.name)\t\($0.path)\n" }.joined()
        #expect(compiled == listed, "run python3 tools/embed_data.py")
        #expect(EmbeddedData.tables.count >= 12)
    }

    /// Every generated file is one of the tables (or the list itself): no
    /// table is compiled in that the list does not name.
    @Test func everyGeneratedFileIsListed() throws {
        let generated = Self.root.appendingPathComponent("Sources/NomenData/Generated")
        let files = try FileManager.default.contentsOfDirectory(atPath: generated.path).filter { $0.hasSuffix(".swift") }
        let expected = EmbeddedData.tables.map { $0.name.prefix(1).uppercased() + $0.name.dropFirst() + ".swift" }
            + ["EmbeddedTables.swift"]
        #expect(files.sorted() == expected.sorted())
    }
}
