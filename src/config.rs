//! The vpce-doctor config file (`$XDG_CONFIG_HOME/vpce-doctor/config.toml`, `--config`,
//! `VPCE_DOCTOR_CONFIG`) and the effective settings: flags > environment > file > defaults,
//! each with where it came from (`vpce-doctor config` prints them).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::facts::aws::discover::{AccountTarget, is_account_id, role_account};

/// The file as written. Unknown keys are errors: a typo must not silently do nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    profile: Option<String>,
    region: Option<String>,
    timeout: Option<u64>,
    dns_server: Option<String>,
    concurrency: Option<u64>,
    lang: Option<String>,
    #[serde(default)]
    accounts: BTreeMap<String, AccountEntry>,
    #[serde(default)]
    ports: BTreeMap<String, Vec<u16>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountEntry {
    profile: Option<String>,
    role_arn: Option<String>,
}

pub const LANGS: &[&str] = &["en", "ko"];
pub const DEFAULT_TIMEOUT: u64 = 10;
pub const DEFAULT_CONCURRENCY: u64 = 32;

/// Where a setting's value came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Origin {
    Flag(String),
    Env(String),
    File(String),
    #[default]
    Default,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Flag(n) => write!(f, "flag {n}"),
            Origin::Env(n) => write!(f, "env {n}"),
            Origin::File(p) => write!(f, "file {p}"),
            Origin::Default => write!(f, "default"),
        }
    }
}

/// One effective setting, as `vpce-doctor config` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Setting {
    pub key: String,
    /// `null` when unset.
    pub value: Option<String>,
    pub origin: Origin,
}

/// The values given on the command line (`None`: not given).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub timeout: Option<u64>,
    pub dns_server: Option<String>,
    pub concurrency: Option<u64>,
    /// `--lang`.
    pub lang: Option<String>,
}

/// The config file, read and checked.
#[derive(Debug, Default)]
pub struct ConfigFile {
    /// The file read, `None` when the default location holds none.
    pub path: Option<PathBuf>,
    /// Where the path came from: `--config`, `VPCE_DOCTOR_CONFIG` or the default location.
    pub path_origin: Origin,
    /// The location looked at.
    pub searched: Option<PathBuf>,
    file: FileConfig,
}

/// The settings in effect for a run.
#[derive(Debug, Clone)]
pub struct Effective {
    pub profile: Option<String>,
    /// `None`: the SDK's own (AWS_REGION, the profile's).
    pub region: Option<String>,
    pub timeout: u64,
    pub dns_server: Option<String>,
    pub concurrency: u64,
    pub lang: String,
    /// Account id → the profile or role that reaches it.
    pub accounts: BTreeMap<String, AccountTarget>,
    /// Service name or `vpce-svc-…` → the clients' ports when `--port` is absent.
    pub ports: BTreeMap<String, Vec<u16>>,
    /// The file the accounts and ports came from, as the reasons name it.
    pub file: Option<String>,
    pub settings: Vec<Setting>,
}

/// The default location: `$XDG_CONFIG_HOME/vpce-doctor/config.toml`, else
/// `~/.config/vpce-doctor/config.toml`.
fn default_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = env("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("vpce-doctor").join("config.toml"))
}

/// A variable set to something.
pub fn real_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Read the config file: `explicit` (`--config`), else `VPCE_DOCTOR_CONFIG`, else the
/// default location. A named file that is missing is an error; a missing default is not.
pub fn load(
    explicit: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<ConfigFile, String> {
    let (path, origin) = match (explicit, env("VPCE_DOCTOR_CONFIG")) {
        (Some(p), _) => (PathBuf::from(p), Origin::Flag("--config".into())),
        (None, Some(p)) => (PathBuf::from(p), Origin::Env("VPCE_DOCTOR_CONFIG".into())),
        (None, None) => match default_path(env) {
            Some(p) => (p, Origin::Default),
            None => return Ok(ConfigFile::default()),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && origin == Origin::Default => {
            return Ok(ConfigFile {
                path: None,
                path_origin: origin,
                searched: Some(path),
                file: FileConfig::default(),
            });
        }
        Err(e) => {
            return Err(format!(
                "cannot read config file {} ({origin}): {e}",
                path.display()
            ));
        }
    };
    let file = parse(&text, &path)?;
    Ok(ConfigFile {
        path: Some(path.clone()),
        path_origin: origin,
        searched: Some(path),
        file,
    })
}

/// Parse and check the file's text; the error names the file, the key and what is accepted.
fn parse(text: &str, path: &Path) -> Result<FileConfig, String> {
    let shown = crate::sanitize::terminal_safe(&path.display().to_string());
    let file: FileConfig = toml::from_str(text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let line = text[..s.start.min(text.len())].matches('\n').count();
                let source = text.lines().nth(line).unwrap_or("").trim();
                format!(
                    " line {} (`{}`)",
                    line + 1,
                    crate::sanitize::terminal_safe(source)
                )
            })
            .unwrap_or_default();
        let message = e.message().replace('\n', " ");
        let accepted = if message.contains("unknown field") {
            ""
        } else {
            "; accepted keys: profile, region, timeout, dns_server, concurrency, lang, [accounts.\"ACCOUNT\"] profile|role_arn, [ports] \"SERVICE\" = [PORT, …]"
        };
        format!("config file {shown}:{at}: {message}{accepted}")
    })?;
    check(&file).map_err(|e| format!("config file {shown}: {e}"))?;
    Ok(file)
}

/// The values serde cannot hold to their shape.
fn check(f: &FileConfig) -> Result<(), String> {
    if let Some(p) = &f.profile
        && p.trim().is_empty()
    {
        return Err(crate::t!("cli-config-bad-profile"));
    }
    if let Some(r) = &f.region
        && !crate::facts::is_region_name(r)
    {
        return Err(crate::t!(
            "cli-config-bad-region",
            value = format!("{:?}", crate::sanitize::terminal_safe(r))
        ));
    }
    if let Some(t) = f.timeout
        && !(1..=300).contains(&t)
    {
        return Err(crate::t!("cli-config-bad-timeout", value = t.to_string()));
    }
    if let Some(c) = f.concurrency
        && !(1..=512).contains(&c)
    {
        return Err(crate::t!(
            "cli-config-bad-concurrency",
            value = c.to_string()
        ));
    }
    if let Some(s) = &f.dns_server {
        crate::facts::dns::parse_server(s).map_err(|e| format!("key dns_server: {e}"))?;
    }
    if let Some(l) = &f.lang
        && !LANGS.contains(&l.as_str())
    {
        return Err(crate::t!(
            "cli-config-bad-lang",
            value = format!("{:?}", crate::sanitize::terminal_safe(l)),
            langs = LANGS.join(", ")
        ));
    }
    for (account, entry) in &f.accounts {
        let key = format!("accounts.{:?}", crate::sanitize::terminal_safe(account));
        if !is_account_id(account) {
            return Err(crate::t!("cli-config-bad-account", key = &key));
        }
        match (&entry.profile, &entry.role_arn) {
            (Some(p), None) if !p.trim().is_empty() => {}
            (None, Some(arn)) if role_account(arn).is_some() => {}
            (None, Some(arn)) => {
                return Err(crate::t!(
                    "cli-config-bad-role-arn",
                    key = &key,
                    value = format!("{:?}", crate::sanitize::terminal_safe(arn)),
                    account = account
                ));
            }
            _ => {
                return Err(crate::t!(
                    "cli-config-account-entry",
                    key = &key,
                    account = account
                ));
            }
        }
    }
    for (service, ports) in &f.ports {
        let key = format!("ports.{:?}", crate::sanitize::terminal_safe(service));
        let named = service.starts_with("vpce-svc-") || service.contains('.');
        if !named {
            return Err(crate::t!("cli-config-bad-service", key = &key));
        }
        if ports.is_empty() || ports.contains(&0) {
            return Err(crate::t!("cli-config-bad-ports", key = &key));
        }
    }
    Ok(())
}

impl ConfigFile {
    fn origin(&self) -> Origin {
        match &self.path {
            Some(p) => Origin::File(p.display().to_string()),
            None => Origin::Default,
        }
    }

    /// The settings in effect: `flags` over `env` over this file over the defaults.
    pub fn effective(&self, flags: &Flags, env: &dyn Fn(&str) -> Option<String>) -> Effective {
        let file = self.origin();
        let mut settings = Vec::new();
        let mut pick = |key: &str,
                        flag: Option<String>,
                        flag_name: &str,
                        env_names: &[&str],
                        from_file: Option<String>|
         -> (Option<String>, Origin) {
            let env_value = env_names
                .iter()
                .find_map(|n| env(n).map(|v| (v, Origin::Env(n.to_string()))));
            let (value, origin) = match (flag, env_value, from_file) {
                // clap merges AWS_PROFILE into --profile: the same value is the environment's.
                (Some(f), Some((e, o)), _) if f == e => (Some(e), o),
                (Some(f), _, _) => (Some(f), Origin::Flag(flag_name.to_string())),
                (None, Some((e, o)), _) => (Some(e), o),
                (None, None, Some(v)) => (Some(v), file.clone()),
                (None, None, None) => (None, Origin::Default),
            };
            settings.push(Setting {
                key: key.to_string(),
                value: value.clone(),
                origin: origin.clone(),
            });
            (value, origin)
        };
        let f = &self.file;
        let (profile, _) = pick(
            "profile",
            flags.profile.clone(),
            "--profile",
            &["AWS_PROFILE"],
            f.profile.clone(),
        );
        let (region, region_origin) = pick(
            "region",
            flags.region.clone(),
            "--region",
            &["AWS_REGION", "AWS_DEFAULT_REGION"],
            f.region.clone(),
        );
        let (timeout, _) = pick(
            "timeout",
            flags.timeout.map(|t| t.to_string()),
            "--timeout",
            &[],
            f.timeout.map(|t| t.to_string()),
        );
        let (dns_server, _) = pick(
            "dns_server",
            flags.dns_server.clone(),
            "--dns-server",
            &[],
            f.dns_server.clone(),
        );
        let (concurrency, _) = pick(
            "concurrency",
            flags.concurrency.map(|c| c.to_string()),
            "--concurrency",
            &[],
            f.concurrency.map(|c| c.to_string()),
        );
        // The language is the one setting the file outranks the environment for: a locale is
        // a machine-wide default, `lang` in the file is this tool's own choice.
        let (lang, lang_origin) = match (flags.lang.clone(), f.lang.clone()) {
            (Some(l), _) => (l, Origin::Flag("--lang".into())),
            (None, Some(l)) => (l, file.clone()),
            (None, None) => match crate::i18n::locale_variable(env) {
                Some((name, _)) => (
                    crate::i18n::Lang::from_locale(env).code().to_string(),
                    Origin::Env(name.to_string()),
                ),
                None => ("en".to_string(), Origin::Default),
            },
        };
        settings.push(Setting {
            key: "lang".into(),
            value: Some(lang.clone()),
            origin: lang_origin,
        });
        // Defaults are shown as the values they are.
        for s in &mut settings {
            if s.value.is_none() {
                s.value = match s.key.as_str() {
                    "timeout" => Some(DEFAULT_TIMEOUT.to_string()),
                    "concurrency" => Some(DEFAULT_CONCURRENCY.to_string()),
                    _ => None,
                };
            }
        }
        let accounts: BTreeMap<String, AccountTarget> = f
            .accounts
            .iter()
            .map(|(account, e)| {
                let target = match (&e.profile, &e.role_arn) {
                    (Some(p), _) => AccountTarget::Profile(p.clone()),
                    (None, Some(r)) => AccountTarget::Role(r.clone()),
                    (None, None) => AccountTarget::Profile(String::new()),
                };
                (account.clone(), target)
            })
            .collect();
        for (account, target) in &accounts {
            let (key, value) = match target {
                AccountTarget::Profile(p) => (format!("accounts.\"{account}\".profile"), p),
                AccountTarget::Role(r) => (format!("accounts.\"{account}\".role_arn"), r),
            };
            settings.push(Setting {
                key,
                value: Some(value.clone()),
                origin: file.clone(),
            });
        }
        for (service, ports) in &f.ports {
            settings.push(Setting {
                key: format!("ports.\"{service}\""),
                value: Some(
                    ports
                        .iter()
                        .map(u16::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                origin: file.clone(),
            });
        }
        Effective {
            profile,
            // From the environment the SDK reads it itself (and names it in its errors).
            region: region.filter(|_| !matches!(region_origin, Origin::Env(_))),
            timeout: timeout
                .and_then(|t| t.parse().ok())
                .unwrap_or(DEFAULT_TIMEOUT),
            dns_server,
            concurrency: concurrency
                .and_then(|c| c.parse().ok())
                .unwrap_or(DEFAULT_CONCURRENCY),
            lang,
            accounts,
            ports: f.ports.clone(),
            file: self.path.as_ref().map(|p| p.display().to_string()),
            settings,
        }
    }

    /// The file line of `vpce-doctor config`.
    pub fn describe(&self) -> String {
        match (&self.path, &self.searched) {
            (Some(p), _) => format!("{} ({})", p.display(), self.path_origin),
            (None, Some(s)) => crate::t!("cli-config-none-at", path = s.display().to_string()),
            (None, None) => crate::t!("cli-config-none-no-home"),
        }
    }
}

/// The ports the config file gives the service `service_name` (or its `vpce-svc-…` id).
pub fn ports_for<'a>(
    ports: &'a BTreeMap<String, Vec<u16>>,
    service_name: &str,
) -> Option<&'a Vec<u16>> {
    ports.get(service_name).or_else(|| {
        let id = service_name.rsplit('.').next()?;
        id.starts_with("vpce-svc-").then(|| ports.get(id)).flatten()
    })
}

/// Columns a text takes in a terminal (Hangul takes two).
fn display_width(s: &str) -> usize {
    ratatui::text::Span::raw(s).width()
}

/// `vpce-doctor config`: the effective settings and where each came from.
pub fn render(file: &ConfigFile, effective: &Effective, json: bool) -> String {
    let cache = crate::facts::aws::discover::cache_path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| crate::t!("cli-config-no-cache"));
    if json {
        let value = serde_json::json!({
            "config_file": {
                "path": file.path.as_ref().map(|p| p.display().to_string()),
                "searched": file.searched.as_ref().map(|p| p.display().to_string()),
                "origin": file.path_origin,
            },
            "identity_cache": cache,
            "settings": effective.settings,
        });
        return serde_json::to_string_pretty(&value).expect("json") + "\n";
    }
    // Labels are padded by their display width: Hangul takes two columns.
    let labels = [crate::t!("cli-config-file"), crate::t!("cli-config-cache")];
    let label_width = labels.iter().map(|l| display_width(l)).max().unwrap_or(0) + 2;
    let mut out = String::new();
    for (label, value) in labels.iter().zip([file.describe(), cache]) {
        out.push_str(&format!(
            "{label}{}{}\n",
            " ".repeat(label_width - display_width(label)),
            crate::sanitize::terminal_safe(&value)
        ));
    }
    out.push('\n');
    let width = effective
        .settings
        .iter()
        .map(|s| s.key.chars().count())
        .max()
        .unwrap_or(0);
    for s in &effective.settings {
        let value = s
            .value
            .clone()
            .unwrap_or_else(|| crate::t!("cli-config-unset"));
        let value = crate::sanitize::terminal_safe(&value);
        let pad = " ".repeat(20usize.saturating_sub(display_width(&value)));
        out.push_str(&format!(
            "{:<width$}  {value}{pad}  {}\n",
            crate::sanitize::terminal_safe(&s.key),
            crate::sanitize::terminal_safe(&s.origin.to_string()),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_output_speaks_korean() {
        let file = ConfigFile {
            path: None,
            path_origin: Origin::Default,
            searched: None,
            file: FileConfig::default(),
        };
        let effective = file.effective(&Flags::default(), &env_of(&[]));
        let english = render(&file, &effective, false);
        assert!(
            english.starts_with("config file     none (no HOME"),
            "{english}"
        );
        let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
        let korean = render(&file, &effective, false);
        assert!(korean.starts_with("설정 파일       없음"), "{korean}");
        assert!(
            korean.contains("(설정 안 됨)") && !korean.contains("(unset)"),
            "{korean}"
        );
        assert!(korean.contains("\nlang "), "{korean}");
    }

    fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    fn write(text: &str) -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        let p = path.display().to_string();
        (dir, p)
    }

    const FULL: &str = r#"
profile = "ops"
region = "eu-west-1"
timeout = 20
dns_server = "10.0.0.2"
concurrency = 8
lang = "ko"

[accounts."222222222222"]
profile = "prod-net"

[accounts."333333333333"]
role_arn = "arn:aws:iam::333333333333:role/VpceDoctorReadOnly"

[ports]
"com.amazonaws.us-east-1.execute-api" = [443]
"vpce-svc-0123456789abcdef0" = [8443, 9443]
"#;

    #[test]
    fn every_key_is_read_and_named_with_its_file() {
        let (_d, path) = write(FULL);
        let cfg = load(Some(&path), &env_of(&[])).unwrap();
        let eff = cfg.effective(&Flags::default(), &env_of(&[]));
        assert_eq!(eff.profile.as_deref(), Some("ops"));
        assert_eq!(eff.region.as_deref(), Some("eu-west-1"));
        assert_eq!((eff.timeout, eff.concurrency), (20, 8));
        assert_eq!(eff.dns_server.as_deref(), Some("10.0.0.2"));
        assert_eq!(eff.lang, "ko");
        assert_eq!(
            eff.accounts["333333333333"],
            AccountTarget::Role("arn:aws:iam::333333333333:role/VpceDoctorReadOnly".into())
        );
        assert_eq!(
            ports_for(
                &eff.ports,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
            ),
            Some(&vec![8443, 9443])
        );
        assert_eq!(
            ports_for(&eff.ports, "com.amazonaws.us-east-1.execute-api"),
            Some(&vec![443])
        );
        assert!(
            eff.settings
                .iter()
                .all(|s| s.origin == Origin::File(path.clone())),
            "{:?}",
            eff.settings
        );
    }

    #[test]
    fn flags_beat_the_environment_which_beats_the_file_which_beats_the_defaults() {
        let (_d, path) = write("profile = \"file\"\nregion = \"eu-west-1\"\ntimeout = 20\n");
        let cfg = load(Some(&path), &env_of(&[])).unwrap();
        let env = env_of(&[("AWS_PROFILE", "envp"), ("AWS_REGION", "us-west-2")]);
        let flags = Flags {
            timeout: Some(5),
            ..Flags::default()
        };
        let eff = cfg.effective(&flags, &env);
        let origin = |k: &str| {
            eff.settings
                .iter()
                .find(|s| s.key == k)
                .unwrap()
                .origin
                .clone()
        };
        assert_eq!(eff.timeout, 5);
        assert_eq!(origin("timeout"), Origin::Flag("--timeout".into()));
        assert_eq!(eff.profile.as_deref(), Some("envp"));
        assert_eq!(origin("profile"), Origin::Env("AWS_PROFILE".into()));
        // The SDK reads AWS_REGION itself.
        assert_eq!(eff.region, None);
        assert_eq!(origin("region"), Origin::Env("AWS_REGION".into()));
        assert_eq!(origin("concurrency"), Origin::Default);
        assert_eq!(eff.concurrency, DEFAULT_CONCURRENCY);
        let flags = Flags {
            profile: Some("flagp".into()),
            region: Some("ap-south-1".into()),
            ..Flags::default()
        };
        let eff = cfg.effective(&flags, &env);
        assert_eq!(eff.profile.as_deref(), Some("flagp"));
        assert_eq!(eff.region.as_deref(), Some("ap-south-1"));
        let eff = cfg.effective(&Flags::default(), &env_of(&[]));
        assert_eq!(eff.profile.as_deref(), Some("file"));
        assert_eq!(eff.region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn the_file_is_found_by_flag_then_environment_then_xdg_then_home() {
        let (dir, path) = write("lang = \"ko\"\n");
        let from_env = load(None, &env_of(&[("VPCE_DOCTOR_CONFIG", &path)])).unwrap();
        assert_eq!(
            from_env.path_origin,
            Origin::Env("VPCE_DOCTOR_CONFIG".into())
        );
        let xdg = dir.path().join("xdg");
        std::fs::create_dir_all(xdg.join("vpce-doctor")).unwrap();
        std::fs::write(xdg.join("vpce-doctor/config.toml"), "lang = \"ko\"\n").unwrap();
        let cfg = load(
            None,
            &env_of(&[
                ("XDG_CONFIG_HOME", xdg.to_str().unwrap()),
                ("HOME", "/nowhere"),
            ]),
        )
        .unwrap();
        assert_eq!(cfg.path, Some(xdg.join("vpce-doctor/config.toml")));
        // A missing default is no error; a missing named file is.
        let home = load(None, &env_of(&[("HOME", "/nowhere")])).unwrap();
        assert_eq!(home.path, None);
        assert_eq!(
            home.searched,
            Some(PathBuf::from("/nowhere/.config/vpce-doctor/config.toml"))
        );
        let e = load(Some("/nowhere/x.toml"), &env_of(&[])).unwrap_err();
        assert!(
            e.contains("/nowhere/x.toml") && e.contains("--config"),
            "{e}"
        );
        let e = load(None, &env_of(&[("VPCE_DOCTOR_CONFIG", "/nowhere/y.toml")])).unwrap_err();
        assert!(e.contains("VPCE_DOCTOR_CONFIG"), "{e}");
    }

    #[test]
    fn bad_keys_and_values_are_one_line_naming_file_key_and_what_is_accepted() {
        for (text, key, accepted) in [
            ("profle = \"x\"\n", "profle", "profile"),
            ("timeout = \"fast\"\n", "timeout", "u64"),
            ("timeout = 0\n", "timeout", "1 to 300"),
            ("concurrency = 9999\n", "concurrency", "1 to 512"),
            ("lang = \"fr\"\n", "lang", "en, ko"),
            ("region = \"mars-1\"\n", "region", "us-east-1"),
            ("dns_server = \"nope\"\n", "dns_server", "IP"),
            (
                "[accounts.\"12\"]\nprofile = \"x\"\n",
                "accounts.\"12\"",
                "12-digit",
            ),
            (
                "[accounts.\"222222222222\"]\n",
                "accounts.\"222222222222\"",
                "exactly one",
            ),
            (
                "[accounts.\"222222222222\"]\nrole_arn = \"x\"\n",
                "role_arn",
                "arn:aws:iam::222222222222:role/NAME",
            ),
            (
                "[accounts.\"222222222222\"]\nprofile = \"a\"\nrolearn = \"x\"\n",
                "rolearn",
                "role_arn",
            ),
            ("[ports]\nfoo = [443]\n", "ports.\"foo\"", "vpce-svc-"),
            (
                "[ports]\n\"vpce-svc-01234567\" = [0]\n",
                "vpce-svc-01234567",
                "1 to 65535",
            ),
            (
                "[ports]\n\"vpce-svc-01234567\" = [70000]\n",
                "vpce-svc-01234567",
                "u16",
            ),
            ("lang = \n", "lang", ""),
        ] {
            let (_d, path) = write(text);
            let e = load(Some(&path), &env_of(&[])).unwrap_err();
            assert!(
                e.starts_with(&format!("config file {path}")),
                "{text:?}: {e}"
            );
            assert!(e.contains(key), "{text:?} names {key}: {e}");
            assert!(e.contains(accepted), "{text:?} says {accepted}: {e}");
            assert!(!e.contains('\n'), "{text:?}: one line: {e}");
        }
    }

    #[test]
    fn the_config_command_shows_each_value_and_its_origin() {
        let (_d, path) = write(FULL);
        let cfg = load(Some(&path), &env_of(&[])).unwrap();
        let eff = cfg.effective(&Flags::default(), &env_of(&[("AWS_PROFILE", "envp")]));
        let text = render(&cfg, &eff, false);
        assert!(text.contains(&format!("{path} (flag --config)")), "{text}");
        let line = text.lines().find(|l| l.starts_with("profile")).unwrap();
        assert!(
            line.contains("envp") && line.ends_with("env AWS_PROFILE"),
            "{line}"
        );
        let line = text
            .lines()
            .find(|l| l.starts_with("accounts.\"222222222222\".profile"))
            .unwrap();
        assert!(line.contains("prod-net") && line.ends_with(&format!("file {path}")));
        let json: serde_json::Value = serde_json::from_str(&render(&cfg, &eff, true)).unwrap();
        let timeout = json["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == "timeout")
            .unwrap();
        assert_eq!(timeout["value"], "20");
        assert_eq!(timeout["origin"]["kind"], "file");
        assert_eq!(json["config_file"]["path"], path);
    }
}
