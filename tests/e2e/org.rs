//! `scan --org`: an AWS Organization in moto (a management account and three members created
//! with CreateAccount, each with its own account id), endpoints in two members — one reaching
//! a service another member owns — and a member whose role cannot be assumed, all scanned in
//! one command through the real SDK path.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Value, json};

use crate::harness::{Run, Scenario, ToolEnv, run_plain, run_tool, scenario};
use crate::interposer::{Interposer, Rules};
use crate::scan::entry;

const ROLE: &str = "vpce-doctor-read";

/// The organisation and what was built in it.
struct Org {
    management: Scenario,
    members: Vec<String>,
    /// In member 0, reaching the service member 1 owns.
    custom: Scenario,
    /// In member 1, reaching an AWS service.
    aws: Scenario,
    interposer: Interposer,
    env: ToolEnv,
    dns: crate::dns_server::DnsServer,
}

/// STS's answer when the caller may not assume the role (an XML error document).
fn access_denied(role: &str) -> String {
    format!(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole on resource: {role}</Message></Error><RequestId>interposer</RequestId></ErrorResponse>"
    )
}

/// What AWS answers a consumer allowed to use another account's service (moto lists only
/// the caller's own services): its detail, with its owner.
fn offered(
    s: &Scenario,
    owner: &str,
) -> impl Fn(&HashMap<String, String>) -> Option<(u16, String)> + Send + Sync + 'static {
    let (name, id, zones) = (
        s.str("service_name"),
        s.str("service_id"),
        s.out["zone_ids"].clone(),
    );
    let private_name = s.out["private_dns_name"]
        .as_str()
        .unwrap_or("api.example.test")
        .to_string();
    let owner = owner.to_string();
    move |form| {
        if form.get("ServiceName.1") != Some(&name) || form.contains_key("ServiceName.2") {
            return None;
        }
        let (names, ids): (String, String) = zones
            .as_object()
            .unwrap()
            .iter()
            .map(|(l, id)| {
                (
                    format!("<item>us-east-1{l}</item>"),
                    format!("<item>{}</item>", id.as_str().unwrap()),
                )
            })
            .unzip();
        Some((
            200,
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeVpcEndpointServicesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>interposer</requestId><serviceNameSet><item>{name}</item></serviceNameSet><serviceDetailSet><item><serviceName>{name}</serviceName><serviceId>{id}</serviceId><serviceType><item><serviceType>Interface</serviceType></item></serviceType><availabilityZoneSet>{names}</availabilityZoneSet><availabilityZoneIdSet>{ids}</availabilityZoneIdSet><owner>{owner}</owner><privateDnsName>{private_name}</privateDnsName><privateDnsNameVerificationState>verified</privateDnsNameVerificationState><acceptanceRequired>true</acceptanceRequired><supportedIpAddressTypeSet><item>ipv4</item></supportedIpAddressTypeSet></item></serviceDetailSet></DescribeVpcEndpointServicesResponse>"
            ),
        ))
    }
}

impl Org {
    async fn new() -> Org {
        let management =
            tokio::task::spawn_blocking(|| scenario(json!({"kind": "organization", "members": 3})))
                .await
                .unwrap();
        let members: Vec<String> = management.out["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap().to_string())
            .collect();
        let (m0, m1) = (members[0].clone(), members[1].clone());
        let custom =
            tokio::task::spawn_blocking(move || scenario(json!({"consumer": m0, "provider": m1})))
                .await
                .unwrap();
        let m1 = members[1].clone();
        let aws = tokio::task::spawn_blocking(move || {
            scenario(json!({"consumer": m1, "kind": "aws_service"}))
        })
        .await
        .unwrap();
        let denied = format!("arn:aws:iam::{}:role/{ROLE}", members[2]);
        let rules = Rules::new()
            .respond_if("AssumeRole", move |form| {
                (form.get("RoleArn") == Some(&denied)).then(|| (403, access_denied(&denied)))
            })
            .respond_if("DescribeVpcEndpointServices", offered(&custom, &members[1]))
            .connections(
                &custom.str("service_id"),
                &custom.endpoint_id(),
                &members[0],
                "available",
            )
            .dns_layers_empty();
        let interposer = Interposer::start(&crate::harness::moto().url, rules).await;
        // The management account's credentials, as profile `consumer`.
        let env = ToolEnv::new(&management, &interposer.url);
        let mut records = crate::default_records(&custom);
        records.extend(crate::default_records(&aws));
        let records: Vec<(String, Vec<std::net::IpAddr>)> = records
            .into_iter()
            .map(|(n, ips)| (n, ips.into_iter().map(std::net::IpAddr::V4).collect()))
            .collect();
        let dns = crate::dns_server::start_dual(&records).await;
        Org {
            management,
            members,
            custom,
            aws,
            interposer,
            env,
            dns,
        }
    }

    async fn scan(&self, extra: &[&str]) -> Run {
        let dns = self.dns.addr.to_string();
        let mut args = vec![
            "scan",
            "--org",
            "--role-name",
            ROLE,
            "--profile",
            "consumer",
            "--dns-server",
            &dns,
        ];
        args.extend(extra);
        let run = run_tool(&self.env, &args).await;
        self.assert_read_only_and_granted();
        run
    }

    /// Only reads — and sts:AssumeRole, which this mode asked for — each granted by the
    /// policies `iam-policy` prints (the organisation block grants ListAccounts and
    /// AssumeRole).
    fn assert_read_only_and_granted(&self) {
        let run = run_plain(&["iam-policy", "--role-name", ROLE], &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let policies: Value = serde_json::from_str(&run.stdout).unwrap();
        let mut granted = BTreeSet::new();
        for block in ["consumer", "provider", "organisation"] {
            for statement in policies[block]["Statement"].as_array().unwrap() {
                for a in statement["Action"].as_array().unwrap() {
                    granted.insert(a.as_str().unwrap().to_string());
                }
            }
        }
        for action in self.interposer.iam_actions() {
            let (_, op) = action.split_once(':').unwrap_or(("", &action));
            assert!(
                ["Describe", "Get", "List"]
                    .iter()
                    .any(|v| op.starts_with(v))
                    || action == "logs:StartQuery"
                    || action == "sts:AssumeRole",
                "the tool sent a non-read-only request: {action}"
            );
            assert!(
                granted.contains(&action),
                "{action} is not granted by iam-policy"
            );
        }
    }
}

fn account<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["summary"]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("account {id} not in {}", report["summary"]))
}

/// The ids of the accounts the summary lists, in its order.
fn account_ids(report: &Value) -> Vec<&str> {
    report["summary"]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_command_scans_the_organisation_and_an_unassumable_role_is_a_row() {
    let org = Org::new().await;
    let (m0, m1, m2) = (&org.members[0], &org.members[1], &org.members[2]);
    let run = org.scan(&["--format", "json", "--stats"]).await;
    let report = run.json();
    // Every account: the management account and the three members.
    let ids: BTreeSet<&str> = account_ids(&report).into_iter().collect();
    let expected: BTreeSet<&str> = [org.management.consumer.as_str(), m0, m1, m2]
        .into_iter()
        .collect();
    assert_eq!(ids, expected, "{}", report["summary"]);
    // The denied account is a row with the reason; the scan went on.
    let denied = account(&report, m2);
    let error = denied["error"].as_str().unwrap_or_default();
    assert!(
        error.starts_with(&format!(
            "could not assume arn:aws:iam::{m2}:role/{ROLE}: AccessDenied: User is not authorized"
        )),
        "{denied}"
    );
    assert_eq!(denied["endpoints"], 0);
    assert_eq!(account(&report, m0)["name"], "member-0");
    assert!(account(&report, m0)["error"].is_null());
    // The others have verdicts, each under its account.
    let custom = entry(&report, &org.custom.endpoint_id());
    assert_eq!(custom["account"], m0.as_str());
    assert_eq!(custom["account_name"], "member-0");
    let aws = entry(&report, &org.aws.endpoint_id());
    assert_eq!(aws["account"], m1.as_str());
    // The provider's side of member 0's endpoint was read with its owner's (member 1's)
    // credentials: moto shows a service's configuration to its owner only.
    let checks = custom["report"]["checks"].as_array().unwrap();
    let status = |id: &str| {
        checks
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    for id in [
        "service.found",
        "service.state",
        "nlb.state",
        "nlb.listeners",
    ] {
        assert_eq!(status(id), "pass", "{id}: {custom}");
    }
    let unknown: Vec<&Value> = checks
        .iter()
        .filter(|c| c["account"] == "provider" && c["status"] == "unknown")
        .collect();
    assert!(
        unknown.is_empty(),
        "provider checks left unknown: {unknown:?}"
    );
    assert!(
        org.interposer
            .iam_actions()
            .contains(&"ec2:DescribeVpcEndpointServiceConfigurations".to_string())
    );
    // The exit code: a failed check says 1; otherwise the unassumable account says 3.
    let any_fail = report["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["worst"] == "fail");
    assert_eq!(run.code, if any_fail { 1 } else { 3 }, "{}", run.stderr);
    assert_eq!(report["summary"]["exit_code"], run.code);
    assert_eq!(report["scope"]["role_name"], ROLE);
    assert!(
        report["summary"]["api_calls"]["by_operation"]["ListAccounts"]["calls"]
            .as_u64()
            .unwrap()
            >= 1
    );
    // Who each role is, asked once per account: its probe's answer serves every region's
    // and every owner group's session (was once more per account and region). The caller's
    // own preflight, the four accounts' probes (the unassumable one's an error), and the
    // provider side of member 0's endpoint (member 1's role, in its owner group).
    let identities = &report["summary"]["api_calls"]["by_operation"]["GetCallerIdentity"]["calls"];
    assert_eq!(identities, 6, "{}", report["summary"]["api_calls"]);
    let actions = org.interposer.actions();
    for a in ["ListAccounts", "AssumeRole"] {
        assert!(actions.iter().any(|x| x == a), "{a} not among {actions:?}");
    }

    // The text face: one section per account, the denied one saying why.
    let text = org.scan(&[]).await;
    eprintln!("{}", text.stdout);
    for m in [m0, m1, m2] {
        assert!(
            text.stdout.contains(&format!("account {m} (member-")),
            "{}",
            text.stdout
        );
    }
    let section = text
        .stdout
        .split(&format!("account {m0} (member-0)"))
        .nth(1)
        .unwrap();
    assert!(
        section
            .lines()
            .nth(1)
            .unwrap_or_default()
            .starts_with(&org.custom.endpoint_id()),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("could not scan: could not assume")
            && text
                .stdout
                .contains("· 4 account(s), 1 could not be scanned"),
        "{}",
        text.stdout
    );

    // --exclude-accounts drops one; --accounts narrows, and an id the organisation does not
    // hold is a row saying so.
    let run = org
        .scan(&["--format", "json", "--exclude-accounts", m2])
        .await;
    let report = run.json();
    let ids = account_ids(&report);
    assert!(
        !ids.contains(&m2.as_str()) && ids.contains(&m0.as_str()),
        "{ids:?}"
    );
    let stranger = "999999999999";
    let run = org
        .scan(&[
            "--format",
            "json",
            "--accounts",
            &format!("{m1},{stranger}"),
        ])
        .await;
    let report = run.json();
    let ids = account_ids(&report);
    assert_eq!(ids, [m1.as_str(), stranger], "{}", report["summary"]);
    assert!(
        account(&report, stranger)["error"]
            .as_str()
            .unwrap()
            .contains("not an account of the organisation")
    );
    // An account that could not be scanned is not known to be healthy.
    assert_ne!(run.code, 0, "{}", run.stdout);
}

/// `scan --org --tui`: the organisation's rows in the picker with an ACCOUNT column and the
/// unassumable account as a row; Enter opens member 0's endpoint live through its role, with
/// the service owner's (member 1's) role as the provider's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organisation_opens_in_the_picker_and_a_row_opens_with_its_account_s_role() {
    let org = Org::new().await;
    let (m0, m1, m2) = (&org.members[0], &org.members[1], &org.members[2]);
    let tmux = crate::tmux::Tmux::new("org");
    let command = format!(
        "{} {} scan --org --role-name {ROLE} --tui --profile consumer --dns-server {}",
        org.env.shell_env(),
        crate::harness::bin(),
        org.dns.addr
    );
    tmux.start(&command, 180, 30);
    let custom = org.custom.endpoint_id();
    let screen = tmux.wait_for("the organisation's rows", |s| {
        s.contains(&format!("scan --org · role {ROLE} · 4 account(s)"))
            && s.contains("ACCOUNT")
            && s.contains(&custom)
    });
    for m in [m0, m1, m2] {
        assert!(screen.contains(m.as_str()), "{m}: {screen}");
    }
    assert!(
        screen.contains("— not scanned") && screen.contains("could not assume"),
        "{screen}"
    );
    // The filter finds a row by its account too; Enter on the unassumable one says why.
    let filter = |text: &str| {
        tmux.keys(&["/"]);
        tmux.wait_for("the filter", |s| s.contains("Enter keep"));
        tmux.keys(&["-l", text]);
        tmux.wait_for("the filtered list", |s| {
            s.contains("— 1 shown") && s.contains(&format!("/{text}▏"))
        });
        tmux.keys(&["Enter"]);
        tmux.wait_for("the filter kept", |s| !s.contains("Enter keep"));
    };
    filter(m2);
    let reason = format!("no endpoint to open for account {m2}: could not assume");
    tmux.press_until("Enter", "the reason", || tmux.screen().contains(&reason));
    tmux.keys(&["/"]);
    tmux.wait_for("the filter", |s| s.contains("Enter keep"));
    tmux.keys(&["BSpace"; 12]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the filter kept", |s| !s.contains("Enter keep"));
    filter(&custom);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the diagnosis", |s| {
        s.contains(&format!("vpce-doctor {custom} ·")) && s.contains("done in")
    });
    // Member 0's own account, no profile of its own; the owner's side through its role.
    assert!(
        screen.contains(&format!(
            "consumer {m0} · provider {m1} — provider role arn:aws:iam::{m1}:role/{ROLE}"
        )),
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_exited(std::time::Duration::from_secs(10));
    org.assert_read_only_and_granted();
}

#[test]
fn bad_account_ids_and_role_names_exit_2_naming_what_is_accepted() {
    for args in [
        vec!["scan", "--org", "--role-name", ROLE, "--accounts", "12345"],
        vec![
            "scan",
            "--org",
            "--role-name",
            ROLE,
            "--exclude-accounts",
            "1234567890ab",
        ],
        vec!["scan", "--org", "--role-name", "bad role"],
        vec!["scan", "--org"],
        vec!["scan", "--accounts", "123456789012"],
        vec![
            "scan",
            "--org",
            "--role-name",
            ROLE,
            "--service",
            "vpce-svc-0123456789abcdef0",
        ],
    ] {
        let run = run_plain(&args, &[]);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    let run = run_plain(
        &["scan", "--org", "--role-name", ROLE, "--accounts", "12345"],
        &[],
    );
    assert!(run.stderr.contains("expected 12 digits"), "{}", run.stderr);
    let run = run_plain(&["scan", "--org", "--role-name", "bad role"], &[]);
    assert!(run.stderr.contains("invalid role name"), "{}", run.stderr);
}
