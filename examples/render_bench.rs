//! Measures the render time of one frame of the diagnosis view for a 30-check graph.
//! Run: `cargo run --release --example render_bench`

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vpce_doctor::engine::EngineEvent;
use vpce_doctor::engine::catalog::Catalog;
use vpce_doctor::engine::outcome::{Account, Evidence, Remediation, Status};
use vpce_doctor::engine::state::{CheckResult, RunContextInfo};
use vpce_doctor::tui::state::{App, Diagnosis};
use vpce_doctor::tui::view;

fn main() {
    // 30 checks in a tree four levels deep, each with evidence and a fix.
    let mut toml = String::new();
    for i in 0..30 {
        let needs = if i == 0 {
            String::new()
        } else {
            format!("\"check.{}\"", (i - 1) / 2)
        };
        toml.push_str(&format!(
            "[[check]]\nid = \"check.{i}\"\ntitle = \"Check number {i}\"\naccount = \"consumer\"\nneeds = [{needs}]\ndocs = \"https://example.com/{i}\"\nexplanation = \"\"\"What check {i} verifies, in a couple of sentences of explanation text that will wrap in the detail pane.\"\"\"\n\n"
        ));
    }
    let catalog =
        Arc::new(Catalog::from_sources([("bench.toml".to_string(), toml)]).expect("catalog"));
    let mut d = Diagnosis::new(
        catalog.clone(),
        RunContextInfo {
            target: "vpce-0123456789abcdef0".into(),
            region: "us-east-1".into(),
            ..Default::default()
        },
    );
    let now = Instant::now();
    for (i, c) in catalog.checks().iter().enumerate() {
        let status = [
            Status::Pass,
            Status::Fail,
            Status::Blocked,
            Status::Warn,
            Status::Unknown,
        ][i % 5];
        let result = CheckResult {
            status,
            summary: format!("summary of {} with some detail about what was seen", c.id),
            evidence: vec![
                Evidence::Field { name: "State".into(), value: "available".into() },
                Evidence::Table {
                    title: "rules".into(),
                    columns: vec!["group".into(), "protocol".into(), "ports".into(), "source".into()],
                    rows: (0..6).map(|r| vec![format!("sg-0{r}b7e6d5c4f3a2b190"), "tcp".into(), "443".into(), "10.40.0.0/16".into()]).collect(),
                },
            ],
            remediation: vec![Remediation { text: "Do the thing.".into(), command: Some("aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 443 --cidr 10.0.0.0/16".into()), account: Account::Consumer }],
            blocked_by: vec![],
            consequence_of: vec![],
            overruled_by: vec![],
            duration_ms: 12,
            reproduce: Some("aws ec2 describe-security-groups --group-ids sg-1".into()),
        };
        d.apply(
            &EngineEvent::Finished {
                id: c.id.clone(),
                result,
            },
            now,
            "03:14:07",
        );
    }
    let mut app = App::new(true, Duration::from_secs(10));
    app.open_diagnosis(d);
    app.diagnosis.as_mut().unwrap().selected = 3;
    for (w, h) in [(80u16, 24u16), (120, 40), (200, 60)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        for _ in 0..50 {
            terminal
                .draw(|f| view::draw(f, &mut app, Instant::now()))
                .unwrap();
        }
        let frames = 500;
        let t = Instant::now();
        for _ in 0..frames {
            terminal
                .draw(|f| view::draw(f, &mut app, Instant::now()))
                .unwrap();
        }
        let per = t.elapsed() / frames;
        println!(
            "{w}x{h}: {:.3} ms per frame (30 checks, {frames} frames)",
            per.as_secs_f64() * 1000.0
        );
    }
}
