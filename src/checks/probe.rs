//! `endpoint.tcp_connect`: the one active check. It runs only with `--probe`, and only where
//! its answer means something: inside the endpoint's VPC.

use super::findings::Findings;
use super::sg::ports_in_use;
use super::*;
use crate::facts::model::TcpProbe;

pub async fn tcp_connect(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = interface_endpoint_or(ctx, "have no addresses of their own to connect to").await?;
    if !ctx.run.probe {
        return Ok(Outcome::not_applicable(
            "active probes are off: pass --probe to open a TCP connection to each endpoint address (the tool sends no traffic by default)",
        ));
    }
    let vantage = vantage(ctx, &ep).await?;
    if !vantage.inside {
        return Ok(Outcome::not_applicable(format!(
            "this machine is outside {} ({}): a connect from here says nothing about clients in the VPC; run `vpce-doctor check {} --probe` on an instance in {}",
            ep.vpc_id, vantage.detail, ep.id, ep.vpc_id
        )));
    }
    let enis = ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let (ports, port_origin) = ports_in_use(ctx, &ep).await;
    let mut probes = Vec::new();
    // An IPv6-only endpoint is probed on its IPv6 addresses; a dual-stack one on IPv4, which
    // every machine in the VPC has (one without an IPv6 route would see a false failure).
    let v6_only = super::family::served(&ep).only_v6();
    for n in &enis {
        let addresses: Vec<&String> = if v6_only {
            n.ipv6_addresses.iter().collect()
        } else {
            n.private_ip.iter().chain(n.private_ips.iter()).collect()
        };
        for ip in addresses
            .into_iter()
            .filter_map(|s| s.parse::<IpAddr>().ok())
            .collect::<std::collections::BTreeSet<_>>()
        {
            for &port in &ports {
                probes.push((n.clone(), ip, port));
            }
        }
    }
    if probes.is_empty() {
        return Ok(Outcome::unknown(format!(
            "could not check: {} has no interface addresses",
            ep.id
        )));
    }
    let results = futures_util::future::join_all(
        probes
            .iter()
            .map(|(_, ip, port)| ctx.facts.tcp_connect(*ip, *port)),
    )
    .await;
    let mut rows = Vec::new();
    let mut findings = Findings::default();
    for ((eni, ip, port), result) in probes.iter().zip(results) {
        let result = result.map_err(|e| could_not_tell(ctx, &e, false))?;
        let address = vec![("ip", ip.to_string()), ("port", port.to_string())];
        let text = match &result {
            TcpProbe::Open { ms } => format!("open ({ms} ms)"),
            TcpProbe::Refused => {
                findings.fail(format!("{ip}:{port} refused the connection"));
                findings.fix("refused", address);
                "refused".into()
            }
            TcpProbe::Timeout { after_ms } => {
                findings.fail(format!("{ip}:{port} did not answer within {after_ms} ms"));
                findings.fix("timeout", address);
                format!("timeout ({after_ms} ms)")
            }
            TcpProbe::Failed { message } => {
                findings.unknown(format!("{ip}:{port}: {message}"));
                format!("error: {message}")
            }
        };
        rows.push(vec![
            eni.id.clone(),
            eni.availability_zone.clone(),
            ip.to_string(),
            port.to_string(),
            text,
        ]);
    }
    let passed = format!(
        "every endpoint address accepts TCP {} ({} connection(s))",
        join(&ports),
        rows.len()
    );
    Ok(findings
        .verdict_first_fix_of_each(passed)
        .field("vantage", vantage.detail)
        .field("ports", format!("{} ({port_origin})", join(&ports)))
        .table(
            "TCP connect from this machine",
            &["interface", "zone", "address", "port", "result"],
            rows,
        ))
}
