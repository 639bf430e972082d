#!/usr/bin/env bash
# Glossary benchmark: import a generated 100k-entity (~240k-name) CSV into a
# fresh database and time `nomen glossary find`, against a reference run in
# the same script: the sqlite3 shell's `.import` of the same CSV into a plain
# table (no keys, no indexes, no validation) and a LIKE query over it.
# Usage: bash tools/bench/glossary.sh [ENTITIES]    (needs the sqlite3 shell and bc)
set -euo pipefail
cd "$(dirname "$0")/../.."
entities=${1:-100000}
out=tools/bench/out/glossary
mkdir -p "$out"
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell: apt-get install sqlite3" >&2; exit 2; }

# NOMEN=path/to/nomen uses that binary instead of building one.
if [ -z "${NOMEN:-}" ]; then
    swift build -c release --scratch-path .build-glossary --product nomen >/dev/null
fi
nomen=${NOMEN:-.build-glossary/release/nomen}

csv="$out/glossary-$entities.csv"
[ -f "$csv" ] || python3 tools/bench/make_glossary_csv.py "$csv" "$entities"
rows=$(($(wc -l <"$csv") - 1))

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }

# nomen: validated import into a fresh glossary (keys, indexes, trigram index, change log).
db="$out/glossary.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
start=$(now)
"$nomen" glossary import "$csv" --glossary "$db" >"$out/import.txt"
nomen_import=$(elapsed "$start" "$(now)")

# Reference: sqlite3's own CSV import into one plain table.
ref="$out/reference.sqlite"
rm -f "$ref"
start=$(now)
sqlite3 "$ref" ".mode csv" ".import $csv names"
ref_import=$(elapsed "$start" "$(now)")

queries=("luong cuong" "Lương Cuờng" "Nguyen Van Hung" "Xi Jingping" "Wang Wei" "王伟" "Hai Phong Ward" "Ngan hang Lang Son")
# The first 10 results of each query, as the CLI prints them: the answers must not change.
: >"$out/find.txt"
nomen_total=0
for query in "${queries[@]}"; do
    start=$(now)
    "$nomen" glossary find "$query" --glossary "$db" --timing >>"$out/find.txt" 2>>"$out/find-timing.txt" || true
    nomen_total=$(echo "$nomen_total + $(elapsed "$start" "$(now)")" | bc -l)
done
ref_total=0
for query in "${queries[@]}"; do
    start=$(now)
    sqlite3 "$ref" "SELECT entity_id, text FROM names WHERE text LIKE '%${query//\'/\'\'}%' LIMIT 10" >/dev/null
    ref_total=$(echo "$ref_total + $(elapsed "$start" "$(now)")" | bc -l)
done
n=${#queries[@]}
in_process=$(grep -o '[0-9.]* ms' "$out/find-timing.txt" | tail -n "$n" | awk '{ s += $1; if ($1 > m) m = $1 } END { printf "%.1f ms mean, %.1f ms max", s / NR, m }')

printf 'rows in the CSV:           %d names of %d entities\n' "$rows" "$entities"
printf 'nomen glossary import:     %.2f s   (%s)\n' "$nomen_import" "$(cat "$out/import.txt")"
printf 'sqlite3 .import (plain):   %.2f s\n' "$ref_import"
printf 'import ratio nomen/sqlite3: %.1fx\n' "$(echo "$nomen_import / $ref_import" | bc -l)"
printf 'nomen glossary find:       %.1f ms per query, whole process (%s in the search)\n' "$(echo "$nomen_total * 1000 / $n" | bc -l)" "$in_process"
printf 'sqlite3 LIKE query:        %.1f ms per query, whole process\n' "$(echo "$ref_total * 1000 / $n" | bc -l)"
printf 'find ratio nomen/sqlite3:  %.2fx\n' "$(echo "$nomen_total / $ref_total" | bc -l)"
echo "first results of each query: $out/find.txt"
