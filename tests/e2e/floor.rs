//! The fleet at the API floor: a scan describes its services in batches of names
//! (DescribeVpcEndpointServices once per 100 distinct services, not once per service), falls
//! back when a name is unknown, and writes its JSON from a spool without changing a byte of
//! what the report says.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::Case;

fn calls(report: &Value) -> BTreeMap<String, u64> {
    report["summary"]["api_calls"]["by_operation"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(op, s)| (op.clone(), s["calls"].as_u64().unwrap()))
        .collect()
}

/// Each check's status in one endpoint's report of a scan.
fn statuses(report: &Value, endpoint: &str) -> BTreeMap<String, String> {
    let e = report["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["endpoint"] == endpoint)
        .unwrap_or_else(|| panic!("{endpoint} not in the scan"));
    check_statuses(&e["report"])
}

/// Each check's status in a report.
fn check_statuses(report: &Value) -> BTreeMap<String, String> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const SERVICES: [&str; 6] = ["lambda", "sqs", "sns", "kms", "ssm", "logs"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn services_are_described_in_one_call_and_an_unknown_name_falls_back() {
    let case = Case::new(
        json!({"fleet": {"vpcs": 2, "per_vpc": 6, "services": SERVICES}}),
        |_, r| r,
    )
    .await;
    let vpcs = case.s.out["fleet_vpcs"].as_array().unwrap();
    // The fleet's own VPC: six endpoints to six AWS services, one call.
    let vpc = vpcs[0].as_str().unwrap();
    let run = case
        .run(
            &[
                "scan",
                "--format",
                "json",
                "--filter",
                &format!("vpc-id={vpc}"),
            ],
            &[],
        )
        .await;
    let report = run.json();
    assert_eq!(report["summary"]["endpoints"], 6, "{}", run.stderr);
    assert_eq!(calls(&report)["DescribeVpcEndpointServices"], 1);
    for e in report["endpoints"].as_array().unwrap() {
        let checks = statuses(&report, e["endpoint"].as_str().unwrap());
        assert!(
            checks.values().all(|s| s != "unknown"),
            "a seeded service answers every check: {checks:?}"
        );
    }

    // Everything: the scenario's endpoint goes to the provider's service, which moto does not
    // show the consumer (InvalidServiceName fails the whole batch and names it): it is set
    // aside as not offered and the six AWS services are asked again, two calls in all
    // instead of seven.
    let run = case.run(&["scan", "--format", "json"], &[]).await;
    let report = run.json();
    assert_eq!(report["summary"]["endpoints"], 13, "{}", run.stderr);
    let by_op = calls(&report);
    assert_eq!(by_op["DescribeVpcEndpointServices"], 2, "{by_op:?}");
    // The endpoint whose service was not offered is judged as its own `check` judges it
    // with the single call.
    let single = case.check(&[]).await;
    let alone = check_statuses(&single.json());
    let in_scan = statuses(&report, &case.endpoint());
    let compared = alone
        .iter()
        .filter(|(id, _)| id.starts_with("service.") || *id == "endpoint.state")
        .inspect(|(id, status)| {
            assert_eq!(
                in_scan.get(*id),
                Some(*status),
                "{id}: {in_scan:?} vs {alone:?}"
            );
        })
        .count();
    assert!(compared >= 3, "{alone:?}");
}

/// What changes from run to run (times, call counts, the command line).
fn steady(mut v: Value) -> Value {
    fn strip(v: &mut Value) {
        if let Some(o) = v.as_object_mut() {
            for key in [
                "generated_at",
                "wall_ms",
                "duration_ms",
                "api_calls",
                "timings",
                "command_line",
            ] {
                o.remove(key);
            }
            for (_, x) in o.iter_mut() {
                strip(x);
            }
        } else if let Some(a) = v.as_array_mut() {
            for x in a {
                strip(x);
            }
        }
    }
    strip(&mut v);
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_streamed_fleet_json_says_what_the_whole_report_said() {
    let case = Case::new(
        json!({"fleet": {"vpcs": 1, "per_vpc": 3, "services": SERVICES}}),
        |_, r| r,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    // With JUnit among the formats every entry is held whole (JUnit reads every check):
    // the report as it was written before the spool.
    let whole = case
        .run(
            &["scan", "--format", "json,junit", "--output-dir", out],
            &[],
        )
        .await;
    // (Endpoints to AWS services with private DNS off fail endpoint.private_dns_enabled.)
    let code = whole.code;
    assert!(matches!(code, 0 | 1), "{}", whole.stderr);
    let whole: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("vpce-doctor-scan.json")).unwrap(),
    )
    .unwrap();
    // JSON alone, to a file and to standard output: from the spool.
    let file = dir.path().join("streamed.json");
    let run = case
        .run(
            &[
                "scan",
                "--format",
                "json",
                "--output",
                file.to_str().unwrap(),
            ],
            &[],
        )
        .await;
    assert_eq!(run.code, code, "{}", run.stderr);
    let text = std::fs::read_to_string(&file).unwrap();
    let streamed = crate::harness::Run {
        code: 0,
        stdout: text,
        stderr: String::new(),
    }
    .json();
    let stdout = case.run(&["scan", "--format", "json"], &[]).await.json();
    assert_eq!(streamed["summary"]["endpoints"], 4);
    let differ = differences(&steady(whole), &steady(streamed.clone()), "");
    assert!(differ.is_empty(), "{differ:#?}");
    let differ = differences(&steady(streamed), &steady(stdout), "");
    assert!(differ.is_empty(), "{differ:#?}");
}

/// Where two JSON values differ (JSON pointers, with both sides, shortened).
fn differences(a: &Value, b: &Value, at: &str) -> Vec<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter()
                .flat_map(|k| {
                    differences(
                        x.get(k).unwrap_or(&Value::Null),
                        y.get(k).unwrap_or(&Value::Null),
                        &format!("{at}/{k}"),
                    )
                })
                .collect()
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .flat_map(|(i, (x, y))| differences(x, y, &format!("{at}/{i}")))
            .collect(),
        _ if a == b => Vec::new(),
        _ => {
            let short = |v: &Value| v.to_string().chars().take(200).collect::<String>();
            vec![format!("{at}: {} vs {}", short(a), short(b))]
        }
    }
}
