//! Observed series in the detail pane: the window once, then one row per line — its label, a
//! sparkline (ratatui's `Sparkline`, rendered into a one-row buffer and lifted into the
//! line so it scrolls with the text) and its total, peak and last value.
//!
//! ```text
//! NewConnections (connections) · 16:20–16:35 UTC · 1-min periods
//!   us-east-1a  ▁▁▂▅█▇··▁▁  total 12 · peak 5 · last 0
//!   us-east-1b  ··········  no data
//! ```
//!
//! Every row fits the width it is given (labels are cut whole graphemes at a time), so the
//! pane's wrapping never splits a row.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::bar;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Sparkline, Widget};

use crate::engine::outcome::SeriesLine;
use crate::report::spark;
use crate::sanitize::terminal_safe;

const INDENT: usize = 2;
const GAP: usize = 2;
/// Fewer cells than this for the bars, and they get a row of their own.
const MIN_BARS: usize = 8;

/// The bar glyphs of [`spark::BARS`]: a zero is a flat bar, a datapoint at least `▂`.
const BAR_SET: bar::Set = bar::Set {
    empty: "▁",
    one_eighth: "▁",
    one_quarter: "▂",
    three_eighths: "▃",
    half: "▄",
    five_eighths: "▅",
    three_quarters: "▆",
    seven_eighths: "▇",
    full: "█",
};

/// The display width of `s` in terminal cells.
fn width_of(s: &str) -> usize {
    Span::raw(s).width()
}

/// `s` in at most `max` cells, cut between graphemes, with an ellipsis when cut.
pub fn clip_cells(s: &str, max: usize) -> String {
    if width_of(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in Span::raw(s).styled_graphemes(Style::new()) {
        let w = width_of(g.symbol);
        if used + w + 1 > max {
            break;
        }
        out.push_str(g.symbol);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// The bars of one line, `width` cells at most, as styled spans.
fn bars(values: &[Option<f64>], width: usize, color: bool) -> Vec<Span<'static>> {
    let levels = spark::levels(&spark::fit(values, width));
    let cells = levels.len() as u16;
    if cells == 0 {
        return Vec::new();
    }
    let (style, absent) = if color {
        (
            Style::new().fg(Color::Cyan),
            Style::new().fg(Color::DarkGray),
        )
    } else {
        (Style::new(), Style::new())
    };
    let area = Rect::new(0, 0, cells, 1);
    let mut buf = Buffer::empty(area);
    Sparkline::default()
        .data(levels)
        .max(8)
        .bar_set(BAR_SET)
        .style(style)
        .absent_value_symbol(spark::NO_DATA.to_string())
        .absent_value_style(absent)
        .render(area, &mut buf);
    // Neighbouring cells of one style make one span.
    let mut spans: Vec<Span<'static>> = Vec::new();
    for x in 0..cells {
        let cell = &buf[(x, 0)];
        let style = cell.style();
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(cell.symbol()),
            _ => spans.push(Span::styled(cell.symbol().to_string(), style)),
        }
    }
    spans
}

/// The rows of one series: its title and window, then one row per line.
pub fn lines(
    title: &str,
    unit: &str,
    window: (&str, &str, u32),
    series: &[SeriesLine],
    width: usize,
    color: bool,
    dim: Style,
) -> Vec<Line<'static>> {
    let (start, end, period) = window;
    let heading = terminal_safe(&spark::heading(title, unit, (start, end, period)));
    let mut out = vec![Line::styled(clip_cells(&heading, width), dim)];
    if series.is_empty() {
        out.push(Line::raw(format!("  {}", crate::t!("tui-series-no-lines"))));
        return out;
    }
    let labels: Vec<String> = series.iter().map(|l| terminal_safe(&l.label)).collect();
    let numbers: Vec<String> = series.iter().map(spark::numbers).collect();
    let label_w = labels
        .iter()
        .map(|l| width_of(l))
        .max()
        .unwrap_or(0)
        .min((width / 4).max(8));
    let numbers_w = numbers.iter().map(|n| width_of(n)).max().unwrap_or(0);
    let room = width.saturating_sub(INDENT + label_w + GAP + GAP + numbers_w);
    // The bars column: as wide as the longest line, or the room there is.
    let bars_w = room.min(series.iter().map(|l| l.values.len()).max().unwrap_or(0));
    for ((line, label), nums) in series.iter().zip(&labels).zip(&numbers) {
        let label = clip_cells(label, label_w);
        let pad = " ".repeat(label_w.saturating_sub(width_of(&label)));
        if room >= MIN_BARS {
            let mut spans = vec![Span::raw(format!("  {label}{pad}  "))];
            let drawn = bars(&line.values, bars_w, color);
            let drawn_w: usize = drawn.iter().map(Span::width).sum();
            spans.extend(drawn);
            spans.push(Span::raw(" ".repeat(bars_w.saturating_sub(drawn_w))));
            spans.push(Span::raw("  "));
            spans.push(Span::styled(nums.clone(), dim));
            out.push(Line::from(spans));
        } else {
            // Too narrow for one row: the words, then the bars under them.
            let words = clip_cells(&format!("{label}{pad}  {nums}"), width.saturating_sub(2));
            out.push(Line::from(vec![Span::raw("  "), Span::raw(words)]));
            let mut spans = vec![Span::raw("    ")];
            spans.extend(bars(&line.values, width.saturating_sub(4), color));
            out.push(Line::from(spans));
        }
    }
    out
}
