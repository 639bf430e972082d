import Foundation
import NomenModel
import NomenNormalization

/// An entity read from a file, with the lines it came from, so that
/// problems found later can name them.
public struct SourcedEntity: Hashable, Sendable {
    public var entity: Entity
    /// The entity's first line (CSV/TSV row, JSONL line, TBX element).
    public var line: Int?
    /// The line of each name, parallel to `entity.names`.
    public var nameLines: [Int?]

    public init(entity: Entity, line: Int? = nil, nameLines: [Int?]? = nil) {
        self.entity = entity
        self.line = line
        self.nameLines = nameLines ?? Array(repeating: line, count: entity.names.count)
    }
}

/// The exchange formats of `nomen glossary import` and `export`.
///
/// - csv, tsv: one row per name. Columns `entity_id,type,lang,text,status`,
///   optional `kind,case,note,source` for the name, and optional entity
///   columns `description,name_order,family_name,external_ids,entity_note,
///   entity_source` (given on any row of the entity; `external_ids` as
///   `scheme=id;scheme=id`). A row with `lang`, `text` and `status` all empty
///   stands for an entity without names. CSV quotes as RFC 4180; TSV has no
///   quoting and writes tab, newline, carriage return and backslash as `\t`,
///   `\n`, `\r`, `\\`.
/// - jsonl: one entity per line, as the seed glossary.
/// - tbx: TBX-Basic (TBX 2, `martif`), one `termEntry` per entity.
public enum GlossaryFormat: String, CaseIterable, Sendable {
    case csv, tsv, jsonl, tbx

    /// The format a file name's extension implies.
    public static func inferred(fromPath path: String) -> GlossaryFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") || lower.hasSuffix(".ndjson") { return .jsonl }
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        return GlossaryFormat(rawValue: String(lower[lower.index(after: dot)...]))
    }

    public struct ReadResult: Sendable {
        public var entities: [SourcedEntity] = []
        /// Errors: the file cannot be imported.
        public var issues: [GlossaryIssue] = []
        /// What was read in a way worth saying (a column kept in notes).
        public var warnings: [GlossaryIssue] = []

        /// The read errors and the errors an import would find in the
        /// entities read (`EntityValidation`), in one list sorted by line:
        /// every error of the file in one pass.
        public func allIssues(file: String?) -> [GlossaryIssue] {
            let found = issues + GlossaryStore.validationIssues(entities, file: file)
            return found.enumerated().sorted { a, b in
                (a.element.line ?? 0, a.offset) < (b.element.line ?? 0, b.offset)
            }.map(\.element)
        }
    }

    /// Reads every entity of a file; problems are collected, not thrown.
    public func read(_ bytes: [UInt8], file: String) -> ReadResult {
        switch self {
        case .csv: DelimitedFormat.read(bytes, file: file, separator: UInt8(ascii: ","), quoting: true, sniff: true)
        case .tsv: DelimitedFormat.read(bytes, file: file, separator: UInt8(ascii: "\t"), quoting: false, sniff: false)
        case .jsonl: JSONLinesFormat.read(bytes, file: file)
        case .tbx: TBXFormat.read(bytes, file: file)
        }
    }

    /// The entities as TBX with `sourceLanguage` first in every entry and
    /// as the file's language, for CAT tools.
    public static func tbx(_ entities: [Entity], sourceLanguage: String) -> String {
        TBXFormat.write(entities, sourceLanguage: LanguageTag.canonical(sourceLanguage))
    }

    /// The XCS file the TBX export refers to, and its name: the data
    /// categories of the export, nomen's `x-nomen-*` ones declared.
    public static let tbxConstraints = (fileName: TBXFormat.xcsFileName, text: TBXFormat.constraints)

    /// The entities written in this format.
    public func write(_ entities: [Entity]) throws -> String {
        switch self {
        case .csv: DelimitedFormat.write(entities, separator: ",")
        case .tsv: DelimitedFormat.write(entities, separator: "\t")
        case .jsonl: try JSONLinesFormat.write(entities)
        case .tbx: TBXFormat.write(entities)
        }
    }
}
