//! The real binary in a real terminal (tmux): open the demo, navigate, open help, export,
//! quit — and the terminal is given back.

use std::time::{Duration, Instant};

use crate::tmux::Tmux;

#[test]
fn hung_aws_api_shows_spinners_and_q_quits_at_once() {
    // An "AWS endpoint" that accepts connections and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming().flatten() {
            held.push(conn);
        }
    });
    let silent_dns = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let tmux = Tmux::new("hung");
    let command = format!(
        "env -i PATH=/usr/bin:/bin HOME=/nonexistent NO_COLOR=1 AWS_EC2_METADATA_DISABLED=true AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_ENDPOINT_URL=http://{addr} {} tui vpce-0123456789abcdef0 --region us-east-1 --dns-server {}",
        crate::harness::bin(),
        silent_dns.local_addr().unwrap()
    );
    tmux.start(&command, 100, 30);
    let screen = tmux.wait_for("the first frame", |s| s.contains("running"));
    assert!(screen.contains("vpce-0123456789abcdef0"), "{screen}");
    std::thread::sleep(Duration::from_millis(500));
    tmux.keys(&["q"]);
    let took = tmux.wait_exited(Duration::from_secs(3));
    assert!(took < Duration::from_secs(3));
}

#[test]
fn demo_in_a_real_terminal_navigates_helps_exports_and_quits() {
    let dir = tempfile::tempdir().unwrap();
    let dir_s = dir.path().to_str().unwrap().to_string();
    let tmux = Tmux::new("demo");
    let command = format!(
        "env NO_COLOR=1 {} demo pending-acceptance --export-dir {dir_s}",
        crate::harness::bin()
    );
    tmux.start(&command, 120, 34);

    let screen = tmux.wait_for("the diagnosis", |s| {
        s.contains("1 root cause ") && s.contains("Verdict")
    });
    assert!(screen.contains("▶✗ endpoint.state  ROOT CAUSE"), "{screen}");
    assert!(
        screen.contains("accept-vpc-endpoint-connections"),
        "{screen}"
    );

    tmux.keys(&["j"]);
    // One root cause (service.connection is its consequence): j moves into the tree.
    tmux.wait_for("the first tree row selected", |s| {
        s.contains("┌ endpoint.found")
    });

    tmux.keys(&["?"]);
    let help = tmux.wait_for("the help overlay", |s| {
        s.contains("┌ Help") && s.contains("? or Esc closes this help")
    });
    assert!(
        help.contains("rerun the selected check and what depends on it"),
        "{help}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help to close", |s| !s.contains("┌ Help"));

    let exported = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect::<Vec<String>>()
    };
    // The files are the evidence of the export (the toast lasts 4 s, which a loaded machine's
    // polling can miss).
    tmux.press_until("e", "the export", || {
        // All formats are written one after another: let the last one finish.
        std::thread::sleep(Duration::from_millis(300));
        let files = exported();
        files.iter().any(|f| f.ends_with(".json")) && files.iter().any(|f| f.ends_with(".md"))
    });
    let files = exported();
    assert!(files.iter().any(|f| f.ends_with(".json")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with(".md")), "{files:?}");
    let json = files.iter().find(|f| f.ends_with(".json")).unwrap();
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(json)).unwrap()).unwrap();
    assert_eq!(report["root_causes"][0]["id"], "endpoint.state");

    tmux.keys(&["q"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let state = tmux.run(&[
            "display-message",
            "-p",
            "-t",
            "demo",
            "#{pane_dead} #{alternate_on}",
        ]);
        if state.trim() == "1 0" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the program did not exit and restore the screen: {state:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn runbook_in_a_real_terminal_walks_rechecks_and_exports_the_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let dir_s = dir.path().to_str().unwrap().to_string();
    let snap =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/sg-blocks-443.json");
    let tmux = Tmux::new("runbook");
    let command = format!(
        "env NO_COLOR=1 {} runbook endpoint-unreachable vpce-0a1b2c3d4e5f60718 --from-snapshot {} --export-dir {dir_s}",
        crate::harness::bin(),
        snap.display()
    );
    // 50 rows: the security-groups step shows two checks (the endpoint's groups and the
    // client's egress), and the transcript's re-checked line must stay on screen.
    tmux.start(&command, 120, 50);
    tmux.wait_for("step 1", |s| {
        s.contains("step 1/15") && s.contains("Verdict")
    });
    tmux.keys(&["n"]);
    tmux.wait_for("step 2", |s| s.contains("step 2/15") && s.contains("▶✓ 2."));
    tmux.keys(&["n"]);
    // Waiting for the whole step (not its first line) so a frame caught mid-draw is not judged.
    tmux.wait_for("step 3 with its fix", |s| {
        s.contains("step 3/15")
            && s.contains("▶✗ 3.")
            && s.contains("authorize-security-group-ingress")
    });
    tmux.keys(&["r"]);
    // The toast says the key was taken; under a heavily loaded test run a key sent to tmux
    // has been seen to go missing, so send it once more if the toast never showed.
    if !tmux.try_wait(Duration::from_secs(5), |s| {
        s.contains("re-checking") || s.contains("re-checked")
    }) {
        tmux.keys(&["r"]);
    }
    tmux.wait_for("the re-check", |s| s.contains("re-checked"));
    tmux.keys(&["e"]);
    tmux.wait_for("the export", |s| s.contains("exported"));
    let md = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a Markdown transcript");
    let text = std::fs::read_to_string(md).unwrap();
    assert!(
        text.contains("| security-groups | checked | ✗ fail |"),
        "{text}"
    );
    assert!(
        text.contains("| security-groups | re-checked | ✗ fail |"),
        "{text}"
    );
    tmux.keys(&["q"]);
    tmux.wait_exited(Duration::from_secs(10));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_picker_fills_in_verdicts_and_enter_opens_the_diagnosis() {
    let case = crate::Case::new(serde_json::json!({"sg_ports": [22]}), |_, r| r).await;
    let tmux = Tmux::new("picker");
    let command = format!(
        "{} {} tui --profile consumer --provider-profile provider --dns-server {}",
        case.env.shell_env(),
        crate::harness::bin(),
        case.dns.addr
    );
    tmux.start(&command, 160, 30);
    let endpoint = case.endpoint();
    // The row appears with its state first; the verdict column fills in when its
    // diagnosis (run in the background, batched like `scan`) finishes.
    let screen = tmux.wait_for("the verdict", |s| {
        s.contains(&endpoint) && s.contains("✗ FAIL") && s.contains("endpoint.security_groups")
    });
    assert!(
        screen.contains("VERDICT") && screen.contains("ROOT CAUSE"),
        "{screen}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("the diagnosis", |s| {
        s.contains("ROOT CAUSE") && s.contains("Verdict")
    });
    tmux.keys(&["q"]);
    tmux.wait_exited(Duration::from_secs(10));
    case.assert_read_only();
}

/// The path view in a real terminal at the smallest supported size: `v` switches to it on
/// the broken zone, the arrows walk the hops, Enter goes to the check that judges the hop,
/// and `v` comes back.
#[test]
fn path_view_in_a_real_terminal_switches_views_and_selects_a_hop() {
    let tmux = Tmux::new("path");
    let command = format!(
        "env NO_COLOR=1 {} demo unhealthy-targets-az",
        crate::harness::bin()
    );
    tmux.start(&command, 80, 24);
    tmux.wait_for("the diagnosis", |s| s.contains("1 root cause "));

    tmux.keys(&["v"]);
    let path = tmux.wait_for("the path view", |s| s.contains("┌ path "));
    // Zones by AZ ID; the broken one's targets selected, and its reason in the detail.
    assert!(
        path.contains("use1-az4") && path.contains("use1-az6"),
        "{path}"
    );
    assert!(path.contains("✗ 0/4 healthy"), "{path}");
    assert!(path.contains("┌ targets "), "{path}");
    assert!(path.contains("Zone use1-az6"), "{path}");

    // Left twice: the load balancer node of the same zone.
    tmux.keys(&["Left", "Left"]);
    let node = tmux.wait_for("the load balancer hop", |s| {
        s.contains("┌ load balancer node ")
    });
    assert!(node.contains("orders-api-nlb"), "{node}");
    // Up: the healthy zone's interface row; Right walks back to its targets, all healthy.
    tmux.keys(&["Up", "Right", "Right"]);
    let healthy = tmux.wait_for("the healthy zone's targets", |s| {
        s.contains("┌ targets ") && s.contains("│✓ 4/4 healthy")
    });
    assert!(!healthy.contains("Zone use1-az6"), "{healthy}");

    // Down to the broken zone, Enter: the check tree on the check that judges that hop.
    tmux.keys(&["Down", "Enter"]);
    let tree = tmux.wait_for("the checks of the hop", |s| {
        s.contains("▶✗ nlb.zonal_health") && !s.contains("┌ path ")
    });
    assert!(tree.contains("┌ nlb.zonal_health"), "{tree}");

    tmux.keys(&["v"]);
    tmux.wait_for("the path again", |s| s.contains("┌ path "));
    tmux.keys(&["v"]);
    tmux.wait_for("the tree again", |s| {
        !s.contains("┌ path ") && s.contains("root cause")
    });
    tmux.keys(&["q"]);
    tmux.wait_exited(Duration::from_secs(10));
}
