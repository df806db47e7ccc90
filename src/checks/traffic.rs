//! Observed traffic: what the endpoint, the endpoint service and the NLB counted over the
//! last `--window` (CloudWatch). Every series of a diagnosis is read in one GetMetricData
//! request per account: each check builds the same plan, so the facts are asked once.
//! Verdicts are about observed data only, and "no datapoint" is never read as zero.

use super::*;
use crate::context::period_for;
use crate::engine::outcome::{SeriesLine, number};
use crate::facts::model::{LoadBalancer, MetricData, MetricQuery};

const ENDPOINTS: &str = "AWS/PrivateLinkEndpoints";
const SERVICES: &str = "AWS/PrivateLinkServices";
const NLB: &str = "AWS/NetworkELB";

/// One series of the plan: the query, which metric it shows and the line it draws.
#[derive(Debug, Clone)]
struct Wanted {
    query: MetricQuery,
    label: String,
}

/// The series one diagnosis reads, per account, and why a side is missing.
struct Plan {
    window_secs: u32,
    period_secs: u32,
    consumer: Vec<Wanted>,
    provider: Vec<Wanted>,
    /// Why the consumer's series are not read (gateway, cross-Region …).
    consumer_gap: Option<Outcome>,
    /// Why the provider's series are not read (not readable, AWS-owned …).
    provider_gap: Option<Outcome>,
}

fn query(namespace: &str, metric: &str, stat: &str, dims: &[(&str, &str)]) -> MetricQuery {
    MetricQuery {
        namespace: namespace.into(),
        metric: metric.into(),
        stat: stat.into(),
        dimensions: dims
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// The statistic each metric is read with.
fn stat_of(metric: &str) -> &'static str {
    match metric {
        "ActiveConnections" | "HealthyHostCount" | "UnHealthyHostCount" => "Maximum",
        _ => "Sum",
    }
}

const ENDPOINT_METRICS: &[&str] = &[
    "NewConnections",
    "ActiveConnections",
    "PacketsDropped",
    "RstPacketsReceived",
    "BytesProcessed",
];
const NLB_COUNTS: &[&str] = &[
    "TCP_Target_Reset_Count",
    "TCP_ELB_Reset_Count",
    "TCP_Client_Reset_Count",
    "PortAllocationErrorCount",
];

/// `net/<name>/<id>`: the CloudWatch `LoadBalancer` dimension, from the load balancer's type
/// and the last part of its ARN (moto spells every ARN `app/…`; AWS uses `net/…`).
pub(super) fn lb_dimension(lb: &LoadBalancer) -> String {
    let id = lb.arn.rsplit('/').next().unwrap_or_default();
    let kind = match lb.lb_type.to_ascii_lowercase().as_str() {
        "gateway" => "gwy",
        "application" => "app",
        _ => "net",
    };
    format!("{kind}/{}/{id}", lb.name)
}

/// `targetgroup/<name>/<id>`: the CloudWatch `TargetGroup` dimension, the ARN's resource.
pub(super) fn tg_dimension(arn: &str) -> String {
    match arn.find("targetgroup/") {
        Some(at) => arn[at..].to_string(),
        None => arn.to_string(),
    }
}

async fn consumer_series(ctx: &Ctx) -> Result<(Endpoint, Vec<Wanted>), Outcome> {
    let ep = interface_endpoint_or(ctx, &crate::t!("traffic-gateway-why")).await?;
    if let Some(region) = super::xregion::service_region(ctx, &ep) {
        return Err(Outcome::not_applicable(crate::t!(
            "traffic-cross-region-na",
            region = region
        )));
    }
    let zones = super::az::endpoint_zones(ctx, &ep)
        .await
        .unwrap_or_default();
    let base = [
        ("Endpoint Type", ep.endpoint_type.as_str()),
        ("Service Name", ep.service_name.as_str()),
        ("VPC Endpoint Id", ep.id.as_str()),
        ("VPC Id", ep.vpc_id.as_str()),
    ];
    let mut out = Vec::new();
    for metric in ENDPOINT_METRICS {
        out.push(Wanted {
            query: query(ENDPOINTS, metric, stat_of(metric), &base),
            label: format!("{} (all subnets)", ep.id),
        });
        for subnet in &ep.subnet_ids {
            let mut dims = base.to_vec();
            dims.push(("Subnet Id", subnet.as_str()));
            let label = match zones.iter().find(|(s, _, _)| s == subnet) {
                Some((_, name, id)) => format!("{subnet} ({name}, {id})"),
                None => subnet.clone(),
            };
            out.push(Wanted {
                query: query(ENDPOINTS, metric, stat_of(metric), &dims),
                label,
            });
        }
    }
    Ok((ep, out))
}

async fn provider_series(ctx: &Ctx) -> Result<Vec<Wanted>, Outcome> {
    let (ep, cfg, lbs) = super::provider::provider_lbs(ctx).await?;
    let mut out = Vec::new();
    for metric in ["NewConnections", "RstPacketsSent"] {
        out.push(Wanted {
            query: query(
                SERVICES,
                metric,
                stat_of(metric),
                &[("Service Id", &cfg.service_id), ("VPC Endpoint Id", &ep.id)],
            ),
            label: format!("{} → {}", ep.id, cfg.service_id),
        });
    }
    for lb in &lbs {
        let lb_dim = lb_dimension(lb);
        for metric in NLB_COUNTS {
            out.push(Wanted {
                query: query(NLB, metric, stat_of(metric), &[("LoadBalancer", &lb_dim)]),
                label: lb.name.clone(),
            });
        }
        let groups = super::provider::target_groups(ctx, std::slice::from_ref(lb)).await?;
        for tg in &groups {
            let tg_dim = tg_dimension(tg);
            for zone in &lb.availability_zones {
                for metric in ["HealthyHostCount", "UnHealthyHostCount"] {
                    out.push(Wanted {
                        query: query(
                            NLB,
                            metric,
                            stat_of(metric),
                            &[
                                ("AvailabilityZone", zone),
                                ("LoadBalancer", &lb_dim),
                                ("TargetGroup", &tg_dim),
                            ],
                        ),
                        label: format!("{} {zone}", super::provider::tg_name(tg)),
                    });
                }
            }
        }
    }
    Ok(out)
}

async fn plan(ctx: &Ctx) -> Result<(Endpoint, Plan), Outcome> {
    let ep = endpoint_or(ctx).await?;
    let window_secs = crate::context::window_or_default(ctx.run.window_secs);
    let (consumer, consumer_gap) = match consumer_series(ctx).await {
        Ok((_, c)) => (c, None),
        Err(o) => (Vec::new(), Some(o)),
    };
    let (provider, provider_gap) = if consumer_gap.is_some() {
        // Gateway and cross-Region endpoints: no NLB metrics are read either (the first has
        // none; the second's provider side is in another Region's CloudWatch).
        (Vec::new(), consumer_gap.clone())
    } else {
        match provider_series(ctx).await {
            Ok(p) => (p, None),
            Err(o) => (Vec::new(), Some(o)),
        }
    };
    Ok((
        ep,
        Plan {
            window_secs,
            period_secs: period_for(window_secs),
            consumer,
            provider,
            consumer_gap,
            provider_gap,
        },
    ))
}

/// One metric's lines as read: (label, values), and the window they cover.
struct Read {
    data: MetricData,
    lines: Vec<(MetricQuery, String, Vec<Option<f64>>)>,
}

impl Read {
    fn metric(&self, namespace: &str, metric: &str) -> Vec<SeriesLine> {
        self.lines
            .iter()
            .filter(|(q, _, _)| q.namespace == namespace && q.metric == metric)
            .map(|(_, label, values)| SeriesLine {
                label: label.clone(),
                values: values.clone(),
            })
            .collect()
    }
}

/// The series of one side of the plan, or the `unknown` verdict naming what was missing.
async fn read(ctx: &Ctx, plan: &Plan, account: Account) -> Result<Read, Outcome> {
    let (wanted, gap) = match account {
        Account::Consumer => (&plan.consumer, &plan.consumer_gap),
        Account::Provider => (&plan.provider, &plan.provider_gap),
    };
    if let Some(gap) = gap {
        return Err(gap.clone());
    }
    // One request per endpoint would make a fleet's calls grow with its endpoints.
    if ctx.run.fleet {
        return Err(Outcome::not_applicable(crate::t!(
            "traffic-fleet-na",
            target = &ctx.run.target
        )));
    }
    let queries: Vec<MetricQuery> = wanted.iter().map(|w| w.query.clone()).collect();
    match ctx
        .facts
        .metrics(account, plan.window_secs, plan.period_secs, queries)
        .await
    {
        Ok(data) => Ok(Read {
            lines: wanted
                .iter()
                .zip(&data.series)
                .map(|(w, s)| (w.query.clone(), w.label.clone(), s.values.clone()))
                .collect(),
            data,
        }),
        // A snapshot taken before the traffic checks: nothing observed to judge, and nothing
        // the user could grant to learn more from this file (a live run reads the metrics).
        Err(crate::facts::FactError::NotRecorded { .. }) => {
            Err(Outcome::not_applicable(crate::t!("traffic-not-recorded")))
        }
        Err(e) => Err(could_not_tell(ctx, &e, account == Account::Provider)),
    }
}

/// `last 15m`, `last 1h`, `last 90s`: the window as the user typed it.
pub fn window_text(secs: u32) -> String {
    if secs.is_multiple_of(3600) {
        crate::t!("traffic-window-hours", n = secs / 3600)
    } else if secs.is_multiple_of(60) {
        crate::t!("traffic-window-minutes", n = secs / 60)
    } else {
        crate::t!("traffic-window-seconds", n = secs)
    }
}

/// The series and the window of the metrics read, on a verdict.
trait Observed {
    fn series(self, title: &str, unit: &str, data: &MetricData, lines: Vec<SeriesLine>) -> Self;
    fn window(self, plan: &Plan, data: &MetricData) -> Self;
    fn reproduce(self, data: &MetricData, queries: Vec<MetricQuery>) -> Self;
}

impl Observed for Outcome {
    fn series(self, title: &str, unit: &str, data: &MetricData, lines: Vec<SeriesLine>) -> Self {
        self.with_series(
            title,
            unit,
            (&data.start, &data.end),
            data.period_secs,
            lines,
        )
    }

    fn window(self, plan: &Plan, data: &MetricData) -> Self {
        self.field(
            crate::t!("traffic-field-window"),
            crate::t!(
                "traffic-window-value",
                window = window_text(plan.window_secs),
                start = &data.start,
                end = &data.end,
                period = data.period_secs
            ),
        )
    }

    /// The `aws cloudwatch get-metric-data` request that reads `queries` over the same window.
    fn reproduce(self, data: &MetricData, queries: Vec<MetricQuery>) -> Self {
        let asked: Vec<serde_json::Value> = queries
            .iter()
            .enumerate()
            .map(|(i, q)| {
                serde_json::json!({
                    "Id": format!("q{i}"),
                    "MetricStat": {
                        "Metric": {
                            "Namespace": q.namespace,
                            "MetricName": q.metric,
                            "Dimensions": q.dimensions.iter()
                                .map(|(k, v)| serde_json::json!({"Name": k, "Value": v}))
                                .collect::<Vec<_>>(),
                        },
                        "Period": data.period_secs,
                        "Stat": q.stat,
                    }
                })
            })
            .collect();
        let json = serde_json::Value::Array(asked).to_string();
        // Inside single quotes in a shell: a value from AWS with a quote is never pasted.
        if json.contains('\'') || queries.is_empty() {
            return self;
        }
        self.var("metric_start", data.start.clone())
            .var("metric_end", data.end.clone())
            .var("metric_queries", json)
    }
}

/// The queries of the plan's first line of each of `metrics` in `namespace` (the
/// whole-endpoint or whole-NLB line), for the reproduce command.
fn primary(read: &Read, namespace: &str, metrics: &[&str]) -> Vec<MetricQuery> {
    metrics
        .iter()
        .filter_map(|m| {
            read.lines
                .iter()
                .find(|(q, _, _)| q.namespace == namespace && q.metric == *m)
                .map(|(q, _, _)| q.clone())
        })
        .collect()
}

fn total(lines: &[SeriesLine]) -> Option<f64> {
    lines
        .iter()
        .filter_map(SeriesLine::total)
        .reduce(|a, b| a + b)
}

/// The whole-endpoint line of a consumer metric (the first; the others are its subnets).
fn endpoint_total(lines: &[SeriesLine]) -> Option<f64> {
    lines.first().and_then(SeriesLine::total)
}

/// The subnets' lines of a consumer metric whose total is above zero, worst first.
fn worst(lines: &[SeriesLine]) -> String {
    let mut hit: Vec<(&str, f64)> = lines
        .iter()
        .skip(1)
        .filter_map(|l| Some((l.label.as_str(), l.total().filter(|t| *t > 0.0)?)))
        .collect();
    hit.sort_by(|a, b| b.1.total_cmp(&a.1));
    hit.iter()
        .map(|(l, t)| format!("{l}: {}", number(*t)))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn consumer_read(ctx: &Ctx) -> Result<(Plan, Read), Outcome> {
    let (_, plan) = plan(ctx).await?;
    let read = read(ctx, &plan, Account::Consumer).await?;
    Ok((plan, read))
}

pub async fn reaches_endpoint(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let (plan, r) = consumer_read(ctx).await?;
    let new = r.metric(ENDPOINTS, "NewConnections");
    let active = r.metric(ENDPOINTS, "ActiveConnections");
    let bytes = r.metric(ENDPOINTS, "BytesProcessed");
    let window = window_text(plan.window_secs);
    let o = match endpoint_total(&new).or(total(&new)) {
        None => Outcome::not_applicable(crate::t!("traffic-reach-no-data", window = &window)),
        Some(0.0) => Outcome::warn(crate::t!("traffic-reach-none", window = &window)),
        Some(n) => Outcome::pass(crate::t!(
            "traffic-reach-pass",
            count = number(n),
            window = &window,
            peak = new
                .first()
                .and_then(SeriesLine::peak)
                .map_or("?".into(), number)
        )),
    };
    Ok(o.window(&plan, &r.data)
        .reproduce(&r.data, primary(&r, ENDPOINTS, &["NewConnections"]))
        .series("NewConnections", "connections", &r.data, new)
        .series(
            "ActiveConnections (maximum)",
            "connections",
            &r.data,
            active,
        )
        .series("BytesProcessed", "bytes", &r.data, bytes))
}

pub async fn endpoint_drops(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let (plan, r) = consumer_read(ctx).await?;
    let drops = r.metric(ENDPOINTS, "PacketsDropped");
    let window = window_text(plan.window_secs);
    let o = match endpoint_total(&drops).or(total(&drops)) {
        None => Outcome::not_applicable(crate::t!("traffic-drops-no-data", window = &window)),
        Some(0.0) => Outcome::pass(crate::t!("traffic-drops-none", window = &window)),
        Some(n) => {
            let at = worst(&drops);
            Outcome::warn(crate::t!(
                "traffic-drops-warn",
                count = number(n),
                window = &window,
                at = if at.is_empty() {
                    String::new()
                } else {
                    format!(" ({at})")
                }
            ))
        }
    };
    Ok(o.window(&plan, &r.data)
        .reproduce(&r.data, primary(&r, ENDPOINTS, &["PacketsDropped"]))
        .series("PacketsDropped", "packets", &r.data, drops))
}

pub async fn resets(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let (plan, c) = consumer_read(ctx).await?;
    let window = window_text(plan.window_secs);
    let received = c.metric(ENDPOINTS, "RstPacketsReceived");
    let new = endpoint_total(&c.metric(ENDPOINTS, "NewConnections")).unwrap_or(0.0);
    let provider = read(ctx, &plan, Account::Provider).await;
    let mut said = Vec::new();
    let mut any_data = endpoint_total(&received).is_some();
    let mut nlb_resets = 0.0;
    let mut o_evidence: Vec<(String, &str, Vec<SeriesLine>, &MetricData)> = vec![(
        "RstPacketsReceived (at the endpoint)".into(),
        "packets",
        received.clone(),
        &c.data,
    )];
    if let Some(n) = endpoint_total(&received).filter(|n| *n > 0.0) {
        said.push(crate::t!(
            "traffic-endpoint-received-resets",
            count = number(n)
        ));
    }
    let provider_note = match &provider {
        Ok(p) => {
            for (metric, who) in [
                ("TCP_Target_Reset_Count", "targets"),
                ("TCP_ELB_Reset_Count", "nlb"),
                ("TCP_Client_Reset_Count", "clients"),
            ] {
                let lines = p.metric(NLB, metric);
                if let Some(n) = total(&lines) {
                    any_data = true;
                    if n > 0.0 {
                        said.push(crate::t!("traffic-resets-by", who = who, count = number(n)));
                        // Only the targets' resets fail connections as they are made:
                        // the NLB's own are idle connections timing out (keepalive hygiene)
                        // and clients' are clients closing.
                        if metric == "TCP_Target_Reset_Count" {
                            nlb_resets += n;
                        }
                    }
                }
                o_evidence.push((metric.into(), "resets", lines, &p.data));
            }
            o_evidence.push((
                "RstPacketsSent (by the service)".into(),
                "packets",
                p.metric(SERVICES, "RstPacketsSent"),
                &p.data,
            ));
            None
        }
        Err(o) => Some(o.summary.clone()),
    };
    let mut o = if !any_data {
        Outcome::not_applicable(crate::t!("traffic-resets-no-data", window = &window))
    } else if said.is_empty() {
        Outcome::pass(crate::t!("traffic-resets-none", window = &window))
    } else if nlb_resets > 0.0 && new > 0.0 && nlb_resets >= new {
        Outcome::fail(crate::t!(
            "traffic-resets-fail",
            window = &window,
            resets = number(nlb_resets),
            new = number(new),
            said = said.join("; ")
        ))
    } else {
        Outcome::warn(crate::t!(
            "traffic-resets-warn",
            window = &window,
            said = said.join("; ")
        ))
    };
    if let Some(note) = provider_note {
        o = o.field(
            crate::t!("traffic-field-provider-side"),
            crate::t!("traffic-not-read", note = note),
        );
    }
    o = o
        .window(&plan, &c.data)
        .reproduce(&c.data, primary(&c, ENDPOINTS, &["RstPacketsReceived"]));
    for (title, unit, lines, data) in o_evidence {
        o = o.series(&title, unit, data, lines);
    }
    Ok(o)
}

async fn provider_read(ctx: &Ctx) -> Result<(Plan, Read), Outcome> {
    let (_, plan) = plan(ctx).await?;
    let read = read(ctx, &plan, Account::Provider).await?;
    Ok((plan, read))
}

pub async fn unhealthy_hosts(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let (plan, p) = provider_read(ctx).await?;
    let window = window_text(plan.window_secs);
    let unhealthy = p.metric(NLB, "UnHealthyHostCount");
    let healthy = p.metric(NLB, "HealthyHostCount");
    let flapping: Vec<String> = unhealthy
        .iter()
        .filter_map(|l| {
            let bad = l.values.iter().flatten().filter(|v| **v > 0.0).count();
            (bad > 0).then(|| {
                crate::t!(
                    "traffic-flapping",
                    label = &l.label,
                    bad = bad,
                    total = l.values.len(),
                    peak = l.peak().map_or("?".into(), number),
                    last = l
                        .last()
                        .map_or_else(|| crate::t!("traffic-no-data-cell"), number)
                )
            })
        })
        .collect();
    let none_healthy_now = !healthy.is_empty()
        && healthy.iter().all(|l| l.last().is_some_and(|v| v == 0.0))
        && unhealthy.iter().any(|l| l.last().is_some_and(|v| v > 0.0));
    let o = if total(&unhealthy).is_none() && total(&healthy).is_none() {
        Outcome::not_applicable(crate::t!("traffic-hosts-no-data", window = &window))
    } else if none_healthy_now {
        Outcome::fail(crate::t!(
            "traffic-hosts-none-healthy",
            window = &window,
            flapping = flapping.join("; ")
        ))
    } else if !flapping.is_empty() {
        Outcome::warn(crate::t!(
            "traffic-hosts-flapping",
            window = &window,
            flapping = flapping.join("; ")
        ))
    } else {
        Outcome::pass(crate::t!("traffic-hosts-pass", window = &window))
    };
    Ok(o.window(&plan, &p.data)
        .reproduce(&p.data, primary(&p, NLB, &["UnHealthyHostCount"]))
        .series("UnHealthyHostCount (maximum)", "hosts", &p.data, unhealthy)
        .series("HealthyHostCount (maximum)", "hosts", &p.data, healthy))
}

pub async fn port_allocation(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let (plan, p) = provider_read(ctx).await?;
    let window = window_text(plan.window_secs);
    let errors = p.metric(NLB, "PortAllocationErrorCount");
    let published = p
        .lines
        .iter()
        .any(|(q, _, v)| q.namespace == NLB && v.iter().any(Option::is_some));
    let o = match total(&errors) {
        Some(n) if n > 0.0 => Outcome::fail(crate::t!(
            "traffic-ports-fail",
            count = number(n),
            window = &window
        )),
        Some(_) => Outcome::pass(crate::t!("traffic-ports-pass", window = &window)),
        None if published => {
            Outcome::pass(crate::t!("traffic-ports-unpublished", window = &window))
        }
        None => Outcome::not_applicable(crate::t!("traffic-ports-no-data", window = &window)),
    };
    Ok(o.window(&plan, &p.data)
        .reproduce(&p.data, primary(&p, NLB, &["PortAllocationErrorCount"]))
        .series("PortAllocationErrorCount", "errors", &p.data, errors))
}
