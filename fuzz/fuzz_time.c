/*
 * fuzz_time.c - the small parsers of the command line and of values: the
 * --now time (dsreg_parse_iso8601), the dsregcmd time of the fields
 * (dsreg_parse_time) and the knowledge-base lookup behind --explain
 * (dsreg_code_lookup).
 *
 * The input goes to each of them whole.  The lookup and dsreg_parse_time
 * get it as it is, not NUL-terminated, in a buffer of exactly its size (the
 * replay program allocates one; libFuzzer's is one), so that ASan sees a
 * read past its end; dsreg_parse_iso8601 takes a C string and gets a
 * NUL-terminated copy.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/codes.h"
#include "dsreg/report.h"
#include "dsreg/rules.h"
#include "fuzz_util.h"
#include "internal.h"

#define SENTINEL INT64_C(0x5a5a5a5a5a5a5a5a)

/* A parsed time lies in the range report.h promises, prints as the 24
 * characters of "YYYY-MM-DDThh:mm:ss.fffZ", and that text parses back to
 * the same time in both syntaxes. */
static void check_time(const char *who, int64_t ms) {
  char iso[32], back[40];
  FUZZ_CHECK(ms >= DSREG_TIME_MIN_MS && ms <= DSREG_TIME_MAX_MS,
             "%s: %lld outside the years 0001-9999", who, (long long)ms);
  memset(iso, 'X', sizeof iso);
  FUZZ_CHECK(dsreg_format_time(ms, iso, sizeof iso) == iso,
             "%s: format_time did not return its buffer", who);
  FUZZ_CHECK(strlen(iso) == 24 && iso[4] == '-' && iso[10] == 'T' &&
                 iso[23] == 'Z',
             "%s: %lld formats as '%s'", who, (long long)ms, iso);
  int64_t again = SENTINEL;
  FUZZ_CHECK(dsreg_parse_iso8601(iso, &again) == 0 && again == ms,
             "%s: '%s' does not parse back to %lld", who, iso, (long long)ms);
  memcpy(back, iso, 10);
  back[10] = ' ';
  memcpy(back + 11, iso + 11, 12);
  memcpy(back + 23, " UTC", 4);
  again = SENTINEL;
  FUZZ_CHECK(dsreg_parse_time(back, 27, &again) == 0 && again == ms,
             "%s: '%.27s' does not parse back to %lld", who, back,
             (long long)ms);
}

static void fuzz_iso8601(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s)
    return;
  memcpy(s, data, size);
  s[size] = '\0';
  int64_t ms = SENTINEL;
  dsreg_status rc = dsreg_parse_iso8601(s, &ms);
  FUZZ_CHECK(rc == DSREG_OK || rc == DSREG_EINVAL, "iso8601: returned %d",
             (int)rc);
  if (rc == DSREG_OK)
    check_time("iso8601", ms);
  else
    FUZZ_CHECK(ms == SENTINEL, "iso8601: refused but wrote %lld",
               (long long)ms);
  free(s);
}

static void fuzz_dsregcmd_time(const uint8_t *data, size_t size) {
  int64_t ms = SENTINEL;
  int rc = dsreg_parse_time((const char *)data, size, &ms);
  FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2, "parse_time: returned %d", rc);
  if (rc == 0)
    check_time("parse_time", ms);
  else
    FUZZ_CHECK(ms == SENTINEL, "parse_time: refused but wrote %lld",
               (long long)ms);
}

/* The row is one of the table's, and it is found again by its own code. */
static void check_row(const dsreg_code_info *row, dsreg_code_context prefer) {
  size_t n = dsreg_code_count(), i = 0;
  while (i < n && dsreg_code_at(i) != row)
    i++;
  FUZZ_CHECK(i < n, "lookup: a row outside the table");
  FUZZ_CHECK(row->code && row->name && row->meaning && row->remedy &&
                 row->reference,
             "lookup: row %zu has a NULL string", i);
  const dsreg_code_info *again =
      dsreg_code_lookup(row->code, strlen(row->code), prefer);
  FUZZ_CHECK(again != NULL, "lookup: row %zu ('%s') not found by its code", i,
             row->code);
}

static void fuzz_lookup(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  dsreg_code_context prefer =
      (dsreg_code_context)(size ? data[0] % (DSREG_CODE_WIN32 + 1) : 0);
  const dsreg_code_info *row = dsreg_code_lookup(s, size, prefer);
  if (row)
    check_row(row, prefer);
  /* A space after the text cannot change what it names: the lookup reads
   * s[0..size) and nothing after it. */
  char *spaced = malloc(size + 1);
  if (!spaced)
    return;
  if (size)
    memcpy(spaced, s, size);
  spaced[size] = ' ';
  FUZZ_CHECK(dsreg_code_lookup(spaced, size + 1, prefer) == row,
             "lookup: a trailing space changes the row");
  free(spaced);
  /* The numeric lookup, on the first four bytes as a code. */
  uint32_t v = 0;
  for (size_t i = 0; i < size && i < 4; i++)
    v = v << 8 | data[i];
  row = dsreg_code_lookup_value(v, prefer);
  if (row)
    check_row(row, prefer);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* Times and codes are short; a long input only costs time. */
  if (size > 4096)
    return 0;
  fuzz_iso8601(data, size);
  fuzz_dsregcmd_time(data, size);
  fuzz_lookup(data, size);
  return 0;
}
