/*
 * test_paste_values.c - value spellings and code pages of pasted captures
 * (issue 12, items 5 and 6; docs/format.md §1 and §7).
 *
 * The property: for every fixture, every transform of the table below and
 * every pair of them, fed in chunks of 1, 7 and 4096 bytes, the sections and
 * typed values equal those of the clean fixture.  A transform rewrites the
 * values of the fields the clean parse typed (it knows each field's line and
 * type), so it never touches a text value that only looks like a flag.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codepages.h"
#include "dsreg/fields.h"
#include "dsreg/parser.h"
#include "test_fixtures.h"
#include "text_buf.h"

/* ---- growable text ------------------------------------------------------ */

/* ---- parsing: what must not change, and where the typed fields are ----- */

typedef struct spot {
  unsigned long line;
  dsreg_value_type type;
  char value[256];
} spot;

typedef struct run {
  buf dump;
  buf notes;
  spot *spots; /* the typed fields (clean parse only) */
  size_t nspots, capspots;
  dsreg_encoding enc;
} run;

static int is_text_type(dsreg_value_type t) {
  return t == DSREG_TYPE_TEXT || t == DSREG_TYPE_GUID ||
         t == DSREG_TYPE_THUMBPRINT || t == DSREG_TYPE_URL;
}

static void dump_value(buf *b, const dsreg_field_def *def,
                       const dsreg_value *v) {
  char tmp[256];
  if (v->state == DSREG_VALUE_ABSENT)
    return;
  snprintf(tmp, sizeof tmp,
           "  %s st=%d flag=%d test=%d code=%d:%lx sub=%d:%lx num=%lld t=%lld "
           "e=%lld line=%lu ",
           def->member, (int)v->state, (int)v->flag, (int)v->test,
           (int)v->has_code, (unsigned long)v->code, (int)v->has_sub_code,
           (unsigned long)v->sub_code, (long long)v->number,
           (long long)v->time_ms, (long long)v->end_ms,
           v->field ? v->field->line : 0ul);
  buf_str(b, tmp);
  /* Text of the types whose spelling is the value; a flag's is not. */
  if (is_text_type(def->type) && v->field)
    buf_add(b, v->field->value, v->field->value_len);
  buf_str(b, "\n");
}

static int on_capture(const dsreg_capture *c, void *user) {
  run *r = user;
  char tmp[128];
  snprintf(tmp, sizeof tmp, "capture %lu lines %lu-%lu\n", c->index, c->line,
           c->end_line);
  buf_str(&r->dump, tmp);
  for (size_t i = 0; i < c->section_count; i++) {
    snprintf(tmp, sizeof tmp, "  section %lu kind=%d fields=%zu ",
             c->sections[i].line, (int)c->sections[i].kind,
             c->sections[i].field_count);
    buf_str(&r->dump, tmp);
    buf_add(&r->dump, c->sections[i].title, c->sections[i].title_len);
    buf_str(&r->dump, "\n");
  }
  for (size_t i = 0; i < dsreg_field_def_count(); i++) {
    const dsreg_field_def *def = dsreg_field_def_at(i);
    if (def->section != DSREG_SECTION_WORK_ACCOUNT) {
      dump_value(&r->dump, def, dsreg_field_def_value(def, &c->typed, NULL));
      continue;
    }
    for (size_t a = 0; a < c->typed.work_account_count; a++)
      dump_value(
          &r->dump, def,
          dsreg_field_def_value(def, &c->typed, &c->typed.work_accounts[a]));
  }
  for (size_t i = 0; i < c->note_count; i++) {
    buf_str(&r->notes, c->notes[i].message);
    buf_str(&r->notes, "\n");
  }
  for (size_t i = 0; i < c->field_count; i++) {
    const dsreg_field *f = &c->fields[i];
    if (f->known < 0 || f->value_len >= sizeof r->spots->value ||
        (f->flags & DSREG_FIELD_WRAPPED))
      continue;
    if (r->nspots == r->capspots) {
      r->capspots = r->capspots ? r->capspots * 2 : 256;
      r->spots = realloc(r->spots, r->capspots * sizeof *r->spots);
      assert_non_null(r->spots);
    }
    spot *s = &r->spots[r->nspots++];
    s->line = f->line;
    s->type = dsreg_field_def_at((size_t)f->known)->type;
    memcpy(s->value, f->value, f->value_len);
    s->value[f->value_len] = '\0';
  }
  return 0;
}

static void parse(const buf *in, size_t chunk, dsreg_encoding enc, run *r) {
  memset(r, 0, sizeof *r);
  dsreg_parser *p = dsreg_parser_new(on_capture, r);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_set_encoding(p, enc), DSREG_OK);
  for (size_t at = 0; at < in->len; at += chunk) {
    size_t k = in->len - at < chunk ? in->len - at : chunk;
    assert_int_equal(dsreg_parser_feed(p, in->p + at, k), DSREG_OK);
  }
  dsreg_status st = dsreg_parser_finish(p);
  assert_true(st == DSREG_OK || st == DSREG_ENOCAPTURE);
  r->enc = dsreg_parser_encoding(p);
  dsreg_parser_free(p);
}

static void run_free(run *r) {
  free(r->dump.p);
  free(r->notes.p);
  free(r->spots);
}

/* ---- the transforms ----------------------------------------------------- */

/* Rewrites value `v` of a field of `type` into `out` (>= 512 bytes); 0 when
 * it does not apply. */
typedef int (*value_fn)(dsreg_value_type type, const char *v, char *out);

static int replace_all(const char *v, const char *from, const char *to,
                       char *out) {
  size_t fl = strlen(from), o = 0;
  int n = 0;
  for (const char *s = v; *s;) {
    if (strncmp(s, from, fl) == 0) {
      strcpy(out + o, to);
      o += strlen(to);
      s += fl;
      n++;
    } else {
      out[o++] = *s++;
    }
  }
  out[o] = '\0';
  return n > 0;
}

static int is_flag_word(const char *v) {
  return strcmp(v, "YES") == 0 || strcmp(v, "NO") == 0 ||
         strcmp(v, "NOT SET") == 0 || strcmp(v, "UNKNOWN") == 0;
}

static int flag_lower(dsreg_value_type type, const char *v, char *out) {
  if (type != DSREG_TYPE_FLAG || !is_flag_word(v))
    return 0;
  size_t i = 0;
  for (; v[i]; i++)
    out[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
  out[i] = '\0';
  return 1;
}

static int flag_title(dsreg_value_type type, const char *v, char *out) {
  if (!flag_lower(type, v, out))
    return 0;
  out[0] = (char)(out[0] - 32);
  return 1;
}

static int error_bare(dsreg_value_type type, const char *v, char *out) {
  size_t n = strlen(v);
  if (type != DSREG_TYPE_FLAG || strncmp(v, "ERROR (0x", 9) != 0 ||
      v[n - 1] != ')')
    return 0;
  snprintf(out, 512, "ERROR %.*s", (int)(n - 8), v + 7);
  return 1;
}

static int range_hyphen(dsreg_value_type type, const char *v, char *out) {
  return type == DSREG_TYPE_VALIDITY && replace_all(v, " -- ", " - ", out);
}

static int range_en_dash(dsreg_value_type type, const char *v, char *out) {
  return type == DSREG_TYPE_VALIDITY &&
         replace_all(v, " -- ", " \xE2\x80\x93 ", out);
}

static int hex_upper_x(dsreg_value_type type, const char *v, char *out) {
  if (type != DSREG_TYPE_HEX && type != DSREG_TYPE_TEST &&
      type != DSREG_TYPE_FLAG)
    return 0;
  return replace_all(v, "0x", "0X", out);
}

static int test_words_lower(dsreg_value_type type, const char *v, char *out) {
  if (type != DSREG_TYPE_TEST)
    return 0;
  size_t i = 0;
  for (; v[i]; i++)
    out[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
  out[i] = '\0';
  return strcmp(out, v) != 0;
}

typedef struct transform {
  const char *name;
  value_fn fn; /* NULL: the whole text */
  int cp850;   /* the text re-encoded in cp850 */
} transform;

static const transform TRANSFORMS[] = {
    {"flag-lower", flag_lower, 0},       {"flag-title", flag_title, 0},
    {"error-bare", error_bare, 0},       {"range-hyphen", range_hyphen, 0},
    {"range-en-dash", range_en_dash, 0}, {"hex-upper-x", hex_upper_x, 0},
    {"test-lower", test_words_lower, 0}, {"cp850", NULL, 1},
};
#define NTRANSFORMS (sizeof TRANSFORMS / sizeof TRANSFORMS[0])

/* The spot of line `line`, or NULL. */
static const spot *spot_at(const run *clean, unsigned long line) {
  for (size_t i = 0; i < clean->nspots; i++)
    if (clean->spots[i].line == line)
      return &clean->spots[i];
  return NULL;
}

/* `in` with the values the clean parse typed rewritten by fns[0..nfns). */
static buf rewrite_values(const buf *in, const run *clean, const value_fn *fns,
                          size_t nfns, int *changed) {
  buf out = {0};
  unsigned long line = 0;
  for (size_t at = 0; at < in->len;) {
    const char *s = in->p + at;
    const char *nl = memchr(s, '\n', in->len - at);
    size_t len = nl ? (size_t)(nl - s) + 1 : in->len - at;
    size_t body = len;
    line++;
    while (body && (s[body - 1] == '\n' || s[body - 1] == '\r' ||
                    s[body - 1] == ' ' || s[body - 1] == '\t'))
      body--;
    const spot *sp = spot_at(clean, line);
    char cur[512], next[512];
    size_t vl = sp ? strlen(sp->value) : 0;
    if (sp && vl && vl <= body && memcmp(s + body - vl, sp->value, vl) == 0) {
      strcpy(cur, sp->value);
      int any = 0;
      for (size_t k = 0; k < nfns; k++)
        if (fns[k](sp->type, cur, next)) {
          strcpy(cur, next);
          any = 1;
        }
      if (any) {
        *changed = 1;
        buf_add(&out, s, body - vl);
        buf_str(&out, cur);
        buf_add(&out, s + body, len - body);
        at += len;
        continue;
      }
    }
    buf_add(&out, s, len);
    at += len;
  }
  if (!out.p)
    buf_add(&out, "", 0);
  return out;
}

/* `in` (UTF-8) in cp850; 0 when a character has no byte there. */
static int to_cp850(const buf *in, buf *out) {
  const dsreg_codepage *cp = dsreg_codepage_get(DSREG_ENCODING_CP850);
  const unsigned char *s = (const unsigned char *)in->p;
  memset(out, 0, sizeof *out);
  for (size_t i = 0; i < in->len;) {
    uint32_t c = s[i];
    size_t k = 1;
    if (c >= 0xF0)
      return 0;
    if (c >= 0xE0 && i + 2 < in->len)
      c = (c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
          (s[i + 2] & 0x3F),
      k = 3;
    else if (c >= 0xC0 && i + 1 < in->len)
      c = (c & 0x1F) << 6 | (s[i + 1] & 0x3F), k = 2;
    int b = dsreg_codepage_byte(cp, c);
    if (b < 0)
      return 0;
    unsigned char byte = (unsigned char)b;
    buf_add(out, &byte, 1);
    i += k;
  }
  return 1;
}

static const char *const FIXTURES[] = {DSREG_TEST_FIXTURES};
#define NFIXTURES (sizeof FIXTURES / sizeof FIXTURES[0])

static const size_t CHUNKS[] = {1, 7, 4096};

/* Applies transforms a and b (b == a: a alone) to `text`; 0 when the pair
 * changes nothing in it. */
static int transformed(const buf *text, const run *clean, size_t a, size_t b,
                       buf *out) {
  value_fn fns[2];
  size_t nfns = 0;
  int cp850 = 0, changed = 0;
  size_t pick[2] = {a, b};
  for (size_t k = 0; k < (a == b ? 1u : 2u); k++) {
    if (TRANSFORMS[pick[k]].fn)
      fns[nfns++] = TRANSFORMS[pick[k]].fn;
    cp850 |= TRANSFORMS[pick[k]].cp850;
  }
  *out = rewrite_values(text, clean, fns, nfns, &changed);
  if (cp850) {
    buf enc;
    int ok = to_cp850(out, &enc);
    int differs = ok && (enc.len != out->len || memcmp(enc.p, out->p, enc.len));
    free(out->p);
    if (!ok) {
      free(enc.p);
      memset(out, 0, sizeof *out);
      return 0; /* a character cp850 lacks */
    }
    *out = enc;
    changed |= differs;
  }
  return changed;
}

static void test_property_every_fixture_every_transform(void **state) {
  (void)state;
  size_t checked = 0, per_transform[NTRANSFORMS] = {0};
  for (size_t f = 0; f < NFIXTURES; f++) {
    buf text = buf_fixture(FIXTURES[f]);
    run clean;
    parse(&text, text.len, DSREG_ENCODING_UNKNOWN, &clean);
    assert_true(clean.enc == DSREG_ENCODING_UTF8 ||
                clean.enc == DSREG_ENCODING_UTF8_BOM);
    for (size_t a = 0; a < NTRANSFORMS; a++) {
      for (size_t b = a; b < NTRANSFORMS; b++) {
        buf t;
        if (!transformed(&text, &clean, a, b, &t)) {
          free(t.p);
          continue;
        }
        if (a == b)
          per_transform[a]++;
        for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
          run got;
          parse(&t, CHUNKS[c], DSREG_ENCODING_UNKNOWN, &got);
          if (got.dump.len != clean.dump.len ||
              memcmp(got.dump.p, clean.dump.p, got.dump.len) != 0) {
            fprintf(stderr, "%s: %s + %s, chunks of %zu differ:\n%s\n---\n%s",
                    FIXTURES[f], TRANSFORMS[a].name, TRANSFORMS[b].name,
                    CHUNKS[c], clean.dump.p, got.dump.p);
            fail();
          }
          checked++;
          run_free(&got);
        }
        free(t.p);
      }
    }
    run_free(&clean);
    free(text.p);
  }
  /* Every transform found something to change in some fixture. */
  for (size_t a = 0; a < NTRANSFORMS; a++) {
    if (per_transform[a] == 0)
      fprintf(stderr, "transform %s never applied\n", TRANSFORMS[a].name);
    assert_true(per_transform[a] > 0);
  }
  if (getenv("DSREG_TEST_VERBOSE"))
    fprintf(stderr, "%zu parses compared\n", checked);
  assert_true(checked > 100);
}

/* ---- code pages end to end ---------------------------------------------- */

/* A capture saved by `dsregcmd /status > file.txt` in a Western European
 * cmd: the device and tenant names in cp850. */
static const char CP850_CAPTURE[] =
    "+----------------------------------------------------------------------+\n"
    "| Device State                                                         |\n"
    "+----------------------------------------------------------------------+\n"
    "\n"
    "             AzureAdJoined : YES\n"
    "          EnterpriseJoined : NO\n"
    "              DomainJoined : NO\n"
    "               Device Name : M\x81ller-Laptop\n"
    "\n"
    "+----------------------------------------------------------------------+\n"
    "| Tenant Details                                                       |\n"
    "+----------------------------------------------------------------------+\n"
    "\n"
    "                TenantName : Soci\x82t\x82 G\x82n\x82rale \x8F"
    "rhus\n"
    "                  TenantId : 8d0b6d6c-9ab4-4a8b-a8b6-1d3e0f6a2b11\n";

typedef struct one {
  char device_name[128];
  char tenant_name[128];
  buf notes;
  dsreg_encoding enc;
  size_t captures;
} one;

static void copy_value(char *dst, const dsreg_value *v) {
  size_t n = v->field ? v->field->value_len : 0;
  assert_true(n < 128);
  if (n)
    memcpy(dst, v->field->value, n);
  dst[n] = '\0';
}

static int on_one(const dsreg_capture *c, void *user) {
  one *o = user;
  o->captures++;
  o->enc = c->encoding;
  copy_value(o->device_name, &c->typed.device_state.device_name);
  copy_value(o->tenant_name, &c->typed.tenant_details.tenant_name);
  for (size_t i = 0; i < c->note_count; i++) {
    buf_str(&o->notes, c->notes[i].message);
    buf_str(&o->notes, "\n");
  }
  return 0;
}

static void parse_one(const char *text, size_t n, size_t chunk,
                      dsreg_encoding enc, one *o) {
  memset(o, 0, sizeof *o);
  buf_add(&o->notes, "", 0);
  dsreg_parser *p = dsreg_parser_new(on_one, o);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_set_encoding(p, enc), DSREG_OK);
  for (size_t at = 0; at < n; at += chunk)
    assert_int_equal(
        dsreg_parser_feed(p, text + at, n - at < chunk ? n - at : chunk),
        DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  /* Kept across a reset, refused once bytes were fed. */
  assert_int_equal(dsreg_parser_set_encoding(p, enc), DSREG_EINVAL);
  dsreg_parser_reset(p);
  assert_int_equal(dsreg_parser_set_encoding(p, (dsreg_encoding)99),
                   DSREG_EINVAL);
  dsreg_parser_free(p);
  assert_int_equal(o->captures, 1);
}

static void test_cp850_capture_detected(void **state) {
  (void)state;
  for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
    one o;
    parse_one(CP850_CAPTURE, sizeof CP850_CAPTURE - 1, CHUNKS[c],
              DSREG_ENCODING_UNKNOWN, &o);
    assert_int_equal(o.enc, DSREG_ENCODING_CP850);
    assert_string_equal(o.device_name, "M\xC3\xBCller-Laptop");
    assert_string_equal(o.tenant_name, "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3"
                                       "\xA9rale \xC3\x85rhus");
    assert_non_null(strstr(o.notes.p,
                           "decoded as cp850: the input is not UTF-8 (the "
                           "console's OEM code page?); use --encoding to "
                           "choose\n"));
    free(o.notes.p);
  }
}

static void test_cp1252_told(void **state) {
  (void)state;
  one o;
  parse_one(CP850_CAPTURE, sizeof CP850_CAPTURE - 1, 7, DSREG_ENCODING_CP1252,
            &o);
  assert_int_equal(o.enc, DSREG_ENCODING_CP1252);
  /* 0x81 and 0x8F are undefined in cp1252; 0x82 is a low quotation
   * mark. */
  assert_string_equal(o.device_name, "M\xEF\xBF\xBDller-Laptop");
  assert_string_equal(o.tenant_name,
                      "Soci\xE2\x80\x9At\xE2\x80\x9A G\xE2\x80\x9An\xE2\x80\x9A"
                      "rale \xEF\xBF\xBD"
                      "rhus");
  assert_null(strstr(o.notes.p, "decoded as"));
  free(o.notes.p);
}

/* Windows-1252 text is told apart from cp850 by its letters. */
static void test_cp1252_detected(void **state) {
  (void)state;
  static const char text[] =
      "+----+\n| Device State |\n+----+\n  AzureAdJoined : YES\n"
      "               Device Name : Andr\xE9s-PC\n"
      "+----+\n| Tenant Details |\n+----+\n"
      "                TenantName : Stra\xDF"
      "enbau M\xFCller\n";
  one o;
  parse_one(text, sizeof text - 1, 1, DSREG_ENCODING_UNKNOWN, &o);
  assert_int_equal(o.enc, DSREG_ENCODING_CP1252);
  assert_string_equal(o.device_name, "Andr\xC3\xA9s-PC");
  assert_string_equal(o.tenant_name, "Stra\xC3\x9F"
                                     "enbau M\xC3\xBCller");
  assert_non_null(strstr(o.notes.p, "decoded as cp1252: the input is not "
                                    "UTF-8 (the Windows ANSI code page?)"));
  free(o.notes.p);
}

/* UTF-8 read as cp1252 and saved again: noted, kept as printed. */
static void test_mojibake_noted(void **state) {
  (void)state;
  static const char text[] =
      "+----+\n| Device State |\n+----+\n  AzureAdJoined : YES\n"
      "               Device Name : M\xC3\x83\xC2\xBCller-PC\n"
      "+----+\n| Tenant Details |\n+----+\n"
      "                TenantName : M\xC3\xBCller AG\n";
  for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
    one o;
    parse_one(text, sizeof text - 1, CHUNKS[c], DSREG_ENCODING_UNKNOWN, &o);
    assert_int_equal(o.enc, DSREG_ENCODING_UTF8);
    assert_string_equal(o.device_name, "M\xC3\x83\xC2\xBCller-PC");
    assert_string_equal(o.notes.p,
                        "Device Name: looks like UTF-8 read as cp1252: "
                        "'M\xC3\x83\xC2\xBCller-PC' is probably "
                        "'M\xC3\xBCller-PC'\n");
    free(o.notes.p);
  }
}

/* dsreg_encoding_from_name and dsreg_encoding_name agree. */
static void test_encoding_names(void **state) {
  (void)state;
  static const char *const names[] = {"utf-8", "utf-16le", "utf-16be",
                                      "cp437", "cp850",    "cp1252"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    dsreg_encoding e = DSREG_ENCODING_UNKNOWN;
    assert_true(dsreg_encoding_from_name(names[i], &e));
    assert_string_equal(dsreg_encoding_name(e), names[i]);
  }
  dsreg_encoding e = DSREG_ENCODING_CP850;
  assert_true(dsreg_encoding_from_name("AUTO", &e));
  assert_int_equal(e, DSREG_ENCODING_UNKNOWN);
  assert_true(dsreg_encoding_from_name("CP850", &e));
  assert_int_equal(e, DSREG_ENCODING_CP850);
  assert_false(dsreg_encoding_from_name("latin9", &e));
  assert_false(dsreg_encoding_from_name("utf-8-bom", &e));
  assert_int_equal(e, DSREG_ENCODING_CP850);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_property_every_fixture_every_transform),
      cmocka_unit_test(test_cp850_capture_detected),
      cmocka_unit_test(test_cp1252_told),
      cmocka_unit_test(test_cp1252_detected),
      cmocka_unit_test(test_mojibake_noted),
      cmocka_unit_test(test_encoding_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
