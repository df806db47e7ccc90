//! The path view: the run's path drawn hop by hop and zone by zone (the text layout the
//! Markdown report prints, coloured), the selected hop in reverse, and below it the hop in
//! detail: what the facts say of it, the checks that judge it, and the deciding check's
//! verdict and fix.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::state::{App, Diagnosis, Pane, selected_hop};
use super::view::{dim, focused_block, status_style};
use crate::engine::outcome::Status;
use crate::engine::path::{PathKind, concerns, judge};
use crate::report::path_text::{Role, layout};
use crate::sanitize::one_line;

/// Draw the path and the selected hop's detail into `body`.
pub fn draw(f: &mut Frame, app: &mut App, body: Rect) {
    let color = app.color;
    let Some(d) = app.diagnosis.as_ref() else {
        return;
    };
    let Some(path) = d.state.path.as_ref() else {
        return;
    };
    let path = path.judged(&d.state);
    let width = body.width.saturating_sub(2) as usize;
    let lines = layout(&path, width);
    // The drawing gets what it needs up to 60% of the body; the detail the rest.
    let wanted = lines.len() as u16 + 2;
    let cap = (body.height * 3 / 5).max(5);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(wanted.min(cap)), Constraint::Min(3)]).areas(body);
    // Where each hop lands on screen, for clicks: inside the border, line by line.
    let mut hits = Vec::new();
    for (y, line) in lines.iter().enumerate() {
        let mut x = 0u16;
        for s in line {
            let w = crate::report::path_text::width_of(&s.text) as u16;
            if let Role::Hop { row, col, .. } = s.role
                && (y as u16) < top.height.saturating_sub(2)
            {
                hits.push((
                    Rect::new(top.x + 1 + x, top.y + 1 + y as u16, w, 1),
                    (row, col),
                ));
            }
            x += w;
        }
    }
    let text: Vec<Line> = lines
        .iter()
        .map(|line| {
            Line::from(
                line.iter()
                    .map(|s| Span::styled(s.text.clone(), style_of(s.role, d.hop, color)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let title = format!(
        " {} ",
        crate::t!("tui-path-title", hint = crate::t!("tui-path-hint"))
    );
    f.render_widget(
        Paragraph::new(text).block(focused_block(title, app.focus == Pane::Checks, color)),
        top,
    );
    let inner = bottom.width.saturating_sub(2);
    let detail = super::wrap::fit(hop_detail(d, color), inner as usize);
    let hop_title = selected_hop(d)
        .map(|h| format!(" {} ", h.kind.word()))
        .unwrap_or_default();
    f.render_widget(
        Paragraph::new(detail)
            .wrap(Wrap { trim: false })
            .scroll((d.detail_scroll, 0))
            .block(focused_block(hop_title, app.focus == Pane::Detail, color)),
        bottom,
    );
    app.checks_area = top;
    app.checks_offset = 0;
    app.detail_area = bottom;
    app.path_hits = hits;
}

fn style_of(role: Role, selected: (usize, usize), color: bool) -> Style {
    match role {
        Role::Plain => Style::new(),
        Role::Dim => dim(color),
        Role::Hop {
            row,
            col,
            status,
            root_cause,
        } => {
            let mut style = status.map(|s| status_style(s, color)).unwrap_or(dim(color));
            if root_cause {
                style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
                if color {
                    style = style.bg(Color::Rgb(60, 0, 0));
                }
            }
            if (row, col) == selected {
                style = style.add_modifier(Modifier::REVERSED);
            }
            style
        }
        Role::Link { broken: true } | Role::Note { broken: true } => {
            status_style(Status::Fail, color)
        }
        Role::Link { broken: false } | Role::Note { broken: false } => dim(color),
    }
}

/// The selected hop: its label and facts, why its row is broken, the checks that judge it
/// with their verdicts, the deciding one first with its fix.
fn hop_detail(d: &Diagnosis, color: bool) -> Text<'static> {
    let Some(hop) = selected_hop(d) else {
        return Text::from(crate::t!("tui-path-none"));
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = Vec::new();
    let head = match hop.status {
        Some(s) => Span::styled(format!("{} ", s.symbol()), status_style(s, color)),
        None => Span::raw("· "),
    };
    lines.push(Line::from(vec![
        head,
        Span::styled(one_line(&hop.label), bold),
    ]));
    for fact in &hop.detail {
        lines.push(Line::raw(format!("  {}", one_line(fact))));
    }
    if let Some(path) = d.state.path.as_ref()
        && let Some((Some(zone), _, Some(why))) = path.rows().get(d.hop.0).copied()
    {
        // A gateway's row is its route table, which the reason names already.
        let text = match path.kind {
            PathKind::Interface => format!(
                "✗ {}: {}",
                crate::t!("tui-path-zone", zone = one_line(zone)),
                one_line(why)
            ),
            PathKind::Gateway => format!("✗ {}", one_line(why)),
        };
        lines.push(Line::styled(text, status_style(Status::Fail, color)));
    }
    lines.push(Line::raw(""));
    let verdict = judge(&hop, &d.state);
    if verdict.checks.is_empty() {
        lines.push(Line::styled(crate::t!("tui-path-no-checks"), dim(color)));
        return Text::from(lines);
    }
    // The deciding check first: why the hop has its colour, and what to type.
    let roots: Vec<String> = d.state.root_causes().iter().map(|c| c.id.clone()).collect();
    let deciding = verdict
        .checks
        .iter()
        .filter(|(id, s)| {
            concerns(&hop, id) && matches!(s, Some(Status::Fail | Status::Unknown | Status::Warn))
        })
        .min_by_key(|(id, s)| (!roots.contains(id), *s));
    if let Some((id, Some(status))) = deciding
        && let Some(result) = d.state.get(id).and_then(|c| c.result())
    {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} {id}  ", status.symbol()),
                status_style(*status, color),
            ),
            Span::raw(one_line(&result.summary)),
        ]));
        for fix in &result.remediation {
            lines.push(Line::raw(format!("→ {}", one_line(&fix.text))));
            if let Some(command) = &fix.command {
                for line in command.lines() {
                    lines.push(Line::styled(format!("  {}", one_line(line)), bold));
                }
            }
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        crate::t!("tui-path-judged-by"),
        bold.add_modifier(Modifier::UNDERLINED),
    ));
    for (id, status) in &verdict.checks {
        let summary = d
            .state
            .get(id)
            .and_then(|c| c.result())
            .map(|r| one_line(&r.summary))
            .unwrap_or_default();
        let (symbol, style) = match status {
            Some(s) => (s.symbol(), status_style(*s, color)),
            None => ("·", dim(color)),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{symbol} "), style),
            Span::styled(id.clone(), bold),
            Span::raw(format!("  {summary}")),
        ]));
    }
    Text::from(lines)
}
