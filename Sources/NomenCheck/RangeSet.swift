/// Ranges of a text, asked whether any overlaps a given range: kept sorted
/// by start, with a binary search, so a long text with many findings stays
/// linear.
struct RangeSet {
    private var ranges: [Range<Int>] = []
    private var sorted = true
    /// The largest upper bound among ranges[0...i], for the search.
    private var reach: [Int] = []

    mutating func insert(_ range: Range<Int>) {
        if let last = ranges.last, range.lowerBound < last.lowerBound { sorted = false }
        ranges.append(range)
        reach.append(max(reach.last ?? Int.min, range.upperBound))
    }

    mutating func overlaps(_ range: Range<Int>) -> Bool {
        if !sorted {
            ranges.sort { $0.lowerBound < $1.lowerBound }
            reach = []
            for range in ranges { reach.append(max(reach.last ?? Int.min, range.upperBound)) }
            sorted = true
        }
        // The last range starting before `range` ends; any overlap is at or
        // before it, and reach tells whether one gets that far.
        var low = 0, high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound < range.upperBound { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return false }
        return reach[low - 1] > range.lowerBound
    }
}
