//! A policy evaluator for the documents on a request's path (the endpoint policy, the bucket
//! policy behind it): data in, verdict out, following AWS's documented logic. An explicit
//! Deny wins over any Allow; an Allow is needed; nothing else allows. Conditions are judged
//! against the request context a request through an endpoint carries, in three values, so
//! the answer is allow, deny, or "depends on a key the tool cannot know", naming the
//! statement and the condition that decided.

pub mod checks;
pub mod condition;
pub mod context;
pub mod fix;

pub use condition::{Clause, Truth};
pub use context::{Basis, Context, KeyState, Request, Through};

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub enum PolicyShape {
    FullAccess,
    Restrictive { statements: usize },
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// IAM-style wildcard match: `*` any run, `?` one character.
pub fn glob(pattern: &str, text: &str, case_insensitive: bool) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = if case_insensitive {
        (
            pattern.to_lowercase().chars().collect(),
            text.to_lowercase().chars().collect(),
        )
    } else {
        (pattern.chars().collect(), text.chars().collect())
    };
    let (mut pi, mut ti, mut star, mut mark) = (0usize, 0usize, None::<usize>, 0usize);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn statements(doc: &Value) -> Vec<&Value> {
    match doc.get("Statement") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => Vec::new(),
    }
}

pub fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| crate::t!("policy-not-json", error = e.to_string()))
}

pub fn shape(doc: &Value) -> PolicyShape {
    let sts = statements(doc);
    let full = sts.iter().any(|st| {
        st.get("Effect").and_then(|e| e.as_str()) == Some("Allow")
            && strings(st.get("Action")).iter().any(|a| a == "*")
            && strings(st.get("Resource")).iter().any(|r| r == "*")
            && st.get("Condition").is_none()
    }) && !sts
        .iter()
        .any(|st| st.get("Effect").and_then(|e| e.as_str()) == Some("Deny"));
    if full {
        PolicyShape::FullAccess
    } else {
        PolicyShape::Restrictive {
            statements: sts.len(),
        }
    }
}

/// The statement `at` points to.
pub fn statement_at<'a>(doc: &'a Value, at: &StatementRef) -> Option<&'a Value> {
    statements(doc).get(at.index.checked_sub(1)?).copied()
}

/// A statement by its `Sid`, or by its place (`#1` is the first) when it has none.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementRef {
    /// From 1, as a reader counts.
    pub index: usize,
    pub sid: Option<String>,
}

impl std::fmt::Display for StatementRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.sid {
            Some(sid) if !sid.is_empty() => write!(f, "{sid}"),
            _ => write!(f, "#{}", self.index),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Allow,
    ExplicitDeny,
    /// No statement allows it.
    ImplicitDeny,
    /// Allowed or denied depending on a key the tool cannot know.
    Depends,
}

impl Decision {
    /// The decision as the JSON of `policy-test` names it (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "allow",
            Decision::ExplicitDeny => "explicit_deny",
            Decision::ImplicitDeny => "implicit_deny",
            Decision::Depends => "depends",
        }
    }
}

/// An Allow that matches the request's action, resource and principal but not its
/// conditions, because of a key the endpoint decides (`aws:SourceVpce`, `aws:SourceIp` …):
/// the grant someone meant for this traffic and that never applies through this endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    pub statement: StatementRef,
    pub clause: Clause,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub decision: Decision,
    /// The statement that decided: the Deny, the Allow, or the one whose condition is unknown.
    pub statement: Option<StatementRef>,
    /// The deciding statement's conditions that held, each with the request's value.
    pub because: Vec<String>,
    /// For `Depends`: the key the answer turns on.
    pub unknown_key: Option<String>,
    /// A Deny that applies or not depending on an unknown key, when an Allow already settled
    /// nothing (`ImplicitDeny`) or the decision is `Depends` on that Deny.
    pub unresolved_deny: Option<(StatementRef, String)>,
    pub near_misses: Vec<NearMiss>,
}

/// The keys whose value the endpoint decides: a condition on them is about the path.
pub const PATH_KEYS: &[&str] = &[
    "aws:sourcevpce",
    "aws:sourcevpc",
    "aws:vpceaccount",
    "aws:vpceorgid",
    "aws:vpceorgpaths",
    "aws:sourceip",
    "aws:vpcsourceip",
];

fn is_path_key(key: &str) -> bool {
    PATH_KEYS.contains(&key.to_ascii_lowercase().as_str())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    Allow,
    Deny,
}

/// One statement judged against one request.
struct Judged {
    at: StatementRef,
    effect: Effect,
    applies: Truth,
    /// Clauses that held, described with the request's value.
    held: Vec<String>,
    /// The first clause that did not hold.
    failed: Option<Clause>,
    /// Whether action, resource and principal matched or may match (only the conditions
    /// are known to fail).
    scope_matches: bool,
}

/// Whether a value is named by `key` (or excluded by `not_key`); `unknown` is the answer for
/// a value the request does not name.
fn field_truth(st: &Value, key: &str, not_key: &str, value: Option<&str>, ci: bool) -> Truth {
    let (patterns, negated) = match (st.get(key), st.get(not_key)) {
        (Some(v), _) => (strings(Some(v)), false),
        (None, Some(v)) => (strings(Some(v)), true),
        // A statement without the element applies to everything (a resource policy's
        // statements name no Resource when it is the resource itself).
        (None, None) => return Truth::True,
    };
    let Some(value) = value else {
        if !negated && patterns.iter().any(|p| p == "*") {
            return Truth::True;
        }
        return Truth::Unknown(key.to_string());
    };
    let hit = patterns.iter().any(|p| glob(p, value, ci));
    if hit != negated {
        Truth::True
    } else {
        Truth::False
    }
}

/// Whether a policy principal names the caller. Principals take no wildcards but `*`; an
/// account (`123456789012` or `arn:aws:iam::123456789012:root`) names every principal in it,
/// and a role names its sessions (a session's ARN carries the role's name, not its path).
fn names_principal(pattern: &str, caller: &str) -> bool {
    if pattern == "*" || pattern == caller {
        return true;
    }
    let parts: Vec<&str> = pattern.splitn(6, ':').collect();
    let iam = parts.len() == 6 && parts[0] == "arn" && parts[2] == "iam";
    let account = if iam && parts[5] == "root" {
        parts[4]
    } else {
        pattern
    };
    if account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) {
        return context::account_of(caller) == Some(account);
    }
    let role_name = |resource: &str| {
        resource
            .strip_prefix("role/")
            .and_then(|r| r.rsplit('/').next())
            .map(str::to_string)
    };
    if !iam {
        return false;
    }
    let Some(name) = role_name(parts[5]) else {
        return false;
    };
    let role = context::role_arn_of(caller);
    let caller_parts: Vec<&str> = role.splitn(6, ':').collect();
    caller_parts.len() == 6
        && caller_parts[4] == parts[4]
        && role_name(caller_parts[5]).as_deref() == Some(name.as_str())
}

fn principal_truth(st: &Value, caller: Option<&str>) -> Truth {
    let (element, negated) = match (st.get("Principal"), st.get("NotPrincipal")) {
        (Some(p), _) => (p, false),
        (None, Some(p)) => (p, true),
        // Endpoint policies may leave it out: every principal.
        (None, None) => return Truth::True,
    };
    let aws: Vec<String> = match element {
        Value::String(s) if s == "*" => return Truth::from_bool(!negated),
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| k.as_str() == "AWS")
            .flat_map(|(_, v)| strings(Some(v)))
            .collect(),
        _ => Vec::new(),
    };
    if aws.iter().any(|p| p == "*") {
        return Truth::from_bool(!negated);
    }
    // Only AWS principals send requests through a VPC endpoint; a `Service` or `Federated`
    // principal is not the caller.
    if aws.is_empty() {
        return Truth::from_bool(negated);
    }
    match caller {
        None => Truth::Unknown("Principal".into()),
        Some(c) => Truth::from_bool(aws.iter().any(|p| names_principal(p, c)) != negated),
    }
}

/// A clause with the request's value of its key, as a finding shows it.
pub fn describe(clause: &Clause, context: &Context) -> String {
    let seen = context.get(&clause.key).words();
    crate::t!(
        "policy-clause-with-request",
        clause = clause.describe(),
        seen = seen
    )
}

fn judge(st: &Value, index: usize, request: &Request) -> Option<Judged> {
    let effect = match st.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Effect::Allow,
        Some("Deny") => Effect::Deny,
        _ => return None,
    };
    if field_truth(st, "Action", "NotAction", Some(&request.action), true) != Truth::True {
        return None;
    }
    let scope = field_truth(
        st,
        "Resource",
        "NotResource",
        request.resource.as_deref(),
        false,
    )
    .and(principal_truth(st, request.principal.as_deref()));
    let mut applies = scope.clone();
    let mut held = Vec::new();
    let mut failed = None;
    for clause in condition::clauses(st.get("Condition")) {
        let t = condition::evaluate(&clause, &request.context);
        match &t {
            Truth::True => held.push(describe(&clause, &request.context)),
            Truth::False if failed.is_none() => failed = Some(clause),
            _ => {}
        }
        applies = applies.and(t);
    }
    Some(Judged {
        at: StatementRef {
            index: index + 1,
            sid: st.get("Sid").and_then(Value::as_str).map(str::to_string),
        },
        effect,
        applies,
        held,
        failed,
        scope_matches: scope != Truth::False,
    })
}

/// Judge one request against one policy document.
pub fn evaluate(doc: &Value, request: &Request) -> Verdict {
    let judged: Vec<Judged> = statements(doc)
        .iter()
        .enumerate()
        .filter_map(|(i, st)| judge(st, i, request))
        .collect();
    let find = |effect: Effect, certain: bool| {
        judged.iter().find(|j| {
            j.effect == effect
                && if certain {
                    j.applies == Truth::True
                } else {
                    matches!(j.applies, Truth::Unknown(_))
                }
        })
    };
    let key_of = |j: &Judged| match &j.applies {
        Truth::Unknown(k) => k.clone(),
        _ => String::new(),
    };
    let near_misses = judged
        .iter()
        .filter(|j| j.effect == Effect::Allow && j.scope_matches && j.applies == Truth::False)
        .filter_map(|j| {
            let clause = j.failed.clone()?;
            is_path_key(&clause.key).then(|| NearMiss {
                statement: j.at.clone(),
                clause,
            })
        })
        .collect();
    let unresolved_deny = find(Effect::Deny, false).map(|j| (j.at.clone(), key_of(j)));
    let verdict = |decision, j: Option<&Judged>| Verdict {
        decision,
        statement: j.map(|j| j.at.clone()),
        because: j.map(|j| j.held.clone()).unwrap_or_default(),
        unknown_key: j.map(key_of).filter(|k| !k.is_empty()),
        unresolved_deny: unresolved_deny.clone(),
        near_misses: Vec::new(),
    };
    let mut v = if let Some(deny) = find(Effect::Deny, true) {
        verdict(Decision::ExplicitDeny, Some(deny))
    } else {
        let allow = find(Effect::Allow, true);
        let maybe_allow = find(Effect::Allow, false);
        match (find(Effect::Deny, false), allow, maybe_allow) {
            (Some(deny), Some(_), _) | (Some(deny), None, Some(_)) => {
                verdict(Decision::Depends, Some(deny))
            }
            (_, Some(allow), _) => verdict(Decision::Allow, Some(allow)),
            (_, None, Some(maybe)) => verdict(Decision::Depends, Some(maybe)),
            (_, None, None) => verdict(Decision::ImplicitDeny, None),
        }
    };
    v.near_misses = near_misses;
    v
}
#[cfg(test)]
mod tests;
