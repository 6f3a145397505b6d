/*
 * umbrella.c - dsreg/dsreg.h alone is enough to use every public header:
 * one call into each, built as C11 and (a copy) as C++11 (tests/api).
 * It runs too, so a header whose declaration does not match the library
 * fails to link, not only to compile.
 */
#include "dsreg/dsreg.h"

#include <stdio.h>
#include <string.h>

#ifndef DSREG_EXPORT
#error "dsreg/export.h is not reached from dsreg/dsreg.h"
#endif

static int fails;

static void check(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "umbrella: %s\n", what);
    fails++;
  }
}

static int on_capture(const dsreg_capture *cap, void *user) {
  dsreg_analysis an;
  dsreg_rule_options opt;
  dsreg_outbuf b = {NULL, 0, 0, 0};
  dsreg_csv_columns cols;
  dsreg_redactor *r = dsreg_redactor_new();
  const dsreg_capture *safe = NULL;
  dsreg_snapshot *s;
  (void)user;
  dsreg_rule_options_init(&opt); /* analysis.h */
  check(dsreg_analyze(cap, &opt, &an) == DSREG_OK, "dsreg_analyze");
  check(dsreg_render_json(&b, "x", cap, &an) == DSREG_OK, "render_json");
  check(dsreg_render_capture(&b, cap) == DSREG_OK, "render_capture");
  dsreg_csv_columns_default(&cols); /* csv.h */
  check(dsreg_render_csv_row(&b, &cols, "x", cap, &an) == DSREG_OK, "csv");
  check(r && dsreg_redact_capture(r, cap, &safe) == DSREG_OK, "redact");
  s = dsreg_snapshot_new(cap, &an); /* diff.h */
  check(s != NULL, "dsreg_snapshot_new");
  dsreg_snapshot_free(s);
  dsreg_redactor_free(r);
  dsreg_outbuf_free(&b);
  dsreg_analysis_free(&an);
  return 0;
}

int main(void) {
  static const char text[] = "+------------------------------------------+\n"
                             "| Device State                             |\n"
                             "+------------------------------------------+\n"
                             "\n"
                             "             AzureAdJoined : YES\n"
                             "          EnterpriseJoined : NO\n"
                             "              DomainJoined : NO\n";
  dsreg_parser *p = dsreg_parser_new(on_capture, NULL); /* parser.h */
  check(p != NULL, "dsreg_parser_new");
  check(dsreg_parser_feed(p, text, strlen(text)) == DSREG_OK, "feed");
  check(dsreg_parser_finish(p) == DSREG_OK, "finish");
  dsreg_parser_free(p);
  check(strcmp(dsreg_strerror(DSREG_EIO), "") != 0, "status.h");
  check(dsreg_rule_count() > 0, "rules.h");
  check(dsreg_code_count() > 0, "codes.h");
  check(dsreg_field_def_count() > 0, "fields.h");
  check(dsreg_csv_column_count() > 0, "csv.h");
  check(strcmp(dsreg_encoding_name(DSREG_ENCODING_UTF8), "") != 0, "capture.h");
  check(strcmp(dsreg_diff_kind_name(DSREG_DIFF_ADDED), "added") == 0, "diff.h");
  check(strcmp(dsreg_version_string(), DSREG_VERSION_STRING) == 0, "version.h");
  {
    dsreg_text_options t;
    dsreg_text_options_init(&t); /* report.h */
    check(t.size == sizeof t, "report.h");
  }
  if (!fails)
    puts("umbrella: ok");
  return fails ? 1 : 0;
}
