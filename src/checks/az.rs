//! Availability Zones, compared by AZ ID: the same name is a different zone in another
//! account, so every name is translated with the naming account's own map.

use std::collections::{BTreeMap, BTreeSet};

use super::findings::Findings;
use super::provider::{lb_name, load_balancers_or, provider_lbs, target_groups, tg_name};
use super::targets::{Target, resolve_targets, zone_ids};
use super::*;
use crate::engine::outcome::Account;
use crate::facts::model::{LoadBalancer, TargetHealth};

/// The endpoint's subnets with their zone: (subnet, AZ name, AZ ID).
pub(super) async fn endpoint_zones(
    ctx: &Ctx,
    ep: &Endpoint,
) -> Result<Vec<(String, String, String)>, Outcome> {
    let subnets = ctx
        .facts
        .subnets(&ep.vpc_id)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let mut names: Option<BTreeMap<String, String>> = None;
    let mut out = Vec::new();
    for id in &ep.subnet_ids {
        let Some(s) = subnets.iter().find(|s| &s.id == id) else {
            return Err(Outcome::unknown(format!(
                "could not check: the endpoint's subnet {id} is not among the subnets of {}",
                ep.vpc_id
            )));
        };
        let zone_id = match &s.availability_zone_id {
            Some(z) => z.clone(),
            None => {
                if names.is_none() {
                    names = Some(zone_ids(ctx, Account::Consumer).await?);
                }
                names
                    .as_ref()
                    .and_then(|m| m.get(&s.availability_zone).cloned())
                    .unwrap_or_else(|| format!("{} (no AZ ID)", s.availability_zone))
            }
        };
        out.push((id.clone(), s.availability_zone.clone(), zone_id));
    }
    Ok(out)
}

fn to_ids(names: &[String], map: &BTreeMap<String, String>) -> BTreeSet<String> {
    names
        .iter()
        .map(|n| {
            map.get(n)
                .cloned()
                .unwrap_or_else(|| format!("{n} (no AZ ID)"))
        })
        .collect()
}

/// `subnet-… (us-east-1a)` of the endpoint's subnet in zone `id`, or `—` when it has none there.
fn subnet_in_zone(ours: &[(String, String, String)], id: &str) -> String {
    ours.iter()
        .find(|(_, _, z)| z == id)
        .map(|(s, name, _)| format!("{s} ({name})"))
        .unwrap_or_else(|| "—".into())
}

fn mark(set: &Option<BTreeSet<String>>, id: &str) -> String {
    match set {
        None => "?".into(),
        Some(s) if s.contains(id) => "yes".into(),
        Some(_) => "no".into(),
    }
}

pub async fn alignment(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, "have no subnets or zones").await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let ours = match endpoint_zones(ctx, &ep).await {
        Ok(z) => z,
        Err(o) => return o,
    };
    if let Some(remote) = super::xregion::service_region(ctx, &ep) {
        return remote_alignment(ctx, &ep, &ours, &remote).await;
    }
    // The consumer's view names zones in the consumer's account.
    let mut offered: Option<BTreeSet<String>> = None;
    let mut notes = Vec::new();
    match ctx.facts.service_detail_of(&ep).await {
        Ok(Some(d)) if !d.availability_zones.is_empty() => {
            match zone_ids(ctx, Account::Consumer).await {
                Ok(map) => offered = Some(to_ids(&d.availability_zones, &map)),
                Err(o) => return o,
            }
        }
        Ok(_) => {}
        Err(e) => return could_not_tell(ctx, &e, false),
    }
    // The provider's NLBs name zones in the provider's account.
    let mut served: Option<BTreeSet<String>> = None;
    let mut lbs = Vec::new();
    match provider_config(ctx, &ep).await {
        Ok(Some(cfg)) => {
            let map = match zone_ids(ctx, Account::Provider).await {
                Ok(m) => m,
                Err(o) => return o,
            };
            if offered.is_none() && !cfg.availability_zones.is_empty() {
                offered = Some(to_ids(&cfg.availability_zones, &map));
            }
            lbs = match load_balancers_or(ctx, &cfg).await {
                Ok(l) => l,
                Err(o) => return o,
            };
            if !lbs.is_empty() {
                served = Some(
                    lbs.iter()
                        .flat_map(|lb| to_ids(&lb.availability_zones, &map))
                        .collect(),
                );
            }
        }
        Ok(None) => notes.push("AWS-owned service: no load balancer to compare".to_string()),
        Err(o) => notes.push(format!(
            "load balancer zones not visible: {}",
            o.summary.trim_start_matches("could not check: ")
        )),
    }
    if offered.is_none() && served.is_none() {
        return Outcome::unknown(format!(
            "could not check: neither the service's zones nor its load balancers' are visible ({})",
            notes.join("; ")
        ));
    }
    let mut all: BTreeSet<String> = ours.iter().map(|(_, _, id)| id.clone()).collect();
    all.extend(offered.iter().flatten().cloned());
    all.extend(served.iter().flatten().cloned());
    let rows = all
        .iter()
        .map(|id| {
            let subnet = subnet_in_zone(&ours, id);
            vec![id.clone(), subnet, mark(&offered, id), mark(&served, id)]
        })
        .collect();
    let mut fails = Vec::new();
    let mut o_fixes: Vec<(&'static str, Vec<(&str, String)>)> = Vec::new();
    for (subnet, name, id) in &ours {
        let gap = if offered.as_ref().is_some_and(|s| !s.contains(id)) {
            Some("the service does not offer it")
        } else if served.as_ref().is_some_and(|s| !s.contains(id)) {
            Some("the load balancer has no node there")
        } else {
            None
        };
        if let Some(why) = gap {
            fails.push(format!(
                "endpoint subnet {subnet} is in {id} ({name} in the consumer account), but {why}: clients using that interface time out"
            ));
            o_fixes.push((
                "remove_subnet",
                vec![("subnet_id", subnet.clone()), ("az_id", id.clone())],
            ));
            for lb in &lbs {
                o_fixes.push((
                    "enable_zone",
                    vec![
                        ("lb_arn", lb.arn.clone()),
                        ("lb_name", lb.name.clone()),
                        ("lb_subnets", lb.subnet_ids.join(" ")),
                        ("az_id", id.clone()),
                    ],
                ));
            }
        }
    }
    let mut o = if fails.is_empty() {
        Outcome::pass(format!(
            "every endpoint subnet's zone ({}) is offered by the service{}",
            join(&ours.iter().map(|(_, _, z)| z.clone()).collect::<Vec<_>>()),
            if served.is_some() {
                " and served by its load balancer"
            } else {
                ""
            }
        ))
    } else {
        Outcome::fail(fails.join("; "))
    };
    for (k, v) in o_fixes {
        o = o.fix(k, &v);
    }
    if !notes.is_empty() {
        o = o.field("note", notes.join("; "));
    }
    o.table(
        "zones by AZ ID",
        &["AZ ID", "endpoint subnet", "service offers", "NLB node"],
        rows,
    )
}

/// A cross-region endpoint: its subnets are zones of the consumer's region, the service's
/// load balancers zones of another, so AZ IDs are not compared across the two. AWS allows
/// the endpoint only in the consumer-region zones it supports for remote access to this
/// service, which the consumer's DescribeVpcEndpointServices (with `ServiceRegions`) lists.
async fn remote_alignment(
    ctx: &Ctx,
    ep: &Endpoint,
    ours: &[(String, String, String)],
    remote: &str,
) -> Outcome {
    let detail = match ctx.facts.service_detail_of(ep).await {
        Ok(d) => d,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let supported = match &detail {
        Some(d) => match zone_ids(ctx, Account::Consumer).await {
            Ok(map) => super::xregion::remote_access_zones(d, &map),
            Err(o) => return o,
        },
        None => None,
    };
    let note = format!(
        "cross-region endpoint: the service and its load balancers are in {remote}, whose zones are not comparable with {}'s",
        ctx.run.region
    );
    let zones = join(&ours.iter().map(|(_, _, z)| z.clone()).collect::<Vec<_>>());
    let Some(supported) = supported else {
        // AWS refuses to create (or extend) a cross-region endpoint in a zone it does not
        // support for remote access, so the endpoint's zones passed that test when it was made.
        return Outcome::pass(format!(
            "the endpoint's zones ({zones}) were accepted by AWS for remote access to {remote}; the consumer's view lists no zones to compare"
        ))
        .field("note", note);
    };
    let mut o_fixes = Vec::new();
    let mut fails = Vec::new();
    for (subnet, name, id) in ours {
        if !supported.contains(id) {
            fails.push(format!(
                "endpoint subnet {subnet} is in {id} ({name}), a zone AWS does not support for remote access to this service from {}",
                ctx.run.region
            ));
            o_fixes.push((
                "remove_subnet",
                vec![("subnet_id", subnet.clone()), ("az_id", id.clone())],
            ));
        }
    }
    let rows = supported
        .iter()
        .chain(
            ours.iter()
                .map(|(_, _, z)| z)
                .filter(|z| !supported.contains(*z)),
        )
        .map(|id| {
            let subnet = subnet_in_zone(ours, id);
            let yes = if supported.contains(id) { "yes" } else { "no" };
            vec![id.clone(), subnet, yes.to_string()]
        })
        .collect();
    let mut o = if fails.is_empty() {
        Outcome::pass(format!(
            "every endpoint subnet's zone ({zones}) is supported for remote access to {remote}"
        ))
    } else {
        Outcome::fail(fails.join("; "))
    };
    for (k, v) in o_fixes {
        o = o.fix(k, &v);
    }
    o.field("note", note).table(
        "consumer-region zones by AZ ID",
        &["AZ ID", "endpoint subnet", "remote access"],
        rows,
    )
}

pub async fn zonal_health(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let (ep, _, lbs) = provider_lbs(ctx).await?;
    let provider_zones = zone_ids(ctx, Account::Provider).await?;
    let remote = super::xregion::service_region(ctx, &ep);
    // Across regions no endpoint interface shares a zone with a load balancer node: every
    // node may receive the endpoint's traffic, so every node's zone is judged.
    let eni_zone = match &remote {
        None => interface_zones(ctx, &ep).await?,
        Some(_) => lbs
            .iter()
            .flat_map(|lb| to_ids(&lb.availability_zones, &provider_zones))
            .map(|z| (z, vec![format!("(cross-region: {})", ep.id)]))
            .collect(),
    };
    let mut report = ZonalReport {
        remote: remote.clone(),
        ..ZonalReport::default()
    };
    for lb in &lbs {
        let lb_attrs = ctx
            .facts
            .load_balancer_attributes(&lb.arn)
            .await
            .map_err(|e| could_not_tell(ctx, &e, true))?;
        let lb_cross =
            attr(&lb_attrs, "load_balancing.cross_zone.enabled").unwrap_or("false") == "true";
        let nodes = to_ids(&lb.availability_zones, &provider_zones);
        for tg in &target_groups(ctx, std::slice::from_ref(lb)).await? {
            report
                .target_group(ctx, lb, lb_cross, &nodes, &eni_zone, tg)
                .await?;
        }
    }
    let ZonalReport {
        rows,
        findings,
        cross_zone_notes,
        ..
    } = report;
    let zones = join(&eni_zone.keys().cloned().collect::<Vec<_>>());
    let healthy = match &remote {
        None => format!("every zone with an endpoint interface ({zones}) reaches a healthy target"),
        Some(r) => format!(
            "every load balancer zone in {r} ({zones}) reaches a healthy target (cross-region endpoint: the consumer's zones are not the provider's)"
        ),
    };
    Ok(findings
        .verdict(healthy)
        .field("cross-zone load balancing", cross_zone_notes.join("; "))
        .table(
            "per zone: endpoint interface · NLB node · healthy targets",
            &[
                "AZ ID",
                "endpoint interface",
                "NLB node",
                "healthy targets",
                "cross-zone",
                "NLB / target group",
            ],
            rows,
        ))
}

/// Which zones (by AZ ID) hold an endpoint interface, and which interfaces.
async fn interface_zones(
    ctx: &Ctx,
    ep: &Endpoint,
) -> Result<BTreeMap<String, Vec<String>>, Outcome> {
    let enis = ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let ours = endpoint_zones(ctx, ep).await?;
    let mut eni_zone: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for n in &enis {
        let zone = ours
            .iter()
            .find(|(s, name, _)| *s == n.subnet_id || *name == n.availability_zone)
            .map(|(_, _, z)| z.clone())
            .unwrap_or_else(|| format!("{} (no AZ ID)", n.availability_zone));
        eni_zone.entry(zone).or_default().push(n.id.clone());
    }
    Ok(eni_zone)
}

/// What `zonal_health` gathers over every NLB and target group.
#[derive(Default)]
struct ZonalReport {
    rows: Vec<Vec<String>>,
    findings: Findings,
    cross_zone_notes: Vec<String>,
    /// The service region of a cross-region endpoint.
    remote: Option<String>,
}

/// One target group behind one NLB, with its effective cross-zone setting and targets.
struct Group<'a> {
    lb: &'a LoadBalancer,
    tg: &'a str,
    tg_setting: Option<&'a str>,
    cross: bool,
    nodes: &'a BTreeSet<String>,
    targets: &'a [Target],
    health: &'a [TargetHealth],
    unplaced_healthy: usize,
}

impl ZonalReport {
    /// Judge one target group zone by zone, over the NLB's nodes and the endpoint's zones.
    async fn target_group(
        &mut self,
        ctx: &Ctx,
        lb: &LoadBalancer,
        lb_cross: bool,
        nodes: &BTreeSet<String>,
        eni_zone: &BTreeMap<String, Vec<String>>,
        tg: &str,
    ) -> Result<(), Outcome> {
        let tg_attrs = ctx
            .facts
            .target_group_attributes(tg)
            .await
            .map_err(|e| could_not_tell(ctx, &e, true))?;
        let tg_setting = attr(&tg_attrs, "load_balancing.cross_zone.enabled");
        let (cross, from) = match tg_setting {
            Some("true") => (true, "target group"),
            Some("false") => (false, "target group"),
            _ => (lb_cross, "load balancer"),
        };
        self.cross_zone_notes.push(format!(
            "{} → {}: cross-zone {} (set on the {from})",
            lb.name,
            tg_name(tg),
            if cross { "on" } else { "off" }
        ));
        let health = ctx
            .facts
            .target_health(tg)
            .await
            .map_err(|e| could_not_tell(ctx, &e, true))?;
        let targets = resolve_targets(ctx, lb, tg, &health).await?;
        let group = Group {
            lb,
            tg,
            tg_setting,
            cross,
            nodes,
            targets: &targets,
            health: &health,
            unplaced_healthy: targets.iter().filter(|t| !t.placed() && t.healthy).count(),
        };
        let mut zones: BTreeSet<String> = nodes.clone();
        zones.extend(eni_zone.keys().cloned());
        for zone in &zones {
            self.zone(&group, eni_zone, zone);
        }
        Ok(())
    }

    /// One zone of one target group: its table row, and a failure when clients using the
    /// endpoint interface there reach an NLB node with no healthy target and no way across.
    fn zone(&mut self, g: &Group, eni_zone: &BTreeMap<String, Vec<String>>, zone: &str) {
        let here: Vec<_> = g.targets.iter().filter(|t| t.serves(zone)).collect();
        let healthy = here.iter().filter(|t| t.healthy).count();
        // Counts first: they are the finding, and narrow panes cut the tail.
        self.rows.push(vec![
            zone.to_string(),
            eni_zone
                .get(zone)
                .map(|v| v.join(" "))
                .unwrap_or_else(|| "—".into()),
            if g.nodes.contains(zone) {
                "yes".into()
            } else {
                "no".into()
            },
            format!("{healthy} of {}", here.len()),
            if g.cross { "on".into() } else { "off".into() },
            format!("{} / {}", g.lb.name, tg_name(g.tg)),
        ]);
        if g.cross || !g.nodes.contains(zone) || !eni_zone.contains_key(zone) || healthy > 0 {
            return;
        }
        if g.unplaced_healthy > 0 {
            self.findings.unknown(format!(
                "{} has healthy targets whose zone is not visible; {zone} may have none",
                tg_name(g.tg)
            ));
            return;
        }
        match &self.remote {
            None => self.findings.fail(format!(
                "{zone}: {} has no healthy target there and cross-zone load balancing is off, so clients that use the endpoint interface in {zone} (or its zonal DNS name) fail while other zones work",
                tg_name(g.tg)
            )),
            Some(r) => self.findings.fail(format!(
                "{zone} (in {r}): {} has no healthy target there and cross-zone load balancing is off, so the cross-region connections the load balancer's node in {zone} receives fail",
                tg_name(g.tg)
            )),
        }
        // Repair first: cross-zone load balancing hides the broken zone's targets and
        // adds inter-AZ data charges; it is the fallback, not the cure.
        if here.is_empty() {
            self.findings.fix(
                "register_targets",
                vec![
                    ("tg_arn", g.tg.to_string()),
                    ("tg_name", tg_name(g.tg)),
                    ("az_id", zone.to_string()),
                ],
            );
        } else {
            self.findings
                .fix("repair_targets", repair_vars(g.tg, zone, &here, g.health));
        }
        let key = if g.tg_setting == Some("false") {
            "enable_cross_zone_tg"
        } else {
            "enable_cross_zone"
        };
        self.findings.fix(
            key,
            vec![
                ("lb_arn", g.lb.arn.clone()),
                ("lb_name", lb_name(&g.lb.arn)),
                ("tg_arn", g.tg.to_string()),
                ("tg_name", tg_name(g.tg)),
            ],
        );
    }
}

/// The `repair_targets` values for a zone whose registered targets are all unhealthy.
fn repair_vars(
    tg: &str,
    zone: &str,
    here: &[&Target],
    health: &[TargetHealth],
) -> Vec<(&'static str, String)> {
    let states: Vec<String> = here
        .iter()
        .map(|t| {
            let h = health.iter().find(|h| h.target_id == t.id);
            format!(
                "{} {}{}",
                t.id,
                h.map(|h| h.state.as_str()).unwrap_or("unhealthy"),
                h.and_then(|h| h.reason.as_ref())
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            )
        })
        .collect();
    vec![
        ("tg_arn", tg.to_string()),
        ("tg_name", tg_name(tg)),
        ("az_id", zone.to_string()),
        ("target_states", states.join(", ")),
        (
            "target_args",
            here.iter()
                .map(|t| match t.port {
                    Some(p) => format!("Id={},Port={p}", t.id),
                    None => format!("Id={}", t.id),
                })
                .collect::<Vec<_>>()
                .join(" "),
        ),
    ]
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}
