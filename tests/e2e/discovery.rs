//! The provider's credentials found without `--provider-profile`: two moto accounts, the
//! consumer's DescribeVpcEndpointServices naming the service's owner (moto shows a custom
//! service only to its owner, so the interposer answers as AWS does), and the profile of
//! that account found in the AWS config file, the vpce-doctor config file's account map or
//! the identity cache; or a role assumed with `--provider-role-arn`.

use serde_json::{Value, json};

use crate::Case;
use crate::harness::{Run, Scenario, run_plain, run_tool};
use crate::interposer::{Fault, Rules};

/// The consumer's view of the custom service, naming its owner.
fn owner_visible(s: &Scenario, rules: Rules) -> Rules {
    let answer = crate::service_detail_answer(s, &s.provider, "");
    rules.respond("DescribeVpcEndpointServices", move |_| {
        (200, answer.clone())
    })
}

async fn case(extra: impl FnOnce(&Scenario, Rules) -> Rules) -> Case {
    Case::new(json!({}), move |s, r| extra(s, owner_visible(s, r))).await
}

/// `check ENDPOINT` as the consumer only (no --provider-profile), with `extra`.
async fn check(case: &Case, extra: &[&str]) -> Run {
    let (ep, dns) = (case.endpoint(), case.dns.addr.to_string());
    let mut args = vec!["check", &ep, "--profile", "consumer", "--dns-server", &dns];
    args.extend(extra);
    let run = run_tool(&case.env, &args).await;
    // Read-only, but for the one role these tests ask for.
    for action in case.interposer.actions() {
        assert!(
            ["Describe", "Get", "List"]
                .iter()
                .any(|p| action.starts_with(p))
                || action == "StartQuery"
                || action == "AssumeRole",
            "the tool called {action}"
        );
    }
    run
}

fn append(path: &str, text: &str) {
    let old = std::fs::read_to_string(path).unwrap_or_default();
    std::fs::write(path, old + text).unwrap();
}

/// The vpce-doctor config file at its default place under the run's HOME.
fn write_tool_config(case: &Case, text: &str) -> String {
    let dir = case.env.dir.path().join(".config/vpce-doctor");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn context(run: &Run) -> Value {
    run.json()["context"].clone()
}

/// The provider's side was read with the provider's own credentials: the service's
/// configuration is visible only to its owner.
fn assert_provider_read(run: &Run, case: &Case) {
    assert_eq!(run.status("service.found"), "pass", "{}", run.stderr);
    assert_eq!(run.status("nlb.state"), "pass");
    let c = context(run);
    assert_eq!(c["provider_credentials"], true);
    assert_eq!(c["provider_account"], case.s.provider.as_str());
    let calls = &run.json()["api_calls"]["by_operation"];
    // Found from answers the checks needed anyway: the consumer's view of the service once.
    assert_eq!(calls["DescribeVpcEndpointServices"]["calls"], 1, "{calls}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_provider_profile_is_found_by_the_account_in_its_role_arn() {
    let case = case(|_, r| r).await;
    let config = case.env.path("config");
    append(
        &config,
        &format!(
            "[profile owner-ro]\nrole_arn = arn:aws:iam::{}:role/vpce-doctor-test\nsource_profile = consumer\nregion = us-east-1\n",
            case.s.provider
        ),
    );
    let run = check(&case, &["--format", "json"]).await;
    assert_provider_read(&run, &case);
    let c = context(&run);
    assert_eq!(c["provider_profile"], "owner-ro");
    assert_eq!(
        c["provider_source"],
        format!(
            "provider profile owner-ro: role_arn {} in {config}",
            case.s.provider
        )
    );
    // The header of the text report says the same.
    let text = check(&case, &["--format", "text"]).await;
    assert!(
        text.stdout.contains(&format!(
            "provider profile owner-ro: role_arn {}",
            case.s.provider
        )),
        "{}",
        text.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_config_file_maps_the_owner_s_account_to_a_profile_or_a_role() {
    let case = case(|_, r| r).await;
    let file = write_tool_config(
        &case,
        &format!(
            "[accounts.\"{}\"]\nprofile = \"provider\"\n",
            case.s.provider
        ),
    );
    let run = check(&case, &["--format", "json"]).await;
    assert_provider_read(&run, &case);
    assert_eq!(
        context(&run)["provider_source"],
        format!(
            "provider profile provider: account {} mapped in {file}",
            case.s.provider
        )
    );
    let role = format!("arn:aws:iam::{}:role/vpce-doctor-test", case.s.provider);
    write_tool_config(
        &case,
        &format!(
            "[accounts.\"{}\"]\nrole_arn = \"{role}\"\n",
            case.s.provider
        ),
    );
    let run = check(&case, &["--format", "markdown"]).await;
    assert!(
        run.stdout.contains(&format!(
            "| provider credentials | provider role {role}: account"
        )),
        "{}",
        run.stdout
    );
    assert!(
        case.interposer
            .actions()
            .contains(&"AssumeRole".to_string())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_identity_seen_once_finds_a_profile_of_plain_keys_the_next_time() {
    let case = case(|_, r| r).await;
    let first = check(
        &case,
        &["--provider-profile", "provider", "--format", "json"],
    )
    .await;
    assert_eq!(first.status("service.found"), "pass");
    let cache = case
        .env
        .dir
        .path()
        .join(".cache/vpce-doctor/identities.json");
    let cached = std::fs::read_to_string(&cache).unwrap();
    assert!(
        cached.contains(&case.s.provider) && !cached.contains("secret"),
        "{cached}"
    );
    let run = check(&case, &["--format", "json"]).await;
    assert_provider_read(&run, &case);
    // Finding the profile costs no call the named profile's run did not make.
    let total = |r: &Run| r.json()["api_calls"]["total"].as_u64().unwrap();
    eprintln!(
        "api calls: --provider-profile {}, found {}",
        total(&first),
        total(&run)
    );
    assert!(
        total(&run) <= total(&first),
        "{} > {}",
        total(&run),
        total(&first)
    );
    assert_eq!(
        context(&run)["provider_source"],
        format!(
            "provider profile provider: cached identity {} (learned by sts:GetCallerIdentity)",
            case.s.provider
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_named_on_the_command_line_is_assumed_from_the_consumer() {
    let case = case(|_, r| r).await;
    let role = format!("arn:aws:iam::{}:role/vpce-doctor-test", case.s.provider);
    let run = check(&case, &["--provider-role-arn", &role, "--format", "json"]).await;
    assert_provider_read(&run, &case);
    assert_eq!(
        context(&run)["provider_source"],
        format!("provider role {role}: --provider-role-arn")
    );
    // What the consumer's credentials need for it: iam-policy names the role.
    let policy = run_plain(
        &["iam-policy", "--consumer", "--provider-role-arn", &role],
        &[],
    );
    let policy: Value = serde_json::from_str(&policy.stdout).unwrap();
    let assume = &policy["Statement"][1];
    assert_eq!(
        (assume["Action"].as_str(), assume["Resource"].as_str()),
        (Some("sts:AssumeRole"), Some(role.as_str()))
    );
    // Not both at once.
    let both = run_plain(
        &[
            "check",
            "vpce-0123456789abcdef0",
            "--provider-role-arn",
            &role,
            "--provider-profile",
            "p",
        ],
        &[],
    );
    assert_eq!(both.code, 2, "{}", both.stderr);
    assert!(
        both.stderr.contains("--provider-profile"),
        "{}",
        both.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_that_cannot_be_assumed_leaves_the_provider_checks_unknown_naming_it() {
    let case = case(|_, r| {
        r.fault(
            "AssumeRole",
            Fault::elb_error(
                403,
                "AccessDenied",
                "User is not authorized to perform: sts:AssumeRole",
            ),
        )
    })
    .await;
    let role = format!("arn:aws:iam::{}:role/Missing", case.s.provider);
    let run = check(&case, &["--provider-role-arn", &role, "--format", "json"]).await;
    assert_eq!(run.status("service.found"), "unknown", "{}", run.stderr);
    let summary = run.check("service.found")["summary"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        summary.contains("sts:AssumeRole") && summary.contains(&role),
        "{summary}"
    );
    assert!(
        run.stderr.contains("cannot assume the provider role")
            && run.stderr.contains(&role)
            && run.stderr.lines().count() <= 2,
        "{}",
        run.stderr
    );
    // The consumer's side is still judged.
    assert_eq!(run.status("endpoint.found"), "pass");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_profile_for_the_owner_says_so_and_the_provider_checks_stay_unknown() {
    let case = case(|_, r| r).await;
    let run = check(&case, &["--format", "json"]).await;
    assert_eq!(run.status("service.found"), "unknown");
    let c = context(&run);
    assert_eq!(c["provider_credentials"], false);
    let line = format!(
        "no profile for account {}; pass --provider-profile or add it to the config file",
        case.s.provider
    );
    assert_eq!(c["provider_source"], line.as_str());
    let text = check(&case, &["--format", "text"]).await;
    assert!(text.stdout.contains(&line), "{}", text.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_config_command_names_each_origin_and_a_bad_file_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vd.toml");
    std::fs::write(
        &file,
        "timeout = 20\nlang = \"ko\"\n[ports]\n\"vpce-svc-0123456789abcdef0\" = [8443]\n",
    )
    .unwrap();
    let home = dir.path().display().to_string();
    let f = file.display().to_string();
    let run = run_plain(
        &["config", "--format", "json", "--timeout", "7"],
        &[
            ("HOME", &home),
            ("VPCE_DOCTOR_CONFIG", &f),
            ("AWS_PROFILE", "ops"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let origin = |key: &str| {
        v["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap_or_else(|| panic!("{key}: {v}"))
            .clone()
    };
    assert_eq!(
        origin("timeout")["origin"],
        json!({"kind": "flag", "name": "--timeout"})
    );
    assert_eq!(
        origin("profile")["origin"],
        json!({"kind": "env", "name": "AWS_PROFILE"})
    );
    assert_eq!(origin("lang")["origin"], json!({"kind": "file", "name": f}));
    assert_eq!(origin("concurrency")["origin"]["kind"], "default");
    std::fs::write(&file, "timeuot = 20\n").unwrap();
    let bad = run_plain(
        &["check", "vpce-0123456789abcdef0", "--config", &f],
        &[("HOME", &home)],
    );
    assert_eq!(bad.code, 2);
    assert_eq!(bad.stderr.lines().count(), 1, "{}", bad.stderr);
    assert!(
        bad.stderr.contains(&f) && bad.stderr.contains("timeuot") && bad.stderr.contains("timeout"),
        "{}",
        bad.stderr
    );
    let missing = run_plain(
        &["config", "--config", "/nonexistent/vd.toml"],
        &[("HOME", &home)],
    );
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("/nonexistent/vd.toml"),
        "{}",
        missing.stderr
    );
}
