//! The fleet scan as a report: the model a scan fills (a summary, then one full report per
//! endpoint) and its formats — a table (text, Markdown, HTML) with the worst status and the
//! root cause of each endpoint and the fixes of the broken ones, JUnit with one suite per
//! endpoint, and JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::escape::{clip, html as esc, md_code, md_inline, pad, terminal, width};
use super::text::status_label;
use super::{ApiCalls, Format, Report, ToolInfo};
use crate::engine::outcome::{Remediation, Status};

/// One diagnosed endpoint (or connection) of the fleet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FleetEntry {
    pub region: String,
    pub endpoint: String,
    pub service: String,
    pub vpc: String,
    pub state: String,
    /// The consumer account, for connections seen from the provider's side.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub owner: Option<String>,
    /// The account the endpoint is in, in an organisation scan (`scan --org`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub account: Option<String>,
    /// That account's name in the organisation (its own text: untrusted).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub account_name: Option<String>,
    pub worst: Status,
    pub root_cause: Option<FleetCause>,
    /// The finding behind the worst status in a few words: the root cause, else the first
    /// check with that status (empty when everything passed).
    pub headline: String,
    pub report: Report,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FleetCause {
    pub check: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegionOutcome {
    pub region: String,
    /// The account scanned there, in an organisation scan.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub account: Option<String>,
    pub endpoints: usize,
    /// Why the region could not be scanned (credentials, permissions, …).
    pub error: Option<String>,
    pub wall_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FleetSummary {
    pub endpoints: usize,
    pub by_status: BTreeMap<String, usize>,
    pub exit_code: i32,
    pub wall_ms: u64,
    pub api_calls: ApiCalls,
    pub regions: Vec<RegionOutcome>,
    /// Per account of an organisation scan: what it held, or why it could not be scanned.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub accounts: Vec<AccountOutcome>,
    /// Accounts of the organisation left out because they are not ACTIVE, by their state.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub accounts_skipped: BTreeMap<String, usize>,
}

/// One account of an organisation scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountOutcome {
    pub id: String,
    /// Its name in the organisation (untrusted text), when ListAccounts gave one.
    pub name: Option<String>,
    pub endpoints: usize,
    /// Why it could not be scanned: the role could not be assumed, it is not an account of
    /// the organisation, … (its verdict counts as `unknown`).
    pub error: Option<String>,
    pub wall_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FleetScope {
    /// `consumer` (the account's endpoints) or `provider` (a service's connections).
    pub side: String,
    pub regions: Vec<String>,
    pub filters: Vec<String>,
    pub service: Option<String>,
    /// The role assumed in every account of an organisation scan.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role_name: Option<String>,
}

/// The whole scan, as JSON reports carry it: a summary, then one full report per endpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FleetReport {
    pub schema_version: u32,
    pub kind: String,
    pub tool: ToolInfo,
    pub generated_at: String,
    pub command_line: Vec<String>,
    pub scope: FleetScope,
    pub summary: FleetSummary,
    pub endpoints: Vec<FleetEntry>,
}

/// The fleet report as written: the language of its words first (`lang`, as in a report),
/// then the report's fields.
#[derive(Serialize)]
struct Written<'a> {
    lang: crate::i18n::Lang,
    #[serde(flatten)]
    report: &'a FleetReport,
}

impl FleetReport {
    pub fn to_json(&self) -> String {
        let written = Written {
            lang: crate::i18n::current(),
            report: self,
        };
        serde_json::to_string_pretty(&written).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}

/// `com.amazonaws.vpce.us-east-1.vpce-svc-0123…` → `vpce-svc-0123…`; AWS services keep their
/// last label (`lambda`).
pub(super) fn short_service(name: &str) -> String {
    name.rsplit('.').next().unwrap_or(name).to_string()
}

fn cause_text(e: &FleetEntry) -> &str {
    if e.headline.is_empty() {
        "—"
    } else {
        &e.headline
    }
}

fn verdict_line(r: &FleetReport) -> String {
    let s = &r.summary;
    let line = counts_line(
        crate::t!("report-fleet-endpoints", n = s.endpoints),
        &s.by_status,
        &s.api_calls,
        s.wall_ms,
    );
    if s.accounts.is_empty() {
        return line;
    }
    let failed = s.accounts.iter().filter(|a| a.error.is_some()).count();
    let accounts = if failed > 0 {
        crate::t!(
            "report-fleet-accounts-failed",
            n = s.accounts.len(),
            failed = failed
        )
    } else {
        crate::t!("report-fleet-accounts", n = s.accounts.len())
    };
    format!("{line} · {accounts}")
}

/// `3 endpoint(s): 1 fail, 0 unknown, 0 warn, 2 pass · 14 API calls · 0.7 s`.
pub(super) fn counts_line(
    what: String,
    by_status: &BTreeMap<String, usize>,
    api_calls: &ApiCalls,
    wall_ms: u64,
) -> String {
    let n = |k: &str| by_status.get(k).copied().unwrap_or(0);
    crate::t!(
        "report-fleet-counts",
        what = what,
        fail = n("fail"),
        unknown = n("unknown"),
        warn = n("warn"),
        pass = n("pass"),
        calls = api_calls.total,
        secs = format!("{:.1}", wall_ms as f64 / 1000.0)
    )
}

pub fn text(r: &FleetReport, color: bool, stats: bool) -> String {
    let mut out = String::new();
    let multi_region = r.scope.regions.len() > 1;
    let provider = r.scope.side == "provider";
    // The verdict sits between STATE and ROOT CAUSE as the text report prints statuses.
    let mut header = vec![crate::t!("report-fleet-col-endpoint")];
    if multi_region {
        header.push(crate::t!("report-fleet-col-region"));
    }
    header.extend([
        crate::t!("report-fleet-col-service"),
        if provider {
            crate::t!("report-fleet-col-owner")
        } else {
            "VPC".to_string()
        },
        crate::t!("report-fleet-col-state"),
    ]);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<(Status, Vec<String>, String)> = r
        .endpoints
        .iter()
        .map(|e| {
            let mut row = vec![terminal(&e.endpoint)];
            if multi_region {
                row.push(terminal(&e.region));
            }
            row.push(clip(&short_service(&e.service), 28));
            row.push(terminal(if provider {
                e.owner.as_deref().unwrap_or("?")
            } else {
                &e.vpc
            }));
            row.push(clip(&e.state, 18));
            (e.worst, row, clip(cause_text(e), 90))
        })
        .collect();
    let cells: Vec<Vec<String>> = rows.iter().map(|(_, row, _)| row.clone()).collect();
    let (head, lines) = table(&header, &cells);
    let _ = writeln!(
        out,
        "{head}  {}{}",
        pad(
            &crate::t!("report-fleet-col-verdict"),
            super::text::status_label_width() + 2
        ),
        crate::t!("report-fleet-col-root-cause")
    );
    let printed: Vec<String> = rows
        .iter()
        .zip(lines)
        .map(|((status, _, cause), line)| {
            format!("{line}  {}  {cause}", status_label(*status, color))
        })
        .collect();
    // An organisation scan: the same aligned table, one section per account.
    for (account, rows) in groups(r) {
        if let Some(a) = account {
            let _ = writeln!(out, "\n{}", account_heading(a, terminal_name));
            if let Some(err) = &a.error {
                let _ = writeln!(
                    out,
                    "{} {}",
                    status_label(Status::Unknown, color),
                    crate::t!("report-fleet-could-not-scan", why = clip(err, 300))
                );
            }
        }
        for i in rows {
            let _ = writeln!(out, "{}", printed[i]);
        }
    }
    if !r.summary.accounts_skipped.is_empty() {
        let skipped: Vec<String> = r
            .summary
            .accounts_skipped
            .iter()
            .map(|(state, n)| format!("{n} {}", terminal(state)))
            .collect();
        let _ = writeln!(
            out,
            "\n{}",
            crate::t!("report-fleet-not-scanned", accounts = skipped.join(", "))
        );
    }
    for region in &r.summary.regions {
        if let Some(err) = &region.error {
            let place = match region.account.as_deref() {
                Some(a) => crate::t!(
                    "report-fleet-account-region",
                    account = terminal(a),
                    region = terminal(&region.region)
                ),
                None => terminal(&region.region),
            };
            let _ = writeln!(
                out,
                "{} {place}: {}",
                status_label(Status::Unknown, color),
                crate::t!("report-fleet-could-not-scan", why = clip(err, 200))
            );
        }
    }
    let _ = writeln!(out, "\n{}", verdict_line(r));
    let broken: Vec<&FleetEntry> = r
        .endpoints
        .iter()
        .filter(|e| e.worst == Status::Fail)
        .collect();
    if !broken.is_empty() {
        let _ = writeln!(out, "\n{}", crate::t!("report-fleet-fixes"));
        for e in broken {
            for rc in &e.report.root_causes {
                let _ = writeln!(out, "  {} · {}", terminal(&e.endpoint), terminal(&rc.id));
                for f in &rc.remediation {
                    if let Some(cmd) = &f.command {
                        let _ = writeln!(out, "    $ {}", terminal(cmd));
                    }
                }
            }
        }
    }
    advice_text(&mut out, &r.endpoints, color);
    let _ = writeln!(out, "\n{}", crate::t!("report-fleet-one-in-full"));
    if stats {
        stats_text(&mut out, r);
    }
    out
}

/// `--stats` under the fleet table: API calls by operation, then each region's and account's
/// endpoints and time.
fn stats_text(out: &mut String, r: &FleetReport) {
    api_calls_text(out, &r.summary.api_calls);
    for region in &r.summary.regions {
        let line = match region.account.as_deref() {
            Some(a) => crate::t!(
                "report-fleet-stats-account-region",
                account = terminal(a),
                region = terminal(&region.region),
                n = region.endpoints,
                ms = region.wall_ms
            ),
            None => crate::t!(
                "report-fleet-stats-region",
                region = terminal(&region.region),
                n = region.endpoints,
                ms = region.wall_ms
            ),
        };
        let _ = writeln!(out, "  {line}");
    }
    for a in &r.summary.accounts {
        let _ = writeln!(
            out,
            "  {}",
            crate::t!(
                "report-fleet-stats-account",
                account = terminal(&a.id),
                n = a.endpoints,
                ms = a.wall_ms
            )
        );
    }
}

/// The rows as every face shows them, by index into `endpoints`: all in one group, or one
/// group per account of an organisation scan (in the summary's order, an account with no
/// endpoints included).
pub(super) fn groups(r: &FleetReport) -> Vec<(Option<&AccountOutcome>, Vec<usize>)> {
    if r.summary.accounts.is_empty() {
        return vec![(None, (0..r.endpoints.len()).collect())];
    }
    r.summary
        .accounts
        .iter()
        .map(|a| {
            let rows = (0..r.endpoints.len())
                .filter(|&i| r.endpoints[i].account.as_deref() == Some(a.id.as_str()))
                .collect();
            (Some(a), rows)
        })
        .collect()
}

/// `? UNKNOWN: could not scan: …`, the reason through the face's escaping.
fn unscanned(err: &str, escape: impl Fn(&str) -> String) -> String {
    format!(
        "{} {}: {}",
        Status::Unknown.symbol(),
        escape(&Status::Unknown.word()),
        escape(&crate::t!("report-fleet-could-not-scan", why = err))
    )
}

fn terminal_name(name: &str) -> String {
    clip(name, 60)
}

/// `account 111122223333 (payments-prod) · 3 endpoint(s)`, the name through `name` (each
/// face escapes it its own way: it is the organisation's text).
pub(super) fn account_heading(a: &AccountOutcome, name: impl Fn(&str) -> String) -> String {
    let named = a
        .name
        .as_deref()
        .filter(|n| !n.is_empty())
        .map(|n| format!(" ({})", name(n)))
        .unwrap_or_default();
    crate::t!(
        "report-fleet-account-heading",
        account = name(&a.id),
        named = named,
        n = a.endpoints
    )
}

pub fn markdown(r: &FleetReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n**{}**\n",
        md_inline(&crate::t!("report-fleet-title")),
        md_inline(&verdict_line(r))
    );
    let table = |out: &mut String, entries: &mut dyn Iterator<Item = &FleetEntry>| {
        let _ = writeln!(
            out,
            "| {} |\n|---|---|---|---|---|---|---|",
            lower_headers()
                .iter()
                .map(|h| md_inline(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        for e in entries {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} {} | {} |",
                md_inline(&e.endpoint),
                md_inline(&e.region),
                md_inline(&short_service(&e.service)),
                md_inline(e.owner.as_deref().unwrap_or(&e.vpc)),
                md_inline(&e.state),
                e.worst.symbol(),
                e.worst.word(),
                md_inline(&clip(cause_text(e), 160))
            );
        }
    };
    for (account, rows) in groups(r) {
        if let Some(a) = account {
            let _ = writeln!(out, "\n## {}\n", account_heading(a, md_inline));
            if let Some(err) = &a.error {
                let _ = writeln!(out, "{}\n", unscanned(err, md_inline));
            }
        }
        table(&mut out, &mut rows.into_iter().map(|i| &r.endpoints[i]));
    }
    for e in r
        .endpoints
        .iter()
        .filter(|e| !e.report.root_causes.is_empty())
    {
        let _ = writeln!(out, "\n## `{}`\n", md_inline(&e.endpoint));
        for rc in &e.report.root_causes {
            let _ = writeln!(
                out,
                "- **{}**: {}",
                md_inline(&rc.id),
                md_inline(&rc.summary)
            );
            md_remediation(&mut out, &rc.remediation);
        }
    }
    advice_markdown(&mut out, &r.endpoints);
    out
}

/// Every endpoint's posture advice, listed apart so that it never colours a healthy row.
fn advised(entries: &[FleetEntry]) -> Vec<(&FleetEntry, &crate::report::RootCause)> {
    entries
        .iter()
        .flat_map(|e| e.report.advice.iter().map(move |a| (e, a)))
        .collect()
}

/// Cells padded to their column's width, joined by two spaces: the header line and one line
/// per row (the fleet and workload tables).
pub(super) fn table(header: &[&str], rows: &[Vec<String>]) -> (String, Vec<String>) {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain(std::iter::once(width(header[i])))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let padded = |cells: &mut dyn Iterator<Item = &str>| {
        cells
            .zip(&widths)
            .map(|(c, w)| pad(c, *w))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let head = padded(&mut header.iter().copied());
    let lines = rows
        .iter()
        .map(|r| padded(&mut r.iter().map(String::as_str)))
        .collect();
    (head, lines)
}

/// The endpoints' advice as the text table's closing section.
pub(super) fn advice_text(out: &mut String, entries: &[FleetEntry], color: bool) {
    let advised = advised(entries);
    if advised.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", crate::t!("report-fleet-advice"));
    for (e, a) in advised {
        let _ = writeln!(
            out,
            "  {} {} · {}  {}",
            status_label(Status::Advice, color),
            terminal(&e.endpoint),
            terminal(&a.id),
            clip(&a.summary, 90)
        );
    }
}

pub(super) fn advice_markdown(out: &mut String, entries: &[FleetEntry]) {
    let advised = advised(entries);
    if advised.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}\n",
        md_inline(&crate::t!("report-advice")),
        md_inline(&crate::t!("report-advice-note"))
    );
    for (e, a) in advised {
        let _ = writeln!(
            out,
            "- {} `{}` **{}**: {}",
            Status::Advice.symbol(),
            md_inline(&e.endpoint),
            md_inline(&a.id),
            md_inline(&a.summary)
        );
    }
}

pub(super) fn advice_html(out: &mut String, entries: &[FleetEntry]) {
    let advised = advised(entries);
    if advised.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<p class=\"muted\">{}</p><ul>",
        esc(&crate::t!("report-advice")),
        esc(&crate::t!("report-advice-note"))
    );
    for (e, a) in advised {
        let _ = writeln!(
            out,
            "<li><span class=\"badge s-advice\">{} {}</span> <span class=\"id\">{}</span> <strong>{}</strong>: {}</li>",
            Status::Advice.symbol(),
            Status::Advice.word(),
            esc(&e.endpoint),
            esc(&a.id),
            esc(&a.summary)
        );
    }
    let _ = writeln!(out, "</ul>");
}

/// Fixes as Markdown list items under a root cause: the text, then the command fenced.
pub(super) fn md_remediation(out: &mut String, fixes: &[Remediation]) {
    for f in fixes {
        let _ = writeln!(
            out,
            "  - ({}) {}",
            md_inline(&crate::t!(
                "report-html-account",
                account = f.account.word()
            )),
            md_inline(&f.text)
        );
        if let Some(cmd) = &f.command {
            let _ = writeln!(out, "\n    ```sh\n    {}\n    ```\n", md_code(cmd));
        }
    }
}

pub(super) fn html_remediation(out: &mut String, fixes: &[Remediation]) {
    for f in fixes {
        let _ = write!(
            out,
            "<p>({}) {}</p>",
            esc(&crate::t!(
                "report-html-account",
                account = f.account.word()
            )),
            esc(&f.text)
        );
        if let Some(cmd) = &f.command {
            let _ = write!(out, "<pre><code>{}</code></pre>", esc(cmd));
        }
    }
}

/// `--stats`: the API calls per operation.
pub(super) fn api_calls_text(out: &mut String, calls: &ApiCalls) {
    let _ = writeln!(out, "\n{}", crate::t!("report-fleet-api-by-op"));
    for (op, s) in &calls.by_operation {
        let _ = writeln!(
            out,
            "  {op:<44} {:>5} calls {:>4} errors {:>4} retries {:>7} ms",
            s.calls, s.errors, s.retries, s.total_ms
        );
    }
}

/// The page's head with the report stylesheet, and the body opened.
pub(super) fn html_open(out: &mut String, title: &str) {
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>",
        crate::i18n::current().code(),
        esc(title),
        super::html::STYLE
    );
}

pub fn html(r: &FleetReport) -> String {
    let mut out = String::new();
    let title = crate::t!("report-fleet-title");
    html_open(&mut out, &title);
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p>{}</p></header>",
        esc(&title),
        esc(&verdict_line(r))
    );
    for (account, rows) in groups(r) {
        if let Some(a) = account {
            let _ = writeln!(out, "<h2>{}</h2>", account_heading(a, esc));
            if let Some(err) = &a.error {
                let _ = writeln!(
                    out,
                    "<p><span class=\"badge s-unknown\">{}</span></p>",
                    unscanned(err, esc)
                );
            }
        }
        html_table(&mut out, &mut rows.into_iter().map(|i| &r.endpoints[i]));
    }
    for e in r
        .endpoints
        .iter()
        .filter(|e| !e.report.root_causes.is_empty())
    {
        let _ = writeln!(out, "<h2 class=\"id\">{}</h2><ul>", esc(&e.endpoint));
        for rc in &e.report.root_causes {
            let _ = writeln!(
                out,
                "<li><strong>{}</strong>: {}",
                esc(&rc.id),
                esc(&rc.summary)
            );
            html_remediation(&mut out, &rc.remediation);
            let _ = writeln!(out, "</li>");
        }
        let _ = writeln!(out, "</ul>");
    }
    advice_html(&mut out, &r.endpoints);
    let _ = writeln!(out, "</body>\n</html>");
    out
}

/// The column names of the Markdown and HTML tables.
fn lower_headers() -> Vec<String> {
    vec![
        crate::t!("report-fleet-h-endpoint"),
        crate::t!("report-fleet-h-region"),
        crate::t!("report-fleet-h-service"),
        crate::t!("report-fleet-h-owner"),
        crate::t!("report-fleet-h-state"),
        crate::t!("report-fleet-h-verdict"),
        crate::t!("report-fleet-h-root-cause"),
    ]
}

/// The fleet's table in HTML: one row per endpoint.
fn html_table(out: &mut String, entries: &mut dyn Iterator<Item = &FleetEntry>) {
    let _ = writeln!(
        out,
        "<table><thead><tr>{}</tr></thead><tbody>",
        lower_headers()
            .iter()
            .map(|h| format!("<th>{}</th>", esc(h)))
            .collect::<String>()
    );
    for e in entries {
        let _ = writeln!(
            out,
            "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><span class=\"badge s-{}\">{} {}</span></td><td>{}</td></tr>",
            esc(&e.endpoint),
            esc(&e.region),
            esc(&short_service(&e.service)),
            esc(e.owner.as_deref().unwrap_or(&e.vpc)),
            esc(&e.state),
            e.worst.as_str(),
            e.worst.symbol(),
            e.worst.word(),
            esc(cause_text(e))
        );
    }
    let _ = writeln!(out, "</tbody></table>");
}

pub fn render(r: &FleetReport, format: Format, color: bool, stats: bool) -> String {
    match format {
        Format::Text => text(r, color, stats),
        Format::Json => r.to_json() + "\n",
        Format::Markdown => markdown(r),
        Format::Html => html(r),
        Format::Junit => junit(r),
    }
}

/// One suite per endpoint, named after its account in an organisation scan, then one per
/// account that could not be scanned (an error: its verdict is `unknown`).
fn junit(r: &FleetReport) -> String {
    use quick_junit::{TestCase, XmlString};
    let mut suites: Vec<quick_junit::TestSuite> = r
        .endpoints
        .iter()
        .map(|e| {
            let mut suite = super::junit::suite(&e.report);
            if let Some(account) = &e.account {
                suite.name = XmlString::new(format!(
                    "account {} · {}",
                    terminal(account),
                    suite.name.as_str()
                ));
            }
            suite
        })
        .collect();
    for a in &r.summary.accounts {
        if let Some(err) = &a.error {
            let mut suite = quick_junit::TestSuite::new(account_heading(a, terminal));
            suite.add_test_case(TestCase::new(
                "account.scan",
                super::junit::not_passed(
                    Status::Unknown,
                    terminal(err),
                    crate::t!("report-fleet-could-not-scan", why = terminal(err)),
                ),
            ));
            suites.push(suite);
        }
    }
    super::junit::render_list(suites)
}
