//! What a check concludes: the status, the words, the evidence and the fix.

use serde::{Deserialize, Serialize};

/// The verdict of one check. `Fail` (the system is wrong) and `Unknown` (we could not tell)
/// are kept apart everywhere: a missing permission is not a broken endpoint. `Warn` is a risk
/// to the traffic; `Advice` is posture guidance that risks nothing, so it never counts
/// towards the worst status or the exit code (a fleet of healthy endpoints stays green).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Fail,
    Unknown,
    Warn,
    Blocked,
    Advice,
    Pass,
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Pass,
        Status::Fail,
        Status::Warn,
        Status::Advice,
        Status::Blocked,
        Status::Unknown,
        Status::NotApplicable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Warn => "warn",
            Status::Advice => "advice",
            Status::Blocked => "blocked",
            Status::Unknown => "unknown",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// The word shown beside the symbol, in the reader's language.
    pub fn word(self) -> String {
        match self {
            Status::Pass => crate::t!("status-pass"),
            Status::Fail => crate::t!("status-fail"),
            Status::Warn => crate::t!("status-warn"),
            Status::Advice => crate::t!("status-advice"),
            Status::Blocked => crate::t!("status-blocked"),
            Status::Unknown => crate::t!("status-unknown"),
            Status::NotApplicable => crate::t!("status-not-applicable"),
        }
    }

    /// A symbol that carries the status without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Pass => "✓",
            Status::Fail => "✗",
            Status::Warn => "!",
            Status::Advice => "i",
            Status::Blocked => "⊘",
            Status::Unknown => "?",
            Status::NotApplicable => "–",
        }
    }

    /// A dependent may be evaluated after this status; `fail` and `blocked` stop it.
    pub fn lets_dependents_run(self) -> bool {
        !matches!(self, Status::Fail | Status::Blocked)
    }
}

/// Which account a finding or a fix concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Account {
    Consumer,
    Provider,
}

impl Account {
    pub fn as_str(self) -> &'static str {
        match self {
            Account::Consumer => "consumer",
            Account::Provider => "provider",
        }
    }

    /// The account's role in the reader's language (`as_str` is the machine's word).
    pub fn word(self) -> String {
        match self {
            Account::Consumer => crate::t!("account-consumer"),
            Account::Provider => crate::t!("account-provider"),
        }
    }
}

/// One piece of what a check saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    Field {
        name: String,
        value: String,
    },
    Table {
        title: String,
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Numbers observed over time (CloudWatch metrics): one line per series (an AZ, a target
    /// group, an endpoint …). `values[i]` covers `[start + i·period, start + (i+1)·period)`;
    /// `None` is a period without a datapoint, which is not the same as a zero.
    Series {
        title: String,
        /// What one value counts ("connections", "packets", "hosts").
        unit: String,
        /// RFC 3339, UTC: the window the lines cover.
        start: String,
        end: String,
        period_secs: u32,
        lines: Vec<SeriesLine>,
    },
}

/// One line of an [`Evidence::Series`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesLine {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

impl SeriesLine {
    /// The sum of the periods that have a datapoint (None when none has).
    pub fn total(&self) -> Option<f64> {
        let mut seen = self.values.iter().flatten().peekable();
        seen.peek()?;
        Some(seen.sum())
    }

    /// The largest datapoint.
    pub fn peak(&self) -> Option<f64> {
        self.values.iter().flatten().copied().reduce(f64::max)
    }

    /// The latest datapoint.
    pub fn last(&self) -> Option<f64> {
        self.values.iter().rev().flatten().next().copied()
    }

    /// One line of words for faces without pictures: "total 12, peak 5, last 0 (10/15 periods)".
    pub fn summary(&self) -> String {
        let with_data = self.values.iter().flatten().count();
        match (self.total(), self.peak(), self.last()) {
            (Some(total), Some(peak), Some(last)) => crate::t!(
                "engine-series-summary",
                total = number(total),
                peak = number(peak),
                last = number(last),
                with_data = with_data,
                periods = self.values.len()
            ),
            _ => crate::t!("engine-series-no-data", periods = self.values.len()),
        }
    }
}

/// A metric value as people write it: whole numbers without a fraction.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
    }
}

/// One step of the fix: words, and where one exists a command with the real ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remediation {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub command: Option<String>,
    pub account: Account,
}

/// A request from a check for one catalog fix template, with the values to fill in.
#[derive(Debug, Clone, PartialEq)]
pub struct FixRequest {
    pub key: &'static str,
    pub vars: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Status,
    pub summary: String,
    pub evidence: Vec<Evidence>,
    pub fixes: Vec<FixRequest>,
    /// Ids of the checks that blocked this one (only for `blocked`).
    pub blocked_by: Vec<String>,
    /// Values for the catalog's `reproduce` template (and available to every fix).
    pub vars: Vec<(String, String)>,
}

impl Outcome {
    fn new(status: Status, summary: impl Into<String>) -> Self {
        Outcome {
            status,
            summary: summary.into(),
            evidence: Vec::new(),
            fixes: Vec::new(),
            blocked_by: Vec::new(),
            vars: Vec::new(),
        }
    }
    pub fn pass(summary: impl Into<String>) -> Self {
        Self::new(Status::Pass, summary)
    }
    pub fn fail(summary: impl Into<String>) -> Self {
        Self::new(Status::Fail, summary)
    }
    pub fn warn(summary: impl Into<String>) -> Self {
        Self::new(Status::Warn, summary)
    }
    pub fn advice(summary: impl Into<String>) -> Self {
        Self::new(Status::Advice, summary)
    }
    pub fn unknown(summary: impl Into<String>) -> Self {
        Self::new(Status::Unknown, summary)
    }
    pub fn not_applicable(summary: impl Into<String>) -> Self {
        Self::new(Status::NotApplicable, summary)
    }
    pub fn blocked(summary: impl Into<String>, blocked_by: Vec<String>) -> Self {
        let mut o = Self::new(Status::Blocked, summary);
        o.blocked_by = blocked_by;
        o
    }

    pub fn field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.evidence.push(Evidence::Field {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    pub fn table(
        mut self,
        title: impl Into<String>,
        columns: &[&str],
        rows: Vec<Vec<String>>,
    ) -> Self {
        self.evidence.push(Evidence::Table {
            title: title.into(),
            columns: columns.iter().map(ToString::to_string).collect(),
            rows,
        });
        self
    }

    /// Observed numbers over time (`start`/`end` RFC 3339 UTC): one line per AZ, subnet or
    /// target group.
    pub fn with_series(
        mut self,
        title: impl Into<String>,
        unit: &str,
        (start, end): (&str, &str),
        period_secs: u32,
        lines: Vec<SeriesLine>,
    ) -> Self {
        self.evidence.push(Evidence::Series {
            title: title.into(),
            unit: unit.into(),
            start: start.into(),
            end: end.into(),
            period_secs,
            lines,
        });
        self
    }

    pub fn var(mut self, name: &str, value: impl Into<String>) -> Self {
        self.vars.push((name.to_string(), value.into()));
        self
    }

    /// Ask for each of `fixes` once: the same template with the same values is one fix.
    pub fn fixes_once(mut self, fixes: Vec<(&'static str, Vec<(&str, String)>)>) -> Self {
        for (key, vars) in fixes {
            let dup = self.fixes.iter().any(|f| {
                f.key == key
                    && f.vars.len() == vars.len()
                    && f.vars
                        .iter()
                        .zip(&vars)
                        .all(|(a, b)| a.0 == b.0 && a.1 == b.1)
            });
            if !dup {
                self = self.fix(key, &vars);
            }
        }
        self
    }

    /// Ask for each template among `fixes` once, with the values of its first occurrence.
    pub fn first_fix_of_each(mut self, fixes: Vec<(&'static str, Vec<(&str, String)>)>) -> Self {
        for (key, vars) in fixes {
            if !self.fixes.iter().any(|f| f.key == key) {
                self = self.fix(key, &vars);
            }
        }
        self
    }

    /// Ask for the catalog's fix template `key`, filled with `vars`.
    pub fn fix(mut self, key: &'static str, vars: &[(&str, String)]) -> Self {
        self.fixes.push(FixRequest {
            key,
            vars: vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        });
        self
    }
}
