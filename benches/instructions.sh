#!/usr/bin/env bash
# Instructions per call of the timed cases, lowered vs native, counted by callgrind
# (repeatable, unlike wall time on a shared machine).
#
#   benches/instructions.sh            # from the repository root
#
# Builds the `lowering` bench once (release), then for each case and twin runs
#   valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect='*do_*' \
#       <bench binary> --count CASE TWIN N
# which counts only inside the `#[inline(never)] do_<case>_<twin>` functions (the ones the
# time loop calls: build the future, pin it, poll it to completion), callees included.
# The pattern also matches ld.so's `do_lookup_x` at start-up: that constant is measured once
# with N = 0 and subtracted, so a figure is (Collected(N) - Collected(0)) / N.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target-benches}"

bin=$(nice -n 10 cargo bench --bench lowering --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"target":{[^}]*"name":"lowering"[^}]*}.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
if [ -z "$bin" ]; then
    bin=$(ls -t "$CARGO_TARGET_DIR"/release/deps/lowering-* | grep -v '\.d$' | head -n 1)
fi
[ -x "$bin" ] || { echo "no bench binary found" >&2; exit 1; }

collected() { # CASE TWIN N -> instructions collected
    valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect='*do_*' \
        "$bin" --count "$1" "$2" "$3" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

base=$(collected chain40 native 0)
echo "binary: $bin"
echo "start-up instructions matched by '*do_*' (N = 0), subtracted: $base"
echo
echo "| case | N | native | lowered | lowered/native |"
echo "|---|---:|---:|---:|---:|"
for spec in "copy1M 5 copy_stream 1 MiB, 4 KiB reads" \
            "copy64K 20 copy_stream 64 KiB, 64 B reads" \
            "chain40 2000 chain of 40 awaits (8 Pending once)"; do
    read -r case n label <<<"$spec"
    nat=$(collected "$case" native "$n")
    low=$(collected "$case" lowered "$n")
    awk -v l="$label" -v n="$n" -v a="$nat" -v b="$low" -v z="$base" '
        function group(v,   s, r) { s = sprintf("%.0f", v); r = ""
            while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
            return s r }
        BEGIN { x = (a - z) / n; y = (b - z) / n
                printf "| %s | %d | %s | %s | %.3f |\n", l, n, group(x), group(y), y / x }'
done
