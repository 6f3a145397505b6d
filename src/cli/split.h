/*
 * split.h - where one big log can be cut so that its parts are parsed in
 * parallel (issue 17): at the box rule above a Device State title, where
 * dsregcmd starts every capture and the parser's state carries nothing over
 * from the lines before.
 *
 * The plan lists every place where a capture will start (an "opener"),
 * with its byte offset and line number, in one pass over the file, and
 * marks those where the file can be cut.  A part that starts at an opener
 * is parsed as if the whole file had been (dsreg_parser_start_at); the
 * runner checks each capture of a part against the plan, and where one does
 * not match, parses the rest of the file in one piece.  So the output is
 * always that of one sequential parse, and the plan only decides how much
 * of it could be done in parallel.
 */
#ifndef DSREG_CLI_SPLIT_H
#define DSREG_CLI_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dsreg/parser.h"

/* Where a capture starts, as the parser will see it: a box title outside a
 * capture (with its rule above, if any), or a Device State title anywhere.
 * Only starts at the rule above a Device State title are places to cut
 * (`split`): there the parser carries nothing over from before. */
typedef struct cli_opener {
  uint64_t offset;    /* of its first line */
  unsigned long line; /* its 1-based number */
  int split;
  /* UTF-8 without a BOM, read in automatic mode: the decoder of the whole
   * file has seen a UTF-8 sequence before this opener, and so never falls
   * back to a code page after it (src/decode.c, may_fall_back).  A part
   * that starts here is decoded as UTF-8, as it would be in one piece;
   * one that starts at an opener without it, from its own first bytes,
   * which then are all the decoder would have seen that is not ASCII. */
  int committed;
} cli_opener;

typedef struct cli_split_plan {
  unsigned unit; /* bytes per code unit: 1 (UTF-8) or 2 (UTF-16) */
  int big_endian;
  size_t bom; /* bytes of byte order mark at offset 0 */
  /* The openers found and not yet taken (cli_split_take): openers[0] is
   * the file's opener number `base` (0-based). */
  cli_opener *openers;
  size_t count, cap, base;
} cli_split_plan;

/* The openers in `text` (n bytes of one encoding), for the tests and the
 * scan: feed it the file in order, in pieces of any size. */
typedef struct cli_split_scanner {
  cli_split_plan *plan;
  uint64_t offset;         /* of the next byte fed */
  unsigned long line;      /* number of the line being read */
  uint64_t line_start;     /* its offset */
  unsigned char head[128]; /* its first units, as bytes (>0x7F: 0x80) */
  size_t head_len;
  int head_cut;               /* the line is longer than head */
  int skipping;               /* the rest of the line does not matter */
  int skip_lf;                /* a CR ended the last piece: an LF may follow */
  int prev_kind, kind_before; /* the two lines before it (not blank) */
  int blank_since_prev;       /* blank lines came after prev_kind's */
  int in_capture;             /* a capture has started and not ended */
  uint64_t prev_start;
  unsigned long prev_line;
  unsigned char pend[1]; /* half a UTF-16 unit */
  size_t pend_len;
  /* The file's first NUL or non-ASCII byte (UTF-8 without a BOM only):
   * until it, a fresh decoder decodes as the whole file's does; after it,
   * only if it starts a valid UTF-8 sequence (the decoder commits to
   * UTF-8).  Places to cut within a sniff of it, or after an invalid one,
   * are not (the whole file's decoder may change its mind there). */
  int event;            /* 0: not yet; 1: a valid sequence; 2: not valid */
  uint64_t event_at;    /* its offset */
  unsigned char seq[4]; /* the sequence, while a piece cuts it */
  size_t seq_len;
  int oom;
} cli_split_scanner;

void cli_split_scanner_init(cli_split_scanner *s, cli_split_plan *plan,
                            uint64_t offset);
void cli_split_scanner_feed(cli_split_scanner *s, const unsigned char *buf,
                            size_t n);
/* The file ends: settles what its last bytes left open. */
void cli_split_scanner_finish(cli_split_scanner *s);

/* Drops the first k openers of the plan (those a part has taken), so that
 * the plan holds only what is ahead of the parts: bounded memory at any
 * file size. */
void cli_split_take(cli_split_plan *plan, size_t k);

void cli_split_free(cli_split_plan *plan);

/* The plan's encoding from the file's first n bytes at b (its byte order
 * mark; UTF-16 without one shows as NUL bytes): 0, or 1 when the file
 * cannot be split.  Empties `plan` first. */
int cli_split_plan_init(cli_split_plan *plan, const unsigned char *b, size_t n);

/* The bytes a part's parser is fed before its own, so that it decodes as
 * the whole file does: the file's byte order mark ("" for none). */
const char *cli_split_bom(const cli_split_plan *plan);

/* The encoding the whole file's parse shows after its first bytes (n at
 * b, of which the first CLI_SPLIT_ENCODING_BYTES count: far past the
 * decoder's sniff and look-ahead), with the user's choice `user`
 * (DSREG_ENCODING_UNKNOWN: detect).  Every capture of a part must show
 * it. */
#define CLI_SPLIT_ENCODING_BYTES (64u * 1024)
dsreg_encoding cli_split_encoding(const unsigned char *b, size_t n,
                                  dsreg_encoding user);

/* Where a parse starts: at byte `from` (0: the file's start), on line
 * `line`, after `before` captures; `committed` as the opener there has it
 * (cli_opener). */
typedef struct cli_split_start {
  uint64_t from;
  unsigned long line, before;
  bool committed;
} cli_split_start;

/* Makes a parser just reset or made ready to parse from `at`: the user's
 * encoding, or UTF-8 where the whole file's decoder has committed to it;
 * after the file's start, the line and capture numbers of one parse and
 * the file's byte order mark `bom`. */
dsreg_status cli_split_begin(dsreg_parser *p, dsreg_encoding user,
                             const char *bom, const cli_split_start *at);

/* A capture of a part is where one parse of the whole file puts opener j
 * (0-based): on its line, with its number, in the file's encoding `enc`,
 * nothing replaced. */
bool cli_split_capture_ok(const dsreg_capture *cap, size_t j,
                          unsigned long line, dsreg_encoding enc);

/* The capture opens with a Device State box: what ends any capture the
 * whole file's parse has open and starts the next, as a fresh parser does,
 * and so what confirms the part before a place to cut. */
bool cli_split_opens_device_state(const dsreg_capture *cap);

/* The scan of a file, a piece at a time, so that parts can be parsed while
 * the rest is scanned.  The file (fd, size bytes) is read at offsets: its
 * position is not moved. */
typedef struct cli_split_reader {
  int fd;
  uint64_t size, at; /* at: the offset of the next piece */
  unsigned char *buf;
  size_t have; /* bytes of the first piece, read by cli_split_open */
  int done;
  cli_split_plan plan;
  cli_split_scanner s;
} cli_split_reader;

/* Reads the first piece and learns the encoding.  Returns 0; 1 when the
 * file cannot be split (its encoding is not known from its first bytes: no
 * BOM and NUL bytes, as in UTF-16 without a BOM); -1 on a read error or
 * out of memory.  Call cli_split_close() in every case. */
int cli_split_open(cli_split_reader *rd, int fd, uint64_t size);

/* Scans the next piece into rd->plan: 1 when more is to come, 0 when the
 * file is done, -1 on a read error or out of memory. */
int cli_split_step(cli_split_reader *rd);

void cli_split_close(cli_split_reader *rd);

/* The offset before which the plan's openers are final: what the scan has
 * yet to read can still make a place to cut close before it no place to
 * cut (cli_split_scanner's `event`). */
uint64_t cli_split_settled(const cli_split_reader *rd);

#endif
