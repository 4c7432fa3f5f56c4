#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from testdata/ and examples/
# (copied or derived; the corpora are not committed). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(dirname "$here")"
c="$here/corpus"
mkdir -p "$c"/{hcl,tf_json,plan,arm_template,arm_expr,bicep,tf_functions,config}
n=0
copy() { # copy FILE TARGET: under a name derived from its path
    local f="$1" t="$2"
    local name
    name="$(printf '%s' "${f#"$top"/}" | tr '/ ' '__')"
    cp "$f" "$c/$t/$name"
    n=$((n + 1))
}
while IFS= read -r -d '' f; do copy "$f" hcl; done < <(find "$top/testdata" "$top/examples" -name '*.tf' -print0)
while IFS= read -r -d '' f; do copy "$f" hcl; done < <(find "$top/testdata" "$top/examples" -name '*.tfvars' -print0)
while IFS= read -r -d '' f; do copy "$f" tf_json; done < <(find "$top/testdata" "$top/examples" -name '*.tf.json' -print0)
while IFS= read -r -d '' f; do
    case "$f" in
    *.tf.json) ;;
    *) if grep -q '"format_version"' "$f"; then copy "$f" plan; else copy "$f" arm_template; fi ;;
    esac
done < <(find "$top/testdata" "$top/examples" -name '*.json' -print0)
while IFS= read -r -d '' f; do copy "$f" bicep; done < <(find "$top/testdata" "$top/examples" \( -name '*.bicep' -o -name '*.bicepparam' \) -print0)
while IFS= read -r -d '' f; do copy "$f" config; done < <(find "$top/testdata" "$top/examples" -name '*.toml' -print0)
# ARM expressions: every "[...]" string written in the ARM testdata, without its brackets.
i=0
while IFS= read -r e; do
    i=$((i + 1))
    e="${e#\"[}"
    e="${e%]\"}"
    printf '%s' "$e" >"$c/arm_expr/expr_$i"
done < <(grep -rhoE '"\[[^"]+\]"' "$top/testdata/arm" "$top/examples" --include='*.json' | sort -u)
# Terraform functions: the first byte picks the function (index in
# fuzz_targets/tf_functions.rs NAMES), the rest is a JSON argument array.
fn_seed() { # INDEX NAME ARGS
    printf "\\$(printf '%03o' "$1")%s" "$3" >"$c/tf_functions/$2"
}
fn_seed 102 cidrsubnet '["10.0.0.0/16", 8, 2]'
fn_seed 103 cidrsubnets '["10.0.0.0/8", 4, 8, 16, 24]'
fn_seed 100 cidrhost '["fd00::/8", 1e30]'
fn_seed 101 cidrnetmask '["172.16.0.0/12"]'
fn_seed 48 range '[1, 1000000000, 1]'
fn_seed 2 format '["%s-%05d-%v", "a", 3, true]'
fn_seed 9 regex '["^(a+)+$", "aaaaaaaaaaaaaaaaaaaaaa!"]'
fn_seed 40 flatten '[[[1,[2,[3]]],"<unknown>"]]'
fn_seed 51 setproduct '[[1,2,3],[4,5,6],[7,8,9]]'
fn_seed 62 csvdecode '["a,b\n1,2\n"]'
fn_seed 69 yamldecode '["a: [1, 2, {b: c}]"]'
fn_seed 63 jsondecode '["{\"a\": [1, 2, 3]}"]'
fn_seed 16 substr '["hello", -3, 1e9]'
fn_seed 4 indent '[1000000, "a\nb\nc"]'
echo "seeded $n files, $i ARM expressions, $(ls "$c/tf_functions" | wc -l) function calls into $c"
