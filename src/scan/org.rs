//! `scan --org`: every account of an AWS Organization in one scan. The accounts come from
//! organizations:ListAccounts with the caller's own credentials (the management or a
//! delegated-administrator account); a role is assumed in each, and each account is scanned
//! as `scan` scans one, region by region.
//!
//! An endpoint whose service is owned by another scanned account is diagnosed with that
//! owner's assumed credentials as the provider's, so its provider checks are judged instead
//! of `unknown`. A service owned outside the scan stays as in a one-account scan.
//!
//! Concurrency is bounded twice: `--account-concurrency` accounts at once, and within an
//! account and region the usual window of API calls (AWS throttles per account and region)
//! shared by every diagnosis there, whichever account owns its service.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;

use futures_util::StreamExt;

use super::{FleetEntry, FleetReport, FleetScope, RegionOutcome, fleet_report, prefetch};
use crate::engine::catalog::Catalog;
use crate::engine::outcome::Account;
use crate::facts::aws::organizations::OrgAccount;
use crate::facts::aws::{AwsClients, ClientSettings, Limiter, assume_role_config, load_sdk_config};
use crate::facts::model::Endpoint;
use crate::facts::model::Identity;
use crate::facts::{FactError, FactKey, FactValue, OperationStats, Stats};
use crate::report::fleet::AccountOutcome;
use crate::session::{DiagOptions, EndpointFilter, InputError, Session, dns_client};

/// What `--org` adds to a scan.
#[derive(Debug, Clone, Default)]
pub struct OrgOptions {
    pub role_name: String,
    /// `--accounts`: only these (empty: every ACTIVE account).
    pub accounts: Vec<String>,
    pub exclude_accounts: Vec<String>,
    pub account_concurrency: usize,
}

/// An organisation scan: the caller's settings and what to scan in each account.
pub struct OrgPlan {
    /// The caller's profile (it lists the accounts and assumes the roles) and the settings
    /// every diagnosis runs with.
    pub diag: DiagOptions,
    /// Empty: the caller's region.
    pub regions: Vec<String>,
    pub all_regions: bool,
    pub filters: Vec<EndpointFilter>,
    /// Diagnoses at once per account and region.
    pub concurrency: usize,
    pub org: OrgOptions,
    /// Where each finished diagnosis goes instead of being held whole (`report::spool`).
    pub spool: Option<Arc<crate::report::spool::Spool>>,
}

/// The accounts a scan covers, from the organisation's list and the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub scan: Vec<OrgAccount>,
    /// Rows that say why an account asked for by `--accounts` is not scanned.
    pub refused: Vec<(String, String)>,
    /// Accounts of the organisation left out because they are not ACTIVE, by their state.
    pub skipped: BTreeMap<String, usize>,
}

/// Keep the ACTIVE accounts, then `--accounts` and `--exclude-accounts`. An id asked for that
/// the organisation does not hold (or holds but not ACTIVE) is a row saying so.
pub fn select(all: &[OrgAccount], only: &[String], exclude: &[String]) -> Selection {
    let mut selection = Selection::default();
    for a in all {
        if exclude.contains(&a.id) || (!only.is_empty() && !only.contains(&a.id)) {
            continue;
        }
        if a.status.eq_ignore_ascii_case("ACTIVE") {
            selection.scan.push(a.clone());
        } else if only.contains(&a.id) {
            selection.refused.push((
                a.id.clone(),
                format!(
                    "the account is {} in the organisation, not ACTIVE: not scanned",
                    a.status
                ),
            ));
        } else {
            *selection.skipped.entry(a.status.clone()).or_default() += 1;
        }
    }
    for id in only {
        if !exclude.contains(id) && !all.iter().any(|a| &a.id == id) {
            selection.refused.push((
                id.clone(),
                "not an account of the organisation (organizations:ListAccounts does not list it)"
                    .into(),
            ));
        }
    }
    selection.scan.sort_by(|a, b| a.id.cmp(&b.id));
    selection.scan.dedup_by(|a, b| a.id == b.id);
    selection
}

/// `arn:<partition>:iam::<account>:role/<role>`, the partition the caller's own ARN is in
/// (`aws`, `aws-cn`, `aws-us-gov`).
pub fn role_arn(caller_arn: &str, account: &str, role: &str) -> String {
    let partition = caller_arn
        .strip_prefix("arn:")
        .and_then(|rest| rest.split(':').next())
        .filter(|p| !p.is_empty())
        .unwrap_or("aws");
    role_in(partition, account, role)
}

/// The role's ARN in `account` of `partition`.
pub fn role_in(partition: &str, account: &str, role: &str) -> String {
    format!("arn:{partition}:iam::{account}:role/{role}")
}

/// The partition a region belongs to (an account's roles are in its partition).
pub fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// STS's own code and message out of the credentials provider's error text
/// (`… (AccessDenied): Error { code: "AccessDenied", message: "User is not …" }`), else the
/// error as it came.
fn sts_reason(code: &str, message: &str) -> String {
    let inner = regex::Regex::new(r#"code: "([^"]+)", message: "([^"]*)""#)
        .expect("a valid pattern")
        .captures(message)
        .map(|c| format!("{}: {}", &c[1], &c[2]));
    inner.unwrap_or_else(|| format!("{code}: {message}"))
}

/// One account's results.
struct AccountScan {
    outcome: AccountOutcome,
    regions: Vec<RegionOutcome>,
    entries: Vec<FleetEntry>,
    stats: Vec<BTreeMap<String, OperationStats>>,
}

/// Everything an account's scan shares with the others.
struct Shared {
    plan: OrgPlan,
    catalog: Arc<Catalog>,
    caller_arn: String,
    /// Each scanned account's assumed credentials (nothing is sent until first use).
    configs: HashMap<String, aws_config::SdkConfig>,
    regions: Vec<String>,
}

impl Shared {
    fn role(&self, account: &str) -> String {
        role_arn(&self.caller_arn, account, &self.plan.org.role_name)
    }

    /// What renews an account's credentials, named in its credentials errors.
    fn hint(&self, account: &str) -> String {
        format!(
            "check that the role {} exists and trusts {} (and that the caller may sts:AssumeRole it)",
            self.role(account),
            self.caller_arn
        )
    }
}

/// Scan every selected account of the organisation; `Err` only for what stops it all at the
/// start (no usable credentials for the caller, the accounts cannot be listed).
pub async fn scan_org(plan: OrgPlan, catalog: Arc<Catalog>) -> Result<FleetReport, InputError> {
    let t0 = Instant::now();
    // The caller's session: its region, its credentials judged up front, who it is.
    let caller = Session::live("", &plan.diag, catalog.clone()).await?;
    caller.preflight().await?;
    let identity = caller
        .facts
        .caller_identity(Account::Consumer)
        .await
        .map_err(|e| InputError(format!("cannot tell who the caller is: {e}")))?;
    let base = load_sdk_config(&ClientSettings {
        profile: plan.diag.profile.clone(),
        region: Some(caller.run.region.clone()),
        attempt_timeout: std::time::Duration::from_secs(plan.diag.timeout),
        max_attempts: 4,
    })
    .await;
    let lister = AwsClients::new(&base, None, 8);
    let all = lister.organization_accounts().await.map_err(|e| {
        InputError(format!(
            "cannot list the accounts of the organisation: {e} — run it with the credentials of the management account or of a delegated administrator (needs organizations:ListAccounts)"
        ))
    })?;
    let selection = select(&all, &plan.org.accounts, &plan.org.exclude_accounts);
    let mut configs = HashMap::new();
    for a in &selection.scan {
        let arn = role_arn(&identity.arn, &a.id, &plan.org.role_name);
        configs.insert(a.id.clone(), assume_role_config(&base, &arn).await);
    }
    let regions = if plan.regions.is_empty() {
        vec![caller.run.region.clone()]
    } else {
        plan.regions.clone()
    };
    let scope = FleetScope {
        side: "consumer".into(),
        regions: if plan.all_regions {
            Vec::new()
        } else {
            regions.clone()
        },
        filters: plan.filters.iter().map(ToString::to_string).collect(),
        service: None,
        role_name: Some(plan.org.role_name.clone()),
    };
    let shared = Arc::new(Shared {
        plan,
        catalog,
        caller_arn: identity.arn.clone(),
        configs,
        regions,
    });
    let scans: Vec<AccountScan> = futures_util::stream::iter(selection.scan.clone())
        .map(|a| scan_account(shared.clone(), a))
        .buffer_unordered(shared.plan.org.account_concurrency.max(1))
        .collect()
        .await;
    let mut stats = vec![caller.facts.stats.snapshot(), lister.stats.snapshot()];
    let (mut outcomes, mut region_outcomes, mut entries) = (Vec::new(), Vec::new(), Vec::new());
    for mut s in scans {
        outcomes.push(s.outcome);
        region_outcomes.append(&mut s.regions);
        entries.append(&mut s.entries);
        stats.append(&mut s.stats);
    }
    for (id, reason) in selection.refused {
        outcomes.push(AccountOutcome {
            id,
            name: None,
            endpoints: 0,
            error: Some(reason),
            wall_ms: 0,
        });
    }
    outcomes.sort_by(|a, b| a.id.cmp(&b.id));
    let mut report = fleet_report(
        scope,
        region_outcomes,
        entries,
        stats,
        t0.elapsed().as_millis() as u64,
    );
    // An account that could not be scanned is not known to be healthy.
    if report.summary.exit_code == 0 && outcomes.iter().any(|a| a.error.is_some()) {
        report.summary.exit_code = 3;
    }
    report.summary.accounts = outcomes;
    report.summary.accounts_skipped = selection.skipped;
    Ok(report)
}

/// One account: its role assumed (the first call proves it), its regions, each scanned.
async fn scan_account(shared: Arc<Shared>, account: OrgAccount) -> AccountScan {
    let started = Instant::now();
    let name = Some(account.name.clone()).filter(|n| !n.is_empty());
    let failed = |error: String, stats| AccountScan {
        outcome: AccountOutcome {
            id: account.id.clone(),
            name: name.clone(),
            endpoints: 0,
            error: Some(error),
            wall_ms: started.elapsed().as_millis() as u64,
        },
        regions: Vec::new(),
        entries: Vec::new(),
        stats,
    };
    let conf = &shared.configs[&account.id];
    let probe = AwsClients::new(conf, None, 1);
    let identity = match probe.caller().await {
        Ok(identity) => identity,
        Err(e) => {
            let reason = match &e {
                FactError::Credentials { code, message, .. } => sts_reason(code, message),
                other => other.to_string(),
            };
            return failed(
                format!(
                    "could not assume {}: {}",
                    shared.role(&account.id),
                    crate::sanitize::terminal_safe(&reason)
                ),
                vec![probe.stats.snapshot()],
            );
        }
    };
    let mut stats = vec![probe.stats.snapshot()];
    let regions = if shared.plan.all_regions {
        let session = match region_session(
            &shared,
            &account.id,
            &identity,
            &shared.regions[0],
            None,
            None,
        ) {
            Ok(s) => s,
            Err(e) => return failed(e.0, stats),
        };
        let listed = session.facts.regions().await;
        stats.push(session.facts.stats.snapshot());
        match listed {
            Ok(r) => r,
            Err(e) => return failed(format!("cannot list the regions: {e}"), stats),
        }
    } else {
        shared.regions.clone()
    };
    let results = futures_util::future::join_all(
        regions
            .iter()
            .map(|r| scan_account_region(&shared, &account, &identity, r)),
    )
    .await;
    let (mut outcomes, mut entries) = (Vec::new(), Vec::new());
    for (outcome, mut e, s) in results {
        outcomes.push(outcome);
        entries.append(&mut e);
        stats.push(s);
    }
    AccountScan {
        outcome: AccountOutcome {
            id: account.id.clone(),
            name,
            endpoints: entries.len(),
            error: None,
            wall_ms: started.elapsed().as_millis() as u64,
        },
        regions: outcomes,
        entries,
        stats,
    }
}

/// A session of one account in one region, with `owner` (a scanned account, this one
/// included) as the services' owner when given. Sessions of one account and region share
/// `window` (the calls in flight) and the counters. `identity` is what the account's probe
/// learnt of its role: the session knows it without asking STS again.
fn region_session(
    shared: &Shared,
    account: &str,
    identity: &Identity,
    region: &str,
    window: Option<(&Arc<Limiter>, &Arc<Stats>)>,
    owner: Option<&str>,
) -> Result<Session, InputError> {
    let here = |c: &aws_config::SdkConfig| {
        c.to_builder()
            .region(aws_config::Region::new(region.to_string()))
            .build()
    };
    let consumer = here(&shared.configs[account]);
    let (limit, stats) = match window {
        Some((l, s)) => (l.clone(), s.clone()),
        None => (Arc::new(Limiter::new(8)), Arc::default()),
    };
    let provider = owner.map(|o| here(&shared.configs[o]));
    let aws = AwsClients::sharing(&consumer, provider.as_ref(), limit, stats)
        .with_login_hints(shared.hint(account), owner.map(|o| shared.hint(o)));
    let diag = DiagOptions {
        // The accounts are reached through their roles, never a profile.
        profile: None,
        provider_profile: None,
        region: Some(region.to_string()),
        ..shared.plan.diag.clone()
    };
    let session = Session::over_clients(
        "",
        aws,
        dns_client(&diag)?,
        region.to_string(),
        &diag,
        shared.catalog.clone(),
    );
    session.facts.seed(
        FactKey::CallerIdentity {
            account: Account::Consumer,
        },
        FactValue::Identity(identity.clone()),
    );
    Ok(session)
}

/// One account in one region: its endpoints, each diagnosed with the credentials of its
/// service's owner when that owner is another scanned account.
async fn scan_account_region(
    shared: &Shared,
    account: &OrgAccount,
    identity: &Identity,
    region: &str,
) -> (
    RegionOutcome,
    Vec<FleetEntry>,
    BTreeMap<String, OperationStats>,
) {
    let started = Instant::now();
    let outcome = |endpoints, error: Option<String>| RegionOutcome {
        region: region.to_string(),
        account: Some(account.id.clone()),
        endpoints,
        error,
        wall_ms: started.elapsed().as_millis() as u64,
    };
    let limit = Arc::new(Limiter::new(8));
    let stats: Arc<Stats> = Arc::default();
    // Services owned outside the scan (AWS's, other organisations'): no provider credentials,
    // as in a one-account scan without --provider-profile.
    let base = match region_session(
        shared,
        &account.id,
        identity,
        region,
        Some((&limit, &stats)),
        None,
    ) {
        Ok(s) => s,
        Err(e) => return (outcome(0, Some(e.0)), Vec::new(), stats.snapshot()),
    };
    let _ = base.identities().await;
    let all = match base.facts.endpoint_list().await {
        Ok(all) => all,
        Err(e) => {
            return (
                outcome(0, Some(e.to_string())),
                Vec::new(),
                stats.snapshot(),
            );
        }
    };
    let selected: Vec<Endpoint> = all
        .iter()
        .filter(|e| !e.state.eq_ignore_ascii_case("deleted"))
        .filter(|e| shared.plan.filters.iter().all(|f| f.matches(e)))
        .cloned()
        .collect();
    let groups = by_owner(&base, &selected, shared).await;
    let mut work = Vec::new();
    for (owner, endpoints) in groups {
        let session = match &owner {
            None => base.clone(),
            Some(o) => {
                match region_session(
                    shared,
                    &account.id,
                    identity,
                    region,
                    Some((&limit, &stats)),
                    Some(o),
                ) {
                    Ok(s) => s,
                    Err(e) => return (outcome(0, Some(e.0)), Vec::new(), stats.snapshot()),
                }
            }
        };
        prefetch(&session.facts, &endpoints, region).await;
        let session = Arc::new(session);
        work.extend(endpoints.into_iter().map(|ep| (session.clone(), ep)));
    }
    let count = work.len();
    let (id, name) = (
        account.id.clone(),
        Some(account.name.clone()).filter(|n| !n.is_empty()),
    );
    let spool = shared.plan.spool.clone();
    // Labelled with its account before it goes to the spool (the JSON carries it).
    let finish: super::Finish = Arc::new(move |mut e: FleetEntry| {
        e.account = Some(id.clone());
        e.account_name = name.clone();
        match &spool {
            Some(spool) => spool.keep(e),
            None => e,
        }
    });
    let entries =
        super::diagnose_each(work, None, shared.plan.concurrency, None, Some(finish)).await;
    (outcome(count, None), entries, stats.snapshot())
}

/// The endpoints by the owner of their service when it is a scanned account (this one: its
/// own credentials are the owner's), `None` for AWS services and owners outside the scan.
async fn by_owner(
    base: &Session,
    endpoints: &[Endpoint],
    shared: &Shared,
) -> BTreeMap<Option<String>, Vec<Endpoint>> {
    // One DescribeVpcEndpointServices for every service (not one per service).
    super::services::seed(&base.facts, endpoints, &base.run.region).await;
    let owners = futures_util::future::join_all(
        endpoints
            .iter()
            .map(|ep| async move { base.facts.service_detail_of(ep).await }),
    )
    .await;
    let mut groups: BTreeMap<Option<String>, Vec<Endpoint>> = BTreeMap::new();
    for (ep, detail) in endpoints.iter().zip(owners) {
        let owner = detail
            .ok()
            .flatten()
            .and_then(|d| d.owner)
            .filter(|o| shared.configs.contains_key(o));
        groups.entry(owner).or_default().push(ep.clone());
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, status: &str) -> OrgAccount {
        OrgAccount {
            id: id.into(),
            name: format!("name-{id}"),
            status: status.into(),
        }
    }

    fn ids(s: &Selection) -> Vec<&str> {
        s.scan.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn only_active_accounts_are_scanned_and_the_others_are_counted_by_state() {
        let all = [
            account("111111111111", "ACTIVE"),
            account("222222222222", "SUSPENDED"),
            account("333333333333", "ACTIVE"),
            account("444444444444", "PENDING_CLOSURE"),
            account("555555555555", "SUSPENDED"),
        ];
        let s = select(&all, &[], &[]);
        assert_eq!(ids(&s), ["111111111111", "333333333333"]);
        assert_eq!(
            s.skipped,
            [
                ("PENDING_CLOSURE".to_string(), 1),
                ("SUSPENDED".to_string(), 2)
            ]
            .into()
        );
        assert!(s.refused.is_empty());
    }

    #[test]
    fn accounts_and_exclusions_narrow_the_scan_and_unknown_ids_are_rows() {
        let all = [
            account("111111111111", "ACTIVE"),
            account("222222222222", "ACTIVE"),
            account("333333333333", "SUSPENDED"),
        ];
        let s = select(&all, &[], &["222222222222".into()]);
        assert_eq!(ids(&s), ["111111111111"]);
        let only = [
            "222222222222".to_string(),
            "999999999999".to_string(),
            "333333333333".to_string(),
        ];
        let s = select(&all, &only, &[]);
        assert_eq!(ids(&s), ["222222222222"]);
        let refused: Vec<&str> = s.refused.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(refused, ["333333333333", "999999999999"]);
        assert!(s.refused[0].1.contains("SUSPENDED"), "{:?}", s.refused);
        assert!(
            s.refused[1]
                .1
                .contains("not an account of the organisation")
        );
        // Asked for and excluded: excluded, and no row about it.
        let s = select(&all, &["111111111111".into()], &["111111111111".into()]);
        assert!(s.scan.is_empty() && s.refused.is_empty(), "{s:?}");
    }

    #[test]
    fn a_refused_assume_role_reads_as_stss_code_and_message() {
        assert_eq!(
            sts_reason(
                "CredentialsProviderError",
                "service error: unhandled error (AccessDenied): Error { code: \"AccessDenied\", message: \"User is not authorized to perform: sts:AssumeRole\" }"
            ),
            "AccessDenied: User is not authorized to perform: sts:AssumeRole"
        );
        assert_eq!(
            sts_reason("InvalidClientTokenId", "the token is invalid"),
            "InvalidClientTokenId: the token is invalid"
        );
    }

    #[test]
    fn role_arns_follow_the_callers_partition() {
        assert_eq!(
            role_arn(
                "arn:aws:sts::123456789012:assumed-role/Admin/me",
                "210987654321",
                "vpce-doctor-read"
            ),
            "arn:aws:iam::210987654321:role/vpce-doctor-read"
        );
        assert_eq!(
            role_arn(
                "arn:aws-cn:iam::123456789012:user/me",
                "210987654321",
                "ops/read"
            ),
            "arn:aws-cn:iam::210987654321:role/ops/read"
        );
        assert_eq!(
            role_arn("arn:aws-us-gov:iam::123456789012:root", "210987654321", "r"),
            "arn:aws-us-gov:iam::210987654321:role/r"
        );
        // No ARN to read (a malformed answer): the commercial partition.
        assert_eq!(
            role_arn("", "210987654321", "r"),
            "arn:aws:iam::210987654321:role/r"
        );
    }
}
