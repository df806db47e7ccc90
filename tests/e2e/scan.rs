//! `vpce-doctor scan`: every endpoint of the account (or every connection of a service) with
//! its worst status and root cause, through the real SDK path against moto.

use serde_json::{Value, json};

use crate::Case;

pub fn entry<'a>(report: &'a Value, endpoint: &str) -> &'a Value {
    report["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["endpoint"] == endpoint)
        .unwrap_or_else(|| panic!("{endpoint} not in the scan: {report}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_healthy_account_scans_clean_and_a_broken_endpoint_leads_with_its_root_cause() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case
        .run(&["scan", "--format", "json", "--stats"], &[])
        .await;
    let report = run.json();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(report["scope"]["side"], "consumer");
    assert_eq!(report["summary"]["endpoints"], 1);
    let e = entry(&report, &case.endpoint());
    // One subnet only: posture advice, which leaves a healthy fleet green.
    assert_eq!(e["worst"], "pass", "{e}");
    assert_eq!(e["headline"], "", "{e}");
    let advice: Vec<&str> = e["report"]["advice"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert!(advice.contains(&"endpoint.subnets"), "{e}");
    let text = case.run(&["scan"], &[]).await;
    assert_eq!(text.code, 0, "{}", text.stderr);
    let advice = text
        .stdout
        .split("Advice (no risk to the traffic; not counted in the verdict):")
        .nth(1)
        .unwrap_or_else(|| panic!("no advice section:\n{}", text.stdout));
    assert!(
        advice.contains(&format!("{} · endpoint.subnets", case.endpoint())),
        "{}",
        text.stdout
    );
    assert!(e["root_cause"].is_null());
    assert_eq!(e["report"]["target"]["endpoint_id"], case.endpoint());
    assert!(report["summary"]["api_calls"]["total"].as_u64().unwrap() > 5);

    let broken = Case::new(json!({"sg_ports": [22]}), |_, r| r).await;
    let run = broken.run(&["scan"], &[]).await;
    // The table as a user sees it (for the record; the README shows one).
    eprintln!("{}", run.stdout);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let first = run.stdout.lines().nth(1).unwrap_or_default();
    assert!(
        first.starts_with(&broken.endpoint())
            && first.contains("✗ FAIL")
            && first.contains("endpoint.security_groups"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!(
            "aws ec2 authorize-security-group-ingress --group-id {}",
            broken.s.str("security_group_id")
        )),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_select_endpoints_and_every_format_is_written() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case
        .run(
            &["scan", "--format", "json", "--filter", "tag:Team=nobody"],
            &[],
        )
        .await;
    assert_eq!(run.code, 0);
    assert_eq!(run.json()["summary"]["endpoints"], 0);
    let vpc = case.s.str("vpc_id");
    let run = case
        .run(
            &[
                "scan",
                "--format",
                "json",
                "--filter",
                &format!("vpc-id={vpc}"),
                "--filter",
                "type=Interface",
            ],
            &[],
        )
        .await;
    assert_eq!(run.json()["summary"]["endpoints"], 1);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let run = case
        .run(
            &[
                "scan",
                "--format",
                "text,json,markdown,html,junit",
                "--output-dir",
                out,
            ],
            &[],
        )
        .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    for ext in ["txt", "json", "md", "html", "junit.xml"] {
        let text = std::fs::read_to_string(dir.path().join(format!("vpce-doctor-scan.{ext}")))
            .unwrap_or_else(|e| panic!("{ext}: {e}"));
        assert!(text.contains(&case.endpoint()), "{ext}: {text}");
    }
    let junit = std::fs::read_to_string(dir.path().join("vpce-doctor-scan.junit.xml")).unwrap();
    let doc = roxmltree::Document::parse(&junit).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("testsuite"))
            .count(),
        1
    );
    let bad = case.run(&["scan", "--filter", "colour=blue"], &[]).await;
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("invalid --filter"), "{}", bad.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_sees_every_connection_of_the_service() {
    let case = Case::new(json!({}), |s, r| {
        crate::connection_in_state(s, r, "pendingAcceptance")
    })
    .await;
    let service = case.s.str("service_id");
    let run = case
        .run(&["scan", "--service", &service, "--format", "json"], &[])
        .await;
    let report = run.json();
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(report["scope"]["side"], "provider");
    let e = entry(&report, &case.endpoint());
    assert_eq!(e["state"], "pendingAcceptance");
    assert_eq!(e["owner"], case.s.consumer);
    assert_eq!(e["root_cause"]["check"], "endpoint.state", "{e}");
    // Only the provider's side (and the connection state) is judged from there.
    let checks: Vec<&str> = e["report"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] != "not_applicable" || c["account"] == "provider")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(!checks.contains(&"endpoint.security_groups"), "{checks:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_regions_are_scanned_in_one_run() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case
        .run(
            &[
                "scan",
                "--region",
                "us-east-1",
                "--region",
                "eu-west-1",
                "--format",
                "json",
            ],
            &[],
        )
        .await;
    let report = run.json();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let regions: Vec<(&str, u64)> = report["summary"]["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["region"].as_str().unwrap(),
                r["endpoints"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(regions, [("us-east-1", 1), ("eu-west-1", 0)]);
    let twice = case
        .run(
            &["scan", "--region", "us-east-1", "--region", "us-east-1"],
            &[],
        )
        .await;
    assert_eq!(twice.code, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_calls_grow_with_resources_not_with_endpoints() {
    let mut profiles = Vec::new();
    for per_vpc in [1, 6] {
        let case = Case::new(json!({"fleet": {"vpcs": 2, "per_vpc": per_vpc}}), |_, r| r).await;
        let run = case
            .run(&["scan", "--format", "json", "--stats"], &[])
            .await;
        let report = run.json();
        assert_eq!(
            report["summary"]["endpoints"],
            1 + 2 * per_vpc,
            "{}",
            run.stderr
        );
        let calls: std::collections::BTreeMap<String, u64> =
            report["summary"]["api_calls"]["by_operation"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(op, s)| (op.clone(), s["calls"].as_u64().unwrap()))
                .collect();
        // One page of endpoints, and the VPCs described together.
        assert_eq!(calls["DescribeVpcEndpoints"], 1);
        assert_eq!(calls["DescribeVpcs"], 1);
        eprintln!(
            "scan of {} endpoints in 3 VPCs: {} API calls, {} ms",
            1 + 2 * per_vpc,
            report["summary"]["api_calls"]["total"],
            report["summary"]["wall_ms"]
        );
        profiles.push(calls);
    }
    assert_eq!(
        profiles[0], profiles[1],
        "five times the endpoints in the same VPCs must not cost one more call of any kind"
    );
}
