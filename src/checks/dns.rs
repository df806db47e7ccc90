//! DNS checks: the endpoint's own names, and the service's private DNS name.

use std::collections::BTreeSet;
use std::net::IpAddr;

use super::*;
use crate::facts::RecordType;
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

fn answer_text(a: &DnsAnswer, record: RecordType) -> String {
    match a {
        DnsAnswer::Addresses { ips } => join(ips),
        DnsAnswer::NxDomain => "NXDOMAIN".into(),
        DnsAnswer::NoRecords => crate::t!("dns-answer-no-records", record = record.as_str()),
        DnsAnswer::Timeout => crate::t!("dns-answer-timeout"),
        DnsAnswer::Failed { message } => crate::t!("dns-answer-error", message = message),
        DnsAnswer::ServFail => "SERVFAIL".into(),
        DnsAnswer::Truncated => crate::t!("dns-answer-truncated"),
    }
}

fn verdict_text(v: &DnsVerdict) -> String {
    match v {
        DnsVerdict::Matches => crate::t!("dns-verdict-ok"),
        DnsVerdict::NxDomain => "NXDOMAIN".into(),
        DnsVerdict::NoRecords => crate::t!("dns-verdict-no-records"),
        DnsVerdict::Timeout => crate::t!("dns-answer-timeout"),
        DnsVerdict::Failed(m) => crate::t!("dns-answer-error", message = m),
        DnsVerdict::ServFail => "SERVFAIL".into(),
        DnsVerdict::Truncated => crate::t!("dns-verdict-truncated"),
        DnsVerdict::Foreign { foreign, .. } => {
            crate::t!("dns-verdict-foreign", ips = join(foreign))
        }
        DnsVerdict::Missing { missing } => crate::t!("dns-verdict-missing", ips = join(missing)),
    }
}

/// One name asked for one record type, and how the answer compares.
pub(super) struct Judged {
    pub name: String,
    pub record: RecordType,
    pub expected: Vec<IpAddr>,
    pub answer: DnsAnswer,
    pub verdict: DnsVerdict,
}

impl Judged {
    fn new(name: String, record: RecordType, expected: Vec<IpAddr>, answer: DnsAnswer) -> Self {
        let verdict = judge(&answer, &expected);
        Judged {
            name,
            record,
            expected,
            answer,
            verdict,
        }
    }
    /// The name as the evidence shows it: an AAAA question is marked, A is the default.
    fn label(&self) -> String {
        match self.record {
            RecordType::A => self.name.clone(),
            RecordType::Aaaa => format!("{} (AAAA)", self.name),
        }
    }
}

/// Fold per-name verdicts into one outcome with the right fixes.
/// One table row per name judged: the name, what it should resolve to, the answer, the verdict.
fn judged_rows(judged: &[Judged]) -> Vec<Vec<String>> {
    judged
        .iter()
        .map(|j| {
            vec![
                j.label(),
                join(&j.expected),
                answer_text(&j.answer, j.record),
                verdict_text(&j.verdict),
            ]
        })
        .collect()
}

/// The table of [`judged_rows`] under `title`.
fn judged_table(o: Outcome, title: &str, rows: Vec<Vec<String>>) -> Outcome {
    o.table(
        title,
        &[
            &crate::t!("dns-col-name"),
            &crate::t!("dns-col-expected"),
            &crate::t!("dns-col-answer"),
            &crate::t!("dns-col-verdict"),
        ],
        rows,
    )
}

fn conclude(
    what: &str,
    judged: Vec<Judged>,
    vpc_id: &str,
    eni_ids: &str,
    ok_summary: String,
) -> Outcome {
    let rows = judged_rows(&judged);
    let mut fails = Vec::new();
    let mut unknowns = Vec::new();
    let mut fixes: Vec<(&'static str, Vec<(&str, String)>)> = Vec::new();
    for j in &judged {
        let name = j.label();
        let name_var = ("name", j.name.clone());
        // `dig NAME AAAA` asks for the record the check asked for; A is dig's default.
        let record_arg = (
            "record_arg",
            match j.record {
                RecordType::A => String::new(),
                RecordType::Aaaa => " AAAA".into(),
            },
        );
        match &j.verdict {
            DnsVerdict::Matches => {}
            DnsVerdict::NoRecords if j.record == RecordType::Aaaa => {
                fails.push(crate::t!("dns-no-aaaa", name = &j.name));
                fixes.push(("no_aaaa", vec![name_var, record_arg]));
            }
            DnsVerdict::NxDomain | DnsVerdict::NoRecords => {
                fails.push(crate::t!(
                    "dns-does-not-resolve",
                    name = &name,
                    verdict = verdict_text(&j.verdict)
                ));
                fixes.push(("nxdomain", vec![name_var, record_arg]));
            }
            DnsVerdict::Timeout => {
                unknowns.push(crate::t!("dns-no-answer", name = &name));
                fixes.push(("timeout", vec![name_var, record_arg]));
            }
            DnsVerdict::Failed(m) => {
                unknowns.push(crate::t!("dns-lookup-failed", name = &name, message = m));
            }
            // Neither says anything about the name: the server could not answer, so these
            // are unknown, each with its own cause and fix.
            DnsVerdict::ServFail => {
                unknowns.push(crate::t!("dns-servfail", name = &name));
                fixes.push(("servfail", vec![name_var, record_arg]));
            }
            DnsVerdict::Truncated => {
                unknowns.push(crate::t!("dns-truncated", name = &name));
                fixes.push(("truncated", vec![name_var, record_arg]));
            }
            DnsVerdict::Foreign { foreign, missing } => {
                fails.push(if missing.is_empty() {
                    crate::t!("dns-foreign", name = &name, foreign = join(foreign))
                } else {
                    crate::t!(
                        "dns-foreign-and-missing",
                        name = &name,
                        foreign = join(foreign),
                        missing = join(missing)
                    )
                });
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
                fails.push(crate::t!(
                    "dns-missing",
                    name = &name,
                    missing = join(missing)
                ));
                fixes.push((
                    "missing_ips",
                    vec![
                        name_var,
                        record_arg,
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
        Outcome::unknown(crate::t!("dns-could-not-check", why = unknowns.join("; ")))
    } else {
        Outcome::pass(ok_summary)
    };
    o = o.first_fix_of_each(fixes);
    judged_table(o, what, rows)
}

/// The name to ask for one of the endpoint's DNS entries, and the label that says which
/// interface it names. S3 and DynamoDB interface endpoints publish wildcard entries
/// (`*.vpce-….s3.us-east-1.vpce.amazonaws.com`): the `*` is never asked literally (no
/// resolver answers a literal `*` as clients see it); a name under it is, as a client
/// addressing a bucket would (`bucket.vpce-…`).
pub(super) fn entry_probe(entry: &str) -> (String, String) {
    let name = entry.trim_end_matches('.').to_ascii_lowercase();
    match name.strip_prefix("*.") {
        Some(rest) => (
            format!("bucket.{rest}"),
            rest.split('.').next().unwrap_or_default().to_string(),
        ),
        None => {
            let label = name.split('.').next().unwrap_or_default().to_string();
            (name, label)
        }
    }
}

pub async fn endpoint_dns(ctx: &Ctx) -> Outcome {
    let ep = match interface_endpoint_or(ctx, &crate::t!("dns-why-no-names")).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    // The endpoint-specific names start with the endpoint id (after a wildcard label); the
    // private DNS name, which also appears in DnsEntries, is judged by private_dns.resolves.
    let prefix = format!("{}-", ep.id);
    let mut names: Vec<(String, String)> = ep
        .dns_entries
        .iter()
        .map(|d| entry_probe(&d.dns_name))
        .filter(|(_, label)| label.starts_with(&prefix))
        .collect();
    names.dedup();
    if names.is_empty() {
        return Outcome::unknown(crate::t!("dns-no-endpoint-names", endpoint = &ep.id));
    }
    let enis = match ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
    {
        Ok(e) => e,
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let records = family::records(&ep, family::NameKind::Endpoint);
    let mut judged = Vec::new();
    for (name, label) in &names {
        // A zonal name ends its endpoint label with the AZ name and must give that AZ's
        // interface.
        let zonal: Vec<_> = enis
            .iter()
            .filter(|n| {
                !n.availability_zone.is_empty()
                    && label.ends_with(&format!("-{}", n.availability_zone))
            })
            .cloned()
            .collect();
        let holders = if zonal.is_empty() { &enis } else { &zonal };
        for &record in &records {
            let answer = match ctx.facts.dns_record(name, record).await {
                Ok(a) => a,
                Err(e) => return could_not_tell(ctx, &e, false),
            };
            let expected = family::addresses(holders, record);
            judged.push(Judged::new(name.clone(), record, expected, answer));
        }
    }
    let eni_list = join(&ep.network_interface_ids);
    let all: Vec<IpAddr> = records
        .iter()
        .flat_map(|r| family::addresses(&enis, *r))
        .collect();
    let ok = crate::t!(
        "dns-endpoint-names-ok",
        count = names.len(),
        ips = join(&all),
        records = records_note(&records)
    );
    conclude(
        &crate::t!("dns-table-endpoint-names"),
        judged,
        &ep.vpc_id,
        &eni_list,
        ok,
    )
    .field(
        "DNS",
        ctx.run
            .dns_server
            .clone()
            .map(|s| crate::t!("dns-server", server = s))
            .unwrap_or_else(|| crate::t!("dns-system-resolver")),
    )
}

/// Which records were asked, for a summary (nothing when only A, as always before).
fn records_note(records: &[RecordType]) -> String {
    if records == [RecordType::A] {
        String::new()
    } else {
        let r: Vec<&str> = records.iter().map(|r| r.as_str()).collect();
        format!(
            " {}",
            crate::t!("dns-records-note", records = r.join(&crate::t!("dns-and")))
        )
    }
}

/// Whether every address of an answer is public: what the VPC's own resolver gives for a
/// service name whose private DNS answers only the Resolver inbound endpoint.
fn all_public(answer: &DnsAnswer) -> bool {
    match answer {
        DnsAnswer::Addresses { ips } => !ips.is_empty() && ips.iter().all(|ip| !is_private(ip)),
        _ => false,
    }
}

fn is_private(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private()
                || v4.is_loopback()
                || (v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64)
        }
        // Unique local (fc00::/7): a GUA is what an IPv6 endpoint interface holds, so for
        // IPv6 only a ULA or loopback counts as "not public".
        IpAddr::V6(v6) => (v6.segments()[0] & 0xfe00) == 0xfc00 || v6.is_loopback(),
    }
}

pub async fn private_dns_resolves(ctx: &Ctx) -> Outcome {
    let (ep, name) = match private_dns_endpoint_or(ctx).await {
        Ok(x) => x,
        Err(o) => return o,
    };
    if !ep.private_dns_enabled.unwrap_or(false) {
        return Outcome::not_applicable(crate::t!("dns-private-disabled"));
    }
    // Where we ask decides what the answer means.
    let vantage = if let Some(server) = &ctx.run.dns_server {
        crate::t!("dns-vantage-server", server = server)
    } else {
        let v = match vantage(ctx, &ep).await {
            Ok(v) => v,
            Err(o) => return o,
        };
        if !v.inside {
            return Outcome::not_applicable(crate::t!(
                "dns-outside-vpc",
                detail = &v.detail,
                name = &name
            ));
        }
        crate::t!("dns-vantage-system", detail = &v.detail)
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
    let records = family::records(&ep, family::NameKind::Private);
    let mut judged = Vec::new();
    for &record in &records {
        let answer = match ctx.facts.dns_record(&probe_name, record).await {
            Ok(a) => a,
            Err(e) => return could_not_tell(ctx, &e, false),
        };
        judged.push(Judged::new(
            probe_name.clone(),
            record,
            family::addresses(&enis, record),
            answer,
        ));
    }
    let inbound_only = ep
        .private_dns_only_for_inbound_resolver_endpoint
        .unwrap_or(false);
    if inbound_only && let Some(o) = inbound_only_verdict(&ep, &judged, &probe_name) {
        return o
            .field(crate::t!("dns-field-vantage"), vantage)
            .var("private_dns_name", name)
            .var("probe_name", probe_name);
    }
    let expected: Vec<IpAddr> = judged.iter().flat_map(|j| j.expected.clone()).collect();
    // What to dig to see what was judged: a wildcard name itself would be a glob in zsh.
    let reproduce_name = probe_name.clone();
    let ok = crate::t!(
        "dns-private-ok",
        name = &probe_name,
        ips = join(&expected),
        records = records_note(&records)
    );
    let mut o = conclude(
        &crate::t!("dns-table-private-name"),
        judged,
        &ep.vpc_id,
        &join(&ep.network_interface_ids),
        ok,
    );
    if o.status == crate::engine::outcome::Status::Fail
        && let Some(layer) = super::dns_path::answering_layer(ctx, &ep, &name).await
    {
        // Which layer of the VPC resolver answers instead (dns.resolution_path has the path).
        o.summary = crate::t!("dns-answering-layer", summary = &o.summary, layer = layer);
    }
    o.field(crate::t!("dns-field-vantage"), vantage)
        .var("private_dns_name", name)
        .var("probe_name", reproduce_name)
}

/// `PrivateDnsOnlyForInboundResolverEndpoint`: the endpoint's private DNS answers queries
/// that come in through a Route 53 Resolver inbound endpoint; the VPC's own resolver gives
/// the service's public addresses, which the gateway endpoint's prefix-list route carries
/// (endpoint.gateway_companion judges that the gateway endpoint exists). Either answer is
/// right; anything else is judged as usual (`None`).
fn inbound_only_verdict(ep: &Endpoint, judged: &[Judged], probe: &str) -> Option<Outcome> {
    let rows = judged_rows(judged);
    let table = |o: Outcome| judged_table(o, &crate::t!("dns-table-private-name"), rows.clone());
    if judged.iter().all(|j| j.verdict == DnsVerdict::Matches) {
        return Some(table(Outcome::pass(crate::t!(
            "dns-inbound-only-endpoint",
            name = probe,
            endpoint = &ep.id
        ))));
    }
    if judged.iter().all(|j| all_public(&j.answer)) {
        return Some(table(Outcome::pass(crate::t!(
            "dns-inbound-only-public",
            name = probe,
            endpoint = &ep.id
        ))));
    }
    None
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

/// The record names a zone answers `name` from, most specific first: the name itself, then
/// the wildcards of its parents down to the zone's apex.
pub(super) fn record_names(name: &str, zone_name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let mut rest = name;
    while let Some((_, parent)) = rest.split_once('.') {
        if parent.len() < zone_name.len() {
            break;
        }
        out.push(format!("*.{parent}"));
        rest = parent;
    }
    out
}

/// An answer for the private name that means what the VPC sees: through --dns-server, or
/// from inside the VPC (instance metadata or --vantage inside). `Ok(None)` from elsewhere.
pub(super) struct VpcAnswer {
    pub name: String,
    pub record: RecordType,
    pub expected: Vec<IpAddr>,
    pub answer: DnsAnswer,
    pub verdict: DnsVerdict,
    /// Where it was asked, for the evidence.
    pub source: String,
}

/// The record a client asks for the private name, and the endpoint's addresses in it. One
/// family is proof enough of where the name goes: A where the names carry it, AAAA for an
/// IPv6-only endpoint.
pub(super) async fn private_family_addresses(
    ctx: &Ctx,
    ep: &Endpoint,
) -> Result<(RecordType, Vec<IpAddr>), Outcome> {
    let enis = ctx
        .facts
        .network_interfaces(&ep.network_interface_ids)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let record = family::records(ep, family::NameKind::Private)[0];
    Ok((record, family::addresses(&enis, record)))
}

pub(super) async fn vpc_answer(
    ctx: &Ctx,
    ep: &Endpoint,
    name: &str,
) -> Result<Option<VpcAnswer>, Outcome> {
    let source = if let Some(server) = &ctx.run.dns_server {
        crate::t!("dns-source-server", server = server)
    } else {
        let v = vantage(ctx, ep).await?;
        if !v.inside {
            return Ok(None);
        }
        crate::t!("dns-vantage-system", detail = &v.detail)
    };
    let name = probe_name(name);
    let (record, expected) = private_family_addresses(ctx, ep).await?;
    let answer = ctx
        .facts
        .dns_record(&name, record)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    let verdict = judge(&answer, &expected);
    Ok(Some(VpcAnswer {
        name,
        record,
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
        crate::t!(
            "dns-vpc-answer",
            name = &self.name,
            answer = answer_text(&self.answer, self.record),
            expected = join(&self.expected),
            source = &self.source
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_that_does_not_resolve_is_told_in_korean_when_asked() {
        let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
        let judged = vec![Judged::new(
            "api.example.com".into(),
            RecordType::A,
            vec!["10.0.0.5".parse().unwrap()],
            DnsAnswer::NxDomain,
        )];
        let o = conclude("t", judged, "vpc-1", "eni-1", "ok".into());
        assert!(
            o.summary.contains("api.example.com 이름이 확인되지 않는다"),
            "{}",
            o.summary
        );
        assert!(!o.summary.contains("does not resolve"), "{}", o.summary);
        match &o.evidence[0] {
            crate::engine::outcome::Evidence::Table { columns, .. } => {
                assert_eq!(columns, &["이름", "기대값", "응답", "판정"]);
            }
            other => panic!("{other:?}"),
        }
    }

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
            vec![Judged::new(
                "a.example".into(),
                RecordType::A,
                want.clone(),
                DnsAnswer::Timeout,
            )],
            "vpc-1",
            "eni-1",
            "ok".into(),
        );
        assert_eq!(o.status, crate::engine::outcome::Status::Unknown);
        let o = conclude(
            "t",
            vec![Judged::new(
                "a.example".into(),
                RecordType::A,
                want,
                DnsAnswer::NxDomain,
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
        for (answer, _verdict, fix, says) in [
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
                vec![Judged::new(
                    "a.example".into(),
                    RecordType::A,
                    want.clone(),
                    answer,
                )],
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
