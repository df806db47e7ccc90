//! The checks evaluated over facts built in code (the replay source), with no network:
//! every state and answer moto cannot produce, judged exactly.

use std::sync::Arc;

use super::{Ctx, evaluate};
use crate::context::{ClientSource, RunContext, VantageChoice};
use crate::engine::outcome::{Account, Outcome, Status};
use crate::facts::imds::ImdsAnswer;
use crate::facts::model::*;
use crate::facts::{FactError, FactKey, FactResult, FactValue, Facts, RecordType};

const EP: &str = "vpce-0123456789abcdef0";
const SVC: &str = "com.amazonaws.vpce.us-east-1.vpce-svc-0aaaabbbbccccdddd";
const SVC_ID: &str = "vpce-svc-0aaaabbbbccccdddd";

fn run_context() -> RunContext {
    RunContext {
        target: EP.into(),
        region: "us-east-1".into(),
        consumer_profile: Some("prod".into()),
        provider_profile: Some("owner".into()),
        provider_role_arn: None,
        provider_source: None,
        dns_server: Some("127.0.0.1:53".into()),
        vantage: VantageChoice::Auto,
        ports: vec![],
        from: None,
        expect_action: None,
        expect_resource: None,
        probe: false,
        asked: None,
        vpc: None,
        resolved_via: None,
        window_secs: crate::context::DEFAULT_WINDOW_SECS,
        fleet: false,
    }
}

fn endpoint() -> Endpoint {
    Endpoint {
        id: EP.into(),
        endpoint_type: "Interface".into(),
        vpc_id: "vpc-1".into(),
        service_name: SVC.into(),
        state: "available".into(),
        owner_id: Some("111122223333".into()),
        subnet_ids: vec!["subnet-a".into(), "subnet-b".into()],
        network_interface_ids: vec!["eni-a".into(), "eni-b".into()],
        security_group_ids: vec!["sg-1".into()],
        private_dns_enabled: Some(true),
        dns_entries: vec![
            DnsEntry {
                dns_name: format!(
                    "{EP}-abcd.vpce-svc-0aaaabbbbccccdddd.us-east-1.vpce.amazonaws.com"
                ),
                hosted_zone_id: None,
            },
            DnsEntry {
                dns_name: format!(
                    "{EP}-abcd-us-east-1a.vpce-svc-0aaaabbbbccccdddd.us-east-1.vpce.amazonaws.com"
                ),
                hosted_zone_id: None,
            },
            DnsEntry {
                dns_name: "api.example.com".into(),
                hosted_zone_id: None,
            },
        ],
        ..Default::default()
    }
}

fn enis() -> Vec<NetworkInterface> {
    vec![
        NetworkInterface {
            id: "eni-a".into(),
            subnet_id: "subnet-a".into(),
            availability_zone: "us-east-1a".into(),
            private_ip: Some("10.0.1.5".into()),
            private_ips: vec![],
            status: "in-use".into(),
            ..Default::default()
        },
        NetworkInterface {
            id: "eni-b".into(),
            subnet_id: "subnet-b".into(),
            availability_zone: "us-east-1b".into(),
            private_ip: Some("10.0.2.5".into()),
            private_ips: vec![],
            status: "in-use".into(),
            ..Default::default()
        },
    ]
}

fn ips(list: &[&str]) -> DnsAnswer {
    DnsAnswer::Addresses {
        ips: list.iter().map(|s| s.parse().unwrap()).collect(),
    }
}

struct World {
    facts: Vec<(FactKey, FactResult<FactValue>)>,
    run: RunContext,
    provider: bool,
}

impl World {
    fn new(ep: Endpoint) -> World {
        let regional = ep.dns_entries[0].dns_name.clone();
        let zonal = ep.dns_entries[1].dns_name.clone();
        World {
            facts: vec![
                (
                    FactKey::Endpoint { id: EP.into() },
                    Ok(FactValue::Endpoint(Box::new(ep))),
                ),
                (
                    FactKey::NetworkInterfaces {
                        ids: vec!["eni-a".into(), "eni-b".into()],
                    },
                    Ok(FactValue::NetworkInterfaces(enis())),
                ),
                (
                    FactKey::Dns {
                        name: regional,
                        record: RecordType::A,
                    },
                    Ok(FactValue::Dns(ips(&["10.0.1.5", "10.0.2.5"]))),
                ),
                (
                    FactKey::Dns {
                        name: zonal,
                        record: RecordType::A,
                    },
                    Ok(FactValue::Dns(ips(&["10.0.1.5"]))),
                ),
                (
                    FactKey::ServiceDetail {
                        service_name: SVC.into(),
                        service_type: None,
                    },
                    Ok(FactValue::ServiceDetail(None)),
                ),
            ],
            run: run_context(),
            provider: true,
        }
    }
    fn with(mut self, key: FactKey, value: FactResult<FactValue>) -> World {
        self.facts.retain(|(k, _)| k != &key);
        self.facts.push((key, value));
        self
    }
    async fn eval(self, id: &str) -> Outcome {
        let ctx = Ctx {
            facts: Arc::new(Facts::replay(self.facts)),
            run: Arc::new(self.run),
            provider_credentials: self.provider,
        };
        evaluate(id, &ctx).await
    }
}

fn with_state(state: &str) -> World {
    World::new(Endpoint {
        state: state.into(),
        ..endpoint()
    })
}

#[tokio::test]
async fn every_endpoint_state_has_its_own_verdict_and_fix() {
    for (state, status, key) in [
        ("available", Status::Pass, None),
        (
            "pendingAcceptance",
            Status::Fail,
            Some("pending_acceptance"),
        ),
        (
            "PendingAcceptance",
            Status::Fail,
            Some("pending_acceptance"),
        ),
        ("pending", Status::Fail, Some("pending")),
        ("rejected", Status::Fail, Some("rejected")),
        ("failed", Status::Fail, Some("failed")),
        ("expired", Status::Fail, Some("expired")),
        ("deleting", Status::Fail, Some("deleting")),
        ("partial", Status::Warn, Some("partial")),
        ("quantumEntangled", Status::Unknown, Some("unrecognised")),
    ] {
        let o = with_state(state).eval("endpoint.state").await;
        assert_eq!(o.status, status, "{state}: {o:?}");
        assert_eq!(o.fixes.first().map(|f| f.key), key, "{state}");
        assert!(o.evidence.iter().any(|e| matches!(e, crate::engine::outcome::Evidence::Field { value, .. } if value == state)), "raw state shown: {state}");
    }
    let o = with_state("pendingAcceptance").eval("endpoint.state").await;
    let vars = &o.fixes[0].vars;
    assert!(vars.contains(&("service_id".to_string(), SVC_ID.to_string())));
}

#[tokio::test]
async fn zonal_names_must_resolve_to_their_zone_only() {
    let ok = World::new(endpoint()).eval("endpoint.dns").await;
    assert_eq!(ok.status, Status::Pass, "{ok:?}");
    let zonal = endpoint().dns_entries[1].dns_name.clone();
    let wrong = World::new(endpoint())
        .with(
            FactKey::Dns {
                name: zonal,
                record: RecordType::A,
            },
            Ok(FactValue::Dns(ips(&["10.0.1.5", "10.0.2.5"]))),
        )
        .eval("endpoint.dns")
        .await;
    assert_eq!(wrong.status, Status::Fail);
    assert!(wrong.summary.contains("10.0.2.5"), "{}", wrong.summary);
}

#[tokio::test]
async fn dns_facts_missing_from_a_snapshot_are_unknown() {
    let regional = endpoint().dns_entries[0].dns_name.clone();
    let world = World::new(endpoint());
    let facts: Vec<_> = world
        .facts
        .into_iter()
        .filter(|(k, _)| {
            k != &FactKey::Dns {
                name: regional.clone(),
                record: RecordType::A,
            }
        })
        .collect();
    let o = World {
        facts,
        ..World::new(endpoint())
    }
    .eval("endpoint.dns")
    .await;
    assert_eq!(o.status, Status::Unknown);
    assert!(o.summary.contains("not recorded"), "{}", o.summary);
}

#[tokio::test]
async fn provider_checks_without_provider_credentials_say_what_would_answer_them() {
    let mut w = World::new(endpoint()).with(
        FactKey::ServiceConfig {
            service_id: SVC_ID.into(),
        },
        Err(FactError::NotFound {
            operation: "DescribeVpcEndpointServiceConfigurations".into(),
            code: "InvalidVpcEndpointServiceId.NotFound".into(),
            message: "x".into(),
        }),
    );
    w.provider = false;
    let o = w.eval("service.found").await;
    assert_eq!(o.status, Status::Unknown);
    assert!(o.summary.contains("needs ec2:DescribeVpcEndpointServiceConfigurations in the service owner's account — pass --provider-profile"), "{}", o.summary);
}

#[tokio::test]
async fn private_dns_from_outside_the_vpc_is_not_applicable() {
    let mut w = World::new(endpoint())
        .with(
            FactKey::ServiceDetail {
                service_name: SVC.into(),
                service_type: None,
            },
            Ok(FactValue::ServiceDetail(Some(ServiceDetail {
                service_name: SVC.into(),
                service_id: Some(SVC_ID.into()),
                owner: Some("444455556666".into()),
                service_type: vec!["Interface".into()],
                availability_zones: vec![],
                private_dns_name: Some("api.example.com".into()),
                private_dns_verification_state: Some("verified".into()),
                acceptance_required: Some(true),
                ..Default::default()
            }))),
        )
        .with(
            FactKey::Vpc { id: "vpc-1".into() },
            Ok(FactValue::Vpc(Vpc {
                id: "vpc-1".into(),
                cidr_blocks: vec!["10.0.0.0/16".into()],
                owner_id: None,
                dhcp_options_id: None,
                ..Default::default()
            })),
        )
        .with(
            FactKey::InstanceMetadata,
            Ok(FactValue::Imds(ImdsAnswer::Unavailable {
                message: "connection refused".into(),
            })),
        );
    w.run.dns_server = None;
    let o = w.eval("private_dns.resolves").await;
    assert_eq!(o.status, Status::NotApplicable, "{o:?}");
    assert!(o.summary.contains("--dns-server"));
}

#[tokio::test]
async fn private_dns_inside_the_vpc_is_judged() {
    let mut w = World::new(endpoint())
        .with(
            FactKey::ServiceDetail {
                service_name: SVC.into(),
                service_type: None,
            },
            Ok(FactValue::ServiceDetail(Some(ServiceDetail {
                service_name: SVC.into(),
                service_id: Some(SVC_ID.into()),
                owner: None,
                service_type: vec![],
                availability_zones: vec![],
                private_dns_name: Some("*.example.com".into()),
                private_dns_verification_state: Some("verified".into()),
                acceptance_required: None,
                ..Default::default()
            }))),
        )
        .with(
            FactKey::Vpc { id: "vpc-1".into() },
            Ok(FactValue::Vpc(Vpc {
                id: "vpc-1".into(),
                cidr_blocks: vec!["10.0.0.0/16".into()],
                owner_id: None,
                dhcp_options_id: None,
                ..Default::default()
            })),
        )
        .with(
            FactKey::InstanceMetadata,
            Ok(FactValue::Imds(ImdsAnswer::Vpc {
                vpc_id: "vpc-1".into(),
                mac: "0e:00:00:00:00:01".into(),
            })),
        )
        .with(
            FactKey::Dns {
                name: "vpce-doctor-probe.example.com".into(),
                record: RecordType::A,
            },
            Ok(FactValue::Dns(DnsAnswer::NxDomain)),
        );
    w.run.dns_server = None;
    let o = w.eval("private_dns.resolves").await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert_eq!(o.fixes[0].key, "nxdomain");
}

/// A machine whose address lies in the endpoint VPC's CIDR (10.0.0.0/16 is everywhere:
/// another account's VPC, a VPN, a CI runner) where the private name resolves publicly.
fn overlapping_cidr_world(imds: ImdsAnswer) -> World {
    let mut w = World::new(endpoint())
        .with(
            FactKey::ServiceDetail {
                service_name: SVC.into(),
                service_type: None,
            },
            Ok(FactValue::ServiceDetail(Some(ServiceDetail {
                service_name: SVC.into(),
                service_id: Some(SVC_ID.into()),
                private_dns_name: Some("api.example.com".into()),
                private_dns_verification_state: Some("verified".into()),
                ..Default::default()
            }))),
        )
        .with(
            FactKey::Vpc { id: "vpc-1".into() },
            Ok(FactValue::Vpc(Vpc {
                id: "vpc-1".into(),
                cidr_blocks: vec!["10.0.0.0/16".into()],
                owner_id: None,
                dhcp_options_id: None,
                ..Default::default()
            })),
        )
        .with(
            FactKey::LocalAddresses,
            Ok(FactValue::Addresses(vec!["10.0.7.7".parse().unwrap()])),
        )
        .with(FactKey::InstanceMetadata, Ok(FactValue::Imds(imds)))
        .with(
            FactKey::Dns {
                name: "api.example.com".into(),
                record: RecordType::A,
            },
            Ok(FactValue::Dns(ips(&["52.94.227.17"]))),
        );
    w.run.dns_server = None;
    w
}

#[tokio::test]
async fn an_address_in_an_overlapping_cidr_is_not_inside_the_vpc() {
    // Before: 10.0.7.7 in 10.0.0.0/16 meant "inside", and the public answer was a FAIL.
    for imds in [
        ImdsAnswer::Vpc {
            vpc_id: "vpc-2".into(),
            mac: "0e:00:00:00:00:02".into(),
        },
        ImdsAnswer::Unavailable {
            message: "connection refused".into(),
        },
        ImdsAnswer::Disabled,
    ] {
        let o = overlapping_cidr_world(imds.clone())
            .eval("private_dns.resolves")
            .await;
        assert_eq!(o.status, Status::NotApplicable, "{imds:?}: {o:?}");
        assert!(o.summary.contains("outside vpc-1"), "{}", o.summary);
    }
    // The metadata naming this VPC makes it inside: the public answer is then a real fault.
    let o = overlapping_cidr_world(ImdsAnswer::Vpc {
        vpc_id: "vpc-1".into(),
        mac: "0e:00:00:00:00:01".into(),
    })
    .eval("private_dns.resolves")
    .await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    // --vantage inside is believed without asking.
    let mut w = overlapping_cidr_world(ImdsAnswer::Disabled);
    w.run.vantage = VantageChoice::Inside;
    assert_eq!(w.eval("private_dns.resolves").await.status, Status::Fail);
}

#[tokio::test]
async fn connection_missing_from_the_provider_view() {
    let w = World::new(endpoint())
        .with(
            FactKey::ServiceConfig {
                service_id: SVC_ID.into(),
            },
            Ok(FactValue::ServiceConfig(ServiceConfig {
                service_id: SVC_ID.into(),
                service_name: SVC.into(),
                state: "Available".into(),
                acceptance_required: Some(true),
                network_load_balancer_arns: vec![],
                gateway_load_balancer_arns: vec![],
                availability_zones: vec![],
                private_dns_name: None,
                ..Default::default()
            })),
        )
        .with(
            FactKey::EndpointConnections {
                service_id: SVC_ID.into(),
            },
            Ok(FactValue::Connections(vec![Connection {
                endpoint_id: "vpce-0ffffffffffffffff".into(),
                state: "available".into(),
                owner: None,
            }])),
        );
    let o = w.eval("service.connection").await;
    assert_eq!(o.status, Status::Fail);
    assert_eq!(o.fixes[0].key, "missing");
    let o = World::new(endpoint()).eval("nlb.state").await;
    assert_eq!(o.status, Status::Unknown, "no recorded config: {o:?}");
}

#[tokio::test]
async fn security_group_rules_by_reference_and_all_traffic() {
    let group = |rules: Vec<SgRule>| {
        Ok(FactValue::SecurityGroups(vec![SecurityGroup {
            id: "sg-1".into(),
            name: "ep".into(),
            vpc_id: None,
            ingress: rules,
            ..Default::default()
        }]))
    };
    let rule = |proto: &str, from: i32, to: i32, refs: Vec<&str>, cidrs: Vec<&str>| SgRule {
        protocol: proto.into(),
        from_port: Some(from),
        to_port: Some(to),
        ipv4_ranges: cidrs.into_iter().map(String::from).collect(),
        ipv6_ranges: vec![],
        group_refs: refs.into_iter().map(String::from).collect(),
        prefix_lists: vec![],
    };
    let key = FactKey::SecurityGroups {
        ids: vec!["sg-1".into()],
        account: Account::Consumer,
    };
    let mut w = World::new(endpoint()).with(
        key.clone(),
        group(vec![rule("tcp", 443, 443, vec!["sg-clients"], vec![])]),
    );
    w.run.from = Some(ClientSource::SecurityGroup("sg-clients".into()));
    w.run.ports = vec![443];
    assert_eq!(
        w.eval("endpoint.security_groups").await.status,
        Status::Pass
    );

    let mut w = World::new(endpoint()).with(
        key.clone(),
        group(vec![rule("-1", -1, -1, vec![], vec!["0.0.0.0/0"])]),
    );
    w.run.from = Some(ClientSource::Cidr("172.16.0.0/12".parse().unwrap()));
    w.run.ports = vec![8443];
    assert_eq!(
        w.eval("endpoint.security_groups").await.status,
        Status::Pass
    );

    let mut w = World::new(endpoint()).with(
        key.clone(),
        group(vec![rule("tcp", 443, 443, vec!["sg-other"], vec![])]),
    );
    w.run.from = Some(ClientSource::Cidr("10.0.0.0/16".parse().unwrap()));
    w.run.ports = vec![443];
    let o = w.eval("endpoint.security_groups").await;
    // A range is not a group: the group is named as what is admitted, and the range's
    // clients pass only as its members.
    assert_eq!(o.status, Status::Warn, "{o:?}");
    assert!(o.summary.contains("sg-other"), "{}", o.summary);

    let mut w = World::new(endpoint()).with(
        key,
        Err(FactError::AccessDenied {
            operation: "DescribeSecurityGroups".into(),
            action: "ec2:DescribeSecurityGroups".into(),
            code: "UnauthorizedOperation".into(),
            message: String::new(),
        }),
    );
    w.run.ports = vec![443];
    let o = w.eval("endpoint.security_groups").await;
    assert_eq!(o.status, Status::Unknown);
    assert!(o.summary.contains("needs ec2:DescribeSecurityGroups"));
}

#[tokio::test]
async fn gateway_subnets_not_using_the_endpoint() {
    let ep = Endpoint {
        endpoint_type: "Gateway".into(),
        route_table_ids: vec!["rtb-assoc".into()],
        network_interface_ids: vec![],
        ..endpoint()
    };
    let tables = vec![
        RouteTable {
            id: "rtb-assoc".into(),
            vpc_id: "vpc-1".into(),
            main: false,
            subnet_ids: vec!["subnet-a".into()],
            routes: vec![Route {
                destination: "pl-63a5400a".into(),
                target: EP.into(),
                state: "active".into(),
                origin: String::new(),
            }],
        },
        RouteTable {
            id: "rtb-main".into(),
            vpc_id: "vpc-1".into(),
            main: true,
            subnet_ids: vec![],
            routes: vec![],
        },
    ];
    let subnets = vec![
        Subnet {
            id: "subnet-a".into(),
            vpc_id: "vpc-1".into(),
            cidr: "10.0.1.0/24".into(),
            availability_zone: "us-east-1a".into(),
            availability_zone_id: None,
            ..Default::default()
        },
        Subnet {
            id: "subnet-b".into(),
            vpc_id: "vpc-1".into(),
            cidr: "10.0.2.0/24".into(),
            availability_zone: "us-east-1b".into(),
            availability_zone_id: None,
            ..Default::default()
        },
    ];
    let world = |from: Option<ClientSource>| {
        let mut w = World::new(ep.clone())
            .with(
                FactKey::RouteTables {
                    vpc_id: "vpc-1".into(),
                },
                Ok(FactValue::RouteTables(tables.clone())),
            )
            .with(
                FactKey::Subnets {
                    vpc_id: "vpc-1".into(),
                    account: Account::Consumer,
                },
                Ok(FactValue::Subnets(subnets.clone())),
            );
        w.run.from = from;
        w
    };
    // Before: a warning for subnet-b (a public subnet, or one without clients) although no
    // client was named in it.
    let o = world(None).eval("gateway.route_tables").await;
    assert_eq!(o.status, Status::Pass, "{o:?}");
    assert!(o.summary.contains("subnet-b"), "{}", o.summary);
    assert!(o.summary.contains("--from"), "{}", o.summary);
    assert!(o.fixes.is_empty());
    let o = world(Some(ClientSource::Subnet("subnet-b".into())))
        .eval("gateway.route_tables")
        .await;
    assert_eq!(o.status, Status::Fail);
    assert_eq!(o.fixes[0].key, "associate");
    let o = world(Some(ClientSource::Cidr("10.0.1.7/32".parse().unwrap())))
        .eval("gateway.route_tables")
        .await;
    assert_eq!(o.status, Status::Pass, "{o:?}");
    // An instance named with --from is judged by its own subnet ("aws s3 cp hangs on this
    // instance").
    let on = |subnet: &str| {
        world(Some(ClientSource::Instance("i-0123456789abcdef0".into()))).with(
            FactKey::Instances {
                ids: vec!["i-0123456789abcdef0".into()],
                account: Account::Consumer,
            },
            Ok(FactValue::Instances(vec![crate::facts::model::Instance {
                id: "i-0123456789abcdef0".into(),
                availability_zone: "us-east-1b".into(),
                subnet_id: Some(subnet.into()),
                private_ip: Some("10.0.2.9".into()),
                security_group_ids: vec![],
                vpc_id: Some("vpc-1".into()),
                private_ips: vec![],
            }])),
        )
    };
    let o = on("subnet-b").eval("gateway.route_tables").await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert_eq!(o.fixes[0].key, "associate");
    let o = on("subnet-a").eval("gateway.route_tables").await;
    assert_eq!(o.status, Status::Pass, "{o:?}");
}

#[tokio::test]
async fn a_restrictive_endpoint_policy_is_judged_only_for_a_request() {
    let ep = Endpoint {
        policy_document: Some(
            r#"{"Statement":[{"Sid":"OurBuckets","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}]}"#
                .into(),
        ),
        ..endpoint()
    };
    // Before: a warning for the least-privilege policy the guide recommends.
    let o = World::new(ep.clone()).eval("gateway.policy").await;
    assert_eq!(o.status, Status::Pass, "{o:?}");
    assert!(o.summary.contains("--expect-action"), "{}", o.summary);
    assert!(o.fixes.is_empty());
    let mut w = World::new(ep.clone());
    w.run.expect_action = Some("s3:PutObject".into());
    w.run.expect_resource = Some("arn:aws:s3:::data/x".into());
    assert_eq!(w.eval("gateway.policy").await.status, Status::Fail);
    let mut w = World::new(ep);
    w.run.expect_action = Some("s3:GetObject".into());
    w.run.expect_resource = Some("arn:aws:s3:::data/x".into());
    assert_eq!(w.eval("gateway.policy").await.status, Status::Pass);
}

/// An S3 gateway endpoint, a request for an object of `bucket`, and the bucket's policy read
/// as `policy`.
fn bucket_world(policy: FactResult<FactValue>) -> World {
    let ep = Endpoint {
        endpoint_type: "Gateway".into(),
        service_name: "com.amazonaws.us-east-1.s3".into(),
        ..endpoint()
    };
    let mut w = World::new(ep).with(
        FactKey::BucketPolicy {
            bucket: "team-data".into(),
        },
        policy,
    );
    w.run.expect_action = Some("s3:GetObject".into());
    w.run.expect_resource = Some("arn:aws:s3:::team-data/k".into());
    w
}

fn policy_text(v: serde_json::Value) -> FactResult<FactValue> {
    Ok(FactValue::Policy(Some(v.to_string())))
}

#[tokio::test]
async fn the_bucket_policy_is_judged_for_the_request_through_this_endpoint() {
    // A grant pinned to another endpoint: a warning (same-account callers may still be let in
    // by IAM), naming the key, with the command that adds this endpoint to it.
    let pinned = serde_json::json!({"Statement": [{"Sid": "ViaShared", "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::team-data/*",
        "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-0ther"}}}]});
    let o = bucket_world(policy_text(pinned))
        .eval("gateway.bucket_policy")
        .await;
    assert_eq!(o.status, Status::Warn, "{o:?}");
    assert!(
        o.summary.contains("ViaShared") && o.summary.contains("aws:SourceVpce"),
        "{}",
        o.summary
    );
    assert_eq!(o.fixes[0].key, "admit");
    let policy = &o.fixes[0]
        .vars
        .iter()
        .find(|(k, _)| k == "policy")
        .unwrap()
        .1;
    assert!(
        policy.contains(EP) && policy.contains("vpce-0ther"),
        "{policy}"
    );
    // No policy: the caller's IAM decides; pass.
    let o = bucket_world(Ok(FactValue::Policy(None)))
        .eval("gateway.bucket_policy")
        .await;
    assert_eq!(o.status, Status::Pass, "{o:?}");
    // No such bucket anywhere, or a bucket of another region: a warning that says so.
    let missing = FactError::NotFound {
        operation: "GetBucketPolicy".into(),
        code: "NoSuchBucket".into(),
        message: String::new(),
    };
    let o = bucket_world(Err(missing))
        .eval("gateway.bucket_policy")
        .await;
    assert_eq!(o.status, Status::Warn, "{o:?}");
    assert!(o.summary.contains("NoSuchBucket"), "{}", o.summary);
    let elsewhere = FactError::Service {
        operation: "GetBucketPolicy".into(),
        code: "PermanentRedirect".into(),
        message: String::new(),
    };
    let o = bucket_world(Err(elsewhere))
        .eval("gateway.bucket_policy")
        .await;
    assert_eq!(o.status, Status::Warn, "{o:?}");
    assert!(o.summary.contains("us-east-1"), "{}", o.summary);
    // A Deny on who the caller is, not on the path: no command (it would widen access).
    let deliberate = serde_json::json!({"Statement": [{"Sid": "NoReads", "Effect": "Deny",
        "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]});
    let o = bucket_world(policy_text(deliberate))
        .eval("gateway.bucket_policy")
        .await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert_eq!(o.fixes[0].key, "narrow_deny");
    // Without a named bucket, or for another service: nothing to judge.
    let mut w = bucket_world(Ok(FactValue::Policy(None)));
    w.run.expect_resource = None;
    assert_eq!(
        w.eval("gateway.bucket_policy").await.status,
        Status::NotApplicable
    );
    let o = World::new(endpoint()).eval("gateway.bucket_policy").await;
    assert_eq!(o.status, Status::NotApplicable, "{o:?}");
}
