/*
 * test_output.c - what the text and JSON writers may print (dsreg/report.h).
 *
 *  - The text report never writes a control character raw: ESC, BEL,
 *    backspace, every other C0 byte, DEL and the C1 controls U+0080..U+009F
 *    in values and in the source name come out as \xNN (tab as \t).
 *  - JSON output is valid UTF-8 and valid JSON, with every control character
 *    escaped, whatever bytes the capture, the file name or a message hold.
 *    A small strict JSON reader below checks that, independently of the
 *    library's own UTF-8 code.
 *  - A write that fails is reported: -1, or the stream's error flag.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "capture_util.h"
#include "dsreg/fields.h"
#include "dsreg/parser.h"
#include "dsreg/report.h"
#include "dsreg/rules.h"

/* ---- a strict UTF-8 and JSON reader -------------------------------------- */

/* Length of the well-formed UTF-8 sequence at s (Unicode table 3-7), 0 when
 * it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  if (n == 0)
    return 0;
  unsigned char c = s[0];
  if (c < 0x80)
    return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2;
  else if (c == 0xE0)
    len = 3, lo = 0xA0;
  else if (c == 0xED)
    len = 3, hi = 0x9F;
  else if (c >= 0xE1 && c <= 0xEF)
    len = 3;
  else if (c == 0xF0)
    len = 4, lo = 0x90;
  else if (c == 0xF4)
    len = 4, hi = 0x8F;
  else if (c >= 0xF1 && c <= 0xF3)
    len = 4;
  else
    return 0;
  if (n < len || s[1] < lo || s[1] > hi)
    return 0;
  for (size_t i = 2; i < len; i++)
    if (s[i] < 0x80 || s[i] > 0xBF)
      return 0;
  return len;
}

static int utf8_valid(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    size_t k = utf8_len(u + i, n - i);
    if (!k)
      return 0;
    i += k;
  }
  return 1;
}

/* No C0 byte but the record's final newline, no DEL, no C1 character. */
static void assert_no_raw_controls(const char *s, size_t n, int final_nl) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n; i++) {
    if (final_nl && i == n - 1 && u[i] == '\n')
      continue;
    if (u[i] < 0x20 || u[i] == 0x7F)
      fail_msg("raw control byte 0x%02x at %zu", u[i], i);
    if (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F)
      fail_msg("raw C1 control U+%04X at %zu", u[i + 1], i);
  }
}

typedef struct jreader {
  const char *p, *end;
  char *str; /* the decoded text of the last string read */
  size_t str_len, str_cap;
  int depth;
} jreader;

static void ws(jreader *r) {
  while (r->p < r->end &&
         (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
}

static void str_put(jreader *r, const char *s, size_t n) {
  if (r->str_len + n + 1 > r->str_cap) {
    r->str_cap = (r->str_len + n + 1) * 2;
    r->str = realloc(r->str, r->str_cap);
    assert_non_null(r->str);
  }
  memcpy(r->str + r->str_len, s, n);
  r->str_len += n;
  r->str[r->str_len] = '\0';
}

static int hex4(const char *p, unsigned *v) {
  *v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    *v <<= 4;
    if (c >= '0' && c <= '9')
      *v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
      *v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      *v |= (unsigned)(c - 'A' + 10);
    else
      return -1;
  }
  return 0;
}

static void put_cp(jreader *r, unsigned cp) {
  char o[4];
  size_t n;
  if (cp < 0x80) {
    o[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  str_put(r, o, n);
}

/* RFC 8259 string: no raw control, valid escapes, surrogates only in
 * pairs, raw bytes well-formed UTF-8.  Decodes into r->str. */
static int jstring(jreader *r) {
  r->str_len = 0;
  str_put(r, "", 0);
  if (r->p >= r->end || *r->p != '"')
    return -1;
  r->p++;
  while (r->p < r->end) {
    unsigned char c = (unsigned char)*r->p;
    if (c == '"') {
      r->p++;
      return 0;
    }
    if (c < 0x20)
      return -1;
    if (c == '\\') {
      if (r->end - r->p < 2)
        return -1;
      char e = r->p[1];
      r->p += 2;
      const char *simple = strchr("\"\\/bfnrt", e);
      if (e && simple) {
        static const char map[] = "\"\\/\b\f\n\r\t";
        str_put(r, &map[simple - "\"\\/bfnrt"], 1);
        continue;
      }
      unsigned u, lo;
      if (e != 'u' || r->end - r->p < 4 || hex4(r->p, &u))
        return -1;
      r->p += 4;
      if (u >= 0xDC00 && u <= 0xDFFF)
        return -1; /* a low surrogate alone */
      if (u >= 0xD800 && u <= 0xDBFF) {
        if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
            hex4(r->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
          return -1;
        r->p += 6;
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      }
      put_cp(r, u);
      continue;
    }
    size_t k = utf8_len((const unsigned char *)r->p, (size_t)(r->end - r->p));
    if (!k)
      return -1;
    str_put(r, r->p, k);
    r->p += k;
  }
  return -1;
}

static int jvalue(jreader *r);

static int jnumber(jreader *r) {
  const char *s = r->p;
  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end)
    return -1;
  if (*r->p == '0')
    r->p++;
  else if (*r->p >= '1' && *r->p <= '9')
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
      r->p++;
  else
    return -1;
  if (r->p < r->end && *r->p == '.') {
    r->p++;
    if (r->p >= r->end || *r->p < '0' || *r->p > '9')
      return -1;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
      r->p++;
  }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
    r->p++;
    if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
      r->p++;
    if (r->p >= r->end || *r->p < '0' || *r->p > '9')
      return -1;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
      r->p++;
  }
  return r->p > s ? 0 : -1;
}

static int jword(jreader *r, const char *w) {
  size_t n = strlen(w);
  if ((size_t)(r->end - r->p) < n || memcmp(r->p, w, n) != 0)
    return -1;
  r->p += n;
  return 0;
}

static int jvalue(jreader *r) {
  ws(r);
  if (r->p >= r->end || ++r->depth > 64)
    return -1;
  int rc = 0;
  switch (*r->p) {
  case '{':
    r->p++;
    ws(r);
    if (r->p < r->end && *r->p == '}') {
      r->p++;
      break;
    }
    for (;;) {
      ws(r);
      if (jstring(r))
        return -1;
      ws(r);
      if (r->p >= r->end || *r->p++ != ':')
        return -1;
      if (jvalue(r))
        return -1;
      ws(r);
      if (r->p < r->end && *r->p == ',') {
        r->p++;
        continue;
      }
      if (r->p < r->end && *r->p == '}') {
        r->p++;
        break;
      }
      return -1;
    }
    break;
  case '[':
    r->p++;
    ws(r);
    if (r->p < r->end && *r->p == ']') {
      r->p++;
      break;
    }
    for (;;) {
      if (jvalue(r))
        return -1;
      ws(r);
      if (r->p < r->end && *r->p == ',') {
        r->p++;
        continue;
      }
      if (r->p < r->end && *r->p == ']') {
        r->p++;
        break;
      }
      return -1;
    }
    break;
  case '"':
    rc = jstring(r);
    break;
  case 't':
    rc = jword(r, "true");
    break;
  case 'f':
    rc = jword(r, "false");
    break;
  case 'n':
    rc = jword(r, "null");
    break;
  default:
    rc = jnumber(r);
    break;
  }
  r->depth--;
  return rc;
}

/* One JSON Lines record: a single JSON value, then "\n", nothing else. */
static void assert_json_record(const char *s, size_t n) {
  assert_true(n > 0);
  assert_int_equal(s[n - 1], '\n');
  assert_true(utf8_valid(s, n));
  assert_no_raw_controls(s, n, 1);
  jreader r = {s, s + n - 1, NULL, 0, 0, 0};
  if (jvalue(&r))
    fail_msg("invalid JSON near byte %zu: %.40s", (size_t)(r.p - s), r.p);
  ws(&r);
  assert_ptr_equal(r.p, s + n - 1);
  free(r.str);
}

/* The decoded value of top-level member `key` of a record, a string (the
 * caller frees), or NULL when absent or not a string. */
static char *json_member(const char *s, size_t n, const char *key) {
  jreader r = {s, s + n, NULL, 0, 0, 0};
  ws(&r);
  if (r.p >= r.end || *r.p++ != '{')
    return NULL;
  for (;;) {
    ws(&r);
    if (jstring(&r))
      break;
    int match = strcmp(r.str, key) == 0;
    ws(&r);
    if (r.p >= r.end || *r.p++ != ':')
      break;
    ws(&r);
    if (match) {
      if (r.p < r.end && *r.p == '"' && jstring(&r) == 0)
        return r.str;
      break;
    }
    if (jvalue(&r))
      break;
    ws(&r);
    if (r.p >= r.end || *r.p++ != ',')
      break;
  }
  free(r.str);
  return NULL;
}

/* ---- captures from text -------------------------------------------------- */

typedef enum what { TEXT, JSON, MD } what;

typedef struct ctx {
  what what;
  const char *source;
  dsreg_outbuf out;
  size_t captures;
} ctx;

static int on_capture(const dsreg_capture *cap, void *user) {
  ctx *c = user;
  dsreg_rule_options opt;
  dsreg_analysis an;
  cu_options_now(&opt, "2025-03-08T16:45:00Z");
  assert_int_equal(dsreg_analyze(cap, &opt, &an), DSREG_OK);
  if (c->what == TEXT) {
    dsreg_text_options to;
    dsreg_text_options_init(&to);
    assert_int_equal(dsreg_render_text(&c->out, c->source, cap, &an, &to), 0);
  } else if (c->what == MD) {
    assert_int_equal(dsreg_render_md(&c->out, c->source, cap, &an), 0);
  } else {
    assert_int_equal(dsreg_render_json(&c->out, c->source, cap, &an), 0);
  }
  dsreg_analysis_free(&an);
  c->captures++;
  return 0;
}

static void render(what w, const char *source, const char *text, size_t len,
                   ctx *c) {
  memset(c, 0, sizeof *c);
  c->what = w;
  c->source = source;
  dsreg_parser *p = dsreg_parser_new(on_capture, c);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, text, len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  assert_int_equal(c->captures, 1);
  assert_false(c->out.oom);
}

#define BOX                                                                    \
  "+----------------------------------------------------------------------+\n"
#define HEAD BOX "| Device State |\n" BOX "\n"

/* Every C0 byte but NUL (the decoder's U+FFFD), TAB, LF and CR (which end
 * lines), DEL, and the C1 controls as UTF-8. */
static const char CONTROLS[] =
    "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14"
    "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f"
    "\xc2\x80\xc2\x85\xc2\x8d\xc2\x9b\xc2\x9d\xc2\x9f";
static const char CONTROLS_SHOWN[] =
    "\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\x0b\\x0c\\x0e\\x0f\\x10\\x11"
    "\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f"
    "\\x7f\\x80\\x85\\x8d\\x9b\\x9d\\x9f";

/* ---- text ---------------------------------------------------------------- */

static void text_escapes_controls(void **state) {
  (void)state;
  char text[2048];
  int n =
      snprintf(text, sizeof text,
               HEAD "             AzureAdJoined : YES\n"
                    "               Device Name : PC%sEND\n"
                    "                DomainName : \x1b]0;pwned\x07"
                    "\x1b[2J\x08\x08tab\there\n" BOX "| Tenant Details |\n" BOX
                    "                TenantName : \xc2\x9b"
                    "31mred\x7f\n",
               CONTROLS);
  assert_true(n > 0 && (size_t)n < sizeof text);
  ctx c;
  render(TEXT, "evil\x1b[2J\x07name\xc2\x9b.txt\n", text, (size_t)n, &c);
  const char *s = c.out.data;
  size_t len = c.out.len;
  /* Newlines end report lines; nothing else below 0x20 may be there. */
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)s[i] != '\n' &&
        ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] == 0x7F))
      fail_msg("raw control byte 0x%02x at %zu", (unsigned char)s[i], i);
  for (size_t i = 0; i + 1 < len; i++)
    if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
        (unsigned char)s[i + 1] <= 0x9F)
      fail_msg("raw C1 control at %zu", i);
  assert_true(utf8_valid(s, len));

  char *report = malloc(len + 1);
  assert_non_null(report);
  memcpy(report, s, len);
  report[len] = '\0';
  char want[512];
  snprintf(want, sizeof want, "PC%sEND", CONTROLS_SHOWN);
  if (!strstr(report, want))
    fail_msg("device name not shown escaped:\n%s", report);
  assert_non_null(
      strstr(report, "\\x1b]0;pwned\\x07\\x1b[2J\\x08\\x08tab\\there"));
  assert_non_null(strstr(report, "\\x9b31mred\\x7f"));
  assert_non_null(strstr(report, "evil\\x1b[2J\\x07name\\x9b.txt\\x0a"));
  free(report);
  dsreg_outbuf_free(&c.out);
}

/* ---- Markdown ------------------------------------------------------------ */

/* Capture values and the file name in Markdown: every character that could
 * open markup is escaped, HTML becomes entities, controls become spaces.
 * (tests/cli/run_md_tests.sh parses the result with cmark.) */
static void md_escapes_values(void **state) {
  (void)state;
  char text[2048];
  int n = snprintf(text, sizeof text,
                   HEAD "             AzureAdJoined : YES\n"
                        "               Device Name : "
                        "<script>alert(1)</script>|**x**\n"
                        "                DomainName : # [a](b) _c_ `d` ~e~ "
                        "& x@y.z \x1b]0;t\x07\n");
  assert_true(n > 0 && (size_t)n < sizeof text);
  ctx c;
  render(MD, "# cap|1.txt", text, (size_t)n, &c);
  char *report = malloc(c.out.len + 1);
  assert_non_null(report);
  memcpy(report, c.out.data, c.out.len);
  report[c.out.len] = '\0';
  if (!strstr(report, "| Device name | &lt;script&gt;alert(1)&lt;/script&gt;"
                      "\\|\\*\\*x\\*\\* |\n"))
    fail_msg("device name not escaped:\n%s", report);
  assert_non_null(strstr(report, "| Domain | \\# \\[a\\](b) \\_c\\_ "
                                 "\\`d\\` \\~e\\~ &amp; x\\@y.z  "
                                 "\\]0;t  |\n"));
  assert_true(strncmp(report, "## \\# cap\\|1.txt, capture 1 ", 28) == 0);
  for (size_t i = 0; i < c.out.len; i++)
    if ((unsigned char)report[i] < 0x20 && report[i] != '\n')
      fail_msg("raw control byte 0x%02x at %zu", (unsigned char)report[i], i);
  free(report);
  dsreg_outbuf_free(&c.out);
}

static const char *md_of(const char *s) {
  static char out[256];
  dsreg_outbuf b = {0};
  dsreg_render_md_text(&b, s, strlen(s));
  assert_false(b.oom);
  assert_true(b.len < sizeof out);
  memcpy(out, b.data, b.len);
  out[b.len] = '\0';
  dsreg_outbuf_free(&b);
  return out;
}

static void md_text_escaping(void **state) {
  (void)state;
  assert_string_equal(md_of("plain text 0x801c03f2"), "plain text 0x801c03f2");
  assert_string_equal(md_of("a|b"), "a\\|b");
  assert_string_equal(md_of("<b>&"), "&lt;b&gt;&amp;");
  assert_string_equal(md_of("#1 - x"), "\\#1 - x"); /* a heading only first */
  assert_string_equal(md_of("-x"), "\\-x");
  assert_string_equal(md_of("\\`*_[]~@"), "\\\\\\`\\*\\_\\[\\]\\~\\@");
  assert_string_equal(md_of("line\nend\r"), "line end ");
  assert_string_equal(md_of("bad \xff byte"), "bad \xef\xbf\xbd byte");
}

/* Every byte first in a value and after another, as the Markdown writer
 * shows it: the runs it copies as they are and the bytes it escapes. */
static void md_text_every_byte(void **state) {
  (void)state;
  for (int b = 0; b < 256; b++) {
    for (int at = 0; at < 2; at++) {
      char in[3] = {'x', (char)b, 'y'}, want[16], mark[8] = "";
      const char *first = at ? "x" : "";
      if (b < 0x20 || b == 0x7F)
        strcpy(mark, " ");
      else if (b == '<' || b == '>' || b == '&')
        strcpy(mark, b == '<' ? "&lt;" : b == '>' ? "&gt;" : "&amp;");
      else if (strchr("\\`*_[]|~@", b))
        snprintf(mark, sizeof mark, "\\%c", b);
      else if (strchr("#+-=", b))
        snprintf(mark, sizeof mark, at ? "%c" : "\\%c", b);
      else if (b >= 0x80)
        strcpy(mark, "\xEF\xBF\xBD"); /* a lone byte >= 0x80 */
      else
        snprintf(mark, sizeof mark, "%c", b);
      snprintf(want, sizeof want, "%s%sy", first, mark);
      dsreg_outbuf out = {0};
      assert_int_equal(dsreg_render_md_text(&out, in + !at, 2 + (size_t)at),
                       DSREG_OK);
      if (out.len != strlen(want) || memcmp(out.data, want, out.len) != 0)
        fail_msg("byte 0x%02x at %d shown as [%.*s], expected [%s]", b, at,
                 (int)out.len, out.data, want);
      dsreg_outbuf_free(&out);
    }
  }
}

/* The escaping function alone, on every byte and every C1 character. */
static void terminal_text_every_byte(void **state) {
  (void)state;
  for (int b = 0; b < 256; b++) {
    char in = (char)b, want[8];
    dsreg_outbuf out = {0};
    dsreg_render_terminal_text(&out, &in, 1);
    if (b == '\t')
      strcpy(want, "\\t");
    else if (b < 0x20 || b == 0x7F)
      snprintf(want, sizeof want, "\\x%02x", b);
    else if (b >= 0x80)
      strcpy(want, "\xEF\xBF\xBD"); /* a lone byte >= 0x80 is not UTF-8 */
    else
      snprintf(want, sizeof want, "%c", b);
    if (out.len != strlen(want) || memcmp(out.data, want, out.len) != 0)
      fail_msg("byte 0x%02x shown as [%.*s], expected [%s]", b, (int)out.len,
               out.data, want);
    dsreg_outbuf_free(&out);
  }
  for (int cp = 0x80; cp <= 0xA0; cp++) {
    char in[2] = {(char)0xC2, (char)cp}, want[8];
    dsreg_outbuf out = {0};
    dsreg_render_terminal_text(&out, in, 2);
    if (cp <= 0x9F)
      snprintf(want, sizeof want, "\\x%02x", cp);
    else
      memcpy(want, "\xC2\xA0", 3); /* NBSP is printable */
    if (out.len != strlen(want) || memcmp(out.data, want, out.len) != 0)
      fail_msg("U+%04X shown as [%.*s], expected [%s]", cp, (int)out.len,
               out.data, want);
    dsreg_outbuf_free(&out);
  }
}

/* UTF-8 of code point cp (below U+10000) into out; returns its length. */
static size_t utf8_of(unsigned cp, char *out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | cp >> 6);
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  out[0] = (char)(0xE0 | cp >> 12);
  out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
  out[2] = (char)(0x80 | (cp & 0x3F));
  return 3;
}

/* The bidi controls and the line and paragraph separators are shown as
 * \uNNNN, their neighbours as they are (Trojan Source: "bidi<RLO>txt.exe"
 * prints as "bidiexe.txt" on a terminal). */
static void terminal_text_bidi_controls(void **state) {
  (void)state;
  static const unsigned escaped[] = {0x061C, 0x200E, 0x200F, 0x2028, 0x2029,
                                     0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                     0x2066, 0x2067, 0x2068, 0x2069};
  static const unsigned kept[] = {0x061B, 0x061D, 0x200C, 0x200D, 0x2010,
                                  0x2027, 0x202F, 0x2065, 0x206A, 0x00E9};
  for (size_t i = 0; i < sizeof escaped / sizeof escaped[0]; i++) {
    char in[4], want[8];
    size_t n = utf8_of(escaped[i], in);
    snprintf(want, sizeof want, "\\u%04x", escaped[i]);
    dsreg_outbuf out = {0};
    dsreg_render_terminal_text(&out, in, n);
    if (out.len != strlen(want) || memcmp(out.data, want, out.len) != 0)
      fail_msg("U+%04X shown as [%.*s], expected [%s]", escaped[i],
               (int)out.len, out.data, want);
    dsreg_outbuf_free(&out);
  }
  for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
    char in[4];
    size_t n = utf8_of(kept[i], in);
    dsreg_outbuf out = {0};
    dsreg_render_terminal_text(&out, in, n);
    if (out.len != n || memcmp(out.data, in, n) != 0)
      fail_msg("U+%04X shown as [%.*s], expected it as is", kept[i],
               (int)out.len, out.data);
    dsreg_outbuf_free(&out);
  }
  static const char name[] = "bidi\xe2\x80\xaetxt.exe \xe2\x81\xa6x\xe2\x81\xa9"
                             " line\xe2\x80\xa8two \xd8\x9c\xc3\xa9\x1b";
  static const char shown[] =
      "bidi\\u202etxt.exe \\u2066x\\u2069 line\\u2028two"
      " \\u061c\xc3\xa9\\x1b";
  dsreg_outbuf out = {0};
  dsreg_render_terminal_text(&out, name, sizeof name - 1);
  assert_int_equal(out.len, sizeof shown - 1);
  assert_memory_equal(out.data, shown, sizeof shown - 1);
  dsreg_outbuf_free(&out);

  /* and in the text report, for a value and for the source name */
  static const char text[] = HEAD "             AzureAdJoined : YES\n"
                                  "               Device Name : PC\xe2\x80\xae"
                                  "exe.txt\n";
  ctx c;
  render(TEXT, "cap\xe2\x80\x8ftxt", text, sizeof text - 1, &c);
  char *report = malloc(c.out.len + 1);
  assert_non_null(report);
  memcpy(report, c.out.data, c.out.len);
  report[c.out.len] = '\0';
  assert_non_null(strstr(report, "PC\\u202eexe.txt\n"));
  assert_non_null(strstr(report, "cap\\u200ftxt: capture 1"));
  assert_null(strstr(report, "\xe2\x80\xae"));
  assert_null(strstr(report, "\xe2\x80\x8f"));
  free(report);
  dsreg_outbuf_free(&c.out);
}

/* ---- the output buffer --------------------------------------------------- */

/* Sizes that wrap: len + n + 1 looked like room (then memcpy wrote far past
 * the buffer), and doubling a capacity of 2^63 gave 0 for ever.  Both must
 * set oom and return, leaving the buffer as it was. */
static void outbuf_size_overflow(void **state) {
  (void)state;
  dsreg_outbuf b = {0};
  b.len = SIZE_MAX - 4;
  b.cap = 16;
  dsreg_outbuf_put(&b, "0123456789", 10);
  assert_int_equal(b.oom, 1);
  assert_true(b.len == SIZE_MAX - 4);
  assert_int_equal(b.cap, 16);
  assert_null(b.data);

  memset(&b, 0, sizeof b);
  b.cap = (SIZE_MAX >> 1) + 1;
  b.len = b.cap - 1;
  dsreg_outbuf_put(&b, "x", 1);
  assert_int_equal(b.oom, 1);
  assert_true(b.len == (SIZE_MAX >> 1));
  assert_true(b.cap == (SIZE_MAX >> 1) + 1);
  assert_null(b.data);

  /* Once out of memory, nothing more is appended. */
  memset(&b, 0, sizeof b);
  b.oom = 1;
  dsreg_outbuf_put(&b, "x", 1);
  assert_int_equal(b.len, 0);
  assert_null(b.data);

  /* An ordinary buffer still grows by doubling. */
  char chunk[1000];
  memset(chunk, 'a', sizeof chunk);
  memset(&b, 0, sizeof b);
  for (int i = 0; i < 5; i++)
    dsreg_outbuf_put(&b, chunk, sizeof chunk);
  assert_int_equal(b.oom, 0);
  assert_int_equal(b.len, 5000);
  assert_int_equal(b.cap, 8192);
  assert_memory_equal(b.data + 4000, chunk, sizeof chunk);
  dsreg_outbuf_free(&b);
  assert_null(b.data);
  assert_int_equal(b.cap, 0);
}

/* Where a string may be cut so that it stays valid UTF-8. */
static void utf8_cut_points(void **state) {
  (void)state;
  static const struct {
    const char *s;
    size_t n, want;
  } cases[] = {
      {"", 0, 0},
      {"abc", 3, 3},
      {"ab\xc3\xa9", 4, 4},        /* é whole */
      {"ab\xc3\xa9", 3, 2},        /* é cut after its lead byte */
      {"a\xe2\x82\xac", 4, 4},     /* € whole */
      {"a\xe2\x82\xac", 3, 1},     /* € cut after 2 of 3 bytes */
      {"a\xe2\x82\xac", 2, 1},     /* € cut after its lead byte */
      {"a\xf0\x9f\x98\x80", 5, 5}, /* U+1F600 whole */
      {"a\xf0\x9f\x98\x80", 4, 1}, /* cut after 3 of 4 bytes */
      {"a\xf0\x9f\x98\x80", 2, 1}, /* cut after its lead byte */
      {"\xe2\x80\xae", 2, 0},      /* nothing whole is left */
      {"\x80\x80\x80\x80", 4, 4},  /* not UTF-8: left alone */
      {"a\x80", 2, 2},             /* a stray continuation byte */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t got = dsreg_utf8_cut(cases[i].s, cases[i].n);
    if (got != cases[i].want)
      fail_msg("case %zu: cut at %zu, expected %zu", i, got, cases[i].want);
  }
  char buf[8];
  /* "ab€€": 8 bytes and a NUL do not fit in 8; "ab€" does. */
  assert_int_equal(
      dsreg_fit(buf, sizeof buf, "ab%s", "\xe2\x82\xac\xe2\x82\xac"), 5);
  assert_string_equal(buf, "ab\xe2\x82\xac");
  assert_int_equal(dsreg_fit(buf, sizeof buf, "%s", "1234567890"), 7);
  assert_string_equal(buf, "1234567");
  assert_int_equal(dsreg_fit(buf, sizeof buf, "%d", 42), 2);
  assert_string_equal(buf, "42");
}

/* dsreg_buf_printf formats into the free room first: a text that fits
 * exactly, one a byte too long for it, one far too long, and an empty
 * buffer all end as the whole text after what was there. */
static void buf_printf_room(void **state) {
  (void)state;
  dsreg_buf b = {0};
  dsreg_buf_printf(&b, "%s-%d", "first", 1); /* no room yet */
  assert_int_equal(b.len, 7);
  assert_memory_equal(b.data, "first-1", 7);
  dsreg_buf_free(&b);
  for (size_t extra = 0; extra < 4; extra++) {
    /* `room` bytes free, then a text of room - 1 + extra bytes: it fits
     * with its NUL, then one byte too long, two, ... */
    dsreg_buf_puts(&b, "first-1");
    size_t room = b.cap - b.len;
    assert_true(room > 8);
    size_t want = room - 1 + extra;
    char *big = malloc(want + 1);
    assert_non_null(big);
    memset(big, 'a' + (int)extra, want);
    big[want] = '\0';
    dsreg_buf_printf(&b, "%s", big);
    assert_false(b.oom);
    assert_int_equal(b.len, 7 + want);
    assert_memory_equal(b.data, "first-1", 7);
    assert_memory_equal(b.data + 7, big, want);
    size_t before = b.len;
    dsreg_buf_printf(&b, "%05d|%x|%s", 42, 255u, "");
    assert_int_equal(b.len, before + 9);
    assert_memory_equal(b.data + before, "00042|ff|", 9);
    free(big);
    dsreg_buf_free(&b);
  }
}

/* ---- JSON ---------------------------------------------------------------- */

/* Times at the ends of what four-digit years carry.  A leap second on the
 * last day of 9999 used to roll over into "10000-01-01T00:00:00.000Z", and
 * year 0000 was printed as a time: both are now invalid values, kept as
 * text with a note, and the record stays valid JSON. */
static void json_far_times(void **state) {
  (void)state;
  static const char text[] =
      HEAD "             AzureAdJoined : YES\n" BOX "| Device Details |\n" BOX
           "\n  DeviceCertificateValidity : [ 0001-01-01 00:00:00.000 UTC -- "
           "9999-12-31 23:59:59.999 UTC ]\n" BOX "| SSO State |\n" BOX
           "\n                AzureAdPrt : YES\n"
           "      AzureAdPrtUpdateTime : 9999-12-31 23:59:60.000 UTC\n"
           "      AzureAdPrtExpiryTime : 0000-12-31 23:59:59.999 UTC\n" BOX
           "| Diagnostic Data |\n" BOX
           "\n               Client Time : 9999-12-31 23:59:59.999 UTC\n";
  ctx c;
  render(JSON, "far.txt", text, sizeof text - 1, &c);
  assert_json_record(c.out.data, c.out.len);
  char *s = malloc(c.out.len + 1);
  assert_non_null(s);
  memcpy(s, c.out.data, c.out.len);
  s[c.out.len] = '\0';
  static const char *const want[] = {
      "\"reference_time\":\"9999-12-31T23:59:59.999Z\","
      "\"reference_time_source\":\"client-time\"",
      "\"device_certificate_validity\":{\"from\":\"0001-01-01T00:00:00.000Z\","
      "\"to\":\"9999-12-31T23:59:59.999Z\"}",
      "\"azure_ad_prt_update_time\":\"9999-12-31 23:59:60.000 UTC\"",
      "\"azure_ad_prt_expiry_time\":\"0000-12-31 23:59:59.999 UTC\"",
      "\"client_time\":\"9999-12-31T23:59:59.999Z\"",
      "{\"line\":16,\"message\":\"AzureAdPrtUpdateTime: '9999-12-31 "
      "23:59:60.000 UTC' is not a YYYY-MM-DD hh:mm:ss UTC time; kept as "
      "text\"}",
      "{\"line\":17,\"message\":\"AzureAdPrtExpiryTime: '0000-12-31 "
      "23:59:59.999 UTC' is a time outside the years 0001 to 9999; kept as "
      "text\"}",
      "\"message\":\"device certificate expires on 9999-12-31, in less than "
      "a day (the capture's Client Time is 9999-12-31)\"",
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
    if (!strstr(s, want[i]))
      fail_msg("missing %s in\n%s", want[i], s);
  assert_null(strstr(s, "10000"));
  free(s);
  dsreg_outbuf_free(&c.out);
}

/* Every string of one and two bytes, and many random longer ones: always a
 * valid JSON string in valid UTF-8, and text that was valid UTF-8 comes back
 * the same. */
static void json_string_any_bytes(void **state) {
  (void)state;
  unsigned long long rng = 0x2545F4914F6CDD1Dull;
  unsigned char in[24];
  for (long k = 0; k < 256 + 65536 + 200000; k++) {
    size_t n;
    if (k < 256) {
      in[0] = (unsigned char)k;
      n = 1;
    } else if (k < 256 + 65536) {
      in[0] = (unsigned char)((k - 256) >> 8);
      in[1] = (unsigned char)(k - 256);
      n = 2;
    } else {
      rng ^= rng << 13;
      rng ^= rng >> 7;
      rng ^= rng << 17;
      n = (size_t)(rng % sizeof in);
      for (size_t i = 0; i < n; i++) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        /* Bias towards the bytes that matter: controls, quotes, UTF-8. */
        unsigned v = (unsigned)(rng >> 32);
        static const unsigned char pick[] = {0x00, 0x1F, '"',  '\\', 0x7F,
                                             0x80, 0x9F, 0xC2, 0xE0, 0xED,
                                             0xF0, 0xF4, 0xBF, 0xA0, 'a'};
        in[i] = v % 3 ? pick[v % sizeof pick] : (unsigned char)(v >> 8);
      }
    }
    dsreg_outbuf out = {0};
    dsreg_render_json_string(&out, (const char *)in, n);
    assert_false(out.oom);
    assert_true(utf8_valid(out.data, out.len));
    assert_no_raw_controls(out.data, out.len, 0);
    jreader r = {out.data, out.data + out.len, NULL, 0, 0, 0};
    if (jstring(&r) || r.p != r.end)
      fail_msg("not one JSON string: [%.*s]", (int)out.len, out.data);
    if (utf8_valid((const char *)in, n)) {
      if (r.str_len != n || memcmp(r.str, in, n) != 0)
        fail_msg("valid text changed: [%.*s]", (int)out.len, out.data);
    }
    free(r.str);
    dsreg_outbuf_free(&out);
  }
}

/* A whole record from a capture with controls and invalid UTF-8 in its
 * values, titles, keys and unparsed lines, named by a file name holding
 * every byte but NUL. */
static void json_record_any_input(void **state) {
  (void)state;
  char source[300];
  size_t k = 0;
  for (int b = 1; b < 256; b++)
    source[k++] = (char)b;
  memcpy(source + k, "\xE0\x80\xAF\xED\xA0\x80\xF4\x90\x80\x80", 10);
  k += 10;
  source[k] = '\0';

  char text[4096];
  int n = snprintf(text, sizeof text,
                   HEAD "             AzureAdJoined : NO\n"
                        "               Device Name : %s\xff\xfe\xc0\xaf\n"
                        "                DomainName : a\"b\\c/d\n" BOX
                        "| T\x1b[1mitle\x07\xc2\x9b\xff |\n" BOX
                        "   Key\x01\x7f : v\x1b\x9b\n"
                        "\x1b]0;unparsed line\x07\xf8\x88\x80\x80\x80\n",
                   CONTROLS);
  assert_true(n > 0 && (size_t)n < sizeof text);
  ctx c;
  render(JSON, source, text, (size_t)n, &c);
  assert_json_record(c.out.data, c.out.len);

  /* The source comes back as it was, each invalid byte a U+FFFD. */
  char *got = json_member(c.out.data, c.out.len, "source");
  assert_non_null(got);
  char want[1024];
  size_t w = 0;
  for (int b = 1; b < 0x80; b++)
    want[w++] = (char)b;
  for (int b = 0x80; b < 0x100 + 10; b++) {
    memcpy(want + w, "\xEF\xBF\xBD", 3);
    w += 3;
  }
  want[w] = '\0';
  assert_string_equal(got, want);
  free(got);
  dsreg_outbuf_free(&c.out);

  /* An error record, with the same file name and a broken message. */
  dsreg_outbuf e = {0};
  assert_int_equal(dsreg_render_json_error(&e, source, "bad\x1b\xc2\x85\xff"),
                   0);
  assert_json_record(e.data, e.len);
  got = json_member(e.data, e.len, "error");
  assert_non_null(got);
  assert_string_equal(got, "bad\x1b\xc2\x85\xEF\xBF\xBD");
  free(got);
  dsreg_outbuf_free(&e);
}

/* ---- write failures ------------------------------------------------------ */

static const char SMALL[] = HEAD "             AzureAdJoined : YES\n";

typedef struct write_ctx {
  FILE *out;
  int which;
  int rc;
} write_ctx;

static int write_capture(const dsreg_capture *cap, void *user) {
  write_ctx *w = user;
  dsreg_text_options to;
  dsreg_text_options_init(&to);
  if (w->which == 0)
    w->rc = dsreg_write_json(w->out, "x.txt", cap, NULL);
  else
    w->rc = dsreg_write_text(w->out, "x.txt", cap, NULL, &to);
  return 0;
}

/* Writes one record with writer `which` (0 json, 1 text, 2 json error) to
 * `out`; returns the writer's result. */
static int write_one(FILE *out, int which) {
  if (which == 2)
    return dsreg_write_json_error(out, "x.txt", "cannot open");
  write_ctx w = {out, which, 1};
  dsreg_parser *p = dsreg_parser_new(write_capture, &w);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, SMALL, strlen(SMALL)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  assert_int_not_equal(w.rc, 1);
  return w.rc;
}

static void write_to_full_device(void **state) {
  (void)state;
  FILE *probe = fopen("/dev/full", "w");
  if (!probe) {
    skip(); /* not on this system */
    return;
  }
  fclose(probe);
  for (int which = 0; which < 3; which++) {
    /* Unbuffered: the writer's own fwrite fails, and it must say so. */
    FILE *f = fopen("/dev/full", "w");
    assert_non_null(f);
    assert_int_equal(setvbuf(f, NULL, _IONBF, 0), 0);
    assert_int_equal(write_one(f, which), DSREG_EIO);
    assert_true(ferror(f));
    fclose(f);
    /* Buffered: the failure shows at the latest when the stream is
     * flushed, and the stream keeps its error flag. */
    f = fopen("/dev/full", "w");
    assert_non_null(f);
    int rc = write_one(f, which);
    errno = 0;
    int flushed = fflush(f);
    assert_true(rc == -1 || flushed != 0);
    assert_true(ferror(f));
    if (flushed)
      assert_int_equal(errno, ENOSPC);
    fclose(f);
  }
}

/* A stream open for reading only: every write fails, on any system. */
static void write_to_read_only_stream(void **state) {
  (void)state;
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", DSREG_SOURCE_DIR, "README.md");
  for (int which = 0; which < 3; which++) {
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    int rc = write_one(f, which);
    int flushed = fflush(f);
    assert_true(rc == -1 || flushed != 0 || ferror(f));
    assert_true(ferror(f));
    fclose(f);
  }
}

/* The JSON writer writes the typed keys without escaping them and walks
 * the field table as one array: each member path must be C identifiers
 * joined by '.', at most three objects deep, and row i at row 0 + i. */
static void json_typed_keys_need_no_escaping(void **state) {
  (void)state;
  const dsreg_field_def *table = dsreg_field_def_at(0);
  for (size_t r = 0; r < dsreg_field_def_count(); r++) {
    const dsreg_field_def *d = dsreg_field_def_at(r);
    assert_ptr_equal(d, table + r);
    const char *m = d->member;
    size_t dots = 0, run = 0;
    for (; *m; m++) {
      if (*m == '.') {
        assert_true(run > 0);
        dots++;
        run = 0;
      } else {
        assert_true((*m >= 'a' && *m <= 'z') || (*m >= '0' && *m <= '9') ||
                    *m == '_');
        run++;
      }
    }
    assert_true(run > 0);
    assert_true(dots <= (d->section == DSREG_SECTION_WORK_ACCOUNT ? 0 : 3));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(buf_printf_room),
      cmocka_unit_test(text_escapes_controls),
      cmocka_unit_test(md_escapes_values),
      cmocka_unit_test(md_text_escaping),
      cmocka_unit_test(md_text_every_byte),
      cmocka_unit_test(terminal_text_every_byte),
      cmocka_unit_test(terminal_text_bidi_controls),
      cmocka_unit_test(outbuf_size_overflow),
      cmocka_unit_test(utf8_cut_points),
      cmocka_unit_test(json_string_any_bytes),
      cmocka_unit_test(json_far_times),
      cmocka_unit_test(json_record_any_input),
      cmocka_unit_test(json_typed_keys_need_no_escaping),
      cmocka_unit_test(write_to_full_device),
      cmocka_unit_test(write_to_read_only_stream),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
