import Foundation
import NomenModel
import NomenNormalization

/// The JSON Lines glossary format: one entity per line, as the seed.
enum JSONLinesFormat {
    static func read(_ bytes: [UInt8], file: String) -> GlossaryFormat.ReadResult {
        var result = GlossaryFormat.ReadResult()
        let decoder = JSONDecoder()
        var lineNumber = 0
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if let offset = TextDecoding.firstInvalidUTF8(in: line) {
                result.issues.append(GlossaryIssue(file: file, line: lineNumber, message: "invalid UTF-8 at byte \(offset) of the line"))
                continue
            }
            do {
                let entity = try decoder.decode(Entity.self, from: Data(line))
                result.entities.append(SourcedEntity(entity: entity, line: lineNumber))
            } catch let error as DecodingError {
                result.issues.append(GlossaryIssue(file: file, line: lineNumber, message: describe(error)))
            } catch {
                result.issues.append(GlossaryIssue(file: file, line: lineNumber, message: "not a JSON entity: \(error)"))
            }
        }
        return result
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
                .joined().trimmingPrefix(".").description
        }
        switch error {
        case let .keyNotFound(key, context):
            let at = path(context.codingPath)
            return "missing \"\(key.stringValue)\"\(at.isEmpty ? "" : " in \(at)")"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(path(context.codingPath)): wrong type (\(context.debugDescription))"
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            let field = context.codingPath.last?.stringValue ?? ""
            let allowed: String = switch field {
            case "status": NameStatus.allCases.map(\.rawValue).joined(separator: ", ")
            case "kind": NameKind.allCases.map(\.rawValue).joined(separator: ", ")
            case "case": CasePolicy.allCases.map(\.rawValue).joined(separator: ", ")
            case "type": EntityType.allCases.map(\.rawValue).joined(separator: ", ")
            case "name_order": NameOrder.allCases.map(\.rawValue).joined(separator: ", ")
            default: ""
            }
            return "\(path(context.codingPath)): unknown value" + (allowed.isEmpty ? "" : " (expected one of: \(allowed))")
        @unknown default:
            return "not a JSON entity"
        }
    }

    static func write(_ entities: [Entity]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var output = ""
        for entity in entities {
            output += String(decoding: try encoder.encode(entity), as: UTF8.self)
            output += "\n"
        }
        return output
    }
}
