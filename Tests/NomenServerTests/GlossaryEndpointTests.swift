import Foundation
import Hummingbird
import NomenGlossary
import NomenModel
import NomenServer
import Testing

/// The glossary endpoints: reads, writes with If-Match, access, import and
/// export, history and revert, and the matcher following the revision.
@Suite struct GlossaryEndpointTests {
    static let token = TestServer.token

    static func entityJSON(_ id: String, names: [(String, String)]) -> [String: Any] {
        ["id": id, "type": "person",
         "names": names.map { ["text": $0.0, "lang": $0.1, "status": "preferred"] }]
    }

    @Test func readsListFindShowAndExport() async throws {
        let server = try TestServer()
        try await server.test { client in
            let revision = try await client.get("/v1/revision")
            let number = try #require(revision.object["revision"] as? Int)
            #expect(revision.etag == "\"r\(number)\"")

            let list = try await client.get("/v1/entities?type=place&lang=zh&limit=3")
            let entities = try #require(list.object["entities"] as? [[String: Any]])
            #expect(entities.count == 3 && (list.object["total"] as? Int ?? 0) > 3)
            #expect(entities.allSatisfy { $0["type"] as? String == "place" })
            #expect(list.etag == revision.etag)

            let found = try await client.get("/v1/entities?q=Xi+Jingping&limit=2")
            let results = try #require(found.object["results"] as? [[String: Any]])
            #expect((results.first?["entity"] as? [String: Any])?["id"] as? String == "cn.person.xi-jinping")
            #expect(results.first?["tier"] as? String == "fuzzy" && (results.first?["score"] as? Double ?? 0) > 0.5)
            let exact = try await client.get("/v1/entities?q=T%E1%BA%ADp%20C%E1%BA%ADn%20B%C3%ACnh&lang=en&limit=1")
            let first = try #require((exact.object["results"] as? [[String: Any]])?.first)
            #expect(first["tier"] as? String == "exact" && first["score"] as? Double == 1 && first["name"] as? String == "Xi Jinping")

            let entity = try await client.get("/v1/entities/cn.person.xi-jinping", template: "/v1/entities/{id}")
            #expect(entity.etag == revision.etag)
            let seedLine = try #require(try String(contentsOf: Samples.root.appendingPathComponent("Data/seed/glossary.jsonl"), encoding: .utf8)
                .split(separator: "\n").first { $0.contains("\"id\": \"cn.person.xi-jinping\"") })
            let seed = try #require(try JSONSerialization.jsonObject(with: Data(seedLine.utf8)) as? [String: Any])
            #expect(try canonical(entity.object) == canonical(withDefaults(seed)))

            let missing = try await client.get("/v1/entities/nobody", template: "/v1/entities/{id}")
            #expect(missing.status == .notFound && missing.error == "no entity nobody")
            let badLimit = try await client.get("/v1/entities?limit=0")
            #expect(badLimit.status == .badRequest && badLimit.error.hasPrefix("limit must be"))
            let badType = try await client.get("/v1/entities?type=planet")
            #expect(badType.status == .badRequest)

            for (format, type) in [("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
                                   ("jsonl", "application/jsonl"), ("tbx", "application/xml")] {
                let export = try await client.get("/v1/export?format=\(format)")
                #expect(export.status == .ok && export.headers[.contentType] == "\(type); charset=utf-8")
                #expect(export.etag == revision.etag)
            }
            #expect(try await client.get("/v1/export").status == .badRequest)
            try await client.validateResponses()
        }
    }

    /// The seed's JSONL leaves out kind and case at their defaults; the export writes them.
    func withDefaults(_ seed: [String: Any]) -> [String: Any] {
        var entity = seed
        entity["names"] = (seed["names"] as? [[String: Any]] ?? []).map { name -> [String: Any] in
            var name = name
            if name["kind"] == nil { name["kind"] = "full" }
            if name["case"] == nil { name["case"] = "auto" }
            return name
        }
        return entity
    }

    func canonical(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    @Test func writesNeedATokenAndIfMatch() async throws {
        let server = try TestServer()
        try await server.test { client in
            let body = Self.entityJSON("vn.person.test-one", names: [("Nguyễn Văn Thử", "vi")])
            let etag = try await client.etag()
            let anonymous = try await client.post("/v1/entities", json: body, ifMatch: etag)
            #expect(anonymous.status == .unauthorized && anonymous.headers[.wwwAuthenticate] == "Bearer realm=\"nomen\"")
            let wrong = try await client.post("/v1/entities", json: body, token: "guess", ifMatch: etag)
            #expect(wrong.status == .unauthorized && wrong.error == "the bearer token is not one this server accepts")
            let noPrecondition = try await client.post("/v1/entities", json: body, token: Self.token)
            #expect(noPrecondition.status.code == 428)
            let malformed = try await client.post("/v1/entities", json: body, token: Self.token, ifMatch: "*")
            #expect(malformed.status == .preconditionFailed)

            let created = try await client.post("/v1/entities", json: body, token: Self.token, ifMatch: etag)
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/v1/entities/vn.person.test-one")
            let newTag = try #require(created.etag)
            #expect(newTag != etag)

            // The old ETag is stale now: 409, and nothing changes.
            let stale = try await client.post("/v1/entities", json: Self.entityJSON("vn.person.test-two", names: [("Hai", "vi")]),
                                              token: Self.token, ifMatch: etag)
            #expect(stale.status == .conflict && stale.error.contains("nothing was written (read it again and retry)"))
            #expect(try await client.etag() == newTag)
            #expect(try await client.get("/v1/entities/vn.person.test-two", template: "/v1/entities/{id}").status == .notFound)

            let duplicate = try await client.post("/v1/entities", json: body, token: Self.token, ifMatch: newTag)
            #expect(duplicate.status == .conflict && duplicate.error == "an entity vn.person.test-one exists already")
            let invalid = try await client.post("/v1/entities", json: ["id": "x", "type": "person", "names": [["text": "A", "lang": "vi", "status": "best"]]],
                                                token: Self.token, ifMatch: newTag)
            #expect(invalid.status == .badRequest && invalid.error == "field \"names[0].status\" has an unknown value")
            let unknownNameField = try await client.post("/v1/entities", json: ["id": "x", "type": "person", "names": [["text": "A", "lang": "vi", "status": "preferred", "colour": 1]]],
                                                         token: Self.token, ifMatch: newTag)
            #expect(unknownNameField.status == .badRequest && unknownNameField.error.hasPrefix("unknown field \"names[0].colour\""))
            try await client.validateResponses()
        }
    }

    @Test func withoutATokenWritesAreRefusedUnlessAnonymousWritesAreAllowed() async throws {
        let closed = try TestServer { _ in }
        try await closed.test { client in
            let etag = try await client.etag()
            let refused = try await client.request(.delete, "/v1/entities/cn.person.xi-jinping", template: "/v1/entities/{id}", ifMatch: etag)
            #expect(refused.status == .forbidden && refused.error.contains("--token-file FILE or NOMEN_TOKEN"))
            try await client.validateResponses()
        }
        let open = try TestServer { $0.allowAnonymousWrites = true }
        try await open.test { client in
            let removed = try await client.request(.delete, "/v1/entities/cn.person.xi-jinping", template: "/v1/entities/{id}",
                                                   ifMatch: try await client.etag())
            #expect(removed.status == .ok)
            #expect(((removed.object["removed"] as? [String: Any])?["id"] as? String) == "cn.person.xi-jinping")
            try await client.validateResponses()
        }
        let readsClosed = try TestServer { $0.tokens = [Self.token]; $0.readsNeedToken = true }
        try await readsClosed.test { client in
            #expect(try await client.get("/v1/revision").status == .unauthorized)
            #expect(try await client.post("/v1/annotate", json: ["text": "Hà Nội"]).status == .unauthorized)
            #expect(try await client.get("/v1/revision", token: Self.token).status == .ok)
            #expect(try await client.get("/healthz").status == .ok)
            try await client.validateResponses()
        }
    }

    /// Names are added, changed and removed by replacing the entity; then
    /// merge, history and revert; annotate follows each write.
    @Test func replaceMergeHistoryAndRevert() async throws {
        let server = try TestServer()
        try await server.test { client in
            var etag = try await client.etag()
            let original = try await client.get("/v1/entities/vn.place.hai-phong", template: "/v1/entities/{id}").object
            var changed = original
            var names = try #require(original["names"] as? [[String: Any]])
            names.append(["text": "Hải Phòng City", "lang": "en", "status": "admitted"])
            changed["names"] = names
            let put = try await client.request(.put, "/v1/entities/vn.place.hai-phong", template: "/v1/entities/{id}",
                                               body: Array(try JSONSerialization.data(withJSONObject: changed)),
                                               token: Self.token, ifMatch: etag)
            #expect(put.status == .ok)
            etag = try #require(put.etag)
            let mismatch = try await client.request(.put, "/v1/entities/vn.place.ha-noi", template: "/v1/entities/{id}",
                                                    body: Array(try JSONSerialization.data(withJSONObject: changed)),
                                                    token: Self.token, ifMatch: etag)
            #expect(mismatch.status == .badRequest)

            let added = try await client.post("/v1/entities", json: Self.entityJSON("vn.place.hai-phong-copy", names: [("Cảng Hải Phòng", "vi")]),
                                              token: Self.token, ifMatch: etag)
            etag = try #require(added.etag)
            let merged = try await client.post("/v1/entities/vn.place.hai-phong/merge", json: ["from": "vn.place.hai-phong-copy"],
                                               template: "/v1/entities/{id}/merge", token: Self.token, ifMatch: etag)
            #expect(merged.status == .ok)
            #expect((merged.object["names"] as? [[String: Any]])?.contains { $0["text"] as? String == "Cảng Hải Phòng" } == true)
            etag = try #require(merged.etag)
            let gone = try await client.get("/v1/entities/vn.place.hai-phong-copy", template: "/v1/entities/{id}")
            #expect(gone.status == .notFound && gone.error == "no entity vn.place.hai-phong-copy: it was merged into vn.place.hai-phong")

            let history = try await client.get("/v1/history?entity=vn.place.hai-phong&limit=5")
            let changes = try #require(history.object["changes"] as? [[String: Any]])
            #expect(changes.prefix(3).map { $0["summary"] as? String ?? "" } == [
                "merge vn.place.hai-phong-copy into vn.place.hai-phong", "add vn.place.hai-phong-copy", "replace vn.place.hai-phong",
            ])
            #expect(changes.first?["command"] as? String == "serve: POST /v1/entities/vn.place.hai-phong/merge")
            let mergeID = try #require(changes.first?["id"] as? Int)

            let revert = try await client.request(.post, "/v1/changes/\(mergeID)/revert", template: "/v1/changes/{id}/revert",
                                                  token: Self.token, ifMatch: etag)
            #expect(revert.status == .ok && revert.object["reverts"] as? Int == mergeID)
            etag = try #require(revert.etag)
            #expect(try await client.get("/v1/entities/vn.place.hai-phong-copy", template: "/v1/entities/{id}").status == .ok)
            let again = try await client.request(.post, "/v1/changes/\(mergeID)/revert", template: "/v1/changes/{id}/revert",
                                                 token: Self.token, ifMatch: etag)
            #expect(again.status == .conflict)
            let noChange = try await client.request(.post, "/v1/changes/99999/revert", template: "/v1/changes/{id}/revert",
                                                    token: Self.token, ifMatch: etag)
            #expect(noChange.status == .notFound)

            // The matcher follows: the name added by PUT is found once the rebuild is done.
            try server.api.glossary.refresh()
            let annotated = try await client.post("/v1/annotate", json: ["text": "Welcome to Hải Phòng City.", "lang": "en"])
            let mentions = try #require(annotated.object["mentions"] as? [[String: Any]])
            #expect(mentions.first?["text"] as? String == "Hải Phòng City")
            try await client.validateResponses()
        }
    }

    @Test func importIsAllOrNothingAndExportRoundTrips() async throws {
        let source = try TestServer()
        let target = try TestServer(seeded: false)
        let export = try await source.test { client in try await client.get("/v1/export?format=jsonl").body }
        try await target.test { client in
            let etag = try await client.etag()
            let broken = Array("entity_id,type,lang,text,status\n".utf8)
            let empty = try await client.request(.post, "/v1/import?format=csv", body: broken, token: Self.token, ifMatch: etag)
            #expect(empty.status == .ok && empty.object["added"] as? Int == 0 && empty.etag == etag, "\(empty.text)")
            let csv = Array("""
                entity_id,type,lang,text,status
                vn.person.a,person,vi,Nguyễn A,preferred
                vn.person.b,persn,vi,Nguyễn B,preferred
                vn.person.c,person,vi,Nguyễn C,best
                """.utf8)
            let aborted = try await client.request(.post, "/v1/import?format=csv", body: csv, token: Self.token, ifMatch: etag)
            #expect(aborted.status == .badRequest && aborted.error.hasPrefix("import aborted: 2 errors"))
            let issues = try #require(aborted.object["issues"] as? [[String: Any]])
            #expect(issues.map { $0["line"] as? Int } == [3, 4])
            #expect(try await client.etag() == etag)
            #expect((try await client.get("/v1/entities").object["total"] as? Int) == 0)

            let imported = try await client.request(.post, "/v1/import?format=jsonl", body: export, token: Self.token, ifMatch: etag)
            #expect(imported.status == .ok && imported.object["added"] as? Int == 1045)
            let newTag = try #require(imported.etag)
            let conflict = try await client.request(.post, "/v1/import?format=jsonl", body: export, token: Self.token, ifMatch: newTag)
            #expect(conflict.status == .badRequest && (conflict.object["issues"] as? [Any])?.count == 1045)
            let skipped = try await client.request(.post, "/v1/import?format=jsonl&on_conflict=skip", body: export,
                                                   token: Self.token, ifMatch: newTag)
            #expect(skipped.object["skipped"] as? Int == 1045)
            let roundTrip = try await client.get("/v1/export?format=jsonl")
            #expect(roundTrip.body == export)
            try await client.validateResponses()
        }
    }

    /// A write by another process on the same file is picked up by polling
    /// the revision (twice a second, the default): the rebuild starts
    /// within a second, and then annotate finds the new name. (How long the
    /// rebuild takes depends on the build and on what else runs: the seed
    /// compiles in about half a second in a debug build on an idle machine.)
    @Test func aWriteByAnotherProcessIsPickedUpWithinASecond() async throws {
        let server = try TestServer()
        server.api.glossary.startPolling(every: ServerConfiguration().pollInterval)
        defer { server.api.glossary.stopPolling() }
        let before = try #require(server.api.glossary.compiledRevision)
        let other = try GlossaryStore(path: server.path)
        let written = ContinuousClock.now
        try other.add(Entity(id: "vn.person.tran-thu-nghiem", type: .person,
                             names: [Name(text: "Trần Thử Nghiệm", lang: "vi", status: .preferred)]), command: "glossary add")
        while server.api.glossary.compiledRevision == before && ContinuousClock.now - written < .seconds(30) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let rebuild = try #require(server.api.glossary.lastRebuild)
        #expect(rebuild.revision == before + 1, "\(server.api.glossary.failure ?? "")")
        #expect(rebuild.started - written < .seconds(1), "noticed after \(rebuild.started - written)")
        try await server.test { client in
            let reply = try await client.post("/v1/annotate", json: ["text": "Ông Trần Thử Nghiệm nói."])
            let mentions = try #require(reply.object["mentions"] as? [[String: Any]])
            #expect(mentions.map { $0["entity"] as? String } == ["vn.person.tran-thu-nghiem"])
        }
    }
}
