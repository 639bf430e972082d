import Foundation
import Testing
@testable import NomenMatching

@Suite struct OrderedWorkTests {
    /// What the threads did, under a lock.
    final class Tracker: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var farthestAhead = 0, workedOn: [Int] = []
        private var taken = 0

        func work(_ index: Int) -> Int {
            lock.lock()
            farthestAhead = max(farthestAhead, index - taken)
            workedOn.append(index)
            lock.unlock()
            // Uneven work, so that later numbers often finish first.
            if index % 7 == 0 { usleep(300) }
            return index * index
        }

        func took(_ index: Int) { lock.lock(); taken = index + 1; lock.unlock() }
    }

    /// Every number is worked on once, results come out in order whoever
    /// finished first, and no number is claimed more than the window ahead
    /// of the next one taken (unbounded, 200 quick numbers run far ahead).
    @Test(arguments: [(workers: 1, window: 1), (workers: 3, window: 2), (workers: 4, window: 16)])
    func resultsInOrderWithinTheWindow(workers: Int, window: Int) {
        let count = 200
        let work = OrderedWork<Int>(count: count, window: window)
        let tracker = Tracker()
        let finished = DispatchGroup()
        for _ in 0..<workers {
            finished.enter()
            Thread {
                while let index = work.claim() { work.finish(index, tracker.work(index)) }
                finished.leave()
            }.start()
        }
        var results: [Int] = []
        for index in 0..<count {
            results.append(work.take(index, working: tracker.work))
            tracker.took(index)
        }
        finished.wait()
        #expect(results == (0..<count).map { $0 * $0 })
        #expect(tracker.workedOn.sorted() == Array(0..<count))
        // The tracker hears of a take just after the queue, so it may count
        // one number more ahead than the queue allows.
        #expect(tracker.farthestAhead <= window)
    }
}
