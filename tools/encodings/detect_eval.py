#!/usr/bin/env python3
"""Reference legacy-Vietnamese detector, used to produce evidence for the
heuristics recommended in Data/encodings/README.md. Not shipped; the Swift
detector is the real one. Stdlib only.

    python3 tools/encodings/detect_eval.py            # table over all fixtures
    python3 tools/encodings/detect_eval.py FILE...    # detect given files

Method: decode the input under every hypothesis (with the Data/ tables), then
score the result as Vietnamese: share of words that are well-formed Vietnamese
syllables, number of letters with Vietnamese marks, and "junk" (non-ASCII
characters that are neither Vietnamese letters nor common punctuation). The
best hypothesis that passes the thresholds wins; otherwise "not-legacy".
"""
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import legacy_encode as le  # noqa: E402

PUNCT_OK = set("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00ab\u00bb\u00b0\u20ab")
ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
NUCLEUS = r"(?:[aăâeêioôơuưy]{1,3})"
CODA = r"(?:ch|ng|nh|c|m|n|p|t)?"
SYLLABLE = re.compile("^" + ONSET + NUCLEUS + CODA + "$")
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def strip_tone(word):
    d = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in d if c in TONES)
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES)), tones


def vietnamese_score(text):
    words = re.findall(r"[^\W\d_]+", text)
    marked = [w for w in words if any(le.is_vietnamese_letter(c) for c in w)]
    good = 0
    for w in marked:
        base, tones = strip_tone(w)
        mixed_case = w[1:] != w[1:].lower()
        if tones <= 1 and SYLLABLE.match(base) and not mixed_case:
            good += 1
    junk = sum(1 for c in text if ord(c) > 0x7F and not le.is_vietnamese_letter(c)
               and c not in PUNCT_OK and not unicodedata.category(c).startswith("Lo"))
    viet_letters = sum(1 for c in text if le.is_vietnamese_letter(c))
    return {
        "words": len(words),
        "marked": len(marked),
        "valid": good / len(marked) if marked else 0.0,
        "viet": viet_letters,
        "junk": junk,
    }


def hypotheses(data):
    """Yield (form, decoded text) for every reading that does not fail outright."""
    try:
        text = data.decode("utf-8")
        is_utf8 = True
    except UnicodeDecodeError:
        is_utf8 = False
    if is_utf8:
        yield "utf8", text
        # VIQR is ASCII letters + marks; allow non-ASCII punctuation (smart quotes
        # added by word processors) but no non-ASCII letters.
        if not any(ord(c) > 0x7F and unicodedata.category(c).startswith("L") for c in text):
            yield "viqr", le.decode_viqr(text)
        for variant in ("cp1252x2", "cp1252", "latin1"):
            try:
                yield "mojibake-" + variant, le.decode_mojibake(text, variant)
            except (UnicodeError, le.EncodeError):
                pass
        try:  # legacy bytes that were read as cp1252 and saved as Unicode
            data = le.cp1252_encode(text)
        except le.EncodeError:
            return
        if data.isascii():
            return
    yield "vni", le.decode("vni", data)
    yield "tcvn3", le.decode("tcvn3", data)
    try:
        yield "cp1258", le.decode("cp1258", data)
    except UnicodeDecodeError:
        pass


def detect(data):
    results = []
    for form, text in hypotheses(data):
        s = vietnamese_score(text)
        results.append((form, s))
    plain = next((s for f, s in results if f == "utf8"), None)
    best = ("not-legacy", None)
    best_key = None
    for form, s in results:
        if form == "utf8":
            continue
        # Passing: enough marked words, nearly all well formed, junk rare, and
        # clearly better than reading the input as it is.
        if s["marked"] < 3 or s["valid"] < 0.9 or s["junk"] > 0.02 * max(1, s["viet"]):
            continue
        if plain and plain["marked"] >= 3 and plain["valid"] >= 0.9 and plain["junk"] == 0:
            continue  # already good Unicode Vietnamese
        key = (s["valid"], s["viet"] - 5 * s["junk"])
        if best_key is None or key > best_key:
            best, best_key = (form, s), key
    return best, results


def main(argv):
    paths = argv or sorted(os.path.join(le.FIXTURES, f) for f in os.listdir(le.FIXTURES)
                           if not f.endswith((".md", ".tsv", ".expected.txt")))
    wrong = 0
    print("%-34s %-18s %-18s %s" % ("file", "truth", "detected", "per-hypothesis marked/valid/junk"))
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        (form, _), results = detect(data)
        name = os.path.basename(p)
        truth = "?"
        for suffix, t in ((".viqr.txt", "viqr"), (".vni.bin", "vni"), (".tcvn3.bin", "tcvn3"),
                          (".cp1258.bin", "cp1258"), (".mojibake-cp1252.txt", "mojibake-cp1252"),
                          (".mojibake-latin1.txt", "mojibake-latin1"),
                          (".mojibake-cp1252x2.txt", "mojibake-cp1252x2")):
            if name.endswith(suffix):
                truth = t
        if truth == "?":
            truth = "not-legacy"
        ok = form == truth
        wrong += not ok
        detail = " ".join("%s=%d/%.2f/%d" % (f, s["marked"], s["valid"], s["junk"])
                          for f, s in results)
        print("%-34s %-18s %-18s %s %s" % (name, truth, form, "ok " if ok else "BAD", detail))
    print("misdetected: %d of %d" % (wrong, len(paths)))
    return 1 if wrong and not argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
