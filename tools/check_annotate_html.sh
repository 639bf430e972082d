#!/usr/bin/env bash
# Renders `nomen annotate --format html` of a sample to a PNG with headless
# Chromium, for a person to look at (mentions highlighted, the canonical
# name or the candidates on hover, nothing escaped wrongly).
#
#     bash tools/check_annotate_html.sh [SAMPLE] [OUT.png]
#
# Needs chromium (Debian: apt-get install chromium). NOMEN_SCRATCH names the
# build directory (default .build); NOMEN_GLOSSARY a glossary (default: the
# seed glossary nomen finds itself).
set -euo pipefail
cd "$(dirname "$0")/.."
sample="${1:-Data/samples/vi-border-trade.txt}"
png="${2:-tools/bench/out/annotate-html.png}"
scratch="${NOMEN_SCRATCH:-.build}"
swift build -c release --scratch-path "$scratch" --product nomen >/dev/null
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
mkdir -p "$(dirname "$png")"
html="$(dirname "$png")/$(basename "$png" .png).html"
glossary=()
if [ -n "${NOMEN_GLOSSARY:-}" ]; then glossary=(--glossary "$NOMEN_GLOSSARY"); fi
"$bin/nomen" annotate "${glossary[@]}" --format html "$sample" > "$html"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then echo "no chromium found (apt-get install chromium)" >&2; exit 1; fi
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1400 \
    --screenshot="$(realpath "$png")" "file://$(realpath "$html")" 2>/dev/null
echo "wrote $png (from $html)"
