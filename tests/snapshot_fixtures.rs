//! Snapshots written by every released snapshot version keep replaying: each file under
//! `tests/fixtures/snapshots/v<N>/` was saved by the tool of its time (`--save-snapshot`) and
//! is never regenerated (a format change adds a migration and a new `v<N+1>/` directory).
//! Beside each are the verdicts today's rules give on it; they started as the verdicts the
//! recording run printed and change only with an intended change of judgement, in the same
//! commit (e.g. issue 13: posture advice, one root cause per problem), so any other
//! difference on replay is a regression.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshots");
    let mut found = Vec::new();
    for version in std::fs::read_dir(&root).expect("fixture directory") {
        let version = version.unwrap().path();
        for file in std::fs::read_dir(&version).unwrap() {
            let file = file.unwrap().path();
            let name = file.file_name().unwrap().to_str().unwrap().to_string();
            if let Some(stem) = name.strip_suffix(".snapshot.json") {
                let expected = version.join(format!("{stem}.expected.json"));
                assert!(
                    expected.exists(),
                    "{} has no verdicts beside it",
                    file.display()
                );
                found.push((file, expected));
            }
        }
    }
    found.sort();
    found
}

/// Each check's id and status (by id: the order of the report's list is not the verdict).
fn verdicts(report: &Value) -> Vec<(String, String)> {
    let mut verdicts: Vec<(String, String)> = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    verdicts.sort();
    verdicts
}

fn root_causes(report: &Value) -> Vec<String> {
    report["root_causes"]
        .as_array()
        .expect("root_causes")
        .iter()
        .map(|r| {
            r.as_str()
                .unwrap_or_else(|| r["id"].as_str().unwrap())
                .to_string()
        })
        .collect()
}

fn replay(snapshot: &Path, target: &str) -> (i32, Value, String) {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vpce-doctor"))
        .args(["check", target, "--from-snapshot"])
        .arg(snapshot)
        .args(["--format", "json"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("NO_COLOR", "1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_REGION", "us-east-1")
        // Nothing listens there: a replay that reached for the network would fail loudly.
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: no JSON report ({e}): {stderr}", snapshot.display()));
    (out.status.code().unwrap_or(-1), report, stderr)
}

#[test]
fn every_recorded_snapshot_replays_with_the_verdicts_it_was_recorded_with() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 6, "{fixtures:?}");
    for (snapshot, expected) in &fixtures {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(expected).unwrap()).unwrap();
        let target = expected["target"].as_str().expect("target");
        let (code, report, stderr) = replay(snapshot, target);
        let name = snapshot.display();
        assert_eq!(
            Some(code as i64),
            expected["exit_code"].as_i64(),
            "{name}: {stderr}"
        );
        assert_eq!(verdicts(&report), verdicts(&expected), "{name}");
        assert_eq!(root_causes(&report), root_causes(&expected), "{name}");
        assert_eq!(
            report["api_calls"]["total"], 0,
            "{name}: a replay calls nothing"
        );
    }
}
