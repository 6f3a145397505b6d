/*
 * dsreg/status.h - the one status type of the library.
 */
#ifndef DSREG_STATUS_H
#define DSREG_STATUS_H

#include "dsreg/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Result of every fallible library call.  DSREG_OK is zero; failures are
 * negative so that a caller can test `< 0`.  Damaged input is never a
 * failure by itself: it becomes notes and unparsed lines on the capture.
 */
typedef enum dsreg_status {
  DSREG_OK = 0,
  DSREG_ENOMEM = -1,     /**< an allocation failed; the parser is unusable */
  DSREG_EINVAL = -2,     /**< a NULL handle or an argument out of range */
  DSREG_ENOCAPTURE = -3, /**< the input held no dsregcmd /status output */
  DSREG_ESTOPPED = -4,   /**< the capture callback asked to stop */
  DSREG_EFINISHED = -5,  /**< feed or finish after finish, without reset */
  DSREG_EIO = -6         /**< reading or writing failed (set by callers) */
} dsreg_status;

/**
 * A lower-case message for `status`, without a final full stop, such as
 * "no dsregcmd /status output found".  Never NULL; unknown values give
 * "unknown error".  The string is static: do not free it.  Thread safe.
 */
DSREG_EXPORT const char *dsreg_strerror(dsreg_status status);

#ifdef __cplusplus
}
#endif

#endif
