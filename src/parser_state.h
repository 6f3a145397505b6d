/*
 * parser_state.h - the push parser's state, shared by the files that build
 * a capture: parser.c (the line loop, sections, fields, the public API),
 * fragment.c (field lines with no box) and capture_notes.c (the notes on
 * encoding and repairs made when a capture ends).  Private to the library.
 */
#ifndef DSREG_PARSER_STATE_H
#define DSREG_PARSER_STATE_H

#include <stddef.h>

#include "arena.h"
#include "decode.h"
#include "internal.h"
#include "lines.h"
#include "repair.h"
#include "tokenize.h"

#include "dsreg/export.h"
#include "dsreg/parser.h"

/* in_capture of a fragment (docs/format.md §4) */
#define FRAGMENT 2

typedef struct seen_slot {
  const char *key; /* NULL = empty */
  size_t len;
  size_t section; /* SIZE_MAX for section titles */
  unsigned count;
} seen_slot;

struct dsreg_parser {
  dsreg_capture_fn fn;
  void *user;
  dsreg_status status; /* sticky failure */
  int finished;

  dsreg_decoder dec;
  dsreg_encoding forced; /* dsreg_parser_set_encoding(); kept by reset */
  dsreg_field_index ix;

  dsreg_lines lines;    /* the splitter; its buffer holds a line cut up by
                           the spans it came in */
  dsreg_repair repair;  /* pasted-text repairs (repair.c) */
  unsigned long nlines; /* physical lines read */
  unsigned long lineno; /* the physical line of the line being read */
  /* The text has had an HTML entity, a <br> or a <p>-like tag: only then
   * can a field's value hold one, so the clean path looks for none before. */
  int seen_markup;
  /* Double-spaced paste: lines that were each followed by one blank
   * line; from 3 on, a single blank line does not stop a console wrap. */
  unsigned alternate, blank_run;
  int double_spaced;
  int wrap_over_blank; /* ... and one has been kept over a blank line */

  /* capture under construction */
  int in_capture; /* 1, or FRAGMENT for a fragment (one test on the clean
                     path sees both it and no capture) */
  unsigned long captures;
  unsigned long captures_before; /* dsreg_parser_start_at() */
  unsigned long cap_line;
  unsigned long cap_last_line;
  unsigned long cap_repl0;
  unsigned long cap_mb0; /* non-ASCII characters before the capture */
  unsigned long dropped;
  size_t bytes;
  int has_footer;
  int section_dropped; /* the last title was past the limits: so are the
                          lines under it, else they would join the section
                          before it */
  dsreg_arena arena;
  dsreg_field *fields;
  size_t nfields, capfields;
  dsreg_section *sections;
  size_t nsections, capsections;
  dsreg_line *unparsed;
  size_t nunparsed, capunparsed;
  dsreg_note *notes;
  size_t nnotes, capnotes;
  dsreg_work_account *accounts;
  size_t naccounts, capaccounts;
  seen_slot *seen; /* unknown keys and section titles */
  size_t capseen, nseen;
  /* Known keys are counted per row: the serial of the section a row was
   * last seen in, and how often there. */
  unsigned long section_serial;
  unsigned long row_section[DSREG_FIELD_SLOTS];
  unsigned row_count[DSREG_FIELD_SLOTS];
  /* Per row of the field table: the PRT block its line opens, and for the
   * rows of a PRT diagnostics block, their twins in each block. */
  unsigned char opens_prt[DSREG_FIELD_SLOTS];
  unsigned char row_prt[DSREG_FIELD_SLOTS]; /* the block a row is in */
  short prt_twin[DSREG_PRT_ENTERPRISE + 1][DSREG_FIELD_SLOTS];
  unsigned kind_count[DSREG_SECTION_KIND_COUNT]; /* titles seen, per kind */
  /* Lines of the capture per kind of repair, for its notes. */
  unsigned long repaired[DSREG_REPAIR_KIND_COUNT];
  const char *prefix_name; /* the first prefix removed */
  int cap_double_spaced;

  /* Field lines with no box (docs/format.md §4): a known-key field line
   * outside a capture is held until the next line tells whether a run of
   * them starts; the capture it opens is a fragment, its sections implied
   * by the keys. */
  int held;
  unsigned long held_lineno;
  dsreg_token held_tok;
  size_t held_n, held_over;
  unsigned held_repairs;
  const char *held_prefix;
  char held_text[DSREG_MAX_LINE];
  int frag_layout;         /* old_layout of its first line */
  unsigned long frag_last; /* its last line that was a field or a wrap */

  /* box and block state */
  int header_open;  /* a title was read; its lower rule may follow */
  int pending_rule; /* a rule was read; a title may follow */
  unsigned long pending_rule_line;
  dsreg_prt_kind prt_ctx;
  long wrap_field; /* field a console-wrapped line would continue, or -1 */
};

/* ---- building a capture (parser.c) ------------------------------------ */

/* Records the first failure; returns `st`. */
int dsreg_build_fail(dsreg_parser *p, dsreg_status st);

/* Adds a note on `line` (0: the capture as a whole) within the capture's
 * budget. */
DSREG_PRINTF(3, 4)
void dsreg_build_note(dsreg_parser *p, unsigned long line, const char *fmt,
                      ...);

/* Starts a capture on `line`. */
void dsreg_build_begin(dsreg_parser *p, unsigned long line);

/* Adds a section titled text[0..len) of `kind`; 0 or a status. */
int dsreg_build_section(dsreg_parser *p, const char *text, size_t len,
                        dsreg_section_kind kind, unsigned ordinal);

/* Adds the field line `t` to the current section; 0 or a status. */
int dsreg_build_field(dsreg_parser *p, const dsreg_token *t, int truncated);

/* Counts the repairs of a line for the capture's notes. */
void dsreg_build_count_repairs(dsreg_parser *p, unsigned repairs,
                               const char *prefix);

/* ---- fragments (fragment.c) ------------------------------------------- */

/* A field line outside a capture: one with a known key is held; a second
 * right after it opens a fragment holding both.  Returns 1 when the caller
 * takes this line into the fragment, 0 when it does not, or -status. */
int dsreg_fragment_open(dsreg_parser *p, const dsreg_token *t, size_t over,
                        unsigned repairs, const char *prefix);

/* A fragment's field line: puts it in the right implied section.  Returns 1
 * when the line ends the fragment instead; *rc is the status. */
int dsreg_fragment_section(dsreg_parser *p, const dsreg_token *t, int *rc);

/* ---- notes made when a capture ends (capture_notes.c) ------------------ */

/* The single-byte fallback, and values that look like UTF-8 read in a code
 * page (mojibake). */
void dsreg_capture_notes_encoding(dsreg_parser *p);

/* One note per kind of repair made to the capture's lines. */
void dsreg_capture_notes_repairs(dsreg_parser *p);

#endif
