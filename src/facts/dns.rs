//! DNS observations through hickory-resolver: the system configuration by default, or one
//! chosen server (`--dns-server IP[:PORT]`).

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hickory_resolver::config::{
    ConnectionConfig, LookupIpStrategy, NameServerConfig, ResolverConfig,
};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::{Resolver, TokioResolver};

use hickory_resolver::proto::rr::{RData, RecordType as WireType};

use super::RecordType;
use super::model::{DnsAnswer, TxtAnswer};

pub struct DnsClient {
    resolver: TokioResolver,
    /// Human description of where answers come from, for reports.
    pub description: String,
    /// Per query; also bounds the TCP probe.
    pub timeout: Duration,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot set up DNS resolution: {0}")]
pub struct DnsSetupError(String);

impl DnsClient {
    /// The resolver configured on this machine (/etc/resolv.conf).
    pub fn system(timeout: Duration) -> Result<DnsClient, DnsSetupError> {
        let mut builder = Resolver::builder_tokio().map_err(|e| DnsSetupError(e.to_string()))?;
        tune(builder.options_mut(), timeout);
        Ok(DnsClient {
            resolver: builder.build().map_err(|e| DnsSetupError(e.to_string()))?,
            description: "system resolver".to_string(),
            timeout,
        })
    }

    /// One specific server, over UDP with TCP fallback for truncated answers.
    pub fn server(addr: SocketAddr, timeout: Duration) -> Result<DnsClient, DnsSetupError> {
        let mut udp = ConnectionConfig::udp();
        udp.port = addr.port();
        let mut tcp = ConnectionConfig::tcp();
        tcp.port = addr.port();
        let ns = NameServerConfig::new(addr.ip(), true, vec![udp, tcp]);
        let mut builder = Resolver::builder_with_config(
            ResolverConfig::from_name_servers(vec![ns]),
            TokioRuntimeProvider::default(),
        );
        tune(builder.options_mut(), timeout);
        Ok(DnsClient {
            resolver: builder.build().map_err(|e| DnsSetupError(e.to_string()))?,
            description: format!("DNS server {addr}"),
            timeout,
        })
    }

    /// The A or AAAA records of `name` (after any CNAME chain the server followed).
    pub async fn lookup(&self, name: &str, record: RecordType) -> DnsAnswer {
        // A trailing dot: the name is absolute, so no search domain is ever appended.
        let fqdn = format!("{}.", name.trim_end_matches('.'));
        let wire = match record {
            RecordType::A => WireType::A,
            RecordType::Aaaa => WireType::AAAA,
        };
        match self.resolver.lookup(fqdn.as_str(), wire).await {
            Ok(found) => {
                let mut ips: Vec<IpAddr> = found
                    .answers()
                    .iter()
                    .filter_map(|r| match &r.data {
                        RData::A(a) if record == RecordType::A => Some(IpAddr::V4(a.0)),
                        RData::AAAA(a) if record == RecordType::Aaaa => Some(IpAddr::V6(a.0)),
                        _ => None,
                    })
                    .collect();
                ips.sort();
                ips.dedup();
                if ips.is_empty() {
                    DnsAnswer::NoRecords
                } else {
                    DnsAnswer::Addresses { ips }
                }
            }
            Err(e) => classify(&e),
        }
    }

    pub async fn lookup_txt(&self, name: &str) -> TxtAnswer {
        let fqdn = format!("{}.", name.trim_end_matches('.'));
        match self.resolver.txt_lookup(fqdn.as_str()).await {
            Ok(found) => {
                let values: Vec<String> = found
                    .answers()
                    .iter()
                    .filter_map(|r| match &r.data {
                        RData::TXT(txt) => Some(
                            txt.txt_data
                                .iter()
                                .map(|part| String::from_utf8_lossy(part).to_string())
                                .collect::<String>(),
                        ),
                        _ => None,
                    })
                    .collect();
                if values.is_empty() {
                    TxtAnswer::NoRecords
                } else {
                    TxtAnswer::Records { values }
                }
            }
            Err(e) => match classify(&e) {
                DnsAnswer::NxDomain => TxtAnswer::NxDomain,
                DnsAnswer::NoRecords => TxtAnswer::NoRecords,
                DnsAnswer::Timeout => TxtAnswer::Timeout,
                DnsAnswer::Failed { message } => TxtAnswer::Failed { message },
                DnsAnswer::ServFail => TxtAnswer::Failed {
                    message: "the server answered SERVFAIL".into(),
                },
                DnsAnswer::Truncated => TxtAnswer::Failed {
                    message: "the answer was truncated and none came over TCP".into(),
                },
                DnsAnswer::Addresses { .. } => TxtAnswer::NoRecords,
            },
        }
    }
}

fn tune(opts: &mut hickory_resolver::config::ResolverOpts, timeout: Duration) {
    opts.timeout = timeout;
    opts.attempts = 2;
    // A diagnostic tool must see what the server says now, not what it said a minute ago.
    opts.cache_size = 0;
    // Each lookup names its record type; this governs only names given as hosts.
    opts.ip_strategy = LookupIpStrategy::Ipv4Only;
    opts.ndots = 0;
}

fn classify(e: &NetError) -> DnsAnswer {
    if e.is_nx_domain() {
        DnsAnswer::NxDomain
    } else if e.is_no_records_found() {
        DnsAnswer::NoRecords
    } else if matches!(e, NetError::Timeout) || e.to_string().to_lowercase().contains("timed out") {
        DnsAnswer::Timeout
    } else if matches!(
        e,
        NetError::Dns(DnsError::ResponseCode(ResponseCode::ServFail))
    ) {
        DnsAnswer::ServFail
    } else if matches!(e, NetError::Truncated) {
        // hickory retries a truncated UDP answer over TCP and reports this when TCP gave
        // nothing better (refused, reset, or truncated again).
        DnsAnswer::Truncated
    } else {
        DnsAnswer::Failed {
            message: e.to_string(),
        }
    }
}

/// Parse `IP[:PORT]` (and `[v6]:PORT`), port 53 by default.
pub fn parse_server(s: &str) -> Result<SocketAddr, String> {
    let err = || {
        format!(
            "invalid --dns-server {s:?}: expected IP or IP:PORT, e.g. 10.0.0.2 or 127.0.0.1:5353"
        )
    };
    if let Ok(sa) = s.parse::<SocketAddr>() {
        return Ok(sa);
    }
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, 53));
    }
    if let Ok(ip) = s
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    {
        return Ok(SocketAddr::new(ip, 53));
    }
    Err(err())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_server_forms() {
        assert_eq!(
            parse_server("10.0.0.2").unwrap(),
            "10.0.0.2:53".parse().unwrap()
        );
        assert_eq!(
            parse_server("127.0.0.1:5353").unwrap(),
            "127.0.0.1:5353".parse().unwrap()
        );
        assert_eq!(
            parse_server("[::1]:53").unwrap(),
            "[::1]:53".parse().unwrap()
        );
        assert_eq!(parse_server("::1").unwrap(), "[::1]:53".parse().unwrap());
        assert!(parse_server("dns.example.com").is_err());
        assert!(parse_server("10.0.0.2:99999").is_err());
    }
}
