//! Text that came from AWS or DNS is untrusted: it must not steer the terminal.

/// Replace control characters (ANSI escapes, carriage returns, bells, bidi overrides …)
/// with a visible placeholder, keep everything printable.
pub fn terminal_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || is_bidi_control(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// One line for an error message: runs of whitespace (newlines included) become one space,
/// other control characters a placeholder. Parsers quote the user's input back.
pub fn one_line(s: &str) -> String {
    terminal_safe(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Like [`terminal_safe`] but keeps newlines (for multi-line explanations we wrote).
pub fn terminal_safe_multiline(s: &str) -> String {
    s.split('\n')
        .map(terminal_safe)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Characters that reorder or break the lines around them: bidi embeddings, overrides and
/// isolates, the directional marks, and the Unicode line and paragraph separators.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// One word for the shell in single quotes (bash and zsh alike), or bare when it holds only
/// characters no shell treats specially.
pub fn sh_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=,@".contains(&b))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_are_neutralised() {
        assert_eq!(terminal_safe("a\x1b[2Jb"), "a\u{FFFD}[2Jb");
        assert_eq!(terminal_safe("x\ry\n\u{7}"), "x\u{FFFD}y\u{FFFD}\u{FFFD}");
        assert_eq!(terminal_safe("evil\u{202E}txt"), "evil\u{FFFD}txt");
        assert_eq!(terminal_safe("vpce-0123 ✓ ünïcode"), "vpce-0123 ✓ ünïcode");
        assert_eq!(terminal_safe_multiline("a\nb\x1b"), "a\nb\u{FFFD}");
        // C1 controls (CSI, OSC, ST as single characters) and the other bidi and line-breaking
        // characters.
        assert_eq!(
            terminal_safe("\u{9b}2J\u{9d}52;c;eA==\u{9c}\u{85}"),
            "\u{FFFD}2J\u{FFFD}52;c;eA==\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            terminal_safe("a\u{2067}b\u{061C}c\u{2028}d"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        assert_eq!(one_line("bad\n  key\t\x1b[2J"), "bad key \u{FFFD}[2J");
    }
}
