#!/usr/bin/env bash
# --diff BEFORE AFTER (issue 15, item 2) through the executable: two files
# or one log of two captures, text and JSON, typed changes, findings
# resolved and new, exit statuses and usage errors.
#
#   run_diff_tests.sh DSREGDIAG SOURCE_DIR
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"
broken=fixtures/synthetic/hybrid_cert_expired.txt
healthy=fixtures/synthetic/entra_joined_healthy.txt
hint="Try 'dsregdiag --help' for more information."

# BEFORE: the broken hybrid device with a Client Time; AFTER: the same
# device after a re-join: certificate renewed, DeviceAuthStatus SUCCESS, a
# PRT, 3 h 12 min later.
sed "/^| Diagnostic Data/{n;a\\
               Client Time : 2025-03-01 08:00:00.000 UTC
}" "$broken" >"$tmp/before.txt"
sed -e 's/2024-06-01 10:35:21.000 UTC ]/2035-05-24 10:35:21.000 UTC ]/' \
  -e 's/2014-06-01 10:05:21.000 UTC --/2025-02-24 10:05:21.000 UTC --/' \
  -e 's/DeviceAuthStatus : FAILED. Device is either disabled or deleted/DeviceAuthStatus : SUCCESS/' \
  -e 's/^\( *\)AzureAdPrt : NO/\1AzureAdPrt : YES\
      AzureAdPrtUpdateTime : 2025-03-01 11:12:00.000 UTC/' \
  -e 's/Client Time : 2025-03-01 08:00:00.000 UTC/Client Time : 2025-03-01 11:12:00.000 UTC/' \
  "$tmp/before.txt" >"$tmp/after.txt"

"$exe" --diff "$tmp/before.txt" "$tmp/after.txt" >"$tmp/out" 2>"$tmp/err"
st=$?
check "diff text: exit 0 (AFTER has no error)" test $st -eq 0
check "diff text: nothing on stderr" test ! -s "$tmp/err"
check "diff text: heading" grep -qxF "Comparing $tmp/before.txt (before) with $tmp/after.txt (after)" "$tmp/out"
check "diff text: join type" grep -qxF "  Join type: Microsoft Entra hybrid joined (unchanged)" "$tmp/out"
check "diff text: certificate renewed" grep -qxF "    Device Details / DeviceCertificateValidity: renewed, now valid to 2035-05-24 (was 2024-06-01)" "$tmp/out"
check "diff text: Client Time moved" grep -qxF "    Diagnostic Data / Client Time: moved 3 h 12 min forward" "$tmp/out"
check "diff text: a flag" grep -qxF "    SSO State / AzureAdPrt: NO -> YES" "$tmp/out"
check "diff text: a field added" grep -qxF "    SSO State / AzureAdPrtUpdateTime: 2025-03-01 11:12:00.000 UTC" "$tmp/out"
check "diff text: cert-expired resolved" grep -qE "^    ERROR \[cert-expired\] device certificate expired on 2024-06-01" "$tmp/out"
check "diff text: device-auth-failed resolved" grep -qF "    ERROR [device-auth-failed]" "$tmp/out"
sed -n '/^  Findings new/,/^  Findings in both/p' "$tmp/out" >"$tmp/new"
check "diff text: nothing resolved is new" test "$(grep -c 'cert-expired\|device-auth-failed' "$tmp/new")" -eq 0

"$exe" --diff -f json "$tmp/before.txt" "$tmp/after.txt" >"$tmp/out.json"
check "diff json: exit 0" test $? -eq 0
check "diff json: one line" test "$(wc -l <"$tmp/out.json")" -eq 1
check "diff json: join types" test "$(jq -c '.diff.join_type' "$tmp/out.json")" = '{"before":"hybrid-joined","after":"hybrid-joined"}'
check "diff json: the validity change" test "$(jq -r '.diff.fields[] | select(.key == "DeviceCertificateValidity") | .description' "$tmp/out.json")" = "renewed, now valid to 2035-05-24 (was 2024-06-01)"
check "diff json: the added field" test "$(jq -c '[.diff.fields[] | select(.change == "added") | .key]' "$tmp/out.json")" = '["AzureAdPrtUpdateTime"]'
check "diff json: resolved rules" test "$(jq -r '[.diff.findings.resolved[].rule] | index("cert-expired") != null' "$tmp/out.json")" = true
check "diff json: after_has_error" test "$(jq '.diff.after_has_error' "$tmp/out.json")" = false

# Reversed: AFTER is the broken one, exit 1.
"$exe" --diff "$tmp/after.txt" "$tmp/before.txt" >"$tmp/out" 2>&1
check "diff reversed: exit 1 (AFTER has an error)" test $? -eq 1
check "diff reversed: cert-expired is new" test "$(sed -n '/^  Findings new/,$p' "$tmp/out" | grep -c '\[cert-expired\]')" -eq 1
check "diff reversed: time moved back" grep -qxF "    Diagnostic Data / Client Time: moved 3 h 12 min back" "$tmp/out"

"$exe" --diff --min-severity error "$tmp/after.txt" "$tmp/before.txt" >"$tmp/out" 2>&1
check "diff --min-severity error: exit 1 still" test $? -eq 1
check "diff --min-severity error: no warning listed" test "$(grep -c '    WARNING \[\|    INFO \[' "$tmp/out")" -eq 0
check "diff --min-severity error: errors listed" grep -qF "    ERROR [cert-expired]" "$tmp/out"

# One log of exactly two captures.
cat "$tmp/before.txt" "$tmp/after.txt" >"$tmp/two.log"
"$exe" --diff -f json "$tmp/two.log" >"$tmp/log.json"
check "diff of a log: exit 0" test $? -eq 0
check "diff of a log: names its captures" test "$(jq -r '[.diff.before, .diff.after] | join(" ")' "$tmp/log.json")" = "$tmp/two.log#1 $tmp/two.log#2"
check "diff of a log: the same comparison" test "$(jq -c '.diff.fields' "$tmp/log.json")" = "$(jq -c '.diff.fields' "$tmp/out.json")"
# -o FILE, and another join type.
"$exe" --diff -o "$tmp/report.txt" fixtures/synthetic/not_joined.txt "$healthy"
check "diff -o: exit 0" test $? -eq 0
check "diff -o: join type changed" grep -qxF "  Join type: Microsoft Entra joined, was not joined" "$tmp/report.txt"

# Usage errors and sources that do not fit.
"$exe" --diff "$tmp/before.txt" >/dev/null 2>"$tmp/err"
check "diff of one capture: exit 2" test $? -eq 2
check "diff of one capture: says why" test "$(cat "$tmp/err")" = "dsregdiag: $tmp/before.txt: holds 1 capture; '--diff' with one FILE compares a log of exactly two"
"$exe" --diff "$tmp/two.log" "$tmp/after.txt" >/dev/null 2>"$tmp/err"
check "diff, BEFORE of two captures: exit 2" test $? -eq 2
check "diff, BEFORE of two captures: says why" test "$(cat "$tmp/err")" = "dsregdiag: $tmp/two.log: holds 2 captures; '--diff' with two FILEs compares one capture of each"
"$exe" --diff a b c >/dev/null 2>"$tmp/err"
check "diff of three: exit 2" test $? -eq 2
check "diff of three: usage" test "$(cat "$tmp/err")" = "dsregdiag: '--diff' needs BEFORE AFTER (two FILEs, or one log of exactly two captures)
$hint"
"$exe" --diff -f csv "$tmp/before.txt" "$tmp/after.txt" >/dev/null 2>"$tmp/err"
check "diff as csv: exit 2" test $? -eq 2
check "diff as csv: says why" test "$(cat "$tmp/err")" = "dsregdiag: '--diff' writes text or json, and takes no '--summary', '--latest' or '--live'
$hint"
# md and html: refused the same way, not printed as text
for f in md html; do
  "$exe" --diff -f "$f" "$tmp/before.txt" "$tmp/after.txt" >"$tmp/out" 2>"$tmp/err"
  check "diff as $f: exit 2" test $? -eq 2
  check "diff as $f: says why, prints nothing" test "$(cat "$tmp/err")" = "dsregdiag: '--diff' writes text or json, and takes no '--summary', '--latest' or '--live'
$hint" -a ! -s "$tmp/out"
done
"$exe" --diff "$tmp/missing.txt" "$tmp/after.txt" >/dev/null 2>"$tmp/err"
check "diff of a missing file: exit 2" test $? -eq 2
check "diff of a missing file: names it" grep -qF "dsregdiag: $tmp/missing.txt: cannot open" "$tmp/err"
printf 'nothing\n' >"$tmp/empty.txt"
"$exe" --diff "$tmp/empty.txt" "$tmp/after.txt" >/dev/null 2>"$tmp/err"
check "diff of no capture: exit 2" test $? -eq 2
check "diff of no capture: says so" test "$(cat "$tmp/err")" = "dsregdiag: $tmp/empty.txt: no dsregcmd /status output found"
"$exe" --diff "$tmp/before.txt" - <"$tmp/after.txt" >/dev/null 2>&1
check "diff with AFTER on stdin: exit 0" test $? -eq 0

checks_done
