/*
 * join.c - the join type of a capture (docs/format.md §5, D1).
 *
 * Microsoft's truth table (D1) over AzureAdJoined, EnterpriseJoined and
 * DomainJoined, plus WorkplaceJoined or a Work Account section for the
 * registered-only case.  A flag that is missing or reads neither YES nor NO
 * makes the answer "unknown" rather than a guess: a missing section is not
 * a NO.
 */
#include "dsreg/report.h"

typedef enum { ABSENT, YES, NO, OTHER } tri;

static tri tri_of(const dsreg_value *v) {
  if (v->state == DSREG_VALUE_ABSENT)
    return ABSENT;
  if (dsreg_value_yes(v))
    return YES;
  if (dsreg_value_no(v))
    return NO;
  return OTHER;
}

dsreg_join_type dsreg_join_type_of(const dsreg_capture *cap) {
  if (!cap)
    return DSREG_JOIN_UNKNOWN;
  const dsreg_typed *t = &cap->typed;
  tri aad = tri_of(&t->device_state.azure_ad_joined);
  tri ent = tri_of(&t->device_state.enterprise_joined);
  tri dom = tri_of(&t->device_state.domain_joined);
  tri wpj = tri_of(&t->user_state.workplace_joined);
  int accounts = 0;
  for (size_t i = 0; i < t->work_account_count; i++)
    if (cap->sections[t->work_accounts[i].section].kind ==
        DSREG_SECTION_WORK_ACCOUNT)
      accounts = 1;

  if (aad == YES && ent == YES)
    return DSREG_JOIN_UNKNOWN; /* "cannot both be YES" (D1) */
  /* AzureAdJoined YES is Entra joined only beside DomainJoined NO and
   * EnterpriseJoined NO: 1803-era layouts print DomainJoined last, so a
   * truncated hybrid capture lacks it and must not pass for Entra joined. */
  if (aad == YES) {
    if (ent != NO)
      return DSREG_JOIN_UNKNOWN;
    if (dom == YES)
      return DSREG_JOIN_HYBRID;
    return dom == NO ? DSREG_JOIN_ENTRA : DSREG_JOIN_UNKNOWN;
  }
  if (ent == YES)
    return dom == YES ? DSREG_JOIN_DRS : DSREG_JOIN_UNKNOWN;
  if (aad != NO || (ent != NO && ent != ABSENT))
    return DSREG_JOIN_UNKNOWN;
  if (dom == YES)
    return DSREG_JOIN_DOMAIN;
  if (dom != NO)
    return DSREG_JOIN_UNKNOWN;
  if (wpj == YES || accounts)
    return DSREG_JOIN_REGISTERED;
  /* Without User State nothing says whether a work account is registered. */
  return wpj == NO ? DSREG_JOIN_NOT_JOINED : DSREG_JOIN_UNKNOWN;
}

const char *dsreg_join_type_id(dsreg_join_type t) {
  switch (t) {
  case DSREG_JOIN_ENTRA:
    return "entra-joined";
  case DSREG_JOIN_HYBRID:
    return "hybrid-joined";
  case DSREG_JOIN_DRS:
    return "drs-joined";
  case DSREG_JOIN_DOMAIN:
    return "domain-joined";
  case DSREG_JOIN_REGISTERED:
    return "entra-registered";
  case DSREG_JOIN_NOT_JOINED:
    return "not-joined";
  case DSREG_JOIN_UNKNOWN:
    break;
  }
  return "unknown";
}

const char *dsreg_join_type_title(dsreg_join_type t) {
  switch (t) {
  case DSREG_JOIN_ENTRA:
    return "Microsoft Entra joined";
  case DSREG_JOIN_HYBRID:
    return "Microsoft Entra hybrid joined";
  case DSREG_JOIN_DRS:
    return "on-premises DRS joined";
  case DSREG_JOIN_DOMAIN:
    return "domain joined (Active Directory only)";
  case DSREG_JOIN_REGISTERED:
    return "Microsoft Entra registered";
  case DSREG_JOIN_NOT_JOINED:
    return "not joined";
  case DSREG_JOIN_UNKNOWN:
    break;
  }
  return "unknown";
}

const char *dsreg_severity_name(dsreg_severity s) {
  switch (s) {
  case DSREG_SEVERITY_INFO:
    return "info";
  case DSREG_SEVERITY_WARNING:
    return "warning";
  case DSREG_SEVERITY_ERROR:
    return "error";
  }
  return "info";
}

const char *dsreg_time_source_name(dsreg_time_source s) {
  switch (s) {
  case DSREG_TIME_CLIENT_TIME:
    return "client-time";
  case DSREG_TIME_OPTION:
    return "option";
  case DSREG_TIME_CLOCK:
    return "clock";
  case DSREG_TIME_NONE:
    break;
  }
  return "none";
}
