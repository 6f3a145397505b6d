/*
 * test_fixtures.h - every fixture of fixtures/corpus and fixtures/synthetic
 * (*.txt, *.log), for the tests that run a property over all of them.
 */
#ifndef DSREG_TEST_FIXTURES_H
#define DSREG_TEST_FIXTURES_H

/* clang-format off */
#define DSREG_TEST_FIXTURES \
  "fixtures/corpus/01_entra_joined_healthy_prt_win10_19041_newdiagfields.txt", \
  "fixtures/corpus/02_entra_joined_aadinternals_blog_partial.txt", \
  "fixtures/corpus/03_entra_joined_azure_vm_prt_partial_edited.txt", \
  "fixtures/corpus/04_hybrid_joined_whfb_certtrust_enterpriseprt_missing_partial_mangled.txt", \
  "fixtures/corpus/05_domainjoined_server2022_elevated_scp_missing_0x801c001d.txt", \
  "fixtures/corpus/06_domainjoined_win11_unelevated_scp_missing_kerberos_fedjoin.txt", \
  "fixtures/corpus/07_entra_registered_workplacejoined_win11_italian_ps.txt", \
  "fixtures/corpus/08_oldformat_1803_domainjoined_plus_workplacejoined.txt", \
  "fixtures/corpus/09_not_joined_workgroup_kolide_fixture.txt", \
  "fixtures/corpus/10_hybrid_sso_state_enterprise_prt_failure_msis9682_fragment.txt", \
  "fixtures/corpus/11_docs_oldformat_hybrid_joined_device_and_user_state_partial.txt", \
  "fixtures/corpus/12_docs_prejoin_diag_discover_fail_0x801c0021.txt", \
  "fixtures/corpus/13_docs_prejoin_diag_syncjoin_directoryerror_0x801c03f2.txt", \
  "fixtures/corpus/14_docs_sso_state_prt_acquire_failure_aadsts50126_with_cloudtgt.txt", \
  "fixtures/corpus/15_docs_section_samples_composite_devicedetails_tenant_user_postjoin_ngc.txt", \
  "fixtures/corpus/16_on_prem_drs_enterprisejoined_fragment_whitespace_collapsed.txt", \
  "fixtures/corpus/17_hybrid_joined_prt_failure_aadsts90002_then_success_retyped.txt", \
  "fixtures/synthetic/domain_joined_drs_discovery_failed.txt", \
  "fixtures/synthetic/domain_joined_sync_pending.txt", \
  "fixtures/synthetic/drs_joined.txt", \
  "fixtures/synthetic/entra_joined_as_system.txt", \
  "fixtures/synthetic/entra_joined_healthy.txt", \
  "fixtures/synthetic/entra_joined_prt_stale_mdm_missing.txt", \
  "fixtures/synthetic/entra_joined_recovery_keysign_failed.txt", \
  "fixtures/synthetic/entra_registered_only.txt", \
  "fixtures/synthetic/hostile_values.txt", \
  "fixtures/synthetic/hybrid_cert_expired.txt", \
  "fixtures/synthetic/hybrid_joined_healthy.txt", \
  "fixtures/synthetic/multi_capture.log", \
  "fixtures/synthetic/not_joined.txt"
/* clang-format on */

#endif
