//! Reports: one model built from a `RunState`, written as text or JSON.

pub mod markdown;
pub mod text;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::outcome::{Account, Evidence, Remediation, Status};
use crate::engine::state::RunState;
use crate::facts::OperationStats;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct ToolInfo {
    pub name: &'static str,
    pub version: &'static str,
}

impl Default for ToolInfo {
    fn default() -> Self {
        ToolInfo {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct ReportContext {
    pub region: String,
    pub service_name: Option<String>,
    pub consumer_account: Option<String>,
    pub provider_account: Option<String>,
    pub consumer_profile: Option<String>,
    pub provider_profile: Option<String>,
    pub provider_credentials: bool,
    pub dns: String,
    pub vantage: String,
    /// `live`, or `snapshot:<file>` for a replay.
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportCheck {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub summary: String,
    pub evidence: Vec<Evidence>,
    pub remediation: Vec<Remediation>,
    pub docs: String,
    pub needs: Vec<String>,
    pub blocked_by: Vec<String>,
    pub account: Account,
    pub duration_ms: u64,
    /// The command that shows what the check looked at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reproduce: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RootCause {
    pub id: String,
    pub summary: String,
    pub remediation: Vec<Remediation>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct ApiCalls {
    pub total: u32,
    pub by_operation: BTreeMap<String, OperationStats>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Timings {
    pub setup_ms: u64,
    pub checks_ms: u64,
    pub total_ms: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: ToolInfo,
    pub generated_at: String,
    pub target: String,
    pub context: ReportContext,
    pub checks: Vec<ReportCheck>,
    pub root_causes: Vec<RootCause>,
    pub summary: BTreeMap<&'static str, usize>,
    pub exit_code: i32,
    pub api_calls: ApiCalls,
    pub timings: Timings,
}

impl Report {
    pub fn build(
        state: &RunState,
        target: &str,
        context: ReportContext,
        api: BTreeMap<String, OperationStats>,
        timings: Timings,
    ) -> Report {
        let checks: Vec<ReportCheck> = state
            .checks
            .iter()
            .filter_map(|c| {
                let r = c.result()?;
                Some(ReportCheck {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    status: r.status,
                    summary: r.summary.clone(),
                    evidence: r.evidence.clone(),
                    remediation: r.remediation.clone(),
                    docs: c.docs.clone(),
                    needs: c.needs.clone(),
                    blocked_by: r.blocked_by.clone(),
                    account: c.account,
                    duration_ms: r.duration_ms,
                    reproduce: r.reproduce.clone(),
                })
            })
            .collect();
        let root_causes = state
            .root_causes()
            .iter()
            .filter_map(|c| {
                let r = c.result()?;
                Some(RootCause {
                    id: c.id.clone(),
                    summary: r.summary.clone(),
                    remediation: r.remediation.clone(),
                })
            })
            .collect();
        let summary = state
            .counts()
            .into_iter()
            .map(|(s, n)| (s.as_str(), n))
            .collect();
        Report {
            schema_version: SCHEMA_VERSION,
            tool: ToolInfo::default(),
            generated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            target: target.to_string(),
            context,
            checks,
            root_causes,
            summary,
            exit_code: state.exit_code(),
            api_calls: ApiCalls {
                total: api.values().map(|o| o.calls).sum(),
                by_operation: api,
            },
            timings,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serialises") + "\n"
    }
}
