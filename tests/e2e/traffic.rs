//! The traffic checks against moto's CloudWatch: datapoints written with boto3 in the right
//! account (tests/e2e/scenario.py `metrics`), read back by the tool in one GetMetricData
//! request per account, and verdicts about what was observed.

use serde_json::{Value, json};

use crate::Case;
use crate::interposer::Fault;

const TRAFFIC: [&str; 5] = [
    "traffic.reaches_endpoint",
    "traffic.endpoint_drops",
    "traffic.resets",
    "traffic.unhealthy_hosts",
    "traffic.port_allocation",
];

fn series(check: &Value) -> Vec<&Value> {
    check["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "series")
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn observed_traffic_passes_with_its_series_read_in_one_request_per_account() {
    let case = Case::new(
        json!({"metrics": {
            "consumer": {"NewConnections": 4, "ActiveConnections": 2, "PacketsDropped": 0,
                         "RstPacketsReceived": 0, "BytesProcessed": 2048},
            "provider": {"HealthyHostCount": 1, "UnHealthyHostCount": 0,
                         "TCP_Target_Reset_Count": 0, "TCP_ELB_Reset_Count": 0,
                         "TCP_Client_Reset_Count": 0, "PortAllocationErrorCount": 0}}}),
        |_, r| r,
    )
    .await;
    let run = case.check(&["--window", "15m"]).await;
    for id in TRAFFIC {
        assert_eq!(run.status(id), "pass", "{id}: {}", run.check(id)["summary"]);
    }
    let reach = run.check("traffic.reaches_endpoint");
    assert!(
        reach["summary"]
            .as_str()
            .unwrap()
            .contains("20 new connections"),
        "{reach}"
    );
    let lines = &series(&reach)[0]["lines"];
    assert_eq!(lines[0]["values"].as_array().unwrap().len(), 15, "{lines}");
    assert_eq!(run.json()["context"]["window_secs"], 900);
    assert!(
        reach["reproduce"]
            .as_str()
            .unwrap()
            .starts_with("aws cloudwatch get-metric-data --start-time "),
        "{reach}"
    );
    let calls = case
        .interposer
        .actions()
        .iter()
        .filter(|a| *a == "GetMetricData")
        .count();
    assert_eq!(calls, 2, "one request per account");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_datapoints_the_traffic_checks_say_no_data_never_zero() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case.check(&[]).await;
    for id in TRAFFIC {
        let c = run.check(id);
        assert_eq!(c["status"], "not_applicable", "{id}: {c}");
        assert!(
            c["summary"].as_str().unwrap().contains("no data"),
            "{id}: {c}"
        );
    }
    // An endpoint nobody used in the window is not a finding: a healthy set-up stays green.
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drops_resets_flapping_and_port_errors_are_observed_and_named() {
    let case = Case::new(
        json!({"metrics": {
            "consumer": {"NewConnections": 10, "PacketsDropped": 3, "RstPacketsReceived": 1},
            "provider": {"HealthyHostCount": 1, "UnHealthyHostCount": 1,
                         "TCP_ELB_Reset_Count": 2, "PortAllocationErrorCount": 4}}}),
        |_, r| r,
    )
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.status("traffic.endpoint_drops"), "warn");
    let resets = run.check("traffic.resets");
    assert_eq!(resets["status"], "warn", "{resets}");
    assert!(
        resets["summary"].as_str().unwrap().contains("keepalives"),
        "{resets}"
    );
    let hosts = run.check("traffic.unhealthy_hosts");
    assert_eq!(hosts["status"], "warn", "{hosts}");
    assert!(
        hosts["summary"].as_str().unwrap().contains("us-east-1a"),
        "{hosts}"
    );
    assert_eq!(run.status("traffic.port_allocation"), "fail");
    // Static checks pass: the observed port errors are the root cause.
    assert!(
        run.root_causes()
            .contains(&"traffic.port_allocation".to_string()),
        "{:?}",
        run.root_causes()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_blocking_the_port_and_no_connections_stay_one_root_cause() {
    let case = Case::new(
        json!({"sg_ports": [8443], "metrics": {"consumer": {"NewConnections": 0}}}),
        |_, r| r,
    )
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.status("endpoint.security_groups"), "fail");
    let reach = run.check("traffic.reaches_endpoint");
    assert_eq!(reach["status"], "warn", "{reach}");
    assert!(
        reach["summary"]
            .as_str()
            .unwrap()
            .contains("traffic never reaches the endpoint in the last 15m"),
        "{reach}"
    );
    assert_eq!(
        run.root_causes(),
        vec!["endpoint.security_groups".to_string()]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_denied_metrics_read_is_unknown_naming_the_action() {
    let case = Case::new(
        json!({"metrics": {"consumer": {"NewConnections": 1}}}),
        |_, r| {
            r.fault(
                "GetMetricData",
                Fault::cbor_error(
                    400,
                    "AccessDenied",
                    "not authorized to perform cloudwatch:GetMetricData",
                ),
            )
        },
    )
    .await;
    let run = case.check(&[]).await;
    for id in TRAFFIC {
        let c = run.check(id);
        assert_eq!(c["status"], "unknown", "{id}: {c}");
        assert!(
            c["summary"]
                .as_str()
                .unwrap()
                .contains("cloudwatch:GetMetricData"),
            "{id}: {c}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_window_is_one_line_and_exit_2() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case.check(&["--window", "3d"]).await;
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("--window"), "{}", run.stderr);
}
