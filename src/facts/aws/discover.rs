//! Which credentials reach an account: the profile of the AWS config files that belongs to
//! it (`sso_account_id`, the account inside `role_arn`, or an identity the tool saw before),
//! or what the vpce-doctor config file maps it to. Read the way the SDK reads the files
//! (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`); nothing here calls AWS.

use std::collections::BTreeMap;
use std::path::PathBuf;

use aws_runtime::env_config::file::EnvConfigFiles as ProfileFiles;
use aws_types::os_shim_internal::{Env, Fs};

/// What the vpce-doctor config file names for an account (`[accounts."…"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountTarget {
    Profile(String),
    Role(String),
}

/// How a profile is known to belong to an account, strongest evidence first (the order
/// picks among several matches).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    SsoAccountId,
    RoleArn,
    Cached,
}

impl Evidence {
    fn as_str(self) -> &'static str {
        match self {
            Evidence::SsoAccountId => "sso_account_id",
            Evidence::RoleArn => "role_arn",
            Evidence::Cached => "cached identity",
        }
    }
}

/// One profile and the account its credentials are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileAccount {
    pub profile: String,
    pub account: String,
    pub evidence: Evidence,
}

/// The credentials chosen for the provider account, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub target: AccountTarget,
    /// One line for headers and reports: `provider profile prod-net: sso_account_id
    /// 222222222222 in ~/.aws/config`.
    pub reason: String,
}

/// The account a role ARN lives in (`arn:aws:iam::222222222222:role/x`).
pub fn role_account(arn: &str) -> Option<&str> {
    let mut parts = arn.split(':');
    let (Some("arn"), Some(_partition), Some("iam"), Some(""), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    (is_account_id(account) && resource.starts_with("role/")).then_some(account)
}

/// Twelve digits.
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The account of each profile: its own `role_arn` (whatever it is assumed from: the
/// credentials are the role's), else its `sso_account_id`, else the identity cached for it.
pub fn accounts_of(
    profiles: &BTreeMap<String, BTreeMap<String, String>>,
    cache: &BTreeMap<String, String>,
) -> Vec<ProfileAccount> {
    let mut out = Vec::new();
    for (name, props) in profiles {
        let declared = props
            .get("role_arn")
            .and_then(|arn| role_account(arn))
            .map(|a| (a.to_string(), Evidence::RoleArn))
            .or_else(|| {
                props
                    .get("sso_account_id")
                    .filter(|a| is_account_id(a))
                    .map(|a| (a.clone(), Evidence::SsoAccountId))
            })
            .or_else(|| {
                cache
                    .get(name)
                    .filter(|a| is_account_id(a))
                    .map(|a| (a.clone(), Evidence::Cached))
            });
        if let Some((account, evidence)) = declared {
            out.push(ProfileAccount {
                profile: name.clone(),
                account,
                evidence,
            });
        }
    }
    out
}

/// The credentials for `owner`: the config file's account map first, then the profiles
/// that belong to it (the strongest evidence, then the name, picks one; the others are
/// named). `Err` says, in one line, that nothing was found.
pub fn choose(
    owner: &str,
    mapped: Option<(&AccountTarget, &str)>,
    profiles: &[ProfileAccount],
    aws_config_file: &str,
) -> Result<Choice, String> {
    if let Some((target, file)) = mapped {
        let reason = match target {
            AccountTarget::Profile(p) => {
                format!("provider profile {p}: account {owner} mapped in {file}")
            }
            AccountTarget::Role(r) => {
                format!("provider role {r}: account {owner} mapped in {file}")
            }
        };
        return Ok(Choice {
            target: target.clone(),
            reason,
        });
    }
    let mut matches: Vec<&ProfileAccount> =
        profiles.iter().filter(|p| p.account == owner).collect();
    matches.sort_by(|a, b| (a.evidence, &a.profile).cmp(&(b.evidence, &b.profile)));
    let Some(first) = matches.first() else {
        return Err(format!(
            "no profile for account {owner}; pass --provider-profile or add it to the config file"
        ));
    };
    let place = match first.evidence {
        Evidence::Cached => "(learned by sts:GetCallerIdentity)".to_string(),
        _ => format!("in {aws_config_file}"),
    };
    let mut reason = format!(
        "provider profile {}: {} {owner} {place}",
        first.profile,
        first.evidence.as_str()
    );
    if matches.len() > 1 {
        let others: Vec<&str> = matches[1..].iter().map(|p| p.profile.as_str()).collect();
        reason.push_str(&format!(" (also matched: {})", others.join(", ")));
    }
    Ok(Choice {
        target: AccountTarget::Profile(first.profile.clone()),
        reason,
    })
}

/// Every profile of the AWS config files with its properties (none when they cannot be read).
pub async fn load_profiles() -> BTreeMap<String, BTreeMap<String, String>> {
    let Ok(set) =
        aws_config::profile::load(&Fs::real(), &Env::real(), &ProfileFiles::default(), None).await
    else {
        return BTreeMap::new();
    };
    const KEYS: &[&str] = &["role_arn", "sso_account_id", "source_profile"];
    set.profiles()
        .filter_map(|name| {
            let p = set.get_profile(name)?;
            let props = KEYS
                .iter()
                .filter_map(|k| p.get(k).map(|v| (k.to_string(), v.to_string())))
                .collect();
            Some((name.to_string(), props))
        })
        .collect()
}

/// The AWS config file as the user would name it.
pub fn aws_config_file_name() -> String {
    std::env::var("AWS_CONFIG_FILE")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "~/.aws/config".into())
}

/// `$XDG_CACHE_HOME/vpce-doctor/identities.json` (default `~/.cache/…`).
pub fn cache_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })?;
    Some(base.join("vpce-doctor").join("identities.json"))
}

/// The cache: profile → account id. Only names and account ids, never credentials.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Cache {
    profiles: BTreeMap<String, String>,
}

/// The identities cached so far (none when there is no cache or it cannot be read).
pub fn cached_identities() -> BTreeMap<String, String> {
    cache_path()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| serde_json::from_str::<Cache>(&t).ok())
        .map(|c| c.profiles)
        .unwrap_or_default()
}

/// Remember that `profile`'s credentials are in `account` (learned by
/// sts:GetCallerIdentity). A cache that cannot be written is only a lost shortcut.
pub fn remember_identity(profile: &str, account: &str) {
    if !is_account_id(account) {
        return;
    }
    let Some(path) = cache_path() else {
        return;
    };
    let mut profiles = cached_identities();
    if profiles.get(profile).map(String::as_str) == Some(account) {
        return;
    }
    profiles.insert(profile.to_string(), account.to_string());
    let Some(dir) = path.parent() else {
        return;
    };
    let Ok(text) = serde_json::to_string_pretty(&Cache { profiles }) else {
        return;
    };
    // Written aside and renamed: a concurrent run never reads half a file.
    let tmp = dir.join(format!("identities.{}.tmp", std::process::id()));
    let _ = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&tmp, text))
        .and_then(|()| std::fs::rename(&tmp, &path));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profiles(list: &[(&str, &[(&str, &str)])]) -> BTreeMap<String, BTreeMap<String, String>> {
        list.iter()
            .map(|(name, props)| {
                (
                    name.to_string(),
                    props
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                )
            })
            .collect()
    }

    const OWNER: &str = "222222222222";

    #[test]
    fn an_sso_profile_of_the_owner_is_chosen_and_says_why() {
        let p = profiles(&[
            ("dev", &[("sso_account_id", "111111111111")]),
            ("prod-net", &[("sso_account_id", OWNER)]),
        ]);
        let found = accounts_of(&p, &BTreeMap::new());
        let c = choose(OWNER, None, &found, "~/.aws/config").unwrap();
        assert_eq!(c.target, AccountTarget::Profile("prod-net".into()));
        assert_eq!(
            c.reason,
            "provider profile prod-net: sso_account_id 222222222222 in ~/.aws/config"
        );
    }

    #[test]
    fn a_role_profile_belongs_to_the_role_s_account_not_its_source_s() {
        // prov assumes a role in the owner's account from base's SSO session in another.
        let p = profiles(&[
            ("base", &[("sso_account_id", "111111111111")]),
            (
                "prov",
                &[
                    ("role_arn", "arn:aws:iam::222222222222:role/ReadOnly"),
                    ("source_profile", "base"),
                ],
            ),
        ]);
        let found = accounts_of(&p, &BTreeMap::new());
        assert!(found.contains(&ProfileAccount {
            profile: "base".into(),
            account: "111111111111".into(),
            evidence: Evidence::SsoAccountId
        }));
        let c = choose(OWNER, None, &found, "/tmp/config").unwrap();
        assert_eq!(c.target, AccountTarget::Profile("prov".into()));
        assert!(
            c.reason.contains("role_arn 222222222222 in /tmp/config"),
            "{}",
            c.reason
        );
        assert!(
            choose("111111111111", None, &found, "x")
                .unwrap()
                .reason
                .contains("base")
        );
    }

    #[test]
    fn a_cached_identity_finds_a_profile_of_static_keys() {
        let p = profiles(&[("keys", &[]), ("other", &[])]);
        let cache: BTreeMap<String, String> = [("keys".to_string(), OWNER.to_string())].into();
        let c = choose(OWNER, None, &accounts_of(&p, &cache), "x").unwrap();
        assert_eq!(c.target, AccountTarget::Profile("keys".into()));
        assert!(c.reason.contains("cached identity"), "{}", c.reason);
        // A declared account wins over a stale cache entry for the same profile.
        let p = profiles(&[("keys", &[("sso_account_id", "333333333333")])]);
        assert!(choose(OWNER, None, &accounts_of(&p, &cache), "x").is_err());
    }

    #[test]
    fn several_matches_pick_the_strongest_evidence_then_the_name_and_name_the_others() {
        let p = profiles(&[
            ("zeta", &[("sso_account_id", OWNER)]),
            ("alpha", &[("sso_account_id", OWNER)]),
            ("cached", &[]),
            ("role", &[("role_arn", "arn:aws:iam::222222222222:role/x")]),
        ]);
        let cache: BTreeMap<String, String> = [("cached".to_string(), OWNER.to_string())].into();
        let found = accounts_of(&p, &cache);
        let c = choose(OWNER, None, &found, "x").unwrap();
        assert_eq!(c.target, AccountTarget::Profile("alpha".into()));
        assert!(
            c.reason.ends_with("(also matched: zeta, role, cached)"),
            "{}",
            c.reason
        );
        // The same answer whatever order the files list them in.
        let mut reversed = found.clone();
        reversed.reverse();
        assert_eq!(choose(OWNER, None, &reversed, "x").unwrap(), c);
    }

    #[test]
    fn the_config_file_map_wins_and_nothing_found_says_what_to_do() {
        let p = profiles(&[("prod-net", &[("sso_account_id", OWNER)])]);
        let found = accounts_of(&p, &BTreeMap::new());
        let role = AccountTarget::Role("arn:aws:iam::222222222222:role/Audit".into());
        let c = choose(OWNER, Some((&role, "/etc/vd.toml")), &found, "x").unwrap();
        assert_eq!(c.target, role);
        assert!(c.reason.contains("mapped in /etc/vd.toml"), "{}", c.reason);
        let e = choose("444444444444", None, &found, "x").unwrap_err();
        assert_eq!(
            e,
            "no profile for account 444444444444; pass --provider-profile or add it to the config file"
        );
    }

    #[test]
    fn role_arns_are_read_by_shape() {
        assert_eq!(
            role_account("arn:aws:iam::222222222222:role/a/b"),
            Some(OWNER)
        );
        assert_eq!(
            role_account("arn:aws-us-gov:iam::222222222222:role/x"),
            Some(OWNER)
        );
        assert_eq!(role_account("arn:aws:iam::2222:role/x"), None);
        assert_eq!(role_account("arn:aws:iam::222222222222:user/x"), None);
        assert_eq!(role_account("arn:aws:s3:::bucket"), None);
    }
}
