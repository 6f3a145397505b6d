/*
 * runner_parts.h - what runner.c and runner_parts.c share: the runner's
 * state, and the reading of one big file in parallel parts (split.h).
 * Private to the CLI.
 */
#ifndef DSREG_CLI_RUNNER_PARTS_H
#define DSREG_CLI_RUNNER_PARTS_H

#include <stdbool.h>
#include <stdint.h>

#include "platform.h"
#include "progress.h"
#include "runner.h"
#include "split.h"

#define READ_CHUNK (64 * 1024)
/* A regular file at least this big, read alone with --jobs 2 or more, is
 * cut into parts of about PART_BYTES at capture boundaries (split.h). */
#define SPLIT_MIN (8u << 20)
#define PART_BYTES (1u << 20)
/* A part's buffer of records is kept for the next part of its slot when
 * it is no bigger than this. */
#define KEEP_OUT_BYTES (8u << 20)

typedef struct part {
  uint64_t from, to;    /* its bytes */
  size_t first, end;    /* the openers its captures start at: [first, end) */
  unsigned long *lines; /* their line numbers, end - first of them */
  bool committed;       /* decoded as UTF-8 from the start (cli_opener) */
  dsreg_outbuf out;     /* its records, until it is written */
  unsigned long captures;
  bool error;    /* an error-severity finding */
  bool bad;      /* it did not parse as the plan says: parse from here on */
  bool first_ok; /* its first capture began where the plan says */
  bool done;
} part;

typedef struct job {
  cli_source src;   /* what to read */
  dsreg_outbuf out; /* records waiting for their turn */
  dsreg_outbuf err; /* stderr messages waiting for their turn */
  bool done;
} job;

typedef struct runner {
  const cli_run_config *cfg;
  cli_sources *src;
  cli_run_result *res;
  job *jobs;
  size_t next; /* next source to start */
  size_t head; /* the source being written */
  size_t window;
  size_t finished;
  unsigned long captures;
  unsigned long sources;    /* sources read (skipped entries do not count) */
  bool exhausted;           /* the last source has been handed out */
  bool split;               /* one source: a big file may be cut (split.h) */
  bool stop;                /* a write failed or memory ran out: wind down */
  cli_progress progress;    /* on stderr, when cfg->progress */
  cli_lock *lock;           /* NULL with one job: everything on one thread */
  dsreg_redactor *redactor; /* --redact, else NULL */
} runner;

typedef struct worker {
  runner *r;
  size_t job;
  const char *name; /* source name in output: path or <stdin> */
  bool live;        /* the source is dsregcmd run just now */
  int64_t mtime_ms; /* --latest: the file's time, INT64_MIN if unknown */
  dsreg_parser *parser;
  unsigned char *buf;
  /* A part of a big file parsed in parallel (read_split): its records are
   * kept until it is known to match the plan; NULL otherwise. */
  struct part *part;
  size_t plan_next;   /* the opener the next capture must start at */
  dsreg_encoding enc; /* the one every capture of the file must show */
} worker;

static inline void lock(runner *r) {
  if (r->lock)
    dsreg_cli_lock(r->lock);
}
static inline void unlock(runner *r) {
  if (r->lock)
    dsreg_cli_unlock(r->lock);
}

/* Writes a record to the output, hiding the progress line first when each
 * record is flushed, and stops the run when writing failed; nothing once
 * the run is stopping.  Under the runner's lock (runner.c). */
void cli_runner_write(runner *r, const char *data, size_t len);

/* The parser callback of every worker, a part's included (runner.c). */
int cli_runner_on_capture(const dsreg_capture *cap, void *user);

/* Where the parse in one piece starts (cli_split_begin): the whole file
 * from byte 0, or the rest from a part that did not match, given the
 * file's byte order mark `bom` first. */
typedef struct resume_at {
  cli_split_start start;
  const char *bom;
} resume_at;

/* A capture of a part matches the plan (runner_parts.c). */
bool cli_part_matches(worker *w, const dsreg_capture *cap);

/* A big regular file read alone, with threads to spare, and nothing that
 * needs its captures in one stream: *size is its size. */
bool cli_split_wanted(const worker *w, int fd, uint64_t *size);

/* Parses the file in parts on --jobs threads and writes them in order.
 * True when the whole file is done; false with *at set where the parse in
 * one piece must take over. */
bool cli_read_split(worker *w, int fd, uint64_t size, resume_at *at);

#endif
