//! The headless faces: `check` (one report), `scan` (the fleet table) and `runbook --format`
//! (a filled-in checklist), plus the listings. Plain options in, files or standard output
//! out, an exit code back.

pub mod watch;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::engine::EngineEvent;
use crate::engine::catalog::Catalog;
use crate::engine::outcome::Account;
use crate::engine::state::RunState;
use crate::facts::snapshot::{SNAPSHOT_VERSION, Snapshot};
use crate::report::text::render_catalog;
use crate::report::{Format, Report, Timings};
use crate::runbook::{self, Runbook};
use crate::session::{DiagOptions, EndpointFilter, InputError, Session};

/// Where and how a report is written (`check` and `scan`).
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Empty: text, or what the `output` file's extension says.
    pub format: Vec<Format>,
    pub output: Option<String>,
    pub output_dir: Option<String>,
    /// Add the API calls per operation and the timings.
    pub stats: bool,
}

/// One endpoint, one report.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub target: String,
    pub diag: DiagOptions,
    pub report: ReportOptions,
    pub redact: bool,
    pub save_snapshot: Option<String>,
    pub from_snapshot: Option<String>,
    /// `--watch`: rerun every interval, one line per cycle, instead of one report.
    pub watch: Option<watch::WatchOptions>,
}

/// Every endpoint of an account (or every connection of a service), one table.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub profile: Option<String>,
    pub provider_profile: Option<String>,
    /// A role in the service owner's account, assumed from the consumer's credentials.
    pub provider_role_arn: Option<String>,
    pub regions: Vec<String>,
    pub all_regions: bool,
    pub filters: Vec<EndpointFilter>,
    pub service: Option<String>,
    pub ports: Vec<u16>,
    pub dns_server: Option<String>,
    pub vantage: crate::context::VantageChoice,
    pub concurrency: u64,
    pub timeout: u64,
    /// How far back the traffic checks read metrics.
    pub window_secs: u32,
    pub report: ReportOptions,
    /// `--org`: every account of the organisation, through a role assumed in each.
    pub org: Option<crate::scan::org::OrgOptions>,
}

/// A workload profile judged in one VPC, one table.
#[derive(Debug, Clone)]
pub struct WorkloadOptions {
    pub profile: crate::workload::Profile,
    pub vpc: String,
    pub subnets: Vec<String>,
    /// The account, region and DNS settings (`from` is set by the run itself).
    pub diag: DiagOptions,
    pub report: ReportOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranscriptFormat {
    Markdown,
    Json,
}

/// A runbook run through without the view.
#[derive(Debug, Clone)]
pub struct RunbookOptions {
    pub format: TranscriptFormat,
    pub output: Option<String>,
    /// Observed live (credentials are judged first), not replayed from a snapshot.
    pub live: bool,
}

/// Which formats to write: `--format`, else the `--output` file's extension, else text.
fn formats(args: &ReportOptions) -> Result<Vec<Format>, InputError> {
    let (output, output_dir) = (&args.output, &args.output_dir);
    let mut formats = args.format.clone();
    formats.dedup();
    if formats.is_empty() {
        formats.push(match output {
            Some(path) => Format::from_path(path).ok_or_else(|| {
                InputError(crate::t!("headless-output-format-unknown", path = path))
            })?,
            None => Format::Text,
        });
    }
    if formats.len() > 1 && output_dir.is_none() {
        return Err(InputError(crate::t!("headless-formats-need-dir")));
    }
    if let Some(dir) = output_dir
        && !Path::new(dir).is_dir()
    {
        return Err(InputError(crate::t!("headless-not-a-directory", dir = dir)));
    }
    Ok(formats)
}

/// Write the report in each format: into `output_dir` as `<stem>.<ext>`, to `output`, or to
/// standard output (in color on a terminal, for text).
fn write_outputs(
    formats: &[Format],
    args: &ReportOptions,
    stem: &str,
    render: impl Fn(Format, bool) -> String,
) -> Result<(), InputError> {
    write_streams(formats, args, stem, |format, color, out| {
        out.write_all(render(format, color).as_bytes())
    })
}

/// [`write_outputs`] for a report written piece by piece (the fleet JSON from its spool).
fn write_streams(
    formats: &[Format],
    args: &ReportOptions,
    stem: &str,
    write: impl Fn(Format, bool, &mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), InputError> {
    use std::io::Write;
    let to_file = |path: &Path, format: Format| {
        std::fs::File::create(path)
            .map(std::io::BufWriter::new)
            .and_then(|mut out| {
                write(format, false, &mut out)?;
                out.flush()
            })
            .map_err(|e| {
                InputError(crate::t!(
                    "headless-cannot-write-report",
                    path = path.display().to_string(),
                    error = e.to_string()
                ))
            })
    };
    let (output, output_dir) = (&args.output, &args.output_dir);
    match (output, output_dir) {
        (_, Some(dir)) => {
            for format in formats {
                to_file(
                    &Path::new(dir).join(format!("{stem}.{}", format.extension())),
                    *format,
                )?;
            }
        }
        (Some(path), None) => to_file(Path::new(path), formats[0])?,
        (None, None) => {
            let color = formats[0] == Format::Text && crate::color::for_stdout();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe (`| head`) is not an error worth a backtrace.
            let _ = write(formats[0], color, &mut out).and_then(|()| out.flush());
        }
    }
    Ok(())
}

pub async fn check(args: CheckOptions, catalog: Arc<Catalog>) -> Result<i32, InputError> {
    let formats = formats(&args.report)?;
    let t0 = Instant::now();
    let session = Session::open(
        &args.target,
        args.from_snapshot.as_deref(),
        &args.diag,
        catalog.clone(),
    )
    .await?;
    let setup_ms = t0.elapsed().as_millis() as u64;
    if let Some(options) = args.watch {
        if args.from_snapshot.is_none() {
            session.preflight().await?;
        }
        return watch::watch(session, options).await;
    }

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut state = RunState::new(&catalog);
    let t1 = Instant::now();
    state.apply(&EngineEvent::Context(session.context_now()));
    // The checks start at once; the credentials are judged alongside (one round trip, not
    // one in front of every chain), and a run on unusable credentials is dropped.
    let run = session.spawn(None, HashMap::new(), false, tx);
    if args.from_snapshot.is_none()
        && let Err(e) = session.preflight().await
    {
        run.abort();
        return Err(e);
    }
    // Who we are in each account is context for the report, asked alongside the checks.
    let _ = session.identities().await;
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

    // The rest of the context (the service, the vantage) once the snapshot is written: a
    // snapshot holds what the checks asked for.
    state.apply(&EngineEvent::Context(session.context_observed().await));
    let timings = Timings {
        setup_ms,
        checks_ms,
        total_ms: t0.elapsed().as_millis() as u64,
    };
    // Credentials that failed after the start (or a throttling storm): the report's
    // unknowns say so check by check; one line says what to run.
    if let Some(i) = &state.interrupted {
        eprintln!(
            "vpce-doctor: {}",
            crate::t!(
                "headless-could-not-observe",
                why = crate::sanitize::terminal_safe(&i.text())
            )
        );
    }
    let mut report = Report::build(&state, session.facts.stats.snapshot(), timings);
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

/// Run a runbook through without the view and write the filled-in checklist.
pub async fn runbook(
    session: Session,
    book: Runbook,
    args: RunbookOptions,
) -> Result<i32, InputError> {
    if args.live {
        session.preflight().await?;
    }
    let state = session.run_to_end(None).await;
    let at = chrono::Local::now().format("%H:%M:%S").to_string();
    let walked = runbook::walk(book, &state, &at);
    let transcript = runbook::transcript::Transcript::build(
        &walked,
        &state.context.target,
        state.context.setting(),
    );
    let text = match args.format {
        TranscriptFormat::Markdown => transcript.to_markdown(),
        TranscriptFormat::Json => transcript.to_json(),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            InputError(crate::t!(
                "headless-cannot-write",
                path = path,
                error = e.to_string()
            ))
        })?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        }
    }
    Ok(walked.exit_code())
}

/// The shipped runbooks, one line each.
pub fn list_runbooks(catalog: &Catalog) -> Result<i32, InputError> {
    let shipped = runbook::shipped(catalog).map_err(|e| InputError(e.to_string()))?;
    for r in &shipped {
        println!(
            "{:<22} {}",
            r.name,
            crate::t!("headless-runbook-line", title = &r.title, n = r.steps.len())
        );
    }
    Ok(0)
}

/// The check catalog: a table, or JSON for tools.
pub fn list_checks(catalog: &Catalog, json: bool) -> Result<i32, InputError> {
    if json {
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
    } else {
        print!("{}", render_catalog(catalog));
    }
    Ok(0)
}

/// The read-only IAM policy of one account, of both, or of an organisation scan's caller.
pub fn iam_policy(
    consumer: bool,
    provider: bool,
    org: bool,
    role_name: Option<&str>,
    role_arn: Option<&str>,
) -> Result<i32, InputError> {
    use crate::facts::aws::{iam_policy, org_policy};
    let role = role_name.unwrap_or("*");
    let mut consumer_policy = iam_policy(Account::Consumer);
    if let (Some(arn), Some(statements)) = (role_arn, consumer_policy["Statement"].as_array_mut()) {
        statements.push(crate::facts::aws::operations::assume_role_statement(arn));
    }
    let value = match (consumer, provider, org) {
        (true, _, _) => consumer_policy,
        (_, true, _) => iam_policy(Account::Provider),
        (_, _, true) => org_policy(role),
        _ => serde_json::json!({
            "consumer": consumer_policy,
            "provider": iam_policy(Account::Provider),
            "organisation": org_policy(role),
        }),
    };
    println!("{}", serde_json::to_string_pretty(&value).expect("json"));
    Ok(0)
}

pub async fn scan(args: ScanOptions, catalog: Arc<Catalog>) -> Result<i32, InputError> {
    let formats = formats(&args.report)?;
    crate::scan::check_regions(&args.regions)?;
    // Each diagnosis written away as it finishes, the tables keeping their share; JUnit
    // reads every check of every endpoint, so with it the entries stay whole.
    let spool = (!formats.contains(&Format::Junit))
        .then(|| crate::report::spool::Spool::new(formats.contains(&Format::Json)).ok())
        .flatten()
        .map(Arc::new);
    let report = fleet(&args, catalog, spool.clone()).await?;
    write_streams(
        &formats,
        &args.report,
        "vpce-doctor-scan",
        |format, color, out| match (&spool, format) {
            (Some(spool), Format::Json) => spool.write_json(&report, out),
            _ => out.write_all(
                crate::scan::render::render(&report, format, color, args.report.stats).as_bytes(),
            ),
        },
    )?;
    Ok(report.summary.exit_code)
}

/// The fleet a scan covers, each endpoint diagnosed (`--org`: every account of the
/// organisation).
async fn fleet(
    args: &ScanOptions,
    catalog: Arc<Catalog>,
    spool: Option<Arc<crate::report::spool::Spool>>,
) -> Result<crate::scan::FleetReport, InputError> {
    match &args.org {
        Some(org) => {
            let plan = crate::scan::org::OrgPlan {
                // The caller's region: the first asked for, else its profile's.
                diag: DiagOptions {
                    region: args.regions.first().cloned(),
                    ..scan_diag(args)
                },
                regions: args.regions.clone(),
                all_regions: args.all_regions,
                filters: args.filters.clone(),
                concurrency: args.concurrency as usize,
                org: org.clone(),
                spool,
            };
            crate::scan::org::scan_org(plan, catalog).await
        }
        None => scan_report(args, catalog, spool).await,
    }
}

/// `scan --tui`: the fleet diagnosed (its entries without their checks: the picker reads
/// the verdicts) and, per endpoint, the settings that open it live.
pub async fn scan_rows(
    args: &ScanOptions,
    catalog: Arc<Catalog>,
) -> Result<(crate::scan::FleetReport, HashMap<String, DiagOptions>), InputError> {
    crate::scan::check_regions(&args.regions)?;
    let spool = crate::report::spool::Spool::new(false).ok().map(Arc::new);
    let report = fleet(args, catalog, spool).await?;
    let rows = report
        .endpoints
        .iter()
        .map(|e| (e.endpoint.clone(), row_diag(args, &report, e)))
        .collect();
    Ok((report, rows))
}

/// The settings that open one row of a scan live: its region and, in an organisation scan,
/// the role in its account (from the caller's profile) and in its service's owner when that
/// account was scanned too (else the owner's credentials are looked for as for `check`).
pub fn row_diag(
    args: &ScanOptions,
    report: &crate::scan::FleetReport,
    entry: &crate::scan::FleetEntry,
) -> DiagOptions {
    let mut diag = DiagOptions {
        region: Some(entry.region.clone()),
        ..scan_diag(args)
    };
    if let (Some(org), Some(account)) = (&args.org, &entry.account) {
        // An account's role is in the partition of the region it was scanned in.
        let partition = crate::scan::org::partition_of(&entry.region);
        let role = |id: &str| crate::scan::org::role_in(partition, id, &org.role_name);
        diag.role_arn = Some(role(account));
        let scanned = |id: &str| {
            report
                .summary
                .accounts
                .iter()
                .any(|a| a.id == id && a.error.is_none())
        };
        diag.provider_role_arn = entry
            .report
            .context
            .provider_account
            .as_deref()
            .filter(|owner| scanned(owner))
            .map(role);
    }
    diag
}

/// The settings every diagnosis of a scan runs with (no region: the profile's).
fn scan_diag(args: &ScanOptions) -> DiagOptions {
    DiagOptions {
        profile: args.profile.clone(),
        provider_profile: args.provider_profile.clone(),
        provider_role_arn: args.provider_role_arn.clone(),
        region: None,
        ports: args.ports.clone(),
        from: None,
        dns_server: args.dns_server.clone(),
        vantage: args.vantage,
        expect_action: None,
        expect_resource: None,
        probe: false,
        timeout: args.timeout,
        vpc: None,
        window_secs: args.window_secs,
        ..DiagOptions::default()
    }
}

/// One account's scan (its regions, or a service's connections from its owner's side).
async fn scan_report(
    args: &ScanOptions,
    catalog: Arc<Catalog>,
    spool: Option<Arc<crate::report::spool::Spool>>,
) -> Result<crate::scan::FleetReport, InputError> {
    use crate::scan::{FleetScope, RegionPlan, fleet_report, scan_region};
    let t0 = Instant::now();
    // With --service the owner's account is the one scanned.
    let profile = match &args.service {
        Some(_) => args.provider_profile.clone().or(args.profile.clone()),
        None => args.profile.clone(),
    };
    let diag = |region: Option<String>| DiagOptions {
        profile: profile.clone(),
        region,
        ..scan_diag(args)
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
        let listed = sessions[0].facts.regions().await.map_err(|e| {
            InputError(crate::t!(
                "headless-cannot-list-regions",
                error = e.to_string()
            ))
        })?;
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
        filters: args.filters.iter().map(ToString::to_string).collect(),
        service: args.service.clone(),
        role_name: None,
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
            spool: spool.clone(),
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
    Ok(fleet_report(
        scope,
        outcomes,
        entries,
        stats,
        t0.elapsed().as_millis() as u64,
    ))
}

/// Set up the session of a workload run and judge the workload: the report, and the session
/// (the interactive view opens the rows' endpoints with its settings).
pub async fn workload_report(
    args: &WorkloadOptions,
    catalog: Arc<Catalog>,
) -> Result<(crate::report::workload::WorkloadReport, DiagOptions), InputError> {
    let mut diag = args.diag.clone();
    // One named subnet: each endpoint is diagnosed for clients there.
    if let [subnet] = args.subnets.as_slice() {
        diag.from = Some(crate::context::ClientSource::Subnet(subnet.clone()));
    }
    let session = Session::live("", &diag, catalog).await?;
    session.preflight().await?;
    let _ = session.identities().await;
    let plan = crate::workload::WorkloadPlan {
        profile: args.profile.clone(),
        vpc: args.vpc.clone(),
        subnets: args.subnets.clone(),
        concurrency: 16,
    };
    let report = crate::workload::run(&session, plan).await?;
    Ok((report, diag))
}

pub async fn workload(args: WorkloadOptions, catalog: Arc<Catalog>) -> Result<i32, InputError> {
    let formats = formats(&args.report)?;
    let (report, _) = workload_report(&args, catalog).await?;
    write_outputs(
        &formats,
        &args.report,
        &format!("vpce-doctor-workload-{}", report.scope.profile),
        |format, color| crate::report::workload::render(&report, format, color, args.report.stats),
    )?;
    Ok(report.summary.exit_code)
}

pub mod policy_test;

#[cfg(test)]
mod tests;
