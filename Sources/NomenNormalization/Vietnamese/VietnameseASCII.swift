/// Vietnamese written without diacritics, as English-language press and
/// ASCII-only systems write it: Lương Cường → Luong Cuong, Đà Nẵng → Da Nang.
/// Case is kept (unlike the fold).
public enum VietnameseASCII {
    private static let rules = """
    :: NFD ;
    :: [:Mn:] Remove ;
    Đ > D ; đ > d ; Ð > D ; ð > d ; Ɖ > D ; ɖ > d ;
    :: NFC ;
    """

    private static let transliterator = Result { () throws(ICUError) -> Transliterator in
        try Transliterator(id: "nomen-vietnamese-ascii", rules: rules)
    }

    public static func strip(_ text: String) throws(ICUError) -> String {
        // ASCII has nothing to strip (and is most of an English text's names).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return try transliterator.get().transliterate(text)
    }
}
