//! Whole runs over the address-family and S3/DynamoDB set-ups of issue 14, built from the
//! bundled `ipv6-only` scenario with facts changed: every check judged, root causes and
//! fixes as the faces show them. Healthy set-ups must raise no fail, warn or unknown; a
//! broken one names one root cause with its fix.

use std::net::IpAddr;

use super::find;
use crate::checks::test_world::World;
use crate::engine::outcome::Status;
use crate::engine::state::RunState;
use crate::facts::model::*;
use crate::facts::{FactKey, FactValue, RecordType};

const EP: &str = "vpce-0a1b2c3d4e5f60718";
const VPC: &str = "vpc-0c3f9a7d2e1b45a60";
const SG: &str = "sg-0b7e6d5c4f3a2b190";
const V4: [&str; 2] = ["10.40.1.87", "10.40.2.143"];
const V6: [&str; 2] = [
    "2600:1f18:4a3:6e01:8d2c:41ab:3e5f:9a17",
    "2600:1f18:4a3:6e02:1b7e:c940:52d3:6f08",
];
const V6_VPC: &str = "2600:1f18:4a3:6e00::/56";
const REGIONAL: &str =
    "vpce-0a1b2c3d4e5f60718-k3m9x2qp.vpce-svc-0f1e2d3c4b5a69788.us-east-1.vpce.amazonaws.com";
const ZONAL_A: &str = "vpce-0a1b2c3d4e5f60718-k3m9x2qp-us-east-1a.vpce-svc-0f1e2d3c4b5a69788.us-east-1.vpce.amazonaws.com";
const ZONAL_B: &str = "vpce-0a1b2c3d4e5f60718-k3m9x2qp-us-east-1b.vpce-svc-0f1e2d3c4b5a69788.us-east-1.vpce.amazonaws.com";
const PRIVATE: &str = "orders.internal.example.com";
const S3: &str = "com.amazonaws.us-east-1.s3";

/// The `ipv6-only` scenario's facts, changed per test (the checks' shared test world).
struct Scene(World);

fn addrs(list: &[&str]) -> DnsAnswer {
    DnsAnswer::Addresses {
        ips: list.iter().map(|s| s.parse::<IpAddr>().unwrap()).collect(),
    }
}

fn dns(name: &str, record: RecordType) -> FactKey {
    FactKey::Dns {
        name: name.to_string(),
        record,
    }
}

fn rule(port: i32, v4: &[&str], v6: &[&str]) -> SgRule {
    SgRule {
        protocol: "tcp".into(),
        from_port: Some(port),
        to_port: Some(port),
        ipv4_ranges: v4.iter().map(ToString::to_string).collect(),
        ipv6_ranges: v6.iter().map(ToString::to_string).collect(),
        ..Default::default()
    }
}

impl Scene {
    fn ipv6_only() -> Scene {
        Scene(World::scenario(find("ipv6-only").unwrap().json))
    }

    fn set(self, key: FactKey, value: FactValue) -> Scene {
        Scene(self.0.with(key, value))
    }

    fn value(&self, key: &FactKey) -> FactValue {
        self.0.value(key)
    }

    fn with_endpoint(self, f: impl FnOnce(&mut Endpoint)) -> Scene {
        Scene(self.0.with_endpoint(f))
    }

    fn with_rules(self, ingress: Vec<SgRule>) -> Scene {
        self.set(
            FactKey::SecurityGroups {
                ids: vec![SG.into()],
                account: crate::engine::outcome::Account::Consumer,
            },
            FactValue::SecurityGroups(vec![SecurityGroup {
                id: SG.into(),
                name: "orders-api-endpoint".into(),
                vpc_id: Some(VPC.into()),
                ingress,
                egress: vec![],
            }]),
        )
    }

    /// The same endpoint dual-stack: IPv4 and IPv6 on every interface and subnet, A and
    /// AAAA records, rules for both families.
    fn dual_stack() -> Scene {
        let s = Scene::ipv6_only().with_endpoint(|ep| {
            ep.ip_address_type = Some("dualstack".into());
            ep.dns_record_ip_type = Some("dualstack".into());
        });
        let enis_key = FactKey::NetworkInterfaces {
            ids: vec![
                "eni-0d4c3b2a19f8e7d60".into(),
                "eni-0e5d4c3b2a1f09e87".into(),
            ],
        };
        let FactValue::NetworkInterfaces(mut enis) = s.value(&enis_key) else {
            unreachable!()
        };
        for (n, ip) in enis.iter_mut().zip(V4) {
            n.private_ip = Some(ip.into());
            n.private_ips = vec![ip.into()];
        }
        let subnets_key = FactKey::Subnets {
            vpc_id: VPC.into(),
            account: crate::engine::outcome::Account::Consumer,
        };
        let FactValue::Subnets(mut subnets) = s.value(&subnets_key) else {
            unreachable!()
        };
        for (sub, cidr) in subnets.iter_mut().zip(["10.40.1.0/24", "10.40.2.0/24"]) {
            sub.cidr = cidr.into();
        }
        s.set(enis_key, FactValue::NetworkInterfaces(enis))
            .set(subnets_key, FactValue::Subnets(subnets))
            .with_rules(vec![rule(443, &["10.40.0.0/16"], &[V6_VPC])])
            .set(dns(REGIONAL, RecordType::A), FactValue::Dns(addrs(&V4)))
            .set(dns(ZONAL_A, RecordType::A), FactValue::Dns(addrs(&V4[..1])))
            .set(dns(ZONAL_B, RecordType::A), FactValue::Dns(addrs(&V4[1..])))
            .set(dns(PRIVATE, RecordType::A), FactValue::Dns(addrs(&V4)))
    }

    fn from(mut self, client: crate::context::ClientSource) -> Scene {
        self.0.snap.context.from = Some(client);
        self
    }

    async fn run(self) -> RunState {
        self.0.run().await
    }
}

fn roots(state: &RunState) -> Vec<&str> {
    state.root_causes().iter().map(|c| c.id.as_str()).collect()
}

/// Every check that did not pass or stay out, with its verdict, for the assertion message.
fn not_clean(state: &RunState) -> Vec<String> {
    state
        .checks
        .iter()
        .filter_map(|c| {
            let r = c.result()?;
            (!matches!(
                r.status,
                Status::Pass | Status::NotApplicable | Status::Advice
            ))
            .then(|| format!("{} {:?}: {}", c.id, r.status, r.summary))
        })
        .collect()
}

fn commands(state: &RunState, id: &str) -> Vec<String> {
    state
        .get(id)
        .and_then(|c| c.result())
        .map(|r| {
            r.remediation
                .iter()
                .filter_map(|f| f.command.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn status(state: &RunState, id: &str) -> Status {
    state
        .get(id)
        .and_then(crate::engine::state::CheckEntry::status)
        .unwrap()
}

#[tokio::test]
async fn a_healthy_ipv6_only_endpoint_raises_nothing() {
    let state = Scene::ipv6_only().run().await;
    assert!(not_clean(&state).is_empty(), "{:#?}", not_clean(&state));
    assert_eq!(state.exit_code(), 0);
    // Judged on the AAAA answers, against the interfaces' IPv6 addresses.
    let resolves = state.get("private_dns.resolves").unwrap().result().unwrap();
    assert!(
        resolves.summary.contains(V6[0]) && resolves.summary.contains("(AAAA records)"),
        "{}",
        resolves.summary
    );
}

#[tokio::test]
async fn an_ipv6_only_endpoint_behind_an_ipv4_only_group_names_the_group_with_an_ipv6_rule() {
    let state = Scene::ipv6_only()
        .with_rules(vec![rule(443, &["10.40.0.0/16"], &[])])
        .run()
        .await;
    assert_eq!(
        roots(&state),
        ["endpoint.security_groups"],
        "{:#?}",
        not_clean(&state)
    );
    let sg = state
        .get("endpoint.security_groups")
        .unwrap()
        .result()
        .unwrap();
    assert!(sg.summary.contains("IPv6-only"), "{}", sg.summary);
    assert_eq!(
        commands(&state, "endpoint.security_groups"),
        [format!(
            "aws ec2 authorize-security-group-ingress --group-id {SG} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{{CidrIpv6={V6_VPC}}}]' --profile prod --region us-east-1"
        )]
    );
}

#[tokio::test]
async fn an_ipv6_only_endpoint_behind_an_ipv4_only_network_acl_gets_an_ipv6_entry() {
    let s = Scene::ipv6_only();
    let key = FactKey::NetworkAcls { vpc_id: VPC.into() };
    let FactValue::NetworkAcls(mut acls) = s.value(&key) else {
        unreachable!()
    };
    acls[0].entries.retain(|e| !e.cidr.contains(':'));
    let state = s.set(key, FactValue::NetworkAcls(acls)).run().await;
    assert_eq!(
        roots(&state),
        ["endpoint.nacls"],
        "{:#?}",
        not_clean(&state)
    );
    let cmds = commands(&state, "endpoint.nacls");
    assert!(
        cmds.iter()
            .any(|c| c.contains(&format!("--ipv6-cidr-block {V6_VPC}"))),
        "{cmds:?}"
    );
}

#[tokio::test]
async fn a_named_dual_stack_client_whose_acl_passes_only_ipv4_warns_with_the_ipv6_entry() {
    // Before: a failure, though IPv4 fallback carries the client's traffic.
    let subnet = "subnet-0a9d8c7b6e5f40312";
    let s = Scene::dual_stack();
    let key = FactKey::NetworkAcls { vpc_id: VPC.into() };
    let FactValue::NetworkAcls(mut acls) = s.value(&key) else {
        unreachable!()
    };
    acls[0].entries.retain(|e| !e.cidr.contains(':'));
    let state = s
        .set(key, FactValue::NetworkAcls(acls.clone()))
        .from(crate::context::ClientSource::Subnet(subnet.into()))
        .run()
        .await;
    let o = state.get("endpoint.nacls").unwrap().result().unwrap();
    assert_eq!(o.status, Status::Warn, "{}", o.summary);
    assert!(o.summary.contains("IPv4 fallback"), "{}", o.summary);
    assert!(
        commands(&state, "endpoint.nacls")
            .iter()
            .any(|c| c.contains("--ipv6-cidr-block")),
        "{:?}",
        commands(&state, "endpoint.nacls")
    );
    // IPv4 shut as well: nothing carries the client, a failure.
    acls[0]
        .entries
        .retain(|e| !(e.allow && e.cidr == "0.0.0.0/0"));
    let state = Scene::dual_stack()
        .set(
            FactKey::NetworkAcls { vpc_id: VPC.into() },
            FactValue::NetworkAcls(acls),
        )
        .from(crate::context::ClientSource::Subnet(subnet.into()))
        .run()
        .await;
    assert_eq!(
        roots(&state),
        ["endpoint.nacls"],
        "{:#?}",
        not_clean(&state)
    );
}

#[tokio::test]
async fn a_healthy_dual_stack_endpoint_raises_nothing() {
    let state = Scene::dual_stack().run().await;
    assert!(not_clean(&state).is_empty(), "{:#?}", not_clean(&state));
    let dns = state.get("endpoint.dns").unwrap().result().unwrap();
    assert!(dns.summary.contains("A and AAAA"), "{}", dns.summary);
}

#[tokio::test]
async fn a_dual_stack_name_without_its_aaaa_record_fails() {
    let state = Scene::dual_stack()
        .set(
            dns(REGIONAL, RecordType::Aaaa),
            FactValue::Dns(DnsAnswer::NoRecords),
        )
        .run()
        .await;
    assert_eq!(roots(&state), ["endpoint.dns"], "{:#?}", not_clean(&state));
    let dns = state.get("endpoint.dns").unwrap().result().unwrap();
    assert!(dns.summary.contains("no AAAA record"), "{}", dns.summary);
    assert_eq!(
        commands(&state, "endpoint.dns"),
        [format!("dig +short {REGIONAL} AAAA")]
    );
}

#[tokio::test]
async fn a_dual_stack_endpoint_admitting_only_ipv4_warns_with_the_ipv6_rule() {
    let state = Scene::dual_stack()
        .with_rules(vec![rule(443, &["10.40.0.0/16"], &[])])
        .run()
        .await;
    assert_eq!(status(&state, "endpoint.security_groups"), Status::Warn);
    assert!(roots(&state).is_empty());
    let cmds = commands(&state, "endpoint.security_groups");
    assert!(cmds[0].contains("Ipv6Ranges"), "{cmds:?}");
}

#[tokio::test]
async fn a_named_dual_stack_client_admitted_only_over_ipv4_warns_with_its_ipv6_range() {
    let subnet = "subnet-0a9d8c7b6e5f40312";
    let state = Scene::dual_stack()
        .with_rules(vec![rule(443, &["10.40.0.0/16"], &[])])
        .from(crate::context::ClientSource::Subnet(subnet.into()))
        .run()
        .await;
    let sg = state
        .get("endpoint.security_groups")
        .unwrap()
        .result()
        .unwrap();
    assert_eq!(sg.status, Status::Warn, "{}", sg.summary);
    assert_eq!(
        commands(&state, "endpoint.security_groups"),
        [format!(
            "aws ec2 authorize-security-group-ingress --group-id {SG} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{{CidrIpv6=2600:1f18:4a3:6e01::/64}}]' --profile prod --region us-east-1"
        )]
    );
    // The same client of an IPv6-only endpoint fails: IPv6 is its only way in.
    let state = Scene::ipv6_only()
        .with_rules(vec![rule(443, &["10.40.0.0/16"], &[])])
        .from(crate::context::ClientSource::Subnet(subnet.into()))
        .run()
        .await;
    assert_eq!(roots(&state), ["endpoint.security_groups"]);
}

#[tokio::test]
async fn unknown_address_types_are_shown_raw_and_unknown() {
    let state = Scene::ipv6_only()
        .with_endpoint(|ep| ep.ip_address_type = Some("ipv7".into()))
        .run()
        .await;
    let o = state.get("endpoint.ip_type").unwrap().result().unwrap();
    assert_eq!(o.status, Status::Unknown, "{}", o.summary);
    assert!(o.summary.contains("\"ipv7\""), "{}", o.summary);
}

/// An S3 interface endpoint (wildcard DNS entries, an AWS service with a Gateway and an
/// Interface entry of one name) beside the VPC's S3 gateway endpoint.
fn s3(inbound_only: bool, gateway: bool) -> Scene {
    let regional = format!("*.{EP}-k3m9x2qp.s3.us-east-1.vpce.amazonaws.com");
    let zonal = format!("*.{EP}-k3m9x2qp-us-east-1a.s3.us-east-1.vpce.amazonaws.com");
    let s = Scene::dual_stack().with_endpoint(|ep| {
        ep.service_name = S3.into();
        ep.ip_address_type = Some("ipv4".into());
        ep.dns_record_ip_type = Some("ipv4".into());
        ep.private_dns_only_for_inbound_resolver_endpoint = Some(inbound_only);
        ep.dns_entries = [
            regional.as_str(),
            zonal.as_str(),
            "s3.us-east-1.amazonaws.com",
            "*.s3.us-east-1.amazonaws.com",
        ]
        .iter()
        .map(|n| DnsEntry {
            dns_name: n.to_string(),
            hosted_zone_id: None,
        })
        .collect();
    });
    let ep = s.0.endpoint();
    let gw = Endpoint {
        id: "vpce-0c2d4e6f8a0b1c3d5".into(),
        endpoint_type: "Gateway".into(),
        vpc_id: VPC.into(),
        service_name: S3.into(),
        state: "available".into(),
        route_table_ids: vec!["rtb-0a1b2c3d4e5f67890".into()],
        // moto and some SDKs report true for a gateway endpoint: it must not matter.
        private_dns_enabled: Some(true),
        ..Default::default()
    };
    let list = if gateway { vec![ep, gw] } else { vec![ep] };
    let detail = |kind: &str, private: Option<&str>| ServiceDetail {
        service_name: S3.into(),
        owner: Some("amazon".into()),
        service_type: vec![kind.into()],
        availability_zones: vec!["us-east-1a".into(), "us-east-1b".into()],
        private_dns_name: private.map(str::to_string),
        private_dns_verification_state: Some("verified".into()),
        acceptance_required: Some(false),
        supported_ip_address_types: vec!["ipv4".into(), "ipv6".into()],
        ..Default::default()
    };
    s.set(
        FactKey::EndpointList,
        FactValue::Endpoints(std::sync::Arc::new(list)),
    )
    .set(
        FactKey::ServiceDetail {
            service_name: S3.into(),
            service_type: Some("Interface".into()),
        },
        FactValue::ServiceDetail(Some(detail(
            "Interface",
            Some("*.s3.us-east-1.amazonaws.com"),
        ))),
    )
    .set(
        FactKey::ServiceDetail {
            service_name: S3.into(),
            service_type: None,
        },
        FactValue::ServiceDetail(Some(detail("Gateway", None))),
    )
    .set(
        dns(
            &format!("bucket.{EP}-k3m9x2qp.s3.us-east-1.vpce.amazonaws.com"),
            RecordType::A,
        ),
        FactValue::Dns(addrs(&V4)),
    )
    .set(
        dns(
            &format!("bucket.{EP}-k3m9x2qp-us-east-1a.s3.us-east-1.vpce.amazonaws.com"),
            RecordType::A,
        ),
        FactValue::Dns(addrs(&V4[..1])),
    )
    .set(
        dns(
            "vpce-doctor-probe.s3.us-east-1.amazonaws.com",
            RecordType::A,
        ),
        FactValue::Dns(if inbound_only {
            // What the VPC's own resolver gives: S3's public addresses.
            addrs(&["52.216.8.16", "3.5.0.12"])
        } else {
            addrs(&V4)
        }),
    )
    .set(
        FactKey::RouteTables { vpc_id: VPC.into() },
        FactValue::RouteTables(vec![RouteTable {
            id: "rtb-0a1b2c3d4e5f67890".into(),
            vpc_id: VPC.into(),
            main: true,
            subnet_ids: vec![],
            routes: vec![],
        }]),
    )
}

#[tokio::test]
async fn an_s3_interface_endpoint_with_wildcard_names_beside_its_gateway_endpoint_is_healthy() {
    let state = s3(false, true).run().await;
    assert!(not_clean(&state).is_empty(), "{:#?}", not_clean(&state));
    let dns = state.get("endpoint.dns").unwrap().result().unwrap();
    assert!(
        dns.summary.starts_with("2 endpoint DNS name(s)"),
        "{}",
        dns.summary
    );
    // The interface entry was read, not the gateway one (which has no private DNS name).
    assert_eq!(status(&state, "private_dns.resolves"), Status::Pass);
    assert_eq!(status(&state, "dns.phz_conflict"), Status::Pass);
    assert_eq!(
        status(&state, "endpoint.gateway_companion"),
        Status::NotApplicable
    );
}

#[tokio::test]
async fn inbound_resolver_only_private_dns_needs_the_gateway_endpoint() {
    let state = s3(true, false).run().await;
    assert_eq!(
        roots(&state),
        ["endpoint.gateway_companion"],
        "{:#?}",
        not_clean(&state)
    );
    assert_eq!(
        commands(&state, "endpoint.gateway_companion"),
        [format!(
            "aws ec2 create-vpc-endpoint --vpc-endpoint-type Gateway --vpc-id {VPC} --service-name {S3} --route-table-ids rtb-0a1b2c3d4e5f67890 --profile prod --region us-east-1"
        )]
    );
    // Public S3 addresses from inside the VPC are what this option means, not a failure.
    assert_eq!(status(&state, "private_dns.resolves"), Status::Pass);

    let state = s3(true, true).run().await;
    assert!(not_clean(&state).is_empty(), "{:#?}", not_clean(&state));
    assert_eq!(status(&state, "endpoint.gateway_companion"), Status::Pass);
}

#[tokio::test]
async fn an_ipv6_endpoint_to_an_ipv4_only_aws_service_is_changed_on_the_endpoint() {
    let state = s3(false, true)
        .with_endpoint(|ep| ep.ip_address_type = Some("dualstack".into()))
        .set(
            FactKey::ServiceDetail {
                service_name: S3.into(),
                service_type: Some("Interface".into()),
            },
            FactValue::ServiceDetail(Some(ServiceDetail {
                service_name: S3.into(),
                service_type: vec!["Interface".into()],
                supported_ip_address_types: vec!["ipv4".into()],
                ..Default::default()
            })),
        )
        .run()
        .await;
    assert_eq!(status(&state, "endpoint.ip_type"), Status::Fail);
    assert_eq!(
        commands(&state, "endpoint.ip_type"),
        [format!(
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {EP} --ip-address-type ipv4 --profile prod --region us-east-1"
        )]
    );
}

#[tokio::test]
async fn an_ipv6_only_endpoint_is_probed_on_its_ipv6_addresses() {
    let mut scene = Scene::ipv6_only();
    scene.0.snap.context.probe = true;
    scene.0.snap.context.vantage = crate::context::VantageChoice::Inside;
    for ip in V6 {
        scene = scene.set(
            FactKey::TcpConnect {
                ip: ip.parse().unwrap(),
                port: 443,
            },
            FactValue::Tcp(TcpProbe::Open { ms: 2 }),
        );
    }
    let state = scene.run().await;
    let o = state.get("endpoint.tcp_connect").unwrap().result().unwrap();
    assert_eq!(o.status, Status::Pass, "{}", o.summary);
}
