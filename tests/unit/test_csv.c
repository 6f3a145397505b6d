/*
 * test_csv.c - the CSV writer (dsreg/csv.h) read back by another parser.
 *
 * Every row written here is parsed again with libcsv's reader in strict
 * mode, and the cells must come back exactly: quotes, commas, CR and LF,
 * tabs and non-ASCII inside values, invalid UTF-8 replaced, and the formula
 * guard (a leading single quote) on exactly the cells that begin with
 * = + - @ TAB or CR.  Captures are built from text through the parser, from
 * fixtures/synthetic/hostile_values.txt and edited copies of it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture_util.h"
#include "dsreg/csv.h"
#include "dsreg/parser.h"
#include "dsreg/rules.h"

#define HOSTILE "fixtures/synthetic/hostile_values.txt"
#define HOSTILE_NOW "2025-03-08T16:45:00Z"

/* ---- reading CSV back ---------------------------------------------------- */

#define MAX_ROWS 32

typedef struct row {
  size_t count;
  char *cell[DSREG_CSV_MAX_COLUMNS + 1];
  size_t len[DSREG_CSV_MAX_COLUMNS + 1];
} row;

typedef struct table {
  size_t count;
  row rows[MAX_ROWS];
  row cur;
  int overflow;
} table;

static void on_field(void *s, size_t len, void *data) {
  table *t = data;
  if (t->cur.count > DSREG_CSV_MAX_COLUMNS) {
    t->overflow = 1;
    return;
  }
  char *c = malloc(len + 1);
  assert_non_null(c);
  if (len)
    memcpy(c, s, len);
  c[len] = '\0';
  t->cur.cell[t->cur.count] = c;
  t->cur.len[t->cur.count] = len;
  t->cur.count++;
}

static void on_row(int c, void *data) {
  table *t = data;
  (void)c;
  if (t->count == MAX_ROWS) {
    t->overflow = 1;
    return;
  }
  t->rows[t->count++] = t->cur;
  memset(&t->cur, 0, sizeof t->cur);
}

/* Parses the whole buffer with libcsv in strict mode into *t. */
static void read_csv(const dsreg_outbuf *b, table *t) {
  struct csv_parser p;
  memset(t, 0, sizeof *t);
  assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
  size_t used = csv_parse(&p, b->data, b->len, on_field, on_row, t);
  if (used != b->len)
    fail_msg("libcsv stopped at byte %zu of %zu: %s", used, b->len,
             csv_strerror(csv_error(&p)));
  assert_int_equal(csv_fini(&p, on_field, on_row, t), 0);
  csv_free(&p);
  assert_false(t->overflow);
  assert_int_equal(t->cur.count, 0);
}

static void table_free(table *t) {
  for (size_t r = 0; r < t->count; r++)
    for (size_t i = 0; i < t->rows[r].count; i++)
      free(t->rows[r].cell[i]);
  memset(t, 0, sizeof *t);
}

/* Index of column `name` in `cols`; fails the test when it is not there. */
static size_t col(const dsreg_csv_columns *cols, const char *name) {
  for (size_t i = 0; i < cols->count; i++)
    if (strcmp(dsreg_csv_column_name(cols->id[i]), name) == 0)
      return i;
  fail_msg("no column %s", name);
  return 0;
}

/* What the guard must make of a cell: a quote in front of = + - @ TAB CR. */
static char *guarded(const char *s) {
  char *g = malloc(strlen(s) + 2);
  assert_non_null(g);
  int guard = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
  g[0] = '\'';
  strcpy(g + guard, s);
  return g;
}

static void assert_cell(const row *r, size_t i, const char *want) {
  assert_true(i < r->count);
  if (strcmp(r->cell[i], want) != 0)
    fail_msg("cell %zu is [%s], expected [%s]", i, r->cell[i], want);
}

static void assert_cell_guarded(const row *r, size_t i, const char *raw) {
  char *g = guarded(raw);
  assert_cell(r, i, g);
  free(g);
}

/* Checks the bytes themselves: every field quoted, every row ends in CRLF. */
static void assert_shape(const dsreg_outbuf *b, size_t rows) {
  size_t ends = 0;
  int in_quotes = 0;
  assert_true(b->len > 0);
  assert_int_equal(b->data[0], '"');
  for (size_t i = 0; i < b->len; i++) {
    char c = b->data[i];
    if (c == '"') {
      in_quotes = !in_quotes;
      continue;
    }
    if (in_quotes)
      continue;
    if (c == ',') {
      assert_true(i + 1 < b->len);
      assert_int_equal(b->data[i + 1], '"');
    } else if (c == '\r') {
      assert_true(i + 1 < b->len);
      assert_int_equal(b->data[i + 1], '\n');
      ends++;
      i++;
      if (i + 1 < b->len)
        assert_int_equal(b->data[i + 1], '"');
    } else {
      fail_msg("byte 0x%02x outside quotes at %zu", (unsigned char)c, i);
    }
  }
  assert_false(in_quotes);
  assert_int_equal(ends, rows);
  assert_int_equal(b->data[b->len - 1], '\n');
}

/* ---- writing captures ---------------------------------------------------- */

/* The raw values of some columns, copied out of the callback. */
typedef struct seen {
  char device_name[256], tenant_name[256], domain_name[256], tenant_id[256],
      device_id[256], thumbprint[256], executing_account[256];
  char join_type[32];
} seen;

typedef struct render_ctx {
  dsreg_outbuf *out;
  const dsreg_csv_columns *cols;
  const char *source;
  dsreg_rule_options opt;
  seen seen[4];
  size_t count;
} render_ctx;

static void copy_value(char *dst, size_t size, const dsreg_value *v) {
  snprintf(dst, size, "%s", dsreg_value_text(v));
}

static int on_capture(const dsreg_capture *cap, void *user) {
  render_ctx *c = user;
  dsreg_analysis an;
  assert_int_equal(dsreg_analyze(cap, &c->opt, &an), DSREG_OK);
  assert_int_equal(dsreg_render_csv_row(c->out, c->cols, c->source, cap, &an),
                   0);
  assert_true(c->count < 4);
  seen *s = &c->seen[c->count++];
  const dsreg_typed *t = &cap->typed;
  copy_value(s->device_name, sizeof s->device_name,
             &t->device_state.device_name);
  copy_value(s->domain_name, sizeof s->domain_name,
             &t->device_state.domain_name);
  copy_value(s->tenant_name, sizeof s->tenant_name,
             &t->tenant_details.tenant_name);
  copy_value(s->tenant_id, sizeof s->tenant_id, &t->tenant_details.tenant_id);
  copy_value(s->device_id, sizeof s->device_id, &t->device_details.device_id);
  copy_value(s->thumbprint, sizeof s->thumbprint,
             &t->device_details.thumbprint);
  copy_value(s->executing_account, sizeof s->executing_account,
             &t->diagnostic_data.executing_account_name);
  snprintf(s->join_type, sizeof s->join_type, "%s",
           dsreg_join_type_id(an.join_type));
  dsreg_analysis_free(&an);
  return 0;
}

/* Header, then one row per capture of `text`, into *out. */
static void render_text(const char *text, const char *source,
                        const dsreg_csv_columns *cols, dsreg_outbuf *out,
                        render_ctx *c) {
  memset(c, 0, sizeof *c);
  c->out = out;
  c->cols = cols;
  c->source = source;
  cu_options_now(&c->opt, HOSTILE_NOW);
  assert_int_equal(dsreg_render_csv_header(out, cols), 0);
  dsreg_parser *p = dsreg_parser_new(on_capture, c);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, text, strlen(text)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  assert_false(out->oom);
}

static void all_columns(dsreg_csv_columns *cols) {
  cols->count = dsreg_csv_column_count();
  for (size_t i = 0; i < cols->count; i++)
    cols->id[i] = (unsigned char)i;
}

/* ---- the guard ----------------------------------------------------------- */

static void guard_every_leading_byte(void **state) {
  (void)state;
  for (int c = 0; c < 256; c++) {
    char cell[3] = {(char)c, 'x', '\0'};
    size_t want = (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
                   c == '\r');
    if (dsreg_csv_guard(cell, 2) != want)
      fail_msg("guard of a cell starting with 0x%02x is %zu, expected %zu", c,
               dsreg_csv_guard(cell, 2), want);
    /* Only the first byte counts. */
    char later[3] = {'x', (char)c, '\0'};
    assert_int_equal(dsreg_csv_guard(later, 2), 0);
  }
  assert_int_equal(dsreg_csv_guard("", 0), 0);
  assert_int_equal(dsreg_csv_guard("=", 1), 1);
}

/* Every leading character through a whole row and back: as the source of a
 * capture row and of an error row, and as an error message. */
static void guard_round_trip(void **state) {
  (void)state;
  static const char *const cells[] = {
      "=1+1",       "+1",  "-1", "@SUM(A1)",  "\tcmd",  "\rcmd", "\r\n=", "1+1",
      "0x801c03f2", "a=1", "Z",  "'=already", "\"=q\"", " =1",   "\n=1",  ",=1",
      "é=1",        "=",   "-",  "@",         "\t",     "\r"};
  const size_t n = sizeof cells / sizeof cells[0];
  dsreg_csv_columns cols;
  dsreg_csv_columns_default(&cols);
  char *text = cu_read_fixture(HOSTILE);
  for (size_t i = 0; i < n; i++) {
    dsreg_outbuf b = {0};
    render_ctx c;
    render_text(text, cells[i], &cols, &b, &c);
    assert_int_equal(dsreg_render_csv_error(&b, &cols, cells[i], cells[i]), 0);
    assert_shape(&b, 3);
    table t;
    read_csv(&b, &t);
    assert_int_equal(t.count, 3);
    assert_int_equal(t.rows[1].count, cols.count);
    assert_int_equal(t.rows[2].count, cols.count);
    assert_cell_guarded(&t.rows[1], col(&cols, "source"), cells[i]);
    assert_cell_guarded(&t.rows[2], col(&cols, "source"), cells[i]);
    assert_cell_guarded(&t.rows[2], col(&cols, "error"), cells[i]);
    table_free(&t);
    dsreg_outbuf_free(&b);
  }
  free(text);
}

/* ---- round trips of captures --------------------------------------------- */

static void hostile_fixture_round_trip(void **state) {
  (void)state;
  dsreg_csv_columns cols;
  all_columns(&cols);
  char *text = cu_read_fixture(HOSTILE);
  dsreg_outbuf b = {0};
  render_ctx c;
  render_text(text, HOSTILE, &cols, &b, &c);
  assert_int_equal(c.count, 1);
  assert_shape(&b, 2);
  table t;
  read_csv(&b, &t);
  assert_int_equal(t.count, 2);
  assert_int_equal(t.rows[0].count, cols.count);
  assert_int_equal(t.rows[1].count, cols.count);
  for (size_t i = 0; i < cols.count; i++)
    assert_cell(&t.rows[0], i, dsreg_csv_column_name(i));

  const row *r = &t.rows[1];
  const seen *s = &c.seen[0];
  /* The fixture's own formulas, each behind a quote. */
  assert_string_equal(s->device_name, "+cmd|' /C calc'!A0");
  assert_cell(r, col(&cols, "device_name"), "'+cmd|' /C calc'!A0");
  assert_string_equal(s->tenant_name,
                      "=HYPERLINK(\"http://evil.example\",\"x\")");
  assert_cell(r, col(&cols, "tenant_name"),
              "'=HYPERLINK(\"http://evil.example\",\"x\")");
  assert_cell(r, col(&cols, "domain_name"), "'-2+3");
  /* A comma and a backslash, no guard. */
  assert_cell(r, col(&cols, "executing_account"),
              "AzureAD\\AdeleVance, adele.vance@contoso.com");
  assert_cell(r, col(&cols, "source"), HOSTILE);
  assert_cell(r, col(&cols, "capture"), "1");
  assert_cell(r, col(&cols, "join_type"), s->join_type);
  assert_cell(r, col(&cols, "tenant_id"), s->tenant_id);
  assert_cell(r, col(&cols, "device_id"), s->device_id);
  assert_cell(r, col(&cols, "thumbprint"), s->thumbprint);
  assert_cell(r, col(&cols, "error"), "");
  table_free(&t);
  dsreg_outbuf_free(&b);
  free(text);
}

/* Quotes, commas, tabs, non-ASCII, formula characters in parsed values. */
static void edited_values_round_trip(void **state) {
  (void)state;
  static const struct {
    const char *key, *column, *value;
  } edits[] = {
      {"Device Name", "device_name", "He said \"hi\", then \"\"left\"\""},
      {"TenantName", "tenant_name",
       "Z\xC3\xBCrich \xC3\x84\xC3\x96\xC3\x9C \xE6\x97\xA5\xE6\x9C\xAC "
       "\xF0\x9F\x98\x80"},
      {"DomainName", "domain_name", "a\tb, c;d"},
      {"TenantId", "tenant_id", "'=quoted"},
      {"DeviceId", "device_id", "2+3"},
      {"Thumbprint", "thumbprint", "=1+1"},
      {"Executing Account Name", "executing_account", "@SUM(A1)\t-x"},
  };
  const size_t n = sizeof edits / sizeof edits[0];
  dsreg_csv_columns cols;
  all_columns(&cols);
  char *text = cu_read_fixture(HOSTILE);
  for (size_t i = 0; i < n; i++)
    text = cu_set(text, edits[i].key, edits[i].value);
  dsreg_outbuf b = {0};
  render_ctx c;
  render_text(text, "C:\\captures\\\"PC\", 1.txt", &cols, &b, &c);
  assert_shape(&b, 2);
  table t;
  read_csv(&b, &t);
  assert_int_equal(t.count, 2);
  const row *r = &t.rows[1];
  assert_int_equal(r->count, cols.count);
  for (size_t i = 0; i < n; i++)
    assert_cell_guarded(r, col(&cols, edits[i].column), edits[i].value);
  assert_cell(r, col(&cols, "source"), "C:\\captures\\\"PC\", 1.txt");
  /* The ones that must be left alone, spelled out. */
  assert_cell(r, col(&cols, "tenant_id"), "'=quoted");
  assert_cell(r, col(&cols, "device_id"), "2+3");
  assert_cell(r, col(&cols, "thumbprint"), "'=1+1");
  assert_cell(r, col(&cols, "executing_account"), "'@SUM(A1)\t-x");
  table_free(&t);
  dsreg_outbuf_free(&b);
  free(text);
}

/* Several captures and error rows in one table, with line breaks, quotes and
 * invalid UTF-8 in the source and the messages. */
static void error_rows_round_trip(void **state) {
  (void)state;
  static const struct {
    const char *source, *message, *source_back, *message_back;
  } errs[] = {
      {"line\nbreak.txt", "cannot open: No such file or directory",
       "line\nbreak.txt", "cannot open: No such file or directory"},
      {"cr\rlf\r\n.txt", "two\r\nlines, \"quoted\"", "cr\rlf\r\n.txt",
       "two\r\nlines, \"quoted\""},
      {"bad\xFF\xFEutf8.txt", "bad \xC0\xAF byte",
       "bad\xEF\xBF\xBD\xEF\xBF\xBDutf8.txt",
       "bad \xEF\xBF\xBD\xEF\xBF\xBD byte"},
      {"", "", "", ""},
      {"-rf.txt", "=cmd", "'-rf.txt", "'=cmd"},
      /* Past the first eight bytes, as the ASCII test reads a word at a
       * time: a bad byte in the tail, a good one in the second word. */
      {"0123456789\xFF", "01234567\xC3\xBC and more", "0123456789\xEF\xBF\xBD",
       "01234567\xC3\xBC and more"},
      {"0123456789abcdef\x80", "=0123456789abcdef\xC3",
       "0123456789abcdef\xEF\xBF\xBD", "'=0123456789abcdef\xEF\xBF\xBD"},
  };
  const size_t n = sizeof errs / sizeof errs[0];
  dsreg_csv_columns cols;
  dsreg_csv_columns_default(&cols);
  char *one = cu_read_fixture(HOSTILE);
  size_t len = strlen(one);
  char *two = malloc(2 * len + 1);
  assert_non_null(two);
  memcpy(two, one, len);
  memcpy(two + len, one, len + 1);
  dsreg_outbuf b = {0};
  render_ctx c;
  render_text(two, "multi\r\n\"capture\".log", &cols, &b, &c);
  assert_int_equal(c.count, 2);
  for (size_t i = 0; i < n; i++)
    assert_int_equal(
        dsreg_render_csv_error(&b, &cols, errs[i].source, errs[i].message), 0);
  assert_shape(&b, 3 + n);
  table t;
  read_csv(&b, &t);
  assert_int_equal(t.count, 3 + n);
  for (size_t r = 1; r < 3; r++) {
    assert_int_equal(t.rows[r].count, cols.count);
    assert_cell(&t.rows[r], col(&cols, "source"), "multi\r\n\"capture\".log");
    assert_cell(&t.rows[r], col(&cols, "capture"), r == 1 ? "1" : "2");
    assert_cell(&t.rows[r], col(&cols, "error"), "");
  }
  for (size_t i = 0; i < n; i++) {
    const row *r = &t.rows[3 + i];
    assert_int_equal(r->count, cols.count);
    for (size_t k = 0; k < cols.count; k++) {
      const char *name = dsreg_csv_column_name(cols.id[k]);
      if (strcmp(name, "source") == 0)
        assert_cell(r, k, errs[i].source_back);
      else if (strcmp(name, "error") == 0)
        assert_cell(r, k, errs[i].message_back);
      else
        assert_cell(r, k, "");
    }
  }
  table_free(&t);
  dsreg_outbuf_free(&b);
  free(two);
  free(one);
}

/* ---- --columns ----------------------------------------------------------- */

static void columns_parse(void **state) {
  (void)state;
  dsreg_csv_columns cols;
  const char *bad;
  size_t bad_len;

  assert_int_equal(dsreg_csv_columns_parse(&cols, "error,device_name,source",
                                           &bad, &bad_len),
                   0);
  assert_int_equal(cols.count, 3);
  assert_string_equal(dsreg_csv_column_name(cols.id[0]), "error");
  assert_string_equal(dsreg_csv_column_name(cols.id[1]), "device_name");
  assert_string_equal(dsreg_csv_column_name(cols.id[2]), "source");

  static const struct {
    const char *spec, *bad; /* bad: the name reported, at that offset */
    size_t offset;
  } wrong[] = {
      {"device_name,colour", "colour", 12},
      {"colour", "colour", 0},
      {"device_name,device_name", "device_name", 12},
      {"source,device_name,source", "source", 19},
      {"", "", 0},
      {",", "", 0},
      {"device_name,", "", 12},
      {",device_name", "", 0},
      {"device_name,,source", "", 12},
      {"Device_Name", "Device_Name", 0},
      {" device_name", " device_name", 0},
      {"device_name ", "device_name ", 0},
  };
  for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
    bad = NULL;
    bad_len = 999;
    if (dsreg_csv_columns_parse(&cols, wrong[i].spec, &bad, &bad_len) !=
        DSREG_EINVAL)
      fail_msg("'%s' was accepted", wrong[i].spec);
    assert_ptr_equal(bad, wrong[i].spec + wrong[i].offset);
    assert_int_equal(bad_len, strlen(wrong[i].bad));
    assert_memory_equal(bad, wrong[i].bad, bad_len);
  }

  /* Every column once, in reverse: accepted, in that order. */
  char spec[2048] = "";
  size_t total = dsreg_csv_column_count();
  assert_true(total <= DSREG_CSV_MAX_COLUMNS);
  for (size_t i = total; i-- > 0;) {
    strcat(spec, dsreg_csv_column_name(i));
    if (i)
      strcat(spec, ",");
  }
  assert_int_equal(dsreg_csv_columns_parse(&cols, spec, &bad, &bad_len), 0);
  assert_int_equal(cols.count, total);
  for (size_t i = 0; i < total; i++)
    assert_int_equal(cols.id[i], total - 1 - i);
  /* One more name than there are columns can only repeat one. */
  strcat(spec, ",source");
  assert_int_equal(dsreg_csv_columns_parse(&cols, spec, &bad, &bad_len),
                   DSREG_EINVAL);
  assert_int_equal(bad_len, strlen("source"));
}

/* A chosen set of columns: the header and the rows follow its order. */
static void columns_order_round_trip(void **state) {
  (void)state;
  dsreg_csv_columns cols;
  const char *bad;
  size_t bad_len;
  assert_int_equal(dsreg_csv_columns_parse(&cols, "tenant_name,error,source",
                                           &bad, &bad_len),
                   0);
  char *text = cu_read_fixture(HOSTILE);
  dsreg_outbuf b = {0};
  render_ctx c;
  render_text(text, "=src", &cols, &b, &c);
  assert_int_equal(dsreg_render_csv_error(&b, &cols, "x", "@err"), 0);
  assert_shape(&b, 3);
  assert_memory_equal(b.data, "\"tenant_name\",\"error\",\"source\"\r\n", 32);
  table t;
  read_csv(&b, &t);
  assert_int_equal(t.count, 3);
  assert_cell(&t.rows[1], 0, "'=HYPERLINK(\"http://evil.example\",\"x\")");
  assert_cell(&t.rows[1], 1, "");
  assert_cell(&t.rows[1], 2, "'=src");
  assert_cell(&t.rows[2], 0, "");
  assert_cell(&t.rows[2], 1, "'@err");
  assert_cell(&t.rows[2], 2, "x");
  table_free(&t);
  dsreg_outbuf_free(&b);
  free(text);
}

/* A column that shows a field takes its key and meaning from the field's
 * row: every such column has one, and the computed ones have none. */
static void column_fields(void **state) {
  (void)state;
  size_t shown = 0;
  for (size_t i = 0; i < dsreg_csv_column_count(); i++) {
    const char *name = dsreg_csv_column_name(i);
    const dsreg_field_def *f = dsreg_csv_column_field(i);
    bool computed =
        strcmp(name, "source") == 0 || strcmp(name, "capture") == 0 ||
        strcmp(name, "line") == 0 || strcmp(name, "encoding") == 0 ||
        strcmp(name, "join_type") == 0 || strcmp(name, "verdict") == 0 ||
        strcmp(name, "root_cause") == 0 ||
        strcmp(name, "work_account_tenants") == 0 ||
        strcmp(name, "reference_time") == 0 || strcmp(name, "errors") == 0 ||
        strcmp(name, "warnings") == 0 || strcmp(name, "infos") == 0 ||
        strcmp(name, "findings") == 0 || strcmp(name, "error") == 0;
    if (computed) {
      assert_null(f);
    } else {
      if (!f)
        fail_msg("column %s shows no row of the field table", name);
      shown++;
    }
  }
  assert_int_equal(shown, 27);
  size_t i = 0;
  while (strcmp(dsreg_csv_column_name(i), "tenant_id") != 0)
    i++;
  assert_string_equal(dsreg_csv_column_field(i)->key, "TenantId");
  while (strcmp(dsreg_csv_column_name(i), "cert_valid_to") != 0)
    i++;
  assert_string_equal(dsreg_csv_column_field(i)->member,
                      "device_details.device_certificate_validity");
  assert_null(dsreg_csv_column_field(dsreg_csv_column_count()));
}

/* The FILE writers give the same bytes as the renderers, and -1 on a
 * stream that cannot be written. */
typedef struct file_ctx {
  FILE *f;
  const dsreg_csv_columns *cols;
  dsreg_rule_options opt;
} file_ctx;

static int on_capture_file(const dsreg_capture *cap, void *user) {
  file_ctx *c = user;
  dsreg_analysis an;
  assert_int_equal(dsreg_analyze(cap, &c->opt, &an), DSREG_OK);
  assert_int_equal(dsreg_write_csv_row(c->f, c->cols, "x.txt", cap, &an), 0);
  dsreg_analysis_free(&an);
  return 0;
}

static void file_writers(void **state) {
  (void)state;
  dsreg_csv_columns cols;
  all_columns(&cols);
  char *text = cu_read_fixture(HOSTILE);
  dsreg_outbuf want = {0};
  render_ctx rc;
  render_text(text, "x.txt", &cols, &want, &rc);
  assert_int_equal(dsreg_render_csv_error(&want, &cols, "y.txt", "gone"), 0);

  file_ctx c = {tmpfile(), &cols, {0}};
  assert_non_null(c.f);
  cu_options_now(&c.opt, HOSTILE_NOW);
  assert_int_equal(dsreg_write_csv_header(c.f, &cols), 0);
  dsreg_parser *p = dsreg_parser_new(on_capture_file, &c);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, text, strlen(text)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  assert_int_equal(dsreg_write_csv_error(c.f, &cols, "y.txt", "gone"), 0);
  long len = ftell(c.f);
  assert_int_equal((size_t)len, want.len);
  rewind(c.f);
  char *got = malloc(want.len + 1);
  assert_non_null(got);
  assert_int_equal(fread(got, 1, want.len, c.f), want.len);
  assert_memory_equal(got, want.data, want.len);
  free(got);
  fclose(c.f);
#ifdef __linux__
  FILE *full = fopen("/dev/full", "w");
  if (full) {
    setvbuf(full, NULL, _IONBF, 0);
    assert_int_equal(dsreg_write_csv_header(full, &cols), DSREG_EIO);
    fclose(full);
  }
#endif
  dsreg_outbuf_free(&want);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(file_writers),
      cmocka_unit_test(column_fields),
      cmocka_unit_test(guard_every_leading_byte),
      cmocka_unit_test(guard_round_trip),
      cmocka_unit_test(hostile_fixture_round_trip),
      cmocka_unit_test(edited_values_round_trip),
      cmocka_unit_test(error_rows_round_trip),
      cmocka_unit_test(columns_parse),
      cmocka_unit_test(columns_order_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
