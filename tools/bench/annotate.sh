#!/usr/bin/env bash
# Annotate benchmark: nomen's matcher against a Python reference
# (tools/bench/annotate_reference.py: str.translate + ahocorasick-rs,
# leftmost-longest, word boundaries, offsets mapped back) on synthetic
# glossaries of 100k and 1M entities and a ~50 MB mixed vi/en/zh corpus that
# mentions their names (with and without diacritics, in varied case, some
# documents NFD). nomen runs with case rules relaxed so both do the same
# job; the script checks that the mention counts agree within 1%.
#
#     bash tools/bench/annotate.sh [MEGABYTES] [ENTITIES...]
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes="${1:-50}"; shift || true
sizes=("${@:-100000 1000000}")
out=tools/bench/out
mkdir -p "$out"
venv="$out/venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "ahocorasick-rs==1.0.3" "numpy==2.4.6"
fi
swift build -c release --product nomen-bench >/dev/null
bin=$(swift build -c release --show-bin-path)

for entities in ${sizes[@]}; do
    echo "== $entities entities"
    python3 tools/bench/make_glossary.py --entities "$entities" --out "$out/glossary-$entities.jsonl" --names "$out/names-$entities.txt"
    python3 tools/bench/make_corpus.py --megabytes "$megabytes" --out "$out/annotate-corpus-$entities.txt" \
        --names "$out/names-$entities.txt" >/dev/null
    nomen=$( /usr/bin/time -f "nomen peak memory: %M KB" "$bin/nomen-bench" annotate "$out/glossary-$entities.jsonl" \
        "$out/annotate-corpus-$entities.txt" "$out/matcher-$entities.bin" relaxed 2>&1 )
    echo "$nomen"
    reference=$( /usr/bin/time -f "reference peak memory: %M KB" "$venv/bin/python" tools/bench/annotate_reference.py \
        "$out/glossary-$entities.jsonl" "$out/annotate-corpus-$entities.txt" 2>&1 )
    echo "$reference"
    python3 - "$nomen" "$reference" <<'PY'
import re, sys
nomen, reference = sys.argv[1], sys.argv[2]
n_rate = float(re.search(r"= ([0-9.]+) MB/s", nomen).group(1))
r_rate = float(re.search(r"end to end ([0-9.]+) MB/s", reference).group(1))
n_count = int(re.search(r"mentions (\d+)", nomen).group(1))
r_count = int(re.search(r"mentions (\d+)", reference).group(1))
diff = abs(n_count - r_count) / max(1, r_count)
print(f"mentions: nomen {n_count}, reference {r_count}, differ by {100 * diff:.2f}%")
print(f"ratio: nomen annotates at {n_rate / r_rate:.1f}x the reference's end-to-end throughput (one core)")
if diff > 0.01:
    print("COUNTS DISAGREE BY MORE THAN 1%"); sys.exit(1)
PY
done
