#!/usr/bin/env bash
# nomen serve on PostgreSQL, one instance against two: POST /v1/annotate of
# the ~5 KB article of tools/bench/serve.sh with the seed glossary, from
# CLIENTS connections in all (default 32; with two instances, half on each),
# while an editor replaces an entity through the instances in turn, every
# EDIT_INTERVAL seconds (default 0.2), each write carrying the ETag it read
# and retried when another write got in first (409). Loopback only, bounded
# by DURATION (default 15s) per run.
#
# It starts its own PostgreSQL (Debian's postgresql: initdb and pg_ctl in a
# temporary folder, on a free loopback port, as the postgres user when run as
# root) and stops it at the end. Prints for each run the throughput, the
# annotate answers that were not 200 (must be 0), the edits written and the
# edits that failed (must be 0), and the ratio two instances / one. On this
# 2-core machine the ratio shows the cost of a second process, not scaling:
# both instances and wrk share the same two cores.
#
#     bash tools/bench/serve_instances.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
clients="${CLIENTS:-32}"
duration="${DURATION:-15s}"
interval="${EDIT_INTERVAL:-0.2}"
out=tools/bench/out
scratch="${NOMEN_SCRATCH:-.build}"
mkdir -p "$out"
command -v wrk >/dev/null || { echo "serve_instances.sh: wrk is missing (apt-get install wrk)" >&2; exit 2; }
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "serve_instances.sh: PostgreSQL is missing (apt-get install postgresql)" >&2; exit 2; }
swift build -c release --scratch-path "$scratch" --product nomen >/dev/null
nomen="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/nomen"

home="$(mktemp -d)"
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache" NOMEN_GLOSSARY="" NOMEN_TOKEN="bench-token"
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); chown postgres "$home"; fi
servers=()
cleanup() {
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "${as_postgres[@]}" "$bin/pg_ctl" -D "$home/pg" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$home"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${as_postgres[@]}" "$bin/initdb" -D "$home/pg" -U nomen --auth=trust -E UTF8 --locale=C >/dev/null
"${as_postgres[@]}" "$bin/pg_ctl" -D "$home/pg" -l "$home/pg.log" -w \
    -o "-p $port -k $home -c listen_addresses=127.0.0.1" start >/dev/null
"${as_postgres[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U nomen nomen
database="postgres://nomen@127.0.0.1:$port/nomen"
"$nomen" glossary init --seed --database "$database" >/dev/null

article="$out/serve-article.txt"
cat Data/samples/en-vnexpress-style.txt Data/samples/en-xinhua-style.txt Data/samples/vi-border-trade.txt > "$article"
body="$out/serve-body.json"
python3 -c 'import json, sys; print(json.dumps({"text": open(sys.argv[1], encoding="utf-8").read(), "name": sys.argv[1]}, ensure_ascii=False))' "$article" > "$body"

start_server() {  # prints the URL of a new instance on a free port
    local log="$home/serve-$1.log"
    "$nomen" serve --database "$database" --listen 127.0.0.1:0 2> "$log" &
    servers+=($!)
    for _ in $(seq 1 600); do
        url="$(sed -n 's/^nomen: listening on //p' "$log" | head -1)"
        [ -n "$url" ] && curl -fs "$url/readyz" >/dev/null && return 0
        sleep 0.1
    done
    echo "serve_instances.sh: instance $1 did not start" >&2; cat "$log" >&2; exit 1
}
start_server 1; first="$url"
start_server 2; second="$url"

# The editor: replaces one entity's English name with a numbered one, through
# the instances in turn; a 409 (someone wrote first) is read again and retried.
editor() {
    python3 - "$1" "$interval" "$2" "$first" "$second" <<'PY'
import json, sys, time, urllib.request, urllib.error
seconds, interval, report, urls = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4:]
auth = {"Authorization": "Bearer bench-token", "Content-Type": "application/json"}
entity_id = "vn.place.ha-noi"
written = failed = retried = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    url = urls[written % len(urls)]
    try:
        with urllib.request.urlopen(f"{url}/v1/entities/{entity_id}", timeout=10) as reply:
            etag, entity = reply.headers["ETag"], json.load(reply)
        entity["names"] = [n for n in entity["names"] if not n["text"].startswith("Bench Hanoi ")]
        entity["names"].append({"text": f"Bench Hanoi {written}", "lang": "en", "status": "admitted"})
        request = urllib.request.Request(f"{url}/v1/entities/{entity_id}", method="PUT",
                                         data=json.dumps(entity).encode(), headers={**auth, "If-Match": etag})
        urllib.request.urlopen(request, timeout=10).close()
        written += 1
    except urllib.error.HTTPError as error:
        if error.code == 409:
            retried += 1
            continue
        failed += 1
        print(f"edit failed: {error.code} {error.read()[:200]!r}", file=sys.stderr)
    except OSError as error:
        failed += 1
        print(f"edit failed: {error}", file=sys.stderr)
    time.sleep(interval)
json.dump({"written": written, "failed": failed, "retried": retried}, open(report, "w"))
PY
}

seconds="${duration%s}"
load() {  # load NAME URL...: wrk on each URL, the clients split between them, and the editor
    local name="$1"; shift
    local each=$((clients / $#)) pids=() index=0
    editor "$seconds" "$home/edits-$name.json" & local editor_pid=$!
    for url in "$@"; do
        index=$((index + 1))
        BODY_FILE="$body" MAX_REQUESTS_PER_THREAD=0 \
            wrk -t1 -c"$each" -d"$duration" -s tools/bench/serve_post.lua "$url/v1/annotate" > "$out/instances-$name-$index.txt" &
        pids+=($!)
    done
    wait "${pids[@]}" "$editor_pid"
}
load one "$first"
load two "$first" "$second"

python3 - "$out" "$home" <<'PY'
import glob, json, re, sys
out, home = sys.argv[1], sys.argv[2]
rates = {}
for name in ("one", "two"):
    rate = failures = 0
    for path in sorted(glob.glob(f"{out}/instances-{name}-*.txt")):
        text = open(path).read()
        rate += float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
        failures += int(re.search(r"non-200 answers: (\d+)", text).group(1))
        socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
        if socket_errors:
            failures += sum(int(n) for n in socket_errors.groups())
    edits = json.load(open(f"{home}/edits-{name}.json"))
    rates[name] = rate
    print(f"{name} instance{'s' if name == 'two' else ''}: {rate:.0f} requests/s, {failures} failed annotate requests; "
          f"{edits['written']} edits written, {edits['retried']} retried after 409, {edits['failed']} failed")
    if failures or edits["failed"]:
        sys.exit("serve_instances.sh: requests failed")
print(f"ratio two instances / one: {rates['two'] / rates['one']:.2f} (2 cores shared by the instances and wrk: overhead, not scaling)")
PY
