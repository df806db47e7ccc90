//! How the VPC resolver (Route 53 Resolver at VPC+2) decides a name, layer by layer, from
//! configuration alone. Pure: the check (`dns_path`) reads the facts into a [`View`] and
//! judges what [`resolve`] predicts against what DNS answered.
//!
//! The precedence modelled, as AWS documents it:
//! 1. DNS Firewall: rule groups by association priority (lowest first), rules by priority;
//!    the first rule whose domain list holds the name decides — ALLOW and ALERT let the
//!    query go on, BLOCK answers NODATA, NXDOMAIN or a CNAME override.
//! 2. One set of rules, most specific domain first: the Resolver rules associated with the
//!    VPC (its own and a Profile's) and the autodefined rules of every private hosted zone
//!    associated with it (the endpoint's private DNS is such a zone). On a tie, a rule the
//!    customer made beats the zone's autodefined rule ("to override an autodefined rule,
//!    create a forwarding rule for the same domain"), and the VPC's own setting beats a
//!    Profile's. FORWARD sends the query away; SYSTEM (and the autodefined RECURSIVE rule)
//!    makes the resolver answer itself from the most specific zone, else by recursion.
//! 3. Recursion: public DNS.

use std::net::IpAddr;

use crate::facts::model::{FirewallRule, RecordSet, ResolverRule};

use super::locate::name_matches;

/// Where a piece of DNS configuration reaches the VPC from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// Associated with the VPC itself.
    Vpc,
    /// Brought by a Route 53 Profile associated with the VPC.
    Profile(String),
}

impl Via {
    fn suffix(&self) -> String {
        match self {
            Via::Vpc => String::new(),
            Via::Profile(p) => format!(" {}", crate::t!("res-via-profile", profile = p)),
        }
    }
}

/// A DNS Firewall rule group as the VPC sees it.
#[derive(Debug, Clone)]
pub struct FirewallGroup {
    pub id: String,
    pub priority: i32,
    pub via: Via,
    /// Each rule with its domain list's domains; `None` when the list could not be read.
    pub rules: Vec<(FirewallRule, Option<Vec<String>>)>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub rule: ResolverRule,
    pub via: Via,
}

#[derive(Debug, Clone)]
pub enum ZoneKind {
    /// A private hosted zone, with its records at the asked name (and the wildcards above
    /// it, most specific first); `None` when they could not be read.
    Hosted { records: Option<Vec<RecordSet>> },
    /// An interface endpoint's private DNS (an AWS-managed zone). `wildcard`: the private
    /// DNS name is `*.zone`, so every name under the zone is answered.
    EndpointDns {
        endpoint_id: String,
        wildcard: bool,
        /// The endpoint's addresses in the asked family.
        ips: Vec<IpAddr>,
    },
}

#[derive(Debug, Clone)]
pub struct Zone {
    pub id: String,
    /// Lower case, no trailing dot.
    pub name: String,
    pub via: Via,
    pub kind: ZoneKind,
}

/// What the resolver of one VPC consults.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub vpc_id: String,
    pub firewall: Vec<FirewallGroup>,
    pub rules: Vec<Rule>,
    pub zones: Vec<Zone>,
    /// Layers that could not be read (a denied call, an API the partition lacks): the
    /// prediction holds only for the layers that were.
    pub unread: Vec<String>,
    /// Layers whose API failed on the service side or is not offered where the tool asked:
    /// named in the evidence, never a reason to doubt the prediction.
    pub absent: Vec<String>,
    /// The VPC attributes that are off (`enableDnsSupport`, `enableDnsHostnames`): private
    /// hosted zones and endpoints' private DNS are then not served in the VPC.
    pub attributes_off: Vec<String>,
}

/// The endpoint the name should reach.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    pub endpoint_id: String,
    /// Its interfaces' addresses in the asked family.
    pub ips: Vec<IpAddr>,
    /// Its own DNS names (regional and zonal), lower case.
    pub dns_names: Vec<String>,
}

impl Wanted {
    fn named(&self, target: &str) -> bool {
        self.dns_names.iter().any(|d| name_matches(d, target))
    }
}

/// What the resolver answers, as far as configuration tells.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The wanted endpoint's addresses.
    Endpoint,
    /// Another interface endpoint's private DNS answers.
    OtherEndpoint(String),
    /// Records that are not the endpoint's.
    Elsewhere(Vec<String>),
    NxDomain,
    NoData,
    /// A DNS Firewall override: a CNAME to this name.
    Override(String),
    /// The query leaves the resolver: what comes back is up to these servers.
    Forwarded(Vec<String>),
    /// Public DNS answers: the endpoint's own public records when `endpoint_name`.
    Public {
        endpoint_name: bool,
    },
    /// Records that could not be read.
    Unread,
}

/// Which layer decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Decider {
    Firewall {
        group_id: String,
        rule: String,
        priority: i32,
        list_id: Option<String>,
        /// The domain-list entry that matched.
        entry: String,
        via: Via,
    },
    Rule {
        rule_id: String,
        domain: String,
        rule_type: String,
        via: Via,
        targets: Vec<String>,
    },
    Zone {
        zone_id: String,
        zone_name: String,
        via: Via,
        endpoint_id: Option<String>,
    },
    Recursion,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub layer: String,
    pub says: String,
    pub role: &'static str,
    pub basis: &'static str,
}

impl Row {
    fn new(layer: impl Into<String>, says: impl Into<String>, role: &'static str) -> Row {
        Row {
            layer: layer.into(),
            says: says.into(),
            role,
            basis: "predicted",
        }
    }

    pub fn cells(&self) -> Vec<String> {
        vec![
            self.layer.clone(),
            self.says.clone(),
            self.role.to_string(),
            self.basis.to_string(),
        ]
    }
}

#[derive(Debug, Clone)]
pub struct Resolution {
    pub name: String,
    pub rows: Vec<Row>,
    pub decider: Decider,
    pub answer: Answer,
    /// Rules that matched but lost to a more specific one (for the evidence and fixes).
    pub outranked: Vec<Rule>,
}

impl Resolution {
    /// Whether the predicted answer is the wanted endpoint: `None` when configuration alone
    /// cannot tell (forwarded away, public DNS of a name that is not the endpoint's, records
    /// not read).
    pub fn reaches(&self) -> Option<bool> {
        match &self.answer {
            Answer::Endpoint
            | Answer::Public {
                endpoint_name: true,
            } => Some(true),
            Answer::OtherEndpoint(_)
            | Answer::Elsewhere(_)
            | Answer::NxDomain
            | Answer::NoData
            | Answer::Override(_)
            | Answer::Public {
                endpoint_name: false,
            } => Some(false),
            Answer::Forwarded(_) | Answer::Unread => None,
        }
    }

    pub fn deciding_layer(&self) -> String {
        self.rows
            .iter()
            .find(|r| r.role == "decides")
            .map(|r| r.layer.clone())
            .unwrap_or_default()
    }
}

/// `name` is `domain` or under it; the autodefined internet rule's `.` holds every name.
pub fn within(name: &str, domain: &str) -> bool {
    domain == "." || domain.is_empty() || name == domain || name.ends_with(&format!(".{domain}"))
}

pub fn labels(domain: &str) -> usize {
    if domain == "." || domain.is_empty() {
        0
    } else {
        domain.split('.').count()
    }
}

/// A DNS Firewall domain-list entry against a name: `*` holds everything, `*.d` the names
/// under `d` (not `d` itself), anything else exactly that name.
pub fn firewall_entry_matches(entry: &str, name: &str) -> bool {
    let entry = entry.trim_end_matches('.').to_ascii_lowercase();
    entry == "*" || name_matches(&entry, name)
}

/// One candidate of the most-specific-match step: a customer rule or a zone's autodefined rule.
enum Candidate<'a> {
    Rule(&'a Rule),
    Zone(&'a Zone),
}

impl Candidate<'_> {
    fn domain(&self) -> &str {
        match self {
            Candidate::Rule(r) => &r.rule.domain,
            Candidate::Zone(z) => &z.name,
        }
    }
    /// Sort key: more labels first; on a tie a customer rule before a zone, the VPC's own
    /// before a Profile's. A hosted zone of the same name as an endpoint's private DNS is a
    /// conflict AWS does not define (dns.phz_conflict); the customer's zone is taken first.
    fn rank(&self) -> (std::cmp::Reverse<usize>, u8, u8) {
        let (kind, via) = match self {
            Candidate::Rule(r) => (0, &r.via),
            Candidate::Zone(
                z @ Zone {
                    kind: ZoneKind::Hosted { .. },
                    ..
                },
            ) => (1, &z.via),
            Candidate::Zone(z) => (2, &z.via),
        };
        (
            std::cmp::Reverse(labels(self.domain())),
            kind,
            u8::from(*via != Via::Vpc),
        )
    }
}

/// What the VPC resolver of `view` does with `name`, predicted from configuration.
pub fn resolve(view: &View, name: &str, record: &str, wanted: &Wanted, client: &str) -> Resolution {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let mut rows = vec![Row {
        layer: crate::t!("res-layer-client"),
        says: crate::t!(
            "res-client-asks",
            client = client,
            name = &name,
            record = record,
            vpc = &view.vpc_id
        ),
        role: "client",
        basis: "",
    }];
    if let Some((decider, answer)) = firewall(view, &name, record, &mut rows) {
        return finish(name, rows, decider, answer, vec![]);
    }
    let zones_served = view.attributes_off.is_empty();
    if !zones_served {
        rows.push(Row::new(
            crate::t!("res-layer-vpc-attributes"),
            crate::t!(
                "res-attributes-off",
                attributes = view.attributes_off.join(&crate::t!("dns-and")),
                vpc = &view.vpc_id
            ),
            "skipped",
        ));
    }
    let mut candidates: Vec<Candidate> = view
        .rules
        .iter()
        .filter(|r| within(&name, &r.rule.domain))
        .map(Candidate::Rule)
        .chain(
            view.zones
                .iter()
                .filter(|z| zones_served && within(&name, &z.name))
                .map(Candidate::Zone),
        )
        .collect();
    candidates.sort_by_key(Candidate::rank);
    let outranked: Vec<Rule> = candidates
        .iter()
        .skip(1)
        .filter_map(|c| match c {
            Candidate::Rule(r) if r.rule.rule_type == "FORWARD" => Some((*r).clone()),
            _ => None,
        })
        .collect();
    match candidates.first() {
        Some(Candidate::Rule(r)) if r.rule.rule_type == "FORWARD" => {
            let targets = r.rule.targets.clone();
            rows.push(Row::new(
                crate::t!("res-layer-rule"),
                crate::t!(
                    "res-rule-forward",
                    rule = &r.rule.id,
                    domain = &r.rule.domain,
                    targets = if targets.is_empty() {
                        crate::t!("res-no-target")
                    } else {
                        targets.join(", ")
                    },
                    via = r.via.suffix(),
                    name = &name,
                    never = outranked_zone_text(&candidates),
                ),
                "decides",
            ));
            let decider = Decider::Rule {
                rule_id: r.rule.id.clone(),
                domain: r.rule.domain.clone(),
                rule_type: r.rule.rule_type.clone(),
                via: r.via.clone(),
                targets: targets.clone(),
            };
            finish(name, rows, decider, Answer::Forwarded(targets), outranked)
        }
        Some(Candidate::Rule(r)) => {
            rows.push(Row::new(
                crate::t!("res-layer-rule"),
                crate::t!(
                    "res-rule-local",
                    rule = &r.rule.id,
                    kind = &r.rule.rule_type,
                    domain = &r.rule.domain,
                    via = r.via.suffix(),
                    name = &name
                ),
                "passes",
            ));
            for o in &outranked {
                rows.push(Row::new(
                    crate::t!("res-layer-rule"),
                    crate::t!(
                        "res-rule-less-specific",
                        rule = &o.rule.id,
                        domain = &o.rule.domain,
                        name = &name
                    ),
                    "skipped",
                ));
            }
            let zone = candidates.iter().find_map(|c| match c {
                Candidate::Zone(z) => Some(*z),
                Candidate::Rule(_) => None,
            });
            locally(name, rows, zone, wanted, outranked)
        }
        Some(Candidate::Zone(z)) => {
            for o in &outranked {
                rows.push(Row::new(
                    crate::t!("res-layer-rule"),
                    crate::t!(
                        "res-rule-less-specific-than-zone",
                        rule = &o.rule.id,
                        domain = &o.rule.domain,
                        zone = &z.name,
                        name = &name
                    ),
                    "skipped",
                ));
            }
            locally(name, rows, Some(z), wanted, outranked)
        }
        None => {
            rows.push(Row::new(
                crate::t!("res-layer-rules"),
                crate::t!("res-nothing-holds"),
                "skipped",
            ));
            locally(name, rows, None, wanted, outranked)
        }
    }
}

fn outranked_zone_text(candidates: &[Candidate]) -> String {
    let zones: Vec<String> = candidates
        .iter()
        .filter_map(|c| match c {
            Candidate::Zone(z) => Some(zone_label(z)),
            Candidate::Rule(_) => None,
        })
        .collect();
    if zones.is_empty() {
        String::new()
    } else {
        format!(
            " {}",
            crate::t!("res-never-consulted", zones = zones.join(", "))
        )
    }
}

fn zone_label(z: &Zone) -> String {
    match &z.kind {
        ZoneKind::EndpointDns { endpoint_id, .. } => {
            crate::t!("res-zone-endpoint", endpoint = endpoint_id, zone = &z.name)
        }
        ZoneKind::Hosted { .. } => crate::t!("res-zone-hosted", zone = &z.name, id = &z.id),
    }
}

/// The DNS Firewall's verdict: `Some` when a BLOCK rule decides.
fn firewall(
    view: &View,
    name: &str,
    record: &str,
    rows: &mut Vec<Row>,
) -> Option<(Decider, Answer)> {
    let mut groups: Vec<&FirewallGroup> = view.firewall.iter().collect();
    groups.sort_by_key(|g| (g.priority, u8::from(g.via != Via::Vpc)));
    let mut unread = Vec::new();
    for g in &groups {
        let mut rules: Vec<&(FirewallRule, Option<Vec<String>>)> = g.rules.iter().collect();
        rules.sort_by_key(|(r, _)| r.priority);
        for (rule, domains) in rules {
            if rule
                .query_type
                .as_deref()
                .is_some_and(|q| !q.eq_ignore_ascii_case(record))
            {
                continue;
            }
            let list = rule.domain_list_id.clone();
            let Some(domains) = domains else {
                unread.push(format!(
                    "{} list {}",
                    rule.name.clone().unwrap_or_default(),
                    list.clone().unwrap_or_default()
                ));
                continue;
            };
            let Some(entry) = domains.iter().find(|d| firewall_entry_matches(d, name)) else {
                continue;
            };
            let rule_name = rule
                .name
                .clone()
                .unwrap_or_else(|| format!("priority {}", rule.priority));
            let at = crate::t!(
                "res-fw-rule-at",
                rule = &rule_name,
                group = &g.id,
                priority = g.priority,
                via = g.via.suffix()
            );
            if rule.action.eq_ignore_ascii_case("BLOCK") {
                let response = rule
                    .block_response
                    .clone()
                    .unwrap_or_else(|| "NODATA".into());
                let answer = match response.to_ascii_uppercase().as_str() {
                    "NXDOMAIN" => Answer::NxDomain,
                    "OVERRIDE" => Answer::Override(
                        rule.block_override_domain
                            .clone()
                            .unwrap_or_default()
                            .trim_end_matches('.')
                            .to_string(),
                    ),
                    _ => Answer::NoData,
                };
                rows.push(Row::new(
                    "DNS Firewall",
                    crate::t!(
                        "res-fw-block",
                        at = &at,
                        name = name,
                        entry = entry,
                        response = &response
                    ),
                    "decides",
                ));
                let decider = Decider::Firewall {
                    group_id: g.id.clone(),
                    rule: rule_name,
                    priority: rule.priority,
                    list_id: list,
                    entry: entry.clone(),
                    via: g.via.clone(),
                };
                return Some((decider, answer));
            }
            rows.push(Row::new(
                "DNS Firewall",
                crate::t!(
                    "res-fw-pass",
                    at = &at,
                    action = rule.action.to_ascii_uppercase(),
                    name = name,
                    entry = entry
                ),
                "passes",
            ));
            return None;
        }
    }
    let says = if groups.is_empty() {
        crate::t!("res-fw-none")
    } else if unread.is_empty() {
        crate::t!("res-fw-no-match", count = groups.len())
    } else {
        crate::t!(
            "res-fw-unread",
            count = groups.len(),
            unread = unread.join(", ")
        )
    };
    rows.push(Row::new("DNS Firewall", says, "skipped"));
    None
}

/// The resolver answers itself: from the most specific zone, else by recursion.
fn locally(
    name: String,
    mut rows: Vec<Row>,
    zone: Option<&Zone>,
    wanted: &Wanted,
    outranked: Vec<Rule>,
) -> Resolution {
    let Some(z) = zone else {
        let endpoint_name = wanted.named(&name);
        rows.push(Row::new(
            crate::t!("res-layer-recursion"),
            if endpoint_name {
                crate::t!("res-public-endpoint-name", name = &name)
            } else {
                crate::t!("res-public-other", name = &name)
            },
            "decides",
        ));
        return finish(
            name,
            rows,
            Decider::Recursion,
            Answer::Public { endpoint_name },
            outranked,
        );
    };
    let (answer, says) = zone_answer(z, &name, wanted);
    let layer = match z.kind {
        ZoneKind::EndpointDns { .. } => crate::t!("res-layer-endpoint-dns"),
        ZoneKind::Hosted { .. } => crate::t!("res-layer-hosted-zone"),
    };
    rows.push(Row::new(
        layer,
        format!("{}{}: {says}", zone_label(z), z.via.suffix()),
        "decides",
    ));
    let decider = Decider::Zone {
        zone_id: z.id.clone(),
        zone_name: z.name.clone(),
        via: z.via.clone(),
        endpoint_id: match &z.kind {
            ZoneKind::EndpointDns { endpoint_id, .. } => Some(endpoint_id.clone()),
            ZoneKind::Hosted { .. } => None,
        },
    };
    finish(name, rows, decider, answer, outranked)
}

fn zone_answer(z: &Zone, name: &str, wanted: &Wanted) -> (Answer, String) {
    match &z.kind {
        ZoneKind::EndpointDns {
            endpoint_id,
            wildcard,
            ips,
        } => {
            if !wildcard && name != z.name {
                return (
                    Answer::NxDomain,
                    crate::t!("res-zone-holds-only", zone = &z.name),
                );
            }
            if endpoint_id == &wanted.endpoint_id {
                (
                    Answer::Endpoint,
                    crate::t!("res-zone-answers", ips = join_ips(ips)),
                )
            } else {
                (
                    Answer::OtherEndpoint(endpoint_id.clone()),
                    crate::t!(
                        "res-zone-answers-other",
                        endpoint = endpoint_id,
                        ips = join_ips(ips)
                    ),
                )
            }
        }
        ZoneKind::Hosted { records: None } => (Answer::Unread, crate::t!("res-zone-unread")),
        ZoneKind::Hosted {
            records: Some(records),
        } => {
            let Some(r) = records.first() else {
                return (
                    Answer::NxDomain,
                    crate::t!("res-zone-no-record", name = name),
                );
            };
            let values: Vec<String> = r
                .alias_target
                .iter()
                .chain(r.values.iter())
                .cloned()
                .collect();
            let ips: Vec<IpAddr> = values.iter().filter_map(|v| v.parse().ok()).collect();
            let to_endpoint = values.iter().any(|v| wanted.named(v))
                || (!ips.is_empty()
                    && ips.len() == values.len()
                    && ips.iter().all(|ip| wanted.ips.contains(ip)));
            let says = format!("{} {} {}", r.name, r.record_type, values.join(", "));
            if to_endpoint {
                (
                    Answer::Endpoint,
                    crate::t!("res-record-endpoint", says = &says),
                )
            } else {
                (
                    Answer::Elsewhere(values),
                    crate::t!("res-record-not-endpoint", says = &says),
                )
            }
        }
    }
}

fn join_ips(ips: &[IpAddr]) -> String {
    if ips.is_empty() {
        crate::t!("res-no-address")
    } else {
        ips.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn finish(
    name: String,
    mut rows: Vec<Row>,
    decider: Decider,
    answer: Answer,
    outranked: Vec<Rule>,
) -> Resolution {
    let says = match &answer {
        Answer::Endpoint => crate::t!("res-answer-endpoint"),
        Answer::OtherEndpoint(id) => crate::t!("res-answer-other-endpoint", endpoint = id),
        Answer::Elsewhere(v) => crate::t!("res-record-not-endpoint", says = v.join(", ")),
        Answer::NxDomain => "NXDOMAIN".to_string(),
        Answer::NoData => crate::t!("res-answer-nodata"),
        Answer::Override(d) => format!("CNAME {d}"),
        Answer::Forwarded(t) => crate::t!(
            "res-answer-forwarded",
            targets = if t.is_empty() {
                crate::t!("res-no-target")
            } else {
                t.join(", ")
            },
            count = t.len()
        ),
        Answer::Public {
            endpoint_name: true,
        } => crate::t!("res-answer-public-endpoint"),
        Answer::Public {
            endpoint_name: false,
        } => crate::t!("res-answer-public"),
        Answer::Unread => crate::t!("res-answer-unread"),
    };
    rows.push(Row::new(crate::t!("res-layer-answer"), says, "answer"));
    Resolution {
        name,
        rows,
        decider,
        answer,
        outranked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: &str = "api.example.com";

    fn wanted() -> Wanted {
        Wanted {
            endpoint_id: "vpce-1".into(),
            ips: vec!["10.0.1.5".parse().unwrap()],
            dns_names: vec!["vpce-1-abc.vpce-svc-1.us-east-1.vpce.amazonaws.com".into()],
        }
    }

    fn private_dns(zone: &str) -> Zone {
        Zone {
            id: "vpce-1".into(),
            name: zone.into(),
            via: Via::Vpc,
            kind: ZoneKind::EndpointDns {
                endpoint_id: "vpce-1".into(),
                wildcard: false,
                ips: wanted().ips,
            },
        }
    }

    fn rule(id: &str, kind: &str, domain: &str, via: Via) -> Rule {
        Rule {
            rule: ResolverRule {
                id: id.into(),
                name: None,
                domain: domain.into(),
                rule_type: kind.into(),
                targets: if kind == "FORWARD" {
                    vec!["10.9.0.2:53".into()]
                } else {
                    vec![]
                },
                resolver_endpoint_id: None,
                owner_id: None,
                share_status: None,
                status: "COMPLETE".into(),
            },
            via,
        }
    }

    fn fw_rule(priority: i32, action: &str, response: Option<&str>) -> FirewallRule {
        FirewallRule {
            name: Some(format!("r{priority}")),
            priority,
            action: action.into(),
            block_response: response.map(str::to_string),
            block_override_domain: None,
            domain_list_id: Some(format!("rslvr-fdl-{priority}")),
            query_type: None,
        }
    }

    fn view(zones: Vec<Zone>, rules: Vec<Rule>) -> View {
        View {
            vpc_id: "vpc-1".into(),
            zones,
            rules,
            ..View::default()
        }
    }

    fn run(v: &View) -> Resolution {
        resolve(v, NAME, "A", &wanted(), "clients")
    }

    #[test]
    fn the_endpoint_private_dns_answers_when_nothing_else_claims_the_name() {
        let r = run(&view(vec![private_dns(NAME)], vec![]));
        assert_eq!(r.answer, Answer::Endpoint);
        assert_eq!(r.reaches(), Some(true));
        assert_eq!(r.deciding_layer(), "endpoint private DNS");
        assert_eq!(r.rows.first().unwrap().role, "client");
        assert_eq!(r.rows.last().unwrap().role, "answer");
        assert_eq!(r.rows.iter().filter(|r| r.role == "decides").count(), 1);
    }

    #[test]
    fn a_forward_rule_for_a_parent_domain_loses_to_the_more_specific_private_dns_zone() {
        let r = run(&view(
            vec![private_dns(NAME)],
            vec![rule("rslvr-rr-corp", "FORWARD", "example.com", Via::Vpc)],
        ));
        assert_eq!(r.answer, Answer::Endpoint);
        assert!(
            r.rows
                .iter()
                .any(|x| x.role == "skipped" && x.says.contains("rslvr-rr-corp")),
            "{:#?}",
            r.rows
        );
    }

    #[test]
    fn a_forward_rule_for_the_same_domain_beats_the_zone_and_sends_the_name_away() {
        let r = run(&view(
            vec![private_dns(NAME)],
            vec![rule("rslvr-rr-1", "FORWARD", NAME, Via::Vpc)],
        ));
        assert_eq!(r.answer, Answer::Forwarded(vec!["10.9.0.2:53".into()]));
        assert_eq!(r.reaches(), None);
        assert!(matches!(r.decider, Decider::Rule { ref rule_id, .. } if rule_id == "rslvr-rr-1"));
        assert!(r.rows.iter().any(|x| x.says.contains("never consulted")));
    }

    #[test]
    fn a_system_rule_carves_a_name_out_of_a_forward_rule() {
        // A wildcard private DNS name: the zone is the parent, as specific as the rule.
        let mut zone = private_dns("example.com");
        if let ZoneKind::EndpointDns { wildcard, .. } = &mut zone.kind {
            *wildcard = true;
        }
        let forward = rule("rslvr-rr-fwd", "FORWARD", "example.com", Via::Vpc);
        let hijacked = run(&view(vec![zone.clone()], vec![forward.clone()]));
        assert_eq!(hijacked.reaches(), None);
        let restored = run(&view(
            vec![zone],
            vec![forward, rule("rslvr-rr-sys", "SYSTEM", NAME, Via::Vpc)],
        ));
        assert_eq!(restored.answer, Answer::Endpoint);
        assert!(
            restored
                .rows
                .iter()
                .any(|x| x.role == "passes" && x.says.contains("SYSTEM"))
        );
    }

    #[test]
    fn the_vpc_own_rule_beats_a_profile_rule_for_the_same_domain() {
        let r = run(&view(
            vec![],
            vec![
                rule(
                    "rslvr-rr-prof",
                    "FORWARD",
                    NAME,
                    Via::Profile("rp-1".into()),
                ),
                rule("rslvr-rr-own", "SYSTEM", NAME, Via::Vpc),
            ],
        ));
        assert!(matches!(r.decider, Decider::Recursion));
    }

    #[test]
    fn nothing_holding_the_name_means_public_dns_which_holds_only_the_endpoint_own_names() {
        let r = run(&view(vec![], vec![]));
        assert_eq!(r.reaches(), Some(false));
        let own = resolve(
            &view(vec![], vec![]),
            "vpce-1-abc.vpce-svc-1.us-east-1.vpce.amazonaws.com",
            "A",
            &wanted(),
            "clients",
        );
        assert_eq!(own.reaches(), Some(true));
    }

    #[test]
    fn a_hosted_zone_answers_with_its_records_and_nxdomain_without_one() {
        let zone = |records: Vec<RecordSet>| Zone {
            id: "Z1".into(),
            name: "example.com".into(),
            via: Via::Vpc,
            kind: ZoneKind::Hosted {
                records: Some(records),
            },
        };
        let alias = RecordSet {
            name: NAME.into(),
            record_type: "A".into(),
            values: vec![],
            alias_target: Some("vpce-1-abc.vpce-svc-1.us-east-1.vpce.amazonaws.com.".into()),
        };
        assert_eq!(
            run(&view(vec![zone(vec![alias])], vec![])).answer,
            Answer::Endpoint
        );
        assert_eq!(
            run(&view(vec![zone(vec![])], vec![])).answer,
            Answer::NxDomain
        );
        let stale = RecordSet {
            name: NAME.into(),
            record_type: "A".into(),
            values: vec!["10.0.9.9".into()],
            alias_target: None,
        };
        assert_eq!(
            run(&view(vec![zone(vec![stale])], vec![])).answer,
            Answer::Elsewhere(vec!["10.0.9.9".into()])
        );
    }

    #[test]
    fn the_firewall_takes_the_first_matching_rule_by_group_then_rule_priority() {
        let mut v = view(vec![private_dns(NAME)], vec![]);
        // A walled garden: allow the name at 100, block everything at 200.
        v.firewall = vec![FirewallGroup {
            id: "rslvr-frg-1".into(),
            priority: 101,
            via: Via::Vpc,
            rules: vec![
                (
                    fw_rule(200, "BLOCK", Some("NXDOMAIN")),
                    Some(vec!["*".into()]),
                ),
                (
                    fw_rule(100, "ALLOW", None),
                    Some(vec!["*.example.com".into()]),
                ),
            ],
        }];
        let r = run(&v);
        assert_eq!(r.answer, Answer::Endpoint);
        assert!(
            r.rows
                .iter()
                .any(|x| x.layer == "DNS Firewall" && x.role == "passes")
        );
        // A group evaluated earlier blocks the exact name.
        v.firewall.push(FirewallGroup {
            id: "rslvr-frg-0".into(),
            priority: 100,
            via: Via::Profile("rp-1".into()),
            rules: vec![(fw_rule(1, "BLOCK", Some("NODATA")), Some(vec![NAME.into()]))],
        });
        let r = run(&v);
        assert_eq!(r.answer, Answer::NoData);
        assert!(
            matches!(r.decider, Decider::Firewall { ref group_id, .. } if group_id == "rslvr-frg-0")
        );
        // `*.example.com` holds subdomains only; a rule for AAAA leaves A queries alone.
        assert!(!firewall_entry_matches("*.api.example.com", NAME));
        let mut aaaa = fw_rule(1, "BLOCK", None);
        aaaa.query_type = Some("AAAA".into());
        v.firewall = vec![FirewallGroup {
            id: "g".into(),
            priority: 1,
            via: Via::Vpc,
            rules: vec![(aaaa, Some(vec![NAME.into()]))],
        }];
        assert_eq!(run(&v).answer, Answer::Endpoint);
    }

    #[test]
    fn alert_lets_the_query_through_and_stops_the_firewall() {
        let mut v = view(vec![private_dns(NAME)], vec![]);
        v.firewall = vec![FirewallGroup {
            id: "g".into(),
            priority: 1,
            via: Via::Vpc,
            rules: vec![
                (fw_rule(1, "ALERT", None), Some(vec![NAME.into()])),
                (fw_rule(2, "BLOCK", None), Some(vec![NAME.into()])),
            ],
        }];
        assert_eq!(run(&v).answer, Answer::Endpoint);
    }
}
