//! Faults the tool must survive, each injected on loopback: by the interposer between the
//! tool and moto (throttling, hangs, resets, 5xx, denials, malformed and unknown answers) or
//! by tiny DNS responders (silence, SERVFAIL, truncation). Each test prints its row of the
//! fault matrix (`FAULT-MATRIX | …`, see with --nocapture): what the tool did, measured.
//! Also here: the suite-wide read-only proof, hostile data, secrets in artifacts, region
//! and credential errors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::Case;
use crate::harness::{Run, run_plain};
use crate::interposer::Fault;

/// No run may take longer than this, whatever the fault: a hang must never hang the suite.
const BOUND: Duration = Duration::from_secs(60);

/// Each check's status.
fn statuses(run: &Run) -> BTreeMap<String, String> {
    run.json()["checks"]
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

fn with_status(run: &Run, status: &str) -> BTreeSet<String> {
    statuses(run)
        .into_iter()
        .filter(|(_, s)| s == status)
        .map(|(id, _)| id)
        .collect()
}

fn summary(run: &Run, id: &str) -> String {
    run.check(id)["summary"].as_str().unwrap().to_string()
}

fn retries(run: &Run, op: &str) -> u64 {
    run.json()["api_calls"]["by_operation"][op]["retries"]
        .as_u64()
        .unwrap_or_else(|| panic!("no --stats for {op}: {}", run.json()["api_calls"]))
}

fn calls(run: &Run, op: &str) -> u64 {
    run.json()["api_calls"]["by_operation"][op]["calls"]
        .as_u64()
        .unwrap_or(0)
}

/// `check` with --stats (and `extra`), timed; never longer than [`BOUND`].
async fn timed(case: &Case, extra: &[&str]) -> (Run, Duration) {
    let mut args = vec!["--stats"];
    args.extend(extra);
    let started = Instant::now();
    let run = case.check(&args).await;
    let wall = started.elapsed();
    assert!(
        wall < BOUND,
        "the run took {wall:?}: a fault must not hang the tool"
    );
    assert!(
        !run.stderr.contains("panicked"),
        "the tool panicked: {}",
        run.stderr
    );
    (run, wall)
}

/// Print one row of the fault matrix.
fn matrix(fault: &str, op: &str, run: &Run, wall: Duration, shown: &str) {
    let unknown = with_status(run, "unknown");
    let failed = with_status(run, "fail");
    let retries = match &run.json()["api_calls"]["by_operation"][op]["retries"] {
        Value::Null => "n/a".to_string(),
        n => n.to_string(),
    };
    eprintln!(
        "FAULT-MATRIX | {fault} | {op} | unknown: [{}] fail: [{}] | {} | exit {} | retries {retries} | {:.1}s",
        unknown.into_iter().collect::<Vec<_>>().join(", "),
        failed.into_iter().collect::<Vec<_>>().join(", "),
        shown,
        run.code,
        wall.as_secs_f64()
    );
}

/// Every check that is not in `affected` is as on a healthy endpoint (which passes, with
/// advice for its single zone): one bad operation must not spoil the rest.
fn rest_is_healthy(run: &Run, affected: &BTreeSet<String>) {
    for (id, status) in statuses(run) {
        if !affected.contains(&id) {
            // A single subnet and a full-access policy are posture advice on this set-up.
            let healthy = if id == "endpoint.subnets" || id == "gateway.policy" {
                "advice"
            } else {
                "pass"
            };
            assert!(
                status == healthy || status == "not_applicable",
                "{id} is {status} though it does not need the faulty call: {}",
                run.check(&id)
            );
        }
    }
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(ToString::to_string).collect()
}

// ---------------------------------------------------------------------------------------
// Throttling

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn elbv2_throttling_is_retried_and_the_diagnosis_completes() {
    let case = Case::new(json!({}), |_, r| {
        r.fault_times(
            "DescribeTargetHealth",
            Fault::elb_error(400, "Throttling", "Rate exceeded"),
            2,
        )
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    matrix(
        "Throttling (ELBv2, 400) ×2",
        "DescribeTargetHealth",
        &run,
        wall,
        &summary(&run, "nlb.target_health"),
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.status("nlb.target_health"), "pass");
    assert_eq!(retries(&run, "DescribeTargetHealth"), 2);
    assert_eq!(retries(&run, "DescribeLoadBalancers"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_that_never_stops_is_unknown_after_the_retries() {
    let case = Case::new(json!({}), |_, r| {
        r.fault(
            "DescribeSecurityGroups",
            Fault::ec2_error(503, "RequestLimitExceeded", "Request limit exceeded."),
        )
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    let s = summary(&run, "endpoint.security_groups");
    matrix(
        "RequestLimitExceeded (EC2, 503) always",
        "DescribeSecurityGroups",
        &run,
        wall,
        &s,
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(run.status("endpoint.security_groups"), "unknown");
    assert!(
        s.contains("DescribeSecurityGroups was throttled (RequestLimitExceeded) after retries"),
        "{s}"
    );
    // Both accounts' groups are read (the endpoint's and the targets'): 4 attempts each.
    assert_eq!(calls(&run, "DescribeSecurityGroups"), 2);
    assert_eq!(retries(&run, "DescribeSecurityGroups"), 6);
    assert_eq!(
        with_status(&run, "unknown"),
        set(&["endpoint.security_groups", "targets.security_groups"])
    );
    rest_is_healthy(&run, &with_status(&run, "unknown"));
}

// ---------------------------------------------------------------------------------------
// Slow and hung calls

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_answer_within_the_timeout_is_waited_for() {
    let case = Case::new(json!({}), |_, r| {
        r.fault(
            "DescribeSecurityGroups",
            Fault::Delay(Duration::from_millis(1500)),
        )
    })
    .await;
    let (run, wall) = timed(&case, &["--timeout", "3"]).await;
    matrix(
        "delay 1.5 s (--timeout 3)",
        "DescribeSecurityGroups",
        &run,
        wall,
        &summary(&run, "endpoint.security_groups"),
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(retries(&run, "DescribeSecurityGroups"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_call_makes_only_its_checks_unknown_and_says_how_long_it_waited() {
    let case = Case::new(json!({}), |_, r| {
        r.fault("DescribeTargetHealth", Fault::Hang)
    })
    .await;
    let (run, wall) = timed(&case, &["--timeout", "2"]).await;
    let s = summary(&run, "nlb.target_health");
    matrix("hang (--timeout 2)", "DescribeTargetHealth", &run, wall, &s);
    eprintln!(
        "hung DescribeTargetHealth: the whole diagnosis took {:.1} s with --timeout 2 (3 attempts of 2 s)",
        wall.as_secs_f64()
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    // The checks that read target health, and no other.
    let affected = set(&[
        "nlb.target_health",
        "nlb.zonal_health",
        "targets.security_groups",
    ]);
    assert_eq!(with_status(&run, "unknown"), affected);
    for id in &affected {
        let s = summary(&run, id);
        assert!(
            s.contains("timed out after 6s calling DescribeTargetHealth"),
            "{id}: {s}"
        );
    }
    rest_is_healthy(&run, &affected);
    // The per-operation budget is 3 × --timeout; everything else runs alongside it.
    assert!(wall < Duration::from_secs(30), "{wall:?}");
}

// ---------------------------------------------------------------------------------------
// Missing permissions

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_denied_on_a_provider_call_names_the_action_and_the_account() {
    let case = Case::new(json!({}), |_, r| {
        r.fault(
            "DescribeLoadBalancers",
            Fault::elb_error(
                403,
                "AccessDenied",
                "User is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers",
            ),
        )
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    let s = summary(&run, "nlb.state");
    matrix(
        "AccessDenied (ELBv2, 403)",
        "DescribeLoadBalancers",
        &run,
        wall,
        &s,
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    let unknown = with_status(&run, "unknown");
    assert!(unknown.contains("nlb.state"), "{unknown:?}");
    for id in &unknown {
        let s = summary(&run, id);
        assert!(
            s.contains("needs elasticloadbalancing:DescribeLoadBalancers in the provider account")
                && s.contains(&case.s.provider)
                && s.contains("(profile provider)"),
            "{id}: {s}"
        );
    }
    rest_is_healthy(&run, &unknown);
    // A denial is an answer: no retries.
    assert_eq!(retries(&run, "DescribeLoadBalancers"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_denied_on_a_consumer_call_names_the_action_and_the_account() {
    let case = Case::new(json!({}), |_, r| {
        r.fault(
            "DescribeSecurityGroups",
            Fault::ec2_error(
                403,
                "UnauthorizedOperation",
                "You are not authorized to perform this operation.",
            ),
        )
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    let s = summary(&run, "endpoint.security_groups");
    matrix(
        "UnauthorizedOperation (EC2, 403)",
        "DescribeSecurityGroups",
        &run,
        wall,
        &s,
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(
        with_status(&run, "unknown"),
        set(&["endpoint.security_groups", "targets.security_groups"])
    );
    assert!(
        s.contains("needs ec2:DescribeSecurityGroups in the consumer account")
            && s.contains(&case.s.consumer)
            && s.contains("(profile consumer)"),
        "{s}"
    );
    let t = summary(&run, "targets.security_groups");
    assert!(
        t.contains("needs ec2:DescribeSecurityGroups in the provider account")
            && t.contains(&case.s.provider),
        "{t}"
    );
    rest_is_healthy(&run, &with_status(&run, "unknown"));
}

// ---------------------------------------------------------------------------------------
// Server errors and resets: retried, then unknown with the reason

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_retried_then_unknown_with_the_reason() {
    for (name, fault, expect) in [
        (
            "HTTP 500, EC2 error body",
            Fault::ec2_error(500, "InternalError", "An internal error has occurred"),
            "InternalError",
        ),
        (
            "HTTP 503, EC2 error body",
            Fault::ec2_error(503, "Unavailable", "The service is unavailable"),
            "Unavailable",
        ),
        ("HTTP 503, HTML page", Fault::html(503), "HTTP 503"),
        ("HTTP 500, HTML page", Fault::html(500), "HTTP 500"),
    ] {
        let case = Case::new(json!({}), move |_, r| {
            r.fault("DescribeNetworkAcls", fault.clone())
        })
        .await;
        let (run, wall) = timed(&case, &[]).await;
        let s = summary(&run, "endpoint.nacls");
        matrix(name, "DescribeNetworkAcls", &run, wall, &s);
        assert_eq!(run.code, 3, "{name}: {}", run.stderr);
        assert_eq!(
            with_status(&run, "unknown"),
            set(&["endpoint.nacls"]),
            "{name}"
        );
        assert!(s.contains(expect), "{name}: {s}");
        assert_eq!(retries(&run, "DescribeNetworkAcls"), 3, "{name}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transient_503_is_retried_and_the_diagnosis_completes() {
    let case = Case::new(json!({}), |_, r| {
        r.fault_times("DescribeNetworkAcls", Fault::html(503), 2)
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    matrix(
        "HTTP 503 HTML ×2",
        "DescribeNetworkAcls",
        &run,
        wall,
        &summary(&run, "endpoint.nacls"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(retries(&run, "DescribeNetworkAcls"), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_resets_are_retried_then_unknown() {
    let case = Case::new(json!({}), |_, r| {
        r.fault("DescribeNetworkAcls", Fault::Reset)
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    let s = summary(&run, "endpoint.nacls");
    matrix(
        "connection reset (RST)",
        "DescribeNetworkAcls",
        &run,
        wall,
        &s,
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(with_status(&run, "unknown"), set(&["endpoint.nacls"]));
    assert_eq!(retries(&run, "DescribeNetworkAcls"), 3);
    assert!(s.contains("DescribeNetworkAcls failed"), "{s}");

    let case = Case::new(json!({}), |_, r| {
        r.fault_times("DescribeNetworkAcls", Fault::Reset, 1)
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    matrix(
        "connection reset ×1",
        "DescribeNetworkAcls",
        &run,
        wall,
        &summary(&run, "endpoint.nacls"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(retries(&run, "DescribeNetworkAcls"), 1);
}

// ---------------------------------------------------------------------------------------
// Malformed answers and values the SDK does not know

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_answers_are_unknown_with_a_readable_reason() {
    for (name, fault) in [
        ("truncated XML", Fault::truncated()),
        ("garbage instead of XML", Fault::garbage()),
    ] {
        let case = Case::new(json!({}), move |_, r| {
            r.fault("DescribeNetworkAcls", fault.clone())
        })
        .await;
        let (run, wall) = timed(&case, &[]).await;
        let s = summary(&run, "endpoint.nacls");
        matrix(name, "DescribeNetworkAcls", &run, wall, &s);
        assert_eq!(run.code, 3, "{name}: {}", run.stderr);
        assert_eq!(
            with_status(&run, "unknown"),
            set(&["endpoint.nacls"]),
            "{name}"
        );
        assert!(
            s.contains("DescribeNetworkAcls failed: unreadable answer")
                && !s.contains("ServiceError(")
                && !s.chars().any(char::is_control),
            "{name}: {s}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enum_values_the_sdk_does_not_know_are_shown_raw_and_not_healthy() {
    let case = Case::new(json!({}), |_, r| {
        r.replace(
            "DescribeTargetHealth",
            "<State>healthy</State>",
            "<State>zombie</State>",
        )
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    let th = summary(&run, "nlb.target_health");
    matrix(
        "unknown enum: target state zombie",
        "DescribeTargetHealth",
        &run,
        wall,
        &th,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.status("nlb.target_health"), "fail");
    assert!(
        th.contains("10.20.1.10 zombie") && th.contains("0 of 1 targets healthy"),
        "{th}"
    );
    let rows = &run.check("nlb.target_health")["evidence"][0]["rows"];
    assert_eq!(rows[0][4], "zombie", "{rows}");

    let case = Case::new(json!({}), |_, r| {
        r.replace(
            "DescribeLoadBalancers",
            "<Code>active</Code>",
            "<Code>quantum</Code>",
        )
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    let lb = summary(&run, "nlb.state");
    matrix(
        "unknown enum: LB state quantum",
        "DescribeLoadBalancers",
        &run,
        wall,
        &lb,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.status("nlb.state"), "fail");
    assert!(lb.contains("svc-nlb is quantum"), "{lb}");
}

// ---------------------------------------------------------------------------------------
// DNS: silence, SERVFAIL and truncation are three different findings

#[derive(Clone, Copy, PartialEq)]
enum BrokenDns {
    ServFail,
    /// TC set and no answer; TCP on the same port is refused.
    Truncated,
}

/// Answer a query the broken way: its id and question echoed, no records.
fn broken_reply(query: &[u8], kind: BrokenDns) -> Option<Vec<u8>> {
    let mut end = 12;
    while *query.get(end)? != 0 {
        end += 1 + usize::from(query[end]);
    }
    end += 5; // the root label, QTYPE, QCLASS
    let question = query.get(12..end)?;
    let (tc, rcode) = match kind {
        BrokenDns::ServFail => (0, 2),
        BrokenDns::Truncated => (0x02, 0),
    };
    let mut reply = query[..2].to_vec();
    reply.push(0x80 | (query[2] & 0x79) | tc); // QR, the query's opcode and RD, TC
    reply.push(0x80 | rcode); // RA, RCODE
    reply.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]);
    reply.extend_from_slice(question);
    Some(reply)
}

/// A loopback DNS server that answers every query the same broken way, and the sockets it
/// holds.
struct BrokenServer {
    addr: std::net::SocketAddr,
    _udp: tokio::task::JoinHandle<()>,
    /// Bound and never listening: TCP connections to the port are refused, and no other
    /// program can take the port meanwhile.
    _tcp: tokio::net::TcpSocket,
}

async fn broken_dns(kind: BrokenDns) -> BrokenServer {
    for _ in 0..20 {
        let udp = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let addr = udp.local_addr().unwrap();
        let tcp = tokio::net::TcpSocket::new_v4().unwrap();
        if tcp.bind(addr).is_err() {
            continue;
        }
        let udp = tokio::spawn(async move {
            let mut buf = [0u8; 1500];
            while let Ok((n, from)) = udp.recv_from(&mut buf).await {
                if let Some(reply) = broken_reply(&buf[..n], kind) {
                    let _ = udp.send_to(&reply, from).await;
                }
            }
        });
        return BrokenServer {
            addr,
            _udp: udp,
            _tcp: tcp,
        };
    }
    panic!("no loopback port free for UDP and TCP at once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dns_silence_servfail_and_truncation_are_distinct_findings() {
    let case = Case::new(json!({}), |_, r| r).await;
    let (silent, _socket) = crate::dns_server::silent().await;
    let servfail_server = broken_dns(BrokenDns::ServFail).await;
    let truncated_server = broken_dns(BrokenDns::Truncated).await;
    let (servfail, truncated) = (servfail_server.addr, truncated_server.addr);
    let mut seen = Vec::new();
    for (name, server, says, fix) in [
        (
            "DNS drops queries",
            silent,
            "did not answer for",
            "did not answer",
        ),
        (
            "DNS answers SERVFAIL",
            servfail,
            "answered SERVFAIL for",
            "SERVFAIL",
        ),
        (
            "DNS truncates (TC), no TCP",
            truncated,
            "was truncated over UDP and the server did not answer over TCP",
            "allow TCP port 53",
        ),
    ] {
        let snapshot = case.env.path(&format!("dns-{}.json", server.port()));
        let server = server.to_string();
        let (run, wall) = timed(
            &case,
            &[
                "--dns-server",
                &server,
                "--timeout",
                "2",
                "--save-snapshot",
                &snapshot,
            ],
        )
        .await;
        let s = summary(&run, "endpoint.dns");
        matrix(name, "DNS A lookup", &run, wall, &s);
        assert_eq!(run.code, 3, "{name}: {}", run.stderr);
        for id in ["endpoint.dns", "private_dns.resolves"] {
            assert_eq!(run.status(id), "unknown", "{name}: {}", run.check(id));
            let s = summary(&run, id);
            assert!(s.contains(says), "{name}: {id}: {s}");
            let fixes = run.check(id)["remediation"].to_string();
            assert!(fixes.contains(fix), "{name}: {id}: {fixes}");
        }
        seen.push(s);
        // The snapshot keeps the kind of answer, so a replay says the same.
        let text = std::fs::read_to_string(&snapshot).unwrap();
        let kind = match name {
            "DNS drops queries" => "\"timeout\"",
            "DNS answers SERVFAIL" => "\"serv_fail\"",
            _ => "\"truncated\"",
        };
        assert!(
            text.contains(&format!("\"kind\": {kind}")),
            "{name}: no {kind} answer recorded"
        );
    }
    let distinct: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(distinct.len(), 3, "{seen:?}");
}

// ---------------------------------------------------------------------------------------
// Credentials and region: one line that says what to run, exit 2

/// One line on stderr naming `mention`, exit 2, nothing on stdout.
fn assert_one_line_exit_2(what: &str, run: &Run, mention: &[&str]) {
    eprintln!(
        "FAULT-MATRIX | {what} | (set-up) | no check run | {} | exit {} | retries n/a | -",
        run.stderr.trim(),
        run.code
    );
    assert_eq!(run.code, 2, "{what}: {}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr.trim_end().lines().count(),
        1,
        "{what}: {:?}",
        run.stderr
    );
    for m in mention {
        assert!(
            run.stderr.contains(m),
            "{what}: {:?} lacks {m:?}",
            run.stderr
        );
    }
    assert!(run.stdout.is_empty() && !run.stderr.contains("panicked"));
}

#[test]
fn a_region_that_is_not_an_aws_region_name_is_one_line_and_exit_2() {
    for region in ["mars-1", "us-east-1;rm", "us-east-1\u{1b}[2J"] {
        let run = run_plain(
            &["check", "vpce-0123456789abcdef0", "--region", region],
            &[("AWS_ENDPOINT_URL", "http://127.0.0.1:9")],
        );
        assert_one_line_exit_2(
            &format!("region {region:?}"),
            &run,
            &[
                "is not an AWS region name",
                "us-east-1",
                "aws ec2 describe-regions",
            ],
        );
        assert!(!run.stderr.contains('\u{1b}'));
    }
    // Well-formed names of every partition get past the parser (and then fail to connect
    // to nothing, which is not a region error).
    for region in [
        "us-gov-west-1",
        "cn-north-1",
        "eu-central-2",
        "ap-southeast-5",
        "il-central-1",
        "us-isob-east-1",
    ] {
        let run = run_plain(
            &[
                "check",
                "vpce-0123456789abcdef0",
                "--region",
                region,
                "--timeout",
                "1",
            ],
            &[("AWS_ENDPOINT_URL", "http://127.0.0.1:9")],
        );
        assert!(
            !run.stderr.contains("is not an AWS region name"),
            "{region}: {}",
            run.stderr
        );
    }
}

/// A HOME with an AWS configuration and nothing else.
fn aws_home(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".aws")).unwrap();
    std::fs::write(dir.path().join(".aws/config"), config).unwrap();
    dir
}

fn run_in(home: &tempfile::TempDir, args: &[&str]) -> Run {
    let h = home.path().to_str().unwrap();
    let config = format!("{h}/.aws/config");
    let credentials = format!("{h}/.aws/credentials");
    run_plain(
        args,
        &[
            ("HOME", h),
            ("AWS_CONFIG_FILE", &config),
            ("AWS_SHARED_CREDENTIALS_FILE", &credentials),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ],
    )
}

#[test]
fn an_unknown_profile_is_one_line_and_exit_2() {
    let home = aws_home("[profile known]\nregion = us-east-1\n");
    let run = run_in(
        &home,
        &[
            "check",
            "vpce-0123456789abcdef0",
            "--profile",
            "nosuch",
            "--region",
            "us-east-1",
            "--timeout",
            "2",
        ],
    );
    assert_one_line_exit_2(
        "unknown profile",
        &run,
        &[
            "(profile nosuch)",
            "aws sso login --profile nosuch",
            "~/.aws/config",
        ],
    );
}

#[test]
fn an_expired_sso_token_is_one_line_naming_the_login_command() {
    // As `aws configure sso` writes it: the profile names an sso-session.
    let start_url = "https://vpce-doctor-test.awsapps.com/start";
    let home = aws_home(&format!(
        "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = {start_url}\nsso_region = us-east-1\n"
    ));
    // The AWS CLI caches the session's token under the SHA-1 of the session name.
    let out = std::process::Command::new("sha1sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(b"corp")?;
            c.wait_with_output()
        })
        .expect("sha1sum (coreutils) runs");
    let hash = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let cache = home.path().join(".aws/sso/cache");
    std::fs::create_dir_all(&cache).unwrap();
    std::fs::write(
        cache.join(format!("{hash}.json")),
        json!({
            "startUrl": start_url, "region": "us-east-1",
            "accessToken": "expired-token", "expiresAt": "2020-01-01T00:00:00Z"
        })
        .to_string(),
    )
    .unwrap();
    let run = run_in(
        &home,
        &[
            "check",
            "vpce-0123456789abcdef0",
            "--profile",
            "sso",
            "--timeout",
            "2",
        ],
    );
    assert_one_line_exit_2(
        "SSO token expired",
        &run,
        &["(profile sso)", "aws sso login --profile sso"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_session_credentials_are_one_line_and_exit_2() {
    let case = Case::new(json!({}), |_, r| {
        r.fault(
            "GetCallerIdentity",
            Fault::elb_error(
                403,
                "ExpiredToken",
                "The security token included in the request is expired",
            ),
        )
    })
    .await;
    let run = case.check(&[]).await;
    assert_one_line_exit_2(
        "expired credentials (ExpiredToken)",
        &run,
        &[
            "(profile consumer)",
            "expired",
            // A profile of keys, not SSO: renewed however the keys were made.
            "refresh the credentials of profile consumer",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Hostile data: sanitised for terminals, escaped in HTML, intact in JSON

/// Everything a tag value or a group name could carry to attack a terminal or a page: CSI
/// and SGR, OSC 8 (links), OSC 52 (clipboard), OSC 2 (title), C0 and C1 controls, a
/// right-to-left override, markup, and a 10,000-character run.
fn hostile() -> String {
    format!(
        "\u{1b}[2J\u{1b}[31mRED \u{1b}]8;;https://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\ \u{1b}]52;c;cHduZWQ=\u{7} \u{1b}]2;pwned-title\u{7} nul\u{0}bel\u{7}bs\u{8}cr\r \u{9b}2J\u{9d}2;c1-title\u{9c} \u{202e}gnp.exe <script>alert(1)</script>&amp; {}",
        "L".repeat(10_000)
    )
}

/// No byte of `text` can steer a terminal: no C0 control but newline, no C1 control, no
/// bidi override.
fn assert_terminal_safe(what: &str, text: &str) {
    let bad: Vec<String> = text
        .chars()
        .filter(|c| {
            (c.is_control() && *c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what} carries {bad:?}");
}

/// The demo snapshot with its endpoint's security-group name (shown in the failing check's
/// table) and its Name tag made hostile.
fn hostile_snapshot(dir: &Path) -> PathBuf {
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/sg-blocks-443.json"),
    )
    .unwrap();
    let quoted = serde_json::to_string(&hostile()).unwrap();
    let text = original
        .replace("\"orders-api-endpoint\"", &quoted)
        .replace("\"orders-api\"", &quoted);
    assert_ne!(text, original);
    let path = dir.join("hostile.json");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn hostile_values_are_sanitised_in_text_escaped_in_html_and_intact_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let snap = hostile_snapshot(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let ep = "vpce-0a1b2c3d4e5f60718";
    let run = run_plain(
        &[
            "check",
            ep,
            "--from-snapshot",
            snap.to_str().unwrap(),
            "--format",
            "json,text,markdown,html,junit",
            "--output-dir",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let read =
        |ext: &str| std::fs::read_to_string(out.join(format!("vpce-doctor-{ep}.{ext}"))).unwrap();

    // JSON keeps the value exactly (escaped only as JSON strings are).
    let report: Value = serde_json::from_str(&read("json")).unwrap();
    let checks = report["checks"].as_array().unwrap();
    let found = checks.iter().find(|c| c["id"] == "endpoint.found").unwrap();
    let name_tag = found["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Name tag")
        .unwrap_or_else(|| panic!("no Name tag field: {}", found["evidence"]));
    assert_eq!(name_tag["value"].as_str().unwrap(), hostile());
    let sg = checks
        .iter()
        .find(|c| c["id"] == "endpoint.security_groups")
        .unwrap();
    assert!(
        sg.to_string()
            .contains(&serde_json::to_string(&hostile()).unwrap()[1..100]),
        "the group name is kept in the JSON evidence"
    );

    // Text and Markdown: nothing that steers a terminal. (Text cuts long table cells, so
    // only the value's start shows there; Markdown keeps it whole.)
    for (ext, shows) in [("txt", "RED"), ("md", "gnp.exe")] {
        let text = read(ext);
        assert_terminal_safe(ext, &text);
        assert!(text.contains(shows), "{ext} still shows the value");
    }
    // Plain text on standard output too (what a pipe or a terminal gets).
    let stdout = run_plain(
        &["check", ep, "--from-snapshot", snap.to_str().unwrap()],
        &[],
    );
    assert_terminal_safe("stdout", &stdout.stdout);

    // HTML: markup shown as text.
    let html = read("html");
    assert!(!html.contains("<script>alert") && html.contains("&lt;script&gt;alert(1)"));
    assert!(
        html.contains("&amp;amp;"),
        "an entity in the value stays literal text"
    );
    // JUnit stays well-formed XML (XML 1.0 forbids most C0 controls, even escaped).
    let junit = read("junit.xml");
    roxmltree::Document::parse(&junit).unwrap_or_else(|e| panic!("JUnit is not XML: {e}"));
    eprintln!(
        "hostile data: text {} bytes, markdown {} bytes, html {} bytes, junit {} bytes — no control characters, markup escaped, JSON intact",
        read("txt").len(),
        read("md").len(),
        html.len(),
        junit.len()
    );
}

#[test]
fn hostile_values_in_a_real_terminal_keep_the_layout_title_and_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let snap = hostile_snapshot(dir.path());
    let tmux = crate::tmux::Tmux::new("hostile");
    let command = format!(
        "env NO_COLOR=1 {} tui vpce-0a1b2c3d4e5f60718 --from-snapshot {}",
        crate::harness::bin(),
        snap.display()
    );
    tmux.start(&command, 100, 30);
    tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
    // The run is over (the root cause listed first), so `j` moves from the root cause.
    tmux.wait_for("the diagnosis", |s| {
        s.contains("Verdict") && s.contains("done in")
    });
    // The group name sits in the root cause's table (cut short there); the Name tag is
    // shown whole, wrapped, in endpoint.found's detail: select it and scroll through it.
    tmux.keys(&["j"]);
    let mut screens = vec![tmux.wait_for("Name tag", |s| s.contains("Name tag:"))];
    tmux.keys(&["Tab", "PageDown", "PageDown"]);
    screens.push(tmux.wait_for("the long value", |s| s.contains("LLLLLLLLLL")));
    for screen in &screens {
        assert_terminal_safe("the screen", screen);
        for line in screen.lines() {
            assert!(
                line.chars().count() <= 100,
                "a line wider than the terminal: {line:?}"
            );
        }
    }
    assert!(
        screens[0].contains("Name tag: \u{FFFD}[2J\u{FFFD}[31mRED"),
        "the value is on screen, its escapes made visible: {}",
        screens[0]
    );
    let title = tmux.run(&["display-message", "-p", "-t", "demo", "#{pane_title}"]);
    assert!(
        !title.contains("pwned") && !title.contains("c1-title"),
        "title set to {title:?}"
    );
    let buffers = tmux.run(&["list-buffers"]);
    assert!(
        buffers.trim().is_empty(),
        "the clipboard was written: {buffers:?}"
    );
    tmux.keys(&["q"]);
    eprintln!("hostile data in tmux (100x30): layout kept, title {title:?}, no clipboard write");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_values_from_the_api_reach_json_intact_and_text_sanitised() {
    // What XML can carry: C1 controls, the override, markup (escaped in the XML), a long run.
    let value = format!(
        "\u{9b}2J\u{9d}2;c1-title\u{9c} \u{202e}gnp.exe <b>bold</b> {}",
        "L".repeat(10_000)
    );
    let xml = value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let tag = format!("<tagSet><item><key>Name</key><value>{xml}</value></item></tagSet><ownerId>");
    let group = format!("<groupName>{xml}</groupName>");
    // The group admits only port 22, so its failing check shows the (hostile) group name.
    let case = Case::new(json!({"sg_ports": [22]}), move |_, r| {
        r.replace("DescribeVpcEndpoints", "<tagSet/><ownerId>", &tag)
            .rewrite("DescribeSecurityGroups", move |body| {
                body.replace("<groupName>endpoint</groupName>", &group)
            })
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = run.check("endpoint.found");
    let name_tag = found["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Name tag")
        .cloned()
        .unwrap_or_else(|| panic!("no Name tag: {found}"));
    assert_eq!(name_tag["value"].as_str().unwrap(), value);
    assert!(
        run.check("endpoint.security_groups")
            .to_string()
            .contains("gnp.exe <b>bold</b>"),
        "the group name reaches the JSON evidence intact"
    );
    let text = case.run(&["check", &case.endpoint()], &[]).await;
    assert_eq!(text.code, 1, "{}", text.stderr);
    assert_terminal_safe("text", &text.stdout);
    assert!(
        text.stdout.contains("gnp.exe <b>bold</b>"),
        "{}",
        text.stdout
    );

    // A raw ESC is not a legal XML character: the SDK refuses the whole answer, and the
    // tool says so instead of guessing.
    let case = Case::new(json!({}), |_, r| {
        r.replace(
            "DescribeVpcEndpoints",
            "<tagSet/><ownerId>",
            "<tagSet><item><key>Name</key><value>\u{1b}[2Jx</value></item></tagSet><ownerId>",
        )
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    let s = summary(&run, "endpoint.found");
    matrix(
        "raw ESC in an XML value",
        "DescribeVpcEndpoints",
        &run,
        wall,
        &s,
    );
    assert_terminal_safe("summary", &s);
    assert!(
        s.contains("unreadable answer") && s.contains("non-XML character"),
        "{s}"
    );
    assert_eq!(run.code, 3, "{s}");

    // Invalid UTF-8 in a group name: refused whole, reported, no panic.
    let case = Case::new(json!({}), |_, r| {
        r.fault(
            "DescribeSecurityGroups",
            Fault::replace_bytes(b"<groupName>endpoint<", b"<groupName>end\xff\xfepoint<"),
        )
    })
    .await;
    let (run, wall) = timed(&case, &[]).await;
    let s = summary(&run, "endpoint.security_groups");
    matrix(
        "invalid UTF-8 in a group name",
        "DescribeSecurityGroups",
        &run,
        wall,
        &s,
    );
    assert_eq!(
        with_status(&run, "unknown"),
        set(&["endpoint.security_groups"])
    );
    assert!(
        s.contains("unreadable answer") && s.contains("utf-8"),
        "{s}"
    );
    assert_eq!(run.code, 3);
}

// ---------------------------------------------------------------------------------------
// No secrets in anything the tool writes

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_credential_or_signature_in_any_artifact() {
    let case = Case::new(json!({"sg_ports": [22]}), |_, r| r).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    std::fs::create_dir(&out).unwrap();
    let snapshot = dir.path().join("snapshot.json");
    let run = case
        .check(&[
            "--stats",
            "--format",
            "json,text,markdown,html,junit",
            "--output-dir",
            out.to_str().unwrap(),
            "--save-snapshot",
            snapshot.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The TUI's log at its most verbose (every crate's trace output, the SDK's included) and
    // its exports, from a real terminal.
    let log = dir.path().join("tui.log");
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    let tmux = crate::tmux::Tmux::new("secrets");
    let command = format!(
        "{env} VPCE_DOCTOR_LOG=trace {bin} tui {ep} --profile consumer --provider-profile provider --dns-server {dns} --log-file {log} --export-dir {exports}",
        env = case.env.shell_env(),
        bin = crate::harness::bin(),
        ep = case.endpoint(),
        dns = case.dns.addr,
        log = log.display(),
        exports = exports.display(),
    );
    tmux.start(&command, 120, 34);
    tmux.try_wait(Duration::from_secs(30), |s| {
        s.contains("Verdict") && !s.contains("running")
    });
    tmux.keys(&["e"]);
    tmux.try_wait(Duration::from_secs(10), |s| s.contains("exported"));
    tmux.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(500));
    // The log is complete once the program and its terminal are gone.
    drop(tmux);
    // The TUI's requests went through the interposer too: still read-only and granted.
    assert_granted_and_record(&case.interposer.iam_actions());

    let mut secrets: Vec<String> = Vec::new();
    for key in ["consumer_credentials", "provider_credentials"] {
        let c = &case.s.out[key];
        for field in ["access_key_id", "secret_access_key", "session_token"] {
            secrets.push(c[field].as_str().unwrap().to_string());
        }
    }
    let markers = [
        "Authorization:",
        "authorization: AWS4",
        "Signature=",
        "X-Amz-Signature",
        "x-amz-security-token:",
        "X-Amz-Security-Token=",
        "aws_secret_access_key",
    ];
    let mut files: Vec<PathBuf> = vec![snapshot.clone(), log.clone()];
    for d in [&out, &exports] {
        files.extend(std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path()));
    }
    let mut scanned = Vec::new();
    for f in &files {
        let text = String::from_utf8_lossy(
            &std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display())),
        )
        .to_string();
        for s in &secrets {
            if let Some(at) = text.find(s.as_str()) {
                let from = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
                let line: String = text[from..]
                    .chars()
                    .take_while(|c| *c != '\n')
                    .take(600)
                    .collect();
                panic!("{} holds a credential: {line}", f.display());
            }
        }
        for m in markers {
            assert!(!text.contains(m), "{} holds {m:?}", f.display());
        }
        scanned.push(format!(
            "{} ({} bytes)",
            f.file_name().unwrap().to_string_lossy(),
            text.len()
        ));
    }
    for s in [&run.stdout, &run.stderr] {
        for secret in &secrets {
            assert!(!s.contains(secret.as_str()));
        }
    }
    assert!(files.len() >= 9, "{scanned:?}");
    assert!(
        std::fs::metadata(&log).unwrap().len() > 1000,
        "the trace log was written"
    );
    eprintln!("no secrets in: {}", scanned.join(", "));
}

// ---------------------------------------------------------------------------------------
// Read-only, proven: every request of every Case is checked against `iam-policy` as it is
// made (Case::run calls this) and recorded, so the suite as a whole can be audited too.

/// Every IAM action `vpce-doctor iam-policy` grants, in either account.
fn granted() -> &'static BTreeSet<String> {
    static GRANTED: OnceLock<BTreeSet<String>> = OnceLock::new();
    GRANTED.get_or_init(|| {
        let run = run_plain(&["iam-policy"], &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let policies: Value = serde_json::from_str(&run.stdout).unwrap();
        let mut actions = BTreeSet::new();
        for account in ["consumer", "provider"] {
            for statement in policies[account]["Statement"].as_array().unwrap() {
                assert_eq!(statement["Effect"], "Allow");
                for a in statement["Action"].as_array().unwrap() {
                    actions.insert(a.as_str().unwrap().to_string());
                }
            }
        }
        actions
    })
}

/// Where this test process records the operations its cases sent, one file per run.
fn actions_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("vpce-doctor-actions")
        .join(std::process::id().to_string())
}

fn assert_read_only_and_granted(action: &str) {
    let (_, op) = action.split_once(':').unwrap_or(("", action));
    assert!(
        op.starts_with("Describe")
            || op.starts_with("Get")
            || op.starts_with("List")
            || action == "sts:GetCallerIdentity"
            // The one documented exception (operations::READ_ONLY_EXCEPTIONS): a Logs
            // Insights query, IAM access level Read.
            || action == "logs:StartQuery",
        "the tool sent a non-read-only request: {action}"
    );
    assert!(
        granted().contains(action),
        "the tool sent {action}, which `vpce-doctor iam-policy` does not grant: the policy and the code are out of step"
    );
}

/// `actions` (`service:Action`, as signed) are each read-only and granted by the IAM policy
/// the tool prints; they are also appended to this process's record.
pub fn assert_granted_and_record(actions: &[String]) {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = actions_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let n = RUN.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    std::fs::write(dir.join(format!("run-{n}.txt")), actions.join("\n")).unwrap();
    for a in actions {
        assert_read_only_and_granted(a);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_the_suite_sent_is_read_only_and_granted() {
    // At least this case's operations are on record, whatever ran before in this process.
    let case = Case::new(json!({}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut seen = BTreeSet::new();
    for entry in std::fs::read_dir(actions_dir()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        seen.extend(text.lines().filter(|l| !l.is_empty()).map(str::to_string));
    }
    for a in &seen {
        assert_read_only_and_granted(a);
    }
    // The healthy diagnosis alone reaches every service the tool uses.
    for needed in [
        "sts:GetCallerIdentity",
        "ec2:DescribeVpcEndpoints",
        "elasticloadbalancing:DescribeTargetHealth",
        "route53:ListHostedZonesByVPC",
    ] {
        assert!(seen.contains(needed), "{needed} not among {seen:?}");
    }
    eprintln!(
        "read-only proof: {} distinct operations recorded in this run, all granted: {}",
        seen.len(),
        seen.iter().cloned().collect::<Vec<_>>().join(", ")
    );
}
