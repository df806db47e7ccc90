//! `endpoint.security_groups`: evaluate the endpoint's inbound rules against the clients.

use ipnet::IpNet;

use super::netmath::covered_by;
use super::*;
use crate::context::ClientSource;
use crate::facts::model::{SecurityGroup, SgRule};

/// Whether a rule admits TCP on `port` (protocol `tcp`, `6` or `-1` for all).
pub fn rule_allows_tcp_port(rule: &SgRule, port: u16) -> bool {
    let p = rule.protocol.to_ascii_lowercase();
    if p == "-1" || p == "all" {
        return true;
    }
    if p != "tcp" && p != "6" {
        return false;
    }
    match (rule.from_port, rule.to_port) {
        (Some(from), Some(to)) if from == -1 && to == -1 => true,
        (Some(from), Some(to)) => (from..=to).contains(&(port as i32)),
        _ => true,
    }
}

/// The ports the clients use: `--port`, else the NLB listener ports when the provider is
/// visible, else 443 (what AWS services listen on).
pub(super) async fn ports_in_use(ctx: &Ctx, ep: &Endpoint) -> (Vec<u16>, String) {
    if !ctx.run.ports.is_empty() {
        return (ctx.run.ports.clone(), "--port".to_string());
    }
    if let Ok(Some(cfg)) = provider_config(ctx, ep).await
        && let Ok(lbs) = ctx
            .facts
            .load_balancers(&cfg.network_load_balancer_arns)
            .await
    {
        let mut ports = Vec::new();
        for lb in &lbs {
            if let Ok(listeners) = ctx.facts.listeners(&lb.arn).await {
                ports.extend(
                    listeners
                        .iter()
                        .filter_map(|l| l.port)
                        .filter_map(|p| u16::try_from(p).ok()),
                );
            }
        }
        ports.sort();
        ports.dedup();
        if !ports.is_empty() {
            return (ports, "the NLB listener ports".to_string());
        }
    }
    (
        vec![443],
        "default: 443 (pass --port for other ports)".to_string(),
    )
}

/// The rule of an `authorize-security-group-*` command for TCP `port` from `net`: `--cidr`
/// takes IPv4 only; IPv6 needs `--ip-permissions`, which the CLI refuses beside
/// `--protocol`/`--port`, and quoted, as zsh would glob its `[…]`.
pub(super) fn source_arg(net: &IpNet, port: u16) -> String {
    if net.addr().is_ipv4() {
        format!("--protocol tcp --port {port} --cidr {net}")
    } else {
        format!(
            "--ip-permissions 'IpProtocol=tcp,FromPort={port},ToPort={port},Ipv6Ranges=[{{CidrIpv6={net}}}]'"
        )
    }
}

/// Who sends the traffic a rule set must admit: address ranges and/or security groups.
#[derive(Debug, Clone, Default)]
pub struct Peer {
    pub cidrs: Vec<IpNet>,
    pub groups: Vec<String>,
}

/// Whether `rules` admit TCP `port` from (or to) `peer`.
#[derive(Debug, Clone, PartialEq)]
pub enum Admit {
    Yes,
    /// Not admitted: the address ranges left uncovered.
    No(Vec<IpNet>),
    /// Rules that reference groups or prefix lists might admit it; their members are not visible.
    Undecidable,
}

pub fn admits(rules: &[SgRule], port: u16, peer: &Peer) -> Admit {
    let matching: Vec<&SgRule> = rules
        .iter()
        .filter(|r| rule_allows_tcp_port(r, port))
        .collect();
    if !peer.groups.is_empty()
        && matching
            .iter()
            .any(|r| r.group_refs.iter().any(|g| peer.groups.contains(g)))
    {
        return Admit::Yes;
    }
    let ranges: Vec<IpNet> = matching
        .iter()
        .flat_map(|r| r.ipv4_ranges.iter().chain(r.ipv6_ranges.iter()))
        .filter_map(|c| c.parse().ok())
        .collect();
    let uncovered: Vec<IpNet> = peer
        .cidrs
        .iter()
        .filter(|n| !covered_by(n, &ranges))
        .copied()
        .collect();
    if !peer.cidrs.is_empty() && uncovered.is_empty() {
        return Admit::Yes;
    }
    if matching
        .iter()
        .any(|r| !r.prefix_lists.is_empty() || !r.group_refs.is_empty())
    {
        return Admit::Undecidable;
    }
    Admit::No(uncovered)
}

enum Sources {
    Cidrs(Vec<IpNet>),
    Group(String),
}

pub async fn endpoint_security_groups(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(
        ctx,
        "have no security groups; routes and the endpoint policy control access",
    )
    .await
    {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    if ep.security_group_ids.is_empty() {
        return Outcome::fail(format!("{} has no security group attached", ep.id))
            .fix("attach_group", &[]);
    }
    let groups = match ctx.facts.security_groups(&ep.security_group_ids).await {
        Ok(g) => g,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let (ports, port_origin) = ports_in_use(ctx, &ep).await;
    let (sources, source_label) = match &ctx.run.from {
        Some(ClientSource::SecurityGroup(sg)) => (
            Sources::Group(sg.clone()),
            format!("security group {sg} (--from)"),
        ),
        Some(ClientSource::Cidr(net)) => (Sources::Cidrs(vec![*net]), format!("{net} (--from)")),
        Some(ClientSource::Subnet(id)) => match ctx.facts.subnets(&ep.vpc_id).await {
            Ok(subnets) => match subnets
                .iter()
                .find(|s| &s.id == id)
                .and_then(|s| s.cidr.parse().ok())
            {
                Some(net) => (Sources::Cidrs(vec![net]), format!("{id} {net} (--from)")),
                None => {
                    return Outcome::unknown(format!(
                        "could not check: subnet {id} (--from) is not in {}",
                        ep.vpc_id
                    ));
                }
            },
            Err(e) => return could_not_tell(ctx, &e, false),
        },
        None => match ctx.facts.vpc(&ep.vpc_id).await {
            Ok(vpc) => {
                let nets: Vec<IpNet> = vpc
                    .cidr_blocks
                    .iter()
                    .filter_map(|c| c.parse().ok())
                    .collect();
                let label = format!(
                    "{} CIDRs {} (default; pass --from to name the clients)",
                    ep.vpc_id,
                    join(&nets)
                );
                (Sources::Cidrs(nets), label)
            }
            Err(e) => return could_not_tell(ctx, &e, false),
        },
    };

    let missing_groups: Vec<&String> = ep
        .security_group_ids
        .iter()
        .filter(|id| !groups.iter().any(|g| &g.id == *id))
        .collect();

    let mut rows = Vec::new();
    for g in &groups {
        for r in &g.ingress {
            rows.push(vec![
                format!("{} ({})", g.id, g.name),
                r.protocol.clone(),
                port_text(r),
                rule_sources(r),
            ]);
        }
        if g.ingress.is_empty() {
            rows.push(vec![
                format!("{} ({})", g.id, g.name),
                "—".into(),
                "—".into(),
                "no inbound rules".into(),
            ]);
        }
    }

    let mut gaps: Vec<(u16, String, String)> = Vec::new(); // port, source text, source arg
    let mut undecidable = Vec::new();
    for &port in &ports {
        let matching: Vec<&SgRule> = groups
            .iter()
            .flat_map(|g: &SecurityGroup| g.ingress.iter())
            .filter(|r| rule_allows_tcp_port(r, port))
            .collect();
        match &sources {
            Sources::Group(sg) => {
                if !matching
                    .iter()
                    .any(|r| r.group_refs.iter().any(|x| x == sg))
                {
                    if matching
                        .iter()
                        .any(|r| !r.ipv4_ranges.is_empty() || !r.prefix_lists.is_empty())
                    {
                        undecidable.push(port);
                    } else {
                        gaps.push((port, sg.clone(), format!("--source-group {sg}")));
                    }
                }
            }
            Sources::Cidrs(nets) => {
                let ranges: Vec<IpNet> = matching
                    .iter()
                    .flat_map(|r| r.ipv4_ranges.iter().chain(r.ipv6_ranges.iter()))
                    .filter_map(|c| c.parse().ok())
                    .collect();
                for net in nets {
                    if !covered_by(net, &ranges) {
                        if matching
                            .iter()
                            .any(|r| !r.prefix_lists.is_empty() || !r.group_refs.is_empty())
                        {
                            // A group reference or prefix list may admit these clients;
                            // which addresses they hold is not visible from the rules.
                            undecidable.push(port);
                        } else {
                            gaps.push((port, net.to_string(), source_arg(net, port)));
                        }
                    }
                }
            }
        }
    }
    undecidable.sort();
    undecidable.dedup();

    let group_list = if ep.security_group_ids.len() == 1 {
        format!("security group {}", ep.security_group_ids[0])
    } else {
        format!("security groups {}", join(&ep.security_group_ids))
    };
    let verb = if ep.security_group_ids.len() == 1 {
        ("does", "allows")
    } else {
        ("do", "allow")
    };
    let mut outcome = if !gaps.is_empty() {
        let what: Vec<String> = gaps
            .iter()
            .map(|(p, s, _)| format!("TCP {p} from {s}"))
            .collect();
        let mut o = Outcome::fail(format!(
            "{group_list} {} not allow {}",
            verb.0,
            what.join("; ")
        ));
        let target_group = ep.security_group_ids[0].clone();
        for (port, source, arg) in &gaps {
            o = o.fix(
                "allow_port",
                &[
                    ("group_id", target_group.clone()),
                    ("port", port.to_string()),
                    ("source", source.clone()),
                    ("source_arg", arg.clone()),
                ],
            );
        }
        o
    } else if !undecidable.is_empty() {
        Outcome::unknown(format!(
            "could not tell whether TCP {} is allowed: the matching rules reference security groups or prefix lists whose members are not visible",
            join(&undecidable)
        ))
    } else {
        Outcome::pass(format!(
            "{group_list} {} TCP {} from {}",
            verb.1,
            join(&ports),
            match &sources {
                Sources::Group(sg) => sg.clone(),
                Sources::Cidrs(n) => join(n),
            }
        ))
    };
    if !missing_groups.is_empty() {
        outcome = outcome.field("missing groups", join(&missing_groups));
    }
    outcome
        .field("ports", format!("{} ({port_origin})", join(&ports)))
        .field("clients", source_label)
        .table(
            "inbound rules",
            &["group", "protocol", "ports", "source"],
            rows,
        )
}

pub(super) fn port_text(r: &SgRule) -> String {
    match (r.from_port, r.to_port) {
        _ if r.protocol == "-1" => "all".into(),
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(-1), _) => "all".into(),
        (Some(a), Some(b)) => format!("{a}-{b}"),
        _ => "all".into(),
    }
}

pub(super) fn rule_sources(r: &SgRule) -> String {
    let mut s: Vec<String> = Vec::new();
    s.extend(r.ipv4_ranges.iter().cloned());
    s.extend(r.ipv6_ranges.iter().cloned());
    s.extend(r.group_refs.iter().cloned());
    s.extend(r.prefix_lists.iter().cloned());
    if s.is_empty() {
        "—".into()
    } else {
        s.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(proto: &str, from: Option<i32>, to: Option<i32>) -> SgRule {
        SgRule {
            protocol: proto.into(),
            from_port: from,
            to_port: to,
            ipv4_ranges: vec![],
            ipv6_ranges: vec![],
            group_refs: vec![],
            prefix_lists: vec![],
        }
    }

    #[test]
    fn port_matching_follows_protocol_and_range() {
        assert!(rule_allows_tcp_port(
            &rule("tcp", Some(443), Some(443)),
            443
        ));
        assert!(!rule_allows_tcp_port(
            &rule("tcp", Some(443), Some(443)),
            8443
        ));
        assert!(rule_allows_tcp_port(
            &rule("tcp", Some(1024), Some(65535)),
            8443
        ));
        assert!(rule_allows_tcp_port(&rule("-1", None, None), 22));
        assert!(rule_allows_tcp_port(&rule("6", Some(443), Some(443)), 443));
        assert!(!rule_allows_tcp_port(
            &rule("udp", Some(443), Some(443)),
            443
        ));
        assert!(!rule_allows_tcp_port(
            &rule("icmp", Some(-1), Some(-1)),
            443
        ));
    }
}
