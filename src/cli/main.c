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
#include "output.h"
#include "platform.h"
#include "runner.h"
#include "say.h"
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

/* Flushes stdout after --help and the like; reports a failure the way jq
 * does. */
static int finish_stdout(void) {
  int err = 0;
  if (fflush(stdout) != 0 || ferror(stdout))
    err = errno ? errno : EIO;
  if (err && !dsreg_cli_reader_gone(1, err)) {
    cli_say(stderr, "dsregdiag: error: writing output failed: %s\n",
            strerror(err));
  }
  return err ? -1 : 0;
}

/* Turns --disable lists into the rule options; 0, or -1 on an unknown id. */
static int set_disabled(dsreg_rule_options *rules, bool **disabled,
                        const cli_options *o) {
  /* One flag per rule of the table, however many there are. */
  if (!(*disabled = calloc(dsreg_rule_count() + 1, sizeof **disabled))) {
    cli_say(stderr, "dsregdiag: out of memory\n");
    return -1;
  }
  for (size_t i = 0; i < o->disable_count; i++) {
    const char *s = o->disable[i];
    while (*s) {
      size_t n = strcspn(s, ",");
      if (n) {
        const dsreg_rule *rule = NULL;
        for (size_t k = 0; k < dsreg_rule_count() && !rule; k++) {
          const dsreg_rule *r = dsreg_rule_at(k);
          if (strlen(r->id) == n && memcmp(r->id, s, n) == 0) {
            rule = r;
            (*disabled)[k] = true;
          }
        }
        if (!rule) {
          cli_say(stderr,
                  "dsregdiag: unknown rule '%.*s' for '--disable'\n"
                  "Try 'dsregdiag --list-rules' for the rule ids.\n",
                  (int)n, s);
          return -1;
        }
      }
      s += n + (s[n] == ',');
    }
  }
  rules->disabled = *disabled;
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
  cli_say(stderr,
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
      cli_say(stderr,
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
  return finish_stdout() ? EXIT_TROUBLE : rc;
}

int main(int argc, char **argv) {
  cli_options opt;
  cli_run_config cfg;
  cli_run_result res;
  cli_output out;
  cli_summary summary;
  bool *disabled = NULL;
  int status = EXIT_CLEAN;

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
  dsreg_rule_options_init(&cfg.rules);
  cfg.rules.warn_days = (int)opt.warn_days;
  cfg.rules.prt_stale_hours = (int)opt.prt_stale_hours;
  if (set_now(&cfg.rules, &opt) || set_disabled(&cfg.rules, &disabled, &opt) ||
      set_columns(&cfg.columns, &opt)) {
    free(disabled);
    cli_free(&opt);
    return EXIT_TROUBLE;
  }
  if (opt.live && opt.file_count) {
    cli_say(stderr, "dsregdiag: '--live' takes no FILE\n%s", HINT);
    status = EXIT_TROUBLE;
  } else if (opt.columns && opt.format != FORMAT_CSV) {
    cli_say(stderr, "dsregdiag: '--columns' needs '--format csv'\n%s", HINT);
    status = EXIT_TROUBLE;
  } else if (summary_init(&summary)) {
    cli_say(stderr, "dsregdiag: out of memory\n");
    status = EXIT_TROUBLE;
  }
  if (status) {
    free(disabled);
    cli_free(&opt);
    return status;
  }

  dsreg_cli_binary_stdio();
  /* From here on a failure of any kind must leave -o FILE as it was. */
  if (cli_output_open(&out, opt.output, stderr)) {
    summary_free(&summary);
    free(disabled);
    cli_free(&opt);
    return EXIT_TROUBLE;
  }
  bool live = opt.live || (opt.file_count == 0 && dsreg_cli_live_by_default());
  cli_sources *sources =
      cli_sources_open((const char *const *)opt.files, opt.file_count, live);
  bool failed = sources == NULL;
  if (!sources)
    res.out_of_memory = true;

  cfg.out = &out;
  cfg.format = opt.format;
  cfg.jobs = opt.jobs ? (int)opt.jobs : dsreg_cli_cpu_count();
  cfg.min_severity = opt.min_severity;
  cfg.text.color =
      opt.format == FORMAT_TEXT &&
      (opt.output ? opt.color == COLOR_ALWAYS : want_color(&opt, stdout));
  cfg.progress = !opt.quiet && sources && cli_sources_many(sources) &&
                 dsreg_cli_isatty(stderr) && dsreg_cli_enable_ansi(stderr);
  cfg.records = !(opt.summary && opt.format == FORMAT_TEXT);
  cfg.summary = opt.summary ? &summary : NULL;

  if (!failed && opt.format == FORMAT_CSV) {
    dsreg_outbuf header = {0};
    dsreg_render_csv_header(&header, &cfg.columns);
    if (header.oom)
      res.out_of_memory = true;
    else
      cli_output_write(&out, header.data, header.len);
    dsreg_outbuf_free(&header);
  }
  if (!res.out_of_memory && !out.failed)
    cli_run(&cfg, sources, &res);
  if (res.out_of_memory)
    cli_say(stderr, "dsregdiag: out of memory\n");

  if (opt.summary && !out.failed && !res.out_of_memory) {
    dsreg_outbuf b = {0};
    if (opt.format == FORMAT_JSON)
      summary_render_json(&summary, &b);
    else
      summary_render_text(&summary, &b);
    if (b.oom)
      res.out_of_memory = true;
    else if (opt.format == FORMAT_CSV) /* CSV stays a plain table */
      fwrite(b.data, 1, b.len, stderr);
    else
      cli_output_write(&out, b.data, b.len);
    dsreg_outbuf_free(&b);
  }
  summary_free(&summary);
  cli_sources_close(sources);

  failed = failed || out.failed || res.out_of_memory;
  if (res.source_failed || failed)
    status = EXIT_TROUBLE;
  else if (res.error_finding)
    status = EXIT_FINDINGS;
  if (cli_output_close(&out, !failed, stderr))
    status = EXIT_TROUBLE;
  free(disabled);
  cli_free(&opt);
  return status;
}
