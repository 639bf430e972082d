#!/usr/bin/env bash
# Rewrites Data/fold/table.tsv, the precomputed fold of every code point,
# from ICU and FoldRules (Sources/NomenNormalization/Folding/FoldRules.swift),
# then embeds it. Run after changing the fold rules or moving to another ICU:
# until then nomen notices the table is stale and computes the fold with ICU.
#
#     bash tools/fold/build_fold_table.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product nomen >/dev/null
bin=$(swift build -c release --show-bin-path)
"$bin/nomen" normalize --print-fold-table > Data/fold/table.tsv.tmp
mv Data/fold/table.tsv.tmp Data/fold/table.tsv
python3 tools/embed_data.py
# The embedded table changed: build again so that the binary carries it.
swift build -c release --product nomen >/dev/null
echo "Data/fold/table.tsv: $(grep -vc '^#' Data/fold/table.tsv) lines"
