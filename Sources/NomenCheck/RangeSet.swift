/// Ranges of a text, asked whether any overlaps a given range.
///
/// The rules run one after another, each from the start of the text to its
/// end, claiming ranges as they go: the ranges come in order within a pass
/// and start again at the text's beginning with the next. So they are kept
/// as two sorted runs, the settled ones and the latest pass's, each searched
/// by bisection; a range that starts before the latest one merges the two
/// (once per pass). Sorting everything whenever a range came out of order
/// did that for nearly every claim of every pass after the first.
struct RangeSet {
    private var settled = SortedRanges()
    private var latest = SortedRanges()

    mutating func insert(_ range: Range<Int>) {
        if let last = latest.ranges.last, range.lowerBound < last.lowerBound {
            settled = SortedRanges.merging(settled, latest)
            latest = SortedRanges()
        }
        latest.append(range)
    }

    func overlaps(_ range: Range<Int>) -> Bool {
        latest.overlaps(range) || settled.overlaps(range)
    }

    /// Ranges sorted by start, with the largest upper bound among
    /// `ranges[0...i]` at `reach[i]`.
    private struct SortedRanges {
        private(set) var ranges: [Range<Int>] = []
        private var reach: [Int] = []

        mutating func append(_ range: Range<Int>) {
            ranges.append(range)
            reach.append(max(reach.last ?? Int.min, range.upperBound))
        }

        func overlaps(_ range: Range<Int>) -> Bool {
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

        static func merging(_ a: SortedRanges, _ b: SortedRanges) -> SortedRanges {
            var merged = SortedRanges()
            merged.ranges.reserveCapacity(a.ranges.count + b.ranges.count)
            merged.reach.reserveCapacity(a.ranges.count + b.ranges.count)
            var i = 0, j = 0
            while i < a.ranges.count || j < b.ranges.count {
                if j == b.ranges.count || (i < a.ranges.count && a.ranges[i].lowerBound <= b.ranges[j].lowerBound) {
                    merged.append(a.ranges[i])
                    i += 1
                } else {
                    merged.append(b.ranges[j])
                    j += 1
                }
            }
            return merged
        }
    }
}
