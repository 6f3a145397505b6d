/*
 * dsreg/dsreg.h - the whole public API of libdsreg.
 *
 * libdsreg reads the text `dsregcmd /status` prints, in whatever encoding it
 * was saved, and turns it into typed records (parser.h, capture.h), tells the
 * join type and what is wrong (analysis.h, rules.h, codes.h), and writes
 * reports (report.h, csv.h; the HTML dashboard: html.h); it can replace every
 * identifier of a capture with a pseudonym (redact.h), compare two captures
 * (diff.h) and write a capture back as dsregcmd text (capture_writer.h).  It is
 * portable ISO C11 and never exits or aborts on input.  The contract (status
 * codes, ownership, threads, option structs, versioning) is docs/api.md.
 */
#ifndef DSREG_DSREG_H
#define DSREG_DSREG_H

#include "dsreg/analysis.h"
#include "dsreg/capture.h"
#include "dsreg/capture_writer.h"
#include "dsreg/codes.h"
#include "dsreg/csv.h"
#include "dsreg/diff.h"
#include "dsreg/fields.h"
#include "dsreg/html.h"
#include "dsreg/parser.h"
#include "dsreg/redact.h"
#include "dsreg/report.h"
#include "dsreg/rules.h"
#include "dsreg/status.h"
#include "dsreg/version.h"

#endif
