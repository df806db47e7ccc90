//! Gateway endpoints: route tables, and the endpoint policy (any endpoint type).

use super::*;
use crate::context::ClientSource;
use crate::facts::model::{RouteTable, Subnet};

pub async fn route_tables(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = endpoint_or(ctx).await?;
    match kind(&ep) {
        Kind::Gateway => {}
        Kind::Unknown => return Err(unknown_kind(&ep)),
        Kind::GatewayLoadBalancer => {
            return Ok(Outcome::not_applicable(crate::t!(
                "gateway-gwlb-no-prefix-routes"
            )));
        }
        _ => {
            return Ok(Outcome::not_applicable(crate::t!(
                "gateway-no-route-tables-for-kind",
                kind = &ep.endpoint_type
            )));
        }
    }
    let tables = ctx
        .facts
        .route_tables(&ep.vpc_id)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    if ep.route_table_ids.is_empty() {
        return Ok(no_route_tables(&ep, &tables));
    }
    let mut found = RouteFindings::default();
    found.associated_tables(&ep, &tables);
    // Which subnets actually use the endpoint: their effective table must be associated.
    let subnets = ctx
        .facts
        .subnets(&ep.vpc_id)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let clients = client_subnets(ctx, &subnets).await;
    found.subnets(ctx, &ep, &tables, &subnets, &clients);
    Ok(found.verdict(ctx, &ep))
}

/// The endpoint is associated with no route table: the fix names the main table, the one
/// every subnet without its own association uses.
fn no_route_tables(ep: &Endpoint, tables: &[RouteTable]) -> Outcome {
    // The id to paste (a VPC always has one; the shell variable is the fallback the text
    // explains).
    let main = tables
        .iter()
        .find(|t| t.main)
        .map(|t| t.id.clone())
        .unwrap_or_else(|| "\"$ROUTE_TABLE_ID\"".into());
    Outcome::fail(crate::t!("gateway-no-route-tables", id = &ep.id))
        .fix("no_route_tables", &[("route_table_id", main)])
}

/// A table cell: yes or no, in the reader's language.
fn yes_no(b: bool) -> String {
    if b {
        crate::t!("gateway-yes")
    } else {
        crate::t!("gateway-no")
    }
}

fn has_route(ep: &Endpoint, t: &RouteTable) -> bool {
    t.routes
        .iter()
        .any(|r| r.target == ep.id && r.destination.starts_with("pl-"))
}

/// The subnets a client named with --from is in (none without --from).
/// The subnets of the client named with `--from`: a subnet, the subnets a CIDR overlaps, an
/// instance's or a network interface's subnet (none when it cannot be read, or for a group,
/// whose members are not known).
pub(super) async fn client_subnets(ctx: &Ctx, subnets: &[Subnet]) -> Vec<String> {
    match &ctx.run.from {
        Some(ClientSource::Subnet(s)) => vec![s.clone()],
        Some(ClientSource::Instance(id)) => ctx
            .facts
            .instances_in(Account::Consumer, std::slice::from_ref(id))
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|i| &i.id == id)
            .filter_map(|i| i.subnet_id)
            .collect(),
        Some(ClientSource::NetworkInterface(id)) => ctx
            .facts
            .network_interfaces(std::slice::from_ref(id))
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|n| &n.id == id)
            .map(|n| n.subnet_id)
            .collect(),
        Some(ClientSource::Cidr(net)) => subnets
            .iter()
            .filter(|s| {
                s.cidr
                    .parse::<ipnet::IpNet>()
                    .map(|c| c.contains(&net.addr()) || net.contains(&c.addr()))
                    .unwrap_or(false)
            })
            .map(|s| s.id.clone())
            .collect(),
        _ => Vec::new(),
    }
}

/// What `route_tables` finds over the associated tables and the VPC's subnets.
#[derive(Default)]
struct RouteFindings {
    fails: Vec<String>,
    warns: Vec<String>,
    fixes: Vec<(&'static str, Vec<(&'static str, String)>)>,
    rows: Vec<Vec<String>>,
    // Subnets left out (public subnets that reach the service through their internet gateway,
    // subnets without clients) are a finding only for a client named with --from.
    left_out: Vec<String>,
}

impl RouteFindings {
    /// Each associated table must still exist and route the service's prefix list.
    fn associated_tables(&mut self, ep: &Endpoint, tables: &[RouteTable]) {
        for id in &ep.route_table_ids {
            match tables.iter().find(|t| &t.id == id) {
                Some(t) if has_route(ep, t) => {}
                Some(_) => {
                    self.fails.push(crate::t!(
                        "gateway-no-prefix-route",
                        route_table = id,
                        id = &ep.id
                    ));
                    self.fixes
                        .push(("restore_route", vec![("route_table_id", id.clone())]));
                }
                None => self
                    .warns
                    .push(crate::t!("gateway-route-table-gone", route_table = id)),
            }
        }
    }

    /// A row per subnet, and a failure for each client subnet whose effective table is not
    /// associated with the endpoint.
    fn subnets(
        &mut self,
        ctx: &Ctx,
        ep: &Endpoint,
        tables: &[RouteTable],
        subnets: &[Subnet],
        client_subnets: &[String],
    ) {
        let main = tables.iter().find(|t| t.main);
        let effective = |subnet: &str| -> Option<&RouteTable> {
            tables
                .iter()
                .find(|t| t.subnet_ids.iter().any(|s| s == subnet))
                .or(main)
        };
        let mut served = 0usize;
        for s in subnets {
            let eff = effective(&s.id);
            let associated = eff
                .map(|t| ep.route_table_ids.contains(&t.id))
                .unwrap_or(false);
            self.rows.push(vec![
                s.id.clone(),
                s.cidr.clone(),
                eff.map(|t| {
                    if t.main {
                        crate::t!("gateway-main-table", route_table = &t.id)
                    } else {
                        t.id.clone()
                    }
                })
                .unwrap_or_else(|| "—".into()),
                yes_no(associated),
                yes_no(eff.is_some_and(|t| has_route(ep, t))),
            ]);
            if associated {
                served += 1;
            } else if let Some(rtb) = eff.map(|t| t.id.clone()) {
                let line = crate::t!(
                    "gateway-subnet-not-associated",
                    subnet = &s.id,
                    route_table = &rtb
                );
                if client_subnets.contains(&s.id) {
                    self.fails.push(line);
                    self.fixes.push((
                        "associate",
                        vec![("route_table_id", rtb), ("subnet_id", s.id.clone())],
                    ));
                } else {
                    self.left_out.push(s.id.clone());
                }
            } else {
                self.left_out.push(s.id.clone());
            }
        }
        if served == 0 && !subnets.is_empty() && ctx.run.from.is_none() {
            self.warns
                .push(crate::t!("gateway-no-subnet-served", vpc = &ep.vpc_id));
        }
    }

    fn verdict(self, ctx: &Ctx, ep: &Endpoint) -> Outcome {
        let mut o = if !self.fails.is_empty() {
            Outcome::fail(self.fails.join("; "))
        } else if !self.warns.is_empty() {
            Outcome::warn(crate::t!(
                "gateway-routes-warn",
                warnings = self.warns.join("; ")
            ))
        } else {
            let count = ep.route_table_ids.len();
            let others = self.left_out.len();
            let subnets = join(&self.left_out);
            Outcome::pass(if self.left_out.is_empty() {
                crate::t!("gateway-routes-pass", count = count, id = &ep.id)
            } else if ctx.run.from.is_none() {
                crate::t!(
                    "gateway-routes-pass-others",
                    count = count,
                    id = &ep.id,
                    others = others,
                    subnets = &subnets
                )
            } else {
                crate::t!(
                    "gateway-routes-pass-others-from",
                    count = count,
                    id = &ep.id,
                    others = others,
                    subnets = &subnets
                )
            })
        };
        for (k, v) in self.fixes {
            o = o.fix(k, &v);
        }
        o.field("RouteTableIds", join(&ep.route_table_ids)).table(
            crate::t!("endpoint-field-subnets"),
            &[
                &crate::t!("endpoint-col-subnet"),
                "cidr",
                &crate::t!("gateway-col-effective-route-table"),
                &crate::t!("gateway-col-associated"),
                &crate::t!("gateway-col-prefix-list-route"),
            ],
            self.rows,
        )
    }
}
