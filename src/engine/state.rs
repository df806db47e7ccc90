//! `RunState`: the one model every face reads, built only by folding engine events.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::EngineEvent;
use super::catalog::Catalog;
use super::outcome::{Account, Evidence, Remediation, Status};

/// What makes two fixes the same: the command that would be run, or the words when there is
/// no command.
pub fn fix_key(f: &Remediation) -> &str {
    f.command.as_deref().unwrap_or(&f.text)
}

/// A finished check as every face shows it: fixes already rendered with the real ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    pub status: Status,
    pub summary: String,
    pub evidence: Vec<Evidence>,
    pub remediation: Vec<Remediation>,
    pub blocked_by: Vec<String>,
    /// Failing checks that explain this failure (catalog `consequence_of`): this one is a
    /// symptom, not a root cause.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consequence_of: Vec<String>,
    /// Passing measurements that outrank this check's failure (catalog `overruled_by`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overruled_by: Vec<String>,
    pub duration_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reproduce: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Pending,
    Running,
    Done(CheckResult),
}

#[derive(Debug, Clone)]
pub struct CheckEntry {
    pub id: String,
    pub title: String,
    pub account: Account,
    pub needs: Vec<String>,
    pub docs: String,
    pub explanation: String,
    pub phase: Phase,
}

impl CheckEntry {
    pub fn result(&self) -> Option<&CheckResult> {
        match &self.phase {
            Phase::Done(r) => Some(r),
            _ => None,
        }
    }
    pub fn status(&self) -> Option<Status> {
        self.result().map(|r| r.status)
    }
}

/// The setting of a run as the faces show it: the header, the report's `context`, a fleet
/// row. Built by the session and folded in from `EngineEvent::Context`. It is also the
/// report's `context` object, which names the target beside it rather than inside.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunContextInfo {
    #[serde(skip, default)]
    pub target: String,
    /// What was asked and what it resolved to (the report writes it as its `target`).
    #[serde(skip, default)]
    pub asked: TargetInfo,
    pub region: String,
    pub service_name: Option<String>,
    /// The service's region when it is not `region` (a cross-region endpoint); absent in
    /// reports of same-region endpoints and in reports written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_region: Option<String>,
    pub consumer_account: Option<String>,
    pub provider_account: Option<String>,
    pub consumer_profile: Option<String>,
    pub provider_profile: Option<String>,
    /// Whether the provider account has credentials of its own.
    pub provider_credentials: bool,
    /// Which credentials reach the provider account and why (`provider profile prod-net:
    /// sso_account_id 222222222222 in ~/.aws/config`), or why none were found; absent when
    /// `--provider-profile` named them, and in reports written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_source: Option<String>,
    /// Where DNS answers come from.
    pub dns: String,
    /// Where this machine is relative to the endpoint's VPC, as far as known.
    pub vantage: String,
    /// `live`, `snapshot:<file>` or `demo:<scenario>`.
    pub source: String,
    /// How far back the traffic checks read CloudWatch metrics (`--window`), in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_secs: Option<u32>,
}

/// What the user asked about and the endpoint it resolved to: the report's `target`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TargetInfo {
    /// The target as given: an endpoint id, a name, a URL, an address, a service.
    pub asked: String,
    /// `endpoint`, `endpoint_service`, `service_name`, `dns_name`, `url` or `ip`.
    pub kind: String,
    /// The endpoint diagnosed; `null` when nothing serves the target.
    pub endpoint_id: Option<String>,
    /// How the target reaches the endpoint (`private DNS`, `private hosted zone …`).
    pub path: Option<String>,
}

impl TargetInfo {
    /// An endpoint asked for by its id.
    pub fn endpoint(id: &str) -> TargetInfo {
        TargetInfo {
            asked: id.to_string(),
            kind: "endpoint".into(),
            endpoint_id: Some(id.to_string()),
            path: None,
        }
    }

    /// `orders.example.com → vpce-… (private DNS)`, or the id when it was asked directly.
    pub fn headline(&self) -> String {
        if self.kind == "endpoint" || self.kind.is_empty() {
            return self.asked.clone();
        }
        match (&self.endpoint_id, &self.path) {
            (Some(id), Some(p)) => format!("{} → {id} ({p})", self.asked),
            (Some(id), None) => format!("{} → {id}", self.asked),
            (None, _) => crate::t!("engine-headline-no-endpoint", asked = &self.asked),
        }
    }
}

impl RunContextInfo {
    /// The setting without the target: what a report writes as its `context` (the target
    /// stands beside it), so the object reads back equal to what was written.
    pub fn setting(&self) -> RunContextInfo {
        RunContextInfo {
            target: String::new(),
            asked: TargetInfo::default(),
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone)]
pub struct RunState {
    pub context: RunContextInfo,
    pub checks: Vec<CheckEntry>,
    pub finished: bool,
    pub elapsed_ms: u64,
    /// Why the last run's answers say nothing about the system, if they do not.
    pub interrupted: Option<super::Interruption>,
    /// The path the last run drew, if it could draw one.
    pub path: Option<super::path::PathModel>,
}

impl RunState {
    pub fn new(catalog: &Catalog) -> RunState {
        RunState {
            context: RunContextInfo::default(),
            checks: catalog
                .checks()
                .iter()
                .map(|c| CheckEntry {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    account: c.account,
                    needs: c.needs.clone(),
                    docs: c.docs.clone(),
                    explanation: c.explanation.trim().to_string(),
                    phase: Phase::Pending,
                })
                .collect(),
            finished: false,
            elapsed_ms: 0,
            interrupted: None,
            path: None,
        }
    }

    pub fn apply(&mut self, event: &EngineEvent) {
        match event {
            EngineEvent::RunStarted { ids } => {
                for c in &mut self.checks {
                    if ids.contains(&c.id) {
                        c.phase = Phase::Pending;
                    }
                }
                self.finished = false;
            }
            EngineEvent::Started { id } => {
                if let Some(c) = self.get_mut(id) {
                    c.phase = Phase::Running;
                }
            }
            EngineEvent::Finished { id, result } => {
                if let Some(c) = self.get_mut(id) {
                    c.phase = Phase::Done(result.clone());
                }
            }
            EngineEvent::RunFinished {
                elapsed_ms,
                interrupted,
            } => {
                self.finished = true;
                self.elapsed_ms = *elapsed_ms;
                self.interrupted = interrupted.clone();
            }
            EngineEvent::Context(context) => self.context = context.clone(),
            EngineEvent::Path(model) => self.path = Some(model.as_ref().clone()),
        }
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut CheckEntry> {
        self.checks.iter_mut().find(|c| c.id == id)
    }

    /// Finished results by id (what a partial rerun keeps).
    pub fn results(&self) -> std::collections::HashMap<String, CheckResult> {
        self.checks
            .iter()
            .filter_map(|c| c.result().map(|r| (c.id.clone(), r.clone())))
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<&CheckEntry> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// Failing checks that nothing else explains: the places to act. Dependents of a
    /// failure are blocked and symptoms are marked `consequence_of` their cause by the
    /// engine, so neither shows here; upstream ones come first because the catalog order is a
    /// dependency order.
    pub fn root_causes(&self) -> Vec<&CheckEntry> {
        self.checks
            .iter()
            .filter(|c| c.status() == Some(Status::Fail))
            .filter(|c| c.result().is_some_and(|r| r.consequence_of.is_empty()))
            .filter(|c| {
                c.needs
                    .iter()
                    .all(|n| self.get(n).and_then(CheckEntry::status) != Some(Status::Fail))
            })
            .collect()
    }

    /// Each root cause with the fixes to show for it: a command (or, without one, a text)
    /// already given for an earlier root cause is not repeated, since running it twice
    /// fixes nothing more.
    pub fn root_cause_fixes(&self) -> Vec<(&CheckEntry, Vec<Remediation>)> {
        let mut seen: Vec<(Account, String)> = Vec::new();
        self.root_causes()
            .into_iter()
            .map(|c| {
                let fixes = c
                    .result()
                    .map(|r| r.remediation.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .filter(|f| {
                        let key = (f.account, fix_key(f).to_string());
                        if seen.contains(&key) {
                            false
                        } else {
                            seen.push(key);
                            true
                        }
                    })
                    .cloned()
                    .collect();
                (c, fixes)
            })
            .collect()
    }

    /// Posture advice: nothing is broken, but the guide recommends otherwise.
    pub fn advice(&self) -> Vec<&CheckEntry> {
        self.checks
            .iter()
            .filter(|c| c.status() == Some(Status::Advice))
            .collect()
    }

    pub fn counts(&self) -> BTreeMap<Status, usize> {
        let mut m: BTreeMap<Status, usize> = Status::ALL.iter().map(|s| (*s, 0)).collect();
        for c in &self.checks {
            if let Some(s) = c.status() {
                *m.entry(s).or_default() += 1;
            }
        }
        m
    }

    /// DESIGN §3: 1 if anything failed, 3 if nothing failed but something is unknown, else 0
    /// (`warn` and `advice` never change it).
    pub fn exit_code(&self) -> i32 {
        let counts = self.counts();
        if counts[&Status::Fail] > 0 {
            1
        } else if counts[&Status::Unknown] > 0 {
            3
        } else {
            0
        }
    }
}
