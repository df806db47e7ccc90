//! The evaluation code of every catalog check. Checks read facts (never the network
//! directly) and return an [`Outcome`]; fixes are requested by template key and rendered
//! from the catalog by the engine.

mod az;
mod client;
#[cfg(test)]
mod client_tests;
mod dns;
mod dns_path;
#[cfg(test)]
mod dns_path_tests;
mod dns_traps;
mod endpoint;
#[cfg(test)]
mod expert_tests;
mod family;
pub mod findings;
mod flowlogs;
mod gateway;
mod gwlb;
#[cfg(test)]
mod kinds_tests;
mod lattice;
pub mod locate;
mod nacl;
mod netmath;
mod path;
// The endpoint-policy evaluator, also what workload profiles judge policies with.
pub mod policy;
mod probe;
pub mod profiles;
mod provider;
#[cfg(test)]
mod pure_tests;
pub mod resolution;
mod routes;
#[cfg(test)]
mod routes_tests;
mod sg;
mod targets;
#[cfg(test)]
pub(crate) mod test_world;
mod traffic;
#[cfg(test)]
mod traffic_tests;
mod xregion;
#[cfg(test)]
mod xregion_tests;

use std::net::IpAddr;
use std::sync::Arc;

use crate::context::{RunContext, VantageChoice};
use crate::engine::outcome::{Account, Outcome};
use crate::engine::{BoxFuture, Evaluator};
use crate::facts::imds::ImdsAnswer;
use crate::facts::model::{Endpoint, ServiceConfig};
use crate::facts::{FactError, Facts};

/// What evaluating one check yields: its verdict. Checks may also return
/// `Result<Outcome, Outcome>` so a prelude that already decided the verdict is a `?`.
pub type CheckFuture<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Outcome> + Send + 'a>>;

/// The verdict of a check function, whichever of the two shapes it returns.
pub trait IntoOutcome {
    fn into_outcome(self) -> Outcome;
}

impl IntoOutcome for Outcome {
    fn into_outcome(self) -> Outcome {
        self
    }
}

impl IntoOutcome for Result<Outcome, Outcome> {
    fn into_outcome(self) -> Outcome {
        self.unwrap_or_else(|verdict| verdict)
    }
}

/// One implemented check: its catalog id, the fix template keys it may request, and its
/// evaluation.
pub struct Registered {
    pub id: &'static str,
    pub fixes: &'static [&'static str],
    pub evaluate: for<'a> fn(&'a Ctx) -> CheckFuture<'a>,
}

/// Register check functions: `"id" => path::to::function, [fix keys]`. Each evaluation is
/// boxed: inline, the dispatch would be as large as the largest check's future, many hundreds
/// of KB of stack in an unoptimised build.
macro_rules! registry {
    ($($id:literal => $function:path, [$($key:literal),* $(,)?]);* $(;)?) => {
        &[$(Registered {
            id: $id,
            fixes: &[$($key),*],
            evaluate: {
                fn evaluate(ctx: &Ctx) -> CheckFuture<'_> {
                    Box::pin(async move { IntoOutcome::into_outcome($function(ctx).await) })
                }
                evaluate
            },
        }),*]
    };
}

/// The one table of implemented checks. `verify_registry` holds it and the catalog in step,
/// both ways, at start-up and in a test: adding a check is a catalog entry plus a line here.
pub const REGISTRY: &[Registered] = registry![
    "target.resolved" => locate::resolved, [
        "create_interface", "create_gateway", "enable_private_dns", "choose_vpc", "list_services", "find_address",
        "point_name", "regional_sts"
    ];
    "endpoint.found" => endpoint::found, ["not_found", "deleted"];
    "endpoint.state" => endpoint::state, [
        "pending_acceptance", "pending", "rejected", "failed", "expired", "deleting", "partial",
        "unrecognised",
    ];
    "endpoint.security_groups" => sg::endpoint_security_groups, [
        "allow_port", "allow_client", "attach_group", "allow_ipv6",
    ];
    "endpoint.dns" => dns::endpoint_dns, [
        "nxdomain", "timeout", "servfail", "truncated", "foreign_ips", "missing_ips", "no_aaaa",
    ];
    "endpoint.private_dns_enabled" => endpoint::private_dns_enabled, ["enable", "zone_records"];
    "vpc.dns_support" => endpoint::vpc_dns_support, ["enable"];
    "vpc.dns_hostnames" => endpoint::vpc_dns_hostnames, ["enable"];
    "service.found" => provider::found, ["not_found"];
    "service.state" => provider::state, ["not_available"];
    "service.connection" => provider::connection, ["accept", "missing", "inspect"];
    "service.allowed_principals" => provider::allowed_principals, ["allow"];
    "service.acceptance_required" => provider::acceptance_required, ["require"];
    "service.private_dns_verified" => provider::private_dns_verified, ["publish_txt"];
    "nlb.state" => provider::nlb_state, ["missing_lb", "not_active", "no_lb"];
    "nlb.internal" => provider::nlb_internal, ["internal"];
    "nlb.listeners" => provider::nlb_listeners, ["add_listener"];
    "nlb.target_health" => provider::nlb_target_health, [
        "failed_health_checks", "not_registered", "not_in_use", "in_transition",
    ];
    "gateway.route_tables" => gateway::route_tables, ["restore_route", "associate", "no_route_tables"];
    "gateway.policy" => policy::checks::endpoint_policy, ["allow", "remove_deny", "admit", "allow_common"];
    "gateway.bucket_policy" => policy::checks::bucket_policy, ["admit", "narrow_deny"];
    "client.egress" => client::client_egress, ["allow_egress"];
    "client.routes" => routes::client_routes, ["add_route", "replace_route", "accept_peering", "route_by_hand"];
    "private_dns.resolves" => dns::private_dns_resolves, [
        "nxdomain", "timeout", "servfail", "truncated", "foreign_ips", "missing_ips", "no_aaaa",
    ];
    "az.alignment" => az::alignment, ["remove_subnet", "enable_zone"];
    "nlb.zonal_health" => az::zonal_health, [
        "repair_targets", "register_targets", "enable_cross_zone", "enable_cross_zone_tg",
    ];
    "endpoint.nacls" => nacl::endpoint_nacls, ["allow_inbound", "allow_outbound", "replace_rule"];
    "nlb.security_groups" => targets::nlb_security_groups, [
        "allow_consumers", "allow_client", "enforcement_off", "allow_egress",
    ];
    "targets.security_groups" => targets::targets_security_groups, ["allow_nlb_group", "allow_nlb_cidr"];
    "dns.phz_conflict" => dns_traps::phz_conflict, ["disassociate_zone", "duplicate_endpoint"];
    "dns.dhcp_options" => dns_traps::dhcp_options, ["forward"];
    "dns.resolution_path" => dns_path::resolution_path, [
        "disassociate_rule", "system_rule", "remove_firewall_domain", "allow_firewall",
        "profile_layer", "associate_zone", "create_zone", "point_record", "enable_dns",
        "private_dns_off", "ask_target", "create_inbound", "inbound_sg", "forwarder",
    ];
    "service.private_dns_txt" => dns_traps::private_dns_txt, ["publish", "undouble"];
    "endpoint.ip_type" => endpoint::ip_type, [
        "service_ipv6", "endpoint_type", "subnet_ipv6", "record_type",
    ];
    "endpoint.subnets" => endpoint::subnets, ["add_subnet"];
    "endpoint.tcp_connect" => probe::tcp_connect, ["refused", "timeout"];
    "gwlb.route_tables" => gwlb::route_tables, [
        "add_route", "route_client", "restore_route", "restore_route_ipv6",
    ];
    "gwlb.subnet" => gwlb::subnet, ["recreate", "other_zone"];
    "gwlb.target_health" => gwlb::target_health, ["register", "unhealthy", "add_gwlb"];
    "lattice.associations" => lattice::associations, ["pending", "failed"];
    "lattice.private_dns" => lattice::private_dns, ["specify_domains"];
    "lattice.gateway_zones" => lattice::gateway_zones, [
        "gateway_status", "config_status", "add_subnet",
    ];
    "lattice.gateway_capacity" => lattice::gateway_capacity, ["more_addresses"];
    "lattice.gateway_security_groups" => lattice::gateway_security_groups, ["allow_egress"];
    "service.supported_region" => xregion::supported_region, [
        "add_region", "region_pending", "region_failed", "aws_not_offered",
    ];
    "endpoint.gateway_companion" => endpoint::gateway_companion, ["create_gateway"];
    "traffic.reaches_endpoint" => traffic::reaches_endpoint, [];
    "traffic.endpoint_drops" => traffic::endpoint_drops, [];
    "traffic.resets" => traffic::resets, [];
    "traffic.unhealthy_hosts" => traffic::unhealthy_hosts, [];
    "traffic.port_allocation" => traffic::port_allocation, [];
    "traffic.flow_log_rejects" => flowlogs::flow_log_rejects, [];
];

/// Where the catalog and the registry disagree, each difference naming the check id: a
/// catalog entry without code, code without a catalog entry, or fix templates that differ.
pub fn registry_mismatches(catalog: &crate::engine::catalog::Catalog) -> Vec<String> {
    use std::collections::BTreeSet;
    let mut problems = Vec::new();
    let registered: BTreeSet<&str> = REGISTRY.iter().map(|r| r.id).collect();
    for id in catalog.ids() {
        if !registered.contains(id) {
            problems.push(format!(
                "{id}: in the catalog but no code is registered for it"
            ));
        }
    }
    for entry in REGISTRY {
        let Some(spec) = catalog.get(entry.id) else {
            problems.push(format!(
                "{}: registered in code but not in the catalog",
                entry.id
            ));
            continue;
        };
        let in_catalog: BTreeSet<&str> = spec.fix.keys().map(String::as_str).collect();
        let in_code: BTreeSet<&str> = entry.fixes.iter().copied().collect();
        if in_catalog != in_code {
            problems.push(format!(
                "{}: fix templates differ (catalog {:?}, code {:?})",
                entry.id, in_catalog, in_code
            ));
        }
    }
    problems
}

/// What a check may look at.
pub struct Ctx {
    pub facts: Arc<Facts>,
    pub run: Arc<RunContext>,
    /// Whether provider facts are read with the service owner's credentials.
    pub provider_credentials: bool,
}

pub struct CheckEvaluator {
    pub ctx: Arc<Ctx>,
}

impl Evaluator for CheckEvaluator {
    fn evaluate(&self, id: &str) -> BoxFuture {
        let ctx = self.ctx.clone();
        let id = id.to_string();
        Box::pin(async move { evaluate(&id, &ctx).await })
    }

    fn interruption(&self) -> Option<crate::engine::Interruption> {
        self.ctx.facts.interruption()
    }

    fn path(&self) -> Option<crate::engine::PathFuture> {
        // A fleet scan shows a table, not a drawing: no work for a thousand endpoints.
        if self.ctx.run.fleet {
            return None;
        }
        let ctx = self.ctx.clone();
        Some(Box::pin(async move { path::draw(&ctx).await }))
    }

    fn common_vars(&self) -> Vec<(String, String)> {
        let run = &self.ctx.run;
        vec![
            ("consumer_args".into(), run.cli_args(false)),
            ("provider_args".into(), run.cli_args(true)),
            (
                "provider_note".into(),
                if run.provider_profile.is_none() {
                    crate::t!("check-provider-note")
                } else {
                    String::new()
                },
            ),
            ("region".into(), run.region.clone()),
            ("endpoint_id".into(), run.target.clone()),
        ]
    }
}

pub async fn evaluate(id: &str, ctx: &Ctx) -> Outcome {
    let mut outcome = evaluate_check(id, ctx).await;
    if outcome.status == crate::engine::outcome::Status::Unknown {
        // An unknown verdict names the account by its id. Who we are is asked once per
        // account at the start, beside the checks; wait for it here (never a new call) and
        // judge again from the remembered facts, so the wording does not depend on timing.
        let _ = ctx.facts.caller_identity(Account::Consumer).await;
        if ctx.provider_credentials {
            let _ = ctx.facts.caller_identity(Account::Provider).await;
        }
        outcome = evaluate_check(id, ctx).await;
    }
    let outcome = with_standard_vars(id, ctx, outcome).await;
    // A cross-region endpoint's provider commands run in the service's region: this value
    // comes before the run-wide `{provider_args}` when the engine renders them.
    match ctx.facts.resolve_scope().await {
        Some(region) => outcome.var("provider_args", ctx.run.cli_args_in(true, Some(region))),
        None => outcome,
    }
}

/// Ids the reproduce commands and fixes can always use, from facts already observed.
async fn with_standard_vars(id: &str, ctx: &Ctx, mut o: Outcome) -> Outcome {
    let Ok(ep) = ctx.facts.endpoint(&ctx.run.target).await else {
        return o;
    };
    let mut vars = vec![
        ("vpc_id", ep.vpc_id.clone()),
        ("service_name", ep.service_name.clone()),
        ("sg_ids", ep.security_group_ids.join(" ")),
        ("eni_ids", ep.network_interface_ids.join(" ")),
    ];
    if let Some(d) = ep.dns_entries.first() {
        vars.push(("dns_name", d.dns_name.clone()));
    }
    if let Some(sid) = service_id_from_name(&ep.service_name) {
        vars.push(("service_id", sid));
    }
    if (id.starts_with("service.") || id.starts_with("nlb."))
        && let Ok(Some(cfg)) = provider_config(ctx, &ep).await
    {
        if let Some(first) = cfg.network_load_balancer_arns.first() {
            vars.push(("lb_arn", first.clone()));
        }
        vars.push(("lb_arns", cfg.network_load_balancer_arns.join(" ")));
    }
    for (k, v) in vars {
        if !v.is_empty() && !o.vars.iter().any(|(name, _)| name == k) {
            o = o.var(k, v);
        }
    }
    o
}

async fn evaluate_check(id: &str, ctx: &Ctx) -> Outcome {
    match REGISTRY.iter().find(|r| r.id == id) {
        Some(entry) => (entry.evaluate)(ctx).await,
        None => Outcome::unknown(crate::t!("check-no-implementation", id = id)),
    }
}

/// Ask early for the facts at the end of the longest chain (the provider's targets and their
/// security groups), alongside the checks. The graph orders the *checks*; nothing orders the
/// *facts* but their own data dependencies, so the deepest chain starts at once and the checks
/// that arrive later find their facts remembered. Errors are left for the checks to report.
pub async fn warm(ctx: &Ctx) {
    if ctx.run.target.is_empty() {
        return;
    }
    let Ok(ep) = ctx.facts.endpoint(&ctx.run.target).await else {
        return;
    };
    let Some(service_id) = service_id_from_name(&ep.service_name) else {
        return;
    };
    let Ok(cfg) = ctx.facts.service_config(&service_id).await else {
        return;
    };
    let arns = cfg.network_load_balancer_arns.clone();
    // Listeners and target health need only ARNs: no need to wait for the load balancers.
    let health = futures_util::future::join_all(arns.iter().map(|arn| async move {
        if let Ok(listeners) = ctx.facts.listeners(arn).await {
            let groups: Vec<String> = listeners
                .into_iter()
                .flat_map(|l| l.target_group_arns)
                .collect();
            futures_util::future::join_all(groups.iter().map(|tg| ctx.facts.target_health(tg)))
                .await;
        }
    }));
    let (lbs, _) = tokio::join!(ctx.facts.load_balancers(&arns), health);
    let Ok(lbs) = lbs else {
        return;
    };
    if let Ok(targets) = targets::all_targets(ctx, &lbs).await {
        // The same keys the check asks for: one group list per target.
        futures_util::future::join_all(targets.iter().filter_map(|(_, t)| {
            let groups = t.security_groups.clone()?;
            Some(async move {
                let _ = ctx
                    .facts
                    .security_groups_in(crate::engine::outcome::Account::Provider, &groups)
                    .await;
            })
        }))
        .await;
    }
}

/// Turn a fact error into the `unknown` verdict it means, naming what would answer it.
pub fn could_not_tell(ctx: &Ctx, err: &FactError, provider_side: bool) -> Outcome {
    let owner_hint = provider_side && !ctx.provider_credentials;
    let summary = match err {
        FactError::AccessDenied {
            operation, action, ..
        } if !owner_hint => crate::t!(
            "check-denied-in-account",
            operation = operation,
            action = action,
            account = account_text(ctx, provider_side)
        ),
        FactError::AccessDenied {
            operation, action, ..
        } => crate::t!("check-denied-owner", operation = operation, action = action),
        FactError::NotFound { operation, .. } if owner_hint => {
            let action = if operation.is_empty() {
                "ec2:DescribeVpcEndpointServiceConfigurations".to_string()
            } else {
                format!("ec2:{operation}")
            };
            crate::t!("check-config-owner-only", action = action)
        }
        FactError::Throttled { operation, code } => {
            crate::t!("check-throttled", operation = operation, code = code)
        }
        FactError::Credentials {
            operation,
            code,
            account,
            hint,
            ..
        } => {
            let hint = if hint.is_empty() {
                crate::t!("check-credentials-refresh")
            } else {
                hint.clone()
            };
            match account {
                Some(a) => crate::t!(
                    "check-credentials-failed-of",
                    account = a.word(),
                    code = code,
                    operation = operation,
                    hint = hint
                ),
                None => crate::t!(
                    "check-credentials-failed",
                    code = code,
                    operation = operation,
                    hint = hint
                ),
            }
        }
        FactError::Timeout {
            operation,
            after_secs: Some(secs),
        } => crate::t!("check-timed-out-after", secs = secs, operation = operation),
        FactError::Timeout { operation, .. } => {
            crate::t!("check-timed-out", operation = operation)
        }
        other => crate::t!("check-could-not-check", reason = other.to_string()),
    };
    Outcome::unknown(summary).field(crate::t!("check-field-error"), err.to_string())
}

/// The reason of a "could not check: …" summary, without that prefix (in either language).
pub fn could_not_reason(summary: &str) -> &str {
    summary
        .strip_prefix("could not check: ")
        .or_else(|| summary.strip_prefix("확인 불가: "))
        .unwrap_or(summary)
}

/// The account a call was made in, as the user knows it: its role, its id when already
/// observed, and the profile that reached it.
fn account_text(ctx: &Ctx, provider_side: bool) -> String {
    let (account, profile) = if provider_side && ctx.provider_credentials {
        (Account::Provider, ctx.run.provider_profile.as_deref())
    } else {
        (Account::Consumer, ctx.run.consumer_profile.as_deref())
    };
    let id = ctx
        .facts
        .known_identity(account)
        .map(|id| format!(" {}", id.account))
        .unwrap_or_default();
    match profile {
        Some(p) => crate::t!(
            "check-account-text-profile",
            account = account.word(),
            id = id,
            profile = p
        ),
        None => crate::t!("check-account-text", account = account.word(), id = id),
    }
}

/// Where this machine stands relative to the endpoint's VPC.
pub struct Vantage {
    pub inside: bool,
    pub detail: String,
}

/// `--vantage inside|outside` if given, else inside only when the EC2 instance metadata of
/// this machine names the endpoint's VPC. A local address inside the VPC's CIDR is no proof:
/// overlapping CIDRs (10.0.0.0/16 in every account), VPNs and CI runners have them too, and
/// judging public answers there as the VPC's would raise false alarms.
pub async fn vantage(ctx: &Ctx, ep: &Endpoint) -> Result<Vantage, Outcome> {
    match ctx.run.vantage {
        VantageChoice::Inside => {
            return Ok(Vantage {
                inside: true,
                detail: crate::t!("check-vantage-inside-flag"),
            });
        }
        VantageChoice::Outside => {
            return Ok(Vantage {
                inside: false,
                detail: crate::t!("check-vantage-outside-flag"),
            });
        }
        VantageChoice::Auto => {}
    }
    let outside = |why: String| Vantage {
        inside: false,
        detail: crate::t!("check-vantage-outside", vpc = &ep.vpc_id, why = why),
    };
    Ok(match ctx.facts.instance_metadata().await {
        Ok(ImdsAnswer::Vpc { vpc_id, .. }) if vpc_id == ep.vpc_id => Vantage {
            inside: true,
            detail: crate::t!("check-vantage-inside-imds", vpc = &vpc_id),
        },
        Ok(ImdsAnswer::Vpc { vpc_id, .. }) => {
            outside(crate::t!("check-vantage-imds-other", vpc = &vpc_id))
        }
        Ok(ImdsAnswer::Disabled) => outside(crate::t!("check-vantage-imds-disabled")),
        Ok(ImdsAnswer::Unavailable { message }) => {
            outside(crate::t!("check-vantage-no-imds", message = message))
        }
        Err(e) => outside(crate::t!("check-vantage-imds-error", error = e.to_string())),
    })
}

/// The endpoint, or the verdict to return when it cannot be read.
pub async fn endpoint_or(ctx: &Ctx) -> Result<Endpoint, Outcome> {
    if let Some(blocked) = no_endpoint_chosen(ctx) {
        return Err(blocked);
    }
    ctx.facts
        .endpoint(&ctx.run.target)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))
}

/// A target that resolved to no endpoint (`target.resolved` says why): nothing to judge.
pub fn no_endpoint_chosen(ctx: &Ctx) -> Option<Outcome> {
    ctx.run.target.is_empty().then(|| {
        Outcome::blocked(
            crate::t!("check-no-endpoint-chosen"),
            vec!["target.resolved".into()],
        )
    })
}

/// The endpoint when it is an interface endpoint; otherwise the verdict: not applicable,
/// because `{type} endpoints {why}` (gateway endpoints), or the sentence of the endpoint's own
/// kind; unknown for a type this tool does not know.
pub async fn interface_endpoint_or(ctx: &Ctx, why: &str) -> Result<Endpoint, Outcome> {
    let ep = endpoint_or(ctx).await?;
    match kind(&ep) {
        Kind::Interface => Ok(ep),
        Kind::Gateway => Err(Outcome::not_applicable(crate::t!(
            "check-endpoints-why",
            kind = &ep.endpoint_type,
            why = why
        ))),
        Kind::GatewayLoadBalancer => {
            Err(Outcome::not_applicable(crate::t!("check-gwlb-endpoint-na")))
        }
        Kind::Resource | Kind::ServiceNetwork => Err(lattice_not_applicable(&ep)),
        Kind::Unknown => Err(unknown_kind(&ep)),
    }
}

/// What kind of endpoint `VpcEndpointType` names (the raw value is kept on the endpoint).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Interface,
    Gateway,
    GatewayLoadBalancer,
    Resource,
    ServiceNetwork,
    Unknown,
}

pub fn kind(ep: &Endpoint) -> Kind {
    match ep.endpoint_type.to_ascii_lowercase().as_str() {
        "interface" => Kind::Interface,
        "gateway" => Kind::Gateway,
        "gatewayloadbalancer" => Kind::GatewayLoadBalancer,
        "resource" => Kind::Resource,
        "servicenetwork" => Kind::ServiceNetwork,
        _ => Kind::Unknown,
    }
}

/// Resource and ServiceNetwork endpoints: VPC Lattice behind them, no endpoint service.
pub fn is_lattice(ep: &Endpoint) -> bool {
    matches!(kind(ep), Kind::Resource | Kind::ServiceNetwork)
}

/// What a Resource or ServiceNetwork endpoint reaches, as the user knows it.
pub fn lattice_target(ep: &Endpoint) -> String {
    match kind(ep) {
        Kind::Resource => crate::t!(
            "check-resource-configuration",
            arn = ep
                .resource_configuration_arn
                .clone()
                .unwrap_or_else(|| crate::t!("check-not-reported"))
        ),
        _ => crate::t!(
            "check-service-network",
            arn = ep
                .service_network_arn
                .clone()
                .unwrap_or_else(|| crate::t!("check-not-reported"))
        ),
    }
}

/// The verdict of a check written for endpoint services on a VPC Lattice endpoint.
pub fn lattice_not_applicable(ep: &Endpoint) -> Outcome {
    Outcome::not_applicable(crate::t!(
        "check-lattice-endpoint-na",
        kind = &ep.endpoint_type
    ))
}

/// The verdict on an endpoint of a type this tool does not know: never a pass.
pub fn unknown_kind(ep: &Endpoint) -> Outcome {
    let raw = if ep.endpoint_type.is_empty() {
        "(none)"
    } else {
        ep.endpoint_type.as_str()
    };
    Outcome::unknown(crate::t!(
        "check-unknown-endpoint-type",
        raw = format!("{raw:?}"),
        id = &ep.id
    ))
    .field("VpcEndpointType", raw)
}

/// The region and short name of an AWS-owned service (`com.amazonaws.<region>.<name>`, the
/// name possibly dotted: `ecr.dkr`); `None` for an endpoint service (`com.amazonaws.vpce.…`)
/// or anything else.
pub fn aws_service_parts(service_name: &str) -> Option<(&str, &str)> {
    service_name
        .strip_prefix("com.amazonaws.")
        .and_then(|rest| rest.split_once('.'))
        .filter(|(region, _)| crate::facts::is_region_name(region))
}

/// `vpce-svc-…` inside a service name: the provider's service id. AWS-owned services
/// (`com.amazonaws.<region>.<svc>`) have none.
pub fn service_id_from_name(name: &str) -> Option<String> {
    let start = name.find("vpce-svc-")?;
    let rest = &name[start..];
    let end = rest
        .char_indices()
        .find(|(i, c)| *i >= 9 && !c.is_ascii_alphanumeric())
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    (end > 9).then(|| rest[..end].to_string())
}

/// What is known about the service's private DNS name.
pub enum PrivateName {
    Known(Option<String>),
    Unknowable(Outcome),
}

/// The service's private DNS name from the consumer's view, else the provider's.
pub async fn private_dns_name(ctx: &Ctx, ep: &Endpoint) -> PrivateName {
    match ctx.facts.service_detail_of(ep).await {
        Ok(Some(d)) => return PrivateName::Known(d.private_dns_name.filter(|n| !n.is_empty())),
        Ok(None) => {}
        Err(e) => return PrivateName::Unknowable(could_not_tell(ctx, &e, false)),
    }
    match provider_config(ctx, ep).await {
        Ok(Some(cfg)) => PrivateName::Known(cfg.private_dns_name.filter(|n| !n.is_empty())),
        Ok(None) => PrivateName::Known(None),
        Err(o) => PrivateName::Unknowable(Outcome::unknown(crate::t!(
            "check-private-name-unknowable",
            reason = could_not_reason(&o.summary)
        ))),
    }
}

/// An interface endpoint and its service's private DNS name, or the verdict: not applicable
/// without either, unknown when the name cannot be read.
pub async fn private_dns_endpoint_or(ctx: &Ctx) -> Result<(Endpoint, String), Outcome> {
    let ep = interface_endpoint_or(ctx, &crate::t!("check-gateway-why-private-dns")).await?;
    match private_dns_name(ctx, &ep).await {
        PrivateName::Known(Some(name)) => Ok((ep, name)),
        PrivateName::Known(None) => Err(Outcome::not_applicable(crate::t!(
            "check-no-private-name",
            service = &ep.service_name
        ))),
        PrivateName::Unknowable(o) => Err(o),
    }
}

/// `None` when the endpoint's kind connects to an endpoint service; otherwise the verdict of
/// every provider check: not applicable for VPC Lattice endpoints, unknown for a kind this
/// tool does not know.
pub fn without_endpoint_service(ep: &Endpoint) -> Option<Outcome> {
    match kind(ep) {
        Kind::Resource | Kind::ServiceNetwork => Some(lattice_not_applicable(ep)),
        Kind::Unknown => Some(unknown_kind(ep)),
        _ => None,
    }
}

/// The provider's configuration of the endpoint's service: `Ok(None)` for AWS-owned services.
pub async fn provider_config(ctx: &Ctx, ep: &Endpoint) -> Result<Option<ServiceConfig>, Outcome> {
    if let Some(verdict) = without_endpoint_service(ep) {
        return Err(verdict);
    }
    let Some(service_id) = service_id_from_name(&ep.service_name) else {
        return Ok(None);
    };
    match ctx.facts.service_config(&service_id).await {
        Ok(cfg) => Ok(Some(cfg)),
        Err(e) => Err(could_not_tell(ctx, &e, true)),
    }
}

/// The first of `ids` in each Availability Zone, in their order: where a new interface
/// endpoint goes (it takes one subnet per zone). An id not among `subnets` counts as a zone of
/// its own.
pub fn one_subnet_per_zone(subnets: &[crate::facts::model::Subnet], ids: &[String]) -> Vec<String> {
    let mut zones = std::collections::BTreeSet::new();
    ids.iter()
        .filter(|id| {
            let zone = subnets
                .iter()
                .find(|s| &s.id == *id)
                .map_or_else(|| (*id).clone(), |s| s.availability_zone.clone());
            zones.insert(zone)
        })
        .cloned()
        .collect()
}

pub fn eni_ips(enis: &[crate::facts::model::NetworkInterface]) -> Vec<IpAddr> {
    let mut ips: Vec<IpAddr> = enis
        .iter()
        .flat_map(|n| n.private_ip.iter().chain(n.private_ips.iter()))
        .filter_map(|s| s.parse().ok())
        .collect();
    ips.sort();
    ips.dedup();
    ips
}

/// The endpoint's subnets as table rows: id, zone name, zone id, CIDR.
pub fn subnet_rows(ep: &Endpoint, subnets: &[crate::facts::model::Subnet]) -> Vec<Vec<String>> {
    ep.subnet_ids
        .iter()
        .map(|id| {
            let s = subnets.iter().find(|s| &s.id == id);
            vec![
                id.clone(),
                s.map(|s| s.availability_zone.clone()).unwrap_or_default(),
                s.and_then(|s| s.availability_zone_id.clone())
                    .unwrap_or_default(),
                s.map(|s| s.cidr.clone()).unwrap_or_default(),
            ]
        })
        .collect()
}

/// The targets whose state is anything but `healthy`.
pub fn not_healthy(
    targets: &[crate::facts::model::TargetHealth],
) -> Vec<&crate::facts::model::TargetHealth> {
    targets
        .iter()
        .filter(|t| !t.state.eq_ignore_ascii_case("healthy"))
        .collect()
}

/// `i-0abc unhealthy Target.FailedHealthChecks, …`: the targets that are not healthy, each
/// with its state and reason.
pub fn not_healthy_text(targets: &[&crate::facts::model::TargetHealth]) -> String {
    targets
        .iter()
        .map(|t| {
            format!(
                "{} {}{}",
                t.target_id,
                t.state,
                t.reason
                    .as_ref()
                    .map(|r| format!(" {r}"))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::Catalog;

    #[test]
    fn catalog_and_registry_are_in_step() {
        let catalog = Catalog::embedded().unwrap();
        let problems = registry_mismatches(&catalog);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_catalog_entry_without_code_is_named() {
        let extra = r#"
[[check]]
id = "endpoint.imaginary"
title = "An entry nobody wrote code for"
account = "consumer"
needs = ["endpoint.found"]
docs = "https://docs.aws.amazon.com/vpc/latest/privatelink/"
explanation = "Only for this test."
"#;
        let sources = crate::engine::catalog::EMBEDDED
            .iter()
            .map(|(f, t)| (f.to_string(), t.to_string()))
            .chain([("extra.toml".to_string(), extra.to_string())]);
        let catalog = Catalog::from_sources(sources).unwrap();
        let problems = registry_mismatches(&catalog);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("endpoint.imaginary:"),
            "{problems:?}"
        );
    }

    #[test]
    fn service_ids_come_from_custom_service_names_only() {
        assert_eq!(
            service_id_from_name("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0")
                .as_deref(),
            Some("vpce-svc-0123456789abcdef0")
        );
        assert_eq!(service_id_from_name("com.amazonaws.us-east-1.lambda"), None);
        assert_eq!(service_id_from_name("vpce-svc-"), None);
    }
}
