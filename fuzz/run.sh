#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds (default 60) and prints, per
# target, the executions libFuzzer made. Exits non-zero when a target finds a
# crash, a timeout (-timeout) or an out-of-memory input (-rss_limit_mb); the
# reproducer is left in fuzz/artifacts/TARGET/.
#
# Only the stable toolchain is available: cargo-fuzz needs nightly flags
# (-Zsanitizer, -Cpasses=sancov), which RUSTC_BOOTSTRAP=1 unlocks on stable.
# cargo-fuzz is installed from crates.io when it is missing.
#
#   fuzz/run.sh 600            # ten minutes per target
#   fuzz/run.sh 20 hcl bicep   # only these targets
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
secs="${1:-60}"
shift || true
all=(hcl tf_json plan arm_template arm_expr bicep tf_functions config)
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=("${all[@]}")

export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: cargo-fuzz is missing; installing it from crates.io"
    cargo install cargo-fuzz --locked
fi
cargo fuzz --version >/dev/null 2>&1 || { echo "fuzz: cargo-fuzz is not usable" >&2; exit 1; }
[ -d corpus ] || ./seed.sh

# No sanitizer: every crate forbids unsafe code, so ASan adds cost, not
# coverage. Debug assertions on: arithmetic overflow is a bug too.
build=(--sanitizer none --debug-assertions)
cargo fuzz build "${build[@]}"
host="$(rustc -vV | sed -n 's/^host: //p')"
bin_dir="${CARGO_TARGET_DIR:-$here/target}/$host/release"
for t in "${targets[@]}"; do
    [ -x "$bin_dir/$t" ] || { echo "fuzz: $bin_dir/$t was not built" >&2; exit 1; }
done

mkdir -p logs
failed=()
printf '%-14s %12s %8s %s\n' target executions seconds result
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    set +e
    # The binary built above, run directly (no rebuild between targets).
    "$bin_dir/$t" "corpus/$t" \
        -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"logs/$t.log" 2>&1
    rc=$?
    set -e
    runs="$(grep -oE '^Done [0-9]+ runs' "logs/$t.log" | grep -oE '[0-9]+' || true)"
    [ -n "$runs" ] || runs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "logs/$t.log" | grep -oE '[0-9]+$' || echo '?')"
    took="$(grep -oE '^Done [0-9]+ runs in [0-9]+' "logs/$t.log" | grep -oE '[0-9]+$' || echo '?')"
    if [ "$rc" -eq 0 ]; then
        printf '%-14s %12s %8s ok\n' "$t" "$runs" "$took"
    else
        printf '%-14s %12s %8s FAILED (exit %s; see fuzz/logs/%s.log, fuzz/artifacts/%s/)\n' "$t" "$runs" "$took" "$rc" "$t" "$t"
        grep -E 'panicked at|ERROR: libFuzzer|SUMMARY' "logs/$t.log" | head -5 || true
        failed+=("$t")
    fi
done
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz: failing targets: ${failed[*]}" >&2
    exit 1
fi
