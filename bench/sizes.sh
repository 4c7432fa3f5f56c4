#!/usr/bin/env bash
# Whole-process timing of `isolint check --format json` on generated corpora
# of several sizes: median and best wall time of RUNS runs, peak resident set
# (GNU time's %M when /usr/bin/time exists) and input bytes, as a markdown
# table (docs/performance.md).
#
# usage: bench/sizes.sh [RUNS] [SIZES...]
#   RUNS   runs per size (default 5)
#   SIZES  corpus sizes in resources (default 10 100 1000 10000 100000)
set -euo pipefail
source "$(dirname "$0")/common.sh"

RUNS=${1:-5}
shift || true
SIZES=("$@")
if [ ${#SIZES[@]} -eq 0 ]; then
    SIZES=(10 100 1000 10000 100000)
fi
mkdir -p "$BENCH_OUT/sizes"
build_release

TIME=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true 2>/dev/null; then
    TIME=/usr/bin/time
fi

ROWS=()
for n in "${SIZES[@]}"; do
    dir=$BENCH_OUT/sizes/$n
    generate "$n" 1 "$dir"
    stats=$(input_stats "$dir")
    files=${stats% *}
    bytes=${stats#* }
    times=()
    rss=0
    for ((k = 1; k <= RUNS; k++)); do
        rc=0
        t0=$(now)
        if [ -n "$TIME" ]; then
            $TIME -f %M -o "$BENCH_OUT/time.out" "$ISOLINT" check "$dir" --format json >"$BENCH_OUT/isolint.json" 2>"$BENCH_OUT/isolint.stderr" || rc=$?
        else
            "$ISOLINT" check "$dir" --format json >"$BENCH_OUT/isolint.json" 2>"$BENCH_OUT/isolint.stderr" || rc=$?
        fi
        t1=$(now)
        if [ "$rc" -gt 1 ]; then
            echo "isolint failed (exit $rc) on $dir" >&2
            cat "$BENCH_OUT/isolint.stderr" >&2
            exit 1
        fi
        times+=("$(echo "$t1 - $t0" | bc -l)")
        if [ -n "$TIME" ]; then
            r=$(tail -1 "$BENCH_OUT/time.out")
            [ "$r" -gt "$rss" ] && rss=$r
        fi
    done
    med=$(median "${times[@]}")
    best=$(printf '%s\n' "${times[@]}" | sort -g | head -1)
    findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$BENCH_OUT/isolint.json" 2>/dev/null || echo "?")
    graph=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["resources"])' "$BENCH_OUT/isolint.json" 2>/dev/null || echo "?")
    if [ -n "$TIME" ]; then
        rss_mib=$(echo "$rss / 1024" | bc -l)
        ratio=$(echo "$rss * 1024 / $bytes" | bc -l)
    else
        rss_mib=0
        ratio=0
    fi
    ROWS+=("$(printf '| %s | %s | %s | %s | %.1f | %.3f | %.3f | %.0f | %.1f | %.1f | %s |' \
        "$n" "$graph" "$files" "$bytes" "$(echo "$bytes / 1048576" | bc -l)" "$med" "$best" \
        "$(echo "$n / $med" | bc -l)" "$rss_mib" "$ratio" "$findings")")
    echo "  $n resources: median $med s, peak ${rss} KiB" >&2
done

COMMIT=$(cd "$BENCH_ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(cd "$BENCH_ROOT" && git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    COMMIT="$COMMIT+dirty"
fi
echo
echo "$("$ISOLINT" --version | tail -1) (commit $COMMIT), $(nproc) cores, median of $RUNS runs; peak RSS is the largest of the runs (0 when /usr/bin/time is missing)"
echo
echo "| resources | in graph | files | input bytes | input MiB | median (s) | best (s) | resources/s | peak RSS (MiB) | RSS / input | findings |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
