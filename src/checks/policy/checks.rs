//! The checks that judge the policies on a request's path: the endpoint policy
//! (`gateway.policy`) and the bucket policy behind an S3 endpoint (`gateway.bucket_policy`). Facts
//! in, verdict out: each finding names the statement, the condition that decided with the
//! request's value of its key, and, where one can be written without widening access, the
//! corrected policy as a command.

use serde_json::Value;

use super::{
    Decision, PolicyShape, Request, Through, Verdict, evaluate, fix, parse, shape, statement_at,
};
use crate::checks::{Ctx, could_not_tell, endpoint_or};
use crate::engine::outcome::Outcome;
use crate::facts::model::Endpoint;
use crate::sanitize::sh_quote;

/// What a request through `ep` carries.
pub fn through(ep: &Endpoint, region: &str) -> Through {
    Through {
        endpoint_id: ep.id.clone(),
        vpc_id: Some(ep.vpc_id.clone()).filter(|v| !v.is_empty()),
        account: ep.owner_id.clone().filter(|a| !a.is_empty()),
        region: Some(region.to_string()).filter(|r| !r.is_empty()),
    }
}

fn compact(doc: &Value) -> String {
    serde_json::to_string(doc).unwrap_or_default()
}

/// The document, or `unknown` showing the text that is not a policy (under `field`, the
/// name AWS gives it).
fn parsed_or_unknown(text: String, field: &str) -> Result<Value, Box<Outcome>> {
    parse(&text).map_err(|e| {
        Box::new(
            Outcome::unknown(crate::t!("gateway-policy-unreadable", error = e)).field(field, text),
        )
    })
}

/// `s3:GetObject on arn:aws:s3:::b/k` (or `on any resource`).
fn request_words(request: &Request) -> String {
    crate::t!(
        "gateway-request",
        action = &request.action,
        resource = request
            .resource
            .clone()
            .unwrap_or_else(|| crate::t!("policy-any-resource"))
    )
}

/// The request context as evidence: each key, its value, and why the tool holds it.
fn context_table(o: Outcome, request: &Request) -> Outcome {
    let rows = request
        .context
        .entries()
        .map(|e| vec![e.name.clone(), e.state.words(), e.basis.words()])
        .collect();
    o.table(
        crate::t!("policy-field-context"),
        &[
            &crate::t!("policy-col-key"),
            &crate::t!("policy-col-value"),
            &crate::t!("policy-col-basis"),
        ],
        rows,
    )
}

/// The deciding statement, its conditions that held, and the corrected policy, as evidence.
fn decided_by(mut o: Outcome, doc: &Value, verdict: &Verdict, fixed: Option<&Value>) -> Outcome {
    if let Some(at) = &verdict.statement
        && let Some(st) = statement_at(doc, at)
    {
        o = o.field(crate::t!("policy-field-statement"), compact(st));
    }
    for because in &verdict.because {
        o = o.field(crate::t!("policy-field-condition"), because.clone());
    }
    if let (Some(fixed), Some(at)) = (fixed, &verdict.statement)
        && let Some(st) = statement_at(fixed, at)
    {
        o = o.field(crate::t!("policy-field-corrected"), compact(st));
    }
    o
}

/// The one-line reason a `Depends` verdict gives.
fn depends_words(verdict: &Verdict) -> (String, String) {
    (
        verdict
            .statement
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        verdict.unknown_key.clone().unwrap_or_default(),
    )
}

/// One request judged against one document, with what a finding says of it.
struct Judgement {
    verdict: Verdict,
    /// The request in words.
    words: String,
    /// The deciding statement's name (empty when none decided).
    statement: String,
    /// The corrected document, when one can be written without widening access.
    fixed: Option<Value>,
}

impl Judgement {
    fn new(doc: &Value, request: &Request, through: &Through) -> Judgement {
        let verdict = evaluate(doc, request);
        Judgement {
            words: request_words(request),
            statement: verdict
                .statement
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            fixed: fix::corrected(doc, &verdict, through),
            verdict,
        }
    }
}

/// The endpoint policy judged for one request: the verdict, with its fix.
fn endpoint_verdict(doc: &Value, request: &Request, through: &Through) -> Outcome {
    let Judgement {
        verdict,
        words,
        statement,
        fixed,
    } = Judgement::new(doc, request, through);
    let resource = request.resource.clone().unwrap_or_else(|| "*".into());
    let o = match verdict.decision {
        Decision::Allow => Outcome::pass(crate::t!(
            "policy-endpoint-allowed",
            request = &words,
            statement = &statement
        )),
        Decision::Depends => {
            let (statement, key) = depends_words(&verdict);
            Outcome::warn(crate::t!(
                "policy-endpoint-depends",
                request = &words,
                statement = &statement,
                key = &key
            ))
        }
        Decision::ExplicitDeny => {
            let o = Outcome::fail(crate::t!(
                "policy-endpoint-denied",
                request = &words,
                statement = &statement,
                because = verdict.because.join("; ")
            ));
            match &fixed {
                Some(fixed) => o.fix(
                    "admit",
                    &[
                        ("statement", statement.clone()),
                        ("policy", sh_quote(&compact(fixed))),
                    ],
                ),
                None => o.fix(
                    "remove_deny",
                    &[
                        ("statement", statement.clone()),
                        ("action", request.action.clone()),
                        ("resource", resource.clone()),
                    ],
                ),
            }
        }
        Decision::ImplicitDeny => {
            let corrected = fixed
                .clone()
                .unwrap_or_else(|| fix::with_allow(doc, &request.action, &resource));
            Outcome::fail(crate::t!("policy-endpoint-not-allowed", request = &words)).fix(
                "allow",
                &[
                    ("action", request.action.clone()),
                    ("resource", resource.clone()),
                    ("policy", sh_quote(&compact(&corrected))),
                ],
            )
        }
    };
    let o = near_miss_fields(o, &verdict, request);
    decided_by(o, doc, &verdict, fixed.as_ref()).field(crate::t!("gateway-field-request"), words)
}

/// Allows that would have applied but for a condition on the path, each with the request's
/// value of the key that failed.
fn near_miss_fields(mut o: Outcome, verdict: &Verdict, request: &Request) -> Outcome {
    for miss in &verdict.near_misses {
        o = o.field(
            crate::t!("policy-field-near-miss"),
            crate::t!(
                "policy-near-miss",
                statement = miss.statement.to_string(),
                clause = super::describe(&miss.clause, &request.context)
            ),
        );
    }
    o
}

/// `gateway.policy`: the endpoint policy lets the clients' requests through.
pub async fn endpoint_policy(ctx: &Ctx) -> Outcome {
    let ep = match endpoint_or(ctx).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let Some(text) = ep.policy_document.clone().filter(|p| !p.trim().is_empty()) else {
        return Outcome::pass(crate::t!("gateway-no-policy", id = &ep.id));
    };
    let doc = match parsed_or_unknown(text, "PolicyDocument") {
        Ok(d) => d,
        Err(o) => return *o,
    };
    let through = through(&ep, &ctx.run.region);
    if let Some(action) = ctx.run.expect_action.clone() {
        let request =
            Request::through_endpoint(&action, ctx.run.expect_resource.as_deref(), &through);
        return context_table(endpoint_verdict(&doc, &request, &through), &request)
            .field("PolicyDocument", compact(&doc));
    }
    common_requests(&doc, &ep, &through, &ctx.run.region).field("PolicyDocument", compact(&doc))
}

/// Without a named request: what common clients of this service ask for (the workload
/// profiles' requests and the built-in list), each judged.
fn common_requests(doc: &Value, ep: &Endpoint, through: &Through, region: &str) -> Outcome {
    let common = crate::checks::aws_service_parts(&ep.service_name)
        .map(|(_, name)| name)
        .map(|name| crate::checks::profiles::common_requests(name, region))
        .unwrap_or_default();
    let mut refused = Vec::new();
    let mut corrected = doc.clone();
    for need in &common {
        let request = Request::through_endpoint(&need.action, Some(&need.resource), through);
        let verdict = evaluate(doc, &request);
        if matches!(
            verdict.decision,
            Decision::ExplicitDeny | Decision::ImplicitDeny
        ) {
            if verdict.decision == Decision::ImplicitDeny {
                corrected = fix::with_allow(&corrected, &need.action, &need.resource);
            }
            refused.push((need, verdict));
        }
    }
    if refused.is_empty() {
        return match shape(doc) {
            // Nothing is blocked, but the guide's posture is least privilege: advice, which
            // counts towards no verdict.
            PolicyShape::FullAccess => Outcome::advice(crate::t!("gateway-policy-full-access")),
            // Least privilege is what the guide recommends: a restrictive policy is no risk
            // to the traffic until a request it denies is named.
            PolicyShape::Restrictive { statements } => Outcome::pass(crate::t!(
                "gateway-policy-restrictive",
                statements = statements
            )),
        };
    }
    let names: Vec<String> = refused
        .iter()
        .map(|(need, _)| {
            format!(
                "{} ({})",
                request_words(&Request::bare(&need.action, Some(&need.resource))),
                need.used_by.join(", ")
            )
        })
        .collect();
    // Advice, which counts towards no verdict: the tool cannot know these clients are in the
    // VPC, and a restrictive policy that serves the clients that are is healthy. Named with
    // --expect-action, the same refusal is a failure.
    let mut o = Outcome::advice(crate::t!(
        "policy-common-refused",
        requests = names.join("; ")
    ));
    for (need, verdict) in &refused {
        let why = match (&verdict.decision, &verdict.statement) {
            (Decision::ExplicitDeny, Some(st)) => {
                crate::t!("policy-common-denied-by", statement = st.to_string())
            }
            _ => crate::t!("policy-common-no-allow"),
        };
        o = o.field(
            crate::t!("policy-field-refused"),
            format!(
                "{} — {why}",
                request_words(&Request::bare(&need.action, Some(&need.resource)))
            ),
        );
    }
    if refused
        .iter()
        .any(|(_, v)| v.decision == Decision::ImplicitDeny)
    {
        o = o.fix(
            "allow_common",
            &[
                ("requests", names.join("; ")),
                ("policy", sh_quote(&compact(&corrected))),
            ],
        );
    }
    o
}

/// The bucket an S3 ARN names (`arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/key`).
pub fn bucket_of(resource: &str) -> Option<&str> {
    let rest = resource
        .strip_prefix("arn:aws:s3:::")
        .or_else(|| resource.strip_prefix("arn:aws-cn:s3:::"))
        .or_else(|| resource.strip_prefix("arn:aws-us-gov:s3:::"))?;
    let bucket = rest.split('/').next()?;
    (!bucket.is_empty() && !bucket.contains('*') && !bucket.contains('?')).then_some(bucket)
}

/// Whether an endpoint reaches S3 (a gateway or interface endpoint of the regional service).
pub fn is_s3(ep: &Endpoint) -> bool {
    crate::checks::aws_service_parts(&ep.service_name).map(|(_, name)| name) == Some("s3")
}

/// The bucket policy judged for one request through the endpoint.
pub fn bucket_verdict(bucket: &str, doc: &Value, request: &Request, through: &Through) -> Outcome {
    let Judgement {
        verdict,
        words,
        statement,
        fixed,
    } = Judgement::new(doc, request, through);
    let admit = |o: Outcome, fixed: &Option<Value>| match fixed {
        Some(fixed) => o.fix(
            "admit",
            &[
                ("bucket", sh_quote(bucket)),
                ("policy", sh_quote(&compact(fixed))),
            ],
        ),
        None => o,
    };
    let o = match verdict.decision {
        Decision::ExplicitDeny => {
            let o = Outcome::fail(crate::t!(
                "policy-bucket-denied",
                bucket = bucket,
                request = &words,
                statement = &statement,
                because = verdict.because.join("; ")
            ));
            if fixed.is_some() {
                admit(o, &fixed)
            } else {
                o.fix(
                    "narrow_deny",
                    &[
                        ("bucket", sh_quote(bucket)),
                        ("statement", statement.clone()),
                    ],
                )
            }
        }
        Decision::Depends => {
            let (statement, key) = depends_words(&verdict);
            Outcome::warn(crate::t!(
                "policy-bucket-depends",
                bucket = bucket,
                request = &words,
                statement = &statement,
                key = &key
            ))
        }
        Decision::Allow => Outcome::pass(crate::t!(
            "policy-bucket-allowed",
            bucket = bucket,
            request = &words,
            statement = &statement
        )),
        Decision::ImplicitDeny => match (verdict.near_misses.first(), &verdict.unresolved_deny) {
            (Some(miss), _) => admit(
                Outcome::warn(crate::t!(
                    "policy-bucket-grant-missed",
                    bucket = bucket,
                    request = &words,
                    statement = miss.statement.to_string(),
                    key = &miss.clause.key
                )),
                &fixed,
            ),
            (None, Some((st, key))) => Outcome::warn(crate::t!(
                "policy-bucket-depends",
                bucket = bucket,
                request = &words,
                statement = st.to_string(),
                key = key
            )),
            // A bucket policy without an Allow for this request leaves the decision to the
            // caller's IAM policy (same account): not a refusal on the path.
            (None, None) => Outcome::pass(crate::t!(
                "policy-bucket-silent",
                bucket = bucket,
                request = &words
            )),
        },
    };
    let o = near_miss_fields(o, &verdict, request);
    decided_by(o, doc, &verdict, fixed.as_ref()).field(crate::t!("gateway-field-request"), words)
}

/// `gateway.bucket_policy`: the policy of the bucket the request names lets requests through
/// this endpoint in.
pub async fn bucket_policy(ctx: &Ctx) -> Outcome {
    let ep = match endpoint_or(ctx).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    // S3 is reached through a Gateway or an Interface endpoint; a kind this tool does not
    // know is never waved through.
    match crate::checks::kind(&ep) {
        crate::checks::Kind::Unknown => return crate::checks::unknown_kind(&ep),
        crate::checks::Kind::Gateway | crate::checks::Kind::Interface => {}
        _ => return Outcome::not_applicable(crate::t!("policy-bucket-not-s3", id = &ep.id)),
    }
    if !is_s3(&ep) {
        return Outcome::not_applicable(crate::t!("policy-bucket-not-s3", id = &ep.id));
    }
    let Some(resource) = ctx.run.expect_resource.clone() else {
        return Outcome::not_applicable(crate::t!("policy-bucket-no-resource"));
    };
    let Some(bucket) = bucket_of(&resource).map(str::to_string) else {
        return Outcome::not_applicable(crate::t!(
            "policy-bucket-not-a-bucket",
            resource = &resource
        ));
    };
    let action = ctx.run.expect_action.clone().unwrap_or_else(|| {
        if resource.contains('/') {
            "s3:GetObject".into()
        } else {
            "s3:ListBucket".into()
        }
    });
    let text = match ctx.facts.bucket_policy(&bucket).await {
        Ok(Some(text)) => text,
        Ok(None) => {
            return Outcome::pass(crate::t!("policy-bucket-none", bucket = &bucket));
        }
        // The bucket namespace is global: NoSuchBucket means no such bucket anywhere, and
        // the request fails with 404 whatever the policies say.
        Err(e) if e.is_not_found() => {
            return Outcome::warn(crate::t!("policy-bucket-missing", bucket = &bucket));
        }
        // S3 answers a request for another region's bucket with a redirect: requests to it
        // never take this endpoint, which reaches only buckets of its own region.
        Err(crate::facts::FactError::Service { code, .. })
            if matches!(
                code.as_str(),
                "PermanentRedirect" | "AuthorizationHeaderMalformed"
            ) =>
        {
            return Outcome::warn(crate::t!(
                "policy-bucket-other-region",
                bucket = &bucket,
                region = &ctx.run.region
            ));
        }
        Err(e) => return could_not_tell(ctx, &e, false),
    };
    let doc = match parsed_or_unknown(text, "Policy") {
        Ok(d) => d,
        Err(o) => return *o,
    };
    let through = through(&ep, &ctx.run.region);
    let request = Request::through_endpoint(&action, Some(&resource), &through);
    context_table(bucket_verdict(&bucket, &doc, &request, &through), &request)
        .field("Policy", compact(&doc))
        .var("bucket", sh_quote(&bucket))
}
