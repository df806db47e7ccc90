//! `endpoint.nacls`: network ACLs are stateless and first-match by rule number, so both the
//! request (service port) and the reply (ephemeral ports 1024–65535) must be allowed, on
//! the endpoint's subnets and on the client's subnet. Traffic between two addresses of one
//! subnet crosses no ACL.

use ipnet::IpNet;

use super::family;
use super::findings::Findings;
use super::netmath::{Spans, intersect, range, subtract, to_cidrs};
use super::sg::{Client, PortPlan, Proto, narrow, port_label, port_plan, resolve_client};
use super::*;
use crate::facts::model::{NaclEntry, NetworkAcl, Subnet};

/// The client ports replies go to, in full (what NAT gateways, Lambda and load balancers
/// use) and the part Linux (32768–60999) and Windows (49152–65535) pick from by default.
const EPHEMERAL: (u16, u16) = (1024, 65535);
const EPHEMERAL_COMMON: (u16, u16) = (32768, 65535);

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
fn evaluate(entries: &[&NaclEntry], proto: Proto, block: Block) -> Vec<(Block, Option<i32>)> {
    let mut rules: Vec<&&NaclEntry> = entries.iter().collect();
    rules.sort_by_key(|e| e.rule_number);
    let mut remaining = vec![block];
    let mut denied = Vec::new();
    for e in rules {
        let p = e.protocol.to_ascii_lowercase();
        if !(p == "-1" || p == "all" || p == proto.number() || p == proto.name()) {
            continue;
        }
        let proto = p;
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
#[derive(Debug, Clone, PartialEq)]
struct Need {
    acl: String,
    subnet: String,
    egress: bool,
    peer: IpNet,
    proto: Proto,
    ports: (u16, u16),
    /// Replies to the client's ephemeral ports: allowing only the common part warns.
    ephemeral: bool,
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

pub async fn endpoint_nacls(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = endpoint_or(ctx).await?;
    if kind(&ep) == Kind::Gateway {
        return gateway_nacls(ctx, &ep).await;
    }
    let ep = interface_endpoint_or(ctx, &crate::t!("nacl-why-no-interfaces")).await?;
    let (acls, subnets) = tokio::try_join!(
        ctx.facts.network_acls(&ep.vpc_id),
        ctx.facts.subnets(&ep.vpc_id),
    )
    .map_err(|e| could_not_tell(ctx, &e, false))?;
    let enis = ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let plan = port_plan(ctx, &ep).await;
    let fam = family::served(&ep);
    let client = resolve_client(ctx, &ep).await?.map(|c| narrow(c, fam));
    for subnet in &ep.subnet_ids {
        if acl_of(&acls, subnet).is_none() {
            return Err(Outcome::unknown(crate::t!(
                "nacl-no-acl-covers",
                vpc = &ep.vpc_id,
                subnet = subnet
            )));
        }
    }
    let o = match &client {
        Some(c) => with_client(&ep, &acls, &subnets, &enis, &plan, c),
        None => {
            // What an IPv6 fix admits: the VPC's IPv6 range (read only for an endpoint that
            // has IPv6 addresses), else every IPv6 address.
            let v6_range = if fam.v6 {
                ctx.facts
                    .vpc(&ep.vpc_id)
                    .await
                    .ok()
                    .and_then(|v| v.ipv6_cidr_blocks.first().cloned())
                    .unwrap_or_else(|| "::/0".into())
            } else {
                String::new()
            };
            without_client(&ep, &acls, &subnets, &plan, &v6_range)
        }
    };
    let used: Vec<&NetworkAcl> = acls
        .iter()
        .filter(|a| {
            ep.subnet_ids
                .iter()
                .chain(
                    client
                        .iter()
                        .flat_map(|c| c.hosts.iter().filter_map(|h| h.subnet.as_ref())),
                )
                .any(|s| acl_of(&acls, s).is_some_and(|x| x.id == a.id))
        })
        .collect();
    let o = o
        .field(crate::t!("sg-field-ports"), plan.text())
        .field(
            crate::t!("sg-field-clients"),
            client
                .as_ref()
                .map(|c| c.label.clone())
                .unwrap_or_else(|| crate::t!("nacl-clients-not-named")),
        )
        .table(
            crate::t!("nacl-table-entries"),
            &[
                "ACL",
                &crate::t!("nacl-col-dir"),
                &crate::t!("nacl-col-rule"),
                &crate::t!("sg-col-protocol"),
                &crate::t!("sg-col-ports"),
                "CIDR",
                &crate::t!("nacl-col-action"),
            ],
            entry_rows(&used),
        );
    // What the flow logs saw rejected: evidence beside the reading, never a verdict of its own.
    Ok(super::flowlogs::rejects_evidence(ctx, &ep, o).await)
}

fn direction(egress: bool) -> String {
    if egress {
        crate::t!("nacl-outbound")
    } else {
        crate::t!("nacl-inbound")
    }
}

fn rule_text(rule: Option<i32>) -> String {
    rule.map(|r| crate::t!("nacl-rule-n", rule = r))
        .unwrap_or_else(|| crate::t!("nacl-final-rule"))
}

/// The columns of a "what must pass" table (`subnets` when one row covers several).
fn must_pass_columns(subnets: bool) -> Vec<String> {
    vec![
        "ACL".to_string(),
        if subnets {
            crate::t!("nacl-col-subnets")
        } else {
            crate::t!("nacl-col-subnet")
        },
        crate::t!("nacl-col-direction"),
        crate::t!("nacl-col-peer"),
        crate::t!("sg-col-ports"),
        crate::t!("nacl-col-verdict"),
    ]
}

/// The "what must pass" table.
fn must_pass_table(o: Outcome, subnets: bool, rows: Vec<Vec<String>>) -> Outcome {
    let columns = must_pass_columns(subnets);
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    o.table(crate::t!("nacl-table-must-pass"), &columns, rows)
}

/// The fix for `need` through `acl` when rules `denying` (None: the final rule) stop it:
/// an allow numbered below every one of them, for exactly `cidr_value`.
fn acl_fix(
    acl: &NetworkAcl,
    egress: bool,
    proto: Proto,
    ports: (u16, u16),
    denying: &[Option<i32>],
    cidr_value: String,
    cidr_flag: &str,
) -> (&'static str, Vec<(&'static str, String)>) {
    let lowest = denying.iter().flatten().min().copied();
    let rule_words = rule_text(lowest);
    let (key, rule_number) = match (free_rule_below(acl, egress, lowest), lowest) {
        (Some(n), _) => (
            if egress {
                "allow_outbound"
            } else {
                "allow_inbound"
            },
            n,
        ),
        (None, Some(deny)) => ("replace_rule", deny),
        (None, None) => ("replace_rule", 32766),
    };
    (
        key,
        vec![
            ("acl_id", acl.id.clone()),
            (
                "direction_flag",
                if egress { "--egress" } else { "--ingress" }.into(),
            ),
            ("rule_number", rule_number.to_string()),
            ("protocol", proto.number().to_string()),
            ("from_port", ports.0.to_string()),
            ("to_port", ports.1.to_string()),
            ("cidr_flag", cidr_flag.to_string()),
            ("denying_rule", rule_words),
            (
                "cidr_note",
                if cidr_value.contains("CLIENT_CIDR") {
                    " Set CLIENT_CIDR to the clients' address range first (pass --from to have it filled in).".to_string()
                } else {
                    String::new()
                },
            ),
            ("cidr", cidr_value),
        ],
    )
}

fn cidr_flag(net: &IpNet) -> &'static str {
    if net.addr().is_ipv4() {
        "--cidr-block"
    } else {
        "--ipv6-cidr-block"
    }
}

/// A fix template key and its values, as `Outcome::fixes_once` takes them.
type FixAsk = (&'static str, Vec<(&'static str, String)>);

fn with_client(
    ep: &Endpoint,
    acls: &[NetworkAcl],
    subnets: &[Subnet],
    enis: &[crate::facts::model::NetworkInterface],
    plan: &PortPlan,
    client: &Client,
) -> Outcome {
    let mut needs: Vec<Need> = Vec::new();
    endpoint_side_needs(ep, acls, plan, client, &mut needs);
    client_side_needs(acls, subnets, enis, plan, client, &mut needs);
    let mut found = Findings::default();
    // A dual-stack client of a dual-stack endpoint with AAAA records: what stops only its
    // IPv6 traffic is judged apart, since IPv4 fallback still carries it when IPv4 passes.
    let fam = family::served(ep);
    let dual = fam.v4
        && fam.v6
        && aaaa(ep)
        && needs.iter().any(|n| n.peer.addr().is_ipv4())
        && needs.iter().any(|n| n.peer.addr().is_ipv6());
    let mut found_v6 = Findings::default();
    let mut fixes: Vec<FixAsk> = Vec::new();
    let mut rows = Vec::new();
    // Several alternative ports (any_of): judge each; one passing port is enough.
    let mut port_ok: Vec<(Proto, u16, bool)> = Vec::new();
    for need in &needs {
        let acl = acls
            .iter()
            .find(|a| a.id == need.acl)
            .expect("chosen above");
        let v6_apart = dual && need.peer.addr().is_ipv6();
        let into = if v6_apart { &mut found_v6 } else { &mut found };
        let (row, ok) = judge_need(acl, need, plan.any_of, into, &mut fixes);
        rows.push(row);
        if v6_apart {
            continue;
        }
        if !need.ephemeral {
            let p = need.ports.0;
            match port_ok
                .iter_mut()
                .find(|(pr, n, _)| *pr == need.proto && *n == p)
            {
                Some(e) => e.2 &= ok,
                None => port_ok.push((need.proto, p, ok)),
            }
        }
    }
    if plan.any_of && !port_ok.is_empty() && !port_ok.iter().any(|(_, _, ok)| *ok) {
        let list: Vec<String> = port_ok.iter().map(|(p, n, _)| port_label(*p, *n)).collect();
        found.fail(crate::t!(
            "nacl-none-of-ports",
            client = &client.label,
            ports = list.join(", ")
        ));
    }
    if found_v6.has_failures() && !found.has_failures() {
        found_v6.failures_as_warnings(&format!(
            " {}",
            crate::t!(
                "nacl-v6-fallback",
                endpoint = &ep.id,
                client = &client.label
            )
        ));
    }
    found.absorb(found_v6);
    let o = found.verdict(with_client_pass(ep, plan, client, &needs));
    // Fixes only for what is wrong: with alternative ports, an ACL that passes one of them
    // needs none.
    let fixes = if o.status == crate::engine::outcome::Status::Pass {
        Vec::new()
    } else {
        fixes
    };
    must_pass_table(o.fixes_once(fixes), false, rows)
}

fn push_need(needs: &mut Vec<Need>, n: Need) {
    if !needs.contains(&n) {
        needs.push(n);
    }
}

/// The endpoint's subnets: requests in from each client address, replies back out.
fn endpoint_side_needs(
    ep: &Endpoint,
    acls: &[NetworkAcl],
    plan: &PortPlan,
    client: &Client,
    needs: &mut Vec<Need>,
) {
    for subnet in &ep.subnet_ids {
        let acl = acl_of(acls, subnet).expect("checked above");
        for host in client
            .hosts
            .iter()
            .filter(|h| h.subnet.as_ref() != Some(subnet))
        {
            for &(proto, port) in &plan.ports {
                push_need(
                    needs,
                    Need {
                        acl: acl.id.clone(),
                        subnet: subnet.clone(),
                        egress: false,
                        peer: host.addr,
                        proto,
                        ports: (port, port),
                        ephemeral: false,
                        what: crate::t!("nacl-what-requests", port = port_label(proto, port)),
                    },
                );
            }
            for proto in protos(plan) {
                push_need(
                    needs,
                    Need {
                        acl: acl.id.clone(),
                        subnet: subnet.clone(),
                        egress: true,
                        peer: host.addr,
                        proto,
                        ports: EPHEMERAL,
                        ephemeral: true,
                        what: ephemeral_what(proto, &crate::t!("nacl-what-replies")),
                    },
                );
            }
        }
    }
}

/// The client's own subnet: requests out to each endpoint address, replies back in.
fn client_side_needs(
    acls: &[NetworkAcl],
    subnets: &[Subnet],
    enis: &[crate::facts::model::NetworkInterface],
    plan: &PortPlan,
    client: &Client,
    needs: &mut Vec<Need>,
) {
    let client_subnets: Vec<&String> = client
        .hosts
        .iter()
        .filter_map(|h| h.subnet.as_ref())
        .filter(|s| subnets.iter().any(|x| &x.id == *s))
        .collect();
    let mut seen = Vec::new();
    for cs in client_subnets {
        if seen.contains(&cs) {
            continue;
        }
        seen.push(cs);
        let Some(acl) = acl_of(acls, cs) else {
            continue;
        };
        for n in enis.iter().filter(|n| &n.subnet_id != cs) {
            let Some(ip) = n
                .private_ip
                .as_deref()
                .and_then(|s| s.parse::<IpAddr>().ok())
            else {
                continue;
            };
            for &(proto, port) in &plan.ports {
                push_need(
                    needs,
                    Need {
                        acl: acl.id.clone(),
                        subnet: cs.clone(),
                        egress: true,
                        peer: IpNet::from(ip),
                        proto,
                        ports: (port, port),
                        ephemeral: false,
                        what: crate::t!(
                            "nacl-what-client-requests",
                            port = port_label(proto, port)
                        ),
                    },
                );
            }
            for proto in protos(plan) {
                push_need(
                    needs,
                    Need {
                        acl: acl.id.clone(),
                        subnet: cs.clone(),
                        egress: false,
                        peer: IpNet::from(ip),
                        proto,
                        ports: EPHEMERAL,
                        ephemeral: true,
                        what: ephemeral_what(proto, &crate::t!("nacl-what-endpoint-replies")),
                    },
                );
            }
        }
    }
}

/// Judge one need through `acl`: a failure or warning and a fix for what it denies, the
/// evidence row, and whether nothing of it was denied. A denied request port among
/// alternatives (`any_of`) is left for the caller to judge with the others.
fn judge_need(
    acl: &NetworkAcl,
    need: &Need,
    any_of: bool,
    found: &mut Findings,
    fixes: &mut Vec<FixAsk>,
) -> (Vec<String>, bool) {
    let entries: Vec<&NaclEntry> = acl
        .entries
        .iter()
        .filter(|e| e.egress == need.egress)
        .collect();
    let (v6, lo, hi) = range(&need.peer);
    let denied = evaluate(
        &entries,
        need.proto,
        Block {
            v6,
            addr: (lo, hi),
            ports: need.ports,
        },
    );
    let dir = direction(need.egress);
    let only_uncommon = need.ephemeral
        && !denied.is_empty()
        && denied.iter().all(|(b, _)| b.ports.1 < EPHEMERAL_COMMON.0);
    let verdict = match denied.first() {
        None => crate::t!("nacl-allowed"),
        Some((b, rule)) => {
            let rules: Vec<Option<i32>> = denied.iter().map(|(_, r)| *r).collect();
            if only_uncommon {
                found.warn(crate::t!(
                    "nacl-uncommon-ephemeral",
                    acl = &acl.id,
                    subnet = &need.subnet,
                    dir = &dir,
                    peer = need.peer.to_string(),
                    lo = EPHEMERAL_COMMON.0,
                    hi = EPHEMERAL_COMMON.1
                ));
            } else if !need.ephemeral && any_of {
                // Judged by the caller, once every alternative port is known.
            } else {
                found.fail(crate::t!(
                    "nacl-denies",
                    acl = &acl.id,
                    subnet = &need.subnet,
                    dir = &dir,
                    what = &need.what,
                    side = if need.egress { "to" } else { "from" },
                    net = to_net(b.v6, b.addr.0, b.addr.1),
                    ports = ports_text(b.ports),
                    rule = rule_text(*rule)
                ));
            }
            fixes.push(acl_fix(
                acl,
                need.egress,
                need.proto,
                need.ports,
                &rules,
                need.peer.to_string(),
                cidr_flag(&need.peer),
            ));
            if only_uncommon {
                crate::t!("nacl-allowed-common-only")
            } else {
                crate::t!("nacl-denied-by", rule = rule_text(*rule))
            }
        }
    };
    let row = vec![
        acl.id.clone(),
        need.subnet.clone(),
        dir,
        need.peer.to_string(),
        format!("{} {}", need.proto.upper(), ports_text(need.ports)),
        verdict,
    ];
    (row, denied.is_empty())
}

/// The summary when every need of a named client is allowed.
fn with_client_pass(ep: &Endpoint, plan: &PortPlan, client: &Client, needs: &[Need]) -> String {
    let client_side = needs
        .iter()
        .filter(|n| !ep.subnet_ids.contains(&n.subnet))
        .map(|n| n.subnet.clone())
        .collect::<std::collections::BTreeSet<_>>();
    let ports: Vec<String> = plan.ports.iter().map(|(p, n)| port_label(*p, *n)).collect();
    let ports = if plan.any_of {
        super::sg::or_join(&ports)
    } else {
        ports.join(", ")
    };
    if client_side.is_empty() {
        crate::t!(
            "nacl-client-pass",
            subnets = join(&ep.subnet_ids),
            ports = ports,
            client = &client.label
        )
    } else {
        crate::t!(
            "nacl-client-pass-both-sides",
            subnets = join(&ep.subnet_ids),
            ports = ports,
            client = &client.label,
            client_subnets = client_side.into_iter().collect::<Vec<_>>().join(", ")
        )
    }
}

fn protos(plan: &PortPlan) -> Vec<Proto> {
    let mut v: Vec<Proto> = plan.ports.iter().map(|(p, _)| *p).collect();
    v.sort();
    v.dedup();
    v
}

fn ephemeral_what(proto: Proto, words: &str) -> String {
    match proto {
        Proto::Tcp => words.to_string(),
        Proto::Udp => format!("UDP {words}"),
    }
}

/// Every address of one family, as spans.
fn everything(v6: bool) -> Spans {
    if v6 {
        vec![(0, u128::MAX)]
    } else {
        vec![(0, u32::MAX as u128)]
    }
}

/// The addresses `entries` let through on all of `ports`, per family, and the rules that
/// denied the rest.
fn passing(
    entries: &[&NaclEntry],
    proto: Proto,
    ports: (u16, u16),
) -> ([Spans; 2], Vec<Option<i32>>) {
    let mut out: [Spans; 2] = [Vec::new(), Vec::new()];
    let mut rules = Vec::new();
    for (i, v6) in [false, true].into_iter().enumerate() {
        let all = everything(v6);
        let denied = evaluate(
            entries,
            proto,
            Block {
                v6,
                addr: all[0],
                ports,
            },
        );
        let minus: Spans = denied.iter().map(|(b, _)| b.addr).collect();
        rules.extend(denied.iter().map(|(_, r)| *r));
        out[i] = subtract(&all, &minus);
    }
    (out, rules)
}

fn spans_text(sets: &[Spans; 2]) -> String {
    let mut names: Vec<String> = Vec::new();
    for (i, v6) in [false, true].into_iter().enumerate() {
        if sets[i] == everything(v6) {
            names.push(if v6 {
                "::/0".into()
            } else {
                "0.0.0.0/0".into()
            });
            continue;
        }
        for (lo, hi) in &sets[i] {
            names.extend(to_cidrs(v6, *lo, *hi).iter().map(ToString::to_string));
        }
    }
    if names.len() > 5 {
        let more = names.len() - 4;
        names.truncate(4);
        names.push(crate::t!("nacl-more-ranges", count = more));
    }
    if names.is_empty() {
        crate::t!("nacl-nowhere")
    } else {
        names.join(", ")
    }
}

fn is_empty(sets: &[Spans; 2]) -> bool {
    sets.iter().all(std::vec::Vec::is_empty)
}

fn both(a: &[Spans; 2], b: &[Spans; 2]) -> [Spans; 2] {
    [intersect(&a[0], &b[0]), intersect(&a[1], &b[1])]
}

fn touches_subnets(sets: &[Spans; 2], subnets: &[Subnet]) -> bool {
    subnets
        .iter()
        .flat_map(|s| std::iter::once(&s.cidr).chain(s.ipv6_cidrs.iter()))
        .filter_map(|c| c.parse::<IpNet>().ok())
        .any(|net| {
            let (v6, lo, hi) = range(&net);
            let set = &sets[usize::from(v6)];
            !intersect(set, &vec![(lo, hi)]).is_empty()
        })
}

/// Nobody named: for each endpoint subnet's ACL, the sources that can complete a connection
/// (requests in on every port, replies out to the same addresses) are named; fail only when
/// no address at all gets through.
fn without_client(
    ep: &Endpoint,
    acls: &[NetworkAcl],
    subnets: &[Subnet],
    plan: &PortPlan,
    v6_range: &str,
) -> Outcome {
    let mut seen = AnyClient::default();
    let mut judged: Vec<String> = Vec::new();
    for subnet in &ep.subnet_ids {
        let acl = acl_of(acls, subnet).expect("checked above");
        if judged.contains(&acl.id) {
            continue;
        }
        judged.push(acl.id.clone());
        judge_acl_for_anyone(ep, acl, subnet, subnets, plan, v6_range, &mut seen);
    }
    let AnyClient {
        rows,
        fails,
        warns,
        admitted_texts,
        fixes,
    } = seen;
    let o = if !fails.is_empty() {
        Outcome::fail(fails.join("; "))
    } else if !warns.is_empty() {
        Outcome::warn(crate::t!("nacl-anyone-warn", warns = warns.join("; ")))
    } else {
        Outcome::pass(crate::t!(
            "nacl-anyone-pass",
            subnets = join(&ep.subnet_ids),
            admitted = admitted_texts.join("; ")
        ))
    };
    let fixes = if o.status == crate::engine::outcome::Status::Pass {
        Vec::new()
    } else {
        fixes
    };
    must_pass_table(o.fixes_once(fixes), true, rows)
}

/// What the endpoint's ACLs were found to do when nobody is named.
#[derive(Default)]
struct AnyClient {
    rows: Vec<Vec<String>>,
    fails: Vec<String>,
    warns: Vec<String>,
    admitted_texts: Vec<String>,
    fixes: Vec<FixAsk>,
}

/// What one ACL does for one port when nobody is named.
enum PortPass {
    /// Some sources complete a connection; `true` when replies get out only to the common
    /// ephemeral ports.
    Open([Spans; 2], bool),
    /// No source does, and why.
    Closed(String),
}

/// Judge one ACL on every port for anyone: a port nobody gets through fails (unless an
/// alternative port is open); open ports warn when only the common ephemeral ports get the
/// replies or when no subnet of the VPC is admitted.
fn judge_acl_for_anyone(
    ep: &Endpoint,
    acl: &NetworkAcl,
    subnet: &str,
    subnets: &[Subnet],
    plan: &PortPlan,
    v6_range: &str,
    seen: &mut AnyClient,
) {
    let fam = family::served(ep);
    // The family judged: an IPv6-only endpoint only over IPv6.
    let only = fam.only_v6().then_some(v6_range);
    let on = acl
        .subnet_ids
        .iter()
        .filter(|s| ep.subnet_ids.contains(s))
        .cloned()
        .collect::<Vec<_>>();
    let on = if on.is_empty() {
        vec![subnet.to_string()]
    } else {
        on
    };
    let on_text = join(&on);
    let mut open_ports = Vec::new();
    let mut closed = Vec::new();
    for &(proto, port) in &plan.ports {
        let label = port_label(proto, port);
        let (verdict, pass) = judge_port_for_anyone(acl, proto, port, only, &mut seen.fixes);
        match pass {
            PortPass::Open(set, linux_only) => open_ports.push((label.clone(), set, linux_only)),
            PortPass::Closed(why) => {
                closed.push((
                    label.clone(),
                    crate::t!("nacl-acl-on", acl = &acl.id, subnets = &on_text, why = why),
                ));
            }
        }
        seen.rows.push(vec![
            acl.id.clone(),
            on_text.clone(),
            crate::t!("nacl-both"),
            crate::t!("nacl-any-client"),
            label,
            verdict,
        ]);
    }
    if !closed.is_empty() && (!plan.any_of || open_ports.is_empty()) {
        seen.fails.extend(closed.into_iter().map(|(_, t)| t));
        return;
    }
    if fam.v4 && fam.v6 && aaaa(ep) {
        ipv6_gap(acl, &on_text, plan, v6_range, &open_ports, seen);
    }
    for (label, set, linux_only) in &open_ports {
        seen.admitted_texts.push(crate::t!(
            "nacl-admitted",
            acl = &acl.id,
            port = label,
            sources = spans_text(set)
        ));
        if *linux_only && !plan.any_of {
            seen.warns.push(crate::t!(
                "nacl-replies-common-only",
                acl = &acl.id,
                subnets = &on_text
            ));
        }
        if !touches_subnets(set, subnets) {
            seen.warns.push(crate::t!(
                "nacl-no-subnet-admitted",
                acl = &acl.id,
                subnets = &on_text,
                port = label,
                vpc = &ep.vpc_id
            ));
        }
    }
    if plan.any_of && !open_ports.is_empty() && open_ports.iter().all(|(_, _, l)| *l) {
        seen.warns.push(crate::t!(
            "nacl-replies-common-only-any",
            acl = &acl.id,
            subnets = &on_text
        ));
    }
}

/// Whether the endpoint's names carry AAAA records (so IPv6 clients try IPv6 first).
fn aaaa(ep: &Endpoint) -> bool {
    [family::NameKind::Endpoint, family::NameKind::Private]
        .into_iter()
        .any(|k| family::records(ep, k).contains(&crate::facts::RecordType::Aaaa))
}

/// A dual-stack endpoint whose ACL lets its ports through only over IPv4: IPv6 clients (the
/// AAAA records lead them there first) wait for IPv4 fallback or, IPv6-only, never connect.
/// A warning with the IPv6 allow: IPv4 clients work.
fn ipv6_gap(
    acl: &NetworkAcl,
    on_text: &str,
    plan: &PortPlan,
    v6_range: &str,
    open_ports: &[(String, [Spans; 2], bool)],
    seen: &mut AnyClient,
) {
    let mut shut = Vec::new();
    let mut fixes = Vec::new();
    for &(proto, port) in &plan.ports {
        let label = port_label(proto, port);
        if !open_ports.iter().any(|(l, _, _)| *l == label) {
            continue;
        }
        if let (_, PortPass::Closed(why)) =
            judge_port_for_anyone(acl, proto, port, Some(v6_range), &mut fixes)
        {
            shut.push(format!("{label}: {why}"));
        }
    }
    if shut.is_empty() || (plan.any_of && shut.len() < open_ports.len()) {
        return;
    }
    seen.warns.push(crate::t!(
        "nacl-no-ipv6",
        acl = &acl.id,
        subnets = on_text,
        why = shut.join("; ")
    ));
    seen.fixes.extend(fixes);
}

/// Which sources `acl` lets complete a connection on one port (requests in, replies out to
/// the same addresses), the row's verdict, and the fix for what stops it. `only_v6` judges
/// IPv6 alone (an IPv6-only endpoint): fixes then admit that IPv6 range.
fn judge_port_for_anyone(
    acl: &NetworkAcl,
    proto: Proto,
    port: u16,
    only_v6: Option<&str>,
    fixes: &mut Vec<FixAsk>,
) -> (String, PortPass) {
    let (var, flag, anywhere) = match only_v6 {
        Some(range) => (
            range.to_string(),
            "--ipv6-cidr-block",
            crate::t!("nacl-any-ipv6"),
        ),
        None => (
            crate::checks::sg::CLIENT_CIDR_VAR.to_string(),
            "--cidr-block",
            crate::t!("nacl-anywhere"),
        ),
    };
    let ingress: Vec<&NaclEntry> = acl.entries.iter().filter(|e| !e.egress).collect();
    let egress: Vec<&NaclEntry> = acl.entries.iter().filter(|e| e.egress).collect();
    let (mut inbound, in_rules) = passing(&ingress, proto, (port, port));
    let (mut out_all, out_rules) = passing(&egress, proto, EPHEMERAL);
    let (mut out_common, out_common_rules) = passing(&egress, proto, EPHEMERAL_COMMON);
    if only_v6.is_some() {
        // IPv4 never reaches an endpoint without IPv4 addresses.
        for set in [&mut inbound, &mut out_all, &mut out_common] {
            set[0].clear();
        }
    }
    let full = both(&inbound, &out_all);
    let common = both(&inbound, &out_common);
    let reply_fix = || acl_fix(acl, true, proto, EPHEMERAL, &out_rules, var.clone(), flag);
    if !is_empty(&full) {
        let verdict = crate::t!("nacl-verdict-full", sources = spans_text(&full));
        return (verdict, PortPass::Open(full, false));
    }
    if !is_empty(&common) {
        let verdict = crate::t!("nacl-verdict-common", sources = spans_text(&common));
        fixes.push(reply_fix());
        return (verdict, PortPass::Open(common, true));
    }
    let why = if is_empty(&inbound) {
        fixes.push(acl_fix(
            acl,
            false,
            proto,
            (port, port),
            &in_rules,
            var.clone(),
            flag,
        ));
        // Replies denied too: one round of fixes must open both ways.
        let replies = if is_empty(&out_common) {
            fixes.push(reply_fix());
            crate::t!(
                "nacl-and-replies-denied",
                rule = rule_text(out_common_rules.iter().flatten().min().copied())
            )
        } else {
            String::new()
        };
        crate::t!(
            "nacl-denies-inbound",
            port = port_label(proto, port),
            anywhere = &anywhere,
            rule = rule_text(in_rules.iter().flatten().min().copied()),
            replies = replies
        )
    } else if is_empty(&out_common) {
        fixes.push(reply_fix());
        crate::t!(
            "nacl-denies-replies",
            anywhere = &anywhere,
            rule = rule_text(out_common_rules.iter().flatten().min().copied())
        )
    } else {
        fixes.push(reply_fix());
        crate::t!(
            "nacl-no-both",
            port = port_label(proto, port),
            inbound = spans_text(&inbound),
            outbound = spans_text(&out_common)
        )
    };
    (why.clone(), PortPass::Closed(why))
}

fn entry_rows(acls: &[&NetworkAcl]) -> Vec<Vec<String>> {
    acls.iter()
        .flat_map(|a| {
            let mut es = a.entries.clone();
            es.sort_by_key(|e| (e.egress, e.rule_number));
            es.into_iter().map(move |e| {
                vec![
                    a.id.clone(),
                    if e.egress {
                        crate::t!("nacl-cell-out")
                    } else {
                        crate::t!("nacl-cell-in")
                    },
                    if e.rule_number == 32767 {
                        "*".into()
                    } else {
                        e.rule_number.to_string()
                    },
                    match e.protocol.as_str() {
                        "-1" => crate::t!("nacl-cell-all"),
                        "6" => "tcp".into(),
                        "17" => "udp".into(),
                        p => p.to_string(),
                    },
                    match (e.port_from, e.port_to) {
                        (Some(a), Some(b)) if a == b => a.to_string(),
                        (Some(a), Some(b)) => format!("{a}-{b}"),
                        _ => crate::t!("nacl-cell-all"),
                    },
                    e.cidr.clone(),
                    if e.allow {
                        crate::t!("nacl-cell-allow")
                    } else {
                        crate::t!("nacl-cell-deny")
                    },
                ]
            })
        })
        .collect()
}

/// A gateway endpoint has no subnet of its own: the client subnet's ACL must let requests
/// out to every range of the service's managed prefix list (an ACL cannot name the list)
/// and the replies in to the ephemeral ports. Judged for a client named with --from.
async fn gateway_nacls(ctx: &Ctx, ep: &Endpoint) -> Result<Outcome, Outcome> {
    if ctx.run.from.is_none() {
        return Ok(Outcome::not_applicable(crate::t!(
            "nacl-gateway-needs-from",
            endpoint = &ep.id,
            service = &ep.service_name
        )));
    }
    let client = resolve_client(ctx, ep).await?.expect("--from was given");
    let (acls, subnets) = tokio::try_join!(
        ctx.facts.network_acls(&ep.vpc_id),
        ctx.facts.subnets(&ep.vpc_id),
    )
    .map_err(|e| could_not_tell(ctx, &e, false))?;
    let list = match ctx.facts.managed_prefix_list(&ep.service_name).await {
        Ok(Some(l)) => l,
        Ok(None) => {
            return Err(Outcome::unknown(crate::t!(
                "nacl-no-prefix-list",
                service = &ep.service_name
            )));
        }
        Err(e) => return Err(could_not_tell(ctx, &e, false)),
    };
    let plan = port_plan(ctx, ep).await;
    let mut client_subnets: Vec<&String> = client
        .hosts
        .iter()
        .filter_map(|h| h.subnet.as_ref())
        .filter(|s| subnets.iter().any(|x| &x.id == *s))
        .collect();
    client_subnets.dedup();
    if client_subnets.is_empty() {
        return Ok(Outcome::not_applicable(crate::t!(
            "nacl-client-no-subnet",
            client = &client.label,
            vpc = &ep.vpc_id,
            service = &ep.service_name
        )));
    }
    let cidrs: Vec<IpNet> = list.cidrs.iter().filter_map(|c| c.parse().ok()).collect();
    let mut needs = Vec::new();
    for cs in &client_subnets {
        let Some(acl) = acl_of(&acls, cs) else {
            return Err(Outcome::unknown(crate::t!(
                "nacl-no-acl-covers",
                vpc = &ep.vpc_id,
                subnet = *cs
            )));
        };
        for peer in &cidrs {
            for &(proto, port) in &plan.ports {
                push_need(
                    &mut needs,
                    Need {
                        acl: acl.id.clone(),
                        subnet: (*cs).clone(),
                        egress: true,
                        peer: *peer,
                        proto,
                        ports: (port, port),
                        ephemeral: false,
                        what: crate::t!(
                            "nacl-what-service-requests",
                            service = &ep.service_name,
                            port = port_label(proto, port)
                        ),
                    },
                );
            }
            for proto in protos(&plan) {
                push_need(
                    &mut needs,
                    Need {
                        acl: acl.id.clone(),
                        subnet: (*cs).clone(),
                        egress: false,
                        peer: *peer,
                        proto,
                        ports: EPHEMERAL,
                        ephemeral: true,
                        what: ephemeral_what(proto, &crate::t!("nacl-what-replies")),
                    },
                );
            }
        }
    }
    let mut found = Findings::default();
    let mut fixes: Vec<FixAsk> = Vec::new();
    let mut rows = Vec::new();
    for need in &needs {
        let acl = acls
            .iter()
            .find(|a| a.id == need.acl)
            .expect("chosen above");
        let (row, _) = judge_need(acl, need, false, &mut found, &mut fixes);
        rows.push(row);
    }
    let pass = crate::t!(
        "nacl-gateway-pass",
        subnets = join(&client_subnets),
        client = &client.label,
        list = &list.id,
        cidrs = list.cidrs.join(", ")
    );
    let o = found.verdict(pass);
    let fixes = if o.status == crate::engine::outcome::Status::Pass {
        Vec::new()
    } else {
        distinct_rule_numbers(&acls, fixes)
    };
    let o = o
        .fixes_once(fixes)
        .field(crate::t!("sg-field-ports"), plan.text())
        .field(crate::t!("sg-field-clients"), client.label.clone())
        .field(
            crate::t!("nacl-field-prefix-list"),
            format!("{} {}", list.id, list.name),
        );
    Ok(must_pass_table(o, false, rows))
}

/// Several new entries for one ACL and direction each get a rule number of their own: the
/// next free one below the number chosen, so every command of the fix can run.
fn distinct_rule_numbers(acls: &[NetworkAcl], fixes: Vec<FixAsk>) -> Vec<FixAsk> {
    let mut taken: Vec<(String, bool, i32)> = Vec::new();
    let mut out = Vec::new();
    for (key, mut vars) in fixes {
        let egress = match key {
            "allow_outbound" => true,
            "allow_inbound" => false,
            _ => {
                out.push((key, vars));
                continue;
            }
        };
        let get = |k: &str, vars: &[(&str, String)]| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let acl_id = get("acl_id", &vars);
        let Ok(mut n) = get("rule_number", &vars).parse::<i32>() else {
            out.push((key, vars));
            continue;
        };
        let used = |n: i32| {
            taken.contains(&(acl_id.clone(), egress, n))
                || acls.iter().any(|a| {
                    a.id == acl_id
                        && a.entries
                            .iter()
                            .any(|e| e.egress == egress && e.rule_number == n)
                })
        };
        while n > 1 && used(n) {
            n -= 1;
        }
        taken.push((acl_id.clone(), egress, n));
        for (k, v) in vars.iter_mut() {
            if *k == "rule_number" {
                *v = n.to_string();
            }
        }
        out.push((key, vars));
    }
    out
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

    fn ev(entries: &[&NaclEntry], b: Block) -> Vec<(Block, Option<i32>)> {
        evaluate(entries, Proto::Tcp, b)
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
        let d = ev(
            &[&allow_all, &deny_443, &star],
            block("10.0.1.0/24", (443, 443)),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].1, Some(50));
        // Another port passes the deny and meets the allow.
        assert!(
            ev(
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
        let d = ev(&[&allow_low, &star], block("10.0.0.0/16", (1024, 65535)));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0.ports, (32768, 65535));
        assert_eq!(d[0].1, Some(32767));
        // With no entries at all nothing matches: the implicit deny.
        assert_eq!(ev(&[], block("10.0.0.0/16", (443, 443)))[0].1, None);
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
        let d = ev(&[&allow_half], block("10.0.0.0/16", (443, 443)));
        assert_eq!(d.len(), 1);
        assert_eq!(
            to_net(d[0].0.v6, d[0].0.addr.0, d[0].0.addr.1),
            "10.0.128.0/17"
        );
        // UDP rules never admit TCP.
        let udp = entry(10, "17", true, "0.0.0.0/0", None);
        assert_eq!(ev(&[&udp], block("10.0.0.0/16", (443, 443))).len(), 1);
    }
}
