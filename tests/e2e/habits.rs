//! What a command-line tool is expected to do: shell completions that complete, man pages
//! that render, and `--color` that the terminal, the pipe and NO_COLOR all obey.

use std::path::Path;
use std::process::Command;

use crate::harness::{bin, ensure_command, run_plain};

/// The demo snapshot: a diagnosis with a failed check, offline.
fn demo_snapshot() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/demo/sg-blocks-443.json")
        .to_str()
        .unwrap()
        .to_string()
}

fn assert_bad_input(args: &[&str], mention: &str) {
    let run = run_plain(args, &[]);
    assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{:?}", run.stderr);
    assert!(run.stderr.contains(mention), "{:?}", run.stderr);
    assert!(run.stdout.is_empty());
}

/// Whether `text` carries an SGR sequence that sets a colour (foreground or background), as
/// opposed to bold or reverse, which monochrome output keeps.
fn has_colour(text: &str) -> bool {
    text.split("\x1b[").skip(1).any(|rest| {
        let Some(end) = rest.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            return false;
        };
        rest[end..].starts_with('m')
            && rest[..end].split(';').any(|p| {
                p.parse::<u32>().is_ok_and(|n| {
                    (30..=38).contains(&n)
                        || (40..=48).contains(&n)
                        || (90..=97).contains(&n)
                        || (100..=107).contains(&n)
                })
            })
    })
}

#[test]
fn colour_follows_the_flag_then_no_color_then_the_terminal() {
    let snap = demo_snapshot();
    let check = |extra: &[&str], env: &[(&str, &str)]| {
        let mut args = vec!["check", "vpce-0a1b2c3d4e5f60718", "--from-snapshot", &snap];
        args.extend(extra);
        let run = run_plain(&args, env);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        run.stdout
    };
    let unset = ("NO_COLOR", "");
    // run_plain sets NO_COLOR=1: the flag wins over it.
    assert!(has_colour(&check(&["--color", "always"], &[])));
    assert!(has_colour(&check(&["--color=always"], &[])));
    assert!(!has_colour(&check(&[], &[])));
    // A pipe is not a terminal: auto stays plain unless CLICOLOR_FORCE asks.
    assert!(!has_colour(&check(&[], &[unset])));
    assert!(has_colour(&check(&[], &[unset, ("CLICOLOR_FORCE", "1")])));
    assert!(!has_colour(&check(&[], &[unset, ("CLICOLOR_FORCE", "0")])));
    assert!(!has_colour(&check(&[], &[("CLICOLOR_FORCE", "1")])));
    assert!(!has_colour(&check(
        &["--color", "never"],
        &[unset, ("CLICOLOR_FORCE", "1")]
    )));
    // The flag is global: before the command too.
    let run = run_plain(
        &[
            "--color",
            "always",
            "check",
            "vpce-0a1b2c3d4e5f60718",
            "--from-snapshot",
            &snap,
        ],
        &[],
    );
    assert!(has_colour(&run.stdout), "{}", run.stderr);
    // Only text is ever coloured.
    let json = check(&["--color", "always", "--format", "json"], &[]);
    assert!(!json.contains('\x1b'));
    serde_json::from_str::<serde_json::Value>(&json).unwrap();

    assert_bad_input(
        &["check", "vpce-0a1b2c3d4e5f60718", "--color", "purple"],
        "[possible values: auto, always, never]",
    );
    assert_bad_input(&["--color"], "--color");
}

#[test]
fn help_is_coloured_only_when_asked() {
    let styled = |args: &[&str], env: &[(&str, &str)]| {
        let run = run_plain(args, env);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("--provider-profile") || run.stdout.contains("check"));
        run.stdout.contains("\x1b[")
    };
    assert!(styled(&["check", "--help", "--color", "always"], &[]));
    assert!(styled(&["--color=always", "--help"], &[]));
    assert!(!styled(&["check", "--help"], &[]));
    assert!(!styled(
        &["check", "--help", "--color", "never"],
        &[("CLICOLOR_FORCE", "1")]
    ));
}

#[test]
fn the_interactive_view_obeys_color_too() {
    let tmux_screen = |colour: &str, tag: &str| {
        let tmux = crate::tmux::Tmux::new(tag);
        tmux.start(
            &format!(
                "env NO_COLOR=1 {} demo sg-blocks-443 --color {colour}",
                bin()
            ),
            120,
            34,
        );
        tmux.wait_for("the root cause", |s| s.contains("ROOT CAUSE"));
        let styled = tmux.run(&["capture-pane", "-p", "-e", "-t", "demo"]);
        let plain = tmux.screen();
        tmux.keys(&["q"]);
        tmux.wait_exited(std::time::Duration::from_secs(5));
        (styled, plain)
    };
    let (always, _) = tmux_screen("always", "color-always");
    assert!(has_colour(&always), "{always:?}");
    let (never, plain) = tmux_screen("never", "color-never");
    assert!(!has_colour(&never), "{never:?}");
    // Still readable without colour: the symbols carry the statuses.
    assert!(plain.contains("✗ endpoint.security_groups"), "{plain}");
}

#[test]
fn completion_scripts_complete_commands_flags_and_values() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = run_plain(&["completions", shell], &[]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        // (fish spells long options without their dashes: `-l provider-profile`.)
        assert!(run.stdout.contains("provider-profile"), "{shell}");
    }
    assert_bad_input(
        &["completions", "tcsh"],
        "[possible values: bash, elvish, fish, powershell, zsh]",
    );
    assert_bad_input(&["completions"], "<SHELL>");

    // Bash, as it calls the function on <Tab>: the words so far, the word being completed
    // and the one before it.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("vpce-doctor.bash");
    std::fs::write(&script, run_plain(&["completions", "bash"], &[]).stdout).unwrap();
    let complete = |words: &[&str]| {
        let cword = words.len() - 1;
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let program = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={cword}; _vpce__doctor vpce-doctor '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            quoted.join(" "),
            words[cword],
            words[cword - 1],
        );
        succeeded(Command::new("bash").arg("-c").arg(program))
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(complete(&["vpce-doctor", "che"]), ["check", "checks"]);
    assert_eq!(
        complete(&["vpce-doctor", "check", "--provider-p"]),
        ["--provider-profile"]
    );
    assert_eq!(
        complete(&["vpce-doctor", "scan", "--vantage", ""]),
        ["auto", "inside", "outside"]
    );
    assert_eq!(
        complete(&["vpce-doctor", "check", "--color", ""]),
        ["auto", "always", "never"]
    );
    assert!(complete(&["vpce-doctor", "completions", ""]).contains(&"fish".to_string()));

    // zsh reads its script without a syntax error.
    let zsh = ensure_command("zsh", "zsh");
    let zsh_script = dir.path().join("_vpce-doctor");
    std::fs::write(&zsh_script, run_plain(&["completions", "zsh"], &[]).stdout).unwrap();
    succeeded(Command::new(zsh).arg("-n").arg(&zsh_script));
}

/// Run `cmd`, which must succeed; its standard output.
fn succeeded(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn man_pages_are_written_and_render_without_warnings() {
    let run = run_plain(&["man"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with(".TH vpce-doctor 1 "))
    );
    assert!(run.stdout.contains("vpce\\-doctor\\-check(1)"));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let run = run_plain(&["man", "--dir", out.to_str().unwrap()], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed: Vec<&str> = run.stdout.lines().collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, on_disk);
    for page in [
        "vpce-doctor.1",
        "vpce-doctor-check.1",
        "vpce-doctor-scan.1",
        "vpce-doctor-completions.1",
    ] {
        assert!(out.join(page).is_file(), "{page}: {listed:?}");
    }

    // groff with every warning on: a malformed request or a raw UTF-8 byte would say so.
    let groff = ensure_command("groff", "groff-base");
    for page in &listed {
        let rendered = Command::new(&groff)
            .args(["-man", "-Tutf8", "-ww", "-P-cbou", page])
            .env("LC_ALL", "C")
            .output()
            .unwrap();
        let warnings = String::from_utf8_lossy(&rendered.stderr);
        assert!(
            rendered.status.success() && warnings.is_empty(),
            "{page}: {warnings}"
        );
        let text = String::from_utf8_lossy(&rendered.stdout);
        assert!(
            text.contains("NAME") && text.contains("OPTIONS"),
            "{page}: {text}"
        );
    }
    // man(1) itself, where installed (a bare container may have only groff).
    if Command::new("sh")
        .args(["-c", "command -v man"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let page = out.join("vpce-doctor-check.1");
        let text = succeeded(
            Command::new("man")
                .arg("-l")
                .arg(&page)
                .env("MANPAGER", "cat")
                .env("MANWIDTH", "200")
                .env("LC_ALL", "C"),
        );
        for flag in ["--provider-profile", "--from-snapshot", "--color"] {
            assert!(text.contains(flag), "{flag}: {text}");
        }
    } else {
        eprintln!("man(1) not installed: the rendering was checked with groff only");
    }

    // A directory that cannot be made is bad input, in one line.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    assert_bad_input(
        &["man", "--dir", file.join("sub").to_str().unwrap()],
        "cannot write the man pages into",
    );
}
