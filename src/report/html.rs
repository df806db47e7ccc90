//! One self-contained HTML file: inline CSS, no scripts, nothing fetched. Every value that
//! came from AWS or DNS is escaped; evidence folds away in `<details>`.

use std::fmt::Write as _;

use super::escape::html as esc;
use super::{Report, ReportCheck};
use crate::engine::catalog::tree;
use crate::engine::outcome::{Evidence, Status};

pub(crate) const STYLE: &str = r#"
:root { --pass:#1a7f37; --fail:#cf222e; --warn:#9a6700; --advice:#0969da; --unknown:#8250df; --muted:#6e7781; --bg:#f6f8fa; --line:#d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color:#1f2328; margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 28px; }
code, pre, .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
pre { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; white-space: pre-wrap; word-break: break-all; }
dl.context { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
dl.context dt { color: var(--muted); } dl.context dd { margin: 0; overflow-wrap: anywhere; }
.banner { border-radius: 6px; padding: 12px 16px; font-weight: 600; font-size: 17px; margin: 16px 0; border: 1px solid; }
.banner.fail { background:#ffebe9; border-color: var(--fail); color: var(--fail); }
.banner.pass { background:#dafbe1; border-color: var(--pass); color: var(--pass); }
.banner.unknown { background:#fbefff; border-color: var(--unknown); color: var(--unknown); }
.badge { display:inline-block; min-width: 92px; font-weight: 600; }
.s-pass { color: var(--pass); } .s-fail { color: var(--fail); } .s-warn { color: var(--warn); }
.s-unknown { color: var(--unknown); } .s-blocked, .s-not_applicable { color: var(--muted); }
.s-advice { color: var(--advice); }
.root { border-left: 4px solid var(--fail); padding: 4px 12px; margin: 12px 0; }
.advice { border-left: 4px solid var(--advice); padding: 4px 12px; margin: 12px 0; }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 22px; }
ul.tree { padding-left: 0; } ul.tree li { margin: 3px 0; }
ul.tree ul { border-left: 1px dotted var(--line); }
details > summary { cursor: pointer; } details .body { margin: 6px 0 10px 22px; }
.summary { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 6px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--bg); }
svg.chart { width: 100%; max-width: 600px; height: auto; display: block; }
svg.chart .axis { stroke: var(--line); } svg.chart .tick { font-size: 11px; fill: var(--muted); }
svg.chart .tick.end { text-anchor: end; } svg.chart polyline { fill: none; stroke-width: 1.5; }
.l0 { stroke:#0969da; fill:#0969da; } .l1 { stroke:#cf222e; fill:#cf222e; } .l2 { stroke:#1a7f37; fill:#1a7f37; }
.l3 { stroke:#9a6700; fill:#9a6700; } .l4 { stroke:#8250df; fill:#8250df; } .l5 { stroke:#6e7781; fill:#6e7781; }
ul.legend { list-style: none; padding: 0; margin: 2px 0 8px; font-size: 13px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-style: solid; border-width: 5px; }
.swatch.l0 { border-color:#0969da; } .swatch.l1 { border-color:#cf222e; } .swatch.l2 { border-color:#1a7f37; }
.swatch.l3 { border-color:#9a6700; } .swatch.l4 { border-color:#8250df; } .swatch.l5 { border-color:#6e7781; }
.path svg { max-width: 100%; height: auto; display: block; } .path ul { font-size: 13px; margin: 6px 0; }
.muted { color: var(--muted); } footer { margin-top: 32px; color: var(--muted); font-size: 13px; }
@media print { body { max-width: none; padding: 0; } details { break-inside: avoid; } a { color: inherit; } .noprint { display: none; } }
"#;

fn badge(status: Status) -> String {
    let word = status.word();
    format!(
        "<span class=\"badge s-{}\">{} {word}</span>",
        status.as_str(),
        status.symbol()
    )
}

fn fixes(out: &mut String, c: &[crate::engine::outcome::Remediation]) {
    for f in c {
        let _ = writeln!(
            out,
            "<p><strong>{}</strong> {}</p>",
            esc(&crate::t!("report-fix", account = f.account.word())),
            esc(&f.text)
        );
        if let Some(cmd) = &f.command {
            let _ = writeln!(out, "<pre><code>{}</code></pre>", esc(cmd));
        }
    }
}

/// The chart's drawing area inside its 600×150 view box.
const PLOT: (f64, f64, f64, f64) = (48.0, 10.0, 590.0, 120.0);

/// An observed series as an inline SVG chart (no script, nothing fetched): one polyline per
/// line, broken where a period has no datapoint (a lone datapoint is a dot), the axis' min
/// and max, the window under it, and a legend with each line's numbers.
fn series(
    out: &mut String,
    title: &str,
    unit: &str,
    window: (&str, &str, u32),
    lines: &[crate::engine::outcome::SeriesLine],
) {
    use crate::engine::outcome::number;
    let (start, end, period) = window;
    let _ = writeln!(
        out,
        "<div class=\"series\"><div class=\"muted\">{}</div>",
        esc(&super::spark::heading(title, unit, (start, end, period)))
    );
    let peak = lines
        .iter()
        .filter_map(crate::engine::outcome::SeriesLine::peak)
        .fold(0.0_f64, f64::max);
    let floor = lines
        .iter()
        .flat_map(|l| l.values.iter().flatten())
        .copied()
        .fold(0.0_f64, f64::min);
    let n = lines.iter().map(|l| l.values.len()).max().unwrap_or(0);
    let (x0, y0, x1, y1) = PLOT;
    let x = |i: usize| {
        if n <= 1 {
            x0
        } else {
            x0 + (x1 - x0) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| {
        if peak > floor {
            y1 - (y1 - y0) * (v - floor) / (peak - floor)
        } else {
            y1
        }
    };
    let _ = writeln!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 600 150\" role=\"img\" aria-label=\"{}\">",
        esc(title)
    );
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{x0}\" y1=\"{y1}\" x2=\"{x1}\" y2=\"{y1}\"></line><line class=\"axis\" x1=\"{x0}\" y1=\"{y0}\" x2=\"{x0}\" y2=\"{y1}\"></line>"
    );
    let _ = writeln!(
        out,
        "<text class=\"tick end\" x=\"{}\" y=\"{}\">{}</text><text class=\"tick end\" x=\"{}\" y=\"{}\">{}</text>",
        x0 - 4.0,
        y0 + 8.0,
        number(peak),
        x0 - 4.0,
        y1,
        number(floor)
    );
    let clock = |t: &str| {
        chrono::DateTime::parse_from_rfc3339(t)
            .map(|t| t.with_timezone(&chrono::Utc).format("%H:%M").to_string())
            .unwrap_or_else(|_| t.to_string())
    };
    let _ = writeln!(
        out,
        "<text class=\"tick\" x=\"{x0}\" y=\"{}\">{}</text><text class=\"tick end\" x=\"{x1}\" y=\"{}\">{} UTC</text>",
        y1 + 16.0,
        esc(&clock(start)),
        y1 + 16.0,
        esc(&clock(end))
    );
    for (k, l) in lines.iter().enumerate() {
        // Runs of consecutive datapoints: each a polyline, a lone one a dot.
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for (i, v) in l.values.iter().enumerate() {
            match v {
                Some(v) if v.is_finite() => runs.last_mut().unwrap().push((x(i), y(*v))),
                _ => runs.push(Vec::new()),
            }
        }
        let class = format!("l{}", k % 6);
        for run in runs.iter().filter(|r| !r.is_empty()) {
            if let [(cx, cy)] = run.as_slice() {
                let _ = writeln!(
                    out,
                    "<circle class=\"{class}\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"2\"></circle>"
                );
            } else {
                let points: Vec<String> =
                    run.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
                let _ = writeln!(
                    out,
                    "<polyline class=\"{class}\" points=\"{}\"></polyline>",
                    points.join(" ")
                );
            }
        }
    }
    out.push_str("</svg>\n<ul class=\"legend\">\n");
    for (k, l) in lines.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><span class=\"swatch l{}\"></span>{}: {}</li>",
            k % 6,
            esc(&l.label),
            esc(&l.summary())
        );
    }
    out.push_str("</ul></div>\n");
}

fn check_body(out: &mut String, c: &ReportCheck) {
    let _ = writeln!(out, "<div class=\"body\">");
    for e in &c.evidence {
        match e {
            Evidence::Field { name, value } => {
                let _ = writeln!(
                    out,
                    "<div><span class=\"muted\">{}:</span> <code>{}</code></div>",
                    esc(name),
                    esc(value)
                );
            }
            Evidence::Series {
                title,
                unit,
                start,
                end,
                period_secs,
                lines,
            } => series(out, title, unit, (start, end, *period_secs), lines),
            Evidence::Table {
                title,
                columns,
                rows,
            } => {
                let _ = writeln!(out, "<div class=\"muted\">{}</div><table><tr>", esc(title));
                for col in columns {
                    let _ = write!(out, "<th>{}</th>", esc(col));
                }
                out.push_str("</tr>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let _ = write!(out, "<td>{}</td>", esc(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    if !c.blocked_by.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            crate::t!(
                "report-html-blocked-by",
                checks = c
                    .blocked_by
                    .iter()
                    .map(|b| format!("<code>{}</code>", esc(b)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        );
    }
    fixes(out, &c.remediation);
    if let Some(r) = &c.reproduce {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p><pre><code>{}</code></pre>",
            esc(&crate::t!("report-html-see-it")),
            esc(r)
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"muted\">{} · {} · {} ms · <a href=\"{}\">{}</a></p></div>",
        esc(&c.title),
        esc(&crate::t!(
            "report-html-account",
            account = c.account.word()
        )),
        c.duration_ms,
        esc(&c.docs),
        esc(&crate::t!("report-html-docs"))
    );
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    header(&mut out, r);
    banner(&mut out, r);
    root_causes(&mut out, r);
    advice(&mut out, r);
    path(&mut out, r);
    checks(&mut out, r);
    let _ = writeln!(
        out,
        "<footer>{} <code>{}</code>{}</footer>\n</body>\n</html>",
        esc(&crate::t!(
            "report-html-footer",
            calls = r.api_calls.total,
            ms = r.timings.checks_ms
        )),
        esc(&r.command_line.join(" ")),
        if r.redacted {
            format!(" · {}", esc(&crate::t!("report-html-redacted")))
        } else {
            String::new()
        }
    );
    out
}

/// The document head and the run's context.
fn header(out: &mut String, r: &Report) {
    let c = &r.context;
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>vpce-doctor: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        crate::i18n::current().code(),
        esc(&r.target.headline())
    );
    let _ = writeln!(
        out,
        "<header><h1>vpce-doctor <span class=\"id\">{}</span></h1><dl class=\"context\">",
        esc(&r.target.headline())
    );
    let unknown = || crate::t!("report-unknown");
    let mut rows = vec![
        (
            crate::t!("report-label-service"),
            c.service_name.clone().unwrap_or_else(unknown),
        ),
        (
            crate::t!("report-label-region"),
            match &c.service_region {
                Some(sr) => crate::t!(
                    "report-html-region-cross",
                    region = &c.region,
                    service_region = sr
                ),
                None => c.region.clone(),
            },
        ),
        (
            crate::t!("report-label-consumer-account"),
            c.consumer_account.clone().unwrap_or_else(unknown),
        ),
        (
            crate::t!("report-label-provider-account"),
            c.provider_account.clone().unwrap_or_else(unknown),
        ),
        (
            "DNS".to_string(),
            crate::t!(
                "report-text-dns-vantage",
                dns = &c.dns,
                vantage = &c.vantage
            ),
        ),
        (crate::t!("report-label-source"), c.source.clone()),
        (
            crate::t!("report-label-generated"),
            crate::t!(
                "report-generated-by",
                at = &r.generated_at,
                tool = &r.tool.name,
                version = &r.tool.version
            ),
        ),
    ];
    if let Some(why) = &c.provider_source {
        rows.insert(
            4,
            (crate::t!("report-label-provider-credentials"), why.clone()),
        );
    }
    for (k, v) in rows {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(&k), esc(&v));
    }
    out.push_str("</dl></header>\n");
}

fn banner(out: &mut String, r: &Report) {
    let (class, verdict) = match r.exit_code {
        0 => ("pass", crate::t!("report-html-verdict-pass")),
        1 => (
            "fail",
            crate::t!("report-verdict-fail", n = r.count(Status::Fail)),
        ),
        _ => (
            "unknown",
            crate::t!("report-html-verdict-unknown", n = r.count(Status::Unknown)),
        ),
    };
    let verdict = esc(&verdict);
    let counts = esc(&super::text::counts_line(r, " · "));
    let _ = writeln!(
        out,
        "<div class=\"banner {class}\">{verdict} <span class=\"muted\">— {counts}</span></div>"
    );
}

fn root_causes(out: &mut String, r: &Report) {
    let _ = writeln!(out, "<h2>{}</h2>", esc(&crate::t!("report-root-causes")));
    if r.root_causes.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&crate::t!("report-none-found")));
    }
    for rc in &r.root_causes {
        let _ = writeln!(
            out,
            "<div class=\"root\"><p>{} <code>{}</code> <span class=\"summary\">{}</span></p>",
            badge(Status::Fail),
            esc(&rc.id),
            esc(&rc.summary)
        );
        fixes(out, &rc.remediation);
        out.push_str("</div>\n");
    }
}

fn advice(out: &mut String, r: &Report) {
    if !r.advice.is_empty() {
        let _ = writeln!(
            out,
            "<h2>{}</h2>\n<p class=\"muted\">{}</p>",
            esc(&crate::t!("report-advice")),
            esc(&crate::t!("report-advice-note"))
        );
    }
    for a in &r.advice {
        let _ = writeln!(
            out,
            "<div class=\"advice\"><p>{} <code>{}</code> <span class=\"summary\">{}</span></p>",
            badge(Status::Advice),
            esc(&a.id),
            esc(&a.summary)
        );
        fixes(out, &a.remediation);
        out.push_str("</div>\n");
    }
}

/// The path the connection takes, drawn (when the run could draw one), and what the drawing
/// lacks.
fn path(out: &mut String, r: &Report) {
    let Some(p) = &r.path else {
        return;
    };
    let _ = writeln!(
        out,
        "<h2 id=\"path\">{}</h2>\n<div class=\"path\">",
        esc(&crate::t!("path-heading"))
    );
    out.push_str(&super::path_svg::svg(p));
    if !p.gaps.is_empty() {
        out.push_str("<ul class=\"muted\">\n");
        for gap in &p.gaps {
            let _ = writeln!(out, "<li>{}</li>", esc(gap));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n");
}

/// The checks as a tree by their first dependency, each folding its evidence away; what
/// failed, warned or could not tell starts open.
fn checks(out: &mut String, r: &Report) {
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<ul class=\"tree\">",
        esc(&crate::t!("report-checks"))
    );
    let items: Vec<(&str, Option<&str>)> = r
        .checks
        .iter()
        .map(|c| (c.id.as_str(), c.needs.first().map(String::as_str)))
        .collect();
    let mut depth = 0usize;
    for (n, row) in tree(&items).into_iter().enumerate() {
        let check = &r.checks[row.index];
        if n > 0 {
            if row.depth > depth {
                out.push_str("<ul>\n");
            } else {
                out.push_str("</li>\n");
                for _ in row.depth..depth {
                    out.push_str("</ul></li>\n");
                }
            }
        }
        depth = row.depth;
        let open = if matches!(check.status, Status::Fail | Status::Unknown | Status::Warn) {
            " open"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<li id=\"{}\"><details{open}><summary>{} <code>{}</code> <span class=\"summary\">{}</span></summary>",
            esc(&check.id),
            badge(check.status),
            esc(&check.id),
            esc(&check.summary)
        );
        check_body(out, check);
        out.push_str("</details>");
    }
    if !r.checks.is_empty() {
        out.push_str("</li>\n");
        for _ in 0..depth {
            out.push_str("</ul></li>\n");
        }
    }
    out.push_str("</ul>\n");
}
