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
#include "reporters.h"
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

/* Columns to wrap the text report at: --width, else the terminal's when
 * the report goes to one, else 100 (what a ticket or a mail shows). */
static unsigned text_width(const cli_options *o) {
  unsigned tty = o->output ? 0 : dsreg_cli_terminal_width(stdout);
  if (o->width >= 0)
    return (unsigned)o->width;
  return tty ? tty : 100;
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

/* The run's settings from the options, in the order their errors are
 * reported; 0, or -1 after saying what is wrong. */
static int configure(cli_run_config *cfg, bool **disabled,
                     const cli_options *o) {
  dsreg_rule_options_init(&cfg->rules);
  cfg->rules.warn_days = (int)o->warn_days;
  cfg->rules.prt_stale_hours = (int)o->prt_stale_hours;
  if (set_now(&cfg->rules, o) || set_disabled(&cfg->rules, disabled, o) ||
      set_columns(&cfg->style.columns, o))
    return -1;
  if (o->live && o->file_count) {
    cli_say(stderr, "dsregdiag: '--live' takes no FILE\n%s", HINT);
    return -1;
  }
  if (o->columns && o->format != FORMAT_CSV) {
    cli_say(stderr, "dsregdiag: '--columns' needs '--format csv'\n%s", HINT);
    return -1;
  }
  cfg->reporter = cli_reporter_for(o->format);
  cfg->jobs = o->jobs ? (int)o->jobs : dsreg_cli_cpu_count();
  cfg->min_severity = o->min_severity;
  /* A text summary stands alone; JSON and CSV keep their records. */
  cfg->records = !(o->summary && o->format == FORMAT_TEXT);
  return 0;
}

/* Writes and frees what a reporter rendered: `report` to the output,
 * `diag` to stderr.  False (nothing written) when memory ran out. */
static bool emit(cli_output *out, dsreg_outbuf *report, dsreg_outbuf *diag) {
  bool ok = !report->oom && !diag->oom;
  if (ok && diag->len)
    fwrite(diag->data, 1, diag->len, stderr);
  if (ok && report->len)
    cli_output_write(out, report->data, report->len);
  dsreg_outbuf_free(report);
  dsreg_outbuf_free(diag);
  return ok;
}

/* Reads every source into the open output: the reporter's opening, the
 * records, the summary.  The exit status, before the output is closed;
 * *failed says whether the report is incomplete. */
static int report(cli_run_config *cfg, const cli_options *o, cli_output *out,
                  bool *failed) {
  cli_run_result res;
  dsreg_outbuf rep = {0}, diag = {0};
  memset(&res, 0, sizeof res);
  bool live = o->live || (o->file_count == 0 && dsreg_cli_live_by_default());
  cli_sources *sources =
      cli_sources_open((const char *const *)o->files, o->file_count, live);
  if (!sources)
    res.out_of_memory = true;
  cfg->out = out;
  cfg->style.text.color =
      o->format == FORMAT_TEXT &&
      (o->output ? o->color == COLOR_ALWAYS : want_color(o, stdout));
  cfg->style.text.width = text_width(o);
  cfg->progress = !o->quiet && sources && cli_sources_many(sources) &&
                  dsreg_cli_isatty(stderr) && dsreg_cli_enable_ansi(stderr);

  if (sources) {
    cfg->reporter->begin(&cfg->style, &rep);
    res.out_of_memory = !emit(out, &rep, &diag);
  }
  if (!res.out_of_memory && !out->failed)
    cli_run(cfg, sources, &res);
  if (res.out_of_memory)
    cli_say(stderr, "dsregdiag: out of memory\n");
  if (sources && cfg->reporter->end && !out->failed && !res.out_of_memory) {
    cfg->reporter->end(&cfg->style, &rep);
    res.out_of_memory = !emit(out, &rep, &diag);
  }
  if (cfg->summary && !out->failed && !res.out_of_memory) {
    cfg->reporter->summary(cfg->summary, &rep, &diag);
    res.out_of_memory = !emit(out, &rep, &diag);
  }
  cli_sources_close(sources);

  *failed = !sources || out->failed || res.out_of_memory;
  if (res.source_failed || *failed)
    return EXIT_TROUBLE;
  return res.error_finding ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* Everything but the informational options. */
static int diagnose(const cli_options *o) {
  cli_run_config cfg;
  cli_output out;
  cli_summary summary;
  bool *disabled = NULL, failed;

  memset(&cfg, 0, sizeof cfg);
  if (configure(&cfg, &disabled, o)) {
    free(disabled);
    return EXIT_TROUBLE;
  }
  if (summary_init(&summary) ||
      (o->format == FORMAT_HTML &&
       cli_html_open(&cfg.style, &cfg.rules, cfg.jobs))) {
    cli_say(stderr, "dsregdiag: out of memory\n");
    cli_html_close(&cfg.style);
    summary_free(&summary);
    free(disabled);
    return EXIT_TROUBLE;
  }
  cfg.summary = o->summary ? &summary : NULL;
  cfg.encoding = o->encoding;
  dsreg_cli_binary_stdio();
  /* From here on a failure of any kind must leave -o FILE as it was. */
  int status = EXIT_TROUBLE;
  if (cli_output_open(&out, o->output, stderr) == 0) {
    status = report(&cfg, o, &out, &failed);
    if (cli_output_close(&out, !failed, stderr))
      status = EXIT_TROUBLE;
  }
  cli_html_close(&cfg.style);
  summary_free(&summary);
  free(disabled);
  return status;
}

int main(int argc, char **argv) {
  cli_options opt;
  int status;

  dsreg_cli_utf8_args(&argc, &argv);
  if (cli_parse(argc, argv, &opt, stderr)) {
    cli_free(&opt);
    return EXIT_TROUBLE;
  }
  if (opt.help || opt.version || opt.list_rules || opt.explain)
    status = informational(&opt);
  else
    status = diagnose(&opt);
  cli_free(&opt);
  return status;
}
