//! The escapers every writer uses (reports, fleet tables, runbook transcripts, the TUI): text
//! from AWS or DNS is untrusted, so each output language gets exactly one way to carry it.
//! A writer never escapes by hand; a new format picks the escaper of its language here.

use crate::sanitize::terminal_safe;

/// Terminal text: control characters (ANSI and OSC sequences, C0/C1, bidi overrides) become
/// U+FFFD, everything printable stays.
pub fn terminal(s: &str) -> String {
    terminal_safe(s)
}

/// The columns `s` takes in a terminal: Hangul and other wide characters take two.
pub fn width(s: &str) -> usize {
    ratatui::text::Span::raw(s).width()
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
}

/// `s` followed by spaces up to `w` columns (what `{:<w$}` does for ASCII), never cut.
pub fn pad(s: &str, w: usize) -> String {
    let have = width(s);
    if have >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - have))
    }
}

/// [`terminal`], cut to at most `max` columns with an ellipsis (table cells, list rows): a
/// wide character counts two.
pub fn clip(s: &str, max: usize) -> String {
    let s = terminal_safe(s);
    if max == 0 {
        return String::new();
    }
    if width(&s) <= max {
        return s;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out + "…"
}

/// Markdown inline text, safe in prose, in a table cell and between backticks alike: no
/// control characters, no table-breaking pipe, no backtick to close a code span, no backslash
/// to escape the markup that follows, no HTML.
pub fn md_inline(s: &str) -> String {
    terminal_safe(s)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('`', "'")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The one line inside a fenced code block: a fence inside must not close it (newlines are
/// already placeholders, so nothing can start a line of its own).
pub fn md_code(s: &str) -> String {
    terminal_safe(s).replace("```", "'''")
}

/// HTML text and attribute values (quoted): markup and quotes as entities, control
/// characters as U+FFFD.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in terminal_safe(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_covers_markup_quotes_and_controls() {
        assert_eq!(
            html("<script>alert('x')</script>&\"\x1b[2J"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;\u{FFFD}[2J"
        );
    }

    #[test]
    fn markdown_inline_cannot_close_a_code_span_escape_or_break_a_cell() {
        assert_eq!(
            md_inline("a`b\\|c</code>\x1b]8;;x\x07"),
            "a'b\\\\\\|c&lt;/code&gt;\u{FFFD}]8;;x\u{FFFD}"
        );
        assert_eq!(md_code("x```\ny"), "x'''\u{FFFD}y");
    }

    #[test]
    fn clip_counts_characters_and_never_panics() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("ab\x1bc", 4), "ab\u{FFFD}c");
        assert_eq!(clip("ünï", 3), "ünï");
        assert_eq!(clip("abc", 1), "…");
        assert_eq!(clip("abc", 0), "");
    }

    #[test]
    fn clip_and_pad_count_hangul_as_two_columns() {
        assert_eq!(clip("가나다라", 8), "가나다라");
        assert_eq!(clip("가나다라", 7), "가나다…");
        assert_eq!(clip("가나다라", 6), "가나…");
        assert_eq!(clip("보안 그룹 규칙", 9), "보안 그…");
        assert_eq!(pad("실패", 7), "실패   ");
        assert_eq!(pad("FAIL", 7), "FAIL   ");
        assert_eq!(pad("확인 불가", 7), "확인 불가");
    }
}
