/*
 * split.c - the openers of a big log (split.h).
 *
 * The scan must stay far cheaper than the parse it plans for (it runs
 * ahead of the part threads, on a core they would use): most lines are
 * fields, which are told by their first byte and skipped with one memchr,
 * and UTF-16 is narrowed to one byte per unit and scanned the same way.
 */
#include "split.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "decode.h"
#include "dsreg/fields.h"
#include "platform.h"
#include "swar.h"
#include "utf8.h"

enum { OTHER = 0, BLANK, RULE, FOOTER, TITLE, DEVICE_STATE };

/* White space as the tokenizer trims it (src/tokenize.c). */
static int is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

/* The title of a box line whose first byte that is not blank is the '|'
 * at h[i] (h, n: the whole line): the text between the bars, trimmed, as
 * the tokenizer takes it, at h[*a..*b). */
static void title_span(const unsigned char *h, size_t i, size_t n, size_t *a,
                       size_t *b) {
  size_t e = n;
  while (e > i && is_blank(h[e - 1]))
    e--;
  size_t x = i + 1, y = e;
  if (y > x && h[y - 1] == '|')
    y--;
  while (x < y && is_blank(h[x]))
    x++;
  while (y - x >= 8 && memcmp(h + y - 8, "        ", 8) == 0)
    y -= 8; /* a title's padding, eight at a time */
  while (y > x && is_blank(h[y - 1]))
    y--;
  *a = x;
  *b = y;
}

/* A title the parser knows (dsreg_section_kind_of), from the line h, n;
 * not when the line is longer than the plan looks (`cut`). */
static int known_title(const unsigned char *h, size_t n, int cut) {
  size_t i = 0, a, b;
  while (i < n && is_blank(h[i]))
    i++;
  if (cut || i == n || h[i] != '|')
    return 0;
  title_span(h, i, n, &a, &b);
  return dsreg_section_kind_of((const char *)h + a, b - a, NULL) !=
         DSREG_SECTION_UNKNOWN;
}

/* The kind of a line (h, n: its units, or only its first when `cut`), as
 * the tokenizer sees it: a box rule ('+', dashes, '+' and nothing else),
 * the footer, a title, and whether it is Device State's (the text between
 * the bars, trimmed).  What cannot be told from a cut line is not a rule
 * and not Device State's.  Only what the plan needs is told apart; the
 * runner checks the plan against the parse. */
static int kind_of(const unsigned char *h, size_t n, int cut) {
  size_t i = 0;
  while (i < n && is_blank(h[i]))
    i++;
  if (i == n)
    return cut ? OTHER : BLANK;
  if (h[i] == '|') {
    /* most titles are not Device State's: told by the first letter, with
     * no need to trim the padding after them */
    size_t a = i + 1, b;
    while (a < n && is_blank(h[a]))
      a++;
    if (cut || a == n || (h[a] | 0x20) != 'd')
      return TITLE;
    title_span(h, i, n, &a, &b);
    return b - a == 12 &&
                   dsreg_eq_nocase((const char *)h + a, 12, "Device State")
               ? DEVICE_STATE
               : TITLE;
  }
  size_t e = n;
  while (!cut && e > i && is_blank(h[e - 1]))
    e--;
  if (h[i] == '+') {
    /* one compare with as many dashes as a line of the plan can hold */
#define D8 "--------"
#define D64 D8 D8 D8 D8 D8 D8 D8 D8
    static const char dashes[] = D64 D64 D64 D64 D64 D64 D64 D64;
#undef D64
#undef D8
    if (cut || e - i < 5 || h[e - 1] != '+' || e - i - 2 > sizeof dashes - 1)
      return OTHER;
    return memcmp(h + i + 1, dashes, e - i - 2) == 0 ? RULE : OTHER;
  }
  if (h[i] == 'F') {
    static const char footer[] = "For more information, please visit";
    return e - i >= sizeof footer - 1 &&
                   memcmp(h + i, footer, sizeof footer - 1) == 0
               ? FOOTER
               : OTHER;
  }
  return OTHER;
}

/* How far a part's decoder looks before it decides: no place to cut this
 * close before the first NUL or non-ASCII byte, whose decoding the sniff
 * could change. */
#define SNIFF_BYTES ((uint64_t)DSREG_SNIFF_BYTES)

static void add_opener(cli_split_scanner *s, uint64_t offset,
                       unsigned long line, int split) {
  cli_split_plan *p = s->plan;
  int committed = 0;
  if (s->event != 0 && offset + SNIFF_BYTES > s->event_at) {
    committed = s->event == 1 && offset > s->event_at;
    if (!committed)
      split = 0;
  }
  if (p->count == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 256;
    cli_opener *o = realloc(p->openers, cap * sizeof *o);
    if (!o) {
      s->oom = 1;
      return;
    }
    p->openers = o;
    p->cap = cap;
  }
  p->openers[p->count].offset = offset;
  p->openers[p->count].line = line;
  p->openers[p->count].split = split;
  p->openers[p->count].committed = committed;
  p->count++;
}

void cli_split_scanner_init(cli_split_scanner *s, cli_split_plan *plan,
                            uint64_t offset) {
  memset(s, 0, sizeof *s);
  s->plan = plan;
  s->offset = s->line_start = offset;
  s->line = 1;
  s->prev_kind = s->kind_before = OTHER;
}

/* A line of `kind` (not blank) ended; the next starts at next_start. */
static void next_line(cli_split_scanner *s, int kind, uint64_t next_start) {
  s->kind_before = s->prev_kind;
  s->prev_kind = kind;
  s->blank_since_prev = 0;
  s->prev_start = s->line_start;
  s->prev_line = s->line;
  s->line++;
  s->line_start = next_start;
  s->head_len = 0;
}

/* What end_line does for a line of no other kind, without looking at it. */
static void other_line(cli_split_scanner *s, uint64_t next_start) {
  next_line(s, OTHER, next_start);
}

/* A line of `kind` ended (h, n: its first units): an opener is a rule,
 * not itself the lower rule of a title (the line before it is no title),
 * followed by the Device State title; blank lines between them do not
 * count. */
static void end_line(cli_split_scanner *s, int kind, const unsigned char *h,
                     size_t n, int cut, uint64_t next_start) {
  if (kind == OTHER) {
    other_line(s, next_start);
    return;
  }
  if (kind == BLANK) {
    /* blank lines do not end a box (docs/format.md §3): a double-spaced
     * paste has one after every line */
    s->blank_since_prev = 1;
    s->line++;
    s->line_start = next_start;
    s->head_len = 0;
    return;
  }
  /* A rule right above (blank lines aside) is the pending rule the
   * capture starts at, unless it closed the box of a title before it. */
  int boxed = s->prev_kind == RULE && s->kind_before != TITLE &&
              s->kind_before != DEVICE_STATE;
  uint64_t at = boxed ? s->prev_start : s->line_start;
  unsigned long line = boxed ? s->prev_line : s->line;
  if (kind == DEVICE_STATE) {
    /* starts a capture, and ends one that is open; a place to cut only
     * where the title follows its rule right away, as dsregcmd prints it:
     * a double-spaced paste's count of blank lines goes on across the box
     * (src/parser.c), which a part's parser would start again */
    add_opener(s, at, line, boxed && !s->blank_since_prev);
    s->in_capture = 1;
  } else if (kind == TITLE && !s->in_capture &&
             (boxed || known_title(h, n, cut))) {
    add_opener(s, at, line, 0);
    s->in_capture = 1;
  } else if (kind == FOOTER) {
    s->in_capture = 0;
  }
  next_line(s, kind, next_start);
}

/* How many of the bytes at buf (n of them) are spaces, from the first. */
static size_t lead_spaces(const unsigned char *buf, size_t n) {
  size_t i = 0;
  while (n - i >= 8) {
    unsigned k = dsreg_swar_lead_spaces((const char *)buf + i);
    i += k;
    if (k < 8)
      return i;
  }
  while (i < n && buf[i] == ' ')
    i++;
  return i;
}

/* Where the line at buf[i..n) ends: the index of its terminator, or n.  A
 * line ends at LF, CR LF or a CR alone, as the parser's line splitter has
 * it (src/lines.c): the line numbers of the plan are the parser's. */
static size_t line_end(const unsigned char *buf, size_t i, size_t n,
                       int any_cr) {
  const unsigned char *nl = memchr(buf + i, '\n', n - i);
  size_t e = nl ? (size_t)(nl - buf) : n;
  if (any_cr) {
    const unsigned char *cr = memchr(buf + i, '\r', e - i);
    if (cr)
      e = (size_t)(cr - buf);
  }
  return e;
}

/* The index after the terminator at buf[e] (e < n); a CR that ends the
 * piece may have its LF in the next one (s->skip_lf). */
static size_t after_end(cli_split_scanner *s, const unsigned char *buf,
                        size_t e, size_t n) {
  if (buf[e] == '\r') {
    if (e + 1 == n)
      s->skip_lf = 1;
    else if (buf[e + 1] == '\n')
      return e + 2;
  }
  return e + 1;
}

/* Scans n bytes, one per unit, whose first unit is at byte offset `base`
 * of the file and each `scale` bytes long.  A line that is all in `buf` is
 * told from buf itself; one that a piece cuts keeps its first units in
 * s->head until it ends. */
static void scan(cli_split_scanner *s, const unsigned char *buf, size_t n,
                 uint64_t base, unsigned scale) {
  size_t i = 0;
  /* most input has no CR at all: then one search per line will do */
  int any_cr = memchr(buf, '\r', n) != NULL;
  if (s->skip_lf && n) {
    s->skip_lf = 0;
    if (buf[0] == '\n') {
      i = 1; /* the LF of a CR LF that the last piece cut */
      s->line_start = base + scale;
    }
  }
  while (i < n) {
    if (s->head_len == 0 && !s->skipping) {
      /* the indentation (also where a piece cut it) */
      i += lead_spaces(buf + i, n - i);
      while (i < n && (buf[i] == ' ' || buf[i] == '\t'))
        i++;
      if (i == n)
        break;
      unsigned char c = buf[i];
      /* only a rule, a title or the footer matters, and each starts with
       * its own byte; any other line is skipped to its end */
      int other = c != '+' && c != '|' && c != 'F' && c != '\r' && c != '\n';
      size_t e = line_end(buf, i, n, any_cr);
      if (e < n) {
        size_t len = e - i;
        const unsigned char *h = buf + i;
        i = after_end(s, buf, e, n);
        uint64_t next = base + (uint64_t)i * scale;
        size_t cap = sizeof s->head;
        if (other)
          other_line(s, next);
        else if (len > cap)
          end_line(s, kind_of(h, cap, 1), h, cap, 1, next);
        else
          end_line(s, kind_of(h, len, 0), h, len, 0, next);
        continue;
      }
      if (other) {
        s->head[s->head_len++] = 'x';
        s->skipping = 1;
        break; /* the line goes on in the next piece */
      }
    }
    size_t e = line_end(buf, i, n, any_cr);
    if (!s->skipping) {
      size_t room = sizeof s->head - s->head_len;
      size_t take = e - i < room ? e - i : room;
      memcpy(s->head + s->head_len, buf + i, take);
      s->head_len += take;
      s->head_cut |= take < e - i;
    }
    if (e == n)
      break; /* the line goes on in the next piece */
    i = after_end(s, buf, e, n);
    int kind = s->skipping ? OTHER : kind_of(s->head, s->head_len, s->head_cut);
    end_line(s, kind, s->head, s->head_len, s->head_cut,
             base + (uint64_t)i * scale);
    s->skipping = 0;
    s->head_cut = 0;
  }
}

/* The first event is settled: places to cut found before it, within a
 * sniff of it, are not places to cut any more. */
static void settle_event(cli_split_scanner *s, int event) {
  cli_split_plan *p = s->plan;
  s->event = event;
  for (size_t i = p->count; i-- > 0;) {
    if (p->openers[i].offset + SNIFF_BYTES <= s->event_at)
      break;
    p->openers[i].split = 0;
  }
}

/* Looks for the file's first NUL or non-ASCII byte in buf (n bytes at
 * s->offset), and whether it starts a valid UTF-8 sequence. */
static void find_event(cli_split_scanner *s, const unsigned char *buf,
                       size_t n) {
  size_t i = 0;
  if (s->seq_len == 0) {
    /* eight at a time while no byte is NUL or has its high bit set */
    while (n - i >= 8 && dsreg_swar_ascii8(buf + i))
      i += 8;
    while (i < n && buf[i] != 0 && buf[i] < 0x80)
      i++;
    if (i == n)
      return;
    s->event_at = s->offset + i;
    s->seq[0] = buf[i++];
    s->seq_len = 1;
  }
  size_t need = dsreg_utf8_lead_len(s->seq[0]);
  while (s->seq_len < need && i < n &&
         dsreg_utf8_cont_ok(s->seq[0], s->seq_len, buf[i]))
    s->seq[s->seq_len++] = buf[i++];
  if (need && s->seq_len == need)
    settle_event(s, 1);
  else if (!need || i < n)
    settle_event(s, 2);
  /* else the piece ended inside the sequence: the next one tells */
}

void cli_split_scanner_finish(cli_split_scanner *s) {
  if (s->event == 0 && s->seq_len)
    settle_event(s, 2); /* the file ends inside it */
}

/* UTF-16 units as one byte each: ASCII as it is, anything else 0x80, which
 * no rule, title or line end holds. */
static void narrow(const unsigned char *u, size_t units, int big_endian,
                   unsigned char *out) {
  const size_t hi = big_endian ? 0 : 1, lo = 1 - hi;
  for (size_t k = 0; k < units; k++) {
    unsigned h = u[2 * k + hi], l = u[2 * k + lo];
    out[k] = (unsigned char)(h != 0 || l > 0x7F ? 0x80 : l);
  }
}

void cli_split_scanner_feed(cli_split_scanner *s, const unsigned char *buf,
                            size_t n) {
  const cli_split_plan *p = s->plan;
  if (p->unit == 1) {
    if (s->event == 0 && p->bom == 0)
      find_event(s, buf, n);
    scan(s, buf, n, s->offset, 1);
    s->offset += n;
    return;
  }
  unsigned char units[4096];
  size_t i = 0;
  if (s->pend_len && n) {
    unsigned char pair[2] = {s->pend[0], buf[0]};
    narrow(pair, 1, p->big_endian, units);
    scan(s, units, 1, s->offset - 1, 2);
    s->pend_len = 0;
    i = 1;
  }
  while (n - i >= 2) {
    size_t m = (n - i) / 2;
    if (m > sizeof units)
      m = sizeof units;
    narrow(buf + i, m, p->big_endian, units);
    scan(s, units, m, s->offset + i, 2);
    i += 2 * m;
  }
  if (i < n) {
    s->pend[0] = buf[i];
    s->pend_len = 1;
  }
  s->offset += n;
}

void cli_split_take(cli_split_plan *plan, size_t k) {
  if (k > plan->count)
    k = plan->count;
  memmove(plan->openers, plan->openers + k,
          (plan->count - k) * sizeof *plan->openers);
  plan->count -= k;
  plan->base += k;
}

#define SCAN_CHUNK (1u << 20)

int cli_split_plan_init(cli_split_plan *plan, const unsigned char *b,
                        size_t n) {
  memset(plan, 0, sizeof *plan);
  plan->unit = 1;
  if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
    plan->unit = 2, plan->bom = 2;
  } else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
    plan->unit = 2, plan->bom = 2, plan->big_endian = 1;
  } else {
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
      plan->bom = 3;
    /* NUL bytes without a BOM: UTF-16 that only the decoder's sniff can
     * tell, or not text at all */
    if (memchr(b, 0, n < 4096 ? n : 4096))
      return 1;
  }
  return 0;
}

const char *cli_split_bom(const cli_split_plan *plan) {
  if (plan->unit == 2)
    return plan->big_endian ? "\xFE\xFF" : "\xFF\xFE";
  return plan->bom ? "\xEF\xBB\xBF" : "";
}

static int ignore_capture(const dsreg_capture *cap, void *user) {
  (void)cap;
  (void)user;
  return 0;
}

dsreg_encoding cli_split_encoding(const unsigned char *b, size_t n,
                                  dsreg_encoding user) {
  dsreg_encoding enc = DSREG_ENCODING_UNKNOWN;
  if (n > CLI_SPLIT_ENCODING_BYTES)
    n = CLI_SPLIT_ENCODING_BYTES;
  dsreg_parser *p = dsreg_parser_new(ignore_capture, NULL);
  if (p && n && dsreg_parser_set_encoding(p, user) == DSREG_OK &&
      dsreg_parser_feed(p, b, n) == DSREG_OK)
    enc = dsreg_parser_encoding(p);
  dsreg_parser_free(p);
  return enc;
}

dsreg_status cli_split_begin(dsreg_parser *p, dsreg_encoding user,
                             const char *bom, const cli_split_start *at) {
  bool utf8 = at->committed && user == DSREG_ENCODING_UNKNOWN;
  dsreg_status st =
      dsreg_parser_set_encoding(p, utf8 ? DSREG_ENCODING_UTF8 : user);
  if (st != DSREG_OK || at->from == 0)
    return st;
  st = dsreg_parser_start_at(p, at->line, at->before);
  if (st == DSREG_OK && bom[0])
    st = dsreg_parser_feed(p, bom, strlen(bom));
  return st;
}

bool cli_split_capture_ok(const dsreg_capture *cap, size_t j,
                          unsigned long line, dsreg_encoding enc) {
  return cap->line == line && cap->index == j + 1 && cap->encoding == enc &&
         cap->replacements == 0;
}

bool cli_split_opens_device_state(const dsreg_capture *cap) {
  return cap->section_count > 0 &&
         cap->sections[0].kind == DSREG_SECTION_DEVICE_STATE;
}

int cli_split_open(cli_split_reader *rd, int fd, uint64_t size) {
  memset(rd, 0, sizeof *rd);
  rd->fd = fd;
  rd->size = size;
  rd->plan.unit = 1;
  rd->buf = malloc(SCAN_CHUNK);
  if (!rd->buf)
    return -1;
  long got = dsreg_cli_pread(fd, rd->buf, SCAN_CHUNK, 0);
  if (got < 0)
    return -1;
  size_t n = (size_t)got;
  if (cli_split_plan_init(&rd->plan, rd->buf, n))
    return 1;
  cli_split_scanner_init(&rd->s, &rd->plan, rd->plan.bom);
  rd->have = n;
  return 0;
}

int cli_split_step(cli_split_reader *rd) {
  if (rd->done)
    return 0;
  size_t n = rd->have;
  rd->have = 0;
  if (rd->at > 0 || n == 0) {
    long got = rd->at < rd->size
                   ? dsreg_cli_pread(rd->fd, rd->buf, SCAN_CHUNK, rd->at)
                   : 0;
    if (got < 0)
      return -1;
    n = (size_t)got;
  }
  size_t skip = rd->at == 0 ? rd->plan.bom : 0;
  if (n > skip)
    cli_split_scanner_feed(&rd->s, rd->buf + skip, n - skip);
  rd->at += n;
  if (rd->s.oom)
    return -1;
  if (rd->at >= rd->size || n == 0) {
    rd->done = 1;
    cli_split_scanner_finish(&rd->s);
  }
  return rd->done ? 0 : 1;
}

uint64_t cli_split_settled(const cli_split_reader *rd) {
  if (rd->done)
    return rd->size;
  /* a sniff before the end, and the sequence that may still be open */
  uint64_t at = rd->s.offset, margin = SNIFF_BYTES + sizeof rd->s.seq;
  return at > margin ? at - margin : 0;
}

void cli_split_close(cli_split_reader *rd) {
  free(rd->buf);
  cli_split_free(&rd->plan);
  rd->buf = NULL;
}

void cli_split_free(cli_split_plan *plan) {
  free(plan->openers);
  memset(plan, 0, sizeof *plan);
}
