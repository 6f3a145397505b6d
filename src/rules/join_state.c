/*
 * rules/join_state.c - join flags: not joined, contradictory flags, dual state,
 * VDI.
 */
#include <string.h>

#include "rules/rule_ctx.h"

void dsreg_check_not_joined(dsreg_rule_ctx *c) {
  if (c->jt != DSREG_JOIN_NOT_JOINED)
    return;
  const dsreg_device_state *d = &c->t->device_state;
  dsreg_finding *f =
      dsreg_rule_emit(c,
                      "the device is not joined to Microsoft Entra ID, to "
                      "an on-premises DRS or to a domain, and no work "
                      "account is registered (AzureAdJoined %s, "
                      "DomainJoined %s, WorkplaceJoined %s)",
                      txt(&d->azure_ad_joined), txt(&d->domain_joined),
                      txt(&c->t->user_state.workplace_joined));
  dsreg_rule_ev(f, &d->azure_ad_joined);
  dsreg_rule_ev(f, &d->enterprise_joined);
  dsreg_rule_ev(f, &d->domain_joined);
  dsreg_rule_ev(f, &c->t->user_state.workplace_joined);
}

void dsreg_check_contradictory(dsreg_rule_ctx *c) {
  const dsreg_device_state *d = &c->t->device_state;
  dsreg_finding *f = NULL;
  if (yes(&d->azure_ad_joined) && yes(&d->enterprise_joined))
    f = dsreg_rule_emit(
        c, "AzureAdJoined and EnterpriseJoined are both YES, which "
           "dsregcmd documents as impossible: the capture is damaged or "
           "the registration state is corrupt");
  else if (yes(&d->enterprise_joined) && no(&d->domain_joined))
    f = dsreg_rule_emit(c, "EnterpriseJoined is YES but DomainJoined is NO: an "
                           "on-premises DRS join needs a domain join");
  dsreg_rule_ev(f, &d->azure_ad_joined);
  dsreg_rule_ev(f, &d->enterprise_joined);
  dsreg_rule_ev(f, &d->domain_joined);
}

void dsreg_check_dual_state(dsreg_rule_ctx *c) {
  const dsreg_value *wpj = &c->t->user_state.workplace_joined;
  if (!joined(c) || !yes(wpj))
    return;
  dsreg_finding *f =
      dsreg_rule_emit(c,
                      "the device is %s and the user also registered a "
                      "work account on it (WorkplaceJoined YES): the "
                      "registered account can be picked for SSO and "
                      "Conditional Access instead of the device identity",
                      dsreg_join_type_title(c->jt));
  dsreg_rule_ev(f, &c->t->device_state.azure_ad_joined);
  dsreg_rule_ev(f, wpj);
  for (size_t i = 0; i < c->t->work_account_count; i++)
    dsreg_rule_ev(f, &c->t->work_accounts[i].workplace_tenant_id);
}

void dsreg_check_domain_registered(dsreg_rule_ctx *c) {
  const dsreg_value *wpj = &c->t->user_state.workplace_joined;
  if (c->jt != DSREG_JOIN_DOMAIN || !yes(wpj))
    return;
  dsreg_finding *f =
      dsreg_rule_emit(c, "the device is domain joined and a work account is "
                         "registered on it (WorkplaceJoined YES): once the "
                         "device completes a hybrid join it will be in dual "
                         "state");
  dsreg_rule_ev(f, &c->t->device_state.domain_joined);
  dsreg_rule_ev(f, wpj);
}

void dsreg_check_virtual_desktop(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->device_state.virtual_desktop;
  if (v->state != DSREG_VALUE_OK || v->flag != DSREG_FLAG_INVALID)
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(
          c, "Virtual Desktop is INVALID: the VDI metadata on this device "
             "is wrong, so Entra cannot tell how to treat it"),
      v);
}
