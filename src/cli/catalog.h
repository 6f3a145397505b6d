/*
 * catalog.h - the CLI's printouts of the library's tables: --list-rules
 * (text, or the Markdown of docs/rules.md) and --explain.
 */
#ifndef DSREG_CLI_CATALOG_H
#define DSREG_CLI_CATALOG_H

#include <stdio.h>

/* Prints the rule catalogue as "text" or "md". */
void catalog_list_rules(FILE *out, const char *format);

/* Prints what is known about an error code or rule id to `out`; returns 0
 * when it was found, -1 (after saying so on `err`) when it is unknown. */
int catalog_explain(FILE *out, FILE *err, const char *what);

#endif
