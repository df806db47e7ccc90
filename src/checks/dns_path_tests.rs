//! `dns.resolution_path` over the bundled demo facts with the Resolver layers added one at a
//! time: the layer that decides is named, healthy set-ups stay quiet, the fix fits the layer.

use super::test_world::{World, var};
use crate::context::ClientSource;
use crate::engine::outcome::{Evidence, Outcome, Status};
use crate::facts::model::*;
use crate::facts::{FactKey, FactValue};

const VPC: &str = "vpc-0c3f9a7d2e1b45a60";
const NAME: &str = "orders.internal.example.com";
const SPOKE: &str = "vpc-0spoke0000000001";
const ID: &str = "dns.resolution_path";

/// The demo world with every Resolver layer read and empty, for the VPCs given.
fn quiet(vpcs: &[&str]) -> World {
    let mut w = World::healthy()
        .with(FactKey::ResolverRules, FactValue::ResolverRules(vec![]))
        .with(
            FactKey::ResolverRuleAssociations,
            FactValue::RuleAssociations(vec![]),
        )
        .with(
            FactKey::ResolverEndpoints,
            FactValue::ResolverEndpoints(vec![]),
        )
        .with(FactKey::PrivateZones, FactValue::HostedZones(vec![]));
    for vpc in vpcs {
        w = w
            .with(
                FactKey::FirewallAssociations {
                    vpc_id: (*vpc).into(),
                },
                FactValue::FirewallAssociations(vec![]),
            )
            .with(
                FactKey::ProfileAssociations {
                    vpc_id: (*vpc).into(),
                },
                FactValue::ProfileAssociations(vec![]),
            );
    }
    w
}

fn forward(id: &str, domain: &str) -> ResolverRule {
    ResolverRule {
        id: id.into(),
        name: Some(id.into()),
        domain: domain.into(),
        rule_type: "FORWARD".into(),
        targets: vec!["10.9.0.2:53".into()],
        resolver_endpoint_id: Some("rslvr-out-1".into()),
        owner_id: None,
        share_status: None,
        status: "COMPLETE".into(),
    }
}

fn associated(w: World, rules: Vec<ResolverRule>, vpc: &str) -> World {
    let associations = rules
        .iter()
        .map(|r| ResolverRuleAssociation {
            id: format!("rslvr-rrassoc-{}", r.id),
            rule_id: r.id.clone(),
            vpc_id: vpc.into(),
            status: "COMPLETE".into(),
        })
        .collect();
    w.with(FactKey::ResolverRules, FactValue::ResolverRules(rules))
        .with(
            FactKey::ResolverRuleAssociations,
            FactValue::RuleAssociations(associations),
        )
}

fn rows(o: &Outcome) -> Vec<Vec<String>> {
    o.evidence
        .iter()
        .find_map(|e| match e {
            Evidence::Table { title, rows, .. } if title == "resolution path" => Some(rows.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no resolution path in {o:?}"))
}

fn deciding(o: &Outcome) -> String {
    let decides: Vec<Vec<String>> = rows(o).into_iter().filter(|r| r[2] == "decides").collect();
    assert_eq!(decides.len(), 1, "{:#?}", rows(o));
    decides[0][0].clone()
}

fn keys(o: &Outcome) -> Vec<&str> {
    o.fixes.iter().map(|f| f.key).collect()
}

#[tokio::test]
async fn the_endpoint_private_dns_answers_in_its_own_vpc() {
    let o = quiet(&[VPC]).eval(ID).await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert_eq!(deciding(&o), "endpoint private DNS");
    // The demo's resolver answered: the observed line is there, and agrees.
    assert!(
        rows(&o).iter().any(|r| r[3] == "observed"),
        "{:#?}",
        rows(&o)
    );
}

#[tokio::test]
async fn a_forward_rule_for_a_parent_domain_does_not_touch_the_private_name() {
    let w = associated(
        quiet(&[VPC]),
        vec![forward("rslvr-rr-corp", "example.com")],
        VPC,
    );
    let o = w.eval(ID).await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(
        rows(&o)
            .iter()
            .any(|r| r[2] == "skipped" && r[1].contains("rslvr-rr-corp"))
    );
}

#[tokio::test]
async fn a_forward_rule_for_the_name_itself_hijacks_it_and_is_disassociated() {
    let w = associated(quiet(&[VPC]), vec![forward("rslvr-rr-hijack", NAME)], VPC).with(
        FactKey::Dns {
            name: NAME.into(),
            record: crate::facts::RecordType::A,
        },
        FactValue::Dns(DnsAnswer::Addresses {
            ips: vec!["192.0.2.10".parse().unwrap()],
        }),
    );
    let o = w.eval(ID).await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(deciding(&o), "Resolver rule");
    assert!(o.summary.contains("rslvr-rr-hijack"), "{}", o.summary);
    assert_eq!(
        var(&o, "disassociate_rule", "rule_id"),
        Some("rslvr-rr-hijack")
    );
}

#[tokio::test]
async fn a_firewall_block_of_the_name_is_the_root_and_only_that_name_is_unblocked() {
    let w = quiet(&[VPC])
        .with(
            FactKey::FirewallAssociations { vpc_id: VPC.into() },
            FactValue::FirewallAssociations(vec![FirewallAssociation {
                id: "rslvr-frgassoc-1".into(),
                group_id: "rslvr-frg-1".into(),
                name: None,
                vpc_id: VPC.into(),
                priority: 101,
                status: "COMPLETE".into(),
            }]),
        )
        .with(
            FactKey::FirewallRules {
                group_id: "rslvr-frg-1".into(),
            },
            FactValue::FirewallRules(vec![FirewallRule {
                name: Some("block-list".into()),
                priority: 10,
                action: "BLOCK".into(),
                block_response: Some("NXDOMAIN".into()),
                block_override_domain: None,
                domain_list_id: Some("rslvr-fdl-1".into()),
                query_type: None,
            }]),
        )
        .with(
            FactKey::FirewallDomains {
                list_id: "rslvr-fdl-1".into(),
            },
            FactValue::Domains(vec!["bad.example.org".into(), NAME.into()]),
        )
        .with(
            FactKey::Dns {
                name: NAME.into(),
                record: crate::facts::RecordType::A,
            },
            FactValue::Dns(DnsAnswer::NxDomain),
        );
    let o = w.eval(ID).await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(deciding(&o), "DNS Firewall");
    assert_eq!(keys(&o), ["remove_firewall_domain"]);
    assert_eq!(var(&o, "remove_firewall_domain", "entry"), Some(NAME));
}

/// The demo machine asked from inside the endpoint's VPC; a client elsewhere is judged from
/// configuration.
fn spoke(w: World) -> World {
    w.with(
        FactKey::HostedZonesByVpc {
            vpc_id: SPOKE.into(),
            region: "us-east-1".into(),
        },
        FactValue::HostedZones(vec![]),
    )
    .with(
        FactKey::VpcAttribute {
            vpc_id: SPOKE.into(),
            attribute: crate::facts::VpcAttribute::EnableDnsSupport,
        },
        FactValue::Bool(true),
    )
    .with(
        FactKey::VpcAttribute {
            vpc_id: SPOKE.into(),
            attribute: crate::facts::VpcAttribute::EnableDnsHostnames,
        },
        FactValue::Bool(true),
    )
}

async fn from_spoke(w: World) -> Outcome {
    w.eval_with(ID, |r| {
        r.from = Some(ClientSource::Vpc(SPOKE.into()));
        r.dns_server = None;
    })
    .await
}

#[tokio::test]
async fn a_peered_vpc_without_the_zone_resolves_publicly_and_gets_a_zone_of_its_own() {
    let o = from_spoke(spoke(quiet(&[VPC, SPOKE]))).await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(deciding(&o), "recursion");
    assert_eq!(keys(&o), ["create_zone"]);
    assert_eq!(var(&o, "create_zone", "client_vpc"), Some(SPOKE));
    assert_eq!(var(&o, "create_zone", "zone_name"), Some(NAME));
}

fn zone_pointing_at_the_endpoint(w: World, associated_with_spoke: bool) -> World {
    let zone = HostedZone {
        id: "Z0SHARED".into(),
        name: NAME.into(),
        owner: None,
    };
    let ep = w.endpoint();
    let alias = RecordSet {
        name: NAME.into(),
        record_type: "A".into(),
        values: vec![],
        alias_target: Some(ep.dns_entries[0].dns_name.clone()),
    };
    let mut vpcs = vec![("vpc-0other".to_string(), "us-east-1".to_string())];
    let mut w = w
        .with(
            FactKey::PrivateZones,
            FactValue::HostedZones(vec![zone.clone()]),
        )
        .with(
            FactKey::RecordSets {
                zone_id: "Z0SHARED".into(),
                name: NAME.into(),
            },
            FactValue::RecordSets(vec![alias]),
        );
    if associated_with_spoke {
        vpcs.push((SPOKE.into(), "us-east-1".into()));
        w = w.with(
            FactKey::HostedZonesByVpc {
                vpc_id: SPOKE.into(),
                region: "us-east-1".into(),
            },
            FactValue::HostedZones(vec![zone]),
        );
    }
    w.with(
        FactKey::ZoneVpcs {
            zone_id: "Z0SHARED".into(),
        },
        FactValue::ZoneVpcs(ZoneVpcs {
            id: "Z0SHARED".into(),
            name: NAME.into(),
            vpcs,
        }),
    )
}

#[tokio::test]
async fn a_zone_shared_with_other_vpcs_but_not_the_clients_is_associated() {
    let w = zone_pointing_at_the_endpoint(spoke(quiet(&[VPC, SPOKE])), false);
    let o = from_spoke(w).await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(keys(&o), ["associate_zone"]);
    assert_eq!(var(&o, "associate_zone", "zone_id"), Some("Z0SHARED"));
    // Associated: the zone answers with the endpoint.
    let w = zone_pointing_at_the_endpoint(spoke(quiet(&[VPC, SPOKE])), true);
    let o = from_spoke(w).await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert_eq!(deciding(&o), "private hosted zone");
}

#[tokio::test]
async fn an_unreadable_profile_layer_makes_a_missing_zone_unknown_not_a_failure() {
    let w = spoke(quiet(&[VPC, SPOKE])).with_err(
        FactKey::ProfileAssociations {
            vpc_id: SPOKE.into(),
        },
        crate::facts::FactError::AccessDenied {
            operation: "ListProfileAssociations".into(),
            action: "route53profiles:ListProfileAssociations".into(),
            code: "AccessDeniedException".into(),
            message: String::new(),
        },
    );
    let o = from_spoke(w).await;
    assert_eq!(o.status, Status::Unknown, "{}", o.summary);
    assert!(
        o.summary
            .contains("route53profiles:ListProfileAssociations"),
        "{}",
        o.summary
    );
}

#[tokio::test]
async fn a_profile_bringing_the_endpoint_serves_a_spoke() {
    let ep = World::healthy().endpoint();
    let w = spoke(quiet(&[VPC, SPOKE]))
        .with(
            FactKey::ProfileAssociations {
                vpc_id: SPOKE.into(),
            },
            FactValue::ProfileAssociations(vec![ProfileAssociation {
                id: "rpassoc-1".into(),
                profile_id: "rp-1".into(),
                name: None,
                resource_id: SPOKE.into(),
                status: "COMPLETE".into(),
            }]),
        )
        .with(
            FactKey::ProfileResources {
                profile_id: "rp-1".into(),
            },
            FactValue::ProfileResources(vec![ProfileResource {
                id: "rpr-1".into(),
                profile_id: "rp-1".into(),
                name: None,
                resource_arn: format!("arn:aws:ec2:us-east-1:111122223333:vpc-endpoint/{}", ep.id),
                resource_type: "AWS::EC2::VPCEndpoint".into(),
                properties: None,
                status: "COMPLETE".into(),
            }]),
        );
    let o = from_spoke(w).await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert!(
        rows(&o).iter().any(|r| r[1].contains("Profile rp-1")),
        "{:#?}",
        rows(&o)
    );
}

fn inbound(w: World, sg_cidr: &str) -> World {
    w.with(
        FactKey::ResolverEndpoints,
        FactValue::ResolverEndpoints(vec![ResolverEndpoint {
            id: "rslvr-in-1".into(),
            name: Some("inbound".into()),
            direction: "INBOUND".into(),
            vpc_id: VPC.into(),
            security_group_ids: vec!["sg-0dns".into()],
            status: "OPERATIONAL".into(),
            addresses: vec![ResolverAddress {
                ip: Some("10.40.1.53".into()),
                ipv6: None,
                subnet_id: "subnet-a".into(),
                status: "ATTACHED".into(),
            }],
        }]),
    )
    .with(
        FactKey::SecurityGroups {
            ids: vec!["sg-0dns".into()],
            account: crate::engine::outcome::Account::Consumer,
        },
        FactValue::SecurityGroups(vec![SecurityGroup {
            id: "sg-0dns".into(),
            name: "dns".into(),
            vpc_id: Some(VPC.into()),
            ingress: ["udp", "tcp"]
                .iter()
                .map(|p| SgRule {
                    protocol: (*p).into(),
                    from_port: Some(53),
                    to_port: Some(53),
                    ipv4_ranges: vec![sg_cidr.into()],
                    ipv6_ranges: vec![],
                    group_refs: vec![],
                    prefix_lists: vec![],
                })
                .collect(),
            egress: vec![],
        }]),
    )
}

async fn from_onprem(w: World) -> Outcome {
    w.eval_with(ID, |r| {
        r.from = Some(ClientSource::OnPrem("172.16.0.0/16".parse().unwrap()));
        r.dns_server = None;
    })
    .await
}

#[tokio::test]
async fn clients_on_premises_need_an_inbound_endpoint_that_admits_them() {
    let o = from_onprem(quiet(&[VPC])).await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(keys(&o), ["create_inbound"]);
    let o = from_onprem(inbound(quiet(&[VPC]), "10.0.0.0/8")).await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(keys(&o), ["inbound_sg"]);
    assert_eq!(var(&o, "inbound_sg", "cidr"), Some("172.16.0.0/16"));
    let o = from_onprem(inbound(quiet(&[VPC]), "172.16.0.0/12")).await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
    assert_eq!(keys(&o), ["forwarder"]);
    assert_eq!(var(&o, "forwarder", "inbound_ips"), Some("10.40.1.53"));
}

#[tokio::test]
async fn a_profiles_api_that_answers_500_does_not_turn_a_missing_zone_into_unknown() {
    // moto, or a partition without Route 53 Profiles: nothing can be associated there.
    let w = spoke(quiet(&[VPC, SPOKE])).with_err(
        FactKey::ProfileAssociations {
            vpc_id: SPOKE.into(),
        },
        crate::facts::FactError::Unsupported {
            operation: "ListProfileAssociations".into(),
            message: "HTTP 500".into(),
        },
    );
    let o = from_spoke(w).await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(keys(&o), ["create_zone"]);
    assert!(o.summary.contains("Route 53 Profiles"), "{}", o.summary);
}

#[tokio::test]
async fn a_vpc_own_forward_rule_for_the_name_is_the_cause_even_with_profiles_unread() {
    let w = associated(quiet(&[VPC]), vec![forward("rslvr-rr-hijack", NAME)], VPC)
        .with(
            FactKey::Dns {
                name: NAME.into(),
                record: crate::facts::RecordType::A,
            },
            FactValue::Dns(DnsAnswer::Timeout),
        )
        .with_err(
            FactKey::ProfileAssociations { vpc_id: VPC.into() },
            crate::facts::FactError::AccessDenied {
                operation: "ListProfileAssociations".into(),
                action: "route53profiles:ListProfileAssociations".into(),
                code: "AccessDeniedException".into(),
                message: String::new(),
            },
        );
    let o = w.eval(ID).await;
    assert_eq!(o.status, Status::Fail, "{}", o.summary);
    assert_eq!(keys(&o), ["disassociate_rule"]);
}

#[tokio::test]
async fn an_inbound_endpoint_admitting_by_prefix_list_is_not_a_failure() {
    // Least privilege: the on-premises ranges live in a customer-managed prefix list.
    let w = inbound(quiet(&[VPC]), "10.0.0.0/8").with(
        FactKey::SecurityGroups {
            ids: vec!["sg-0dns".into()],
            account: crate::engine::outcome::Account::Consumer,
        },
        FactValue::SecurityGroups(vec![SecurityGroup {
            id: "sg-0dns".into(),
            name: "dns".into(),
            vpc_id: Some(VPC.into()),
            ingress: ["udp", "tcp"]
                .iter()
                .map(|p| SgRule {
                    protocol: (*p).into(),
                    from_port: Some(53),
                    to_port: Some(53),
                    ipv4_ranges: vec![],
                    ipv6_ranges: vec![],
                    group_refs: vec![],
                    prefix_lists: vec!["pl-0onprem".into()],
                })
                .collect(),
            egress: vec![],
        }]),
    );
    let o = from_onprem(w).await;
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}
