//! The checks beyond the seed, judged over the bundled demo facts with one fact changed at a
//! time: the states moto cannot produce (AZ names shuffled between accounts, unverified
//! private DNS, dual-stack endpoints, enforced NLB security groups, refused connects).

use std::sync::Arc;

use super::Ctx;
use super::test_world::{HEALTHY, World, var};
use crate::context::{ClientSource, VantageChoice};
use crate::engine::outcome::{Account, Status};
use crate::facts::imds::ImdsAnswer;
use crate::facts::model::*;
use crate::facts::snapshot::Snapshot;
use crate::facts::{FactKey, FactValue, Facts, RecordType};

const VPC: &str = "vpc-0c3f9a7d2e1b45a60";
const NLB: &str = "arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/net/orders-api-nlb/5d1c7e0b9a2f4c33";
const NAME: &str = "orders.internal.example.com";

#[tokio::test]
async fn every_expert_check_passes_on_the_healthy_demo() {
    for id in [
        "az.alignment",
        "nlb.zonal_health",
        "endpoint.nacls",
        "nlb.security_groups",
        "targets.security_groups",
        "dns.phz_conflict",
        "dns.dhcp_options",
        "service.private_dns_txt",
        "endpoint.ip_type",
        "endpoint.subnets",
    ] {
        let o = World::healthy().eval(id).await;
        assert_eq!(o.status, Status::Pass, "{id}: {}", o.summary);
    }
    let o = World::healthy().eval("endpoint.tcp_connect").await;
    assert_eq!(o.status, Status::NotApplicable);
    assert!(o.summary.contains("--probe"), "{}", o.summary);
}

#[tokio::test]
async fn zones_are_compared_by_id_not_by_name() {
    // The consumer calls its second zone us-east-1b (use1-az6); the provider's NLB is in
    // us-east-1c only, which is use1-az4 in the provider's account.
    let w = World::healthy();
    let lbs_key = FactKey::LoadBalancers {
        arns: vec![NLB.into()],
    };
    let FactValue::LoadBalancers(mut lbs) = w.value(&lbs_key) else {
        unreachable!()
    };
    lbs[0].availability_zones = vec!["us-east-1c".into()];
    lbs[0].subnet_ids.truncate(1);
    let detail_key = FactKey::ServiceDetail {
        service_name: w.endpoint().service_name,
        service_type: None,
    };
    let FactValue::ServiceDetail(Some(mut detail)) = w.value(&detail_key) else {
        unreachable!()
    };
    // The consumer-side view still claims both zones, so only the NLB view catches it.
    detail.availability_zones = vec!["us-east-1a".into(), "us-east-1b".into()];
    let o = w
        .with(lbs_key, FactValue::LoadBalancers(lbs))
        .with(detail_key, FactValue::ServiceDetail(Some(detail)))
        .eval("az.alignment")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("use1-az6"), "{}", o.summary);
    assert!(
        o.summary.contains("subnet-0b8e7d6c5f4a30291"),
        "{}",
        o.summary
    );
    assert_eq!(
        var(&o, "remove_subnet", "subnet_id"),
        Some("subnet-0b8e7d6c5f4a30291")
    );
    assert_eq!(var(&o, "enable_zone", "az_id"), Some("use1-az6"));
}

#[tokio::test]
async fn cross_zone_on_rescues_a_zone_without_healthy_targets() {
    let unhealthy = include_str!("../../assets/demo/unhealthy-targets-az.json");
    let w = World::scenario(unhealthy);
    let o = w.eval("nlb.zonal_health").await;
    assert_eq!(o.status, Status::Fail);
    assert!(o.fixes.iter().any(|f| f.key == "enable_cross_zone"));
    // Before: cross-zone first. Repairing the zone's targets leads; cross-zone masks them.
    assert!(
        matches!(o.fixes[0].key, "repair_targets" | "register_targets"),
        "{:?}",
        o.fixes.iter().map(|f| f.key).collect::<Vec<_>>()
    );
    let w = World::scenario(unhealthy).with(
        FactKey::LoadBalancerAttributes { arn: NLB.into() },
        FactValue::Attributes(vec![(
            "load_balancing.cross_zone.enabled".into(),
            "true".into(),
        )]),
    );
    assert_eq!(w.eval("nlb.zonal_health").await.status, Status::Pass);
}

#[tokio::test]
async fn a_hosted_zone_or_second_endpoint_claiming_the_name_is_a_conflict() {
    let zones_key = FactKey::HostedZonesByVpc {
        vpc_id: VPC.into(),
        region: "us-east-1".into(),
    };
    let o = World::healthy()
        .with(
            zones_key.clone(),
            FactValue::HostedZones(vec![HostedZone {
                id: "Z0ABCDEF".into(),
                name: NAME.into(),
                owner: None,
            }]),
        )
        .eval("dns.phz_conflict")
        .await;
    assert_eq!(o.status, Status::Fail);
    assert!(o.summary.contains("Z0ABCDEF"), "{}", o.summary);
    assert_eq!(var(&o, "disassociate_zone", "zone_id"), Some("Z0ABCDEF"));
    // A zone inside the name shadows part of it: a warning.
    let o = World::healthy()
        .with(
            zones_key,
            FactValue::HostedZones(vec![HostedZone {
                id: "Z0INNER".into(),
                name: format!("eu.{NAME}"),
                owner: None,
            }]),
        )
        .eval("dns.phz_conflict")
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    // A second endpoint to the same service with private DNS in the same VPC.
    let w = World::healthy();
    let mut rival = w.endpoint();
    rival.id = "vpce-0ffffffffffffffff".into();
    let o = w
        .with(
            FactKey::EndpointList,
            FactValue::Endpoints(std::sync::Arc::new(vec![w_endpoint(), rival])),
        )
        .eval("dns.phz_conflict")
        .await;
    assert_eq!(o.status, Status::Fail);
    assert_eq!(
        var(&o, "duplicate_endpoint", "other_endpoint"),
        Some("vpce-0ffffffffffffffff")
    );
}

fn w_endpoint() -> Endpoint {
    World::healthy().endpoint()
}

fn custom_dhcp(w: World) -> World {
    w.with(
        FactKey::DhcpOptions {
            id: "dopt-0123abcd4567ef890".into(),
        },
        FactValue::DhcpOptions(DhcpOptions {
            id: "dopt-0123abcd4567ef890".into(),
            domain_name_servers: vec!["10.40.0.53".into(), "10.40.0.54".into()],
            domain_name: vec!["corp.example.net".into()],
        }),
    )
}

fn public_answer(w: World) -> World {
    w.with(
        FactKey::Dns {
            name: NAME.into(),
            record: RecordType::A,
        },
        FactValue::Dns(DnsAnswer::Addresses {
            ips: vec!["52.94.227.17".parse().unwrap()],
        }),
    )
}

#[tokio::test]
async fn custom_dhcp_dns_servers_that_forward_are_not_a_warning() {
    // Before: a warning on every forwarding set-up, with "replace the DHCP option set" as the
    // fix. The demo's --dns-server answers the name with the endpoint's addresses.
    let o = custom_dhcp(World::healthy()).eval("dns.dhcp_options").await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains("forwarding works"), "{}", o.summary);
    // Seen from nowhere that answers as the VPC: the configuration alone is no fault.
    let o = custom_dhcp(World::healthy())
        .with(
            FactKey::InstanceMetadata,
            FactValue::Imds(ImdsAnswer::Disabled),
        )
        .eval_with("dns.dhcp_options", |r| r.dns_server = None)
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(
        o.summary.contains("--dns-server 10.40.0.53"),
        "{}",
        o.summary
    );
    // The VPC resolver and the link-local resolver are the Amazon-provided one.
    let o = World::healthy()
        .with(
            FactKey::DhcpOptions {
                id: "dopt-0123abcd4567ef890".into(),
            },
            FactValue::DhcpOptions(DhcpOptions {
                id: "dopt-0123abcd4567ef890".into(),
                domain_name_servers: vec!["10.40.0.2".into(), "169.254.169.253".into()],
                domain_name: vec![],
            }),
        )
        .eval_with("dns.dhcp_options", |r| r.dns_server = None)
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}

#[tokio::test]
async fn custom_dhcp_dns_servers_that_do_not_forward_get_a_forwarder_not_a_new_option_set() {
    let o = public_answer(custom_dhcp(World::healthy()))
        .eval("dns.dhcp_options")
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    assert!(o.summary.contains("10.40.0.53"), "{}", o.summary);
    assert_eq!(var(&o, "forward", "resolver"), Some("10.40.0.2"));
    assert_eq!(var(&o, "forward", "server"), Some("10.40.0.53"));
    let catalog = crate::engine::catalog::Catalog::embedded().unwrap();
    let fix = &catalog.get("dns.dhcp_options").unwrap().fix["forward"];
    let command = fix.command.clone().unwrap_or_default();
    assert!(!command.contains("dhcp-options"), "{command}");
    assert!(fix.text.contains("conditional forwarder"), "{}", fix.text);
}

fn own_zone(w: World, name: &str) -> World {
    w.with(
        FactKey::HostedZonesByVpc {
            vpc_id: VPC.into(),
            region: "us-east-1".into(),
        },
        FactValue::HostedZones(vec![HostedZone {
            id: "Z0TEAMZONE".into(),
            name: name.into(),
            owner: Some("111122223333".into()),
        }]),
    )
}

fn private_dns_off(w: World) -> World {
    w.with_endpoint(|e| e.private_dns_enabled = Some(false))
}

#[tokio::test]
async fn private_dns_off_with_the_teams_own_zone_passes_and_never_suggests_enabling() {
    // Before: FAIL "private DNS is disabled", fix: enable it (which collides with the zone).
    for zone in [NAME.to_string(), "internal.example.com".to_string()] {
        let o = own_zone(private_dns_off(World::healthy()), &zone)
            .eval("endpoint.private_dns_enabled")
            .await;
        assert_eq!(o.status, Status::Pass, "{zone}: {}", o.summary);
        assert!(o.summary.contains("Z0TEAMZONE"), "{}", o.summary);
        assert!(o.fixes.iter().all(|f| f.key != "enable"), "{zone}");
        let o = own_zone(private_dns_off(World::healthy()), &zone)
            .eval("dns.phz_conflict")
            .await;
        assert_eq!(o.status, Status::Pass, "{zone}: {}", o.summary);
    }
    // A zone inside the name is the team's too while private DNS is off.
    let o = own_zone(private_dns_off(World::healthy()), &format!("eu.{NAME}"))
        .eval("dns.phz_conflict")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    // From outside with no --dns-server, a zone of the very name is still the pattern.
    let o = own_zone(private_dns_off(World::healthy()), NAME)
        .with(
            FactKey::InstanceMetadata,
            FactValue::Imds(ImdsAnswer::Disabled),
        )
        .eval_with("endpoint.private_dns_enabled", |r| r.dns_server = None)
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    // The zone answers elsewhere: a fault in the zone's records, still not "enable".
    let o = public_answer(own_zone(private_dns_off(World::healthy()), NAME))
        .eval("endpoint.private_dns_enabled")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(o.fixes.len(), 1);
    assert_eq!(var(&o, "zone_records", "zone_id"), Some("Z0TEAMZONE"));
    // No zone and a public answer: private DNS really is the fix.
    let o = public_answer(private_dns_off(World::healthy()))
        .eval("endpoint.private_dns_enabled")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(o.fixes[0].key, "enable");
}

#[tokio::test]
async fn dns_hostnames_off_matters_only_when_something_needs_it() {
    let hostnames_off = |w: World| {
        w.with(
            FactKey::VpcAttribute {
                vpc_id: VPC.into(),
                attribute: crate::facts::VpcAttribute::EnableDnsHostnames,
            },
            FactValue::Bool(false),
        )
    };
    // Before: a warning whenever private DNS was off.
    let o = hostnames_off(private_dns_off(World::healthy()))
        .eval("vpc.dns_hostnames")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.fixes.is_empty());
    let o = own_zone(hostnames_off(private_dns_off(World::healthy())), NAME)
        .eval("vpc.dns_hostnames")
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    let o = hostnames_off(World::healthy())
        .eval("vpc.dns_hostnames")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
}

#[tokio::test]
async fn a_dual_stack_endpoint_needs_ipv6_everywhere() {
    let o = World::healthy()
        .with_endpoint(|e| {
            e.ip_address_type = Some("dualstack".into());
            e.dns_record_ip_type = Some("dualstack".into());
        })
        .eval("endpoint.ip_type")
        .await;
    assert_eq!(o.status, Status::Fail);
    assert!(o.summary.contains("supports only ipv4"), "{}", o.summary);
    assert!(
        o.summary.contains("subnet-0a9d8c7b6e5f40312"),
        "{}",
        o.summary
    );
    assert!(o.fixes.iter().any(|f| f.key == "service_ipv6"));
    // IPv4 records on a dual-stack endpoint: IPv6-only clients get nothing.
    let o = World::healthy()
        .with_endpoint(|e| e.dns_record_ip_type = Some("ipv6".into()))
        .eval("endpoint.ip_type")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    let o = World::healthy()
        .with_endpoint(|e| e.subnet_ids.truncate(1))
        .eval("endpoint.subnets")
        .await;
    assert_eq!(o.status, Status::Advice);
}

fn unverified(w: World) -> World {
    let key = FactKey::ServiceConfig {
        service_id: "vpce-svc-0f1e2d3c4b5a69788".into(),
    };
    let FactValue::ServiceConfig(mut cfg) = w.value(&key) else {
        unreachable!()
    };
    cfg.private_dns_state = Some("pendingVerification".into());
    cfg.private_dns_txt_name = Some("_vpce-orders".into());
    cfg.private_dns_txt_value = Some("vpce:8yKq3Nw5pTzR1mVb2XcD".into());
    let mut w = w.with(key, FactValue::ServiceConfig(cfg));
    // Nothing published anywhere unless a test says so: every name the check may ask.
    let domain = NAME;
    let candidates = super::dns_traps::txt_candidates("_vpce-orders", domain);
    let doubled = super::dns_traps::doubled_names(&candidates, domain);
    for name in candidates.iter().chain(doubled.iter()) {
        w = w.with(
            FactKey::DnsTxt { name: name.clone() },
            FactValue::Txt(TxtAnswer::NxDomain),
        );
    }
    w
}

fn txt(name: &str, value: &str) -> (FactKey, FactValue) {
    (
        FactKey::DnsTxt { name: name.into() },
        FactValue::Txt(TxtAnswer::Records {
            values: vec![value.into()],
        }),
    )
}

#[tokio::test]
async fn the_verification_record_is_found_missing_wrong_or_doubled() {
    let o = unverified(World::healthy())
        .eval("service.private_dns_txt")
        .await;
    assert_eq!(o.status, Status::Fail);
    assert!(
        o.summary
            .contains("no TXT record _vpce-orders.orders.internal.example.com"),
        "{}",
        o.summary
    );
    assert!(o.fixes.iter().any(|f| f.key == "publish"));

    let (k, v) = txt(
        "_vpce-orders.orders.internal.example.com",
        "VPCE:8YKQ3NW5PTZR1MVB2XCD",
    );
    let o = unverified(World::healthy())
        .with(k, v)
        .eval("service.private_dns_txt")
        .await;
    assert!(o.summary.contains("differs only in case"), "{}", o.summary);

    let (k, v) = txt(
        "_vpce-orders.orders.internal.example.com.orders.internal.example.com",
        "vpce:8yKq3Nw5pTzR1mVb2XcD",
    );
    let o = unverified(World::healthy())
        .with(k, v)
        .eval("service.private_dns_txt")
        .await;
    assert!(o.summary.contains("doubled domain"), "{}", o.summary);
    assert!(o.fixes.iter().any(|f| f.key == "undouble"));

    // Published correctly at a parent domain: the record is right, so this check passes and
    // the verification itself (service.private_dns_verified) is the one root cause.
    let (k, v) = txt("_vpce-orders.example.com", "vpce:8yKq3Nw5pTzR1mVb2XcD");
    let w = || unverified(World::healthy()).with(k.clone(), v.clone());
    let o = w().eval("service.private_dns_txt").await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains("start verification"), "{}", o.summary);
    assert!(o.fixes.is_empty());
    let o = w().eval("service.private_dns_verified").await;
    assert_eq!(o.status, Status::Fail);
    assert!(o.fixes.iter().any(|f| f.key == "publish_txt"));
}

fn with_nlb_group(w: World, enforce: Option<&str>, ingress: Vec<SgRule>) -> World {
    let lbs_key = FactKey::LoadBalancers {
        arns: vec![NLB.into()],
    };
    let FactValue::LoadBalancers(mut lbs) = w.value(&lbs_key) else {
        unreachable!()
    };
    lbs[0].security_groups = vec!["sg-0a0b0c0d0e0f01234".into()];
    lbs[0].enforce_inbound_on_privatelink = enforce.map(str::to_string);
    w.with(lbs_key, FactValue::LoadBalancers(lbs)).with(
        FactKey::SecurityGroups {
            ids: vec!["sg-0a0b0c0d0e0f01234".into()],
            account: Account::Provider,
        },
        FactValue::SecurityGroups(vec![SecurityGroup {
            id: "sg-0a0b0c0d0e0f01234".into(),
            name: "nlb".into(),
            ingress,
            egress: vec![SgRule {
                protocol: "-1".into(),
                ipv4_ranges: vec!["0.0.0.0/0".into()],
                ..Default::default()
            }],
            ..Default::default()
        }]),
    )
}

#[tokio::test]
async fn enforced_nlb_security_groups_must_admit_the_consumers() {
    let corp_only = vec![SgRule {
        protocol: "tcp".into(),
        from_port: Some(443),
        to_port: Some(443),
        ipv4_ranges: vec!["172.16.0.0/12".into()],
        ..Default::default()
    }];
    // Absent from the answer means "on" (the default). Nobody named: the clients may come
    // from the corporate range, but none inside the consumer's VPC is admitted.
    let o = with_nlb_group(World::healthy(), None, corp_only.clone())
        .eval("nlb.security_groups")
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    assert!(o.summary.contains("172.16.0.0/12"), "{}", o.summary);
    assert!(o.summary.contains("pass --from"), "{}", o.summary);
    assert!(o.fixes.is_empty(), "{:?}", o.fixes);
    // A named client in the VPC is dropped: the fix admits exactly that client.
    let o = with_nlb_group(World::healthy(), None, corp_only.clone())
        .eval_with("nlb.security_groups", |r| {
            r.from = Some(ClientSource::Cidr("10.40.1.0/24".parse().unwrap()));
        })
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("sg-0a0b0c0d0e0f01234"), "{}", o.summary);
    assert_eq!(var(&o, "allow_consumers", "source"), Some("10.40.1.0/24"));
    assert_eq!(
        var(&o, "allow_consumers", "permission_args"),
        Some("--protocol tcp --port 443 --cidr 10.40.1.0/24")
    );
    assert!(o.fixes.iter().any(|f| f.key == "enforcement_off"));
    // Only a group reference: a provider's group cannot hold the consumer's clients, so no
    // consumer client is admitted at all, and the fix asks for the clients' range.
    let group_only = vec![SgRule {
        protocol: "tcp".into(),
        from_port: Some(443),
        to_port: Some(443),
        group_refs: vec!["sg-0f0f0f0f0f0f0f0f0".into()],
        ..Default::default()
    }];
    let o = with_nlb_group(World::healthy(), None, group_only)
        .eval("nlb.security_groups")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    let args = var(&o, "allow_client", "permission_args").unwrap();
    assert!(args.contains("--cidr \"${CLIENT_CIDR:?"), "{args}");
    assert!(!args.contains("10.40.0.0/16"), "{args}");
    let o = with_nlb_group(World::healthy(), Some("off"), corp_only)
        .eval("nlb.security_groups")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}

#[tokio::test]
async fn target_groups_must_admit_the_nlb_on_the_health_check_port() {
    let key = FactKey::SecurityGroups {
        ids: vec!["sg-0e1f2a3b4c5d60789".into()],
        account: Account::Provider,
    };
    let o = World::healthy()
        .with(
            key,
            FactValue::SecurityGroups(vec![SecurityGroup {
                id: "sg-0e1f2a3b4c5d60789".into(),
                ingress: vec![SgRule {
                    protocol: "tcp".into(),
                    from_port: Some(8443),
                    to_port: Some(8443),
                    ipv4_ranges: vec!["192.168.0.0/16".into()],
                    ..Default::default()
                }],
                ..Default::default()
            }]),
        )
        .eval("targets.security_groups")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("i-0aa1bb2cc3dd4ee5f"), "{}", o.summary);
    assert_eq!(
        var(&o, "allow_nlb_cidr", "group_id"),
        Some("sg-0e1f2a3b4c5d60789")
    );
}

#[tokio::test]
async fn tcp_connect_runs_only_with_probe_and_inside() {
    let w = World::healthy();
    let mut w = w;
    for (ip, probe) in [
        ("10.40.1.87", TcpProbe::Open { ms: 2 }),
        ("10.40.2.143", TcpProbe::Refused),
    ] {
        w = w.with(
            FactKey::TcpConnect {
                ip: ip.parse().unwrap(),
                port: 443,
            },
            FactValue::Tcp(probe),
        );
    }
    let o = w
        .eval_with("endpoint.tcp_connect", |r| {
            r.probe = true;
            r.vantage = VantageChoice::Inside;
        })
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(
        o.summary.contains("10.40.2.143:443 refused"),
        "{}",
        o.summary
    );
    let o = World::healthy()
        .eval_with("endpoint.tcp_connect", |r| {
            r.probe = true;
            r.vantage = VantageChoice::Outside;
        })
        .await;
    assert_eq!(o.status, Status::NotApplicable);
    assert!(
        o.summary.contains("run `vpce-doctor check"),
        "{}",
        o.summary
    );
}

#[tokio::test]
async fn a_service_behind_a_gateway_load_balancer_is_judged_not_unknown() {
    const GWLB: &str = "arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/gwy/inspect/0a1b2c3d4e5f6071";
    let w = World::healthy();
    let key = FactKey::ServiceConfig {
        service_id: "vpce-svc-0f1e2d3c4b5a69788".into(),
    };
    let FactValue::ServiceConfig(mut cfg) = w.value(&key) else {
        unreachable!()
    };
    cfg.network_load_balancer_arns.clear();
    cfg.gateway_load_balancer_arns = vec![GWLB.into()];
    let gwlb = LoadBalancer {
        arn: GWLB.into(),
        name: "inspect".into(),
        lb_type: "gateway".into(),
        scheme: "internal".into(),
        state: "active".into(),
        availability_zones: vec!["us-east-1c".into(), "us-east-1d".into()],
        ..Default::default()
    };
    let world = || {
        World::healthy()
            .with(key.clone(), FactValue::ServiceConfig(cfg.clone()))
            .with(
                FactKey::LoadBalancers {
                    arns: vec![GWLB.into()],
                },
                FactValue::LoadBalancers(vec![gwlb.clone()]),
            )
    };
    // Before: nlb.target_health was unknown ("no listener forwards to a target group"), and
    // nlb.state said not_applicable without looking at the gateway load balancer.
    let o = world().eval("nlb.state").await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains("gateway load balancer"), "{}", o.summary);
    for id in [
        "nlb.internal",
        "nlb.listeners",
        "nlb.target_health",
        "nlb.zonal_health",
        "nlb.security_groups",
        "targets.security_groups",
    ] {
        let o = world().eval(id).await;
        assert_eq!(o.status, Status::NotApplicable, "{id}: {}", o.summary);
        assert!(
            o.summary.contains("Gateway Load Balancer"),
            "{id}: {}",
            o.summary
        );
    }
    let o = World::healthy()
        .with(key.clone(), FactValue::ServiceConfig(cfg.clone()))
        .with(
            FactKey::LoadBalancers {
                arns: vec![GWLB.into()],
            },
            FactValue::LoadBalancers(vec![LoadBalancer {
                state: "failed".into(),
                ..gwlb.clone()
            }]),
        )
        .eval("nlb.state")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
}

#[tokio::test]
async fn provider_fixes_say_where_they_run_when_no_provider_profile_was_given() {
    use crate::checks::CheckEvaluator;
    use crate::engine::Evaluator;
    let snap = Snapshot::parse(HEALTHY, "healthy.json").unwrap();
    let mut run = snap.context.clone();
    run.provider_profile = None;
    let ev = CheckEvaluator {
        ctx: Arc::new(Ctx {
            facts: Arc::new(Facts::replay(snap.clone().into_facts())),
            run: Arc::new(run),
            provider_credentials: true,
        }),
    };
    let vars = ev.common_vars();
    let get = |k: &str| vars.iter().find(|(n, _)| n == k).unwrap().1.clone();
    assert!(!get("provider_args").contains("--profile"));
    assert!(
        get("provider_note").contains("service owner's account"),
        "{}",
        get("provider_note")
    );
    let ev = CheckEvaluator {
        ctx: Arc::new(Ctx {
            facts: Arc::new(Facts::replay(snap.clone().into_facts())),
            run: Arc::new(snap.context.clone()),
            provider_credentials: true,
        }),
    };
    let vars = ev.common_vars();
    assert!(
        vars.iter()
            .any(|(k, v)| k == "provider_note" && v.is_empty())
    );
}

#[tokio::test]
async fn a_dns_server_that_does_not_answer_proves_nothing_about_the_teams_zone() {
    let o = own_zone(private_dns_off(World::healthy()), NAME)
        .with(
            FactKey::Dns {
                name: NAME.into(),
                record: RecordType::A,
            },
            FactValue::Dns(DnsAnswer::Timeout),
        )
        .eval("endpoint.private_dns_enabled")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    let o = public_answer(custom_dhcp(World::healthy()))
        .with(
            FactKey::Dns {
                name: NAME.into(),
                record: RecordType::A,
            },
            FactValue::Dns(DnsAnswer::ServFail),
        )
        .eval("dns.dhcp_options")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}

#[tokio::test]
async fn a_principal_removed_after_acceptance_warns_and_before_it_fails() {
    let other_account = || {
        (
            FactKey::ServicePermissions {
                service_id: "vpce-svc-0f1e2d3c4b5a69788".into(),
            },
            FactValue::Principals(vec!["arn:aws:iam::999999999999:root".into()]),
        )
    };
    // Accepted and available: this endpoint keeps working, new ones would be refused.
    let (k, v) = other_account();
    let o = World::healthy()
        .with(k, v)
        .eval("service.allowed_principals")
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    assert!(
        o.summary
            .contains("new endpoints from this account would be refused"),
        "{}",
        o.summary
    );
    assert!(o.fixes.iter().any(|f| f.key == "allow"));
    // Not accepted yet: nothing works through it, so the missing permission stays a failure.
    let (k, v) = other_account();
    let o = World::healthy()
        .with(k, v)
        .with_endpoint(|e| e.state = "pendingAcceptance".into())
        .eval("service.allowed_principals")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
}

// ------------------------------------------------ who the clients are (issue 13)

const EP_SG: &str = "sg-0b7e6d5c4f3a2b190";
const APP_SUBNET: &str = "subnet-0a0a0a0a0a0a0a0a0";

fn sg_key() -> FactKey {
    FactKey::SecurityGroups {
        ids: vec![EP_SG.into()],
        account: Account::Consumer,
    }
}

fn tcp_in(port: i32, cidrs: &[&str], groups: &[&str]) -> SgRule {
    SgRule {
        protocol: "tcp".into(),
        from_port: Some(port),
        to_port: Some(port),
        ipv4_ranges: cidrs.iter().map(ToString::to_string).collect(),
        group_refs: groups.iter().map(ToString::to_string).collect(),
        ..Default::default()
    }
}

/// The demo's consumer VPC with an application subnet (10.40.10.0/24) beside the endpoint's
/// two, and the endpoint's group holding `ingress`.
fn with_endpoint_rules(ingress: Vec<SgRule>) -> World {
    let w = World::healthy();
    let key = FactKey::Subnets {
        vpc_id: VPC.into(),
        account: Account::Consumer,
    };
    let FactValue::Subnets(mut subnets) = w.value(&key) else {
        unreachable!()
    };
    subnets.push(Subnet {
        id: APP_SUBNET.into(),
        vpc_id: VPC.into(),
        cidr: "10.40.10.0/24".into(),
        availability_zone: "us-east-1a".into(),
        availability_zone_id: Some("use1-az4".into()),
        ipv6_cidrs: vec![],
    });
    w.with(key, FactValue::Subnets(subnets)).with(
        sg_key(),
        FactValue::SecurityGroups(vec![SecurityGroup {
            id: EP_SG.into(),
            name: "orders-api-endpoint".into(),
            vpc_id: Some(VPC.into()),
            ingress,
            egress: vec![],
        }]),
    )
}

/// A client instance in the application subnet.
fn with_instance(w: World, id: &str, ip: &str, groups: &[&str]) -> World {
    w.with(
        FactKey::Instances {
            ids: vec![id.into()],
            account: Account::Consumer,
        },
        FactValue::Instances(vec![Instance {
            id: id.into(),
            availability_zone: "us-east-1a".into(),
            subnet_id: Some(APP_SUBNET.into()),
            private_ip: Some(ip.into()),
            security_group_ids: groups.iter().map(ToString::to_string).collect(),
            vpc_id: Some(VPC.into()),
            private_ips: vec![ip.into()],
        }]),
    )
}

fn from(s: &str) -> impl FnOnce(&mut crate::context::RunContext) {
    let source: ClientSource = s.parse().unwrap();
    move |r| r.from = Some(source)
}

#[tokio::test]
async fn a_least_privilege_subnet_rule_is_not_a_failure_without_from() {
    // Before: the clients were taken to be all of 10.40.0.0/16, so 443 from the app subnet
    // only was a FAIL whose fix opened 443 to the whole VPC.
    let w = with_endpoint_rules(vec![tcp_in(443, &["10.40.10.0/24"], &[])]);
    let o = w.eval("endpoint.security_groups").await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains("10.40.10.0/24"), "{}", o.summary);
    assert!(o.summary.contains("pass --from"), "{}", o.summary);
    assert!(o.fixes.is_empty());
    // A client in that subnet passes; one elsewhere fails, and the fix admits it alone.
    let w = with_endpoint_rules(vec![tcp_in(443, &["10.40.10.0/24"], &[])]);
    let o = w
        .eval_with("endpoint.security_groups", from("10.40.10.7"))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    let w = with_endpoint_rules(vec![tcp_in(443, &["10.40.10.0/24"], &[])]);
    let o = w
        .eval_with("endpoint.security_groups", from("10.40.2.9"))
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(
        var(&o, "allow_port", "permission_args"),
        Some("--protocol tcp --port 443 --cidr 10.40.2.9/32")
    );
}

#[tokio::test]
async fn a_group_reference_is_reported_and_judged_against_the_named_group() {
    let rules = || vec![tcp_in(443, &[], &["sg-0aaaaaaaaaaaaaaa1"])];
    // Before: unknown ("members are not visible"). Now the admitted group is named.
    let o = with_endpoint_rules(rules())
        .eval("endpoint.security_groups")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(
        o.summary.contains("group sg-0aaaaaaaaaaaaaaa1"),
        "{}",
        o.summary
    );
    let o = with_endpoint_rules(rules())
        .eval_with("endpoint.security_groups", from("sg-0aaaaaaaaaaaaaaa1"))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    // Another group is not admitted, whatever its members' addresses: the fix admits that
    // group and nothing wider.
    let o = with_endpoint_rules(rules())
        .eval_with("endpoint.security_groups", from("sg-0bbbbbbbbbbbbbbb2"))
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(
        var(&o, "allow_port", "permission_args"),
        Some("--protocol tcp --port 443 --source-group sg-0bbbbbbbbbbbbbbb2")
    );
    // A group whose members sit in a range a rule admits passes by address.
    let w = with_endpoint_rules(vec![tcp_in(443, &["10.40.10.0/24"], &[])]).with(
        FactKey::NetworkInterfacesWhere {
            account: Account::Consumer,
            filters: vec![("group-id".into(), vec!["sg-0ccccccccccccccc3".into()])],
        },
        FactValue::NetworkInterfaces(vec![NetworkInterface {
            id: "eni-0123456789abcdef1".into(),
            subnet_id: APP_SUBNET.into(),
            private_ip: Some("10.40.10.20".into()),
            security_group_ids: vec!["sg-0ccccccccccccccc3".into()],
            ..Default::default()
        }]),
    );
    let o = w
        .eval_with("endpoint.security_groups", from("sg-0ccccccccccccccc3"))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}

#[tokio::test]
async fn an_instance_is_judged_by_its_groups_and_address() {
    let i = "i-0123456789abcdef0";
    let rules = || vec![tcp_in(443, &[], &["sg-0aaaaaaaaaaaaaaa1"])];
    let o = with_instance(
        with_endpoint_rules(rules()),
        i,
        "10.40.10.7",
        &["sg-0fffffffffffffff9", "sg-0aaaaaaaaaaaaaaa1"],
    )
    .eval_with("endpoint.security_groups", from(i))
    .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains("sg-0aaaaaaaaaaaaaaa1"), "{}", o.summary);
    // Not in the group: the fix admits the instance's own group, not the VPC.
    let o = with_instance(
        with_endpoint_rules(rules()),
        i,
        "10.40.10.7",
        &["sg-0fffffffffffffff9"],
    )
    .eval_with("endpoint.security_groups", from(i))
    .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains(i), "{}", o.summary);
    assert_eq!(
        var(&o, "allow_port", "permission_args"),
        Some("--protocol tcp --port 443 --source-group sg-0fffffffffffffff9")
    );
    // Its subnet's ACL is judged too: replies into the app subnet are denied there.
    let w = with_instance(
        with_endpoint_rules(rules()),
        i,
        "10.40.10.7",
        &["sg-0aaaaaaaaaaaaaaa1"],
    );
    let acl_key = FactKey::NetworkAcls { vpc_id: VPC.into() };
    let FactValue::NetworkAcls(mut acls) = w.value(&acl_key) else {
        unreachable!()
    };
    acls.push(NetworkAcl {
        id: "acl-0app0000000000001".into(),
        vpc_id: VPC.into(),
        is_default: false,
        subnet_ids: vec![APP_SUBNET.into()],
        entries: vec![
            nacl(100, false, "6", (443, 443)),
            nacl(100, true, "-1", (0, 0)),
        ],
    });
    let o = w
        .with(acl_key, FactValue::NetworkAcls(acls))
        .eval_with("endpoint.nacls", from(i))
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(
        o.summary
            .contains("acl-0app0000000000001 on subnet-0a0a0a0a0a0a0a0a0 denies inbound replies from the endpoint"),
        "{}",
        o.summary
    );
    assert_eq!(var(&o, "allow_inbound", "cidr"), Some("10.40.1.87/32"));
}

fn nacl(rule: i32, egress: bool, proto: &str, ports: (i32, i32)) -> NaclEntry {
    NaclEntry {
        rule_number: rule,
        protocol: proto.into(),
        allow: true,
        egress,
        cidr: "0.0.0.0/0".into(),
        port_from: (proto != "-1").then_some(ports.0),
        port_to: (proto != "-1").then_some(ports.1),
    }
}

#[tokio::test]
async fn nothing_admitted_at_all_fails_and_asks_for_the_clients_source() {
    let o = with_endpoint_rules(vec![tcp_in(22, &["10.40.0.0/16"], &[])])
        .eval("endpoint.security_groups")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    let args = var(&o, "allow_client", "permission_args").unwrap();
    assert!(args.contains("--source-group \"${CLIENT_SG:?"), "{args}");
    assert!(
        !args.contains("10.40.0.0/16") && !args.contains('<'),
        "{args}"
    );
    // A range inside the VPC where no subnet is holds no client: still nothing admitted.
    let o = with_endpoint_rules(vec![tcp_in(443, &["10.40.99.0/24"], &[])])
        .eval("endpoint.security_groups")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("10.40.99.0/24"), "{}", o.summary);
    // Only the endpoint's own group (the default group's self reference): a warning.
    let o = with_endpoint_rules(vec![tcp_in(443, &[], &[EP_SG])])
        .eval("endpoint.security_groups")
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
}

fn with_acl_entries(w: World, entries: Vec<NaclEntry>) -> World {
    let acl_key = FactKey::NetworkAcls { vpc_id: VPC.into() };
    let FactValue::NetworkAcls(mut acls) = w.value(&acl_key) else {
        unreachable!()
    };
    acls[0].entries = entries;
    w.with(acl_key, FactValue::NetworkAcls(acls))
}

#[tokio::test]
async fn linux_only_ephemeral_replies_warn_rather_than_fail() {
    let entries = vec![
        nacl(100, false, "6", (443, 443)),
        nacl(100, true, "6", (32768, 65535)),
    ];
    // Before: FAIL (1024-32767 denied). Linux and Windows clients work.
    let o = with_acl_entries(World::healthy(), entries.clone())
        .eval("endpoint.nacls")
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    assert!(o.summary.contains("32768-65535"), "{}", o.summary);
    // Nobody named: the fix asks for the clients' range, never a placeholder.
    let cidr = var(&o, "allow_outbound", "cidr").unwrap();
    assert!(
        cidr.contains("${CLIENT_CIDR:?") && !cidr.contains('<'),
        "{cidr}"
    );
    assert!(
        var(&o, "allow_outbound", "cidr_note")
            .unwrap()
            .contains("CLIENT_CIDR")
    );
    // A client outside the VPC (on premises): only the endpoint's side is crossed.
    let o = with_acl_entries(World::healthy(), entries)
        .eval_with("endpoint.nacls", from("192.168.5.9"))
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    assert_eq!(var(&o, "allow_outbound", "from_port"), Some("1024"));
    // Replies allowed to 1024-32767 only: Linux clients lose them, a failure.
    let o = with_acl_entries(
        World::healthy(),
        vec![
            nacl(100, false, "6", (443, 443)),
            nacl(100, true, "6", (1024, 32767)),
        ],
    )
    .eval("endpoint.nacls")
    .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    // Nobody named, an ACL that admits only the app subnet is not a failure.
    let mut only_app = nacl(100, false, "6", (443, 443));
    only_app.cidr = "10.40.10.0/24".into();
    let mut replies = nacl(100, true, "6", (1024, 65535));
    replies.cidr = "10.40.10.0/24".into();
    let o = with_acl_entries(with_endpoint_rules(vec![]), vec![only_app, replies])
        .eval("endpoint.nacls")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains("10.40.10.0/24"), "{}", o.summary);
}

fn with_listener(w: World, protocol: &str, port: i32) -> World {
    let key = FactKey::Listeners {
        load_balancer_arn: NLB.into(),
    };
    let FactValue::Listeners(mut ls) = w.value(&key) else {
        unreachable!()
    };
    ls[0].protocol = protocol.into();
    ls[0].port = Some(port);
    w.with(key, FactValue::Listeners(ls))
}

#[tokio::test]
async fn a_udp_listener_is_judged_as_udp() {
    let udp_rule = SgRule {
        protocol: "udp".into(),
        from_port: Some(53),
        to_port: Some(53),
        ipv4_ranges: vec!["10.40.0.0/16".into()],
        ..Default::default()
    };
    // Before: judged as TCP 53, a FAIL on a rule set that admits the UDP clients.
    let o = with_listener(with_endpoint_rules(vec![udp_rule.clone()]), "UDP", 53)
        .eval("endpoint.security_groups")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains("UDP 53"), "{}", o.summary);
    // A TCP rule does not admit UDP; TCP_UDP needs both.
    let o = with_listener(
        with_endpoint_rules(vec![tcp_in(53, &["10.40.0.0/16"], &[])]),
        "UDP",
        53,
    )
    .eval_with("endpoint.security_groups", from("10.40.1.0/24"))
    .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(
        var(&o, "allow_port", "permission_args"),
        Some("--protocol udp --port 53 --cidr 10.40.1.0/24")
    );
    let o = with_listener(with_endpoint_rules(vec![udp_rule]), "TCP_UDP", 53)
        .eval_with("endpoint.security_groups", from("10.40.1.0/24"))
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("TCP 53"), "{}", o.summary);
    // The ACL must let UDP through: the demo's allow-all ACL does.
    let o = with_listener(World::healthy(), "UDP", 53)
        .eval("endpoint.nacls")
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains("UDP 53"), "{}", o.summary);
}

#[tokio::test]
async fn aws_services_are_judged_on_their_own_ports() {
    // An SES SMTP endpoint whose group admits 587 only: clients use one of the SMTP ports.
    let smtp = |w: World| {
        w.with_endpoint(|e| e.service_name = "com.amazonaws.us-east-1.email-smtp".into())
    };
    let o = smtp(with_endpoint_rules(vec![tcp_in(
        587,
        &["10.40.0.0/16"],
        &[],
    )]))
    .eval("endpoint.security_groups")
    .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains("TCP 587"), "{}", o.summary);
    // Before: judged on 443, which SMTP clients never use.
    let o = smtp(with_endpoint_rules(vec![tcp_in(
        443,
        &["10.40.0.0/16"],
        &[],
    )]))
    .eval("endpoint.security_groups")
    .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    let o = World::healthy()
        .with_endpoint(|e| e.service_name = "com.amazonaws.us-east-1.transfer.server".into())
        .eval("endpoint.security_groups")
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("TCP 22"), "{}", o.summary);
}
