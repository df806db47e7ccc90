use super::*;
use crate::demo;
use crate::engine::EngineEvent;

fn catalog() -> Catalog {
    Catalog::embedded().unwrap()
}

async fn state_of(name: &str) -> RunState {
    demo::replay(name).await.1
}

fn runbook(name: &str) -> Runbook {
    shipped(&catalog())
        .unwrap()
        .into_iter()
        .find(|r| r.name == name)
        .unwrap()
}

#[test]
fn shipped_runbooks_are_valid() {
    let all = shipped(&catalog()).unwrap();
    let names: Vec<&str> = all.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "endpoint-unreachable",
            "private-dns",
            "onboard-consumer",
            "gateway-endpoint"
        ]
    );
    for r in &all {
        for s in &r.steps {
            assert!(
                !s.why.is_empty()
                    && !s.pass.is_empty()
                    && !s.fail.is_empty()
                    && !s.action.is_empty(),
                "{}/{}",
                r.name,
                s.id
            );
        }
    }
}

const HEAD: &str = "name = \"mine\"\ntitle = \"t\"\ndescription = \"d\"\n";
const STEP: &str = "why = \"w\"\npass = \"p\"\nfail = \"f\"\naction = \"a\"\n";

fn bad(text: &str) -> RunbookError {
    parse("mine.toml", text, &catalog()).unwrap_err()
}

#[test]
fn malformed_runbooks_name_file_line_and_field() {
    let e = bad(&format!(
        "{HEAD}\n[[step]]\nid = \"a\"\ntitle = \"A\"\nchecks = [\"endpoint.state\", \"endpoint.sate\"]\n{STEP}"
    ));
    assert_eq!(e.file, "mine.toml");
    assert_eq!(e.line, 8);
    assert!(
        e.message.contains("field `checks`") && e.message.contains("\"endpoint.sate\""),
        "{e}"
    );
    assert!(e.to_string().starts_with("mine.toml:8: "));

    let e = bad(&format!(
        "{HEAD}\n[[step]]\nid = \"a\"\ntitle = \"A\"\nchecks = [\"endpoint.state\"]\non_fail = \"goto:nowhere\"\n{STEP}"
    ));
    assert_eq!(e.line, 9);
    assert!(e.message.contains("no step \"nowhere\""), "{e}");

    let e = bad(&format!(
        "{HEAD}\n[[step]]\nid = \"a\"\ntitle = \"A\"\nchecks = [\"endpoint.state\"]\non_fail = \"panic\"\n{STEP}"
    ));
    assert!(
        e.message
            .contains("expected \"continue\", \"stop\" or \"goto:<step id>\""),
        "{e}"
    );

    let e = bad(&format!(
        "{HEAD}\n[[step]]\nid = \"a\"\ntitle = \"A\"\nchecks = [\"endpoint.state\"]\n{STEP}\n[[step]]\nid = \"a\"\ntitle = \"B\"\nchecks = [\"endpoint.found\"]\n{STEP}"
    ));
    assert_eq!(e.line, 15);
    assert!(e.message.contains("used twice"), "{e}");

    let e = bad(&format!(
        "{HEAD}\n[[step]]\nid = \"a\"\ntitle = \"A\"\nchecks = [\"endpoint.state\"]\nwhy = \"w\"\n"
    ));
    assert!(e.message.contains("missing field `pass`"), "{e}");

    let e = bad(&format!("{HEAD}\n[[step]]\nid = \"a\"\ntitel = \"A\"\n"));
    assert_eq!(e.line, 7);
    assert!(e.message.contains("titel"), "{e}");

    let e = bad("name = \"x\"\ntitle = [unclosed\n");
    assert_eq!(e.line, 2, "{e}");
}

#[tokio::test]
async fn endpoint_unreachable_passes_on_a_healthy_endpoint() {
    let s = walk(
        runbook("endpoint-unreachable"),
        &state_of("healthy").await,
        "03:10:00",
    );
    assert!(s.finished() && s.stopped.is_none());
    let n = s.runbook.steps.len();
    assert_eq!(s.path, (0..n).collect::<Vec<_>>());
    // The last step's TCP probe was not asked for (--probe), and the steps for other
    // endpoint types do not apply: not applicable, not a pass.
    for (step, record) in s.runbook.steps.iter().zip(&s.records) {
        let expected = if step.id == "connect"
            || !(step.endpoint_types.is_empty()
                || step.endpoint_types.iter().any(|t| t == "Interface"))
        {
            Status::NotApplicable
        } else {
            Status::Pass
        };
        assert_eq!(record.verdict, Some(expected), "{}", step.id);
    }
    assert_eq!(s.exit_code(), 0);
    assert_eq!(s.transcript.len(), n);
}

#[tokio::test]
async fn pending_acceptance_stops_at_the_first_step() {
    let s = walk(
        runbook("endpoint-unreachable"),
        &state_of("pending-acceptance").await,
        "03:10:00",
    );
    assert_eq!(s.current, 0);
    assert!(s.stopped.as_ref().unwrap().contains("step state failed"));
    assert_eq!(s.exit_code(), 1);
    assert!(!s.reached(1));
}

#[tokio::test]
async fn security_group_failure_continues_and_is_re_checked() {
    let mut state = state_of("sg-blocks-443").await;
    let rb = runbook("endpoint-unreachable");
    let mut s = Session::new(rb);
    s.observe(&state, "03:10:00");
    s.advance().unwrap();
    s.observe(&state, "03:10:00");
    s.advance().unwrap();
    assert_eq!(s.observe(&state, "03:10:00"), Some(Status::Fail));
    assert_eq!(s.step().id, "security-groups");
    assert!(s.stopped.is_none(), "this step does not stop the walk");
    // The engineer adds the rule and re-checks: the transcript keeps both.
    let checks = s.request_recheck();
    // The step's checks: the endpoint's groups and the client's own egress.
    assert_eq!(checks, ["endpoint.security_groups", "client.egress"]);
    let mut fixed = state
        .get("endpoint.security_groups")
        .unwrap()
        .result()
        .unwrap()
        .clone();
    fixed.status = Status::Pass;
    fixed.summary = "security group sg-0b7e6d5c4f3a2b190 allows TCP 443 from 10.40.0.0/16".into();
    state.apply(&EngineEvent::Finished {
        id: "endpoint.security_groups".into(),
        result: fixed,
    });
    assert_eq!(s.observe(&state, "03:14:07"), Some(Status::Pass));
    let last: Vec<(&str, &EntryKind, Status)> = s
        .transcript
        .iter()
        .rev()
        .take(2)
        .map(|e| (e.at.as_str(), &e.kind, e.verdict))
        .collect();
    assert_eq!(
        last,
        [
            ("03:14:07", &EntryKind::Rechecked, Status::Pass),
            ("03:10:00", &EntryKind::Checked, Status::Fail)
        ]
    );
    // Observing the same results again records nothing new.
    assert_eq!(s.observe(&state, "03:15:00"), None);
    s.advance().unwrap();
    s.previous().unwrap();
    assert_eq!(s.step().id, "security-groups");
    assert!(s.previous().is_ok() && s.previous().is_ok() && s.previous().is_err());
}

#[tokio::test]
async fn private_dns_stops_at_dns_hostnames() {
    let s = walk(
        runbook("private-dns"),
        &state_of("private-dns-broken").await,
        "03:10:00",
    );
    assert_eq!(s.step().id, "dns-hostnames");
    assert!(s.stopped.is_some());
    assert_eq!(s.exit_code(), 1);
}

#[tokio::test]
async fn gateway_runbook_stops_at_the_routes() {
    let s = walk(
        runbook("gateway-endpoint"),
        &state_of("gateway-missing-route").await,
        "03:10:00",
    );
    assert_eq!(s.step().id, "routes");
    let t = transcript::Transcript::build(&s, "vpce-0c2d4e6f8a0b1c3d5", Default::default());
    let md = t.to_markdown();
    assert!(
        md.contains("- [x] 1. Is the gateway endpoint available?"),
        "{md}"
    );
    assert!(
        md.contains("- [ ] 2. Does the client's subnet route"),
        "{md}"
    );
    assert!(
        md.contains("- [ ] 4. Does the endpoint policy allow the request? — not reached"),
        "{md}"
    );
    assert!(
        md.contains("--remove-route-table-ids rtb-0a1b2c3d4e5f67890"),
        "{md}"
    );
    assert!(md.contains("**Stopped:**"));
    let json: serde_json::Value = serde_json::from_str(&t.to_json()).unwrap();
    assert_eq!(json["steps"][2]["reached"], false);
    assert_eq!(json["exit_code"], 1);
}

#[tokio::test]
async fn blocked_step_stops_the_walk_with_its_reason() {
    // pending-acceptance: endpoint.dns is blocked by endpoint.state.
    let state = state_of("pending-acceptance").await;
    let text = format!(
        "{HEAD}\n[[step]]\nid = \"resolve\"\ntitle = \"R\"\nchecks = [\"endpoint.dns\"]\n{STEP}\n[[step]]\nid = \"after\"\ntitle = \"A\"\nchecks = [\"endpoint.found\"]\n{STEP}"
    );
    let s = walk(
        parse("mine.toml", &text, &catalog()).unwrap(),
        &state,
        "03:10:00",
    );
    assert_eq!(s.records[0].verdict, Some(Status::Blocked));
    assert!(
        s.stopped
            .as_ref()
            .unwrap()
            .contains("endpoint.state failed first"),
        "{:?}",
        s.stopped
    );
    assert!(!s.reached(1));
}

#[tokio::test]
async fn goto_branches_on_failure() {
    let state = state_of("sg-blocks-443").await;
    let text = format!(
        "{HEAD}\n[[step]]\nid = \"sg\"\ntitle = \"SG\"\nchecks = [\"endpoint.security_groups\"]\non_fail = \"goto:fix\"\n{STEP}\n[[step]]\nid = \"skipped\"\ntitle = \"S\"\nchecks = [\"endpoint.found\"]\n{STEP}\n[[step]]\nid = \"fix\"\ntitle = \"F\"\nchecks = [\"endpoint.state\"]\n{STEP}"
    );
    let s = walk(
        parse("mine.toml", &text, &catalog()).unwrap(),
        &state,
        "03:10:00",
    );
    assert_eq!(s.path, [0, 2]);
    assert!(!s.reached(1));
}

#[test]
fn step_verdict_is_the_worst_check() {
    assert_eq!(step_verdict(&[Status::Pass, Status::Fail]), Status::Fail);
    assert_eq!(
        step_verdict(&[Status::Pass, Status::NotApplicable]),
        Status::Pass
    );
    assert_eq!(
        step_verdict(&[Status::NotApplicable]),
        Status::NotApplicable
    );
    assert_eq!(
        step_verdict(&[Status::Unknown, Status::Warn]),
        Status::Unknown
    );
}

/// The healthy demo's results as if the endpoint were of `kind`, with `failing` failed.
async fn as_kind(kind: &str, failing: &str) -> RunState {
    let mut state = state_of("healthy").await;
    let mut found = state
        .get("endpoint.found")
        .unwrap()
        .result()
        .unwrap()
        .clone();
    for e in &mut found.evidence {
        if let crate::engine::outcome::Evidence::Field { name, value } = e
            && name == "VpcEndpointType"
        {
            *value = kind.to_string();
        }
    }
    state.apply(&EngineEvent::Finished {
        id: "endpoint.found".into(),
        result: found,
    });
    let mut failed = state.get(failing).unwrap().result().unwrap().clone();
    failed.status = Status::Fail;
    failed.summary = format!("{failing} failed");
    state.apply(&EngineEvent::Finished {
        id: failing.into(),
        result: failed,
    });
    state
}

#[tokio::test]
async fn endpoint_unreachable_branches_on_the_endpoint_type() {
    let s = walk(
        runbook("endpoint-unreachable"),
        &as_kind("GatewayLoadBalancer", "gwlb.route_tables").await,
        "03:10:00",
    );
    assert_eq!(s.step().id, "routes");
    assert!(s.stopped.is_some());
    let sg = s
        .transcript
        .iter()
        .find(|e| e.step == "security-groups")
        .unwrap();
    assert_eq!(sg.verdict, Status::NotApplicable);
    assert_eq!(
        sg.observation,
        "this step is for Interface endpoints; this is a GatewayLoadBalancer endpoint"
    );
    let lattice = s.transcript.iter().find(|e| e.step == "lattice").unwrap();
    assert_eq!(lattice.verdict, Status::NotApplicable);
    // An interface endpoint never waits on (or fails at) a Gateway Load Balancer step.
    let s = walk(
        runbook("endpoint-unreachable"),
        &as_kind("Interface", "gwlb.route_tables").await,
        "03:10:00",
    );
    assert!(s.stopped.is_none() && s.finished(), "{:?}", s.stopped);
    assert_eq!(s.exit_code(), 0);
    // A Resource endpoint stops at its associations.
    let s = walk(
        runbook("endpoint-unreachable"),
        &as_kind("Resource", "lattice.associations").await,
        "03:10:00",
    );
    assert_eq!(s.step().id, "lattice");
    assert_eq!(s.exit_code(), 1);
    // … and at its resource gateway when that is what stops the traffic.
    let s = walk(
        runbook("endpoint-unreachable"),
        &as_kind("Resource", "lattice.gateway_zones").await,
        "03:10:00",
    );
    assert_eq!(s.step().id, "resource-gateway");
    assert!(s.stopped.is_some());
    let s = walk(
        runbook("private-dns"),
        &as_kind("ServiceNetwork", "lattice.private_dns").await,
        "03:10:00",
    );
    assert_eq!(s.step().id, "lattice-preference");
}

#[test]
fn a_step_names_only_endpoint_types_aws_has() {
    let e = bad(&format!(
        "{HEAD}\n[[step]]\nid = \"a\"\ntitle = \"A\"\nchecks = [\"endpoint.state\"]\nendpoint_types = [\"Interface\", \"Tunnel\"]\n{STEP}"
    ));
    assert!(
        e.message.contains("field `endpoint_types`") && e.message.contains("\"Tunnel\""),
        "{e}"
    );
}
