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

/* Receives decoded UTF-8; returns 0 to go on, non-zero to stop (the value is
 * passed back to the decoder's caller). */
typedef int (*dsreg_sink_fn)(void *ctx, const char *utf8, size_t len);

typedef struct dsreg_decoder {
  dsreg_encoding enc;
  int decided;
  unsigned char sniff[DSREG_SNIFF_BYTES];
  size_t sniff_len;
  unsigned char pend[4]; /* an incomplete UTF-8 sequence or code unit */
  size_t pend_len;
  uint32_t high; /* a UTF-16 high surrogate waiting for its low half */
  unsigned long replacements;
  char out[DSREG_DECODE_OUT + 8];
  size_t out_len;
} dsreg_decoder;

void dsreg_decoder_init(dsreg_decoder *d);

/* Decodes `len` bytes; returns 0 or the sink's non-zero result. */
int dsreg_decoder_feed(dsreg_decoder *d, const unsigned char *buf, size_t len,
                       dsreg_sink_fn sink, void *ctx);

/* Flushes what is pending at the end of the input. */
int dsreg_decoder_finish(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx);

#endif
