/*
 * dsreg/dsreg.h - the whole public API of libdsreg.
 *
 * libdsreg reads the text `dsregcmd /status` prints, in whatever encoding it
 * was saved, and turns it into typed records (parser.h, capture.h), tells the
 * join type and what is wrong (report.h, rules.h, codes.h), and writes
 * reports (report.h; the HTML dashboard: html.h).  It is portable ISO C11
 * and never exits or aborts on input.
 */
#ifndef DSREG_DSREG_H
#define DSREG_DSREG_H

#include "dsreg/capture.h"
#include "dsreg/codes.h"
#include "dsreg/csv.h"
#include "dsreg/fields.h"
#include "dsreg/html.h"
#include "dsreg/parser.h"
#include "dsreg/report.h"
#include "dsreg/rules.h"
#include "dsreg/status.h"
#include "dsreg/version.h"

#endif
