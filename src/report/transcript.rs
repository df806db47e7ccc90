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
            "# {}\n",
            crate::t!(
                "report-runbook-heading",
                runbook = md_inline(&self.runbook),
                title = md_inline(&self.title)
            )
        );
        let unknown = crate::t!("report-unknown");
        let _ = writeln!(
            out,
            "{}\n",
            crate::t!(
                "report-runbook-context",
                target = md_inline(&self.target),
                region = md_inline(&c.region),
                consumer = md_inline(c.consumer_account.as_deref().unwrap_or(&unknown)),
                provider = md_inline(c.provider_account.as_deref().unwrap_or(&unknown)),
                at = md_inline(&self.generated_at)
            )
        );
        let _ = writeln!(out, "## {}\n", crate::t!("report-runbook-checklist"));
        for s in &self.steps {
            checklist_item(&mut out, s);
        }
        if let Some(reason) = &self.stopped {
            let _ = writeln!(
                out,
                "\n**{}** {}",
                crate::t!("report-runbook-stopped"),
                md_inline(reason)
            );
        }
        let _ = writeln!(
            out,
            "\n## {}\n\n| {} |\n|---|---|---|---|---|",
            crate::t!("report-runbook-transcript"),
            crate::t!("report-runbook-columns")
        );
        for e in &self.transcript {
            let kind = match e.kind {
                EntryKind::Checked => crate::t!("report-runbook-checked"),
                EntryKind::Rechecked => crate::t!("report-runbook-rechecked"),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {kind} | {} {} | {} |",
                md_inline(&e.at),
                md_inline(&e.step),
                e.verdict.symbol(),
                super::text::status_noun(e.verdict),
                md_inline(&e.observation)
            );
        }
        let _ = writeln!(
            out,
            "\n---\n`{}` · {}",
            md_inline(&self.command_line.join(" ")),
            crate::t!("report-runbook-exit", code = self.exit_code)
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
            super::text::status_noun(v),
            md_inline(s.checked_at.as_deref().unwrap_or_default())
        ),
        _ => crate::t!("report-runbook-not-reached"),
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
                "    - {} {}",
                crate::t!("report-text-fix", account = f.account.word()),
                md_inline(&f.text)
            );
            if let Some(cmd) = &f.command {
                let _ = writeln!(out, "\n      ```sh\n      {}\n      ```\n", md_code(cmd));
            }
        }
    }
}
