//! vpce-doctor: diagnose AWS PrivateLink / VPC endpoint connectivity.
//!
//! Layers, outermost first: `app`/`cli` (composition, clap) → faces (`tui`, `headless`, with
//! `report`, `scan`, `runbook`, `demo`) → `session` (plain options, clients, a diagnosis run)
//! → `engine` (graph, scheduler, run state; no I/O, no UI) ← `checks` (pure evaluation of
//! facts) ← `facts` (the only I/O: AWS SDK, DNS, snapshots). No import circle among these
//! (the architecture test, `src/architecture_tests.rs`, holds it).

pub mod app;
#[cfg(test)]
mod architecture_tests;
pub mod checks;
pub mod cli;
pub mod cli_docs;
pub mod color;
pub mod config;
pub mod context;
pub mod demo;
pub mod engine;
pub mod facts;
#[cfg(test)]
mod fuzz_tests;
pub mod headless;
pub mod i18n;
pub mod report;
pub mod runbook;
pub mod sanitize;
pub mod scan;
pub mod session;
pub mod target;
pub mod tui;
pub mod workload;

/// When the process started, for the time-to-first-frame measurement in the log.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
