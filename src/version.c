/*
 * version.c - the library's own idea of its version.
 */
#include "dsreg/version.h"

const char *dsreg_version_string(void) { return DSREG_VERSION_STRING; }
