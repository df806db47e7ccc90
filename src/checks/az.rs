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
            return Err(Outcome::unknown(crate::t!(
                "az-subnet-not-in-vpc",
                subnet = id,
                vpc = &ep.vpc_id
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

pub(super) fn to_ids(names: &[String], map: &BTreeMap<String, String>) -> BTreeSet<String> {
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
        Some(s) if s.contains(id) => crate::t!("az-yes"),
        Some(_) => crate::t!("az-no"),
    }
}

pub async fn alignment(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, &crate::t!("az-gateway-why")).await {
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
        Ok(None) => notes.push(crate::t!("az-aws-owned")),
        Err(o) => notes.push(crate::t!(
            "az-lb-zones-not-visible",
            reason = super::could_not_reason(&o.summary)
        )),
    }
    if offered.is_none() && served.is_none() {
        return Outcome::unknown(crate::t!("az-nothing-visible", notes = notes.join("; ")));
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
            Some("not_offered")
        } else if served.as_ref().is_some_and(|s| !s.contains(id)) {
            Some("no_node")
        } else {
            None
        };
        if let Some(why) = gap {
            fails.push(crate::t!(
                "az-subnet-gap",
                subnet = subnet,
                zone = id,
                name = name,
                why = why
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
        let zones = join(&ours.iter().map(|(_, _, z)| z.clone()).collect::<Vec<_>>());
        Outcome::pass(if served.is_some() {
            crate::t!("az-pass-offered-served", zones = zones)
        } else {
            crate::t!("az-pass-offered", zones = zones)
        })
    } else {
        Outcome::fail(fails.join("; "))
    };
    for (k, v) in o_fixes {
        o = o.fix(k, &v);
    }
    if !notes.is_empty() {
        o = o.field(crate::t!("az-field-note"), notes.join("; "));
    }
    o.table(
        crate::t!("az-table-zones"),
        &[
            "AZ ID",
            &crate::t!("az-col-endpoint-subnet"),
            &crate::t!("az-col-service-offers"),
            &crate::t!("az-col-nlb-node"),
        ],
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
    let note = crate::t!(
        "az-cross-region-note",
        remote = remote,
        region = &ctx.run.region
    );
    let zones = join(&ours.iter().map(|(_, _, z)| z.clone()).collect::<Vec<_>>());
    let Some(supported) = supported else {
        // AWS refuses to create (or extend) a cross-region endpoint in a zone it does not
        // support for remote access, so the endpoint's zones passed that test when it was made.
        return Outcome::pass(crate::t!(
            "az-remote-accepted",
            zones = &zones,
            remote = remote
        ))
        .field(crate::t!("az-field-note"), note);
    };
    let mut o_fixes = Vec::new();
    let mut fails = Vec::new();
    for (subnet, name, id) in ours {
        if !supported.contains(id) {
            fails.push(crate::t!(
                "az-remote-unsupported",
                subnet = subnet,
                zone = id,
                name = name,
                region = &ctx.run.region
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
            let yes = if supported.contains(id) {
                crate::t!("az-yes")
            } else {
                crate::t!("az-no")
            };
            vec![id.clone(), subnet, yes]
        })
        .collect();
    let mut o = if fails.is_empty() {
        Outcome::pass(crate::t!("az-remote-pass", zones = &zones, remote = remote))
    } else {
        Outcome::fail(fails.join("; "))
    };
    for (k, v) in o_fixes {
        o = o.fix(k, &v);
    }
    o.field(crate::t!("az-field-note"), note).table(
        crate::t!("az-table-remote-zones"),
        &[
            "AZ ID",
            &crate::t!("az-col-endpoint-subnet"),
            &crate::t!("az-col-remote-access"),
        ],
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
            .map(|z| (z, vec![crate::t!("az-cross-region-eni", id = &ep.id)]))
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
        None => crate::t!("az-zonal-pass", zones = &zones),
        Some(r) => crate::t!("az-zonal-pass-remote", region = r, zones = &zones),
    };
    Ok(findings
        .verdict(healthy)
        .field(
            crate::t!("az-field-cross-zone"),
            cross_zone_notes.join("; "),
        )
        .table(
            crate::t!("az-table-per-zone"),
            &[
                "AZ ID",
                &crate::t!("az-col-endpoint-interface"),
                &crate::t!("az-col-nlb-node"),
                &crate::t!("az-col-healthy-targets"),
                &crate::t!("az-col-cross-zone"),
                &crate::t!("az-col-nlb-tg"),
            ],
            rows,
        ))
}

/// Which zones (by AZ ID) hold an endpoint interface, and which interfaces.
pub(super) async fn interface_zones(
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
            Some("true") => (true, "target_group"),
            Some("false") => (false, "target_group"),
            _ => (lb_cross, "load_balancer"),
        };
        self.cross_zone_notes.push(crate::t!(
            "az-cross-zone-note",
            lb = &lb.name,
            tg = tg_name(tg),
            state = if cross { "on" } else { "off" },
            from = from
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
                crate::t!("az-yes")
            } else {
                crate::t!("az-no")
            },
            crate::t!("az-healthy-of", healthy = healthy, total = here.len()),
            if g.cross {
                crate::t!("az-on")
            } else {
                crate::t!("az-off")
            },
            format!("{} / {}", g.lb.name, tg_name(g.tg)),
        ]);
        if g.cross || !g.nodes.contains(zone) || !eni_zone.contains_key(zone) || healthy > 0 {
            return;
        }
        if g.unplaced_healthy > 0 {
            self.findings.unknown(crate::t!(
                "az-unplaced-healthy",
                tg = tg_name(g.tg),
                zone = zone
            ));
            return;
        }
        match &self.remote {
            None => self.findings.fail(crate::t!(
                "az-zone-no-healthy",
                zone = zone,
                tg = tg_name(g.tg)
            )),
            Some(r) => self.findings.fail(crate::t!(
                "az-zone-no-healthy-remote",
                zone = zone,
                region = r,
                tg = tg_name(g.tg)
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

pub(super) fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}
