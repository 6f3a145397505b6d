/*
 * rules/tenant.c - tenant details: the MDM enrollment URLs.
 */
#include <string.h>

#include "rules/rule_ctx.h"

void dsreg_check_mdm_missing(dsreg_rule_ctx *c) {
  const dsreg_tenant_details *t = &c->t->tenant_details;
  if (!joined(c) || t->mdm_url.state != DSREG_VALUE_EMPTY)
    return;
  /* D1: an empty MdmUrl can also mean that the current user is not in the
   * MDM scope, which a capture without a user (SYSTEM, a local account)
   * cannot tell. */
  if (!user_context(c)) {
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_NOT_USER, &t->mdm_url);
    return;
  }
  dsreg_finding *f =
      dsreg_rule_emit(c,
                      "the device is %s but MdmUrl is empty: MDM "
                      "auto-enrollment (Intune) is not configured for "
                      "this tenant or the user is not in its scope",
                      dsreg_join_type_title(c->jt));
  dsreg_rule_ev(f, &t->mdm_url);
  dsreg_rule_ev(f, &t->mdm_tou_url);
  dsreg_rule_ev(f, &t->mdm_compliance_url);
}

void dsreg_check_compliance_missing(dsreg_rule_ctx *c) {
  const dsreg_tenant_details *t = &c->t->tenant_details;
  if (!joined(c) || !dsreg_value_present(&t->mdm_url) ||
      t->mdm_compliance_url.state != DSREG_VALUE_EMPTY)
    return;
  dsreg_finding *f =
      dsreg_rule_emit(c,
                      "MdmUrl is set (%s) but MdmComplianceUrl is "
                      "empty",
                      txt(&t->mdm_url));
  dsreg_rule_ev(f, &t->mdm_url);
  dsreg_rule_ev(f, &t->mdm_compliance_url);
}
