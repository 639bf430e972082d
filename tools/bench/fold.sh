#!/usr/bin/env bash
# Fold benchmark: nomen's fast fold path against ICU's uconv running the same
# fold rules (printed by `nomen normalize --print-fold-rules`), on the same
# ~50 MB mixed Vietnamese/English/Chinese corpus. Checks that both outputs are
# byte-identical, then prints both throughputs and the ratio.
#
#     bash tools/bench/fold.sh [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes="${1:-50}"
out=tools/bench/out
mkdir -p "$out"

python3 tools/bench/make_corpus.py --megabytes "$megabytes" --out "$out/corpus.txt" >/dev/null
swift build -c release --product nomen >/dev/null
swift build -c release --product nomen-bench >/dev/null
bin=$(swift build -c release --show-bin-path)

"$bin/nomen" normalize --print-fold-rules > "$out/fold-rules.txt"
nomen_line=$("$bin/nomen-bench" fold "$out/corpus.txt" "$out/fold.nomen.txt" 3)
echo "$nomen_line"

start=$(date +%s.%N)
uconv -f utf-8 -t utf-8 -x "$(cat "$out/fold-rules.txt")" < "$out/corpus.txt" > "$out/fold.uconv.txt"
end=$(date +%s.%N)

if cmp -s "$out/fold.nomen.txt" "$out/fold.uconv.txt"; then
    echo "outputs agree: byte-identical ($(wc -c < "$out/fold.nomen.txt") bytes)"
else
    echo "OUTPUTS DIFFER:"; cmp "$out/fold.nomen.txt" "$out/fold.uconv.txt" | head -3
    exit 1
fi
python3 - "$nomen_line" "$start" "$end" "$(wc -c < "$out/corpus.txt")" <<'PY'
import re, sys
nomen_rate = float(re.search(r"= ([0-9.]+) MB/s", sys.argv[1]).group(1))
seconds = float(sys.argv[3]) - float(sys.argv[2])
uconv_rate = int(sys.argv[4]) / 1e6 / seconds
print(f"uconv -x (same rules): {uconv_rate:.1f} MB/s")
print(f"ratio: nomen fast fold is {nomen_rate / uconv_rate:.0f}x uconv")
PY
