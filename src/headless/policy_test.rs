//! `vpce-doctor policy-test`: one request judged against each policy on its path, the
//! endpoint policy and (for S3) the bucket policy, with the request context a request through
//! the endpoint carries. Offline when the policies are given as files.

use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::checks::policy::checks::{bucket_of, through};
use crate::checks::policy::{
    self, Basis, Decision, KeyState, Request, Through, Verdict, evaluate, fix,
};
use crate::engine::catalog::{Catalog, render_template};
use crate::report::escape::{pad, width as display_width};
use crate::sanitize::{sh_quote, terminal_safe};
use crate::session::{DiagOptions, InputError, Session};

pub struct PolicyTestOptions {
    pub endpoint: String,
    pub action: String,
    pub resource: Option<String>,
    pub endpoint_policy: Option<String>,
    pub bucket_policy: Option<String>,
    pub principal: Option<String>,
    pub context: Vec<(String, Vec<String>)>,
    pub vpc: Option<String>,
    pub account: Option<String>,
    pub diag: DiagOptions,
    pub json: bool,
}

/// Where a document came from, and what it said.
enum Source {
    /// The document (`None`: the endpoint has no policy, or the bucket none).
    Read { from: String, doc: Option<Value> },
    /// Not judged, and why.
    NotRead { why: String },
}

#[derive(Serialize)]
struct ContextRow {
    key: String,
    /// The value as the text face shows it.
    #[serde(skip)]
    shown: String,
    value: Option<Vec<String>>,
    state: &'static str,
    basis: Basis,
}

#[derive(Serialize)]
struct DocumentResult {
    /// `endpoint_policy` or `bucket_policy`.
    document: &'static str,
    /// The endpoint's id, the bucket's name.
    of: String,
    /// `aws` (read live), `file:PATH`, or `none` (the resource has no policy).
    source: String,
    /// allow, explicit_deny, implicit_deny, depends; `not_judged` when not read.
    decision: String,
    statement: Option<String>,
    because: Vec<String>,
    unknown_key: Option<String>,
    /// Why the document was not judged, or what its verdict means.
    note: Option<String>,
    corrected_statement: Option<Value>,
    command: Option<String>,
}

#[derive(Serialize)]
struct PolicyTestReport {
    kind: &'static str,
    lang: &'static str,
    endpoint: String,
    action: String,
    resource: Option<String>,
    principal: Option<String>,
    context: Vec<ContextRow>,
    documents: Vec<DocumentResult>,
    /// allowed, denied, depends.
    verdict: &'static str,
    exit_code: i32,
}

fn read_policy(path: &str) -> Result<Value, InputError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        InputError(crate::t!(
            "cli-input-policy-file",
            file = terminal_safe(path),
            error = e.to_string()
        ))
    })?;
    let doc = policy::parse(&text).map_err(|e| {
        InputError(crate::t!(
            "cli-input-policy-file",
            file = terminal_safe(path),
            error = e
        ))
    })?;
    if !doc.is_object() {
        return Err(InputError(crate::t!(
            "cli-input-policy-file",
            file = terminal_safe(path),
            error = crate::t!("policy-test-not-an-object")
        )));
    }
    Ok(doc)
}

/// The endpoint policy and the request's path, read from AWS or from the flags.
async fn endpoint_side(
    args: &PolicyTestOptions,
    catalog: &Arc<Catalog>,
) -> Result<(Source, Through, Option<Session>), InputError> {
    if let Some(path) = &args.endpoint_policy {
        let doc = read_policy(path)?;
        let through = Through {
            endpoint_id: args.endpoint.clone(),
            vpc_id: args.vpc.clone(),
            account: args.account.clone(),
            region: args.diag.region.clone(),
        };
        let from = format!("file:{path}");
        return Ok((
            Source::Read {
                from,
                doc: Some(doc),
            },
            through,
            None,
        ));
    }
    let session = Session::live("", &args.diag, catalog.clone()).await?;
    session.preflight().await?;
    let ep = match session.facts.endpoint(&args.endpoint).await {
        Ok(ep) => ep,
        // No such endpoint: the input is wrong.
        Err(e) if e.is_not_found() => {
            return Err(InputError(crate::t!(
                "policy-test-no-endpoint",
                id = &args.endpoint,
                error = terminal_safe(&e.to_string())
            )));
        }
        // Not readable (a permission, a timeout): not judged, and the answer says why.
        Err(e) => {
            let through = Through {
                endpoint_id: args.endpoint.clone(),
                vpc_id: args.vpc.clone(),
                account: args.account.clone(),
                region: Some(session.run.region.clone()),
            };
            let why = terminal_safe(&e.to_string());
            return Ok((Source::NotRead { why }, through, Some(session)));
        }
    };
    let mut through = through(&ep, &session.run.region);
    // The flags say what the tool would otherwise not know.
    through.vpc_id = args.vpc.clone().or(through.vpc_id);
    through.account = args.account.clone().or(through.account);
    let doc = match ep
        .policy_document
        .as_deref()
        .filter(|p| !p.trim().is_empty())
    {
        None => None,
        Some(text) => Some(policy::parse(text).map_err(InputError)?),
    };
    let source = Source::Read {
        from: "aws".into(),
        doc,
    };
    Ok((source, through, Some(session)))
}

/// The bucket policy, when the resource is an S3 object or bucket.
async fn bucket_side(
    args: &PolicyTestOptions,
    session: Option<&Session>,
) -> Result<Option<(String, Source)>, InputError> {
    let Some(bucket) = args.resource.as_deref().and_then(bucket_of) else {
        if let Some(path) = &args.bucket_policy {
            // Judged anyway: the user asked for it, whatever the resource.
            let doc = read_policy(path)?;
            let from = format!("file:{path}");
            return Ok(Some((
                String::new(),
                Source::Read {
                    from,
                    doc: Some(doc),
                },
            )));
        }
        return Ok(None);
    };
    let bucket = bucket.to_string();
    if let Some(path) = &args.bucket_policy {
        let doc = read_policy(path)?;
        let from = format!("file:{path}");
        return Ok(Some((
            bucket,
            Source::Read {
                from,
                doc: Some(doc),
            },
        )));
    }
    let Some(session) = session else {
        let why = crate::t!("policy-test-bucket-offline");
        return Ok(Some((bucket, Source::NotRead { why })));
    };
    let source = match session.facts.bucket_policy(&bucket).await {
        Ok(doc) => Source::Read {
            from: "aws".into(),
            doc: doc
                .map(|t| policy::parse(&t).map_err(InputError))
                .transpose()?,
        },
        Err(e) => Source::NotRead {
            why: terminal_safe(&e.to_string()),
        },
    };
    Ok(Some((bucket, source)))
}

fn request(args: &PolicyTestOptions, through: &Through) -> Request {
    let mut r = Request::through_endpoint(&args.action, args.resource.as_deref(), through);
    if let Some(p) = &args.principal {
        r = r.with_principal(p);
    }
    for (key, values) in &args.context {
        r = r.with_key(key, values);
    }
    r
}

/// The catalog's fix command `key` of `check`, filled in.
fn command(catalog: &Catalog, check: &str, key: &str, vars: &[(String, String)]) -> Option<String> {
    let template = catalog.get(check)?.fix.get(key)?.command.clone()?;
    Some(render_template(&template, vars))
}

struct Judging<'a> {
    catalog: &'a Catalog,
    request: &'a Request,
    through: &'a Through,
    /// `--profile … --region …` for the commands.
    cli_tail: String,
}

impl Judging<'_> {
    fn judge(&self, document: &'static str, of: &str, source: &Source) -> DocumentResult {
        let mut result = DocumentResult {
            document,
            of: of.to_string(),
            source: String::new(),
            decision: "not_judged".into(),
            statement: None,
            because: Vec::new(),
            unknown_key: None,
            note: None,
            corrected_statement: None,
            command: None,
        };
        let doc = match source {
            Source::NotRead { why } => {
                result.note = Some(why.clone());
                return result;
            }
            Source::Read { from, doc: None } => {
                // No policy: an endpoint lets everything through; a bucket leaves it to IAM.
                result.source = format!("{from} (none)");
                result.decision = if document == "endpoint_policy" {
                    "allow".into()
                } else {
                    "implicit_deny".into()
                };
                result.note = Some(crate::t!("policy-test-no-document"));
                return result;
            }
            Source::Read {
                from,
                doc: Some(doc),
            } => {
                result.source = from.clone();
                doc
            }
        };
        let verdict = evaluate(doc, self.request);
        self.fill(&mut result, doc, &verdict);
        result
    }

    fn fill(&self, result: &mut DocumentResult, doc: &Value, verdict: &Verdict) {
        result.decision = verdict.decision.as_str().into();
        result.statement = verdict.statement.as_ref().map(ToString::to_string);
        result.because = verdict.because.clone();
        result.unknown_key = verdict.unknown_key.clone();
        if verdict.decision == Decision::ImplicitDeny {
            if let Some(miss) = verdict.near_misses.first() {
                result.statement = Some(miss.statement.to_string());
                result.note = Some(crate::t!(
                    "policy-near-miss",
                    statement = miss.statement.to_string(),
                    clause = policy::describe(&miss.clause, &self.request.context)
                ));
            } else if let Some((st, key)) = &verdict.unresolved_deny {
                result.note = Some(crate::t!(
                    "policy-test-unresolved-deny",
                    statement = st.to_string(),
                    key = key
                ));
            }
        }
        let corrected = fix::corrected(doc, verdict, self.through).or_else(|| {
            (result.document == "endpoint_policy" && verdict.decision == Decision::ImplicitDeny)
                .then(|| {
                    let resource = self.request.resource.as_deref().unwrap_or("*");
                    fix::with_allow(doc, &self.request.action, resource)
                })
        });
        let Some(corrected) = corrected else { return };
        let changed = verdict
            .statement
            .as_ref()
            .or(verdict.near_misses.first().map(|m| &m.statement))
            .and_then(|at| policy::statement_at(&corrected, at).cloned());
        result.corrected_statement = changed.or_else(|| {
            corrected
                .get("Statement")
                .and_then(Value::as_array)
                .and_then(|l| l.last().cloned())
        });
        let policy_arg = sh_quote(&serde_json::to_string(&corrected).unwrap_or_default());
        let mut vars = vec![
            ("policy".to_string(), policy_arg),
            ("endpoint_id".to_string(), self.through.endpoint_id.clone()),
            ("consumer_args".to_string(), self.cli_tail.clone()),
            ("action".to_string(), self.request.action.clone()),
            (
                "resource".to_string(),
                self.request.resource.clone().unwrap_or_else(|| "*".into()),
            ),
        ];
        result.command = if result.document == "endpoint_policy" {
            let key =
                if verdict.decision == Decision::ExplicitDeny || !verdict.near_misses.is_empty() {
                    "admit"
                } else {
                    "allow"
                };
            command(self.catalog, "gateway.policy", key, &vars)
        } else {
            vars.push(("bucket".to_string(), sh_quote(&result.of)));
            command(self.catalog, "gateway.bucket_policy", "admit", &vars)
        };
    }
}

/// Allowed, denied or undecided along the whole path, and the exit code that says it.
fn overall(documents: &[DocumentResult]) -> (&'static str, i32) {
    let denied = documents.iter().any(|d| {
        d.decision == "explicit_deny"
            || (d.document == "endpoint_policy" && d.decision == "implicit_deny")
    });
    if denied {
        return ("denied", 1);
    }
    if documents
        .iter()
        .any(|d| d.decision == "depends" || d.decision == "not_judged")
    {
        return ("depends", 3);
    }
    ("allowed", 0)
}

fn context_rows(request: &Request) -> Vec<ContextRow> {
    request
        .context
        .entries()
        .map(|e| {
            let (value, state) = match &e.state {
                KeyState::Values(v) => (Some(v.clone()), "present"),
                KeyState::Absent => (None, "absent"),
                KeyState::Unknown => (None, "unknown"),
            };
            ContextRow {
                key: e.name.clone(),
                shown: e.state.words(),
                value,
                state,
                basis: e.basis,
            }
        })
        .collect()
}

pub async fn run(args: PolicyTestOptions, catalog: Arc<Catalog>) -> Result<i32, InputError> {
    let (endpoint_source, through, session) = endpoint_side(&args, &catalog).await?;
    let bucket = bucket_side(&args, session.as_ref()).await?;
    let request = request(&args, &through);
    let cli_tail = match &session {
        Some(s) => s.run.cli_args(false),
        None => {
            let mut tail = String::new();
            if let Some(p) = &args.diag.profile {
                tail.push_str(&format!(" --profile {p}"));
            }
            if let Some(r) = &args.diag.region {
                tail.push_str(&format!(" --region {r}"));
            }
            tail
        }
    };
    let judging = Judging {
        catalog: &catalog,
        request: &request,
        through: &through,
        cli_tail,
    };
    let mut documents = vec![judging.judge("endpoint_policy", &args.endpoint, &endpoint_source)];
    if let Some((name, source)) = &bucket {
        documents.push(judging.judge("bucket_policy", name, source));
    }
    let (verdict, exit_code) = overall(&documents);
    let report = PolicyTestReport {
        kind: "policy_test",
        lang: crate::i18n::current().code(),
        endpoint: args.endpoint.clone(),
        action: args.action.clone(),
        resource: args.resource.clone(),
        principal: args.principal.clone(),
        context: context_rows(&request),
        documents,
        verdict,
        exit_code,
    };
    let text = if args.json {
        serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
    } else {
        render_text(&report)
    };
    print!("{text}");
    Ok(exit_code)
}

fn render_text(r: &PolicyTestReport) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&terminal_safe(&s));
        out.push('\n');
    };
    line(crate::t!(
        "policy-test-request",
        action = &r.action,
        resource = r
            .resource
            .clone()
            .unwrap_or_else(|| crate::t!("policy-any-resource")),
        endpoint = &r.endpoint
    ));
    if let Some(p) = &r.principal {
        line(crate::t!("policy-test-principal", principal = p));
    }
    line(String::new());
    line(crate::t!("policy-field-context"));
    let rows: Vec<(String, String, String)> = r
        .context
        .iter()
        .map(|c| (c.key.clone(), c.shown.clone(), c.basis.words()))
        .collect();
    let key_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let value_width = rows.iter().map(|r| display_width(&r.1)).max().unwrap_or(0);
    for (key, value, basis) in rows {
        line(format!(
            "  {}  {}  ({basis})",
            pad(&key, key_width),
            pad(&value, value_width)
        ));
    }
    for d in &r.documents {
        line(String::new());
        let title = if d.document == "endpoint_policy" {
            crate::t!(
                "policy-test-endpoint-policy",
                of = &d.of,
                source = &d.source
            )
        } else {
            crate::t!("policy-test-bucket-policy", of = &d.of, source = &d.source)
        };
        line(title);
        line(format!(
            "  {}",
            crate::t!(
                "policy-test-decision",
                decision = crate::i18n::message(
                    &format!("policy-decision-{}", d.decision.replace('_', "-")),
                    &[]
                ),
                statement = d.statement.clone().unwrap_or_else(|| "—".into())
            )
        ));
        for b in &d.because {
            line(format!("    {b}"));
        }
        if let Some(k) = &d.unknown_key {
            line(format!(
                "    {}",
                crate::t!("policy-test-unknown-key", key = k)
            ));
        }
        if let Some(note) = &d.note {
            line(format!("    {note}"));
        }
        if let Some(st) = &d.corrected_statement {
            line(format!(
                "  {}: {}",
                crate::t!("policy-field-corrected"),
                serde_json::to_string(st).unwrap_or_default()
            ));
        }
        if let Some(cmd) = &d.command {
            line(format!("  $ {cmd}"));
        }
    }
    line(String::new());
    line(crate::i18n::message(
        &format!("policy-test-verdict-{}", r.verdict),
        &[],
    ));
    out
}
