//! Shell completions and manual pages, generated from the clap definitions at run time, so
//! they describe exactly the binary that prints them and cannot fall behind a new flag.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The command line as the documents describe it: no `help` subcommand (it has no page of
/// its own and `--help` is on every command).
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The completion script for `shell`. Rendered into memory first: clap_complete panics on a
/// write error, and a closed pipe is not worth a panic.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut cmd = command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, BIN, &mut out);
    if shell == Shell::Bash {
        out = String::from_utf8_lossy(&out)
            .replace(BASH_MISSPELT_STATE, BASH_STATE)
            .into_bytes();
    }
    out
}

const BIN: &str = "vpce-doctor";
/// clap_complete's bash script tracks the command typed so far as `vpce__doctor__subcmd__check`
/// but labels the case arms `vpce__subcmd__doctor__subcmd__check` for a binary whose name
/// has a hyphen (clap-rs/clap#6421, still so in 4.6.12): no arm matches and no subcommand's
/// options ever complete. The arms are respelt as the tracker spells them; once clap is
/// fixed the misspelling is simply absent.
const BASH_MISSPELT_STATE: &str = "vpce__subcmd__doctor";
const BASH_STATE: &str = "vpce__doctor";

/// The page of the top-level command (roff).
pub fn man_page() -> Vec<u8> {
    render(clap_mangen::Man::new(command()))
}

fn render(man: clap_mangen::Man) -> Vec<u8> {
    let mut out = Vec::new();
    man.render(&mut out)
        .expect("writing into memory cannot fail");
    ascii_roff(&String::from_utf8_lossy(&out)).into_bytes()
}

/// The help texts use `…` and `·`; plain troff reads its input as Latin-1 and garbles them
/// (only man-db's preconv step would save them). Written as groff's `\[uXXXX]` escapes,
/// which mandoc reads too, they render everywhere.
fn ascii_roff(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len());
    for c in roff.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// Every page: `vpce-doctor.1`, then one per command and nested command (file name, roff).
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) {
        let subs: Vec<clap::Command> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .cloned()
            .collect();
        let man = clap_mangen::Man::new(cmd);
        out.push((man.get_filename(), render(man)));
        for sub in subs {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(command(), &mut out);
    out
}

/// Write every page into `dir` (created if missing); the paths written, in order.
pub fn write_man_pages(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    man_pages()
        .into_iter()
        .map(|(name, roff)| {
            let path = dir.join(name);
            std::fs::write(&path, roff).map(|()| path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Roff text as a reader sees it: escapes resolved, font changes dropped.
    fn plain(roff: &str) -> String {
        roff.replace("\\fB", "")
            .replace("\\fI", "")
            .replace("\\fR", "")
            .replace("\\fP", "")
            .replace("\\-", "-")
            .replace("\\(aq", "'")
            .replace("\\\\", "\\")
    }

    /// A page's sections, by `.SH` heading: each the list of its lines, control lines
    /// included.
    fn sections(roff: &str) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for line in roff.lines() {
            if let Some(name) = line.strip_prefix(".SH ") {
                out.push((name.trim_matches('"').to_string(), Vec::new()));
            } else if let Some((_, lines)) = out.last_mut() {
                lines.push(line.to_string());
            }
        }
        out
    }

    fn section<'a>(page: &'a [(String, Vec<String>)], name: &str) -> &'a [String] {
        page.iter()
            .find(|(n, _)| n == name)
            .map_or(&[], |(_, lines)| lines.as_slice())
    }

    /// The tag lines (the line after each `.TP`) of one section, as a reader sees them.
    fn tags(page: &[(String, Vec<String>)], name: &str) -> Vec<String> {
        let lines = section(page, name);
        lines
            .iter()
            .zip(lines.iter().skip(1))
            .filter(|(tp, _)| tp.starts_with(".TP"))
            .map(|(_, tag)| plain(tag))
            .collect()
    }

    /// The `--long` options a page's OPTIONS section documents.
    fn documented_options(page: &[(String, Vec<String>)]) -> BTreeSet<String> {
        tags(page, "OPTIONS")
            .iter()
            .flat_map(|tag| tag.split([' ', ',', '=']))
            .filter(|w| w.starts_with("--"))
            .map(str::to_string)
            .collect()
    }

    /// The commands a page's SUBCOMMANDS section lists: `name(1)`.
    fn documented_commands(page: &[(String, Vec<String>)]) -> BTreeSet<String> {
        tags(page, "SUBCOMMANDS").into_iter().collect()
    }

    /// What a command's page must hold, straight from the clap definition.
    struct Expected {
        page: String,
        flags: BTreeSet<String>,
        commands: BTreeSet<String>,
    }

    fn expected(cmd: &clap::Command, out: &mut Vec<Expected>) {
        let page_name =
            |c: &clap::Command| c.get_display_name().unwrap_or(c.get_name()).to_string();
        out.push(Expected {
            page: format!("{}.1", page_name(cmd)),
            flags: cmd
                .get_arguments()
                .filter(|a| !a.is_hide_set())
                .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
                .collect(),
            commands: cmd
                .get_subcommands()
                .map(|s| format!("{}(1)", page_name(s)))
                .collect(),
        });
        for sub in cmd.get_subcommands() {
            expected(sub, out);
        }
    }

    #[test]
    fn every_command_has_a_page_documenting_each_of_its_flags() {
        let mut want = Vec::new();
        expected(&command(), &mut want);
        let pages = man_pages();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        let want_names: Vec<&str> = want.iter().map(|e| e.page.as_str()).collect();
        assert_eq!(names, want_names);
        for name in [
            "vpce-doctor.1",
            "vpce-doctor-check.1",
            "vpce-doctor-scan.1",
            "vpce-doctor-man.1",
        ] {
            assert!(names.contains(&name), "{names:?}");
        }
        for ((name, roff), want) in pages.iter().zip(&want) {
            let roff = String::from_utf8(roff.clone()).unwrap();
            assert!(roff.is_ascii(), "{name}");
            let title = format!(".TH {} 1 ", name.trim_end_matches(".1"));
            assert!(
                roff.lines().any(|l| l.starts_with(&title)),
                "{name}: {roff}"
            );
            let page = sections(&roff);
            let headings: Vec<&str> = page.iter().map(|(h, _)| h.as_str()).collect();
            assert!(
                headings.starts_with(&["NAME", "SYNOPSIS", "DESCRIPTION"]),
                "{name}: {headings:?}"
            );
            assert_eq!(documented_options(&page), want.flags, "{name}");
            assert_eq!(documented_commands(&page), want.commands, "{name}");
        }
        // The global flag is on every page, and the flags of `check` are where they belong.
        let check = &pages[names
            .iter()
            .position(|n| *n == "vpce-doctor-check.1")
            .unwrap()]
        .1;
        let check = documented_options(&sections(std::str::from_utf8(check).unwrap()));
        for flag in [
            "--color",
            "--provider-profile",
            "--from-snapshot",
            "--format",
            "--help",
        ] {
            assert!(check.contains(flag), "{flag}: {check:?}");
        }
    }

    #[test]
    fn non_ascii_help_text_is_escaped_for_troff() {
        assert_eq!(
            ascii_roff("vpc-\u{2026} \u{b7} ok"),
            r"vpc-\[u2026] \[u00B7] ok"
        );
        let workload = man_pages()
            .into_iter()
            .find(|(n, _)| n == "vpce-doctor-workload.1")
            .unwrap()
            .1;
        assert!(
            String::from_utf8(workload)
                .unwrap()
                .contains(r"vpc\-\[u2026]")
        );
    }

    #[test]
    fn the_top_level_page_lists_every_command() {
        let roff = String::from_utf8(man_page()).unwrap();
        let page = sections(&roff);
        let listed = documented_commands(&page);
        for sub in command().get_subcommands() {
            assert!(
                listed.contains(&format!("vpce-doctor-{}(1)", sub.get_name())),
                "{listed:?}"
            );
        }
        assert!(!listed.iter().any(|c| c.contains("help")), "{listed:?}");
        assert!(documented_options(&page).contains("--color"));
    }

    #[test]
    fn the_readme_has_a_section_for_every_command() {
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        for sub in command().get_subcommands() {
            let named = format!("`vpce-doctor {}", sub.get_name());
            assert!(
                readme
                    .lines()
                    .any(|l| l.starts_with('#') && l.contains(&named)),
                "README: no heading names {named}`"
            );
        }
    }

    #[test]
    fn completions_know_every_command_and_flag() {
        let bash = String::from_utf8(completions(Shell::Bash)).unwrap();
        let zsh = String::from_utf8(completions(Shell::Zsh)).unwrap();
        let fish = String::from_utf8(completions(Shell::Fish)).unwrap();
        assert!(bash.contains("complete -F _vpce__doctor"), "{bash}");
        // Every state the bash script tracks has its case arm (clap-rs/clap#6421).
        assert!(!bash.contains(BASH_MISSPELT_STATE));
        assert!(bash.contains("cmd=\"vpce__doctor__subcmd__check\""));
        assert!(bash.contains("\n        vpce__doctor__subcmd__check)\n"));
        assert!(zsh.starts_with("#compdef vpce-doctor"));
        let mut want = Vec::new();
        expected(&command(), &mut want);
        for Expected { page, flags, .. } in &want {
            for flag in flags {
                assert!(bash.contains(flag.as_str()), "bash lacks {flag} of {page}");
                assert!(zsh.contains(flag.as_str()), "zsh lacks {flag} of {page}");
                // fish names long options without their dashes: `-l provider-profile`.
                let long = flag.trim_start_matches('-');
                assert!(
                    fish.contains(&format!("-l {long}")),
                    "fish lacks {flag} of {page}"
                );
            }
        }
        for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
            assert!(bash.contains(shell), "`completions` offers {shell}");
        }
    }
}
