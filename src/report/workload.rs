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
        None => "— none".into(),
    }
}

fn heading(r: &WorkloadReport) -> String {
    let s = &r.scope;
    format!(
        "workload {} · {} · {} · subnets ({}): {}",
        s.profile,
        s.vpc,
        s.region,
        s.subnets_from,
        if s.subnets.is_empty() {
            "none".to_string()
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
    let header = ["SERVICE", "TYPE", "NEED", "ENDPOINT"];
    let cells: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|w| {
            vec![
                clip(&w.service, 24),
                w.endpoint_type.clone(),
                need(w).into(),
                terminal(&endpoint_cell(w)),
            ]
        })
        .collect();
    let (head, lines) = table(&header, &cells);
    let _ = writeln!(out, "{head}  VERDICT    FINDING");
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
        let _ = writeln!(out, "\nFixes, root causes first:");
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
        let _ = writeln!(out, "\nNote: {}", terminal(note));
    }
    let _ = writeln!(out, "\nWhy each service ({}):", terminal(&r.scope.docs));
    for w in &r.rows {
        let _ = writeln!(
            out,
            "  {:<22} {}",
            terminal(&w.service),
            clip(&w.reason, 140)
        );
    }
    let _ = writeln!(
        out,
        "\nOne endpoint in full: vpce-doctor check ENDPOINT · step by step: vpce-doctor runbook endpoint-unreachable ENDPOINT (gateway-endpoint for S3) · interactively: add --tui"
    );
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
        "# vpce-doctor workload {}\n\n{}\n\n**{}**\n",
        md_inline(&r.scope.profile),
        md_inline(&heading(r)),
        verdict_line(r)
    );
    let _ = writeln!(
        out,
        "| service | type | need | endpoint | verdict | finding |\n|---|---|---|---|---|---|"
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
    let _ = writeln!(out, "\n## Checklist\n");
    for w in &r.rows {
        let done = if w.status == Status::Pass { "x" } else { " " };
        let _ = writeln!(
            out,
            "- [{done}] **{}** ({}, {}) — {}",
            md_inline(&w.service),
            md_inline(&w.endpoint_type),
            need(w),
            md_inline(&w.reason)
        );
        for e in &w.evidence {
            let _ = writeln!(out, "  - {}", md_inline(e));
        }
        md_remediation(&mut out, &w.remediation);
        if let Some(id) = &w.endpoint {
            let _ = writeln!(
                out,
                "  - step by step: `vpce-doctor runbook {} {}`",
                runbook_for(w),
                md_inline(id)
            );
        }
    }
    advice_markdown(&mut out, &r.endpoints);
    if let Some(note) = &r.scope.note {
        let _ = writeln!(out, "\n> {}", md_inline(note));
    }
    let _ = writeln!(out, "\nDocs: {}", md_code(&r.scope.docs));
    out
}

pub fn html(r: &WorkloadReport) -> String {
    let mut out = String::new();
    html_open(
        &mut out,
        &format!("vpce-doctor workload {}", r.scope.profile),
    );
    let _ = writeln!(
        out,
        "<header><h1>vpce-doctor workload {}</h1><p>{}</p><p>{}</p></header>",
        esc(&r.scope.profile),
        esc(&heading(r)),
        esc(&verdict_line(r))
    );
    let _ = writeln!(
        out,
        "<table><thead><tr><th>service</th><th>type</th><th>need</th><th>endpoint</th><th>verdict</th><th>finding</th></tr></thead><tbody>"
    );
    for w in &r.rows {
        let _ = writeln!(
            out,
            "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td><td class=\"id\">{}</td><td><span class=\"badge s-{}\">{} {}</span></td><td>{}</td></tr>",
            esc(&w.service),
            esc(&w.endpoint_type),
            need(w),
            esc(&endpoint_cell(w)),
            w.status.as_str(),
            w.status.symbol(),
            w.status.word(),
            esc(&w.finding)
        );
    }
    let _ = writeln!(out, "</tbody></table>\n<h2>Services</h2><ul>");
    for w in &r.rows {
        let _ = write!(
            out,
            "<li><strong>{}</strong> ({}): {}<ul>",
            esc(&w.service),
            need(w),
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
