//! The path a connection takes, drawn from the facts the checks read (they are cached, so
//! drawing asks AWS nothing new after a full run). The verdicts are not decided here: each
//! hop names the checks that judge it, and a zone's own facts (its healthy targets, its route)
//! say where the zonal checks' failure lies.

use std::collections::{BTreeMap, BTreeSet};

use super::az::{attr, endpoint_zones, interface_zones, to_ids};
use super::provider::{provider_lbs, target_groups, tg_name};
use super::targets::{resolve_targets, zone_ids};
use super::{Ctx, Kind, PrivateName, endpoint_or, kind, private_dns_name, vantage};
use crate::engine::outcome::Account;
use crate::engine::path::{Hop, HopKind, Lane, Local, PathKind, PathModel};
use crate::facts::model::{DnsAnswer, Endpoint, RouteTable};

const CLIENT: &[&str] = &["client.egress", "client.routes"];
const DNS: &[&str] = &[
    "target.resolved",
    "private_dns.resolves",
    "dns.resolution_path",
    "endpoint.dns",
    "endpoint.private_dns_enabled",
    "dns.phz_conflict",
    "dns.dhcp_options",
    "service.private_dns_txt",
    "service.private_dns_verified",
    "lattice.private_dns",
    "vpc.dns_support",
    "vpc.dns_hostnames",
];
const INTERFACE: &[&str] = &[
    "endpoint.security_groups",
    "endpoint.nacls",
    "endpoint.subnets",
    "endpoint.ip_type",
    "az.alignment",
    "endpoint.tcp_connect",
    "traffic.reaches_endpoint",
    "traffic.endpoint_drops",
    "traffic.flow_log_rejects",
    "gwlb.subnet",
    "gwlb.route_tables",
];
const PRIVATELINK: &[&str] = &[
    "endpoint.found",
    "endpoint.state",
    "service.found",
    "service.state",
    "service.connection",
    "service.allowed_principals",
    "service.acceptance_required",
    "service.supported_region",
];
const LOAD_BALANCER: &[&str] = &[
    "nlb.state",
    "nlb.internal",
    "nlb.security_groups",
    "az.alignment",
    "traffic.resets",
    "traffic.port_allocation",
];
const TARGET_GROUP: &[&str] = &["nlb.listeners"];
const TARGETS: &[&str] = &[
    "nlb.target_health",
    "nlb.zonal_health",
    "targets.security_groups",
    "traffic.unhealthy_hosts",
];
/// What stands behind a Gateway Load Balancer or VPC Lattice endpoint.
const SERVICE_BEHIND: &[&str] = &[
    "gwlb.target_health",
    "lattice.associations",
    "lattice.gateway_zones",
    "lattice.gateway_capacity",
    "lattice.gateway_security_groups",
];
const ROUTES: &[&str] = &["gateway.route_tables"];
const GATEWAY_SERVICE: &[&str] = &["endpoint.state", "gateway.policy", "gateway.bucket_policy"];

fn hop(kind: HopKind, label: impl Into<String>, judged_by: &[&str]) -> Hop {
    Hop::new(kind, label, judged_by)
}

/// The path of the run's endpoint, or `None` when there is no endpoint to draw.
pub async fn draw(ctx: &Ctx) -> Option<PathModel> {
    let ep = endpoint_or(ctx).await.ok()?;
    Some(match kind(&ep) {
        Kind::Gateway => gateway(ctx, &ep).await,
        _ => interface(ctx, &ep).await,
    })
}

async fn interface(ctx: &Ctx, ep: &Endpoint) -> PathModel {
    let mut gaps = Vec::new();
    let mut shared = vec![client_hop(ctx, ep).await];
    // A Gateway Load Balancer endpoint has no DNS name: its traffic arrives by route.
    if !ep.dns_entries.is_empty() {
        shared.push(dns_hop(ctx, ep).await);
    }
    let enis = ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
        .unwrap_or_default();
    // The interfaces by zone; without them (not readable, not recorded), the endpoint's
    // subnets by zone still draw the rows.
    let zones = match interface_zones(ctx, ep).await {
        Ok(z) => z,
        Err(o) => match endpoint_zones(ctx, ep).await {
            Ok(subnets) => {
                let mut by_zone: BTreeMap<String, Vec<String>> = BTreeMap::new();
                for (subnet, _, zone) in subnets {
                    by_zone.entry(zone).or_default().push(subnet);
                }
                by_zone
            }
            Err(_) => {
                gaps.push(o.summary);
                BTreeMap::new()
            }
        },
    };
    let behind = match kind(ep) {
        Kind::Interface => match provider_side(ctx, ep, &zones).await {
            Ok(p) => Some(p),
            Err(why) => {
                gaps.extend(why);
                None
            }
        },
        _ => None,
    };
    // A VPC Lattice endpoint reaches a service network or a resource, not a service name.
    let (link_label, service) = match kind(ep) {
        Kind::Resource | Kind::ServiceNetwork => {
            (crate::t!("path-lattice-label"), super::lattice_target(ep))
        }
        _ => (crate::t!("path-privatelink-label"), ep.service_name.clone()),
    };
    let lanes = zones
        .iter()
        .map(|(zone, ids)| {
            let addresses: Vec<String> = enis
                .iter()
                .filter(|n| ids.contains(&n.id))
                .flat_map(|n| n.private_ip.iter().chain(n.ipv6_addresses.iter()).cloned())
                .collect();
            // The address is what the DNS answer is compared with; the ids are in the detail.
            let label = addresses.first().cloned().unwrap_or_else(|| ids.join(" "));
            let detail: Vec<String> = ids.iter().cloned().chain(addresses).collect();
            let mut hops = vec![
                hop(HopKind::Interface, label, INTERFACE)
                    .with_detail(detail)
                    .with_local(Some(Local::Ok)),
                hop(HopKind::PrivateLink, link_label.clone(), PRIVATELINK)
                    .with_detail(vec![service.clone()]),
            ];
            let mut broken = None;
            match &behind {
                Some(p) => {
                    let (lane_hops, why) = p.lane(zone);
                    hops.extend(lane_hops);
                    broken = why;
                }
                None => hops.push(
                    hop(HopKind::Service, short_service(&service), SERVICE_BEHIND)
                        .with_detail(vec![service.clone()]),
                ),
            }
            Lane {
                name: zone.clone(),
                hops,
                broken,
            }
        })
        .collect();
    PathModel {
        kind: PathKind::Interface,
        shared,
        lanes,
        gaps,
    }
}

/// A service's own name: without `com.amazonaws.<region>.` (`s3`), the last part of
/// `com.amazonaws.vpce.<region>.vpce-svc-…`, or of an ARN.
fn short_service(name: &str) -> String {
    if let Some((_, short)) = super::aws_service_parts(name) {
        return short.to_string();
    }
    name.rsplit(['.', '/']).next().unwrap_or(name).to_string()
}

async fn client_hop(ctx: &Ctx, ep: &Endpoint) -> Hop {
    let (label, detail) = match (&ctx.run.from, vantage(ctx, ep).await) {
        (Some(from), _) => (from.to_string(), Vec::new()),
        (None, Ok(v)) if v.inside => (crate::t!("path-client-inside"), vec![v.detail]),
        (None, Ok(v)) => (crate::t!("path-client-outside"), vec![v.detail]),
        (None, Err(o)) => (crate::t!("path-client-unknown"), vec![o.summary]),
    };
    hop(HopKind::Client, label, CLIENT).with_detail(detail)
}

/// The name clients use (the private DNS name when it is on, else the endpoint's regional
/// name) and what the run's resolver answered for it.
async fn dns_hop(ctx: &Ctx, ep: &Endpoint) -> Hop {
    let private = match private_dns_name(ctx, ep).await {
        PrivateName::Known(Some(n)) if ep.private_dns_enabled == Some(true) => Some(n),
        _ => None,
    };
    let regional = ep
        .dns_entries
        .iter()
        .map(|d| d.dns_name.trim_start_matches("*.").to_string())
        .next();
    // The records the checks asked for this kind of name: drawing asks nothing new.
    let (name, kind) = match (private, regional) {
        (Some(n), _) => (n, super::family::NameKind::Private),
        (None, Some(n)) => (n, super::family::NameKind::Endpoint),
        (None, None) => return hop(HopKind::Dns, crate::t!("path-dns-no-name"), DNS),
    };
    let mut answers: Vec<String> = Vec::new();
    let mut said = None;
    for record in super::family::records(ep, kind) {
        match ctx.facts.dns_record(&name, record).await {
            Ok(DnsAnswer::Addresses { ips }) => answers.extend(ips.iter().map(ToString::to_string)),
            Ok(DnsAnswer::NxDomain) => said = Some("NXDOMAIN".to_string()),
            Ok(DnsAnswer::NoRecords) => said = Some(crate::t!("path-dns-no-records")),
            Ok(DnsAnswer::ServFail) => said = Some("SERVFAIL".to_string()),
            Ok(DnsAnswer::Timeout) => said = Some(crate::t!("path-dns-timeout")),
            Ok(DnsAnswer::Truncated | DnsAnswer::Failed { .. }) | Err(_) => {}
        }
    }
    let label = match (answers.is_empty(), said) {
        (false, _) => format!("{name} → {}", answers.join(", ")),
        (true, Some(s)) => format!("{name} → {s}"),
        (true, None) => name.clone(),
    };
    hop(HopKind::Dns, label, DNS).with_detail(answers)
}

/// The provider's side, zone by zone: which zones have a load balancer node, and how many
/// healthy targets serve each zone, under which cross-zone setting.
struct ProviderSide {
    lb_label: String,
    nodes: BTreeSet<String>,
    /// Another region's load balancer: its zones are not the endpoint's.
    remote: Option<String>,
    groups: Vec<GroupSide>,
}

struct GroupSide {
    name: String,
    cross: bool,
    /// Healthy and registered targets per AZ ID.
    healthy: BTreeMap<String, usize>,
    total: BTreeMap<String, usize>,
    /// Healthy targets whose zone could not be told.
    unplaced_healthy: usize,
}

impl GroupSide {
    fn healthy_in(&self, zone: &str) -> usize {
        self.healthy.get(zone).copied().unwrap_or(0)
    }
    fn healthy_anywhere(&self) -> usize {
        self.healthy.values().sum::<usize>() + self.unplaced_healthy
    }
}

/// `Err(None)`: nothing behind the endpoint to draw (an AWS service, a Gateway Load Balancer
/// service), which is no gap; `Err(Some(why))`: what could not be read.
async fn provider_side(
    ctx: &Ctx,
    ep: &Endpoint,
    zones: &BTreeMap<String, Vec<String>>,
) -> Result<ProviderSide, Option<String>> {
    let (_, _, lbs) = provider_lbs(ctx).await.map_err(|o| {
        (o.status != crate::engine::outcome::Status::NotApplicable).then_some(o.summary)
    })?;
    let why = |o: crate::engine::outcome::Outcome| Some(o.summary);
    let remote = super::xregion::service_region(ctx, ep);
    let provider_zones = zone_ids(ctx, Account::Provider).await.map_err(why)?;
    let mut nodes = BTreeSet::new();
    let mut groups = Vec::new();
    for lb in &lbs {
        nodes.extend(to_ids(&lb.availability_zones, &provider_zones));
        let lb_attrs = ctx
            .facts
            .load_balancer_attributes(&lb.arn)
            .await
            .unwrap_or_default();
        let lb_cross =
            attr(&lb_attrs, "load_balancing.cross_zone.enabled").unwrap_or("false") == "true";
        for tg in &target_groups(ctx, std::slice::from_ref(lb))
            .await
            .map_err(why)?
        {
            let tg_attrs = ctx
                .facts
                .target_group_attributes(tg)
                .await
                .unwrap_or_default();
            // `use_load_balancer_configuration` (the default) defers to the load balancer.
            let cross = match attr(&tg_attrs, "load_balancing.cross_zone.enabled") {
                Some("true") => true,
                Some("false") => false,
                _ => lb_cross,
            };
            let health = ctx
                .facts
                .target_health(tg)
                .await
                .map_err(|e| why(super::could_not_tell(ctx, &e, true)))?;
            let targets = resolve_targets(ctx, lb, tg, &health).await.map_err(why)?;
            let mut group = GroupSide {
                name: tg_name(tg),
                cross,
                healthy: BTreeMap::new(),
                total: BTreeMap::new(),
                unplaced_healthy: 0,
            };
            for t in &targets {
                if !t.placed() {
                    group.unplaced_healthy += usize::from(t.healthy);
                }
                for zone in zones.keys().chain(nodes.iter()) {
                    if t.serves(zone) {
                        *group.total.entry(zone.clone()).or_default() += 1;
                        *group.healthy.entry(zone.clone()).or_default() += usize::from(t.healthy);
                    }
                }
            }
            groups.push(group);
        }
    }
    let lb_label = match lbs.as_slice() {
        [one] => one.name.clone(),
        many => many
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    };
    Ok(ProviderSide {
        lb_label,
        nodes,
        remote,
        groups,
    })
}

impl ProviderSide {
    /// The load balancer, target group and targets hops of one zone, and why the zone is
    /// broken when it is.
    fn lane(&self, zone: &str) -> (Vec<Hop>, Option<String>) {
        let mut broken = None;
        // No node here: nothing behind it to judge (az.alignment names the gap).
        if self.remote.is_none() && !self.nodes.contains(zone) {
            let node = hop(
                HopKind::LoadBalancer,
                crate::t!("path-no-node", lb = &self.lb_label),
                LOAD_BALANCER,
            )
            .with_local(Some(Local::Broken));
            let beyond = |kind| hop(kind, "—", &[]).with_local(Some(Local::Absent));
            return (
                vec![node, beyond(HopKind::TargetGroup), beyond(HopKind::Targets)],
                Some(crate::t!("path-broken-no-node", zone = zone)),
            );
        }
        let node = match &self.remote {
            Some(region) => hop(
                HopKind::LoadBalancer,
                format!("{} ({region})", self.lb_label),
                LOAD_BALANCER,
            ),
            None => hop(HopKind::LoadBalancer, self.lb_label.clone(), LOAD_BALANCER)
                .with_local(Some(Local::Ok)),
        };
        let names: Vec<&str> = self.groups.iter().map(|g| g.name.as_str()).collect();
        let group = hop(HopKind::TargetGroup, names.join(" "), TARGET_GROUP);
        let mut local = Some(Local::Ok);
        let mut detail = Vec::new();
        let (mut healthy, mut total) = (0, 0);
        for g in &self.groups {
            let (here, of) = match &self.remote {
                // Across regions every zone of the load balancer serves every interface.
                Some(_) => (g.healthy_anywhere(), g.total.values().sum::<usize>()),
                None => (g.healthy_in(zone), g.total.get(zone).copied().unwrap_or(0)),
            };
            healthy += here;
            total += of;
            let state = if here > 0 {
                Local::Ok
            } else if g.unplaced_healthy > 0 {
                // Healthy targets the tool cannot place: the zonal checks speak.
                local = None;
                continue;
            } else if g.cross && g.healthy_anywhere() > 0 {
                detail.push(crate::t!(
                    "path-cross-zone-served",
                    tg = &g.name,
                    healthy = g.healthy_anywhere()
                ));
                Local::CrossZone
            } else {
                broken.get_or_insert_with(|| {
                    crate::t!("path-broken-no-healthy", zone = zone, tg = &g.name)
                });
                Local::Broken
            };
            detail.push(crate::t!(
                "path-targets-of",
                tg = &g.name,
                healthy = here,
                total = of,
                cross = if g.cross { "on" } else { "off" }
            ));
            local = match (local, state) {
                (Some(Local::Broken), _) | (_, Local::Broken) => Some(Local::Broken),
                (Some(Local::CrossZone), _) | (_, Local::CrossZone) => {
                    local.map(|_| Local::CrossZone)
                }
                _ => local,
            };
        }
        let label = match local {
            Some(Local::CrossZone) => {
                crate::t!("path-targets-cross-zone", healthy = healthy, total = total)
            }
            _ => crate::t!("path-targets-healthy", healthy = healthy, total = total),
        };
        let targets = hop(HopKind::Targets, label, TARGETS)
            .with_detail(detail)
            .with_local(local);
        (vec![node, group, targets], broken)
    }
}

async fn gateway(ctx: &Ctx, ep: &Endpoint) -> PathModel {
    let mut gaps = Vec::new();
    let tables: Vec<RouteTable> = match ctx.facts.route_tables(&ep.vpc_id).await {
        Ok(t) => t,
        Err(e) => {
            gaps.push(super::could_not_tell(ctx, &e, false).summary);
            Vec::new()
        }
    };
    let service = hop(
        HopKind::Service,
        short_service(&ep.service_name),
        GATEWAY_SERVICE,
    )
    .with_detail(vec![ep.service_name.clone()]);
    let lanes = ep
        .route_table_ids
        .iter()
        .map(|id| {
            let table = tables.iter().find(|t| &t.id == id);
            let subnets: Vec<String> = match table {
                Some(t) if t.main && t.subnet_ids.is_empty() => {
                    vec![crate::t!("path-main-table-subnets")]
                }
                Some(t) => t.subnet_ids.clone(),
                None => Vec::new(),
            };
            let route = table.and_then(|t| {
                t.routes
                    .iter()
                    .find(|r| r.target == ep.id && r.destination.starts_with("pl-"))
            });
            let (local, broken) = match (table, route) {
                (None, _) => (
                    Local::Broken,
                    Some(crate::t!("path-broken-table-gone", route_table = id)),
                ),
                (Some(_), None) => (
                    Local::Broken,
                    Some(crate::t!("path-broken-no-route", route_table = id)),
                ),
                (Some(_), Some(_)) => (Local::Ok, None),
            };
            let prefix = route
                .map(|r| r.destination.clone())
                .unwrap_or_else(|| crate::t!("path-no-route"));
            let subnet_label = match subnets.as_slice() {
                [] => "—".to_string(),
                [one] => one.clone(),
                [first, rest @ ..] => format!("{first} +{}", rest.len()),
            };
            Lane {
                name: id.clone(),
                hops: vec![
                    // The row's verdict is its route: the subnets only say whose row it is.
                    hop(HopKind::Subnet, subnet_label, ROUTES)
                        .with_detail(subnets)
                        .with_local(Some(Local::Ok)),
                    hop(HopKind::RouteTable, id.clone(), ROUTES).with_local(Some(
                        if table.is_some() {
                            Local::Ok
                        } else {
                            Local::Broken
                        },
                    )),
                    hop(HopKind::PrefixList, prefix, ROUTES).with_local(Some(local)),
                    service.clone(),
                ],
                broken,
            }
        })
        .collect();
    PathModel {
        kind: PathKind::Gateway,
        shared: Vec::new(),
        lanes,
        gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_world::World;
    use crate::engine::outcome::Status;
    use crate::engine::path::{HopKind, Local, PathModel};
    use crate::facts::{FactKey, FactValue};

    const NLB: &str = "arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/net/orders-api-nlb/5d1c7e0b9a2f4c33";
    const UNHEALTHY_AZ: &str = include_str!("../../assets/demo/unhealthy-targets-az.json");

    async fn judged(w: World) -> PathModel {
        let state = w.run().await;
        state.path.as_ref().expect("a path").judged(&state)
    }

    fn targets(p: &PathModel, zone: &str) -> crate::engine::path::Hop {
        let lane = p.lanes.iter().find(|l| l.name == zone).expect("the zone");
        let hop = lane.hops.iter().find(|h| h.kind == HopKind::Targets);
        hop.expect("a targets hop").clone()
    }

    #[tokio::test]
    async fn a_zone_without_healthy_targets_and_cross_zone_off_is_the_one_broken_row() {
        let p = judged(World::scenario(UNHEALTHY_AZ)).await;
        let broken: Vec<&str> = p
            .lanes
            .iter()
            .filter(|l| l.broken.is_some())
            .map(|l| l.name.as_str())
            .collect();
        assert_eq!(broken, ["use1-az6"]);
        let bad = targets(&p, "use1-az6");
        assert_eq!(
            (bad.local, bad.status),
            (Some(Local::Broken), Some(Status::Fail))
        );
        assert!(bad.root_cause);
        // The healthy zone is not painted by the other zone's failure.
        let good = targets(&p, "use1-az4");
        assert_eq!(
            (good.local, good.status),
            (Some(Local::Ok), Some(Status::Pass))
        );
        assert!(!good.root_cause);
        // One root-cause hop in the whole drawing.
        assert_eq!(p.hops().filter(|h| h.root_cause).count(), 1);
    }

    #[tokio::test]
    async fn cross_zone_on_draws_the_zone_as_served_across_not_broken() {
        let w = World::scenario(UNHEALTHY_AZ).with(
            FactKey::LoadBalancerAttributes { arn: NLB.into() },
            FactValue::Attributes(vec![(
                "load_balancing.cross_zone.enabled".into(),
                "true".into(),
            )]),
        );
        let p = judged(w).await;
        assert!(p.lanes.iter().all(|l| l.broken.is_none()), "{p:#?}");
        let across = targets(&p, "use1-az6");
        assert_eq!(across.local, Some(Local::CrossZone));
        assert_eq!(across.status, Some(Status::Pass));
        assert!(across.label.contains('⇢'), "{}", across.label);
    }

    #[tokio::test]
    async fn a_healthy_endpoint_draws_every_zone_green() {
        let p = judged(World::healthy()).await;
        assert!(!p.lanes.is_empty());
        for hop in p.hops() {
            assert!(
                !matches!(hop.status, Some(Status::Fail | Status::Unknown)),
                "{hop:?}"
            );
            assert!(!hop.root_cause);
        }
        assert!(p.lanes.iter().all(|l| l.broken.is_none()));
    }

    #[tokio::test]
    async fn an_aws_service_draws_its_service_and_no_gap() {
        let w = World::healthy().with_endpoint(|e| {
            e.service_name = "com.amazonaws.us-east-1.ecr.api".into();
        });
        let p = judged(w).await;
        // Nothing of AWS's side is anyone's to read: that is not "could not check".
        assert!(p.gaps.is_empty(), "{:?}", p.gaps);
        let last = p.lanes[0].hops.last().expect("hops");
        assert_eq!(
            (last.kind, last.label.as_str()),
            (HopKind::Service, "ecr.api")
        );
    }

    #[tokio::test]
    async fn a_gateway_endpoint_draws_its_route_tables() {
        let gateway = include_str!("../../assets/demo/gateway-missing-route.json");
        let p = judged(World::scenario(gateway)).await;
        assert_eq!(p.kind, crate::engine::path::PathKind::Gateway);
        let kinds: Vec<HopKind> = p.lanes[0].hops.iter().map(|h| h.kind).collect();
        assert_eq!(
            kinds,
            [
                HopKind::Subnet,
                HopKind::RouteTable,
                HopKind::PrefixList,
                HopKind::Service
            ]
        );
        let missing = &p.lanes[0].hops[2];
        assert_eq!(missing.status, Some(Status::Fail));
        assert!(missing.root_cause);
        assert!(p.lanes[0].broken.is_some());
    }
}
