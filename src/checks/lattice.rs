//! Resource and ServiceNetwork endpoints (VPC Lattice), as the consumer sees them: what the
//! endpoint is associated with and whether each association is reachable, and which names get
//! a private hosted zone in the VPC.

use super::findings::Findings;
use super::*;
use crate::facts::model::EndpointAssociation;

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
