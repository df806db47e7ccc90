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
    let found = |c: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {c}"))
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !found(command) {
        install_package(package, || found(command));
        assert!(
            found(command),
            "this test needs `{command}` (Debian package {package}); installing it failed: run `apt-get install {package}`"
        );
    }
    command.to_string()
}

/// `apt-get install package` unless `present` says it is there (checked again under the
/// lock: another test may have installed it meanwhile). Other processes' apt runs are waited
/// for rather than failed on.
fn install_package(package: &str, present: impl Fn() -> bool) {
    static APT: Mutex<bool> = Mutex::new(false);
    let mut updated = APT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if present() {
        return;
    }
    let wait = "DPkg::Lock::Timeout=300";
    if !*updated {
        let _ = Command::new("apt-get")
            .args(["-o", wait, "update", "-qq"])
            .status();
        *updated = true;
    }
    let _ = Command::new("apt-get")
        .args(["-o", wait, "install", "-y", "-qq", package])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status();
}

/// Debian's AWS CLI v2 (package `awscli`, 2.9.19 in bookworm). Looked for by path: a v1
/// `aws` (pip, pyenv) earlier on PATH parses some arguments differently.
pub fn aws_cli_v2() -> &'static Path {
    static AWS: OnceLock<PathBuf> = OnceLock::new();
    AWS.get_or_init(|| {
        let bin = PathBuf::from("/usr/bin/aws");
        let is_v2 = || {
            Command::new(&bin)
                .arg("--version")
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).starts_with("aws-cli/2."))
        };
        if !is_v2() {
            install_package("awscli", is_v2);
        }
        assert!(
            is_v2(),
            "the fix-command tests need the AWS CLI v2 at /usr/bin/aws (Debian package awscli): run `apt-get install awscli`"
        );
        bin
    })
}

/// A directory to put first on PATH so `aws` in a pasted command is the CLI v2 talking to
/// `$AWS_ENDPOINT_URL`: the CLI 2.9 reads no endpoint from the environment (2.13 does), so
/// this `aws` passes it as `--endpoint-url`; every other argument reaches the CLI as the
/// shell expanded it.
fn aws_shim_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let cli = aws_cli_v2();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("aws-v2-shim");
        std::fs::create_dir_all(&dir).unwrap();
        let script = format!(
            "#!/bin/sh\nexec {} --endpoint-url \"$AWS_ENDPOINT_URL\" --cli-connect-timeout \"$CLI_TIMEOUT\" --cli-read-timeout \"$CLI_TIMEOUT\" \"$@\"\n",
            cli.display()
        );
        write_executable(&dir.join("aws"), &script);
        dir
    })
}

/// A directory whose `aws` (and `dig`, `nc`, `nslookup`) only record the arguments they
/// were given (program first, NUL-separated, one invocation a line in `$ARGV_LOG`) and
/// print a stand-in id: two shells given the same command must hand over the same arguments.
fn argv_shim_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("argv-shim");
        std::fs::create_dir_all(&dir).unwrap();
        for program in ["aws", "dig", "nc", "nslookup"] {
            write_executable(
                &dir.join(program),
                &format!(
                    "#!/bin/sh\n{{ printf '%s\\0' {program}; for a in \"$@\"; do printf '%s\\0' \"$a\"; done; echo; }} >> \"$ARGV_LOG\"\necho stand-in-0123456789abcdef0\n"
                ),
            );
        }
        dir
    })
}

fn write_executable(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    // Written beside and renamed: several test threads may create the same shim at once.
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&tmp, text).unwrap();
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// How a pasted command is run: the shell, where `aws` goes, and its environment.
pub struct Paste<'a> {
    /// `bash` or `zsh`.
    pub shell: &'a str,
    pub endpoint_url: &'a str,
    /// The directory holding `config` and `credentials` (profiles `consumer`, `provider`).
    pub aws_dir: &'a Path,
    /// Seconds for the CLI's connect and read timeouts.
    pub timeout: u32,
    /// Shell variables the fix text asks the user to set, and the like.
    pub vars: &'a [(&'a str, &'a str)],
    pub cwd: &'a Path,
}

impl Paste<'_> {
    fn env(&self, cmd: &mut Command, shim: &Path) {
        cmd.current_dir(self.cwd)
            .env_clear()
            .env("PATH", format!("{}:/usr/bin:/bin", shim.display()))
            .env("HOME", self.aws_dir)
            .env("AWS_CONFIG_FILE", self.aws_dir.join("config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                self.aws_dir.join("credentials"),
            )
            .env("AWS_ENDPOINT_URL", self.endpoint_url)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("AWS_RETRY_MODE", "standard")
            .env("AWS_PAGER", "")
            .env("CLI_TIMEOUT", self.timeout.to_string())
            // Anything not sent to the endpoint URL meets a proxy that refuses: nothing
            // leaves the machine even if a command escaped the shim.
            .env("HTTPS_PROXY", "http://127.0.0.1:9")
            .env("HTTP_PROXY", "http://127.0.0.1:9")
            .env("NO_PROXY", "127.0.0.1,localhost")
            .stdin(Stdio::null());
        for (k, v) in self.vars {
            cmd.env(k, v);
        }
    }

    /// Run `command` as pasted into this shell, `aws` being the CLI v2.
    pub fn run(&self, command: &str) -> Run {
        let mut cmd = Command::new(self.shell);
        cmd.arg("-c").arg(command);
        self.env(&mut cmd, aws_shim_dir());
        let out = cmd.output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).to_string(),
            stderr: String::from_utf8_lossy(&out.stderr).to_string(),
        }
    }

    /// Run the CLI v2 once for each argument list, no shell in between: `/usr/bin/aws` is
    /// `awscli.clidriver.main()`, run here in a fork of one process that has loaded the CLI
    /// (a driver keeps state from the arguments it parsed, so each call gets a pristine
    /// one) without a second of interpreter start-up each.
    pub fn aws_batch(&self, calls: &[Vec<String>]) -> Vec<Run> {
        const BATCH: &str = r#"
import contextlib, io, json, os, sys
import awscli.clidriver
t = os.environ["CLI_TIMEOUT"]
driver = awscli.clidriver.create_clidriver()
out = []
for args in json.load(sys.stdin):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        err, so = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(so):
            try:
                code = driver.main(
                    ["--endpoint-url", os.environ["AWS_ENDPOINT_URL"], "--cli-connect-timeout", t,
                     "--cli-read-timeout", t] + args)
            except SystemExit as e:
                code = e.code
        with os.fdopen(w, "w") as f:
            json.dump({"code": code, "stdout": so.getvalue(), "stderr": err.getvalue()}, f)
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as f:
        data = f.read()
    os.waitpid(pid, 0)
    out.append(json.loads(data) if data else {"code": -1, "stdout": "", "stderr": "the CLI died"})
json.dump(out, sys.__stdout__)
"#;
        aws_cli_v2();
        let mut cmd = Command::new("/usr/bin/python3");
        cmd.arg("-c").arg(BATCH);
        self.env(&mut cmd, aws_shim_dir());
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let input = serde_json::to_vec(calls).unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            use std::io::Write;
            stdin.write_all(&input).unwrap();
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        let results: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "the CLI batch failed ({e}): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        results
            .iter()
            .map(|r| Run {
                code: r["code"].as_i64().unwrap_or(-1) as i32,
                stdout: r["stdout"].as_str().unwrap_or_default().to_string(),
                stderr: r["stderr"].as_str().unwrap_or_default().to_string(),
            })
            .collect()
    }

    /// The programs `command` runs in this shell, each with the arguments it would be given
    /// (`["aws", "ec2", …]`), or the shell's error (a zsh glob that matches nothing, say).
    pub fn argv(&self, command: &str) -> Result<Vec<Vec<String>>, String> {
        let log = tempfile::NamedTempFile::new().unwrap();
        let mut cmd = Command::new(self.shell);
        cmd.arg("-c").arg(command);
        self.env(&mut cmd, argv_shim_dir());
        let out = cmd.env("ARGV_LOG", log.path()).output().unwrap();
        if !out.status.success() {
            return Err(format!(
                "{} exit {:?}: {}",
                self.shell,
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let text = std::fs::read_to_string(log.path()).unwrap();
        Ok(text
            .lines()
            .map(|l| {
                l.strip_suffix('\0')
                    .map(|args| args.split('\0').map(str::to_string).collect())
                    .unwrap_or_default()
            })
            .collect())
    }
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
import io, json, struct, sys
import moto.cloudwatch.models as cloudwatch_models

# moto 5.2.5 orders dimensions comparing a value with the other's name, so a query listing a
# dimension set in another order than the write found nothing; CloudWatch matches a set.
cloudwatch_models.Dimension.__lt__ = lambda a, b: (a.name, a.value) < (b.name, b.value)

# The Rust SDK speaks Smithy RPC v2 CBOR to CloudWatch; moto speaks its JSON 1.0 protocol.
def cbor_read(b, i):
    head = b[i]; i += 1
    major, info = head >> 5, head & 31
    if major == 7:
        if info == 25:
            return struct.unpack(">e", b[i:i + 2])[0], i + 2
        if info == 26:
            return struct.unpack(">f", b[i:i + 4])[0], i + 4
        if info == 27:
            return struct.unpack(">d", b[i:i + 8])[0], i + 8
        return {20: False, 21: True, 22: None, 23: None}.get(info), i
    if info < 24:
        n = info
    elif info == 31:
        n = None
    else:
        size = 1 << (info - 24)
        n = int.from_bytes(b[i:i + size], "big"); i += size
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        if n is None:
            parts = []
            while b[i] != 0xFF:
                p, i = cbor_read(b, i); parts.append(p)
            return ("" if major == 3 else b"").join(parts), i + 1
        raw = b[i:i + n]
        return (raw.decode() if major == 3 else raw), i + n
    if major == 4:
        out = []
        while (len(out) < n) if n is not None else b[i] != 0xFF:
            v, i = cbor_read(b, i); out.append(v)
        return out, (i + 1 if n is None else i)
    if major == 5:
        out = {}
        while (len(out) < n) if n is not None else b[i] != 0xFF:
            k, i = cbor_read(b, i); v, i = cbor_read(b, i); out[k] = v
        return out, (i + 1 if n is None else i)
    return cbor_read(b, i)  # a tag (timestamps): its content

def cbor_head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")

def cbor_write(v, stamp=False):
    if stamp:
        return b"\xc1" + cbor_write(float(v))
    if v is None:
        return b"\xf6"
    if v is True or v is False:
        return b"\xf5" if v else b"\xf4"
    if isinstance(v, int):
        return cbor_head(0, v) if v >= 0 else cbor_head(1, -1 - v)
    if isinstance(v, float):
        return b"\xfb" + struct.pack(">d", v)
    if isinstance(v, str):
        raw = v.encode(); return cbor_head(3, len(raw)) + raw
    if isinstance(v, list):
        return cbor_head(4, len(v)) + b"".join(cbor_write(x) for x in v)
    out = cbor_head(5, len(v))
    for k, x in v.items():
        out += cbor_write(k)
        if k == "Timestamps":
            out += cbor_head(4, len(x)) + b"".join(cbor_write(t, True) for t in x)
        else:
            out += cbor_write(x)
    return out

def epoch(t):
    if isinstance(t, str):
        from datetime import datetime
        return datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp()
    return t

from moto.moto_server import threaded_moto_server
Dispatcher = threaded_moto_server.DomainDispatcherApplication

class CborToJson(Dispatcher):
    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        marker = "/service/GraniteServiceVersion20100801/operation/"
        if marker not in path:
            return super().__call__(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        asked = cbor_read(body, 0)[0] if body else {}
        data = json.dumps(asked).encode()
        environ = dict(environ)
        environ.update({
            "PATH_INFO": "/", "CONTENT_TYPE": "application/x-amz-json-1.0",
            "HTTP_X_AMZ_TARGET": "GraniteServiceVersion20100801." + path.rsplit("/", 1)[1],
            "CONTENT_LENGTH": str(len(data)), "wsgi.input": io.BytesIO(data),
        })
        seen = {}
        def keep(status, headers, exc_info=None):
            seen["status"] = status
        out = b"".join(super().__call__(environ, keep))
        try:
            doc = json.loads(out or b"{}")
        except ValueError:
            doc = {"__type": "InternalFailure", "message": out.decode(errors="replace")}
        for r in doc.get("MetricDataResults", []) if isinstance(doc, dict) else []:
            r["Timestamps"] = [epoch(t) for t in r.get("Timestamps", [])]
        answer = cbor_write(doc)
        start_response(seen.get("status", "500 Internal Server Error"), [
            ("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor"),
            ("Content-Length", str(len(answer)))])
        return [answer]

threaded_moto_server.DomainDispatcherApplication = CborToJson
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
        if v["kind"] == "fleet" || v["kind"] == "workload" {
            // A fleet (or workload) report holds one full report per endpoint: each keeps
            // the schema.
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
