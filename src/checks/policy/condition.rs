//! Condition operators, evaluated the way IAM documents them, in three values: a condition
//! holds, does not hold, or depends on a key the tool cannot know.

use std::net::IpAddr;

use ipnet::IpNet;
use serde_json::Value;

use super::context::{Context, KeyState};
use super::glob;

/// A condition's (or a statement's) truth for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    /// Depends on this key (or `Principal`, `Resource`), which the tool does not know.
    Unknown(String),
}

impl Truth {
    /// Three-valued AND: false wins, then unknown.
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::Unknown(k), _) | (_, Truth::Unknown(k)) => Truth::Unknown(k),
            _ => Truth::True,
        }
    }

    pub fn from_bool(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }
}

/// One key under one operator: `"StringNotEquals": {"aws:SourceVpce": ["vpce-1"]}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub operator: String,
    pub key: String,
    pub values: Vec<String>,
}

impl Clause {
    /// How the clause reads in a finding: `StringNotEquals aws:SourceVpce ["vpce-1"]`.
    pub fn describe(&self) -> String {
        let values: Vec<String> = self.values.iter().map(|v| format!("{v:?}")).collect();
        format!("{} {} [{}]", self.operator, self.key, values.join(", "))
    }
}

/// Every clause of a statement's `Condition` block, in document order.
pub fn clauses(condition: Option<&Value>) -> Vec<Clause> {
    let Some(Value::Object(ops)) = condition else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (operator, keys) in ops {
        let Value::Object(keys) = keys else { continue };
        for (key, values) in keys {
            out.push(Clause {
                operator: operator.clone(),
                key: key.clone(),
                values: scalar_strings(values),
            });
        }
    }
    out
}

/// A condition value as strings: policies write `true`, `"true"`, `5` and `["a","b"]`.
fn scalar_strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().flat_map(scalar_strings).collect(),
        Value::String(s) => vec![s.clone()],
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

/// How an operator's name breaks down.
struct Operator<'a> {
    set: Option<SetForm>,
    /// The operator without its set prefix and `IfExists` suffix (`StringNotEquals`).
    base: &'a str,
    if_exists: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SetForm {
    AnyValue,
    AllValues,
}

fn operator(name: &str) -> Operator<'_> {
    let (set, rest) = if let Some(r) = name.strip_prefix("ForAnyValue:") {
        (Some(SetForm::AnyValue), r)
    } else if let Some(r) = name.strip_prefix("ForAllValues:") {
        (Some(SetForm::AllValues), r)
    } else {
        (None, name)
    };
    match rest.strip_suffix("IfExists") {
        Some(base) => Operator {
            set,
            base,
            if_exists: true,
        },
        None => Operator {
            set,
            base: rest,
            if_exists: false,
        },
    }
}

/// The positive form of a negated operator (`StringNotLike` → `StringLike`), and whether it
/// was negated. A negated operator holds when no policy value matches.
fn positive(base: &str) -> (String, bool) {
    const NEGATED: &[(&str, &str)] = &[
        ("StringNotEqualsIgnoreCase", "StringEqualsIgnoreCase"),
        ("StringNotEquals", "StringEquals"),
        ("StringNotLike", "StringLike"),
        ("ArnNotEquals", "ArnEquals"),
        ("ArnNotLike", "ArnLike"),
        ("NotIpAddress", "IpAddress"),
        ("NumericNotEquals", "NumericEquals"),
        ("DateNotEquals", "DateEquals"),
    ];
    match NEGATED.iter().find(|(n, _)| *n == base) {
        Some((_, p)) => (p.to_string(), true),
        None => (base.to_string(), false),
    }
}

/// Whether one request value matches one policy value under a positive operator; `None` for
/// an operator this evaluator does not know.
fn matches(op: &str, policy: &str, request: &str) -> Option<bool> {
    Some(match op {
        "StringEquals" => policy == request,
        "StringEqualsIgnoreCase" => policy.eq_ignore_ascii_case(request),
        "StringLike" => glob(policy, request, false),
        "ArnEquals" | "ArnLike" => arn_like(policy, request),
        "IpAddress" => ip_in(policy, request),
        "Bool" => policy.eq_ignore_ascii_case(request),
        "NumericEquals"
        | "NumericLessThan"
        | "NumericLessThanEquals"
        | "NumericGreaterThan"
        | "NumericGreaterThanEquals" => {
            let (p, r) = (policy.parse::<f64>().ok()?, request.parse::<f64>().ok()?);
            match op {
                "NumericEquals" => p == r,
                "NumericLessThan" => r < p,
                "NumericLessThanEquals" => r <= p,
                "NumericGreaterThan" => r > p,
                _ => r >= p,
            }
        }
        _ => return None,
    })
}

/// `ArnLike`/`ArnEquals`: the six colon-separated parts compared one by one, each with
/// wildcards (a `*` in one part does not reach into the next).
fn arn_like(policy: &str, request: &str) -> bool {
    let p: Vec<&str> = policy.splitn(6, ':').collect();
    let r: Vec<&str> = request.splitn(6, ':').collect();
    if p.len() != 6 || r.len() != 6 {
        return glob(policy, request, false);
    }
    p.iter().zip(&r).all(|(p, r)| glob(p, r, false))
}

fn ip_in(policy: &str, request: &str) -> bool {
    let Ok(ip) = request.parse::<IpAddr>() else {
        return false;
    };
    match policy.parse::<IpNet>() {
        Ok(net) => net.contains(&ip),
        Err(_) => policy.parse::<IpAddr>().is_ok_and(|p| p == ip),
    }
}

/// `${aws:SourceVpce}` and the like inside a policy value, replaced by the request's value;
/// `Err(key)` when the key is unknown.
fn substitute(value: &str, context: &Context) -> Result<Vec<String>, String> {
    if !value.contains("${") {
        return Ok(vec![value.to_string()]);
    }
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let var = &rest[start + 2..start + end];
        match var {
            "*" | "?" | "$" => out.push_str(var),
            _ => {
                let (key, default) = match var.split_once(',') {
                    Some((k, d)) => (k.trim(), Some(d.trim().trim_matches('\'').to_string())),
                    None => (var, None),
                };
                match (context.get(key), default) {
                    (KeyState::Values(v), _) if v.len() == 1 => out.push_str(&v[0]),
                    (KeyState::Absent, Some(d)) => out.push_str(&d),
                    _ => return Err(key.to_string()),
                }
            }
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    Ok(vec![out])
}

/// Evaluate one clause against the request context.
pub fn evaluate(clause: &Clause, context: &Context) -> Truth {
    let op = operator(&clause.operator);
    let unknown = || Truth::Unknown(clause.key.clone());
    let mut policy_values = Vec::new();
    for v in &clause.values {
        match substitute(v, context) {
            Ok(vs) => policy_values.extend(vs),
            Err(key) => return Truth::Unknown(key),
        }
    }
    if op.base == "Null" {
        // `"Null": {"k": "true"}` holds when the key is absent.
        let want_absent = policy_values.iter().any(|v| v.eq_ignore_ascii_case("true"));
        return match context.get(&clause.key) {
            KeyState::Unknown => unknown(),
            KeyState::Absent => Truth::from_bool(want_absent),
            KeyState::Values(_) => Truth::from_bool(!want_absent),
        };
    }
    let request_values = match context.get(&clause.key) {
        KeyState::Unknown => return unknown(),
        KeyState::Absent => Vec::new(),
        KeyState::Values(v) => v.clone(),
    };
    let (base, negated) = positive(op.base);
    // One request value against the policy's list: any policy value matches it.
    let one = |r: &str| -> Option<bool> {
        let mut any = false;
        for p in &policy_values {
            any |= matches(&base, p, r)?;
        }
        Some(any != negated)
    };
    if request_values.is_empty() {
        // An absent key: `IfExists` holds; a set's ForAllValues holds (vacuously) and its
        // ForAnyValue does not; otherwise only a negated operator holds.
        if op.if_exists {
            return Truth::True;
        }
        return Truth::from_bool(match op.set {
            Some(SetForm::AllValues) => true,
            Some(SetForm::AnyValue) => false,
            None => negated,
        });
    }
    let mut results = Vec::new();
    for r in &request_values {
        match one(r) {
            Some(b) => results.push(b),
            // An operator this evaluator does not model: say so rather than guess.
            None => return Truth::Unknown(format!("{} ({})", clause.key, clause.operator)),
        }
    }
    Truth::from_bool(match op.set {
        Some(SetForm::AllValues) => results.iter().all(|b| *b),
        Some(SetForm::AnyValue) => results.iter().any(|b| *b),
        // A single-valued operator on a multivalued key: a positive operator holds when some
        // value matches; a negated one when none does.
        None if negated => results.iter().all(|b| *b),
        None => results.iter().any(|b| *b),
    })
}
