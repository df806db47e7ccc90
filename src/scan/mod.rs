//! Fleet scan: every endpoint of an account (in one or several regions), or every connection
//! of a service from its owner's side, each diagnosed by the same engine.
//!
//! Facts are gathered per *page*, not per endpoint: one paginated DescribeVpcEndpoints, then
//! the endpoints' network interfaces and security groups, the VPCs, their subnets and their
//! network ACLs described in batches of ids, each diagnosis handed its share (`Facts::seed`).
//! Everything per VPC or per service is then shared through the one memo of the region, so
//! API calls grow with distinct resources and pages, not with endpoints × checks; the
//! services themselves are described in batches of names (`services`).

/// The fleet formats are report formats (`report::fleet`); the old path stays for callers.
pub use crate::report::fleet as render;

pub mod services;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Instant;

use futures_util::StreamExt;

use crate::session::{InputError, Session};
// Where it used to live; the command line and the scan both name it from the session.
use crate::engine::catalog::Catalog;
use crate::engine::outcome::{Account, Status};
use crate::engine::state::RunState;
use crate::facts::model::{Endpoint, NetworkInterface, SecurityGroup};
use crate::facts::{FactKey, FactValue, Facts, OperationStats, sorted};
use crate::report::{ApiCalls, Report, Timings, ToolInfo};
pub use crate::session::EndpointFilter;

pub mod org;

/// How many ids one batch Describe call carries.
const BATCH: usize = 200;

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

/// Worst first: fail, unknown, warn, then the rest.
pub fn severity(s: Status) -> u8 {
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
    /// Where each finished diagnosis goes instead of being held whole (`report::spool`):
    /// the scan then returns the table's share of each entry.
    pub spool: Option<Arc<crate::report::spool::Spool>>,
}

/// Describe in batches what every selected endpoint's diagnosis will read, and hand each
/// diagnosis its share. Errors are not reported here: a check that misses its fact asks
/// again and says what went wrong.
pub async fn prefetch(facts: &Facts, endpoints: &[Endpoint], region: &str) {
    for ep in endpoints {
        facts.seed(
            FactKey::Endpoint { id: ep.id.clone() },
            FactValue::Endpoint(Box::new(ep.clone())),
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
    let (enis, groups, vpcs, subnets, acls, _, ()) = tokio::join!(
        enis,
        groups,
        facts.vpcs(&vpc_ids),
        facts.subnets_of(&vpc_ids),
        facts.network_acls_of(&vpc_ids),
        per_vpc,
        services::seed(facts, endpoints, region)
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
    seed_flow_logs(facts, endpoints).await;
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

/// The flow logs of every endpoint's interfaces, subnets and VPC in batches of ids, each
/// diagnosis handed its share (the scan runs no Logs Insights query: see `RunContext::fleet`).
async fn seed_flow_logs(facts: &Facts, endpoints: &[Endpoint]) {
    let all: Vec<String> = sorted(
        &endpoints
            .iter()
            .flat_map(Endpoint::flow_log_resources)
            .collect::<Vec<_>>(),
    );
    // More ids than one batch: the account's flow logs in one paginated listing (calls grow
    // with the flow logs there are, not with the interfaces scanned).
    let chunks = if all.len() > BATCH {
        vec![facts.account_flow_logs().await]
    } else {
        futures_util::future::join_all(all.chunks(BATCH).map(|c| facts.flow_logs(c))).await
    };
    let mut logs = Vec::new();
    for chunk in chunks {
        match chunk {
            Ok(found) => logs.extend(found),
            // Each diagnosis asks again and says what went wrong.
            Err(_) => return,
        }
    }
    for ep in endpoints {
        let mine = ep.flow_log_resources();
        facts.seed(
            FactKey::FlowLogs {
                resource_ids: mine.clone(),
            },
            FactValue::FlowLogs(
                logs.iter()
                    .filter(|l| mine.contains(&l.resource_id))
                    .cloned()
                    .collect(),
            ),
        );
    }
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
pub async fn diagnose(
    base: &Session,
    ep: &Endpoint,
    only: Option<std::collections::HashSet<String>>,
) -> FleetEntry {
    let session = base.with_target(&ep.id);
    let started = Instant::now();
    let state = session.run_to_end(only).await;
    let elapsed = started.elapsed().as_millis() as u64;
    let report = Report::build(
        &state,
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
    // The row reads the run's own context, as the report and the view's header do.
    let context = &state.context;
    FleetEntry {
        region: context.region.clone(),
        endpoint: context.target.clone(),
        service: context
            .service_name
            .clone()
            .unwrap_or_else(|| ep.service_name.clone()),
        vpc: ep.vpc_id.clone(),
        state: ep.state.clone(),
        owner: None,
        account: None,
        account_name: None,
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
        account: None,
        endpoints,
        error,
        wall_ms: started.elapsed().as_millis() as u64,
    };
    // Who we are, asked once for the region before any diagnosis (each diagnosis' context
    // then reads the answer from the shared memo).
    let _ = plan.session.identities().await;
    let (selected, only, owners) = match &plan.service {
        None => {
            let all = match facts.endpoint_list().await {
                Ok(all) => all,
                Err(e) => return (outcome(0, Some(e.to_string())), Vec::new()),
            };
            let selected: Vec<Endpoint> = all
                .iter()
                .filter(|e| !e.state.eq_ignore_ascii_case("deleted"))
                .filter(|e| plan.filters.iter().all(|f| f.matches(e)))
                .cloned()
                .collect();
            prefetch(&facts, &selected, &plan.region).await;
            (selected, None, HashMap::new())
        }
        Some(service_id) => {
            let connections = match facts.endpoint_connections(service_id).await {
                Ok(c) => c,
                Err(e) => return (outcome(0, Some(e.to_string())), Vec::new()),
            };
            let (service_name, endpoint_type) = match facts.service_config(service_id).await {
                // A service behind Gateway Load Balancers only is reached by Gateway Load
                // Balancer endpoints: their checks (the appliances' health) are the ones
                // that apply.
                Ok(cfg)
                    if cfg.network_load_balancer_arns.is_empty()
                        && !cfg.gateway_load_balancer_arns.is_empty() =>
                {
                    (cfg.service_name, "GatewayLoadBalancer")
                }
                Ok(cfg) => (cfg.service_name, "Interface"),
                Err(e) => return (outcome(0, Some(e.to_string())), Vec::new()),
            };
            // The owner cannot describe the consumers' endpoints: each connection stands in
            // for its endpoint, and only the provider's checks (and the state) are judged.
            let selected: Vec<Endpoint> = connections
                .iter()
                .map(|c| Endpoint {
                    id: c.endpoint_id.clone(),
                    endpoint_type: endpoint_type.into(),
                    service_name: service_name.clone(),
                    state: c.state.clone(),
                    owner_id: c.owner.clone(),
                    ..Default::default()
                })
                .collect();
            for ep in &selected {
                facts.seed(
                    FactKey::Endpoint { id: ep.id.clone() },
                    FactValue::Endpoint(Box::new(ep.clone())),
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
    let base = Arc::new(plan.session.with_target(""));
    let owners = Arc::new(owners);
    let spool = plan.spool.clone();
    // Each entry completed (its owner) and handed to the spool as soon as it is known.
    let finish: Finish = Arc::new(move |mut entry: FleetEntry| {
        if let Some(owner) = owners.get(&entry.endpoint) {
            entry.owner = owner.clone();
        }
        match &spool {
            Some(spool) => spool.keep(entry),
            None => entry,
        }
    });
    let entries = diagnose_each(
        selected.into_iter().map(|ep| (base.clone(), ep)).collect(),
        only,
        plan.concurrency,
        plan.progress.clone(),
        Some(finish),
    )
    .await;
    (outcome(count, None), entries)
}

/// What becomes of each finished diagnosis before it is kept: its labels (owner, account)
/// set, then written to the spool (`report::spool`), which returns the table's share.
pub type Finish = Arc<dyn Fn(FleetEntry) -> FleetEntry + Send + Sync>;

/// Diagnose every endpoint with the session given beside it, `concurrency` at once; each
/// verdict goes to `progress` as soon as it is known, each entry through `finish`.
pub async fn diagnose_each(
    work: Vec<(Arc<Session>, Endpoint)>,
    only: Option<std::collections::HashSet<String>>,
    concurrency: usize,
    progress: Option<tokio::sync::mpsc::UnboundedSender<(String, Status, String)>>,
    finish: Option<Finish>,
) -> Vec<FleetEntry> {
    futures_util::stream::iter(work)
        .map(|(session, ep)| {
            let (only, progress, finish) = (only.clone(), progress.clone(), finish.clone());
            async move {
                // Owned per task: a spawned scan (the picker's) needs futures that borrow
                // nothing. A fleet diagnosis runs no Logs Insights query per endpoint (it
                // says so).
                let entry = diagnose(&session.in_fleet(), &ep, only).await;
                if let Some(tx) = progress {
                    let _ = tx.send((entry.endpoint.clone(), entry.worst, entry.headline.clone()));
                }
                match finish {
                    Some(finish) => finish(entry),
                    None => entry,
                }
            }
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await
}

/// By account (an organisation scan), then the broken ones first, then by region and id.
pub fn order(entries: &mut [FleetEntry]) {
    entries.sort_by(|a, b| {
        (&a.account, severity(a.worst), &a.region, &a.endpoint).cmp(&(
            &b.account,
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
            accounts: Vec::new(),
            accounts_skipped: BTreeMap::new(),
        },
        endpoints: entries,
    }
}

/// Errors of the command line that only a scan has.
pub fn check_regions(regions: &[String]) -> Result<(), InputError> {
    let mut seen = BTreeSet::new();
    for r in regions {
        if !seen.insert(r) {
            return Err(InputError(crate::t!("cli-input-region-twice", region = r)));
        }
    }
    Ok(())
}
