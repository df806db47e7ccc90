//! The expert checks end to end: each one passing on a sound set-up and failing (or warning)
//! on the fault it exists to find, naming the offending resource and a fix with real ids.

use std::net::Ipv4Addr;
use std::time::Duration;

use serde_json::json;

use crate::Case;
use crate::harness::{Run, Scenario};

const EXPERT: &[&str] = &[
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
    "endpoint.tcp_connect",
];

/// `out[map][key]` of a scenario, e.g. the subnet of zone "b" or the AZ ID of "a".
fn at(s: &Scenario, map: &str, key: &str) -> String {
    s.out[map][key]
        .as_str()
        .unwrap_or_else(|| panic!("scenario has no {map}.{key}: {}", s.out))
        .to_string()
}

fn summary(run: &Run, id: &str) -> String {
    run.check(id)["summary"].as_str().unwrap().to_string()
}

fn assert_contains(text: &str, parts: &[&str]) {
    for p in parts {
        assert!(text.contains(p), "{p:?} missing from:\n{text}");
    }
}

/// `id` has `status`, and a failure is reported as a root cause.
fn assert_status(run: &Run, id: &str, status: &str) {
    assert_eq!(run.status(id), status, "{id}: {}", run.check(id));
    if status == "fail" {
        assert!(
            run.root_causes().iter().any(|r| r == id),
            "{id} should be a root cause: {:?}",
            run.root_causes()
        );
        assert_eq!(run.code, 1);
    }
}

fn remediation_texts(run: &Run, id: &str) -> String {
    run.check(id)["remediation"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["text"].as_str().map(str::to_string))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Swap two strings everywhere in a body.
fn swap(body: String, x: &str, y: &str) -> String {
    body.replace(x, "\u{0}").replace(y, x).replace('\u{0}', y)
}

// ---------------------------------------------------------------- all passing, multi-AZ

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sound_multi_zone_set_up_passes_every_expert_check() {
    // Two zones on both sides, a target per zone, restrictive but correct ACLs and security
    // groups, AmazonProvidedDNS and an unrelated parent zone: every expert check passes.
    let case = Case::new(
        json!({
            "consumer_zones": ["a", "b"],
            "nlb_zones": ["a", "b"],
            "targets": [{"ip": "10.20.1.10", "zone": "a"}, {"ip": "10.20.2.10", "zone": "b"}],
            "nacl_entries": [
                {"rule": 100, "action": "allow", "protocol": "6", "cidr": "10.10.0.0/16", "ports": [443, 443]},
                {"rule": 100, "action": "allow", "protocol": "6", "cidr": "10.10.0.0/16", "ports": [1024, 65535], "egress": true},
            ],
            "nlb_sg_cidrs": ["10.10.0.0/16"],
            "dhcp_servers": ["AmazonProvidedDNS"],
            "phz": "example.test",
        }),
        |_, r| r,
    )
    .await;
    let run = case.check(&[]).await;
    for id in EXPERT {
        let expected = if *id == "endpoint.tcp_connect" {
            "not_applicable"
        } else {
            "pass"
        };
        assert_eq!(run.status(id), expected, "{id}: {}", run.check(id));
    }
    assert_eq!(run.code, 0, "{}", run.stdout);
    let (a, b) = (at(&case.s, "zone_ids", "a"), at(&case.s, "zone_ids", "b"));
    assert_contains(&summary(&run, "az.alignment"), &[&a, &b]);
    assert_contains(
        &summary(&run, "endpoint.subnets"),
        &["2 subnets in 2 Availability Zones"],
    );
    assert_contains(
        &summary(&run, "dns.dhcp_options"),
        &[
            &case.s.str("dhcp_options_id"),
            "AmazonProvidedDNS (10.10.0.2)",
        ],
    );
    assert_contains(
        &summary(&run, "dns.phz_conflict"),
        &["1 private hosted zone(s) associated"],
    );
}

// ---------------------------------------------------------------- az.alignment

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_subnet_in_a_zone_the_nlb_does_not_serve() {
    let case = Case::new(
        json!({"consumer_zones": ["a", "b"], "nlb_zones": ["a"]}),
        |_, r| r,
    )
    .await;
    let run = case.check(&[]).await;
    assert_status(&run, "az.alignment", "fail");
    let subnet_b = at(&case.s, "subnets", "b");
    let zone_b = at(&case.s, "zone_ids", "b");
    let text = summary(&run, "az.alignment");
    assert_contains(
        &text,
        &[
            &format!(
                "endpoint subnet {subnet_b} is in {zone_b} (us-east-1b in the consumer account)"
            ),
            "the service does not offer it",
        ],
    );
    // The served zone is not blamed.
    assert!(!text.contains(&at(&case.s, "subnets", "a")), "{text}");
    let cmds = run.commands("az.alignment");
    assert_contains(
        &cmds,
        &[
            &format!(
                "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --remove-subnet-ids {subnet_b} --profile consumer",
                case.endpoint()
            ),
            &format!(
                "aws elbv2 set-subnets --load-balancer-arn {} --subnets {} \"$NLB_SUBNET\" --profile provider",
                case.s.str("lb_arn"),
                at(&case.s, "provider_subnets", "a")
            ),
        ],
    );
    // Its consequence is not reported twice.
    let zonal = run.check("nlb.zonal_health");
    assert_eq!(zonal["status"], "blocked", "{zonal}");
}

/// The provider's account names zones differently from the consumer's, as in AWS: its
/// "us-east-1a" is the consumer's use1-az1 and its "us-east-1b" the consumer's use1-az6.
fn provider_names_zones_differently(
    s: &Scenario,
    rules: crate::interposer::Rules,
) -> crate::interposer::Rules {
    let (a, b) = (at(s, "zone_ids", "a"), at(s, "zone_ids", "b"));
    let key = s.out["provider_credentials"]["access_key_id"]
        .as_str()
        .unwrap()
        .to_string();
    let (a2, b2) = (a.clone(), b.clone());
    rules
        .rewrite_for("DescribeAvailabilityZones", &key, move |body| {
            swap(body, &format!(">{a}<"), &format!(">{b}<"))
        })
        .rewrite_for("DescribeSubnets", &key, move |body| {
            swap(body, &format!(">{a2}<"), &format!(">{b2}<"))
        })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zones_are_matched_by_az_id_not_by_name() {
    // Same name, different zone: the consumer's us-east-1a is not the provider's.
    let same_name = Case::new(
        json!({"consumer_zones": ["a"], "nlb_zones": ["a"]}),
        provider_names_zones_differently,
    )
    .await;
    let run = same_name.check(&[]).await;
    assert_status(&run, "az.alignment", "fail");
    let zone_a = at(&same_name.s, "zone_ids", "a");
    assert_contains(
        &summary(&run, "az.alignment"),
        &[&format!(
            "endpoint subnet {} is in {zone_a} (us-east-1a in the consumer account), but the service does not offer it",
            same_name.s.str("subnet_id")
        )],
    );

    // Different names, same zone: the provider's us-east-1b is the consumer's us-east-1a.
    let same_zone = Case::new(
        json!({"consumer_zones": ["a"], "nlb_zones": ["b"],
               "targets": [{"ip": "10.20.1.10", "zone": "b"}]}),
        provider_names_zones_differently,
    )
    .await;
    let run = same_zone.check(&[]).await;
    assert_eq!(
        run.status("az.alignment"),
        "pass",
        "{}",
        run.check("az.alignment")
    );
    assert_contains(&summary(&run, "az.alignment"), &[&format!("({zone_a})")]);
    assert_eq!(
        run.status("nlb.zonal_health"),
        "pass",
        "{}",
        run.check("nlb.zonal_health")
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}

// ---------------------------------------------------------------- nlb.zonal_health

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zone_without_a_healthy_target_while_cross_zone_is_off() {
    let spec = json!({"consumer_zones": ["a", "b"], "nlb_zones": ["a", "b"],
                      "targets": [{"ip": "10.20.1.10", "zone": "a"}]});
    let case = Case::new(spec.clone(), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_status(&run, "nlb.zonal_health", "fail");
    assert_eq!(run.status("az.alignment"), "pass");
    let (zone_a, zone_b) = (at(&case.s, "zone_ids", "a"), at(&case.s, "zone_ids", "b"));
    let text = summary(&run, "nlb.zonal_health");
    assert_contains(
        &text,
        &[&format!(
            "{zone_b}: svc-tg has no healthy target there and cross-zone load balancing is off"
        )],
    );
    assert!(!text.contains(&format!("{zone_a}:")), "{text}");
    assert_contains(
        &run.commands("nlb.zonal_health"),
        &[
            &format!(
                "aws elbv2 modify-load-balancer-attributes --load-balancer-arn {} --attributes Key=load_balancing.cross_zone.enabled,Value=true --profile provider",
                case.s.str("lb_arn")
            ),
            &format!(
                "aws elbv2 register-targets --target-group-arn {} --targets Id=\"$TARGET_ID\"",
                case.s.str("tg_arn")
            ),
        ],
    );
    // Repair the zone first; cross-zone (which masks it and costs inter-AZ charges) second.
    let cmds = run.commands("nlb.zonal_health");
    assert!(
        cmds.find("register-targets") < cmds.find("modify-load-balancer-attributes"),
        "{cmds}"
    );
    assert!(!cmds.contains('<'), "{cmds}");

    // Cross-zone on: the node in b forwards to the target in a.
    let mut cross = spec.clone();
    cross["cross_zone"] = json!(true);
    let run = Case::new(cross, |_, r| r).await.check(&[]).await;
    assert_eq!(
        run.status("nlb.zonal_health"),
        "pass",
        "{}",
        run.check("nlb.zonal_health")
    );

    // A target in each zone: nothing depends on cross-zone.
    let mut both = spec;
    both["targets"] = json!([{"ip": "10.20.1.10", "zone": "a"}, {"ip": "10.20.2.10", "zone": "b"}]);
    let run = Case::new(both, |_, r| r).await.check(&[]).await;
    assert_eq!(
        run.status("nlb.zonal_health"),
        "pass",
        "{}",
        run.check("nlb.zonal_health")
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn target_group_turning_cross_zone_off_overrides_the_load_balancer() {
    let case = Case::new(
        json!({"consumer_zones": ["a", "b"], "nlb_zones": ["a", "b"],
               "targets": [{"ip": "10.20.1.10", "zone": "a"}],
               "cross_zone": true, "tg_cross_zone": false}),
        |_, r| r,
    )
    .await;
    let run = case.check(&[]).await;
    assert_status(&run, "nlb.zonal_health", "fail");
    assert_contains(
        &summary(&run, "nlb.zonal_health"),
        &[&at(&case.s, "zone_ids", "b")],
    );
    let cmds = run.commands("nlb.zonal_health");
    assert_contains(
        &cmds,
        &[&format!(
            "aws elbv2 modify-target-group-attributes --target-group-arn {} --attributes Key=load_balancing.cross_zone.enabled,Value=true",
            case.s.str("tg_arn")
        )],
    );
    // The load balancer's setting is already on: do not offer it as the fix.
    assert!(!cmds.contains("modify-load-balancer-attributes"), "{cmds}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn least_privilege_set_up_has_no_false_alarm() {
    // Everything admits only the application subnet (10.10.100.0/24): the endpoint's group,
    // the endpoint subnets' ACL, the client subnet's ACL and the NLB's group. Before, without
    // --from, the clients were taken to be all of 10.10.0.0/16 and three checks failed.
    let case = Case::new(
        json!({
            "client_subnet": true,
            "sg_cidr": "10.10.100.0/24",
            "nacl_entries": [
                {"rule": 100, "action": "allow", "protocol": "6", "cidr": "10.10.100.0/24", "ports": [443, 443]},
                {"rule": 100, "action": "allow", "protocol": "6", "cidr": "10.10.100.0/24", "ports": [1024, 65535], "egress": true},
            ],
            // moto places interfaces at random 10.x addresses, outside the VPC's CIDR.
            "client_nacl_entries": [
                {"rule": 100, "action": "allow", "protocol": "6", "cidr": "10.0.0.0/8", "ports": [1024, 65535]},
                {"rule": 100, "action": "allow", "protocol": "6", "cidr": "10.0.0.0/8", "ports": [443, 443], "egress": true},
            ],
            "nlb_sg_cidrs": ["10.10.100.0/24"],
        }),
        |_, r| r,
    )
    .await;
    let client = case.s.str("client_subnet_id");
    for extra in [vec![], vec!["--from".to_string(), client.clone()]] {
        let args: Vec<&str> = extra.iter().map(String::as_str).collect();
        let run = case.check(&args).await;
        for id in [
            "endpoint.security_groups",
            "endpoint.nacls",
            "nlb.security_groups",
        ] {
            assert_eq!(run.status(id), "pass", "{id} {args:?}: {}", run.check(id));
        }
        let failed: Vec<String> = run.json()["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == "fail")
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        assert!(failed.is_empty(), "{args:?}: {failed:?}");
        assert_eq!(run.code, 0, "{args:?}: {}", run.stdout);
    }
    let run = case.check(&[]).await;
    assert_contains(
        &summary(&run, "endpoint.security_groups"),
        &["10.10.100.0/24", "pass --from"],
    );
    // A client outside the admitted subnet is refused, and the fix admits it alone.
    let run = case.check(&["--from", "10.10.1.9"]).await;
    assert_status(&run, "endpoint.security_groups", "fail");
    assert_contains(
        &run.commands("endpoint.security_groups"),
        &["--protocol tcp --port 443 --cidr 10.10.1.9/32"],
    );
}

// ---------------------------------------------------------------- endpoint.nacls

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nacl_deny_numbered_below_the_allow_is_named() {
    let case = Case::new(
        json!({"nacl_entries": [
            {"rule": 50, "action": "deny", "protocol": "6", "cidr": "10.10.0.0/16", "ports": [443, 443]},
            {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0"},
            {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0", "egress": true},
        ]}),
        |_, r| r,
    )
    .await;
    // Nobody named: clients elsewhere (peered, on premises) still get in, so a warning.
    let run = case.check(&[]).await;
    assert_eq!(
        run.status("endpoint.nacls"),
        "warn",
        "{}",
        run.check("endpoint.nacls")
    );
    let run = case.check(&["--from", "10.10.0.0/16"]).await;
    assert_status(&run, "endpoint.nacls", "fail");
    let acl = case.s.str("nacl_id");
    assert_contains(
        &summary(&run, "endpoint.nacls"),
        &[&format!(
            "{acl} on {} denies inbound requests to TCP 443 (from 10.10.0.0/16, ports 443): rule 50",
            case.s.str("subnet_id")
        )],
    );
    assert_eq!(
        run.commands("endpoint.nacls"),
        format!(
            "aws ec2 create-network-acl-entry --network-acl-id {acl} --ingress --rule-number 49 --protocol 6 --port-range From=443,To=443 --cidr-block 10.10.0.0/16 --rule-action allow --profile consumer --region us-east-1"
        )
    );
    // The connect probe is a measurement: not blocked by the rule reading (without --probe
    // it does not run at all).
    assert_eq!(
        run.check("endpoint.tcp_connect")["status"],
        "not_applicable"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nacl_without_ephemeral_egress_drops_the_replies() {
    let case = Case::new(
        json!({"nacl_entries": [
            {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0"},
            {"rule": 100, "action": "allow", "protocol": "6", "cidr": "0.0.0.0/0", "ports": [443, 443], "egress": true},
        ]}),
        |_, r| r,
    )
    .await;
    // Nobody named: replies reach no address at all.
    let run = case.check(&[]).await;
    assert_status(&run, "endpoint.nacls", "fail");
    assert_contains(
        &summary(&run, "endpoint.nacls"),
        &["denies outbound replies to ephemeral ports to anywhere"],
    );
    let run = case.check(&["--from", "10.10.0.0/16"]).await;
    assert_status(&run, "endpoint.nacls", "fail");
    let acl = case.s.str("nacl_id");
    let text = summary(&run, "endpoint.nacls");
    assert_contains(
        &text,
        &[&format!(
            "{acl} on {} denies outbound replies to ephemeral ports (to 10.10.0.0/16, ports 1024-65535): the final * rule",
            case.s.str("subnet_id")
        )],
    );
    assert!(!text.contains("inbound"), "{text}");
    assert_eq!(
        run.commands("endpoint.nacls"),
        format!(
            "aws ec2 create-network-acl-entry --network-acl-id {acl} --egress --rule-number 99 --protocol 6 --port-range From=1024,To=65535 --cidr-block 10.10.0.0/16 --rule-action allow --profile consumer --region us-east-1"
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_subnet_nacl_is_judged_with_from_subnet() {
    // The client subnet's ACL lets requests out but not the endpoint's replies back in.
    let case = Case::new(
        json!({"client_subnet": true, "client_nacl_entries": [
            {"rule": 100, "action": "allow", "protocol": "6", "cidr": "0.0.0.0/0", "ports": [443, 443]},
            {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0", "egress": true},
        ]}),
        |_, r| r,
    )
    .await;
    // Without --from nobody knows where the clients are: only the endpoint's side is judged.
    let run = case.check(&[]).await;
    assert_eq!(
        run.status("endpoint.nacls"),
        "pass",
        "{}",
        run.check("endpoint.nacls")
    );

    let client = case.s.str("client_subnet_id");
    let run = case.check(&["--from", &client]).await;
    assert_status(&run, "endpoint.nacls", "fail");
    let acl = case.s.str("client_nacl_id");
    let eni_ip = &case.s.eni_ips()[0];
    assert_contains(
        &summary(&run, "endpoint.nacls"),
        &[&format!(
            "{acl} on {client} denies inbound replies from the endpoint to ephemeral ports (from {eni_ip}/32, ports 1024-65535)"
        )],
    );
    assert_contains(
        &run.commands("endpoint.nacls"),
        &[&format!(
            "aws ec2 create-network-acl-entry --network-acl-id {acl} --ingress --rule-number 99 --protocol 6 --port-range From=1024,To=65535 --cidr-block {eni_ip}/32 --rule-action allow"
        )],
    );
}

// ---------------------------------------------------------------- nlb.security_groups

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nlb_security_group_without_the_consumers_enforced_on_privatelink() {
    let case = Case::new(json!({"nlb_sg_cidrs": ["192.168.0.0/16"]}), |_, r| r).await;
    // Nobody named: only clients outside the consumer's VPC are admitted, a warning.
    let run = case.check(&[]).await;
    assert_eq!(
        run.status("nlb.security_groups"),
        "warn",
        "{}",
        run.check("nlb.security_groups")
    );
    assert_contains(&summary(&run, "nlb.security_groups"), &["192.168.0.0/16"]);
    let run = case.check(&["--from", "10.10.0.0/16"]).await;
    assert_status(&run, "nlb.security_groups", "fail");
    let sg = case.s.str("nlb_sg_id");
    assert_contains(
        &summary(&run, "nlb.security_groups"),
        &[&format!(
            "{sg} (svc-nlb) does not allow inbound TCP 443 from 10.10.0.0/16 (--from)"
        )],
    );
    assert_contains(
        &run.commands("nlb.security_groups"),
        &[
            &format!(
                "aws ec2 authorize-security-group-ingress --group-id {sg} --protocol tcp --port 443 --cidr 10.10.0.0/16 --profile provider --region us-east-1"
            ),
            &format!(
                "aws elbv2 set-security-groups --load-balancer-arn {} --security-groups {sg} --enforce-security-group-inbound-rules-on-private-link-traffic off",
                case.s.str("lb_arn")
            ),
        ],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nlb_security_group_passes_when_it_admits_the_consumers_or_does_not_enforce() {
    let admits = Case::new(json!({"nlb_sg_cidrs": ["10.10.0.0/16"]}), |_, r| r).await;
    let run = admits.check(&[]).await;
    assert_eq!(
        run.status("nlb.security_groups"),
        "pass",
        "{}",
        run.check("nlb.security_groups")
    );
    assert_eq!(run.code, 0, "{}", run.stdout);

    // moto never reports the enforcement setting; AWS does, and "off" means the NLB's
    // inbound rules do not apply to PrivateLink traffic.
    let off = Case::new(json!({"nlb_sg_cidrs": ["192.168.0.0/16"]}), |_, r| {
        r.replace(
            "DescribeLoadBalancers",
            "<IpAddressType>",
            "<EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic>off</EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic><IpAddressType>",
        )
    })
    .await;
    let run = off.check(&[]).await;
    assert_eq!(
        run.status("nlb.security_groups"),
        "pass",
        "{}",
        run.check("nlb.security_groups")
    );
    let table = run.check("nlb.security_groups")["evidence"].to_string();
    assert!(table.contains("enforcement off"), "{table}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nlb_security_group_egress_that_cannot_reach_the_target() {
    let case = Case::new(
        json!({"nlb_sg_cidrs": ["10.10.0.0/16"], "nlb_sg_egress": ["192.168.0.0/16"]}),
        |_, r| r,
    )
    .await;
    let run = case.check(&[]).await;
    assert_status(&run, "nlb.security_groups", "fail");
    let sg = case.s.str("nlb_sg_id");
    assert_contains(
        &summary(&run, "nlb.security_groups"),
        &[&format!(
            "{sg} (svc-nlb) does not allow outbound TCP 443 to target 10.20.1.10 (10.20.1.10)"
        )],
    );
    assert_eq!(
        run.commands("nlb.security_groups"),
        format!(
            "aws ec2 authorize-security-group-egress --group-id {sg} --protocol tcp --port 443 --cidr 10.20.1.10/32 --profile provider --region us-east-1"
        )
    );
}

// ---------------------------------------------------------------- targets.security_groups

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn targets_that_fail_health_checks_behind_a_closed_group_are_one_root_cause() {
    // The group does not admit the NLB, so its health checks fail (moto keeps targets
    // healthy whatever the groups say: the interposer reports what AWS would).
    let case = Case::new(json!({"target_sg_cidrs": ["192.168.0.0/16"]}), |_, r| {
        r.replace(
            "DescribeTargetHealth",
            "<State>healthy</State>",
            "<State>unhealthy</State><Reason>Target.FailedHealthChecks</Reason>",
        )
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert_eq!(
        run.root_causes(),
        vec!["targets.security_groups".to_string()]
    );
    let th = run.check("nlb.target_health");
    assert_eq!(th["status"], "fail", "{th}");
    assert_eq!(th["consequence_of"], json!(["targets.security_groups"]));
    assert_contains(
        &summary(&run, "nlb.target_health"),
        &["consequence of targets.security_groups: "],
    );
    // What the symptom blocks names the cause.
    assert_eq!(
        run.check("nlb.zonal_health")["blocked_by"],
        json!(["targets.security_groups"])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn target_security_group_that_does_not_admit_the_nlb() {
    // No NLB security group: the NLB's traffic comes from its subnets' addresses.
    let case = Case::new(json!({"target_sg_cidrs": ["192.168.0.0/16"]}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_status(&run, "targets.security_groups", "fail");
    let sg = case.s.str("target_sg_id");
    assert_contains(
        &summary(&run, "targets.security_groups"),
        &[&format!(
            "{sg} of target 10.20.1.10 do(es) not allow TCP 443 (traffic) from svc-nlb"
        )],
    );
    assert_eq!(
        run.commands("targets.security_groups"),
        format!(
            "aws ec2 authorize-security-group-ingress --group-id {sg} --protocol tcp --port 443 --cidr 10.20.1.0/24 --profile provider --region us-east-1"
        )
    );

    // With an NLB security group, the fix references it instead of addresses.
    let case = Case::new(
        json!({"target_sg_cidrs": ["192.168.0.0/16"], "nlb_sg_cidrs": ["10.10.0.0/16"]}),
        |_, r| r,
    )
    .await;
    let run = case.check(&[]).await;
    assert_status(&run, "targets.security_groups", "fail");
    assert_eq!(
        run.commands("targets.security_groups"),
        format!(
            "aws ec2 authorize-security-group-ingress --group-id {} --protocol tcp --port 443 --source-group {} --profile provider --region us-east-1",
            case.s.str("target_sg_id"),
            case.s.str("nlb_sg_id")
        )
    );
}

// ---------------------------------------------------------------- dns.phz_conflict

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_hosted_zone_with_the_private_dns_name() {
    let case = Case::new(json!({"phz": "api.example.test"}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_status(&run, "dns.phz_conflict", "fail");
    let zone = case.s.str("phz_id");
    let vpc = case.s.str("vpc_id");
    assert_contains(
        &summary(&run, "dns.phz_conflict"),
        &[&format!(
            "private hosted zone api.example.test ({zone}) for api.example.test is associated with {vpc}"
        )],
    );
    assert_eq!(
        run.commands("dns.phz_conflict"),
        format!(
            "aws route53 disassociate-vpc-from-hosted-zone --hosted-zone-id {zone} --vpc VPCRegion=us-east-1,VPCId={vpc} --profile consumer --region us-east-1"
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hosted_zone_inside_the_name_warns_and_a_parent_zone_passes() {
    let inside = Case::new(json!({"phz": "eu.api.example.test"}), |_, r| r).await;
    let run = inside.check(&[]).await;
    assert_eq!(
        run.status("dns.phz_conflict"),
        "warn",
        "{}",
        run.check("dns.phz_conflict")
    );
    let zone = inside.s.str("phz_id");
    assert_contains(
        &summary(&run, "dns.phz_conflict"),
        &[&format!(
            "eu.api.example.test ({zone}) is inside api.example.test"
        )],
    );
    assert_contains(
        &run.commands("dns.phz_conflict"),
        &[&format!("--hosted-zone-id {zone}")],
    );
    assert_eq!(run.code, 0);

    let parent = Case::new(json!({"phz": "example.test"}), |_, r| r).await;
    let run = parent.check(&[]).await;
    assert_eq!(
        run.status("dns.phz_conflict"),
        "pass",
        "{}",
        run.check("dns.phz_conflict")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn second_endpoint_with_private_dns_for_the_same_service() {
    let case = Case::new(json!({"duplicate_endpoint": true}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_status(&run, "dns.phz_conflict", "fail");
    let other = case.s.str("duplicate_endpoint_id");
    assert_contains(
        &summary(&run, "dns.phz_conflict"),
        &[&format!(
            "endpoint {other} for the same service also has private DNS in {}",
            case.s.str("vpc_id")
        )],
    );
    assert!(!summary(&run, "dns.phz_conflict").contains(&format!("endpoint {} ", case.endpoint())));
    assert_eq!(
        run.commands("dns.phz_conflict"),
        format!(
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {other} --no-private-dns-enabled --profile consumer --region us-east-1"
        )
    );
}

// ---------------------------------------------------------------- dns.dhcp_options

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_dns_servers_that_forward_pass_and_those_that_do_not_get_a_forwarder() {
    // The case's --dns-server answers the private name with the endpoint's addresses: the
    // forwarding works. Before: a warning, with "replace the DHCP option set" as the fix.
    let case = Case::new(json!({"dhcp_servers": ["10.10.0.53"]}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(
        run.status("dns.dhcp_options"),
        "pass",
        "{}",
        run.check("dns.dhcp_options")
    );
    let dopt = case.s.str("dhcp_options_id");
    assert_contains(
        &summary(&run, "dns.dhcp_options"),
        &[
            &format!("{dopt} gives instances custom DNS server(s) 10.10.0.53"),
            "forwarding works",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);

    let mixed = Case::new(
        json!({"dhcp_servers": ["AmazonProvidedDNS", "10.10.0.53"]}),
        |_, r| r,
    )
    .await;
    let run = mixed.check(&[]).await;
    assert_eq!(run.status("dns.dhcp_options"), "pass");
    assert_contains(
        &summary(&run, "dns.dhcp_options"),
        &["a mix of AmazonProvidedDNS and custom DNS server(s) 10.10.0.53"],
    );

    // The servers answer the public address: they do not forward the name.
    let broken = Case::with_dns(
        json!({"dhcp_servers": ["10.10.0.53"]}),
        |_, r| r,
        |s| {
            let mut records = crate::default_records(s);
            records.retain(|(n, _)| n != "api.example.test");
            records.push((
                "api.example.test".into(),
                vec!["52.94.227.17".parse().unwrap()],
            ));
            records
        },
    )
    .await;
    let run = broken.check(&[]).await;
    assert_eq!(
        run.status("dns.dhcp_options"),
        "warn",
        "{}",
        run.check("dns.dhcp_options")
    );
    assert_contains(
        &summary(&run, "dns.dhcp_options"),
        &["those servers must forward api.example.test to the VPC resolver 10.10.0.2"],
    );
    assert_contains(
        &remediation_texts(&run, "dns.dhcp_options"),
        &[
            "On 10.10.0.53, forward api.example.test to the VPC resolver 10.10.0.2 with a conditional forwarder",
            "Keep the DHCP options",
        ],
    );
    let cmds = run.commands("dns.dhcp_options");
    assert_contains(&cmds, &["dig +short @10.10.0.53 api.example.test"]);
    // Never the whole option set replaced: it carries the domain name, NTP, on-prem DNS.
    assert!(!cmds.contains("dhcp-options"), "{cmds}");

    let amazon = Case::new(json!({"dhcp_servers": ["AmazonProvidedDNS"]}), |_, r| r).await;
    let run = amazon.check(&[]).await;
    assert_eq!(
        run.status("dns.dhcp_options"),
        "pass",
        "{}",
        run.check("dns.dhcp_options")
    );
    assert_contains(
        &summary(&run, "dns.dhcp_options"),
        &[&amazon.s.str("dhcp_options_id")],
    );
}

// ---------------------------------------------------------------- healthy patterns (issue 13)

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_dns_off_with_the_teams_own_hosted_zone_is_healthy() {
    // The centralised-endpoint pattern: private DNS off on the endpoint, the team's private
    // hosted zone for the service's name associated with the VPC and answering with the
    // endpoint's addresses. Before: endpoint.private_dns_enabled FAIL, fix "enable private
    // DNS" (which AWS refuses: conflicting DNS domain).
    let case = Case::new(
        json!({"phz": "api.example.test", "private_dns_enabled": false}),
        |_, r| r,
    )
    .await;
    let run = case.check(&[]).await;
    for id in [
        "endpoint.private_dns_enabled",
        "dns.phz_conflict",
        "vpc.dns_hostnames",
        "dns.dhcp_options",
    ] {
        assert_eq!(run.status(id), "pass", "{id}: {}", run.check(id));
    }
    assert_contains(
        &summary(&run, "endpoint.private_dns_enabled"),
        &["private DNS is off", &case.s.str("phz_id")],
    );
    assert!(
        !run.commands("endpoint.private_dns_enabled")
            .contains("--private-dns-enabled"),
        "{}",
        run.commands("endpoint.private_dns_enabled")
    );
    assert!(run.root_causes().is_empty(), "{:?}", run.root_causes());
    assert_eq!(run.code, 0, "{}", run.stdout);

    // Private DNS off, no zone, DNS hostnames off: nothing needs the attribute.
    let plain = Case::new(
        json!({"private_dns_enabled": false, "dns_hostnames": false}),
        |_, r| r,
    )
    .await;
    let run = plain.check(&[]).await;
    assert_eq!(
        run.status("vpc.dns_hostnames"),
        "pass",
        "{}",
        run.check("vpc.dns_hostnames")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alb_behind_the_nlb_is_judged_by_its_zones_and_security_groups() {
    // NLB → ALB (target type alb). Before: the ALB had no zone and no interface, so
    // nlb.zonal_health and targets.security_groups were unknown and the run exited 3.
    let spec = json!({"consumer_zones": ["a", "b"], "nlb_zones": ["a", "b"], "alb_target": true});
    let case = Case::new(spec.clone(), |_, r| r).await;
    let run = case.check(&[]).await;
    for id in [
        "nlb.target_health",
        "nlb.zonal_health",
        "targets.security_groups",
    ] {
        assert_eq!(run.status(id), "pass", "{id}: {}", run.check(id));
    }
    assert_eq!(run.code, 0, "{}", run.stdout);

    // The ALB's security group does not admit the NLB: a finding about the ALB.
    let mut blocked = spec;
    blocked["alb_sg_cidrs"] = json!(["192.168.0.0/16"]);
    let case = Case::new(blocked, |_, r| r).await;
    let run = case.check(&[]).await;
    assert_status(&run, "targets.security_groups", "fail");
    assert_contains(
        &summary(&run, "targets.security_groups"),
        &[&case.s.str("alb_sg_id"), "svc-alb (ALB)", "TCP 443"],
    );
}

// ---------------------------------------------------------------- service.private_dns_txt

const TXT_NAME: &str = "_vpce-verify";
const TXT_VALUE: &str = "vpce:Kq3xZ9rT0mPn7aLw";

/// The provider's service waits for verification of TXT `_vpce-verify` under its domain
/// (moto always says `verified`), and public DNS holds `txt`.
async fn unverified(txt: Vec<(String, Vec<String>)>) -> Case {
    let mut case = Case::new(json!({}), |_, r| {
        r.replace(
            "DescribeVpcEndpointServiceConfigurations",
            "<privateDnsNameConfiguration><state>verified</state><type>TXT</type><value>val</value><name>n</name>",
            &format!(
                "<privateDnsNameConfiguration><state>pendingVerification</state><type>TXT</type><value>{TXT_VALUE}</value><name>{TXT_NAME}</name>"
            ),
        )
    })
    .await;
    case.dns = crate::dns_server::start_with_txt(&crate::default_records(&case.s), &txt).await;
    case
}

fn assert_txt_fix(run: &Run, case: &Case, key_text: &str) {
    let fix = run.check("service.private_dns_txt")["remediation"][0].clone();
    assert_contains(fix["text"].as_str().unwrap(), &[key_text]);
    assert_eq!(
        fix["command"].as_str().unwrap(),
        format!(
            "aws ec2 start-vpc-endpoint-service-private-dns-verification --service-id {} --profile provider --region us-east-1",
            case.s.str("service_id")
        )
    );
    assert_eq!(fix["account"], "provider");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_txt_record_absent() {
    let case = unverified(vec![]).await;
    let run = case.check(&[]).await;
    // The verification check fails too, as the record's consequence: one root cause.
    assert_eq!(run.status("service.private_dns_verified"), "fail");
    assert_eq!(
        run.check("service.private_dns_verified")["consequence_of"],
        json!(["service.private_dns_txt"])
    );
    assert_eq!(
        run.status("service.private_dns_txt"),
        "fail",
        "{}",
        run.check("service.private_dns_txt")
    );
    assert_eq!(
        run.root_causes(),
        vec!["service.private_dns_txt".to_string()]
    );
    // The start-verification command is listed once, under the one root cause.
    assert_eq!(
        run.json()["root_causes"][0]["remediation"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_contains(
        &summary(&run, "service.private_dns_txt"),
        &[&format!(
            "no TXT record {TXT_NAME}.api.example.test = \"{TXT_VALUE}\" in public DNS, so api.example.test stays pendingVerification"
        )],
    );
    assert_txt_fix(
        &run,
        &case,
        &format!(
            "Publish TXT {TXT_NAME}.api.example.test = \"{TXT_VALUE}\" in the public zone of api.example.test"
        ),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_txt_record_with_another_value() {
    let name = format!("{TXT_NAME}.api.example.test");
    let case = unverified(vec![(name.clone(), vec!["vpce:stale-value".into()])]).await;
    let run = case.check(&[]).await;
    assert_eq!(run.status("service.private_dns_txt"), "fail");
    let text = summary(&run, "service.private_dns_txt");
    assert_contains(
        &text,
        &[&format!(
            "{name} holds \"vpce:stale-value\" but verification needs \"{TXT_VALUE}\""
        )],
    );
    assert!(!text.contains("differs only in case"), "{text}");
    assert_txt_fix(
        &run,
        &case,
        &format!("Publish TXT {name} = \"{TXT_VALUE}\""),
    );

    // A DNS host that lower-cases values: named as such.
    let case = unverified(vec![(name.clone(), vec![TXT_VALUE.to_lowercase()])]).await;
    let run = case.check(&[]).await;
    assert_eq!(run.status("service.private_dns_txt"), "fail");
    assert_contains(
        &summary(&run, "service.private_dns_txt"),
        &["it differs only in case"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_txt_record_under_a_doubled_domain() {
    let doubled = format!("{TXT_NAME}.api.example.test.api.example.test");
    let case = unverified(vec![(doubled.clone(), vec![TXT_VALUE.into()])]).await;
    let run = case.check(&[]).await;
    assert_eq!(run.status("service.private_dns_txt"), "fail");
    assert_contains(
        &summary(&run, "service.private_dns_txt"),
        &[&format!(
            "the TXT record is published under a doubled domain, {doubled}"
        )],
    );
    assert_txt_fix(
        &run,
        &case,
        &format!("Rename the record {doubled} to {TXT_NAME}.api.example.test"),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_txt_record_right_but_still_pending() {
    let name = format!("{TXT_NAME}.api.example.test");
    let case = unverified(vec![(name.clone(), vec![TXT_VALUE.into()])]).await;
    let run = case.check(&[]).await;
    // The record is right, so its check passes (it said so and still failed before): the
    // verification itself is the one root cause, with the start-verification command.
    assert_eq!(run.status("service.private_dns_txt"), "pass");
    assert_contains(
        &summary(&run, "service.private_dns_txt"),
        &[&format!(
            "the TXT record is published correctly at {name}; api.example.test is still pendingVerification: start verification"
        )],
    );
    assert_eq!(
        run.root_causes(),
        vec!["service.private_dns_verified".to_string()]
    );
    assert_eq!(
        run.commands("service.private_dns_verified"),
        format!(
            "aws ec2 start-vpc-endpoint-service-private-dns-verification --service-id {} --profile provider --region us-east-1",
            case.s.str("service_id")
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verified_private_dns_name_needs_no_txt_lookup() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.status("service.private_dns_txt"), "pass");
    assert_contains(
        &summary(&run, "service.private_dns_txt"),
        &["api.example.test is verified"],
    );
}

// ---------------------------------------------------------------- endpoint.ip_type

/// The endpoint as AWS would describe it with these IP settings (moto has no such fields).
fn endpoint_ip_settings(rules: crate::interposer::Rules, extra: &str) -> crate::interposer::Rules {
    rules.replace(
        "DescribeVpcEndpoints",
        "<vpcEndpointType>Interface</vpcEndpointType>",
        &format!("<vpcEndpointType>Interface</vpcEndpointType>{extra}"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dualstack_endpoint_in_a_subnet_without_ipv6() {
    let case = Case::new(json!({}), |_, r| {
        endpoint_ip_settings(r, "<ipAddressType>dualstack</ipAddressType>")
    })
    .await;
    let run = case.check(&[]).await;
    assert_status(&run, "endpoint.ip_type", "fail");
    let subnet = case.s.str("subnet_id");
    assert_contains(
        &summary(&run, "endpoint.ip_type"),
        &[&format!(
            "the endpoint is dualstack but subnet {subnet} has no IPv6 CIDR"
        )],
    );
    assert_eq!(
        run.commands("endpoint.ip_type"),
        format!(
            "aws ec2 associate-subnet-cidr-block --subnet-id {subnet} --ipv6-cidr-block \"$SUBNET_IPV6_CIDR\" --profile consumer --region us-east-1"
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ipv6_dns_records_on_an_ipv4_endpoint() {
    let case = Case::new(json!({}), |_, r| {
        endpoint_ip_settings(
            r,
            "<ipAddressType>ipv4</ipAddressType><dnsOptions><dnsRecordIpType>ipv6</dnsRecordIpType></dnsOptions>",
        )
    })
    .await;
    let run = case.check(&[]).await;
    assert_status(&run, "endpoint.ip_type", "fail");
    assert_contains(
        &summary(&run, "endpoint.ip_type"),
        &["DNS records are ipv6 but the endpoint has no IPv6 address (ipv4)"],
    );
    assert_eq!(
        run.commands("endpoint.ip_type"),
        format!(
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --dns-options DnsRecordIpType=ipv4 --profile consumer --region us-east-1",
            case.endpoint()
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dualstack_endpoint_in_ipv6_subnets() {
    let both = Case::new(json!({"ipv6": true}), |_, r| {
        endpoint_ip_settings(
            r,
            "<ipAddressType>dualstack</ipAddressType><dnsOptions><dnsRecordIpType>dualstack</dnsRecordIpType></dnsOptions>",
        )
    })
    .await;
    let run = both.check(&[]).await;
    assert_eq!(
        run.status("endpoint.ip_type"),
        "pass",
        "{}",
        run.check("endpoint.ip_type")
    );
    assert_contains(
        &summary(&run, "endpoint.ip_type"),
        &["dualstack endpoint with dualstack DNS records"],
    );

    // IPv4-only records leave IPv6-only clients without an answer.
    let v4_records = Case::new(json!({"ipv6": true}), |_, r| {
        endpoint_ip_settings(
            r,
            "<ipAddressType>dualstack</ipAddressType><dnsOptions><dnsRecordIpType>ipv4</dnsRecordIpType></dnsOptions>",
        )
    })
    .await;
    let run = v4_records.check(&[]).await;
    assert_eq!(
        run.status("endpoint.ip_type"),
        "warn",
        "{}",
        run.check("endpoint.ip_type")
    );
    assert_contains(
        &run.commands("endpoint.ip_type"),
        &[&format!(
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --dns-options DnsRecordIpType=dualstack",
            v4_records.endpoint()
        )],
    );
}

// ---------------------------------------------------------------- endpoint.subnets

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_subnet_endpoint_is_advice() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(
        run.status("endpoint.subnets"),
        "advice",
        "{}",
        run.check("endpoint.subnets")
    );
    assert_contains(
        &summary(&run, "endpoint.subnets"),
        &[&format!(
            "{} has one subnet ({})",
            case.endpoint(),
            case.s.str("subnet_id")
        )],
    );
    assert_eq!(
        run.commands("endpoint.subnets"),
        format!(
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --add-subnet-ids \"$OTHER_AZ_SUBNET\" --profile consumer --region us-east-1",
            case.endpoint()
        )
    );
    assert_eq!(run.code, 0);
}

// ---------------------------------------------------------------- endpoint.tcp_connect

/// The endpoint's interface answers on loopback: its address is 127.0.0.1 (moto gives a
/// random 10.x address) and its names resolve there.
async fn endpoint_on_loopback(port: u16) -> Case {
    Case::with_dns(
        json!({"sg_ports": [port]}),
        |s, r| {
            let ips = s.eni_ips();
            r.rewrite("DescribeNetworkInterfaces", move |body| {
                ips.iter()
                    .fold(body, |b, ip| b.replace(&format!(">{ip}<"), ">127.0.0.1<"))
            })
        },
        |s| {
            crate::default_records(s)
                .into_iter()
                .map(|(n, _)| (n, vec![Ipv4Addr::LOCALHOST]))
                .collect()
        },
    )
    .await
}

/// The harness's NLB has no listener on the probed port: that failure explains the failed
/// connect, so the connect is marked its consequence and the listener is the one root cause.
fn assert_connect_explained_by_the_listener(run: &Run) {
    assert_eq!(
        run.status("endpoint.tcp_connect"),
        "fail",
        "{}",
        run.check("endpoint.tcp_connect")
    );
    assert_eq!(
        run.check("endpoint.tcp_connect")["consequence_of"],
        json!(["nlb.listeners"])
    );
    assert_eq!(run.root_causes(), vec!["nlb.listeners".to_string()]);
    assert_eq!(run.code, 1);
}

fn probe_args(port: &str) -> Vec<&str> {
    vec!["--probe", "--vantage", "inside", "--port", port]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tcp_connect_to_a_listening_endpoint_address() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let case = endpoint_on_loopback(port.parse().unwrap()).await;
    let run = case.check(&probe_args(&port)).await;
    assert_eq!(
        run.status("endpoint.tcp_connect"),
        "pass",
        "{}",
        run.check("endpoint.tcp_connect")
    );
    assert_contains(
        &summary(&run, "endpoint.tcp_connect"),
        &[&format!(
            "every endpoint address accepts TCP {port} (1 connection(s))"
        )],
    );
    // The probe really connected.
    let accepted = tokio::time::timeout(Duration::from_secs(1), listener.accept()).await;
    assert!(accepted.is_ok(), "nothing connected to the listener");

    // Probes only run when asked, and only from inside the VPC.
    let run = case.check(&["--port", &port]).await;
    assert_eq!(run.status("endpoint.tcp_connect"), "not_applicable");
    assert_contains(&summary(&run, "endpoint.tcp_connect"), &["pass --probe"]);
    let run = case
        .check(&["--probe", "--vantage", "outside", "--port", &port])
        .await;
    assert_eq!(run.status("endpoint.tcp_connect"), "not_applicable");
    assert_contains(
        &summary(&run, "endpoint.tcp_connect"),
        &[&format!(
            "run `vpce-doctor check {} --probe` on an instance in {}",
            case.endpoint(),
            case.s.str("vpc_id")
        )],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tcp_connect_refused_on_a_closed_port() {
    let port = crate::harness::free_port().to_string();
    let case = endpoint_on_loopback(port.parse().unwrap()).await;
    let run = case.check(&probe_args(&port)).await;
    assert_connect_explained_by_the_listener(&run);
    assert_contains(
        &summary(&run, "endpoint.tcp_connect"),
        &[&format!("127.0.0.1:{port} refused the connection")],
    );
    assert_eq!(
        run.commands("endpoint.tcp_connect"),
        format!("nc -vz -w 3 127.0.0.1 {port}")
    );
    assert_eq!(
        run.check("endpoint.tcp_connect")["remediation"][0]["account"],
        "provider"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tcp_connect_that_is_never_answered() {
    // A listener whose accept queue is full: the kernel drops further SYNs, as a security
    // group or network ACL would, so the connect times out instead of being refused.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut queued = Vec::new();
    while let Ok(Ok(s)) = tokio::time::timeout(
        Duration::from_millis(300),
        tokio::net::TcpStream::connect(addr),
    )
    .await
    {
        queued.push(s);
        assert!(queued.len() < 64, "the accept queue never filled");
    }
    let port = addr.port().to_string();
    let case = endpoint_on_loopback(addr.port()).await;
    let mut args = probe_args(&port);
    args.extend(["--timeout", "2"]);
    let run = case.check(&args).await;
    assert_connect_explained_by_the_listener(&run);
    assert_contains(
        &summary(&run, "endpoint.tcp_connect"),
        &[&format!("127.0.0.1:{port} did not answer within 2000 ms")],
    );
    let fix = &run.check("endpoint.tcp_connect")["remediation"][0];
    assert_eq!(fix["command"], format!("nc -vz -w 3 127.0.0.1 {port}"));
    assert_eq!(fix["account"], "consumer");
    drop(queued);
}
