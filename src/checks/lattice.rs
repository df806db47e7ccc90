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
        _ => Err(Outcome::not_applicable(crate::t!(
            "lattice-no-associations-for-kind",
            kind = &ep.endpoint_type
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
        (None, None) => crate::t!("lattice-no-failure-reason"),
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
                found.warn(match &a.failure_reason {
                    Some(r) => crate::t!("lattice-pending-reason", what = &what, reason = r),
                    None => crate::t!("lattice-pending", what = &what),
                });
                found.fix("pending", vec![("resource", what.clone())]);
            }
            "FAILED" => {
                found.fail(crate::t!(
                    "lattice-failed",
                    what = &what,
                    id = &ep.id,
                    failure = failure_text(a)
                ));
                found.fix(
                    "failed",
                    vec![("resource", what.clone()), ("failure", failure_text(a))],
                );
            }
            "" => found.unknown(crate::t!("lattice-no-accessibility", what = &what)),
            _ => found.unknown(crate::t!(
                "lattice-accessibility-unknown",
                what = &what,
                accessibility = format!("{:?}", a.accessibility)
            )),
        }
    }
    if all.is_empty() {
        // A service network with nothing associated offers its clients nothing. A Resource
        // endpoint names its resource configuration itself, and AWS documents no association
        // record for it: an empty list there is no finding (endpoint.state judges the endpoint).
        if kind(&ep) == Kind::Resource {
            return Ok(Outcome::pass(crate::t!(
                "lattice-resource-direct",
                id = &ep.id,
                target = lattice_target(&ep)
            )));
        }
        found.warn(crate::t!(
            "lattice-no-association",
            id = &ep.id,
            target = lattice_target(&ep)
        ));
    }
    let o = found.verdict(crate::t!(
        "lattice-associations-pass",
        count = all.len(),
        id = &ep.id,
        target = lattice_target(&ep)
    ));
    let rows = all
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                reached(a),
                if a.accessibility.is_empty() {
                    crate::t!("endpoint-none")
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
        crate::t!("lattice-table-associations"),
        &[
            &crate::t!("lattice-col-association"),
            &crate::t!("lattice-col-reaches"),
            &crate::t!("lattice-col-accessibility"),
            &crate::t!("lattice-col-failure"),
            &crate::t!("lattice-col-dns-name"),
            &crate::t!("lattice-col-private-dns-name"),
        ],
        rows,
    ))
}

/// What each value `DnsOptions.PrivateDnsPreference` takes serves, in the reader's language;
/// `None` for a value this tool does not know.
fn preference_serves(preference: &str) -> Option<String> {
    Some(match preference {
        "VERIFIED_DOMAINS_ONLY" => crate::t!("lattice-serves-verified"),
        "ALL_DOMAINS" => crate::t!("lattice-serves-all"),
        "VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS" => crate::t!("lattice-serves-verified-specified"),
        "SPECIFIED_DOMAINS_ONLY" => crate::t!("lattice-serves-specified"),
        _ => return None,
    })
}

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
                .unwrap_or_else(|| crate::t!("endpoint-not-reported")),
        )
        .field(
            "PrivateDnsPreference",
            raw.clone()
                .unwrap_or_else(|| crate::t!("endpoint-not-reported")),
        )
        .field(
            "PrivateDnsSpecifiedDomains",
            if specified.is_empty() {
                crate::t!("endpoint-none")
            } else {
                join(&specified)
            },
        )
        .field(
            crate::t!("lattice-field-association-names"),
            if names.is_empty() {
                crate::t!("endpoint-none")
            } else {
                join(&names)
            },
        )
    };
    if !ep.private_dns_enabled.unwrap_or(false) {
        return Ok(with_fields(Outcome::pass(crate::t!(
            "lattice-private-dns-off",
            target = lattice_target(&ep)
        ))));
    }
    // Not reported: AWS applies its default, verified domains only.
    let preference = raw
        .as_deref()
        .unwrap_or("VERIFIED_DOMAINS_ONLY")
        .to_ascii_uppercase();
    let Some(serves) = preference_serves(&preference) else {
        return Ok(with_fields(Outcome::unknown(crate::t!(
            "lattice-preference-unknown",
            preference = format!("{preference:?}")
        ))));
    };
    let needs_domains = preference == "SPECIFIED_DOMAINS_ONLY";
    let o = if needs_domains && specified.is_empty() {
        Outcome::fail(crate::t!(
            "lattice-no-specified-domains",
            target = lattice_target(&ep)
        ))
        .fix("specify_domains", &[])
    } else {
        Outcome::pass(if specified.is_empty() {
            crate::t!(
                "lattice-private-dns-on",
                preference = &preference,
                serves = &serves
            )
        } else {
            crate::t!(
                "lattice-private-dns-on-domains",
                preference = &preference,
                serves = &serves,
                domains = join(&specified)
            )
        })
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
        FactError::NotFound { .. } if !ctx.provider_credentials => {
            Outcome::unknown(crate::t!("lattice-owner-only", action = action))
                .field(crate::t!("endpoint-field-error"), e.to_string())
        }
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
            return Err(Outcome::not_applicable(crate::t!(
                "lattice-service-network-na"
            )));
        }
        _ => {
            return Err(Outcome::not_applicable(crate::t!(
                "lattice-no-gateway-for-kind",
                kind = &ep.endpoint_type
            )));
        }
    }
    let Some(arn) = ep.resource_configuration_arn.clone() else {
        return Err(Outcome::unknown(crate::t!(
            "lattice-no-resource-config",
            id = &ep.id
        )));
    };
    let config = ctx
        .facts
        .resource_configuration(&arn)
        .await
        .map_err(|e| provider_unknown(ctx, &e, "vpc-lattice:GetResourceConfiguration"))?;
    let Some(gateway_id) = config.resource_gateway_id.clone() else {
        return Err(Outcome::unknown(crate::t!(
            "lattice-no-gateway",
            arn = &arn,
            config_type = raw_or_none(&config.config_type)
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
        crate::t!("endpoint-none")
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
        "UPDATE_IN_PROGRESS" => Some(Outcome::warn(crate::t!(
            "lattice-config-updating",
            name = name
        ))),
        "CREATE_IN_PROGRESS" | "DELETE_IN_PROGRESS" | "CREATE_FAILED" | "UPDATE_FAILED"
        | "DELETE_FAILED" => Some(
            Outcome::fail(crate::t!(
                "lattice-config-not-active",
                name = name,
                status = &status
            ))
            .fix("config_status", &[("config", c.arn.clone())]),
        ),
        _ => Some(Outcome::unknown(crate::t!(
            "lattice-config-status-unknown",
            name = name,
            status = format!("{:?}", c.status)
        ))),
    }
}

fn gateway_status(g: &ResourceGateway) -> Option<Outcome> {
    let status = g.status.to_ascii_uppercase();
    let name = gateway_name(g);
    match status.as_str() {
        "ACTIVE" => None,
        // Being changed (security groups): it keeps serving meanwhile.
        "UPDATE_IN_PROGRESS" => Some(Outcome::warn(crate::t!(
            "lattice-gateway-updating",
            name = &name
        ))),
        "CREATE_IN_PROGRESS" | "DELETE_IN_PROGRESS" | "CREATE_FAILED" | "UPDATE_FAILED"
        | "DELETE_FAILED" => Some(
            Outcome::fail(crate::t!(
                "lattice-gateway-not-active",
                name = &name,
                status = &status
            ))
            .fix("gateway_status", &[("gateway", g.id.clone())]),
        ),
        "" => Some(Outcome::unknown(crate::t!(
            "lattice-gateway-no-status",
            name = &name
        ))),
        _ => Some(Outcome::unknown(crate::t!(
            "lattice-gateway-status-unknown",
            name = &name,
            status = format!("{:?}", g.status)
        ))),
    }
}

/// The gateway's subnets with their zone: (subnet, AZ name, AZ ID), from the provider's account.
async fn gateway_zones_of(
    ctx: &Ctx,
    g: &ResourceGateway,
) -> Result<Vec<(String, String, String)>, Outcome> {
    let Some(vpc) = &g.vpc_id else {
        return Err(Outcome::unknown(crate::t!(
            "lattice-gateway-no-vpc",
            name = gateway_name(g)
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
            return Err(Outcome::unknown(crate::t!(
                "lattice-gateway-subnet-missing",
                subnet = id,
                vpc = vpc
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
                    .unwrap_or_else(|| crate::t!("lattice-no-az-id", zone = &s.availability_zone))
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
        return Ok(o.field(
            crate::t!("lattice-field-resource-configuration"),
            side.config.arn.clone(),
        ));
    }
    if let Some(o) = gateway_status(g) {
        return Ok(o.field(crate::t!("lattice-field-resource-gateway"), gateway_name(g)));
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
        Outcome::fail(crate::t!(
            "lattice-zones-disjoint",
            id = &side.ep.id,
            ours = join_set(&our_zones),
            name = &name,
            theirs = join_set(&their_zones)
        ))
        .fix("add_subnet", &[("subnet_id", subnet)])
    } else if our_zones.is_subset(&their_zones) {
        Outcome::pass(crate::t!(
            "lattice-zones-all",
            id = &side.ep.id,
            name = &name,
            theirs = join_set(&their_zones)
        ))
    } else {
        Outcome::advice(crate::t!(
            "lattice-zones-some",
            id = &side.ep.id,
            name = &name,
            shared = shared.len(),
            count = our_zones.len(),
            zones = shared
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    Ok(o.field(crate::t!("lattice-field-resource-gateway"), name)
        .table(
            crate::t!("provider-col-zones"),
            &[
                "AZ ID",
                &crate::t!("lattice-col-endpoint-subnet"),
                &crate::t!("lattice-col-gateway-subnet"),
            ],
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
        o.field(crate::t!("lattice-field-resource-gateway"), name.clone())
            .field(crate::t!("lattice-field-ip-address-type"), family.clone())
            .field(crate::t!("lattice-field-ipv4-per-eni"), per_eni)
            .field(
                crate::t!("lattice-field-subnets-one-eni"),
                g.subnet_ids.len().to_string(),
            )
    };
    match family.as_str() {
        "IPV6" => {
            return Ok(with_fields(
                Outcome::pass(crate::t!("lattice-capacity-ipv6", name = &name)),
                crate::t!("lattice-ipv6-per-eni"),
            ));
        }
        "IPV4" | "DUALSTACK" => {}
        _ => {
            return Ok(with_fields(
                Outcome::unknown(crate::t!(
                    "lattice-ip-type-unknown",
                    name = &name,
                    ip_type = format!("{:?}", g.ip_address_type)
                )),
                crate::t!("lattice-not-judged"),
            ));
        }
    }
    let (per_eni, reported) = match g.ipv4_addresses_per_eni {
        Some(n) => (n, format!("{n}")),
        None => (
            DEFAULT_IPV4_PER_ENI,
            crate::t!("lattice-per-eni-default", n = DEFAULT_IPV4_PER_ENI),
        ),
    };
    let ceiling = crate::t!(
        "lattice-ceiling",
        per_eni = per_eni,
        enis = g.subnet_ids.len(),
        total = per_eni as usize * g.subnet_ids.len()
    );
    let o = if !(1..=MAX_IPV4_PER_ENI).contains(&per_eni) {
        Outcome::unknown(crate::t!(
            "lattice-per-eni-out-of-range",
            name = &name,
            per_eni = per_eni,
            max = MAX_IPV4_PER_ENI
        ))
    } else if per_eni == 1 {
        Outcome::advice(crate::t!(
            "lattice-per-eni-minimum",
            name = &name,
            ceiling = &ceiling
        ))
        .fix("more_addresses", &[("gateway", name.clone())])
    } else {
        Outcome::pass(crate::t!(
            "lattice-capacity-pass",
            name = &name,
            ceiling = &ceiling,
            default = DEFAULT_IPV4_PER_ENI
        ))
    };
    Ok(with_fields(
        o.field(crate::t!("lattice-field-connection-ceiling"), ceiling),
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
        return Ok(Outcome::unknown(crate::t!(
            "lattice-protocol-unknown",
            arn = &rc.arn,
            protocol = format!("{protocol:?}")
        )));
    }
    if g.security_group_ids.is_empty() {
        return Ok(Outcome::unknown(crate::t!(
            "lattice-gateway-no-sg",
            name = &name
        )));
    }
    let mut ranges = Vec::new();
    for text in &rc.port_ranges {
        let Some(r) = port_range(text) else {
            return Ok(Outcome::unknown(crate::t!(
                "lattice-bad-port-range",
                arn = &rc.arn,
                range = format!("{text:?}")
            )));
        };
        ranges.push(r);
    }
    if ranges.is_empty() {
        return Ok(Outcome::unknown(crate::t!(
            "lattice-no-port-ranges",
            arn = &rc.arn
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
            if allowed {
                crate::t!("lattice-egress-allowed")
            } else {
                crate::t!("lattice-egress-no-rule")
            },
        ]);
        if !allowed {
            found.fail(crate::t!(
                "lattice-egress-missing",
                groups = join(&g.security_group_ids),
                name = &name,
                label = &label,
                what = &what
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
        .verdict(crate::t!(
            "lattice-egress-pass",
            name = &name,
            groups = join(&g.security_group_ids),
            what = &what,
            ports = rc.port_ranges.join(", ")
        ))
        .field(crate::t!("lattice-field-resource-gateway"), name)
        .table(
            crate::t!("lattice-table-egress"),
            &[
                &crate::t!("provider-col-port"),
                &crate::t!("gwlb-col-destination"),
                &crate::t!("lattice-col-egress"),
            ],
            rows,
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_verdicts_and_capacity_words_speak_korean() {
        let g = ResourceGateway {
            id: "rgw-0abc".into(),
            name: "db".into(),
            status: "CREATE_FAILED".into(),
            ..Default::default()
        };
        let en = gateway_status(&g).unwrap();
        assert!(
            en.summary
                .contains("only through an ACTIVE resource gateway")
        );
        let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
        let o = gateway_status(&g).unwrap();
        assert!(
            o.summary.contains("리소스 게이트웨이") && o.summary.contains("rgw-0abc (db)"),
            "{}",
            o.summary
        );
        assert!(o.summary.contains("CREATE_FAILED") && !o.summary.contains("resource gateway"));
        let serves = preference_serves("ALL_DOMAINS").unwrap();
        assert!(serves.contains("프라이빗 호스팅 영역"), "{serves}");
        assert!(preference_serves("SOMETHING_NEW").is_none());
    }
}
