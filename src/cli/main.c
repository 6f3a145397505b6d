/*
 * main.c - dsregdiag: options, sources, output; the work is in runner.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "dsreg/csv.h"
#include "dsreg/dsreg.h"
#include "dsreg/rules.h"
#include "options.h"
#include "platform.h"
#include "runner.h"
#include "sources.h"
#include "summary.h"

static const char HINT[] = "Try 'dsregdiag --help' for more information.\n";

static bool want_color(const cli_options *o, FILE *out) {
  if (o->color == COLOR_ALWAYS) {
    (void)dsreg_cli_enable_ansi(out); /* shown as colour where it can be */
    return true;
  }
  if (o->color == COLOR_NEVER)
    return false;
  const char *no = getenv("NO_COLOR");
  const char *term = getenv("TERM");
  if (no && *no)
    return false;
  if (term && strcmp(term, "dumb") == 0)
    return false;
  return dsreg_cli_isatty(out) && dsreg_cli_enable_ansi(out);
}

/* Closes the output and reports a failure the way jq does. */
static int finish_output(FILE *out, int failed, int err) {
  if (fflush(out) != 0 || ferror(out)) {
    failed = 1;
    err = errno;
  }
  /* A reader that went away (dsregdiag ... | head) is not worth a word. */
  bool reader_gone = failed && dsreg_cli_reader_gone(out, err);
  if (fclose(out) != 0 && !failed) {
    failed = 1;
    err = errno;
  }
  if (failed && !reader_gone)
    fprintf(stderr, "dsregdiag: error: writing output failed: %s\n",
            strerror(err ? err : EIO));
  return failed ? -1 : 0;
}

/* Turns --disable lists into the rule options; 0, or -1 on an unknown id. */
static int set_disabled(dsreg_rule_options *rules, bool *disabled, size_t cap,
                        const cli_options *o) {
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
        for (size_t k = 0; k < dsreg_rule_count() && k < cap; k++)
          if (dsreg_rule_at(k) == rule)
            disabled[k] = true;
      }
      s += n + (s[n] == ',');
    }
  }
  rules->disabled = disabled;
  return 0;
}

static int set_columns(dsreg_csv_columns *cols, const cli_options *o) {
  const char *bad;
  size_t bad_len;
  if (!o->columns) {
    dsreg_csv_columns_default(cols);
    return 0;
  }
  if (dsreg_csv_columns_parse(cols, o->columns, &bad, &bad_len) == 0)
    return 0;
  fprintf(stderr,
          "dsregdiag: unknown or repeated column '%.*s' for "
          "'--columns'\nValid columns:",
          (int)bad_len, bad);
  for (size_t i = 0; i < dsreg_csv_column_count(); i++)
    fprintf(stderr, "%s%s", i ? ", " : " ", dsreg_csv_column_name(i));
  fputs("\n", stderr);
  return -1;
}

/* --now, or the clock; 0, or -1 on a bad --now. */
static int set_now(dsreg_rule_options *rules, const cli_options *o) {
  if (o->now) {
    if (dsreg_parse_iso8601(o->now, &rules->now_ms)) {
      fprintf(stderr,
              "dsregdiag: invalid argument '%s' for '--now' (an ISO 8601 UTC "
              "time such as 2025-03-09T11:00:00Z)\n%s",
              o->now, HINT);
      return -1;
    }
    rules->now_source = DSREG_TIME_OPTION;
    return 0;
  }
  rules->now_ms = (int64_t)time(NULL) * 1000;
  rules->now_source = DSREG_TIME_CLOCK;
  /* Piped in from dsregcmd: the clock is the capture time. */
  rules->clock_is_capture_time =
      o->file_count == 0 ||
      (o->file_count == 1 && strcmp(o->files[0], "-") == 0);
  return 0;
}

/* --help, --version, --list-rules, --explain: print and leave. */
static int informational(const cli_options *o) {
  int rc = EXIT_CLEAN;
  if (o->help)
    cli_usage(stdout);
  else if (o->version)
    printf("dsregdiag %s\n", dsreg_version_string());
  else if (o->list_rules)
    catalog_list_rules(stdout, o->list_rules);
  else if (catalog_explain(stdout, o->explain))
    rc = EXIT_TROUBLE;
  return finish_output(stdout, 0, 0) ? EXIT_TROUBLE : rc;
}

int main(int argc, char **argv) {
  cli_options opt;
  cli_run_config cfg;
  cli_run_result res;
  cli_sources sources;
  cli_summary summary;
  bool disabled[128] = {false};
  char *tmp = NULL;
  int status = EXIT_CLEAN;
  int write_failed = 0;

  dsreg_cli_utf8_args(&argc, &argv);
  if (cli_parse(argc, argv, &opt, stderr)) {
    cli_free(&opt);
    return EXIT_TROUBLE;
  }
  if (opt.help || opt.version || opt.list_rules || opt.explain) {
    status = informational(&opt);
    cli_free(&opt);
    return status;
  }

  memset(&cfg, 0, sizeof cfg);
  memset(&res, 0, sizeof res);
  memset(&summary, 0, sizeof summary);
  dsreg_rule_options_init(&cfg.rules);
  cfg.rules.warn_days = (int)opt.warn_days;
  cfg.rules.prt_stale_hours = (int)opt.prt_stale_hours;
  if (set_now(&cfg.rules, &opt) ||
      set_disabled(&cfg.rules, disabled, sizeof disabled / sizeof *disabled,
                   &opt) ||
      set_columns(&cfg.columns, &opt)) {
    cli_free(&opt);
    return EXIT_TROUBLE;
  }
  if (opt.live && opt.file_count) {
    fprintf(stderr, "dsregdiag: '--live' takes no FILE\n%s", HINT);
    cli_free(&opt);
    return EXIT_TROUBLE;
  }
  if (opt.columns && opt.format != FORMAT_CSV) {
    fprintf(stderr, "dsregdiag: '--columns' needs '--format csv'\n%s", HINT);
    cli_free(&opt);
    return EXIT_TROUBLE;
  }

  dsreg_cli_binary_stdio();
  cfg.out = stdout;
  if (opt.output) {
    /* A report file is written beside the target and renamed at the end, so
     * a failed run never leaves half a report in place of a good one.  A
     * device, FIFO or link (/dev/null, /dev/stdout) is written as it is:
     * renaming over it would replace it. */
    cli_path_info info;
    char err[256];
    bool plain = dsreg_cli_stat(opt.output, &info, err, sizeof err) != 0 ||
                 info.kind == CLI_PATH_FILE;
    if (plain && dsreg_cli_is_link(opt.output))
      plain = false;
    const char *target = opt.output;
    if (plain && !(tmp = dsreg_cli_temp_name(opt.output))) {
      fprintf(stderr, "dsregdiag: out of memory\n");
      cli_free(&opt);
      return EXIT_TROUBLE;
    }
    if (tmp)
      target = tmp;
    if (!(cfg.out = dsreg_cli_fopen(target, "wb"))) {
      fprintf(stderr, "dsregdiag: %s: cannot create: %s\n", opt.output,
              strerror(errno));
      free(tmp);
      cli_free(&opt);
      return EXIT_TROUBLE;
    }
  }
  bool live = opt.live || (opt.file_count == 0 && dsreg_cli_live_by_default());
  if (cli_sources_collect(&sources, (const char *const *)opt.files,
                          opt.file_count, live, stderr)) {
    fprintf(stderr, "dsregdiag: out of memory\n");
    cli_sources_free(&sources);
    status = EXIT_TROUBLE;
    goto out;
  }

  cfg.format = opt.format;
  cfg.jobs = opt.jobs ? (int)opt.jobs : dsreg_cli_cpu_count();
  cfg.min_severity = opt.min_severity;
  cfg.text.color = opt.format == FORMAT_TEXT && want_color(&opt, cfg.out);
  cfg.progress = !opt.quiet && sources.count > 1 && dsreg_cli_isatty(stderr) &&
                 dsreg_cli_enable_ansi(stderr);
  cfg.records = !(opt.summary && opt.format == FORMAT_TEXT);
  cfg.summary = opt.summary ? &summary : NULL;

  if (opt.format == FORMAT_CSV) {
    dsreg_outbuf header = {0};
    dsreg_render_csv_header(&header, &cfg.columns);
    if (header.oom || fwrite(header.data, 1, header.len, cfg.out) != header.len)
      write_failed = 1;
    dsreg_outbuf_free(&header);
  }
  if (!write_failed)
    cli_run(&cfg, &sources, &res);
  write_failed |= res.write_failed;
  if (res.out_of_memory)
    fprintf(stderr, "dsregdiag: out of memory\n");

  if (opt.summary && !write_failed && !res.out_of_memory) {
    if (opt.format == FORMAT_JSON) {
      dsreg_outbuf b = {0};
      summary_render_json(&summary, &b);
      if (b.oom || fwrite(b.data, 1, b.len, cfg.out) != b.len)
        write_failed = 1;
      dsreg_outbuf_free(&b);
    } else {
      /* CSV stays a plain table: its summary goes to stderr. */
      summary_write_text(&summary, opt.format == FORMAT_CSV ? stderr : cfg.out);
    }
  }
  summary_free(&summary);
  cli_sources_free(&sources);

  if (res.source_failed || res.out_of_memory)
    status = EXIT_TROUBLE;
  else if (res.error_finding)
    status = EXIT_FINDINGS;
out:
  if (finish_output(cfg.out, write_failed,
                    res.write_errno ? res.write_errno : errno))
    status = EXIT_TROUBLE;
  if (tmp) {
    if (write_failed || res.out_of_memory) {
      dsreg_cli_remove(tmp);
    } else if (dsreg_cli_replace(tmp, opt.output)) {
      fprintf(stderr, "dsregdiag: %s: cannot replace: %s\n", opt.output,
              strerror(errno));
      dsreg_cli_remove(tmp);
      status = EXIT_TROUBLE;
    }
    free(tmp);
  }
  cli_free(&opt);
  return status;
}
