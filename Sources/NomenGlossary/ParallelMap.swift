import Dispatch
import Foundation

/// `map` on every core for the per-entity work of an import (validation,
/// match keys, change-log JSON), whose items do not depend on each other.
enum ParallelMap {
    /// Below this many items per core a thread costs more than it saves.
    static let minimumPerWorker = 2_000

    /// The transform of every item, in order. Each worker makes its own
    /// state with `makeWorker` (a `MatchKeyBuilder` is not thread-safe) and
    /// works through one contiguous part. On an error, the first one in
    /// item order is thrown, as a serial `map` would.
    static func map<Item, Output, Worker, Failure: Error>(
        _ items: [Item], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        worker makeWorker: () -> Worker, _ transform: (inout Worker, Item) throws(Failure) -> Output
    ) throws(Failure) -> [Output] {
        let parts = max(1, min(workers, items.count / minimumPerWorker))
        if parts == 1 {
            var worker = makeWorker()
            var outputs: [Output] = []
            outputs.reserveCapacity(items.count)
            for item in items { outputs.append(try transform(&worker, item)) }
            return outputs
        }
        let results = (0..<parts).map { _ in ParallelPart<Output, Failure>() }
        let bounds = (0...parts).map { items.count * $0 / parts }
        let workersMade = (0..<parts).map { _ in makeWorker() }
        // concurrentPerform returns when every part is done, so the
        // closures' borrows of `items` and `transform` end before this does.
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let items = items
            nonisolated(unsafe) let workersMade = workersMade
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var worker = workersMade[part]
                results[part].outputs = Result { () throws(Failure) -> [Output] in
                    var outputs: [Output] = []
                    outputs.reserveCapacity(bounds[part + 1] - bounds[part])
                    for item in items[bounds[part]..<bounds[part + 1]] { outputs.append(try transform(&worker, item)) }
                    return outputs
                }
            }
        }
        var outputs: [Output] = []
        outputs.reserveCapacity(items.count)
        for part in results { outputs += try part.outputs.get() }
        return outputs
    }
}

/// What one worker of `ParallelMap` gives back: written by that worker
/// only, read after every worker is done.
private final class ParallelPart<Output, Failure: Error>: @unchecked Sendable {
    var outputs: Result<[Output], Failure> = .success([])
}
