//! DNS checks: the endpoint's own names, and the service's private DNS name.

use std::collections::BTreeSet;
use std::net::IpAddr;

use super::*;
use crate::facts::model::{DnsAnswer, HostedZone};

/// How one answer compares with the addresses it should hold.
#[derive(Debug, Clone, PartialEq)]
pub enum DnsVerdict {
    Matches,
    NxDomain,
    NoRecords,
    Timeout,
    Failed(String),
    ServFail,
    Truncated,
    /// Addresses that are not the endpoint's (and possibly some that are missing).
    Foreign {
        foreign: Vec<IpAddr>,
        missing: Vec<IpAddr>,
    },
    Missing {
        missing: Vec<IpAddr>,
    },
}

pub fn judge(answer: &DnsAnswer, expected: &[IpAddr]) -> DnsVerdict {
    match answer {
        DnsAnswer::NxDomain => DnsVerdict::NxDomain,
        DnsAnswer::NoRecords => DnsVerdict::NoRecords,
        DnsAnswer::Timeout => DnsVerdict::Timeout,
        DnsAnswer::Failed { message } => DnsVerdict::Failed(message.clone()),
        DnsAnswer::ServFail => DnsVerdict::ServFail,
        DnsAnswer::Truncated => DnsVerdict::Truncated,
        DnsAnswer::Addresses { ips } => {
            let got: BTreeSet<IpAddr> = ips.iter().copied().collect();
            let want: BTreeSet<IpAddr> = expected.iter().copied().collect();
            let foreign: Vec<IpAddr> = got.difference(&want).copied().collect();
            let missing: Vec<IpAddr> = want.difference(&got).copied().collect();
            if !foreign.is_empty() {
                DnsVerdict::Foreign { foreign, missing }
            } else if !missing.is_empty() {
                DnsVerdict::Missing { missing }
            } else {
                DnsVerdict::Matches
            }
        }
    }
}

fn answer_text(a: &DnsAnswer) -> String {
    match a {
        DnsAnswer::Addresses { ips } => join(ips),
        DnsAnswer::NxDomain => "NXDOMAIN".into(),
        DnsAnswer::NoRecords => "no A records".into(),
        DnsAnswer::Timeout => "timeout".into(),
        DnsAnswer::Failed { message } => format!("error: {message}"),
        DnsAnswer::ServFail => "SERVFAIL".into(),
        DnsAnswer::Truncated => "truncated (TC), nothing over TCP".into(),
    }
}

fn verdict_text(v: &DnsVerdict) -> String {
    match v {
        DnsVerdict::Matches => "ok".into(),
        DnsVerdict::NxDomain => "NXDOMAIN".into(),
        DnsVerdict::NoRecords => "no records".into(),
        DnsVerdict::Timeout => "timeout".into(),
        DnsVerdict::Failed(m) => format!("error: {m}"),
        DnsVerdict::ServFail => "SERVFAIL".into(),
        DnsVerdict::Truncated => "truncated".into(),
        DnsVerdict::Foreign { foreign, .. } => format!("foreign {}", join(foreign)),
        DnsVerdict::Missing { missing } => format!("missing {}", join(missing)),
    }
}

/// Fold per-name verdicts into one outcome with the right fixes.
fn conclude(
    what: &str,
    judged: Vec<(String, Vec<IpAddr>, DnsAnswer, DnsVerdict)>,
    vpc_id: &str,
    eni_ids: &str,
    ok_summary: String,
) -> Outcome {
    let rows: Vec<Vec<String>> = judged
        .iter()
        .map(|(name, want, ans, v)| {
            vec![name.clone(), join(want), answer_text(ans), verdict_text(v)]
        })
        .collect();
    let mut fails = Vec::new();
    let mut unknowns = Vec::new();
    let mut fixes: Vec<(&'static str, Vec<(&str, String)>)> = Vec::new();
    for (name, _, _, v) in &judged {
        let name_var = ("name", name.clone());
        match v {
            DnsVerdict::Matches => {}
            DnsVerdict::NxDomain | DnsVerdict::NoRecords => {
                fails.push(format!("{name} does not resolve ({})", verdict_text(v)));
                fixes.push(("nxdomain", vec![name_var]));
            }
            DnsVerdict::Timeout => {
                unknowns.push(format!("the DNS server did not answer for {name}"));
                fixes.push(("timeout", vec![name_var]));
            }
            DnsVerdict::Failed(m) => unknowns.push(format!("lookup of {name} failed: {m}")),
            // Neither says anything about the name: the server could not answer, so these
            // are unknown, each with its own cause and fix.
            DnsVerdict::ServFail => {
                unknowns.push(format!(
                    "the DNS server answered SERVFAIL for {name} (it could not resolve it itself)"
                ));
                fixes.push(("servfail", vec![name_var]));
            }
            DnsVerdict::Truncated => {
                unknowns.push(format!(
                    "the DNS answer for {name} was truncated over UDP and the server did not answer over TCP"
                ));
                fixes.push(("truncated", vec![name_var]));
            }
            DnsVerdict::Foreign { foreign, missing } => {
                let mut s = format!(
                    "{name} resolves to {} which is not the endpoint's",
                    join(foreign)
                );
                if !missing.is_empty() {
                    s.push_str(&format!(" (and lacks {})", join(missing)));
                }
                fails.push(s);
                fixes.push((
                    "foreign_ips",
                    vec![
                        name_var,
                        ("foreign", join(foreign)),
                        ("vpc_id", vpc_id.to_string()),
                    ],
                ));
            }
            DnsVerdict::Missing { missing } => {
                fails.push(format!(
                    "{name} lacks the endpoint address(es) {}",
                    join(missing)
                ));
                fixes.push((
                    "missing_ips",
                    vec![
                        name_var,
                        ("missing", join(missing)),
                        ("eni_ids", eni_ids.to_string()),
                    ],
                ));
            }
        }
    }
    let mut o = if !fails.is_empty() {
        Outcome::fail(fails.join("; "))
    } else if !unknowns.is_empty() {
        Outcome::unknown(format!("could not check: {}", unknowns.join("; ")))
    } else {
        Outcome::pass(ok_summary)
    };
    o = o.first_fix_of_each(fixes);
    o.table(what, &["name", "expected", "answer", "verdict"], rows)
}

pub async fn endpoint_dns(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, "have no DNS names of their own").await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    // The endpoint-specific names start with the endpoint id; the private DNS name, which
    // also appears in DnsEntries, is judged by private_dns.resolves.
    let prefix = format!("{}-", ep.id);
    let names: Vec<String> = ep
        .dns_entries
        .iter()
        .map(|d| d.dns_name.trim_end_matches('.').to_ascii_lowercase())
        .filter(|n| n.starts_with(&prefix))
        .collect();
    if names.is_empty() {
        return Outcome::unknown(format!(
            "could not check: {} reports no endpoint DNS names",
            ep.id
        ));
    }
    let enis = match ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
    {
        Ok(e) => e,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let all_ips = eni_ips(&enis);
    let mut judged = Vec::new();
    for name in &names {
        let first_label = name.split('.').next().unwrap_or_default();
        // A zonal name ends its first label with the AZ name and must give that AZ's interface.
        let zonal: Vec<_> = enis
            .iter()
            .filter(|n| {
                !n.availability_zone.is_empty()
                    && first_label.ends_with(&format!("-{}", n.availability_zone))
            })
            .cloned()
            .collect();
        let expected = if zonal.is_empty() {
            all_ips.clone()
        } else {
            eni_ips(&zonal)
        };
        let answer = match ctx.facts.dns(name).await {
            Ok(a) => a,
            Err(e) => return could_not_tell(ctx, &e, false),
        };
        let verdict = judge(&answer, &expected);
        judged.push((name.clone(), expected, answer, verdict));
    }
    let eni_list = join(&ep.network_interface_ids);
    let ok = format!(
        "{} endpoint DNS name(s) resolve to the interface addresses {}",
        names.len(),
        join(&all_ips)
    );
    conclude("endpoint DNS names", judged, &ep.vpc_id, &eni_list, ok).field(
        "DNS",
        ctx.run
            .dns_server
            .clone()
            .map(|s| format!("server {s}"))
            .unwrap_or_else(|| "system resolver".into()),
    )
}

pub async fn private_dns_resolves(ctx: &Ctx) -> Outcome {
    let (ep, name) = match private_dns_endpoint_or(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    if !ep.private_dns_enabled.unwrap_or(false) {
        return Outcome::not_applicable(
            "private DNS is disabled on the endpoint (see endpoint.private_dns_enabled)",
        );
    }
    // Where we ask decides what the answer means.
    let vantage = if let Some(server) = &ctx.run.dns_server {
        format!("resolver {server} (--dns-server), judged as the VPC would see it")
    } else {
        let v = match vantage(ctx, &ep).await {
            Ok(v) => v,
            Err(o) => return o,
        };
        if !v.inside {
            return Outcome::not_applicable(format!(
                "this machine is {}, where {name} resolves elsewhere by design; run from an instance in the VPC, or pass --dns-server with a resolver that answers as the VPC does (e.g. a Route 53 Resolver inbound endpoint)",
                v.detail
            ));
        }
        format!("{} (system resolver)", v.detail)
    };
    let probe_name = probe_name(&name);
    let enis = match ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
    {
        Ok(e) => e,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let expected = eni_ips(&enis);
    let answer = match ctx.facts.dns(&probe_name).await {
        Ok(a) => a,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let verdict = judge(&answer, &expected);
    // What to dig to see what was judged: a wildcard name itself would be a glob in zsh.
    let reproduce_name = probe_name.clone();
    let ok = format!(
        "{probe_name} resolves to the endpoint's addresses {}",
        join(&expected)
    );
    conclude(
        "private DNS name",
        vec![(probe_name, expected, answer, verdict)],
        &ep.vpc_id,
        &join(&ep.network_interface_ids),
        ok,
    )
    .field("vantage", vantage)
    .var("private_dns_name", name)
    .var("probe_name", reproduce_name)
}

/// The name a client would look up for the service's private DNS name (a wildcard gets a
/// probe label).
pub(super) fn probe_name(name: &str) -> String {
    match name.strip_prefix("*.") {
        Some(rest) => format!("vpce-doctor-probe.{rest}"),
        None => name.to_string(),
    }
}

/// The private hosted zones associated with the VPC that can answer for `name`: a zone of
/// that name, or a parent zone (which answers only if it holds a record for the name).
pub(super) fn zones_for<'a>(name: &str, zones: &'a [HostedZone]) -> Vec<&'a HostedZone> {
    let domain = name.trim_start_matches("*.").to_ascii_lowercase();
    let mut out: Vec<&HostedZone> = zones
        .iter()
        .filter(|z| z.name == domain || domain.ends_with(&format!(".{}", z.name)))
        .collect();
    // The most specific zone first: it is the one the resolver uses.
    out.sort_by_key(|z| std::cmp::Reverse(z.name.len()));
    out
}

/// An answer for the private name that means what the VPC sees: through --dns-server, or
/// from inside the VPC (instance metadata or --vantage inside). `Ok(None)` from elsewhere.
pub(super) struct VpcAnswer {
    pub name: String,
    pub expected: Vec<IpAddr>,
    pub answer: DnsAnswer,
    pub verdict: DnsVerdict,
    /// Where it was asked, for the evidence.
    pub source: String,
}

pub(super) async fn vpc_answer(
    ctx: &Ctx,
    ep: &Endpoint,
    name: &str,
) -> Result<Option<VpcAnswer>, Outcome> {
    let source = if let Some(server) = &ctx.run.dns_server {
        format!("resolver {server} (--dns-server)")
    } else {
        let v = vantage(ctx, ep).await?;
        if !v.inside {
            return Ok(None);
        }
        format!("{} (system resolver)", v.detail)
    };
    let name = probe_name(name);
    let enis = ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let expected = eni_ips(&enis);
    let answer = ctx
        .facts
        .dns(&name)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let verdict = judge(&answer, &expected);
    Ok(Some(VpcAnswer {
        name,
        expected,
        answer,
        verdict,
        source,
    }))
}

impl VpcAnswer {
    /// Whether the answer shows the name reaching the endpoint: `None` when the server gave
    /// no answer about the name (timeout, SERVFAIL, truncation, error), which proves nothing.
    pub fn reaches(&self) -> Option<bool> {
        match self.verdict {
            DnsVerdict::Matches => Some(true),
            DnsVerdict::NxDomain
            | DnsVerdict::NoRecords
            | DnsVerdict::Foreign { .. }
            | DnsVerdict::Missing { .. } => Some(false),
            DnsVerdict::Timeout
            | DnsVerdict::Failed(_)
            | DnsVerdict::ServFail
            | DnsVerdict::Truncated => None,
        }
    }

    pub fn text(&self) -> String {
        format!(
            "{} → {} (endpoint addresses {}) via {}",
            self.name,
            answer_text(&self.answer),
            join(&self.expected),
            self.source
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ips(s: &[&str]) -> Vec<IpAddr> {
        s.iter().map(|x| x.parse().unwrap()).collect()
    }

    #[test]
    fn distinct_findings_for_each_kind_of_wrong_answer() {
        let want = ips(&["10.0.1.5", "10.0.2.5"]);
        assert_eq!(
            judge(&DnsAnswer::Addresses { ips: want.clone() }, &want),
            DnsVerdict::Matches
        );
        assert_eq!(judge(&DnsAnswer::NxDomain, &want), DnsVerdict::NxDomain);
        assert_eq!(judge(&DnsAnswer::ServFail, &want), DnsVerdict::ServFail);
        assert_eq!(judge(&DnsAnswer::Truncated, &want), DnsVerdict::Truncated);
        assert_eq!(judge(&DnsAnswer::Timeout, &want), DnsVerdict::Timeout);
        assert_eq!(
            judge(
                &DnsAnswer::Addresses {
                    ips: ips(&["10.0.1.5"])
                },
                &want
            ),
            DnsVerdict::Missing {
                missing: ips(&["10.0.2.5"])
            }
        );
        assert_eq!(
            judge(
                &DnsAnswer::Addresses {
                    ips: ips(&["52.1.2.3"])
                },
                &want
            ),
            DnsVerdict::Foreign {
                foreign: ips(&["52.1.2.3"]),
                missing: want.clone()
            }
        );
    }

    #[test]
    fn conclusion_separates_fail_from_unknown() {
        let want = ips(&["10.0.1.5"]);
        let o = conclude(
            "t",
            vec![(
                "a.example".into(),
                want.clone(),
                DnsAnswer::Timeout,
                DnsVerdict::Timeout,
            )],
            "vpc-1",
            "eni-1",
            "ok".into(),
        );
        assert_eq!(o.status, crate::engine::outcome::Status::Unknown);
        let o = conclude(
            "t",
            vec![(
                "a.example".into(),
                want,
                DnsAnswer::NxDomain,
                DnsVerdict::NxDomain,
            )],
            "vpc-1",
            "eni-1",
            "ok".into(),
        );
        assert_eq!(o.status, crate::engine::outcome::Status::Fail);
        assert_eq!(o.fixes[0].key, "nxdomain");
    }

    #[test]
    fn servfail_and_truncation_are_unknown_each_with_its_own_fix() {
        let want = ips(&["10.0.1.5"]);
        for (answer, verdict, fix, says) in [
            (
                DnsAnswer::ServFail,
                DnsVerdict::ServFail,
                "servfail",
                "answered SERVFAIL",
            ),
            (
                DnsAnswer::Truncated,
                DnsVerdict::Truncated,
                "truncated",
                "was truncated",
            ),
        ] {
            let o = conclude(
                "t",
                vec![("a.example".into(), want.clone(), answer, verdict)],
                "vpc-1",
                "eni-1",
                "ok".into(),
            );
            assert_eq!(o.status, crate::engine::outcome::Status::Unknown);
            assert_eq!(o.fixes[0].key, fix);
            assert!(o.summary.contains(says), "{}", o.summary);
        }
    }
}
