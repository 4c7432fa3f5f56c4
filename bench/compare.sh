#!/usr/bin/env bash
# Runs Checkov and isolint, alternating, on the same inputs and prints the
# median wall times and their ratio as a markdown table (docs/performance.md).
#
# usage: bench/compare.sh [RESOURCES] [RUNS] [SHARED_CORPUS]
#   RESOURCES      size of the generated corpus (default 2000)
#   RUNS           runs of each linter per corpus, alternating (default 3)
#   SHARED_CORPUS  a second corpus of real repositories (default ../shared/corpus;
#                  skipped with a message when absent)
#
# Installs Checkov from PyPI into bench/.venv on first use (needs network).
# Exit statuses of the linters (non-zero when they find something) are not
# failures; isolint's status 2 (the run itself failed) is.
set -euo pipefail
source "$(dirname "$0")/common.sh"

RESOURCES=${1:-2000}
RUNS=${2:-3}
SHARED=${3:-$BENCH_ROOT/../shared/corpus}
VENV=$BENCH_ROOT/bench/.venv
CHECKOV=$VENV/bin/checkov
mkdir -p "$BENCH_OUT"

if [ ! -x "$CHECKOV" ]; then
    echo "installing checkov into $VENV" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip >&2
    "$VENV/bin/pip" install --quiet checkov >&2
fi
build_release

CHECKOV_VERSION=$("$CHECKOV" --version 2>/dev/null | tail -1)
ISOLINT_VERSION=$("$ISOLINT" --version 2>/dev/null | tail -1)
COMMIT=$(cd "$BENCH_ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(cd "$BENCH_ROOT" && git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    COMMIT="$COMMIT+dirty"
fi

run_checkov() {
    # --skip-download: no calls to the Prisma Cloud API, as in an offline CI.
    "$CHECKOV" -d "$1" --framework terraform arm bicep --quiet --compact -o json --skip-download \
        >"$BENCH_OUT/checkov.json" 2>"$BENCH_OUT/checkov.stderr" || true
}

run_isolint() {
    local rc=0
    "$ISOLINT" check "$1" --format json >"$BENCH_OUT/isolint.json" 2>"$BENCH_OUT/isolint.stderr" || rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "isolint failed (exit $rc) on $1:" >&2
        cat "$BENCH_OUT/isolint.stderr" >&2
        exit 1
    fi
}

ROWS=()
compare() {
    local name=$1 dir=$2
    local stats files bytes
    stats=$(input_stats "$dir")
    files=${stats% *}
    bytes=${stats#* }
    local ts=() ti=() t0 t1 k
    for ((k = 1; k <= RUNS; k++)); do
        t0=$(now); run_checkov "$dir"; t1=$(now)
        ts+=("$(echo "$t1 - $t0" | bc -l)")
        t0=$(now); run_isolint "$dir"; t1=$(now)
        ti+=("$(echo "$t1 - $t0" | bc -l)")
        echo "  $name run $k: checkov ${ts[-1]} s, isolint ${ti[-1]} s" >&2
    done
    local mc mi ratio
    mc=$(median "${ts[@]}")
    mi=$(median "${ti[@]}")
    ratio=$(echo "$mc / $mi" | bc -l)
    local fc fi
    fc=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
d=d if isinstance(d,list) else [d]
print(sum(len(r.get("results",{}).get("failed_checks",[])) for r in d if isinstance(r,dict)))' "$BENCH_OUT/checkov.json" 2>/dev/null || echo "?")
    fi=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$BENCH_OUT/isolint.json" 2>/dev/null || echo "?")
    ROWS+=("$(printf '| %s | %s | %s | %.3f | %.3f | %.0f× | %s | %s |' "$name" "$files" "$bytes" "$mc" "$mi" "$ratio" "$fc" "$fi")")
}

CORPUS=$BENCH_OUT/corpus-$RESOURCES
generate "$RESOURCES" 1 "$CORPUS"
echo "generated: $(cat "$CORPUS/.summary")" >&2
compare "generated, $RESOURCES resources" "$CORPUS"
if [ -d "$SHARED" ]; then
    compare "$(basename "$(dirname "$SHARED")")/$(basename "$SHARED")" "$SHARED"
else
    echo "skipping the shared corpus: $SHARED not found" >&2
fi

echo
echo "checkov $CHECKOV_VERSION, $ISOLINT_VERSION (commit $COMMIT), $(nproc) cores, median of $RUNS alternating runs"
echo
echo "| corpus | files | bytes | checkov (s) | isolint (s) | ratio | checkov failed checks | isolint findings |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
