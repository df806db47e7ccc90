//! A real DNS server on loopback (hickory-server, in process) serving a scenario's names.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use hickory_server::Server;
use hickory_server::net::runtime::TokioRuntimeProvider;
use hickory_server::proto::rr::rdata::{A, AAAA, SOA, TXT};
use hickory_server::proto::rr::{LowerName, Name, RData, Record};
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneType};

pub struct DnsServer {
    pub addr: SocketAddr,
    _server: Server<Catalog>,
}

fn name(s: &str) -> Name {
    Name::from_ascii(format!("{}.", s.trim_end_matches('.'))).unwrap()
}

/// Authoritative for the root, so it answers every name: the given ones with their A
/// records and TXT records (one record per value, as public DNS would serve a provider's
/// verification record), all others NXDOMAIN.
pub async fn start_with_txt(
    records: &[(String, Vec<Ipv4Addr>)],
    txt: &[(String, Vec<String>)],
) -> DnsServer {
    let records: Vec<(String, Vec<IpAddr>)> = records
        .iter()
        .map(|(n, ips)| (n.clone(), ips.iter().copied().map(IpAddr::V4).collect()))
        .collect();
    serve(&records, txt).await
}

/// Addresses of both families: an IPv4 address is an A record, an IPv6 one AAAA (a name
/// given only IPv4 addresses answers an AAAA question with no records, as DNS does).
pub async fn start_dual(records: &[(String, Vec<IpAddr>)]) -> DnsServer {
    serve(records, &[]).await
}

async fn serve(records: &[(String, Vec<IpAddr>)], txt: &[(String, Vec<String>)]) -> DnsServer {
    let origin = Name::root();
    let mut zone = InMemoryZoneHandler::<TokioRuntimeProvider>::empty(
        origin.clone(),
        ZoneType::Primary,
        AxfrPolicy::Deny,
    );
    zone.upsert_mut(
        Record::from_rdata(
            origin.clone(),
            300,
            RData::SOA(SOA::new(
                name("ns.test"),
                name("admin.test"),
                1,
                3600,
                600,
                86400,
                60,
            )),
        ),
        1,
    );
    for (n, ips) in records {
        for ip in ips {
            let data = match ip {
                IpAddr::V4(v4) => RData::A(A::from(*v4)),
                IpAddr::V6(v6) => RData::AAAA(AAAA::from(*v6)),
            };
            zone.upsert_mut(Record::from_rdata(name(n), 60, data), 1);
        }
    }
    for (n, values) in txt {
        for v in values {
            zone.upsert_mut(
                Record::from_rdata(name(n), 60, RData::TXT(TXT::new(vec![v.clone()]))),
                1,
            );
        }
    }
    let mut catalog = Catalog::new();
    catalog.upsert(LowerName::new(&origin), vec![Arc::new(zone)]);
    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let addr = socket.local_addr().unwrap();
    let mut server = Server::new(catalog);
    server.register_socket(socket);
    DnsServer {
        addr,
        _server: server,
    }
}

/// A UDP socket that never answers: a DNS server that times out.
pub async fn silent() -> (SocketAddr, tokio::net::UdpSocket) {
    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    (socket.local_addr().unwrap(), socket)
}
