import Synchronization

/// The fold behind the `folded` tier, in two implementations that agree.
public enum Fold {
    private static let referenceTransliterator = Result { () throws(ICUError) -> Transliterator in
        try Transliterator(id: "nomen-fold", rules: FoldRules.icuRules)
    }

    /// ICU runs `FoldRules` over the whole text, then `IYSpelling`. Slow; the
    /// definition the fast path is tested against.
    public static func reference(_ text: String) throws(ICUError) -> String {
        let transliterator = try referenceTransliterator.get()
        return IYSpelling.canonicalize(try transliterator.transliterate(text))
    }

    /// One folder for short strings (keys, queries), shared by all threads.
    private static let sharedFolder = Mutex<FastFolder?>(nil)

    /// The fast path on a short string, through a shared folder.
    public static func fast(_ text: String) throws(ICUError) -> String {
        try sharedFolder.withLock { (folder: inout FastFolder?) throws(ICUError) -> String in
            if folder == nil { folder = try FastFolder() }
            return try folder!.fold(text)
        }
    }

    /// The fold of every code point as ICU computes it from `FoldRules`, in
    /// the format of the precomputed table (`Data/fold/table.tsv`).
    public static func tableFromICU() throws(ICUError) -> String {
        try PrecomputedFold.text()
    }

    /// Whether folding uses the precomputed table (it was written for these
    /// rules and this ICU), rather than computing blocks with ICU.
    public static var usesPrecomputedTable: Bool { PrecomputedFold.current != nil }
}
