//! The composition root: options → a diagnosis session (facts + context) → engine → a face
//! (headless report or TUI) → exit code.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use crate::checks::{CheckEvaluator, Ctx};
use crate::cli::{CatalogFormat, CheckArgs, Cli, Command, DiagArgs, Format, ReportArgs};
use crate::context::{RunContext, VantageChoice};
use crate::engine::catalog::Catalog;
use crate::engine::outcome::Account;
use crate::engine::state::{CheckResult, RunState};
use crate::engine::{Engine, EngineEvent};
use crate::facts::Facts;
use crate::facts::aws::{AwsClients, ClientSettings, load_sdk_config};
use crate::facts::dns::{DnsClient, parse_server};
use crate::facts::snapshot::{SNAPSHOT_VERSION, Snapshot};
use crate::report::text::render_catalog;
use crate::report::{Report, ReportContext, Timings};
use std::path::Path;

/// Bad input: reported in one line, exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

pub async fn run(cli: Cli) -> Result<i32, InputError> {
    let catalog = Arc::new(
        Catalog::embedded().map_err(|e| InputError(format!("internal catalog is invalid: {e}")))?,
    );
    match cli.command {
        None => {
            if !std::io::stdout().is_terminal() {
                return Err(InputError(
                    "no command: on a terminal this opens the endpoint picker; otherwise use `vpce-doctor check TARGET` (see --help)".into(),
                ));
            }
            crate::tui::run_picker(DiagArgs::default(), default_ui(), catalog).await
        }
        Some(Command::Checks { format }) => {
            match format {
                CatalogFormat::Text => print!("{}", render_catalog(&catalog)),
                CatalogFormat::Json => {
                    let list: Vec<serde_json::Value> = catalog
                        .checks()
                        .iter()
                        .map(|c| {
                            serde_json::json!({
                                "id": c.id, "title": c.title, "account": c.account,
                                "needs": c.needs, "docs": c.docs, "explanation": c.explanation.trim(),
                            })
                        })
                        .collect();
                    println!("{}", serde_json::to_string_pretty(&list).expect("json"));
                }
            }
            Ok(0)
        }
        Some(Command::Check(args)) => check(*args, catalog).await,
        Some(Command::IamPolicy { consumer, provider }) => {
            use crate::facts::aws::iam_policy;
            let value = match (consumer, provider) {
                (true, _) => iam_policy(Account::Consumer),
                (_, true) => iam_policy(Account::Provider),
                _ => serde_json::json!({
                    "consumer": iam_policy(Account::Consumer),
                    "provider": iam_policy(Account::Provider),
                }),
            };
            println!("{}", serde_json::to_string_pretty(&value).expect("json"));
            Ok(0)
        }
        Some(Command::Tui(args)) => {
            let args = *args;
            match (&args.target, &args.from_snapshot) {
                (Some(target), Some(path)) => {
                    let session = Session::replay_file(path, target, &args.diag, catalog)?;
                    crate::tui::run_session(session, args.ui).await
                }
                (Some(target), None) => {
                    let session = Session::live(target, &args.diag, catalog).await?;
                    crate::tui::run_session(session, args.ui).await
                }
                (None, _) => crate::tui::run_picker(args.diag, args.ui, catalog).await,
            }
        }
        Some(Command::Demo(args)) => crate::tui::run_demo(args, catalog).await,
        Some(Command::Runbook(args)) => run_runbook(*args, catalog).await,
        Some(Command::Scan(args)) => scan(*args, catalog).await,
    }
}

fn default_ui() -> crate::cli::UiArgs {
    crate::cli::UiArgs {
        watch_interval: 10,
        export_dir: ".".into(),
        log_file: None,
    }
}

/// One diagnosis: where facts come from, and the setting they are judged in.
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
        args: &DiagArgs,
        catalog: Arc<Catalog>,
    ) -> Result<Session, InputError> {
        let (aws, dns, region) = live_clients(args).await?;
        let dns_source = dns.description.clone();
        Ok(Session {
            catalog,
            facts: Arc::new(Facts::live(aws, dns)),
            run: Arc::new(RunContext {
                target: target.to_string(),
                region,
                consumer_profile: args.profile.clone(),
                provider_profile: args.provider_profile.clone(),
                dns_server: args.dns_server.clone(),
                vantage: args.vantage,
                ports: args.ports.clone(),
                from: args.from.clone(),
                expect_action: args.expect_action.clone(),
                expect_resource: args.expect_resource.clone(),
                probe: args.probe,
            }),
            provider_credentials: args.provider_profile.is_some(),
            dns_source,
            source: "live".into(),
        })
    }

    pub fn replay_file(
        path: &str,
        target: &str,
        args: &DiagArgs,
        catalog: Arc<Catalog>,
    ) -> Result<Session, InputError> {
        let snap = Snapshot::load(path).map_err(|e| InputError(e.to_string()))?;
        if snap.context.target != target {
            return Err(InputError(format!(
                "snapshot {path} is a diagnosis of {}, not {target}",
                snap.context.target
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
        args: &DiagArgs,
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
        let ctx = Arc::new(Ctx {
            facts: facts.clone(),
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
        // What AWS answers to credentials it no longer (or never did) accept.
        const REJECTED: &[&str] = &[
            "ExpiredToken",
            "ExpiredTokenException",
            "RequestExpired",
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "AuthFailure",
        ];
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
                Err(FactError::Transport { message, .. }) => {
                    let lower = message.to_lowercase();
                    if !(lower.contains("credential")
                        || lower.contains("sso")
                        || lower.contains("token"))
                    {
                        continue;
                    }
                    let reason = message
                        .split("Attempted:")
                        .next()
                        .unwrap_or(&message)
                        .trim_start_matches("GetCallerIdentity failed: ")
                        .trim()
                        .trim_end_matches('.')
                        .to_string();
                    (reason, false)
                }
                Err(
                    FactError::Service { code, message, .. }
                    | FactError::AccessDenied { code, message, .. },
                ) if REJECTED.contains(&code.as_str()) => {
                    (format!("{code}: {}", message.trim_end_matches('.')), true)
                }
                _ => continue,
            };
            let (who, hint) = match &profile {
                Some(p) if rejected => (
                    format!("profile {p}"),
                    format!("run `aws sso login --profile {p}` if it is an SSO profile, or renew the profile's credentials"),
                ),
                Some(p) => (
                    format!("profile {p}"),
                    format!("run `aws sso login --profile {p}` if it is an SSO profile, or check that the profile exists in ~/.aws/config"),
                ),
                None => (
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
        (c.ok().map(|i| i.account), p.map(|i| i.account))
    }

    /// The vantage as far as it is known without observing anything (the TUI's first frame).
    pub fn vantage_text(&self) -> String {
        match (&self.run.dns_server, self.run.vantage) {
            (Some(s), _) => format!("as the VPC sees it, through {s}"),
            (None, VantageChoice::Auto) => "detecting…".into(),
            (None, v) => format!("{} (--vantage)", format!("{v:?}").to_lowercase()),
        }
    }

    /// Where the DNS and TCP answers of this run come from: the chosen resolver, or inside /
    /// outside the endpoint's VPC as the instance metadata says (or `--vantage`).
    pub async fn vantage_detected(&self) -> String {
        if let Some(server) = &self.run.dns_server {
            return format!("as the VPC sees it, through {server}");
        }
        let Ok(ep) = self.facts.endpoint(&self.run.target).await else {
            return self
                .vantage_text()
                .replace("detecting…", "unknown (no endpoint)");
        };
        let ctx = Ctx {
            facts: self.facts.clone(),
            run: self.run.clone(),
            provider_credentials: self.provider_credentials,
        };
        match crate::checks::vantage(&ctx, &ep).await {
            Ok(v) => v.detail,
            Err(o) => format!("unknown: {}", o.summary),
        }
    }

    /// The report's context from what is known of the run: the service name and the
    /// accounts (the faces learn them as the run goes).
    pub fn context_with(
        &self,
        service_name: Option<String>,
        consumer: Option<String>,
        provider: Option<String>,
    ) -> ReportContext {
        ReportContext {
            region: self.run.region.clone(),
            service_name,
            consumer_account: consumer,
            provider_account: provider,
            consumer_profile: self.run.consumer_profile.clone(),
            provider_profile: self.run.provider_profile.clone(),
            provider_credentials: self.provider_credentials,
            dns: self.dns_source.clone(),
            vantage: self.vantage_text(),
            source: self.source.clone(),
        }
    }

    pub async fn report_context(
        &self,
        consumer: Option<String>,
        provider: Option<String>,
    ) -> ReportContext {
        let service = self
            .facts
            .endpoint(&self.run.target)
            .await
            .ok()
            .map(|e| e.service_name);
        let mut context = self.context_with(service, consumer, provider);
        context.vantage = self.vantage_detected().await;
        context
    }
}

/// SDK clients and a resolver from the command line's account and DNS options.
pub async fn live_clients(args: &DiagArgs) -> Result<(AwsClients, DnsClient, String), InputError> {
    let timeout = Duration::from_secs(args.timeout);
    let consumer_settings = ClientSettings {
        profile: args.profile.clone(),
        region: args.region.clone(),
        attempt_timeout: timeout,
        max_attempts: 4,
    };
    let consumer = load_sdk_config(&consumer_settings).await;
    let region = consumer.region().map(|r| r.to_string()).ok_or_else(|| {
        InputError(
            "no AWS region: pass --region, set AWS_REGION, or set region in the profile".into(),
        )
    })?;
    let provider = match &args.provider_profile {
        Some(p) => Some(
            load_sdk_config(&ClientSettings {
                profile: Some(p.clone()),
                region: Some(region.clone()),
                ..consumer_settings.clone()
            })
            .await,
        ),
        None => None,
    };
    let dns = match &args.dns_server {
        Some(s) => {
            let addr = parse_server(s).map_err(InputError)?;
            DnsClient::server(addr, timeout)
        }
        None => DnsClient::system(timeout),
    }
    .map_err(|e| InputError(e.to_string()))?;
    let aws = AwsClients::new(&consumer, provider.as_ref(), 8);
    Ok((aws, dns, region))
}

/// Which formats to write: `--format`, else the `--output` file's extension, else text.
fn formats(args: &ReportArgs) -> Result<Vec<Format>, InputError> {
    let (output, output_dir) = (&args.output, &args.output_dir);
    let mut formats = args.format.clone();
    formats.dedup();
    if formats.is_empty() {
        formats.push(match output {
            Some(path) => Format::from_path(path).ok_or_else(|| {
                InputError(format!(
                    "cannot tell the format of --output {path}: use a .json, .md, .html, .xml or .txt name, or pass --format"
                ))
            })?,
            None => Format::Text,
        });
    }
    if formats.len() > 1 && output_dir.is_none() {
        return Err(InputError(
            "several --format values need --output-dir DIR (one file per format)".into(),
        ));
    }
    if let Some(dir) = output_dir
        && !Path::new(dir).is_dir()
    {
        return Err(InputError(format!("--output-dir {dir} is not a directory")));
    }
    Ok(formats)
}

/// Write the report in each format: into `output_dir` as `<stem>.<ext>`, to `output`, or to
/// standard output (in color on a terminal, for text).
fn write_outputs(
    formats: &[Format],
    args: &ReportArgs,
    stem: &str,
    render: impl Fn(Format, bool) -> String,
) -> Result<(), InputError> {
    let (output, output_dir) = (&args.output, &args.output_dir);
    match (output, output_dir) {
        (_, Some(dir)) => {
            for format in formats {
                let path = Path::new(dir).join(format!("{stem}.{}", format.extension()));
                std::fs::write(&path, render(*format, false)).map_err(|e| {
                    InputError(format!("cannot write report {}: {e}", path.display()))
                })?;
            }
        }
        (Some(path), None) => std::fs::write(path, render(formats[0], false))
            .map_err(|e| InputError(format!("cannot write report {path}: {e}")))?,
        (None, None) => {
            use std::io::Write;
            let color =
                formats[0] == Format::Text && std::io::stdout().is_terminal() && !no_color();
            let text = render(formats[0], color);
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a backtrace.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        }
    }
    Ok(())
}

async fn check(args: CheckArgs, catalog: Arc<Catalog>) -> Result<i32, InputError> {
    let formats = formats(&args.report)?;
    let t0 = Instant::now();
    let session = match &args.from_snapshot {
        Some(path) => Session::replay_file(path, &args.target, &args.diag, catalog.clone())?,
        None => Session::live(&args.target, &args.diag, catalog.clone()).await?,
    };
    let setup_ms = t0.elapsed().as_millis() as u64;

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut state = RunState::new(&catalog);
    let t1 = Instant::now();
    // The checks start at once; the credentials are judged alongside (one round trip, not
    // one in front of every chain), and a run on unusable credentials is dropped.
    let run = session.spawn(None, HashMap::new(), false, tx);
    if args.from_snapshot.is_none()
        && let Err(e) = session.preflight().await
    {
        run.abort();
        return Err(e);
    }
    // Who we are in each account is context for the report, fetched alongside the checks.
    let (consumer, provider) = session.identities().await;
    while let Some(ev) = rx.recv().await {
        state.apply(&ev);
    }
    let _ = run.await;
    let checks_ms = t1.elapsed().as_millis() as u64;

    if let Some(path) = &args.save_snapshot {
        let snap = Snapshot {
            snapshot_version: SNAPSHOT_VERSION,
            tool: format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
            created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            context: (*session.run).clone(),
            dns_source: session.dns_source.clone(),
            provider_credentials: session.provider_credentials,
            facts: Snapshot::record(session.facts.recorded()),
        };
        snap.save(path).map_err(|e| InputError(e.to_string()))?;
    }

    let context = session.report_context(consumer, provider).await;
    let timings = Timings {
        setup_ms,
        checks_ms,
        total_ms: t0.elapsed().as_millis() as u64,
    };
    let mut report = Report::build(
        &state,
        &session.run.target,
        context,
        session.facts.stats.snapshot(),
        timings,
    );
    if args.redact {
        report = crate::report::redact::redact(&report);
    }
    write_outputs(
        &formats,
        &args.report,
        &format!("vpce-doctor-{}", session.run.target),
        |format, color| format.render(&report, color, args.report.stats),
    )?;
    Ok(report.exit_code)
}

async fn run_runbook(
    args: crate::cli::RunbookArgs,
    catalog: Arc<Catalog>,
) -> Result<i32, InputError> {
    use crate::runbook;
    let shipped = runbook::shipped(&catalog).map_err(|e| InputError(e.to_string()))?;
    if args.list {
        for r in &shipped {
            println!("{:<22} {} ({} steps)", r.name, r.title, r.steps.len());
        }
        return Ok(0);
    }
    let (book, target) = match (&args.runbook, args.args.as_slice()) {
        (Some(file), [target]) => (runbook::load_file(file, &catalog).map_err(|e| InputError(e.to_string()))?, target.clone()),
        (Some(_), _) => return Err(InputError("with --runbook FILE give only the TARGET endpoint id".into())),
        (None, [name, target]) => {
            let book = shipped.into_iter().find(|r| &r.name == name).ok_or_else(|| {
                InputError(format!(
                    "unknown runbook {name:?}: expected one of {} (or --runbook FILE)",
                    runbook::EMBEDDED.iter().map(|(f, _)| f.trim_end_matches(".toml")).collect::<Vec<_>>().join(", ")
                ))
            })?;
            (book, target.clone())
        }
        (None, _) => return Err(InputError("expected NAME TARGET, e.g. `vpce-doctor runbook endpoint-unreachable vpce-0123456789abcdef0` (see --list)".into())),
    };
    let target = crate::cli::parse_target(&target).map_err(InputError)?;
    let session = match &args.from_snapshot {
        Some(path) => Session::replay_file(path, &target, &args.diag, catalog.clone())?,
        None => Session::live(&target, &args.diag, catalog.clone()).await?,
    };
    let Some(format) = args.format else {
        return crate::tui::run_runbook(session, book, args.ui).await;
    };
    if args.from_snapshot.is_none() {
        session.preflight().await?;
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut state = RunState::new(&catalog);
    let run = session.spawn(None, HashMap::new(), false, tx);
    let (consumer, provider) = session.identities().await;
    while let Some(ev) = rx.recv().await {
        state.apply(&ev);
    }
    let _ = run.await;
    let at = chrono::Local::now().format("%H:%M:%S").to_string();
    let walked = runbook::walk(book, &state, &at);
    let context = session.report_context(consumer, provider).await;
    let transcript = runbook::transcript::Transcript::build(&walked, &session.run.target, context);
    let text = match format {
        crate::cli::TranscriptFormat::Markdown => transcript.to_markdown(),
        crate::cli::TranscriptFormat::Json => transcript.to_json(),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| InputError(format!("cannot write {path}: {e}")))?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        }
    }
    Ok(walked.exit_code())
}

/// `NO_COLOR` set to anything but the empty string.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

async fn scan(args: crate::cli::ScanArgs, catalog: Arc<Catalog>) -> Result<i32, InputError> {
    use crate::scan::{FleetScope, RegionPlan, fleet_report, render, scan_region};
    let t0 = Instant::now();
    let formats = formats(&args.report)?;
    crate::scan::check_regions(&args.regions)?;
    // With --service the owner's account is the one scanned.
    let profile = match &args.service {
        Some(_) => args.provider_profile.clone().or(args.profile.clone()),
        None => args.profile.clone(),
    };
    let diag = |region: Option<String>| DiagArgs {
        profile: profile.clone(),
        provider_profile: args.provider_profile.clone(),
        region,
        ports: args.ports.clone(),
        from: None,
        dns_server: args.dns_server.clone(),
        vantage: args.vantage,
        expect_action: None,
        expect_resource: None,
        probe: false,
        timeout: args.timeout,
    };
    let mut regions: Vec<Option<String>> = args.regions.iter().cloned().map(Some).collect();
    if regions.is_empty() {
        regions.push(None);
    }
    // Every region set up and its credentials judged at once.
    let mut sessions = Vec::new();
    for result in futures_util::future::join_all(regions.into_iter().map(|region| {
        let (args, catalog) = (diag(region), catalog.clone());
        async move {
            let session = Session::live("", &args, catalog).await?;
            session.preflight().await?;
            Ok::<_, InputError>(session)
        }
    }))
    .await
    {
        sessions.push(result?);
    }
    if args.all_regions {
        let listed = sessions[0]
            .facts
            .regions()
            .await
            .map_err(|e| InputError(format!("cannot list the regions: {e}")))?;
        sessions.clear();
        for result in futures_util::future::join_all(listed.into_iter().map(|region| {
            let (args, catalog) = (diag(Some(region)), catalog.clone());
            async move { Session::live("", &args, catalog).await }
        }))
        .await
        {
            sessions.push(result?);
        }
    }
    let scope = FleetScope {
        side: if args.service.is_some() {
            "provider"
        } else {
            "consumer"
        }
        .into(),
        regions: sessions.iter().map(|s| s.run.region.clone()).collect(),
        filters: args.filters.iter().map(|f| f.to_string()).collect(),
        service: args.service.clone(),
    };
    let plans: Vec<RegionPlan> = sessions
        .into_iter()
        .map(|session| RegionPlan {
            region: session.run.region.clone(),
            session,
            filters: args.filters.clone(),
            service: args.service.clone(),
            concurrency: args.concurrency as usize,
            progress: None,
        })
        .collect();
    let stats_sources: Vec<Arc<crate::facts::Facts>> =
        plans.iter().map(|p| p.session.facts.clone()).collect();
    let results = futures_util::future::join_all(plans.into_iter().map(scan_region)).await;
    let mut outcomes = Vec::new();
    let mut entries = Vec::new();
    for (outcome, mut e) in results {
        outcomes.push(outcome);
        entries.append(&mut e);
    }
    let stats = stats_sources.iter().map(|f| f.stats.snapshot()).collect();
    let report = fleet_report(
        scope,
        outcomes,
        entries,
        stats,
        t0.elapsed().as_millis() as u64,
    );
    write_outputs(
        &formats,
        &args.report,
        "vpce-doctor-scan",
        |format, color| render::render(&report, format, color, args.report.stats),
    )?;
    Ok(report.summary.exit_code)
}
