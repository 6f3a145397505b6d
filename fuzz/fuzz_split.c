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
  unsigned long index, line, replacements;
  dsreg_encoding encoding;
  int device_state; /* its first section is Device State */
  char *json;
  size_t len;
} record;

typedef struct records {
  record *r;
  size_t n, cap;
} records;

static int keep(const dsreg_capture *cap, void *user) {
  records *rs = user;
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
  record *r = &rs->r[rs->n++];
  r->index = cap->index;
  r->line = cap->line;
  r->replacements = cap->replacements;
  r->encoding = cap->encoding;
  r->device_state = cap->section_count > 0 &&
                    cap->sections[0].kind == DSREG_SECTION_DEVICE_STATE;
  r->json = b.data;
  r->len = b.len;
  return 0;
}

static void records_free(records *rs) {
  for (size_t i = 0; i < rs->n; i++)
    free(rs->r[i].json);
  free(rs->r);
  memset(rs, 0, sizeof *rs);
}

/* Where a parse starts: as the CLI starts a part's parser, or the parse in
 * one piece after a part it did not keep. */
typedef struct start {
  size_t from;
  unsigned long line, before;
  int committed;
} start;

static const char *bom_of(const cli_split_plan *plan) {
  if (plan->unit == 2)
    return plan->big_endian ? "\xFE\xFF" : "\xFF\xFE";
  return plan->bom ? "\xEF\xBB\xBF" : "";
}

/* Parses data[st.from..to) as the CLI would from `st`; *clean: nothing
 * held back at `to` (checked only when to < size). */
static void parse_from(const uint8_t *data, size_t size, size_t to,
                       const cli_split_plan *plan, start st, size_t chunk,
                       records *out, int *clean, unsigned long *repl) {
  dsreg_parser *p = dsreg_parser_new(keep, out);
  FUZZ_CHECK(p != NULL, "out of memory");
  FUZZ_CHECK(dsreg_parser_set_encoding(
                 p, st.committed ? DSREG_ENCODING_UTF8
                                 : DSREG_ENCODING_UNKNOWN) == DSREG_OK,
             "set_encoding refused");
  if (st.from > 0) {
    FUZZ_CHECK(dsreg_parser_start_at(p, st.line, st.before) == DSREG_OK,
               "start_at refused");
    const char *bom = bom_of(plan);
    if (bom[0])
      FUZZ_CHECK(dsreg_parser_feed(p, bom, strlen(bom)) == DSREG_OK,
                 "feed of the BOM failed");
  }
  size_t step = chunk ? chunk : to - st.from;
  for (size_t at = st.from; at < to; at += step) {
    size_t n = to - at < step ? to - at : step;
    FUZZ_CHECK(dsreg_parser_feed(p, data + at, n) == DSREG_OK, "feed failed");
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
  memset(plan, 0, sizeof *plan);
  plan->unit = 1;
  if (size >= 2 && data[0] == 0xFF && data[1] == 0xFE) {
    plan->unit = 2, plan->bom = 2;
  } else if (size >= 2 && data[0] == 0xFE && data[1] == 0xFF) {
    plan->unit = 2, plan->bom = 2, plan->big_endian = 1;
  } else {
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
      plan->bom = 3;
    if (memchr(data, 0, size < 4096 ? size : 4096))
      return 0;
  }
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
  parse_from(data, size, size, &plan, (start){0, 1, 0, 0}, chunk, &whole, NULL,
             NULL);
  /* the encoding every capture must show: the one of the file's first
   * bytes, as the CLI reads it (runner_parts.c, file_encoding) */
  dsreg_encoding enc = DSREG_ENCODING_UNKNOWN;
  {
    records first = {0};
    dsreg_parser *p = dsreg_parser_new(keep, &first);
    FUZZ_CHECK(p != NULL, "out of memory");
    size_t n = size < 65536 ? size : 65536;
    if (n && dsreg_parser_feed(p, data, n) == DSREG_OK)
      enc = dsreg_parser_encoding(p);
    dsreg_parser_free(p);
    records_free(&first);
  }

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
  start *starts = calloc(nparts, sizeof *starts);
  int *own_ok = calloc(nparts, sizeof *own_ok);
  int *first_ok = calloc(nparts, sizeof *first_ok);
  FUZZ_CHECK(parts && starts && own_ok && first_ok, "out of memory");
  for (size_t k = 0; k < nparts; k++) {
    size_t j0 = first[k], end = k + 1 < nparts ? first[k + 1] : plan.count;
    starts[k] = (start){0, 1, 0, 0};
    if (k > 0)
      starts[k] =
          (start){(size_t)plan.openers[j0].offset, plan.openers[j0].line, j0,
                  plan.openers[j0].committed};
    size_t to = k + 1 < nparts ? (size_t)plan.openers[end].offset : size;
    int clean;
    unsigned long repl;
    parse_from(data, size, to, &plan, starts[k], chunk, &parts[k], &clean,
               &repl);
    /* what the CLI checks (cli_part_matches, parse_part) */
    size_t good = 0;
    while (good < parts[k].n) {
      const record *r = &parts[k].r[good];
      if (!(j0 + good < end && r->index == j0 + good + 1 &&
            r->line == plan.openers[j0 + good].line && r->encoding == enc &&
            r->replacements == 0))
        break;
      good++;
    }
    first_ok[k] = good > 0 && parts[k].r[0].device_state;
    own_ok[k] =
        clean && repl == 0 && good == parts[k].n && parts[k].n == end - j0;
  }
  /* a part is kept when it and the start of the next one are as planned */
  size_t k = 0;
  for (; k < nparts; k++) {
    if (!own_ok[k] || (k + 1 < nparts && !first_ok[k + 1]))
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
  free(first_ok);
  free(first);
  records_free(&whole);
  cli_split_free(&plan);
  return 0;
}
