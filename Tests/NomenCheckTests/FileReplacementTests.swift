import Foundation
import NomenCheck
import Testing

/// `FileReplacement`, which `--fix` writes through: the new text or a
/// refusal that leaves the file as it was.
struct FileReplacementTests {
    struct Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-replace-\(UUID().uuidString)")

        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

        func write(_ name: String, _ text: String, permissions: Int = 0o644) throws -> String {
            let path = url.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
            return path
        }

        func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

        /// Names in the folder, temporary files included.
        func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

        func remove() {
            _ = try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            try? FileManager.default.removeItem(at: url)
        }
    }

    static let old = "Đoàn công tác đến Ðà Nẵng.\n"
    static let new = "Đoàn công tác đến Đà Nẵng.\n"

    @Test func replacesKeepingPermissionsAndLeavesNoTemporaryFile() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.write("story.txt", Self.old, permissions: 0o640)
        try FileReplacement.replace(path, with: Array(Self.new.utf8), expecting: Array(Self.old.utf8))
        #expect(try folder.read(path) == Self.new)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
        #expect(try folder.names() == ["story.txt"])
    }

    @Test func refusesAFileChangedSinceItWasRead() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.write("story.txt", Self.old)
        // An editor saved another version after the check read the file.
        let edited = "Đoàn công tác đến Ðà Nẵng và Huế.\n"
        _ = try folder.write("story.txt", edited)
        #expect(throws: FileReplacementError(path: path, reason: "it changed after it was read (run the check again)")) {
            try FileReplacement.replace(path, with: Array(Self.new.utf8), expecting: Array(Self.old.utf8))
        }
        #expect(try folder.read(path) == edited)
        #expect(try folder.names() == ["story.txt"])
    }

    @Test func refusesASymbolicLinkAndLeavesLinkAndTarget() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let target = try folder.write("story.txt", Self.old)
        let link = folder.url.appendingPathComponent("link.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "story.txt")
        let error = #expect(throws: FileReplacementError.self) {
            try FileReplacement.replace(link, with: Array(Self.new.utf8), expecting: Array(Self.old.utf8))
        }
        #expect(error?.description == "\(link): not rewritten: it is a symbolic link (to story.txt); replacing it would replace the link, so run --fix on the file it points to")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "story.txt")
        #expect(try folder.read(target) == Self.old)
    }

    @Test func refusesReadOnlyAndHardLinkedFiles() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let readOnly = try folder.write("readonly.txt", Self.old, permissions: 0o444)
        #expect(throws: FileReplacementError(path: readOnly, reason: "it is read-only (make it writable to apply the fixes)")) {
            try FileReplacement.replace(readOnly, with: Array(Self.new.utf8), expecting: Array(Self.old.utf8))
        }
        #expect(try folder.read(readOnly) == Self.old)

        let linked = try folder.write("linked.txt", Self.old)
        try FileManager.default.linkItem(atPath: linked, toPath: folder.url.appendingPathComponent("other.txt").path)
        #expect(throws: FileReplacementError(path: linked, reason: "it has 2 hard links, which would keep the old text")) {
            try FileReplacement.replace(linked, with: Array(Self.new.utf8), expecting: Array(Self.old.utf8))
        }
        #expect(try folder.read(linked) == Self.old)
        #expect(try folder.names() == ["linked.txt", "other.txt", "readonly.txt"])
    }

    @Test func refusesADirectoryAndAMissingFile() throws {
        let folder = try Folder()
        defer { folder.remove() }
        #expect(throws: FileReplacementError(path: folder.url.path, reason: "it is not a regular file")) {
            try FileReplacement.replace(folder.url.path, with: [], expecting: [])
        }
        let missing = folder.url.appendingPathComponent("gone.txt").path
        #expect(throws: FileReplacementError(path: missing, reason: "cannot stat it: No such file or directory")) {
            try FileReplacement.replace(missing, with: [], expecting: [])
        }
    }
}
