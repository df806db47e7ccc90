//! `dns.resolution_path` against moto (Resolver rules, endpoints and zones) and the
//! interposer (DNS Firewall): each layer that can take the endpoint's name, broken and
//! healthy, names itself as the root cause, and its fix, pasted, makes the path reach the
//! endpoint again.

use std::net::Ipv4Addr;

use serde_json::{Value, json};

use crate::dns_layers::{FirewallGroupSpec, FirewallRuleSpec};
use crate::harness::Run;
use crate::interposer::Rules;
use crate::{Case, default_records, fixloop};

const ID: &str = "dns.resolution_path";
const NAME: &str = "api.example.test";
/// A resolver that answers nothing (a closed loopback port): the path is predicted from
/// configuration alone, as it is from a laptop outside the VPC.
const NO_DNS: [&str; 2] = ["--dns-server", "127.0.0.1:9"];

fn outbound() -> Value {
    json!([{"name": "outbound", "direction": "OUTBOUND"}])
}

fn forward(domain: &str, vpcs: &[&str]) -> Value {
    json!([{"name": "onprem", "type": "FORWARD", "domain": domain, "targets": ["10.9.0.2"], "vpcs": vpcs}])
}

/// The rows of the path: (layer, says, role, basis).
fn path(run: &Run) -> Vec<Vec<String>> {
    let check = run.check(ID);
    let table = check["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "resolution path")
        .unwrap_or_else(|| panic!("no resolution path in {check}"));
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

fn deciding(run: &Run) -> String {
    let rows: Vec<Vec<String>> = path(run)
        .into_iter()
        .filter(|r| r[2] == "decides")
        .collect();
    assert_eq!(rows.len(), 1, "{:#?}", path(run));
    rows[0][0].clone()
}

/// Which fix each remediation is, by what it runs (the report carries text and command).
fn fix_keys(run: &Run) -> Vec<String> {
    const KINDS: [(&str, &str); 8] = [
        ("disassociate-resolver-rule", "disassociate_rule"),
        ("--rule-type SYSTEM", "system_rule"),
        (
            "update-firewall-domains --firewall-domain-list-id",
            "remove_firewall_domain",
        ),
        ("associate-vpc-with-hosted-zone", "associate_zone"),
        ("create-hosted-zone", "create_zone"),
        ("create-resolver-endpoint", "create_inbound"),
        ("authorize-security-group-ingress", "inbound_sg"),
        ("dig +short @", "ask_target"),
    ];
    run.check(ID)["remediation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| match r["command"].as_str() {
            Some(c) => KINDS
                .iter()
                .find(|(needle, _)| c.contains(needle))
                .map_or_else(|| c.to_string(), |(_, k)| (*k).to_string()),
            None if r["text"]
                .as_str()
                .unwrap_or_default()
                .contains("conditional forwarder") =>
            {
                "forwarder".to_string()
            }
            None => r["text"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

fn is_root(run: &Run) {
    assert_eq!(run.status(ID), "fail", "{}", run.check(ID));
    assert!(
        run.root_causes().iter().any(|r| r == ID),
        "{ID} is not a root cause: {:?}",
        run.root_causes()
    );
    // The measured symptom is a consequence, not a second cause.
    assert!(
        !run.root_causes()
            .iter()
            .any(|r| r == "private_dns.resolves"),
        "{:?}",
        run.root_causes()
    );
}

/// The case's DNS server answers the private name as `answer` (None: NXDOMAIN).
async fn answering(
    spec: Value,
    rules: impl FnOnce(&crate::harness::Scenario, Rules) -> Rules,
    answer: Option<Ipv4Addr>,
) -> Case {
    Case::with_dns(spec, rules, move |s| {
        let mut records: Vec<(String, Vec<Ipv4Addr>)> = default_records(s)
            .into_iter()
            .filter(|(n, _)| n != NAME)
            .collect();
        if let Some(ip) = answer {
            records.push((NAME.into(), vec![ip]));
        }
        records
    })
    .await
}

/// `check` for the scenario's client VPC, predicted (no answer from there).
async fn from_client(case: &Case) -> Run {
    let client = case.s.str("client_vpc_id");
    case.check(&["--from", client.as_str(), NO_DNS[0], NO_DNS[1]])
        .await
}

async fn fix_loop(case: &Case, extra: &[&str]) {
    let ep = case.endpoint();
    fixloop::fix_loop_on(case, &ep, extra, ID, Rules::new(), &[], "pass").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forward_rule_for_the_private_name_takes_it_from_the_endpoint_and_is_removed() {
    let spec =
        json!({"resolver_endpoints": outbound(), "resolver_rules": forward(NAME, &["endpoint"])});
    // Observed: the on-premises server answers its own address.
    let case = answering(spec.clone(), |_, r| r, Some(Ipv4Addr::new(10, 9, 4, 20))).await;
    let run = case.check(&[]).await;
    is_root(&run);
    assert_eq!(deciding(&run), "Resolver rule");
    let rule = case.s.out["resolver_rules"]["onprem"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        run.check(ID)["summary"].as_str().unwrap().contains(&rule),
        "{}",
        run.check(ID)
    );
    assert!(
        path(&run).iter().any(|r| r[3] == "observed"),
        "{:#?}",
        path(&run)
    );
    assert_eq!(fix_keys(&run)[0], "disassociate_rule");
    // Predicted alone (no answer from here), the fix pasted into the CLI restores the path.
    let case = answering(spec, |_, r| r, None).await;
    fix_loop(&case, &NO_DNS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forward_rule_for_a_parent_domain_leaves_the_more_specific_private_name_alone() {
    let spec = json!({"resolver_endpoints": outbound(), "resolver_rules": forward("example.test", &["endpoint"])});
    let case = Case::new(spec, |_, r| r).await;
    for extra in [&[][..], &NO_DNS[..]] {
        let run = case.check(extra).await;
        assert_eq!(run.status(ID), "pass", "{}", run.check(ID));
        assert_eq!(deciding(&run), "endpoint private DNS");
        assert!(
            path(&run)
                .iter()
                .any(|r| r[2] == "skipped" && r[1].contains("less specific")),
            "{:#?}",
            path(&run)
        );
    }
}

/// A client VPC (peered) with the company's zone `example.test` holding the name as a CNAME of
/// the endpoint, and a FORWARD rule for `example.test` (the rest of the domain lives on
/// premises): on the same domain the rule beats the zone, so the name goes on premises.
fn split_domain(system_rule: bool) -> Value {
    let mut rules = vec![
        json!({"name": "corp", "type": "FORWARD", "domain": "example.test", "targets": ["10.9.0.2"], "vpcs": ["client"]}),
    ];
    if system_rule {
        rules.push(
            json!({"name": "keep-api", "type": "SYSTEM", "domain": NAME, "vpcs": ["client"]}),
        );
    }
    json!({
        "client_vpc": {},
        "resolver_endpoints": outbound(),
        "resolver_rules": rules,
        "private_zones": [{"name": "example.test", "vpcs": ["client"], "records": [{"name": NAME, "type": "CNAME"}]}],
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_system_rule_carves_the_name_out_of_a_forward_rule_for_its_domain() {
    let case = Case::new(split_domain(false), |_, r| r).await;
    let client = case.s.str("client_vpc_id");
    let from = ["--from", client.as_str(), NO_DNS[0], NO_DNS[1]];
    let run = case.check(&from).await;
    is_root(&run);
    assert_eq!(deciding(&run), "Resolver rule");
    assert_eq!(fix_keys(&run)[0], "system_rule");
    // The SYSTEM rule, pasted, keeps the name in the VPC resolver, whose zone answers.
    fix_loop(&case, &from).await;
    // Healthy: the SYSTEM rule already in place.
    let case = Case::new(split_domain(true), |_, r| r).await;
    let run = from_client(&case).await;
    assert_eq!(run.status(ID), "pass", "{}", run.check(ID));
    assert_eq!(deciding(&run), "private hosted zone");
    assert!(
        path(&run)
            .iter()
            .any(|r| r[2] == "passes" && r[1].contains("SYSTEM"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dns_firewall_block_of_the_name_is_the_root_cause_and_an_allow_ahead_of_it_is_healthy() {
    let block = |s: &crate::harness::Scenario, r: Rules| {
        r.firewall(
            &s.str("vpc_id"),
            &[FirewallGroupSpec {
                priority: 101,
                rules: vec![FirewallRuleSpec::block(&format!("{NAME}."), "NXDOMAIN")],
            }],
        )
    };
    let case = answering(json!({}), block, None).await;
    let run = case.check(&[]).await;
    is_root(&run);
    assert_eq!(deciding(&run), "DNS Firewall");
    assert_eq!(fix_keys(&run), ["remove_firewall_domain"]);
    let command = run.check(ID)["remediation"][0]["command"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        command.contains(&format!("--operation REMOVE --domains {NAME}")),
        "{command}"
    );
    // A walled garden: everything blocked at 200, the name allowed at 100.
    let garden = |s: &crate::harness::Scenario, r: Rules| {
        r.firewall(
            &s.str("vpc_id"),
            &[FirewallGroupSpec {
                priority: 101,
                rules: vec![
                    FirewallRuleSpec::new(200, "BLOCK", Some("NODATA"), None, &["*"]),
                    FirewallRuleSpec::pass(100, "ALLOW", "*.example.test."),
                ],
            }],
        )
    };
    let case = Case::new(json!({}), garden).await;
    let run = case.check(&[]).await;
    assert_eq!(run.status(ID), "pass", "{}", run.check(ID));
    assert!(
        path(&run)
            .iter()
            .any(|r| r[0] == "DNS Firewall" && r[2] == "passes")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zone_shared_with_other_vpcs_but_not_the_clients_is_associated() {
    // The hub's endpoint has private DNS off; the team's zone for the name points at it and
    // is associated with the hub only.
    let spec = |vpcs: &[&str]| {
        json!({
            "private_dns_enabled": false,
            "client_vpc": {},
            "private_zones": [{"name": NAME, "vpcs": vpcs, "records": [{"name": NAME, "type": "A"}]}],
        })
    };
    let case = Case::new(spec(&["endpoint"]), |_, r| r).await;
    let client = case.s.str("client_vpc_id");
    let from = ["--from", client.as_str(), NO_DNS[0], NO_DNS[1]];
    let run = case.check(&from).await;
    is_root(&run);
    assert_eq!(fix_keys(&run), ["associate_zone"]);
    fix_loop(&case, &from).await;
    let case = Case::new(spec(&["endpoint", "client"]), |_, r| r).await;
    let run = from_client(&case).await;
    assert_eq!(run.status(ID), "pass", "{}", run.check(ID));
    assert_eq!(deciding(&run), "private hosted zone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peered_vpc_without_a_zone_for_the_name_gets_one_pointing_at_the_endpoint() {
    let case = Case::new(json!({"client_vpc": {}}), |_, r| r).await;
    let client = case.s.str("client_vpc_id");
    let from = ["--from", client.as_str(), NO_DNS[0], NO_DNS[1]];
    let run = case.check(&from).await;
    is_root(&run);
    assert_eq!(deciding(&run), "recursion");
    assert_eq!(fix_keys(&run), ["create_zone"]);
    fix_loop(&case, &from).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_on_premises_need_an_inbound_endpoint_that_admits_them() {
    let onprem = ["--from", "onprem:172.16.0.0/16"];
    // No inbound endpoint: created, with a security group for the range.
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case.check(&onprem).await;
    is_root(&run);
    assert_eq!(fix_keys(&run), ["create_inbound"]);
    fix_loop(&case, &onprem).await;
    // One whose group does not admit the range: the rule is added.
    let spec = |cidrs: &[&str]| json!({"resolver_endpoints": [{"name": "inbound", "direction": "INBOUND", "sg_cidrs": cidrs}]});
    let case = Case::new(spec(&["10.0.0.0/8"]), |_, r| r).await;
    let run = case.check(&onprem).await;
    is_root(&run);
    assert_eq!(fix_keys(&run), ["inbound_sg"]);
    fix_loop(&case, &onprem).await;
    // Healthy: the forwarder to configure on premises is named.
    let case = Case::new(spec(&["172.16.0.0/12"]), |_, r| r).await;
    let run = case.check(&onprem).await;
    assert_eq!(run.status(ID), "pass", "{}", run.check(ID));
    assert_eq!(fix_keys(&run), ["forwarder"]);
    let ips = case.s.out["resolver_endpoints"]["inbound"]["ips"].clone();
    let text = run.check(ID)["remediation"][0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    for ip in ips.as_array().unwrap() {
        assert!(text.contains(ip.as_str().unwrap()), "{text}");
    }
}
