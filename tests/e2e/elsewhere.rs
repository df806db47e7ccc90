//! Clients elsewhere (`client.routes`) against moto: a peered client VPC with routes both
//! ways, the same without the route back (the fix, pasted into the CLI, adds it), a peering
//! waiting for acceptance (the fix accepts it), and on-premises clients with and without a
//! route to the VPC's virtual private gateway. moto computes no blackhole state and
//! propagates no VGW routes: those are unit tests (src/checks/routes_tests.rs).

use serde_json::json;

use crate::Case;
use crate::fixloop::fix_loop;
use crate::interposer::Rules;

const ID: &str = "client.routes";

fn summary(run: &crate::harness::Run) -> String {
    run.check(ID)["summary"].as_str().unwrap().to_string()
}

/// `client.routes` has `status` and its summary names each of `words`.
fn assert_verdict(run: &crate::harness::Run, status: &str, words: &[&str]) {
    assert_eq!(run.status(ID), status, "{}", run.check(ID));
    for w in words {
        assert!(summary(run).contains(w), "{w} not in {}", summary(run));
    }
}

/// The endpoint's group admits the clients' network (192.168.0.0/16 for both kinds), so the
/// routes are the only question.
fn spec(elsewhere: serde_json::Value) -> serde_json::Value {
    json!({"sg_cidr": "192.168.0.0/16", "elsewhere": elsewhere})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peered_client_vpc_needs_routes_both_ways() {
    let case = Case::new(spec(json!({"peer": {}})), |_, r| r).await;
    let peer = case.s.str("peer_vpc_id");
    let pcx = case.s.str("pcx_id");
    let run = case.check(&["--from", &peer]).await;
    assert_verdict(&run, "pass", &[&pcx]);
    assert_eq!(
        run.status("endpoint.security_groups"),
        "pass",
        "{}",
        run.check("endpoint.security_groups")
    );

    // No route back: the endpoint subnets' (main) table is named, and the fix adds the route
    // through the peering the client VPC's table uses.
    let case = Case::new(spec(json!({"peer": {"return_route": false}})), |_, r| r).await;
    let peer = case.s.str("peer_vpc_id");
    let main = case.s.str("main_route_table_id");
    let run = case.check(&["--from", &peer]).await;
    assert_verdict(&run, "fail", &[&main, "192.168.0.0/16"]);
    let ran = fix_loop(&case, &["--from", &peer], ID, Rules::new(), &[]).await;
    assert!(
        ran[0].contains("create-route") && ran[0].contains(&case.s.str("pcx_id")),
        "{ran:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peering_waiting_for_acceptance_is_accepted_by_the_fix() {
    let case = Case::new(spec(json!({"peer": {"pending": true}})), |_, r| r).await;
    let peer = case.s.str("peer_vpc_id");
    let run = case.check(&["--from", &peer]).await;
    assert_verdict(&run, "fail", &["pending-acceptance"]);
    let ran = fix_loop(&case, &["--from", &peer], ID, Rules::new(), &[]).await;
    assert!(ran[0].contains("accept-vpc-peering-connection"), "{ran:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_premises_clients_need_a_route_to_the_virtual_private_gateway() {
    let case = Case::new(
        spec(json!({"onprem": "192.168.0.0/16", "vgw_route": true})),
        |_, r| r,
    )
    .await;
    let run = case.check(&["--from", "onprem:192.168.0.0/16"]).await;
    assert_verdict(&run, "pass", &[&case.s.str("vgw_id")]);

    // Without it: the table and the range are named; the gateway the VPC already routes
    // 172.16.0.0/12 to is the one the fix uses.
    let case = Case::new(spec(json!({"onprem": "192.168.0.0/16"})), |_, r| r).await;
    let main = case.s.str("main_route_table_id");
    let run = case.check(&["--from", "onprem:192.168.0.0/16"]).await;
    assert_verdict(&run, "fail", &[&main, "192.168.0.0/16"]);
    let ran = fix_loop(
        &case,
        &["--from", "onprem:192.168.0.0/16"],
        ID,
        Rules::new(),
        &[],
    )
    .await;
    assert!(
        ran[0].contains(&format!("--gateway-id {}", case.s.str("vgw_id"))),
        "{ran:?}"
    );
}
