//! Bad input: one line on stderr, exit 2, never a panic.

use crate::harness::run_plain;

fn assert_bad_input(args: &[&str], mention: &str) {
    let run = run_plain(
        args,
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ],
    );
    assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr.trim_end().lines().count(),
        1,
        "{args:?}: one line, got {:?}",
        run.stderr
    );
    assert!(
        run.stderr.contains(mention),
        "{args:?}: {:?} should mention {mention:?}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked") && !run.stderr.contains("backtrace"));
    assert!(run.stdout.is_empty());
}

#[test]
fn malformed_and_unsupported_targets() {
    assert_bad_input(
        &["check", "vpce-123"],
        "vpce- followed by 8 or 17 lowercase hex digits",
    );
    assert_bad_input(&["check", "i-0123456789abcdef0"], "pass it with --from");
    assert_bad_input(&["check", "vpce-svc-XYZ"], "endpoint service");
    assert_bad_input(&["check", "https://"], "URL without a host");
    assert_bad_input(&["check", "vpce-\u{1b}[2Jxx"], "not a VPC endpoint id");
    assert_bad_input(&["check"], "TARGET");
}

#[test]
fn malformed_options() {
    let ep = "vpce-0123456789abcdef0";
    assert_bad_input(&["check", ep, "--port", "70000"], "--port");
    assert_bad_input(&["check", ep, "--port", "0"], "--port");
    assert_bad_input(&["check", ep, "--from", "nonsense"], "--from");
    assert_bad_input(
        &["check", ep, "--dns-server", "dns.example"],
        "--dns-server",
    );
    assert_bad_input(&["check", ep, "--format", "yaml"], "--format");
    assert_bad_input(
        &["check", ep, "--from-snapshot", "/nonexistent/snap.json"],
        "cannot read snapshot",
    );
    assert_bad_input(&["frobnicate"], "frobnicate");
}

#[test]
fn unreadable_or_foreign_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "{not json").unwrap();
    assert_bad_input(
        &[
            "check",
            "vpce-0123456789abcdef0",
            "--from-snapshot",
            junk.to_str().unwrap(),
        ],
        "not a vpce-doctor snapshot",
    );
    let future = dir.path().join("future.json");
    std::fs::write(&future, r#"{"snapshot_version": 99}"#).unwrap();
    assert_bad_input(
        &[
            "check",
            "vpce-0123456789abcdef0",
            "--from-snapshot",
            future.to_str().unwrap(),
        ],
        "version 99",
    );
}

#[test]
fn missing_region_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().to_str().unwrap();
    let run = run_plain(
        &["check", "vpce-0123456789abcdef0"],
        &[
            ("HOME", home),
            ("AWS_CONFIG_FILE", "/nonexistent"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"),
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no AWS region"), "{}", run.stderr);
}

#[test]
fn catalog_lists_every_check_with_its_needs() {
    let run = run_plain(&["checks"], &[]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("private_dns.resolves"));
    assert!(run.stdout.contains("nlb.target_health, az.alignment"));
    let json = run_plain(&["checks", "--format", "json"], &[]);
    let list: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    // Every check of the embedded catalog, each once.
    let catalog = vpce_doctor::engine::catalog::Catalog::embedded().unwrap();
    let listed: std::collections::BTreeSet<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed.len(), list.as_array().unwrap().len());
    assert_eq!(listed, catalog.ids().into_iter().collect());
    assert!(listed.contains("service.supported_region"));
    assert!(run.stdout.contains("endpoint.gateway_companion"));
}

#[test]
fn help_and_version() {
    let run = run_plain(&["--help"], &[]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("check"));
    let run = run_plain(&["check", "--help"], &[]);
    for flag in [
        "--provider-profile",
        "--port",
        "--from",
        "--dns-server",
        "--save-snapshot",
        "--from-snapshot",
        "--stats",
    ] {
        assert!(run.stdout.contains(flag), "{flag}");
    }
}

#[test]
fn no_command_off_a_terminal_is_bad_input() {
    let run = run_plain(&[], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1);
    assert!(run.stderr.contains("vpce-doctor check TARGET"));
}

#[test]
fn demo_lists_its_scenarios_and_rejects_unknown_ones() {
    let run = run_plain(&["demo", "--list"], &[]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        vpce_doctor::demo::SCENARIOS.len(),
        "{}",
        run.stdout
    );
    // One column for the titles, however long a name is.
    let title_column = |line: &str| {
        line.find("  ")
            .map(|i| i + line[i..].len() - line[i..].trim_start().len())
    };
    let first = title_column(lines[0]);
    for (line, s) in lines.iter().zip(vpce_doctor::demo::SCENARIOS) {
        assert!(line.starts_with(s.name), "{line}");
        assert_eq!(title_column(line), first, "{}", run.stdout);
    }
    assert_bad_input(&["demo", "no-such-scenario"], "expected one of healthy");
    assert_bad_input(&["demo", "healthy"], "needs a terminal");
}

#[test]
fn demo_scenarios_replay_headless_too() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/sg-blocks-443.json");
    let run = run_plain(
        &[
            "check",
            "vpce-0a1b2c3d4e5f60718",
            "--from-snapshot",
            dir.to_str().unwrap(),
            "--format",
            "json",
        ],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.json()["root_causes"][0]["id"],
        "endpoint.security_groups"
    );
}

#[test]
fn missing_credentials_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().to_str().unwrap();
    let config = dir.path().join("config");
    std::fs::write(&config, "[profile known]\nregion = us-east-1\n").unwrap();
    let env = [
        ("HOME", home),
        ("AWS_CONFIG_FILE", config.to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
    ];
    let run = run_plain(
        &[
            "check",
            "vpce-0123456789abcdef0",
            "--region",
            "us-east-1",
            "--timeout",
            "2",
        ],
        &env,
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "no usable AWS credentials for the consumer account (the default credential chain)"
        ),
        "{}",
        run.stderr
    );
    let run = run_plain(
        &[
            "check",
            "vpce-0123456789abcdef0",
            "--profile",
            "known",
            "--timeout",
            "2",
        ],
        &env,
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("(profile known)")
            && run
                .stderr
                .contains("refresh the credentials of profile known"),
        "{}",
        run.stderr
    );
}

#[test]
fn iam_policy_prints_one_policy_per_account() {
    let both = run_plain(&["iam-policy"], &[]);
    assert_eq!(both.code, 0);
    let v: serde_json::Value = serde_json::from_str(&both.stdout).unwrap();
    assert_eq!(v["consumer"]["Statement"][0]["Effect"], "Allow");
    let consumer = run_plain(&["iam-policy", "--consumer"], &[]);
    let doc: serde_json::Value = serde_json::from_str(&consumer.stdout).unwrap();
    let actions: Vec<&str> = doc["Statement"][0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(actions.contains(&"ec2:DescribeVpcEndpoints"));
    // The VPC resolver's layers (issue 16) are read in the consumer account.
    for layer in [
        "route53resolver:ListResolverRules",
        "route53resolver:ListFirewallRules",
        "route53profiles:ListProfileResourceAssociations",
        "route53:GetHostedZone",
    ] {
        assert!(actions.contains(&layer), "{layer} not in {actions:?}");
    }
    // Traffic evidence (issue 17): metrics, flow logs and their one bounded query.
    for traffic in [
        "cloudwatch:GetMetricData",
        "ec2:DescribeFlowLogs",
        "logs:StartQuery",
        "logs:GetQueryResults",
    ] {
        assert!(actions.contains(&traffic), "{traffic} not in {actions:?}");
    }
    // Read-only: Describe/Get/List, and the one documented exception (a Logs Insights query).
    assert!(
        actions.iter().all(|a| a.contains(":Describe")
            || a.contains(":Get")
            || a.contains(":List")
            || *a == "logs:StartQuery"),
        "{actions:?}"
    );
    assert_bad_input(
        &["iam-policy", "--consumer", "--provider"],
        "cannot be used with",
    );
}
