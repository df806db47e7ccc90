//! The record of a walk, for the incident ticket (Markdown) and for tools (JSON).

use std::fmt::Write as _;

use serde::Serialize;

use super::{Entry, OnFail, Session};
use crate::engine::outcome::{Remediation, Status};
use crate::report::ReportContext;

pub const TRANSCRIPT_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct CheckLine {
    pub id: String,
    pub status: Status,
    pub summary: String,
    pub remediation: Vec<Remediation>,
}

#[derive(Debug, Serialize)]
pub struct StepLine {
    pub index: usize,
    pub id: String,
    pub title: String,
    pub checks: Vec<String>,
    pub reached: bool,
    pub verdict: Option<Status>,
    pub checked_at: Option<String>,
    pub on_fail: OnFail,
    pub results: Vec<CheckLine>,
}

#[derive(Debug, Serialize)]
pub struct Transcript {
    pub schema_version: u32,
    pub runbook: String,
    pub title: String,
    pub target: String,
    pub generated_at: String,
    pub command_line: Vec<String>,
    pub context: ReportContext,
    pub steps: Vec<StepLine>,
    pub transcript: Vec<Entry>,
    pub stopped: Option<String>,
    pub exit_code: i32,
}

impl Transcript {
    pub fn build(session: &Session, target: &str, context: ReportContext) -> Transcript {
        let steps = session
            .runbook
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let rec = &session.records[i];
                StepLine {
                    index: i + 1,
                    id: s.id.clone(),
                    title: s.title.clone(),
                    checks: s.checks.clone(),
                    reached: session.reached(i),
                    verdict: rec.verdict,
                    checked_at: rec.at.clone(),
                    on_fail: s.on_fail.clone(),
                    results: rec
                        .results
                        .iter()
                        .map(|(id, r)| CheckLine {
                            id: id.clone(),
                            status: r.status,
                            summary: r.summary.clone(),
                            remediation: r.remediation.clone(),
                        })
                        .collect(),
                }
            })
            .collect();
        Transcript {
            schema_version: TRANSCRIPT_SCHEMA_VERSION,
            runbook: session.runbook.name.clone(),
            title: session.runbook.title.clone(),
            target: target.to_string(),
            generated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            command_line: crate::report::command_line(),
            context,
            steps,
            transcript: session.transcript.clone(),
            stopped: session.stopped.clone(),
            exit_code: session.exit_code(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a transcript serialises") + "\n"
    }

    pub fn to_markdown(&self) -> String {
        let inline = |s: &str| {
            crate::sanitize::terminal_safe(s)
                .replace('|', "\\|")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let mut out = String::new();
        let c = &self.context;
        let _ = writeln!(
            out,
            "# Runbook `{}`: {}\n",
            self.runbook,
            inline(&self.title)
        );
        let _ = writeln!(
            out,
            "Target `{}` · {} · consumer {} · provider {} · {}\n",
            inline(&self.target),
            inline(&c.region),
            inline(c.consumer_account.as_deref().unwrap_or("unknown")),
            inline(c.provider_account.as_deref().unwrap_or("unknown")),
            self.generated_at
        );
        let _ = writeln!(out, "## Checklist\n");
        for s in &self.steps {
            let mark =
                if s.verdict == Some(Status::Pass) || s.verdict == Some(Status::NotApplicable) {
                    "x"
                } else {
                    " "
                };
            let verdict = match (s.reached, s.verdict) {
                (true, Some(v)) => format!(
                    "{} {} ({})",
                    v.symbol(),
                    v.as_str(),
                    s.checked_at.clone().unwrap_or_default()
                ),
                _ => "not reached".to_string(),
            };
            let _ = writeln!(
                out,
                "- [{mark}] {}. {} — {verdict}",
                s.index,
                inline(&s.title)
            );
            if s.reached
                && matches!(
                    s.verdict,
                    Some(Status::Fail | Status::Warn | Status::Unknown | Status::Blocked)
                )
            {
                for r in s
                    .results
                    .iter()
                    .filter(|r| r.status != Status::Pass && r.status != Status::NotApplicable)
                {
                    let _ = writeln!(out, "  - `{}`: {}", r.id, inline(&r.summary));
                    for f in &r.remediation {
                        let _ = writeln!(
                            out,
                            "    - fix ({} account): {}",
                            f.account.as_str(),
                            inline(&f.text)
                        );
                        if let Some(cmd) = &f.command {
                            let _ = writeln!(
                                out,
                                "\n      ```sh\n      {}\n      ```\n",
                                crate::sanitize::terminal_safe(cmd).replace("```", "'''")
                            );
                        }
                    }
                }
            }
        }
        if let Some(reason) = &self.stopped {
            let _ = writeln!(out, "\n**Stopped:** {}", inline(reason));
        }
        let _ = writeln!(
            out,
            "\n## Transcript\n\n| time | step | event | verdict | observation |\n|---|---|---|---|---|"
        );
        for e in &self.transcript {
            let kind = match e.kind {
                super::EntryKind::Checked => "checked",
                super::EntryKind::Rechecked => "re-checked",
            };
            let _ = writeln!(
                out,
                "| {} | {} | {kind} | {} {} | {} |",
                e.at,
                e.step,
                e.verdict.symbol(),
                e.verdict.as_str(),
                inline(&e.observation)
            );
        }
        let _ = writeln!(
            out,
            "\n---\n`{}` · exit code {}",
            inline(&self.command_line.join(" ")),
            self.exit_code
        );
        out
    }
}
