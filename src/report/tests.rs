//! Every format from the same report: golden files, the JSON Schema, JUnit counts, redaction,
//! and hostile values in every format of reports, fleet scans and runbook transcripts.

use super::fleet::{
    AccountOutcome, FleetCause, FleetEntry, FleetReport, FleetScope, FleetSummary, RegionOutcome,
};
use super::transcript::{CheckLine, EntryKind, EntryLine, StepLine, StepPolicy, Transcript};
use super::{Format, Report, ReportContext, Timings};
use crate::demo;
use crate::engine::outcome::{Account, Evidence, Remediation, Status};

/// The report of a demo scenario with everything that varies between runs pinned.
pub async fn scenario_report(name: &str) -> Report {
    let (_, state) = demo::replay(name).await;
    let mut report = Report::build(&state, Default::default(), Timings::default());
    report.generated_at = "2026-11-27T03:14:07Z".into();
    report.command_line = vec![
        "vpce-doctor".into(),
        "check".into(),
        report.target.asked.clone(),
        "--from-snapshot".into(),
        format!("{name}.json"),
    ];
    for c in &mut report.checks {
        c.duration_ms = 0;
    }
    report
}

fn schema() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(super::JSON_SCHEMA).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

pub fn assert_valid(report_json: &str) {
    let value: serde_json::Value = serde_json::from_str(report_json).unwrap();
    let validator = schema();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "report does not match assets/report.schema.json: {errors:?}"
    );
}

#[tokio::test]
async fn golden_files_for_every_format() {
    for name in ["sg-blocks-443", "healthy"] {
        let report = scenario_report(name).await;
        for format in [
            Format::Text,
            Format::Json,
            Format::Markdown,
            Format::Html,
            Format::Junit,
        ] {
            let rendered = format.render(&report, false, true);
            insta::assert_snapshot!(format!("{name}.{}", format.extension()), rendered);
        }
    }
}

#[tokio::test]
async fn every_scenario_report_matches_the_schema_redacted_or_not() {
    for s in demo::SCENARIOS {
        let report = scenario_report(s.name).await;
        assert_valid(&report.to_json());
        assert_valid(&super::redact::redact(&report).to_json());
        let back: Report = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(back, report, "JSON round-trips");
    }
}

#[tokio::test]
async fn how_the_provider_s_credentials_were_found_is_in_every_face_and_the_schema() {
    let mut report = scenario_report("healthy").await;
    let why = "provider profile prod-net: sso_account_id 222222222222 in ~/.aws/config";
    report.context.provider_source = Some(why.into());
    assert_valid(&report.to_json());
    for format in [Format::Text, Format::Json, Format::Markdown, Format::Html] {
        let rendered = format.render(&report, false, false);
        assert!(rendered.contains(why), "{format:?}: {rendered}");
    }
    let mut value: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    value["context"]["provider_source"] = serde_json::json!(5);
    assert!(!schema().is_valid(&value), "a number is not a reason");
    // Found nothing: the text header says so instead of the generic line.
    report.context.provider_credentials = false;
    report.context.provider_source = Some(
        "no profile for account 222222222222; pass --provider-profile or add it to the config file"
            .into(),
    );
    let text = Format::Text.render(&report, false, false);
    assert!(
        text.contains("provider  no provider credentials: no profile for account 222222222222"),
        "{text}"
    );
}

#[tokio::test]
async fn junit_counts_equal_the_report() {
    for s in demo::SCENARIOS {
        let report = scenario_report(s.name).await;
        let xml = Format::Junit.render(&report, false, false);
        let doc = roxmltree::Document::parse(&xml).expect("JUnit output parses as XML");
        let suite = doc
            .descendants()
            .find(|n| n.has_tag_name("testsuite"))
            .unwrap();
        let attr = |n: &str| suite.attribute(n).unwrap().parse::<usize>().unwrap();
        assert_eq!(attr("tests"), report.checks.len(), "{}", s.name);
        assert_eq!(attr("failures"), report.count(Status::Fail), "{}", s.name);
        assert_eq!(attr("errors"), report.count(Status::Unknown), "{}", s.name);
        assert_eq!(
            attr("skipped"),
            report.count(Status::Blocked) + report.count(Status::NotApplicable),
            "{}",
            s.name
        );
        let failures = doc
            .descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count();
        assert_eq!(failures, report.count(Status::Fail));
    }
}

/// Every kind of text that must not steer a terminal, break out of Markdown or become markup:
/// ANSI, OSC 8 (hyperlink) and OSC 52 (clipboard) sequences, C0 and C1 controls, a
/// right-to-left override, backticks, backslashes before Markdown's special characters, HTML
/// that closes our elements or opens its own.
pub const HOSTILE: &[&str] = &[
    "\x1b[2J\x1b[31mred",
    "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "nul\u{0} bs\u{8} cr\r lf\n tab\t del\u{7f}",
    "\u{9b}2J \u{9d}52;c;eA==\u{9c} \u{85}",
    "evil\u{202E}fdp.exe",
    "`a` ``b`` ```c``` ````",
    "\\` \\| \\\\ \\< end\\",
    "</code></pre></td></table></details>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)><iframe src=javascript:alert(3)>",
    "\"'><a href=\"javascript:alert(4)\">x</a>",
];

/// One value carrying every hostile piece.
pub fn evil() -> String {
    HOSTILE.join(" ")
}

/// A value long enough to overflow any cell, line or buffer that assumes short AWS ids.
pub fn long() -> String {
    "L".repeat(10_000)
}

fn poison(mut report: Report, evil: &str) -> Report {
    report.target = crate::engine::state::TargetInfo {
        asked: format!("{evil}.example.com"),
        kind: "dns_name".into(),
        endpoint_id: Some(format!("vpce-{evil}")),
        path: Some(format!("private hosted zone {evil}")),
    };
    report.context.service_name = Some(evil.into());
    report.context.region = evil.into();
    report.context.consumer_account = Some(evil.into());
    report.context.provider_source = Some(evil.into());
    report.context.source = evil.into();
    for c in &mut report.checks {
        c.summary = format!("{} {evil}", c.summary);
        c.evidence.push(Evidence::Field {
            name: evil.into(),
            value: evil.into(),
        });
        c.evidence.push(Evidence::Table {
            title: evil.into(),
            columns: vec![evil.into()],
            rows: vec![vec![evil.into()]],
        });
        c.evidence.push(Evidence::Series {
            title: evil.into(),
            unit: evil.into(),
            start: evil.into(),
            end: evil.into(),
            period_secs: 60,
            lines: vec![crate::engine::outcome::SeriesLine {
                label: evil.into(),
                values: vec![Some(1.0), None, Some(0.0)],
            }],
        });
        for f in &mut c.remediation {
            f.text = format!("{} {evil}", f.text);
            f.command = Some(format!("aws {evil}"));
        }
        c.reproduce = Some(format!("aws {evil}"));
    }
    for rc in &mut report.root_causes {
        rc.summary = format!("{} {evil}", rc.summary);
        for f in &mut rc.remediation {
            f.text = format!("{} {evil}", f.text);
            f.command = Some(format!("aws {evil}"));
        }
    }
    report
}

fn hostile(report: Report) -> Report {
    poison(report, &evil())
}

fn poisoned_fleet(reports: &[Report], evil: &str) -> FleetReport {
    let entries: Vec<FleetEntry> = reports
        .iter()
        .map(|r| {
            let report = poison(r.clone(), evil);
            let worst = report
                .checks
                .iter()
                .map(|c| c.status)
                .min_by_key(|s| match s {
                    Status::Fail => 0,
                    Status::Unknown => 1,
                    Status::Warn => 2,
                    _ => 3,
                })
                .unwrap_or(Status::Pass);
            FleetEntry {
                region: evil.into(),
                endpoint: report.target.asked.clone(),
                service: format!("com.amazonaws.vpce.{evil}"),
                vpc: evil.into(),
                state: evil.into(),
                owner: Some(evil.into()),
                account: Some(evil.into()),
                account_name: Some(evil.into()),
                worst,
                root_cause: report.root_causes.first().map(|rc| FleetCause {
                    check: rc.id.clone(),
                    summary: rc.summary.clone(),
                }),
                headline: format!("cause {evil}"),
                report,
            }
        })
        .collect();
    FleetReport {
        schema_version: 1,
        kind: "fleet".into(),
        tool: Default::default(),
        generated_at: "2026-11-27T03:14:07Z".into(),
        command_line: vec!["vpce-doctor".into(), "scan".into(), evil.into()],
        scope: FleetScope {
            side: "consumer".into(),
            regions: vec![evil.into(), "us-east-1".into()],
            filters: vec![evil.into()],
            service: None,
            role_name: Some(evil.into()),
        },
        summary: FleetSummary {
            endpoints: entries.len(),
            by_status: Default::default(),
            exit_code: 1,
            wall_ms: 0,
            api_calls: Default::default(),
            regions: vec![RegionOutcome {
                region: evil.into(),
                account: Some(evil.into()),
                endpoints: 0,
                error: Some(format!("denied {evil}")),
                wall_ms: 0,
            }],
            // An organisation's account names are its own text.
            accounts: vec![
                AccountOutcome {
                    id: evil.into(),
                    name: Some(evil.into()),
                    endpoints: 1,
                    error: None,
                    wall_ms: 0,
                },
                AccountOutcome {
                    id: "111122223333".into(),
                    name: Some(evil.into()),
                    endpoints: 0,
                    error: Some(format!("could not assume {evil}")),
                    wall_ms: 0,
                },
            ],
            accounts_skipped: [(evil.to_string(), 1)].into(),
        },
        endpoints: entries,
    }
}

fn poisoned_transcript(evil: &str) -> Transcript {
    let fix = Remediation {
        text: format!("open the port {evil}"),
        command: Some(format!("aws ec2 authorize {evil}")),
        account: Account::Consumer,
    };
    let step = |index: usize, verdict: Status| StepLine {
        index,
        id: format!("step-{index}"),
        title: format!("Step {index} {evil}"),
        checks: vec!["endpoint.security_groups".into()],
        reached: true,
        verdict: Some(verdict),
        checked_at: Some("03:10:00".into()),
        on_fail: StepPolicy::Stop,
        results: vec![CheckLine {
            id: "endpoint.security_groups".into(),
            status: verdict,
            summary: format!("summary {evil}"),
            remediation: vec![fix.clone()],
        }],
    };
    Transcript {
        schema_version: super::transcript::TRANSCRIPT_SCHEMA_VERSION,
        runbook: "endpoint-unreachable".into(),
        title: format!("Title {evil}"),
        target: format!("vpce-{evil}"),
        generated_at: "2026-11-27T03:14:07Z".into(),
        command_line: vec!["vpce-doctor".into(), "runbook".into(), evil.into()],
        context: ReportContext {
            region: evil.into(),
            consumer_account: Some(evil.into()),
            provider_account: Some(evil.into()),
            ..Default::default()
        },
        steps: vec![step(1, Status::Pass), step(2, Status::Fail)],
        transcript: [Status::Pass, Status::Fail]
            .into_iter()
            .enumerate()
            .map(|(i, verdict)| EntryLine {
                at: "03:10:00".into(),
                step: format!("step-{}", i + 1),
                kind: EntryKind::Checked,
                verdict,
                observation: format!("endpoint.security_groups: {evil}"),
            })
            .collect(),
        stopped: Some(format!("step 2 failed {evil}")),
        exit_code: 1,
    }
}

/// JSON escapes the C0 controls it must; it carries DEL, C1 and bidi characters as they are
/// (valid JSON, the values unchanged for the tools that read it).
fn assert_json_clean(what: &str, out: &str) {
    let bad: Vec<char> = out.chars().filter(|&c| c < ' ' && c != '\n').collect();
    assert!(bad.is_empty(), "{what}: raw C0 control characters {bad:?}");
}

/// Terminal-safe: no control character but the line breaks the writer put there, no bidi
/// reordering.
fn assert_terminal_clean(what: &str, out: &str) {
    let bad: Vec<char> = out
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what}: raw control characters {bad:?}");
}

/// What makes a Markdown line what it is: whether it is inside a fence, the fence markers, the
/// table cell separators (pipes no backslash escapes) and the code-span backticks outside
/// fences. Untrusted text must change none of these.
fn markdown_shape(md: &str) -> Vec<(bool, bool, usize, usize)> {
    let mut fenced = false;
    md.lines()
        .map(|line| {
            let fence = line.trim_start().starts_with("```");
            if fence {
                fenced = !fenced;
            }
            let (mut pipes, mut backslashes) = (0, 0);
            for c in line.chars() {
                if c == '|' && backslashes % 2 == 0 {
                    pipes += 1;
                }
                backslashes = if c == '\\' { backslashes + 1 } else { 0 };
            }
            let ticks = if fenced || fence {
                0
            } else {
                line.matches('`').count()
            };
            (fenced, fence, pipes, ticks)
        })
        .collect()
}

/// `hostile` renders with the same Markdown structure as `benign` (the same model carrying a
/// harmless word), and no HTML outside code blocks.
fn assert_markdown_inert(what: &str, hostile: &str, benign: &str) {
    assert_terminal_clean(what, hostile);
    let (h, b) = (markdown_shape(hostile), markdown_shape(benign));
    assert_eq!(h.len(), b.len(), "{what}: line count changed");
    for (n, ((hs, bs), line)) in h.iter().zip(&b).zip(hostile.lines()).enumerate() {
        assert_eq!(hs, bs, "{what}: line {} changed shape: {line}", n + 1);
    }
    let prose: String = hostile.split("```").step_by(2).collect();
    for tag in ["<script", "<img", "<iframe", "</code", "<a "] {
        assert!(!prose.contains(tag), "{what}: {tag} outside a code block");
    }
}

/// Elements and attributes our HTML writers use; anything else in the parsed document came
/// from a value.
const HTML_ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "span", "dl", "dt",
    "dd", "div", "p", "strong", "code", "pre", "ul", "li", "details", "summary", "table", "thead",
    "tbody", "tr", "th", "td", "footer", "a", // the inline charts of observed series
    "svg", "line", "text", "polyline", "circle", // the path view
    "defs", "marker", "path", "rect", "g",
];
const HTML_ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "class",
    "id",
    "href",
    "open", // chart geometry
    "viewBox",
    "role",
    "aria-label",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "points",
    "cx",
    "cy",
    "r", // the path view's boxes, arrows and words
    "width",
    "height",
    "rx",
    "d",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "marker-end",
    "refX",
    "refY",
    "markerWidth",
    "markerHeight",
    "orient",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
];

/// Parsed as a browser parses it (the HTML5 tree-construction algorithm): only our own
/// elements and attributes, no event handler, no script URL, and every hostile piece there as
/// text.
pub fn assert_html_inert(what: &str, html: &str, texts: &[String]) {
    let doc = scraper::Html::parse_document(html);
    let mut text = String::new();
    for node in doc.tree.nodes() {
        match node.value() {
            scraper::Node::Element(e) => {
                assert!(
                    HTML_ELEMENTS.contains(&e.name()),
                    "{what}: a <{}> element",
                    e.name()
                );
                for (name, value) in e.attrs() {
                    assert!(
                        HTML_ATTRIBUTES.contains(&name),
                        "{what}: attribute {name}={value:?} on <{}>",
                        e.name()
                    );
                    assert!(
                        !value.trim().to_ascii_lowercase().starts_with("javascript:"),
                        "{what}: {name}={value:?}"
                    );
                }
            }
            scraper::Node::Text(t) => text.push_str(t),
            _ => {}
        }
    }
    for t in texts {
        let shown = crate::sanitize::terminal_safe(t);
        assert!(
            text.contains(&shown),
            "{what}: {shown:?} is not shown as text"
        );
    }
}

fn hostile_texts() -> Vec<String> {
    HOSTILE
        .iter()
        .map(ToString::to_string)
        .chain([long()])
        .collect()
}

#[tokio::test]
async fn hostile_values_are_inert_in_every_report_format() {
    let base = scenario_report("sg-blocks-443").await;
    for evil in [evil(), long()] {
        let report = poison(base.clone(), &evil);
        let benign = poison(base.clone(), "benign");
        let text = Format::Text.render(&report, false, true);
        assert_terminal_clean("text", &text);
        assert!(text.contains('…'), "long evidence is clipped in text");
        let json = Format::Json.render(&report, false, false);
        assert_json_clean("json", &json);
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report, "JSON carries every value unchanged");
        assert_markdown_inert(
            "markdown",
            &Format::Markdown.render(&report, false, false),
            &Format::Markdown.render(&benign, false, false),
        );
        let html = Format::Html.render(&report, false, false);
        assert_terminal_clean("html", &html);
        assert_html_inert("html", &html, std::slice::from_ref(&evil));
        let xml = Format::Junit.render(&report, false, false);
        assert_terminal_clean("junit", &xml);
        roxmltree::Document::parse(&xml).expect("hostile values keep the XML well-formed");
    }
    let html = Format::Html.render(&hostile(base), false, false);
    assert_html_inert("html", &html, &hostile_texts()[..HOSTILE.len()]);
}

#[tokio::test]
async fn hostile_values_are_inert_in_every_fleet_format() {
    let reports = [
        scenario_report("sg-blocks-443").await,
        scenario_report("healthy").await,
    ];
    for evil in [evil(), long()] {
        let fleet = poisoned_fleet(&reports, &evil);
        let benign = poisoned_fleet(&reports, "benign");
        let render = |f: &FleetReport, format| super::fleet::render(f, format, false, true);
        let text = render(&fleet, Format::Text);
        assert_terminal_clean("fleet text", &text);
        assert!(text.contains('…'), "a long root cause is clipped");
        let json = render(&fleet, Format::Json);
        assert_json_clean("fleet json", &json);
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["endpoints"][0]["vpc"], evil.as_str());
        assert_eq!(back["summary"]["regions"][0]["region"], evil.as_str());
        assert_markdown_inert(
            "fleet markdown",
            &render(&fleet, Format::Markdown),
            &render(&benign, Format::Markdown),
        );
        let html = render(&fleet, Format::Html);
        assert_terminal_clean("fleet html", &html);
        assert_html_inert("fleet html", &html, std::slice::from_ref(&evil));
        let xml = render(&fleet, Format::Junit);
        assert_terminal_clean("fleet junit", &xml);
        let doc = roxmltree::Document::parse(&xml).expect("fleet JUnit stays well-formed");
        // Two endpoints, and the account that could not be scanned.
        let suites: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("testsuite"))
            .filter_map(|n| n.attribute("name"))
            .collect();
        assert_eq!(suites.len(), 3, "{suites:?}");
        assert!(suites[0].starts_with("account "), "{suites:?}");
        assert!(suites[2].starts_with("account 111122223333"), "{suites:?}");
    }
    // Every piece on its own too: a piece that only misbehaves at the start of a cell.
    for piece in HOSTILE {
        let fleet = poisoned_fleet(&reports, piece);
        let benign = poisoned_fleet(&reports, "benign");
        assert_markdown_inert(
            piece,
            &super::fleet::render(&fleet, Format::Markdown, false, false),
            &super::fleet::render(&benign, Format::Markdown, false, false),
        );
        assert_terminal_clean(
            piece,
            &super::fleet::render(&fleet, Format::Text, false, false),
        );
    }
}

#[tokio::test]
async fn an_organisation_scan_groups_its_rows_by_account_in_every_face() {
    let reports = [
        scenario_report("sg-blocks-443").await,
        scenario_report("healthy").await,
    ];
    let fleet = poisoned_fleet(&reports, "payments");
    let groups = super::fleet::groups(&fleet);
    let shape: Vec<(&str, Vec<usize>)> = groups
        .iter()
        .map(|(a, rows)| (a.unwrap().id.as_str(), rows.clone()))
        .collect();
    assert_eq!(shape, [("payments", vec![0, 1]), ("111122223333", vec![])]);
    let text = super::fleet::render(&fleet, Format::Text, false, false);
    let first = text
        .find("account payments (payments) · 1 endpoint(s)")
        .unwrap();
    let second = text
        .find("account 111122223333 (payments) · 0 endpoint(s)")
        .unwrap();
    let row = text.find(&fleet.endpoints[1].endpoint).unwrap();
    assert!(first < row && row < second, "{text}");
    assert!(
        text[second..].contains("could not scan: could not assume payments"),
        "{text}"
    );
    assert!(
        text.contains("· 2 account(s), 1 could not be scanned"),
        "{text}"
    );
    assert!(text.contains("Not scanned (not ACTIVE in the organisation): 1 payments"));
    let md = super::fleet::render(&fleet, Format::Markdown, false, false);
    assert_eq!(md.matches("\n## account ").count(), 2, "{md}");
    let html = super::fleet::render(&fleet, Format::Html, false, false);
    assert_eq!(html.matches("<h2>account ").count(), 2, "{html}");
    assert_eq!(html.matches("<table>").count(), 2, "{html}");
    // A one-account scan: one table, no account headings.
    let mut single = fleet.clone();
    single.summary.accounts.clear();
    assert_eq!(super::fleet::groups(&single), [(None, vec![0, 1])]);
    let text = super::fleet::render(&single, Format::Text, false, false);
    assert!(
        !text.contains("account(s)") && !text.contains("\naccount "),
        "{text}"
    );
}

#[test]
fn hostile_values_are_inert_in_runbook_transcripts() {
    for evil in HOSTILE
        .iter()
        .map(ToString::to_string)
        .chain([evil(), long()])
    {
        let t = poisoned_transcript(&evil);
        assert_markdown_inert(
            &format!("transcript markdown with {evil:?}"),
            &t.to_markdown(),
            &poisoned_transcript("benign").to_markdown(),
        );
        let json = t.to_json();
        assert_json_clean("transcript json", &json);
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["target"], format!("vpce-{evil}"));
        assert_eq!(
            back["transcript"][1]["observation"],
            format!("endpoint.security_groups: {evil}")
        );
    }
}

#[tokio::test]
async fn hostile_values_are_escaped_in_html_and_junit() {
    let report = hostile(scenario_report("sg-blocks-443").await);
    let html = Format::Html.render(&report, false, false);
    for bad in [
        "<script",
        "<img",
        "onerror=alert(2)>",
        "\x1b",
        "\u{7}",
        "\"'>",
    ] {
        assert!(!html.contains(bad), "HTML contains {bad:?} unescaped");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let xml = Format::Junit.render(&report, false, false);
    roxmltree::Document::parse(&xml).expect("hostile values keep the XML well-formed");
    let md = Format::Markdown.render(&report, false, false);
    assert!(!md.contains('\x1b'));
    // Markup outside code blocks is escaped; inside them it is shown, not interpreted.
    let prose: String = md.split("```").step_by(2).collect();
    assert!(
        !prose.contains("<script") && !prose.contains("<img"),
        "{prose}"
    );
    let text = Format::Text.render(&report, false, false);
    assert!(!text.contains('\x1b') && !text.contains('\u{7}'));
}

#[tokio::test]
async fn redaction_leaves_no_account_or_private_address_in_any_format() {
    let report = super::redact::redact(&scenario_report("sg-blocks-443").await);
    assert!(report.redacted);
    let secrets = [
        "111122223333",
        "444455556666",
        "777788889999",
        "10.40.1.87",
        "10.40.2.143",
        "10.40.0.0",
        "10.40.9.0",
        "10.40.0.2",
    ];
    for format in [
        Format::Text,
        Format::Json,
        Format::Markdown,
        Format::Html,
        Format::Junit,
    ] {
        let out = format.render(&report, false, true);
        for s in secrets {
            assert!(!out.contains(s), "{format:?} still shows {s}");
        }
        assert!(
            out.contains("ACCOUNT-1") || format == Format::Junit,
            "{format:?}"
        );
    }
    // Consistent: the consumer account is the same placeholder wherever it appears.
    let json = report.to_json();
    assert_eq!(
        report.context.consumer_account.as_deref(),
        Some("ACCOUNT-1")
    );
    assert!(json.contains("arn:aws:iam::ACCOUNT-1:root"));
    // Nothing else changes.
    assert!(json.contains("sg-0b7e6d5c4f3a2b190") && json.contains("vpce-0a1b2c3d4e5f60718"));
}

#[test]
fn formats_follow_the_file_extension() {
    assert_eq!(Format::from_path("r.json"), Some(Format::Json));
    assert_eq!(Format::from_path("R.MD"), Some(Format::Markdown));
    assert_eq!(Format::from_path("r.html"), Some(Format::Html));
    assert_eq!(Format::from_path("r.junit.xml"), Some(Format::Junit));
    assert_eq!(Format::from_path("r.txt"), Some(Format::Text));
    assert_eq!(Format::from_path("r.pdf"), None);
}

#[tokio::test]
async fn every_format_names_a_cross_region_endpoints_service_region() {
    let report = scenario_report("cross-region").await;
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["context"]["service_region"], "us-west-2");
    for (format, line) in [
        (Format::Text, "service region us-west-2"),
        (Format::Markdown, "| service region | us-west-2"),
        (Format::Html, "us-east-1 (service in us-west-2"),
    ] {
        let rendered = format.render(&report, false, true);
        assert!(rendered.contains(line), "{format:?}: {rendered}");
    }
    // Same-region reports carry no such field (older readers and reports agree).
    let healthy: serde_json::Value =
        serde_json::from_str(&scenario_report("healthy").await.to_json()).unwrap();
    assert!(healthy["context"].get("service_region").is_none());
}

/// The sg-blocks-443 report with observed series on its root cause: a burst with a gap, a
/// line without data, a lone datapoint between gaps, and a hostile label.
async fn report_with_series() -> Report {
    use crate::engine::outcome::SeriesLine;
    let mut report = scenario_report("sg-blocks-443").await;
    let check = report
        .checks
        .iter_mut()
        .find(|c| c.id == "endpoint.security_groups")
        .unwrap();
    check.evidence.push(Evidence::Series {
        // Unique: the demo's own traffic checks carry series too.
        title: "Synthetic connections".into(),
        unit: "connections".into(),
        start: "2026-12-02T03:00:00Z".into(),
        end: "2026-12-02T03:10:00Z".into(),
        period_secs: 60,
        lines: vec![
            SeriesLine {
                label: "us-east-1a".into(),
                values: vec![
                    Some(0.0),
                    Some(3.0),
                    Some(40.0),
                    None,
                    None,
                    Some(5.0),
                    Some(1.5),
                    None,
                    Some(7.0),
                    None,
                ],
            },
            SeriesLine {
                label: "us-east-1c".into(),
                values: vec![None; 10],
            },
            SeriesLine {
                label: "<script>alert(9)</script>".into(),
                values: vec![Some(1.0); 10],
            },
        ],
    });
    report
}

#[tokio::test]
async fn a_series_round_trips_through_json_and_matches_the_schema() {
    let report = report_with_series().await;
    let json = Format::Json.render(&report, false, false);
    assert_valid(&json);
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(
        back, report,
        "every value, None periods included, comes back"
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let series = value["checks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap())
        .find(|e| e["kind"] == "series" && e["title"] == "Synthetic connections")
        .unwrap();
    assert_eq!(series["lines"][0]["values"][3], serde_json::Value::Null);
    assert_eq!(series["lines"][0]["values"][6], 1.5);
}

#[tokio::test]
async fn a_series_is_an_inline_svg_chart_with_gaps_in_html() {
    let report = report_with_series().await;
    let html = Format::Html.render(&report, false, false);
    assert_html_inert(
        "html with a series",
        &html,
        &["<script>alert(9)</script>".into()],
    );
    assert!(!html.contains("<script"), "no script");
    assert!(
        !html.contains("src=") && !html.contains("xlink"),
        "nothing fetched"
    );
    let chart = html
        .split("aria-label=\"Synthetic connections\"")
        .nth(1)
        .unwrap()
        .split("</svg>")
        .next()
        .unwrap();
    // us-east-1a: three runs of datapoints (0..=2, 5..=6, 8) → two polylines and a dot; the
    // constant line one polyline; the line without data nothing.
    assert_eq!(
        chart.matches("<polyline class=\"l0\"").count(),
        2,
        "{chart}"
    );
    assert_eq!(chart.matches("<circle class=\"l0\"").count(), 1, "{chart}");
    assert_eq!(chart.matches("class=\"l1\"").count(), 0, "{chart}");
    assert_eq!(
        chart.matches("<polyline class=\"l2\"").count(),
        1,
        "{chart}"
    );
    // The axis: 0 to the peak; the window's clock times.
    assert!(
        chart.contains(">40</text>") && chart.contains(">0</text>"),
        "{chart}"
    );
    assert!(chart.contains(">03:00</text>") && chart.contains(">03:10 UTC</text>"));
    assert!(html.contains("Synthetic connections (connections) · 03:00–03:10 UTC · 1-min periods"));
    assert!(html.contains(
        "&lt;script&gt;alert(9)&lt;/script&gt;: total 10, peak 1, last 1 (10/10 periods with data)"
    ));
    assert!(html.contains("us-east-1c: no data in 10 periods"));
}

#[tokio::test]
async fn a_series_is_a_text_sparkline_in_markdown_and_text() {
    let report = report_with_series().await;
    let md = Format::Markdown.render(&report, false, false);
    assert!(
        md.contains("- Synthetic connections (connections) · 03:00–03:10 UTC · 1-min periods:"),
        "{md}"
    );
    assert!(
        md.contains(
            "  - us-east-1a: `▁▂█··▂▂·▃·` total 56.50, peak 40, last 7 (6/10 periods with data)"
        ),
        "{md}"
    );
    assert!(
        md.contains("  - us-east-1c: `··········` no data in 10 periods"),
        "{md}"
    );
    assert!(
        md.contains("&lt;script&gt;alert(9)&lt;/script&gt;: `██████████`"),
        "{md}"
    );
    let text = Format::Text.render(&report, false, false);
    assert!(
        text.contains("us-east-1a                 ▁▂█··▂▂·▃·  total 56.50, peak 40, last 7"),
        "{text}"
    );
}

#[tokio::test]
async fn the_spooled_fleet_json_is_the_report_byte_for_byte_and_the_tables_read_the_slim_entries() {
    let reports = [
        scenario_report("sg-blocks-443").await,
        scenario_report("healthy").await,
    ];
    let render = |f: &FleetReport, format| super::fleet::render(f, format, false, true);
    for evil in [evil(), long(), "benign".to_string()] {
        let full = poisoned_fleet(&reports, &evil);
        let spool = super::spool::Spool::new(true).unwrap();
        let slim = FleetReport {
            endpoints: full
                .endpoints
                .iter()
                .cloned()
                .map(|e| spool.keep(e))
                .collect(),
            ..full.clone()
        };
        assert!(slim.endpoints.iter().all(|e| e.report.checks.is_empty()));
        let mut out = Vec::new();
        spool.write_json(&slim, &mut out).unwrap();
        let json = String::from_utf8(out).unwrap();
        assert_eq!(json, render(&full, Format::Json));
        serde_json::from_str::<FleetReport>(&json).expect("the streamed JSON reads back");
        // Asked again (another file): the same.
        let mut again = Vec::new();
        spool.write_json(&slim, &mut again).unwrap();
        assert_eq!(String::from_utf8(again).unwrap(), json);
        for format in [Format::Text, Format::Markdown, Format::Html] {
            assert_eq!(render(&slim, format), render(&full, format), "{format:?}");
        }
    }
    let none = FleetReport {
        endpoints: Vec::new(),
        ..poisoned_fleet(&reports, "benign")
    };
    let mut out = Vec::new();
    super::spool::Spool::new(true)
        .unwrap()
        .write_json(&none, &mut out)
        .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), render(&none, Format::Json));
}

/// The sg-blocks-443 report rendered in Korean: the catalog's Korean texts and the report's
/// own words (the check summaries follow as their areas are translated).
#[tokio::test]
async fn the_reports_speak_korean_with_aligned_tables() {
    let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
    let catalog = crate::engine::catalog::Catalog::embedded_in(crate::i18n::Lang::Ko).unwrap();
    assert!(!catalog.checks().is_empty());
    let report = scenario_report("sg-blocks-443").await;
    let text = Format::Text.render(&report, false, true);
    insta::assert_snapshot!("sg-blocks-443.ko.txt", text);
    let md = Format::Markdown.render(&report, false, true);
    insta::assert_snapshot!("sg-blocks-443.ko.md", md);
    for words in ["근본 원인", "점검", "요약", "조치 (소비자 계정):"] {
        assert!(text.contains(words), "{words} in\n{text}");
    }
    for english in ["ROOT CAUSE", "CHECKS", "SUMMARY", "fix (consumer account)"] {
        assert!(!text.contains(english), "{english} in\n{text}");
    }
    assert!(md.contains("## 근본 원인") && !md.contains("## Root causes"));
    // Every check line starts its id in the same terminal column, whatever the status word.
    let columns: std::collections::BTreeSet<usize> = text
        .lines()
        .filter_map(|l| {
            let at = l.find(" endpoint.found").or_else(|| l.find(" nlb.state"))?;
            Some(super::escape::width(&l[..at]))
        })
        .collect();
    assert_eq!(columns.len(), 1, "{columns:?}");
}

#[tokio::test]
async fn html_and_json_name_the_language_of_their_words() {
    let english = scenario_report("healthy").await;
    assert!(
        Format::Html
            .render(&english, false, false)
            .contains("<html lang=\"en\">")
    );
    assert!(english.to_json().contains("\"lang\": \"en\""));
    let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
    let report = scenario_report("healthy").await;
    let html = Format::Html.render(&report, false, false);
    assert!(html.contains("<html lang=\"ko\">"), "{html}");
    assert!(html.contains("<h2>근본 원인</h2>") && !html.contains("Root causes"));
    let json = report.to_json();
    assert!(json.contains("\"lang\": \"ko\""), "{json}");
    assert!(
        json.contains("\"status\": \"pass\""),
        "enum values stay English"
    );
    assert_valid(&json);
}

/// A scan in Korean: its table's verdicts start in the header's column (Hangul is two columns
/// wide), its words are Korean, and its JSON and HTML name the language.
#[tokio::test]
async fn a_fleet_scan_reads_in_korean_with_its_columns_aligned() {
    let reports = [
        scenario_report("sg-blocks-443").await,
        scenario_report("healthy").await,
    ];
    let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
    let fleet = poisoned_fleet(&reports, "payments");
    let text = super::fleet::render(&fleet, Format::Text, false, false);
    assert!(
        text.contains("엔드포인트") && !text.contains("ENDPOINT  "),
        "{text}"
    );
    let column =
        |line: &str, word: &str| line.find(word).map(|at| super::escape::width(&line[..at]));
    let head = text.lines().find(|l| l.contains("판정")).unwrap();
    let verdict_at = column(head, "판정").unwrap();
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("✗ 실패") || l.contains("✓ 통과"))
        .collect();
    assert!(!rows.is_empty(), "{text}");
    for line in rows {
        let symbol = line.find(['✗', '✓']).unwrap();
        assert_eq!(super::escape::width(&line[..symbol]), verdict_at, "{text}");
    }
    assert!(fleet.to_json().starts_with("{\n  \"lang\": \"ko\""));
    let html = super::fleet::render(&fleet, Format::Html, false, false);
    assert!(html.contains("<html lang=\"ko\">"));
}

/// An interface endpoint's path by hand: two zones, the second broken at its targets (a
/// root cause), the first served across zones.
fn sample_path(evil: &str) -> crate::engine::path::PathModel {
    use crate::engine::path::{Hop, HopKind, Lane, Local, PathKind, PathModel};
    let judged = |hop: Hop, status: Status| Hop {
        status: Some(status),
        ..hop
    };
    let lane = |zone: &str, targets: Hop, broken: Option<String>| Lane {
        name: zone.into(),
        hops: vec![
            judged(
                Hop::new(
                    HopKind::Interface,
                    format!("eni-0a1b {evil}"),
                    &["endpoint.state"],
                ),
                Status::Pass,
            ),
            judged(
                Hop::new(HopKind::LoadBalancer, "net/shop-nlb", &["nlb.state"]),
                Status::Pass,
            ),
            targets,
        ],
        broken,
    };
    let served = judged(
        Hop::new(HopKind::Targets, "2/2 ⇢ cross-zone", &["nlb.zonal_health"])
            .with_local(Some(Local::CrossZone)),
        Status::Pass,
    );
    let dead = Hop {
        root_cause: true,
        ..judged(
            Hop::new(HopKind::Targets, "0/2 healthy", &["nlb.zonal_health"])
                .with_local(Some(Local::Broken))
                .with_detail(vec![format!("i-0abc unhealthy {evil}")]),
            Status::Fail,
        )
    };
    PathModel {
        kind: PathKind::Interface,
        shared: vec![
            judged(
                Hop::new(HopKind::Client, "inside the VPC", &["client.scope"]),
                Status::Pass,
            ),
            Hop::new(HopKind::Dns, "10.0.1.5, 10.0.2.5", &["dns.resolution"]),
        ],
        lanes: vec![
            lane(&format!("use1-az1{evil}"), served, None),
            lane(
                "use1-az2",
                dead,
                Some(format!("no healthy target in use1-az2 {evil}")),
            ),
        ],
        gaps: vec![format!("the subnets could not be read {evil}")],
    }
}

/// The elements of a well-formed SVG document, with its visible text (not the hover titles).
fn svg_elements(svg: &str) -> (Vec<String>, String) {
    let doc = roxmltree::Document::parse(svg).expect("the path's SVG is well-formed XML");
    let names = doc
        .descendants()
        .filter(roxmltree::Node::is_element)
        .map(|n| n.tag_name().name().to_string())
        .collect();
    let shown = doc
        .descendants()
        .filter(|n| n.is_text() && n.parent().is_some_and(|p| p.tag_name().name() == "text"))
        .filter_map(|n| n.text())
        .collect();
    (names, shown)
}

#[test]
fn the_path_svg_draws_each_zone_its_broken_reason_and_its_root_cause() {
    let path = sample_path("");
    let svg = super::path_svg::svg(&path);
    let (elements, shown) = svg_elements(&svg);
    assert_eq!(elements[0], "svg");
    for tag in &elements {
        assert!(
            [
                "svg", "defs", "marker", "path", "g", "title", "rect", "text"
            ]
            .contains(&tag.as_str()),
            "<{tag}> in {svg}"
        );
    }
    for bad in ["<script", "foreignObject", "href", "src=", "http"] {
        assert!(!svg.contains(bad), "{bad} in {svg}");
    }
    assert!(svg.contains("role=\"img\"") && svg.contains("aria-label=\"The path\""));
    // Two rows of lanes under the shared row, one box per hop, a heading per column.
    for words in [
        "use1-az1",
        "use1-az2",
        "no healthy target in use1-az2",
        "✗ 0/2 healthy",
    ] {
        assert!(shown.contains(words), "{words:?} shown in {svg}");
    }
    assert_eq!(elements.iter().filter(|e| *e == "rect").count(), 8, "{svg}");
    for kind in ["client", "DNS answer", "endpoint interface", "targets"] {
        assert!(shown.contains(kind), "heading {kind:?} in {svg}");
    }
    // The root cause: a tag and a thick border; the broken zone's arrows red and dashed,
    // with a ✗ after its last hop.
    let root = crate::t!("tui-section-root-cause");
    assert_eq!(svg.matches(&format!(">{root}</text>")).count(), 1, "{svg}");
    assert_eq!(svg.matches("stroke-width=\"3\"").count(), 1, "{svg}");
    let broken_arrows = svg.matches("marker-end=\"url(#pv-arrow-broken)\"").count();
    assert_eq!(
        broken_arrows, 3,
        "into the zone and between its three hops: {svg}"
    );
    assert_eq!(
        svg.matches("marker-end=\"url(#pv-arrow)\"").count(),
        4,
        "{svg}"
    );
    assert!(svg.contains("font-weight=\"bold\">✗</text>"), "{svg}");
    // The zone served across zones: a dashed box and the ⇢ before its label.
    assert!(shown.contains("✓ ⇢ 2/2 ⇢ cross-…"), "{svg}");
    assert!(svg.contains("stroke-dasharray=\"5 3\"></rect>"), "{svg}");
    // Hovering tells the whole story.
    assert!(svg.contains("i-0abc unhealthy"));
    assert!(svg.contains("judged by: nlb.zonal_health"));
    // The size follows the grid: a name column, five hop columns, three rows and a reason.
    assert!(
        svg.starts_with(
            "<svg class=\"path-view\" width=\"1028\" height=\"240\" viewBox=\"0 0 1028 240\""
        ),
        "{svg}"
    );
}

#[test]
fn hostile_text_in_the_path_is_escaped_stripped_and_clipped_in_the_svg() {
    for evil in [
        format!("<script>alert(1)</script>\x1b[2J {}", evil()),
        long(),
    ] {
        let svg = super::path_svg::svg(&sample_path(&evil));
        let (elements, shown) = svg_elements(&svg);
        for tag in ["script", "img", "iframe", "a", "foreignObject"] {
            assert!(!elements.iter().any(|e| e == tag), "<{tag}> in {svg}");
        }
        for bad in [
            "<script", "<img", "\x1b", "\u{7}", "\u{0}", "\u{202E}", "\"'>",
        ] {
            assert!(!svg.contains(bad), "{bad:?} in the svg");
        }
        // Every visible word is cut to its box; the whole of it is in the hover title.
        assert!(!shown.contains(&"L".repeat(200)), "clipped: {shown}");
        assert!(shown.contains('…'));
        if evil.starts_with('<') {
            assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;\u{FFFD}[2J"));
        } else {
            assert!(svg.contains(&evil), "the whole label in its title");
        }
    }
}

#[tokio::test]
async fn the_html_report_draws_the_path_after_the_root_causes_and_before_the_checks() {
    let mut report = scenario_report("unhealthy-targets-az").await;
    assert!(report.path.is_some(), "the demo replay draws its path");
    let html = Format::Html.render(&report, false, false);
    let heading = format!(
        "<h2 id=\"path\">{}</h2>\n<div class=\"path\">",
        crate::t!("path-heading")
    );
    let at = html.find(&heading).expect("a section for the path");
    let root_causes = html.find(&format!("<h2>{}</h2>", crate::t!("report-root-causes")));
    let checks = html.find(&format!("<h2>{}</h2>", crate::t!("report-checks")));
    assert!(root_causes.unwrap() < at && at < checks.unwrap());
    let section = &html[at..checks.unwrap()];
    assert!(section.contains("<svg class=\"path-view\""), "{section}");
    assert_eq!(section.matches("</svg>").count(), 1);
    assert!(html.contains(".path svg { max-width: 100%; height: auto;"));
    let path = report.path.clone().unwrap();
    for lane in &path.lanes {
        assert!(section.contains(&lane.name), "{} in {section}", lane.name);
    }
    for gap in &path.gaps {
        let gap = super::escape::html(gap);
        assert!(section.contains(&format!("<li>{gap}</li>")), "{section}");
    }
    // Poisoned, the whole page still holds nothing but our own elements.
    let mut poisoned = report.clone();
    poisoned.path = Some(sample_path(&evil()));
    let html = Format::Html.render(&poisoned, false, false);
    assert_html_inert("html with a path", &html, &[evil()]);
    assert!(!html.contains("<script"));
    assert!(html.contains("<li>the subnets could not be read \u{FFFD}[2J"));
    // No path, no section.
    report.path = None;
    let html = Format::Html.render(&report, false, false);
    assert!(!html.contains("path-view") && !html.contains(&heading));
}
