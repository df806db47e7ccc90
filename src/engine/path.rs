//! The path a client's connection takes, hop by hop and zone by zone: what the path view, the
//! HTML report's SVG and the Markdown diagram draw. Data only: the checks module builds it
//! from facts once a run has finished, and each face colours a hop by the verdicts of the
//! checks that judge it ([`judge`]), so a rerun that changes a verdict recolours the picture.

use serde::{Deserialize, Serialize};

use super::outcome::Status;
use super::state::RunState;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathModel {
    pub kind: PathKind,
    /// The hops every zone shares before the path splits (the client, the DNS answer).
    pub shared: Vec<Hop>,
    /// One row per zone (AZ ID) of an interface endpoint, per route table of a gateway.
    pub lanes: Vec<Lane>,
    /// What the drawing lacks because a fact could not be read, one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathKind {
    /// client → DNS answer → endpoint interface → PrivateLink → load balancer → targets.
    Interface,
    /// subnet → route table → prefix list → service.
    Gateway,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lane {
    /// The AZ ID (interface endpoints) or the route table (gateway endpoints).
    pub name: String,
    pub hops: Vec<Hop>,
    /// Why no connection through this row can succeed, when the facts say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broken: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hop {
    pub kind: HopKind,
    /// A few words: an interface id, a load balancer name, "2/3 healthy".
    pub label: String,
    /// What the facts say of the hop, one line each (addresses, groups, states).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub detail: Vec<String>,
    /// The checks whose verdicts colour this hop, in catalog order.
    pub judged_by: Vec<String>,
    /// This row's own state, when the facts judge the hop zone by zone: it stands in for the
    /// verdicts of the zonal checks, which speak of every zone at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<Local>,
    /// The verdict when the path was judged ([`PathModel::judged`]): what a report shows.
    /// Empty in the engine's event, whose faces judge it live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub root_cause: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HopKind {
    Client,
    Dns,
    Interface,
    PrivateLink,
    LoadBalancer,
    TargetGroup,
    Targets,
    Subnet,
    RouteTable,
    PrefixList,
    Service,
}

impl Hop {
    pub fn new(kind: HopKind, label: impl Into<String>, judged_by: &[&str]) -> Hop {
        Hop {
            kind,
            label: label.into(),
            detail: Vec::new(),
            judged_by: judged_by.iter().map(ToString::to_string).collect(),
            local: None,
            status: None,
            root_cause: false,
        }
    }
    pub fn with_detail(mut self, detail: Vec<String>) -> Hop {
        self.detail = detail;
        self
    }
    pub fn with_local(mut self, local: Option<Local>) -> Hop {
        self.local = local;
        self
    }
}

impl HopKind {
    /// The column heading, in the reader's language.
    pub fn word(self) -> String {
        match self {
            HopKind::Client => crate::t!("path-hop-client"),
            HopKind::Dns => crate::t!("path-hop-dns"),
            HopKind::Interface => crate::t!("path-hop-interface"),
            HopKind::PrivateLink => crate::t!("path-hop-privatelink"),
            HopKind::LoadBalancer => crate::t!("path-hop-load-balancer"),
            HopKind::TargetGroup => crate::t!("path-hop-target-group"),
            HopKind::Targets => crate::t!("path-hop-targets"),
            HopKind::Subnet => crate::t!("path-hop-subnet"),
            HopKind::RouteTable => crate::t!("path-hop-route-table"),
            HopKind::PrefixList => crate::t!("path-hop-prefix-list"),
            HopKind::Service => crate::t!("path-hop-service"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Local {
    /// Works in this row.
    Ok,
    /// Nothing gets through here (no healthy target and no way across, no route).
    Broken,
    /// Served from other zones: cross-zone load balancing carries it.
    CrossZone,
    /// Not in this row (no load balancer node in the zone).
    Absent,
}

/// Checks that judge every zone (or route table) at once: on a hop with its own
/// [`Local`] state, that state speaks for them.
const ZONAL: &[&str] = &[
    "az.alignment",
    "nlb.zonal_health",
    "nlb.target_health",
    "traffic.unhealthy_hosts",
    "gateway.route_tables",
];

/// Whether check `id`'s verdict is this hop's: a zonal check's is not, on a hop whose row
/// has its own state.
pub fn speaks_for(hop: &Hop, id: &str) -> bool {
    hop.local.is_none() || !ZONAL.contains(&id)
}

/// Whether check `id` is one to read about this hop: all of them, but a zonal check on a
/// row its failure is not about (a healthy zone beside a broken one).
pub fn concerns(hop: &Hop, id: &str) -> bool {
    speaks_for(hop, id) || hop.local == Some(Local::Broken)
}

/// How a hop stands now.
#[derive(Debug, Clone, PartialEq)]
pub struct HopVerdict {
    /// The worst verdict over the hop's checks (`None`: none has finished).
    pub status: Option<Status>,
    /// One of the run's root causes judges this hop, and the hop is failing.
    pub root_cause: bool,
    /// Each judging check in the run with its verdict so far.
    pub checks: Vec<(String, Option<Status>)>,
}

/// The hop's colour and mark from the verdicts in `state`.
pub fn judge(hop: &Hop, state: &RunState) -> HopVerdict {
    judge_among(hop, state, &root_cause_ids(state))
}

fn root_cause_ids(state: &RunState) -> Vec<String> {
    state.root_causes().iter().map(|c| c.id.clone()).collect()
}

/// [`judge`] with the run's root causes already listed (once for a whole drawing).
fn judge_among(hop: &Hop, state: &RunState, roots: &[String]) -> HopVerdict {
    let checks: Vec<(String, Option<Status>)> = hop
        .judged_by
        .iter()
        .filter_map(|id| state.get(id).map(|c| (id.clone(), c.status())))
        .collect();
    let speaks = |id: &str| speaks_for(hop, id);
    let mut statuses: Vec<Status> = checks
        .iter()
        .filter(|(id, _)| speaks(id))
        .filter_map(|(_, s)| *s)
        .filter(|s| !matches!(s, Status::NotApplicable | Status::Advice))
        .collect();
    match hop.local {
        Some(Local::Ok | Local::CrossZone) => statuses.push(Status::Pass),
        Some(Local::Broken) => statuses.push(Status::Fail),
        Some(Local::Absent) | None => {}
    }
    // Every check that judges the hop has spoken and none applies: say so, not "pending".
    let all_spoke = !checks.is_empty() && checks.iter().all(|(_, s)| s.is_some());
    let status = statuses
        .into_iter()
        .min()
        .or(all_spoke.then_some(Status::NotApplicable));
    let root_cause = status == Some(Status::Fail)
        && hop.judged_by.iter().any(|id| roots.contains(id))
        && (hop.local != Some(Local::Ok));
    HopVerdict {
        status,
        root_cause,
        checks,
    }
}

impl PathModel {
    /// Every hop in reading order: the shared ones, then each lane's.
    pub fn hops(&self) -> impl Iterator<Item = &Hop> {
        self.shared
            .iter()
            .chain(self.lanes.iter().flat_map(|l| l.hops.iter()))
    }

    /// The same path with each hop's verdict from `state` written in.
    pub fn judged(&self, state: &RunState) -> PathModel {
        let mut out = self.clone();
        let hops = out
            .shared
            .iter_mut()
            .chain(out.lanes.iter_mut().flat_map(|l| l.hops.iter_mut()));
        let roots = root_cause_ids(state);
        for hop in hops {
            let verdict = judge_among(hop, state, &roots);
            hop.status = verdict.status;
            hop.root_cause = verdict.root_cause;
        }
        out
    }

    /// The rows a drawing shows: the shared hops (when there are any), then each lane, with
    /// the row's name and why it is broken.
    pub fn rows(&self) -> Vec<(Option<&str>, &[Hop], Option<&str>)> {
        let mut rows = Vec::new();
        if !self.shared.is_empty() {
            rows.push((None, self.shared.as_slice(), None));
        }
        for lane in &self.lanes {
            rows.push((
                Some(lane.name.as_str()),
                lane.hops.as_slice(),
                lane.broken.as_deref(),
            ));
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(judged_by: &[&str], local: Option<Local>) -> Hop {
        Hop::new(HopKind::Targets, "x", judged_by).with_local(local)
    }

    #[test]
    fn a_zone_judged_by_its_own_facts_is_not_painted_by_a_zonal_failure() {
        use crate::engine::catalog::Catalog;
        use crate::engine::state::{CheckResult, Phase};
        let catalog = Catalog::embedded().expect("catalog");
        let mut state = RunState::new(&catalog);
        let result = |status| CheckResult {
            status,
            summary: String::new(),
            evidence: vec![],
            remediation: vec![],
            blocked_by: vec![],
            consequence_of: vec![],
            overruled_by: vec![],
            duration_ms: 0,
            reproduce: None,
        };
        for c in &mut state.checks {
            c.phase = Phase::Done(result(if c.id == "nlb.zonal_health" {
                Status::Fail
            } else {
                Status::Pass
            }));
        }
        let healthy_zone = judge(&hop(&["nlb.zonal_health"], Some(Local::Ok)), &state);
        assert_eq!(healthy_zone.status, Some(Status::Pass));
        assert!(!healthy_zone.root_cause);
        let broken_zone = judge(&hop(&["nlb.zonal_health"], Some(Local::Broken)), &state);
        assert_eq!(broken_zone.status, Some(Status::Fail));
        assert!(broken_zone.root_cause);
        // Without a zone's own state, the check's verdict is the hop's.
        let unzoned = judge(&hop(&["nlb.zonal_health"], None), &state);
        assert_eq!(unzoned.status, Some(Status::Fail));
        let other = judge(&hop(&["nlb.listeners"], None), &state);
        assert_eq!(other.status, Some(Status::Pass));
        assert!(!other.root_cause);
    }
}
