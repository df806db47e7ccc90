//! What to run when an account's credentials stop working, read from the AWS config files
//! the way the SDK reads them (the same files, `AWS_CONFIG_FILE`, `AWS_PROFILE`).

use std::borrow::Cow;

use aws_runtime::env_config::file::EnvConfigFiles as ProfileFiles;
use aws_types::os_shim_internal::{Env, Fs};

/// What a profile's credentials come from, as far as the hint needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileKind {
    /// IAM Identity Center: `aws sso login` renews them (also through `source_profile`).
    Sso,
    /// Keys, a role, a `credential_process`: renewed however they were made.
    Other,
    /// The files name no such profile.
    Missing,
}

/// The kind of `profile` (`None`: the one the SDK selects, `AWS_PROFILE` or `default`), and
/// its name.
pub async fn profile_kind(profile: Option<&str>) -> (String, ProfileKind) {
    let set = aws_config::profile::load(
        &Fs::real(),
        &Env::real(),
        &ProfileFiles::default(),
        profile.map(|p| Cow::Owned(p.to_string())),
    )
    .await;
    let Ok(set) = set else {
        return (
            profile.unwrap_or("default").to_string(),
            ProfileKind::Missing,
        );
    };
    let name = set.selected_profile().to_string();
    let mut at = name.clone();
    let mut kind = ProfileKind::Missing;
    // A role assumed from an SSO profile is renewed by logging in to that profile's session.
    for _ in 0..8 {
        let Some(p) = set.get_profile(&at) else {
            break;
        };
        if p.get("sso_session").is_some() || p.get("sso_start_url").is_some() {
            return (name, ProfileKind::Sso);
        }
        kind = ProfileKind::Other;
        match p.get("source_profile") {
            Some(source) if source != at => at = source.to_string(),
            _ => break,
        }
    }
    (name, kind)
}

/// The command or step that renews the credentials of `profile` (`None`: the default
/// chain), in words for a header line or an `unknown` verdict.
pub async fn login_hint(profile: Option<&str>) -> String {
    let (name, kind) = profile_kind(profile).await;
    hint_for(profile.is_some(), &name, kind)
}

pub(crate) fn hint_for(named: bool, name: &str, kind: ProfileKind) -> String {
    match kind {
        ProfileKind::Sso => format!("run `aws sso login --profile {name}`"),
        ProfileKind::Other => format!("refresh the credentials of profile {name}"),
        ProfileKind::Missing if named => {
            format!("profile {name} is not in the AWS config files: check ~/.aws/config")
        }
        ProfileKind::Missing => {
            "refresh the credentials (AWS_ACCESS_KEY_ID/AWS_SESSION_TOKEN, or pass --profile)"
                .to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_names_the_login_command_only_for_sso_profiles() {
        assert_eq!(
            hint_for(true, "ops", ProfileKind::Sso),
            "run `aws sso login --profile ops`"
        );
        assert_eq!(
            hint_for(true, "ci", ProfileKind::Other),
            "refresh the credentials of profile ci"
        );
        assert!(hint_for(true, "gone", ProfileKind::Missing).contains("~/.aws/config"));
        assert!(hint_for(false, "default", ProfileKind::Missing).contains("--profile"));
    }
}
