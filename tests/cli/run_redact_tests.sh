#!/usr/bin/env bash
# --redact and --format capture through the executable (issue 15, item 1):
#
# - for every fixture, no identifier of the input survives in any output
#   (text, json, csv, capture, --summary in text and json): the identifiers
#   are taken from the input here, independently of the library (GUIDs, hex
#   thumbprints, UPNs and e-mail addresses, SIDs, IPv4 addresses, hosts of
#   URLs that are not Microsoft's, and the values of the name fields), and
#   every output is searched for each of them;
# - the redacted capture (--redact --format capture) parses to the same
#   join type and the same rule ids as the original;
# - the capture re-emitted without --redact parses to the same sections,
#   fields and typed values;
# - pseudonyms are consistent across the sources of one run.
#
#   run_redact_tests.sh DSREGDIAG SOURCE_DIR
# shellcheck disable=SC2015 # `test && ok || bad`: ok only adds 1 to a counter, it cannot fail
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
cd "$src" || exit 2
# shellcheck source=../tools/checks.sh
. "$src/tests/tools/checks.sh"

fixtures=(fixtures/corpus/*.txt fixtures/synthetic/*.txt fixtures/synthetic/*.log)
if [ -d /work/shared/corpus ]; then
  for f in /work/shared/corpus/*.txt; do
    [ -e "$f" ] && fixtures+=("$f")
  done
fi

# Hosts of Microsoft's public services, which name no one.
public_host() {
  case $(printf '%s' "$1" | tr '[:upper:]' '[:lower:]') in
  *.onmicrosoft.com | *.sharepoint.com) return 1 ;;
  microsoft.com | *.microsoft.com | *.microsoftonline.com | *.windows.net | \
    windows.net | *.live.com | *.azure.net | *.microsoftonline-p.com) return 0 ;;
  esac
  return 1
}

# The value of field KEY in file F, every occurrence (the key right-aligned
# before " : ", as dsregcmd prints it, or "Key: value").
values_of() {
  sed -n "s/^[[:space:]]*$1[[:space:]]*: *//p" "$2" | tr -d '\r' |
    sed 's/[[:space:]]*$//'
}

# Every identifier of the input, one a line.
identifiers() {
  local f=$1
  # Shapes: GUIDs (not the null one), 40-hex thumbprints, e-mail
  # addresses and UPNs, domain and Entra SIDs, IPv4 addresses.
  tr -d '\r' <"$f" | grep -oE '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}' |
    grep -v '^00000000-0000-0000-0000-000000000000$'
  tr -d '\r' <"$f" | grep -oE '(^|[^0-9A-Fa-f])[0-9A-Fa-f]{40}([^0-9A-Fa-f]|$)' |
    grep -oE '[0-9A-Fa-f]{40}'
  tr -d '\r' <"$f" | grep -oE "[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"
  tr -d '\r' <"$f" | grep -oE 'S-1-(5-21|12-1)(-[0-9]+){3,}'
  tr -d '\r' <"$f" | grep -oE '(^|[^0-9.])([0-9]{1,3}\.){3}[0-9]{1,3}([^0-9.]|$)' |
    grep -oE '([0-9]{1,3}\.){3}[0-9]{1,3}' | grep -vE '^(127\.|0\.0\.0\.0$)'
  # Hosts of URLs and of the host fields, unless Microsoft's.
  {
    tr -d '\r' <"$f" | grep -oE '[a-z]+://[A-Za-z0-9.-]+' | sed 's|.*://||'
    values_of Idp "$f"
    values_of WorkplaceIdp "$f"
  } | while read -r h; do
    case $h in '' | *'['*) continue ;; esac
    public_host "$h" || printf '%s\n' "$h"
  done
  # Names from their fields: device (and its first label), NetBIOS domain,
  # tenants, the PRT's user, the account that ran dsregcmd.
  values_of 'Device Name' "$f"
  values_of 'Device Name' "$f" | sed 's/\..*//'
  values_of DomainName "$f"
  values_of TenantName "$f"
  values_of WorkplaceTenantName "$f"
  values_of 'User Identity' "$f"
  values_of 'Executing Account Name' "$f" | sed 's/,.*//' | tr '\134' '\n'
}

# The identifiers worth searching for: at least three characters with a
# letter or digit, not placeholders ([TenantId], ***), not the names every
# Windows has or Microsoft's own (the TenantName of Microsoft's tenant is a
# word of microsoft.com), not what has the shape of a pseudonym (a user
# really called user1).
searchable() {
  sort -u | while IFS= read -r id; do
    case $id in
    '' | ?? | ? | *'['* | SYSTEM | 'NT AUTHORITY' | AzureAD | Administrator | WORKGROUP) continue ;;
    Microsoft | Windows | Azure) continue ;;
    user[0-9] | user[0-9][0-9] | DEVICE-[0-9] | DOMAIN[0-9] | Tenant[0-9]) continue ;;
    esac
    case $id in *[A-Za-z0-9]*) printf '%s\n' "$id" ;; esac
  done
}

# --- no identifier survives ------------------------------------------------
for f in "${fixtures[@]}"; do
  identifiers "$f" | searchable >"$tmp/ids"
  base=$(basename "$f")
  printf '%s\n' "${base%.*}" >>"$tmp/ids"
  outs=()
  for fmt in text json csv capture md line; do
    "$exe" --redact --now 2025-03-09T11:00:00Z --format "$fmt" "$f" \
      >"$tmp/out.$fmt" 2>"$tmp/err.$fmt"
    outs+=("$tmp/out.$fmt" "$tmp/err.$fmt")
  done
  "$exe" --redact --now 2025-03-09T11:00:00Z --format json --flat "$f" \
    >"$tmp/out.flat" 2>"$tmp/err.flat"
  outs+=("$tmp/out.flat" "$tmp/err.flat")
  "$exe" --redact --summary "$f" >"$tmp/out.sum" 2>&1
  "$exe" --redact --summary --format json "$f" >"$tmp/out.sumj" 2>&1
  outs+=("$tmp/out.sum" "$tmp/out.sumj")
  leaked=0
  while IFS= read -r id; do
    if grep -qiF -- "$id" "${outs[@]}"; then
      bad "$f: '$id' survives: $(grep -iF -- "$id" "${outs[@]}" | head -1)"
      leaked=1
    fi
  done <"$tmp/ids"
  [ "$leaked" = 0 ] && [ -s "$tmp/out.capture" ] && ok ||
    { [ -s "$tmp/out.capture" ] || bad "$f: no capture written"; }
done

# --- the redacted capture means the same -----------------------------------
meaning() { # join type and rule ids of each capture, one line each
  "$exe" --now 2025-03-09T11:00:00Z --format json "$@" 2>/dev/null |
    jq -c '[.join_type, ([.findings[]?.rule] | sort)]'
}
for f in "${fixtures[@]}"; do
  meaning "$f" >"$tmp/before"
  "$exe" --redact --format capture "$f" >"$tmp/redacted.txt" 2>/dev/null
  meaning "$tmp/redacted.txt" >"$tmp/after"
  if cmp -s "$tmp/before" "$tmp/after"; then ok; else
    bad "$f: the redacted capture means something else"
    diff "$tmp/before" "$tmp/after" | head -6
  fi
done

# --- the capture, re-emitted, parses back to the same ----------------------
model() { # sections, fields and typed values, without line numbers
  "$exe" --format json "$@" 2>/dev/null |
    jq -c '{typed, sections: [.sections[]? | {title, kind}],
            fields: [.fields[]? | {key, value}]}'
}
for f in "${fixtures[@]}"; do
  model "$f" >"$tmp/before"
  "$exe" --format capture "$f" >"$tmp/again.txt" 2>/dev/null
  model "$tmp/again.txt" >"$tmp/after"
  if [ -s "$tmp/before" ] && cmp -s "$tmp/before" "$tmp/after"; then ok; else
    bad "$f: the re-emitted capture parses to something else"
    diff <(tr ',' '\n' <"$tmp/before") <(tr ',' '\n' <"$tmp/after") | head -8
  fi
done

# --- one run, one set of pseudonyms ----------------------------------------
a=fixtures/synthetic/hybrid_joined_healthy.txt
# A fixed --now: the clock would differ between the two runs below.
"$exe" --redact --now 2025-03-05T09:30:00Z --format json "$a" \
  fixtures/synthetic/not_joined.txt "$a" >"$tmp/run.json"
ids=$(jq -r '.typed.device_details.device_id // "-"' "$tmp/run.json" | tr '\n' ' ')
srcs=$(jq -r '.source' "$tmp/run.json" | tr '\n' ' ')
[ "$ids" = "00000000-0000-0000-0000-000000000001 - 00000000-0000-0000-0000-000000000001 " ] &&
  ok || bad "device ids across one run: $ids"
[ "$srcs" = "source-1.txt source-2.txt source-1.txt " ] && ok ||
  bad "sources across one run: $srcs"
# --jobs does not change the numbering: --redact reads in source order.
"$exe" --redact --now 2025-03-05T09:30:00Z --jobs 4 --format json "$a" \
  fixtures/synthetic/not_joined.txt "$a" >"$tmp/run4.json"
cmp -s "$tmp/run.json" "$tmp/run4.json" && ok || bad "--jobs 4 changes --redact"

# An account of the device's own domain stays recognisably so.
"$exe" --redact --format json "$a" >"$tmp/one.json"
[ "$(jq -r '.typed.device_state.domain_name' "$tmp/one.json")" = DOMAIN1 ] &&
  [ "$(jq -r '.typed.diagnostic_data.executing_account_name // empty' "$tmp/one.json" |
    cut -c1-8)" != "CONTOSO\\" ] && ok || bad "domain pseudonym"

# --format capture without --redact is the capture, and --summary goes to
# stderr so that the file stays a capture.
"$exe" --format capture --summary "$a" >"$tmp/cap.txt" 2>"$tmp/cap.err"
head -1 "$tmp/cap.txt" | grep -q '^+-*+$' && grep -q '^Summary' "$tmp/cap.err" &&
  ! grep -q '^Summary' "$tmp/cap.txt" && ok || bad "--format capture --summary"
"$exe" --format nope "$a" >/dev/null 2>"$tmp/err"
grep -q "(text, md, json, csv, capture, line or html)" "$tmp/err" && ok || bad "--format list"

# --diff compares outside the runner, where redaction is: refused, exit 2,
# rather than printed with the identifiers in it.
"$exe" --redact --diff "$a" "$a" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ ! -s "$tmp/out" ] &&
  grep -q "^dsregdiag: '--diff' takes no '--redact' or '--format capture'" "$tmp/err" &&
  ok || bad "--diff --redact"

# --latest keeps one capture per device, redacted like any other.
mkdir -p "$tmp/share"
cp "$a" "$tmp/share/PC-0142-old.txt"
cp "$a" "$tmp/share/PC-0142-new.txt"
"$exe" --redact --latest --format json "$tmp/share" >"$tmp/latest.json" 2>/dev/null
# (Sources are numbered in reading order, the skipped older one included.)
[ "$(jq -r '.source' "$tmp/latest.json" | grep -c '^source-[12]\.txt$')" = 1 ] &&
  [ "$(wc -l <"$tmp/latest.json")" = 1 ] &&
  ! grep -qi "PC-0142\|CONTOSO" "$tmp/latest.json" && ok ||
  bad "--latest --redact: $(jq -c '.source' "$tmp/latest.json" | tr '\n' ' ')"

checks_done
