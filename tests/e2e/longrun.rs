//! Long sessions: credentials that expire between two watch cycles (the view keeps the last
//! verdicts, marked stale, says what to run and resumes), and a bounded soak of the
//! headless watch (memory, file descriptors and API calls per cycle stay flat).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::Case;
use crate::tmux::Tmux;

/// The footer's count per status (`✓12 ✗0 …│`): the verdicts at a glance.
fn counts(screen: &str) -> String {
    let footer = screen
        .lines()
        .rev()
        .find(|l| l.contains('│'))
        .unwrap_or_default();
    footer
        .split('│')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_credentials_mid_watch_keep_the_verdicts_stale_and_resume() {
    let case = Case::new(json!({}), |_, r| r).await;
    let tmux = Tmux::new("expire");
    let command = format!(
        "{} {} tui {} --profile consumer --provider-profile provider --dns-server {} --watch-interval 1",
        case.env.shell_env(),
        crate::harness::bin(),
        case.endpoint(),
        case.dns.addr
    );
    tmux.start(&command, 150, 40);
    let first = tmux.wait_for("the first run", |s| s.contains("done in"));
    let verdicts = counts(&first);
    assert!(!verdicts.is_empty(), "{first}");
    tmux.press_until("w", "watch mode on", || {
        tmux.screen().contains("◉ watch 1s")
    });
    // One cycle passes with working credentials.
    let calls = case.interposer.actions().len();
    let interposer = &case.interposer;
    let sent = |n: usize| move || interposer.actions().len() > n;
    wait_until("a watch cycle", Duration::from_secs(15), sent(calls));
    tmux.wait_for("the cycle's end", |s| s.contains("done in"));

    case.interposer.expire(true);
    let stale = tmux.wait_for("the stale marker", |s| s.contains("stale since"));
    assert!(
        stale.contains("refresh the credentials of profile consumer"),
        "{stale}"
    );
    assert_eq!(counts(&stale), verdicts, "the verdicts stay as they were");
    assert!(!stale.contains("could not check"), "{stale}");
    // Still stale a cycle later, nothing lost.
    let calls = case.interposer.actions().len();
    wait_until(
        "a cycle on expired credentials",
        Duration::from_secs(15),
        sent(calls),
    );
    std::thread::sleep(Duration::from_millis(1500));
    let still = tmux.screen();
    assert!(still.contains("stale since"), "{still}");
    assert_eq!(counts(&still), verdicts);

    case.interposer.expire(false);
    let resumed = tmux.wait_for("the marker gone", |s| {
        !s.contains("stale since") && s.contains("done in")
    });
    assert_eq!(counts(&resumed), verdicts, "{resumed}");
    assert!(resumed.contains("◉ watch 1s"), "{resumed}");
    tmux.keys(&["q"]);
    tmux.wait_exited(Duration::from_secs(5));
}

fn wait_until(what: &str, within: Duration, done: impl Fn() -> bool) {
    let deadline = Instant::now() + within;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_headless_watch_marks_an_expired_cycle_stale_and_resumes() {
    let case = Case::new(json!({}), |_, r| r).await;
    let mut child = watch(&case)
        .args(["--watch-interval", "0.3", "--cycles", "6"])
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    for n in 1..=6 {
        let line = lines.next().expect("a line per cycle").unwrap();
        // Expire after the second cycle, restore after the fourth.
        match n {
            2 => case.interposer.expire(true),
            4 => case.interposer.expire(false),
            _ => {}
        }
        seen.push(line);
    }
    let status = child.wait().unwrap();
    let all = seen.join("\n");
    assert!(seen[1].contains("0 changes"), "{all}");
    for line in &seen[2..4] {
        assert!(line.contains("stale since"), "{all}");
        assert!(
            line.contains("refresh the credentials of profile consumer"),
            "{all}"
        );
    }
    assert!(
        seen[4].contains("0 changes") && !seen[4].contains("stale"),
        "{all}"
    );
    assert_eq!(status.code(), Some(0), "{all}");
}

/// `check ENDPOINT --watch` with the case's profiles and DNS server, in its loopback-only
/// AWS environment, the output piped.
fn watch(case: &Case) -> Command {
    let mut cmd = Command::new(crate::harness::bin());
    cmd.args(["check", &case.endpoint(), "--watch"])
        .args(["--profile", "consumer", "--provider-profile", "provider"])
        .args(["--dns-server", &case.dns.addr.to_string()]);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", case.env.dir.path())
        .env("AWS_CONFIG_FILE", case.env.path("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", case.env.path("credentials"))
        .env("AWS_ENDPOINT_URL", &case.env.endpoint_url)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    cmd
}

/// (VmRSS in KiB, open file descriptors) of a running process.
fn footprint(pid: u32) -> (u64, usize) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .expect("VmRSS");
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .count();
    (rss, fds)
}

/// The API calls a cycle's line reports.
fn calls_of(line: &str) -> u64 {
    line.split("; ")
        .find_map(|p| p.strip_suffix(" API calls"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no API call count in {line:?}"))
}

/// Several hundred back-to-back cycles against moto's answers: memory and file descriptors measured
/// early and at the end (not on a timer), and every cycle makes the same number of calls.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_watch_stays_flat_in_memory_descriptors_and_calls() {
    const CYCLES: usize = 250;
    const EARLY: usize = 30;
    // moto answers each request once; later cycles get its recorded answers.
    let case = Case::new(json!({}), |_, r| r.replay_answers()).await;
    let started = Instant::now();
    let cycles = CYCLES.to_string();
    let mut child = watch(&case)
        .args(["--watch-interval", "0", "--cycles", &cycles])
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut early, mut late) = ((0, 0), (0, 0));
    let mut calls = Vec::new();
    for n in 1..=CYCLES {
        let line = lines.next().expect("a line per cycle").unwrap();
        assert!(!line.contains("stale"), "cycle {n}: {line}");
        calls.push(calls_of(&line));
        // The process is between cycles or in the next one: either way alive.
        if n == EARLY {
            early = footprint(pid);
        }
        if n == CYCLES - 1 {
            late = footprint(pid);
        }
    }
    let status = child.wait().unwrap();
    let took = started.elapsed();
    eprintln!(
        "soak: {CYCLES} cycles in {:.1}s; {} API calls per cycle; VmRSS {} KiB at cycle {EARLY}, {} KiB at cycle {}; fds {} and {}",
        took.as_secs_f64(),
        calls[1],
        early.0,
        late.0,
        CYCLES - 1,
        early.1,
        late.1
    );
    assert_eq!(status.code(), Some(0));
    // The first cycle reuses the credentials check's answer; every later one asks anew.
    assert!(
        calls[1..].iter().all(|c| *c == calls[1]),
        "calls per cycle differ: {calls:?}"
    );
    assert!(calls[1] > 10, "{calls:?}");
    // Flat: at most 10% (and 8 MiB) more memory, at most 4 more descriptors than early on.
    assert!(
        late.0 <= early.0 + (early.0 / 10).max(8 * 1024),
        "VmRSS grew from {} KiB to {} KiB over {} cycles",
        early.0,
        late.0,
        CYCLES - EARLY
    );
    assert!(
        late.1 <= early.1 + 4,
        "open descriptors grew from {} to {}",
        early.1,
        late.1
    );
}
