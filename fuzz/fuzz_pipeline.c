/*
 * fuzz_pipeline.c - what the CLI does with a capture: rules, then every
 * writer, on any bytes.
 *
 * The writers promise output that is safe to hand on whatever the capture
 * holds: JSON that is valid UTF-8 on one line, text with no control
 * character a terminal would act on, CSV whose cells cannot become
 * formulas, HTML in which capture text can only be text.  Each output is
 * checked for that promise, byte by byte, with checks written apart from the
 * library's own escaping.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/csv.h"
#include "dsreg/html.h"
#include "dsreg/parser.h"
#include "dsreg/report.h"
#include "dsreg/rules.h"
#include "fuzz_util.h"

/* 2025-03-09T11:00:00Z: a fixed "now" keeps every run reproducible. */
#define FUZZ_NOW_MS INT64_C(1741518000000)

/* A file name an attacker could choose: a formula, an OSC title sequence,
 * BEL, a C1 CSI and a byte that is no UTF-8, so that the escaping of the
 * source is checked on every input too. */
static const char SOURCE[] =
    "=cmd|' /C calc'!A0\x1b]0;pwned\x07\xc2\x9b\xff.txt";

typedef struct pipeline {
  dsreg_rule_options opt;
  dsreg_csv_columns cols_default, cols_all;
  int live;
} pipeline;

/* ---- JSON -------------------------------------------------------------- */

typedef struct json_in {
  const unsigned char *s, *end;
  int depth;
} json_in;

static int json_value(json_in *j);

static void json_ws(json_in *j) {
  while (j->s < j->end &&
         (*j->s == ' ' || *j->s == '\t' || *j->s == '\n' || *j->s == '\r'))
    j->s++;
}

static int json_lit(json_in *j, const char *lit) {
  size_t n = strlen(lit);
  if ((size_t)(j->end - j->s) < n || memcmp(j->s, lit, n) != 0)
    return 0;
  j->s += n;
  return 1;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int is_hex(unsigned char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int json_digits(json_in *j) {
  const unsigned char *start = j->s;
  while (j->s < j->end && is_digit(*j->s))
    j->s++;
  return j->s > start;
}

static int json_number(json_in *j) {
  if (j->s < j->end && *j->s == '-')
    j->s++;
  if (j->s < j->end && *j->s == '0')
    j->s++;
  else if (!json_digits(j))
    return 0;
  if (j->s < j->end && *j->s == '.') {
    j->s++;
    if (!json_digits(j))
      return 0;
  }
  if (j->s < j->end && (*j->s == 'e' || *j->s == 'E')) {
    j->s++;
    if (j->s < j->end && (*j->s == '+' || *j->s == '-'))
      j->s++;
    if (!json_digits(j))
      return 0;
  }
  return 1;
}

static int json_string(json_in *j) {
  if (j->s >= j->end || *j->s != '"')
    return 0;
  j->s++;
  while (j->s < j->end) {
    unsigned char c = *j->s++;
    if (c == '"')
      return 1;
    if (c < 0x20)
      return 0;
    if (c != '\\')
      continue;
    if (j->s >= j->end)
      return 0;
    c = *j->s++;
    if (c == 'u') {
      for (int k = 0; k < 4; k++)
        if (j->s >= j->end || !is_hex(*j->s++))
          return 0;
    } else if (!strchr("\"\\/bfnrt", c) || c == '\0') {
      return 0;
    }
  }
  return 0;
}

static int json_container(json_in *j, unsigned char close) {
  if (++j->depth > 32)
    return 0;
  j->s++;
  json_ws(j);
  if (j->s < j->end && *j->s == close) {
    j->s++;
    j->depth--;
    return 1;
  }
  for (;;) {
    json_ws(j);
    if (close == '}') {
      if (!json_string(j))
        return 0;
      json_ws(j);
      if (j->s >= j->end || *j->s++ != ':')
        return 0;
      json_ws(j);
    }
    if (!json_value(j))
      return 0;
    json_ws(j);
    if (j->s >= j->end)
      return 0;
    unsigned char c = *j->s++;
    if (c == close) {
      j->depth--;
      return 1;
    }
    if (c != ',')
      return 0;
  }
}

static int json_value(json_in *j) {
  if (j->s >= j->end)
    return 0;
  switch (*j->s) {
  case '{':
    return json_container(j, '}');
  case '[':
    return json_container(j, ']');
  case '"':
    return json_string(j);
  case 't':
    return json_lit(j, "true");
  case 'f':
    return json_lit(j, "false");
  case 'n':
    return json_lit(j, "null");
  default:
    return json_number(j);
  }
}

/* One JSON Lines record: an object, valid UTF-8, no raw control byte but
 * the newline that ends it. */
static void check_json(const dsreg_outbuf *b, const char *what) {
  FUZZ_CHECK(!b->oom && b->len >= 2 && b->data[b->len - 1] == '\n',
             "%s: does not end in a newline", what);
  FUZZ_CHECK(fuzz_utf8_ok(b->data, b->len), "%s: invalid UTF-8", what);
  for (size_t i = 0; i + 1 < b->len; i++)
    FUZZ_CHECK((unsigned char)b->data[i] >= 0x20,
               "%s: raw control byte 0x%02x at %zu", what,
               (unsigned char)b->data[i], i);
  json_in j = {(const unsigned char *)b->data,
               (const unsigned char *)b->data + b->len - 1, 0};
  FUZZ_CHECK(j.s < j.end && *j.s == '{', "%s: not an object", what);
  int ok = json_value(&j);
  FUZZ_CHECK(ok && j.s == j.end, "%s: not valid JSON near byte %zu", what,
             (size_t)(j.s - (const unsigned char *)b->data));
}

/* ---- text -------------------------------------------------------------- */

/* Nothing a terminal acts on: no C0 but the newline, no DEL, no C1; with
 * colour, ESC only as the SGR sequences the writer makes. */
static void check_text(const dsreg_outbuf *b, int color) {
  const unsigned char *s = (const unsigned char *)b->data;
  FUZZ_CHECK(!b->oom && b->len > 0, "text: empty");
  FUZZ_CHECK(fuzz_utf8_ok(b->data, b->len), "text: invalid UTF-8");
  for (size_t i = 0; i < b->len; i++) {
    unsigned char c = s[i];
    if (c == 0x1b && color) {
      size_t k = i + 1;
      FUZZ_CHECK(k < b->len && s[k] == '[', "text: ESC at %zu is no CSI", i);
      k++;
      while (k < b->len && (is_digit(s[k]) || s[k] == ';'))
        k++;
      FUZZ_CHECK(k < b->len && s[k] == 'm', "text: ESC at %zu is no SGR", i);
      i = k;
      continue;
    }
    FUZZ_CHECK(c >= 0x20 || c == '\n',
               "text (colour %s): control byte 0x%02x at %zu",
               color ? "on" : "off", c, i);
    FUZZ_CHECK(c != 0x7f, "text: DEL at %zu", i);
    FUZZ_CHECK(
        !(c == 0xc2 && i + 1 < b->len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f),
        "text: C1 control U+00%02X at %zu", s[i + 1], i);
  }
}

/* ---- HTML -------------------------------------------------------------- */

static int is_name(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Whether s[0..n) is one of the space-separated words of `list`. */
static int in_list(const char *list, const unsigned char *s, size_t n) {
  for (const char *w = list; *w;) {
    size_t k = strcspn(w, " ");
    if (k == n && memcmp(w, s, n) == 0)
      return 1;
    w += k + (w[k] == ' ');
  }
  return 0;
}

/* A device entry: every tag one the writer makes, every attribute one it
 * uses (no on...= handler, links to https only), and outside the tags no
 * < > " ' at all, so that nothing from the capture can be markup. */
static void check_html(const dsreg_outbuf *b, const char *what) {
  static const char TAGS[] = "tbody tr td details summary div h3 dl dt dd ol "
                             "ul li p span strong b a time br";
  static const char ATTRS[] = "class href rel datetime colspan";
  const unsigned char *s = (const unsigned char *)b->data;
  FUZZ_CHECK(!b->oom && b->len > 0, "%s: empty", what);
  FUZZ_CHECK(fuzz_utf8_ok(b->data, b->len), "%s: invalid UTF-8", what);
  size_t i = 0;
  while (i < b->len) {
    unsigned char c = s[i];
    FUZZ_CHECK(c >= 0x20 || c == '\n', "%s: control 0x%02x at %zu", what, c, i);
    FUZZ_CHECK(c != '>' && c != '"' && c != '\'', "%s: raw %c in text at %zu",
               what, c, i);
    if (c != '<') {
      i++;
      continue;
    }
    size_t k = i + 1 + (i + 1 < b->len && s[i + 1] == '/');
    size_t name = k;
    while (k < b->len && is_name(s[k]))
      k++;
    FUZZ_CHECK(in_list(TAGS, s + name, k - name), "%s: tag at %zu", what, i);
    while (k < b->len && s[k] == ' ') {
      size_t an = ++k;
      while (k < b->len && is_name(s[k]))
        k++;
      FUZZ_CHECK(in_list(ATTRS, s + an, k - an) ||
                     (k - an > 5 && memcmp(s + an, "data-", 5) == 0),
                 "%s: attribute at %zu", what, an);
      FUZZ_CHECK(k < b->len && s[k] == '=',
                 "%s: attribute without value at %zu", what, an);
      k++;
      if (k < b->len && s[k] == '"') {
        size_t v = ++k;
        while (k < b->len && s[k] != '"' && s[k] != '<' && s[k] != '>' &&
               s[k] != '\'')
          k++;
        FUZZ_CHECK(k < b->len && s[k] == '"', "%s: value at %zu", what, v);
        if (k - an >= 4 && memcmp(s + an, "href", 4) == 0)
          FUZZ_CHECK(k - v > 8 && memcmp(s + v, "https://", 8) == 0,
                     "%s: link at %zu is not https", what, v);
        k++;
      } else {
        while (k < b->len && is_name(s[k]))
          k++;
      }
    }
    FUZZ_CHECK(k < b->len && s[k] == '>', "%s: tag at %zu not closed", what, i);
    i = k + 1;
  }
}

/* The first `needle` in s[0..n), or NULL. */
static const char *find(const char *s, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++)
    if (memcmp(s + i, needle, k) == 0)
      return s + i;
  return NULL;
}

/* The end of a page of this one capture: its data block holds no <. */
static void check_html_end(const dsreg_outbuf *b) {
  static const char open[] = "id=\"dsreg-data\">";
  FUZZ_CHECK(!b->oom, "html end: out of memory");
  const char *d = find(b->data, b->len, open);
  FUZZ_CHECK(d != NULL, "html end: no data block");
  d += sizeof open - 1;
  const char *e = find(d, b->len - (size_t)(d - b->data), "</script>");
  FUZZ_CHECK(e != NULL, "html end: data block not closed");
  FUZZ_CHECK(memchr(d, '<', (size_t)(e - d)) == NULL,
             "html end: < inside the data block");
}

/* ---- CSV --------------------------------------------------------------- */

/* Exactly one CRLF-ended row of `ncols` quoted cells, none of which starts
 * with what a spreadsheet would read as a formula. */
static void check_csv_row(const dsreg_outbuf *b, size_t ncols,
                          const char *what) {
  const unsigned char *s = (const unsigned char *)b->data;
  size_t n = b->len, i = 0, cells = 0;
  FUZZ_CHECK(!b->oom, "%s: out of memory", what);
  FUZZ_CHECK(fuzz_utf8_ok(b->data, n), "%s: invalid UTF-8", what);
  for (;;) {
    FUZZ_CHECK(i < n && s[i] == '"', "%s: cell %zu not quoted", what, cells);
    i++;
    FUZZ_CHECK(i >= n || !strchr("=+-@\t\r", s[i]) || s[i] == '\0',
               "%s: cell %zu starts with 0x%02x", what, cells, s[i]);
    for (;;) {
      FUZZ_CHECK(i < n, "%s: cell %zu unterminated", what, cells);
      if (s[i] != '"') {
        i++;
        continue;
      }
      if (i + 1 < n && s[i + 1] == '"') {
        i += 2;
        continue;
      }
      i++;
      break;
    }
    cells++;
    if (i < n && s[i] == ',') {
      i++;
      continue;
    }
    FUZZ_CHECK(i + 2 == n && s[i] == '\r' && s[i + 1] == '\n',
               "%s: cell %zu not followed by , or a final CRLF", what, cells);
    break;
  }
  FUZZ_CHECK(cells == ncols, "%s: %zu cells for %zu columns", what, cells,
             ncols);
}

/* ---- the pipeline ------------------------------------------------------ */

static void check_analysis(const dsreg_capture *cap, const dsreg_analysis *an) {
  FUZZ_CHECK(an->join_type <= DSREG_JOIN_NOT_JOINED, "join type %d",
             (int)an->join_type);
  FUZZ_CHECK(an->join_type == dsreg_join_type_of(cap),
             "analysis and dsreg_join_type_of disagree");
  FUZZ_CHECK(an->reference_source == DSREG_TIME_CLIENT_TIME ||
                 (an->reference_source == DSREG_TIME_OPTION &&
                  an->reference_ms == FUZZ_NOW_MS),
             "reference time from %s",
             dsreg_time_source_name(an->reference_source));
  FUZZ_CHECK(an->finding_count == 0 || an->findings != NULL,
             "findings: NULL array");
  size_t last = 0;
  for (size_t i = 0; i < an->finding_count; i++) {
    const dsreg_finding *f = &an->findings[i];
    const dsreg_rule *rule = f->rule ? dsreg_rule_find(f->rule) : NULL;
    FUZZ_CHECK(rule != NULL, "finding %zu: unknown rule", i);
    size_t at = 0;
    while (dsreg_rule_at(at) != rule)
      at++;
    FUZZ_CHECK(at >= last, "finding %zu (%s) out of catalogue order", i,
               f->rule);
    last = at;
    FUZZ_CHECK(f->severity >= DSREG_SEVERITY_INFO &&
                   f->severity <= DSREG_SEVERITY_ERROR,
               "finding %zu: severity %d", i, (int)f->severity);
    FUZZ_CHECK(f->message && f->remedy, "finding %zu: no message or remedy", i);
    FUZZ_CHECK(fuzz_utf8_ok(f->message, strlen(f->message)) &&
                   fuzz_utf8_ok(f->remedy, strlen(f->remedy)),
               "finding %zu: message or remedy not UTF-8", i);
    FUZZ_CHECK(f->title && f->reference, "finding %zu: no title or reference",
               i);
    FUZZ_CHECK(f->evidence_count <= DSREG_MAX_EVIDENCE,
               "finding %zu: %zu evidence", i, f->evidence_count);
    for (size_t e = 0; e < f->evidence_count; e++)
      FUZZ_CHECK(f->evidence[e].key && f->evidence[e].value,
                 "finding %zu: evidence %zu has NULL text", i, e);
  }
}

/* --format line: one line of at most DSREG_LINE_MAX bytes with its "\n",
 * valid UTF-8, and no C0 byte, DEL or C1 character before the "\n". */
static void check_line(const dsreg_outbuf *b) {
  FUZZ_CHECK(b->len >= 1 && b->len <= DSREG_LINE_MAX, "line: %zu bytes",
             b->len);
  FUZZ_CHECK(b->data[b->len - 1] == '\n', "line: no final newline");
  FUZZ_CHECK(fuzz_utf8_ok(b->data, b->len), "line: invalid UTF-8");
  for (size_t i = 0; i + 1 < b->len; i++) {
    unsigned char u = (unsigned char)b->data[i];
    FUZZ_CHECK(u >= 0x20 && u != 0x7F, "line: byte 0x%02x at %zu", u, i);
    FUZZ_CHECK(!(u == 0xC2 && i + 2 < b->len &&
                 (unsigned char)b->data[i + 1] >= 0x80 &&
                 (unsigned char)b->data[i + 1] <= 0x9F),
               "line: a C1 control at %zu", i);
  }
}

static int on_capture(const dsreg_capture *cap, void *user) {
  const pipeline *pl = user;
  dsreg_analysis an;
  dsreg_status st = dsreg_analyze(cap, &pl->opt, &an);
  FUZZ_CHECK(st == DSREG_OK, "dsreg_analyze: %s", dsreg_strerror(st));
  an.live = pl->live != 0;
  check_analysis(cap, &an);

  dsreg_outbuf b = {0};
  FUZZ_CHECK(dsreg_render_json(&b, SOURCE, cap, &an) == 0, "json: failed");
  check_json(&b, "json");
  b.len = 0;
  FUZZ_CHECK(dsreg_render_json(&b, SOURCE, cap, NULL) == 0, "json: failed");
  check_json(&b, "json without analysis");

  for (int color = 0; color <= 1; color++) {
    dsreg_text_options topt;
    dsreg_text_options_init(&topt);
    topt.color = color != 0;
    topt.width = color ? 40u : 0u; /* wrapped too */
    b.len = 0;
    FUZZ_CHECK(dsreg_render_text(&b, SOURCE, cap, &an, &topt) == 0,
               "text: failed");
    check_text(&b, color);
  }

  b.len = 0;
  FUZZ_CHECK(dsreg_render_csv_row(&b, &pl->cols_default, SOURCE, cap, &an) == 0,
             "csv: failed");
  check_csv_row(&b, pl->cols_default.count, "csv (default columns)");
  b.len = 0;
  FUZZ_CHECK(dsreg_render_csv_row(&b, &pl->cols_all, SOURCE, cap, &an) == 0,
             "csv: failed");
  check_csv_row(&b, pl->cols_all.count, "csv (all columns)");

  b.len = 0;
  FUZZ_CHECK(dsreg_render_json_flat(&b, SOURCE, cap, &an) == 0,
             "json flat: failed");
  check_json(&b, "json flat");
  b.len = 0;
  FUZZ_CHECK(dsreg_render_line(&b, SOURCE, cap, &an) == 0, "line: failed");
  check_line(&b);
  dsreg_html_options hopt;
  dsreg_html_options_init(&hopt);
  hopt.generated_ms = hopt.reference_ms = FUZZ_NOW_MS;
  hopt.reference_source = DSREG_TIME_OPTION;
  b.len = 0;
  FUZZ_CHECK(dsreg_html_render_device(&b, &hopt, SOURCE, cap, &an) == 0,
             "html: failed");
  check_html(&b, "html");
  b.len = 0;
  FUZZ_CHECK(dsreg_html_render_device(&b, NULL, SOURCE, cap, NULL) == 0,
             "html: failed");
  check_html(&b, "html without analysis");
  dsreg_html_fleet *fleet = dsreg_html_fleet_new(&hopt);
  if (fleet) {
    b.len = 0;
    if (dsreg_html_fleet_add(fleet, SOURCE, cap, &an) == 0 &&
        dsreg_html_render_end(&b, fleet) == 0)
      check_html_end(&b);
    dsreg_html_fleet_free(fleet);
  }

  dsreg_outbuf_free(&b);
  dsreg_analysis_free(&an);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pipeline pl;
  dsreg_rule_options_init(&pl.opt);
  pl.opt.now_ms = FUZZ_NOW_MS;
  pl.opt.now_source = DSREG_TIME_OPTION;
  dsreg_csv_columns_default(&pl.cols_default);
  pl.cols_all.count = dsreg_csv_column_count();
  for (size_t i = 0; i < pl.cols_all.count; i++)
    pl.cols_all.id[i] = (unsigned char)i;
  pl.live = size > 0 && (data[size - 1] & 1);

  size_t len;
  uint8_t *owned;
  const uint8_t *stream = fuzz_stream(data, size, &len, &owned);
  stream = fuzz_paste(stream, len, &len, &owned);
  dsreg_parser *p = dsreg_parser_new(on_capture, &pl);
  if (p)
    (void)fuzz_feed(p, stream, len, fuzz_chunk_size(data, size));
  dsreg_parser_free(p);
  free(owned);
  return 0;
}
