#!/usr/bin/env bash
# Many-files benchmark: `nomen annotate DIR --jobs N` over a folder of small
# articles (default 50,000 of 1–3 KB, cut from the synthetic corpus of
# make_corpus.py by make_articles.py) against the same articles one after
# another in one big file, annotated on one core (`--jobs 1`). The target:
# the folder's throughput per core is within 20% of the big file's, so
# the ratio (folder per core / big file) is at least 0.80.
#
# "Per core" is bytes per second of CPU time (user + system): on this
# shared machine the other builds take cores away, and CPU time does not
# count the time a run waits for one. The wall-clock figures (the folder's
# divided by the jobs) are printed too. Each side runs ROUNDS times
# (default 3), taking turns; the best run of each is compared.
#
# The answer is checked first: every article of the folder must get the
# same mentions, offsets included, as the same article given as one line of
# a JSON Lines file (a document of its own, as a file of the folder is; in
# the big file an article is a part of one document, whose names seen
# earlier change what a short name is linked to, so that run is the
# reference for speed, not for the answer).
#
#     bash tools/bench/many_files.sh [ARTICLES]      (JOBS=N, default: the cores)
#
# ARTICLES_DIR names where the folder of articles goes (default: $TMPDIR or /tmp).
#
# NOMEN=path/to/nomen uses that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/../.."
articles="${1:-50000}"
rounds="${ROUNDS:-3}"
jobs="${JOBS:-$(nproc)}"
out=tools/bench/out/many-files
mkdir -p "$out"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time: apt-get install time" >&2; exit 2; }

if [ -z "${NOMEN:-}" ]; then
    swift build -c release --scratch-path .build-rel --product nomen >/dev/null
fi
nomen=${NOMEN:-.build-rel/release/nomen}

glossary="$out/seed.sqlite"
if [ ! -s "$glossary" ]; then
    "$nomen" glossary init --seed --glossary "$glossary" >/dev/null
fi
# The folder lies outside the repository: annotate honours .gitignore files
# up to the repository's root, and this one ignores tools/bench/out.
folder="${ARTICLES_DIR:-${TMPDIR:-/tmp}/nomen-bench-articles}/articles-$articles"
one_file="$out/articles-$articles.txt"
if [ ! -s "$one_file" ] || [ ! -d "$folder" ]; then
    python3 - > "$out/names.txt" <<'PY'
import json
for line in open("Data/seed/glossary.jsonl", encoding="utf-8"):
    for name in json.loads(line)["names"]:
        print(name["text"])
PY
    # About 2.35 KB an article: 2.6 KB leaves some to spare at any count.
    megabytes=$(( articles * 26 / 10000 + 2 ))
    python3 tools/bench/make_corpus.py --megabytes "$megabytes" --names "$out/names.txt" --out "$out/corpus.txt" >/dev/null
    rm -rf "$folder"
    python3 tools/bench/make_articles.py "$out/corpus.txt" "$folder" "$one_file" "$articles" --jsonl "$out/articles-$articles.jsonl" >/dev/null
fi
bytes=$(wc -c < "$one_file")

# Warm the matcher cache so that no run pays for compiling.
"$nomen" annotate --glossary "$glossary" --format jsonl Data/samples/en-xinhua-style.txt >/dev/null

run() {  # run NAME ARGS...: time one annotate run; prints "wall cpu"
    local name=$1; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -o "$out/$name.time" -f "%U %S" "$nomen" annotate --glossary "$glossary" --format jsonl "$@" > "$out/$name.jsonl"
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc -l) $(tail -n 1 "$out/$name.time" | awk '{ print $1 + $2 }')"
}

one_runs=(); folder_runs=()
for round in $(seq "$rounds"); do
    one=$(run one-file --jobs 1 "$one_file")
    many=$(run folder --jobs "$jobs" "$folder")
    one_runs+=("$one"); folder_runs+=("$many")
    printf '[run %d] one big file, --jobs 1:   %6.2f s wall, %6.2f s CPU\n' "$round" $one
    printf '[run %d] %d files, --jobs %d: %6.2f s wall, %6.2f s CPU\n' "$round" "$articles" "$jobs" $many
done

"$nomen" annotate --glossary "$glossary" --format jsonl --id-field id "$out/articles-$articles.jsonl" > "$out/lines.jsonl"
python3 - "$out/lines.jsonl" "$out/folder.jsonl" "$articles" <<'PY'
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
files = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
if len(files) != int(sys.argv[3]) or len(lines) != len(files):
    sys.exit(f"WRONG ANSWER: {len(files)} outputs for {sys.argv[3]} files, {len(lines)} for the lines")
for line, file in zip(lines, files):
    if not file["path"].endswith(line["id"]) or line["mentions"] != file["mentions"]:
        sys.exit(f"WRONG ANSWER: {file['path']} and line {line['line']} ({line['id']}) differ")
print(f"same mentions, offsets included, for each of {len(files)} articles: {sum(len(f['mentions']) for f in files)}")
PY

python3 - "$bytes" "$jobs" "${one_runs[*]}" "${folder_runs[*]}" <<'PY'
import sys
size, jobs = int(sys.argv[1]), int(sys.argv[2])
def pairs(text):
    numbers = [float(x) for x in text.split()]
    return list(zip(numbers[0::2], numbers[1::2]))
one, many = pairs(sys.argv[3]), pairs(sys.argv[4])
mb = size / 1e6
one_wall, one_cpu = min(w for w, _ in one), min(c for _, c in one)
many_wall, many_cpu = min(w for w, _ in many), min(c for _, c in many)
print(f"corpus: {mb:.1f} MB")
print(f"one big file, 1 core:  {mb / one_cpu:6.2f} MB per CPU second, {mb / one_wall:6.2f} MB/s wall")
print(f"folder, {jobs} jobs:        {mb / many_cpu:6.2f} MB per CPU second, {mb / many_wall / jobs:6.2f} MB/s wall per job")
print(f"ratio per core (folder / big file), CPU time: {one_cpu / many_cpu:.2f}   (target: at least 0.80)")
print(f"ratio per core, wall clock:                 {(mb / many_wall / jobs) / (mb / one_wall):.2f}")
PY
