//! What the user asked about: an endpoint id, or the symptom they start from — a DNS name, a
//! URL, an address, an AWS service or an endpoint service. Parsing only; which endpoint (if
//! any) serves it is worked out from facts by `checks::locate`.

use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

/// 8 or 17 lowercase hex digits, the two lengths AWS has used for resource ids.
pub fn is_resource_suffix(s: &str) -> bool {
    (s.len() == 8 || s.len() == 17)
        && s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The kind of target, as written in reports (`target.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// `vpce-…`: the endpoint itself.
    Endpoint,
    /// `vpce-svc-…`: an endpoint service; the client's endpoint of it is looked up.
    EndpointService,
    /// `com.amazonaws.REGION.NAME`, or the short `s3`, `ecr.api`, `sts` …
    ServiceName,
    /// A host name the clients use.
    DnsName,
    /// A URL: its host and port.
    Url,
    /// An address (with or without a port).
    Ip,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Endpoint => "endpoint",
            TargetKind::EndpointService => "endpoint_service",
            TargetKind::ServiceName => "service_name",
            TargetKind::DnsName => "dns_name",
            TargetKind::Url => "url",
            TargetKind::Ip => "ip",
        }
    }
}

/// A parsed target. `text` is what was asked (normalised), the other fields what it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asked {
    pub text: String,
    pub kind: TargetKind,
    /// `vpce-…` or `vpce-svc-…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The host name of a DNS name or URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpAddr>,
    /// The port a URL or `IP:port` names (a URL's scheme default when it names none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// A service name as given: full (`com.amazonaws.…`) or short (`s3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
}

impl fmt::Display for Asked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Short AWS service names with a dot in them; any other dotted target is a host name.
/// Users can always write the full `com.amazonaws.REGION.NAME`.
const DOTTED_SERVICES: &[&str] = &[
    "ecr.api",
    "ecr.dkr",
    "sagemaker.api",
    "sagemaker.runtime",
    "sagemaker.featurestore-runtime",
    "s3-global.accesspoint",
];

/// Ids of resources that are not a target but a client or a network part: what to do instead.
/// What to do instead, said in the reader's language when it is needed.
type Instead = fn() -> String;

const NOT_TARGETS: &[(&str, Instead)] = &[
    ("i-", || crate::t!("target-not-instance")),
    ("eni-", || crate::t!("target-not-eni")),
    ("subnet-", || crate::t!("target-not-subnet")),
    ("sg-", || crate::t!("target-not-sg")),
    ("vpc-", || crate::t!("target-not-vpc")),
];

/// What a target may be, in the reader's language (the examples stay as typed).
fn accepted() -> String {
    crate::t!("target-accepted")
}

impl Asked {
    fn new(text: String, kind: TargetKind) -> Asked {
        Asked {
            text,
            kind,
            id: None,
            name: None,
            ip: None,
            port: None,
            service: None,
        }
    }

    /// An endpoint asked by id (every target before symptom-first targets existed).
    pub fn endpoint(id: &str) -> Asked {
        Asked {
            id: Some(id.to_string()),
            ..Asked::new(id.to_string(), TargetKind::Endpoint)
        }
    }

    /// Parse a target; the error is one line naming what was wrong and what is accepted.
    pub fn parse(raw: &str) -> Result<Asked, String> {
        let s = raw.trim();
        let shown = || crate::sanitize::terminal_safe(s);
        if s.is_empty() {
            return Err(crate::t!("target-empty", accepted = accepted()));
        }
        // An endpoint's own DNS names start with its id too (vpce-…-….vpce.amazonaws.com):
        // only a dotless word is an id.
        let is_id = !s.contains('.');
        if is_id && let Some(rest) = s.strip_prefix("vpce-svc-") {
            return if is_resource_suffix(rest) {
                Ok(Asked {
                    id: Some(s.to_string()),
                    ..Asked::new(s.to_string(), TargetKind::EndpointService)
                })
            } else {
                Err(crate::t!(
                    "target-bad-service-id",
                    shown = format!("{:?}", shown())
                ))
            };
        }
        if is_id && let Some(rest) = s.strip_prefix("vpce-") {
            return if is_resource_suffix(rest) {
                Ok(Asked::endpoint(s))
            } else {
                Err(crate::t!(
                    "target-bad-endpoint-id",
                    shown = format!("{:?}", shown())
                ))
            };
        }
        if s.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(crate::t!(
                "target-not-a-target",
                shown = format!("{:?}", shown()),
                accepted = accepted()
            ));
        }
        for (prefix, instead) in NOT_TARGETS {
            if let Some(rest) = s.strip_prefix(prefix)
                && is_resource_suffix(rest)
            {
                return Err(crate::t!(
                    "target-not-a-target",
                    shown = format!("{:?}", shown()),
                    accepted = instead()
                ));
            }
        }
        if let Some((scheme, rest)) = s.split_once("://") {
            return parse_url(s, scheme, rest);
        }
        if let Some(asked) = parse_address(s) {
            return asked;
        }
        let lower = s.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("com.amazonaws.") {
            // com.amazonaws.vpce.REGION.vpce-svc-… is an endpoint service by its name.
            return if rest.split('.').count() >= 2 && rest.split('.').all(valid_label) {
                Ok(Asked {
                    service: Some(lower.clone()),
                    ..Asked::new(lower, TargetKind::ServiceName)
                })
            } else {
                Err(crate::t!(
                    "target-bad-service-name",
                    shown = format!("{:?}", shown())
                ))
            };
        }
        let (host, port) = split_port(&lower).map_err(|e| format!("{:?}: {e}", shown()))?;
        if !valid_host(host) {
            return Err(crate::t!(
                "target-not-a-target",
                shown = format!("{:?}", shown()),
                accepted = accepted()
            ));
        }
        let host = host.trim_end_matches('.').to_string();
        if port.is_none() && (!host.contains('.') || DOTTED_SERVICES.contains(&host.as_str())) {
            return Ok(Asked {
                service: Some(host.clone()),
                ..Asked::new(host, TargetKind::ServiceName)
            });
        }
        Ok(Asked {
            name: Some(host),
            port,
            ..Asked::new(lower, TargetKind::DnsName)
        })
    }

    /// The service name in `region`: a short name gets the AWS prefix.
    pub fn service_name(&self, region: &str) -> Option<String> {
        let s = self.service.as_deref()?;
        Some(if s.starts_with("com.amazonaws.") {
            s.to_string()
        } else {
            format!("com.amazonaws.{region}.{s}")
        })
    }
}

/// `IP`, `IP:port` or `[IPv6]:port`; `None` when `s` is no address at all.
fn parse_address(s: &str) -> Option<Result<Asked, String>> {
    let with = |ip: IpAddr, port: Option<u16>| {
        Ok(Asked {
            ip: Some(ip),
            port,
            ..Asked::new(s.to_string(), TargetKind::Ip)
        })
    };
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(with(ip, None));
    }
    if let Ok(sock) = s.parse::<std::net::SocketAddr>() {
        return Some(if sock.port() == 0 {
            Err(format!("{s:?}: port 0 is not a port: expected 1-65535"))
        } else {
            with(sock.ip(), Some(sock.port()))
        });
    }
    None
}

fn parse_url(s: &str, scheme: &str, rest: &str) -> Result<Asked, String> {
    let shown = crate::sanitize::terminal_safe(s);
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "https" => 443,
        "http" => 80,
        _ => {
            return Err(format!(
                "{shown:?}: unsupported URL scheme {scheme:?}: expected https:// or http://"
            ));
        }
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit('@').next().unwrap_or_default();
    if authority.is_empty() {
        return Err(format!(
            "{shown:?} is a URL without a host: expected https://host[:port]/…"
        ));
    }
    let url_asked = |name: Option<String>, ip: Option<IpAddr>, port: u16| Asked {
        name,
        ip,
        port: Some(port),
        ..Asked::new(s.to_string(), TargetKind::Url)
    };
    if let Some(v6) = authority.strip_prefix('[') {
        let (addr, after) = v6
            .split_once(']')
            .ok_or_else(|| format!("{shown:?}: an IPv6 host needs its closing ]"))?;
        let ip: IpAddr = addr
            .parse()
            .map_err(|_| format!("{shown:?}: {addr:?} is not an IPv6 address"))?;
        let port = match after.strip_prefix(':') {
            Some(p) => parse_port(p).map_err(|e| format!("{shown:?}: {e}"))?,
            None => default_port,
        };
        return Ok(url_asked(None, Some(ip), port));
    }
    let lower = authority.to_ascii_lowercase();
    let (host, port) = split_port(&lower).map_err(|e| format!("{shown:?}: {e}"))?;
    let port = port.unwrap_or(default_port);
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(url_asked(None, Some(ip), port));
    }
    if !valid_host(host) {
        return Err(format!("{shown:?}: {host:?} is not a host name"));
    }
    Ok(url_asked(
        Some(host.trim_end_matches('.').to_string()),
        None,
        port,
    ))
}

/// `host:port` → host and port; a host alone → no port.
fn split_port(s: &str) -> Result<(&str, Option<u16>), String> {
    match s.rsplit_once(':') {
        Some((host, port)) => Ok((host, Some(parse_port(port)?))),
        None => Ok((s, None)),
    }
}

fn parse_port(p: &str) -> Result<u16, String> {
    match p.parse::<u16>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{p:?} is not a port: expected 1-65535")),
    }
}

fn valid_label(l: &str) -> bool {
    !l.is_empty()
        && l.len() <= 63
        && l.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A DNS host name: labels of letters, digits, `-` and `_`, at most 253 characters.
fn valid_host(h: &str) -> bool {
    let h = h.strip_suffix('.').unwrap_or(h);
    !h.is_empty() && h.len() <= 253 && h.split('.').all(valid_label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> TargetKind {
        Asked::parse(s).unwrap_or_else(|e| panic!("{s}: {e}")).kind
    }

    #[test]
    fn every_kind_of_target_is_recognised() {
        assert_eq!(kind("vpce-0123456789abcdef0"), TargetKind::Endpoint);
        assert_eq!(
            kind("vpce-svc-0123456789abcdef0"),
            TargetKind::EndpointService
        );
        assert_eq!(kind("s3"), TargetKind::ServiceName);
        assert_eq!(kind("ecr.api"), TargetKind::ServiceName);
        assert_eq!(kind("com.amazonaws.us-east-1.sts"), TargetKind::ServiceName);
        assert_eq!(kind("orders-api.internal.example.com"), TargetKind::DnsName);
        assert_eq!(
            kind(
                "vpce-0a1b2c3d4e5f60718-k3m9x2qp.vpce-svc-0f1e2d3c4b5a69788.us-east-1.vpce.amazonaws.com"
            ),
            TargetKind::DnsName
        );
        assert_eq!(
            kind("orders-api.internal.example.com."),
            TargetKind::DnsName
        );
        assert_eq!(
            kind("https://orders.example.com:8443/health"),
            TargetKind::Url
        );
        assert_eq!(kind("10.0.1.15"), TargetKind::Ip);
        assert_eq!(kind("10.0.1.15:8443"), TargetKind::Ip);
        assert_eq!(kind("[2600:1f18::5]:443"), TargetKind::Ip);
    }

    #[test]
    fn urls_give_their_host_and_port() {
        let a = Asked::parse("https://Orders.Example.com:8443/path?q=1#x").unwrap();
        assert_eq!(a.name.as_deref(), Some("orders.example.com"));
        assert_eq!(a.port, Some(8443));
        let a = Asked::parse("http://user@orders.example.com/").unwrap();
        assert_eq!(a.port, Some(80));
        let a = Asked::parse("https://[2600:1f18::5]/").unwrap();
        assert_eq!(a.ip, Some("2600:1f18::5".parse().unwrap()));
        assert_eq!(a.port, Some(443));
        let a = Asked::parse("orders.example.com:8443").unwrap();
        assert_eq!(
            (a.name.as_deref(), a.port),
            (Some("orders.example.com"), Some(8443))
        );
    }

    #[test]
    fn short_service_names_get_the_region() {
        let a = Asked::parse("ecr.dkr").unwrap();
        assert_eq!(
            a.service_name("eu-west-1").as_deref(),
            Some("com.amazonaws.eu-west-1.ecr.dkr")
        );
        let a = Asked::parse("com.amazonaws.us-east-1.s3").unwrap();
        assert_eq!(
            a.service_name("eu-west-1").as_deref(),
            Some("com.amazonaws.us-east-1.s3")
        );
    }

    #[test]
    fn malformed_input_is_refused_in_one_line_naming_what_is_accepted() {
        for bad in [
            "",
            "https://",
            "https:///path",
            "ftp://host",
            "vpce-0123",
            "vpce-svc-XYZ",
            "host name",
            "10.0.0.1:0",
            "10.0.0.1:99999",
            "bad_host!.com",
            "com.amazonaws.",
            "i-0123456789abcdef0",
            "vpc-0123456789abcdef0",
            "a\u{1b}[31m",
        ] {
            let e = Asked::parse(bad).unwrap_err();
            assert!(!e.contains('\n') && !e.contains('\u{1b}'), "{bad}: {e}");
        }
        assert!(
            Asked::parse("https://")
                .unwrap_err()
                .contains("without a host")
        );
        assert!(
            Asked::parse("i-0123456789abcdef0")
                .unwrap_err()
                .contains("--from")
        );
    }
}
