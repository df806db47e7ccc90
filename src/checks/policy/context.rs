//! What a request carries when it is judged: its action, resource, principal, and the
//! condition keys of its request context, each known, known to be absent, or unknown.

use std::collections::BTreeMap;

/// What the tool knows of one condition key in a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyState {
    /// Present with these values.
    Values(Vec<String>),
    /// Known not to be in the request (for example `aws:SourceIp` through an endpoint).
    Absent,
    /// The tool cannot know it (who the caller is, their organisation, an S3 prefix …).
    Unknown,
}

/// Why the tool holds a key's value: shown beside the key so a reader can judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// From the endpoint the request goes through.
    Endpoint,
    /// What every request through an endpoint carries (or lacks), per AWS's documentation.
    ThroughEndpoint,
    /// Assumed for a client of the endpoint (an SDK or CLI call over HTTPS).
    Assumed,
    /// Given on the command line (`--context`, `--principal`).
    Given,
    /// The role of a session given with `--principal`: a session's ARN names the role but not
    /// its path, so the role is taken to have none.
    RoleWithoutPath,
}

impl Basis {
    /// Why the tool holds a value, in the reader's words.
    pub fn words(self) -> String {
        match self {
            Basis::Endpoint => crate::t!("policy-basis-endpoint"),
            Basis::ThroughEndpoint => crate::t!("policy-basis-through-endpoint"),
            Basis::Assumed => crate::t!("policy-basis-assumed"),
            Basis::Given => crate::t!("policy-basis-given"),
            Basis::RoleWithoutPath => crate::t!("policy-basis-role-without-path"),
        }
    }
}

impl KeyState {
    /// The value as a finding shows it: the values, or why there is none.
    pub fn words(&self) -> String {
        match self {
            KeyState::Values(v) => v.join(", "),
            KeyState::Absent => crate::t!("policy-key-absent"),
            KeyState::Unknown => crate::t!("policy-key-unknown"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key as first written (condition keys compare case-insensitively).
    pub name: String,
    pub state: KeyState,
    pub basis: Basis,
}

/// The request context: condition keys by lower-cased name. A key not listed is unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    keys: BTreeMap<String, Entry>,
}

impl Context {
    pub fn set(&mut self, name: &str, state: KeyState, basis: Basis) {
        self.keys.insert(
            name.to_ascii_lowercase(),
            Entry {
                name: name.to_string(),
                state,
                basis,
            },
        );
    }

    pub fn value(&mut self, name: &str, value: &str, basis: Basis) {
        self.set(name, KeyState::Values(vec![value.to_string()]), basis);
    }

    pub fn get(&self, name: &str) -> &KeyState {
        const UNKNOWN: &KeyState = &KeyState::Unknown;
        self.keys
            .get(&name.to_ascii_lowercase())
            .map_or(UNKNOWN, |e| &e.state)
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.keys.values()
    }
}

/// The endpoint a request goes through, as far as its request context is concerned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Through {
    pub endpoint_id: String,
    pub vpc_id: Option<String>,
    /// The account that owns the endpoint (`aws:VpceAccount`).
    pub account: Option<String>,
    pub region: Option<String>,
}

/// One request to judge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub action: String,
    /// `None`: no resource was named, so a statement limited to some resources may or may
    /// not cover it.
    pub resource: Option<String>,
    /// The caller's ARN when known (`--principal`).
    pub principal: Option<String>,
    pub context: Context,
}

impl Request {
    /// A request with nothing known of its context.
    pub fn bare(action: &str, resource: Option<&str>) -> Request {
        Request {
            action: action.to_string(),
            resource: resource.map(str::to_string),
            principal: None,
            context: Context::default(),
        }
    }

    /// A request sent through `through` by one of its clients: the context AWS documents for
    /// requests that arrive through a VPC endpoint.
    pub fn through_endpoint(action: &str, resource: Option<&str>, through: &Through) -> Request {
        let mut r = Request::bare(action, resource);
        let c = &mut r.context;
        c.value("aws:SourceVpce", &through.endpoint_id, Basis::Endpoint);
        if let Some(vpc) = &through.vpc_id {
            c.value("aws:SourceVpc", vpc, Basis::Endpoint);
        }
        if let Some(account) = &through.account {
            c.value("aws:VpceAccount", account, Basis::Endpoint);
        }
        if let Some(region) = &through.region {
            c.value("aws:RequestedRegion", region, Basis::Endpoint);
        }
        // "This key is included in the request context, except when the requester uses a VPC
        // endpoint to make the request" (IAM global condition keys): a policy that needs a
        // public source address never matches private traffic.
        c.set("aws:SourceIp", KeyState::Absent, Basis::ThroughEndpoint);
        // Requests through an endpoint come from the VPC's own clients, signed with their
        // credentials, not from an AWS service acting for them.
        c.value("aws:PrincipalIsAWSService", "false", Basis::ThroughEndpoint);
        c.value("aws:ViaAWSService", "false", Basis::ThroughEndpoint);
        // The SDKs and the CLI speak HTTPS unless told otherwise.
        c.value("aws:SecureTransport", "true", Basis::Assumed);
        r
    }

    /// The caller, and the keys that follow from its ARN.
    pub fn with_principal(mut self, arn: &str) -> Request {
        self.principal = Some(arn.to_string());
        let role = role_arn_of(arn);
        let basis = if role == arn {
            Basis::Given
        } else {
            Basis::RoleWithoutPath
        };
        self.context.value("aws:PrincipalArn", &role, basis);
        if let Some(account) = account_of(arn) {
            self.context
                .value("aws:PrincipalAccount", account, Basis::Given);
        }
        self
    }

    /// `key=value[,value…]` from the command line; `key=` says the key is absent.
    pub fn with_key(mut self, name: &str, values: &[String]) -> Request {
        let state = if values.is_empty() {
            KeyState::Absent
        } else {
            KeyState::Values(values.to_vec())
        };
        self.context.set(name, state, Basis::Given);
        if name.eq_ignore_ascii_case("aws:PrincipalArn")
            && let Some(arn) = values.first()
        {
            self.principal = Some(arn.clone());
        }
        self
    }
}

/// The account id inside an ARN (`arn:aws:iam::123456789012:role/x`).
pub fn account_of(arn: &str) -> Option<&str> {
    let account = arn.split(':').nth(4)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}

/// `aws:PrincipalArn` of a role session is the role's ARN, not the session's.
pub fn role_arn_of(arn: &str) -> String {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() == 6
        && parts[2] == "sts"
        && let Some(rest) = parts[5].strip_prefix("assumed-role/")
        && let Some((role, _session)) = rest.split_once('/')
    {
        return format!("arn:{}:iam::{}:role/{role}", parts[1], parts[4]);
    }
    arn.to_string()
}
