/*
 * rules/join_state.c - join flags: not joined, contradictory flags, dual state,
 * VDI.
 */
#include <string.h>

#include "rules/rule_ctx.h"

void dsreg_check_not_joined(dsreg_rule_ctx *c) {
  if (dsreg_rule_join_type(c) != DSREG_JOIN_NOT_JOINED)
    return;
  const dsreg_device_state *d = &c->t->device_state;
  const dsreg_value *who = &c->t->diagnostic_data.executing_account_name;
  dsreg_finding *f;
  /* WorkplaceJoined describes the NTUSER context that ran dsregcmd (D1):
   * as SYSTEM or a local account it says nothing about the user's own
   * registration. */
  if (user_context(c))
    f = dsreg_rule_emit(c,
                        "the device is not joined to Microsoft Entra ID, to "
                        "an on-premises DRS or to a domain, and no work "
                        "account is registered (AzureAdJoined %s, "
                        "DomainJoined %s, WorkplaceJoined %s)",
                        txt(&d->azure_ad_joined), txt(&d->domain_joined),
                        txt(&c->t->user_state.workplace_joined));
  else
    f = dsreg_rule_emit(c,
                        "the device is not joined to Microsoft Entra ID, to "
                        "an on-premises DRS or to a domain (AzureAdJoined "
                        "%s, DomainJoined %s); the capture was taken as %s, "
                        "so whether the user registered a work account is "
                        "unknown",
                        txt(&d->azure_ad_joined), txt(&d->domain_joined),
                        txt(who));
  dsreg_rule_ev(f, &d->azure_ad_joined);
  dsreg_rule_ev(f, &d->enterprise_joined);
  dsreg_rule_ev(f, &d->domain_joined);
  dsreg_rule_ev(f, &c->t->user_state.workplace_joined);
  if (!user_context(c))
    dsreg_rule_ev(f, who);
}

void dsreg_check_contradictory(dsreg_rule_ctx *c) {
  const dsreg_device_state *d = &c->t->device_state;
  dsreg_finding *f = NULL;
  if (yes(c, &d->azure_ad_joined) && yes(c, &d->enterprise_joined))
    f = dsreg_rule_emit(
        c, "AzureAdJoined and EnterpriseJoined are both YES, which "
           "dsregcmd documents as impossible: the capture is damaged or "
           "the registration state is corrupt");
  else if (yes(c, &d->enterprise_joined) && no(c, &d->domain_joined))
    f = dsreg_rule_emit(c, "EnterpriseJoined is YES but DomainJoined is NO: an "
                           "on-premises DRS join needs a domain join");
  if (!f)
    return;
  /* The join type is what is in doubt, so the steps follow the flags that
   * are certain: DomainJoined says whether an unjoin would be the hybrid
   * one (D4: /debug /leave) or the Entra one (D4: /forcerecovery first; an
   * unjoin needs an offline local administrator). */
  static const char again[] =
      "Capture 'dsregcmd /status' again straight to a file; if the flags "
      "persist, find the device by its DeviceId in the Microsoft Entra admin "
      "center (disabled, deleted or pending?) and keep its BitLocker "
      "recovery key before changing anything.";
  if (yes(c, &d->azure_ad_joined) && yes(c, &d->domain_joined))
    dsreg_rule_remedy(
        c, f,
        "%s To register it again as hybrid joined, run 'dsregcmd /debug "
        "/leave' elevated, then sign out and in; on a managed domain it "
        "joins again only after the next Entra Connect sync, with no SSO "
        "until then.",
        again);
  else if (yes(c, &d->azure_ad_joined))
    dsreg_rule_remedy(
        c, f,
        "%s To repair the Entra join, run 'dsregcmd /forcerecovery' elevated "
        "and sign in when asked; unjoining instead needs an offline local "
        "administrator account.",
        again);
  else
    dsreg_rule_remedy(c, f,
                      "%s An on-premises DRS join without a domain join "
                      "cannot be repaired from this capture: escalate to the "
                      "AD FS administrators.",
                      again);
  dsreg_rule_ev(f, &d->azure_ad_joined);
  dsreg_rule_ev(f, &d->enterprise_joined);
  dsreg_rule_ev(f, &d->domain_joined);
}

/* The registered work account of the device's own tenant, or NULL: DSRegTool
 * calls it dual state only when WorkplaceTenantId equals the TenantId of the
 * hybrid join. */
static const dsreg_work_account *same_tenant(const dsreg_rule_ctx *c) {
  const dsreg_value *tid = &c->t->tenant_details.tenant_id;
  if (!dsreg_value_present(tid))
    return NULL;
  for (size_t i = 0; i < c->t->work_account_count; i++) {
    const dsreg_value *w = &c->t->work_accounts[i].workplace_tenant_id;
    if (dsreg_value_present(w) && dsreg_streq_nocase(txt(w), txt(tid)))
      return &c->t->work_accounts[i];
  }
  return NULL;
}

/* A registered account whose tenant is known and is not the device's. */
static const dsreg_work_account *other_tenant(const dsreg_rule_ctx *c) {
  const dsreg_value *tid = &c->t->tenant_details.tenant_id;
  for (size_t i = 0; i < c->t->work_account_count; i++) {
    const dsreg_value *w = &c->t->work_accounts[i].workplace_tenant_id;
    if (dsreg_value_present(w) && dsreg_value_present(tid) &&
        !dsreg_streq_nocase(txt(w), txt(tid)))
      return &c->t->work_accounts[i];
  }
  return NULL;
}

void dsreg_check_dual_state(dsreg_rule_ctx *c) {
  const dsreg_value *wpj = &c->t->user_state.workplace_joined;
  const dsreg_work_account *w;
  if (dsreg_rule_join_type(c) != DSREG_JOIN_HYBRID || !yes(c, wpj) ||
      !(w = same_tenant(c)))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "the device is Microsoft Entra hybrid joined and a work account of "
      "the same tenant is registered on it too (WorkplaceJoined YES, "
      "WorkplaceTenantId %s): the device is in dual state, both hybrid "
      "joined and Microsoft Entra registered (Windows 10 1607 and later "
      "ignore the registered account for sign-in)",
      txt(&w->workplace_tenant_id));
  dsreg_rule_ev(f, &c->t->device_state.azure_ad_joined);
  dsreg_rule_ev(f, &c->t->device_state.domain_joined);
  dsreg_rule_ev(f, wpj);
  dsreg_rule_ev(f, &c->t->tenant_details.tenant_id);
  dsreg_rule_ev(f, &w->workplace_tenant_id);
}

void dsreg_check_second_tenant(dsreg_rule_ctx *c) {
  const dsreg_value *wpj = &c->t->user_state.workplace_joined;
  if (!joined(c) || !yes(c, wpj))
    return;
  const dsreg_work_account *w = other_tenant(c);
  /* On an Entra joined device a registration can only be of another
   * tenant; on a hybrid one the tenants must be seen to differ. */
  if (!w && (dsreg_rule_join_type(c) != DSREG_JOIN_ENTRA || same_tenant(c)))
    return;
  dsreg_finding *f;
  if (w)
    f = dsreg_rule_emit(
        c,
        "the device is %s to tenant %s and a work account of another "
        "tenant (%s%s%s) is registered on it: a supported setup for users "
        "who work with a second organization",
        dsreg_join_type_title(c->jt), txt(&c->t->tenant_details.tenant_id),
        txt(&w->workplace_tenant_id),
        dsreg_value_present(&w->workplace_tenant_name) ? ", " : "",
        txt(&w->workplace_tenant_name));
  else
    f = dsreg_rule_emit(
        c, "the device is Microsoft Entra joined and a work account is "
           "registered on it as well (WorkplaceJoined YES): on an Entra "
           "joined device that is an account of another tenant, a "
           "supported setup for users who work with a second organization");
  dsreg_rule_ev(f, wpj);
  dsreg_rule_ev(f, &c->t->tenant_details.tenant_id);
  if (w)
    dsreg_rule_ev(f, &w->workplace_tenant_id);
}

void dsreg_check_domain_registered(dsreg_rule_ctx *c) {
  const dsreg_value *wpj = &c->t->user_state.workplace_joined;
  if (dsreg_rule_join_type(c) != DSREG_JOIN_DOMAIN || !yes(c, wpj))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c, "the device is domain joined and a work account is registered on "
         "it (WorkplaceJoined YES): once the device is hybrid joined, "
         "Windows 10 1803 and later remove the registration when the same "
         "user signs in, except for registrations made by local accounts");
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
