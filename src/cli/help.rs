//! `--help` in the reader's language. English is the doc comments as they are; in Korean every
//! command's about and every argument's help is replaced by its `cli.ftl` message, keyed by
//! the command path and the argument id (`cli-about-check`, `cli-arg-check-profile`), with
//! clap's section headings where clap lets them be named. Values, flags and clap's own
//! annotations (`[default: …]`, `[possible values: …]`) stay as clap writes them.

use clap::Command;

use crate::i18n::{Lang, message_in};

/// The message `key` in `lang` if the message files have it.
fn lookup(lang: Lang, key: &str) -> Option<String> {
    let text = message_in(lang, key, &[]);
    (text != key).then_some(text)
}

/// The message id of a command's about (`long` for its long about): `cli-about`,
/// `cli-about-check`, `cli-long-about`.
pub fn about_key(path: &[&str], long: bool) -> String {
    let mut key = String::from(if long { "cli-long-about" } else { "cli-about" });
    for segment in path {
        key.push('-');
        key.push_str(segment);
    }
    key
}

/// The message id of an argument's help: global flags and clap's `--help`/`--version` are
/// keyed once (`cli-arg-color`), the others per command (`cli-arg-check-profile`).
/// clap's `--help` says "see more" only where there is more, so it has a message per wording.
pub fn arg_key(path: &[&str], arg: &clap::Arg, long: bool) -> String {
    let mut id = arg.get_id().as_str().replace('_', "-");
    let generic = arg.is_global_set() || id == "help" || id == "version";
    if id == "help" && !long && arg.get_help().is_some_and(|h| h.to_string().contains('(')) {
        id.push_str("-more");
    }
    let mut key = String::from(if long { "cli-long-arg" } else { "cli-arg" });
    if !generic {
        for segment in path {
            key.push('-');
            key.push_str(segment);
        }
    }
    key.push('-');
    key.push_str(&id);
    key
}

/// The command line with its help in `lang` (built first, so that clap's own `--help`,
/// `--version`, `help` and the global flags are there to be translated too).
pub fn localized(mut cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    cmd.build();
    // clap keeps headings as `&'static str`: the four of them are made once per process.
    let heading = |key: &str| -> &'static str { lookup(lang, key).unwrap_or_default().leak() };
    let headings = Headings {
        usage: heading("cli-heading-usage"),
        commands: heading("cli-heading-commands"),
        arguments: heading("cli-heading-arguments"),
        options: heading("cli-heading-options"),
    };
    localize(cmd, &[], lang, &headings)
}

/// clap's section headings in the reader's language.
struct Headings {
    usage: &'static str,
    commands: &'static str,
    arguments: &'static str,
    options: &'static str,
}

fn localize(cmd: Command, path: &[&str], lang: Lang, headings: &Headings) -> Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        headings.usage
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(headings.commands);
    if cmd.get_about().is_some()
        && let Some(about) = lookup(lang, &about_key(path, false))
    {
        cmd = cmd.about(about);
    }
    if cmd.get_long_about().is_some()
        && let Some(about) = lookup(lang, &about_key(path, true))
    {
        cmd = cmd.long_about(about);
    }
    cmd = cmd.mut_args(|mut arg| {
        if arg.get_help().is_some()
            && let Some(help) = lookup(lang, &arg_key(path, &arg, false))
        {
            arg = arg.help(help);
        }
        if arg.get_long_help().is_some()
            && let Some(help) = lookup(lang, &arg_key(path, &arg, true))
        {
            arg = arg.long_help(help);
        }
        if arg.get_help_heading().is_none() {
            let heading = if arg.is_positional() {
                headings.arguments
            } else {
                headings.options
            };
            arg = arg.help_heading(heading);
        }
        arg
    });
    cmd.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        let mut path = path.to_vec();
        path.push(&name);
        localize(sub, &path, lang, headings)
    })
}

/// Every help text of the English command line with its message id, commands before their
/// arguments (the tests compare them with the message files).
pub fn english_texts(cmd: &Command) -> Vec<(String, String)> {
    let mut cmd = cmd.clone();
    cmd.build();
    let mut out = Vec::new();
    collect(&cmd, &[], &mut out);
    out
}

fn collect(cmd: &Command, path: &[&str], out: &mut Vec<(String, String)>) {
    if let Some(about) = cmd.get_about() {
        out.push((about_key(path, false), about.to_string()));
    }
    if let Some(about) = cmd.get_long_about() {
        out.push((about_key(path, true), about.to_string()));
    }
    for arg in cmd.get_arguments() {
        if let Some(help) = arg.get_help() {
            out.push((arg_key(path, arg, false), help.to_string()));
        }
        if let Some(help) = arg.get_long_help() {
            out.push((arg_key(path, arg, true), help.to_string()));
        }
    }
    for sub in cmd.get_subcommands() {
        let mut path = path.to_vec();
        path.push(sub.get_name());
        collect(sub, &path, out);
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    fn hangul(s: &str) -> bool {
        s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    }

    /// A new command or flag cannot ship without its Korean help, and the English messages
    /// are the doc comments word for word (change both together).
    #[test]
    fn every_command_and_argument_has_korean_help() {
        let mut problems = Vec::new();
        let texts = english_texts(&Cli::command());
        assert!(texts.len() > 100, "{}", texts.len());
        for (key, english) in texts {
            match lookup(Lang::Ko, &key) {
                Some(korean) if hangul(&korean) => {}
                _ => problems.push(format!("{key}: no Korean text in locales/ko/cli.ftl")),
            }
            let en = lookup(Lang::En, &key).unwrap_or_default();
            if en != english {
                problems.push(format!(
                    "{key}: locales/en/cli.ftl says {en:?}, the doc comment {english:?}"
                ));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    fn help(lang: Lang, args: &[&str]) -> String {
        let err = localized(Cli::command(), lang)
            .try_get_matches_from(args)
            .expect_err("--help stops parsing");
        assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp);
        err.to_string()
    }

    #[test]
    fn korean_help_is_korean() {
        let top = help(Lang::Ko, &["vpce-doctor", "--lang", "ko", "--help"]);
        assert!(
            top.contains("사용법:") && top.contains("명령:") && top.contains("옵션:"),
            "{top}"
        );
        assert!(top.contains("근본 원인을 먼저"), "{top}");
        assert!(
            !top.contains("Print help") && !top.contains("Usage:"),
            "{top}"
        );
        assert!(
            top.contains("--lang <LANG>") && top.contains("check"),
            "{top}"
        );
        let check = help(Lang::Ko, &["vpce-doctor", "check", "-h"]);
        assert!(
            check.contains("인자:") && check.contains("소비자 계정"),
            "{check}"
        );
        assert!(!check.contains("AWS profile of the consumer"), "{check}");
        assert!(check.contains("[env: AWS_PROFILE"), "{check}");
    }

    #[test]
    fn input_errors_speak_korean() {
        let regions = ["us-east-1".to_string(), "us-east-1".to_string()];
        let english = crate::scan::check_regions(&regions).unwrap_err().0;
        assert_eq!(english, "--region us-east-1 is given twice");
        let _ko = crate::i18n::scoped(Lang::Ko);
        let korean = crate::scan::check_regions(&regions).unwrap_err().0;
        assert!(
            hangul(&korean) && korean.contains("--region us-east-1"),
            "{korean}"
        );
        assert!(!korean.contains("given twice"), "{korean}");
    }

    #[test]
    fn english_help_is_untouched() {
        for args in [
            &["vpce-doctor", "--help"][..],
            &["vpce-doctor", "scan", "-h"],
        ] {
            let plain = Cli::command()
                .try_get_matches_from(args)
                .expect_err("help")
                .to_string();
            assert_eq!(help(Lang::En, args), plain);
            assert!(plain.contains("Usage:") && !hangul(&plain));
        }
    }
}
