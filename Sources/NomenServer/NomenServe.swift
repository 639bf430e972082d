import Dispatch
import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// Runs the server: compiles the glossary in the background (`/readyz`
/// says when it is done), polls its revision, and serves until SIGTERM or
/// SIGINT, then shuts down gracefully.
public enum NomenServe {
    /// The Hummingbird application of `api`. `onListening` gets the port
    /// actually bound (useful with port 0).
    public static func application(_ api: NomenAPI, onListening: @escaping @Sendable (Int) -> Void = { _ in })
        -> some ApplicationProtocol {
        let configuration = api.configuration
        return Application(
            router: NomenRouter.build(api),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "nomen"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuration.port) })
    }

    public static func run(_ api: NomenAPI, onListening: @escaping @Sendable (Int) -> Void) async throws {
        api.glossary.scheduleRefresh()
        api.glossary.startPolling(every: api.configuration.pollInterval)
        defer { api.glossary.stopPolling() }
        try await application(api, onListening: onListening).runService()
    }

    /// `run`, for a caller that is not async (the CLI): blocks until the
    /// server stops. Call it once, from the main thread, before any task
    /// has started: it makes SwiftNIO's event loops Swift Concurrency's
    /// executor, so that a request is read, handled and answered on one
    /// thread, without two hops to the cooperative pool and back (12% more
    /// requests a second on two cores). Store calls, which block, go to
    /// NIO's thread pool (`NomenAPI.store`).
    public static func runBlocking(_ api: NomenAPI, onListening: @escaping @Sendable (Int) -> Void) throws {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await run(api, onListening: onListening) } catch { outcome.set(error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: (any Error)?
        func set(_ error: any Error) { lock.lock(); stored = error; lock.unlock() }
        var error: (any Error)? { lock.lock(); defer { lock.unlock() }; return stored }
    }
}
