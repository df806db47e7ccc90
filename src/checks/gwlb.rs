//! Gateway Load Balancer endpoints: traffic reaches them only through routes that name the
//! endpoint (application subnets' tables, the internet gateway's edge table), each lives in
//! exactly one subnet, and the service's appliances answer behind a Gateway Load Balancer.

use super::findings::Findings;
use super::*;
use crate::facts::model::{RouteTable, TargetHealth};

/// The endpoint when it is a Gateway Load Balancer endpoint; otherwise the verdict.
async fn gwlb_endpoint_or(ctx: &Ctx) -> Result<Endpoint, Outcome> {
    let ep = endpoint_or(ctx).await?;
    match kind(&ep) {
        Kind::GatewayLoadBalancer => Ok(ep),
        Kind::Unknown => Err(unknown_kind(&ep)),
        _ => Err(Outcome::not_applicable(format!(
            "{} endpoints are not Gateway Load Balancer endpoints",
            ep.endpoint_type
        ))),
    }
}

/// What a table is attached to, for the evidence: subnets, or none (an edge table of an
/// internet or virtual private gateway, or a table no subnet uses).
fn attached_to(t: &RouteTable) -> String {
    match (t.main, t.subnet_ids.is_empty()) {
        (true, _) => "main table (every subnet without its own)".into(),
        (false, true) => "no subnet (a gateway's edge table, or unused)".into(),
        (false, false) => join(&t.subnet_ids),
    }
}

pub async fn route_tables(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = gwlb_endpoint_or(ctx).await?;
    let tables = ctx
        .facts
        .route_tables(&ep.vpc_id)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let mut found = Findings::default();
    let mut rows = Vec::new();
    let mut active = 0usize;
    for t in &tables {
        for r in t.routes.iter().filter(|r| r.target == ep.id) {
            rows.push(vec![
                t.id.clone(),
                r.destination.clone(),
                r.state.clone(),
                attached_to(t),
            ]);
            match r.state.to_ascii_lowercase().as_str() {
                "active" => active += 1,
                "blackhole" => {
                    found.fail(format!(
                        "{} sends {} to {} but the route is a blackhole: that traffic is dropped",
                        t.id, r.destination, ep.id
                    ));
                    let key = if r.destination.contains(':') {
                        "restore_route_ipv6"
                    } else {
                        "restore_route"
                    };
                    found.fix(
                        key,
                        vec![
                            ("route_table_id", t.id.clone()),
                            ("cidr", r.destination.clone()),
                        ],
                    );
                }
                other => found.unknown(format!(
                    "the route {} → {} in {} is in state {other:?}, which this tool does not know",
                    r.destination, ep.id, t.id
                )),
            }
        }
    }
    // A named client's own table is the one to fix: the general "no route anywhere" finding
    // would only repeat it with a placeholder table.
    let client_named_table = client_routes(ctx, &ep, &tables, &mut found).await?;
    if rows.is_empty() && !client_named_table {
        found.fail(format!(
            "no route table in {} sends traffic to {}: nothing reaches the appliances (a Gateway Load Balancer endpoint is used only as the target of routes)",
            ep.vpc_id, ep.id
        ));
        found.fix("add_route", vec![]);
    }
    let o = found.verdict(format!(
        "{active} active route(s) in {} send traffic to {}",
        ep.vpc_id, ep.id
    ));
    Ok(o.table(
        "routes to the endpoint",
        &["route table", "destination", "state", "used by"],
        rows,
    ))
}

/// With --from naming a subnet or addresses: the clients' subnets must send their traffic
/// through the endpoint (their own table, or else the main one), and cannot be the
/// endpoint's own subnet (its traffic would loop back through the endpoint).
async fn client_routes(
    ctx: &Ctx,
    ep: &Endpoint,
    tables: &[RouteTable],
    found: &mut Findings,
) -> Result<bool, Outcome> {
    if ctx.run.from.is_none() {
        return Ok(false);
    }
    let subnets = ctx
        .facts
        .subnets(&ep.vpc_id)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let main = tables.iter().find(|t| t.main);
    let mut named = false;
    for subnet in super::gateway::client_subnets(ctx, &subnets).await {
        if ep.subnet_ids.contains(&subnet) {
            found.warn(format!(
                "the client's subnet {subnet} is the endpoint's own subnet: its traffic does not pass through {} (put the clients in other subnets)",
                ep.id
            ));
            continue;
        }
        let Some(table) = tables
            .iter()
            .find(|t| t.subnet_ids.contains(&subnet))
            .or(main)
        else {
            continue;
        };
        let through = table
            .routes
            .iter()
            .any(|r| r.target == ep.id && r.state.eq_ignore_ascii_case("active"));
        if !through {
            found.fail(format!(
                "the client's subnet {subnet} uses {}, which sends no traffic to {}: its traffic bypasses the appliances",
                table.id, ep.id
            ));
            found.fix(
                "route_client",
                vec![
                    ("route_table_id", table.id.clone()),
                    ("subnet_id", subnet.clone()),
                ],
            );
            named = true;
        }
    }
    Ok(named)
}

pub async fn subnet(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = gwlb_endpoint_or(ctx).await?;
    let subnets = ctx
        .facts
        .subnets(&ep.vpc_id)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let rows = subnet_rows(&ep, &subnets);
    let o = match ep.subnet_ids.as_slice() {
        [] => Outcome::fail(format!(
            "{} has no subnet, so it has no interface to route to",
            ep.id
        ))
        .fix("recreate", &[]),
        [one] => {
            let zone = rows[0][1].clone();
            // The consumer's own view of the service names its zones in the consumer's
            // naming, the same as the subnet's: a zone the Gateway Load Balancer does not
            // serve carries no traffic.
            let offered = match ctx.facts.service_detail_of(&ep).await {
                Ok(Some(d)) => d.availability_zones,
                Ok(None) => Vec::new(),
                Err(e) => return Err(could_not_tell(ctx, &e, false)),
            };
            if !zone.is_empty() && !offered.is_empty() && !offered.contains(&zone) {
                let o = Outcome::fail(format!(
                    "{} has its one interface in {zone}, which {} does not serve (it offers {}): the endpoint carries no traffic",
                    ep.id,
                    ep.service_name,
                    join(&offered)
                ))
                .fix(
                    "other_zone",
                    &[("zone", zone.clone()), ("zones", join(&offered))],
                );
                return Ok(o.table(
                    "endpoint subnet",
                    &["subnet", "zone", "AZ ID", "CIDR"],
                    rows,
                ));
            }
            Outcome::pass(format!(
                "{} has its one interface in {one}{} (a Gateway Load Balancer endpoint serves one Availability Zone; other zones need their own endpoint)",
                ep.id,
                if zone.is_empty() {
                    String::new()
                } else {
                    format!(" ({zone})")
                }
            ))
        }
        many => Outcome::unknown(format!(
            "{} lists {} subnets, but AWS gives a Gateway Load Balancer endpoint exactly one: this description is not one vpce-doctor can judge",
            ep.id,
            many.len()
        )),
    };
    Ok(o.table(
        "endpoint subnet",
        &["subnet", "zone", "AZ ID", "CIDR"],
        rows,
    ))
}

pub async fn target_health(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = gwlb_endpoint_or(ctx).await?;
    let Some(cfg) = provider_config(ctx, &ep).await? else {
        return Ok(Outcome::not_applicable(format!(
            "{} is owned by AWS: its appliances are not visible",
            ep.service_name
        )));
    };
    if cfg.gateway_load_balancer_arns.is_empty() {
        return Ok(Outcome::fail(format!(
            "{} names no Gateway Load Balancer: a Gateway Load Balancer endpoint has nothing to send traffic to",
            cfg.service_id
        ))
        .fix("add_gwlb", &[("service_id", cfg.service_id.clone())]));
    }
    let lbs = ctx
        .facts
        .load_balancers(&cfg.gateway_load_balancer_arns)
        .await
        .map_err(|e| could_not_tell(ctx, &e, true))?;
    let groups = super::provider::target_groups(ctx, &lbs).await?;
    let mut found = Findings::default();
    let mut rows = Vec::new();
    if groups.is_empty() {
        found.fail(format!(
            "no listener of {} forwards to a target group: the appliances receive nothing",
            join(
                &cfg.gateway_load_balancer_arns
                    .iter()
                    .map(|a| super::provider::lb_name(a))
                    .collect::<Vec<_>>()
            )
        ));
    }
    let mut total = 0usize;
    for tg in &groups {
        let health = ctx
            .facts
            .target_health(tg)
            .await
            .map_err(|e| could_not_tell(ctx, &e, true))?;
        let name = super::provider::tg_name(tg);
        total += health.len();
        rows.extend(health.iter().map(|t| row(&name, t)));
        judge_group(&mut found, tg, &name, &health);
    }
    let o = found.verdict(format!(
        "all {total} appliance(s) in {} target group(s) of the Gateway Load Balancer are healthy (GENEVE, port 6081)",
        groups.len()
    ));
    let o = match groups.first() {
        Some(first) => o.var("tg_arn", first.clone()),
        None => o,
    };
    Ok(o.table(
        "appliance health",
        &["target group", "target", "port", "zone", "state", "reason"],
        rows,
    ))
}

fn row(group: &str, t: &TargetHealth) -> Vec<String> {
    vec![
        group.to_string(),
        t.target_id.clone(),
        t.port.map(|p| p.to_string()).unwrap_or_default(),
        t.availability_zone.clone().unwrap_or_default(),
        t.state.clone(),
        t.reason.clone().unwrap_or_default(),
    ]
}

/// A group without targets or without a healthy one fails; some unhealthy warn.
fn judge_group(found: &mut Findings, tg: &str, name: &str, health: &[TargetHealth]) {
    let vars = || vec![("tg_arn", tg.to_string())];
    if health.is_empty() {
        found.fail(format!("{name} has no registered appliances"));
        found.fix("register", vars());
        return;
    }
    let bad = not_healthy(health);
    if bad.is_empty() {
        return;
    }
    let line = format!(
        "{name}: {} of {} appliance(s) healthy ({})",
        health.len() - bad.len(),
        health.len(),
        not_healthy_text(&bad)
    );
    if bad.len() == health.len() {
        found.fail(line);
    } else {
        found.warn(line);
    }
    found.fix("unhealthy", vars());
}
