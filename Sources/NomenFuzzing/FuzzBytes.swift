/// Reads choices out of a fuzz input, so that targets which need structured
/// input (a glossary and a text) can be driven by arbitrary bytes: each byte
/// read picks among options. Past the end every choice is the first option,
/// so any input, even an empty one, gives a valid structure.
struct FuzzBytes {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isExhausted: Bool { index >= bytes.count }

    mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// A number in `0..<count` (two bytes when `count` is over 256).
    mutating func below(_ count: Int) -> Int {
        precondition(count > 0)
        if count <= 256 { return Int(byte()) % count }
        return (Int(byte()) << 8 | Int(byte())) % count
    }

    mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }

    /// True about one time in `oneIn`.
    mutating func chance(_ oneIn: Int) -> Bool { below(oneIn) == 0 }
}
