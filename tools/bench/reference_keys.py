#!/usr/bin/env python3
"""Writes the keys the Python reference searches for (its folded and
compact keys of every name in the glossary), one a line and sorted, for the
Rust DFA scan of the annotate benchmark (tools/bench/dfa_scan).

    reference_keys.py GLOSSARY.jsonl OUT
"""
import json
import sys

from annotate_reference import fold_char, iy_spelling


def main():
    glossary, out = sys.argv[1], sys.argv[2]
    names = []
    with open(glossary, encoding="utf-8") as f:
        for line in f:
            names.extend(name["text"] for name in json.loads(line)["names"])
    table = {ord(c): fold_char(c) for c in {c for name in names for c in name}}
    keys = set()
    for name in names:
        key = iy_spelling(" ".join(name.translate(table).split()))
        if key:
            keys.add(key)
            compact = key.replace(" ", "").replace("-", "").replace("'", "")
            if compact and compact != key:
                keys.add(compact)
    with open(out, "w", encoding="utf-8") as f:
        for key in sorted(keys):
            f.write(key + "\n")


if __name__ == "__main__":
    main()
