//! The interactive view without a terminal: state-machine tests (key → action → state) and
//! TestBackend renders checked against insta snapshots.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::text::Span;

use super::state::{App, Diagnosis, Effect, Pane, Picker, PickerItem, Screen, rows};
use super::view;
use crate::demo;
use crate::engine::catalog::Catalog;
use crate::engine::outcome::Status;
use crate::engine::state::{Phase, RunContextInfo};

async fn finished(name: &str) -> Diagnosis {
    finished_with(name, Catalog::embedded().unwrap()).await
}

async fn finished_with(name: &str, catalog: Catalog) -> Diagnosis {
    let catalog = Arc::new(catalog);
    let session = demo::session(demo::find(name).unwrap(), catalog.clone()).unwrap();
    let header = RunContextInfo {
        service_name: Some("com.amazonaws.vpce.us-east-1.vpce-svc-0f1e2d3c4b5a69788".into()),
        consumer_account: Some("111122223333".into()),
        provider_account: Some("444455556666".into()),
        consumer_profile: Some("prod".into()),
        provider_profile: Some("svc-owner".into()),
        provider_credentials: true,
        ..session.context_now()
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    session
        .spawn(None, HashMap::new(), false, tx)
        .await
        .unwrap();
    let mut d = Diagnosis::new(catalog, header);
    let now = Instant::now();
    while let Ok(ev) = rx.try_recv() {
        d.apply(&ev, now, "03:14:07");
    }
    // Timings vary from run to run; snapshots must not.
    for c in &mut d.state.checks {
        if let Phase::Done(r) = &mut c.phase {
            r.duration_ms = 0;
        }
    }
    d.state.elapsed_ms = 1200;
    d
}

fn app_with(d: Diagnosis) -> App {
    let mut app = App::new(false, Duration::from_secs(10));
    app.open_diagnosis(d);
    app
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| view::draw(f, app, Instant::now()))
        .unwrap();
    terminal
}

fn screen_text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[tokio::test]
async fn diagnosis_view_lists_root_causes_first() {
    let mut app = app_with(finished("pending-acceptance").await);
    let t = render(&mut app, 120, 34);
    insta::assert_snapshot!("diagnosis_pending_acceptance", t.backend());
    assert_eq!(app.selected_id().as_deref(), Some("endpoint.state"));
}

#[tokio::test]
async fn detail_pane_of_a_failing_security_group_check() {
    let mut app = app_with(finished("sg-blocks-443").await);
    assert_eq!(
        app.selected_id().as_deref(),
        Some("endpoint.security_groups")
    );
    let t = render(&mut app, 120, 44);
    insta::assert_snapshot!("detail_sg_blocks_443", t.backend());
    let text = screen_text(&t);
    assert!(text.contains("authorize-security-group-ingress"));
    assert!(text.contains("sg-0b7e6d5c4f3a2b190"));
}

#[tokio::test]
async fn help_overlay_is_generated_from_the_keymap() {
    let mut app = app_with(finished("healthy").await);
    app.handle_key(key('?'), Instant::now());
    assert!(app.help);
    let t = render(&mut app, 100, 30);
    insta::assert_snapshot!("help_overlay", t.backend());
    for b in super::keymap::BINDINGS
        .iter()
        .filter(|b| b.applies(super::keymap::Scope::Diagnosis))
    {
        assert!(screen_text(&t).contains(b.desc), "{}", b.desc);
    }
    // Keys go to the overlay while it is open; Esc closes it.
    app.handle_key(key('j'), Instant::now());
    assert_eq!(app.diagnosis.as_ref().unwrap().selected, 0);
    app.handle_key(code(KeyCode::Esc), Instant::now());
    assert!(!app.help && !app.quit);
}

#[tokio::test]
async fn picker_with_filter() {
    let mut picker = Picker {
        title: "vpce-doctor demo".into(),
        ..Default::default()
    };
    picker.set_items_in_order(PickerItem::scenarios());
    // The verdicts arrive as each scenario's diagnosis finishes (a live picker's scan).
    for name in ["private-dns-broken", "healthy"] {
        let state = crate::demo::replay(name).await.1;
        let (status, cause) = crate::scan::verdict(&state);
        picker.set_verdict(name, status, cause);
    }
    let mut app = App::new(false, Duration::from_secs(10)).with_picker(picker);
    let now = Instant::now();
    app.handle_key(key('/'), now);
    for c in "dns".chars() {
        app.handle_key(key(c), now);
    }
    app.handle_key(code(KeyCode::Enter), now);
    assert!(!app.filtering);
    let t = render(&mut app, 110, 12);
    insta::assert_snapshot!("picker_filtered", t.backend());
    let screen = format!("{:?}", t.backend());
    assert!(
        screen.contains("✗ FAIL") && screen.contains("vpc.dns_hostnames"),
        "{screen}"
    );
    assert_eq!(
        app.handle_key(code(KeyCode::Enter), now),
        Some(Effect::Open("private-dns-broken".into()))
    );
}

/// The bundled scenarios as an organisation's endpoints: two accounts, one named with
/// terminal escapes (account text is untrusted).
fn org_picker() -> Picker {
    let mut items = PickerItem::scenarios();
    for (n, item) in items.iter_mut().enumerate() {
        item.account = Some(if n % 2 == 0 {
            "111122223333".into()
        } else {
            "4444\u{1b}[2J55556666".into()
        });
    }
    let mut picker = Picker {
        title: "vpce-doctor scan --org".into(),
        sorted: true,
        ..Default::default()
    };
    picker.set_items(items);
    picker
}

#[tokio::test]
async fn the_picker_shows_an_account_column_when_the_rows_span_accounts() {
    let mut picker = org_picker();
    assert!(picker.multi_account());
    let broken = crate::demo::replay("private-dns-broken").await.1;
    let (status, cause) = crate::scan::verdict(&broken);
    picker.set_verdict("private-dns-broken", status, cause);
    let mut app = App::new(false, Duration::from_secs(10)).with_picker(picker);
    let t = render(&mut app, 80, 24);
    insta::assert_snapshot!("picker_accounts_80x24", t.backend());
    let screen = screen_text(&t);
    assert!(
        screen.contains("ACCOUNT") && screen.contains("111122223333"),
        "{screen}"
    );
    assert!(!screen.contains('\u{1b}'), "{screen}");
    let t = render(&mut app, 120, 40);
    insta::assert_snapshot!("picker_accounts_120x40", t.backend());
    // One account (every one-account scan): no column.
    let mut single = Picker::default();
    let mut items = PickerItem::scenarios();
    for item in &mut items {
        item.account = Some("111122223333".into());
    }
    single.set_items(items);
    assert!(!single.multi_account());
    let mut app = App::new(false, Duration::from_secs(10)).with_picker(single);
    assert!(!screen_text(&render(&mut app, 120, 40)).contains("ACCOUNT"));
}

#[tokio::test]
async fn layout_at_80x24_stacks_the_panes() {
    let mut app = app_with(finished("private-dns-broken").await);
    let t = render(&mut app, 80, 24);
    insta::assert_snapshot!("layout_80x24", t.backend());
    assert!(app.checks_area.y < app.detail_area.y, "stacked vertically");
    let wide = render(&mut app, 140, 30);
    drop(wide);
    assert_eq!(
        app.checks_area.y, app.detail_area.y,
        "side by side when wide"
    );
}

#[tokio::test]
async fn keys_move_filter_switch_and_quit() {
    let mut app = app_with(finished("healthy").await);
    let now = Instant::now();
    app.handle_key(key('j'), now);
    app.handle_key(code(KeyCode::Down), now);
    assert_eq!(app.selected_id().as_deref(), Some("endpoint.dns"));
    app.handle_key(key('G'), now);
    assert_eq!(app.selected_id().as_deref(), Some("target.resolved"));
    app.handle_key(key('g'), now);
    assert_eq!(app.selected_id().as_deref(), Some("endpoint.found"));
    app.handle_key(code(KeyCode::Tab), now);
    assert_eq!(app.focus, Pane::Detail);
    app.handle_key(key('j'), now);
    assert_eq!(
        app.diagnosis.as_ref().unwrap().detail_scroll,
        1,
        "j scrolls the detail pane"
    );
    app.handle_key(code(KeyCode::Tab), now);
    app.handle_key(key('/'), now);
    for c in "nlb".chars() {
        app.handle_key(key(c), now);
    }
    let d = app.diagnosis.as_ref().unwrap();
    let ids: Vec<String> = rows(d, &app.filter).into_iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        // The filter matches ids and titles ("… served by its NLB", "… admit the NLB …").
        [
            "nlb.state",
            "nlb.internal",
            "nlb.listeners",
            "nlb.target_health",
            "az.alignment",
            "nlb.zonal_health",
            "nlb.security_groups",
            "targets.security_groups",
            "traffic.resets",
            "traffic.port_allocation"
        ]
    );
    app.handle_key(code(KeyCode::Esc), now);
    assert!(app.filter.is_empty() && !app.filtering);
    app.handle_key(key('q'), now);
    assert!(app.quit);
}

#[tokio::test]
async fn effects_copy_export_rerun_and_watch() {
    let mut app = app_with(finished("pending-acceptance").await);
    let now = Instant::now();
    match app.handle_key(key('y'), now) {
        Some(Effect::Copy(cmd)) => assert!(
            cmd.starts_with("aws ec2 accept-vpc-endpoint-connections"),
            "{cmd}"
        ),
        other => panic!("expected a copy, got {other:?}"),
    }
    assert_eq!(app.handle_key(key('e'), now), Some(Effect::Export));
    assert_eq!(
        app.handle_key(key('R'), now),
        Some(Effect::RerunFrom("endpoint.state".into()))
    );
    assert_eq!(app.handle_key(key('r'), now), Some(Effect::RerunAll));
    assert_eq!(app.handle_key(key('w'), now), None);
    assert!(app.watching());
    assert_eq!(app.on_tick(now + Duration::from_secs(5)), None);
    assert_eq!(
        app.on_tick(now + Duration::from_secs(11)),
        Some(Effect::RerunAll)
    );
    app.handle_key(key('w'), now);
    assert!(!app.watching());
    // A passing check has no fix to copy: say so instead.
    app.handle_key(key('G'), now);
    assert_eq!(app.handle_key(key('y'), now), None);
    assert!(app.toast.as_ref().unwrap().0.contains("no fix command"));
}

#[tokio::test]
async fn status_changes_are_marked_with_their_time() {
    let mut d = finished("pending-acceptance").await;
    let healthy = finished("healthy").await;
    // A second run in which the owner accepted the connection.
    let result = healthy
        .state
        .get("endpoint.state")
        .unwrap()
        .result()
        .unwrap()
        .clone();
    let now = Instant::now();
    d.apply(
        &crate::engine::EngineEvent::Finished {
            id: "endpoint.state".into(),
            result,
        },
        now,
        "03:14:07",
    );
    assert_eq!(d.changes.len(), 1);
    let ch = &d.changes[0];
    assert_eq!(
        (ch.from, ch.to, ch.at.as_str()),
        (Status::Fail, Status::Pass, "03:14:07")
    );
    let mut app = app_with(d);
    let d = app.diagnosis.as_mut().unwrap();
    d.selected = rows(d, "")
        .iter()
        .position(|r| r.id == "endpoint.state" && !r.root_cause_section)
        .unwrap();
    let t = render(&mut app, 120, 34);
    assert!(screen_text(&t).contains("changed fail → pass at 03:14:07"));
}

#[tokio::test]
async fn back_returns_to_the_picker_or_quits() {
    let mut picker = Picker::default();
    picker.set_items_in_order(PickerItem::scenarios());
    let mut app = App::new(false, Duration::from_secs(10)).with_picker(picker);
    app.open_diagnosis(finished("healthy").await);
    app.handle_key(code(KeyCode::Esc), Instant::now());
    assert_eq!(app.screen, Screen::Picker);
    assert!(!app.quit);
    app.handle_key(code(KeyCode::Esc), Instant::now());
    assert!(app.quit);
    let mut alone = app_with(finished("healthy").await);
    alone.handle_key(code(KeyCode::Esc), Instant::now());
    assert!(alone.quit);
    let mut ctrl_c = app_with(finished("healthy").await);
    ctrl_c.handle_key(
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        Instant::now(),
    );
    assert!(ctrl_c.quit);
}

#[tokio::test]
async fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = app_with(finished("healthy").await);
    let _ = render(&mut app, 120, 34);
    let area = app.checks_area;
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: area.x + 5,
        row: area.y + 1 + 3,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(click);
    assert_eq!(app.selected_id().as_deref(), Some("gateway.route_tables"));
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: app.detail_area.x + 2,
        row: app.detail_area.y + 2,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(wheel);
    assert_eq!(app.diagnosis.as_ref().unwrap().detail_scroll, 3);
}

#[tokio::test]
async fn hostile_strings_never_reach_the_terminal() {
    let mut d = finished("sg-blocks-443").await;
    d.state.context.service_name = Some("evil\x1b[2J\x1b]52;c;cm0gLXJmIC8=\x07name".into());
    for c in &mut d.state.checks {
        if let Phase::Done(r) = &mut c.phase {
            r.summary = format!("{}\r\x1b[31mred\u{202E}", r.summary);
        }
    }
    let mut app = app_with(d);
    let t = render(&mut app, 120, 34);
    let text = screen_text(&t);
    assert!(
        !text.contains('\x1b')
            && !text.contains('\r')
            && !text.contains('\x07')
            && !text.contains('\u{202E}')
    );
    assert!(text.contains("evil"));
}

/// The guided view of a shipped runbook over a finished diagnosis, its first step observed.
fn runbook_app(d: Diagnosis, name: &str) -> App {
    let catalog = Catalog::embedded().unwrap();
    let book = crate::runbook::shipped(&catalog)
        .unwrap()
        .into_iter()
        .find(|r| r.name == name)
        .unwrap();
    let mut app = App::new(false, Duration::from_secs(10));
    app.clock = || "03:10:00".to_string();
    app.open_runbook(d, crate::runbook::Session::new(book));
    app.observe_runbook("03:10:00");
    app
}

#[tokio::test]
async fn runbook_view_walks_steps_and_asks_for_rechecks() {
    let d = finished("sg-blocks-443").await;
    let mut app = runbook_app(d, "endpoint-unreachable");
    let now = Instant::now();
    assert_eq!(app.screen, Screen::Runbook);
    assert_eq!(app.handle_key(key('n'), now), None);
    assert_eq!(app.handle_key(key('n'), now), None);
    let rb = app.runbook.as_ref().unwrap();
    assert_eq!(rb.step().id, "security-groups");
    assert_eq!(rb.records[2].verdict, Some(Status::Fail));
    let t = render(&mut app, 120, 40);
    insta::assert_snapshot!("runbook_security_groups", t.backend());
    match app.handle_key(key('y'), now) {
        Some(Effect::Copy(cmd)) => assert!(cmd.contains("authorize-security-group-ingress")),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.handle_key(key('r'), now),
        Some(Effect::Recheck(vec![
            "endpoint.security_groups".into(),
            "client.egress".into()
        ]))
    );
    assert!(app.runbook.as_ref().unwrap().recheck_pending);
    assert_eq!(
        app.handle_key(key('e'), now),
        Some(Effect::ExportTranscript)
    );
    app.handle_key(key('p'), now);
    assert_eq!(app.runbook.as_ref().unwrap().step().id, "acceptance");
    app.handle_key(code(KeyCode::Esc), now);
    assert!(app.quit);
}

#[tokio::test]
async fn the_header_names_the_service_region_of_a_cross_region_endpoint() {
    let (session, _) = demo::replay("cross-region").await;
    let header = session.context_observed().await;
    assert_eq!(header.service_region.as_deref(), Some("us-west-2"));
    let mut app = app_with(Diagnosis::new(session.catalog.clone(), header));
    let text = screen_text(&render(&mut app, 160, 20));
    assert!(text.contains("us-east-1 → service in us-west-2"), "{text}");
    // A same-region endpoint's header names one region.
    let (session, _) = demo::replay("healthy").await;
    let header = session.context_observed().await;
    let mut app = app_with(Diagnosis::new(session.catalog.clone(), header));
    let text = screen_text(&render(&mut app, 160, 20));
    assert!(!text.contains("service in"), "{text}");
}

#[test]
fn the_picker_filter_finds_the_endpoints_that_serve_a_name_and_tab_completes_it() {
    use crate::facts::model::Endpoint;
    let ep = |id: &str, service: &str, kind: &str| Endpoint {
        id: id.into(),
        endpoint_type: kind.into(),
        service_name: service.into(),
        vpc_id: "vpc-0a1b2c3d".into(),
        state: "available".into(),
        private_dns_enabled: Some(kind == "Interface"),
        ..Endpoint::default()
    };
    let mut picker = Picker::default();
    picker.set_items(vec![
        PickerItem::from_endpoint(&ep(
            "vpce-0000000a",
            "com.amazonaws.us-east-1.ecr.api",
            "Interface",
        )),
        PickerItem::from_endpoint(&ep(
            "vpce-0000000b",
            "com.amazonaws.us-east-1.s3",
            "Gateway",
        )),
        PickerItem::from_endpoint(&ep(
            "vpce-0000000c",
            "com.amazonaws.us-east-1.sts",
            "Interface",
        )),
    ]);
    let mut app = App::new(false, Duration::from_secs(10)).with_picker(picker);
    let now = Instant::now();
    app.handle_key(key('/'), now);
    for c in "api.e".chars() {
        app.handle_key(key(c), now);
    }
    app.handle_key(code(KeyCode::Tab), now);
    assert_eq!(app.filter, "api.ecr.us-east-1.amazonaws.com");
    let shown = |app: &App| {
        app.picker
            .as_ref()
            .unwrap()
            .visible(&app.filter)
            .iter()
            .map(|i| i.endpoint_id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&app), ["vpce-0000000a"]);
    // A bucket's name is served by the gateway endpoint's route.
    app.filter = "my-bucket.s3.us-east-1.amazonaws.com".into();
    assert_eq!(shown(&app), ["vpce-0000000b"]);
    // Nothing longer to complete: Tab leaves the filter alone.
    app.filter = "nothing.example".into();
    app.handle_key(code(KeyCode::Tab), now);
    assert_eq!(app.filter, "nothing.example");
}

#[tokio::test]
async fn the_header_says_what_was_asked_and_the_endpoint_it_reached() {
    let mut d = finished("healthy").await;
    d.state.context.asked = crate::engine::state::TargetInfo {
        asked: "orders.internal.example.com".into(),
        kind: "dns_name".into(),
        endpoint_id: Some(crate::checks::test_world::EP.into()),
        path: Some("private DNS".into()),
    };
    let mut app = app_with(d);
    let t = render(&mut app, 140, 30);
    let screen = screen_text(&t);
    assert!(
        screen.contains(&format!(
            "orders.internal.example.com → {} (private DNS)",
            crate::checks::test_world::EP
        )),
        "{screen}"
    );
}

/// The check that carries the hand-made path.
const PATH_CHECK: &str = "dns.resolution_path";

/// A hand-made `dns.resolution_path` evidence table (the contract in the brief), shown on
/// [`PATH_CHECK`], selected, with a short explanation so the diagram is in view.
fn with_resolution_path(
    mut d: Diagnosis,
    status: Status,
    summary: &str,
    deciding: &str,
    path: &[[&str; 4]],
) -> Diagnosis {
    use crate::engine::outcome::Evidence;
    use crate::engine::state::CheckResult;
    let entry = d
        .state
        .checks
        .iter_mut()
        .find(|c| c.id == PATH_CHECK)
        .unwrap();
    entry.explanation = "Which layer of the VPC resolver answers the name, and whether that \
                         answer is the endpoint."
        .into();
    entry.phase = Phase::Done(CheckResult {
        status,
        summary: summary.into(),
        evidence: vec![
            Evidence::Field {
                name: "deciding_layer".into(),
                value: deciding.into(),
            },
            Evidence::Table {
                title: "resolution path".into(),
                columns: ["layer", "says", "role", "basis"]
                    .map(String::from)
                    .to_vec(),
                rows: path
                    .iter()
                    .map(|r| r.iter().map(ToString::to_string).collect())
                    .collect(),
            },
        ],
        remediation: Vec::new(),
        blocked_by: Vec::new(),
        consequence_of: Vec::new(),
        overruled_by: Vec::new(),
        duration_ms: 0,
        reproduce: None,
    });
    d.selected = rows(&d, "")
        .iter()
        .position(|r| r.id == PATH_CHECK)
        .unwrap();
    d
}

const CLIENT: [&str; 4] = [
    "client",
    "10.40.1.15 in vpc-0c3f9a7d2e1b45a60 asks the VPC resolver (10.40.0.2)",
    "client",
    "",
];

fn healthy_path() -> Vec<[&'static str; 4]> {
    vec![
        CLIENT,
        [
            "DNS Firewall",
            "no rule group associated with the VPC",
            "skipped",
            "predicted",
        ],
        [
            "Resolver rules",
            "no FORWARD rule matches api.orders.example.com",
            "skipped",
            "predicted",
        ],
        [
            "Route 53 Profile",
            "none associated",
            "skipped",
            "predicted",
        ],
        [
            "private DNS of vpce-0a1b2c3d4e5f60718",
            "serves api.orders.example.com: 10.40.1.10, 10.40.2.10",
            "decides",
            "observed",
        ],
        [
            "answer",
            "10.40.1.10, 10.40.2.10 — the endpoint's addresses",
            "answer",
            "observed",
        ],
    ]
}

fn hijacked_path() -> Vec<[&'static str; 4]> {
    vec![
        CLIENT,
        [
            "DNS Firewall rslvr-frg-0d1e2f3a4b5c6d7e8 (priority 101)",
            "ALLOW *.example.com",
            "passes",
            "predicted",
        ],
        [
            "Resolver rule rslvr-rr-5f6e7d8c9b0a12345 (FORWARD api.orders.example.com)",
            "forwards api.orders.example.com to 10.9.0.2:53, 10.9.0.3:53 through \
             rslvr-out-0a9b8c7d6e5f4a3b2; the endpoint's private name never reaches the VPC \
             resolver",
            "decides",
            "predicted",
        ],
        [
            "private DNS of vpce-0a1b2c3d4e5f60718",
            "never consulted: the rule sends the query away first",
            "skipped",
            "predicted",
        ],
        [
            "answer",
            "203.0.113.10 from the on-premises server — not the endpoint",
            "answer",
            "observed",
        ],
    ]
}

/// The healthy demo whose name a FORWARD rule for that very name sends on premises.
async fn hijacked() -> Diagnosis {
    with_resolution_path(
        finished("healthy").await,
        Status::Fail,
        "resolver rule rslvr-rr-5f6e7d8c9b0a12345 forwards api.orders.example.com to 10.9.0.2",
        "Resolver rule rslvr-rr-5f6e7d8c9b0a12345 (FORWARD api.orders.example.com)",
        &hijacked_path(),
    )
}

fn blocked_path() -> Vec<[&'static str; 4]> {
    vec![
        CLIENT,
        [
            "DNS Firewall rslvr-frg-0d1e2f3a4b5c6d7e8 (priority 100)",
            "BLOCK with NXDOMAIN: *.orders.example.com is in domain list \
             rslvr-fdl-1a2b3c4d5e6f7a8b9",
            "decides",
            "predicted",
        ],
        [
            "Resolver rules",
            "not consulted: the firewall answers first",
            "skipped",
            "predicted",
        ],
        [
            "private DNS of vpce-0a1b2c3d4e5f60718",
            "not consulted: the firewall answers first",
            "skipped",
            "predicted",
        ],
        ["answer", "NXDOMAIN", "answer", "observed"],
    ]
}

#[tokio::test]
async fn the_resolution_path_is_a_layered_diagram_when_private_dns_decides() {
    let d = with_resolution_path(
        finished("healthy").await,
        Status::Pass,
        "the endpoint's private DNS answers api.orders.example.com",
        "private DNS of vpce-0a1b2c3d4e5f60718",
        &healthy_path(),
    );
    let mut app = app_with(d);
    let t = render(&mut app, 120, 40);
    insta::assert_snapshot!("resolution_path_healthy", t.backend());
    let text = screen_text(&t);
    assert!(text.contains("▶ private DNS of vpce-0a1b2c3d4e5f60718  DECIDES  [observed]"));
    assert!(text.contains("├─○ DNS Firewall (skipped) no rule group associated"));
    assert!(!text.contains("layer  says"), "not the plain table: {text}");
    // Side by side at 100 columns too, the detail pane a little narrower.
    let t = render(&mut app, 100, 40);
    insta::assert_snapshot!("resolution_path_healthy_100", t.backend());
}

#[tokio::test]
async fn the_resolution_path_names_the_forward_rule_that_hijacks_the_name() {
    let d = hijacked().await;
    let mut app = app_with(d);
    assert_eq!(app.selected_id().as_deref(), Some(PATH_CHECK));
    let t = render(&mut app, 120, 40);
    insta::assert_snapshot!("resolution_path_forward_rule", t.backend());
    let text = screen_text(&t);
    assert!(text.contains("◇ DNS Firewall rslvr-frg-0d1e2f3a4b5c6d7e8 (priority 101)"));
    assert!(
        text.contains("▶ Resolver rule rslvr-rr-5f6e7d8c9b0a12345"),
        "{text}"
    );
}

#[tokio::test]
async fn the_resolution_path_shows_a_firewall_block_as_the_deciding_layer() {
    let d = with_resolution_path(
        finished("healthy").await,
        Status::Fail,
        "DNS Firewall rule group rslvr-frg-0d1e2f3a4b5c6d7e8 blocks api.orders.example.com",
        "DNS Firewall rslvr-frg-0d1e2f3a4b5c6d7e8 (priority 100)",
        &blocked_path(),
    );
    let mut app = app_with(d);
    let t = render(&mut app, 120, 40);
    insta::assert_snapshot!("resolution_path_firewall_block", t.backend());
    let text = screen_text(&t);
    assert!(
        text.contains("▶ DNS Firewall rslvr-frg-0d1e2f3a4b5c6d7e8"),
        "{text}"
    );
    assert!(text.contains("NXDOMAIN"));
}

#[tokio::test]
async fn the_resolution_path_keeps_its_shape_in_a_narrow_terminal() {
    let d = hijacked().await;
    let mut app = app_with(d);
    let t = render(&mut app, 60, 76);
    insta::assert_snapshot!("resolution_path_narrow", t.backend());
    let text = screen_text(&t);
    // Every line of the drawing stays inside the pane: the rail is never cut by a wrap.
    assert!(
        text.contains("│ forwards api.orders.example.com to"),
        "{text}"
    );
    assert!(text.contains("▶ Resolver rule"), "{text}");
}

#[tokio::test]
async fn other_tables_still_render_as_tables() {
    let mut app = app_with(finished("sg-blocks-443").await);
    let text = screen_text(&render(&mut app, 120, 44));
    assert!(text.contains("group                                protocol  ports  source"));
}

#[tokio::test]
async fn a_runbook_step_on_the_resolver_layers_shows_the_path() {
    let d = hijacked().await;
    let mut app = runbook_app(d, "private-dns");
    let now = Instant::now();
    while app.runbook.as_ref().unwrap().step().id != "resolver-rules" {
        app.handle_key(key('n'), now);
        app.observe_runbook("03:10:00");
    }
    let text = screen_text(&render(&mut app, 120, 60));
    assert!(
        text.contains("Does a Resolver rule send the name away"),
        "{text}"
    );
    assert!(
        text.contains("▶ Resolver rule rslvr-rr-5f6e7d8c9b0a12345 (FORWARD"),
        "{text}"
    );
}

/// Two synthetic observed series on the selected root cause (`endpoint.security_groups`):
/// zeros, gaps, a burst, a line without data, a long label, a wide-glyph label and a hostile
/// one; the explanation cut short so the evidence is in view.
fn with_series(mut d: Diagnosis) -> Diagnosis {
    use crate::engine::outcome::{Evidence, SeriesLine};
    let entry = d
        .state
        .checks
        .iter_mut()
        .find(|c| c.id == "endpoint.security_groups")
        .unwrap();
    entry.explanation = "Whether the endpoint's groups admit the client on 443.".into();
    let Phase::Done(r) = &mut entry.phase else {
        panic!("finished")
    };
    let line = |label: &str, values: &[Option<f64>]| SeriesLine {
        label: label.into(),
        values: values.to_vec(),
    };
    let burst: Vec<Option<f64>> = [0.0, 0.0, 3.0, 12.0, 40.0, 38.0, 0.0, 0.0]
        .into_iter()
        .map(Some)
        .chain([None, None])
        .chain([5.0, 1.0, 0.0, 0.0, 0.0].into_iter().map(Some))
        .collect();
    r.evidence = vec![
        Evidence::Series {
            title: "NewConnections".into(),
            unit: "connections".into(),
            start: "2026-12-02T03:00:00Z".into(),
            end: "2026-12-02T03:15:00Z".into(),
            period_secs: 60,
            lines: vec![
                line("us-east-1a", &burst),
                line("us-east-1b subnet-0123456789abcdef0", &[Some(0.0); 15]),
                line("us-east-1c", &[None; 15]),
                line("東京リージョン接続テスト", &burst),
                line("evil\x1b[2J\u{202E}az", &[Some(1.0); 15]),
            ],
        },
        Evidence::Series {
            title: "PacketsDropped".into(),
            unit: "packets".into(),
            start: "2026-12-02T02:15:00Z".into(),
            end: "2026-12-02T03:15:00Z".into(),
            period_secs: 60,
            lines: vec![line(
                "endpoint",
                &(0..60)
                    .map(|i| (i % 7 != 3).then_some(f64::from(i % 11)))
                    .collect::<Vec<_>>(),
            )],
        },
    ];
    r.remediation.clear();
    r.reproduce = None;
    d
}

/// Every row of the detail pane, as the terminal shows it.
fn detail_rows(app: &App, t: &Terminal<TestBackend>) -> Vec<String> {
    let a = app.detail_area;
    let buf = t.backend().buffer();
    (a.y..a.y + a.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = a.x;
            while x < a.x + a.width {
                let symbol = buf[(x, y)].symbol();
                row.push_str(symbol);
                // A wide glyph covers the next cell too.
                x += Span::raw(symbol).width().max(1) as u16;
            }
            row
        })
        .collect()
}

#[tokio::test]
async fn series_are_sparklines_in_the_detail_pane_at_120x40() {
    let mut app = app_with(with_series(finished("sg-blocks-443").await));
    assert_eq!(
        app.selected_id().as_deref(),
        Some("endpoint.security_groups")
    );
    let t = render(&mut app, 120, 40);
    insta::assert_snapshot!("series_sparklines_120x40", t.backend());
    let rows = detail_rows(&app, &t);
    let text = rows.join("\n");
    assert!(
        text.contains("NewConnections (connections) · 03:00–03:15 UTC · 1-min periods"),
        "{text}"
    );
    // A zero is a flat bar, a gap a dot, the burst's top a full block.
    let a = rows.iter().find(|r| r.contains("us-east-1a")).unwrap();
    assert!(a.contains("▁▁▂▄██▁▁··▂▂▁▁▁"), "{a}");
    assert!(a.contains("total 99 · peak 40 · last 0"), "{a}");
    let c = rows.iter().find(|r| r.contains("us-east-1c")).unwrap();
    assert!(c.contains("···············  no data"), "{c}");
    // 60 periods in the room there is, never wrapped onto a second row.
    let dropped = rows.iter().find(|r| r.contains("endpoint  ")).unwrap();
    assert!(
        dropped.contains("total") && dropped.ends_with('│'),
        "{dropped}"
    );
    assert!(!text.contains('\x1b') && !text.contains('\u{202E}'));
}

#[tokio::test]
async fn series_fit_the_stacked_layout_at_80x24() {
    let mut app = app_with(with_series(finished("sg-blocks-443").await));
    // The evidence starts below the verdict: scroll the detail pane to it.
    app.diagnosis.as_mut().unwrap().detail_scroll = 8;
    let t = render(&mut app, 80, 24);
    insta::assert_snapshot!("series_sparklines_80x24", t.backend());
    assert!(app.checks_area.y < app.detail_area.y, "stacked");
    let rows = detail_rows(&app, &t);
    let text = rows.join("\n");
    assert!(text.contains("us-east-1a"), "{text}");
    assert!(text.contains("▁▁▂▄██▁▁··▂▂▁▁▁"), "{text}");
    // Labels are cut whole: the wide-glyph label ends in an ellipsis, not half a glyph.
    let wide = rows.iter().find(|r| r.contains("東京")).unwrap();
    assert!(wide.contains('…') && !wide.contains('\u{FFFD}'), "{wide}");
    for r in &rows {
        assert_eq!(Span::raw(r.as_str()).width(), 80, "{r}");
    }
}

/// The engine events of one run of a bundled scenario (its context left out: the header
/// stays the one of the diagnosis they are replayed into).
async fn run_events(name: &str) -> Vec<crate::engine::EngineEvent> {
    let catalog = Arc::new(Catalog::embedded().unwrap());
    let session = demo::session(demo::find(name).unwrap(), catalog).unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    session
        .spawn(None, HashMap::new(), false, tx)
        .await
        .unwrap();
    let mut out = Vec::new();
    while let Ok(ev) = rx.try_recv() {
        if !matches!(ev, crate::engine::EngineEvent::Context(_)) {
            out.push(ev);
        }
    }
    out
}

/// A watch cycle: the events of `name`'s run, through the App as the event loop feeds them;
/// `during` looks at the App after the run started, while every check is pending.
fn replay(
    app: &mut App,
    events: &[crate::engine::EngineEvent],
    clock: &str,
    during: impl Fn(&App),
) {
    let now = Instant::now();
    for ev in events {
        app.apply_engine(ev, now, clock);
        if matches!(ev, crate::engine::EngineEvent::RunStarted { .. }) {
            during(app);
        }
    }
}

/// A diagnosis of sg-blocks-443 after its first run, fed through the App, and the events of
/// a broken and of a fixed run to replay as watch cycles.
async fn sg_blocks_443_run_once() -> (
    App,
    Vec<crate::engine::EngineEvent>,
    Vec<crate::engine::EngineEvent>,
) {
    let catalog = Arc::new(Catalog::embedded().unwrap());
    let (broken, fixed) = (
        run_events("sg-blocks-443").await,
        run_events("healthy").await,
    );
    let context = demo::session(demo::find("sg-blocks-443").unwrap(), catalog.clone())
        .unwrap()
        .context_now();
    let mut app = app_with(Diagnosis::new(catalog, context));
    replay(&mut app, &broken, "03:10:00", |_| {});
    (app, broken, fixed)
}

fn selected_row(app: &App) -> super::state::Row {
    let d = app.diagnosis.as_ref().unwrap();
    rows(d, &app.filter)[d.selected].clone()
}

#[tokio::test]
async fn watch_keeps_the_selection_on_the_fixed_root_cause_and_says_what_changed() {
    let (mut app, broken, fixed) = sg_blocks_443_run_once().await;
    assert_eq!(
        app.selected_id().as_deref(),
        Some("endpoint.security_groups")
    );
    assert!(selected_row(&app).root_cause_section);
    assert!(app.toast.is_none(), "the first run is no cycle to report");
    app.handle_key(key('w'), Instant::now());
    assert!(app.watching());

    // The fix landed between cycles: the root-cause section empties as the rerun starts and
    // stays empty; the selection follows the check into the tree.
    replay(&mut app, &fixed, "03:14:07", |app| {
        assert_eq!(
            app.selected_id().as_deref(),
            Some("endpoint.security_groups"),
            "while the rerun is pending"
        );
    });
    assert_eq!(
        app.selected_id().as_deref(),
        Some("endpoint.security_groups")
    );
    assert!(!selected_row(&app).root_cause_section);
    let toast = app.toast.as_ref().unwrap().0.clone();
    assert!(
        toast.starts_with("03:14:07 endpoint.security_groups fail → pass"),
        "{toast}"
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let t = render(&mut app, w, h);
        let text = screen_text(&t);
        assert!(
            text.contains("◉ watch 10s · last cycle 03:14:07 endpoint.security_groups fail → pass"),
            "{w}x{h}: the header says it\n{text}"
        );
        assert!(
            detail_rows(&app, &t)
                .iter()
                .any(|r| r.contains("changed fail → pass at 03:14:07")),
            "{w}x{h}: the change is in view\n{text}"
        );
        assert!(text.contains("┌ endpoint.security_groups "), "{text}");
    }
    let d = app.diagnosis.as_mut().unwrap();
    d.state.elapsed_ms = 1200;
    for c in &mut d.state.checks {
        if let Phase::Done(r) = &mut c.phase {
            r.duration_ms = 0;
        }
    }
    let t = render(&mut app, 80, 24);
    insta::assert_snapshot!("watch_fix_landed_80x24", t.backend());

    // A quiet cycle says so.
    replay(&mut app, &fixed, "03:14:17", |_| {});
    assert_eq!(app.toast.as_ref().unwrap().0, "03:14:17 no change");
    assert_eq!(
        app.selected_id().as_deref(),
        Some("endpoint.security_groups")
    );

    // It breaks again: back into its own section, where the user chose it.
    replay(&mut app, &broken, "03:14:27", |_| {});
    assert!(selected_row(&app).root_cause_section);
    assert_eq!(
        app.selected_id().as_deref(),
        Some("endpoint.security_groups")
    );
    assert!(
        app.toast
            .as_ref()
            .unwrap()
            .0
            .starts_with("03:14:27 endpoint.security_groups pass → fail"),
        "{:?}",
        app.toast
    );
}

#[tokio::test]
async fn a_tree_row_stays_selected_when_the_root_causes_above_it_come_and_go() {
    let (mut app, broken, fixed) = sg_blocks_443_run_once().await;
    let now = Instant::now();
    for _ in 0..3 {
        app.handle_key(key('j'), now);
    }
    assert_eq!(app.selected_id().as_deref(), Some("endpoint.dns"));
    replay(&mut app, &fixed, "03:14:07", |app| {
        assert_eq!(app.selected_id().as_deref(), Some("endpoint.dns"));
    });
    assert_eq!(app.selected_id().as_deref(), Some("endpoint.dns"));
    replay(&mut app, &broken, "03:14:17", |_| {});
    assert_eq!(app.selected_id().as_deref(), Some("endpoint.dns"));
    // A filter and back: still the same check.
    app.handle_key(key('/'), now);
    for c in "nacl".chars() {
        app.handle_key(key(c), now);
    }
    assert_eq!(app.selected_id().as_deref(), Some("endpoint.nacls"));
    app.handle_key(code(KeyCode::Esc), now);
    assert_eq!(app.selected_id().as_deref(), Some("endpoint.nacls"));
}

/// A watch rerun that could not observe (expired credentials) leaves the verdicts as they
/// were, marked stale with their time and what to run; the next run that gets through
/// replaces them and clears the mark.
#[tokio::test]
async fn an_interrupted_watch_rerun_keeps_the_verdicts_stale_until_one_gets_through() {
    use crate::engine::state::CheckResult;
    use crate::engine::{EngineEvent, Interruption, InterruptionKind};

    let d = finished("sg-blocks-443").await;
    let before = d.state.counts();
    let mut app = app_with(d);
    let now = Instant::now();
    let id = "endpoint.security_groups".to_string();
    let mut unknown = app
        .diagnosis
        .as_ref()
        .unwrap()
        .state
        .get(&id)
        .unwrap()
        .result()
        .unwrap()
        .clone();
    unknown.status = Status::Unknown;
    unknown.summary = "could not check: the credentials failed".into();
    let expired = Interruption {
        kind: InterruptionKind::Credentials,
        account: Some(crate::engine::outcome::Account::Consumer),
        hint: "run `aws sso login --profile prod`".into(),
    };
    let cycle =
        |app: &mut App, result: CheckResult, interrupted: Option<Interruption>, at: &str| {
            app.diagnosis.as_mut().unwrap().hold_next_run();
            for ev in [
                EngineEvent::RunStarted {
                    ids: vec![id.clone()],
                },
                EngineEvent::Started { id: id.clone() },
                EngineEvent::Finished {
                    id: id.clone(),
                    result,
                },
                EngineEvent::RunFinished {
                    elapsed_ms: 5,
                    interrupted,
                },
            ] {
                app.apply_engine(&ev, now, at);
            }
        };
    cycle(&mut app, unknown.clone(), Some(expired.clone()), "03:20:00");
    let d = app.diagnosis.as_ref().unwrap();
    assert_eq!(
        d.state.counts(),
        before,
        "nothing of the interrupted run is shown"
    );
    assert_eq!(d.state.get(&id).unwrap().status(), Some(Status::Fail));
    let stale = d.stale.as_ref().expect("marked stale");
    assert_eq!(
        stale.text(),
        "⚠ stale since 03:14:07 · the credentials of the consumer account failed: run `aws sso login --profile prod`"
    );
    assert!(d.changes.is_empty());
    assert!(!d.run_active);
    let toast = app
        .toast
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default();
    assert!(toast.contains("aws sso login --profile prod"), "{toast}");
    let screen = screen_text(&render(&mut app, 140, 30));
    assert!(screen.contains("stale since 03:14:07"), "{screen}");

    // Still expired a cycle later: the same time, no new toast needed.
    cycle(&mut app, unknown, Some(expired), "03:20:10");
    assert_eq!(
        app.diagnosis
            .as_ref()
            .unwrap()
            .stale
            .as_ref()
            .unwrap()
            .since
            .as_deref(),
        Some("03:14:07")
    );

    // The credentials work again: the run's verdicts are shown, the mark goes.
    let mut fixed = app
        .diagnosis
        .as_ref()
        .unwrap()
        .state
        .get(&id)
        .unwrap()
        .result()
        .unwrap()
        .clone();
    fixed.status = Status::Pass;
    cycle(&mut app, fixed, None, "03:20:20");
    let d = app.diagnosis.as_ref().unwrap();
    assert!(d.stale.is_none());
    assert_eq!(d.state.get(&id).unwrap().status(), Some(Status::Pass));
    assert_eq!(d.observed_at.as_deref(), Some("03:20:20"));
    assert_eq!(d.changes.len(), 1, "{:?}", d.changes);
    let toast = app
        .toast
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default();
    assert!(toast.contains("verdicts current"), "{toast}");
}

#[tokio::test]
async fn the_header_says_which_provider_profile_was_found_and_why() {
    let mut d = finished("healthy").await;
    let why = "provider profile prod-net: sso_account_id 444455556666 in ~/.aws/config";
    d.state.context.provider_source = Some(why.into());
    let mut app = app_with(d);
    let text = screen_text(&render(&mut app, 240, 30));
    assert!(text.contains(why), "{text}");
    // Found nothing: the header says what to do instead of naming a profile.
    let mut d = finished("healthy").await;
    let none =
        "no profile for account 444455556666; pass --provider-profile or add it to the config file";
    d.state.context.provider_credentials = false;
    d.state.context.provider_source = Some(none.into());
    let mut app = app_with(d);
    let text = screen_text(&render(&mut app, 240, 30));
    assert!(text.contains(none), "{text}");
}

// ---- Korean -------------------------------------------------------------------------------

use crate::i18n::Lang;

/// A scenario's finished diagnosis with the Korean catalog (call under a Korean scope).
async fn finished_ko(name: &str) -> Diagnosis {
    finished_with(name, Catalog::embedded_in(Lang::Ko).unwrap()).await
}

/// The frame as a terminal shows it: the cell a wide glyph hides is not there.
fn display_text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for (_, symbol) in display_columns(buf, y) {
            s.push_str(&symbol);
        }
        s.push('\n');
    }
    s
}

fn hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// The display column of every cell that starts a glyph, as a terminal shows the row: a
/// wide glyph takes two columns and hides the cell after it.
fn display_columns(buf: &ratatui::buffer::Buffer, y: u16) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let (mut x, mut col) = (0u16, 0usize);
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol().to_string();
        let w = Span::raw(symbol.as_str()).width().max(1);
        out.push((col, symbol));
        col += w;
        x += w as u16;
    }
    out
}

/// Every bordered pane of the frame (found by its top-right corner) has its right border at
/// one display column from its top row to its bottom row, and no row is wider than the frame.
fn assert_borders_aligned(t: &Terminal<TestBackend>, what: &str) {
    let buf = t.backend().buffer();
    let rows: Vec<Vec<(usize, String)>> = (0..buf.area.height)
        .map(|y| display_columns(buf, y))
        .collect();
    let at = |y: usize, col: usize| {
        rows[y]
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, s)| s.as_str())
    };
    let mut panes = 0;
    for (y, row) in rows.iter().enumerate() {
        let last = row
            .last()
            .map(|(c, s)| c + Span::raw(s.as_str()).width().max(1));
        assert!(
            last.unwrap_or(0) <= buf.area.width as usize,
            "{what}: row {y} is wider than the frame\n{}",
            display_text(t)
        );
        for (col, _) in row.iter().filter(|(_, s)| s == "┐") {
            panes += 1;
            let mut bottom = None;
            for below in y + 1..rows.len() {
                match at(below, *col) {
                    Some("┘") => {
                        bottom = Some(below);
                        break;
                    }
                    Some("│") | Some("┤") => {}
                    other => panic!(
                        "{what}: the pane whose corner is at column {col} of row {y} has \
                         {other:?} at that column on row {below}\n{}",
                        display_text(t)
                    ),
                }
            }
            assert!(
                bottom.is_some(),
                "{what}: the pane at column {col} of row {y} has no bottom corner"
            );
        }
    }
    assert!(panes > 0, "{what}: no bordered pane found");
}

#[tokio::test]
async fn korean_demo_diagnoses_render_aligned_at_80x24_and_120x40() {
    let _ko = crate::i18n::scoped(Lang::Ko);
    for (name, snap) in [
        ("sg-blocks-443", "ko_sg_blocks_443"),
        ("unhealthy-targets-az", "ko_unhealthy_targets_az"),
    ] {
        let mut app = app_with(finished_ko(name).await);
        for (w, h) in [(80, 24), (120, 40)] {
            let t = render(&mut app, w, h);
            insta::assert_snapshot!(format!("{snap}_{w}x{h}"), t.backend());
            assert_borders_aligned(&t, &format!("{name} {w}x{h}"));
            let screen = display_text(&t);
            assert!(hangul(&screen), "{screen}");
            for english in [
                "ROOT CAUSE",
                "What it checks",
                "Checks —",
                " help",
                "Verdict",
            ] {
                assert!(!screen.contains(english), "{english:?} in\n{screen}");
            }
            assert!(screen.contains("근본 원인"), "{screen}");
        }
        // The detail pane, focused and scrolled, stays inside its borders too.
        app.handle_key(code(KeyCode::Tab), Instant::now());
        app.handle_key(key('j'), Instant::now());
        assert_borders_aligned(&render(&mut app, 80, 24), name);
    }
}

#[tokio::test]
async fn korean_help_overlay_is_generated_from_the_keymap() {
    let _ko = crate::i18n::scoped(Lang::Ko);
    let mut app = app_with(finished_ko("healthy").await);
    app.handle_key(key('?'), Instant::now());
    let t = render(&mut app, 100, 30);
    insta::assert_snapshot!("ko_help_overlay_100x30", t.backend());
    assert_borders_aligned(&t, "help 100x30");
    let screen = display_text(&t);
    for b in super::keymap::BINDINGS
        .iter()
        .filter(|b| b.applies(super::keymap::Scope::Diagnosis))
    {
        assert!(screen.contains(&b.text()), "{}", b.text());
        assert!(!screen.contains(b.desc), "{}", b.desc);
    }
    assert!(
        screen.contains("도움말") && !screen.contains(" Help "),
        "{screen}"
    );
    let t = render(&mut app, 80, 24);
    insta::assert_snapshot!("ko_help_overlay_80x24", t.backend());
    assert_borders_aligned(&t, "help 80x24");
}

#[tokio::test]
async fn korean_demo_picker_lists_the_scenarios_in_korean() {
    let _ko = crate::i18n::scoped(Lang::Ko);
    let mut picker = Picker {
        title: crate::t!("tui-picker-title-demo"),
        ..Default::default()
    };
    picker.set_items_in_order(PickerItem::scenarios());
    let state = crate::demo::replay("sg-blocks-443").await.1;
    let (status, cause) = crate::scan::verdict(&state);
    picker.set_verdict("sg-blocks-443", status, cause);
    let mut app = App::new(false, Duration::from_secs(10)).with_picker(picker);
    for (w, h) in [(80, 24), (120, 40)] {
        let t = render(&mut app, w, h);
        insta::assert_snapshot!(format!("ko_demo_picker_{w}x{h}"), t.backend());
        assert_borders_aligned(&t, &format!("picker {w}x{h}"));
        let screen = display_text(&t);
        assert!(
            screen.contains("내장 시나리오") && screen.contains("판정"),
            "{screen}"
        );
        assert!(
            !screen.contains("VERDICT") && !screen.contains("bundled"),
            "{screen}"
        );
    }
}

#[tokio::test]
async fn korean_runbook_view_stays_inside_its_borders() {
    let _ko = crate::i18n::scoped(Lang::Ko);
    let d = finished_ko("sg-blocks-443").await;
    let catalog = Catalog::embedded_in(Lang::Ko).unwrap();
    let book = crate::runbook::shipped(&catalog)
        .unwrap()
        .into_iter()
        .find(|r| r.name == "endpoint-unreachable")
        .unwrap();
    let mut app = App::new(false, Duration::from_secs(10));
    app.clock = || "03:10:00".to_string();
    app.open_runbook(d, crate::runbook::Session::new(book));
    app.observe_runbook("03:10:00");
    let now = Instant::now();
    app.handle_key(key('n'), now);
    app.handle_key(key('n'), now);
    for (w, h) in [(80, 24), (120, 40)] {
        let t = render(&mut app, w, h);
        insta::assert_snapshot!(format!("ko_runbook_security_groups_{w}x{h}"), t.backend());
        assert_borders_aligned(&t, &format!("runbook {w}x{h}"));
        let screen = display_text(&t);
        assert!(screen.contains("런북"), "{screen}");
        assert!(
            !screen.contains("Runbook ") && !screen.contains("Why this step"),
            "{screen}"
        );
    }
}

#[test]
fn evidence_tables_pad_and_clip_by_display_width() {
    let _ko = crate::i18n::scoped(Lang::Ko);
    let table = crate::engine::outcome::Evidence::Table {
        title: "인바운드 규칙".into(),
        columns: vec!["보안 그룹".into(), "포트".into()],
        rows: vec![
            vec!["sg-1".into(), "443".into()],
            vec!["아주 긴 보안 그룹 이름이 여기 있다".into(), "22".into()],
        ],
    };
    let mut lines = Vec::new();
    super::view::evidence_lines(&mut lines, &table, 30, false);
    let rows: Vec<String> = lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    for l in &lines {
        assert!(l.width() <= 30, "{rows:?}");
    }
    // The second column starts at one display column on every row.
    let second = |row: &str, cell: &str| Span::raw(&row[..row.find(cell).unwrap()]).width();
    assert_eq!(
        second(&rows[1], "포트"),
        second(&rows[2], "443"),
        "{rows:?}"
    );
    assert_eq!(second(&rows[1], "포트"), second(&rows[3], "22"), "{rows:?}");
}

/// The path view of every demo scenario, at the smallest supported size and a large one.
#[tokio::test]
async fn path_view_of_every_scenario() {
    for scenario in demo::SCENARIOS {
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            let mut app = app_with(finished(scenario.name).await);
            app.handle_key(key('v'), Instant::now());
            assert!(app.path_shown(), "{}: no path drawn", scenario.name);
            let t = render(&mut app, w, h);
            let text = screen_text(&t);
            assert!(text.contains(" path "), "{}:\n{text}", scenario.name);
            insta::assert_snapshot!(format!("path_{}_{w}x{h}", scenario.name), t.backend());
        }
    }
}

#[tokio::test]
async fn the_path_opens_on_the_broken_zone_and_enter_goes_to_its_check() {
    let mut app = app_with(finished("unhealthy-targets-az").await);
    let now = Instant::now();
    app.handle_key(key('v'), now);
    let text = screen_text(&render(&mut app, 80, 24));
    // The broken zone's targets are selected: the detail names the zone and the fix.
    assert!(text.contains("0/4 healthy"), "{text}");
    assert!(text.contains("Zone use1-az6"), "{text}");
    // The healthy zone's targets are not painted by the other zone's failure.
    app.handle_key(code(KeyCode::Up), now);
    let healthy = screen_text(&render(&mut app, 80, 24));
    assert!(healthy.contains("✓ 4/4 healthy"), "{healthy}");
    assert!(!healthy.contains("Zone use1-az6"), "{healthy}");
    app.handle_key(code(KeyCode::Down), now);
    app.handle_key(code(KeyCode::Enter), now);
    assert!(!app.path_shown());
    assert_eq!(app.selected_id().as_deref(), Some("nlb.zonal_health"));
    // Back in the path, Left walks the row towards the client.
    app.handle_key(key('v'), now);
    app.handle_key(code(KeyCode::Left), now);
    app.handle_key(code(KeyCode::Left), now);
    let d = app.diagnosis.as_ref().unwrap();
    assert_eq!(d.hop, (2, 2));
    let lb = screen_text(&render(&mut app, 120, 40));
    assert!(lb.contains("nlb.state"), "{lb}");
}

#[tokio::test]
async fn the_security_group_hop_is_the_root_cause_of_sg_blocks_443() {
    let mut app = app_with(finished("sg-blocks-443").await);
    app.handle_key(key('v'), Instant::now());
    let d = app.diagnosis.as_ref().unwrap();
    // Row 0 is the client and DNS; rows 1.. are the zones; hop 0 is the interface.
    assert_eq!(d.hop, (1, 0));
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("endpoint.security_groups"), "{text}");
    assert!(text.contains("authorize-security-group-ingress"), "{text}");
}

#[tokio::test]
async fn the_path_follows_a_rerun() {
    let mut d = finished("unhealthy-targets-az").await;
    assert!(d.state.path.is_some());
    // A watch rerun's new path replaces the old one when the run commits.
    let mut healed = d.state.path.clone().unwrap();
    for lane in &mut healed.lanes {
        lane.broken = None;
        for hop in &mut lane.hops {
            hop.label = hop.label.replace("0/4", "4/4");
        }
    }
    let now = Instant::now();
    d.hold_next_run();
    d.apply(
        &crate::engine::EngineEvent::RunStarted { ids: vec![] },
        now,
        "03:15:00",
    );
    d.apply(
        &crate::engine::EngineEvent::Path(Box::new(healed)),
        now,
        "03:15:00",
    );
    assert!(
        d.state
            .path
            .as_ref()
            .unwrap()
            .lanes
            .iter()
            .any(|l| l.broken.is_some())
    );
    d.apply(
        &crate::engine::EngineEvent::RunFinished {
            elapsed_ms: 1,
            interrupted: None,
        },
        now,
        "03:15:00",
    );
    assert!(
        d.state
            .path
            .as_ref()
            .unwrap()
            .lanes
            .iter()
            .all(|l| l.broken.is_none())
    );
}

#[tokio::test]
async fn a_click_on_a_hop_selects_it() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = app_with(finished("unhealthy-targets-az").await);
    app.handle_key(key('v'), Instant::now());
    render(&mut app, 120, 40);
    // The healthy zone's interface: the first hop of the second lane.
    let (area, _) = *app
        .path_hits
        .iter()
        .find(|(_, at)| *at == (1, 0))
        .expect("the hop was drawn");
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: area.x + 1,
        row: area.y,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(app.diagnosis.as_ref().unwrap().hop, (1, 0));
    let text = screen_text(&render(&mut app, 120, 40));
    assert!(text.contains("┌ endpoint interface "), "{text}");
}
