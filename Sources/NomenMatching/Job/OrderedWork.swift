import Foundation

/// Inputs numbered 0..<count, worked on by several threads and taken in
/// order by one: workers `claim` the next number and `finish` it; the
/// taker waits for each number in turn (`take`), working on one itself
/// while it would otherwise wait. No number is claimed more than `window`
/// ahead of the next one taken, so finished results never pile up.
/// `run` does all of it; annotate and check share their files out with it.
public final class OrderedWork<Result>: @unchecked Sendable {
    private let count: Int
    private let window: Int
    private var results: [Result?]
    /// The next number to claim, and the next to take.
    private var next = 0, taken = 0
    private let condition = NSCondition()

    init(count: Int, window: Int) {
        self.count = count
        self.window = max(1, window)
        results = Array(repeating: nil, count: count)
    }

    /// The next number to work on, once it is within the window; nil when
    /// every number has been claimed.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < count && next >= taken + window { condition.wait() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// No more numbers are handed out (`claim` gives nil); work under way
    /// finishes, and its results are dropped with this queue.
    func stop() {
        condition.lock()
        next = count
        condition.broadcast()
        condition.unlock()
    }

    func finish(_ index: Int, _ result: Result) {
        condition.lock()
        results[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// The result of `index` (the next one in order): works on a claimable
    /// number with `work` (on this thread) while it is not done yet.
    func take(_ index: Int, working work: (Int) -> Result) -> Result {
        condition.lock()
        while true {
            if let result = results[index] {
                results[index] = nil
                taken = index + 1
                condition.broadcast()
                condition.unlock()
                return result
            }
            if next < count && next < taken + window {
                let claimed = next
                next += 1
                condition.unlock()
                let result = work(claimed)
                condition.lock()
                results[claimed] = result
                condition.broadcast()
                continue
            }
            condition.wait()
        }
    }
}

extension OrderedWork {
    /// Works on 0..<count with up to `workers` threads, this one (worker 0)
    /// and others started here, each with its own number for what it must
    /// not share (a checker); hands every result to `consume` on this
    /// thread, in order. `consume` returning false stops the work early.
    /// The threads have finished when this returns. Threads of its own, with
    /// 8 MiB stacks, rather than `concurrentPerform`, whose width is the
    /// machine's, not `workers`, and which starts them again each call.
    public static func run(count: Int, workers: Int, window: Int,
                           work: @escaping @Sendable (_ index: Int, _ worker: Int) -> Result,
                           consume: (_ index: Int, _ result: Result) -> Bool) {
        let queue = OrderedWork(count: count, window: window)
        let finished = DispatchGroup()
        for worker in 1..<max(1, min(workers, count)) {
            finished.enter()
            let thread = Thread {
                while let index = queue.claim() { queue.finish(index, work(index, worker)) }
                finished.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for index in 0..<count {
            let result = queue.take(index) { work($0, 0) }
            if !consume(index, result) {
                queue.stop()
                break
            }
        }
        finished.wait()
    }
}
