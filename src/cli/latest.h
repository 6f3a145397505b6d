/*
 * latest.h - --latest: the newest capture of each device.
 *
 * Two passes over the same sources.  The first only parses, and keeps one
 * small record per device: which capture is its newest so far (source path,
 * capture number, time).  The second reads everything again and lets
 * through only those captures.  Memory grows with the number of devices,
 * never with the number of captures, and the output keeps source order:
 * each device's newest capture stands where it stands among the sources.
 *
 * A device is its DeviceId, else its Device Name (both in any case), else
 * the source it came from.  Newest is the latest Client Time, else the
 * source file's modification time; of captures equally new, the one later
 * in source order (later in the file, or in a later file) wins, so the
 * choice does not depend on --jobs.
 */
#ifndef DSREG_CLI_LATEST_H
#define DSREG_CLI_LATEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dsreg/capture.h"

typedef struct cli_latest cli_latest;

/* An empty table, or NULL when out of memory.  Free with cli_latest_free. */
cli_latest *cli_latest_new(void);
void cli_latest_free(cli_latest *l);

/* First pass: capture number `index` of `source` (the `seq`-th source of
 * the walk), taken at the file time `mtime_ms` (INT64_MIN when unknown).
 * 0, or -1 when out of memory.  Not thread-safe: the caller locks. */
int cli_latest_offer(cli_latest *l, const dsreg_capture *cap,
                     const char *source, uint64_t seq, int64_t mtime_ms);

/* Second pass: 1 when this capture is the newest of its device, 0 when
 * not, -1 when out of memory.  Only reads the table: threads may call it
 * at once. */
int cli_latest_is_newest(const cli_latest *l, const dsreg_capture *cap,
                         const char *source);

/* Devices seen, and captures offered, in the first pass. */
size_t cli_latest_devices(const cli_latest *l);
unsigned long cli_latest_offered(const cli_latest *l);

#endif
