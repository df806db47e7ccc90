//! From the symptom to the endpoint: which endpoint (if any) serves what the user asked —
//! a name, a URL, an address, an AWS service or an endpoint service — for their client, and
//! how (endpoint private DNS, a private hosted zone, an endpoint-specific name, a gateway
//! route, or nothing: the public path). Evaluated from facts only, so the session (to pick
//! the endpoint to diagnose) and `target.resolved` (to show why) reach the same answer from
//! the same memo.

use std::collections::BTreeMap;
use std::net::IpAddr;

use ipnet::IpNet;

use super::{Ctx, Kind, could_not_tell, kind};
use crate::context::{ClientSource, RunContext};
use crate::engine::outcome::{Account, Outcome};
use crate::facts::model::{DnsAnswer, Endpoint, RouteTable};
use crate::facts::{FactError, Facts, RecordType};
use crate::target::{Asked, TargetKind};

/// Where the answer came from: how the client's traffic reaches the endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The endpoint's own DNS names (`vpce-….vpce.amazonaws.com`).
    EndpointName,
    /// The endpoint's private DNS: the service's usual name answers with the endpoint.
    PrivateDns,
    /// A private hosted zone associated with the client's VPC points the name at it.
    HostedZone,
    /// The DNS answer (as the resolver in use sees it) is the endpoint's addresses.
    DnsAnswer,
    /// Public DNS, carried by a gateway endpoint's route (S3, DynamoDB).
    GatewayRoute,
    /// The client's endpoint of the service named.
    ServiceName,
    /// An address of one of the endpoint's interfaces.
    InterfaceAddress,
}

impl Via {
    pub fn label(self) -> &'static str {
        match self {
            Via::EndpointName => "endpoint DNS name",
            Via::PrivateDns => "private DNS",
            Via::HostedZone => "private hosted zone",
            Via::DnsAnswer => "DNS answer",
            Via::GatewayRoute => "gateway endpoint route",
            Via::ServiceName => "endpoint of the service",
            Via::InterfaceAddress => "endpoint interface address",
        }
    }
}

/// The answer: the endpoint to diagnose (if any), how it was reached, and the verdict that
/// `target.resolved` shows.
#[derive(Debug, Clone)]
pub struct Location {
    pub endpoint_id: Option<String>,
    pub via: Option<Via>,
    /// More on the path, e.g. the hosted zone (`corp.example.com Z0123`).
    pub via_detail: Option<String>,
    pub outcome: Outcome,
}

impl Location {
    fn found(ep: &Endpoint, via: Via, detail: Option<String>, outcome: Outcome) -> Location {
        Location {
            endpoint_id: Some(ep.id.clone()),
            via: Some(via),
            via_detail: detail,
            outcome,
        }
    }

    fn none(outcome: Outcome) -> Location {
        Location {
            endpoint_id: None,
            via: None,
            via_detail: None,
            outcome,
        }
    }

    /// `"private DNS"`, `"private hosted zone corp.example.com"` …
    pub fn path_text(&self) -> Option<String> {
        Some(path_words(self.via?, self.via_detail.as_deref()))
    }
}

fn path_words(via: Via, detail: Option<&str>) -> String {
    match detail {
        Some(d) => format!("{} {d}", via.label()),
        None => via.label().to_string(),
    }
}

/// Where the client is: its VPC and, when named, its subnet.
#[derive(Debug, Clone, Default)]
pub(super) struct Place {
    pub(super) vpc_id: Option<String>,
    subnet_id: Option<String>,
    /// How it was learnt (`--vpc`, `--from i-…`).
    pub(super) how: String,
}

/// The client's place, from `--vpc` or what `--from` names.
pub(super) async fn place(facts: &Facts, run: &RunContext) -> Result<Place, FactError> {
    let mut p = Place {
        vpc_id: run.vpc.clone(),
        how: if run.vpc.is_some() {
            "--vpc".into()
        } else {
            String::new()
        },
        ..Place::default()
    };
    let Some(from) = &run.from else {
        return Ok(p);
    };
    let (vpc, subnet) = match from {
        ClientSource::Instance(id) => {
            let found = facts
                .instances_in(Account::Consumer, std::slice::from_ref(id))
                .await?;
            let i = found.into_iter().find(|i| &i.id == id);
            (
                i.as_ref().and_then(|i| i.vpc_id.clone()),
                i.and_then(|i| i.subnet_id),
            )
        }
        ClientSource::NetworkInterface(id) => {
            let found = facts.network_interfaces(std::slice::from_ref(id)).await?;
            (None, found.into_iter().next().map(|n| n.subnet_id))
        }
        ClientSource::Subnet(id) => (None, Some(id.clone())),
        ClientSource::SecurityGroup(id) => {
            let found = facts.security_groups(std::slice::from_ref(id)).await?;
            (found.into_iter().next().and_then(|g| g.vpc_id), None)
        }
        ClientSource::Vpc(id) => (Some(id.clone()), None),
        ClientSource::Cidr(_) | ClientSource::OnPrem(_) => (None, None),
    };
    let vpc = match (vpc, &subnet) {
        (Some(v), _) => Some(v),
        (None, Some(s)) => facts
            .subnets_by_id(std::slice::from_ref(s))
            .await?
            .into_iter()
            .next()
            .map(|s| s.vpc_id),
        (None, None) => None,
    };
    if p.vpc_id.is_none() {
        p.vpc_id = vpc;
        p.how = format!("--from {from}");
    }
    p.subnet_id = subnet;
    Ok(p)
}

/// Which endpoint serves `asked` for the run's client.
pub async fn locate(ctx: &Ctx, asked: &Asked) -> Location {
    let (facts, run) = (ctx.facts.as_ref(), ctx.run.as_ref());
    let unknown = |e: &FactError| Location::none(could_not_tell(ctx, e, false));
    let place = match place(facts, run).await {
        Ok(p) => p,
        Err(e) => return unknown(&e),
    };
    let all = match facts.endpoint_list().await {
        Ok(all) => all
            .iter()
            .filter(|e| !e.state.eq_ignore_ascii_case("deleted"))
            .cloned()
            .collect::<Vec<_>>(),
        Err(e) => return unknown(&e),
    };
    let endpoints: Vec<Endpoint> = all
        .iter()
        .filter(|e| place.vpc_id.as_ref().is_none_or(|v| &e.vpc_id == v))
        .cloned()
        .collect();
    let world = World {
        ctx,
        facts,
        run,
        place: &place,
        endpoints: &endpoints,
        all: &all,
    };
    let located = match asked.kind {
        TargetKind::Endpoint => Ok(world.by_id(asked)),
        TargetKind::EndpointService => world.by_endpoint_service(asked).await,
        TargetKind::ServiceName => world.by_service(asked).await,
        TargetKind::DnsName | TargetKind::Url if asked.name.is_some() => {
            world
                .by_name(asked.name.as_deref().unwrap_or_default())
                .await
        }
        TargetKind::Ip | TargetKind::Url => world.by_address(asked).await,
        TargetKind::DnsName => Ok(world.by_id(asked)),
    };
    match located {
        Ok(mut l) => {
            l.outcome = l
                .outcome
                .field("asked", &asked.text)
                .field("kind", asked.kind.as_str())
                .field(
                    "client",
                    match (&place.vpc_id, &place.subnet_id) {
                        (Some(v), Some(s)) => crate::t!(
                            "locate-client-subnet",
                            subnet = s,
                            vpc = v,
                            how = &place.how
                        ),
                        (Some(v), None) => format!("{v} ({})", place.how),
                        _ => crate::t!("locate-client-not-named"),
                    },
                );
            l
        }
        Err(e) => unknown(&e),
    }
}

struct World<'a> {
    ctx: &'a Ctx,
    facts: &'a Facts,
    run: &'a RunContext,
    place: &'a Place,
    /// The endpoints of the client's VPC (every VPC when it is not known): private DNS and
    /// gateway routes serve only their own VPC.
    endpoints: &'a [Endpoint],
    /// Every endpoint of the account and region: a private hosted zone or a DNS answer may
    /// lead to a central endpoint in another VPC (a hub reached over a transit gateway).
    all: &'a [Endpoint],
}

type Found = Result<Location, FactError>;

/// An endpoint that serves the target, how, and the detail of how.
type Candidate<'a> = (&'a Endpoint, Via, Option<String>);

/// What a private hosted zone says of a name.
enum ZoneAnswer<'a> {
    Nothing,
    /// An endpoint of this account, with the zone's specificity (its name's length).
    Endpoint(usize, Candidate<'a>),
    /// An endpoint's DNS name this account holds no endpoint for.
    Invisible {
        zone: String,
        target: String,
    },
}

fn is_gateway(ep: &Endpoint) -> bool {
    kind(ep) == Kind::Gateway
}

/// Whether the endpoint's private DNS answers the VPC's own clients (an S3 interface endpoint
/// may keep it for queries through a Resolver inbound endpoint only).
fn private_dns_serves_vpc(ep: &Endpoint) -> bool {
    ep.private_dns_enabled == Some(true)
        && ep.private_dns_only_for_inbound_resolver_endpoint != Some(true)
}

/// A DNS name against a record name that may be a wildcard (`*.x` matches any name under x).
pub fn name_matches(pattern: &str, name: &str) -> bool {
    let pattern = pattern.trim_end_matches('.').to_ascii_lowercase();
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    match pattern.strip_prefix("*.") {
        Some(rest) => name.ends_with(&format!(".{rest}")),
        None => pattern == name,
    }
}

/// The public names a gateway endpoint's service answers on in `region`: traffic to them
/// follows the route the endpoint adds.
fn gateway_names(service_name: &str, region: &str) -> Vec<String> {
    let short = service_name.rsplit('.').next().unwrap_or_default();
    match short {
        "s3" => {
            let mut v: Vec<String> = [
                format!("s3.{region}.amazonaws.com"),
                format!("*.s3.{region}.amazonaws.com"),
                format!("s3.dualstack.{region}.amazonaws.com"),
                format!("*.s3.dualstack.{region}.amazonaws.com"),
                format!("s3-{region}.amazonaws.com"),
                format!("*.s3-{region}.amazonaws.com"),
            ]
            .into();
            if region == "us-east-1" {
                v.push("s3.amazonaws.com".into());
                v.push("*.s3.amazonaws.com".into());
            }
            v
        }
        "dynamodb" => vec![format!("dynamodb.{region}.amazonaws.com")],
        _ => vec![],
    }
}

/// The names an endpoint serves as far as its own description tells, without asking
/// anything (the picker's filter): its DNS names, an AWS service's usual name when private
/// DNS is on (`api.ecr.REGION.amazonaws.com` for `ecr.api`), a gateway service's public
/// names. A custom service's private DNS name needs its description: `target.resolved`
/// reads it.
pub fn names_served(ep: &Endpoint) -> Vec<String> {
    let mut names: Vec<String> = ep
        .dns_entries
        .iter()
        .map(|d| d.dns_name.trim_end_matches('.').to_ascii_lowercase())
        .collect();
    let aws = super::aws_service_parts(&ep.service_name);
    if let Some((region, short)) = aws {
        if is_gateway(ep) {
            names.extend(gateway_names(&ep.service_name, region));
        } else if private_dns_serves_vpc(ep) {
            if short == "s3" {
                names.extend(gateway_names(&ep.service_name, region));
            } else {
                let reversed: Vec<&str> = short.split('.').rev().collect();
                let wildcard = if short == "ecr.dkr" { "*." } else { "" };
                names.push(format!(
                    "{wildcard}{}.{region}.amazonaws.com",
                    reversed.join(".")
                ));
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Whether `ep` serves `name` as far as [`names_served`] tells.
pub fn serves_name(ep: &Endpoint, name: &str) -> bool {
    names_served(ep).iter().any(|n| name_matches(n, name))
}

/// The service (`com.amazonaws.REGION.X`) a public AWS name may belong to, most specific
/// first: `api.ecr.us-east-1.amazonaws.com` → `…ecr.api`, `…ecr`.
fn services_for_name(name: &str, region: &str) -> Vec<String> {
    let Some(prefix) = name.strip_suffix(&format!(".{region}.amazonaws.com")) else {
        return vec![];
    };
    let labels: Vec<&str> = prefix.split('.').rev().collect();
    let mut out: Vec<String> = (1..=labels.len().min(3))
        .rev()
        .map(|n| format!("com.amazonaws.{region}.{}", labels[..n].join(".")))
        .collect();
    out.push(format!("com.amazonaws.{region}.{prefix}"));
    out.dedup();
    out
}

impl World<'_> {
    fn region(&self) -> &str {
        &self.run.region
    }

    fn by_id(&self, asked: &Asked) -> Location {
        let id = asked.id.clone().unwrap_or_default();
        Location {
            endpoint_id: Some(id),
            via: None,
            via_detail: None,
            outcome: Outcome::not_applicable(crate::t!("locate-asked-by-id")),
        }
    }

    fn where_text(&self) -> String {
        match &self.place.vpc_id {
            Some(v) => crate::t!("locate-where-vpc", vpc = v),
            None => crate::t!("locate-where-any"),
        }
    }

    /// One endpoint of several that serve the target: the client's choice, or an unknown
    /// when only the VPC can tell and none was named.
    fn one_of(&self, mut found: Vec<Candidate<'_>>, what: &str) -> Option<Location> {
        found.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        found.dedup_by(|a, b| a.0.id == b.0.id);
        let vpcs: std::collections::BTreeSet<&str> =
            found.iter().map(|f| f.0.vpc_id.as_str()).collect();
        match found.as_slice() {
            [] => None,
            [(ep, via, detail)] => Some(self.pass(ep, *via, detail.clone(), what)),
            _ if vpcs.len() > 1 => {
                let rows = found
                    .iter()
                    .map(|(e, via, _)| vec![e.id.clone(), e.vpc_id.clone(), via.label().into()])
                    .collect();
                Some(Location::none(
                    Outcome::unknown(crate::t!(
                        "locate-served-in-vpcs",
                        what = what,
                        n = vpcs.len()
                    ))
                    .table("endpoints that serve it", &["endpoint", "vpc", "via"], rows)
                    .fix("choose_vpc", &[]),
                ))
            }
            [(ep, via, detail), ..] => Some(self.pass(ep, *via, detail.clone(), what)),
        }
    }

    fn pass(&self, ep: &Endpoint, via: Via, detail: Option<String>, what: &str) -> Location {
        let path = path_words(via, detail.as_deref());
        let o = Outcome::pass(crate::t!(
            "locate-found",
            what = what,
            endpoint = &ep.id,
            path = &path,
            vpc = &ep.vpc_id
        ))
        .field("endpoint", &ep.id)
        .field("path", &path)
        .field("service", &ep.service_name);
        Location::found(ep, via, detail, o)
    }

    async fn by_endpoint_service(&self, asked: &Asked) -> Found {
        let id = asked.id.clone().unwrap_or_default();
        let found: Vec<_> = self
            .endpoints
            .iter()
            .filter(|e| e.service_name.ends_with(&format!(".{id}")))
            .map(|e| (e, Via::ServiceName, None))
            .collect();
        if let Some(l) = self.one_of(found, &id) {
            return Ok(l);
        }
        let service_name = format!("com.amazonaws.vpce.{}.{id}", self.region());
        Ok(self
            .missing(
                crate::t!("locate-no-endpoint-of", id = &id, place = self.where_text()),
                &service_name,
                "Interface",
                vec![],
            )
            .await)
    }

    async fn by_service(&self, asked: &Asked) -> Found {
        let service_name = asked.service_name(self.region()).unwrap_or_default();
        let mut of: Vec<&Endpoint> = self
            .endpoints
            .iter()
            .filter(|e| e.service_name == service_name)
            .collect();
        // What the SDK's default name reaches: an interface endpoint whose private DNS
        // answers the VPC, else a gateway endpoint's route, else an interface endpoint
        // clients reach only by its own names.
        of.sort_by_key(|e| {
            let rank = if kind(e) == Kind::Interface && private_dns_serves_vpc(e) {
                0
            } else if is_gateway(e) {
                1
            } else {
                2
            };
            (e.vpc_id.clone(), rank, e.id.clone())
        });
        // The best of each VPC.
        of.dedup_by(|later, first| later.vpc_id == first.vpc_id);
        let found: Vec<_> = of
            .into_iter()
            .map(|e| (e, Via::ServiceName, None))
            .collect();
        if let Some(l) = self.one_of(found, &service_name) {
            return Ok(l);
        }
        let offered = self.facts.service_offered(&service_name).await?;
        let Some(detail) = offered else {
            return Ok(Location::none(
                Outcome::fail(crate::t!(
                    "locate-not-offered",
                    service = &service_name,
                    region = self.region()
                ))
                .fix("list_services", &[]),
            ));
        };
        let endpoint_type = preferred_type(&service_name, &detail);
        let names: Vec<String> = detail.private_dns_name.iter().cloned().collect();
        Ok(self
            .missing(
                crate::t!(
                    "locate-no-endpoint-for",
                    service = &service_name,
                    place = self.where_text()
                ),
                &service_name,
                endpoint_type,
                names,
            )
            .await)
    }

    /// Nothing serves the target: where the traffic goes instead, and the endpoint to create.
    async fn missing(
        &self,
        summary: String,
        service_name: &str,
        endpoint_type: &str,
        names: Vec<String>,
    ) -> Location {
        let mut o = Outcome::fail(summary).field("service", service_name);
        let dest = names
            .first()
            .map(|n| super::dns::probe_name(n))
            .filter(|n| !n.is_empty());
        o = self.route_evidence(o, dest.as_deref()).await;
        let Some(vpc) = self.place.vpc_id.clone() else {
            return Location::none(o.fix("choose_vpc", &[]));
        };
        let mut vars = vec![
            ("vpc_id", vpc.clone()),
            ("service_name", service_name.to_string()),
        ];
        let key = if endpoint_type == "Gateway" {
            let tables = self.client_route_tables(&vpc).await;
            if tables.is_empty() {
                return Location::none(o.fix("choose_vpc", &[]));
            }
            vars.push(("client_route_tables", tables.join(" ")));
            "create_gateway"
        } else {
            let subnets = self.client_subnets(&vpc).await;
            if subnets.is_empty() {
                return Location::none(o.fix("choose_vpc", &[]));
            }
            vars.push(("subnet_ids", subnets.join(" ")));
            "create_interface"
        };
        Location::none(o.fix(key, &vars))
    }

    /// The client's subnet, or one subnet per zone of its VPC (an interface endpoint needs a
    /// subnet in each zone its clients are in).
    async fn client_subnets(&self, vpc: &str) -> Vec<String> {
        if let Some(s) = &self.place.subnet_id {
            return vec![s.clone()];
        }
        let subnets = self.facts.subnets(vpc).await.unwrap_or_default();
        let mut ids: Vec<String> = subnets.iter().map(|s| s.id.clone()).collect();
        ids.sort();
        super::one_subnet_per_zone(&subnets, &ids)
    }

    /// The route table of the client's subnet, or every table of its VPC.
    async fn client_route_tables(&self, vpc: &str) -> Vec<String> {
        let tables = self.facts.route_tables(vpc).await.unwrap_or_default();
        match &self.place.subnet_id {
            Some(s) => table_of(&tables, s)
                .map(|t| vec![t.id.clone()])
                .unwrap_or_default(),
            None => tables.iter().map(|t| t.id.clone()).collect(),
        }
    }

    /// Where traffic to `dest` (a name) goes from the client: its subnet's route, or the
    /// default routes of its VPC's tables.
    async fn route_evidence(&self, o: Outcome, dest: Option<&str>) -> Outcome {
        let Some(vpc) = &self.place.vpc_id else {
            return o;
        };
        let Ok(tables) = self.facts.route_tables(vpc).await else {
            return o;
        };
        let ip = match dest {
            Some(name) => match self.facts.dns_record(name, RecordType::A).await {
                Ok(DnsAnswer::Addresses { ips }) => ips.first().copied(),
                _ => None,
            },
            None => None,
        };
        let to: IpAddr = ip.unwrap_or(IpAddr::from([0, 0, 0, 1]));
        match &self.place.subnet_id {
            Some(s) => match table_of(&tables, s) {
                Some(t) => {
                    let route = route_for(t, to);
                    o.field(
                        crate::t!("locate-field-route-from-client"),
                        format!("{s} → {} ({}): {}", t.id, to_text(ip), route_words(route)),
                    )
                }
                None => o,
            },
            None => {
                let rows = tables
                    .iter()
                    .map(|t| {
                        vec![
                            t.id.clone(),
                            if t.main {
                                crate::t!("locate-main-table")
                            } else {
                                t.subnet_ids.join(", ")
                            },
                            route_words(route_for(t, to)),
                        ]
                    })
                    .collect();
                o.table(
                    crate::t!("locate-table-where-goes", to = to_text(ip), vpc = vpc),
                    &[
                        &crate::t!("locate-col-route-table"),
                        &crate::t!("locate-col-subnets"),
                        &crate::t!("locate-col-route"),
                    ],
                    rows,
                )
            }
        }
    }

    async fn by_address(&self, asked: &Asked) -> Found {
        let Some(ip) = asked.ip else {
            return Ok(self.by_id(asked));
        };
        let filter = if ip.is_ipv6() {
            "ipv6-addresses.ipv6-address"
        } else {
            "addresses.private-ip-address"
        };
        let enis = self
            .facts
            .network_interfaces_where(Account::Consumer, &[(filter, vec![ip.to_string()])])
            .await?;
        for eni in &enis {
            if let Some(ep) = self
                .all
                .iter()
                .find(|e| e.network_interface_ids.contains(&eni.id))
            {
                let what = format!("{ip} ({})", eni.id);
                return Ok(self.pass(ep, Via::InterfaceAddress, None, &what));
            }
        }
        let o = match enis.first() {
            Some(eni) => Outcome::fail(crate::t!(
                "locate-ip-not-endpoint",
                ip = ip.to_string(),
                eni = &eni.id,
                subnet = &eni.subnet_id
            ))
            .field("description", crate::sanitize::one_line(&eni.description)),
            None => Outcome::fail(crate::t!(
                "locate-ip-unknown",
                ip = ip.to_string(),
                region = self.region()
            )),
        };
        Ok(Location::none(o.fix("find_address", &[])))
    }

    async fn by_name(&self, name: &str) -> Found {
        let answers = self.answers(name).await;
        let addresses = self.endpoints_at(&answers).await;
        // Measured outranks configured: an answer that is an endpoint's address says where
        // the name goes, whatever the configuration suggests.
        let landed: Vec<Candidate<'_>> = answers
            .iter()
            .filter_map(|ip| addresses.get(ip))
            .filter_map(|id| self.all.iter().find(|e| &e.id == id))
            .map(|e| (e, Via::DnsAnswer, None))
            .collect();
        let (configured, invisible) = self.configured(name).await?;
        let chosen = match (configured.first(), landed.first()) {
            (Some(c), Some(l)) if c.0.id == l.0.id => vec![c.clone()],
            (_, Some(_)) => landed,
            (Some(_), None) => configured,
            (None, None) => vec![],
        };
        let answer_text = answers_text(&answers);
        if let Some(l) = self.one_of(chosen, name) {
            let o = l
                .outcome
                .field(crate::t!("locate-field-dns-answer"), &answer_text);
            return Ok(Location { outcome: o, ..l });
        }
        if let Some(undecided) = invisible {
            // Something this account cannot read may serve the name: never a "no endpoint".
            let o = undecided.field(crate::t!("locate-field-dns-answer"), &answer_text);
            return Ok(Location::none(o));
        }
        Ok(self.unserved(name, &answers, answer_text).await)
    }

    /// The endpoints the configuration sends `name` to, most specific zone first; and, when
    /// none may be for want of a reading (an endpoint name of another account in a zone, a
    /// service's private DNS name that could not be read), the unknown verdict to give.
    async fn configured(
        &self,
        name: &str,
    ) -> Result<(Vec<Candidate<'_>>, Option<Outcome>), FactError> {
        let mut out: Vec<(usize, Candidate<'_>)> = Vec::new();
        let mut undecided: Option<Outcome> = None;
        // An endpoint's own names resolve from anywhere, to it wherever it is (a hub VPC).
        let own = |ep: &Endpoint| {
            ep.dns_entries.iter().any(|d| {
                name_matches(&d.dns_name, name)
                    && d.dns_name
                        .trim_start_matches("*.")
                        .starts_with(&format!("{}-", ep.id))
            })
        };
        if let Some(ep) = self.all.iter().find(|e| own(e)) {
            return Ok((vec![(ep, Via::EndpointName, None)], None));
        }
        for ep in self.endpoints {
            if is_gateway(ep) {
                if gateway_names(&ep.service_name, self.region())
                    .iter()
                    .any(|p| name_matches(p, name))
                {
                    out.push((0, (ep, Via::GatewayRoute, None)));
                }
                continue;
            }
            if !private_dns_serves_vpc(ep) {
                continue;
            }
            let mut patterns: Vec<String> = ep
                .dns_entries
                .iter()
                .map(|d| d.dns_name.clone())
                .filter(|n| {
                    !n.trim_start_matches("*.")
                        .starts_with(&format!("{}-", ep.id))
                })
                .collect();
            // The consumer's view of the service, else the provider's (the same reading as
            // private_dns.resolves); an AWS service's usual name is known without asking.
            patterns.extend(names_served(ep));
            match super::private_dns_name(self.ctx, ep).await {
                super::PrivateName::Known(Some(p)) => patterns.push(p),
                super::PrivateName::Known(None) => {}
                super::PrivateName::Unknowable(o) => {
                    undecided.get_or_insert(Outcome::unknown(crate::t!(
                        "locate-private-name-unknown",
                        name = name,
                        endpoint = &ep.id,
                        service = &ep.service_name,
                        reason = crate::checks::could_not_reason(&o.summary)
                    )));
                }
            }
            // S3's private DNS serves the regional name and every name under it.
            if ep.service_name.ends_with(".s3") {
                patterns.extend(gateway_names(&ep.service_name, self.region()));
            }
            if let Some(p) = patterns
                .iter()
                .find(|p| name_matches(p, name) || p.eq_ignore_ascii_case(name))
            {
                out.push((
                    p.trim_start_matches("*.").len(),
                    (ep, Via::PrivateDns, None),
                ));
            }
        }
        if let Some(vpc) = &self.place.vpc_id {
            match self.hosted_zone(vpc, name).await? {
                ZoneAnswer::Endpoint(specificity, c) => out.push((specificity, c)),
                // A central endpoint of another account (a shared hub): not broken, not ours
                // to read.
                ZoneAnswer::Invisible { zone, target } => {
                    undecided = Some(Outcome::unknown(crate::t!(
                        "locate-zone-invisible",
                        zone = &zone,
                        name = name,
                        target = &target
                    )));
                }
                ZoneAnswer::Nothing => {}
            }
        }
        out.sort_by_key(|(specificity, _)| std::cmp::Reverse(*specificity));
        Ok((out.into_iter().map(|(_, f)| f).collect(), undecided))
    }

    /// The endpoint a private hosted zone of the client's VPC points `name` at (an alias or
    /// CNAME to its DNS name, or A/AAAA records of its addresses) — in any VPC of the account.
    async fn hosted_zone(&self, vpc: &str, name: &str) -> Result<ZoneAnswer<'_>, FactError> {
        let zones = match self.facts.hosted_zones_by_vpc(vpc, self.region()).await {
            Ok(z) => z,
            // Without Route 53 rights the zones stay unread; the DNS answer still tells.
            Err(FactError::AccessDenied { .. }) => return Ok(ZoneAnswer::Nothing),
            Err(e) => return Err(e),
        };
        let Some(zone) = super::dns::zones_for(name, &zones).into_iter().next() else {
            return Ok(ZoneAnswer::Nothing);
        };
        for candidate in super::dns::record_names(name, &zone.name) {
            // A zone shared from another account may not be readable here: the DNS answer
            // still tells where the name goes.
            let Ok(records) = self.facts.record_sets(&zone.id, &candidate).await else {
                return Ok(ZoneAnswer::Nothing);
            };
            for r in &records {
                let targets: Vec<&String> = r.alias_target.iter().chain(r.values.iter()).collect();
                let ips: Vec<IpAddr> = targets.iter().filter_map(|t| t.parse().ok()).collect();
                let addresses = self.endpoints_at(&ips).await;
                let ep = self.all.iter().find(|e| {
                    targets.iter().any(|t| {
                        e.dns_entries.iter().any(|d| name_matches(&d.dns_name, t))
                            || t.parse::<IpAddr>()
                                .ok()
                                .and_then(|ip| addresses.get(&ip))
                                .is_some_and(|id| id == &e.id)
                    })
                });
                if let Some(ep) = ep {
                    let detail = format!("{} ({}, {} record)", zone.name, zone.id, r.record_type);
                    return Ok(ZoneAnswer::Endpoint(
                        zone.name.len(),
                        (ep, Via::HostedZone, Some(detail)),
                    ));
                }
                if let Some(t) = targets
                    .iter()
                    .find(|t| t.starts_with("vpce-") && t.ends_with(".vpce.amazonaws.com"))
                {
                    return Ok(ZoneAnswer::Invisible {
                        zone: format!("{} ({})", zone.name, zone.id),
                        target: (*t).clone(),
                    });
                }
            }
            if !records.is_empty() {
                return Ok(ZoneAnswer::Nothing);
            }
        }
        Ok(ZoneAnswer::Nothing)
    }

    /// The endpoints whose interfaces hold `ips`, found by address (one call, whatever the
    /// number of endpoints in the account).
    async fn endpoints_at(&self, ips: &[IpAddr]) -> BTreeMap<IpAddr, String> {
        let mut out = BTreeMap::new();
        for (filter, family) in [
            ("addresses.private-ip-address", false),
            ("ipv6-addresses.ipv6-address", true),
        ] {
            let wanted: Vec<String> = ips
                .iter()
                .filter(|ip| ip.is_ipv6() == family)
                .map(ToString::to_string)
                .collect();
            if wanted.is_empty() {
                continue;
            }
            let Ok(enis) = self
                .facts
                .network_interfaces_where(Account::Consumer, &[(filter, wanted)])
                .await
            else {
                continue;
            };
            for eni in enis {
                let Some(ep) = self
                    .all
                    .iter()
                    .find(|e| e.network_interface_ids.contains(&eni.id))
                else {
                    continue;
                };
                for ip in eni
                    .private_ip
                    .iter()
                    .chain(eni.private_ips.iter())
                    .chain(eni.ipv6_addresses.iter())
                    .filter_map(|s| s.parse::<IpAddr>().ok())
                    .filter(|ip| ips.contains(ip))
                {
                    out.insert(ip, ep.id.clone());
                }
            }
        }
        out
    }

    async fn answers(&self, name: &str) -> Vec<IpAddr> {
        let mut out = Vec::new();
        for record in [RecordType::A, RecordType::Aaaa] {
            if let Ok(DnsAnswer::Addresses { ips }) = self.facts.dns_record(name, record).await {
                out.extend(ips);
            }
        }
        out
    }

    /// No endpoint serves the name: what it resolves to, where the traffic goes, and which
    /// endpoint would serve it when it is an AWS service's name.
    async fn unserved(&self, name: &str, answers: &[IpAddr], answer_text: String) -> Location {
        if name == "sts.amazonaws.com" {
            let o = Outcome::fail(crate::t!(
                "locate-global-sts",
                name = name,
                region = self.region()
            ))
            .field(crate::t!("locate-field-dns-answer"), &answer_text);
            return Location::none(o.fix("regional_sts", &[]));
        }
        for service in services_for_name(name, self.region()) {
            let Ok(Some(detail)) = self.facts.service_offered(&service).await else {
                continue;
            };
            let serves = detail
                .private_dns_name
                .as_deref()
                .is_some_and(|p| name_matches(p, name) || p.eq_ignore_ascii_case(name))
                || gateway_names(&service, self.region())
                    .iter()
                    .any(|p| name_matches(p, name));
            if !serves {
                continue;
            }
            // The VPC has an interface endpoint of the service, private DNS off: the fix is
            // to turn it on, not a second endpoint.
            if let Some(ep) = self.endpoints.iter().find(|e| {
                e.service_name == service
                    && kind(e) == Kind::Interface
                    && !private_dns_serves_vpc(e)
            }) {
                let o = Outcome::fail(crate::t!(
                    "locate-private-dns-off",
                    name = name,
                    answers = &answer_text,
                    endpoint = &ep.id,
                    service = &service,
                    vpc = &ep.vpc_id
                ))
                .field(crate::t!("locate-field-dns-answer"), &answer_text)
                .field(
                    "PrivateDnsEnabled",
                    ep.private_dns_enabled
                        .map_or("not set".into(), |b| b.to_string()),
                );
                let o = self.route_evidence(o, Some(name)).await;
                return Location::none(
                    o.fix("enable_private_dns", &[("other_endpoint", ep.id.clone())]),
                );
            }
            let endpoint_type = preferred_type(&service, &detail);
            let summary = crate::t!(
                "locate-unserved-public",
                name = name,
                place = self.where_text(),
                answers = &answer_text
            );
            let mut l = self
                .missing(summary, &service, endpoint_type, vec![name.to_string()])
                .await;
            l.outcome = l
                .outcome
                .field(crate::t!("locate-field-dns-answer"), &answer_text);
            return l;
        }
        let summary = if answers.is_empty() {
            crate::t!(
                "locate-resolves-nowhere",
                name = name,
                answers = &answer_text,
                place = self.where_text()
            )
        } else {
            crate::t!(
                "locate-unserved-not-endpoint",
                name = name,
                place = self.where_text(),
                answers = &answer_text
            )
        };
        let o = Outcome::fail(summary).field(crate::t!("locate-field-dns-answer"), &answer_text);
        let o = self.route_evidence(o, Some(name)).await;
        Location::none(o.fix("point_name", &[("name", name.to_string())]))
    }
}

/// The kind of endpoint to create for a service: a gateway endpoint where the service offers
/// one (S3, DynamoDB: no hourly charge, no DNS change), an interface endpoint otherwise.
fn preferred_type(service: &str, detail: &crate::facts::model::ServiceDetail) -> &'static str {
    let gateway_service = service.ends_with(".s3") || service.ends_with(".dynamodb");
    if gateway_service || detail.service_type.iter().any(|t| t == "Gateway") {
        "Gateway"
    } else {
        "Interface"
    }
}

fn answers_text(answers: &[IpAddr]) -> String {
    if answers.is_empty() {
        crate::t!("locate-no-address")
    } else {
        answers
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn to_text(ip: Option<IpAddr>) -> String {
    ip.map_or_else(|| crate::t!("locate-the-internet"), |i| i.to_string())
}

/// The route table a subnet uses: its own association, else the VPC's main table.
fn table_of<'a>(tables: &'a [RouteTable], subnet: &str) -> Option<&'a RouteTable> {
    tables
        .iter()
        .find(|t| t.subnet_ids.iter().any(|s| s == subnet))
        .or_else(|| tables.iter().find(|t| t.main))
}

/// The most specific active route for `to` (prefix-list routes are not matched: their
/// ranges are not read here).
fn route_for(t: &RouteTable, to: IpAddr) -> Option<&crate::facts::model::Route> {
    t.routes
        .iter()
        .filter_map(|r| {
            let net: IpNet = r.destination.parse().ok()?;
            net.contains(&to).then_some((net.prefix_len(), r))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, r)| r)
}

fn route_words(r: Option<&crate::facts::model::Route>) -> String {
    let Some(r) = r else {
        return crate::t!("locate-no-route");
    };
    let via = if r.target.starts_with("nat-") {
        crate::t!("locate-via-nat")
    } else if r.target.starts_with("igw-") {
        crate::t!("locate-via-igw")
    } else if r.target.starts_with("tgw-") {
        crate::t!("locate-via-tgw")
    } else if r.target == "local" {
        crate::t!("locate-via-local")
    } else if r.target.starts_with("pcx-") {
        crate::t!("locate-via-peering")
    } else {
        crate::t!("locate-via-other")
    };
    let state = if r.state.eq_ignore_ascii_case("blackhole") {
        format!(" {}", crate::t!("locate-blackhole"))
    } else {
        String::new()
    };
    format!("{} → {} ({via}){state}", r.destination, r.target)
}

/// `target.resolved`: what was asked and the endpoint it resolved to.
pub async fn resolved(ctx: &Ctx) -> Outcome {
    let Some(asked) = &ctx.run.asked else {
        return Outcome::not_applicable(crate::t!("locate-asked-by-id"));
    };
    if asked.kind == TargetKind::Endpoint {
        return Outcome::not_applicable(crate::t!("locate-asked-by-id"));
    }
    locate(ctx, asked).await.outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_names_under_them_only() {
        assert!(name_matches(
            "*.s3.us-east-1.amazonaws.com",
            "bucket.s3.us-east-1.amazonaws.com"
        ));
        assert!(!name_matches(
            "*.s3.us-east-1.amazonaws.com",
            "s3.us-east-1.amazonaws.com"
        ));
        assert!(name_matches("Orders.Example.com.", "orders.example.com"));
    }

    #[test]
    fn endpoints_name_what_they_serve_without_asking() {
        let ep = |service: &str, kind: &str| Endpoint {
            id: "vpce-0a1b2c3d".into(),
            endpoint_type: kind.into(),
            service_name: service.into(),
            private_dns_enabled: Some(true),
            ..Endpoint::default()
        };
        let ecr = ep("com.amazonaws.us-east-1.ecr.api", "Interface");
        assert!(serves_name(&ecr, "api.ecr.us-east-1.amazonaws.com"));
        let dkr = ep("com.amazonaws.us-east-1.ecr.dkr", "Interface");
        assert!(serves_name(
            &dkr,
            "111122223333.dkr.ecr.us-east-1.amazonaws.com"
        ));
        let gw = ep("com.amazonaws.eu-west-1.s3", "Gateway");
        assert!(serves_name(&gw, "my-bucket.s3.eu-west-1.amazonaws.com"));
        let off = Endpoint {
            private_dns_enabled: Some(false),
            ..ep("com.amazonaws.us-east-1.sts", "Interface")
        };
        assert!(!serves_name(&off, "sts.us-east-1.amazonaws.com"));
    }

    use crate::checks::test_world::{EP, World};
    use crate::engine::outcome::Status;
    use crate::facts::{FactKey, FactValue};

    fn asking(
        target: &str,
        vpc: Option<&str>,
    ) -> impl FnOnce(&mut crate::context::RunContext) + use<> {
        let (asked, vpc) = (Asked::parse(target).unwrap(), vpc.map(str::to_string));
        move |run| {
            run.asked = Some(asked);
            run.vpc = vpc;
        }
    }

    #[tokio::test]
    async fn the_services_private_dns_name_reaches_its_endpoint() {
        let o = World::healthy()
            .eval_with(
                "target.resolved",
                asking("orders.internal.example.com", None),
            )
            .await;
        assert_eq!(o.status, Status::Pass, "{}", o.summary);
        assert!(
            o.summary.contains(EP) && o.summary.contains("private DNS"),
            "{}",
            o.summary
        );
    }

    #[tokio::test]
    async fn endpoints_in_two_vpcs_are_never_a_guess() {
        let w = World::healthy();
        let ep = w.endpoint();
        let other = Endpoint {
            id: "vpce-0f0f0f0f0f0f0f0f0".into(),
            vpc_id: "vpc-0ther0ther0ther0".into(),
            ..ep.clone()
        };
        let both = || {
            World::healthy().with(
                FactKey::EndpointList,
                FactValue::Endpoints(std::sync::Arc::new(vec![ep.clone(), other.clone()])),
            )
        };
        let o = both()
            .eval_with(
                "target.resolved",
                asking("orders.internal.example.com", None),
            )
            .await;
        assert_eq!(o.status, Status::Unknown, "{}", o.summary);
        assert!(o.summary.contains("--vpc"), "{}", o.summary);
        // The client's VPC decides.
        let o = both()
            .eval_with(
                "target.resolved",
                asking("orders.internal.example.com", Some(&ep.vpc_id)),
            )
            .await;
        assert_eq!(o.status, Status::Pass, "{}", o.summary);
        assert!(o.summary.contains(EP), "{}", o.summary);
    }

    #[tokio::test]
    async fn private_dns_off_leaves_the_name_unserved_and_an_id_is_not_applicable() {
        let o = World::healthy()
            .with_endpoint(|ep| ep.private_dns_enabled = Some(false))
            .eval_with(
                "target.resolved",
                asking("orders.internal.example.com", None),
            )
            .await;
        assert_eq!(o.status, Status::Fail, "{}", o.summary);
        assert!(o.summary.starts_with("no endpoint serves"), "{}", o.summary);
        let o = World::healthy().eval("target.resolved").await;
        assert_eq!(o.status, Status::NotApplicable);
    }

    #[tokio::test]
    async fn a_private_dns_name_that_cannot_be_read_is_unknown_never_no_endpoint() {
        let w = World::healthy();
        let ep = w.endpoint();
        let denied = |operation: &str, action: &str| crate::facts::FactError::AccessDenied {
            operation: operation.into(),
            action: action.into(),
            code: "UnauthorizedOperation".into(),
            message: "denied".into(),
        };
        // Only the endpoint's own names in its description: the private name must be read.
        let o = w
            .with_endpoint(|ep| ep.dns_entries.retain(|d| d.dns_name.starts_with("vpce-")))
            .with_err(
                FactKey::ServiceDetail {
                    service_name: ep.service_name.clone(),
                    service_type: Some(ep.endpoint_type.clone()),
                },
                denied(
                    "DescribeVpcEndpointServices",
                    "ec2:DescribeVpcEndpointServices",
                ),
            )
            .with_err(
                FactKey::ServiceConfig {
                    service_id: "vpce-svc-0f1e2d3c4b5a69788".into(),
                },
                denied(
                    "DescribeVpcEndpointServiceConfigurations",
                    "ec2:DescribeVpcEndpointServiceConfigurations",
                ),
            )
            .eval_with(
                "target.resolved",
                asking("orders.internal.example.com", None),
            )
            .await;
        assert_eq!(o.status, Status::Unknown, "{}", o.summary);
        assert!(o.summary.contains("could not tell"), "{}", o.summary);
    }

    #[tokio::test]
    async fn an_endpoint_of_the_service_with_private_dns_off_is_turned_on_not_duplicated() {
        let w = World::healthy();
        let sts = Endpoint {
            id: "vpce-0515151515151515a".into(),
            service_name: "com.amazonaws.us-east-1.sts".into(),
            private_dns_enabled: Some(false),
            dns_entries: vec![],
            ..w.endpoint()
        };
        let o = w
            .with(
                FactKey::EndpointList,
                FactValue::Endpoints(std::sync::Arc::new(vec![sts.clone()])),
            )
            .with(
                FactKey::ServiceDetail {
                    service_name: "com.amazonaws.us-east-1.sts".into(),
                    service_type: None,
                },
                FactValue::ServiceDetail(Some(crate::facts::model::ServiceDetail {
                    service_name: "com.amazonaws.us-east-1.sts".into(),
                    service_type: vec!["Interface".into()],
                    private_dns_name: Some("sts.us-east-1.amazonaws.com".into()),
                    ..Default::default()
                })),
            )
            .eval_with(
                "target.resolved",
                asking("sts.us-east-1.amazonaws.com", Some(&sts.vpc_id)),
            )
            .await;
        assert_eq!(o.status, Status::Fail, "{}", o.summary);
        assert!(o.summary.contains(&sts.id), "{}", o.summary);
        assert_eq!(o.fixes[0].key, "enable_private_dns");
    }

    #[test]
    fn aws_names_map_to_their_services() {
        let s = services_for_name("api.ecr.us-east-1.amazonaws.com", "us-east-1");
        assert!(
            s.contains(&"com.amazonaws.us-east-1.ecr.api".to_string()),
            "{s:?}"
        );
        let s = services_for_name("sts.eu-west-1.amazonaws.com", "eu-west-1");
        assert_eq!(
            s.first().map(String::as_str),
            Some("com.amazonaws.eu-west-1.sts")
        );
        assert!(services_for_name("orders.example.com", "us-east-1").is_empty());
    }
}
