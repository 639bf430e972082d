import Foundation
import NomenMatching

/// An annotate job's output on standard output, its diagnostics on standard
/// error, and on a terminal a progress line.
///
/// Output to a file or a pipe is gathered up to 64 KiB before it is
/// written: a folder of 8,000 articles was 8,000 writes of a line each,
/// 4% of annotating it. On a terminal each piece goes out at once.
final class StandardOutputSink: AnnotationSink {
    let showsProgress: Bool
    private let gathers = isatty(STDOUT_FILENO) == 0
    private var pending: [UInt8] = []
    private static let pendingLimit = 1 << 16

    init(showsProgress: Bool) { self.showsProgress = showsProgress }

    deinit { flush() }

    /// Written from the array itself: a document's JSON can be a hundred megabytes.
    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    func write(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard gathers else { return Console.write(buffer) }
        if pending.count + buffer.count > Self.pendingLimit { flush() }
        if buffer.count >= Self.pendingLimit {
            Console.write(buffer)
        } else {
            pending.append(contentsOf: buffer)
        }
    }

    /// The output gathered so far, written before a diagnostic so that the
    /// two streams stay in order where they meet (a terminal, `2>&1`).
    private func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBufferPointer { Console.write($0) }
        pending.removeAll(keepingCapacity: true)
    }

    func report(_ diagnostic: Diagnostic) {
        flush()
        Console.report(diagnostic)
    }

    func progress(done: Int, of total: Int, bytes: Int) {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data(String(
            format: "\rnomen: annotated %d/%d files, %.1f MB", done, total, Double(bytes) / 1e6).utf8))
    }

    /// Writes what is gathered and clears the progress line.
    func finish() {
        flush()
        if showsProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
