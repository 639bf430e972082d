import NomenModel
import Testing
@testable import NomenGlossary

/// What `glossary expand` proposes, entity by entity: the forms the press
/// prints, and none of the forms nobody writes.
@Suite struct ExpansionTests {
    static func entity(_ id: String, _ type: EntityType, _ names: [(String, String)]) -> Entity {
        Entity(id: id, type: type, names: names.map { Name(text: $0.0, lang: $0.1, status: .preferred) })
    }

    static func proposed(_ entity: Entity) throws -> [String: Name] {
        Dictionary(try GlossaryExpansion.proposals(for: entity).map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// (entity, texts that must be proposed, texts that must not)
    static let cases: [(Entity, [String], [String])] = [
        (entity("vn.place.quang-ninh", .place, [("Quảng Ninh", "vi"), ("Quang Ninh", "en"), ("广宁省", "zh-Hans")]),
         ["tỉnh Quảng Ninh", "Quang Ninh Province", "Quangninh", "tinh Quang Ninh"],
         ["Quảng Ninh Tỉnh", "Guangningsheng", "Guangning", "Quangninhtinh"]),
        (entity("vn.place.hai-phong", .place, [("Hải Phòng", "vi"), ("Hai Phong", "en"), ("海防", "zh-Hans")]),
         ["Haiphong"], ["Haifang"]),
        (entity("cn.place.guangxi", .place, [("Quảng Tây", "vi"), ("Guangxi", "en"), ("广西", "zh-Hans")]),
         [], ["Quangtay"]),
        (entity("cn.place.yunnan", .place, [("Vân Nam", "vi"), ("Yunnan", "en"), ("云南省", "zh-Hans")]),
         ["Yunnan Province", "tỉnh Vân Nam"], ["Yunnansheng", "Vân Nam Tỉnh", "Vannam"]),
        (entity("cn.place.ningxia", .place, [("Ninh Hạ", "vi"), ("Ningxia", "en"), ("宁夏回族自治区", "zh-Hans")]),
         [], ["Ningxia Huizu Zizhiqu", "Ningxiahuizu"]),
        (entity("vn.place.ho-chi-minh-city", .place, [("Thành phố Hồ Chí Minh", "vi"), ("Ho Chi Minh City", "en")]),
         ["TP.HCM", "TP HCM", "TPHCM", "TP. Hồ Chí Minh", "HCM City", "HCMC"], []),
        (entity("vn.org.communist-party-of-vietnam", .organization,
                [("Đảng Cộng sản Việt Nam", "vi"), ("Communist Party of Vietnam", "en"), ("越南共产党", "zh-Hans")]),
         ["CPV", "ĐCSVN", "Đảng Cộng sản"], ["Yuenan Gongchandang", "Việt Cộng Sản Đảng"]),
        (entity("cn.org.ministry-of-foreign-affairs", .organization,
                [("Bộ Ngoại giao Trung Quốc", "vi"), ("Ministry of Foreign Affairs of China", "en"), ("中国外交部", "zh-Hans")]),
         ["外交部", "Ministry of Foreign Affairs"], ["Bộ Ngoại giao", "BNGTQ"]),
        (entity("cn.org.china-daily", .organization, [("China Daily", "en"), ("中国日报", "zh-Hans")]),
         [], ["日报"]),
        (entity("country.jp", .place, [("Nhật Bản", "vi"), ("Japan", "en"), ("日本", "zh-Hans")]),
         [], ["Riben", "Nhatban"]),
        (entity("cn.person.xi-jinping", .person, [("习近平", "zh-Hans")]),
         ["Xi Jinping", "Tập Cận Bình", "Tap Can Binh"], []),
    ]

    @Test(arguments: cases.indices)
    func proposesWhatThePressWrites(_ index: Int) throws {
        let (entity, wanted, unwanted) = Self.cases[index]
        let proposals = try Self.proposed(entity)
        for text in wanted { #expect(proposals[text] != nil, "\(entity.id): \(text) not proposed; got \(proposals.keys.sorted())") }
        for text in unwanted { #expect(proposals[text] == nil, "\(entity.id): \(text) proposed") }
    }

    @Test func initialsAndCityFormsAreCaseSensitive() throws {
        let proposals = try Self.proposed(Self.cases[6].0)
        #expect(proposals["CPV"]?.casePolicy == .sensitive)
        #expect(proposals["CPV"]?.kind == .generated)
        #expect(proposals["Đảng Cộng sản"]?.casePolicy == .auto)
    }

    /// A form that is another entity's name, or that two entities both
    /// generate, is proposed for neither.
    @Test func formsOfSeveralEntitiesAreDropped() throws {
        let vietnam = Self.entity("vn.org.ministry-of-foreign-affairs", .organization,
                                  [("Bộ Ngoại giao Việt Nam", "vi"), ("Ministry of Foreign Affairs of Vietnam", "en")])
        let china = Self.entity("cn.org.ministry-of-foreign-affairs", .organization,
                                [("Bộ Ngoại giao Trung Quốc", "vi"), ("Ministry of Foreign Affairs of China", "en")])
        let party = Self.entity("vn.org.party", .organization, [("Đảng Cộng sản Việt Nam", "vi")])
        let other = Self.entity("x.org.dang-cong-san", .organization, [("Đảng Cộng sản", "vi")])
        let result = try GlossaryExpansion.proposals(for: [vietnam, china, party], in: [vietnam, china, party, other])
        let texts = Dictionary(uniqueKeysWithValues: result.map { ($0.entity.id, Set($0.names.map(\.text))) })
        #expect(texts["vn.org.ministry-of-foreign-affairs"]!.contains("Bộ Ngoại giao"))
        #expect(!texts["vn.org.ministry-of-foreign-affairs"]!.contains("Ministry of Foreign Affairs"))
        #expect(!texts["cn.org.ministry-of-foreign-affairs"]!.contains("Ministry of Foreign Affairs"))
        #expect(!texts["vn.org.party"]!.contains("Đảng Cộng sản"))
        #expect(!texts["vn.org.party"]!.contains("Dang Cong san"))
    }

    /// A language left without a preferred name gets its first proposal as
    /// preferred (the lint's no-preferred check stays clean after expand).
    @Test func aLanguageWithoutPreferredNameGetsOne() {
        let chad = Self.entity("country.td", .place, [("Chad", "en"), ("乍得", "zh-Hans")])
        let names = GlossaryExpansion.withPreferred([
            Name(text: "Sa Dac", lang: "vi", status: .deprecated, kind: .generated),
            Name(text: "Sạ Đắc Cộng hòa quốc", lang: "vi", status: .admitted, kind: .generated),
            Name(text: "Chad Republic", lang: "en", status: .admitted, kind: .generated),
        ], for: chad)
        #expect(names.map(\.status) == [.deprecated, .preferred, .admitted])
    }
}
