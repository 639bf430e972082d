"""Glossaries for the accuracy measurements: the seed as shipped, and the seed
reduced to one preferred name per language per entity, then expanded by
`nomen glossary expand --apply`.

The reduction keeps, for each entity and each language tag, only the name
marked preferred (an entity that has names in a language but none preferred
keeps the first). Every other name -- admitted spellings, abbreviations,
aliases, earlier generated forms -- is dropped, so what `expand` adds back is
all that the expanded glossary knows beyond one name per language.
"""

import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SEED = os.path.join(REPO, "Data", "seed", "glossary.jsonl")


def find_nomen(explicit=None):
    """The nomen binary: --nomen, else $NOMEN, else the release or debug build."""
    for candidate in (explicit, os.environ.get("NOMEN"),
                      os.path.join(REPO, ".build-rel", "release", "nomen"),
                      os.path.join(REPO, ".build", "release", "nomen"),
                      os.path.join(REPO, ".build", "debug", "nomen")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    sys.exit("no nomen binary: build it (swift build) or give --nomen PATH")


def read_entities(path=SEED):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def reduce_to_one_name_per_language(entities):
    """Each entity with only its preferred name in each language tag."""
    reduced = []
    for entity in entities:
        kept = {}
        for name in entity["names"]:
            lang = name["lang"]
            if name.get("status") == "preferred" or lang not in kept:
                if lang in kept and kept[lang].get("status") == "preferred":
                    continue
                kept[lang] = name
        names = []
        for name in entity["names"]:
            if kept.get(name["lang"]) is name:
                one = dict(name)
                one["status"] = "preferred"
                names.append(one)
        copy = dict(entity)
        copy["names"] = names
        reduced.append(copy)
    return reduced


def run(nomen, arguments, **kwargs):
    result = subprocess.run([nomen] + arguments, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"nomen {' '.join(arguments)} failed with status {result.returncode}:\n{result.stderr}")
    return result.stdout


def expanded_glossary(nomen, directory):
    """Writes the reduced seed to DIRECTORY, imports it into a fresh SQLite
    glossary there, runs `expand --apply` on it and exports the result.
    Returns (path of the expanded JSONL, entities before expansion, after)."""
    reduced = reduce_to_one_name_per_language(read_entities())
    reduced_path = os.path.join(directory, "reduced.jsonl")
    with open(reduced_path, "w", encoding="utf-8") as handle:
        for entity in reduced:
            handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    database = os.path.join(directory, "expanded.sqlite")
    run(nomen, ["glossary", "import", reduced_path, "--glossary", database])
    run(nomen, ["glossary", "expand", "--apply", "--glossary", database])
    expanded_path = os.path.join(directory, "expanded.jsonl")
    run(nomen, ["glossary", "export", "--format", "jsonl", "-o", expanded_path, "--glossary", database])
    return expanded_path, reduced, read_entities(expanded_path)


def scratch_directory():
    return tempfile.TemporaryDirectory(prefix="nomen-accuracy-")


COMPACT_DROPPED = set(" -'\u00b7\u30fb")


def folded_keys(nomen, texts):
    """The folded key of each text (`nomen normalize --fold`, one text a line)."""
    result = subprocess.run([nomen, "normalize", "--fold"], input="".join(t + "\n" for t in texts),
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"nomen normalize --fold failed: {result.stderr}")
    lines = result.stdout.split("\n")[:len(texts)]
    return [line.strip() for line in lines]


def compact(folded):
    """The compact key of a folded key (MatchKey.compacting)."""
    return "".join(c for c in folded if c not in COMPACT_DROPPED)
