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

/// Like [`terminal_safe`] but keeps newlines (for multi-line explanations we wrote).
pub fn terminal_safe_multiline(s: &str) -> String {
    s.split('\n')
        .map(terminal_safe)
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
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
    }
}
