# Shared helpers of bench/compare.sh and bench/sizes.sh (sourced, not run).

# The repository root and where builds and outputs go.
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_OUT=${BENCH_OUT:-$BENCH_ROOT/bench/out}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$BENCH_ROOT/target}
ISOLINT=$CARGO_TARGET_DIR/release/isolint
ISOLINT_GEN=$CARGO_TARGET_DIR/release/isolint-gen

build_release() {
    echo "building isolint and isolint-gen (release, CARGO_TARGET_DIR=$CARGO_TARGET_DIR)" >&2
    (cd "$BENCH_ROOT" && cargo build --release --quiet -p isolint-cli -p isolint-bench --bin isolint --bin isolint-gen) >&2
}

# now: seconds since the epoch with microseconds (bash 5's EPOCHREALTIME).
now() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        echo "${EPOCHREALTIME/,/.}"
    else
        date +%s.%N
    fi
}

# median of the numbers given as arguments.
median() {
    printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.6f\n", (a[NR/2]+a[NR/2+1])/2}'
}

# generate N SEED DIR: a corpus in DIR (kept between runs of the scripts).
generate() {
    local n=$1 seed=$2 dir=$3
    if [ ! -f "$dir/.summary" ]; then
        rm -rf "$dir"
        "$ISOLINT_GEN" --resources "$n" --seed "$seed" --out "$dir" >"$dir.summary.tmp"
        mv "$dir.summary.tmp" "$dir/.summary"
    fi
}

# input_stats DIR: "files bytes" of what the linters read (.tf, .tfvars, .json, .bicep, .bicepparam).
input_stats() {
    find "$1" -type f \( -name '*.tf' -o -name '*.tfvars' -o -name '*.json' -o -name '*.bicep' -o -name '*.bicepparam' \) -printf '%s\n' |
        awk '{n++; b+=$1} END {printf "%d %d\n", n, b}'
}
