//! Address families and the S3 interface endpoint end to end (issue 14): an IPv6-only
//! endpoint judged on AAAA answers and IPv6 rules, the same with an IPv4-only security group
//! (one root cause, its fix pasted into the CLI against moto), an S3 interface endpoint with
//! wildcard DNS entries beside the VPC's S3 gateway endpoint, and private DNS answering only
//! inbound Resolver endpoints without the gateway endpoint it needs. moto models neither
//! IPv6 interface addresses nor DNS options nor wildcard entries: the interposer adds them.

use std::net::{IpAddr, Ipv6Addr};

use ipnet::Ipv6Net;
use serde_json::{Value, json};

use crate::Case;
use crate::harness::{Run, Scenario};
use crate::interposer::Rules;

/// The endpoint's interface address in the first /64 of the VPC's IPv6 block.
fn eni_ipv6(s: &Scenario) -> Ipv6Addr {
    let block: Ipv6Net = s.str("ipv6_cidr").parse().unwrap();
    Ipv6Addr::from(u128::from(block.network()) + 0x1a5)
}

/// The VPC's IPv6 block as moto wrote it and in its shortest form (moto may write a group
/// with a leading zero, `…:0300::/56`, which the tool's text shortens to `…:300::/56`).
fn vpc_ipv6_forms(s: &Scenario) -> [String; 2] {
    let raw = s.str("ipv6_cidr");
    let short = raw.parse::<Ipv6Net>().unwrap().to_string();
    [raw, short]
}

/// A case whose DNS server answers `records` (A and AAAA), with `rules` before the defaults.
async fn case(
    spec: Value,
    rules: impl FnOnce(&Scenario) -> Rules,
    records: impl FnOnce(&Scenario) -> Vec<(String, Vec<IpAddr>)>,
) -> Case {
    Case::with_any_dns(spec, |s, _| rules(s), records).await
}

/// The endpoint is IPv6-only with AAAA records, and its interface has an IPv6 address.
fn ipv6_only_rules(s: &Scenario) -> Rules {
    let v6 = eni_ipv6(s);
    Rules::new()
        .replace(
            "DescribeVpcEndpoints",
            "<vpcEndpointType>Interface</vpcEndpointType>",
            "<vpcEndpointType>Interface</vpcEndpointType><ipAddressType>ipv6</ipAddressType><dnsOptions><dnsRecordIpType>ipv6</dnsRecordIpType></dnsOptions>",
        )
        .rewrite("DescribeNetworkInterfaces", move |body| {
            body.replace(
                "<ipv6AddressesSet/>",
                &format!(
                    "<ipv6AddressesSet><item><ipv6Address>{v6}</ipv6Address></item></ipv6AddressesSet>"
                ),
            )
        })
}

/// The endpoint's names and the private DNS name answer AAAA with the interface's IPv6
/// address (and nothing for A: an IPv6-only endpoint has no IPv4 records).
fn ipv6_records(s: &Scenario) -> Vec<(String, Vec<IpAddr>)> {
    let v6 = IpAddr::V6(eni_ipv6(s));
    let mut names = s.dns_names();
    names.push(s.str("private_dns_name"));
    names.into_iter().map(|n| (n, vec![v6])).collect()
}

/// Network ACL entries as an IPv6 VPC's default ACL has them: everything allowed, both
/// families (moto's default ACL has no IPv6 entries).
fn open_acl() -> Value {
    json!([
        {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0"},
        {"rule": 101, "action": "allow", "cidr": "::/0"},
        {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0", "egress": true},
        {"rule": 101, "action": "allow", "cidr": "::/0", "egress": true},
    ])
}

fn not_clean(run: &Run) -> Vec<String> {
    run.json()["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| matches!(c["status"].as_str(), Some("fail" | "unknown" | "warn")))
        .map(|c| format!("{} {}: {}", c["id"], c["status"], c["summary"]))
        .collect()
}

fn summary(run: &Run, id: &str) -> String {
    run.check(id)["summary"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ipv6_only_endpoint_is_judged_on_aaaa_answers_and_ipv6_rules() {
    let healthy = case(
        json!({"ipv6": true, "sg_ipv6": true, "nacl_entries": open_acl()}),
        ipv6_only_rules,
        ipv6_records,
    )
    .await;
    let run = healthy.check(&[]).await;
    assert!(not_clean(&run).is_empty(), "{:#?}", not_clean(&run));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v6 = eni_ipv6(&healthy.s).to_string();
    for id in ["endpoint.dns", "private_dns.resolves"] {
        assert_eq!(run.status(id), "pass", "{}", run.check(id));
        let text = summary(&run, id);
        assert!(
            text.contains(&v6) && text.contains("(AAAA records)"),
            "{id}: {text}"
        );
    }
    let sg = summary(&run, "endpoint.security_groups");
    assert!(
        vpc_ipv6_forms(&healthy.s)
            .iter()
            .any(|c| sg.contains(c.as_str())),
        "{}",
        run.check("endpoint.security_groups")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ipv6_only_endpoint_behind_an_ipv4_rule_is_fixed_by_the_ipv6_rule() {
    let broken = case(
        json!({"ipv6": true, "nacl_entries": open_acl()}),
        ipv6_only_rules,
        ipv6_records,
    )
    .await;
    let run = broken.check(&[]).await;
    assert_eq!(
        run.root_causes(),
        ["endpoint.security_groups"],
        "{}",
        run.stdout
    );
    assert!(
        summary(&run, "endpoint.security_groups").contains("IPv6-only"),
        "{}",
        run.check("endpoint.security_groups")
    );
    let commands = run.commands("endpoint.security_groups");
    assert!(
        vpc_ipv6_forms(&broken.s).iter().any(|cidr| commands == format!(
            "aws ec2 authorize-security-group-ingress --group-id {} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{{CidrIpv6={cidr}}}]' --profile consumer --region us-east-1",
            broken.s.str("security_group_id")
        )),
        "{commands}"
    );
    // Pasted into the CLI against moto, the rule makes the check pass.
    crate::fixloop::fix_loop(&broken, &[], "endpoint.security_groups", Rules::new(), &[]).await;
}

/// The S3 interface endpoint's entries as AWS publishes them: wildcard regional and zonal
/// names under vpce.amazonaws.com, and the private names.
fn s3_entries(s: &Scenario, inbound_only: bool) -> Rules {
    let ep = s.endpoint_id();
    let old = s.dns_names()[0].clone();
    let entries: String = [
        format!("*.{ep}-c66b20b3.s3.us-east-1.vpce.amazonaws.com"),
        format!("*.{ep}-c66b20b3-us-east-1a.s3.us-east-1.vpce.amazonaws.com"),
        "s3.us-east-1.amazonaws.com".to_string(),
        "*.s3.us-east-1.amazonaws.com".to_string(),
    ]
    .iter()
    .map(|n| {
        format!("<item><dnsName>{n}</dnsName><hostedZoneId>Z7HUB22UULQXV</hostedZoneId></item>")
    })
    .collect();
    let options = format!(
        "<vpcEndpointType>Interface</vpcEndpointType><ipAddressType>ipv4</ipAddressType><dnsOptions><dnsRecordIpType>ipv4</dnsRecordIpType><privateDnsOnlyForInboundResolverEndpoint>{inbound_only}</privateDnsOnlyForInboundResolverEndpoint></dnsOptions>"
    );
    Rules::new().rewrite("DescribeVpcEndpoints", move |body| {
        let body = body.replace("<vpcEndpointType>Interface</vpcEndpointType>", &options);
        let marker = format!("<dnsEntrySet><item><dnsName>{old}</dnsName>");
        let Some(start) = body.find(&marker) else {
            return body;
        };
        let end = start + body[start..].find("</dnsEntrySet>").unwrap();
        format!("{}<dnsEntrySet>{entries}{}", &body[..start], &body[end..])
    })
}

/// What the VPC's resolver answers: the interface's addresses for names under the
/// endpoint's wildcards; for the service name, the interface's addresses, or S3's public
/// ones when private DNS answers only inbound Resolver endpoints.
fn s3_records(s: &Scenario, inbound_only: bool) -> Vec<(String, Vec<IpAddr>)> {
    let ep = s.endpoint_id();
    let ips: Vec<IpAddr> = s.eni_ips().iter().map(|i| i.parse().unwrap()).collect();
    let public: Vec<IpAddr> = vec!["52.216.8.16".parse().unwrap(), "3.5.0.12".parse().unwrap()];
    vec![
        (
            format!("bucket.{ep}-c66b20b3.s3.us-east-1.vpce.amazonaws.com"),
            ips.clone(),
        ),
        (
            format!("bucket.{ep}-c66b20b3-us-east-1a.s3.us-east-1.vpce.amazonaws.com"),
            ips.clone(),
        ),
        (
            "s3.us-east-1.amazonaws.com".into(),
            if inbound_only { public } else { ips },
        ),
    ]
}

fn s3_spec(gateway: bool) -> Value {
    json!({"kind": "aws_service", "aws_service": "s3", "gateway_beside": gateway})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_s3_interface_endpoint_with_wildcard_names_beside_its_gateway_endpoint_is_healthy() {
    let s3 = case(
        s3_spec(true),
        |s| s3_entries(s, false),
        |s| s3_records(s, false),
    )
    .await;
    let run = s3.check(&[]).await;
    assert!(not_clean(&run).is_empty(), "{:#?}", not_clean(&run));
    // Both wildcard entries were judged through a name under them, never `*` itself.
    let dns = run.check("endpoint.dns");
    let names: Vec<&str> = dns["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["rows"].as_array())
        .flatten()
        .filter_map(|r| r[0].as_str())
        .collect();
    assert_eq!(names.len(), 2, "{dns}");
    assert!(names.iter().all(|n| n.starts_with("bucket.")), "{dns}");
    // moto lists S3 twice (Interface and Gateway): the interface entry's private name is
    // the one judged, and the gateway endpoint beside it is no rival.
    assert_eq!(run.status("private_dns.resolves"), "pass");
    assert_eq!(run.status("dns.phz_conflict"), "pass");
    assert_eq!(run.status("endpoint.gateway_companion"), "not_applicable");
    // And the gateway endpoint, judged itself, is not troubled by the interface beside it.
    let gateway = s3.s.str("gateway_endpoint_id");
    let run = s3.run(&["check", &gateway, "--format", "json"], &[]).await;
    assert!(not_clean(&run).is_empty(), "{:#?}", not_clean(&run));
    assert_eq!(run.status("gateway.route_tables"), "pass");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inbound_resolver_only_private_dns_without_the_gateway_endpoint_is_fixed_by_creating_it() {
    let broken = case(
        s3_spec(false),
        |s| s3_entries(s, true),
        |s| s3_records(s, true),
    )
    .await;
    let run = broken.check(&[]).await;
    assert_eq!(
        run.root_causes(),
        ["endpoint.gateway_companion"],
        "{:#?}",
        not_clean(&run)
    );
    // S3's public addresses from the VPC's resolver are what the option means.
    assert_eq!(
        run.status("private_dns.resolves"),
        "pass",
        "{}",
        run.check("private_dns.resolves")
    );
    let command = run.commands("endpoint.gateway_companion");
    assert!(
        command.starts_with(&format!(
            "aws ec2 create-vpc-endpoint --vpc-endpoint-type Gateway --vpc-id {} --service-name com.amazonaws.us-east-1.s3 --route-table-ids rtb-",
            broken.s.str("vpc_id")
        )),
        "{command}"
    );
    crate::fixloop::fix_loop(
        &broken,
        &[],
        "endpoint.gateway_companion",
        Rules::new(),
        &[],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ipv6_only_endpoint_behind_an_ipv4_only_acl_is_fixed_by_an_ipv6_entry() {
    let v4_only = json!([
        {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0"},
        {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0", "egress": true},
    ]);
    let broken = case(
        json!({"ipv6": true, "sg_ipv6": true, "nacl_entries": v4_only}),
        ipv6_only_rules,
        ipv6_records,
    )
    .await;
    let run = broken.check(&[]).await;
    assert_eq!(
        run.root_causes(),
        ["endpoint.nacls"],
        "{:#?}",
        not_clean(&run)
    );
    assert!(
        summary(&run, "endpoint.nacls").contains("from any IPv6 address"),
        "{}",
        run.check("endpoint.nacls")
    );
    let commands = run.commands("endpoint.nacls");
    assert!(
        vpc_ipv6_forms(&broken.s)
            .iter()
            .any(|c| commands.contains(&format!("--ipv6-cidr-block {c}"))),
        "{commands}"
    );
    crate::fixloop::fix_loop(&broken, &[], "endpoint.nacls", Rules::new(), &[]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dual_stack_name_without_its_aaaa_record_is_found() {
    let dual = |s: &Scenario| {
        let v6 = eni_ipv6(s);
        Rules::new()
            .replace(
                "DescribeVpcEndpoints",
                "<vpcEndpointType>Interface</vpcEndpointType>",
                "<vpcEndpointType>Interface</vpcEndpointType><ipAddressType>dualstack</ipAddressType><dnsOptions><dnsRecordIpType>dualstack</dnsRecordIpType></dnsOptions>",
            )
            .rewrite("DescribeNetworkInterfaces", move |body| {
                body.replace(
                    "<ipv6AddressesSet/>",
                    &format!(
                        "<ipv6AddressesSet><item><ipv6Address>{v6}</ipv6Address></item></ipv6AddressesSet>"
                    ),
                )
            })
    };
    // The endpoint's own name has A and AAAA; the private name only A.
    let records = |s: &Scenario| {
        let v4: Vec<IpAddr> = s.eni_ips().iter().map(|i| i.parse().unwrap()).collect();
        let mut both = v4.clone();
        both.push(IpAddr::V6(eni_ipv6(s)));
        let mut out: Vec<(String, Vec<IpAddr>)> = s
            .dns_names()
            .into_iter()
            .map(|n| (n, both.clone()))
            .collect();
        out.push((s.str("private_dns_name"), v4));
        out
    };
    let acl = json!({"ipv6": true, "sg_cidr": "10.10.0.0/16", "nacl_entries": open_acl()});
    let c = case(acl, dual, records).await;
    let run = c.check(&[]).await;
    assert_eq!(
        run.status("endpoint.dns"),
        "pass",
        "{}",
        run.check("endpoint.dns")
    );
    assert_eq!(run.status("private_dns.resolves"), "fail");
    let name = c.s.str("private_dns_name");
    assert!(
        summary(&run, "private_dns.resolves").contains(&format!("{name} has no AAAA record")),
        "{}",
        run.check("private_dns.resolves")
    );
    assert_eq!(
        run.commands("private_dns.resolves"),
        format!("dig +short {name} AAAA")
    );
}
