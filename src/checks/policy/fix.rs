//! Corrected policies: the smallest change to a document that lets one request through one
//! endpoint, and nothing else. A fix never removes a Deny and never widens a statement to
//! other callers, actions or resources.

use serde_json::{Map, Value, json};

use super::condition::{self, Clause};
use super::context::Through;
use super::{StatementRef, Verdict};

/// The endpoint's own value for a key that pins the path, if the endpoint decides it.
fn own_value(key: &str, through: &Through) -> Option<String> {
    match key.to_ascii_lowercase().as_str() {
        "aws:sourcevpce" => Some(through.endpoint_id.clone()),
        "aws:sourcevpc" => through.vpc_id.clone(),
        "aws:vpceaccount" => through.account.clone(),
        _ => None,
    }
}

fn statements_mut(doc: &mut Value) -> Option<&mut Vec<Value>> {
    let obj = doc.as_object_mut()?;
    let st = obj.get_mut("Statement")?;
    if st.is_object() {
        let one = st.take();
        *st = Value::Array(vec![one]);
    }
    st.as_array_mut()
}

/// Append `value` to the values of `key` under `operator` in a statement's Condition.
fn add_value(statement: &mut Value, operator: &str, key: &str, value: &str) {
    let Some(obj) = statement.as_object_mut() else {
        return;
    };
    let condition = obj
        .entry("Condition")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(ops) = condition.as_object_mut() else {
        return;
    };
    let keys = ops
        .entry(operator)
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(keys) = keys.as_object_mut() else {
        return;
    };
    // The key as the statement already spells it (condition keys ignore case).
    let name = keys
        .keys()
        .find(|k| k.eq_ignore_ascii_case(key))
        .cloned()
        .unwrap_or_else(|| key.to_string());
    let entry = keys.entry(name).or_insert_with(|| Value::Array(Vec::new()));
    match entry {
        Value::Array(list) => {
            if !list.iter().any(|v| v.as_str() == Some(value)) {
                list.push(Value::String(value.into()));
            }
        }
        single => {
            let one = single.take();
            if one.as_str() == Some(value) {
                *single = one;
            } else {
                *single = Value::Array(vec![one, Value::String(value.into())]);
            }
        }
    }
}

fn is_negated(operator: &str) -> bool {
    let base = operator
        .trim_start_matches("ForAnyValue:")
        .trim_start_matches("ForAllValues:");
    base.contains("Not")
}

/// A Deny that applies to this endpoint's request only because of a condition about the
/// path (it pins another endpoint or VPC, or asks for a public source address): the same
/// Deny with this endpoint added to its exception. `None` when the Deny is not about the
/// path: removing or narrowing it is a decision for its owner, not a command to paste.
pub fn admit_through_deny(doc: &Value, deny: &StatementRef, through: &Through) -> Option<Value> {
    let mut fixed = doc.clone();
    let statement = statements_mut(&mut fixed)?.get_mut(deny.index - 1)?;
    let clauses = condition::clauses(statement.get("Condition"));
    let path_clauses: Vec<&Clause> = clauses
        .iter()
        .filter(|c| super::is_path_key(&c.key))
        .collect();
    if path_clauses.is_empty() {
        return None;
    }
    // A negated condition on a key the endpoint decides (StringNotEquals aws:SourceVpce
    // [other]): the endpoint joins its list of exceptions.
    if let Some((clause, value)) = path_clauses
        .iter()
        .filter(|c| is_negated(&c.operator))
        .find_map(|c| own_value(&c.key, through).map(|v| (c, v)))
    {
        add_value(statement, &clause.operator, &clause.key, &value);
        return Some(fixed);
    }
    // A Deny for sources outside an address range (NotIpAddress aws:SourceIp), which holds
    // for every request through an endpoint because the key is never there: the Deny keeps
    // its condition and spares requests through this endpoint. A Deny that names this path
    // on purpose (StringEquals aws:SourceVpce [this]) is left to its owner.
    let source_ip_guard = path_clauses
        .iter()
        .any(|c| c.key.eq_ignore_ascii_case("aws:SourceIp") && is_negated(&c.operator));
    if !source_ip_guard {
        return None;
    }
    add_value(
        statement,
        "StringNotEquals",
        "aws:SourceVpce",
        &through.endpoint_id,
    );
    Some(fixed)
}

/// An Allow meant for this traffic whose path condition never holds through this endpoint:
/// for a pin on another endpoint or VPC, this endpoint joins the list; for a source-address
/// condition, a copy of the statement that asks for this endpoint instead.
pub fn admit_through_allow(
    doc: &Value,
    allow: &StatementRef,
    clause: &Clause,
    through: &Through,
) -> Option<Value> {
    let mut fixed = doc.clone();
    let list = statements_mut(&mut fixed)?;
    let statement = list.get_mut(allow.index - 1)?;
    if !is_negated(&clause.operator)
        && let Some(value) = own_value(&clause.key, through)
    {
        add_value(statement, &clause.operator, &clause.key, &value);
        return Some(fixed);
    }
    let mut copy = statement.clone();
    let obj = copy.as_object_mut()?;
    if let Some(Value::Object(ops)) = obj.get_mut("Condition") {
        if let Some(Value::Object(keys)) = ops.get_mut(&clause.operator) {
            keys.retain(|k, _| !k.eq_ignore_ascii_case(&clause.key));
        }
        ops.retain(|_, keys| keys.as_object().is_none_or(|k| !k.is_empty()));
    }
    let sid = obj
        .get("Sid")
        .and_then(Value::as_str)
        .map_or_else(|| format!("Statement{}", allow.index), str::to_string);
    obj.insert(
        "Sid".into(),
        Value::String(format!(
            "{}ViaEndpoint",
            sid.replace(|c: char| !c.is_ascii_alphanumeric(), "")
        )),
    );
    add_value(
        &mut copy,
        "StringEquals",
        "aws:SourceVpce",
        &through.endpoint_id,
    );
    list.push(copy);
    Some(fixed)
}

/// The document with a statement that allows exactly `action` on `resource` (every other
/// statement kept as it was).
pub fn with_allow(doc: &Value, action: &str, resource: &str) -> Value {
    let statement = json!({
        "Sid": "VpceDoctorAllow",
        "Effect": "Allow",
        "Principal": "*",
        "Action": action,
        "Resource": resource,
    });
    let mut fixed = doc.clone();
    if !fixed.is_object() {
        fixed = json!({"Version": "2012-10-17"});
    }
    match statements_mut(&mut fixed) {
        Some(list) => list.push(statement),
        None => {
            if let Some(obj) = fixed.as_object_mut() {
                obj.insert("Statement".into(), Value::Array(vec![statement]));
            }
        }
    }
    fixed
}

/// The corrected document for a verdict, when one can be written without widening access.
pub fn corrected(doc: &Value, verdict: &Verdict, through: &Through) -> Option<Value> {
    match verdict.decision {
        super::Decision::ExplicitDeny => {
            admit_through_deny(doc, verdict.statement.as_ref()?, through)
        }
        super::Decision::ImplicitDeny => {
            let miss = verdict.near_misses.first()?;
            admit_through_allow(doc, &miss.statement, &miss.clause, through)
        }
        _ => None,
    }
}
