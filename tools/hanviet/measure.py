#!/usr/bin/env python3
"""Accuracy of a naive Hán-Việt transliteration over the reference name list.

    python3 tools/hanviet/measure.py                 # with phrase overrides, without, and rule alone
    python3 tools/hanviet/measure.py --no-phrases    # only char-by-char (readings.tsv)
    python3 tools/hanviet/measure.py --kind person   # restrict to one kind (prefix match)

The transliteration is what the normalizer is meant to do at its simplest:
phrase overrides from Data/hanviet/overrides.tsv (rows with more than one
character), longest match first, left to right; otherwise the `reading` of each
character from Data/hanviet/readings.tsv (whose one-character overrides are
already applied); syllables joined by spaces. A name counts as exact when it
equals the `hanviet` column of Tests/NomenNormalizationTests/Fixtures/
chinese-names.tsv after NFC and case folding (so "tập cận bình" matches
"Tập Cận Bình"). Prints "N/M exact (P%)" and the misses. Stdlib only.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READINGS = ROOT / "Data" / "hanviet" / "readings.tsv"
OVERRIDES = ROOT / "Data" / "hanviet" / "overrides.tsv"
FIXTURES = ROOT / "Tests" / "NomenNormalizationTests" / "Fixtures" / "chinese-names.tsv"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def transliterate(text: str, chars: dict[str, str], phrases: dict[str, str]) -> str:
    longest = max((len(p) for p in phrases), default=0)
    out: list[str] = []
    i = 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 1, -1):
            if text[i:i + n] in phrases:
                out.append(phrases[text[i:i + n]])
                i += n
                break
        else:
            out.append(chars.get(text[i], text[i]))
            i += 1
    return " ".join(out)


def measure(rows, chars, phrases) -> tuple[int, list[tuple[str, str, str]]]:
    misses = []
    for r in rows:
        got = transliterate(r["hanzi"], chars, phrases)
        if nfc(got).casefold() != nfc(r["hanviet"]).casefold():
            misses.append((r["hanzi"], r["hanviet"], got))
    return len(rows) - len(misses), misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="accuracy of char-by-char Hán-Việt over the name list")
    ap.add_argument("--no-phrases", action="store_true", help="only report char-by-char readings")
    ap.add_argument("--kind", help="only rows whose kind starts with this (person, place, ...)")
    args = ap.parse_args(argv)
    table = read_tsv(READINGS)
    chars = {r["char"]: r["reading"] for r in table}
    # The selection rule alone: where an override changed the reading, readings.tsv
    # keeps the rule's choice as the first alternative (source is exactly "override").
    rule_only = {r["char"]: (r["alternatives"].split("|")[0] if r["source"] == "override" and r["alternatives"]
                             else r["reading"]) for r in table}
    phrases = {r["text"]: r["reading"] for r in read_tsv(OVERRIDES) if len(r["text"]) > 1}
    rows = read_tsv(FIXTURES)
    if args.kind:
        rows = [r for r in rows if r["kind"].startswith(args.kind)]
    configs = [("char-by-char, no phrase overrides", chars, {}),
               ("selection rule alone, no overrides at all", rule_only, {})]
    if not args.no_phrases:
        configs.insert(0, ("with phrase overrides", chars, phrases))
    for label, chars, ph in configs:
        ok, misses = measure(rows, chars, ph)
        print(f"{label}: {ok}/{len(rows)} exact ({100.0 * ok / len(rows):.1f}%)")
        for hanzi, want, got in misses:
            print(f"  miss {hanzi}\twant {want}\tgot {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
