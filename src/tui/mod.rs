//! The interactive face: ratatui + crossterm, fed by the same engine events as the headless
//! report. The event loop never waits on AWS or DNS: runs happen in tasks that send events,
//! so the first frame is drawn at once and `q` always quits at once.

pub mod dns_path;
pub mod keymap;
pub mod path_view;
pub mod sparkline;
pub mod state;
pub mod view;
pub mod wrap;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event, EventStream, KeyEventKind};
use futures_util::StreamExt;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use crate::demo;
use crate::engine::EngineEvent;
use crate::engine::catalog::Catalog;
use crate::engine::outcome::Status;
use crate::report::Format;
use crate::session::{DiagOptions, InputError, Session, UiOptions};
use state::{App, Diagnosis, Effect, Picker, PickerItem};

enum AppEvent {
    /// An engine event (the run context among them) of the diagnosis of that generation.
    Engine(u64, Box<EngineEvent>),
    Endpoints(Result<Vec<PickerItem>, String>),
    /// A picker row's diagnosis finished: its key, worst status and root cause.
    Verdict(String, Status, String),
    SessionReady(u64, Result<Session, String>),
}

enum Mode {
    Live(Box<DiagOptions>),
    /// A scan's rows, each opened with its own settings (its region; its account's role in
    /// an organisation scan), by endpoint id.
    Rows(HashMap<String, DiagOptions>),
    Demo,
    Fixed,
}

struct Runtime {
    app: App,
    mode: Mode,
    catalog: Arc<Catalog>,
    ui: UiOptions,
    tx: UnboundedSender<AppEvent>,
    session: Option<Arc<Session>>,
    /// Which diagnosis events belong to; events of an abandoned one are dropped.
    generation: u64,
}

/// Open the diagnosis view on one session at once.
pub async fn run_session(session: Session, ui: UiOptions) -> Result<i32, InputError> {
    let catalog = session.catalog.clone();
    let app = App::new(
        crate::color::for_terminal_ui(),
        Duration::from_secs(ui.watch_interval),
    );
    event_loop(app, Mode::Fixed, catalog, ui, Some(session), None, None).await
}

/// Walk a runbook in the guided view.
pub async fn run_runbook(
    session: Session,
    book: crate::runbook::Runbook,
    ui: UiOptions,
) -> Result<i32, InputError> {
    let catalog = session.catalog.clone();
    let app = App::new(
        crate::color::for_terminal_ui(),
        Duration::from_secs(ui.watch_interval),
    );
    event_loop(
        app,
        Mode::Fixed,
        catalog,
        ui,
        Some(session),
        None,
        Some(book),
    )
    .await
}

/// The endpoint picker of the account and region, then a diagnosis of the chosen one.
pub async fn run_picker(
    diag: DiagOptions,
    ui: UiOptions,
    catalog: Arc<Catalog>,
) -> Result<i32, InputError> {
    let session = Session::live("", &diag, catalog.clone()).await?;
    let picker = Picker {
        title: crate::t!("tui-picker-title-live", region = &session.run.region),
        loading: true,
        ..Default::default()
    };
    let app = App::new(
        crate::color::for_terminal_ui(),
        Duration::from_secs(ui.watch_interval),
    )
    .with_picker(picker);
    event_loop(
        app,
        Mode::Live(Box::new(diag)),
        catalog,
        ui,
        None,
        Some(session),
        None,
    )
    .await
}

/// A workload's rows in the picker, root causes first, each with its verdict: Enter on a row
/// opens its endpoint's diagnosis; on a missing endpoint it shows the command that creates it.
pub async fn run_workload(
    report: crate::report::workload::WorkloadReport,
    diag: DiagOptions,
    ui: UiOptions,
    catalog: Arc<Catalog>,
) -> Result<i32, InputError> {
    let items = report
        .rows
        .iter()
        .map(|r| PickerItem {
            key: match &r.endpoint {
                Some(id) => id.clone(),
                None => format!(
                    "{MISSING}{}: {}",
                    r.service,
                    r.remediation
                        .iter()
                        .find_map(|f| f.command.clone())
                        .unwrap_or_default()
                ),
            },
            endpoint_id: r
                .endpoint
                .clone()
                .unwrap_or_else(|| crate::t!("tui-row-no-endpoint")),
            endpoint_type: r.endpoint_type.clone(),
            service: r.service_name.clone(),
            vpc: report.scope.vpc.clone(),
            state: if r.endpoint.is_some() {
                crate::t!("tui-row-found")
            } else {
                crate::t!("tui-row-missing")
            },
            name: if r.required {
                crate::t!("tui-row-required", service = &r.service)
            } else {
                crate::t!("tui-row-optional", service = &r.service)
            },
            serves: Vec::new(),
            verdict: Some((r.status, r.finding.clone())),
            account: None,
        })
        .collect();
    let mut picker = Picker {
        title: crate::t!(
            "tui-picker-title-workload",
            profile = &report.scope.profile,
            vpc = &report.scope.vpc,
            region = &report.scope.region
        ),
        ..Default::default()
    };
    picker.set_items_in_order(items);
    run_rows(picker, Mode::Live(Box::new(diag)), ui, catalog).await?;
    Ok(report.summary.exit_code)
}

/// Rows already judged (a workload's, a scan's) in the picker, opened as `mode` says.
async fn run_rows(
    picker: Picker,
    mode: Mode,
    ui: UiOptions,
    catalog: Arc<Catalog>,
) -> Result<i32, InputError> {
    let app = App::new(
        crate::color::for_terminal_ui(),
        Duration::from_secs(ui.watch_interval),
    )
    .with_picker(picker);
    event_loop(app, mode, catalog, ui, None, None, None).await
}

/// The key of a workload row without an endpoint: what Enter shows instead of a diagnosis.
const MISSING: &str = "missing:";

/// The interactive view's precondition, also checked before work that would end in it.
pub fn require_terminal() -> Result<(), InputError> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(InputError(crate::t!("tui-error-no-terminal")));
    }
    Ok(())
}

/// `scan --tui`: a scan's rows in the picker with their verdicts, worst first (an ACCOUNT
/// column when they span an organisation's accounts, and a row per account that could not
/// be scanned, saying why). Enter opens an endpoint's live diagnosis with its `rows` settings.
pub async fn run_fleet(
    report: crate::scan::FleetReport,
    rows: HashMap<String, DiagOptions>,
    ui: UiOptions,
    catalog: Arc<Catalog>,
) -> Result<i32, InputError> {
    let mut picker = Picker {
        title: fleet_title(&report),
        ..Default::default()
    };
    picker.set_items(fleet_items(&report));
    run_rows(picker, Mode::Rows(rows), ui, catalog).await?;
    Ok(report.summary.exit_code)
}

fn fleet_title(report: &crate::scan::FleetReport) -> String {
    let regions = report
        .summary
        .regions
        .iter()
        .map(|r| r.region.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
        .join(", ");
    match &report.scope.role_name {
        Some(role) => crate::t!(
            "tui-picker-title-org",
            role = role,
            accounts = report.summary.accounts.len(),
            regions = &regions
        ),
        None => crate::t!("tui-picker-title-scan", regions = &regions),
    }
}

/// One row per diagnosed endpoint, then one per account that could not be scanned.
fn fleet_items(report: &crate::scan::FleetReport) -> Vec<PickerItem> {
    let mut items: Vec<PickerItem> = report
        .endpoints
        .iter()
        .map(|e| PickerItem {
            key: e.endpoint.clone(),
            endpoint_id: e.endpoint.clone(),
            endpoint_type: String::new(),
            service: e.service.clone(),
            vpc: e.vpc.clone(),
            state: e.state.clone(),
            name: e.account_name.clone().unwrap_or_default(),
            serves: Vec::new(),
            verdict: Some((e.worst, e.headline.clone())),
            account: e.account.clone(),
        })
        .collect();
    items.extend(
        report
            .summary
            .accounts
            .iter()
            .filter_map(|a| a.error.as_ref().map(|why| (a, why)))
            .map(|(a, why)| PickerItem {
                key: format!("{MISSING}account {}: {why}", a.id),
                endpoint_id: crate::t!("tui-row-not-scanned"),
                endpoint_type: String::new(),
                service: String::new(),
                vpc: String::new(),
                state: crate::t!("tui-row-unscanned"),
                name: a.name.clone().unwrap_or_default(),
                serves: Vec::new(),
                verdict: Some((Status::Unknown, why.clone())),
                account: Some(a.id.clone()),
            }),
    );
    items
}

/// The bundled scenarios: no account, no network.
pub async fn run_demo(
    scenario: Option<String>,
    list: bool,
    ui: UiOptions,
    catalog: Arc<Catalog>,
) -> Result<i32, InputError> {
    if list {
        let width = demo::SCENARIOS
            .iter()
            .map(|s| s.name.len())
            .max()
            .unwrap_or(0);
        for s in demo::SCENARIOS {
            println!("{:<width$}  {}", s.name, s.title_text());
        }
        return Ok(0);
    }
    let mut picker = Picker {
        title: crate::t!("tui-picker-title-demo"),
        ..Default::default()
    };
    picker.set_items_in_order(PickerItem::scenarios());
    let mut app = App::new(
        crate::color::for_terminal_ui(),
        Duration::from_secs(ui.watch_interval),
    )
    .with_picker(picker);
    let mut first = None;
    if let Some(name) = &scenario {
        let scenario = demo::find(name).ok_or_else(|| {
            InputError(crate::t!(
                "tui-error-unknown-scenario",
                name = format!("{name:?}"),
                names = demo::SCENARIOS
                    .iter()
                    .map(|s| s.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        if let Some(p) = app.picker.as_mut() {
            p.selected = p
                .items
                .iter()
                .position(|i| i.key == scenario.name)
                .unwrap_or(0);
        }
        first = Some(demo::session(scenario, catalog.clone())?);
    }
    event_loop(app, Mode::Demo, catalog, ui, first, None, None).await
}

fn init_logging(ui: &UiOptions) -> Result<(), InputError> {
    if let Some(path) = &ui.log_file {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| {
                InputError(crate::t!(
                    "tui-error-log-file",
                    path = path.to_string(),
                    error = e.to_string()
                ))
            })?;
        let level = match std::env::var("VPCE_DOCTOR_LOG").as_deref() {
            Ok("trace") => tracing::Level::TRACE,
            Ok("debug") => tracing::Level::DEBUG,
            _ => tracing::Level::INFO,
        };
        // The SDK's own events print the resolved credentials (the access key id; at INFO
        // from the profile provider, at DEBUG and TRACE wherever its config is dumped), so
        // other crates log warnings only, except the retry and DNS decisions worth seeing.
        use tracing_subscriber::layer::SubscriberExt;
        use tracing_subscriber::util::SubscriberInitExt;
        let filter = tracing_subscriber::filter::Targets::new()
            .with_default(tracing::Level::WARN)
            .with_target("vpce_doctor", level)
            .with_target("aws_smithy_runtime::client::retries", level)
            .with_target("hickory_resolver", level);
        let _ = tracing_subscriber::fmt()
            .with_max_level(level)
            .with_writer(std::sync::Mutex::new(file))
            .with_ansi(false)
            .finish()
            .with(filter)
            .try_init();
    }
    Ok(())
}

/// Restores the terminal however the loop ends (return, error, or unwinding panic).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn setup_terminal() -> std::io::Result<ratatui::DefaultTerminal> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture
    )?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
}

fn restore_terminal() {
    let _ = crossterm::execute!(
        std::io::stdout(),
        DisableMouseCapture,
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
}

/// List the endpoints, then diagnose them all (batched, as `scan` does) and send each
/// verdict as it is known: the picker fills in its verdict column live.
fn spawn_picker_scan(session: Session, tx: UnboundedSender<AppEvent>) {
    tokio::spawn(async move {
        let listed = session.facts.endpoint_list().await;
        let items = listed
            .as_ref()
            .map(|eps| eps.iter().map(PickerItem::from_endpoint).collect())
            .map_err(|e| ToString::to_string(&e));
        let _ = tx.send(AppEvent::Endpoints(items));
        if listed.is_err() {
            return;
        }
        let (progress, mut verdicts) = unbounded_channel();
        let plan = crate::scan::RegionPlan {
            region: session.run.region.clone(),
            session,
            filters: Vec::new(),
            service: None,
            concurrency: 16,
            progress: Some(progress),
            // The picker reads the verdicts only: no report is held whole.
            spool: crate::report::spool::Spool::new(false).ok().map(Arc::new),
        };
        let forward = tokio::spawn(async move {
            while let Some((id, status, cause)) = verdicts.recv().await {
                if tx.send(AppEvent::Verdict(id, status, cause)).is_err() {
                    break;
                }
            }
        });
        let _ = crate::scan::scan_region(plan).await;
        let _ = forward.await;
    });
}

/// The bundled scenarios' verdicts, replayed offline, for the demo picker.
fn spawn_demo_verdicts(catalog: Arc<Catalog>, tx: UnboundedSender<AppEvent>) {
    tokio::spawn(async move {
        for s in demo::SCENARIOS {
            let Ok(session) = demo::session(s, catalog.clone()) else {
                continue;
            };
            let state = session.run_to_end(None).await;
            let (status, cause) = crate::scan::verdict(&state);
            if tx
                .send(AppEvent::Verdict(s.name.to_string(), status, cause))
                .is_err()
            {
                break;
            }
        }
    });
}

async fn event_loop(
    app: App,
    mode: Mode,
    catalog: Arc<Catalog>,
    ui: UiOptions,
    first: Option<Session>,
    picker: Option<Session>,
    runbook: Option<crate::runbook::Runbook>,
) -> Result<i32, InputError> {
    require_terminal()?;
    // crossterm drops colour sequences under NO_COLOR on its own; the run's decision (where
    // `--color always` beats NO_COLOR) is the one to follow.
    crossterm::style::Colored::set_ansi_color_disabled(!app.color);
    init_logging(&ui)?;
    let started = Instant::now();
    // Restore the screen when the UI itself panics. A panic inside a check's task is caught by
    // the engine (the check says `unknown`) and must not tear the screen down under a live UI.
    let ui_thread = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui_thread {
            restore_terminal();
        }
        previous(info);
    }));
    let mut terminal = setup_terminal().map_err(|e| {
        restore_terminal();
        InputError(crate::t!("tui-error-terminal-setup", error = e.to_string()))
    })?;
    let _guard = TerminalGuard;

    let (tx, mut rx) = unbounded_channel();
    let mut rt = Runtime {
        app,
        mode,
        catalog,
        ui,
        tx,
        session: None,
        generation: 0,
    };
    if let Some(session) = picker {
        spawn_picker_scan(session, rt.tx.clone());
    }
    if matches!(rt.mode, Mode::Demo) {
        spawn_demo_verdicts(rt.catalog.clone(), rt.tx.clone());
    }
    if let Some(session) = first {
        rt.start_session(session);
        if let Some(book) = runbook
            && let Some(d) = rt.app.diagnosis.take()
        {
            rt.app.open_runbook(d, crate::runbook::Session::new(book));
        }
    }

    let draw = |terminal: &mut ratatui::DefaultTerminal, app: &mut App| {
        terminal
            .draw(|f| view::draw(f, app, Instant::now()))
            .map(|_| ())
            .map_err(|e| InputError(crate::t!("tui-error-terminal-draw", error = e.to_string())))
    };
    draw(&mut terminal, &mut rt.app)?;
    let since_start = crate::STARTED
        .get()
        .map(|t| t.elapsed().as_secs_f64() * 1000.0);
    tracing::info!(
        first_frame_ms = started.elapsed().as_secs_f64() * 1000.0,
        since_process_start_ms = since_start.unwrap_or(-1.0),
        "first frame drawn"
    );

    let mut input = EventStream::new();
    let mut ticker = tokio::time::interval(Duration::from_millis(100));
    while !rt.app.quit {
        let now = Instant::now();
        let effect = tokio::select! {
            ev = input.next() => match ev {
                Some(Ok(Event::Key(k))) if k.kind != KeyEventKind::Release => {
                    tracing::debug!(key = ?k.code, "key");
                    rt.app.handle_key(k, now)
                }
                Some(Ok(Event::Mouse(m))) => rt.app.handle_mouse(m),
                Some(Ok(_)) => None,
                Some(Err(_)) | None => { rt.app.quit = true; None }
            },
            Some(ev) = rx.recv() => { rt.apply(ev, now); None },
            _ = ticker.tick() => rt.app.on_tick(now),
        };
        if let Some(effect) = effect {
            tracing::debug!(?effect, "effect");
            rt.carry_out(effect, now);
        }
        if !rt.app.quit {
            let t = Instant::now();
            draw(&mut terminal, &mut rt.app)?;
            tracing::trace!(frame_ms = t.elapsed().as_secs_f64() * 1000.0, "frame");
        }
    }
    Ok(0)
}

impl Runtime {
    fn start_session(&mut self, session: Session) {
        self.generation += 1;
        let session = Arc::new(session);
        self.app
            .open_diagnosis(Diagnosis::new(self.catalog.clone(), session.context_now()));
        self.session = Some(session.clone());
        // The header's facts (accounts, service, vantage) arrive as context events, observed
        // beside the checks.
        session.observe_context(self.forward_engine_events());
        self.spawn_run(None, HashMap::new(), false);
    }

    /// A sender of engine events for the current diagnosis (tagged with its generation).
    fn forward_engine_events(&self) -> UnboundedSender<EngineEvent> {
        let (etx, mut erx) = unbounded_channel();
        let (tx, generation) = (self.tx.clone(), self.generation);
        tokio::spawn(async move {
            while let Some(ev) = erx.recv().await {
                if tx.send(AppEvent::Engine(generation, Box::new(ev))).is_err() {
                    break;
                }
            }
        });
        etx
    }

    fn spawn_run(
        &mut self,
        only: Option<std::collections::HashSet<String>>,
        prior: HashMap<String, crate::engine::state::CheckResult>,
        fresh: bool,
    ) {
        let Some(session) = self.session.clone() else {
            return;
        };
        session.spawn(only, prior, fresh, self.forward_engine_events());
    }

    fn apply(&mut self, ev: AppEvent, now: Instant) {
        match ev {
            AppEvent::Engine(g, ev) if g == self.generation => {
                tracing::trace!(?ev, "engine event");
                let clock = (self.app.clock)();
                self.app.apply_engine(&ev, now, &clock);
                self.app.observe_runbook(&clock);
            }
            AppEvent::SessionReady(g, result) if g == self.generation => match result {
                Ok(session) => self.start_session(session),
                Err(e) => {
                    self.app.screen = state::Screen::Picker;
                    self.app
                        .say(crate::t!("tui-toast-open-failed", error = e), now);
                }
            },
            AppEvent::Verdict(key, status, cause) => {
                if let Some(p) = self.app.picker.as_mut() {
                    p.set_verdict(&key, status, cause);
                }
            }
            AppEvent::Endpoints(result) => {
                if let Some(p) = self.app.picker.as_mut() {
                    match result {
                        Ok(items) => p.set_items(items),
                        Err(e) => {
                            p.loading = false;
                            p.error = Some(e);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn carry_out(&mut self, effect: Effect, now: Instant) {
        match effect {
            Effect::Open(key) => match &self.mode {
                Mode::Demo => match demo::find(&key)
                    .ok_or_else(|| crate::t!("tui-toast-no-scenario", key = &key))
                    .and_then(|s| demo::session(s, self.catalog.clone()).map_err(|e| e.to_string()))
                {
                    Ok(session) => self.start_session(session),
                    Err(e) => self.app.say(e, now),
                },
                Mode::Live(_) | Mode::Rows(_) if key.starts_with(MISSING) => {
                    let what = key.trim_start_matches(MISSING);
                    self.app
                        .say(crate::t!("tui-toast-no-endpoint", what = what), now);
                }
                Mode::Live(_) | Mode::Rows(_) => {
                    let diag = match &self.mode {
                        Mode::Rows(rows) => rows.get(&key).cloned(),
                        Mode::Live(diag) => Some((**diag).clone()),
                        Mode::Demo | Mode::Fixed => None,
                    };
                    let Some(diag) = diag else {
                        self.app
                            .say(crate::t!("tui-toast-no-settings", key = &key), now);
                        return;
                    };
                    self.generation += 1;
                    let (tx, generation, catalog) =
                        (self.tx.clone(), self.generation, self.catalog.clone());
                    self.app
                        .say(crate::t!("tui-toast-opening", key = &key), now);
                    tokio::spawn(async move {
                        let session = Session::live(&key, &diag, catalog)
                            .await
                            .map_err(|e| e.to_string());
                        let _ = tx.send(AppEvent::SessionReady(generation, session));
                    });
                }
                Mode::Fixed => {}
            },
            Effect::RerunAll => {
                self.app.say(crate::t!("tui-toast-rerun-all"), now);
                self.spawn_run(None, HashMap::new(), true);
            }
            Effect::RerunFrom(id) => {
                let Some(d) = self.app.diagnosis.as_ref() else {
                    return;
                };
                let only = self.catalog.with_dependents(&id);
                let prior = d.state.results();
                self.spawn_run(Some(only), prior, true);
            }
            Effect::Recheck(checks) => {
                let Some(d) = self.app.diagnosis.as_ref() else {
                    return;
                };
                let mut only = std::collections::HashSet::new();
                for id in &checks {
                    only.extend(self.catalog.with_dependents(id));
                }
                let prior = d.state.results();
                self.spawn_run(Some(only), prior, true);
            }
            Effect::ExportTranscript => match self.export_transcript() {
                Ok(paths) => self.app.say(
                    crate::t!("tui-toast-exported", paths = paths.join(", ")),
                    now,
                ),
                Err(e) => self
                    .app
                    .say(crate::t!("tui-toast-export-failed", error = e), now),
            },
            Effect::Copy(text) => copy_osc52(&text),
            Effect::Export => match self.export() {
                Ok(paths) => self.app.say(
                    crate::t!(
                        "tui-toast-exported",
                        paths = paths.join(&crate::t!("tui-list-and"))
                    ),
                    now,
                ),
                Err(e) => self
                    .app
                    .say(crate::t!("tui-toast-export-failed", error = e), now),
            },
        }
    }

    fn export_transcript(&self) -> Result<Vec<String>, String> {
        let session = self
            .session
            .as_ref()
            .ok_or_else(|| crate::t!("tui-nothing-to-export"))?;
        let rb = self
            .app
            .runbook
            .as_ref()
            .ok_or_else(|| crate::t!("tui-no-runbook"))?;
        let d = self
            .app
            .diagnosis
            .as_ref()
            .ok_or_else(|| crate::t!("tui-nothing-to-export"))?;
        let t = crate::runbook::transcript::Transcript::build(
            rb,
            &d.state.context.target,
            d.state.context.setting(),
        );
        let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S");
        let base = PathBuf::from(&self.ui.export_dir).join(format!(
            "vpce-doctor-runbook-{}-{}-{stamp}",
            rb.runbook.name, session.run.target
        ));
        let md = base.with_extension("md");
        let json = base.with_extension("json");
        std::fs::write(&md, t.to_markdown()).map_err(|e| format!("{}: {e}", md.display()))?;
        std::fs::write(&json, t.to_json()).map_err(|e| format!("{}: {e}", json.display()))?;
        Ok(vec![md.display().to_string(), json.display().to_string()])
    }

    fn export(&self) -> Result<Vec<String>, String> {
        let session = self
            .session
            .as_ref()
            .ok_or_else(|| crate::t!("tui-nothing-to-export"))?;
        let d = self
            .app
            .diagnosis
            .as_ref()
            .ok_or_else(|| crate::t!("tui-nothing-to-export"))?;
        let report = crate::report::Report::build(
            &d.state,
            session.facts.stats.snapshot(),
            crate::report::Timings {
                checks_ms: d.state.elapsed_ms,
                total_ms: d.state.elapsed_ms,
                setup_ms: 0,
            },
        );
        let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S");
        let dir = PathBuf::from(&self.ui.export_dir);
        let base = format!("vpce-doctor-{}-{stamp}", session.run.target);
        let mut written = Vec::new();
        for format in [Format::Json, Format::Markdown, Format::Html, Format::Junit] {
            let path = dir.join(format!("{base}.{}", format.extension()));
            std::fs::write(&path, format.render(&report, false, false))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            written.push(path.display().to_string());
        }
        Ok(written)
    }
}

/// Put `text` on the clipboard of the terminal the user sits at (also over SSH).
fn copy_osc52(text: &str) {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}
