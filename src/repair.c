/*
 * repair.c - what pasting does to dsregcmd output, undone before the
 * tokenizer sees a line (docs/format.md §2a, Pasted text).
 *
 * Design.  The stage sits between the line splitter and the tokenizer, and
 * the clean path never enters it: the parser tokenizes each line first and
 * calls dsreg_repair_line() only for a line that is `other`, a fence, or a
 * field or title with markup in it, or while this stage is busy.  A
 * physical line goes through three steps:
 *
 *   1. it is cut at each `<br>` (`<br/>`, `<br />`) into logical lines, all
 *      with the physical line's number;
 *   2. each logical line is rewritten into `norm`: HTML entities decoded,
 *      `<p>` `<pre>` `<code>` tags dropped, tabs and U+00A0 made spaces;
 *   3. a prefix on it (quote, comment, bullet, line number, log stamp) is
 *      removed only when the lines of a block share it: the first line
 *      that carries one is held, with the lines after it, until either a
 *      line without it ends the run or 8 non-blank lines are held (bounded
 *      look-ahead, at most 64 KiB).  A run of at least 3 lines of which at
 *      least 2 are boxes, titles, fields or footers once the prefix is off
 *      loses the prefix, and so do the lines after it that carry it; any
 *      other run is handed over untouched, so one quoted line among plain
 *      ones stays as it is.
 *
 * Last, each line loses a code fence glued to its start or end and `**`
 * or a backtick around it, and a line that is still `other` but starts
 * with a KNOWN key followed by two or more spaces becomes `Key : Value`.
 * Every line is handed over with the bits of the repairs it got; the
 * parser counts them per capture and writes one note per kind.  Nothing is
 * invented: a repaired line that is no field stays `other` and goes to
 * `unparsed` as the parser finds it.
 */
#include "repair.h"

#include <string.h>

#include "ascii.h"
#include "tokenize.h"
#include "utf8.h"

enum {
  P_NONE = 0,
  P_QUOTE,  /* > text, >> text, > > text */
  P_HASH,   /* # text */
  P_SLASH,  /* // text */
  P_REM,    /* REM text */
  P_DASH,   /* - text */
  P_STAR,   /* * text */
  P_NUMCOL, /* 12: text */
  P_NUMBAR, /* 12 | text */
  P_STAMP,  /* 2025-03-09 11:00:01 text, 2025-03-09T11:00:01Z text */
  P_CLOCK,  /* [11:00:01] text, [2025-03-09 11:00:01] text */
  P_COUNT
};

static const char *const PREFIX_NAME[P_COUNT] = {
    "",
    "'> ' quote",
    "'# ' comment",
    "'// ' comment",
    "'REM ' comment",
    "'- ' bullet",
    "'* ' bullet",
    "line-number ('12: ')",
    "line-number ('12 | ')",
    "timestamp",
    "'[hh:mm:ss] ' timestamp",
};

static const char *const QUOTE_NAME[] = {"'> ' quote", "'> ' quote",
                                         "'>> ' quote", "'>>> ' quote"};

static const char *prefix_name(const dsreg_prefix *p) {
  if (p->cls == P_QUOTE)
    return QUOTE_NAME[p->lit < 4 ? p->lit : 3];
  return PREFIX_NAME[p->cls];
}

static size_t digits(const char *s, size_t n, size_t at) {
  size_t i = at;
  while (i < n && dsreg_ascii_is_digit((unsigned char)s[i]))
    i++;
  return i - at;
}

static int blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ')
      return 0;
  return 1;
}

/* "hh:mm:ss" with an optional fraction at s+at; its end, or 0. */
static size_t clock_end(const char *s, size_t n, size_t at) {
  if (n - at < 8 || digits(s, n, at) != 2 || s[at + 2] != ':' ||
      digits(s, n, at + 3) != 2 || s[at + 5] != ':' ||
      digits(s, n, at + 6) != 2)
    return 0;
  size_t i = at + 8;
  if (i < n && (s[i] == '.' || s[i] == ',') && digits(s, n, i + 1))
    i += 1 + digits(s, n, i + 1);
  return i;
}

/* "YYYY-MM-DD" + ' ' or 'T' + clock at s+at; its end, or 0. */
static size_t stamp_end(const char *s, size_t n, size_t at) {
  if (n - at < 19 || digits(s, n, at) != 4 || s[at + 4] != '-' ||
      digits(s, n, at + 5) != 2 || s[at + 7] != '-' ||
      digits(s, n, at + 8) != 2 || (s[at + 10] != ' ' && s[at + 10] != 'T'))
    return 0;
  size_t i = clock_end(s, n, at + 11);
  if (!i)
    return 0;
  if (i < n && s[i] == 'Z')
    i++;
  else if (i + 6 <= n && (s[i] == '+' || s[i] == '-') &&
           digits(s, n, i + 1) == 2 && s[i + 3] == ':' &&
           digits(s, n, i + 4) == 2)
    i += 6;
  return i;
}

/* The prefix `s` starts with: its class and length, one space after it
 * included.  A prefix must be followed by a space or end the line. */
static void match_prefix(const char *s, size_t n, dsreg_prefix *p) {
  size_t i = 0, end = 0;
  memset(p, 0, sizeof *p);
  if (!n)
    return;
  switch (s[0]) {
  case '>':
    while (i < n &&
           (s[i] == '>' || (s[i] == ' ' && i + 1 < n && s[i + 1] == '>'))) {
      p->lit += s[i] == '>';
      i++;
    }
    p->cls = P_QUOTE;
    end = i;
    break;
  case '#':
    p->cls = P_HASH;
    end = 1;
    break;
  case '/':
    if (n >= 2 && s[1] == '/') {
      p->cls = P_SLASH;
      end = 2;
    }
    break;
  case 'R':
  case 'r':
    if (n >= 3 && (s[1] | 0x20) == 'e' && (s[2] | 0x20) == 'm') {
      p->cls = P_REM;
      end = 3;
    }
    break;
  case '-':
    p->cls = P_DASH;
    end = 1;
    break;
  case '*':
    p->cls = P_STAR;
    end = 1;
    break;
  case '[':
    end = clock_end(s, n, 1);
    if (!end)
      end = stamp_end(s, n, 1);
    if (end && end < n && s[end] == ']') {
      p->cls = P_CLOCK;
      end++;
    } else {
      end = 0;
    }
    break;
  default:
    while (i < n && i < 6 && s[i] == ' ')
      i++;
    if (i < n && dsreg_ascii_is_digit((unsigned char)s[i])) {
      if (i == 0 && (end = stamp_end(s, n, 0)) != 0) {
        p->cls = P_STAMP;
        break;
      }
      size_t d = digits(s, n, i);
      if (d > 7)
        break;
      i += d;
      if (i < n && s[i] == ':') {
        p->cls = P_NUMCOL;
        end = i + 1;
        break;
      }
      while (i < n && s[i] == ' ')
        i++;
      if (i < n && s[i] == '|') {
        p->cls = P_NUMBAR;
        end = i + 1;
      }
    }
    break;
  }
  if (!p->cls)
    return;
  if (end < n && s[end] != ' ') {
    p->cls = P_NONE;
    return;
  }
  p->len = end < n ? end + 1 : end;
}

static int same_prefix(const dsreg_prefix *a, const dsreg_prefix *b) {
  return a->cls == b->cls && (a->cls != P_QUOTE || a->lit == b->lit);
}

/* ---- step 2: entities, tags, tabs, no-break spaces ---------------------- */

/* The entity at s (s[0] == '&'): its length, its text in `out` (at most 4
 * bytes; never longer than the entity), or 0. */
static size_t entity(const char *s, size_t n, char *out, size_t *outn) {
  static const struct {
    const char *name;
    char c;
  } NAMED[] = {{"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},
               {"&quot;", '"'}, {"&apos;", '\''}, {"&nbsp;", ' '}};
  for (size_t k = 0; k < sizeof NAMED / sizeof NAMED[0]; k++) {
    size_t len = strlen(NAMED[k].name);
    if (n >= len && memcmp(s, NAMED[k].name, len) == 0) {
      out[0] = NAMED[k].c;
      *outn = 1;
      return len;
    }
  }
  if (n < 4 || s[1] != '#')
    return 0;
  size_t i = 2;
  int hex = i < n && (s[i] | 0x20) == 'x';
  i += (size_t)hex;
  unsigned long cp = 0;
  size_t start = i;
  for (; i < n && i - start < 8; i++) {
    unsigned char c = (unsigned char)s[i];
    unsigned v;
    if (dsreg_ascii_is_digit(c))
      v = c - '0';
    else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
      v = (c | 0x20) - 'a' + 10u;
    else
      break;
    cp = cp * (hex ? 16u : 10u) + v;
  }
  if (i == start || i >= n || s[i] != ';' || cp == 0 || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  if (cp == 0xA0)
    cp = ' ';
  *outn = dsreg_utf8_put(out, (uint32_t)cp);
  return i + 1;
}

/* A <p>, <pre>, <code> tag or its end tag at s: its length, or 0. */
static size_t tag(const char *s, size_t n) {
  static const char *const TAGS[] = {"p>", "pre>", "code>"};
  size_t i = 1;
  if (i < n && s[i] == '/')
    i++;
  for (size_t k = 0; k < 3; k++) {
    size_t len = strlen(TAGS[k]);
    if (n - i < len)
      continue;
    size_t j = 0;
    while (j < len && (s[i + j] | 0x20) == TAGS[k][j])
      j++;
    if (j == len)
      return i + len;
  }
  return 0;
}

enum { SP_NBSP = 1, SP_COLON = 2, SP_ALL = 4 };

/* Tabs and U+00A0 to spaces, in place (the line never grows), from `tmp`.
 * SP_NBSP: U+00A0, and tabs in the indentation, which go to the next
 * multiple of 8 as in a console so that the line keeps its width (§6);
 * SP_COLON: also tabs next to a colon; SP_ALL: every tab, as one space. */
static size_t spaces(char *o, size_t n, char *tmp, int how, unsigned *bits) {
  size_t w = 0, i = 0;
  int lead = 1; /* only spaces written so far */
  memcpy(tmp, o, n);
  while (i < n) {
    unsigned char c = (unsigned char)tmp[i];
    int nbsp = c == 0xC2 && i + 1 < n && tmp[i + 1] == '\xA0';
    int tab =
        c == '\t' && (lead || (how & SP_ALL) ||
                      ((how & SP_COLON) && ((i > 0 && tmp[i - 1] == ':') ||
                                            (i + 1 < n && tmp[i + 1] == ':'))));
    if (nbsp || tab) {
      size_t to = w + 1;
      if (lead && tab) {
        to = (w / 8 + 1) * 8;
        if (to - w > n - i)
          to = w + 1;
      }
      while (w < to)
        o[w++] = ' ';
      i += tab ? 1 : 2;
      *bits |= DSREG_REPAIRED(DSREG_REPAIR_SPACE);
      continue;
    }
    lead = lead && c == ' ';
    o[w++] = (char)c;
    i++;
  }
  return w;
}

/* The line needs its tabs or no-break spaces read as spaces to be one of
 * dsregcmd's: it is `other`, a title of no known section, or a `Key:`
 * line whose colon has a tab next to it. */
static int needs_spaces(const char *s, size_t n) {
  dsreg_token t;
  dsreg_tokenize(s, n, &t);
  if (t.kind == DSREG_LINE_OTHER)
    return 1;
  if (t.kind == DSREG_LINE_TITLE)
    return dsreg_section_kind_of(t.text, t.text_len, NULL) ==
           DSREG_SECTION_UNKNOWN;
  if (t.kind == DSREG_LINE_FIELD && t.old_layout) {
    const char *c = t.text + t.text_len;
    const char *e = s + n;
    while (c < e && *c != ':')
      c++;
    return (c > s && c[-1] == '\t') || (c + 1 < e && c[1] == '\t') ||
           memchr(s, '\t', (size_t)(c - s)) != NULL;
  }
  return 0;
}

/* Step 2 into r->norm: entities and tags. */
static size_t normalise(dsreg_repair *r, const char *s, size_t n,
                        unsigned *bits) {
  char *o = r->norm;
  size_t w = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    size_t k, m;
    char tmp[4];
    if (c == '&' && (k = entity(s + i, n - i, tmp, &m)) != 0) {
      memcpy(o + w, tmp, m);
      w += m;
      i += k;
      *bits |= DSREG_REPAIRED(DSREG_REPAIR_ENTITY);
      continue;
    }
    if (c == '<' && (k = tag(s + i, n - i)) != 0) {
      i += k;
      *bits |= DSREG_REPAIRED(DSREG_REPAIR_TAG);
      continue;
    }
    o[w++] = (char)c;
    i++;
  }
  return w;
}

/* ---- the last step: fences, emphasis, spaces, the gap ------------------ */

/* What follows ``` on a fence line of its own: blank or one word. */
static int info_string(const char *s, size_t n) {
  size_t m = n;
  while (m && s[m - 1] == ' ')
    m--;
  for (size_t i = 0; i < m; i++)
    if (!dsreg_ascii_is_alnum((unsigned char)s[i]) && s[i] != '-' &&
        s[i] != '_' && s[i] != '+')
      return 0;
  return 1;
}

/* `AzureAdJoined   YES`: two or more spaces after a known key; also when
 * a colon later in the value made it look like an old `Key: value`. */
static const char *gap(dsreg_repair *r, const char *out, size_t *np,
                       unsigned *bits) {
  dsreg_token t;
  size_t n = *np;
  dsreg_tokenize(out, n, &t);
  if ((t.kind == DSREG_LINE_OTHER ||
       (t.kind == DSREG_LINE_FIELD && t.old_layout)) &&
      r->ix) {
    const char *k = t.text;
    size_t tn = t.text_len, j = 0;
    while (j + 1 < tn && !(k[j] == ' ' && k[j + 1] == ' ') && k[j] != ':')
      j++;
    if (j + 1 < tn && k[j] == ' ' && j > 0 &&
        dsreg_field_index_find(r->ix, k, j, DSREG_SECTION_UNKNOWN) >= 0) {
      size_t e = j;
      while (e < tn && k[e] == ' ')
        e++;
      size_t koff = (size_t)(k - out);
      if (out != r->fin)
        memmove(r->fin, out, n);
      char *f = r->fin;
      /* key, " : ", the rest: the run of spaces becomes the separator */
      memmove(f + koff + j + 3, f + koff + e, n - (koff + e));
      f[koff + j] = ' '; /* no NUL here: the line goes on */
      f[koff + j + 1] = ':';
      f[koff + j + 2] = ' ';
      n = n - (e - j) + 3;
      out = r->fin;
      *bits |= DSREG_REPAIRED(DSREG_REPAIR_GAP);
    }
  }
  *np = n;
  return out;
}

/* Rewrites s into r->fin when needed; the text to tokenize. */
static const char *finish(dsreg_repair *r, const char *s, size_t *np,
                          unsigned *bits) {
  size_t n = *np;
  size_t cut_front = 0;
  /* A fence glued to the start of a line ("```+-----+"); "```text" alone is
   * a fence with an info string, and stays one. */
  if (n > 3 && memcmp(s, "```", 3) == 0 && !info_string(s + 3, n - 3)) {
    cut_front = 3;
    *bits |= DSREG_REPAIRED(DSREG_REPAIR_FENCE);
  }
  size_t i = cut_front;
  while (i < n && s[i] == ' ')
    i++;
  size_t lead = i;
  size_t m = n;
  while (m > lead && s[m - 1] == ' ')
    m--;
  if (m - lead > 3 && memcmp(s + m - 3, "```", 3) == 0) {
    m -= 3;
    while (m > lead && s[m - 1] == ' ')
      m--;
    *bits |= DSREG_REPAIRED(DSREG_REPAIR_FENCE);
  }
  size_t b = lead;
  if (m - b >= 5 && memcmp(s + b, "**", 2) == 0 &&
      memcmp(s + m - 2, "**", 2) == 0) {
    b += 2;
    m -= 2;
    *bits |= DSREG_REPAIRED(DSREG_REPAIR_EMPHASIS);
  } else if (m - b >= 3 && s[b] == '`' && s[m - 1] == '`' && s[b + 1] != '`') {
    b += 1;
    m -= 1;
    *bits |= DSREG_REPAIRED(DSREG_REPAIR_EMPHASIS);
  }
  const char *out = s;
  if (cut_front || b != lead || m != n) {
    /* indentation, then the text between the marks */
    size_t ind = lead - cut_front;
    memmove(r->fin, s + cut_front, ind);
    memmove(r->fin + ind, s + b, m - b);
    n = ind + (m - b);
    out = r->fin;
  }
  /* A tab or no-break space inside a line that is a field or a title as it
   * stands is part of its value, and stays: each step is taken only while
   * the line is none, the gap before any tab that is not indentation. */
  static const int HOW[] = {SP_NBSP, 0, SP_COLON, SP_ALL, 0};
  int has_spaces = memchr(out, '\t', n) || memchr(out, 0xC2, n);
  for (size_t h = 0; h < sizeof HOW / sizeof HOW[0]; h++) {
    if (!HOW[h]) {
      out = gap(r, out, &n, bits);
      continue;
    }
    if (!has_spaces || !needs_spaces(out, n))
      continue;
    if (out != r->sp) {
      memcpy(r->sp, out, n);
      out = r->sp;
    }
    n = spaces(r->sp, n, r->fin, HOW[h], bits);
  }
  *np = n;
  return out;
}

static int emit(dsreg_repair *r, unsigned long line, const char *s, size_t n,
                size_t over, unsigned bits) {
  const char *t = finish(r, s, &n, &bits);
  return r->fn(r->ctx, line, t, n, over, bits,
               (bits & DSREG_REPAIRED(DSREG_REPAIR_PREFIX))
                   ? prefix_name(&r->cur)
                   : NULL);
}

/* What follows the prefix is a line of dsregcmd's own. */
static int structural(dsreg_repair *r, const char *s, size_t n) {
  unsigned bits = 0;
  const char *t = finish(r, s, &n, &bits);
  dsreg_token tok;
  dsreg_tokenize(t, n, &tok);
  return tok.kind == DSREG_LINE_RULE || tok.kind == DSREG_LINE_TITLE ||
         tok.kind == DSREG_LINE_FIELD || tok.kind == DSREG_LINE_FOOTER;
}

/* ---- step 3: prefixes --------------------------------------------------- */

/* Hands the held lines over, without their prefix when the run is a
 * block; *accepted says which. */
static int release(dsreg_repair *r, int *accepted) {
  int rc = 0, accept = 1;
  size_t nstruct = 0;
  for (size_t i = 0; i < r->nheld; i++)
    nstruct += (size_t)r->held[i].pre.structural;
  if (r->nlines < 3 || nstruct < 2)
    accept = 0;
  for (size_t i = 0; i < r->nheld && !rc; i++) {
    const dsreg_held *h = &r->held[i];
    const char *s = r->hold + h->off;
    if (accept && h->pre.cls)
      rc = emit(r, h->line, s + h->pre.len, h->len - h->pre.len, h->over,
                h->repairs | DSREG_REPAIRED(DSREG_REPAIR_PREFIX));
    else
      rc = emit(r, h->line, s, h->len, h->over, h->repairs);
  }
  r->nheld = r->nlines = r->held_bytes = 0;
  *accepted = accept;
  return rc;
}

static void hold(dsreg_repair *r, unsigned long line, const char *s, size_t n,
                 size_t over, unsigned bits, const dsreg_prefix *pre) {
  dsreg_held *h = &r->held[r->nheld++];
  h->line = line;
  h->off = r->held_bytes;
  h->len = n;
  h->over = over;
  h->repairs = bits;
  h->pre = *pre;
  memcpy(r->hold + r->held_bytes, s, n);
  r->held_bytes += n;
}

static int stage(dsreg_repair *r, unsigned long line, const char *s, size_t n,
                 size_t over, unsigned bits) {
  dsreg_prefix pre;
  int empty = blank(s, n);
  if (empty)
    memset(&pre, 0, sizeof pre);
  else
    match_prefix(s, n, &pre);
  if (r->mode) {
    if (empty)
      return emit(r, line, s, n, over, bits);
    if (pre.cls && same_prefix(&pre, &r->cur))
      return emit(r, line, s + pre.len, n - pre.len, over,
                  bits | DSREG_REPAIRED(DSREG_REPAIR_PREFIX));
    r->mode = 0; /* the block ended */
  }
  if (r->nheld) {
    int accepted, rc;
    if (!empty && !(pre.cls && same_prefix(&pre, &r->cur))) {
      rc = release(r, &accepted); /* the run ended: not a block after it */
      if (rc)
        return rc;
    } else if (r->nheld == sizeof r->held / sizeof r->held[0] ||
               r->held_bytes + n > sizeof r->hold) {
      rc = release(r, &accepted);
      if (rc)
        return rc;
      r->mode = accepted;
      return stage(r, line, s, n, over, bits);
    } else {
      if (!empty) {
        pre.structural = structural(r, s + pre.len, n - pre.len);
        r->nlines++;
      }
      hold(r, line, s, n, over, bits, &pre);
      if (r->nlines < DSREG_REPAIR_HOLD_LINES)
        return 0;
      rc = release(r, &accepted);
      r->mode = accepted;
      return rc;
    }
  }
  if (pre.cls && !blank(s + pre.len, n - pre.len) && n <= sizeof r->hold &&
      (pre.structural = structural(r, s + pre.len, n - pre.len)) != 0) {
    r->cur = pre;
    r->nlines = 1;
    hold(r, line, s, n, over, bits, &pre);
    return 0;
  }
  return emit(r, line, s, n, over, bits);
}

/* ---- public ------------------------------------------------------------- */

static size_t br(const char *s, size_t n);

int dsreg_repair_wanted(const char *s, size_t n) {
  /* Bytes that start a prefix, and bytes of markup or odd white space. */
  static const unsigned char START[256] = {
      ['>'] = 1, ['#'] = 1, ['/'] = 1, ['R'] = 1,  ['r'] = 1, ['-'] = 1,
      ['*'] = 1, ['['] = 1, ['0'] = 1, ['1'] = 1,  ['2'] = 1, ['3'] = 1,
      ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,  ['8'] = 1, ['9'] = 1,
      ['`'] = 1, ['<'] = 1, ['&'] = 1, ['\t'] = 1, [0xC2] = 1};
  static const unsigned char ANY[256] = {
      ['&'] = 1, ['<'] = 1, ['\t'] = 1, [0xC2] = 1, ['`'] = 1, ['*'] = 1};
  if (!n)
    return 0;
  if (START[(unsigned char)s[0]])
    return 1;
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  if (i < n && dsreg_ascii_is_digit((unsigned char)s[i]))
    return 1; /* "  12 | text" */
  for (; i < n; i++) {
    if (ANY[(unsigned char)s[i]])
      return 1;
    if (s[i] == ' ' && i + 1 < n && s[i + 1] == ' ')
      return 1; /* perhaps `Key   Value` */
  }
  return 0;
}

int dsreg_repair_markup(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char tmp[4];
    size_t m;
    if (s[i] == '&' && entity(s + i, n - i, tmp, &m))
      return 1;
    if (s[i] == '<' && (br(s + i, n - i) || tag(s + i, n - i)))
      return 1;
  }
  return 0;
}

void dsreg_repair_init(dsreg_repair *r, const dsreg_field_index *ix,
                       dsreg_repaired_fn fn, void *ctx) {
  r->fn = fn;
  r->ctx = ctx;
  r->ix = ix;
  dsreg_repair_reset(r);
}

void dsreg_repair_reset(dsreg_repair *r) {
  r->mode = 0;
  r->nheld = r->nlines = r->held_bytes = 0;
  memset(&r->cur, 0, sizeof r->cur);
}

/* "<br>", "<br/>", "<br />" at s: its length, or 0. */
static size_t br(const char *s, size_t n) {
  if (n < 4 || (s[1] | 0x20) != 'b' || (s[2] | 0x20) != 'r')
    return 0;
  size_t i = 3;
  while (i < n && s[i] == ' ')
    i++;
  if (i < n && s[i] == '/')
    i++;
  return i < n && s[i] == '>' ? i + 1 : 0;
}

static int segment(dsreg_repair *r, unsigned long line, const char *s, size_t n,
                   size_t over, unsigned bits) {
  size_t m = normalise(r, s, n, &bits);
  return stage(r, line, r->norm, m, over, bits);
}

int dsreg_repair_line(dsreg_repair *r, unsigned long line, const char *s,
                      size_t n, size_t over) {
  unsigned split = 0;
  const char *lt = memchr(s, '<', n);
  while (lt) {
    size_t at = (size_t)(lt - s), k = br(lt, n - at);
    if (!k) {
      lt = memchr(lt + 1, '<', n - at - 1);
      continue;
    }
    int rc = segment(r, line, s, at, 0, 0);
    if (rc)
      return rc;
    s += at + k;
    n -= at + k;
    split = DSREG_REPAIRED(DSREG_REPAIR_BR); /* said once, on the last piece */
    lt = memchr(s, '<', n);
  }
  return segment(r, line, s, n, over, split);
}

int dsreg_repair_finish(dsreg_repair *r) {
  int accepted, rc = r->nheld ? release(r, &accepted) : 0;
  r->mode = 0;
  return rc;
}

/* ---- which lines need the stage --------------------------------------- */

/* Two spaces in a row. */
static int two_spaces(const char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++)
    if (s[i] == ' ' && s[i + 1] == ' ')
      return 1;
  return 0;
}

/* Bytes a repair looks at in a title. */
static const unsigned char ODD[256] = {
    ['`'] = 1, ['<'] = 1, ['&'] = 1, ['\t'] = 1, [0xC2] = 1};

static int odd_title(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (ODD[(unsigned char)s[i]])
      return 1;
  return 0;
}

int dsreg_repair_damaged_slow(const dsreg_token *t, const char *s, size_t n,
                              int seen_markup) {
  switch (t->kind) {
  case DSREG_LINE_OTHER:
    return dsreg_repair_wanted(s, n);
  case DSREG_LINE_FENCE:
    /* "```" alone, or with one word after it, is a fence line. */
    return !info_string(t->text + 3, t->text_len - 3);
  case DSREG_LINE_TITLE:
    return odd_title(t->text, t->text_len);
  case DSREG_LINE_FIELD: /* only the old layout comes here */
    return memchr(s, '\t', n) || two_spaces(t->text, t->text_len) ||
           dsreg_repair_field_damaged(t, seen_markup);
  case DSREG_LINE_PROMPT:
  case DSREG_LINE_PROGRESS:
  case DSREG_LINE_FOOTER:
    return seen_markup && dsreg_repair_markup(t->text, t->text_len);
  default:
    return 0;
  }
}

/* Is `c` in s[0..n) the start of markup?  One near the end of a span may
 * be markup cut in two, and counts. */
static int markup_at(const char *s, size_t n, char c) {
  for (const char *at = s; (at = memchr(at, c, (size_t)(s + n - at))) != NULL;
       at++) {
    size_t left = (size_t)(s + n - at);
    if (left < 16 || dsreg_repair_markup(at, 16))
      return 1;
  }
  return 0;
}

int dsreg_repair_text_markup(const char *s, size_t n) {
  return markup_at(s, n, '<') || markup_at(s, n, '&');
}
