#!/usr/bin/env bash
# Lint, in a few seconds:
#   - clang-format --dry-run --Werror, with the repository's .clang-format,
#     over every C source and header in the repository (*.c and *.h in src,
#     include, tests, fuzz and bench).  Two C files are left out, and why:
#     include/dsreg/version.h.in is a configure_file template, and
#     clang-format splits its @VAR@ into "@VAR @", which would break the
#     substitution; src/fields.def is the X-macro table, one field a line,
#     which clang-format would wrap into a form that is harder to review.
#   - shellcheck, every check at its default severity (style and up), over
#     every shell script: *.sh, and the files whose first line names sh or
#     bash (.ci/run).  .shellcheckrc makes it follow the
#     `# shellcheck source=` of sourced files, relative to the script.  A
#     finding that is wrong is disabled on its line, with its reason:
#     `# shellcheck disable=SCxxxx # reason`.
# The files are git's (git ls-files): a build tree's generated files are not
# linted.  Outside a git checkout, a find over the tree without build*/.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../packages.sh
. .ci/packages.sh
need_packages clang-format shellcheck git
echo "lint: $(clang-format --version | grep -o 'version [0-9.]*' | head -n 1)," \
  "shellcheck $(shellcheck --version | sed -n 's/^version: //p')"

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  list() { git ls-files -- "$@"; }
else
  list() {
    local args=(-o -true) p # no pattern: every file
    [ $# -eq 0 ] || args=()
    for p in "$@"; do args+=(-o -path "./$p"); done
    find . \( -path ./.git -o -path './build*' \) -prune -o -type f \
      \( -false "${args[@]}" \) -print | sed 's|^\./||' | sort
  }
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
start=$(date +%s)
mapfile -t c_files < <(list '*.c' '*.h')
if [ "${#c_files[@]}" -lt 50 ]; then
  echo "lint: only ${#c_files[@]} C files found" >&2
  exit 1
fi
if ! printf '%s\n' "${c_files[@]}" |
  xargs -P 2 -n 16 clang-format --dry-run --Werror 2>"$tmp/format"; then
  echo "lint: clang-format: not formatted (clang-format -i FILE fixes it):"
  sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/  \1/p' \
    "$tmp/format" | sort -u
  # Anything else clang-format said (a file it could not read, a bad style).
  grep -v -e 'code should be clang-formatted' -e '^ *^' "$tmp/format" |
    grep -i -e 'error' -e 'invalid' | head -n 20 || true
  fail=1
fi
echo "lint: clang-format: ${#c_files[@]} files, $(($(date +%s) - start)) s"

start=$(date +%s)
mapfile -t sh_files < <(
  list '*.sh'
  list | grep -v '\.sh$' | while IFS= read -r f; do
    [ -f "$f" ] && head -n 1 "$f" | grep -qE '^#!.*[/ ](ba)?sh( |$)' && echo "$f"
  done
)
if [ "${#sh_files[@]}" -lt 15 ]; then
  echo "lint: only ${#sh_files[@]} shell scripts found" >&2
  exit 1
fi
if ! shellcheck -f gcc "${sh_files[@]}"; then
  echo "lint: shellcheck: fix the finding, or disable it on its line with the reason"
  fail=1
fi
echo "lint: shellcheck: ${#sh_files[@]} scripts, $(($(date +%s) - start)) s"

if [ "$fail" -ne 0 ]; then
  echo "lint: FAILED"
  exit 1
fi
echo "lint: clean"
