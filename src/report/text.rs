//! The terminal report: root causes first, then every check; colour only as a garnish.

use std::fmt::Write as _;

use super::Report;
use super::escape::{clip, terminal};
use crate::engine::outcome::{Evidence, Remediation, Status};

pub struct TextOptions {
    pub color: bool,
    pub stats: bool,
}

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

pub(crate) fn status_label(status: Status, color: bool) -> String {
    let code = match status {
        Status::Pass => "32",
        Status::Fail => "1;31",
        Status::Warn => "33",
        Status::Advice => "36",
        Status::Blocked | Status::NotApplicable => "2",
        Status::Unknown => "35",
    };
    // The symbol and the word carry the status; colour only repeats it.
    paint(
        color,
        code,
        &format!("{} {:<7}", status.symbol(), status.word()),
    )
}

fn remediation_lines(out: &mut String, fixes: &[Remediation], indent: &str, color: bool) {
    for f in fixes {
        let _ = writeln!(
            out,
            "{indent}{} {}",
            paint(
                color,
                "1",
                &format!("fix ({} account):", f.account.as_str())
            ),
            terminal(&f.text)
        );
        if let Some(cmd) = &f.command {
            let _ = writeln!(
                out,
                "{indent}  {}",
                paint(color, "36", &format!("$ {}", terminal(cmd)))
            );
        }
    }
}

fn cell(s: &str) -> String {
    clip(s, 72)
}

fn evidence_lines(out: &mut String, evidence: &[Evidence], indent: &str) {
    for e in evidence {
        match e {
            Evidence::Field { name, value } => {
                let _ = writeln!(out, "{indent}{}: {}", cell(name), clip(value, 200));
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
                    "{indent}{}:",
                    clip(
                        &super::spark::heading(title, unit, (start, end, *period_secs)),
                        200
                    )
                );
                // Label, sparkline (▁ a zero, · no data), numbers: the labels in one column.
                let labels: Vec<String> = lines.iter().map(|l| clip(&l.label, 32)).collect();
                let w = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
                for (l, label) in lines.iter().zip(&labels) {
                    let _ = writeln!(
                        out,
                        "{indent}  {label:<w$}  {}  {}",
                        super::spark::text(&l.values, 60),
                        l.summary()
                    );
                }
            }
            Evidence::Table {
                title,
                columns,
                rows,
            } => {
                let _ = writeln!(out, "{indent}{}:", cell(title));
                let cols: Vec<String> = columns.iter().map(|c| cell(c)).collect();
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| r.iter().map(|c| cell(c)).collect())
                    .collect();
                let mut widths: Vec<usize> = cols.iter().map(|c| c.chars().count()).collect();
                for r in &rows {
                    for (i, c) in r.iter().enumerate() {
                        if i < widths.len() {
                            widths[i] = widths[i].max(c.chars().count());
                        }
                    }
                }
                let line = |cells: &[String]| {
                    cells
                        .iter()
                        .enumerate()
                        .map(|(i, c)| format!("{:<w$}", c, w = widths.get(i).copied().unwrap_or(0)))
                        .collect::<Vec<_>>()
                        .join("  ")
                        .trim_end()
                        .to_string()
                };
                let _ = writeln!(out, "{indent}  {}", line(&cols));
                if rows.is_empty() {
                    let _ = writeln!(out, "{indent}  (none)");
                }
                for r in &rows {
                    let _ = writeln!(out, "{indent}  {}", line(r));
                }
            }
        }
    }
}

pub fn render(report: &Report, opts: &TextOptions) -> String {
    let color = opts.color;
    let mut out = String::new();
    header(&mut out, report, color);
    root_causes(&mut out, report, color);
    advice(&mut out, report, color);
    checks(&mut out, report, color);
    summary(&mut out, report, color);
    if opts.stats {
        stats(&mut out, report, color);
    }
    out
}

fn header(out: &mut String, report: &Report, color: bool) {
    let c = &report.context;
    let _ = writeln!(
        out,
        "{} {} · {}",
        paint(color, "1", "vpce-doctor"),
        terminal(&report.target.headline()),
        terminal(&c.region)
    );
    if let Some(s) = &c.service_name {
        let _ = writeln!(out, "  service   {}", terminal(s));
    }
    if let Some(r) = &c.service_region {
        let _ = writeln!(
            out,
            "  service region {} (cross-region endpoint; provider side asked there)",
            terminal(r)
        );
    }
    let who = |acct: &Option<String>, profile: &Option<String>| {
        let a = acct.clone().unwrap_or_else(|| "account unknown".into());
        match profile {
            Some(p) => format!("{} (profile {})", terminal(&a), terminal(p)),
            None => terminal(&a),
        }
    };
    let _ = writeln!(
        out,
        "  consumer  {}",
        who(&c.consumer_account, &c.consumer_profile)
    );
    let provider = match (c.provider_credentials, &c.provider_source) {
        (true, _) => who(&c.provider_account, &c.provider_profile),
        (false, Some(why)) => format!(
            "no provider credentials: {}; provider checks use the consumer's",
            terminal(why)
        ),
        (false, None) => {
            "no provider credentials (--provider-profile); provider checks use the consumer's"
                .to_string()
        }
    };
    let _ = writeln!(out, "  provider  {provider}");
    if let (true, Some(why)) = (c.provider_credentials, &c.provider_source) {
        let _ = writeln!(out, "            {}", terminal(why));
    }
    let _ = writeln!(
        out,
        "  dns       {} · vantage: {}",
        terminal(&c.dns),
        terminal(&c.vantage)
    );
    if c.source != "live" {
        let _ = writeln!(out, "  source    {} (offline replay)", terminal(&c.source));
    }
    out.push('\n');
}

fn root_causes(out: &mut String, report: &Report, color: bool) {
    if report.root_causes.is_empty() {
        let _ = writeln!(out, "{}", paint(color, "1", "ROOT CAUSE  none found"));
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        paint(
            color,
            "1",
            &format!(
                "ROOT CAUSE{}",
                if report.root_causes.len() > 1 {
                    "S"
                } else {
                    ""
                }
            )
        )
    );
    for rc in &report.root_causes {
        cause_line(
            out,
            Status::Fail,
            &rc.id,
            &rc.summary,
            &rc.remediation,
            color,
        );
    }
}

/// One root cause or piece of advice: status, id, summary, then its fixes.
fn cause_line(
    out: &mut String,
    status: Status,
    id: &str,
    summary: &str,
    remediation: &[Remediation],
    color: bool,
) {
    let _ = writeln!(
        out,
        "  {} {}  {}",
        status_label(status, color),
        paint(color, "1", id),
        terminal(summary)
    );
    remediation_lines(out, remediation, "      ", color);
}

fn advice(out: &mut String, report: &Report, color: bool) {
    if report.advice.is_empty() {
        return;
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        paint(
            color,
            "1",
            "ADVICE  (no risk to the traffic; not counted in the exit code)"
        )
    );
    for a in &report.advice {
        cause_line(
            out,
            Status::Advice,
            &a.id,
            &a.summary,
            &a.remediation,
            color,
        );
    }
}

/// A line per check; a check that failed, warned or could not tell adds its evidence, fixes
/// and docs.
fn checks(out: &mut String, report: &Report, color: bool) {
    out.push('\n');
    let _ = writeln!(out, "{}", paint(color, "1", "CHECKS"));
    let id_width = report.checks.iter().map(|c| c.id.len()).max().unwrap_or(10);
    // With no endpoint to diagnose, its checks are one line, not one each.
    let unreached = |c: &&crate::report::ReportCheck| {
        c.status == Status::Blocked && c.blocked_by == ["target.resolved"]
    };
    let skipped = report.checks.iter().filter(unreached).count();
    if skipped > 0 {
        let _ = writeln!(
            out,
            "  {} {skipped} checks of the endpoint's diagnosis: no endpoint serves the target (see target.resolved)",
            status_label(Status::Blocked, color),
        );
    }
    for check in report.checks.iter().filter(|c| !unreached(c)) {
        let _ = writeln!(
            out,
            "  {} {:<w$}  {}",
            status_label(check.status, color),
            check.id,
            terminal(&check.summary),
            w = id_width
        );
        if matches!(check.status, Status::Fail | Status::Warn | Status::Unknown) {
            let indent = "      ";
            evidence_lines(out, &check.evidence, indent);
            remediation_lines(out, &check.remediation, indent, color);
            let _ = writeln!(out, "{indent}docs: {}", check.docs);
        }
    }
    out.push('\n');
}

fn summary(out: &mut String, report: &Report, color: bool) {
    let counts = Status::ALL
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                report.summary.get(s.as_str()).copied().unwrap_or(0),
                s.as_str()
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let meaning = match report.exit_code {
        0 => "no check failed",
        1 => "a check failed",
        3 => "nothing failed, but some checks could not be evaluated",
        _ => "",
    };
    let _ = writeln!(
        out,
        "{}  {counts}  → exit {} ({meaning}) · {} API calls",
        paint(color, "1", "SUMMARY"),
        report.exit_code,
        report.api_calls.total
    );
}

/// The API calls by operation and the time of each phase (`--stats`).
fn stats(out: &mut String, report: &Report, color: bool) {
    let ops = report
        .api_calls
        .by_operation
        .iter()
        .map(|(op, s)| {
            let retries = if s.retries > 0 {
                format!(" ({} retries)", s.retries)
            } else {
                String::new()
            };
            format!("{op} {}×/{} ms{retries}", s.calls, s.total_ms)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(
        out,
        "{}  {} API calls: {}",
        paint(color, "1", "STATS"),
        report.api_calls.total,
        if ops.is_empty() {
            "none".to_string()
        } else {
            ops
        }
    );
    let _ = writeln!(
        out,
        "       phases: setup {} ms · checks {} ms · total {} ms",
        report.timings.setup_ms, report.timings.checks_ms, report.timings.total_ms
    );
}

/// The catalog as text, for `vpce-doctor checks`.
pub fn render_catalog(catalog: &crate::engine::catalog::Catalog) -> String {
    let mut out = String::new();
    let w = catalog
        .checks()
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(10);
    let _ = writeln!(
        out,
        "{:<w$}  {:<8}  {:<60}  needs",
        "id",
        "account",
        "title",
        w = w
    );
    for c in catalog.checks() {
        let _ = writeln!(
            out,
            "{:<w$}  {:<8}  {:<60}  {}",
            c.id,
            c.account.as_str(),
            c.title,
            if c.needs.is_empty() {
                "—".to_string()
            } else {
                c.needs.join(", ")
            },
            w = w
        );
    }
    out
}
