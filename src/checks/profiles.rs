//! The workload profiles (checks/workloads.toml): per profile the services a private
//! workload needs, and the requests their endpoint policies must allow. The workload view
//! (`crate::workload`) judges a VPC against them; the endpoint-policy check judges a policy
//! against the requests they list, so both read one list.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// The profiles, embedded at build time.
pub const PROFILES: &str = include_str!("../../checks/workloads.toml");

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    pub title: String,
    pub docs: String,
    #[serde(default)]
    pub note: Option<String>,
    pub service: Vec<ServiceNeed>,
}

/// One service a profile needs.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ServiceNeed {
    /// The short name: the service is `com.amazonaws.REGION.NAME`.
    pub name: String,
    /// `Interface` or `Gateway`.
    #[serde(rename = "type")]
    pub kind: String,
    pub required: bool,
    pub reason: String,
    /// Requests the endpoint policy must allow.
    #[serde(default)]
    pub allow: Vec<Allow>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    pub action: String,
    /// `{region}` is the run's region.
    pub resource: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileFile {
    pub(crate) profile: Vec<Profile>,
}

/// What is wrong with a profile file (empty: nothing).
pub fn problems(profiles: &[Profile]) -> Vec<String> {
    let mut out = Vec::new();
    let mut names = BTreeSet::new();
    for p in profiles {
        let at = &p.name;
        if !names.insert(p.name.clone()) {
            out.push(format!("profile {at} is defined twice"));
        }
        if p.name.is_empty()
            || !p
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            out.push(format!(
                "profile name {at:?}: lowercase letters, digits and -"
            ));
        }
        if !p.docs.starts_with("https://docs.aws.amazon.com/") {
            out.push(format!("{at}: docs must be an AWS documentation page"));
        }
        if p.title.trim().is_empty() || p.service.is_empty() {
            out.push(format!("{at}: a title and at least one service"));
        }
        if !p.service.iter().any(|s| s.required) {
            out.push(format!("{at}: no required service"));
        }
        let mut seen = BTreeSet::new();
        for s in &p.service {
            if !seen.insert(&s.name) {
                out.push(format!("{at}: {} is listed twice", s.name));
            }
            if s.name.is_empty()
                || !s
                    .name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
            {
                out.push(format!(
                    "{at}: service name {:?} is not a short AWS service name",
                    s.name
                ));
            }
            match s.kind.as_str() {
                "Interface" => {}
                "Gateway" if ["s3", "dynamodb"].contains(&s.name.as_str()) => {}
                other => out.push(format!(
                    "{at}: {} type {other:?}: Interface, or Gateway for s3 and dynamodb",
                    s.name
                )),
            }
            if s.reason.trim().len() < 20 {
                out.push(format!("{at}: {} needs a reason", s.name));
            }
            for a in &s.allow {
                if !a.action.contains(':') || a.resource.is_empty() {
                    out.push(format!(
                        "{at}: {} allow {a:?}: service:Action and a resource",
                        s.name
                    ));
                }
            }
        }
    }
    out
}

/// The profiles' Korean texts: titles, notes and the reasons each service is needed.
pub const PROFILES_KO: &str = include_str!("../../checks/ko/workloads.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedProfiles {
    #[serde(default)]
    profile: Vec<TranslatedProfile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedProfile {
    name: String,
    title: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    service: Vec<TranslatedService>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedService {
    name: String,
    reason: String,
}

/// The embedded profiles (the test holds them valid), in the language of this run.
pub fn profiles() -> Vec<Profile> {
    profiles_in(crate::i18n::current())
}

/// A request common clients of a service make through its endpoint, and the workloads that
/// make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommonRequest {
    pub action: String,
    pub resource: String,
    /// The profiles' names (`ecr-pull`, `ssm` …).
    pub used_by: Vec<String>,
}

/// What the workload profiles ask of the endpoint policy of the service `name` (`s3`,
/// `ecr.api` …), with `{region}` filled in: the built-in list an endpoint policy is judged
/// against when no request is named. One list for both, so the workload view and the check
/// never disagree about what a client needs.
pub fn common_requests(name: &str, region: &str) -> Vec<CommonRequest> {
    let mut out: Vec<CommonRequest> = Vec::new();
    let mut add = |action: &str, resource: &str, client: &str| {
        let resource = resource.replace("{region}", region);
        match out
            .iter_mut()
            .find(|c| c.action == action && c.resource == resource)
        {
            Some(c) if !c.used_by.iter().any(|u| u == client) => c.used_by.push(client.into()),
            Some(_) => {}
            None => out.push(CommonRequest {
                action: action.into(),
                resource,
                used_by: vec![client.into()],
            }),
        }
    };
    // Parsed once per process: a fleet scan judges every endpoint policy against them.
    static ENGLISH: std::sync::OnceLock<Vec<Profile>> = std::sync::OnceLock::new();
    static CLIENTS: std::sync::OnceLock<Vec<ClientRequest>> = std::sync::OnceLock::new();
    for profile in ENGLISH.get_or_init(|| profiles_in(crate::i18n::Lang::En)) {
        for need in profile.service.iter().filter(|s| s.name == name) {
            for a in &need.allow {
                add(&a.action, &a.resource, &profile.name);
            }
        }
    }
    for r in CLIENTS
        .get_or_init(client_requests)
        .iter()
        .filter(|r| r.service == name)
    {
        add(&r.action, &r.resource, &r.client);
    }
    out
}

/// The built-in requests of common clients (checks/client-requests.toml).
pub const CLIENT_REQUESTS: &str = include_str!("../../checks/client-requests.toml");

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClientRequest {
    /// The service's short name (`s3`).
    pub service: String,
    /// Who asks (`dnf-al2023`, `ssm-agent`).
    pub client: String,
    pub action: String,
    /// `{region}` is the run's region.
    pub resource: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientRequestFile {
    request: Vec<ClientRequest>,
}

/// The built-in requests; the tests hold the file to parsing.
pub fn client_requests() -> Vec<ClientRequest> {
    toml::from_str::<ClientRequestFile>(CLIENT_REQUESTS)
        .map(|f| f.request)
        .unwrap_or_default()
}

/// The embedded profiles with their words in `lang`; words a translation lacks stay English.
pub fn profiles_in(lang: crate::i18n::Lang) -> Vec<Profile> {
    let mut all = toml::from_str::<ProfileFile>(PROFILES)
        .map(|f| f.profile)
        .unwrap_or_default();
    if lang == crate::i18n::Lang::Ko {
        let words = toml::from_str::<TranslatedProfiles>(PROFILES_KO)
            .map(|f| f.profile)
            .unwrap_or_default();
        for t in words {
            let Some(p) = all.iter_mut().find(|p| p.name == t.name) else {
                continue;
            };
            p.title = t.title;
            if t.note.is_some() {
                p.note = t.note;
            }
            for ts in t.service {
                if let Some(s) = p.service.iter_mut().find(|s| s.name == ts.name) {
                    s.reason = ts.reason;
                }
            }
        }
    }
    all
}

/// The profile a command line names, or one line listing the accepted names.
pub fn find(name: &str) -> Result<Profile, String> {
    let all = profiles();
    all.iter().find(|p| p.name == name).cloned().ok_or_else(|| {
        crate::t!(
            "cli-input-unknown-workload",
            name = format!("{:?}", crate::sanitize::terminal_safe(name)),
            names = all
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_requests_parse_and_join_the_profiles() {
        let file: ClientRequestFile =
            toml::from_str(CLIENT_REQUESTS).expect("checks/client-requests.toml parses");
        assert!(!file.request.is_empty());
        for r in &file.request {
            assert!(
                r.action.contains(':') && r.resource.starts_with("arn:aws:"),
                "{r:?}"
            );
        }
        let s3 = common_requests("s3", "eu-west-1");
        let layer = s3
            .iter()
            .find(|c| c.resource == "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*")
            .expect("the ECR layer bucket, from the workload profiles");
        assert!(layer.used_by.contains(&"ecr-pull".to_string()), "{layer:?}");
        assert!(
            s3.iter().any(
                |c| c.resource == "arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*"
                    && c.used_by == ["dnf-al2023"]
            ),
            "{s3:?}"
        );
        // Each request once, however many profiles and clients make it.
        let mut seen = std::collections::HashSet::new();
        assert!(s3.iter().all(|c| seen.insert((&c.action, &c.resource))));
        assert!(common_requests("no-such-service", "eu-west-1").is_empty());
    }
}
