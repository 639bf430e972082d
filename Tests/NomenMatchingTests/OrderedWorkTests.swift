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

    /// Which thread ran each worker number, under a lock.
    final class Workers: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var threads: [Int: Set<UInt>] = [:]
        private(set) var worked: [Int] = []
        func record(_ index: Int, _ worker: Int) {
            lock.lock()
            threads[worker, default: []].insert(UInt(pthread_self()))
            worked.append(index)
            lock.unlock()
        }
    }

    /// `run` hands results over in order, a worker number is one thread's
    /// (the caller's is 0); when `consume` says stop, it returns with the
    /// threads done and nothing claimed past the window.
    @Test(arguments: [1, 3])
    func runGivesResultsInOrderAndStops(workers: Int) {
        let record = Workers()
        var taken: [Int] = []
        let caller = UInt(pthread_self())
        OrderedWork<Int>.run(count: 500, workers: workers, window: 4, work: { index, worker in
            record.record(index, worker)
            if index % 5 == 0 { usleep(200) }
            return -index
        }) { index, result in
            #expect(result == -index)
            taken.append(index)
            return index < 100
        }
        #expect(taken == Array(0...100))
        #expect(record.threads.keys.allSatisfy { (0..<workers).contains($0) })
        #expect(record.threads.values.allSatisfy { $0.count == 1 })
        // Worker 0 is the caller and no other thread; the caller is no other
        // worker (alone, it does all the work).
        #expect(record.threads[0].map { $0 == [caller] } ?? true)
        #expect(record.threads.filter { $0.value.contains(caller) }.keys.allSatisfy { $0 == 0 })
        if workers == 1 { #expect(record.threads[0] == [caller]) }
        // Numbers are claimed at most the window ahead of the next one taken.
        #expect(record.worked.allSatisfy { $0 <= 100 + 4 })
        #expect(Set(record.worked).count == record.worked.count)
    }
}
