//! Every format from the same report: golden files, the JSON Schema, JUnit counts, HTML
//! escaping, redaction.

use super::{Format, Report, Timings};
use crate::demo;
use crate::engine::outcome::{Evidence, Status};

/// The report of a demo scenario with everything that varies between runs pinned.
pub async fn scenario_report(name: &str) -> Report {
    let (_, state) = demo::replay(name).await;
    let mut report = Report::build(&state, Default::default(), Timings::default());
    report.generated_at = "2026-11-27T03:14:07Z".into();
    report.command_line = vec![
        "vpce-doctor".into(),
        "check".into(),
        report.target.clone(),
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

fn hostile(mut report: Report) -> Report {
    let evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>\x1b[2J\u{7}`|";
    report.target = format!("vpce-{evil}");
    report.context.service_name = Some(evil.into());
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
        for f in &mut c.remediation {
            f.text = format!("{} {evil}", f.text);
            f.command = Some(format!("aws {evil}"));
        }
    }
    for rc in &mut report.root_causes {
        rc.summary = format!("{} {evil}", rc.summary);
    }
    report
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
    assert!(
        !html.to_lowercase().contains("<script"),
        "no script element at all"
    );
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
