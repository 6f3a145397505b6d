#!/usr/bin/env bash
# --format md through two CommonMark parsers, cmark (the reference) and
# cmark-gfm (GitHub's, with its table extension): the report parses into the
# structure it means (a heading per capture, the facts table, the findings
# and the plan as lists, commands as code spans, the --summary tables), and
# a hostile device or file name stays text: no HTML node, no emphasis, no
# extra table cell.
#
#   run_md_tests.sh DSREGDIAG SOURCE_DIR
# shellcheck disable=SC2015 # `test && ok || bad`: ok only adds 1 to a counter, it cannot fail
set -u
exe=$1 src=$2
cd "$src" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() {
  echo "FAIL: $1"
  fail=$((fail + 1))
}
for tool in cmark cmark-gfm; do
  if ! command -v "$tool" >/dev/null; then
    echo "FAIL: $tool is not installed (apt-get install cmark cmark-gfm)"
    exit 1
  fi
done

# The certificate fixture under a hostile device name, and under a hostile
# file name too.
hostile='<script>alert(1)</script>|**x**'
awk -v name="$hostile" '/^ *Device Name :/ { sub(/:.*/, ": " name) } { print }' \
  fixtures/synthetic/hybrid_cert_expired.txt >"$tmp/<b>bold<\b> #1 *x*.txt"
"$exe" --now 2025-01-15T09:00:00Z --format md --summary \
  "$tmp/<b>bold<\b> #1 *x*.txt" \
  fixtures/corpus/05_domainjoined_server2022_elevated_scp_missing_0x801c001d.txt \
  >"$tmp/out.md" 2>"$tmp/err"
[ $? -eq 1 ] && ok || bad "exit status: errors in the first capture give 1"
cmark --to xml "$tmp/out.md" >"$tmp/cmark.xml" && ok || bad "cmark rejects the output"
cmark-gfm -e table --to xml "$tmp/out.md" >"$tmp/gfm.xml" && ok || bad "cmark-gfm rejects the output"

count() { grep -c -- "$1" "$2"; }
expect_count() { # what pattern file want
  local got
  got=$(count "$2" "$3")
  [ "$got" -eq "$4" ] && ok || bad "$1: $got, expected $4"
}
expect_at_least() {
  local got
  got=$(count "$2" "$3")
  [ "$got" -ge "$4" ] && ok || bad "$1: $got, expected at least $4"
}
expect_line() { # what file fixed-line
  grep -qxF -- "$3" "$2" && ok || bad "$1: no line '$3'"
}

for x in cmark gfm; do
  f=$tmp/$x.xml
  # Nothing from a capture or a file name became HTML.
  expect_count "$x: HTML nodes" '<html_' "$f" 0
  # Two captures and the summary; Findings and Plan in each capture.
  expect_count "$x: level-2 headings" '<heading level="2">' "$f" 3
  expect_count "$x: level-3 headings" '<heading level="3">' "$f" 4
  # The plan: one numbered list per capture.
  expect_count "$x: numbered lists" '<list type="ordered"' "$f" 2
  expect_at_least "$x: list items" '<item>' "$f" 10
  # Commands of the remedies are code spans.
  grep -qF '<code xml:space="preserve">dsregcmd /debug /leave</code>' "$f" &&
    ok || bad "$x: the leave command is no code span"
done

# The tables (GFM): each capture's facts, then the verdicts, join types and
# rules of the summary.
g=$tmp/gfm.xml
expect_count "gfm: tables" '<table>' "$g" 5
# The device name is one text node of one cell, as written in the capture.
expect_line "gfm: hostile name as text" "$g" \
  '        <text xml:space="preserve">&lt;script&gt;alert(1)&lt;/script&gt;|**x**</text>'
# The file name in the heading is text too.
grep -qF '&lt;b&gt;bold&lt;\b&gt; #1 *x*.txt, capture 1' "$g" && ok || bad "gfm: file name in the heading"
# Each facts row has two cells: the '|' in the name split none.
awk '/<table_row>/ { n = 0 } /<table_cell>/ { n++ } /<\/table_row>/ { if (n != 2 && n != 5) bad = 1 } END { exit bad }' "$g" &&
  ok || bad "gfm: a table row with a stray cell"
# Emphasis only where the writer puts it: the verdicts, severities, labels.
strong=$(count '<strong>' "$g")
ours=$(grep -c -E '^\*\*[A-Z]+\*\*|- \*\*(ERROR|WARNING|INFO)\*\*|^\*\*Not judged:\*\*' "$tmp/out.md")
[ "$strong" -eq "$ours" ] && ok || bad "gfm: $strong strong nodes, the writer put $ours"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
