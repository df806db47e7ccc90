//! `client.routes` (and `endpoint.nacls` for the same clients) on the shared test world: a
//! peered VPC, a transit-gateway VPC and on-premises clients, healthy and broken.

use super::test_world::{World, var};
use crate::context::ClientSource;
use crate::engine::outcome::{Account, Evidence, Outcome, Status};
use crate::facts::model::{
    NaclEntry, NetworkAcl, PeeringConnection, Route, RouteTable, Subnet, Vpc,
};
use crate::facts::{FactKey, FactValue};

/// The endpoint's VPC (10.40.0.0/16; its interfaces 10.40.1.87 and 10.40.2.143).
const VPC: &str = "vpc-0c3f9a7d2e1b45a60";
const PEER: &str = "vpc-0aa11bb22cc33dd44";
const PEER_SUBNET: &str = "subnet-0aa11bb22cc33dd45";
const PCX: &str = "pcx-0123456789abcdef0";
const OTHER_PCX: &str = "pcx-0fedcba9876543210";
const TGW: &str = "tgw-0a1b2c3d4e5f60718";
const VGW: &str = "vgw-0a1b2c3d4e5f60718";
const CHECK: &str = "client.routes";

fn route(destination: &str, target: &str) -> Route {
    Route {
        destination: destination.into(),
        target: target.into(),
        state: "active".into(),
        origin: "CreateRoute".into(),
    }
}

fn local(cidr: &str) -> Route {
    Route {
        origin: "CreateRouteTable".into(),
        ..route(cidr, "local")
    }
}

fn blackhole(destination: &str, target: &str) -> Route {
    Route {
        state: "blackhole".into(),
        ..route(destination, target)
    }
}

fn pcx(id: &str, a: &str, b: &str, status: &str) -> PeeringConnection {
    PeeringConnection {
        id: id.into(),
        status: status.into(),
        requester_vpc: a.into(),
        accepter_vpc: b.into(),
        accepter_owner: Some("111122223333".into()),
    }
}

/// The endpoint VPC's main table (its subnets have no table of their own) with `routes`
/// beside the local one.
fn endpoint_tables(routes: Vec<Route>) -> FactValue {
    let mut all = vec![local("10.40.0.0/16")];
    all.extend(routes);
    FactValue::RouteTables(vec![RouteTable {
        id: "rtb-0e0e0e0e0e0e0e0e0".into(),
        vpc_id: VPC.into(),
        main: true,
        subnet_ids: vec![],
        routes: all,
    }])
}

/// The peer VPC (10.60.0.0/16, one subnet on a table of its own holding `routes`, and an
/// empty main table).
fn with_peer(w: World, routes: Vec<Route>) -> World {
    let mut all = vec![local("10.60.0.0/16")];
    all.extend(routes);
    w.with(
        FactKey::Vpc { id: PEER.into() },
        FactValue::Vpc(Vpc {
            id: PEER.into(),
            cidr_blocks: vec!["10.60.0.0/16".into()],
            owner_id: Some("111122223333".into()),
            dhcp_options_id: None,
            ipv6_cidr_blocks: vec![],
        }),
    )
    .with(
        FactKey::Subnets {
            vpc_id: PEER.into(),
            account: Account::Consumer,
        },
        FactValue::Subnets(vec![Subnet {
            id: PEER_SUBNET.into(),
            vpc_id: PEER.into(),
            cidr: "10.60.1.0/24".into(),
            availability_zone: "us-east-1a".into(),
            ..Default::default()
        }]),
    )
    .with(
        FactKey::RouteTables {
            vpc_id: PEER.into(),
        },
        FactValue::RouteTables(vec![
            RouteTable {
                id: "rtb-0b0b0b0b0b0b0b0b0".into(),
                vpc_id: PEER.into(),
                main: false,
                subnet_ids: vec![PEER_SUBNET.into()],
                routes: all,
            },
            RouteTable {
                id: "rtb-0c0c0c0c0c0c0c0c0".into(),
                vpc_id: PEER.into(),
                main: true,
                subnet_ids: vec![],
                routes: vec![local("10.60.0.0/16")],
            },
        ]),
    )
}

fn world(
    ep_routes: Vec<Route>,
    peer_routes: Vec<Route>,
    peerings: Vec<PeeringConnection>,
) -> World {
    let mut ids: Vec<String> = ep_routes
        .iter()
        .chain(peer_routes.iter())
        .filter(|r| r.target.starts_with("pcx-") && r.state == "active")
        .map(|r| r.target.clone())
        .collect();
    ids.sort();
    ids.dedup();
    let w = World::healthy().with(
        FactKey::RouteTables { vpc_id: VPC.into() },
        endpoint_tables(ep_routes),
    );
    let w = with_peer(w, peer_routes);
    if ids.is_empty() {
        return w;
    }
    w.with(
        FactKey::PeeringConnections { ids },
        FactValue::PeeringConnections(peerings),
    )
}

async fn from_peer(w: World) -> Outcome {
    w.eval_with(CHECK, |r| r.from = Some(ClientSource::Vpc(PEER.into())))
        .await
}

async fn from_onprem(w: World, cidr: &str) -> Outcome {
    let net = cidr.parse().unwrap();
    w.eval_with(CHECK, |r| r.from = Some(ClientSource::OnPrem(net)))
        .await
}

fn active() -> Vec<PeeringConnection> {
    vec![pcx(PCX, PEER, VPC, "active")]
}

#[tokio::test]
async fn a_peered_vpc_with_routes_both_ways_passes() {
    let o = from_peer(world(
        vec![route("10.60.0.0/16", PCX)],
        vec![route("10.40.0.0/16", PCX)],
        active(),
    ))
    .await;
    assert_eq!(o.status, Status::Pass, "{o:?}");
    assert!(o.summary.contains(PCX), "{}", o.summary);
    assert!(o.fixes.is_empty());
}

#[tokio::test]
async fn a_missing_return_route_fails_naming_the_endpoint_subnets_table_with_the_peering_of_the_other_side()
 {
    let o = from_peer(world(vec![], vec![route("10.40.0.0/16", PCX)], active())).await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert!(o.summary.contains("rtb-0e0e0e0e0e0e0e0e0"), "{}", o.summary);
    assert!(o.summary.contains("10.60.0.0/16"), "{}", o.summary);
    assert_eq!(
        var(&o, "add_route", "route_table_id"),
        Some("rtb-0e0e0e0e0e0e0e0e0")
    );
    assert_eq!(
        var(&o, "add_route", "destination_arg"),
        Some("--destination-cidr-block 10.60.0.0/16")
    );
    assert_eq!(
        var(&o, "add_route", "gateway_arg"),
        Some(format!("--vpc-peering-connection-id {PCX}").as_str())
    );
}

#[tokio::test]
async fn a_missing_route_toward_the_endpoint_names_each_endpoint_subnet() {
    let o = from_peer(world(vec![route("10.60.0.0/16", PCX)], vec![], active())).await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert!(o.summary.contains("rtb-0b0b0b0b0b0b0b0b0"), "{}", o.summary);
    let dests: Vec<&str> = o
        .fixes
        .iter()
        .filter(|f| f.key == "add_route")
        .flat_map(|f| {
            f.vars
                .iter()
                .filter(|(k, _)| k == "destination")
                .map(|(_, v)| v.as_str())
        })
        .collect();
    assert_eq!(dests, ["10.40.1.0/24", "10.40.2.0/24"]);
}

#[tokio::test]
async fn no_route_on_either_side_names_no_gateway_it_cannot_know() {
    let o = from_peer(world(vec![], vec![], vec![])).await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert!(
        o.fixes.iter().all(|f| f.key == "route_by_hand"),
        "{:?}",
        o.fixes
    );
    assert!(!o.fixes.is_empty());
}

#[tokio::test]
async fn a_blackhole_route_fails_and_is_replaced_when_it_has_the_very_destination() {
    let o = from_peer(world(
        vec![blackhole("10.60.0.0/16", "pcx-0aaaaaaaaaaaaaaa1")],
        vec![route("10.40.0.0/16", PCX)],
        active(),
    ))
    .await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert!(o.summary.contains("blackhole"), "{}", o.summary);
    assert_eq!(
        var(&o, "replace_route", "route_table_id"),
        Some("rtb-0e0e0e0e0e0e0e0e0")
    );
    assert_eq!(var(&o, "replace_route", "gateway"), Some(PCX));
}

#[tokio::test]
async fn an_inactive_peering_connection_fails_and_a_pending_one_is_accepted() {
    let routes = || {
        (
            vec![route("10.60.0.0/16", PCX)],
            vec![route("10.40.0.0/16", PCX)],
        )
    };
    let (a, b) = routes();
    let o = from_peer(world(a, b, vec![pcx(PCX, PEER, VPC, "deleted")])).await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert!(o.summary.contains("deleted"), "{}", o.summary);
    assert!(o.fixes.iter().all(|f| f.key != "accept_peering"));
    let (a, b) = routes();
    let o = from_peer(world(a, b, vec![pcx(PCX, PEER, VPC, "pending-acceptance")])).await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert_eq!(var(&o, "accept_peering", "pcx_id"), Some(PCX));
}

#[tokio::test]
async fn a_transit_gateway_both_ways_passes_and_says_its_tables_are_not_read() {
    let o = from_peer(world(
        vec![route("10.0.0.0/8", TGW)],
        vec![route("10.0.0.0/8", TGW)],
        vec![],
    ))
    .await;
    assert_eq!(o.status, Status::Pass, "{o:?}");
    assert!(o.summary.contains("not read"), "{}", o.summary);
    // Without the route back, the fix uses the transit gateway the peer's route names.
    let o = from_peer(world(vec![], vec![route("10.0.0.0/8", TGW)], vec![])).await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert_eq!(
        var(&o, "add_route", "gateway_arg"),
        Some(format!("--transit-gateway-id {TGW}").as_str())
    );
}

#[tokio::test]
async fn a_more_specific_route_elsewhere_wins_over_the_peering() {
    // The peer sends 10.40.1.0/24 (where one endpoint interface is) to another VPC.
    let o = from_peer(world(
        vec![route("10.60.0.0/16", PCX)],
        vec![route("10.40.0.0/16", PCX), route("10.40.1.0/24", OTHER_PCX)],
        vec![
            pcx(PCX, PEER, VPC, "active"),
            pcx(OTHER_PCX, PEER, "vpc-0999999999999999a", "active"),
        ],
    ))
    .await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert!(o.summary.contains("10.40.1.87"), "{}", o.summary);
    assert!(o.summary.contains(OTHER_PCX), "{}", o.summary);
    assert!(!o.summary.contains("10.40.2.143"), "{}", o.summary);
    // And back: a part of the peer's range sent to an internet gateway.
    let o = from_peer(world(
        vec![
            route("10.60.0.0/16", PCX),
            route("10.60.1.0/24", "igw-0a1b2c3d4e5f60718"),
        ],
        vec![route("10.40.0.0/16", PCX)],
        active(),
    ))
    .await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert!(o.summary.contains("10.60.1.0/24"), "{}", o.summary);
    assert!(o.summary.contains("internet gateway"), "{}", o.summary);
}

#[tokio::test]
async fn on_premises_clients_pass_with_a_propagated_vgw_route() {
    let propagated = Route {
        origin: "EnableVgwRoutePropagation".into(),
        ..route("192.168.0.0/16", VGW)
    };
    let w = World::healthy().with(
        FactKey::RouteTables { vpc_id: VPC.into() },
        endpoint_tables(vec![propagated]),
    );
    let o = from_onprem(w, "192.168.10.0/24").await;
    assert_eq!(o.status, Status::Pass, "{o:?}");
    let rows = o
        .evidence
        .iter()
        .find_map(|e| match e {
            Evidence::Table { title, rows, .. } if title == "routes" => Some(rows),
            _ => None,
        })
        .expect("routes table");
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| c.contains("propagated"))),
        "{rows:?}"
    );
}

#[tokio::test]
async fn on_premises_clients_without_a_route_fail_with_the_table_and_range() {
    let w = World::healthy().with(
        FactKey::RouteTables { vpc_id: VPC.into() },
        endpoint_tables(vec![]),
    );
    let o = from_onprem(w, "192.168.10.0/24").await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert!(o.summary.contains("rtb-0e0e0e0e0e0e0e0e0"), "{}", o.summary);
    assert!(o.summary.contains("192.168.10.0/24"), "{}", o.summary);
    assert!(
        o.fixes.iter().all(|f| f.key == "route_by_hand"),
        "{:?}",
        o.fixes
    );
    // A virtual private gateway the VPC already routes to (another range): the fix names it.
    let w = World::healthy().with(
        FactKey::RouteTables { vpc_id: VPC.into() },
        endpoint_tables(vec![route("172.16.0.0/12", VGW)]),
    );
    let o = from_onprem(w, "192.168.10.0/24").await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert_eq!(
        var(&o, "add_route", "gateway_arg"),
        Some(format!("--gateway-id {VGW}").as_str())
    );
    // A peering connection carries no on-premises traffic.
    let w = World::healthy().with(
        FactKey::RouteTables { vpc_id: VPC.into() },
        endpoint_tables(vec![route("192.168.0.0/16", PCX)]),
    );
    let o = from_onprem(w, "192.168.10.0/24").await;
    assert_eq!(o.status, Status::Fail, "{o:?}");
    assert!(o.summary.contains("not transitive"), "{}", o.summary);
}

#[tokio::test]
async fn clients_inside_the_endpoints_vpc_or_unnamed_are_not_applicable() {
    let o = World::healthy().eval(CHECK).await;
    assert_eq!(o.status, Status::NotApplicable, "{o:?}");
    let o = World::healthy()
        .eval_with(CHECK, |r| r.from = Some(ClientSource::Vpc(VPC.into())))
        .await;
    assert_eq!(o.status, Status::NotApplicable, "{o:?}");
    let o = World::healthy()
        .eval_with(CHECK, |r| {
            r.from = Some(ClientSource::Subnet("subnet-0a9d8c7b6e5f40312".into()));
        })
        .await;
    assert_eq!(o.status, Status::NotApplicable, "{o:?}");
}

#[tokio::test]
async fn a_route_through_an_appliance_is_a_warning_not_a_failure() {
    let o = from_peer(world(
        vec![route("10.60.0.0/16", "eni-0a1b2c3d4e5f60718")],
        vec![route("10.40.0.0/16", PCX)],
        active(),
    ))
    .await;
    assert_eq!(o.status, Status::Warn, "{o:?}");
}

/// The endpoint subnets' ACL denying the peer's range: the requests in, or the replies out
/// to its ephemeral ports.
fn acl_denying(entry: NaclEntry) -> FactValue {
    let allow = |egress: bool| NaclEntry {
        rule_number: 100,
        protocol: "-1".into(),
        allow: true,
        egress,
        cidr: "0.0.0.0/0".into(),
        port_from: None,
        port_to: None,
    };
    FactValue::NetworkAcls(vec![NetworkAcl {
        id: "acl-0a2b4c6d8e0f13579".into(),
        vpc_id: VPC.into(),
        is_default: true,
        subnet_ids: vec![
            "subnet-0a9d8c7b6e5f40312".into(),
            "subnet-0b8e7d6c5f4a30291".into(),
        ],
        entries: vec![entry, allow(false), allow(true)],
    }])
}

#[tokio::test]
async fn the_nacls_judge_a_peered_vpc_and_on_premises_clients_by_their_ranges() {
    let deny = |egress: bool, cidr: &str| NaclEntry {
        rule_number: 50,
        protocol: "-1".into(),
        allow: false,
        egress,
        cidr: cidr.into(),
        port_from: None,
        port_to: None,
    };
    let key = FactKey::NetworkAcls { vpc_id: VPC.into() };
    for (egress, from) in [
        (false, ClientSource::Vpc(PEER.into())),
        (true, ClientSource::Vpc(PEER.into())),
        (
            false,
            ClientSource::OnPrem("192.168.10.0/24".parse().unwrap()),
        ),
        (
            true,
            ClientSource::OnPrem("192.168.10.0/24".parse().unwrap()),
        ),
    ] {
        let cidr = if matches!(from, ClientSource::Vpc(_)) {
            "10.60.0.0/16"
        } else {
            "192.168.0.0/16"
        };
        let w =
            with_peer(World::healthy(), vec![]).with(key.clone(), acl_denying(deny(egress, cidr)));
        let o = w
            .eval_with("endpoint.nacls", |r| r.from = Some(from.clone()))
            .await;
        assert_eq!(o.status, Status::Fail, "{from} egress={egress}: {o:?}");
        assert!(o.summary.contains("rule 50"), "{}", o.summary);
        // The same ACL with the deny for another range lets them through.
        let w = with_peer(World::healthy(), vec![])
            .with(key.clone(), acl_denying(deny(egress, "172.16.0.0/12")));
        let o = w
            .eval_with("endpoint.nacls", |r| r.from = Some(from.clone()))
            .await;
        assert_eq!(o.status, Status::Pass, "{from} egress={egress}: {o:?}");
    }
}

#[tokio::test]
async fn on_premises_clients_pass_through_a_cloud_wan_core_network() {
    let core = "arn:aws:networkmanager::111122223333:core-network/core-network-0a1b2c3d4e5f60718";
    let w = World::healthy().with(
        FactKey::RouteTables { vpc_id: VPC.into() },
        endpoint_tables(vec![route("192.168.0.0/16", core)]),
    );
    let o = from_onprem(w, "192.168.10.0/24").await;
    assert_eq!(o.status, Status::Pass, "{o:?}");
}
