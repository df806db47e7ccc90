//! A workload profile's verdict as a report: one row per service the workload needs (root
//! causes first), the fixes, and the full diagnosis of every endpoint found (as a fleet
//! scan's entries). Every format the fleet scan writes, built from its pieces.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use quick_junit::{TestCase, TestCaseStatus, TestSuite};
use serde::{Deserialize, Serialize};

use super::escape::{clip, html as esc, md_code, md_inline, terminal};
use super::fleet::{
    FleetEntry, advice_html, advice_markdown, advice_text, api_calls_text, counts_line, html_open,
    html_remediation, md_remediation, table,
};
use super::junit::{fix_lines, not_passed};
use super::text::status_label;
use super::{ApiCalls, Format, ToolInfo};
use crate::engine::outcome::{Remediation, Status};

/// One service of the profile, judged in the VPC.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WorkloadRow {
    /// The short name the profile lists (`ecr.dkr`).
    pub service: String,
    /// The full service name (`com.amazonaws.us-east-1.ecr.dkr`).
    pub service_name: String,
    /// The endpoint type the profile asks for: `Interface` or `Gateway`.
    pub endpoint_type: String,
    /// A missing optional endpoint is a warning, a missing required one a failure.
    pub required: bool,
    /// Why the workload needs it (from the profile).
    pub reason: String,
    /// The endpoint judged (`None`: there is none in the VPC).
    pub endpoint: Option<String>,
    /// Other endpoints of the same service in the VPC.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub also: Vec<String>,
    pub status: Status,
    /// The finding behind the status in a few words.
    pub finding: String,
    /// What was looked at: one line per aspect (presence, private DNS or routes, policy,
    /// the endpoint's own diagnosis).
    pub evidence: Vec<String>,
    pub remediation: Vec<Remediation>,
}

/// What was judged: the profile, the VPC and the workload's subnets.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WorkloadScope {
    pub profile: String,
    pub title: String,
    pub docs: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
    pub region: String,
    pub vpc: String,
    /// The subnets the workload runs in (gateway routes are judged for each).
    pub subnets: Vec<String>,
    /// Where `subnets` come from: `--subnet`, `private subnets` (the default: subnets whose
    /// route table has no internet gateway route) or `every subnet` (the VPC has no private
    /// one).
    pub subnets_from: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WorkloadSummary {
    pub services: usize,
    pub by_status: BTreeMap<String, usize>,
    pub exit_code: i32,
    pub wall_ms: u64,
    pub api_calls: ApiCalls,
}

/// The whole verdict, as JSON carries it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkloadReport {
    pub schema_version: u32,
    /// `workload`.
    pub kind: String,
    pub tool: ToolInfo,
    pub generated_at: String,
    pub command_line: Vec<String>,
    pub scope: WorkloadScope,
    pub summary: WorkloadSummary,
    pub rows: Vec<WorkloadRow>,
    /// The full diagnosis of every endpoint found, as a fleet scan writes them.
    pub endpoints: Vec<FleetEntry>,
}

impl WorkloadReport {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}

fn need(r: &WorkloadRow) -> &'static str {
    if r.required { "required" } else { "optional" }
}

/// [`need`] in the reader's language (the JUnit class name keeps the English word).
fn need_word(r: &WorkloadRow) -> String {
    if r.required {
        crate::t!("report-workload-required")
    } else {
        crate::t!("report-workload-optional")
    }
}

/// The shipped runbook that walks a row's endpoint step by step.
fn runbook_for(r: &WorkloadRow) -> &'static str {
    if r.endpoint_type == "Gateway" {
        "gateway-endpoint"
    } else {
        "endpoint-unreachable"
    }
}

fn endpoint_cell(r: &WorkloadRow) -> String {
    match &r.endpoint {
        Some(id) if r.also.is_empty() => id.clone(),
        Some(id) => format!("{id} (+{})", r.also.len()),
        None => crate::t!("report-workload-no-endpoint"),
    }
}

fn heading(r: &WorkloadReport) -> String {
    let s = &r.scope;
    crate::t!(
        "report-workload-heading",
        profile = &s.profile,
        vpc = &s.vpc,
        region = &s.region,
        from = &s.subnets_from,
        subnets = if s.subnets.is_empty() {
            crate::t!("report-text-stats-none")
        } else {
            s.subnets.join(", ")
        }
    )
}

fn verdict_line(r: &WorkloadReport) -> String {
    let s = &r.summary;
    counts_line(
        crate::t!("report-workload-services", n = s.services),
        &s.by_status,
        &s.api_calls,
        s.wall_ms,
    )
}

/// The rows that need doing something: failures and warnings with a fix.
fn to_fix(r: &WorkloadReport) -> impl Iterator<Item = &WorkloadRow> {
    r.rows
        .iter()
        .filter(|w| matches!(w.status, Status::Fail | Status::Warn) && !w.remediation.is_empty())
}

pub fn text(r: &WorkloadReport, color: bool, stats: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", terminal(&heading(r)));
    let header = [
        crate::t!("report-workload-col-service"),
        crate::t!("report-workload-col-type"),
        crate::t!("report-workload-col-need"),
        crate::t!("report-workload-col-endpoint"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let cells: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|w| {
            vec![
                clip(&w.service, 24),
                w.endpoint_type.clone(),
                need_word(w),
                terminal(&endpoint_cell(w)),
            ]
        })
        .collect();
    let (head, lines) = table(&header, &cells);
    let _ = writeln!(
        out,
        "{head}  {}{}",
        super::escape::pad(
            &crate::t!("report-fleet-col-verdict"),
            super::text::status_label_width() + 2
        ),
        crate::t!("report-workload-col-finding")
    );
    for (w, line) in r.rows.iter().zip(lines) {
        let _ = writeln!(
            out,
            "{line}  {}  {}",
            status_label(w.status, color),
            clip(&w.finding, 110)
        );
    }
    let _ = writeln!(out, "\n{}", verdict_line(r));
    let mut fixes = to_fix(r).peekable();
    if fixes.peek().is_some() {
        let _ = writeln!(out, "\n{}", crate::t!("report-workload-fixes"));
        for w in fixes {
            let _ = writeln!(
                out,
                "  {} · {}",
                terminal(&w.service),
                clip(&w.finding, 100)
            );
            for f in &w.remediation {
                let _ = writeln!(out, "    {}", terminal(&f.text));
                if let Some(cmd) = &f.command {
                    let _ = writeln!(out, "    $ {}", terminal(cmd));
                }
            }
        }
    }
    advice_text(&mut out, &r.endpoints, color);
    if let Some(note) = &r.scope.note {
        let _ = writeln!(
            out,
            "\n{}",
            crate::t!("report-workload-note", note = terminal(note))
        );
    }
    let _ = writeln!(
        out,
        "\n{}",
        crate::t!("report-workload-why", docs = terminal(&r.scope.docs))
    );
    for w in &r.rows {
        let _ = writeln!(
            out,
            "  {} {}",
            super::escape::pad(&terminal(&w.service), 22),
            clip(&w.reason, 140)
        );
    }
    let _ = writeln!(out, "\n{}", crate::t!("report-workload-one-in-full"));
    if stats {
        api_calls_text(&mut out, &r.summary.api_calls);
    }
    out
}

/// Markdown: the table, then each service as a runbook step (a checklist: why, what was
/// found, what to do).
pub fn markdown(r: &WorkloadReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n{}\n\n**{}**\n",
        crate::t!(
            "report-workload-title",
            profile = md_inline(&r.scope.profile)
        ),
        md_inline(&heading(r)),
        verdict_line(r)
    );
    let _ = writeln!(
        out,
        "| {} |\n|---|---|---|---|---|---|",
        crate::t!("report-workload-columns")
    );
    for w in &r.rows {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} {} | {} |",
            md_inline(&w.service),
            md_inline(&w.endpoint_type),
            need(w),
            md_inline(&endpoint_cell(w)),
            w.status.symbol(),
            w.status.word(),
            md_inline(&clip(&w.finding, 160))
        );
    }
    let _ = writeln!(out, "\n## {}\n", crate::t!("report-runbook-checklist"));
    for w in &r.rows {
        let done = if w.status == Status::Pass { "x" } else { " " };
        let _ = writeln!(
            out,
            "- [{done}] **{}** ({}, {}) — {}",
            md_inline(&w.service),
            md_inline(&w.endpoint_type),
            need_word(w),
            md_inline(&w.reason)
        );
        for e in &w.evidence {
            let _ = writeln!(out, "  - {}", md_inline(e));
        }
        md_remediation(&mut out, &w.remediation);
        if let Some(id) = &w.endpoint {
            let _ = writeln!(
                out,
                "  - {} `vpce-doctor runbook {} {}`",
                crate::t!("report-workload-step-by-step"),
                runbook_for(w),
                md_inline(id)
            );
        }
    }
    advice_markdown(&mut out, &r.endpoints);
    if let Some(note) = &r.scope.note {
        let _ = writeln!(out, "\n> {}", md_inline(note));
    }
    let _ = writeln!(
        out,
        "\n{}",
        crate::t!("report-md-docs", docs = md_code(&r.scope.docs))
    );
    out
}

pub fn html(r: &WorkloadReport) -> String {
    let mut out = String::new();
    let title = crate::t!("report-workload-title", profile = &r.scope.profile);
    html_open(&mut out, &title);
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p>{}</p><p>{}</p></header>",
        esc(&title),
        esc(&heading(r)),
        esc(&verdict_line(r))
    );
    let _ = writeln!(
        out,
        "<table><thead><tr>{}</tr></thead><tbody>",
        crate::t!("report-workload-columns")
            .split(" | ")
            .map(|h| format!("<th>{}</th>", esc(h)))
            .collect::<String>()
    );
    for w in &r.rows {
        let _ = writeln!(
            out,
            "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td><td class=\"id\">{}</td><td><span class=\"badge s-{}\">{} {}</span></td><td>{}</td></tr>",
            esc(&w.service),
            esc(&w.endpoint_type),
            esc(&need_word(w)),
            esc(&endpoint_cell(w)),
            w.status.as_str(),
            w.status.symbol(),
            w.status.word(),
            esc(&w.finding)
        );
    }
    let _ = writeln!(
        out,
        "</tbody></table>\n<h2>{}</h2><ul>",
        esc(&crate::t!("report-workload-services-heading"))
    );
    for w in &r.rows {
        let _ = write!(
            out,
            "<li><strong>{}</strong> ({}): {}<ul>",
            esc(&w.service),
            esc(&need_word(w)),
            esc(&w.reason)
        );
        for e in &w.evidence {
            let _ = write!(out, "<li>{}</li>", esc(e));
        }
        let _ = write!(out, "</ul>");
        html_remediation(&mut out, &w.remediation);
        let _ = writeln!(out, "</li>");
    }
    let _ = writeln!(out, "</ul>");
    advice_html(&mut out, &r.endpoints);
    if let Some(note) = &r.scope.note {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", esc(note));
    }
    let _ = writeln!(out, "</body>\n</html>");
    out
}

/// The workload's own suite: one test case per service.
fn suite(r: &WorkloadReport) -> TestSuite {
    let mut suite = TestSuite::new(terminal(&format!(
        "workload {} {}",
        r.scope.profile, r.scope.vpc
    )));
    for w in &r.rows {
        let details: Vec<String> = w
            .evidence
            .iter()
            .cloned()
            .chain(fix_lines(&w.remediation))
            .map(|l| terminal(&l))
            .collect();
        let status = match w.status {
            Status::Fail | Status::Unknown => {
                not_passed(w.status, terminal(&w.finding), details.join("\n"))
            }
            _ => TestCaseStatus::success(),
        };
        let mut case = TestCase::new(terminal(&w.service), status);
        case.set_classname(format!("vpce-doctor.workload.{}", need(w)));
        case.set_time(Duration::ZERO);
        if w.status == Status::Warn {
            case.set_system_out(format!(
                "warning: {}\n{}",
                terminal(&w.finding),
                details.join("\n")
            ));
        }
        suite.add_test_case(case);
    }
    suite
}

pub fn render(r: &WorkloadReport, format: Format, color: bool, stats: bool) -> String {
    match format {
        Format::Text => text(r, color, stats),
        Format::Json => r.to_json() + "\n",
        Format::Markdown => markdown(r),
        Format::Html => html(r),
        Format::Junit => super::junit::render_with(
            vec![suite(r)],
            &r.endpoints
                .iter()
                .map(|e| e.report.clone())
                .collect::<Vec<_>>(),
        ),
    }
}
