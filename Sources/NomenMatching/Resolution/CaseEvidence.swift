@_spi(Performance) import NomenNormalization

/// Capitalisation checks for `MatchSemantics`' case rules, and the list of
/// common words that make a key need name-like capitalisation.
enum CaseEvidence {
    /// Words (folded: lower case, no diacritics) that are ordinary words in
    /// Vietnamese written with or without diacritics, or in English. A key
    /// made only of these ("to lam", "hai phong", "long") is not taken for a
    /// name unless its capitalisation fits the name.
    static let commonWords: Set<String> = {
        let vietnamese = """
            a ai an anh ba bac ban bang bao bay be ben bi bien binh bo boi bon bu cac cai cam can cao cap cau \
            chi chien chinh cho chu chua chung co con cong cu cua cuc cuoc cung cuong da dai dan dang danh dao \
            dat dau de den dep di dia dien dinh do doan doi don dong du duc dung duoc duong em gan gia giai gian \
            giang giao gio giu ha hai ham han hang hanh hao hau he hien hieu hinh ho hoa hoang hoc hoi hom hon \
            hong hop hue hung huong huu huy ke khac khach khai khi khoa khong khu kim kinh la lai lam lan lang \
            lao le len lich lien linh loi long luc luong ly ma mai man manh mat may minh moi mon mot mua muon \
            nam nang nao nay ne nen nga ngan ngay nghe nghi ngoai ngoc ngu nguoi nha nhan nhat nhieu nhu nhung \
            ninh no noi non nuoc o on ong phai phan phat phong phu phuoc quan quang quoc ra rat roi sa sang sao \
            sau se son song su ta tai tam tan tang tap tay thai thang thanh thao the thi thien thoi thu thuong \
            thuy tien tim tin tinh to toan toi tong tot tra tran trong tru truong tu tuan tuong tuy uy va van \
            ve viec viet vinh vo voi vu vua xa xe xem xuan yen
            """
        let english = """
            a about after all also an and are as at be been but by can day did do for from go good great had \
            has have he her his i if in into is it its just lake long man may me more most mount much my new \
            no not now of on one or our out over park people red said same say she so some than that the their \
            them then there these they this time to two up us very was we well were what when which who will \
            with would year you tap
            """
        return Set((vietnamese + " " + english).split(separator: " ").map(String.init))
    }()

    /// Whether a folded key needs capitalisation evidence under `auto`: it is
    /// short (at most five letters and digits) or every word is common.
    static func keyNeedsEvidence(folded: ArraySlice<UInt8>) -> (needs: Bool, common: Bool) {
        guard folded.allSatisfy({ $0 < 0x80 }) else {
            return keyNeedsEvidence(folded: String(decoding: folded, as: UTF8.self))
        }
        // ASCII: letters and digits are the alphabetic and numeric scalars, and
        // only a–z change when upper-cased.
        var letters = 0, hasCase = false, common = true, words = 0
        var wordStart = folded.startIndex
        func endWord(_ end: Int) {
            guard end > wordStart else { return }
            words += 1
            if common && !commonWords.contains(String(decoding: folded[wordStart..<end], as: UTF8.self)) { common = false }
        }
        for index in folded.indices {
            let byte = folded[index]
            if byte == 0x20 || byte == 0x2D || byte == 0x27 {
                endWord(index)
                wordStart = index + 1
                continue
            }
            if byte >= 0x61 && byte <= 0x7A { hasCase = true; letters += 1 }
            else if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) { letters += 1 }
        }
        endWord(folded.endIndex)
        common = common && words > 0
        return (hasCase && (letters <= 5 || common), common && hasCase)
    }

    static func keyNeedsEvidence(folded: String) -> (needs: Bool, common: Bool) {
        let words = folded.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" })
        let letters = folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.count
        let common = !words.isEmpty && words.allSatisfy { commonWords.contains(String($0)) }
        let hasCase = folded.unicodeScalars.contains { $0.properties.changesWhenUppercased }
        return (hasCase && (letters <= 5 || common), common && hasCase)
    }

    /// The words of a surface or name: runs split at spaces and hyphens.
    private static func words(_ text: Substring) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "\u{2010}" || $0 == "\u{2013}" })
    }

    private static func firstLetter(_ word: Substring) -> Character? {
        word.first { $0.isLetter }
    }

    /// ALL CAPS: at least one upper-case letter and no lower-case one.
    static func isAllCaps(_ surface: Substring) -> Bool {
        var upper = false
        for character in surface where character.isLetter {
            if character.isLowercase { return false }
            if character.isUppercase { upper = true }
        }
        return upper
    }

    /// Title Case fitted to the name: each surface word starts with a capital
    /// where the name's word does (word for word when the counts agree; only
    /// the first word otherwise, as for a compact "Haiphong").
    static func fitsTitleCase(_ surface: Substring, name: Substring) -> Bool {
        let surfaceWords = words(surface), nameWords = words(name)
        if surfaceWords.count == nameWords.count {
            for (word, nameWord) in zip(surfaceWords, nameWords) {
                guard let nameFirst = firstLetter(nameWord), nameFirst.isUppercase else { continue }
                guard let first = firstLetter(word), first.isUppercase else { return false }
            }
            return true
        }
        guard let first = surfaceWords.first.flatMap(firstLetter) else { return true }
        return first.isUppercase
    }

    static func fits(_ surface: Substring, name: Substring) -> Bool {
        isAllCaps(surface) || fitsTitleCase(surface, name: name)
    }

    /// `sensitive`: the letters' case, letter by letter, is the name's.
    static func sameCaseSignature(_ surface: Substring, name: Substring) -> Bool {
        let a = surface.filter(\.isLetter).map(\.isUppercase)
        let b = name.filter(\.isLetter).map(\.isUppercase)
        return a == b
    }

    /// Whether a surface found at the folded tier is the name typed without
    /// diacritics, or with the same ones (tone marks placed either way), as
    /// opposed to another word with other marks (Chủ for Chũ).
    static func diacriticsAgree(_ surface: Substring, name: Substring, cache: ToneCache? = nil) -> Bool {
        guard surface.unicodeScalars.contains(where: { $0.value >= 0x80 && $0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark }) else {
            return true
        }
        let a = cache?.newTones(String(surface).lowercased()) ?? ToneConvention.new.apply(to: String(surface).lowercased())
        let b = cache?.newTones(String(name).lowercased()) ?? ToneConvention.new.apply(to: String(name).lowercased())
        return a == b
    }

    /// `ToneConvention.new` applied to a text, remembered: the same few
    /// surfaces and names come back again and again. One per `Annotator`.
    final class ToneCache {
        private var results: [String: String] = [:]
        private var agreements: [Agreement: Bool] = [:]
        static let limit = 65_536

        func newTones(_ text: String) -> String {
            if let known = results[text] { return known }
            let result = ToneConvention.new.apply(to: text)
            if results.count >= Self.limit { results.removeAll(keepingCapacity: true) }
            results[text] = result
            return result
        }

        /// A surface and a name of the annotator's matcher (its `nameStart`,
        /// which identifies its text).
        private struct Agreement: Hashable {
            let surface: Substring
            let name: UInt32
        }

        /// `diacriticsAgree(surface, name)`, remembered: it lowercases and
        /// re-marks both texts, and the same names come back in every
        /// article (a twelfth of annotating one went to it).
        func diacriticsAgree(_ surface: Substring, nameStart: UInt32, name: () -> Substring) -> Bool {
            let key = Agreement(surface: surface, name: nameStart)
            if let known = agreements[key] { return known }
            let answer = CaseEvidence.diacriticsAgree(surface, name: name(), cache: self)
            if agreements.count >= Self.limit { agreements.removeAll(keepingCapacity: true) }
            agreements[key] = answer
            return answer
        }
    }

    /// Whether only one word of `surface` is there (no space or hyphen).
    static func isSingleWord(_ surface: Substring) -> Bool {
        words(surface).count <= 1
    }

    // MARK: - The same checks on simple text
    //
    // On text that is ASCII or `Search.TextTraits.isSimple` every `Character`
    // is one scalar (or CR LF, white space either way), so these give the
    // answers of the `Substring` versions above scalar by scalar, with each
    // scalar's `Character` properties looked up in `SimpleCase.flags`.

    /// Calls `body` with each scalar's flags (`SimpleCase.letter` …).
    @inline(__always)
    private static func forEachFlags(_ text: UnsafeBufferPointer<UInt8>, _ body: (UInt8) -> Bool) {
        let table = SimpleCase.flagTable
        var index = 0
        while index < text.count {
            let byte = text[index]
            let flags: UInt8
            if byte < 0x80 {
                flags = table.flags(ascii: byte)
                index += 1
            } else {
                let (scalar, length) = UTF8Scalar.decode(text, at: index)
                flags = table.flags(scalar)
                index += length
            }
            if !body(flags) { return }
        }
    }

    /// The flags of the first letter of each word (0 for a word without one),
    /// one word at a time.
    private struct WordInitials {
        let text: UnsafeBufferPointer<UInt8>
        let table: SimpleCase.FlagTable
        var index = 0

        init(_ text: UnsafeBufferPointer<UInt8>, table: SimpleCase.FlagTable) {
            self.text = text
            self.table = table
        }

        mutating func next() -> UInt8? {
            var inWord = false
            var initial: UInt8 = 0
            while index < text.count {
                let byte = text[index]
                let flags: UInt8
                let length: Int
                if byte < 0x80 {
                    flags = table.flags(ascii: byte)
                    length = 1
                } else {
                    let (scalar, decoded) = UTF8Scalar.decode(text, at: index)
                    flags = table.flags(scalar)
                    length = decoded
                }
                if flags & SimpleCase.separator != 0 {
                    if inWord { return initial }
                } else {
                    inWord = true
                    if initial == 0 && flags & SimpleCase.letter != 0 { initial = flags }
                }
                index += length
            }
            return inWord ? initial : nil
        }

    }

    static func isAllCaps(simple surface: UnsafeBufferPointer<UInt8>) -> Bool {
        var upper = false, lower = false
        forEachFlags(surface) { flags in
            guard flags & SimpleCase.letter != 0 else { return true }
            if flags & SimpleCase.lowercase != 0 { lower = true; return false }
            if flags & SimpleCase.uppercase != 0 { upper = true }
            return true
        }
        return upper && !lower
    }

    static func fitsTitleCase(simple surface: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>) -> Bool {
        let table = SimpleCase.flagTable
        var surfaceWords = WordInitials(surface, table: table), nameWords = WordInitials(name, table: table)
        // One pass over both: word by word while both have one, then whether both ended together.
        var firstInitial: UInt8? = nil
        var pairsFit = true
        while true {
            let initial = surfaceWords.next(), nameInitial = nameWords.next()
            if firstInitial == nil { firstInitial = initial }
            guard let initial, let nameInitial else {
                if initial == nil && nameInitial == nil { return pairsFit }  // as many words on both sides
                break
            }
            if nameInitial & SimpleCase.uppercase != 0 && initial & SimpleCase.uppercase == 0 { pairsFit = false }
        }
        guard let first = firstInitial, first != 0 else { return true }
        return first & SimpleCase.uppercase != 0
    }

    static func fits(simple surface: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>) -> Bool {
        isAllCaps(simple: surface) || fitsTitleCase(simple: surface, name: name)
    }

    static func sameCaseSignature(simple surface: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>) -> Bool {
        func signature(_ text: UnsafeBufferPointer<UInt8>) -> [Bool] {
            var result: [Bool] = []
            forEachFlags(text) { flags in
                if flags & SimpleCase.letter != 0 { result.append(flags & SimpleCase.uppercase != 0) }
                return true
            }
            return result
        }
        return signature(surface) == signature(name)
    }

    static func isSingleWord(simple surface: UnsafeBufferPointer<UInt8>) -> Bool {
        var words = 0, inWord = false
        forEachFlags(surface) { flags in
            if flags & SimpleCase.separator != 0 { inWord = false } else if !inWord { inWord = true; words += 1 }
            return true
        }
        return words <= 1
    }
}
