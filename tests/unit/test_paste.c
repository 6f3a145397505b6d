/*
 * test_paste.c - what pasting does to dsregcmd output (docs/format.md §2a,
 * src/repair.c): a property test.  Every fixture, put through each
 * transform that a mail client, a Markdown or HTML page, a log collector or
 * an editor applies (and a few pairs of them), must parse into the same
 * sections, fields and typed values as the clean file, fed in chunks of 1,
 * 7 and 4096 bytes, and each capture that was damaged must carry the note
 * that names the repair.  Then the limits: a prefix that the lines of a
 * block do not share stays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/fields.h"
#include "dsreg/parser.h"
#include "text_buf.h"

/* ---- text buffers ------------------------------------------------------- */

/* ---- transforms: one line at a time ------------------------------------ */

/* A line without its end (CR dropped), its number from 1, whether it is
 * the last line, and the output. */
typedef void (*line_fn)(const char *s, size_t n, unsigned long no, buf *out);

static size_t indent_of(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  return i;
}

static int is_blank(const char *s, size_t n) { return indent_of(s, n) == n; }

/* A `Key : Value` line as dsregcmd prints it. */
static const char *field_sep(const char *s, size_t n) {
  size_t i = indent_of(s, n);
  if (i == n || !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
    return NULL;
  for (size_t k = i; k + 1 < n; k++)
    if (s[k] == ' ' && s[k + 1] == ':' && (k + 2 == n || s[k + 2] == ' '))
      return s + k;
  return NULL;
}

static void prefixed(const char *pre, const char *s, size_t n, buf *out) {
  if (is_blank(s, n)) {
    size_t m = strlen(pre);
    while (m && pre[m - 1] == ' ')
      m--;
    buf_add(out, pre, m); /* the quote of an empty line is ">" */
  } else {
    buf_str(out, pre);
    buf_add(out, s, n);
  }
}

#define PREFIX_FN(name, pre)                                                   \
  static void name(const char *s, size_t n, unsigned long no, buf *out) {      \
    (void)no;                                                                  \
    prefixed(pre, s, n, out);                                                  \
  }
PREFIX_FN(t_quote, "> ")
PREFIX_FN(t_quote2, ">> ")
PREFIX_FN(t_hash, "# ")
PREFIX_FN(t_slash, "// ")
PREFIX_FN(t_rem, "REM ")
PREFIX_FN(t_dash, "- ")
PREFIX_FN(t_star, "* ")

static void t_numcol(const char *s, size_t n, unsigned long no, buf *out) {
  char pre[32];
  snprintf(pre, sizeof pre, "%lu: ", no);
  prefixed(pre, s, n, out);
}

static void t_numbar(const char *s, size_t n, unsigned long no, buf *out) {
  char pre[32];
  snprintf(pre, sizeof pre, "%4lu | ", no);
  prefixed(pre, s, n, out);
}

static void t_stamp(const char *s, size_t n, unsigned long no, buf *out) {
  char pre[64];
  snprintf(pre, sizeof pre, "2025-03-09 11:%02lu:%02lu ", no / 60 % 60,
           no % 60);
  prefixed(pre, s, n, out);
}

static void t_iso(const char *s, size_t n, unsigned long no, buf *out) {
  char pre[64];
  snprintf(pre, sizeof pre, "2025-03-09T11:%02lu:%02lu.%03luZ ", no / 60 % 60,
           no % 60, no % 1000);
  prefixed(pre, s, n, out);
}

static void t_clock(const char *s, size_t n, unsigned long no, buf *out) {
  char pre[64];
  snprintf(pre, sizeof pre, "[11:%02lu:%02lu] ", no / 60 % 60, no % 60);
  prefixed(pre, s, n, out);
}

static void wrap_field(const char *open, const char *close, const char *s,
                       size_t n, buf *out) {
  if (!field_sep(s, n)) {
    buf_add(out, s, n);
    return;
  }
  size_t i = indent_of(s, n), m = n;
  while (m > i && s[m - 1] == ' ')
    m--;
  buf_add(out, s, i);
  buf_str(out, open);
  buf_add(out, s + i, m - i);
  buf_str(out, close);
}

static void t_bold(const char *s, size_t n, unsigned long no, buf *out) {
  (void)no;
  wrap_field("**", "**", s, n, out);
}

static void t_tick(const char *s, size_t n, unsigned long no, buf *out) {
  (void)no;
  wrap_field("`", "`", s, n, out);
}

static void t_entities(const char *s, size_t n, unsigned long no, buf *out) {
  (void)no;
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
    case '<':
      buf_str(out, "&lt;");
      break;
    case '>':
      buf_str(out, "&gt;");
      break;
    case '&':
      buf_str(out, "&amp;");
      break;
    case '"':
      buf_str(out, "&quot;");
      break;
    case '\'':
      buf_str(out, "&#39;");
      break;
    default:
      buf_add(out, s + i, 1);
    }
  }
}

static void t_para(const char *s, size_t n, unsigned long no, buf *out) {
  buf_str(out, no % 2 ? "<p>" : "<pre><code>");
  buf_add(out, s, n);
  buf_str(out, no % 2 ? "</p>" : "</code></pre>");
}

static void t_double(const char *s, size_t n, unsigned long no, buf *out) {
  (void)no;
  buf_add(out, s, n);
  buf_str(out, "\n");
}

/* Indentation in tabs at 8-column stops, and a tab on each side of the
 * separator's colon. */
static void t_tabs(const char *s, size_t n, unsigned long no, buf *out) {
  (void)no;
  size_t ind = indent_of(s, n);
  for (size_t k = 0; k < ind / 8; k++)
    buf_str(out, "\t");
  buf_add(out, s + ind / 8 * 8, ind % 8);
  const char *sep = field_sep(s, n);
  if (!sep || sep + 3 > s + n) {
    buf_add(out, s + ind, n - ind);
    return;
  }
  buf_add(out, s + ind, (size_t)(sep - s) - ind);
  buf_str(out, "\t:\t");
  buf_add(out, sep + 3, n - (size_t)(sep + 3 - s));
}

static void t_nbsp(const char *s, size_t n, unsigned long no, buf *out) {
  (void)no;
  for (size_t i = 0; i < n; i++)
    if (s[i] == ' ')
      buf_str(out, "\xC2\xA0");
    else
      buf_add(out, s + i, 1);
}

static void t_trailing(const char *s, size_t n, unsigned long no, buf *out) {
  buf_add(out, s, n);
  buf_add(out, "      ", 1 + no % 5);
}

static int known_key(const char *k, size_t n) {
  for (size_t i = 0; i < dsreg_field_def_count(); i++) {
    const char *key = dsreg_field_def_at(i)->key;
    if (strlen(key) == n && memcmp(key, k, n) == 0)
      return 1;
  }
  return 0;
}

/* `AzureAdJoined   YES`: the separator of a known key's line become
 * spaces (where there is a value to see). */
static void t_gap(const char *s, size_t n, unsigned long no, buf *out) {
  (void)no;
  const char *sep = field_sep(s, n);
  size_t ind = indent_of(s, n);
  if (!sep || sep + 3 >= s + n ||
      is_blank(sep + 3, n - (size_t)(sep + 3 - s)) ||
      !known_key(s + ind, (size_t)(sep - s) - ind)) {
    buf_add(out, s, n);
    return;
  }
  buf_add(out, s, (size_t)(sep - s));
  buf_str(out, "   ");
  buf_add(out, sep + 3, n - (size_t)(sep + 3 - s));
}

typedef struct transform {
  const char *name;
  line_fn fn[2];    /* applied in turn */
  const char *note; /* a note with this text on each damaged capture */
  int join_br;      /* then join lines 3 by 3 with <br> */
  int fences;       /* first glue ``` to the first and last field line */
  int any;          /* the note is needed on one capture, not on each */
} transform;

/* Some field line of `b` holds one of `chars`: the entities transform
 * damages only those. */
static int field_with(const buf *b, const char *chars) {
  for (size_t at = 0; at < b->len;) {
    const char *nl = memchr(b->p + at, '\n', b->len - at);
    size_t end = nl ? (size_t)(nl - b->p) : b->len;
    if (field_sep(b->p + at, end - at))
      for (size_t i = at; i < end; i++)
        if (strchr(chars, b->p[i]))
          return 1;
    at = end + 1;
  }
  return 0;
}

static const transform TRANSFORMS[] = {
    {"quote", {t_quote, NULL}, "'> ' quote prefix removed", 0, 0, 0},
    {"quote2", {t_quote2, NULL}, "'>> ' quote prefix removed", 0, 0, 0},
    {"hash", {t_hash, NULL}, "'# ' comment prefix removed", 0, 0, 0},
    {"slash", {t_slash, NULL}, "'// ' comment prefix removed", 0, 0, 0},
    {"rem", {t_rem, NULL}, "'REM ' comment prefix removed", 0, 0, 0},
    {"dash", {t_dash, NULL}, "'- ' bullet prefix removed", 0, 0, 0},
    {"star", {t_star, NULL}, "'* ' bullet prefix removed", 0, 0, 0},
    {"numcol",
     {t_numcol, NULL},
     "line-number ('12: ') prefix removed",
     0,
     0,
     0},
    {"numbar",
     {t_numbar, NULL},
     "line-number ('12 | ') prefix removed",
     0,
     0,
     0},
    {"stamp", {t_stamp, NULL}, "timestamp prefix removed", 0, 0, 0},
    {"iso", {t_iso, NULL}, "timestamp prefix removed", 0, 0, 0},
    {"clock", {t_clock, NULL}, "timestamp prefix removed", 0, 0, 0},
    {"bold", {t_bold, NULL}, "Markdown emphasis", 0, 0, 0},
    {"backticks", {t_tick, NULL}, "Markdown emphasis", 0, 0, 0},
    {"entities", {t_entities, NULL}, "HTML entities decoded", 0, 0, 1},
    {"br", {NULL, NULL}, "split back into lines", 1, 0, 0},
    {"para", {t_para, NULL}, "HTML tags", 0, 0, 0},
    {"fences", {NULL, NULL}, "code fences removed", 0, 1, 1},
    {"double", {t_double, NULL}, NULL, 0, 0, 0},
    {"tabs", {t_tabs, NULL}, "tabs or no-break spaces", 0, 0, 0},
    {"nbsp", {t_nbsp, NULL}, "tabs or no-break spaces", 0, 0, 0},
    {"trailing", {t_trailing, NULL}, NULL, 0, 0, 0},
    {"gap", {t_gap, NULL}, "instead of ' : ' after a known key", 0, 0, 1},
    /* pairs */
    {"entities+quote", {t_quote, t_entities}, "HTML entities decoded", 0, 0, 1},
    {"bold+dash", {t_bold, t_dash}, "'- ' bullet prefix removed", 0, 0, 0},
    {"double+stamp", {t_double, t_stamp}, "timestamp prefix removed", 0, 0, 0},
    {"entities+br", {t_entities, NULL}, "split back into lines", 1, 0, 1},
    {"tabs+quote", {t_tabs, t_quote}, "tabs or no-break spaces", 0, 0, 0},
    {"nbsp+numbar", {t_nbsp, t_numbar}, "line-number", 0, 0, 0},
    {"fences+hash", {t_hash, NULL}, "code fences removed", 0, 1, 1},
};

static buf apply_fn(const buf *in, line_fn fn) {
  buf out = {0};
  unsigned long no = 0;
  for (size_t at = 0; at < in->len;) {
    const char *nl = memchr(in->p + at, '\n', in->len - at);
    size_t end = nl ? (size_t)(nl - in->p) : in->len;
    size_t n = end - at;
    if (n && in->p[at + n - 1] == '\r')
      n--;
    fn(in->p + at, n, ++no, &out);
    buf_str(&out, "\n");
    at = end + 1;
  }
  return out;
}

static buf join_br(const buf *in) {
  static const char *const BR[] = {"<br>", "<br/>", "<br />"};
  buf out = {0};
  unsigned long no = 0;
  for (size_t i = 0; i < in->len; i++) {
    if (in->p[i] == '\n' && ++no % 3 != 0 && i + 1 < in->len)
      buf_str(&out, BR[no % 3]);
    else
      buf_add(&out, in->p + i, 1);
  }
  return out;
}

static buf glue_fences(const buf *in) {
  size_t first = SIZE_MAX, last_end = SIZE_MAX;
  for (size_t at = 0; at < in->len;) {
    const char *nl = memchr(in->p + at, '\n', in->len - at);
    size_t end = nl ? (size_t)(nl - in->p) : in->len;
    size_t n = end - at;
    if (field_sep(in->p + at, n)) {
      if (first == SIZE_MAX)
        first = at;
      last_end = end;
    }
    at = end + 1;
  }
  buf out = {0};
  for (size_t i = 0; i <= in->len; i++) {
    if (i == first)
      buf_str(&out, "```");
    if (i == last_end)
      buf_str(&out, "```");
    if (i < in->len)
      buf_add(&out, in->p + i, 1);
  }
  return out;
}

static buf apply(const buf *in, const transform *t) {
  buf cur = {0};
  if (t->fences) {
    cur = glue_fences(in);
  } else {
    buf_add(&cur, in->p, in->len);
  }
  for (size_t k = 0; k < 2; k++) {
    if (!t->fn[k])
      continue;
    buf next = apply_fn(&cur, t->fn[k]);
    free(cur.p);
    cur = next;
  }
  if (t->join_br) {
    buf next = join_br(&cur);
    free(cur.p);
    cur = next;
  }
  return cur;
}

/* ---- what a parse gave -------------------------------------------------- */

typedef struct run {
  buf dump;    /* sections, fields, typed values: what must not change */
  buf notes;   /* per capture: "|note|note|...\n" */
  int wrapped; /* a console-wrapped field was joined */
  unsigned long captures;
} run;

static void dump_value(buf *b, const char *name, const dsreg_value *v) {
  if (v->state == DSREG_VALUE_ABSENT)
    return;
  buf_printf(b,
             "  typed %s st=%d flag=%d test=%d code=%d:%lx sub=%d:%lx num=%lld "
             "t=%lld e=%lld\n",
             name, (int)v->state, (int)v->flag, (int)v->test, (int)v->has_code,
             (unsigned long)v->code, (int)v->has_sub_code,
             (unsigned long)v->sub_code, (long long)v->number,
             (long long)v->time_ms, (long long)v->end_ms);
}

static int on_capture(const dsreg_capture *c, void *user) {
  run *r = user;
  buf *b = &r->dump;
  buf_printf(b, "capture footer=%d\n", (int)c->has_footer);
  for (size_t i = 0; i < c->section_count; i++) {
    const dsreg_section *s = &c->sections[i];
    buf_printf(b, "  section kind=%d ord=%u occ=%u fields=%zu+%zu ",
               (int)s->kind, s->ordinal, s->occurrence, s->first_field,
               s->field_count);
    buf_add(b, s->title, s->title_len);
    buf_str(b, "\n");
  }
  for (size_t i = 0; i < c->field_count; i++) {
    const dsreg_field *f = &c->fields[i];
    buf_printf(b, "  field sec=%zu known=%d prt=%d flags=%u occ=%u ",
               f->section, f->known, (int)f->prt, f->flags, f->occurrence);
    buf_add(b, f->key, f->key_len);
    buf_str(b, "=");
    buf_add(b, f->value, f->value_len);
    buf_str(b, "\n");
    if (f->flags & DSREG_FIELD_WRAPPED)
      r->wrapped = 1;
  }
  for (size_t i = 0; i < dsreg_field_def_count(); i++) {
    const dsreg_field_def *def = dsreg_field_def_at(i);
    if (def->section != DSREG_SECTION_WORK_ACCOUNT) {
      dump_value(b, def->member, dsreg_field_def_value(def, &c->typed, NULL));
      continue;
    }
    for (size_t a = 0; a < c->typed.work_account_count; a++)
      dump_value(
          b, def->member,
          dsreg_field_def_value(def, &c->typed, &c->typed.work_accounts[a]));
  }
  for (size_t i = 0; i < c->note_count; i++) {
    buf_str(&r->notes, "|");
    buf_str(&r->notes, c->notes[i].message);
  }
  buf_str(&r->notes, "|\n");
  return 0;
}

static void parse(const buf *in, size_t chunk, run *r) {
  memset(r, 0, sizeof *r);
  dsreg_parser *p = dsreg_parser_new(on_capture, r);
  assert_non_null(p);
  for (size_t at = 0; at < in->len; at += chunk) {
    size_t k = in->len - at < chunk ? in->len - at : chunk;
    assert_int_equal(dsreg_parser_feed(p, in->p + at, k), DSREG_OK);
  }
  dsreg_status st = dsreg_parser_finish(p);
  assert_true(st == DSREG_OK || st == DSREG_ENOCAPTURE);
  r->captures = dsreg_parser_captures(p);
  dsreg_parser_free(p);
  if (!r->dump.p)
    buf_str(&r->dump, "");
  if (!r->notes.p)
    buf_str(&r->notes, "");
}

static void run_free(run *r) {
  free(r->dump.p);
  free(r->notes.p);
}

/* Every capture line of `notes` has `note`. */
static int each_capture_has(const char *notes, const char *note) {
  for (const char *l = notes; *l;) {
    const char *nl = strchr(l, '\n');
    size_t n = nl ? (size_t)(nl - l) : strlen(l);
    char *line = malloc(n + 1);
    assert_non_null(line);
    memcpy(line, l, n);
    line[n] = '\0';
    int ok = strstr(line, note) != NULL;
    free(line);
    if (!ok)
      return 0;
    l += n + (nl != NULL);
  }
  return 1;
}

/* ---- the property ------------------------------------------------------- */

#include "test_fixtures.h"

static const char *const FIXTURES[] = {DSREG_TEST_FIXTURES};

static unsigned failures; /* all are told, then the test fails */

static void check_fixture(const char *rel) {
  static const size_t CHUNKS[] = {1, 7, 4096};
  buf clean = buf_fixture(rel);
  run want;
  parse(&clean, 4096, &want);
  for (size_t t = 0; t < sizeof TRANSFORMS / sizeof TRANSFORMS[0]; t++) {
    const transform *tr = &TRANSFORMS[t];
    /* PASTE_ONLY=name runs one transform, to look at its files */
    const char *only = getenv("PASTE_ONLY");
    if (only && strcmp(only, tr->name) != 0)
      continue;
    buf in = apply(&clean, tr);
    for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
      run got;
      parse(&in, CHUNKS[c], &got);
      if (got.captures != want.captures ||
          strcmp(got.dump.p, want.dump.p) != 0) {
        print_error("%s, transform %s, chunks of %zu: the parse differs\n", rel,
                    tr->name, CHUNKS[c]);
        FILE *f = fopen("test_paste.want", "w");
        if (f) {
          fputs(want.dump.p, f);
          fclose(f);
        }
        f = fopen("test_paste.got", "w");
        if (f) {
          fputs(got.dump.p, f);
          fputs("----\n", f);
          fwrite(in.p, 1, in.len, f);
          fclose(f);
        }
        failures++;
        run_free(&got);
        continue;
      }
      const char *note = tr->note;
      if (!note && tr->fn[0] == t_double && want.wrapped)
        note = "double-spaced paste";
      if (note && (tr->fn[0] == t_entities || tr->fn[1] == t_entities) &&
          !field_with(&clean, "<>&\"'"))
        note = NULL;
      if (note && in.len != clean.len &&
          !(tr->any ? strstr(got.notes.p, note) != NULL
                    : each_capture_has(got.notes.p, note))) {
        print_error("%s, transform %s: a capture lacks the note '%s':\n%s", rel,
                    tr->name, note, got.notes.p);
        failures++;
      }
      run_free(&got);
    }
    free(in.p);
  }
  run_free(&want);
  free(clean.p);
}

static void test_every_fixture_every_transform(void **state) {
  (void)state;
  const char *fixture = getenv("PASTE_FIXTURE");
  for (size_t i = 0; i < sizeof FIXTURES / sizeof FIXTURES[0]; i++)
    if (!fixture || strstr(FIXTURES[i], fixture))
      check_fixture(FIXTURES[i]);
  assert_int_equal(failures, 0);
}

/* ---- prefixes that are not shared ------------------------------------- */

typedef struct kept {
  size_t fields, unparsed;
  char unparsed0[128];
  int prefix_note;
} kept;

static int on_kept(const dsreg_capture *c, void *user) {
  kept *k = user;
  k->fields += c->field_count;
  k->unparsed += c->unparsed_count;
  if (c->unparsed_count && !k->unparsed0[0])
    snprintf(k->unparsed0, sizeof k->unparsed0, "%.*s", (int)c->unparsed[0].len,
             c->unparsed[0].text);
  for (size_t i = 0; i < c->note_count; i++)
    if (strstr(c->notes[i].message, "prefix removed"))
      k->prefix_note = 1;
  return 0;
}

static kept parse_kept(const char *text) {
  kept k = {0};
  dsreg_parser *p = dsreg_parser_new(on_kept, &k);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, text, strlen(text)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  return k;
}

#define BOX                                                                    \
  "+----------------------------------------------------------------------+\n"
#define DEVICE_STATE                                                           \
  BOX "| Device State                                                        " \
      " |\n" BOX

/* One quoted line among plain ones is left as it is, and so are two: a
 * block needs 3 lines that share the prefix. */
static void test_prefix_not_shared_stays(void **state) {
  (void)state;
  kept k = parse_kept(DEVICE_STATE "             AzureAdJoined : YES\n"
                                   "> EnterpriseJoined : NO\n"
                                   "              DomainJoined : NO\n");
  assert_int_equal(k.fields, 2);
  assert_int_equal(k.unparsed, 1);
  assert_string_equal(k.unparsed0, "> EnterpriseJoined : NO");
  assert_false(k.prefix_note);

  k = parse_kept(DEVICE_STATE "             AzureAdJoined : YES\n"
                              "- EnterpriseJoined : NO\n"
                              "- DomainJoined : NO\n"
                              "               Device Name : PC1\n");
  assert_int_equal(k.fields, 2);
  assert_int_equal(k.unparsed, 2);
  assert_false(k.prefix_note);

  /* bullets on prose are a list, not a prefix: nothing after them is a
   * line of dsregcmd's */
  k = parse_kept(DEVICE_STATE "             AzureAdJoined : YES\n"
                              "- first check the network\n"
                              "- then run it again\n"
                              "- and send the output\n");
  assert_int_equal(k.fields, 1);
  assert_int_equal(k.unparsed, 3);
  assert_string_equal(k.unparsed0, "- first check the network");
  assert_false(k.prefix_note);

  /* a quoted block is read, and the reply under it stays out of it */
  k = parse_kept("> +------+\n> | Device State |\n> +------+\n"
                 ">              AzureAdJoined : YES\n"
                 ">           EnterpriseJoined : NO\n"
                 "Thanks, that helped\n");
  assert_int_equal(k.fields, 2);
  assert_int_equal(k.unparsed, 1);
  assert_string_equal(k.unparsed0, "Thanks, that helped");
  assert_true(k.prefix_note);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_fixture_every_transform),
      cmocka_unit_test(test_prefix_not_shared_stays),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
