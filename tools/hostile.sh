#!/usr/bin/env bash
# Hostile input at full size, on a release build: a 1 GB single line
# (through a pipe and as a file), a 256 MiB line that must still work,
# 64 MiB of combining marks, 10^6 nested <div>s, 10^6 tiny files in one
# folder, a glossary of 1M names sharing one key. `swift test` runs the same
# cases scaled down (Tests/NomenCLITests/HostileInputTests.swift); the
# figures this prints go in docs/reliability.md.
#
#   tools/hostile.sh [NOMEN_BINARY]     (default: .build-rel/release/nomen)
#
# Needs python3 and about 1.2 GB of free space in $TMPDIR (the 1 GB file,
# the million tiny files). Each case prints one line: exit status, seconds,
# peak resident memory, and the first line of standard error.
set -euo pipefail
cd "$(dirname "$0")/.."
NOMEN=$(realpath "${1:-.build-rel/release/nomen}")
MEASURE=Tests/Scripts/measure_run.py
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nomen-hostile.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/data" XDG_CACHE_HOME="$WORK/cache"
printf 'Hà Nội\n' | "$NOMEN" annotate - >/dev/null 2>&1   # the seed glossary, once

# case NAME TIMEOUT STDIN -- COMMAND...
case_() {
    local name=$1 timeout=$2 stdin=$3
    shift 4
    python3 "$MEASURE" --timeout "$timeout" --stdin "$stdin" -- "$NOMEN" "$@" | python3 -c '
import json, sys
name = sys.argv[1]
r = json.loads(sys.stdin.read())
first = (r["stderr"].strip().splitlines() or [""])[-1][:150]
status = "TIMEOUT" if r["timed_out"] else r["status"]
seconds, mib = r["seconds"], r["peak_kib"] / 1024
print(f"{name:44} exit {status!s:>7}  {seconds:8.2f} s  {mib:8.0f} MiB  {first}")' "$name"
}

echo "nomen: $NOMEN ($("$NOMEN" --version 2>/dev/null || true))"
GB=$((1 << 30))

echo "== one line of 1 GiB through a pipe (refused at 256 MiB)"
case_ "annotate - (1 GiB line)" 300 "line:$GB" -- annotate -
case_ "check - (1 GiB line)" 300 "line:$GB" -- check -
case_ "normalize - (1 GiB line)" 300 "line:$GB" -- normalize -

echo "== one line of 1 GiB in a file (annotate streams files over 64 MiB a line at a time)"
python3 - "$WORK/line.txt" <<'EOF'
import sys
text = ("Chủ tịch nước Lương Cường tiếp Chủ tịch Tập Cận Bình (习近平) tại Hà Nội; "
        "President Luong Cuong met Xi Jinping in Hanoi. ").encode()
piece = text * ((1 << 20) // len(text))
with open(sys.argv[1], "wb") as out:
    written = 0
    while written + len(piece) <= 1 << 30:
        out.write(piece)
        written += len(piece)
EOF
case_ "annotate FILE (1 GiB line)" 300 none -- annotate --format jsonl "$WORK/line.txt"
case_ "check FILE (1 GiB line)" 300 none -- check "$WORK/line.txt"
rm -f "$WORK/line.txt"

echo "== the largest input that works: one line of 255 MiB through a pipe"
case_ "annotate - (255 MiB line)" 600 "line:$((255 << 20))" -- annotate --format jsonl -
# check keeps its findings until it prints them: ~2.9 KB each, and this
# text has one every 38 bytes (a 255 MiB line would need about 20 GB).
case_ "check - (32 MiB line, 880k findings)" 600 "line:$((32 << 20))" -- check -
case_ "normalize - (255 MiB line)" 600 "line:$((255 << 20))" -- normalize -

echo "== 64 MiB of combining marks only"
case_ "normalize - (64 MiB of marks)" 600 "marks:$((64 << 20))" -- normalize -
case_ "annotate - (64 MiB of marks)" 600 "marks:$((64 << 20))" -- annotate -
case_ "check - (64 MiB of marks)" 600 "marks:$((64 << 20))" -- check -

echo "== 10^6 nested <div> elements"
case_ "annotate --input-format html (10^6 divs)" 300 "nested:1000000" -- annotate --input-format html -
case_ "check --input-format html (10^6 divs)" 300 "nested:1000000" -- check --input-format html -

echo "== 10^6 tiny files in one folder"
python3 - "$WORK/tiny" <<'EOF'
import os, sys
os.makedirs(sys.argv[1])
texts = ["Lương Cường.\n", "Xi Jinping.\n", "习近平\n", "Hà Nội\n"]
for index in range(1_000_000):
    with open(os.path.join(sys.argv[1], f"{index}.txt"), "w", encoding="utf-8") as out:
        out.write(texts[index % 4])
EOF
case_ "annotate --format jsonl (10^6 files)" 1800 none -- annotate --format jsonl "$WORK/tiny"
case_ "check (10^6 files)" 1800 none -- check "$WORK/tiny"
rm -rf "$WORK/tiny"

echo "== a glossary of 1M names sharing one key"
python3 - "$WORK/same.csv" <<'EOF'
import sys
spellings = ["Nguyễn Văn An", "Nguyen Van An", "NGUYỄN VĂN AN", "nguyễn văn an"]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("entity_id,type,lang,text,status\n")
    for index in range(1_000_000):
        out.write(f"vn.person.an-{index},person,vi,{spellings[index % 4]},preferred\n")
EOF
printf 'Ông Nguyễn Văn An và bà Trần Thị Lan.\n' > "$WORK/an.txt"
case_ "glossary import (1M names, one key)" 1800 none -- glossary import "$WORK/same.csv" --glossary "$WORK/same.sqlite"
case_ "annotate (1M candidates)" 600 none -- annotate "$WORK/an.txt" --glossary "$WORK/same.sqlite"
case_ "annotate again (cached matcher)" 600 none -- annotate "$WORK/an.txt" --glossary "$WORK/same.sqlite"
case_ "check (1M candidates)" 600 none -- check "$WORK/an.txt" --glossary "$WORK/same.sqlite"
case_ "glossary find (1M candidates)" 600 none -- glossary find "Nguyen Van An" --glossary "$WORK/same.sqlite"
