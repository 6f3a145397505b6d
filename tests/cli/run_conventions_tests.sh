#!/usr/bin/env bash
# Conventions people expect (issue 15, item 6), through the executable: the
# CSV byte order mark, -o -, --explain's error on stderr, the hint for a
# terminal on standard input, system and dot files in folders, --include
# and --exclude, and the shell completion scripts.
#
#   run_conventions_tests.sh DSREGDIAG SOURCE_DIR
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"
now=(--now 2025-03-09T11:00:00Z)
healthy=fixtures/synthetic/entra_joined_healthy.txt
bom=$(printf '\357\273\277')
hint="Try 'dsregdiag --help' for more information."

starts_with_bom() { [ "$(head -c 3 "$1")" = "$bom" ]; }
no_bom() { ! starts_with_bom "$1"; }

# --- the CSV byte order mark ------------------------------------------------
"$exe" "${now[@]}" -f csv -o "$tmp/f.csv" "$healthy"
check "csv -o FILE: exit 0" test $? -eq 0
check "csv -o FILE starts with a BOM" starts_with_bom "$tmp/f.csv"
check "csv -o FILE: the header follows the BOM" test "$(head -c 11 "$tmp/f.csv")" = "${bom}\"source\""
"$exe" "${now[@]}" -f csv "$healthy" | cat >"$tmp/pipe.csv"
check "csv on a pipe: no BOM" no_bom "$tmp/pipe.csv"
cmp -s <(tail -c +4 "$tmp/f.csv") "$tmp/pipe.csv"
check "csv: the BOM is all that differs" test $? -eq 0
"$exe" "${now[@]}" -f csv --bom "$healthy" | cat >"$tmp/pipe-bom.csv"
check "csv --bom on a pipe: a BOM" starts_with_bom "$tmp/pipe-bom.csv"
check "csv --bom: exactly one" test "$(head -c 6 "$tmp/pipe-bom.csv" | tail -c 3)" != "$bom"
"$exe" "${now[@]}" -f csv --no-bom -o "$tmp/nobom.csv" "$healthy"
check "csv --no-bom -o FILE: no BOM" no_bom "$tmp/nobom.csv"
"$exe" "${now[@]}" -f csv --bom --no-bom -o "$tmp/last.csv" "$healthy"
check "csv --bom --no-bom: the last one wins" no_bom "$tmp/last.csv"
"$exe" "${now[@]}" -f json -o "$tmp/f.json" "$healthy"
check "json -o FILE: no BOM" no_bom "$tmp/f.json"
"$exe" "${now[@]}" -o "$tmp/f.txt" "$healthy"
check "text -o FILE: no BOM" no_bom "$tmp/f.txt"
"$exe" --bom "$healthy" >/dev/null 2>"$tmp/err"
check "--bom without csv: exit 2" test $? -eq 2
check "--bom without csv: says why" test "$(cat "$tmp/err")" = "dsregdiag: '--bom' needs '--format csv'
$hint"
"$exe" -f json --no-bom "$healthy" >/dev/null 2>"$tmp/err"
check "--no-bom without csv: exit 2" test $? -eq 2
"$exe" "${now[@]}" -f csv --columns device_name -o "$tmp/cols.csv" fixtures/synthetic/not_joined.txt
check "csv -o FILE with --columns: a BOM too" starts_with_bom "$tmp/cols.csv"

# --- -o - is standard output -------------------------------------------------
"$exe" "${now[@]}" -f json -o - "$healthy" >"$tmp/dash.json"
check "-o -: exit 0" test $? -eq 0
"$exe" "${now[@]}" -f json "$healthy" >"$tmp/plain.json"
check "-o - writes what standard output gets" cmp -s "$tmp/dash.json" "$tmp/plain.json"
check "-o - creates no file named -" test ! -e ./-
"$exe" "${now[@]}" -f csv -o - "$healthy" >"$tmp/dash.csv"
check "-o - with csv: standard output, so no BOM" no_bom "$tmp/dash.csv"

# --- --explain of an unknown code -----------------------------------------------
"$exe" --explain 0xdeadbeef >"$tmp/out" 2>"$tmp/err"
check "explain unknown: exit 2" test $? -eq 2
check "explain unknown: nothing on stdout" test ! -s "$tmp/out"
check "explain unknown: the message on stderr" grep -qxF "dsregdiag: 0xdeadbeef: unknown: not an error code in the knowledge base nor a rule id (dsregdiag --list-rules lists the rules)" "$tmp/err"

# --- no FILE and a terminal on standard input ----------------------------------------
# script(1) gives the program a pseudo-terminal as its standard input.
if command -v script >/dev/null 2>&1; then
  timeout 10 script -qec "'$exe' 2>'$tmp/tty.err'; echo \"rc=\$?\" >'$tmp/tty.rc'" /dev/null </dev/null >/dev/null 2>&1
  check "terminal on stdin: does not wait" test $? -eq 0
  check "terminal on stdin: exit 2" test "$(cat "$tmp/tty.rc" 2>/dev/null)" = "rc=2"
  check "terminal on stdin: a one-line hint" test "$(cat "$tmp/tty.err" 2>/dev/null)" = "dsregdiag: no FILE given and standard input is a terminal: pipe in 'dsregcmd /status' or name a capture file or folder
$hint"
  # A FILE, or a pipe, with a terminal around: read as before.
  timeout 10 script -qec "'$exe' ${now[*]} '$healthy' >/dev/null 2>&1; echo \"rc=\$?\" >'$tmp/tty2.rc'" /dev/null </dev/null >/dev/null 2>&1
  check "terminal on stdin with a FILE: read" test "$(cat "$tmp/tty2.rc" 2>/dev/null)" = "rc=0"
else
  echo "note: script(1) missing: the terminal case is not tested"
fi
"$exe" "${now[@]}" <"$healthy" >/dev/null 2>&1
check "a file on stdin is read as before" test $? -eq 0

# --- system and dot files in folders -------------------------------------------------
share=$tmp/share
mkdir -p "$share/site" "$share/.git" "$share/.snapshot"
cp "$healthy" "$share/PC1.txt"
cp fixtures/synthetic/not_joined.txt "$share/site/PC2.txt"
printf 'not a capture\n' >"$share/Thumbs.db"
printf '[.ShellClassInfo]\n' >"$share/desktop.ini"
printf '[.ShellClassInfo]\n' >"$share/site/Desktop.ini"
printf 'Bud1' >"$share/.DS_Store"
printf '\0\0Mac resource fork' >"$share/._PC1.txt"
printf 'ref: refs/heads/main\n' >"$share/.git/HEAD"
cp "$healthy" "$share/.snapshot/PC1.txt"
"$exe" "${now[@]}" -f csv --columns source "$share" >"$tmp/share.raw" 2>"$tmp/err"
check "share: exit 0, no error rows" test $? -eq 0
tr -d '\r' <"$tmp/share.raw" >"$tmp/share.csv"
printf '%s\n' '"source"' "\"$share/PC1.txt\"" "\"$share/site/PC2.txt\"" >"$tmp/want"
check "share: only the captures are rows" diff -u "$tmp/want" "$tmp/share.csv"
check "share: one note says what was skipped" test "$(cat "$tmp/err")" = "dsregdiag: skipped 7 system or dot files in folders (Thumbs.db, desktop.ini, .DS_Store, .*)"
"$exe" "${now[@]}" --summary "$share" >"$tmp/sum.txt" 2>/dev/null
check "share: the summary counts 2 captures from 2 sources" grep -q "^Summary: 2 captures from 2 sources: " "$tmp/sum.txt"
# Named on the command line, a dot file is read.
cp "$healthy" "$tmp/.named.txt"
"$exe" "${now[@]}" -f csv --columns source "$tmp/.named.txt" >/dev/null 2>"$tmp/err"
check "a dot file named as FILE is read" test $? -eq 0 -a ! -s "$tmp/err"
# A folder with nothing but those.
mkdir "$tmp/junk"
: >"$tmp/junk/Thumbs.db"
"$exe" "$tmp/junk" >/dev/null 2>"$tmp/err"
check "only system files: exit 2" test $? -eq 2
check "only system files: says so" grep -qxF "dsregdiag: $tmp/junk: no files in folder but 1 left out (system or dot files, --include, --exclude)" "$tmp/err"

# --- --include and --exclude -----------------------------------------------------
cp "$healthy" "$share/site/PC3.log"
cp "$healthy" "$share/old-PC4.txt"
printf 'notes\n' >"$share/README.md"
"$exe" "${now[@]}" -f csv --columns source --include '*.txt' --include '*.log' --exclude 'old-*' "$share" >"$tmp/pick.raw" 2>"$tmp/err"
check "include/exclude: exit 0" test $? -eq 0
tr -d '\r' <"$tmp/pick.raw" >"$tmp/pick.csv"
printf '%s\n' '"source"' "\"$share/PC1.txt\"" "\"$share/site/PC2.txt\"" "\"$share/site/PC3.log\"" >"$tmp/want"
check "include/exclude: the files picked, in name order" diff -u "$tmp/want" "$tmp/pick.csv"
check "include/exclude: a note counts what was left out" grep -qxF "dsregdiag: left out 2 files in folders that --include or --exclude did not pick" "$tmp/err"
"$exe" "${now[@]}" -f csv --columns source --include 'PC[!1]*' "$share" 2>/dev/null | tr -d '\r' >"$tmp/set.csv"
printf '%s\n' '"source"' "\"$share/site/PC2.txt\"" "\"$share/site/PC3.log\"" >"$tmp/want"
check "include with a negated set" diff -u "$tmp/want" "$tmp/set.csv"
"$exe" "${now[@]}" -f csv --columns source --include '*.TXT' "$share" >"$tmp/case.csv" 2>/dev/null
check "include: case matters off Windows (no rows, an error row for the folder)" test "$(grep -c '\.txt"$' "$tmp/case.csv")" -eq 0
"$exe" "${now[@]}" -f csv --columns source --include '*.txt' "$share/README.md" >"$tmp/named.csv" 2>/dev/null
check "include: a FILE named on the command line is read anyway" grep -qF "README.md" "$tmp/named.csv"
# A hostile pattern on a long name stays fast.
long=$(printf 'a%.0s' $(seq 1 200))
: >"$tmp/junk/$long"
pattern=$(printf '*a%.0s' $(seq 1 100))b
timeout 10 "$exe" --include "$pattern" "$tmp/junk" >/dev/null 2>&1
check "a pathological pattern ends at once" test $? -eq 2

# --- shell completions ----------------------------------------------------------
"$exe" --completion bash >"$tmp/c.bash"
check "completion bash: exit 0" test $? -eq 0
check "completion bash: parses" bash -n "$tmp/c.bash"
for sh in zsh fish; do
  "$exe" --completion "$sh" >"$tmp/c.$sh"
  if command -v "$sh" >/dev/null 2>&1; then
    check "completion $sh: parses" "$sh" -n "$tmp/c.$sh"
  else
    echo "note: $sh missing: its script is not parsed (.ci/run installs it)"
  fi
done
"$exe" --completion powershell >"$tmp/c.powershell"
check "completion powershell: exit 0" test $? -eq 0
opens=$(tr -cd '{' <"$tmp/c.powershell" | wc -c)
closes=$(tr -cd '}' <"$tmp/c.powershell" | wc -c)
check "completion powershell: braces balance" test "$opens" -eq "$closes"
check "completion powershell: quotes pair on every line" test "$(awk -F"'" 'NF % 2 == 0' "$tmp/c.powershell" | wc -l)" -eq 0
# Every option of --help, in every script.
"$exe" --help | sed -n 's/^ *\(-., \)\{0,1\}--\([a-z-]*\).*/\2/p' | sort -u >"$tmp/options"
check "help lists the options" test "$(wc -l <"$tmp/options")" -ge 20
for sh in bash zsh fish powershell; do
  missing=""
  while read -r o; do
    case $sh in
    fish) grep -qE -- "-l $o( |$)" "$tmp/c.$sh" || missing="$missing $o" ;;
    *) grep -qE -- "--$o([^a-z-]|$)" "$tmp/c.$sh" || missing="$missing $o" ;;
    esac
  done <"$tmp/options"
  check "completion $sh: every option (missing:$missing)" test -z "$missing"
done
# The bash function completes for real.
complete_bash() { # WORDS...: the words of the line, the last being completed
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _dsregdiag; printf "%s\n" "${COMPREPLY[@]}"' _ "$tmp/c.bash" "$@"
}
check "bash: --form completes to --format" test "$(complete_bash dsregdiag --form)" = "--format"
check "bash: --format values" test "$(complete_bash dsregdiag --format '' | tr '\n' ' ')" = "text md json csv capture line html "
check "bash: -f j completes to json" test "$(complete_bash dsregdiag -f j)" = "json"
check "bash: --color=al (split at =)" test "$(complete_bash dsregdiag --color = al)" = "always"
check "bash: --color takes no next word" test "$(complete_bash dsregdiag --color "$tmp/c.b")" = "$tmp/c.bash"
check "bash: --disable offers rule ids" test "$(complete_bash dsregdiag --disable cert-exp)" = "cert-expired
cert-expiring"
check "bash: --completion values" test "$(complete_bash dsregdiag --completion p)" = "powershell"
check "bash: operands are files" test "$(complete_bash dsregdiag "$tmp/c.ba")" = "$tmp/c.bash"
"$exe" --completion tcsh >/dev/null 2>"$tmp/err"
check "completion of an unknown shell: exit 2" test $? -eq 2
check "completion of an unknown shell: says which are known" test "$(cat "$tmp/err")" = "dsregdiag: invalid argument 'tcsh' for '--completion' (bash, zsh, fish or powershell)
$hint"

checks_done
