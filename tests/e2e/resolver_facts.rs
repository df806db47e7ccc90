//! The VPC resolver's layers read through the library's live facts (the real SDK and HTTP
//! path) from moto — Resolver rules, associations and endpoints, private hosted zones and
//! their VPCs — and from the interposer for what moto lacks (DNS Firewall, Route 53
//! Profiles); and a failing layer is a `FactError`, never a panic.

use std::time::Duration;

use serde_json::json;
use vpce_doctor::facts::aws::{AwsClients, ClientSettings, load_sdk_config};
use vpce_doctor::facts::dns::DnsClient;
use vpce_doctor::facts::snapshot::{RecordedFact, RecordedResult, Snapshot};
use vpce_doctor::facts::{FactError, Facts};

use crate::Case;
use crate::dns_layers::{
    FirewallGroupSpec, FirewallRuleSpec, ProfileResourceSpec, firewall_group_id, firewall_list_id,
};
use crate::harness::{REGION, Scenario};
use crate::interposer::Fault;

/// Live facts in the scenario's consumer account, through `endpoint_url` (the interposer),
/// one attempt per call.
async fn live_facts(s: &Scenario, endpoint_url: &str, dns: std::net::SocketAddr) -> Facts {
    let base = load_sdk_config(&ClientSettings {
        profile: None,
        region: Some(REGION.into()),
        attempt_timeout: Duration::from_secs(10),
        max_attempts: 1,
    })
    .await;
    let c = &s.out["consumer_credentials"];
    let creds = aws_sdk_ec2::config::Credentials::new(
        c["access_key_id"].as_str().unwrap(),
        c["secret_access_key"].as_str().unwrap(),
        c["session_token"].as_str().map(str::to_string),
        None,
        "scenario",
    );
    let conf = base
        .to_builder()
        .endpoint_url(endpoint_url)
        .credentials_provider(aws_sdk_ec2::config::SharedCredentialsProvider::new(creds))
        .build();
    let dns = DnsClient::server(dns, Duration::from_secs(2)).unwrap();
    Facts::live(AwsClients::new(&conf, None, 4), dns)
}

fn spec() -> serde_json::Value {
    json!({
        "consumer_zones": ["a", "b"],
        "client_vpc": {"cidr": "10.30.0.0/16", "peering": true},
        "resolver_endpoints": [
            {"name": "inbound", "direction": "INBOUND", "sg_cidrs": ["10.30.0.0/16"], "ips": ["10.10.1.53"]},
            {"name": "outbound", "direction": "OUTBOUND"}
        ],
        "resolver_rules": [
            {"name": "fwd", "type": "FORWARD", "domain": "Example.Test.",
             "targets": ["10.9.0.2", "10.9.0.3:5353"], "vpcs": ["endpoint", "client"]},
            {"name": "sys", "type": "SYSTEM", "domain": "api.example.test", "vpcs": ["client"]}
        ],
        "private_zones": [
            {"name": "API.example.test", "vpcs": ["endpoint"],
             "records": [{"name": "API.example.test", "type": "A"}]}
        ]
    })
}

const PROFILE: &str = "rp-0a1b2c3d4e5f60718";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_resolver_layer_is_read_through_the_sdk_from_moto_and_the_interposer() {
    let case = Case::new(spec(), |s, rules| {
        let vpc = s.str("vpc_id");
        let zone = s.out["private_zones"]["API.example.test"].as_str().unwrap();
        rules
            .firewall(
                &vpc,
                &[FirewallGroupSpec {
                    priority: 101,
                    rules: vec![
                        FirewallRuleSpec::pass(1, "ALLOW", "ok.example.test."),
                        FirewallRuleSpec::new(
                            2,
                            "BLOCK",
                            Some("NXDOMAIN"),
                            None,
                            &["API.Example.Test."],
                        ),
                        FirewallRuleSpec::override_to("*.example.test", "walled.example.net."),
                    ],
                }],
            )
            .profile(
                &s.str("client_vpc_id"),
                PROFILE,
                &[ProfileResourceSpec::zone(zone, "api.example.test")],
            )
    })
    .await;
    let s = &case.s;
    let (vpc, client) = (s.str("vpc_id"), s.str("client_vpc_id"));
    let facts = live_facts(s, &case.interposer.url, case.dns.addr).await;
    resolver_rules_and_endpoints(&facts, s, &vpc, &client).await;
    zones_and_their_vpcs(&facts, s, &vpc).await;
    firewall(&facts, &vpc, &client).await;
    profiles(&facts, s, &vpc, &client).await;
    replays_the_same(&facts, s, &vpc, &client).await;

    // Every request was one of the new read-only operations, each granted by `iam-policy`.
    let iam = case.interposer.iam_actions();
    for needed in [
        "route53resolver:ListResolverRules",
        "route53resolver:ListResolverRuleAssociations",
        "route53resolver:ListResolverEndpoints",
        "route53resolver:ListResolverEndpointIpAddresses",
        "route53resolver:ListFirewallRuleGroupAssociations",
        "route53resolver:ListFirewallRules",
        "route53resolver:ListFirewallDomains",
        "route53profiles:ListProfileAssociations",
        "route53profiles:ListProfileResourceAssociations",
        "route53:ListHostedZones",
        "route53:GetHostedZone",
    ] {
        assert!(
            iam.iter().any(|a| a == needed),
            "{needed} not among {iam:?}"
        );
    }
    case.assert_read_only();
    crate::faults::assert_granted_and_record(&iam);
}

async fn resolver_rules_and_endpoints(facts: &Facts, s: &Scenario, vpc: &str, client: &str) {
    // Resolver rules: domain lower case without the dot (moto stores "Example.Test.."),
    // targets IP:port, the outbound endpoint.
    let rules = facts.resolver_rules().await.unwrap();
    let ids = &s.out["resolver_rules"];
    let fwd = rules.iter().find(|r| r.id == ids["fwd"]["id"]).unwrap();
    assert_eq!(fwd.domain, "example.test");
    assert_eq!(fwd.rule_type, "FORWARD");
    assert_eq!(fwd.targets, ["10.9.0.2:53", "10.9.0.3:5353"]);
    assert_eq!(fwd.name.as_deref(), Some("fwd"));
    assert_eq!(
        fwd.resolver_endpoint_id.as_deref(),
        s.out["resolver_endpoints"]["outbound"]["id"].as_str()
    );
    assert_eq!(fwd.share_status.as_deref(), Some("NOT_SHARED"));
    let sys = rules.iter().find(|r| r.id == ids["sys"]["id"]).unwrap();
    assert_eq!(
        (sys.domain.as_str(), sys.rule_type.as_str()),
        ("api.example.test", "SYSTEM")
    );
    assert!(sys.targets.is_empty());

    // Their associations, per VPC.
    let associations = facts.resolver_rule_associations().await.unwrap();
    let vpcs_of = |rule: &str| {
        let mut v: Vec<String> = associations
            .iter()
            .filter(|a| a.rule_id == rule)
            .map(|a| a.vpc_id.clone())
            .collect();
        v.sort();
        v
    };
    let mut both = vec![vpc.to_string(), client.to_string()];
    both.sort();
    assert_eq!(vpcs_of(&fwd.id), both);
    assert_eq!(vpcs_of(&sys.id), [client]);

    // Endpoints with their addresses and security groups.
    let endpoints = facts.resolver_endpoints().await.unwrap();
    let inbound = &s.out["resolver_endpoints"]["inbound"];
    let ep = endpoints.iter().find(|e| e.id == inbound["id"]).unwrap();
    assert_eq!(
        (ep.direction.as_str(), ep.vpc_id.as_str()),
        ("INBOUND", vpc)
    );
    assert_eq!(ep.security_group_ids, [inbound["sg_id"].as_str().unwrap()]);
    assert_eq!(ep.name.as_deref(), Some("inbound"));
    let ips: Vec<&str> = ep
        .addresses
        .iter()
        .filter_map(|a| a.ip.as_deref())
        .collect();
    assert!(ips.contains(&"10.10.1.53"), "{ips:?}");
    assert_eq!(ips.len(), 2);
    let subnets: Vec<&str> = s.out["subnets"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        ep.addresses
            .iter()
            .all(|a| subnets.contains(&a.subnet_id.as_str()))
    );
    assert!(
        endpoints
            .iter()
            .any(|e| e.direction == "OUTBOUND" && e.addresses.len() == 2)
    );
}

async fn zones_and_their_vpcs(facts: &Facts, s: &Scenario, vpc: &str) {
    // Private zones (names as elsewhere) and the VPCs of one.
    let zone_id = s.out["private_zones"]["API.example.test"].as_str().unwrap();
    let zones = facts.private_zones().await.unwrap();
    let zone = zones.iter().find(|z| z.id == zone_id).unwrap();
    assert_eq!(zone.name, "api.example.test");
    let zv = facts.zone_vpcs(zone_id).await.unwrap();
    assert_eq!(
        (zv.id.as_str(), zv.name.as_str()),
        (zone_id, "api.example.test")
    );
    assert_eq!(zv.vpcs, [(vpc.to_string(), REGION.to_string())]);
}

async fn firewall(facts: &Facts, vpc: &str, client: &str) {
    // DNS Firewall, from the interposer: the group, its rules by priority, a list's domains.
    let groups = facts.firewall_associations(vpc).await.unwrap();
    assert_eq!(groups.len(), 1);
    let group = firewall_group_id(vpc, 0);
    assert_eq!(
        (groups[0].group_id.as_str(), groups[0].priority),
        (group.as_str(), 101)
    );
    assert_eq!(groups[0].vpc_id, vpc);
    assert!(
        facts
            .firewall_associations(client)
            .await
            .unwrap()
            .is_empty()
    );
    let frules = facts.firewall_rules(&group).await.unwrap();
    let summary: Vec<_> = frules
        .iter()
        .map(|r| {
            (
                r.priority,
                r.action.as_str(),
                r.block_response.as_deref(),
                r.block_override_domain.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "ALLOW", None, None),
            (1, "BLOCK", Some("OVERRIDE"), Some("walled.example.net")),
            (2, "BLOCK", Some("NXDOMAIN"), None),
        ]
    );
    let blocked = frules.iter().find(|r| r.priority == 2).unwrap();
    assert_eq!(
        blocked.domain_list_id.as_deref(),
        Some(firewall_list_id(&group, 1).as_str())
    );
    assert_eq!(
        facts
            .firewall_domains(&firewall_list_id(&group, 1))
            .await
            .unwrap(),
        ["api.example.test"]
    );
    assert_eq!(
        facts
            .firewall_domains(&firewall_list_id(&group, 2))
            .await
            .unwrap(),
        ["*.example.test"]
    );
}

async fn profiles(facts: &Facts, s: &Scenario, vpc: &str, client: &str) {
    let zone_id = s.out["private_zones"]["API.example.test"].as_str().unwrap();
    // Route 53 Profiles, from the interposer: the client VPC's profile brings the zone.
    let profiles = facts.profile_associations(client).await.unwrap();
    assert_eq!(profiles.len(), 1);
    assert_eq!(
        (
            profiles[0].profile_id.as_str(),
            profiles[0].resource_id.as_str()
        ),
        (PROFILE, client)
    );
    assert!(facts.profile_associations(vpc).await.unwrap().is_empty());
    let resources = facts.profile_resources(PROFILE).await.unwrap();
    assert_eq!(resources.len(), 1);
    assert_eq!(resources[0].resource_type, "AWS::Route53::HostedZone");
    assert_eq!(
        resources[0].resource_arn,
        format!("arn:aws:route53:::hostedzone/{zone_id}")
    );
    assert!(
        facts
            .profile_resources("rp-00000000000000000")
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_resolver_layer_is_a_fact_error_not_a_panic() {
    let case = Case::new(json!({"client_vpc": {"peering": true}}), |_, rules| {
        rules
            .fault(
                "ListFirewallRules",
                Fault::json_error(500, "InternalServiceErrorException", "internal"),
            )
            .fault("ListProfileAssociations", Fault::html(500))
            .fault(
                "ListResolverEndpoints",
                Fault::json_error(400, "AccessDeniedException", "not authorized"),
            )
            .fault(
                "ListResolverRules",
                Fault::json_error(400, "ThrottlingException", "slow down"),
            )
    })
    .await;
    let facts = live_facts(&case.s, &case.interposer.url, case.dns.addr).await;
    let vpc = case.s.str("vpc_id");

    let err = facts
        .firewall_rules("rslvr-frg-0123456789abcdef0")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, FactError::Service { code, .. } if code == "InternalServiceErrorException"),
        "{err:?}"
    );
    let err = facts.profile_associations(&vpc).await.unwrap_err();
    assert!(matches!(err, FactError::Unsupported { .. }), "{err:?}");
    let err = facts.resolver_endpoints().await.unwrap_err();
    assert!(
        matches!(&err, FactError::AccessDenied { action, .. } if action == "route53resolver:ListResolverEndpoints"),
        "{err:?}"
    );
    let err = facts.resolver_rules().await.unwrap_err();
    assert!(matches!(err, FactError::Throttled { .. }), "{err:?}");
    // moto answers an unknown zone with NoSuchHostedZone: not found, a finding.
    let err = facts.zone_vpcs("Z0000000000NOSUCHZONE").await.unwrap_err();
    assert!(matches!(err, FactError::NotFound { .. }), "{err:?}");
    // The layers that did answer still do.
    assert!(facts.firewall_associations(&vpc).await.unwrap().is_empty());
    assert!(facts.resolver_rule_associations().await.unwrap().is_empty());
}

/// Every new fact goes into a snapshot and replays the same through the same accessors.
async fn replays_the_same(live: &Facts, s: &Scenario, vpc: &str, client: &str) {
    let text = serde_json::to_string(&Snapshot::record(live.recorded())).unwrap();
    let recorded: Vec<RecordedFact> = serde_json::from_str(&text).unwrap();
    let replay = Facts::replay(recorded.into_iter().map(|f| {
        let result = match f.result {
            RecordedResult::Value(v) => Ok(*v),
            RecordedResult::Error(e) => Err(e),
        };
        (f.key, result)
    }));
    let zone = s.out["private_zones"]["API.example.test"].as_str().unwrap();
    let group = firewall_group_id(vpc, 0);
    let list = firewall_list_id(&group, 1);
    assert_eq!(replay.resolver_rules().await, live.resolver_rules().await);
    assert_eq!(
        replay.resolver_rule_associations().await,
        live.resolver_rule_associations().await
    );
    assert_eq!(
        replay.resolver_endpoints().await,
        live.resolver_endpoints().await
    );
    assert_eq!(replay.private_zones().await, live.private_zones().await);
    assert_eq!(replay.zone_vpcs(zone).await, live.zone_vpcs(zone).await);
    assert_eq!(
        replay.firewall_associations(vpc).await,
        live.firewall_associations(vpc).await
    );
    assert_eq!(
        replay.firewall_rules(&group).await,
        live.firewall_rules(&group).await
    );
    assert_eq!(
        replay.firewall_domains(&list).await,
        live.firewall_domains(&list).await
    );
    assert_eq!(
        replay.profile_associations(client).await,
        live.profile_associations(client).await
    );
    assert_eq!(
        replay.profile_resources(PROFILE).await,
        live.profile_resources(PROFILE).await
    );
    assert!(replay.resolver_rules().await.is_ok_and(|r| !r.is_empty()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listings_are_read_page_by_page_and_a_listing_without_end_is_an_error() {
    let case = Case::new(json!({}), |_, rules| {
        rules
            // Two pages: the first names the second by its token.
            .respond_if("ListFirewallDomains", |form| {
                (form.get("FirewallDomainListId").map(String::as_str) == Some("rslvr-fdl-paged"))
                    .then(|| match form.get("NextToken").map(String::as_str) {
                        None => (
                            200,
                            json!({"Domains": ["a.example."], "NextToken": "page-2"}).to_string(),
                        ),
                        Some(_) => (200, json!({"Domains": ["B.example."]}).to_string()),
                    })
            })
            // Always one more page.
            .respond_if("ListFirewallDomains", |form| {
                (form.get("FirewallDomainListId").map(String::as_str) == Some("rslvr-fdl-endless"))
                    .then(|| {
                        (
                            200,
                            json!({"Domains": ["x.example."], "NextToken": "more"}).to_string(),
                        )
                    })
            })
    })
    .await;
    let facts = live_facts(&case.s, &case.interposer.url, case.dns.addr).await;
    assert_eq!(
        facts.firewall_domains("rslvr-fdl-paged").await.unwrap(),
        ["a.example", "b.example"]
    );
    let err = facts
        .firewall_domains("rslvr-fdl-endless")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, FactError::Service { code, .. } if code == "TooManyPages"),
        "{err:?}"
    );
    let asked = case
        .interposer
        .actions()
        .iter()
        .filter(|a| *a == "ListFirewallDomains")
        .count();
    assert_eq!(asked, 2 + 50, "two pages, then the bound of 50");
}

/// The destinations of `table`'s routes with their targets.
async fn routes_of(facts: &Facts, vpc: &str, table: &str) -> Vec<(String, String)> {
    let tables = facts.route_tables(vpc).await.unwrap();
    let t = tables.iter().find(|t| t.id == table).unwrap();
    t.routes
        .iter()
        .map(|r| (r.destination.clone(), r.target.clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_vpc_behind_a_transit_gateway_with_one_route_dropped() {
    let case = Case::new(
        json!({"client_vpc": {"cidr": "10.40.0.0/16", "peering": false, "tgw": true,
                              "routes": ["to_endpoint"]}}),
        |_, rules| rules,
    )
    .await;
    let s = &case.s;
    let facts = live_facts(s, &case.interposer.url, case.dns.addr).await;
    let (vpc, client, tgw) = (s.str("vpc_id"), s.str("client_vpc_id"), s.str("tgw_id"));
    assert!(s.out.get("peering_id").is_none());
    assert_eq!(s.out["tgw_attachments"].as_object().unwrap().len(), 2);
    let to_endpoint = routes_of(&facts, &client, &s.str("client_route_table_id")).await;
    assert!(
        to_endpoint.contains(&("10.10.0.0/16".into(), tgw.clone())),
        "{to_endpoint:?}"
    );
    // The way back was left out: the endpoint VPC's main table knows only itself.
    let back = routes_of(&facts, &vpc, &s.str("endpoint_route_table_id")).await;
    assert!(back.iter().all(|(d, _)| d != "10.40.0.0/16"), "{back:?}");
}
