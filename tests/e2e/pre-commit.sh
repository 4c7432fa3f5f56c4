#!/usr/bin/env bash
# End-to-end test of the pre-commit hook (.pre-commit-hooks.yaml) with the
# real pre-commit from PyPI: `pre-commit try-repo` builds the hook with
# `cargo install --bins --path .` and runs it in a scratch repository holding
# a faulty Terraform file (a Basic registry behind a private workspace: the
# hook must fail and print AML301), then the same file fixed (it must pass).
#
# The repository under test is a snapshot of this work tree (committed and
# uncommitted files, as `git ls-files` lists them) committed with a fixed
# date, so the same content has the same commit and pre-commit builds the
# hook once and reuses it for both runs (and for later runs while
# target/e2e is kept). CARGO_TARGET_DIR points at the workspace's target
# folder so the dependencies compiled by the other CI steps are reused.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
work="$target/e2e"
mkdir -p "$work"
start=$(date +%s)

# pre-commit from PyPI, in a venv under target/.
if [ ! -x "$work/venv/bin/pre-commit" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet "pre-commit>=3,<5"
fi
pc="$work/venv/bin/pre-commit"
"$pc" --version

git_() { git -c user.name=isolint-e2e -c user.email=e2e@isolint.invalid -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

# A snapshot of the work tree as a repository of its own.
snap="$work/hook-repo"
rm -rf "$snap"
mkdir -p "$snap"
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  (cd "$root" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$root" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) |
    tar -xf - -C "$snap"
else
  # Not a git work tree (an unpacked archive): everything but the build output.
  (cd "$root" && tar --exclude=./target -cf - .) | tar -xf - -C "$snap"
fi
git_ -C "$snap" init -q
git_ -C "$snap" add -A
GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
  git_ -C "$snap" commit -q -m snapshot
rev="$(git -C "$snap" rev-parse HEAD)"

# The scratch repository the hook runs in.
scratch="$work/scratch"
rm -rf "$scratch"
mkdir -p "$scratch/infra"
git_ -C "$scratch" init -q
write_main() {
  cat >"$scratch/infra/main.tf" <<TF
resource "azurerm_container_registry" "acr" {
  name = "acrml"
  sku  = "$1"
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw"
  container_registry_id         = azurerm_container_registry.acr.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
}
TF
  git_ -C "$scratch" add -A
}

export PRE_COMMIT_HOME="$work/pre-commit-home"
export CARGO_TARGET_DIR="$target"
export NO_COLOR=1

run_hook() {
  (cd "$scratch" && "$pc" try-repo "$snap" isolint --ref "$rev" --all-files --color never) >"$work/out.txt" 2>&1
}

write_main Basic
set +e
run_hook
rc=$?
set -e
cat "$work/out.txt"
if [ "$rc" -eq 0 ]; then
  echo "FAIL: the hook passed on a Basic registry behind a private workspace"
  exit 1
fi
grep -q "error\[AML301\]" "$work/out.txt" || { echo "FAIL: no AML301 in the hook's output"; exit 1; }
grep -q "infra/main.tf:3" "$work/out.txt" || { echo "FAIL: AML301 not located at infra/main.tf:3"; exit 1; }
echo "ok: the hook fails with AML301 ($(($(date +%s) - start))s so far)"

write_main Premium
set +e
run_hook
rc=$?
set -e
cat "$work/out.txt"
if [ "$rc" -ne 0 ]; then
  echo "FAIL: the hook failed on a Premium registry (exit $rc)"
  exit 1
fi
grep -q "Passed" "$work/out.txt" || { echo "FAIL: the hook did not report Passed"; exit 1; }
echo "ok: the hook passes once fixed; pre-commit e2e took $(($(date +%s) - start))s"
