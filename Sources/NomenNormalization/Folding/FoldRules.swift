/// The definition of nomen's fold: the text behind the `folded` match tier.
///
/// The fold removes what writers vary on when they mean the same name:
/// compatibility forms (fullwidth letters, ligatures), case (lower case,
/// with ς and ß folded), every diacritic
/// (Vietnamese tone marks and vowel marks: ư→u, ơ→o, ă/â→a, ê→e, ô→o), the
/// letters that have no decomposition but are written for a plain letter
/// (đ/Đ→d, and Ð U+00D0, Ɖ U+0189 typed for Đ), and runs of white space.
///
/// It is written once, as ICU transform rules, so that the reference fold
/// (ICU over the whole text), the fast table-driven fold and the `uconv`
/// benchmark all run the same definition. The i/y spelling step
/// (`IYSpelling`) runs after it, because it needs whole words.
public enum FoldRules {
    /// ICU transform rules; `uconv -x` accepts them as they are.
    public static let icuRules = #"""
    :: NFKD ;
    :: Any-Lower ;
    :: NFKD ;
    :: [[:Mn:][:Me:][:Default_Ignorable_Code_Point:]] Remove ;
    # ICU has no case-folding transform, so lower-case and then fold the two
    # letters where Unicode case folding differs in ways that matter for names
    # (CaseFolding.txt: U+03C2 final sigma, U+00DF sharp s). This also makes
    # the fold context-free: Any-Lower picks ς or σ by context.
    ς > σ ;
    ß > ss ;
    # Letters with no canonical decomposition, folded as Latin-ASCII would.
    # U+0111 đ (from Đ U+0110), U+00F0 ð (from Ð U+00D0), U+0256 ɖ (from Ɖ U+0189).
    [đðɖ] > d ;
    ø > o ;
    ł > l ;
    ħ > h ;
    ı > i ;
    ŧ > t ;
    # Apostrophes and hyphens written with typographic characters.
    [’‘ʼ] > \' ;
    [‐‑] > '-' ;
    # Every run of white space becomes one ASCII space (UCD White_Space).
    [:White_Space:]+ > ' ' ;
    """#

    /// `IYSpelling` as ICU rules, a second pass after `icuRules`. nomen runs
    /// the Swift version (it is one pass over bytes); these exist so that ICU
    /// alone, and `uconv` in the benchmark, compute the whole fold. A word
    /// byte is an ASCII letter or digit or any non-ASCII character.
    public static let iySpellingRules = #"""
    $nonWord = [\u0000-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007F] ;
    $onset = [bdhklmnrstvx] ;
    $nonWord $onset { y } $nonWord > i ;
    $nonWord $onset { y } $ > i ;
    ^ $onset { y } $nonWord > i ;
    ^ $onset { y } $ > i ;
    $nonWord qu { y } $nonWord > i ;
    $nonWord qu { y } $ > i ;
    ^ qu { y } $nonWord > i ;
    ^ qu { y } $ > i ;
    """#

    /// The whole fold as one ICU rule set (`nomen normalize --print-fold-rules`).
    public static var completeICURules: String {
        icuRules + "\n:: Null ;\n" + iySpellingRules
    }
}
