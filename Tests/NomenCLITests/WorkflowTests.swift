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

        #expect(FileManager.default.fileExists(atPath: scratch.path("nomen-TBX-Basic.xcs")))
        // For a CAT tool: Vietnamese first in every entry, read by translate-toolkit too.
        let cat = scratch.path("cat.tbx")
        #expect(try glossary(db, ["export", "-o", cat, "--source-lang", "vi"]).status == 0)
        let catTerms = try Self.python("tbx_terms.py", [cat], scratch: scratch)
        #expect(catTerms.split(separator: "\n").first == "person.xi-jinping\tvi\tTập Cận Bình\tpreferredTerm-admn-sts")
        #expect(Set(catTerms.split(separator: "\n")) == Set(terms.split(separator: "\n")))

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

    /// A private home for annotate and check: the default glossary (the seed) and cache in it.
    static func environment(_ scratch: GlossaryScratch) -> [String: String] {
        ["HOME": scratch.directory.path, "XDG_DATA_HOME": scratch.path("data"), "XDG_CACHE_HOME": scratch.path("cache"),
         "NOMEN_GLOSSARY": "", "NO_COLOR": "1"]
    }

    /// A Markdown article → check → fix → check again: clean, and the
    /// link, front matter, code and the historical name untouched.
    @Test func markdownArticleCheckFixClean() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let article = """
            ---
            title: Saigon by rail
            ---
            # From Hanoi to Saigon

            Tourists flock to Saigon, and [the rail story](https://example.com/Saigon-Hanoi-rail "Saigon") tells why.
            Ho Chi Minh City, formerly Saigon, is a day away from Ðà Nẵng.
            Run `grep Saigon` on the timetable.

            """
        let path = try scratch.write("article.md", Array(article.utf8))
        let env = Self.environment(scratch)
        let first = try NomenProcess.run(["check", "article.md"], environment: env, directory: scratch.directory)
        #expect(first.status == 1)
        #expect(first.stdout == """
            article.md:4:17: warning[deprecated-name]: Saigon is a deprecated name (historical name (until 1976)); the preferred name is Ho Chi Minh City (Ho Chi Minh City)
            article.md:6:19: warning[deprecated-name]: Saigon is a deprecated name (historical name (until 1976)); the preferred name is Ho Chi Minh City (Ho Chi Minh City)
            article.md:7:28: info[deprecated-name]: Saigon is a deprecated name (historical name (until 1976)); the preferred name is Ho Chi Minh City (after “formerly”: a historical use, left as written)
            article.md:7:55: error[confusable]: U+00D0 LATIN CAPITAL LETTER ETH looks like Đ (Đà)

            """)
        let fixed = try NomenProcess.run(["check", "article.md", "--fix"], environment: env, directory: scratch.directory)
        #expect(fixed.stderr.contains("nomen: note: article.md: applied 3 fixes"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == """
            ---
            title: Saigon by rail
            ---
            # From Hanoi to Ho Chi Minh City

            Tourists flock to Ho Chi Minh City, and [the rail story](https://example.com/Saigon-Hanoi-rail "Saigon") tells why.
            Ho Chi Minh City, formerly Saigon, is a day away from Đà Nẵng.
            Run `grep Saigon` on the timetable.

            """)
        let clean = try NomenProcess.run(["check", "article.md", "--fail-on", "warning"], environment: env, directory: scratch.directory)
        #expect(clean.status == 0)
        #expect(clean.stdout == "article.md:7:28: info[deprecated-name]: Saigon is a deprecated name (historical name (until 1976)); the preferred name is Ho Chi Minh City (after “formerly”: a historical use, left as written)\n")
    }

    /// A folder of HTML and JSON Lines → annotate → every offset slices the
    /// source to the mention's text.
    @Test func folderOfHTMLAndJSONLinesAnnotatedWithOffsets() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let html = "<p title=\"Hà Nội\">Thủ đô <b>H&agrave; N&#7897;i</b> đón Xi Jinping.</p>\n<!-- Saigon -->\n"
        let jsonl = "{\"id\": \"a-1\", \"text\": \"Tô Lâm tiếp Tập Cận Bình ở Hà Nội.\"}\n{\"id\": \"a-2\", \"text\": \"Lương Cường visited Hai Phong.\"}\n"
        let folder = scratch.directory.appendingPathComponent("news")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(html.utf8).write(to: folder.appendingPathComponent("page.html"))
        try Data(jsonl.utf8).write(to: folder.appendingPathComponent("feed.jsonl"))
        let result = try NomenProcess.run(["annotate", "news", "--id-field", "id"], environment: Self.environment(scratch),
                                          directory: scratch.directory)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        var seen: [String] = []
        let feedTexts = jsonl.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }.compactMap { $0["text"] as? String }
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let source: String
            if object["path"] as? String == "news/page.html" {
                source = html
            } else {
                let number = try #require(object["line"] as? Int)
                source = feedTexts[number - 1]
                #expect(object["id"] as? String == "a-\(number)")
            }
            let scalars = Array(source.unicodeScalars), bytes = Array(source.utf8)
            for case let mention as [String: Any] in object["mentions"] as? [Any] ?? [] {
                let text = try #require(mention["text"] as? String)
                let start = try #require(mention["start"] as? Int), end = try #require(mention["end"] as? Int)
                let startUTF8 = try #require(mention["start_utf8"] as? Int), endUTF8 = try #require(mention["end_utf8"] as? Int)
                #expect(String(String.UnicodeScalarView(scalars[start..<end])) == text)
                #expect(String(decoding: bytes[startUTF8..<endUTF8], as: UTF8.self) == text)
                seen.append("\(text)=\(mention["entity"] as? String ?? "-")")
            }
        }
        #expect(seen == [
            "Tô Lâm=vn.person.to-lam", "Tập Cận Bình=cn.person.xi-jinping", "Hà Nội=vn.place.ha-noi",
            "Lương Cường=vn.person.luong-cuong", "Hai Phong=vn.place.hai-phong",
            "H&agrave; N&#7897;i=vn.place.ha-noi", "Xi Jinping=cn.person.xi-jinping",
        ])
    }

    /// The glossary as text in the repository: --glossary FILE.jsonl, or
    /// `glossary = [...]` in .nomen.toml, merged in order; no database; the
    /// compiled matcher cached under the files' contents.
    @Test func glossaryAsTextInTheRepository() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let env = Self.environment(scratch)
        let jsonl = """
            {"id": "x.org.gazette", "type": "organization", "names": [{"text": "Saigon Gazette", "lang": "en", "status": "preferred"}, {"text": "Gazette of Saigon", "lang": "en", "status": "deprecated"}]}
            {"id": "x.place.hue", "type": "place", "names": [{"text": "Hue", "lang": "en", "status": "preferred"}]}

            """
        _ = try scratch.write("terms.jsonl", Array(jsonl.utf8))
        _ = try scratch.write("story.txt", Array("The Gazette of Saigon wrote about Hue and Hanoi.\n".utf8))
        let annotated = try NomenProcess.run(["annotate", "--glossary", "terms.jsonl", "--format", "inline", "story.txt"],
                                             environment: env, directory: scratch.directory)
        #expect(annotated.status == 0, "\(annotated.stderr)")
        #expect(annotated.stdout == "The Gazette of Saigon [Saigon Gazette] wrote about Hue [Hue] and Hanoi.\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("data/nomen/glossary.sqlite")))
        let cache = scratch.path("cache/nomen")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).count == 1)

        // .nomen.toml: two files, the later one's entity replacing the earlier's.
        _ = try scratch.write("more.csv", Array("id,type,en,en status\nx.place.hue,place,Hue,deprecated\n".utf8))
        _ = try scratch.write(".nomen.toml", Array("glossary = [\"terms.jsonl\", \"more.csv\"]\n".utf8))
        let checked = try NomenProcess.run(["check", "story.txt"], environment: env, directory: scratch.directory)
        #expect(checked.stdout == """
            story.txt:1:5: warning[deprecated-name]: Gazette of Saigon is a deprecated name; the preferred name is Saigon Gazette (Saigon Gazette)
            story.txt:1:35: warning[deprecated-name]: Hue is a deprecated name

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).count == 2)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("data/nomen/glossary.sqlite")))

        // An error in a glossary file names the file and the line.
        _ = try scratch.write("more.csv", Array("id,type,en,en status\nx.place.hue,planet,Hue,deprecated\n".utf8))
        let broken = try NomenProcess.run(["check", "story.txt"], environment: env, directory: scratch.directory)
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("\(scratch.directory.standardizedFileURL.path)/more.csv:2: unknown type \"planet\""))
        #expect(broken.stderr.hasSuffix("nomen: error: cannot load the glossary: 1 error\n"))
    }
}
