#!/usr/bin/env python3
"""Recall of `nomen check` per rule, on texts with seeded problems.

Each rule fixture is a text (`NAME.txt`) and the problems seeded in it
(`NAME.expected`: one `rule<TAB>line<TAB>text` a line, `#` comments). A
seeded problem is caught when `nomen check --format json` reports a finding
of that rule on that line with that text. Clean texts (`clean/*.txt`) must
give no finding at all.

    python3 tools/accuracy/check_recall.py                  # .build/debug/nomen
    NOMEN=.build-rel/release/nomen python3 tools/accuracy/check_recall.py
    python3 tools/accuracy/check_recall.py --verbose        # list misses and extra findings

The checks run against a fresh glossary loaded with the bundled seed, in a
temporary directory. Exit status: 0, or 1 when a clean text has findings or
a recall falls under --min-recall, 2 on a bad fixture or a failed run.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "NomenCheckTests" / "Fixtures" / "recall"


def fail(message: str) -> None:
    print(f"check_recall: {message}", file=sys.stderr)
    sys.exit(2)


def read_expected(path: Path) -> list[tuple[str, int, str]]:
    seeded = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[1].isdigit():
            fail(f"{path}:{number}: expected rule<TAB>line<TAB>text, got {line!r}")
        seeded.append((fields[0], int(fields[1]), fields[2]))
    return seeded


def run_check(nomen: str, glossary: str, path: Path) -> list[dict]:
    result = subprocess.run([nomen, "check", "--format", "json", "--glossary", glossary, str(path)],
                            capture_output=True, text=True)
    if result.returncode not in (0, 1):
        fail(f"nomen check {path} exited {result.returncode}: {result.stderr.strip()}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        fail(f"nomen check {path} did not print JSON ({error})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--verbose", action="store_true", help="list every missed problem and unexpected finding")
    parser.add_argument("--min-recall", type=float, default=0.0, help="exit 1 when a rule's recall is below this")
    args = parser.parse_args()
    nomen = os.environ.get("NOMEN", str(ROOT / ".build" / "debug" / "nomen"))
    if not Path(nomen).exists():
        fail(f"no nomen binary at {nomen} (swift build, or set NOMEN)")
    rules_dir, clean_dir = args.fixtures / "rules", args.fixtures / "clean"
    texts = sorted(rules_dir.glob("*.txt"))
    if not texts:
        fail(f"no fixtures in {rules_dir}")

    with tempfile.TemporaryDirectory(prefix="nomen-recall-") as scratch:
        glossary = str(Path(scratch) / "glossary.sqlite")
        init = subprocess.run([nomen, "glossary", "init", "--seed", "--glossary", glossary], capture_output=True, text=True)
        if init.returncode != 0:
            fail(f"nomen glossary init --seed failed: {init.stderr.strip()}")

        seeded_count, caught_count = defaultdict(int), defaultdict(int)
        misses, extras = [], []
        for text in texts:
            expected = text.with_suffix(".expected")
            if not expected.exists():
                fail(f"{text} has no {expected.name}")
            seeded = read_expected(expected)
            findings = run_check(nomen, glossary, text)
            found = {(f["rule"], f["line"], f["text"]) for f in findings}
            for problem in seeded:
                seeded_count[problem[0]] += 1
                if problem in found:
                    caught_count[problem[0]] += 1
                else:
                    misses.append((text.name, *problem))
            for finding in sorted(found - set(seeded), key=lambda f: (f[1], f[0])):
                extras.append((text.name, *finding))

        clean_findings = []
        for text in sorted(clean_dir.glob("*.txt")):
            for finding in run_check(nomen, glossary, text):
                clean_findings.append((text.name, finding["rule"], finding["line"], finding["text"]))

    print(f"{'rule':<20} {'caught':>6} {'seeded':>6} {'recall':>7}")
    below = False
    for rule in sorted(seeded_count):
        recall = caught_count[rule] / seeded_count[rule]
        below |= recall < args.min_recall
        print(f"{rule:<20} {caught_count[rule]:>6} {seeded_count[rule]:>6} {recall:>7.1%}")
    total_seeded, total_caught = sum(seeded_count.values()), sum(caught_count.values())
    print(f"{'all rules':<20} {total_caught:>6} {total_seeded:>6} {total_caught / total_seeded:>7.1%}")
    print(f"findings on {len(list(clean_dir.glob('*.txt')))} clean texts: {len(clean_findings)}")
    print(f"findings on rule fixtures that were not seeded: {len(extras)}")
    if args.verbose:
        for name, rule, line, text in misses:
            print(f"missed  {name}:{line}: {rule} {text}")
        for name, rule, line, text in extras:
            print(f"extra   {name}:{line}: {rule} {text}")
        for name, rule, line, text in clean_findings:
            print(f"clean   {name}:{line}: {rule} {text}")
    return 1 if clean_findings or below else 0


if __name__ == "__main__":
    sys.exit(main())
