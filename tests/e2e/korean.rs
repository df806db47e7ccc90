//! `--lang ko` in a real terminal: the demo's scenarios, the help and a runbook in Korean at
//! 80×24 and 120×40, chosen by the locale alone, with every bordered pane still aligned
//! (Hangul takes two columns; a glyph cut at a border would shift the border after it).

use std::process::Command;
use std::time::Duration;

use unicode_width::UnicodeWidthChar;

use crate::tmux::Tmux;

fn hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// A line as (display column, character) pairs.
fn columns(line: &str) -> Vec<(usize, char)> {
    let mut col = 0;
    line.chars()
        .map(|c| {
            let at = col;
            col += c.width().unwrap_or(0);
            (at, c)
        })
        .collect()
}

/// Every pane drawn with a box: each row between a `┌…┐` line and its `└…┘` line has a
/// border at the box's left and right columns (until a box drawn over it covers them).
/// Returns what is misaligned.
fn misaligned(screen: &str) -> Vec<String> {
    let lines: Vec<Vec<(usize, char)>> = screen.lines().map(columns).collect();
    let at = |row: usize, col: usize| {
        lines[row]
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, ch)| *ch)
    };
    let mut problems = Vec::new();
    for (top, line) in lines.iter().enumerate() {
        for &(left, ch) in line {
            if ch != '┌' {
                continue;
            }
            let Some(&(right, _)) = line.iter().find(|(c, ch)| *c > left && *ch == '┐') else {
                problems.push(format!(
                    "row {top}: a box opened at column {left} never closes"
                ));
                continue;
            };
            let mut row = top + 1;
            loop {
                if row >= lines.len() {
                    problems.push(format!("the box at row {top}, column {left} has no bottom"));
                    break;
                }
                let (l, r) = (at(row, left), at(row, right));
                if l == Some('└') && r == Some('┘') {
                    break;
                }
                // Another box drawn over this one (the help overlay): its edge covers the
                // border from here down, which is the overlay's to judge.
                let covered = |c: Option<char>| matches!(c, Some('─' | '┌' | '┐' | '└' | '┘'));
                if covered(l) || covered(r) {
                    break;
                }
                if l != Some('│') || r != Some('│') {
                    problems.push(format!(
                        "row {row}: the box from row {top} expects borders at columns {left} and {right}, found {l:?} and {r:?}: {:?}",
                        lines[row].iter().map(|(_, c)| c).collect::<String>()
                    ));
                    break;
                }
                row += 1;
            }
        }
    }
    problems
}

/// The screen once it has stopped changing (a capture taken mid-frame is not judged).
fn settled(tmux: &Tmux, what: &str, ready: impl Fn(&str) -> bool) -> String {
    let mut last = tmux.wait_for(what, &ready);
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = tmux.screen();
        if now == last && ready(&now) {
            return now;
        }
        last = now;
    }
}

fn assert_korean_and_aligned(screen: &str, what: &str) {
    assert!(hangul(screen), "{what}: no Korean on screen:\n{screen}");
    let problems = misaligned(screen);
    assert!(
        problems.is_empty(),
        "{what}:\n{}\n{screen}",
        problems.join("\n")
    );
}

fn korean_env() -> String {
    // The locale alone chooses Korean: no --lang anywhere in these commands.
    format!(
        "env -u LC_ALL -u LC_MESSAGES LANG=ko_KR.UTF-8 NO_COLOR=1 {}",
        crate::harness::bin()
    )
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn every_demo_scenario_reads_korean_and_stays_aligned_at_both_sizes() {
    let listing = Command::new(crate::harness::bin())
        .args(["demo", "--list", "--lang", "en"])
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout).to_string();
    let scenarios: Vec<String> = listing
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| {
            w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .map(str::to_string)
        .collect();
    assert!(scenarios.len() >= 10, "{listing}");
    for (width, height) in SIZES {
        for name in &scenarios {
            let tmux = Tmux::new(&format!("ko-{name}-{width}"));
            tmux.start(&format!("{} demo {name}", korean_env()), width, height);
            let screen = settled(&tmux, "the diagnosis", |s| {
                hangul(s) && s.contains('┘') && s.lines().count() >= usize::from(height) - 1
            });
            assert_korean_and_aligned(&screen, &format!("{name} at {width}x{height}"));
            tmux.keys(&["q"]);
            tmux.wait_exited(Duration::from_secs(5));
        }
    }
}

#[test]
fn the_help_and_a_runbook_read_korean_and_stay_aligned() {
    let snap =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/sg-blocks-443.json");
    for (width, height) in SIZES {
        let tmux = Tmux::new(&format!("ko-help-{width}"));
        tmux.start(
            &format!("{} demo sg-blocks-443", korean_env()),
            width,
            height,
        );
        settled(&tmux, "the diagnosis", |s| hangul(s) && s.contains('┘'));
        tmux.keys(&["?"]);
        let help = settled(&tmux, "the help overlay", |s| {
            s.contains("?") && s.matches('┌').count() >= 1 && s.contains("Esc")
        });
        assert_korean_and_aligned(&help, &format!("help at {width}x{height}"));
        tmux.keys(&["q"]);
        drop(tmux);

        let tmux = Tmux::new(&format!("ko-runbook-{width}"));
        tmux.start(
            &format!(
                "{} runbook endpoint-unreachable vpce-0a1b2c3d4e5f60718 --from-snapshot {}",
                korean_env(),
                snap.display()
            ),
            width,
            height,
        );
        let first = settled(&tmux, "the runbook's first step", |s| {
            hangul(s) && s.contains("1/15")
        });
        assert_korean_and_aligned(&first, &format!("runbook step 1 at {width}x{height}"));
        tmux.keys(&["n"]);
        tmux.keys(&["n"]);
        let third = settled(&tmux, "the runbook's third step", |s| s.contains("3/15"));
        assert_korean_and_aligned(&third, &format!("runbook step 3 at {width}x{height}"));
        // The fix command stays the command, whatever the language.
        assert!(
            third.contains("authorize-security-group-ingress") || width == 80,
            "{third}"
        );
    }
}

#[test]
fn a_korean_report_keeps_ids_and_commands_and_json_names_its_language() {
    let snap =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/sg-blocks-443.json");
    let run = |args: &[&str]| {
        let out = Command::new(crate::harness::bin())
            .args(args)
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let snap = snap.to_str().unwrap();
    let text = run(&[
        "check",
        "vpce-0a1b2c3d4e5f60718",
        "--from-snapshot",
        snap,
        "--lang",
        "ko",
    ]);
    assert!(hangul(&text), "{text}");
    assert!(text.contains("endpoint.security_groups"), "{text}");
    assert!(
        text.contains("aws ec2 authorize-security-group-ingress"),
        "{text}"
    );
    let english = run(&["check", "vpce-0a1b2c3d4e5f60718", "--from-snapshot", snap]);
    assert!(!hangul(&english), "{english}");
    let json = run(&[
        "check",
        "vpce-0a1b2c3d4e5f60718",
        "--from-snapshot",
        snap,
        "--lang",
        "ko",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["lang"], "ko", "{json}");
    // Machines read the ids and the statuses: they stay English.
    let checks = v["checks"].as_array().expect("checks");
    assert!(
        checks
            .iter()
            .any(|c| c["id"] == "endpoint.security_groups" && c["status"] == "fail")
    );
}
