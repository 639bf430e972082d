import Hummingbird
import NomenData

/// The files of the web page `nomen serve` serves (`Data/web`, compiled
/// into the binary by tools/embed_data.py).
enum WebPage: CaseIterable {
    case html, script, style

    var path: String {
        switch self {
        case .html: "/"
        case .script: "/app.js"
        case .style: "/app.css"
        }
    }

    var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .script: "text/javascript; charset=utf-8"
        case .style: "text/css; charset=utf-8"
        }
    }

    var text: String {
        switch self {
        case .html: EmbeddedData.webPageHTML
        case .script: EmbeddedData.webPageScript
        case .style: EmbeddedData.webPageStyle
        }
    }

    /// The file, revalidated on each load (it changes with the binary).
    var response: Response {
        JSONResponse.make(bytes: Array(text.utf8) + [0x0A], headers: [.cacheControl: "no-cache"], contentType: contentType)
    }
}
