//! The record of a walk, filled from a session. Its formats (Markdown, JSON) are report formats
//! (`report::transcript`), so a transcript escapes untrusted text as every other report does.

pub use crate::report::transcript::{
    CheckLine, EntryLine, StepLine, StepPolicy, TRANSCRIPT_SCHEMA_VERSION, Transcript,
};

use super::{Entry, EntryKind, OnFail, Session};
use crate::report::ReportContext;
use crate::report::transcript::EntryKind as LineKind;

impl From<&OnFail> for StepPolicy {
    fn from(o: &OnFail) -> StepPolicy {
        match o {
            OnFail::Continue => StepPolicy::Continue,
            OnFail::Stop => StepPolicy::Stop,
            OnFail::Goto(step) => StepPolicy::Goto(step.clone()),
        }
    }
}

impl From<&Entry> for EntryLine {
    fn from(e: &Entry) -> EntryLine {
        EntryLine {
            at: e.at.clone(),
            step: e.step.clone(),
            kind: match e.kind {
                EntryKind::Checked => LineKind::Checked,
                EntryKind::Rechecked => LineKind::Rechecked,
            },
            verdict: e.verdict,
            observation: e.observation.clone(),
        }
    }
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
                    on_fail: (&s.on_fail).into(),
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
            transcript: session.transcript.iter().map(EntryLine::from).collect(),
            stopped: session.stopped.clone(),
            exit_code: session.exit_code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::outcome::Status;

    // The JSON transcript is read by tools: the report's copies of the runbook's types must
    // serialise exactly as the runbook's own do.
    #[test]
    fn the_json_wire_form_is_the_runbooks_own() {
        for policy in [OnFail::Continue, OnFail::Stop, OnFail::Goto("dns".into())] {
            assert_eq!(
                serde_json::to_value(StepPolicy::from(&policy)).unwrap(),
                serde_json::to_value(&policy).unwrap()
            );
        }
        for kind in [EntryKind::Checked, EntryKind::Rechecked] {
            let entry = Entry {
                at: "03:10:00".into(),
                step: "dns".into(),
                kind,
                verdict: Status::Fail,
                observation: "x: y".into(),
            };
            assert_eq!(
                serde_json::to_value(EntryLine::from(&entry)).unwrap(),
                serde_json::to_value(&entry).unwrap()
            );
        }
    }
}
