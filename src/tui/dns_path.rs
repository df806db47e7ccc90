//! The DNS resolution path as a small layered diagram: the "resolution path" evidence table
//! of `dns.resolution_path` (client → each layer the VPC resolver consults → answer), drawn
//! top to bottom. Pure: rows in, ratatui lines out. Every cell is sanitised and every line
//! fits the width it is given, so the pane's own wrapping never cuts through the drawing.
//!
//! ```text
//! ◉ client  [observed]
//! │ i-0abc in vpc-0a1b (10.40.1.15)
//! ├─○ DNS Firewall (skipped) no rule group associated
//! ▼
//! ▶ private DNS of vpce-0abc  DECIDES  [observed]
//! │ answers 10.40.1.10, 10.40.2.10
//! ▼
//! ◆ answer  [observed]
//!   10.40.1.10, 10.40.2.10
//! ```

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::sanitize::one_line;

/// The evidence table this module draws (the contract of `dns.resolution_path`).
pub const TITLE: &str = "resolution path";
pub const COLUMNS: [&str; 4] = ["layer", "says", "role", "basis"];

/// Narrower than this and the drawing would be all prefix: draw as if this wide.
const MIN_WIDTH: usize = 20;
/// The gutter the evidence lines share with the plain tables.
const INDENT: &str = "  ";

/// Whether a table is the resolution path the diagram can draw.
pub fn is_resolution_path(title: &str, columns: &[String]) -> bool {
    title == TITLE && columns.iter().map(String::as_str).eq(COLUMNS)
}

/// One row of the table, cleaned: one line of terminal-safe text per cell.
struct Layer {
    layer: String,
    says: String,
    role: String,
    basis: String,
}

impl Layer {
    fn from_cells(cells: &[String]) -> Layer {
        let cell = |i: usize| cells.get(i).map(|c| one_line(c)).unwrap_or_default();
        Layer {
            layer: cell(0),
            says: cell(1),
            role: cell(2).to_ascii_lowercase(),
            basis: cell(3),
        }
    }
}

fn width_of(s: &str) -> usize {
    Span::raw(s).width()
}

/// Cut to `max` columns, an ellipsis marking the cut.
fn clip_to(s: &str, max: usize) -> String {
    if width_of(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if width_of(&out) + width_of(&c.to_string()) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Word-wrap to `max` columns; a word longer than a line is broken where it must be.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let sep = usize::from(!line.is_empty());
        if width_of(&line) + sep + width_of(word) <= max {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if width_of(&line) + width_of(&c.to_string()) > max {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

struct Styles {
    plain: Style,
    dim: Style,
    decides: Style,
    tag: Style,
}

impl Styles {
    fn new(color: bool) -> Styles {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if color {
            Styles {
                plain: Style::new(),
                dim: Style::new().fg(Color::DarkGray),
                decides: bold.fg(Color::Yellow),
                tag: Style::new().fg(Color::Cyan),
            }
        } else {
            Styles {
                plain: Style::new(),
                // Without colour the skipped layers still read as such: "○" and "(skipped)".
                dim: Style::new(),
                decides: bold,
                tag: Style::new(),
            }
        }
    }
}

fn marker(role: &str) -> &'static str {
    match role {
        "client" => "◉",
        "decides" => "▶",
        "passes" => "◇",
        "answer" => "◆",
        "skipped" => "○",
        _ => "·",
    }
}

/// The tags after a layer's name: its role where it says something, and its basis.
fn tags(l: &Layer) -> Vec<String> {
    let mut t = Vec::new();
    match l.role.as_str() {
        "decides" => t.push(crate::t!("tui-path-decides")),
        "passes" => t.push(crate::t!("tui-path-passes")),
        "client" | "answer" | "skipped" => {}
        other if !other.is_empty() => t.push(other.to_string()),
        _ => {}
    }
    if !l.basis.is_empty() {
        t.push(format!("[{}]", l.basis));
    }
    t
}

/// A node of the path: its marker and name (wrapped), its tags, then what it says, each
/// continuation line behind `rail` (the line on to the next node, or blank for the last).
fn node(out: &mut Vec<Line<'static>>, l: &Layer, rail: &str, width: usize, s: &Styles) {
    let decides = l.role == "decides";
    let (name_style, tag_style) = if decides {
        (s.decides, s.decides)
    } else {
        (s.plain, s.tag)
    };
    let text_width = width.saturating_sub(INDENT.len() + 2);
    let lead = |first: bool| {
        Span::raw(format!(
            "{INDENT}{} ",
            if first { marker(&l.role) } else { rail }
        ))
    };
    let mut lines: Vec<Vec<Span<'static>>> = wrap(&l.layer, text_width)
        .into_iter()
        .enumerate()
        .map(|(i, n)| vec![lead(i == 0), Span::styled(n, name_style)])
        .collect();
    let tag_text = tags(l).join("  ");
    if !tag_text.is_empty() {
        let last = lines.last_mut().expect("wrap gives at least one line");
        let used: usize = last.iter().map(Span::width).sum();
        if used + 2 + width_of(&tag_text) <= INDENT.len() + 2 + text_width {
            last.push(Span::styled(format!("  {tag_text}"), tag_style));
        } else {
            lines.push(vec![
                lead(false),
                Span::styled(clip_to(&tag_text, text_width), tag_style),
            ]);
        }
    }
    if !l.says.is_empty() {
        for piece in wrap(&l.says, text_width) {
            lines.push(vec![lead(false), Span::styled(piece, name_style)]);
        }
    }
    out.extend(lines.into_iter().map(Line::from));
}

/// A layer that had nothing for the name: one dim line branching off the rail.
fn skipped(out: &mut Vec<Line<'static>>, l: &Layer, width: usize, s: &Styles) {
    let mut text = crate::t!("tui-path-skipped", layer = l.layer.as_str());
    if !l.says.is_empty() {
        text.push(' ');
        text.push_str(&l.says);
    }
    let room = width.saturating_sub(INDENT.len() + 4);
    out.push(Line::styled(
        format!("{INDENT}├─○ {}", clip_to(&text, room)),
        s.dim,
    ));
}

/// The diagram of a "resolution path" table's rows, each line at most `width` columns
/// (at least [`MIN_WIDTH`]).
pub fn diagram(rows: &[Vec<String>], width: usize, color: bool) -> Vec<Line<'static>> {
    let width = width.max(MIN_WIDTH);
    let s = Styles::new(color);
    let layers: Vec<Layer> = rows.iter().map(|r| Layer::from_cells(r)).collect();
    let mut out = Vec::new();
    if layers.is_empty() {
        out.push(Line::raw(format!("{INDENT}{}", crate::t!("tui-none"))));
        return out;
    }
    // The nodes are the layers that were not skipped; the skipped ones hang off the rail
    // between the node before them and the next.
    let mut started = false;
    for (i, l) in layers.iter().enumerate() {
        if l.role == "skipped" && started {
            skipped(&mut out, l, width, &s);
            continue;
        }
        if started {
            out.push(Line::raw(format!("{INDENT}▼")));
        }
        let rail = if i + 1 < layers.len() { "│" } else { " " };
        if l.role == "skipped" {
            // A skipped first row has no node above it to hang from.
            skipped(&mut out, l, width, &s);
        } else {
            node(&mut out, l, rail, width, &s);
        }
        started = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(layer: &str, says: &str, role: &str, basis: &str) -> Vec<String> {
        vec![layer.into(), says.into(), role.into(), basis.into()]
    }

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn only_the_contracted_table_is_a_path() {
        let cols = |c: &[&str]| c.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert!(is_resolution_path(TITLE, &cols(&COLUMNS)));
        assert!(!is_resolution_path(
            "resolution path",
            &cols(&["layer", "says"])
        ));
        assert!(!is_resolution_path("inbound rules", &cols(&COLUMNS)));
    }

    #[test]
    fn the_deciding_layer_is_marked_and_bold_without_colour() {
        let rows = vec![
            row("client", "vpc-0a1b2c3d", "client", ""),
            row("DNS Firewall", "no rule group", "skipped", "predicted"),
            row(
                "Resolver rule rslvr-rr-1",
                "FORWARD example.com to 10.9.0.2",
                "decides",
                "predicted",
            ),
            row("answer", "10.9.8.7", "answer", "observed"),
        ];
        let lines = diagram(&rows, 60, false);
        let t = text(&lines);
        let decides = lines
            .iter()
            .position(|l| l.spans.iter().any(|s| s.content.contains("rslvr-rr-1")))
            .unwrap();
        assert!(
            t[decides].starts_with("  ▶ Resolver rule rslvr-rr-1  DECIDES  [predicted]"),
            "{t:?}"
        );
        assert!(
            lines[decides]
                .spans
                .iter()
                .any(|s| s.style.add_modifier.contains(Modifier::BOLD))
        );
        assert!(
            t.iter()
                .any(|l| l == "  ├─○ DNS Firewall (skipped) no rule group"),
            "{t:?}"
        );
        assert_eq!(t.iter().filter(|l| l.trim() == "▼").count(), 2, "{t:?}");
        assert_eq!(t.last().unwrap(), "    10.9.8.7");
    }

    #[test]
    fn long_and_hostile_text_is_wrapped_cleaned_and_never_wider_than_asked() {
        let long = "a".repeat(90);
        let rows = vec![
            row("client", "i-0abc\x1b[2J in\nvpc-0a1b", "client", "observed"),
            row(
                &format!("Resolver rule {long}"),
                &"word ".repeat(40),
                "decides",
                "predicted",
            ),
            row("Route 53 Profile", &"skipped ".repeat(20), "skipped", ""),
            row("answer", "10.0.0.1\u{202E}", "answer", "observed"),
        ];
        for width in [20, 30, 58, 120] {
            let lines = diagram(&rows, width, true);
            for l in &lines {
                assert!(
                    l.width() <= width,
                    "{width}: {:?}",
                    text(std::slice::from_ref(l))
                );
                for s in &l.spans {
                    assert!(!s.content.chars().any(|c| c.is_control() || c == '\u{202E}'));
                }
            }
        }
    }

    #[test]
    fn wrap_breaks_words_only_when_they_do_not_fit() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(clip_to("abcdef", 4), "abc…");
    }
}
