//! Observed series ([`Evidence::Series`](crate::engine::outcome::Evidence::Series)) as the
//! faces draw them: bar levels, a text sparkline, the window in words. Shared by the TUI
//! (which draws the levels with ratatui's `Sparkline`), Markdown, text and HTML.
//!
//! A zero is a flat bar (`▁`), any datapoint above zero at least `▂`, and a period without a
//! datapoint `·`: "nothing happened" and "nothing was published" never look alike.

/// The bars of a level: index 0 is a zero, 2..=8 the datapoints above zero (1 is unused, so
/// the smallest datapoint never looks like a zero).
pub const BARS: [char; 9] = ['▁', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// A period without a datapoint.
pub const NO_DATA: char = '·';

/// Each period's level (0 for a zero, 2..=8 for a datapoint scaled to the largest one, None
/// without a datapoint).
pub fn levels(values: &[Option<f64>]) -> Vec<Option<u64>> {
    let peak = values.iter().flatten().copied().fold(0.0_f64, f64::max);
    values
        .iter()
        .map(|v| {
            v.map(|v| {
                if v <= 0.0 || peak <= 0.0 || !v.is_finite() {
                    0
                } else {
                    1 + ((v / peak) * 7.0).ceil().clamp(1.0, 7.0) as u64
                }
            })
        })
        .collect()
}

/// At most `width` periods: consecutive periods share a cell, which shows their largest
/// datapoint (None when none of them has one).
pub fn fit(values: &[Option<f64>], width: usize) -> Vec<Option<f64>> {
    let n = values.len();
    if n <= width || width == 0 {
        return values.to_vec();
    }
    (0..width)
        .map(|i| {
            values[i * n / width..(i + 1) * n / width]
                .iter()
                .flatten()
                .copied()
                .reduce(f64::max)
        })
        .collect()
}

/// The series as one line of bars, at most `width` characters.
pub fn text(values: &[Option<f64>], width: usize) -> String {
    levels(&fit(values, width))
        .into_iter()
        .map(|l| l.map_or(NO_DATA, |l| BARS[l as usize]))
        .collect()
}

/// "total 12 · peak 5 · last 0", or "no data".
pub fn numbers(line: &crate::engine::outcome::SeriesLine) -> String {
    use crate::engine::outcome::number;
    match (line.total(), line.peak(), line.last()) {
        (Some(t), Some(p), Some(l)) => crate::t!(
            "report-spark-numbers",
            total = number(t),
            peak = number(p),
            last = number(l)
        ),
        _ => crate::t!("report-spark-no-data"),
    }
}

/// A series' heading in every face: "NewConnections (connections) · 16:20–16:35 UTC ·
/// 1-min periods" (raw: each face escapes it its own way).
pub fn heading(title: &str, unit: &str, (start, end, period_secs): (&str, &str, u32)) -> String {
    format!("{title} ({unit}) · {}", window(start, end, period_secs))
}

/// The window in words: "16:20–16:35 UTC · 1-min periods" (dates shown when it spans days;
/// the strings as given when they are not RFC 3339).
pub fn window(start: &str, end: &str, period_secs: u32) -> String {
    let period = match period_secs {
        p if p % 3600 == 0 => crate::t!("report-spark-hours", n = p / 3600),
        p if p % 60 == 0 => crate::t!("report-spark-minutes", n = p / 60),
        p => crate::t!("report-spark-seconds", n = p),
    };
    let parse = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc))
    };
    let span = match (parse(start), parse(end)) {
        (Some(a), Some(b)) if a.date_naive() == b.date_naive() => {
            format!("{}–{} UTC", a.format("%H:%M"), b.format("%H:%M"))
        }
        (Some(a), Some(b)) => format!(
            "{}–{} UTC",
            a.format("%Y-%m-%d %H:%M"),
            b.format("%Y-%m-%d %H:%M")
        ),
        _ => format!("{start}–{end}"),
    };
    crate::t!("report-spark-window", span = span, period = period)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_a_datapoint_and_no_data_never_look_alike() {
        let v = [Some(0.0), Some(1.0), None, Some(100.0), Some(50.0)];
        assert_eq!(text(&v, 80), "▁▂·█▅");
        // All zeros is a flat line, not an empty one.
        assert_eq!(text(&[Some(0.0); 4], 80), "▁▁▁▁");
        assert_eq!(text(&[None, None], 80), "··");
    }

    #[test]
    fn too_many_periods_share_cells_by_their_largest_datapoint() {
        let v = [Some(1.0), Some(8.0), None, None, Some(0.0), Some(2.0)];
        assert_eq!(fit(&v, 3), vec![Some(8.0), None, Some(2.0)]);
        assert_eq!(text(&v, 3).chars().count(), 3);
    }

    #[test]
    fn the_window_reads_as_clock_times() {
        assert_eq!(
            window("2026-12-02T16:20:00Z", "2026-12-02T16:35:00Z", 60),
            "16:20–16:35 UTC · 1-min periods"
        );
        assert_eq!(
            window("2026-12-01T23:00:00Z", "2026-12-02T01:00:00Z", 3600),
            "2026-12-01 23:00–2026-12-02 01:00 UTC · 1-h periods"
        );
        assert_eq!(window("a", "b", 45), "a–b · 45-s periods");
    }
}
