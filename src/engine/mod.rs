//! The engine: runs the catalog's checks as a dependency graph, concurrently, and reports
//! progress as events. It knows nothing of terminals, AWS or DNS: checks are handed to it
//! as an [`Evaluator`].

pub mod catalog;
pub mod outcome;
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
    },
    /// What is known of the run's setting (target, accounts, vantage, …); sent again as more
    /// is observed, each time whole.
    Context(RunContextInfo),
}

pub type BoxFuture = Pin<Box<dyn Future<Output = Outcome> + Send>>;

/// Evaluates one check by id. Implemented by `checks::Evaluator` for real runs and by
/// closures in the engine's own tests.
pub trait Evaluator: Send + Sync + 'static {
    fn evaluate(&self, id: &str) -> BoxFuture;
    /// Values every fix template may use (`{consumer_args}`, `{region}`, …).
    fn common_vars(&self) -> Vec<(String, String)>;
}

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
        self.run_plan(evaluator, events, None, HashMap::new()).await
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
        let _ = events.send(EngineEvent::RunStarted {
            ids: waiting.iter().map(|s| s.to_string()).collect(),
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
                        let summary = format!(
                            "not evaluated: {} did not pass",
                            blockers
                                .iter()
                                .map(|b| format!("{b} ({})", finished[b.as_str()].status.as_str()))
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
                            Err(_) => Outcome::unknown(format!(
                                "could not tell: the check did not finish within {}s",
                                limit.as_secs()
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
                        Outcome::unknown(format!(
                            "could not tell: internal error in the check ({e})"
                        )),
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
        let _ = events.send(EngineEvent::RunFinished {
            elapsed_ms: started.elapsed().as_millis() as u64,
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
            duration_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use state::RunState;

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
}
