//! The engine: runs the catalog's checks as a dependency graph, concurrently, and reports
//! progress as events. It knows nothing of terminals, AWS or DNS: checks are handed to it
//! as an [`Evaluator`].

pub mod catalog;
pub mod outcome;
pub mod path;
pub mod state;

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinSet;

use catalog::{Catalog, fully_rendered, render_template};
use outcome::{Account, Outcome, Remediation, Status};
use state::{CheckResult, RunContextInfo};

#[derive(Debug, Clone, PartialEq)]
pub enum EngineEvent {
    /// A run of these checks begins (all of them, or a rerun of a few).
    RunStarted {
        ids: Vec<String>,
    },
    Started {
        id: String,
    },
    Finished {
        id: String,
        result: CheckResult,
    },
    RunFinished {
        elapsed_ms: u64,
        /// Set when the run's answers say nothing about the system (see [`Interruption`]):
        /// a face keeps the verdicts it had rather than show these.
        interrupted: Option<Interruption>,
    },
    /// What is known of the run's setting (target, accounts, vantage, …); sent again as more
    /// is observed, each time whole.
    Context(RunContextInfo),
    /// The path the connection takes, drawn from the facts the run read (sent before
    /// `RunFinished`, once per run, when the evaluator can draw one).
    Path(Box<path::PathModel>),
}

/// Why a run says nothing about the system: the credentials failed, or AWS throttled most
/// calls even after retries. Its checks are `unknown`, which a long watch should not take
/// for verdicts: it keeps the last ones, marked stale, until a run gets through again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Interruption {
    pub kind: InterruptionKind,
    /// Whose credentials failed (`None`: not one account's, or not known).
    pub account: Option<Account>,
    /// What to run or do about it, in words.
    pub hint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InterruptionKind {
    Credentials,
    Throttled,
}

impl Interruption {
    /// One line: what happened and what to do.
    pub fn text(&self) -> String {
        let hint = &self.hint;
        match (self.kind, self.account) {
            (InterruptionKind::Credentials, Some(a)) => {
                crate::t!(
                    "engine-credentials-failed-of",
                    account = a.word(),
                    hint = hint
                )
            }
            (InterruptionKind::Credentials, None) => {
                crate::t!("engine-credentials-failed", hint = hint)
            }
            (InterruptionKind::Throttled, Some(a)) => {
                crate::t!("engine-throttled-of", account = a.word(), hint = hint)
            }
            (InterruptionKind::Throttled, None) => crate::t!("engine-throttled", hint = hint),
        }
    }
}

pub type BoxFuture = Pin<Box<dyn Future<Output = Outcome> + Send>>;

/// Evaluates one check by id. Implemented by `checks::Evaluator` for real runs and by
/// closures in the engine's own tests.
pub trait Evaluator: Send + Sync + 'static {
    fn evaluate(&self, id: &str) -> BoxFuture;
    /// Values every fix template may use (`{consumer_args}`, `{region}`, …).
    fn common_vars(&self) -> Vec<(String, String)>;
    /// Asked once every check has finished: whether the run's answers were cut off.
    fn interruption(&self) -> Option<Interruption> {
        None
    }
    /// Asked once every check has finished: the path to draw from what the run read.
    fn path(&self) -> Option<PathFuture> {
        None
    }
}

pub type PathFuture = Pin<Box<dyn Future<Output = Option<path::PathModel>> + Send>>;

pub struct Engine {
    pub catalog: Arc<Catalog>,
    /// A guard for a check that never returns; facts have their own, shorter timeouts.
    pub check_timeout: Duration,
}

impl Engine {
    pub fn new(catalog: Arc<Catalog>) -> Engine {
        Engine {
            catalog,
            check_timeout: Duration::from_secs(180),
        }
    }

    /// Run every check once; each becomes ready when all it needs has finished.
    pub async fn run(&self, evaluator: Arc<dyn Evaluator>, events: UnboundedSender<EngineEvent>) {
        self.run_plan(evaluator, events, None, HashMap::new()).await;
    }

    /// Run only `only` (all checks when `None`); the others count as finished with the
    /// results in `prior` (a rerun of one check and what depends on it).
    pub async fn run_plan(
        &self,
        evaluator: Arc<dyn Evaluator>,
        events: UnboundedSender<EngineEvent>,
        only: Option<HashSet<String>>,
        prior: HashMap<String, CheckResult>,
    ) {
        let started = Instant::now();
        // A selected check whose prerequisite is neither selected nor given in `prior` would
        // wait for ever: its prerequisites run too.
        let only = only.map(|mut o| {
            for c in self.catalog.checks().iter().rev() {
                if o.contains(&c.id) {
                    o.extend(c.needs.iter().filter(|n| !prior.contains_key(*n)).cloned());
                }
            }
            o
        });
        let selected = |id: &str| only.as_ref().is_none_or(|o| o.contains(id));
        let mut waiting: Vec<&str> = self
            .catalog
            .checks()
            .iter()
            .map(|c| c.id.as_str())
            .filter(|id| selected(id))
            .collect();
        let planned: HashSet<String> = waiting.iter().map(ToString::to_string).collect();
        let _ = events.send(EngineEvent::RunStarted {
            ids: waiting.iter().map(ToString::to_string).collect(),
        });
        let common = Arc::new(evaluator.common_vars());
        let mut finished: HashMap<String, CheckResult> =
            prior.into_iter().filter(|(id, _)| !selected(id)).collect();
        let mut running: JoinSet<(String, Outcome, u64)> = JoinSet::new();
        let mut running_ids: HashMap<tokio::task::Id, String> = HashMap::new();

        loop {
            // Start everything that is ready; blocked checks finish at once and may make
            // more checks ready, so repeat until nothing changes.
            loop {
                let mut progressed = false;
                let mut still_waiting = Vec::new();
                for id in waiting.drain(..) {
                    let spec = self.catalog.get(id).expect("catalog id");
                    if !spec.needs.iter().all(|n| finished.contains_key(n)) {
                        still_waiting.push(id);
                        continue;
                    }
                    progressed = true;
                    let blockers: Vec<&String> = spec
                        .needs
                        .iter()
                        .filter(|n| !finished[n.as_str()].status.lets_dependents_run())
                        .collect();
                    if !blockers.is_empty() {
                        let mut roots: Vec<String> = Vec::new();
                        for b in &blockers {
                            let r = &finished[b.as_str()];
                            if r.status == Status::Fail {
                                roots.push((*b).clone());
                            } else {
                                roots.extend(r.blocked_by.iter().cloned());
                            }
                        }
                        roots.sort();
                        roots.dedup();
                        let summary = crate::t!(
                            "engine-not-evaluated",
                            blockers = blockers
                                .iter()
                                .map(|b| crate::t!(
                                    "engine-blocker",
                                    check = b.as_str(),
                                    status = finished[b.as_str()].status.as_str()
                                ))
                                .collect::<Vec<_>>()
                                .join(", ")
                        );
                        let result = self.render(id, Outcome::blocked(summary, roots), 0, &common);
                        let _ = events.send(EngineEvent::Started { id: id.to_string() });
                        let _ = events.send(EngineEvent::Finished {
                            id: id.to_string(),
                            result: result.clone(),
                        });
                        finished.insert(id.to_string(), result);
                        continue;
                    }
                    let _ = events.send(EngineEvent::Started { id: id.to_string() });
                    let fut = evaluator.evaluate(id);
                    let owned = id.to_string();
                    let limit = self.check_timeout;
                    let handle = running.spawn(async move {
                        let t0 = Instant::now();
                        let outcome = match tokio::time::timeout(limit, fut).await {
                            Ok(o) => o,
                            Err(_) => Outcome::unknown(crate::t!(
                                "engine-check-timed-out",
                                secs = limit.as_secs()
                            )),
                        };
                        (owned, outcome, t0.elapsed().as_millis() as u64)
                    });
                    running_ids.insert(handle.id(), id.to_string());
                }
                waiting = still_waiting;
                if !progressed {
                    break;
                }
            }
            let Some(joined) = running.join_next_with_id().await else {
                break;
            };
            let (id, outcome, ms) = match joined {
                Ok((_, (id, outcome, ms))) => (id, outcome, ms),
                Err(e) => {
                    // A panicking check must not take the run (or the terminal) down with it.
                    let id = running_ids.get(&e.id()).cloned().unwrap_or_default();
                    (
                        id,
                        Outcome::unknown(crate::t!("engine-internal-error", error = e.to_string())),
                        0,
                    )
                }
            };
            let result = self.render(&id, outcome, ms, &common);
            let _ = events.send(EngineEvent::Finished {
                id: id.clone(),
                result: result.clone(),
            });
            finished.insert(id, result);
        }
        // Every face folds these events, so they all see the same reconciled graph.
        for (id, result) in self.reconcile(&finished, &planned) {
            let _ = events.send(EngineEvent::Finished {
                id: id.clone(),
                result: result.clone(),
            });
            finished.insert(id, result);
        }
        if let Some(drawing) = evaluator.path()
            && let Ok(Some(model)) = tokio::time::timeout(self.check_timeout, drawing).await
        {
            let _ = events.send(EngineEvent::Path(Box::new(model)));
        }
        let _ = events.send(EngineEvent::RunFinished {
            elapsed_ms: started.elapsed().as_millis() as u64,
            interrupted: evaluator.interruption(),
        });
    }

    /// Turn a check's fix requests into text and commands from the catalog's templates.
    fn render(
        &self,
        id: &str,
        outcome: Outcome,
        duration_ms: u64,
        common: &[(String, String)],
    ) -> CheckResult {
        let remediation = outcome
            .fixes
            .iter()
            .filter_map(|req| {
                let template = self.catalog.get(id).and_then(|c| c.fix.get(req.key));
                // A check asking for a template its catalog entry lacks is a bug in this
                // tool; tests run debug builds and stop on it.
                debug_assert!(
                    template.is_some(),
                    "check {id} has no fix template {:?}",
                    req.key
                );
                let template = template?;
                let mut vars = req.vars.clone();
                vars.extend(outcome.vars.iter().cloned());
                vars.extend(common.iter().cloned());
                let mut text = render_template(template.text.trim(), &vars);
                // The evaluator's word on where the owner's commands run (e.g. no profile for
                // that account was given), so a pasted command never silently hits the wrong one.
                if template.account == Account::Provider
                    && let Some((_, note)) = common.iter().find(|(k, _)| k == "provider_note")
                    && !note.is_empty()
                {
                    text.push(' ');
                    text.push_str(note);
                }
                Some(Remediation {
                    text,
                    command: template.command.as_ref().map(|c| render_template(c, &vars)),
                    account: template.account,
                })
            })
            .collect();
        let mut vars = outcome.vars.clone();
        vars.extend(common.iter().cloned());
        let reproduce = self
            .catalog
            .get(id)
            .and_then(|c| c.reproduce.as_ref())
            .map(|t| render_template(t, &vars))
            .filter(|r| fully_rendered(r));
        CheckResult {
            reproduce,
            status: outcome.status,
            summary: outcome.summary,
            evidence: outcome.evidence,
            remediation,
            blocked_by: outcome.blocked_by,
            consequence_of: Vec::new(),
            overruled_by: Vec::new(),
            duration_ms,
        }
    }

    /// Apply the catalog's relations to what finished, for the checks in `scope` (those that
    /// ran in this plan; the others were reconciled when they ran). Returns only the results
    /// that change. Measured evidence goes first, so that a failure it overrules is no longer
    /// a cause; then each failure explained by a failing cause becomes its consequence; then
    /// blocked checks name the root causes instead of a consequence.
    fn reconcile(
        &self,
        finished: &HashMap<String, CheckResult>,
        scope: &HashSet<String>,
    ) -> Vec<(String, CheckResult)> {
        let mut adjusted: HashMap<String, CheckResult> = HashMap::new();
        let in_scope = self
            .catalog
            .checks()
            .iter()
            .filter(|c| scope.contains(&c.id));
        for spec in in_scope.clone() {
            let Some(r) = finished.get(&spec.id).filter(|r| r.status == Status::Fail) else {
                continue;
            };
            let by: Vec<String> = spec
                .overruled_by
                .iter()
                .filter(|o| finished.get(*o).is_some_and(|m| m.status == Status::Pass))
                .cloned()
                .collect();
            if by.is_empty() {
                continue;
            }
            let mut r = r.clone();
            r.status = Status::Warn;
            r.summary = crate::t!(
                "engine-overruled",
                checks = by.join(", "),
                summary = &r.summary
            );
            // The fixes would open what already lets the traffic through.
            r.remediation.clear();
            r.overruled_by = by;
            adjusted.insert(spec.id.clone(), r);
        }
        let now = |id: &str, adjusted: &HashMap<String, CheckResult>| -> Option<Status> {
            adjusted
                .get(id)
                .or_else(|| finished.get(id))
                .map(|r| r.status)
        };
        for spec in in_scope.clone() {
            let Some(r) = adjusted.get(&spec.id).or_else(|| finished.get(&spec.id)) else {
                continue;
            };
            if r.status != Status::Fail {
                continue;
            }
            let causes: Vec<String> = spec
                .consequence_of
                .iter()
                .filter(|c| now(c, &adjusted) == Some(Status::Fail))
                .cloned()
                .collect();
            if causes.is_empty() {
                continue;
            }
            // Its fixes stay: a runbook step or a detail pane shows this check alone (the
            // provider's accept step, say). Lists of root causes never repeat them, since a
            // consequence is not one.
            let mut r = r.clone();
            r.summary = crate::t!(
                "engine-consequence-of",
                causes = causes.join(", "),
                summary = &r.summary
            );
            r.consequence_of = causes;
            adjusted.insert(spec.id.clone(), r);
        }
        // A consequence's own causes, followed to the roots (the relation has no cycles).
        fn roots(id: &str, adjusted: &HashMap<String, CheckResult>, out: &mut Vec<String>) {
            match adjusted.get(id).filter(|r| !r.consequence_of.is_empty()) {
                Some(r) => {
                    for c in &r.consequence_of {
                        roots(c, adjusted, out);
                    }
                }
                None => {
                    if !out.iter().any(|o| o == id) {
                        out.push(id.to_string());
                    }
                }
            }
        }
        let consequences: HashMap<String, CheckResult> = adjusted
            .iter()
            .filter(|(_, r)| !r.consequence_of.is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut consequences = consequences;
        // Earlier runs' consequences count too (a partial rerun keeps them).
        for (id, r) in finished {
            if !r.consequence_of.is_empty() && !consequences.contains_key(id) {
                consequences.insert(id.clone(), r.clone());
            }
        }
        for spec in in_scope {
            let Some(r) = finished
                .get(&spec.id)
                .filter(|r| r.status == Status::Blocked)
            else {
                continue;
            };
            if !r.blocked_by.iter().any(|b| consequences.contains_key(b)) {
                continue;
            }
            let mut named = Vec::new();
            for b in &r.blocked_by {
                roots(b, &consequences, &mut named);
            }
            named.sort();
            let mut r = r.clone();
            r.blocked_by = named;
            adjusted.insert(spec.id.clone(), r);
        }
        let mut out: Vec<(String, CheckResult)> = self
            .catalog
            .checks()
            .iter()
            .filter_map(|c| adjusted.remove(&c.id).map(|r| (c.id.clone(), r)))
            .collect();
        out.retain(|(id, r)| finished.get(id) != Some(r));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use state::RunState;

    #[test]
    fn an_interruption_speaks_korean_when_asked() {
        let cut = Interruption {
            kind: InterruptionKind::Credentials,
            account: Some(Account::Provider),
            hint: "aws sso login --profile owner".into(),
        };
        assert_eq!(
            cut.text(),
            "the credentials of the provider account failed: aws sso login --profile owner"
        );
        let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
        let text = cut.text();
        assert!(
            text.contains("제공자 계정의 자격 증명이 실패했다"),
            "{text}"
        );
        assert!(text.contains("aws sso login --profile owner"), "{text}");
        assert!(!text.contains("the credentials"), "{text}");
        let blocker = crate::t!("engine-blocker", check = "endpoint.state", status = "fail");
        assert_eq!(blocker, "endpoint.state (실패)");
    }

    struct Fixed(HashMap<&'static str, Status>);

    impl Evaluator for Fixed {
        fn evaluate(&self, id: &str) -> BoxFuture {
            let status = self.0.get(id).copied().unwrap_or(Status::Pass);
            let id = id.to_string();
            Box::pin(async move {
                match status {
                    Status::Fail => Outcome::fail(format!("{id} failed")),
                    Status::Unknown => Outcome::unknown("no permission"),
                    _ => Outcome::pass("ok"),
                }
            })
        }
        fn common_vars(&self) -> Vec<(String, String)> {
            Vec::new()
        }
    }

    async fn run_with(failures: &[(&'static str, Status)]) -> RunState {
        let catalog = Arc::new(Catalog::embedded().unwrap());
        let engine = Engine::new(catalog.clone());
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        engine
            .run(Arc::new(Fixed(failures.iter().copied().collect())), tx)
            .await;
        let mut state = RunState::new(&catalog);
        while let Ok(ev) = rx.try_recv() {
            state.apply(&ev);
        }
        state
    }

    #[tokio::test]
    async fn failure_blocks_dependents_and_is_the_root_cause() {
        let state = run_with(&[("endpoint.state", Status::Fail)]).await;
        assert!(state.finished);
        assert_eq!(
            state.get("endpoint.state").unwrap().status(),
            Some(Status::Fail)
        );
        let dns = state.get("endpoint.dns").unwrap().result().unwrap();
        assert_eq!(dns.status, Status::Blocked);
        assert_eq!(dns.blocked_by, vec!["endpoint.state".to_string()]);
        // Transitively blocked checks name the root, not the intermediate.
        let gw = state.get("gateway.route_tables").unwrap().result().unwrap();
        assert_eq!(gw.blocked_by, vec!["endpoint.state".to_string()]);
        let roots: Vec<&str> = state.root_causes().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(roots, vec!["endpoint.state"]);
        assert_eq!(state.exit_code(), 1);
    }

    #[tokio::test]
    async fn rerun_of_one_check_reruns_its_dependents_only() {
        let catalog = Arc::new(Catalog::embedded().unwrap());
        let engine = Engine::new(catalog.clone());
        let mut state = RunState::new(&catalog);
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let failing = Arc::new(Fixed(
            [("endpoint.state", Status::Fail)].into_iter().collect(),
        ));
        engine.run(failing, tx).await;
        while let Ok(ev) = rx.try_recv() {
            state.apply(&ev);
        }
        assert_eq!(
            state.get("endpoint.dns").unwrap().status(),
            Some(Status::Blocked)
        );
        // The fix was applied: endpoint.state passes now and endpoint.dns is evaluated.
        let only = catalog.with_dependents("endpoint.state");
        assert!(only.contains("endpoint.dns") && only.contains("gateway.route_tables"));
        assert!(!only.contains("endpoint.found"));
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        engine
            .run_plan(
                Arc::new(Fixed(HashMap::new())),
                tx,
                Some(only.clone()),
                state.results(),
            )
            .await;
        let mut started = Vec::new();
        while let Ok(ev) = rx.try_recv() {
            if let EngineEvent::Started { id } = &ev {
                started.push(id.clone());
            }
            state.apply(&ev);
        }
        assert!(started.iter().all(|id| only.contains(id)), "{started:?}");
        assert_eq!(
            state.get("endpoint.dns").unwrap().status(),
            Some(Status::Pass)
        );
        assert_eq!(
            state.get("endpoint.found").unwrap().status(),
            Some(Status::Pass)
        );
        assert_eq!(state.exit_code(), 0);
    }

    #[tokio::test]
    async fn a_selection_without_prior_results_runs_what_it_needs() {
        let catalog = Arc::new(Catalog::embedded().unwrap());
        let engine = Engine::new(catalog.clone());
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let only: HashSet<String> = ["nlb.target_health".to_string()].into();
        engine
            .run_plan(
                Arc::new(Fixed(HashMap::new())),
                tx,
                Some(only),
                HashMap::new(),
            )
            .await;
        let mut state = RunState::new(&catalog);
        while let Ok(ev) = rx.try_recv() {
            state.apply(&ev);
        }
        for id in [
            "nlb.target_health",
            "nlb.listeners",
            "nlb.state",
            "service.found",
        ] {
            assert_eq!(state.get(id).unwrap().status(), Some(Status::Pass), "{id}");
        }
        assert_eq!(state.get("endpoint.dns").unwrap().status(), None);
    }

    #[tokio::test]
    async fn chain_of_blocks_names_the_root() {
        let state = run_with(&[("service.found", Status::Fail)]).await;
        let th = state.get("nlb.target_health").unwrap().result().unwrap();
        assert_eq!(th.status, Status::Blocked);
        assert_eq!(th.blocked_by, vec!["service.found".to_string()]);
    }

    #[tokio::test]
    async fn unknown_does_not_block_and_gives_exit_3() {
        let state = run_with(&[("service.found", Status::Unknown)]).await;
        assert_eq!(
            state.get("service.state").unwrap().status(),
            Some(Status::Pass)
        );
        assert_eq!(state.exit_code(), 3);
        let all_pass = run_with(&[]).await;
        assert_eq!(all_pass.exit_code(), 0);
        assert!(
            all_pass
                .checks
                .iter()
                .all(|c| c.status() == Some(Status::Pass))
        );
    }

    /// Given outcomes by id; every other check passes.
    struct Scripted(HashMap<&'static str, Outcome>);

    impl Evaluator for Scripted {
        fn evaluate(&self, id: &str) -> BoxFuture {
            let o = self
                .0
                .get(id)
                .cloned()
                .unwrap_or_else(|| Outcome::pass("ok"));
            Box::pin(async move { o })
        }
        fn common_vars(&self) -> Vec<(String, String)> {
            [
                ("endpoint_id", "vpce-1"),
                ("service_id", "vpce-svc-1"),
                ("provider_args", " --profile owner"),
                ("consumer_args", ""),
            ]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
        }
    }

    async fn scripted(outcomes: Vec<(&'static str, Outcome)>) -> RunState {
        let catalog = Arc::new(Catalog::embedded().unwrap());
        let engine = Engine::new(catalog.clone());
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        engine
            .run(Arc::new(Scripted(outcomes.into_iter().collect())), tx)
            .await;
        let mut state = RunState::new(&catalog);
        while let Ok(ev) = rx.try_recv() {
            state.apply(&ev);
        }
        state
    }

    fn roots(state: &RunState) -> Vec<&str> {
        state.root_causes().iter().map(|c| c.id.as_str()).collect()
    }

    fn result<'a>(state: &'a RunState, id: &str) -> &'a CheckResult {
        state.get(id).unwrap().result().unwrap()
    }

    #[tokio::test]
    async fn a_refused_connection_is_one_root_cause_with_its_command_once() {
        let state = scripted(vec![
            (
                "endpoint.state",
                Outcome::fail("vpce-1 is rejected").fix("rejected", &[]),
            ),
            (
                "service.connection",
                Outcome::fail("the provider rejected vpce-1")
                    .fix("accept", &[("consumer_account", "1".into())]),
            ),
        ])
        .await;
        assert_eq!(roots(&state), vec!["endpoint.state"]);
        let conn = result(&state, "service.connection");
        assert_eq!(conn.status, Status::Fail);
        assert_eq!(conn.consequence_of, vec!["endpoint.state".to_string()]);
        assert_eq!(
            conn.summary,
            "consequence of endpoint.state: the provider rejected vpce-1"
        );
        // The accept command is listed once, under the one root cause.
        let fixes = state.root_cause_fixes();
        assert_eq!(fixes.len(), 1);
        assert_eq!(
            fixes[0].1[0].command.as_deref(),
            Some(
                "aws ec2 accept-vpc-endpoint-connections --service-id vpce-svc-1 --vpc-endpoint-ids vpce-1 --profile owner"
            )
        );
    }

    #[tokio::test]
    async fn a_missing_txt_record_is_the_cause_of_an_unverified_name() {
        // Resolution not measured (outside the VPC): nothing overrules the verification.
        let outside = || {
            (
                "private_dns.resolves",
                Outcome::not_applicable("outside the VPC"),
            )
        };
        let state = scripted(vec![
            outside(),
            ("service.private_dns_txt", Outcome::fail("no TXT record")),
            (
                "service.private_dns_verified",
                Outcome::fail("pendingVerification"),
            ),
        ])
        .await;
        assert_eq!(roots(&state), vec!["service.private_dns_txt"]);
        assert_eq!(
            result(&state, "service.private_dns_verified").consequence_of,
            vec!["service.private_dns_txt".to_string()]
        );
        // The record is right: the verification itself is the one root cause.
        let state = scripted(vec![
            outside(),
            (
                "service.private_dns_txt",
                Outcome::pass("published correctly"),
            ),
            (
                "service.private_dns_verified",
                Outcome::fail("pendingVerification"),
            ),
        ])
        .await;
        assert_eq!(roots(&state), vec!["service.private_dns_verified"]);
    }

    #[tokio::test]
    async fn unhealthy_targets_behind_a_closed_group_are_its_consequence() {
        let state = scripted(vec![
            (
                "targets.security_groups",
                Outcome::fail("sg-t does not admit the NLB"),
            ),
            ("nlb.target_health", Outcome::fail("0 of 2 targets healthy")),
        ])
        .await;
        assert_eq!(roots(&state), vec!["targets.security_groups"]);
        // What the symptom blocks names the cause, not the symptom.
        let zonal = result(&state, "nlb.zonal_health");
        assert_eq!(zonal.status, Status::Blocked);
        assert_eq!(
            zonal.blocked_by,
            vec!["targets.security_groups".to_string()]
        );
        // Unhealthy for a reason of their own: the health check is the root cause.
        let state = scripted(vec![("nlb.target_health", Outcome::fail("0 of 2 healthy"))]).await;
        assert_eq!(roots(&state), vec!["nlb.target_health"]);
        assert!(
            result(&state, "nlb.target_health")
                .consequence_of
                .is_empty()
        );
    }

    #[tokio::test]
    async fn a_connect_that_passes_overrules_the_rule_readings() {
        let state = scripted(vec![
            (
                "endpoint.security_groups",
                Outcome::fail("sg-1 does not allow TCP 443").fix(
                    "allow_port",
                    &[
                        ("group_id", "sg-1".into()),
                        ("port", "443".into()),
                        ("source", "10.0.0.0/16".into()),
                        ("source_arg", "--cidr 10.0.0.0/16".into()),
                    ],
                ),
            ),
            ("endpoint.nacls", Outcome::fail("acl-1 denies 443")),
            (
                "endpoint.tcp_connect",
                Outcome::pass("connected to 10.0.1.5:443"),
            ),
        ])
        .await;
        for id in ["endpoint.security_groups", "endpoint.nacls"] {
            let r = result(&state, id);
            assert_eq!(r.status, Status::Warn, "{id}");
            assert!(
                r.summary.starts_with(
                    "rules look wrong but traffic passes (endpoint.tcp_connect) — check the rule evaluation: "
                ),
                "{}",
                r.summary
            );
            assert_eq!(r.overruled_by, vec!["endpoint.tcp_connect".to_string()]);
            assert!(r.remediation.is_empty());
        }
        assert!(roots(&state).is_empty());
        assert_eq!(state.exit_code(), 0);
    }

    #[tokio::test]
    async fn a_connect_that_times_out_behind_a_closed_group_is_its_consequence() {
        let state = scripted(vec![
            (
                "endpoint.security_groups",
                Outcome::fail("sg-1 does not allow TCP 443"),
            ),
            (
                "endpoint.tcp_connect",
                Outcome::fail("10.0.1.5:443 timed out"),
            ),
        ])
        .await;
        // The probe is evaluated (not blocked by the rule reading) and explained by it.
        let probe = result(&state, "endpoint.tcp_connect");
        assert_eq!(probe.status, Status::Fail);
        assert_eq!(
            probe.consequence_of,
            vec!["endpoint.security_groups".to_string()]
        );
        assert_eq!(roots(&state), vec!["endpoint.security_groups"]);
    }

    #[tokio::test]
    async fn dns_answers_are_measured_not_blocked_by_static_dns_checks() {
        // Wrong answer and hostnames off: the attribute is the cause.
        let state = scripted(vec![
            (
                "vpc.dns_hostnames",
                Outcome::fail("enableDnsHostnames = false"),
            ),
            (
                "private_dns.resolves",
                Outcome::fail("resolves to public addresses"),
            ),
        ])
        .await;
        assert_eq!(roots(&state), vec!["vpc.dns_hostnames"]);
        assert_eq!(
            result(&state, "private_dns.resolves").consequence_of,
            vec!["vpc.dns_hostnames".to_string()]
        );
        // A right answer does not overrule a fact it contradicts: it was asked elsewhere.
        let state = scripted(vec![(
            "vpc.dns_hostnames",
            Outcome::fail("enableDnsHostnames = false"),
        )])
        .await;
        assert_eq!(result(&state, "vpc.dns_hostnames").status, Status::Fail);
        assert_eq!(result(&state, "private_dns.resolves").status, Status::Pass);
        assert_eq!(roots(&state), vec!["vpc.dns_hostnames"]);
    }

    #[tokio::test]
    async fn a_rerun_of_the_cause_rejudges_its_consequence() {
        let catalog = Arc::new(Catalog::embedded().unwrap());
        let engine = Engine::new(catalog.clone());
        let mut state = RunState::new(&catalog);
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let broken = Scripted(
            [
                ("targets.security_groups", Outcome::fail("closed")),
                ("nlb.target_health", Outcome::fail("unhealthy")),
            ]
            .into_iter()
            .collect(),
        );
        engine.run(Arc::new(broken), tx).await;
        while let Ok(ev) = rx.try_recv() {
            state.apply(&ev);
        }
        let only = catalog.with_dependents("targets.security_groups");
        assert!(only.contains("nlb.target_health"), "{only:?}");
        // The group was opened, the targets are still unhealthy for another reason.
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let half = Scripted(
            [("nlb.target_health", Outcome::fail("unhealthy"))]
                .into_iter()
                .collect(),
        );
        engine
            .run_plan(Arc::new(half), tx, Some(only), state.results())
            .await;
        while let Ok(ev) = rx.try_recv() {
            state.apply(&ev);
        }
        let th = result(&state, "nlb.target_health");
        assert!(th.consequence_of.is_empty());
        assert_eq!(th.summary, "unhealthy");
        assert_eq!(roots(&state), vec!["nlb.target_health"]);
    }

    #[tokio::test]
    async fn advice_counts_for_nothing_in_the_verdict() {
        let state = scripted(vec![(
            "service.acceptance_required",
            Outcome::advice("connections are accepted automatically").fix("require", &[]),
        )])
        .await;
        assert_eq!(state.exit_code(), 0);
        assert!(roots(&state).is_empty());
        let advice: Vec<&str> = state.advice().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(advice, vec!["service.acceptance_required"]);
        assert_eq!(state.counts()[&Status::Advice], 1);
    }

    #[test]
    fn the_same_command_is_shown_once_across_root_causes() {
        let catalog = Catalog::embedded().unwrap();
        let mut state = RunState::new(&catalog);
        let fix = |text: &str| Remediation {
            text: text.into(),
            command: Some("aws ec2 accept-vpc-endpoint-connections --service-id s".into()),
            account: outcome::Account::Provider,
        };
        for (id, text) in [
            ("endpoint.state", "accept it"),
            ("service.allowed_principals", "accept"),
        ] {
            state.apply(&EngineEvent::Finished {
                id: id.into(),
                result: CheckResult {
                    status: Status::Fail,
                    summary: id.into(),
                    evidence: vec![],
                    remediation: vec![fix(text)],
                    blocked_by: vec![],
                    consequence_of: vec![],
                    overruled_by: vec![],
                    duration_ms: 0,
                    reproduce: None,
                },
            });
        }
        let fixes = state.root_cause_fixes();
        assert_eq!(fixes.len(), 2);
        assert_eq!(fixes[0].1.len(), 1);
        assert!(fixes[1].1.is_empty());
    }
}
