//! Record/replay: a snapshot saved live replays offline with identical verdicts.

use serde_json::json;

use crate::Case;
use crate::harness::run_plain;

fn verdicts(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
                c["summary"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snapshot_replays_offline_with_identical_verdicts() {
    let case = Case::new(json!({"sg_ports": [22]}), |s, r| {
        r.replace(
            "DescribeTargetHealth",
            "<State>healthy</State>",
            "<State>unhealthy</State><Reason>Target.FailedHealthChecks</Reason>",
        )
        .connections(
            &s.str("service_id"),
            &s.endpoint_id(),
            &s.consumer,
            "available",
        )
    })
    .await;
    let snap = case.env.path("incident.json");
    let live = case.check(&["--save-snapshot", &snap]).await;
    assert_eq!(live.code, 1);
    let ep = case.endpoint();
    // No credentials, an endpoint URL that points nowhere, no DNS server: nothing to reach.
    let replay = run_plain(
        &["check", &ep, "--from-snapshot", &snap, "--format", "json"],
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ],
    );
    assert_eq!(replay.code, live.code, "{}", replay.stderr);
    assert_eq!(verdicts(&replay.json()), verdicts(&live.json()));
    assert_eq!(replay.json()["root_causes"], live.json()["root_causes"]);
    assert_eq!(replay.json()["api_calls"]["total"], 0);
    assert!(
        replay.json()["context"]["source"]
            .as_str()
            .unwrap()
            .starts_with("snapshot:")
    );
    assert_eq!(
        replay.json()["context"]["consumer_account"],
        case.s.consumer
    );

    let text: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&snap).unwrap()).unwrap();
    assert_eq!(text["snapshot_version"], 1);
    assert!(
        text["facts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["key"]["fact"] == "dns")
    );

    let other = run_plain(
        &["check", "vpce-0123456789abcdef0", "--from-snapshot", &snap],
        &[],
    );
    assert_eq!(other.code, 2);
    assert!(other.stderr.contains("is a diagnosis of"));
}
