#!/usr/bin/env bash
# Fleet mode: folders of captures, bad files in the batch, CSV, --columns,
# --jobs order, --summary.
#
#   run_fleet_tests.sh DSREGDIAG SOURCE_DIR
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"

# A share as admins have them: good captures, sub-folders, an empty file,
# binary junk, a dangling link, a link looping back, a FIFO.
fleet=$tmp/fleet
mkdir -p "$fleet/site-a/floor 2" "$fleet/site-b"
cp fixtures/synthetic/entra_joined_healthy.txt "$fleet/site-a/PC001.txt"
cp fixtures/synthetic/hybrid_cert_expired.txt "$fleet/site-a/floor 2/PC002.log"
cp fixtures/synthetic/multi_capture.log "$fleet/site-b/daily.log"
cp fixtures/corpus/05_domainjoined_server2022_elevated_scp_missing_0x801c001d.txt "$fleet/site-b/SRV01"
: >"$fleet/site-b/empty.txt"
awk 'BEGIN { srand(3); for (i = 0; i < 4096; i++) printf "%c", int(rand() * 256) }' >"$fleet/site-a/junk.bin"
ln -s "$fleet/nowhere.txt" "$fleet/site-a/dangling.txt"
ln -s "$fleet" "$fleet/site-b/loop"
mkfifo "$fleet/site-b/pipe" 2>/dev/null || true

opts=(--now 2025-03-04T08:00:01Z)
"$exe" "${opts[@]}" --format csv --jobs 1 "$fleet" >"$tmp/j1.csv" 2>"$tmp/j1.err"
st=$?
check "fleet exit status 2 (bad sources in the batch)" test $st -eq 2
# Sorted walk: rows in name order, bad sources as error rows.
cut -d, -f1,2 "$tmp/j1.csv" | tr -d '"' >"$tmp/rows"
cat >"$tmp/want" <<ROWS
source,capture
$fleet/site-a/PC001.txt,1
$fleet/site-a/dangling.txt,
$fleet/site-a/floor 2/PC002.log,1
$fleet/site-a/junk.bin,
$fleet/site-b/SRV01,1
$fleet/site-b/daily.log,1
$fleet/site-b/daily.log,2
$fleet/site-b/daily.log,3
$fleet/site-b/empty.txt,
ROWS
if diff -u "$tmp/want" "$tmp/rows"; then ok; else bad "fleet rows and order"; fi
check "error row for the dangling link" grep -q '"cannot open: No such file or directory"' "$tmp/j1.csv"
check "error row for the empty file" grep -q '"empty input: no dsregcmd /status output found"' "$tmp/j1.csv"
check "loop skipped with a note" grep -q "^dsregdiag: $fleet/site-b/loop: skipped: link loop$" "$tmp/j1.err"
if [ -p "$fleet/site-b/pipe" ]; then
  check "FIFO skipped with a note" grep -q "^dsregdiag: $fleet/site-b/pipe: skipped: not a regular file$" "$tmp/j1.err"
fi
check "stderr names the dangling link" grep -q "^dsregdiag: $fleet/site-a/dangling.txt: cannot open: No such file or directory$" "$tmp/j1.err"
check "CRLF row ends" test "$(head -1 "$tmp/j1.csv" | tail -c 2 | od -An -tx1)" = " 0d 0a"

# The same output, in the same order, with four workers; likewise JSON.
"$exe" "${opts[@]}" --format csv --jobs 4 "$fleet" >"$tmp/j4.csv" 2>/dev/null
check "--jobs 4 CSV equals --jobs 1" cmp -s "$tmp/j1.csv" "$tmp/j4.csv"
"$exe" "${opts[@]}" --format json --jobs 1 "$fleet" >"$tmp/j1.json" 2>/dev/null
"$exe" "${opts[@]}" --format json --jobs 3 "$fleet" >"$tmp/j3.json" 2>/dev/null
check "--jobs 3 JSON equals --jobs 1" cmp -s "$tmp/j1.json" "$tmp/j3.json"
check "JSON fleet output is valid" jq -e . "$tmp/j1.json" >/dev/null
# Many small files: order still holds when workers run far ahead.
mkdir -p "$tmp/many"
for i in $(seq -w 1 120); do
  case $((10#$i % 3)) in
  0) cp fixtures/synthetic/not_joined.txt "$tmp/many/dev$i.txt" ;;
  1) cp fixtures/synthetic/hybrid_joined_healthy.txt "$tmp/many/dev$i.txt" ;;
  2) cp fixtures/synthetic/multi_capture.log "$tmp/many/dev$i.txt" ;;
  esac
done
"$exe" "${opts[@]}" -f json -j 1 "$tmp/many" >"$tmp/m1" 2>/dev/null
"$exe" "${opts[@]}" -f json -j 8 "$tmp/many" >"$tmp/m8" 2>/dev/null
check "120 files: --jobs 8 equals --jobs 1" cmp -s "$tmp/m1" "$tmp/m8"
check "120 files: 200 captures" test "$(wc -l <"$tmp/m1")" -eq 200

# --columns picks and orders; an unknown name lists the valid ones.
"$exe" "${opts[@]}" --format csv --columns device_name,join_type,errors fixtures/synthetic/hybrid_cert_expired.txt >"$tmp/cols.csv"
printf '"device_name","join_type","errors"\r\n"CONTOSO-DT009.corp.contoso.com","hybrid-joined","4"\r\n' >"$tmp/cols.want"
check "--columns output" cmp -s "$tmp/cols.want" "$tmp/cols.csv"
"$exe" --format csv --columns device_name,colour fixtures/synthetic/not_joined.txt >/dev/null 2>"$tmp/err"
check "--columns unknown: exit 2" test $? -eq 2
check "--columns unknown: message" grep -q "^dsregdiag: unknown or repeated column 'colour' for '--columns'$" "$tmp/err"
check "--columns unknown: lists the valid ones" grep -q "^Valid columns: source, capture, line" "$tmp/err"
"$exe" --columns device_name fixtures/synthetic/not_joined.txt >/dev/null 2>"$tmp/err"
check "--columns without csv: exit 2" test $? -eq 2

# Formula injection: hostile names reach the spreadsheet as text.
"$exe" --now 2025-03-08T16:45:00Z --format csv --columns device_name,domain_name,tenant_name fixtures/synthetic/hostile_values.txt >"$tmp/hostile.csv"
check "formula cells get a quote" grep -qF "\"'+cmd|' /C calc'!A0\",\"'-2+3\",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"" "$tmp/hostile.csv"

# --summary: alone with text, last line with JSON, stderr with CSV.
"$exe" "${opts[@]}" --summary "$fleet" >"$tmp/sum.txt" 2>/dev/null
check "summary text" grep -q "^Summary: 6 captures from 7 sources (3 could not be read or held no capture): 1 Microsoft Entra hybrid joined, 2 Microsoft Entra joined, 1 Microsoft Entra registered, 1 domain joined (Active Directory only), 1 not joined\.$" "$tmp/sum.txt"
check "summary rule line" grep -q "^  cert-expired                   error    1 capture (CONTOSO-DT009.corp.contoso.com)$" "$tmp/sum.txt"
check "summary text has no per-capture report" test "$(grep -c 'capture 1 (lines' "$tmp/sum.txt")" -eq 0
"$exe" "${opts[@]}" --summary -f json "$fleet" 2>/dev/null | tail -1 >"$tmp/sum.json"
check "summary JSON" test "$(jq -c '.summary | [.sources, .failed_sources, .captures, .join_types["hybrid-joined"], .rules["not-joined"].captures]' "$tmp/sum.json")" = "[7,3,6,1,1]"
"$exe" "${opts[@]}" --summary -f csv "$fleet" >"$tmp/sum.csv" 2>"$tmp/sum.err"
check "summary with CSV goes to stderr" grep -q "^Summary: 6 captures" "$tmp/sum.err"
check "CSV stays a table" test "$(grep -c Summary "$tmp/sum.csv")" -eq 0

# -o replaces only when the run completes; devices are written in place.
"$exe" "${opts[@]}" -f csv -o "$tmp/report.csv" "$fleet" 2>/dev/null
# A CSV file starts with a UTF-8 BOM for Excel; standard output has none.
printf '\357\273\277' | cat - "$tmp/j1.csv" >"$tmp/j1-bom.csv"
check "-o wrote the report, after a BOM" cmp -s "$tmp/j1-bom.csv" "$tmp/report.csv"
check "-o left no temporary file" no_tmp_files "$tmp"
"$exe" "${opts[@]}" -f json -o /dev/null fixtures/synthetic/not_joined.txt
check "-o /dev/null keeps /dev/null a device" test -c /dev/null

checks_done
