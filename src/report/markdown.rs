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
    checks(&mut out, r);
    evidence(&mut out, r);
    footer(&mut out, r);
    out
}

fn header(out: &mut String, r: &Report) {
    let c = &r.context;
    let _ = writeln!(out, "# vpce-doctor: {}\n", md_inline(&r.target.headline()));
    let verdict = match r.exit_code {
        0 => "✓ no check failed".to_string(),
        1 => format!(
            "✗ {} check(s) failed",
            r.summary.get("fail").copied().unwrap_or(0)
        ),
        _ => format!(
            "? nothing failed, but {} check(s) could not be evaluated",
            r.summary.get("unknown").copied().unwrap_or(0)
        ),
    };
    let _ = writeln!(out, "**Verdict:** {verdict}\n");
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(
        out,
        "| service | {} |",
        md_inline(c.service_name.as_deref().unwrap_or("unknown"))
    );
    let _ = writeln!(out, "| region | {} |", md_inline(&c.region));
    if let Some(r) = &c.service_region {
        let _ = writeln!(
            out,
            "| service region | {} (cross-region endpoint) |",
            md_inline(r)
        );
    }
    let _ = writeln!(
        out,
        "| consumer account | {} |",
        md_inline(c.consumer_account.as_deref().unwrap_or("unknown"))
    );
    let _ = writeln!(
        out,
        "| provider account | {} |",
        md_inline(c.provider_account.as_deref().unwrap_or("unknown"))
    );
    if let Some(why) = &c.provider_source {
        let _ = writeln!(out, "| provider credentials | {} |", md_inline(why));
    }
    let _ = writeln!(
        out,
        "| DNS | {} (vantage: {}) |",
        md_inline(&c.dns),
        md_inline(&c.vantage)
    );
    let _ = writeln!(
        out,
        "| generated | {} by {} {} ({}) |\n",
        r.generated_at,
        r.tool.name,
        r.tool.version,
        md_inline(&c.source)
    );
}

/// The fixes of a root cause or an advice entry, each with its command as a shell block.
fn cause_fixes(out: &mut String, remediation: &[Remediation]) {
    for fix in remediation {
        let _ = writeln!(
            out,
            "Fix ({} account): {}\n",
            fix.account.as_str(),
            md_inline(&fix.text)
        );
        if let Some(cmd) = &fix.command {
            let _ = writeln!(out, "```sh\n{}\n```\n", md_code(cmd));
        }
    }
}

fn root_causes(out: &mut String, r: &Report) {
    let _ = writeln!(out, "## Root causes\n");
    if r.root_causes.is_empty() {
        let _ = writeln!(out, "None found.\n");
    }
    for rc in &r.root_causes {
        let _ = writeln!(out, "### ✗ `{}`\n\n{}\n", rc.id, md_inline(&rc.summary));
        cause_fixes(out, &rc.remediation);
    }
}

fn advice(out: &mut String, r: &Report) {
    if !r.advice.is_empty() {
        let _ = writeln!(
            out,
            "## Advice\n\nPosture guidance: no risk to the traffic, not counted in the verdict.\n"
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
    let _ = writeln!(out, "## Checks\n\n| | check | summary |\n|---|---|---|");
    for check in &r.checks {
        let _ = writeln!(
            out,
            "| {} {} | `{}` | {} |",
            check.status.symbol(),
            check.status.as_str(),
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
        let _ = writeln!(out, "## Evidence\n");
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
                "\nFix ({} account): {}",
                fix.account.as_str(),
                md_inline(&fix.text)
            );
            if let Some(cmd) = &fix.command {
                let _ = writeln!(out, "\n```sh\n{}\n```", md_code(cmd));
            }
        }
        let _ = writeln!(out, "\nDocs: {}\n", check.docs);
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
    let _ = writeln!(
        out,
        "---\n{} API calls.{} Summary: {}.",
        r.api_calls.total,
        if r.redacted {
            " Account ids and IP addresses redacted."
        } else {
            ""
        },
        Status::ALL
            .iter()
            .map(|s| format!(
                "{} {}",
                r.summary.get(s.as_str()).copied().unwrap_or(0),
                s.as_str()
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
}
