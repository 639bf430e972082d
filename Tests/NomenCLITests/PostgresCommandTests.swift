import Foundation
import NomenPostgresTesting
import Testing

/// `nomen glossary …` and `annotate` on a PostgreSQL glossary (`--database`,
/// `$NOMEN_DATABASE`): the same output as on a SQLite file.
@Suite struct PostgresCommandTests {
    /// The same commands on a SQLite file and on a PostgreSQL database print
    /// the same, but for where the glossary is.
    @Test func importFindAndHistoryPrintTheSameAsOnSQLite() throws {
        let scratch = try GlossaryScratch()
        defer { scratch.remove() }
        let url = try PostgresTestServer.shared().createDatabase()
        let file = scratch.path("g.sqlite")
        let csv = try scratch.write("places.csv", Array("""
            entity_id,type,lang,text,status,kind
            vn.place.ha-noi,place,vi,Hà Nội,preferred,full
            vn.place.ha-noi,place,en,Hanoi,preferred,full
            vn.place.hai-phong,place,vi,Hải Phòng,preferred,full
            vn.place.hai-phong,place,en,Haiphong,preferred,full

            """.utf8))
        let commands: [[String]] = [
            ["glossary", "import", csv],
            ["glossary", "import", csv],
            ["glossary", "find", "Ha Noi"],
            ["glossary", "find", "Hai Phongg"],
            ["glossary", "name", "add", "vn.place.ha-noi", "Thăng Long@vi", "--kind", "alias"],
            ["glossary", "history"],
            ["glossary", "show", "vn.place.ha-noi"],
            ["glossary", "export", "--format", "jsonl"],
            ["glossary", "lint"],
        ]
        for command in commands {
            let onFile = try NomenProcess.run(command + ["--glossary", file])
            let onServer = try NomenProcess.run(command + ["--database", url])
            #expect(onServer.status == onFile.status, "\(command)")
            // The change log records each command line as typed.
            #expect(Self.masking(onServer.stdout).replacingOccurrences(of: "--database \(url)", with: "DB")
                    == Self.masking(onFile.stdout).replacingOccurrences(of: "--glossary \(file)", with: "DB"), "\(command)")
            #expect(onServer.stderr.replacingOccurrences(of: url, with: "DB")
                    == onFile.stderr.replacingOccurrences(of: file, with: "DB"), "\(command)")
        }
        let history = try NomenProcess.run(["glossary", "history", "--limit", "1"], environment: ["NOMEN_DATABASE": url])
        #expect(maskingTimes(history.stdout)
                == "#2  TIME  add name \"Thăng Long\"@vi to vn.place.ha-noi  [nomen glossary name add vn.place.ha-noi \"Thăng Long@vi\" --kind alias --database \(url)]\n")
        let annotate = try NomenProcess.run(["annotate", "--database", url, "--format", "json"], stdin: "Hà Nội và Hải Phòng")
        #expect(annotate.status == 0, "\(annotate.stderr)")
        #expect(annotate.stdout.contains("vn.place.ha-noi") && annotate.stdout.contains("vn.place.hai-phong"), "\(annotate.stdout)")
    }

    /// The change log's timestamps and an import's duration vary.
    static func masking(_ text: String) -> String {
        maskingTimes(text).replacingOccurrences(of: #" in \d+\.\d+ s\n"#, with: " in SECONDS\n", options: .regularExpression)
    }

    @Test func initSeedsAPostgresGlossary() throws {
        let url = try PostgresTestServer.shared().createDatabase()
        let location = url  // no password in the URL the tests use
        let first = try NomenProcess.run(["glossary", "init", "--seed", "--database", url])
        #expect(first.stdout == "glossary \(location): 0 entities, 0 names\nloaded the bundled seed: 1045 entities, 5172 names\n")
        #expect(first.stderr == "")
        let find = try NomenProcess.run(["glossary", "find", "Tap Can Binh", "--limit", "1", "--database", url])
        #expect(find.stdout == "1.000  cn.person.xi-jinping  person  Tập Cận Bình  ← Tap Can Binh (vi, deprecated, exact)\n")
    }

    @Test func databaseErrorsNameWhatToGive() throws {
        let port = try PostgresTestServer.freePort()
        let unreachable = try NomenProcess.run(["glossary", "list", "--database", "postgres://nomen:secret@127.0.0.1:\(port)/g"])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr == "nomen: error: cannot connect to PostgreSQL at 127.0.0.1:\(port) (database g, user nomen): Connection refused\n")
        let both = try NomenProcess.run(["glossary", "list", "--glossary", "g.sqlite", "--database", "postgres://nomen@127.0.0.1/g"])
        #expect(both.status == 2)
        #expect(both.stderr.hasPrefix("Error: give either --glossary (a SQLite file) or --database (a PostgreSQL URL), not both\n"))
        let notAURL = try NomenProcess.run(["glossary", "list"], environment: ["NOMEN_DATABASE": "g.sqlite"])
        #expect(notAURL.status == 2)
        #expect(notAURL.stderr.hasPrefix("Error: $NOMEN_DATABASE takes a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE (for a SQLite file, use --glossary)\n"))
    }
}
