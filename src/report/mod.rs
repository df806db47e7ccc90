//! Reports: one model built from a `RunState`, written as text or JSON.

pub mod escape;
pub mod fleet;
pub mod html;
pub mod junit;
pub mod markdown;
mod path_svg;
pub mod path_text;
pub mod redact;
pub mod spark;
pub mod spool;
pub mod text;
pub mod transcript;
pub mod workload;

#[cfg(test)]
pub(crate) mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::outcome::{Account, Evidence, Remediation, Status};
use crate::engine::state::{RunContextInfo, RunState, TargetInfo};
use crate::facts::OperationStats;

pub const SCHEMA_VERSION: u32 = 2;

/// The JSON Schema of [`Report`], shipped in `assets/` and embedded.
pub const JSON_SCHEMA: &str = include_str!("../../assets/report.schema.json");

/// How this process was invoked, for the record.
pub fn command_line() -> Vec<String> {
    let mut args: Vec<String> = std::env::args().collect();
    if let Some(first) = args.first_mut() {
        // The program name only, not where it happens to be installed.
        *first = std::path::Path::new(first.as_str())
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_else(|| first.clone());
    }
    args
}

/// The report formats, and the file extension each is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Html,
    Junit,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Junit => "junit.xml",
        }
    }

    /// The format a file name asks for by its extension.
    pub fn from_path(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        [
            (".json", Format::Json),
            (".md", Format::Markdown),
            (".markdown", Format::Markdown),
            (".html", Format::Html),
            (".htm", Format::Html),
            (".xml", Format::Junit),
            (".txt", Format::Text),
        ]
        .into_iter()
        .find(|(ext, _)| lower.ends_with(ext))
        .map(|(_, f)| f)
    }

    /// Render `report` in this format (`color` only matters for text on a terminal).
    pub fn render(self, report: &Report, color: bool, stats: bool) -> String {
        match self {
            Format::Text => text::render(report, &text::TextOptions { color, stats }),
            Format::Json => report.to_json(),
            Format::Markdown => markdown::render(report),
            Format::Html => html::render(report),
            Format::Junit => junit::render(report),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

impl Default for ToolInfo {
    fn default() -> Self {
        ToolInfo {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// The report's `context` object: the run context every face reads (its target is written
/// beside it, as the report's `target`).
pub type ReportContext = RunContextInfo;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
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
    /// The failing checks this failure is a consequence of (it is not a root cause).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub consequence_of: Vec<String>,
    /// The passing measurements that turned this check's failure into a warning.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub overruled_by: Vec<String>,
    pub account: Account,
    pub duration_ms: u64,
    /// The command that shows what the check looked at.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reproduce: Option<String>,
}

/// A root cause, or a piece of posture advice: the check, its words and what to do.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RootCause {
    pub id: String,
    pub summary: String,
    pub remediation: Vec<Remediation>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct ApiCalls {
    pub total: u32,
    pub by_operation: BTreeMap<String, OperationStats>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct Timings {
    pub setup_ms: u64,
    pub checks_ms: u64,
    pub total_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub schema_version: u32,
    /// The language the report's words are in (`en`, `ko`): summaries, evidence and fixes.
    /// Keys, ids and enum values are English whatever it is. Reports written before it read
    /// as English.
    #[serde(default)]
    pub lang: crate::i18n::Lang,
    pub tool: ToolInfo,
    pub generated_at: String,
    /// The command that produced the report (secrets never appear on a vpce-doctor command
    /// line: credentials come from profiles and the environment).
    pub command_line: Vec<String>,
    /// Whether account ids and IP addresses were replaced by placeholders (`--redact`).
    pub redacted: bool,
    /// What was asked and the endpoint it resolved to (schema 1 wrote the endpoint id alone,
    /// as a string; such reports still read).
    #[serde(deserialize_with = "target_of_any_version")]
    pub target: TargetInfo,
    pub context: ReportContext,
    pub checks: Vec<ReportCheck>,
    pub root_causes: Vec<RootCause>,
    /// Posture advice (status `advice`): no risk to the traffic, never counted in the exit
    /// code.
    #[serde(default)]
    pub advice: Vec<RootCause>,
    pub summary: BTreeMap<String, usize>,
    pub exit_code: i32,
    pub api_calls: ApiCalls,
    pub timings: Timings,
    /// The path the connection takes, hop by hop and zone by zone, each hop with the
    /// verdict of the checks that judge it (absent when the run could not draw one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<crate::engine::path::PathModel>,
}

/// A report's `target`: the object of schema 2, or schema 1's endpoint id.
fn target_of_any_version<'de, D: serde::Deserializer<'de>>(d: D) -> Result<TargetInfo, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Id(String),
        Full(TargetInfo),
    }
    Ok(match Either::deserialize(d)? {
        Either::Id(id) => TargetInfo::endpoint(&id),
        Either::Full(t) => t,
    })
}

impl Report {
    /// The report of a run: its checks and, from the same state, its setting.
    pub fn build(
        state: &RunState,
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
                    consequence_of: r.consequence_of.clone(),
                    overruled_by: r.overruled_by.clone(),
                    account: c.account,
                    duration_ms: r.duration_ms,
                    reproduce: r.reproduce.clone(),
                })
            })
            .collect();
        let root_causes = state
            .root_cause_fixes()
            .into_iter()
            .filter_map(|(c, remediation)| {
                let r = c.result()?;
                Some(RootCause {
                    id: c.id.clone(),
                    summary: r.summary.clone(),
                    remediation,
                })
            })
            .collect();
        let advice = state
            .advice()
            .into_iter()
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
            .map(|(s, n)| (s.as_str().to_string(), n))
            .collect();
        Report {
            schema_version: SCHEMA_VERSION,
            lang: crate::i18n::current(),
            tool: ToolInfo::default(),
            generated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            command_line: command_line(),
            redacted: false,
            target: state.context.asked.clone(),
            context: state.context.setting(),
            checks,
            root_causes,
            advice,
            summary,
            exit_code: state.exit_code(),
            api_calls: ApiCalls {
                total: api.values().map(|o| o.calls).sum(),
                by_operation: api,
            },
            timings,
            path: state.path.as_ref().map(|p| p.judged(state)),
        }
    }

    /// The number of checks with `status`.
    pub fn count(&self, status: Status) -> usize {
        self.summary.get(status.as_str()).copied().unwrap_or(0)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serialises") + "\n"
    }
}
