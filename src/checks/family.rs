//! Address families: which of IPv4 and IPv6 an interface endpoint serves (`IpAddressType`),
//! which DNS records its names carry (`DnsOptions.DnsRecordIpType`), and the addresses each
//! record must hold.

use std::net::IpAddr;

use crate::facts::RecordType;
use crate::facts::model::{Endpoint, NetworkInterface};

/// The families the endpoint's interfaces have addresses in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Families {
    pub v4: bool,
    pub v6: bool,
}

impl Families {
    pub fn only_v6(self) -> bool {
        self.v6 && !self.v4
    }
}

/// What `IpAddressType` says; absent (older endpoints, older snapshots) is IPv4, and a value
/// this tool does not know is judged as IPv4 here and shown raw by `endpoint.ip_type`.
pub fn served(ep: &Endpoint) -> Families {
    match ep
        .ip_address_type
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("ipv6") => Families {
            v4: false,
            v6: true,
        },
        Some("dualstack") => Families { v4: true, v6: true },
        _ => Families {
            v4: true,
            v6: false,
        },
    }
}

/// Which name a record set belongs to: AWS treats the service's private name and the
/// endpoint's own (regional and zonal) names differently under `service-defined`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Endpoint,
    Private,
}

/// The address records a name of the endpoint carries. `service-defined` makes A records
/// for every name and AAAA records for the regional and zonal names only (of a dual-stack
/// endpoint). Without a record type (older endpoints and snapshots) the names carry the
/// family the endpoint has: A, or AAAA for an IPv6-only one.
pub fn records(ep: &Endpoint, kind: NameKind) -> Vec<RecordType> {
    let fam = served(ep);
    let record = ep
        .dns_record_ip_type
        .as_deref()
        .map(str::to_ascii_lowercase);
    match record.as_deref() {
        Some("ipv4") => vec![RecordType::A],
        Some("ipv6") => vec![RecordType::Aaaa],
        Some("dualstack") => vec![RecordType::A, RecordType::Aaaa],
        Some("service-defined") if kind == NameKind::Endpoint && fam.v6 && fam.v4 => {
            vec![RecordType::A, RecordType::Aaaa]
        }
        Some("service-defined") if fam.only_v6() => vec![RecordType::Aaaa],
        Some("service-defined") => vec![RecordType::A],
        _ if fam.only_v6() => vec![RecordType::Aaaa],
        _ => vec![RecordType::A],
    }
}

/// The interfaces' addresses a record of `record` type must hold.
pub fn addresses(enis: &[NetworkInterface], record: RecordType) -> Vec<IpAddr> {
    let mut ips: Vec<IpAddr> = match record {
        RecordType::A => return super::eni_ips(enis),
        RecordType::Aaaa => enis
            .iter()
            .flat_map(|n| n.ipv6_addresses.iter())
            .filter_map(|s| s.parse().ok())
            .collect(),
    };
    ips.sort();
    ips.dedup();
    ips
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(ip: Option<&str>, record: Option<&str>) -> Endpoint {
        Endpoint {
            ip_address_type: ip.map(str::to_string),
            dns_record_ip_type: record.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn record_types_follow_the_dns_record_ip_type() {
        use NameKind::*;
        use RecordType::*;
        assert_eq!(records(&ep(None, None), Endpoint), vec![A]);
        assert_eq!(records(&ep(Some("ipv6"), None), Endpoint), vec![Aaaa]);
        assert_eq!(
            records(&ep(Some("ipv6"), Some("ipv6")), Private),
            vec![Aaaa]
        );
        assert_eq!(
            records(&ep(Some("dualstack"), Some("dualstack")), Private),
            vec![A, Aaaa]
        );
        assert_eq!(
            records(&ep(Some("dualstack"), Some("ipv4")), Endpoint),
            vec![A]
        );
        assert_eq!(
            records(&ep(Some("dualstack"), Some("service-defined")), Endpoint),
            vec![A, Aaaa]
        );
        assert_eq!(
            records(&ep(Some("dualstack"), Some("service-defined")), Private),
            vec![A]
        );
        assert_eq!(
            records(&ep(Some("DualStack"), Some("DualStack")), Endpoint),
            vec![A, Aaaa]
        );
    }
}
