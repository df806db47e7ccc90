//! The traffic checks on the shared test world, with metrics facts written in.

use super::test_world::World;
use super::{Ctx, evaluate};
use crate::engine::outcome::{Account, Evidence, Status};
use crate::facts::model::{MetricData, MetricQuery, MetricSeries};
use crate::facts::{FactError, FactKey, FactValue};

/// The metrics keys a diagnosis of `world` asks (consumer first), found by asking.
async fn metric_keys(world: &World) -> Vec<FactKey> {
    let copy = World {
        snap: world.snap.clone(),
        facts: world.facts.clone(),
    };
    let ctx: Ctx = copy.ctx();
    for id in ["traffic.resets", "traffic.unhealthy_hosts"] {
        let _ = evaluate(id, &ctx).await;
    }
    let mut keys: Vec<FactKey> = ctx
        .facts
        .recorded()
        .into_iter()
        .map(|(k, _)| k)
        .filter(|k| matches!(k, FactKey::Metrics { .. }))
        .collect();
    keys.sort();
    keys
}

/// The world with every series of both accounts answered by `values(query)` over 15 periods.
async fn with_metrics(world: World, values: impl Fn(&MetricQuery) -> Vec<Option<f64>>) -> World {
    let keys = metric_keys(&world).await;
    assert_eq!(keys.len(), 2, "one metrics fact per account: {keys:?}");
    // The bundled demo records the same two keys: the plan and the demo agree.
    assert!(
        keys.iter()
            .all(|k| World::healthy().facts.iter().any(|(f, _)| f == k)),
        "the demo's metrics keys are the ones the checks ask"
    );
    let mut world = world;
    for key in keys {
        let FactKey::Metrics { queries, .. } = &key else {
            unreachable!()
        };
        let data = MetricData {
            start: "2026-12-02T16:00:00Z".into(),
            end: "2026-12-02T16:15:00Z".into(),
            period_secs: 60,
            series: queries
                .iter()
                .map(|q| MetricSeries {
                    values: values(q),
                    status: "Complete".into(),
                    messages: vec![],
                })
                .collect(),
        };
        world = world.with(key, FactValue::Metrics(data));
    }
    world
}

fn steady(n: f64) -> Vec<Option<f64>> {
    vec![Some(n); 15]
}

/// A healthy, busy service: connections every minute, no drops, resets or unhealthy hosts.
fn busy(q: &MetricQuery) -> Vec<Option<f64>> {
    match q.metric.as_str() {
        "NewConnections" | "ActiveConnections" => steady(5.0),
        "BytesProcessed" => steady(4096.0),
        "HealthyHostCount" => steady(2.0),
        _ => steady(0.0),
    }
}

fn series_titles(o: &crate::engine::outcome::Outcome) -> Vec<String> {
    o.evidence
        .iter()
        .filter_map(|e| match e {
            Evidence::Series { title, lines, .. } => {
                assert!(!lines.is_empty(), "{title} has lines");
                Some(title.clone())
            }
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_busy_healthy_endpoint_passes_every_traffic_check_with_its_series_and_window() {
    let world = with_metrics(World::healthy(), busy).await;
    let ctx = world.ctx();
    for id in [
        "traffic.reaches_endpoint",
        "traffic.endpoint_drops",
        "traffic.resets",
        "traffic.unhealthy_hosts",
        "traffic.port_allocation",
    ] {
        let o = evaluate(id, &ctx).await;
        assert_eq!(o.status, Status::Pass, "{id}: {}", o.summary);
        assert!(!series_titles(&o).is_empty(), "{id} carries series");
        assert!(
            o.evidence.iter().any(|e| matches!(e, Evidence::Field { name, value } if name == "window" && value.starts_with("last 15m"))),
            "{id} says its window"
        );
        assert!(
            o.vars
                .iter()
                .any(|(k, v)| k == "metric_queries" && v.contains("\"Id\":\"q0\"")),
            "{id} can reproduce its request"
        );
    }
}

#[tokio::test]
async fn an_idle_endpoint_is_a_warning_never_a_failure_and_no_data_is_not_zero() {
    let idle = with_metrics(World::healthy(), |q| match q.metric.as_str() {
        "HealthyHostCount" => steady(2.0),
        _ => steady(0.0),
    })
    .await;
    let o = idle.eval("traffic.reaches_endpoint").await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    assert!(
        o.summary
            .contains("traffic never reaches the endpoint in the last 15m")
    );
    assert!(o.summary.contains("DNS, routes and the client side"));
    let silent = with_metrics(World::healthy(), |_| vec![None; 15]).await;
    let ctx = silent.ctx();
    for id in [
        "traffic.reaches_endpoint",
        "traffic.endpoint_drops",
        "traffic.resets",
        "traffic.unhealthy_hosts",
        "traffic.port_allocation",
    ] {
        let o = evaluate(id, &ctx).await;
        assert_eq!(o.status, Status::NotApplicable, "{id}: {}", o.summary);
        assert!(o.summary.contains("no data"), "{id}: {}", o.summary);
    }
}

#[tokio::test]
async fn drops_resets_flapping_hosts_and_port_errors_are_named() {
    let world = with_metrics(World::healthy(), |q| match q.metric.as_str() {
        "PacketsDropped" => steady(3.0),
        "TCP_ELB_Reset_Count" => steady(1.0),
        "UnHealthyHostCount" if q.dimensions.iter().any(|(_, v)| v == "us-east-1c") => {
            let mut v = steady(0.0);
            v[3] = Some(1.0);
            v
        }
        "PortAllocationErrorCount" => {
            let mut v = steady(0.0);
            v[14] = Some(7.0);
            v
        }
        other => busy(&MetricQuery {
            metric: other.into(),
            ..q.clone()
        }),
    })
    .await;
    let ctx = world.ctx();
    let drops = evaluate("traffic.endpoint_drops", &ctx).await;
    assert_eq!(drops.status, Status::Warn, "{}", drops.summary);
    assert!(
        drops.summary.contains("dropped 45 packets"),
        "{}",
        drops.summary
    );
    let resets = evaluate("traffic.resets", &ctx).await;
    assert_eq!(resets.status, Status::Warn, "{}", resets.summary);
    assert!(
        resets.summary.contains("the NLB reset 15"),
        "{}",
        resets.summary
    );
    assert!(resets.summary.contains("keepalives"), "{}", resets.summary);
    let hosts = evaluate("traffic.unhealthy_hosts", &ctx).await;
    assert_eq!(hosts.status, Status::Warn, "{}", hosts.summary);
    assert!(
        hosts
            .summary
            .contains("us-east-1c: unhealthy hosts in 1 of 15 periods"),
        "{}",
        hosts.summary
    );
    let ports = evaluate("traffic.port_allocation", &ctx).await;
    assert_eq!(ports.status, Status::Fail, "{}", ports.summary);
    assert!(
        ports.summary.starts_with("7 connections"),
        "{}",
        ports.summary
    );
}

#[tokio::test]
async fn resets_as_fast_as_connections_fail() {
    let world = with_metrics(World::healthy(), |q| match q.metric.as_str() {
        "TCP_Target_Reset_Count" => steady(5.0),
        _ => busy(q),
    })
    .await;
    let o = world.eval("traffic.resets").await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("the targets reset 75"), "{}", o.summary);
}

#[tokio::test]
async fn a_denied_read_names_the_action_and_an_old_snapshot_is_not_recorded() {
    let keys = metric_keys(&World::healthy()).await;
    let mut world = World::healthy();
    for key in &keys {
        world = world.with_err(
            key.clone(),
            FactError::AccessDenied {
                operation: "GetMetricData".into(),
                action: "cloudwatch:GetMetricData".into(),
                code: "AccessDenied".into(),
                message: "no".into(),
            },
        );
    }
    let ctx = world.ctx();
    for id in ["traffic.reaches_endpoint", "traffic.unhealthy_hosts"] {
        let o = evaluate(id, &ctx).await;
        assert_eq!(o.status, Status::Unknown, "{id}");
        assert!(
            o.summary.contains("cloudwatch:GetMetricData"),
            "{}",
            o.summary
        );
    }
    let mut old = World::healthy();
    old.facts
        .retain(|(k, _)| !matches!(k, FactKey::Metrics { .. }));
    let old = old.eval("traffic.reaches_endpoint").await;
    assert_eq!(old.status, Status::NotApplicable, "{}", old.summary);
    assert!(old.summary.starts_with("not recorded"), "{}", old.summary);
}

#[tokio::test]
async fn the_plan_reads_the_documented_dimensions_per_subnet_zone_and_target_group() {
    let keys = metric_keys(&World::healthy()).await;
    let queries = |account: Account| -> Vec<MetricQuery> {
        keys.iter()
            .find_map(|k| match k {
                FactKey::Metrics {
                    account: a,
                    queries,
                    window_secs,
                    period_secs,
                } if *a == account => {
                    assert_eq!((*window_secs, *period_secs), (900, 60));
                    Some(queries.clone())
                }
                FactKey::InRegion { .. } => None,
                _ => None,
            })
            .unwrap_or_default()
    };
    let consumer = queries(Account::Consumer);
    let names = |q: &MetricQuery| {
        q.dimensions
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    assert!(consumer.iter().any(|q| q.metric == "NewConnections"
        && names(q) == "Endpoint Type,Service Name,VPC Endpoint Id,VPC Id"));
    assert!(consumer.iter().any(|q| q.metric == "PacketsDropped"
        && names(q) == "Endpoint Type,Service Name,VPC Endpoint Id,VPC Id,Subnet Id"));
    let provider = queries(Account::Provider);
    let lb = provider
        .iter()
        .find(|q| q.metric == "TCP_ELB_Reset_Count")
        .expect("NLB resets are read");
    assert!(lb.dimensions[0].1.starts_with("net/"), "{lb:?}");
    assert!(provider.iter().any(|q| q.metric == "UnHealthyHostCount"
        && names(q) == "AvailabilityZone,LoadBalancer,TargetGroup"
        && q.dimensions[2].1.starts_with("targetgroup/")));
    assert!(
        provider
            .iter()
            .any(|q| q.namespace == "AWS/PrivateLinkServices" && q.metric == "RstPacketsSent")
    );
}

#[test]
fn load_balancer_dimensions_come_from_the_type_not_the_arn_spelling() {
    let lb = crate::facts::model::LoadBalancer {
        arn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/svc/50dc6c495c0c9188".into(),
        name: "svc".into(),
        lb_type: "network".into(),
        ..Default::default()
    };
    assert_eq!(
        super::traffic::lb_dimension(&lb),
        "net/svc/50dc6c495c0c9188"
    );
    assert_eq!(
        super::traffic::tg_dimension(
            "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/6d0ecf831eec9f09"
        ),
        "targetgroup/web/6d0ecf831eec9f09"
    );
}
