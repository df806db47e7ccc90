//! Endpoints that are not interface endpoints, through the SDK: Gateway Load Balancer
//! endpoints (moto models them, their routes and GENEVE target groups) and Resource endpoints
//! (moto creates them but knows nothing of VPC Lattice: the interposer adds the resource
//! configuration's ARN and answers DescribeVpcEndpointAssociations, which moto lacks).

use serde_json::{Value, json};

use crate::harness::Run;
use crate::interposer::Rules;
use crate::{Case, fixloop};

fn with_status(run: &Run, status: &str) -> Vec<String> {
    run.json()["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == status)
        .map(|c| format!("{}: {}", c["id"], c["summary"]))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_healthy_gateway_load_balancer_endpoint_passes_its_own_checks() {
    let case = Case::new(json!({"kind": "gwlb"}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert!(with_status(&run, "fail").is_empty(), "{}", run.stdout);
    assert!(with_status(&run, "unknown").is_empty(), "{}", run.stdout);
    for id in [
        "gwlb.route_tables",
        "gwlb.subnet",
        "gwlb.target_health",
        "service.connection",
        "nlb.state",
    ] {
        assert_eq!(run.status(id), "pass", "{id}: {}", run.check(id));
    }
    let routes = run.check("gwlb.route_tables");
    assert!(
        routes.to_string().contains(&case.s.str("route_table_id")),
        "{routes}"
    );
    assert!(
        run.check("gwlb.target_health").to_string().contains("6081"),
        "{}",
        run.check("gwlb.target_health")
    );
    for id in [
        "gateway.route_tables",
        "endpoint.subnets",
        "nlb.target_health",
    ] {
        assert_eq!(run.status(id), "not_applicable", "{id}");
    }
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The fleet scan judges it the same way, and so does the owner's scan of the service
    // (its connections stand in for Gateway Load Balancer endpoints: the appliances count).
    let scan = case.run(&["scan", "--format", "json"], &[]).await;
    assert_eq!(scan.code, 0, "{}\n{}", scan.stdout, scan.stderr);
    let owner = case
        .run(
            &[
                "scan",
                "--service",
                &case.s.str("service_id"),
                "--format",
                "json",
            ],
            &[],
        )
        .await;
    let report = owner.json();
    let entry = &report["endpoints"][0];
    assert_eq!(entry["worst"], "pass", "{entry}");
    let appliances = entry["report"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "gwlb.target_health")
        .unwrap();
    assert_eq!(appliances["status"], "pass", "{appliances}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_load_balancer_endpoint_without_a_route_is_fixed_by_create_route() {
    let case = Case::new(json!({"kind": "gwlb", "gwlb_route": false}), |_, r| r).await;
    let run = case.check(&[]).await;
    assert_eq!(run.root_causes(), ["gwlb.route_tables"], "{}", run.stdout);
    assert_eq!(run.code, 1);
    // The runbook walks the interface-only steps as not applicable and stops at the routes.
    let book = case.runbook("endpoint-unreachable", "json").await;
    let walked: Value = serde_json::from_str(&book.stdout).unwrap();
    let steps = walked["steps"].as_array().unwrap();
    let verdict = |id: &str| {
        steps.iter().find(|s| s["id"] == id).unwrap()["verdict"]
            .as_str()
            .map(str::to_string)
    };
    assert_eq!(
        verdict("security-groups").as_deref(),
        Some("not_applicable")
    );
    assert_eq!(
        verdict("routes").as_deref(),
        Some("fail"),
        "{}",
        book.stdout
    );
    assert_eq!(verdict("appliances"), None, "not reached: {}", book.stdout);
    assert_eq!(book.code, 1);
    let rtb = case.s.str("route_table_id");
    let ran = fixloop::fix_loop(
        &case,
        &[],
        "gwlb.route_tables",
        Rules::new(),
        &[("ROUTE_TABLE_ID", &rtb), ("INSPECT_CIDR", "0.0.0.0/0")],
    )
    .await;
    assert!(ran[0].starts_with("aws ec2 create-route "), "{ran:?}");
}

/// The consumer's view of a Resource endpoint that moto cannot give: the resource
/// configuration on the endpoint, and its one association in `accessibility`.
fn lattice(case_arn: String, accessibility: &'static str, failure: &'static str) -> Rules {
    let arn = case_arn.clone();
    Rules::new()
        .rewrite("DescribeVpcEndpoints", move |body| {
            body.replace(
                "<vpcEndpointType>Resource</vpcEndpointType>",
                &format!(
                    "<vpcEndpointType>Resource</vpcEndpointType><resourceConfigurationArn>{arn}</resourceConfigurationArn><dnsOptions><privateDnsPreference>VERIFIED_DOMAINS_ONLY</privateDnsPreference></dnsOptions>"
                ),
            )
        })
        .respond("DescribeVpcEndpointAssociations", move |form| {
            let endpoint = form
                .get("Filter.1.Value.1")
                .cloned()
                .unwrap_or_default();
            (
                200,
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeVpcEndpointAssociationsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>interposer</requestId><vpcEndpointAssociationSet><item><id>vpce-rsc-asc-0a1b2c3d4e5f60718</id><vpcEndpointId>{endpoint}</vpcEndpointId><associatedResourceAccessibility>{accessibility}</associatedResourceAccessibility>{failure}<associatedResourceArn>{case_arn}</associatedResourceArn><dnsEntry><dnsName>{endpoint}-snra-0a1b2c3d.rcfg-0a1b2c3d4e5f60718.4232ccc.vpc-lattice-rsc.us-east-1.on.aws</dnsName><hostedZoneId>Z03824992SA8O4NHUMF0J</hostedZoneId></dnsEntry></item></vpcEndpointAssociationSet></DescribeVpcEndpointAssociationsResponse>"
                ),
            )
        })
}

/// VPC Lattice's answers moto cannot give: the resource configuration (a database at
/// 10.20.1.40:5432 in the provider's VPC) and its ACTIVE resource gateway, in the scenario's
/// real provider subnets and security group.
fn gateway(s: &crate::harness::Scenario) -> Rules {
    let arn = resource_arn(&s.provider);
    let gateway = json!({
        "id": "rgw-0a1b2c3d4e5f60718",
        "arn": format!("arn:aws:vpc-lattice:us-east-1:{}:resourcegateway/rgw-0a1b2c3d4e5f60718", s.provider),
        "name": "orders-db-gateway",
        "status": "ACTIVE",
        "vpcId": s.str("provider_vpc_id"),
        "subnetIds": s.out["gateway_subnet_ids"],
        "securityGroupIds": [s.str("gateway_sg_id")],
        "ipAddressType": "IPV4",
        "ipv4AddressesPerEni": 16,
    })
    .to_string();
    let config = json!({
        "arn": arn,
        "id": "rcfg-0a1b2c3d4e5f60718",
        "name": "orders-db",
        "type": "SINGLE",
        "status": "ACTIVE",
        "resourceGatewayId": "rgw-0a1b2c3d4e5f60718",
        "portRanges": ["5432"],
        "protocol": "TCP",
        "resourceConfigurationDefinition": {"ipResource": {"ipAddress": "10.20.1.40"}},
    })
    .to_string();
    Rules::new()
        .respond("GetResourceConfiguration", move |_| (200, config.clone()))
        .respond("GetResourceGateway", move |_| (200, gateway.clone()))
}

fn resource_arn(provider: &str) -> String {
    format!("arn:aws:vpc-lattice:us-east-1:{provider}:resourceconfiguration/rcfg-0a1b2c3d4e5f60718")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_healthy_resource_endpoint_passes_its_association_checks() {
    let case = Case::new(json!({"kind": "resource"}), |s, r| {
        r.then(lattice(resource_arn(&s.provider), "AVAILABLE", ""))
            .then(gateway(s))
    })
    .await;
    let run = case.check(&[]).await;
    assert!(with_status(&run, "fail").is_empty(), "{}", run.stdout);
    assert!(with_status(&run, "unknown").is_empty(), "{}", run.stdout);
    let found = run.check("endpoint.found");
    assert!(
        found["summary"]
            .as_str()
            .unwrap()
            .contains("resource configuration arn:aws:vpc-lattice:"),
        "{found}"
    );
    // The header (and the report's context) names what the endpoint reaches.
    assert!(
        run.json()["context"]["service_name"]
            .as_str()
            .unwrap()
            .starts_with("resource configuration arn:aws:vpc-lattice:"),
        "{}",
        run.json()["context"]
    );
    assert_eq!(run.status("lattice.associations"), "pass");
    assert_eq!(run.status("lattice.private_dns"), "pass");
    // The provider's side, read from VPC Lattice with the provider profile.
    for id in [
        "lattice.gateway_zones",
        "lattice.gateway_capacity",
        "lattice.gateway_security_groups",
    ] {
        assert_eq!(run.status(id), "pass", "{}", run.check(id));
    }
    let iam = case.interposer.iam_actions();
    for action in [
        "vpc-lattice:GetResourceConfiguration",
        "vpc-lattice:GetResourceGateway",
    ] {
        assert!(iam.iter().any(|a| a == action), "{iam:?}");
    }
    for id in ["service.found", "nlb.state", "endpoint.dns", "az.alignment"] {
        let c = run.check(id);
        assert_eq!(c["status"], "not_applicable", "{id}: {c}");
        assert!(
            c["summary"].as_str().unwrap().contains("VPC Lattice"),
            "{c}"
        );
    }
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        case.interposer
            .actions()
            .iter()
            .any(|a| a == "DescribeVpcEndpointAssociations")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_association_is_the_root_cause_with_its_code_and_reason() {
    let case = Case::new(json!({"kind": "resource"}), |s, r| {
        r.then(lattice(
            resource_arn(&s.provider),
            "FAILED",
            "<failureCode>ResourceShareNotAccepted</failureCode><failureReason>The resource share was not accepted</failureReason>",
        ))
        .then(gateway(s))
    })
    .await;
    let run = case.check(&[]).await;
    assert_eq!(
        run.root_causes(),
        ["lattice.associations"],
        "{}",
        run.stdout
    );
    let c: Value = run.check("lattice.associations");
    let summary = c["summary"].as_str().unwrap();
    assert!(
        summary.contains("FAILED") && summary.contains("ResourceShareNotAccepted"),
        "{c}"
    );
    assert!(
        c["remediation"][0]["text"]
            .as_str()
            .unwrap()
            .contains("The resource share was not accepted"),
        "{c}"
    );
    assert_eq!(run.code, 1);
    let scan = case.run(&["scan", "--format", "json"], &[]).await;
    assert_eq!(scan.code, 1, "{}\n{}", scan.stdout, scan.stderr);
    let report = scan.json();
    let entry = &report["endpoints"][0];
    assert_eq!(
        entry["root_cause"]["check"], "lattice.associations",
        "{entry}"
    );
    assert!(
        entry["service"]
            .as_str()
            .unwrap()
            .starts_with("resource configuration arn:aws:vpc-lattice:"),
        "{entry}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resource_gateway_without_egress_to_the_resource_is_fixed_by_authorize_egress() {
    let case = Case::new(
        json!({"kind": "resource", "gateway_egress_ports": [443]}),
        |s, r| {
            r.then(lattice(resource_arn(&s.provider), "AVAILABLE", ""))
                .then(gateway(s))
        },
    )
    .await;
    let run = case.check(&[]).await;
    assert_eq!(
        run.root_causes(),
        ["lattice.gateway_security_groups"],
        "{}",
        run.stdout
    );
    let ran = fixloop::fix_loop(
        &case,
        &[],
        "lattice.gateway_security_groups",
        Rules::new(),
        &[],
    )
    .await;
    let expected = format!(
        "aws ec2 authorize-security-group-egress --group-id {} --protocol tcp --port 5432 --cidr 10.20.1.40/32 --profile ",
        case.s.str("gateway_sg_id")
    );
    assert!(ran.len() == 1 && ran[0].starts_with(&expected), "{ran:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resource_gateway_in_no_zone_of_the_endpoint_is_fixed_by_adding_a_subnet_there() {
    let case = Case::new(
        json!({"kind": "resource", "gateway_zones": ["b"], "spare_subnet_zone": "b"}),
        |s, r| {
            r.then(lattice(resource_arn(&s.provider), "AVAILABLE", ""))
                .then(gateway(s))
        },
    )
    .await;
    let run = case.check(&[]).await;
    assert_eq!(
        run.root_causes(),
        ["lattice.gateway_zones"],
        "{}",
        run.stdout
    );
    // The zones are named by AZ ID, the account-independent name.
    let zone_b = case.s.out["zone_ids"]["b"].as_str().unwrap().to_string();
    let summary = run.check("lattice.gateway_zones")["summary"].to_string();
    assert!(summary.contains(&zone_b), "{summary}");
    // The endpoint then shares one of its two zones with the gateway: reachable, and advice
    // (AWS advises a resource gateway in as many zones as possible).
    let ran = fixloop::fix_loop_to(
        &case,
        &[],
        "lattice.gateway_zones",
        Rules::new(),
        &[],
        "advice",
    )
    .await;
    let expected = format!(
        "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {} --add-subnet-ids {} --profile ",
        case.endpoint(),
        case.s.str("spare_subnet_id")
    );
    assert!(ran.len() == 1 && ran[0].starts_with(&expected), "{ran:?}");
}
