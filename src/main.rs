use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};

use vpce_doctor::app;
use vpce_doctor::cli::{Cli, ColorArg, color_in_args, lang_in_args};
use vpce_doctor::i18n::{self, Lang};
use vpce_doctor::t;

fn main() {
    let _ = vpce_doctor::STARTED.set(std::time::Instant::now());
    let _ = color_eyre::install();
    quiet_on_closed_pipe();
    // clap prints --help while parsing, so its colour is settled from the raw arguments;
    // without --color clap's own auto also honours NO_COLOR and CLICOLOR_FORCE.
    let help_color = match color_in_args(std::env::args_os().skip(1)) {
        Some(ColorArg::Always) => clap::ColorChoice::Always,
        Some(ColorArg::Never) => clap::ColorChoice::Never,
        Some(ColorArg::Auto) | None => clap::ColorChoice::Auto,
    };
    // The same for the language of --help: --lang, else the locale (the config file's `lang`
    // is read once the command line is parsed, and then decides the rest).
    let help_lang = lang_in_args(std::env::args_os().skip(1))
        .unwrap_or_else(|| Lang::from_locale(&vpce_doctor::config::real_env));
    i18n::set(help_lang);
    let parsed = vpce_doctor::cli::help::localized(Cli::command().color(help_color), help_lang)
        .try_get_matches()
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => e.exit(),
            _ => {
                // One line: what was wrong and what is accepted (clap spreads it over
                // several lines; usage and the help hint are left out).
                let rendered = e.render().to_string();
                let line = rendered
                    .lines()
                    .map(str::trim)
                    .take_while(|l| {
                        !l.starts_with("Usage:") && !l.starts_with("For more information")
                    })
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                let line = if line.is_empty() {
                    t!("cli-error-invalid-arguments")
                } else {
                    line
                };
                eprintln!("{}", t!("cli-error-see-help", line = line));
                std::process::exit(2);
            }
        },
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{}", t!("cli-error-runtime", error = e.to_string()));
            std::process::exit(2);
        }
    };
    let code = match runtime.block_on(app::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", t!("cli-error", error = e.to_string()));
            2
        }
    };
    std::process::exit(code);
}

/// `vpce-doctor demo --list | head` closes the pipe before the output ends: that is the
/// reader's choice, not a crash, so it ends the program quietly instead of with a panic report
/// (`println!` panics on EPIPE because Rust ignores SIGPIPE). The exit code is the one a
/// program stopped by SIGPIPE gives, so `set -o pipefail` scripts still see it.
fn quiet_on_closed_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to std") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        report(info);
    }));
}
