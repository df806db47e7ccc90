//! One accumulator for checks that judge many items (names, zones, targets, ports): each
//! item adds a failure, a warning or a could-not-tell, and the verdict is the worst of them.

use crate::engine::outcome::Outcome;

/// What a check found over its items, and the fixes they asked for.
#[derive(Debug, Default)]
pub struct Findings {
    fails: Vec<String>,
    warns: Vec<String>,
    unknowns: Vec<String>,
    fixes: Vec<(&'static str, Vec<(&'static str, String)>)>,
}

impl Findings {
    pub fn fail(&mut self, finding: impl Into<String>) {
        self.fails.push(finding.into());
    }

    pub fn warn(&mut self, finding: impl Into<String>) {
        self.warns.push(finding.into());
    }

    /// Something could not be told about one item: the reason, without "could not check".
    pub fn unknown(&mut self, reason: impl Into<String>) {
        self.unknowns.push(reason.into());
    }

    /// Ask for a catalog fix template with these values (deduplicated by `verdict`).
    pub fn fix(&mut self, key: &'static str, vars: Vec<(&'static str, String)>) {
        self.fixes.push((key, vars));
    }

    /// Every failure becomes a warning, with `why` appended: what was found is real, but
    /// traffic still flows another way.
    pub fn failures_as_warnings(&mut self, why: &str) {
        self.warns
            .extend(self.fails.drain(..).map(|f| format!("{f}{why}")));
    }

    /// Take in what `other` found.
    pub fn absorb(&mut self, other: Findings) {
        self.fails.extend(other.fails);
        self.warns.extend(other.warns);
        self.unknowns.extend(other.unknowns);
        self.fixes.extend(other.fixes);
    }

    pub fn has_failures(&self) -> bool {
        !self.fails.is_empty()
    }

    /// A failure outranks a could-not-tell (what was seen to be broken stays broken), which
    /// outranks a warning; with none of them the check passes with `pass_summary`. Each fix
    /// is asked for once.
    pub fn verdict(self, pass_summary: impl Into<String>) -> Outcome {
        let outcome = if !self.fails.is_empty() {
            Outcome::fail(self.fails.join("; "))
        } else if !self.unknowns.is_empty() {
            Outcome::unknown(crate::t!(
                "findings-could-not-check",
                reasons = self.unknowns.join("; ")
            ))
        } else if !self.warns.is_empty() {
            Outcome::warn(self.warns.join("; "))
        } else {
            Outcome::pass(pass_summary)
        };
        outcome.fixes_once(self.fixes)
    }

    /// Like `verdict`, but only the first fix of each template is kept (one command per kind of
    /// problem where the commands would differ only in the item they name).
    pub fn verdict_first_fix_of_each(self, pass_summary: impl Into<String>) -> Outcome {
        let fixes = self.fixes.clone();
        let mut outcome = Findings {
            fixes: Vec::new(),
            ..self
        }
        .verdict(pass_summary);
        outcome = outcome.first_fix_of_each(fixes);
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::outcome::Status;

    #[test]
    fn the_worst_finding_decides_and_fixes_are_asked_once() {
        let mut f = Findings::default();
        f.warn("one zone is single");
        f.unknown("DescribeX was denied");
        assert!(!f.has_failures());
        f.fail("a.example resolves elsewhere");
        f.fix("nxdomain", vec![("name", "a.example".into())]);
        f.fix("nxdomain", vec![("name", "a.example".into())]);
        let o = f.verdict("fine");
        assert_eq!(o.status, Status::Fail);
        assert_eq!(o.summary, "a.example resolves elsewhere");
        assert_eq!(o.fixes.len(), 1);

        let mut f = Findings::default();
        f.warn("w");
        f.unknown("denied");
        let o = f.verdict("fine");
        assert_eq!(o.status, Status::Unknown);
        assert_eq!(o.summary, "could not check: denied");

        let mut f = Findings::default();
        f.warn("w1");
        f.warn("w2");
        assert_eq!(f.verdict("fine").summary, "w1; w2");
        assert_eq!(Findings::default().verdict("fine").status, Status::Pass);
    }

    #[test]
    fn could_not_check_is_said_in_korean() {
        let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
        let mut f = Findings::default();
        f.unknown("DescribeX was denied");
        let o = f.verdict("fine");
        assert_eq!(o.summary, "확인할 수 없다: DescribeX was denied");
    }

    #[test]
    fn first_fix_of_each_keeps_one_command_per_template() {
        let mut f = Findings::default();
        f.fail("x");
        f.fix("missing_ips", vec![("name", "a".into())]);
        f.fix("missing_ips", vec![("name", "b".into())]);
        f.fix("nxdomain", vec![("name", "c".into())]);
        let o = f.verdict_first_fix_of_each("fine");
        let keys: Vec<&str> = o.fixes.iter().map(|f| f.key).collect();
        assert_eq!(keys, ["missing_ips", "nxdomain"]);
        assert_eq!(o.fixes[0].vars[0].1, "a");
    }
}
