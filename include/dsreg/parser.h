/*
 * dsreg/parser.h - the streaming push parser.
 *
 *   dsreg_parser *p = dsreg_parser_new(on_capture, ctx);
 *   while ((n = read(...)) > 0) status = dsreg_parser_feed(p, buf, n);
 *   status = dsreg_parser_finish(p);   // DSREG_ENOCAPTURE if none found
 *   dsreg_parser_free(p);
 *
 * Feed byte chunks of any size, split anywhere: a CR/LF pair, a UTF-16 code
 * unit or a UTF-8 sequence cut between two calls decodes the same.  Each
 * complete capture is handed to the callback as soon as the parser knows it
 * has ended (the next capture begins, a footer line, or finish).  Memory is
 * bounded by the largest capture, never by the input, and lines longer than
 * DSREG_MAX_LINE bytes are cut (the rest is counted, and a note says so).
 *
 * Threads: a parser is used by one thread at a time (calls on one handle
 * need the caller's lock); separate handles are independent and may run
 * in parallel threads.  The callback runs on the thread that called feed or
 * finish.
 *
 * Re-entrancy: the callback may call any other library function (analyse,
 * write, redact, snapshot the capture, even run another parser), but not
 * dsreg_parser_feed, _finish, _reset or _free on the parser that is
 * calling it: that is undefined.  To stop, it returns non-zero.
 */
#ifndef DSREG_PARSER_H
#define DSREG_PARSER_H

#include <stddef.h>

#include "dsreg/capture.h"
#include "dsreg/export.h"
#include "dsreg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Longest line kept, in UTF-8 bytes; the rest of a longer line is
 * counted and dropped, with a note on the capture. */
#define DSREG_MAX_LINE 16384

/** Most fields, sections, unparsed lines and notes kept in one capture
 * (each), and most bytes of text; further lines are counted in
 * dsreg_capture.dropped_lines and a note says so.  A real capture has about
 * 150 fields in 10 KiB. */
#define DSREG_MAX_ITEMS 16384
#define DSREG_MAX_CAPTURE_BYTES (1u << 20)

/** Called once per capture, in input order.  `cap` and everything it points
 * to are borrowed until the callback returns.  Return 0 to go on, anything
 * else to stop: the feed or finish call then returns DSREG_ESTOPPED. */
typedef int (*dsreg_capture_fn)(const dsreg_capture *cap, void *user);

typedef struct dsreg_parser dsreg_parser;

/**
 * A new parser that calls `fn(cap, user)` for each capture.  Returns NULL
 * when out of memory or when `fn` is NULL.  Caller frees with
 * dsreg_parser_free().
 */
DSREG_EXPORT dsreg_parser *dsreg_parser_new(dsreg_capture_fn fn, void *user);

/** Frees the parser and every capture it handed out; NULL is a no-op.  Not
 * from its own callback. */
DSREG_EXPORT void dsreg_parser_free(dsreg_parser *p);

/**
 * Feeds `len` bytes (`buf` may be NULL when `len` is 0).  The bytes are
 * copied as needed; `buf` is not kept.  Returns DSREG_OK, DSREG_ENOMEM,
 * DSREG_ESTOPPED, DSREG_EINVAL or DSREG_EFINISHED.
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_parser_feed(dsreg_parser *p,
                                                            const void *buf,
                                                            size_t len);

/**
 * Ends the input: flushes the last line and hands over the last capture.
 * Returns DSREG_ENOCAPTURE when the whole input held no capture, otherwise
 * as dsreg_parser_feed().
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_parser_finish(dsreg_parser *p);

/** Makes a finished (or failed) parser ready for a new stream, keeping its
 * buffers, callback and chosen encoding.  NULL is a no-op.  Not from its
 * own callback. */
DSREG_EXPORT void dsreg_parser_reset(dsreg_parser *p);

/** Lines read so far in this stream (the number of the last line); 0 for
 * NULL.  May be called from the callback. */
DSREG_EXPORT unsigned long dsreg_parser_lines(const dsreg_parser *p);

/** Captures handed over so far in this stream; 0 for NULL.  May be called
 * from the callback. */
DSREG_EXPORT unsigned long dsreg_parser_captures(const dsreg_parser *p);

/** Characters of this stream that did not decode and became U+FFFD so
 * far (NUL bytes, invalid UTF-8 or UTF-16): a reader can tell binary data
 * from text by it, and stop feeding. */
DSREG_EXPORT unsigned long dsreg_parser_replacements(const dsreg_parser *p);

/**
 * Chooses how the bytes are decoded instead of detecting it
 * (docs/format.md §1): DSREG_ENCODING_UTF8, _UTF16LE, _UTF16BE (a BOM of
 * that encoding is still skipped; the _BOM values mean the same), _CP437,
 * _CP850 or _CP1252; DSREG_ENCODING_UNKNOWN goes back to detection, the
 * default.  The choice is kept across dsreg_parser_reset().  Returns
 * DSREG_EINVAL, changing nothing, for another value or once a byte of the
 * stream was fed.
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_parser_set_encoding(dsreg_parser *p, dsreg_encoding enc);

/**
 * For parsing one part of a larger input that begins at a capture
 * boundary (the box rule above a Device State title), in parallel with the
 * other parts: the first line fed is line `first_line` (1-based) of the
 * whole input, and `captures_before` captures came before it, so that line
 * and capture numbers are those of one sequential parse.  Call it before
 * the first dsreg_parser_feed() (and again after dsreg_parser_reset(),
 * which forgets it).  Returns DSREG_OK, or DSREG_EINVAL for a NULL parser,
 * a parser already fed, or first_line 0.  The caller owns the split: the
 * part's text must begin at the start of a line, and the parse of a part
 * equals that of the whole input only where the state the parser carries
 * across lines is the same at that line (docs/format.md §4; the CLI checks
 * every capture of a part against its plan, src/cli/split.c).
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_parser_start_at(
    dsreg_parser *p, unsigned long first_line, unsigned long captures_before);

/**
 * True when the parser holds nothing back from the lines read so far: no
 * line cut short by the last chunk, no lines held by a repair of pasted
 * text (docs/format.md §2a) or for a possible fragment.  Then a parser
 * started at the next line with dsreg_parser_start_at(), in the decoder
 * state this one has there, reads a capture that begins with a Device
 * State box there as this one does.  The CLI asks it at the end of each
 * part of a file parsed in parallel parts; where it says false, the next
 * part is parsed again in one piece.  False for NULL or a finished parser.
 * The parser is not changed.
 */
DSREG_EXPORT bool dsreg_parser_at_boundary(const dsreg_parser *p);

/** The encoding detected for this stream (UNKNOWN before any byte); after
 * the switch to a code page described in docs/format.md §1, that page. */
DSREG_EXPORT dsreg_encoding dsreg_parser_encoding(const dsreg_parser *p);

#ifdef __cplusplus
}
#endif

#endif
