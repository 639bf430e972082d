#!/usr/bin/env bash
# Check benchmark: `nomen check` against `nomen annotate` on the same ~50 MB
# mixed Vietnamese/English/Chinese corpus and the same glossary (the bundled
# seed), one process each, in the same script. The targets: check takes at
# most 1.5x the wall-clock time annotate takes, and at most 2x its CPU time.
# Each runs ROUNDS times (default 3), taking turns; prints every run's times
# (wall clock, and CPU time, since check runs its annotator on a second
# thread) and the ratios of the best time of each: on this shared machine
# one run swung by a fifth.
#
# Then the same corpus cut into 2,000 article files in a folder, checked and
# annotated with every core (each takes a file per core), as a newsroom's
# archive is: the same two ratios, printed for information.
#
#     bash tools/bench/check.sh [MEGABYTES]
#
# NOMEN_SCRATCH names the build directory (default .build).
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes="${1:-50}"
out=tools/bench/out
mkdir -p "$out"

scratch="${NOMEN_SCRATCH:-.build}"
swift build -c release --scratch-path "$scratch" --product nomen >/dev/null
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
glossary="$out/check-seed.sqlite"
rm -f "$glossary" "$glossary-wal" "$glossary-shm"
"$bin/nomen" glossary init --seed --glossary "$glossary" >/dev/null

# Names from the seed, so the corpus mentions glossary entities.
python3 - > "$out/check-names.txt" <<'PY'
import json
for line in open("Data/seed/glossary.jsonl", encoding="utf-8"):
    for name in json.loads(line)["names"]:
        print(name["text"])
PY
python3 tools/bench/make_corpus.py --megabytes "$megabytes" --names "$out/check-names.txt" --out "$out/check-corpus.txt" >/dev/null

seconds() { python3 -c 'import sys,time; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.2f}")' "$@"; }

# Warm the matcher cache so neither run pays for compiling.
"$bin/nomen" annotate --glossary "$glossary" --format jsonl Data/samples/en-xinhua-style.txt >/dev/null

rounds="${ROUNDS:-3}"
# The last line: /usr/bin/time first notes a non-zero exit status (check exits 1 on error findings).
cpu() { tail -n 1 "$1" | awk '{ printf "%.2f", $1 + $2 }'; }
annotate_times=(); check_times=(); annotate_cpu=(); check_cpu=()
for round in $(seq "$rounds"); do
    start=$(date +%s.%N)
    /usr/bin/time -o "$out/check-annotate.time" -f "%U %S" \
        "$bin/nomen" annotate --glossary "$glossary" --format jsonl "$out/check-corpus.txt" > "$out/check-annotate.jsonl"
    middle=$(date +%s.%N)
    /usr/bin/time -o "$out/check-check.time" -f "%U %S" \
        "$bin/nomen" check --glossary "$glossary" --format json "$out/check-corpus.txt" > "$out/check-findings.json" || true
    end=$(date +%s.%N)
    annotate=$(seconds "$start" "$middle")
    check=$(seconds "$middle" "$end")
    annotate_times+=("$annotate"); check_times+=("$check")
    annotate_cpu+=("$(cpu "$out/check-annotate.time")"); check_cpu+=("$(cpu "$out/check-check.time")")
    echo "[run $round] nomen annotate: ${annotate} s wall, $(cpu "$out/check-annotate.time") s CPU (one thread: one file)"
    echo "[run $round] nomen check:    ${check} s wall, $(cpu "$out/check-check.time") s CPU (the annotator runs beside the rules that need no mentions)"
done
findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$out/check-findings.json")
echo "corpus: $(wc -c < "$out/check-corpus.txt") bytes; findings: $findings"
python3 - "${annotate_times[*]}" "${check_times[*]}" "${annotate_cpu[*]}" "${check_cpu[*]}" <<'PY'
import sys
annotate, check, annotate_cpu, check_cpu = ([float(x) for x in arg.split()] for arg in sys.argv[1:5])
print(f"ratio: check takes {min(check) / min(annotate):.2f}x the time of annotate, best of {len(check)} each "
      f"({min(check):.2f} s against {min(annotate):.2f} s; target: at most 1.5x)")
print(f"CPU time: check takes {min(check_cpu) / min(annotate_cpu):.2f}x the CPU time of annotate, best of {len(check)} each "
      f"({min(check_cpu):.2f} s against {min(annotate_cpu):.2f} s; target: at most 2x)")
PY

# The folder: the corpus's lines dealt into 2,000 files, outside the
# repository (its .gitignore leaves tools/bench/out out of every walk).
articles="${ARTICLES_DIR:-${TMPDIR:-/tmp}}/nomen-check-articles"
rm -rf "$articles"
python3 - "$out/check-corpus.txt" "$articles" <<'PY'
import os, sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
os.makedirs(sys.argv[2])
files, per = 2000, max(1, len(lines) // 2000)
for index in range(files):
    chunk = lines[index * per:(index + 1) * per]
    if chunk:
        open(os.path.join(sys.argv[2], f"a{index:04d}.txt"), "wb").write(b"\n".join(chunk) + b"\n")
PY
folder_annotate=(); folder_check=(); folder_annotate_cpu=(); folder_check_cpu=()
for round in $(seq "$rounds"); do
    start=$(date +%s.%N)
    /usr/bin/time -o "$out/check-annotate.time" -f "%U %S" \
        "$bin/nomen" annotate --glossary "$glossary" --format jsonl "$articles" > "$out/check-folder-annotate.jsonl"
    middle=$(date +%s.%N)
    /usr/bin/time -o "$out/check-check.time" -f "%U %S" \
        "$bin/nomen" check --glossary "$glossary" --format json "$articles" > "$out/check-folder-findings.json" || true
    end=$(date +%s.%N)
    folder_annotate+=("$(seconds "$start" "$middle")"); folder_check+=("$(seconds "$middle" "$end")")
    folder_annotate_cpu+=("$(cpu "$out/check-annotate.time")"); folder_check_cpu+=("$(cpu "$out/check-check.time")")
    echo "[run $round] folder of $(ls "$articles" | wc -l) articles: annotate ${folder_annotate[-1]} s wall, ${folder_annotate_cpu[-1]} s CPU; check ${folder_check[-1]} s wall, ${folder_check_cpu[-1]} s CPU ($(nproc) cores)"
done
python3 - "${folder_annotate[*]}" "${folder_check[*]}" "${folder_annotate_cpu[*]}" "${folder_check_cpu[*]}" <<'PY'
import sys
annotate, check, annotate_cpu, check_cpu = ([float(x) for x in arg.split()] for arg in sys.argv[1:5])
print(f"folder: check takes {min(check) / min(annotate):.2f}x the time of annotate "
      f"({min(check):.2f} s against {min(annotate):.2f} s), {min(check_cpu) / min(annotate_cpu):.2f}x its CPU time")
PY
