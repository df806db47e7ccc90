//! Every kind of endpoint judged over the bundled healthy demo with the endpoint turned into
//! that kind: Gateway Load Balancer, Resource and ServiceNetwork endpoints, and a type or state
//! this tool does not know. Healthy set-ups raise no `fail` and no avoidable `unknown`; each
//! broken one names one root cause with its fix.

use super::test_world::{EP, World, var, with_status};
use crate::engine::outcome::Status;
use crate::facts::model::*;
use crate::facts::{FactKey, FactValue};

const VPC: &str = "vpc-0c3f9a7d2e1b45a60";
const SVC_ID: &str = "vpce-svc-0f1e2d3c4b5a69788";
const GWLB: &str =
    "arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/gwy/inspect/0a1b2c3d4e5f6071";
const GWLB_TG: &str =
    "arn:aws:elasticloadbalancing:us-east-1:444455556666:targetgroup/appliances/1a2b3c4d5e6f7081";
const RCFG: &str =
    "arn:aws:vpc-lattice:us-east-1:444455556666:resourceconfiguration/rcfg-0f1e2d3c4b5a69788";
const SN: &str = "arn:aws:vpc-lattice:us-east-1:444455556666:servicenetwork/sn-0f1e2d3c4b5a69788";

fn route(destination: &str, target: &str, state: &str) -> Route {
    Route {
        destination: destination.into(),
        target: target.into(),
        state: state.into(),
        origin: String::new(),
    }
}

fn gwlb_routes(routes: Vec<Route>) -> FactValue {
    FactValue::RouteTables(vec![
        RouteTable {
            id: "rtb-0app".into(),
            vpc_id: VPC.into(),
            main: false,
            subnet_ids: vec!["subnet-0b8e7d6c5f4a30291".into()],
            routes,
        },
        RouteTable {
            id: "rtb-0main".into(),
            vpc_id: VPC.into(),
            main: true,
            subnet_ids: vec![],
            routes: vec![route("10.40.0.0/16", "local", "active")],
        },
    ])
}

fn appliance(id: &str, state: &str, reason: Option<&str>) -> TargetHealth {
    TargetHealth {
        target_id: id.into(),
        port: Some(6081),
        availability_zone: Some("us-east-1c".into()),
        state: state.into(),
        reason: reason.map(str::to_string),
        ..Default::default()
    }
}

/// A healthy GWLB endpoint: one subnet, no security groups or DNS names, the application
/// subnets' default route through it, a service behind a GWLB with healthy appliances.
fn gwlb_world() -> World {
    let w = World::healthy().with_endpoint(|ep| {
        ep.endpoint_type = "GatewayLoadBalancer".into();
        ep.subnet_ids.truncate(1);
        ep.network_interface_ids.truncate(1);
        ep.security_group_ids.clear();
        ep.dns_entries.clear();
        ep.private_dns_enabled = Some(false);
        ep.ip_address_type = Some("ipv4".into());
        ep.dns_record_ip_type = None;
    });
    let key = FactKey::ServiceConfig {
        service_id: SVC_ID.into(),
    };
    let FactValue::ServiceConfig(mut cfg) = w.value(&key) else {
        unreachable!()
    };
    cfg.network_load_balancer_arns.clear();
    cfg.gateway_load_balancer_arns = vec![GWLB.into()];
    cfg.private_dns_name = None;
    let detail_key = FactKey::ServiceDetail {
        service_name: format!("com.amazonaws.vpce.us-east-1.{SVC_ID}"),
        service_type: None,
    };
    let FactValue::ServiceDetail(Some(mut detail)) = w.value(&detail_key) else {
        unreachable!()
    };
    detail.service_type = vec!["GatewayLoadBalancer".into()];
    detail.private_dns_name = None;
    detail.private_dns_verification_state = None;
    w.with(key, FactValue::ServiceConfig(cfg))
        .with(detail_key, FactValue::ServiceDetail(Some(detail)))
        .with(
            FactKey::NetworkInterfaces {
                ids: vec!["eni-0d4c3b2a19f8e7d60".into()],
            },
            FactValue::NetworkInterfaces(vec![NetworkInterface {
                id: "eni-0d4c3b2a19f8e7d60".into(),
                subnet_id: "subnet-0a9d8c7b6e5f40312".into(),
                availability_zone: "us-east-1a".into(),
                private_ip: Some("10.40.1.87".into()),
                status: "in-use".into(),
                ..Default::default()
            }]),
        )
        .with(
            FactKey::RouteTables { vpc_id: VPC.into() },
            gwlb_routes(vec![
                route("10.40.0.0/16", "local", "active"),
                route("0.0.0.0/0", EP, "active"),
            ]),
        )
        .with(
            FactKey::LoadBalancers {
                arns: vec![GWLB.into()],
            },
            FactValue::LoadBalancers(vec![LoadBalancer {
                arn: GWLB.into(),
                name: "inspect".into(),
                lb_type: "gateway".into(),
                scheme: "internal".into(),
                state: "active".into(),
                availability_zones: vec!["us-east-1c".into(), "us-east-1d".into()],
                ..Default::default()
            }]),
        )
        .with(
            FactKey::Listeners {
                load_balancer_arn: GWLB.into(),
            },
            FactValue::Listeners(vec![Listener {
                arn: format!("{GWLB}/listener"),
                port: None,
                protocol: String::new(),
                target_group_arns: vec![GWLB_TG.into()],
            }]),
        )
        .with(
            FactKey::TargetHealth {
                target_group_arn: GWLB_TG.into(),
            },
            FactValue::TargetHealth(vec![
                appliance("i-0aa1", "healthy", None),
                appliance("i-0bb2", "healthy", None),
            ]),
        )
}

#[tokio::test]
async fn a_healthy_gateway_load_balancer_endpoint_raises_no_fail_and_no_unknown() {
    // Before: gateway.route_tables said "do not use route tables", endpoint.subnets "regional:
    // they have no subnets", and nothing looked at the routes or the appliances.
    let all = gwlb_world().eval_all().await;
    assert!(with_status(&all, Status::Fail).is_empty(), "{all:#?}");
    assert!(with_status(&all, Status::Unknown).is_empty(), "{all:#?}");
    assert!(with_status(&all, Status::Warn).is_empty(), "{all:#?}");
    let passed = with_status(&all, Status::Pass);
    for id in [
        "gwlb.route_tables",
        "gwlb.subnet",
        "gwlb.target_health",
        "service.connection",
    ] {
        assert!(
            passed.iter().any(|p| p.starts_with(&format!("{id}:"))),
            "{id} passes: {all:#?}"
        );
    }
    let subnets = all.iter().find(|(id, _)| id == "endpoint.subnets").unwrap();
    assert_eq!(subnets.1.status, Status::NotApplicable);
    assert!(
        !subnets.1.summary.contains("regional"),
        "{}",
        subnets.1.summary
    );
}

#[tokio::test]
async fn a_gateway_load_balancer_endpoint_without_a_route_is_the_one_root_cause() {
    let w = gwlb_world().with(
        FactKey::RouteTables { vpc_id: VPC.into() },
        gwlb_routes(vec![route("10.40.0.0/16", "local", "active")]),
    );
    let all = w.eval_all().await;
    let fails = with_status(&all, Status::Fail);
    assert_eq!(fails.len(), 1, "{fails:#?}");
    assert!(fails[0].starts_with("gwlb.route_tables:"), "{fails:?}");
    let o = &all
        .iter()
        .find(|(id, _)| id == "gwlb.route_tables")
        .unwrap()
        .1;
    assert_eq!(o.fixes.len(), 1);
    assert_eq!(o.fixes[0].key, "add_route");
}

#[tokio::test]
async fn a_blackhole_route_to_the_endpoint_fails_and_names_the_route() {
    let o = gwlb_world()
        .with(
            FactKey::RouteTables { vpc_id: VPC.into() },
            gwlb_routes(vec![
                route("0.0.0.0/0", EP, "blackhole"),
                route("::/0", EP, "blackhole"),
            ]),
        )
        .eval("gwlb.route_tables")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("blackhole"), "{}", o.summary);
    assert_eq!(var(&o, "restore_route", "route_table_id"), Some("rtb-0app"));
    assert_eq!(var(&o, "restore_route", "cidr"), Some("0.0.0.0/0"));
    assert_eq!(var(&o, "restore_route_ipv6", "cidr"), Some("::/0"));
}

#[tokio::test]
async fn appliances_are_judged_by_the_gateway_load_balancers_target_groups() {
    let unhealthy = |states: Vec<TargetHealth>| {
        gwlb_world().with(
            FactKey::TargetHealth {
                target_group_arn: GWLB_TG.into(),
            },
            FactValue::TargetHealth(states),
        )
    };
    let o = unhealthy(vec![
        appliance("i-0aa1", "unhealthy", Some("Target.Timeout")),
        appliance("i-0bb2", "unhealthy", Some("Target.Timeout")),
    ])
    .eval("gwlb.target_health")
    .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(var(&o, "unhealthy", "tg_arn"), Some(GWLB_TG));
    let o = unhealthy(vec![
        appliance("i-0aa1", "healthy", None),
        appliance("i-0bb2", "unhealthy", Some("Target.Timeout")),
    ])
    .eval("gwlb.target_health")
    .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    let o = unhealthy(vec![]).eval("gwlb.target_health").await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.fixes.iter().any(|f| f.key == "register"));
    // The NLB checks say why they do not apply rather than "no load balancer".
    let o = gwlb_world().eval("nlb.target_health").await;
    assert_eq!(o.status, Status::NotApplicable, "{}", o.summary);
}

fn association(
    accessibility: &str,
    code: Option<&str>,
    reason: Option<&str>,
) -> EndpointAssociation {
    EndpointAssociation {
        id: "vpce-rsc-asc-0a1b2c3d4e5f60718".into(),
        endpoint_id: EP.into(),
        accessibility: accessibility.into(),
        associated_resource_arn: Some(RCFG.into()),
        failure_code: code.map(str::to_string),
        failure_reason: reason.map(str::to_string),
        dns_entry: Some(DnsEntry {
            dns_name: format!(
                "{EP}-snra-0a1b2c3d.rcfg-0f1e2d3c4b5a69788.4232ccc.vpc-lattice-rsc.us-east-1.on.aws"
            ),
            hosted_zone_id: None,
        }),
        private_dns_entry: Some(DnsEntry {
            dns_name: "db.example.com".into(),
            hosted_zone_id: None,
        }),
        ..Default::default()
    }
}

/// A Resource (or ServiceNetwork) endpoint: security groups and interfaces like an interface
/// endpoint, no service name, its own DNS names under on.aws, and associations.
fn lattice_world(kind: &str, associations: Vec<EndpointAssociation>) -> World {
    let resource = kind == "Resource";
    let kind = kind.to_string();
    let world = World::healthy();
    let world = if resource {
        with_gateway(world, |_, _| {})
    } else {
        world
    };
    world
        .with_endpoint(|ep| {
            ep.service_name = String::new();
            ep.private_dns_preference = Some("VERIFIED_DOMAINS_ONLY".into());
            ep.dns_entries = vec![DnsEntry {
                dns_name: format!(
                    "{EP}-snra-0a1b2c3d.rcfg-0f1e2d3c4b5a69788.4232ccc.vpc-lattice-rsc.us-east-1.on.aws"
                ),
                hosted_zone_id: None,
            }];
            if kind == "Resource" {
                ep.resource_configuration_arn = Some(RCFG.into());
            } else {
                ep.service_network_arn = Some(SN.into());
            }
            ep.endpoint_type = kind;
        })
        .with(
            FactKey::EndpointAssociations {
                endpoint_id: EP.into(),
            },
            FactValue::EndpointAssociations(associations),
        )
}

#[tokio::test]
async fn healthy_resource_and_service_network_endpoints_raise_no_fail_and_no_unknown() {
    for kind in ["Resource", "ServiceNetwork"] {
        let all = lattice_world(kind, vec![association("AVAILABLE", None, None)])
            .eval_all()
            .await;
        assert!(
            with_status(&all, Status::Fail).is_empty(),
            "{kind}: {all:#?}"
        );
        assert!(
            with_status(&all, Status::Unknown).is_empty(),
            "{kind}: {all:#?}"
        );
        assert!(
            with_status(&all, Status::Warn).is_empty(),
            "{kind}: {all:#?}"
        );
        for (id, o) in &all {
            // Before: the provider checks said " is owned by AWS" (no service name).
            assert!(
                !o.summary.contains("owned by AWS"),
                "{kind} {id}: {}",
                o.summary
            );
            if id.starts_with("lattice.gateway_") && kind == "ServiceNetwork" {
                assert_eq!(
                    o.status,
                    Status::NotApplicable,
                    "{kind} {id}: {}",
                    o.summary
                );
            } else if id.starts_with("lattice.") || id == "endpoint.found" {
                assert_eq!(o.status, Status::Pass, "{kind} {id}: {}", o.summary);
            }
        }
        let found = &all.iter().find(|(id, _)| id == "endpoint.found").unwrap().1;
        let reached = if kind == "Resource" { RCFG } else { SN };
        assert!(found.summary.contains(reached), "{}", found.summary);
    }
}

#[tokio::test]
async fn a_failed_association_is_the_one_root_cause_with_its_code_and_reason() {
    let all = lattice_world(
        "Resource",
        vec![association(
            "FAILED",
            Some("ResourceConfigurationNotShared"),
            Some("the resource share was revoked"),
        )],
    )
    .eval_all()
    .await;
    let fails = with_status(&all, Status::Fail);
    assert_eq!(fails.len(), 1, "{fails:#?}");
    let o = &all
        .iter()
        .find(|(id, _)| id == "lattice.associations")
        .unwrap()
        .1;
    assert_eq!(o.status, Status::Fail);
    assert!(
        o.summary.contains("ResourceConfigurationNotShared"),
        "{}",
        o.summary
    );
    assert_eq!(
        var(o, "failed", "failure"),
        Some("ResourceConfigurationNotShared: the resource share was revoked")
    );
}

#[tokio::test]
async fn pending_and_unknown_accessibility_are_not_passes() {
    let o = lattice_world("ServiceNetwork", vec![association("PENDING", None, None)])
        .eval("lattice.associations")
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    let o = lattice_world("Resource", vec![association("Teleporting", None, None)])
        .eval("lattice.associations")
        .await;
    assert_eq!(o.status, Status::Unknown, "{}", o.summary);
    assert!(o.summary.contains("\"Teleporting\""), "{}", o.summary);
    let o = lattice_world("ServiceNetwork", vec![])
        .eval("lattice.associations")
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
}

#[tokio::test]
async fn a_resource_endpoint_without_association_records_is_no_finding() {
    // The endpoint names its resource configuration itself; an empty association list is
    // not "reaches nothing" as it is for a service network.
    let o = lattice_world("Resource", vec![])
        .eval("lattice.associations")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}

#[tokio::test]
async fn private_dns_is_judged_by_the_preference() {
    let pref = |p: Option<&str>, domains: &[&str]| {
        let p = p.map(str::to_string);
        let domains: Vec<String> = domains.iter().map(ToString::to_string).collect();
        lattice_world("Resource", vec![association("AVAILABLE", None, None)]).with_endpoint(
            move |ep| {
                ep.private_dns_preference = p;
                ep.private_dns_specified_domains = domains;
            },
        )
    };
    for (p, domains, status) in [
        (Some("VERIFIED_DOMAINS_ONLY"), &[][..], Status::Pass),
        (None, &[][..], Status::Pass),
        (Some("ALL_DOMAINS"), &[][..], Status::Pass),
        (
            Some("VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS"),
            &["db.example.com"][..],
            Status::Pass,
        ),
        (
            Some("SPECIFIED_DOMAINS_ONLY"),
            &["db.example.com"][..],
            Status::Pass,
        ),
        (Some("SPECIFIED_DOMAINS_ONLY"), &[][..], Status::Fail),
        (Some("SOME_NEW_PREFERENCE"), &[][..], Status::Unknown),
    ] {
        let o = pref(p, domains).eval("lattice.private_dns").await;
        assert_eq!(o.status, status, "{p:?} {domains:?}: {}", o.summary);
    }
    let off = pref(Some("ALL_DOMAINS"), &[])
        .with_endpoint(|ep| ep.private_dns_enabled = Some(false))
        .eval("lattice.private_dns")
        .await;
    assert_eq!(off.status, Status::Pass, "{}", off.summary);
    assert!(
        off.summary.contains("private DNS is off"),
        "{}",
        off.summary
    );
}

#[tokio::test]
async fn an_endpoint_type_this_tool_does_not_know_is_unknown_never_a_pass() {
    let all = World::healthy()
        .with_endpoint(|ep| ep.endpoint_type = "Quantum".into())
        .eval_all()
        .await;
    let found = &all.iter().find(|(id, _)| id == "endpoint.found").unwrap().1;
    assert_eq!(found.status, Status::Unknown, "{}", found.summary);
    assert!(
        found
            .summary
            .contains("vpce-doctor does not know endpoint type \"Quantum\" yet"),
        "{}",
        found.summary
    );
    // Only what does not depend on the kind may pass: the state as reported, the VPC's DNS
    // support and the policy document as written.
    let passed: Vec<&str> = all
        .iter()
        .filter(|(_, o)| o.status == Status::Pass)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(
        passed,
        ["endpoint.state", "gateway.policy", "vpc.dns_support"],
        "{all:#?}"
    );
    // Nothing else is waved through as not applicable, but the region fact (the endpoint
    // names no other service region, whatever its type) and the target (asked by its id).
    let waved: Vec<&str> = all
        .iter()
        .filter(|(_, o)| o.status == Status::NotApplicable)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(
        waved,
        ["service.supported_region", "target.resolved"],
        "{all:#?}"
    );
    assert!(with_status(&all, Status::Fail).is_empty(), "{all:#?}");
}

#[tokio::test]
async fn a_partial_endpoint_names_the_subnets_without_a_working_interface() {
    let w = World::healthy().with_endpoint(|ep| {
        ep.state = "partial".into();
        ep.failure_reason = Some("insufficient free addresses in subnet-0b8e7d6c5f4a30291".into());
    });
    let key = FactKey::NetworkInterfaces {
        ids: vec![
            "eni-0d4c3b2a19f8e7d60".into(),
            "eni-0e5d4c3b2a1f09e87".into(),
        ],
    };
    let FactValue::NetworkInterfaces(mut enis) = w.value(&key) else {
        unreachable!()
    };
    enis[1].status = "available".into();
    let o = w
        .with(key.clone(), FactValue::NetworkInterfaces(enis.clone()))
        .eval("endpoint.state")
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    assert!(
        o.summary.contains("subnet-0b8e7d6c5f4a30291"),
        "{}",
        o.summary
    );
    assert!(o.summary.contains("1 of 2"), "{}", o.summary);
    assert!(o.evidence.iter().any(|e| matches!(e, crate::engine::outcome::Evidence::Field { name, .. } if name == "FailureReason")));
    assert_eq!(o.fixes.first().map(|f| f.key), Some("partial"));
    for n in &mut enis {
        n.status = "available".into();
    }
    let o = World::healthy()
        .with_endpoint(|ep| ep.state = "Partial".into())
        .with(key, FactValue::NetworkInterfaces(enis))
        .eval("endpoint.state")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
}

#[tokio::test]
async fn a_gateway_load_balancer_endpoint_in_a_zone_the_service_does_not_serve_fails() {
    let w = gwlb_world();
    let key = FactKey::ServiceDetail {
        service_name: format!("com.amazonaws.vpce.us-east-1.{SVC_ID}"),
        service_type: None,
    };
    let FactValue::ServiceDetail(Some(mut detail)) = w.value(&key) else {
        unreachable!()
    };
    detail.availability_zones = vec!["us-east-1b".into(), "us-east-1c".into()];
    let o = w
        .with(key, FactValue::ServiceDetail(Some(detail)))
        .eval("gwlb.subnet")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("us-east-1a"), "{}", o.summary);
    assert_eq!(
        var(&o, "other_zone", "zones"),
        Some("us-east-1b, us-east-1c")
    );
    // The healthy world's service offers the endpoint's zone.
    let o = gwlb_world().eval("gwlb.subnet").await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}

#[tokio::test]
async fn a_client_subnet_named_with_from_must_route_through_the_endpoint() {
    let from = |subnet: &str| {
        let subnet = subnet.to_string();
        move |run: &mut crate::context::RunContext| {
            run.from = Some(crate::context::ClientSource::Subnet(subnet));
        }
    };
    // subnet-0b8e… uses the application table, which routes through the endpoint.
    let o = gwlb_world()
        .eval_with("gwlb.route_tables", from("subnet-0b8e7d6c5f4a30291"))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    // A client subnet on the main table, which has no route to the endpoint.
    let o = gwlb_world()
        .eval_with("gwlb.route_tables", from("subnet-0c0ffee"))
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(var(&o, "route_client", "route_table_id"), Some("rtb-0main"));
    // Without any route to the endpoint, the named client's table is the one fix.
    let o = gwlb_world()
        .with(
            FactKey::RouteTables { vpc_id: VPC.into() },
            gwlb_routes(vec![route("10.40.0.0/16", "local", "active")]),
        )
        .eval_with("gwlb.route_tables", from("subnet-0b8e7d6c5f4a30291"))
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    let keys: Vec<&str> = o.fixes.iter().map(|f| f.key).collect();
    assert_eq!(keys, ["route_client"]);
    // The endpoint's own subnet: its traffic cannot pass through the endpoint.
    let o = gwlb_world()
        .eval_with("gwlb.route_tables", from("subnet-0a9d8c7b6e5f40312"))
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
}

const PROVIDER_VPC: &str = "vpc-0d9e8f7a6b5c4d3e2";
/// The provider's subnets in the healthy world: use1-az4 and use1-az6, like the endpoint's.
const PROVIDER_SUBNETS: [&str; 2] = ["subnet-0c1d2e3f4a5b60718", "subnet-0d2e3f4a5b6c70829"];
const RGW: &str = "rgw-0f1e2d3c4b5a69788";
const RGW_SG: &str = "sg-0a9b8c7d6e5f40312";

/// The resource configuration of a Resource endpoint (a database at 10.50.1.40:5432) behind an
/// ACTIVE resource gateway in both of the endpoint's zones, whose group lets it reach the
/// database; `change` edits them first.
fn with_gateway(
    world: World,
    change: impl FnOnce(&mut ResourceConfiguration, &mut ResourceGateway),
) -> World {
    let mut config = ResourceConfiguration {
        arn: RCFG.into(),
        id: "rcfg-0f1e2d3c4b5a69788".into(),
        name: "orders-db".into(),
        config_type: "SINGLE".into(),
        status: "ACTIVE".into(),
        resource_gateway_id: Some(RGW.into()),
        port_ranges: vec!["5432".into()],
        protocol: Some("TCP".into()),
        definition: Some(ResourceDefinition::Ip("10.50.1.40".into())),
    };
    let mut gateway = ResourceGateway {
        id: RGW.into(),
        arn: format!("arn:aws:vpc-lattice:us-east-1:444455556666:resourcegateway/{RGW}"),
        name: "orders-db-gateway".into(),
        status: "ACTIVE".into(),
        vpc_id: Some(PROVIDER_VPC.into()),
        subnet_ids: PROVIDER_SUBNETS.map(String::from).to_vec(),
        security_group_ids: vec![RGW_SG.into()],
        ip_address_type: Some("IPV4".into()),
        ipv4_addresses_per_eni: Some(16),
    };
    change(&mut config, &mut gateway);
    world
        .with(
            FactKey::ResourceConfiguration { arn: RCFG.into() },
            FactValue::ResourceConfiguration(config),
        )
        .with(
            FactKey::ResourceGateway { id: RGW.into() },
            FactValue::ResourceGateway(gateway),
        )
        .with(
            FactKey::SecurityGroups {
                ids: vec![RGW_SG.into()],
                account: crate::engine::outcome::Account::Provider,
            },
            FactValue::SecurityGroups(vec![gateway_group(vec![SgRule {
                protocol: "tcp".into(),
                from_port: Some(5432),
                to_port: Some(5432),
                ipv4_ranges: vec!["10.50.1.0/24".into()],
                ..Default::default()
            }])]),
        )
}

fn gateway_group(egress: Vec<SgRule>) -> SecurityGroup {
    SecurityGroup {
        id: RGW_SG.into(),
        name: "orders-db-gateway".into(),
        vpc_id: Some(PROVIDER_VPC.into()),
        ingress: vec![],
        egress,
    }
}

fn resource_world() -> World {
    lattice_world("Resource", vec![association("AVAILABLE", None, None)])
}

#[tokio::test]
async fn a_healthy_resource_gateway_passes_its_checks_with_the_connection_ceiling() {
    for id in [
        "lattice.gateway_zones",
        "lattice.gateway_capacity",
        "lattice.gateway_security_groups",
    ] {
        let o = resource_world().eval(id).await;
        assert_eq!(o.status, Status::Pass, "{id}: {}", o.summary);
    }
    let o = resource_world().eval("lattice.gateway_capacity").await;
    let ceiling = o.evidence.iter().find_map(|e| match e {
        crate::engine::outcome::Evidence::Field { name, value } if name == "connection ceiling" => {
            Some(value.clone())
        }
        _ => None,
    });
    assert!(
        ceiling
            .as_deref()
            .is_some_and(|c| c.contains("= 32 source addresses")),
        "{ceiling:?}"
    );
    // One address per ENI, the minimum: advice, never a failure.
    let o = with_gateway(resource_world(), |_, g| g.ipv4_addresses_per_eni = Some(1))
        .eval("lattice.gateway_capacity")
        .await;
    assert_eq!(o.status, Status::Advice, "{}", o.summary);
    // Not reported: AWS's default of 16 is assumed, and that is healthy.
    let o = with_gateway(resource_world(), |_, g| g.ipv4_addresses_per_eni = None)
        .eval("lattice.gateway_capacity")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}

#[tokio::test]
async fn a_resource_gateway_in_no_zone_of_the_endpoint_is_the_one_root_cause() {
    let elsewhere = "subnet-0e3f4a5b6c7d80930";
    let world = with_gateway(resource_world(), |_, g| {
        g.subnet_ids = vec![elsewhere.into()];
    })
    .with(
        FactKey::Subnets {
            vpc_id: PROVIDER_VPC.into(),
            account: crate::engine::outcome::Account::Provider,
        },
        FactValue::Subnets(vec![Subnet {
            id: elsewhere.into(),
            vpc_id: PROVIDER_VPC.into(),
            cidr: "10.50.3.0/24".into(),
            // The provider's name for it matches one of the consumer's names: only the AZ ID tells.
            availability_zone: "us-east-1a".into(),
            availability_zone_id: Some("use1-az1".into()),
            ipv6_cidrs: vec![],
        }]),
    );
    let state = world.run().await;
    let roots: Vec<&str> = state.root_causes().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(roots, ["lattice.gateway_zones"]);
    let o = state
        .get("lattice.gateway_zones")
        .unwrap()
        .result()
        .unwrap();
    assert!(o.summary.contains("use1-az1"), "{}", o.summary);
    assert!(
        o.remediation.iter().any(|f| f
            .command
            .as_deref()
            .is_some_and(|c| c.contains("--add-subnet-ids"))),
        "{:?}",
        o.remediation
    );
    // A gateway not ACTIVE fails by its status; one the tool does not know is unknown.
    let o = with_gateway(resource_world(), |_, g| g.status = "CREATE_FAILED".into())
        .eval("lattice.gateway_zones")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    let o = with_gateway(resource_world(), |_, g| g.status = "HIBERNATING".into())
        .eval("lattice.gateway_zones")
        .await;
    assert_eq!(o.status, Status::Unknown, "{}", o.summary);
    assert!(o.summary.contains("HIBERNATING"), "{}", o.summary);
}

#[tokio::test]
async fn a_resource_configuration_that_is_not_active_is_judged_by_its_status() {
    // Before: only the gateway's status was read; a failed configuration passed.
    let state = with_gateway(resource_world(), |c, _| c.status = "CREATE_FAILED".into())
        .run()
        .await;
    let roots: Vec<&str> = state.root_causes().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(roots, ["lattice.gateway_zones"]);
    let o = state
        .get("lattice.gateway_zones")
        .unwrap()
        .result()
        .unwrap();
    assert!(
        o.summary
            .contains("resource configuration orders-db is CREATE_FAILED"),
        "{}",
        o.summary
    );
    assert!(
        o.remediation.iter().any(|f| f.text.contains(RCFG)),
        "{:?}",
        o.remediation
    );
    let o = with_gateway(resource_world(), |c, _| {
        c.status = "UPDATE_IN_PROGRESS".into();
    })
    .eval("lattice.gateway_zones")
    .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    let o = with_gateway(resource_world(), |c, _| c.status = "ASLEEP".into())
        .eval("lattice.gateway_zones")
        .await;
    assert_eq!(o.status, Status::Unknown, "{}", o.summary);
    assert!(o.summary.contains("ASLEEP"), "{}", o.summary);
}

#[tokio::test]
async fn a_gateway_group_without_egress_on_the_port_fails_with_the_rule_to_add() {
    let state = world_without_egress().run().await;
    let roots: Vec<&str> = state.root_causes().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(roots, ["lattice.gateway_security_groups"]);
    let o = state
        .get("lattice.gateway_security_groups")
        .unwrap()
        .result()
        .unwrap();
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    let o = world_without_egress()
        .eval("lattice.gateway_security_groups")
        .await;
    assert_eq!(var(&o, "allow_egress", "group_id"), Some(RGW_SG));
    assert_eq!(
        var(&o, "allow_egress", "permission_args"),
        Some("--protocol tcp --port 5432 --cidr 10.50.1.40/32")
    );
    // Towards a DNS name the address is not known: the command asks for it, and AWS's text
    // cannot end the quoted expansion.
    let o = with_gateway(world_without_egress(), |c, _| {
        c.definition = Some(ResourceDefinition::Dns("db.example.com}\"$(id)".into()));
    })
    .with(
        FactKey::SecurityGroups {
            ids: vec![RGW_SG.into()],
            account: crate::engine::outcome::Account::Provider,
        },
        FactValue::SecurityGroups(vec![gateway_group(vec![])]),
    )
    .eval("lattice.gateway_security_groups")
    .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(
        var(&o, "allow_egress", "permission_args"),
        Some(
            "--protocol tcp --port 5432 --cidr \"${RESOURCE_CIDR:?set RESOURCE_CIDR to the address range of db.example.com(id)}\""
        )
    );
    // Towards a DNS name any destination on the port will do.
    let o = with_gateway(resource_world(), |c, _| {
        c.definition = Some(ResourceDefinition::Dns("db.internal.example".into()));
    })
    .with(
        FactKey::SecurityGroups {
            ids: vec![RGW_SG.into()],
            account: crate::engine::outcome::Account::Provider,
        },
        FactValue::SecurityGroups(vec![gateway_group(vec![SgRule {
            protocol: "-1".into(),
            ipv4_ranges: vec!["0.0.0.0/0".into()],
            ..Default::default()
        }])]),
    )
    .eval("lattice.gateway_security_groups")
    .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}

#[tokio::test]
async fn without_provider_credentials_the_gateway_checks_name_the_action_and_the_profile() {
    let world = lattice_world("Resource", vec![association("AVAILABLE", None, None)]).with_err(
        FactKey::ResourceConfiguration { arn: RCFG.into() },
        crate::facts::FactError::NotFound {
            operation: "GetResourceConfiguration".into(),
            code: "ResourceNotFoundException".into(),
            message: "not found".into(),
        },
    );
    let mut ctx = world.ctx();
    ctx.provider_credentials = false;
    for id in [
        "lattice.gateway_zones",
        "lattice.gateway_capacity",
        "lattice.gateway_security_groups",
    ] {
        let o = super::evaluate(id, &ctx).await;
        assert_eq!(o.status, Status::Unknown, "{id}: {}", o.summary);
        assert!(
            o.summary.contains("vpc-lattice:GetResourceConfiguration")
                && o.summary.contains("pass --provider-profile"),
            "{id}: {}",
            o.summary
        );
    }
    // The consumer's own checks still answer.
    let o = super::evaluate("lattice.associations", &ctx).await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    // Denied outright: the same, through the IAM action.
    let world = resource_world().with_err(
        FactKey::ResourceGateway { id: RGW.into() },
        crate::facts::FactError::AccessDenied {
            operation: "GetResourceGateway".into(),
            action: "vpc-lattice:GetResourceGateway".into(),
            code: "AccessDeniedException".into(),
            message: "denied".into(),
        },
    );
    let mut ctx = world.ctx();
    ctx.provider_credentials = false;
    let o = super::evaluate("lattice.gateway_capacity", &ctx).await;
    assert_eq!(o.status, Status::Unknown, "{}", o.summary);
    assert!(
        o.summary.contains("vpc-lattice:GetResourceGateway")
            && o.summary.contains("pass --provider-profile"),
        "{}",
        o.summary
    );
}

/// The gateway's group lets it send TCP 443 anywhere, but not the database's 5432.
fn world_without_egress() -> World {
    resource_world().with(
        FactKey::SecurityGroups {
            ids: vec![RGW_SG.into()],
            account: crate::engine::outcome::Account::Provider,
        },
        FactValue::SecurityGroups(vec![gateway_group(vec![SgRule {
            protocol: "tcp".into(),
            from_port: Some(443),
            to_port: Some(443),
            ipv4_ranges: vec!["0.0.0.0/0".into()],
            ..Default::default()
        }])]),
    )
}
