//! `endpoint.tcp_connect`: the one active check. It runs only with `--probe`, and only where
//! its answer means something: inside the endpoint's VPC.

use super::findings::Findings;
use super::sg::ports_in_use;
use super::*;
use crate::facts::model::TcpProbe;

pub async fn tcp_connect(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = interface_endpoint_or(ctx, &crate::t!("probe-why-no-addresses")).await?;
    if !ctx.run.probe {
        return Ok(Outcome::not_applicable(crate::t!("probe-off")));
    }
    let vantage = vantage(ctx, &ep).await?;
    if !vantage.inside {
        return Ok(Outcome::not_applicable(crate::t!(
            "probe-outside",
            vpc = &ep.vpc_id,
            detail = &vantage.detail,
            id = &ep.id
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
        return Ok(Outcome::unknown(crate::t!(
            "probe-no-addresses",
            id = &ep.id
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
            TcpProbe::Open { ms } => crate::t!("probe-open", ms = *ms),
            TcpProbe::Refused => {
                findings.fail(crate::t!("probe-refused", address = format!("{ip}:{port}")));
                findings.fix("refused", address);
                crate::t!("probe-cell-refused")
            }
            TcpProbe::Timeout { after_ms } => {
                findings.fail(crate::t!(
                    "probe-timeout",
                    address = format!("{ip}:{port}"),
                    ms = *after_ms
                ));
                findings.fix("timeout", address);
                crate::t!("probe-cell-timeout", ms = *after_ms)
            }
            TcpProbe::Failed { message } => {
                findings.unknown(format!("{ip}:{port}: {message}"));
                crate::t!("probe-cell-error", message = message)
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
    let passed = crate::t!("probe-pass", ports = join(&ports), count = rows.len());
    Ok(findings
        .verdict_first_fix_of_each(passed)
        .field(crate::t!("probe-field-vantage"), vantage.detail)
        .field(
            crate::t!("probe-field-ports"),
            format!("{} ({port_origin})", join(&ports)),
        )
        .table(
            crate::t!("probe-table"),
            &[
                &crate::t!("endpoint-col-interface"),
                &crate::t!("endpoint-col-zone"),
                &crate::t!("probe-col-address"),
                &crate::t!("provider-col-port"),
                &crate::t!("probe-col-result"),
            ],
            rows,
        ))
}
