//! Which VPC this machine is in, as the EC2 instance metadata service says (IMDSv2).
//!
//! A local address inside the endpoint VPC's CIDR proves nothing: 10.0.0.0/16 is in every
//! other account, on VPNs and on CI runners. Only the metadata of the instance we run on
//! names its VPC. The lookup is one short attempt with no retries, so a laptop (no metadata
//! service) pays about a second at most, once per run.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What the metadata service said about where this machine is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImdsAnswer {
    /// An EC2 instance whose primary interface is in `vpc_id`.
    Vpc { vpc_id: String, mac: String },
    /// `AWS_EC2_METADATA_DISABLED=true`: not asked.
    Disabled,
    /// No usable answer (not an EC2 instance, IMDS off, hop limit, timeout …).
    Unavailable { message: String },
}

const DEFAULT_ENDPOINT: &str = "http://169.254.169.254";
/// Per request: the service answers in milliseconds on an instance; elsewhere nothing answers.
const TIMEOUT: Duration = Duration::from_secs(1);

/// Ask the metadata service named by the standard environment.
pub async fn lookup() -> ImdsAnswer {
    match endpoint_from(
        std::env::var("AWS_EC2_METADATA_DISABLED").ok(),
        std::env::var("AWS_EC2_METADATA_SERVICE_ENDPOINT").ok(),
    ) {
        Some(endpoint) => lookup_at(&endpoint).await,
        None => ImdsAnswer::Disabled,
    }
}

/// The service's address from the two standard variables; `None` when it is disabled.
fn endpoint_from(disabled: Option<String>, endpoint: Option<String>) -> Option<String> {
    if disabled.is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return None;
    }
    Some(
        endpoint
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| DEFAULT_ENDPOINT.to_string()),
    )
}

/// IMDSv2: a session token (PUT), then the primary interface's MAC and that interface's VPC.
pub async fn lookup_at(endpoint: &str) -> ImdsAnswer {
    let unavailable = |message: String| ImdsAnswer::Unavailable { message };
    let Some(authority) = authority(endpoint) else {
        return unavailable(format!(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT {endpoint:?} is not an http:// URL"
        ));
    };
    let token = match request(
        &authority,
        "PUT",
        "/latest/api/token",
        "X-aws-ec2-metadata-token-ttl-seconds: 60",
    )
    .await
    {
        Ok(t) => t,
        Err(e) => return unavailable(e),
    };
    let header = format!("X-aws-ec2-metadata-token: {token}");
    let mac = match request(&authority, "GET", "/latest/meta-data/mac", &header).await {
        Ok(m) => m,
        Err(e) => return unavailable(e),
    };
    if mac.is_empty() || mac.contains(['/', ' ', '\n']) {
        return unavailable(format!("unexpected MAC {mac:?} from the metadata service"));
    }
    let path = format!("/latest/meta-data/network/interfaces/macs/{mac}/vpc-id");
    match request(&authority, "GET", &path, &header).await {
        Ok(vpc_id) if vpc_id.starts_with("vpc-") && !vpc_id.contains(char::is_whitespace) => {
            ImdsAnswer::Vpc { vpc_id, mac }
        }
        Ok(other) => unavailable(format!(
            "unexpected VPC id {other:?} from the metadata service"
        )),
        Err(e) => unavailable(e),
    }
}

/// `host:port` of an `http://` URL (IMDS is plain HTTP on a link-local or loopback address).
fn authority(endpoint: &str) -> Option<String> {
    let rest = endpoint.trim().strip_prefix("http://")?;
    let host = rest.split('/').next().filter(|h| !h.is_empty())?;
    // A bracketed IPv6 literal ([fd00:ec2::254]) keeps its colons.
    let has_port = match host.rfind(']') {
        Some(close) => host[close..].contains(':'),
        None => host.contains(':'),
    };
    Some(if has_port {
        host.to_string()
    } else {
        format!("{host}:80")
    })
}

/// One HTTP/1.1 request with `Connection: close`; the body of a 200 answer, trimmed.
async fn request(
    authority: &str,
    method: &str,
    path: &str,
    header: &str,
) -> Result<String, String> {
    let host = authority
        .rsplit_once(':')
        .map(|(h, _)| h)
        .unwrap_or(authority);
    let exchange = async {
        let mut stream = TcpStream::connect(authority)
            .await
            .map_err(|e| format!("no metadata service at {authority}: {e}"))?;
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\n{header}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        stream
            .write_all(req.as_bytes())
            .await
            .map_err(|e| format!("metadata request failed: {e}"))?;
        let mut raw = Vec::new();
        // A metadata answer is a few bytes; anything large is not the service we mean.
        (&mut stream)
            .take(64 * 1024)
            .read_to_end(&mut raw)
            .await
            .map_err(|e| format!("metadata answer failed: {e}"))?;
        Ok::<Vec<u8>, String>(raw)
    };
    let raw = tokio::time::timeout(TIMEOUT, exchange)
        .await
        .map_err(|_| format!("the metadata service at {authority} did not answer within 1s"))??;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| "malformed answer from the metadata service".to_string())?;
    let status = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("");
    if status != "200" {
        return Err(format!(
            "the metadata service answered {status} to {method} {path}"
        ));
    }
    let chunked = head.lines().any(|l| {
        l.to_ascii_lowercase()
            .replace(' ', "")
            .starts_with("transfer-encoding:chunked")
    });
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Ok(body.trim().to_string())
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    /// A loopback metadata service: answers the token, MAC and VPC paths for `vpc`.
    async fn fake_imds(vpc: &'static str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            loop {
                let Ok((mut s, _)) = listener.accept().await else {
                    return;
                };
                let mut buf = vec![0u8; 4096];
                let n = s.read(&mut buf).await.unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..n]).to_string();
                let body = if req.starts_with("PUT /latest/api/token") {
                    Some("tok")
                } else if !req.contains("X-aws-ec2-metadata-token: tok") {
                    None
                } else if req.starts_with("GET /latest/meta-data/mac ") {
                    Some("0e:aa:bb:cc:dd:ee")
                } else if req.starts_with(
                    "GET /latest/meta-data/network/interfaces/macs/0e:aa:bb:cc:dd:ee/vpc-id ",
                ) {
                    Some(vpc)
                } else {
                    None
                };
                let resp = match body {
                    Some(b) => format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{b}", b.len()),
                    None => "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n".into(),
                };
                let _ = s.write_all(resp.as_bytes()).await;
            }
        });
        format!("http://{addr}")
    }

    #[tokio::test]
    async fn the_vpc_comes_from_the_primary_interface() {
        let url = fake_imds("vpc-0abc").await;
        assert_eq!(
            lookup_at(&url).await,
            ImdsAnswer::Vpc {
                vpc_id: "vpc-0abc".into(),
                mac: "0e:aa:bb:cc:dd:ee".into()
            }
        );
    }

    #[tokio::test]
    async fn no_service_is_unavailable_quickly() {
        // A port nothing listens on: refused at once.
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", l.local_addr().unwrap());
        drop(l);
        assert!(matches!(
            lookup_at(&url).await,
            ImdsAnswer::Unavailable { .. }
        ));
        assert!(matches!(
            lookup_at("https://169.254.169.254").await,
            ImdsAnswer::Unavailable { .. }
        ));
    }

    #[test]
    fn the_standard_variables_disable_or_move_the_service() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(endpoint_from(s("true"), s("http://127.0.0.1:9")), None);
        assert_eq!(endpoint_from(s("TRUE"), None), None);
        assert_eq!(
            endpoint_from(s("false"), s("http://127.0.0.1:9")).as_deref(),
            Some("http://127.0.0.1:9")
        );
        assert_eq!(
            endpoint_from(None, s(" ")).as_deref(),
            Some("http://169.254.169.254")
        );
    }

    #[tokio::test]
    async fn a_service_that_never_answers_costs_one_timeout() {
        // Accepts and stays silent, like a filtered link-local address.
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let hold = tokio::spawn(async move {
            let mut open = Vec::new();
            while let Ok((s, _)) = listener.accept().await {
                open.push(s);
            }
        });
        let started = std::time::Instant::now();
        assert!(matches!(
            lookup_at(&url).await,
            ImdsAnswer::Unavailable { .. }
        ));
        assert!(started.elapsed() < Duration::from_secs(3));
        hold.abort();
    }

    #[test]
    fn endpoint_urls() {
        assert_eq!(
            authority("http://169.254.169.254").as_deref(),
            Some("169.254.169.254:80")
        );
        assert_eq!(
            authority("http://127.0.0.1:8111/").as_deref(),
            Some("127.0.0.1:8111")
        );
        assert_eq!(
            authority("http://[fd00:ec2::254]").as_deref(),
            Some("[fd00:ec2::254]:80")
        );
        assert_eq!(dechunk("3\r\nabc\r\n0\r\n\r\n"), "abc");
    }
}
