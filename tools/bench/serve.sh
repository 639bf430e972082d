#!/usr/bin/env bash
# nomen serve benchmark: POST /v1/annotate of a ~5 KB article (three of the
# bundled samples, English and Vietnamese) with the seed glossary, from
# CLIENTS concurrent connections (default 32) on loopback only, with wrk
# (Debian: apt-get install wrk). Bounded both ways: at most REQUESTS
# requests (default 200000) and DURATION (default 20s). wrk divides by the
# whole duration even when the request bound stops it sooner, so the rate is
# right only when the duration ends the run; the script warns otherwise. Prints wrk's latency
# percentiles (p50, p99) and throughput, the number of answers that were not
# 200, the latency with one client (no queueing: the time one request takes),
# and, as the reference, `nomen annotate` of the same text run as one process
# per request (hyperfine, 20 runs): its time against the one-client latency,
# and the requests per second a process per request allows on every core
# against the server's.
#
# Before measuring, it checks the answer: the server's JSON for the article
# must equal `nomen annotate`'s, so a fast wrong answer fails.
#
#     bash tools/bench/serve.sh
#
# NOMEN_SCRATCH names the build directory (default .build). The glossary is
# a fresh default one (from the seed) in a temporary home; with ENTITIES=N
# (e.g. 100000) it is a generated glossary of N entities
# (tools/bench/make_glossary_csv.py, the one tools/bench/glossary.sh imports)
# instead. The server's peak and final resident memory (VmHWM, VmRSS) are
# printed after the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
clients="${CLIENTS:-32}"
requests="${REQUESTS:-200000}"
duration="${DURATION:-20s}"
threads=2
out=tools/bench/out
scratch="${NOMEN_SCRATCH:-.build}"
mkdir -p "$out"
command -v wrk >/dev/null || { echo "serve.sh: wrk is missing (apt-get install wrk)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "serve.sh: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
swift build -c release --scratch-path "$scratch" --product nomen >/dev/null
nomen="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/nomen"

home="$(mktemp -d)"
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache" NOMEN_GLOSSARY=""
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$home"; }
trap cleanup EXIT

glossary_args=()
if [ -n "${ENTITIES:-}" ]; then
    csv="$out/glossary-$ENTITIES.csv"
    [ -s "$csv" ] || python3 tools/bench/make_glossary_csv.py "$csv" "$ENTITIES"
    "$nomen" glossary import "$csv" --glossary "$home/glossary.sqlite" >/dev/null
    glossary_args=(--glossary "$home/glossary.sqlite")
    echo "glossary: $ENTITIES generated entities ($csv)"
fi

article="$out/serve-article.txt"
cat Data/samples/en-vnexpress-style.txt Data/samples/en-xinhua-style.txt Data/samples/vi-border-trade.txt > "$article"
body="$out/serve-body.json"
python3 -c 'import json, sys; print(json.dumps({"text": open(sys.argv[1], encoding="utf-8").read(), "name": sys.argv[1]}, ensure_ascii=False))' "$article" > "$body"
echo "article: $(wc -c < "$article") bytes; $clients clients, at most $requests requests or $duration"

"$nomen" annotate "${glossary_args[@]}" "$article" > "$out/serve-expected.json"   # creates the glossary's matcher cache
"$nomen" serve "${glossary_args[@]}" --listen 127.0.0.1:0 2> "$out/serve-stderr.log" &
server=$!
url=""
for _ in $(seq 1 300); do
    url="$(sed -n 's/^nomen: listening on //p' "$out/serve-stderr.log" | head -1)"
    [ -n "$url" ] && curl -fs "$url/readyz" >/dev/null && break
    sleep 0.1
done
[ -n "$url" ] || { echo "serve.sh: the server did not start" >&2; cat "$out/serve-stderr.log" >&2; exit 1; }
curl -fs -X POST -H 'Content-Type: application/json' --data-binary "@$body" "$url/v1/annotate" > "$out/serve-answer.json"
cmp -s "$out/serve-answer.json" "$out/serve-expected.json" || { echo "serve.sh: the server's answer differs from nomen annotate's" >&2; exit 1; }
echo "answer: equal to nomen annotate's ($(grep -o '"entity"' "$out/serve-expected.json" | wc -l) mentions)"

BODY_FILE="$body" MAX_REQUESTS_PER_THREAD=$((requests / threads)) \
    wrk -t"$threads" -c"$clients" -d"$duration" --latency -s tools/bench/serve_post.lua "$url/v1/annotate" | tee "$out/serve-wrk.txt"

BODY_FILE="$body" MAX_REQUESTS_PER_THREAD=2000 \
    wrk -t1 -c1 -d5s --latency -s tools/bench/serve_post.lua "$url/v1/annotate" > "$out/serve-wrk-one.txt"

memory="$(grep -E '^Vm(HWM|RSS)' "/proc/$server/status" | tr -s ' \t' ' ' | paste -sd ',' -)"
echo "server memory after the run: $memory"

hyperfine -N --warmup 3 --runs 20 --export-json "$out/serve-process.json" "$nomen annotate ${glossary_args[*]} $article" >/dev/null
python3 - "$out/serve-wrk.txt" "$out/serve-process.json" "$out/serve-wrk-one.txt" "$(nproc)" "$requests" "$clients" <<'PY'
import json, re, sys
def ms(label, wrk):
    m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", wrk, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
wrk, one = open(sys.argv[1]).read(), open(sys.argv[3]).read()
p50, p99 = ms("50", wrk), ms("99", wrk)
one_p50 = ms("50", one)
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1))
process = json.load(open(sys.argv[2]))["results"][0]
mean_ms, median_ms = process["mean"] * 1000, process["median"] * 1000
cores = int(sys.argv[4])
done = int(re.search(r"(\d+) requests in", wrk).group(1))
if done >= int(sys.argv[5]):
    print("warning: the request bound ended the run, so wrk's rate is too low: raise REQUESTS")
process_rate = cores * 1000 / median_ms
print(f"server:  p50 {p50:.2f} ms, p99 {p99:.2f} ms, {rate:.0f} requests/s ({sys.argv[6]} clients); p50 {one_p50:.2f} ms with one client")
print(f"process: nomen annotate per request: median {median_ms:.1f} ms (mean {mean_ms:.1f} ms), at most {process_rate:.0f} requests/s on {cores} cores")
print(f"ratio:   one request takes {median_ms / one_p50:.0f}x longer as a process; the server answers {rate / process_rate:.0f}x as many per second")
PY
