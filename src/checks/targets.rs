//! The provider's data path behind the NLB: where each target is (AZ, address, security
//! groups), and whether the NLB's and the targets' security groups let the traffic through.

use std::collections::BTreeMap;
use std::net::IpAddr;

use ipnet::IpNet;

use super::provider::{lb_name, provider_lbs, target_groups, tg_name};
use super::sg::{Admit, Peer, admits, source_arg};
use super::*;
use crate::context::ClientSource;
use crate::engine::outcome::Account;
use crate::facts::model::{LoadBalancer, SecurityGroup, TargetHealth};

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
    let alb_arns: Vec<String> = health
        .iter()
        .filter(|t| is_alb_target(&t.target_id))
        .map(|t| t.target_id.clone())
        .collect();
    let albs = if alb_arns.is_empty() {
        Vec::new()
    } else {
        match ctx.facts.load_balancers(&alb_arns).await {
            Ok(l) => l,
            // A deleted ALB behind the NLB: its target health says so (nlb.target_health).
            Err(e) if e.is_not_found() => Vec::new(),
            Err(e) => return Err(provider_side(&e)),
        }
    };
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

/// The consumer's client addresses as the NLB sees them (the VPC's CIDRs, or --from).
async fn consumer_clients(ctx: &Ctx, ep: &Endpoint) -> Result<(Vec<IpNet>, String), Outcome> {
    match &ctx.run.from {
        Some(ClientSource::Cidr(net)) => Ok((vec![*net], format!("{net} (--from)"))),
        Some(ClientSource::Subnet(id)) => {
            let subnets = ctx
                .facts
                .subnets(&ep.vpc_id)
                .await
                .map_err(|e| could_not_tell(ctx, &e, false))?;
            match subnets
                .iter()
                .find(|s| &s.id == id)
                .and_then(|s| s.cidr.parse().ok())
            {
                Some(net) => Ok((vec![net], format!("{id} {net} (--from)"))),
                None => Err(Outcome::unknown(format!(
                    "could not check: subnet {id} (--from) is not in {}",
                    ep.vpc_id
                ))),
            }
        }
        // A consumer's security group means nothing in the provider's account: judge the
        // addresses it can hold, the consumer VPC's CIDRs.
        _ => {
            let vpc = ctx
                .facts
                .vpc(&ep.vpc_id)
                .await
                .map_err(|e| could_not_tell(ctx, &e, false))?;
            let nets: Vec<IpNet> = vpc
                .cidr_blocks
                .iter()
                .filter_map(|c| c.parse().ok())
                .collect();
            let label = format!("{} CIDRs {}", ep.vpc_id, join(&nets));
            Ok((nets, label))
        }
    }
}

async fn groups_in_provider(ctx: &Ctx, ids: &[String]) -> Result<Vec<SecurityGroup>, Outcome> {
    ctx.facts
        .security_groups_in(Account::Provider, ids)
        .await
        .map_err(|e| could_not_tell(ctx, &e, true))
}

pub async fn nlb_security_groups(ctx: &Ctx) -> Outcome {
    let (ep, _, lbs) = match provider_lbs(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    let with_groups: Vec<&LoadBalancer> = lbs
        .iter()
        .filter(|l| !l.security_groups.is_empty())
        .collect();
    if with_groups.is_empty() {
        return Outcome::pass(format!(
            "{} has no security groups: nothing filters traffic at the load balancer",
            join(&lbs.iter().map(|l| l.name.clone()).collect::<Vec<_>>())
        ));
    }
    let (clients, clients_label) = match consumer_clients(ctx, &ep).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    let targets = match all_targets(ctx, &lbs).await {
        Ok(t) => t,
        Err(o) => return o,
    };
    let mut fails = Vec::new();
    let mut undecidable = Vec::new();
    let mut fixes: Vec<(&'static str, Vec<(&str, String)>)> = Vec::new();
    let mut rows = Vec::new();
    for lb in with_groups {
        let groups = match groups_in_provider(ctx, &lb.security_groups).await {
            Ok(g) => g,
            Err(o) => return o,
        };
        let enforce = lb
            .enforce_inbound_on_privatelink
            .clone()
            .unwrap_or_else(|| "on".into());
        let enforced = !enforce.eq_ignore_ascii_case("off");
        let ingress: Vec<_> = groups.iter().flat_map(|g| g.ingress.clone()).collect();
        let egress: Vec<_> = groups.iter().flat_map(|g| g.egress.clone()).collect();
        let first_group = lb.security_groups[0].clone();
        let listener_ports: Vec<u16> = if ctx.run.ports.is_empty() {
            match ctx.facts.listeners(&lb.arn).await {
                Ok(l) => l
                    .iter()
                    .filter_map(|l| l.port.and_then(|p| u16::try_from(p).ok()))
                    .collect(),
                Err(e) => return could_not_tell(ctx, &e, true),
            }
        } else {
            ctx.run.ports.clone()
        };
        if enforced {
            for &port in &listener_ports {
                let verdict = admits(
                    &ingress,
                    port,
                    &Peer {
                        cidrs: clients.clone(),
                        groups: vec![],
                    },
                );
                rows.push(vec![
                    lb.name.clone(),
                    "inbound".into(),
                    port.to_string(),
                    clients_label.clone(),
                    admit_text(&verdict),
                ]);
                match verdict {
                    Admit::Yes => {}
                    Admit::Undecidable => {
                        undecidable.push(format!("inbound TCP {port} on {}", lb.name))
                    }
                    Admit::No(missing) => {
                        fails.push(format!(
                            "{} ({}) does not allow inbound TCP {port} from the consumer's clients {} and enforces its inbound rules on PrivateLink traffic",
                            join(&lb.security_groups), lb.name, join(&missing)
                        ));
                        for net in missing {
                            fixes.push((
                                "allow_consumers",
                                vec![
                                    ("group_id", first_group.clone()),
                                    ("port", port.to_string()),
                                    ("cidr_arg", source_arg(&net, port)),
                                    ("cidr", net.to_string()),
                                ],
                            ));
                        }
                        fixes.push((
                            "enforcement_off",
                            vec![
                                ("lb_arn", lb.arn.clone()),
                                ("lb_name", lb.name.clone()),
                                ("lb_sg_ids", lb.security_groups.join(" ")),
                            ],
                        ));
                    }
                }
            }
        } else {
            rows.push(vec![
                lb.name.clone(),
                "inbound".into(),
                join(&listener_ports),
                "PrivateLink traffic not filtered (enforcement off)".into(),
                "—".into(),
            ]);
        }
        for (_, t) in targets.iter().filter(|(l, _)| l.arn == lb.arn) {
            let Some(ip) = t.ip else { continue };
            let peer = Peer {
                cidrs: vec![IpNet::from(ip)],
                groups: t.security_groups.clone().unwrap_or_default(),
            };
            for port in target_ports(t) {
                let verdict = admits(&egress, port, &peer);
                rows.push(vec![
                    lb.name.clone(),
                    "outbound".into(),
                    port.to_string(),
                    format!("target {} ({})", t.id, ip),
                    admit_text(&verdict),
                ]);
                match verdict {
                    Admit::Yes => {}
                    Admit::Undecidable => {
                        undecidable.push(format!("outbound TCP {port} to {}", t.id))
                    }
                    Admit::No(_) => {
                        fails.push(format!(
                            "{} ({}) does not allow outbound TCP {port} to target {} ({ip}): health checks and traffic to it are dropped",
                            join(&lb.security_groups), lb.name, t.id
                        ));
                        fixes.push((
                            "allow_egress",
                            vec![
                                ("group_id", first_group.clone()),
                                ("port", port.to_string()),
                                ("cidr", IpNet::from(ip).to_string()),
                            ],
                        ));
                    }
                }
            }
        }
    }
    let table = ["load balancer", "direction", "port", "peer", "verdict"];
    let mut o = if !fails.is_empty() {
        Outcome::fail(fails.join("; "))
    } else if !undecidable.is_empty() {
        Outcome::unknown(format!(
            "could not tell whether {} is allowed: the matching rules reference security groups or prefix lists whose members are not visible",
            undecidable.join(", ")
        ))
    } else {
        Outcome::pass(format!(
            "the load balancer security groups admit the consumer's clients and reach every target ({clients_label})"
        ))
    };
    o = o.fixes_once(fixes);
    o.field("consumer clients", clients_label)
        .table("load balancer security groups", &table, rows)
}

fn admit_text(a: &Admit) -> String {
    match a {
        Admit::Yes => "allowed".into(),
        Admit::No(m) if m.is_empty() => "no rule".into(),
        Admit::No(m) => format!("not allowed: {}", join(m)),
        Admit::Undecidable => "group/prefix-list rule: cannot tell".into(),
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
            label = format!("NLB addresses {}", join(&cidrs));
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
        label = format!("NLB subnets {}", join(&cidrs));
    }
    if !lb.security_groups.is_empty() {
        label = format!("{label}, NLB security groups {}", join(&lb.security_groups));
    }
    Ok((
        Peer {
            cidrs,
            groups: lb.security_groups.clone(),
        },
        label,
    ))
}

pub async fn targets_security_groups(ctx: &Ctx) -> Outcome {
    let (_, _, lbs) = match provider_lbs(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    let targets = match all_targets(ctx, &lbs).await {
        Ok(t) => t,
        Err(o) => return o,
    };
    if targets.is_empty() {
        return Outcome::not_applicable("no registered targets (see nlb.target_health)");
    }
    let mut rows = Vec::new();
    let mut fails = Vec::new();
    let mut unknowns = Vec::new();
    let mut fixes: Vec<(&'static str, Vec<(&str, String)>)> = Vec::new();
    let mut sources_seen = Vec::new();
    for lb in &lbs {
        let (peer, label) = match nlb_sources(ctx, lb).await {
            Ok(x) => x,
            Err(o) => return o,
        };
        sources_seen.push(format!("{}: {label}", lb.name));
        for (_, t) in targets.iter().filter(|(l, _)| l.arn == lb.arn) {
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
                    "ALB not found (see nlb.target_health)".into(),
                ]);
                continue;
            }
            let Some(group_ids) = &t.security_groups else {
                unknowns.push(format!(
                    "no network interface in the provider account holds target {}",
                    t.id
                ));
                rows.push(vec![
                    tg_name(&t.target_group),
                    t.id.clone(),
                    "—".into(),
                    "—".into(),
                    "interface not visible".into(),
                ]);
                continue;
            };
            let groups = match groups_in_provider(ctx, group_ids).await {
                Ok(g) => g,
                Err(o) => return o,
            };
            let ingress: Vec<_> = groups.iter().flat_map(|g| g.ingress.clone()).collect();
            for port in target_ports(t) {
                let verdict = admits(&ingress, port, &peer);
                rows.push(vec![
                    tg_name(&t.target_group),
                    shown.clone(),
                    join(group_ids),
                    port.to_string(),
                    admit_text(&verdict),
                ]);
                match verdict {
                    Admit::Yes => {}
                    Admit::Undecidable => unknowns.push(format!(
                        "TCP {port} to {} is allowed only by group or prefix-list rules",
                        t.id
                    )),
                    Admit::No(missing) => {
                        let kind = if Some(port) == t.port {
                            "traffic"
                        } else {
                            "health-check"
                        };
                        fails.push(format!(
                            "{} of target {shown} do(es) not allow TCP {port} ({kind}) from {}",
                            join(group_ids),
                            lb_name(&lb.arn)
                        ));
                        let group_id = group_ids.first().cloned().unwrap_or_default();
                        if let Some(sg) = lb.security_groups.first() {
                            fixes.push((
                                "allow_nlb_group",
                                vec![
                                    ("group_id", group_id),
                                    ("port", port.to_string()),
                                    ("lb_sg", sg.clone()),
                                    ("lb_name", lb.name.clone()),
                                ],
                            ));
                        } else {
                            for net in missing {
                                fixes.push((
                                    "allow_nlb_cidr",
                                    vec![
                                        ("group_id", group_id.clone()),
                                        ("port", port.to_string()),
                                        ("cidr_arg", source_arg(&net, port)),
                                        ("lb_name", lb.name.clone()),
                                    ],
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    let mut o = if !fails.is_empty() {
        Outcome::fail(fails.join("; "))
    } else if !unknowns.is_empty() {
        Outcome::unknown(format!("could not check: {}", unknowns.join("; ")))
    } else {
        Outcome::pass(format!(
            "every target's security groups admit the load balancer on the traffic and health-check ports ({} target(s))",
            targets.len()
        ))
    };
    o = o.fixes_once(fixes);
    o.field("traffic comes from", sources_seen.join("; "))
        .table(
            "target security groups",
            &[
                "target group",
                "target",
                "security groups",
                "port",
                "verdict",
            ],
            rows,
        )
}
