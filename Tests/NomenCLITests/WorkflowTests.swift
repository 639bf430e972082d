import Foundation
import Testing

/// The three workflows of a newsroom, end to end, as a user runs them.
@Suite(.serialized) struct WorkflowTests {
    /// Runs a Python reader from Tests/Scripts on a file; its standard output.
    static func python(_ script: String, _ arguments: [String], scratch: GlossaryScratch) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", NomenProcess.repositoryRoot.appendingPathComponent("Tests/Scripts/\(script)").path] + arguments
        let output = scratch.path("python-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 Tests/Scripts/\(script) failed: is translate-toolkit installed (python3 -m pip install translate-toolkit==3.20.4)?")
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    /// A spreadsheet saved by Excel (UTF-16, a column per language, `;`,
    /// values in title case, no ids) → the glossary → a TBX export that
    /// translate-toolkit reads, and a CSV for Excel with a byte-order mark.
    @Test func spreadsheetToGlossaryToTBX() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        let sheet = """
            ID;Type;en;vi;zh-Hans;en status;Notes
            ;Person;Xi Jinping;Tập Cận Bình;习近平;;leader of China
            ;Place;Saigon;Sài Gòn;;Deprecated;
            vn.place.hue;Place;Hue;Huế;;;

            """
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in sheet.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let file = try scratch.write("terms.csv", bytes)
        let imported = try glossary(db, ["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported 3 entities (7 names): 3 added, 0 replaced, 0 skipped in "))
        #expect(imported.stderr == "nomen: warning: \(file):1: column \"Notes\" is kept in each entity's note\n")
        #expect(try glossary(db, ["list"]).stdout == """
            person.xi-jinping  person  Tập Cận Bình
            place.saigon       place   Sài Gòn
            vn.place.hue       place   Huế

            """)

        let tbx = scratch.path("out.tbx")
        #expect(try glossary(db, ["export", "-o", tbx]).status == 0)
        let terms = try Self.python("tbx_terms.py", [tbx], scratch: scratch)
        #expect(terms == """
            person.xi-jinping\ten\tXi Jinping\tpreferredTerm-admn-sts
            person.xi-jinping\tvi\tTập Cận Bình\tpreferredTerm-admn-sts
            person.xi-jinping\tzh-Hans\t习近平\tpreferredTerm-admn-sts
            place.saigon\ten\tSaigon\tobsoleteTerm-admn-sts
            place.saigon\tvi\tSài Gòn\tpreferredTerm-admn-sts
            vn.place.hue\ten\tHue\tpreferredTerm-admn-sts
            vn.place.hue\tvi\tHuế\tpreferredTerm-admn-sts

            """)

        let csv = scratch.path("for-excel.csv")
        #expect(try glossary(db, ["export", "-o", csv, "--bom"]).status == 0)
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: csv)))
        #expect(written.starts(with: [0xEF, 0xBB, 0xBF] + Array("entity_id,type,lang,text,status".utf8)))
        // And it reads back unchanged.
        let copy = scratch.path("copy.sqlite")
        #expect(try glossary(copy, ["import", csv]).status == 0)
        #expect(try glossary(copy, ["export", "--format", "jsonl"]).stdout == (try glossary(db, ["export", "--format", "jsonl"]).stdout))
        #expect(try glossary(db, ["export", "--format", "jsonl", "--bom"]).status == 2)
    }
}
