/*
 * summary.c - the fleet summary.
 */
#include "summary.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The name a device goes by in the summary. */
static void device_label(const char *source, const dsreg_capture *cap,
                         char *buf, size_t size) {
  const dsreg_typed *t = &cap->typed;
  if (dsreg_value_present(&t->device_state.device_name))
    snprintf(buf, size, "%s", dsreg_value_text(&t->device_state.device_name));
  else if (dsreg_value_present(&t->device_details.device_id))
    snprintf(buf, size, "%s", dsreg_value_text(&t->device_details.device_id));
  else
    snprintf(buf, size, "%s#%lu", source, cap->index);
}

/* Keeps the alphabetically first names, without repeats. */
static void keep_example(char **slots, const char *name) {
  for (size_t i = 0; i < SUMMARY_EXAMPLES; i++) {
    if (slots[i] && strcmp(slots[i], name) == 0)
      return;
    if (!slots[i] || strcmp(name, slots[i]) < 0) {
      char *copy = malloc(strlen(name) + 1);
      if (!copy)
        return;
      strcpy(copy, name);
      free(slots[SUMMARY_EXAMPLES - 1]);
      memmove(slots + i + 1, slots + i,
              (SUMMARY_EXAMPLES - 1 - i) * sizeof *slots);
      slots[i] = copy;
      return;
    }
  }
}

int summary_init(cli_summary *s) {
  memset(s, 0, sizeof *s);
  s->by_rule = calloc(dsreg_rule_count() + 1, sizeof *s->by_rule);
  return s->by_rule ? 0 : -1;
}

void summary_add(cli_summary *s, const char *source, const dsreg_capture *cap,
                 const dsreg_analysis *an) {
  char label[128];
  s->captures++;
  if ((size_t)an->join_type < sizeof s->by_join / sizeof s->by_join[0])
    s->by_join[an->join_type]++;
  if ((size_t)an->verdict < sizeof s->by_verdict / sizeof s->by_verdict[0])
    s->by_verdict[an->verdict]++;
  device_label(source, cap, label, sizeof label);
  for (size_t r = 0; r < dsreg_rule_count(); r++) {
    const dsreg_rule *rule = dsreg_rule_at(r);
    if (an->root_cause && strcmp(an->root_cause, rule->id) == 0)
      s->by_rule[r].roots++;
    for (size_t i = 0; i < an->finding_count; i++) {
      if (an->findings[i].rule == rule->id) {
        s->by_rule[r].captures++;
        keep_example(s->by_rule[r].examples, label);
        break;
      }
    }
  }
}

/* 1234567 -> "1,234,567" */
static const char *thousands(unsigned long n, char *buf) {
  char tmp[32];
  int len = snprintf(tmp, sizeof tmp, "%lu", n), o = 0;
  for (int i = 0; i < len; i++) {
    if (i && (len - i) % 3 == 0)
      buf[o++] = ',';
    buf[o++] = tmp[i];
  }
  buf[o] = '\0';
  return buf;
}

static const dsreg_join_type JOIN_ORDER[] = {
    DSREG_JOIN_HYBRID, DSREG_JOIN_ENTRA, DSREG_JOIN_REGISTERED,
    DSREG_JOIN_DOMAIN, DSREG_JOIN_DRS,   DSREG_JOIN_NOT_JOINED,
    DSREG_JOIN_UNKNOWN};

static void put(dsreg_outbuf *b, const char *s) {
  dsreg_outbuf_put(b, s, strlen(s));
}

/* "3 broken, 1 attention, 12 ok" after `lead`, and a line end. */
static void verdicts(const cli_summary *s, dsreg_outbuf *b, const char *lead) {
  static const dsreg_verdict order[] = {
      DSREG_VERDICT_BROKEN, DSREG_VERDICT_ATTENTION, DSREG_VERDICT_OK};
  char a[32], line[96];
  put(b, lead);
  for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
    snprintf(line, sizeof line, "%s%s %s", i ? ", " : "",
             thousands(s->by_verdict[order[i]], a), dsreg_verdict_id(order[i]));
    put(b, line);
  }
  put(b, ".\n");
}

/* "N captures from N sources (N could not be read ...) (--latest: ...)",
 * after `lead`: the opening of the text and the Markdown summary. */
static void put_counts(const cli_summary *s, dsreg_outbuf *b,
                       const char *lead) {
  char a[32], c[32], line[200];
  snprintf(line, sizeof line, "%s%s capture%s from %s source%s", lead,
           thousands(s->captures, a), s->captures == 1 ? "" : "s",
           thousands(s->sources, c), s->sources == 1 ? "" : "s");
  put(b, line);
  if (s->failed_sources) {
    snprintf(line, sizeof line, " (%s could not be read or held no capture)",
             thousands(s->failed_sources, a));
    put(b, line);
  }
  if (s->latest) {
    snprintf(line, sizeof line,
             " (--latest: %s older capture%s of the same devices skipped)",
             thousands(s->older_skipped, a), s->older_skipped == 1 ? "" : "s");
    put(b, line);
  }
}

void summary_render_text(const cli_summary *s, dsreg_outbuf *b) {
  char a[32], line[160];
  int first = 1;
  put_counts(s, b, "Summary: ");
  put(b, s->captures ? ": " : ".\n");
  for (size_t i = 0; s->captures && i < sizeof JOIN_ORDER / sizeof *JOIN_ORDER;
       i++) {
    unsigned long n = s->by_join[JOIN_ORDER[i]];
    if (!n)
      continue;
    snprintf(line, sizeof line, "%s%s %s", first ? "" : ", ", thousands(n, a),
             dsreg_join_type_title(JOIN_ORDER[i]));
    put(b, line);
    first = 0;
  }
  if (s->captures) {
    put(b, ".\n");
    verdicts(s, b, "Verdicts: ");
  }
  for (int sev = DSREG_SEVERITY_ERROR; sev >= DSREG_SEVERITY_INFO; sev--) {
    for (size_t r = 0; r < dsreg_rule_count(); r++) {
      const dsreg_rule *rule = dsreg_rule_at(r);
      const summary_rule *sr = &s->by_rule[r];
      if ((int)rule->severity != sev || !sr->captures)
        continue;
      snprintf(line, sizeof line, "  %-30s %-8s %s capture%s", rule->id,
               dsreg_severity_name(rule->severity), thousands(sr->captures, a),
               sr->captures == 1 ? "" : "s");
      put(b, line);
      if (sr->roots) {
        snprintf(line, sizeof line, ", root cause in %s",
                 thousands(sr->roots, a));
        put(b, line);
      }
      snprintf(line, sizeof line, " (");
      put(b, line);
      /* Device names come from captures: no control characters out. */
      for (size_t e = 0; e < SUMMARY_EXAMPLES && sr->examples[e]; e++) {
        if (e)
          put(b, ", ");
        dsreg_render_terminal_text(b, sr->examples[e], strlen(sr->examples[e]));
      }
      put(b, sr->captures > SUMMARY_EXAMPLES ? ", ...)\n" : ")\n");
    }
  }
}

void summary_render_json(const cli_summary *s, dsreg_outbuf *b) {
  char tmp[96];
  if (dsreg_render_json_stamp(b) != DSREG_OK)
    return; /* b->oom is set: the caller reports it */
  snprintf(tmp, sizeof tmp,
           "\"summary\":{\"sources\":%lu,\"failed_sources\":%lu,"
           "\"captures\":%lu,",
           s->sources, s->failed_sources, s->captures);
  put(b, tmp);
  if (s->latest) { /* only with --latest: other summaries stay as they were */
    snprintf(tmp, sizeof tmp, "\"older_skipped\":%lu,", s->older_skipped);
    put(b, tmp);
  }
  put(b, "\"join_types\":{");
  int first = 1;
  for (size_t i = 0; i < sizeof JOIN_ORDER / sizeof *JOIN_ORDER; i++) {
    if (!s->by_join[JOIN_ORDER[i]])
      continue;
    snprintf(tmp, sizeof tmp, "%s\"%s\":%lu", first ? "" : ",",
             dsreg_join_type_id(JOIN_ORDER[i]), s->by_join[JOIN_ORDER[i]]);
    put(b, tmp);
    first = 0;
  }
  snprintf(tmp, sizeof tmp,
           "},\"verdicts\":{\"broken\":%lu,\"attention\":%lu,\"ok\":%lu}",
           s->by_verdict[DSREG_VERDICT_BROKEN],
           s->by_verdict[DSREG_VERDICT_ATTENTION],
           s->by_verdict[DSREG_VERDICT_OK]);
  put(b, tmp);
  put(b, ",\"rules\":{");
  first = 1;
  for (size_t r = 0; r < dsreg_rule_count(); r++) {
    const dsreg_rule *rule = dsreg_rule_at(r);
    const summary_rule *sr = &s->by_rule[r];
    if (!sr->captures)
      continue;
    snprintf(tmp, sizeof tmp,
             "%s\"%s\":{\"severity\":\"%s\",\"captures\":%lu,"
             "\"root_cause\":%lu,\"examples\":[",
             first ? "" : ",", rule->id, dsreg_severity_name(rule->severity),
             sr->captures, sr->roots);
    put(b, tmp);
    for (size_t e = 0; e < SUMMARY_EXAMPLES && sr->examples[e]; e++) {
      if (e)
        put(b, ",");
      dsreg_render_json_string(b, sr->examples[e], strlen(sr->examples[e]));
    }
    put(b, "]}");
    first = 0;
  }
  put(b, "}}}\n");
}

void summary_render_md(const cli_summary *s, dsreg_outbuf *b) {
  char a[32], c[32], line[200];
  put_counts(s, b, "## Summary\n\n");
  put(b, ".\n\n");
  if (!s->captures)
    return;
  put(b, "| verdict | captures |\n|---|---|\n");
  static const dsreg_verdict order[] = {
      DSREG_VERDICT_BROKEN, DSREG_VERDICT_ATTENTION, DSREG_VERDICT_OK};
  for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
    snprintf(line, sizeof line, "| %s | %s |\n", dsreg_verdict_title(order[i]),
             thousands(s->by_verdict[order[i]], a));
    put(b, line);
  }
  put(b, "\n| join type | captures |\n|---|---|\n");
  for (size_t i = 0; i < sizeof JOIN_ORDER / sizeof *JOIN_ORDER; i++) {
    unsigned long n = s->by_join[JOIN_ORDER[i]];
    if (!n)
      continue;
    snprintf(line, sizeof line, "| %s | %s |\n",
             dsreg_join_type_title(JOIN_ORDER[i]), thousands(n, a));
    put(b, line);
  }
  bool any = false;
  for (int sev = DSREG_SEVERITY_ERROR; sev >= DSREG_SEVERITY_INFO; sev--) {
    for (size_t r = 0; r < dsreg_rule_count(); r++) {
      const dsreg_rule *rule = dsreg_rule_at(r);
      const summary_rule *sr = &s->by_rule[r];
      if ((int)rule->severity != sev || !sr->captures)
        continue;
      if (!any)
        put(b, "\n| rule | severity | captures | root cause in | devices |\n"
               "|---|---|---|---|---|\n");
      any = true;
      snprintf(line, sizeof line, "| `%s` | %s | %s | %s | ", rule->id,
               dsreg_severity_name(rule->severity), thousands(sr->captures, a),
               thousands(sr->roots, c));
      put(b, line);
      /* Device names come from captures: text, whatever they hold. */
      for (size_t e = 0; e < SUMMARY_EXAMPLES && sr->examples[e]; e++) {
        if (e)
          put(b, ", ");
        dsreg_render_md_text(b, sr->examples[e], strlen(sr->examples[e]));
      }
      put(b, sr->captures > SUMMARY_EXAMPLES ? ", ... |\n" : " |\n");
    }
  }
  put(b, "\n");
}

void summary_free(cli_summary *s) {
  for (size_t r = 0; s->by_rule && r < dsreg_rule_count(); r++)
    for (size_t e = 0; e < SUMMARY_EXAMPLES; e++)
      free(s->by_rule[r].examples[e]);
  free(s->by_rule);
  memset(s, 0, sizeof *s);
}
