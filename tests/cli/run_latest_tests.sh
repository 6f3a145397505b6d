#!/usr/bin/env bash
# --latest (issue 15, item 4) through the executable: per device (DeviceId,
# else device name, else file) only the newest capture (Client Time, else
# the file's modification time), in every format and the summary, with a
# count of the older captures skipped; deterministic whatever --jobs.
#
#   run_latest_tests.sh DSREGDIAG SOURCE_DIR
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C TZ=UTC
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"
now=(--now 2025-03-09T11:00:00Z)
healthy=fixtures/synthetic/entra_joined_healthy.txt # DeviceId b3e8fae8-...
broken=fixtures/synthetic/hybrid_cert_expired.txt   # DeviceId f67120ac-...
hint="Try 'dsregdiag --help' for more information."

# with_time FILE TIME: FILE's capture with "Client Time : TIME" added to its
# Diagnostic Data.
with_time() {
  sed "/^| Diagnostic Data/{n;a\\
               Client Time : $2
}" "$1"
}
csv_rows() { # the CSV on stdin, without CR, header dropped
  tr -d '\r' | tail -n +2
}

# --- DeviceId and Client Time ----------------------------------------------
fleet=$tmp/fleet
mkdir -p "$fleet/2025-03-01" "$fleet/2025-03-05" "$fleet/2025-03-03"
with_time "$healthy" "2025-03-01 10:00:00.000 UTC" >"$fleet/2025-03-01/LT042.txt"
with_time "$healthy" "2025-03-05 10:00:00.000 UTC" >"$fleet/2025-03-05/LT042.txt"
# The same device, its DeviceId in capitals and braces: still the same.
with_time "$healthy" "2025-03-03 10:00:00.000 UTC" |
  sed 's/b3e8fae8-4455-41d3-99fa-db5cfe7ebd65/{B3E8FAE8-4455-41D3-99FA-DB5CFE7EBD65}/' >"$fleet/2025-03-03/LT042.txt"
cp "$broken" "$fleet/2025-03-03/DT009.txt"
cols=(--columns "source,device_name,client_time")
"$exe" "${now[@]}" --latest -f csv "${cols[@]}" "$fleet" >"$tmp/out" 2>"$tmp/err"
check "latest: exit 1 (DT009 has errors)" test $? -eq 1
csv_rows <"$tmp/out" >"$tmp/rows"
printf '%s\n' "\"$fleet/2025-03-03/DT009.txt\",\"CONTOSO-DT009.corp.contoso.com\",\"\"" \
  "\"$fleet/2025-03-05/LT042.txt\",\"CONTOSO-LT042\",\"2025-03-05T10:00:00.000Z\"" >"$tmp/want"
check "latest csv: one row per device, the newest, in source order" diff -u "$tmp/want" "$tmp/rows"
check "latest: a note counts what was skipped" test "$(cat "$tmp/err")" = "dsregdiag: --latest: the newest capture of 2 devices kept, 2 older captures skipped"
"$exe" "${now[@]}" -f csv "${cols[@]}" "$fleet" 2>/dev/null | csv_rows >"$tmp/all"
check "without --latest: every capture" test "$(wc -l <"$tmp/all")" -eq 4

"$exe" "${now[@]}" --latest -f json "$fleet" >"$tmp/out.json" 2>/dev/null
check "latest json: two records" test "$(wc -l <"$tmp/out.json")" -eq 2
check "latest json: the newest LT042" test "$(jq -r 'select(.typed.device_state.device_name == "CONTOSO-LT042") | .source' "$tmp/out.json")" = "$fleet/2025-03-05/LT042.txt"
"$exe" "${now[@]}" --latest "$fleet" >"$tmp/out.txt" 2>/dev/null
check "latest text: two reports" test "$(grep -c ': capture 1 (lines' "$tmp/out.txt")" -eq 2
check "latest text: the old ones are not there" test "$(grep -c '2025-03-01\|2025-03-03/LT042' "$tmp/out.txt")" -eq 0

# The summary: counts the kept captures and says how many were skipped.
"$exe" "${now[@]}" --latest --summary "$fleet" >"$tmp/sum.txt" 2>/dev/null
check "latest summary text" grep -qx "Summary: 2 captures from 4 sources (--latest: 2 older captures of the same devices skipped): 1 Microsoft Entra hybrid joined, 1 Microsoft Entra joined." "$tmp/sum.txt"
"$exe" "${now[@]}" --latest --summary -f json "$fleet" 2>/dev/null | tail -1 >"$tmp/sum.json"
check "latest summary JSON" test "$(jq -c '.summary | [.sources, .captures, .older_skipped]' "$tmp/sum.json")" = "[4,2,2]"
"$exe" "${now[@]}" --summary -f json "$fleet" 2>/dev/null | tail -1 >"$tmp/sum-all.json"
check "summary JSON without --latest has no older_skipped" test "$(jq -c '.summary | has("older_skipped")' "$tmp/sum-all.json")" = "false"

# Deterministic whatever the number of jobs.
"$exe" "${now[@]}" --latest -f csv --jobs 1 "$fleet" >"$tmp/j1.csv" 2>/dev/null
"$exe" "${now[@]}" --latest -f csv --jobs 4 "$fleet" >"$tmp/j4.csv" 2>/dev/null
check "latest: --jobs 4 gives what --jobs 1 gives" cmp -s "$tmp/j1.csv" "$tmp/j4.csv"

# The exit status is that of the captures kept: the device was fixed.
fixed=$tmp/fixed
mkdir "$fixed"
with_time "$broken" "2025-03-01 08:00:00.000 UTC" |
  sed 's/f67120ac-15da-4898-ba30-8cd47bc7df8e/b3e8fae8-4455-41d3-99fa-db5cfe7ebd65/' >"$fixed/a-before.txt"
with_time "$healthy" "2025-03-02 08:00:00.000 UTC" >"$fixed/b-after.txt"
"$exe" "${now[@]}" "$fixed" >/dev/null 2>&1
check "every capture: exit 1 (the broken one counts)" test $? -eq 1
"$exe" "${now[@]}" --latest -f csv "${cols[@]}" "$fixed" >"$tmp/out" 2>/dev/null
check "latest: exit 0 (only the fixed one counts)" test $? -eq 0
check "latest: the fixed capture" test "$(csv_rows <"$tmp/out" | cut -d, -f1)" = "\"$fixed/b-after.txt\""

# --- no Client Time: the file's modification time ------------------------------
mt=$tmp/mtime
mkdir "$mt"
cp "$healthy" "$mt/a.txt"
cp "$healthy" "$mt/b.txt"
cp "$healthy" "$mt/c.txt"
touch -d '2025-03-01 10:00:00' "$mt/a.txt"
touch -d '2025-03-07 10:00:00' "$mt/b.txt" # the newest, though not last
touch -d '2025-03-04 10:00:00' "$mt/c.txt"
"$exe" "${now[@]}" --latest -f csv --columns source "$mt" 2>/dev/null | csv_rows >"$tmp/rows"
check "no Client Time: the newest file wins" test "$(cat "$tmp/rows")" = "\"$mt/b.txt\""
# A Client Time beats the file time of a capture without one.
with_time "$healthy" "2025-03-08 00:00:00.000 UTC" >"$mt/d.txt"
touch -d '2025-01-01 00:00:00' "$mt/d.txt"
"$exe" "${now[@]}" --latest -f csv --columns source "$mt" 2>/dev/null | csv_rows >"$tmp/rows"
check "Client Time 2025-03-08 beats files of 2025-03-07" test "$(cat "$tmp/rows")" = "\"$mt/d.txt\""

# --- device name, else the file -----------------------------------------------
nm=$tmp/names
mkdir "$nm"
# not_joined has a Device Name, no DeviceId and no Diagnostic Data.
cp fixtures/synthetic/not_joined.txt "$nm/1.txt"
sed 's/CONTOSO-LT042/contoso-lt042/' fixtures/synthetic/not_joined.txt >"$nm/2.txt"
touch -d '2025-03-02 10:00:00' "$nm/1.txt"
touch -d '2025-03-01 10:00:00' "$nm/2.txt"
"$exe" "${now[@]}" --latest -f csv --columns source "$nm" 2>"$tmp/err" | csv_rows >"$tmp/rows"
check "by device name, in any case" test "$(cat "$tmp/rows")" = "\"$nm/1.txt\""
# A log of captures without DeviceId or name: the file is the device, and
# of captures equally new the later one in the file wins.
sed '/Device Name/d' fixtures/synthetic/not_joined.txt >"$tmp/anon.txt"
cat "$tmp/anon.txt" "$tmp/anon.txt" "$tmp/anon.txt" >"$nm/anon.log"
"$exe" "${now[@]}" --latest -f csv --columns source,capture "$nm/anon.log" 2>"$tmp/err" | csv_rows >"$tmp/rows"
check "by file: the last capture of the log" test "$(cat "$tmp/rows")" = "\"$nm/anon.log\",\"3\""
check "by file: two skipped" test "$(cat "$tmp/err")" = "dsregdiag: --latest: the newest capture of 1 device kept, 2 older captures skipped"
# In one log, Client Time decides, not the position.
{
  with_time "$healthy" "2025-03-05 10:00:00.000 UTC"
  with_time "$healthy" "2025-03-02 10:00:00.000 UTC"
} >"$nm/log-newest-first.log"
"$exe" "${now[@]}" --latest -f csv --columns source,capture,client_time "$nm/log-newest-first.log" 2>/dev/null | csv_rows >"$tmp/rows"
check "in one log: the newest by Client Time" test "$(cat "$tmp/rows")" = "\"$nm/log-newest-first.log\",\"1\",\"2025-03-05T10:00:00.000Z\""

# --- failures still reported; standard input refused ----------------------------
printf 'no capture here\n' >"$fleet/notes.txt"
"$exe" "${now[@]}" --latest -f csv --columns source,error "$fleet" >"$tmp/out" 2>"$tmp/err"
check "latest with a bad source: exit 2" test $? -eq 2
check "latest: the bad source is reported once" test "$(grep -c 'notes.txt' "$tmp/err")" -eq 1
check "latest: and gets its error row" grep -q "notes.txt\",\"no dsregcmd /status output found" "$tmp/out"
"$exe" --latest <"$healthy" >/dev/null 2>"$tmp/err"
check "latest on stdin: exit 2" test $? -eq 2
check "latest on stdin: says why" test "$(cat "$tmp/err")" = "dsregdiag: '--latest' needs FILE or folder arguments (it reads them twice; standard input cannot be)
$hint"
"$exe" --latest "$healthy" - </dev/null >/dev/null 2>&1
check "latest with - among FILEs: exit 2" test $? -eq 2

checks_done
