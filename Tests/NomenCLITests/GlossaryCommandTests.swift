import Foundation
import Testing

/// A temporary folder for one test's glossary files.
struct GlossaryScratch {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-glossary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Runs `nomen glossary …` on one database file.
func glossary(_ db: String, _ arguments: [String], stdin: String = "") throws -> NomenProcess.Result {
    try NomenProcess.run(["glossary"] + arguments + ["--glossary", db], stdin: Array(stdin.utf8))
}

/// The change log's timestamps vary; tests compare them as TIME.
func maskingTimes(_ text: String) -> String {
    text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"#, with: "TIME", options: .regularExpression)
}

@Suite(.serialized) struct GlossaryCommandTests {
    /// The bundled seed loads into a fresh database and lints clean, as
    /// docs/cli.md ("glossary lint") says.
    @Test func theSeedLoadsIntoAFreshDatabaseAndLintsClean() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("seed.sqlite")
        let initResult = try glossary(db, ["init", "--seed"])
        #expect(initResult.status == 0)
        #expect(initResult.stdout == "created glossary \(db)\nloaded the bundled seed: 1045 entities, 5172 names\n")
        #expect(initResult.stderr == "")
        let lint = try glossary(db, ["lint"])
        #expect(lint.stdout == "")
        #expect(lint.stderr == "")
        #expect(lint.status == 0)

        // The acceptance queries each find their entity first.
        let expected = [
            ("luong cuong", "vn.person.luong-cuong"), ("Lương Cuờng", "vn.person.luong-cuong"),
            ("Xi Jingping", "cn.person.xi-jinping"), ("Tap Can Binh", "cn.person.xi-jinping"),
            ("习近平", "cn.person.xi-jinping"), ("haiphong", "vn.place.hai-phong"),
        ]
        for (query, id) in expected {
            let find = try glossary(db, ["find", query, "--limit", "1"])
            #expect(find.status == 0)
            #expect(find.stdout.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init) == id, "\(query): \(find.stdout)")
        }
        let again = try glossary(db, ["init", "--seed"])
        #expect(again.status == 2)
        #expect(again.stdout == "glossary \(db) exists: 1045 entities, 5172 names\n")
        #expect(again.stderr.hasSuffix("nomen: error: import aborted: 1045 errors; the glossary is unchanged\n"))
        #expect(again.stderr.hasPrefix("seed:1: entity cn.org.alibaba is already in the glossary (use --on-conflict skip or replace)\n"))
    }

    @Test func theDefaultGlossaryIsCreatedFromTheSeedOnFirstUse() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let environment = ["XDG_DATA_HOME": scratch.path("data"), "NOMEN_GLOSSARY": ""]
        let first = try NomenProcess.run(["glossary", "find", "Tap Can Binh", "--limit", "1"], environment: environment)
        let path = scratch.path("data") + "/nomen/glossary.sqlite"
        #expect(first.stderr == "nomen: created glossary \(path) from the bundled seed (1045 entities)\n")
        #expect(first.stdout == "1.000  cn.person.xi-jinping  person  Tập Cận Bình  ← Tap Can Binh (vi, deprecated, exact)\n")
        let second = try NomenProcess.run(["glossary", "list", "--type", "term", "--lang", "zh"], environment: environment)
        #expect(second.stderr == "")
        #expect(second.stdout.hasPrefix("cn.term."))
        // NOMEN_GLOSSARY points elsewhere: an explicit location starts empty.
        let other = scratch.path("other.sqlite")
        let explicit = try NomenProcess.run(["glossary", "list"], environment: ["NOMEN_GLOSSARY": other])
        #expect(explicit.stdout == "" && explicit.stderr == "" && explicit.status == 0)
    }

    /// One text under two languages is allowed; picking it then needs its language.
    @Test func aTextUnderTwoLanguagesIsPickedWithItsLanguage() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        #expect(try glossary(db, ["add", "vn.place.ha-noi", "--type", "place", "--name", "Hà Nội@vi", "--name", "Hanoi@en",
                                  "--name", "Hanoi@fr"]).stdout == "added vn.place.ha-noi (place, 3 names)\n")
        let twice = try glossary(db, ["name", "add", "vn.place.ha-noi", "Hanoi@en"])
        #expect(twice.status == 2)
        #expect(twice.stderr == "nomen: error: vn.place.ha-noi already has the name \"Hanoi\" in en\n")
        #expect(try glossary(db, ["name", "add", "vn.place.ha-noi", "Hanoi@de"]).status == 0)
        let ambiguous = try glossary(db, ["name", "rm", "vn.place.ha-noi", "Hanoi"])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr == "nomen: error: vn.place.ha-noi has \"Hanoi\" in 3 languages; name one: Hanoi@en or Hanoi@fr or Hanoi@de\n")
        #expect(try glossary(db, ["name", "rm", "vn.place.ha-noi", "Hanoi@fr"]).status == 0)
        #expect(try glossary(db, ["name", "rm", "vn.place.ha-noi", "Hanoi@de"]).status == 0)
        #expect(try glossary(db, ["export", "--format", "csv"]).stdout == """
            entity_id,type,lang,text,status,kind,case,note,source,description,name_order,family_name,external_ids,entity_note,entity_source
            vn.place.ha-noi,place,vi,Hà Nội,preferred,full,auto,,,,,,,,
            vn.place.ha-noi,place,en,Hanoi,preferred,full,auto,,,,,,,,

            """)
    }

    @Test func addNameEditsShowListAndHistory() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        let add = try glossary(db, ["add", "vn.person.luong-cuong", "--type", "person", "--name", "Lương Cường@vi",
                                    "--name", "Luong Cuong@en", "--name-order", "family_first", "--family-name", "Lương",
                                    "--external", "wikidata=Q16218914", "--description", "President of Vietnam"])
        #expect(add.stdout == "added vn.person.luong-cuong (person, 2 names)\n")
        #expect(add.status == 0)
        #expect(try glossary(db, ["name", "add", "vn.person.luong-cuong", "梁强@zh-Hans"]).stdout
                == "added \"梁强\"@zh-Hans to vn.person.luong-cuong\n")
        let demote = try glossary(db, ["name", "add", "vn.person.luong-cuong", "Lương Cuờng@vi", "--status", "forbidden", "--kind", "misspelling"])
        #expect(demote.status == 0)
        let set = try glossary(db, ["name", "set", "vn.person.luong-cuong", "Luong Cuong@en", "--kind", "short", "--note", "press form"])
        #expect(set.stdout == "vn.person.luong-cuong: \"Luong Cuong\"@en preferred short (note: press form)\n")
        let promote = try glossary(db, ["name", "add", "vn.person.luong-cuong", "Luong Cuong (President)@en", "--status", "preferred"])
        #expect(promote.stderr == "nomen: warning: \"Luong Cuong\" was preferred; it is now admitted\n")
        #expect(try glossary(db, ["name", "rm", "vn.person.luong-cuong", "Luong Cuong (President)"]).status == 0)
        #expect(try glossary(db, ["name", "set", "vn.person.luong-cuong", "Luong Cuong", "--status", "preferred"]).status == 0)
        #expect(try glossary(db, ["add", "--type", "place", "--name", "Hải Phòng@vi", "--name", "Haiphong@en"]).stdout
                == "added vn.place.hai-phong (place, 2 names)\n")

        let show = try glossary(db, ["show", "vn.person.luong-cuong"])
        #expect(maskingTimes(show.stdout) == """
            vn.person.luong-cuong (person)
              description: President of Vietnam
              name order: family_first
              family name: Lương
              external ids: wikidata=Q16218914
            names:
              vi       preferred  full         Lương Cường
                                               keys: lương cường | luong cuong | luongcuong
              vi       forbidden  misspelling  Lương Cuờng
                                               keys: lương cuờng | luong cuong | luongcuong
              en       preferred  short        Luong Cuong (note: press form)
                                               keys: luong cuong | luong cuong | luongcuong
              zh-Hans  preferred  full         梁强
                                               keys: 梁强 | 梁强 | 梁强
            history:
              #7  TIME  change name "Luong Cuong" of vn.person.luong-cuong  [nomen glossary name set vn.person.luong-cuong "Luong Cuong" --status preferred --glossary \(db)]
              #6  TIME  remove name "Luong Cuong (President)" from vn.person.luong-cuong  [nomen glossary name rm vn.person.luong-cuong "Luong Cuong (President)" --glossary \(db)]
              #5  TIME  add name "Luong Cuong (President)"@en to vn.person.luong-cuong  [nomen glossary name add vn.person.luong-cuong "Luong Cuong (President)@en" --status preferred --glossary \(db)]
              #4  TIME  change name "Luong Cuong" of vn.person.luong-cuong  [nomen glossary name set vn.person.luong-cuong "Luong Cuong@en" --kind short --note "press form" --glossary \(db)]
              #3  TIME  add name "Lương Cuờng"@vi to vn.person.luong-cuong  [nomen glossary name add vn.person.luong-cuong "Lương Cuờng@vi" --status forbidden --kind misspelling --glossary \(db)]
              #2  TIME  add name "梁强"@zh-Hans to vn.person.luong-cuong  [nomen glossary name add vn.person.luong-cuong 梁强@zh-Hans --glossary \(db)]
              #1  TIME  add vn.person.luong-cuong  [nomen glossary add vn.person.luong-cuong --type person --name "Lương Cường@vi" --name "Luong Cuong@en" --name-order family_first --family-name Lương --external wikidata=Q16218914 --description "President of Vietnam" --glossary \(db)]

            """)
        #expect(try glossary(db, ["list"]).stdout == """
            vn.person.luong-cuong  person  Lương Cường
            vn.place.hai-phong     place   Hải Phòng

            """)
        #expect(try glossary(db, ["list", "--lang", "zh-Hans"]).stdout == "vn.person.luong-cuong  person  梁强\n")
        let placeJSON = #"{"id":"vn.place.hai-phong","names":[{"case":"auto","kind":"full","lang":"vi","status":"preferred","text":"Hải Phòng"},{"case":"auto","kind":"full","lang":"en","status":"preferred","text":"Haiphong"}],"type":"place"}"#
        #expect(try glossary(db, ["list", "--type", "place", "--format", "json"]).stdout == "[\n  \(placeJSON)\n]\n")
        #expect(try glossary(db, ["list", "--type", "place", "--format", "jsonl"]).stdout == placeJSON + "\n")
        #expect(try glossary(db, ["list", "--type", "organization", "--format", "json"]).stdout == "[]\n")
        let foundJSON = try glossary(db, ["find", "Hai Phong", "--format", "json"]).stdout
        let found = try #require(try JSONSerialization.jsonObject(with: Data(foundJSON.utf8)) as? [[String: Any]])
        #expect(found.first?["entity_id"] as? String == "vn.place.hai-phong")
        #expect(try glossary(db, ["find", "Hai Phong", "--format", "jsonl"]).stdout.split(separator: "\n").count == found.count)
        let find = try glossary(db, ["find", "Luong Cuờng"])
        #expect(find.stdout == "0.970  vn.person.luong-cuong  person  Lương Cường  ← Lương Cường (vi, preferred, folded)\n")

        let missing = try glossary(db, ["show", "nobody"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "nomen: error: no entity nobody\n")
        let duplicate = try glossary(db, ["add", "vn.place.hai-phong", "--type", "place", "--name", "X@en"])
        #expect(duplicate.stderr == "nomen: error: an entity vn.place.hai-phong exists already\n")
        #expect(duplicate.status == 2)
        let badName = try glossary(db, ["add", "x", "--type", "place", "--name", "Hanoi"])
        #expect(badName.status == 2)
        #expect(badName.stderr.contains("give a name as TEXT@LANG, for example \"Lương Cường@vi\" (not \"Hanoi\")"))
        let noMatch = try glossary(db, ["find", "qqqq zzzz"])
        #expect(noMatch.status == 1)
        #expect(noMatch.stderr == "nomen: no entity matches \"qqqq zzzz\"\n")
    }

    /// Generated ids take the seed's country prefix from the first name's
    /// language; show indents fields of several lines; export -o infers
    /// the format.
    @Test func idsShowAndExportByExtension() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        #expect(try glossary(db, ["add", "--type", "person", "--name", "Xi Jinping@zh-Latn-pinyin"]).stdout == "added cn.person.xi-jinping (person, 1 name)\n")
        #expect(try glossary(db, ["add", "--type", "organization", "--name", "Bộ Ngoại giao@vi", "--description", "Ministry of Foreign Affairs\nof Vietnam"]).stdout
                == "added vn.org.bo-ngoai-giao (organization, 1 name)\n")
        #expect(try glossary(db, ["add", "--type", "place", "--name", "Bangkok@en"]).stdout == "added place.bangkok (place, 1 name)\n")
        let show = try glossary(db, ["show", "vn.org.bo-ngoai-giao"]).stdout
        #expect(show.hasPrefix("vn.org.bo-ngoai-giao (organization)\n  description: Ministry of Foreign Affairs\n               of Vietnam\nnames:\n"))
        let out = db + ".out.tbx"
        let export = try glossary(db, ["export", "-o", out])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("<termEntry id=\"place.bangkok\">"))
        let unknown = try glossary(db, ["export", "-o", db + ".out.xlsx"])
        #expect(unknown.status == 2 && unknown.stderr.contains("cannot tell the format from \(db).out.xlsx: give --format csv|tsv|jsonl|tbx."))
    }

    @Test func revertingALargeImportNamesTheFirstTenEntities() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        var rows = "entity_id,type,lang,text,status\n"
        for index in 0..<12 { rows += "vn.place.xa-\(String(format: "%02d", index)),place,vi,Xã Số \(index),preferred\n" }
        let csv = try scratch.write("places.csv", Array(rows.utf8))
        #expect(try glossary(db, ["import", csv]).status == 0)
        let revert = try glossary(db, ["revert", "1"])
        #expect(revert.stdout == "reverted change 1 as change 2: "
                + (0..<10).map { "vn.place.xa-\(String(format: "%02d", $0))" }.joined(separator: ", ") + " and 2 more\n")
        #expect(try glossary(db, ["list"]).stdout == "")
    }

    @Test func mergeHistoryAndRevert() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        _ = try glossary(db, ["add", "cn.person.xi-jinping", "--type", "person", "--name", "习近平@zh-Hans", "--name", "Xi Jinping@en"])
        _ = try glossary(db, ["add", "dup.xi", "--type", "person", "--name", "Tập Cận Bình@vi", "--name", "Xi Jinping@en"])
        let merge = try glossary(db, ["merge", "cn.person.xi-jinping", "dup.xi"])
        #expect(merge.stdout == "merged dup.xi into cn.person.xi-jinping (3 names)\n")
        #expect(try glossary(db, ["show", "dup.xi"]).stderr == "nomen: error: no entity dup.xi: it was merged into cn.person.xi-jinping\n")
        let history = try glossary(db, ["history", "cn.person.xi-jinping"])
        #expect(maskingTimes(history.stdout) == """
            #3  TIME  merge dup.xi into cn.person.xi-jinping  [nomen glossary merge cn.person.xi-jinping dup.xi --glossary \(db)]
            #2  TIME  add dup.xi  [nomen glossary add dup.xi --type person --name "Tập Cận Bình@vi" --name "Xi Jinping@en" --glossary \(db)]
            #1  TIME  add cn.person.xi-jinping  [nomen glossary add cn.person.xi-jinping --type person --name 习近平@zh-Hans --name "Xi Jinping@en" --glossary \(db)]

            """)
        let verbose = try glossary(db, ["history", "--limit", "1", "--verbose"])
        #expect(verbose.stdout.contains("  dup.xi\n    before: {\"id\":\"dup.xi\""))
        #expect(verbose.stdout.contains("    after:  (none)\n"))
        let revert = try glossary(db, ["revert", "#3"])
        #expect(revert.stdout == "reverted change 3 as change 4: cn.person.xi-jinping, dup.xi\n")
        #expect(try glossary(db, ["list"]).stdout == "cn.person.xi-jinping  person  Xi Jinping\ndup.xi                person  Tập Cận Bình\n")
        #expect(try glossary(db, ["name", "add", "dup.xi", "Xi@en", "--kind", "short"]).status == 0)
        let stale = try glossary(db, ["revert", "2"])
        #expect(stale.status == 2)
        #expect(stale.stderr == "nomen: error: cannot revert change 2: changed since: dup.xi (revert the later changes first)\n")
        #expect(try glossary(db, ["rm", "dup.xi"]).stdout == "removed dup.xi (3 names)\n")
        #expect(try glossary(db, ["revert", "6"]).status == 0)
        #expect(try glossary(db, ["list"]).stdout.contains("dup.xi"))
    }

    @Test func aBadImportListsEveryErrorAndChangesNothing() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        _ = try glossary(db, ["add", "vn.place.hue", "--type", "place", "--name", "Huế@vi"])
        var csv = Array("""
            entity_id,type,lang,text,status,kind
            vn.place.ha-noi,place,vi,Hà Nội,preferred,full
            vn.place.ha-noi,place,en,Hanoi,favourite,full
            vn.place.ha-noi,place,vi,Thủ đô,preferred,alias
            vn.place.ha-noi,place,english!,Ha Noi,admitted,full
            vn.place.da-nang,place,vi,,preferred,full

            """.utf8)
        csv += Array("vn.place.hai-phong,place,vi,H".utf8) + [0xE1, 0xBA] + Array("i Phòng,preferred,full\n".utf8)
        csv += Array("vn.place.hue,place,en,Hue,preferred,full\n".utf8)
        let file = try scratch.write("bad.csv", csv)
        let before = try glossary(db, ["export", "--format", "jsonl"]).stdout
        let result = try glossary(db, ["import", file])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        // Every error of the file in one pass, read errors and the model's rules together, by line.
        #expect(result.stderr == """
            \(file):3: unknown status "favourite" (expected one of: preferred, admitted, deprecated, forbidden)
            \(file):4: a second preferred name in vi for vn.place.ha-noi: "Thủ đô" ("Hà Nội" is preferred)
            \(file):5: "english!" is not a BCP 47 language tag (vi, en, zh-Hans, zh-Hant, zh-Latn-pinyin, und…)
            \(file):6: empty name text
            \(file):7: invalid UTF-8 in column text at byte 1 of the field
            nomen: error: import aborted: 5 errors; the glossary is unchanged

            """)
        // Without the parse errors, the model's rules and the conflict are reported, by line.
        let fixed = try scratch.write("fixed.csv", Array("""
            entity_id,type,lang,text,status,kind
            vn.place.ha-noi,place,vi,Hà Nội,preferred,full
            vn.place.ha-noi,place,vi,Thủ đô,preferred,alias
            vn.place.ha-noi,place,english!,Ha Noi,admitted,full
            vn.place.da-nang,place,vi,,preferred,full
            vn.place.hue,place,en,Hue,preferred,full

            """.utf8))
        let second = try glossary(db, ["import", fixed])
        #expect(second.status == 2)
        #expect(second.stderr == """
            \(fixed):3: a second preferred name in vi for vn.place.ha-noi: "Thủ đô" ("Hà Nội" is preferred)
            \(fixed):4: "english!" is not a BCP 47 language tag (vi, en, zh-Hans, zh-Hant, zh-Latn-pinyin, und…)
            \(fixed):5: empty name text
            nomen: error: import aborted: 3 errors; the glossary is unchanged

            """)
        #expect(try glossary(db, ["export", "--format", "jsonl"]).stdout == before)

        let good = try scratch.write("good.tsv", Array("entity_id\ttype\tlang\ttext\tstatus\nvn.place.hue\tplace\ten\tHue\tpreferred\nvn.place.hue\tplace\tvi\tHuế\tpreferred\nvn.place.ha-noi\tplace\tvi\tHà Nội\tpreferred\n".utf8))
        let failing = try glossary(db, ["import", good])
        #expect(failing.stderr == "\(good):2: entity vn.place.hue is already in the glossary (use --on-conflict skip or replace)\nnomen: error: import aborted: 1 error; the glossary is unchanged\n")
        let dry = try glossary(db, ["import", good, "--on-conflict", "replace", "--dry-run"])
        #expect(dry.stdout.hasPrefix("would import 2 entities (3 names): 1 added, 1 replaced, 0 skipped in "))
        #expect(try glossary(db, ["export", "--format", "jsonl"]).stdout == before)
        let skip = try glossary(db, ["import", good, "--on-conflict", "skip"])
        #expect(skip.stdout.hasPrefix("imported 1 entity (1 name): 1 added, 0 replaced, 1 skipped in "))
        #expect(try glossary(db, ["list"]).stdout == "vn.place.ha-noi  place  Hà Nội\nvn.place.hue     place  Huế\n")
    }

    @Test(arguments: ["csv", "tsv", "jsonl", "tbx"])
    func exportThenImportReproducesTheGlossary(format: String) throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let source = scratch.path("source.sqlite"), copy = scratch.path("copy.sqlite")
        _ = try glossary(source, ["init", "--seed"])
        // Names may not hold control characters; descriptions may.
        let added = try glossary(source, ["add", "x.other.awkward", "--type", "other", "--name", "A, \"quoted\" name@en",
                                  "--description", "line\nbreak\tand tab", "--note", "back\\slash & <xml>"])
        #expect(added.status == 0, "\(added.stderr)")
        let file = scratch.path("glossary.\(format)")
        let export = try glossary(source, ["export", "--format", format, "-o", file])
        #expect(export.status == 0 && export.stderr == "")
        let imported = try glossary(copy, ["import", file])
        #expect(imported.stderr == "")
        #expect(imported.stdout.hasPrefix("imported 1046 entities (5173 names): 1046 added, 0 replaced, 0 skipped in "))
        #expect(try glossary(copy, ["export", "--format", "jsonl"]).stdout == (try glossary(source, ["export", "--format", "jsonl"]).stdout))
        #expect(try glossary(copy, ["export", "--format", format]).stdout == (try String(contentsOfFile: file, encoding: .utf8)))
    }

    /// translate-toolkit (PyPI; .ci/run installs it) reads the TBX export.
    @Test func anIndependentTBXReaderReadsTheExport() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        _ = try glossary(db, ["init", "--seed"])
        let file = scratch.path("seed.tbx")
        _ = try glossary(db, ["export", "--format", "tbx", "-o", file])
        let terms = try WorkflowTests.python("tbx_terms.py", [file], scratch: scratch)

        // What the reader should see: every name, with the TBX status nomen maps it to.
        let tbxStatus = ["preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                         "deprecated": "obsoleteTerm-admn-sts", "forbidden": "notRecommendedTerm-admn-sts"]
        var expected = ""
        for line in try glossary(db, ["export", "--format", "jsonl"]).stdout.split(separator: "\n") {
            let entity = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for case let name as [String: Any] in entity["names"] as? [Any] ?? [] {
                expected += "\(entity["id"] ?? "")\t\(name["lang"] ?? "")\t\(name["text"] ?? "")\t\(tbxStatus[name["status"] as? String ?? ""] ?? "")\n"
            }
        }
        #expect(terms.split(separator: "\n").count == 5172)
        #expect(terms == expected)
    }

    /// Two nomen processes write the same file at once, several times: every write lands.
    @Test func concurrentWritersBothSucceed() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        #expect(try glossary(db, ["init"]).status == 0)
        let rounds = 5
        for round in 0..<rounds {
            let results = Mutex2<[NomenProcess.Result?]>([nil, nil])
            DispatchQueue.concurrentPerform(iterations: 2) { side in
                let result = try? glossary(db, ["add", "e.\(round).\(side)", "--type", "term", "--name", "Term \(round) \(side)@en"])
                results.with { $0[side] = result }
            }
            for result in results.with({ $0 }) {
                #expect(result?.status == 0, "\(result?.stderr ?? "did not run")")
            }
        }
        let list = try glossary(db, ["list"]).stdout
        #expect(list.split(separator: "\n").count == 2 * rounds)
        let history = try glossary(db, ["history"]).stdout
        #expect(history.split(separator: "\n").count == 2 * rounds)
    }

    @Test func lintReportsLookAlikesMixedScriptsAndMissingPreferredNames() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        let file = try scratch.write("lint.jsonl", Array("""
            {"id": "a.da-nang", "type": "place", "names": [{"text": "\u{00D0}à Nẵng", "lang": "vi", "status": "preferred"}, {"text": "\u{0189}a Nang", "lang": "vi", "status": "admitted"}]}
            {"id": "b.moscow", "type": "place", "names": [{"text": "M\u{043E}scow", "lang": "en", "status": "preferred"}]}
            {"id": "c.hue", "type": "place", "names": [{"text": "Hue", "lang": "en", "status": "admitted"}]}
            {"id": "d.hue", "type": "other", "names": [{"text": "Huế", "lang": "vi", "status": "preferred"}]}
            {"id": "e.xian", "type": "place", "names": [{"text": "Xi'an", "lang": "en", "status": "preferred"}]}
            {"id": "f.xian", "type": "place", "note": "ambiguous-accepted: test", "names": [{"text": "Xian", "lang": "en", "status": "preferred"}]}
            {"id": "g.hoa", "type": "term", "note": "ambiguous-accepted: ordinary word", "names": [{"text": "Hòa", "lang": "vi", "status": "preferred"}]}
            {"id": "h.hoa", "type": "term", "names": [{"text": "hoa", "lang": "vi", "status": "preferred", "note": "ambiguous-accepted: flower"}]}

            """.utf8))
        #expect(try glossary(db, ["import", file]).status == 0)
        let lint = try glossary(db, ["lint"])
        #expect(lint.status == 1)
        #expect(lint.stdout == """
            a.da-nang: look-alike: "Ðà Nẵng" (vi) has Ð U+00D0 LATIN CAPITAL LETTER ETH where Đ U+0110 is meant
            a.da-nang: look-alike: "Ɖa Nang" (vi) has Ɖ U+0189 LATIN CAPITAL LETTER AFRICAN D where Đ U+0110 is meant
            b.moscow: mixed-script: "Mоscow" (en) mixes Latin with Cyrillic letters: о U+043E
            c.hue: ambiguous-key: "Hue" (en) has the folded key "hue", shared with d.hue; add a note starting "ambiguous-accepted:" to accept it
            c.hue: no-preferred: 1 name in en but none preferred
            d.hue: ambiguous-key: "Huế" (vi) has the folded key "hue", shared with c.hue; add a note starting "ambiguous-accepted:" to accept it
            f.xian: shadowed: "Xian" is shadowed by "Xi'an" of e.xian (both have the compact key "xian"; the longer name wins)

            """)
        #expect(lint.stderr == "nomen: error: 7 findings\n")
        let json = try glossary(db, ["lint", "--format", "json"])
        #expect(json.stdout.hasPrefix(#"{"check":"look-alike","entity_id":"a.da-nang","lang":"vi","message":"#))
    }

    @Test func expandProposesAndAppliesGeneratedNames() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let db = scratch.path("g.sqlite")
        _ = try glossary(db, ["add", "cn.person.xi-jinping", "--type", "person", "--name", "习近平@zh-Hans"])
        _ = try glossary(db, ["add", "vn.place.da-nang", "--type", "place", "--name", "Đà Nẵng@vi"])
        let proposals = try glossary(db, ["expand"])
        #expect(proposals.stdout == """
            cn.person.xi-jinping  Xi Jinping@zh-Latn-pinyin  preferred   (pinyin of 习近平)
            cn.person.xi-jinping  Tập Cận Bình@vi            preferred   (Hán-Việt reading of 习近平)
            cn.person.xi-jinping  Tap Can Binh@vi            deprecated  (Vietnamese typed without diacritics)
            vn.place.da-nang      Da Nang@vi                 deprecated  (Vietnamese typed without diacritics)
            vn.place.da-nang      Danang@en                  preferred   (compact form of Đà Nẵng)
            proposed 5 generated names (--apply adds them)

            """)
        #expect(try glossary(db, ["history"]).stdout.split(separator: "\n").count == 2)  // the two adds only
        let applied = try glossary(db, ["expand", "--apply"])
        #expect(applied.stdout.hasSuffix("added 5 generated names\n"))
        #expect(try glossary(db, ["expand"]).stdout == "proposed 0 generated names\n")
        let list = try glossary(db, ["list", "--format", "json"]).stdout
        #expect(list.contains(#"{"case":"auto","kind":"generated","lang":"zh-Latn-pinyin","note":"pinyin of 习近平","source":"nomen glossary expand","status":"preferred","text":"Xi Jinping"}"#))
        #expect(try glossary(db, ["lint"]).status == 0)
    }
}

/// A lock around a value, for results gathered from concurrent threads.
final class Mutex2<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func with<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
