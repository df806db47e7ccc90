//! JUnit XML, so CI systems show a diagnosis like a test run: one suite per target, one test
//! case per check.

use std::time::Duration;

use quick_junit::{
    NonSuccessKind, Property, Report as JunitReport, TestCase, TestCaseStatus, TestSuite,
};

use super::escape::terminal;
use super::{Report, ReportCheck};
use crate::engine::outcome::{Evidence, Remediation, Status};

fn details(c: &ReportCheck) -> String {
    let mut lines = Vec::new();
    for e in &c.evidence {
        match e {
            Evidence::Field { name, value } => lines.push(format!("{name}: {value}")),
            Evidence::Series {
                title,
                start,
                end,
                lines: series,
                ..
            } => {
                lines.push(format!("{title} ({start} to {end}):"));
                for l in series {
                    lines.push(format!("  {}: {}", l.label, l.summary()));
                }
            }
            Evidence::Table {
                title,
                columns,
                rows,
            } => {
                lines.push(format!("{title}: {}", columns.join(" | ")));
                for r in rows {
                    lines.push(format!("  {}", r.join(" | ")));
                }
            }
        }
    }
    lines.extend(fix_lines(&c.remediation));
    lines.push(crate::t!("report-text-docs", docs = &c.docs));
    // XML 1.0 cannot carry most control characters at all.
    lines
        .iter()
        .map(|l| terminal(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fixes as detail lines: the text, then the command.
pub(super) fn fix_lines(fixes: &[Remediation]) -> Vec<String> {
    let mut lines = Vec::new();
    for f in fixes {
        lines.push(format!(
            "{} {}",
            crate::t!("report-text-fix", account = f.account.word()),
            f.text
        ));
        if let Some(cmd) = &f.command {
            lines.push(format!("  $ {cmd}"));
        }
    }
    lines
}

/// A failure (`fail`) or an error (`unknown`) with its message and details.
pub(super) fn not_passed(status: Status, message: String, description: String) -> TestCaseStatus {
    let kind = if status == Status::Fail {
        NonSuccessKind::Failure
    } else {
        NonSuccessKind::Error
    };
    let mut s = TestCaseStatus::non_success(kind);
    s.set_message(message);
    s.set_type(status.as_str());
    s.set_description(description);
    s
}

pub fn render(r: &Report) -> String {
    render_suites(std::slice::from_ref(r))
}

/// One suite per diagnosed endpoint (a fleet scan writes many).
pub fn render_suites(reports: &[Report]) -> String {
    render_with(Vec::new(), reports)
}

/// `first` (e.g. a workload's own suite), then one suite per diagnosed endpoint.
pub fn render_with(first: Vec<TestSuite>, reports: &[Report]) -> String {
    let mut suites = first;
    suites.extend(reports.iter().map(suite));
    render_list(suites)
}

/// These suites, in this order, as one JUnit document.
pub(super) fn render_list(suites: Vec<TestSuite>) -> String {
    let mut report = JunitReport::new("vpce-doctor");
    for s in suites {
        report.add_test_suite(s);
    }
    report
        .to_string()
        .unwrap_or_else(|e| format!("<!-- cannot write JUnit XML: {e} -->\n"))
}

pub(super) fn suite(r: &Report) -> TestSuite {
    let mut suite = TestSuite::new(terminal(&r.target.headline()));
    for (name, value) in [
        ("tool", format!("{} {}", r.tool.name, r.tool.version)),
        ("generated_at", r.generated_at.clone()),
        ("command_line", r.command_line.join(" ")),
        ("api_calls", r.api_calls.total.to_string()),
        ("redacted", r.redacted.to_string()),
    ] {
        suite.add_property(Property::new(name, terminal(&value)));
    }
    for c in &r.checks {
        let summary = terminal(&c.summary);
        let status = match c.status {
            // Advice is guidance, never a failure: it passes and says so in system-out.
            Status::Pass | Status::Warn | Status::Advice => TestCaseStatus::success(),
            Status::Fail | Status::Unknown => not_passed(c.status, summary.clone(), details(c)),
            Status::Blocked | Status::NotApplicable => {
                let mut s = TestCaseStatus::skipped();
                s.set_message(format!("{}: {summary}", c.status.as_str()));
                s
            }
        };
        let mut case = TestCase::new(c.id.clone(), status);
        case.set_classname(format!("vpce-doctor.{}", c.account.as_str()));
        case.set_time(Duration::from_millis(c.duration_ms));
        if c.status == Status::Warn {
            case.set_system_out(format!(
                "{}\n{}",
                crate::t!("report-junit-warning", summary = &summary),
                details(c)
            ));
        }
        if c.status == Status::Advice {
            case.set_system_out(format!(
                "{}\n{}",
                crate::t!("report-junit-advice", summary = &summary),
                details(c)
            ));
        }
        suite.add_test_case(case);
    }
    suite
}
