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
        _ => Err(Outcome::not_applicable(crate::t!(
            "gwlb-not-gwlb-endpoint",
            kind = &ep.endpoint_type
        ))),
    }
}

/// What a table is attached to, for the evidence: subnets, or none (an edge table of an
/// internet or virtual private gateway, or a table no subnet uses).
fn attached_to(t: &RouteTable) -> String {
    match (t.main, t.subnet_ids.is_empty()) {
        (true, _) => crate::t!("gwlb-attached-main"),
        (false, true) => crate::t!("gwlb-attached-none"),
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
                    found.fail(crate::t!(
                        "gwlb-route-blackhole",
                        route_table = &t.id,
                        destination = &r.destination,
                        id = &ep.id
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
                other => found.unknown(crate::t!(
                    "gwlb-route-state-unknown",
                    destination = &r.destination,
                    id = &ep.id,
                    route_table = &t.id,
                    state = format!("{other:?}")
                )),
            }
        }
    }
    // A named client's own table is the one to fix: the general "no route anywhere" finding
    // would only repeat it with a placeholder table.
    let client_named_table = client_routes(ctx, &ep, &tables, &mut found).await?;
    if rows.is_empty() && !client_named_table {
        found.fail(crate::t!("gwlb-no-routes", vpc = &ep.vpc_id, id = &ep.id));
        found.fix("add_route", vec![]);
    }
    let o = found.verdict(crate::t!(
        "gwlb-routes-pass",
        active = active,
        vpc = &ep.vpc_id,
        id = &ep.id
    ));
    Ok(o.table(
        crate::t!("gwlb-table-routes"),
        &[
            &crate::t!("gwlb-col-route-table"),
            &crate::t!("gwlb-col-destination"),
            &crate::t!("endpoint-col-state"),
            &crate::t!("gwlb-col-used-by"),
        ],
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
            found.warn(crate::t!(
                "gwlb-client-in-endpoint-subnet",
                subnet = &subnet,
                id = &ep.id
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
            found.fail(crate::t!(
                "gwlb-client-bypasses",
                subnet = &subnet,
                route_table = &table.id,
                id = &ep.id
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
        [] => Outcome::fail(crate::t!("gwlb-no-subnet", id = &ep.id)).fix("recreate", &[]),
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
                let o = Outcome::fail(crate::t!(
                    "gwlb-zone-not-served",
                    id = &ep.id,
                    zone = &zone,
                    service = &ep.service_name,
                    offered = join(&offered)
                ))
                .fix(
                    "other_zone",
                    &[("zone", zone.clone()), ("zones", join(&offered))],
                );
                return Ok(subnet_table(o, rows));
            }
            Outcome::pass(if zone.is_empty() {
                crate::t!("gwlb-one-subnet", id = &ep.id, subnet = one)
            } else {
                crate::t!(
                    "gwlb-one-subnet-zone",
                    id = &ep.id,
                    subnet = one,
                    zone = &zone
                )
            })
        }
        many => Outcome::unknown(crate::t!(
            "gwlb-many-subnets",
            id = &ep.id,
            count = many.len()
        )),
    };
    Ok(subnet_table(o, rows))
}

fn subnet_table(o: Outcome, rows: Vec<Vec<String>>) -> Outcome {
    o.table(
        crate::t!("gwlb-table-subnet"),
        &[
            &crate::t!("endpoint-col-subnet"),
            &crate::t!("endpoint-col-zone"),
            "AZ ID",
            "CIDR",
        ],
        rows,
    )
}

pub async fn target_health(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = gwlb_endpoint_or(ctx).await?;
    let Some(cfg) = provider_config(ctx, &ep).await? else {
        return Ok(Outcome::not_applicable(crate::t!(
            "gwlb-aws-owned",
            service = &ep.service_name
        )));
    };
    if cfg.gateway_load_balancer_arns.is_empty() {
        return Ok(
            Outcome::fail(crate::t!("gwlb-no-gwlb", service = &cfg.service_id))
                .fix("add_gwlb", &[("service_id", cfg.service_id.clone())]),
        );
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
        found.fail(crate::t!(
            "gwlb-no-forwarding-listener",
            lbs = join(
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
    let o = found.verdict(crate::t!(
        "gwlb-healthy",
        total = total,
        groups = groups.len()
    ));
    let o = match groups.first() {
        Some(first) => o.var("tg_arn", first.clone()),
        None => o,
    };
    Ok(o.table(
        crate::t!("gwlb-table-health"),
        &[
            &crate::t!("provider-col-target-group"),
            &crate::t!("provider-col-target"),
            &crate::t!("provider-col-port"),
            &crate::t!("endpoint-col-zone"),
            &crate::t!("endpoint-col-state"),
            &crate::t!("provider-col-reason"),
        ],
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
        found.fail(crate::t!("gwlb-no-appliances", tg = name));
        found.fix("register", vars());
        return;
    }
    let bad = not_healthy(health);
    if bad.is_empty() {
        return;
    }
    let line = crate::t!(
        "gwlb-unhealthy",
        tg = name,
        healthy = health.len() - bad.len(),
        count = health.len(),
        bad = not_healthy_text(&bad)
    );
    if bad.len() == health.len() {
        found.fail(line);
    } else {
        found.warn(line);
    }
    found.fix("unhealthy", vars());
}
