#!/usr/bin/env bash
# Byte-compares `rank --format json` (and `--batch`) output of two builds of the application on a set of
# generated cases across option sets: the engine's results must not change when only its speed does.
# The run's own identity (run_id, created_at, completed_at, duration_ms) is masked; everything else,
# solutions and output included, must be byte-identical.
#
#   scripts/compare-rank-outputs.sh capture BINARY DIR   # write the outputs of BINARY into DIR
#   scripts/compare-rank-outputs.sh compare BINARY DIR   # compare BINARY's outputs with DIR's (exit 1 on a difference)
#
# The cases: bench_engine's generated cases (PW_BENCH_WRITE_CASES), the golden ranking folders and the
# samples. BENCH names the bench_engine binary (default: next to BINARY in the build tree).
set -euo pipefail
mode=$1 bin=$2 dir=$3
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${BENCH:-$(dirname "$(dirname "$bin")")/tests/benchmarks/bench_engine}
now=2026-11-28T12:00:00Z
cases=$dir/cases
out=$dir/$mode
mkdir -p "$cases" "$out"
if [ "$mode" = capture ] || [ ! -e "$cases/typical.json" ]; then
    PW_BENCH_WRITE_CASES="$cases" "$bench" >/dev/null
    for f in "$root"/tests/fixtures/ranking/*/case.json; do
        cp "$f" "$cases/golden-$(basename "$(dirname "$f")").json"
    done
    cp /work/shared/samples/brooklyn-household.json "$cases/sample-brooklyn.json" 2>/dev/null || true
fi
mask() { sed -E 's/"(run_id|created_at|completed_at)": ?"[^"]*"/"\1":"-"/g; s/"duration_ms": ?[0-9.e+-]+/"duration_ms":0/g'; }
optionSets=("" "--appetite coverage_first" "--appetite cost_sensitive" "--appetite simplicity"
            "--top 1" "--top 3" "--top 57" "--top 1000")
status=0
for c in "$cases"/*.json; do
    name=$(basename "$c" .json)
    for opts in "${optionSets[@]}"; do
        # The large cases with the slow option sets only once each (the before build takes seconds).
        case "$name" in large|wide) [ "$opts" = "--appetite simplicity" ] && continue ;; esac
        tag=$(echo "$opts" | tr ' ' '_')
        file="$out/$name${tag:+.$tag}.json"
        # shellcheck disable=SC2086
        "$bin" rank "$c" --format json --now "$now" $opts 2>/dev/null | mask >"$file" || true
        if [ "$mode" = compare ]; then
            if ! cmp -s "$file" "$dir/capture/$(basename "$file")"; then
                echo "DIFFERENT: $name $opts"; status=1
            fi
        fi
    done
done
# The batch path: every case in one run, one JSON line each.
"$bin" rank --batch "$cases" --now "$now" 2>/dev/null | mask >"$out/batch.jsonl" || true
# Its lines name each case's file: the folder the cases sit in is masked, so a copied capture compares.
maskFolder() { sed -E 's#"[^"]*/cases/#"CASES/#g' "$1"; }
if [ "$mode" = compare ] && ! cmp -s <(maskFolder "$out/batch.jsonl") <(maskFolder "$dir/capture/batch.jsonl"); then
    echo "DIFFERENT: --batch"; status=1
fi
n=$(ls "$out" | wc -l)
if [ "$mode" = compare ]; then
    [ $status = 0 ] && echo "identical: $n outputs"
else
    echo "captured: $n outputs"
fi
exit $status
