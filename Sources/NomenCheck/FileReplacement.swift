import Foundation

/// Why `--fix` did not rewrite a file. The file is as it was; the message
/// names it and says what to do.
public struct FileReplacementError: Error, Equatable, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): not rewritten: \(reason)" }
}

/// Replaces a file's contents so that a reader, a crash or a `kill -9` sees
/// either the old contents or the new, never a mix: the new text goes to a
/// temporary file in the same folder (same file system, so `rename` is
/// atomic), is flushed to disk with `fsync`, and is renamed over the
/// original; the folder is then synced so the rename itself is durable.
///
/// It refuses, changing nothing, when the file is a symbolic link (renaming
/// would replace the link, not its target), has other hard links (they would
/// keep the old text), is read-only, is not a regular file, or no longer
/// holds the bytes it was read with (someone else changed it).
public enum FileReplacement {
    /// Temporary files are named `.NAME.nomen-UUID` beside the original; a
    /// process killed between creating and renaming one leaves it behind.
    static let temporaryMarker = ".nomen-"

    public static func replace(_ path: String, with bytes: [UInt8], expecting original: [UInt8]) throws(FileReplacementError) {
        func refuse(_ reason: String) -> FileReplacementError { FileReplacementError(path: path, reason: reason) }

        var before = stat()
        guard lstat(path, &before) == 0 else { throw refuse("cannot stat it: \(String(cString: strerror(errno)))") }
        switch before.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw refuse("it is a symbolic link (to \(target)); replacing it would replace the link, so run --fix on the file it points to")
        default:
            throw refuse("it is not a regular file")
        }
        if before.st_nlink > 1 {
            throw refuse("it has \(before.st_nlink) hard links, which would keep the old text")
        }
        // The mode bits too: for root, access() says any file is writable.
        guard access(path, W_OK) == 0, before.st_mode & S_IWUSR != 0 else {
            throw refuse("it is read-only (make it writable to apply the fixes)")
        }
        guard let current = FileManager.default.contents(atPath: path), [UInt8](current) == original else {
            throw refuse("it changed after it was read (run the check again)")
        }

        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent)\(temporaryMarker)\(UUID().uuidString)").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, before.st_mode & 0o7777)
        guard descriptor >= 0 else {
            throw refuse("cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        var failure: String?
        // The creation mode was masked by the umask: give the original's
        // permissions, and its group (the owner can only be kept by root).
        if fchmod(descriptor, before.st_mode & 0o7777) != 0 { failure = "cannot set its permissions" }
        _ = fchown(descriptor, uid_t.max, before.st_gid)
        if failure == nil { failure = writeAll(bytes, to: descriptor) }
        if failure == nil, fsync(descriptor) != 0 { failure = "cannot flush it to disk: \(String(cString: strerror(errno)))" }
        close(descriptor)
        // Last look before the rename: the same file, untouched since it was compared.
        var now = stat()
        if failure == nil, lstat(path, &now) != 0 || !sameVersion(before, now) {
            failure = "it changed after it was read (run the check again)"
        }
        if failure == nil, rename(temporary, path) != 0 {
            failure = "cannot rename the temporary file over it: \(String(cString: strerror(errno)))"
        }
        if let failure {
            unlink(temporary)
            throw refuse(failure)
        }
        syncDirectory(directory)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        bytes.withUnsafeBytes { buffer -> String? in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return "cannot write the new text: \(String(cString: strerror(errno)))"
                }
                offset += written
            }
            return nil
        }
    }

    /// Same inode, size and modification time: the file was not replaced
    /// or written to in between (to the clock's resolution).
    private static func sameVersion(_ a: stat, _ b: stat) -> Bool {
        a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size
            && a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec
    }

    /// Makes a rename in `directory` durable. A failure here loses nothing
    /// that is not lost on any crash before the sync, so it is not reported.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
