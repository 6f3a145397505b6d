/*
 * values.c - typing of field values (format reference §3).
 *
 * A value that does not fit its type is never dropped: it stays as printed
 * in the field, the typed value says DSREG_VALUE_INVALID, and the parser adds
 * a note.  Published captures are full of placeholders ("[Date] UTC",
 * "xxxxx", truncated GUIDs) that must not stop anything.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "dsreg/report.h"
#include "dsreg/rules.h"

static int hexval(unsigned char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static int eq(const char *s, size_t n, const char *lit) {
  return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static int upper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

int dsreg_eq_nocase(const char *s, size_t n, const char *lit) {
  /* Section titles and values differ in their first letter or their length
   * almost always: look there before anything else. */
  if (n == 0 ? lit[0] != '\0'
             : upper((unsigned char)s[0]) != upper((unsigned char)lit[0]))
    return 0;
  if (strlen(lit) != n)
    return 0;
  for (size_t i = 1; i < n; i++)
    if (upper((unsigned char)s[i]) != upper((unsigned char)lit[i]))
      return 0;
  return 1;
}

/* "0x" and 1 to 8 hex digits, the whole of s[0..n). */
static int parse_hex(const char *s, size_t n, uint32_t *out) {
  if (n < 3 || n > 10 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
    return -1;
  uint32_t v = 0;
  for (size_t i = 2; i < n; i++) {
    int h = hexval((unsigned char)s[i]);
    if (h < 0)
      return -1;
    v = (v << 4) | (uint32_t)h;
  }
  *out = v;
  return 0;
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

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
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
  if (fraction(s, n, &i, &frac) || !eq(s + i, n - i, " UTC") ||
      dsreg_civil_ms(y, mo, d, h, mi, sec, frac, &t))
    return -1;
  if (!dsreg_time_in_range(t))
    return -2;
  *ms = t;
  return 0;
}

int dsreg_parse_iso8601(const char *s, int64_t *ms) {
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

static const char *parse_flag(dsreg_value *v, const char *s, size_t n) {
  static const struct {
    const char *text;
    dsreg_flag flag;
  } words[] = {
      {"YES", DSREG_FLAG_YES},         {"NO", DSREG_FLAG_NO},
      {"ERROR", DSREG_FLAG_ERROR},     {"UNKNOWN", DSREG_FLAG_UNKNOWN},
      {"NOT SET", DSREG_FLAG_NOT_SET}, {"INVALID", DSREG_FLAG_INVALID},
      {"NONE", DSREG_FLAG_NONE_TEXT},  {"Managed by MDM", DSREG_FLAG_MANAGED},
  };
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    if (dsreg_eq_nocase(s, n, words[i].text)) {
      v->flag = words[i].flag;
      return NULL;
    }
  }
  /* "ERROR (0xd0020017)" */
  if (n > 8 && memcmp(s, "ERROR (", 7) == 0 && s[n - 1] == ')' &&
      parse_hex(s + 7, n - 8, &v->code) == 0) {
    v->flag = DSREG_FLAG_ERROR;
    v->has_code = true;
    return NULL;
  }
  return "not YES or NO";
}

static const char *parse_guid(const char *s, size_t n) {
  /* Braces and the documentation's "{ GUID }" spacing are allowed. */
  if (n >= 2 && s[0] == '{' && s[n - 1] == '}') {
    s++;
    n -= 2;
    while (n && *s == ' ')
      s++, n--;
    while (n && s[n - 1] == ' ')
      n--;
  }
  if (n != 36)
    return "not a GUID";
  for (size_t i = 0; i < 36; i++) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-')
        return "not a GUID";
    } else if (hexval((unsigned char)s[i]) < 0) {
      return "not a GUID";
    }
  }
  return NULL;
}

static const char *parse_thumbprint(const char *s, size_t n) {
  if (n != 40)
    return "not a 40-digit thumbprint";
  for (size_t i = 0; i < n; i++)
    if (hexval((unsigned char)s[i]) < 0)
      return "not a 40-digit thumbprint";
  return NULL;
}

/* The JSON and CSV writers print four-digit years only. */
#define OUT_OF_RANGE "a time outside the years 0001 to 9999"

static const char *parse_validity(dsreg_value *v, const char *s, size_t n) {
  /* "[ 2025-03-09 10:23:00.000 UTC -- 2035-03-09 11:53:00.000 UTC ]" */
  if (n < 8 || s[0] != '[' || s[n - 1] != ']')
    return "not a [ from -- to ] range";
  const char *mid = NULL;
  for (size_t i = 1; i + 4 <= n; i++)
    if (memcmp(s + i, " -- ", 4) == 0) {
      mid = s + i;
      break;
    }
  if (!mid)
    return "not a [ from -- to ] range";
  const char *a = s + 1, *b = mid + 4;
  size_t an = (size_t)(mid - a), bn = (size_t)(s + n - 1 - b);
  while (an && *a == ' ')
    a++, an--;
  while (bn && b[bn - 1] == ' ')
    bn--;
  int ra = dsreg_parse_time(a, an, &v->time_ms);
  int rb = dsreg_parse_time(b, bn, &v->end_ms);
  if (ra == -1 || rb == -1)
    return "dates of the range do not parse";
  if (ra || rb)
    return OUT_OF_RANGE;
  return NULL;
}

static const char *parse_url(const char *s, size_t n) {
  size_t i = 0;
  while (i < n &&
         ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
    i++;
  if (i == 0 || n - i < 4 || memcmp(s + i, "://", 3) != 0)
    return "not a URL";
  return NULL;
}

static const char *parse_test(dsreg_value *v, const char *s, size_t n) {
  if (eq(s, n, "PASS") || eq(s, n, "PASSED")) {
    v->test = DSREG_TEST_PASS;
    return NULL;
  }
  if (eq(s, n, "SKIPPED")) {
    v->test = DSREG_TEST_SKIPPED;
    return NULL;
  }
  if (n >= 4 && memcmp(s, "FAIL", 4) == 0) {
    v->test = DSREG_TEST_FAIL;
    size_t i = 4;
    if (i < n && s[i] == 'E') /* FAILED */
      i += 1 + (i + 1 < n && s[i + 1] == 'D');
    while (i < n && s[i] == ' ')
      i++;
    if (i == n)
      return NULL;
    /* "[0xAAAAAAAA]" or "[0xAAAAAAAA/0xBBBBBBBB]" */
    if (s[i] != '[' || s[n - 1] != ']')
      return "FAIL without a [code]";
    const char *c = s + i + 1;
    size_t cn = n - i - 2;
    const char *slash = memchr(c, '/', cn);
    size_t first = slash ? (size_t)(slash - c) : cn;
    if (parse_hex(c, first, &v->code))
      return "FAIL with an unreadable code";
    v->has_code = true;
    if (slash) {
      if (parse_hex(slash + 1, cn - first - 1, &v->sub_code))
        return "FAIL with an unreadable sub-code";
      v->has_sub_code = true;
    }
    return NULL;
  }
  return "not PASS, FAIL or SKIPPED";
}

static const char *parse_int(dsreg_value *v, const char *s, size_t n) {
  size_t i = 0;
  int neg = 0;
  if (n && s[0] == '-')
    neg = 1, i = 1;
  if (i == n || n - i > 18)
    return "not a number";
  int64_t x = 0;
  for (; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return "not a number";
    x = x * 10 + (s[i] - '0');
  }
  v->number = neg ? -x : x;
  return NULL;
}

void dsreg_value_parse(dsreg_value *v, const dsreg_field *f,
                       dsreg_value_type type, const char **why) {
  const char *s = f->value, *err = NULL;
  size_t n = f->value_len;
  memset(v, 0, sizeof *v);
  v->field = f;
  *why = NULL;
  if (n == 0) {
    v->state = DSREG_VALUE_EMPTY;
    return;
  }
  switch (type) {
  case DSREG_TYPE_TEXT:
    break;
  case DSREG_TYPE_FLAG:
    err = parse_flag(v, s, n);
    break;
  case DSREG_TYPE_GUID:
    err = parse_guid(s, n);
    break;
  case DSREG_TYPE_THUMBPRINT:
    err = parse_thumbprint(s, n);
    break;
  case DSREG_TYPE_TIME:
    switch (dsreg_parse_time(s, n, &v->time_ms)) {
    case 0:
      break;
    case -2:
      err = OUT_OF_RANGE;
      break;
    default:
      err = "not a YYYY-MM-DD hh:mm:ss UTC time";
      break;
    }
    break;
  case DSREG_TYPE_VALIDITY:
    err = parse_validity(v, s, n);
    break;
  case DSREG_TYPE_URL:
    err = parse_url(s, n);
    break;
  case DSREG_TYPE_HEX:
    err = parse_hex(s, n, &v->code) ? "not a 0x error code" : NULL;
    v->has_code = err == NULL;
    break;
  case DSREG_TYPE_TEST:
    err = parse_test(v, s, n);
    break;
  case DSREG_TYPE_INT:
    err = parse_int(v, s, n);
    break;
  }
  if (err) {
    memset(v, 0, sizeof *v);
    v->field = f;
    v->state = DSREG_VALUE_INVALID;
    *why = err;
    return;
  }
  v->state = DSREG_VALUE_OK;
}

const char *dsreg_value_type_name(dsreg_value_type type) {
  static const char *const names[] = {"text", "flag",     "guid", "thumbprint",
                                      "time", "validity", "url",  "hex",
                                      "test", "int"};
  if ((unsigned)type >= sizeof names / sizeof names[0])
    return "text";
  return names[type];
}

bool dsreg_value_present(const dsreg_value *v) {
  return v && v->field && v->field->value_len > 0;
}

const char *dsreg_value_text(const dsreg_value *v) {
  return v && v->field ? v->field->value : "";
}

bool dsreg_value_yes(const dsreg_value *v) {
  return v && v->state == DSREG_VALUE_OK && v->flag == DSREG_FLAG_YES;
}

bool dsreg_value_no(const dsreg_value *v) {
  return v && v->state == DSREG_VALUE_OK && v->flag == DSREG_FLAG_NO;
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

char *dsreg_format_time(int64_t ms, char *buf, size_t size) {
  /* Clamped first: a wider year would not be ISO 8601's four digits (the
   * JSON would not be ours), and -ms of INT64_MIN does not exist. */
  if (ms < DSREG_TIME_MIN_MS)
    ms = DSREG_TIME_MIN_MS;
  else if (ms > DSREG_TIME_MAX_MS)
    ms = DSREG_TIME_MAX_MS;
  int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  int64_t rem = ms - days * 86400000, y;
  unsigned m, d;
  civil_from_days(days, &y, &m, &d);
  /* Without printf: the JSON and CSV writers print many of these. */
  char t[25];
  unsigned v[] = {(unsigned)y,
                  m,
                  d,
                  (unsigned)(rem / 3600000),
                  (unsigned)(rem / 60000 % 60),
                  (unsigned)(rem / 1000 % 60),
                  (unsigned)(rem % 1000)};
  static const unsigned char width[] = {4, 2, 2, 2, 2, 2, 3};
  static const char after[] = "--T::.Z";
  size_t o = 0;
  for (int k = 0; k < 7; k++) {
    for (int w = width[k] - 1; w >= 0; w--) {
      t[o + (size_t)w] = (char)('0' + v[k] % 10);
      v[k] /= 10;
    }
    o += width[k];
    t[o++] = after[k];
  }
  t[o] = '\0';
  if (size) {
    size_t k = o < size - 1 ? o : size - 1;
    memcpy(buf, t, k);
    buf[k] = '\0';
  }
  return buf;
}
