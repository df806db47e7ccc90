//! A static evaluator for endpoint policies: does a request pass the endpoint's filter?

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub enum PolicyVerdict {
    /// Allowed by statement `sid`, denied by none.
    Allowed {
        statement: String,
    },
    /// Allowed, but only under conditions this tool does not evaluate.
    AllowedIf {
        statement: String,
        conditions: String,
    },
    Denied {
        statement: String,
    },
    /// No statement allows it: the implicit deny.
    NotAllowed,
}

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

fn sid(st: &Value, i: usize) -> String {
    st.get("Sid")
        .and_then(|s| s.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| format!("#{}", i + 1))
}

fn matches_field(st: &Value, key: &str, not_key: &str, value: &str, ci: bool) -> bool {
    if let Some(v) = st.get(key) {
        strings(Some(v)).iter().any(|p| glob(p, value, ci))
    } else if let Some(v) = st.get(not_key) {
        !strings(Some(v)).iter().any(|p| glob(p, value, ci))
    } else {
        false
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

/// Evaluate one request (principal conditions are not modelled: any principal matches).
pub fn evaluate(doc: &Value, action: &str, resource: &str) -> PolicyVerdict {
    let mut allowed: Option<String> = None;
    let mut conditional: Option<(String, String)> = None;
    for (i, st) in statements(doc).iter().enumerate() {
        if !matches_field(st, "Action", "NotAction", action, true) {
            continue;
        }
        if !matches_field(st, "Resource", "NotResource", resource, false) {
            continue;
        }
        let effect = st.get("Effect").and_then(|e| e.as_str()).unwrap_or("");
        let condition = st.get("Condition");
        match effect {
            "Deny" if condition.is_none() => {
                return PolicyVerdict::Denied {
                    statement: sid(st, i),
                };
            }
            "Deny" => {}
            "Allow" if condition.is_none() => {
                allowed.get_or_insert(sid(st, i));
            }
            "Allow" => {
                conditional.get_or_insert((
                    sid(st, i),
                    condition.map(ToString::to_string).unwrap_or_default(),
                ));
            }
            _ => {}
        }
    }
    match (allowed, conditional) {
        (Some(statement), _) => PolicyVerdict::Allowed { statement },
        (None, Some((statement, conditions))) => PolicyVerdict::AllowedIf {
            statement,
            conditions,
        },
        (None, None) => PolicyVerdict::NotAllowed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(glob("s3:Get*", "s3:GetObject", true));
        assert!(glob("S3:get*", "s3:GetObject", true));
        assert!(glob(
            "arn:aws:s3:::bucket/*",
            "arn:aws:s3:::bucket/a/b",
            false
        ));
        assert!(!glob(
            "arn:aws:s3:::bucket/*",
            "arn:aws:s3:::other/a",
            false
        ));
        assert!(glob("s3:?etObject", "s3:GetObject", true));
        assert!(glob("*", "", false));
    }

    #[test]
    fn requests_are_allowed_denied_or_left_out() {
        let doc = parse(r#"{"Statement":[
            {"Sid":"ReadBucket","Effect":"Allow","Principal":"*","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::data/*"},
            {"Sid":"NoSecrets","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::data/secret/*"}
        ]}"#).unwrap();
        assert_eq!(
            evaluate(&doc, "s3:GetObject", "arn:aws:s3:::data/x"),
            PolicyVerdict::Allowed {
                statement: "ReadBucket".into()
            }
        );
        assert_eq!(
            evaluate(&doc, "s3:GetObject", "arn:aws:s3:::data/secret/x"),
            PolicyVerdict::Denied {
                statement: "NoSecrets".into()
            }
        );
        assert_eq!(
            evaluate(&doc, "s3:PutObject", "arn:aws:s3:::data/x"),
            PolicyVerdict::NotAllowed
        );
        assert_eq!(shape(&doc), PolicyShape::Restrictive { statements: 2 });
        let full = parse(r#"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#).unwrap();
        assert_eq!(shape(&full), PolicyShape::FullAccess);
        let cond = parse(r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}}"#).unwrap();
        assert!(matches!(
            evaluate(&cond, "s3:GetObject", "arn:aws:s3:::b/k"),
            PolicyVerdict::AllowedIf { .. }
        ));
    }
}
