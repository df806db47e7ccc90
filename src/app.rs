//! The composition root: clap's command line → plain options → a face (`headless` or
//! `tui`) over a `session`. Nothing below this module sees a clap type.

use std::io::IsTerminal;
use std::sync::Arc;

use crate::cli::{
    CatalogFormat, CheckArgs, Cli, Command, ConfigArgs, DiagArgs, ReportArgs, RunbookArgs,
    ScanArgs, TranscriptFormat, UiArgs, WorkloadArgs,
};
use crate::config::{ConfigFile, Effective, Flags};
use crate::engine::catalog::Catalog;
use crate::headless::{
    self, CheckOptions, ReportOptions, RunbookOptions, ScanOptions, WorkloadOptions,
};
use crate::session::{self, DiagOptions, InputError, Session, UiOptions};

pub async fn run(cli: Cli) -> Result<i32, InputError> {
    crate::color::set_choice(cli.color.into());
    let file =
        crate::config::load(cli.config.as_deref(), &crate::config::real_env).map_err(InputError)?;
    // The language is settled before anything is read or written in it (the catalog too).
    let lang_flag = cli
        .lang
        .map(|l| crate::i18n::Lang::from(l).code().to_string());
    let lang = file
        .effective(
            &Flags {
                lang: lang_flag.clone(),
                ..Flags::default()
            },
            &crate::config::real_env,
        )
        .lang;
    crate::i18n::set(crate::i18n::Lang::parse(&lang).unwrap_or_default());
    let catalog = session::load_catalog()?;
    match cli.command {
        None => {
            if !std::io::stdout().is_terminal() {
                return Err(InputError(crate::t!("cli-input-no-command")));
            }
            let diag = diag_options(&DiagArgs::default(), &file);
            crate::tui::run_picker(diag, UiOptions::default(), catalog).await
        }
        Some(Command::Config(args)) => show_config(&args, &file, lang_flag),
        Some(Command::Checks { format }) => {
            headless::list_checks(&catalog, format == CatalogFormat::Json)
        }
        Some(Command::Check(args)) => headless::check(check_options(*args, &file), catalog).await,
        Some(Command::PolicyTest(args)) => policy_test(*args, catalog, &file).await,
        Some(Command::IamPolicy {
            consumer,
            provider,
            org,
            role_name,
            provider_role_arn,
        }) => headless::iam_policy(
            consumer,
            provider,
            org,
            role_name.as_deref(),
            provider_role_arn.as_deref(),
        ),
        Some(Command::Tui(args)) => {
            let (diag, ui) = (diag_options(&args.diag, &file), ui_options(&args.ui));
            match &args.target {
                Some(target) => {
                    let session =
                        Session::open(target, args.from_snapshot.as_deref(), &diag, catalog)
                            .await?;
                    crate::tui::run_session(session, ui).await
                }
                None => crate::tui::run_picker(diag, ui, catalog).await,
            }
        }
        Some(Command::Demo(args)) => {
            crate::tui::run_demo(args.scenario, args.list, ui_options(&args.ui), catalog).await
        }
        Some(Command::Runbook(args)) => runbook(*args, catalog, &file).await,
        Some(Command::Scan(args)) => {
            let tui = args.tui.then(|| ui_options(&args.ui));
            let options = scan_options(*args, &file);
            match tui {
                Some(ui) => scan_tui(options, ui, catalog).await,
                None => headless::scan(options, catalog).await,
            }
        }
        Some(Command::Workload(args)) => workload(*args, catalog, &file).await,
        Some(Command::Completions { shell }) => {
            print_bytes(&crate::cli_docs::completions(shell));
            Ok(0)
        }
        Some(Command::Man { dir: None }) => {
            print_bytes(&crate::cli_docs::man_page());
            Ok(0)
        }
        Some(Command::Man { dir: Some(dir) }) => {
            let written =
                crate::cli_docs::write_man_pages(std::path::Path::new(&dir)).map_err(|e| {
                    InputError(crate::t!(
                        "cli-input-man-dir",
                        dir = &dir,
                        error = e.to_string()
                    ))
                })?;
            let list: String = written
                .iter()
                .map(|p| format!("{}\n", p.display()))
                .collect();
            print_bytes(list.as_bytes());
            Ok(0)
        }
    }
}

/// A closed pipe (`| head`) is not an error worth a backtrace.
fn print_bytes(bytes: &[u8]) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes);
    let _ = out.flush();
}

/// `scan --tui`: the fleet scanned, then its rows in the picker, each opened live with its
/// account's credentials. Exits as the scan would have.
async fn scan_tui(
    options: ScanOptions,
    ui: UiOptions,
    catalog: Arc<Catalog>,
) -> Result<i32, InputError> {
    // Refused before a long scan, not after it.
    crate::tui::require_terminal()?;
    eprintln!("scanning… (the picker opens when every endpoint is diagnosed)");
    let (report, rows) = headless::scan_rows(&options, catalog.clone()).await?;
    crate::tui::run_fleet(report, rows, ui, catalog).await
}

/// `vpce-doctor config`: the effective settings and where each came from.
fn show_config(
    args: &ConfigArgs,
    file: &ConfigFile,
    lang_flag: Option<String>,
) -> Result<i32, InputError> {
    let effective = file.effective(
        &Flags {
            profile: args.profile.clone(),
            region: args.region.clone(),
            timeout: args.timeout,
            dns_server: args.dns_server.clone(),
            concurrency: args.concurrency,
            lang: lang_flag,
        },
        &crate::config::real_env,
    );
    print!(
        "{}",
        crate::config::render(file, &effective, args.format == CatalogFormat::Json)
    );
    Ok(0)
}

/// The config file's account map and ports, for a session's options.
fn with_file(mut diag: DiagOptions, effective: &Effective) -> DiagOptions {
    diag.accounts = effective.accounts.clone();
    diag.default_ports = effective.ports.clone();
    diag.config_file = effective.file.clone();
    diag
}

async fn workload(
    args: WorkloadArgs,
    catalog: Arc<Catalog>,
    file: &ConfigFile,
) -> Result<i32, InputError> {
    let profile = crate::workload::find(&args.workload).map_err(InputError)?;
    let effective = file.effective(
        &Flags {
            profile: args.aws_profile,
            region: args.region,
            timeout: args.timeout,
            dns_server: args.dns_server,
            concurrency: None,
            lang: None,
        },
        &crate::config::real_env,
    );
    let options = WorkloadOptions {
        profile,
        vpc: args.vpc,
        subnets: args.subnets,
        diag: with_file(
            DiagOptions {
                profile: effective.profile.clone(),
                region: effective.region.clone(),
                dns_server: effective.dns_server.clone(),
                vantage: args.vantage.into(),
                timeout: effective.timeout,
                ..DiagOptions::default()
            },
            &effective,
        ),
        report: report_options(args.report),
    };
    if args.tui {
        let (report, diag) = headless::workload_report(&options, catalog.clone()).await?;
        return crate::tui::run_workload(report, diag, ui_options(&args.ui), catalog).await;
    }
    headless::workload(options, catalog).await
}

async fn policy_test(
    args: crate::cli::PolicyTestArgs,
    catalog: Arc<Catalog>,
    file: &ConfigFile,
) -> Result<i32, InputError> {
    let effective = file.effective(
        &Flags {
            profile: args.aws_profile,
            region: args.region,
            timeout: args.timeout,
            ..Flags::default()
        },
        &crate::config::real_env,
    );
    let options = headless::policy_test::PolicyTestOptions {
        endpoint: args.endpoint,
        action: args.action,
        resource: args.resource,
        endpoint_policy: args.endpoint_policy,
        bucket_policy: args.bucket_policy,
        principal: args.principal,
        context: args.context,
        vpc: args.vpc,
        account: args.account,
        diag: with_file(
            DiagOptions {
                profile: effective.profile.clone(),
                region: effective.region.clone(),
                timeout: effective.timeout,
                ..DiagOptions::default()
            },
            &effective,
        ),
        json: args.format == crate::cli::CatalogFormat::Json,
    };
    headless::policy_test::run(options, catalog).await
}

async fn runbook(
    args: RunbookArgs,
    catalog: Arc<Catalog>,
    file: &ConfigFile,
) -> Result<i32, InputError> {
    if args.list {
        return headless::list_runbooks(&catalog);
    }
    let (book, target) = session::choose_runbook(args.runbook.as_deref(), &args.args, &catalog)?;
    let diag = diag_options(&args.diag, file);
    let session = Session::open(&target, args.from_snapshot.as_deref(), &diag, catalog).await?;
    match args.format {
        None => crate::tui::run_runbook(session, book, ui_options(&args.ui)).await,
        Some(format) => {
            let options = RunbookOptions {
                format: match format {
                    TranscriptFormat::Markdown => headless::TranscriptFormat::Markdown,
                    TranscriptFormat::Json => headless::TranscriptFormat::Json,
                },
                output: args.output,
                live: args.from_snapshot.is_none(),
            };
            headless::runbook(session, book, options).await
        }
    }
}

/// The diagnosis options: the flags, then the environment, then the config file.
fn diag_options(args: &DiagArgs, file: &ConfigFile) -> DiagOptions {
    let effective = file.effective(
        &Flags {
            profile: args.profile.clone(),
            region: args.region.clone(),
            timeout: args.timeout,
            dns_server: args.dns_server.clone(),
            concurrency: None,
            lang: None,
        },
        &crate::config::real_env,
    );
    let diag = DiagOptions {
        profile: effective.profile.clone(),
        provider_profile: args.provider_profile.clone(),
        provider_role_arn: args.provider_role_arn.clone(),
        region: effective.region.clone(),
        ports: args.ports.clone(),
        from: args.from.clone(),
        dns_server: effective.dns_server.clone(),
        vantage: args.vantage.into(),
        expect_action: args.expect_action.clone(),
        expect_resource: args.expect_resource.clone(),
        probe: args.probe,
        timeout: effective.timeout,
        vpc: args.vpc.clone(),
        window_secs: args.window_secs,
        ..DiagOptions::default()
    };
    with_file(diag, &effective)
}

fn ui_options(args: &UiArgs) -> UiOptions {
    UiOptions {
        watch_interval: args.watch_interval,
        export_dir: args.export_dir.clone(),
        log_file: args.log_file.clone(),
    }
}

fn report_options(args: ReportArgs) -> ReportOptions {
    ReportOptions {
        format: args.format,
        output: args.output,
        output_dir: args.output_dir,
        stats: args.stats,
    }
}

fn check_options(args: CheckArgs, file: &ConfigFile) -> CheckOptions {
    CheckOptions {
        diag: diag_options(&args.diag, file),
        target: args.target,
        report: report_options(args.report),
        redact: args.redact,
        save_snapshot: args.save_snapshot,
        from_snapshot: args.from_snapshot,
        watch: args.watch.then_some(crate::headless::watch::WatchOptions {
            interval: args.watch_interval,
            cycles: args.cycles,
        }),
    }
}

fn scan_options(args: ScanArgs, file: &ConfigFile) -> ScanOptions {
    let effective = file.effective(
        &Flags {
            profile: args.profile,
            region: None,
            timeout: args.timeout,
            dns_server: args.dns_server,
            concurrency: args.concurrency,
            lang: None,
        },
        &crate::config::real_env,
    );
    // With no --region named, the environment's region, else the file's, is scanned.
    let mut regions = args.regions;
    if regions.is_empty()
        && !args.all_regions
        && let Some(r) = effective.region.clone()
    {
        regions.push(r);
    }
    ScanOptions {
        profile: effective.profile.clone(),
        provider_profile: args.provider_profile,
        provider_role_arn: args.provider_role_arn,
        regions,
        all_regions: args.all_regions,
        filters: args.filters,
        service: args.service,
        ports: args.ports,
        dns_server: effective.dns_server.clone(),
        vantage: args.vantage.into(),
        concurrency: effective.concurrency,
        timeout: effective.timeout,
        window_secs: args.window_secs,
        report: report_options(args.report),
        org: args.org.then(|| crate::scan::org::OrgOptions {
            role_name: args.role_name.unwrap_or_default(),
            accounts: args.accounts,
            exclude_accounts: args.exclude_accounts,
            account_concurrency: args.account_concurrency as usize,
        }),
    }
}
