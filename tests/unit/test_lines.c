/*
 * test_lines.c - from bytes to lines, through the public parser API
 * (dsreg/parser.h): chunking, line endings, UTF-16 input, a missing final
 * newline, and over-long lines.
 *
 * The parser promises that chunks "of any size, split anywhere" give the
 * same result, so most tests serialise every capture (all sections, fields,
 * unparsed lines, notes and typed values, plus the JSON writer's output) and
 * compare the bytes between feeding strategies.
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
#include "dsreg/report.h"
#include "text_buf.h"

#define CORPUS01                                                               \
  "fixtures/corpus/01_entra_joined_healthy_prt_win10_19041_newdiagfields.txt"
#define CORPUS03                                                               \
  "fixtures/corpus/03_entra_joined_azure_vm_prt_partial_edited.txt"
#define MULTI "fixtures/synthetic/multi_capture.log"

/* ---- helpers: files and buffers --------------------------------------- */

/* LF line ends rewritten as `eol` ("\r\n" or "\r"). */
static buf with_eol(const buf *in, const char *eol) {
  buf out = {0};
  for (size_t i = 0; i < in->len; i++) {
    if (in->p[i] == '\n')
      buf_add(&out, eol, strlen(eol));
    else
      buf_add(&out, in->p + i, 1);
  }
  return out;
}

/* UTF-8 to UTF-16LE with a BOM, LF turned into CRLF: what Windows
 * PowerShell 5.1 `dsregcmd /status > file` writes. */
static buf to_utf16le_bom_crlf(const buf *in) {
  buf out = {0};
  buf_add(&out, "\xFF\xFE", 2);
  for (size_t i = 0; i < in->len;) {
    unsigned char b = (unsigned char)in->p[i];
    uint32_t cp;
    size_t k = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    cp = k == 1 ? b : k == 2 ? b & 0x1Fu : k == 3 ? b & 0x0Fu : b & 0x07u;
    for (size_t j = 1; j < k; j++)
      cp = cp << 6 | ((unsigned char)in->p[i + j] & 0x3Fu);
    i += k;
    if (cp == '\n')
      buf_add(&out, "\r\0", 2);
    uint16_t units[2];
    size_t nu = 1;
    if (cp >= 0x10000) {
      units[0] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
      units[1] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
      nu = 2;
    } else {
      units[0] = (uint16_t)cp;
    }
    for (size_t u = 0; u < nu; u++) {
      unsigned char le[2] = {(unsigned char)(units[u] & 0xFF),
                             (unsigned char)(units[u] >> 8)};
      buf_add(&out, le, 2);
    }
  }
  return out;
}

/* ---- helpers: a full serialisation of the captures -------------------- */

typedef struct run {
  buf dump;     /* everything the captures held */
  buf json;     /* dsreg_write_json of each capture */
  int with_enc; /* include the encoding in `dump` */
  unsigned long captures;
  unsigned long lines;
  dsreg_encoding enc;
} run;

static void dump_value(buf *b, const char *name, const dsreg_value *v) {
  if (v->state == DSREG_VALUE_ABSENT)
    return;
  buf_printf(b,
             "  typed %s st=%d flag=%d test=%d code=%d:%lx sub=%d:%lx "
             "num=%lld t=%lld e=%lld line=%lu\n",
             name, (int)v->state, (int)v->flag, (int)v->test, (int)v->has_code,
             (unsigned long)v->code, (int)v->has_sub_code,
             (unsigned long)v->sub_code, (long long)v->number,
             (long long)v->time_ms, (long long)v->end_ms,
             v->field ? v->field->line : 0ul);
}

static void dump_capture(run *r, const dsreg_capture *c) {
  buf *b = &r->dump;
  buf_printf(b, "capture %lu lines %lu-%lu footer=%d repl=%lu dropped=%lu\n",
             c->index, c->line, c->end_line, (int)c->has_footer,
             c->replacements, c->dropped_lines);
  if (r->with_enc)
    buf_printf(b, "  encoding %s\n", dsreg_encoding_name(c->encoding));
  for (size_t i = 0; i < c->section_count; i++) {
    const dsreg_section *s = &c->sections[i];
    buf_printf(b, "  section %lu kind=%d ord=%u occ=%u fields=%zu+%zu ",
               s->line, (int)s->kind, s->ordinal, s->occurrence, s->first_field,
               s->field_count);
    buf_add(b, s->title, s->title_len);
    buf_add(b, "\n", 1);
  }
  for (size_t i = 0; i < c->field_count; i++) {
    const dsreg_field *f = &c->fields[i];
    buf_printf(b, "  field %lu sec=%zu known=%d prt=%d flags=%u occ=%u ",
               f->line, f->section, f->known, (int)f->prt, f->flags,
               f->occurrence);
    buf_add(b, f->key, f->key_len);
    buf_add(b, "=", 1);
    buf_add(b, f->value, f->value_len);
    buf_add(b, "\n", 1);
  }
  for (size_t i = 0; i < c->unparsed_count; i++) {
    buf_printf(b, "  unparsed %lu sec=%zu ", c->unparsed[i].line,
               c->unparsed[i].section);
    buf_add(b, c->unparsed[i].text, c->unparsed[i].len);
    buf_add(b, "\n", 1);
  }
  for (size_t i = 0; i < c->note_count; i++)
    buf_printf(b, "  note %lu %s\n", c->notes[i].line, c->notes[i].message);
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
}

static void append_json(run *r, const dsreg_capture *c) {
  FILE *f = tmpfile();
  assert_non_null(f);
  assert_int_equal(dsreg_write_json(f, "test", c, NULL), 0);
  long n = ftell(f);
  assert_true(n > 0);
  rewind(f);
  char *tmp = malloc((size_t)n);
  assert_non_null(tmp);
  assert_int_equal(fread(tmp, 1, (size_t)n, f), (size_t)n);
  buf_add(&r->json, tmp, (size_t)n);
  free(tmp);
  fclose(f);
}

static int on_capture(const dsreg_capture *c, void *user) {
  run *r = user;
  dump_capture(r, c);
  append_json(r, c);
  return 0;
}

/* Parses `n` bytes fed in chunks of `chunk` bytes (0: all at once). */
static dsreg_status parse(const void *in, size_t n, size_t chunk, run *r) {
  dsreg_parser *p = dsreg_parser_new(on_capture, r);
  assert_non_null(p);
  const unsigned char *bytes = in;
  if (chunk == 0)
    chunk = n ? n : 1;
  for (size_t at = 0; at < n; at += chunk) {
    size_t k = n - at < chunk ? n - at : chunk;
    assert_int_equal(dsreg_parser_feed(p, bytes + at, k), DSREG_OK);
  }
  dsreg_status st = dsreg_parser_finish(p);
  r->captures = dsreg_parser_captures(p);
  r->lines = dsreg_parser_lines(p);
  r->enc = dsreg_parser_encoding(p);
  dsreg_parser_free(p);
  return st;
}

static void run_free(run *r) {
  free(r->dump.p);
  free(r->json.p);
}

static void assert_same_run(const run *a, const run *b) {
  assert_int_equal(a->captures, b->captures);
  assert_int_equal(a->lines, b->lines);
  assert_int_equal(a->dump.len, b->dump.len);
  assert_string_equal(a->dump.p, b->dump.p);
  assert_int_equal(a->json.len, b->json.len);
  assert_memory_equal(a->json.p, b->json.p, a->json.len);
}

/* The file parsed whole, then in chunks of 1, 2, 7 and 4096 bytes. */
static void check_chunking(const char *rel, unsigned long captures,
                           unsigned long lines) {
  static const size_t chunks[] = {1, 2, 7, 4096};
  buf in = buf_fixture(rel);
  run whole = {.with_enc = 1};
  assert_int_equal(parse(in.p, in.len, 0, &whole), DSREG_OK);
  assert_int_equal(whole.captures, captures);
  assert_int_equal(whole.lines, lines);
  for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
    run part = {.with_enc = 1};
    assert_int_equal(parse(in.p, in.len, chunks[i], &part), DSREG_OK);
    assert_same_run(&whole, &part);
    run_free(&part);
  }
  run_free(&whole);
  free(in.p);
}

/* ---- chunking --------------------------------------------------------- */

static void test_chunking_single_capture(void **state) {
  (void)state;
  check_chunking(CORPUS01, 1, 115);
}

static void test_chunking_multi_capture(void **state) {
  (void)state;
  check_chunking(MULTI, 3, 265);
}

/* What the whole-file parse of corpus 01 holds, so that the comparisons
 * above compare something real. */
static int check_corpus01(const dsreg_capture *c, void *user) {
  (void)user;
  assert_int_equal(c->index, 1);
  assert_int_equal(c->line, 1);
  assert_int_equal(c->end_line, 115);
  assert_true(c->has_footer);
  assert_int_equal(c->encoding, DSREG_ENCODING_UTF8);
  assert_int_equal(c->section_count, 9);
  assert_int_equal(c->field_count, 67);
  assert_int_equal(c->unparsed_count, 0);
  assert_int_equal(c->replacements, 0);
  assert_string_equal(c->sections[8].title, "Ngc Prerequisite Check");
  assert_int_equal(c->sections[8].line, 103); /* the title line */
  assert_string_equal(c->fields[66].key, "PreReqResult");
  assert_string_equal(c->fields[66].value, "WillNotProvision");
  assert_int_equal(c->fields[66].line, 113);
  return 0;
}

static void test_corpus01_content(void **state) {
  (void)state;
  buf in = buf_fixture(CORPUS01);
  dsreg_parser *p = dsreg_parser_new(check_corpus01, NULL);
  assert_int_equal(dsreg_parser_feed(p, in.p, in.len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(dsreg_parser_captures(p), 1);
  dsreg_parser_free(p);
  free(in.p);
}

/* ---- line endings ----------------------------------------------------- */

static void test_crlf_cr_lf_identical(void **state) {
  (void)state;
  buf lf = buf_fixture(CORPUS01);
  buf crlf = with_eol(&lf, "\r\n");
  buf cr = with_eol(&lf, "\r");
  run a = {.with_enc = 1}, b = {.with_enc = 1}, c = {.with_enc = 1};
  assert_int_equal(parse(lf.p, lf.len, 0, &a), DSREG_OK);
  assert_int_equal(parse(crlf.p, crlf.len, 0, &b), DSREG_OK);
  assert_int_equal(parse(cr.p, cr.len, 0, &c), DSREG_OK);
  /* Line numbers included: CRLF is one break, not two. */
  assert_same_run(&a, &b);
  assert_same_run(&a, &c);
  run_free(&b);
  run_free(&c);
  /* Byte by byte, a CRLF is cut between its two bytes every time. */
  b = (run){.with_enc = 1};
  assert_int_equal(parse(crlf.p, crlf.len, 1, &b), DSREG_OK);
  assert_same_run(&a, &b);
  run_free(&a);
  run_free(&b);
  free(lf.p);
  free(crlf.p);
  free(cr.p);
}

typedef struct lines_seen {
  unsigned long field_lines[8];
  size_t n;
} lines_seen;

static int record_field_lines(const dsreg_capture *c, void *user) {
  lines_seen *s = user;
  for (size_t i = 0; i < c->field_count && s->n < 8; i++)
    s->field_lines[s->n++] = c->fields[i].line;
  return 0;
}

static void test_cr_and_lf_in_different_chunks(void **state) {
  (void)state;
  /* Each chunk ends just after a CR, the next starts with its LF.  The
   * BOM makes the decoder decide at once instead of holding the first 256
   * bytes for sniffing, so each chunk reaches the line splitter alone. */
  static const char *const chunks[] = {"\xEF\xBB\xBF+-----+\r",
                                       "\n| Device State |\r",
                                       "\n+-----+\r",
                                       "\n  AzureAdJoined : YES\r",
                                       "\n\r",
                                       "\n  DomainJoined : NO\r",
                                       "\n"};
  lines_seen seen = {0};
  dsreg_parser *p = dsreg_parser_new(record_field_lines, &seen);
  for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++)
    assert_int_equal(dsreg_parser_feed(p, chunks[i], strlen(chunks[i])),
                     DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(dsreg_parser_lines(p), 6);
  assert_int_equal(seen.n, 2);
  assert_int_equal(seen.field_lines[0], 4);
  assert_int_equal(seen.field_lines[1], 6);

  /* A lone CR followed by a CRLF is two breaks: "\r\r\n" ends a line and
   * an empty one. */
  dsreg_parser_reset(p);
  seen.n = 0;
  static const char cr_crlf[] = "+-----+\n| Device State |\n+-----+\n"
                                "  AzureAdJoined : YES\r\r\n"
                                "  DomainJoined : NO\n";
  assert_int_equal(dsreg_parser_feed(p, cr_crlf, sizeof cr_crlf - 1), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(dsreg_parser_lines(p), 6);
  assert_int_equal(seen.field_lines[0], 4);
  assert_int_equal(seen.field_lines[1], 6);

  /* LF then CR is two breaks as well, never merged backwards. */
  dsreg_parser_reset(p);
  seen.n = 0;
  static const char lf_cr[] = "+-----+\n| Device State |\n+-----+\n"
                              "  AzureAdJoined : YES\n\r"
                              "  DomainJoined : NO\n";
  assert_int_equal(dsreg_parser_feed(p, lf_cr, sizeof lf_cr - 1), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(dsreg_parser_lines(p), 6);
  assert_int_equal(seen.field_lines[1], 6);
  dsreg_parser_free(p);
}

/* ---- UTF-16 ----------------------------------------------------------- */

static void test_utf16le_bom_crlf_matches_utf8(void **state) {
  (void)state;
  buf utf8 = buf_fixture(CORPUS01);
  buf utf16 = to_utf16le_bom_crlf(&utf8);
  /* Two bytes per character plus a CR per line, plus the BOM. */
  assert_int_equal(utf16.len, 2 + 2 * (utf8.len + 115));
  run a = {0}, b = {0};
  assert_int_equal(parse(utf8.p, utf8.len, 0, &a), DSREG_OK);
  assert_int_equal(a.enc, DSREG_ENCODING_UTF8);
  assert_int_equal(parse(utf16.p, utf16.len, 0, &b), DSREG_OK);
  assert_int_equal(b.enc, DSREG_ENCODING_UTF16LE_BOM);
  assert_int_equal(a.lines, b.lines);
  assert_string_equal(a.dump.p, b.dump.p);
  run_free(&b);
  /* Odd chunk sizes cut code units and CR/LF pairs. */
  static const size_t chunks[] = {1, 3, 7, 4095};
  for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
    b = (run){0};
    assert_int_equal(parse(utf16.p, utf16.len, chunks[i], &b), DSREG_OK);
    assert_string_equal(a.dump.p, b.dump.p);
    run_free(&b);
  }
  run_free(&a);
  free(utf8.p);
  free(utf16.p);
}

static int copy_encoding(const dsreg_capture *c, void *user) {
  *(dsreg_encoding *)user = c->encoding;
  return 0;
}

static void test_capture_reports_encoding(void **state) {
  (void)state;
  buf utf8 = buf_fixture(CORPUS01);
  buf utf16 = to_utf16le_bom_crlf(&utf8);
  dsreg_encoding enc = DSREG_ENCODING_UNKNOWN;
  dsreg_parser *p = dsreg_parser_new(copy_encoding, &enc);
  assert_int_equal(dsreg_parser_encoding(p), DSREG_ENCODING_UNKNOWN);
  assert_int_equal(dsreg_parser_feed(p, utf16.p, utf16.len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(enc, DSREG_ENCODING_UTF16LE_BOM);
  assert_int_equal(dsreg_parser_encoding(p), DSREG_ENCODING_UTF16LE_BOM);
  dsreg_parser_free(p);
  free(utf8.p);
  free(utf16.p);
}

/* A UTF-16 capture with one NUL code unit in a value: the capture counts
 * one replacement however the bytes arrive. */
static void test_utf16_replacements_independent_of_chunks(void **state) {
  (void)state;
  /* Regression test (was a bug, fixed): in UTF-16 the decoder counts a
   * replacement as soon as it decodes the bad unit, but hands the text to the
   * line splitter only when its 4 KiB output buffer is flushed (at the end of
   * each feed call).  A capture takes replacements as "count at its end minus
   * count at its start", so when its first line and the bad unit arrive in the
   * same feed call, the bad unit is already counted at the start and the
   * capture reports 0.  Fed whole: replacements == 0; byte by byte: 1.
   * (UTF-8 is not affected: its sink is called in step with decoding.) */
  static const char text[] = "+-----+\n| Device State |\n+-----+\n"
                             "  AzureAdJoined : YES\n"
                             "  DomainName : AB\x01"
                             "CD\n";
  buf utf8 = {0};
  buf_add(&utf8, text, sizeof text - 1);
  buf utf16 = to_utf16le_bom_crlf(&utf8);
  /* Turn the \x01 placeholder into a NUL code unit. */
  for (size_t i = 2; i + 1 < utf16.len; i += 2)
    if (utf16.p[i] == 1 && utf16.p[i + 1] == 0)
      utf16.p[i] = 0;
  run whole = {0}, bytes = {0};
  assert_int_equal(parse(utf16.p, utf16.len, 0, &whole), DSREG_OK);
  assert_int_equal(parse(utf16.p, utf16.len, 1, &bytes), DSREG_OK);
  assert_non_null(strstr(bytes.dump.p, "repl=1 "));
  assert_non_null(strstr(whole.dump.p, "repl=1 "));
  assert_string_equal(whole.dump.p, bytes.dump.p);
  run_free(&whole);
  run_free(&bytes);
  free(utf8.p);
  free(utf16.p);
}

/* ---- the last line ---------------------------------------------------- */

static int check_corpus03(const dsreg_capture *c, void *user) {
  (void)user;
  /* The footer is the last line and has no newline: it still ends the
   * capture as a footer. */
  assert_true(c->has_footer);
  assert_int_equal(c->line, 3);
  assert_int_equal(c->end_line, 44);
  assert_int_equal(c->section_count, 4);
  assert_int_equal(c->field_count, 20);
  return 0;
}

static void test_last_line_without_newline(void **state) {
  (void)state;
  buf in = buf_fixture(CORPUS03);
  assert_int_not_equal(in.p[in.len - 1], '\n');
  dsreg_parser *p = dsreg_parser_new(check_corpus03, NULL);
  assert_int_equal(dsreg_parser_feed(p, in.p, in.len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(dsreg_parser_lines(p), 44);
  assert_int_equal(dsreg_parser_captures(p), 1);
  dsreg_parser_free(p);
  free(in.p);

  /* A field as the unterminated last line is kept with its value. */
  static const char tail[] = "+-----+\n| Device State |\n+-----+\n"
                             "  DomainName : RCMLAB";
  run r = {0};
  assert_int_equal(parse(tail, sizeof tail - 1, 0, &r), DSREG_OK);
  assert_non_null(strstr(r.dump.p, "  field 4 sec=0 known=3 prt=0 flags=0 "
                                   "occ=1 DomainName=RCMLAB\n"));
  run_free(&r);
}

/* ---- over-long lines -------------------------------------------------- */

typedef struct long_check {
  size_t value_len;
  unsigned flags;
  unsigned long next_line;
  int note_ok;
  int value_is_whole_chars;
} long_check;

static int inspect_long(const dsreg_capture *c, void *user) {
  long_check *lc = user;
  assert_int_equal(c->field_count, 3);
  const dsreg_field *f = &c->fields[1];
  assert_string_equal(f->key, "Device Name");
  lc->value_len = f->value_len;
  lc->flags = f->flags;
  /* Every byte of the value belongs to a complete "é" (C3 A9). */
  lc->value_is_whole_chars = f->value_len % 2 == 0;
  for (size_t i = 0; i < f->value_len; i += 2)
    if ((unsigned char)f->value[i] != 0xC3 ||
        (unsigned char)f->value[i + 1] != 0xA9)
      lc->value_is_whole_chars = 0;
  lc->next_line = c->fields[2].line;
  assert_string_equal(c->fields[2].key, "DomainJoined");
  assert_string_equal(c->fields[2].value, "NO");
  lc->note_ok = 0;
  for (size_t i = 0; i < c->note_count; i++)
    if (c->notes[i].line == 6 &&
        strcmp(c->notes[i].message,
               "line is longer than 16384 bytes; the rest was cut") == 0)
      lc->note_ok = 1;
  return 0;
}

/* A capture whose line 6 is `prefix` followed by `count` "é"s.  Line 5 is
 * 300 spaces (a blank line), so that the long line starts past the 256
 * bytes the decoder sniffs and, fed whole, reaches the line splitter in
 * one piece: the splitter's no-copy path must cut it too. */
static buf long_line_capture(const char *prefix, size_t count) {
  buf b = {0};
  static const char head[] = "+-----+\n| Device State |\n+-----+\n"
                             "  AzureAdJoined : YES\n";
  buf_add(&b, head, sizeof head - 1);
  for (int i = 0; i < 300; i++)
    buf_add(&b, " ", 1);
  buf_add(&b, "\n", 1);
  buf_add(&b, prefix, strlen(prefix));
  for (size_t i = 0; i < count; i++)
    buf_add(&b, "\xC3\xA9", 2);
  buf_add(&b, "\n  DomainJoined : NO\n", 21);
  return b;
}

static void test_long_line_cut_on_char_boundary(void **state) {
  (void)state;
  /* A 17-byte prefix, so that byte 16384 falls inside an "é". */
  static const char prefix[] = "   Device Name : ";
  assert_int_equal(strlen(prefix), 17);
  buf in = long_line_capture(prefix, 10000);
  static const size_t chunks[] = {0, 1, 4096};
  for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
    long_check lc = {0};
    dsreg_parser *p = dsreg_parser_new(inspect_long, &lc);
    size_t step = chunks[i] ? chunks[i] : in.len;
    for (size_t at = 0; at < in.len; at += step)
      assert_int_equal(
          dsreg_parser_feed(p, in.p + at,
                            in.len - at < step ? in.len - at : step),
          DSREG_OK);
    assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
    /* 16384 - 17 = 16367 bytes room: 8183 whole characters, the half of
     * the 8184th is dropped. */
    assert_int_equal(lc.value_len, 8183 * 2);
    assert_true(lc.value_is_whole_chars);
    assert_int_equal(lc.flags, DSREG_FIELD_TRUNCATED);
    assert_true(lc.note_ok);
    /* The parser goes on normally after the cut. */
    assert_int_equal(lc.next_line, 7);
    assert_int_equal(dsreg_parser_lines(p), 7);
    dsreg_parser_free(p);
  }
  free(in.p);
}

typedef struct exact_check {
  size_t len;
  unsigned flags;
  size_t notes;
} exact_check;

static int inspect_exact(const dsreg_capture *c, void *user) {
  exact_check *e = user;
  e->len = c->fields[1].value_len;
  e->flags = c->fields[1].flags;
  e->notes = c->note_count;
  return 0;
}

static void test_line_at_limit_is_whole(void **state) {
  (void)state;
  /* An 18-byte prefix and 8183 "é": exactly 16384 bytes, kept whole. */
  static const char prefix[] = "    Device Name : ";
  buf in = long_line_capture(prefix, (DSREG_MAX_LINE - 18) / 2);
  exact_check e = {0};
  dsreg_parser *p = dsreg_parser_new(inspect_exact, &e);
  assert_int_equal(dsreg_parser_feed(p, in.p, in.len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(e.len, DSREG_MAX_LINE - 18);
  assert_int_equal(e.flags, 0);
  assert_int_equal(e.notes, 0);
  /* The same line fed byte by byte, through the line buffer. */
  dsreg_parser_reset(p);
  e = (exact_check){0};
  for (size_t i = 0; i < in.len; i++)
    assert_int_equal(dsreg_parser_feed(p, in.p + i, 1), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(e.len, DSREG_MAX_LINE - 18);
  assert_int_equal(e.flags, 0);
  dsreg_parser_free(p);
  free(in.p);
}

static int no_capture_expected(const dsreg_capture *c, void *user) {
  (void)c;
  (void)user;
  fail_msg("no capture expected");
  return 1;
}

static void test_huge_line_without_newline(void **state) {
  (void)state;
  const size_t n = 8u << 20;
  char *big = malloc(n);
  assert_non_null(big);
  memset(big, 'x', n);
  /* A colon and a pipe inside, which must not matter in mid-line. */
  memcpy(big + 1000, " : | Device State |", 19);
  dsreg_parser *p = dsreg_parser_new(no_capture_expected, NULL);
  assert_int_equal(dsreg_parser_feed(p, big, n), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_ENOCAPTURE);
  assert_int_equal(dsreg_parser_lines(p), 1);
  /* Again in 64 KiB chunks. */
  dsreg_parser_reset(p);
  for (size_t at = 0; at < n; at += 65536)
    assert_int_equal(dsreg_parser_feed(p, big + at, 65536), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_ENOCAPTURE);
  assert_int_equal(dsreg_parser_lines(p), 1);
  dsreg_parser_free(p);
  free(big);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_chunking_single_capture),
      cmocka_unit_test(test_chunking_multi_capture),
      cmocka_unit_test(test_corpus01_content),
      cmocka_unit_test(test_crlf_cr_lf_identical),
      cmocka_unit_test(test_cr_and_lf_in_different_chunks),
      cmocka_unit_test(test_utf16le_bom_crlf_matches_utf8),
      cmocka_unit_test(test_capture_reports_encoding),
      cmocka_unit_test(test_utf16_replacements_independent_of_chunks),
      cmocka_unit_test(test_last_line_without_newline),
      cmocka_unit_test(test_long_line_cut_on_char_boundary),
      cmocka_unit_test(test_line_at_limit_is_whole),
      cmocka_unit_test(test_huge_line_without_newline),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
