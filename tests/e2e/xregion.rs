//! Cross-region interface endpoints through the SDK: the consumer in us-east-1, the service
//! and all of the provider's side really in moto's us-west-2. moto keeps no ServiceRegion on
//! endpoints and shows a custom service only to its owner, so the interposer adds
//! `<serviceRegion>` to DescribeVpcEndpoints and answers the consumer's
//! DescribeVpcEndpointServices as AWS does: the remote service is listed only when the call
//! names its region (`ServiceRegion.1`) and the service offers the consumer's region.

use serde_json::json;

use crate::Case;
use crate::harness::{Paste, Scenario, ensure_command, run_plain};
use crate::interposer::Rules;

const SERVICE_REGION: &str = "us-west-2";

/// The consumer's view of a cross-region endpoint that moto cannot give.
fn cross_region(s: &Scenario, rules: Rules, offered: bool) -> Rules {
    let name = s.str("service_name");
    let private_name = s.str("private_dns_name");
    let answer = crate::service_detail_answer(
        s,
        "provider",
        &format!(
            "<serviceRegion>{SERVICE_REGION}</serviceRegion><privateDnsName>{private_name}</privateDnsName><privateDnsNameVerificationState>verified</privateDnsNameVerificationState>"
        ),
    );
    let detail = move |form: &std::collections::HashMap<String, String>| {
        let asked_across = form.get("ServiceRegion.1").map(String::as_str) == Some(SERVICE_REGION);
        if !(asked_across && offered) || form.get("ServiceName.1") != Some(&name) {
            // What AWS answers for a service in another region asked without its region, or
            // not offered to the caller's.
            return (
                400,
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>InvalidServiceName</Code><Message>The Vpc Endpoint Service '{name}' does not exist</Message></Error></Errors><RequestID>interposer</RequestID></Response>"
                ),
            );
        }
        (200, answer.clone())
    };
    let endpoint_name = s.str("service_name");
    rules
        .rewrite("DescribeVpcEndpoints", move |body| {
            let plain = format!("<serviceName>{endpoint_name}</serviceName>");
            assert!(body.contains(&plain), "interposer: no {plain}");
            body.replace(
                &plain,
                &format!("{plain}<serviceRegion>{SERVICE_REGION}</serviceRegion>"),
            )
        })
        .respond("DescribeVpcEndpointServices", detail)
}

/// Each check's id, status and summary.
fn verdicts(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap().to_string();
            (text("id"), text("status"), text("summary"))
        })
        .collect()
}

async fn case(supported: &[&str], offered: bool) -> Case {
    Case::new(
        json!({"service_region": SERVICE_REGION, "supported_regions": supported}),
        move |s, r| cross_region(s, r, offered),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_healthy_cross_region_custom_service_passes_with_its_provider_read_in_its_region() {
    let case = case(&["us-east-1"], true).await;
    let snap = case.env.path("cross-region.json");
    let run = case.check(&["--save-snapshot", &snap]).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    // The snapshot holds the provider's side under its region and replays it exactly,
    // with nothing to reach.
    let recorded = std::fs::read_to_string(&snap).unwrap();
    let recorded: serde_json::Value = serde_json::from_str(&recorded).unwrap();
    let scoped = recorded["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["key"]["fact"] == "in_region" && f["key"]["region"] == SERVICE_REGION)
        .count();
    assert!(scoped >= 5, "{recorded}");
    let replay = run_plain(
        &[
            "check",
            &case.endpoint(),
            "--from-snapshot",
            &snap,
            "--format",
            "json",
        ],
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ],
    );
    assert_eq!(replay.code, 0, "{}", replay.stderr);
    assert_eq!(verdicts(&replay.json()), verdicts(&run.json()));
    assert_eq!(replay.json()["api_calls"]["total"], 0);
    let report = run.json();
    for c in report["checks"].as_array().unwrap() {
        assert!(
            c["status"] != "fail" && c["status"] != "unknown",
            "{}: {}",
            c["id"],
            c["summary"]
        );
    }
    // moto holds the service, its NLB and targets in us-west-2 only: each provider check
    // passing proves it was asked there.
    for id in [
        "service.found",
        "service.supported_region",
        "nlb.state",
        "nlb.target_health",
        "targets.security_groups",
    ] {
        assert_eq!(run.status(id), "pass", "{id}: {}", run.check(id));
    }
    assert!(
        run.check("az.alignment")["summary"]
            .as_str()
            .unwrap()
            .contains("supported for remote access"),
        "{}",
        run.check("az.alignment")
    );
    assert_eq!(report["context"]["service_region"], SERVICE_REGION);
    // The text report names both regions.
    let text = case.run(&["check", &case.endpoint()], &[]).await;
    assert!(
        text.stdout.contains("service region us-west-2"),
        "{}",
        text.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consumer_region_missing_from_supported_regions_is_the_root_cause_and_its_fix_works() {
    let case = case(&[], false).await;
    let run = case.check(&[]).await;
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.root_causes(), vec!["service.supported_region"]);
    let commands = run.commands("service.supported_region");
    assert!(
        commands.contains("--add-supported-regions us-east-1")
            && commands.contains("--region us-west-2"),
        "{commands}"
    );
    // The owner's command as bash and zsh hand it to the CLI. Debian's CLI 2.9.19 predates
    // --add-supported-regions (cross-region PrivateLink came in November 2024), so the same
    // request (these arguments, the provider's profile, the service's region) is sent with
    // boto3 from moto's venv; moto applies it, and the next diagnosis must pass.
    let command = commands.lines().next().unwrap().to_string();
    let paste = |shell| Paste {
        shell,
        endpoint_url: &case.interposer.url,
        aws_dir: case.env.dir.path(),
        timeout: 30,
        vars: &[],
        cwd: case.env.dir.path(),
    };
    let zsh = ensure_command("zsh", "zsh");
    let argv = paste("bash").argv(&command).unwrap();
    assert_eq!(Ok(argv.clone()), paste(zsh.as_str()).argv(&command));
    let args = &argv[0];
    let value = |flag: &str| {
        let at = args
            .iter()
            .position(|a| a == flag)
            .unwrap_or_else(|| panic!("{flag} in {args:?}"));
        args[at + 1].clone()
    };
    assert_eq!(
        &args[..3],
        ["aws", "ec2", "modify-vpc-endpoint-service-configuration"]
    );
    let apply = format!(
        "import boto3; boto3.Session(profile_name={:?}, region_name={:?}).client('ec2', endpoint_url={:?}).modify_vpc_endpoint_service_configuration(ServiceId={:?}, AddSupportedRegions=[{:?}])",
        value("--profile"),
        value("--region"),
        crate::harness::moto().url,
        value("--service-id"),
        value("--add-supported-regions"),
    );
    let out = std::process::Command::new(&crate::harness::moto().python)
        .args(["-c", &apply])
        .env_clear()
        .env("AWS_CONFIG_FILE", case.env.path("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", case.env.path("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = case.check(&[]).await;
    assert_eq!(
        after.status("service.supported_region"),
        "pass",
        "{}",
        after.check("service.supported_region")
    );
    assert_eq!(after.code, 0, "{}", after.stdout);
}
