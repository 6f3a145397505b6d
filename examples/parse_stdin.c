/*
 * parse_stdin.c - the smallest useful libdsreg program: reads dsregcmd
 * /status output on standard input and prints, per capture, its join type
 * and its findings.
 *
 *   dsregcmd /status | parse_stdin
 *   parse_stdin < saved-capture.txt
 *
 * Build against an installed libdsreg:
 *   cc parse_stdin.c $(pkg-config --cflags --libs dsreg) -o parse_stdin
 * or with CMake: find_package(dsreg CONFIG REQUIRED) and link dsreg::dsreg.
 */
#include <stdio.h>

#include "dsreg/dsreg.h"

/* Called once per capture; `cap` is only valid during the call. */
static int on_capture(const dsreg_capture *cap, void *user) {
  dsreg_analysis an;
  (void)user;
  if (dsreg_analyze(cap, NULL, &an) != DSREG_OK) {
    dsreg_analysis_free(&an);
    return 1; /* out of memory: stop */
  }
  printf("capture %lu: %s\n", cap->index, dsreg_join_type_id(an.join_type));
  for (size_t i = 0; i < an.finding_count; i++)
    printf("  %s %s: %s\n", dsreg_severity_name(an.findings[i].severity),
           an.findings[i].rule, an.findings[i].message);
  dsreg_analysis_free(&an);
  return 0;
}

int main(void) {
  dsreg_parser *p = dsreg_parser_new(on_capture, NULL);
  unsigned char buf[65536];
  size_t n;
  dsreg_status st = p ? DSREG_OK : DSREG_ENOMEM;
  while (st == DSREG_OK && (n = fread(buf, 1, sizeof buf, stdin)) > 0)
    st = dsreg_parser_feed(p, buf, n);
  if (st == DSREG_OK)
    st = dsreg_parser_finish(p);
  dsreg_parser_free(p);
  if (st != DSREG_OK) {
    fprintf(stderr, "parse_stdin: %s\n", dsreg_strerror(st));
    return 2;
  }
  return 0;
}
