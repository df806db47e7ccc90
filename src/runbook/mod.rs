//! Guided runbooks: an ordered walk over catalog checks with the reasoning spelled out, a
//! branch policy per step, and a transcript of everything found and re-checked. The session
//! is a pure state machine over the engine's `RunState`; faces (TUI, headless) drive it.

pub mod transcript;

use std::collections::HashSet;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::engine::catalog::Catalog;
use crate::engine::outcome::Status;
use crate::engine::state::{CheckResult, RunState};

pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "endpoint-unreachable.toml",
        include_str!("../../checks/runbooks/endpoint-unreachable.toml"),
    ),
    (
        "private-dns.toml",
        include_str!("../../checks/runbooks/private-dns.toml"),
    ),
    (
        "onboard-consumer.toml",
        include_str!("../../checks/runbooks/onboard-consumer.toml"),
    ),
    (
        "gateway-endpoint.toml",
        include_str!("../../checks/runbooks/gateway-endpoint.toml"),
    ),
];

/// The shipped runbooks' Korean texts (`checks/runbooks/ko/`), in the order of [`EMBEDDED`].
pub const EMBEDDED_KO: &[(&str, &str)] = &[
    (
        "endpoint-unreachable.toml",
        include_str!("../../checks/runbooks/ko/endpoint-unreachable.toml"),
    ),
    (
        "private-dns.toml",
        include_str!("../../checks/runbooks/ko/private-dns.toml"),
    ),
    (
        "onboard-consumer.toml",
        include_str!("../../checks/runbooks/ko/onboard-consumer.toml"),
    ),
    (
        "gateway-endpoint.toml",
        include_str!("../../checks/runbooks/ko/gateway-endpoint.toml"),
    ),
];

/// A runbook's texts in another language: the same step ids, only the words.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedRunbook {
    title: String,
    description: String,
    #[serde(default)]
    step: Vec<TranslatedStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedStep {
    id: String,
    title: String,
    why: String,
    pass: String,
    fail: String,
    action: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRunbook {
    name: Spanned<String>,
    title: String,
    description: String,
    #[serde(default)]
    step: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Spanned<String>,
    title: String,
    checks: Spanned<Vec<Spanned<String>>>,
    why: String,
    pass: String,
    fail: String,
    action: String,
    #[serde(default)]
    on_fail: Option<Spanned<String>>,
    #[serde(default)]
    endpoint_types: Option<Spanned<Vec<String>>>,
}

/// The endpoint types a step may be limited to (`VpcEndpointType`, as AWS spells them).
pub const ENDPOINT_TYPES: &[&str] = &[
    "Interface",
    "Gateway",
    "GatewayLoadBalancer",
    "Resource",
    "ServiceNetwork",
];

/// What a failed step does to the walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "policy", content = "step")]
pub enum OnFail {
    /// Go on to the next step.
    Continue,
    /// Stop here: nothing later can pass.
    Stop,
    /// Go to another step.
    Goto(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub checks: Vec<String>,
    pub why: String,
    pub pass: String,
    pub fail: String,
    pub action: String,
    pub on_fail: OnFail,
    /// The endpoint types the step is about; empty: every type. On an endpoint of another
    /// known type the step is not applicable and is not waited for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub endpoint_types: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Runbook {
    pub name: String,
    pub title: String,
    pub description: String,
    pub steps: Vec<Step>,
}

/// A runbook that does not hold: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RunbookError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

fn line_of(text: &str, span: Option<Range<usize>>) -> usize {
    span.map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
        .unwrap_or(1)
}

/// Parse and validate one runbook: every check id exists, every branch target is a step.
pub fn parse(file: &str, text: &str, catalog: &Catalog) -> Result<Runbook, RunbookError> {
    let err = |span: Option<Range<usize>>, message: String| RunbookError {
        file: file.to_string(),
        line: line_of(text, span),
        message,
    };
    let raw: RawRunbook =
        // toml quotes keys and values from the file in its messages.
        toml::from_str(text).map_err(|e| err(e.span(), crate::sanitize::one_line(e.message())))?;
    if raw.step.is_empty() {
        return Err(err(
            Some(raw.name.span()),
            "a runbook needs at least one [[step]]".into(),
        ));
    }
    let mut ids = HashSet::new();
    for s in &raw.step {
        if !ids.insert(s.id.get_ref().clone()) {
            return Err(err(
                Some(s.id.span()),
                format!("field `id`: step id {:?} is used twice", s.id.get_ref()),
            ));
        }
    }
    let mut steps = Vec::new();
    for s in raw.step {
        if s.checks.get_ref().is_empty() {
            return Err(err(
                Some(s.checks.span()),
                format!(
                    "field `checks` of step {:?}: name at least one check",
                    s.id.get_ref()
                ),
            ));
        }
        for c in s.checks.get_ref() {
            if catalog.get(c.get_ref()).is_none() {
                return Err(err(
                    Some(c.span()),
                    format!(
                        "field `checks` of step {:?}: unknown check id {:?} (see `vpce-doctor checks`)",
                        s.id.get_ref(),
                        c.get_ref()
                    ),
                ));
            }
        }
        let on_fail = match s.on_fail.as_ref().map(|o| (o.get_ref().as_str(), o.span())) {
            None | Some(("continue", _)) => OnFail::Continue,
            Some(("stop", _)) => OnFail::Stop,
            Some((other, span)) => match other.strip_prefix("goto:") {
                Some(target) if ids.contains(target) => OnFail::Goto(target.to_string()),
                Some(target) => {
                    return Err(err(
                        Some(span),
                        format!(
                            "field `on_fail` of step {:?}: no step {target:?} to go to",
                            s.id.get_ref()
                        ),
                    ));
                }
                None => {
                    return Err(err(
                        Some(span),
                        format!(
                            "field `on_fail` of step {:?}: expected \"continue\", \"stop\" or \"goto:<step id>\", got {other:?}",
                            s.id.get_ref()
                        ),
                    ));
                }
            },
        };
        let endpoint_types = match s.endpoint_types {
            None => Vec::new(),
            Some(types) => {
                let span = types.span();
                let types = types.into_inner();
                if let Some(bad) = types.iter().find(|t| !ENDPOINT_TYPES.contains(&t.as_str())) {
                    return Err(err(
                        Some(span),
                        format!(
                            "field `endpoint_types` of step {:?}: {bad:?} is not one of {}",
                            s.id.get_ref(),
                            ENDPOINT_TYPES.join(", ")
                        ),
                    ));
                }
                types
            }
        };
        steps.push(Step {
            endpoint_types,
            id: s.id.into_inner(),
            title: s.title,
            checks: s
                .checks
                .into_inner()
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            why: s.why.trim().to_string(),
            pass: s.pass.trim().to_string(),
            fail: s.fail.trim().to_string(),
            action: s.action.trim().to_string(),
            on_fail,
        });
    }
    Ok(Runbook {
        name: raw.name.into_inner(),
        title: raw.title,
        description: raw
            .description
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        steps,
    })
}

/// The runbooks that ship with the tool, in the language of this run.
pub fn shipped(catalog: &Catalog) -> Result<Vec<Runbook>, RunbookError> {
    shipped_in(catalog, crate::i18n::current())
}

/// The shipped runbooks with their words in `lang`.
pub fn shipped_in(
    catalog: &Catalog,
    lang: crate::i18n::Lang,
) -> Result<Vec<Runbook>, RunbookError> {
    EMBEDDED
        .iter()
        .zip(EMBEDDED_KO)
        .map(|((file, text), (_, korean))| {
            let mut book = parse(&format!("checks/runbooks/{file}"), text, catalog)?;
            if lang == crate::i18n::Lang::Ko {
                translate(&mut book, &format!("checks/runbooks/ko/{file}"), korean)?;
            }
            Ok(book)
        })
        .collect()
}

/// Put a translation's words into a parsed runbook. A step the translation does not name
/// keeps its English words (a test holds the shipped translations complete); a step it names
/// that the runbook lacks is an error.
pub fn translate(book: &mut Runbook, file: &str, text: &str) -> Result<(), RunbookError> {
    let err = |span: Option<Range<usize>>, message: String| RunbookError {
        file: file.to_string(),
        line: line_of(text, span),
        message,
    };
    let words: TranslatedRunbook =
        toml::from_str(text).map_err(|e| err(e.span(), crate::sanitize::one_line(e.message())))?;
    book.title = words.title;
    book.description = words
        .description
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for t in words.step {
        let Some(step) = book.steps.iter_mut().find(|s| s.id == t.id) else {
            return Err(err(
                None,
                format!("translates step {:?}, which the runbook lacks", t.id),
            ));
        };
        step.title = t.title;
        step.why = t.why.trim().to_string();
        step.pass = t.pass.trim().to_string();
        step.fail = t.fail.trim().to_string();
        step.action = t.action.trim().to_string();
    }
    Ok(())
}

/// A user's runbook file.
pub fn load_file(path: &str, catalog: &Catalog) -> Result<Runbook, RunbookError> {
    let text = std::fs::read_to_string(path).map_err(|e| RunbookError {
        file: path.to_string(),
        line: 0,
        message: format!("cannot read: {e}"),
    })?;
    parse(path, &text, catalog)
}

/// The verdict of a step: its worst check (a failure or a block dominates).
pub fn step_verdict(statuses: &[Status]) -> Status {
    const ORDER: [Status; 6] = [
        Status::Fail,
        Status::Blocked,
        Status::Unknown,
        Status::Warn,
        Status::Pass,
        Status::NotApplicable,
    ];
    ORDER
        .into_iter()
        .find(|s| statuses.contains(s))
        .unwrap_or(Status::NotApplicable)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Checked,
    Rechecked,
}

/// One line of the record: when, which step, what was seen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub at: String,
    pub step: String,
    pub kind: EntryKind,
    pub verdict: Status,
    pub observation: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepRecord {
    pub verdict: Option<Status>,
    pub results: Vec<(String, CheckResult)>,
    pub at: Option<String>,
}

/// A walk through one runbook.
#[derive(Debug, Clone)]
pub struct Session {
    pub runbook: Runbook,
    pub current: usize,
    pub records: Vec<StepRecord>,
    pub transcript: Vec<Entry>,
    /// Why the walk cannot go on (a failed step that says stop, or a blocked one).
    pub stopped: Option<String>,
    /// The steps walked, in order (for `p` and for "not reached").
    pub path: Vec<usize>,
    /// A re-check was asked for; the next observation records it as such.
    pub recheck_pending: bool,
}

impl Session {
    pub fn new(runbook: Runbook) -> Session {
        let n = runbook.steps.len();
        Session {
            runbook,
            current: 0,
            records: vec![StepRecord::default(); n],
            transcript: Vec::new(),
            stopped: None,
            path: vec![0],
            recheck_pending: false,
        }
    }

    pub fn step(&self) -> &Step {
        &self.runbook.steps[self.current]
    }

    pub fn reached(&self, index: usize) -> bool {
        self.path.contains(&index)
    }

    /// Record the current step from the run state once all its checks have finished.
    /// Returns the verdict when something was recorded.
    pub fn observe(&mut self, state: &RunState, at: &str) -> Option<Status> {
        let step = self.runbook.steps[self.current].clone();
        if let Some(other) = other_endpoint_type(&step, state) {
            return self.not_for_this_type(&step, &other, at);
        }
        let mut results = Vec::new();
        for id in &step.checks {
            results.push((id.clone(), state.get(id)?.result()?.clone()));
        }
        let statuses: Vec<Status> = results.iter().map(|(_, r)| r.status).collect();
        let verdict = step_verdict(&statuses);
        let record = &mut self.records[self.current];
        let recheck = self.recheck_pending || record.verdict.is_some();
        if record.verdict.is_some() && !self.recheck_pending && record.results == results {
            return None;
        }
        self.recheck_pending = false;
        record.verdict = Some(verdict);
        record.results = results.clone();
        record.at = Some(at.to_string());
        let observation = results
            .iter()
            .filter(|(_, r)| r.status == verdict || verdict == Status::Pass)
            .map(|(id, r)| format!("{id}: {}", r.summary))
            .collect::<Vec<_>>()
            .join("; ");
        self.transcript.push(Entry {
            at: at.to_string(),
            step: step.id.clone(),
            kind: if recheck {
                EntryKind::Rechecked
            } else {
                EntryKind::Checked
            },
            verdict,
            observation,
        });
        // The walk stops at a blocked step (a prerequisite outside it failed) and at a failed
        // step that says so; a re-check that passes lets it go on.
        self.stopped = match verdict {
            Status::Blocked => {
                let blockers: Vec<String> = results
                    .iter()
                    .flat_map(|(_, r)| r.blocked_by.clone())
                    .collect();
                Some(crate::t!(
                    "runbook-step-blocked",
                    step = &step.id,
                    blockers = blockers.join(", ")
                ))
            }
            Status::Fail if step.on_fail == OnFail::Stop => {
                Some(crate::t!("runbook-step-failed-stop", step = &step.id))
            }
            _ => None,
        };
        Some(verdict)
    }

    /// Record a step that is about other endpoint types as not applicable, once.
    fn not_for_this_type(&mut self, step: &Step, other: &str, at: &str) -> Option<Status> {
        let record = &mut self.records[self.current];
        if record.verdict.is_some() && !self.recheck_pending {
            return None;
        }
        self.recheck_pending = false;
        record.verdict = Some(Status::NotApplicable);
        record.results = Vec::new();
        record.at = Some(at.to_string());
        self.transcript.push(Entry {
            at: at.to_string(),
            step: step.id.clone(),
            kind: EntryKind::Checked,
            verdict: Status::NotApplicable,
            observation: crate::t!(
                "runbook-step-other-type",
                types = step.endpoint_types.join(" and "),
                other = other
            ),
        });
        self.stopped = None;
        Some(Status::NotApplicable)
    }

    /// Go on: to the next step, or where the failed step's branch says.
    pub fn advance(&mut self) -> Result<(), String> {
        let Some(verdict) = self.records[self.current].verdict else {
            return Err(crate::t!("runbook-not-checked-yet"));
        };
        if let Some(reason) = &self.stopped {
            return Err(crate::t!("runbook-stopped", reason = reason));
        }
        let target = match (&self.step().on_fail, verdict) {
            (OnFail::Goto(id), Status::Fail) => self
                .runbook
                .steps
                .iter()
                .position(|s| &s.id == id)
                .unwrap_or(self.current + 1),
            _ => self.current + 1,
        };
        if target >= self.runbook.steps.len() {
            return Err(crate::t!("runbook-last-step"));
        }
        self.current = target;
        self.path.push(target);
        Ok(())
    }

    pub fn previous(&mut self) -> Result<(), String> {
        if self.path.len() <= 1 {
            return Err(crate::t!("runbook-first-step"));
        }
        self.path.pop();
        self.current = *self.path.last().expect("path is not empty");
        self.stopped = None;
        Ok(())
    }

    /// Ask for a re-check of the current step (the face reruns its checks).
    pub fn request_recheck(&mut self) -> Vec<String> {
        self.recheck_pending = true;
        self.step().checks.clone()
    }

    /// Whether the walk has ended: stopped, or the last reachable step is recorded.
    pub fn finished(&self) -> bool {
        self.stopped.is_some()
            || (self.records[self.current].verdict.is_some()
                && self.current + 1 >= self.runbook.steps.len())
    }

    /// Exit codes as `check`: 1 if a check behind a reached step failed (or blocked it),
    /// 3 if one was unknown, else 0.
    pub fn exit_code(&self) -> i32 {
        let statuses: Vec<Status> = self
            .path
            .iter()
            .flat_map(|i| self.records[*i].results.iter().map(|(_, r)| r.status))
            .collect();
        if statuses
            .iter()
            .any(|s| matches!(s, Status::Fail | Status::Blocked))
        {
            1
        } else if statuses.contains(&Status::Unknown) {
            3
        } else {
            0
        }
    }
}

/// The endpoint's type when it is a known one the step is not about (read from what
/// endpoint.found saw). An unknown type walks every step: its checks say what they cannot
/// judge.
fn other_endpoint_type(step: &Step, state: &RunState) -> Option<String> {
    if step.endpoint_types.is_empty() {
        return None;
    }
    let found = state.get("endpoint.found")?.result()?;
    let seen = found.evidence.iter().find_map(|e| match e {
        crate::engine::outcome::Evidence::Field { name, value } if name == "VpcEndpointType" => {
            Some(value.clone())
        }
        _ => None,
    })?;
    let known = ENDPOINT_TYPES
        .iter()
        .find(|t| t.eq_ignore_ascii_case(&seen))?;
    (!step.endpoint_types.iter().any(|t| t == known)).then(|| (*known).to_string())
}

/// Walk the whole runbook over one run's results, as far as it goes (headless mode).
pub fn walk(runbook: Runbook, state: &RunState, at: &str) -> Session {
    let mut s = Session::new(runbook);
    loop {
        s.observe(state, at);
        if s.stopped.is_some() || s.advance().is_err() {
            break;
        }
    }
    s
}

#[cfg(test)]
mod tests;
