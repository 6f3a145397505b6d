#!/usr/bin/env bash
# Regenerates every golden expected file (tests/golden/expected/NAME.json,
# .json.sha256, .txt, .md, .csv, .redacted and .exit) from a build, and names each file it
# changes or adds; unchanged files are not mentioned.
#
#   tests/golden/regen.sh [DSREGDIAG]
#
# DSREGDIAG defaults to build/src/cli/dsregdiag; the same as
# `cmake --build build --target golden-regen`.  Review `git diff
# tests/golden/expected` before committing.  Expected files of a fixture
# that no longer exists are named ("stale: ..."), not removed.  Exits
# non-zero when a fixture could not be regenerated.
set -u
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
exe=${1:-$src/build/src/cli/dsregdiag}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
if [ ! -x "$exe" ]; then
  echo "regen: $exe: no such executable (build first, or name it)" >&2
  exit 2
fi
cd "$src" || exit 2

# The fixtures tests/golden/CMakeLists.txt registers.
fixtures=()
for f in fixtures/corpus/*.txt fixtures/synthetic/*.txt fixtures/synthetic/*.log; do
  [ -e "$f" ] && fixtures+=("$f")
done

status=0 changed=0
declare -A known=()
for f in "${fixtures[@]}"; do
  name=$(basename "$f")
  known[${name%.*}]=1
  # TRANSCODE is not used with --regen.
  out=$(bash tests/golden/run_golden.sh "$exe" - "$src" "$f" --regen) || status=1
  if [ -n "$out" ]; then
    echo "$out"
    changed=$((changed + $(grep -c -E '^(updated|new): ' <<<"$out")))
  fi
done
for e in tests/golden/expected/*; do
  name=$(basename "$e")
  name=${name%%.*}
  [ -n "${known[$name]:-}" ] || echo "stale: $e (no fixture of that name)"
done
# The HTML pages (tests/golden/html/).
out=$(bash tests/golden/run_golden_html.sh "$exe" "$src" --regen) || status=1
if [ -n "$out" ]; then
  echo "$out"
  changed=$((changed + $(grep -c -E '^(updated|new): ' <<<"$out")))
fi
echo "golden-regen: ${#fixtures[@]} fixtures, $changed file(s) changed"
exit $status
