/*
 * transcode.c - makes the encoding and line-ending variants of a UTF-8
 * fixture that the golden tests compare against the original: the corpus is
 * all UTF-8/LF, real captures are often UTF-16LE with a BOM and CRLF.
 *
 *   transcode [--crlf|--cr] [--utf16le|--utf16be] [--nobom] [--utf8bom]
 *             [--prompt TEXT] IN OUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put16(FILE *out, unsigned u, int be) {
  if (be) {
    fputc((int)(u >> 8), out);
    fputc((int)(u & 0xFF), out);
  } else {
    fputc((int)(u & 0xFF), out);
    fputc((int)(u >> 8), out);
  }
}

static void put_cp(FILE *out, unsigned long cp, int enc) {
  if (enc == 0) { /* UTF-8 */
    if (cp < 0x80) {
      fputc((int)cp, out);
    } else if (cp < 0x800) {
      fputc((int)(0xC0 | (cp >> 6)), out);
      fputc((int)(0x80 | (cp & 0x3F)), out);
    } else if (cp < 0x10000) {
      fputc((int)(0xE0 | (cp >> 12)), out);
      fputc((int)(0x80 | ((cp >> 6) & 0x3F)), out);
      fputc((int)(0x80 | (cp & 0x3F)), out);
    } else {
      fputc((int)(0xF0 | (cp >> 18)), out);
      fputc((int)(0x80 | ((cp >> 12) & 0x3F)), out);
      fputc((int)(0x80 | ((cp >> 6) & 0x3F)), out);
      fputc((int)(0x80 | (cp & 0x3F)), out);
    }
  } else if (cp >= 0x10000) {
    cp -= 0x10000;
    put16(out, (unsigned)(0xD800 + (cp >> 10)), enc == 2);
    put16(out, (unsigned)(0xDC00 + (cp & 0x3FF)), enc == 2);
  } else {
    put16(out, (unsigned)cp, enc == 2);
  }
}

/* Writes UTF-8 text s[0..n) in the target encoding and line endings. */
static void emit(FILE *out, const unsigned char *s, size_t n, int enc,
                 const char *eol) {
  for (size_t i = 0; i < n;) {
    unsigned long cp = s[i];
    size_t len = 1;
    if (cp >= 0xF0 && i + 3 < n + 0) {
      cp = ((cp & 0x07) << 18) | ((s[i + 1] & 0x3Fu) << 12) |
           ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
      len = 4;
    } else if (cp >= 0xE0 && i + 2 < n) {
      cp = ((cp & 0x0F) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
      len = 3;
    } else if (cp >= 0xC0 && i + 1 < n) {
      cp = ((cp & 0x1F) << 6) | (s[i + 1] & 0x3Fu);
      len = 2;
    }
    i += len;
    if (cp == '\n') {
      for (const char *e = eol; *e; e++)
        put_cp(out, (unsigned char)*e, enc);
    } else {
      put_cp(out, cp, enc);
    }
  }
}

int main(int argc, char **argv) {
  const char *eol = "\n", *prompt = NULL;
  int enc = 0, bom = 1, utf8bom = 0, i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
    if (!strcmp(argv[i], "--crlf"))
      eol = "\r\n";
    else if (!strcmp(argv[i], "--cr"))
      eol = "\r";
    else if (!strcmp(argv[i], "--utf16le"))
      enc = 1;
    else if (!strcmp(argv[i], "--utf16be"))
      enc = 2;
    else if (!strcmp(argv[i], "--nobom"))
      bom = 0;
    else if (!strcmp(argv[i], "--utf8bom"))
      utf8bom = 1;
    else if (!strcmp(argv[i], "--prompt") && i + 1 < argc)
      prompt = argv[++i];
    else {
      fprintf(stderr, "transcode: unknown option '%s'\n", argv[i]);
      return 2;
    }
  }
  if (argc - i != 2) {
    fprintf(stderr, "usage: transcode [options] IN OUT\n");
    return 2;
  }
  FILE *in = fopen(argv[i], "rb"), *out = fopen(argv[i + 1], "wb");
  if (!in || !out) {
    fprintf(stderr, "transcode: cannot open files\n");
    return 2;
  }
  unsigned char *buf = NULL;
  size_t n = 0, cap = 0, got;
  do {
    if (n + 65536 > cap) {
      cap = (cap + 65536) * 2;
      unsigned char *nb = realloc(buf, cap);
      if (!nb)
        return 2;
      buf = nb;
    }
    got = fread(buf + n, 1, 65536, in);
    n += got;
  } while (got > 0);
  fclose(in);
  if (enc && bom)
    put_cp(out, 0xFEFF, enc);
  if (!enc && utf8bom)
    fputs("\xEF\xBB\xBF", out);
  if (prompt) {
    emit(out, (const unsigned char *)prompt, strlen(prompt), enc, eol);
    emit(out, (const unsigned char *)"\n", 1, enc, eol);
  }
  emit(out, buf, n, enc, eol);
  free(buf);
  return fclose(out) == 0 ? 0 : 2;
}
