/*
 * capture_util.h - test helpers for the rules: read fixtures, edit a
 * capture's text one field at a time, parse it, run dsreg_analyze() on every
 * capture and keep copies of the results (a capture is borrowed only during
 * the parser callback, so nothing here points into it).
 *
 * Every function fails the running cmocka test on a setup error (missing
 * fixture, key not found in the text), so a test never passes by accident
 * on a capture that is not the one it meant to build.
 */
#ifndef DSREG_TEST_CAPTURE_UTIL_H
#define DSREG_TEST_CAPTURE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dsreg/report.h"
#include "dsreg/rules.h"
#include "dsreg/status.h"

#define CU_MAX_CAPTURES 8

/** A copy of one dsreg_finding, with the evidence keys copied too. */
typedef struct cu_finding {
  const char *rule; /* static in the library */
  dsreg_severity severity;
  char message[4096]; /* every message of the suite fits; longer fails */
  char remedy[4096];
  const char *reference; /* static */
  size_t evidence_count;
  char evidence_key[DSREG_MAX_EVIDENCE][64];
  unsigned long evidence_line[DSREG_MAX_EVIDENCE];
  const char *caused_by; /* static in the library, or NULL */
} cu_finding;

/** What dsreg_analyze() said about one capture. */
typedef struct cu_capture {
  dsreg_status status; /* of dsreg_analyze */
  dsreg_join_type join_type;
  int64_t reference_ms;
  dsreg_time_source reference_source;
  char first_note[256]; /* the capture's first note, "" when none */
  cu_finding *findings; /* malloc'd */
  size_t finding_count;
  dsreg_verdict verdict;
  const char *root_cause; /* static in the library, or NULL */
} cu_capture;

typedef struct cu_result {
  dsreg_status status; /* of dsreg_parser_feed / finish */
  size_t capture_count;
  cu_capture captures[CU_MAX_CAPTURES];
} cu_result;

/* ---- text --------------------------------------------------------------- */

/** Reads DSREG_SOURCE_DIR "/" rel; NUL-terminated, malloc'd. */
char *cu_read_fixture(const char *rel);

/** A copy of `text` where the value of the first `Key : Value` line whose
 * key is `key` is `value` ("" prints `Key :`).  Frees `text`. */
char *cu_set(char *text, const char *key, const char *value);

/** As cu_set, on the n-th (1-based) line with that key. */
char *cu_set_nth(char *text, const char *key, unsigned n, const char *value);

/** A copy of `text` with `section` (text of whole lines) inserted right
 * before the box of the section titled `title`.  Frees `text`. */
char *cu_insert_section_before(char *text, const char *title,
                               const char *section);

/** A copy of `text` with a SYSTEM proxy section (as elevated runs print it,
 * corpus 05) and a URL Specific Proxy Config whose Auto Detect PAC Status
 * is `pac`, before the user's IE Proxy section.  Frees `text`. */
char *cu_with_system_proxy(char *text, const char *pac);

/** A copy of `text` without the first line whose key is `key`. Frees text. */
char *cu_del(char *text, const char *key);

/** A copy of `text` with a `key : value` line (26-column layout) inserted
 * after the first line whose key is `after`.  Frees `text`. */
char *cu_insert_after(char *text, const char *after, const char *key,
                      const char *value);

/** As cu_insert_after, but the new line goes before the line of `before`. */
char *cu_insert_before(char *text, const char *before, const char *key,
                       const char *value);

/** Inserts the key/value pairs of `kv` (NULL-terminated: key, value, key,
 * value, ..., NULL), in that order, after the line of `after`.  Frees text. */
char *cu_insert_lines(char *text, const char *after, const char *const *kv);

/** A copy of `text` without the boxed section titled `title` (its box and
 * every line up to the next box or the footer).  Frees `text`. */
char *cu_del_section(char *text, const char *title);

/** A copy of `text` cut right after the box of section `title` (a capture
 * truncated in the middle).  Frees `text`. */
char *cu_cut_after_box(char *text, const char *title);

/* ---- analysis ----------------------------------------------------------- */

/** Options with --now `iso` (DSREG_TIME_OPTION), or none when iso is NULL. */
void cu_options_now(dsreg_rule_options *opt, const char *iso);

/** Milliseconds of an ISO 8601 time; fails the test if it does not parse. */
int64_t cu_ms(const char *iso);

/** Parses `text` and analyzes every capture with `opt`. */
void cu_analyze_text(const char *text, const dsreg_rule_options *opt,
                     cu_result *out);

/** Frees what cu_analyze_* allocated. */
void cu_result_free(cu_result *r);

/** Capture time of a fixture ("synthetic/x.txt") from capture-times.tsv, as
 * ISO text copied into buf (>= 32 bytes); fails the test when absent.
 * A leading "fixtures/" is ignored. */
const char *cu_capture_time(const char *rel, char *buf, size_t size);

/** The first finding of `rule` in capture 0 of `r`, or NULL; fails the test
 * when there is no capture. */
const cu_finding *cu_find(const cu_result *r, const char *rule);

/** Number of findings of `rule` in capture `i`. */
size_t cu_count(const cu_result *r, size_t i, const char *rule);

/** True when the rule ids of capture `i` are exactly the space-separated
 * `ids` ("" or "(none)" for none), in any order (as a multiset). */
bool cu_same_ids(const cu_result *r, size_t i, const char *ids);

/** True when capture `i` has a finding of warning or error severity. */
bool cu_has_problem(const cu_result *r, size_t i);

/** "rule rule rule" of capture i, for messages. */
/** Analyzes `text` (freed) with --now `now` (NULL: none); fails the test
 * unless the one capture's rule ids are exactly `ids` (checks-not-run
 * aside, see cu_ids_not_judged) and every finding has its rule's severity
 * and an https reference.  Returns a copy of the finding of `rule`, or a
 * zeroed one when `rule` is NULL. */
cu_finding cu_check(char *text, const char *now, const char *ids,
                    const char *rule);

/** `ids`, plus " checks-not-run" when that finding is in capture `i` and
 * `ids` does not name it: it lists what the other rules could not decide,
 * its own tests are in test_rules_skipped.c, and the other tests expect it
 * only where they name it.  Returns `ids` or `buf`. */
const char *cu_ids_not_judged(const cu_result *r, size_t i, const char *ids,
                              char *buf, size_t size);

const char *cu_ids(const cu_result *r, size_t i, char *buf, size_t size);

/* ---- one-call shortcuts -------------------------------------------------- */

/** Analyzes `text` with --now `now_iso` (NULL: no reference time) and
 * returns the finding of `rule` (copied into *out) or false.  Also checks
 * that the capture parsed into exactly one capture. */
bool cu_fires(const char *text, const char *now_iso, const char *rule,
              cu_finding *out);

#endif
