//! Each profile against a small VPC built in memory: the endpoints, route tables and subnets
//! the rows are judged from, and each endpoint's diagnosis as a fleet entry.

use std::collections::HashMap;

use super::*;
use crate::engine::catalog::Catalog;
use crate::engine::state::RunState;
use crate::facts::model::Route;
use crate::report::fleet::FleetCause;
use crate::report::{Report, RootCause, Timings};

const REGION: &str = "us-east-1";
const VPC: &str = "vpc-0123456789abcdef0";
const TAIL: &str = " --profile prod --region us-east-1";
const SG: &str = "sg-0123456789abcdef0";

/// A VPC with a public subnet (a) and two private ones (b, c) on their own route table.
struct Vpc {
    endpoints: Vec<Endpoint>,
    tables: Vec<RouteTable>,
    subnets: Vec<Subnet>,
    diagnoses: HashMap<String, FleetEntry>,
}

fn subnet(id: &str, zone: &str) -> Subnet {
    Subnet {
        id: id.into(),
        vpc_id: VPC.into(),
        cidr: "10.0.0.0/24".into(),
        availability_zone: zone.into(),
        ..Default::default()
    }
}

fn entry(id: &str, worst: Status, cause: Option<(&str, &str)>) -> FleetEntry {
    let catalog = Catalog::embedded().expect("catalog");
    let mut report = Report::build(
        &RunState::new(&catalog),
        Default::default(),
        Timings::default(),
    );
    if let Some((check, command)) = cause {
        report.root_causes.push(RootCause {
            id: check.into(),
            summary: "broken".into(),
            remediation: vec![Remediation {
                text: "fix it".into(),
                command: Some(command.into()),
                account: Account::Consumer,
            }],
        });
    }
    FleetEntry {
        region: REGION.into(),
        endpoint: id.into(),
        service: String::new(),
        vpc: VPC.into(),
        state: "available".into(),
        owner: None,
        account: None,
        account_name: None,
        worst,
        root_cause: cause.map(|(c, _)| FleetCause {
            check: c.into(),
            summary: "broken".into(),
        }),
        headline: cause
            .map(|(c, _)| format!("{c}: broken"))
            .unwrap_or_default(),
        report,
    }
}

impl Vpc {
    fn new() -> Vpc {
        let route = |target: &str| Route {
            destination: "0.0.0.0/0".into(),
            target: target.into(),
            state: "active".into(),
            origin: String::new(),
        };
        Vpc {
            endpoints: Vec::new(),
            tables: vec![
                RouteTable {
                    id: "rtb-0000000a".into(),
                    vpc_id: VPC.into(),
                    main: true,
                    subnet_ids: vec![],
                    routes: vec![route("igw-0000000a")],
                },
                RouteTable {
                    id: "rtb-0000000b".into(),
                    vpc_id: VPC.into(),
                    main: false,
                    subnet_ids: vec!["subnet-0000000b".into(), "subnet-0000000c".into()],
                    routes: vec![route("nat-0000000b")],
                },
            ],
            subnets: vec![
                subnet("subnet-0000000a", "us-east-1a"),
                subnet("subnet-0000000b", "us-east-1a"),
                subnet("subnet-0000000c", "us-east-1b"),
            ],
            diagnoses: HashMap::new(),
        }
    }

    /// A healthy interface endpoint of `name` (private DNS on, its diagnosis passing).
    fn interface(mut self, name: &str) -> Vpc {
        let id = format!("vpce-{:08x}", self.endpoints.len() + 1);
        self.endpoints.push(Endpoint {
            id: id.clone(),
            endpoint_type: "Interface".into(),
            vpc_id: VPC.into(),
            service_name: format!("com.amazonaws.{REGION}.{name}"),
            state: "available".into(),
            subnet_ids: vec!["subnet-0000000b".into(), "subnet-0000000c".into()],
            security_group_ids: vec![SG.into()],
            private_dns_enabled: Some(true),
            ..Default::default()
        });
        self.diagnoses
            .insert(id.clone(), entry(&id, Status::Pass, None));
        self
    }

    /// A healthy S3 gateway endpoint on the private subnets' table (with its route).
    fn s3(mut self, policy: Option<&str>) -> Vpc {
        let id = format!("vpce-{:08x}", self.endpoints.len() + 1);
        self.endpoints.push(Endpoint {
            id: id.clone(),
            endpoint_type: "Gateway".into(),
            vpc_id: VPC.into(),
            service_name: format!("com.amazonaws.{REGION}.s3"),
            state: "available".into(),
            route_table_ids: vec!["rtb-0000000b".into()],
            policy_document: policy.map(str::to_string),
            ..Default::default()
        });
        self.tables[1].routes.push(Route {
            destination: "pl-63a5400a".into(),
            target: id.clone(),
            state: "active".into(),
            origin: String::new(),
        });
        self.diagnoses
            .insert(id.clone(), entry(&id, Status::Pass, None));
        self
    }

    fn with(mut self, f: impl FnOnce(&mut Vpc)) -> Vpc {
        f(&mut self);
        self
    }

    /// The rows of `profile`, for the VPC's private subnets (the default).
    fn rows(&self, profile: &str) -> Vec<WorkloadRow> {
        let (subnets, from) = default_subnets(&self.tables, &self.subnets);
        assert_eq!(from, "private subnets");
        self.rows_for(profile, &subnets)
    }

    fn rows_for(&self, profile: &str, subnets: &[String]) -> Vec<WorkloadRow> {
        let world = World {
            region: REGION,
            vpc: VPC,
            endpoints: &self.endpoints,
            tables: &self.tables,
            subnets: &self.subnets,
            workload_subnets: subnets,
            cli_tail: TAIL,
            diagnoses: &self.diagnoses,
        };
        world.rows(&find(profile).expect("profile"))
    }
}

fn row<'a>(rows: &'a [WorkloadRow], service: &str) -> &'a WorkloadRow {
    rows.iter()
        .find(|r| r.service == service)
        .unwrap_or_else(|| panic!("no {service} row: {rows:#?}"))
}

fn commands(r: &WorkloadRow) -> Vec<String> {
    r.remediation
        .iter()
        .filter_map(|f| f.command.clone())
        .collect()
}

/// Every row passes or (optional, missing) warns; the exit code is 0.
fn assert_healthy(rows: &[WorkloadRow]) {
    for r in rows {
        match r.status {
            Status::Pass => assert!(r.endpoint.is_some(), "{r:#?}"),
            Status::Warn => assert!(!r.required && r.endpoint.is_none(), "{r:#?}"),
            _ => panic!("{r:#?}"),
        }
    }
    assert_eq!(summarize(rows).1, 0);
}

#[test]
fn the_shipped_profiles_hold() {
    let parsed: ProfileFile = toml::from_str(PROFILES).expect("checks/workloads.toml parses");
    assert!(
        problems(&parsed.profile).is_empty(),
        "{:?}",
        problems(&parsed.profile)
    );
    let names: Vec<String> = profiles().into_iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        [
            "eks-nodes",
            "ecr-pull",
            "ssm",
            "ecs-fargate",
            "lambda",
            "sts"
        ]
    );
    // The documented companions are there, required.
    let required = |p: &str| -> Vec<String> {
        find(p)
            .unwrap()
            .service
            .into_iter()
            .filter(|s| s.required)
            .map(|s| s.name)
            .collect()
    };
    assert_eq!(required("ecr-pull"), ["ecr.api", "ecr.dkr", "s3"]);
    // Conditional needs are optional, so a healthy set-up without them never fails: STS
    // only with IRSA, EC2 messages only for older agents, CloudWatch Logs only with awslogs.
    assert_eq!(required("ssm"), ["ssm", "ssmmessages"]);
    assert_eq!(required("eks-nodes"), ["ec2", "ecr.api", "ecr.dkr", "s3"]);
    assert_eq!(required("ecs-fargate"), ["ecr.api", "ecr.dkr", "s3"]);
    assert!(
        find("sts")
            .unwrap()
            .note
            .unwrap()
            .contains("sts.amazonaws.com")
    );
}

#[test]
fn a_broken_profile_file_is_named() {
    let bad: ProfileFile = toml::from_str(
        r#"
[[profile]]
name = "Bad Name"
title = "t"
docs = "https://example.com"
[[profile.service]]
name = "ecr.api"
type = "Gateway"
required = false
reason = "short"
[[profile.service.allow]]
action = "GetObject"
resource = "*"
"#,
    )
    .unwrap();
    let found = problems(&bad.profile).join("\n");
    for expected in [
        "lowercase letters",
        "docs",
        "no required service",
        "Gateway for s3",
        "needs a reason",
        "service:Action",
    ] {
        assert!(found.contains(expected), "{expected}: {found}");
    }
}

#[test]
fn an_unknown_profile_lists_the_accepted_ones() {
    let e = find("ecr").unwrap_err();
    assert!(!e.contains('\n'), "{e}");
    for name in [
        "eks-nodes",
        "ecr-pull",
        "ssm",
        "ecs-fargate",
        "lambda",
        "sts",
    ] {
        assert!(e.contains(name), "{e}");
    }
}

#[test]
fn the_private_subnets_are_the_default_workload() {
    let v = Vpc::new();
    let (subnets, from) = default_subnets(&v.tables, &v.subnets);
    assert_eq!(subnets, ["subnet-0000000b", "subnet-0000000c"]);
    assert_eq!(from, "private subnets");
    let (all, from) = default_subnets(&v.tables[..1], &v.subnets);
    assert_eq!(all.len(), 3);
    assert_eq!(from, "every subnet");
}

#[test]
fn ecr_pull_passes_with_its_three_endpoints_and_fails_without_ecr_dkr() {
    let healthy = Vpc::new()
        .interface("ecr.api")
        .interface("ecr.dkr")
        .s3(None);
    let rows = healthy.rows("ecr-pull");
    assert_healthy(&rows);
    assert_eq!(rows.len(), 3);

    let broken = Vpc::new().interface("ecr.api").s3(None);
    let rows = broken.rows("ecr-pull");
    // The root cause leads.
    assert_eq!(rows[0].service, "ecr.dkr");
    assert_eq!(rows[0].status, Status::Fail);
    assert!(
        rows[0]
            .finding
            .contains("no Interface endpoint for com.amazonaws.us-east-1.ecr.dkr")
    );
    assert_eq!(
        commands(&rows[0]),
        [format!(
            "aws ec2 create-vpc-endpoint --vpc-id {VPC} --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.ecr.dkr --subnet-ids subnet-0000000b subnet-0000000c --security-group-ids {SG} --private-dns-enabled{TAIL}"
        )]
    );
    assert_eq!(summarize(&rows).1, 1);
}

#[test]
fn ecr_pull_fails_when_the_s3_policy_leaves_out_the_layer_bucket() {
    let policy = r#"{"Statement":[{"Sid":"OurData","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::our-data/*"}]}"#;
    let v = Vpc::new()
        .interface("ecr.api")
        .interface("ecr.dkr")
        .s3(Some(policy));
    let rows = v.rows("ecr-pull");
    let s3 = row(&rows, "s3");
    assert_eq!(s3.status, Status::Fail, "{s3:#?}");
    assert!(
        s3.finding
            .contains("arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"),
        "{s3:#?}"
    );
    // The fix keeps the existing statement and adds the layer bucket; applied, it allows.
    let fixed = policy::fix::with_allow(
        &policy::parse(policy).unwrap(),
        "s3:GetObject",
        "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*",
    );
    let cmd = &commands(s3)[0];
    assert!(cmd.contains(&format!("'{fixed}'")), "{cmd}");
    assert!(cmd.contains("OurData"), "{cmd}");
    let v = v.with(|v| v.endpoints[2].policy_document = Some(fixed.to_string()));
    assert_healthy(&v.rows("ecr-pull"));
}

#[test]
fn eks_nodes_pass_with_the_required_set_and_fail_when_a_private_subnet_bypasses_s3() {
    let v = Vpc::new()
        .interface("ec2")
        .interface("ecr.api")
        .interface("ecr.dkr")
        .interface("sts")
        .s3(None);
    let rows = v.rows("eks-nodes");
    assert_healthy(&rows);
    // The optional ones are warnings that say so.
    let logs = row(&rows, "logs");
    assert_eq!(logs.status, Status::Warn);
    assert!(logs.finding.contains("optional"), "{logs:#?}");

    // Subnet c moves to a table of its own that the gateway endpoint does not know.
    let broken = v.with(|v| {
        v.tables[1].subnet_ids.retain(|s| s != "subnet-0000000c");
        v.tables.push(RouteTable {
            id: "rtb-0000000c".into(),
            vpc_id: VPC.into(),
            main: false,
            subnet_ids: vec!["subnet-0000000c".into()],
            routes: vec![],
        });
    });
    let rows = broken.rows("eks-nodes");
    assert_eq!(rows[0].service, "s3", "{rows:#?}");
    assert_eq!(rows[0].status, Status::Fail);
    assert!(rows[0].finding.contains("subnet-0000000c"), "{rows:#?}");
    assert_eq!(
        commands(&rows[0]),
        [format!(
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-00000005 --add-route-table-ids rtb-0000000c{TAIL}"
        )]
    );
    // Named explicitly, only subnet b: nothing is wrong for it.
    let rows = broken.rows_for("eks-nodes", &["subnet-0000000b".into()]);
    assert_healthy(&rows);
}

#[test]
fn ssm_passes_and_fails_when_private_dns_is_off() {
    let v = Vpc::new()
        .interface("ssm")
        .interface("ssmmessages")
        .interface("ec2messages");
    assert_healthy(&v.rows("ssm"));
    let broken = v.with(|v| v.endpoints[1].private_dns_enabled = Some(false));
    let rows = broken.rows("ssm");
    assert_eq!(rows[0].service, "ssmmessages");
    assert_eq!(rows[0].status, Status::Fail);
    assert!(rows[0].finding.contains("private DNS is off"), "{rows:#?}");
    assert_eq!(
        commands(&rows[0]),
        [format!(
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-00000002 --private-dns-enabled{TAIL}"
        )]
    );
}

#[test]
fn ecs_fargate_passes_without_logs_and_fails_without_ecr_dkr() {
    let v = Vpc::new()
        .interface("ecr.api")
        .interface("ecr.dkr")
        .s3(None);
    // No logs endpoint: tasks with another log driver run, so it is a warning only.
    let rows = v.rows("ecs-fargate");
    assert_healthy(&rows);
    assert_eq!(row(&rows, "logs").status, Status::Warn);
    let broken = Vpc::new().interface("ecr.api").s3(None);
    let rows = broken.rows("ecs-fargate");
    assert_eq!(rows[0].service, "ecr.dkr", "{rows:#?}");
    assert_eq!(rows[0].status, Status::Fail);
}

#[test]
fn lambda_passes_and_fails_without_its_endpoint() {
    let rows = Vpc::new().rows("lambda");
    assert_eq!(rows[0].service, "lambda");
    assert_eq!(rows[0].status, Status::Fail);
    // No companion endpoint to borrow a group from: the text says what the default is.
    let fix = &rows[0].remediation[0];
    assert!(
        !fix.command
            .as_ref()
            .unwrap()
            .contains("--security-group-ids")
    );
    assert!(fix.text.contains("default group"), "{fix:?}");
    assert_healthy(&Vpc::new().interface("lambda").rows("lambda"));
}

#[test]
fn sts_passes_and_fails_when_its_endpoint_is_broken() {
    let v = Vpc::new().interface("sts");
    assert_healthy(&v.rows("sts"));
    let sg_fix = "aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 --protocol tcp --port 443 --cidr 10.0.0.0/16 --region us-east-1";
    let broken = v.with(|v| {
        v.diagnoses.insert(
            "vpce-00000001".into(),
            entry(
                "vpce-00000001",
                Status::Fail,
                Some(("endpoint.security_groups", sg_fix)),
            ),
        );
    });
    let rows = broken.rows("sts");
    assert_eq!(rows[0].status, Status::Fail);
    assert!(
        rows[0].finding.contains("endpoint.security_groups"),
        "{rows:#?}"
    );
    assert_eq!(commands(&rows[0]), [sg_fix]);
}

#[test]
fn the_matching_type_is_judged_first_and_the_rest_are_named() {
    let v = Vpc::new()
        .interface("s3")
        .s3(None)
        .interface("ecr.api")
        .interface("ecr.dkr");
    let rows = v.rows("ecr-pull");
    let s3 = row(&rows, "s3");
    assert_eq!(s3.endpoint.as_deref(), Some("vpce-00000002"));
    assert_eq!(s3.also, ["vpce-00000001"]);
    assert_healthy(&rows);
}

#[test]
fn values_are_quoted_for_the_shell() {
    assert_eq!(sh_quote("vpc-0123abcd"), "vpc-0123abcd");
    assert_eq!(sh_quote(r#"{"a":"it's"}"#), r#"'{"a":"it'\''s"}'"#);
    assert_eq!(sh_quote(""), "''");
}
