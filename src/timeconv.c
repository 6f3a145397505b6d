/*
 * timeconv.c - the time helpers of timeconv.h, and dsreg_format_time
 * and dsreg_parse_iso8601 (dsreg/analysis.h).
 */
#include "timeconv.h"

#include <string.h>

#include "dsreg/report.h"
#include "dsreg/rules.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, size_t n, int *out) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 0;
}

int dsreg_civil_ms(int y, int mo, int d, int h, int mi, int sec, int frac,
                   int64_t *ms) {
  static const unsigned char mdays[] = {31, 29, 31, 30, 31, 30,
                                        31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  /* No leap second: Windows prints FILETIMEs, which have none, and a
   * ":60" would roll 9999-12-31 over into a year no format can carry. */
  if (y < 0 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
      (mo == 2 && d == 29 && !leap) || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      sec < 0 || sec > 59 || frac < 0 || frac > 999)
    return -1;
  int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d);
  *ms = ((days * 24 + h) * 60 + mi) * 60000 + (int64_t)sec * 1000 + frac;
  return 0;
}

bool dsreg_time_in_range(int64_t ms) {
  return ms >= DSREG_TIME_MIN_MS && ms <= DSREG_TIME_MAX_MS;
}

/* ".f..." at s[*i..n): any number of digits, at least one, cut (not
 * rounded) to milliseconds.  No dot: 0.  -1 for a dot without digits. */
static int fraction(const char *s, size_t n, size_t *i, int *frac) {
  size_t j = *i, k = 0;
  *frac = 0;
  if (j >= n || s[j] != '.')
    return 0;
  for (j++; j < n && s[j] >= '0' && s[j] <= '9'; j++, k++)
    if (k < 3)
      *frac = *frac * 10 + (s[j] - '0');
  if (k == 0)
    return -1;
  for (; k < 3; k++)
    *frac *= 10;
  *i = j;
  return 0;
}

/* "YYYY-MM-DD" at s[0..10), n >= 10. */
static int date_part(const char *s, int *y, int *mo, int *d) {
  if (s[4] != '-' || s[7] != '-' || digits(s, 4, y) || digits(s + 5, 2, mo) ||
      digits(s + 8, 2, d))
    return -1;
  return 0;
}

/* "hh:mm" at s[0..5), n >= 5. */
static int hour_minute(const char *s, int *h, int *mi) {
  if (s[2] != ':' || digits(s, 2, h) || digits(s + 3, 2, mi))
    return -1;
  return 0;
}

int dsreg_parse_time(const char *s, size_t n, int64_t *ms) {
  int y, mo, d, h, mi, sec, frac;
  int64_t t;
  /* YYYY-MM-DD hh:mm:ss then optional .fff, then " UTC" */
  if (n < 23 || s[10] != ' ' || s[16] != ':' || date_part(s, &y, &mo, &d) ||
      hour_minute(s + 11, &h, &mi) || digits(s + 17, 2, &sec))
    return -1;
  size_t i = 19;
  if (fraction(s, n, &i, &frac) || n - i != 4 ||
      memcmp(s + i, " UTC", 4) != 0 ||
      dsreg_civil_ms(y, mo, d, h, mi, sec, frac, &t))
    return -1;
  if (!dsreg_time_in_range(t))
    return -2;
  *ms = t;
  return 0;
}

static int parse_iso8601(const char *s, int64_t *ms) {
  int y, mo, d, h = 0, mi = 0, sec = 0, frac = 0, off = 0;
  int64_t t;
  if (!s || !ms)
    return -1;
  /* strlen first: every index below is checked against it, so a short or
   * cut string can never be read past its NUL. */
  size_t n = strlen(s), i = 10;
  if (n < 10 || date_part(s, &y, &mo, &d))
    return -1;
  if (n > 10) {
    /* RFC 3339 §5.6 allows a space and lower-case t and z. */
    if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || n < 16 ||
        hour_minute(s + 11, &h, &mi))
      return -1;
    i = 16;
    if (i < n && s[i] == ':') {
      if (n < i + 3 || digits(s + i + 1, 2, &sec))
        return -1;
      i += 3;
      if (fraction(s, n, &i, &frac))
        return -1;
    }
    if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
      i++;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
      int oh, om;
      if (n - i != 6 || hour_minute(s + i + 1, &oh, &om) || oh > 23 || om > 59)
        return -1;
      off = (oh * 60 + om) * (s[i] == '+' ? 1 : -1);
      i += 6;
    }
  }
  if (i != n || dsreg_civil_ms(y, mo, d, h, mi, sec, frac, &t))
    return -1;
  t -= (int64_t)off * 60000;
  if (!dsreg_time_in_range(t))
    return -1;
  *ms = t;
  return 0;
}

/* Inverse of days_from_civil (H. Hinnant). */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static void two_digits(char *o, unsigned v) {
  o[0] = (char)('0' + v / 10);
  o[1] = (char)('0' + v % 10);
}

char *dsreg_format_time(int64_t ms, char *buf, size_t size) {
  /* Clamped first: a wider year would not be ISO 8601's four digits (the
   * JSON would not be ours), and -ms of INT64_MIN does not exist. */
  if (ms < DSREG_TIME_MIN_MS)
    ms = DSREG_TIME_MIN_MS;
  else if (ms > DSREG_TIME_MAX_MS)
    ms = DSREG_TIME_MAX_MS;
  int64_t days =
      ms >= 0 ? ms / DSREG_DAY_MS : -((-ms + DSREG_DAY_MS - 1) / DSREG_DAY_MS);
  int64_t rem = ms - days * DSREG_DAY_MS, y;
  unsigned m, d;
  civil_from_days(days, &y, &m, &d);
  /* Without printf, and without a loop per field: the JSON and CSV
   * writers print many of these. */
  char t[25];
  unsigned year = (unsigned)y, msec = (unsigned)(rem % 1000);
  unsigned sec = (unsigned)(rem / 1000);
  t[0] = (char)('0' + year / 1000);
  t[1] = (char)('0' + year / 100 % 10);
  t[2] = (char)('0' + year / 10 % 10);
  t[3] = (char)('0' + year % 10);
  t[4] = '-';
  two_digits(t + 5, m);
  t[7] = '-';
  two_digits(t + 8, d);
  t[10] = 'T';
  two_digits(t + 11, sec / 3600);
  t[13] = ':';
  two_digits(t + 14, sec / 60 % 60);
  t[16] = ':';
  two_digits(t + 17, sec % 60);
  t[19] = '.';
  t[20] = (char)('0' + msec / 100);
  two_digits(t + 21, msec % 100);
  t[23] = 'Z';
  t[24] = '\0';
  if (size) {
    size_t k = size - 1 < 24 ? size - 1 : 24;
    memcpy(buf, t, k);
    buf[k] = '\0';
  }
  return buf;
}

int64_t dsreg_time_sub(int64_t a, int64_t b) {
  if (b < 0 && a > INT64_MAX + b)
    return INT64_MAX;
  if (b > 0 && a < INT64_MIN + b)
    return INT64_MIN;
  return a - b;
}

const char *dsreg_format_day(int64_t ms, char *buf) {
  char iso[40];
  dsreg_format_time(ms, iso, sizeof iso);
  memcpy(buf, iso, 10);
  buf[10] = '\0';
  return buf;
}

const char *dsreg_format_minute(int64_t ms, char *buf) {
  char iso[40];
  dsreg_format_time(ms, iso, sizeof iso);
  memcpy(buf, iso, 10);
  buf[10] = ' ';
  memcpy(buf + 11, iso + 11, 5);
  memcpy(buf + 16, " UTC", 5);
  return buf;
}

dsreg_status dsreg_parse_iso8601(const char *s, int64_t *ms) {
  return parse_iso8601(s, ms) == 0 ? DSREG_OK : DSREG_EINVAL;
}
