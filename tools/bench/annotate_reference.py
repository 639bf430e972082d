#!/usr/bin/env python3
"""The reference for the annotate benchmark: the same job in Python from PyPI.

Folds the glossary's names and the corpus with one str.translate table
(compatibility decomposition, no diacritics, đ→d, lower case, white space to
a space) and nomen's i/y spelling rule (a word-final y that is the whole
rhyme after a one-letter onset or "qu" is written i: "ly" = "li", "quy" =
"qui"; `IYSpelling` in nomen), finds every folded and compact key with
ahocorasick-rs (all matches, overlapping), keeps those on word boundaries
(none needed beside Han) and takes the leftmost-longest of them,
non-overlapping, as nomen does (a key that ends inside a word gives way to a
shorter one and hides nothing after it), and maps each match back to
offsets in the original text. Case rules are not applied: nomen runs with
them relaxed to match.

    annotate_reference.py GLOSSARY.jsonl CORPUS
"""
import json
import re
import sys
import time
import unicodedata

import numpy as np
from ahocorasick_rs import AhoCorasick, MatchKind


def fold_char(c):
    if c.isspace():
        return " "
    d = unicodedata.normalize("NFKD", c)
    d = "".join(x for x in d if not unicodedata.combining(x))
    return d.replace("đ", "d").replace("Đ", "d").lower()


# `IYSpelling.canonicalize`: a word character is an ASCII letter or digit or any non-ASCII character.
IY_RULE = re.compile("(?<![0-9A-Za-z\u0080-\U0010FFFF])([bdhklmnrstvx]|qu)y(?![0-9A-Za-z\u0080-\U0010FFFF])")


def iy_spelling(folded):
    """Rewrites y to i where nomen's fold does; the length never changes, so offsets hold."""
    return IY_RULE.sub(r"\1i", folded)


def is_han(c):
    o = ord(c)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def main():
    glossary, corpus = sys.argv[1], sys.argv[2]
    t0, cpu0 = time.perf_counter(), time.process_time()
    names = []
    with open(glossary, encoding="utf-8") as f:
        for line in f:
            for name in json.loads(line)["names"]:
                names.append(name["text"])
    text = open(corpus, encoding="utf-8").read()
    chars = set(text)
    for name in names:
        chars.update(name)
    table = {ord(c): fold_char(c) for c in chars}
    keys = set()
    for name in names:
        key = iy_spelling(" ".join(name.translate(table).split()))
        if key:
            keys.add(key)
            compact = key.replace(" ", "").replace("-", "").replace("'", "")
            if compact and compact != key:
                keys.add(compact)
    automaton = AhoCorasick(sorted(keys), matchkind=MatchKind.Standard)
    t1 = time.perf_counter()

    folded = iy_spelling(text.translate(table))
    codepoints = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    alphabet = np.array(sorted(ord(c) for c in chars), dtype=np.uint32)
    lengths = np.array([len(table[int(c)]) for c in alphabet], dtype=np.int64)
    out_lengths = lengths[np.searchsorted(alphabet, codepoints)]
    ends = np.cumsum(out_lengths)  # folded position after each source character
    n = len(folded)

    def on_boundaries(start, end):
        first, last = folded[start], folded[end - 1]
        if start > 0 and not is_han(first):
            before = folded[start - 1]
            if before.isalnum() and not is_han(before):
                return False
        if end < n and not is_han(last):
            after = folded[end]
            if after.isalnum() and not is_han(after):
                return False
        return True

    # nomen's semantics: the first position where a match on word boundaries starts wins, and
    # there the longest such match; a longer key that ends inside a word gives way to a shorter
    # one that does not, and never hides a match after it. So take every match (overlapping),
    # keep those on boundaries, and choose leftmost-longest among them.
    longest = {}
    for _, start, end in automaton.find_matches_as_indexes(folded, overlapping=True):
        if end > longest.get(start, -1) and on_boundaries(start, end):
            longest[start] = end
    count = 0
    starts_out, ends_out = [], []
    taken = 0
    for start in sorted(longest):
        if start >= taken:
            taken = longest[start]
            starts_out.append(start)
            ends_out.append(taken)
            count += 1
    # Map back: the source character that produced the first folded character, and the one after the last.
    source_starts = np.searchsorted(ends, np.array(starts_out, dtype=np.int64), side="right")
    source_ends = np.searchsorted(ends, np.array(ends_out, dtype=np.int64), side="left") + 1
    t2, cpu2 = time.perf_counter(), time.process_time()
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"reference compile: {len(names)} names, {len(keys)} keys in {t1 - t0:.2f} s (read + fold + build)")
    print(f"reference annotate: {megabytes:.1f} MB in {t2 - t1:.2f} s = {megabytes / (t2 - t1):.1f} MB/s; "
          f"end to end {megabytes / (t2 - t0):.1f} MB/s; mentions {count} (mapped {len(source_starts)}, {len(source_ends)}); "
          f"end to end CPU {cpu2 - cpu0:.2f} s = {megabytes / (cpu2 - cpu0):.1f} MB/s of CPU")


if __name__ == "__main__":
    main()
