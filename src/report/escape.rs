//! The escapers every writer uses (reports, fleet tables, runbook transcripts, the TUI): text
//! from AWS or DNS is untrusted, so each output language gets exactly one way to carry it.
//! A writer never escapes by hand; a new format picks the escaper of its language here.

use crate::sanitize::terminal_safe;

/// Terminal text: control characters (ANSI and OSC sequences, C0/C1, bidi overrides) become
/// U+FFFD, everything printable stays.
pub fn terminal(s: &str) -> String {
    terminal_safe(s)
}

/// [`terminal`], cut to at most `max` characters with an ellipsis (table cells, list rows).
pub fn clip(s: &str, max: usize) -> String {
    let s = terminal_safe(s);
    if max == 0 {
        return String::new();
    }
    if s.chars().count() > max {
        s.chars().take(max - 1).collect::<String>() + "…"
    } else {
        s
    }
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
}
