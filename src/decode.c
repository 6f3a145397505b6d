/*
 * decode.c - encoding detection and conversion to UTF-8.
 *
 * Captures reach us as UTF-16LE with a BOM (Windows PowerShell 5.1 `>` and
 * Out-File, Microsoft's log collectors), UTF-8 with or without a BOM, and
 * now and then BOM-less UTF-16 (docs/format.md §1, Bytes and encodings).  The
 * UTF-8 path is the hot one: valid runs are handed to the sink in place, eight
 * bytes at a time while they are plain ASCII.
 */
#include "decode.h"

#include <string.h>

#include "utf8.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

void dsreg_decoder_init(dsreg_decoder *d) {
  memset(d, 0, offsetof(dsreg_decoder, out));
  d->out_len = 0;
}

static int emit_replacement(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx) {
  d->replacements++;
  return sink(ctx, REPLACEMENT, 3);
}

/* True when none of the 8 bytes at p is NUL or has its high bit set. */
static int ascii8(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, sizeof v);
  const uint64_t hi = 0x8080808080808080u;
  const uint64_t lo = 0x0101010101010101u;
  return ((v & hi) | ((v - lo) & ~v & hi)) == 0;
}

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
      if ((rc = sink(ctx, (const char *)d->pend, need)) != 0)
        return rc;
    } else if (i == len) {
      return 0; /* still incomplete: wait for more */
    } else {
      d->pend_len = 0;
      if ((rc = emit_replacement(d, sink, ctx)) != 0)
        return rc;
    }
  }

  size_t start = i;
  while (i < len) {
    while (i + 8 <= len && ascii8(buf + i))
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
      return 0;
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
  char *o = d->out + d->out_len;
  if (cp < 0x80) {
    o[0] = (char)cp;
    d->out_len += 1;
  } else if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    d->out_len += 2;
  } else if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    d->out_len += 3;
  } else {
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    d->out_len += 4;
  }
}

static int flush_out(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx);

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
      put_cp(d, 0x10000 + ((d->high - 0xD800) << 10) + (u - 0xDC00));
      d->high = 0;
      return 0;
    }
    d->high = 0;
    rc = put_replacement(d, sink, ctx); /* a high surrogate alone */
  }
  if (u >= 0xD800 && u <= 0xDBFF)
    d->high = u;
  else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0)
    rc = rc ? rc : put_replacement(d, sink, ctx);
  else
    put_cp(d, u);
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
  for (; i + 1 < len; i += 2) {
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
  if (d->enc == DSREG_ENCODING_UTF8 || d->enc == DSREG_ENCODING_UTF8_BOM)
    return feed_utf8(d, buf, len, sink, ctx);
  return feed_utf16(d, buf, len, sink, ctx);
}

/* Picks the encoding from the sniffed bytes and decodes them.  Without a
 * BOM, UTF-16 shows as NUL in every other byte of ASCII-heavy text. */
static int decide(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx) {
  const unsigned char *s = d->sniff;
  size_t n = d->sniff_len, skip = 0;
  d->decided = 1;
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
  return len ? feed_decided(d, buf, len, sink, ctx) : 0;
}

int dsreg_decoder_finish(dsreg_decoder *d, dsreg_sink_fn sink, void *ctx) {
  int rc;
  if (!d->decided && d->sniff_len > 0 && (rc = decide(d, sink, ctx)))
    return rc;
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
