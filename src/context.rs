//! What the user asked for and the setting the run happens in. Stored in snapshots so a
//! replay judges the same facts under the same assumptions.

use std::fmt;
use std::str::FromStr;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use crate::target::Asked;
pub use crate::target::is_resource_suffix;

/// Where the clients of the endpoint are, as given by `--from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ClientSource {
    SecurityGroup(String),
    Subnet(String),
    Cidr(IpNet),
    /// An EC2 instance: its security groups, subnet and private addresses.
    Instance(String),
    /// A network interface: its security groups, subnet and private addresses.
    NetworkInterface(String),
    /// Every client of another VPC (peered or attached to the same transit gateway): its
    /// CIDR blocks, route tables and DNS configuration.
    Vpc(String),
    /// Clients on premises (`onprem:CIDR`): they reach the VPC over VPN or Direct Connect and
    /// resolve through a Route 53 Resolver inbound endpoint.
    OnPrem(IpNet),
}

impl fmt::Display for ClientSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientSource::SecurityGroup(s)
            | ClientSource::Subnet(s)
            | ClientSource::Instance(s)
            | ClientSource::NetworkInterface(s)
            | ClientSource::Vpc(s) => f.write_str(s),
            ClientSource::Cidr(n) => write!(f, "{n}"),
            ClientSource::OnPrem(n) => write!(f, "onprem:{n}"),
        }
    }
}

impl FromStr for ClientSource {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix("sg-") {
            if is_resource_suffix(rest) {
                return Ok(ClientSource::SecurityGroup(s.to_string()));
            }
        } else if let Some(rest) = s.strip_prefix("subnet-") {
            if is_resource_suffix(rest) {
                return Ok(ClientSource::Subnet(s.to_string()));
            }
        } else if let Some(rest) = s.strip_prefix("i-") {
            if is_resource_suffix(rest) {
                return Ok(ClientSource::Instance(s.to_string()));
            }
        } else if let Some(rest) = s.strip_prefix("eni-") {
            if is_resource_suffix(rest) {
                return Ok(ClientSource::NetworkInterface(s.to_string()));
            }
        } else if let Some(rest) = s.strip_prefix("vpc-") {
            if is_resource_suffix(rest) {
                return Ok(ClientSource::Vpc(s.to_string()));
            }
        } else if let Some(rest) = s.strip_prefix("onprem:") {
            let net = rest
                .parse::<IpNet>()
                .or_else(|_| rest.parse::<std::net::IpAddr>().map(IpNet::from));
            if let Ok(net) = net {
                return Ok(ClientSource::OnPrem(net.trunc()));
            }
        } else if let Ok(net) = s.parse::<IpNet>() {
            return Ok(ClientSource::Cidr(net.trunc()));
        } else if let Ok(ip) = s.parse::<std::net::IpAddr>() {
            return Ok(ClientSource::Cidr(IpNet::from(ip)));
        }
        Err(format!(
            "invalid --from {s:?}: expected a security group (sg-0123abcd), a subnet (subnet-0123abcd), an instance (i-0123abcd), a network interface (eni-0123abcd), another VPC (vpc-0123abcd), a CIDR (10.0.0.0/16), an IP address, or clients on premises (onprem:10.50.0.0/16)"
        ))
    }
}

/// A target as the command line takes it: any kind `Asked::parse` accepts, normalised.
pub fn parse_target(s: &str) -> Result<String, String> {
    Asked::parse(s).map(|a| a.text)
}

/// Where the tool runs relative to the endpoint's VPC, which decides what DNS answers mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VantageChoice {
    /// Inside only when this machine's EC2 instance metadata names the endpoint's VPC.
    #[default]
    Auto,
    Inside,
    Outside,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunContext {
    pub target: String,
    pub region: String,
    pub consumer_profile: Option<String>,
    pub provider_profile: Option<String>,
    /// The role in the service owner's account assumed from the consumer's credentials
    /// (`--provider-role-arn`, or the config file's account map).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_role_arn: Option<String>,
    /// How the provider's credentials were found, or why none were, in one line (absent
    /// when --provider-profile named them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_source: Option<String>,
    pub dns_server: Option<String>,
    pub vantage: VantageChoice,
    pub ports: Vec<u16>,
    pub from: Option<ClientSource>,
    pub expect_action: Option<String>,
    pub expect_resource: Option<String>,
    /// Active probes (TCP connect to the endpoint's addresses) were asked for.
    #[serde(default)]
    pub probe: bool,
    /// What the user asked about when it was not the endpoint's id (a name, a URL, an
    /// address, a service); `target` is then the endpoint it resolved to, or empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked: Option<Asked>,
    /// The clients' VPC (`--vpc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
    /// How `asked` reached `target` (`private DNS`, `private hosted zone …`), when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_via: Option<String>,
    /// How far back the traffic checks read CloudWatch metrics, in seconds (`--window`).
    #[serde(default = "default_window")]
    pub window_secs: u32,
    /// One diagnosis of a fleet scan: costly per-endpoint observations (the flow-log
    /// query) are skipped and said so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fleet: bool,
}

/// `--window`'s default: the last quarter of an hour, what an incident needs first.
pub const DEFAULT_WINDOW_SECS: u32 = 900;

fn default_window() -> u32 {
    DEFAULT_WINDOW_SECS
}

/// The window asked for, or the default when none was (0).
pub fn window_or_default(secs: u32) -> u32 {
    if secs == 0 { DEFAULT_WINDOW_SECS } else { secs }
}

/// The period the metrics of a window are read in: a minute up to 3 hours, 5 minutes beyond
/// (at most 180 points a line).
pub fn period_for(window_secs: u32) -> u32 {
    if window_secs <= 3 * 3600 { 60 } else { 300 }
}

impl RunContext {
    /// What the user asked about: the symptom-first target, or the endpoint id.
    pub fn asked_text(&self) -> &str {
        self.asked.as_ref().map_or(&self.target, |a| &a.text)
    }
}

impl RunContext {
    /// The `--profile/--region` tail for a command the user will paste into the account.
    pub fn cli_args(&self, provider: bool) -> String {
        self.cli_args_in(provider, None)
    }

    /// The same tail, with the provider's commands sent to `provider_region` when the
    /// service lives in another region than the run's (a cross-region endpoint).
    pub fn cli_args_in(&self, provider: bool, provider_region: Option<&str>) -> String {
        let profile = if provider {
            self.provider_profile.as_ref()
        } else {
            self.consumer_profile.as_ref()
        };
        let mut s = String::new();
        if let Some(p) = profile {
            s.push_str(" --profile ");
            s.push_str(p);
        }
        s.push_str(" --region ");
        s.push_str(match provider_region {
            Some(r) if provider => r,
            _ => &self.region,
        });
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parse_error_lists_every_accepted_form() {
        let e = "host".parse::<ClientSource>().unwrap_err();
        for form in ["sg-", "subnet-", "i-", "eni-", "CIDR", "IP address"] {
            assert!(e.contains(form), "{form} missing from {e}");
        }
    }

    #[test]
    fn client_source_parses_every_accepted_form() {
        assert_eq!(
            "sg-0123abcd".parse::<ClientSource>().unwrap(),
            ClientSource::SecurityGroup("sg-0123abcd".into())
        );
        assert_eq!(
            "subnet-0123456789abcdef0".parse::<ClientSource>().unwrap(),
            ClientSource::Subnet("subnet-0123456789abcdef0".into())
        );
        assert_eq!(
            "10.1.2.3".parse::<ClientSource>().unwrap(),
            ClientSource::Cidr("10.1.2.3/32".parse().unwrap())
        );
        assert_eq!(
            "10.1.2.3/16".parse::<ClientSource>().unwrap(),
            ClientSource::Cidr("10.1.0.0/16".parse().unwrap())
        );
        assert_eq!(
            "i-0123456789abcdef0".parse::<ClientSource>().unwrap(),
            ClientSource::Instance("i-0123456789abcdef0".into())
        );
        assert_eq!(
            "eni-0123abcd".parse::<ClientSource>().unwrap(),
            ClientSource::NetworkInterface("eni-0123abcd".into())
        );
        for bad in [
            "sg-XYZ",
            "subnet-1",
            "i-12",
            "eni-XYZ",
            "10.0.0.0/33",
            "host",
            "",
        ] {
            assert!(bad.parse::<ClientSource>().is_err(), "{bad}");
        }
    }
}
