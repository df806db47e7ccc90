//! `vpce-doctor workload PROFILE --vpc …`: the endpoints a private workload needs, judged in a
//! VPC built in moto (tests/e2e/scenario.py, kind `workload`), each endpoint's names served by
//! the loopback DNS server; and the fix loop: the printed command, pasted into a shell and run
//! against moto, makes the row pass.

use std::net::IpAddr;

use serde_json::{Value, json};

use crate::harness::{Paste, ensure_command, scenario};
use crate::interposer::{Interposer, Rules};
use crate::{Case, dns_server, harness};

/// The scenario's `records` (name → addresses) for the DNS server.
fn records(out: &Value) -> Vec<(String, Vec<IpAddr>)> {
    out["records"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(name, ips)| {
                    let ips = ips
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|ip| ip.as_str().unwrap().parse().unwrap())
                        .collect();
                    (name.clone(), ips)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A VPC with two private subnets (zones a and b), a public one, and `services`' endpoints.
async fn vpc_with(services: &[&str], more: Value) -> Case {
    let mut spec = json!({"kind": "workload", "consumer_zones": ["a", "b"], "services": services});
    for (k, v) in more.as_object().unwrap() {
        spec[k] = v.clone();
    }
    Case::with_any_dns(spec, |_, r| r, |s| records(&s.out)).await
}

fn row<'a>(report: &'a Value, service: &str) -> &'a Value {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service"] == service)
        .unwrap_or_else(|| panic!("no {service} row: {report:#}"))
}

/// Paste `command` as a user would: bash and zsh give the CLI the same arguments, and run in
/// bash (the AWS CLI v2) against moto, it succeeds.
pub(crate) async fn apply(case: &Case, command: &str) {
    let fix_side = Interposer::start(&harness::moto().url, Rules::new()).await;
    let zsh = ensure_command("zsh", "zsh");
    let paste = |shell| Paste {
        shell,
        endpoint_url: &fix_side.url,
        aws_dir: case.env.dir.path(),
        timeout: 30,
        vars: &[],
        cwd: case.env.dir.path(),
    };
    let (bash, zsh) = (paste("bash"), paste(zsh.as_str()));
    assert_eq!(bash.argv(command).unwrap(), zsh.argv(command).unwrap());
    let run = tokio::task::block_in_place(|| bash.run(command));
    assert_eq!(run.code, 0, "{command}:\n{}\n{}", run.stdout, run.stderr);
}

async fn workload(case: &Case, profile: &str, extra: &[&str]) -> (i32, Value) {
    let vpc = case.s.str("vpc_id");
    let run = case
        .run(
            &["workload", profile, "--vpc", &vpc, "--format", "json"],
            extra,
        )
        .await;
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    (run.code, run.json())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ecr_pull_passes_with_ecr_api_ecr_dkr_and_the_s3_gateway() {
    let case = vpc_with(&["ecr.api", "ecr.dkr", "s3"], json!({})).await;
    let (code, report) = workload(&case, "ecr-pull", &[]).await;
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["kind"], "workload");
    // The private subnets by default: the public one is left out.
    let subnets: Vec<&str> = report["scope"]["subnets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(report["scope"]["subnets_from"], "private subnets");
    assert!(!subnets.contains(&case.s.str("public_subnet_id").as_str()));
    assert_eq!(subnets.len(), 2, "{report:#}");
    for service in ["ecr.api", "ecr.dkr", "s3"] {
        let r = row(&report, service);
        assert_eq!(r["status"], "pass", "{r:#}");
        assert_eq!(r["endpoint"], case.s.out["endpoints"][service], "{r:#}");
    }
    // Each endpoint's own diagnosis is in the report, as a scan writes it.
    assert_eq!(report["endpoints"].as_array().unwrap().len(), 3);
    // Every format is written.
    let dir = tempfile::tempdir().unwrap();
    let vpc = case.s.str("vpc_id");
    let out = dir.path().to_string_lossy().to_string();
    let run = case
        .run(
            &[
                "workload",
                "ecr-pull",
                "--vpc",
                &vpc,
                "--format",
                "text,json,markdown,html,junit",
                "--output-dir",
                &out,
            ],
            &[],
        )
        .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    for ext in ["txt", "json", "md", "html", "junit.xml"] {
        let text = std::fs::read_to_string(
            dir.path()
                .join(format!("vpce-doctor-workload-ecr-pull.{ext}")),
        )
        .unwrap_or_else(|e| panic!("{ext}: {e}"));
        assert!(text.contains("ecr.dkr"), "{ext}: {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ecr_pull_without_ecr_dkr_fails_first_and_the_printed_command_fixes_it() {
    let case = vpc_with(&["ecr.api", "s3"], json!({})).await;
    let vpc = case.s.str("vpc_id");
    let text = case
        .run(&["workload", "ecr-pull", "--vpc", &vpc], &[])
        .await;
    // The table as a user sees it (for the record; the README shows one).
    eprintln!("{}", text.stdout);
    assert_eq!(text.code, 1, "{}\n{}", text.stdout, text.stderr);
    let first = text.stdout.lines().nth(2).unwrap_or_default();
    assert!(
        first.starts_with("ecr.dkr") && first.contains("✗ FAIL"),
        "{}",
        text.stdout
    );
    let (code, report) = workload(&case, "ecr-pull", &[]).await;
    assert_eq!(code, 1);
    assert_eq!(report["rows"][0]["service"], "ecr.dkr", "{report:#}");
    let command = report["rows"][0]["remediation"][0]["command"]
        .as_str()
        .unwrap()
        .to_string();
    let sg = case.s.str("security_group_id");
    assert!(
        command.starts_with(&format!(
            "aws ec2 create-vpc-endpoint --vpc-id {vpc} --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.ecr.dkr --subnet-ids "
        )) && command.ends_with(&format!(
            " --security-group-ids {sg} --private-dns-enabled --profile consumer --region us-east-1"
        )),
        "{command}"
    );
    assert!(text.stdout.contains(&command), "{}", text.stdout);

    // Paste it: it creates the endpoint.
    apply(&case, &command).await;

    // The new endpoint's names, served as the VPC would once it exists.
    let now = tokio::task::spawn_blocking({
        let (consumer, vpc) = (case.s.consumer.clone(), vpc.clone());
        move || scenario(json!({"kind": "records", "consumer": consumer, "vpc_id": vpc}))
    })
    .await
    .unwrap();
    let dns = dns_server::start_dual(&records(&now.out)).await;
    let addr = dns.addr.to_string();
    let (code, after) = workload(&case, "ecr-pull", &["--dns-server", &addr]).await;
    assert_eq!(row(&after, "ecr.dkr")["status"], "pass", "{after:#}");
    assert_eq!(code, 0, "{after:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sts_passes_with_the_regional_endpoint_and_fails_without_it() {
    let case = vpc_with(&["sts"], json!({})).await;
    let (code, report) = workload(&case, "sts", &[]).await;
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(row(&report, "sts")["status"], "pass");
    assert!(
        report["scope"]["note"]
            .as_str()
            .unwrap()
            .contains("sts.amazonaws.com")
    );

    let bare = vpc_with(&["lambda"], json!({})).await;
    let (code, report) = workload(&bare, "sts", &[]).await;
    assert_eq!(code, 1, "{report:#}");
    let sts = row(&report, "sts");
    assert_eq!(sts["status"], "fail");
    assert!(
        sts["remediation"][0]["command"]
            .as_str()
            .unwrap()
            .contains("--service-name com.amazonaws.us-east-1.sts"),
        "{sts:#}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_one_line_with_exit_2() {
    let case = vpc_with(&[], json!({})).await;
    let vpc = case.s.str("vpc_id");
    for (args, expected) in [
        (
            vec!["workload", "ecr", "--vpc", vpc.as_str()],
            "eks-nodes, ecr-pull, ssm, ecs-fargate, lambda, sts",
        ),
        (
            vec!["workload", "ecr-pull", "--vpc", "vpc-1"],
            "vpc-0123456789abcdef0",
        ),
        (
            vec![
                "workload",
                "ecr-pull",
                "--vpc",
                vpc.as_str(),
                "--subnet",
                "subnet-0123abcd",
            ],
            "is not a subnet of",
        ),
        (
            vec!["workload", "ecr-pull", "--vpc", "vpc-0123456789abcdef0"],
            "--vpc vpc-0123456789abcdef0: DescribeVpcs",
        ),
    ] {
        let run = case.run(&args, &[]).await;
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rows_open_in_the_picker_and_enter_opens_an_endpoint() {
    let case = vpc_with(&["ecr.api", "s3"], json!({})).await;
    let tmux = crate::tmux::Tmux::new("workload");
    let command = format!(
        "{} {} workload ecr-pull --vpc {} --tui --profile consumer --dns-server {}",
        case.env.shell_env(),
        crate::harness::bin(),
        case.s.str("vpc_id"),
        case.dns.addr
    );
    tmux.start(&command, 180, 30);
    // Root cause first: the missing ecr.dkr, with its verdict; Enter has nothing to open.
    let screen = tmux.wait_for("the rows", |s| {
        s.contains("workload ecr-pull") && s.contains("✗ FAIL") && s.contains("ecr.dkr")
    });
    assert!(
        screen.contains(&case.s.out["endpoints"]["ecr.api"].as_str().unwrap()[..12]),
        "{screen}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("no endpoint to open", |s| s.contains("no endpoint to open"));
    // The next row is an endpoint: Enter opens its diagnosis.
    tmux.keys(&["Down", "Enter"]);
    let api = case.s.out["endpoints"]["ecr.api"]
        .as_str()
        .unwrap()
        .to_string();
    tmux.wait_for("the diagnosis", |s| {
        s.contains(&format!(
            "vpce-doctor {api} · com.amazonaws.us-east-1.ecr.api"
        )) && s.contains("done in")
    });
    tmux.keys(&["q"]);
    tmux.wait_exited(std::time::Duration::from_secs(10));
    case.assert_read_only();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoints_that_cannot_be_listed_make_every_row_unknown() {
    let spec = json!({"kind": "workload", "services": ["sts"]});
    let case = Case::with_any_dns(
        spec,
        |_, r| r.ec2_error("DescribeVpcEndpoints", 403, "UnauthorizedOperation"),
        |s| records(&s.out),
    )
    .await;
    let (code, report) = workload(&case, "sts", &[]).await;
    assert_eq!(code, 3, "{report:#}");
    let sts = row(&report, "sts");
    assert_eq!(sts["status"], "unknown");
    assert!(
        sts["finding"]
            .as_str()
            .unwrap()
            .contains("ec2:DescribeVpcEndpoints"),
        "{sts:#}"
    );
}

/// The fix commands of one row.
fn row_commands(row: &Value) -> Vec<String> {
    row["remediation"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["command"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printed_policy_fix_lets_the_layer_bucket_through() {
    // The gateway's policy admits only the team's bucket: ECR layers are refused.
    let policy = json!({"Statement": [{"Sid": "TeamData", "Effect": "Allow", "Principal": "*",
        "Action": "s3:*", "Resource": "arn:aws:s3:::team-data/*"}]});
    let case = vpc_with(&["ecr.api", "ecr.dkr", "s3"], json!({"s3_policy": policy})).await;
    let (code, report) = workload(&case, "ecr-pull", &[]).await;
    assert_eq!(code, 1, "{report:#}");
    let s3 = row(&report, "s3");
    assert_eq!(s3["status"], "fail", "{s3:#}");
    assert!(
        s3["finding"]
            .as_str()
            .unwrap()
            .contains("s3:GetObject on arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"),
        "{s3:#}"
    );
    let commands = row_commands(s3);
    assert_eq!(commands.len(), 1, "{s3:#}");
    apply(&case, &commands[0]).await;
    let (code, after) = workload(&case, "ecr-pull", &[]).await;
    assert_eq!(row(&after, "s3")["status"], "pass", "{after:#}");
    assert_eq!(code, 0, "{after:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printed_route_fix_puts_the_subnets_table_on_the_gateway() {
    // Zone b's subnet uses a table the gateway endpoint is not on: its layers leave by NAT.
    let case = vpc_with(&["ecr.api", "ecr.dkr", "s3"], json!({"unrouted_zone": "b"})).await;
    let other = case.s.str("unrouted_table_id");
    let (code, report) = workload(&case, "ecr-pull", &[]).await;
    assert_eq!(code, 1, "{report:#}");
    let s3 = row(&report, "s3");
    assert_eq!(s3["status"], "fail", "{s3:#}");
    assert!(
        s3["finding"]
            .as_str()
            .unwrap()
            .contains(&format!("route table {other} not associated")),
        "{s3:#}"
    );
    let commands = row_commands(s3);
    assert_eq!(commands.len(), 1, "{s3:#}");
    assert!(commands[0].contains(&format!("--add-route-table-ids {other}")));
    apply(&case, &commands[0]).await;
    // The table is now on the endpoint. AWS adds the prefix-list route with it; moto does
    // not (on modify), so the row now names the missing route, not the association.
    let (_, after) = workload(&case, "ecr-pull", &[]).await;
    let finding = row(&after, "s3")["finding"].as_str().unwrap().to_string();
    assert!(
        !finding.contains("not associated")
            && finding.contains(&format!("{other} lost its prefix-list route")),
        "{after:#}"
    );
}
