/*
 * test_decode.c - the byte decoder (src/decode.h): encoding detection,
 * conversion to UTF-8, and U+FFFD for everything invalid.
 *
 * Every case is decoded three ways - in one call, byte by byte, and split
 * in two at every position - because the parser feeds whatever chunks the
 * caller reads, and a sequence or code unit cut between two calls must
 * decode exactly as if it had arrived whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "decode.h"

/* U+FFFD as UTF-8; written as its own literal so that a following hex
 * digit is never swallowed into the escape. */
#define R "\xEF\xBF\xBD"

/* ---- a sink that collects everything ---------------------------------- */

typedef struct collector {
  char *buf;
  size_t len, cap;
  unsigned calls;
  int stop_rc; /* returned from the first call when non-zero */
} collector;

static int collect(void *ctx, const char *s, size_t n) {
  collector *c = ctx;
  c->calls++;
  if (c->stop_rc)
    return c->stop_rc;
  if (c->len + n + 1 > c->cap) {
    c->cap = (c->len + n + 1) * 2;
    c->buf = realloc(c->buf, c->cap);
    assert_non_null(c->buf);
  }
  memcpy(c->buf + c->len, s, n);
  c->len += n;
  c->buf[c->len] = '\0';
  return 0;
}

typedef struct result {
  collector out;
  unsigned long replacements;
  dsreg_encoding enc;
} result;

static void result_free(result *r) { free(r->out.buf); }

/* The encoding the decoder is told to use (UNKNOWN: detect).  The tests of
 * U+FFFD in UTF-8 set UTF-8, or detection would read their bytes in a
 * code page. */
static dsreg_encoding g_force = DSREG_ENCODING_UNKNOWN;

/* Decodes `in` fed as the chunks that the sorted cut positions make. */
static void decode_cuts(const unsigned char *in, size_t n, const size_t *cuts,
                        size_t ncuts, result *r) {
  dsreg_decoder d;
  memset(r, 0, sizeof *r);
  dsreg_decoder_init(&d);
  dsreg_decoder_force(&d, g_force);
  size_t at = 0;
  for (size_t i = 0; i <= ncuts; i++) {
    size_t end = i < ncuts ? cuts[i] : n;
    assert_int_equal(
        dsreg_decoder_feed(&d, in + at, end - at, collect, &r->out), 0);
    at = end;
  }
  assert_int_equal(dsreg_decoder_finish(&d, collect, &r->out), 0);
  r->replacements = d.replacements;
  r->enc = d.enc;
}

static void decode_whole(const unsigned char *in, size_t n, result *r) {
  decode_cuts(in, n, NULL, 0, r);
}

static void decode_bytewise(const unsigned char *in, size_t n, result *r) {
  size_t *cuts = malloc((n ? n : 1) * sizeof *cuts);
  assert_non_null(cuts);
  for (size_t i = 1; i < n; i++)
    cuts[i - 1] = i;
  decode_cuts(in, n, cuts, n ? n - 1 : 0, r);
  free(cuts);
}

static void assert_result(const result *r, const char *expect, size_t len,
                          unsigned long repl, dsreg_encoding enc) {
  assert_int_equal(r->out.len, len);
  if (len)
    assert_memory_equal(r->out.buf, expect, len);
  assert_int_equal(r->replacements, repl);
  assert_int_equal(r->enc, enc);
}

/* The whole contract for one input: same output, count and encoding
 * whether fed whole, byte by byte, or cut once anywhere. */
static void check(const void *input, size_t n, const char *expect, size_t len,
                  unsigned long repl, dsreg_encoding enc) {
  const unsigned char *in = input;
  result r;
  decode_whole(in, n, &r);
  assert_result(&r, expect, len, repl, enc);
  result_free(&r);
  decode_bytewise(in, n, &r);
  assert_result(&r, expect, len, repl, enc);
  result_free(&r);
  for (size_t cut = 0; cut <= n; cut++) {
    decode_cuts(in, n, &cut, 1, &r);
    assert_result(&r, expect, len, repl, enc);
    result_free(&r);
  }
}

#define CHECK(in, out, repl, enc)                                              \
  check(in, sizeof(in) - 1, out, sizeof(out) - 1, repl, enc)

/* ---- UTF-16 input builders -------------------------------------------- */

static size_t utf16(const uint16_t *units, size_t n, int be, int bom,
                    unsigned char *out) {
  size_t k = 0;
  if (bom) {
    out[k++] = be ? 0xFE : 0xFF;
    out[k++] = be ? 0xFF : 0xFE;
  }
  for (size_t i = 0; i < n; i++) {
    unsigned hi = units[i] >> 8, lo = units[i] & 0xFF;
    out[k++] = (unsigned char)(be ? hi : lo);
    out[k++] = (unsigned char)(be ? lo : hi);
  }
  return k;
}

/* ASCII text as UTF-16 code units. */
static size_t ascii_units(const char *s, uint16_t *units) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n; i++)
    units[i] = (unsigned char)s[i];
  return n;
}

/* ---- UTF-8 ------------------------------------------------------------ */

static void test_utf8_passthrough(void **state) {
  (void)state;
  /* ASCII, 2-, 3- and 4-byte sequences, kept byte for byte. */
  CHECK("AzureAdJoined : YES\r\n", "AzureAdJoined : YES\r\n", 0,
        DSREG_ENCODING_UTF8);
  CHECK("pi\xC3\xB9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF",
        "pi\xC3\xB9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF", 0,
        DSREG_ENCODING_UTF8);
}

static void test_utf8_bom_stripped(void **state) {
  (void)state;
  CHECK("\xEF\xBB\xBF"
        "abc\xC3\xA9",
        "abc\xC3\xA9", 0, DSREG_ENCODING_UTF8_BOM);
  /* Only the leading BOM is the encoding's; a second one is text (the
   * tokenizer deals with BOMs of concatenated files). */
  CHECK("\xEF\xBB\xBF\xEF\xBB\xBFx", "\xEF\xBB\xBFx", 0,
        DSREG_ENCODING_UTF8_BOM);
  /* A BOM and nothing else. */
  CHECK("\xEF\xBB\xBF", "", 0, DSREG_ENCODING_UTF8_BOM);
}

static void test_utf8_invalid_sequences(void **state) {
  (void)state;
  g_force = DSREG_ENCODING_UTF8;
  /* A lone continuation byte. */
  CHECK("a\x80"
        "b",
        "a" R "b", 1, DSREG_ENCODING_UTF8);
  /* Overlong NUL: C0 can never lead, 80 is then a lone continuation. */
  CHECK("a\xC0\x80"
        "b",
        "a" R R "b", 2, DSREG_ENCODING_UTF8);
  /* An encoded surrogate (U+D800): ED may not be followed by A0, so each
   * byte is its own maximal invalid subpart. */
  CHECK("a\xED\xA0\x80"
        "b",
        "a" R R R "b", 3, DSREG_ENCODING_UTF8);
  /* F5 would lead a code point above U+10FFFF. */
  CHECK("a\xF5"
        "b",
        "a" R "b", 1, DSREG_ENCODING_UTF8);
  /* F4 90: above U+10FFFF as well. */
  CHECK("\xF4\x90\x80\x80", R R R R, 4, DSREG_ENCODING_UTF8);
  /* A 3-byte sequence cut short by ASCII: one U+FFFD for the valid prefix,
   * and the ASCII byte survives. */
  CHECK("a\xE2\x82"
        "b",
        "a" R "b", 1, DSREG_ENCODING_UTF8);
  g_force = DSREG_ENCODING_UNKNOWN;
  /* Detected: runs of bad bytes are broken UTF-8, not a code page. */
  CHECK("a\xC0\x80"
        "b",
        "a" R R "b", 2, DSREG_ENCODING_UTF8);
  CHECK("a\xE2\x82"
        "b",
        "a" R "b", 1, DSREG_ENCODING_UTF8);
}

/* The tables, spot-checked against the code pages' published charts. */
static void test_codepage_tables(void **state) {
  (void)state;
  g_force = DSREG_ENCODING_CP850;
  /* é ü ß ø Å, then ═ ║ ╔ */
  CHECK("\x82\x81\xE1\x9B\x8F\xCD\xBA\xC9",
        "\xC3\xA9\xC3\xBC\xC3\x9F\xC3\xB8\xC3\x85\xE2\x95\x90\xE2\x95\x91"
        "\xE2\x95\x94",
        0, DSREG_ENCODING_CP850);
  g_force = DSREG_ENCODING_CP437;
  /* é ü ß Å ¢ (where cp850 has ø), then ═ ┌ ░ */
  CHECK("\x82\x81\xE1\x8F\x9B\xCD\xDA\xB0",
        "\xC3\xA9\xC3\xBC\xC3\x9F\xC3\x85\xC2\xA2\xE2\x95\x90\xE2\x94\x8C"
        "\xE2\x96\x91",
        0, DSREG_ENCODING_CP437);
  g_force = DSREG_ENCODING_CP1252;
  /* é ü ß ø Å € – and 0x81, which cp1252 leaves undefined */
  CHECK("\xE9\xFC\xDF\xF8\xC5\x80\x96\x81",
        "\xC3\xA9\xC3\xBC\xC3\x9F\xC3\xB8\xC3\x85\xE2\x82\xAC\xE2\x80\x93" R, 1,
        DSREG_ENCODING_CP1252);
  /* NUL is U+FFFD in every page; ASCII is itself. */
  CHECK("a\0b", "a" R "b", 1, DSREG_ENCODING_CP1252);
  /* A forced UTF-8 or UTF-16 still skips its own BOM. */
  g_force = DSREG_ENCODING_UTF8;
  CHECK("\xEF\xBB\xBFok", "ok", 0, DSREG_ENCODING_UTF8_BOM);
  g_force = DSREG_ENCODING_UTF16LE;
  CHECK("o\0k\0", "ok", 0, DSREG_ENCODING_UTF16LE);
  CHECK("\xFF\xFEo\0k\0", "ok", 0, DSREG_ENCODING_UTF16LE_BOM);
  g_force = DSREG_ENCODING_UNKNOWN;
}

/* Detection: bytes that are not UTF-8 but look like text in a code page
 * switch the stream to it (docs/format.md §1), however the input is cut. */
static void test_codepage_fallback(void **state) {
  (void)state;
  CHECK("Device Name : M\x81ller-PC\n", "Device Name : M\xC3\xBCller-PC\n", 0,
        DSREG_ENCODING_CP850);
  CHECK("a\x80"
        "b",
        "a\xC3\x87"
        "b",
        0, DSREG_ENCODING_CP850);
  CHECK("TenantName : Soci\xE9t\xE9 G\xE9n\xE9rale\n",
        "TenantName : Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale\n", 0,
        DSREG_ENCODING_CP1252);
  /* Cut by the end of the input: "Andr\xE9" */
  CHECK("x : Andr\xE9", "x : Andr\xC3\xA9", 0, DSREG_ENCODING_CP1252);
  CHECK("Stra\xE1"
        "e",
        "Stra\xC3\x9F"
        "e",
        0, DSREG_ENCODING_CP850);
  /* Valid UTF-8 first: the bad byte is a stray one. */
  CHECK("caf\xC3\xA9 M\x81ller", "caf\xC3\xA9 M" R "ller", 1,
        DSREG_ENCODING_UTF8);
  /* NUL and control bytes in the window: not text. */
  CHECK("M\x81ller\0", "M" R "ller" R, 2, DSREG_ENCODING_UTF8);
  /* A bad byte alone, with no letter beside it, says nothing. */
  CHECK("\xFF", R, 1, DSREG_ENCODING_UTF8);
}

/* The decision waits for DSREG_LOOKAHEAD_BYTES from the first bad byte
 * and is the same wherever the input is cut. */
static void test_codepage_fallback_lookahead(void **state) {
  (void)state;
  enum { N = DSREG_LOOKAHEAD_BYTES + 300 };
  static char in[N + 1], out[N + 8];
  memcpy(in, "Name : M\x81ller\n", 14);
  memcpy(out, "Name : M\xC3\xBCller\n", 15);
  for (size_t i = 14; i < N; i++)
    in[i] = out[i + 1] = (char)(i % 64 == 63 ? '\n' : 'a' + i % 26);
  in[N - 10] = '\x82'; /* é, after the window: decoded in the same page */
  out[N - 9] = '\xC3';
  memmove(out + N - 7, out + N - 8, 9);
  out[N - 8] = '\xA9';
  check(in, N, out, N + 2, 0, DSREG_ENCODING_CP850);
}

static void test_utf8_truncated_at_end(void **state) {
  (void)state;
  g_force = DSREG_ENCODING_UTF8;
  CHECK("ab\xE2\x82", "ab" R, 1, DSREG_ENCODING_UTF8);
  CHECK("ab\xF0\x9F\x98", "ab" R, 1, DSREG_ENCODING_UTF8);
  CHECK("\xC3", R, 1, DSREG_ENCODING_UTF8);
  g_force = DSREG_ENCODING_UNKNOWN;
  CHECK("ab\xE2\x82", "ab" R, 1, DSREG_ENCODING_UTF8);
}

static void test_utf8_nul_replaced(void **state) {
  (void)state;
  /* A NUL inside an 8-byte ASCII block, which the fast path skips over
   * only when the whole block is clean; too few NULs to look like UTF-16. */
  static const char in[] = "abcdefg\0hijklmnopqrstuvwxyz";
  check(in, sizeof in - 1, "abcdefg" R "hijklmnopqrstuvwxyz", 29, 1,
        DSREG_ENCODING_UTF8);
}

/* The fast path takes 32 bytes, then 8, at a time past the sniff: a NUL or
 * a stray byte >= 0x80 at any place of a block is still replaced, and the
 * bytes that look like limits of the word tests (0x01, 0x7F, 0x80) are
 * told apart exactly. */
static void test_utf8_fast_path_every_position(void **state) {
  (void)state;
  static const unsigned char odd[] = {0x00, 0x80, 0xFF};
  enum { PAD = 300, BLOCK = 64 };
  unsigned char in[PAD + BLOCK], want[PAD + BLOCK + 2];
  for (size_t o = 0; o < sizeof odd; o++)
    for (size_t at = 0; at < BLOCK; at++) {
      for (size_t i = 0; i < sizeof in; i++)
        in[i] = (unsigned char)(i % 2 ? 0x7F : 0x01 + i % 0x7E);
      memcpy(want, in, PAD + at);
      in[PAD + at] = odd[o];
      memcpy(want + PAD + at, R, 3);
      memcpy(want + PAD + at + 3, in + PAD + at + 1, BLOCK - at - 1);
      g_force = DSREG_ENCODING_UTF8;
      result r;
      decode_whole(in, sizeof in, &r);
      g_force = DSREG_ENCODING_UNKNOWN;
      assert_result(&r, (const char *)want, sizeof want, 1,
                    DSREG_ENCODING_UTF8);
      result_free(&r);
    }
}

/* Past the 256 sniffed bytes the decoder runs its streaming path; cuts in
 * the middle of sequences there must behave the same as in the sniff. */
static void test_utf8_long_input_split_anywhere(void **state) {
  (void)state;
  static const char piece[] = "Key : caf\xC3\xA9 \xE2\x82\xAC\xF0\x9F\x98\x80"
                              " bad\x80 trunc\xE2\x82 nul\0 end\n";
  static const char piece_out[] =
      "Key : caf\xC3\xA9 \xE2\x82\xAC\xF0\x9F\x98\x80"
      " bad" R " trunc" R " nul" R " end\n";
  enum { REPS = 12 };
  unsigned char in[REPS * (sizeof piece - 1)];
  char out[REPS * (sizeof piece_out - 1)];
  for (size_t i = 0; i < REPS; i++) {
    memcpy(in + i * (sizeof piece - 1), piece, sizeof piece - 1);
    memcpy(out + i * (sizeof piece_out - 1), piece_out, sizeof piece_out - 1);
  }
  assert_true(sizeof in > DSREG_SNIFF_BYTES);
  check(in, sizeof in, out, sizeof out, 3 * REPS, DSREG_ENCODING_UTF8);
}

/* ---- UTF-16 ----------------------------------------------------------- */

/* "A", U+00E9, U+20AC, U+1F600 (a surrogate pair), "\n". */
static const uint16_t MIXED[] = {0x0041, 0x00E9, 0x20AC,
                                 0xD83D, 0xDE00, 0x000A};
static const char MIXED_UTF8[] = "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n";

static void test_utf16le_bom(void **state) {
  (void)state;
  unsigned char in[64];
  uint16_t u[32];
  size_t n = utf16(u, ascii_units("Device State\r\n", u), 0, 1, in);
  assert_int_equal(in[0], 0xFF);
  assert_int_equal(in[1], 0xFE);
  check(in, n, "Device State\r\n", 14, 0, DSREG_ENCODING_UTF16LE_BOM);
  n = utf16(MIXED, 6, 0, 1, in);
  check(in, n, MIXED_UTF8, sizeof MIXED_UTF8 - 1, 0,
        DSREG_ENCODING_UTF16LE_BOM);
}

static void test_utf16be_bom(void **state) {
  (void)state;
  unsigned char in[64];
  uint16_t u[32];
  size_t n = utf16(u, ascii_units("Device State\r\n", u), 1, 1, in);
  assert_int_equal(in[0], 0xFE);
  assert_int_equal(in[1], 0xFF);
  check(in, n, "Device State\r\n", 14, 0, DSREG_ENCODING_UTF16BE_BOM);
  n = utf16(MIXED, 6, 1, 1, in);
  check(in, n, MIXED_UTF8, sizeof MIXED_UTF8 - 1, 0,
        DSREG_ENCODING_UTF16BE_BOM);
}

static void test_utf16_without_bom_detected(void **state) {
  (void)state;
  static const char text[] = "             AzureAdJoined : YES\n";
  unsigned char in[128];
  uint16_t u[64];
  size_t nu = ascii_units(text, u);
  size_t n = utf16(u, nu, 0, 0, in);
  check(in, n, text, sizeof text - 1, 0, DSREG_ENCODING_UTF16LE);
  n = utf16(u, nu, 1, 0, in);
  check(in, n, text, sizeof text - 1, 0, DSREG_ENCODING_UTF16BE);
  /* A longer BOM-less file: detection on the first 256 bytes, the rest
   * streamed, with non-ASCII text and surrogate pairs past the sniff.  The
   * ASCII label keeps the NUL pattern clear enough to be recognised. */
  enum { REPS = 20, UNITS = 7 + 6 };
  static const char label[] = "Name : ";
  uint16_t big[REPS * UNITS];
  char expect[REPS * (7 + sizeof MIXED_UTF8 - 1)];
  size_t k = 0;
  for (size_t i = 0; i < REPS; i++) {
    ascii_units(label, big + i * UNITS);
    memcpy(big + i * UNITS + 7, MIXED, sizeof MIXED);
    memcpy(expect + k, label, 7);
    memcpy(expect + k + 7, MIXED_UTF8, sizeof MIXED_UTF8 - 1);
    k += 7 + sizeof MIXED_UTF8 - 1;
  }
  unsigned char bin[sizeof big];
  n = utf16(big, REPS * UNITS, 0, 0, bin);
  assert_true(n > DSREG_SNIFF_BYTES);
  check(bin, n, expect, sizeof expect, 0, DSREG_ENCODING_UTF16LE);
  n = utf16(big, REPS * UNITS, 1, 0, bin);
  check(bin, n, expect, sizeof expect, 0, DSREG_ENCODING_UTF16BE);
}

static void test_utf16_invalid_units(void **state) {
  (void)state;
  unsigned char in[64];
  size_t n;
  /* A lone high surrogate followed by a BMP character. */
  static const uint16_t lone_high[] = {'a', 0xD83D, 'b'};
  n = utf16(lone_high, 3, 0, 1, in);
  check(in, n, "a" R "b", 5, 1, DSREG_ENCODING_UTF16LE_BOM);
  /* Two high surrogates then a low one: the first is lone, the second
   * pairs up. */
  static const uint16_t two_high[] = {0xD83D, 0xD83D, 0xDE00};
  n = utf16(two_high, 3, 1, 1, in);
  check(in, n, R "\xF0\x9F\x98\x80", 7, 1, DSREG_ENCODING_UTF16BE_BOM);
  /* A lone low surrogate. */
  static const uint16_t lone_low[] = {'a', 0xDE00, 'b'};
  n = utf16(lone_low, 3, 0, 1, in);
  check(in, n, "a" R "b", 5, 1, DSREG_ENCODING_UTF16LE_BOM);
  /* A high surrogate at the very end of the input. */
  static const uint16_t high_at_end[] = {'a', 0xD83D};
  n = utf16(high_at_end, 2, 1, 1, in);
  check(in, n, "a" R, 4, 1, DSREG_ENCODING_UTF16BE_BOM);
  /* A NUL code unit. */
  static const uint16_t nul[] = {'a', 0x0000, 'b'};
  n = utf16(nul, 3, 0, 1, in);
  check(in, n, "a" R "b", 5, 1, DSREG_ENCODING_UTF16LE_BOM);
  /* An odd trailing byte. */
  static const uint16_t ab[] = {'a', 'b'};
  n = utf16(ab, 2, 0, 1, in);
  in[n++] = 'c';
  check(in, n, "ab" R, 5, 1, DSREG_ENCODING_UTF16LE_BOM);
  /* A lone high surrogate and then an odd byte: both are replaced. */
  n = utf16(high_at_end, 2, 0, 1, in);
  in[n++] = 'c';
  check(in, n, "a" R R, 7, 2, DSREG_ENCODING_UTF16LE_BOM);
}

/* UTF-8 of one code point (no surrogates), for the expected output. */
static size_t put_utf8(uint32_t c, char *o) {
  if (c < 0x80) {
    o[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    o[0] = (char)(0xC0 | c >> 6), o[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    o[0] = (char)(0xE0 | c >> 12), o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | c >> 18), o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((c >> 6) & 0x3F)), o[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* ASCII is decoded four units at a time (swar.h): a unit that is not
 * U+0001..U+007F, at every offset of those four and on both sides of the
 * 4096-byte output buffer, must come out as the unit-at-a-time path gives
 * it, in both byte orders and fed whole or in odd chunks.  U+0080 and
 * U+0100 differ from ASCII in one bit of one byte; U+007F is still ASCII. */
static void test_utf16_ascii_runs(void **state) {
  (void)state;
  static const uint16_t odd[] = {0x0080, 0x0100, 0x007F, 0x00E9,
                                 0x20AC, 0x7F00, 0x0000, 0xDE00};
  enum { RUN = 4093, UNITS = RUN + 64 };
  static uint16_t u[UNITS];
  static unsigned char in[2 * UNITS + 2];
  static char expect[4 * UNITS];
  for (size_t o = 0; o < sizeof odd / sizeof odd[0]; o++)
    for (size_t pos = 0; pos < 8; pos++) {
      size_t nu = 0, ne = 0;
      unsigned long repl = 0;
      for (size_t i = 0; i < RUN + pos; i++) {
        u[nu++] = (uint16_t)('A' + i % 26);
        expect[ne++] = (char)('A' + i % 26);
      }
      for (int twice = 0; twice < 2; twice++) {
        u[nu++] = odd[o];
        if (odd[o] == 0 || odd[o] == 0xDE00) {
          memcpy(expect + ne, R, 3), ne += 3, repl++;
        } else {
          ne += put_utf8(odd[o], expect + ne);
        }
        for (size_t i = 0; i < 13 + pos; i++) {
          u[nu++] = 'x';
          expect[ne++] = 'x';
        }
      }
      /* and a surrogate pair at the end */
      u[nu++] = 0xD83D, u[nu++] = 0xDE00;
      memcpy(expect + ne, "\xF0\x9F\x98\x80", 4), ne += 4;
      for (int be = 0; be < 2; be++) {
        size_t n = utf16(u, nu, be, 1, in);
        dsreg_encoding enc =
            be ? DSREG_ENCODING_UTF16BE_BOM : DSREG_ENCODING_UTF16LE_BOM;
        result r;
        decode_whole(in, n, &r);
        assert_result(&r, expect, ne, repl, enc);
        result_free(&r);
        size_t cuts[64], nc = 0;
        for (size_t c = 7 + pos; c < n && nc < 64; c += 1 + 131 * (nc % 7))
          cuts[nc++] = c;
        decode_cuts(in, n, cuts, nc, &r);
        assert_result(&r, expect, ne, repl, enc);
        result_free(&r);
      }
    }
}

/* ---- detection edge cases --------------------------------------------- */

static void test_empty_and_tiny_input(void **state) {
  (void)state;
  result r;
  decode_whole((const unsigned char *)"", 0, &r);
  assert_int_equal(r.out.len, 0);
  assert_int_equal(r.out.calls, 0);
  assert_int_equal(r.replacements, 0);
  /* Nothing decoded: the encoding stays unknown. */
  assert_int_equal(r.enc, DSREG_ENCODING_UNKNOWN);
  result_free(&r);
  /* One byte that could start a BOM but does not. */
  CHECK("\xFF", R, 1, DSREG_ENCODING_UTF8);
  CHECK("\xEF\xBB", R, 1, DSREG_ENCODING_UTF8);
  CHECK("x", "x", 0, DSREG_ENCODING_UTF8);
}

/* The decoder promises valid UTF-8 without NUL whatever comes in. */
static int valid_utf8_no_nul(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char b = (unsigned char)s[i];
    size_t k = b < 0x80                 ? 1
               : b >= 0xC2 && b <= 0xDF ? 2
               : b >= 0xE0 && b <= 0xEF ? 3
               : b >= 0xF0 && b <= 0xF4 ? 4
                                        : 0;
    if (b == 0 || k == 0 || i + k > n)
      return 0;
    for (size_t j = 1; j < k; j++)
      if (((unsigned char)s[i + j] & 0xC0) != 0x80)
        return 0;
    uint32_t cp = k == 1   ? b
                  : k == 2 ? b & 0x1Fu
                  : k == 3 ? b & 0x0Fu
                           : b & 0x07u;
    for (size_t j = 1; j < k; j++)
      cp = cp << 6 | ((unsigned char)s[i + j] & 0x3Fu);
    if ((k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return 0;
    i += k;
  }
  return 1;
}

static void test_random_bytes_give_valid_utf8(void **state) {
  (void)state;
  /* Fixed-seed xorshift, so that a failure reproduces. */
  uint32_t x = 0x2545F491u;
  unsigned char in[4096];
  for (int round = 0; round < 8; round++) {
    for (size_t i = 0; i < sizeof in; i++) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      in[i] = (unsigned char)x;
    }
    /* Odd rounds start with a UTF-16 BOM to exercise that path too. */
    if (round & 1) {
      in[0] = 0xFF;
      in[1] = 0xFE;
    }
    result whole, bytes;
    decode_whole(in, sizeof in, &whole);
    decode_bytewise(in, sizeof in, &bytes);
    assert_true(valid_utf8_no_nul(whole.out.buf, whole.out.len));
    assert_int_equal(whole.out.len, bytes.out.len);
    assert_memory_equal(whole.out.buf, bytes.out.buf, whole.out.len);
    assert_int_equal(whole.replacements, bytes.replacements);
    assert_true(whole.replacements > 0);
    result_free(&whole);
    result_free(&bytes);
  }
}

/* ---- the sink's result ------------------------------------------------ */

static void test_sink_result_propagates(void **state) {
  (void)state;
  dsreg_decoder d;
  collector c;

  /* UTF-8 with a BOM decides at once, so feed itself calls the sink. */
  memset(&c, 0, sizeof c);
  c.stop_rc = 7;
  dsreg_decoder_init(&d);
  assert_int_equal(dsreg_decoder_feed(&d,
                                      (const unsigned char *)"\xEF\xBB\xBFok",
                                      5, collect, &c),
                   7);
  assert_int_equal(c.calls, 1);

  /* The replacement path returns the sink's value too. */
  memset(&c, 0, sizeof c);
  c.stop_rc = -4;
  dsreg_decoder_init(&d);
  assert_int_equal(dsreg_decoder_feed(&d,
                                      (const unsigned char *)"\xEF\xBB\xBF\x80",
                                      4, collect, &c),
                   -4);
  assert_int_equal(c.calls, 1);

  /* UTF-16. */
  memset(&c, 0, sizeof c);
  c.stop_rc = 3;
  dsreg_decoder_init(&d);
  assert_int_equal(dsreg_decoder_feed(&d,
                                      (const unsigned char *)"\xFF\xFE"
                                                             "a\0",
                                      4, collect, &c),
                   3);

  /* Short BOM-less input is held for sniffing until finish, which then
   * returns the sink's value. */
  memset(&c, 0, sizeof c);
  c.stop_rc = 9;
  dsreg_decoder_init(&d);
  assert_int_equal(
      dsreg_decoder_feed(&d, (const unsigned char *)"abc", 3, collect, &c), 0);
  assert_int_equal(c.calls, 0);
  assert_int_equal(dsreg_decoder_finish(&d, collect, &c), 9);
  assert_int_equal(c.calls, 1);

  /* A pending UTF-16 odd byte flushed at finish. */
  memset(&c, 0, sizeof c);
  dsreg_decoder_init(&d);
  assert_int_equal(dsreg_decoder_feed(&d,
                                      (const unsigned char *)"\xFF\xFE"
                                                             "a",
                                      3, collect, &c),
                   0);
  c.stop_rc = 5;
  assert_int_equal(dsreg_decoder_finish(&d, collect, &c), 5);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8_passthrough),
      cmocka_unit_test(test_utf8_bom_stripped),
      cmocka_unit_test(test_utf8_invalid_sequences),
      cmocka_unit_test(test_utf8_truncated_at_end),
      cmocka_unit_test(test_codepage_tables),
      cmocka_unit_test(test_codepage_fallback),
      cmocka_unit_test(test_codepage_fallback_lookahead),
      cmocka_unit_test(test_utf8_nul_replaced),
      cmocka_unit_test(test_utf8_long_input_split_anywhere),
      cmocka_unit_test(test_utf8_fast_path_every_position),
      cmocka_unit_test(test_utf16le_bom),
      cmocka_unit_test(test_utf16be_bom),
      cmocka_unit_test(test_utf16_without_bom_detected),
      cmocka_unit_test(test_utf16_invalid_units),
      cmocka_unit_test(test_utf16_ascii_runs),
      cmocka_unit_test(test_empty_and_tiny_input),
      cmocka_unit_test(test_random_bytes_give_valid_utf8),
      cmocka_unit_test(test_sink_result_propagates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
