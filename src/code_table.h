/*
 * code_table.h - the knowledge base's rows (code_table.c), for the lookups
 * of codes.c.  Private to the library.
 */
#ifndef DSREG_CODE_TABLE_H
#define DSREG_CODE_TABLE_H

#include <stddef.h>

#include "dsreg/codes.h"

extern const dsreg_code_info dsreg_code_table[];
extern const size_t dsreg_code_table_rows;

#endif
