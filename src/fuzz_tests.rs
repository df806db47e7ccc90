//! Property tests over every parser of user input: target ids, `--from`, `--dns-server`,
//! `--region`, ports, snapshot files, runbook files and the check catalog. Whatever the
//! input (arbitrary text, arbitrary bytes read as lossy UTF-8, or a real document damaged at
//! a random place), a parser never panics, and its error is one line with no control
//! characters: it is printed as-is to a terminal after `error: `.
//!
//! Bounded (a few thousand cases per parser) so `cargo test` stays fast; raise
//! `PROPTEST_CASES` for a longer run.

use proptest::prelude::*;

use crate::cli::{Cli, parse_region, parse_target};
use crate::context::ClientSource;
use crate::engine::catalog::{self, Catalog};
use crate::facts::dns::parse_server;
use crate::facts::snapshot::Snapshot;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// An error a user will read on one terminal line.
fn assert_one_line(what: &str, input: &str, error: &str) {
    assert!(
        !error.is_empty() && !error.chars().any(char::is_control),
        "{what}: the error for {input:?} is not one clean line: {error:?}"
    );
}

/// Arbitrary text: any Unicode, or arbitrary bytes made lossy UTF-8 (what a file with
/// invalid UTF-8 becomes once read leniently).
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..max).prop_map(|c| c.into_iter().collect()),
        proptest::collection::vec(any::<u8>(), 0..max)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        // Near-misses of the real forms, where parsers branch.
        "(vpce-|vpce-svc-|sg-|subnet-|us-|10\\.|\\[::|::)[0-9a-fA-F.:/\\-\\[\\]\u{1b}\n]{0,24}",
    ]
}

/// `doc` damaged at a random place: cut short, or a span replaced by arbitrary text.
fn damaged(doc: &'static str) -> impl Strategy<Value = String> {
    let len = doc.chars().count();
    (0..=len, 0..=len, text(24), any::<bool>()).prop_map(move |(a, b, junk, cut)| {
        let chars: Vec<char> = doc.chars().collect();
        let (lo, hi) = (a.min(b), a.max(b));
        if cut {
            chars[..lo].iter().collect()
        } else {
            let mut s: String = chars[..lo].iter().collect();
            s.push_str(&junk);
            s.extend(&chars[hi.min(lo + 40)..]);
            s
        }
    })
}

fn embedded() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::embedded().unwrap())
}

const DEMO_SNAPSHOT: &str = include_str!("../assets/demo/sg-blocks-443.json");

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn targets(s in text(40)) {
        match parse_target(&s) {
            Ok(t) => prop_assert!(!t.is_empty() && !t.chars().any(char::is_control)),
            Err(e) => assert_one_line("target", &s, &e),
        }
    }

    #[test]
    fn client_sources(s in text(40)) {
        if let Err(e) = s.parse::<ClientSource>() {
            assert_one_line("--from", &s, &e);
        }
    }

    #[test]
    fn dns_servers(s in text(40)) {
        if let Err(e) = parse_server(&s) {
            assert_one_line("--dns-server", &s, &e);
        }
    }

    #[test]
    fn regions(s in text(30)) {
        match parse_region(&s) {
            Ok(r) => prop_assert!(r.is_ascii() && !r.contains(';') && r.len() < 30),
            Err(e) => assert_one_line("--region", &s, &e),
        }
    }

    #[test]
    fn ports_timeouts_and_the_whole_command_line(port in text(12), timeout in text(8)) {
        use clap::Parser;
        let parsed = Cli::try_parse_from([
            "vpce-doctor", "check", "vpce-0123456789abcdef0",
            "--port", port.as_str(), "--timeout", timeout.as_str(),
        ]);
        if let Ok(Cli { command: Some(crate::cli::Command::Check(args)), .. }) = parsed {
            prop_assert!(args.diag.ports.iter().all(|p| *p >= 1));
            prop_assert!(args.diag.timeout.is_some_and(|t| (1..=300).contains(&t)));
        }
    }
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn snapshot_files(s in prop_oneof![text(200), damaged(DEMO_SNAPSHOT)]) {
        if let Err(e) = Snapshot::parse(&s, "incident.json") {
            assert_one_line("snapshot", &s, &e.to_string());
        }
    }

    #[test]
    fn runbook_files(
        s in prop_oneof![text(200), damaged(crate::runbook::EMBEDDED[0].1)],
    ) {
        if let Err(e) = crate::runbook::parse("mine.toml", &s, embedded()) {
            assert_one_line("runbook", &s, &e.to_string());
        }
    }

    #[test]
    fn catalog_files(s in prop_oneof![text(200), damaged(catalog::EMBEDDED[0].1)]) {
        // Alone, so a damaged file also meets the graph checks (needs that dangle, cycles).
        if let Err(e) = Catalog::from_sources([("endpoint.toml".to_string(), s.clone())]) {
            assert_one_line("catalog", &s, &e.to_string());
        }
    }
}

/// Values inside a document end up in serde's messages (`unknown variant …`): a newline or
/// an escape sequence there must not reach the terminal.
#[test]
fn document_values_do_not_leak_into_errors() {
    let snapshot = DEMO_SNAPSHOT.replacen("\"auto\"", "\"a\\nb\\u001b[2J\"", 1);
    assert_ne!(snapshot, DEMO_SNAPSHOT, "the demo snapshot names a vantage");
    let e = Snapshot::parse(&snapshot, "incident.json").unwrap_err();
    assert_one_line("snapshot", &snapshot, &e.to_string());
    let runbook = "name = \"x\"\ntitle = \"t\"\ndescription = \"d\"\n\"bad\\nkey\\u001b\" = 1\n";
    let e = crate::runbook::parse("mine.toml", runbook, embedded()).unwrap_err();
    assert_one_line("runbook", runbook, &e.to_string());
}

const NACLS_ANSWER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeNetworkAclsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><networkAclSet><item><networkAclId>acl-1</networkAclId><entrySet><item><ruleNumber>100</ruleNumber><protocol>-1</protocol><ruleAction>allow</ruleAction><egress>false</egress><cidrBlock>0.0.0.0/0</cidrBlock></item></entrySet></item></networkAclSet></DescribeNetworkAclsResponse>\n";

proptest! {
    #![proptest_config(config(2000))]

    /// An answer cut anywhere is refused (the SDK would take the part as the whole), the
    /// whole answer is not, and no input panics the check.
    #[test]
    fn cut_answers_are_refused(cut in 0..NACLS_ANSWER.len(), junk in text(40)) {
        let whole = NACLS_ANSWER.trim_end();
        prop_assert!(crate::facts::aws::incomplete_xml(NACLS_ANSWER.as_bytes()).is_none());
        if cut < whole.len() && whole.is_char_boundary(cut) && whole[..cut].contains("<D") {
            prop_assert!(crate::facts::aws::incomplete_xml(&whole.as_bytes()[..cut]).is_some());
        }
        let _ = crate::facts::aws::incomplete_xml(junk.as_bytes());
        prop_assert!(crate::facts::aws::incomplete_xml(b"<Empty/>").is_none());
    }
}
