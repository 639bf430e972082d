import ArgumentParser
import NomenGlossary

extension Nomen.Glossary {
    struct Expand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expand",
            abstract: "Propose generated name variants; --apply adds them.",
            discussion: """
                Variants: Vietnamese without diacritics (vi, deprecated); pinyin (zh-Latn-pinyin) and Hán-Việt \
                (vi) of Chinese names; place names without and with their generic word (广宁省 → 广宁, \
                Yunnan Province, tỉnh Lào Cai); compact forms of Vietnamese place names (Da Nang → Danang, en); \
                city short forms (TP.HCM, HCMC); organizations without their country (Bộ Công an) and their \
                initials (CPV, TTXVN). A form another entity has, or that two entities generate, is left out. \
                All are marked kind generated, with a note. Output: ENTITY_ID  TEXT@LANG  STATUS  (note).
                """)

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "Entity ids (default: all).")
        var ids: [String] = []

        @Flag(help: "Add the proposed names (one transaction) instead of only listing them.")
        var apply = false

        func run() throws {
            try reportingFailures {
                let store = try glossaryOptions.openStore()
                let proposals = try withGlossaryErrors {
                    try store.expand(ids: ids.isEmpty ? nil : ids, apply: apply, command: commandLineForLog())
                }
                var rows: [[String]] = []
                for (entityID, names) in proposals {
                    for name in names {
                        rows.append([entityID, "\(name.text)@\(name.lang)", name.status.rawValue, "(\(name.note ?? ""))"])
                    }
                }
                Console.write(GlossaryDisplay.table(rows))
                let count = rows.count
                Console.write("\(apply ? "added" : "proposed") \(count) generated name\(count == 1 ? "" : "s")\(apply || count == 0 ? "" : " (--apply adds them)")\n")
            }
        }
    }
}
