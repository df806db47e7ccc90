//! The terminal report: root causes first, then every check; colour only as a garnish.

use std::fmt::Write as _;

use super::Report;
use super::escape::{clip, pad, terminal, width};
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
    // The symbol and the word carry the status; colour only repeats it. The words are padded
    // to the widest one of the language (7 columns in English, Hangul takes two each).
    paint(
        color,
        code,
        &format!(
            "{} {}",
            status.symbol(),
            pad(&status.word(), status_label_width() - 2)
        ),
    )
}

/// The columns a [`status_label`] takes: the symbol, a space and the widest status word.
pub(crate) fn status_label_width() -> usize {
    2 + Status::ALL
        .iter()
        .map(|s| width(&s.word()))
        .max()
        .unwrap_or(7)
}

/// A status as the summary line counts it: `pass`, `not_applicable` in English.
pub(crate) fn status_noun(status: Status) -> String {
    match status {
        Status::Pass => crate::t!("report-count-pass"),
        Status::Fail => crate::t!("report-count-fail"),
        Status::Warn => crate::t!("report-count-warn"),
        Status::Advice => crate::t!("report-count-advice"),
        Status::Blocked => crate::t!("report-count-blocked"),
        Status::Unknown => crate::t!("report-count-unknown"),
        Status::NotApplicable => crate::t!("report-count-not-applicable"),
    }
}

/// `33 pass · 1 fail · …`: every status with its count, joined by `sep`.
pub(crate) fn counts_line(report: &Report, sep: &str) -> String {
    Status::ALL
        .iter()
        .map(|s| {
            crate::t!(
                "report-count",
                n = report.summary.get(s.as_str()).copied().unwrap_or(0),
                status = status_noun(*s)
            )
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// A header label padded to the column the header's values start at.
fn label(key: String) -> String {
    pad(&key, 9)
}

fn remediation_lines(out: &mut String, fixes: &[Remediation], indent: &str, color: bool) {
    for f in fixes {
        let _ = writeln!(
            out,
            "{indent}{} {}",
            paint(
                color,
                "1",
                &crate::t!("report-text-fix", account = f.account.word())
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
                let w = labels.iter().map(|l| width(l)).max().unwrap_or(0);
                for (l, label) in lines.iter().zip(&labels) {
                    let _ = writeln!(
                        out,
                        "{indent}  {}  {}  {}",
                        pad(label, w),
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
                let mut widths: Vec<usize> = cols.iter().map(|c| width(c)).collect();
                for r in &rows {
                    for (i, c) in r.iter().enumerate() {
                        if i < widths.len() {
                            widths[i] = widths[i].max(width(c));
                        }
                    }
                }
                let line = |cells: &[String]| {
                    cells
                        .iter()
                        .enumerate()
                        .map(|(i, c)| pad(c, widths.get(i).copied().unwrap_or(0)))
                        .collect::<Vec<_>>()
                        .join("  ")
                        .trim_end()
                        .to_string()
                };
                let _ = writeln!(out, "{indent}  {}", line(&cols));
                if rows.is_empty() {
                    let _ = writeln!(out, "{indent}  {}", crate::t!("report-text-none"));
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
        let _ = writeln!(
            out,
            "  {} {}",
            label(crate::t!("report-text-service")),
            terminal(s)
        );
    }
    if let Some(r) = &c.service_region {
        let _ = writeln!(
            out,
            "  {}",
            crate::t!("report-text-service-region", region = terminal(r))
        );
    }
    let who = |acct: &Option<String>, profile: &Option<String>| {
        let a = acct
            .clone()
            .unwrap_or_else(|| crate::t!("report-text-account-unknown"));
        match profile {
            Some(p) => crate::t!(
                "report-text-account-profile",
                account = terminal(&a),
                profile = terminal(p)
            ),
            None => terminal(&a),
        }
    };
    let _ = writeln!(
        out,
        "  {} {}",
        label(crate::t!("report-text-consumer")),
        who(&c.consumer_account, &c.consumer_profile)
    );
    let provider = match (c.provider_credentials, &c.provider_source) {
        (true, _) => who(&c.provider_account, &c.provider_profile),
        (false, Some(why)) => crate::t!("report-text-no-provider-because", why = terminal(why)),
        (false, None) => crate::t!("report-text-no-provider"),
    };
    let _ = writeln!(
        out,
        "  {} {provider}",
        label(crate::t!("report-text-provider"))
    );
    if let (true, Some(why)) = (c.provider_credentials, &c.provider_source) {
        let _ = writeln!(out, "            {}", terminal(why));
    }
    let _ = writeln!(
        out,
        "  {} {}",
        label(crate::t!("report-text-dns")),
        crate::t!(
            "report-text-dns-vantage",
            dns = terminal(&c.dns),
            vantage = terminal(&c.vantage)
        )
    );
    if c.source != "live" {
        let _ = writeln!(
            out,
            "  {} {}",
            label(crate::t!("report-text-source")),
            crate::t!("report-text-offline", source = terminal(&c.source))
        );
    }
    out.push('\n');
}

fn root_causes(out: &mut String, report: &Report, color: bool) {
    if report.root_causes.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            paint(color, "1", &crate::t!("report-text-no-root-cause"))
        );
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        paint(
            color,
            "1",
            &crate::t!("report-text-root-causes", count = report.root_causes.len())
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
        paint(color, "1", &crate::t!("report-text-advice"))
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
    let _ = writeln!(
        out,
        "{}",
        paint(color, "1", &crate::t!("report-text-checks"))
    );
    let id_width = report.checks.iter().map(|c| c.id.len()).max().unwrap_or(10);
    // With no endpoint to diagnose, its checks are one line, not one each.
    let unreached = |c: &&crate::report::ReportCheck| {
        c.status == Status::Blocked && c.blocked_by == ["target.resolved"]
    };
    let skipped = report.checks.iter().filter(unreached).count();
    if skipped > 0 {
        let _ = writeln!(
            out,
            "  {} {}",
            status_label(Status::Blocked, color),
            crate::t!("report-text-unreached", skipped = skipped),
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
            let _ = writeln!(
                out,
                "{indent}{}",
                crate::t!("report-text-docs", docs = &check.docs)
            );
        }
    }
    out.push('\n');
}

fn summary(out: &mut String, report: &Report, color: bool) {
    let counts = counts_line(report, " · ");
    let meaning = match report.exit_code {
        0 => crate::t!("report-text-exit-0"),
        1 => crate::t!("report-text-exit-1"),
        3 => crate::t!("report-text-exit-3"),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "{}  {}",
        paint(color, "1", &crate::t!("report-text-summary")),
        crate::t!(
            "report-text-summary-line",
            counts = counts,
            code = report.exit_code,
            meaning = meaning,
            calls = report.api_calls.total
        )
    );
}

/// The API calls by operation and the time of each phase (`--stats`).
fn stats(out: &mut String, report: &Report, color: bool) {
    let ops = report
        .api_calls
        .by_operation
        .iter()
        .map(|(op, s)| {
            let calls = crate::t!("report-text-op", op = op, calls = s.calls, ms = s.total_ms);
            if s.retries > 0 {
                format!(
                    "{calls} {}",
                    crate::t!("report-text-retries", retries = s.retries)
                )
            } else {
                calls
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(
        out,
        "{}  {}",
        paint(color, "1", &crate::t!("report-text-stats")),
        crate::t!(
            "report-text-stats-line",
            calls = report.api_calls.total,
            ops = if ops.is_empty() {
                crate::t!("report-text-stats-none")
            } else {
                ops
            }
        )
    );
    let _ = writeln!(
        out,
        "       {}",
        crate::t!(
            "report-text-phases",
            setup = report.timings.setup_ms,
            checks = report.timings.checks_ms,
            total = report.timings.total_ms
        )
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
        "{:<w$}  {}  {}  {}",
        "id",
        pad(&crate::t!("report-catalog-account"), 8),
        pad(&crate::t!("report-catalog-title"), 60),
        crate::t!("report-catalog-needs"),
        w = w
    );
    for c in catalog.checks() {
        let _ = writeln!(
            out,
            "{:<w$}  {}  {}  {}",
            c.id,
            pad(&c.account.word(), 8),
            pad(&c.title, 60),
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
