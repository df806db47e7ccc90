//! Every seed check passing on a healthy endpoint, and each seed failure reported as the
//! root cause with the right fix, its consequences blocked, and exit 1.

use serde_json::json;

use crate::Case;

const SEED: &[&str] = &[
    "endpoint.found",
    "endpoint.state",
    "endpoint.security_groups",
    "endpoint.dns",
    "endpoint.private_dns_enabled",
    "vpc.dns_support",
    "vpc.dns_hostnames",
    "service.private_dns_verified",
    "private_dns.resolves",
    "service.found",
    "service.state",
    "service.connection",
    "service.allowed_principals",
    "service.acceptance_required",
    "nlb.state",
    "nlb.internal",
    "nlb.listeners",
    "nlb.target_health",
    "gateway.route_tables",
    "gateway.policy",
];

fn assert_blocked_by(run: &crate::harness::Run, id: &str, root: &str) {
    let c = run.check(id);
    assert_eq!(c["status"], "blocked", "{id}: {c}");
    assert!(
        c["blocked_by"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b == root),
        "{id} should name {root}: {c}"
    );
}

/// `id` is a measurement that the static checks did not block, and not a root cause.
fn assert_measured(run: &crate::harness::Run, id: &str) {
    let c = run.check(id);
    assert_ne!(c["status"], "blocked", "{id}: {c}");
    assert!(!run.root_causes().iter().any(|r| r == id), "{id}");
}

/// `id` failed too, as a consequence of `cause`: marked so, and not a root cause.
fn assert_consequence_of(run: &crate::harness::Run, id: &str, cause: &str) {
    let c = run.check(id);
    assert_eq!(c["status"], "fail", "{id}: {c}");
    assert_eq!(c["consequence_of"], serde_json::json!([cause]), "{id}: {c}");
    assert!(
        c["summary"]
            .as_str()
            .unwrap()
            .starts_with(&format!("consequence of {cause}: ")),
        "{c}"
    );
    assert!(!run.root_causes().iter().any(|r| r == id), "{id}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthy_endpoint_across_two_accounts_passes_every_seed_check() {
    let case = Case::new(json!({}), |_, r| r).await;
    let started = std::time::Instant::now();
    let run = case.check(&["--stats"]).await;
    // A measurement for the record (not asserted: CI machines are shared and noisy).
    eprintln!(
        "healthy diagnosis: {} ms wall (process), {} API calls",
        started.elapsed().as_millis(),
        run.json()["api_calls"]["total"]
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for id in SEED {
        // The default full-access endpoint policy is posture advice (least privilege), which
        // counts towards no verdict.
        let expected = match *id {
            "gateway.route_tables" => "not_applicable",
            "gateway.policy" => "advice",
            _ => "pass",
        };
        assert_eq!(run.status(id), expected, "{id}: {}", run.check(id));
    }
    let report = run.json();
    assert_eq!(report["schema_version"], 2);
    assert_eq!(report["context"]["consumer_account"], case.s.consumer);
    assert_eq!(report["context"]["provider_account"], case.s.provider);
    assert!(report["root_causes"].as_array().unwrap().is_empty());
    assert!(report["api_calls"]["total"].as_u64().unwrap() > 5);
    // Memoised: one call per distinct request, even though several checks read the endpoint
    // (the second request is the VPC's endpoint list, where dns.phz_conflict looks for a
    // rival endpoint).
    assert_eq!(
        report["api_calls"]["by_operation"]["DescribeVpcEndpoints"]["calls"],
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_acceptance_is_the_root_cause_with_the_accept_command() {
    let case = Case::new(json!({}), |s, r| {
        crate::connection_in_state(s, r, "pendingAcceptance")
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    // One problem, one root cause: the provider's view of the same connection is marked as
    // its consequence, and the accept command is shown once.
    assert_eq!(run.root_causes(), vec!["endpoint.state".to_string()]);
    assert_consequence_of(&run, "service.connection", "endpoint.state");
    let roots = run.json()["root_causes"].clone();
    assert_eq!(
        roots[0]["remediation"].as_array().unwrap().len(),
        1,
        "{roots}"
    );
    let cmd = run.commands("endpoint.state");
    assert!(
        cmd.contains(&format!(
            "aws ec2 accept-vpc-endpoint-connections --service-id {} --vpc-endpoint-ids {} --profile provider --region us-east-1",
            case.s.str("service_id"),
            case.endpoint()
        )),
        "{cmd}"
    );
    assert_blocked_by(&run, "endpoint.dns", "endpoint.state");
    assert_eq!(
        run.check("endpoint.state")["remediation"][0]["account"],
        "provider"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_endpoint_is_reported_with_its_own_explanation() {
    let case = Case::new(json!({}), |s, r| {
        crate::connection_in_state(s, r, "rejected")
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.root_causes(), vec!["endpoint.state".to_string()]);
    assert!(
        run.check("endpoint.state")["summary"]
            .as_str()
            .unwrap()
            .contains("rejected")
    );
    assert_eq!(run.status("service.connection"), "fail");
    assert_consequence_of(&run, "service.connection", "endpoint.state");
    assert_blocked_by(&run, "endpoint.dns", "endpoint.state");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_endpoint_shows_last_error_and_recreate_fix() {
    let case = Case::new(json!({}), |_, r| {
        r.replace(
            "DescribeVpcEndpoints",
            "<state>available</state>",
            "<state>failed</state><lastError><message>The subnet has no free IP addresses</message><code>InsufficientFreeAddressesInSubnet</code></lastError>",
        )
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.root_causes(), vec!["endpoint.state".to_string()]);
    let c = run.check("endpoint.state");
    assert!(
        c["summary"]
            .as_str()
            .unwrap()
            .contains("InsufficientFreeAddressesInSubnet"),
        "{c}"
    );
    assert!(run.commands("endpoint.state").contains(&format!(
        "aws ec2 delete-vpc-endpoints --vpc-endpoint-ids {}",
        case.endpoint()
    )));
    assert_blocked_by(&run, "endpoint.dns", "endpoint.state");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_group_without_the_port_names_the_group_and_the_rule_to_add() {
    let case = Case::new(json!({"sg_ports": [22]}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert_eq!(
        run.root_causes(),
        vec!["endpoint.security_groups".to_string()]
    );
    let sg = case.s.str("security_group_id");
    let summary = run.check("endpoint.security_groups")["summary"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        summary.contains(&sg) && summary.contains("TCP 443"),
        "{summary}"
    );
    // Nobody named: the fix asks for the clients' group instead of opening the VPC.
    assert_eq!(
        run.commands("endpoint.security_groups"),
        format!(
            "aws ec2 authorize-security-group-ingress --group-id {sg} --protocol tcp --port 443 --source-group \"${{CLIENT_SG:?set CLIENT_SG to the security group of the clients}}\" --profile consumer --region us-east-1"
        )
    );
    // A named client gets exactly its own range.
    let run = case.check(&["--from", "10.10.1.0/24"]).await;
    assert_eq!(
        run.commands("endpoint.security_groups"),
        format!(
            "aws ec2 authorize-security-group-ingress --group-id {sg} --protocol tcp --port 443 --cidr 10.10.1.0/24 --profile consumer --region us-east-1"
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_group_evaluated_for_the_client_source_and_ports_given() {
    let case = Case::new(
        json!({"sg_ports": [443], "sg_cidr": "10.10.1.0/24"}),
        |_, r| r,
    )
    .await;
    let inside = case.check(&["--from", "10.10.1.25"]).await;
    assert_eq!(inside.status("endpoint.security_groups"), "pass");
    let outside = case
        .check(&["--from", "10.99.0.0/16", "--port", "443"])
        .await;
    assert_eq!(outside.status("endpoint.security_groups"), "fail");
    assert!(
        outside
            .commands("endpoint.security_groups")
            .contains("--cidr 10.99.0.0/16")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vpc_dns_hostnames_off_blocks_private_dns_resolution() {
    let case = Case::new(json!({"dns_hostnames": false}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.root_causes(), vec!["vpc.dns_hostnames".to_string()]);
    assert!(run.commands("vpc.dns_hostnames").contains(&format!(
        "aws ec2 modify-vpc-attribute --vpc-id {} --enable-dns-hostnames '{{\"Value\":true}}'",
        case.s.str("vpc_id")
    )));
    assert_measured(&run, "private_dns.resolves");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vpc_dns_support_off_is_a_root_cause() {
    let case = Case::new(json!({"dns_support": false}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.root_causes(), vec!["vpc.dns_support".to_string()]);
    assert!(
        run.commands("vpc.dns_support")
            .contains("--enable-dns-support")
    );
    assert_measured(&run, "private_dns.resolves");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_dns_disabled_on_the_endpoint() {
    // With private DNS off and no zone of the team's, the VPC resolves the name publicly.
    let case = Case::with_dns(
        json!({"private_dns_enabled": false}),
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
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert_eq!(
        run.root_causes(),
        vec!["endpoint.private_dns_enabled".to_string()]
    );
    assert!(
        run.commands("endpoint.private_dns_enabled")
            .contains(&format!(
                "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --private-dns-enabled",
                case.endpoint()
            ))
    );
    // With private DNS off there is no private name to ask for.
    assert_eq!(run.status("private_dns.resolves"), "not_applicable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_dns_name_not_verified_tells_the_provider_which_txt_record() {
    let case = Case::new(json!({}), |_, r| {
        r.replace(
            "DescribeVpcEndpointServiceConfigurations",
            "<privateDnsNameConfiguration><state>verified</state><type>TXT</type><value>val</value><name>n</name>",
            "<privateDnsNameConfiguration><state>pendingVerification</state><type>TXT</type><value>vpce:l3p6bwDm2DNBMVBSqUj</value><name>_pl7x2.api.example.test</name>",
        )
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    // The record is not in (this test's) public DNS either: that is why verification fails,
    // so the TXT check is the one root cause and the verification its consequence.
    assert_eq!(
        run.root_causes(),
        vec!["service.private_dns_txt".to_string()]
    );
    assert_consequence_of(
        &run,
        "service.private_dns_verified",
        "service.private_dns_txt",
    );
    let fix = &run.check("service.private_dns_txt")["remediation"][0];
    assert!(
        fix["text"]
            .as_str()
            .unwrap()
            .contains("_pl7x2.api.example.test = \"vpce:l3p6bwDm2DNBMVBSqUj\""),
        "{fix}"
    );
    assert!(fix["command"].as_str().unwrap().contains(&format!(
        "start-vpc-endpoint-service-private-dns-verification --service-id {}",
        case.s.str("service_id")
    )));
    assert_measured(&run, "private_dns.resolves");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unhealthy_targets_with_reason_code() {
    let case = Case::new(json!({}), |_, r| {
        r.replace(
            "DescribeTargetHealth",
            "<TargetHealth><State>healthy</State></TargetHealth>",
            "<TargetHealth><State>unhealthy</State><Reason>Target.FailedHealthChecks</Reason><Description>Health checks failed</Description></TargetHealth>",
        )
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.root_causes(), vec!["nlb.target_health".to_string()]);
    let c = run.check("nlb.target_health");
    assert!(
        c["summary"]
            .as_str()
            .unwrap()
            .contains("Target.FailedHealthChecks"),
        "{c}"
    );
    assert!(run.commands("nlb.target_health").contains(&format!(
        "aws elbv2 describe-target-health --target-group-arn {} --profile provider",
        case.s.str("tg_arn")
    )));
    let table = c["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "table")
        .unwrap()
        .clone();
    assert_eq!(table["rows"][0][4], "unhealthy");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dns_answering_foreign_addresses() {
    let case = Case::with_dns(
        json!({}),
        |_, r| r,
        |s| {
            let mut recs = crate::default_records(s);
            for r in &mut recs {
                r.1 = vec!["203.0.113.9".parse().unwrap()];
            }
            recs
        },
    )
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert!(run.root_causes().contains(&"endpoint.dns".to_string()));
    assert!(
        run.root_causes()
            .contains(&"private_dns.resolves".to_string())
    );
    let c = run.check("endpoint.dns");
    assert!(
        c["summary"].as_str().unwrap().contains("203.0.113.9"),
        "{c}"
    );
    assert!(
        run.commands("endpoint.dns")
            .contains("list-hosted-zones-by-vpc")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dns_nxdomain_and_timeout_are_distinct_findings() {
    let case = Case::with_dns(json!({}), |_, r| r, |_| Vec::new()).await;
    let run = case.check(&[]).await;
    assert_eq!(run.status("endpoint.dns"), "fail");
    assert!(
        run.check("endpoint.dns")["summary"]
            .as_str()
            .unwrap()
            .contains("NXDOMAIN")
    );
    let (silent, _socket) = crate::dns_server::silent().await;
    let addr = silent.to_string();
    let run = case.check(&["--dns-server", &addr, "--timeout", "1"]).await;
    assert_eq!(run.status("endpoint.dns"), "unknown");
    assert!(
        run.check("endpoint.dns")["summary"]
            .as_str()
            .unwrap()
            .contains("did not answer")
    );
    assert_eq!(run.code, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_endpoint_missing_its_route() {
    let case = Case::new(json!({"kind": "gateway", "delete_route": true}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.root_causes(), vec!["gateway.route_tables".to_string()]);
    let rtb = case.s.str("route_table_id");
    assert!(
        run.commands("gateway.route_tables")
            .contains(&format!("--add-route-table-ids {rtb}"))
    );
    for na in [
        "endpoint.security_groups",
        "endpoint.dns",
        "service.found",
        "nlb.state",
    ] {
        assert_eq!(run.status(na), "not_applicable", "{na}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_endpoint_with_route_and_policy_evaluation() {
    let policy = json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}]});
    let case = Case::new(json!({"kind": "gateway", "policy": policy}), |_, r| r).await;
    let run = case
        .check(&[
            "--from",
            "10.10.1.0/24",
            "--expect-action",
            "s3:GetObject",
            "--expect-resource",
            "arn:aws:s3:::data/x",
        ])
        .await;
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.status("gateway.route_tables"), "pass");
    assert_eq!(run.status("gateway.policy"), "pass");
    let denied = case
        .check(&[
            "--expect-action",
            "s3:PutObject",
            "--expect-resource",
            "arn:aws:s3:::data/x",
        ])
        .await;
    assert_eq!(denied.status("gateway.policy"), "fail");
    assert_eq!(denied.code, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_that_does_not_exist_blocks_everything_downstream() {
    let case = Case::new(json!({}), |_, r| r).await;
    let missing = "vpce-0123456789abcdef0";
    let run = case.run(&["check", missing, "--format", "json"], &[]).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.root_causes(), vec!["endpoint.found".to_string()]);
    assert!(
        run.check("endpoint.found")["summary"]
            .as_str()
            .unwrap()
            .contains(&case.s.consumer)
    );
    assert!(
        run.commands("endpoint.found")
            .contains("aws ec2 describe-vpc-endpoints")
    );
    for id in [
        "endpoint.state",
        "endpoint.dns",
        "vpc.dns_support",
        "service.connection",
    ] {
        assert_blocked_by(&run, id, "endpoint.found");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_provider_credentials_provider_checks_are_unknown_not_pass() {
    let case = Case::new(json!({}), |_, r| r).await;
    let ep = case.endpoint();
    let dns = case.dns.addr.to_string();
    let run = crate::harness::run_tool(
        &case.env,
        &[
            "check",
            &ep,
            "--profile",
            "consumer",
            "--format",
            "json",
            "--dns-server",
            &dns,
        ],
    )
    .await;
    assert_eq!(run.code, 3, "{}", run.stdout);
    let c = run.check("service.found");
    assert_eq!(c["status"], "unknown");
    assert!(
        c["summary"]
            .as_str()
            .unwrap()
            .contains("ec2:DescribeVpcEndpointServiceConfigurations")
            && c["summary"]
                .as_str()
                .unwrap()
                .contains("--provider-profile"),
        "{c}"
    );
    for id in ["service.state", "nlb.state", "nlb.target_health"] {
        assert_eq!(run.status(id), "unknown", "{id}");
    }
    assert_eq!(run.status("endpoint.state"), "pass");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_denied_is_unknown_and_names_the_iam_action() {
    let case = Case::new(json!({}), |_, r| {
        r.ec2_error("DescribeSecurityGroups", 403, "UnauthorizedOperation")
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 3);
    let c = run.check("endpoint.security_groups");
    assert_eq!(c["status"], "unknown");
    assert!(
        c["summary"]
            .as_str()
            .unwrap()
            .contains("ec2:DescribeSecurityGroups"),
        "{c}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aws_service_endpoint_has_no_provider_side() {
    let case = Case::new(json!({"kind": "aws_service"}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 0, "{}", run.stdout);
    for id in [
        "service.found",
        "service.state",
        "nlb.state",
        "nlb.target_health",
    ] {
        assert_eq!(run.status(id), "not_applicable", "{id}");
    }
    assert_eq!(run.status("endpoint.security_groups"), "pass");
    assert_eq!(run.status("service.private_dns_verified"), "pass");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleted_service_is_the_root_cause_on_the_provider_side() {
    let case = Case::new(json!({"delete_service": true}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1);
    assert!(
        run.root_causes().contains(&"service.found".to_string()),
        "{:?}",
        run.root_causes()
    );
    assert_blocked_by(&run, "nlb.target_health", "service.found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_service_state() {
    let case = Case::new(json!({}), |_, r| {
        r.replace(
            "DescribeVpcEndpointServiceConfigurations",
            "<serviceState>Available</serviceState>",
            "<serviceState>Failed</serviceState>",
        )
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.root_causes(), vec!["service.state".to_string()]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consumer_not_among_allowed_principals() {
    // The endpoint was accepted (moto accepts at once), then the principal is not listed:
    // the connection keeps working, only new endpoints from the account would be refused.
    let case = Case::new(json!({"allow_consumer": false}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.status("service.allowed_principals"), "warn");
    assert!(
        run.check("service.allowed_principals")["summary"]
            .as_str()
            .unwrap()
            .contains("new endpoints from this account would be refused"),
        "{}",
        run.check("service.allowed_principals")
    );
    assert!(run.root_causes().is_empty(), "{:?}", run.root_causes());
    assert!(
        run.commands("service.allowed_principals")
            .contains(&format!(
                "--add-allowed-principals arn:aws:iam::{}:root",
                case.s.consumer
            ))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_accept_and_internet_facing_are_advice_not_warnings() {
    let case = Case::new(
        json!({"acceptance_required": false, "scheme": "internet-facing"}),
        |_, r| r,
    )
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 0);
    assert_eq!(run.status("service.acceptance_required"), "advice");
    assert_eq!(run.status("nlb.internal"), "advice");
    // Posture advice is listed apart and never makes a root cause.
    let advice: Vec<String> = run.json()["advice"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        advice.contains(&"service.acceptance_required".to_string()),
        "{advice:?}"
    );
    assert!(advice.contains(&"nlb.internal".to_string()), "{advice:?}");
    assert_eq!(run.json()["summary"]["warn"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_balancer_deleted_behind_the_service() {
    let case = Case::new(json!({"delete_lb": true}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.root_causes(), vec!["nlb.state".to_string()]);
    assert_blocked_by(&run, "nlb.target_health", "nlb.state");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn port_without_a_listener() {
    let case = Case::new(json!({"sg_ports": [443, 8443]}), |_, r| r).await;
    let run = case.check(&["--port", "8443"]).await;
    assert_eq!(run.root_causes(), vec!["nlb.listeners".to_string()]);
    assert!(run.commands("nlb.listeners").contains("--port 8443"));
    assert_blocked_by(&run, "nlb.target_health", "nlb.listeners");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_output_lists_root_cause_first_with_symbols() {
    let case = Case::new(json!({"sg_ports": [22]}), |_, r| r).await;
    let run = case.run(&["check", &case.endpoint(), "--stats"], &[]).await;
    assert_eq!(run.code, 1);
    let root = run.stdout.find("ROOT CAUSE").unwrap();
    let checks = run.stdout.find("CHECKS").unwrap();
    assert!(root < checks);
    assert!(
        run.stdout[root..checks].contains("✗ FAIL    endpoint.security_groups"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("$ aws ec2 authorize-security-group-ingress")
    );
    assert!(run.stdout.contains("STATS"));
    assert!(
        !run.stdout.contains('\x1b'),
        "no colour when not a terminal"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttled_calls_are_retried_and_counted() {
    let case = Case::new(json!({}), |_, r| r.throttle("DescribeSecurityGroups", 2)).await;
    let run = case.check(&["--stats"]).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.status("endpoint.security_groups"), "pass");
    let ops = &run.json()["api_calls"]["by_operation"];
    // Two distinct requests: the endpoint's group (consumer) and the target's (provider).
    assert_eq!(ops["DescribeSecurityGroups"]["calls"], 2);
    assert_eq!(ops["DescribeSecurityGroups"]["retries"], 2);
    assert_eq!(ops["DescribeVpcEndpoints"]["retries"], 0);
}
