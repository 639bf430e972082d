import Foundation
import NomenMatching

/// An annotate job's output on standard output, its diagnostics on standard
/// error, and on a terminal a progress line.
final class StandardOutputSink: AnnotationSink {
    let showsProgress: Bool

    init(showsProgress: Bool) { self.showsProgress = showsProgress }

    /// Written from the array itself: a document's JSON can be a hundred megabytes.
    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { Console.write($0) }
    }

    func write(_ buffer: UnsafeBufferPointer<UInt8>) { Console.write(buffer) }

    func report(_ diagnostic: Diagnostic) { Console.report(diagnostic) }

    func progress(done: Int, of total: Int, bytes: Int) {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data(String(
            format: "\rnomen: annotated %d/%d files, %.1f MB", done, total, Double(bytes) / 1e6).utf8))
    }

    /// Clears the progress line.
    func finish() {
        if showsProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
