//! VPC flow logs as observed evidence: `traffic.flow_log_rejects` and the REJECT rows on the
//! security-group check. moto 5.2.5 creates and describes flow logs (DeliverLogsStatus
//! `FAILED` when the log group does not exist), starts a Logs Insights query and answers
//! `GetQueryResults` with `Complete`, but its flow logs hold no records and it neither
//! discovers flow-log fields nor runs `stats` (a `stats … by` query answers `@ptr`-only rows):
//! the interposer answers the REJECT rows moto cannot.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::Case;
use crate::harness::Run;
use crate::interposer::Fault;

/// Logs Insights' answer: one group of REJECTs per row.
fn query_results(rows: &[(&str, &str, &str, &str, u64)]) -> String {
    let results: Vec<Value> = rows
        .iter()
        .map(|(src, dst, port, eni, n)| {
            json!([
                {"field": "srcAddr", "value": src},
                {"field": "dstAddr", "value": dst},
                {"field": "dstPort", "value": port},
                {"field": "interfaceId", "value": eni},
                {"field": "rejects", "value": n.to_string()},
            ])
        })
        .collect();
    json!({"status": "Complete", "results": results, "statistics": {"recordsMatched": 1.0}})
        .to_string()
}

fn evidence<'a>(check: &'a Value, title_starts: &str) -> Option<&'a Value> {
    check["evidence"].as_array()?.iter().find(|e| {
        e["title"]
            .as_str()
            .is_some_and(|t| t.starts_with(title_starts))
    })
}

fn field(check: &Value, name: &str) -> String {
    check["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .and_then(|e| e["value"].as_str())
        .unwrap_or_default()
        .to_string()
}

fn summary(run: &Run, id: &str) -> String {
    run.check(id)["summary"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejects_of_the_client_are_evidence_on_the_sg_check_and_fail_the_flow_log_check() {
    let query = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = query.clone();
    // The endpoint's group admits TCP 22 only: the client's 443 is rejected, which the
    // interposer's flow-log rows show (moto's logs hold no records).
    let case = Case::new(
        json!({"sg_ports": [22], "flow_logs": {"on": "enis"}}),
        move |s, r| {
            let eni_ip = s.eni_ips()[0].clone();
            let body = query_results(&[("10.10.1.5", &eni_ip, "443", "eni-0f10e1", 12)]);
            r.respond_if("StartQuery", move |form| {
                seen.lock()
                    .unwrap()
                    .push(form.get("queryString").cloned().unwrap_or_default());
                None
            })
            .respond("GetQueryResults", move |_| (200, body.clone()))
        },
    )
    .await;
    let run = case.check(&["--from", "10.10.1.5"]).await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    let sg = run.check("endpoint.security_groups");
    assert_eq!(sg["status"], "fail", "{sg}");
    let table = evidence(&sg, "flow logs: rejected in the last 15 minutes")
        .unwrap_or_else(|| panic!("no REJECT evidence on the SG check: {sg}"));
    assert_eq!(
        table["columns"],
        json!(["source", "destination", "port", "interface", "rejects"])
    );
    assert_eq!(table["rows"][0][0], "10.10.1.5");
    assert_eq!(table["rows"][0][2], "443");
    assert_eq!(table["rows"][0][4], "12");
    let flows = run.check("traffic.flow_log_rejects");
    assert_eq!(flows["status"], "fail", "{flows}");
    assert!(
        summary(&run, "traffic.flow_log_rejects").contains("12 REJECTs to or from 10.10.1.5/32"),
        "{flows}"
    );
    assert!(field(&flows, "window").starts_with("the last 15 minutes ("));
    // One problem, one root cause: the rule reading, not the rejections it causes.
    let causes = run.root_causes();
    assert!(
        causes.contains(&"endpoint.security_groups".to_string()),
        "{causes:?}"
    );
    assert!(
        !causes.contains(&"traffic.flow_log_rejects".to_string()),
        "{causes:?}"
    );
    // One query for the run (memoised across the three checks), narrowed to the ENIs and
    // the client.
    let queries = query.lock().unwrap().clone();
    assert_eq!(queries.len(), 1, "{queries:?}");
    assert!(queries[0].contains("filter action = \"REJECT\" and interfaceId in [\"eni-"));
    assert!(
        queries[0].contains("isIpInSubnet(srcAddr, \"10.10.1.5/32\")"),
        "{}",
        queries[0]
    );
    let actions = case.interposer.actions();
    assert_eq!(actions.iter().filter(|a| *a == "StartQuery").count(), 1);
    eprintln!("{}", serde_json::to_string_pretty(&flows).unwrap());

    // A fleet scan reads the flow logs in one batch and runs no query.
    let before = case.interposer.actions().len();
    let scan = case.run(&["scan", "--format", "json"], &[]).await;
    let sent = &case.interposer.actions()[before..];
    assert!(
        !sent.iter().any(|a| a == "StartQuery"),
        "{sent:?}\n{}",
        scan.stderr
    );
    assert_eq!(
        sent.iter().filter(|a| *a == "DescribeFlowLogs").count(),
        1,
        "{sent:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flow_logs_without_rejects_pass_and_the_endpoint_stays_healthy() {
    // moto answers the query itself: Complete, no rows (its logs hold no records).
    let case = Case::new(json!({"flow_logs": {}}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.status("traffic.flow_log_rejects"), "pass");
    assert!(summary(&run, "traffic.flow_log_rejects").starts_with("no REJECT in the flow logs"));
    let sg = run.check("endpoint.security_groups");
    assert_eq!(sg["status"], "pass");
    assert!(
        field(&sg, "flow logs").starts_with("no REJECT seen in the last 15 minutes"),
        "{sg}"
    );
    let actions = case.interposer.actions();
    assert!(
        actions.iter().any(|a| a == "StartQuery") && actions.iter().any(|a| a == "GetQueryResults")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_flow_logs_is_said_with_the_read_only_way_to_look_later() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let flows = run.check("traffic.flow_log_rejects");
    assert_eq!(flows["status"], "not_applicable", "{flows}");
    assert!(summary(&run, "traffic.flow_log_rejects").contains("never creates flow logs"));
    assert!(
        field(&flows, "look later (read-only)")
            .starts_with("aws ec2 describe-flow-logs --filter Name=resource-id,Values=")
    );
    let later = flows["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|e| {
            e["value"]
                .as_str()
                .filter(|v| v.starts_with("aws logs start-query"))
        })
        .unwrap_or_else(|| panic!("{flows}"))
        .to_string();
    assert!(later.contains("--profile consumer --region"), "{later}");
    // No flow logs: no evidence on the SG check, and no query.
    assert!(field(&run.check("endpoint.security_groups"), "flow logs").is_empty());
    assert!(!case.interposer.actions().iter().any(|a| a == "StartQuery"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flow_log_whose_delivery_failed_holds_nothing() {
    // moto: DeliverLogsStatus FAILED when the log group does not exist.
    let case = Case::new(json!({"flow_logs": {"create_group": false}}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let flows = run.check("traffic.flow_log_rejects");
    assert_eq!(flows["status"], "advice", "{flows}");
    let text = summary(&run, "traffic.flow_log_rejects");
    assert!(
        text.contains("delivery FAILED") && text.contains("the log holds nothing"),
        "{text}"
    );
    assert!(!case.interposer.actions().iter().any(|a| a == "StartQuery"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_denied_on_start_query_is_unknown_naming_the_action() {
    let case = Case::new(json!({"flow_logs": {}}), |_, r| {
        r.fault(
            "StartQuery",
            Fault::json_error(
                400,
                "AccessDeniedException",
                "not authorized to perform logs:StartQuery",
            ),
        )
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    let text = summary(&run, "traffic.flow_log_rejects");
    assert_eq!(run.status("traffic.flow_log_rejects"), "unknown");
    assert!(text.contains("logs:StartQuery"), "{text}");
    // The static verdicts stand, without flow-log evidence.
    assert_eq!(run.status("endpoint.security_groups"), "pass");
    assert!(field(&run.check("endpoint.security_groups"), "flow logs").is_empty());
}
