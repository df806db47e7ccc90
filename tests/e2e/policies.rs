//! Policies on the path, against moto (which stores endpoint and bucket policies): an S3
//! gateway endpoint in front of a bucket of the consumer's. Each broken policy fails its check
//! with the deciding statement, and its printed command, pasted into a shell and run against
//! moto, makes the check pass; each healthy variant passes as built. Then `policy-test`, live
//! and offline.

use serde_json::{Value, json};

use crate::Case;
use crate::harness::{Run, run_plain, run_tool};
use crate::interposer::{Fault, Rules};
use crate::workload::apply;

/// The offline test's object (nothing is created for it).
const OBJECT: &str = "arn:aws:s3:::team-data/reports/q3.csv";

/// The case's bucket (`team-data-<consumer account>`).
fn bucket(case: &Case) -> String {
    case.s.str("bucket")
}

/// An object in the case's bucket.
fn object(case: &Case) -> String {
    format!("arn:aws:s3:::{}/reports/q3.csv", bucket(case))
}

/// A VPC with an S3 gateway endpoint (policy `endpoint_policy`, or none) and the bucket
/// `team-data` (policy `bucket_policy`, or none); `rules` for the interposer.
async fn s3_case(
    endpoint_policy: Option<Value>,
    bucket_policy: Option<Value>,
    rules: impl FnOnce(Rules) -> Rules,
) -> Case {
    let mut spec = json!({"kind": "workload", "consumer_zones": ["a"], "services": ["s3"],
        "bucket": "team-data"});
    if let Some(p) = endpoint_policy {
        spec["s3_policy"] = p;
    }
    if let Some(p) = bucket_policy {
        spec["bucket_policy"] = p;
    }
    Case::with_any_dns(spec, |_, r| rules(r), |_| Vec::new()).await
}

fn s3_endpoint(case: &Case) -> String {
    case.s.out["endpoints"]["s3"].as_str().unwrap().to_string()
}

/// `policy-test` of a GetObject in the case's bucket through its S3 endpoint, live.
fn policy_test_args(case: &Case) -> Vec<String> {
    [
        "policy-test",
        "--endpoint",
        &s3_endpoint(case),
        "--action",
        "s3:GetObject",
        "--resource",
        &object(case),
        "--profile",
        "consumer",
    ]
    .map(str::to_string)
    .to_vec()
}

/// `check` of the S3 endpoint for `action` on `resource`, as JSON.
async fn check(case: &Case, action: &str, resource: &str) -> Run {
    let id = s3_endpoint(case);
    case.run(
        &["check", &id, "--format", "json"],
        &["--expect-action", action, "--expect-resource", resource],
    )
    .await
}

fn finding(run: &Run, id: &str) -> String {
    run.check(id)["summary"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The one command of a check's fixes.
fn only_command(run: &Run, id: &str) -> String {
    let commands = run.commands(id);
    assert_eq!(commands.lines().count(), 1, "{commands}");
    commands
}

fn source_ip_deny() -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Sid": "OfficeOnly", "Effect": "Deny",
        "Principal": "*", "Action": "s3:*",
        "Resource": ["arn:aws:s3:::__BUCKET__", "arn:aws:s3:::__BUCKET__/*"],
        "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]})
}

fn pinned_to(endpoint: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Sid": "OnlyThroughOurEndpoint",
        "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": ["arn:aws:s3:::__BUCKET__", "arn:aws:s3:::__BUCKET__/*"],
        "Condition": {"StringNotEquals": {"aws:SourceVpce": endpoint}}}]})
}

/// The data-perimeter bucket statement: deny unless from the VPC, sparing AWS services.
fn network_perimeter(vpc: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Sid": "EnforceNetworkPerimeter",
    "Effect": "Deny", "Principal": "*", "Action": "s3:*",
    "Resource": ["arn:aws:s3:::__BUCKET__", "arn:aws:s3:::__BUCKET__/*"],
    "Condition": {
        "StringNotEqualsIfExists": {"aws:SourceVpc": vpc},
        "BoolIfExists": {"aws:PrincipalIsAWSService": "false", "aws:ViaAWSService": "false"}
    }}]})
}

/// A broken bucket policy: the check fails naming the statement (and only it is a root
/// cause); its command, pasted, makes it pass.
async fn bucket_policy_is_fixed_by_its_command(policy: Value, statement: &str, key: &str) {
    let case = s3_case(None, Some(policy), |r| r).await;
    let run = check(&case, "s3:GetObject", &object(&case)).await;
    assert_eq!(
        run.status("gateway.bucket_policy"),
        "fail",
        "{}",
        run.stdout
    );
    let text = finding(&run, "gateway.bucket_policy");
    assert!(text.contains(statement) && text.contains(key), "{text}");
    assert_eq!(
        run.root_causes(),
        ["gateway.bucket_policy"],
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 1);
    let command = only_command(&run, "gateway.bucket_policy");
    assert!(
        command.starts_with(&format!(
            "aws s3api put-bucket-policy --bucket {} --policy '",
            bucket(&case)
        )),
        "{command}"
    );
    assert!(command.contains(&s3_endpoint(&case)) || command.contains(&case.s.str("vpc_id")));
    apply(&case, &command).await;
    let after = check(&case, "s3:GetObject", &object(&case)).await;
    assert_eq!(
        after.status("gateway.bucket_policy"),
        "pass",
        "{}",
        after.stdout
    );
    assert_eq!(after.code, 0, "{}", after.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bucket_policy_pinning_another_endpoint_is_fixed_by_adding_this_one() {
    bucket_policy_is_fixed_by_its_command(
        pinned_to("vpce-0f1e2d3c4b5a69788"),
        "OnlyThroughOurEndpoint",
        "aws:SourceVpce",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_aws_source_ip_deny_never_matches_through_the_endpoint_and_is_fixed() {
    bucket_policy_is_fixed_by_its_command(source_ip_deny(), "OfficeOnly", "aws:SourceIp").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_perimeter_naming_another_vpc_is_fixed_by_adding_this_one() {
    bucket_policy_is_fixed_by_its_command(
        network_perimeter("vpc-0f1e2d3c4b5a69788"),
        "EnforceNetworkPerimeter",
        "aws:SourceVpc",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthy_bucket_policies_raise_nothing() {
    // Pinned to this very endpoint; the address deny with this endpoint as its exception;
    // the data perimeter of this VPC; no bucket policy at all.
    let mut source_ip_spared = source_ip_deny();
    source_ip_spared["Statement"][0]["Condition"]["StringNotEquals"] =
        json!({"aws:SourceVpce": "__ENDPOINT__"});
    for policy in [
        Some(pinned_to("__ENDPOINT__")),
        Some(source_ip_spared),
        Some(network_perimeter("__VPC__")),
        None,
    ] {
        let case = s3_case(None, policy.clone(), |r| r).await;
        let run = check(&case, "s3:GetObject", &object(&case)).await;
        assert_eq!(
            run.status("gateway.bucket_policy"),
            "pass",
            "{policy:?}\n{}",
            run.stdout
        );
        assert_eq!(run.status("gateway.policy"), "pass", "{}", run.stdout);
        assert_eq!(run.code, 0, "{policy:?}\n{}", run.stdout);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_policy_without_the_allow_fails_and_its_command_adds_exactly_it() {
    let policy = json!({"Version": "2012-10-17", "Statement": [{"Sid": "TeamData",
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::team-data-*/*"}]});
    let case = s3_case(Some(policy), None, |r| r).await;
    // Healthy: the request it was written for.
    let run = check(&case, "s3:GetObject", &object(&case)).await;
    assert_eq!(run.status("gateway.policy"), "pass", "{}", run.stdout);
    assert!(finding(&run, "gateway.policy").contains("TeamData"));
    // Broken: another action.
    let run = check(&case, "s3:PutObject", &object(&case)).await;
    assert_eq!(run.status("gateway.policy"), "fail", "{}", run.stdout);
    assert_eq!(run.root_causes(), ["gateway.policy"], "{}", run.stdout);
    let command = only_command(&run, "gateway.policy");
    assert!(
        command.contains("\"s3:PutObject\"") && command.contains("TeamData"),
        "{command}"
    );
    apply(&case, &command).await;
    let after = check(&case, "s3:PutObject", &object(&case)).await;
    assert_eq!(after.status("gateway.policy"), "pass", "{}", after.stdout);
    // Exactly that request: deleting is still refused.
    let delete = check(&case, "s3:DeleteObject", &object(&case)).await;
    assert_eq!(delete.status("gateway.policy"), "fail", "{}", delete.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_named_request_the_layer_bucket_of_ecr_pulls_is_judged() {
    let policy = json!({"Statement": [{"Sid": "TeamData", "Effect": "Allow", "Principal": "*",
        "Action": "s3:*", "Resource": "arn:aws:s3:::team-data-*/*"}]});
    let case = s3_case(Some(policy), None, |r| r).await;
    let id = s3_endpoint(&case);
    let run = case.run(&["check", &id, "--format", "json"], &[]).await;
    // Advice, neither a failure nor a warning: the tool cannot know these clients are in the
    // VPC.
    assert_eq!(run.status("gateway.policy"), "advice", "{}", run.stdout);
    let text = finding(&run, "gateway.policy");
    assert!(
        text.contains("prod-us-east-1-starport-layer-bucket") && text.contains("ecr-pull"),
        "{text}"
    );
    assert_eq!(run.status("gateway.bucket_policy"), "not_applicable");
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bucket_policy_that_cannot_be_read_is_unknown_naming_the_permission() {
    let denied = Fault::Answer {
        status: 403,
        content_type: "application/xml",
        body: b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>interposer</RequestId></Error>".to_vec(),
    };
    let case = s3_case(None, Some(source_ip_deny()), |r| {
        r.fault("GetBucketPolicy", denied)
    })
    .await;
    let run = check(&case, "s3:GetObject", &object(&case)).await;
    assert_eq!(
        run.status("gateway.bucket_policy"),
        "unknown",
        "{}",
        run.stdout
    );
    assert!(finding(&run, "gateway.bucket_policy").contains("s3:GetBucketPolicy"));
    assert_eq!(run.code, 3, "{}", run.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn policy_test_reads_both_policies_and_names_the_deciding_statement() {
    let case = s3_case(None, Some(source_ip_deny()), |r| r).await;
    let owned = policy_test_args(&case);
    let args: Vec<&str> = owned.iter().map(String::as_str).collect();
    let run = run_tool(&case.env, &[&args[..], &["--format", "json"]].concat()).await;
    case.assert_read_only();
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["verdict"], "denied");
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs[0]["document"], "endpoint_policy");
    assert_eq!(docs[0]["decision"], "allow", "{report:#}");
    assert_eq!(docs[1]["document"], "bucket_policy");
    assert_eq!(docs[1]["decision"], "explicit_deny");
    assert_eq!(docs[1]["statement"], "OfficeOnly");
    assert!(
        docs[1]["because"][0]
            .as_str()
            .unwrap()
            .contains("aws:SourceIp")
    );
    let command = docs[1]["command"].as_str().unwrap().to_string();
    let source_ip = report["context"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "aws:SourceIp")
        .unwrap();
    assert_eq!(source_ip["state"], "absent");
    // The text face says the same, and its command, pasted, lets the request through.
    let text = run_tool(&case.env, &args).await;
    assert!(text.stdout.contains("OfficeOnly"), "{}", text.stdout);
    assert!(text.stdout.contains(&command), "{}", text.stdout);
    apply(&case, &command).await;
    let after = run_tool(&case.env, &args).await;
    assert_eq!(after.code, 0, "{}\n{}", after.stdout, after.stderr);
}

#[test]
fn policy_test_offline_reads_nothing_from_aws_and_tries_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, v: &Value| {
        let path = dir.path().join(name);
        std::fs::write(&path, v.to_string().replace("__BUCKET__", "team-data")).unwrap();
        path.to_string_lossy().to_string()
    };
    let endpoint_policy = write(
        "endpoint.json",
        &json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}),
    );
    let broken = write("broken.json", &pinned_to("vpce-0f1e2d3c4b5a69788"));
    let fixed = write("fixed.json", &pinned_to("vpce-0a1b2c3d4e5f60718"));
    let org = write(
        "org.json",
        &json!({"Statement": [{"Sid": "OrgOnly", "Effect": "Allow", "Principal": "*", "Action": "*",
            "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}),
    );
    let base = [
        "policy-test",
        "--endpoint",
        "vpce-0a1b2c3d4e5f60718",
        "--action",
        "s3:GetObject",
        "--resource",
        OBJECT,
        "--region",
        "us-east-1",
        "--format",
        "json",
    ];
    // No credentials, no endpoint URL: a call to AWS would fail. None is made.
    let run = |extra: &[&str]| run_plain(&[&base[..], extra].concat(), &[]);
    let broken_run = run(&[
        "--endpoint-policy",
        &endpoint_policy,
        "--bucket-policy",
        &broken,
    ]);
    assert_eq!(
        broken_run.code, 1,
        "{}\n{}",
        broken_run.stdout, broken_run.stderr
    );
    let report: Value = serde_json::from_str(&broken_run.stdout).unwrap();
    assert_eq!(report["documents"][1]["decision"], "explicit_deny");
    let fixed_run = run(&[
        "--endpoint-policy",
        &endpoint_policy,
        "--bucket-policy",
        &fixed,
    ]);
    assert_eq!(
        fixed_run.code, 0,
        "{}\n{}",
        fixed_run.stdout, fixed_run.stderr
    );
    // Without the bucket policy, offline: the bucket is not judged, and the answer says so.
    let partial = run(&["--endpoint-policy", &endpoint_policy]);
    assert_eq!(partial.code, 3, "{}", partial.stdout);
    // A key the tool cannot know: depends, naming it; given, decided.
    let depends = run(&["--endpoint-policy", &org, "--bucket-policy", &fixed]);
    assert_eq!(depends.code, 3, "{}", depends.stdout);
    let report: Value = serde_json::from_str(&depends.stdout).unwrap();
    assert_eq!(report["documents"][0]["unknown_key"], "aws:PrincipalOrgID");
    let given = run(&[
        "--endpoint-policy",
        &org,
        "--bucket-policy",
        &fixed,
        "--context",
        "aws:PrincipalOrgID=o-a1b2c3d4e5",
    ]);
    assert_eq!(given.code, 0, "{}", given.stdout);
    // Bad input: one line, exit 2.
    for bad in [
        &["--endpoint-policy", "/nonexistent.json"][..],
        &["--endpoint-policy", &endpoint_policy, "--context", "nokey"],
        &["--endpoint-policy", &endpoint_policy, "--principal", "bob"],
    ] {
        let r = run(bad);
        assert_eq!(r.code, 2, "{bad:?}: {}", r.stderr);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn policy_test_says_what_it_could_not_read_and_decides_nothing_from_it() {
    let case = s3_case(None, None, |r| {
        r.fault(
            "DescribeVpcEndpoints",
            Fault::ec2_error(
                403,
                "UnauthorizedOperation",
                "You are not authorized to perform this operation.",
            ),
        )
    })
    .await;
    let owned = policy_test_args(&case);
    let args: Vec<&str> = owned.iter().map(String::as_str).collect();
    let run = run_tool(&case.env, &[&args[..], &["--format", "json"]].concat()).await;
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let endpoint = &report["documents"][0];
    assert_eq!(endpoint["decision"], "not_judged", "{report:#}");
    assert!(
        endpoint["note"]
            .as_str()
            .unwrap()
            .contains("ec2:DescribeVpcEndpoints"),
        "{report:#}"
    );
    // The bucket is read all the same, and has no policy.
    assert_eq!(
        report["documents"][1]["decision"], "implicit_deny",
        "{report:#}"
    );
    assert_eq!(report["verdict"], "depends");
}
