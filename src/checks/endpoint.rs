//! The endpoint and its VPC, as the consumer sees them.

use super::*;
use crate::engine::outcome::Account;
use crate::facts::VpcAttribute;

pub async fn found(ctx: &Ctx) -> Outcome {
    if let Some(blocked) = super::no_endpoint_chosen(ctx) {
        return blocked;
    }
    let id = &ctx.run.target;
    match ctx.facts.endpoint(id).await {
        Ok(ep) if ep.state.eq_ignore_ascii_case("deleted") => {
            Outcome::fail(format!("{id} was deleted; it no longer carries traffic"))
                .field("State", &ep.state)
                .fix(
                    "deleted",
                    &[
                        ("vpc_id", ep.vpc_id.clone()),
                        ("service_name", ep.service_name.clone()),
                        ("endpoint_type", ep.endpoint_type.clone()),
                    ],
                )
        }
        Ok(ep) if kind(&ep) == Kind::Unknown => {
            // Found, but every judgement of this tool assumes a known kind: say so rather
            // than pass and let the other checks judge it as something it is not.
            unknown_kind(&ep)
                .field("ServiceName", &ep.service_name)
                .field("VpcId", &ep.vpc_id)
                .field("State", &ep.state)
        }
        Ok(ep) => {
            let article = if ep.endpoint_type.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            let target = if is_lattice(&ep) {
                lattice_target(&ep)
            } else {
                ep.service_name.clone()
            };
            let mut o = Outcome::pass(format!(
                "{id} is {article} {} endpoint to {target} in {}",
                ep.endpoint_type, ep.vpc_id
            ))
            .field("VpcEndpointType", &ep.endpoint_type)
            .field("VpcId", &ep.vpc_id);
            if !ep.service_name.is_empty() {
                o = o.field("ServiceName", &ep.service_name);
            }
            if let Some(arn) = &ep.resource_configuration_arn {
                o = o.field("ResourceConfigurationArn", arn);
            }
            if let Some(arn) = &ep.service_network_arn {
                o = o.field("ServiceNetworkArn", arn);
            }
            if let Some(owner) = &ep.owner_id {
                o = o.field("OwnerId", owner);
            }
            if !ep.subnet_ids.is_empty() {
                o = o.field("SubnetIds", join(&ep.subnet_ids));
            }
            if let Some((_, name)) = ep.tags.iter().find(|(k, _)| k == "Name") {
                o = o.field("Name tag", name);
            }
            o
        }
        Err(e) if e.is_not_found() => {
            let account = ctx
                .facts
                .caller_identity(Account::Consumer)
                .await
                .map(|i| format!("account {}", i.account))
                .unwrap_or_else(|_| "this account".to_string());
            Outcome::fail(format!(
                "no VPC endpoint {id} in {account}, region {}",
                ctx.run.region
            ))
            .field("error", e.to_string())
            .fix("not_found", &[])
        }
        Err(e) => could_not_tell(ctx, &e, false),
    }
}

pub async fn state(ctx: &Ctx) -> Outcome {
    let ep = match endpoint_or(ctx).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let raw = ep.state.clone();
    let service_id =
        service_id_from_name(&ep.service_name).unwrap_or_else(|| "<service-id>".into());
    let base = |o: Outcome| {
        let mut o = o.field(
            "State",
            if raw.is_empty() {
                "(none)"
            } else {
                raw.as_str()
            },
        );
        if let Some(le) = &ep.last_error {
            o = o.field("LastError", format!("{}: {}", le.code, le.message));
        }
        if let Some(reason) = &ep.failure_reason {
            o = o.field("FailureReason", reason);
        }
        o
    };
    let common = [
        ("service_id", service_id.clone()),
        ("service_name", ep.service_name.clone()),
        ("vpc_id", ep.vpc_id.clone()),
        ("endpoint_type", ep.endpoint_type.clone()),
        ("state", raw.clone()),
    ];
    match raw.to_ascii_lowercase().as_str() {
        "available" => base(Outcome::pass(format!("{} is available", ep.id))),
        "pendingacceptance" => base(Outcome::fail(format!(
            "{} is pendingAcceptance: the service owner has not accepted the connection, so every connection times out",
            ep.id
        )))
        .fix("pending_acceptance", &common),
        "pending" => base(Outcome::fail(format!(
            "{} is pending: accepted but still being provisioned; it carries no traffic yet",
            ep.id
        )))
        .fix("pending", &common),
        "rejected" => base(Outcome::fail(format!(
            "{} is rejected: the service owner refused the connection (possibly after it worked)",
            ep.id
        )))
        .fix("rejected", &common),
        "failed" => {
            let last_error = ep
                .last_error
                .as_ref()
                .map(|e| format!("LastError {}: {}", e.code, e.message))
                .or_else(|| ep.failure_reason.as_ref().map(|r| format!("FailureReason: {r}")))
                .unwrap_or_else(|| "no LastError was given".to_string());
            let mut vars = common.to_vec();
            vars.push(("last_error", last_error.clone()));
            base(Outcome::fail(format!("{} failed to provision ({last_error})", ep.id)))
                .fix("failed", &vars)
        }
        "expired" => base(Outcome::fail(format!(
            "{} is expired: the connection request was never accepted",
            ep.id
        )))
        .fix("expired", &common),
        "deleting" | "deleted" => base(Outcome::fail(format!("{} is {raw}", ep.id))).fix("deleting", &common),
        "partial" => return partial(ctx, &ep, base).await.fix("partial", &common),
        _ => base(Outcome::unknown(format!(
            "{} reports state {raw:?}, which this tool does not know",
            ep.id
        )))
        .fix("unrecognised", &common),
    }
}

/// `partial`: the endpoint was provisioned in some of its zones and failed in others (AWS
/// documents no more than the value). Clients whose zone has a working interface are served,
/// those in the other zones (and the zonal names there) are not: a warning while some
/// interface is in use, a failure when none is.
async fn partial(ctx: &Ctx, ep: &Endpoint, base: impl Fn(Outcome) -> Outcome) -> Outcome {
    let enis = match ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
    {
        Ok(e) => e,
        Err(e) => {
            return base(Outcome::warn(format!(
                "{} is partial: provisioned in some zones only (its interfaces could not be read: {e})",
                ep.id
            )));
        }
    };
    let rows: Vec<Vec<String>> = ep
        .subnet_ids
        .iter()
        .map(|subnet| {
            let eni = enis.iter().find(|n| &n.subnet_id == subnet);
            vec![
                subnet.clone(),
                eni.map(|n| n.availability_zone.clone()).unwrap_or_default(),
                eni.map(|n| n.id.clone())
                    .unwrap_or_else(|| "no interface".into()),
                eni.map(|n| n.status.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    let working: Vec<&Vec<String>> = rows.iter().filter(|r| r[3] == "in-use").collect();
    let broken: Vec<String> = rows
        .iter()
        .filter(|r| r[3] != "in-use")
        .map(|r| r[0].clone())
        .collect();
    let o = if working.is_empty() {
        Outcome::fail(format!(
            "{} is partial and none of its interfaces is in use: no client is served",
            ep.id
        ))
    } else if broken.is_empty() {
        Outcome::warn(format!(
            "{} is partial: AWS reports that it failed in some zone, yet each of its {} interface(s) is in use; read FailureReason and LastError",
            ep.id,
            rows.len()
        ))
    } else {
        Outcome::warn(format!(
            "{} is partial: served in {} of {} subnet(s); clients in {} (and the zonal DNS names there) get nothing",
            ep.id,
            working.len(),
            rows.len(),
            join(&broken)
        ))
    };
    base(o).table(
        "endpoint interfaces",
        &["subnet", "zone", "interface", "status"],
        rows,
    )
}

pub async fn private_dns_enabled(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, "have no private DNS setting").await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let enabled = ep.private_dns_enabled.unwrap_or(false);
    let name = match private_dns_name(ctx, &ep).await {
        PrivateName::Known(n) => n,
        PrivateName::Unknowable(o) if enabled => {
            return Outcome::pass("private DNS is enabled on the endpoint")
                .field("PrivateDnsEnabled", "true")
                .field("note", o.summary);
        }
        PrivateName::Unknowable(o) => return o.field("PrivateDnsEnabled", "false"),
    };
    let Some(name) = name else {
        return Outcome::not_applicable(format!(
            "{} offers no private DNS name; clients use the endpoint's own DNS names",
            ep.service_name
        ))
        .field("PrivateDnsEnabled", enabled.to_string());
    };
    if enabled {
        return Outcome::pass(format!(
            "private DNS is enabled: {name} answers inside {}",
            ep.vpc_id
        ))
        .field("PrivateDnsEnabled", "true")
        .field("PrivateDnsName", name);
    }
    // Private DNS off is also the centralised-endpoint pattern: the team's own private hosted
    // zone answers for the name. Enabling private DNS then collides with that zone
    // ("conflicting DNS domain"), so it is never the fix while such a zone is associated.
    let zones = match ctx
        .facts
        .hosted_zones_by_vpc(&ep.vpc_id, &ctx.run.region)
        .await
    {
        Ok(z) => z,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let own = super::dns::zones_for(&name, &zones);
    let answer = match super::dns::vpc_answer(ctx, &ep, &name).await {
        Ok(a) => a,
        Err(o) => return o,
    };
    let reaches = answer.as_ref().and_then(super::dns::VpcAnswer::reaches);
    let zone_text = |z: &crate::facts::model::HostedZone| format!("{} ({})", z.name, z.id);
    let domain = name.trim_start_matches("*.").to_string();
    let o = match (own.first(), reaches) {
        (Some(z), Some(true)) => Outcome::pass(format!(
            "private DNS is off and private hosted zone {} answers for {name} with the endpoint's addresses",
            zone_text(z)
        )),
        (None, Some(true)) => Outcome::pass(format!(
            "private DNS is off, yet {name} resolves to the endpoint's addresses as the VPC asks (a resolver rule or your own DNS answers for it)"
        )),
        (Some(z), None) if z.name == domain => Outcome::pass(format!(
            "private DNS is off and your private hosted zone {} answers for {name} in {} (not resolved from here: run inside the VPC or pass --dns-server to see its answer)",
            zone_text(z),
            ep.vpc_id
        )),
        (Some(z), seen) => match seen {
            Some(_) => Outcome::fail(format!(
                "private DNS is off and private hosted zone {} holds {name}, but the name does not resolve to the endpoint's addresses",
                zone_text(z)
            )),
            None => Outcome::warn(format!(
                "private DNS is off; the parent zone {} answers for everything under it in {}, so {name} resolves only if that zone holds a record for it (not resolved from here: run inside the VPC or pass --dns-server)",
                zone_text(z),
                ep.vpc_id
            )),
        }
        .fix(
            "zone_records",
            &[
                (
                    "zone_id",
                    z.id.trim_start_matches("/hostedzone/").to_string(),
                ),
                ("zone_name", z.name.clone()),
                ("private_dns_name", domain.clone()),
                (
                    "dns_name",
                    ep.dns_entries
                        .iter()
                        .map(|d| d.dns_name.trim_end_matches('.').to_string())
                        .find(|n| n.starts_with(&format!("{}-", ep.id)))
                        .unwrap_or_else(|| ep.id.clone()),
                ),
            ],
        ),
        _ => Outcome::fail(format!(
            "private DNS is disabled: inside {} the name {name} does not lead to the endpoint",
            ep.vpc_id
        ))
        .fix("enable", &[]),
    };
    let mut o = o
        .field("PrivateDnsEnabled", "false")
        .field("PrivateDnsName", &name);
    if !own.is_empty() {
        o = o.field(
            "private hosted zones for the name",
            own.iter()
                .map(|z| zone_text(z))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(a) = &answer {
        o = o.field("answer", a.text());
    }
    o
}

pub async fn vpc_dns_support(ctx: &Ctx) -> Outcome {
    let ep = match endpoint_or(ctx).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    match ctx
        .facts
        .vpc_attribute(&ep.vpc_id, VpcAttribute::EnableDnsSupport)
        .await
    {
        Ok(true) => Outcome::pass(format!("{} has enableDnsSupport = true", ep.vpc_id))
            .field("enableDnsSupport", "true"),
        Ok(false) => Outcome::fail(format!(
            "{} has enableDnsSupport = false: the Amazon-provided resolver does not answer in this VPC",
            ep.vpc_id
        ))
        .field("enableDnsSupport", "false")
        .fix("enable", &[("vpc_id", ep.vpc_id.clone())]),
        Err(e) => could_not_tell(ctx, &e, false),
    }
}

pub async fn vpc_dns_hostnames(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, "do not use private DNS").await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let uses_private_dns = ep.private_dns_enabled.unwrap_or(false);
    match ctx
        .facts
        .vpc_attribute(&ep.vpc_id, VpcAttribute::EnableDnsHostnames)
        .await
    {
        Ok(true) => Outcome::pass(format!("{} has enableDnsHostnames = true", ep.vpc_id))
            .field("enableDnsHostnames", "true"),
        Ok(false) if uses_private_dns => Outcome::fail(format!(
            "{} has enableDnsHostnames = false, so the endpoint's private DNS name is not served",
            ep.vpc_id
        ))
        .field("enableDnsHostnames", "false")
        .field("PrivateDnsEnabled", "true")
        .fix("enable", &[("vpc_id", ep.vpc_id.clone())]),
        Ok(false) => {
            // Private DNS is off: the attribute matters to the traffic only if a private
            // hosted zone of the team's answers for the service's name (Route 53 private
            // zones need both VPC DNS attributes).
            let name = match private_dns_name(ctx, &ep).await {
                PrivateName::Known(n) => n,
                PrivateName::Unknowable(_) => None,
            };
            let zones = match &name {
                Some(_) => match ctx
                    .facts
                    .hosted_zones_by_vpc(&ep.vpc_id, &ctx.run.region)
                    .await
                {
                    Ok(z) => z,
                    Err(e) => return could_not_tell(ctx, &e, false),
                },
                None => Vec::new(),
            };
            let own = name
                .as_deref()
                .map(|n| super::dns::zones_for(n, &zones))
                .unwrap_or_default();
            match own.first() {
                Some(z) => Outcome::warn(format!(
                    "{} has enableDnsHostnames = false, and private hosted zone {} ({}) serves the service's name there: Route 53 private zones need both VPC DNS attributes",
                    ep.vpc_id, z.name, z.id
                ))
                .fix("enable", &[("vpc_id", ep.vpc_id.clone())]),
                None => Outcome::pass(format!(
                    "{} has enableDnsHostnames = false, which this endpoint does not need: private DNS is off and no private hosted zone of the VPC serves the service's name",
                    ep.vpc_id
                )),
            }
            .field("enableDnsHostnames", "false")
            .field("PrivateDnsEnabled", "false")
        }
        Err(e) => could_not_tell(ctx, &e, false),
    }
}

pub async fn subnets(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, "are regional: they have no subnets").await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let subnets = match ctx.facts.subnets(&ep.vpc_id).await {
        Ok(s) => s,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let rows = subnet_rows(&ep, &subnets);
    let zones: std::collections::BTreeSet<&String> = rows.iter().map(|r| &r[1]).collect();
    let o = match ep.subnet_ids.len() {
        0 => Outcome::fail(format!(
            "{} has no subnet: it has no interface at all",
            ep.id
        ))
        .fix("add_subnet", &[]),
        // Resilience posture: the path works today (often one zone is a deliberate choice).
        1 => Outcome::advice(format!(
            "{} has one subnet ({}): an outage of that Availability Zone cuts every client off",
            ep.id, ep.subnet_ids[0]
        ))
        .fix("add_subnet", &[]),
        n => Outcome::pass(format!("{n} subnets in {} Availability Zones", zones.len())),
    };
    o.table(
        "endpoint subnets",
        &["subnet", "zone", "AZ ID", "CIDR"],
        rows,
    )
}

/// IpAddressType and DnsRecordIpType values this tool does not know: shown raw and judged
/// unknown, never read as IPv4.
fn unrecognised_types(ep: &Endpoint, ip_type: &str, record: Option<&str>) -> Option<Outcome> {
    let ip_known = matches!(ip_type, "ipv4" | "ipv6" | "dualstack");
    let record_known = record.is_none_or(|r| {
        matches!(
            r,
            "ipv4" | "ipv6" | "dualstack" | "service-defined" | "not-specified"
        )
    });
    if ip_known && record_known {
        return None;
    }
    let what = if ip_known {
        format!("DnsRecordIpType {:?}", record.unwrap_or_default())
    } else {
        format!("IpAddressType {ip_type:?}")
    };
    Some(
        Outcome::unknown(format!(
            "could not tell: {} reports {what}, a value this tool does not know (known: ipv4, ipv6, dualstack; records also service-defined); check it against the AWS documentation",
            ep.id
        ))
        .field(
            "endpoint IpAddressType",
            ep.ip_address_type.clone().unwrap_or_default(),
        )
        .field(
            "DnsRecordIpType",
            ep.dns_record_ip_type.clone().unwrap_or_default(),
        ),
    )
}

/// Subnets that cannot hold the endpoint's families: no IPv6 range for an IPv6 or
/// dual-stack endpoint, IPv6-only for an IPv4 or dual-stack one.
fn subnet_families(
    ep: &Endpoint,
    ip_type: &str,
    subnets: &[crate::facts::model::Subnet],
    fails: &mut Vec<String>,
    fixes: &mut Vec<(&'static str, Vec<(&str, String)>)>,
) {
    let wants_v6 = ip_type == "ipv6" || ip_type == "dualstack";
    if wants_v6 {
        for id in &ep.subnet_ids {
            if subnets
                .iter()
                .find(|s| &s.id == id)
                .is_some_and(|s| s.ipv6_cidrs.is_empty())
            {
                fails.push(format!(
                    "the endpoint is {ip_type} but subnet {id} has no IPv6 CIDR"
                ));
                fixes.push(("subnet_ipv6", vec![("subnet_id", id.clone())]));
            }
        }
    }
    if ip_type != "ipv6" {
        // An IPv6-only subnet has no IPv4 range: an IPv4 or dual-stack interface cannot sit
        // there (AWS refuses the endpoint; one moved there cannot have IPv4 addresses).
        for id in &ep.subnet_ids {
            if subnets
                .iter()
                .find(|s| &s.id == id)
                .is_some_and(|s| s.cidr.trim().is_empty() && !s.ipv6_cidrs.is_empty())
            {
                fails.push(format!(
                    "the endpoint is {ip_type} but subnet {id} is IPv6-only (no IPv4 range)"
                ));
                fixes.push(("endpoint_type", vec![("want", "ipv6".into())]));
            }
        }
    }
}

pub async fn ip_type(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(
        ctx,
        "are judged by their route tables, not an IP address type",
    )
    .await
    {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let reported = ep.ip_address_type.clone().map(|t| t.to_ascii_lowercase());
    let ip_type = reported.clone().unwrap_or_else(|| "ipv4".into());
    let wants_v6 = ip_type == "ipv6" || ip_type == "dualstack";
    let record = ep
        .dns_record_ip_type
        .clone()
        .map(|t| t.to_ascii_lowercase());
    if let Some(o) = unrecognised_types(&ep, &ip_type, record.as_deref()) {
        return o;
    }
    let supported: Vec<String> = match ctx.facts.service_detail_of(&ep).await {
        Ok(Some(d)) => d
            .supported_ip_address_types
            .iter()
            .map(|t| t.to_ascii_lowercase())
            .collect(),
        // A custom service the consumer cannot list: its owner's configuration says it.
        Ok(None) => match provider_config(ctx, &ep).await {
            Ok(Some(cfg)) => cfg
                .supported_ip_address_types
                .iter()
                .map(|t| t.to_ascii_lowercase())
                .collect(),
            _ => Vec::new(),
        },
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let subnets = match ctx.facts.subnets(&ep.vpc_id).await {
        Ok(s) => s,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let mut fails = Vec::new();
    let mut warns = Vec::new();
    let mut fixes: Vec<(&'static str, Vec<(&str, String)>)> = Vec::new();
    let service_lacks_v6 = !supported.is_empty() && !supported.iter().any(|t| t == "ipv6");
    if wants_v6 && service_lacks_v6 {
        fails.push(format!(
            "the endpoint is {ip_type} but the service supports only {}",
            join(&supported)
        ));
        if service_id_from_name(&ep.service_name).is_some() {
            fixes.push(("service_ipv6", vec![]));
        } else {
            // An AWS service's address types are AWS's to choose: the endpoint changes.
            fixes.push(("endpoint_type", vec![("want", "ipv4".into())]));
        }
    }
    if ip_type == "ipv4" && !supported.is_empty() && !supported.iter().any(|t| t == "ipv4") {
        fails.push(format!(
            "the endpoint is ipv4 but the service supports only {}",
            join(&supported)
        ));
        fixes.push(("endpoint_type", vec![("want", "ipv6".into())]));
    }
    subnet_families(&ep, &ip_type, &subnets, &mut fails, &mut fixes);
    match record.as_deref() {
        Some("ipv6") | Some("dualstack") if !wants_v6 => {
            fails.push(format!(
                "DNS records are {} but the endpoint has no IPv6 address ({ip_type})",
                record.clone().unwrap_or_default()
            ));
            fixes.push(("record_type", vec![("want", "ipv4".into())]));
        }
        Some("ipv4") if ip_type == "ipv6" => {
            fails.push("DNS records are ipv4 but the endpoint has only IPv6 addresses".into());
            fixes.push(("record_type", vec![("want", "ipv6".into())]));
        }
        // Not while the service offers no IPv6: the endpoint is to leave dual-stack then.
        Some("ipv4") if ip_type == "dualstack" && !service_lacks_v6 => {
            warns.push(
                "the endpoint is dualstack but its DNS records are ipv4 only: IPv6-only clients get no AAAA record"
                    .to_string(),
            );
            fixes.push(("record_type", vec![("want", "dualstack".into())]));
        }
        _ => {}
    }
    let mut o = if !fails.is_empty() {
        Outcome::fail(fails.join("; "))
    } else if !warns.is_empty() {
        Outcome::warn(warns.join("; "))
    } else {
        Outcome::pass(format!(
            "{ip_type} endpoint{}, consistent with the service and its subnets",
            record
                .as_ref()
                .map(|r| format!(" with {r} DNS records"))
                .unwrap_or_default()
        ))
    };
    for (k, v) in fixes {
        o = o.fix(k, &v);
    }
    let subnet_rows: Vec<String> = ep
        .subnet_ids
        .iter()
        .map(|id| {
            let v6 = subnets
                .iter()
                .find(|s| &s.id == id)
                .map(|s| {
                    if s.ipv6_cidrs.is_empty() {
                        "no IPv6".to_string()
                    } else {
                        join(&s.ipv6_cidrs)
                    }
                })
                .unwrap_or_else(|| "not found".into());
            format!("{id}: {v6}")
        })
        .collect();
    o.field(
        "endpoint IpAddressType",
        reported.unwrap_or_else(|| "not reported (IPv4 assumed)".into()),
    )
    .field(
        "DnsRecordIpType",
        record.unwrap_or_else(|| "not reported".into()),
    )
    .field(
        "service supports",
        if supported.is_empty() {
            "not reported".into()
        } else {
            join(&supported)
        },
    )
    .field("subnets", subnet_rows.join("; "))
}

/// `PrivateDnsOnlyForInboundResolverEndpoint` (S3 and DynamoDB interface endpoints): the
/// endpoint's private DNS then answers only queries that arrive through a Route 53 Resolver
/// inbound endpoint, and the VPC's own clients resolve the service to its public addresses,
/// which only a gateway endpoint of the same service keeps on the AWS network (without one
/// they leave through a NAT or internet gateway, or not at all). AWS asks for the gateway
/// endpoint when the option is set; one deleted since leaves the VPC's clients without it.
pub async fn gateway_companion(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = interface_endpoint_or(ctx, "are not interface endpoints with private DNS").await?;
    if !ep
        .private_dns_only_for_inbound_resolver_endpoint
        .unwrap_or(false)
    {
        return Ok(Outcome::not_applicable(format!(
            "private DNS of {} is not limited to inbound Resolver endpoints (PrivateDnsOnlyForInboundResolverEndpoint is off): the VPC's clients use the interface endpoint itself",
            ep.id
        )));
    }
    let endpoints = ctx
        .facts
        .endpoint_list()
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let gateways: Vec<&Endpoint> = endpoints
        .iter()
        .filter(|o| {
            kind(o) == Kind::Gateway
                && o.vpc_id == ep.vpc_id
                && o.service_name.eq_ignore_ascii_case(&ep.service_name)
        })
        .collect();
    let rows: Vec<Vec<String>> = gateways
        .iter()
        .map(|g| vec![g.id.clone(), g.state.clone(), join(&g.route_table_ids)])
        .collect();
    let working: Vec<&&Endpoint> = gateways
        .iter()
        .filter(|g| g.state.eq_ignore_ascii_case("available"))
        .collect();
    let o = if let Some(g) = working.first() {
        Outcome::pass(format!(
            "gateway endpoint {} for {} carries the traffic of {}'s own clients (route tables {}); clients on premises use {} through an inbound Resolver endpoint",
            g.id,
            ep.service_name,
            ep.vpc_id,
            if g.route_table_ids.is_empty() {
                "none".to_string()
            } else {
                join(&g.route_table_ids)
            },
            ep.id
        ))
    } else {
        let route_tables = match ctx.facts.route_tables(&ep.vpc_id).await {
            Ok(tables) => tables
                .iter()
                .filter(|t| t.main || !t.subnet_ids.is_empty())
                .map(|t| t.id.clone())
                .collect::<Vec<_>>()
                .join(" "),
            Err(_) => String::new(),
        };
        let route_tables = if route_tables.is_empty() {
            "\"${ROUTE_TABLE_ID:?set ROUTE_TABLE_ID to the route table of the client subnets}\""
                .to_string()
        } else {
            route_tables
        };
        let what = if gateways.is_empty() {
            format!(
                "{} has no gateway endpoint for {}",
                ep.vpc_id, ep.service_name
            )
        } else {
            format!(
                "the gateway endpoint of {} for {} is not available ({})",
                ep.vpc_id,
                ep.service_name,
                gateways
                    .iter()
                    .map(|g| format!("{} {}", g.id, g.state))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        Outcome::fail(format!(
            "private DNS of {} answers only inbound Resolver endpoints, so the VPC's own clients resolve {} to its public addresses, but {what}: their traffic leaves through a NAT or internet gateway, or not at all",
            ep.id, ep.service_name
        ))
        .fix("create_gateway", &[("route_table_ids", route_tables)])
    };
    Ok(o.field("PrivateDnsOnlyForInboundResolverEndpoint", "true")
        .table(
            "gateway endpoints for the service in the VPC",
            &["endpoint", "state", "route tables"],
            rows,
        ))
}
