//! `client.egress`: the client's own security groups must let its requests out to the
//! endpoint. Security groups are stateful (replies come back by themselves), but a group
//! whose outbound rules were narrowed from the default allow-all often forgets the endpoint:
//! an interface endpoint's network interfaces (their addresses, or a reference to the
//! endpoint's security group), or a gateway endpoint's managed prefix list (S3, DynamoDB),
//! which no address range of the VPC covers.

use ipnet::IpNet;

use super::netmath::covered_by;
use super::sg::{PortPlan, Proto, port_label, port_plan, resolve_client, rule_allows};
use super::*;
use crate::facts::model::{PrefixList, SecurityGroup, SgRule};

/// Where the client's requests go, as its outbound rules must name it.
#[derive(Debug, Clone)]
pub(super) enum Dest {
    /// An interface endpoint: the addresses of its network interfaces (of the families
    /// judged) and its security groups.
    Interface {
        addrs: Vec<IpNet>,
        groups: Vec<String>,
    },
    /// A gateway endpoint: the service's managed prefix list (`None`: it could not be read,
    /// so only a rule to every address can be judged).
    Gateway {
        service: String,
        list: Option<PrefixList>,
    },
}

impl Dest {
    fn text(&self, ep: &Endpoint) -> String {
        match self {
            Dest::Interface { addrs, .. } => {
                format!("{} ({})", ep.id, join(addrs))
            }
            Dest::Gateway {
                list: Some(l),
                service,
            } => crate::t!(
                "client-dest-prefix-list",
                service = service,
                list = &l.id,
                cidrs = l.cidrs.join(", ")
            ),
            Dest::Gateway { service, .. } => {
                crate::t!("client-dest-prefix-list-not-read", service = service)
            }
        }
    }
}

/// What the outbound rules do with the traffic to the endpoint on one port.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Egress {
    Allowed(String),
    Denied,
    /// A dual-stack destination reached over one family only (the other named): clients
    /// that try it first wait for fallback.
    OneFamily(String, &'static str),
    /// Only rules to other prefix lists (their entries are not read) could let it out.
    OtherLists(Vec<String>),
}

/// The ids AWS gives are lowercase letters, digits and hyphens: anything else stays out of a
/// quoted shell argument.
fn plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Judge the outbound rules that carry `proto` `port` against the destination.
pub(super) fn judge_egress(rules: &[&SgRule], dest: &Dest) -> Egress {
    let nets = super::sg::rule_ranges(rules);
    let holding = |targets: &[IpNet]| -> String {
        let mut v: Vec<String> = nets
            .iter()
            .filter(|n| targets.iter().any(|t| covered_by(t, &[**n])))
            .map(ToString::to_string)
            .collect();
        v.dedup();
        v.join(", ")
    };
    match dest {
        Dest::Interface { addrs, groups } => {
            if let Some(g) = rules
                .iter()
                .flat_map(|r| r.group_refs.iter())
                .find(|g| groups.contains(g))
            {
                return Egress::Allowed(crate::t!("client-by-endpoint-group", group = g));
            }
            if !addrs.is_empty() && addrs.iter().all(|a| covered_by(a, &nets)) {
                return Egress::Allowed(crate::t!("client-by-range", ranges = holding(addrs)));
            }
        }
        Dest::Gateway { list, .. } => {
            let everything: Vec<IpNet> = vec!["0.0.0.0/0".parse().expect("a CIDR")];
            if let Some(l) = list {
                if rules.iter().any(|r| r.prefix_lists.contains(&l.id)) {
                    return Egress::Allowed(crate::t!("client-by-prefix-list", list = &l.id));
                }
                let cidrs: Vec<IpNet> = l.cidrs.iter().filter_map(|c| c.parse().ok()).collect();
                if !cidrs.is_empty() && cidrs.iter().all(|c| covered_by(c, &nets)) {
                    return Egress::Allowed(crate::t!("client-by-range", ranges = holding(&cidrs)));
                }
            } else if covered_by(&everything[0], &nets) {
                return Egress::Allowed(crate::t!("client-by-range", ranges = "0.0.0.0/0"));
            }
        }
    }
    let mut lists: Vec<String> = rules
        .iter()
        .flat_map(|r| r.prefix_lists.iter().cloned())
        .filter(|p| !matches!(dest, Dest::Gateway { list: Some(l), .. } if &l.id == p))
        .collect();
    lists.sort();
    lists.dedup();
    if lists.is_empty() {
        Egress::Denied
    } else {
        Egress::OtherLists(lists)
    }
}

/// [`judge_egress`], with a destination of both families judged family by family: the
/// clients reach it if either family gets out.
pub(super) fn judge_families(rules: &[&SgRule], dest: &Dest) -> Egress {
    let Dest::Interface { addrs, groups } = dest else {
        return judge_egress(rules, dest);
    };
    let of = |v6: bool| Dest::Interface {
        addrs: addrs
            .iter()
            .filter(|a| a.addr().is_ipv6() == v6)
            .copied()
            .collect(),
        groups: groups.clone(),
    };
    let (v4, v6) = (of(false), of(true));
    let both = matches!(&v4, Dest::Interface { addrs, .. } if !addrs.is_empty())
        && matches!(&v6, Dest::Interface { addrs, .. } if !addrs.is_empty());
    let whole = judge_egress(rules, dest);
    if !both || matches!(whole, Egress::Allowed(_)) {
        return whole;
    }
    match (judge_egress(rules, &v4), judge_egress(rules, &v6)) {
        (Egress::Allowed(how), _) => Egress::OneFamily(how, "IPv6"),
        (_, Egress::Allowed(how)) => Egress::OneFamily(how, "IPv4"),
        _ => whole,
    }
}

/// The `--ip-permissions` argument that lets `proto` `port` out to the destination, as
/// narrow as it can be: the endpoint's security group (when the client's group is in the
/// endpoint's VPC, where a reference works), the prefix list, else the endpoint's addresses.
pub(super) fn egress_permission_args(
    proto: Proto,
    port: u16,
    dest: &Dest,
    same_vpc: bool,
) -> Option<String> {
    let head = format!("IpProtocol={},FromPort={port},ToPort={port}", proto.name());
    let target = match dest {
        Dest::Interface { groups, .. }
            if same_vpc && groups.first().is_some_and(|g| plain_id(g)) =>
        {
            format!("UserIdGroupPairs=[{{GroupId={}}}]", groups[0])
        }
        Dest::Interface { addrs, .. } => {
            let v4: Vec<String> = addrs
                .iter()
                .filter(|a| a.addr().is_ipv4())
                .map(|a| format!("{{CidrIp={a}}}"))
                .collect();
            let v6: Vec<String> = addrs
                .iter()
                .filter(|a| a.addr().is_ipv6())
                .map(|a| format!("{{CidrIpv6={a}}}"))
                .collect();
            let mut parts = Vec::new();
            if !v4.is_empty() {
                parts.push(format!("IpRanges=[{}]", v4.join(",")));
            }
            if !v6.is_empty() {
                parts.push(format!("Ipv6Ranges=[{}]", v6.join(",")));
            }
            if parts.is_empty() {
                return None;
            }
            parts.join(",")
        }
        Dest::Gateway { list: Some(l), .. } if plain_id(&l.id) => {
            format!("PrefixListIds=[{{PrefixListId={}}}]", l.id)
        }
        Dest::Gateway { .. } => return None,
    };
    Some(format!("--ip-permissions '{head},{target}'"))
}

/// The outbound rules of `groups` that carry `proto` on `port`.
fn egress_matching(groups: &[SecurityGroup], proto: Proto, port: u16) -> Vec<&SgRule> {
    groups
        .iter()
        .flat_map(|g| g.egress.iter())
        .filter(|r| rule_allows(r, proto, port))
        .collect()
}

/// Every address of the interfaces (IPv4 and IPv6), sorted, each once.
pub(super) fn interface_addresses(enis: &[crate::facts::model::NetworkInterface]) -> Vec<IpNet> {
    let mut all: Vec<IpNet> = enis
        .iter()
        .flat_map(|n| {
            n.private_ip
                .iter()
                .chain(n.private_ips.iter())
                .chain(n.ipv6_addresses.iter())
        })
        .filter_map(|s| s.parse::<IpAddr>().ok())
        .map(IpNet::from)
        .collect();
    all.sort();
    all.dedup();
    all
}

/// The destination of an interface endpoint: its interfaces' addresses of the families the
/// client has (all of them when it has none the endpoint serves), and its groups.
async fn interface_dest(
    ctx: &Ctx,
    ep: &Endpoint,
    client_v4: bool,
    client_v6: bool,
) -> Result<Dest, Outcome> {
    let enis = ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let all = interface_addresses(&enis);
    let kept: Vec<IpNet> = all
        .iter()
        .filter(|a| {
            if a.addr().is_ipv6() {
                client_v6
            } else {
                client_v4
            }
        })
        .copied()
        .collect();
    Ok(Dest::Interface {
        addrs: if kept.is_empty() { all } else { kept },
        groups: ep.security_group_ids.clone(),
    })
}

pub async fn client_egress(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = endpoint_or(ctx).await?;
    match kind(&ep) {
        Kind::Interface | Kind::Gateway => {}
        Kind::Unknown => return Err(unknown_kind(&ep)),
        Kind::GatewayLoadBalancer => {
            return Ok(Outcome::not_applicable(crate::t!("client-gwlb-na")));
        }
        Kind::Resource | Kind::ServiceNetwork => return Ok(lattice_not_applicable(&ep)),
    }
    if ctx.run.from.is_none() {
        return Ok(Outcome::not_applicable(crate::t!("client-none-named")));
    }
    let client = resolve_client(ctx, &ep).await?.expect("--from was given");
    if client.groups.is_empty() {
        return Ok(Outcome::not_applicable(crate::t!(
            "client-no-groups",
            client = &client.label
        )));
    }
    let groups = ctx
        .facts
        .security_groups(&client.groups)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let plan = port_plan(ctx, &ep).await;
    let mut list_error = None;
    let dest = match kind(&ep) {
        Kind::Gateway => {
            let list = match ctx.facts.managed_prefix_list(&ep.service_name).await {
                Ok(Some(l)) => Some(l),
                Ok(None) => {
                    list_error = Some(Outcome::unknown(crate::t!(
                        "client-no-prefix-list",
                        service = &ep.service_name
                    )));
                    None
                }
                Err(e) => {
                    list_error = Some(could_not_tell(ctx, &e, false));
                    None
                }
            };
            Dest::Gateway {
                service: ep.service_name.clone(),
                list,
            }
        }
        _ => {
            let v4 = client.hosts.iter().any(|h| h.addr.addr().is_ipv4());
            let v6 = client.hosts.iter().any(|h| h.addr.addr().is_ipv6());
            let (v4, v6) = if v4 || v6 { (v4, v6) } else { (true, true) };
            interface_dest(ctx, &ep, v4, v6).await?
        }
    };
    let same_vpc = groups
        .first()
        .and_then(|g| g.vpc_id.as_deref())
        .is_none_or(|v| v == ep.vpc_id);
    let o = egress_verdict(&ep, &groups, &plan, &client.label, &dest, same_vpc);
    let o = match list_error {
        Some(unknown) if o.status != crate::engine::outcome::Status::Pass => unknown,
        _ => o,
    };
    Ok(o.var("client_sg_ids", client.groups.join(" "))
        .field(crate::t!("client-field-ports"), plan.text())
        .field(crate::t!("client-field-client"), client.label.clone())
        .field(crate::t!("client-field-destination"), dest.text(&ep))
        .table(
            crate::t!("client-table-outbound"),
            &[
                &crate::t!("client-col-group"),
                &crate::t!("client-col-protocol"),
                &crate::t!("client-field-ports"),
                &crate::t!("client-field-destination"),
            ],
            super::sg::rule_rows(&groups, true),
        ))
}

/// The verdict over every port: fail where a port's traffic cannot leave (unless the
/// clients use one of several ports and one can), unknown where only other prefix lists
/// could let it out, pass otherwise.
pub(super) fn egress_verdict(
    ep: &Endpoint,
    groups: &[SecurityGroup],
    plan: &PortPlan,
    who: &str,
    dest: &Dest,
    same_vpc: bool,
) -> Outcome {
    let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    let subject = ids.join(", ");
    let mut allowed = Vec::new();
    let mut denied = Vec::new();
    let mut lists = Vec::new();
    let mut one_family = Vec::new();
    for &(proto, port) in &plan.ports {
        match judge_families(&egress_matching(groups, proto, port), dest) {
            Egress::Allowed(how) => allowed.push(format!("{} {how}", port_label(proto, port))),
            Egress::Denied => denied.push((proto, port)),
            Egress::OneFamily(how, missing) => {
                allowed.push(format!("{} {how}", port_label(proto, port)));
                one_family.push((proto, port, missing));
            }
            Egress::OtherLists(l) => lists.push(crate::t!(
                "client-port-prefix-lists",
                port = port_label(proto, port),
                lists = join(&l)
            )),
        }
    }
    let some_allowed = plan.any_of && !allowed.is_empty();
    let target = match dest {
        Dest::Interface { .. } => crate::t!("client-target-endpoint", id = &ep.id),
        Dest::Gateway { service, .. } => {
            crate::t!("client-target-gateway", service = service, id = &ep.id)
        }
    };
    if !denied.is_empty() && !some_allowed {
        let what: Vec<String> = denied.iter().map(|(p, n)| port_label(*p, *n)).collect();
        let mut o = Outcome::fail(if plan.any_of {
            crate::t!(
                "client-egress-denied-any",
                groups = &subject,
                who = who,
                target = &target,
                ports = what.join(" or ")
            )
        } else {
            crate::t!(
                "client-egress-denied",
                groups = &subject,
                who = who,
                target = &target,
                ports = what.join(", ")
            )
        });
        for &(proto, port) in &denied {
            o = egress_fix(o, &groups[0].id, proto, port, dest, same_vpc);
            if plan.any_of {
                break;
            }
        }
        return o;
    }
    if !lists.is_empty() && !some_allowed {
        return Outcome::unknown(crate::t!(
            "client-egress-other-lists",
            groups = &subject,
            who = who,
            target = &target,
            lists = lists.join("; ")
        ));
    }
    if let Some(&(proto, port, missing)) = one_family.first()
        && !(plan.any_of && one_family.len() < allowed.len())
    {
        let o = Outcome::warn(crate::t!(
            "client-egress-one-family",
            groups = &subject,
            who = who,
            target = &target,
            allowed = allowed.join("; "),
            missing = missing,
            id = &ep.id
        ));
        return egress_fix(o, &groups[0].id, proto, port, dest, same_vpc);
    }
    Outcome::pass(crate::t!(
        "client-egress-pass",
        groups = &subject,
        who = who,
        target = &target,
        allowed = allowed.join("; ")
    ))
}

/// The fix that lets `proto` `port` out of `group` to the destination (none when no rule
/// can be written for it).
fn egress_fix(
    o: Outcome,
    group: &str,
    proto: Proto,
    port: u16,
    dest: &Dest,
    same_vpc: bool,
) -> Outcome {
    match egress_permission_args(proto, port, dest, same_vpc) {
        Some(args) => o.fix(
            "allow_egress",
            &[
                ("group_id", group.to_string()),
                ("what", port_label(proto, port)),
                ("permission_args", args),
            ],
        ),
        None => o,
    }
}
