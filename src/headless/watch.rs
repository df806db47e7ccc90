//! `check --watch`: the diagnosis rerun every interval, one line per cycle (time, what
//! changed, API calls) — for scripts and for the soak test, on the same rerun path as the
//! interactive watch (`Session::spawn` with fresh facts each cycle). A cycle whose
//! credentials failed, or that AWS throttled, keeps the last verdicts and says so.

use std::collections::HashMap;
use std::io::Write;
use std::time::Duration;

use crate::engine::outcome::Status;
use crate::engine::state::RunState;
use crate::report::{Report, Timings};
use crate::session::{InputError, Session};

/// How often and how long to watch.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchOptions {
    /// Pause between the end of one cycle and the start of the next.
    pub interval: Duration,
    /// Stop after this many cycles (`None`: until interrupted).
    pub cycles: Option<u64>,
}

/// Every API call made so far (all operations, all accounts).
fn calls(session: &Session) -> u64 {
    session
        .facts
        .stats
        .snapshot()
        .values()
        .map(|s| u64::from(s.calls))
        .sum()
}

/// The checks whose status differs between two runs: `id from→to`, in catalog order.
pub fn changes(before: &RunState, after: &RunState) -> Vec<String> {
    after
        .checks
        .iter()
        .filter_map(|c| {
            let to = c.status()?;
            let from = before.get(&c.id)?.status()?;
            (from != to).then(|| format!("{} {}→{}", c.id, from.as_str(), to.as_str()))
        })
        .collect()
}

async fn one_cycle(session: &Session, fresh: bool) -> RunState {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut state = RunState::new(&session.catalog);
    let run = session.spawn(None, HashMap::new(), fresh, tx);
    while let Some(ev) = rx.recv().await {
        state.apply(&ev);
    }
    let _ = run.await;
    state
}

/// Run the cycles, print a line for each, and answer the exit code of the last verdicts
/// that got through (3, unknown, when none did).
pub async fn watch(session: Session, options: WatchOptions) -> Result<i32, InputError> {
    let mut out = std::io::stdout();
    let mut good: Option<(RunState, String)> = None;
    let mut cycle = 0u64;
    loop {
        cycle += 1;
        let before = calls(&session);
        // The first cycle reuses what the credentials check already observed.
        let state = one_cycle(&session, cycle > 1).await;
        let spent = calls(&session) - before;
        let at = chrono::Local::now().format("%H:%M:%S").to_string();
        let line = match (&state.interrupted, &good) {
            (Some(i), _) => {
                let since = good
                    .as_ref()
                    .map_or(crate::t!("headless-watch-no-verdicts"), |(_, t)| {
                        crate::t!("headless-watch-stale", since = t)
                    });
                crate::t!(
                    "headless-watch-interrupted",
                    at = &at,
                    cycle = cycle,
                    since = since,
                    why = crate::sanitize::terminal_safe(&i.text()),
                    spent = spent
                )
            }
            (None, previous) => {
                let changed = previous
                    .as_ref()
                    .map(|(p, _)| changes(p, &state))
                    .unwrap_or_default();
                let counts = state.counts();
                let list = if changed.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", changed.join(", "))
                };
                crate::t!(
                    "headless-watch-cycle",
                    at = &at,
                    cycle = cycle,
                    changes = changed.len(),
                    list = list,
                    spent = spent,
                    fail = counts[&Status::Fail],
                    unknown = counts[&Status::Unknown]
                )
            }
        };
        // A closed pipe (`| head`) ends the watch quietly.
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            break;
        }
        if state.interrupted.is_none() {
            good = Some((state, at));
        }
        if options.cycles.is_some_and(|n| cycle >= n) {
            break;
        }
        tokio::time::sleep(options.interval).await;
    }
    Ok(match good {
        Some((state, _)) => {
            Report::build(&state, session.facts.stats.snapshot(), Timings::default()).exit_code
        }
        None => 3,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_replayed_watch_prints_a_line_per_cycle_and_keeps_the_exit_code() {
        let catalog = std::sync::Arc::new(crate::engine::catalog::Catalog::embedded().unwrap());
        let scenario = crate::demo::find("healthy").expect("scenario");
        let session = crate::demo::session(scenario, catalog).expect("scenario parses");
        let code = watch(
            session,
            WatchOptions {
                interval: Duration::ZERO,
                cycles: Some(3),
            },
        )
        .await
        .unwrap();
        assert_eq!(code, 0);
    }
}
