import Dispatch
import Foundation
import NomenModel
import NomenNormalization

/// The match keys of an import's entities, computed on a second thread a
/// chunk at a time while the caller inserts the entities whose keys are
/// done. SQLite inserts on one thread only; this way the keys (ICU, about a
/// third of the inserts' time) are made beside the inserts, not before them.
final class BackgroundKeys: @unchecked Sendable {
    static let chunkSize = 1_000

    private let entities: [Entity]
    private let chunkCount: Int
    /// Written by the background thread under `lock`, each chunk once,
    /// then its semaphore signalled.
    private var chunks: [Result<[[MatchKeys]], ICUError>?]
    private let ready: [DispatchSemaphore]
    private let lock = NSLock()
    private var cancelled = false
    private var made = 0

    /// The caller's current chunk (only the caller's thread touches these).
    private var currentChunk = -1
    private var currentKeys: [[MatchKeys]] = []

    init(_ entities: [Entity]) {
        self.entities = entities
        chunkCount = (entities.count + Self.chunkSize - 1) / Self.chunkSize
        chunks = Array(repeating: nil, count: chunkCount)
        ready = (0..<chunkCount).map { _ in DispatchSemaphore(value: 0) }
        // The closure holds the object until every chunk is made or the
        // caller cancels.
        DispatchQueue.global().async { self.makeChunks() }
    }

    /// The keys of each name of entity `index`, waiting for its chunk if it
    /// is not made yet. Indexes must come in increasing order.
    func keys(of index: Int) throws(ICUError) -> [MatchKeys] {
        let chunk = index / Self.chunkSize
        if chunk != currentChunk {
            ready[chunk].wait()
            let made = lock.withLock { () -> Result<[[MatchKeys]], ICUError>? in
                defer { chunks[chunk] = nil }
                return chunks[chunk]
            }
            guard let made else { preconditionFailure("chunk \(chunk) signalled but not made") }
            currentKeys = try made.get()
            currentChunk = chunk
        }
        return currentKeys[index - chunk * Self.chunkSize]
    }

    /// Stops making keys (the import failed or is done).
    func cancel() {
        lock.withLock { cancelled = true }
    }

    /// How many chunks the second thread has made so far.
    var chunksMade: Int { lock.withLock { made } }

    private func makeChunks() {
        let keyMaker = MatchKeyBuilder()
        for chunk in 0..<chunkCount {
            if lock.withLock({ cancelled }) { return }
            let range = chunk * Self.chunkSize..<min(entities.count, (chunk + 1) * Self.chunkSize)
            let made = Result { () throws(ICUError) -> [[MatchKeys]] in
                var keys: [[MatchKeys]] = []
                keys.reserveCapacity(range.count)
                for entity in entities[range] { keys.append(try keyMaker.keys(of: entity)) }
                return keys
            }
            lock.withLock {
                chunks[chunk] = made
                self.made += 1
            }
            ready[chunk].signal()
            // A failed chunk ends the import: no need for the others.
            if case .failure = made { return }
        }
    }
}
