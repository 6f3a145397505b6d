/*
 * decode.c - encoding detection and conversion to UTF-8.
 *
 * Captures reach us as UTF-16LE with a BOM (Windows PowerShell 5.1 `>` and
 * Out-File, Microsoft's log collectors), UTF-8 with or without a BOM, and
 * now and then BOM-less UTF-16 (docs/format.md §1, Bytes and encodings).  The
 * UTF-8 path is the hot one: valid runs are handed to the sink in place, eight
 * bytes at a time while they are plain ASCII.
 *
 * `dsregcmd /status > file.txt` in cmd writes the console's OEM code page,
 * so an accented tenant or device name may come as bytes that are not
 * UTF-8.  When the first bad sequence comes before any valid multi-byte
 * one, the decoder holds the next DSREG_LOOKAHEAD_BYTES bytes, guesses the
 * page from them (dsreg_guess_codepage) and decodes the rest of the stream
 * in it.  What was handed on before was ASCII, the same in every page, so
 * nothing already emitted changes.
 */
#include "decode.h"

#include <string.h>

#include "ascii.h"
#include "codepages.h"
#include "swar.h"
#include "utf8.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

void dsreg_decoder_init(dsreg_decoder *d) {
  memset(d, 0, offsetof(dsreg_decoder, out));
  d->out_len = 0;
}

void dsreg_decoder_force(dsreg_decoder *d, dsreg_encoding enc) {
  d->forced = enc;
}

/* Detection may still switch this stream to a code page. */
static int may_fall_back(const dsreg_decoder *d) {
  return d->enc == DSREG_ENCODING_UTF8 && d->forced == DSREG_ENCODING_UNKNOWN &&
         !d->la_done && d->multibyte == 0;
}

static int is_c0_text(unsigned char b) {
  return b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f' ||
         b == 0x1A; /* the DOS end-of-file mark */
}

/* A letter of the page weighs 2, an upper-case one right after a
 * lower-case ASCII letter 1 (rare in names), a byte the page leaves
 * undefined -8.  "Andr\xE9s" is é in cp1252 and Ú in cp850; "M\x81ller" is
 * ü in cp850 and undefined in cp1252. */
static int page_score(const dsreg_codepage *cp, unsigned char prev,
                      const unsigned char *s, size_t n) {
  int score = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < 0x80)
      continue;
    unsigned c = cp->letter[s[i] - 0x80];
    if (cp->to_unicode[s[i] - 0x80] == 0xFFFD)
      score -= 8;
    else if (c == DSREG_CP_UPPER && (i > 0 ? s[i - 1] : prev) >= 'a' &&
             (i > 0 ? s[i - 1] : prev) <= 'z')
      score += 1;
    else if (c != DSREG_CP_OTHER)
      score += 2;
  }
  return score;
}

/* An accented letter of a single-byte page is one byte inside a word
 * ("M\x81ller"); broken or overlong UTF-8 comes in runs of two or more
 * ("a\xC0\xAFb").  True when most runs of bytes above 0x7F in s[0..n)
 * are single bytes next to an ASCII letter. */
static int letters_in_words(unsigned char prev, const unsigned char *s,
                            size_t n) {
  size_t runs = 0, in_words = 0;
  for (size_t i = 0; i < n;) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && s[j] >= 0x80)
      j++;
    runs++;
    unsigned char before = i > 0 ? s[i - 1] : prev;
    in_words += j == i + 1 && (dsreg_ascii_is_alpha(before) ||
                               (j < n && dsreg_ascii_is_alpha(s[j])));
    i = j;
  }
  return in_words * 2 > runs;
}

dsreg_encoding dsreg_guess_codepage(unsigned char prev, const unsigned char *s,
                                    size_t n) {
  size_t ctl = 0, high = 0, valid_mb = 0, invalid = 0;
  for (size_t i = 0; i < n;) {
    unsigned char b = s[i];
    if (b == 0)
      return DSREG_ENCODING_UNKNOWN; /* binary, or UTF-16 missed */
    if (b < 0x80) {
      ctl += b < 0x20 && !is_c0_text(b);
      i++;
      continue;
    }
    size_t k = dsreg_utf8_valid_len(s + i, n - i);
    if (k > 1) {
      valid_mb++;
      high += k;
      i += k;
    } else {
      invalid++;
      high++;
      i++;
    }
  }
  /* Text has few control characters and, even in French or German, far
   * fewer accented letters than ASCII; random bytes have both. */
  if (ctl * 100 > n || (high > 8 && high * 10 > n * 3))
    return DSREG_ENCODING_UNKNOWN;
  if (valid_mb >= invalid || !letters_in_words(prev, s, n))
    return DSREG_ENCODING_UNKNOWN; /* UTF-8 with a stray byte or two */
  /* cmd writes the OEM page, so cp850 wins a tie; cp437 is never guessed:
   * its accented letters are cp850's, and --encoding chooses it. */
  int oem = page_score(dsreg_codepage_get(DSREG_ENCODING_CP850), prev, s, n);
  int ansi = page_score(dsreg_codepage_get(DSREG_ENCODING_CP1252), prev, s, n);
  return ansi > oem ? DSREG_ENCODING_CP1252 : DSREG_ENCODING_CP850;
}

static int emit_replacement(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx) {
  d->replacements++;
  return sink(ctx, REPLACEMENT, 3);
}

static int start_lookahead(dsreg_decoder *d, const unsigned char *buf,
                           size_t len, dsreg_sink_fn sink, void *ctx);

static int feed_utf8(dsreg_decoder *d, const unsigned char *buf, size_t len,
                     dsreg_sink_fn sink, void *ctx) {
  size_t i = 0;
  int rc;

  /* Finish a sequence cut by the previous chunk. */
  if (d->pend_len > 0) {
    size_t need = dsreg_utf8_lead_len(d->pend[0]);
    while (d->pend_len < need && i < len) {
      if (!dsreg_utf8_cont_ok(d->pend[0], d->pend_len, buf[i]))
        break;
      d->pend[d->pend_len++] = buf[i++];
    }
    if (d->pend_len == need) {
      d->pend_len = 0;
      d->multibyte++;
      if ((rc = sink(ctx, (const char *)d->pend, need)) != 0)
        return rc;
    } else if (i == len) {
      return 0; /* still incomplete: wait for more */
    } else if (may_fall_back(d)) {
      /* The window starts at the bad sequence's first byte, whichever
       * chunk it came in. */
      memcpy(d->la, d->pend, d->pend_len);
      d->la_len = d->pend_len;
      d->la_prev = d->pend_prev;
      d->pend_len = 0;
      d->la_active = 1;
      return start_lookahead(d, buf + i, len - i, sink, ctx);
    } else {
      d->pend_len = 0;
      if ((rc = emit_replacement(d, sink, ctx)) != 0)
        return rc;
    }
  }

  size_t start = i;
  while (i < len) {
    while (i + 32 <= len && dsreg_swar_ascii32(buf + i))
      i += 32;
    while (i + 8 <= len && dsreg_swar_ascii8(buf + i))
      i += 8;
    if (i >= len)
      break;
    unsigned char b = buf[i];
    if (b != 0 && b < 0x80) {
      i++;
      continue;
    }
    size_t n = b ? dsreg_utf8_lead_len(b) : 0;
    size_t k = 1;
    if (n) {
      while (k < n && i + k < len && dsreg_utf8_cont_ok(b, k, buf[i + k]))
        k++;
      if (k == n) {
        /* The text before goes on first, so that the count says exactly
         * which lines hold a non-ASCII character, however the input is
         * cut (the parser looks for mojibake only in those captures). */
        if (i > start && (rc = sink(ctx, (const char *)buf + start, i - start)))
          return rc;
        start = i;
        d->multibyte++;
        i += n;
        continue;
      }
    }
    if (i > start && (rc = sink(ctx, (const char *)buf + start, i - start)))
      return rc;
    if (n && i + k == len) {
      /* Cut by the end of the chunk: keep the valid prefix for later. */
      memcpy(d->pend, buf + i, k);
      d->pend_len = k;
      d->pend_prev = i > 0 ? buf[i - 1] : d->last;
      return 0;
    }
    if (may_fall_back(d)) {
      d->la_active = 1;
      d->la_len = 0;
      d->la_prev = i > 0 ? buf[i - 1] : d->last;
      return start_lookahead(d, buf + i, len - i, sink, ctx);
    }
    /* One U+FFFD for the maximal invalid subpart, as WHATWG decoders do. */
    if ((rc = emit_replacement(d, sink, ctx)) != 0)
      return rc;
    i += k;
    start = i;
  }
  if (i > start)
    return sink(ctx, (const char *)buf + start, i - start);
  return 0;
}

static int flush_out(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx) {
  int rc = 0;
  if (d->out_len) {
    rc = sink(ctx, d->out, d->out_len);
    d->out_len = 0;
  }
  return rc;
}

static void put_cp(dsreg_decoder *d, uint32_t cp) {
  d->out_len += dsreg_utf8_put(d->out + d->out_len, cp);
}

static int flush_out(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx);

/* A single-byte page: ASCII runs are handed on in place, each other byte
 * as its code point; NUL and bytes the page leaves undefined are U+FFFD. */
static int feed_single(dsreg_decoder *d, const unsigned char *buf, size_t len,
                       dsreg_sink_fn sink, void *ctx) {
  const dsreg_codepage *cp = d->page;
  size_t i = 0, start = 0;
  int rc;
  while (i < len) {
    unsigned char b = buf[i];
    if (b != 0 && b < 0x80) {
      i++;
      continue;
    }
    if (i > start && (rc = sink(ctx, (const char *)buf + start, i - start)))
      return rc;
    uint32_t c = b ? cp->to_unicode[b - 0x80] : 0xFFFD;
    if (c == 0xFFFD) {
      rc = emit_replacement(d, sink, ctx);
    } else {
      d->multibyte++;
      d->out_len = 0;
      put_cp(d, c);
      rc = sink(ctx, d->out, d->out_len);
      d->out_len = 0;
    }
    if (rc)
      return rc;
    start = ++i;
  }
  if (i > start)
    return sink(ctx, (const char *)buf + start, i - start);
  return 0;
}

/* The text before a replacement is handed on first, so that the count
 * moves in step with the lines it belongs to, however the input is cut. */
static int put_replacement(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx) {
  int rc = flush_out(d, sink, ctx);
  d->replacements++;
  put_cp(d, 0xFFFD);
  return rc;
}

static int utf16_unit(dsreg_decoder *d, uint32_t u, dsreg_sink_fn sink,
                      void *ctx) {
  int rc = 0;
  if (u < 0x80 && u != 0 && !d->high) {
    d->out[d->out_len++] = (char)u; /* the common case */
    return 0;
  }
  if (d->high) {
    if (u >= 0xDC00 && u <= 0xDFFF) {
      rc = flush_out(d, sink, ctx); /* see feed_utf8 */
      d->multibyte++;
      put_cp(d, 0x10000 + ((d->high - 0xD800) << 10) + (u - 0xDC00));
      d->high = 0;
      return rc;
    }
    d->high = 0;
    rc = put_replacement(d, sink, ctx); /* a high surrogate alone */
  }
  if (u >= 0xD800 && u <= 0xDBFF)
    d->high = u;
  else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0)
    rc = rc ? rc : put_replacement(d, sink, ctx);
  else {
    if (u >= 0x80) {
      if (!rc) /* see feed_utf8 */
        rc = flush_out(d, sink, ctx);
      d->multibyte++;
    }
    put_cp(d, u);
  }
  return rc;
}

static int feed_utf16(dsreg_decoder *d, const unsigned char *buf, size_t len,
                      dsreg_sink_fn sink, void *ctx) {
  int be =
      d->enc == DSREG_ENCODING_UTF16BE || d->enc == DSREG_ENCODING_UTF16BE_BOM;
  size_t i = 0;
  int rc;
  if (d->pend_len == 1 && len > 0) {
    unsigned a = d->pend[0], b = buf[0];
    d->pend_len = 0;
    i = 1;
    if ((rc = utf16_unit(d, be ? (a << 8 | b) : (b << 8 | a), sink, ctx)))
      return rc;
  }
  /* The byte of each unit that is zero in ASCII, and the one that is not. */
  const size_t hi = be ? 0 : 1;
  for (; i + 1 < len; i += 2) {
    /* Text that dsregcmd prints is ASCII: four units at a time while each
     * is U+0001..U+007F and no surrogate is pending. */
    while (!d->high) {
      size_t room = (DSREG_DECODE_OUT - d->out_len) / 4, avail = (len - i) / 8;
      size_t want = room < avail ? room : avail, k = 0;
      char *o = d->out + d->out_len;
      if (!be)
        while (k + 2 <= want &&
               dsreg_swar_utf16le_ascii8(buf + i + 8 * k, o + 4 * k))
          k += 2;
      while (k < want &&
             dsreg_swar_utf16_ascii4(buf + i + 8 * k, hi, o + 4 * k))
        k++;
      d->out_len += 4 * k;
      i += 8 * k;
      if (k < want || want == avail)
        break; /* a unit that is not ASCII, or the end of the input */
      if ((rc = flush_out(d, sink, ctx)) != 0)
        return rc; /* the buffer is full: hand it on and go on */
    }
    if (i + 1 >= len)
      break;
    unsigned a = buf[i], b = buf[i + 1];
    if ((rc = utf16_unit(d, be ? (a << 8 | b) : (b << 8 | a), sink, ctx)))
      return rc;
    if (d->out_len >= DSREG_DECODE_OUT && (rc = flush_out(d, sink, ctx)))
      return rc;
  }
  if (i < len) {
    d->pend[0] = buf[i];
    d->pend_len = 1;
  }
  return flush_out(d, sink, ctx);
}

static int feed_decided(dsreg_decoder *d, const unsigned char *buf, size_t len,
                        dsreg_sink_fn sink, void *ctx) {
  if (d->enc == DSREG_ENCODING_UTF8 || d->enc == DSREG_ENCODING_UTF8_BOM) {
    int rc = feed_utf8(d, buf, len, sink, ctx);
    if (len)
      d->last = buf[len - 1]; /* the byte before a bad one, for the guess */
    return rc;
  }
  if (d->page)
    return feed_single(d, buf, len, sink, ctx);
  return feed_utf16(d, buf, len, sink, ctx);
}

/* Settles the encoding from the window and decodes it. */
static int end_lookahead(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx) {
  dsreg_encoding enc = dsreg_guess_codepage(d->la_prev, d->la, d->la_len);
  d->la_active = 0;
  d->la_done = 1;
  if (enc != DSREG_ENCODING_UNKNOWN) {
    d->enc = enc;
    d->page = dsreg_codepage_get(enc);
    d->fallback = 1;
  }
  return feed_decided(d, d->la, d->la_len, sink, ctx);
}

/* Adds buf to the window; once it is full, decides and goes on with the
 * rest. */
static int start_lookahead(dsreg_decoder *d, const unsigned char *buf,
                           size_t len, dsreg_sink_fn sink, void *ctx) {
  size_t take = DSREG_LOOKAHEAD_BYTES - d->la_len;
  if (take > len)
    take = len;
  if (take)
    memcpy(d->la + d->la_len, buf, take);
  d->la_len += take;
  if (d->la_len < DSREG_LOOKAHEAD_BYTES)
    return 0;
  int rc = end_lookahead(d, sink, ctx);
  if (rc || take == len)
    return rc;
  return feed_decided(d, buf + take, len - take, sink, ctx);
}

/* Picks the encoding from the sniffed bytes and decodes them.  Without a
 * BOM, UTF-16 shows as NUL in every other byte of ASCII-heavy text. */
static int decide(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx) {
  const unsigned char *s = d->sniff;
  size_t n = d->sniff_len, skip = 0;
  d->decided = 1;
  switch (d->forced) {
  case DSREG_ENCODING_UNKNOWN:
    break;
  case DSREG_ENCODING_UTF8:
  case DSREG_ENCODING_UTF8_BOM:
    d->enc = DSREG_ENCODING_UTF8;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
      d->enc = DSREG_ENCODING_UTF8_BOM, skip = 3;
    return feed_decided(d, s + skip, n - skip, sink, ctx);
  case DSREG_ENCODING_UTF16LE:
  case DSREG_ENCODING_UTF16LE_BOM:
    d->enc = DSREG_ENCODING_UTF16LE;
    if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
      d->enc = DSREG_ENCODING_UTF16LE_BOM, skip = 2;
    return feed_decided(d, s + skip, n - skip, sink, ctx);
  case DSREG_ENCODING_UTF16BE:
  case DSREG_ENCODING_UTF16BE_BOM:
    d->enc = DSREG_ENCODING_UTF16BE;
    if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
      d->enc = DSREG_ENCODING_UTF16BE_BOM, skip = 2;
    return feed_decided(d, s + skip, n - skip, sink, ctx);
  case DSREG_ENCODING_CP437:
  case DSREG_ENCODING_CP850:
  case DSREG_ENCODING_CP1252:
    d->enc = d->forced;
    d->page = dsreg_codepage_get(d->forced);
    return feed_decided(d, s, n, sink, ctx);
  }
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
    d->enc = DSREG_ENCODING_UTF8_BOM;
    skip = 3;
  } else if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
    d->enc = DSREG_ENCODING_UTF16LE_BOM;
    skip = 2;
  } else if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
    d->enc = DSREG_ENCODING_UTF16BE_BOM;
    skip = 2;
  } else {
    size_t pairs = n / 2, zeven = 0, zodd = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
      zeven += s[i] == 0;
      zodd += s[i + 1] == 0;
    }
    d->enc = DSREG_ENCODING_UTF8;
    if (pairs >= 2 && zodd * 10 >= pairs * 3 && zeven * 10 <= pairs)
      d->enc = DSREG_ENCODING_UTF16LE;
    else if (pairs >= 2 && zeven * 10 >= pairs * 3 && zodd * 10 <= pairs)
      d->enc = DSREG_ENCODING_UTF16BE;
  }
  return feed_decided(d, s + skip, n - skip, sink, ctx);
}

static int bom_possible(const dsreg_decoder *d) {
  const unsigned char *s = d->sniff;
  size_t n = d->sniff_len;
  if (d->forced != DSREG_ENCODING_UNKNOWN)
    return n < 3 && !dsreg_codepage_get(d->forced); /* only a BOM to see */
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
    return 0; /* complete: decide now */
  if (n >= 2 &&
      ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
    return 0;
  return 1;
}

int dsreg_decoder_feed(dsreg_decoder *d, const unsigned char *buf, size_t len,
                       dsreg_sink_fn sink, void *ctx) {
  if (!d->decided) {
    size_t take = DSREG_SNIFF_BYTES - d->sniff_len;
    if (take > len)
      take = len;
    if (take)
      memcpy(d->sniff + d->sniff_len, buf, take);
    d->sniff_len += take;
    buf += take;
    len -= take;
    if (d->sniff_len < DSREG_SNIFF_BYTES && bom_possible(d))
      return 0;
    int rc = decide(d, sink, ctx);
    if (rc)
      return rc;
  }
  if (!len)
    return 0;
  if (d->la_active)
    return start_lookahead(d, buf, len, sink, ctx);
  return feed_decided(d, buf, len, sink, ctx);
}

int dsreg_decoder_finish(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx) {
  int rc;
  if (!d->decided && d->sniff_len > 0 && (rc = decide(d, sink, ctx)))
    return rc;
  if (d->pend_len && may_fall_back(d)) {
    /* A sequence cut by the end of the input: "...Andr\xE9" */
    d->la_active = 1;
    memcpy(d->la, d->pend, d->pend_len);
    d->la_len = d->pend_len;
    d->la_prev = d->pend_prev;
    d->pend_len = 0;
  }
  if (d->la_active && (rc = end_lookahead(d, sink, ctx)))
    return rc;
  if (d->page)
    return 0;
  if (d->enc == DSREG_ENCODING_UTF8 || d->enc == DSREG_ENCODING_UTF8_BOM) {
    if (d->pend_len) {
      d->pend_len = 0;
      return emit_replacement(d, sink, ctx);
    }
    return 0;
  }
  if (d->high) {
    d->high = 0;
    if ((rc = put_replacement(d, sink, ctx)))
      return rc;
  }
  if (d->pend_len) {
    d->pend_len = 0;
    if ((rc = put_replacement(d, sink, ctx)))
      return rc;
  }
  return flush_out(d, sink, ctx);
}
