//! The record of a runbook walk as a report: Markdown for the incident ticket, JSON for tools.
//! The model is plain data; `runbook::transcript` fills it from a walk.

use std::fmt::Write as _;

use serde::Serialize;

use super::ReportContext;
use super::escape::{md_code, md_inline};
use crate::engine::outcome::{Remediation, Status};

pub const TRANSCRIPT_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct CheckLine {
    pub id: String,
    pub status: Status,
    pub summary: String,
    pub remediation: Vec<Remediation>,
}

/// What a failed step does to the walk (the runbook's `on_fail`, as the JSON carries it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "policy", content = "step")]
pub enum StepPolicy {
    Continue,
    Stop,
    Goto(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct StepLine {
    pub index: usize,
    pub id: String,
    pub title: String,
    pub checks: Vec<String>,
    pub reached: bool,
    pub verdict: Option<Status>,
    pub checked_at: Option<String>,
    pub on_fail: StepPolicy,
    pub results: Vec<CheckLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Checked,
    Rechecked,
}

/// One line of the record: when, which step, what was seen.
#[derive(Debug, Clone, Serialize)]
pub struct EntryLine {
    pub at: String,
    pub step: String,
    pub kind: EntryKind,
    pub verdict: Status,
    pub observation: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Transcript {
    pub schema_version: u32,
    pub runbook: String,
    pub title: String,
    pub target: String,
    pub generated_at: String,
    pub command_line: Vec<String>,
    pub context: ReportContext,
    pub steps: Vec<StepLine>,
    pub transcript: Vec<EntryLine>,
    pub stopped: Option<String>,
    pub exit_code: i32,
}

impl Transcript {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a transcript serialises") + "\n"
    }

    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let c = &self.context;
        let _ = writeln!(
            out,
            "# Runbook `{}`: {}\n",
            md_inline(&self.runbook),
            md_inline(&self.title)
        );
        let _ = writeln!(
            out,
            "Target `{}` · {} · consumer {} · provider {} · {}\n",
            md_inline(&self.target),
            md_inline(&c.region),
            md_inline(c.consumer_account.as_deref().unwrap_or("unknown")),
            md_inline(c.provider_account.as_deref().unwrap_or("unknown")),
            md_inline(&self.generated_at)
        );
        let _ = writeln!(out, "## Checklist\n");
        for s in &self.steps {
            checklist_item(&mut out, s);
        }
        if let Some(reason) = &self.stopped {
            let _ = writeln!(out, "\n**Stopped:** {}", md_inline(reason));
        }
        let _ = writeln!(
            out,
            "\n## Transcript\n\n| time | step | event | verdict | observation |\n|---|---|---|---|---|"
        );
        for e in &self.transcript {
            let kind = match e.kind {
                EntryKind::Checked => "checked",
                EntryKind::Rechecked => "re-checked",
            };
            let _ = writeln!(
                out,
                "| {} | {} | {kind} | {} {} | {} |",
                md_inline(&e.at),
                md_inline(&e.step),
                e.verdict.symbol(),
                e.verdict.as_str(),
                md_inline(&e.observation)
            );
        }
        let _ = writeln!(
            out,
            "\n---\n`{}` · exit code {}",
            md_inline(&self.command_line.join(" ")),
            self.exit_code
        );
        out
    }
}

/// One step of the checklist, with the findings and fixes of a step that did not pass.
fn checklist_item(out: &mut String, s: &StepLine) {
    let mark = if s.verdict == Some(Status::Pass) || s.verdict == Some(Status::NotApplicable) {
        "x"
    } else {
        " "
    };
    let verdict = match (s.reached, s.verdict) {
        (true, Some(v)) => format!(
            "{} {} ({})",
            v.symbol(),
            v.as_str(),
            md_inline(s.checked_at.as_deref().unwrap_or_default())
        ),
        _ => "not reached".to_string(),
    };
    let _ = writeln!(
        out,
        "- [{mark}] {}. {} — {verdict}",
        s.index,
        md_inline(&s.title)
    );
    let noteworthy = s.reached
        && matches!(
            s.verdict,
            Some(Status::Fail | Status::Warn | Status::Unknown | Status::Blocked)
        );
    if !noteworthy {
        return;
    }
    for r in s
        .results
        .iter()
        .filter(|r| r.status != Status::Pass && r.status != Status::NotApplicable)
    {
        let _ = writeln!(out, "  - `{}`: {}", md_inline(&r.id), md_inline(&r.summary));
        for f in &r.remediation {
            let _ = writeln!(
                out,
                "    - fix ({} account): {}",
                f.account.as_str(),
                md_inline(&f.text)
            );
            if let Some(cmd) = &f.command {
                let _ = writeln!(out, "\n      ```sh\n      {}\n      ```\n", md_code(cmd));
            }
        }
    }
}
