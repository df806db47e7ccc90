//! `client.routes`: clients outside the endpoint's VPC — a peered or transit-gateway VPC
//! (`--from vpc-…`) or on premises (`--from onprem:CIDR`) — reach the endpoint's network
//! interfaces only when the routes go both ways: the client VPC's route tables send the
//! endpoint's addresses to a peering connection or transit gateway, and the endpoint
//! subnets' route tables send the replies back the same way (to a virtual private gateway
//! or transit gateway for on premises). The VPC router picks the longest matching prefix, so
//! a more specific route to somewhere else wins over the right one.

use ipnet::IpNet;

use super::findings::Findings;
use super::*;
use crate::context::ClientSource;
use crate::facts::model::{PeeringConnection, Route, RouteTable, Subnet};

/// Where the clients are.
#[derive(Clone, Copy)]
enum Far<'a> {
    Vpc(&'a str),
    OnPrem(IpNet),
}

/// What the route the VPC router picks does with the traffic.
#[derive(Debug, Clone, PartialEq)]
enum Hop {
    /// Through a peering connection, transit gateway or virtual private gateway that can
    /// carry it (a peering connection is judged further once read).
    Through(String),
    Missing,
    Blackhole(String),
    /// A route to somewhere the traffic cannot go on from: why.
    Wrong(String),
    /// Through something this check cannot see beyond (an appliance, a NAT gateway …).
    Opaque(String),
    /// Through a peering connection of the two VPCs that waits for acceptance.
    Pending(String),
}

/// One prefix judged in one route table.
struct Leg<'a> {
    table: &'a RouteTable,
    subnets: Vec<String>,
    /// Toward the endpoint (the client VPC's tables) or back to the clients.
    back: bool,
    /// The part of the judged prefix this route decides.
    part: IpNet,
    route: Option<&'a Route>,
    hop: Hop,
    /// The destination a missing route should have.
    want: IpNet,
}

/// The route tables `subnets` use (each subnet's explicit association, else the main
/// table), with the subnets each serves; the main table alone when no subnet is given.
fn tables_of<'a>(
    tables: &'a [RouteTable],
    subnets: &[String],
) -> Vec<(&'a RouteTable, Vec<String>)> {
    let main = tables.iter().find(|t| t.main);
    let mut out: Vec<(&RouteTable, Vec<String>)> = Vec::new();
    for s in subnets {
        let Some(t) = tables.iter().find(|t| t.subnet_ids.contains(s)).or(main) else {
            continue;
        };
        match out.iter_mut().find(|(x, _)| x.id == t.id) {
            Some((_, v)) => v.push(s.clone()),
            None => out.push((t, vec![s.clone()])),
        }
    }
    if subnets.is_empty()
        && let Some(m) = main
    {
        out.push((m, Vec::new()));
    }
    out
}

/// The route the VPC router picks for `prefix` as a whole (the longest destination holding
/// it), then each more specific route inside it, with the part it takes.
fn lookup(table: &RouteTable, prefix: IpNet) -> Vec<(IpNet, Option<&Route>)> {
    let parsed: Vec<(IpNet, &Route)> = table
        .routes
        .iter()
        .filter_map(|r| Some((r.destination.parse::<IpNet>().ok()?.trunc(), r)))
        .filter(|(n, _)| n.addr().is_ipv6() == prefix.addr().is_ipv6())
        .collect();
    let cover = parsed
        .iter()
        .filter(|(n, _)| n.contains(&prefix))
        .max_by_key(|(n, _)| n.prefix_len())
        .map(|(_, r)| *r);
    let mut out = vec![(prefix, cover)];
    out.extend(
        parsed
            .iter()
            .filter(|(n, _)| n.prefix_len() > prefix.prefix_len() && prefix.contains(n))
            .map(|(n, r)| (*n, Some(*r))),
    );
    out
}

/// What `route` does with traffic to or from clients at `far`.
fn hop(route: Option<&Route>, far: Far) -> Hop {
    let Some(r) = route else {
        return Hop::Missing;
    };
    let t = r.target.as_str();
    if r.state.eq_ignore_ascii_case("blackhole") {
        return Hop::Blackhole(t.to_string());
    }
    let on_prem = matches!(far, Far::OnPrem(_));
    if t == "local" {
        return Hop::Wrong(crate::t!("routes-hop-local", destination = &r.destination));
    }
    // A Cloud WAN core network carries VPC-to-VPC and on-premises traffic alike, as a
    // transit gateway does.
    if t.starts_with("tgw-")
        || t.contains(":core-network/")
        || (t.starts_with("pcx-") && !on_prem)
        || (t.starts_with("vgw-") && on_prem)
    {
        return Hop::Through(t.to_string());
    }
    if t.starts_with("pcx-") {
        return Hop::Wrong(crate::t!(
            "routes-hop-peering-onprem",
            destination = &r.destination,
            target = t
        ));
    }
    if t.starts_with("igw-") || t.starts_with("eigw-") {
        return Hop::Wrong(crate::t!(
            "routes-hop-igw",
            destination = &r.destination,
            target = t
        ));
    }
    Hop::Opaque(if t.is_empty() {
        crate::t!("routes-hop-unnamed", destination = &r.destination)
    } else {
        format!("{} → {t}", r.destination)
    })
}

/// A peering connection's verdict for clients in `far_vpc` of the endpoint's `vpc`.
fn peering_hop(pcx: Option<&PeeringConnection>, id: &str, far_vpc: &str, vpc: &str) -> Hop {
    let Some(p) = pcx else {
        return Hop::Wrong(crate::t!("routes-pcx-gone", id = id));
    };
    let ends = [p.requester_vpc.as_str(), p.accepter_vpc.as_str()];
    if !(ends.contains(&far_vpc) && ends.contains(&vpc)) {
        return Hop::Wrong(crate::t!(
            "routes-pcx-other-vpcs",
            id = id,
            a = &p.requester_vpc,
            b = &p.accepter_vpc,
            far = far_vpc,
            vpc = vpc
        ));
    }
    if p.status == "pending-acceptance" {
        return Hop::Pending(id.to_string());
    }
    if p.status != "active" {
        return Hop::Wrong(if p.status.is_empty() {
            crate::t!("routes-pcx-no-state", id = id)
        } else {
            crate::t!("routes-pcx-inactive", id = id, status = &p.status)
        });
    }
    Hop::Through(id.to_string())
}

fn dest_arg(n: &IpNet) -> String {
    if n.addr().is_ipv4() {
        format!("--destination-cidr-block {n}")
    } else {
        format!("--destination-ipv6-cidr-block {n}")
    }
}

fn gateway_arg(g: &str) -> Option<String> {
    let plain = g
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !plain {
        return None;
    }
    if g.starts_with("pcx-") {
        Some(format!("--vpc-peering-connection-id {g}"))
    } else if g.starts_with("tgw-") {
        Some(format!("--transit-gateway-id {g}"))
    } else if g.starts_with("vgw-") {
        Some(format!("--gateway-id {g}"))
    } else {
        None
    }
}

fn table_text(leg: &Leg) -> String {
    let t = leg.table;
    let whose = if leg.subnets.is_empty() {
        crate::t!("routes-main")
    } else {
        join(&leg.subnets)
    };
    format!("{} ({}, {whose})", t.id, t.vpc_id)
}

fn route_text(r: Option<&Route>) -> String {
    match r {
        None => crate::t!("routes-none"),
        Some(r) => {
            let target = if r.target.is_empty() {
                "?"
            } else {
                r.target.as_str()
            };
            if r.origin == "EnableVgwRoutePropagation" {
                crate::t!(
                    "routes-route-propagated",
                    destination = &r.destination,
                    target = target,
                    state = &r.state
                )
            } else {
                format!("{} → {target} ({})", r.destination, r.state)
            }
        }
    }
}

pub async fn client_routes(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = endpoint_or(ctx).await?;
    if kind(&ep) == Kind::Unknown {
        return Err(unknown_kind(&ep));
    }
    let far = match &ctx.run.from {
        Some(ClientSource::Vpc(id)) if *id != ep.vpc_id => Far::Vpc(id),
        Some(ClientSource::OnPrem(net)) => Far::OnPrem(*net),
        Some(ClientSource::Vpc(id)) => {
            return Ok(Outcome::not_applicable(crate::t!(
                "routes-own-vpc",
                id = id
            )));
        }
        Some(other) => {
            return Ok(Outcome::not_applicable(crate::t!(
                "routes-inside-client",
                other = other.to_string()
            )));
        }
        None => {
            return Ok(Outcome::not_applicable(crate::t!("routes-none-named")));
        }
    };
    match kind(&ep) {
        Kind::Interface | Kind::Resource | Kind::ServiceNetwork => {}
        Kind::Unknown => return Err(unknown_kind(&ep)),
        Kind::GatewayLoadBalancer => {
            return Ok(Outcome::not_applicable(crate::t!("routes-gwlb-na")));
        }
        Kind::Gateway => {
            return Ok(Outcome::fail(crate::t!(
                "routes-gateway-endpoint",
                id = &ep.id,
                vpc = &ep.vpc_id
            ))
            .fix(
                "route_by_hand",
                &[(
                    "advice",
                    crate::t!(
                        "routes-advice-interface-endpoint",
                        vpc = &ep.vpc_id,
                        service = &ep.service_name
                    ),
                )],
            ));
        }
    }
    let tell = |e: crate::facts::FactError| could_not_tell(ctx, &e, false);
    let (enis, subnets, tables) = tokio::try_join!(
        ctx.facts.network_interfaces(&ep.network_interface_ids),
        ctx.facts.subnets(&ep.vpc_id),
        ctx.facts.route_tables(&ep.vpc_id),
    )
    .map_err(tell)?;
    let addrs = super::client::interface_addresses(&enis);
    if addrs.is_empty() {
        return Err(Outcome::unknown(crate::t!(
            "routes-no-addresses",
            id = &ep.id
        )));
    }
    let far_facts = match far {
        Far::Vpc(id) => Some(
            tokio::try_join!(
                ctx.facts.vpc(id),
                ctx.facts.subnets(id),
                ctx.facts.route_tables(id),
            )
            .map_err(tell)?,
        ),
        Far::OnPrem(_) => None,
    };
    let mut legs: Vec<Leg> = Vec::new();
    let (label, far_tables): (String, &[RouteTable]) = match (far, &far_facts) {
        (Far::Vpc(id), Some((vpc, far_subnets, far_tables))) => {
            let cidrs: Vec<IpNet> = vpc
                .cidr_blocks
                .iter()
                .chain(vpc.ipv6_cidr_blocks.iter())
                .filter_map(|c| c.parse::<IpNet>().ok())
                .filter(|c| same_family(&addrs, c))
                .collect();
            if cidrs.is_empty() {
                return Err(Outcome::unknown(crate::t!(
                    "routes-no-family-cidr",
                    far = id,
                    id = &ep.id
                )));
            }
            let ids: Vec<String> = far_subnets.iter().map(|s| s.id.clone()).collect();
            for (t, subs) in tables_of(far_tables, &ids) {
                for a in addrs.iter().filter(|a| same_family(&cidrs, a)) {
                    push_legs(
                        &mut legs,
                        t,
                        &subs,
                        *a,
                        want_toward(&subnets, a),
                        far,
                        false,
                    );
                }
            }
            back_legs(&mut legs, &tables, &ep, &cidrs, far);
            (format!("{id} {}", join(&cidrs)), far_tables.as_slice())
        }
        (Far::OnPrem(_), _) | (Far::Vpc(_), None) => {
            back_legs(&mut legs, &tables, &ep, &[net_of(far)], far);
            (
                crate::t!("routes-onprem-clients", net = net_of(far).to_string()),
                &[],
            )
        }
    };
    if legs.is_empty() {
        return Err(Outcome::unknown(crate::t!(
            "routes-no-table",
            vpc = &ep.vpc_id
        )));
    }
    if let Far::Vpc(id) = far {
        judge_peerings(ctx, &mut legs, id, &ep.vpc_id).await?;
    }
    let known = Known::from(&legs, &tables, far_tables, far);
    Ok(verdict(&ep, &label, &legs, &known, far))
}

/// Whether `net` is of a family one of `nets` is.
fn same_family(nets: &[IpNet], net: &IpNet) -> bool {
    nets.iter()
        .any(|n| n.addr().is_ipv6() == net.addr().is_ipv6())
}

/// The on-premises range (a VPC's clients have ranges of their own).
fn net_of(far: Far) -> IpNet {
    match far {
        Far::OnPrem(n) => n,
        Far::Vpc(_) => IpNet::from(IpAddr::from([0, 0, 0, 0])),
    }
}

/// The destination a missing route toward the endpoint should have: the endpoint subnet
/// holding the address, else the address itself.
fn want_toward(subnets: &[Subnet], a: &IpNet) -> IpNet {
    subnets
        .iter()
        .flat_map(|s| std::iter::once(&s.cidr).chain(s.ipv6_cidrs.iter()))
        .filter_map(|c| c.parse::<IpNet>().ok())
        .find(|n| n.contains(a))
        .unwrap_or(*a)
}

fn push_legs<'a>(
    legs: &mut Vec<Leg<'a>>,
    table: &'a RouteTable,
    subnets: &[String],
    prefix: IpNet,
    want: IpNet,
    far: Far,
    back: bool,
) {
    for (part, route) in lookup(table, prefix) {
        if legs
            .iter()
            .any(|l| l.table.id == table.id && l.part == part && l.back == back)
        {
            continue;
        }
        legs.push(Leg {
            table,
            subnets: subnets.to_vec(),
            back,
            part,
            route,
            hop: hop(route, far),
            want: if part == prefix { want } else { part },
        });
    }
}

/// The endpoint subnets' tables, each judged for every range of the clients.
fn back_legs<'a>(
    legs: &mut Vec<Leg<'a>>,
    tables: &'a [RouteTable],
    ep: &Endpoint,
    cidrs: &[IpNet],
    far: Far,
) {
    for (t, subs) in tables_of(tables, &ep.subnet_ids) {
        for c in cidrs {
            push_legs(legs, t, &subs, *c, *c, far, true);
        }
    }
}

/// Read the peering connections the routes name and judge each route through one.
async fn judge_peerings(
    ctx: &Ctx,
    legs: &mut [Leg<'_>],
    far_vpc: &str,
    vpc: &str,
) -> Result<(), Outcome> {
    let mut ids: Vec<String> = legs
        .iter()
        .filter_map(|l| match &l.hop {
            Hop::Through(g) if g.starts_with("pcx-") => Some(g.clone()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(());
    }
    let found = match ctx.facts.peering_connections(&ids).await {
        Ok(found) => found,
        // One id AWS does not know fails the whole call: judge them one by one.
        Err(e) if e.is_not_found() && ids.len() > 1 => {
            let mut all = Vec::new();
            for id in &ids {
                match ctx
                    .facts
                    .peering_connections(std::slice::from_ref(id))
                    .await
                {
                    Ok(v) => all.extend(v),
                    Err(e) if e.is_not_found() => {}
                    Err(e) => return Err(could_not_tell(ctx, &e, false)),
                }
            }
            all
        }
        Err(e) if e.is_not_found() => Vec::new(),
        Err(e) => return Err(could_not_tell(ctx, &e, false)),
    };
    for l in legs.iter_mut() {
        if let Hop::Through(g) = &l.hop
            && g.starts_with("pcx-")
        {
            let p = found.iter().find(|p| &p.id == g);
            l.hop = peering_hop(p, g, far_vpc, vpc);
        }
    }
    Ok(())
}

/// The gateways already seen to carry the traffic, by side: a missing route gets the one
/// the other side uses.
struct Known {
    toward: Option<String>,
    back: Option<String>,
    /// Peering connections of the two VPCs waiting for acceptance.
    pending: Vec<String>,
}

impl Known {
    fn from(legs: &[Leg], tables: &[RouteTable], far_tables: &[RouteTable], far: Far) -> Known {
        let through = |back: bool| {
            legs.iter().find_map(|l| match &l.hop {
                Hop::Through(g) if l.back == back => Some(g.clone()),
                _ => None,
            })
        };
        // Any active route of a VPC's tables to a gateway of the right kind (it is attached).
        let any = |ts: &[RouteTable]| {
            ts.iter()
                .flat_map(|t| t.routes.iter())
                .filter(|r| r.state == "active")
                .map(|r| r.target.clone())
                .find(|t| match far {
                    Far::OnPrem(_) => t.starts_with("vgw-") || t.starts_with("tgw-"),
                    Far::Vpc(_) => false,
                })
        };
        let mut pending: Vec<String> = legs
            .iter()
            .filter_map(|l| match &l.hop {
                Hop::Pending(g) => Some(g.clone()),
                _ => None,
            })
            .collect();
        pending.sort();
        pending.dedup();
        let (toward, back) = (through(false), through(true));
        Known {
            toward: back
                .clone()
                .or_else(|| toward.clone())
                .or_else(|| any(far_tables)),
            back: toward.or(back).or_else(|| any(tables)),
            pending,
        }
    }
}

fn verdict(ep: &Endpoint, label: &str, legs: &[Leg], known: &Known, far: Far) -> Outcome {
    let mut found = Findings::default();
    let mut rows = Vec::new();
    for l in legs {
        let direction = if l.back {
            crate::t!("routes-dir-back", label = label)
        } else {
            crate::t!("routes-dir-to", id = &ep.id)
        };
        let what = match &l.hop {
            Hop::Through(g) => crate::t!("routes-through", gateway = g),
            Hop::Missing => crate::t!("routes-no-route"),
            Hop::Blackhole(t) => crate::t!("routes-blackhole", target = t),
            Hop::Wrong(w) | Hop::Opaque(w) => w.clone(),
            Hop::Pending(g) => crate::t!("routes-pending", gateway = g),
        };
        rows.push(vec![
            l.table.id.clone(),
            if l.subnets.is_empty() {
                crate::t!("routes-main")
            } else {
                join(&l.subnets)
            },
            direction,
            l.part.to_string(),
            route_text(l.route),
            what,
        ]);
        judge_leg(&mut found, l, ep, label, known, far);
    }
    for pcx in &known.pending {
        found.fix("accept_peering", vec![("pcx_id", pcx.clone())]);
    }
    let through: Vec<String> = {
        let mut v: Vec<String> = legs
            .iter()
            .filter_map(|l| match &l.hop {
                Hop::Through(g) => Some(g.clone()),
                _ => None,
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let tgw = if through.iter().any(|g| g.starts_with("tgw-")) {
        "yes"
    } else {
        "no"
    };
    let pass = match far {
        Far::Vpc(_) => crate::t!(
            "routes-pass-vpc",
            label = label,
            id = &ep.id,
            through = join(&through),
            tgw = tgw
        ),
        Far::OnPrem(_) => crate::t!(
            "routes-pass-onprem",
            label = label,
            through = join(&through),
            tgw = tgw
        ),
    };
    found
        .verdict(pass)
        .field(crate::t!("routes-field-clients"), label.to_string())
        .table(
            crate::t!("routes-table"),
            &[
                &crate::t!("routes-col-table"),
                &crate::t!("routes-col-subnets"),
                &crate::t!("routes-col-direction"),
                &crate::t!("routes-col-destination"),
                &crate::t!("routes-col-route"),
                &crate::t!("routes-col-verdict"),
            ],
            rows,
        )
}

/// One leg's finding and fix.
fn judge_leg(found: &mut Findings, l: &Leg, ep: &Endpoint, label: &str, known: &Known, far: Far) {
    let toward = if l.back {
        crate::t!("routes-toward-back", label = label)
    } else {
        crate::t!("routes-toward-to", id = &ep.id)
    };
    let gateway = if l.back { &known.back } else { &known.toward };
    let kinds = match far {
        Far::Vpc(_) => crate::t!("routes-kinds-vpc"),
        Far::OnPrem(_) => crate::t!("routes-kinds-onprem"),
    };
    let kinds = kinds.as_str();
    let table = table_text(l);
    match &l.hop {
        Hop::Through(_) => {}
        Hop::Missing | Hop::Blackhole(_) => {
            found.fail(if l.hop == Hop::Missing {
                crate::t!(
                    "routes-fail-missing",
                    table = &table,
                    part = l.part.to_string(),
                    toward = &toward
                )
            } else {
                crate::t!(
                    "routes-fail-blackhole",
                    table = &table,
                    route = route_text(l.route),
                    part = l.part.to_string(),
                    toward = &toward
                )
            });
            route_fix(found, l, gateway.as_deref(), kinds, &toward);
        }
        Hop::Wrong(w) => {
            found.fail(crate::t!(
                "routes-fail-wrong",
                table = &table,
                part = l.part.to_string(),
                why = w,
                toward = &toward
            ));
            found.fix(
                "route_by_hand",
                vec![(
                    "advice",
                    crate::t!(
                        "routes-advice-wrong",
                        table = &l.table.id,
                        part = l.part.to_string(),
                        kinds = kinds,
                        why = w
                    ),
                )],
            );
        }
        Hop::Pending(g) => found.fail(crate::t!(
            "routes-fail-pending",
            table = &table,
            part = l.part.to_string(),
            gateway = g,
            toward = &toward
        )),
        Hop::Opaque(w) => found.warn(crate::t!(
            "routes-warn-opaque",
            table = &table,
            part = l.part.to_string(),
            through = w,
            toward = &toward
        )),
    }
}

/// The command that adds (or, for a blackhole at exactly that destination, replaces) the
/// missing route, when the gateway is known; else the words alone.
fn route_fix(found: &mut Findings, l: &Leg, gateway: Option<&str>, kinds: &str, toward: &str) {
    let exact = l
        .table
        .routes
        .iter()
        .any(|r| r.destination.parse::<IpNet>().ok().map(|n| n.trunc()) == Some(l.want));
    let key = if exact { "replace_route" } else { "add_route" };
    match gateway.and_then(|g| gateway_arg(g).map(|a| (g, a))) {
        Some((g, arg)) => found.fix(
            key,
            vec![
                ("route_table_id", l.table.id.clone()),
                ("destination", l.want.to_string()),
                ("destination_arg", dest_arg(&l.want)),
                ("gateway", g.to_string()),
                ("gateway_arg", arg),
                ("why", toward.to_string()),
            ],
        ),
        None => found.fix(
            "route_by_hand",
            vec![(
                "advice",
                crate::t!(
                    "routes-advice-add",
                    want = l.want.to_string(),
                    table = &l.table.id,
                    kinds = kinds
                ),
            )],
        ),
    }
}
