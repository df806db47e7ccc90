//! The client's side of the path: `client.egress` (the client's own security groups let its
//! requests out to an interface endpoint or a gateway endpoint's prefix list) and
//! `endpoint.nacls` for gateway endpoints (the client subnet's ACL against the prefix list's
//! ranges), judged over the bundled demo facts with one fact changed at a time.

use super::client::{Dest, Egress, judge_egress};
use super::test_world::{World, var};
use crate::context::ClientSource;
use crate::engine::outcome::{Account, Status};
use crate::facts::model::*;
use crate::facts::{FactError, FactKey, FactValue};

const VPC: &str = "vpc-0c3f9a7d2e1b45a60";
const EP_SG: &str = "sg-0b7e6d5c4f3a2b190";
const CLIENT_SG: &str = "sg-0c11e7700000000a1";
const INSTANCE: &str = "i-0c11e7700000000a1";
const S3: &str = "com.amazonaws.us-east-1.s3";
const PL: &str = "pl-63a5400a";
const GATEWAY: &str = include_str!("../../assets/demo/gateway-missing-route.json");
/// The subnet of the demo VPC in us-east-1a (an endpoint subnet in the interface demo, the
/// routed client subnet in the gateway demo).
const SUBNET_A: &str = "subnet-0a9d8c7b6e5f40312";

fn from(s: &str) -> impl FnOnce(&mut crate::context::RunContext) {
    let source: ClientSource = s.parse().unwrap();
    move |r| r.from = Some(source)
}

fn rule(proto: &str, port: Option<i32>) -> SgRule {
    SgRule {
        protocol: proto.into(),
        from_port: port,
        to_port: port,
        ..Default::default()
    }
}

fn to_cidrs(proto: &str, port: Option<i32>, cidrs: &[&str]) -> SgRule {
    let (v6, v4): (Vec<&str>, Vec<&str>) = cidrs.iter().partition(|c| c.contains(':'));
    SgRule {
        ipv4_ranges: v4.iter().map(ToString::to_string).collect(),
        ipv6_ranges: v6.iter().map(ToString::to_string).collect(),
        ..rule(proto, port)
    }
}

/// The default outbound rule of every new group: everything, everywhere (IPv4).
fn allow_all() -> SgRule {
    to_cidrs("-1", None, &["0.0.0.0/0"])
}

/// A client instance in subnet A, in the client group holding `egress`.
fn with_client(w: World, egress: Vec<SgRule>) -> World {
    w.with(
        FactKey::Instances {
            ids: vec![INSTANCE.into()],
            account: Account::Consumer,
        },
        FactValue::Instances(vec![Instance {
            id: INSTANCE.into(),
            availability_zone: "us-east-1a".into(),
            subnet_id: Some(SUBNET_A.into()),
            private_ip: Some("10.40.1.20".into()),
            security_group_ids: vec![CLIENT_SG.into()],
            vpc_id: Some(VPC.into()),
            private_ips: vec!["10.40.1.20".into()],
        }]),
    )
    .with(
        FactKey::SecurityGroups {
            ids: vec![CLIENT_SG.into()],
            account: Account::Consumer,
        },
        FactValue::SecurityGroups(vec![SecurityGroup {
            id: CLIENT_SG.into(),
            name: "app".into(),
            vpc_id: Some(VPC.into()),
            ingress: vec![],
            egress,
        }]),
    )
}

fn s3_list() -> PrefixList {
    PrefixList {
        id: PL.into(),
        name: S3.into(),
        cidrs: vec![
            "52.216.0.0/15".into(),
            "3.5.0.0/19".into(),
            "54.231.0.0/16".into(),
        ],
    }
}

fn gateway(egress: Vec<SgRule>) -> World {
    with_client(World::scenario(GATEWAY), egress).with(
        FactKey::ManagedPrefixList { name: S3.into() },
        FactValue::PrefixList(Some(s3_list())),
    )
}

fn denied(op: &str, action: &str) -> FactError {
    FactError::AccessDenied {
        operation: op.into(),
        action: action.into(),
        code: "UnauthorizedOperation".into(),
        message: "not authorized".into(),
    }
}

#[tokio::test]
async fn interface_egress_passes_on_the_default_rule_and_on_a_reference_to_the_endpoint_group() {
    let o = with_client(World::healthy(), vec![allow_all()])
        .eval_with("client.egress", from(INSTANCE))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains("0.0.0.0/0"), "{}", o.summary);
    let by_group = SgRule {
        group_refs: vec![EP_SG.into()],
        ..rule("tcp", Some(443))
    };
    let o = with_client(World::healthy(), vec![by_group])
        .eval_with("client.egress", from(INSTANCE))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains(EP_SG), "{}", o.summary);
    // Ranges that cover both interfaces (10.40.1.87, 10.40.2.143) do too.
    let o = with_client(
        World::healthy(),
        vec![to_cidrs("tcp", Some(443), &["10.40.0.0/16"])],
    )
    .eval_with("client.egress", from(INSTANCE))
    .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}

#[tokio::test]
async fn interface_egress_that_misses_the_endpoint_fails_with_the_group_reference() {
    // Out only to another network, and to the endpoint on the wrong port.
    let egress = vec![
        to_cidrs("tcp", Some(443), &["192.168.0.0/16"]),
        to_cidrs("tcp", Some(8443), &["10.40.0.0/16"]),
        SgRule {
            group_refs: vec!["sg-0another000000001".into()],
            ..rule("tcp", Some(443))
        },
    ];
    let o = with_client(World::healthy(), egress)
        .eval_with("client.egress", from(INSTANCE))
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains(CLIENT_SG), "{}", o.summary);
    assert!(o.summary.contains("TCP 443"), "{}", o.summary);
    assert_eq!(var(&o, "allow_egress", "group_id"), Some(CLIENT_SG));
    assert_eq!(
        var(&o, "allow_egress", "permission_args"),
        Some(
            "--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=sg-0b7e6d5c4f3a2b190}]'"
        )
    );
    // Covering one interface of two is not enough.
    let o = with_client(
        World::healthy(),
        vec![to_cidrs("tcp", Some(443), &["10.40.1.0/24"])],
    )
    .eval_with("client.egress", from(INSTANCE))
    .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    // No outbound rule at all.
    let o = with_client(World::healthy(), vec![])
        .eval_with("client.egress", from(INSTANCE))
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
}

#[tokio::test]
async fn egress_is_unknown_when_the_groups_cannot_be_read_and_not_applicable_without_groups() {
    let w = with_client(World::healthy(), vec![]).with_err(
        FactKey::SecurityGroups {
            ids: vec![CLIENT_SG.into()],
            account: Account::Consumer,
        },
        denied("DescribeSecurityGroups", "ec2:DescribeSecurityGroups"),
    );
    let o = w.eval_with("client.egress", from(INSTANCE)).await;
    assert_eq!(o.status, Status::Unknown, "{}", o.summary);
    assert!(
        o.summary.contains("ec2:DescribeSecurityGroups"),
        "{}",
        o.summary
    );
    // Nobody named, or a client named by addresses: nothing to judge, and it says why.
    let o = World::healthy().eval("client.egress").await;
    assert_eq!(o.status, Status::NotApplicable, "{}", o.summary);
    assert!(o.summary.contains("--from"), "{}", o.summary);
    let o = World::healthy()
        .eval_with("client.egress", from("10.40.1.0/24"))
        .await;
    assert_eq!(o.status, Status::NotApplicable, "{}", o.summary);
    assert!(o.summary.contains("no security groups"), "{}", o.summary);
    let o = World::healthy()
        .eval_with("client.egress", from(SUBNET_A))
        .await;
    assert_eq!(o.status, Status::NotApplicable, "{}", o.summary);
}

/// The demo endpoint made dual-stack, and a client interface with `ips` in the client group.
fn dual_stack(egress: Vec<SgRule>, ips: &[&str]) -> World {
    let eni_key = FactKey::NetworkInterfaces {
        ids: vec![
            "eni-0d4c3b2a19f8e7d60".into(),
            "eni-0e5d4c3b2a1f09e87".into(),
        ],
    };
    let w = World::healthy().with_endpoint(|ep| ep.ip_address_type = Some("dualstack".into()));
    let FactValue::NetworkInterfaces(mut enis) = w.value(&eni_key) else {
        unreachable!()
    };
    enis[0].ipv6_addresses = vec!["2600:1f18:4a3:6e01::87".into()];
    enis[1].ipv6_addresses = vec!["2600:1f18:4a3:6e02::143".into()];
    let client = "eni-0c11e7700000000b2";
    let (v6, v4): (Vec<&str>, Vec<&str>) = ips.iter().partition(|c| c.contains(':'));
    with_client(w.with(eni_key, FactValue::NetworkInterfaces(enis)), egress).with(
        FactKey::NetworkInterfaces {
            ids: vec![client.into()],
        },
        FactValue::NetworkInterfaces(vec![NetworkInterface {
            id: client.into(),
            subnet_id: SUBNET_A.into(),
            private_ip: v4.first().map(ToString::to_string),
            private_ips: v4.iter().map(ToString::to_string).collect(),
            security_group_ids: vec![CLIENT_SG.into()],
            ipv6_addresses: v6.iter().map(ToString::to_string).collect(),
            ..Default::default()
        }]),
    )
}

#[tokio::test]
async fn an_ipv6_only_client_is_judged_by_its_family() {
    let eni = "eni-0c11e7700000000b2";
    // ::/0 lets an IPv6-only client out to the endpoint's IPv6 addresses.
    let o = dual_stack(
        vec![to_cidrs("-1", None, &["::/0"])],
        &["2600:1f18:4a3:6e01::20"],
    )
    .eval_with("client.egress", from(eni))
    .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    // IPv4 rules never carry its traffic.
    let o = dual_stack(vec![allow_all()], &["2600:1f18:4a3:6e01::20"])
        .eval_with("client.egress", from(eni))
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    // A dual-stack client out over IPv4 only: it gets through, after fallback.
    let o = dual_stack(vec![allow_all()], &["10.40.1.20", "2600:1f18:4a3:6e01::20"])
        .eval_with("client.egress", from(eni))
        .await;
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    assert!(o.summary.contains("not over IPv6"), "{}", o.summary);
    assert!(var(&o, "allow_egress", "permission_args").is_some());
    let o = dual_stack(
        vec![to_cidrs("-1", None, &["0.0.0.0/0", "::/0"])],
        &["10.40.1.20", "2600:1f18:4a3:6e01::20"],
    )
    .eval_with("client.egress", from(eni))
    .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}

#[tokio::test]
async fn gateway_egress_needs_the_prefix_list_or_ranges_that_cover_it() {
    let by_list = SgRule {
        prefix_lists: vec![PL.into()],
        ..rule("tcp", Some(443))
    };
    let o = gateway(vec![by_list])
        .eval_with("client.egress", from(INSTANCE))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains(PL), "{}", o.summary);
    let o = gateway(vec![allow_all()])
        .eval_with("client.egress", from(INSTANCE))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    let o = gateway(vec![to_cidrs(
        "tcp",
        Some(443),
        &["52.216.0.0/15", "3.5.0.0/19", "54.231.0.0/16"],
    )])
    .eval_with("client.egress", from(INSTANCE))
    .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    // Only the VPC: S3 is not in it. The fix names the prefix list, nothing wider.
    let o = gateway(vec![to_cidrs("-1", None, &["10.40.0.0/16"])])
        .eval_with("client.egress", from(INSTANCE))
        .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains(S3), "{}", o.summary);
    assert_eq!(
        var(&o, "allow_egress", "permission_args"),
        Some(
            "--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-63a5400a}]'"
        )
    );
    // Two of the three ranges: still a failure.
    let o = gateway(vec![to_cidrs(
        "tcp",
        Some(443),
        &["52.216.0.0/15", "3.5.0.0/19"],
    )])
    .eval_with("client.egress", from(INSTANCE))
    .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
}

#[tokio::test]
async fn gateway_egress_without_the_prefix_list_entries() {
    let unread = |egress| {
        gateway(egress).with_err(
            FactKey::ManagedPrefixList { name: S3.into() },
            denied(
                "DescribeManagedPrefixLists",
                "ec2:DescribeManagedPrefixLists",
            ),
        )
    };
    // Everything is let out: the list's entries do not matter.
    let o = unread(vec![allow_all()])
        .eval_with("client.egress", from(INSTANCE))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    // Narrower: could not tell, and the action that would tell is named.
    let o = unread(vec![to_cidrs("tcp", Some(443), &["10.40.0.0/16"])])
        .eval_with("client.egress", from(INSTANCE))
        .await;
    assert_eq!(o.status, Status::Unknown, "{}", o.summary);
    assert!(
        o.summary.contains("ec2:DescribeManagedPrefixLists"),
        "{}",
        o.summary
    );
    assert!(o.fixes.is_empty());
}

#[test]
fn rules_to_other_prefix_lists_cannot_be_judged() {
    let other = SgRule {
        prefix_lists: vec!["pl-0customer0000001".into()],
        ..rule("tcp", Some(443))
    };
    let dest = Dest::Gateway {
        service: S3.into(),
        list: Some(s3_list()),
    };
    assert_eq!(
        judge_egress(&[&other], &dest),
        Egress::OtherLists(vec!["pl-0customer0000001".into()])
    );
    let dest = Dest::Interface {
        addrs: vec!["10.40.1.87/32".parse().unwrap()],
        groups: vec![EP_SG.into()],
    };
    assert_eq!(
        judge_egress(&[&other], &dest),
        Egress::OtherLists(vec!["pl-0customer0000001".into()])
    );
    assert_eq!(judge_egress(&[], &dest), Egress::Denied);
}

fn acl_entry(rule: i32, egress: bool, cidr: &str, ports: Option<(i32, i32)>) -> NaclEntry {
    NaclEntry {
        rule_number: rule,
        protocol: if ports.is_some() { "6" } else { "-1" }.into(),
        allow: true,
        egress,
        cidr: cidr.into(),
        port_from: ports.map(|p| p.0),
        port_to: ports.map(|p| p.1),
    }
}

/// The gateway demo with one ACL on every subnet holding `entries`.
fn gateway_acl(entries: Vec<NaclEntry>) -> World {
    gateway(vec![allow_all()]).with(
        FactKey::NetworkAcls { vpc_id: VPC.into() },
        FactValue::NetworkAcls(vec![NetworkAcl {
            id: "acl-0c11e7700000000c3".into(),
            vpc_id: VPC.into(),
            is_default: true,
            subnet_ids: vec![SUBNET_A.into(), "subnet-0b8e7d6c5f4a30291".into()],
            entries,
        }]),
    )
}

#[tokio::test]
async fn a_gateway_clients_subnet_acl_must_allow_the_prefix_list_ranges_both_ways() {
    let open = || {
        vec![
            acl_entry(100, false, "0.0.0.0/0", None),
            acl_entry(100, true, "0.0.0.0/0", None),
        ]
    };
    let o = gateway_acl(open())
        .eval_with("endpoint.nacls", from(SUBNET_A))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(o.summary.contains(PL), "{}", o.summary);
    let o = gateway_acl(open())
        .eval_with("endpoint.nacls", from(INSTANCE))
        .await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    // Only the VPC out: requests to S3 hit the final rule; one allow per range, each with a
    // rule number of its own.
    let o = gateway_acl(vec![
        acl_entry(100, false, "0.0.0.0/0", None),
        acl_entry(100, true, "10.40.0.0/16", None),
    ])
    .eval_with("endpoint.nacls", from(SUBNET_A))
    .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("52.216.0.0/15"), "{}", o.summary);
    let outbound: Vec<(String, String)> = o
        .fixes
        .iter()
        .filter(|f| f.key == "allow_outbound")
        .map(|f| {
            let get = |k: &str| {
                f.vars
                    .iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.clone())
                    .unwrap()
            };
            (get("rule_number"), get("cidr"))
        })
        .collect();
    assert_eq!(outbound.len(), 3, "{outbound:?}");
    let mut numbers: Vec<&String> = outbound.iter().map(|(n, _)| n).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 3, "{outbound:?}");
    assert!(o.fixes.iter().all(|f| f.key != "allow_inbound"));
    // Replies from S3 shut out: the inbound side fails.
    let o = gateway_acl(vec![
        acl_entry(100, false, "10.40.0.0/16", None),
        acl_entry(100, true, "0.0.0.0/0", None),
    ])
    .eval_with("endpoint.nacls", from(SUBNET_A))
    .await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert!(o.summary.contains("inbound"), "{}", o.summary);
}

#[tokio::test]
async fn a_gateway_acl_needs_a_client_and_the_prefix_list() {
    // (The demo names a client: taken away.)
    let o = gateway_acl(vec![])
        .eval_with("endpoint.nacls", |r| r.from = None)
        .await;
    assert_eq!(o.status, Status::NotApplicable, "{}", o.summary);
    assert!(o.summary.contains("pass --from"), "{}", o.summary);
    let o = gateway_acl(vec![])
        .with_err(
            FactKey::ManagedPrefixList { name: S3.into() },
            denied(
                "GetManagedPrefixListEntries",
                "ec2:GetManagedPrefixListEntries",
            ),
        )
        .eval_with("endpoint.nacls", from(SUBNET_A))
        .await;
    assert_eq!(o.status, Status::Unknown, "{}", o.summary);
    assert!(
        o.summary.contains("ec2:GetManagedPrefixListEntries"),
        "{}",
        o.summary
    );
}
