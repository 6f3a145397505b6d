/*
 * hostile_gen.c - writes one hostile input to standard output.
 *
 *   hostile_gen KIND N [EXPECT_FILE]
 *
 * N scales the input (lines, sections, keys or bytes, by KIND).  When
 * EXPECT_FILE is given, what the parser must report is written there as
 * shell assignments (items=..., replacements=...), for run_hostile.sh.
 * Everything is generated: nothing big is kept in the repository, and the
 * "random" bytes come from a fixed seed, so a run is reproducible.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char RULE[] =
    "+----------------------------------------------------------------------+"
    "\n";

static FILE *out;

static void put(const void *s, size_t n) {
  if (fwrite(s, 1, n, out) != n) {
    perror("hostile_gen: write");
    exit(3);
  }
}
static void puts_(const char *s) { put(s, strlen(s)); }

static void box(const char *title) {
  puts_(RULE);
  fprintf(out, "| %-68s |\n", title);
  puts_(RULE);
  puts_("\n");
}

/* The Device State box every capture starts with: 1 section, 3 fields. */
#define HEADER_ITEMS 4
static void header(void) {
  box("Device State");
  puts_("             AzureAdJoined : NO\n");
  puts_("          EnterpriseJoined : NO\n");
  puts_("              DomainJoined : NO\n");
  puts_("\n");
}

static unsigned long long rng = 0x9E3779B97F4A7C15ull;
static unsigned char rand_byte(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned char)(rng >> 24);
}

/* A run of `n` copies of byte `c`, written in blocks. */
static void fill(int c, unsigned long long n) {
  static char block[1 << 16];
  memset(block, c, sizeof block);
  while (n) {
    size_t k = n < sizeof block ? (size_t)n : sizeof block;
    put(block, k);
    n -= k;
  }
}

static void utf16le(const char *s) {
  for (; *s; s++) {
    unsigned char u[2] = {(unsigned char)*s, 0};
    put(u, 2);
  }
}
static void unit16le(unsigned u) {
  unsigned char b[2] = {(unsigned char)(u & 0xFF), (unsigned char)(u >> 8)};
  put(b, 2);
}

static int usage(void) {
  fputs("usage: hostile_gen KIND N [EXPECT_FILE]\n"
        "KIND: longline longfield sections keys repeated rules rules-bare nul\n"
        "      binary binary-capture utf16 overlong zeros workaccounts\n",
        stderr);
  return 2;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return usage();
  const char *kind = argv[1];
  unsigned long long n = strtoull(argv[2], NULL, 10);
  FILE *expect = NULL;
  if (argc > 3 && !(expect = fopen(argv[3], "w"))) {
    perror(argv[3]);
    return 3;
  }
  out = stdout;
  /* What the capture must account for: every section title, field and
   * unparsed line is either kept or counted in dropped_lines. */
  unsigned long long items = 0, replacements = 0;

  if (strcmp(kind, "longline") == 0 || strcmp(kind, "zeros") == 0) {
    /* N bytes, no newline: 'a' (one line of text) or NUL (each one an
     * invalid byte). */
    fill(kind[0] == 'l' ? 'a' : 0, n);
  } else if (strcmp(kind, "longfield") == 0) {
    /* A field whose value is N bytes long, with no newline after it. */
    header();
    puts_("               Device Name : ");
    fill('x', n);
    items = HEADER_ITEMS + 1;
  } else if (strcmp(kind, "sections") == 0) {
    /* N tiny boxed sections, the odd ones with one field: the section limit
     * is reached before the field limit, and the fields of the sections
     * past it must not end up in the last section kept. */
    header();
    for (unsigned long long i = 1; i <= n; i++) {
      fprintf(out, "%s| Extra %llu |\n%s\n", RULE, i, RULE);
      if (i % 2)
        fprintf(out, "  K%llu : v\n\n", i);
    }
    items = HEADER_ITEMS + n + (n + 1) / 2;
  } else if (strcmp(kind, "keys") == 0) {
    /* N distinct keys in one section. */
    header();
    for (unsigned long long i = 1; i <= n; i++)
      fprintf(out, "       Key%llu : value %llu\n", i, i);
    items = HEADER_ITEMS + n;
  } else if (strcmp(kind, "repeated") == 0) {
    /* One known key N times with a value that is not of its type: two
     * notes a line (invalid, printed again), so the note limit is reached
     * before the field limit, and the note about dropped lines must still
     * be there. */
    header();
    box("User State");
    for (unsigned long long i = 0; i < n; i++)
      puts_("    NgcSet : x\n");
    items = HEADER_ITEMS + 1 + n;
  } else if (strcmp(kind, "rules") == 0) {
    /* N box rules inside a capture: none of them is an item. */
    header();
    for (unsigned long long i = 0; i < n; i++)
      puts_(RULE);
    items = HEADER_ITEMS;
  } else if (strcmp(kind, "rules-bare") == 0) {
    /* N box rules and nothing else: no capture. */
    for (unsigned long long i = 0; i < n; i++)
      puts_(RULE);
  } else if (strcmp(kind, "nul") == 0) {
    /* N fields with NUL bytes inside their values, and N lines of NULs. */
    header();
    box("Nul Bytes");
    for (unsigned long long i = 1; i <= n; i++) {
      fprintf(out, "  N%llu : a", i);
      put("\0b\0\0c", 5);
      puts_("\n");
      put("\0\0\0\0\n", 5);
    }
    items = HEADER_ITEMS + 1 + 2 * n;
    replacements = 7 * n;
  } else if (strcmp(kind, "binary") == 0) {
    /* N random bytes. */
    for (unsigned long long i = 0; i < n; i++)
      putc(rand_byte(), out);
  } else if (strcmp(kind, "binary-capture") == 0) {
    /* A capture, then N random bytes inside it. */
    header();
    for (unsigned long long i = 0; i < n; i++)
      putc(rand_byte(), out);
  } else if (strcmp(kind, "utf16") == 0) {
    /* UTF-16LE with a BOM: N fields whose values hold a lone high
     * surrogate, a lone low surrogate and a high one at the end of the
     * line, then one odd byte at the very end. */
    unit16le(0xFEFF);
    utf16le("+-----+\r\n| Device State |\r\n+-----+\r\n"
            "  AzureAdJoined : NO\r\n  EnterpriseJoined : NO\r\n"
            "  DomainJoined : NO\r\n");
    utf16le("| Surrogates |\r\n");
    for (unsigned long long i = 1; i <= n; i++) {
      char key[64];
      snprintf(key, sizeof key, "  S%llu : a", i);
      utf16le(key);
      unit16le(0xD800); /* high, then not a low one */
      utf16le("b");
      unit16le(0xDC00); /* low, alone */
      unit16le(0xD83D); /* a valid pair: U+1F600 */
      unit16le(0xDE00);
      unit16le(0xDBFF); /* high, then the line end */
      utf16le("\r\n");
    }
    put("Z", 1);                      /* the odd byte */
    items = HEADER_ITEMS + 1 + n + 1; /* + the line the odd byte makes */
    replacements = 3 * n + 1;
  } else if (strcmp(kind, "overlong") == 0) {
    /* N fields with overlong forms, encoded surrogates, code points past
     * U+10FFFF and bytes that never occur in UTF-8.  A decoder that
     * accepted C0 AF would turn it into '/'. */
    static const struct {
      const char *bytes;
      int bad; /* U+FFFD it must give (maximal subparts) */
    } forms[] = {
        {"\xC0\xAF", 2},
        {"\xC1\xBF", 2},
        {"\xE0\x80\xAF", 3},
        {"\xE0\x9F\xBF", 3},
        {"\xF0\x80\x80\xAF", 4},
        {"\xF0\x8F\xBF\xBF", 4},
        {"\xED\xA0\x80", 3},
        {"\xED\xBF\xBF", 3},
        {"\xF4\x90\x80\x80", 4},
        {"\xF5\x80\x80\x80", 4},
        {"\xF8\x88\x80\x80\x80", 5},
        {"\xFE\xFF", 2},
        {"\xE2\x82", 1}, /* a truncated sequence: one U+FFFD */
    };
    const size_t nforms = sizeof forms / sizeof forms[0];
    header();
    box("Overlong");
    for (unsigned long long i = 1; i <= n; i++) {
      size_t f = (size_t)(i % nforms);
      fprintf(out, "  O%llu : a", i);
      puts_(forms[f].bytes);
      puts_("b\n");
      replacements += (unsigned long long)forms[f].bad;
    }
    items = HEADER_ITEMS + 1 + n;
  } else if (strcmp(kind, "workaccounts") == 0) {
    /* N Work Account sections; every third one repeats a number. */
    header();
    for (unsigned long long i = 1; i <= n; i++) {
      char title[64];
      snprintf(title, sizeof title, "Work Account %llu", i % 3 ? i : i - 1);
      box(title);
      fprintf(out,
              "         WorkplaceDeviceId : 9432173e-bcc8-41cc-aabc-%012llx\n"
              "       WorkplaceTenantName : Tenant %llu\n"
              "              TpmProtected : YES\n\n",
              i, i);
    }
    items = HEADER_ITEMS + 4 * n;
  } else {
    return usage();
  }
  if (fflush(out) != 0 || ferror(out)) {
    perror("hostile_gen: write");
    return 3;
  }
  if (expect) {
    fprintf(expect, "items=%llu\nreplacements=%llu\n", items, replacements);
    if (fclose(expect) != 0) {
      perror(argv[3]);
      return 3;
    }
  }
  return 0;
}
