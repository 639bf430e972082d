import Dispatch
import Foundation
import NomenCheck
import NomenGlossary
import NomenMatching
import NomenModel

/// The glossary compiled at one revision: what annotate and check run on.
/// Never changes; a newer revision gets a new snapshot.
final class GlossarySnapshot: @unchecked Sendable {
    let revision: Int64
    let matcher: Matcher
    let entities: [Entity]
    private let lock = NSLock()
    /// One annotate job per target language (nil: detected), each with its pool of annotators.
    private var jobs: [DocumentLanguage?: AnnotateJob] = [:]
    /// Checkers not in use (a `Checker` serves one request at a time).
    private var freeCheckers: [Checker] = []

    init(revision: Int64, matcher: Matcher, entities: [Entity]) {
        self.revision = revision
        self.matcher = matcher
        self.entities = entities
    }

    /// The job that annotates as `nomen annotate --format json [--lang]` does.
    func annotateJob(language: DocumentLanguage?) -> AnnotateJob {
        lock.lock()
        defer { lock.unlock() }
        if let job = jobs[language] { return job }
        var options = AnnotateOptions()
        options.output = .json
        options.language = language
        let job = AnnotateJob(matcher: matcher, options: options)
        jobs[language] = job
        return job
    }

    /// Lends a checker for the length of `body`.
    func withChecker<T>(_ body: (Checker) throws -> T) throws -> T {
        lock.lock()
        let free = freeCheckers.popLast()
        lock.unlock()
        let checker = try free ?? Checker(matcher: matcher, entities: entities)
        defer {
            lock.lock()
            freeCheckers.append(checker)
            lock.unlock()
        }
        return try body(checker)
    }
}

/// The glossary a server serves: the store, and the matcher compiled from
/// it, rebuilt when the revision changes (after a write through the server,
/// or one by another process, noticed by `poll`). A rebuild runs on a queue
/// of its own; requests keep the snapshot they took, so annotations during
/// a rebuild use the previous matcher, and the new one is swapped in whole.
public final class LiveGlossary: @unchecked Sendable {
    public let store: any GlossaryBackend
    /// The store's file, for the matcher cache's key (a store in memory has none).
    let path: String
    let cacheDirectory: URL?
    private let lock = NSLock()
    private var current: GlossarySnapshot?
    private var refreshPending = false
    private var lastFailure: String?
    private let rebuildQueue = DispatchQueue(label: "nomen.serve.rebuild")

    public init(store: any GlossaryBackend, path: String, cacheDirectory: URL?) {
        self.store = store
        self.path = path
        self.cacheDirectory = cacheDirectory
    }

    /// The snapshot requests use now; nil until the first compile is done.
    var snapshot: GlossarySnapshot? {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// The revision of the compiled matcher; nil before the first compile.
    public var compiledRevision: Int64? { snapshot?.revision }

    /// The compiled matcher requests use now; nil before the first compile.
    public var matcher: Matcher? { snapshot?.matcher }

    /// Why the last rebuild failed, if it did.
    public var failure: String? {
        lock.lock()
        defer { lock.unlock() }
        return lastFailure
    }

    /// Compiles the glossary at its current revision unless that is the one
    /// held, and waits for it. Rebuilds run one at a time.
    public func refresh() throws {
        try rebuildQueue.sync { try rebuildIfStale() }
    }

    /// Starts a refresh unless one is already waiting to run; returns at once.
    public func scheduleRefresh() {
        lock.lock()
        if refreshPending {
            lock.unlock()
            return
        }
        refreshPending = true
        lock.unlock()
        rebuildQueue.async { [self] in
            lock.lock()
            refreshPending = false
            lock.unlock()
            try? rebuildIfStale()
        }
    }

    /// Reads the revision every `interval` and rebuilds when it changed, so a
    /// write by another process (`nomen glossary …` on the same file) is
    /// picked up within about one interval and a rebuild. Polls on a thread
    /// of its own, so that requests busy on every core do not delay it;
    /// returns at once. Stop it with `stopPolling`.
    public func startPolling(every interval: Duration) {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        lock.lock()
        polling = true
        lock.unlock()
        let thread = Thread { [self] in
            while isPolling {
                Thread.sleep(forTimeInterval: seconds)
                guard isPolling else { return }
                if let revision = try? store.revision(), revision != compiledRevision { scheduleRefresh() }
            }
        }
        thread.name = "nomen.serve.poll"
        thread.start()
    }

    public func stopPolling() {
        lock.lock()
        polling = false
        lock.unlock()
    }

    private var polling = false
    private var isPolling: Bool {
        lock.lock()
        defer { lock.unlock() }
        return polling
    }

    /// When the last rebuild started and finished, and for which revision.
    public struct Rebuild: Sendable {
        public let revision: Int64
        public let started: ContinuousClock.Instant
        public let finished: ContinuousClock.Instant
    }

    /// The last rebuild that succeeded.
    public var lastRebuild: Rebuild? {
        lock.lock()
        defer { lock.unlock() }
        return rebuilt
    }

    private var rebuilt: Rebuild?

    /// On the rebuild queue only.
    private func rebuildIfStale() throws {
        do {
            var revision = try store.revision()
            if revision == snapshot?.revision { return }
            let started = ContinuousClock.now
            var entities: [Entity]
            // Entities and revision must agree, or the cache would file this
            // glossary under a revision it is not at: read until they do.
            while true {
                entities = try store.allEntities()
                let after = try store.revision()
                if after == revision { break }
                revision = after
            }
            let matcher = try store.compiledMatcher(revision: revision, cacheDirectory: cacheDirectory,
                                                    fallbackPath: path) { entities }
            let snapshot = GlossarySnapshot(revision: revision, matcher: matcher, entities: entities)
            lock.lock()
            current = snapshot
            rebuilt = Rebuild(revision: revision, started: started, finished: ContinuousClock.now)
            lastFailure = nil
            lock.unlock()
        } catch {
            lock.lock()
            lastFailure = "\(error)"
            lock.unlock()
            throw error
        }
    }
}
