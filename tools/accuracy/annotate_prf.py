#!/usr/bin/env python3
"""Precision, recall and F1 of `nomen annotate` per language, on the gold
paragraphs of Tests/NomenCLITests/Fixtures/accuracy/annotate-gold-{vi,en,zh}.jsonl.

Each gold line: {"id", "lang", "text", "mentions": [{"start", "end", "entity",
"text"}]}, offsets in Unicode scalars as `nomen annotate --format json` writes
them. Only names of people, places and organizations are scored: titles and
other terms the glossary also knows ("Tổng Bí thư", "cửa khẩu") are left out
of both sides. A found mention is right when it has the gold entity and its
span overlaps the gold span ("Quang Ninh province" for a gold "Quang Ninh"
counts; each gold mention is matched once); an ambiguous mention (no entity)
is wrong. The strict figure also asks for the same span.

Two glossaries: the seed as shipped ("full"), and the seed reduced to one
preferred name per language per entity and expanded by `nomen glossary
expand --apply` ("expanded"; see glossaries.py).

Usage: python3 tools/accuracy/annotate_prf.py [--nomen PATH] [--verbose]
           [--min-f1 full=F,expanded=F]   (exit 1 when a language's F1 is under it)
"""

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import glossaries  # noqa: E402

FIXTURES = os.path.join(glossaries.REPO, "Tests", "NomenCLITests", "Fixtures", "accuracy")
LANGUAGES = ["vi", "en", "zh"]
SCORED_TYPES = {"person", "place", "organization"}


def read_gold(lang):
    path = os.path.join(FIXTURES, f"annotate-gold-{lang}.jsonl")
    gold = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            record = json.loads(line)
            for mention in record["mentions"]:
                if record["text"][mention["start"]:mention["end"]] != mention["text"]:
                    sys.exit(f"{path}:{number}: mention {mention['text']!r} is not at {mention['start']}..{mention['end']}")
            gold.append(record)
    return gold


def annotate(nomen, glossary, lang, gold, directory):
    """Runs annotate on the gold texts as JSONL; returns mentions by id."""
    source = os.path.join(directory, f"input-{lang}.jsonl")
    with open(source, "w", encoding="utf-8") as handle:
        for record in gold:
            handle.write(json.dumps({"id": record["id"], "text": record["text"]}, ensure_ascii=False) + "\n")
    result = subprocess.run([nomen, "annotate", source, "--input-format", "jsonl", "--id-field", "id",
                             "--format", "jsonl", "--lang", lang, "--glossary", glossary, "--no-cache"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"nomen annotate failed with status {result.returncode}:\n{result.stderr}")
    found = {}
    for line in result.stdout.splitlines():
        record = json.loads(line)
        found[record["id"]] = record["mentions"]
    return found


def score(gold, found, types, verbose, label):
    true_positive = strict = false_positive = false_negative = 0
    for record in gold:
        wanted = [m for m in record["mentions"] if types.get(m["entity"]) in SCORED_TYPES]
        mentions = []
        for mention in found.get(record["id"], []):
            if mention["entity"] is not None:
                if types.get(mention["entity"]) in SCORED_TYPES:
                    mentions.append(mention)
            elif any(types.get(c) in SCORED_TYPES for c in mention["candidates"]):
                mentions.append(mention)
        unmatched = list(wanted)
        for mention in mentions:
            match = next((g for g in unmatched if g["entity"] == mention["entity"]
                          and g["start"] < mention["end"] and mention["start"] < g["end"]), None)
            if match is None:
                false_positive += 1
                if verbose:
                    print(f"  {label} {record['id']} wrong: {mention['text']!r} -> {mention['entity'] or mention['candidates']}")
                continue
            unmatched.remove(match)
            true_positive += 1
            strict += (match["start"], match["end"]) == (mention["start"], mention["end"])
        false_negative += len(unmatched)
        if verbose:
            for missing in unmatched:
                print(f"  {label} {record['id']} missed: {missing['text']!r} ({missing['entity']})")
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 1.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    strict_total = sum(len([m for m in r["mentions"] if types.get(m["entity"]) in SCORED_TYPES]) for r in gold)
    return precision, recall, f1, strict / strict_total if strict_total else 1.0, true_positive + false_negative


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nomen")
    parser.add_argument("--verbose", action="store_true", help="list every wrong and missed mention")
    parser.add_argument("--min-f1", help="thresholds, e.g. full=0.95,expanded=0.9")
    args = parser.parse_args()
    nomen = glossaries.find_nomen(args.nomen)
    minimum = {}
    if args.min_f1:
        for part in args.min_f1.split(","):
            name, _, value = part.partition("=")
            minimum[name] = float(value)
    seed = glossaries.read_entities()
    types = {entity["id"]: entity["type"] for entity in seed}
    golds = {lang: read_gold(lang) for lang in LANGUAGES}
    failed = False
    with glossaries.scratch_directory() as directory:
        expanded, _, _ = glossaries.expanded_glossary(nomen, directory)
        print("glossary  lang  mentions  precision  recall  F1     same span")
        for label, glossary in [("full", glossaries.SEED), ("expanded", expanded)]:
            for lang in LANGUAGES:
                found = annotate(nomen, glossary, lang, golds[lang], directory)
                precision, recall, f1, same_span, total = score(golds[lang], found, types, args.verbose, f"{label}/{lang}")
                print(f"{label:9} {lang:5} {total:8}  {precision:9.3f}  {recall:6.3f}  {f1:.3f}  {same_span:.3f}")
                if label in minimum and f1 < minimum[label]:
                    print(f"FAIL: {label}/{lang} F1 {f1:.3f} is under {minimum[label]}", file=sys.stderr)
                    failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
