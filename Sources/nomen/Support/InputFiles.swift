import Foundation
import NomenNormalization

/// One input the user named: a file, or standard input ("-").
struct InputSource {
    let path: String

    var displayName: String { path == "-" ? "<stdin>" : path }

    static func sources(from paths: [String]) -> [InputSource] {
        paths.isEmpty ? [InputSource(path: "-")] : paths.map(InputSource.init(path:))
    }

    func readBytes() throws -> [UInt8] {
        if path == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIFailure("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CLIFailure("\(path): is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure("\(path): cannot be read")
        }
        return [UInt8](data)
    }

    /// The text of the input as UTF-8: strictly (an error naming the byte),
    /// or with U+FFFD for ill-formed bytes and a warning.
    func readText(replacingInvalid: Bool, bytes given: [UInt8]? = nil) throws -> String {
        let bytes = try given ?? readBytes()
        if replacingInvalid {
            let (text, firstInvalid) = TextDecoding.replacingUTF8(bytes)
            if let firstInvalid {
                Console.warn("\(displayName): invalid UTF-8 from byte \(firstInvalid) replaced with U+FFFD")
            }
            return text
        }
        do {
            return try TextDecoding.strictUTF8(bytes)
        } catch {
            throw CLIFailure(
                "\(displayName): invalid UTF-8 at byte \(error.byteOffset) (use --replace-invalid to read it with U+FFFD)")
        }
    }
}
