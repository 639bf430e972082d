import ArgumentParser
import Foundation
import NomenMatching
import NomenServer

extension Nomen {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the HTTP API: annotate, check, normalize and the glossary, as JSON.",
            discussion: """
                Listens on loopback unless --listen says otherwise. Reads are open (--closed-reads requires the \
                token for them too); writes need a bearer token from --token-file or NOMEN_TOKEN, and without \
                one are refused unless --allow-anonymous-writes. Every write sends If-Match with the ETag it \
                read ("r<revision>"). One JSON line per request goes to standard error. The API is described \
                at /openapi.json and in docs/server.md.
                """)

        @Option(help: ArgumentHelp("Address and port to listen on (HOST:PORT; port 0 picks a free one).", valueName: "host:port"))
        var listen = "127.0.0.1:8080"

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Option(help: ArgumentHelp("A file of bearer tokens, one per line, that may write (and read, with --closed-reads).", valueName: "file"))
        var tokenFile: String?

        enum Reads: EnumerableFlag {
            case openReads, closedReads

            static func help(for value: Reads) -> ArgumentHelp? {
                switch value {
                case .openReads: "Reads need no token (the default); writes always do."
                case .closedReads: "Reads need the token too."
                }
            }
        }

        @Flag var reads: Reads = .openReads

        @Flag(help: "With no token configured, allow writes without one (for local use only).")
        var allowAnonymousWrites = false

        @Option(help: ArgumentHelp("The largest request body, in bytes (413 beyond).", valueName: "bytes"))
        var maxBody = 10 << 20

        @Option(help: ArgumentHelp("Seconds a request may take before the answer is 503.", valueName: "seconds"))
        var requestTimeout = 30.0

        @Flag(help: "Compile the matcher even when the cache holds it, and do not write the cache.")
        var noCache = false

        func validate() throws {
            if ServerConfiguration.parseListen(listen) == nil {
                throw ValidationError("--listen takes HOST:PORT, for example 127.0.0.1:8080 (got \"\(listen)\").")
            }
            if maxBody < 1 { throw ValidationError("--max-body must be at least 1 byte.") }
            if !(requestTimeout > 0) { throw ValidationError("--request-timeout must be more than 0 seconds.") }
        }

        func run() throws {
            try reportingFailures {
                var configuration = ServerConfiguration()
                if let address = ServerConfiguration.parseListen(listen) {
                    configuration.host = address.host
                    configuration.port = address.port
                }
                do {
                    if let tokenFile { configuration.tokens = try ServerConfiguration.tokens(fromFile: tokenFile) }
                } catch {
                    throw CLIFailure("\(error)")
                }
                if let token = ProcessInfo.processInfo.environment["NOMEN_TOKEN"], !token.isEmpty {
                    configuration.tokens.insert(token)
                }
                configuration.readsNeedToken = reads == .closedReads
                configuration.allowAnonymousWrites = allowAnonymousWrites
                configuration.maxBodyBytes = maxBody
                configuration.requestTimeout = .milliseconds(Int64(requestTimeout * 1000))
                configuration.matcherCacheDirectory = noCache ? nil : MatcherCache.defaultDirectory()
                if reads == .closedReads && configuration.tokens.isEmpty {
                    throw CLIFailure("--closed-reads needs a token (--token-file FILE or NOMEN_TOKEN)")
                }
                let store = try glossaryOptions.openStore()
                let glossary = LiveGlossary(store: store, path: glossaryOptions.resolvedPath,
                                            cacheDirectory: configuration.matcherCacheDirectory)
                let api = NomenAPI(glossary: glossary, configuration: configuration)
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                try NomenServe.runBlocking(api) { port in
                    FileHandle.standardError.write(Data("nomen: listening on http://\(host):\(port)\n".utf8))
                }
            }
        }
    }
}
