import Foundation
import NomenData
import NomenModel
import NomenNormalization
import Testing
@testable import NomenMatching

/// The seed glossary, compiled once for every test here.
let seedMatcher: Matcher = {
    let decoder = JSONDecoder()
    let entities = EmbeddedData.seedGlossary.split(separator: "\n").compactMap {
        try? decoder.decode(Entity.self, from: Data($0.utf8))
    }
    return try! Matcher(entities)
}()

func summary(_ document: AnnotatedDocument) -> [String] {
    document.mentions.map { m in
        "\(m.text)=\(m.entity ?? "?" + m.candidates.joined(separator: "|"))\(m.isShort ? "~short" : "")"
    }
}

/// Article-style texts written for these tests, annotated with the seed glossary.
enum Articles {
    static let english = """
Vietnamese President Luong Cuong met Chinese President Xi Jinping in Beijing on Tuesday. Xi said the two countries should speed up the railway from Lao Cai to Haiphong. Mr. Xi also met Prime Minister Pham Minh Chinh, and Chinh said Hanoi would finish site clearance this year. Cuong thanked his host.
"""
    static let vietnamese = """
Chủ tịch nước Lương Cường hôm qua tiếp Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình tại Hà Nội. Ông Tập cho biết hai nước sẽ đẩy nhanh tuyến đường sắt Lào Cai - Hải Phòng. Ông Cường đề nghị tỉnh Thanh Hóa và Thanh Hoá, cùng Khánh Hòa và Khánh Hoà, mở rộng hợp tác.
"""
    static let vietnameseNoDiacritics = """
Chu tich nuoc Luong Cuong hom qua tiep Chu tich nuoc Trung Quoc Tap Can Binh tai Ha Noi. Ong Tap noi hai nuoc se lam duong sat tu Lao Cai ve Hai Phong. Thu tuong Pham Minh Chinh cho biet ong Chinh se lam viec voi tinh Thanh Hoa.
"""
    static let chinese = """
国家主席习近平在北京会见越南国家主席梁强。习近平表示，中越双方要加快老街至海防铁路建设。越南政府总理范明政也会见了王毅。
"""
    static let commonWords = """
toi phai to lam bai tap ve nha, con duong nay dai lam. Nam nay troi mua nhieu, ha noi gi thi cung phai binh tinh. Nha co hai phong ngu va mot phong khach. Anh ay song lau o ben song, minh thanh that voi ban.
Tôi phải tô lâm bức tranh này. Năm nay trời mưa, hạ xuống thì bình tĩnh; nhà có hai phòng ngủ, sông dài, lâm vào cảnh khó.
Long ago, the man said the long road to the north was hard to travel; nam and binh are not names here, and the tap was on.
"""
}

@Suite struct ArticleTests {
    /// A publication or company whose name holds a place is linked whole, in
    /// every language; the place inside is not a mention of the place.
    @Test func organisationNamesThatHoldAPlace() throws {
        let english = try seedMatcher.annotate(
            "The Hanoi Times, Saigon Giai Phong and the Bank of China were quoted; Xinhua and China Daily too. Hanoi said no.")
        #expect(summary(english) == ["The Hanoi Times=vn.org.hanoi-times", "Saigon Giai Phong=vn.org.sai-gon-giai-phong",
                                     "Bank of China=cn.org.bank-of-china", "Xinhua=cn.org.xinhua",
                                     "China Daily=cn.org.china-daily", "Hanoi=vn.place.ha-noi"])
        let vietnamese = try seedMatcher.annotate("Theo báo Sài Gòn Giải Phóng và Thông tấn xã Việt Nam, Hà Nội đã đồng ý.")
        #expect(summary(vietnamese) == ["báo Sài Gòn Giải Phóng=vn.org.sai-gon-giai-phong",
                                        "Thông tấn xã Việt Nam=vn.org.vietnam-news-agency", "Hà Nội=vn.place.ha-noi"])
        let chinese = try seedMatcher.annotate("据新华社和环球时报报道，北京日报也发表了评论。")
        #expect(summary(chinese) == ["新华社=cn.org.xinhua", "环球时报=cn.org.global-times", "北京日报=cn.org.beijing-daily"])
    }

    @Test func english() throws {
        let document = try seedMatcher.annotate(Articles.english)
        #expect(document.language == .en)
        #expect(summary(document) == ["President=int.term.state-president", "Luong Cuong=vn.person.luong-cuong", "President=int.term.state-president", "Xi Jinping=cn.person.xi-jinping", "Beijing=cn.place.beijing", "Xi=cn.person.xi-jinping~short", "Lao Cai=vn.place.lao-cai", "Haiphong=vn.place.hai-phong", "Xi=cn.person.xi-jinping~short", "Prime Minister=int.term.prime-minister", "Pham Minh Chinh=vn.person.pham-minh-chinh", "Chinh=vn.person.pham-minh-chinh~short", "Hanoi=vn.place.ha-noi", "Cuong=vn.person.luong-cuong~short"])
    }

    @Test func vietnamese() throws {
        let document = try seedMatcher.annotate(Articles.vietnamese)
        #expect(document.language == .vi)
        #expect(summary(document) == ["Chủ tịch nước=int.term.state-president", "Lương Cường=vn.person.luong-cuong", "Tổng Bí thư=int.term.general-secretary", "Trung Quốc=country.cn", "Tập Cận Bình=cn.person.xi-jinping", "Hà Nội=vn.place.ha-noi", "Tập=cn.person.xi-jinping~short", "Lào Cai=vn.place.lao-cai", "Hải Phòng=vn.place.hai-phong", "Cường=vn.person.luong-cuong~short", "Thanh Hóa=vn.place.thanh-hoa", "Thanh Hoá=vn.place.thanh-hoa", "Khánh Hòa=vn.place.khanh-hoa", "Khánh Hoà=vn.place.khanh-hoa"])
    }

    @Test func vietnameseNoDiacritics() throws {
        let document = try seedMatcher.annotate(Articles.vietnameseNoDiacritics)
        #expect(document.language == .vi)
        #expect(summary(document) == ["Chu tich nuoc=int.term.state-president", "Luong Cuong=vn.person.luong-cuong", "Chu tich nuoc=int.term.state-president", "Trung Quoc=country.cn", "Tap Can Binh=cn.person.xi-jinping", "Ha Noi=vn.place.ha-noi", "Tap=cn.person.xi-jinping~short", "Lao Cai=vn.place.lao-cai", "Hai Phong=vn.place.hai-phong", "Thu tuong=int.term.prime-minister", "Pham Minh Chinh=vn.person.pham-minh-chinh", "Chinh=vn.person.pham-minh-chinh~short", "Thanh Hoa=vn.place.thanh-hoa"])
    }

    @Test func chinese() throws {
        let document = try seedMatcher.annotate(Articles.chinese)
        #expect(document.language == .zh)
        #expect(summary(document) == ["国家主席=int.term.state-president", "习近平=cn.person.xi-jinping", "北京=cn.place.beijing", "越南=country.vn", "国家主席=int.term.state-president", "梁强=vn.person.luong-cuong", "习近平=cn.person.xi-jinping", "老街=vn.place.lao-cai", "海防=vn.place.hai-phong", "越南政府=vn.org.government", "总理=int.term.prime-minister", "范明政=vn.person.pham-minh-chinh", "王毅=cn.person.wang-yi"])
    }

    /// NFD text gives the same mentions, with offsets into the NFD text.
    @Test func nfdTextMatchesLikeNFC() throws {
        let nfd = try UnicodeNormalizer.normalize(Articles.vietnamese, to: .nfd)
        #expect(nfd.utf8.count > Articles.vietnamese.utf8.count)
        let document = try seedMatcher.annotate(nfd)
        let nfc = try seedMatcher.annotate(Articles.vietnamese)
        #expect(document.mentions.map(\.entity) == nfc.mentions.map(\.entity))
        #expect(document.mentions.allSatisfy { $0.tier == .exact })
        let bytes = Array(nfd.utf8)
        for mention in document.mentions {
            #expect(String(decoding: bytes[mention.startUTF8..<mention.endUTF8], as: UTF8.self) == mention.text)
        }
    }

    /// Texts full of common words (tô lâm, long, hà, năm, bình, hai phòng) give no mention.
    @Test func commonWordsAreNotNames() throws {
        let document = try seedMatcher.annotate(Articles.commonWords)
        #expect(summary(document) == [])
        for sample in ["con duong nay long lanh, nam nay to lam", "Hôm nay trời nắng, hà tất phải lo. Bình thường thôi.",
                       "Nam said it was a long day. Binh nodded. Ha!"] {
            #expect(summary(try seedMatcher.annotate(sample)) == [], "\(sample)")
        }
    }

    /// Hán-Việt and pinyin forms are the same entity; --rewrite swaps in the target language.
    @Test func rewriteToTheTargetLanguage() throws {
        let vi = "Chủ tịch Tập Cận Bình gặp ông Lương Cường."
        let en = try seedMatcher.annotate(vi, language: .en)
        #expect(String(decoding: AnnotationRendering.rewrite(Array(vi.utf8), mentions: en.mentions), as: UTF8.self)
                == "Chủ tịch Xi Jinping gặp ông Luong Cuong.")
        let text = "President Luong Cuong met Xi Jinping in Haiphong."
        let document = try seedMatcher.annotate(text, language: .vi)
        #expect(String(decoding: AnnotationRendering.rewrite(Array(text.utf8), mentions: document.mentions), as: UTF8.self)
                == "Chủ tịch nước Lương Cường met Tập Cận Bình in Hải Phòng.")
        #expect(String(decoding: AnnotationRendering.inline(Array(text.utf8), mentions: document.mentions), as: UTF8.self)
                == "President [Chủ tịch nước] Luong Cuong [Lương Cường] met Xi Jinping [Tập Cận Bình] in Haiphong [Hải Phòng].")
    }

    @Test(arguments: [("Xi Jinping met To Lam in the capital.", DocumentLanguage.en),
                      ("Tổng Bí thư Tô Lâm tiếp đoàn.", .vi), ("Tong Bi thu To Lam tiep doan dai bieu cua Trung Quoc tai Ha Noi.", .vi),
                      ("习近平会见苏林。", .zh)])
    func languageDetection(text: String, language: DocumentLanguage) {
        #expect(LanguageDetector.detect(text) == language)
    }
}
