/*
 * main.c - dsregdiag: read captures, write reports.
 *
 * Each source (a file, or standard input) is streamed through one reusable
 * parser; a source that fails is reported on stderr and in the output, and
 * the rest of the batch still runs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "dsreg/dsreg.h"
#include "dsreg/rules.h"
#include "options.h"
#include "platform.h"

#define READ_CHUNK (64 * 1024)

typedef struct run {
  const cli_options *opt;
  FILE *out;
  const char *source; /* name shown in messages and output */
  dsreg_text_options text;
  dsreg_rule_options rules;
  bool disabled[128];
  int write_failed;
  int out_of_memory;
  int any_error_finding;
} run;

static int on_capture(const dsreg_capture *cap, void *user) {
  run *r = user;
  dsreg_analysis an;
  if (dsreg_analyze(cap, &r->rules, &an) != DSREG_OK) {
    dsreg_analysis_free(&an);
    r->out_of_memory = 1;
    return 1;
  }
  /* --min-severity hides findings; it does not change the exit status. */
  size_t kept = 0;
  for (size_t i = 0; i < an.finding_count; i++) {
    if (an.findings[i].severity == DSREG_SEVERITY_ERROR)
      r->any_error_finding = 1;
    if ((int)an.findings[i].severity >= r->opt->min_severity)
      an.findings[kept++] = an.findings[i];
  }
  an.finding_count = kept;
  int rc = r->opt->format == FORMAT_JSON
               ? dsreg_write_json(r->out, r->source, cap, &an)
               : dsreg_write_text(r->out, r->source, cap, &an, &r->text);
  dsreg_analysis_free(&an);
  if (rc) {
    r->write_failed = 1;
    return 1; /* stop: nothing more can be written */
  }
  return 0;
}

/* Turns --disable lists into the rule options; 0 or -1 on an unknown id. */
static int set_disabled(run *r, const cli_options *o) {
  for (size_t i = 0; i < o->disable_count; i++) {
    const char *s = o->disable[i];
    while (*s) {
      size_t n = strcspn(s, ",");
      char id[64];
      if (n && n < sizeof id) {
        memcpy(id, s, n);
        id[n] = '\0';
        const dsreg_rule *rule = dsreg_rule_find(id);
        if (!rule) {
          fprintf(stderr,
                  "dsregdiag: unknown rule '%s' for '--disable'\n"
                  "Try 'dsregdiag --list-rules' for the rule ids.\n",
                  id);
          return -1;
        }
        for (size_t k = 0; k < dsreg_rule_count(); k++)
          if (dsreg_rule_at(k) == rule && k < sizeof r->disabled)
            r->disabled[k] = true;
      }
      s += n + (s[n] == ',');
    }
  }
  r->rules.disabled = r->disabled;
  return 0;
}

/* Reports a source that failed, on stderr and in the output. */
static void source_error(run *r, const char *message) {
  fprintf(stderr, "dsregdiag: %s: %s\n", r->source, message);
  if (r->opt->format == FORMAT_JSON &&
      dsreg_write_json_error(r->out, r->source, message))
    r->write_failed = 1;
}

/* Parses one source; returns 0 when it held at least one capture. */
static int parse_source(run *r, dsreg_parser *p, const char *path) {
  FILE *in;
  int from_stdin = strcmp(path, "-") == 0;
  static unsigned char buf[READ_CHUNK];
  char msg[512];

  r->source = from_stdin ? "<stdin>" : path;
  if (from_stdin) {
    dsreg_cli_binary_stdin();
    in = stdin;
  } else if (!(in = fopen(path, "rb"))) {
    snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
    source_error(r, msg);
    return -1;
  }
  dsreg_parser_reset(p);
  dsreg_status st = DSREG_OK;
  size_t n;
  while (st == DSREG_OK && (n = fread(buf, 1, sizeof buf, in)) > 0)
    st = dsreg_parser_feed(p, buf, n);
  int read_error = ferror(in);
  int saved_errno = errno;
  if (!from_stdin)
    fclose(in);
  if (st == DSREG_OK && read_error) {
    snprintf(msg, sizeof msg, "read error after line %lu: %s",
             dsreg_parser_lines(p), strerror(saved_errno));
    source_error(r, msg);
    /* Hand over what was read before the error; its status adds nothing
     * to the error already reported. */
    if (dsreg_parser_finish(p) == DSREG_ESTOPPED && r->write_failed)
      return -1;
    return -1;
  }
  if (st == DSREG_OK)
    st = dsreg_parser_finish(p);
  if (st == DSREG_OK)
    return 0;
  if (st == DSREG_ESTOPPED && (r->write_failed || r->out_of_memory)) {
    if (r->out_of_memory)
      source_error(r, "out of memory");
    return -1;
  }
  if (st == DSREG_ENOCAPTURE) {
    unsigned long lines = dsreg_parser_lines(p);
    if (lines == 0)
      snprintf(msg, sizeof msg,
               "empty input: no dsregcmd /status output found");
    else
      snprintf(msg, sizeof msg,
               "no dsregcmd /status output found in %lu line%s (%s)", lines,
               lines == 1 ? "" : "s",
               dsreg_encoding_name(dsreg_parser_encoding(p)));
  } else {
    snprintf(msg, sizeof msg, "%s", dsreg_strerror(st));
  }
  source_error(r, msg);
  return -1;
}

static bool want_color(const cli_options *o, FILE *out) {
  if (o->color == COLOR_ALWAYS)
    return true;
  if (o->color == COLOR_NEVER)
    return false;
  const char *no = getenv("NO_COLOR");
  const char *term = getenv("TERM");
  if (no && *no)
    return false;
  if (term && strcmp(term, "dumb") == 0)
    return false;
  return dsreg_cli_isatty(out);
}

/* Closes the output and reports a failure the way jq does. */
static int finish_output(FILE *out, int failed) {
  int err = errno;
  if (fflush(out) != 0 || ferror(out)) {
    failed = 1;
    err = errno;
  }
  if (fclose(out) != 0 && !failed) {
    failed = 1;
    err = errno;
  }
  if (failed)
    fprintf(stderr, "dsregdiag: error: writing output failed: %s\n",
            strerror(err ? err : EIO));
  return failed ? -1 : 0;
}

int main(int argc, char **argv) {
  cli_options opt;
  run r;
  int status = EXIT_CLEAN;
  char *tmp = NULL;

  if (cli_parse(argc, argv, &opt, stderr)) {
    cli_free(&opt);
    return EXIT_TROUBLE;
  }
  if (opt.help || opt.version || opt.list_rules || opt.explain) {
    int rc = EXIT_CLEAN;
    if (opt.help)
      cli_usage(stdout);
    else if (opt.version)
      printf("dsregdiag %s\n", dsreg_version_string());
    else if (opt.list_rules)
      catalog_list_rules(stdout, opt.list_rules);
    else if (catalog_explain(stdout, opt.explain))
      rc = EXIT_TROUBLE;
    cli_free(&opt);
    return finish_output(stdout, 0) ? EXIT_TROUBLE : rc;
  }

  memset(&r, 0, sizeof r);
  r.opt = &opt;
  r.out = stdout;
  dsreg_rule_options_init(&r.rules);
  r.rules.warn_days = (int)opt.warn_days;
  r.rules.prt_stale_hours = (int)opt.prt_stale_hours;
  if (opt.now) {
    if (dsreg_parse_iso8601(opt.now, &r.rules.now_ms)) {
      fprintf(stderr,
              "dsregdiag: invalid argument '%s' for '--now' (an ISO 8601 UTC "
              "time such as 2025-03-09T11:00:00Z)\n"
              "Try 'dsregdiag --help' for more information.\n",
              opt.now);
      cli_free(&opt);
      return EXIT_TROUBLE;
    }
    r.rules.now_source = DSREG_TIME_OPTION;
  } else {
    r.rules.now_ms = (int64_t)time(NULL) * 1000;
    r.rules.now_source = DSREG_TIME_CLOCK;
    /* Piped in from dsregcmd: the clock is the capture time. */
    r.rules.clock_is_capture_time =
        opt.file_count == 0 ||
        (opt.file_count == 1 && strcmp(opt.files[0], "-") == 0);
  }
  if (set_disabled(&r, &opt)) {
    cli_free(&opt);
    return EXIT_TROUBLE;
  }
  if (opt.output) {
    /* Write beside the target and rename at the end, so a failed run never
     * leaves half a report in place of a good one. */
    tmp = dsreg_cli_temp_name(opt.output);
    if (!tmp || !(r.out = fopen(tmp, opt.format == FORMAT_JSON ? "wb" : "w"))) {
      fprintf(stderr, "dsregdiag: %s: cannot create: %s\n", opt.output,
              tmp ? strerror(errno) : "out of memory");
      free(tmp);
      cli_free(&opt);
      return EXIT_TROUBLE;
    }
  }
  r.text.color = opt.format == FORMAT_TEXT && want_color(&opt, r.out);

  dsreg_parser *p = dsreg_parser_new(on_capture, &r);
  if (!p) {
    fprintf(stderr, "dsregdiag: out of memory\n");
    status = EXIT_TROUBLE;
  } else {
    static const char *const std_in[] = {"-"};
    const char *const *files = opt.file_count ? opt.files : std_in;
    size_t count = opt.file_count ? opt.file_count : 1;
    for (size_t i = 0; i < count && !r.write_failed; i++)
      if (parse_source(&r, p, files[i]))
        status = EXIT_TROUBLE;
    dsreg_parser_free(p);
  }
  if (status == EXIT_CLEAN && r.any_error_finding)
    status = EXIT_FINDINGS;
  if (finish_output(r.out, r.write_failed))
    status = EXIT_TROUBLE;
  if (tmp) {
    if (status == EXIT_TROUBLE && r.write_failed) {
      remove(tmp);
    } else if (dsreg_cli_replace(tmp, opt.output)) {
      fprintf(stderr, "dsregdiag: %s: cannot replace: %s\n", opt.output,
              strerror(errno));
      remove(tmp);
      status = EXIT_TROUBLE;
    }
    free(tmp);
  }
  cli_free(&opt);
  return status;
}
