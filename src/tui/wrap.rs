//! Word wrapping by display width for the lines that hold wide glyphs (Hangul takes two
//! cells). ratatui's wrapper lets a line end one cell past its width when its last glyph is
//! two cells wide, and that cell is the pane's right border: such lines are wrapped here, to
//! at most the width, before the pane's own wrapping sees them. Lines of narrow glyphs only
//! are left to ratatui exactly as before.

use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};

fn cells(s: &str) -> usize {
    Span::raw(s).width()
}

/// Whether any glyph of the line is wider than one cell.
fn has_wide(line: &Line) -> bool {
    line.spans.iter().any(|s| {
        s.content
            .chars()
            .any(|c| cells(c.encode_utf8(&mut [0; 4])) > 1)
    })
}

/// Graphemes back into spans, neighbours of one style merged.
fn to_line(glyphs: Vec<(String, Style)>, like: &Line<'static>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (g, style) in glyphs {
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&g),
            _ => spans.push(Span::styled(g, style)),
        }
    }
    let mut line = Line::from(spans).style(like.style);
    line.alignment = like.alignment;
    line
}

/// One line as lines of at most `max` cells: broken at spaces, a word longer than a line
/// broken where it must be, leading indentation kept on the first line only.
pub fn wrap_line(line: &Line<'static>, max: usize) -> Vec<Line<'static>> {
    let max = max.max(2);
    let glyphs: Vec<(String, Style)> = line
        .styled_graphemes(Style::new())
        .map(|g| (g.symbol.to_string(), g.style))
        .collect();
    let mut out = Vec::new();
    let mut current: Vec<(String, Style)> = Vec::new();
    let mut used = 0;
    let mut first = true;
    let mut i = 0;
    while i < glyphs.len() {
        let start = i;
        let space = glyphs[i].0.trim().is_empty();
        while i < glyphs.len() && glyphs[i].0.trim().is_empty() == space {
            i += 1;
        }
        let token = &glyphs[start..i];
        let width: usize = token.iter().map(|(g, _)| cells(g)).sum();
        if space {
            // Spaces between words stay; at the start of a continuation line they go.
            if !current.is_empty() || first {
                current.extend_from_slice(token);
                used += width;
            }
            continue;
        }
        if used + width > max && !current.is_empty() {
            while current.last().is_some_and(|(g, _)| g.trim().is_empty()) {
                current.pop();
            }
            if !current.is_empty() {
                out.push(to_line(std::mem::take(&mut current), line));
            }
            current.clear();
            used = 0;
            first = false;
        }
        for (g, style) in token {
            let w = cells(g);
            if used + w > max {
                out.push(to_line(std::mem::take(&mut current), line));
                used = 0;
                first = false;
            }
            current.push((g.clone(), *style));
            used += w;
        }
    }
    if !current.is_empty() || out.is_empty() {
        out.push(to_line(current, line));
    }
    out
}

/// The text with every line that holds a wide glyph and is wider than `max` wrapped.
pub fn fit(text: Text<'static>, max: usize) -> Text<'static> {
    let mut lines = Vec::with_capacity(text.lines.len());
    for line in text.lines {
        if line.width() > max && has_wide(&line) {
            lines.extend(wrap_line(&line, max));
        } else {
            lines.push(line);
        }
    }
    Text::from(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wide_lines_wrap_at_spaces_within_the_width() {
        let line = Line::raw("  인터페이스 엔드포인트는 서브넷에 놓인 네트워크 인터페이스들이다");
        let wrapped = wrap_line(&line, 21);
        for l in &wrapped {
            assert!(l.width() <= 21, "{:?}", plain(&wrapped));
        }
        assert!(plain(&wrapped)[0].starts_with("  인터페이스"));
        let words = |ls: &[String]| {
            ls.join(" ")
                .split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(words(&plain(&wrapped)), words(&[plain(&[line])[0].clone()]));
        // A word longer than the line is broken between glyphs, never inside one.
        let long = wrap_line(&Line::raw("가나다라마바사"), 5);
        assert_eq!(plain(&long), ["가나", "다라", "마바", "사"]);
    }

    #[test]
    fn narrow_lines_are_left_to_ratatui() {
        let text = Text::from(vec![Line::raw("a ".repeat(50)), Line::raw("짧다")]);
        let fitted = fit(text.clone(), 20);
        assert_eq!(fitted, text);
    }
}
