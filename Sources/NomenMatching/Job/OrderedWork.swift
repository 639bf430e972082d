import Foundation

/// Inputs numbered 0..<count, worked on by several threads and taken in
/// order by one: workers `claim` the next number and `finish` it; the
/// taker waits for each number in turn (`take`), working on one itself
/// while it would otherwise wait. No number is claimed more than `window`
/// ahead of the next one taken, so finished results never pile up.
final class OrderedWork<Result>: @unchecked Sendable {
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
