//! Pure rendering: the App in, a frame out. Every string from AWS or DNS goes through
//! `clean` (control characters neutralised); list rows are cut, never wrapped.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, Borders, Cell, Clear, List, ListItem, ListState, Paragraph, Row as TableRow, Table,
    TableState, Wrap,
};

use super::dns_path;
use super::keymap::{BINDINGS, hints};
use super::sparkline;
use super::state::{App, Diagnosis, Pane, Screen, duration_text, rows};
use crate::engine::outcome::{Evidence, Status};
use crate::engine::state::Phase;
use crate::sanitize::terminal_safe;

fn clean(s: &str) -> String {
    terminal_safe(s)
}

/// The display width of `s` in terminal cells (a Hangul syllable takes two).
fn width_of(s: &str) -> usize {
    Span::raw(s).width()
}

/// `s` made terminal-safe and cut to `max` cells, an ellipsis marking the cut; a wide glyph
/// is never split at the edge.
fn clip(s: &str, max: usize) -> String {
    sparkline::clip_cells(&terminal_safe(s), max)
}

/// `s` followed by spaces up to `w` cells.
fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width_of(s))))
}

pub(super) fn status_style(status: Status, color: bool) -> Style {
    let base = Style::new();
    if !color {
        return if status == Status::Fail {
            base.add_modifier(Modifier::BOLD)
        } else {
            base
        };
    }
    match status {
        Status::Pass => base.fg(Color::Green),
        Status::Fail => base.fg(Color::Red).add_modifier(Modifier::BOLD),
        Status::Warn => base.fg(Color::Yellow),
        Status::Advice => base.fg(Color::Cyan),
        Status::Unknown => base.fg(Color::Magenta),
        Status::Blocked | Status::NotApplicable => base.fg(Color::DarkGray),
    }
}

pub(super) fn dim(color: bool) -> Style {
    if color {
        Style::new().fg(Color::DarkGray)
    } else {
        Style::new()
    }
}

fn accent(color: bool) -> Style {
    if color {
        Style::new().fg(Color::Cyan)
    } else {
        Style::new()
    }
}

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub(super) fn focused_block(title: String, focused: bool, color: bool) -> Block<'static> {
    let style = if focused && color {
        Style::new().fg(Color::Cyan)
    } else {
        Style::new()
    };
    Block::bordered().title(title).border_style(style)
}

pub fn draw(f: &mut Frame, app: &mut App, now: Instant) {
    let area = f.area();
    match app.screen {
        Screen::Picker => draw_picker(f, app, area, now),
        Screen::Diagnosis => draw_diagnosis(f, app, area, now),
        Screen::Runbook => draw_runbook(f, app, area),
    }
    if app.help {
        draw_help(f, app, area);
    }
}

fn footer_line(app: &App, counts: Option<Vec<Span<'static>>>) -> Line<'static> {
    let mut spans: Vec<Span> = counts.unwrap_or_default();
    if app.filtering || !app.filter.is_empty() {
        spans.push(Span::styled(format!(" /{}", clean(&app.filter)), bold()));
        if app.filtering {
            spans.push(Span::raw(crate::t!("tui-filter-editing")));
        } else if let Some((msg, _)) = &app.toast {
            // A kept filter must not hide what Enter just said ("opening …", why not).
            spans.push(Span::styled(
                format!(" · {}", clean(msg)),
                accent(app.color).add_modifier(Modifier::BOLD),
            ));
        }
        return Line::from(spans);
    }
    if let Some((msg, _)) = &app.toast {
        spans.push(Span::styled(
            format!(" {}", clean(msg)),
            accent(app.color).add_modifier(Modifier::BOLD),
        ));
        return Line::from(spans);
    }
    for (key, what) in hints(app.screen.scope()) {
        spans.push(Span::styled(format!(" {key}"), bold()));
        spans.push(Span::styled(format!(":{what}"), dim(app.color)));
    }
    Line::from(spans)
}

fn draw_picker(f: &mut Frame, app: &mut App, area: Rect, now: Instant) {
    let [body, footer] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    app.picker_area = body;
    let color = app.color;
    let spinner = app.spinner();
    let filter = app.filter.clone();
    let Some(picker) = app.picker.as_mut() else {
        return;
    };
    let title = format!(" {} ", clean(&picker.title));
    if picker.loading || picker.error.is_some() || picker.items.is_empty() {
        let text = if let Some(e) = &picker.error {
            Line::styled(
                crate::t!("tui-picker-list-failed", error = clean(e)),
                status_style(Status::Fail, color),
            )
        } else if picker.loading {
            Line::from(crate::t!("tui-picker-loading", spinner = spinner))
        } else {
            Line::from(crate::t!("tui-picker-empty"))
        };
        f.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(title)),
            body,
        );
    } else {
        let visible = picker.visible(&filter);
        // The root cause matters more than the service and VPC: they come only when wide.
        let (wide, widest) = (body.width >= 100, body.width >= 190);
        // An organisation's endpoints: whose each is comes first.
        let accounts = picker.multi_account();
        let mut header_cells = vec![
            crate::t!("tui-col-name"),
            crate::t!("tui-col-endpoint"),
            crate::t!("tui-col-state"),
            crate::t!("tui-col-verdict"),
        ];
        if accounts {
            header_cells.insert(0, crate::t!("tui-col-account"));
        }
        if wide {
            header_cells.push(crate::t!("tui-col-root-cause"));
        }
        if widest {
            header_cells.extend([crate::t!("tui-col-service"), "VPC".to_string()]);
        }
        let rows: Vec<TableRow> = visible
            .iter()
            .map(|i| {
                let available = i.state.eq_ignore_ascii_case("available");
                let state_style = if available {
                    status_style(Status::Pass, color)
                } else {
                    status_style(Status::Fail, color)
                };
                let verdict = match &i.verdict {
                    Some((status, _)) => Span::styled(
                        format!("{} {}", status.symbol(), status.word()),
                        status_style(*status, color),
                    ),
                    None => Span::raw(crate::t!("tui-picker-checking", spinner = spinner)),
                };
                let mut cells = vec![
                    Cell::from(clean(&i.name)),
                    Cell::from(clean(&i.endpoint_id)),
                    Cell::from(Span::styled(
                        format!("{} {}", if available { "✓" } else { "✗" }, clean(&i.state)),
                        state_style,
                    )),
                    Cell::from(verdict),
                ];
                if accounts {
                    cells.insert(0, Cell::from(clean(i.account.as_deref().unwrap_or("—"))));
                }
                if wide {
                    cells.push(Cell::from(clean(
                        i.verdict.as_ref().map(|(_, c)| c.as_str()).unwrap_or(""),
                    )));
                }
                if widest {
                    cells.push(Cell::from(clean(&i.service)));
                    cells.push(Cell::from(clean(&i.vpc)));
                }
                TableRow::new(cells)
            })
            .collect();
        let mut widths = vec![
            if wide {
                Constraint::Length(20)
            } else {
                Constraint::Fill(1)
            },
            Constraint::Length(22),
            Constraint::Length(19),
            Constraint::Length(11),
        ];
        if accounts {
            widths.insert(0, Constraint::Length(12));
        }
        if wide {
            widths.push(Constraint::Fill(1));
        }
        if widest {
            widths.extend([Constraint::Length(30), Constraint::Length(21)]);
        }
        let table = Table::new(rows, widths)
            .header(TableRow::new(header_cells).style(bold()))
            .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
            .highlight_symbol("▶ ")
            .block(Block::bordered().title(format!(
                "{title}{} ",
                crate::t!("tui-picker-shown", count = visible.len())
            )));
        let mut state = TableState::default()
            .with_selected(Some(picker.selected.min(visible.len().saturating_sub(1))));
        f.render_stateful_widget(table, body, &mut state);
        app.picker_offset = state.offset();
    }
    let _ = now;
    f.render_widget(Paragraph::new(footer_line(app, None)), footer);
}

fn header_lines(d: &Diagnosis, app: &App, width: u16) -> Vec<Line<'static>> {
    let h = &d.state.context;
    let color = app.color;
    let state = if d.run_active {
        format!(
            "  {}",
            crate::t!("tui-header-running", spinner = app.spinner())
        )
    } else if d.state.finished {
        let secs = format!("{:.1}", d.state.elapsed_ms as f32 / 1000.0);
        format!("  {}", crate::t!("tui-header-done", secs = secs))
    } else {
        format!("  {}", crate::t!("tui-header-starting"))
    };
    let target = clean(&h.asked.headline());
    // A cross-region endpoint's service lives elsewhere: both regions, the consumer's first.
    let region = match &h.service_region {
        Some(remote) => crate::t!(
            "tui-header-cross-region",
            region = clean(&h.region),
            remote = clean(remote)
        ),
        None => clean(&h.region),
    };
    // The service name gives way first when the line is too long for the terminal.
    let fixed = "vpce-doctor ".len() + width_of(&target) + 6 + width_of(&region) + width_of(&state);
    let room = (width as usize).saturating_sub(2 + fixed).max(8);
    let first = vec![
        Span::styled("vpce-doctor ", bold()),
        Span::styled(target, bold()),
        Span::raw(" · "),
        Span::raw(clip(
            &h.service_name
                .clone()
                .unwrap_or_else(|| crate::t!("tui-header-service-unknown")),
            room,
        )),
        Span::raw(" · "),
        Span::raw(region),
        Span::styled(state, accent(color)),
    ];
    let who = |acct: &Option<String>, profile: &Option<String>| {
        let a = acct.clone().unwrap_or_else(|| "?".into());
        match profile {
            Some(p) => format!("{} ({})", clean(&a), clean(p)),
            None => clean(&a),
        }
    };
    let provider = match (h.provider_credentials, &h.provider_source) {
        (true, Some(why)) => format!(
            "{} — {}",
            who(&h.provider_account, &h.provider_profile),
            clean(why)
        ),
        (true, None) => who(&h.provider_account, &h.provider_profile),
        (false, Some(why)) => clean(why),
        (false, None) => crate::t!("tui-header-no-provider-profile"),
    };
    let mut second = crate::t!(
        "tui-header-accounts",
        consumer = who(&h.consumer_account, &h.consumer_profile),
        provider = provider,
        vantage = clean(&h.vantage)
    );
    if h.source != "live" {
        second.push_str(&format!(" · {}", clean(&h.source)));
    }
    let mut lines = vec![Line::from(first)];
    // Verdicts kept from an earlier run: how old, why, what to run.
    if let Some(stale) = &d.stale {
        lines.push(Line::styled(
            clip(&clean(&stale.text()), width.saturating_sub(2) as usize),
            status_style(Status::Warn, color).add_modifier(Modifier::BOLD),
        ));
    }
    lines.push(Line::styled(
        clip(&second, width.saturating_sub(2) as usize),
        dim(color),
    ));
    // Watching: what the last cycle changed, so a fix landing shows without hunting for it.
    if let Some(last) = watch_line(d, app) {
        lines.push(Line::styled(
            clip(&last, width.saturating_sub(2) as usize),
            accent(color).add_modifier(Modifier::BOLD),
        ));
    }
    lines
}

/// The header's third line while watching: the interval and what the last cycle changed.
fn watch_line(d: &Diagnosis, app: &App) -> Option<String> {
    if !app.watching() {
        return None;
    }
    let every = app.watch_every.as_secs();
    Some(match &d.last_cycle {
        Some(last) => crate::t!("tui-watch-last-cycle", every = every, last = last),
        None => crate::t!("tui-watch-no-cycle", every = every),
    })
}

fn counts_spans(d: &Diagnosis, color: bool) -> Vec<Span<'static>> {
    let counts = d.state.counts();
    let mut spans = Vec::new();
    for s in Status::ALL {
        spans.push(Span::styled(
            format!("{}{} ", s.symbol(), counts[&s]),
            status_style(s, color),
        ));
    }
    spans.push(Span::raw("│"));
    spans
}

fn draw_diagnosis(f: &mut Frame, app: &mut App, area: Rect, now: Instant) {
    let stale = app.diagnosis.as_ref().is_some_and(|d| d.stale.is_some());
    let watching = app
        .diagnosis
        .as_ref()
        .and_then(|d| watch_line(d, app))
        .is_some();
    let header_height = 4 + u16::from(stale) + u16::from(watching);
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(header_height),
        Constraint::Min(6),
        Constraint::Length(1),
    ])
    .areas(area);
    let color = app.color;
    let Some(d) = app.diagnosis.as_ref() else {
        return;
    };
    f.render_widget(
        Paragraph::new(header_lines(d, app, header.width))
            .block(Block::bordered().borders(Borders::ALL)),
        header,
    );
    if app.path_shown() {
        let counts = counts_spans(d, color);
        f.render_widget(Paragraph::new(footer_line(app, Some(counts))), footer);
        super::path_view::draw(f, app, body);
        return;
    }
    let (checks_area, detail_area) = if body.width >= 100 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)])
            .areas(body);
        (a, b)
    } else {
        let [a, b] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
        (a, b)
    };

    // The check graph.
    let rows = rows(d, &app.filter);
    let roots = d.state.root_causes().len();
    let inner_width = checks_area.width.saturating_sub(2) as usize;
    let items: Vec<ListItem> = rows
        .iter()
        .map(|r| {
            let entry = d.state.get(&r.id);
            let (symbol, style) = match entry.map(|c| &c.phase) {
                Some(Phase::Done(res)) => (
                    res.status.symbol().to_string(),
                    status_style(res.status, color),
                ),
                Some(Phase::Running) => (app.spinner().to_string(), accent(color)),
                _ => ("·".to_string(), dim(color)),
            };
            let mut spans = vec![
                Span::styled(r.prefix.clone(), dim(color)),
                Span::styled(symbol, style),
                Span::raw(" "),
            ];
            let tail = if r.root_cause_section {
                format!("  {}", crate::t!("tui-section-root-cause"))
            } else if r.advice_section {
                format!("  {}", crate::t!("tui-section-advice"))
            } else {
                format!("  {}", duration_text(d, &r.id, now))
            };
            let room = inner_width.saturating_sub(width_of(&r.prefix) + 2 + width_of(&tail));
            let id_style = if r.root_cause_section {
                status_style(Status::Fail, color)
            } else if r.advice_section {
                status_style(Status::Advice, color)
            } else {
                Style::new()
            };
            spans.push(Span::styled(clip(&r.id, room.max(8)), id_style));
            spans.push(Span::styled(
                tail,
                if r.root_cause_section {
                    status_style(Status::Fail, color)
                } else if r.advice_section {
                    status_style(Status::Advice, color)
                } else {
                    dim(color)
                },
            ));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let title = if app.filter.is_empty() {
        format!(" {} ", crate::t!("tui-checks-title", roots = roots))
    } else {
        format!(
            " {} ",
            crate::t!("tui-checks-matching", filter = clean(&app.filter))
        )
    };
    let list = List::new(items)
        .block(focused_block(title, app.focus == Pane::Checks, color))
        .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
        .highlight_symbol("▶");
    let selected = d.selected.min(rows.len().saturating_sub(1));
    let mut state = ListState::default().with_selected(if rows.is_empty() {
        None
    } else {
        Some(selected)
    });
    f.render_stateful_widget(list, checks_area, &mut state);

    // The selected check in detail.
    let selected_id = rows.get(selected).map(|r| r.id.clone());
    let detail = detail_text(
        d,
        selected_id.as_deref(),
        detail_area.width.saturating_sub(2),
        color,
    );
    let detail_title = selected_id
        .map(|id| format!(" {id} "))
        .unwrap_or_else(|| format!(" {} ", crate::t!("tui-detail-title")));
    let detail = super::wrap::fit(detail, detail_area.width.saturating_sub(2) as usize);
    let para = Paragraph::new(detail)
        .wrap(Wrap { trim: false })
        .scroll((d.detail_scroll, 0))
        .block(focused_block(
            detail_title,
            app.focus == Pane::Detail,
            color,
        ));
    f.render_widget(para, detail_area);

    let counts = counts_spans(d, color);
    f.render_widget(Paragraph::new(footer_line(app, Some(counts))), footer);
    app.checks_area = checks_area;
    app.checks_offset = state.offset();
    app.detail_area = detail_area;
}

fn draw_runbook(f: &mut Frame, app: &mut App, area: Rect) {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(6),
        Constraint::Length(1),
    ])
    .areas(area);
    let color = app.color;
    let (Some(d), Some(rb)) = (app.diagnosis.as_ref(), app.runbook.as_ref()) else {
        return;
    };
    f.render_widget(
        Paragraph::new(header_lines(d, app, header.width)).block(Block::bordered()),
        header,
    );
    let (steps_area, detail_area) = if body.width >= 100 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(38), Constraint::Percentage(62)])
            .areas(body);
        (a, b)
    } else {
        let [a, b] = Layout::vertical([
            Constraint::Length((rb.runbook.steps.len() as u16 + 2).min(body.height / 2)),
            Constraint::Min(3),
        ])
        .areas(body);
        (a, b)
    };

    let list = runbook_steps(d, rb, app.spinner(), color);
    let mut state = ListState::default().with_selected(Some(rb.current));
    f.render_stateful_widget(list, steps_area, &mut state);

    let inner = detail_area.width.saturating_sub(2) as usize;
    let para = Paragraph::new(super::wrap::fit(
        Text::from(runbook_step_lines(d, rb, app.spinner(), inner, color)),
        inner,
    ))
    .wrap(Wrap { trim: false })
    .scroll((d.detail_scroll, 0))
    .block(focused_block(
        format!(" {} ", clean(&rb.step().id)),
        true,
        color,
    ));
    f.render_widget(para, detail_area);
    f.render_widget(Paragraph::new(footer_line(app, None)), footer);
    app.detail_area = detail_area;
}

fn heading(name: &str) -> Line<'static> {
    Line::styled(name.to_string(), bold().add_modifier(Modifier::UNDERLINED))
}

/// The runbook's steps, each marked with its verdict once reached.
fn runbook_steps(
    d: &Diagnosis,
    rb: &crate::runbook::Session,
    spinner: &'static str,
    color: bool,
) -> List<'static> {
    let running = |checks: &[String]| {
        checks
            .iter()
            .any(|c| matches!(d.state.get(c).map(|e| &e.phase), Some(Phase::Running)))
    };
    let items: Vec<ListItem> = rb
        .runbook
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (symbol, style) = match rb.records[i].verdict {
                _ if i == rb.current && running(&s.checks) => (spinner.to_string(), accent(color)),
                Some(v) if rb.reached(i) => (v.symbol().to_string(), status_style(v, color)),
                _ => ("·".to_string(), dim(color)),
            };
            ListItem::new(Line::from(vec![
                Span::styled(symbol, style),
                Span::raw(format!(" {}. ", i + 1)),
                Span::raw(clean(&s.title)),
            ]))
        })
        .collect();
    List::new(items)
        .block(focused_block(
            format!(
                " {} ",
                crate::t!(
                    "tui-runbook-title",
                    name = clean(&rb.runbook.name),
                    step = rb.current + 1,
                    steps = rb.runbook.steps.len()
                )
            ),
            false,
            color,
        ))
        .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
        .highlight_symbol("▶")
}

/// The current step: why it is there, what its checks see, the verdict and what to do, and
/// the tail of the transcript.
fn runbook_step_lines(
    d: &Diagnosis,
    rb: &crate::runbook::Session,
    spinner: &'static str,
    width: usize,
    color: bool,
) -> Vec<Line<'static>> {
    let step = rb.step();
    let mut lines: Vec<Line> = vec![
        Line::styled(
            format!("{}. {}", rb.current + 1, clean(&step.title)),
            bold(),
        ),
        Line::raw(""),
        heading(&crate::t!("tui-runbook-why")),
        Line::raw(clean(&step.why)),
        Line::raw(""),
        heading(&crate::t!("tui-runbook-checks-see")),
    ];
    for id in &step.checks {
        match d.state.get(id).map(|c| &c.phase) {
            Some(Phase::Done(r)) => {
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{} {} ", r.status.symbol(), r.status.word()),
                        status_style(r.status, color),
                    ),
                    Span::styled(format!("{id}  "), bold()),
                    Span::raw(clean(&r.summary)),
                ]));
                // A step about the resolver's layers shows the path it walks.
                for e in &r.evidence {
                    if let Evidence::Table {
                        title,
                        columns,
                        rows,
                    } = e
                        && dns_path::is_resolution_path(title, columns)
                    {
                        lines.extend(dns_path::diagram(rows, width, color));
                    }
                }
            }
            Some(Phase::Running) => lines.push(Line::styled(
                crate::t!(
                    "tui-runbook-check-running",
                    spinner = spinner,
                    id = id.as_str()
                ),
                accent(color),
            )),
            _ => lines.push(Line::styled(
                crate::t!("tui-runbook-check-waiting", id = id.as_str()),
                dim(color),
            )),
        }
    }
    lines.push(Line::raw(""));
    step_verdict_lines(&mut lines, step, &rb.records[rb.current], color);
    if let Some(reason) = &rb.stopped {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            crate::t!("tui-runbook-stopped", reason = clean(reason)),
            status_style(Status::Fail, color),
        ));
        lines.push(Line::raw(crate::t!("tui-runbook-stopped-hint")));
    }
    transcript_lines(&mut lines, rb, color);
    lines
}

/// The step's verdict and what it means; a step that did not pass adds what to do and the
/// fixes its checks asked for.
fn step_verdict_lines(
    lines: &mut Vec<Line<'static>>,
    step: &crate::runbook::Step,
    record: &crate::runbook::StepRecord,
    color: bool,
) {
    let Some(v) = record.verdict else {
        lines.push(Line::styled(
            crate::t!("tui-runbook-waiting-checks"),
            dim(color),
        ));
        return;
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", crate::t!("tui-verdict")), bold()),
        Span::styled(
            format!("{} {}", v.symbol(), v.word()),
            status_style(v, color),
        ),
        Span::styled(
            format!(
                "  {}",
                crate::t!("tui-runbook-at", at = record.at.clone().unwrap_or_default())
            ),
            dim(color),
        ),
    ]));
    let meaning = if matches!(v, Status::Pass | Status::NotApplicable) {
        &step.pass
    } else {
        &step.fail
    };
    lines.push(Line::raw(clean(meaning)));
    if matches!(v, Status::Pass | Status::NotApplicable) {
        return;
    }
    lines.push(Line::raw(""));
    lines.push(heading(&crate::t!("tui-runbook-what-to-do")));
    lines.push(Line::raw(clean(&step.action)));
    for (_, r) in &record.results {
        for fix in &r.remediation {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "{} ",
                        crate::t!("tui-fix-account", account = fix.account.word())
                    ),
                    dim(color),
                ),
                Span::raw(clean(&fix.text)),
            ]));
            if let Some(cmd) = &fix.command {
                lines.push(Line::styled(format!("$ {}", clean(cmd)), accent(color)));
            }
        }
    }
}

/// The last eight transcript entries, oldest first.
fn transcript_lines(lines: &mut Vec<Line<'static>>, rb: &crate::runbook::Session, color: bool) {
    let done = rb.records.iter().filter(|r| r.verdict.is_some()).count();
    lines.push(Line::raw(""));
    lines.push(heading(&crate::t!(
        "tui-transcript-title",
        done = done,
        steps = rb.runbook.steps.len()
    )));
    for e in rb
        .transcript
        .iter()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let kind = match e.kind {
            crate::runbook::EntryKind::Checked => {
                crate::t!("tui-transcript-checked", step = e.step.as_str())
            }
            crate::runbook::EntryKind::Rechecked => {
                crate::t!("tui-transcript-rechecked", step = e.step.as_str())
            }
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", e.at), dim(color)),
            Span::raw(format!("{kind} ")),
            Span::styled(
                format!(
                    "{} {}",
                    e.verdict.symbol(),
                    crate::report::text::status_noun(e.verdict)
                ),
                status_style(e.verdict, color),
            ),
        ]));
    }
}

/// Everything about one check: what it verifies, the verdict, the evidence, the fix.
pub fn detail_text(d: &Diagnosis, id: Option<&str>, width: u16, color: bool) -> Text<'static> {
    let Some(c) = id.and_then(|id| d.state.get(id)) else {
        return Text::from(crate::t!("tui-detail-none"));
    };
    let mut lines: Vec<Line> = vec![Line::styled(c.title.clone(), bold())];
    // Its latest status changes (watch mode) come first, where a fix landing is seen at once.
    let changes: Vec<_> = d.changes.iter().filter(|ch| ch.id == c.id).collect();
    for ch in &changes[changes.len().saturating_sub(3)..] {
        lines.push(Line::styled(
            crate::t!(
                "tui-detail-changed",
                from = ch.from.as_str(),
                to = ch.to.as_str(),
                at = ch.at.as_str()
            ),
            accent(color).add_modifier(Modifier::BOLD),
        ));
    }
    lines.push(Line::raw(""));
    let section =
        |name: &str| Line::styled(name.to_string(), bold().add_modifier(Modifier::UNDERLINED));
    lines.push(section(&crate::t!("tui-detail-what-it-checks")));
    lines.push(Line::raw(
        c.explanation
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    ));
    lines.push(Line::raw(""));
    match &c.phase {
        Phase::Pending => lines.push(Line::styled(crate::t!("tui-detail-pending"), dim(color))),
        Phase::Running => lines.push(Line::styled(crate::t!("tui-detail-running"), accent(color))),
        Phase::Done(r) => {
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", crate::t!("tui-verdict")), bold()),
                Span::styled(
                    format!("{} {}", r.status.symbol(), r.status.word()),
                    status_style(r.status, color),
                ),
                Span::raw("  "),
                Span::raw(clean(&r.summary)),
            ]));
            if !r.blocked_by.is_empty() {
                lines.push(Line::raw(crate::t!(
                    "tui-detail-blocked-by",
                    checks = r.blocked_by.join(", ")
                )));
            }
            if !r.evidence.is_empty() {
                lines.push(Line::raw(""));
                lines.push(section(&crate::t!("tui-detail-evidence")));
                for e in &r.evidence {
                    evidence_lines(&mut lines, e, width as usize, color);
                }
            }
            if !r.remediation.is_empty() {
                lines.push(Line::raw(""));
                lines.push(section(&crate::t!("tui-detail-fix")));
                for fix in &r.remediation {
                    lines.push(Line::from(vec![
                        Span::styled(
                            format!(
                                "{} ",
                                crate::t!("tui-fix-account", account = fix.account.word())
                            ),
                            dim(color),
                        ),
                        Span::raw(clean(&fix.text)),
                    ]));
                    if let Some(cmd) = &fix.command {
                        lines.push(Line::styled(format!("$ {}", clean(cmd)), accent(color)));
                    }
                }
                lines.push(Line::styled(crate::t!("tui-detail-copy-hint"), dim(color)));
            }
            if let Some(cmd) = &r.reproduce {
                lines.push(Line::raw(""));
                lines.push(section(&crate::t!("tui-detail-reproduce")));
                lines.push(Line::styled(format!("$ {}", clean(cmd)), accent(color)));
            }
        }
    }
    lines.push(Line::raw(""));
    if !c.needs.is_empty() {
        lines.push(Line::styled(
            crate::t!("tui-detail-needs", checks = c.needs.join(", ")),
            dim(color),
        ));
    }
    lines.push(Line::styled(
        crate::t!(
            "tui-detail-account-docs",
            account = c.account.word(),
            docs = c.docs.as_str()
        ),
        dim(color),
    ));
    Text::from(lines)
}

pub(super) fn evidence_lines(
    lines: &mut Vec<Line<'static>>,
    e: &Evidence,
    width: usize,
    color: bool,
) {
    match e {
        Evidence::Field { name, value } => lines.push(Line::from(vec![
            Span::styled(format!("{}: ", clean(name)), dim(color)),
            Span::raw(clean(value)),
        ])),
        Evidence::Series {
            title,
            unit,
            start,
            end,
            period_secs,
            lines: series,
        } => lines.extend(sparkline::lines(
            title,
            unit,
            (start, end, *period_secs),
            series,
            width,
            color,
            dim(color),
        )),
        Evidence::Table {
            title,
            columns,
            rows,
        } => {
            lines.push(Line::styled(format!("{}:", clean(title)), dim(color)));
            // The resolver's layers read top to bottom: a diagram, not a table.
            if dns_path::is_resolution_path(title, columns) {
                lines.extend(dns_path::diagram(rows, width, color));
                return;
            }
            // Cells are cut to share the width; a table never wraps.
            let n = columns.len().max(1);
            let mut widths: Vec<usize> = columns.iter().map(|c| width_of(&clean(c))).collect();
            for r in rows {
                for (i, cell) in r.iter().enumerate().take(n) {
                    widths[i] = widths[i].max(width_of(&clean(cell)));
                }
            }
            let budget = width.saturating_sub(2 + 2 * (n - 1));
            while widths.iter().sum::<usize>() > budget && widths.iter().any(|w| *w > 6) {
                let widest = (0..n).max_by_key(|i| widths[*i]).unwrap_or(0);
                widths[widest] -= 1;
            }
            let fmt_row = |cells: &[String]| {
                "  ".to_string()
                    + &cells
                        .iter()
                        .enumerate()
                        .take(n)
                        .map(|(i, c)| pad(&clip(c, widths[i]), widths[i]))
                        .collect::<Vec<_>>()
                        .join("  ")
            };
            lines.push(Line::styled(
                fmt_row(columns).trim_end().to_string(),
                bold(),
            ));
            if rows.is_empty() {
                lines.push(Line::raw(format!("  {}", crate::t!("tui-none"))));
            }
            for r in rows {
                lines.push(Line::raw(fmt_row(r).trim_end().to_string()));
            }
        }
    }
}

fn draw_help(f: &mut Frame, app: &App, area: Rect) {
    let mut lines = vec![Line::styled(crate::t!("tui-help-keys"), bold())];
    for b in BINDINGS {
        if b.applies(app.screen.scope()) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<8}", b.label), bold()),
                Span::raw(b.text()),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(crate::t!("tui-help-mouse"), Style::new()));
    lines.push(Line::raw(""));
    let mut legend = vec![Span::styled(
        format!("{} ", crate::t!("tui-help-statuses")),
        bold(),
    )];
    for s in Status::ALL {
        legend.push(Span::styled(
            format!("{} {}  ", s.symbol(), crate::report::text::status_noun(s)),
            status_style(s, app.color),
        ));
    }
    lines.push(Line::from(legend));
    lines.push(Line::styled(crate::t!("tui-help-root-cause"), Style::new()));
    lines.push(Line::styled(crate::t!("tui-help-close"), dim(app.color)));
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = 92.min(area.width);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    f.render_widget(Clear, popup);
    // A wide glyph just left of the popup would reach under its left border: a space instead.
    if popup.x > area.x {
        let buf = f.buffer_mut();
        for y in popup.y..popup.bottom() {
            let cell = &mut buf[(popup.x - 1, y)];
            if width_of(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    f.render_widget(
        Paragraph::new(super::wrap::fit(
            Text::from(lines),
            width.saturating_sub(2) as usize,
        ))
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(format!(" {} ", crate::t!("tui-help-title")))),
        popup,
    );
}
