#!/usr/bin/env bash
# Runs nomen's fuzz targets under libFuzzer with AddressSanitizer, for longer
# than the property test in `swift test` does (docs/reliability.md, "Fuzzing").
#
#   tools/fuzz.sh [-t SECONDS] [TARGET...]
#
# SECONDS per target (default 300); all targets unless named (fold, decode,
# mojibake, matcher, markup, import-csv, import-tsv, import-jsonl,
# import-tbx, config, fix). The sanitized build goes in .build-fuzz; each
# target's corpus grows in .build-fuzz/corpus/TARGET across runs (started
# from the repository's seeds), and a crash, sanitizer report, broken
# property or hang (-timeout) leaves its input in .build-fuzz/findings/TARGET/.
# Keep such an input in Tests/NomenFuzzingTests/Inputs/regressions/TARGET/
# once fixed. Replay one without sanitizers:
#   swift run nomen-fuzz replay TARGET FILE
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=300
while getopts "t:" option; do
    case $option in
        t) seconds=$OPTARG ;;
        *) sed -n '2,17p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
all_targets="fold decode mojibake matcher markup import-csv import-tsv import-jsonl import-tbx config fix"
targets=${*:-$all_targets}

# The plain build writes the seed corpora; the sanitized one fuzzes.
swift build --product nomen-fuzz >/dev/null
seeder=$(swift build --product nomen-fuzz --show-bin-path)/nomen-fuzz
swift build --scratch-path .build-fuzz --product nomen-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DNOMEN_LIBFUZZER -Xswiftc -parse-as-library
fuzzer=$(swift build --scratch-path .build-fuzz --product nomen-fuzz --show-bin-path)/nomen-fuzz

status=0
for target in $targets; do
    corpus=.build-fuzz/corpus/$target
    findings=.build-fuzz/findings/$target
    log=.build-fuzz/logs/$target.log
    mkdir -p "$corpus" "$findings" .build-fuzz/logs
    "$seeder" seeds "$target" "$corpus" . >/dev/null
    echo "== $target: ${seconds}s, corpus $(ls "$corpus" | wc -l) inputs"
    # TOMLKit 0.6 (behind .nomen.toml) leaks a few hundred bytes per parse
    # (TOMLTable(string:) never frees its error buffer, `keys` its C array):
    # not nomen's, and checking leaks after each such run slows config to a crawl.
    leaks=1
    [ "$target" = config ] && leaks=0
    # -timeout: one input over 30 s is a hang. -rss_limit_mb: a leak or blow-up.
    if NOMEN_FUZZ_TARGET=$target "$fuzzer" "$corpus" \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=2048 -detect_leaks=$leaks \
        -print_final_stats=1 \
        -artifact_prefix="$findings/" >"$log" 2>&1; then
        echo "   no finding; $(grep -E '^stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s}') runs," \
            "$(grep -oE 'cov: [0-9]+' "$log" | tail -1)"
    else
        status=1
        echo "   FINDING: $(grep -E 'ERROR|Fatal error|SUMMARY|deadly signal|timeout' "$log" | head -3)"
        echo "   inputs: $(ls "$findings")"
    fi
done
exit $status
