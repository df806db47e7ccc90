//! Report files from the real binary against moto: every format at once, the extension
//! choosing the format, redaction, and the HTML rendered by a real browser.

use std::process::Command;

use serde_json::json;

use crate::Case;
use crate::harness::assert_report_schema;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_format_in_one_run_redacted() {
    let case = Case::new(json!({"sg_ports": [22]}), |_, r| r).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let run = case
        .check(&[
            "--format",
            "json,markdown,html,junit,text",
            "--output-dir",
            out,
            "--redact",
        ])
        .await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "files only: {}", run.stdout);
    let ep = case.endpoint();
    let mut secrets = vec![case.s.consumer.clone(), case.s.provider.clone()];
    secrets.extend(case.s.eni_ips());
    secrets.push("10.10.0.0/16".into());
    for ext in ["json", "md", "html", "junit.xml", "txt"] {
        let path = dir.path().join(format!("vpce-doctor-{ep}.{ext}"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{ext} still shows {s}");
        }
        assert!(text.contains("endpoint.security_groups"), "{ext}");
    }
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(format!("vpce-doctor-{ep}.json"))).unwrap(),
    )
    .unwrap();
    assert_report_schema(&report);
    assert_eq!(report["redacted"], true);
    assert_eq!(report["context"]["consumer_account"], "ACCOUNT-1");
    assert!(
        report["command_line"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "--redact")
    );
    assert!(report["api_calls"]["total"].as_u64().unwrap() > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn output_file_extension_picks_the_format() {
    let case = Case::new(json!({}), |_, r| r).await;
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let run = case.check(&["--output", html.to_str().unwrap()]).await;
    // The harness asks for JSON on stdout by default; --output with --format json wins over the extension.
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ep = case.endpoint();
    let xml = dir.path().join("report.xml");
    let run = case
        .run(&["check", &ep, "--output", xml.to_str().unwrap()], &[])
        .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&xml).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(doc.descendants().any(|n| n.has_tag_name("testsuite")));
    let run = crate::harness::run_tool(
        &case.env,
        &[
            "check",
            &ep,
            "--region",
            "us-east-1",
            "--format",
            "json,html",
        ],
    )
    .await;
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--output-dir"), "{}", run.stderr);
    let run = crate::harness::run_tool(
        &case.env,
        &["check", &ep, "--region", "us-east-1", "--output", "x.pdf"],
    )
    .await;
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot tell the format"),
        "{}",
        run.stderr
    );
}

fn chromium() -> String {
    for candidate in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(candidate)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return candidate.to_string();
        }
    }
    panic!(
        "the HTML test needs headless Chromium (Debian package `chromium`; .ci/run installs it)"
    );
}

#[test]
fn html_report_with_hostile_values_renders_in_a_real_browser() {
    // A snapshot whose AWS strings carry markup and control characters.
    let original = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/sg-blocks-443.json"),
    )
    .unwrap();
    let evil = r#"<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">\u001b[2J"#;
    let hostile = original
        .replace("orders-api-endpoint", evil)
        .replace("\"payments\"", &format!("\"{evil}\""));
    assert_ne!(hostile, original);
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("hostile.json");
    std::fs::write(&snap, hostile).unwrap();
    let html = dir.path().join("report.html");
    let run = crate::harness::run_plain(
        &[
            "check",
            "vpce-0a1b2c3d4e5f60718",
            "--from-snapshot",
            snap.to_str().unwrap(),
            "--output",
            html.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        text.contains("&lt;script&gt;"),
        "the markup is shown as text"
    );
    assert!(!text.contains("<script") && !text.contains("<img"));

    let profile = dir.path().join("chromium-profile");
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("<title>vpce-doctor: vpce-0a1b2c3d4e5f60718</title>"),
        "nothing ran and rewrote the title: {dom}"
    );
    assert!(!dom.contains("pwned</title>"));
    assert!(dom.contains("endpoint.security_groups"));
    assert!(
        !dom.to_lowercase().contains("<script"),
        "no script element in the rendered page"
    );
    assert!(!dom.contains("<img"), "no injected image element");
}
