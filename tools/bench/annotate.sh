#!/usr/bin/env bash
# Annotate benchmark: nomen's matcher against a Python reference
# (tools/bench/annotate_reference.py: str.translate + ahocorasick-rs,
# leftmost-longest, word boundaries, offsets mapped back) on synthetic
# glossaries of 100k and 1M entities and a ~50 MB mixed vi/en/zh corpus that
# mentions their names (with and without diacritics, in varied case, some
# documents NFD). nomen runs with case rules relaxed so both do the same
# job; the script checks that the mention counts agree within 1%.
#
# Per size it prints: nomen's compile time (reading the compact .tsv form of
# the glossary, compiling, writing the cache) and its peak memory; the warm
# start (a new process loading the cache), annotate throughput on one core
# and that run's peak memory; the reference's figures; and the ratio of the
# two end to end (nomen: cache load + fold + match + mentions; reference:
# read + fold + build + match + map back, as it has no cache).
#
#     bash tools/bench/annotate.sh [MEGABYTES] [ENTITIES...]
#
# NOMEN_SCRATCH names the build directory (default .build).
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes="${1:-50}"; shift || true
sizes=("${@:-100000 1000000}")
out=tools/bench/out
scratch="${NOMEN_SCRATCH:-.build}"
mkdir -p "$out"
venv="$out/venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "ahocorasick-rs==1.0.3" "numpy==2.4.6"
fi
swift build -c release --scratch-path "$scratch" --product nomen-bench >/dev/null
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

for entities in ${sizes[@]}; do
    echo "== $entities entities"
    glossary="$out/glossary-$entities"
    if [ ! -s "$glossary.tsv" ] || [ ! -s "$glossary.jsonl" ]; then
        python3 tools/bench/make_glossary.py --entities "$entities" --out "$glossary.jsonl" --tsv "$glossary.tsv" \
            --names "$out/names-$entities.txt"
    fi
    corpus="$out/annotate-corpus-$entities.txt"
    if [ ! -s "$corpus" ]; then
        python3 tools/bench/make_corpus.py --megabytes "$megabytes" --out "$corpus" --names "$out/names-$entities.txt" >/dev/null
    fi
    cache="$out/matcher-$entities.bin"
    rm -f "$cache"
    compile=$( /usr/bin/time -f "nomen compile peak memory: %M KB" "$bin/nomen-bench" compile "$glossary.tsv" "$cache" relaxed 2>&1 )
    echo "$compile"
    nomen=$( /usr/bin/time -f "nomen annotate peak memory: %M KB" "$bin/nomen-bench" annotate-cached "$cache" "$corpus" 2>&1 )
    echo "$nomen"
    reference=$( /usr/bin/time -f "reference peak memory: %M KB" "$venv/bin/python" tools/bench/annotate_reference.py \
        "$glossary.jsonl" "$corpus" 2>&1 )
    echo "$reference"
    python3 - "$nomen" "$reference" <<'PY'
import re, sys
nomen, reference = sys.argv[1], sys.argv[2]
n_match = float(re.search(r"= ([0-9.]+) MB/s", nomen).group(1))
n_rate = float(re.search(r"load \+ annotate\) ([0-9.]+) MB/s", nomen).group(1))
r_match = float(re.search(r"= ([0-9.]+) MB/s", reference).group(1))
r_rate = float(re.search(r"end to end ([0-9.]+) MB/s", reference).group(1))
n_count = int(re.search(r"mentions (\d+)", nomen).group(1))
r_count = int(re.search(r"mentions (\d+)", reference).group(1))
diff = abs(n_count - r_count) / max(1, r_count)
print(f"mentions: nomen {n_count}, reference {r_count}, differ by {100 * diff:.2f}%")
print(f"ratio end to end: nomen {n_rate:.1f} MB/s vs reference {r_rate:.1f} MB/s = {n_rate / r_rate:.1f}x (one core)")
print(f"ratio matching only: nomen {n_match:.1f} MB/s vs reference {r_match:.1f} MB/s = {n_match / r_match:.1f}x")
if diff > 0.01:
    print("COUNTS DISAGREE BY MORE THAN 1%"); sys.exit(1)
PY
done
