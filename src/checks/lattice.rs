//! Resource and ServiceNetwork endpoints (VPC Lattice), as the consumer sees them: what the
//! endpoint is associated with and whether each association is reachable, and which names get
//! a private hosted zone in the VPC.

use super::findings::Findings;
use super::*;
use crate::engine::outcome::Account;
use crate::facts::FactError;
use crate::facts::model::{
    EndpointAssociation, ResourceConfiguration, ResourceDefinition, ResourceGateway, SgRule,
};
use ipnet::IpNet;

/// The endpoint when it is a Resource or ServiceNetwork endpoint; otherwise the verdict.
async fn lattice_endpoint_or(ctx: &Ctx) -> Result<Endpoint, Outcome> {
    let ep = endpoint_or(ctx).await?;
    match kind(&ep) {
        Kind::Resource | Kind::ServiceNetwork => Ok(ep),
        Kind::Unknown => Err(unknown_kind(&ep)),
        _ => Err(Outcome::not_applicable(format!(
            "{} endpoints have no VPC Lattice associations",
            ep.endpoint_type
        ))),
    }
}

/// What one association reaches, as the user knows it.
fn reached(a: &EndpointAssociation) -> String {
    a.associated_resource_arn
        .clone()
        .or_else(|| a.service_network_name.clone())
        .or_else(|| a.service_network_arn.clone())
        .or_else(|| a.resource_configuration_group_arn.clone())
        .unwrap_or_else(|| a.id.clone())
}

fn failure_text(a: &EndpointAssociation) -> String {
    match (&a.failure_code, &a.failure_reason) {
        (Some(c), Some(r)) => format!("{c}: {r}"),
        (Some(c), None) => c.clone(),
        (None, Some(r)) => r.clone(),
        (None, None) => "no failure code or reason was given".into(),
    }
}

pub async fn associations(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = lattice_endpoint_or(ctx).await?;
    let all = ctx
        .facts
        .endpoint_associations(&ep.id)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let mut found = Findings::default();
    for a in &all {
        let what = reached(a);
        match a.accessibility.to_ascii_uppercase().as_str() {
            "AVAILABLE" => {}
            "PENDING" => {
                found.warn(format!(
                    "{what} is PENDING: VPC Lattice is still setting it up, and it is not reachable until it is AVAILABLE{}",
                    a.failure_reason
                        .as_ref()
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default()
                ));
                found.fix("pending", vec![("resource", what.clone())]);
            }
            "FAILED" => {
                found.fail(format!(
                    "{what} FAILED: it is not reachable through {} ({})",
                    ep.id,
                    failure_text(a)
                ));
                found.fix(
                    "failed",
                    vec![("resource", what.clone()), ("failure", failure_text(a))],
                );
            }
            "" => found.unknown(format!(
                "{what}: DescribeVpcEndpointAssociations gave no accessibility"
            )),
            _ => found.unknown(format!(
                "{what} reports accessibility {:?}, which vpce-doctor does not know yet",
                a.accessibility
            )),
        }
    }
    if all.is_empty() {
        // A service network with nothing associated offers its clients nothing. A Resource
        // endpoint names its resource configuration itself, and AWS documents no association
        // record for it: an empty list there is no finding (endpoint.state judges the endpoint).
        if kind(&ep) == Kind::Resource {
            return Ok(Outcome::pass(format!(
                "{} lists no association of its own; it reaches {} directly (its state is judged by endpoint.state)",
                ep.id,
                lattice_target(&ep)
            )));
        }
        found.warn(format!(
            "{} has no association yet: it reaches nothing ({})",
            ep.id,
            lattice_target(&ep)
        ));
    }
    let o = found.verdict(format!(
        "{} association(s) of {} are AVAILABLE ({})",
        all.len(),
        ep.id,
        lattice_target(&ep)
    ));
    let rows = all
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                reached(a),
                if a.accessibility.is_empty() {
                    "(none)".into()
                } else {
                    a.accessibility.clone()
                },
                if a.failure_code.is_some() || a.failure_reason.is_some() {
                    failure_text(a)
                } else {
                    String::new()
                },
                a.dns_entry
                    .as_ref()
                    .map(|d| d.dns_name.clone())
                    .unwrap_or_default(),
                a.private_dns_entry
                    .as_ref()
                    .map(|d| d.dns_name.clone())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    Ok(o.table(
        "associations",
        &[
            "association",
            "reaches",
            "accessibility",
            "failure",
            "DNS name",
            "private DNS name",
        ],
        rows,
    ))
}

/// The preferences `DnsOptions.PrivateDnsPreference` takes, and what each serves.
const PREFERENCES: &[(&str, &str)] = &[
    (
        "VERIFIED_DOMAINS_ONLY",
        "a private hosted zone only for custom domain names the provider verified",
    ),
    (
        "ALL_DOMAINS",
        "a private hosted zone for every custom domain name, verified or not",
    ),
    (
        "VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS",
        "a private hosted zone for every verified custom domain name and for the domains named in PrivateDnsSpecifiedDomains",
    ),
    (
        "SPECIFIED_DOMAINS_ONLY",
        "a private hosted zone only for the domains named in PrivateDnsSpecifiedDomains",
    ),
];

pub async fn private_dns(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = lattice_endpoint_or(ctx).await?;
    let names: Vec<String> = match ctx.facts.endpoint_associations(&ep.id).await {
        Ok(all) => all
            .iter()
            .filter_map(|a| a.private_dns_entry.as_ref())
            .map(|d| d.dns_name.clone())
            .collect(),
        // The preference alone is judged without them; the association check names the error.
        Err(_) => Vec::new(),
    };
    let raw = ep.private_dns_preference.clone();
    let specified = ep.private_dns_specified_domains.clone();
    let with_fields = |o: Outcome| {
        o.field(
            "PrivateDnsEnabled",
            ep.private_dns_enabled
                .map(|b| b.to_string())
                .unwrap_or_else(|| "not reported".into()),
        )
        .field(
            "PrivateDnsPreference",
            raw.clone().unwrap_or_else(|| "not reported".into()),
        )
        .field(
            "PrivateDnsSpecifiedDomains",
            if specified.is_empty() {
                "(none)".into()
            } else {
                join(&specified)
            },
        )
        .field(
            "private DNS names of the associations",
            if names.is_empty() {
                "(none)".into()
            } else {
                join(&names)
            },
        )
    };
    if !ep.private_dns_enabled.unwrap_or(false) {
        return Ok(with_fields(Outcome::pass(format!(
            "private DNS is off: clients reach {} by the endpoint's own DNS names (no private hosted zone is made for custom domain names)",
            lattice_target(&ep)
        ))));
    }
    // Not reported: AWS applies its default, verified domains only.
    let preference = raw
        .as_deref()
        .unwrap_or("VERIFIED_DOMAINS_ONLY")
        .to_ascii_uppercase();
    let Some((_, serves)) = PREFERENCES.iter().find(|(p, _)| *p == preference) else {
        return Ok(with_fields(Outcome::unknown(format!(
            "vpce-doctor does not know PrivateDnsPreference {preference:?} yet: which names get a private hosted zone cannot be told"
        ))));
    };
    let needs_domains = preference == "SPECIFIED_DOMAINS_ONLY";
    let o = if needs_domains && specified.is_empty() {
        Outcome::fail(format!(
            "private DNS is on with SPECIFIED_DOMAINS_ONLY but no domain is specified: no name of {} gets a private hosted zone, so custom domain names do not resolve to the endpoint",
            lattice_target(&ep)
        ))
        .fix("specify_domains", &[])
    } else {
        Outcome::pass(format!(
            "private DNS is on with {preference}: VPC Lattice makes {serves}{}",
            if specified.is_empty() {
                String::new()
            } else {
                format!(" ({})", join(&specified))
            }
        ))
    };
    Ok(with_fields(o))
}

/// What the provider side of a Resource endpoint is made of.
struct ResourceSide {
    ep: Endpoint,
    config: ResourceConfiguration,
    gateway: ResourceGateway,
}

/// A provider-side read that failed. Without provider credentials the consumer's were used,
/// and a resource gateway is visible only to its owner: say which action and profile it takes.
fn provider_unknown(ctx: &Ctx, e: &FactError, action: &str) -> Outcome {
    match e {
        FactError::NotFound { .. } if !ctx.provider_credentials => Outcome::unknown(format!(
            "could not check: {action} answers only in the resource's owner account — pass --provider-profile"
        ))
        .field("error", e.to_string()),
        _ => could_not_tell(ctx, e, true),
    }
}

/// The resource configuration of a Resource endpoint and its resource gateway, read in the
/// provider's account; otherwise the verdict.
async fn resource_side(ctx: &Ctx) -> Result<ResourceSide, Outcome> {
    let ep = endpoint_or(ctx).await?;
    match kind(&ep) {
        Kind::Resource => {}
        Kind::Unknown => return Err(unknown_kind(&ep)),
        Kind::ServiceNetwork => {
            return Err(Outcome::not_applicable(
                "a ServiceNetwork endpoint reaches whatever its service network holds; each resource gateway there is judged through a Resource endpoint of its own",
            ));
        }
        _ => {
            return Err(Outcome::not_applicable(format!(
                "{} endpoints reach no VPC Lattice resource gateway",
                ep.endpoint_type
            )));
        }
    }
    let Some(arn) = ep.resource_configuration_arn.clone() else {
        return Err(Outcome::unknown(format!(
            "could not check: {} is a Resource endpoint but names no resource configuration (ResourceConfigurationArn)",
            ep.id
        )));
    };
    let config = ctx
        .facts
        .resource_configuration(&arn)
        .await
        .map_err(|e| provider_unknown(ctx, &e, "vpc-lattice:GetResourceConfiguration"))?;
    let Some(gateway_id) = config.resource_gateway_id.clone() else {
        return Err(Outcome::unknown(format!(
            "could not check: GetResourceConfiguration names no resource gateway for {arn} (type {})",
            raw_or_none(&config.config_type)
        )));
    };
    let gateway = ctx
        .facts
        .resource_gateway(&gateway_id)
        .await
        .map_err(|e| provider_unknown(ctx, &e, "vpc-lattice:GetResourceGateway"))?;
    Ok(ResourceSide {
        ep,
        config,
        gateway,
    })
}

fn raw_or_none(s: &str) -> String {
    if s.is_empty() {
        "(none)".into()
    } else {
        s.to_string()
    }
}

fn gateway_name(g: &ResourceGateway) -> String {
    if g.name.is_empty() {
        g.id.clone()
    } else {
        format!("{} ({})", g.id, g.name)
    }
}

/// The gateway's status, judged: `None` while it serves (ACTIVE).
/// The resource configuration's own state: traffic reaches the resource only while it is
/// ACTIVE (an update in progress keeps serving). `None` when it is ACTIVE or not reported.
fn config_status(c: &ResourceConfiguration) -> Option<Outcome> {
    let status = c.status.to_ascii_uppercase();
    let name = if c.name.is_empty() { &c.arn } else { &c.name };
    match status.as_str() {
        "ACTIVE" | "" => None,
        "UPDATE_IN_PROGRESS" => Some(Outcome::warn(format!(
            "resource configuration {name} is UPDATE_IN_PROGRESS: run the diagnosis again when it is ACTIVE"
        ))),
        "CREATE_IN_PROGRESS" | "DELETE_IN_PROGRESS" | "CREATE_FAILED" | "UPDATE_FAILED"
        | "DELETE_FAILED" => Some(
            Outcome::fail(format!(
                "resource configuration {name} is {status}: the endpoint reaches the resource only through an ACTIVE resource configuration"
            ))
            .fix("config_status", &[("config", c.arn.clone())]),
        ),
        _ => Some(Outcome::unknown(format!(
            "resource configuration {name} reports status {:?}, which vpce-doctor does not know yet",
            c.status
        ))),
    }
}

fn gateway_status(g: &ResourceGateway) -> Option<Outcome> {
    let status = g.status.to_ascii_uppercase();
    let name = gateway_name(g);
    match status.as_str() {
        "ACTIVE" => None,
        // Being changed (security groups): it keeps serving meanwhile.
        "UPDATE_IN_PROGRESS" => Some(Outcome::warn(format!(
            "resource gateway {name} is UPDATE_IN_PROGRESS: run the diagnosis again when it is ACTIVE"
        ))),
        "CREATE_IN_PROGRESS" | "DELETE_IN_PROGRESS" | "CREATE_FAILED" | "UPDATE_FAILED"
        | "DELETE_FAILED" => Some(
            Outcome::fail(format!(
                "resource gateway {name} is {status}: traffic to the resource enters the provider's VPC only through an ACTIVE resource gateway"
            ))
            .fix("gateway_status", &[("gateway", g.id.clone())]),
        ),
        "" => Some(Outcome::unknown(format!(
            "could not check: GetResourceGateway gave no status for {name}"
        ))),
        _ => Some(Outcome::unknown(format!(
            "resource gateway {name} reports status {:?}, which vpce-doctor does not know yet",
            g.status
        ))),
    }
}

/// The gateway's subnets with their zone: (subnet, AZ name, AZ ID), from the provider's account.
async fn gateway_zones_of(
    ctx: &Ctx,
    g: &ResourceGateway,
) -> Result<Vec<(String, String, String)>, Outcome> {
    let Some(vpc) = &g.vpc_id else {
        return Err(Outcome::unknown(format!(
            "could not check: GetResourceGateway names no VPC for {}",
            gateway_name(g)
        )));
    };
    let subnets = ctx
        .facts
        .subnets_in(Account::Provider, vpc)
        .await
        .map_err(|e| could_not_tell(ctx, &e, true))?;
    let mut names: Option<std::collections::BTreeMap<String, String>> = None;
    let mut out = Vec::new();
    for id in &g.subnet_ids {
        let Some(s) = subnets.iter().find(|s| &s.id == id) else {
            return Err(Outcome::unknown(format!(
                "could not check: the resource gateway's subnet {id} is not among the provider's subnets of {vpc}"
            )));
        };
        let zone = match &s.availability_zone_id {
            Some(z) => z.clone(),
            None => {
                if names.is_none() {
                    names = Some(super::targets::zone_ids(ctx, Account::Provider).await?);
                }
                names
                    .as_ref()
                    .and_then(|m| m.get(&s.availability_zone).cloned())
                    .unwrap_or_else(|| format!("{} (no AZ ID)", s.availability_zone))
            }
        };
        out.push((id.clone(), s.availability_zone.clone(), zone));
    }
    Ok(out)
}

pub async fn gateway_zones(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let side = resource_side(ctx).await?;
    let g = &side.gateway;
    if let Some(o) = config_status(&side.config) {
        return Ok(o.field("resource configuration", side.config.arn.clone()));
    }
    if let Some(o) = gateway_status(g) {
        return Ok(o.field("resource gateway", gateway_name(g)));
    }
    let ours = super::az::endpoint_zones(ctx, &side.ep).await?;
    let theirs = gateway_zones_of(ctx, g).await?;
    let zones = |v: &[(String, String, String)]| -> std::collections::BTreeSet<String> {
        v.iter().map(|(_, _, z)| z.clone()).collect()
    };
    let (our_zones, their_zones) = (zones(&ours), zones(&theirs));
    let shared: Vec<&String> = our_zones.intersection(&their_zones).collect();
    let rows: Vec<Vec<String>> = our_zones
        .union(&their_zones)
        .map(|z| {
            let side_of = |v: &[(String, String, String)]| {
                v.iter()
                    .filter(|(_, _, zz)| zz == z)
                    .map(|(s, n, _)| format!("{s} ({n})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            vec![z.clone(), side_of(&ours), side_of(&theirs)]
        })
        .collect();
    let name = gateway_name(g);
    let join_set =
        |s: &std::collections::BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(", ");
    let o = if shared.is_empty() {
        // A subnet of the endpoint's VPC in one of the gateway's zones, if there is one.
        let candidate = ctx
            .facts
            .subnets(&side.ep.vpc_id)
            .await
            .ok()
            .and_then(|all| {
                all.into_iter()
                    .find(|s| {
                        s.availability_zone_id
                            .as_ref()
                            .is_some_and(|z| their_zones.contains(z))
                    })
                    .map(|s| s.id)
            });
        let subnet = candidate.unwrap_or_else(|| {
            format!(
                "\"${{SUBNET_ID:?set SUBNET_ID to a subnet of {} in zone {}}}\"",
                side.ep.vpc_id,
                join_set(&their_zones)
            )
        });
        Outcome::fail(format!(
            "no Availability Zone of {} ({}) is one of resource gateway {name}'s ({}): AWS requires at least one zone of the endpoint and the resource gateway to overlap, so the resource is not reachable",
            side.ep.id,
            join_set(&our_zones),
            join_set(&their_zones)
        ))
        .fix("add_subnet", &[("subnet_id", subnet)])
    } else if our_zones.is_subset(&their_zones) {
        Outcome::pass(format!(
            "every zone of {} is one of resource gateway {name}'s ({})",
            side.ep.id,
            join_set(&their_zones)
        ))
    } else {
        Outcome::advice(format!(
            "{} and resource gateway {name} share {} of the endpoint's {} zones ({}): enough to reach the resource; AWS advises a resource gateway in as many zones as possible so each zone is served",
            side.ep.id,
            shared.len(),
            our_zones.len(),
            shared
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    Ok(o.field("resource gateway", name).table(
        "zones",
        &["AZ ID", "endpoint subnet", "resource gateway subnet"],
        rows,
    ))
}

/// AWS's default and bounds for `ipv4AddressesPerEni` (CreateResourceGateway).
const DEFAULT_IPV4_PER_ENI: i32 = 16;
const MAX_IPV4_PER_ENI: i32 = 62;

pub async fn gateway_capacity(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let side = resource_side(ctx).await?;
    let g = &side.gateway;
    let name = gateway_name(g);
    let family = g
        .ip_address_type
        .clone()
        .unwrap_or_else(|| "IPV4".into())
        .to_ascii_uppercase();
    let with_fields = |o: Outcome, per_eni: String| {
        o.field("resource gateway", name.clone())
            .field("IP address type", family.clone())
            .field("IPv4 addresses per ENI", per_eni)
            .field("subnets (one ENI each)", g.subnet_ids.len().to_string())
    };
    match family.as_str() {
        "IPV6" => {
            return Ok(with_fields(
                Outcome::pass(format!(
                    "resource gateway {name} is IPv6: each ENI gets a /80, so addresses do not bound its connections"
                )),
                "(IPv6: a /80 per ENI)".into(),
            ));
        }
        "IPV4" | "DUALSTACK" => {}
        _ => {
            return Ok(with_fields(
                Outcome::unknown(format!(
                    "resource gateway {name} reports IP address type {:?}, which vpce-doctor does not know yet",
                    g.ip_address_type
                )),
                "(not judged)".into(),
            ));
        }
    }
    let (per_eni, reported) = match g.ipv4_addresses_per_eni {
        Some(n) => (n, format!("{n}")),
        None => (
            DEFAULT_IPV4_PER_ENI,
            format!("{DEFAULT_IPV4_PER_ENI} (not reported: AWS's default)"),
        ),
    };
    let ceiling = format!(
        "{per_eni} IPv4 address(es) per ENI × {} ENI(s), one per subnet (VPC Lattice may add more) = {} source addresses for connections to the resource",
        g.subnet_ids.len(),
        per_eni as usize * g.subnet_ids.len()
    );
    let o = if !(1..=MAX_IPV4_PER_ENI).contains(&per_eni) {
        Outcome::unknown(format!(
            "resource gateway {name} reports {per_eni} IPv4 addresses per ENI, outside the 1–{MAX_IPV4_PER_ENI} AWS allows: its connection ceiling cannot be told"
        ))
    } else if per_eni == 1 {
        Outcome::advice(format!(
            "resource gateway {name} has 1 IPv4 address per ENI, the minimum: VPC Lattice translates every connection to the resource to the gateway's addresses, so one address per zone bounds the concurrent connections lowest ({ceiling}); the count is fixed when the gateway is created"
        ))
        .fix("more_addresses", &[("gateway", name.clone())])
    } else {
        Outcome::pass(format!(
            "resource gateway {name}: {ceiling} (AWS's default is {DEFAULT_IPV4_PER_ENI} per ENI)"
        ))
    };
    Ok(with_fields(
        o.field("connection ceiling", ceiling),
        reported,
    ))
}

/// A `portRanges` entry: "443" or "8000-8080".
fn port_range(text: &str) -> Option<(u16, u16)> {
    let (from, to) = match text.split_once('-') {
        Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
        None => {
            let p = text.trim().parse().ok()?;
            (p, p)
        }
    };
    (from <= to).then_some((from, to))
}

/// Whether an egress rule lets TCP `port` go to `dest` (any destination when `None`). Rules
/// naming security groups or prefix lists are taken as allowing it: what they hold is not read
/// here, and this check fails only where nothing could allow the port.
fn egress_allows(rule: &SgRule, port: u16, dest: Option<&[IpNet]>) -> bool {
    if !super::sg::rule_allows(rule, super::sg::Proto::Tcp, port) {
        return false;
    }
    let Some(dest) = dest else {
        return true;
    };
    if !rule.group_refs.is_empty() || !rule.prefix_lists.is_empty() {
        return true;
    }
    let ranges: Vec<IpNet> = rule
        .ipv4_ranges
        .iter()
        .chain(&rule.ipv6_ranges)
        .filter_map(|r| r.parse().ok())
        .collect();
    dest.iter().all(|d| {
        ranges
            .iter()
            .any(|r| r.contains(&d.network()) && r.contains(&d.broadcast()))
    })
}

/// The `--port` and destination part of an egress rule for `from`-`to` towards `dest`.
fn egress_args(from: u16, to: u16, dest: Option<&IpNet>, what: &str) -> String {
    let port = if from == to {
        from.to_string()
    } else {
        format!("{from}-{to}")
    };
    match dest {
        Some(net) if net.addr().is_ipv6() => format!(
            "--ip-permissions 'IpProtocol=tcp,FromPort={from},ToPort={to},Ipv6Ranges=[{{CidrIpv6={net}}}]'"
        ),
        Some(net) => format!("--protocol tcp --port {port} --cidr {net}"),
        None => format!(
            "--protocol tcp --port {port} --cidr \"${{RESOURCE_CIDR:?set RESOURCE_CIDR to the address range of {}}}\"",
            // AWS's text inside a double-quoted expansion: nothing that could end or expand it.
            what.chars()
                .filter(|c| !c.is_control() && !matches!(c, '"' | '$' | '`' | '\\' | '}'))
                .collect::<String>()
        ),
    }
}

pub async fn gateway_security_groups(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let side = resource_side(ctx).await?;
    let (g, rc) = (&side.gateway, &side.config);
    let name = gateway_name(g);
    let protocol = rc.protocol.clone().unwrap_or_else(|| "TCP".into());
    if !protocol.eq_ignore_ascii_case("TCP") {
        return Ok(Outcome::unknown(format!(
            "resource configuration {} uses protocol {protocol:?}, which vpce-doctor does not judge yet",
            rc.arn
        )));
    }
    if g.security_group_ids.is_empty() {
        return Ok(Outcome::unknown(format!(
            "could not check: GetResourceGateway lists no security group for {name}, so what filters its egress cannot be told"
        )));
    }
    let mut ranges = Vec::new();
    for text in &rc.port_ranges {
        let Some(r) = port_range(text) else {
            return Ok(Outcome::unknown(format!(
                "resource configuration {} has port range {text:?}, which vpce-doctor cannot read",
                rc.arn
            )));
        };
        ranges.push(r);
    }
    if ranges.is_empty() {
        return Ok(Outcome::unknown(format!(
            "could not check: resource configuration {} names no port ranges",
            rc.arn
        )));
    }
    // Towards an IP (or CIDR) resource the rule must reach that address; towards a name or an
    // AWS resource the address is not known here, and any destination on the port will do.
    let (dest, what): (Option<Vec<IpNet>>, String) = match &rc.definition {
        Some(ResourceDefinition::Ip(ip)) => (
            ip.parse::<std::net::IpAddr>()
                .ok()
                .map(|a| vec![IpNet::from(a)]),
            ip.clone(),
        ),
        Some(ResourceDefinition::Cidr(c)) => {
            let nets: Vec<IpNet> = c.iter().filter_map(|n| n.parse().ok()).collect();
            (
                (nets.len() == c.len() && !nets.is_empty()).then_some(nets),
                c.join(", "),
            )
        }
        Some(ResourceDefinition::Dns(d)) => (None, d.clone()),
        Some(ResourceDefinition::Arn(a)) => (None, a.clone()),
        Some(ResourceDefinition::Unknown(u)) => (None, u.clone()),
        None => (None, rc.arn.clone()),
    };
    let groups = ctx
        .facts
        .security_groups_in(Account::Provider, &g.security_group_ids)
        .await
        .map_err(|e| could_not_tell(ctx, &e, true))?;
    let rules: Vec<&SgRule> = groups.iter().flat_map(|sg| &sg.egress).collect();
    let mut found = Findings::default();
    let mut rows = Vec::new();
    for (from, to) in &ranges {
        let label = if from == to {
            format!("TCP {from}")
        } else {
            format!("TCP {from}-{to}")
        };
        let allowed = rules.iter().any(|r| {
            egress_allows(r, *from, dest.as_deref()) && egress_allows(r, *to, dest.as_deref())
        });
        rows.push(vec![
            label.clone(),
            what.clone(),
            if allowed { "allowed" } else { "no rule" }.to_string(),
        ]);
        if !allowed {
            found.fail(format!(
                "no egress rule of {} lets resource gateway {name} send {label} to {what}: VPC Lattice cannot open connections to the resource",
                join(&g.security_group_ids)
            ));
            let dests: Vec<Option<&IpNet>> = match &dest {
                Some(d) => d.iter().map(Some).collect(),
                None => vec![None],
            };
            for d in dests {
                found.fix(
                    "allow_egress",
                    vec![
                        ("group_id", g.security_group_ids[0].clone()),
                        ("permission_args", egress_args(*from, *to, d, &what)),
                    ],
                );
            }
        }
    }
    Ok(found
        .verdict(format!(
            "the security groups of resource gateway {name} ({}) let it reach {what} on {}",
            join(&g.security_group_ids),
            rc.port_ranges.join(", ")
        ))
        .field("resource gateway", name)
        .table(
            "egress towards the resource",
            &["port", "destination", "egress"],
            rows,
        ))
}
