//! `dns.resolution_path`: which layer of the resolver answers the endpoint's name for the
//! clients — the DNS Firewall, a Resolver rule, a private hosted zone, the endpoint's private
//! DNS, a Route 53 Profile, or recursion — what it answers, and whether that is the endpoint.
//! Clients in the endpoint's VPC, in another VPC (`--from vpc-…`), or on premises
//! (`--from onprem:CIDR`, through a Resolver inbound endpoint). The model is
//! `resolution::resolve`; this module reads the facts into it and judges.

use std::net::IpAddr;

use ipnet::IpNet;

use super::dns::{judge, probe_name};
use super::resolution::{
    self, Answer, Decider, FirewallGroup, Resolution, Row, Rule, View, Wanted, Zone, ZoneKind,
};
use super::sg::{Admit, Peer, Proto, admits_proto};
use super::*;
use crate::context::ClientSource;
use crate::facts::model::{DnsAnswer, ResolverEndpoint};
use crate::facts::{RecordType, VpcAttribute};

/// Who asks.
#[derive(Debug, Clone)]
enum Clients {
    /// Clients whose resolver is this VPC's (the endpoint's, or another one).
    Vpc { vpc_id: String, how: String },
    /// Clients on premises: their DNS servers forward to a Resolver inbound endpoint.
    OnPrem(IpNet),
}

async fn clients(ctx: &Ctx, ep: &Endpoint) -> Result<Clients, Outcome> {
    match &ctx.run.from {
        Some(ClientSource::OnPrem(net)) => return Ok(Clients::OnPrem(*net)),
        Some(ClientSource::Vpc(id)) => {
            return Ok(Clients::Vpc {
                vpc_id: id.clone(),
                how: format!("--from {id}"),
            });
        }
        _ => {}
    }
    let place = super::locate::place(&ctx.facts, &ctx.run)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    Ok(match place.vpc_id {
        Some(vpc_id) if vpc_id != ep.vpc_id => Clients::Vpc {
            vpc_id,
            how: place.how,
        },
        _ => Clients::Vpc {
            vpc_id: ep.vpc_id.clone(),
            how: crate::t!("path-how-endpoint-vpc"),
        },
    })
}

/// A layer that could not be read. Denied, unrecorded or unreachable, it might hold the
/// answer: a predicted failure then stays `unknown`. An API the endpoint does not offer (an
/// HTTP 500, a partition without Route 53 Profiles) or a service-side error is noted, but holds
/// nothing the prediction could miss that anyone configured.
fn note_unread(view: &mut View, layer: &str, e: &FactError) {
    let text = unread(layer, e);
    match e {
        FactError::Unsupported { .. } | FactError::Service { .. } => view.absent.push(text),
        _ => view.unread.push(text),
    }
}

/// Why a layer could not be read, short enough for a line of evidence.
fn unread(layer: &str, e: &FactError) -> String {
    let why = match e {
        FactError::AccessDenied { action, .. } => crate::t!("path-unread-needs", action = action),
        FactError::NotRecorded { .. } => crate::t!("path-unread-not-recorded"),
        FactError::Unsupported { .. } => crate::t!("path-unread-unsupported"),
        other => other.to_string(),
    };
    format!("{layer} ({why})")
}

/// The ids in an ARN's last path segment (`…:vpc-endpoint/vpce-1` → `vpce-1`).
fn arn_id(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// The endpoint's private DNS as a zone of the VPC resolver: the zone is the name without
/// its `*.`.
fn endpoint_zone(
    ep: &Endpoint,
    private_name: &str,
    ips: Vec<IpAddr>,
    via: resolution::Via,
) -> Zone {
    let wildcard = private_name.starts_with("*.");
    let name = private_name
        .trim_start_matches("*.")
        .trim_end_matches('.')
        .to_ascii_lowercase();
    Zone {
        id: ep.id.clone(),
        name,
        via,
        kind: ZoneKind::EndpointDns {
            endpoint_id: ep.id.clone(),
            wildcard,
            ips,
        },
    }
}

/// Reads what the resolver of `vpc` consults for `name`. `inbound`: the query arrives
/// through a Resolver inbound endpoint (private DNS kept for inbound endpoints only counts).
struct Reader<'a> {
    ctx: &'a Ctx,
    ep: &'a Endpoint,
    private_name: Option<String>,
    record: RecordType,
    wanted: Wanted,
}

impl Reader<'_> {
    async fn view(&self, vpc: &str, name: &str, inbound: bool) -> View {
        let mut view = View {
            vpc_id: vpc.to_string(),
            ..View::default()
        };
        view.attributes_off = attributes_off(self.ctx, vpc)
            .await
            .into_iter()
            .map(str::to_string)
            .collect();
        self.firewall(vpc, &mut view).await;
        self.rules(vpc, &mut view).await;
        self.zones(vpc, name, &mut view).await;
        self.endpoint_zones(vpc, inbound, &mut view).await;
        self.profiles(vpc, name, &mut view).await;
        view
    }

    async fn firewall(&self, vpc: &str, view: &mut View) {
        let facts = &self.ctx.facts;
        // A fleet scan reads the whole account's associations once, not each VPC's.
        let associations = match facts
            .firewall_associations_of(vpc, self.ctx.run.fleet)
            .await
        {
            Ok(a) => a,
            Err(e) => {
                note_unread(view, "DNS Firewall", &e);
                return;
            }
        };
        for a in associations
            .iter()
            .filter(|a| !a.status.eq_ignore_ascii_case("DELETING"))
        {
            if let Some(g) = self
                .firewall_group(&a.group_id, a.priority, resolution::Via::Vpc, view)
                .await
            {
                view.firewall.push(g);
            }
        }
    }

    async fn firewall_group(
        &self,
        group_id: &str,
        priority: i32,
        via: resolution::Via,
        view: &mut View,
    ) -> Option<FirewallGroup> {
        let facts = &self.ctx.facts;
        let rules = match facts.firewall_rules(group_id).await {
            Ok(r) => r,
            Err(e) => {
                note_unread(view, &format!("DNS Firewall rule group {group_id}"), &e);
                return None;
            }
        };
        let mut out = Vec::new();
        for r in rules {
            let domains = match &r.domain_list_id {
                Some(list) => facts.firewall_domains(list).await.ok(),
                None => Some(vec![]),
            };
            out.push((r, domains));
        }
        Some(FirewallGroup {
            id: group_id.to_string(),
            priority,
            via,
            rules: out,
        })
    }

    async fn rules(&self, vpc: &str, view: &mut View) {
        let facts = &self.ctx.facts;
        let (associations, rules) = match (
            facts.resolver_rule_associations().await,
            facts.resolver_rules().await,
        ) {
            (Ok(a), Ok(r)) => (a, r),
            (Err(e), _) | (_, Err(e)) => {
                note_unread(view, "Resolver rules", &e);
                return;
            }
        };
        for a in associations.iter().filter(|a| {
            a.vpc_id == vpc
                && !matches!(
                    a.status.to_ascii_uppercase().as_str(),
                    "DELETING" | "FAILED"
                )
        }) {
            match rules.iter().find(|r| r.id == a.rule_id) {
                Some(r) => view.rules.push(Rule {
                    rule: r.clone(),
                    via: resolution::Via::Vpc,
                }),
                None => view.unread.push(crate::t!(
                    "path-rule-invisible",
                    rule = &a.rule_id,
                    vpc = vpc
                )),
            }
        }
    }

    /// The private hosted zones associated with `vpc` that hold `name`, with their records.
    async fn zones(&self, vpc: &str, name: &str, view: &mut View) {
        let facts = &self.ctx.facts;
        let zones = match facts.hosted_zones_by_vpc(vpc, &self.ctx.run.region).await {
            Ok(z) => z,
            Err(e) => {
                note_unread(view, "private hosted zones", &e);
                return;
            }
        };
        for z in zones.iter().filter(|z| resolution::within(name, &z.name)) {
            // An AWS-managed zone (an endpoint's private DNS) is modelled from the endpoint.
            if z.owner.as_deref().is_some_and(|o| o.contains('.')) {
                continue;
            }
            let records = self.records(&z.id, &z.name, name).await;
            view.zones.push(Zone {
                id: z.id.clone(),
                name: z.name.clone(),
                via: resolution::Via::Vpc,
                kind: ZoneKind::Hosted { records },
            });
        }
    }

    /// The records a zone answers `name` with: the name's own, else the closest wildcard.
    async fn records(
        &self,
        zone_id: &str,
        zone_name: &str,
        name: &str,
    ) -> Option<Vec<crate::facts::model::RecordSet>> {
        for candidate in super::dns::record_names(name, zone_name) {
            let records = self.ctx.facts.record_sets(zone_id, &candidate).await.ok()?;
            let wanted: Vec<_> = records
                .into_iter()
                .filter(|r| {
                    matches!(r.record_type.as_str(), "A" | "AAAA" | "CNAME")
                        && (r.record_type != "AAAA" || self.record == RecordType::Aaaa)
                        && (r.record_type != "A" || self.record == RecordType::A)
                })
                .collect();
            if !wanted.is_empty() {
                return Some(wanted);
            }
        }
        Some(vec![])
    }

    /// The private DNS of interface endpoints in `vpc` for the service's name: this endpoint
    /// and any other endpoint of the same service there.
    async fn endpoint_zones(&self, vpc: &str, inbound: bool, view: &mut View) {
        let Some(private_name) = &self.private_name else {
            return;
        };
        let serves = |e: &Endpoint| {
            e.private_dns_enabled == Some(true)
                && (inbound || e.private_dns_only_for_inbound_resolver_endpoint != Some(true))
                && !matches!(
                    e.state.to_ascii_lowercase().as_str(),
                    "deleted" | "deleting" | "rejected" | "failed"
                )
        };
        if self.ep.vpc_id == vpc && serves(self.ep) {
            view.zones.push(endpoint_zone(
                self.ep,
                private_name,
                self.wanted.ips.clone(),
                resolution::Via::Vpc,
            ));
        }
        if let Ok(all) = self.ctx.facts.endpoint_list().await {
            for other in all.iter().filter(|o| {
                o.id != self.ep.id
                    && o.vpc_id == vpc
                    && o.service_name == self.ep.service_name
                    && kind(o) == Kind::Interface
                    && serves(o)
            }) {
                let ips = self.addresses_of(other).await;
                view.zones.push(endpoint_zone(
                    other,
                    private_name,
                    ips,
                    resolution::Via::Vpc,
                ));
            }
        }
    }

    async fn addresses_of(&self, ep: &Endpoint) -> Vec<IpAddr> {
        self.ctx
            .facts
            .network_interfaces(&ep.network_interface_ids)
            .await
            .map(|enis| family::addresses(&enis, self.record))
            .unwrap_or_default()
    }

    /// What the Route 53 Profiles associated with `vpc` bring.
    async fn profiles(&self, vpc: &str, name: &str, view: &mut View) {
        let facts = &self.ctx.facts;
        let associations = match facts.profile_associations_of(vpc, self.ctx.run.fleet).await {
            Ok(a) => a,
            Err(e) => {
                note_unread(view, "Route 53 Profiles", &e);
                return;
            }
        };
        for a in associations
            .iter()
            .filter(|a| !a.status.eq_ignore_ascii_case("DELETING"))
        {
            let resources = match facts.profile_resources(&a.profile_id).await {
                Ok(r) => r,
                Err(e) => {
                    note_unread(view, &format!("Route 53 Profile {}", a.profile_id), &e);
                    continue;
                }
            };
            let via = resolution::Via::Profile(a.profile_id.clone());
            for r in &resources {
                self.profile_resource(r, &via, name, view).await;
            }
        }
    }

    async fn profile_resource(
        &self,
        r: &crate::facts::model::ProfileResource,
        via: &resolution::Via,
        name: &str,
        view: &mut View,
    ) {
        let facts = &self.ctx.facts;
        let id = arn_id(&r.resource_arn);
        match r.resource_type.as_str() {
            "AWS::Route53::HostedZone" => match facts.zone_vpcs(id).await {
                Ok(z) if resolution::within(name, &z.name) => {
                    let records = self.records(id, &z.name, name).await;
                    view.zones.push(Zone {
                        id: id.to_string(),
                        name: z.name,
                        via: via.clone(),
                        kind: ZoneKind::Hosted { records },
                    });
                }
                Ok(_) => {}
                Err(e) => note_unread(view, &format!("hosted zone {id} of a Profile"), &e),
            },
            "AWS::Route53Resolver::ResolverRule" => match facts.resolver_rules().await {
                Ok(rules) => match rules.into_iter().find(|x| x.id == id) {
                    Some(rule) => view.rules.push(Rule {
                        rule,
                        via: via.clone(),
                    }),
                    None => view
                        .unread
                        .push(format!("Resolver rule {id} of a Profile (not visible)")),
                },
                Err(e) => note_unread(view, "Resolver rules", &e),
            },
            "AWS::Route53Resolver::FirewallRuleGroup" => {
                let priority = r
                    .properties
                    .as_deref()
                    .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
                    .and_then(|v| v.get("priority").and_then(serde_json::Value::as_i64))
                    .and_then(|p| i32::try_from(p).ok())
                    .unwrap_or(i32::MAX);
                if let Some(g) = self.firewall_group(id, priority, via.clone(), view).await {
                    view.firewall.push(g);
                }
            }
            "AWS::EC2::VPCEndpoint" => {
                let Some(private_name) = &self.private_name else {
                    return;
                };
                if id == self.ep.id {
                    view.zones.push(endpoint_zone(
                        self.ep,
                        private_name,
                        self.wanted.ips.clone(),
                        via.clone(),
                    ));
                } else if let Ok(other) = facts.endpoint(id).await
                    && other.service_name == self.ep.service_name
                {
                    let ips = self.addresses_of(&other).await;
                    view.zones
                        .push(endpoint_zone(&other, private_name, ips, via.clone()));
                }
            }
            _ => {}
        }
    }

    /// Resolves in `vpc`, and follows a FORWARD rule one hop when its targets are a Resolver
    /// inbound endpoint of the account (the query is then resolved in that endpoint's VPC).
    async fn resolve(
        &self,
        vpc: &str,
        name: &str,
        client: &str,
        inbound: bool,
    ) -> (Resolution, View) {
        let view = self.view(vpc, name, inbound).await;
        let mut res = resolution::resolve(&view, name, self.record.as_str(), &self.wanted, client);
        if let Answer::Forwarded(targets) = &res.answer
            && let Some(inbound_ep) = self.inbound_target(targets).await
            && inbound_ep.vpc_id != vpc
        {
            let hop = self.view(&inbound_ep.vpc_id, name, true).await;
            let next = resolution::resolve(
                &hop,
                name,
                self.record.as_str(),
                &self.wanted,
                &format!("Resolver inbound endpoint {}", inbound_ep.id),
            );
            if !matches!(next.answer, Answer::Forwarded(_)) {
                let mut rows: Vec<Row> = res.rows.clone();
                rows.pop();
                for r in rows.iter_mut().filter(|r| r.role == "decides") {
                    r.role = "passes";
                }
                rows.push(Row {
                    layer: "inbound endpoint".into(),
                    says: format!(
                        "{} in {} receives the query; that VPC's resolver answers",
                        inbound_ep.id, inbound_ep.vpc_id
                    ),
                    role: "passes",
                    basis: "predicted",
                });
                rows.extend(next.rows.iter().skip(1).cloned());
                res = Resolution { rows, ..next };
            }
        }
        (res, view)
    }

    async fn inbound_target(&self, targets: &[String]) -> Option<ResolverEndpoint> {
        let ips: Vec<IpAddr> = targets.iter().filter_map(|t| target_ip(t)).collect();
        let endpoints = self.ctx.facts.resolver_endpoints().await.ok()?;
        endpoints.into_iter().find(|e| {
            e.direction.eq_ignore_ascii_case("INBOUND")
                && e.addresses.iter().any(|a| {
                    a.ip.iter()
                        .chain(a.ipv6.iter())
                        .filter_map(|x| x.parse::<IpAddr>().ok())
                        .any(|x| ips.contains(&x))
                })
        })
    }
}

/// `10.0.0.2:53`, `[fd00::2]:53` or a bare address.
fn target_ip(t: &str) -> Option<IpAddr> {
    if let Ok(sa) = t.parse::<std::net::SocketAddr>() {
        return Some(sa.ip());
    }
    t.parse().ok()
}

/// The name the clients look up: the one asked for, else the service's private DNS name
/// where something serves it to these clients, else the endpoint's own regional name.
fn name_to_ask(ctx: &Ctx, ep: &Endpoint, private_name: Option<&str>, elsewhere: bool) -> String {
    if let Some(asked) = ctx.run.asked.as_ref().and_then(|a| a.name.clone()) {
        return asked.trim_end_matches('.').to_ascii_lowercase();
    }
    let regional = ep
        .dns_entries
        .first()
        .map(|d| d.dns_name.trim_end_matches('.').to_ascii_lowercase());
    match (private_name, regional) {
        (Some(p), _) if elsewhere || ep.private_dns_enabled == Some(true) => probe_name(p),
        (_, Some(r)) => r,
        (Some(p), None) => probe_name(p),
        (None, None) => String::new(),
    }
}

/// A DNS answer for the name where the clients ask: through --dns-server (the user's choice
/// of a resolver that answers as the clients' does), or from this machine when it is inside
/// the endpoint's VPC and the clients are too.
async fn observed(
    ctx: &Ctx,
    ep: &Endpoint,
    clients_in_endpoint_vpc: bool,
    name: &str,
    record: RecordType,
) -> Option<(DnsAnswer, String)> {
    let source = if let Some(server) = &ctx.run.dns_server {
        format!("resolver {server} (--dns-server)")
    } else if clients_in_endpoint_vpc {
        match vantage(ctx, ep).await {
            Ok(v) if v.inside => format!("{} (system resolver)", v.detail),
            _ => return None,
        }
    } else {
        return None;
    };
    let answer = ctx.facts.dns_record(name, record).await.ok()?;
    Some((answer, source))
}

/// Whether an observed answer reaches the endpoint: `None` when it says nothing (timeout,
/// SERVFAIL …).
fn observed_reaches(answer: &DnsAnswer, wanted: &Wanted) -> Option<bool> {
    use super::dns::DnsVerdict as V;
    match judge(answer, &wanted.ips) {
        V::Matches | V::Missing { .. } => Some(true),
        V::NxDomain | V::NoRecords | V::Foreign { .. } => Some(false),
        V::Timeout | V::Failed(_) | V::ServFail | V::Truncated => None,
    }
}

fn answer_words(answer: &DnsAnswer) -> String {
    match answer {
        DnsAnswer::Addresses { ips } => ips
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        DnsAnswer::NxDomain => "NXDOMAIN".into(),
        DnsAnswer::NoRecords => crate::t!("path-answer-no-records"),
        DnsAnswer::Timeout => crate::t!("path-answer-timeout"),
        DnsAnswer::ServFail => "SERVFAIL".into(),
        DnsAnswer::Truncated => crate::t!("path-answer-truncated"),
        DnsAnswer::Failed { message } => crate::t!("path-answer-error", message = message),
    }
}

async fn reader<'a>(
    ctx: &'a Ctx,
    ep: &'a Endpoint,
    private_name: Option<String>,
) -> Result<Reader<'a>, Outcome> {
    let (record, ips) = super::dns::private_family_addresses(ctx, ep).await?;
    Ok(Reader {
        ctx,
        ep,
        private_name,
        record,
        wanted: Wanted {
            endpoint_id: ep.id.clone(),
            ips,
            // The endpoint's own public names (DnsEntries also lists the private DNS names).
            dns_names: ep
                .dns_entries
                .iter()
                .map(|d| d.dns_name.trim_end_matches('.').to_ascii_lowercase())
                .filter(|d| d.contains(".vpce."))
                .collect(),
        },
    })
}

/// The resolver layer that answers the private name in the endpoint's own VPC, as a phrase
/// for the other DNS findings ("Resolver rule — rslvr-rr-… FORWARD …").
pub(super) async fn answering_layer(
    ctx: &Ctx,
    ep: &Endpoint,
    private_name: &str,
) -> Option<String> {
    let r = reader(ctx, ep, Some(private_name.to_string())).await.ok()?;
    let name = probe_name(private_name);
    let (res, _) = r.resolve(&ep.vpc_id, &name, "", false).await;
    res.rows
        .iter()
        .find(|x| x.role == "decides")
        .map(|x| format!("{} — {}", x.layer, x.says))
}

pub async fn resolution_path(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, &crate::t!("path-why-no-name")).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let private_name = match private_dns_name(ctx, &ep).await {
        PrivateName::Known(n) => n,
        PrivateName::Unknowable(o) => return o,
    };
    let clients = match clients(ctx, &ep).await {
        Ok(c) => c,
        Err(o) => return o,
    };
    let elsewhere = !matches!(&clients, Clients::Vpc { vpc_id, .. } if *vpc_id == ep.vpc_id);
    let name = name_to_ask(ctx, &ep, private_name.as_deref(), elsewhere);
    if name.is_empty() {
        return Outcome::not_applicable(crate::t!("path-no-name", endpoint = &ep.id));
    }
    let reader = match reader(ctx, &ep, private_name).await {
        Ok(r) => r,
        Err(o) => return o,
    };
    let o = match &clients {
        Clients::Vpc { vpc_id, how } => vpc_path(&reader, vpc_id, how, &name).await,
        Clients::OnPrem(net) => onprem_path(&reader, *net, &name).await,
    };
    o.var("name", name)
}

type Fixes = Vec<(&'static str, Vec<(&'static str, String)>)>;

/// The VPC's DNS attributes, when one is off: the resolver does not answer (support), or
/// private hosted zones are not used (hostnames).
async fn attributes_off(ctx: &Ctx, vpc: &str) -> Vec<&'static str> {
    let mut off = Vec::new();
    for attribute in [
        VpcAttribute::EnableDnsSupport,
        VpcAttribute::EnableDnsHostnames,
    ] {
        if let Ok(false) = ctx.facts.vpc_attribute(vpc, attribute).await {
            off.push(attribute.as_str());
        }
    }
    off
}

async fn vpc_path(r: &Reader<'_>, vpc: &str, how: &str, name: &str) -> Outcome {
    let ctx = r.ctx;
    if vpc == r.ep.vpc_id && r.ep.private_dns_only_for_inbound_resolver_endpoint == Some(true) {
        return Outcome::not_applicable(crate::t!(
            "path-inbound-only",
            endpoint = &r.ep.id,
            vpc = vpc,
            name = name
        ));
    }
    let client = crate::t!("path-clients-in", vpc = vpc, how = how);
    let (res, view) = r.resolve(vpc, name, &client, false).await;
    let seen = observed(ctx, r.ep, vpc == r.ep.vpc_id, name, r.record).await;
    if vpc != r.ep.vpc_id && !view.attributes_off.is_empty() {
        // The endpoint's own VPC has its checks (vpc.dns_support, vpc.dns_hostnames).
        return present(
            Outcome::fail(crate::t!(
                "path-attributes-off",
                attributes = view.attributes_off.join(&crate::t!("dns-and")),
                vpc = vpc
            ))
            .fix("enable_dns", &[("client_vpc", vpc.to_string())]),
            &res,
            seen.as_ref(),
        );
    }
    let o = judge_path(r, &res, &view, seen.as_ref(), vpc).await;
    present(o, &res, seen.as_ref())
}

/// The evidence every verdict carries: the layered path (plus the observed answer).
fn present(o: Outcome, res: &Resolution, seen: Option<&(DnsAnswer, String)>) -> Outcome {
    let mut rows: Vec<Vec<String>> = res.rows.iter().map(Row::cells).collect();
    if let Some((answer, source)) = seen {
        rows.push(vec![
            "observed answer".into(),
            crate::t!(
                "path-observed-row",
                name = &res.name,
                answer = answer_words(answer),
                source = source
            ),
            "answer".into(),
            "observed".into(),
        ]);
    }
    o.field("deciding_layer", res.deciding_layer()).table(
        "resolution path",
        &["layer", "says", "role", "basis"],
        rows,
    )
}

async fn judge_path(
    r: &Reader<'_>,
    res: &Resolution,
    view: &View,
    seen: Option<&(DnsAnswer, String)>,
    vpc: &str,
) -> Outcome {
    let ep = r.ep;
    let name = &res.name;
    let layer = res.deciding_layer();
    let predicted = res.reaches();
    let seen_reaches = seen.and_then(|(a, _)| observed_reaches(a, &r.wanted));
    let caveat = if view.unread.is_empty() && view.absent.is_empty() {
        String::new()
    } else {
        let all: Vec<&String> = view.unread.iter().chain(view.absent.iter()).collect();
        format!(
            " {}",
            crate::t!(
                "path-could-not-read",
                what = all
                    .iter()
                    .map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        )
    };
    if let Some(o) = other_endpoint(res, seen_reaches, vpc) {
        return o;
    }
    match (seen_reaches, predicted) {
        (Some(true), Some(false)) => Outcome::pass(crate::t!(
            "path-observed-despite-prediction",
            name = name,
            endpoint = &ep.id,
            vpc = vpc,
            layer = &layer,
            says = res.rows.last().map(|r| r.says.clone()).unwrap_or_default()
        )),
        (Some(true), _) => Outcome::pass(crate::t!(
            "path-observed-reaches",
            name = name,
            endpoint = &ep.id,
            vpc = vpc,
            layer = &layer
        )),
        (Some(false), Some(true)) => Outcome::warn(crate::t!(
            "path-observed-not-predicted",
            name = name,
            endpoint = &ep.id,
            layer = &layer,
            caveat = &caveat
        )),
        (Some(false), _) | (None, Some(false)) => {
            if seen_reaches.is_none() && unread_could_answer(view, res) {
                return Outcome::unknown(crate::t!(
                    "path-unread-layers",
                    name = name,
                    endpoint = &ep.id,
                    vpc = vpc,
                    layer = &layer,
                    caveat = &caveat
                ));
            }
            let basis = if seen_reaches.is_some() {
                "observed"
            } else {
                "predicted"
            };
            let fixes = fixes_for(r, res, view, vpc).await;
            let mut o = Outcome::fail(crate::t!(
                "path-does-not-reach",
                name = name,
                endpoint = &ep.id,
                vpc = vpc,
                basis = basis,
                cause = cause_text(res, ep),
                caveat = &caveat
            ));
            for (k, v) in fixes {
                o = o.fix(k, &v);
            }
            o
        }
        (None, Some(true)) => Outcome::pass(crate::t!(
            "path-predicted-reaches",
            name = name,
            endpoint = &ep.id,
            vpc = vpc,
            layer = &layer,
            caveat = &caveat
        )),
        (None, None) => forwarded_or_unread(r, res, view, vpc, &caveat).await,
    }
}

/// Profiles, rules and zones decide whether a name is answered at all; the firewall only
/// whether it is blocked.
fn unread_could_answer(view: &View, res: &Resolution) -> bool {
    // A FORWARD rule of the VPC's own for the very name wins whatever else exists.
    if let Decider::Rule {
        domain,
        via: resolution::Via::Vpc,
        ..
    } = &res.decider
        && *domain == res.name
    {
        return false;
    }
    view.unread.iter().any(|u| !u.starts_with("DNS Firewall"))
}

/// Another endpoint of the same service answers these clients: they reach the service, not
/// through this endpoint.
fn other_endpoint(res: &Resolution, seen: Option<bool>, vpc: &str) -> Option<Outcome> {
    let Answer::OtherEndpoint(other) = &res.answer else {
        return None;
    };
    if seen == Some(true) {
        return None;
    }
    Some(Outcome::warn(crate::t!(
        "path-other-endpoint",
        name = &res.name,
        other = other,
        vpc = vpc
    )))
}

fn cause_text(res: &Resolution, ep: &Endpoint) -> String {
    match &res.decider {
        Decider::Firewall {
            rule,
            group_id,
            entry,
            ..
        } => crate::t!(
            "path-cause-firewall",
            rule = rule,
            group = group_id,
            entry = entry
        ),
        Decider::Rule {
            rule_id,
            domain,
            targets,
            ..
        } => crate::t!(
            "path-cause-rule",
            rule = rule_id,
            domain = domain,
            targets = targets.join(", ")
        ),
        Decider::Zone {
            zone_name,
            zone_id,
            endpoint_id: None,
            ..
        } => crate::t!(
            "path-cause-zone",
            zone = zone_name,
            zone_id = zone_id,
            endpoint = &ep.id
        ),
        Decider::Zone { zone_name, .. } => crate::t!(
            "path-cause-endpoint-zone",
            zone = zone_name,
            says = res.rows.last().map(|r| r.says.clone()).unwrap_or_default()
        ),
        Decider::Recursion => crate::t!("path-cause-recursion", endpoint = &ep.id),
    }
}

async fn forwarded_or_unread(
    r: &Reader<'_>,
    res: &Resolution,
    view: &View,
    vpc: &str,
    caveat: &str,
) -> Outcome {
    let name = &res.name;
    let Decider::Rule {
        rule_id, targets, ..
    } = &res.decider
    else {
        return Outcome::unknown(crate::t!(
            "path-records-unread",
            layer = res.deciding_layer(),
            name = name,
            caveat = caveat
        ));
    };
    let first = targets
        .first()
        .and_then(|t| target_ip(t))
        .map(|ip| ip.to_string())
        .unwrap_or_default();
    if r.wanted.dns_names.iter().any(|d| d == name) {
        // The endpoint's own names are public records: any server that resolves public
        // names answers them.
        return Outcome::warn(crate::t!(
            "path-forwards-public-name",
            rule = rule_id,
            name = name,
            targets = targets.join(", "),
            vpc = vpc,
            caveat = caveat
        ))
        .fix("ask_target", &[("target_ip", first)]);
    }
    let mut o = Outcome::fail(crate::t!(
        "path-forwarded-away",
        name = name,
        endpoint = &r.ep.id,
        vpc = vpc,
        cause = cause_text(res, r.ep),
        caveat = caveat
    ));
    for (k, v) in fixes_for(r, res, view, vpc).await {
        o = o.fix(k, &v);
    }
    o.field(
        crate::t!("path-field-see-answer"),
        format!("dig +short @{first} {name}"),
    )
}

/// A stable `--creator-request-id`/`--caller-reference`: the same fix pasted twice is
/// recognised by AWS instead of creating a second resource.
fn request_id(parts: &[&str]) -> String {
    let mut id: String = format!("vpce-doctor-{}", parts.join("-"))
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    id.truncate(64);
    id
}

/// The commands that make the deciding layer answer with the endpoint.
async fn fixes_for(r: &Reader<'_>, res: &Resolution, view: &View, vpc: &str) -> Fixes {
    let name = &res.name;
    let mut out: Fixes = Vec::new();
    match &res.decider {
        Decider::Firewall {
            via: resolution::Via::Profile(p),
            group_id,
            ..
        }
        | Decider::Rule {
            via: resolution::Via::Profile(p),
            rule_id: group_id,
            ..
        }
        | Decider::Zone {
            via: resolution::Via::Profile(p),
            zone_id: group_id,
            ..
        } => {
            out.push((
                "profile_layer",
                vec![("profile_id", p.clone()), ("resource_id", group_id.clone())],
            ));
        }
        Decider::Firewall {
            group_id,
            priority,
            list_id,
            entry,
            ..
        } => {
            if entry == name
                && let Some(list) = list_id
            {
                out.push((
                    "remove_firewall_domain",
                    vec![("list_id", list.clone()), ("entry", entry.clone())],
                ));
            } else {
                out.push((
                    "allow_firewall",
                    vec![
                        ("group_id", group_id.clone()),
                        (
                            "allow_priority",
                            priority.saturating_sub(1).max(0).to_string(),
                        ),
                        ("request_id", request_id(&["allow", group_id])),
                    ],
                ));
            }
        }
        Decider::Rule {
            rule_id, domain, ..
        } => {
            if resolution::labels(name) > resolution::labels(domain) {
                out.push((
                    "system_rule",
                    vec![
                        ("system_domain", name.clone()),
                        ("client_vpc", vpc.to_string()),
                        ("request_id", request_id(&["system", vpc, name])),
                    ],
                ));
            } else {
                out.push((
                    "disassociate_rule",
                    vec![
                        ("rule_id", rule_id.clone()),
                        ("client_vpc", vpc.to_string()),
                    ],
                ));
            }
            // Without the rule, would the endpoint answer? If not, that layer needs its fix too.
            let mut without = view.clone();
            without.rules.retain(|x| &x.rule.id != rule_id);
            let alt = resolution::resolve(&without, name, r.record.as_str(), &r.wanted, "");
            if alt.reaches() == Some(false) && !matches!(alt.decider, Decider::Rule { .. }) {
                out.extend(Box::pin(fixes_for(r, &alt, &without, vpc)).await);
            }
        }
        Decider::Zone {
            zone_id,
            endpoint_id: None,
            ..
        } => {
            out.push(("point_record", alias_vars(r, zone_id, name)));
        }
        Decider::Zone { .. } => {}
        Decider::Recursion => out.extend(zone_fixes(r, vpc, name).await),
    }
    out
}

/// The alias record that points `name` at the endpoint's regional DNS name.
fn alias_vars(r: &Reader<'_>, zone_id: &str, name: &str) -> Vec<(&'static str, String)> {
    let regional = r.ep.dns_entries.first();
    vec![
        (
            "zone_id",
            zone_id.trim_start_matches("/hostedzone/").to_string(),
        ),
        ("record_name", name.to_string()),
        (
            "alias_name",
            regional
                .map(|d| d.dns_name.trim_end_matches('.').to_string())
                .unwrap_or_default(),
        ),
        (
            "alias_zone",
            regional
                .and_then(|d| d.hosted_zone_id.clone())
                .unwrap_or_default(),
        ),
    ]
}

/// Nothing serves the name in the clients' VPC. The endpoint's own private DNS cannot be
/// shared with another VPC: a private hosted zone of the account that already points the name
/// at the endpoint is associated, else one is created for the clients' VPC.
async fn zone_fixes(r: &Reader<'_>, vpc: &str, name: &str) -> Fixes {
    let ctx = r.ctx;
    if vpc == r.ep.vpc_id {
        if r.ep.private_dns_enabled != Some(true) {
            return vec![("private_dns_off", vec![])];
        }
        return vec![];
    }
    if let Ok(zones) = ctx.facts.private_zones().await {
        for z in zones.iter().filter(|z| resolution::within(name, &z.name)) {
            let Some(records) = r.records(&z.id, &z.name, name).await else {
                continue;
            };
            let zone = Zone {
                id: z.id.clone(),
                name: z.name.clone(),
                via: resolution::Via::Vpc,
                kind: ZoneKind::Hosted {
                    records: Some(records),
                },
            };
            let lone = View {
                vpc_id: vpc.to_string(),
                zones: vec![zone],
                ..View::default()
            };
            if resolution::resolve(&lone, name, r.record.as_str(), &r.wanted, "").reaches()
                == Some(true)
            {
                let associated = ctx
                    .facts
                    .zone_vpcs(&z.id)
                    .await
                    .map(|v| v.vpcs.iter().any(|(id, _)| id == vpc))
                    .unwrap_or(false);
                if !associated {
                    return vec![(
                        "associate_zone",
                        vec![
                            (
                                "zone_id",
                                z.id.trim_start_matches("/hostedzone/").to_string(),
                            ),
                            ("zone_name", z.name.clone()),
                            ("client_vpc", vpc.to_string()),
                        ],
                    )];
                }
            }
        }
    }
    let zone_name = r
        .private_name
        .as_deref()
        .map(|p| p.trim_start_matches("*.").to_string())
        .filter(|z| resolution::within(name, z))
        .unwrap_or_else(|| name.to_string());
    let record_name = match r.private_name.as_deref() {
        Some(p) if p.starts_with("*.") && zone_name != name => format!("*.{zone_name}"),
        _ => name.to_string(),
    };
    let mut vars = alias_vars(r, "", &record_name);
    vars.retain(|(k, _)| *k != "zone_id");
    vars.extend([
        ("zone_name", zone_name.clone()),
        ("client_vpc", vpc.to_string()),
        ("request_id", request_id(&[vpc, &zone_name])),
    ]);
    vec![("create_zone", vars)]
}

async fn onprem_path(r: &Reader<'_>, net: IpNet, name: &str) -> Outcome {
    let ctx = r.ctx;
    let endpoints = match ctx.facts.resolver_endpoints().await {
        Ok(e) => e,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let mut inbound: Vec<&ResolverEndpoint> = endpoints
        .iter()
        .filter(|e| {
            e.direction.eq_ignore_ascii_case("INBOUND")
                && !e.status.eq_ignore_ascii_case("DELETING")
        })
        .collect();
    inbound.sort_by_key(|e| e.vpc_id != r.ep.vpc_id);
    let zone = r
        .private_name
        .as_deref()
        .map(|p| p.trim_start_matches("*.").to_string())
        .unwrap_or_else(|| name.to_string());
    let client = crate::t!("path-onprem-clients", net = net.to_string());
    let mut chosen: Option<(&ResolverEndpoint, Resolution, View)> = None;
    for e in &inbound {
        let (res, view) = r.resolve(&e.vpc_id, name, &client, true).await;
        let reaches = res.reaches() == Some(true);
        if chosen.is_none() || reaches {
            chosen = Some((e, res, view));
        }
        if reaches {
            break;
        }
    }
    let seen = match &ctx.run.dns_server {
        Some(_) => observed(ctx, r.ep, false, name, r.record).await,
        None => None,
    };
    let Some((inbound_ep, res, view)) = chosen else {
        let o = Outcome::fail(crate::t!(
            "path-onprem-no-inbound",
            zone = &zone,
            net = net.to_string(),
            name = name,
            endpoint = &r.ep.id
        ));
        let mut subnets: Vec<String> = r.ep.subnet_ids.iter().take(2).cloned().collect();
        if subnets.len() == 1 {
            // Two addresses are required; both may sit in one subnet.
            subnets.push(subnets[0].clone());
        }
        let subnet_args = subnets
            .iter()
            .map(|s| format!("SubnetId={s}"))
            .collect::<Vec<_>>()
            .join(" ");
        return o
            .fix(
                "create_inbound",
                &[
                    ("vpc_id", r.ep.vpc_id.clone()),
                    ("cidr", net.to_string()),
                    ("subnet_args", subnet_args),
                    ("request_id", request_id(&["inbound", &r.ep.vpc_id])),
                ],
            )
            .field("deciding_layer", "Resolver inbound endpoint")
            .table(
                "resolution path",
                &["layer", "says", "role", "basis"],
                vec![
                    vec!["client".into(), client, "client".into(), String::new()],
                    vec![
                        "inbound endpoint".into(),
                        crate::t!("path-says-none-in-account"),
                        "decides".into(),
                        "predicted".into(),
                    ],
                    vec![
                        "answer".into(),
                        crate::t!("path-says-public-answer"),
                        "answer".into(),
                        "predicted".into(),
                    ],
                ],
            );
    };
    onprem_verdict(r, net, &zone, inbound_ep, res, &view, seen).await
}

async fn onprem_verdict(
    r: &Reader<'_>,
    net: IpNet,
    zone: &str,
    inbound_ep: &ResolverEndpoint,
    res: Resolution,
    view: &View,
    seen: Option<(DnsAnswer, String)>,
) -> Outcome {
    let ctx = r.ctx;
    let ips: Vec<String> = inbound_ep
        .addresses
        .iter()
        .filter_map(|a| a.ip.clone().or_else(|| a.ipv6.clone()))
        .collect();
    let admitted = match ctx
        .facts
        .security_groups(&inbound_ep.security_group_ids)
        .await
    {
        Ok(groups) => {
            let rules: Vec<_> = groups
                .iter()
                .flat_map(|g| g.ingress.iter().cloned())
                .collect();
            let peer = Peer {
                cidrs: vec![net],
                groups: vec![],
            };
            // A rule by security group or prefix list may admit the range (a least-privilege
            // list of on-premises ranges): only a plain "no" is a finding.
            [Proto::Udp, Proto::Tcp]
                .into_iter()
                .filter(|p| matches!(admits_proto(&rules, *p, 53, &peer), Admit::No(_)))
                .map(Proto::name)
                .collect::<Vec<_>>()
        }
        Err(_) => vec![],
    };
    let mut rows = vec![
        res.rows[0].clone(),
        Row {
            layer: "conditional forwarder".into(),
            says: crate::t!("path-says-forwarder", zone = zone, ips = ips.join(", ")),
            role: "passes",
            basis: "predicted",
        },
        Row {
            layer: "inbound endpoint".into(),
            says: if admitted.is_empty() {
                crate::t!(
                    "path-says-inbound-admits",
                    inbound = &inbound_ep.id,
                    vpc = &inbound_ep.vpc_id,
                    groups = inbound_ep.security_group_ids.join(", "),
                    net = net.to_string()
                )
            } else {
                crate::t!(
                    "path-says-inbound-blocks",
                    inbound = &inbound_ep.id,
                    vpc = &inbound_ep.vpc_id,
                    groups = inbound_ep.security_group_ids.join(", "),
                    net = net.to_string(),
                    protos = admitted.join("+")
                )
            },
            role: if admitted.is_empty() {
                "passes"
            } else {
                "decides"
            },
            basis: "predicted",
        },
    ];
    if !admitted.is_empty() {
        rows.push(Row {
            layer: "answer".into(),
            says: crate::t!("path-says-dropped"),
            role: "answer",
            basis: "predicted",
        });
        let shown = Resolution { rows, ..res };
        let o = Outcome::fail(crate::t!(
            "path-onprem-inbound-blocked",
            inbound = &inbound_ep.id,
            net = net.to_string(),
            protos = admitted.join("+"),
            name = &shown.name
        ))
        .fix(
            "inbound_sg",
            &[
                (
                    "sg_id",
                    inbound_ep
                        .security_group_ids
                        .first()
                        .cloned()
                        .unwrap_or_default(),
                ),
                ("cidr", net.to_string()),
            ],
        );
        return present(o, &shown, seen.as_ref());
    }
    rows.extend(res.rows.iter().skip(1).cloned());
    let shown = Resolution { rows, ..res };
    let vpc = inbound_ep.vpc_id.clone();
    let o = judge_path(r, &shown, view, seen.as_ref(), &vpc).await.fix(
        "forwarder",
        &[
            ("zone_name", zone.to_string()),
            ("inbound_ips", ips.join(" ")),
        ],
    );
    present(o, &shown, seen.as_ref())
}

#[cfg(test)]
mod ko_tests {
    use super::*;

    #[test]
    fn answers_and_endpoint_kind_reasons_speak_korean() {
        let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
        let timeout = answer_words(&DnsAnswer::Timeout);
        assert!(timeout.contains("타임아웃"), "{timeout}");
        assert!(!timeout.contains("no answer"), "{timeout}");
        let why = crate::t!(
            "check-endpoints-why",
            kind = "Gateway",
            why = &crate::t!("sg-why-no-groups")
        );
        assert!(why.contains("보안 그룹이 없다"), "{why}");
        assert!(!why.contains("security groups"), "{why}");
        let subject = crate::t!("targets-subject-enforced-admits", subject = "sg-1 (nlb)");
        assert!(subject.contains("인바운드 허용"), "{subject}");
        assert!(!subject.contains("enforced"), "{subject}");
    }
}
