//! The session layer, below every face: options resolved into plain types (no clap here),
//! the diagnosis `Session` (facts + setting), client set-up, input errors, and a run to the
//! end. The faces (`tui`, `headless`) and the composition root (`app`) build on it.

mod discovery;
pub mod filter;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use crate::checks::{CheckEvaluator, Ctx};
use crate::context::{ClientSource, RunContext, VantageChoice, parse_target};
use crate::engine::catalog::Catalog;
use crate::engine::outcome::Account;
use crate::engine::state::{CheckResult, RunContextInfo, RunState, TargetInfo};
use crate::engine::{Engine, EngineEvent};
use crate::facts::Facts;
use crate::facts::aws::{AwsClients, ClientSettings, load_sdk_config};
use crate::facts::dns::{DnsClient, parse_server};
use crate::facts::snapshot::Snapshot;
use crate::runbook::{self, Runbook};
use crate::target::{Asked, TargetKind};

pub use filter::EndpointFilter;

/// Bad input: reported in one line, exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

/// How to observe: accounts, region, clients, DNS, and what the user wants judged.
#[derive(Debug, Clone, Default)]
pub struct DiagOptions {
    pub profile: Option<String>,
    /// The consumer's account reached through this role, assumed from `profile`'s
    /// credentials (a row of an organisation scan opened in the interactive view). Fix
    /// commands then name no profile: there is none for an assumed role.
    pub role_arn: Option<String>,
    pub provider_profile: Option<String>,
    /// A role in the service owner's account, assumed from the caller's credentials
    /// (`profile`'s, never `role_arn`'s: a role chain is not what the caller set up).
    pub provider_role_arn: Option<String>,
    /// The config file's account map: account id → the profile or role that reaches it.
    pub accounts: std::collections::BTreeMap<String, crate::facts::aws::discover::AccountTarget>,
    /// The config file's clients' ports per service name or `vpce-svc-…` id.
    pub default_ports: std::collections::BTreeMap<String, Vec<u16>>,
    /// The config file read, as reasons name it.
    pub config_file: Option<String>,
    pub region: Option<String>,
    pub ports: Vec<u16>,
    pub from: Option<ClientSource>,
    pub dns_server: Option<String>,
    pub vantage: VantageChoice,
    pub expect_action: Option<String>,
    pub expect_resource: Option<String>,
    pub probe: bool,
    /// Seconds per API attempt, DNS query and TCP connect.
    pub timeout: u64,
    /// The clients' VPC, for targets that are not an endpoint id.
    pub vpc: Option<String>,
    /// How far back the traffic checks read metrics (`--window`; 0: the default).
    pub window_secs: u32,
}

/// Settings of the interactive view.
#[derive(Debug, Clone)]
pub struct UiOptions {
    pub watch_interval: u64,
    pub export_dir: String,
    pub log_file: Option<String>,
}

impl Default for UiOptions {
    /// What the command line defaults to (the view opened without a command).
    fn default() -> Self {
        UiOptions {
            watch_interval: 10,
            export_dir: ".".into(),
            log_file: None,
        }
    }
}

/// The embedded catalog, validated and held to the check registry: a catalog entry without
/// code (or code without an entry) stops the tool with the id named, never a silent
/// "no implementation" verdict later.
pub fn load_catalog() -> Result<Arc<Catalog>, InputError> {
    let catalog =
        Catalog::embedded().map_err(|e| InputError(format!("internal catalog is invalid: {e}")))?;
    let problems = crate::checks::registry_mismatches(&catalog);
    if !problems.is_empty() {
        return Err(InputError(format!(
            "internal check registry and catalog differ: {}",
            problems.join("; ")
        )));
    }
    Ok(Arc::new(catalog))
}

/// One diagnosis: where facts come from, and the setting they are judged in.
#[derive(Clone)]
pub struct Session {
    pub catalog: Arc<Catalog>,
    pub facts: Arc<Facts>,
    pub run: Arc<RunContext>,
    pub provider_credentials: bool,
    pub dns_source: String,
    /// `live`, or `snapshot:<file>`.
    pub source: String,
}

impl Session {
    /// Clients for both accounts and a resolver, set up like the AWS CLI would.
    pub async fn live(
        target: &str,
        args: &DiagOptions,
        catalog: Arc<Catalog>,
    ) -> Result<Session, InputError> {
        // An empty target is a session for many endpoints (the picker, scans, workloads):
        // each run names its own with `with_target`.
        let asked = match target {
            "" => None,
            t => Some(Asked::parse(t).map_err(InputError)?),
        };
        let (aws, dns, region) = live_clients(args).await?;
        let mut session = Self::over_clients(target, aws, dns, region, args, catalog);
        let mut run = (*session.run).clone();
        if let Some(asked) = asked.filter(|a| a.kind != TargetKind::Endpoint) {
            resolve_asked(
                &session.facts,
                &mut run,
                asked,
                session.provider_credentials,
            )
            .await;
        }
        if !session.provider_credentials && !run.target.is_empty() {
            session.provider_credentials =
                discovery::find_provider(&session.facts, &mut run, args).await;
        }
        discovery::default_ports(&session.facts, &mut run, args).await;
        session.run = Arc::new(run);
        Ok(session)
    }

    /// A session for many endpoints over clients already set up: `live`'s, or the
    /// organisation scan's, whose credentials are roles assumed in each account (there
    /// `args` names no profile, and `provider_credentials` says whether the services' owner
    /// has clients of its own).
    pub fn over_clients(
        target: &str,
        aws: AwsClients,
        dns: DnsClient,
        region: String,
        args: &DiagOptions,
        catalog: Arc<Catalog>,
    ) -> Session {
        // The clients hold the provider's credentials whenever a profile or role named them.
        let provider_credentials = aws.has_provider();
        let dns_source = dns.description.clone();
        let facts = Arc::new(Facts::live(aws, dns));
        let run = RunContext {
            target: target.to_string(),
            region,
            consumer_profile: args.profile.clone().filter(|_| args.role_arn.is_none()),
            provider_profile: args.provider_profile.clone(),
            provider_role_arn: args.provider_role_arn.clone(),
            provider_source: args
                .provider_role_arn
                .as_ref()
                .map(|arn| match args.role_arn {
                    // A row of an organisation scan: the scan's role in the owner's account.
                    Some(_) => {
                        format!("provider role {arn}: --role-name in the service owner's account")
                    }
                    None => format!("provider role {arn}: --provider-role-arn"),
                }),
            dns_server: args.dns_server.clone(),
            vantage: args.vantage,
            ports: args.ports.clone(),
            from: args.from.clone(),
            expect_action: args.expect_action.clone(),
            expect_resource: args.expect_resource.clone(),
            probe: args.probe,
            asked: None,
            vpc: args.vpc.clone(),
            resolved_via: None,
            window_secs: crate::context::window_or_default(args.window_secs),
            fleet: false,
        };
        Session {
            catalog,
            facts,
            run: Arc::new(run),
            provider_credentials,
            dns_source,
            source: "live".into(),
        }
    }

    /// A live session, or the replay of a snapshot of `target`.
    pub async fn open(
        target: &str,
        from_snapshot: Option<&str>,
        args: &DiagOptions,
        catalog: Arc<Catalog>,
    ) -> Result<Session, InputError> {
        match from_snapshot {
            Some(path) => Session::replay_file(path, target, args, catalog),
            None => Session::live(target, args, catalog).await,
        }
    }

    pub fn replay_file(
        path: &str,
        target: &str,
        args: &DiagOptions,
        catalog: Arc<Catalog>,
    ) -> Result<Session, InputError> {
        let snap = Snapshot::load(path).map_err(|e| InputError(e.to_string()))?;
        let asked = snap.context.asked_text();
        if asked != target && snap.context.target != target {
            return Err(InputError(crate::t!(
                "cli-input-snapshot-other-target",
                path = path,
                asked = asked,
                target = target
            )));
        }
        Ok(Self::replay(
            snap,
            args,
            format!("snapshot:{path}"),
            catalog,
        ))
    }

    /// The recorded setting, unless the user asks to judge the same facts differently.
    pub fn replay(
        snap: Snapshot,
        args: &DiagOptions,
        source: String,
        catalog: Arc<Catalog>,
    ) -> Session {
        let mut run = snap.context.clone();
        if !args.ports.is_empty() {
            run.ports = args.ports.clone();
        }
        if args.from.is_some() {
            run.from = args.from.clone();
        }
        if args.expect_action.is_some() {
            run.expect_action = args.expect_action.clone();
            run.expect_resource = args.expect_resource.clone();
        }
        if args.vantage != VantageChoice::Auto {
            run.vantage = args.vantage;
        }
        Session {
            catalog,
            provider_credentials: snap.provider_credentials,
            dns_source: snap.dns_source.clone(),
            facts: Arc::new(Facts::replay(snap.into_facts())),
            run: Arc::new(run),
            source,
        }
    }

    /// The same observations and settings, aimed at another endpoint (fleet scans share one
    /// memo of facts per region).
    pub fn with_target(&self, target: &str) -> Session {
        let mut run = (*self.run).clone();
        run.target = target.to_string();
        Session {
            catalog: self.catalog.clone(),
            facts: self.facts.clone(),
            run: Arc::new(run),
            provider_credentials: self.provider_credentials,
            dns_source: self.dns_source.clone(),
            source: self.source.clone(),
        }
    }

    /// The same session for the diagnoses of a fleet scan (`RunContext::fleet`).
    pub fn in_fleet(&self) -> Session {
        let mut session = self.clone();
        let mut run = (*self.run).clone();
        run.fleet = true;
        session.run = Arc::new(run);
        session
    }

    /// Start a run (all checks, or `only` with the `prior` results of the others) whose
    /// events go to `events`. `fresh` observes anew instead of reusing this session's facts.
    pub fn spawn(
        &self,
        only: Option<HashSet<String>>,
        prior: HashMap<String, CheckResult>,
        fresh: bool,
        events: UnboundedSender<EngineEvent>,
    ) -> JoinHandle<Arc<Facts>> {
        let facts = if fresh {
            Arc::new(self.facts.fresh())
        } else {
            self.facts.clone()
        };
        // A cross-region endpoint's provider side is asked in its service region, decided
        // by the endpoint's description on first use (nothing waits for it here).
        let ctx = Arc::new(Ctx {
            facts: Arc::new(facts.scoped_to(&self.run.target, &self.run.region)),
            run: self.run.clone(),
            provider_credentials: self.provider_credentials,
        });
        let engine = Engine::new(self.catalog.clone());
        if only.is_none() {
            let warm = ctx.clone();
            tokio::spawn(async move { crate::checks::warm(&warm).await });
        }
        tokio::spawn(async move {
            engine
                .run_plan(Arc::new(CheckEvaluator { ctx }), events, only, prior)
                .await;
            facts
        })
    }

    /// Fail early, in one line, when an account has no usable credentials (none configured,
    /// an expired SSO token, an unknown profile): every check would only say `unknown`.
    pub async fn preflight(&self) -> Result<(), InputError> {
        let mut accounts = vec![(Account::Consumer, self.run.consumer_profile.clone())];
        if self.provider_credentials {
            accounts.push((Account::Provider, self.run.provider_profile.clone()));
        }
        // Both accounts at once: the answers are remembered for the checks.
        futures_util::future::join_all(
            accounts
                .iter()
                .map(|(account, _)| self.facts.caller_identity(*account)),
        )
        .await;
        for (account, profile) in accounts {
            use crate::facts::FactError;
            let (reason, rejected) = match self.facts.caller_identity(account).await {
                // No credentials to sign with (none configured, an expired SSO token, a
                // failing credential_process).
                Err(FactError::Credentials { code, message, .. })
                    if !crate::facts::aws::REJECTED_CREDENTIALS.contains(&code.as_str()) =>
                {
                    let reason = message
                        .split("Attempted:")
                        .next()
                        .unwrap_or(&message)
                        .trim()
                        .trim_end_matches('.')
                        .to_string();
                    (reason, false)
                }
                // Credentials AWS no longer (or never did) accept.
                Err(FactError::Credentials { code, message, .. }) => {
                    (format!("{code}: {}", message.trim_end_matches('.')), true)
                }
                Err(
                    FactError::Service { code, message, .. }
                    | FactError::AccessDenied { code, message, .. },
                ) if code == "AuthFailure" => {
                    (format!("{code}: {}", message.trim_end_matches('.')), true)
                }
                _ => continue,
            };
            // Provider credentials not named by --provider-profile (a role, or a profile found
            // from the owner's account id) leave the consumer's side to judge: the provider
            // checks say unknown, naming what failed.
            if account == Account::Provider && self.run.provider_source.is_some() {
                let what = match (&self.run.provider_role_arn, &profile) {
                    (Some(arn), _) => format!(
                        "cannot assume the provider role {arn} (sts:AssumeRole) with the consumer's credentials"
                    ),
                    (None, Some(p)) => {
                        format!(
                            "the provider profile {p} found for the service owner does not work"
                        )
                    }
                    (None, None) => "the provider's credentials do not work".into(),
                };
                eprintln!(
                    "vpce-doctor: {}: {}; the provider checks say unknown",
                    crate::sanitize::terminal_safe(&what),
                    crate::sanitize::terminal_safe(&reason)
                );
                continue;
            }
            let kind = match &profile {
                Some(p) => crate::facts::aws::profile::profile_kind(Some(p)).await.1,
                None => crate::facts::aws::profile::ProfileKind::Missing,
            };
            use crate::facts::aws::profile::ProfileKind;
            let (who, hint) = match (&profile, kind) {
                (Some(p), ProfileKind::Sso) => {
                    (format!("profile {p}"), format!("run `aws sso login --profile {p}`"))
                }
                (Some(p), ProfileKind::Other) if rejected => (
                    format!("profile {p}"),
                    format!("refresh the credentials of profile {p}"),
                ),
                (Some(p), ProfileKind::Other) => (
                    format!("profile {p}"),
                    format!("refresh the credentials of profile {p} (or set them up in ~/.aws/config)"),
                ),
                (Some(p), ProfileKind::Missing) => (
                    format!("profile {p}"),
                    format!("run `aws sso login --profile {p}` if it is an SSO profile, or check that the profile exists in ~/.aws/config"),
                ),
                (None, _) => (
                    "the default credential chain".to_string(),
                    "pass --profile, set AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY".to_string(),
                ),
            };
            return Err(InputError(format!(
                "no usable AWS credentials for the {} account ({who}): {}; {hint}",
                account.as_str(),
                crate::sanitize::terminal_safe(&reason)
            )));
        }
        Ok(())
    }

    /// Who we are in each account (for headers and reports); `None` where unknown.
    pub async fn identities(&self) -> (Option<String>, Option<String>) {
        let consumer = self.facts.caller_identity(Account::Consumer);
        let provider = async {
            if self.provider_credentials {
                self.facts.caller_identity(Account::Provider).await.ok()
            } else {
                None
            }
        };
        let (c, p) = tokio::join!(consumer, provider);
        let (c, p) = (c.ok().map(|i| i.account), p.map(|i| i.account));
        // What each named profile reaches, for finding the provider's profile next time.
        if self.source == "live" {
            let named = [
                (&self.run.consumer_profile, &c),
                (&self.run.provider_profile, &p),
            ];
            for (profile, account) in named {
                if let (Some(profile), Some(account)) = (profile, account) {
                    crate::facts::aws::discover::remember_identity(profile, account);
                }
            }
        }
        (c, p)
    }

    /// The vantage as far as it is known without observing anything (the TUI's first frame).
    pub fn vantage_text(&self) -> String {
        match (&self.run.dns_server, self.run.vantage) {
            (Some(s), _) => crate::t!("session-vantage-through", server = s.to_string()),
            (None, VantageChoice::Auto) => crate::t!("session-vantage-detecting"),
            (None, v) => format!("{} (--vantage)", format!("{v:?}").to_lowercase()),
        }
    }

    /// Where the DNS and TCP answers of this run come from: the chosen resolver, or inside /
    /// outside the endpoint's VPC as the instance metadata says (or `--vantage`).
    pub async fn vantage_detected(&self) -> String {
        if let Some(server) = &self.run.dns_server {
            return crate::t!("session-vantage-through", server = server.to_string());
        }
        let Ok(ep) = self.facts.endpoint(&self.run.target).await else {
            return self.vantage_text().replace(
                &crate::t!("session-vantage-detecting"),
                &crate::t!("session-vantage-no-endpoint"),
            );
        };
        let ctx = Ctx {
            facts: self.facts.clone(),
            run: self.run.clone(),
            provider_credentials: self.provider_credentials,
        };
        match crate::checks::vantage(&ctx, &ep).await {
            Ok(v) => v.detail,
            Err(o) => crate::t!("session-vantage-unknown", reason = &o.summary),
        }
    }

    /// What is known of the run's setting before anything is observed (the first frame).
    pub fn context_now(&self) -> RunContextInfo {
        let asked = match &self.run.asked {
            Some(a) => TargetInfo {
                asked: a.text.clone(),
                kind: a.kind.as_str().into(),
                endpoint_id: Some(self.run.target.clone()).filter(|t| !t.is_empty()),
                path: self.run.resolved_via.clone(),
            },
            None => TargetInfo::endpoint(&self.run.target),
        };
        RunContextInfo {
            target: self.run.target.clone(),
            asked,
            region: self.run.region.clone(),
            service_name: None,
            service_region: None,
            consumer_account: None,
            provider_account: None,
            consumer_profile: self.run.consumer_profile.clone(),
            provider_profile: self.run.provider_profile.clone(),
            provider_credentials: self.provider_credentials,
            provider_source: self.run.provider_source.clone(),
            dns: self.dns_source.clone(),
            vantage: self.vantage_text(),
            source: self.source.clone(),
            window_secs: Some(crate::context::window_or_default(self.run.window_secs)),
        }
    }

    /// The setting once observed: the accounts, the service and where this machine is.
    /// Every answer comes from the session's memo, so it costs the checks nothing.
    pub async fn context_observed(&self) -> RunContextInfo {
        let ((consumer, provider), service, vantage) = tokio::join!(
            self.identities(),
            async {
                self.facts.endpoint(&self.run.target).await.ok().map(|e| {
                    let remote =
                        crate::facts::remote_region(e.service_region.as_deref(), &self.run.region);
                    // VPC Lattice endpoints have no service name: the header names what they
                    // reach instead.
                    let service = if crate::checks::is_lattice(&e) {
                        crate::checks::lattice_target(&e)
                    } else {
                        e.service_name
                    };
                    (service, remote)
                })
            },
            self.vantage_detected()
        );
        let (service_name, service_region) = service.unzip();
        RunContextInfo {
            service_name,
            service_region: service_region.flatten(),
            consumer_account: consumer,
            provider_account: provider,
            vantage,
            ..self.context_now()
        }
    }

    /// Send the run's context to `events` as it becomes known: what is known at once, then
    /// what is observed. The faces fold it into their `RunState` like any engine event.
    pub fn observe_context(&self, events: UnboundedSender<EngineEvent>) -> JoinHandle<()> {
        let _ = events.send(EngineEvent::Context(self.context_now()));
        let session = self.clone();
        tokio::spawn(async move {
            let _ = events.send(EngineEvent::Context(session.context_observed().await));
        })
    }

    /// Run the checks (all, or `only`) and observe the context, to the end.
    pub async fn run_to_end(&self, only: Option<HashSet<String>>) -> RunState {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut state = RunState::new(&self.catalog);
        let context = self.observe_context(tx.clone());
        let run = self.spawn(only, HashMap::new(), false, tx);
        while let Some(ev) = rx.recv().await {
            state.apply(&ev);
        }
        let _ = run.await;
        let _ = context.await;
        state
    }
}

/// Work out which endpoint serves what was asked, before anything runs: the run is then
/// that endpoint's diagnosis (no endpoint: `target` stays empty and `target.resolved` says
/// why). A URL's or address's port is the clients' port unless `--port` says otherwise.
async fn resolve_asked(
    facts: &Arc<Facts>,
    run: &mut RunContext,
    asked: Asked,
    provider_credentials: bool,
) {
    if run.ports.is_empty()
        && let Some(port) = asked.port
    {
        run.ports = vec![port];
    }
    let ctx = Ctx {
        facts: facts.clone(),
        run: Arc::new(run.clone()),
        provider_credentials,
    };
    let location = crate::checks::locate::locate(&ctx, &asked).await;
    // The checks read the chosen endpoint by id: the listing already answered for it.
    if let Some(id) = &location.endpoint_id
        && let Ok(all) = facts.endpoint_list().await
        && let Some(ep) = all.iter().find(|e| &e.id == id).cloned()
    {
        facts.seed(
            crate::facts::FactKey::Endpoint { id: id.clone() },
            crate::facts::FactValue::Endpoint(Box::new(ep)),
        );
    }
    run.target = location.endpoint_id.clone().unwrap_or_default();
    run.resolved_via = location.path_text();
    run.asked = Some(asked);
}

/// The resolver the command line asks for (`--dns-server`, else the system's).
pub fn dns_client(args: &DiagOptions) -> Result<DnsClient, InputError> {
    let timeout = Duration::from_secs(args.timeout);
    match &args.dns_server {
        Some(s) => {
            let addr = parse_server(s).map_err(InputError)?;
            DnsClient::server(addr, timeout)
        }
        None => DnsClient::system(timeout),
    }
    .map_err(|e| InputError(e.to_string()))
}

/// SDK clients and a resolver from the command line's account and DNS options.
pub async fn live_clients(
    args: &DiagOptions,
) -> Result<(AwsClients, DnsClient, String), InputError> {
    let timeout = Duration::from_secs(args.timeout);
    let consumer_settings = ClientSettings {
        profile: args.profile.clone(),
        region: args.region.clone(),
        attempt_timeout: timeout,
        max_attempts: 4,
    };
    let caller = load_sdk_config(&consumer_settings).await;
    let consumer = match &args.role_arn {
        Some(arn) => crate::facts::aws::assume_role_config(&caller, arn).await,
        None => caller.clone(),
    };
    let region = consumer
        .region()
        .map(ToString::to_string)
        .ok_or_else(|| InputError(crate::t!("cli-input-no-region")))?;
    let provider = match (&args.provider_profile, &args.provider_role_arn) {
        (Some(p), _) => Some(
            load_sdk_config(&ClientSettings {
                profile: Some(p.clone()),
                region: Some(region.clone()),
                ..consumer_settings.clone()
            })
            .await,
        ),
        (None, Some(arn)) => Some(crate::facts::aws::assume_role_config(&caller, arn).await),
        (None, None) => None,
    };
    let dns = dns_client(args)?;
    let (consumer_hint, provider_hint) = tokio::join!(
        async {
            match &args.role_arn {
                Some(arn) => discovery::role_hint(arn),
                None => crate::facts::aws::login_hint(args.profile.as_deref()).await,
            }
        },
        async {
            match (&args.provider_profile, &args.provider_role_arn) {
                (Some(p), _) => Some(crate::facts::aws::login_hint(Some(p)).await),
                (None, Some(arn)) => Some(discovery::role_hint(arn)),
                (None, None) => None,
            }
        }
    );
    let aws = AwsClients::new(&consumer, provider.as_ref(), 8)
        .with_login_hints(consumer_hint, provider_hint);
    Ok((aws, dns, region))
}

/// The runbook and endpoint a `runbook` command names: `NAME TARGET` (a shipped runbook), or
/// `TARGET` with `file`.
pub fn choose_runbook(
    file: Option<&str>,
    args: &[String],
    catalog: &Catalog,
) -> Result<(Runbook, String), InputError> {
    let shipped = runbook::shipped(catalog).map_err(|e| InputError(e.to_string()))?;
    let (book, target) = match (file, args) {
        (Some(file), [target]) => (
            runbook::load_file(file, catalog).map_err(|e| InputError(e.to_string()))?,
            target.clone(),
        ),
        (Some(_), _) => return Err(InputError(crate::t!("cli-input-runbook-file-target"))),
        (None, [name, target]) => {
            let book = shipped
                .into_iter()
                .find(|r| &r.name == name)
                .ok_or_else(|| {
                    InputError(crate::t!(
                        "cli-input-unknown-runbook",
                        name = format!("{name:?}"),
                        names = runbook::EMBEDDED
                            .iter()
                            .map(|(f, _)| f.trim_end_matches(".toml"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
            (book, target.clone())
        }
        (None, _) => return Err(InputError(crate::t!("cli-input-runbook-args"))),
    };
    let target = parse_target(&target).map_err(InputError)?;
    Ok((book, target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_run_context_is_folded_into_the_run_state() {
        let catalog = Arc::new(Catalog::embedded().expect("catalog"));
        let scenario = crate::demo::find("healthy").expect("scenario");
        let session = crate::demo::session(scenario, catalog).expect("scenario parses");
        let before = session.context_now();
        assert_eq!(before.service_name, None);
        let state = session.run_to_end(None).await;
        let context = &state.context;
        assert_eq!(context.target, session.run.target);
        assert_eq!(context.source, "demo:healthy");
        assert_eq!(context.dns, session.dns_source);
        // What only observing tells: the service and the accounts.
        assert!(context.service_name.is_some(), "{context:?}");
        assert!(context.consumer_account.is_some(), "{context:?}");
        assert!(context.provider_account.is_some(), "{context:?}");
        assert_eq!(before.consumer_account, None);
    }
}
