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

#[derive(Default, Clone)]
pub struct Rules {
    rewrites: Vec<(String, Rewrite)>,
    responders: Vec<(String, Responder)>,
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

    /// These rules first, then `other`'s (the first matching responder answers).
    pub fn then(mut self, other: Rules) -> Rules {
        self.rewrites.extend(other.rewrites);
        self.responders.extend(other.responders);
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
}

impl Interposer {
    pub async fn start(upstream: &str, rules: Rules) -> Interposer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream.trim_start_matches("http://").to_string();
        let actions = Arc::new(Mutex::new(Vec::new()));
        let rules = Arc::new(rules);
        let log = actions.clone();
        tokio::spawn(async move {
            while let Ok((conn, _)) = listener.accept().await {
                let (upstream, rules, log) = (upstream.clone(), rules.clone(), log.clone());
                tokio::spawn(async move {
                    let _ = serve(conn, &upstream, &rules, &log).await;
                });
            }
        });
        Interposer { url, actions }
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

async fn forward(upstream: &str, req: &Request) -> std::io::Result<(String, String, String)> {
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
    Ok((status, ctype, String::from_utf8_lossy(&body).to_string()))
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

async fn serve(
    mut conn: TcpStream,
    upstream: &str,
    rules: &Rules,
    log: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    while let Some(req) = read_request(&mut conn, &mut buf).await? {
        let form = parse_form(&req.body);
        let action = form.get("Action").cloned().unwrap_or_default();
        log.lock().unwrap().push(action.clone());
        let answered = rules
            .responders
            .iter()
            .filter(|(a, _)| *a == action)
            .find_map(|(_, f)| f(&form));
        let (status, ctype, body) = if let Some((s, b)) = answered {
            (s.to_string(), "text/xml".to_string(), b)
        } else {
            let (s, c, mut b) = forward(upstream, &req).await?;
            for (a, f) in &rules.rewrites {
                if *a == action {
                    b = f(b);
                }
            }
            (s, c, b)
        };
        let resp = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: keep-alive\r\n\r\n{body}",
            body.len()
        );
        conn.write_all(resp.as_bytes()).await?;
    }
    Ok(())
}
