/*
 * bench_parse.c - throughput of the streaming parser (not a test).
 *
 *   bench_parse [--rules] [--json] [--out PATH] [--rss] [--chunk BYTES]
 *               [FILE | -]
 *
 * Reads FILE (or standard input) in 64 KiB chunks with fread, feeds every
 * chunk to dsreg_parser_feed, and counts what the capture callback sees.
 * With --rules each capture also goes through dsreg_analyze (the rules
 * engine, with the CLI's defaults: the clock as "now").
 * With --json each capture is also written with dsreg_write_json to a sink
 * the program opens itself (/dev/null, or NUL on Windows; --out PATH picks
 * another file), so the writer is measured without a pipe or a terminal.
 * With --rss the peak resident set (VmHWM, Linux only) is read from
 * /proc/self/status at exit.
 *
 * Prints one line of key=value pairs on standard output:
 *   bytes=... captures=... fields=... sections=... notes=... unparsed=...
 *   findings=... lines=...
 *   encoding=... seconds=... mib_s=... [peak_rss_kib=...]
 * The time covers reading, parsing and writing: everything between opening
 * the input and dsreg_parser_finish returning.
 *
 * Exit status: 0 (also when the input held no capture, as the long-line
 * memory test does on purpose), 1 on a read, write or parser error, 2 on a
 * usage error.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

#include "dsreg/dsreg.h"
#include "dsreg/rules.h"

#define DEFAULT_CHUNK (64 * 1024)

#ifdef _WIN32
#define NULL_DEVICE "NUL"
#else
#define NULL_DEVICE "/dev/null"
#endif

typedef struct counts {
  unsigned long captures;
  unsigned long long fields, sections, notes, unparsed;
  unsigned long long findings;
  const dsreg_rule_options *rules; /* NULL unless --rules */
  int rules_failed;
  FILE *json;         /* NULL unless --json */
  const char *source; /* name written in the JSON records */
  int write_failed;
} counts;

static int on_capture(const dsreg_capture *cap, void *user) {
  counts *c = user;
  c->captures++;
  c->fields += cap->field_count;
  c->sections += cap->section_count;
  c->notes += cap->note_count;
  c->unparsed += cap->unparsed_count;
  dsreg_analysis an;
  memset(&an, 0, sizeof an);
  if (c->rules) {
    if (dsreg_analyze(cap, c->rules, &an) != DSREG_OK) {
      dsreg_analysis_free(&an);
      c->rules_failed = 1;
      return 1;
    }
    c->findings += an.finding_count;
  } else {
    an.join_type = dsreg_join_type_of(cap); /* the JSON's join_type */
  }
  int rc = 0;
  if (c->json && dsreg_write_json(c->json, c->source, cap, &an) != DSREG_OK) {
    c->write_failed = 1;
    rc = 1;
  }
  if (c->rules)
    dsreg_analysis_free(&an);
  return rc;
}

/* Seconds from a monotonic clock where there is one, else C11's UTC clock. */
static double now_seconds(void) {
  struct timespec ts;
#if defined(CLOCK_MONOTONIC) && !defined(_WIN32)
  clock_gettime(CLOCK_MONOTONIC, &ts);
#else
  timespec_get(&ts, TIME_UTC);
#endif
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Peak resident set in KiB from /proc/self/status (VmHWM), -1 if unknown. */
static long peak_rss_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kib = -1;
  if (!f)
    return -1;
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, "VmHWM:", 6) == 0) {
      kib = strtol(line + 6, NULL, 10);
      break;
    }
  }
  fclose(f);
  return kib;
}

static void usage(FILE *out) {
  fprintf(out,
          "usage: bench_parse [--rules] [--json] [--out PATH] [--rss] "
          "[--chunk BYTES] [FILE | -]\n"
          "  --rules        also run the rules engine (dsreg_analyze)\n"
          "  --json         also write every capture as JSON to %s\n"
          "  --out PATH     write the JSON to PATH instead (implies --json)\n"
          "  --rss          print the peak resident set (VmHWM) at exit\n"
          "  --chunk BYTES  read chunk size (default %d)\n",
          NULL_DEVICE, DEFAULT_CHUNK);
}

int main(int argc, char **argv) {
  const char *path = "-";
  const char *json_path = NULL;
  int want_rss = 0;
  int want_rules = 0;
  size_t chunk = DEFAULT_CHUNK;
  int have_path = 0;

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--json") == 0) {
      if (!json_path)
        json_path = NULL_DEVICE;
    } else if (strcmp(a, "--out") == 0 && i + 1 < argc) {
      json_path = argv[++i];
    } else if (strcmp(a, "--rules") == 0) {
      want_rules = 1;
    } else if (strcmp(a, "--rss") == 0) {
      want_rss = 1;
    } else if (strcmp(a, "--chunk") == 0 && i + 1 < argc) {
      char *end;
      unsigned long v = strtoul(argv[++i], &end, 10);
      if (*end || v == 0 || v > (1ul << 30)) {
        fprintf(stderr, "bench_parse: bad --chunk '%s'\n", argv[i]);
        return 2;
      }
      chunk = (size_t)v;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage(stdout);
      return 0;
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "bench_parse: unknown option '%s'\n", a);
      usage(stderr);
      return 2;
    } else if (!have_path) {
      path = a;
      have_path = 1;
    } else {
      fprintf(stderr, "bench_parse: one input only\n");
      return 2;
    }
  }

  counts c;
  memset(&c, 0, sizeof c);
  int from_stdin = strcmp(path, "-") == 0;
  c.source = from_stdin ? "<stdin>" : path;
  dsreg_rule_options rules;
  if (want_rules) {
    /* The CLI's defaults for a saved file: the clock is "now". */
    dsreg_rule_options_init(&rules);
    rules.now_ms = (int64_t)time(NULL) * 1000;
    rules.now_source = DSREG_TIME_CLOCK;
    c.rules = &rules;
  }

  unsigned char *buf = malloc(chunk);
  if (!buf) {
    fprintf(stderr, "bench_parse: out of memory\n");
    return 1;
  }
  if (json_path && !(c.json = fopen(json_path, "wb"))) {
    fprintf(stderr, "bench_parse: %s: %s\n", json_path, strerror(errno));
    free(buf);
    return 1;
  }
  dsreg_parser *p = dsreg_parser_new(on_capture, &c);
  if (!p) {
    fprintf(stderr, "bench_parse: out of memory\n");
    free(buf);
    return 1;
  }

  double t0 = now_seconds();
  FILE *in;
  if (from_stdin) {
#ifdef _WIN32
    _setmode(_fileno(stdin), _O_BINARY);
#endif
    in = stdin;
  } else if (!(in = fopen(path, "rb"))) {
    fprintf(stderr, "bench_parse: %s: %s\n", path, strerror(errno));
    dsreg_parser_free(p);
    free(buf);
    return 1;
  }

  unsigned long long bytes = 0;
  dsreg_status st = DSREG_OK;
  size_t n;
  while (st == DSREG_OK && (n = fread(buf, 1, chunk, in)) > 0) {
    bytes += n;
    st = dsreg_parser_feed(p, buf, n);
  }
  int read_error = ferror(in);
  if (!from_stdin)
    fclose(in);
  if (st == DSREG_OK && !read_error)
    st = dsreg_parser_finish(p);
  if (c.json && fflush(c.json) != 0)
    c.write_failed = 1;
  double secs = now_seconds() - t0;

  int rc = 0;
  if (read_error) {
    fprintf(stderr, "bench_parse: %s: read error\n", c.source);
    rc = 1;
  } else if (c.rules_failed) {
    fprintf(stderr, "bench_parse: dsreg_analyze failed\n");
    rc = 1;
  } else if (c.write_failed) {
    fprintf(stderr, "bench_parse: writing JSON failed\n");
    rc = 1;
  } else if (st != DSREG_OK && st != DSREG_ENOCAPTURE) {
    fprintf(stderr, "bench_parse: %s: %s\n", c.source, dsreg_strerror(st));
    rc = 1;
  }

  double mib = (double)bytes / (1024.0 * 1024.0);
  printf("bytes=%llu captures=%lu fields=%llu sections=%llu notes=%llu "
         "unparsed=%llu findings=%llu lines=%lu encoding=%s seconds=%.6f "
         "mib_s=%.1f",
         bytes, c.captures, c.fields, c.sections, c.notes, c.unparsed,
         c.findings, dsreg_parser_lines(p),
         dsreg_encoding_name(dsreg_parser_encoding(p)), secs,
         secs > 0 ? mib / secs : 0.0);
  dsreg_parser_free(p);
  if (c.json && fclose(c.json) != 0 && rc == 0) {
    fprintf(stderr, "bench_parse: closing JSON output failed\n");
    rc = 1;
  }
  free(buf);
  if (want_rss) {
    /* Read last, so that everything the run touched is counted. */
    long kib = peak_rss_kib();
    if (kib >= 0)
      printf(" peak_rss_kib=%ld", kib);
    else
      printf(" peak_rss_kib=unknown");
  }
  printf("\n");
  return rc;
}
