/*
 * fuzz_util.h - what the fuzz targets share: the chunk size an input asks
 * for, a strict UTF-8 check of our own (the library's is what is under
 * test), and a failure that libFuzzer records as a crash.
 */
#ifndef DSREG_FUZZ_UTIL_H
#define DSREG_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h> /* mingw-w64: defines __MINGW_PRINTF_FORMAT */

#include "dsreg/parser.h"

/* libFuzzer calls this; the replay program too. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints why and aborts, so that libFuzzer saves the input as a crash and
 * the replay program fails its test. */
#if defined(__MINGW_PRINTF_FORMAT) /* mingw-w64: the C99 formats */
__attribute__((noreturn, format(__MINGW_PRINTF_FORMAT, 1, 2)))
#elif defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void fuzz_fail(const char *fmt, ...);

#define FUZZ_CHECK(cond, ...)                                                  \
  do {                                                                         \
    if (!(cond))                                                               \
      fuzz_fail(__VA_ARGS__);                                                  \
  } while (0)

/* The byte stream an input stands for: the input itself or, when its last
 * byte is 0x01 to 0x08, the rest of it repeated 2^(5 + that byte) times
 * (512 KiB at most): the parser's per-capture limits (DSREG_MAX_ITEMS
 * items, DSREG_MAX_CAPTURE_BYTES of text) and the growth of its tables lie
 * far beyond libFuzzer's -max_len otherwise.  When it is FUZZ_STRIP_BOXES,
 * the rest of it without its box lines.  Sets *owned to what the caller
 * must free (NULL when nothing). */
const uint8_t *fuzz_stream(const uint8_t *data, size_t size, size_t *len,
                           uint8_t **owned);
/* A last byte that makes fuzz_stream() drop the box lines (`+---+` rules,
 * `| Title |` lines) of the rest: the fragment path (docs/format.md §4). */
#define FUZZ_STRIP_BOXES 0x0B

/* The stream as it might be pasted into a ticket (issue 12): for one input
 * in two, chosen by its length and second byte, every line gets an e-mail
 * quote prefix, or HTML entities and <br> joins, or tabs and double
 * spacing, so that the repair stage meets real captures in every damaged
 * form.  Returns `data` itself or a malloc'ed copy in *owned (freed by the
 * caller; an earlier *owned is freed here). */
const uint8_t *fuzz_paste(const uint8_t *data, size_t size, size_t *len,
                          uint8_t **owned);

/* The chunk size (0 = the whole input in one call) this input is fed in. */
size_t fuzz_chunk_size(const uint8_t *data, size_t size);

/* Feeds data[0..size) in chunks of `chunk` bytes (0: one call), then
 * finishes; aborts on a status that input alone must never cause.
 * Returns the status of finish. */
dsreg_status fuzz_feed(dsreg_parser *p, const uint8_t *data, size_t size,
                       size_t chunk);

/* Length of the well-formed UTF-8 sequence at s[0..n), 0 when it is not
 * one (overlongs, surrogates, > U+10FFFF and truncation included).  Written
 * apart from the library's own validator on purpose: the check must not
 * share the code it checks. */
size_t fuzz_utf8_len(const unsigned char *s, size_t n);

/* True when s[0..n) is well-formed UTF-8. */
int fuzz_utf8_ok(const char *s, size_t n);

#endif
