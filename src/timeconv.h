/*
 * timeconv.h - times as ms since 1970 UTC: civil-date arithmetic, the two
 * parsers (dsregcmd's own format and ISO 8601 for --now) and formatting.
 *
 * Private to the library, except what analysis.h exports
 * (dsreg_format_time, dsreg_parse_iso8601).  The proleptic Gregorian calendar
 * throughout, no leap seconds: Windows prints FILETIMEs, which have none.
 */
#ifndef DSREG_TIMECONV_H
#define DSREG_TIMECONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DSREG_DAY_MS 86400000LL
#define DSREG_HOUR_MS 3600000LL

/* Parses "YYYY-MM-DD hh:mm:ss[.f...] UTC" (any number of fraction digits,
 * at least one).  0 on success; -1 when it is not such a time or a field is
 * out of its range; -2 when it is one but outside the years 0001-9999.
 * *ms is written only on success. */
int dsreg_parse_time(const char *s, size_t n, int64_t *ms);

/* ms since 1970 of a calendar time: year 0-9999, month 1-12, a day of that
 * month, hour 0-23, minute and second 0-59, ms 0-999.  -1 (and *ms
 * untouched) when a field is out of its range. */
int dsreg_civil_ms(int y, int mo, int d, int h, int mi, int sec, int frac,
                   int64_t *ms);

/* True when ms lies in DSREG_TIME_MIN_MS..DSREG_TIME_MAX_MS. */
bool dsreg_time_in_range(int64_t ms);

/* a - b, saturated at the ends of int64_t.  Parsed times lie within the
 * years 0001-9999, so this never saturates on what the parser gives; it
 * keeps a capture built by hand from being undefined. */
int64_t dsreg_time_sub(int64_t a, int64_t b);

/* "2023-05-01" into buf (11 bytes at least); returns buf. */
const char *dsreg_format_day(int64_t ms, char *buf);

/* "2025-03-09 11:00 UTC" into buf (21 bytes at least); returns buf. */
const char *dsreg_format_minute(int64_t ms, char *buf);

#endif
