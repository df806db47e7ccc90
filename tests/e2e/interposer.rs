//! A loopback HTTP interposer between the tool and moto. It forwards every request, records
//! which API action it was, and per action can rewrite moto's answer (to produce states moto
//! cannot: pendingAcceptance, unhealthy targets, unverified private DNS …) or answer itself
//! (operations moto lacks, errors such as UnauthorizedOperation). The tool's SDK and HTTP
//! path stay real.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

type Rewrite = Arc<dyn Fn(String) -> String + Send + Sync>;
/// Answers a request itself, or passes (`None`) to the next rule and then to moto.
type Responder = Arc<dyn Fn(&HashMap<String, String>) -> Option<(u16, String)> + Send + Sync>;

/// moto's answers (status, content type, body) by request.
type Answers = Arc<Mutex<HashMap<Vec<u8>, (String, String, Vec<u8>)>>>;

#[derive(Default, Clone)]
pub struct Rules {
    rewrites: Vec<(String, Rewrite)>,
    responders: Vec<(String, Responder)>,
    /// Rewrites for one account's requests only: (action, access key id, rewrite).
    keyed_rewrites: Vec<(String, String, Rewrite)>,
    faults: Vec<FaultRule>,
    /// moto's answers by request (first line and body), when answers are replayed.
    cache: Option<Answers>,
}

/// Misbehaviour of the network or of the API for one action, for the fault tests. Unlike a
/// responder it can act below HTTP (delay, hang, reset) or on raw bytes (invalid UTF-8).
#[derive(Clone)]
pub enum Fault {
    /// Wait this long, then answer as usual.
    Delay(std::time::Duration),
    /// Never answer: the connection stays open until the client gives up on it.
    Hang,
    /// Close the connection without an answer, with a TCP reset (SO_LINGER 0).
    Reset,
    /// Answer with this status, content type and body, without asking moto.
    Answer {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// Answer as usual, then rewrite the raw bytes of the body.
    Bytes(Arc<dyn Fn(Vec<u8>) -> Vec<u8> + Send + Sync>),
}

impl Fault {
    /// EC2's error document (the Query protocol's `<Response><Errors>` shape).
    pub fn ec2_error(status: u16, code: &str, message: &str) -> Fault {
        Fault::Answer {
            status,
            content_type: "text/xml",
            body: format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>interposer</RequestID></Response>"
            )
            .into_bytes(),
        }
    }

    /// ELBv2's (and STS's) error document: `<ErrorResponse><Error><Type>…`.
    pub fn elb_error(status: u16, code: &str, message: &str) -> Fault {
        let kind = if status >= 500 { "Receiver" } else { "Sender" };
        Fault::Answer {
            status,
            content_type: "text/xml",
            body: format!(
                "<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error><Type>{kind}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>interposer</RequestId></ErrorResponse>"
            )
            .into_bytes(),
        }
    }

    /// An awsJson or REST-JSON service's error (Route 53 Resolver, Route 53 Profiles):
    /// `{"__type": code, "message": …}`.
    pub fn json_error(status: u16, code: &str, message: &str) -> Fault {
        Fault::Answer {
            status,
            content_type: "application/x-amz-json-1.1",
            body: serde_json::json!({"__type": code, "message": message})
                .to_string()
                .into_bytes(),
        }
    }

    /// A Smithy RPC v2 CBOR service's error (CloudWatch): a CBOR map `{"__type": code,
    /// "message": …}` with the protocol's header.
    pub fn cbor_error(status: u16, code: &str, message: &str) -> Fault {
        fn text(out: &mut Vec<u8>, s: &str) {
            assert!(s.len() < 256, "a short text");
            if s.len() < 24 {
                out.push(0x60 | s.len() as u8);
            } else {
                out.extend([0x78, s.len() as u8]);
            }
            out.extend(s.as_bytes());
        }
        let mut body = vec![0xA2];
        text(&mut body, "__type");
        text(&mut body, code);
        text(&mut body, "message");
        text(&mut body, message);
        Fault::Answer {
            status,
            content_type: "application/cbor",
            body,
        }
    }

    /// A proxy's or load balancer's HTML error page, with no AWS error code in it.
    pub fn html(status: u16) -> Fault {
        Fault::Answer {
            status,
            content_type: "text/html",
            body: format!(
                "<!doctype html>\n<html><head><title>{status} Error</title></head><body><h1>{status}</h1><p>The server could not handle the request.</p></body></html>"
            )
            .into_bytes(),
        }
    }

    /// moto's real answer cut in half: an XML document that ends mid-element.
    pub fn truncated() -> Fault {
        Fault::Bytes(Arc::new(|mut b: Vec<u8>| {
            b.truncate(b.len() / 2);
            b
        }))
    }

    /// A 200 answer that is not XML at all.
    pub fn garbage() -> Fault {
        Fault::Answer {
            status: 200,
            content_type: "text/xml",
            body: b"\x00\x01garbage <<<>>> &&& not xml \xff\xfe".to_vec(),
        }
    }

    /// Replace the first `from` with `to` in moto's answer (which may make it invalid UTF-8);
    /// answers without `from` (another account's, say) pass unchanged.
    pub fn replace_bytes(from: &[u8], to: &[u8]) -> Fault {
        let (from, to) = (from.to_vec(), to.to_vec());
        Fault::Bytes(Arc::new(move |body: Vec<u8>| {
            let Some(at) = find(&body, &from) else {
                return body;
            };
            let mut out = body[..at].to_vec();
            out.extend_from_slice(&to);
            out.extend_from_slice(&body[at + from.len()..]);
            out
        }))
    }
}

#[derive(Clone)]
struct FaultRule {
    action: String,
    fault: Fault,
    /// Only the first `times` requests for the action; `None`: every one.
    times: Option<usize>,
    seen: Arc<std::sync::atomic::AtomicUsize>,
}

impl FaultRule {
    fn applies(&self) -> bool {
        let n = self.seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.times.is_none_or(|t| n < t)
    }
}

impl Rules {
    pub fn new() -> Rules {
        Rules::default()
    }

    /// Rewrite the body of moto's answer to `action`.
    pub fn rewrite(
        mut self,
        action: &str,
        f: impl Fn(String) -> String + Send + Sync + 'static,
    ) -> Rules {
        self.rewrites.push((action.to_string(), Arc::new(f)));
        self
    }

    /// Rewrite moto's answer to `action` only for requests signed with `access_key_id`: one
    /// account's view (moto names zones the same way in every account; AWS does not).
    pub fn rewrite_for(
        mut self,
        action: &str,
        access_key_id: &str,
        f: impl Fn(String) -> String + Send + Sync + 'static,
    ) -> Rules {
        self.keyed_rewrites
            .push((action.to_string(), access_key_id.to_string(), Arc::new(f)));
        self
    }

    /// Replace `from` with `to` in moto's answer to `action`.
    pub fn replace(self, action: &str, from: &str, to: &str) -> Rules {
        let (from, to) = (from.to_string(), to.to_string());
        self.rewrite(action, move |body| {
            assert!(
                body.contains(&from),
                "interposer: {from:?} not in the answer"
            );
            body.replace(&from, &to)
        })
    }

    /// Answer `action` without asking moto.
    pub fn respond(
        mut self,
        action: &str,
        f: impl Fn(&HashMap<String, String>) -> (u16, String) + Send + Sync + 'static,
    ) -> Rules {
        self.responders
            .push((action.to_string(), Arc::new(move |form| Some(f(form)))));
        self
    }

    /// Answer `action` without asking moto when `f` answers (`Some`); otherwise the next rule,
    /// and then moto, do.
    pub fn respond_if(
        mut self,
        action: &str,
        f: impl Fn(&HashMap<String, String>) -> Option<(u16, String)> + Send + Sync + 'static,
    ) -> Rules {
        self.responders.push((action.to_string(), Arc::new(f)));
        self
    }

    /// The first `times` requests for `action` get EC2's throttling answer; later ones pass.
    pub fn throttle(mut self, action: &str, times: usize) -> Rules {
        let seen = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>interposer</RequestID></Response>".to_string();
        self.responders.push((
            action.to_string(),
            Arc::new(move |_| {
                (seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < times)
                    .then(|| (503, body.clone()))
            }),
        ));
        self
    }

    /// Every request for `action` meets `fault`.
    pub fn fault(mut self, action: &str, fault: Fault) -> Rules {
        self.faults.push(FaultRule {
            action: action.to_string(),
            fault,
            times: None,
            seen: Default::default(),
        });
        self
    }

    /// The first `times` requests for `action` meet `fault`; later ones pass.
    pub fn fault_times(mut self, action: &str, fault: Fault, times: usize) -> Rules {
        self.faults.push(FaultRule {
            action: action.to_string(),
            fault,
            times: Some(times),
            seen: Default::default(),
        });
        self
    }

    /// Answer a request moto already answered from that answer (same first line, same
    /// body): many cycles of the same diagnosis cost the tool, not moto (the soak test).
    pub fn replay_answers(mut self) -> Rules {
        self.cache = Some(Arc::default());
        self
    }

    /// These rules first, then `other`'s (the first matching responder answers).
    pub fn then(mut self, other: Rules) -> Rules {
        self.rewrites.extend(other.rewrites);
        self.responders.extend(other.responders);
        self.keyed_rewrites.extend(other.keyed_rewrites);
        self.faults.extend(other.faults);
        self.cache = self.cache.or(other.cache);
        self
    }

    /// An EC2-shaped error for `action`.
    pub fn ec2_error(self, action: &str, status: u16, code: &str) -> Rules {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>interposer</RequestID></Response>"
        );
        self.respond(action, move |_| (status, body.clone()))
    }

    /// The provider's view of its connections, which moto does not implement.
    pub fn connections(
        self,
        service_id: &str,
        endpoint_id: &str,
        owner: &str,
        state: &str,
    ) -> Rules {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeVpcEndpointConnectionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>interposer</requestId><vpcEndpointConnectionSet><item><serviceId>{service_id}</serviceId><vpcEndpointId>{endpoint_id}</vpcEndpointId><vpcEndpointOwner>{owner}</vpcEndpointOwner><vpcEndpointState>{state}</vpcEndpointState></item></vpcEndpointConnectionSet></DescribeVpcEndpointConnectionsResponse>"
        );
        self.respond("DescribeVpcEndpointConnections", move |_| {
            (200, body.clone())
        })
    }
}

pub struct Interposer {
    pub url: String,
    actions: Arc<Mutex<Vec<String>>>,
    iam: Arc<Mutex<Vec<String>>>,
    /// While set, every AWS call is answered `ExpiredToken` (see [`Interposer::expire`]).
    expired: Arc<std::sync::atomic::AtomicBool>,
}

impl Interposer {
    pub async fn start(upstream: &str, rules: Rules) -> Interposer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream.trim_start_matches("http://").to_string();
        let actions = Arc::new(Mutex::new(Vec::new()));
        let rules = Arc::new(rules);
        let log = actions.clone();
        let iam = Arc::new(Mutex::new(Vec::new()));
        let iam_log = iam.clone();
        let expired = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let switch = expired.clone();
        tokio::spawn(async move {
            while let Ok((conn, _)) = listener.accept().await {
                let (upstream, rules, log) = (upstream.clone(), rules.clone(), log.clone());
                let (iam_log, switch) = (iam_log.clone(), switch.clone());
                tokio::spawn(async move {
                    let _ = serve(conn, &upstream, &rules, &log, &iam_log, &switch).await;
                });
            }
        });
        Interposer {
            url,
            actions,
            iam,
            expired,
        }
    }

    /// From now on (`true`) every AWS call is answered as AWS answers expired session
    /// credentials — HTTP 400 `ExpiredToken` in each service's error shape — until called
    /// again with `false`: the credentials expire between two cycles of a watch.
    pub fn expire(&self, on: bool) {
        self.expired.store(on, std::sync::atomic::Ordering::SeqCst);
    }

    /// Every request as the IAM action it needs, `service:Action`, the service taken from
    /// the SigV4 credential scope the SDK signed with (`unsigned:` when there was none).
    pub fn iam_actions(&self) -> Vec<String> {
        self.iam.lock().unwrap().clone()
    }

    /// Every API action the tool sent, in order.
    pub fn actions(&self) -> Vec<String> {
        self.actions.lock().unwrap().clone()
    }
}

struct Request {
    head: String,
    body: Vec<u8>,
}

async fn read_request(conn: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<Option<Request>> {
    loop {
        if let Some(end) = find(buf, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            let len = header(&head, "content-length")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let mut chunk = [0u8; 8192];
                let n = conn.read(&mut chunk).await?;
                if n == 0 {
                    return Ok(None);
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            let body = buf[end + 4..end + 4 + len].to_vec();
            buf.drain(..end + 4 + len);
            return Ok(Some(Request { head, body }));
        }
        let mut chunk = [0u8; 8192];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn header(head: &str, name: &str) -> Option<String> {
    head.lines().skip(1).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_string())
    })
}

pub fn parse_form(body: &[u8]) -> HashMap<String, String> {
    let text = String::from_utf8_lossy(body);
    text.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

async fn forward(upstream: &str, req: &Request) -> std::io::Result<(String, String, Vec<u8>)> {
    let mut up = TcpStream::connect(upstream).await?;
    // One request per upstream connection: read moto's answer to the end.
    let mut head: Vec<String> = req
        .head
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .map(str::to_string)
        .collect();
    head.push("Connection: close".into());
    let mut bytes = (head.join("\r\n") + "\r\n\r\n").into_bytes();
    bytes.extend_from_slice(&req.body);
    up.write_all(&bytes).await?;
    let mut resp = Vec::new();
    up.read_to_end(&mut resp).await?;
    let end = find(&resp, b"\r\n\r\n").unwrap_or(resp.len());
    let rhead = String::from_utf8_lossy(&resp[..end]).to_string();
    let mut body = resp.get(end + 4..).unwrap_or_default().to_vec();
    if header(&rhead, "transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body);
    }
    let status = rhead
        .lines()
        .next()
        .unwrap_or("HTTP/1.1 500 X")
        .split(' ')
        .nth(1)
        .unwrap_or("500")
        .to_string();
    let ctype = header(&rhead, "content-type").unwrap_or_else(|| "text/xml".into());
    Ok((status, ctype, body))
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = find(b, b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
    out
}

/// The access key id a SigV4 request was signed with.
fn access_key(head: &str) -> Option<String> {
    let auth = header(head, "authorization")?;
    let credential = auth.split("Credential=").nth(1)?;
    Some(credential.split('/').next()?.to_string())
}

/// The operation of a REST-style request (Route 53, VPC Lattice, Route 53 Profiles), from its method and path; unknown ones
/// keep `METHOD /path`, which no read-only check accepts.
fn rest_action(head: &str) -> String {
    let mut first = head.lines().next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default();
    let target = first.next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    // S3 (REST-XML, path style): a bucket's subresource is a bare query parameter.
    let subresource = |name: &str| {
        query
            .split('&')
            .any(|q| q == name || q == format!("{name}="))
    };
    match (method, path) {
        ("GET", p)
            if subresource("policy") && p.trim_end_matches('/').matches('/').count() == 1 =>
        {
            "GetBucketPolicy".into()
        }
        ("GET", "/2013-04-01/hostedzonesbyvpc") => "ListHostedZonesByVPC".into(),
        ("GET", p) if p.starts_with("/2013-04-01/hostedzone/") && p.ends_with("/rrset") => {
            "ListResourceRecordSets".into()
        }
        ("GET", p) if p.starts_with("/2013-04-01/hostedzone/") => "GetHostedZone".into(),
        ("GET", "/2013-04-01/hostedzone") => "ListHostedZones".into(),
        // VPC Lattice (REST-JSON): one resource configuration or resource gateway by id.
        ("GET", p) if p.starts_with("/resourceconfigurations/") => {
            "GetResourceConfiguration".into()
        }
        ("GET", p) if p.starts_with("/resourcegateways/") => "GetResourceGateway".into(),
        // Route 53 Profiles (REST-JSON): a VPC's profiles, a profile's resources.
        ("GET", "/profileassociations") => "ListProfileAssociations".into(),
        ("GET", p) if p.starts_with("/profileresourceassociations/profileid/") => {
            "ListProfileResourceAssociations".into()
        }
        // CloudWatch (Smithy RPC v2 CBOR): the operation is the path's last segment.
        ("POST", p) if p.starts_with("/service/GraniteServiceVersion20100801/operation/") => {
            p.rsplit('/').next().unwrap_or_default().to_string()
        }
        _ => format!("{method} {path}"),
    }
}

/// The API action of a request and its parameters: an EC2/ELB/STS Query form's `Action`; an
/// awsJson request's `X-Amz-Target` (`Route53Resolver.ListFirewallRules`) with the top-level
/// fields of its JSON body; else a REST request's action from its method and path
/// ([`rest_action`]) with its query parameters and, under `:path`, the path itself.
fn identify(req: &Request) -> (String, HashMap<String, String>) {
    if let Some(target) = header(&req.head, "x-amz-target") {
        let action = target.rsplit('.').next().unwrap_or_default().to_string();
        let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap_or_default();
        let form = body
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str().map_or_else(|| v.to_string(), str::to_string),
                )
            })
            .collect();
        return (action, form);
    }
    let form = parse_form(&req.body);
    if let Some(action) = form.get("Action") {
        return (action.clone(), form);
    }
    let target = req
        .head
        .lines()
        .next()
        .unwrap_or_default()
        .split(' ')
        .nth(1)
        .unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut form = parse_form(query.as_bytes());
    form.insert(":path".into(), decode(path));
    (rest_action(&req.head), form)
}

/// The signing service of a SigV4 request: `Credential=AKID/date/region/SERVICE/aws4_request`.
fn signing_service(head: &str) -> Option<String> {
    let auth = header(head, "authorization")?;
    let credential = auth.split("Credential=").nth(1)?;
    Some(credential.split('/').nth(3)?.to_string())
}

async fn write_response(
    conn: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
) -> std::io::Result<()> {
    // Smithy RPC v2 CBOR answers name their protocol; the SDK refuses them otherwise.
    let protocol = if ctype == "application/cbor" {
        "smithy-protocol: rpc-v2-cbor\r\n"
    } else {
        ""
    };
    let mut resp = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\n{protocol}Content-Length: {}\r\nConnection: keep-alive\r\n\r\n",
        body.len()
    )
    .into_bytes();
    resp.extend_from_slice(body);
    conn.write_all(&resp).await
}

/// `ExpiredToken` as `service` (the SigV4 signing name) spells its errors: awsJson and
/// REST-JSON services a JSON body, EC2 its `<Response><Errors>`, the other Query and
/// REST-XML services (STS, ELBv2, Route 53) `<ErrorResponse>`.
fn expired_token(service: &str, json: bool) -> Fault {
    let message = "The security token included in the request is expired";
    match service {
        _ if json => Fault::json_error(400, "ExpiredTokenException", message),
        // CloudWatch speaks Smithy RPC v2 CBOR.
        "cloudwatch" => Fault::cbor_error(400, "ExpiredTokenException", message),
        "ec2" => Fault::ec2_error(400, "ExpiredToken", message),
        _ => Fault::elb_error(400, "ExpiredToken", message),
    }
}

async fn serve(
    mut conn: TcpStream,
    upstream: &str,
    rules: &Rules,
    log: &Mutex<Vec<String>>,
    iam: &Mutex<Vec<String>>,
    expired: &std::sync::atomic::AtomicBool,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    while let Some(req) = read_request(&mut conn, &mut buf).await? {
        let (action, form) = identify(&req);
        log.lock().unwrap().push(action.clone());
        // CloudWatch signs as `monitoring`; its IAM actions are `cloudwatch:…`.
        let service = match signing_service(&req.head) {
            Some(s) if s == "monitoring" => "cloudwatch".to_string(),
            Some(s) => s,
            None => "unsigned".into(),
        };
        iam.lock().unwrap().push(format!("{service}:{action}"));
        if expired.load(std::sync::atomic::Ordering::SeqCst) {
            let json = header(&req.head, "x-amz-target").is_some()
                || matches!(service.as_str(), "vpc-lattice" | "route53profiles");
            if let Fault::Answer {
                status,
                content_type,
                body,
            } = expired_token(&service, json)
            {
                write_response(&mut conn, &status.to_string(), content_type, &body).await?;
                continue;
            }
        }
        let fault = rules
            .faults
            .iter()
            .find(|f| f.action == action && f.applies())
            .map(|f| f.fault.clone());
        let mut post_process = None;
        match fault {
            Some(Fault::Delay(d)) => tokio::time::sleep(d).await,
            Some(Fault::Hang) => {
                // Hold the connection, unanswered, until the client gives up and closes it.
                let mut sink = [0u8; 1024];
                while conn.read(&mut sink).await? > 0 {}
                return Ok(());
            }
            Some(Fault::Reset) => {
                conn.set_zero_linger()?;
                return Ok(());
            }
            Some(Fault::Answer {
                status,
                content_type,
                body,
            }) => {
                write_response(&mut conn, &status.to_string(), content_type, &body).await?;
                continue;
            }
            Some(Fault::Bytes(f)) => post_process = Some(f),
            None => {}
        }
        let answered = rules
            .responders
            .iter()
            .filter(|(a, _)| *a == action)
            .find_map(|(_, f)| f(&form));
        let (status, ctype, body) = if let Some((s, b)) = answered {
            // A REST-JSON service's answer (VPC Lattice) is JSON; EC2's is XML.
            let ctype = if b.trim_start().starts_with('{') {
                "application/json"
            } else {
                "text/xml"
            };
            (s.to_string(), ctype.to_string(), b)
        } else {
            let key = [
                req.head.lines().next().unwrap_or_default().as_bytes(),
                &req.body,
            ]
            .concat();
            let known = rules
                .cache
                .as_ref()
                .and_then(|c| c.lock().unwrap().get(&key).cloned());
            let (s, c, raw) = match known {
                Some(answer) => answer,
                None => {
                    let answer = forward(upstream, &req).await?;
                    if let Some(cache) = &rules.cache {
                        cache.lock().unwrap().insert(key, answer.clone());
                    }
                    answer
                }
            };
            // A binary (CBOR) answer passes as bytes: text rewrites would corrupt it.
            if c == "application/cbor" {
                let raw = match &post_process {
                    Some(f) => f(raw),
                    None => raw,
                };
                write_response(&mut conn, &s, &c, &raw).await?;
                continue;
            }
            let mut b = String::from_utf8_lossy(&raw).to_string();
            for (a, f) in &rules.rewrites {
                if *a == action {
                    b = f(b);
                }
            }
            let key = access_key(&req.head);
            for (a, k, f) in &rules.keyed_rewrites {
                if *a == action && key.as_deref() == Some(k.as_str()) {
                    b = f(b);
                }
            }
            (s, c, b)
        };
        let mut body = body.into_bytes();
        if let Some(f) = post_process {
            body = f(body);
        }
        write_response(&mut conn, &status, &ctype, &body).await?;
    }
    Ok(())
}
