//! DNS traps beyond the endpoint's own records: a hosted zone or a second endpoint claiming
//! the same name, DHCP options that bypass the VPC resolver, and the provider's verification
//! TXT record as public DNS actually serves it.

use super::provider::config_or;
use super::*;
use crate::facts::model::{HostedZone, TxtAnswer};

/// `name` is `zone` or lies under it.
fn within(name: &str, zone: &str) -> bool {
    name == zone || name.ends_with(&format!(".{zone}"))
}

pub async fn phz_conflict(ctx: &Ctx) -> Outcome {
    let (ep, name) = match private_dns_endpoint_or(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    let domain = name.trim_start_matches("*.").to_ascii_lowercase();
    let zones = match ctx
        .facts
        .hosted_zones_by_vpc(&ep.vpc_id, &ctx.run.region)
        .await
    {
        Ok(z) => z,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let endpoints = match ctx.facts.endpoint_list().await {
        Ok(e) => e,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let private_dns_on = ep.private_dns_enabled.unwrap_or(false);
    let rivals: Vec<&Endpoint> = endpoints
        .iter()
        .filter(|o| {
            // A gateway endpoint of the same service (S3, DynamoDB) holds no name: it is a
            // route, and sits beside the interface endpoint by design.
            o.id != ep.id
                && kind(o) == Kind::Interface
                && o.vpc_id == ep.vpc_id
                && o.service_name == ep.service_name
                && o.private_dns_enabled.unwrap_or(false)
                && !matches!(
                    o.state.to_ascii_lowercase().as_str(),
                    "deleted" | "deleting" | "rejected" | "failed"
                )
        })
        .collect();
    let mut rows = Vec::new();
    let mut fails = Vec::new();
    let mut warns = Vec::new();
    let mut fixes: Vec<(&'static str, Vec<(&str, String)>)> = Vec::new();
    let zone_fix = |z: &HostedZone| {
        vec![
            (
                "zone_id",
                z.id.trim_start_matches("/hostedzone/").to_string(),
            ),
            ("zone_name", z.name.clone()),
        ]
    };
    for z in &zones {
        let relation = if z.name == domain {
            if private_dns_on {
                fails.push(crate::t!(
                    "traps-zone-same-name",
                    zone = &z.name,
                    zone_id = &z.id,
                    domain = &domain,
                    vpc = &ep.vpc_id
                ));
                fixes.push(("disassociate_zone", zone_fix(z)));
                crate::t!("traps-rel-same-name-conflict")
            } else {
                crate::t!("traps-rel-same-name-off")
            }
        } else if within(&z.name, &domain) && !private_dns_on {
            // With private DNS off nothing of AWS's holds the name: the team's zones are how
            // it is served (checked by endpoint.private_dns_enabled), not a rival.
            crate::t!("traps-rel-inside-off")
        } else if within(&z.name, &domain) {
            warns.push(crate::t!(
                "traps-zone-inside",
                zone = &z.name,
                zone_id = &z.id,
                domain = &domain,
                vpc = &ep.vpc_id
            ));
            fixes.push(("disassociate_zone", zone_fix(z)));
            crate::t!("traps-rel-inside")
        } else if within(&domain, &z.name) {
            crate::t!("traps-rel-parent")
        } else {
            crate::t!("traps-rel-unrelated")
        };
        rows.push(vec![
            z.name.clone(),
            z.id.clone(),
            z.owner.clone().unwrap_or_default(),
            relation,
        ]);
    }
    if private_dns_on {
        for r in &rivals {
            fails.push(crate::t!(
                "traps-rival-endpoint",
                other = &r.id,
                vpc = &ep.vpc_id,
                domain = &domain
            ));
            fixes.push(("duplicate_endpoint", vec![("other_endpoint", r.id.clone())]));
            rows.push(vec![
                domain.clone(),
                r.id.clone(),
                r.owner_id.clone().unwrap_or_default(),
                crate::t!("traps-rel-rival"),
            ]);
        }
    }
    let mut o = if !fails.is_empty() {
        Outcome::fail(fails.join("; "))
    } else if !warns.is_empty() {
        Outcome::warn(warns.join("; "))
    } else if !private_dns_on
        && zones
            .iter()
            .any(|z| within(&domain, &z.name) || within(&z.name, &domain))
    {
        Outcome::pass(crate::t!(
            "traps-own-zones-serve",
            endpoint = &ep.id,
            domain = &domain,
            vpc = &ep.vpc_id
        ))
    } else {
        Outcome::pass(crate::t!(
            "traps-nothing-claims",
            vpc = &ep.vpc_id,
            domain = &domain,
            count = zones.len()
        ))
    };
    for (k, v) in fixes {
        o = o.fix(k, &v);
    }
    o.var("private_dns_name", domain).table(
        crate::t!("traps-table-zones"),
        &[
            &crate::t!("traps-col-name"),
            &crate::t!("traps-col-zone-endpoint"),
            &crate::t!("traps-col-owner"),
            &crate::t!("traps-col-relation"),
        ],
        rows,
    )
}

/// The VPC resolver (AmazonProvidedDNS): the VPC's primary CIDR base + 2.
fn vpc_resolver(cidrs: &[String]) -> Option<String> {
    let net: ipnet::Ipv4Net = cidrs.first()?.parse().ok()?;
    Some(std::net::Ipv4Addr::from(u32::from(net.network()) + 2).to_string())
}

/// Addresses that are the Amazon-provided resolver under another spelling: the VPC base + 2
/// and the link-local resolver every instance can reach.
fn is_amazon_resolver(server: &str, resolver: &str) -> bool {
    server.eq_ignore_ascii_case("AmazonProvidedDNS")
        || server == resolver
        || server == "169.254.169.253"
        || server.eq_ignore_ascii_case("fd00:ec2::253")
}

pub async fn dhcp_options(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, &crate::t!("traps-why-no-resolver")).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let name = match private_dns_name(ctx, &ep).await {
        PrivateName::Known(Some(n)) => n,
        PrivateName::Known(None) => {
            return Outcome::not_applicable(crate::t!("traps-dhcp-no-private-name"));
        }
        PrivateName::Unknowable(o) => return o,
    };
    let vpc = match ctx.facts.vpc(&ep.vpc_id).await {
        Ok(v) => v,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    // The name is served from Route 53 (and so needs the VPC resolver) when private DNS is on,
    // or when the team's own private hosted zone holds it.
    if !ep.private_dns_enabled.unwrap_or(false) {
        let zones = match ctx
            .facts
            .hosted_zones_by_vpc(&ep.vpc_id, &ctx.run.region)
            .await
        {
            Ok(z) => z,
            Err(e) => return could_not_tell(ctx, &e, false),
        };
        if super::dns::zones_for(&name, &zones).is_empty() {
            return Outcome::not_applicable(crate::t!("traps-dhcp-no-zone"));
        }
    }
    let resolver = vpc_resolver(&vpc.cidr_blocks).unwrap_or_else(|| "the VPC base + 2".into());
    let Some(id) = vpc.dhcp_options_id.clone().filter(|i| i != "default") else {
        return Outcome::pass(crate::t!(
            "traps-dhcp-none",
            vpc = &ep.vpc_id,
            resolver = &resolver
        ));
    };
    let opts = match ctx.facts.dhcp_options(&id).await {
        Ok(o) => o,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let custom: Vec<String> = opts
        .domain_name_servers
        .iter()
        .filter(|s| !is_amazon_resolver(s, &resolver))
        .cloned()
        .collect();
    let base = |o: Outcome| {
        o.field(crate::t!("traps-field-dhcp-options"), id.clone())
            .field("domain-name-servers", join(&opts.domain_name_servers))
            .field(crate::t!("traps-field-vpc-resolver"), resolver.clone())
    };
    if custom.is_empty() {
        return base(Outcome::pass(crate::t!(
            "traps-dhcp-amazon",
            id = &id,
            resolver = &resolver
        )));
    }
    // Custom servers are fine when they forward the name: judge the answer where it means
    // what the clients see (through --dns-server, or from inside the VPC through the servers
    // DHCP gave this machine).
    let answer = match super::dns::vpc_answer(ctx, &ep, &name).await {
        Ok(a) => a,
        Err(o) => return o,
    };
    let mixed = custom.len() < opts.domain_name_servers.len();
    let servers_text = if mixed {
        crate::t!("traps-dhcp-mixed", id = &id, servers = join(&custom))
    } else {
        crate::t!("traps-dhcp-custom", id = &id, servers = join(&custom))
    };
    let domain = name.trim_start_matches("*.").to_string();
    let probe = super::dns::probe_name(&name);
    let forward_fix = |o: Outcome| {
        o.fix(
            "forward",
            &[
                ("servers", join(&custom)),
                ("server", custom[0].clone()),
                ("resolver", resolver.clone()),
                ("private_dns_name", domain.clone()),
                ("probe_name", probe.clone()),
                ("dhcp_options_id", id.clone()),
            ],
        )
    };
    let o = match answer.as_ref().filter(|a| a.reaches().is_some()) {
        Some(a) if a.reaches() == Some(true) => Outcome::pass(crate::t!(
            "traps-forward-works",
            servers = &servers_text,
            name = &a.name,
            source = &a.source
        )),
        Some(a) if mixed => forward_fix(Outcome::warn(crate::t!(
            "traps-forward-missing-mixed",
            servers = &servers_text,
            name = &a.name,
            source = &a.source,
            domain = &domain,
            resolver = &resolver
        ))),
        Some(a) => forward_fix(Outcome::warn(crate::t!(
            "traps-forward-missing",
            servers = &servers_text,
            name = &a.name,
            source = &a.source,
            domain = &domain,
            resolver = &resolver
        ))),
        // No answer that means what the clients see: the configuration alone is no fault.
        None => Outcome::pass(crate::t!(
            "traps-forward-unseen",
            servers = &servers_text,
            domain = &domain,
            resolver = &resolver,
            server = &custom[0]
        )),
    };
    let o = match &answer {
        Some(a) => o.field(crate::t!("traps-field-answer"), a.text()),
        None => o,
    };
    base(o)
}

/// Where the verification record may live: under the private DNS name and each parent
/// domain with at least two labels.
pub(super) fn txt_candidates(txt_name: &str, domain: &str) -> Vec<String> {
    if txt_name.ends_with(domain) || txt_name.contains('.') && txt_name.split('.').count() > 2 {
        return vec![txt_name.trim_end_matches('.').to_ascii_lowercase()];
    }
    let labels: Vec<&str> = domain.split('.').collect();
    (0..labels.len().saturating_sub(1))
        .map(|i| format!("{txt_name}.{}", labels[i..].join(".")).to_ascii_lowercase())
        .collect()
}

/// Where a DNS host that appends its zone to every name puts a record entered with its full
/// name: each candidate followed by its own parent or by any zone of the domain above it
/// (the public zone is often the registrable domain, not the private DNS name itself).
pub(super) fn doubled_names(candidates: &[String], domain: &str) -> Vec<String> {
    let labels: Vec<&str> = domain.split('.').collect();
    let mut out: Vec<String> = Vec::new();
    for c in candidates {
        let parent = c.split_once('.').map(|(_, z)| z.to_string());
        let zones = parent.into_iter().chain(
            (0..labels.len().saturating_sub(1))
                .map(|i| labels[i..].join("."))
                .filter(|z| c.ends_with(&format!(".{z}"))),
        );
        for z in zones {
            let name = format!("{c}.{z}");
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

fn txt_text(a: &TxtAnswer) -> String {
    match a {
        TxtAnswer::Records { values } => values
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", "),
        TxtAnswer::NxDomain => "NXDOMAIN".into(),
        TxtAnswer::NoRecords => crate::t!("traps-txt-no-record"),
        TxtAnswer::Timeout => crate::t!("dns-answer-timeout"),
        TxtAnswer::Failed { message } => crate::t!("dns-answer-error", message = message),
    }
}

pub async fn private_dns_txt(ctx: &Ctx) -> Outcome {
    let (_, cfg) = match config_or(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    let Some(name) = cfg.private_dns_name.clone().filter(|n| !n.is_empty()) else {
        return Outcome::not_applicable(crate::t!("traps-txt-no-name", service = &cfg.service_id));
    };
    let state = cfg.private_dns_state.clone().unwrap_or_default();
    if state.eq_ignore_ascii_case("verified") {
        return Outcome::pass(crate::t!("traps-txt-verified", name = &name))
            .field(crate::t!("traps-field-verification-state"), state);
    }
    let (Some(txt_name), Some(value)) = (
        cfg.private_dns_txt_name.clone(),
        cfg.private_dns_txt_value.clone(),
    ) else {
        return Outcome::unknown(crate::t!("traps-txt-no-record-config", name = &name));
    };
    let domain = name.trim_start_matches("*.").to_ascii_lowercase();
    let candidates = txt_candidates(&txt_name, &domain);
    let doubled = doubled_names(&candidates, &domain);
    let mut rows = Vec::new();
    let mut found_right = None;
    let mut found_wrong: Vec<(String, Vec<String>)> = Vec::new();
    let mut found_doubled = None;
    let mut unanswered = Vec::new();
    for (n, is_doubled) in candidates
        .iter()
        .map(|c| (c, false))
        .chain(doubled.iter().map(|d| (d, true)))
    {
        let answer = match ctx.facts.dns_txt(n).await {
            Ok(a) => a,
            Err(e) => return could_not_tell(ctx, &e, false),
        };
        rows.push(vec![n.clone(), txt_text(&answer)]);
        match &answer {
            TxtAnswer::Records { values } => {
                let right = values.iter().any(|v| v == &value);
                if is_doubled {
                    if right && found_doubled.is_none() {
                        found_doubled = Some(n.clone());
                    }
                } else if right {
                    found_right.get_or_insert(n.clone());
                } else {
                    found_wrong.push((n.clone(), values.clone()));
                }
            }
            TxtAnswer::Timeout | TxtAnswer::Failed { .. } if !is_doubled => {
                unanswered.push(n.clone());
            }
            _ => {}
        }
    }
    let expected = candidates[0].clone();
    let vars = vec![
        ("service_id", cfg.service_id.clone()),
        ("txt_record", expected.clone()),
        ("txt_value", value.clone()),
        ("domain", domain.clone()),
    ];
    // A record published right is this check passing: what remains is the verification
    // itself, which service.private_dns_verified reports (one root cause, not two).
    let o = if let Some(at) = found_right {
        Outcome::pass(crate::t!(
            "traps-txt-published",
            at = &at,
            name = &name,
            state = &state
        ))
    } else if let Some(at) = found_doubled {
        Outcome::fail(crate::t!("traps-txt-doubled", at = &at)).fix(
            "undouble",
            &[vars.clone(), vec![("wrong_record", at)]].concat(),
        )
    } else if let Some((at, values)) = found_wrong.first() {
        let case_only = values.iter().any(|v| v.eq_ignore_ascii_case(&value));
        let held = values
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ");
        Outcome::fail(if case_only {
            crate::t!("traps-txt-wrong-case", at = at, held = held, value = &value)
        } else {
            crate::t!("traps-txt-wrong", at = at, held = held, value = &value)
        })
        .fix("publish", &vars)
    } else if !unanswered.is_empty() {
        Outcome::unknown(crate::t!("traps-txt-unanswered", names = join(&unanswered)))
    } else {
        Outcome::fail(crate::t!(
            "traps-txt-missing",
            expected = &expected,
            value = &value,
            name = &name,
            state = &state
        ))
        .fix("publish", &vars)
    };
    o.field(crate::t!("traps-field-verification-state"), state)
        .field(
            crate::t!("traps-field-expected-record"),
            format!("{expected} TXT \"{value}\""),
        )
        .field(
            crate::t!("traps-field-looked-up-through"),
            ctx.run
                .dns_server
                .clone()
                .unwrap_or_else(|| crate::t!("traps-the-system-resolver")),
        )
        .table(
            crate::t!("traps-table-txt"),
            &[&crate::t!("traps-col-name"), &crate::t!("dns-col-answer")],
            rows,
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txt_record_names_under_the_domain_and_its_parents() {
        assert_eq!(
            txt_candidates("_abc", "api.example.com"),
            vec!["_abc.api.example.com", "_abc.example.com"]
        );
        assert_eq!(
            txt_candidates("_abc.example.com", "api.example.com"),
            vec!["_abc.example.com"]
        );
        assert_eq!(
            vpc_resolver(&["10.10.0.0/16".into()]).as_deref(),
            Some("10.10.0.2")
        );
        assert_eq!(
            doubled_names(
                &txt_candidates("_abc", "api.example.com"),
                "api.example.com"
            ),
            vec![
                "_abc.api.example.com.api.example.com",
                "_abc.api.example.com.example.com",
                "_abc.example.com.example.com"
            ]
        );
        assert!(within("a.b.example.com", "example.com"));
        assert!(!within("badexample.com", "example.com"));
    }
}
