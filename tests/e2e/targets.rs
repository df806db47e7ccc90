//! Starting from the symptom: a DNS name, a URL, an address, an AWS service or an endpoint
//! service, resolved to the endpoint that serves it for the client's VPC (moto for the
//! account, the loopback DNS server answering as the VPC would), and then that endpoint's
//! diagnosis.

use std::net::{IpAddr, Ipv4Addr};

use serde_json::{Value, json};

use crate::harness::Run;
use crate::interposer::Rules;
use crate::{Case, default_records, fixloop};

/// A public address, as public DNS answers for an AWS service name.
const PUBLIC: Ipv4Addr = Ipv4Addr::new(52, 94, 0, 10);

impl Case {
    /// `check TARGET --vpc (the scenario's VPC) --format json`.
    pub async fn check_target(&self, target: &str, extra: &[&str]) -> Run {
        let vpc = self.s.str("vpc_id");
        let mut args = vec!["--vpc", vpc.as_str()];
        args.extend(extra);
        self.run(&["check", target, "--format", "json"], &args)
            .await
    }
}

/// A case whose DNS server answers `orders.corp.example` with the endpoint's addresses, as
/// the VPC's resolver does when a private hosted zone points the name at the endpoint.
async fn zone_case(spec: Value) -> Case {
    Case::with_dns(
        spec,
        |_, r| r,
        |s| {
            let mut records = default_records(s);
            let ips = s.eni_ips().iter().map(|i| i.parse().unwrap()).collect();
            records.push(("orders.corp.example".into(), ips));
            records
        },
    )
    .await
}

impl Case {
    /// The fix loop of `target.resolved` for `target` asked from the scenario's VPC: its
    /// command, pasted, makes the target reach an endpoint.
    async fn fix_target(&self, target: &str) {
        let vpc = self.s.str("vpc_id");
        let extra = ["--vpc", vpc.as_str()];
        fixloop::fix_loop_on(
            self,
            target,
            &extra,
            "target.resolved",
            Rules::new(),
            &[],
            "pass",
        )
        .await;
    }
}

fn target(run: &Run) -> Value {
    run.json()["target"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_served_by_the_endpoints_private_dns_is_that_endpoints_diagnosis() {
    let case = Case::new(json!({}), |_, r| r).await;
    let name = case.s.str("private_dns_name");
    let run = case.check_target(&name, &[]).await;
    let t = target(&run);
    assert_eq!(t["asked"], name.as_str(), "{t}");
    assert_eq!(t["kind"], "dns_name");
    assert_eq!(t["endpoint_id"], case.endpoint().as_str(), "{t}");
    assert_eq!(t["path"], "private DNS", "{t} {}", run.stderr);
    assert_eq!(
        run.status("target.resolved"),
        "pass",
        "{}",
        run.check("target.resolved")
    );
    // The rest is the endpoint's own diagnosis, as if it had been asked by id.
    assert_eq!(run.status("endpoint.found"), "pass");
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    // The text header says what was asked and what it resolved to.
    let text = case
        .run(
            &["check", &name, "--format", "text"],
            &["--vpc", &case.s.str("vpc_id")],
        )
        .await;
    let first = text.stdout.lines().next().unwrap_or_default().to_string();
    assert!(
        first.contains(&format!("{name} → {} (private DNS)", case.endpoint())),
        "{first}"
    );
    // A URL names the same host, and its port becomes the clients' port.
    let url = format!("https://{name}:8443/health");
    let run = case.check_target(&url, &[]).await;
    let t = target(&run);
    assert_eq!(t["kind"], "url");
    assert_eq!(t["endpoint_id"], case.endpoint().as_str(), "{t}");
    assert!(
        run.check("endpoint.security_groups")
            .to_string()
            .contains("8443"),
        "{}",
        run.check("endpoint.security_groups")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_a_private_hosted_zone_points_at_the_endpoint_resolves_through_the_zone() {
    let spec = json!({
        "phz": "corp.example",
        "phz_records": [{"name": "orders.corp.example", "type": "CNAME"}],
    });
    let case = zone_case(spec).await;
    let run = case.check_target("orders.corp.example", &[]).await;
    let t = target(&run);
    assert_eq!(t["endpoint_id"], case.endpoint().as_str(), "{t}");
    let path = t["path"].as_str().unwrap_or_default();
    assert!(
        path.starts_with("private hosted zone corp.example") && path.contains("CNAME"),
        "{t}"
    );
    assert_eq!(run.status("target.resolved"), "pass");
    // A runbook starts from the name as well, and walks the endpoint it reached.
    let vpc = case.s.str("vpc_id");
    let book = case
        .run(
            &[
                "runbook",
                "endpoint-unreachable",
                "orders.corp.example",
                "--format",
                "markdown",
            ],
            &["--vpc", &vpc],
        )
        .await;
    assert!(
        book.stdout.contains(&case.endpoint()),
        "{}\n{}",
        book.stdout,
        book.stderr
    );
    // Recorded and replayed offline, the same name resolves the same way with no call.
    let snap = case.env.path("orders.snapshot.json");
    let saved = case
        .check_target("orders.corp.example", &["--save-snapshot", &snap])
        .await;
    assert_eq!(saved.code, run.code, "{}", saved.stderr);
    let replay = crate::harness::run_plain(
        &[
            "check",
            "orders.corp.example",
            "--from-snapshot",
            &snap,
            "--format",
            "json",
        ],
        &[],
    );
    let again = replay.json();
    assert_eq!(again["target"], t, "{}", replay.stderr);
    assert_eq!(again["api_calls"]["total"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_central_endpoint_in_a_hub_vpc_serves_a_spoke_through_its_private_hosted_zone() {
    // The endpoint lives in the hub VPC with private DNS off; the spoke's clients reach it
    // through a zone associated with the spoke. Not "no endpoint in the spoke".
    let spec = json!({
        "private_dns_enabled": false,
        "phz": "corp.example",
        "phz_in_spoke": true,
        "phz_records": [{"name": "orders.corp.example", "type": "CNAME"}],
    });
    let case = zone_case(spec).await;
    let spoke = case.s.str("spoke_vpc_id");
    let run = case
        .run(
            &["check", "orders.corp.example", "--format", "json"],
            &["--vpc", &spoke],
        )
        .await;
    let t = target(&run);
    assert_eq!(t["endpoint_id"], case.endpoint().as_str(), "{t}");
    assert_eq!(
        run.status("target.resolved"),
        "pass",
        "{}",
        run.check("target.resolved")
    );
    assert!(
        t["path"]
            .as_str()
            .unwrap_or_default()
            .starts_with("private hosted zone corp.example"),
        "{t}"
    ); // The hub endpoint's own name reaches it from the spoke too.
    let own = case.s.dns_names()[0].clone();
    let run = case
        .run(&["check", &own, "--format", "json"], &["--vpc", &spoke])
        .await;
    let t = target(&run);
    assert_eq!(t["endpoint_id"], case.endpoint().as_str(), "{t}");
    assert_eq!(t["path"], "endpoint DNS name", "{t}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_aws_name_with_no_endpoint_names_the_nat_path_and_the_endpoint_to_create() {
    let name = "sts.us-east-1.amazonaws.com";
    let case = Case::with_dns(
        json!({"nat": true}),
        |_, r| r,
        |s| {
            let mut records = default_records(s);
            records.push((name.into(), vec![PUBLIC]));
            records
        },
    )
    .await;
    let run = case.check_target(name, &[]).await;
    let t = target(&run);
    assert_eq!(t["endpoint_id"], Value::Null, "{t}");
    assert_eq!(run.status("target.resolved"), "fail");
    assert_eq!(run.root_causes(), vec!["target.resolved".to_string()]);
    let verdict = run.check("target.resolved").to_string();
    assert!(verdict.contains(&case.s.str("nat_id")), "{verdict}");
    assert!(verdict.contains("52.94.0.10"), "{verdict}");
    // Nothing else is judged: there is no endpoint to judge.
    assert_eq!(run.status("endpoint.found"), "blocked");
    assert_eq!(run.code, 1);
    let command = run.commands("target.resolved");
    assert!(
        command.contains("--service-name com.amazonaws.us-east-1.sts")
            && command.contains("--vpc-endpoint-type Interface")
            && command.contains("--private-dns-enabled"),
        "{command}"
    );
    // The text report leads with what was asked and where it went.
    let text = case
        .run(
            &["check", name, "--format", "text"],
            &["--vpc", &case.s.str("vpc_id")],
        )
        .await;
    println!("{}", text.stdout);
    assert!(
        text.stdout
            .lines()
            .next()
            .unwrap_or_default()
            .contains(&format!("{name} → no endpoint")),
        "{}",
        text.stdout
    );
    // The endpoint's checks, all blocked by the missing endpoint, are one line.
    assert!(
        text.stdout
            .contains("checks of the endpoint's diagnosis: no endpoint serves the target")
            && !text.stdout.contains("BLOCKED endpoint.found"),
        "{}",
        text.stdout
    );
    // The command, pasted, creates the endpoint that then serves the name.
    case.fix_target(name).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_of_an_endpoint_interface_maps_to_its_endpoint() {
    let case = Case::new(json!({}), |_, r| r).await;
    let ip = case.s.eni_ips()[0].clone();
    let run = case.check_target(&format!("{ip}:443"), &[]).await;
    let t = target(&run);
    assert_eq!(t["kind"], "ip");
    assert_eq!(t["endpoint_id"], case.endpoint().as_str(), "{t}");
    assert_eq!(t["path"], "endpoint interface address", "{t}");
    // An address of nothing is a finding about the system, not bad input.
    let run = case.check_target("10.99.99.99", &[]).await;
    assert_eq!(run.status("target.resolved"), "fail");
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_by_service_name_is_the_gateway_endpoint_when_there_is_one() {
    let case = Case::new(json!({"kind": "gateway"}), |_, r| r).await;
    let run = case.check_target("s3", &[]).await;
    let t = target(&run);
    assert_eq!(t["kind"], "service_name");
    assert_eq!(t["endpoint_id"], case.endpoint().as_str(), "{t}");
    assert_eq!(run.status("gateway.route_tables"), "pass");
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_without_a_gateway_endpoint_gets_one_created_on_the_route_tables() {
    let case = Case::new(json!({"nat": true}), |_, r| r).await;
    let run = case.check_target("s3", &[]).await;
    let text = case
        .run(
            &["check", "s3", "--format", "text"],
            &["--vpc", &case.s.str("vpc_id")],
        )
        .await;
    println!("{}", text.stdout);
    assert_eq!(target(&run)["endpoint_id"], Value::Null);
    assert_eq!(run.status("target.resolved"), "fail");
    let command = run.commands("target.resolved");
    assert!(
        command.contains("--vpc-endpoint-type Gateway")
            && command.contains(&case.s.str("main_route_table_id")),
        "{command}"
    );
    case.fix_target("s3").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_service_id_is_the_clients_endpoint_of_it() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case.check_target(&case.s.str("service_id"), &[]).await;
    let t = target(&run);
    assert_eq!(t["kind"], "endpoint_service");
    assert_eq!(t["endpoint_id"], case.endpoint().as_str(), "{t}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_that_resolves_nowhere_is_a_finding_and_a_hostless_url_is_bad_input() {
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case.check_target("nothing.corp.invalid", &[]).await;
    assert_eq!(run.status("target.resolved"), "fail");
    assert!(
        run.check("target.resolved")["summary"]
            .as_str()
            .unwrap()
            .contains("resolves nowhere"),
        "{}",
        run.check("target.resolved")
    );
    for bad in [
        "https://",
        "https:///path",
        "10.0.0.1:0",
        "i-0123456789abcdef0",
    ] {
        let run = case.run(&["check", bad], &[]).await;
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert_eq!(
            run.stderr.trim().lines().count(),
            1,
            "{bad}: {}",
            run.stderr
        );
    }
    let _ = IpAddr::from(PUBLIC);
}
