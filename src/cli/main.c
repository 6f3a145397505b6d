/*
 * main.c - dsregdiag: options, sources, output; the work is in runner.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "compare.h"
#include "completion.h"
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

/* Adds the rule id s[0..n) to `set`; false when no rule has that id. */
static bool disable_one(dsreg_rule_set *set, const char *s, size_t n) {
  /* The library takes NUL-terminated ids; one longer than this buffer is
   * no rule id either. */
  char id[128];
  if (n >= sizeof id)
    return false;
  memcpy(id, s, n);
  id[n] = '\0';
  return dsreg_rule_set_add(set, id) == DSREG_OK;
}

/* Turns --disable lists into the rule options; 0, or -1 on an unknown id. */
static int set_disabled(dsreg_rule_options *rules, const cli_options *o) {
  for (size_t i = 0; i < o->disable_count; i++) {
    const char *s = o->disable[i];
    while (*s) {
      size_t n = strcspn(s, ",");
      if (n && !disable_one(&rules->disabled, s, n)) {
        cli_say(stderr,
                "dsregdiag: unknown rule '%.*s' for '--disable'\n"
                "Try 'dsregdiag --list-rules' for the rule ids.\n",
                (int)n, s);
        return -1;
      }
      s += n + (s[n] == ',');
    }
  }
  return 0;
}

static int set_columns(dsreg_csv_columns *cols, const cli_options *o) {
  const char *bad;
  size_t bad_len;
  if (!o->columns) {
    dsreg_csv_columns_default(cols);
    return 0;
  }
  if (dsreg_csv_columns_parse(cols, o->columns, &bad, &bad_len) == DSREG_OK)
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
    if (dsreg_parse_iso8601(o->now, &rules->now_ms) != DSREG_OK) {
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
  else if (o->completion)
    (void)cli_completion(stdout, o->completion); /* checked by cli_parse */
  else if (catalog_explain(stdout, stderr, o->explain))
    rc = EXIT_TROUBLE;
  return finish_stdout() ? EXIT_TROUBLE : rc;
}

/* What --diff, --latest, --bom and no FILE at a terminal need of the other
 * options; 0, or -1 after saying what is wrong. */
static int mode_conflicts(const cli_options *o) {
  if (o->diff && (o->file_count < 1 || o->file_count > 2)) {
    cli_say(stderr,
            "dsregdiag: '--diff' needs BEFORE AFTER (two FILEs, or one log "
            "of exactly two captures)\n%s",
            HINT);
    return -1;
  }
  if (o->diff &&
      (o->format == FORMAT_CSV || o->format == FORMAT_MD ||
       o->format == FORMAT_HTML || o->summary || o->latest || o->live)) {
    cli_say(stderr,
            "dsregdiag: '--diff' writes text or json, and takes no "
            "'--summary', '--latest' or '--live'\n%s",
            HINT);
    return -1;
  }
  /* --diff reads its captures apart from the runner, where redaction is:
   * refused rather than printed with the identifiers left in. */
  if (o->diff && (o->redact || o->format == FORMAT_CAPTURE)) {
    cli_say(stderr,
            "dsregdiag: '--diff' takes no '--redact' or '--format capture'\n%s",
            HINT);
    return -1;
  }
  bool reads_stdin = o->file_count == 0 || o->live;
  for (size_t i = 0; i < o->file_count; i++)
    reads_stdin |= strcmp(o->files[i], "-") == 0;
  if (o->latest && reads_stdin) {
    cli_say(stderr,
            "dsregdiag: '--latest' needs FILE or folder arguments (it reads "
            "them twice; standard input cannot be)\n%s",
            HINT);
    return -1;
  }
  if (o->flat && o->format != FORMAT_JSON) {
    cli_say(stderr, "dsregdiag: '--flat' needs '--format json'\n%s", HINT);
    return -1;
  }
  if (o->diff && (o->flat || o->format == FORMAT_LINE)) {
    cli_say(stderr,
            "dsregdiag: '--diff' takes no '--flat' or '--format line'\n%s",
            HINT);
    return -1;
  }
  if (o->bom != BOM_AUTO && o->format != FORMAT_CSV) {
    cli_say(stderr, "dsregdiag: '--%s' needs '--format csv'\n%s",
            o->bom == BOM_ALWAYS ? "bom" : "no-bom", HINT);
    return -1;
  }
  /* Waiting silently for a paste that never comes looks like a hang; on
   * Windows this case is live mode instead. */
  if (!o->live && o->file_count == 0 && !dsreg_cli_live_by_default() &&
      dsreg_cli_isatty(stdin)) {
    cli_say(stderr,
            "dsregdiag: no FILE given and standard input is a terminal: pipe "
            "in 'dsregcmd /status' or name a capture file or folder\n%s",
            HINT);
    return -1;
  }
  return 0;
}

/* The run's settings from the options, in the order their errors are
 * reported; 0, or -1 after saying what is wrong. */
static int configure(cli_run_config *cfg, const cli_options *o) {
  dsreg_rule_options_init(&cfg->rules);
  dsreg_text_options_init(&cfg->style.text);
  cfg->rules.warn_days = (int)o->warn_days;
  cfg->rules.prt_stale_hours = (int)o->prt_stale_hours;
  if (set_now(&cfg->rules, o) || set_disabled(&cfg->rules, o) ||
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
  if (mode_conflicts(o))
    return -1;
  cfg->reporter =
      o->flat ? cli_reporter_json_flat() : cli_reporter_for(o->format);
  cfg->rules.no_texts = cfg->reporter->no_texts;
  cfg->jobs = o->jobs ? (int)o->jobs : dsreg_cli_cpu_count();
  cfg->min_severity = o->min_severity;
  cfg->redact = o->redact;
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

/* One line for the names a folder walk left out, so that a share mounted
 * from Windows or a Mac does not look smaller than it is for no reason. */
static void say_left_out(const cli_sources *s) {
  unsigned long skipped = cli_sources_skipped(s);
  unsigned long unpicked = cli_sources_unpicked(s);
  if (skipped)
    cli_say(stderr,
            "dsregdiag: skipped %lu system or dot file%s in folders "
            "(Thumbs.db, desktop.ini, .DS_Store, .*)\n",
            skipped, skipped == 1 ? "" : "s");
  if (unpicked)
    cli_say(stderr,
            "dsregdiag: left out %lu file%s in folders that --include or "
            "--exclude did not pick\n",
            unpicked, unpicked == 1 ? "" : "s");
}

/* The first pass of --latest: every source parsed, nothing written, the
 * newest capture of each device in cfg->latest.  0, or -1 when out of
 * memory or the run must stop. */
static int scan_latest(const cli_run_config *cfg, const cli_options *o) {
  cli_run_config scan = *cfg;
  cli_run_result res;
  scan.latest_scan = true;
  scan.records = false;
  scan.summary = NULL;
  scan.progress = false;
  cli_sources *sources =
      cli_sources_open((const char *const *)o->files, o->file_count, false);
  if (!sources)
    return -1;
  cli_sources_pick(sources, o->include, o->include_count, o->exclude,
                   o->exclude_count, dsreg_cli_names_fold_case);
  int rc = cli_run(&scan, sources, &res);
  cli_sources_close(sources);
  return rc || res.out_of_memory ? -1 : 0;
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
  cfg->live_stdin = o->live && dsreg_cli_live_from_stdin();
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
    cli_sources_pick(sources, o->include, o->include_count, o->exclude,
                     o->exclude_count, dsreg_cli_names_fold_case);
    /* Excel reads a CSV without a BOM in the ANSI code page; a script
     * reading a pipe does not expect one. */
    bool bom = o->format == FORMAT_CSV &&
               (o->bom == BOM_ALWAYS ||
                (o->bom == BOM_AUTO && o->output && !out->flush_each));
    if (bom)
      cli_output_write(out, "\xEF\xBB\xBF", 3);
    cfg->reporter->begin(&cfg->style, &rep);
    res.out_of_memory = !emit(out, &rep, &diag);
  }
  if (cfg->latest && !res.out_of_memory && scan_latest(cfg, o))
    res.out_of_memory = true;
  if (!res.out_of_memory && !out->failed)
    cli_run(cfg, sources, &res);
  if (cfg->latest && !res.out_of_memory) {
    size_t devices = cli_latest_devices(cfg->latest);
    cli_say(stderr,
            "dsregdiag: --latest: the newest capture of %zu device%s kept, "
            "%lu older capture%s skipped\n",
            devices, devices == 1 ? "" : "s", res.older_skipped,
            res.older_skipped == 1 ? "" : "s");
    if (cfg->summary) {
      cfg->summary->latest = true;
      cfg->summary->older_skipped = res.older_skipped;
    }
  }
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
  if (sources)
    say_left_out(sources);
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
  bool failed;

  memset(&cfg, 0, sizeof cfg);
  if (configure(&cfg, o))
    return EXIT_TROUBLE;
  if (summary_init(&summary) ||
      (o->format == FORMAT_HTML &&
       cli_html_open(&cfg.style, &cfg.rules, cfg.jobs))) {
    cli_say(stderr, "dsregdiag: out of memory\n");
    cli_html_close(&cfg.style);
    summary_free(&summary);
    return EXIT_TROUBLE;
  }
  cfg.summary = o->summary ? &summary : NULL;
  cfg.encoding = o->encoding;
  if (o->latest && !(cfg.latest = cli_latest_new())) {
    cli_say(stderr, "dsregdiag: out of memory\n");
    cli_html_close(&cfg.style);
    summary_free(&summary);
    return EXIT_TROUBLE;
  }
  dsreg_cli_binary_stdio();
  /* From here on a failure of any kind must leave -o FILE as it was. */
  int status = EXIT_TROUBLE;
  if (cli_output_open(&out, o->output, stderr) == 0) {
    if (o->diff) {
      status = cli_compare(&cfg, o, &out);
      failed = status == EXIT_TROUBLE || out.failed;
    } else {
      status = report(&cfg, o, &out, &failed);
    }
    if (cli_output_close(&out, !failed, stderr))
      status = EXIT_TROUBLE;
  }
  cli_latest_free(cfg.latest);
  cli_html_close(&cfg.style);
  summary_free(&summary);
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
  if (opt.help || opt.version || opt.list_rules || opt.explain ||
      opt.completion)
    status = informational(&opt);
  else
    status = diagnose(&opt);
  cli_free(&opt);
  return status;
}
