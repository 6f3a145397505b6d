#!/usr/bin/env bash
# Valgrind memcheck on the real executable, through the test drivers that
# take it as an argument: every golden test (tests/golden/run_golden.sh: the
# JSON, text and CSV of each fixture and its seven re-encodings; the HTML
# pages, tests/golden/run_golden_html.sh) and the CLI
# and fleet scripts (tests/cli/*.sh), all with tests/tools/valgrind-exe.sh in
# place of dsregdiag.  That wrapper runs
#   valgrind -q --error-exitcode=1 --leak-check=full
#            --errors-for-leak-kinds=definite,indirect ...
# with Valgrind's report in a log file per process; the step fails when a
# driver fails or any log is not empty (an error in a run whose exit status
# a driver ignores, or that ends in exit 1 like a finding, still counts).
# Uses the README's build (build/, RelWithDebInfo), configured here if
# missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

# shellcheck source=../packages.sh
. .ci/packages.sh
need_packages cmake make gcc libcmocka-dev libcsv-dev jq valgrind

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! { { [ -f build/CMakeCache.txt ] || cmake -B build -DDSREG_WERROR=ON; } &&
  cmake --build build -j"$(nproc)" --target dsregdiag transcode; } >"$tmp/build.txt" 2>&1; then
  tail -n 60 "$tmp/build.txt"
  echo "valgrind: FAILED to build"
  exit 1
fi
mkdir "$tmp/vg" "$tmp/out"
export DSREG_VALGRIND_EXE="$root/build/src/cli/dsregdiag"
export DSREG_VALGRIND_LOGS="$tmp/vg"
wrapper="$root/tests/tools/valgrind-exe.sh"
transcode="$root/build/tests/golden/transcode"
echo "valgrind: $(valgrind --version) on $DSREG_VALGRIND_EXE"

# The same fixtures tests/golden/CMakeLists.txt registers.
fixtures=()
for f in fixtures/corpus/*.txt fixtures/synthetic/*.txt fixtures/synthetic/*.log; do
  [ -e "$f" ] && fixtures+=("$f")
done
echo "valgrind: ${#fixtures[@]} golden fixtures, then the cli and fleet tests"

status=0
start=$(date +%s)
export wrapper transcode root tmp
# shellcheck disable=SC2016 # the inner bash expands them, from its environment
printf '%s\n' "${fixtures[@]}" | xargs -P "$(nproc)" -I{} bash -c '
  name=$(basename "$1")
  bash "$root/tests/golden/run_golden.sh" "$wrapper" "$transcode" "$root" "$1" \
    >"$tmp/out/golden-$name.log" 2>&1 || { echo "FAIL: golden $1"; exit 1; }' _ {} || status=1
bash tests/golden/run_golden_html.sh "$wrapper" "$root" \
  >"$tmp/out/golden-html.log" 2>&1 || { echo "FAIL: golden html"; status=1; }
echo "valgrind: golden tests done in $(($(date +%s) - start)) s"

start=$(date +%s)
bash tests/cli/run_cli_tests.sh "$wrapper" "$root" >"$tmp/out/cli.log" 2>&1 &
cli=$!
bash tests/cli/run_fleet_tests.sh "$wrapper" "$root" >"$tmp/out/fleet.log" 2>&1 &
fleet=$!
wait $cli || { echo "FAIL: cli tests"; status=1; }
wait $fleet || { echo "FAIL: fleet tests"; status=1; }
tail -n 1 "$tmp/out/cli.log" "$tmp/out/fleet.log" | sed 's/^/valgrind: /'
echo "valgrind: cli and fleet tests done in $(($(date +%s) - start)) s"

if [ $status -ne 0 ]; then
  grep -h -B2 -A20 'FAIL' "$tmp"/out/*.log | head -n 80
fi
runs=$(find "$tmp/vg" -type f | wc -l)
mapfile -t errors < <(find "$tmp/vg" -type f -size +0)
echo "valgrind: $runs runs of dsregdiag, ${#errors[@]} with errors"
if [ "${#errors[@]}" -gt 0 ]; then
  for f in "${errors[@]:0:3}"; do
    echo "--- $f"
    head -n 60 "$f"
  done
  status=1
fi
if [ "$runs" -lt 100 ]; then
  echo "valgrind: expected hundreds of runs, the wrapper was not used?"
  status=1
fi
if [ $status -ne 0 ]; then
  echo "valgrind: FAILED"
  exit 1
fi
echo "valgrind: clean"
