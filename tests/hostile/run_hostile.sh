#!/usr/bin/env bash
# One hostile input through the real executable, piped in as dsregcmd's
# output would be.
#
#   run_hostile.sh DSREGDIAG HOSTILE_GEN HOSTILE_MEASURE CASE SIZE RSS_KIB
#
# The input is generated at test time (hostile_gen CASE SIZE) and never
# stored.  It is run twice, at SIZE/2 and at SIZE, under hostile_measure
# (CPU time and peak RSS of dsregdiag alone, from wait4: the numbers of
# /usr/bin/time -f "%U %S %M" without needing that package), and the test
# checks:
#   - the outcome: a clear diagnostic (exit 2, the exact message on stderr
#     and the same as a JSON error record on stdout) or a parsed capture
#     whose JSON says what happened past the parser's limits (dropped_lines
#     and its note, every item line either kept or counted, the U+FFFD
#     count);
#   - linear time: the CPU time at SIZE is at most 2.5 times the one at
#     SIZE/2 (plus 0.05 s for clock noise on small numbers);
#   - bounded memory: peak RSS of dsregdiag under RSS_KIB at both sizes
#     (RSS_KIB 0 skips that, for sanitizer builds, whose shadow memory is
#     not the program's).
# Captures are also written as text and CSV at SIZE, which must give the
# same exit status, and the text report must hold no raw control byte.
set -u
exe=$1 gen=$2 measure=$3 case=$4 size=$5 rss_limit=$6
version=$("$exe" --version)
version=${version#dsregdiag }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C NO_COLOR=1
fail=0
bad() {
  echo "FAIL: $case: $*"
  fail=1
}

# run SIZE TAG ARGS...: generate, pipe into dsregdiag; sets rc, cpu, rss.
run() {
  local n=$1 tag=$2
  shift 2
  "$gen" "$case" "$n" "$tmp/expect" |
    "$measure" "$tmp/stat" "$exe" --now 2025-01-01T00:00:00Z "$@" \
      >"$tmp/$tag.out" 2>"$tmp/$tag.err"
  local st=("${PIPESTATUS[@]}")
  rc=${st[1]}
  # 141 (SIGPIPE): dsregdiag gave up on binary data and stopped reading.
  if [ "${st[0]}" -ne 0 ] &&
    ! { [ "${st[0]}" -eq 141 ] && grep -q ': not text: ' "$tmp/$tag.err"; }; then
    bad "hostile_gen exited ${st[0]}"
    exit 1
  fi
  read -r cpu rss <"$tmp/stat" || {
    bad "no measurement (exit $rc)"
    exit 1
  }
  echo "$case: size $n, $tag: exit $rc, cpu ${cpu}s, peak RSS ${rss} KiB"
  if [ "$rc" -ge 128 ] || [ "$rc" -gt 2 ]; then
    bad "$tag: dsregdiag died (exit $rc)"
    sed 's/^/  stderr: /' "$tmp/$tag.err" | head -20
  fi
  if [ "$rss_limit" -gt 0 ] && [ "$rss" -gt "$rss_limit" ]; then
    bad "$tag: peak RSS $rss KiB is over $rss_limit KiB"
  fi
}

half=$((size / 2))
run "$half" half --format json
rc_half=$rc cpu_half=$cpu
run "$size" full --format json
rc_full=$rc cpu_full=$cpu
items=0 replacements=0
# shellcheck disable=SC1091
. "$tmp/expect" # items=, replacements= for SIZE

if [ "$rc_half" -ne "$rc_full" ]; then
  bad "exit $rc_half at size $half but $rc_full at size $size"
fi
linear() { awk -v a="$cpu_half" -v b="$cpu_full" 'BEGIN { exit !(b <= 2.5 * a + 0.05) }'; }
# CPU time on a shared machine moves with what else runs: before calling a
# case quadratic, both sizes are timed twice more and the best of each kept
# (the outputs compared below are those of the first runs).
for again in 1 2; do
  linear && break
  cp "$tmp/full.out" "$tmp/first.out"
  cp "$tmp/full.err" "$tmp/first.err"
  best_half=$cpu_half best_full=$cpu_full
  run "$half" half --format json
  best_half=$(awk -v a="$best_half" -v b="$cpu" 'BEGIN { print (b < a ? b : a) }')
  run "$size" full --format json
  best_full=$(awk -v a="$best_full" -v b="$cpu" 'BEGIN { print (b < a ? b : a) }')
  cpu_half=$best_half cpu_full=$best_full
  mv "$tmp/first.out" "$tmp/full.out"
  mv "$tmp/first.err" "$tmp/full.err"
  : "$again"
done
if ! linear; then
  bad "not linear: ${cpu_half}s at size $half, ${cpu_full}s at size $size (best of 3)"
fi

# expect_diag MESSAGE: exit 2, "dsregdiag: <stdin>: MESSAGE" on stderr and
# the JSON error record on stdout, nothing else.
expect_diag() {
  [ "$rc_full" -eq 2 ] || bad "exit $rc_full, expected 2"
  if [ "$(cat "$tmp/full.err")" != "dsregdiag: <stdin>: $1" ]; then
    bad "stderr was:"
    head -c 500 "$tmp/full.err" | sed 's/^/  | /'
    echo "  expected:"
    echo "dsregdiag: <stdin>: $1" | sed 's/^/  | /'
  fi
  local rec
  rec=$(jq -nc --arg m "$1" --arg v "$version" \
    '{schema: 1, version: $v, source: "<stdin>", error: $m}')
  if [ "$(cat "$tmp/full.out")" != "$rec" ]; then
    bad "stdout was: $(head -c 300 "$tmp/full.out"), expected $rec"
  fi
}

# jcheck DESCRIPTION JQ_FILTER: the filter must be true of the JSON record.
jcheck() {
  local got
  got=$(jq -r "$2" "$tmp/full.out" 2>&1)
  [ "$got" = "true" ] || bad "$1 ($2 gave: $(echo "$got" | head -c 300))"
}

# A parsed capture: valid JSON in valid UTF-8, limits held, every line that
# made an item kept or counted, and the note that says so.
expect_capture() {
  local want_items=$1
  case $rc_full in 0 | 1) ;; *) bad "exit $rc_full, expected 0 or 1 (a capture)" ;; esac
  [ -s "$tmp/full.err" ] && bad "stderr: $(head -c 300 "$tmp/full.err")"
  if [ "$(wc -l <"$tmp/full.out")" -ne 1 ]; then
    bad "expected one JSON line, got $(wc -l <"$tmp/full.out")"
    return
  fi
  jq -e . "$tmp/full.out" >/dev/null || {
    bad "jq rejects the JSON output"
    return
  }
  iconv -f UTF-8 -t UTF-8 "$tmp/full.out" >/dev/null 2>&1 || bad "output is not valid UTF-8"
  jcheck "limits" '(.sections | length) <= 16384 and
    ([.sections[] | length] | add) <= 16384 and (.unparsed | length) <= 16384
    and (.notes | length) <= 16384'
  if [ -n "$want_items" ]; then
    jcheck "every item line kept or counted ($want_items)" \
      "(.sections | length) + ([.sections[] | length] | add) +
       (.unparsed | length) + .dropped_lines == $want_items"
  fi
  # shellcheck disable=SC2016 # $r is a jq variable
  jcheck "the dropped-lines note" '. as $r | ($r.dropped_lines == 0 and
      ([.notes[] | select(.message | test("past the per-capture limit"))]
       | length) == 0) or
    ([.notes[] | select(.line == 0 and .message ==
      "\($r.dropped_lines) lines past the per-capture limit were not kept")]
     | length) == 1'
  # The same capture as text and as CSV, at full size.
  run "$size" text --format text
  [ "$rc" -eq "$rc_full" ] || bad "text: exit $rc, json gave $rc_full"
  if grep -q "$(printf '[\001-\011\013-\037\177]')" "$tmp/text.out" ||
    grep -q "$(printf '\302[\200-\237]')" "$tmp/text.out"; then
    bad "text report holds a raw control character (C0, DEL or C1)"
  fi
  run "$size" csv --format csv
  [ "$rc" -eq "$rc_full" ] || bad "csv: exit $rc, json gave $rc_full"
  [ "$(head -c 8 "$tmp/csv.out")" = '"source"' ] || bad "csv: no header row"
}

case $case in
longline)
  expect_diag "no dsregcmd /status output found in 1 line (utf-8)"
  ;;
zeros)
  # Given up after 1 MiB of bytes that do not decode, not read to the end.
  expect_diag "not text: 1048576 bytes in a row did not decode (given up at byte 1048576)"
  ;;
rules-bare)
  expect_diag "no dsregcmd /status output found in $size lines (utf-8)"
  ;;
binary)
  if [ "$rc_full" -ne 2 ] ||
    [ "$(jq -r .error "$tmp/full.out")" != "$(sed 's/^dsregdiag: <stdin>: //' "$tmp/full.err")" ] ||
    ! grep -Eqx 'dsregdiag: <stdin>: not text: [0-9]+ bytes in a row did not decode \(given up at byte [0-9]+\)' "$tmp/full.err"; then
    bad "expected exit 2 and 'not text: ... given up', got exit $rc_full:"
    head -c 500 "$tmp/full.err"
  fi
  ;;
longfield)
  expect_capture "$items"
  # 16384 bytes kept: the 29 of "               Device Name : ", the rest
  # of the value.
  jcheck "value cut at the line limit" \
    '(.sections["Device State"]["Device Name"] | length) == 16355 and
     .typed.device_state.device_name == .sections["Device State"]["Device Name"]
     and .dropped_lines == 0'
  jcheck "the cut-line note" \
    '[.notes[] | select(.message == "line is longer than 16384 bytes; the rest was cut")] | length == 1'
  ;;
sections)
  expect_capture "$items"
  jcheck "dropped lines" '.dropped_lines > 0 and (.sections | length) == 16384'
  jcheck "each field in its own section" \
    '[.sections | to_entries[] | select(.key | startswith("Extra ")) |
      select((.value | keys) - ["K" + (.key | ltrimstr("Extra "))] | length > 0)]
     | length == 0'
  ;;
keys)
  expect_capture "$items"
  jcheck "dropped lines" '.dropped_lines > 0 and (.sections["Device State"] | length) == 16384'
  ;;
repeated)
  expect_capture "$items"
  jcheck "notes full, the dropped-lines note kept" \
    '(.notes | length) == 16384 and .dropped_lines > 0 and .notes[-1].line == 0'
  ;;
rules)
  expect_capture "$items"
  jcheck "no item from rules" '.dropped_lines == 0 and (.sections | length) == 1 and (.unparsed | length) == 0'
  ;;
nul)
  expect_capture "$items"
  jcheck "NUL turned into U+FFFD, all counted" \
    ".replacements == $replacements and
     .sections[\"Nul Bytes\"].N1 == \"a\ufffdb\ufffd\ufffdc\" and
     .unparsed[0].text == \"\ufffd\ufffd\ufffd\ufffd\""
  ;;
binary-capture)
  # The capture before the noise is kept; the source is then given up.
  [ "$rc_full" -eq 2 ] || bad "exit $rc_full, expected 2"
  grep -Eqx 'dsregdiag: <stdin>: not text: [0-9]+ bytes in a row did not decode \(given up at byte [0-9]+\)' "$tmp/full.err" ||
    bad "stderr: $(head -c 300 "$tmp/full.err")"
  [ "$(wc -l <"$tmp/full.out")" -eq 2 ] || bad "expected the capture and an error record"
  [ "$(head -n 1 "$tmp/full.out" | jq -r '.replacements > 0 and .capture == 1')" = true ] ||
    bad "the capture before the noise is missing"
  [ "$(tail -n 1 "$tmp/full.out" | jq -r '.error | startswith("not text: ")')" = true ] ||
    bad "no error record for the noise"
  ;;
utf16)
  expect_capture "$items"
  jcheck "lone surrogates and the odd byte counted" \
    ".encoding == \"utf-16le-bom\" and .replacements == $replacements and
     .sections.Surrogates.S1 == \"a\ufffdb\ufffd\ud83d\ude00\ufffd\""
  ;;
overlong)
  expect_capture "$items"
  jcheck "every overlong form refused" \
    ".replacements == $replacements and
     ([.sections.Overlong[] | select(test(\"^a\ufffd+b\$\") | not)] | length) == 0"
  ;;
workaccounts)
  expect_capture "$items"
  jcheck "Work Account sections" \
    '(.typed.work_accounts | length) > 1000 and
     (.sections | has("Work Account 2 #2")) and .dropped_lines > 0'
  ;;
*)
  bad "unknown case"
  ;;
esac
[ $fail -eq 0 ] && echo "ok: $case"
exit $fail
