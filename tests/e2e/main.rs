//! End-to-end tests: the real binary against moto (through a rewriting interposer) and a
//! loopback DNS server. One test binary, so the SDK is linked once.

mod cli;
mod discovery;
mod dns_layers;
mod dns_path;
mod dns_server;
mod elsewhere;
mod expert;
mod faces;
mod families;
mod faults;
mod fixloop;
mod floor;
mod flowlogs;
mod habits;
mod harness;
mod interposer;
mod kinds;
mod korean;
mod longrun;
mod org;
mod policies;
mod reports;
mod resolver_facts;
mod runbooks;
mod scan;
mod seed;
mod snapshot;
mod targets;
mod tmux;
mod traffic;
mod tui;
mod workload;
mod xregion;

use std::net::{IpAddr, Ipv4Addr};

use harness::{Run, Scenario, ToolEnv, run_tool, scenario};
use interposer::{Interposer, Rules};
use serde_json::Value;

/// One diagnosis set-up: a scenario in moto, an interposer with rules, a DNS server.
pub struct Case {
    pub s: Scenario,
    pub interposer: Interposer,
    pub env: ToolEnv,
    pub dns: dns_server::DnsServer,
}

impl Case {
    /// `rules` adds to the defaults (the provider sees the connection as available).
    pub async fn new(spec: Value, rules: impl FnOnce(&Scenario, Rules) -> Rules) -> Case {
        Self::with_dns(spec, rules, default_records).await
    }

    pub async fn with_dns(
        spec: Value,
        rules: impl FnOnce(&Scenario, Rules) -> Rules,
        records: impl FnOnce(&Scenario) -> Vec<(String, Vec<Ipv4Addr>)>,
    ) -> Case {
        Case::with_any_dns(spec, rules, |s| {
            records(s)
                .into_iter()
                .map(|(name, ips)| (name, ips.into_iter().map(IpAddr::V4).collect()))
                .collect()
        })
        .await
    }

    /// As [`Case::with_dns`], with A and AAAA records alike.
    pub async fn with_any_dns(
        spec: Value,
        rules: impl FnOnce(&Scenario, Rules) -> Rules,
        records: impl FnOnce(&Scenario) -> Vec<(String, Vec<IpAddr>)>,
    ) -> Case {
        let s = tokio::task::spawn_blocking(move || scenario(spec))
            .await
            .unwrap();
        // moto lacks DNS Firewall and Route 53 Profiles: an account without them.
        let mut base = Rules::new().dns_layers_empty();
        if let Some(service_id) = s.out.get("service_id").and_then(|v| v.as_str()) {
            base = base.connections(service_id, &s.endpoint_id(), &s.consumer, "available");
        }
        // Later rules win over the defaults for the same action.
        let custom = rules(&s, Rules::new());
        let interposer = Interposer::start(&harness::moto().url, custom.then(base)).await;
        let env = ToolEnv::new(&s, &interposer.url);
        let dns = dns_server::start_dual(&records(&s)).await;
        Case {
            s,
            interposer,
            env,
            dns,
        }
    }

    pub fn endpoint(&self) -> String {
        self.s.endpoint_id()
    }

    /// `check ENDPOINT` with both profiles, JSON output and the case's DNS server.
    pub async fn check(&self, extra: &[&str]) -> Run {
        let ep = self.endpoint();
        self.run(&["check", &ep, "--format", "json"], extra).await
    }

    /// `runbook NAME ENDPOINT --format F` with both profiles and the case's DNS server.
    pub async fn runbook(&self, name: &str, format: &str) -> Run {
        let ep = self.endpoint();
        self.run(&["runbook", name, &ep, "--format", format], &[])
            .await
    }

    /// `command` with the case's profiles and DNS server (unless `extra` names another).
    pub async fn run(&self, command: &[&str], extra: &[&str]) -> Run {
        let dns = self.dns.addr.to_string();
        let mut args = command.to_vec();
        args.extend(["--profile", "consumer"]);
        if !extra.contains(&"--dns-server") {
            args.extend(["--dns-server", &dns]);
        }
        if self.s.out.get("provider_credentials").is_some() {
            args.extend(["--provider-profile", "provider"]);
        }
        args.extend(extra);
        let run = run_tool(&self.env, &args).await;
        self.assert_read_only();
        faults::assert_granted_and_record(&self.interposer.iam_actions());
        run
    }

    /// The tool only ever reads: Describe*, Get*, List* (and sts:GetCallerIdentity), and the
    /// one documented exception, the Logs Insights query (`logs:StartQuery`, access level Read).
    pub fn assert_read_only(&self) {
        for action in self.interposer.actions() {
            assert!(
                action.starts_with("Describe")
                    || action.starts_with("Get")
                    || action.starts_with("List")
                    || action == "StartQuery",
                "the tool called a non-read-only action: {action}"
            );
        }
    }
}

/// The consumer's DescribeVpcEndpointServices answer for the scenario's custom service, as AWS
/// gives it to an allowed consumer (moto shows a custom service only to its owner): owned by
/// `owner`, in every zone of the consumer's region, with `extra` fields (`<serviceRegion>…`).
pub fn service_detail_answer(s: &Scenario, owner: &str, extra: &str) -> String {
    let (name, service_id) = (s.str("service_name"), s.str("service_id"));
    let zones = s.out["zone_ids"].as_object().unwrap();
    let names: String = zones
        .keys()
        .map(|l| format!("<item>us-east-1{l}</item>"))
        .collect();
    let ids: String = zones
        .values()
        .map(|id| format!("<item>{}</item>", id.as_str().unwrap()))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeVpcEndpointServicesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>interposer</requestId><serviceNameSet><item>{name}</item></serviceNameSet><serviceDetailSet><item><serviceName>{name}</serviceName><serviceId>{service_id}</serviceId><serviceType><item><serviceType>Interface</serviceType></item></serviceType>{extra}<availabilityZoneSet>{names}</availabilityZoneSet><availabilityZoneIdSet>{ids}</availabilityZoneIdSet><owner>{owner}</owner><acceptanceRequired>true</acceptanceRequired><supportedIpAddressTypeSet><item>ipv4</item></supportedIpAddressTypeSet></item></serviceDetailSet></DescribeVpcEndpointServicesResponse>"
    )
}

/// Both sides see the endpoint's connection in `state` (the consumer's endpoint state and
/// the provider's connection), which moto cannot produce.
pub fn connection_in_state(s: &Scenario, rules: Rules, state: &str) -> Rules {
    rules
        .replace(
            "DescribeVpcEndpoints",
            "<state>available</state>",
            &format!("<state>{state}</state>"),
        )
        .connections(&s.str("service_id"), &s.endpoint_id(), &s.consumer, state)
}

pub fn default_records(s: &Scenario) -> Vec<(String, Vec<Ipv4Addr>)> {
    if s.out.get("eni_ips").is_none() {
        return Vec::new();
    }
    let ips: Vec<Ipv4Addr> = s.eni_ips().iter().map(|i| i.parse().unwrap()).collect();
    let mut records: Vec<(String, Vec<Ipv4Addr>)> = s
        .out
        .get("dns_names")
        .and_then(|v| v.as_array())
        .map(|_| {
            s.dns_names()
                .into_iter()
                .map(|n| (n, ips.clone()))
                .collect()
        })
        .unwrap_or_default();
    if let Some(name) = s.out.get("private_dns_name").and_then(|v| v.as_str()) {
        records.push((name.to_string(), ips.clone()));
    }
    records
}
