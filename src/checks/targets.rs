//! The provider's data path behind the NLB: where each target is (AZ, address, security
//! groups), and whether the NLB's and the targets' security groups let the traffic through.

use std::collections::BTreeMap;
use std::net::IpAddr;

use ipnet::IpNet;

use super::findings::Findings;
use super::provider::{lb_name, provider_lbs, target_groups, tg_name};
use super::sg::{
    Admit, Client, ClientVerdict, Peer, PortPlan, Proto, Source, admits, classify, judge_client,
    no_client_verdict, permission_args, port_label, resolve_client, rule_allows, source_arg,
    vpc_layout,
};
use super::*;
use crate::engine::outcome::{Account, Status};
use crate::facts::model::{LoadBalancer, SecurityGroup, SgRule, Subnet, TargetHealth};

/// One registered target with what the provider's account says about it.
#[derive(Debug, Clone)]
pub struct Target {
    pub target_group: String,
    pub id: String,
    pub port: Option<u16>,
    pub health_check_port: Option<u16>,
    pub healthy: bool,
    pub ip: Option<IpAddr>,
    /// AZ ID, when it could be placed.
    pub zone_id: Option<String>,
    /// `None` when the target's network interface is not visible (e.g. an on-premises IP).
    pub security_groups: Option<Vec<String>>,
    /// An Application Load Balancer registered as the target (target type `alb`): it serves
    /// from every zone it has a node in, and its security groups are the ones that must admit
    /// the NLB.
    pub alb: Option<LoadBalancer>,
    /// The AZ IDs of that ALB's nodes.
    pub alb_zones: Vec<String>,
}

impl Target {
    /// Whether the target serves clients entering through `zone` (an AZ ID).
    pub fn serves(&self, zone: &str) -> bool {
        self.zone_id.as_deref() == Some(zone) || self.alb_zones.iter().any(|z| z == zone)
    }

    /// Whether the target's zone(s) are known.
    pub fn placed(&self) -> bool {
        self.zone_id.is_some() || !self.alb_zones.is_empty()
    }
}

/// An ALB registered as a target is named by its ARN (only load balancers have ARNs as
/// target ids).
/// The Application Load Balancers registered as targets: their ARNs and what is described of
/// them. A deleted one is simply absent (its target health says so: nlb.target_health).
pub async fn albs_behind(
    ctx: &Ctx,
    health: &[TargetHealth],
) -> Result<(Vec<String>, Vec<LoadBalancer>), crate::facts::FactError> {
    let arns: Vec<String> = health
        .iter()
        .filter(|t| is_alb_target(&t.target_id))
        .map(|t| t.target_id.clone())
        .collect();
    if arns.is_empty() {
        return Ok((arns, Vec::new()));
    }
    match ctx.facts.load_balancers(&arns).await {
        Ok(albs) => Ok((arns, albs)),
        Err(e) if e.is_not_found() => Ok((arns, Vec::new())),
        Err(e) => Err(e),
    }
}

pub fn is_alb_target(target_id: &str) -> bool {
    target_id.starts_with("arn:")
}

/// AZ name → AZ ID as one account names its zones.
pub async fn zone_ids(ctx: &Ctx, account: Account) -> Result<BTreeMap<String, String>, Outcome> {
    let zones = ctx
        .facts
        .availability_zones(account)
        .await
        .map_err(|e| could_not_tell(ctx, &e, account == Account::Provider))?;
    Ok(zones.into_iter().map(|z| (z.name, z.id)).collect())
}

fn port_of(p: &Option<String>, traffic: Option<u16>) -> Option<u16> {
    match p.as_deref() {
        None | Some("traffic-port") => traffic,
        Some(n) => n.parse().ok(),
    }
}

/// Every target of `tg` behind `lb`, placed in its zone, with its security groups.
pub async fn resolve_targets(
    ctx: &Ctx,
    lb: &LoadBalancer,
    tg: &str,
    health: &[TargetHealth],
) -> Result<Vec<Target>, Outcome> {
    let provider_side = |e: &crate::facts::FactError| could_not_tell(ctx, e, true);
    let zones = zone_ids(ctx, Account::Provider).await?;
    let subnets = match &lb.vpc_id {
        Some(vpc) => ctx
            .facts
            .subnets_in(Account::Provider, vpc)
            .await
            .map_err(|e| provider_side(&e))?,
        None => Vec::new(),
    };
    let instance_ids: Vec<String> = health
        .iter()
        .filter(|t| t.target_id.starts_with("i-"))
        .map(|t| t.target_id.clone())
        .collect();
    let instances = ctx
        .facts
        .instances(&instance_ids)
        .await
        .map_err(|e| provider_side(&e))?;
    let ips: Vec<String> = health
        .iter()
        .filter(|t| t.target_id.parse::<IpAddr>().is_ok())
        .map(|t| t.target_id.clone())
        .collect();
    let interfaces = if ips.is_empty() {
        Vec::new()
    } else {
        let mut filters = vec![("addresses.private-ip-address", ips)];
        if let Some(vpc) = &lb.vpc_id {
            filters.push(("vpc-id", vec![vpc.clone()]));
        }
        ctx.facts
            .network_interfaces_where(Account::Provider, &filters)
            .await
            .map_err(|e| provider_side(&e))?
    };
    let (_, albs) = albs_behind(ctx, health)
        .await
        .map_err(|e| provider_side(&e))?;
    let zone_of_name = |name: &str| zones.get(name).cloned();
    let zone_of_ip = |ip: &IpAddr| {
        subnets
            .iter()
            .find(|s| s.cidr.parse::<IpNet>().is_ok_and(|n| n.contains(ip)))
            .and_then(|s| {
                s.availability_zone_id
                    .clone()
                    .or_else(|| zone_of_name(&s.availability_zone))
            })
    };
    Ok(health
        .iter()
        .map(|t| {
            let port = t.port.and_then(|p| u16::try_from(p).ok());
            let mut target = Target {
                target_group: tg.to_string(),
                id: t.target_id.clone(),
                port,
                health_check_port: port_of(&t.health_check_port, port),
                healthy: t.state.eq_ignore_ascii_case("healthy"),
                ip: t.target_id.parse().ok(),
                zone_id: t
                    .availability_zone
                    .as_deref()
                    .filter(|z| *z != "all")
                    .and_then(zone_of_name),
                security_groups: None,
                alb: None,
                alb_zones: Vec::new(),
            };
            if let Some(alb) = albs.iter().find(|a| a.arn == t.target_id) {
                target.security_groups = Some(alb.security_groups.clone());
                target.alb_zones = alb
                    .availability_zones
                    .iter()
                    .filter_map(|z| zone_of_name(z))
                    .collect();
                // An ALB that is not active serves nothing, whatever its last health said.
                target.healthy &= alb.state.eq_ignore_ascii_case("active");
                target.alb = Some(alb.clone());
            }
            if let Some(i) = instances.iter().find(|i| i.id == t.target_id) {
                target.ip = i.private_ip.as_deref().and_then(|s| s.parse().ok());
                target.zone_id = target
                    .zone_id
                    .or_else(|| zone_of_name(&i.availability_zone));
                target.security_groups = Some(i.security_group_ids.clone());
            }
            if let Some(ip) = target.ip {
                if let Some(eni) = interfaces.iter().find(|n| {
                    n.private_ip.as_deref() == Some(t.target_id.as_str())
                        || n.private_ips.iter().any(|p| p == &t.target_id)
                }) {
                    target.security_groups = Some(eni.security_group_ids.clone());
                }
                target.zone_id = target.zone_id.or_else(|| zone_of_ip(&ip));
            }
            target
        })
        .collect())
}

/// Every target behind every listener the clients use, per load balancer.
pub(super) async fn all_targets(
    ctx: &Ctx,
    lbs: &[LoadBalancer],
) -> Result<Vec<(LoadBalancer, Target)>, Outcome> {
    let mut out = Vec::new();
    for lb in lbs {
        for tg in target_groups(ctx, std::slice::from_ref(lb)).await? {
            let health = ctx
                .facts
                .target_health(&tg)
                .await
                .map_err(|e| could_not_tell(ctx, &e, true))?;
            for t in resolve_targets(ctx, lb, &tg, &health).await? {
                out.push((lb.clone(), t));
            }
        }
    }
    Ok(out)
}

/// The ports a target must accept from the NLB: traffic and health check.
fn target_ports(t: &Target) -> Vec<u16> {
    let mut ports: Vec<u16> = t.port.into_iter().chain(t.health_check_port).collect();
    ports.sort();
    ports.dedup();
    ports
}

async fn groups_in_provider(ctx: &Ctx, ids: &[String]) -> Result<Vec<SecurityGroup>, Outcome> {
    ctx.facts
        .security_groups_in(Account::Provider, ids)
        .await
        .map_err(|e| could_not_tell(ctx, &e, true))
}

/// The listener ports and protocols of `lb` the clients use (`--port` narrows them).
async fn lb_ports(ctx: &Ctx, lb: &LoadBalancer) -> Result<Vec<(Proto, u16)>, Outcome> {
    let listeners = ctx
        .facts
        .listeners(&lb.arn)
        .await
        .map_err(|e| could_not_tell(ctx, &e, true))?;
    let mut out: Vec<(Proto, u16)> = Vec::new();
    for l in &listeners {
        let Some(port) = l.port.and_then(|p| u16::try_from(p).ok()) else {
            continue;
        };
        if !ctx.run.ports.is_empty() && !ctx.run.ports.contains(&port) {
            continue;
        }
        let protos = match l.protocol.to_ascii_uppercase().as_str() {
            "UDP" => vec![Proto::Udp],
            "TCP_UDP" => vec![Proto::Tcp, Proto::Udp],
            _ => vec![Proto::Tcp],
        };
        out.extend(protos.into_iter().map(|p| (p, port)));
    }
    // A --port no listener has: judged as TCP (nlb.listeners reports the missing listener).
    for &port in &ctx.run.ports {
        if !out.iter().any(|(_, p)| *p == port) {
            out.push((Proto::Tcp, port));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

pub async fn nlb_security_groups(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let (ep, _, lbs) = provider_lbs(ctx).await?;
    let with_groups: Vec<&LoadBalancer> = lbs
        .iter()
        .filter(|l| !l.security_groups.is_empty())
        .collect();
    if with_groups.is_empty() {
        return Ok(Outcome::pass(crate::t!(
            "targets-lb-no-groups",
            lbs = join(&lbs.iter().map(|l| l.name.clone()).collect::<Vec<_>>())
        )));
    }
    // A named client by its addresses of the endpoint's families (a dual-stack subnet's
    // IPv6 range never reaches an IPv4 endpoint).
    let client = resolve_client(ctx, &ep)
        .await?
        .map(|c| super::sg::narrow(c, super::family::served(&ep)));
    let layout = if client.is_none() {
        Some(vpc_layout(ctx, &ep.vpc_id).await?)
    } else {
        None
    };
    let targets = all_targets(ctx, &lbs).await?;
    let clients_label = client
        .as_ref()
        .map(|c| c.label.clone())
        .unwrap_or_else(|| crate::t!("targets-clients-not-named", vpc = &ep.vpc_id));
    let mut found = LbGroupFindings::default();
    for lb in with_groups {
        let groups = lb_groups(ctx, lb, &ep.vpc_id).await?;
        if !groups.enforced {
            found.inbound_not_enforced(&groups);
        } else if let Some(client) = &client {
            found.inbound_from_client(&groups, client);
        } else if let Some((vpc_cidrs, subnets)) = &layout {
            found.inbound_from_any_client(&groups, vpc_cidrs, subnets, &ep.vpc_id);
        }
        found.outbound_to_targets(&groups, &targets);
    }
    Ok(found.verdict(clients_label))
}

/// One load balancer's security groups as `nlb.security_groups` judges them.
struct LbGroups<'a> {
    lb: &'a LoadBalancer,
    /// Whether the inbound rules apply to PrivateLink traffic at all.
    enforced: bool,
    ingress: Vec<SgRule>,
    egress: Vec<SgRule>,
    ports: Vec<(Proto, u16)>,
    first_group: String,
    /// PrivateLink traffic reaches the NLB from the clients' own addresses; a group
    /// reference can hold them only when the endpoint sits in the NLB's own VPC.
    groups_count: bool,
    /// "sg-a, sg-b (name)", for the findings.
    subject: String,
}

impl LbGroups<'_> {
    fn enforcement_off(&self) -> (&'static str, Vec<(&'static str, String)>) {
        (
            "enforcement_off",
            vec![
                ("lb_arn", self.lb.arn.clone()),
                ("lb_name", self.lb.name.clone()),
                ("lb_sg_ids", self.lb.security_groups.join(" ")),
            ],
        )
    }
}

/// The rules, listener ports and enforcement setting of `lb`, which has security groups.
async fn lb_groups<'a>(
    ctx: &Ctx,
    lb: &'a LoadBalancer,
    endpoint_vpc: &str,
) -> Result<LbGroups<'a>, Outcome> {
    let groups = groups_in_provider(ctx, &lb.security_groups).await?;
    let enforce = lb
        .enforce_inbound_on_privatelink
        .clone()
        .unwrap_or_else(|| "on".into());
    let ports = lb_ports(ctx, lb).await?;
    Ok(LbGroups {
        lb,
        enforced: !enforce.eq_ignore_ascii_case("off"),
        ingress: groups.iter().flat_map(|g| g.ingress.clone()).collect(),
        egress: groups.iter().flat_map(|g| g.egress.clone()).collect(),
        ports,
        first_group: lb.security_groups[0].clone(),
        groups_count: lb.vpc_id.as_deref() == Some(endpoint_vpc),
        subject: format!("{} ({})", join(&lb.security_groups), lb.name),
    })
}

/// What `nlb.security_groups` found: one verdict per load balancer's inbound side, the
/// outbound failures and could-not-tells, the fixes they ask for, and the evidence rows.
#[derive(Default)]
struct LbGroupFindings {
    parts: Vec<Outcome>,
    egress_fails: Vec<String>,
    undecidable: Vec<String>,
    fixes: Vec<(&'static str, Vec<(&'static str, String)>)>,
    rows: Vec<Vec<String>>,
}

impl LbGroupFindings {
    fn inbound_not_enforced(&mut self, g: &LbGroups) {
        self.rows.push(vec![
            g.lb.name.clone(),
            crate::t!("targets-inbound"),
            g.ports
                .iter()
                .map(|(p, n)| port_label(*p, *n))
                .collect::<Vec<_>>()
                .join(", "),
            crate::t!("targets-not-filtered"),
            "—".into(),
        ]);
    }

    /// Inbound from the client named with `--from`, port by port.
    fn inbound_from_client(&mut self, g: &LbGroups, client: &Client) {
        let mut denied = Vec::new();
        for &(proto, port) in &g.ports {
            let matching: Vec<&SgRule> = g
                .ingress
                .iter()
                .filter(|r| rule_allows(r, proto, port))
                .collect();
            let verdict = judge_client(&matching, client, g.groups_count);
            self.rows.push(vec![
                g.lb.name.clone(),
                crate::t!("targets-inbound"),
                port_label(proto, port),
                client.label.clone(),
                client_verdict_text(&verdict),
            ]);
            match verdict {
                ClientVerdict::Admitted(_) => {}
                ClientVerdict::GroupsOnly(groups) => self.parts.push(Outcome::warn(crate::t!(
                    "targets-groups-only",
                    subject = &g.subject,
                    port = port_label(proto, port),
                    groups = join(&groups),
                    client = &client.label
                ))),
                ClientVerdict::PrefixList(_) => self.undecidable.push(crate::t!(
                    "targets-undecidable-inbound",
                    port = port_label(proto, port),
                    lb = &g.lb.name
                )),
                ClientVerdict::NoMembers => self.parts.push(Outcome::warn(crate::t!(
                    "targets-no-members",
                    subject = &g.subject,
                    client = &client.label
                ))),
                ClientVerdict::Denied(missing) => {
                    denied.push(port_label(proto, port));
                    self.allow_client(g, client, proto, port, missing);
                }
            }
        }
        if !denied.is_empty() {
            self.parts.push(Outcome::fail(crate::t!(
                "targets-inbound-denied",
                subject = &g.subject,
                ports = denied.join(", "),
                client = &client.label
            )));
            self.fixes.push(g.enforcement_off());
        }
    }

    /// The fixes that admit exactly the client: its group when a reference can hold it,
    /// else its addresses.
    fn allow_client(
        &mut self,
        g: &LbGroups,
        client: &Client,
        proto: Proto,
        port: u16,
        missing: Vec<IpNet>,
    ) {
        let sources: Vec<Source> = match &client.fix_source {
            Source::Group(group) if g.groups_count => vec![Source::Group(group.clone())],
            Source::Cidr(n) => vec![Source::Cidr(*n)],
            _ => missing.into_iter().map(Source::Cidr).collect(),
        };
        for src in sources {
            self.fixes.push((
                "allow_consumers",
                vec![
                    ("group_id", g.first_group.clone()),
                    ("what", port_label(proto, port)),
                    ("source", src.text()),
                    ("permission_args", permission_args(proto, port, &src)),
                ],
            ));
        }
    }

    /// Inbound from any client in the consumer's VPC, when no client is named.
    fn inbound_from_any_client(
        &mut self,
        g: &LbGroups,
        vpc_cidrs: &[IpNet],
        subnets: &[Subnet],
        consumer_vpc: &str,
    ) {
        let mut per_port = Vec::new();
        for &(proto, port) in &g.ports {
            let matching: Vec<&SgRule> = g
                .ingress
                .iter()
                .filter(|r| rule_allows(r, proto, port))
                .collect();
            let a = classify(&matching, vpc_cidrs, subnets, &[], g.groups_count);
            self.rows.push(vec![
                g.lb.name.clone(),
                crate::t!("targets-inbound"),
                port_label(proto, port),
                crate::t!("targets-any-client"),
                crate::t!("targets-from", what = a.text()),
            ]);
            per_port.push((proto, port, a));
        }
        let plan = PortPlan {
            ports: g.ports.clone(),
            origin: crate::t!("targets-origin-listeners"),
            any_of: false,
        };
        let mut o = no_client_verdict(
            &per_port,
            &plan,
            &crate::t!("targets-subject-enforced-admits", subject = &g.subject),
            consumer_vpc,
            |o, proto, port| {
                o.fix(
                    "allow_client",
                    &[
                        ("group_id", g.first_group.clone()),
                        ("what", port_label(proto, port)),
                        (
                            "permission_args",
                            permission_args(proto, port, &Source::ClientCidrVar),
                        ),
                    ],
                )
            },
        );
        if o.status == Status::Fail {
            let (key, vars) = g.enforcement_off();
            o = o.fix(key, &vars);
        }
        self.parts.push(o);
    }

    /// Outbound from the load balancer to each of its targets on the ports they serve.
    fn outbound_to_targets(&mut self, g: &LbGroups, targets: &[(LoadBalancer, Target)]) {
        let lb = g.lb;
        for (_, t) in targets.iter().filter(|(l, _)| l.arn == lb.arn) {
            let Some(ip) = t.ip else { continue };
            let peer = Peer {
                cidrs: vec![IpNet::from(ip)],
                groups: t.security_groups.clone().unwrap_or_default(),
            };
            for port in target_ports(t) {
                let verdict = admits(&g.egress, port, &peer);
                self.rows.push(vec![
                    lb.name.clone(),
                    crate::t!("targets-outbound"),
                    port.to_string(),
                    crate::t!("targets-target-peer", id = &t.id, ip = ip.to_string()),
                    admit_text(&verdict),
                ]);
                match verdict {
                    Admit::Yes => {}
                    Admit::Undecidable => self.undecidable.push(crate::t!(
                        "targets-undecidable-outbound",
                        port = port,
                        id = &t.id
                    )),
                    Admit::No(_) => {
                        self.egress_fails.push(crate::t!(
                            "targets-egress-denied",
                            groups = join(&lb.security_groups),
                            lb = &lb.name,
                            port = port,
                            id = &t.id,
                            ip = ip.to_string()
                        ));
                        self.fixes.push((
                            "allow_egress",
                            vec![
                                ("group_id", g.first_group.clone()),
                                ("what", format!("TCP {port}")),
                                ("cidr", IpNet::from(ip).to_string()),
                                (
                                    "permission_args",
                                    permission_args(
                                        Proto::Tcp,
                                        port,
                                        &Source::Cidr(IpNet::from(ip)),
                                    ),
                                ),
                            ],
                        ));
                    }
                }
            }
        }
    }

    /// The worst of the parts decides; a pass says what each part found.
    fn verdict(mut self, clients_label: String) -> Outcome {
        if !self.egress_fails.is_empty() {
            self.parts.push(Outcome::fail(self.egress_fails.join("; ")));
        }
        if !self.undecidable.is_empty() {
            self.parts.push(Outcome::unknown(crate::t!(
                "targets-undecidable",
                what = self.undecidable.join(", ")
            )));
        }
        let parts = &self.parts;
        let worst = parts.iter().map(|p| p.status).min().unwrap_or(Status::Pass);
        let o = if worst == Status::Pass {
            let said: Vec<String> = parts.iter().map(|p| p.summary.clone()).collect();
            Outcome::pass(if said.is_empty() {
                crate::t!("targets-lb-pass-enforcement-off")
            } else {
                crate::t!("targets-lb-pass", said = said.join("; "))
            })
        } else {
            let said: Vec<String> = parts
                .iter()
                .filter(|p| p.status == worst)
                .map(|p| p.summary.clone())
                .collect();
            let mut o = match worst {
                Status::Fail => Outcome::fail(said.join("; ")),
                Status::Unknown => Outcome::unknown(said.join("; ")),
                _ => Outcome::warn(said.join("; ")),
            };
            for p in parts {
                o.fixes.extend(p.fixes.iter().cloned());
            }
            o.fixes_once(self.fixes)
        };
        o.field(crate::t!("targets-field-consumer-clients"), clients_label)
            .table(
                crate::t!("targets-table-lb-groups"),
                &[
                    &crate::t!("targets-col-lb"),
                    &crate::t!("targets-col-direction"),
                    &crate::t!("targets-col-port"),
                    &crate::t!("targets-col-peer"),
                    &crate::t!("targets-col-verdict"),
                ],
                self.rows,
            )
    }
}

fn client_verdict_text(verdict: &ClientVerdict) -> String {
    match verdict {
        ClientVerdict::Admitted(how) => crate::t!("targets-allowed-how", how = how),
        ClientVerdict::Denied(m) => crate::t!("targets-not-allowed", missing = join(m)),
        ClientVerdict::PrefixList(l) => crate::t!("targets-prefix-list", lists = join(l)),
        ClientVerdict::NoMembers => crate::t!("targets-no-members-row"),
        ClientVerdict::GroupsOnly(g) => crate::t!("targets-only-members", groups = join(g)),
    }
}

fn admit_text(a: &Admit) -> String {
    match a {
        Admit::Yes => crate::t!("targets-allowed"),
        Admit::No(m) if m.is_empty() => crate::t!("targets-no-rule"),
        Admit::No(m) => crate::t!("targets-not-allowed", missing = join(m)),
        Admit::Undecidable => crate::t!("targets-group-rule-cannot-tell"),
    }
}

/// Where the NLB's traffic to its targets comes from: its security groups and its private
/// addresses (its interfaces, else the CIDRs of its subnets).
async fn nlb_sources(ctx: &Ctx, lb: &LoadBalancer) -> Result<(Peer, String), Outcome> {
    let kind_name_id: Vec<&str> = lb
        .arn
        .split(":loadbalancer/")
        .nth(1)
        .map(|r| r.split('/').collect())
        .unwrap_or_default();
    let mut cidrs: Vec<IpNet> = Vec::new();
    let mut label = String::new();
    if kind_name_id.len() == 3 {
        let description = format!("ELB {}", kind_name_id.join("/"));
        let enis = ctx
            .facts
            .network_interfaces_where(Account::Provider, &[("description", vec![description])])
            .await
            .map_err(|e| could_not_tell(ctx, &e, true))?;
        cidrs = eni_ips(&enis).into_iter().map(IpNet::from).collect();
        if !cidrs.is_empty() {
            label = crate::t!("targets-nlb-addresses", cidrs = join(&cidrs));
        }
    }
    if cidrs.is_empty()
        && let Some(vpc) = &lb.vpc_id
    {
        let subnets = ctx
            .facts
            .subnets_in(Account::Provider, vpc)
            .await
            .map_err(|e| could_not_tell(ctx, &e, true))?;
        cidrs = subnets
            .iter()
            .filter(|s| lb.subnet_ids.contains(&s.id))
            .filter_map(|s| s.cidr.parse().ok())
            .collect();
        label = crate::t!("targets-nlb-subnets", cidrs = join(&cidrs));
    }
    if !lb.security_groups.is_empty() {
        label = crate::t!(
            "targets-nlb-groups",
            label = label,
            groups = join(&lb.security_groups)
        );
    }
    Ok((
        Peer {
            cidrs,
            groups: lb.security_groups.clone(),
        },
        label,
    ))
}

pub async fn targets_security_groups(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let (_, _, lbs) = provider_lbs(ctx).await?;
    let targets = all_targets(ctx, &lbs).await?;
    if targets.is_empty() {
        return Ok(Outcome::not_applicable(crate::t!(
            "targets-none-registered"
        )));
    }
    let mut rows = Vec::new();
    let mut findings = Findings::default();
    let mut sources_seen = Vec::new();
    for lb in &lbs {
        let (peer, label) = nlb_sources(ctx, lb).await?;
        sources_seen.push(format!("{}: {label}", lb.name));
        for (_, t) in targets.iter().filter(|(l, _)| l.arn == lb.arn) {
            judge_target(ctx, lb, t, &peer, &mut findings, &mut rows).await?;
        }
    }
    Ok(findings
        .verdict(crate::t!("targets-sg-pass", count = targets.len()))
        .field(
            crate::t!("targets-field-traffic-from"),
            sources_seen.join("; "),
        )
        .table(
            crate::t!("targets-table-target-groups"),
            &[
                &crate::t!("targets-col-target-group"),
                &crate::t!("targets-col-target"),
                &crate::t!("targets-col-security-groups"),
                &crate::t!("targets-col-port"),
                &crate::t!("targets-col-verdict"),
            ],
            rows,
        ))
}

/// Whether the security groups of target `t` admit the traffic of `lb` (from `peer`) on its
/// traffic and health-check ports.
async fn judge_target(
    ctx: &Ctx,
    lb: &LoadBalancer,
    t: &Target,
    peer: &Peer,
    findings: &mut Findings,
    rows: &mut Vec<Vec<String>>,
) -> Result<(), Outcome> {
    let shown = match &t.alb {
        Some(alb) => format!("{} (ALB)", alb.name),
        None => t.id.clone(),
    };
    if is_alb_target(&t.id) && t.alb.is_none() {
        rows.push(vec![
            tg_name(&t.target_group),
            t.id.clone(),
            "—".into(),
            "—".into(),
            crate::t!("targets-alb-not-found"),
        ]);
        return Ok(());
    }
    let Some(group_ids) = &t.security_groups else {
        findings.unknown(crate::t!("targets-no-interface", id = &t.id));
        rows.push(vec![
            tg_name(&t.target_group),
            t.id.clone(),
            "—".into(),
            "—".into(),
            crate::t!("targets-interface-not-visible"),
        ]);
        return Ok(());
    };
    let groups = groups_in_provider(ctx, group_ids).await?;
    let ingress: Vec<_> = groups.iter().flat_map(|g| g.ingress.clone()).collect();
    for port in target_ports(t) {
        let verdict = admits(&ingress, port, peer);
        rows.push(vec![
            tg_name(&t.target_group),
            shown.clone(),
            join(group_ids),
            port.to_string(),
            admit_text(&verdict),
        ]);
        match verdict {
            Admit::Yes => {}
            Admit::Undecidable => findings.unknown(crate::t!(
                "targets-only-group-rules",
                port = port,
                id = &t.id
            )),
            Admit::No(missing) => {
                let kind = if Some(port) == t.port {
                    "traffic"
                } else {
                    "health-check"
                };
                findings.fail(crate::t!(
                    "targets-target-denied",
                    groups = join(group_ids),
                    target = &shown,
                    port = port,
                    kind = kind,
                    lb = lb_name(&lb.arn)
                ));
                allow_nlb(lb, group_ids, port, missing, findings);
            }
        }
    }
    Ok(())
}

/// The fixes that let `lb` reach a target's groups on `port`: a reference to the NLB's
/// group where it has one, else its addresses the rules leave out.
fn allow_nlb(
    lb: &LoadBalancer,
    group_ids: &[String],
    port: u16,
    missing: Vec<IpNet>,
    findings: &mut Findings,
) {
    let group_id = group_ids.first().cloned().unwrap_or_default();
    if let Some(sg) = lb.security_groups.first() {
        findings.fix(
            "allow_nlb_group",
            vec![
                ("group_id", group_id),
                ("port", port.to_string()),
                ("lb_sg", sg.clone()),
                ("lb_name", lb.name.clone()),
            ],
        );
    } else {
        for net in missing {
            findings.fix(
                "allow_nlb_cidr",
                vec![
                    ("group_id", group_id.clone()),
                    ("port", port.to_string()),
                    ("permission_args", source_arg(&net, port)),
                    ("lb_name", lb.name.clone()),
                ],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hangul(s: &str) -> bool {
        s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    }

    #[test]
    fn verdict_cells_speak_the_readers_language() {
        let missing = vec!["10.0.0.0/16".parse::<IpNet>().unwrap()];
        assert_eq!(
            admit_text(&Admit::No(missing.clone())),
            "not allowed: 10.0.0.0/16"
        );
        assert_eq!(admit_text(&Admit::No(Vec::new())), "no rule");
        let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
        let denied = admit_text(&Admit::No(missing));
        assert!(
            hangul(&denied) && denied.contains("10.0.0.0/16"),
            "{denied}"
        );
        assert!(!denied.contains("not allowed"), "{denied}");
        let undecidable = admit_text(&Admit::Undecidable);
        assert!(hangul(&undecidable) && !undecidable.contains("cannot tell"));
        let summary = crate::t!(
            "targets-target-denied",
            groups = "sg-1",
            target = "i-1",
            port = 443u16,
            kind = "health-check",
            lb = "nlb"
        );
        assert!(
            summary.contains("상태 확인") && summary.contains("sg-1"),
            "{summary}"
        );
        assert!(!summary.contains("does not allow"), "{summary}");
    }

    /// Messages that choose words by a value must still write today's English exactly.
    #[test]
    fn chosen_words_keep_the_english_byte_for_byte() {
        let t = |tgw: &str| {
            crate::t!(
                "routes-pass-vpc",
                label = "vpc-b 10.1.0.0/16",
                id = "vpce-1",
                through = "tgw-1",
                tgw = tgw
            )
        };
        assert_eq!(
            t("yes"),
            "the routes go both ways between vpc-b 10.1.0.0/16 and vpce-1: to its addresses and back through tgw-1 (the transit gateway's own route tables are not read)"
        );
        assert_eq!(
            t("no"),
            "the routes go both ways between vpc-b 10.1.0.0/16 and vpce-1: to its addresses and back through tgw-1"
        );
        let rejects = |n: u64| {
            crate::t!(
                "flowlogs-rejected",
                total = n,
                id = "vpce-1",
                window = "the last 15 minutes (a – b)"
            )
        };
        assert!(rejects(1).starts_with("the flow logs saw 1 REJECT at vpce-1's"));
        assert!(rejects(3).starts_with("the flow logs saw 3 REJECTs at vpce-1's"));
        assert_eq!(
            crate::t!(
                "flowlogs-unqueried",
                count = 2usize,
                id = "vpce-1",
                notes = "n"
            ),
            "2 flow logs of vpce-1 but none can be queried here: n"
        );
        assert_eq!(
            crate::t!(
                "az-cross-zone-note",
                lb = "nlb",
                tg = "tg",
                state = "off",
                from = "load_balancer"
            ),
            "nlb → tg: cross-zone off (set on the load balancer)"
        );
        assert_eq!(crate::t!("traffic-window-minutes", n = 15u32), "last 15m");
        assert_eq!(
            crate::t!("engine-blocker", check = "endpoint.state", status = "fail"),
            "endpoint.state (fail)"
        );
        let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
        assert_eq!(crate::t!("traffic-window-minutes", n = 15u32), "최근 15분");
        let ko = t("yes");
        assert!(
            ko.contains("전송 게이트웨이") && !ko.contains("both ways"),
            "{ko}"
        );
    }
}
