//! The service owner's side: the endpoint service, its load balancers and targets.

use super::*;
use crate::engine::outcome::Account;
use std::collections::BTreeMap;

use crate::facts::model::{LoadBalancer, ServiceConfig, TargetHealth};

/// The configuration, or the verdict to return: n/a for AWS-owned services, unknown when
/// the provider side cannot be read.
pub(super) async fn config_or(ctx: &Ctx) -> Result<(Endpoint, ServiceConfig), Outcome> {
    let ep = endpoint_or(ctx).await?;
    match provider_config(ctx, &ep).await? {
        Some(cfg) => Ok((ep, cfg)),
        None => Err(aws_owned(&ep)),
    }
}

/// The configuration and its load balancers, or the verdict to return.
pub(super) async fn provider_lbs(
    ctx: &Ctx,
) -> Result<(Endpoint, ServiceConfig, Vec<LoadBalancer>), Outcome> {
    let (ep, cfg) = config_or(ctx).await?;
    if cfg.network_load_balancer_arns.is_empty() && !cfg.gateway_load_balancer_arns.is_empty() {
        return Err(gateway_lb_backed(&cfg));
    }
    let lbs = load_balancers_or(ctx, &cfg).await?;
    Ok((ep, cfg, lbs))
}

/// A service behind a Gateway Load Balancer: traffic goes to its appliances over GENEVE,
/// so NLB listeners, NLB security groups and NLB targets do not exist to judge.
fn gateway_lb_backed(cfg: &ServiceConfig) -> Outcome {
    Outcome::not_applicable(crate::t!(
        "provider-gwlb-backed",
        service = &cfg.service_id,
        lbs = join(
            &cfg.gateway_load_balancer_arns
                .iter()
                .map(|a| lb_name(a))
                .collect::<Vec<_>>()
        )
    ))
}

fn aws_owned(ep: &Endpoint) -> Outcome {
    Outcome::not_applicable(crate::t!("provider-aws-owned", service = &ep.service_name))
}

fn vars(cfg: &ServiceConfig) -> Vec<(&'static str, String)> {
    vec![("service_id", cfg.service_id.clone())]
}

pub async fn found(ctx: &Ctx) -> Outcome {
    let ep = match endpoint_or(ctx).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    if let Some(o) = without_endpoint_service(&ep) {
        return o;
    }
    let Some(service_id) = service_id_from_name(&ep.service_name) else {
        return aws_owned(&ep);
    };
    match ctx.facts.service_config(&service_id).await {
        Ok(cfg) => {
            let mut o = Outcome::pass(crate::t!(
                "provider-found",
                service = &cfg.service_id,
                name = &cfg.service_name
            ))
            .field("ServiceState", &cfg.state)
            .field(
                "NetworkLoadBalancerArns",
                join(&cfg.network_load_balancer_arns),
            );
            if !cfg.gateway_load_balancer_arns.is_empty() {
                o = o.field(
                    "GatewayLoadBalancerArns",
                    join(&cfg.gateway_load_balancer_arns),
                );
            }
            if let Ok(id) = ctx.facts.caller_identity(Account::Provider).await {
                o = o.field(crate::t!("provider-field-provider-account"), id.account);
            }
            o
        }
        Err(e) if e.is_not_found() && ctx.provider_credentials => {
            Outcome::fail(crate::t!("provider-not-found", service = &service_id))
                .field(crate::t!("endpoint-field-error"), e.to_string())
                .fix("not_found", &[("service_id", service_id.clone())])
        }
        Err(e) => could_not_tell(ctx, &e, true),
    }
}

pub async fn state(ctx: &Ctx) -> Outcome {
    let (_, cfg) = match config_or(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    if cfg.state.eq_ignore_ascii_case("available") {
        Outcome::pass(crate::t!(
            "provider-state-available",
            service = &cfg.service_id
        ))
        .field("ServiceState", &cfg.state)
    } else {
        let mut v = vars(&cfg);
        v.push(("state", cfg.state.clone()));
        Outcome::fail(crate::t!(
            "provider-state-not-available",
            service = &cfg.service_id,
            state = &cfg.state
        ))
        .field("ServiceState", &cfg.state)
        .fix("not_available", &v)
    }
}

pub async fn connection(ctx: &Ctx) -> Outcome {
    let (ep, cfg) = match config_or(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    let conns = match ctx.facts.endpoint_connections(&cfg.service_id).await {
        Ok(c) => c,
        Err(e) => return could_not_tell(ctx, &e, true),
    };
    let consumer = ep
        .owner_id
        .clone()
        .unwrap_or_else(|| "<consumer-account>".into());
    let mut v = vars(&cfg);
    v.push(("consumer_account", consumer.clone()));
    let Some(conn) = conns.iter().find(|c| c.endpoint_id == ep.id) else {
        return Outcome::fail(crate::t!(
            "provider-no-connection",
            service = &cfg.service_id,
            id = &ep.id,
            count = conns.len()
        ))
        .fix("missing", &v);
    };
    v.push(("state", conn.state.clone()));
    let o = match conn.state.to_ascii_lowercase().as_str() {
        "available" => Outcome::pass(crate::t!("provider-connection-available", id = &ep.id)),
        "pendingacceptance" => {
            Outcome::fail(crate::t!("provider-connection-pending", id = &ep.id)).fix("accept", &v)
        }
        "rejected" => {
            Outcome::fail(crate::t!("provider-connection-rejected", id = &ep.id)).fix("accept", &v)
        }
        _ => Outcome::fail(crate::t!(
            "provider-connection-other",
            id = &ep.id,
            state = &conn.state
        ))
        .fix("inspect", &v),
    };
    o.field("VpcEndpointState", &conn.state)
        .field("VpcEndpointOwner", conn.owner.clone().unwrap_or_default())
}

/// Whether `principals` admit `account` (a whole-account grant, `*`, or a principal in it).
pub fn principal_allows(principals: &[String], account: &str) -> Option<String> {
    principals
        .iter()
        .find(|p| {
            p.as_str() == "*"
                || p.as_str() == account
                || p.split(':').nth(4).map(|a| a == account).unwrap_or(false)
        })
        .cloned()
}

pub async fn allowed_principals(ctx: &Ctx) -> Outcome {
    let (ep, cfg) = match config_or(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    let principals = match ctx.facts.service_permissions(&cfg.service_id).await {
        Ok(p) => p,
        Err(e) => return could_not_tell(ctx, &e, true),
    };
    let account = match &ep.owner_id {
        Some(a) => a.clone(),
        None => match ctx.facts.caller_identity(Account::Consumer).await {
            Ok(i) => i.account,
            Err(e) => return could_not_tell(ctx, &e, false),
        },
    };
    let rows = principals.iter().map(|p| vec![p.clone()]).collect();
    let o = match principal_allows(&principals, &account) {
        Some(p) if p == "*" => {
            Outcome::pass(crate::t!("provider-principals-star", account = &account))
        }
        Some(p) if p.ends_with(":root") || p == account => Outcome::pass(crate::t!(
            "provider-principals-account",
            account = &account,
            principal = &p
        )),
        Some(p) => Outcome::pass(crate::t!(
            "provider-principals-one",
            principal = &p,
            account = &account
        )),
        None => {
            let mut v = vars(&cfg);
            v.push(("consumer_account", account.clone()));
            // Removing a principal does not cut connections already accepted: this endpoint
            // keeps working, only new ones from the account would be refused.
            let accepted = ["available", "pending"]
                .iter()
                .any(|s| ep.state.eq_ignore_ascii_case(s));
            if accepted {
                Outcome::warn(crate::t!(
                    "provider-principals-missing-accepted",
                    account = &account,
                    service = &cfg.service_id,
                    id = &ep.id
                ))
            } else {
                Outcome::fail(crate::t!(
                    "provider-principals-missing",
                    account = &account,
                    service = &cfg.service_id
                ))
            }
            .field(crate::t!("provider-field-endpoint-state"), &ep.state)
            .fix("allow", &v)
        }
    };
    o.field(crate::t!("provider-field-consumer-account"), account)
        .table(
            crate::t!("provider-table-principals"),
            &[&crate::t!("provider-col-principal")],
            rows,
        )
}

pub async fn acceptance_required(ctx: &Ctx) -> Outcome {
    let (_, cfg) = match config_or(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    match cfg.acceptance_required {
        Some(true) => Outcome::pass(crate::t!("provider-acceptance-required"))
            .field("AcceptanceRequired", "true"),
        Some(false) => Outcome::advice(crate::t!("provider-acceptance-automatic"))
            .field("AcceptanceRequired", "false")
            .fix("require", &vars(&cfg)),
        None => Outcome::unknown(crate::t!("provider-acceptance-unreported")),
    }
}

pub async fn private_dns_verified(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, &crate::t!("endpoint-why-no-private-dns")).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    // Prefer the owner's view (it has the TXT record); the consumer's view has the state too.
    let (name, state, txt_name, txt_value, service_id, seen_by) =
        match provider_config(ctx, &ep).await {
            Ok(Some(cfg)) => (
                cfg.private_dns_name.clone(),
                cfg.private_dns_state.clone(),
                cfg.private_dns_txt_name.clone(),
                cfg.private_dns_txt_value.clone(),
                cfg.service_id.clone(),
                Account::Provider,
            ),
            other => {
                let provider_problem = other.err();
                match ctx.facts.service_detail_of(&ep).await {
                    Ok(Some(d)) => (
                        d.private_dns_name.clone(),
                        d.private_dns_verification_state.clone(),
                        None,
                        None,
                        d.service_id
                            .clone()
                            .unwrap_or_else(|| "<service-id>".into()),
                        Account::Consumer,
                    ),
                    Ok(None) => {
                        return provider_problem.unwrap_or_else(|| {
                            Outcome::unknown(crate::t!("provider-service-invisible"))
                        });
                    }
                    Err(e) => return could_not_tell(ctx, &e, false),
                }
            }
        };
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return Outcome::not_applicable(crate::t!(
            "provider-no-private-dns-name",
            service = &ep.service_name
        ));
    };
    let seen_by = seen_by.word();
    let Some(state) = state else {
        return Outcome::unknown(crate::t!(
            "provider-verification-unreported",
            seen_by = &seen_by,
            name = &name
        ));
    };
    let o = if state.eq_ignore_ascii_case("verified") {
        Outcome::pass(crate::t!("provider-verified", name = &name))
    } else {
        Outcome::fail(crate::t!(
            "provider-not-verified",
            name = &name,
            state = &state
        ))
        .fix(
            "publish_txt",
            &[
                ("service_id", service_id),
                ("private_dns_name", name.clone()),
                (
                    "txt_name",
                    txt_name.clone().unwrap_or_else(|| {
                        "<Name from the service's PrivateDnsNameConfiguration>".into()
                    }),
                ),
                (
                    "txt_value",
                    txt_value.clone().unwrap_or_else(|| {
                        "<Value from the service's PrivateDnsNameConfiguration>".into()
                    }),
                ),
            ],
        )
    };
    let mut o = o
        .field("PrivateDnsName", &name)
        .field(crate::t!("provider-field-verification-state"), &state)
        .field(crate::t!("provider-field-seen-by"), seen_by);
    if let (Some(n), Some(v)) = (txt_name, txt_value) {
        o = o.field(
            crate::t!("provider-field-txt-record"),
            format!("{n} = \"{v}\""),
        );
    }
    o
}

/// The load balancers, or the verdict to return (with one lookup per ARN when the batch
/// fails, to name the one that is gone).
pub(super) async fn load_balancers_or(
    ctx: &Ctx,
    cfg: &ServiceConfig,
) -> Result<Vec<LoadBalancer>, Outcome> {
    match ctx
        .facts
        .load_balancers(&cfg.network_load_balancer_arns)
        .await
    {
        Ok(lbs) => Ok(lbs),
        Err(e) if e.is_not_found() => {
            let mut found = Vec::new();
            for arn in &cfg.network_load_balancer_arns {
                match ctx.facts.load_balancers(std::slice::from_ref(arn)).await {
                    Ok(mut l) => found.append(&mut l),
                    Err(e) if e.is_not_found() => {}
                    Err(e) => return Err(could_not_tell(ctx, &e, true)),
                }
            }
            Ok(found)
        }
        Err(e) => Err(could_not_tell(ctx, &e, true)),
    }
}

pub(super) fn lb_name(arn: &str) -> String {
    // arn:…:loadbalancer/net/<name>/<id>
    arn.rsplit('/').nth(1).unwrap_or(arn).to_string()
}

pub async fn nlb_state(ctx: &Ctx) -> Outcome {
    let (_, cfg) = match config_or(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    // A GWLB-backed service is judged by its gateway load balancers' state.
    let gateway = cfg.network_load_balancer_arns.is_empty();
    let arns = if gateway {
        cfg.gateway_load_balancer_arns.clone()
    } else {
        cfg.network_load_balancer_arns.clone()
    };
    if arns.is_empty() {
        return Outcome::fail(crate::t!("provider-no-lb", service = &cfg.service_id))
            .fix("no_lb", &vars(&cfg));
    }
    let lbs = match load_balancers_or(
        ctx,
        &ServiceConfig {
            network_load_balancer_arns: arns.clone(),
            ..cfg.clone()
        },
    )
    .await
    {
        Ok(l) => l,
        Err(o) => return o,
    };
    let mut problems = Vec::new();
    let mut o_fixes: Vec<(&'static str, Vec<(&str, String)>)> = Vec::new();
    for arn in &arns {
        match lbs.iter().find(|l| &l.arn == arn) {
            None => {
                problems.push(crate::t!("provider-lb-missing", lb = lb_name(arn)));
                let mut v = vars(&cfg);
                v.push(("lb_arn", arn.clone()));
                o_fixes.push(("missing_lb", v));
            }
            Some(lb) if !lb.state.eq_ignore_ascii_case("active") => {
                problems.push(match &lb.state_reason {
                    Some(r) => crate::t!(
                        "provider-lb-state-reason",
                        lb = &lb.name,
                        state = &lb.state,
                        reason = r
                    ),
                    None => crate::t!("provider-lb-state", lb = &lb.name, state = &lb.state),
                });
                o_fixes.push((
                    "not_active",
                    vec![
                        ("lb_arn", lb.arn.clone()),
                        ("lb_name", lb.name.clone()),
                        ("state", lb.state.clone()),
                    ],
                ));
            }
            Some(_) => {}
        }
    }
    let rows = lbs
        .iter()
        .map(|l| {
            vec![
                l.name.clone(),
                l.lb_type.clone(),
                l.scheme.clone(),
                l.state.clone(),
                join(&l.availability_zones),
            ]
        })
        .collect();
    let mut o = if problems.is_empty() {
        let names = join(&lbs.iter().map(|l| l.name.clone()).collect::<Vec<_>>());
        Outcome::pass(if gateway {
            crate::t!("provider-gwlbs-active", count = lbs.len(), names = names)
        } else {
            crate::t!("provider-lbs-active", count = lbs.len(), names = names)
        })
    } else {
        Outcome::fail(problems.join("; "))
    };
    for (k, v) in o_fixes {
        o = o.fix(k, &v);
    }
    o.table(
        crate::t!("provider-table-lbs"),
        &[
            &crate::t!("provider-col-name"),
            &crate::t!("provider-col-type"),
            &crate::t!("provider-col-scheme"),
            &crate::t!("endpoint-col-state"),
            &crate::t!("provider-col-zones"),
        ],
        rows,
    )
}

pub async fn nlb_internal(ctx: &Ctx) -> Outcome {
    let (_, _, lbs) = match provider_lbs(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    let public: Vec<&LoadBalancer> = lbs
        .iter()
        .filter(|l| !l.scheme.eq_ignore_ascii_case("internal"))
        .collect();
    if public.is_empty() {
        return Outcome::pass(crate::t!("provider-lbs-internal", count = lbs.len()));
    }
    // PrivateLink traffic flows the same through either scheme: this is posture.
    let mut o = Outcome::advice(crate::t!(
        "provider-lb-public",
        lb = &public[0].name,
        scheme = &public[0].scheme
    ));
    for lb in public {
        o = o.fix(
            "internal",
            &[
                ("lb_name", lb.name.clone()),
                ("lb_subnets", lb.subnet_ids.join(" ")),
            ],
        );
    }
    o
}

pub async fn nlb_listeners(ctx: &Ctx) -> Outcome {
    let (_, _, lbs) = match provider_lbs(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    let mut empty = Vec::new();
    for lb in &lbs {
        let listeners = match ctx.facts.listeners(&lb.arn).await {
            Ok(l) => l,
            Err(e) => return could_not_tell(ctx, &e, true),
        };
        for l in &listeners {
            rows.push(vec![
                lb.name.clone(),
                l.port.map(|p| p.to_string()).unwrap_or_default(),
                l.protocol.clone(),
                join(
                    &l.target_group_arns
                        .iter()
                        .map(|a| tg_name(a))
                        .collect::<Vec<_>>(),
                ),
            ]);
        }
        if listeners.is_empty() {
            empty.push(lb.clone());
        }
        for port in &ctx.run.ports {
            if !listeners.iter().any(|l| l.port == Some(*port as i32)) {
                gaps.push((lb.clone(), *port));
            }
        }
    }
    let mut o = if !empty.is_empty() && ctx.run.ports.is_empty() {
        let mut o = Outcome::fail(crate::t!("provider-no-listener", lb = &empty[0].name));
        for lb in &empty {
            o = o.fix(
                "add_listener",
                &[
                    ("lb_arn", lb.arn.clone()),
                    ("lb_name", lb.name.clone()),
                    ("port", "443".into()),
                ],
            );
        }
        o
    } else if !gaps.is_empty() {
        let what: Vec<String> = gaps
            .iter()
            .map(|(lb, p)| crate::t!("provider-no-listener-on-port", lb = &lb.name, port = *p))
            .collect();
        let mut o = Outcome::fail(what.join("; "));
        for (lb, p) in &gaps {
            o = o.fix(
                "add_listener",
                &[
                    ("lb_arn", lb.arn.clone()),
                    ("lb_name", lb.name.clone()),
                    ("port", p.to_string()),
                ],
            );
        }
        o
    } else if ctx.run.ports.is_empty() {
        Outcome::pass(crate::t!(
            "provider-listeners-pass",
            count = rows.len(),
            ports = join(&rows.iter().map(|r| r[1].clone()).collect::<Vec<_>>())
        ))
    } else {
        Outcome::pass(crate::t!(
            "provider-listeners-for-ports",
            ports = join(&ctx.run.ports)
        ))
    };
    o = o.table(
        crate::t!("provider-table-listeners"),
        &[
            &crate::t!("provider-col-load-balancer"),
            &crate::t!("provider-col-port"),
            &crate::t!("provider-col-protocol"),
            &crate::t!("provider-col-target-groups"),
        ],
        rows,
    );
    o
}

pub(super) fn tg_name(arn: &str) -> String {
    // arn:…:targetgroup/<name>/<id>
    arn.rsplit('/').nth(1).unwrap_or(arn).to_string()
}

/// The target groups behind the listeners the clients use (every listener without --port).
pub(super) async fn target_groups(ctx: &Ctx, lbs: &[LoadBalancer]) -> Result<Vec<String>, Outcome> {
    let mut groups: Vec<String> = Vec::new();
    for lb in lbs {
        let listeners = ctx
            .facts
            .listeners(&lb.arn)
            .await
            .map_err(|e| could_not_tell(ctx, &e, true))?;
        for l in listeners {
            if !ctx.run.ports.is_empty()
                && !l
                    .port
                    .map(|p| ctx.run.ports.contains(&(p as u16)))
                    .unwrap_or(false)
            {
                continue;
            }
            groups.extend(l.target_group_arns);
        }
    }
    groups.sort();
    groups.dedup();
    Ok(groups)
}

pub async fn nlb_target_health(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let (_, _, lbs) = provider_lbs(ctx).await?;
    let groups = target_groups(ctx, &lbs).await?;
    if groups.is_empty() {
        return Ok(Outcome::unknown(crate::t!(
            "provider-no-forwarding-listener"
        )));
    }
    let mut found = HealthFindings::default();
    for tg in &groups {
        let health = ctx
            .facts
            .target_health(tg)
            .await
            .map_err(|e| could_not_tell(ctx, &e, true))?;
        let name = tg_name(tg);
        found
            .fails
            .extend(alb_target_failures(ctx, &name, &health).await?);
        found.rows.extend(health_rows(&name, &health));
        found.judge_group(tg, &name, &health);
    }
    Ok(found.verdict(&groups))
}

/// What `nlb.target_health` found over the target groups: failures, warnings, the fixes in
/// the order they were asked for, and one evidence row per target.
#[derive(Default)]
struct HealthFindings {
    fails: Vec<String>,
    warns: Vec<String>,
    fixes: Vec<(&'static str, Vec<(&'static str, String)>)>,
    rows: Vec<Vec<String>>,
}

impl HealthFindings {
    /// Judge one target group by its targets' health: none registered fails, none healthy
    /// fails, some unhealthy warns.
    fn judge_group(&mut self, tg: &str, name: &str, health: &[TargetHealth]) {
        if health.is_empty() {
            self.fails
                .push(crate::t!("provider-tg-no-targets", tg = name));
            self.fixes.push((
                "not_registered",
                vec![("tg_arn", tg.to_string()), ("tg_name", name.to_string())],
            ));
            return;
        }
        let bad = not_healthy(health);
        if bad.is_empty() {
            return;
        }
        let healthy = health.len() - bad.len();
        let line = crate::t!(
            "provider-tg-unhealthy",
            tg = name,
            healthy = healthy,
            count = health.len(),
            bad = not_healthy_text(&bad)
        );
        if healthy == 0 {
            self.fails.push(line);
        } else {
            self.warns.push(line);
        }
        self.fixes.extend(unhealthy_fixes(tg, name, &bad));
    }

    /// A failure lists the warnings after it; with neither, every target is healthy.
    fn verdict(self, groups: &[String]) -> Outcome {
        let mut o = if !self.fails.is_empty() {
            let mut all = self.fails;
            all.extend(self.warns);
            Outcome::fail(all.join("; "))
        } else if !self.warns.is_empty() {
            Outcome::warn(self.warns.join("; "))
        } else {
            Outcome::pass(crate::t!(
                "provider-targets-healthy",
                count = self.rows.len(),
                groups = groups.len()
            ))
        };
        for (k, v) in self.fixes {
            o = o.fix(k, &v);
        }
        o = o.var("tg_arn", groups[0].clone());
        o.table(
            crate::t!("provider-table-target-health"),
            &[
                &crate::t!("provider-col-target-group"),
                &crate::t!("provider-col-target"),
                &crate::t!("provider-col-port"),
                &crate::t!("endpoint-col-zone"),
                &crate::t!("endpoint-col-state"),
                &crate::t!("provider-col-reason"),
                &crate::t!("provider-col-description"),
            ],
            self.rows,
        )
    }
}

/// An ALB registered as a target (target type alb) carries traffic only while active: one
/// failure per such target that is gone or not active.
async fn alb_target_failures(
    ctx: &Ctx,
    name: &str,
    health: &[TargetHealth],
) -> Result<Vec<String>, Outcome> {
    let (alb_arns, albs) = super::targets::albs_behind(ctx, health)
        .await
        .map_err(|e| could_not_tell(ctx, &e, true))?;
    let mut fails = Vec::new();
    for arn in &alb_arns {
        match albs.iter().find(|a| &a.arn == arn) {
            None => fails.push(crate::t!(
                "provider-target-lb-missing",
                tg = name,
                lb = lb_name(arn)
            )),
            Some(a) if !a.state.eq_ignore_ascii_case("active") => {
                fails.push(crate::t!(
                    "provider-target-alb-state",
                    tg = name,
                    lb = &a.name,
                    state = &a.state
                ));
            }
            Some(_) => {}
        }
    }
    Ok(fails)
}

fn health_rows(name: &str, health: &[TargetHealth]) -> Vec<Vec<String>> {
    health
        .iter()
        .map(|t| {
            vec![
                name.to_string(),
                t.target_id.clone(),
                t.port.map(|p| p.to_string()).unwrap_or_default(),
                t.availability_zone.clone().unwrap_or_default(),
                t.state.clone(),
                t.reason.clone().unwrap_or_default(),
                t.description.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

/// One fix per kind of trouble among the unhealthy targets of one group.
fn unhealthy_fixes(
    tg: &str,
    name: &str,
    bad: &[&TargetHealth],
) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let mut by_kind: BTreeMap<&'static str, Vec<&TargetHealth>> = BTreeMap::new();
    for t in bad {
        let kind = match t.state.to_ascii_lowercase().as_str() {
            "unhealthy" => "failed_health_checks",
            "unused" => "not_in_use",
            _ => "in_transition",
        };
        by_kind.entry(kind).or_default().push(t);
    }
    by_kind
        .into_iter()
        .map(|(kind, ts)| {
            let targets = ts
                .iter()
                .map(|t| t.target_id.clone())
                .collect::<Vec<_>>()
                .join(", ");
            let hc_port = ts
                .iter()
                .find_map(|t| t.health_check_port.clone())
                .unwrap_or_else(|| crate::t!("provider-hc-port"));
            (
                kind,
                vec![
                    ("tg_arn", tg.to_string()),
                    ("tg_name", name.to_string()),
                    ("targets", targets),
                    ("hc_port", hc_port),
                    ("state", ts[0].state.clone()),
                    (
                        "reason",
                        ts[0]
                            .reason
                            .clone()
                            .unwrap_or_else(|| crate::t!("provider-no-reason")),
                    ),
                ],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals_match_account_root_role_or_star() {
        let p = |v: &[&str]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert!(
            principal_allows(&p(&["arn:aws:iam::111122223333:root"]), "111122223333").is_some()
        );
        assert!(
            principal_allows(&p(&["arn:aws:iam::111122223333:role/x"]), "111122223333").is_some()
        );
        assert!(principal_allows(&p(&["*"]), "111122223333").is_some());
        assert!(
            principal_allows(&p(&["arn:aws:iam::999999999999:root"]), "111122223333").is_none()
        );
        assert!(principal_allows(&p(&[]), "111122223333").is_none());
    }
}
