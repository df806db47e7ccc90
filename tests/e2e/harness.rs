//! The test harness: a pinned moto server installed and started on first use, scenarios
//! built through the real AWS API, and the real binary run against them. Loopback only.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const MOTO_VERSION: &str = "5.2.5";
pub const REGION: &str = "us-east-1";

/// Make sure a command from a Debian package is there, installing the package when it is
/// not (the machines this project runs on are Debian, and tests run as root there), so
/// `cargo test` needs no manual step.
pub fn ensure_command(command: &str, package: &str) -> String {
    static APT: Mutex<bool> = Mutex::new(false);
    let found = |c: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {c}"))
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if found(command) {
        return command.to_string();
    }
    let mut updated = APT.lock().unwrap_or_else(|e| e.into_inner());
    if !found(command) {
        if !*updated {
            let _ = Command::new("apt-get").args(["update", "-qq"]).status();
            *updated = true;
        }
        let status = Command::new("apt-get")
            .args(["install", "-y", "-qq", package])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status();
        assert!(
            status.is_ok_and(|s| s.success()) && found(command),
            "this test needs `{command}` (Debian package {package}); installing it failed: run `apt-get install {package}`"
        );
    }
    command.to_string()
}

pub struct Moto {
    pub url: String,
    pub python: PathBuf,
    // Held open for the life of the test process: moto exits when this pipe closes.
    _stdin: Mutex<ChildStdin>,
    _child: Mutex<Child>,
}

static MOTO: OnceLock<Moto> = OnceLock::new();

pub fn moto() -> &'static Moto {
    MOTO.get_or_init(start_moto)
}

fn venv_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("moto-{MOTO_VERSION}"))
}

/// Install moto into a venv under target/ once; later runs reuse it.
fn ensure_moto() -> PathBuf {
    let dir = venv_dir();
    let python = dir.join("bin").join("python");
    if dir.join(".installed").exists() {
        return python;
    }
    let partial = dir.with_extension(format!("partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&partial);
    let base = std::env::var("VPCE_DOCTOR_PYTHON").unwrap_or_else(|_| "python3".into());
    let status = Command::new(&base)
        .args(["-m", "venv"])
        .arg(&partial)
        .status()
        .unwrap_or_else(|e| {
            panic!("cannot run {base} -m venv (python3 is needed for the tests): {e}")
        });
    assert!(status.success(), "python3 -m venv failed");
    let status = Command::new(partial.join("bin").join("python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg(format!("moto[server]=={MOTO_VERSION}"))
        .status()
        .expect("pip runs");
    assert!(
        status.success(),
        "pip install moto[server]=={MOTO_VERSION} failed"
    );
    std::fs::write(partial.join(".installed"), MOTO_VERSION).unwrap();
    // Another test process may have won the race; either copy is complete.
    if std::fs::rename(&partial, &dir).is_err() {
        let _ = std::fs::remove_dir_all(&partial);
    }
    python
}

const LAUNCHER: &str = r#"
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=int(sys.argv[1]), verbose=False)
server.start()
print("ready", flush=True)
sys.stdin.read()
server.stop()
"#;

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_moto() -> Moto {
    let python = ensure_moto();
    let port = free_port();
    let log =
        std::fs::File::create(Path::new(env!("CARGO_TARGET_TMPDIR")).join("moto.log")).unwrap();
    let mut child = Command::new(&python)
        .args(["-c", LAUNCHER, &port.to_string()])
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .expect("moto starts");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    assert_eq!(
        line.trim(),
        "ready",
        "moto did not start (see target/tmp/moto.log)"
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "moto did not listen on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let stdin = child.stdin.take().unwrap();
    Moto {
        url: format!("http://127.0.0.1:{port}"),
        python,
        _stdin: Mutex::new(stdin),
        _child: Mutex::new(child),
    }
}

/// Two fresh 12-digit account ids: moto keeps accounts apart, so tests never collide.
pub fn fresh_accounts() -> (String, String) {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let pid = std::process::id() as u64 % 10_000;
    (
        format!("{pid:04}{:08}", n * 2),
        format!("{pid:04}{:08}", n * 2 + 1),
    )
}

pub struct Scenario {
    pub out: Value,
    pub consumer: String,
    pub provider: String,
}

impl Scenario {
    pub fn str(&self, key: &str) -> String {
        self.out[key]
            .as_str()
            .unwrap_or_else(|| panic!("scenario has no {key}"))
            .to_string()
    }
    pub fn endpoint_id(&self) -> String {
        self.str("endpoint_id")
    }
    pub fn eni_ips(&self) -> Vec<String> {
        self.out["eni_ips"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    }
    pub fn dns_names(&self) -> Vec<String> {
        self.out["dns_names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    }
}

/// Build a scenario in moto with boto3 (tests/e2e/scenario.py); `spec` adds to the defaults.
pub fn scenario(spec: Value) -> Scenario {
    let moto = moto();
    let (consumer, provider) = fresh_accounts();
    let mut full = serde_json::json!({
        "endpoint_url": moto.url, "region": REGION, "consumer": consumer, "provider": provider,
    });
    for (k, v) in spec.as_object().unwrap() {
        full[k] = v.clone();
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/scenario.py");
    let output = Command::new(&moto.python)
        .arg(script)
        .arg(full.to_string())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "scenario failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Scenario {
        out: serde_json::from_slice(&output.stdout).unwrap(),
        consumer,
        provider,
    }
}

/// A private AWS configuration (profiles `consumer` and `provider`) for one tool run.
pub struct ToolEnv {
    pub dir: tempfile::TempDir,
    pub endpoint_url: String,
}

impl ToolEnv {
    pub fn new(s: &Scenario, endpoint_url: &str) -> ToolEnv {
        let dir = tempfile::tempdir().unwrap();
        let mut creds = String::new();
        let mut config = String::new();
        for (profile, key) in [
            ("consumer", "consumer_credentials"),
            ("provider", "provider_credentials"),
        ] {
            if let Some(c) = s.out.get(key) {
                creds.push_str(&format!(
                    "[{profile}]\naws_access_key_id={}\naws_secret_access_key={}\naws_session_token={}\n",
                    c["access_key_id"].as_str().unwrap(),
                    c["secret_access_key"].as_str().unwrap(),
                    c["session_token"].as_str().unwrap()
                ));
                config.push_str(&format!("[profile {profile}]\nregion={REGION}\n"));
            }
        }
        std::fs::write(dir.path().join("credentials"), creds).unwrap();
        std::fs::write(dir.path().join("config"), config).unwrap();
        ToolEnv {
            dir,
            endpoint_url: endpoint_url.to_string(),
        }
    }

    pub fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().to_string()
    }

    /// The environment `run_tool` gives the binary, as an `env -i …` prefix for a shell
    /// command (a terminal session in tmux).
    pub fn shell_env(&self) -> String {
        format!(
            "env -i PATH=/usr/bin:/bin HOME={} NO_COLOR=1 AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE={} AWS_SHARED_CREDENTIALS_FILE={} AWS_ENDPOINT_URL={}",
            self.dir.path().display(),
            self.path("config"),
            self.path("credentials"),
            self.endpoint_url
        )
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Every JSON report the suite sees is held to the published schema.
pub fn assert_report_schema(report: &Value) {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_str(vpce_doctor::report::JSON_SCHEMA).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    });
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "report breaks assets/report.schema.json: {errors:?}"
    );
}

impl Run {
    pub fn json(&self) -> Value {
        let v: Value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr));
        if v["kind"] == "fleet" {
            // A fleet report holds one full report per endpoint: each keeps the schema.
            for e in v["endpoints"].as_array().unwrap() {
                assert_report_schema(&e["report"]);
            }
        } else if v.get("schema_version").is_some() {
            assert_report_schema(&v);
        }
        v
    }
    pub fn check(&self, id: &str) -> Value {
        self.json()["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no check {id}"))
    }
    pub fn status(&self, id: &str) -> String {
        self.check(id)["status"].as_str().unwrap().to_string()
    }
    pub fn root_causes(&self) -> Vec<String> {
        self.json()["root_causes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    }
    /// Every remediation command of a check, joined, for asserting on the filled-in ids.
    pub fn commands(&self, id: &str) -> String {
        self.check(id)["remediation"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["command"].as_str().map(str::to_string))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_vpce-doctor")
}

/// Run the real binary with a clean, loopback-only AWS environment.
pub async fn run_tool(env: &ToolEnv, args: &[&str]) -> Run {
    let out = tokio::process::Command::new(bin())
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("AWS_CONFIG_FILE", env.path("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", env.path("credentials"))
        .env("AWS_ENDPOINT_URL", &env.endpoint_url)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1")
        .output()
        .await
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}

/// Run the binary with no AWS set-up at all (argument errors, catalog, replays).
pub fn run_plain(args: &[&str], extra_env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}
