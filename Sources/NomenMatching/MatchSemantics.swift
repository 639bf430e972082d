import NomenNormalization

/// How `nomen annotate` finds names in text: the one place the rules are
/// written down. Offsets in every output are Unicode scalar offsets into the
/// original text (`start`, `end`, end exclusive) and UTF-8 byte offsets
/// (`start_utf8`, `end_utf8`).
///
/// **Keys.** Every name of the glossary enters the automaton under its folded
/// key (`MatchTier.folded`: no diacritics, đ→d, lower case, i/y unified, white
/// space collapsed), and also under its compact key when that differs (so
/// "Haiphong" finds Hải Phòng). The text is folded by `FastFolder` and every
/// match is mapped back to the original bytes, including combining marks
/// after the last letter (NFD text).
///
/// **Overlaps: leftmost-longest, non-overlapping.** Scanning left to right,
/// the first position where an acceptable match starts wins, and there the
/// longest acceptable match; the scan resumes after it. With the names
/// `Hai` and `Hai Phong`, "Hai Phong port" gives one mention, "Hai Phong".
/// A match that fails the case rules below does not block a shorter one at
/// the same start, nor one that starts later inside it: every name that
/// ends on a boundary along the way is tried, longest first, however many
/// there are.
///
/// **Boundaries.** Between two characters of scripts that separate words
/// (Latin, Vietnamese, Cyrillic, Greek, Hangul… letters and digits) a match
/// may neither start nor end: "Lam" is not found in "Lamb". Han, kana and
/// other scripts written without spaces need no boundary: 梁强 is found in
/// 越南国家主席梁强在河内, but never inside a longer glossary name that starts
/// earlier, because the leftmost-longest rule took it first.
///
/// **Tiers.** Each mention records the strictest tier its surface reaches
/// against a name of its entity: `exact` (the same text, canonically
/// equivalent, white space collapsed), `caseless` (equal ignoring case),
/// `folded` (equal keys), `compact` (equal without spaces, hyphens and
/// apostrophes).
///
/// **Case.** A name's `CasePolicy` decides whether capitalisation matters:
/// `insensitive` never, `sensitive` always (the letters' case must be the
/// name's: "BYD", not "byd"), `auto` only for keys that are short (at most
/// five letters) or made only of common words ("to lam", "long", "ha",
/// "nam", "binh", "hai phong"). Such a key found only at the caseless, folded
/// or compact tier counts when its capitalisation fits the name: each word
/// capitalised where the name's is (Title Case), or ALL CAPS. A capital at
/// the start of a sentence is weak evidence: a one-word match of a common
/// word there ("Long ago…", "Nam said…") counts only as a short mention of a
/// person already named, or in ALL CAPS.
///
/// **Ambiguity.** When a key belongs to several entities, an entity already
/// mentioned unambiguously earlier in the document wins; otherwise the
/// mention is reported as ambiguous with every candidate (`entity` is null)
/// at the strictest tier among them. nomen never picks arbitrarily.
/// (`DocumentContext.resolve` is where this and the next rule are applied.)
///
/// **Short mentions.** After a full mention of a person, a later mention of
/// the family name alone (Chinese, Korean and Western names: "Xi", "ông
/// Tập") or of the given name alone (Vietnamese names: "Chinh", "ông Chính")
/// links to that person, if it is capitalised and no other person mentioned
/// so far has that short name. Titles and honorifics before a name ("President
/// Luong Cuong", "Chủ tịch Tập Cận Bình", "Mr. Xi") are separate words and do
/// not stop a match.
public enum MatchSemantics: String, Sendable, CaseIterable {
    /// The default: every case rule above.
    case standard
    /// Case policies relaxed: every match of a key counts whatever its
    /// capitalisation, and short mentions are off. For comparisons with plain
    /// dictionary matchers (the benchmark).
    case relaxedCase
}
