//! `endpoint.security_groups`: evaluate the endpoint's inbound rules against the clients,
//! and what the security-group and ACL checks share: who the clients are (`--from`), the
//! ports and protocols they use, and the rule arguments of a fix.

use ipnet::IpNet;

use super::family::{self, Families};
use super::netmath::{covered_by, overlaps};
use super::*;
use crate::context::ClientSource;
use crate::engine::outcome::Account;
use crate::facts::model::{SecurityGroup, SgRule, Subnet};

/// A transport protocol a listener carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Proto {
    Tcp,
    Udp,
}

impl Proto {
    /// The name the EC2 API and CLI use.
    pub fn name(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
        }
    }
    /// The IP protocol number network ACL entries use.
    pub fn number(self) -> &'static str {
        match self {
            Proto::Tcp => "6",
            Proto::Udp => "17",
        }
    }
    pub fn upper(self) -> &'static str {
        match self {
            Proto::Tcp => "TCP",
            Proto::Udp => "UDP",
        }
    }
}

/// Alternatives joined with "or" in the reader's language ("TCP 587 or TCP 465").
pub fn or_join(items: &[String]) -> String {
    items.join(&crate::t!("sg-or"))
}

/// "TCP 443", "UDP 53".
pub fn port_label(proto: Proto, port: u16) -> String {
    format!("{} {port}", proto.upper())
}

/// Whether a rule admits `proto` on `port` (protocol by name or number, `-1` for all).
pub fn rule_allows(rule: &SgRule, proto: Proto, port: u16) -> bool {
    let p = rule.protocol.to_ascii_lowercase();
    if p == "-1" || p == "all" {
        return true;
    }
    if p != proto.name() && p != proto.number() {
        return false;
    }
    match (rule.from_port, rule.to_port) {
        (Some(from), Some(to)) if from == -1 && to == -1 => true,
        (Some(from), Some(to)) => (from..=to).contains(&(port as i32)),
        _ => true,
    }
}

/// The ports the clients use and where that came from.
#[derive(Debug, Clone)]
pub(super) struct PortPlan {
    pub ports: Vec<(Proto, u16)>,
    pub origin: String,
    /// The clients use one of these ports, not each of them (an AWS service that offers
    /// several, like SMTP on 25, 465 or 587): one admitted port is enough.
    pub any_of: bool,
}

impl PortPlan {
    pub fn text(&self) -> String {
        let list: Vec<String> = self.ports.iter().map(|(p, n)| port_label(*p, *n)).collect();
        let joined = if self.any_of {
            or_join(&list)
        } else {
            list.join(", ")
        };
        format!("{joined} ({})", self.origin)
    }
}

/// The ports of an AWS-owned service (`com.amazonaws.<region>.<service>`) when they are not
/// only 443, and whether the clients pick one of them (`true`) or use each.
pub fn aws_service_ports(service_name: &str) -> Option<(&'static [u16], bool)> {
    let (_, service) = super::aws_service_parts(service_name)?;
    match service {
        // SES SMTP interface endpoints: STARTTLS on 25, 587, 2587; TLS wrapper on 465, 2465.
        "email-smtp" | "email-smtp-fips" => Some((&[587, 465, 25, 2587, 2465], true)),
        // Transfer Family servers (SFTP); `transfer` alone is the HTTPS API.
        "transfer.server" => Some((&[22], false)),
        // Amazon Keyspaces (Cassandra CQL over TLS).
        "cassandra" | "cassandra-fips" => Some((&[9142], false)),
        // AWS IoT Core data plane: HTTPS or MQTT over TLS.
        "iot.data" => Some((&[443, 8883], true)),
        _ => None,
    }
}

fn listener_protos(protocol: &str) -> Vec<Proto> {
    match protocol.to_ascii_uppercase().as_str() {
        "UDP" => vec![Proto::Udp],
        "TCP_UDP" => vec![Proto::Tcp, Proto::Udp],
        // TCP, TLS (and HTTP/HTTPS of other load balancer types) ride on TCP.
        _ => vec![Proto::Tcp],
    }
}

/// The ports the clients use: `--port` (with the listener's protocol when a listener has
/// that port), else the NLB listener ports and protocols when the provider is visible,
/// else the AWS service's ports (443 for most).
pub(super) async fn port_plan(ctx: &Ctx, ep: &Endpoint) -> PortPlan {
    let mut listeners: Vec<(Proto, u16)> = Vec::new();
    if let Ok(Some(cfg)) = provider_config(ctx, ep).await
        && let Ok(lbs) = ctx
            .facts
            .load_balancers(&cfg.network_load_balancer_arns)
            .await
    {
        for lb in &lbs {
            if let Ok(ls) = ctx.facts.listeners(&lb.arn).await {
                for l in &ls {
                    if let Some(port) = l.port.and_then(|p| u16::try_from(p).ok()) {
                        for proto in listener_protos(&l.protocol) {
                            listeners.push((proto, port));
                        }
                    }
                }
            }
        }
    }
    listeners.sort();
    listeners.dedup();
    if !ctx.run.ports.is_empty() {
        let mut ports = Vec::new();
        for &port in &ctx.run.ports {
            let protos: Vec<Proto> = listeners
                .iter()
                .filter(|(_, p)| *p == port)
                .map(|(proto, _)| *proto)
                .collect();
            if protos.is_empty() {
                ports.push((Proto::Tcp, port));
            } else {
                ports.extend(protos.into_iter().map(|p| (p, port)));
            }
        }
        return PortPlan {
            ports,
            origin: "--port".into(),
            any_of: false,
        };
    }
    if !listeners.is_empty() {
        return PortPlan {
            ports: listeners,
            origin: crate::t!("sg-origin-nlb-listeners"),
            any_of: false,
        };
    }
    if let Some((ports, any_of)) = aws_service_ports(&ep.service_name) {
        return PortPlan {
            ports: ports.iter().map(|p| (Proto::Tcp, *p)).collect(),
            origin: if any_of {
                crate::t!("sg-origin-service-ports-any", service = &ep.service_name)
            } else {
                crate::t!("sg-origin-service-ports", service = &ep.service_name)
            },
            any_of,
        };
    }
    PortPlan {
        ports: vec![(Proto::Tcp, 443)],
        origin: crate::t!("sg-origin-default"),
        any_of: false,
    }
}

/// The TCP ports the clients use (what a connect probe can try), and where they came from.
pub(super) async fn ports_in_use(ctx: &Ctx, ep: &Endpoint) -> (Vec<u16>, String) {
    let plan = port_plan(ctx, ep).await;
    let mut ports: Vec<u16> = plan
        .ports
        .iter()
        .filter(|(p, _)| *p == Proto::Tcp)
        .map(|(_, n)| *n)
        .collect();
    ports.dedup();
    (ports, plan.origin)
}

/// Who the traffic comes from, in the form a fix admits.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Cidr(IpNet),
    Group(String),
    /// Nobody was named: the command reads the clients' group from `$CLIENT_SG`.
    ClientGroupVar,
    /// Nobody was named: the command reads the clients' range from `$CLIENT_CIDR`.
    ClientCidrVar,
}

/// The shell expansions the fixes use when no client was named; `:?` stops the command with
/// the message when the variable is unset, instead of sending an empty id.
pub const CLIENT_SG_VAR: &str =
    "\"${CLIENT_SG:?set CLIENT_SG to the security group of the clients}\"";
pub const CLIENT_CIDR_VAR: &str =
    "\"${CLIENT_CIDR:?set CLIENT_CIDR to the address range of the clients}\"";

impl Source {
    pub fn text(&self) -> String {
        match self {
            Source::Cidr(n) => n.to_string(),
            Source::Group(g) => g.clone(),
            Source::ClientGroupVar => crate::t!("sg-source-client-group-var"),
            Source::ClientCidrVar => crate::t!("sg-source-client-cidr-var"),
        }
    }
}

/// The rule part of an `authorize-security-group-ingress/-egress` command for `proto` `port`
/// from (or to) `source`. The CLI refuses `--protocol` beside `--ip-permissions`, and `--cidr`
/// takes IPv4 only, so IPv6 gets the single quoted `--ip-permissions` form (quoted: zsh globs
/// `[]`, bash and zsh both brace-expand nothing inside quotes).
pub fn permission_args(proto: Proto, port: u16, source: &Source) -> String {
    let p = proto.name();
    match source {
        Source::Cidr(net) if net.addr().is_ipv6() => format!(
            "--ip-permissions 'IpProtocol={p},FromPort={port},ToPort={port},Ipv6Ranges=[{{CidrIpv6={net}}}]'"
        ),
        Source::Cidr(net) => format!("--protocol {p} --port {port} --cidr {net}"),
        Source::Group(g) => format!("--protocol {p} --port {port} --source-group {g}"),
        Source::ClientGroupVar => {
            format!("--protocol {p} --port {port} --source-group {CLIENT_SG_VAR}")
        }
        Source::ClientCidrVar => format!("--protocol {p} --port {port} --cidr {CLIENT_CIDR_VAR}"),
    }
}

/// The TCP rule arguments for `net` (see [`permission_args`]).
pub(super) fn source_arg(net: &IpNet, port: u16) -> String {
    permission_args(Proto::Tcp, port, &Source::Cidr(*net))
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
    admits_proto(rules, Proto::Tcp, port, peer)
}

pub fn admits_proto(rules: &[SgRule], proto: Proto, port: u16, peer: &Peer) -> Admit {
    let matching: Vec<&SgRule> = rules
        .iter()
        .filter(|r| rule_allows(r, proto, port))
        .collect();
    if !peer.groups.is_empty()
        && matching
            .iter()
            .any(|r| r.group_refs.iter().any(|g| peer.groups.contains(g)))
    {
        return Admit::Yes;
    }
    let ranges = rule_ranges(&matching);
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

pub(super) fn rule_ranges(rules: &[&SgRule]) -> Vec<IpNet> {
    rules
        .iter()
        .flat_map(|r| r.ipv4_ranges.iter().chain(r.ipv6_ranges.iter()))
        .filter_map(|c| c.parse().ok())
        .collect()
}

/// One place a named client sends from: an address range and, when known, the subnet it
/// sits in (whose network ACL its traffic crosses).
#[derive(Debug, Clone, PartialEq)]
pub struct Host {
    pub addr: IpNet,
    pub subnet: Option<String>,
}

/// The client named with `--from`, resolved to what the rules are judged against.
#[derive(Debug, Clone)]
pub struct Client {
    /// For the evidence: "i-0abc (10.0.1.7, sg-app) (--from)".
    pub label: String,
    pub hosts: Vec<Host>,
    /// The security groups the client is in.
    pub groups: Vec<String>,
    /// A group named with `--from sg-…` that has no member to take addresses from: its
    /// addresses are those of its VPC, and a range rule that does not cover them all cannot
    /// be judged.
    pub no_members: bool,
    /// What a fix admits: exactly the client that was named, never more.
    pub fix_source: Source,
}

impl Client {
    pub fn addrs(&self) -> Vec<IpNet> {
        let mut v: Vec<IpNet> = self.hosts.iter().map(|h| h.addr).collect();
        v.sort();
        v.dedup();
        v
    }
}

fn host_nets(ips: &[String]) -> Vec<IpNet> {
    let mut v: Vec<IpNet> = ips
        .iter()
        .filter_map(|s| s.parse::<IpAddr>().ok())
        .map(IpNet::from)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The subnet of the endpoint's VPC that holds all of `net`, if one does.
fn subnet_holding(subnets: &[Subnet], net: &IpNet) -> Option<String> {
    subnets
        .iter()
        .find(|s| {
            std::iter::once(&s.cidr)
                .chain(s.ipv6_cidrs.iter())
                .filter_map(|c| c.parse::<IpNet>().ok())
                .any(|c| covered_by(net, &[c]))
        })
        .map(|s| s.id.clone())
}

/// The client named with `--from`, or `None` when nobody was named.
pub(super) async fn resolve_client(ctx: &Ctx, ep: &Endpoint) -> Result<Option<Client>, Outcome> {
    let Some(from) = &ctx.run.from else {
        return Ok(None);
    };
    // Needed only to place a client in a subnet (a subnet named with --from must be found);
    // not seeing them leaves the ACL of a client's subnet unjudged, nothing more.
    let subnets_fact = ctx.facts.subnets(&ep.vpc_id).await;
    let subnets: Vec<Subnet> = subnets_fact.clone().unwrap_or_default();
    let client = match from {
        ClientSource::Cidr(net) => Client {
            label: format!("{net} (--from)"),
            hosts: vec![Host {
                addr: *net,
                subnet: subnet_holding(&subnets, net),
            }],
            groups: vec![],
            no_members: false,
            fix_source: Source::Cidr(*net),
        },
        ClientSource::Subnet(id) => {
            if let Err(e) = &subnets_fact {
                return Err(could_not_tell(ctx, e, false));
            }
            subnet_client(&subnets, id).ok_or_else(|| {
                Outcome::unknown(crate::t!(
                    "sg-from-subnet-not-in-vpc",
                    id = id,
                    vpc = &ep.vpc_id
                ))
            })?
        }
        ClientSource::Instance(id) => instance_client(ctx, ep, id).await?,
        ClientSource::NetworkInterface(id) => interface_client(ctx, &subnets, id).await?,
        ClientSource::SecurityGroup(sg) => group_client(ctx, sg).await,
        ClientSource::OnPrem(net) => Client {
            label: crate::t!("sg-label-on-prem", net = net.to_string()),
            hosts: vec![Host {
                addr: *net,
                subnet: None,
            }],
            groups: vec![],
            no_members: false,
            fix_source: Source::Cidr(*net),
        },
        ClientSource::Vpc(id) => vpc_client(ctx, id).await?,
    };
    Ok(Some(client))
}

/// Every client of another VPC (`--from vpc-…`): its CIDR blocks, as traffic from a peered or
/// transit-gateway VPC keeps its source address.
async fn vpc_client(ctx: &Ctx, id: &str) -> Result<Client, Outcome> {
    let vpc = ctx
        .facts
        .vpc(id)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let hosts: Vec<Host> = vpc
        .cidr_blocks
        .iter()
        .chain(vpc.ipv6_cidr_blocks.iter())
        .filter_map(|c| c.parse::<IpNet>().ok())
        .map(|addr| Host { addr, subnet: None })
        .collect();
    let fix_source = match hosts.first() {
        Some(h) => Source::Cidr(h.addr),
        None => {
            return Err(Outcome::unknown(crate::t!("sg-from-vpc-no-cidr", id = id)));
        }
    };
    Ok(Client {
        label: format!("{id} {} (--from)", join(&vpc.cidr_blocks)),
        hosts,
        groups: vec![],
        no_members: false,
        fix_source,
    })
}

/// A subnet named with `--from`, by its range; `None` when it is not a subnet of the
/// endpoint's VPC.
fn subnet_client(subnets: &[Subnet], id: &str) -> Option<Client> {
    let subnet = subnets.iter().find(|s| s.id == id)?;
    // Both families: an IPv6-only subnet has no IPv4 range, a dual-stack one has both, and
    // `narrow` keeps those the endpoint serves.
    let nets: Vec<IpNet> = std::iter::once(&subnet.cidr)
        .chain(subnet.ipv6_cidrs.iter())
        .filter_map(|c| c.parse::<IpNet>().ok())
        .collect();
    let first = *nets.first()?;
    Some(Client {
        label: format!("{id} {} (--from)", join(&nets)),
        hosts: nets
            .into_iter()
            .map(|addr| Host {
                addr,
                subnet: Some(id.to_string()),
            })
            .collect(),
        groups: vec![],
        no_members: false,
        fix_source: Source::Cidr(first),
    })
}

/// The client as the endpoint sees it: only addresses of the families the endpoint has
/// (an IPv4 address never reaches an IPv6-only endpoint, an IPv6 one never an IPv4
/// endpoint), and a fix range of such a family. A client with none keeps what it has.
pub(super) fn narrow(mut client: Client, fam: Families) -> Client {
    let serves = |n: &IpNet| if n.addr().is_ipv6() { fam.v6 } else { fam.v4 };
    let kept: Vec<Host> = client
        .hosts
        .iter()
        .filter(|h| serves(&h.addr))
        .cloned()
        .collect();
    if kept.is_empty() {
        return client;
    }
    if let Source::Cidr(n) = &client.fix_source
        && !serves(n)
    {
        client.fix_source = Source::Cidr(kept[0].addr);
    }
    // The label names what is judged: without the addresses left out.
    for h in client.hosts.iter().filter(|h| !serves(&h.addr)) {
        let a = h.addr.to_string();
        client.label = client
            .label
            .replace(&format!(", {a}"), "")
            .replace(&format!("{a}, "), "");
    }
    client.hosts = kept;
    client
}

/// What a fix admits for a client with these groups and addresses: its first group where a
/// reference works (`referable`), else its first address, else the variable to fill in.
fn group_or_address(groups: &[String], referable: bool, nets: &[IpNet]) -> Source {
    match (groups.first(), referable) {
        (Some(g), true) => Source::Group(g.clone()),
        _ => match nets.first() {
            Some(n) => Source::Cidr(*n),
            None => Source::ClientCidrVar,
        },
    }
}

/// An instance named with `--from`, by its addresses and groups.
async fn instance_client(ctx: &Ctx, ep: &Endpoint, id: &String) -> Result<Client, Outcome> {
    let found = ctx
        .facts
        .instances_in(Account::Consumer, std::slice::from_ref(id))
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let Some(i) = found.into_iter().find(|i| &i.id == id) else {
        return Err(Outcome::unknown(crate::t!(
            "sg-from-instance-not-found",
            id = id
        )));
    };
    let mut ips: Vec<String> = i.private_ip.iter().cloned().collect();
    ips.extend(i.private_ips.iter().cloned());
    let nets = host_nets(&ips);
    // A reference to a group works within its VPC (and peered VPCs); from anywhere else the
    // fix admits the client's addresses.
    let in_vpc = i.vpc_id.as_deref().is_none_or(|v| v == ep.vpc_id);
    let fix_source = group_or_address(&i.security_group_ids, in_vpc, &nets);
    Ok(Client {
        label: crate::t!(
            "sg-label-instance",
            id = id,
            addrs = join(&nets),
            groups = join(&i.security_group_ids)
        ),
        hosts: nets
            .into_iter()
            .map(|addr| Host {
                addr,
                subnet: i.subnet_id.clone(),
            })
            .collect(),
        groups: i.security_group_ids.clone(),
        no_members: false,
        fix_source,
    })
}

/// A network interface named with `--from`, by its addresses and groups.
async fn interface_client(ctx: &Ctx, subnets: &[Subnet], id: &String) -> Result<Client, Outcome> {
    let found = ctx
        .facts
        .network_interfaces(std::slice::from_ref(id))
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let Some(n) = found.into_iter().find(|n| &n.id == id) else {
        return Err(Outcome::unknown(crate::t!(
            "sg-from-eni-not-found",
            id = id
        )));
    };
    let mut ips: Vec<String> = n.private_ip.iter().cloned().collect();
    ips.extend(n.private_ips.iter().cloned());
    ips.extend(n.ipv6_addresses.iter().cloned());
    let nets = host_nets(&ips);
    let same_vpc = subnets.iter().any(|s| s.id == n.subnet_id);
    let fix_source = group_or_address(&n.security_group_ids, same_vpc, &nets);
    Ok(Client {
        label: crate::t!(
            "sg-label-eni",
            id = id,
            addrs = join(&nets),
            groups = join(&n.security_group_ids)
        ),
        hosts: nets
            .into_iter()
            .map(|addr| Host {
                addr,
                subnet: Some(n.subnet_id.clone()),
            })
            .collect(),
        groups: n.security_group_ids.clone(),
        no_members: false,
        fix_source,
    })
}

/// A security group named with `--from`: its members are the clients, and their addresses
/// decide range rules and the network ACLs they cross. Not seeing them is not fatal: a
/// reference to the group still decides.
async fn group_client(ctx: &Ctx, sg: &String) -> Client {
    let members = ctx
        .facts
        .network_interfaces_where(Account::Consumer, &[("group-id", vec![sg.clone()])])
        .await
        .unwrap_or_default();
    let mut hosts: Vec<Host> = Vec::new();
    for m in &members {
        let mut ips: Vec<String> = m.private_ip.iter().cloned().collect();
        ips.extend(m.private_ips.iter().cloned());
        ips.extend(m.ipv6_addresses.iter().cloned());
        for addr in host_nets(&ips) {
            let h = Host {
                addr,
                subnet: Some(m.subnet_id.clone()),
            };
            if !hosts.contains(&h) {
                hosts.push(h);
            }
        }
    }
    let no_members = hosts.is_empty();
    if no_members {
        hosts = group_vpc_hosts(ctx, sg).await;
    }
    Client {
        label: if no_members {
            crate::t!("sg-label-group-no-members", sg = sg)
        } else {
            crate::t!(
                "sg-label-group-members",
                sg = sg,
                members = join(&hosts.iter().map(|h| h.addr).collect::<Vec<_>>())
            )
        },
        hosts,
        groups: vec![sg.clone()],
        no_members,
        fix_source: Source::Group(sg.clone()),
    }
}

/// Without members, the group's VPC bounds the addresses a member could get (none when the
/// group or its VPC cannot be seen).
async fn group_vpc_hosts(ctx: &Ctx, sg: &String) -> Vec<Host> {
    let vpc_id = match ctx.facts.security_groups(std::slice::from_ref(sg)).await {
        Ok(g) => g.into_iter().find_map(|g| g.vpc_id),
        Err(_) => None,
    };
    if let Some(vpc_id) = vpc_id
        && let Ok(vpc) = ctx.facts.vpc(&vpc_id).await
    {
        return vpc
            .cidr_blocks
            .iter()
            .filter_map(|c| c.parse().ok())
            .map(|addr| Host { addr, subnet: None })
            .collect();
    }
    Vec::new()
}

/// What the rules admit on one port when no client is named, sorted by what it means for
/// clients of the endpoint's VPC.
#[derive(Debug, Clone, Default)]
pub struct Admitted {
    /// Ranges that overlap a subnet of the VPC (or reach beyond it, like 0.0.0.0/0).
    pub in_vpc: Vec<String>,
    /// Ranges outside the VPC: peered VPCs, transit gateways, VPNs, on premises.
    pub outside: Vec<String>,
    /// Ranges inside the VPC's CIDRs where no subnet is: no client can hold them.
    pub unused: Vec<String>,
    /// Referenced security groups (other than the endpoint's own).
    pub groups: Vec<String>,
    /// The endpoint's own groups referencing themselves (the default group's pattern).
    pub own_groups: Vec<String>,
    pub prefix_lists: Vec<String>,
}

/// How much the sources a rule set admits are worth to the clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// Nobody: no rule, or only ranges no client can hold.
    Nobody,
    /// Only clients elsewhere, or only the endpoint's own group.
    Limited,
    /// Clients of the VPC (some subnet, a group, a prefix list).
    Clients,
}

impl Admitted {
    pub fn reach(&self) -> Reach {
        if !self.in_vpc.is_empty() || !self.groups.is_empty() || !self.prefix_lists.is_empty() {
            Reach::Clients
        } else if !self.outside.is_empty() || !self.own_groups.is_empty() {
            Reach::Limited
        } else {
            Reach::Nobody
        }
    }
    /// The sources, for a summary.
    pub fn text(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.in_vpc.iter().cloned());
        parts.extend(
            self.outside
                .iter()
                .map(|c| crate::t!("sg-src-outside", cidr = c)),
        );
        parts.extend(
            self.groups
                .iter()
                .map(|g| crate::t!("sg-src-group", group = g)),
        );
        parts.extend(
            self.own_groups
                .iter()
                .map(|g| crate::t!("sg-src-own-group", group = g)),
        );
        parts.extend(
            self.prefix_lists
                .iter()
                .map(|p| crate::t!("sg-src-prefix-list", list = p)),
        );
        parts.extend(
            self.unused
                .iter()
                .map(|c| crate::t!("sg-src-unused", cidr = c)),
        );
        if parts.is_empty() {
            crate::t!("sg-src-nothing")
        } else {
            parts.join(", ")
        }
    }
}

/// Sort the sources of `rules` into [`Admitted`]. Group references count only when
/// `groups_count` (a provider's group cannot hold a consumer's PrivateLink clients).
pub fn classify(
    rules: &[&SgRule],
    vpc_cidrs: &[IpNet],
    subnets: &[Subnet],
    own_groups: &[String],
    groups_count: bool,
) -> Admitted {
    let subnet_nets: Vec<IpNet> = subnets
        .iter()
        .flat_map(|s| std::iter::once(&s.cidr).chain(s.ipv6_cidrs.iter()))
        .filter_map(|c| c.parse().ok())
        .collect();
    let mut a = Admitted::default();
    let push = |v: &mut Vec<String>, s: String| {
        if !v.contains(&s) {
            v.push(s);
        }
    };
    for r in rules {
        for c in r.ipv4_ranges.iter().chain(r.ipv6_ranges.iter()) {
            let Ok(net) = c.parse::<IpNet>() else {
                continue;
            };
            if subnet_nets.iter().any(|s| overlaps(s, &net)) {
                push(&mut a.in_vpc, net.to_string());
            } else if covered_by(&net, vpc_cidrs) {
                push(&mut a.unused, net.to_string());
            } else {
                push(&mut a.outside, net.to_string());
            }
        }
        if groups_count {
            for g in &r.group_refs {
                if own_groups.contains(g) {
                    push(&mut a.own_groups, g.clone());
                } else {
                    push(&mut a.groups, g.clone());
                }
            }
        }
        for p in &r.prefix_lists {
            push(&mut a.prefix_lists, p.clone());
        }
    }
    a
}

/// How the rules treat a named client on one port.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientVerdict {
    /// Admitted, and how.
    Admitted(String),
    /// Not admitted: the client's addresses no rule covers.
    Denied(Vec<IpNet>),
    /// A prefix list might hold the client's addresses; its entries are not read.
    PrefixList(Vec<String>),
    /// A group with no members, not referenced: no address of it can be judged.
    NoMembers,
    /// Named by addresses only, not covered by a range, while groups are admitted: the
    /// clients pass if they are members of one of them.
    GroupsOnly(Vec<String>),
}

pub fn judge_client(rules: &[&SgRule], client: &Client, groups_count: bool) -> ClientVerdict {
    if groups_count
        && let Some(g) = rules
            .iter()
            .flat_map(|r| r.group_refs.iter())
            .find(|g| client.groups.contains(g))
    {
        return ClientVerdict::Admitted(crate::t!("sg-admitted-by-group", group = g));
    }
    let ranges = rule_ranges(rules);
    let addrs = client.addrs();
    let uncovered: Vec<IpNet> = addrs
        .iter()
        .filter(|n| !covered_by(n, &ranges))
        .copied()
        .collect();
    if !addrs.is_empty() && uncovered.is_empty() {
        let holding: Vec<String> = ranges
            .iter()
            .filter(|r| addrs.iter().any(|a| overlaps(a, r)))
            .map(ToString::to_string)
            .collect();
        return ClientVerdict::Admitted(crate::t!(
            "sg-admitted-by-range",
            ranges = holding.join(", ")
        ));
    }
    let lists: Vec<String> = rules
        .iter()
        .flat_map(|r| r.prefix_lists.iter().cloned())
        .collect();
    if !lists.is_empty() {
        return ClientVerdict::PrefixList(lists);
    }
    // Only range rules could admit a member of a group nobody references; with none, its
    // members are denied wherever they are.
    if client.no_members && !ranges.is_empty() {
        return ClientVerdict::NoMembers;
    }
    if groups_count && client.groups.is_empty() {
        let mut refs: Vec<String> = rules
            .iter()
            .flat_map(|r| r.group_refs.iter().cloned())
            .collect();
        refs.sort();
        refs.dedup();
        if !refs.is_empty() {
            return ClientVerdict::GroupsOnly(refs);
        }
    }
    ClientVerdict::Denied(uncovered)
}

/// The VPC's CIDRs and subnets, what [`classify`] sorts sources against.
pub(super) async fn vpc_layout(
    ctx: &Ctx,
    vpc_id: &str,
) -> Result<(Vec<IpNet>, Vec<Subnet>), Outcome> {
    let (vpc, subnets) = tokio::try_join!(ctx.facts.vpc(vpc_id), ctx.facts.subnets(vpc_id))
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let nets = vpc
        .cidr_blocks
        .iter()
        .chain(vpc.ipv6_cidr_blocks.iter())
        .filter_map(|c| c.parse().ok())
        .collect();
    Ok((nets, subnets))
}

pub async fn endpoint_security_groups(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = interface_endpoint_or(ctx, &crate::t!("sg-why-no-groups")).await?;
    if ep.security_group_ids.is_empty() {
        return Ok(
            Outcome::fail(crate::t!("sg-no-group-attached", endpoint = &ep.id))
                .fix("attach_group", &[]),
        );
    }
    let groups = ctx
        .facts
        .security_groups(&ep.security_group_ids)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let plan = port_plan(ctx, &ep).await;
    let fam = family::served(&ep);
    let client = resolve_client(ctx, &ep).await?.map(|c| narrow(c, fam));

    let missing_groups: Vec<&String> = ep
        .security_group_ids
        .iter()
        .filter(|id| !groups.iter().any(|g| &g.id == *id))
        .collect();
    let words = GroupWords::new(&ep.security_group_ids);
    let mut outcome = match &client {
        Some(client) => named_families_verdict(&ep, &groups, &plan, client, &words),
        None => {
            let (vpc_cidrs, subnets) = vpc_layout(ctx, &ep.vpc_id).await?;
            let layout = Layout {
                vpc_cidrs: &vpc_cidrs,
                subnets: &subnets,
            };
            families_verdict(&ep, &groups, &plan, &words, &layout)
        }
    };
    if !missing_groups.is_empty() {
        outcome = outcome.field(crate::t!("sg-field-missing-groups"), join(&missing_groups));
    }
    let outcome = outcome
        .field(crate::t!("sg-field-ports"), plan.text())
        .field(
            crate::t!("sg-field-clients"),
            client
                .as_ref()
                .map(|c| c.label.clone())
                .unwrap_or_else(|| crate::t!("sg-clients-not-named")),
        )
        .table(
            crate::t!("sg-table-inbound-rules"),
            &[
                &crate::t!("sg-col-group"),
                &crate::t!("sg-col-protocol"),
                &crate::t!("sg-col-ports"),
                &crate::t!("sg-col-source"),
            ],
            inbound_rows(&groups),
        );
    // What the flow logs saw rejected: evidence beside the reading, never a verdict of its own.
    Ok(super::flowlogs::rejects_evidence(ctx, &ep, outcome).await)
}

/// One row per inbound rule of each group (or one saying it has none), for the evidence.
fn inbound_rows(groups: &[SecurityGroup]) -> Vec<Vec<String>> {
    rule_rows(groups, false)
}

/// One row per inbound (or `outbound`) rule of each group, or one saying it has none.
pub(super) fn rule_rows(groups: &[SecurityGroup], outbound: bool) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for g in groups {
        let rules = if outbound { &g.egress } else { &g.ingress };
        for r in rules {
            rows.push(vec![
                format!("{} ({})", g.id, g.name),
                r.protocol.clone(),
                port_text(r),
                rule_sources(r),
            ]);
        }
        if rules.is_empty() {
            rows.push(vec![
                format!("{} ({})", g.id, g.name),
                "—".into(),
                "—".into(),
                if outbound {
                    crate::t!("sg-no-outbound-rules")
                } else {
                    crate::t!("sg-no-inbound-rules")
                },
            ]);
        }
    }
    rows
}

/// How the summaries name the endpoint's groups, and the group a fix adds a rule to.
struct GroupWords {
    /// "security group sg-1" or "security groups sg-1, sg-2".
    list: String,
    /// How many groups (English verbs agree with it).
    n: usize,
    target: String,
}

impl GroupWords {
    fn new(ids: &[String]) -> Self {
        GroupWords {
            list: crate::t!("sg-group-list", n = ids.len(), ids = join(ids)),
            n: ids.len(),
            target: ids[0].clone(),
        }
    }
}

/// The inbound rules of `groups` that admit `proto` on `port`.
fn ingress_matching(groups: &[SecurityGroup], proto: Proto, port: u16) -> Vec<&SgRule> {
    groups
        .iter()
        .flat_map(|g: &SecurityGroup| g.ingress.iter())
        .filter(|r| rule_allows(r, proto, port))
        .collect()
}

/// What the rules did with a named client, port by port, sorted by verdict.
#[derive(Default)]
struct PortVerdicts {
    admitted: Vec<String>,
    denied: Vec<(Proto, u16)>,
    /// Per denied port, the client's addresses no rule covers (what the fix must admit).
    uncovered: Vec<Vec<IpNet>>,
    lists: Vec<String>,
    no_members: Vec<String>,
    groups_only: Vec<(Proto, u16, Vec<String>)>,
}

fn judge_ports(groups: &[SecurityGroup], plan: &PortPlan, client: &Client) -> PortVerdicts {
    let mut v = PortVerdicts::default();
    for &(proto, port) in &plan.ports {
        match judge_client(&ingress_matching(groups, proto, port), client, true) {
            ClientVerdict::Admitted(how) => v
                .admitted
                .push(format!("{} {how}", port_label(proto, port))),
            ClientVerdict::Denied(nets) => {
                v.denied.push((proto, port));
                v.uncovered.push(nets);
            }
            ClientVerdict::PrefixList(l) => v.lists.push(crate::t!(
                "sg-port-prefix-lists",
                port = port_label(proto, port),
                lists = join(&l)
            )),
            ClientVerdict::NoMembers => v.no_members.push(port_label(proto, port)),
            ClientVerdict::GroupsOnly(g) => v.groups_only.push((proto, port, g)),
        }
    }
    v
}

/// A named client of a dual-stack endpoint with AAAA records that is admitted over IPv4
/// but not over IPv6 works through fallback: a warning with the IPv6 rule (see
/// [`families_verdict`] for why not a failure). Otherwise the client's verdict as it is.
fn named_families_verdict(
    ep: &Endpoint,
    groups: &[SecurityGroup],
    plan: &PortPlan,
    client: &Client,
    words: &GroupWords,
) -> Outcome {
    let o = named_client_verdict(judge_ports(groups, plan, client), plan, client, words);
    let fam = family::served(ep);
    let v6_hosts = client.hosts.iter().any(|h| h.addr.addr().is_ipv6());
    if !(fam.v4 && fam.v6 && v6_hosts && aaaa(ep))
        || o.status != crate::engine::outcome::Status::Fail
    {
        return o;
    }
    let v4_only = narrow(
        client.clone(),
        Families {
            v4: true,
            v6: false,
        },
    );
    let v4 = named_client_verdict(judge_ports(groups, plan, &v4_only), plan, &v4_only, words);
    if v4.status != crate::engine::outcome::Status::Pass {
        return o;
    }
    let mut w = Outcome::warn(crate::t!(
        "sg-named-no-ipv6",
        v4 = &v4.summary,
        endpoint = &ep.id,
        v6 = &o.summary
    ));
    w.fixes = o.fixes;
    w
}

/// Whether the endpoint's names carry AAAA records (so IPv6 clients try IPv6 first).
fn aaaa(ep: &Endpoint) -> bool {
    [family::NameKind::Endpoint, family::NameKind::Private]
        .into_iter()
        .any(|k| family::records(ep, k).contains(&crate::facts::RecordType::Aaaa))
}

/// The fix that admits the named client on one port of the endpoint's first group.
fn allow_port_fix(
    o: Outcome,
    words: &GroupWords,
    proto: Proto,
    port: u16,
    client: &Client,
) -> Outcome {
    o.fix(
        "allow_port",
        &[
            ("group_id", words.target.clone()),
            ("what", port_label(proto, port)),
            ("source", client.fix_source.text()),
            (
                "permission_args",
                permission_args(proto, port, &client.fix_source),
            ),
        ],
    )
}

/// The verdict for a named client: a denied port fails (unless one of alternative ports is
/// admitted), then ports only prefix lists could admit are unknown, then ports admitted
/// only by group reference or judged without members warn.
fn named_client_verdict(
    v: PortVerdicts,
    plan: &PortPlan,
    client: &Client,
    words: &GroupWords,
) -> Outcome {
    let (groups, n) = (&words.list, words.n);
    let who = client.fix_source.text();
    let some_admitted = plan.any_of && !v.admitted.is_empty();
    if !v.denied.is_empty() && !some_admitted {
        let what: Vec<String> = v.denied.iter().map(|(p, n)| port_label(*p, *n)).collect();
        let ports = if plan.any_of {
            or_join(&what)
        } else {
            what.join(", ")
        };
        let mut o = Outcome::fail(crate::t!(
            "sg-named-denied",
            groups = groups,
            n = n,
            ports = ports,
            client = &client.label
        ));
        for (i, &(proto, port)) in v.denied.iter().enumerate() {
            // A range fix admits what no rule covers: a dual-stack subnet's IPv6 range when
            // its IPv4 range is already admitted.
            let mut target = client.clone();
            if let (Source::Cidr(n), Some(first)) = (&client.fix_source, v.uncovered[i].first())
                && !v.uncovered[i].contains(n)
            {
                target.fix_source = Source::Cidr(*first);
            }
            o = allow_port_fix(o, words, proto, port, &target);
            // One port of several alternatives is enough to fix.
            if plan.any_of {
                break;
            }
        }
        o
    } else if !v.lists.is_empty() && !some_admitted {
        Outcome::unknown(crate::t!(
            "sg-named-prefix-lists",
            client = &client.label,
            ports = v.lists.join("; ")
        ))
    } else if !v.groups_only.is_empty() && !some_admitted {
        let (proto, port, _) = v.groups_only[0];
        let what: Vec<String> = v
            .groups_only
            .iter()
            .map(|(p, n, g)| {
                crate::t!(
                    "sg-port-only-from-group",
                    port = port_label(*p, *n),
                    groups = join(g)
                )
            })
            .collect();
        let o = Outcome::warn(crate::t!(
            "sg-named-groups-only",
            groups = groups,
            n = n,
            what = what.join("; "),
            client = &client.label
        ));
        allow_port_fix(o, words, proto, port, client)
    } else if !v.no_members.is_empty() && !some_admitted {
        let o = Outcome::warn(crate::t!(
            "sg-named-no-members",
            groups = groups,
            n = n,
            who = who,
            ports = v.no_members.join(", ")
        ));
        allow_port_fix(o, words, plan.ports[0].0, plan.ports[0].1, client)
    } else {
        let admitted = v.admitted.join("; ");
        if v.denied.is_empty() {
            Outcome::pass(crate::t!(
                "sg-named-pass",
                groups = groups,
                n = n,
                client = &client.label,
                admitted = admitted
            ))
        } else {
            let what: Vec<String> = v.denied.iter().map(|(p, n)| port_label(*p, *n)).collect();
            Outcome::pass(crate::t!(
                "sg-named-pass-not-all",
                groups = groups,
                n = n,
                client = &client.label,
                admitted = admitted,
                missing = what.join(", ")
            ))
        }
    }
}

/// The VPC the sources are sorted against.
struct Layout<'a> {
    vpc_cidrs: &'a [IpNet],
    subnets: &'a [Subnet],
}

impl Layout<'_> {
    /// The first IPv6 range of the VPC: what an IPv6 fix admits when nobody is named.
    fn ipv6_range(&self) -> Option<IpNet> {
        self.vpc_cidrs.iter().find(|n| n.addr().is_ipv6()).copied()
    }
}

/// The groups with only the address ranges of one family kept (group references and prefix
/// lists hold members of either family, so they stay).
fn of_family(groups: &[SecurityGroup], v6: bool) -> Vec<SecurityGroup> {
    groups
        .iter()
        .map(|g| {
            let mut g = g.clone();
            for r in &mut g.ingress {
                if v6 {
                    r.ipv4_ranges.clear();
                } else {
                    r.ipv6_ranges.clear();
                }
            }
            g
        })
        .collect()
}

/// The verdict when nobody is named, by the families the endpoint has. IPv6-only: only
/// IPv6 ranges (and references) admit anyone; IPv4 rules are shown as admitting nobody.
/// Dual-stack with AAAA records: the IPv4 verdict, and a warning when no IPv6 client of
/// the VPC is admitted — clients that prefer IPv6 try the AAAA address first; Happy
/// Eyeballs clients fall back to IPv4 after a short delay, others only after their connect
/// timeout, and IPv6-only clients never get through. A warning, not a failure: IPv4 works.
fn families_verdict(
    ep: &Endpoint,
    groups: &[SecurityGroup],
    plan: &PortPlan,
    words: &GroupWords,
    layout: &Layout,
) -> Outcome {
    let fam = family::served(ep);
    let v6_fix = layout.ipv6_range();
    if fam.only_v6() {
        let mut o = any_client_verdict(ep, &of_family(groups, true), plan, words, layout, v6_fix);
        let v4_only: Vec<String> = groups
            .iter()
            .flat_map(|g| g.ingress.iter())
            .flat_map(|r| r.ipv4_ranges.iter().cloned())
            .collect();
        if o.status == crate::engine::outcome::Status::Fail && !v4_only.is_empty() {
            o.summary.push(' ');
            o.summary.push_str(&crate::t!(
                "sg-ipv4-ranges-admit-nobody",
                ranges = join(&v4_only),
                endpoint = &ep.id
            ));
        }
        return o;
    }
    let o = any_client_verdict(ep, groups, plan, words, layout, None);
    let aaaa = family::records(ep, family::NameKind::Endpoint)
        .contains(&crate::facts::RecordType::Aaaa)
        || family::records(ep, family::NameKind::Private).contains(&crate::facts::RecordType::Aaaa);
    if !fam.v6 || !aaaa || o.status != crate::engine::outcome::Status::Pass {
        return o;
    }
    let v6 = any_client_verdict(ep, &of_family(groups, true), plan, words, layout, v6_fix);
    if v6.status != crate::engine::outcome::Status::Fail {
        return o;
    }
    let mut w = Outcome::warn(crate::t!(
        "sg-any-no-ipv6",
        v4 = &o.summary,
        endpoint = &ep.id,
        v6 = &v6.summary
    ));
    w.fixes = v6.fixes;
    w
}

/// The verdict when nobody is named: what each port admits, sorted against the VPC. A fix
/// admits the clients' group, or `v6_range` (the VPC's IPv6 range) when judging IPv6.
fn any_client_verdict(
    ep: &Endpoint,
    groups: &[SecurityGroup],
    plan: &PortPlan,
    words: &GroupWords,
    layout: &Layout,
    v6_range: Option<IpNet>,
) -> Outcome {
    let mut per_port = Vec::new();
    for &(proto, port) in &plan.ports {
        let a = classify(
            &ingress_matching(groups, proto, port),
            layout.vpc_cidrs,
            layout.subnets,
            &ep.security_group_ids,
            true,
        );
        per_port.push((proto, port, a));
    }
    no_client_verdict(
        &per_port,
        plan,
        &crate::t!("sg-subject-admits", groups = &words.list, n = words.n),
        &ep.vpc_id,
        |o, proto, port| match v6_range {
            Some(net) => o.fix(
                "allow_ipv6",
                &[
                    ("group_id", words.target.clone()),
                    ("what", port_label(proto, port)),
                    ("cidr", net.to_string()),
                    (
                        "permission_args",
                        permission_args(proto, port, &Source::Cidr(net)),
                    ),
                ],
            ),
            None => o.fix(
                "allow_client",
                &[
                    ("group_id", words.target.clone()),
                    ("what", port_label(proto, port)),
                    (
                        "permission_args",
                        permission_args(proto, port, &Source::ClientGroupVar),
                    ),
                ],
            ),
        },
    )
}

/// The verdict when no client was named, from what each port admits: fail only where a
/// port admits nobody at all; warn where it admits only clients outside the VPC or only the
/// endpoint's own group; pass otherwise, naming the sources.
pub(super) fn no_client_verdict(
    per_port: &[(Proto, u16, Admitted)],
    plan: &PortPlan,
    subject_admits: &str,
    vpc_id: &str,
    fix: impl Fn(Outcome, Proto, u16) -> Outcome,
) -> Outcome {
    let nobody: Vec<&(Proto, u16, Admitted)> = per_port
        .iter()
        .filter(|(_, _, a)| a.reach() == Reach::Nobody)
        .collect();
    let open: Vec<&(Proto, u16, Admitted)> = per_port
        .iter()
        .filter(|(_, _, a)| a.reach() != Reach::Nobody)
        .collect();
    let sources: Vec<String> = open
        .iter()
        .map(|(p, n, a)| {
            crate::t!(
                "sg-port-from-sources",
                port = port_label(*p, *n),
                sources = a.text()
            )
        })
        .collect();
    if !nobody.is_empty() && (!plan.any_of || open.is_empty()) {
        let what: Vec<String> = nobody
            .iter()
            .map(|(p, n, a)| {
                if a.unused.is_empty() {
                    crate::t!("sg-port-from-no-source", port = port_label(*p, *n))
                } else {
                    crate::t!(
                        "sg-port-only-unused",
                        port = port_label(*p, *n),
                        ranges = a.unused.join(", "),
                        vpc = vpc_id
                    )
                }
            })
            .collect();
        let what = if plan.any_of {
            or_join(&what)
        } else {
            what.join("; ")
        };
        let mut o = Outcome::fail(crate::t!(
            "sg-subject-none",
            subject = subject_admits,
            what = what
        ));
        for (p, n, _) in &nobody {
            o = fix(o, *p, *n);
            if plan.any_of {
                break;
            }
        }
        return o;
    }
    let limited: Vec<&&(Proto, u16, Admitted)> = open
        .iter()
        .filter(|(_, _, a)| a.reach() == Reach::Limited)
        .collect();
    let not_open = if nobody.is_empty() {
        String::new()
    } else {
        crate::t!(
            "sg-not-open",
            ports = nobody
                .iter()
                .map(|(p, n, _)| port_label(*p, *n))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    if !limited.is_empty() && (!plan.any_of || limited.len() == open.len()) {
        let mut why = Vec::new();
        if limited.iter().any(|(_, _, a)| !a.outside.is_empty()) {
            why.push(crate::t!("sg-why-no-client-inside", vpc = vpc_id));
        }
        if limited.iter().any(|(_, _, a)| !a.own_groups.is_empty()) {
            why.push(crate::t!("sg-why-own-group-only"));
        }
        return Outcome::warn(crate::t!(
            "sg-subject-limited",
            subject = subject_admits,
            sources = sources.join("; "),
            not_open = not_open,
            why = why.join("; ")
        ));
    }
    Outcome::pass(crate::t!(
        "sg-subject-open",
        subject = subject_admits,
        sources = sources.join("; "),
        not_open = not_open
    ))
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

    #[test]
    fn sources_and_group_names_speak_korean_when_asked() {
        let a = Admitted {
            groups: vec!["sg-1".into()],
            outside: vec!["192.168.0.0/16".into()],
            ..Default::default()
        };
        let ids = ["sg-1".to_string(), "sg-2".to_string()];
        assert_eq!(GroupWords::new(&ids).list, "security groups sg-1, sg-2");
        assert_eq!(GroupWords::new(&ids[..1]).list, "security group sg-1");
        // English composed from messages stays word for word what it was.
        let ports = ["TCP 587".to_string(), "TCP 465".to_string()];
        assert_eq!(or_join(&ports), "TCP 587 or TCP 465");
        assert_eq!(
            crate::t!(
                "sg-named-denied",
                groups = "security group sg-1",
                n = 1usize,
                ports = "TCP 443",
                client = "10.0.0.0/16 (--from)"
            ),
            "security group sg-1 does not admit TCP 443 from 10.0.0.0/16 (--from)"
        );
        assert_eq!(
            crate::t!(
                "nacl-denies",
                acl = "acl-1",
                subnet = "subnet-1",
                dir = "inbound",
                what = "requests to TCP 443",
                side = "from",
                net = "10.0.0.0/16",
                ports = "443",
                rule = "rule 100"
            ),
            "acl-1 on subnet-1 denies inbound requests to TCP 443 (from 10.0.0.0/16, ports 443): rule 100"
        );
        let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
        let text = a.text();
        assert!(text.contains("보안 그룹 sg-1"), "{text}");
        assert!(text.contains("VPC 외부"), "{text}");
        assert!(!text.contains("outside the VPC"), "{text}");
        assert_eq!(GroupWords::new(&ids).list, "보안 그룹 sg-1, sg-2");
        assert_eq!(Admitted::default().text(), "없음");
    }

    fn rule_allows_tcp_port(rule: &SgRule, port: u16) -> bool {
        rule_allows(rule, Proto::Tcp, port)
    }

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
        assert!(rule_allows(
            &rule("udp", Some(53), Some(53)),
            Proto::Udp,
            53
        ));
        assert!(rule_allows(&rule("17", Some(53), Some(53)), Proto::Udp, 53));
        assert!(!rule_allows(
            &rule("tcp", Some(53), Some(53)),
            Proto::Udp,
            53
        ));
        assert!(rule_allows(&rule("-1", None, None), Proto::Udp, 53));
    }

    #[test]
    fn ipv6_sources_use_one_quoted_ip_permissions_argument() {
        let v6: IpNet = "2600:1f18::/56".parse().unwrap();
        let a = permission_args(Proto::Tcp, 443, &Source::Cidr(v6));
        assert_eq!(
            a,
            "--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=2600:1f18::/56}]'"
        );
        // The CLI refuses --protocol beside --ip-permissions.
        assert!(!a.contains("--protocol"));
        let v4: IpNet = "10.0.1.0/24".parse().unwrap();
        assert_eq!(
            permission_args(Proto::Udp, 53, &Source::Cidr(v4)),
            "--protocol udp --port 53 --cidr 10.0.1.0/24"
        );
        // Nobody named: a shell variable, never a `<placeholder>` (a redirect in bash).
        let a = permission_args(Proto::Tcp, 443, &Source::ClientGroupVar);
        assert!(a.contains("\"${CLIENT_SG:?"), "{a}");
        assert!(!a.contains('<'), "{a}");
    }

    #[test]
    fn aws_services_with_other_ports() {
        assert_eq!(
            aws_service_ports("com.amazonaws.eu-west-1.email-smtp"),
            Some((&[587u16, 465, 25, 2587, 2465][..], true))
        );
        assert_eq!(
            aws_service_ports("com.amazonaws.us-east-1.transfer.server"),
            Some((&[22u16][..], false))
        );
        assert_eq!(aws_service_ports("com.amazonaws.us-east-1.transfer"), None);
        assert_eq!(aws_service_ports("com.amazonaws.us-east-1.s3"), None);
        assert_eq!(
            aws_service_ports("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"),
            None
        );
        assert_eq!(listener_protos("TCP_UDP"), vec![Proto::Tcp, Proto::Udp]);
        assert_eq!(listener_protos("udp"), vec![Proto::Udp]);
        assert_eq!(listener_protos("TLS"), vec![Proto::Tcp]);
    }

    #[test]
    fn a_client_is_named_by_the_addresses_judged() {
        let v4: IpNet = "10.40.1.0/24".parse().unwrap();
        let v6: IpNet = "2600:1f18:4a3:6e01::/64".parse().unwrap();
        let client = Client {
            label: format!("subnet-a {v4}, {v6} (--from)"),
            hosts: [v4, v6]
                .into_iter()
                .map(|addr| Host { addr, subnet: None })
                .collect(),
            groups: vec![],
            no_members: false,
            fix_source: Source::Cidr(v4),
        };
        let fam = |v4, v6| Families { v4, v6 };
        let only4 = narrow(client.clone(), fam(true, false));
        assert_eq!(only4.label, format!("subnet-a {v4} (--from)"));
        let only6 = narrow(client.clone(), fam(false, true));
        assert_eq!(only6.label, format!("subnet-a {v6} (--from)"));
        assert_eq!(only6.fix_source, Source::Cidr(v6));
        assert_eq!(narrow(client, fam(true, true)).hosts.len(), 2);
    }
}
