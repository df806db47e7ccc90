//! The composition root: options → facts → engine → report → exit code.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::checks::{CheckEvaluator, Ctx};
use crate::cli::{CatalogFormat, CheckArgs, Cli, Command, Format};
use crate::context::RunContext;
use crate::engine::Engine;
use crate::engine::catalog::Catalog;
use crate::engine::outcome::Account;
use crate::engine::state::RunState;
use crate::facts::Facts;
use crate::facts::aws::{AwsClients, ClientSettings, load_sdk_config};
use crate::facts::dns::{DnsClient, parse_server};
use crate::facts::snapshot::{SNAPSHOT_VERSION, Snapshot};
use crate::report::text::{TextOptions, render, render_catalog};
use crate::report::{Report, ReportContext, Timings};

/// Bad input: reported in one line, exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

pub async fn run(cli: Cli) -> Result<i32, InputError> {
    let catalog =
        Catalog::embedded().map_err(|e| InputError(format!("internal catalog is invalid: {e}")))?;
    match cli.command {
        Command::Checks { format } => {
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
        Command::Check(args) => check(*args, Arc::new(catalog)).await,
    }
}

struct Prepared {
    facts: Arc<Facts>,
    run: RunContext,
    provider_credentials: bool,
    dns_source: String,
    source: String,
}

async fn prepare_live(args: &CheckArgs) -> Result<Prepared, InputError> {
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
    let dns_source = dns.description.clone();
    let aws = AwsClients::new(&consumer, provider.as_ref(), region.clone(), 8);
    Ok(Prepared {
        facts: Arc::new(Facts::live(aws, dns)),
        run: RunContext {
            target: args.target.clone(),
            region,
            consumer_profile: args.profile.clone(),
            provider_profile: args.provider_profile.clone(),
            dns_server: args.dns_server.clone(),
            vantage: args.vantage,
            ports: args.ports.clone(),
            from: args.from.clone(),
            expect_action: args.expect_action.clone(),
            expect_resource: args.expect_resource.clone(),
        },
        provider_credentials: args.provider_profile.is_some(),
        dns_source,
        source: "live".into(),
    })
}

fn prepare_replay(args: &CheckArgs, path: &str) -> Result<Prepared, InputError> {
    let snap = Snapshot::load(path).map_err(|e| InputError(e.to_string()))?;
    if snap.context.target != args.target {
        return Err(InputError(format!(
            "snapshot {path} is a diagnosis of {}, not {}",
            snap.context.target, args.target
        )));
    }
    // The recorded setting, unless the user asks to judge the same facts differently.
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
    let provider_credentials = snap.provider_credentials;
    let dns_source = snap.dns_source.clone();
    Ok(Prepared {
        facts: Arc::new(Facts::replay(snap.into_facts())),
        run,
        provider_credentials,
        dns_source,
        source: format!("snapshot:{path}"),
    })
}

async fn check(args: CheckArgs, catalog: Arc<Catalog>) -> Result<i32, InputError> {
    let t0 = Instant::now();
    let prepared = match &args.from_snapshot {
        Some(path) => prepare_replay(&args, path)?,
        None => prepare_live(&args).await?,
    };
    let setup_ms = t0.elapsed().as_millis() as u64;
    let run = Arc::new(prepared.run);
    let facts = prepared.facts.clone();
    let ctx = Arc::new(Ctx {
        facts: facts.clone(),
        run: run.clone(),
        provider_credentials: prepared.provider_credentials,
    });

    let engine = Engine::new(catalog.clone());
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut state = RunState::new(&catalog);
    let t1 = Instant::now();
    // Who we are in each account is context for the report, fetched alongside the checks.
    let (_, consumer_id, provider_id) = tokio::join!(
        engine.run(Arc::new(CheckEvaluator { ctx: ctx.clone() }), tx),
        facts.caller_identity(Account::Consumer),
        async {
            if prepared.provider_credentials {
                facts.caller_identity(Account::Provider).await.ok()
            } else {
                None
            }
        }
    );
    while let Some(ev) = rx.recv().await {
        state.apply(&ev);
    }
    let checks_ms = t1.elapsed().as_millis() as u64;

    if let Some(path) = &args.save_snapshot {
        let snap = Snapshot {
            snapshot_version: SNAPSHOT_VERSION,
            tool: format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
            created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            context: (*run).clone(),
            dns_source: prepared.dns_source.clone(),
            provider_credentials: prepared.provider_credentials,
            facts: Snapshot::record(facts.recorded()),
        };
        snap.save(path).map_err(|e| InputError(e.to_string()))?;
    }

    let service_name = facts
        .endpoint(&run.target)
        .await
        .ok()
        .map(|e| e.service_name);
    let vantage = match (&run.dns_server, run.vantage) {
        (Some(s), _) => format!("as the VPC sees it, through {s}"),
        (None, v) => format!("{v:?}").to_lowercase(),
    };
    let context = ReportContext {
        region: run.region.clone(),
        service_name,
        consumer_account: consumer_id.ok().map(|i| i.account),
        provider_account: provider_id.map(|i| i.account),
        consumer_profile: run.consumer_profile.clone(),
        provider_profile: run.provider_profile.clone(),
        provider_credentials: prepared.provider_credentials,
        dns: prepared.dns_source.clone(),
        vantage,
        source: prepared.source.clone(),
    };
    let timings = Timings {
        setup_ms,
        checks_ms,
        total_ms: t0.elapsed().as_millis() as u64,
    };
    let report = Report::build(
        &state,
        &run.target,
        context,
        facts.stats.snapshot(),
        timings,
    );
    let text = match args.format {
        Format::Json => report.to_json(),
        Format::Text => {
            let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            render(
                &report,
                &TextOptions {
                    color: to_terminal && !no_color,
                    stats: args.stats,
                },
            )
        }
    };
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| InputError(format!("cannot write report {path}: {e}")))?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a backtrace.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        }
    }
    Ok(report.exit_code)
}
