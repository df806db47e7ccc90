//! Markdown for tickets and chat: renders on GitHub, stays readable as plain text.

use std::fmt::Write as _;

use super::Report;
use super::escape::{md_code, md_inline};
use crate::engine::outcome::{Evidence, Remediation, Status};

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    header(&mut out, r);
    root_causes(&mut out, r);
    advice(&mut out, r);
    path(&mut out, r);
    checks(&mut out, r);
    evidence(&mut out, r);
    footer(&mut out, r);
    out
}

fn header(out: &mut String, r: &Report) {
    let c = &r.context;
    let _ = writeln!(out, "# vpce-doctor: {}\n", md_inline(&r.target.headline()));
    let verdict = match r.exit_code {
        0 => crate::t!("report-md-verdict-pass"),
        1 => crate::t!(
            "report-verdict-fail",
            n = r.summary.get("fail").copied().unwrap_or(0)
        ),
        _ => crate::t!(
            "report-md-verdict-unknown",
            n = r.summary.get("unknown").copied().unwrap_or(0)
        ),
    };
    let _ = writeln!(
        out,
        "**{}** {verdict}\n",
        md_inline(&crate::t!("report-md-verdict"))
    );
    let _ = writeln!(out, "| | |\n|---|---|");
    let unknown = crate::t!("report-unknown");
    let row = |out: &mut String, key: String, value: String| {
        let _ = writeln!(out, "| {} | {} |", md_inline(&key), value);
    };
    row(
        out,
        crate::t!("report-label-service"),
        md_inline(c.service_name.as_deref().unwrap_or(&unknown)),
    );
    row(out, crate::t!("report-label-region"), md_inline(&c.region));
    if let Some(r) = &c.service_region {
        row(
            out,
            crate::t!("report-label-service-region"),
            crate::t!("report-md-cross-region", region = md_inline(r)),
        );
    }
    row(
        out,
        crate::t!("report-label-consumer-account"),
        md_inline(c.consumer_account.as_deref().unwrap_or(&unknown)),
    );
    row(
        out,
        crate::t!("report-label-provider-account"),
        md_inline(c.provider_account.as_deref().unwrap_or(&unknown)),
    );
    if let Some(why) = &c.provider_source {
        row(
            out,
            crate::t!("report-label-provider-credentials"),
            md_inline(why),
        );
    }
    row(
        out,
        "DNS".to_string(),
        crate::t!(
            "report-md-dns",
            dns = md_inline(&c.dns),
            vantage = md_inline(&c.vantage)
        ),
    );
    row(
        out,
        crate::t!("report-label-generated"),
        format!(
            "{} ({})",
            crate::t!(
                "report-generated-by",
                at = &r.generated_at,
                tool = &r.tool.name,
                version = &r.tool.version
            ),
            md_inline(&c.source)
        ),
    );
    out.push('\n');
}

/// The fixes of a root cause or an advice entry, each with its command as a shell block.
fn cause_fixes(out: &mut String, remediation: &[Remediation]) {
    for fix in remediation {
        let _ = writeln!(
            out,
            "{} {}\n",
            md_inline(&crate::t!("report-fix", account = fix.account.word())),
            md_inline(&fix.text)
        );
        if let Some(cmd) = &fix.command {
            let _ = writeln!(out, "```sh\n{}\n```\n", md_code(cmd));
        }
    }
}

fn root_causes(out: &mut String, r: &Report) {
    let _ = writeln!(out, "## {}\n", md_inline(&crate::t!("report-root-causes")));
    if r.root_causes.is_empty() {
        let _ = writeln!(out, "{}\n", md_inline(&crate::t!("report-none-found")));
    }
    for rc in &r.root_causes {
        let _ = writeln!(out, "### ✗ `{}`\n\n{}\n", rc.id, md_inline(&rc.summary));
        cause_fixes(out, &rc.remediation);
    }
}

/// Width of the path diagram: wide enough for a zone's hops uncut, narrow enough for a
/// ticket's code block.
const PATH_WIDTH: usize = 110;

/// The path as a text diagram in a code block (a fence longer than any run of backticks in
/// it, so AWS text cannot end the block).
fn path(out: &mut String, r: &Report) {
    let Some(path) = &r.path else {
        return;
    };
    let lines = super::path_text::plain(path, PATH_WIDTH);
    let longest_run = lines
        .iter()
        .flat_map(|l| l.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    let _ = writeln!(out, "## {}\n", md_inline(&crate::t!("path-heading")));
    let _ = writeln!(out, "{fence}text");
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{fence}\n");
}

fn advice(out: &mut String, r: &Report) {
    if !r.advice.is_empty() {
        let _ = writeln!(
            out,
            "## {}\n\n{}\n",
            md_inline(&crate::t!("report-advice")),
            md_inline(&crate::t!("report-advice-note"))
        );
    }
    for a in &r.advice {
        let _ = writeln!(
            out,
            "### {} `{}`\n\n{}\n",
            Status::Advice.symbol(),
            a.id,
            md_inline(&a.summary)
        );
        cause_fixes(out, &a.remediation);
    }
}

fn checks(out: &mut String, r: &Report) {
    let _ = writeln!(
        out,
        "## {}\n\n| | {} | {} |\n|---|---|---|",
        md_inline(&crate::t!("report-checks")),
        md_inline(&crate::t!("report-md-col-check")),
        md_inline(&crate::t!("report-md-col-summary"))
    );
    for check in &r.checks {
        let _ = writeln!(
            out,
            "| {} {} | `{}` | {} |",
            check.status.symbol(),
            md_inline(&super::text::status_noun(check.status)),
            check.id,
            md_inline(&check.summary)
        );
    }
    out.push('\n');
}

/// The evidence, fixes and docs of every check that failed, warned or could not tell.
fn evidence(out: &mut String, r: &Report) {
    let noteworthy: Vec<_> = r
        .checks
        .iter()
        .filter(|c| matches!(c.status, Status::Fail | Status::Warn | Status::Unknown))
        .collect();
    if !noteworthy.is_empty() {
        let _ = writeln!(out, "## {}\n", md_inline(&crate::t!("report-md-evidence")));
    }
    for check in noteworthy {
        let _ = writeln!(
            out,
            "### {} `{}`\n\n{}\n",
            check.status.symbol(),
            check.id,
            md_inline(&check.summary)
        );
        for e in &check.evidence {
            evidence_item(out, e);
        }
        for fix in &check.remediation {
            let _ = writeln!(
                out,
                "\n{} {}",
                md_inline(&crate::t!("report-fix", account = fix.account.word())),
                md_inline(&fix.text)
            );
            if let Some(cmd) = &fix.command {
                let _ = writeln!(out, "\n```sh\n{}\n```", md_code(cmd));
            }
        }
        let _ = writeln!(
            out,
            "\n{}\n",
            crate::t!("report-md-docs", docs = &check.docs)
        );
    }
}

/// The most periods a sparkline shows before neighbours share a character.
const SPARK_WIDTH: usize = 60;

fn evidence_item(out: &mut String, e: &Evidence) {
    match e {
        Evidence::Field { name, value } => {
            let _ = writeln!(out, "- {}: `{}`", md_inline(name), md_inline(value));
        }
        Evidence::Series {
            title,
            unit,
            start,
            end,
            period_secs,
            lines,
        } => {
            let _ = writeln!(
                out,
                "- {}:",
                md_inline(&super::spark::heading(
                    title,
                    unit,
                    (start, end, *period_secs)
                ))
            );
            // A compact sparkline (▁ a zero, · no data) and the numbers.
            for l in lines {
                let _ = writeln!(
                    out,
                    "  - {}: `{}` {}",
                    md_inline(&l.label),
                    super::spark::text(&l.values, SPARK_WIDTH),
                    l.summary()
                );
            }
        }
        Evidence::Table {
            title,
            columns,
            rows,
        } => {
            let _ = writeln!(out, "\n{}:\n", md_inline(title));
            let _ = writeln!(
                out,
                "| {} |",
                columns
                    .iter()
                    .map(|c| md_inline(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
            let _ = writeln!(out, "|{}", "---|".repeat(columns.len()));
            for row in rows {
                let _ = writeln!(
                    out,
                    "| {} |",
                    row.iter()
                        .map(|c| md_inline(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
            }
        }
    }
}

fn footer(out: &mut String, r: &Report) {
    let calls = crate::t!("report-md-api-calls", calls = r.api_calls.total);
    let redacted = if r.redacted {
        format!(" {}", crate::t!("report-md-redacted"))
    } else {
        String::new()
    };
    let summary = crate::t!(
        "report-md-summary",
        counts = super::text::counts_line(r, ", ")
    );
    let _ = writeln!(out, "---\n{calls}{redacted} {summary}");
}
