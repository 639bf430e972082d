import Foundation
import NomenFuzzing

// Two builds of one file. tools/fuzz.sh builds with -DNOMEN_LIBFUZZER and the
// fuzzer sanitizer: `main` runs libFuzzer's driver over the target named by
// NOMEN_FUZZ_TARGET. Built plainly (as `swift build` does), `main` replays inputs and
// writes seed corpora.

#if NOMEN_LIBFUZZER

nonisolated(unsafe) private var selectedTarget = FuzzTarget.fold
nonisolated(unsafe) private var fuzzContext = FuzzContext()

/// libFuzzer's entry point when the program has its own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links `main` to `nomen_fuzz_main` (it renames an executable's
/// entry point so tests can link the module): this one hands the arguments
/// to libFuzzer's driver.
@_cdecl("nomen_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzerTestOneInput)
}

/// Picks the target named by NOMEN_FUZZ_TARGET; libFuzzer calls it first.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    let name = ProcessInfo.processInfo.environment["NOMEN_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("nomen-fuzz: set NOMEN_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    selectedTarget = target
    // One empty input first: loading the fold table and compiling the seed
    // glossary take seconds in a sanitized debug build, and would otherwise
    // count against the first input's -timeout.
    try? target.run([], in: fuzzContext)
    return 0
}

/// One input; libFuzzer's own `main` (linked from its library all the same) calls this too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try selectedTarget.run(bytes, in: fuzzContext)
    } catch {
        // A broken property is a finding like a crash: libFuzzer saves the input.
        fatalError("nomen-fuzz \(selectedTarget.rawValue): \(error)")
    }
    return 0
}

#else

/// `nomen-fuzz replay TARGET FILE…`: runs each file through the target once
/// (without sanitizers), to reproduce a finding or check a fix.
/// `nomen-fuzz seeds TARGET DIR [REPOSITORY]`: writes the target's seed
/// corpus (see `SeedCorpus`) into DIR.
@main
struct NomenFuzz {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 3, let target = FuzzTarget(rawValue: arguments[1]) else { usage() }
        switch arguments[0] {
        case "replay":
            let context = FuzzContext()
            var failures = 0
            for path in arguments.dropFirst(2) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    fail("cannot read \(path)")
                }
                do {
                    try target.run([UInt8](data), in: context)
                    print("\(path): ok")
                } catch {
                    print("\(path): \(error)")
                    failures += 1
                }
            }
            exit(failures == 0 ? 0 : 1)
        case "seeds":
            let directory = URL(fileURLWithPath: arguments[2])
            let repository = URL(fileURLWithPath: arguments.count > 3 ? arguments[3] : FileManager.default.currentDirectoryPath)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let seeds = SeedCorpus.inputs(for: target, repository: repository)
                for (index, seed) in seeds.enumerated() {
                    try Data(seed).write(to: directory.appendingPathComponent(String(format: "seed-%04d", index)))
                }
                print("\(target.rawValue): \(seeds.count) seeds in \(directory.path)")
            } catch {
                fail("cannot write seeds: \(error)")
            }
        default:
            usage()
        }
    }

    static func usage() -> Never {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fail("usage: nomen-fuzz replay TARGET FILE… | nomen-fuzz seeds TARGET DIR [REPOSITORY]\ntargets: \(names)")
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("nomen-fuzz: \(message)\n".utf8))
        exit(2)
    }
}

#endif
