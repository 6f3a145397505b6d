/*
 * codepages.c - the single-byte code pages a saved capture may be in.
 *
 * `dsregcmd /status > file.txt` in cmd writes the console's OEM code page
 * (437 in the US, 850 in Western Europe), and a file saved as "ANSI" is in
 * Windows-1252 (docs/format.md §1).  Bytes below 0x80 are ASCII in all
 * three; the tables give the Unicode code point of 0x80 to 0xFF.
 *
 * The tables were made once with Python 3's codecs module:
 *
 *   for b in range(0x80, 0x100):
 *       try: cp = ord(bytes([b]).decode(page))
 *       except UnicodeDecodeError: cp = 0xFFFD   # cp1252 81 8D 8F 90 9D
 *
 * and the letter classes from unicodedata.category() of each code point
 * (Lu: upper, Ll/Lo/Lt/Lm: lower; the guess in decode.c weighs them).
 */
#include "codepages.h"

#include <stddef.h>
#include <string.h>

#include "utf8.h"

static const uint16_t CP437[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA,
    0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6,
    0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC,
    0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC,
    0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561,
    0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B,
    0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568,
    0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518,
    0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF, 0x0393,
    0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4,
    0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320,
    0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2,
    0x25A0, 0x00A0,
};

static const unsigned char CP437_CLASS[128] = {
    2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 2, 1, 1, 1,
    1, 1, 1, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 1, 1, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 1, 2, 1, 1, 1, 2, 2, 2, 1, 0, 1,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

static const uint16_t CP850[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA,
    0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6,
    0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC,
    0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC,
    0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1,
    0x00C2, 0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5,
    0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4, 0x00F0,
    0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x0131, 0x00CD, 0x00CE, 0x00CF, 0x2518,
    0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580, 0x00D3, 0x00DF, 0x00D4,
    0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, 0x00DE, 0x00DA, 0x00DB, 0x00D9,
    0x00FD, 0x00DD, 0x00AF, 0x00B4, 0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6,
    0x00A7, 0x00F7, 0x00B8, 0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2,
    0x25A0, 0x00A0,
};

static const unsigned char CP850_CLASS[128] = {
    2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 2, 1, 1, 1,
    1, 1, 1, 2, 2, 1, 0, 2, 0, 1, 1, 1, 1, 1, 1, 2, 1, 1, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 1, 2, 2,
    2, 0, 0, 0, 0, 0, 2, 0, 2, 1, 2, 2, 1, 2, 1, 1, 2, 2, 2, 2, 1, 2,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static const uint16_t CP1252[128] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6,
    0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018,
    0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
    0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3,
    0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC,
    0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5,
    0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE,
    0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x00D0,
    0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9,
    0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x00E0, 0x00E1, 0x00E2,
    0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB,
    0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4,
    0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD,
    0x00FE, 0x00FF,
};

static const unsigned char CP1252_CLASS[128] = {
    0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 2, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 1, 0, 1, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0,
    2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1,
};

const dsreg_codepage *dsreg_codepage_get(dsreg_encoding enc) {
  static const dsreg_codepage pages[] = {
      {DSREG_ENCODING_CP437, CP437, CP437_CLASS},
      {DSREG_ENCODING_CP850, CP850, CP850_CLASS},
      {DSREG_ENCODING_CP1252, CP1252, CP1252_CLASS},
  };
  for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
    if (pages[i].enc == enc)
      return &pages[i];
  return NULL;
}

int dsreg_codepage_byte(const dsreg_codepage *cp, uint32_t c) {
  if (c < 0x80)
    return (int)c;
  if (c == 0xFFFD)
    return -1;
  for (int i = 0; i < 128; i++)
    if (cp->to_unicode[i] == c)
      return 0x80 + i;
  return -1;
}

/* The bytes s[0..n) stood for in `cp`, into out: -1 when a character has
 * no byte there, or no byte is above 0x7F, or out is too small. */
static long to_page(const dsreg_codepage *cp, const char *str, size_t n,
                    char *out, size_t size) {
  const unsigned char *s = (const unsigned char *)str;
  size_t o = 0;
  int high = 0;
  for (size_t i = 0; i < n;) {
    size_t k = dsreg_utf8_valid_len(s + i, n - i);
    if (k == 0)
      return -1;
    uint32_t c = s[i];
    if (k == 2)
      c = (uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
    else if (k == 3)
      c = (uint32_t)(s[i] & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
          (s[i + 2] & 0x3F);
    else if (k == 4)
      return -1;
    int b = dsreg_codepage_byte(cp, c);
    /* Windows turns the five bytes cp1252 leaves undefined into the C1
     * controls of the same number. */
    if (b < 0 && c >= 0x80 && c <= 0x9F && cp->to_unicode[c - 0x80] == 0xFFFD)
      b = (int)c;
    if (b < 0 || o + 1 >= size)
      return -1;
    high |= b >= 0x80;
    out[o++] = (char)b;
    i += k;
  }
  if (!high)
    return -1;
  out[o] = '\0';
  return (long)o;
}

/* True when a byte of s[0..n) is above 0x7F; eight at a time, since the
 * parser asks this of every value of a stream that is not all ASCII. */
static int any_high(const char *s, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t v;
    memcpy(&v, s + i, sizeof v);
    if (v & 0x8080808080808080u)
      return 1;
  }
  for (; i < n; i++)
    if ((unsigned char)s[i] >= 0x80)
      return 1;
  return 0;
}

const char *dsreg_mojibake(const char *s, size_t n, char *out, size_t size) {
  if (!any_high(s, n))
    return NULL;
  /* cp1252 first: "MÃ¼ller" is also valid UTF-8 back through cp850 (Ã is
   * 0xC7 there), into a letter nobody meant. */
  static const dsreg_encoding pages[] = {DSREG_ENCODING_CP1252,
                                         DSREG_ENCODING_CP850};
  for (size_t p = 0; p < sizeof pages / sizeof pages[0]; p++) {
    long len = to_page(dsreg_codepage_get(pages[p]), s, n, out, size);
    if (len > 0 && dsreg_utf8_valid(out, (size_t)len))
      return dsreg_encoding_name(pages[p]);
  }
  return NULL;
}
