#!/usr/bin/env python3
"""The JSON contract (docs/json.md "Schema", docs/dsregdiag.schema.json,
docs/log-analytics.md), checked with Debian's python3-jsonschema:

- every record of every golden JSON output validates, as does the JSON of
  every fixture (plain and --flat), error records (plain and flat), the
  --summary record (with and without --latest) and the --diff record;
- each record matches exactly one record kind of the schema, the kind it is;
- the schema itself is a valid draft 2020-12 schema, and it rejects a
  record without "schema", with another schema number, or with a key of
  the wrong type (so the checks above can fail);
- the flat view is one level, its keys match ^[a-z][a-z0-9_]*$, and they
  are exactly the column list docs/log-analytics.md documents, in order.

    check_schema.py DSREGDIAG SOURCE_DIR
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("FAIL: python3-jsonschema is not installed "
          "(apt-get install python3-jsonschema)")
    sys.exit(1)

exe, src = sys.argv[1], sys.argv[2]
os.chdir(src)
NOW = "--now=2025-03-09T12:00:00Z"
failures = 0
checked = 0


def bad(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def records(text, where):
    """The JSON values of `text`, one after the other (JSON Lines, or the
    pretty-printed stream of a golden file)."""
    dec = json.JSONDecoder()
    i, out = 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return out
        try:
            v, i = dec.raw_decode(text, i)
        except ValueError as e:
            bad("%s: not JSON: %s" % (where, e))
            return out
        out.append(v)


def run(*args, stdin=None, want_rc=None):
    p = subprocess.run([exe, *args], stdin=stdin or subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if want_rc is not None and p.returncode != want_rc:
        bad("%s: exit %d, expected %d" % (" ".join(args), p.returncode,
                                          want_rc))
    return p.stdout.decode("utf-8")


with open("docs/dsregdiag.schema.json", encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
kinds = {name: jsonschema.Draft202012Validator(
    dict(schema, oneOf=[{"$ref": "#/$defs/" + name}]))
    for name in ("capture", "error", "summary", "diff", "flat")}


def kind_of(rec):
    if "summary" in rec:
        return "summary"
    if "diff" in rec:
        return "diff"
    if "live" in rec and not isinstance(rec.get("findings"), list):
        return "flat"
    if "error" in rec:
        return "error"
    return "capture"


def check(rec, where, want=None):
    global checked
    checked += 1
    errs = sorted(validator.iter_errors(rec), key=lambda e: list(e.path))
    if errs:
        bad("%s: %s at %s" % (where, errs[0].message[:300],
                              "/".join(map(str, errs[0].absolute_path))))
        return
    kind = want or kind_of(rec)
    if not kinds[kind].is_valid(rec):
        bad("%s: valid, but not as a %s record" % (where, kind))
    others = [k for k in kinds if k != kind and kinds[k].is_valid(rec)]
    if others:
        bad("%s: also valid as %s" % (where, ", ".join(others)))


# --- the schema can fail --------------------------------------------------
healthy = "fixtures/synthetic/entra_joined_healthy.txt"
broken = "fixtures/synthetic/hybrid_cert_expired.txt"
one = records(run(NOW, "-f", "json", healthy), healthy)[0]
for name, mutate in [
        ("no schema", lambda r: r.pop("schema")),
        ("schema 2", lambda r: r.update(schema=2)),
        ("no version", lambda r: r.pop("version")),
        ("findings not an array", lambda r: r.update(findings="x")),
        ("unknown verdict", lambda r: r.update(verdict="fine")),
        ("capture 0", lambda r: r.update(capture=0))]:
    r = json.loads(json.dumps(one))
    mutate(r)
    if validator.is_valid(r):
        bad("the schema accepts a capture record with " + name)
if not validator.is_valid(one):
    bad("the healthy capture record does not validate")
if validator.is_valid({"schema": 1, "version": "0.1.0", "nested": {"a": 1},
                       "live": False, "source": "x"}):
    bad("the schema accepts a record of no kind")

# --- goldens ---------------------------------------------------------------
goldens = sorted(glob.glob("tests/golden/expected/*.json"))
if len(goldens) < 20:
    bad("only %d golden JSON files" % len(goldens))
for g in goldens:
    with open(g, encoding="utf-8") as f:
        for i, r in enumerate(records(f.read(), g)):
            check(r, "%s record %d" % (g, i + 1))

# --- every fixture, plain and flat -----------------------------------------
fixtures = sorted(glob.glob("fixtures/corpus/*.txt") +
                  glob.glob("fixtures/synthetic/*.txt") +
                  glob.glob("fixtures/synthetic/*.log"))
out = run(NOW, "-f", "json", *fixtures)
plain = records(out, "fixtures")
for r in plain:
    check(r, "%s capture %s" % (r.get("source"), r.get("capture")),
          "capture")
out = run(NOW, "-f", "json", "--flat", *fixtures)
flat = records(out, "fixtures --flat")
if len(flat) != len(plain):
    bad("--flat gave %d records, plain %d" % (len(flat), len(plain)))

# The documented column list (docs/log-analytics.md, "## Columns" table).
with open("docs/log-analytics.md", encoding="utf-8") as f:
    doc = f.read()
section = doc.split("## Columns", 1)[-1].split("\n## ", 1)[0]
documented = re.findall(r"^\| `([^`]+)` \|", section, re.M)
if not documented:
    bad("docs/log-analytics.md has no column table under '## Columns'")
key_re = re.compile(r"^[a-z][a-z0-9_]*$")
for r in flat:
    where = "--flat %s capture %s" % (r.get("source"), r.get("capture"))
    check(r, where, "flat")
    for k, v in r.items():
        if not key_re.match(k):
            bad("%s: key %r is not snake_case" % (where, k))
        if isinstance(v, (dict, list)):
            bad("%s: %s is not one level" % (where, k))
    if list(r.keys()) != documented:
        bad("%s: keys %s differ from the documented columns %s"
            % (where, list(r.keys()), documented))
        break
# Same captures, same facts.
for p, f in zip(plain, flat):
    if (p["source"], p["capture"], p["join_type"], p["verdict"],
            p["root_cause"]) != (f["source"], f["capture"], f["join_type"],
                                 f["verdict"], f["root_cause"]):
        bad("--flat %s capture %s disagrees with the plain record"
            % (p["source"], p["capture"]))

# --- error records, summary, diff ------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    empty = os.path.join(tmp, "notes.txt")
    with open(empty, "w") as f:
        f.write("nothing here\n")
    for flag in ([], ["--flat"]):
        rs = records(run(NOW, "-f", "json", *flag, "nosuch.txt", empty,
                         want_rc=2), "errors")
        if len(rs) != 2:
            bad("expected 2 error records %s, got %d" % (flag, len(rs)))
        for r in rs:
            check(r, "error record %s %s" % (flag, r.get("source")),
                  "flat" if flag else "error")
            if not r.get("error"):
                bad("error record %s without a message" % flag)
    rs = records(run(NOW, "-f", "json", "--summary", "nosuch.txt", *fixtures),
                 "summary")
    check(rs[-1], "the --summary record", "summary")
    if "summary" not in rs[-1]:
        bad("the last record of --summary is no summary")
    rs = records(run(NOW, "-f", "json", "--summary", "--latest",
                     "fixtures/synthetic"), "summary --latest")
    check(rs[-1], "the --summary --latest record", "summary")
    if "older_skipped" not in rs[-1].get("summary", {}):
        bad("--latest summary lacks older_skipped")
    rs = records(run(NOW, "-f", "json", "--diff", broken, healthy,
                     want_rc=0), "diff")
    if len(rs) != 1:
        bad("--diff gave %d records" % len(rs))
    for r in rs:
        check(r, "the --diff record", "diff")
    rs = records(run(NOW, "-f", "json", "--diff", healthy, broken,
                     want_rc=1), "diff")
    for r in rs:
        check(r, "the --diff record (after broken)", "diff")
        if r["diff"]["after_has_error"] is not True:
            bad("--diff: after_has_error is not true")
    # Live records carry "live": true, plain and flat.
    with open(healthy, "rb") as f:
        rs = records(run(NOW, "--live", "-f", "json", stdin=f), "live")
    for r in rs:
        check(r, "a live record", "capture")
        if r.get("live") is not True:
            bad("a live record without live: true")

print("schema: %d records checked, %d failure(s)" % (checked, failures))
sys.exit(1 if failures else 0)
