/*
 * values.c - typing of field values (docs/format.md, 7. Value types).
 *
 * A value that does not fit its type is never dropped: it stays as printed
 * in the field, the typed value says DSREG_VALUE_INVALID, and the parser adds
 * a note.  Published captures are full of placeholders ("[Date] UTC",
 * "xxxxx", truncated GUIDs) that must not stop anything.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "dsreg/report.h"
#include "timeconv.h"

/* "0x" and 1 to 8 hex digits, the whole of s[0..n): dsregcmd prints codes
 * with at most 8, so a longer run is not a code even if it has zeros. */
static int parse_hex(const char *s, size_t n, uint32_t *out) {
  if (n < 3 || n > 10 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
    return -1;
  return dsreg_parse_hex32(s + 2, n - 2, out);
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
  /* dsregcmd prints YES or NO in nearly every flag: those two first. */
  if (n == 3 && s[0] == 'Y' && s[1] == 'E' && s[2] == 'S') {
    v->flag = DSREG_FLAG_YES;
    return NULL;
  }
  if (n == 2 && s[0] == 'N' && s[1] == 'O') {
    v->flag = DSREG_FLAG_NO;
    return NULL;
  }
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    if (dsreg_eq_nocase(s, n, words[i].text)) {
      v->flag = words[i].flag;
      return NULL;
    }
  }
  /* "ERROR (0xd0020017)", and "ERROR 0xd0020017" as retyped in tickets;
   * any case, any spaces after the word. */
  if (n > 5 && dsreg_eq_nocase(s, 5, "ERROR")) {
    size_t i = 5;
    while (i < n && s[i] == ' ')
      i++;
    const char *c = s + i;
    size_t cn = n - i;
    if (cn >= 2 && c[0] == '(' && c[cn - 1] == ')')
      c++, cn -= 2;
    else if (i == 5)
      cn = 0; /* "ERROR0x1" is no code */
    if (cn && parse_hex(c, cn, &v->code) == 0) {
      v->flag = DSREG_FLAG_ERROR;
      v->has_code = true;
      return NULL;
    }
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
    } else if (dsreg_ascii_hex_digit((unsigned char)s[i]) < 0) {
      return "not a GUID";
    }
  }
  return NULL;
}

static const char *parse_thumbprint(const char *s, size_t n) {
  if (n != 40)
    return "not a 40-digit thumbprint";
  for (size_t i = 0; i < n; i++)
    if (dsreg_ascii_hex_digit((unsigned char)s[i]) < 0)
      return "not a 40-digit thumbprint";
  return NULL;
}

/* The JSON and CSV writers print four-digit years only. */
#define OUT_OF_RANGE "a time outside the years 0001 to 9999"

static const char *parse_validity(dsreg_value *v, const char *s, size_t n) {
  /* "[ 2025-03-09 10:23:00.000 UTC -- 2035-03-09 11:53:00.000 UTC ]" */
  if (n < 8 || s[0] != '[' || s[n - 1] != ']')
    return "not a [ from -- to ] range";
  /* The separator dsregcmd prints is " -- "; retyped and word-processed
   * copies have one hyphen or an en or em dash instead.  Dates have no
   * spaces around their hyphens, so none of these is found inside one. */
  static const char *const seps[] = {" -- ", " - ", " \xE2\x80\x93 ",
                                     " \xE2\x80\x94 "};
  const char *mid = NULL;
  size_t sep_len = 0;
  for (size_t i = 1; !mid && i + 3 <= n; i++) {
    if (s[i] != ' ')
      continue;
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
      size_t l = strlen(seps[k]);
      if (i + l <= n && memcmp(s + i, seps[k], l) == 0) {
        mid = s + i;
        sep_len = l;
        break;
      }
    }
  }
  if (!mid)
    return "not a [ from -- to ] range";
  const char *a = s + 1, *b = mid + sep_len;
  size_t an = (size_t)(mid - a), bn = (size_t)(s + n - 1 - b);
  while (an && *a == ' ')
    a++, an--;
  while (an && a[an - 1] == ' ')
    an--;
  while (bn && *b == ' ')
    b++, bn--;
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
  /* dsregcmd prints upper case; "Passed" in a retyped ticket means the
   * same. */
  if (dsreg_eq_nocase(s, n, "PASS") || dsreg_eq_nocase(s, n, "PASSED")) {
    v->test = DSREG_TEST_PASS;
    return NULL;
  }
  if (dsreg_eq_nocase(s, n, "SKIPPED")) {
    v->test = DSREG_TEST_SKIPPED;
    return NULL;
  }
  if (n >= 4 && dsreg_eq_nocase(s, 4, "FAIL")) {
    v->test = DSREG_TEST_FAIL;
    size_t i = 4;
    if (i < n && dsreg_ascii_upper((unsigned char)s[i]) == 'E') /* FAILED */
      i += 1 + (i + 1 < n && dsreg_ascii_upper((unsigned char)s[i + 1]) == 'D');
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
