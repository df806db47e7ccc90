//! The one active probe: a TCP connect from this machine, bounded by a timeout. Run only when
//! the user asks for probes (`--probe`); nothing is sent after the handshake.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::model::TcpProbe;

pub async fn connect(addr: SocketAddr, timeout: Duration) -> TcpProbe {
    let started = Instant::now();
    match tokio::time::timeout(timeout, tokio::net::TcpStream::connect(addr)).await {
        Ok(Ok(stream)) => {
            drop(stream);
            TcpProbe::Open {
                ms: started.elapsed().as_millis() as u64,
            }
        }
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::ConnectionRefused => TcpProbe::Refused,
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::TimedOut => TcpProbe::Timeout {
            after_ms: started.elapsed().as_millis() as u64,
        },
        Ok(Err(e)) => TcpProbe::Failed {
            message: e.to_string(),
        },
        Err(_) => TcpProbe::Timeout {
            after_ms: timeout.as_millis() as u64,
        },
    }
}
