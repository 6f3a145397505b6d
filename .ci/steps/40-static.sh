#!/usr/bin/env bash
# Static analysis of the library and the CLI (src/ and src/cli/), with the
# compile commands of a build configured here (build-static):
#   - clang-tidy with the checks .clang-tidy chooses (clang-analyzer-*,
#     bugprone-* less the noisy ones, each with its reason there);
#   - cppcheck --enable=warning,portability,performance.
# Both must report nothing.  A finding that is wrong is suppressed in
# .ci/static-suppressions.txt, with its reason, and nowhere else: this step
# fails on NOLINT or cppcheck-suppress comments in src/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

# shellcheck source=../packages.sh
. .ci/packages.sh
need_packages cmake make gcc libcsv-dev jq clang-tidy cppcheck
echo "static: $(clang-tidy --version | grep -m1 -o 'version [0-9.]*'), cppcheck $(cppcheck --version | grep -o '[0-9.]*$')"

# Configuring is enough: compile_commands.json and the generated version.h
# are written then.  No tests: this looks at src/ only.
cmake -B build-static -DBUILD_TESTING=OFF -DDSREG_FUZZ=OFF >/dev/null
db=build-static/src-only
mkdir -p "$db"
jq --arg src "$root/src/" '[.[] | select(.file | startswith($src))]' \
  build-static/compile_commands.json >"$db/compile_commands.json"
mapfile -t files < <(jq -r '.[].file' "$db/compile_commands.json")
if [ "${#files[@]}" -lt 10 ]; then
  echo "static: only ${#files[@]} files of src/ in the compile commands" >&2
  exit 1
fi
echo "static: ${#files[@]} files of src/ and src/cli/"

fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- suppressions ----------------------------------------------------------
# TOOL | CHECK | FILE | MATCH | REASON, see the file's header.
trim() {
  local s=$1
  s=${s#"${s%%[! ]*}"}
  printf '%s' "${s%"${s##*[! ]}"}"
}
sup_tool=() sup_check=() sup_file=() sup_match=() sup_used=()
while IFS= read -r line; do
  case $line in '' | '#'*) continue ;; esac
  IFS='|' read -r tool check file match reason <<<"$line"
  tool=$(trim "$tool") check=$(trim "$check") file=$(trim "$file")
  match=$(trim "$match") reason=$(trim "$reason")
  if [ -z "$tool" ] || [ -z "$check" ] || [ -z "$file" ] || [ -z "$match" ] || [ -z "$reason" ]; then
    echo "static: .ci/static-suppressions.txt: malformed (every field is needed, the reason too): $line" >&2
    fail=1
    continue
  fi
  sup_tool+=("$tool") sup_check+=("$check") sup_file+=("$file")
  sup_match+=("$match") sup_used+=(0)
done <.ci/static-suppressions.txt

if grep -rn -e 'NOLINT' -e 'cppcheck-suppress' src/ >"$tmp/inline"; then
  echo "static: suppressions belong in .ci/static-suppressions.txt, not in the sources:" >&2
  cat "$tmp/inline" >&2
  fail=1
fi

# ---- clang-tidy ------------------------------------------------------------
start=$(date +%s)
printf '%s\n' "${files[@]}" |
  xargs -P "$(nproc)" -n 1 clang-tidy -p "$db" --quiet >"$tmp/tidy" 2>"$tmp/tidy.err" || true
# Findings: "FILE:LINE:COL: warning|error: TEXT [check,-warnings-as-errors]".
findings=0 suppressed=0
while IFS= read -r f; do
  path=${f%%:*}
  rest=${f#*:}
  lineno=${rest%%:*}
  check=${f##*[}
  check=${check%]}
  check=${check%%,*}
  rel=${path#"$root"/}
  src_line=$(sed -n "${lineno}p" "$path" 2>/dev/null || true)
  hit=-1
  for i in "${!sup_tool[@]}"; do
    if [ "${sup_tool[$i]}" = clang-tidy ] && [ "${sup_check[$i]}" = "$check" ] &&
      [ "${sup_file[$i]}" = "$rel" ] && [[ $src_line == *"${sup_match[$i]}"* ]]; then
      hit=$i
      break
    fi
  done
  if [ "$hit" -ge 0 ]; then
    sup_used[hit]=1
    suppressed=$((suppressed + 1))
  else
    echo "$f"
    grep -F -A3 -- "$f" "$tmp/tidy" | sed -n '2,3p'
    findings=$((findings + 1))
  fi
done < <(grep -E '^/[^:]+:[0-9]+:[0-9]+: (warning|error): .*\]$' "$tmp/tidy" | sort -u)
# Anything clang-tidy could not do (a file it could not compile) fails too.
if grep -E 'error:|Error while processing' "$tmp/tidy.err" "$tmp/tidy" |
  grep -vE '^[^:]+:/[^:]+:[0-9]+:[0-9]+: (warning|error): .*\]$' |
  grep -v 'warnings-as-errors' >"$tmp/tidy.fatal"; then
  cat "$tmp/tidy.fatal"
  findings=$((findings + 1))
fi
echo "static: clang-tidy: $findings finding(s), $suppressed suppressed, $(($(date +%s) - start)) s"
[ "$findings" -eq 0 ] || fail=1

# ---- cppcheck --------------------------------------------------------------
start=$(date +%s)
: >"$tmp/cppcheck.sup"
for i in "${!sup_tool[@]}"; do
  [ "${sup_tool[$i]}" = cppcheck ] || continue
  if [ "${sup_match[$i]}" = '*' ]; then
    echo "${sup_check[$i]}:${sup_file[$i]}" >>"$tmp/cppcheck.sup"
  else
    echo "${sup_check[$i]}:${sup_file[$i]}:${sup_match[$i]}" >>"$tmp/cppcheck.sup"
  fi
  sup_used[i]=1 # cppcheck does not say which suppressions it used
done
if ! cppcheck --project="$db/compile_commands.json" --std=c11 \
  --enable=warning,portability,performance --error-exitcode=1 -q \
  -j "$(nproc)" --suppressions-list="$tmp/cppcheck.sup" \
  --template='{file}:{line}:{column}: {severity}: {message} [{id}]' 2>"$tmp/cppcheck"; then
  fail=1
fi
cat "$tmp/cppcheck"
echo "static: cppcheck: $(grep -c '\[[A-Za-z0-9_]*\]$' "$tmp/cppcheck" || true) finding(s), $(($(date +%s) - start)) s"
[ -s "$tmp/cppcheck" ] && fail=1

for i in "${!sup_tool[@]}"; do
  if [ "${sup_used[$i]}" -eq 0 ]; then
    echo "static: note: suppression no longer needed: ${sup_tool[$i]} ${sup_check[$i]} ${sup_file[$i]} '${sup_match[$i]}'"
  fi
done
if [ "$fail" -ne 0 ]; then
  echo "static: FAILED (fix the finding, or suppress it with a reason in .ci/static-suppressions.txt)"
  exit 1
fi
echo "static: clean"
