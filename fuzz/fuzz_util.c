#include "fuzz_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_fail(const char *fmt, ...) {
  va_list ap;
  fputs("fuzz invariant violated: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  fflush(stderr);
  abort();
}

/* Sizes that cut CRLF pairs, UTF-16 code units and surrogate pairs, UTF-8
 * sequences, the 256-byte encoding sniff and the 4 KiB decode buffer. */
static const size_t CHUNKS[16] = {0,  1,   2,   3,   4,    5,    7,    8,
                                  16, 255, 256, 257, 1000, 1024, 4095, 4096};

/* A `+---+` rule or a `| Title |` line, white space around it aside. */
static int box_line(const uint8_t *s, size_t n) {
  while (n && (*s == ' ' || *s == '\t')) {
    s++;
    n--;
  }
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
               s[n - 1] == '\n'))
    n--;
  if (n >= 2 && s[0] == '+' && s[1] == '-')
    return 1;
  return n >= 2 && s[0] == '|' && s[n - 1] == '|';
}

/* The input without its box lines: field lines pasted alone, a fragment
 * (docs/format.md §4). */
static const uint8_t *strip_boxes(const uint8_t *data, size_t size, size_t *len,
                                  uint8_t **owned) {
  uint8_t *s = malloc(size ? size : 1);
  if (!s)
    abort();
  size_t out = 0;
  for (size_t at = 0; at < size;) {
    const uint8_t *nl = memchr(data + at, '\n', size - at);
    size_t n = nl ? (size_t)(nl - (data + at)) + 1 : size - at;
    if (!box_line(data + at, n)) {
      memcpy(s + out, data + at, n);
      out += n;
    }
    at += n;
  }
  *owned = s;
  *len = out;
  return s;
}

const uint8_t *fuzz_stream(const uint8_t *data, size_t size, size_t *len,
                           uint8_t **owned) {
  /* Enough for every limit: DSREG_MAX_ITEMS short lines, or 1 MiB of text
   * when invalid bytes grow threefold into U+FFFD; more would only slow the
   * fuzzer down. */
  const size_t max = (size_t)512 << 10;
  *owned = NULL;
  *len = size;
  if (size >= 2 && data[size - 1] == FUZZ_STRIP_BOXES)
    return strip_boxes(data, size - 1, len, owned);
  if (size < 2 || data[size - 1] < 1 || data[size - 1] > 8)
    return data;
  /* The marker is not repeated: between two copies it would spoil the
   * first line of each, a title more often than not. */
  size_t unit = size - 1;
  size_t reps = (size_t)1 << (5 + data[size - 1]);
  if (reps > max / unit)
    reps = max / unit;
  if (reps < 2)
    return data;
  uint8_t *s = malloc(reps * unit);
  if (!s)
    abort(); /* the harness's own memory: libFuzzer reports it */
  for (size_t i = 0; i < reps; i++)
    memcpy(s + i * unit, data, unit);
  *owned = s;
  *len = reps * unit;
  return s;
}

/* Appends n bytes to the growing copy; 0 when it would pass `max`. */
static int put(uint8_t *out, size_t *o, size_t max, const void *s, size_t n) {
  if (*o + n > max)
    return 0;
  memcpy(out + *o, s, n);
  *o += n;
  return 1;
}

const uint8_t *fuzz_paste(const uint8_t *data, size_t size, size_t *len,
                          uint8_t **owned) {
  *len = size;
  if (size < 2)
    return data;
  unsigned mode = ((unsigned)size ^ data[1]) % 6u;
  if (mode > 2)
    return data; /* half the inputs as they are */
  /* A line grows at most sevenfold (an entity per byte, a prefix). */
  size_t max = size * 7 + 16;
  uint8_t *out = malloc(max);
  if (!out)
    abort(); /* the harness's own memory: libFuzzer reports it */
  size_t o = 0, line = 0;
  int bol = 1, ok = 1;
  for (size_t i = 0; i < size && ok; i++) {
    uint8_t c = data[i];
    if (bol && mode == 0)
      ok = put(out, &o, max, "> ", 2);
    bol = 0;
    if (c == '\n') {
      line++;
      if (mode == 1 && line % 3 != 0)
        ok = put(out, &o, max, "<br>", 4); /* three lines in one */
      else if (mode == 2)
        ok = put(out, &o, max, "\n\n", 2); /* double-spaced */
      else
        ok = put(out, &o, max, "\n", 1);
      bol = 1;
    } else if (mode == 1 && c == '<') {
      ok = put(out, &o, max, "&lt;", 4);
    } else if (mode == 1 && c == '&') {
      ok = put(out, &o, max, "&amp;", 5);
    } else if (mode == 2 && c == ' ' && i + 1 < size && data[i + 1] == ' ') {
      ok = put(out, &o, max, "\t", 1); /* a tab for two spaces */
      i++;
    } else {
      ok = put(out, &o, max, &c, 1);
    }
  }
  free(*owned);
  *owned = out;
  *len = o;
  return out;
}

size_t fuzz_chunk_size(const uint8_t *data, size_t size) {
  /* The selector is not taken out of the input, so that a seed or a saved
   * regression input is a capture exactly as it was printed.  Mixing in the
   * length matters: a file with a BOM always starts with the same byte, yet
   * must meet every chunk size as mutation changes its length. */
  unsigned sel = (unsigned)size;
  if (size)
    sel ^= data[0];
  return CHUNKS[(sel ^ (sel >> 4)) & 15u];
}

dsreg_status fuzz_feed(dsreg_parser *p, const uint8_t *data, size_t size,
                       size_t chunk) {
  dsreg_status st;
  if (chunk == 0 || chunk >= size) {
    st = dsreg_parser_feed(p, data, size);
    FUZZ_CHECK(st == DSREG_OK, "feed whole: %s", dsreg_strerror(st));
  } else {
    for (size_t off = 0; off < size; off += chunk) {
      size_t n = size - off < chunk ? size - off : chunk;
      st = dsreg_parser_feed(p, data + off, n);
      FUZZ_CHECK(st == DSREG_OK, "feed at %zu: %s", off, dsreg_strerror(st));
    }
  }
  st = dsreg_parser_finish(p);
  FUZZ_CHECK(st == DSREG_OK || st == DSREG_ENOCAPTURE, "finish: %s",
             dsreg_strerror(st));
  /* The contract after finish, checked here since every input gets here. */
  dsreg_status again = dsreg_parser_feed(p, "x", 1);
  FUZZ_CHECK(again == DSREG_EFINISHED, "feed after finish: %s",
             dsreg_strerror(again));
  return st;
}

size_t fuzz_utf8_len(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4;
  else
    return 0;
  if (c == 0xE0)
    lo = 0xA0; /* overlong */
  else if (c == 0xED)
    hi = 0x9F; /* surrogates */
  else if (c == 0xF0)
    lo = 0x90; /* overlong */
  else if (c == 0xF4)
    hi = 0x8F; /* > U+10FFFF */
  if (n < len || s[1] < lo || s[1] > hi)
    return 0;
  for (size_t i = 2; i < len; i++)
    if (s[i] < 0x80 || s[i] > 0xBF)
      return 0;
  return len;
}

int fuzz_utf8_ok(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    size_t k = fuzz_utf8_len(u + i, n - i);
    if (!k)
      return 0;
    i += k;
  }
  return 1;
}
