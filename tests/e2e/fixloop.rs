//! Fix commands are code. Every command the catalog can emit is parsed by the real AWS CLI v2
//! and gives bash and zsh the same arguments; and for each broken scenario, each root cause's
//! command, pasted into a shell and run against moto, makes that check pass on the next
//! diagnosis.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::json;

use vpce_doctor::engine::catalog::{Catalog, fully_rendered, render_template};

use crate::Case;
use crate::harness::{Paste, ensure_command, free_port};
use crate::interposer::{Interposer, Rules};

/// A realistic value for every placeholder a command template uses, the first of each list
/// being the usual case.
fn base_values() -> BTreeMap<&'static str, &'static str> {
    BTreeMap::from([
        ("acl_id", "acl-0a1b2c3d4e5f60718"),
        ("az_id", "use1-az2"),
        ("cidr", "10.10.0.0/16"),
        ("cidr_arg", "--protocol tcp --port 443 --cidr 10.10.0.0/16"),
        ("cidr_flag", "--cidr-block"),
        ("destination", "10.60.0.0/16"),
        ("destination_arg", "--destination-cidr-block 10.60.0.0/16"),
        ("gateway", "pcx-0a1b2c3d4e5f60718"),
        (
            "gateway_arg",
            "--vpc-peering-connection-id pcx-0a1b2c3d4e5f60718",
        ),
        ("pcx_id", "pcx-0a1b2c3d4e5f60718"),
        ("client_sg_ids", "sg-0a9b8c7d6e5f40312"),
        ("consumer_account", "111122223333"),
        ("consumer_args", " --profile consumer --region us-east-1"),
        ("direction_flag", "--ingress"),
        (
            "dns_name",
            "vpce-0a1b2c3d4e5f60718-k2j1h0g9.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
        ),
        ("endpoint_id", "vpce-0a1b2c3d4e5f60718"),
        ("endpoint_type", "Interface"),
        ("eni_ids", "eni-0a1b2c3d4e5f60718"),
        ("from_port", "443"),
        ("group_id", "sg-0a1b2c3d4e5f60718"),
        ("ip", "10.10.1.25"),
        (
            "lb_arn",
            "arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/net/svc-nlb/0123456789abcdef",
        ),
        (
            "lb_arns",
            "arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/net/svc-nlb/0123456789abcdef",
        ),
        ("lb_name", "svc-nlb"),
        ("metric_start", "2026-12-02T03:00:00Z"),
        ("metric_end", "2026-12-02T03:15:00Z"),
        (
            "metric_queries",
            r#"[{"Id":"m0","MetricStat":{"Metric":{"Namespace":"AWS/PrivateLinkEndpoints","MetricName":"NewConnections","Dimensions":[{"Name":"Endpoint Type","Value":"Interface"},{"Name":"VPC Endpoint Id","Value":"vpce-0a1b2c3d4e5f60718"}]},"Period":60,"Stat":"Sum"}}]"#,
        ),
        ("lb_sg", "sg-0b1b2c3d4e5f60719"),
        ("lb_sg_ids", "sg-0b1b2c3d4e5f60719"),
        ("lb_subnets", "subnet-0c1b2c3d4e5f6071a"),
        ("name", "api.example.com"),
        ("other_endpoint", "vpce-0d1b2c3d4e5f6071b"),
        ("port", "443"),
        ("private_dns_name", "api.example.com"),
        ("probe_name", "api.example.com"),
        ("provider_args", " --profile provider --region us-east-1"),
        ("region", "us-east-1"),
        ("route_table_id", "rtb-0a1b2c3d4e5f60718"),
        ("rule_number", "99"),
        ("service_id", "vpce-svc-0123456789abcdef0"),
        (
            "service_name",
            "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
        ),
        ("sg_ids", "sg-0a1b2c3d4e5f60718"),
        (
            "source_arg",
            "--protocol tcp --port 443 --cidr 10.10.0.0/16",
        ),
        (
            "permission_args",
            "--protocol tcp --port 443 --source-group sg-0c1b2c3d4e5f6071a",
        ),
        ("subnet_id", "subnet-0a1b2c3d4e5f60718"),
        (
            "subnet_ids",
            "subnet-0a1b2c3d4e5f60718 subnet-0b1b2c3d4e5f60719",
        ),
        (
            "tg_arn",
            "arn:aws:elasticloadbalancing:us-east-1:444455556666:targetgroup/svc-tg/0123456789abcdef",
        ),
        ("to_port", "443"),
        ("target_args", "Id=10.20.2.10,Port=443"),
        ("protocol", "6"),
        ("record_arg", ""),
        ("route_table_ids", "rtb-0a1b2c3d4e5f60718"),
        (
            "client_route_tables",
            "rtb-0a1b2c3d4e5f60718 rtb-0b1b2c3d4e5f60719",
        ),
        ("server", "10.0.0.53"),
        ("service_region", "us-west-2"),
        ("vpc_id", "vpc-0a1b2c3d4e5f60718"),
        ("want", "ipv4"),
        ("zone_id", "Z0123456789ABCDEFGHIJ"),
        // dns.resolution_path
        ("rule_id", "rslvr-rr-0a1b2c3d4e5f60718"),
        ("client_vpc", "vpc-0b1b2c3d4e5f60719"),
        ("system_domain", "api.example.com"),
        (
            "request_id",
            "vpce-doctor-system-vpc-0b1b2c3d4e5f60719-api-example-com",
        ),
        ("list_id", "rslvr-fdl-0a1b2c3d4e5f60718"),
        ("entry", "api.example.com"),
        ("allow_priority", "99"),
        ("zone_name", "api.example.com"),
        ("record_name", "api.example.com"),
        (
            "alias_name",
            "vpce-0a1b2c3d4e5f60718-k2j1h0g9.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com",
        ),
        ("alias_zone", "Z7HUB22UULQXV"),
        ("target_ip", "10.9.0.2"),
        (
            "subnet_args",
            "SubnetId=subnet-0a1b2c3d4e5f60718 SubnetId=subnet-0b1b2c3d4e5f60719",
        ),
        ("sg_id", "sg-0a1b2c3d4e5f60718"),
        ("profile_id", "rp-0a1b2c3d4e5f60718"),
        ("resource_id", "rslvr-rr-0a1b2c3d4e5f60718"),
        ("inbound_ips", "10.10.1.53 10.10.2.53"),
        // A corrected policy, single-quoted for the shell as the checks write it (quotes and
        // spaces inside the JSON stay one argument).
        (
            "policy",
            r#"'{"Version":"2012-10-17","Statement":[{"Sid":"VpceDoctorAllow","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::team-data/*"}]}'"#,
        ),
        ("bucket", "team-data"),
        (
            "requests",
            "s3:GetObject on arn:aws:s3:::prod-us-east-1-starport-layer-bucket/* (ecr-pull)",
        ),
    ])
}

/// The other shapes a value takes, each set applied on top of the usual case: IPv6 sources
/// (as `sg::source_arg` renders them; the fix loop runs the code's own), several
/// ids in one list, a gateway endpoint, wildcard names.
fn variants() -> Vec<Vec<(&'static str, &'static str)>> {
    vec![
        vec![
            ("cidr", "2001:db8:1234:1a00::/56"),
            ("cidr_flag", "--ipv6-cidr-block"),
            (
                "cidr_arg",
                "--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=2001:db8:1234:1a00::/56}]'",
            ),
            (
                "source_arg",
                "--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=2001:db8:1234:1a00::/56}]'",
            ),
            (
                "permission_args",
                "--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=2001:db8:1234:1a00::/56}]'",
            ),
        ],
        vec![(
            "permission_args",
            "--protocol udp --port 53 --cidr 10.40.10.0/24",
        )],
        vec![
            ("direction_flag", "--egress"),
            ("from_port", "1024"),
            ("to_port", "65535"),
            ("rule_number", "32766"),
        ],
        vec![
            ("eni_ids", "eni-0a1b2c3d4e5f60718 eni-0b1b2c3d4e5f60719"),
            ("sg_ids", "sg-0a1b2c3d4e5f60718 sg-0c1b2c3d4e5f6071a"),
            ("lb_sg_ids", "sg-0b1b2c3d4e5f60719 sg-0d1b2c3d4e5f6071b"),
            (
                "lb_subnets",
                "subnet-0c1b2c3d4e5f6071a subnet-0d1b2c3d4e5f6071b",
            ),
            (
                "lb_arns",
                "arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/net/svc-nlb/0123456789abcdef arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/net/svc-nlb2/0123456789abcdee",
            ),
        ],
        vec![
            ("endpoint_type", "Gateway"),
            ("service_name", "com.amazonaws.us-east-1.s3"),
        ],
        // client.routes: a transit gateway, a virtual private gateway, an IPv6 range.
        vec![("gateway_arg", "--transit-gateway-id tgw-0a1b2c3d4e5f60718")],
        vec![
            ("gateway_arg", "--gateway-id vgw-0a1b2c3d4e5f60718"),
            (
                "destination_arg",
                "--destination-ipv6-cidr-block 2001:db8:1234:1a00::/56",
            ),
        ],
        vec![("want", "ipv6")],
        vec![("want", "dualstack")],
        // An AAAA question; several route tables, or the variable when none could be read.
        vec![
            ("record_arg", " AAAA"),
            (
                "route_table_ids",
                "rtb-0a1b2c3d4e5f60718 rtb-0b1b2c3d4e5f60719",
            ),
        ],
        vec![(
            "route_table_ids",
            "\"${ROUTE_TABLE_ID:?set ROUTE_TABLE_ID to the route table of the client subnets}\"",
        )],
        vec![
            ("private_dns_name", "*.api.example.com"),
            ("probe_name", "vpce-doctor-probe.api.example.com"),
        ],
    ]
}

/// Values for the shell variables fix texts ask the user to set.
const SHELL_VARS: &[(&str, &str)] = &[
    ("ENDPOINT_SG", "sg-0e1b2c3d4e5f6071c"),
    ("CLIENT_SG", "sg-0a9b8c7d6e5f40312"),
    ("CLIENT_CIDR", "10.40.10.0/24"),
    ("NLB_SUBNET", "subnet-0e1b2c3d4e5f6071c"),
    ("OTHER_AZ_SUBNET", "subnet-0f1b2c3d4e5f6071d"),
    ("ROUTE_TABLE_ID", "rtb-0b1b2c3d4e5f60719"),
    ("SUBNET_IPV6_CIDR", "2001:db8:1234:1a01::/64"),
    (
        "NLB_ARN",
        "arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/net/svc-nlb-2/0123456789abcdee",
    ),
    (
        "TARGET_GROUP_ARN",
        "arn:aws:elasticloadbalancing:us-east-1:444455556666:targetgroup/svc-tg/0123456789abcdef",
    ),
    ("TARGET_ID", "i-0a1b2c3d4e5f60718"),
    ("INSPECT_CIDR", "0.0.0.0/0"),
    ("SUBNET_ID", "subnet-0b1b2c3d4e5f60719"),
    (
        "GWLB_ARN",
        "arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/gwy/inspect/0123456789abcdef",
    ),
];

/// Options of the current CLI v2 that the test's (Debian's 2.9.19) predates, each with the
/// values it takes: checked here, then left out so the rest of the command is still parsed.
const NEWER_OPTIONS: &[(&str, &[&str])] = &[
    // SetSecurityGroups gained it in August 2023 (CLI 2.13).
    (
        "--enforce-security-group-inbound-rules-on-private-link-traffic",
        &["on", "off"],
    ),
    // Added with cross-region PrivateLink (November 2024), after 2.9.19; its value is the
    // consumer's region. tests/e2e/xregion.rs sends the same request with boto3.
    ("--add-supported-regions", &["us-east-1"]),
    // Added with cross-region PrivateLink too: the service's region.
    ("--service-regions", &["us-west-2"]),
];

fn without_newer_options(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some((option, values)) = NEWER_OPTIONS.iter().find(|(o, _)| o == a) {
            let value = it.next().map(String::as_str).unwrap_or_default();
            assert!(
                values.contains(&value),
                "{option} takes one of {values:?}, not {value:?}: {args:?}"
            );
            continue;
        }
        out.push(a.clone());
    }
    out
}

/// One command the catalog can emit: where it comes from and its text with test values.
struct Emitted {
    origin: String,
    /// The fix text beside it (which must explain any shell variable the command uses).
    text: String,
    command: String,
}

fn emitted_commands() -> Vec<Emitted> {
    let catalog = Catalog::embedded().unwrap();
    let base = base_values();
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for check in catalog.checks() {
        let mut templates: Vec<(String, String, String)> = check
            .fix
            .iter()
            .filter_map(|(key, f)| {
                f.command
                    .as_ref()
                    .map(|c| (format!("{} fix.{key}", check.id), f.text.clone(), c.clone()))
            })
            .collect();
        if let Some(r) = &check.reproduce {
            templates.push((format!("{} reproduce", check.id), String::new(), r.clone()));
        }
        for (origin, text, template) in templates {
            let mut sets = vec![Vec::new()];
            sets.extend(variants().into_iter().filter(|v| {
                v.iter()
                    .any(|(k, _)| template.contains(&format!("{{{k}}}")))
            }));
            for set in sets {
                let mut vars: BTreeMap<&str, &str> = base.clone();
                vars.extend(set);
                let vars: Vec<(String, String)> = vars
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                let command = render_template(&template, &vars);
                assert!(
                    fully_rendered(&command),
                    "{origin}: a placeholder has no test value here: {command}"
                );
                if seen.insert((origin.clone(), command.clone())) {
                    out.push(Emitted {
                        origin: origin.clone(),
                        text: render_template(&text, &vars),
                        command,
                    });
                }
            }
        }
    }
    out
}

/// `<` or `>` outside quotes: bash reads a `<placeholder>` as a redirection.
fn unquoted_redirection(command: &str) -> Option<char> {
    let mut quote = None;
    for c in command.chars() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '<' | '>') => return Some(c),
            _ => {}
        }
    }
    None
}

/// `$NAME` shell variables in a command (not `$(…)`).
fn shell_variables(command: &str) -> Vec<String> {
    // A variable the command sets itself (`RULE_ID=$(aws … --query … --output text) && …`)
    // carries an id from one step to the next: the user provides nothing.
    let assigned: Vec<String> = command
        .split("&&")
        .filter_map(|step| {
            let (name, _) = step.trim_start().split_once("=$(")?;
            name.chars()
                .all(|c| c.is_ascii_uppercase() || c == '_')
                .then(|| name.to_string())
        })
        .collect();
    let mut vars = Vec::new();
    let mut rest = command;
    while let Some(at) = rest.find('$') {
        rest = &rest[at + 1..];
        let name: String = rest
            .trim_start_matches('{')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && !assigned.contains(&name) {
            vars.push(name);
        }
    }
    vars
}

/// A stand-in `config`/`credentials` pair with the profiles the commands name.
fn dummy_profiles(dir: &Path) {
    let mut creds = String::new();
    let mut config = String::new();
    for profile in ["default", "consumer", "provider"] {
        creds.push_str(&format!(
            "[{profile}]\naws_access_key_id=AKIDTESTTESTTESTTEST\naws_secret_access_key=testing\n"
        ));
        config.push_str(&if profile == "default" {
            "[default]\nregion=us-east-1\n".to_string()
        } else {
            format!("[profile {profile}]\nregion=us-east-1\n")
        });
    }
    std::fs::write(dir.join("credentials"), creds).unwrap();
    std::fs::write(dir.join("config"), config).unwrap();
    // For `--policy-document file://policy.json`, which the fix text asks the user to write.
    std::fs::write(
        dir.join("policy.json"),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}]}"#,
    )
    .unwrap();
}

/// Every command the catalog can emit, filled with realistic ids, is valid for the AWS CLI v2
/// and safe to paste: bash and zsh hand the same arguments over, no `<placeholder>` is read
/// as a redirection, every shell variable is explained by the fix text, and the CLI (at an
/// endpoint URL that refuses connections) gets as far as connecting: a parse error names the
/// template.
#[test]
fn every_catalog_command_parses_in_the_aws_cli_v2_and_in_bash_and_zsh() {
    crate::harness::aws_cli_v2();
    let zsh = ensure_command("zsh", "zsh");
    let dir = tempfile::tempdir().unwrap();
    dummy_profiles(dir.path());
    let refused = format!("http://127.0.0.1:{}", free_port());
    let paste = |shell| Paste {
        shell,
        endpoint_url: &refused,
        aws_dir: dir.path(),
        timeout: 1,
        vars: SHELL_VARS,
        cwd: dir.path(),
    };
    let (bash, zsh) = (paste("bash"), paste(zsh.as_str()));
    let commands = emitted_commands();
    let started = std::time::Instant::now();
    // What each shell hands over, four commands at a time (a shell and its stand-ins each).
    let shells: Vec<_> = std::thread::scope(|scope| {
        let chunks: Vec<_> = commands
            .chunks(commands.len().div_ceil(4))
            .map(|part| {
                scope.spawn(|| {
                    part.iter()
                        .map(|e| (bash.argv(&e.command), zsh.argv(&e.command)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        chunks.into_iter().flat_map(|c| c.join().unwrap()).collect()
    });
    let shells_took = started.elapsed();
    let mut failures = Vec::new();
    let mut aws_calls = Vec::new();
    for (e, (in_bash, in_zsh)) in commands.iter().zip(shells) {
        let fail = |why: String| format!("{}: {why}\n    {}", e.origin, e.command);
        if let Some(c) = unquoted_redirection(&e.command) {
            failures.push(fail(format!(
                "unquoted `{c}` (a redirection in bash and zsh)"
            )));
            continue;
        }
        for var in shell_variables(&e.command) {
            if !SHELL_VARS.iter().any(|(k, _)| *k == var) {
                failures.push(fail(format!("${var} has no test value")));
            }
            if !e.text.contains(&var) {
                failures.push(fail(format!("${var} is not explained by the fix text")));
            }
        }
        if !matches!((&in_bash, &in_zsh), (Ok(b), Ok(z)) if b == z) {
            failures.push(fail(format!(
                "bash and zsh differ:\n    bash: {in_bash:?}\n    zsh:  {in_zsh:?}"
            )));
        }
        let Ok(programs) = in_bash else {
            continue;
        };
        assert!(!programs.is_empty(), "{}: runs nothing", e.origin);
        for argv in programs {
            if argv[0] == "aws" {
                aws_calls.push((e, argv[1..].to_vec()));
            }
        }
    }
    let calls: Vec<Vec<String>> = aws_calls
        .iter()
        .map(|(_, args)| without_newer_options(args))
        .collect();
    // Two processes, each forking one CLI run per command.
    let (left, right) = calls.split_at(calls.len() / 2);
    let parsed: Vec<_> = std::thread::scope(|scope| {
        let l = scope.spawn(|| bash.aws_batch(left));
        let r = bash.aws_batch(right);
        let mut all = l.join().unwrap();
        all.extend(r);
        all
    });
    for ((e, args), run) in aws_calls.iter().zip(&parsed) {
        if !run.stderr.contains("Could not connect to the endpoint URL") {
            failures.push(format!(
                "{}: aws {}\n    not parsed by the AWS CLI v2 (exit {}): {}",
                e.origin,
                args.join(" "),
                run.code,
                run.stderr.trim()
            ));
        }
    }
    eprintln!(
        "{} commands from the catalog, {} AWS CLI invocations parsed; shells {:?}, CLI {:?}",
        commands.len(),
        parsed.len(),
        shells_took,
        started.elapsed() - shells_took
    );
    assert!(
        failures.is_empty(),
        "{} of {} commands are not safe to paste:\n{}",
        failures.len(),
        commands.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------- the fix loop

/// Flags the interposer sets when the CLI sends a change moto cannot apply, and reads when
/// it answers the tool: the state change that change would make in AWS.
#[derive(Clone, Default)]
struct Applied(Arc<AtomicBool>);

impl Applied {
    fn set(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    fn get(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// EC2's answer to a change that succeeded.
fn ec2_ok(action: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{action}Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>interposer</requestId><return>true</return><unsuccessful/></{action}Response>"
    )
}

/// Diagnose `case` (with `extra` arguments): `id` must fail; paste each of its fix commands
/// into bash (zsh handing the CLI the same arguments) with the tool's environment, the
/// CLI v2 sending them through `fixes` (an interposer of their own, so the tool's stays
/// read-only); diagnose again: `id` must pass. Returns the commands run.
pub(crate) async fn fix_loop(
    case: &Case,
    extra: &[&str],
    id: &str,
    fixes: Rules,
    vars: &[(&str, &str)],
) -> Vec<String> {
    fix_loop_to(case, extra, id, fixes, vars, "pass").await
}

/// As [`fix_loop`], `id` ending in `after`: a fix that removes the failure but leaves advice
/// (a resource gateway now in one of the endpoint's zones, not all of them).
pub(crate) async fn fix_loop_to(
    case: &Case,
    extra: &[&str],
    id: &str,
    fixes: Rules,
    vars: &[(&str, &str)],
    after_status: &str,
) -> Vec<String> {
    fix_loop_on(case, &case.endpoint(), extra, id, fixes, vars, after_status).await
}

/// As [`fix_loop_to`], the tool asked about `target` (a name, a service …) instead of the
/// endpoint's id.
pub(crate) async fn fix_loop_on(
    case: &Case,
    target: &str,
    extra: &[&str],
    id: &str,
    fixes: Rules,
    vars: &[(&str, &str)],
    after_status: &str,
) -> Vec<String> {
    let command = ["check", target, "--format", "json"];
    let before = case.run(&command, extra).await;
    // A warning is fixed the same way (e.g. a principal removed after acceptance: this
    // endpoint works, new ones would be refused); a failure must be a root cause.
    match before.status(id).as_str() {
        "warn" => {}
        status => {
            assert_eq!(status, "fail", "{id}: {}", before.check(id));
            assert!(
                before.root_causes().iter().any(|r| r == id),
                "{id} is not a root cause: {:?}",
                before.root_causes()
            );
        }
    }
    let commands: Vec<String> = before.check(id)["remediation"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["command"].as_str().map(str::to_string))
        .collect();
    assert!(!commands.is_empty(), "{id} offers no command");
    let fix_side = Interposer::start(&crate::harness::moto().url, fixes).await;
    let zsh = ensure_command("zsh", "zsh");
    let mut ran = Vec::new();
    for command in &commands {
        let paste = |shell| Paste {
            shell,
            endpoint_url: &fix_side.url,
            aws_dir: case.env.dir.path(),
            timeout: 30,
            vars,
            cwd: case.env.dir.path(),
        };
        let (bash, zsh) = (paste("bash"), paste(zsh.as_str()));
        let (in_bash, in_zsh) = (bash.argv(command), zsh.argv(command));
        assert!(
            matches!((&in_bash, &in_zsh), (Ok(b), Ok(z)) if b == z),
            "{id}: bash and zsh differ on {command}:\n{in_bash:?}\n{in_zsh:?}"
        );
        if NEWER_OPTIONS.iter().any(|(o, _)| command.contains(o)) {
            // The test's CLI (2.9) predates this option: it is parsed in the catalog test
            // without it, and the other command of the fix must do.
            continue;
        }
        // The interposers answer on the runtime's other worker meanwhile.
        let run = tokio::task::block_in_place(|| bash.run(command));
        assert_eq!(
            run.code, 0,
            "{id}: `{command}` failed:\n{}\n{}",
            run.stdout, run.stderr
        );
        ran.push(command.clone());
    }
    assert!(!ran.is_empty(), "{id}: no command could run");
    let after = case.run(&command, extra).await;
    assert_eq!(
        after.status(id),
        after_status,
        "{id} after {ran:?}: {}",
        after.check(id)
    );
    ran
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consumer_fixes_pasted_into_the_cli_make_their_checks_pass() {
    let none = Rules::new;
    // The endpoint's group admits nobody on the port: without --from the fix references the
    // clients' group, which the text asks the user to put in CLIENT_SG.
    let case = Case::new(json!({"sg_ports": [22], "client_sg": true}), |_, r| r).await;
    let clients = case.s.str("client_sg_id");
    fix_loop(
        &case,
        &[],
        "endpoint.security_groups",
        none(),
        &[("CLIENT_SG", &clients)],
    )
    .await;
    // A named client outside the admitted range, IPv4 and IPv6 (the long form the CLI needs).
    let case = Case::new(
        json!({"sg_ports": [443], "sg_cidr": "10.10.1.0/24"}),
        |_, r| r,
    )
    .await;
    fix_loop(
        &case,
        &["--from", "10.99.0.0/16", "--port", "443"],
        "endpoint.security_groups",
        none(),
        &[],
    )
    .await;
    let ran = fix_loop(
        &case,
        &["--from", "2001:db8:1::/64", "--port", "443"],
        "endpoint.security_groups",
        none(),
        &[],
    )
    .await;
    assert!(ran[0].contains("--ip-permissions '"), "{ran:?}");
    let case = Case::new(json!({"dns_hostnames": false}), |_, r| r).await;
    fix_loop(&case, &[], "vpc.dns_hostnames", none(), &[]).await;
    let case = Case::new(json!({"dns_support": false}), |_, r| r).await;
    fix_loop(&case, &[], "vpc.dns_support", none(), &[]).await;
    let case = Case::new(
        json!({"nacl_entries": [
            {"rule": 50, "action": "deny", "protocol": "6", "cidr": "10.10.0.0/16", "ports": [443, 443]},
            {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0"},
            {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0", "egress": true},
        ]}),
        |_, r| r,
    )
    .await;
    // Without --from other networks still pass (a warning); the named client is denied.
    fix_loop(
        &case,
        &["--from", "10.10.0.0/16"],
        "endpoint.nacls",
        none(),
        &[],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_side_fixes_pasted_into_the_cli_make_their_checks_pass() {
    let none = Rules::new;
    // The clients' group lets 443 out only to another network: the fix lets it out to the
    // endpoint's security group, nothing wider.
    let case = Case::new(
        json!({"client_egress": [{"port": 443, "cidr": "192.168.0.0/16"}]}),
        |_, r| r,
    )
    .await;
    let client = case.s.str("client_egress_sg_id");
    let endpoint_sg = case.s.str("security_group_id");
    let ran = fix_loop(&case, &["--from", &client], "client.egress", none(), &[]).await;
    assert!(
        ran[0].contains(&format!("UserIdGroupPairs=[{{GroupId={endpoint_sg}}}]")),
        "{ran:?}"
    );
    // An S3 gateway endpoint: nothing may leave; the fix names the service's prefix list.
    let case = Case::new(json!({"kind": "gateway", "client_egress": []}), |_, r| r).await;
    let client = case.s.str("client_egress_sg_id");
    let ran = fix_loop(&case, &["--from", &client], "client.egress", none(), &[]).await;
    assert!(
        ran[0].contains("PrefixListIds=[{PrefixListId=pl-"),
        "{ran:?}"
    );
    // The client subnet's ACL lets out only the VPC: one allow per range of the S3 prefix
    // list (an ACL cannot name the list), each with a rule number of its own.
    let case = Case::new(
        json!({"kind": "gateway", "client_subnet": true, "client_nacl_entries": [
            {"rule": 100, "action": "allow", "cidr": "0.0.0.0/0"},
            {"rule": 100, "action": "allow", "cidr": "10.10.0.0/16", "egress": true},
        ]}),
        |_, r| r,
    )
    .await;
    let subnet = case.s.str("client_subnet_id");
    let ran = fix_loop(&case, &["--from", &subnet], "endpoint.nacls", none(), &[]).await;
    assert!(ran.len() >= 2, "{ran:?}");
    assert!(ran.iter().all(|c| c.contains("--egress")), "{ran:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provider_fixes_pasted_into_the_cli_make_their_checks_pass() {
    let none = Rules::new;
    let case = Case::new(json!({"allow_consumer": false}), |_, r| r).await;
    fix_loop(&case, &[], "service.allowed_principals", none(), &[]).await;
    // The NLB's group admits only another network: a client of the consumer VPC, named.
    let case = Case::new(json!({"nlb_sg_cidrs": ["192.168.0.0/16"]}), |_, r| r).await;
    fix_loop(
        &case,
        &["--from", "10.10.1.0/24"],
        "nlb.security_groups",
        none(),
        &[],
    )
    .await;
    let case = Case::new(
        json!({"nlb_sg_cidrs": ["10.10.0.0/16"], "nlb_sg_egress": ["192.168.0.0/16"]}),
        |_, r| r,
    )
    .await;
    fix_loop(&case, &[], "nlb.security_groups", none(), &[]).await;
    let case = Case::new(json!({"target_sg_cidrs": ["192.168.0.0/16"]}), |_, r| r).await;
    fix_loop(&case, &[], "targets.security_groups", none(), &[]).await;
    let case = Case::new(
        json!({"target_sg_cidrs": ["192.168.0.0/16"], "nlb_sg_cidrs": ["10.10.0.0/16"]}),
        |_, r| r,
    )
    .await;
    fix_loop(&case, &[], "targets.security_groups", none(), &[]).await;
    let case = Case::new(json!({"sg_ports": [443, 8443]}), |_, r| r).await;
    let tg = case.s.str("tg_arn");
    fix_loop(
        &case,
        &["--port", "8443"],
        "nlb.listeners",
        none(),
        &[("TARGET_GROUP_ARN", &tg)],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zonal_fixes_pasted_into_the_cli_make_their_checks_pass() {
    let none = Rules::new;
    // A zone without a target: register one there (10.20.2.10 is in the provider's subnet
    // of zone b) and/or turn cross-zone on.
    let case = Case::new(
        json!({"consumer_zones": ["a", "b"], "nlb_zones": ["a", "b"],
               "targets": [{"ip": "10.20.1.10", "zone": "a"}]}),
        |_, r| r,
    )
    .await;
    fix_loop(
        &case,
        &[],
        "nlb.zonal_health",
        none(),
        &[("TARGET_ID", "10.20.2.10")],
    )
    .await;
    let case = Case::new(
        json!({"consumer_zones": ["a", "b"], "nlb_zones": ["a", "b"],
               "targets": [{"ip": "10.20.1.10", "zone": "a"}],
               "cross_zone": true, "tg_cross_zone": false}),
        |_, r| r,
    )
    .await;
    fix_loop(
        &case,
        &[],
        "nlb.zonal_health",
        none(),
        &[("TARGET_ID", "10.20.2.10")],
    )
    .await;
}

/// A state moto cannot leave: the tool sees `from` as `to` until `applied` is set.
fn until(
    applied: &Applied,
    rules: Rules,
    action: &str,
    from: &'static str,
    to: &'static str,
) -> Rules {
    let applied = applied.clone();
    rules.rewrite(action, move |body| {
        if applied.get() {
            body
        } else {
            body.replace(from, to)
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fixes_moto_cannot_apply_are_applied_by_the_interposer() {
    // moto has no AcceptVpcEndpointConnections (HTTP 500) and never leaves "available": the
    // interposer takes the CLI's accept and from then on shows the connection accepted.
    let applied = Applied::default();
    let a = applied.clone();
    let case = Case::new(json!({}), |s, r| {
        let (service, endpoint, owner) = (s.str("service_id"), s.endpoint_id(), s.consumer.clone());
        let seen = a.clone();
        until(
            &a,
            r,
            "DescribeVpcEndpoints",
            "<state>available</state>",
            "<state>pendingAcceptance</state>",
        )
        .respond("DescribeVpcEndpointConnections", move |_| {
            let state = if seen.get() { "available" } else { "pendingAcceptance" };
            (
                200,
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeVpcEndpointConnectionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>interposer</requestId><vpcEndpointConnectionSet><item><serviceId>{service}</serviceId><vpcEndpointId>{endpoint}</vpcEndpointId><vpcEndpointOwner>{owner}</vpcEndpointOwner><vpcEndpointState>{state}</vpcEndpointState></item></vpcEndpointConnectionSet></DescribeVpcEndpointConnectionsResponse>"
                ),
            )
        })
    })
    .await;
    let s = applied.clone();
    let fixes = Rules::new().respond("AcceptVpcEndpointConnections", move |form| {
        assert!(form.contains_key("VpcEndpointId.1"), "{form:?}");
        s.set();
        (200, ec2_ok("AcceptVpcEndpointConnections"))
    });
    fix_loop(&case, &[], "endpoint.state", fixes, &[]).await;

    // moto accepts ModifyVpcEndpoint but ignores PrivateDnsEnabled.
    let applied = Applied::default();
    let a = applied.clone();
    // With private DNS off and no zone of the team's, the VPC resolves the name publicly.
    let case = Case::with_dns(
        json!({"private_dns_enabled": false}),
        |_, r| {
            r.rewrite("DescribeVpcEndpoints", move |body| {
                if a.get() {
                    body.replace(
                        "<privateDnsEnabled>false</privateDnsEnabled>",
                        "<privateDnsEnabled>true</privateDnsEnabled>",
                    )
                } else {
                    body
                }
            })
        },
        |s| {
            let mut records = crate::default_records(s);
            records.retain(|(n, _)| n != "api.example.test");
            records.push((
                "api.example.test".into(),
                vec!["52.94.227.17".parse().unwrap()],
            ));
            records
        },
    )
    .await;
    let s = applied.clone();
    let fixes = Rules::new().respond("ModifyVpcEndpoint", move |form| {
        assert_eq!(
            form.get("PrivateDnsEnabled").map(String::as_str),
            Some("true")
        );
        s.set();
        (200, ec2_ok("ModifyVpcEndpoint"))
    });
    fix_loop(&case, &[], "endpoint.private_dns_enabled", fixes, &[]).await;

    // moto has no StartVpcEndpointServicePrivateDnsVerification and its verification state
    // is always "verified": the interposer shows it pending until the CLI starts it.
    let applied = Applied::default();
    let a = applied.clone();
    let mut case = Case::new(json!({}), |_, r| {
        until(
            &a,
            r,
            "DescribeVpcEndpointServiceConfigurations",
            "<privateDnsNameConfiguration><state>verified</state><type>TXT</type><value>val</value><name>n</name>",
            "<privateDnsNameConfiguration><state>pendingVerification</state><type>TXT</type><value>vpce:l3p6bwDm2DNBMVBSqUj</value><name>_pl7x2.api.example.test</name>",
        )
    })
    .await;
    // The record is published correctly (otherwise the missing record is the root cause and
    // verification only its consequence): what is left is to start the verification.
    case.dns = crate::dns_server::start_with_txt(
        &crate::default_records(&case.s),
        &[(
            "_pl7x2.api.example.test".to_string(),
            vec!["vpce:l3p6bwDm2DNBMVBSqUj".to_string()],
        )],
    )
    .await;
    let s = applied.clone();
    let fixes = Rules::new().respond("StartVpcEndpointServicePrivateDnsVerification", move |_| {
        s.set();
        (200, ec2_ok("StartVpcEndpointServicePrivateDnsVerification"))
    });
    fix_loop(&case, &[], "service.private_dns_verified", fixes, &[]).await;
}
