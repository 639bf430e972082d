#!/usr/bin/env bash
# Start-up benchmark: how long a `nomen` process takes to start, do one small
# thing and exit, against references run in the same script, taking turns:
# `/bin/true` (a process that does nothing), `python3 -c pass`, and ICU's own
# `uconv` normalizing the same line. Prints per command the median wall
# clock and the median CPU time (user + system) of ROUNDS runs (default 30);
# on this shared machine CPU time is the steadier of the two.
#
# Checked first: `nomen normalize --form nfc` and `uconv -x any-nfc` write
# the same bytes for the line (a Vietnamese name typed in NFD).
#
# nomen is built as the README installs it and the Debian package ships it:
# release, with Swift's standard library and Foundation linked statically
# (`--static-swift-stdlib`). Linked dynamically, the loader spends most of
# a start-up relocating 28 shared libraries; DYNAMIC=path/to/nomen adds
# that binary's rows, to compare.
#
#     bash tools/bench/startup.sh            (NOMEN=path/to/nomen to use that binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v uconv >/dev/null || { echo "needs uconv: apt-get install icu-devtools" >&2; exit 2; }
if [ -z "${NOMEN:-}" ]; then
    swift build -c release --static-swift-stdlib --scratch-path .build-static --product nomen >/dev/null
fi
nomen=${NOMEN:-.build-static/release/nomen}
line=$(python3 -c 'import unicodedata; print(unicodedata.normalize("NFD", "Nguyễn Thị Ánh, Lương Cường, 王伟"))')
a=$(printf '%s\n' "$line" | "$nomen" normalize --form nfc)
b=$(printf '%s\n' "$line" | uconv -x any-nfc)
[ "$a" = "$b" ] || { echo "WRONG ANSWER: nomen normalize gives \"$a\", uconv \"$b\"" >&2; exit 1; }

python3 - "$nomen" "$line" "${ROUNDS:-30}" "${DYNAMIC:-}" <<'PY'
import os, resource, statistics, subprocess, sys, time
nomen, line, rounds, dynamic = sys.argv[1], sys.argv[2].encode() + b"\n", int(sys.argv[3]), sys.argv[4]
commands = [
    ("/bin/true", ["/bin/true"]),
    ("python3 -c pass", ["python3", "-c", "pass"]),
    ("uconv -x any-nfc (one line)", ["uconv", "-x", "any-nfc"]),
    ("nomen --help", [nomen, "--help"]),
    ("nomen normalize --form nfc (one line)", [nomen, "normalize", "--form", "nfc"]),
    ("nomen normalize --fold (one line)", [nomen, "normalize", "--fold"]),
]
if dynamic:
    commands += [
        ("dynamic: nomen --help", [dynamic, "--help"]),
        ("dynamic: nomen normalize --form nfc", [dynamic, "normalize", "--form", "nfc"]),
        ("dynamic: nomen normalize --fold", [dynamic, "normalize", "--fold"]),
    ]
walls = {name: [] for name, _ in commands}
cpus = {name: [] for name, _ in commands}
for _ in range(rounds):
    for name, argv in commands:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, input=line, stdout=subprocess.DEVNULL, check=True)
        walls[name].append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
for name, _ in commands:
    print(f"{name:40s} {statistics.median(walls[name]) * 1000:7.1f} ms wall  {statistics.median(cpus[name]) * 1000:7.1f} ms CPU  (medians of {rounds})")
def ratio(a, b):
    return statistics.median(cpus[a]) / statistics.median(cpus[b])
print(f"CPU ratios: nomen normalize --form nfc / uconv {ratio('nomen normalize --form nfc (one line)', 'uconv -x any-nfc (one line)'):.2f}, "
      f"nomen --help / python3 -c pass {ratio('nomen --help', 'python3 -c pass'):.2f}  (target: nomen under 20 ms)")
if dynamic:
    print(f"CPU ratios, static / dynamic: --help {ratio('nomen --help', 'dynamic: nomen --help'):.2f}, "
          f"--form nfc {ratio('nomen normalize --form nfc (one line)', 'dynamic: nomen normalize --form nfc'):.2f}, "
          f"--fold {ratio('nomen normalize --fold (one line)', 'dynamic: nomen normalize --fold'):.2f}")
PY
