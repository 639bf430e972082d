#!/usr/bin/env python3
"""Builds Data/opencc/dictionaries.tsv from OpenCC's text dictionaries, and
Tests/NomenNormalizationTests/Fixtures/opencc/testcases.tsv from OpenCC's
test/testcases/testcases.json, at a pinned commit of OpenCC.

    git clone https://github.com/BYVoid/OpenCC /tmp/OpenCC
    python3 tools/opencc/build_tables.py --opencc /tmp/OpenCC          # write
    python3 tools/opencc/build_tables.py --opencc /tmp/OpenCC --check  # exit 1 if Data/ differs

--opencc is a clone (work tree or bare git directory); the files are read from
the pinned commit with `git show`, so the clone's checked-out state does not
matter. The data is OpenCC's (Apache-2.0, Carbo Kuo and contributors); no
OpenCC code is used. What is written, and how nomen reads it, is in
Data/opencc/README.md.

Output, dictionaries.tsv: a header `dictionary  key  value`, then one row per
entry: the dictionary's name as OpenCC spells it, the key and OpenCC's first
(default) value. Rows are sorted by dictionary, then key. The two reverse
dictionaries OpenCC's build generates (TWVariantsRev, HKVariantsRev) are
generated here the same way: every value of the forward dictionary maps back
to its key, the first key winning unless a `# @reverse-prefer:` line says
otherwise.
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
COMMIT = "5249273a3e5606852f088c9a8b23522145d94f78"  # OpenCC main, 2026-08-06
DATA = ROOT / "Data" / "opencc" / "dictionaries.tsv"
CASES = ROOT / "Tests" / "NomenNormalizationTests" / "Fixtures" / "opencc" / "testcases.tsv"

# The dictionaries of the configurations nomen implements (s2t, s2tw, s2hk,
# t2s, tw2s, hk2s), as named in OpenCC's data/config/*.json.
FORWARD = [
    "STCharacters", "STPhrases", "TSCharacters", "TSPhrases",
    "TWVariants", "TWVariantsPhrases", "TWVariantsRevPhrases",
    "HKVariants", "HKVariantsPhrases", "HKVariantsRevPhrases",
]
REVERSED = {"TWVariantsRev": "TWVariants", "HKVariantsRev": "HKVariants"}
CONFIGS = ["s2t", "s2tw", "s2hk", "t2s", "tw2s", "hk2s"]
REVERSE_PREFER = "# @reverse-prefer:"


def git_show(opencc: pathlib.Path, path: str) -> str:
    result = subprocess.run(["git", "-C", str(opencc), "show", f"{COMMIT}:{path}"], capture_output=True)
    if result.returncode != 0:
        sys.exit(f"build_tables.py: cannot read {path} at {COMMIT[:12]} in {opencc}: "
                 + result.stderr.decode("utf-8", "replace").strip())
    return result.stdout.decode("utf-8")


def parse(text: str):
    """(entries [(key, [values])], reverse preferences {value: key})."""
    entries, prefer = [], {}
    for line in text.splitlines():
        if line.startswith(REVERSE_PREFER):
            fields = line[len(REVERSE_PREFER):].split()
            if fields:
                prefer[fields[0]] = fields[-1]
            continue
        if line.startswith("#") or not line.strip():
            continue
        key, _, values = line.partition("\t")
        values = [v for v in values.split(" ") if v]
        if key and values:
            entries.append((key, values))
    return entries, prefer


def reverse(entries, prefer):
    table = {}
    for key, values in entries:
        for value in values:
            table.setdefault(value, key)
    for value, key in prefer.items():
        if value in table:
            table[value] = key
    return table


def build(opencc: pathlib.Path):
    rows = []
    for name in FORWARD:
        entries, _ = parse(git_show(opencc, f"data/dictionary/{name}.txt"))
        table = {}
        for key, values in entries:
            table.setdefault(key, values[0])
        rows += [(name, key, value) for key, value in table.items()]
    for name, source in REVERSED.items():
        entries, prefer = parse(git_show(opencc, f"data/dictionary/{source}.txt"))
        rows += [(name, key, value) for key, value in reverse(entries, prefer).items()]
    rows.sort()
    for name, key, value in rows:
        if "\t" in key + value or "\n" in key + value:
            sys.exit(f"build_tables.py: {name}: a tab or newline in {key!r}")
    dictionaries = "dictionary\tkey\tvalue\n" + "".join(f"{n}\t{k}\t{v}\n" for n, k, v in rows)

    # testcases.json has trailing commas at times: strip them before parsing.
    raw = git_show(opencc, "test/testcases/testcases.json")
    cases = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))["cases"]
    lines = ["id\tconfig\tinput\texpected"]
    for case in cases:
        for config, expected in case["expected"].items():
            if config in CONFIGS:
                lines.append("\t".join([case["id"], config, case["input"], expected]))
    testcases = "\n".join(lines) + "\n"
    return dictionaries, testcases


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--opencc", required=True, type=pathlib.Path, help="a clone of github.com/BYVoid/OpenCC")
    parser.add_argument("--check", action="store_true", help="exit 1 if Data/ or the fixture differs")
    args = parser.parse_args()
    dictionaries, testcases = build(args.opencc)
    stale = []
    for path, text in ((DATA, dictionaries), (CASES, testcases)):
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(str(path.relative_to(ROOT)))
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if args.check:
        if stale:
            print("stale: " + ", ".join(stale) + " (run python3 tools/opencc/build_tables.py --opencc DIR)")
            sys.exit(1)
        print("Data/opencc is up to date")
    else:
        print(f"wrote {len(stale)} of 2 files")


if __name__ == "__main__":
    main()
