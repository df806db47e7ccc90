//! The faces of issue 17 in a real terminal (tmux): a traffic check's sparklines in the
//! detail pane at 80×24 and 120×40, and watch mode seeing a fix land.

use std::time::Duration;

use crate::tmux::Tmux;

/// The bar glyphs of a sparkline (`▁` a zero, `▂`…`█` a datapoint).
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Open `vpce-doctor demo sg-blocks-443`, filter to the `traffic.` checks and read the first
/// one's detail pane, scrolling it until a series row shows. `None` when the catalog has no
/// `traffic.` check yet.
fn traffic_detail(width: u16, height: u16) -> Option<String> {
    let tmux = Tmux::new(&format!("traffic-{width}x{height}"));
    let command = format!(
        "env NO_COLOR=1 {} demo sg-blocks-443",
        crate::harness::bin()
    );
    tmux.start(&command, width, height);
    tmux.wait_for("the diagnosis", |s| {
        s.contains("ROOT CAUSE") && s.contains("done in")
    });
    tmux.keys(&["/"]);
    tmux.wait_for("the filter", |s| s.contains("Enter keep"));
    tmux.keys(&["-l", "traffic."]);
    let screen = tmux.wait_for("the filtered list", |s| s.contains("matching /traffic."));
    // A row is "▶✓ traffic.…" or " ✗ traffic.…": the title is the only other mention.
    let has_row = |s: &str| {
        s.lines()
            .any(|l| l.contains(" traffic.") && !l.contains("matching /traffic."))
            || s.contains("▶✓ traffic.")
            || s.contains("▶✗ traffic.")
            || s.contains("▶! traffic.")
            || s.contains("▶? traffic.")
    };
    if !tmux.try_wait(Duration::from_secs(3), has_row) {
        tmux.keys(&["q"]);
        panic!("no traffic. check in the filtered list; screen:\n{screen}");
    }
    tmux.keys(&["Enter"]);
    tmux.wait_for("the traffic check's detail", |s| s.contains("┌ traffic."));
    // Scroll each traffic check's detail pane to its series (a row with bars and its
    // numbers); a check without one (not applicable here) passes to the next.
    let series_row = |s: &str| {
        s.lines().any(|l| {
            (l.contains("total ") || l.contains("no data")) && l.chars().any(|c| BARS.contains(&c))
        })
    };
    'checks: for _ in 0..8 {
        tmux.keys(&["Tab"]);
        for _ in 0..30 {
            if tmux.try_wait(Duration::from_millis(300), series_row) {
                break 'checks;
            }
            tmux.keys(&["j"]);
        }
        // Back to the list, the next traffic check.
        tmux.keys(&["Tab"]);
        std::thread::sleep(Duration::from_millis(200));
        tmux.keys(&["j"]);
        std::thread::sleep(Duration::from_millis(300));
    }
    let screen = tmux.wait_for("a sparkline in the detail pane", series_row);
    tmux.keys(&["q"]);
    tmux.wait_exited(Duration::from_secs(10));
    Some(screen)
}

/// Sparkline glyphs in a traffic check's detail pane of the demo that carries metrics, in
/// both terminal sizes the TUI promises.

#[test]
fn traffic_sparklines_in_the_detail_pane_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = traffic_detail(w, h).expect("a traffic check with a series");
        // Every row of the capture fits the terminal: nothing wrapped mid-glyph.
        for line in screen.lines() {
            assert!(line.chars().count() <= w as usize, "{w}x{h}: {line:?}");
        }
        assert!(
            screen.contains(" UTC · ") && screen.contains("periods"),
            "{w}x{h}: the window is named\n{screen}"
        );
    }
}

/// The story: watching `endpoint.security_groups` as a root cause, a fix applied in
/// another terminal (the AWS CLI against moto) turns it green on the next cycle; the
/// selection follows it into the tree, its detail says "changed fail → pass at …", and the
/// header and the toast say what the cycle changed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_mode_follows_the_fixed_root_cause_and_says_what_changed() {
    let case = crate::Case::new(serde_json::json!({"sg_ports": [22]}), |_, r| r).await;
    let endpoint = case.endpoint();
    let tmux = Tmux::new("watchfix");
    let command = format!(
        "{} NO_COLOR=1 {} tui {endpoint} --profile consumer --provider-profile provider --dns-server {} --watch-interval 3",
        case.env.shell_env(),
        crate::harness::bin(),
        case.dns.addr
    );
    tmux.start(&command, 120, 40);
    tmux.wait_for("the root cause", |s| {
        s.contains("▶✗ endpoint.security_groups  ROOT CAUSE") && s.contains("done in")
    });
    tmux.press_until("w", "watch mode", || tmux.screen().contains("◉ watch 3s"));
    tmux.wait_for("a first quiet cycle", |s| s.contains("no change"));

    // The fix, from another terminal.
    let sg = case.s.str("security_group_id");
    let paste = crate::harness::Paste {
        shell: "bash",
        endpoint_url: &crate::harness::moto().url,
        aws_dir: case.env.dir.path(),
        timeout: 30,
        vars: &[],
        cwd: case.env.dir.path(),
    };
    let fix = format!(
        "aws ec2 authorize-security-group-ingress --group-id {sg} --protocol tcp --port 443 --cidr 10.10.0.0/16 --profile consumer"
    );
    let run = tokio::task::block_in_place(|| paste.run(&fix));
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);

    // The whole frame, not its first lines: a capture can land while the terminal is still
    // being written, the new header above the old tree.
    let screen = tmux.wait_for("the fix landing", |s| {
        s.contains("endpoint.security_groups fail → pass")
            && s.contains("changed fail → pass at")
            && s.contains("▶├─ ✓ endpoint.security_groups")
    });
    assert!(
        screen.contains("◉ watch 3s · last cycle") && screen.contains("0 root causes"),
        "{screen}"
    );
    // Still selected, now as its row in the tree, with its detail in view.
    assert!(
        screen.contains("▶├─ ✓ endpoint.security_groups"),
        "{screen}"
    );
    assert!(screen.contains("┌ endpoint.security_groups "), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exited(Duration::from_secs(10));
}
