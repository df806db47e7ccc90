//! The interactive view's state and its update rules: key → action → state change (+ an
//! effect for the event loop to carry out). No terminal here, so it is tested directly.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::keymap::{Action, Scope, action_for};
use crate::engine::EngineEvent;
use crate::engine::catalog::Catalog;
use crate::engine::outcome::Status;
use crate::engine::state::{Phase, RunContextInfo, RunState};
use crate::facts::model::Endpoint;

/// One row of the picker: a live endpoint or a bundled scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct PickerItem {
    /// What Enter opens: an endpoint id, or a scenario name.
    pub key: String,
    pub endpoint_id: String,
    pub endpoint_type: String,
    pub service: String,
    pub vpc: String,
    pub state: String,
    pub name: String,
    /// The DNS names the endpoint serves, as its description tells (the filter matches a
    /// name typed in full to the endpoints that serve it; Tab completes one).
    pub serves: Vec<String>,
    /// The diagnosis' worst status and root cause, once known.
    pub verdict: Option<(Status, String)>,
    /// The account the endpoint is in, when the rows span an organisation's accounts.
    pub account: Option<String>,
}

impl PickerItem {
    /// A live endpoint's row (its verdict comes later).
    pub fn from_endpoint(ep: &Endpoint) -> PickerItem {
        PickerItem {
            key: ep.id.clone(),
            endpoint_id: ep.id.clone(),
            endpoint_type: ep.endpoint_type.clone(),
            service: ep.service_name.clone(),
            vpc: ep.vpc_id.clone(),
            state: ep.state.clone(),
            name: ep
                .tags
                .iter()
                .find(|(k, _)| k == "Name")
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            serves: crate::checks::locate::names_served(ep),
            verdict: None,
            account: None,
        }
    }

    /// One row per bundled scenario, from the endpoint it records: Enter opens the scenario.
    pub fn scenarios() -> Vec<PickerItem> {
        crate::demo::endpoints()
            .into_iter()
            .map(|(s, ep)| PickerItem {
                key: s.name.to_string(),
                name: format!("{}: {}", s.name, s.title_text()),
                ..PickerItem::from_endpoint(&ep)
            })
            .collect()
    }

    pub fn broken(&self) -> bool {
        !self.state.eq_ignore_ascii_case("available")
            || matches!(self.verdict, Some((Status::Fail | Status::Unknown, _)))
    }
}

fn broken_first(items: &mut [PickerItem]) {
    items.sort_by(|a, b| {
        b.broken()
            .cmp(&a.broken())
            .then(a.account.cmp(&b.account))
            .then(a.endpoint_id.cmp(&b.endpoint_id))
    });
}

#[derive(Debug, Clone, Default)]
pub struct Picker {
    pub title: String,
    pub items: Vec<PickerItem>,
    pub loading: bool,
    pub error: Option<String>,
    pub selected: usize,
    /// Broken first (live endpoints), or as given (the bundled scenarios).
    pub sorted: bool,
}

impl Picker {
    /// Broken endpoints first, then by id.
    pub fn set_items(&mut self, mut items: Vec<PickerItem>) {
        broken_first(&mut items);
        self.items = items;
        self.loading = false;
        self.selected = 0;
    }

    /// Record one endpoint's verdict; the broken ones move up, the selection stays put.
    pub fn set_verdict(&mut self, key: &str, status: Status, cause: String) {
        let selected_key = self.items.get(self.selected).map(|i| i.key.clone());
        let Some(item) = self.items.iter_mut().find(|i| i.key == key) else {
            return;
        };
        item.verdict = Some((status, cause));
        if self.sorted {
            broken_first(&mut self.items);
        }
        if let Some(k) = selected_key
            && let Some(i) = self.items.iter().position(|i| i.key == k)
        {
            self.selected = i;
        }
    }

    /// Keep the given order (the bundled scenarios are listed as written).
    pub fn set_items_in_order(&mut self, items: Vec<PickerItem>) {
        self.items = items;
        self.loading = false;
        self.selected = 0;
    }

    /// Whether the rows span more than one account (the ACCOUNT column).
    pub fn multi_account(&self) -> bool {
        let mut accounts = self.items.iter().filter_map(|i| i.account.as_deref());
        accounts
            .next()
            .is_some_and(|first| accounts.any(|a| a != first))
    }

    /// The rows matching `filter`: by any of their words, or as the endpoints that serve
    /// the DNS name typed (`bucket.s3.us-east-1.amazonaws.com` finds the S3 endpoints).
    pub fn visible(&self, filter: &str) -> Vec<&PickerItem> {
        let f = filter.to_lowercase();
        self.items
            .iter()
            .filter(|i| {
                let words = [
                    &i.key,
                    &i.endpoint_id,
                    &i.service,
                    &i.vpc,
                    &i.state,
                    &i.name,
                    &i.endpoint_type,
                ];
                f.is_empty()
                    || words.iter().any(|s| s.to_lowercase().contains(&f))
                    || i.account.as_deref().is_some_and(|a| a.contains(&f))
                    || i.serves
                        .iter()
                        .any(|n| n.contains(&f) || crate::checks::locate::name_matches(n, &f))
            })
            .collect()
    }

    /// Tab in the filter: the longest completion of `filter` that the names the endpoints
    /// serve share (a wildcard label stays for the user to type); `None` when nothing longer.
    pub fn complete(&self, filter: &str) -> Option<String> {
        let f = filter.to_lowercase();
        let names: Vec<&str> = self
            .items
            .iter()
            .flat_map(|i| i.serves.iter())
            .map(|n| n.trim_start_matches("*."))
            .filter(|n| n.starts_with(&f))
            .collect();
        let first = *names.first()?;
        let common = names.iter().fold(first.len(), |len, n| {
            first
                .bytes()
                .zip(n.bytes())
                .take(len)
                .take_while(|(a, b)| a == b)
                .count()
        });
        (common > f.len()).then(|| first[..common].to_string())
    }
}

/// A status change seen between two runs (watch mode's memory).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub at: String,
    pub id: String,
    pub from: Status,
    pub to: Status,
}

/// Verdicts kept from an earlier run because the latest could not observe (see
/// [`crate::engine::Interruption`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    /// When the verdicts shown were observed (`None`: no run got through yet).
    pub since: Option<String>,
    pub interruption: crate::engine::Interruption,
}

impl Stale {
    /// The header's line: how old the verdicts are, why, and what to run.
    pub fn text(&self) -> String {
        let since = match &self.since {
            Some(at) => crate::t!("tui-stale-since", at = at),
            None => crate::t!("tui-stale-no-verdicts"),
        };
        format!("⚠ {since} · {}", self.interruption.text())
    }
}

pub struct Diagnosis {
    /// A watch rerun's events, held until the run ends: committed when it got through,
    /// dropped when it was interrupted (the last verdicts stay, marked stale).
    pub held: Option<Vec<EngineEvent>>,
    /// When the verdicts shown were observed (the last run that got through).
    pub observed_at: Option<String>,
    pub stale: Option<Stale>,
    /// A one-line message for the toast, taken by the view's owner.
    pub notice: Option<String>,
    pub state: RunState,
    pub catalog: Arc<Catalog>,
    pub running_since: HashMap<String, Instant>,
    pub last_status: HashMap<String, Status>,
    pub changes: Vec<Change>,
    pub run_active: bool,
    pub runs: u32,
    pub selected: usize,
    /// The check the user chose, and in which section: the selection follows it when the
    /// rows move under it (a root cause turning green leaves its section).
    pub anchor: Option<Anchor>,
    pub detail_scroll: u16,
    /// The path view is shown instead of the check tree.
    pub path_view: bool,
    /// The selected hop: its row (as in `PathModel::rows`) and its place in the row.
    pub hop: (usize, usize),
    /// Where the current run's changes start in `changes`.
    pub cycle_from: usize,
    /// What the last rerun changed, in one line ("03:14:07 endpoint.security_groups fail →
    /// pass (+2 more)", "03:14:07 no change").
    pub last_cycle: Option<String>,
}

/// Where a row sits: the root causes, the advice, or the tree (also the flat filtered list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    RootCause,
    Advice,
    Tree,
}

/// A selection by check id rather than by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub id: String,
    pub section: Section,
}

impl Row {
    pub fn section(&self) -> Section {
        if self.root_cause_section {
            Section::RootCause
        } else if self.advice_section {
            Section::Advice
        } else {
            Section::Tree
        }
    }
}

impl Diagnosis {
    /// A diagnosis about to start, its header showing what is known of the run so far
    /// (later `Context` events fill in the rest).
    pub fn new(catalog: Arc<Catalog>, context: RunContextInfo) -> Diagnosis {
        let mut state = RunState::new(&catalog);
        state.apply(&EngineEvent::Context(context));
        Diagnosis {
            held: None,
            observed_at: None,
            stale: None,
            notice: None,
            state,
            catalog,
            running_since: HashMap::new(),
            last_status: HashMap::new(),
            changes: Vec::new(),
            run_active: false,
            runs: 0,
            selected: 0,
            anchor: None,
            detail_scroll: 0,
            path_view: false,
            hop: (0, 0),
            cycle_from: 0,
            last_cycle: None,
        }
    }

    /// Remember the row at `index` of `rows` as the user's choice.
    pub fn anchor_at(&mut self, rows: &[Row], index: usize) {
        self.anchor = rows.get(index).map(|r| Anchor {
            id: r.id.clone(),
            section: r.section(),
        });
    }

    /// Put the selection back on the anchored check after the rows moved: in its section
    /// while it is there, else its row in the tree, else wherever it is listed.
    pub fn follow(&mut self, filter: &str) {
        let Some(a) = &self.anchor else {
            return;
        };
        let rows = rows(self, filter);
        let found = rows
            .iter()
            .position(|r| r.id == a.id && r.section() == a.section)
            .or_else(|| {
                rows.iter()
                    .position(|r| r.id == a.id && r.section() == Section::Tree)
            })
            .or_else(|| rows.iter().position(|r| r.id == a.id));
        if let Some(i) = found {
            self.selected = i;
        }
    }

    /// The changes of the run that just finished, in one line: a check that failed or now
    /// fails first, the rest counted.
    fn cycle_summary(&self, clock: &str) -> String {
        let mut cycle: Vec<&Change> = self.changes[self.cycle_from.min(self.changes.len())..]
            .iter()
            .collect();
        cycle.sort_by_key(|c| !(c.from == Status::Fail || c.to == Status::Fail));
        match cycle.split_first() {
            None => crate::t!("tui-cycle-no-change", clock = clock),
            Some((first, rest)) => {
                let more = if rest.is_empty() {
                    String::new()
                } else {
                    format!(" {}", crate::t!("tui-cycle-more", count = rest.len()))
                };
                format!(
                    "{clock} {} {} → {}{more}",
                    first.id,
                    first.from.as_str(),
                    first.to.as_str()
                )
            }
        }
    }

    /// Hold the next run's events until it ends (a watch rerun): its verdicts replace the
    /// ones shown only if it was not interrupted.
    pub fn hold_next_run(&mut self) {
        self.held = Some(Vec::new());
    }

    /// Fold one engine event; `clock` is the wall-clock time to stamp status changes with.
    pub fn apply(&mut self, ev: &EngineEvent, now: Instant, clock: &str) {
        if let Some(held) = self.held.as_mut() {
            match ev {
                EngineEvent::Context(_) => {}
                EngineEvent::RunFinished {
                    interrupted: Some(_),
                    ..
                } => {
                    // Nothing of this run is shown: the last verdicts stay, marked stale.
                    self.held = None;
                    self.run_active = false;
                    self.runs += 1;
                    self.note_interruption(ev);
                    return;
                }
                EngineEvent::RunFinished { .. } => {
                    for held in self.held.take().unwrap_or_default() {
                        self.apply(&held, now, clock);
                    }
                }
                _ => {
                    if matches!(ev, EngineEvent::RunStarted { .. }) {
                        self.run_active = true;
                    }
                    held.push(ev.clone());
                    return;
                }
            }
        }
        match ev {
            EngineEvent::RunStarted { .. } => {
                self.run_active = true;
                self.cycle_from = self.changes.len();
            }
            EngineEvent::Started { id } => {
                self.running_since.insert(id.clone(), now);
            }
            EngineEvent::Finished { id, result } => {
                self.running_since.remove(id);
                if let Some(prev) = self.last_status.insert(id.clone(), result.status)
                    && prev != result.status
                {
                    self.changes.push(Change {
                        at: clock.to_string(),
                        id: id.clone(),
                        from: prev,
                        to: result.status,
                    });
                    // The chosen check changed: its detail from the top, the change in view.
                    if self.anchor.as_ref().is_some_and(|a| &a.id == id) {
                        self.detail_scroll = 0;
                    }
                }
            }
            EngineEvent::RunFinished { interrupted, .. } => {
                self.run_active = false;
                self.runs += 1;
                if interrupted.is_some() {
                    self.note_interruption(ev);
                } else {
                    if self.stale.take().is_some() {
                        self.notice = Some(crate::t!("tui-toast-aws-back", clock = clock));
                    }
                    self.observed_at = Some(clock.to_string());
                    if self.runs > 1 {
                        self.last_cycle = Some(self.cycle_summary(clock));
                    }
                }
            }
            EngineEvent::Context(_) | EngineEvent::Path(_) => {}
        }
        self.state.apply(ev);
    }

    /// A run that could not observe: mark the verdicts shown stale (from when they were
    /// observed) and say what to do, once per episode.
    fn note_interruption(&mut self, ev: &EngineEvent) {
        let EngineEvent::RunFinished {
            interrupted: Some(i),
            ..
        } = ev
        else {
            return;
        };
        let stale = Stale {
            since: self.observed_at.clone(),
            interruption: i.clone(),
        };
        if self.stale.as_ref() != Some(&stale) {
            self.notice = Some(stale.text());
        }
        self.stale = Some(stale);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    /// Tree guides before the id ("├─ ", "│  └─ " …); empty in the root-cause section.
    pub prefix: String,
    pub root_cause_section: bool,
    /// Posture advice, listed after the root causes (never counted as one).
    pub advice_section: bool,
}

/// The rows of the check pane: root causes first, then advice, then the dependency tree (each check
/// under the first check it needs). With a filter: the matching checks, flat.
pub fn rows(d: &Diagnosis, filter: &str) -> Vec<Row> {
    let f = filter.to_lowercase();
    if !f.is_empty() {
        return d
            .state
            .checks
            .iter()
            .filter(|c| c.id.to_lowercase().contains(&f) || c.title.to_lowercase().contains(&f))
            .map(|c| Row {
                id: c.id.clone(),
                prefix: String::new(),
                root_cause_section: false,
                advice_section: false,
            })
            .collect();
    }
    let mut out: Vec<Row> = d
        .state
        .root_causes()
        .iter()
        .map(|c| Row {
            id: c.id.clone(),
            prefix: String::new(),
            root_cause_section: true,
            advice_section: false,
        })
        .collect();
    out.extend(d.state.advice().iter().map(|c| Row {
        id: c.id.clone(),
        prefix: String::new(),
        root_cause_section: false,
        advice_section: true,
    }));
    // Each check sits under the first check it needs; the others show in its detail.
    let items: Vec<(&str, Option<&str>)> = d
        .catalog
        .checks()
        .iter()
        .map(|c| (c.id.as_str(), c.needs.first().map(String::as_str)))
        .collect();
    for row in crate::engine::catalog::tree(&items) {
        out.push(Row {
            id: items[row.index].0.to_string(),
            prefix: row.prefix,
            root_cause_section: false,
            advice_section: false,
        });
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Checks,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Picker,
    Diagnosis,
    Runbook,
}

impl Screen {
    pub fn scope(self) -> Scope {
        match self {
            Screen::Picker => Scope::Picker,
            Screen::Diagnosis => Scope::Diagnosis,
            Screen::Runbook => Scope::Runbook,
        }
    }
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    RerunAll,
    RerunFrom(String),
    Copy(String),
    Export,
    Open(String),
    /// Rerun these checks (and what depends on them) for the runbook's current step.
    Recheck(Vec<String>),
    ExportTranscript,
}

pub struct App {
    pub screen: Screen,
    pub picker: Option<Picker>,
    pub diagnosis: Option<Diagnosis>,
    pub runbook: Option<crate::runbook::Session>,
    pub focus: Pane,
    pub help: bool,
    pub filter: String,
    pub filtering: bool,
    pub toast: Option<(String, Instant)>,
    pub quit: bool,
    pub tick: u64,
    pub watch_every: Duration,
    pub watch_next: Option<Instant>,
    pub color: bool,
    /// Where the check list was drawn last, and its scroll offset (for mouse clicks).
    pub checks_area: Rect,
    pub checks_offset: usize,
    pub detail_area: Rect,
    pub picker_area: Rect,
    pub picker_offset: usize,
    /// Where each hop of the path view was drawn last (for mouse clicks).
    pub path_hits: Vec<(Rect, (usize, usize))>,
    /// The wall clock for transcript times (tests pin it).
    pub clock: fn() -> String,
}

fn local_clock() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

impl App {
    pub fn new(color: bool, watch_every: Duration) -> App {
        App {
            screen: Screen::Diagnosis,
            picker: None,
            diagnosis: None,
            runbook: None,
            focus: Pane::Checks,
            help: false,
            filter: String::new(),
            filtering: false,
            toast: None,
            quit: false,
            tick: 0,
            watch_every,
            watch_next: None,
            color,
            checks_area: Rect::default(),
            checks_offset: 0,
            detail_area: Rect::default(),
            picker_area: Rect::default(),
            picker_offset: 0,
            path_hits: Vec::new(),
            clock: local_clock,
        }
    }

    pub fn with_picker(mut self, picker: Picker) -> App {
        self.picker = Some(picker);
        self.screen = Screen::Picker;
        self
    }

    pub fn open_diagnosis(&mut self, d: Diagnosis) {
        self.diagnosis = Some(d);
        self.screen = Screen::Diagnosis;
        self.focus = Pane::Checks;
        self.filter.clear();
        self.filtering = false;
        self.watch_next = None;
    }

    /// Walk a runbook over this diagnosis.
    pub fn open_runbook(&mut self, d: Diagnosis, session: crate::runbook::Session) {
        self.open_diagnosis(d);
        self.runbook = Some(session);
        self.screen = Screen::Runbook;
        self.focus = Pane::Detail;
    }

    /// Let the runbook record its current step from the latest results.
    pub fn observe_runbook(&mut self, clock: &str) {
        if let (Some(rb), Some(d)) = (self.runbook.as_mut(), self.diagnosis.as_ref()) {
            // A re-check is recorded once its run is over, not from the results it replaces.
            if rb.recheck_pending && d.run_active {
                return;
            }
            rb.observe(&d.state, clock);
        }
    }

    /// Fold one engine event of the open diagnosis: the selection stays on the check the user
    /// chose, and a finished rerun says what it changed.
    pub fn apply_engine(&mut self, ev: &EngineEvent, now: Instant, clock: &str) {
        let Some(d) = self.diagnosis.as_mut() else {
            return;
        };
        d.apply(ev, now, clock);
        if d.anchor.is_none() && matches!(ev, EngineEvent::RunFinished { .. }) {
            // The first finished run pins what is selected (the first root cause).
            let rows = rows(d, &self.filter);
            let at = d.selected.min(rows.len().saturating_sub(1));
            d.anchor_at(&rows, at);
        }
        d.follow(&self.filter);
        // A stale or recovered cycle says so; otherwise what the cycle changed.
        if let Some(msg) = d.notice.take() {
            self.say(msg, now);
        } else if matches!(ev, EngineEvent::RunFinished { .. })
            && let Some(line) = d.last_cycle.clone()
        {
            self.say(line, now);
        }
    }

    pub fn say(&mut self, msg: impl Into<String>, now: Instant) {
        self.toast = Some((msg.into(), now));
    }

    pub fn watching(&self) -> bool {
        self.watch_next.is_some()
    }

    pub fn selected_id(&self) -> Option<String> {
        let d = self.diagnosis.as_ref()?;
        let rows = rows(d, &self.filter);
        rows.get(d.selected.min(rows.len().saturating_sub(1)))
            .map(|r| r.id.clone())
    }

    fn list_len(&self) -> usize {
        match self.screen {
            Screen::Picker => self
                .picker
                .as_ref()
                .map(|p| p.visible(&self.filter).len())
                .unwrap_or(0),
            Screen::Diagnosis => self
                .diagnosis
                .as_ref()
                .map(|d| rows(d, &self.filter).len())
                .unwrap_or(0),
            Screen::Runbook => 0,
        }
    }

    fn selection_mut(&mut self) -> Option<&mut usize> {
        match self.screen {
            Screen::Picker => self.picker.as_mut().map(|p| &mut p.selected),
            Screen::Diagnosis => self.diagnosis.as_mut().map(|d| &mut d.selected),
            Screen::Runbook => None,
        }
    }

    fn move_selection(&mut self, to: impl Fn(usize, usize) -> usize) {
        let len = self.list_len();
        if let Some(sel) = self.selection_mut() {
            let next = if len == 0 {
                0
            } else {
                to(*sel, len).min(len - 1)
            };
            if next != *sel {
                *sel = next;
                if let Some(d) = self.diagnosis.as_mut() {
                    d.detail_scroll = 0;
                }
            }
        }
        if self.screen == Screen::Diagnosis
            && let Some(d) = self.diagnosis.as_mut()
        {
            let rows = rows(d, &self.filter);
            let at = d.selected.min(rows.len().saturating_sub(1));
            d.anchor_at(&rows, at);
        }
    }

    /// The filter changed back: the selection finds the chosen check in the full list.
    fn clear_filter(&mut self) {
        self.filter.clear();
        if let Some(d) = self.diagnosis.as_mut() {
            d.follow("");
        }
    }

    fn scroll_detail(&mut self, delta: i32) {
        if let Some(d) = self.diagnosis.as_mut() {
            d.detail_scroll = (d.detail_scroll as i32 + delta).max(0) as u16;
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, now: Instant) -> Option<Effect> {
        if self.filtering {
            match key.code {
                KeyCode::Enter => self.filtering = false,
                KeyCode::Esc => {
                    self.filtering = false;
                    self.clear_filter();
                }
                KeyCode::Backspace => {
                    self.filter.pop();
                }
                KeyCode::Tab => {
                    if let Some(done) = self.picker.as_ref().and_then(|p| p.complete(&self.filter))
                    {
                        self.filter = done;
                        self.move_selection(|_, _| 0);
                    }
                }
                KeyCode::Char(c) if !c.is_control() => {
                    self.filter.push(c);
                    self.move_selection(|_, _| 0);
                }
                _ => {}
            }
            return None;
        }
        let action = action_for(&key, self.screen.scope())?;
        if self.help {
            // The help overlay takes any of its own keys, or Esc/q, to close.
            if matches!(action, Action::Help | Action::Back | Action::Quit) {
                self.help = false;
            }
            return None;
        }
        self.act(action, now)
    }

    pub fn act(&mut self, action: Action, now: Instant) -> Option<Effect> {
        if self.screen == Screen::Runbook {
            return self.act_runbook(action, now);
        }
        let in_detail = self.screen == Screen::Diagnosis && self.focus == Pane::Detail;
        match action {
            Action::Quit => self.quit = true,
            Action::Back => {
                if !self.filter.is_empty() {
                    self.clear_filter();
                } else if self.screen == Screen::Diagnosis && self.picker.is_some() {
                    self.screen = Screen::Picker;
                    self.watch_next = None;
                } else {
                    self.quit = true;
                }
            }
            Action::Help => self.help = true,
            Action::TogglePath => return self.toggle_path(now),
            Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::Top
            | Action::Bottom
                if !in_detail && self.path_shown() =>
            {
                self.move_hop(action);
            }
            Action::Left | Action::Right => {}
            Action::Open if self.screen == Screen::Diagnosis => self.jump_to_judges(now),
            Action::Up if in_detail => self.scroll_detail(-1),
            Action::Down if in_detail => self.scroll_detail(1),
            Action::Up => self.move_selection(|s, _| s.saturating_sub(1)),
            Action::Down => self.move_selection(|s, _| s + 1),
            Action::Top if in_detail => self.scroll_detail(-10_000),
            Action::Top => self.move_selection(|_, _| 0),
            Action::Bottom => self.move_selection(|_, len| len.saturating_sub(1)),
            Action::PageUp => self.scroll_detail(-10),
            Action::PageDown => self.scroll_detail(10),
            Action::SwitchPane => {
                self.focus = match self.focus {
                    Pane::Checks => Pane::Detail,
                    Pane::Detail => Pane::Checks,
                }
            }
            Action::Filter => {
                self.filtering = true;
                self.filter.clear();
            }
            Action::Open => {
                let picker = self.picker.as_ref()?;
                let item = picker
                    .visible(&self.filter)
                    .get(picker.selected)
                    .map(|i| i.key.clone())?;
                return Some(Effect::Open(item));
            }
            Action::RerunAll => return self.rerun_all(now),
            Action::RerunSelected => {
                let id = self.selected_id()?;
                if self.diagnosis.as_ref().is_some_and(|d| d.run_active) {
                    self.say(crate::t!("tui-toast-run-in-progress"), now);
                    return None;
                }
                self.say(crate::t!("tui-toast-rerun-from", id = &id), now);
                return Some(Effect::RerunFrom(id));
            }
            Action::ToggleWatch => {
                if self.watching() {
                    self.watch_next = None;
                    self.say(crate::t!("tui-toast-watch-off"), now);
                } else {
                    self.watch_next = Some(now + self.watch_every);
                    self.say(
                        crate::t!("tui-toast-watch-on", every = self.watch_every.as_secs()),
                        now,
                    );
                }
            }
            Action::Copy => {
                let id = self.selected_id()?;
                let d = self.diagnosis.as_ref()?;
                let cmd = d
                    .state
                    .get(&id)
                    .and_then(|c| c.result())
                    .and_then(|r| r.remediation.iter().find_map(|f| f.command.clone()));
                match cmd {
                    Some(c) => {
                        self.say(crate::t!("tui-toast-copied", id = &id), now);
                        return Some(Effect::Copy(c));
                    }
                    None => self.say(crate::t!("tui-toast-no-fix-command", id = &id), now),
                }
            }
            Action::Export => {
                if self.diagnosis.as_ref().is_some_and(|d| d.state.finished) {
                    return Some(Effect::Export);
                }
                self.say(crate::t!("tui-toast-export-wait"), now);
            }
            Action::NextStep | Action::PreviousStep | Action::Recheck => {}
        }
        None
    }

    fn act_runbook(&mut self, action: Action, now: Instant) -> Option<Effect> {
        let run_active = self.diagnosis.as_ref().is_some_and(|d| d.run_active);
        match action {
            Action::Quit | Action::Back => self.quit = true,
            Action::Help => self.help = true,
            Action::Up => self.scroll_detail(-1),
            Action::Down => self.scroll_detail(1),
            Action::PageUp => self.scroll_detail(-10),
            Action::PageDown => self.scroll_detail(10),
            Action::Top => self.scroll_detail(-10_000),
            Action::NextStep | Action::PreviousStep => {
                let rb = self.runbook.as_mut()?;
                let moved = if action == Action::NextStep {
                    rb.advance()
                } else {
                    rb.previous()
                };
                match moved {
                    Ok(()) => {
                        if let Some(d) = self.diagnosis.as_mut() {
                            d.detail_scroll = 0;
                        }
                        let clock = (self.clock)();
                        self.observe_runbook(&clock);
                    }
                    Err(e) => self.say(e, now),
                }
            }
            Action::Recheck => {
                if run_active {
                    self.say(crate::t!("tui-toast-check-running"), now);
                    return None;
                }
                let rb = self.runbook.as_mut()?;
                let checks = rb.request_recheck();
                let id = rb.step().id.clone();
                self.say(crate::t!("tui-toast-rechecking", id = &id), now);
                return Some(Effect::Recheck(checks));
            }
            Action::Copy => {
                let rb = self.runbook.as_ref()?;
                let cmd = rb.records[rb.current]
                    .results
                    .iter()
                    .flat_map(|(_, r)| r.remediation.iter())
                    .find_map(|f| f.command.clone());
                match cmd {
                    Some(c) => {
                        self.say(crate::t!("tui-toast-step-copied"), now);
                        return Some(Effect::Copy(c));
                    }
                    None => self.say(crate::t!("tui-toast-step-no-fix-command"), now),
                }
            }
            Action::Export => return Some(Effect::ExportTranscript),
            _ => {}
        }
        None
    }

    /// Whether the path view is on screen (on, and a path was drawn).
    pub fn path_shown(&self) -> bool {
        self.screen == Screen::Diagnosis
            && self
                .diagnosis
                .as_ref()
                .is_some_and(|d| d.path_view && d.state.path.is_some())
    }

    fn toggle_path(&mut self, now: Instant) -> Option<Effect> {
        let d = self.diagnosis.as_mut()?;
        if !d.path_view && d.state.path.is_none() {
            self.say(crate::t!("tui-path-none"), now);
            return None;
        }
        d.path_view = !d.path_view;
        d.detail_scroll = 0;
        if d.path_view {
            d.hop = first_failing_hop(d).unwrap_or(d.hop);
        }
        None
    }

    fn move_hop(&mut self, action: Action) {
        let Some(d) = self.diagnosis.as_mut() else {
            return;
        };
        let Some(path) = d.state.path.as_ref() else {
            return;
        };
        let rows = path.rows();
        let (mut row, mut col) = d.hop;
        match action {
            Action::Up => row = row.saturating_sub(1),
            Action::Down => row = (row + 1).min(rows.len().saturating_sub(1)),
            Action::Top => row = 0,
            Action::Bottom => row = rows.len().saturating_sub(1),
            Action::Left => col = col.saturating_sub(1),
            _ => col += 1,
        }
        let len = rows.get(row).map(|r| r.1.len()).unwrap_or(0);
        col = col.min(len.saturating_sub(1));
        if (row, col) != d.hop {
            d.hop = (row, col);
            d.detail_scroll = 0;
        }
    }

    /// The selected hop's checks: the tree opens at the one that decides its colour (a root
    /// cause first), and a toast names the others.
    fn jump_to_judges(&mut self, now: Instant) {
        if !self.path_shown() {
            return;
        }
        let Some((id, others)) = self.diagnosis.as_ref().and_then(judges_of_selected_hop) else {
            return;
        };
        let Some(d) = self.diagnosis.as_mut() else {
            return;
        };
        let root = d.state.root_causes().iter().any(|c| c.id == id);
        d.anchor = Some(Anchor {
            id: id.clone(),
            section: if root {
                Section::RootCause
            } else {
                Section::Tree
            },
        });
        d.path_view = false;
        d.detail_scroll = 0;
        self.focus = Pane::Checks;
        self.filter.clear();
        if let Some(d) = self.diagnosis.as_mut() {
            d.follow("");
        }
        let text = if others.is_empty() {
            crate::t!("tui-toast-path-jump-one", id = &id)
        } else {
            crate::t!("tui-toast-path-jump", id = &id, others = others.join(", "))
        };
        self.say(text, now);
    }

    fn rerun_all(&mut self, now: Instant) -> Option<Effect> {
        let d = self.diagnosis.as_ref()?;
        if d.run_active {
            self.say(crate::t!("tui-toast-run-in-progress"), now);
            return None;
        }
        // Once there are verdicts, a run that cannot observe does not replace them.
        if let Some(d) = self.diagnosis.as_mut()
            && d.state.finished
        {
            d.hold_next_run();
        }
        Some(Effect::RerunAll)
    }

    /// Time passes: spinners turn, toasts fade, watch mode reruns.
    pub fn on_tick(&mut self, now: Instant) -> Option<Effect> {
        self.tick = self.tick.wrapping_add(1);
        if let Some((_, at)) = &self.toast
            && now.duration_since(*at) > Duration::from_secs(4)
        {
            self.toast = None;
        }
        if self.screen == Screen::Diagnosis
            && let Some(next) = self.watch_next
            && now >= next
            && self.diagnosis.as_ref().is_some_and(|d| !d.run_active)
        {
            self.watch_next = Some(now + self.watch_every);
            if let Some(d) = self.diagnosis.as_mut() {
                d.hold_next_run();
            }
            return Some(Effect::RerunAll);
        }
        None
    }

    pub fn handle_mouse(&mut self, m: MouseEvent) -> Option<Effect> {
        let inside = |r: Rect| {
            m.column >= r.x && m.column < r.x + r.width && m.row >= r.y && m.row < r.y + r.height
        };
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) if self.path_shown() => {
                if let Some((_, hop)) = self.path_hits.iter().find(|(r, _)| inside(*r)).copied()
                    && let Some(d) = self.diagnosis.as_mut()
                {
                    if d.hop != hop {
                        d.hop = hop;
                        d.detail_scroll = 0;
                    }
                    self.focus = Pane::Checks;
                } else if inside(self.detail_area) {
                    self.focus = Pane::Detail;
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
                if self.path_shown() && !inside(self.detail_area) =>
            {
                self.move_hop(if m.kind == MouseEventKind::ScrollDown {
                    Action::Down
                } else {
                    Action::Up
                });
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let (area, offset) = match self.screen {
                    Screen::Picker => (self.picker_area, self.picker_offset),
                    Screen::Diagnosis => (self.checks_area, self.checks_offset),
                    Screen::Runbook => return None,
                };
                // Rows start one line below the pane's top border (the picker has a header row too).
                let first_row = area.y + if self.screen == Screen::Picker { 2 } else { 1 };
                if inside(area) && m.row >= first_row {
                    let index = offset + (m.row - first_row) as usize;
                    if index < self.list_len() {
                        self.move_selection(|_, _| index);
                        self.focus = Pane::Checks;
                    }
                } else if self.screen == Screen::Diagnosis && inside(self.detail_area) {
                    self.focus = Pane::Detail;
                }
            }
            MouseEventKind::ScrollDown => {
                if self.screen != Screen::Picker && inside(self.detail_area) {
                    self.scroll_detail(3);
                } else {
                    self.move_selection(|s, _| s + 1);
                }
            }
            MouseEventKind::ScrollUp => {
                if self.screen != Screen::Picker && inside(self.detail_area) {
                    self.scroll_detail(-3);
                } else {
                    self.move_selection(|s, _| s.saturating_sub(1));
                }
            }
            _ => {}
        }
        None
    }

    /// Spinner frame for running checks.
    pub fn spinner(&self) -> &'static str {
        const FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
        FRAMES[(self.tick as usize) % FRAMES.len()]
    }
}

/// Duration text for a check: elapsed while running, final when done.
/// The selected hop, its verdict judged now.
pub fn selected_hop(d: &Diagnosis) -> Option<crate::engine::path::Hop> {
    let path = d.state.path.as_ref()?;
    let rows = path.rows();
    let (_, hops, _) = rows.get(d.hop.0)?;
    let hop = hops.get(d.hop.1)?;
    let mut hop = hop.clone();
    let verdict = crate::engine::path::judge(&hop, &d.state);
    hop.status = verdict.status;
    hop.root_cause = verdict.root_cause;
    Some(hop)
}

/// The check that decides the selected hop's colour (a root cause, else the worst verdict,
/// else the first), and the hop's other checks.
fn judges_of_selected_hop(d: &Diagnosis) -> Option<(String, Vec<String>)> {
    let hop = selected_hop(d)?;
    let verdict = crate::engine::path::judge(&hop, &d.state);
    let roots: Vec<String> = d.state.root_causes().iter().map(|c| c.id.clone()).collect();
    let rank = |(id, status): &(String, Option<Status>)| {
        (
            !(roots.contains(id) && crate::engine::path::concerns(&hop, id)),
            status.unwrap_or(Status::NotApplicable),
        )
    };
    let chosen = verdict.checks.iter().min_by_key(|c| rank(c))?.0.clone();
    let others = verdict
        .checks
        .iter()
        .map(|(id, _)| id.clone())
        .filter(|id| *id != chosen)
        .collect();
    Some((chosen, others))
}

/// Where the path view opens: the root cause's hop, else the first failing one.
fn first_failing_hop(d: &Diagnosis) -> Option<(usize, usize)> {
    let path = d.state.path.as_ref()?.judged(&d.state);
    let rows = path.rows();
    let at = |want: &dyn Fn(&crate::engine::path::Hop) -> bool| {
        rows.iter()
            .enumerate()
            .find_map(|(r, (_, hops, _))| hops.iter().position(want).map(|c| (r, c)))
    };
    at(&|h| h.root_cause).or_else(|| at(&|h| h.status == Some(Status::Fail)))
}

pub fn duration_text(d: &Diagnosis, id: &str, now: Instant) -> String {
    match d.state.get(id).map(|c| &c.phase) {
        Some(Phase::Running) => d
            .running_since
            .get(id)
            .map(|t| format!("{:.1}s", now.duration_since(*t).as_secs_f32()))
            .unwrap_or_default(),
        Some(Phase::Done(r)) if r.duration_ms > 0 => {
            if r.duration_ms >= 1000 {
                format!("{:.1}s", r.duration_ms as f32 / 1000.0)
            } else {
                format!("{}ms", r.duration_ms)
            }
        }
        _ => String::new(),
    }
}
