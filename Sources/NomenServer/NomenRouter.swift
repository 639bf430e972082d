import Dispatch
import Foundation
import Hummingbird
import NomenMatching

/// The request context of every route: Hummingbird's core storage only.
public struct NomenRequestContext: RequestContext, Sendable {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// The routes of `nomen serve`, built in one place.
public enum NomenRouter {
    /// Who may call a route (`NomenAPI.authorize`).
    enum Access { case open, read, write }

    /// Every route of the API, behind the access log; each handler under the
    /// time limit and the access check its route calls for.
    public static func build(_ api: NomenAPI) -> Router<NomenRequestContext> {
        let router = Router(context: NomenRequestContext.self)
        router.add(middleware: AccessLogMiddleware(write: api.configuration.accessLog))
        let limit = api.configuration.requestTimeout

        func on(_ method: HTTPRequest.Method, _ path: RouterPath, _ access: Access,
                _ handler: @escaping @Sendable (Request, NomenRequestContext) async throws -> Response) {
            router.on(path, method: method) { request, context in
                try await TimeLimit.run(limit) {
                    if access != .open { try api.authorize(request, write: access == .write) }
                    return try await handler(request, context)
                }
            }
        }
        @Sendable func id(_ context: NomenRequestContext) throws -> String { try context.parameters.require("id") }

        // The web page (Data/web, compiled in). Open like the health checks: the
        // API it calls applies the access rules.
        for file in WebPage.allCases {
            on(.get, RouterPath(file.path), .open) { _, _ in file.response }
        }

        on(.get, "/healthz", .open) { _, _ in api.health() }
        on(.get, "/readyz", .open) { _, _ in api.ready() }
        on(.get, "/openapi.json", .open) { _, _ in JSONResponse.make(bytes: Array(OpenAPIDocument.json.utf8)) }

        on(.post, "/v1/annotate", .read) { request, _ in try await api.annotate(request) }
        on(.post, "/v1/check", .read) { request, _ in try await api.check(request) }
        on(.post, "/v1/normalize", .read) { request, _ in try await api.normalize(request) }

        on(.get, "/v1/revision", .read) { _, _ in try await api.currentRevision() }
        on(.get, "/v1/entities", .read) { request, _ in try await api.listEntities(request) }
        on(.get, "/v1/entities/:id", .read) { _, context in try await api.getEntity(id: id(context)) }
        on(.get, "/v1/history", .read) { request, _ in try await api.history(request) }
        on(.get, "/v1/export", .read) { request, _ in try await api.export(request) }

        on(.post, "/v1/entities", .write) { request, _ in try await api.createEntity(request) }
        on(.put, "/v1/entities/:id", .write) { request, context in try await api.replaceEntity(request, id: id(context)) }
        on(.delete, "/v1/entities/:id", .write) { request, context in try await api.deleteEntity(request, id: id(context)) }
        on(.post, "/v1/entities/:id/merge", .write) { request, context in try await api.mergeEntity(request, id: id(context)) }
        on(.post, "/v1/changes/:id/revert", .write) { request, context in try await api.revert(request, change: id(context)) }
        on(.post, "/v1/import", .write) { request, _ in try await api.importEntities(request) }
        return router
    }
}

/// One JSON line per request on standard error (time, method, path, status,
/// duration in ms, response bytes; never a body), and every error turned
/// into its JSON answer here, so that the log sees the status sent.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// 2026-01-31T12:34:56.789Z
    static var timestamp: Date.ISO8601FormatStyle { Date.ISO8601FormatStyle(includingFractionalSeconds: true) }
    let write: (@Sendable (String) -> Void)?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let message = error.body ?? (error.status == .notFound
                ? "no such endpoint: \(request.method.rawValue) \(request.uri.path) (see /openapi.json)"
                : error.status.reasonPhrase)
            response = try APIError(error.status, message, headers: error.headers).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try APIError(error.status, "\(error)").response(from: request, context: context)
        } catch {
            response = try APIError(.internalServerError, "internal error: \(error)").response(from: request, context: context)
        }
        if let write {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            // Written by hand, keys sorted: JSONSerialization cost a twentieth of an annotate request.
            let quoted = AnnotationRendering.quoted
            write("{\"bytes\":\(response.body.contentLength ?? 0),\"duration_ms\":\((milliseconds * 1000).rounded() / 1000),"
                + "\"method\":\(quoted(request.method.rawValue)),\"path\":\(quoted(request.uri.path)),"
                + "\"status\":\(response.status.code),\"time\":\(quoted(Self.timestamp.format(Date())))}\n")
        }
        return response
    }
}

/// Answers 503 when a request takes longer than the limit. The work itself
/// cannot be stopped midway (annotating is not cancellable), so it finishes
/// in the background; a write that timed out may still be applied, which
/// the message says.
enum TimeLimit {
    static func run(_ limit: Duration, _ work: @escaping @Sendable () async throws -> Response) async throws -> Response {
        let race = Race<Response>()
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        return try await withCheckedThrowingContinuation { continuation in
            race.start(continuation)
            // The timer runs on a queue of its own, not on the threads that
            // run requests: when they are all busy it must still fire.
            let timer = DispatchWorkItem {
                race.finish(.failure(APIError(.serviceUnavailable, "the request took longer than the time limit of \(limit) (--request-timeout); a write may still have been applied: read /v1/revision")))
            }
            timerQueue.asyncAfter(deadline: .now() + seconds, execute: timer)
            Task {
                do { race.finish(.success(try await work())) } catch { race.finish(.failure(error)) }
                timer.cancel()
            }
        }
    }

    static let timerQueue = DispatchQueue(label: "nomen.serve.timeout")
}

/// The first of several results to arrive resumes the continuation; the others are dropped.
final class Race<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        self.continuation = continuation
        lock.unlock()
    }

    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        lock.lock()
        let continuation = self.continuation
        self.continuation = nil
        lock.unlock()
        continuation?.resume(with: result)
        return continuation != nil
    }
}
