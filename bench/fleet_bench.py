#!/usr/bin/env python3
"""Fleet benchmark for `vpce-doctor scan` (issue 8).

One command:  python3 bench/fleet_bench.py

It installs what it needs (moto 5.2.5, boto3 and the AWS CLI v1 into the venv the e2e tests
use, target/tmp/moto-5.2.5), builds the release binary when it is missing or older than the
sources, starts moto, a latency-adding HTTP proxy in front of it and a loopback DNS server,
builds fleets of 1, 100 and 1,000 interface endpoints in moto, and measures:

* `vpce-doctor scan` per fleet size: wall time, API calls (counted on the wire by the proxy
  and by the tool itself), calls per endpoint, peak memory, the concurrency profile;
* `vpce-doctor check` on one endpoint against its critical path (the longest chain of
  dependent API calls x the injected latency);
* the documented runbooks done by hand (one `aws` CLI process per step) on the same endpoint.

It prints a Markdown table and writes every raw number to target/bench/fleet-bench.json.
Everything stays on 127.0.0.1. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MOTO_VERSION = "5.2.5"
REGION = "us-east-1"
ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
if not TARGET.is_absolute():
    TARGET = ROOT / TARGET
VENV = TARGET / "tmp" / f"moto-{MOTO_VERSION}"
OUT_DIR = TARGET / "bench"
PER_VPC = 50  # the AWS default quota of interface endpoints per VPC

# The targets of issue 8, printed next to the measured numbers (reported, never asserted).
TARGET_CONSUMER_CALLS = 100   # 1,000 endpoints: fewer consumer-side API calls than this
TARGET_WALL_S = 5.0           # 1,000 endpoints: wall time under this at 50 ms latency
TARGET_PEAK_MB = 150.0        # 1,000 endpoints: peak memory under this
TARGET_CP_RATIO = 1.3         # one endpoint: wall within this many critical paths

# The longest chain of dependent API calls of `vpce-doctor check` on an interface endpoint to
# an NLB-backed service, read from the code (src/checks/provider.rs: config_or,
# load_balancers_or, target_groups, nlb_target_health; src/checks/targets.rs: resolve_targets;
# src/facts/aws.rs: what each call sends): each call needs an id that only the answer of the
# previous one holds. The harness also derives a depth from the traffic itself (the data-flow
# depth) and prints both; if they disagree, the code has changed and this list needs a look.
STATIC_CHAIN = [
    ("DescribeVpcEndpoints", "the endpoint id -> its service name (hence the service id)"),
    ("DescribeVpcEndpointServiceConfigurations", "the service id -> the NLB ARNs"),
    ("DescribeListeners", "an NLB ARN -> the listeners' target group ARNs"),
    ("DescribeTargetHealth", "a target group ARN -> the targets (IP addresses)"),
    ("DescribeNetworkInterfaces", "the target IPs -> the interfaces holding them (their SG ids)"),
    ("DescribeSecurityGroups", "the targets' SG ids -> their rules (targets.security_groups)"),
]
# As the code orders it, target_groups() takes the load balancers DescribeLoadBalancers
# returned, so DescribeListeners waits for DescribeLoadBalancers although it needs only the
# NLB ARN the service configuration already gave: one more round trip on the path.
CODE_ORDER_EXTRA = ("DescribeLoadBalancers", "before DescribeListeners (target_groups takes &[LoadBalancer])")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Bootstrap: the venv (shared with the e2e tests), the AWS CLI in it, the release binary.
# --------------------------------------------------------------------------------------------

@contextlib.contextmanager
def file_lock(path: Path):
    import fcntl
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *args], check=True)


def ensure_venv() -> Path:
    """The e2e tests' venv (moto[server] 5.2.5, boto3), plus the AWS CLI v1 pinned to the
    botocore already there, so nothing the tests rely on changes."""
    python = VENV / "bin" / "python"
    with file_lock(TARGET / "tmp" / "bench-venv.lock"):
        if not (VENV / ".installed").exists():
            log(f"installing moto[server]=={MOTO_VERSION} into {VENV} (once)")
            partial = VENV.with_name(f"{VENV.name}.partial-{os.getpid()}")
            shutil.rmtree(partial, ignore_errors=True)
            base = os.environ.get("VPCE_DOCTOR_PYTHON", sys.executable or "python3")
            if subprocess.run([base, "-m", "venv", str(partial)]).returncode != 0:
                # Debian splits venv (ensurepip) out of python3; install it the way the
                # e2e harness installs what it lacks (as root, through apt-get).
                shutil.rmtree(partial, ignore_errors=True)
                if not (shutil.which("apt-get") and os.geteuid() == 0):
                    sys.exit(f"`{base} -m venv` failed: install python3-venv and run again")
                log("installing python3-venv (apt-get)")
                subprocess.run(["apt-get", "update", "-qq"])
                subprocess.run(["apt-get", "install", "-y", "-qq", "python3-venv"], check=True,
                               env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
                subprocess.run([base, "-m", "venv", str(partial)], check=True)
            pip(partial / "bin" / "python", f"moto[server]=={MOTO_VERSION}", "boto3")
            (partial / ".installed").write_text(MOTO_VERSION)
            try:
                partial.rename(VENV)
            except OSError:  # the tests won the race; either copy is complete
                shutil.rmtree(partial, ignore_errors=True)
        # The CLI is only for the runbook comparison of the NLB-service fleets.
        no_cli = {"--skip-cli-comparison", "--aws-services", "--org-accounts"}
        if not (VENV / "bin" / "aws").exists() and not no_cli & {a.split("=")[0] for a in sys.argv}:
            botocore = subprocess.run(
                [str(python), "-c", "import botocore; print(botocore.__version__)"],
                check=True, capture_output=True, text=True).stdout.strip()
            log(f"installing the AWS CLI v1 into {VENV} (pinned to botocore {botocore})")
            pip(python, "awscli", f"botocore=={botocore}")
    return python


def in_venv() -> bool:
    try:
        return Path(sys.prefix).resolve() == VENV.resolve()
    except OSError:
        return False


def dep_info_sources(binary: Path) -> list[Path] | None:
    """The files cargo says the binary was built from (target/release/vpce-doctor.d)."""
    d = binary.with_name(binary.name + ".d")
    try:
        text = d.read_text()
    except OSError:
        return None
    _, _, deps = text.partition(": ")
    deps = deps.replace("\\\n", " ")
    names = re.split(r"(?<!\\)\s+", deps.strip())
    return [Path(n.replace("\\ ", " ")) for n in names if n]


def source_mtime(binary: Path) -> tuple[float, str]:
    """The newest source of the binary: what cargo's dep-info lists for it, every file under
    src/ and checks/ (a new file is not in the old dep-info), the manifests and README.md."""
    paths = dep_info_sources(binary) or [p for p in (ROOT / "assets").rglob("*") if p.is_file()]
    paths += [ROOT / "Cargo.toml", ROOT / "Cargo.lock", ROOT / "README.md"]
    for d in ("src", "checks"):
        paths += [p for p in (ROOT / d).rglob("*") if p.is_file()]
    newest, name = 0.0, ""
    for p in paths:
        with contextlib.suppress(OSError):
            m = p.stat().st_mtime
            if m > newest:
                newest, name = m, str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)
    return newest, name


def ensure_binary(args) -> tuple[Path, dict]:
    info: dict = {"built": False}
    if args.binary:
        binary = Path(args.binary).resolve()
        if not binary.exists():
            sys.exit(f"--binary {binary} does not exist")
        info["source"] = "--binary"
        return binary, info
    binary = TARGET / "release" / "vpce-doctor"
    newest, name = source_mtime(binary)
    if not binary.exists():
        reason = f"{binary} is missing"
    elif binary.stat().st_mtime < newest:
        reason = f"{binary} is older than {name}"
    else:
        reason = None
    if reason and args.skip_build:
        if not binary.exists():
            sys.exit(f"{reason} and --skip-build was given")
        log(f"warning: {reason}; measuring it anyway (--skip-build)")
        info["stale"] = True
    elif reason:
        if not shutil.which("cargo"):
            sys.exit(f"{reason} and cargo is not on PATH (install a Rust toolchain, or pass --binary)")
        log(f"{reason}: running `cargo build --release` (a cold build takes ~10 minutes)")
        t = time.monotonic()
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
        info.update(built=True, build_s=round(time.monotonic() - t, 1))
        log(f"release build finished in {info['build_s']} s")
    info["source"] = "target/release"
    info["mtime"] = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(binary.stat().st_mtime))
    return binary, info


# --------------------------------------------------------------------------------------------
# moto
# --------------------------------------------------------------------------------------------

MOTO_LAUNCHER = r"""
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=int(sys.argv[1]), verbose=False)
server.start()
print("ready", flush=True)
sys.stdin.read()
server.stop()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        self.log = open(OUT_DIR / "moto.log", "w")
        env = dict(os.environ, AWS_EC2_METADATA_DISABLED="true")
        self.proc = subprocess.Popen([sys.executable, "-c", MOTO_LAUNCHER, str(self.port)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log, env=env, text=True)
        if self.proc.stdout.readline().strip() != "ready":
            sys.exit(f"moto did not start (see {OUT_DIR / 'moto.log'})")
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    sys.exit(f"moto did not listen on {self.port}")
                time.sleep(0.05)

    def reset(self) -> None:
        req = urllib.request.Request(f"{self.url}/moto-api/reset", method="POST", data=b"")
        urllib.request.urlopen(req, timeout=60).read()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        if self.proc.poll() is None:
            self.proc.kill()


# --------------------------------------------------------------------------------------------
# The latency proxy: forwards HTTP to moto after a fixed delay, records every request.
# --------------------------------------------------------------------------------------------

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
              "trailer", "trailers", "transfer-encoding", "upgrade", "content-length", "date",
              "server"}
CREDENTIAL_RE = re.compile(r"Credential=([^/]+)/[^/]+/([^/]+)/([^/]+)/")
ROUTE53_REST = [
    ("GET", re.compile(r"^/2013-04-01/hostedzonesbyvpc$"), "ListHostedZonesByVPC"),
    ("GET", re.compile(r"^/2013-04-01/hostedzone/[^/]+/rrset$"), "ListResourceRecordSets"),
    ("GET", re.compile(r"^/2013-04-01/hostedzone/[^/]+$"), "GetHostedZone"),
    ("GET", re.compile(r"^/2013-04-01/hostedzone$"), "ListHostedZones"),
    ("GET", re.compile(r"^/2013-04-01/hostedzonesbyname$"), "ListHostedZonesByName"),
]


def classify(method: str, path: str, headers, body: bytes) -> tuple[str, str, dict]:
    """(action, service, params) of one request: the Query protocol's Action= (EC2, ELBv2,
    STS), else Route 53's REST method+path."""
    url = urllib.parse.urlsplit(path)
    params: dict[str, list[str]] = urllib.parse.parse_qs(url.query, keep_blank_values=True)
    ctype = headers.get("Content-Type", "")
    if body and "x-www-form-urlencoded" in ctype:
        for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace"),
                                          keep_blank_values=True).items():
            params.setdefault(k, []).extend(v)
    m = CREDENTIAL_RE.search(headers.get("Authorization", ""))
    service = m.group(3) if m else "?"
    if "Action" in params:
        return params["Action"][0], service, params
    for verb, pattern, action in ROUTE53_REST:
        if method == verb and pattern.match(url.path):
            return action, service, params
    return f"{method} {url.path}", service, params


def filters_of(params: dict) -> dict[str, list[str]]:
    """Query-protocol Filter.N.Name / Filter.N.Value.M -> {name: values}."""
    out: dict[str, list[str]] = {}
    for k, v in params.items():
        m = re.fullmatch(r"Filter\.(\d+)\.Name", k)
        if m:
            n = m.group(1)
            values = [params[x][0] for x in sorted(
                (x for x in params if x.startswith(f"Filter.{n}.Value.")),
                key=lambda x: int(x.rsplit(".", 1)[1]))]
            out[v[0]] = values
    return out


class LatencyProxy:
    def __init__(self, upstream_port: int, latency_s: float):
        self.upstream_port = upstream_port
        self.latency_s = latency_s
        self.epoch = time.monotonic()  # CLOCK_MONOTONIC: comparable with the spawner's clock
        self.lock = threading.Lock()
        self.records: list[dict] = []
        self.capture = False          # keep request params and answers (the data-flow depth)
        self.accounts: dict[str, str] = {}      # access key id -> "consumer" | "provider"
        self.connections: dict[str, list[tuple[str, str]]] = {}  # service id -> [(vpce, owner)]
        # "record": keep moto's answers; "replay": answer a request seen before from them (after
        # the same latency), so moto's own service time drops out; None: always ask moto.
        self.mode: str | None = None
        self.cache: dict[tuple, tuple] = {}
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Without it, a response written in two segments can wait for the client's
            # delayed ACK (~40 ms on Linux): latency nobody asked for.
            disable_nagle_algorithm = True

            def log_message(self, *a):
                pass

            def do_ANY(self):
                proxy.handle(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_ANY

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def now(self) -> float:
        return time.monotonic() - self.epoch

    def mark(self) -> int:
        with self.lock:
            return len(self.records)

    def since(self, mark: int) -> list[dict]:
        with self.lock:
            return list(self.records[mark:])

    def synthetic(self, action: str, params: dict):
        """Answers for operations moto 5.2.5 lacks (HTTP 500 there), as AWS would give them."""
        if action != "DescribeVpcEndpointConnections":
            return None
        f = filters_of(params)
        services = f.get("service-id") or list(self.connections)
        wanted = set(f.get("vpc-endpoint-id", []))
        items = []
        for sid in services:
            for vpce, owner in self.connections.get(sid, []):
                if wanted and vpce not in wanted:
                    continue
                items.append(f"<item><serviceId>{sid}</serviceId><vpcEndpointId>{vpce}</vpcEndpointId>"
                             f"<vpcEndpointOwner>{owner}</vpcEndpointOwner>"
                             f"<vpcEndpointState>available</vpcEndpointState></item>")
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcEndpointConnectionsResponse '
                'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>bench-proxy</requestId>'
                f'<vpcEndpointConnectionSet>{"".join(items)}</vpcEndpointConnectionSet>'
                '</DescribeVpcEndpointConnectionsResponse>')
        return 200, [("Content-Type", "text/xml")], body.encode()

    def upstream(self, h, method, path, headers, body):
        conn = getattr(h, "_upstream", None)
        for attempt in (1, 2):
            if conn is None:
                conn = HTTPConnection("127.0.0.1", self.upstream_port, timeout=300)
                conn.connect()
                conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                h._upstream = conn
            try:
                conn.request(method, path, body=body or None, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                return resp.status, resp.getheaders(), data
            except (ConnectionError, OSError):
                conn.close()
                conn = None
                h._upstream = None
                if attempt == 2:
                    raise

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        t0 = self.now()
        n = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(n) if n else b""
        action, service, params = classify(h.command, h.path, h.headers, body)
        m = CREDENTIAL_RE.search(h.headers.get("Authorization", ""))
        account = self.accounts.get(m.group(1), "other") if m else "anonymous"
        time.sleep(self.latency_s)
        u0 = self.now()
        key = (account, h.command, h.path, body)
        answer = self.synthetic(action, params)
        synthetic = answer is not None
        cached = False
        if answer is None and self.mode == "replay":
            answer = self.cache.get(key)
            cached = answer is not None
        if answer is None:
            headers = {k: v for k, v in h.headers.items() if k.lower() not in HOP_BY_HOP}
            try:
                answer = self.upstream(h, h.command, h.path, headers, body)
            except Exception as e:  # noqa: BLE001 - report it as a 502 and carry on
                answer = (502, [("Content-Type", "text/plain")], f"bench proxy: {e}".encode())
            if self.mode == "record" and answer[0] < 500:
                self.cache[key] = answer
        u1 = self.now()
        status, headers, data = answer
        h.send_response(status)
        for k, v in headers:
            if k.lower() not in HOP_BY_HOP:
                h.send_header(k, v)
        h.send_header("Content-Length", str(len(data)))
        # Head and body in one write (one segment where it fits), then it is on its way.
        h._headers_buffer.append(b"\r\n")
        if h.command != "HEAD":
            h._headers_buffer.append(data)
        h.flush_headers()
        t1 = self.now()
        if action == "AssumeRole" and status == 200:
            # Credentials the tool mints (scan --org): name their account like the others.
            key_id = re.search(rb"<AccessKeyId>([^<]+)</AccessKeyId>", data)
            arn = re.search(rb"<Arn>arn:aws:sts::(\d{12}):", data)
            if key_id and arn:
                with self.lock:
                    self.accounts.setdefault(key_id.group(1).decode(), f"acct-{arn.group(1).decode()}")
        rec = {"t0": t0, "t1": t1, "upstream_ms": round((u1 - u0) * 1000, 2), "action": action,
               "service": service, "account": account, "status": status, "bytes": len(data),
               "page": "NextToken" in params or "nextToken" in params, "synthetic": synthetic,
               "cached": cached}
        if self.capture:
            rec["params"] = {k: v for k, v in params.items()}
            rec["answer"] = data.decode("utf-8", "replace")
        with self.lock:
            self.records.append(rec)

    def stop(self) -> None:
        self.server.shutdown()

    def calibrate(self, n: int = 20) -> dict:
        """What a client sees per call through the proxy, against what the proxy records and
        the latency it adds: the proxy's own overhead (should be ~1 ms)."""
        mark = self.mark()
        conn = HTTPConnection("127.0.0.1", self.server.server_address[1], timeout=30)
        conn.connect()
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        seen = []
        body = b"Action=GetCallerIdentity&Version=2011-06-15"
        for _ in range(n):
            t = time.perf_counter()
            conn.request("POST", "/", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/sts/aws4_request"})
            conn.getresponse().read()
            seen.append(time.perf_counter() - t)
        conn.close()
        recs = self.since(mark)
        client = statistics.median(seen) * 1000
        recorded = statistics.median([(r["t1"] - r["t0"]) * 1000 for r in recs])
        upstream = statistics.median([r["upstream_ms"] for r in recs])
        return {"requests": n, "client_ms": round(client, 2), "recorded_ms": round(recorded, 2),
                "upstream_ms": round(upstream, 2), "latency_ms": self.latency_s * 1000,
                "overhead_ms": round(client - self.latency_s * 1000 - upstream, 2)}


# --------------------------------------------------------------------------------------------
# The loopback DNS server: A records for the fleet's endpoint names, NXDOMAIN otherwise.
# --------------------------------------------------------------------------------------------

class DnsServer:
    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.addr = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.records: dict[str, list[str]] = {}
        self.queries = 0
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                data, peer = self.sock.recvfrom(4096)
            except OSError:
                return
            try:
                self.sock.sendto(self.answer(data), peer)
            except Exception:  # noqa: BLE001 - a malformed query gets no answer
                pass

    def answer(self, q: bytes) -> bytes:
        self.queries += 1
        tid, flags = struct.unpack("!HH", q[:4])
        i, labels = 12, []
        while q[i]:
            labels.append(q[i + 1:i + 1 + q[i]].decode("ascii", "replace"))
            i += 1 + q[i]
        i += 1
        qtype = struct.unpack("!H", q[i:i + 2])[0]
        question = q[12:i + 4]
        ips = self.records.get(".".join(labels).lower().rstrip("."))
        rflags = 0x8000 | (flags & 0x7800) | 0x0400 | (flags & 0x0100) | 0x0080
        answers = []
        if ips is None:
            rflags |= 3  # NXDOMAIN
        elif qtype == 1:
            answers = [struct.pack("!HHHIH", 0xC00C, 1, 1, 60, 4) + socket.inet_aton(ip) for ip in ips]
        return struct.pack("!6H", tid, rflags, 1, len(answers), 0, 0) + question + b"".join(answers)


# --------------------------------------------------------------------------------------------
# Fleets, built with boto3 directly against moto (not through the proxy).
# --------------------------------------------------------------------------------------------

def consumer_endpoints(cec2, size: int, services: list[dict], cidr_base: int = 0) -> tuple[list, list]:
    """ceil(size / 50) VPCs (10.<cidr_base + v + 1>.0.0/16), each with two subnets in two zones,
    DNS hostnames on and an endpoint SG admitting the VPC on 443; 50 interface endpoints per
    VPC (private DNS off), endpoint j of a VPC to service j mod len(services). Returns the VPCs
    and the endpoints (with their interfaces' addresses and DNS names)."""
    vpcs = []
    for v in range(math.ceil(size / PER_VPC)):
        octet = cidr_base + v + 1
        vpc = cec2.create_vpc(CidrBlock=f"10.{octet}.0.0/16")["Vpc"]["VpcId"]
        cec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
        subs = [cec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{octet}.{i + 1}.0/24",
                                   AvailabilityZone=REGION + z)["Subnet"]["SubnetId"]
                for i, z in enumerate("ab")]
        sg = cec2.create_security_group(GroupName="endpoints", Description="endpoints",
                                        VpcId=vpc)["GroupId"]
        cec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
            "IpRanges": [{"CidrIp": f"10.{octet}.0.0/16"}]}])
        vpcs.append({"id": vpc, "subnets": subs, "sg": sg})

    jobs = []
    for n in range(size):
        v, j = divmod(n, PER_VPC)
        jobs.append((vpcs[v], services[j % len(services)], n))

    def create(job):
        vpc, svc, n = job
        ep = cec2.create_vpc_endpoint(
            VpcEndpointType="Interface", VpcId=vpc["id"], ServiceName=svc["name"],
            SubnetIds=vpc["subnets"], SecurityGroupIds=[vpc["sg"]], PrivateDnsEnabled=False,
            TagSpecifications=[{"ResourceType": "vpc-endpoint",
                                "Tags": [{"Key": "Name", "Value": f"bench-{n}"}]}])["VpcEndpoint"]
        return {"id": ep["VpcEndpointId"], "vpc": vpc["id"], "subnets": vpc["subnets"],
                "sg": vpc["sg"], "service_id": svc.get("id"), "service_name": svc["name"],
                "enis": ep.get("NetworkInterfaceIds", []),
                "dns_names": [d["DnsName"] for d in ep.get("DnsEntries", [])]}

    with ThreadPoolExecutor(max_workers=4) as pool:
        endpoints = list(pool.map(create, jobs))

    all_enis = [e for ep in endpoints for e in ep["enis"]]
    ips: dict[str, str] = {}
    for i in range(0, len(all_enis), 200):
        for ni in cec2.describe_network_interfaces(NetworkInterfaceIds=all_enis[i:i + 200])["NetworkInterfaces"]:
            ips[ni["NetworkInterfaceId"]] = ni["PrivateIpAddress"]
    for ep in endpoints:
        ep["ips"] = [ips[e] for e in ep["enis"] if e in ips]
    return vpcs, endpoints


def assume(moto: Moto, acct: str, cfg, role: str = "vpce-doctor-bench"):
    """Client keywords and credentials of `acct` (moto lets anyone assume any role ARN, and
    the credentials are that account's)."""
    import boto3
    sts = boto3.client("sts", endpoint_url=moto.url, region_name=REGION, config=cfg,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    cr = sts.assume_role(RoleArn=f"arn:aws:iam::{acct}:role/{role}",
                         RoleSessionName="bench")["Credentials"]
    kw = dict(endpoint_url=moto.url, region_name=REGION, config=cfg,
              aws_access_key_id=cr["AccessKeyId"], aws_secret_access_key=cr["SecretAccessKey"],
              aws_session_token=cr["SessionToken"])
    creds = {"access_key_id": cr["AccessKeyId"], "secret_access_key": cr["SecretAccessKey"],
             "session_token": cr["SessionToken"]}
    return kw, creds


def build_fleet(moto: Moto, size: int, services: int, ordinal: int) -> dict:
    import boto3
    from botocore.config import Config

    cfg = Config(retries={"max_attempts": 3}, max_pool_connections=16)
    consumer_acct = f"1111{ordinal:04d}{size:04d}"[:12].ljust(12, "0")
    provider_acct = f"2222{ordinal:04d}{size:04d}"[:12].ljust(12, "0")

    def account(acct: str):
        return assume(moto, acct, cfg)

    ckw, ccreds = account(consumer_acct)
    pkw, pcreds = account(provider_acct)
    cec2, pec2 = boto3.client("ec2", **ckw), boto3.client("ec2", **pkw)
    pelb = boto3.client("elbv2", **pkw)
    fleet: dict = {"size": size, "consumer": consumer_acct, "provider": provider_acct,
                   "consumer_credentials": ccreds, "provider_credentials": pcreds,
                   "services": [], "vpcs": [], "endpoints": []}

    # Provider: one VPC, two zones; per service an internal NLB in both zones, a TCP/443
    # target group with one IP target per zone (held by an interface whose SG admits the
    # NLB's subnets), a listener, an endpoint service that needs no acceptance.
    pvpc = pec2.create_vpc(CidrBlock="10.200.0.0/16")["Vpc"]["VpcId"]
    psubs = [pec2.create_subnet(VpcId=pvpc, CidrBlock=f"10.200.{i + 1}.0/24",
                                AvailabilityZone=REGION + z)["Subnet"]["SubnetId"]
             for i, z in enumerate("ab")]
    tsg = pec2.create_security_group(GroupName="targets", Description="targets", VpcId=pvpc)["GroupId"]
    for i in range(2):
        pec2.authorize_security_group_ingress(GroupId=tsg, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
            "IpRanges": [{"CidrIp": f"10.200.{i + 1}.0/24"}]}])
    for k in range(services):
        lb = pelb.create_load_balancer(Name=f"svc{k}-nlb", Subnets=psubs, Type="network",
                                       Scheme="internal")["LoadBalancers"][0]["LoadBalancerArn"]
        tg = pelb.create_target_group(Name=f"svc{k}-tg", Protocol="TCP", Port=443, VpcId=pvpc,
                                      TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
        ips = [f"10.200.{i + 1}.{10 + k}" for i in range(2)]
        for i, ip in enumerate(ips):
            pec2.create_network_interface(SubnetId=psubs[i], PrivateIpAddress=ip, Groups=[tsg])
        pelb.register_targets(TargetGroupArn=tg, Targets=[{"Id": ip, "Port": 443} for ip in ips])
        pelb.create_listener(LoadBalancerArn=lb, Protocol="TCP", Port=443,
                             DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        svc = pec2.create_vpc_endpoint_service_configuration(
            NetworkLoadBalancerArns=[lb], AcceptanceRequired=False)["ServiceConfiguration"]
        pec2.modify_vpc_endpoint_service_permissions(
            ServiceId=svc["ServiceId"], AddAllowedPrincipals=[f"arn:aws:iam::{consumer_acct}:root"])
        fleet["services"].append({"id": svc["ServiceId"], "name": svc["ServiceName"], "lb": lb,
                                  "tg": tg, "target_ips": ips, "target_sg": tsg})

    fleet["vpcs"], fleet["endpoints"] = consumer_endpoints(cec2, size, fleet["services"])
    first_vpc = fleet["vpcs"][0]["id"]
    fleet["dhcp_options"] = cec2.describe_vpcs(VpcIds=[first_vpc])["Vpcs"][0].get("DhcpOptionsId")

    # Warm moto up (first calls of a backend are slow) for everything the tool will ask.
    cec2.describe_availability_zones()
    pec2.describe_availability_zones()
    with contextlib.suppress(Exception):
        cec2.describe_vpc_endpoint_services(ServiceNames=[fleet["services"][0]["name"]])
    boto3.client("route53", **ckw).list_hosted_zones_by_vpc(VPCId=first_vpc, VPCRegion=REGION)
    boto3.client("sts", **ckw).get_caller_identity()
    pelb.describe_load_balancers()
    return fleet


# --------------------------------------------------------------------------------------------
# Running the tool and the CLI
# --------------------------------------------------------------------------------------------

class ToolEnv:
    """A private AWS configuration (profiles consumer and provider) in a temp dir; nothing of
    the user's configuration or credentials is read."""

    def __init__(self, fleet: dict, endpoint_url: str, profiles: dict[str, dict] | None = None):
        self.dir = tempfile.TemporaryDirectory(prefix="vpce-bench-")
        d = Path(self.dir.name)
        creds, config = [], []
        if profiles is None:
            profiles = {p: fleet[f"{p}_credentials"] for p in ("consumer", "provider")}
        for profile, c in profiles.items():
            token = f"aws_session_token={c['session_token']}\n" if c.get("session_token") else ""
            creds.append(f"[{profile}]\naws_access_key_id={c['access_key_id']}\n"
                         f"aws_secret_access_key={c['secret_access_key']}\n{token}")
            config.append(f"[profile {profile}]\nregion={REGION}\n")
        (d / "credentials").write_text("".join(creds))
        (d / "config").write_text("".join(config))
        # Profiles only: credentials in the environment would outrank --profile in the SDK's
        # chain and put every call into moto's default account.
        self.env = {"PATH": os.environ.get("PATH", ""), "HOME": str(d),
                    "AWS_CONFIG_FILE": str(d / "config"),
                    "AWS_SHARED_CREDENTIALS_FILE": str(d / "credentials"),
                    "AWS_ENDPOINT_URL": endpoint_url, "AWS_REGION": REGION,
                    "AWS_DEFAULT_REGION": REGION, "AWS_EC2_METADATA_DISABLED": "true",
                    "NO_COLOR": "1", "LANG": "C.UTF-8"}

    def with_url(self, url: str) -> dict:
        return dict(self.env, AWS_ENDPOINT_URL=url)

    def close(self):
        self.dir.cleanup()


# Runs the measured process from a small, fresh Python (no site, ~10 MB): a child forked from
# this harness would inherit its high-water RSS (Linux keeps ru_maxrss across exec, and
# subprocess uses vfork), so wait4 on a direct child reports the harness's size, not the tool's.
SPAWNER = r"""
import os, sys, time
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
t1 = time.monotonic()
with open(sys.argv[1], "w") as f:
    f.write(f"{t0} {t1} {ru.ru_maxrss} {ru.ru_utime + ru.ru_stime}")
code = os.waitstatus_to_exitcode(status)
os._exit(code if code >= 0 else 128 - code)
"""


def run_measured(cmd: list[str], env: dict, proxy: LatencyProxy | None, timeout: float = 1800):
    """Run one process: its wall time (fork to exit), exit code, output and peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r", suffix=".rusage") as ru_file:
        p = subprocess.Popen([sys.executable, "-S", "-c", SPAWNER, ru_file.name, *cmd], stdout=out,
                             stderr=err, stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        text = ru_file.read().split()
        if len(text) == 4:
            t0, t1, maxrss, cpu = float(text[0]), float(text[1]), int(text[2]), float(text[3])
        else:  # killed before it could say
            t0, t1, maxrss, cpu = time.monotonic(), time.monotonic(), 0, 0.0
        epoch = proxy.epoch if proxy else t0
        out.seek(0)
        err.seek(0)
        return {"code": p.returncode, "wall_s": t1 - t0, "maxrss_mb": maxrss / 1024.0, "cpu_s": cpu,
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace"), "t_spawn": t0 - epoch,
                "t_exit": t1 - epoch}


def tool_args(dns: DnsServer, profile: str = "consumer", provider: bool = True) -> list[str]:
    return ["--profile", profile, *(["--provider-profile", "provider"] if provider else []),
            "--region", REGION, "--dns-server", dns.addr]


# --------------------------------------------------------------------------------------------
# Analysis of the proxy's records
# --------------------------------------------------------------------------------------------

def concurrency_profile(recs: list[dict], t_start: float, t_end: float, bucket_s: float = 0.1) -> dict:
    if not recs:
        return {"max_in_flight": 0, "mean_in_flight_busy": 0.0, "mean_in_flight_wall": 0.0,
                "busy_s": 0.0, "histogram": {}, "bucket_ms": bucket_s * 1000, "timeline": []}
    events = sorted([(r["t0"], 1) for r in recs] + [(r["t1"], -1) for r in recs],
                    key=lambda e: (e[0], e[1]))
    level, peak, last = 0, 0, events[0][0]
    area, busy = 0.0, 0.0
    hist: dict[int, float] = {}
    for t, d in events:
        dt = t - last
        if level > 0:
            area += level * dt
            busy += dt
        hist[level] = hist.get(level, 0.0) + dt
        level += d
        peak = max(peak, level)
        last = t
    hist.pop(0, None)
    bands = [(1, 1), (2, 2), (3, 4), (5, 8), (9, 16), (17, 32), (33, 10**9)]
    histogram = {}
    for lo, hi in bands:
        s = sum(v for k, v in hist.items() if lo <= k <= hi)
        if s > 0:
            label = str(lo) if lo == hi else (f"{lo}-{hi}" if hi < 10**9 else f">={lo}")
            histogram[label] = round(s, 3)
    nb = max(1, math.ceil((t_end - t_start) / bucket_s)) if t_end > t_start else 0
    timeline = [0.0] * nb
    for r in recs:
        a, b = r["t0"] - t_start, r["t1"] - t_start
        for k in range(max(0, int(a / bucket_s)), min(nb, int(b / bucket_s) + 1)):
            lo, hi = k * bucket_s, (k + 1) * bucket_s
            timeline[k] += max(0.0, min(b, hi) - max(a, lo)) / bucket_s
    return {"max_in_flight": peak, "mean_in_flight_busy": round(area / busy, 2) if busy else 0.0,
            "mean_in_flight_wall": round(area / max(t_end - t_start, 1e-9), 2),
            "busy_s": round(busy, 3), "histogram": histogram, "bucket_ms": round(bucket_s * 1000),
            "timeline": [round(x, 1) for x in timeline]}


def union_s(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, -1e18
    for a, b in sorted(intervals):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def longest_chain(recs: list[dict]) -> list[dict]:
    """The longest sequence of requests each starting after the previous one ended."""
    order = sorted(range(len(recs)), key=lambda i: recs[i]["t0"])
    best, prev = {}, {}
    for i in order:
        best[i], prev[i] = 1, None
        for j in order:
            if recs[j]["t1"] <= recs[i]["t0"] and best.get(j, 0) + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not best:
        return []
    i = max(best, key=lambda k: (best[k], -recs[k]["t1"]))
    chain = []
    while i is not None:
        chain.append(recs[i])
        i = prev[i]
    return chain[::-1]


TOKEN_RES = [re.compile(p) for p in (
    r"arn:aws:[a-z0-9-]+:[^\s\"'<>&]+",
    r"\b(?:vpce-svc|vpce|vpc|subnet|sg|eni|dopt|rtb|acl|i)-[0-9a-f]{8,17}\b",
    r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b",
    r"com\.amazonaws\.[A-Za-z0-9.-]+",
)]


def tokens(text: str) -> set[str]:
    """Ids, ARNs, IPv4 addresses and service names in a text (overlaps included: the service
    id inside a service name counts on its own)."""
    return {t for r in TOKEN_RES for t in r.findall(text)}
NOT_INPUTS = {"Action", "Version", "MaxResults", "NextToken", "nextToken", "maxitems"}


def dataflow_chain(recs: list[dict], given: set[str]) -> list[dict]:
    """The deepest chain of data dependencies: a request depends on an earlier answer when it
    carries an id, ARN, IP or service name that first appeared in that answer (not on the
    command line). Each token is credited to its shallowest producer, so the depth is a lower
    bound on the dependency depth the proxy can see."""
    order = sorted(range(len(recs)), key=lambda i: recs[i]["t0"])
    outputs = {i: tokens(recs[i].get("answer", "")) for i in order}
    depth, via = {}, {}
    for i in order:
        r = recs[i]
        inputs = set()
        for k, vs in r.get("params", {}).items():
            if k in NOT_INPUTS or re.fullmatch(r"Filter\.\d+\.Name", k):
                continue
            for v in vs:
                inputs |= tokens(v)
        inputs -= given
        depth[i], via[i] = 1, None
        for tok in inputs:
            producers = [j for j in order if j in depth and recs[j]["t1"] <= r["t0"] and tok in outputs[j]]
            if not producers:
                continue
            j = min(producers, key=lambda x: depth[x])
            if depth[j] + 1 > depth[i]:
                depth[i], via[i] = depth[j] + 1, j
    if not depth:
        return []
    i = max(depth, key=lambda k: depth[k])
    chain = []
    while i is not None:
        chain.append(recs[i])
        i = via[i]
    return chain[::-1]


def summarize_requests(recs: list[dict]) -> dict:
    by_action: dict[str, dict] = {}
    for r in recs:
        key = r["action"]
        a = by_action.setdefault(key, {"requests": 0, "consumer": 0, "provider": 0, "other": 0,
                                        "errors": 0, "pages_after_first": 0, "upstream_ms": 0.0,
                                        "max_upstream_ms": 0.0, "synthetic": 0})
        a["requests"] += 1
        a[r["account"] if r["account"] in ("consumer", "provider") else "other"] += 1
        a["errors"] += r["status"] >= 400
        a["pages_after_first"] += bool(r["page"])
        a["upstream_ms"] = round(a["upstream_ms"] + r["upstream_ms"], 1)
        a["max_upstream_ms"] = max(a["max_upstream_ms"], r["upstream_ms"])
        a["synthetic"] += bool(r["synthetic"])
    for action, a in by_action.items():
        mine = [r for r in recs if r["action"] == action]
        a["max_in_flight"] = concurrency_profile(mine, 0, 0)["max_in_flight"]
        a["span_s"] = round(max(r["t1"] for r in mine) - min(r["t0"] for r in mine), 3)
        a["by_side"] = {}
        for side in ("consumer", "provider", "other"):
            theirs = [r for r in mine if (r["account"] if r["account"] in ("consumer", "provider") else "other") == side]
            if theirs:
                a["by_side"][side] = {
                    "requests": len(theirs),
                    "max_in_flight": concurrency_profile(theirs, 0, 0)["max_in_flight"],
                    "span_s": round(max(r["t1"] for r in theirs) - min(r["t0"] for r in theirs), 3)}
    return {
        "total": len(recs),
        "cached": sum(bool(r.get("cached")) for r in recs),
        "asked_moto": sum(not r.get("cached") and not r["synthetic"] for r in recs),
        "consumer": sum(r["account"] == "consumer" for r in recs),
        "provider": sum(r["account"] == "provider" for r in recs),
        "errors": sum(r["status"] >= 400 for r in recs),
        "pages_after_first": sum(bool(r["page"]) for r in recs),
        "by_action": dict(sorted(by_action.items())),
    }


def strip(recs: list[dict]) -> list[dict]:
    """The records for the JSON file: timings relative to the process start, no answers."""
    keep = ("t0", "t1", "upstream_ms", "action", "account", "status", "bytes", "page", "synthetic",
            "cached", "params")
    return [{k: (round(r[k], 4) if k in ("t0", "t1") else r[k]) for k in keep if k in r} for r in recs]


# --------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------

def report_run(r: dict) -> None:
    rq = r["requests"]
    log(f"  wall {r['wall_s']:.2f} s, {rq['total']} requests (tool: {r.get('tool_api_calls')}; "
        f"{rq['asked_moto']} answered by moto), peak {r['peak_mb']:.0f} MB, exit {r['exit_code']}")
    if r.get("error"):
        log("  " + r["error"][:500])


def measure_scan(binary: Path, tenv: ToolEnv, proxy: LatencyProxy, dns: DnsServer, fleet: dict,
                 concurrency: int | None, args: list[str] | None = None) -> dict:
    cmd = [str(binary), "scan", *(args or tool_args(dns)), "--format", "json", "--stats"]
    if concurrency:
        cmd += ["--concurrency", str(concurrency)]
    mark, q0 = proxy.mark(), dns.queries
    run = run_measured(cmd, tenv.env, proxy)
    recs = proxy.since(mark)
    res = {"command": " ".join(cmd[1:]), "exit_code": run["code"], "wall_s": round(run["wall_s"], 3),
           "peak_mb": round(run["maxrss_mb"], 1), "cpu_s": round(run["cpu_s"], 2),
           "dns_queries": dns.queries - q0}
    try:
        report = json.loads(run["stdout"])
    except json.JSONDecodeError:
        res["error"] = f"no JSON on stdout (exit {run['code']}): {run['stderr'][-2000:]}"
        report = None
    if report:
        s = report["summary"]
        res.update(tool_endpoints=s["endpoints"], by_status=s["by_status"],
                   tool_wall_ms=s["wall_ms"], tool_api_calls=s["api_calls"]["total"],
                   tool_retries=sum(o.get("retries", 0) for o in s["api_calls"]["by_operation"].values()),
                   tool_by_operation=s["api_calls"]["by_operation"],
                   regions=s.get("regions"), json_mb=round(len(run["stdout"]) / 1e6, 1))
        causes: dict[str, int] = {}
        not_passed: dict[str, dict[str, int]] = {}
        for e in report["endpoints"]:
            rc = e.get("root_cause")
            key = rc["check"] if rc else f"(no root cause: {e['worst']})"
            causes[key] = causes.get(key, 0) + 1
            for c in e["report"].get("checks", []):
                if c["status"] in ("fail", "warn", "unknown"):
                    d = not_passed.setdefault(c["status"], {})
                    d[c["id"]] = d.get(c["id"], 0) + 1
        res["root_causes"] = causes
        res["checks_not_passed"] = not_passed
    res["requests"] = summarize_requests(recs)
    t_first = min((r["t0"] for r in recs), default=run["t_spawn"])
    t_last = max((r["t1"] for r in recs), default=run["t_exit"])
    res["startup_s"] = round(t_first - run["t_spawn"], 3)
    res["after_last_call_s"] = round(run["t_exit"] - t_last, 3)
    res["api_phase_s"] = round(t_last - t_first, 3)
    res["moto_busy_s"] = round(union_s([(r["t1"] - r["upstream_ms"] / 1000, r["t1"]) for r in recs]), 3)
    res["concurrency"] = concurrency_profile(recs, run["t_spawn"], run["t_exit"])
    chain = longest_chain(recs) if len(recs) <= 3000 else []
    res["longest_chain"] = [c["action"] for c in chain]
    res["stderr_tail"] = run["stderr"][-1500:]
    res["timeline"] = strip([dict(r, t0=r["t0"] - run["t_spawn"], t1=r["t1"] - run["t_spawn"]) for r in recs])
    return res


def measure_check(binary: Path, tenv: ToolEnv, proxy: LatencyProxy, dns: DnsServer, ep: dict,
                  runs: int) -> dict:
    cmd = [str(binary), "check", ep["id"], *tool_args(dns), "--format", "json", "--stats"]
    results = []
    for _ in range(runs):
        mark = proxy.mark()
        proxy.capture = True
        try:
            run = run_measured(cmd, tenv.env, proxy)
        finally:
            proxy.capture = False
        recs = proxy.since(mark)
        try:
            report = json.loads(run["stdout"])
        except json.JSONDecodeError:
            report = {}
        results.append((run, recs, report))
    results.sort(key=lambda x: x[0]["wall_s"])
    run, recs, report = results[len(results) // 2]
    lat = proxy.latency_s
    chain = longest_chain(recs)
    flow = dataflow_chain(recs, {ep["id"]})
    t_first = min(r["t0"] for r in recs) if recs else run["t_spawn"]
    t_last = max(r["t1"] for r in recs) if recs else run["t_exit"]
    wall = run["wall_s"]
    static_depth = len(STATIC_CHAIN)
    chain_served = (chain[-1]["t1"] - chain[0]["t0"]) if chain else 0.0
    statuses: dict[str, int] = {}
    for c in report.get("checks", []):
        statuses[c["status"]] = statuses.get(c["status"], 0) + 1
    return {
        "command": " ".join(cmd[1:]), "endpoint": ep["id"], "runs": runs,
        "walls_s": [round(r[0]["wall_s"], 3) for r in results],
        "wall_s": round(wall, 3), "exit_code": run["code"], "peak_mb": round(run["maxrss_mb"], 1),
        "cpu_s": round(run["cpu_s"], 3),
        "tool_api_calls": report.get("api_calls", {}).get("total"),
        "tool_timings": report.get("timings"), "check_statuses": statuses,
        "root_causes": [r["id"] for r in report.get("root_causes", [])],
        "requests": summarize_requests(recs),
        "startup_s": round(t_first - run["t_spawn"], 3),
        "after_last_call_s": round(run["t_exit"] - t_last, 3),
        "api_phase_s": round(t_last - t_first, 3),
        "concurrency": concurrency_profile(recs, run["t_spawn"], run["t_exit"], 0.05),
        "static_depth": static_depth,
        "static_chain": [a for a, _ in STATIC_CHAIN],
        "static_critical_path_s": round(static_depth * lat, 3),
        "ratio_static": round(wall / (static_depth * lat), 2) if lat else None,
        "code_order_depth": static_depth + 1,
        "code_order_extra": CODE_ORDER_EXTRA[0],
        "ratio_code_order": round(wall / ((static_depth + 1) * lat), 2) if lat else None,
        "dataflow_depth": len(flow), "dataflow_chain": [c["action"] for c in flow],
        "dataflow_critical_path_s": round(len(flow) * lat, 3),
        "ratio_dataflow": round(wall / (len(flow) * lat), 2) if lat and flow else None,
        "observed_chain_length": len(chain), "observed_chain": [c["action"] for c in chain],
        "observed_chain_served_s": round(chain_served, 3),
        "observed_chain_upstream_ms": [c["upstream_ms"] for c in chain],
        "ratio_observed_served": round(wall / chain_served, 2) if chain_served else None,
        "timeline": strip([dict(r, t0=r["t0"] - run["t_spawn"], t1=r["t1"] - run["t_spawn"]) for r in recs]),
        "stderr_tail": run["stderr"][-1500:],
    }


def runbook_steps(fleet: dict, ep: dict) -> list[tuple[str, str, list[str]]]:
    """The steps of checks/runbooks/endpoint-unreachable.toml and private-dns.toml done by hand
    with the AWS CLI, one command per look-up, each command once: (runbook step, profile, argv)."""
    svc = next(s for s in fleet["services"] if s["id"] == ep["service_id"])
    steps = [
        ("state / name: endpoint.found, endpoint.state, endpoint.private_dns_enabled", "consumer",
         ["ec2", "describe-vpc-endpoints", "--vpc-endpoint-ids", ep["id"]]),
        ("acceptance: service.connection", "provider",
         ["ec2", "describe-vpc-endpoint-connections", "--filters",
          f"Name=service-id,Values={svc['id']}", f"Name=vpc-endpoint-id,Values={ep['id']}"]),
        ("security-groups: endpoint.security_groups", "consumer",
         ["ec2", "describe-security-groups", "--group-ids", ep["sg"]]),
        ("nacls: endpoint.nacls", "consumer",
         ["ec2", "describe-network-acls", "--filters", f"Name=vpc-id,Values={ep['vpc']}"]),
        ("zones: endpoint.subnets, az.alignment (consumer AZ ids)", "consumer",
         ["ec2", "describe-subnets", "--subnet-ids", *ep["subnets"]]),
        ("zones: az.alignment (service zones)", "consumer",
         ["ec2", "describe-vpc-endpoint-services", "--service-names", ep["service_name"]]),
        ("load-balancer: service.state (and the NLB ARN)", "provider",
         ["ec2", "describe-vpc-endpoint-service-configurations", "--service-ids", svc["id"]]),
        ("load-balancer: nlb.state (zones, security groups)", "provider",
         ["elbv2", "describe-load-balancers", "--load-balancer-arns", svc["lb"]]),
        ("zones: az.alignment (provider AZ ids)", "provider",
         ["ec2", "describe-availability-zones"]),
        ("load-balancer: nlb.listeners", "provider",
         ["elbv2", "describe-listeners", "--load-balancer-arn", svc["lb"]]),
        ("targets: nlb.target_health", "provider",
         ["elbv2", "describe-target-health", "--target-group-arn", svc["tg"]]),
        ("provider-path: nlb.zonal_health (cross-zone, LB)", "provider",
         ["elbv2", "describe-load-balancer-attributes", "--load-balancer-arn", svc["lb"]]),
        ("provider-path: nlb.zonal_health (cross-zone, TG)", "provider",
         ["elbv2", "describe-target-group-attributes", "--target-group-arn", svc["tg"]]),
        ("provider-path: targets.security_groups (target interfaces)", "provider",
         ["ec2", "describe-network-interfaces", "--filters",
          "Name=addresses.private-ip-address,Values=" + ",".join(svc["target_ips"])]),
        ("provider-path: targets.security_groups (their rules)", "provider",
         ["ec2", "describe-security-groups", "--group-ids", svc["target_sg"]]),
        ("dns: endpoint.dns (the interfaces' addresses)", "consumer",
         ["ec2", "describe-network-interfaces", "--network-interface-ids", *ep["enis"]]),
        ("conflicts: dns.phz_conflict", "consumer",
         ["route53", "list-hosted-zones-by-vpc", "--vpc-id", ep["vpc"], "--vpc-region", REGION]),
        ("conflicts: dns.dhcp_options (the VPC's options set)", "consumer",
         ["ec2", "describe-vpcs", "--vpc-ids", ep["vpc"]]),
    ]
    if fleet.get("dhcp_options") not in (None, "default"):  # "default": no options set
        steps.append(("conflicts: dns.dhcp_options (its servers)", "consumer",
                      ["ec2", "describe-dhcp-options", "--dhcp-options-ids", fleet["dhcp_options"]]))
    steps += [
        ("dns-support: vpc.dns_support", "consumer",
         ["ec2", "describe-vpc-attribute", "--vpc-id", ep["vpc"], "--attribute", "enableDnsSupport"]),
        ("dns-hostnames: vpc.dns_hostnames", "consumer",
         ["ec2", "describe-vpc-attribute", "--vpc-id", ep["vpc"], "--attribute", "enableDnsHostnames"]),
    ]
    return steps


def measure_cli(tenv: ToolEnv, proxy: LatencyProxy, fleet: dict, ep: dict) -> dict:
    aws = str(VENV / "bin" / "aws")
    steps = runbook_steps(fleet, ep)
    mark = proxy.mark()
    rows, t = [], time.monotonic()
    for title, profile, argv in steps:
        run = run_measured([aws, *argv, "--profile", profile, "--region", REGION, "--output", "json"],
                           tenv.env, proxy)
        rows.append({"step": title, "command": "aws " + " ".join(argv), "profile": profile,
                     "exit_code": run["code"], "wall_s": round(run["wall_s"], 3),
                     "error": run["stderr"].strip().splitlines()[-1][:200] if run["code"] else None})
    wall = time.monotonic() - t
    recs = proxy.since(mark)
    return {"steps": rows, "processes": len(rows), "wall_s": round(wall, 3),
            "requests": summarize_requests(recs),
            "mean_process_s": round(wall / len(rows), 3)}


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def fmt_n(n) -> str:
    return f"{n:,}" if isinstance(n, int) else str(n)


def verdicts(res: dict) -> str:
    bs = res.get("by_status") or {}
    return " ".join(f"{k} {v}" for k, v in sorted(bs.items())) or "-"


def growth(counts: list[int], sizes: list[int], services: list[int]) -> str:
    """How a request count grows across fleet sizes: constant, per service, per VPC, per
    batch of interface ids, per endpoint."""
    if len(sizes) < 2:
        return "-"
    if len(set(counts)) == 1:
        return "constant"
    vpcs = [math.ceil(n / PER_VPC) for n in sizes]
    for unit, per in (("service", services), ("VPC", vpcs), ("endpoint", sizes)):
        if per[-1] and counts[-1] % per[-1] == 0:
            k = counts[-1] // per[-1]
            if all(c == k * u for c, u in zip(counts, per)):
                return f"{k} per {unit}"
    if all(c == math.ceil(2 * n / 200) for c, n in zip(counts, sizes)):
        return "1 per 200 interface ids"
    return "grows"


def render(results: dict) -> str:
    lat_ms = results["latency_ms"]
    cal = results["proxy_calibration"]
    m = results["machine"]
    out = [f"## vpce-doctor fleet benchmark ({lat_ms:g} ms per API call, moto {MOTO_VERSION})\n"]
    out.append(f"Binary `{results['binary']}` (built {results['build'].get('mtime', '?')}). "
               f"Fleet: {results['fleet_kind']}. Machine: {m['cpus']} CPUs, load average "
               f"{m['loadavg_start'][0]:.1f} at the start, {m['loadavg_end'][0]:.1f} at the end. Proxy: a client "
               f"sees {cal['client_ms']:.1f} ms per call = {lat_ms:g} ms latency + {cal['upstream_ms']:.1f} ms moto "
               f"+ {cal['overhead_ms']:.1f} ms proxy overhead.\n")
    out.append("Each size is scanned twice: **moto live** (every call answered by moto, which is one Python "
               "process and adds its own service time, seconds for the big listings) and **replayed** (the same "
               f"requests answered from the live run's answers after the same {lat_ms:g} ms: the tool plus the "
               "injected latency, as against a real region). Targets are judged on the replayed run.\n")
    sizes = [s for s in results["sizes"] if str(s) in results["scans"]]
    out.append("| endpoints | VPCs | wall s (replayed) | wall s (moto live) | API calls (proxy) | tool's count | "
               "consumer calls | provider calls | calls/endpoint | peak MB | max in-flight | mean in-flight | verdicts |")
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for size in sizes:
        r, live = results["scans"][str(size)]["replayed"], results["scans"][str(size)]["live"]
        rq = r["requests"]
        tool = r.get("tool_api_calls", "?")
        if r.get("tool_retries"):
            tool = f"{tool} (+{r['tool_retries']} retries)"
        out.append(f"| {fmt_n(size)} | {math.ceil(size / PER_VPC)} | {r['wall_s']:.2f} | {live['wall_s']:.2f} | "
                   f"{fmt_n(rq['total'])} | {tool} | {fmt_n(rq['consumer'])} | {fmt_n(rq['provider'])} | "
                   f"{rq['total'] / size:.2f} | {r['peak_mb']:.0f} | {r['concurrency']['max_in_flight']} | "
                   f"{r['concurrency']['mean_in_flight_busy']:.1f} | {verdicts(r)} |")
    out.append("")
    out.append("API calls (proxy) = HTTP requests on the wire (pages and retries included); tool's count = "
               "`summary.api_calls.total` (one per SDK operation: a paginated listing counts once). Consumer / "
               "provider = by the access key that signed the request. Mean in-flight is time-weighted over the "
               "time at least one call was in flight. Peak MB = max RSS of the tool's process (wait4).\n")

    out.append("### Targets (issue 8), reported not asserted\n")
    out.append("| target | measured | met |")
    out.append("|---|---|---|")
    big = results["scans"].get("1000")
    if big:
        r, live = big["replayed"], big["live"]
        c, w, mb = r["requests"]["consumer"], r["wall_s"], r["peak_mb"]
        out.append(f"| 1,000 endpoints: < {TARGET_CONSUMER_CALLS} consumer-side API calls | {fmt_n(c)} "
                   f"({fmt_n(r['requests']['provider'])} more on the provider side) | {'yes' if c < TARGET_CONSUMER_CALLS else 'NO'} |")
        note = "" if lat_ms == 50 else f" (this run: {lat_ms:g} ms)"
        out.append(f"| 1,000 endpoints: wall < {TARGET_WALL_S:.0f} s at 50 ms latency{note} | {w:.2f} s replayed "
                   f"({live['wall_s']:.2f} s with moto live) | {'yes' if w < TARGET_WALL_S else 'NO'} |")
        out.append(f"| 1,000 endpoints: peak memory < {TARGET_PEAK_MB:.0f} MB | {mb:.0f} MB | {'yes' if mb < TARGET_PEAK_MB else 'NO'} |")
        cp = r["concurrency"]
        out.append(f"| scheduler does not serialise independent calls | max {cp['max_in_flight']} in flight, mean "
                   f"{cp['mean_in_flight_busy']} while busy; longest sequential chain {len(r['longest_chain'])} calls "
                   f"| see the profile below |")
    else:
        out.append("| 1,000-endpoint targets | (size 1000 not run) | - |")
    one = results.get("check")
    if one:
        rt = one["ratio_static"]
        out.append(f"| one endpoint: wall <= {TARGET_CP_RATIO}x critical path | {one['wall_s']:.3f} s replayed vs "
                   f"{one['static_depth']} x {lat_ms:g} ms = {one['static_critical_path_s']:.3f} s -> {rt}x "
                   f"({one['live_wall_s']:.3f} s with moto live) | {'yes' if rt is not None and rt <= TARGET_CP_RATIO else 'NO'} |")
    cli = results.get("cli")
    if cli and one:
        out.append(f"| manual runbook (aws CLI, one process per step) vs check | {cli['processes']} processes "
                   f"{cli['wall_s']:.2f} s vs {one['live_wall_s']:.2f} s (both moto live) -> "
                   f"{cli['wall_s'] / one['live_wall_s']:.1f}x | - |")
    out.append("")

    if one:
        out.append("### One endpoint: `vpce-doctor check` against its critical path\n")
        out.append(f"- endpoint {one['endpoint']}: wall {one['wall_s']:.3f} s replayed (median of {one['runs']}: "
                   f"{', '.join(f'{w:.3f}' for w in one['walls_s'])}); {one['live_wall_s']:.3f} s with moto live; "
                   f"{one['requests']['total']} API calls on the wire (tool says {one['tool_api_calls']}), "
                   f"peak {one['peak_mb']:.0f} MB, checks {one['check_statuses']}")
        out.append(f"- process start to first API call {one['startup_s']:.3f} s; API phase {one['api_phase_s']:.3f} s; "
                   f"last answer to exit {one['after_last_call_s']:.3f} s")
        out.append(f"- critical path, static (the ids each call needs, read from the code): {one['static_depth']} calls "
                   f"x {lat_ms:g} ms = {one['static_critical_path_s']:.3f} s -> ratio {one['ratio_static']}x  "
                   f"[{' -> '.join(one['static_chain'])}]")
        out.append(f"- as the code orders the calls ({one['code_order_extra']} awaited before DescribeListeners): "
                   f"{one['code_order_depth']} x {lat_ms:g} ms = {one['code_order_depth'] * lat_ms / 1000:.3f} s -> "
                   f"ratio {one['ratio_code_order']}x")
        out.append(f"- data-flow depth (from the traffic: a call that carries an id first seen in an earlier answer "
                   f"depends on it): {one['dataflow_depth']} -> {one['dataflow_critical_path_s']:.3f} s -> ratio "
                   f"{one['ratio_dataflow']}x  [{' -> '.join(one['dataflow_chain'])}]")
        out.append(f"- longest chain of non-overlapping calls on the wire: {one['observed_chain_length']} calls, "
                   f"{one['observed_chain_served_s']:.3f} s as served -> ratio {one['ratio_observed_served']}x  "
                   f"[{' -> '.join(one['observed_chain'])}]")
        extra = list(one["observed_chain"])
        for a in one["static_chain"]:
            if a in extra:
                extra.remove(a)
        if extra:
            out.append(f"- round trips on the observed chain beyond the static one ({len(extra)}): {', '.join(extra)}")
        c = one["concurrency"]
        out.append(f"- concurrency: max {c['max_in_flight']} in flight; mean in flight per {c['bucket_ms']} ms: "
                   f"{' '.join(f'{x:g}' for x in c['timeline'])}")
        out.append("")
    if cli:
        out.append("### The runbooks by hand (endpoint-unreachable + private-dns), one `aws` process per step\n")
        out.append(f"- {cli['processes']} aws CLI processes run one after another: {cli['wall_s']:.2f} s "
                   f"({cli['mean_process_s']:.2f} s each, nearly all of it CLI start-up), "
                   f"{cli['requests']['total']} API calls on the wire")
        if one:
            out.append(f"- `vpce-doctor check` on the same endpoint (moto live): {one['live_wall_s']:.2f} s, "
                       f"{one['requests']['total']} calls, and it runs more checks than the two runbooks -> by hand is "
                       f"{cli['wall_s'] / one['live_wall_s']:.1f}x slower")
        for size in sizes:
            r = results["scans"][str(size)]
            out.append(f"- {fmt_n(size)} endpoint(s): by hand ~{cli['wall_s'] * size:,.0f} s (~{cli['wall_s'] * size / 3600:.2f} h), "
                       f"{fmt_n(cli['processes'] * size)} calls **(extrapolated: steps x endpoints)**; measured scan "
                       f"{r['live']['wall_s']:.2f} s moto live / {r['replayed']['wall_s']:.2f} s replayed, "
                       f"{fmt_n(r['replayed']['requests']['total'])} calls -> {cli['wall_s'] * size / r['live']['wall_s']:,.0f}x "
                       f"/ {cli['wall_s'] * size / r['replayed']['wall_s']:,.0f}x")
        fails = [x for x in cli["steps"] if x["exit_code"]]
        if fails:
            out.append("- steps that exited non-zero (timed all the same): " +
                       "; ".join(f"`{x['command'].split(' --')[0]}` ({x['error']})" for x in fails))
        out.append("")

    if sizes:
        last = sizes[-1]
        out.append("### Requests per API action (proxy), by fleet size\n")
        out.append("| action | side | " + " | ".join(fmt_n(x) for x in sizes) + " | grows | tool's count (both sides) at "
                   f"{fmt_n(last)} | max in flight at {fmt_n(last)} | span s at {fmt_n(last)} |")
        out.append("|---|---|" + "---:|" * len(sizes) + "---|---:|---:|---:|")
        actions = sorted({a for x in sizes for a in results["scans"][str(x)]["replayed"]["requests"]["by_action"]})
        services = [results["fleets"][str(x)]["services"] for x in sizes]
        big_r = results["scans"][str(last)]["replayed"]
        findings = []
        for a in actions:
            for side in ("consumer", "provider", "other"):
                counts = []
                for x in sizes:
                    d = results["scans"][str(x)]["replayed"]["requests"]["by_action"].get(a, {})
                    counts.append(d.get("by_side", {}).get(side, {}).get("requests", 0))
                if not any(counts):
                    continue
                d = big_r["requests"]["by_action"].get(a, {}).get("by_side", {}).get(side, {})
                tool = big_r.get("tool_by_operation", {}).get(a, {}).get("calls", 0)
                g = growth(counts, sizes, services)
                out.append(f"| {a} | {side} | " + " | ".join(fmt_n(c) for c in counts) +
                           f" | {g} | {tool} | {d.get('max_in_flight', 0)} | {d.get('span_s', 0):.2f} |")
                n, k, span = d.get("requests", 0), d.get("max_in_flight", 0), d.get("span_s", 0.0)
                if n >= 5 and k <= 2 and span > 5 * lat_ms / 1000:
                    findings.append(f"{a} ({side}): {n} calls at {fmt_n(last)} endpoints ran at most {k} at a "
                                    f"time, spread over {span:.2f} s of a {big_r['wall_s']:.2f} s scan: serialised")
                if g not in ("-", "constant") and "per service" not in g:
                    findings.append(f"{a} ({side}): {g} ({' / '.join(fmt_n(c) for c in counts)} at "
                                    f"{' / '.join(fmt_n(x) for x in sizes)} endpoints)")
        out.append("")
        if findings:
            out.append("Flagged by the harness (the counts grow with the fleet, or independent calls ran one or "
                       "two at a time):\n")
            out += [f"- {f}" for f in findings]
            out.append("")
        out.append("### Where the time goes, and the concurrency profile\n")
        for x in sizes:
            for label in ("replayed", "live"):
                r = results["scans"][str(x)][label]
                cp = r["concurrency"]
                out.append(f"- {fmt_n(x)} endpoint(s), {label}: wall {r['wall_s']:.2f} s (CPU {r['cpu_s']:.2f} s) = start-up {r['startup_s']:.2f} s "
                           f"+ API phase {r['api_phase_s']:.2f} s (moto busy {r['moto_busy_s']:.2f} s of it) + after the "
                           f"last answer {r['after_last_call_s']:.2f} s (JSON {r.get('json_mb', '?')} MB); longest "
                           f"sequential chain {len(r['longest_chain'])} calls; seconds at k in flight {cp['histogram']}")
                tl = cp["timeline"]
                out.append(f"  - mean in flight per {cp['bucket_ms']} ms: {' '.join(f'{v:g}' for v in tl[:160])}"
                           f"{' ...' if len(tl) > 160 else ''}")
            nf = results["scans"][str(x)]["replayed"].get("checks_not_passed")
            if nf:
                out.append(f"  - checks not passed (endpoints): {nf}")
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Issue 18: the fleet at the API floor (endpoints to AWS services) and the organisation
# --------------------------------------------------------------------------------------------

TARGET18_CONSUMER_CALLS = 90   # 1,000 endpoints to 50 AWS services in 20 VPCs: fewer calls
TARGET18_WALL_S = 3.0          # ... and this wall time at 50 ms per call, answers replayed
TARGET18_PEAK_MB = 150.0       # ... and this peak memory
TARGET18_ORG_PEAK_MB = 300.0   # 10,000 endpoints in 200 VPCs across 20 accounts


def call_budget(vpcs: int) -> int:
    """Calls per account the issue allows: 21 + 3 per VPC."""
    return 21 + 3 * vpcs


def aws_service_names(cec2, n: int) -> list[str]:
    """The first n (by name) of the region's AWS services moto offers with an Interface entry."""
    details = cec2.describe_vpc_endpoint_services()["ServiceDetails"]
    names = sorted({d["ServiceName"] for d in details
                    if d["ServiceName"].startswith(f"com.amazonaws.{REGION}.")
                    and any(t.get("ServiceType") == "Interface" for t in d.get("ServiceType", []))})
    if len(names) < n:
        sys.exit(f"moto offers {len(names)} AWS services in {REGION}, fewer than --aws-services {n}")
    return names[:n]


def build_aws_account(moto: Moto, acct: str, size: int, n_services: int, cfg) -> dict:
    import boto3
    kw, creds = assume(moto, acct, cfg)
    ec2 = boto3.client("ec2", **kw)
    names = aws_service_names(ec2, n_services)
    vpcs, endpoints = consumer_endpoints(ec2, size, [{"name": n} for n in names])
    # Warm moto up for what the tool asks (first calls of a backend are slow).
    ec2.describe_availability_zones()
    boto3.client("route53", **kw).list_hosted_zones_by_vpc(VPCId=vpcs[0]["id"], VPCRegion=REGION)
    return {"id": acct, "credentials": creds, "vpcs": vpcs, "endpoints": endpoints,
            "services": [{"name": n} for n in names]}


def build_aws_fleet(moto: Moto, size: int, n_services: int, ordinal: int) -> dict:
    from botocore.config import Config
    cfg = Config(retries={"max_attempts": 3}, max_pool_connections=16)
    acct = f"3333{ordinal:04d}{size:04d}"[:12].ljust(12, "0")
    a = build_aws_account(moto, acct, size, n_services, cfg)
    return {"size": size, "consumer": acct, "consumer_credentials": a["credentials"],
            "provider_credentials": a["credentials"], "services": a["services"], "vpcs": a["vpcs"],
            "endpoints": a["endpoints"]}


def build_org(moto: Moto, accounts: int, per_account: int, n_services: int) -> dict:
    """An organisation in moto: the management account (moto's default, the `testing` keys)
    creates `accounts` member accounts (organizations:CreateAccount gives each its own id);
    each gets per_account endpoints to AWS services in ceil(per_account / 50) VPCs."""
    import boto3
    from botocore.config import Config
    cfg = Config(retries={"max_attempts": 3}, max_pool_connections=16)
    org = boto3.client("organizations", endpoint_url=moto.url, region_name=REGION, config=cfg,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    org.create_organization(FeatureSet="ALL")
    ids = [org.create_account(Email=f"bench{i}@example.com", AccountName=f"bench-{i}")
           ["CreateAccountStatus"]["AccountId"] for i in range(accounts)]
    built = [build_aws_account(moto, acct, per_account, n_services, cfg) for acct in ids]
    mgmt = boto3.client("sts", endpoint_url=moto.url, region_name=REGION, config=cfg,
                        aws_access_key_id="testing", aws_secret_access_key="testing")
    return {"management": mgmt.get_caller_identity()["Account"], "accounts": built,
            "management_credentials": {"access_key_id": "testing", "secret_access_key": "testing",
                                       "session_token": ""}}


def tool_has_org(binary: Path) -> bool:
    out = subprocess.run([str(binary), "scan", "--help"], capture_output=True, text=True,
                         env={"PATH": os.environ.get("PATH", ""), "NO_COLOR": "1"})
    return "--org" in out.stdout


def per_account_calls(recs: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in recs:
        out[r["account"]] = out.get(r["account"], 0) + 1
    return dict(sorted(out.items()))


def run_floor(args, binary: Path, moto: Moto, proxy: LatencyProxy, dns: DnsServer) -> dict:
    """The issue-18 fleets: endpoints to --aws-services AWS services in one account (each
    size), and with --org-accounts the organisation (the largest size spread over them)."""
    results: dict = {"aws": {}, "org": None}
    sizes = sorted({int(x) for x in args.sizes.split(",") if x.strip()})
    if not args.org_accounts:
        for ordinal, size in enumerate(sizes, start=1):
            moto.reset()
            t = time.monotonic()
            log(f"building {size} endpoint(s) to {args.aws_services} AWS services in moto")
            fleet = build_aws_fleet(moto, size, args.aws_services, ordinal)
            build_s = time.monotonic() - t
            dns.records = {n.lower(): ep["ips"] for ep in fleet["endpoints"] for n in ep["dns_names"]}
            proxy.accounts = {fleet["consumer_credentials"]["access_key_id"]: "consumer"}
            proxy.connections, proxy.mode, proxy.cache = {}, None, {}
            tenv = ToolEnv(fleet, proxy.url, {"consumer": fleet["consumer_credentials"]})
            targs = tool_args(dns, provider=False)
            try:
                run_measured([str(binary), "check", fleet["endpoints"][0]["id"], *targs, "--format", "json"],
                             tenv.env, proxy, timeout=300)
                proxy.mode = "record"
                live = measure_scan(binary, tenv, proxy, dns, fleet, args.concurrency, targs)
                report_run(live)
                proxy.mode = "replay"
                runs = []
                for _ in range(max(1, args.repeat)):
                    runs.append(measure_scan(binary, tenv, proxy, dns, fleet, args.concurrency, targs))
                    report_run(runs[-1])
                proxy.mode = None
                runs.sort(key=lambda x: x["wall_s"])
                replayed = runs[len(runs) // 2]
                replayed["walls_s"] = [x["wall_s"] for x in runs]
            finally:
                tenv.close()
            results["aws"][str(size)] = {"vpcs": len(fleet["vpcs"]), "services": len(fleet["services"]),
                                         "build_s": round(build_s, 1), "live": live, "replayed": replayed}
        return results

    size = sizes[-1]
    per_account = math.ceil(size / args.org_accounts)
    moto.reset()
    t = time.monotonic()
    log(f"building an organisation of {args.org_accounts} accounts x {per_account} endpoints in moto")
    org = build_org(moto, args.org_accounts, per_account, args.aws_services)
    build_s = time.monotonic() - t
    log(f"organisation built in {build_s:.0f} s")
    dns.records = {n.lower(): ep["ips"] for a in org["accounts"] for ep in a["endpoints"] for n in ep["dns_names"]}
    profiles = {"management": org["management_credentials"]}
    profiles.update({f"acct-{a['id']}": a["credentials"] for a in org["accounts"]})
    proxy.accounts = {"testing": "management"}
    proxy.accounts.update({a["credentials"]["access_key_id"]: f"acct-{a['id']}" for a in org["accounts"]})
    proxy.connections, proxy.mode, proxy.cache = {}, None, {}
    tenv = ToolEnv({}, proxy.url, profiles)
    has_org = tool_has_org(binary)
    res: dict = {"accounts": args.org_accounts, "endpoints": per_account * args.org_accounts,
                 "vpcs": sum(len(a["vpcs"]) for a in org["accounts"]), "per_account": per_account,
                 "vpcs_per_account": math.ceil(per_account / PER_VPC), "build_s": round(build_s, 1),
                 "mode": "scan --org" if has_org else "one scan per account, one after another"}
    try:
        for label, mode in (("live", "record"), ("replayed", "replay")):
            proxy.mode = mode
            if has_org:
                targs = ["--org", "--role-name", args.role_name, *tool_args(dns, "management", provider=False)]
                r = measure_scan(binary, tenv, proxy, dns, {}, args.concurrency, targs)
                report_run(r)
                mark_recs = r["timeline"]
                r["per_account"] = per_account_calls(mark_recs)
                by_action: dict[str, dict[str, int]] = {}
                for x in mark_recs:
                    d = by_action.setdefault(x["account"], {})
                    d[x["action"]] = d.get(x["action"], 0) + 1
                r["per_account_by_action"] = {k: dict(sorted(v.items())) for k, v in sorted(by_action.items())
                                              if k.startswith("acct-")}
                res[label] = r
            else:
                runs = []
                for a in org["accounts"]:
                    r = measure_scan(binary, tenv, proxy, dns, {}, args.concurrency,
                                     tool_args(dns, f"acct-{a['id']}", provider=False))
                    r["account"] = a["id"]
                    runs.append(r)
                log(f"  {label}: {len(runs)} account scans, wall {sum(x['wall_s'] for x in runs):.1f} s in all, "
                    f"peak {max(x['peak_mb'] for x in runs):.0f} MB")
                res[label] = {"wall_s": round(sum(x["wall_s"] for x in runs), 2),
                              "peak_mb": max(x["peak_mb"] for x in runs),
                              "requests": sum(x["requests"]["total"] for x in runs),
                              "per_account": {f"acct-{x['account']}": x["requests"]["total"] for x in runs},
                              "tool_per_account": {f"acct-{x['account']}": x.get("tool_api_calls") for x in runs},
                              "per_account_by_action": {f"acct-{x['account']}": {
                                  k: v["requests"] for k, v in x["requests"]["by_action"].items()} for x in runs},
                              "exit_codes": sorted({x["exit_code"] for x in runs}),
                              "by_status": [x.get("by_status") for x in runs],
                              "concurrency": [x["concurrency"] for x in runs],
                              "max_account_wall_s": max(x["wall_s"] for x in runs)}
        proxy.mode = None
    finally:
        tenv.close()
    results["org"] = res
    return results


def render_floor(results: dict, floor: dict) -> str:
    lat = results["latency_ms"]
    out = [f"## vpce-doctor at the floor (issue 18; {lat:g} ms per API call, moto {MOTO_VERSION})\n",
           f"Binary `{results['binary']}`. Endpoints to AWS services (`com.amazonaws.{REGION}.<svc>`, "
           f"interface, private DNS off), {PER_VPC} per VPC, one consumer account; targets judged on the "
           "replayed run.\n",
           "| endpoints | services | VPCs | wall s replayed | wall s moto live | consumer calls | tool's count | "
           "calls vs 21 + 3/VPC | peak MB | max in flight | mean in flight | verdicts |",
           "|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|"]
    for size, f in sorted(floor["aws"].items(), key=lambda kv: int(kv[0])):
        r, live = f["replayed"], f["live"]
        c = r["requests"]["consumer"]
        budget = call_budget(f["vpcs"])
        out.append(f"| {fmt_n(int(size))} | {f['services']} | {f['vpcs']} | {r['wall_s']:.2f} | {live['wall_s']:.2f} | "
                   f"{c} | {r.get('tool_api_calls', '?')} | {c} <= {budget}: {'yes' if c <= budget else 'NO'} | "
                   f"{r['peak_mb']:.0f} | {r['concurrency']['max_in_flight']} | "
                   f"{r['concurrency']['mean_in_flight_busy']:.1f} | {verdicts(r)} |")
    big = floor["aws"].get("1000")
    if big:
        r = big["replayed"]
        c, w, mb = r["requests"]["consumer"], r["wall_s"], r["peak_mb"]
        out += ["", "| target (issue 18) | measured | met |", "|---|---|---|",
                f"| 1,000 endpoints to 50 services: < {TARGET18_CONSUMER_CALLS} consumer API calls | {c} | "
                f"{'yes' if c < TARGET18_CONSUMER_CALLS else 'NO'} |",
                f"| ... < {TARGET18_WALL_S:g} s at 50 ms per call, replayed | {w:.2f} s | {'yes' if w < TARGET18_WALL_S else 'NO'} |",
                f"| ... < {TARGET18_PEAK_MB:.0f} MB peak | {mb:.0f} MB | {'yes' if mb < TARGET18_PEAK_MB else 'NO'} |"]
    for size, f in sorted(floor["aws"].items(), key=lambda kv: int(kv[0])):
        r = f["replayed"]
        ops = ", ".join(f"{a} {d['requests']}" for a, d in r["requests"]["by_action"].items())
        out.append(f"\n- {fmt_n(int(size))} endpoints, requests per action (replayed): {ops}")
        out.append(f"  - wall {r['wall_s']:.2f} s = start-up {r['startup_s']:.2f} + API phase {r['api_phase_s']:.2f} "
                   f"+ after the last answer {r['after_last_call_s']:.2f} (JSON {r.get('json_mb', '?')} MB); "
                   f"seconds at k in flight {r['concurrency']['histogram']}")
    o = floor.get("org")
    if o:
        r, live = o["replayed"], o["live"]
        budget = call_budget(o["vpcs_per_account"])
        worst = max((n for k, n in r["per_account"].items() if k.startswith("acct-")), default=0)
        out += ["", f"### The organisation: {fmt_n(o['endpoints'])} endpoints in {o['vpcs']} VPCs across "
                f"{o['accounts']} accounts ({o['mode']})\n",
                "| measured | value | target |", "|---|---|---|",
                f"| wall s, replayed / moto live | {r['wall_s']:.2f} / {live['wall_s']:.2f} | reported |",
                f"| calls per account (max) | {worst} | <= 21 + 3 x {o['vpcs_per_account']} = {budget}: "
                f"{'yes' if worst <= budget else 'NO'} |",
                f"| peak MB | {r['peak_mb']:.0f} | < {TARGET18_ORG_PEAK_MB:.0f}: {'yes' if r['peak_mb'] < TARGET18_ORG_PEAK_MB else 'NO'} |",
                f"\n- requests per account on the wire (replayed): {r['per_account']}"]
        if r.get("tool_per_account"):
            out.append(f"- the tool's own count per account (`summary.api_calls.total`; the wire adds moto's "
                       f"500s retried): {r['tool_per_account']}")
        if r.get("per_account_by_action"):
            first = next(iter(r["per_account_by_action"].values()))
            out.append(f"- one account's requests per action: {first}")
        cp = r["concurrency"]
        if isinstance(cp, dict):
            out.append(f"- concurrency: max {cp['max_in_flight']} in flight, mean {cp['mean_in_flight_busy']} while "
                       f"busy; seconds at k in flight {cp['histogram']}")
        else:
            out.append(f"- concurrency (per account scan, one account at a time): max "
                       f"{max(c['max_in_flight'] for c in cp)} in flight, mean while busy "
                       f"{statistics.mean(c['mean_in_flight_busy'] for c in cp):.1f}; slowest account "
                       f"{r['max_account_wall_s']:.2f} s")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------

def parse_args(argv):
    p = argparse.ArgumentParser(description="Benchmark `vpce-doctor scan` against moto behind a latency proxy.")
    p.add_argument("--latency-ms", type=float, default=50.0, help="delay added to every API call (default 50)")
    p.add_argument("--sizes", default="1,100,1000", help="fleet sizes, comma-separated (default 1,100,1000)")
    p.add_argument("--services", type=int, default=5,
                   help="NLB-backed endpoint services the endpoints spread over (default 5)")
    p.add_argument("--repeat", type=int, default=1, help="replayed scan runs per size; the median is reported (default 1)")
    p.add_argument("--check-runs", type=int, default=3, help="runs of the one-endpoint check (default 3, median)")
    p.add_argument("--concurrency", type=int, default=None, help="pass --concurrency N to scan (default: the tool's)")
    p.add_argument("--skip-build", action="store_true", help="never run cargo build")
    p.add_argument("--skip-cli-comparison", action="store_true", help="do not run the aws CLI runbook comparison")
    p.add_argument("--binary", help="measure this vpce-doctor binary (no build)")
    p.add_argument("--output", default=str(OUT_DIR / "fleet-bench.json"), help="where the raw numbers go")
    p.add_argument("--aws-services", type=int, default=0,
                   help="issue 18: endpoints to this many AWS services, one account, no provider (default 0: the "
                        "NLB-service fleets)")
    p.add_argument("--org-accounts", type=int, default=0,
                   help="issue 18: spread the largest size over this many accounts of an organisation")
    p.add_argument("--role-name", default="vpce-doctor-bench", help="the role scan --org assumes in each account")
    return p.parse_args(argv)


def main(argv) -> int:
    args = parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or min(sizes) < 1:
        sys.exit("--sizes needs positive integers")
    started = time.monotonic()
    binary, build = ensure_binary(args)
    if args.aws_services or args.org_accounts:
        return main_floor(args, binary, build, started)
    moto = Moto()
    proxy = LatencyProxy(moto.port, args.latency_ms / 1000.0)
    dns = DnsServer()
    log(f"moto {moto.url}, latency proxy {proxy.url} (+{args.latency_ms:g} ms), DNS {dns.addr}")
    calibration = proxy.calibrate()
    log(f"proxy calibration: a client sees {calibration['client_ms']} ms per call = {args.latency_ms:g} ms latency "
        f"+ {calibration['upstream_ms']} ms moto + {calibration['overhead_ms']} ms proxy overhead")
    results: dict = {
        "latency_ms": args.latency_ms, "sizes": sizes, "binary": str(binary), "build": build,
        "services": args.services, "per_vpc": PER_VPC, "region": REGION,
        "fleet_kind": (f"interface endpoints to {args.services} NLB-backed endpoint services in a provider "
                       f"account, consumer endpoints in a separate account ({PER_VPC} per VPC, 2 subnets in 2 AZs, "
                       "one endpoint SG per VPC, private DNS off); the tool runs with --profile consumer "
                       "--provider-profile provider"),
        "machine": {"cpus": os.cpu_count(), "loadavg_start": os.getloadavg()},
        "scans": {}, "fleets": {}, "proxy_calibration": calibration,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    # The one-endpoint measurements run on a fleet of one (built first when 1 is not a size).
    plan = sizes if 1 in sizes else [1] + sizes
    try:
        for ordinal, size in enumerate(plan, start=1):
            moto.reset()
            t = time.monotonic()
            log(f"building a fleet of {size} endpoint(s) in moto ({math.ceil(size / PER_VPC)} VPC(s))")
            fleet = build_fleet(moto, size, min(args.services, size), ordinal)
            build_s = time.monotonic() - t
            log(f"fleet of {size} built in {build_s:.1f} s")
            dns.records = {n.lower(): ep["ips"] for ep in fleet["endpoints"] for n in ep["dns_names"]}
            proxy.accounts = {fleet["consumer_credentials"]["access_key_id"]: "consumer",
                              fleet["provider_credentials"]["access_key_id"]: "provider"}
            proxy.connections = {}
            for ep in fleet["endpoints"]:
                proxy.connections.setdefault(ep["service_id"], []).append((ep["id"], fleet["consumer"]))
            proxy.mode, proxy.cache = None, {}
            tenv = ToolEnv(fleet, proxy.url)
            try:
                # Warm-up: one check of the first endpoint (not measured), so moto has served
                # every operation once before anything is timed.
                warm = run_measured([str(binary), "check", fleet["endpoints"][0]["id"], *tool_args(dns),
                                     "--format", "json"], tenv.env, proxy, timeout=300)
                results["fleets"][str(size)] = {"build_s": round(build_s, 1), "vpcs": len(fleet["vpcs"]),
                                                "services": len(fleet["services"]),
                                                "warmup_exit": warm["code"]}
                if size in sizes:
                    log(f"scan of {size} endpoint(s) through the proxy, moto live")
                    proxy.mode = "record"
                    live = measure_scan(binary, tenv, proxy, dns, fleet, args.concurrency)
                    report_run(live)
                    proxy.mode = "replay"
                    runs = []
                    for k in range(max(1, args.repeat)):
                        log(f"scan of {size} endpoint(s) through the proxy, answers replayed (run {k + 1}/{args.repeat})")
                        runs.append(measure_scan(binary, tenv, proxy, dns, fleet, args.concurrency))
                        report_run(runs[-1])
                    proxy.mode = None
                    runs.sort(key=lambda x: x["wall_s"])
                    replayed = runs[len(runs) // 2]
                    replayed["walls_s"] = [x["wall_s"] for x in runs]
                    results["scans"][str(size)] = {"live": live, "replayed": replayed}
                if size == 1:
                    ep = fleet["endpoints"][0]
                    log(f"check {ep['id']} through the proxy: 1 run moto live, {args.check_runs} replayed")
                    proxy.mode, proxy.cache = "record", {}
                    live = measure_check(binary, tenv, proxy, dns, ep, 1)
                    proxy.mode = "replay"
                    check = measure_check(binary, tenv, proxy, dns, ep, max(1, args.check_runs))
                    proxy.mode = None
                    check["live_wall_s"] = live["wall_s"]
                    check["live"] = live
                    results["check"] = check
                    if not args.skip_cli_comparison:
                        log("the runbooks by hand: one aws CLI process per step (moto live)")
                        results["cli"] = measure_cli(tenv, proxy, fleet, ep)
            finally:
                tenv.close()
    finally:
        proxy.stop()
        moto.stop()
    results["harness_s"] = round(time.monotonic() - started, 1)
    results["machine"]["loadavg_end"] = os.getloadavg()
    table = render(results)
    print(table)
    md = Path(args.output).with_suffix(".md")
    print(f"\nHarness run time: {results['harness_s']:.0f} s. Raw numbers: {args.output} (this report: {md})")
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(results, indent=1))
    md.write_text(table + f"\n\nHarness run time: {results['harness_s']:.0f} s.\n")
    return 0


def main_floor(args, binary: Path, build: dict, started: float) -> int:
    args.aws_services = args.aws_services or 50
    moto = Moto()
    proxy = LatencyProxy(moto.port, args.latency_ms / 1000.0)
    dns = DnsServer()
    calibration = proxy.calibrate()
    results: dict = {"latency_ms": args.latency_ms, "binary": str(binary), "build": build,
                     "proxy_calibration": calibration, "machine": {"cpus": os.cpu_count(),
                                                                   "loadavg_start": os.getloadavg()}}
    try:
        results["floor"] = run_floor(args, binary, moto, proxy, dns)
    finally:
        proxy.stop()
        moto.stop()
    results["harness_s"] = round(time.monotonic() - started, 1)
    results["machine"]["loadavg_end"] = os.getloadavg()
    table = render_floor(results, results["floor"])
    print(table)
    out = Path(args.output)
    if out == OUT_DIR / "fleet-bench.json":
        out = OUT_DIR / ("org-bench.json" if args.org_accounts else "floor-bench.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    out.with_suffix(".md").write_text(table + f"\n\nHarness run time: {results['harness_s']:.0f} s.\n")
    print(f"\nHarness run time: {results['harness_s']:.0f} s. Raw numbers: {out}")
    return 0


if __name__ == "__main__":
    python = ensure_venv()
    if not in_venv():
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main(sys.argv[1:]))
