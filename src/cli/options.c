/*
 * options.c - option table, parsing and help, in the manner of git and jq:
 * --long=value and --long value, -x value and -xvalue, "--" ends options,
 * "-" is stdin, usage errors go to stderr with a hint and exit 2.
 */
#include "options.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/capture.h"
#include "dsreg/csv.h"
#include "dsreg/rules.h"
#include "dsreg/version.h"
#include "say.h"

typedef enum opt_id {
  OPT_BOM,
  OPT_COLOR,
  OPT_COLUMNS,
  OPT_COMPLETION,
  OPT_DIFF,
  OPT_DISABLE,
  OPT_ENCODING,
  OPT_EXCLUDE,
  OPT_EXPLAIN,
  OPT_FLAT,
  OPT_FORMAT,
  OPT_HELP,
  OPT_INCLUDE,
  OPT_JOBS,
  OPT_LATEST,
  OPT_LIST_RULES,
  OPT_LIVE,
  OPT_MIN_SEVERITY,
  OPT_NO_BOM,
  OPT_NOW,
  OPT_OUTPUT,
  OPT_PRT_STALE_HOURS,
  OPT_QUIET,
  OPT_REDACT,
  OPT_SUMMARY,
  OPT_VERSION,
  OPT_WARN_DAYS,
  OPT_WIDTH
} opt_id;

typedef enum arg_kind { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL } arg_kind;

typedef struct opt_def {
  const char *name; /* long name; the table is sorted by it */
  char short_name;  /* 0 when none */
  arg_kind arg;
  opt_id id;
  const char *metavar;
  const char *help;
} opt_def;

/* Sorted by long name (test_cli_options checks it through --help), like
 * curl's table. */
static const opt_def OPTIONS[] = {
    {"bom", 0, ARG_NONE, OPT_BOM, NULL,
     "with --format csv: start with a UTF-8 byte order mark on a pipe or "
     "terminal too (a file gets one by default: Excel needs it to read "
     "UTF-8)"},
    {"color", 0, ARG_OPTIONAL, OPT_COLOR, "WHEN",
     "colour the text report: auto (default: only on a terminal, and not "
     "when NO_COLOR is set), always or never"},
    {"columns", 0, ARG_REQUIRED, OPT_COLUMNS, "A,B,C",
     "with --format csv: the columns, in this order (see Columns below)"},
    {"completion", 0, ARG_REQUIRED, OPT_COMPLETION, "SHELL",
     "print a completion script for SHELL (bash, zsh, fish or powershell) "
     "and exit"},
    {"diff", 0, ARG_NONE, OPT_DIFF, NULL,
     "compare two captures: FILE BEFORE and FILE AFTER, or one FILE (a log) "
     "of exactly two; join type, fields changed, added and removed, "
     "findings resolved and new; text or json; exit 1 when AFTER has an "
     "error-severity finding"},
    {"disable", 0, ARG_REQUIRED, OPT_DISABLE, "RULE[,RULE...]",
     "do not run these rules (see --list-rules); may be repeated"},
    {"encoding", 0, ARG_REQUIRED, OPT_ENCODING, "NAME",
     "read the input as NAME instead of detecting it: auto (default), "
     "utf-8, utf-16le, utf-16be, cp437, cp850 (cmd's OEM page in Western "
     "Europe) or cp1252 (Windows ANSI)"},
    {"exclude", 0, ARG_REQUIRED, OPT_EXCLUDE, "GLOB",
     "in folders, leave out files whose name matches GLOB (see Sources "
     "below); may be repeated"},
    {"explain", 0, ARG_REQUIRED, OPT_EXPLAIN, "CODE|RULE",
     "print what is known about an error code (0x801c03f2, AADSTS50126, "
     "12029) or a rule id, and exit"},
    {"flat", 0, ARG_NONE, OPT_FLAT, NULL,
     "with --format json: one level, snake_case keys (the CSV columns), for "
     "Log Analytics custom tables and ConvertFrom-Json "
     "(docs/log-analytics.md)"},
    {"format", 'f', ARG_REQUIRED, OPT_FORMAT, "FORMAT",
     "text (default): a readable report; md: the same report as Markdown, "
     "for tickets; json: JSON Lines, one object per capture; csv: one row "
     "per capture, for spreadsheets; capture: the capture itself, as "
     "dsregcmd /status prints it (with --redact: safe to post); line: one "
     "line per capture of at most 2,048 bytes, root cause first, for "
     "Intune and RMM detection scripts; html: one self-contained page with "
     "charts and a sortable device table"},
    {"help", 'h', ARG_NONE, OPT_HELP, NULL, "show this help and exit"},
    {"include", 0, ARG_REQUIRED, OPT_INCLUDE, "GLOB",
     "in folders, read only files whose name matches GLOB, or one of them "
     "when repeated (see Sources below)"},
    {"jobs", 'j', ARG_REQUIRED, OPT_JOBS, "N",
     "read N sources in parallel, or the parts of one big log file read "
     "alone (default: the number of processors); the output does not "
     "change"},
    {"latest", 0, ARG_NONE, OPT_LATEST, NULL,
     "keep only the newest capture of each device (by DeviceId, else "
     "device name, else file; newest by Client Time, else the file's "
     "modification time) and say how many older ones were skipped; needs "
     "FILE"},
    {"list-rules", 0, ARG_OPTIONAL, OPT_LIST_RULES, "FORMAT",
     "print the rule catalogue and exit; FORMAT text (default) or md"},
    {"live", 0, ARG_NONE, OPT_LIVE, NULL,
     "run 'dsregcmd /status' and analyse its output (the default on Windows "
     "when nothing is piped in and no FILE is given); outside Windows, a "
     "capture piped in is read as the live one"},
    {"min-severity", 0, ARG_REQUIRED, OPT_MIN_SEVERITY, "LEVEL",
     "show only findings of LEVEL or above: info (default), warning, error"},
    {"no-bom", 0, ARG_NONE, OPT_NO_BOM, NULL,
     "with --format csv: no byte order mark, in a file too"},
    {"now", 0, ARG_REQUIRED, OPT_NOW, "TIME",
     "judge dates against TIME (ISO 8601 UTC, e.g. 2025-03-09T11:00:00Z) "
     "when a capture has no Client Time; default: the clock, and PRT age is "
     "then judged only for standard input"},
    {"output", 'o', ARG_REQUIRED, OPT_OUTPUT, "FILE",
     "write to FILE instead of standard output (replaced only when the run "
     "completes); - is standard output"},
    {"prt-stale-hours", 0, ARG_REQUIRED, OPT_PRT_STALE_HOURS, "N",
     "a PRT not updated for more than N hours is stale "
     "(default " DSREG_STRINGIFY(DSREG_DEFAULT_PRT_STALE_HOURS) ")"},
    {"quiet", 'q', ARG_NONE, OPT_QUIET, NULL, "no progress line on a terminal"},
    {"redact", 0, ARG_NONE, OPT_REDACT, NULL,
     "replace every identifier (device, user, tenant and domain names, ids, "
     "addresses, file names) with a pseudonym, the same one for the same "
     "value in the whole run, in every format (docs/redact.md)"},
    {"summary", 0, ARG_NONE, OPT_SUMMARY, NULL,
     "count captures by join type and by rule across all sources: alone "
     "with --format text, as a last {\"summary\": ...} line with json, on "
     "stderr with csv"},
    {"version", 'V', ARG_NONE, OPT_VERSION, NULL, "show the version and exit"},
    {"warn-days", 0, ARG_REQUIRED, OPT_WARN_DAYS, "N",
     "warn about certificates that expire within N days "
     "(default " DSREG_STRINGIFY(DSREG_DEFAULT_WARN_DAYS) ")"},
    {"width", 0, ARG_REQUIRED, OPT_WIDTH, "N",
     "wrap the text report at N columns (default: the terminal's width, "
     "else 100); 0 does not wrap"},
};

#define OPTION_COUNT (sizeof OPTIONS / sizeof OPTIONS[0])

static const char *const SHELLS[] = {"bash", "zsh", "fish", "powershell", NULL};

size_t cli_option_count(void) { return OPTION_COUNT; }

void cli_option_at(size_t i, cli_option_view *v) {
  const opt_def *d = &OPTIONS[i];
  v->name = d->name;
  v->short_name = d->short_name;
  v->takes_arg = d->arg != ARG_NONE;
  v->arg_optional = d->arg == ARG_OPTIONAL;
  v->file_arg = d->id == OPT_OUTPUT;
  v->metavar = d->metavar;
  v->help = d->help;
}

/* The words apply() accepts, for completion; test_cli_options parses each
 * one back, so a word here that apply() refuses fails the build. */
const char *cli_option_value(size_t i, size_t k) {
  static const char *const FORMATS[] = {"text",    "md",   "json", "csv",
                                        "capture", "line", "html", NULL};
  static const char *const COLORS[] = {"auto", "always", "never", NULL};
  static const char *const LISTS[] = {"text", "md", NULL};
  static const char *const LEVELS[] = {"info", "warning", "error", NULL};
  static const char *const ENCODINGS[] = {"auto",     "utf-8", "utf-16le",
                                          "utf-16be", "cp437", "cp850",
                                          "cp1252",   NULL};
  const char *const *list = NULL;
  switch (OPTIONS[i].id) {
  case OPT_FORMAT:
    list = FORMATS;
    break;
  case OPT_COLOR:
    list = COLORS;
    break;
  case OPT_LIST_RULES:
    list = LISTS;
    break;
  case OPT_MIN_SEVERITY:
    list = LEVELS;
    break;
  case OPT_ENCODING:
    list = ENCODINGS;
    break;
  case OPT_COMPLETION:
    list = SHELLS;
    break;
  case OPT_DISABLE:
  case OPT_EXPLAIN: /* codes too, but too many to offer */
    return k < dsreg_rule_count() ? dsreg_rule_at(k)->id : NULL;
  case OPT_COLUMNS:
    return k < dsreg_csv_column_count() ? dsreg_csv_column_name(k) : NULL;
  default:
    return NULL;
  }
  for (size_t n = 0; list[n]; n++)
    if (n == k)
      return list[n];
  return NULL;
}

static void hint(FILE *err) {
  cli_say(err, "Try 'dsregdiag --help' for more information.\n");
}

static int number(const char *name, const char *arg, long max, long *out,
                  FILE *err) {
  char *end;
  long v = strtol(arg, &end, 10);
  if (!*arg || *end || v < 0 || v > max) {
    cli_say(err,
            "dsregdiag: invalid argument '%s' for '--%s' (a whole "
            "number from 0 to %ld)\n",
            arg, name, max);
    return -1;
  }
  *out = v;
  return 0;
}

static int apply(const opt_def *d, const char *arg, cli_options *o, FILE *err) {
  switch (d->id) {
  case OPT_BOM:
    o->bom = BOM_ALWAYS;
    return 0;
  case OPT_NO_BOM:
    o->bom = BOM_NEVER;
    return 0;
  case OPT_COMPLETION:
    for (size_t k = 0; arg && SHELLS[k]; k++)
      if (strcmp(arg, SHELLS[k]) == 0) {
        o->completion = SHELLS[k];
        return 0;
      }
    cli_say(err,
            "dsregdiag: invalid argument '%s' for '--completion' (bash, "
            "zsh, fish or powershell)\n",
            arg);
    return -1;
  case OPT_INCLUDE:
    o->include[o->include_count++] = arg;
    return 0;
  case OPT_EXCLUDE:
    o->exclude[o->exclude_count++] = arg;
    return 0;
  case OPT_LATEST:
    o->latest = true;
    return 0;
  case OPT_DIFF:
    o->diff = true;
    return 0;
  case OPT_DISABLE:
    o->disable[o->disable_count++] = arg;
    return 0;
  case OPT_ENCODING:
    if (!dsreg_encoding_from_name(arg, &o->encoding)) {
      cli_say(err,
              "dsregdiag: invalid argument '%s' for '--encoding' (auto, "
              "utf-8, utf-16le, utf-16be, cp437, cp850 or cp1252)\n",
              arg);
      return -1;
    }
    return 0;
  case OPT_EXPLAIN:
    o->explain = arg;
    return 0;
  case OPT_LIST_RULES:
    if (!arg || strcmp(arg, "text") == 0)
      o->list_rules = "text";
    else if (strcmp(arg, "md") == 0 || strcmp(arg, "markdown") == 0)
      o->list_rules = "md";
    else {
      cli_say(err,
              "dsregdiag: invalid argument '%s' for '--list-rules' "
              "(text or md)\n",
              arg);
      return -1;
    }
    return 0;
  case OPT_MIN_SEVERITY:
    if (strcmp(arg, "info") == 0)
      o->min_severity = 1;
    else if (strcmp(arg, "warning") == 0)
      o->min_severity = 2;
    else if (strcmp(arg, "error") == 0)
      o->min_severity = 3;
    else {
      cli_say(err,
              "dsregdiag: invalid argument '%s' for '--min-severity' "
              "(info, warning or error)\n",
              arg);
      return -1;
    }
    return 0;
  case OPT_NOW:
    o->now = arg;
    return 0;
  case OPT_COLUMNS:
    o->columns = arg;
    return 0;
  case OPT_JOBS:
    return number(d->name, arg, 256, &o->jobs, err);
  case OPT_QUIET:
    o->quiet = true;
    return 0;
  case OPT_LIVE:
    o->live = true;
    return 0;
  case OPT_FLAT:
    o->flat = true;
    return 0;
  case OPT_REDACT:
    o->redact = true;
    return 0;
  case OPT_SUMMARY:
    o->summary = true;
    return 0;
  case OPT_PRT_STALE_HOURS:
    return number(d->name, arg, 24 * 365, &o->prt_stale_hours, err);
  case OPT_WARN_DAYS:
    return number(d->name, arg, 36500, &o->warn_days, err);
  case OPT_WIDTH:
    return number(d->name, arg, 10000, &o->width, err);
  case OPT_COLOR:
    if (!arg || strcmp(arg, "always") == 0)
      o->color = COLOR_ALWAYS;
    else if (strcmp(arg, "auto") == 0)
      o->color = COLOR_AUTO;
    else if (strcmp(arg, "never") == 0)
      o->color = COLOR_NEVER;
    else {
      cli_say(err,
              "dsregdiag: invalid argument '%s' for '--color' "
              "(auto, always or never)\n",
              arg);
      return -1;
    }
    return 0;
  case OPT_FORMAT:
    if (strcmp(arg, "text") == 0)
      o->format = FORMAT_TEXT;
    else if (strcmp(arg, "json") == 0)
      o->format = FORMAT_JSON;
    else if (strcmp(arg, "csv") == 0)
      o->format = FORMAT_CSV;
    else if (strcmp(arg, "md") == 0 || strcmp(arg, "markdown") == 0)
      o->format = FORMAT_MD;
    else if (strcmp(arg, "capture") == 0)
      o->format = FORMAT_CAPTURE;
    else if (strcmp(arg, "line") == 0)
      o->format = FORMAT_LINE;
    else if (strcmp(arg, "html") == 0)
      o->format = FORMAT_HTML;
    else {
      cli_say(err,
              "dsregdiag: invalid argument '%s' for '--format' "
              "(text, md, json, csv, capture, line or html)\n",
              arg);
      return -1;
    }
    return 0;
  case OPT_HELP:
    o->help = true;
    return 0;
  case OPT_OUTPUT:
    o->output = arg && strcmp(arg, "-") == 0 ? NULL : arg; /* - : stdout */
    return 0;
  case OPT_VERSION:
    o->version = true;
    return 0;
  }
  return -1;
}

static const opt_def *find_long(const char *name, size_t len) {
  for (size_t i = 0; i < OPTION_COUNT; i++)
    if (strlen(OPTIONS[i].name) == len &&
        memcmp(OPTIONS[i].name, name, len) == 0)
      return &OPTIONS[i];
  return NULL;
}

static const opt_def *find_short(char c) {
  for (size_t i = 0; i < OPTION_COUNT; i++)
    if (OPTIONS[i].short_name == c)
      return &OPTIONS[i];
  return NULL;
}

int cli_parse(int argc, char **argv, cli_options *o, FILE *err) {
  int only_files = 0;
  memset(o, 0, sizeof *o);
  o->warn_days = DSREG_DEFAULT_WARN_DAYS;
  o->prt_stale_hours = DSREG_DEFAULT_PRT_STALE_HOURS;
  o->min_severity = 1;
  o->width = -1;
  o->files = calloc((size_t)argc + 1, sizeof *o->files);
  o->disable = calloc((size_t)argc + 1, sizeof *o->disable);
  o->include = calloc((size_t)argc + 1, sizeof *o->include);
  o->exclude = calloc((size_t)argc + 1, sizeof *o->exclude);
  if (!o->files || !o->disable || !o->include || !o->exclude) {
    cli_say(err, "dsregdiag: out of memory\n");
    return -1;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
      o->files[o->file_count++] = a;
      continue;
    }
    if (strcmp(a, "--") == 0) {
      only_files = 1;
      continue;
    }
    const opt_def *d;
    const char *arg = NULL;
    if (a[1] == '-') {
      const char *eq = strchr(a + 2, '=');
      size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
      d = find_long(a + 2, len);
      if (!d) {
        cli_say(err, "dsregdiag: unknown option '%.*s'\n", (int)(len + 2), a);
        hint(err);
        return -1;
      }
      if (eq) {
        if (d->arg == ARG_NONE) {
          cli_say(err, "dsregdiag: option '--%s' takes no argument\n", d->name);
          hint(err);
          return -1;
        }
        arg = eq + 1;
      } else if (d->arg == ARG_REQUIRED) {
        if (i + 1 >= argc) {
          cli_say(err, "dsregdiag: option '--%s' needs an argument\n", d->name);
          hint(err);
          return -1;
        }
        arg = argv[++i];
      }
      if (apply(d, arg, o, err)) {
        hint(err);
        return -1;
      }
      continue;
    }
    /* Bundled short options: -hV, -fjson, -f json. */
    for (const char *c = a + 1; *c; c++) {
      d = find_short(*c);
      if (!d) {
        cli_say(err, "dsregdiag: unknown option '-%c'\n", *c);
        hint(err);
        return -1;
      }
      if (d->arg == ARG_REQUIRED) {
        if (c[1])
          arg = c + 1;
        else if (i + 1 < argc)
          arg = argv[++i];
        else {
          cli_say(err, "dsregdiag: option '-%c' needs an argument\n", *c);
          hint(err);
          return -1;
        }
        if (apply(d, arg, o, err)) {
          hint(err);
          return -1;
        }
        break;
      }
      if (apply(d, NULL, o, err)) {
        hint(err);
        return -1;
      }
    }
  }
  return 0;
}

void cli_free(cli_options *o) {
  free(o->files);
  free(o->disable);
  free(o->include);
  free(o->exclude);
  o->files = o->disable = o->include = o->exclude = NULL;
}

/* Prints `text` wrapped at 79 columns, every line indented by `indent`. */
static void wrap(FILE *out, const char *text, int indent, int first_col) {
  int col = first_col;
  const char *s = text;
  while (*s) {
    const char *sp = strchr(s, ' ');
    int len = sp ? (int)(sp - s) : (int)strlen(s);
    if (col + 1 + len > 79 && col > indent) {
      fprintf(out, "\n%*s", indent, "");
      col = indent;
    } else if (col > indent) {
      fputc(' ', out);
      col++;
    }
    fprintf(out, "%.*s", len, s);
    col += len;
    s += len;
    while (*s == ' ')
      s++;
  }
  fputc('\n', out);
}

/* The prose of --help and of the manual page, written once. */
static const char USAGE_INTRO[] =
    "Reads the output of 'dsregcmd /status' (piped in, or saved files in any\n"
    "encoding Windows writes: UTF-16 from PowerShell 5.1, UTF-8, CRLF...),\n"
    "tells the device's join type and reports what it found.  With no FILE,\n"
    "or when FILE is -, reads standard input.  A file may hold several\n"
    "captures, one after another.\n";
static const char USAGE_SOURCES[] =
    "FILE may be a folder, read recursively in name order.  In folders,\n"
    "Thumbs.db, desktop.ini, .DS_Store and names that start with a dot are\n"
    "skipped on every platform, and counted.  --include and --exclude match\n"
    "GLOB against a file's name (not its folder): * any run of characters,\n"
    "? one character, [abc] [a-z] one of a set, [!abc] one not in it;\n"
    "no escape character ([*] matches a star); letters in either case on\n"
    "Windows only.  Folders are always entered, and a FILE named on the\n"
    "command line is always read.";
static const char *const EXIT_STATUS[][2] = {
    {"0", "every input parsed and no error-severity finding"},
    {"1", "at least one error-severity finding"},
    {"2", "usage error, a source that cannot be read or holds no capture,\n"
          "     output that could not be written, --explain of an unknown\n"
          "     code, or no FILE with a terminal on standard input (not on\n"
          "     Windows, where that is live mode)"},
};
static const char *const EXAMPLES[] = {
    "dsregcmd /status | dsregdiag",
    "dsregdiag saved-capture.txt",
    "dsregdiag --format json *.txt | jq -r '.join_type'",
    "dsregdiag --format csv -o fleet.csv \\\\server\\captures",
    "dsregdiag --summary captures/",
    "dsregdiag --latest --format csv -o fleet.csv --include '*.txt' share/",
    "dsregdiag --completion bash > /etc/bash_completion.d/dsregdiag",
    "dsregdiag --diff before.txt after.txt",
    "dsregdiag --explain 0x801c03f2",
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* "-o, --output FILE" or "--color[=WHEN]" */
static void option_head(const opt_def *d, char *head, size_t size) {
  const char *open = d->metavar ? (d->arg == ARG_OPTIONAL ? "[=" : " ") : "";
  const char *close = d->metavar && d->arg == ARG_OPTIONAL ? "]" : "";
  if (d->short_name)
    snprintf(head, size, "-%c, --%s%s%s%s", d->short_name, d->name, open,
             d->metavar ? d->metavar : "", close);
  else
    snprintf(head, size, "--%s%s%s%s", d->name, open,
             d->metavar ? d->metavar : "", close);
}

void cli_usage(FILE *out) {
  fprintf(out, "Usage: dsregdiag [OPTIONS] [--] [FILE...]\n\n%s\nOptions:\n",
          USAGE_INTRO);
  for (size_t i = 0; i < OPTION_COUNT; i++) {
    const opt_def *d = &OPTIONS[i];
    char head[64];
    option_head(d, head, sizeof head);
    int col = fprintf(out, "%s%s", d->short_name ? "  " : "      ", head);
    if (col >= 26) {
      fputc('\n', out);
      col = 0;
    }
    fprintf(out, "%*s", 26 - col, "");
    wrap(out, d->help, 26, 26);
  }
  /* The CSV columns, from the writer's own table. */
  fputs("\nColumns (--format csv; * = default set, docs/csv.md explains "
        "each):\n",
        out);
  int col = 0;
  for (size_t i = 0; i < dsreg_csv_column_count(); i++) {
    const char *name = dsreg_csv_column_name(i);
    int len = (int)strlen(name) + (dsreg_csv_column_is_default(i) ? 1 : 0);
    if (col && col + 1 + len > 78) {
      fputc('\n', out);
      col = 0;
    }
    col += fprintf(out, "%s%s%s", col ? " " : "  ", name,
                   dsreg_csv_column_is_default(i) ? "*" : "");
  }
  fprintf(out, "\n\nSources: %s\n\nExit status:\n", USAGE_SOURCES);
  for (size_t i = 0; i < COUNT(EXIT_STATUS); i++)
    fprintf(out, "  %s  %s\n", EXIT_STATUS[i][0], EXIT_STATUS[i][1]);
  fputs("\nExamples:\n", out);
  for (size_t i = 0; i < COUNT(EXAMPLES); i++)
    fprintf(out, "  %s\n", EXAMPLES[i]);
}

/* Text for roff: backslashes doubled, a leading dot or quote guarded,
 * hyphens as \- (a real minus, so that options can be searched and
 * copied), line breaks and the continuation indent of --help folded. */
static void roff(FILE *out, const char *s) {
  bool bol = true;
  for (; *s; s++) {
    if (*s == '\n') {
      fputc('\n', out);
      bol = true;
      while (s[1] == ' ')
        s++;
      continue;
    }
    if (bol && (*s == '.' || *s == '\''))
      fputs("\\&", out);
    bol = false;
    if (*s == '\\')
      fputs("\\e", out);
    else if (*s == '-')
      fputs("\\-", out);
    else
      fputc(*s, out);
  }
}

void cli_manpage(FILE *out) {
  fputs(".\\\" Generated by build/tests/gen_man from the option table of\n"
        ".\\\" src/cli/options.c, like --help; a test fails when it drifts.\n",
        out);
  fprintf(out, ".TH DSREGDIAG 1 \"\" \"dsregdiag %s\" \"User Commands\"\n",
          dsreg_version_string());
  fputs(".SH NAME\ndsregdiag \\- parse and diagnose dsregcmd /status output\n"
        ".SH SYNOPSIS\n.B dsregdiag\n[\\fIOPTIONS\\fR] [\\fB\\-\\-\\fR] "
        "[\\fIFILE\\fR...]\n.SH DESCRIPTION\n",
        out);
  roff(out, USAGE_INTRO);
  fputs(".PP\n", out);
  roff(out, USAGE_SOURCES);
  fputs("\n.SH OPTIONS\n", out);
  for (size_t i = 0; i < OPTION_COUNT; i++) {
    char head[64];
    option_head(&OPTIONS[i], head, sizeof head);
    fputs(".TP\n.B ", out);
    roff(out, head);
    fputc('\n', out);
    roff(out, OPTIONS[i].help);
    fputc('\n', out);
  }
  fputs(".SH CSV COLUMNS\nWith \\fB\\-\\-format csv\\fR; * marks the default "
        "set.\n.PP\n",
        out);
  for (size_t i = 0; i < dsreg_csv_column_count(); i++) {
    roff(out, dsreg_csv_column_name(i));
    fputs(dsreg_csv_column_is_default(i) ? "*\n" : "\n", out);
  }
  fputs(".SH EXIT STATUS\n", out);
  for (size_t i = 0; i < COUNT(EXIT_STATUS); i++) {
    fprintf(out, ".TP\n.B %s\n", EXIT_STATUS[i][0]);
    roff(out, EXIT_STATUS[i][1]);
    fputc('\n', out);
  }
  fputs(".SH EXAMPLES\n", out);
  for (size_t i = 0; i < COUNT(EXAMPLES); i++) {
    fputs(".PP\n.nf\n", out);
    roff(out, EXAMPLES[i]);
    fputs("\n.fi\n", out);
  }
  fputs(".SH SEE ALSO\nThe documentation in docs/ of the source: format.md, "
        "json.md, csv.md, rules.md, fields.md.\n",
        out);
}
