//! `endpoint.nacls`: network ACLs are stateless and first-match by rule number, so both the
//! request (service port) and the reply (ephemeral ports 1024–65535) must be allowed, on
//! the endpoint's subnets and on the client's subnet.

use ipnet::IpNet;

use super::netmath::range;
use super::sg::ports_in_use;
use super::*;
use crate::context::ClientSource;
use crate::facts::model::{NaclEntry, NetworkAcl, Subnet};

/// A block of traffic: an address range (one family) × a port range.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Block {
    v6: bool,
    addr: (u128, u128),
    ports: (u16, u16),
}

fn to_net(v6: bool, lo: u128, hi: u128) -> String {
    // The largest aligned CIDR that starts at `lo` and stays within `hi`, to name a block.
    let bits: u32 = if v6 { 128 } else { 32 };
    let mut prefix = bits;
    while prefix > 0 {
        let host_bits = bits - prefix + 1;
        if host_bits >= 128 {
            break;
        }
        let size = 1u128 << host_bits;
        if !lo.is_multiple_of(size) || lo + (size - 1) > hi {
            break;
        }
        prefix -= 1;
    }
    let covered_last = lo + ((1u128 << (bits - prefix).min(127)) - 1);
    let text = if v6 {
        format!("{}/{prefix}", std::net::Ipv6Addr::from(lo))
    } else {
        format!("{}/{prefix}", std::net::Ipv4Addr::from(lo as u32))
    };
    if covered_last < hi {
        format!("{text} and more")
    } else {
        text
    }
}

/// What the entries decide for a block, rule by rule: the parts denied, each with the rule
/// that denied it (`None`: no rule matched, the implicit final deny).
fn evaluate(entries: &[&NaclEntry], block: Block) -> Vec<(Block, Option<i32>)> {
    let mut rules: Vec<&&NaclEntry> = entries.iter().collect();
    rules.sort_by_key(|e| e.rule_number);
    let mut remaining = vec![block];
    let mut denied = Vec::new();
    for e in rules {
        let proto = e.protocol.to_ascii_lowercase();
        if !(proto == "-1" || proto == "6" || proto == "tcp" || proto == "all") {
            continue;
        }
        let Ok(net) = e.cidr.parse::<IpNet>() else {
            continue;
        };
        let (v6, lo, hi) = range(&net);
        let ports = match (proto.as_str(), e.port_from, e.port_to) {
            ("-1" | "all", _, _) => (0u16, 65535u16),
            (_, Some(a), Some(b)) => (a.clamp(0, 65535) as u16, b.clamp(0, 65535) as u16),
            _ => (0, 65535),
        };
        let mut next = Vec::new();
        for b in remaining {
            if b.v6 != v6 {
                next.push(b);
                continue;
            }
            let a = (b.addr.0.max(lo), b.addr.1.min(hi));
            let p = (b.ports.0.max(ports.0), b.ports.1.min(ports.1));
            if a.0 > a.1 || p.0 > p.1 {
                next.push(b);
                continue;
            }
            if !e.allow {
                denied.push((
                    Block {
                        v6,
                        addr: a,
                        ports: p,
                    },
                    Some(e.rule_number),
                ));
            }
            // What the rule did not match goes on to the next rule.
            if b.addr.0 < a.0 {
                next.push(Block {
                    addr: (b.addr.0, a.0 - 1),
                    ..b
                });
            }
            if a.1 < b.addr.1 {
                next.push(Block {
                    addr: (a.1 + 1, b.addr.1),
                    ..b
                });
            }
            if b.ports.0 < p.0 {
                next.push(Block {
                    addr: a,
                    ports: (b.ports.0, p.0 - 1),
                    ..b
                });
            }
            if p.1 < b.ports.1 {
                next.push(Block {
                    addr: a,
                    ports: (p.1 + 1, b.ports.1),
                    ..b
                });
            }
        }
        remaining = next;
        if remaining.is_empty() {
            break;
        }
    }
    denied.extend(remaining.into_iter().map(|b| (b, None)));
    denied
}

/// One direction of one leg through one ACL that must be allowed.
struct Need {
    acl: String,
    subnet: String,
    egress: bool,
    peer: IpNet,
    ports: (u16, u16),
    what: String,
}

fn acl_of<'a>(acls: &'a [NetworkAcl], subnet: &str) -> Option<&'a NetworkAcl> {
    acls.iter()
        .find(|a| a.subnet_ids.iter().any(|s| s == subnet))
        .or_else(|| acls.iter().find(|a| a.is_default))
}

fn ports_text(p: (u16, u16)) -> String {
    if p.0 == p.1 {
        p.0.to_string()
    } else {
        format!("{}-{}", p.0, p.1)
    }
}

/// A free rule number just below `deny` (or at most 100 for the implicit deny); `None` when
/// every number below the denying rule is taken.
fn free_rule_below(acl: &NetworkAcl, egress: bool, deny: Option<i32>) -> Option<i32> {
    let used: Vec<i32> = acl
        .entries
        .iter()
        .filter(|e| e.egress == egress)
        .map(|e| e.rule_number)
        .collect();
    let start = deny.map(|d| d - 1).unwrap_or(100).min(32766);
    (1..=start).rev().find(|n| !used.contains(n))
}

pub async fn endpoint_nacls(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, "have no interfaces in subnets; the client subnet's ACL must allow the service's public ranges").await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let (acls, subnets, vpc) = match tokio::try_join!(
        ctx.facts.network_acls(&ep.vpc_id),
        ctx.facts.subnets(&ep.vpc_id),
        ctx.facts.vpc(&ep.vpc_id)
    ) {
        Ok(x) => x,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let enis = match ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
    {
        Ok(e) => e,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let (ports, _) = ports_in_use(ctx, &ep).await;
    let subnet_net = |id: &str| -> Option<IpNet> {
        subnets
            .iter()
            .find(|s: &&Subnet| s.id == id)
            .and_then(|s| s.cidr.parse().ok())
    };
    // Who the clients are, and (with --from subnet-…) which subnet's ACL they sit behind.
    let (clients, client_subnet): (Vec<IpNet>, Option<String>) = match &ctx.run.from {
        Some(ClientSource::Cidr(n)) => (vec![*n], None),
        Some(ClientSource::Subnet(id)) => match subnet_net(id) {
            Some(n) => (vec![n], Some(id.clone())),
            None => {
                return Outcome::unknown(format!(
                    "could not check: subnet {id} (--from) is not in {}",
                    ep.vpc_id
                ));
            }
        },
        _ => (
            vpc.cidr_blocks
                .iter()
                .filter_map(|c| c.parse().ok())
                .collect(),
            None,
        ),
    };
    let ephemeral = (1024u16, 65535u16);
    let mut needs = Vec::new();
    for subnet in &ep.subnet_ids {
        let Some(acl) = acl_of(&acls, subnet) else {
            return Outcome::unknown(format!(
                "could not check: no network ACL of {} covers {subnet}",
                ep.vpc_id
            ));
        };
        for client in &clients {
            for &port in &ports {
                needs.push(Need {
                    acl: acl.id.clone(),
                    subnet: subnet.clone(),
                    egress: false,
                    peer: *client,
                    ports: (port, port),
                    what: format!("requests to TCP {port}"),
                });
            }
            needs.push(Need {
                acl: acl.id.clone(),
                subnet: subnet.clone(),
                egress: true,
                peer: *client,
                ports: ephemeral,
                what: "replies to ephemeral ports".into(),
            });
        }
    }
    if let Some(client) = &client_subnet {
        let Some(acl) = acl_of(&acls, client) else {
            return Outcome::unknown(format!(
                "could not check: no network ACL of {} covers {client}",
                ep.vpc_id
            ));
        };
        for n in &enis {
            let Some(ip) = n
                .private_ip
                .as_deref()
                .and_then(|s| s.parse::<IpAddr>().ok())
            else {
                continue;
            };
            for &port in &ports {
                needs.push(Need {
                    acl: acl.id.clone(),
                    subnet: client.clone(),
                    egress: true,
                    peer: IpNet::from(ip),
                    ports: (port, port),
                    what: format!("client requests to the endpoint on TCP {port}"),
                });
            }
            needs.push(Need {
                acl: acl.id.clone(),
                subnet: client.clone(),
                egress: false,
                peer: IpNet::from(ip),
                ports: ephemeral,
                what: "replies from the endpoint to ephemeral ports".into(),
            });
        }
    }
    let mut rows = Vec::new();
    let mut fails = Vec::new();
    let mut fixes: Vec<(&'static str, Vec<(&str, String)>)> = Vec::new();
    for need in &needs {
        let acl = acls
            .iter()
            .find(|a| a.id == need.acl)
            .expect("chosen above");
        let entries: Vec<&NaclEntry> = acl
            .entries
            .iter()
            .filter(|e| e.egress == need.egress)
            .collect();
        let (v6, lo, hi) = range(&need.peer);
        let denied = evaluate(
            &entries,
            Block {
                v6,
                addr: (lo, hi),
                ports: need.ports,
            },
        );
        let direction = if need.egress { "outbound" } else { "inbound" };
        let verdict = match denied.first() {
            None => "allowed".to_string(),
            Some((b, rule)) => {
                let rule_text = rule
                    .map(|r| format!("rule {r}"))
                    .unwrap_or_else(|| "the final * rule (no rule matched)".into());
                fails.push(format!(
                    "{} on {} denies {direction} {} ({} {}, ports {}): {rule_text}",
                    acl.id,
                    need.subnet,
                    need.what,
                    if need.egress { "to" } else { "from" },
                    to_net(b.v6, b.addr.0, b.addr.1),
                    ports_text(b.ports)
                ));
                let (key, rule_number) = match (free_rule_below(acl, need.egress, *rule), rule) {
                    (Some(n), _) => (
                        if need.egress {
                            "allow_outbound"
                        } else {
                            "allow_inbound"
                        },
                        n,
                    ),
                    (None, Some(deny)) => ("replace_rule", *deny),
                    (None, None) => ("replace_rule", 32766),
                };
                fixes.push((
                    key,
                    vec![
                        ("acl_id", acl.id.clone()),
                        (
                            "direction_flag",
                            if need.egress { "--egress" } else { "--ingress" }.into(),
                        ),
                        ("rule_number", rule_number.to_string()),
                        ("from_port", need.ports.0.to_string()),
                        ("to_port", need.ports.1.to_string()),
                        ("cidr", need.peer.to_string()),
                        (
                            "cidr_flag",
                            if need.peer.addr().is_ipv4() {
                                "--cidr-block".into()
                            } else {
                                "--ipv6-cidr-block".into()
                            },
                        ),
                        ("denying_rule", rule_text.clone()),
                    ],
                ));
                format!("denied by {rule_text}")
            }
        };
        rows.push(vec![
            acl.id.clone(),
            need.subnet.clone(),
            direction.into(),
            need.peer.to_string(),
            ports_text(need.ports),
            verdict,
        ]);
    }
    let mut o = if fails.is_empty() {
        Outcome::pass(format!(
            "the network ACLs of {} allow TCP {} in and the ephemeral replies out{}",
            join(&ep.subnet_ids),
            join(&ports),
            client_subnet
                .as_ref()
                .map(|c| format!(", and {c} lets the client's side through"))
                .unwrap_or_default()
        ))
    } else {
        Outcome::fail(fails.join("; "))
    };
    o = o.fixes_once(fixes);
    let entries_rows: Vec<Vec<String>> = acls
        .iter()
        .filter(|a| needs.iter().any(|n| n.acl == a.id))
        .flat_map(|a| {
            let mut es = a.entries.clone();
            es.sort_by_key(|e| (e.egress, e.rule_number));
            es.into_iter().map(move |e| {
                vec![
                    a.id.clone(),
                    if e.egress { "out".into() } else { "in".into() },
                    if e.rule_number == 32767 {
                        "*".into()
                    } else {
                        e.rule_number.to_string()
                    },
                    match e.protocol.as_str() {
                        "-1" => "all".into(),
                        "6" => "tcp".into(),
                        "17" => "udp".into(),
                        p => p.to_string(),
                    },
                    match (e.port_from, e.port_to) {
                        (Some(a), Some(b)) if a == b => a.to_string(),
                        (Some(a), Some(b)) => format!("{a}-{b}"),
                        _ => "all".into(),
                    },
                    e.cidr.clone(),
                    if e.allow {
                        "allow".into()
                    } else {
                        "deny".into()
                    },
                ]
            })
        })
        .collect();
    o.table(
        "what must pass",
        &["ACL", "subnet", "direction", "peer", "ports", "verdict"],
        rows,
    )
    .table(
        "ACL entries",
        &["ACL", "dir", "rule", "protocol", "ports", "CIDR", "action"],
        entries_rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        rule: i32,
        proto: &str,
        allow: bool,
        cidr: &str,
        ports: Option<(i32, i32)>,
    ) -> NaclEntry {
        NaclEntry {
            rule_number: rule,
            protocol: proto.into(),
            allow,
            egress: false,
            cidr: cidr.into(),
            port_from: ports.map(|p| p.0),
            port_to: ports.map(|p| p.1),
        }
    }

    fn block(cidr: &str, ports: (u16, u16)) -> Block {
        let (v6, lo, hi) = range(&cidr.parse().unwrap());
        Block {
            v6,
            addr: (lo, hi),
            ports,
        }
    }

    #[test]
    fn first_match_by_rule_number_decides() {
        let allow_all = entry(100, "-1", true, "0.0.0.0/0", None);
        let deny_443 = entry(50, "6", false, "10.0.0.0/16", Some((443, 443)));
        let star = entry(32767, "-1", false, "0.0.0.0/0", None);
        // The lower-numbered deny wins over the allow-all, whatever the listing order.
        let d = evaluate(
            &[&allow_all, &deny_443, &star],
            block("10.0.1.0/24", (443, 443)),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].1, Some(50));
        // Another port passes the deny and meets the allow.
        assert!(
            evaluate(
                &[&allow_all, &deny_443, &star],
                block("10.0.1.0/24", (8443, 8443))
            )
            .is_empty()
        );
    }

    #[test]
    fn partial_port_coverage_leaves_the_rest_to_the_final_deny() {
        let allow_low = entry(100, "6", true, "0.0.0.0/0", Some((1024, 32767)));
        let star = entry(32767, "-1", false, "0.0.0.0/0", None);
        let d = evaluate(&[&allow_low, &star], block("10.0.0.0/16", (1024, 65535)));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0.ports, (32768, 65535));
        assert_eq!(d[0].1, Some(32767));
        // With no entries at all nothing matches: the implicit deny.
        assert_eq!(evaluate(&[], block("10.0.0.0/16", (443, 443)))[0].1, None);
    }

    #[test]
    fn a_deny_at_rule_one_is_replaced_not_undercut() {
        let acl = NetworkAcl {
            id: "acl-1".into(),
            vpc_id: "vpc-1".into(),
            is_default: false,
            subnet_ids: vec![],
            entries: vec![entry(1, "6", false, "0.0.0.0/0", Some((443, 443)))],
        };
        assert_eq!(free_rule_below(&acl, false, Some(1)), None);
        assert_eq!(free_rule_below(&acl, false, Some(50)), Some(49));
        assert_eq!(free_rule_below(&acl, false, None), Some(100));
    }

    #[test]
    fn partial_address_coverage_is_named() {
        let allow_half = entry(100, "6", true, "10.0.0.0/17", Some((443, 443)));
        let d = evaluate(&[&allow_half], block("10.0.0.0/16", (443, 443)));
        assert_eq!(d.len(), 1);
        assert_eq!(
            to_net(d[0].0.v6, d[0].0.addr.0, d[0].0.addr.1),
            "10.0.128.0/17"
        );
        // UDP rules never admit TCP.
        let udp = entry(10, "17", true, "0.0.0.0/0", None);
        assert_eq!(evaluate(&[&udp], block("10.0.0.0/16", (443, 443))).len(), 1);
    }
}
