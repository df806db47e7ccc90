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
            Outcome::fail(crate::t!("endpoint-deleted", id = id))
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
            let target = if is_lattice(&ep) {
                lattice_target(&ep)
            } else {
                ep.service_name.clone()
            };
            let summary = if ep.endpoint_type.starts_with(['A', 'E', 'I', 'O', 'U']) {
                crate::t!(
                    "endpoint-found-an",
                    id = id,
                    kind = &ep.endpoint_type,
                    target = &target,
                    vpc = &ep.vpc_id
                )
            } else {
                crate::t!(
                    "endpoint-found-a",
                    id = id,
                    kind = &ep.endpoint_type,
                    target = &target,
                    vpc = &ep.vpc_id
                )
            };
            let mut o = Outcome::pass(summary)
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
                o = o.field(crate::t!("endpoint-field-name-tag"), name);
            }
            o
        }
        Err(e) if e.is_not_found() => {
            let region = &ctx.run.region;
            let summary = match ctx.facts.caller_identity(Account::Consumer).await {
                Ok(i) => crate::t!(
                    "endpoint-not-found-in-account",
                    id = id,
                    account = &i.account,
                    region = region
                ),
                Err(_) => crate::t!("endpoint-not-found-here", id = id, region = region),
            };
            Outcome::fail(summary)
                .field(crate::t!("endpoint-field-error"), e.to_string())
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
                crate::t!("endpoint-none")
            } else {
                raw.clone()
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
        "available" => base(Outcome::pass(crate::t!(
            "endpoint-state-available",
            id = &ep.id
        ))),
        "pendingacceptance" => base(Outcome::fail(crate::t!(
            "endpoint-state-pending-acceptance",
            id = &ep.id
        )))
        .fix("pending_acceptance", &common),
        "pending" => base(Outcome::fail(crate::t!(
            "endpoint-state-pending",
            id = &ep.id
        )))
        .fix("pending", &common),
        "rejected" => base(Outcome::fail(crate::t!(
            "endpoint-state-rejected",
            id = &ep.id
        )))
        .fix("rejected", &common),
        "failed" => {
            let last_error = ep
                .last_error
                .as_ref()
                .map(|e| format!("LastError {}: {}", e.code, e.message))
                .or_else(|| {
                    ep.failure_reason
                        .as_ref()
                        .map(|r| format!("FailureReason: {r}"))
                })
                .unwrap_or_else(|| crate::t!("endpoint-no-last-error"));
            let mut vars = common.to_vec();
            vars.push(("last_error", last_error.clone()));
            base(Outcome::fail(crate::t!(
                "endpoint-state-failed",
                id = &ep.id,
                last_error = &last_error
            )))
            .fix("failed", &vars)
        }
        "expired" => base(Outcome::fail(crate::t!(
            "endpoint-state-expired",
            id = &ep.id
        )))
        .fix("expired", &common),
        "deleting" | "deleted" => base(Outcome::fail(crate::t!(
            "endpoint-state-deleting",
            id = &ep.id,
            state = &raw
        )))
        .fix("deleting", &common),
        "partial" => return partial(ctx, &ep, base).await.fix("partial", &common),
        _ => base(Outcome::unknown(crate::t!(
            "endpoint-state-unrecognised",
            id = &ep.id,
            state = format!("{raw:?}")
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
            return base(Outcome::warn(crate::t!(
                "endpoint-partial-unreadable",
                id = &ep.id,
                error = e.to_string()
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
                    .unwrap_or_else(|| crate::t!("endpoint-no-interface")),
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
        Outcome::fail(crate::t!("endpoint-partial-none-in-use", id = &ep.id))
    } else if broken.is_empty() {
        Outcome::warn(crate::t!(
            "endpoint-partial-all-in-use",
            id = &ep.id,
            count = rows.len()
        ))
    } else {
        Outcome::warn(crate::t!(
            "endpoint-partial-some-subnets",
            id = &ep.id,
            working = working.len(),
            count = rows.len(),
            broken = join(&broken)
        ))
    };
    base(o).table(
        crate::t!("endpoint-table-interfaces"),
        &[
            &crate::t!("endpoint-col-subnet"),
            &crate::t!("endpoint-col-zone"),
            &crate::t!("endpoint-col-interface"),
            &crate::t!("endpoint-col-status"),
        ],
        rows,
    )
}

pub async fn private_dns_enabled(ctx: &Ctx) -> Outcome {
    let ep =
        match interface_endpoint_or(ctx, &crate::t!("endpoint-why-no-private-dns-setting")).await {
            Ok(ep) => ep,
            Err(o) => return o,
        };
    let enabled = ep.private_dns_enabled.unwrap_or(false);
    let name = match private_dns_name(ctx, &ep).await {
        PrivateName::Known(n) => n,
        PrivateName::Unknowable(o) if enabled => {
            return Outcome::pass(crate::t!("endpoint-private-dns-enabled"))
                .field("PrivateDnsEnabled", "true")
                .field(crate::t!("endpoint-field-note"), o.summary);
        }
        PrivateName::Unknowable(o) => return o.field("PrivateDnsEnabled", "false"),
    };
    let Some(name) = name else {
        return Outcome::not_applicable(crate::t!(
            "endpoint-no-private-dns-name",
            service = &ep.service_name
        ))
        .field("PrivateDnsEnabled", enabled.to_string());
    };
    if enabled {
        return Outcome::pass(crate::t!(
            "endpoint-private-dns-answers",
            name = &name,
            vpc = &ep.vpc_id
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
        (Some(z), Some(true)) => Outcome::pass(crate::t!(
            "endpoint-private-dns-off-zone-answers",
            zone = zone_text(z),
            name = &name
        )),
        (None, Some(true)) => {
            Outcome::pass(crate::t!("endpoint-private-dns-off-resolves", name = &name))
        }
        (Some(z), None) if z.name == domain => Outcome::pass(crate::t!(
            "endpoint-private-dns-off-own-zone",
            zone = zone_text(z),
            name = &name,
            vpc = &ep.vpc_id
        )),
        (Some(z), seen) => match seen {
            Some(_) => Outcome::fail(crate::t!(
                "endpoint-private-dns-off-zone-wrong",
                zone = zone_text(z),
                name = &name
            )),
            None => Outcome::warn(crate::t!(
                "endpoint-private-dns-off-parent-zone",
                zone = zone_text(z),
                vpc = &ep.vpc_id,
                name = &name
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
        _ => Outcome::fail(crate::t!(
            "endpoint-private-dns-disabled",
            vpc = &ep.vpc_id,
            name = &name
        ))
        .fix("enable", &[]),
    };
    let mut o = o
        .field("PrivateDnsEnabled", "false")
        .field("PrivateDnsName", &name);
    if !own.is_empty() {
        o = o.field(
            crate::t!("endpoint-field-zones-for-name"),
            own.iter()
                .map(|z| zone_text(z))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(a) = &answer {
        o = o.field(crate::t!("endpoint-field-answer"), a.text());
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
        Ok(true) => Outcome::pass(crate::t!("endpoint-dns-support-on", vpc = &ep.vpc_id))
            .field("enableDnsSupport", "true"),
        Ok(false) => Outcome::fail(crate::t!("endpoint-dns-support-off", vpc = &ep.vpc_id))
            .field("enableDnsSupport", "false")
            .fix("enable", &[("vpc_id", ep.vpc_id.clone())]),
        Err(e) => could_not_tell(ctx, &e, false),
    }
}

pub async fn vpc_dns_hostnames(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, &crate::t!("endpoint-why-no-private-dns")).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let uses_private_dns = ep.private_dns_enabled.unwrap_or(false);
    match ctx
        .facts
        .vpc_attribute(&ep.vpc_id, VpcAttribute::EnableDnsHostnames)
        .await
    {
        Ok(true) => Outcome::pass(crate::t!("endpoint-dns-hostnames-on", vpc = &ep.vpc_id))
            .field("enableDnsHostnames", "true"),
        Ok(false) if uses_private_dns => {
            Outcome::fail(crate::t!("endpoint-dns-hostnames-off", vpc = &ep.vpc_id))
                .field("enableDnsHostnames", "false")
                .field("PrivateDnsEnabled", "true")
                .fix("enable", &[("vpc_id", ep.vpc_id.clone())])
        }
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
                Some(z) => Outcome::warn(crate::t!(
                    "endpoint-dns-hostnames-off-zone",
                    vpc = &ep.vpc_id,
                    zone = &z.name,
                    zone_id = &z.id
                ))
                .fix("enable", &[("vpc_id", ep.vpc_id.clone())]),
                None => Outcome::pass(crate::t!(
                    "endpoint-dns-hostnames-off-unneeded",
                    vpc = &ep.vpc_id
                )),
            }
            .field("enableDnsHostnames", "false")
            .field("PrivateDnsEnabled", "false")
        }
        Err(e) => could_not_tell(ctx, &e, false),
    }
}

pub async fn subnets(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, &crate::t!("endpoint-why-regional")).await {
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
        0 => Outcome::fail(crate::t!("endpoint-no-subnet", id = &ep.id)).fix("add_subnet", &[]),
        // Resilience posture: the path works today (often one zone is a deliberate choice).
        1 => Outcome::advice(crate::t!(
            "endpoint-one-subnet",
            id = &ep.id,
            subnet = &ep.subnet_ids[0]
        ))
        .fix("add_subnet", &[]),
        n => Outcome::pass(crate::t!(
            "endpoint-subnets-pass",
            count = n,
            zones = zones.len()
        )),
    };
    o.table(
        crate::t!("endpoint-table-subnets"),
        &[
            &crate::t!("endpoint-col-subnet"),
            &crate::t!("endpoint-col-zone"),
            "AZ ID",
            "CIDR",
        ],
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
        Outcome::unknown(crate::t!(
            "endpoint-ip-type-unrecognised",
            id = &ep.id,
            what = &what
        ))
        .field(
            crate::t!("endpoint-field-ip-address-type"),
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
                fails.push(crate::t!(
                    "endpoint-subnet-no-ipv6",
                    ip_type = ip_type,
                    subnet = id
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
                fails.push(crate::t!(
                    "endpoint-subnet-ipv6-only",
                    ip_type = ip_type,
                    subnet = id
                ));
                fixes.push(("endpoint_type", vec![("want", "ipv6".into())]));
            }
        }
    }
}

pub async fn ip_type(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, &crate::t!("endpoint-why-route-tables")).await {
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
        fails.push(crate::t!(
            "endpoint-service-supports-only",
            ip_type = &ip_type,
            supported = join(&supported)
        ));
        if service_id_from_name(&ep.service_name).is_some() {
            fixes.push(("service_ipv6", vec![]));
        } else {
            // An AWS service's address types are AWS's to choose: the endpoint changes.
            fixes.push(("endpoint_type", vec![("want", "ipv4".into())]));
        }
    }
    if ip_type == "ipv4" && !supported.is_empty() && !supported.iter().any(|t| t == "ipv4") {
        fails.push(crate::t!(
            "endpoint-service-supports-only",
            ip_type = "ipv4",
            supported = join(&supported)
        ));
        fixes.push(("endpoint_type", vec![("want", "ipv6".into())]));
    }
    subnet_families(&ep, &ip_type, &subnets, &mut fails, &mut fixes);
    match record.as_deref() {
        Some("ipv6") | Some("dualstack") if !wants_v6 => {
            fails.push(crate::t!(
                "endpoint-records-without-ipv6",
                record = record.clone().unwrap_or_default(),
                ip_type = &ip_type
            ));
            fixes.push(("record_type", vec![("want", "ipv4".into())]));
        }
        Some("ipv4") if ip_type == "ipv6" => {
            fails.push(crate::t!("endpoint-records-ipv4-on-ipv6"));
            fixes.push(("record_type", vec![("want", "ipv6".into())]));
        }
        // Not while the service offers no IPv6: the endpoint is to leave dual-stack then.
        Some("ipv4") if ip_type == "dualstack" && !service_lacks_v6 => {
            warns.push(crate::t!("endpoint-records-ipv4-on-dualstack"));
            fixes.push(("record_type", vec![("want", "dualstack".into())]));
        }
        _ => {}
    }
    let mut o = if !fails.is_empty() {
        Outcome::fail(fails.join("; "))
    } else if !warns.is_empty() {
        Outcome::warn(warns.join("; "))
    } else {
        Outcome::pass(match &record {
            Some(r) => crate::t!(
                "endpoint-ip-type-pass-records",
                ip_type = &ip_type,
                record = r
            ),
            None => crate::t!("endpoint-ip-type-pass", ip_type = &ip_type),
        })
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
                        crate::t!("endpoint-no-ipv6")
                    } else {
                        join(&s.ipv6_cidrs)
                    }
                })
                .unwrap_or_else(|| crate::t!("endpoint-subnet-not-found"));
            format!("{id}: {v6}")
        })
        .collect();
    o.field(
        crate::t!("endpoint-field-ip-address-type"),
        reported.unwrap_or_else(|| crate::t!("endpoint-not-reported-ipv4")),
    )
    .field(
        "DnsRecordIpType",
        record.unwrap_or_else(|| crate::t!("endpoint-not-reported")),
    )
    .field(
        crate::t!("endpoint-field-service-supports"),
        if supported.is_empty() {
            crate::t!("endpoint-not-reported")
        } else {
            join(&supported)
        },
    )
    .field(crate::t!("endpoint-field-subnets"), subnet_rows.join("; "))
}

/// `PrivateDnsOnlyForInboundResolverEndpoint` (S3 and DynamoDB interface endpoints): the
/// endpoint's private DNS then answers only queries that arrive through a Route 53 Resolver
/// inbound endpoint, and the VPC's own clients resolve the service to its public addresses,
/// which only a gateway endpoint of the same service keeps on the AWS network (without one
/// they leave through a NAT or internet gateway, or not at all). AWS asks for the gateway
/// endpoint when the option is set; one deleted since leaves the VPC's clients without it.
pub async fn gateway_companion(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = interface_endpoint_or(ctx, &crate::t!("endpoint-why-not-interface")).await?;
    if !ep
        .private_dns_only_for_inbound_resolver_endpoint
        .unwrap_or(false)
    {
        return Ok(Outcome::not_applicable(crate::t!(
            "endpoint-companion-not-limited",
            id = &ep.id
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
        Outcome::pass(crate::t!(
            "endpoint-companion-pass",
            gateway = &g.id,
            service = &ep.service_name,
            vpc = &ep.vpc_id,
            route_tables = if g.route_table_ids.is_empty() {
                crate::t!("endpoint-none-word")
            } else {
                join(&g.route_table_ids)
            },
            id = &ep.id
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
            crate::t!(
                "endpoint-companion-missing",
                vpc = &ep.vpc_id,
                service = &ep.service_name
            )
        } else {
            crate::t!(
                "endpoint-companion-unavailable",
                vpc = &ep.vpc_id,
                service = &ep.service_name,
                states = gateways
                    .iter()
                    .map(|g| format!("{} {}", g.id, g.state))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        Outcome::fail(crate::t!(
            "endpoint-companion-fail",
            id = &ep.id,
            service = &ep.service_name,
            what = &what
        ))
        .fix("create_gateway", &[("route_table_ids", route_tables)])
    };
    Ok(o.field("PrivateDnsOnlyForInboundResolverEndpoint", "true")
        .table(
            crate::t!("endpoint-table-companions"),
            &[
                &crate::t!("endpoint-col-endpoint"),
                &crate::t!("endpoint-col-state"),
                &crate::t!("endpoint-col-route-tables"),
            ],
            rows,
        ))
}
