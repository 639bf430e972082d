import Dispatch
import Foundation

/// `map` on every core for the per-entity work of an import (validation,
/// the change log's JSON, decoding CSV rows), whose items do not depend on
/// each other.
enum ParallelMap {
    /// Below this many items per core a thread costs more than it saves.
    static let minimumPerWorker = 2_000

    /// How many contiguous parts `map` cuts `count` items into.
    static func parts(for count: Int, workers: Int) -> Int {
        max(1, min(workers, count / minimumPerWorker))
    }

    /// The transform of every item, in order, each part on a thread of its
    /// own. On an error, the first one in item order is thrown, as a serial
    /// `map` would.
    static func map<Item, Output, Failure: Error>(
        _ items: [Item], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        _ transform: (Item) throws(Failure) -> Output
    ) throws(Failure) -> [Output] {
        let parts = parts(for: items.count, workers: workers)
        if parts == 1 {
            var outputs: [Output] = []
            outputs.reserveCapacity(items.count)
            for item in items { outputs.append(try transform(item)) }
            return outputs
        }
        let results = (0..<parts).map { _ in ParallelPart<Output, Failure>() }
        let bounds = (0...parts).map { items.count * $0 / parts }
        // concurrentPerform returns when every part is done, so the
        // closures' borrows of `items` and `transform` end before this does.
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let items = items
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                results[part].outputs = Result { () throws(Failure) -> [Output] in
                    var outputs: [Output] = []
                    outputs.reserveCapacity(bounds[part + 1] - bounds[part])
                    for item in items[bounds[part]..<bounds[part + 1]] { outputs.append(try transform(item)) }
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
