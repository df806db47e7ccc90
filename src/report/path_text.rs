//! The path as lines of text cells: what the TUI's path view colours and the Markdown report
//! prints in a code block. Pure: a judged path and a width in, segments out; every line fits
//! the width (labels are cut with an ellipsis, never wrapped), and every piece of text is
//! cleaned of control characters first.
//!
//! ```text
//! ✓ inside the VPC → ✓ api.example.com → 10.0.1.10, 10.0.2.10
//!           endpoint interface  PrivateLink   load balancer  target group  targets
//! use1-az1  ✓ 10.0.1.10 eni-0…  ✓ PrivateLink  ✓ svc-nlb   → ✓ web         → ✓ 2/2 healthy
//! use1-az2  ✓ 10.0.2.10 eni-0…  ✓ PrivateLink  ✓ svc-nlb   → ✓ web         → ✗ 0/2 healthy
//! ✗ use1-az2: no healthy target of web in use1-az2 and cross-zone is off
//! ```

use crate::engine::outcome::Status;
use crate::engine::path::{Hop, HopKind, Local, PathModel};
use crate::sanitize::one_line;

/// What a piece of a line is, so a face can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    /// Headings and the zone names.
    Dim,
    /// A hop: its place (`row` as in [`PathModel::rows`], `col` within the row) and verdict.
    Hop {
        row: usize,
        col: usize,
        status: Option<Status>,
        root_cause: bool,
    },
    /// The arrow between two hops; `broken` after a hop nothing passes.
    Link {
        broken: bool,
    },
    /// Why a lane is broken, or what could not be read.
    Note {
        broken: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub text: String,
    pub role: Role,
}

fn seg(text: impl Into<String>, role: Role) -> Seg {
    Seg {
        text: text.into(),
        role,
    }
}

pub fn width_of(s: &str) -> usize {
    super::escape::width(s)
}

/// Cut to `max` columns, an ellipsis marking the cut (a wide character counts two).
pub fn clip(s: &str, max: usize) -> String {
    super::escape::clip(s, max)
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width_of(s))))
}

/// The symbol a hop carries: its verdict's, `⇢` when it is served across zones, `·` before
/// any verdict.
pub fn symbol(hop: &Hop) -> &'static str {
    match (hop.local, hop.status) {
        (Some(Local::CrossZone), Some(Status::Pass)) => "⇢",
        (_, Some(s)) => s.symbol(),
        (_, None) => "·",
    }
}

fn cell_text(hop: &Hop) -> String {
    format!("{} {}", symbol(hop), one_line(&hop.label))
}

const LINK: &str = " → ";
const BROKEN_LINK: &str = " ╳ ";
/// Both links are this wide.
const LINK_WIDTH: usize = 3;
/// A hop's cell is not cut below this many columns (a symbol, a space, a few characters).
const MIN_CELL: usize = 6;

fn link_after(hop: &Hop) -> Seg {
    if hop.local == Some(Local::Broken) {
        seg(BROKEN_LINK, Role::Link { broken: true })
    } else {
        seg(LINK, Role::Link { broken: false })
    }
}

fn hop_seg(hop: &Hop, row: usize, col: usize, text: String) -> Seg {
    seg(
        text,
        Role::Hop {
            row,
            col,
            status: hop.status,
            root_cause: hop.root_cause,
        },
    )
}

/// Hops named by an id or a name (load balancer, target group…), cut before the ones whose
/// words are the finding (an address, "0/2 healthy", "no route").
fn names_only(kind: HopKind) -> bool {
    matches!(
        kind,
        HopKind::PrivateLink
            | HopKind::LoadBalancer
            | HopKind::TargetGroup
            | HopKind::Service
            | HopKind::Subnet
            | HopKind::RouteTable
    )
}

/// The column widths of the lanes' hops, cut down until a row fits `room`: the name columns
/// first (down to a few characters more than the minimum), then the widest.
fn column_widths(path: &PathModel, room: usize) -> Vec<usize> {
    let columns = path.lanes.iter().map(|l| l.hops.len()).max().unwrap_or(0);
    let column = |i: usize| path.lanes.iter().filter_map(move |l| l.hops.get(i));
    let mut widths: Vec<usize> = (0..columns)
        .map(|i| {
            column(i)
                .map(|h| width_of(&cell_text(h)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let soft: Vec<bool> = (0..columns)
        .map(|i| column(i).all(|h| names_only(h.kind)))
        .collect();
    let links = LINK_WIDTH * columns.saturating_sub(1);
    for (floor, only_soft) in [(MIN_CELL + 4, true), (MIN_CELL, false)] {
        while widths.iter().sum::<usize>() + links > room {
            let Some((i, w)) = widths
                .iter()
                .copied()
                .enumerate()
                .filter(|(i, w)| *w > floor && (soft[*i] || !only_soft))
                .max_by_key(|(i, w)| (*w, usize::MAX - i))
            else {
                break;
            };
            widths[i] = w - 1;
        }
    }
    widths
}

/// The path in lines of at most `width` columns: the shared hops, a heading, one line per
/// lane, then why each broken lane is broken and what could not be read.
pub fn layout(path: &PathModel, width: usize) -> Vec<Vec<Seg>> {
    let width = width.max(24);
    let mut lines = Vec::new();
    let rows = path.rows();
    let mut row_index = 0;
    if !path.shared.is_empty() {
        let each =
            (width.saturating_sub(LINK_WIDTH * (path.shared.len() - 1))) / path.shared.len().max(1);
        let mut line = Vec::new();
        for (col, hop) in path.shared.iter().enumerate() {
            if col > 0 {
                line.push(link_after(&path.shared[col - 1]));
            }
            // The last hop takes what the others leave.
            let used: usize = line.iter().map(|s: &Seg| width_of(&s.text)).sum();
            let max = if col + 1 == path.shared.len() {
                width.saturating_sub(used)
            } else {
                each
            };
            line.push(hop_seg(hop, 0, col, clip(&cell_text(hop), max)));
        }
        lines.push(line);
        row_index = 1;
    }
    // A gateway's rows are named by their route table, which is a hop of its own.
    let named = path.kind == crate::engine::path::PathKind::Interface;
    let name_width = path
        .lanes
        .iter()
        .map(|l| width_of(&one_line(&l.name)))
        .max()
        .unwrap_or(0)
        .min(width / 4)
        * usize::from(named);
    let gutter = usize::from(named);
    let room = width.saturating_sub(name_width + gutter);
    let widths = column_widths(path, room);
    if let Some(first) = path.lanes.first() {
        let mut heading = vec![seg(pad("", name_width + gutter), Role::Dim)];
        let mut used = name_width + gutter;
        for (i, w) in widths.iter().enumerate() {
            let word = first.hops.get(i).map(|h| h.kind.word()).unwrap_or_default();
            // The last heading may run to the end of the line.
            let room = if i + 1 < widths.len() {
                w + LINK_WIDTH
            } else {
                width.saturating_sub(used)
            };
            let text = pad(&clip(&word, room.saturating_sub(1)), room);
            used += room;
            heading.push(seg(text, Role::Dim));
        }
        lines.push(fit(heading, width));
    }
    for (lane_index, lane) in path.lanes.iter().enumerate() {
        let row = row_index + lane_index;
        let mut line = vec![seg(
            pad(
                &clip(&one_line(&lane.name), name_width),
                name_width + gutter,
            ),
            Role::Dim,
        )];
        for (col, hop) in lane.hops.iter().enumerate() {
            if col > 0 {
                line.push(link_after(&lane.hops[col - 1]));
            }
            let w = widths.get(col).copied().unwrap_or(MIN_CELL);
            line.push(hop_seg(hop, row, col, pad(&clip(&cell_text(hop), w), w)));
        }
        lines.push(fit(line, width));
    }
    for (name, _, broken) in &rows {
        if let (Some(name), Some(why)) = (name, broken) {
            let text = if named {
                format!("✗ {}: {}", one_line(name), one_line(why))
            } else {
                format!("✗ {}", one_line(why))
            };
            lines.push(vec![seg(clip(&text, width), Role::Note { broken: true })]);
        }
    }
    for gap in &path.gaps {
        let text = format!("? {}", one_line(gap));
        lines.push(vec![seg(clip(&text, width), Role::Note { broken: false })]);
    }
    lines
}

/// Cut a line's segments where the width ends (a terminal narrower than the cells'
/// minimum: the line is cut, never wrapped).
fn fit(line: Vec<Seg>, width: usize) -> Vec<Seg> {
    let mut used = 0;
    let mut out = Vec::new();
    for mut s in line {
        let w = width_of(&s.text);
        if used + w > width {
            s.text = clip(&s.text, width - used);
            if !s.text.is_empty() {
                out.push(s);
            }
            break;
        }
        used += w;
        out.push(s);
    }
    out
}

/// The lines as plain text (the Markdown report's diagram), trailing blanks trimmed.
pub fn plain(path: &PathModel, width: usize) -> Vec<String> {
    layout(path, width)
        .into_iter()
        .map(|line| {
            line.iter()
                .map(|s| s.text.as_str())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::path::{Hop, HopKind, Lane, PathKind};

    fn hop(kind: HopKind, label: &str, local: Option<Local>, status: Status) -> Hop {
        let mut h = Hop::new(kind, label, &["nlb.zonal_health"]).with_local(local);
        h.status = Some(status);
        h
    }

    fn path(label: &str) -> PathModel {
        let lane = |zone: &str, targets: Hop| Lane {
            name: zone.into(),
            hops: vec![
                hop(
                    HopKind::Interface,
                    "10.0.1.10",
                    Some(Local::Ok),
                    Status::Pass,
                ),
                hop(HopKind::PrivateLink, "PrivateLink", None, Status::Pass),
                hop(HopKind::LoadBalancer, label, Some(Local::Ok), Status::Pass),
                targets,
            ],
            broken: None,
        };
        let mut broken = lane(
            "use1-az6",
            hop(
                HopKind::Targets,
                "0/2 healthy",
                Some(Local::Broken),
                Status::Fail,
            ),
        );
        broken.broken = Some("no healthy target".into());
        PathModel {
            kind: PathKind::Interface,
            shared: vec![hop(
                HopKind::Dns,
                "api.example.com → 10.0.1.10",
                None,
                Status::Pass,
            )],
            lanes: vec![
                lane(
                    "use1-az4",
                    hop(
                        HopKind::Targets,
                        "2/2 healthy",
                        Some(Local::Ok),
                        Status::Pass,
                    ),
                ),
                broken,
            ],
            gaps: vec!["could not read the target groups".into()],
        }
    }

    #[test]
    fn every_line_fits_and_the_broken_zone_is_named() {
        for width in [24, 40, 78, 118] {
            let lines = plain(&path("a-very-long-load-balancer-name-indeed"), width);
            for line in &lines {
                assert!(width_of(line) <= width, "{width}: {line:?}");
            }
            let all = lines.join("\n");
            assert!(all.contains("use1-az6"), "{all}");
            assert!(all.contains("✗ use1-az6: no healthy"), "{all}");
        }
        let wide = plain(&path("nlb"), 118).join("\n");
        assert!(
            wide.contains("✓ 10.0.1.10 → ✓ PrivateLink → ✓ nlb"),
            "{wide}"
        );
        assert!(wide.contains("✗ 0/2 healthy"), "{wide}");
        assert!(
            wide.contains("? could not read the target groups"),
            "{wide}"
        );
    }

    #[test]
    fn the_findings_words_are_cut_last() {
        let lines = plain(&path("a-very-long-load-balancer-name-indeed"), 78);
        let all = lines.join("\n");
        // The address and the healthy count stay whole; the name gives way.
        assert!(all.contains("10.0.1.10"), "{all}");
        assert!(all.contains("0/2 healthy"), "{all}");
        assert!(all.contains("a-very-lo"), "{all}");
        assert!(!all.contains("indeed"), "{all}");
    }

    #[test]
    fn hostile_labels_cannot_break_a_line() {
        let lines = plain(&path("evil\u{1b}[2J\nname"), 78);
        for line in &lines {
            assert!(!line.contains('\u{1b}') && !line.contains('\n'), "{line:?}");
        }
    }

    #[test]
    fn each_hop_is_placed_for_selection() {
        let lines = layout(&path("nlb"), 100);
        let placed: Vec<(usize, usize)> = lines
            .iter()
            .flatten()
            .filter_map(|s| match s.role {
                Role::Hop { row, col, .. } => Some((row, col)),
                _ => None,
            })
            .collect();
        assert_eq!(placed[0], (0, 0));
        assert!(placed.contains(&(2, 3)));
        let root = lines.iter().flatten().find(|s| s.text.contains("0/2"));
        assert!(matches!(
            root.map(|s| s.role),
            Some(Role::Hop {
                status: Some(Status::Fail),
                ..
            })
        ));
    }
}
