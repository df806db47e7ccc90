//! How `scan --tui` opens a row: with the account's role in an organisation scan, and the
//! service owner's role only when that account was scanned (its role was assumed).

use super::*;
use crate::engine::outcome::Status;
use crate::engine::state::RunState;
use crate::report::fleet::AccountOutcome;
use crate::scan::{FleetEntry, FleetScope, fleet_report};

const ROLE: &str = "vpce-doctor-read";

fn options(org: bool) -> ScanOptions {
    ScanOptions {
        profile: Some("org-admin".into()),
        provider_profile: None,
        provider_role_arn: None,
        regions: vec!["us-east-1".into()],
        all_regions: false,
        filters: Vec::new(),
        service: None,
        ports: vec![443],
        dns_server: Some("127.0.0.1:53".into()),
        vantage: Default::default(),
        concurrency: 32,
        timeout: 10,
        window_secs: 0,
        report: ReportOptions::default(),
        org: org.then(|| crate::scan::org::OrgOptions {
            role_name: ROLE.into(),
            ..Default::default()
        }),
    }
}

fn entry(id: &str, region: &str, account: Option<&str>, owner: Option<&str>) -> FleetEntry {
    let catalog = Catalog::embedded().expect("catalog");
    let mut report = Report::build(
        &RunState::new(&catalog),
        Default::default(),
        Timings::default(),
    );
    report.context.provider_account = owner.map(Into::into);
    FleetEntry {
        region: region.into(),
        endpoint: id.into(),
        service: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0".into(),
        vpc: "vpc-0123456789abcdef0".into(),
        state: "available".into(),
        owner: None,
        account: account.map(Into::into),
        account_name: None,
        worst: Status::Pass,
        root_cause: None,
        headline: String::new(),
        report,
    }
}

fn scope() -> FleetScope {
    FleetScope {
        side: "consumer".into(),
        regions: Vec::new(),
        filters: Vec::new(),
        service: None,
        role_name: Some(ROLE.into()),
    }
}

fn org_report(entries: Vec<FleetEntry>) -> crate::scan::FleetReport {
    let mut report = fleet_report(scope(), Vec::new(), entries, Vec::new(), 0);
    let account = |id: &str, error: Option<&str>| AccountOutcome {
        id: id.into(),
        name: None,
        endpoints: 1,
        error: error.map(Into::into),
        wall_ms: 0,
    };
    report.summary.accounts = vec![
        account("111111111111", None),
        account("222222222222", None),
        account("333333333333", Some("could not assume …: AccessDenied")),
    ];
    report
}

#[test]
fn an_organisation_row_opens_with_the_role_in_its_account_and_in_its_scanned_owner() {
    let rows = [
        // A service owned by another scanned account: that account's role.
        entry(
            "vpce-0aaaaaaaaaaaaaaa1",
            "us-east-1",
            Some("111111111111"),
            Some("222222222222"),
        ),
        // An owner whose role could not be assumed, and AWS's own services: no role.
        entry(
            "vpce-0aaaaaaaaaaaaaaa2",
            "us-east-1",
            Some("111111111111"),
            Some("333333333333"),
        ),
        entry(
            "vpce-0aaaaaaaaaaaaaaa3",
            "eu-west-1",
            Some("222222222222"),
            Some("444444444444"),
        ),
        // The partition follows the region the account was scanned in.
        entry(
            "vpce-0aaaaaaaaaaaaaaa4",
            "cn-north-1",
            Some("222222222222"),
            Some("222222222222"),
        ),
    ];
    let report = org_report(rows.to_vec());
    let opened = |id: &str| {
        let e = report.endpoints.iter().find(|e| e.endpoint == id).unwrap();
        row_diag(&options(true), &report, e)
    };
    let d = opened("vpce-0aaaaaaaaaaaaaaa1");
    assert_eq!(
        d.role_arn.as_deref(),
        Some("arn:aws:iam::111111111111:role/vpce-doctor-read")
    );
    assert_eq!(
        d.provider_role_arn.as_deref(),
        Some("arn:aws:iam::222222222222:role/vpce-doctor-read")
    );
    // The caller's profile assumes the roles; the row's region is the one it was found in.
    assert_eq!(d.profile.as_deref(), Some("org-admin"));
    assert_eq!(d.region.as_deref(), Some("us-east-1"));
    assert_eq!(d.ports, vec![443]);
    assert_eq!(opened("vpce-0aaaaaaaaaaaaaaa2").provider_role_arn, None);
    let there = opened("vpce-0aaaaaaaaaaaaaaa3");
    assert_eq!(there.provider_role_arn, None);
    assert_eq!(there.region.as_deref(), Some("eu-west-1"));
    let china = opened("vpce-0aaaaaaaaaaaaaaa4");
    assert_eq!(
        china.role_arn.as_deref(),
        Some("arn:aws-cn:iam::222222222222:role/vpce-doctor-read")
    );
    assert_eq!(china.provider_role_arn, china.role_arn);
}

#[test]
fn a_one_account_row_opens_with_the_scan_s_own_profile() {
    let report = fleet_report(
        scope(),
        Vec::new(),
        vec![entry(
            "vpce-0aaaaaaaaaaaaaaa1",
            "eu-west-1",
            None,
            Some("222222222222"),
        )],
        Vec::new(),
        0,
    );
    let d = row_diag(&options(false), &report, &report.endpoints[0]);
    assert_eq!(d.role_arn, None);
    assert_eq!(d.provider_role_arn, None);
    assert_eq!(d.profile.as_deref(), Some("org-admin"));
    assert_eq!(d.region.as_deref(), Some("eu-west-1"));
}
