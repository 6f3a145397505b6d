/*
 * split.c - the openers of a big log (split.h).
 */
#include "split.h"

#include <stdlib.h>
#include <string.h>

#include "platform.h"

enum { OTHER = 0, BLANK, RULE, FOOTER, TITLE, KNOWN_TITLE, DEVICE_STATE };

static int starts_nocase(const unsigned char *h, size_t n, const char *lit) {
  size_t k = 0;
  for (; lit[k]; k++)
    if (k >= n || (h[k] | 0x20) != (lit[k] | 0x20))
      return 0;
  return 1;
}

/* The titles dsregcmd prints (src/fields.c has them for the parser). */
static int known_title(const unsigned char *h, size_t n) {
  static const char *const titles[] = {"Device Details",
                                       "Tenant Details",
                                       "User State",
                                       "SSO State",
                                       "Diagnostic Data",
                                       "IE Proxy Config for Current User",
                                       "IE Proxy Config for System Account",
                                       "URL Specific Proxy Config",
                                       "WinHttp Default Proxy Config",
                                       "Ngc Prerequisite Check",
                                       "Work Account "};
  for (size_t t = 0; t < sizeof titles / sizeof titles[0]; t++)
    if (starts_nocase(h, n, titles[t]))
      return 1;
  return 0;
}

/* The kind of a line from its first units, as the tokenizer would see it:
 * a box rule (here: '+' then '-' as far as seen), the footer, a title and
 * which.  Leading blanks are skipped, as the tokenizer does.  Only what the
 * plan needs is told apart; the runner checks the plan against the parse. */
static int kind_of(const unsigned char *h, size_t n) {
  size_t i = 0;
  while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r'))
    i++;
  if (i == n)
    return BLANK;
  if (i + 1 < n && h[i] == '+' && h[i + 1] == '-') {
    /* dashes as far as it takes to tell "+-" in text from a rule */
    size_t end = n - i > 16 ? i + 16 : n;
    for (size_t k = i + 1; k < end; k++)
      if (h[k] != '-')
        return h[k] == '+' ? RULE : OTHER;
    return RULE;
  }
  if (h[i] == 'F')
    return starts_nocase(h + i, n - i, "For more information, please visit")
               ? FOOTER
               : OTHER;
  if (h[i] != '|')
    return OTHER;
  i++;
  while (i < n && h[i] == ' ')
    i++;
  if (starts_nocase(h + i, n - i, "Device State")) {
    size_t k = i + 12;
    while (k < n && h[k] == ' ')
      k++;
    if (k >= n || h[k] == '|' || h[k] == '\r')
      return DEVICE_STATE;
  }
  return known_title(h + i, n - i) ? KNOWN_TITLE : TITLE;
}

static void add_opener(cli_split_scanner *s, uint64_t offset,
                       unsigned long line, int split) {
  cli_split_plan *p = s->plan;
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

/* A line ended: an opener is a rule, not itself the lower rule of a title
 * (the line before it is no title), followed by the Device State title;
 * blank lines between them do not count. */
static void end_line(cli_split_scanner *s, uint64_t next_start) {
  int kind = s->skipping ? OTHER : kind_of(s->head, s->head_len);
  if (kind == BLANK) {
    /* blank lines do not end a box (docs/format.md §3): a double-spaced
     * paste has one after every line */
    s->line++;
    s->line_start = next_start;
    s->head_len = 0;
    return;
  }
  /* A rule right above (blank lines aside) is the pending rule the
   * capture starts at, unless it closed the box of a title before it. */
  int boxed = s->prev_kind == RULE && s->kind_before != TITLE &&
              s->kind_before != KNOWN_TITLE && s->kind_before != DEVICE_STATE;
  uint64_t at = boxed ? s->prev_start : s->line_start;
  unsigned long line = boxed ? s->prev_line : s->line;
  if (kind == DEVICE_STATE) {
    /* starts a capture, and ends one that is open */
    add_opener(s, at, line, boxed);
    s->in_capture = 1;
  } else if ((kind == KNOWN_TITLE || (kind == TITLE && boxed)) &&
             !s->in_capture) {
    add_opener(s, at, line, 0);
    s->in_capture = 1;
  } else if (kind == FOOTER) {
    s->in_capture = 0;
  }
  s->kind_before = s->prev_kind;
  s->prev_kind = kind;
  s->prev_start = s->line_start;
  s->prev_line = s->line;
  s->line++;
  s->line_start = next_start;
  s->head_len = 0;
}

static void unit(cli_split_scanner *s, unsigned u, uint64_t next) {
  if (u == '\n') {
    end_line(s, next);
    return;
  }
  if (s->head_len < sizeof s->head)
    s->head[s->head_len++] = (unsigned char)(u > 0x7F ? 0x80 : u);
}

void cli_split_scanner_feed(cli_split_scanner *s, const unsigned char *buf,
                            size_t n) {
  const cli_split_plan *p = s->plan;
  size_t i = 0;
  if (p->unit == 1) {
    while (i < n) {
      if (s->head_len == 0 && !s->skipping) {
        /* the indentation (also where a piece cut it) */
        while (n - i >= 8 && memcmp(buf + i, "        ", 8) == 0)
          i += 8;
        while (i < n && (buf[i] == ' ' || buf[i] == '\t'))
          i++;
        if (i == n)
          break;
        unsigned char c = buf[i];
        /* only a rule, a title or the footer matters, and each starts
         * with its own byte; any other line is skipped to its end */
        if (c != '+' && c != '|' && c != 'F' && c != '\r' && c != '\n') {
          s->head[s->head_len++] = 'x';
          s->skipping = 1;
        }
      }
      const unsigned char *nl = memchr(buf + i, '\n', n - i);
      size_t len = nl ? (size_t)(nl - (buf + i)) : n - i;
      if (!s->skipping) {
        size_t room = sizeof s->head - s->head_len;
        size_t take = len < room ? len : room;
        memcpy(s->head + s->head_len, buf + i, take);
        s->head_len += take;
      }
      if (!nl)
        break; /* the line goes on in the next piece */
      end_line(s, s->offset + (size_t)(nl - buf) + 1);
      s->skipping = 0;
      i = (size_t)(nl - buf) + 1;
    }
    s->offset += n;
    return;
  }
  if (s->pend_len && n) {
    unsigned a = s->pend[0], b = buf[0];
    s->pend_len = 0;
    unit(s, p->big_endian ? (a << 8 | b) : (b << 8 | a), s->offset + 1);
    i = 1;
  }
  for (; i + 1 < n; i += 2) {
    unsigned a = buf[i], b = buf[i + 1];
    unit(s, p->big_endian ? (a << 8 | b) : (b << 8 | a), s->offset + i + 2);
  }
  if (i < n) {
    s->pend[0] = buf[i];
    s->pend_len = 1;
  }
  s->offset += n;
}

#define SCAN_CHUNK (1u << 20)

int cli_split_scan(int fd, uint64_t size, cli_split_plan *plan) {
  memset(plan, 0, sizeof *plan);
  unsigned char *buf = malloc(SCAN_CHUNK);
  if (!buf)
    return -1;
  long got = dsreg_cli_pread(fd, buf, SCAN_CHUNK, 0);
  if (got < 0) {
    free(buf);
    return -1;
  }
  size_t n = (size_t)got;
  plan->unit = 1;
  if (n >= 2 && buf[0] == 0xFF && buf[1] == 0xFE) {
    plan->unit = 2, plan->bom = 2;
  } else if (n >= 2 && buf[0] == 0xFE && buf[1] == 0xFF) {
    plan->unit = 2, plan->bom = 2, plan->big_endian = 1;
  } else {
    if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
      plan->bom = 3;
    /* NUL bytes without a BOM: UTF-16 that only the decoder's sniff can
     * tell, or not text at all */
    if (memchr(buf, 0, n < 4096 ? n : 4096)) {
      free(buf);
      return 1;
    }
  }
  cli_split_scanner s;
  cli_split_scanner_init(&s, plan, plan->bom);
  uint64_t at = 0;
  int rc = 0;
  for (;;) {
    size_t skip = at == 0 ? plan->bom : 0;
    if (n > skip)
      cli_split_scanner_feed(&s, buf + skip, n - skip);
    at += n;
    if (s.oom || at >= size || n == 0)
      break;
    got = dsreg_cli_pread(fd, buf, SCAN_CHUNK, at);
    if (got < 0) {
      rc = -1;
      break;
    }
    n = (size_t)got;
  }
  free(buf);
  return s.oom ? -1 : rc;
}

void cli_split_free(cli_split_plan *plan) {
  free(plan->openers);
  memset(plan, 0, sizeof *plan);
}
