/*
 * status.c - status messages and the names of the public enums.
 */
#include "dsreg/status.h"
#include "dsreg/capture.h"

const char *dsreg_strerror(dsreg_status status) {
  switch (status) {
  case DSREG_OK:
    return "success";
  case DSREG_ENOMEM:
    return "out of memory";
  case DSREG_EINVAL:
    return "invalid argument";
  case DSREG_ENOCAPTURE:
    return "no dsregcmd /status output found";
  case DSREG_ESTOPPED:
    return "stopped by the caller";
  case DSREG_EFINISHED:
    return "input already finished";
  case DSREG_EIO:
    return "input/output error";
  }
  return "unknown error";
}

const char *dsreg_encoding_name(dsreg_encoding enc) {
  switch (enc) {
  case DSREG_ENCODING_UNKNOWN:
    break;
  case DSREG_ENCODING_UTF8:
    return "utf-8";
  case DSREG_ENCODING_UTF8_BOM:
    return "utf-8-bom";
  case DSREG_ENCODING_UTF16LE_BOM:
    return "utf-16le-bom";
  case DSREG_ENCODING_UTF16BE_BOM:
    return "utf-16be-bom";
  case DSREG_ENCODING_UTF16LE:
    return "utf-16le";
  case DSREG_ENCODING_UTF16BE:
    return "utf-16be";
  }
  return "unknown";
}

const dsreg_section *dsreg_capture_section(const dsreg_capture *cap,
                                           dsreg_section_kind kind) {
  if (!cap)
    return 0;
  for (size_t i = 0; i < cap->section_count; i++)
    if (cap->sections[i].kind == kind)
      return &cap->sections[i];
  return 0;
}
