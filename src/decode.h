/*
 * decode.h - bytes in any of the encodings captures come in, to UTF-8.
 *
 * Private to the library.  The decoder sniffs the first bytes (BOM, or the
 * NUL pattern of BOM-less UTF-16), then turns every chunk into valid UTF-8
 * spans handed to a sink.  Invalid sequences, lone surrogates, NUL and an odd
 * trailing byte each become U+FFFD and are counted; nothing is fatal.  State
 * carries across chunks, so a split code unit or sequence decodes the same.
 */
#ifndef DSREG_DECODE_H
#define DSREG_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "dsreg/capture.h"

/* Bytes looked at before deciding on a BOM-less encoding. */
#define DSREG_SNIFF_BYTES 256
#define DSREG_DECODE_OUT 4096
/* Bytes looked at, from the first one that is not UTF-8, before deciding
 * whether the stream is in a single-byte code page (docs/format.md §1). */
#define DSREG_LOOKAHEAD_BYTES 4096

/* Receives decoded UTF-8; returns 0 to go on, non-zero to stop (the value is
 * passed back to the decoder's caller). */
typedef int (*dsreg_sink_fn)(void *ctx, const char *utf8, size_t len);

struct dsreg_codepage;

typedef struct dsreg_decoder {
  dsreg_encoding enc;
  dsreg_encoding forced;             /* UNKNOWN: detect */
  const struct dsreg_codepage *page; /* when enc is a single-byte page */
  int decided;
  int fallback;            /* detection switched to `page` at bytes not UTF-8 */
  int la_active;           /* collecting the look-ahead window */
  int la_done;             /* the code page question was settled: UTF-8 stays */
  unsigned long multibyte; /* non-ASCII characters decoded; each is
                              counted once the text before it went to
                              the sink */
  size_t la_len;
  unsigned char la_prev;   /* the byte before the window */
  unsigned char pend_prev; /* the byte before pend[0] */
  unsigned char last;      /* the last byte of the last UTF-8 chunk */
  unsigned char sniff[DSREG_SNIFF_BYTES];
  size_t sniff_len;
  unsigned char pend[4]; /* an incomplete UTF-8 sequence or code unit */
  size_t pend_len;
  uint32_t high; /* a UTF-16 high surrogate waiting for its low half */
  unsigned long replacements;
  char out[DSREG_DECODE_OUT + 8]; /* init clears the members before it */
  size_t out_len;
  unsigned char la[DSREG_LOOKAHEAD_BYTES];
} dsreg_decoder;

void dsreg_decoder_init(dsreg_decoder *d);

/* Decodes as `enc` instead of detecting (UNKNOWN: detect); call after
 * dsreg_decoder_init() and before the first byte. */
void dsreg_decoder_force(dsreg_decoder *d, dsreg_encoding enc);

/* The single-byte page that bytes not UTF-8 in s[0..n) (the look-ahead
 * window from the first such byte; `prev` is the byte before it, or 0) are
 * most likely in, or
 * DSREG_ENCODING_UNKNOWN when they do not look like text in one, or look
 * like UTF-8 with a few bad bytes after all. */
dsreg_encoding dsreg_guess_codepage(unsigned char prev, const unsigned char *s,
                                    size_t n);

/* Decodes `len` bytes; returns 0 or the sink's non-zero result. */
int dsreg_decoder_feed(dsreg_decoder *d, const unsigned char *buf, size_t len,
                       dsreg_sink_fn sink, void *ctx);

/* Flushes what is pending at the end of the input. */
int dsreg_decoder_finish(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx);

/* No byte of the stream has reached the decoder yet: its encoding can
 * still be chosen. */
static inline int dsreg_decoder_untouched(const dsreg_decoder *d) {
  return !d->decided && d->sniff_len == 0;
}

/* Everything fed so far is decoded and handed on: nothing sniffed and
 * undecided, no sequence or look-ahead window waiting for more bytes. */
static inline int dsreg_decoder_settled(const dsreg_decoder *d) {
  return (d->decided || d->sniff_len == 0) && d->pend_len == 0 && !d->la_active;
}

#endif
