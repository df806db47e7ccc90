//! Fleet scan: every endpoint of an account (in one or several regions), or every connection
//! of a service from its owner's side, each diagnosed by the same engine.
//!
//! Facts are gathered per *page*, not per endpoint: one paginated DescribeVpcEndpoints, then
//! the endpoints' network interfaces and security groups, the VPCs, their subnets and their
//! network ACLs described in batches of ids, each diagnosis handed its share (`Facts::seed`).
//! Everything per VPC or per service is then shared through the one memo of the region, so
//! API calls grow with distinct resources and pages, not with endpoints × checks.

/// The fleet formats are report formats (`report::fleet`); the old path stays for callers.
pub use crate::report::fleet as render;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Instant;

use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use crate::app::{InputError, Session};
use crate::engine::catalog::Catalog;
use crate::engine::outcome::{Account, Status};
use crate::engine::state::RunState;
use crate::facts::model::{Endpoint, NetworkInterface, SecurityGroup};
use crate::facts::{FactKey, FactValue, Facts, OperationStats, sorted};
use crate::report::{ApiCalls, Report, Timings, ToolInfo};

/// How many ids one batch Describe call carries.
const BATCH: usize = 200;

/// `--filter`: one condition every selected endpoint meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum EndpointFilter {
    Tag { key: String, value: Option<String> },
    VpcId(String),
    ServiceName(String),
    State(String),
    Type(String),
}

impl std::str::FromStr for EndpointFilter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let err = || {
            format!(
                "invalid --filter {s:?}: expected tag:KEY=VALUE, tag:KEY, vpc-id=vpc-…, service-name=NAME, state=STATE or type=Interface|Gateway|GatewayLoadBalancer"
            )
        };
        if let Some(rest) = s.strip_prefix("tag:") {
            return match rest.split_once('=') {
                Some((k, v)) if !k.is_empty() => Ok(EndpointFilter::Tag {
                    key: k.to_string(),
                    value: Some(v.to_string()),
                }),
                None if !rest.is_empty() => Ok(EndpointFilter::Tag {
                    key: rest.to_string(),
                    value: None,
                }),
                _ => Err(err()),
            };
        }
        let (name, value) = s.split_once('=').ok_or_else(err)?;
        if value.is_empty() {
            return Err(err());
        }
        match name {
            "vpc-id" => Ok(EndpointFilter::VpcId(value.to_string())),
            "service-name" => Ok(EndpointFilter::ServiceName(value.to_string())),
            "state" => Ok(EndpointFilter::State(value.to_string())),
            "type" => Ok(EndpointFilter::Type(value.to_string())),
            _ => Err(err()),
        }
    }
}

impl std::fmt::Display for EndpointFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EndpointFilter::Tag {
                key,
                value: Some(v),
            } => write!(f, "tag:{key}={v}"),
            EndpointFilter::Tag { key, value: None } => write!(f, "tag:{key}"),
            EndpointFilter::VpcId(v) => write!(f, "vpc-id={v}"),
            EndpointFilter::ServiceName(v) => write!(f, "service-name={v}"),
            EndpointFilter::State(v) => write!(f, "state={v}"),
            EndpointFilter::Type(v) => write!(f, "type={v}"),
        }
    }
}

impl EndpointFilter {
    pub fn matches(&self, ep: &Endpoint) -> bool {
        match self {
            EndpointFilter::Tag { key, value } => ep
                .tags
                .iter()
                .any(|(k, v)| k == key && value.as_ref().is_none_or(|want| want == v)),
            EndpointFilter::VpcId(v) => &ep.vpc_id == v,
            EndpointFilter::ServiceName(v) => {
                &ep.service_name == v || ep.service_name.ends_with(&format!(".{v}"))
            }
            EndpointFilter::State(v) => ep.state.eq_ignore_ascii_case(v),
            EndpointFilter::Type(v) => ep.endpoint_type.eq_ignore_ascii_case(v),
        }
    }
}

/// The worst status of a diagnosis, in the order that matters to an on-call engineer.
pub fn worst(state: &RunState) -> Status {
    let counts = state.counts();
    let has = |s: Status| counts.get(&s).copied().unwrap_or(0) > 0;
    if has(Status::Fail) {
        Status::Fail
    } else if has(Status::Unknown) {
        Status::Unknown
    } else if has(Status::Warn) {
        Status::Warn
    } else {
        Status::Pass
    }
}

fn severity(s: Status) -> u8 {
    match s {
        Status::Fail => 0,
        Status::Unknown => 1,
        Status::Warn => 2,
        _ => 3,
    }
}

pub use crate::report::fleet::{
    FleetCause, FleetEntry, FleetReport, FleetScope, FleetSummary, RegionOutcome,
};

/// What a scan of one region needs, beyond its facts.
pub struct RegionPlan {
    pub region: String,
    /// A session for the region: its facts, clients and run settings (its target is unused).
    pub session: Session,
    pub filters: Vec<EndpointFilter>,
    /// Provider side: diagnose every connection of this service.
    pub service: Option<String>,
    pub concurrency: usize,
    /// Each endpoint's verdict as soon as it is known (the picker's live column).
    pub progress: Option<tokio::sync::mpsc::UnboundedSender<(String, Status, String)>>,
}

/// Describe in batches what every selected endpoint's diagnosis will read, and hand each
/// diagnosis its share. Errors are not reported here: a check that misses its fact asks
/// again and says what went wrong.
pub async fn prefetch(facts: &Facts, endpoints: &[Endpoint], region: &str) {
    for ep in endpoints {
        facts.seed(
            FactKey::Endpoint { id: ep.id.clone() },
            FactValue::Endpoint(ep.clone()),
        );
    }
    let eni_ids: Vec<String> = sorted(
        &endpoints
            .iter()
            .flat_map(|e| e.network_interface_ids.clone())
            .collect::<Vec<_>>(),
    );
    let sg_ids: Vec<String> = sorted(
        &endpoints
            .iter()
            .flat_map(|e| e.security_group_ids.clone())
            .collect::<Vec<_>>(),
    );
    let vpc_ids: Vec<String> = sorted(
        &endpoints
            .iter()
            .map(|e| e.vpc_id.clone())
            .collect::<Vec<_>>(),
    );
    let enis = async {
        let chunks = futures_util::future::join_all(
            eni_ids.chunks(BATCH).map(|c| facts.network_interfaces(c)),
        )
        .await;
        chunks
            .into_iter()
            .filter_map(Result::ok)
            .flatten()
            .collect::<Vec<NetworkInterface>>()
    };
    let groups = async {
        let chunks =
            futures_util::future::join_all(sg_ids.chunks(BATCH).map(|c| facts.security_groups(c)))
                .await;
        chunks
            .into_iter()
            .filter_map(Result::ok)
            .flatten()
            .collect::<Vec<SecurityGroup>>()
    };
    // What has no batch form, asked for every VPC at once (the call window bounds it)
    // instead of one VPC after another as the diagnoses reach them.
    let per_vpc = futures_util::future::join_all(vpc_ids.iter().map(|vpc| async move {
        let _ = tokio::join!(
            facts.vpc_attribute(vpc, crate::facts::VpcAttribute::EnableDnsSupport),
            facts.vpc_attribute(vpc, crate::facts::VpcAttribute::EnableDnsHostnames),
            facts.hosted_zones_by_vpc(vpc, region)
        );
    }));
    let (enis, groups, vpcs, subnets, acls, _) = tokio::join!(
        enis,
        groups,
        facts.vpcs(&vpc_ids),
        facts.subnets_of(&vpc_ids),
        facts.network_acls_of(&vpc_ids),
        per_vpc
    );
    let eni_by_id: HashMap<&str, &NetworkInterface> =
        enis.iter().map(|n| (n.id.as_str(), n)).collect();
    let sg_by_id: HashMap<&str, &SecurityGroup> =
        groups.iter().map(|g| (g.id.as_str(), g)).collect();
    for ep in endpoints {
        // Only complete shares: a missing id must reach the check as the API's NotFound.
        let mine: Option<Vec<NetworkInterface>> = ep
            .network_interface_ids
            .iter()
            .map(|id| eni_by_id.get(id.as_str()).map(|n| (*n).clone()))
            .collect();
        if let Some(mine) = mine
            && !mine.is_empty()
        {
            facts.seed(
                FactKey::NetworkInterfaces {
                    ids: sorted(&ep.network_interface_ids),
                },
                FactValue::NetworkInterfaces(mine),
            );
        }
        let mine: Option<Vec<SecurityGroup>> = ep
            .security_group_ids
            .iter()
            .map(|id| sg_by_id.get(id.as_str()).map(|g| (*g).clone()))
            .collect();
        if let Some(mine) = mine
            && !mine.is_empty()
        {
            facts.seed(
                FactKey::SecurityGroups {
                    ids: sorted(&ep.security_group_ids),
                    account: Account::Consumer,
                },
                FactValue::SecurityGroups(mine),
            );
        }
    }
    if let Ok(vpcs) = vpcs {
        for v in vpcs {
            facts.seed(FactKey::Vpc { id: v.id.clone() }, FactValue::Vpc(v));
        }
    }
    if let Ok(subnets) = subnets {
        for vpc in &vpc_ids {
            facts.seed(
                FactKey::Subnets {
                    vpc_id: vpc.clone(),
                    account: Account::Consumer,
                },
                FactValue::Subnets(
                    subnets
                        .iter()
                        .filter(|s| &s.vpc_id == vpc)
                        .cloned()
                        .collect(),
                ),
            );
        }
    }
    if let Ok(acls) = acls {
        for vpc in &vpc_ids {
            facts.seed(
                FactKey::NetworkAcls {
                    vpc_id: vpc.clone(),
                },
                FactValue::NetworkAcls(acls.iter().filter(|a| &a.vpc_id == vpc).cloned().collect()),
            );
        }
    }
}

/// Run a session's checks (or `only` these) to the end.
pub async fn run_to_end(
    session: &Session,
    only: Option<std::collections::HashSet<String>>,
) -> RunState {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut state = RunState::new(&session.catalog);
    let run = session.spawn(only, HashMap::new(), false, tx);
    while let Some(ev) = rx.recv().await {
        state.apply(&ev);
    }
    let _ = run.await;
    state
}

/// The worst status of a finished run and the finding behind it in a few words (the
/// picker's verdict column and the fleet table).
pub fn verdict(state: &RunState) -> (Status, String) {
    let status = worst(state);
    let cause = state
        .root_causes()
        .first()
        .and_then(|c| c.result().map(|r| format!("{}: {}", c.id, r.summary)))
        .or_else(|| {
            state.checks.iter().find_map(|c| {
                let r = c.result()?;
                (r.status == status && status != Status::Pass)
                    .then(|| format!("{}: {}", c.id, r.summary))
            })
        })
        .unwrap_or_default();
    (status, cause)
}

/// Diagnose one endpoint of the fleet with the region's shared facts.
async fn diagnose(
    base: &Session,
    ep: &Endpoint,
    only: Option<std::collections::HashSet<String>>,
    identities: &(Option<String>, Option<String>),
) -> FleetEntry {
    let session = base.with_target(&ep.id);
    let started = Instant::now();
    let state = run_to_end(&session, only).await;
    let mut context = session.context_with(
        Some(ep.service_name.clone()),
        identities.0.clone(),
        identities.1.clone(),
    );
    context.vantage = session.vantage_detected().await;
    let elapsed = started.elapsed().as_millis() as u64;
    let report = Report::build(
        &state,
        &ep.id,
        context,
        BTreeMap::new(),
        Timings {
            setup_ms: 0,
            checks_ms: elapsed,
            total_ms: elapsed,
        },
    );
    let root_cause = report.root_causes.first().map(|r| FleetCause {
        check: r.id.clone(),
        summary: r.summary.clone(),
    });
    let (worst, headline) = verdict(&state);
    FleetEntry {
        region: session.run.region.clone(),
        endpoint: ep.id.clone(),
        service: ep.service_name.clone(),
        vpc: ep.vpc_id.clone(),
        state: ep.state.clone(),
        owner: None,
        worst,
        root_cause,
        headline,
        report,
    }
}

/// The checks that read the provider's side, plus the connection state itself (the engine
/// adds what they need).
fn provider_checks(catalog: &Catalog) -> std::collections::HashSet<String> {
    catalog
        .checks()
        .iter()
        .filter(|c| c.id == "endpoint.state" || c.account == Account::Provider)
        .map(|c| c.id.clone())
        .collect()
}

/// Scan one region: the endpoints that pass the filters (consumer side), or the service's
/// connections (provider side).
pub async fn scan_region(plan: RegionPlan) -> (RegionOutcome, Vec<FleetEntry>) {
    let started = Instant::now();
    let facts = plan.session.facts.clone();
    let outcome = |endpoints, error: Option<String>| RegionOutcome {
        region: plan.region.clone(),
        endpoints,
        error,
        wall_ms: started.elapsed().as_millis() as u64,
    };
    let identities = plan.session.identities().await;
    let (selected, only, owners) = match &plan.service {
        None => {
            let all = match facts.endpoint_list().await {
                Ok(all) => all,
                Err(e) => return (outcome(0, Some(e.to_string())), Vec::new()),
            };
            let selected: Vec<Endpoint> = all
                .into_iter()
                .filter(|e| !e.state.eq_ignore_ascii_case("deleted"))
                .filter(|e| plan.filters.iter().all(|f| f.matches(e)))
                .collect();
            prefetch(&facts, &selected, &plan.region).await;
            (selected, None, HashMap::new())
        }
        Some(service_id) => {
            let connections = match facts.endpoint_connections(service_id).await {
                Ok(c) => c,
                Err(e) => return (outcome(0, Some(e.to_string())), Vec::new()),
            };
            let service_name = match facts.service_config(service_id).await {
                Ok(cfg) => cfg.service_name,
                Err(e) => return (outcome(0, Some(e.to_string())), Vec::new()),
            };
            // The owner cannot describe the consumers' endpoints: each connection stands in
            // for its endpoint, and only the provider's checks (and the state) are judged.
            let selected: Vec<Endpoint> = connections
                .iter()
                .map(|c| Endpoint {
                    id: c.endpoint_id.clone(),
                    endpoint_type: "Interface".into(),
                    service_name: service_name.clone(),
                    state: c.state.clone(),
                    owner_id: c.owner.clone(),
                    ..Default::default()
                })
                .collect();
            for ep in &selected {
                facts.seed(
                    FactKey::Endpoint { id: ep.id.clone() },
                    FactValue::Endpoint(ep.clone()),
                );
            }
            let owners: HashMap<String, Option<String>> = connections
                .iter()
                .map(|c| (c.endpoint_id.clone(), c.owner.clone()))
                .collect();
            (
                selected,
                Some(provider_checks(&plan.session.catalog)),
                owners,
            )
        }
    };
    let count = selected.len();
    // Owned per task: a spawned scan (the picker's) needs futures that borrow nothing.
    let base = Arc::new(plan.session.with_target(""));
    let identities = Arc::new(identities);
    let mut entries: Vec<FleetEntry> = futures_util::stream::iter(selected)
        .map(|ep| {
            let (base, identities) = (base.clone(), identities.clone());
            let (only, progress) = (only.clone(), plan.progress.clone());
            async move {
                let entry = diagnose(&base, &ep, only, &identities).await;
                if let Some(tx) = progress {
                    let _ = tx.send((entry.endpoint.clone(), entry.worst, entry.headline.clone()));
                }
                entry
            }
        })
        .buffer_unordered(plan.concurrency.max(1))
        .collect()
        .await;
    for e in &mut entries {
        if let Some(owner) = owners.get(&e.endpoint) {
            e.owner = owner.clone();
        }
    }
    (outcome(count, None), entries)
}

/// Put the broken ones first, then by region and id.
pub fn order(entries: &mut [FleetEntry]) {
    entries.sort_by(|a, b| {
        (severity(a.worst), &a.region, &a.endpoint).cmp(&(
            severity(b.worst),
            &b.region,
            &b.endpoint,
        ))
    });
}

/// Fold the regions' results into one report.
pub fn fleet_report(
    scope: FleetScope,
    regions: Vec<RegionOutcome>,
    mut entries: Vec<FleetEntry>,
    stats: Vec<BTreeMap<String, OperationStats>>,
    wall_ms: u64,
) -> FleetReport {
    order(&mut entries);
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    for e in &entries {
        *by_status.entry(e.worst.as_str().to_string()).or_default() += 1;
    }
    let mut by_operation: BTreeMap<String, OperationStats> = BTreeMap::new();
    for region in stats {
        for (op, s) in region {
            let e = by_operation.entry(op).or_default();
            e.calls += s.calls;
            e.errors += s.errors;
            e.total_ms += s.total_ms;
            e.retries += s.retries;
        }
    }
    let total = by_operation.values().map(|s| s.calls).sum();
    let region_failed = regions.iter().any(|r| r.error.is_some());
    let exit_code = if entries.iter().any(|e| e.worst == Status::Fail) {
        1
    } else if region_failed || entries.iter().any(|e| e.worst == Status::Unknown) {
        3
    } else {
        0
    };
    FleetReport {
        schema_version: 1,
        kind: "fleet".into(),
        tool: ToolInfo::default(),
        generated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        command_line: crate::report::command_line(),
        scope,
        summary: FleetSummary {
            endpoints: entries.len(),
            by_status,
            exit_code,
            wall_ms,
            api_calls: ApiCalls {
                total,
                by_operation,
            },
            regions,
        },
        endpoints: entries,
    }
}

/// Errors of the command line that only a scan has.
pub fn check_regions(regions: &[String]) -> Result<(), InputError> {
    let mut seen = BTreeSet::new();
    for r in regions {
        if !seen.insert(r) {
            return Err(InputError(format!("--region {r} is given twice")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_match() {
        let ep = Endpoint {
            id: "vpce-1".into(),
            vpc_id: "vpc-1".into(),
            service_name: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0".into(),
            state: "available".into(),
            endpoint_type: "Interface".into(),
            tags: vec![("Team".into(), "payments".into())],
            ..Default::default()
        };
        let f = |s: &str| s.parse::<EndpointFilter>().unwrap();
        assert!(f("tag:Team=payments").matches(&ep));
        assert!(!f("tag:Team=search").matches(&ep));
        assert!(f("tag:Team").matches(&ep));
        assert!(f("vpc-id=vpc-1").matches(&ep));
        assert!(f("service-name=vpce-svc-0123456789abcdef0").matches(&ep));
        assert!(f("state=Available").matches(&ep));
        assert!(f("type=interface").matches(&ep));
        for bad in ["", "tag:", "vpc-id=", "color=blue", "tag:=x"] {
            assert!(bad.parse::<EndpointFilter>().is_err(), "{bad}");
        }
        assert_eq!(f("tag:Team=payments").to_string(), "tag:Team=payments");
    }
}
