//! Workload profiles: the whole set of VPC endpoints a private workload needs (ECR pulls, EKS
//! nodes, Session Manager, …), judged in one VPC. The profiles are data
//! (`checks/workloads.toml`); for each service the profile lists this finds its endpoint in
//! the VPC, judges what the workload depends on (interface endpoints: private DNS, so the
//! SDK's default names reach them; gateway endpoints: routes for the workload's subnets; the
//! endpoint policy: the requests the profile names) and runs the endpoint's own diagnosis,
//! as a fleet scan does. A missing endpoint is a row with the command that creates it.

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Instant;

use futures_util::StreamExt;

use crate::checks::policy::{self, Decision};
use crate::engine::outcome::{Account, Remediation, Status};
use crate::facts::model::{Endpoint, RouteTable, Subnet};
use crate::report::fleet::FleetEntry;
use crate::report::workload::{WorkloadReport, WorkloadRow, WorkloadScope, WorkloadSummary};
use crate::report::{ApiCalls, ToolInfo};
use crate::sanitize::sh_quote;
use crate::scan::severity;
use crate::session::{InputError, Session};

pub use crate::checks::profiles::*;

/// Ids for the shell, separated by spaces (an option's list of values).
fn sh_words<S: AsRef<str>>(ids: impl IntoIterator<Item = S>) -> String {
    ids.into_iter()
        .map(|s| sh_quote(s.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything the rows are judged from: the VPC's facts, already gathered.
pub struct World<'a> {
    pub region: &'a str,
    pub vpc: &'a str,
    /// The VPC's endpoints (deleted ones left out).
    pub endpoints: &'a [Endpoint],
    pub tables: &'a [RouteTable],
    pub subnets: &'a [Subnet],
    /// The workload's subnets.
    pub workload_subnets: &'a [String],
    /// The `--profile/--region` tail of every command.
    pub cli_tail: &'a str,
    /// Each endpoint's own diagnosis, by id.
    pub diagnoses: &'a HashMap<String, FleetEntry>,
}

/// The table a subnet uses: its explicit association, else the VPC's main table.
pub fn effective_table<'t>(tables: &'t [RouteTable], subnet: &str) -> Option<&'t RouteTable> {
    tables
        .iter()
        .find(|t| t.subnet_ids.iter().any(|s| s == subnet))
        .or_else(|| tables.iter().find(|t| t.main))
}

/// A subnet whose table sends the default route to an internet gateway is public.
fn is_public(tables: &[RouteTable], subnet: &str) -> bool {
    effective_table(tables, subnet).is_some_and(|t| {
        t.routes.iter().any(|r| {
            (r.destination == "0.0.0.0/0" || r.destination == "::/0")
                && r.target.starts_with("igw-")
        })
    })
}

/// The subnets a workload runs in when none is named: the private ones (no internet gateway
/// route: what needs the endpoints), or every subnet when none is private.
pub fn default_subnets(tables: &[RouteTable], subnets: &[Subnet]) -> (Vec<String>, &'static str) {
    let private: Vec<String> = subnets
        .iter()
        .filter(|s| !is_public(tables, &s.id))
        .map(|s| s.id.clone())
        .collect();
    if private.is_empty() {
        (
            subnets.iter().map(|s| s.id.clone()).collect(),
            "every subnet",
        )
    } else {
        (private, "private subnets")
    }
}

/// How a candidate endpoint ranks: another type than asked, health (worst first), id.
type Rank = (bool, std::cmp::Reverse<u8>, String);

/// One aspect of a row: its status and what it found.
struct Aspect {
    status: Status,
    line: String,
    fixes: Vec<Remediation>,
}

impl Aspect {
    fn new(status: Status, line: String) -> Aspect {
        Aspect {
            status,
            line,
            fixes: Vec::new(),
        }
    }

    fn fix(mut self, text: String, command: Option<String>) -> Aspect {
        self.fixes.push(Remediation {
            text,
            command,
            account: Account::Consumer,
        });
        self
    }
}

impl World<'_> {
    fn service_name(&self, need: &ServiceNeed) -> String {
        format!("com.amazonaws.{}.{}", self.region, need.name)
    }

    /// One subnet per zone of the workload's (an interface endpoint takes one per zone).
    fn endpoint_subnets(&self) -> Vec<String> {
        crate::checks::one_subnet_per_zone(self.subnets, self.workload_subnets)
    }

    /// The route tables the workload's subnets use.
    fn workload_tables(&self) -> Vec<String> {
        let ids: BTreeSet<String> = self
            .workload_subnets
            .iter()
            .filter_map(|s| effective_table(self.tables, s).map(|t| t.id.clone()))
            .collect();
        ids.into_iter().collect()
    }

    /// The security groups of the profile's other interface endpoints in the VPC: companions
    /// usually share one that admits the workload.
    fn companion_groups(&self, profile: &Profile) -> Vec<String> {
        let names: Vec<String> = profile
            .service
            .iter()
            .map(|s| self.service_name(s))
            .collect();
        let groups: BTreeSet<String> = self
            .endpoints
            .iter()
            .filter(|e| e.endpoint_type == "Interface" && names.contains(&e.service_name))
            .flat_map(|e| e.security_group_ids.clone())
            .collect();
        groups.into_iter().collect()
    }

    /// The row of a service with no endpoint: what creates one.
    fn missing(&self, profile: &Profile, need: &ServiceNeed) -> Aspect {
        let service = self.service_name(need);
        let status = if need.required {
            Status::Fail
        } else {
            Status::Warn
        };
        let line = format!(
            "no {} endpoint for {service} in {}{}",
            need.kind,
            self.vpc,
            if need.required {
                String::new()
            } else {
                " (optional: only needed as the reason says)".into()
            }
        );
        let mut cmd = format!(
            "aws ec2 create-vpc-endpoint --vpc-id {} --vpc-endpoint-type {} --service-name {}",
            sh_quote(self.vpc),
            need.kind,
            sh_quote(&service)
        );
        let text = if need.kind == "Gateway" {
            let tables = self.workload_tables();
            if !tables.is_empty() {
                cmd.push_str(" --route-table-ids ");
                cmd.push_str(&sh_words(&tables));
            }
            format!(
                "Create the {} gateway endpoint on the route tables of the workload's subnets ({}).",
                need.name,
                if tables.is_empty() {
                    "none seen".into()
                } else {
                    tables.join(", ")
                }
            )
        } else {
            let subnets = self.endpoint_subnets();
            if !subnets.is_empty() {
                cmd.push_str(" --subnet-ids ");
                cmd.push_str(&sh_words(&subnets));
            }
            let groups = self.companion_groups(profile);
            let sg_text = if groups.is_empty() {
                "No other endpoint of the workload was found to borrow a security group from: without --security-group-ids the endpoint gets the VPC's default group, which admits only its own members — add --security-group-ids with a group that allows TCP 443 from the workload.".to_string()
            } else {
                cmd.push_str(" --security-group-ids ");
                cmd.push_str(&sh_words(&groups));
                format!(
                    "It reuses the security group(s) of the workload's other endpoints ({}), which must allow TCP 443 from the workload.",
                    groups.join(", ")
                )
            };
            cmd.push_str(" --private-dns-enabled");
            format!(
                "Create the {} interface endpoint with private DNS in one subnet per zone of the workload ({}). {sg_text}",
                need.name,
                if subnets.is_empty() {
                    "none seen".into()
                } else {
                    subnets.join(", ")
                }
            )
        };
        cmd.push_str(self.cli_tail);
        Aspect::new(status, line).fix(text, Some(cmd))
    }

    /// Interface endpoints: private DNS on, or the SDK's default name never reaches them.
    fn private_dns(&self, need: &ServiceNeed, ep: &Endpoint) -> Aspect {
        if ep.private_dns_enabled == Some(true) {
            return Aspect::new(
                Status::Pass,
                format!(
                    "{}: private DNS on: the default {} name resolves to it",
                    ep.id, need.name
                ),
            );
        }
        Aspect::new(
            Status::Fail,
            format!(
                "{}: private DNS is off: the SDK's default name for {} resolves to public addresses, so the workload's calls leave through NAT (or time out) instead of using the endpoint",
                ep.id, need.name
            ),
        )
        .fix(
            "Turn private DNS on (the VPC needs enableDnsSupport and enableDnsHostnames).".into(),
            Some(format!(
                "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --private-dns-enabled{}",
                sh_quote(&ep.id),
                self.cli_tail
            )),
        )
    }

    /// Gateway endpoints: every workload subnet's table associated, with its route.
    fn routes(&self, ep: &Endpoint) -> Aspect {
        let mut missing_tables = BTreeSet::new();
        let mut uncovered = Vec::new();
        let mut no_route = BTreeSet::new();
        for s in self.workload_subnets {
            match effective_table(self.tables, s) {
                Some(t) if ep.route_table_ids.contains(&t.id) => {
                    let routed = t
                        .routes
                        .iter()
                        .any(|r| r.target == ep.id && r.destination.starts_with("pl-"));
                    if !routed {
                        no_route.insert(t.id.clone());
                        uncovered.push(s.clone());
                    }
                }
                Some(t) => {
                    missing_tables.insert(t.id.clone());
                    uncovered.push(s.clone());
                }
                None => uncovered.push(s.clone()),
            }
        }
        if uncovered.is_empty() {
            return Aspect::new(
                Status::Pass,
                format!(
                    "{}: the route tables of all {} workload subnet(s) send the prefix list to it",
                    ep.id,
                    self.workload_subnets.len()
                ),
            );
        }
        let mut a = Aspect::new(
            Status::Fail,
            format!(
                "{}: subnet(s) {} do not route to it{}{}",
                ep.id,
                uncovered.join(", "),
                if missing_tables.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (route table {} not associated)",
                        missing_tables
                            .iter()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
                if no_route.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (route table {} lost its prefix-list route)",
                        no_route.iter().cloned().collect::<Vec<_>>().join(", ")
                    )
                }
            ),
        );
        if !missing_tables.is_empty() {
            a = a.fix(
                "Associate the workload subnets' route tables with the gateway endpoint.".into(),
                Some(format!(
                    "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --add-route-table-ids {}{}",
                    sh_quote(&ep.id),
                    sh_words(&missing_tables),
                    self.cli_tail
                )),
            );
        }
        a
    }

    /// The endpoint policy allows each request the profile names, as a request through this
    /// endpoint carries it.
    fn policy(&self, need: &ServiceNeed, ep: &Endpoint) -> Vec<Aspect> {
        let doc = match ep.policy_document.as_deref().map(policy::parse) {
            None => return Vec::new(),
            Some(Err(e)) => return vec![Aspect::new(Status::Unknown, format!("{}: {e}", ep.id))],
            Some(Ok(doc)) => doc,
        };
        let through = policy::checks::through(ep, self.region);
        let command = |fixed: &serde_json::Value| {
            format!(
                "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --policy-document {}{}",
                sh_quote(&ep.id),
                sh_quote(&fixed.to_string()),
                self.cli_tail
            )
        };
        need.allow
            .iter()
            .map(|a| {
                let resource = a.resource.replace("{region}", self.region);
                let request = format!("{} on {resource}", a.action);
                let asked = policy::Request::through_endpoint(&a.action, Some(&resource), &through);
                let verdict = policy::evaluate(&doc, &asked);
                let statement = verdict.statement.as_ref().map(ToString::to_string).unwrap_or_default();
                match verdict.decision {
                    Decision::Allow => Aspect::new(
                        Status::Pass,
                        format!("{}: the policy allows {request} (statement {statement})", ep.id),
                    ),
                    Decision::Depends => Aspect::new(
                        Status::Warn,
                        format!(
                            "{}: statement {statement} decides {request} on {}, which the tool cannot know: check that the workload's requests meet it",
                            ep.id,
                            verdict.unknown_key.clone().unwrap_or_default()
                        ),
                    ),
                    Decision::ExplicitDeny => {
                        let a = Aspect::new(
                            Status::Fail,
                            format!("{}: statement {statement} of the endpoint policy denies {request}", ep.id),
                        );
                        match policy::fix::corrected(&doc, &verdict, &through) {
                            Some(fixed) => a.fix(
                                format!("Add {} to the exception of statement {statement} (the command keeps every other statement).", ep.id),
                                Some(command(&fixed)),
                            ),
                            None => a.fix(
                                format!("Statement {statement} denies {request}: narrow it with its owner (no command: removing a Deny widens access)."),
                                None,
                            ),
                        }
                    }
                    Decision::ImplicitDeny => {
                        let fixed = policy::fix::corrected(&doc, &verdict, &through)
                            .unwrap_or_else(|| policy::fix::with_allow(&doc, &a.action, &resource));
                        Aspect::new(
                            Status::Fail,
                            format!("{}: the endpoint policy does not allow {request}", ep.id),
                        )
                        .fix(
                            format!("Add a statement that allows {request} to the endpoint policy (the command keeps the existing statements)."),
                            Some(command(&fixed)),
                        )
                    }
                }
            })
            .collect()
    }

    /// The endpoint's own diagnosis, as a fleet scan reports it.
    fn diagnosis(&self, ep: &Endpoint) -> Aspect {
        let Some(entry) = self.diagnoses.get(&ep.id) else {
            return Aspect::new(Status::Unknown, format!("{}: not diagnosed", ep.id));
        };
        let mut a = Aspect::new(
            entry.worst,
            if entry.headline.is_empty() {
                format!("{}: its own diagnosis passes", ep.id)
            } else {
                format!("{}: {}", ep.id, entry.headline)
            },
        );
        if entry.worst == Status::Fail {
            a.fixes = entry
                .report
                .root_causes
                .iter()
                .flat_map(|rc| rc.remediation.clone())
                .collect();
        }
        a
    }

    /// Every aspect of one endpoint for `need`.
    fn judge_endpoint(&self, need: &ServiceNeed, ep: &Endpoint) -> Vec<Aspect> {
        let mut aspects = Vec::new();
        match ep.endpoint_type.as_str() {
            "Interface" => aspects.push(self.private_dns(need, ep)),
            "Gateway" => aspects.push(self.routes(ep)),
            other => aspects.push(Aspect::new(
                Status::Warn,
                format!(
                    "{}: a {other} endpoint, where the profile expects {}",
                    ep.id, need.kind
                ),
            )),
        }
        aspects.extend(self.policy(need, ep));
        aspects.push(self.diagnosis(ep));
        aspects
    }

    /// The row of one service: its best endpoint's aspects, or the missing endpoint.
    pub fn row(&self, profile: &Profile, need: &ServiceNeed) -> WorkloadRow {
        let service = self.service_name(need);
        // The type the profile asks for first, then the healthiest, then by id.
        let mut candidates: Vec<(Rank, Vec<Aspect>)> = self
            .endpoints
            .iter()
            .filter(|e| e.service_name == service && e.vpc_id == self.vpc)
            .map(|e| {
                let aspects = self.judge_endpoint(need, e);
                let worst = aspects
                    .iter()
                    .map(|a| severity(a.status))
                    .min()
                    .unwrap_or(3);
                (
                    (
                        e.endpoint_type != need.kind,
                        std::cmp::Reverse(worst),
                        e.id.clone(),
                    ),
                    aspects,
                )
            })
            .collect();
        candidates.sort_by(|a, b| a.0.cmp(&b.0));
        let mut candidates = candidates.into_iter();
        let (endpoint, aspects) = match candidates.next() {
            Some(((_, _, id), aspects)) => (Some(id), aspects),
            None => (None, vec![self.missing(profile, need)]),
        };
        let also: Vec<String> = candidates.map(|((_, _, id), _)| id).collect();
        let status = aspects
            .iter()
            .map(|a| a.status)
            .min_by_key(|s| severity(*s))
            .unwrap_or(Status::Pass);
        let status = if matches!(status, Status::Fail | Status::Unknown | Status::Warn) {
            status
        } else {
            Status::Pass
        };
        let finding = if status == Status::Pass {
            match &endpoint {
                Some(id) => format!("{id} serves it"),
                None => String::new(),
            }
        } else {
            aspects
                .iter()
                .find(|a| a.status == status)
                .map(|a| a.line.clone())
                .unwrap_or_default()
        };
        let mut remediation = Vec::new();
        for a in aspects.iter().filter(|a| severity(a.status) <= 2) {
            for f in &a.fixes {
                if !remediation.contains(f) {
                    remediation.push(f.clone());
                }
            }
        }
        WorkloadRow {
            service: need.name.clone(),
            service_name: service,
            endpoint_type: need.kind.clone(),
            required: need.required,
            reason: need.reason.trim().to_string(),
            endpoint,
            also,
            status,
            finding,
            evidence: aspects.into_iter().map(|a| a.line).collect(),
            remediation,
        }
    }

    /// Every row of the profile, root causes first: failures of required services, then the
    /// rest by severity, each group in the profile's order.
    pub fn rows(&self, profile: &Profile) -> Vec<WorkloadRow> {
        let mut rows: Vec<(usize, WorkloadRow)> = profile
            .service
            .iter()
            .enumerate()
            .map(|(i, need)| (i, self.row(profile, need)))
            .collect();
        rows.sort_by_key(|(i, r)| (severity(r.status), !r.required, *i));
        rows.into_iter().map(|(_, r)| r).collect()
    }
}

/// What a workload run is asked.
pub struct WorkloadPlan {
    pub profile: Profile,
    pub vpc: String,
    /// `--subnet`; empty: the VPC's private subnets.
    pub subnets: Vec<String>,
    pub concurrency: usize,
}

/// The status counts and the exit code of the rows.
fn summarize(rows: &[WorkloadRow]) -> (BTreeMap<String, usize>, i32) {
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    for r in rows {
        *by_status.entry(r.status.as_str().to_string()).or_default() += 1;
    }
    let code = if rows.iter().any(|r| r.status == Status::Fail) {
        1
    } else if rows.iter().any(|r| r.status == Status::Unknown) {
        3
    } else {
        0
    };
    (by_status, code)
}

/// Judge a workload in its VPC: the VPC's endpoints, route tables and subnets, each endpoint
/// of the profile's services diagnosed in full (batched and concurrently, as a fleet scan
/// does), then one row per service.
pub async fn run(session: &Session, plan: WorkloadPlan) -> Result<WorkloadReport, InputError> {
    let started = Instant::now();
    let facts = session.facts.clone();
    let region = session.run.region.clone();
    let vpc = plan.vpc.clone();
    let (all, tables, subnets) = tokio::join!(
        facts.endpoint_list(),
        facts.route_tables(&vpc),
        facts.subnets(&vpc)
    );
    let (all, tables, subnets) = match (all, tables, subnets) {
        (Ok(a), Ok(t), Ok(s)) => (a, t, s),
        // Without the VPC's endpoints, tables or subnets no row can be judged: every one
        // says why (`unknown`, exit 3), as a check missing its fact does.
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            let rows = plan
                .profile
                .service
                .iter()
                .map(|need| unknown_row(&region, need, &e))
                .collect();
            return Ok(report(
                session,
                &plan,
                rows,
                Vec::new(),
                Vec::new(),
                "",
                started,
            ));
        }
    };
    if subnets.is_empty() && tables.is_empty() {
        // A VPC that does not exist has neither: the input names nothing.
        facts.vpc(&vpc).await.map_err(|e| {
            InputError(format!(
                "--vpc {vpc}: {}",
                crate::sanitize::one_line(&e.to_string())
            ))
        })?;
    }
    for s in &plan.subnets {
        if !subnets.iter().any(|x| &x.id == s) {
            return Err(InputError(format!("--subnet {s} is not a subnet of {vpc}")));
        }
    }
    let (workload_subnets, subnets_from) = if plan.subnets.is_empty() {
        let (ids, from) = default_subnets(&tables, &subnets);
        (ids, from.to_string())
    } else {
        (plan.subnets.clone(), "--subnet".to_string())
    };
    let names: Vec<String> = plan
        .profile
        .service
        .iter()
        .map(|s| format!("com.amazonaws.{region}.{}", s.name))
        .collect();
    let endpoints: Vec<Endpoint> = all
        .iter()
        .filter(|e| e.vpc_id == vpc && !e.state.eq_ignore_ascii_case("deleted"))
        .cloned()
        .collect();
    let mine: Vec<Endpoint> = endpoints
        .iter()
        .filter(|e| names.contains(&e.service_name))
        .cloned()
        .collect();
    crate::scan::prefetch(&facts, &mine, &region).await;
    let base = Arc::new(session.with_target(""));
    let entries: Vec<FleetEntry> = futures_util::stream::iter(mine)
        .map(|ep| {
            let base = base.clone();
            async move { crate::scan::diagnose(&base, &ep, None).await }
        })
        .buffer_unordered(plan.concurrency.max(1))
        .collect()
        .await;
    let diagnoses: HashMap<String, FleetEntry> = entries
        .iter()
        .map(|e| (e.endpoint.clone(), e.clone()))
        .collect();
    let world = World {
        region: &region,
        vpc: &vpc,
        endpoints: &endpoints,
        tables: &tables,
        subnets: &subnets,
        workload_subnets: &workload_subnets,
        cli_tail: &session.run.cli_args(false),
        diagnoses: &diagnoses,
    };
    let rows = world.rows(&plan.profile);
    let mut entries = entries;
    crate::scan::order(&mut entries);
    Ok(report(
        session,
        &plan,
        rows,
        entries,
        workload_subnets,
        &subnets_from,
        started,
    ))
}

/// A row that could not be judged: the VPC's facts could not be read.
fn unknown_row(region: &str, need: &ServiceNeed, e: &crate::facts::FactError) -> WorkloadRow {
    WorkloadRow {
        service: need.name.clone(),
        service_name: format!("com.amazonaws.{region}.{}", need.name),
        endpoint_type: need.kind.clone(),
        required: need.required,
        reason: need.reason.trim().to_string(),
        endpoint: None,
        also: Vec::new(),
        status: Status::Unknown,
        finding: format!("could not check: {e}"),
        evidence: vec![e.to_string()],
        remediation: Vec::new(),
    }
}

/// The report of the rows and the endpoints' diagnoses.
fn report(
    session: &Session,
    plan: &WorkloadPlan,
    rows: Vec<WorkloadRow>,
    endpoints: Vec<FleetEntry>,
    subnets: Vec<String>,
    subnets_from: &str,
    started: Instant,
) -> WorkloadReport {
    let (by_status, exit_code) = summarize(&rows);
    let by_operation = session.facts.stats.snapshot();
    let profile = plan.profile.clone();
    WorkloadReport {
        schema_version: 1,
        kind: "workload".into(),
        tool: ToolInfo::default(),
        generated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        command_line: crate::report::command_line(),
        scope: WorkloadScope {
            profile: profile.name,
            title: profile.title,
            docs: profile.docs,
            note: profile.note,
            region: session.run.region.clone(),
            vpc: plan.vpc.clone(),
            subnets,
            subnets_from: subnets_from.to_string(),
        },
        summary: WorkloadSummary {
            services: rows.len(),
            by_status,
            exit_code,
            wall_ms: started.elapsed().as_millis() as u64,
            api_calls: ApiCalls {
                total: by_operation.values().map(|o| o.calls).sum(),
                by_operation,
            },
        },
        rows,
        endpoints,
    }
}
