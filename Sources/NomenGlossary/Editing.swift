import NomenData
import NomenNormalization
import NomenModel

/// What an import does with an entity whose id is already in the glossary.
public enum ConflictPolicy: String, CaseIterable, Sendable {
    /// Abort the whole import (the default).
    case fail
    /// Keep the entity in the glossary; ignore the imported one.
    case skip
    /// Replace the entity in the glossary with the imported one.
    case replace
}

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Hashable, Sendable {
    public var added = 0
    public var replaced = 0
    public var skipped = 0
    public var names = 0
    public var dryRun = false
    /// The change log entry; nil for a dry run or when nothing changed.
    public var changeID: Int64?
}

extension GlossaryBackend {
    /// Adds a new entity. Its texts are normalized to NFC; throws `.conflict`
    /// if the id is taken, `.invalid` if it breaks a rule of the model.
    @discardableResult
    public func add(_ entity: Entity, command: String, expectedRevision: Int64? = nil) throws -> Entity {
        let entity = try EntityValidation.normalized(entity)
        try EntityValidation.check(entity)
        return try write(command: command, expectedRevision: expectedRevision) { transaction, recorder in
            if try transaction.entity(id: entity.id) != nil {
                throw GlossaryError(.conflict, "an entity \(entity.id) exists already")
            }
            try transaction.insert(entity, keyMaker: MatchKeyBuilder())
            try transaction.forgetMergedID(entity.id)
            recorder.record(entity.id, before: nil, after: entity)
            recorder.summary = "add \(entity.id)"
            return entity
        }
    }

    /// Reads an entity, lets `change` edit it, checks and stores the result,
    /// all in one transaction. `change` may throw to abort.
    @discardableResult
    public func update(id: String, command: String, summary: String, expectedRevision: Int64? = nil,
                       _ change: (inout Entity) throws -> Void) throws -> Entity {
        try write(command: command, expectedRevision: expectedRevision) { transaction, recorder in
            guard let before = try transaction.entity(id: id) else {
                throw try transaction.notFound(id)
            }
            var after = before
            try change(&after)
            after = try EntityValidation.normalized(after)
            try EntityValidation.check(after)
            if after != before {
                try transaction.delete(id: id)
                try transaction.insert(after, keyMaker: MatchKeyBuilder())
                recorder.record(id, before: before, after: after)
                if after.id != id {
                    recorder.record(after.id, before: nil, after: after)
                }
            }
            recorder.summary = summary
            return after
        }
    }

    /// Removes an entity and its names; its history stays in the change log.
    @discardableResult
    public func remove(id: String, command: String, expectedRevision: Int64? = nil) throws -> Entity {
        try write(command: command, expectedRevision: expectedRevision) { transaction, recorder in
            guard let before = try transaction.entity(id: id) else {
                throw try transaction.notFound(id)
            }
            try transaction.delete(id: id)
            recorder.record(id, before: before, after: nil)
            recorder.summary = "remove \(id)"
            return before
        }
    }

    /// Merges entity `from` into `into`: names of `from` that `into` lacks
    /// are added (as admitted when `into` already has a preferred name in
    /// that language), missing fields are filled, `from` is removed, and its
    /// history is reachable from `into`.
    @discardableResult
    public func merge(into: String, from: String, command: String, expectedRevision: Int64? = nil) throws -> Entity {
        guard into != from else { throw GlossaryError(.invalid, "cannot merge \(into) into itself") }
        return try write(command: command, expectedRevision: expectedRevision) { transaction, recorder in
            guard let target = try transaction.entity(id: into) else { throw try transaction.notFound(into) }
            guard let source = try transaction.entity(id: from) else { throw try transaction.notFound(from) }
            var merged = target
            let preferredLangs = Set(target.names.filter { $0.status == .preferred }.map(\.lang))
            var texts = Set(target.names.map { LanguageText(lang: $0.lang, text: $0.text) })
            for var name in source.names where texts.insert(LanguageText(lang: name.lang, text: name.text)).inserted {
                if name.status == .preferred && preferredLangs.contains(name.lang) { name.status = .admitted }
                merged.names.append(name)
            }
            merged.description = target.description ?? source.description
            merged.nameOrder = target.nameOrder ?? source.nameOrder
            merged.familyName = target.familyName ?? source.familyName
            merged.note = target.note ?? source.note
            merged.source = target.source ?? source.source
            merged.externalIDs = source.externalIDs.merging(target.externalIDs) { _, targetValue in targetValue }
            try EntityValidation.check(merged)
            try transaction.delete(id: from)
            try transaction.delete(id: into)
            try transaction.insert(merged, keyMaker: MatchKeyBuilder())
            try transaction.recordMerge(from: from, into: into)
            recorder.record(into, before: target, after: merged)
            recorder.record(from, before: source, after: nil)
            recorder.summary = "merge \(from) into \(into)"
            return merged
        }
    }

    // MARK: - Import

    /// Imports entities read from a file, all or nothing: every problem
    /// (broken rules, ids already present under `.fail`) is collected and
    /// thrown as one `.invalid` error listing each with its line, and the
    /// database is left unchanged. A dry run checks everything and rolls back.
    /// What an import finds wrong in entities read from a file (each rule
    /// of `EntityValidation`, an id given twice), at the lines they came from.
    public static func validationIssues(_ items: [SourcedEntity], file: String?) -> [GlossaryIssue] {
        validated(items, file: file).issues
    }

    static func validated(_ items: [SourcedEntity], file: String?) -> (entities: [Entity], issues: [GlossaryIssue]) {
        // Each entity on its own, on every core; then, in order, the ids given twice.
        let checked = ParallelMap.map(items) { validated($0, file: file) }
        var issues: [GlossaryIssue] = []
        var entities: [Entity] = []
        entities.reserveCapacity(items.count)
        var seen: [String: Int?] = [:]
        seen.reserveCapacity(items.count)
        for (item, (entity, entityIssues)) in zip(items, checked) {
            issues += entityIssues
            guard let entity else { continue }
            if let previous = seen[entity.id] {
                let at = previous.map { " (first at line \($0))" } ?? ""
                issues.append(GlossaryIssue(file: file, line: item.line, message: "entity \(entity.id) is given twice\(at)"))
            }
            seen[entity.id] = item.line
            entities.append(entity)
        }
        return (entities, issues)
    }

    /// One entity normalized (nil if it cannot be) and what is wrong with
    /// it, each problem at the line of the name it concerns.
    private static func validated(_ item: SourcedEntity, file: String?) -> (entity: Entity?, issues: [GlossaryIssue]) {
        let entity: Entity
        do {
            entity = try EntityValidation.normalized(item.entity)
        } catch {
            return (nil, [GlossaryIssue(file: file, line: item.line, message: "\(item.entity.id): \(error)")])
        }
        // `normalized` groups the names by language: the line of each name follows it.
        var languages: [String] = []
        for name in item.entity.names where !languages.contains(name.lang.trimmingWhiteSpace) {
            languages.append(name.lang.trimmingWhiteSpace)
        }
        let order = languages.flatMap { lang in item.entity.names.indices.filter { item.entity.names[$0].lang.trimmingWhiteSpace == lang } }
        let issues = EntityValidation.problems(entity).map { problem in
            let line = problem.nameIndex.flatMap { index in
                index < order.count && item.nameLines.indices.contains(order[index]) ? item.nameLines[order[index]] : nil
            } ?? item.line
            return GlossaryIssue(file: file, line: line, message: problem.message)
        }
        return (entity, issues)
    }

    public func importEntities(_ items: [SourcedEntity], file: String?, onConflict: ConflictPolicy = .fail,
                               dryRun: Bool = false, expectedRevision: Int64? = nil,
                               command: String) throws -> ImportSummary {
        let (entities, issues) = Self.validated(items, file: file)
        if !issues.isEmpty { throw GlossaryStore.importFailure(issues) }

        return try write(command: command, expectedRevision: expectedRevision) { transaction, recorder in
            var summary = ImportSummary(dryRun: dryRun)
            let existing = try transaction.entityIDs()
            var conflicts: [GlossaryIssue] = []
            // Without issues, `validated` gives one entity per item, in order.
            for (entity, item) in zip(entities, items) where existing.contains(entity.id) {
                switch onConflict {
                case .fail:
                    conflicts.append(GlossaryIssue(file: file, line: item.line,
                                                   message: "entity \(entity.id) is already in the glossary (use --on-conflict skip or replace)"))
                case .skip, .replace:
                    break
                }
            }
            if !conflicts.isEmpty { throw GlossaryStore.importFailure(conflicts) }
            let written = onConflict == .skip ? entities.filter { !existing.contains($0.id) } : entities
            summary.skipped = entities.count - written.count
            // The names' keys: for a large import, made on a second thread
            // while this one inserts.
            let background = written.count >= 2 * BackgroundKeys.chunkSize ? BackgroundKeys(written) : nil
            defer { background?.cancel() }
            let keyMaker = MatchKeyBuilder()
            try transaction.beginBulkInsert(names: written.reduce(0) { $0 + $1.names.count })
            recorder.reserveCapacity(written.count)
            for (index, entity) in written.enumerated() {
                let keys = try background?.keys(of: index) ?? keyMaker.keys(of: entity)
                if existing.contains(entity.id) {
                    let before = try transaction.entity(id: entity.id)
                    try transaction.delete(id: entity.id)
                    try transaction.insert(entity, keys: keys)
                    recorder.record(entity.id, before: before, after: entity)
                    summary.replaced += 1
                } else {
                    try transaction.insert(entity, keys: keys)
                    recorder.record(entity.id, before: nil, after: entity)
                    summary.added += 1
                }
                summary.names += entity.names.count
            }
            try transaction.endBulkInsert()
            recorder.summary = "import \(file ?? "entities"): \(summary.added) added, \(summary.replaced) replaced, \(summary.skipped) skipped"
            recorder.dryRun = dryRun
            if !dryRun {
                try recorder.save(transaction)
                summary.changeID = recorder.savedID
            }
            return summary
        }
    }
}

extension GlossaryStore {
    static func importFailure(_ issues: [GlossaryIssue]) -> GlossaryError {
        let count = issues.count == 1 ? "1 error" : "\(issues.count) errors"
        return GlossaryError(.invalid, "import aborted: \(count); the glossary is unchanged", issues: issues)
    }

    // MARK: - Seed

    /// The seed glossary compiled into the binary (`Data/seed/glossary.jsonl`).
    public static func bundledSeed() throws -> [SourcedEntity] {
        let result = GlossaryFormat.jsonl.read(Array(EmbeddedData.seedGlossary.utf8), file: "seed")
        if !result.issues.isEmpty {
            throw GlossaryError(.invalid, "the bundled seed is invalid", issues: result.issues)
        }
        return result.entities
    }
}

extension GlossaryBackend {
    /// Loads the bundled seed in one transaction; fails (changing nothing)
    /// if any of its ids is already in the glossary.
    @discardableResult
    public func loadSeed(command: String) throws -> ImportSummary {
        try importEntities(try GlossaryStore.bundledSeed(), file: "seed", onConflict: .fail, command: command)
    }
}
