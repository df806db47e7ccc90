//! Runbooks headless against moto: where each passes, and where each stops.

use serde_json::json;

use crate::Case;
use crate::harness::run_plain;

fn steps(run: &crate::harness::Run) -> Vec<(String, bool, Option<String>)> {
    let v: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                s["reached"].as_bool().unwrap(),
                s["verdict"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_unreachable_passes_every_step_on_a_healthy_endpoint() {
    // Two zones, a healthy target in each: a single-subnet endpoint would only warn.
    let case = Case::new(
        json!({"consumer_zones": ["a", "b"], "nlb_zones": ["a", "b"],
               "targets": [{"ip": "10.20.1.10", "zone": "a"}, {"ip": "10.20.2.10", "zone": "b"}]}),
        |_, r| r,
    )
    .await;
    let run = case.runbook("endpoint-unreachable", "json").await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for (id, reached, verdict) in steps(&run) {
        assert!(reached, "{id}");
        // The TCP probe is not asked for (--probe), and the steps for Gateway Load Balancer
        // and VPC Lattice endpoints do not apply: not applicable, never a pass.
        let want = if [
            "connect",
            "lattice",
            "resource-gateway",
            "routes",
            "appliances",
            "lattice-dns",
        ]
        .contains(&id.as_str())
        {
            "not_applicable"
        } else {
            "pass"
        };
        assert_eq!(verdict.as_deref(), Some(want), "{id}");
    }
    let md = case.runbook("endpoint-unreachable", "markdown").await;
    assert!(
        md.stdout
            .contains("- [x] 14. Does the name the clients use resolve to the endpoint?"),
        "{}",
        md.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_unreachable_stops_when_the_endpoint_waits_for_acceptance() {
    let case = Case::new(json!({}), |s, r| {
        crate::connection_in_state(s, r, "pendingAcceptance")
    })
    .await;
    let run = case.runbook("endpoint-unreachable", "json").await;
    assert_eq!(run.code, 1);
    let s = steps(&run);
    assert_eq!(s[0], ("state".to_string(), true, Some("fail".to_string())));
    assert!(!s[1].1, "nothing after the stop is reached");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_dns_stops_at_the_vpc_hostnames_attribute() {
    let case = Case::new(json!({"dns_hostnames": false}), |_, r| r).await;
    let run = case.runbook("private-dns", "markdown").await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "- [ ] 5. Are DNS hostnames enabled in the VPC (enableDnsHostnames)? — ✗ fail"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("— not reached"));
    assert!(run.stdout.contains("--enable-dns-hostnames"));
    assert!(run.stdout.contains("**Stopped:**"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn onboard_consumer_stops_at_the_pending_connection_with_the_accept_command() {
    let case = Case::new(json!({}), |s, r| {
        crate::connection_in_state(s, r, "pendingAcceptance")
    })
    .await;
    let run = case.runbook("onboard-consumer", "markdown").await;
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("- [ ] 4. Accept the customer's pending connection — ✗ fail"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&format!(
        "aws ec2 accept-vpc-endpoint-connections --service-id {} --vpc-endpoint-ids {}",
        case.s.str("service_id"),
        case.endpoint()
    )));
    let healthy = Case::new(json!({}), |_, r| r).await;
    assert_eq!(healthy.runbook("onboard-consumer", "json").await.code, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_endpoint_stops_at_the_missing_route() {
    let case = Case::new(json!({"kind": "gateway", "delete_route": true}), |_, r| r).await;
    let run = case.runbook("gateway-endpoint", "json").await;
    assert_eq!(run.code, 1);
    let s = steps(&run);
    assert_eq!(s[1], ("routes".to_string(), true, Some("fail".to_string())));
    assert!(!s[2].1);
    let ok = Case::new(json!({"kind": "gateway"}), |_, r| r).await;
    assert_eq!(ok.runbook("gateway-endpoint", "json").await.code, 0);
}

#[test]
fn custom_runbook_files_work_and_bad_ones_are_named_precisely() {
    let dir = tempfile::tempdir().unwrap();
    let snap =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/sg-blocks-443.json");
    let good = dir.path().join("mine.toml");
    std::fs::write(
        &good,
        r#"name = "quick-sg"
title = "Only the security groups"
description = "A one-step check."

[[step]]
id = "sg"
title = "Security groups admit the clients?"
checks = ["endpoint.security_groups"]
why = "Timeouts."
pass = "Fine."
fail = "Blocked."
action = "Add the rule."
"#,
    )
    .unwrap();
    let run = run_plain(
        &[
            "runbook",
            "--runbook",
            good.to_str().unwrap(),
            "vpce-0a1b2c3d4e5f60718",
            "--from-snapshot",
            snap.to_str().unwrap(),
            "--format",
            "markdown",
        ],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("# Runbook `quick-sg`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("authorize-security-group-ingress"));

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        std::fs::read_to_string(&good)
            .unwrap()
            .replace("endpoint.security_groups", "endpoint.securty_groups"),
    )
    .unwrap();
    let run = run_plain(
        &[
            "runbook",
            "--runbook",
            bad.to_str().unwrap(),
            "vpce-0a1b2c3d4e5f60718",
            "--format",
            "json",
        ],
        &[],
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("{}:8: field `checks`", bad.display())),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("endpoint.securty_groups"));

    let list = run_plain(&["runbook", "--list"], &[]);
    assert_eq!(list.code, 0);
    for name in [
        "endpoint-unreachable",
        "private-dns",
        "onboard-consumer",
        "gateway-endpoint",
    ] {
        assert!(list.stdout.contains(name), "{name}");
    }
    let unknown = run_plain(
        &[
            "runbook",
            "no-such",
            "vpce-0a1b2c3d4e5f60718",
            "--format",
            "json",
        ],
        &[],
    );
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("unknown runbook"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_dns_passes_every_step_when_the_chain_holds() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case.runbook("private-dns", "json").await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for (id, reached, verdict) in steps(&run) {
        assert!(reached, "{id}");
        // The last step is for VPC Lattice endpoints only.
        let want = if id == "lattice-preference" {
            "not_applicable"
        } else {
            "pass"
        };
        assert_eq!(verdict.as_deref(), Some(want), "{id}");
    }
}
