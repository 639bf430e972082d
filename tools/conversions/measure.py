#!/usr/bin/env python3
"""Measures nomen's script conversions on the reference data, through the
built binary, and prints the figures quoted in docs/cli.md and the READMEs.

    swift build                                    # or: swift build -c release
    python3 tools/conversions/measure.py mojibake  # correct texts unchanged / broken texts repaired
    python3 tools/conversions/measure.py pinyin    # exact pinyin with and without tone marks
    python3 tools/conversions/measure.py opencc    # OpenCC's own test cases, per configuration
    python3 tools/conversions/measure.py all       # every measure this script knows
    python3 tools/conversions/measure.py --nomen .build/release/nomen mojibake

mojibake: every line of Tests/NomenNormalizationTests/Fixtures/mojibake/correct.txt
must come out of `nomen normalize --decode mojibake` unchanged; the same lines,
their UTF-8 read as Windows-1252 once, twice, and as Latin-1 once, must come
out repaired to the line. Each text is run on its own.

pinyin: Tests/NomenNormalizationTests/Fixtures/chinese-names-tones.tsv, person
and place names with tone-marked pinyin from reference works, through
`nomen normalize --translit pinyin --kind KIND` with and without --tone-marks;
exact matches against the `pinyin` and `plain` columns.

opencc: Tests/NomenNormalizationTests/Fixtures/opencc/testcases.tsv (OpenCC's
test/testcases/testcases.json, written by tools/opencc/build_tables.py), for
the configurations the CLI offers: s2t, s2tw, s2hk, t2s.

Exit status 0 when it measured (the figures are the output, not a verdict),
2 when the binary or a fixture is missing.
"""
import argparse
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "Tests" / "NomenNormalizationTests" / "Fixtures"


def read_as(data: bytes, codec: str) -> str:
    """`data` read in a single-byte code page, as ICU and browsers do: the
    five bytes Windows-1252 leaves undefined (81 8D 8F 90 9D) become C1
    controls U+0081 ... U+009D."""
    if codec == "latin-1":
        return data.decode("latin-1")
    return "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in data
    )


def mojibake(text: str, times: int, codec: str) -> str:
    for _ in range(times):
        text = read_as(text.encode("utf-8"), codec)
    return text


def run_nomen(nomen: str, args, text: str):
    result = subprocess.run([nomen, *args], input=text.encode("utf-8"), capture_output=True)
    return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")


def count_exact(nomen: str, args, pairs, verbose: bool, label: str) -> int:
    """How many (input, expected) pairs nomen turns into exactly the expected text."""
    good = 0
    for given, expected in pairs:
        status, out, err = run_nomen(nomen, args, given)
        if status == 0 and out == expected:
            good += 1
        elif verbose:
            print(f"  {label}: {given[:80]!r} -> {out[:80]!r} {err.strip()[:200]}")
    return good


def measure_mojibake(nomen: str, verbose: bool) -> None:
    args = ["normalize", "--decode", "mojibake"]
    lines = (FIXTURES / "mojibake" / "correct.txt").read_text(encoding="utf-8").splitlines()
    unchanged = count_exact(nomen, args, [(line, line) for line in lines], verbose, "changed")
    print(f"mojibake: correct texts unchanged: {unchanged}/{len(lines)}")
    total = repaired = 0
    for label, times, codec in [("Windows-1252 once", 1, "cp1252"), ("Windows-1252 twice", 2, "cp1252"),
                                ("Latin-1 once", 1, "latin-1")]:
        pairs = [(mojibake(line, times, codec), line) for line in lines]
        good = count_exact(nomen, args, pairs, verbose, f"not repaired ({label})")
        print(f"mojibake: broken texts repaired, {label}: {good}/{len(lines)}")
        total += len(lines)
        repaired += good
    print(f"mojibake: broken texts repaired, all: {repaired}/{total}")
    # The article-length fixtures of the legacy decoders (Fixtures/legacy/manifest.tsv).
    legacy = FIXTURES / "legacy"
    rows = [line.split("\t") for line in (legacy / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    pairs = [((legacy / row[0]).read_text(encoding="utf-8"), (legacy / row[2]).read_text(encoding="utf-8"))
             for row in rows if len(row) >= 3 and row[1].startswith("mojibake") and row[2]]
    good = count_exact(nomen, args, pairs, verbose, "not repaired")
    print(f"mojibake: article fixtures repaired (Fixtures/legacy): {good}/{len(pairs)}")


def measure_pinyin(nomen: str, verbose: bool) -> None:
    rows = [line.split("\t") for line in
            (FIXTURES / "chinese-names-tones.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    for kind in ("person", "place"):
        names = [row for row in rows if row[1] == kind]
        counts = []
        for marks, column in ((["--tone-marks"], 2), ([], 3)):
            # --translit reads one name per line: one run per kind and form.
            _, out, err = run_nomen(nomen, ["normalize", "--translit", "pinyin", "--kind", kind, *marks],
                                    "\n".join(row[0] for row in names) + "\n")
            got = out.split("\n")
            hits = 0
            for row, result in zip(names, got):
                if result == row[column]:
                    hits += 1
                elif verbose:
                    print(f"  {row[0]}: {result} (want {row[column]})")
            counts.append(hits)
        print(f"pinyin: {kind}s ({len(names)}): exact with tone marks {counts[0]}/{len(names)}, "
              f"without {counts[1]}/{len(names)}")


# OpenCC configuration → nomen's --translit value.
OPENCC_CONFIGS = {"s2t": "traditional", "s2tw": "traditional-tw", "s2hk": "traditional-hk", "t2s": "simplified"}


def measure_opencc(nomen: str, verbose: bool) -> None:
    rows = [line.split("\t") for line in
            (FIXTURES / "opencc" / "testcases.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    total = passed = 0
    for config, translit in OPENCC_CONFIGS.items():
        cases = [row for row in rows if row[1] == config]
        _, out, err = run_nomen(nomen, ["normalize", "--translit", translit],
                                "\n".join(row[2] for row in cases) + "\n")
        hits = 0
        for row, result in zip(cases, out.split("\n")):
            if result == row[3]:
                hits += 1
            elif verbose:
                print(f"  {config} {row[0]}: {row[2]} -> {result} (want {row[3]})")
        print(f"opencc: {config} (--translit {translit}): {hits}/{len(cases)} of OpenCC's test cases")
        total += len(cases)
        passed += hits
    print(f"opencc: all four: {passed}/{total}")


MEASURES = {"mojibake": measure_mojibake, "pinyin": measure_pinyin, "opencc": measure_opencc}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("measure", choices=[*MEASURES, "all"])
    parser.add_argument("--nomen", default=str(ROOT / ".build" / "debug" / "nomen"), help="the nomen binary")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    if not pathlib.Path(args.nomen).exists():
        print(f"measure.py: no binary at {args.nomen} (run swift build, or give --nomen)", file=sys.stderr)
        sys.exit(2)
    for name, measure in MEASURES.items():
        if args.measure in (name, "all"):
            measure(args.nomen, args.verbose)


if __name__ == "__main__":
    main()
