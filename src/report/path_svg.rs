//! The path as an inline SVG for the HTML report: one row per zone (or route table), one
//! box per hop coloured by its verdict, arrows between the hops. No script, nothing fetched,
//! no `<foreignObject>`: every text from AWS or DNS is escaped, its control characters
//! replaced, and cut to its box (the whole of it is in the box's `<title>`, shown on hover).

use std::fmt::Write as _;

use super::escape::{clip, html as esc};
use crate::engine::outcome::Status;
use crate::engine::path::{Hop, Local, PathModel};

/// The column of row names (AZ IDs, route tables).
const NAME_W: usize = 150;
/// One hop's column, and the box inside it.
const COL_W: usize = 170;
const BOX_W: usize = 140;
const BOX_H: usize = 40;
/// A row, the box sitting `BOX_TOP` below its top (room for the root-cause tag).
const ROW_H: usize = 64;
const BOX_TOP: usize = 14;
/// The line under a broken row that says why.
const REASON_H: usize = 20;
/// The column headings above the first row.
const HEAD_H: usize = 24;
/// Room right of the last column for a broken row's ✗.
const END_W: usize = 28;
/// Terminal columns of text that fit a box, a row name, a heading (12 px monospace).
const LABEL_COLS: usize = 17;
/// A row name is 11 px: a route table id (21 characters) fits whole.
const NAME_COLS: usize = 21;
const HEAD_COLS: usize = 23;
/// About how wide one column of 11 px sans-serif text is, for the reason lines.
const REASON_COL_PX: usize = 6;

const RED: &str = "#c0392b";
const ARROW: &str = "#57606a";
const MONO: &str = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

/// Text for an SVG (XML) text node or quoted attribute: [`esc`], and the two characters XML
/// does not allow at all become U+FFFD too.
fn text(s: &str) -> String {
    esc(s).replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}")
}

/// The stroke and the light fill of a hop with this verdict.
fn colours(status: Option<Status>) -> (&'static str, &'static str) {
    match status {
        Some(Status::Fail) => (RED, "#fdedec"),
        Some(Status::Unknown) => ("#7f8c8d", "#f2f3f4"),
        Some(Status::Warn) => ("#d68910", "#fef5e7"),
        Some(Status::Blocked) => ("#a6acaf", "#f4f6f6"),
        Some(Status::Pass) => ("#1e8449", "#e9f7ef"),
        Some(Status::Advice) => ("#2471a3", "#eaf2f8"),
        Some(Status::NotApplicable) | None => ("#bdc3c7", "#fafbfc"),
    }
}

/// Where the rows go: each row's top, its first column (the lanes start where the shared
/// hops end, so the path reads left to right), and the whole drawing's size.
struct Layout {
    tops: Vec<usize>,
    starts: Vec<usize>,
    columns: usize,
    width: usize,
    height: usize,
}

impl Layout {
    fn of(rows: &[(Option<&str>, &[Hop], Option<&str>)]) -> Layout {
        let shared = match rows.first() {
            Some((None, hops, _)) => hops.len(),
            _ => 0,
        };
        let starts: Vec<usize> = rows
            .iter()
            .map(|(name, _, _)| if name.is_some() { shared } else { 0 })
            .collect();
        let mut tops = Vec::with_capacity(rows.len());
        let mut y = HEAD_H;
        for (_, _, broken) in rows {
            tops.push(y);
            y += ROW_H + if broken.is_some() { REASON_H } else { 0 };
        }
        let columns = rows
            .iter()
            .zip(&starts)
            .map(|((_, hops, _), start)| start + hops.len())
            .max()
            .unwrap_or(0);
        Layout {
            tops,
            starts,
            columns,
            width: NAME_W + columns * COL_W + END_W,
            height: y + 4,
        }
    }

    /// The left edge of the box in `column`.
    fn box_x(column: usize) -> usize {
        NAME_W + column * COL_W + (COL_W - BOX_W) / 2
    }

    /// The vertical middle of row `row`'s boxes.
    fn mid_y(&self, row: usize) -> usize {
        self.tops[row] + BOX_TOP + BOX_H / 2
    }
}

/// The path as an inline `<svg>`: a grid of hops, one row per [`PathModel::rows`] entry.
pub fn svg(path: &PathModel) -> String {
    let rows = path.rows();
    let layout = Layout::of(&rows);
    let (w, h) = (layout.width, layout.height);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg class=\"path-view\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" font-family=\"system-ui, sans-serif\" font-size=\"12\">",
        text(&crate::t!("path-heading"))
    );
    out.push_str("<defs>");
    for (id, colour) in [("pv-arrow", ARROW), ("pv-arrow-broken", RED)] {
        let _ = write!(
            out,
            "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"></path></marker>"
        );
    }
    out.push_str("</defs>\n");
    headings(&mut out, &rows, &layout);
    fan_out(&mut out, &rows, &layout);
    for (i, (name, hops, broken)) in rows.iter().enumerate() {
        let start = layout.starts[i];
        let y = layout.mid_y(i);
        if let Some(name) = name {
            let _ = writeln!(
                out,
                "<text x=\"8\" y=\"{}\" font-family=\"{MONO}\" font-size=\"11\"><title>{}</title>{}</text>",
                y + 4,
                text(name),
                text(&clip(name, NAME_COLS))
            );
        }
        for k in 1..hops.len() {
            let from = (Layout::box_x(start + k - 1) + BOX_W, y);
            let to = (Layout::box_x(start + k), y);
            connector(&mut out, from, to, broken.is_some());
        }
        for (k, hop) in hops.iter().enumerate() {
            hop_box(
                &mut out,
                hop,
                Layout::box_x(start + k),
                layout.tops[i] + BOX_TOP,
            );
        }
        if let Some(reason) = broken {
            let end = Layout::box_x(start + hops.len().saturating_sub(1)) + BOX_W;
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" fill=\"{RED}\" font-size=\"16\" font-weight=\"bold\">✗</text>",
                if hops.is_empty() { NAME_W } else { end + 6 },
                y + 6
            );
            let room = w.saturating_sub(16) / REASON_COL_PX;
            let _ = writeln!(
                out,
                "<text x=\"8\" y=\"{}\" fill=\"{RED}\" font-size=\"11\"><title>{}</title>{}</text>",
                layout.tops[i] + ROW_H + 10,
                text(reason),
                text(&clip(reason, room))
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

/// A heading over each column: the kind of the first hop drawn in it.
fn headings(out: &mut String, rows: &[(Option<&str>, &[Hop], Option<&str>)], layout: &Layout) {
    for column in 0..layout.columns {
        let hop = rows
            .iter()
            .zip(&layout.starts)
            .find_map(|((_, hops, _), start)| hops.get(column.checked_sub(*start)?));
        if let Some(hop) = hop {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"16\" text-anchor=\"middle\" font-size=\"11\" fill=\"#57606a\">{}</text>",
                NAME_W + column * COL_W + COL_W / 2,
                text(&clip(&hop.kind.word(), HEAD_COLS))
            );
        }
    }
}

/// From the shared row's last hop to each lane's first: the broken lanes first, so a
/// working lane's trunk is drawn over the part it shares with them.
fn fan_out(out: &mut String, rows: &[(Option<&str>, &[Hop], Option<&str>)], layout: &Layout) {
    let Some((None, shared, _)) = rows.first() else {
        return;
    };
    let Some(last) = shared.len().checked_sub(1) else {
        return;
    };
    let from = (Layout::box_x(last) + BOX_W, layout.mid_y(0));
    let lanes = || rows.iter().enumerate().skip(1);
    let broken = lanes().filter(|(_, r)| r.2.is_some());
    let working = lanes().filter(|(_, r)| r.2.is_none());
    for (i, (_, hops, reason)) in broken.chain(working) {
        if hops.is_empty() {
            continue;
        }
        let to = (Layout::box_x(layout.starts[i]), layout.mid_y(i));
        connector(out, from, to, reason.is_some());
    }
}

/// An arrow from `from` to `to`: straight on one row, else right, down and right again.
fn connector(out: &mut String, from: (usize, usize), to: (usize, usize), broken: bool) {
    let (x1, y1) = from;
    let (x2, y2) = to;
    let d = if y1 == y2 {
        format!("M{x1},{y1} H{x2}")
    } else {
        let mid = x1 + x2.saturating_sub(x1) / 2;
        format!("M{x1},{y1} H{mid} V{y2} H{x2}")
    };
    let (colour, marker, dash) = if broken {
        (RED, "pv-arrow-broken", " stroke-dasharray=\"5 3\"")
    } else {
        (ARROW, "pv-arrow", "")
    };
    let _ = writeln!(
        out,
        "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"{dash} marker-end=\"url(#{marker})\"></path>"
    );
}

/// What hovering a box shows: the verdict, the whole label, the facts and the checks.
fn hop_title(hop: &Hop) -> String {
    let mut lines = Vec::new();
    if let Some(s) = hop.status {
        lines.push(format!("{} {}", s.symbol(), s.word()));
    }
    if hop.root_cause {
        lines.push(crate::t!("tui-section-root-cause"));
    }
    lines.push(hop.label.clone());
    lines.extend(hop.detail.iter().cloned());
    if !hop.judged_by.is_empty() {
        lines.push(crate::t!(
            "report-html-path-judged-by",
            checks = hop.judged_by.join(", ")
        ));
    }
    lines.iter().map(|l| text(l)).collect::<Vec<_>>().join("\n")
}

/// One hop: a rounded box in its verdict's colours with the status symbol and the label,
/// dashed when other zones serve it, thick with a tag when it is a root cause.
fn hop_box(out: &mut String, hop: &Hop, x: usize, y: usize) {
    let (stroke, fill) = colours(hop.status);
    let cross = hop.local == Some(Local::CrossZone);
    let mut prefix = String::new();
    if let Some(s) = hop.status {
        prefix.push_str(s.symbol());
        prefix.push(' ');
    }
    if cross {
        prefix.push_str("⇢ ");
    }
    let room = LABEL_COLS
        .saturating_sub(super::escape::width(&prefix))
        .max(4);
    let label = format!("{prefix}{}", clip(&hop.label, room));
    let _ = writeln!(
        out,
        "<g class=\"hop s-{}\"><title>{}</title>",
        hop.status.map_or("none", Status::as_str),
        hop_title(hop)
    );
    let _ = writeln!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"{}></rect>",
        if hop.root_cause { 3 } else { 1 },
        if cross {
            " stroke-dasharray=\"5 3\""
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-family=\"{MONO}\" fill=\"#1f2328\">{}</text>",
        x + BOX_W / 2,
        y + BOX_H / 2 + 4,
        text(&label)
    );
    if hop.root_cause {
        let _ = writeln!(
            out,
            "<text class=\"root-cause\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"9\" font-weight=\"bold\" fill=\"{RED}\">{}</text>",
            x + BOX_W,
            y - 3,
            text(&clip(&crate::t!("tui-section-root-cause"), LABEL_COLS))
        );
    }
    out.push_str("</g>\n");
}
