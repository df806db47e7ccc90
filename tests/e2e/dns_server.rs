//! A real DNS server on loopback (hickory-server, in process) serving a scenario's names.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use hickory_server::Server;
use hickory_server::net::runtime::TokioRuntimeProvider;
use hickory_server::proto::rr::rdata::{A, SOA, TXT};
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
/// records, all others NXDOMAIN.
pub async fn start(records: &[(String, Vec<Ipv4Addr>)]) -> DnsServer {
    start_with_txt(records, &[]).await
}

/// As [`start`], plus TXT records (one record per value), as public DNS would serve a
/// provider's verification record.
pub async fn start_with_txt(
    records: &[(String, Vec<Ipv4Addr>)],
    txt: &[(String, Vec<String>)],
) -> DnsServer {
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
            zone.upsert_mut(Record::from_rdata(name(n), 60, RData::A(A::from(*ip))), 1);
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
