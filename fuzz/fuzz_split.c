/*
 * fuzz_split.c - one big log in parallel parts (src/cli/split.c and the
 * CLI's runner_parts.c) on any bytes: the output must be that of one parse.
 *
 * The input is planned as the CLI plans a file, in one piece and in the
 * pieces its chunk size asks for (the plans must be equal), and cut at
 * every place to cut, as DSREG_SPLIT_TEST=1 makes the CLI do.  Each part is
 * parsed by a fresh parser started as the CLI starts one (the line and
 * capture numbers, the byte order mark, UTF-8 where the plan says the whole
 * file's decoder has committed to it).  A part the CLI would keep (every
 * capture where the plan says, nothing replaced, nothing held back at its
 * end, and the next part's first capture where the plan says) must give
 * exactly the captures of one parse of the whole input; from
 * the first part it would not keep, the parse in one piece that the CLI
 * falls back to must give them.  Captures are compared as the JSON the
 * library renders for them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/parser.h"
#include "dsreg/report.h"
#include "fuzz_util.h"
#include "split.h"

typedef struct record {
  unsigned long index;
  char *json;
  size_t len;
} record;

/* The captures of a parse, as JSON; for a part, what the CLI's checks say
 * of them as they come (cli_part_matches): how many in a row were where
 * the plan puts them, and whether the first opens with its Device State
 * box. */
typedef struct records {
  record *r;
  size_t n, cap;
  const cli_split_plan *plan; /* NULL: the whole parse, nothing checked */
  size_t j0, end;             /* the openers of the part: [j0, end) */
  dsreg_encoding enc;         /* the file's */
  size_t good;
  int first_ok;
} records;

static int keep(const dsreg_capture *cap, void *user) {
  records *rs = user;
  if (rs->plan) {
    size_t j = rs->j0 + rs->good;
    if (rs->good == rs->n && j < rs->end &&
        cli_split_capture_ok(cap, j, rs->plan->openers[j].line, rs->enc)) {
      rs->first_ok |= rs->good == 0 && cli_split_opens_device_state(cap);
      rs->good++;
    }
  }
  if (rs->n == rs->cap) {
    size_t cap2 = rs->cap ? rs->cap * 2 : 16;
    record *g = realloc(rs->r, cap2 * sizeof *g);
    FUZZ_CHECK(g != NULL, "out of memory");
    rs->r = g;
    rs->cap = cap2;
  }
  dsreg_outbuf b = {0};
  FUZZ_CHECK(dsreg_render_json(&b, "f", cap, NULL) == DSREG_OK,
             "render_json failed");
  rs->r[rs->n++] = (record){cap->index, b.data, b.len};
  return 0;
}

static void records_free(records *rs) {
  for (size_t i = 0; i < rs->n; i++)
    free(rs->r[i].json);
  free(rs->r);
  rs->r = NULL;
  rs->n = rs->cap = 0;
}

/* Parses data[at.from..to) as the CLI would from `at` (cli_split_begin);
 * *clean: nothing held back at `to` (checked only when to < size). */
static void parse_from(const uint8_t *data, size_t size, size_t to,
                       const cli_split_plan *plan, cli_split_start at,
                       size_t chunk, records *out, int *clean,
                       unsigned long *repl) {
  dsreg_parser *p = dsreg_parser_new(keep, out);
  FUZZ_CHECK(p != NULL, "out of memory");
  FUZZ_CHECK(cli_split_begin(p, DSREG_ENCODING_UNKNOWN, cli_split_bom(plan),
                             &at) == DSREG_OK,
             "cli_split_begin refused");
  size_t step = chunk ? chunk : to - (size_t)at.from;
  for (size_t x = (size_t)at.from; x < to; x += step) {
    size_t n = to - x < step ? to - x : step;
    FUZZ_CHECK(dsreg_parser_feed(p, data + x, n) == DSREG_OK, "feed failed");
  }
  if (clean)
    *clean = to >= size || dsreg_parser_at_boundary(p);
  dsreg_status fin = dsreg_parser_finish(p);
  FUZZ_CHECK(fin == DSREG_OK || fin == DSREG_ENOCAPTURE, "finish: %d",
             (int)fin);
  if (repl)
    *repl = dsreg_parser_replacements(p);
  dsreg_parser_free(p);
}

/* Plans the input as cli_split_open() and cli_split_step() do, fed in
 * pieces of `piece` bytes (0: one).  0 when the CLI would not cut it. */
static int plan_of(const uint8_t *data, size_t size, size_t piece,
                   cli_split_plan *plan) {
  if (cli_split_plan_init(plan, data, size))
    return 0;
  cli_split_scanner s;
  cli_split_scanner_init(&s, plan, plan->bom);
  size_t step = piece ? piece : size;
  for (size_t at = plan->bom; at < size; at += step)
    cli_split_scanner_feed(&s, data + at, size - at < step ? size - at : step);
  cli_split_scanner_finish(&s);
  FUZZ_CHECK(!s.oom, "out of memory");
  return 1;
}

static void same_plan(const cli_split_plan *a, const cli_split_plan *b) {
  FUZZ_CHECK(a->count == b->count, "plans differ: %zu against %zu openers",
             a->count, b->count);
  for (size_t i = 0; i < a->count; i++)
    FUZZ_CHECK(a->openers[i].offset == b->openers[i].offset &&
                   a->openers[i].line == b->openers[i].line &&
                   a->openers[i].split == b->openers[i].split &&
                   a->openers[i].committed == b->openers[i].committed,
               "plans differ at opener %zu", i);
}

/* Every record of `got` is the whole parse's record of its number. */
static void same_records(const records *whole, const records *got,
                         const char *what) {
  for (size_t i = 0; i < got->n; i++) {
    const record *g = &got->r[i];
    FUZZ_CHECK(g->index >= 1 && g->index <= whole->n,
               "%s: capture %lu, of %zu in one parse", what, g->index,
               whole->n);
    const record *w = &whole->r[g->index - 1];
    FUZZ_CHECK(g->len == w->len && memcmp(g->json, w->json, g->len) == 0,
               "%s: capture %lu differs from one parse:\n%.*s\n%.*s", what,
               g->index, (int)g->len, g->json, (int)w->len, w->json);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t chunk = fuzz_chunk_size(data, size);
  cli_split_plan plan, again;
  if (!plan_of(data, size, 0, &plan)) {
    cli_split_free(&plan);
    return 0;
  }
  FUZZ_CHECK(plan_of(data, size, chunk ? chunk : 7, &again), "plan refused");
  same_plan(&plan, &again);
  cli_split_free(&again);

  records whole = {0};
  const cli_split_start file_start = {0, 1, 0, false};
  parse_from(data, size, size, &plan, file_start, chunk, &whole, NULL, NULL);
  /* the encoding every capture must show, as the CLI reads it */
  dsreg_encoding enc = cli_split_encoding(data, size, DSREG_ENCODING_UNKNOWN);

  /* the parts: from byte 0, then from every place to cut */
  size_t nparts = 1;
  for (size_t j = 1; j < plan.count; j++)
    nparts += plan.openers[j].split != 0;
  size_t *first = malloc(nparts * sizeof *first);
  FUZZ_CHECK(first != NULL, "out of memory");
  first[0] = 0;
  for (size_t j = 1, k = 1; j < plan.count; j++)
    if (plan.openers[j].split)
      first[k++] = j;
  records *parts = calloc(nparts, sizeof *parts);
  cli_split_start *starts = calloc(nparts, sizeof *starts);
  int *own_ok = calloc(nparts, sizeof *own_ok);
  FUZZ_CHECK(parts && starts && own_ok, "out of memory");
  for (size_t k = 0; k < nparts; k++) {
    size_t j0 = first[k], end = k + 1 < nparts ? first[k + 1] : plan.count;
    starts[k] = file_start;
    if (k > 0)
      starts[k] =
          (cli_split_start){plan.openers[j0].offset, plan.openers[j0].line, j0,
                            plan.openers[j0].committed != 0};
    size_t to = k + 1 < nparts ? (size_t)plan.openers[end].offset : size;
    parts[k] = (records){.plan = &plan, .j0 = j0, .end = end, .enc = enc};
    int clean;
    unsigned long repl;
    parse_from(data, size, to, &plan, starts[k], chunk, &parts[k], &clean,
               &repl);
    /* what the CLI checks at a part's end (parse_part) */
    own_ok[k] = clean && repl == 0 && parts[k].good == parts[k].n &&
                parts[k].n == end - j0;
  }
  /* a part is kept when it and the start of the next one are as planned */
  size_t k = 0;
  for (; k < nparts; k++) {
    if (!own_ok[k] || (k + 1 < nparts && !parts[k + 1].first_ok))
      break;
    same_records(&whole, &parts[k], "a part kept");
  }
  if (k < nparts) {
    /* the CLI parses the rest in one piece, from where this part starts */
    records rest = {0};
    parse_from(data, size, size, &plan, starts[k], chunk, &rest, NULL, NULL);
    same_records(&whole, &rest, "the rest in one piece");
    FUZZ_CHECK(rest.n == whole.n - starts[k].before,
               "the rest in one piece: %zu captures, one parse has %zu after "
               "%lu",
               rest.n, whole.n, starts[k].before);
    records_free(&rest);
  }
  for (size_t i = 0; i < nparts; i++)
    records_free(&parts[i]);
  free(parts);
  free(starts);
  free(own_ok);
  free(first);
  records_free(&whole);
  cli_split_free(&plan);
  return 0;
}
