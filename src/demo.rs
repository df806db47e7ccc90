//! Bundled scenarios: snapshots (the `--save-snapshot` format) of realistic PrivateLink
//! situations, embedded so `vpce-doctor demo` needs no account and no network.

use std::sync::Arc;

use crate::engine::catalog::Catalog;
use crate::facts::model::Endpoint;
use crate::facts::snapshot::{RecordedResult, Snapshot};
use crate::facts::{FactKey, FactValue};
use crate::session::{DiagOptions, InputError, Session};

pub struct Scenario {
    pub name: &'static str,
    pub title: &'static str,
    pub json: &'static str,
}

pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "healthy",
        title: "everything works: a custom service across two accounts",
        json: include_str!("../assets/demo/healthy.json"),
    },
    Scenario {
        name: "pending-acceptance",
        title: "the service owner has not accepted the connection",
        json: include_str!("../assets/demo/pending-acceptance.json"),
    },
    Scenario {
        name: "sg-blocks-443",
        title: "the endpoint's security group does not admit the clients on 443",
        json: include_str!("../assets/demo/sg-blocks-443.json"),
    },
    Scenario {
        name: "private-dns-broken",
        title: "private DNS chain broken: the VPC has DNS hostnames off",
        json: include_str!("../assets/demo/private-dns-broken.json"),
    },
    Scenario {
        name: "dns-forward-hijack",
        title: "a Resolver rule forwards the private DNS name on premises: the endpoint's private DNS is never asked",
        json: include_str!("../assets/demo/dns-forward-hijack.json"),
    },
    Scenario {
        name: "unhealthy-targets-az",
        title: "one zone's targets fail health checks and cross-zone is off: that zone's clients fail",
        json: include_str!("../assets/demo/unhealthy-targets-az.json"),
    },
    Scenario {
        name: "gateway-missing-route",
        title: "S3 gateway endpoint: a route table lost its prefix-list route",
        json: include_str!("../assets/demo/gateway-missing-route.json"),
    },
    Scenario {
        name: "gwlb-no-route",
        title: "a Gateway Load Balancer endpoint no route table sends traffic to",
        json: include_str!("../assets/demo/gwlb-no-route.json"),
    },
    Scenario {
        name: "resource-association-failed",
        title: "a Resource endpoint (VPC Lattice) whose association FAILED",
        json: include_str!("../assets/demo/resource-association-failed.json"),
    },
    Scenario {
        name: "cross-region",
        title: "cross-region: an endpoint in us-east-1 to a service hosted in us-west-2",
        json: include_str!("../assets/demo/cross-region.json"),
    },
    Scenario {
        name: "ipv6-only",
        title: "an IPv6-only endpoint: AAAA records, IPv6 rules, IPv6-only subnets, all healthy",
        json: include_str!("../assets/demo/ipv6-only.json"),
    },
];

impl Scenario {
    /// The title in the reader's language (`title` is the English).
    pub fn title_text(&self) -> String {
        match self.name {
            "healthy" => crate::t!("tui-demo-title-healthy"),
            "pending-acceptance" => crate::t!("tui-demo-title-pending-acceptance"),
            "sg-blocks-443" => crate::t!("tui-demo-title-sg-blocks-443"),
            "private-dns-broken" => crate::t!("tui-demo-title-private-dns-broken"),
            "dns-forward-hijack" => crate::t!("tui-demo-title-dns-forward-hijack"),
            "unhealthy-targets-az" => crate::t!("tui-demo-title-unhealthy-targets-az"),
            "gateway-missing-route" => crate::t!("tui-demo-title-gateway-missing-route"),
            "gwlb-no-route" => crate::t!("tui-demo-title-gwlb-no-route"),
            "resource-association-failed" => {
                crate::t!("tui-demo-title-resource-association-failed")
            }
            "cross-region" => crate::t!("tui-demo-title-cross-region"),
            "ipv6-only" => crate::t!("tui-demo-title-ipv6-only"),
            _ => self.title.to_string(),
        }
    }
}

pub fn find(name: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.name == name)
}

pub fn snapshot(s: &Scenario) -> Result<Snapshot, InputError> {
    Snapshot::parse(s.json, &format!("demo:{}", s.name)).map_err(|e| InputError(e.to_string()))
}

pub fn session(s: &Scenario, catalog: Arc<Catalog>) -> Result<Session, InputError> {
    let snap = snapshot(s)?;
    Ok(Session::replay(
        snap,
        &DiagOptions::default(),
        format!("demo:{}", s.name),
        catalog,
    ))
}

/// Each scenario with the endpoint it records (the demo picker's rows).
pub fn endpoints() -> Vec<(&'static Scenario, Endpoint)> {
    SCENARIOS
        .iter()
        .filter_map(|s| {
            let snap = snapshot(s).ok()?;
            let ep = snap.facts.iter().find_map(|f| match (&f.key, &f.result) {
                (FactKey::Endpoint { .. }, RecordedResult::Value(v)) => match v.as_ref() {
                    FactValue::Endpoint(ep) => Some(ep.as_ref().clone()),
                    _ => None,
                },
                _ => None,
            })?;
            Some((s, ep))
        })
        .collect()
}

/// A scenario run to the end: its session and the resulting run state (for the tests of
/// the faces that read a finished run).
#[cfg(test)]
pub(crate) async fn replay(name: &str) -> (Session, crate::engine::state::RunState) {
    let catalog = Arc::new(Catalog::embedded().expect("catalog"));
    let session = session(find(name).expect("scenario"), catalog).expect("scenario parses");
    let state = session.run_to_end(None).await;
    (session, state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::outcome::Status;
    use crate::engine::state::RunState;

    async fn verdicts(name: &str) -> RunState {
        replay(name).await.1
    }

    #[tokio::test]
    async fn every_scenario_gives_its_verdict() {
        let expected: &[(&str, i32, &[&str])] = &[
            ("healthy", 0, &[]),
            // service.connection is the provider's view of the same refused connection: a
            // consequence of endpoint.state, not a second root cause.
            ("pending-acceptance", 1, &["endpoint.state"]),
            ("sg-blocks-443", 1, &["endpoint.security_groups"]),
            ("private-dns-broken", 1, &["vpc.dns_hostnames"]),
            ("dns-forward-hijack", 1, &["dns.resolution_path"]),
            ("unhealthy-targets-az", 1, &["nlb.zonal_health"]),
            ("gateway-missing-route", 1, &["gateway.route_tables"]),
            ("gwlb-no-route", 1, &["gwlb.route_tables"]),
            ("resource-association-failed", 1, &["lattice.associations"]),
            // The provider side is read in us-west-2; nothing fails, nothing is unknown.
            ("cross-region", 0, &[]),
            ("ipv6-only", 0, &[]),
        ];
        assert_eq!(expected.len(), SCENARIOS.len());
        for (name, code, roots) in expected {
            let state = verdicts(name).await;
            let got: Vec<&str> = state.root_causes().iter().map(|c| c.id.as_str()).collect();
            assert_eq!(&got, roots, "{name}");
            assert_eq!(state.exit_code(), *code, "{name}");
            // A scenario records every fact its checks ask for.
            for c in &state.checks {
                let r = c.result().unwrap();
                assert_ne!(
                    r.status,
                    Status::Unknown,
                    "{name}: {} is unknown: {}",
                    c.id,
                    r.summary
                );
            }
        }
        // The provider profile reads the resource gateway: sound, so the share is the cause.
        let rs = verdicts("resource-association-failed").await;
        for id in [
            "lattice.gateway_zones",
            "lattice.gateway_capacity",
            "lattice.gateway_security_groups",
        ] {
            let r = rs.get(id).unwrap().result().unwrap();
            assert_eq!(r.status, Status::Pass, "{id}: {}", r.summary);
        }
        // The measured answer is not blocked by the static checks: it is their consequence.
        let dns = verdicts("private-dns-broken").await;
        let resolves = dns.get("private_dns.resolves").unwrap().result().unwrap();
        assert_eq!(resolves.status, Status::Fail, "{}", resolves.summary);
        // The resolution path fails too (hostnames off: no zone is served), itself a
        // consequence of the same attribute.
        assert_eq!(
            resolves.consequence_of,
            vec![
                "vpc.dns_hostnames".to_string(),
                "dns.resolution_path".to_string()
            ]
        );
        let path = dns.get("dns.resolution_path").unwrap().result().unwrap();
        assert_eq!(path.consequence_of, vec!["vpc.dns_hostnames".to_string()]);
        let connection = verdicts("pending-acceptance").await;
        let connection = connection
            .get("service.connection")
            .unwrap()
            .result()
            .unwrap();
        assert_eq!(
            connection.consequence_of,
            vec!["endpoint.state".to_string()]
        );
        assert!(
            connection
                .summary
                .starts_with("consequence of endpoint.state: "),
            "{}",
            connection.summary
        );
        // Its accept command is listed once, under the root cause.
        let pending = verdicts("pending-acceptance").await;
        let fixes = pending.root_cause_fixes();
        assert_eq!(fixes.len(), 1);
        assert_eq!(fixes[0].1.len(), 1);
        let az = verdicts("unhealthy-targets-az").await;
        assert_eq!(
            az.get("nlb.target_health").unwrap().status(),
            Some(Status::Warn)
        );
        // The provider names the failing zone us-east-1d, the consumer us-east-1b: the
        // finding is stated by AZ ID.
        let zonal = az.get("nlb.zonal_health").unwrap().result().unwrap();
        assert!(zonal.summary.starts_with("use1-az6:"), "{}", zonal.summary);
        let pending = verdicts("pending-acceptance").await;
        assert_eq!(
            pending.get("endpoint.dns").unwrap().status(),
            Some(Status::Blocked)
        );
    }

    #[test]
    fn every_scenario_records_its_endpoint() {
        let items = endpoints();
        assert_eq!(items.len(), SCENARIOS.len());
        assert!(
            items
                .iter()
                .any(|(s, ep)| s.name == "pending-acceptance" && ep.state == "pendingAcceptance")
        );
    }
}

#[cfg(test)]
mod family_scenarios;
