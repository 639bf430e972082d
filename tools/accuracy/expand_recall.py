#!/usr/bin/env python3
"""Recall and precision of `nomen glossary expand` on name variants the press prints.

Method: the seed glossary is reduced to one preferred name per language per
entity (glossaries.reduce_to_one_name_per_language), imported into a fresh
SQLite glossary, and `nomen glossary expand --apply` is run on it. A variant of
the list (Tests/NomenCLITests/Fixtures/accuracy/press-variants.tsv) is
recalled when the expanded entity has a name with the same folded or compact
key -- the keys `nomen annotate` matches on. Precision: a generated name is
wrong when its folded or compact key is a name of another entity in the full
seed (a mention of it would be linked to the wrong entity or made ambiguous).

Usage: python3 tools/accuracy/expand_recall.py [--nomen PATH] [--verbose]
           [--min-recall R --min-precision P]   (exit 1 below either)
"""

import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import glossaries  # noqa: E402

VARIANTS = os.path.join(glossaries.REPO, "Tests", "NomenCLITests", "Fixtures", "accuracy", "press-variants.tsv")


def read_variants(path=VARIANTS):
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.startswith("#") or not line.strip() or line.startswith("entity\t"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 4 or not all(fields):
                sys.exit(f"{path}:{number}: expected 4 tab-separated fields: entity, variant, lang, source")
            rows.append(fields)
    return rows


def keys_by_entity(nomen, entities):
    texts = [(entity["id"], name["text"]) for entity in entities for name in entity["names"]]
    folded = glossaries.folded_keys(nomen, [text for _, text in texts])
    keys = collections.defaultdict(set)
    for (entity_id, _), key in zip(texts, folded):
        keys[entity_id].update({"f:" + key, "c:" + glossaries.compact(key)})
    return keys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nomen")
    parser.add_argument("--verbose", action="store_true", help="list the variants missed and the wrong names")
    parser.add_argument("--min-recall", type=float)
    parser.add_argument("--min-precision", type=float)
    args = parser.parse_args()
    nomen = glossaries.find_nomen(args.nomen)
    variants = read_variants()
    seed = glossaries.read_entities()
    seed_ids = {entity["id"] for entity in seed}
    for entity_id, variant, _, _ in variants:
        if entity_id not in seed_ids:
            sys.exit(f"{VARIANTS}: {entity_id} (for {variant}) is not in the seed")
    with glossaries.scratch_directory() as directory:
        _, reduced, expanded = glossaries.expanded_glossary(nomen, directory)
    reduced_keys = keys_by_entity(nomen, reduced)
    expanded_keys = keys_by_entity(nomen, expanded)

    variant_folded = glossaries.folded_keys(nomen, [variant for _, variant, _, _ in variants])
    found, found_new, new, missed = 0, 0, 0, []
    for (entity_id, variant, lang, source), key in zip(variants, variant_folded):
        wanted = {"f:" + key, "c:" + glossaries.compact(key)}
        in_reduced = bool(wanted & reduced_keys[entity_id])
        hit = bool(wanted & expanded_keys[entity_id])
        found += hit
        if not in_reduced:
            new += 1
            found_new += hit
        if not hit:
            missed.append(f"{entity_id}\t{variant}@{lang}\t({source})")

    # Precision of what expand added: its generated names against the full seed.
    seed_owners = collections.defaultdict(set)
    for entity_id, keys in keys_by_entity(nomen, seed).items():
        for key in keys:
            seed_owners[key].add(entity_id)
    generated = [(entity["id"], name["text"]) for entity in expanded for name in entity["names"]
                 if name.get("kind") == "generated"]
    generated_folded = glossaries.folded_keys(nomen, [text for _, text in generated])
    wrong = []
    for (entity_id, text), key in zip(generated, generated_folded):
        owners = seed_owners["f:" + key] | seed_owners["c:" + glossaries.compact(key)]
        if owners - {entity_id}:
            wrong.append(f"{entity_id}\t{text}\talso {', '.join(sorted(owners - {entity_id}))}")

    recall = found / len(variants)
    recall_new = found_new / new if new else 1.0
    precision = 1 - len(wrong) / len(generated) if generated else 1.0
    print(f"variants: {len(variants)}; in the reduced glossary already: {len(variants) - new}")
    print(f"recall after expand: {found}/{len(variants)} = {recall:.3f}")
    print(f"recall of variants not in the reduced glossary: {found_new}/{new} = {recall_new:.3f}")
    print(f"generated names: {len(generated)}; with another seed entity's key: {len(wrong)}; precision {precision:.3f}")
    if args.verbose:
        print("\nmissed:")
        print("\n".join(missed))
        print("\ngenerated names that are another entity's:")
        print("\n".join(wrong))
    failed = False
    if args.min_recall is not None and recall < args.min_recall:
        print(f"FAIL: recall {recall:.3f} is under {args.min_recall}", file=sys.stderr)
        failed = True
    if args.min_precision is not None and precision < args.min_precision:
        print(f"FAIL: precision {precision:.3f} is under {args.min_precision}", file=sys.stderr)
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
