//! Whether output is coloured: the one place that decides it, for the text reports and the
//! interactive view alike. `--color` beats the environment (someone who typed the flag
//! meant it for this run; `NO_COLOR` is a standing preference), `NO_COLOR` beats
//! `CLICOLOR_FORCE` (as the informal standards, and clap's own help, order them), and
//! otherwise colour goes only to a terminal.

use std::io::IsTerminal;
use std::sync::OnceLock;

/// `--color`, with no clap in it (the faces below the command line read it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// The choice of this process, set once by the command line before any output.
static CHOICE: OnceLock<ColorChoice> = OnceLock::new();

/// Record the run's `--color`. A second call keeps the first choice: output already written
/// must not change its mind halfway.
pub fn set_choice(choice: ColorChoice) {
    let _ = CHOICE.set(choice);
}

fn choice() -> ColorChoice {
    CHOICE.get().copied().unwrap_or_default()
}

/// The colour variables as they stand, so the decision itself stays a pure function.
#[derive(Debug, Clone, Copy, Default)]
pub struct ColorEnv {
    /// `NO_COLOR` set and not empty (<https://no-color.org>).
    pub no_color: bool,
    /// `CLICOLOR_FORCE` set and not `0` (<https://bixense.com/clicolors/>).
    pub force: bool,
}

impl ColorEnv {
    pub fn read() -> ColorEnv {
        let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        ColorEnv {
            no_color: var("NO_COLOR").is_some(),
            force: var("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
        }
    }
}

/// Colour or not, for output going to a terminal (`is_terminal`) or elsewhere.
pub fn decide(choice: ColorChoice, env: ColorEnv, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env.no_color => false,
        ColorChoice::Auto => env.force || is_terminal,
    }
}

/// For a text report written to standard output.
pub fn for_stdout() -> bool {
    decide(choice(), ColorEnv::read(), std::io::stdout().is_terminal())
}

/// For the interactive view, which only ever draws on a terminal.
pub fn for_terminal_ui() -> bool {
    decide(choice(), ColorEnv::read(), true)
}

#[cfg(test)]
mod tests {
    use super::{ColorChoice, ColorEnv, decide};

    #[test]
    fn the_flag_beats_the_environment_which_beats_the_terminal() {
        let env = |no_color, force| ColorEnv { no_color, force };
        for (no_color, force, tty) in [
            (false, false, false),
            (true, false, true),
            (true, true, true),
            (false, true, false),
        ] {
            let e = env(no_color, force);
            assert!(decide(ColorChoice::Always, e, tty), "{e:?} tty={tty}");
            assert!(!decide(ColorChoice::Never, e, tty), "{e:?} tty={tty}");
        }
        assert!(decide(ColorChoice::Auto, env(false, false), true));
        assert!(!decide(ColorChoice::Auto, env(false, false), false));
        assert!(!decide(ColorChoice::Auto, env(true, false), true));
        assert!(decide(ColorChoice::Auto, env(false, true), false));
        assert!(!decide(ColorChoice::Auto, env(true, true), false));
    }
}
