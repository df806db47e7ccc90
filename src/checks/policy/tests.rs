//! The evaluator against AWS's documented evaluation logic: a table of policy × request →
//! verdict, most rows taken from the examples in the IAM, S3 and PrivateLink guides and the
//! AWS data-perimeter examples, then the corrected policies.

use serde_json::{Value, json};

use super::*;

const VPCE: &str = "vpce-1a2b3c4d";
const VPC: &str = "vpc-111bbb22";

fn through() -> Through {
    Through {
        endpoint_id: VPCE.into(),
        vpc_id: Some(VPC.into()),
        account: Some("111122223333".into()),
        region: Some("us-east-1".into()),
    }
}

fn via(action: &str, resource: &str) -> Request {
    Request::through_endpoint(action, Some(resource), &through())
}

/// A request from the internet (not through an endpoint) from `ip`.
fn public(action: &str, resource: &str, ip: &str) -> Request {
    let mut r = Request::bare(action, Some(resource));
    r.context.value("aws:SourceIp", ip, Basis::Given);
    r.context
        .set("aws:SourceVpce", KeyState::Absent, Basis::Given);
    r.context
        .set("aws:SourceVpc", KeyState::Absent, Basis::Given);
    r
}

fn doc(v: Value) -> Value {
    v
}

/// `(decision, deciding statement)` in a form a table row can hold.
fn judged(policy: &Value, request: &Request) -> (Decision, String) {
    let v = evaluate(policy, request);
    (
        v.decision,
        v.statement.map(|s| s.to_string()).unwrap_or_default(),
    )
}

const OBJECT: &str = "arn:aws:s3:::awsexamplebucket1/photo.jpg";

/// S3 user guide, "Restricting access to a specific VPC endpoint".
fn pinned_to_endpoint(vpce: &str) -> Value {
    doc(json!({
        "Version": "2012-10-17",
        "Id": "Policy1415115909152",
        "Statement": [{
            "Sid": "Access-to-specific-VPCE-only",
            "Principal": "*",
            "Action": "s3:*",
            "Effect": "Deny",
            "Resource": ["arn:aws:s3:::awsexamplebucket1", "arn:aws:s3:::awsexamplebucket1/*"],
            "Condition": {"StringNotEquals": {"aws:SourceVpce": vpce}}
        }]
    }))
}

/// S3 user guide, "Restricting access to a specific VPC".
fn pinned_to_vpc(vpc: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "Access-to-specific-VPC-only", "Principal": "*", "Action": "s3:*", "Effect": "Deny",
        "Resource": ["arn:aws:s3:::awsexamplebucket1", "arn:aws:s3:::awsexamplebucket1/*"],
        "Condition": {"StringNotEquals": {"aws:SourceVpc": vpc}}}]})
}

/// S3 user guide, "Managing access based on specific IP addresses": deny outside a range.
fn deny_outside_range() -> Value {
    json!({"Version": "2012-10-17", "Id": "S3PolicyId1", "Statement": [{
        "Sid": "IPAllow", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": ["arn:aws:s3:::awsexamplebucket1", "arn:aws:s3:::awsexamplebucket1/*"],
        "Condition": {"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}}}]})
}

/// The same idea as a grant: allow only from a range.
fn allow_from_range() -> Value {
    json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "OfficeOnly", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::awsexamplebucket1/*",
        "Condition": {"IpAddress": {"aws:SourceIp": ["192.0.2.0/24", "2001:db8::/32"]}}}]})
}

/// PrivateLink guide, endpoint policy example: read one bucket.
fn endpoint_read_one_bucket() -> Value {
    json!({"Statement": [{"Principal": "*", "Effect": "Allow", "Action": ["s3:GetObject"],
        "Resource": ["arn:aws:s3:::awsexamplebucket1/*"]}]})
}

/// PrivateLink guide: full access, except for one account's principals.
fn deny_one_account() -> Value {
    json!({"Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
        {"Sid": "DenyAccount", "Effect": "Deny", "Principal": {"AWS": ["123456789012"]},
         "Action": "*", "Resource": "*"}]})
}

/// aws-samples/data-perimeter-policy-examples: the endpoint policy for identities and
/// resources of one organisation.
fn org_perimeter() -> Value {
    json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "AllowRequestsByOrgsIdentitiesToOrgsResources", "Effect": "Allow",
        "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*",
        "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5", "aws:ResourceOrgID": "o-a1b2c3d4e5"}}}]})
}

/// aws-samples/data-perimeter-policy-examples: the network perimeter of a bucket policy,
/// with the exceptions for AWS services acting for you.
fn network_perimeter(vpc: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{
    "Sid": "EnforceNetworkPerimeter", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
    "Resource": ["arn:aws:s3:::awsexamplebucket1", "arn:aws:s3:::awsexamplebucket1/*"],
    "Condition": {
        "NotIpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"},
        "StringNotEqualsIfExists": {"aws:SourceVpc": vpc},
        "BoolIfExists": {"aws:PrincipalIsAWSService": "false", "aws:ViaAWSService": "false"},
        "ArnNotLikeIfExists": {"aws:PrincipalArn": "arn:aws:iam::*:role/aws:ec2-infrastructure"}
    }}]})
}

const ROLE: &str = "arn:aws:sts::111122223333:assumed-role/app/i-0abc";

/// A named row of the table: policy, request, the documented decision and deciding statement.
type Row = (&'static str, Value, Request, (Decision, &'static str));

/// The S3 user guide's bucket policies for endpoints, VPCs and address ranges.
fn s3_guide_rows() -> Vec<Row> {
    use Decision::*;
    vec![
        // A Deny pinned to this endpoint does not apply through it; nothing allows either,
        // which leaves the request to the caller's IAM policy.
        (
            "pinned to this endpoint",
            pinned_to_endpoint(VPCE),
            via("s3:GetObject", OBJECT),
            (ImplicitDeny, ""),
        ),
        (
            "pinned to another endpoint",
            pinned_to_endpoint("vpce-0ther"),
            via("s3:GetObject", OBJECT),
            (ExplicitDeny, "Access-to-specific-VPCE-only"),
        ),
        (
            "pinned to another endpoint, from the internet",
            pinned_to_endpoint("vpce-0ther"),
            public("s3:GetObject", OBJECT, "198.51.100.7"),
            (ExplicitDeny, "Access-to-specific-VPCE-only"),
        ),
        (
            "pinned to this VPC",
            pinned_to_vpc(VPC),
            via("s3:PutObject", OBJECT),
            (ImplicitDeny, ""),
        ),
        (
            "pinned to another VPC",
            pinned_to_vpc("vpc-999"),
            via("s3:PutObject", OBJECT),
            (ExplicitDeny, "Access-to-specific-VPC-only"),
        ),
        // The key is never in a request through an endpoint, so NotIpAddress holds.
        (
            "aws:SourceIp through an endpoint",
            deny_outside_range(),
            via("s3:GetObject", OBJECT),
            (ExplicitDeny, "IPAllow"),
        ),
        (
            "aws:SourceIp from inside the range",
            deny_outside_range(),
            public("s3:GetObject", OBJECT, "192.0.2.10"),
            (ImplicitDeny, ""),
        ),
        (
            "aws:SourceIp from outside the range",
            deny_outside_range(),
            public("s3:GetObject", OBJECT, "198.51.100.7"),
            (ExplicitDeny, "IPAllow"),
        ),
        (
            "grant by address, through an endpoint",
            allow_from_range(),
            via("s3:GetObject", OBJECT).with_principal("arn:aws:iam::444455556666:user/ana"),
            (ImplicitDeny, ""),
        ),
        (
            "grant by address, IPv6 inside",
            allow_from_range(),
            public("s3:GetObject", OBJECT, "2001:db8::5")
                .with_principal("arn:aws:iam::444455556666:user/ana"),
            (Allow, "OfficeOnly"),
        ),
        (
            "grant by address, another account",
            allow_from_range(),
            public("s3:GetObject", OBJECT, "192.0.2.10")
                .with_principal("arn:aws:iam::999988887777:user/bo"),
            (ImplicitDeny, ""),
        ),
    ]
}

/// The PrivateLink guide's endpoint policies, IAM's precedence and the data-perimeter examples.
fn endpoint_and_perimeter_rows() -> Vec<Row> {
    use Decision::*;
    vec![
        (
            "endpoint policy, the bucket it names",
            endpoint_read_one_bucket(),
            via("s3:GetObject", OBJECT),
            (Allow, "#1"),
        ),
        (
            "endpoint policy, another action",
            endpoint_read_one_bucket(),
            via("s3:PutObject", OBJECT),
            (ImplicitDeny, ""),
        ),
        (
            "endpoint policy, another bucket",
            endpoint_read_one_bucket(),
            via(
                "s3:GetObject",
                "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/x",
            ),
            (ImplicitDeny, ""),
        ),
        (
            "actions ignore case",
            endpoint_read_one_bucket(),
            via("S3:getobject", OBJECT),
            (Allow, "#1"),
        ),
        (
            "resources do not",
            endpoint_read_one_bucket(),
            via("s3:GetObject", "arn:aws:s3:::AWSEXAMPLEBUCKET1/x"),
            (ImplicitDeny, ""),
        ),
        (
            "no resource named, statement limited to one",
            endpoint_read_one_bucket(),
            Request::through_endpoint("s3:GetObject", None, &through()),
            (Depends, "#1"),
        ),
        // Explicit deny beats allow; an unknown caller might be the denied account.
        (
            "denied account",
            deny_one_account(),
            via("ec2:DescribeVpcs", "*").with_principal("arn:aws:iam::123456789012:role/x"),
            (ExplicitDeny, "DenyAccount"),
        ),
        (
            "another account",
            deny_one_account(),
            via("ec2:DescribeVpcs", "*").with_principal(ROLE),
            (Allow, "#1"),
        ),
        (
            "unknown caller",
            deny_one_account(),
            via("ec2:DescribeVpcs", "*"),
            (Depends, "DenyAccount"),
        ),
        (
            "organisation unknown",
            org_perimeter(),
            via("s3:GetObject", OBJECT),
            (Depends, "AllowRequestsByOrgsIdentitiesToOrgsResources"),
        ),
        (
            "organisation known",
            org_perimeter(),
            via("s3:GetObject", OBJECT)
                .with_key("aws:PrincipalOrgID", &["o-a1b2c3d4e5".into()])
                .with_key("aws:ResourceOrgID", &["o-a1b2c3d4e5".into()]),
            (Allow, "AllowRequestsByOrgsIdentitiesToOrgsResources"),
        ),
        (
            "another organisation",
            org_perimeter(),
            via("s3:GetObject", OBJECT)
                .with_key("aws:PrincipalOrgID", &["o-zzzzzzzzzz".into()])
                .with_key("aws:ResourceOrgID", &["o-a1b2c3d4e5".into()]),
            (ImplicitDeny, ""),
        ),
        (
            "network perimeter, own VPC",
            network_perimeter(VPC),
            via("s3:GetObject", OBJECT).with_principal(ROLE),
            (ImplicitDeny, ""),
        ),
        (
            "network perimeter, another VPC",
            network_perimeter("vpc-999"),
            via("s3:GetObject", OBJECT).with_principal(ROLE),
            (ExplicitDeny, "EnforceNetworkPerimeter"),
        ),
        (
            "network perimeter, the EC2 infrastructure role is spared",
            network_perimeter("vpc-999"),
            via("s3:GetObject", OBJECT).with_principal(
                "arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-1",
            ),
            (ImplicitDeny, ""),
        ),
    ]
}

#[test]
fn documented_examples_give_the_documented_verdicts() {
    for (name, policy, request, (decision, statement)) in s3_guide_rows()
        .into_iter()
        .chain(endpoint_and_perimeter_rows())
    {
        assert_eq!(
            judged(&policy, &request),
            (decision, statement.to_string()),
            "{name}"
        );
    }
}

/// One condition under one operator, judged against one context value (or its absence).
fn holds(operator: &str, key: &str, policy: Value, seen: Option<&[&str]>) -> Truth {
    let clause = condition::clauses(Some(&json!({operator: {key: policy}})))
        .pop()
        .unwrap();
    let mut context = Context::default();
    match seen {
        Some(values) => context.set(
            key,
            KeyState::Values(
                values
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect(),
            ),
            Basis::Given,
        ),
        None => context.set(key, KeyState::Absent, Basis::Given),
    }
    condition::evaluate(&clause, &context)
}

#[test]
fn each_operator_follows_the_iam_reference() {
    use Truth::{False as F, True as T};
    let k = "aws:SourceVpce";
    let rows: Vec<(&str, Value, Option<&[&str]>, Truth)> = vec![
        ("StringEquals", json!("vpce-1"), Some(&["vpce-1"]), T),
        ("StringEquals", json!("VPCE-1"), Some(&["vpce-1"]), F),
        ("StringEquals", json!(["a", "vpce-1"]), Some(&["vpce-1"]), T),
        ("StringEquals", json!("vpce-1"), None, F),
        ("StringNotEquals", json!("vpce-1"), Some(&["vpce-1"]), F),
        ("StringNotEquals", json!("vpce-1"), Some(&["vpce-2"]), T),
        // A negated operator holds when the key is absent.
        ("StringNotEquals", json!("vpce-1"), None, T),
        (
            "StringEqualsIgnoreCase",
            json!("VPCE-1"),
            Some(&["vpce-1"]),
            T,
        ),
        (
            "StringNotEqualsIgnoreCase",
            json!("VPCE-1"),
            Some(&["vpce-1"]),
            F,
        ),
        ("StringLike", json!("vpce-1*"), Some(&["vpce-1abc"]), T),
        ("StringLike", json!("vpce-?"), Some(&["vpce-12"]), F),
        ("StringNotLike", json!("vpce-1*"), Some(&["vpce-2"]), T),
        ("StringEqualsIfExists", json!("vpce-1"), None, T),
        (
            "StringEqualsIfExists",
            json!("vpce-1"),
            Some(&["vpce-2"]),
            F,
        ),
        ("StringNotEqualsIfExists", json!("vpce-1"), None, T),
        ("Null", json!("true"), None, T),
        ("Null", json!("true"), Some(&["vpce-1"]), F),
        ("Null", json!("false"), Some(&["vpce-1"]), T),
        ("Null", json!(false), None, F),
        ("Bool", json!("true"), Some(&["true"]), T),
        ("Bool", json!(true), Some(&["TRUE"]), T),
        ("Bool", json!("false"), Some(&["true"]), F),
        ("BoolIfExists", json!("false"), None, T),
        ("IpAddress", json!("10.0.0.0/8"), Some(&["10.1.2.3"]), T),
        ("IpAddress", json!("10.0.0.0/8"), Some(&["11.1.2.3"]), F),
        ("IpAddress", json!("10.0.0.0/8"), None, F),
        (
            "IpAddress",
            json!("2001:db8::/32"),
            Some(&["2001:db8::1"]),
            T,
        ),
        ("IpAddress", json!("203.0.113.7"), Some(&["203.0.113.7"]), T),
        ("NotIpAddress", json!("10.0.0.0/8"), None, T),
        ("NotIpAddress", json!("10.0.0.0/8"), Some(&["10.1.2.3"]), F),
        ("NotIpAddressIfExists", json!("10.0.0.0/8"), None, T),
        (
            "ArnLike",
            json!("arn:aws:iam::*:role/app-*"),
            Some(&["arn:aws:iam::1:role/app-web"]),
            T,
        ),
        // A `*` stays inside its part of the ARN.
        (
            "ArnLike",
            json!("arn:aws:iam::*:role/*"),
            Some(&["arn:aws:iam::1:user/x"]),
            F,
        ),
        (
            "ArnEquals",
            json!("arn:aws:iam::1:role/x"),
            Some(&["arn:aws:iam::1:role/x"]),
            T,
        ),
        (
            "ArnNotLike",
            json!("arn:aws:iam::*:role/app-*"),
            Some(&["arn:aws:iam::1:role/db"]),
            T,
        ),
        (
            "ArnNotLikeIfExists",
            json!("arn:aws:iam::*:role/app-*"),
            None,
            T,
        ),
        ("NumericLessThan", json!("10"), Some(&["3"]), T),
        ("NumericGreaterThanEquals", json!(10), Some(&["3"]), F),
        // Set operators on a multivalued key.
        (
            "ForAnyValue:StringEquals",
            json!(["a", "b"]),
            Some(&["b", "c"]),
            T,
        ),
        (
            "ForAnyValue:StringEquals",
            json!(["a"]),
            Some(&["b", "c"]),
            F,
        ),
        ("ForAnyValue:StringEquals", json!(["a"]), None, F),
        (
            "ForAllValues:StringEquals",
            json!(["a", "b"]),
            Some(&["a", "b"]),
            T,
        ),
        (
            "ForAllValues:StringEquals",
            json!(["a", "b"]),
            Some(&["a", "c"]),
            F,
        ),
        // ForAllValues holds for an absent key: the classic trap.
        ("ForAllValues:StringEquals", json!(["a"]), None, T),
        (
            "ForAnyValue:StringLike",
            json!(["o-1/r-1/ou-1/*"]),
            Some(&["o-1/r-1/ou-1/ou-2/"]),
            T,
        ),
        (
            "ForAnyValue:StringNotEquals",
            json!(["a"]),
            Some(&["a", "b"]),
            T,
        ),
        (
            "ForAllValues:StringNotEquals",
            json!(["a"]),
            Some(&["a", "b"]),
            F,
        ),
    ];
    for (operator, policy, seen, want) in rows {
        assert_eq!(
            holds(operator, k, policy.clone(), seen),
            want,
            "{operator} {policy} against {seen:?}"
        );
    }
}

#[test]
fn what_cannot_be_known_is_said_not_guessed() {
    let mut context = Context::default();
    let clause = |op: &str, key: &str| {
        condition::clauses(Some(&json!({op: {key: "x"}})))
            .pop()
            .unwrap()
    };
    // Never set: unknown, named.
    assert_eq!(
        condition::evaluate(&clause("StringEquals", "aws:PrincipalOrgID"), &context),
        Truth::Unknown("aws:PrincipalOrgID".into())
    );
    assert_eq!(
        condition::evaluate(&clause("Null", "s3:prefix"), &context),
        Truth::Unknown("s3:prefix".into())
    );
    // An operator the evaluator does not model.
    context.value("aws:CurrentTime", "2026-12-03T00:00:00Z", Basis::Given);
    assert!(matches!(
        condition::evaluate(&clause("DateLessThan", "aws:CurrentTime"), &context),
        Truth::Unknown(k) if k.contains("DateLessThan")
    ));
    // Keys compare without case; policy variables take the request's value.
    context.value("aws:sourcevpc", "vpc-1", Basis::Given);
    let var = condition::clauses(Some(
        &json!({"StringEquals": {"aws:SourceVpc": "${aws:SourceVpc}"}}),
    ))
    .pop()
    .unwrap();
    assert_eq!(condition::evaluate(&var, &context), Truth::True);
    let unknown_var = condition::clauses(Some(
        &json!({"StringEquals": {"aws:SourceVpc": "${aws:username}"}}),
    ))
    .pop()
    .unwrap();
    assert_eq!(
        condition::evaluate(&unknown_var, &context),
        Truth::Unknown("aws:username".into())
    );
}

#[test]
fn the_request_through_an_endpoint_carries_what_aws_documents() {
    let r = via("s3:GetObject", OBJECT);
    assert_eq!(
        r.context.get("aws:SourceVpce"),
        &KeyState::Values(vec![VPCE.into()])
    );
    assert_eq!(
        r.context.get("AWS:SOURCEVPC"),
        &KeyState::Values(vec![VPC.into()])
    );
    assert_eq!(
        r.context.get("aws:VpceAccount"),
        &KeyState::Values(vec!["111122223333".into()])
    );
    assert_eq!(r.context.get("aws:SourceIp"), &KeyState::Absent);
    assert_eq!(r.context.get("aws:PrincipalOrgID"), &KeyState::Unknown);
    let r = r.with_principal(ROLE);
    assert_eq!(
        r.context.get("aws:PrincipalArn"),
        &KeyState::Values(vec!["arn:aws:iam::111122223333:role/app".into()])
    );
    // A session names its role but not the role's path: said as an assumption.
    let basis = |r: &Request| {
        r.context
            .entries()
            .find(|e| e.name == "aws:PrincipalArn")
            .map(|e| e.basis)
    };
    assert_eq!(basis(&r), Some(Basis::RoleWithoutPath));
    let role =
        via("s3:GetObject", OBJECT).with_principal("arn:aws:iam::111122223333:role/teams/app");
    assert_eq!(basis(&role), Some(Basis::Given));
    assert_eq!(
        r.context.get("aws:PrincipalAccount"),
        &KeyState::Values(vec!["111122223333".into()])
    );
}

#[test]
fn statements_are_judged_in_any_shape_and_named_by_sid_or_place() {
    use Decision::*;
    // A single statement object, NotAction, NotResource, a statement without Effect.
    let policy = json!({"Statement": {"Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject",
        "Resource": "*"}});
    assert_eq!(
        judged(&policy, &via("s3:PutObject", OBJECT)),
        (ExplicitDeny, "#1".into())
    );
    assert_eq!(
        judged(&policy, &via("s3:GetObject", OBJECT)),
        (ImplicitDeny, String::new())
    );
    let policy = json!({"Statement": [
        {"Principal": "*", "Action": "*", "Resource": "*"},
        {"Sid": "AllButSecrets", "Effect": "Allow", "Principal": "*", "Action": "s3:*",
         "NotResource": "arn:aws:s3:::awsexamplebucket1/secret/*"}]});
    assert_eq!(
        judged(&policy, &via("s3:GetObject", OBJECT)),
        (Allow, "AllButSecrets".into())
    );
    assert_eq!(
        judged(
            &policy,
            &via("s3:GetObject", "arn:aws:s3:::awsexamplebucket1/secret/k")
        ),
        (ImplicitDeny, String::new())
    );
    // Deny wins whatever the order.
    let policy = json!({"Statement": [
        {"Sid": "No", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},
        {"Sid": "Yes", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]});
    assert_eq!(
        judged(&policy, &via("s3:GetObject", OBJECT)),
        (ExplicitDeny, "No".into())
    );
    // An AWS service principal is not the caller of an endpoint.
    let policy = json!({"Statement": [{"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
        "Action": "s3:PutObject", "Resource": "*"}]});
    assert_eq!(
        judged(&policy, &via("s3:PutObject", OBJECT)),
        (ImplicitDeny, String::new())
    );
    // The default `aws:SecureTransport` deny does not refuse an SDK's HTTPS request.
    let policy = json!({"Statement": [
        {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        {"Sid": "Read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]});
    assert_eq!(
        judged(&policy, &via("s3:GetObject", OBJECT)),
        (Allow, "Read".into())
    );
}

#[test]
fn the_deciding_condition_is_named_with_the_requests_value() {
    let v = evaluate(&deny_outside_range(), &via("s3:GetObject", OBJECT));
    assert_eq!(v.because.len(), 1);
    assert!(
        v.because[0].contains("NotIpAddress aws:SourceIp [\"192.0.2.0/24\"]"),
        "{:?}",
        v.because
    );
    let v = evaluate(
        &pinned_to_endpoint("vpce-0ther"),
        &via("s3:GetObject", OBJECT),
    );
    assert!(v.because[0].contains(VPCE), "{:?}", v.because);
    let v = evaluate(&org_perimeter(), &via("s3:GetObject", OBJECT));
    assert_eq!(v.unknown_key.as_deref(), Some("aws:PrincipalOrgID"));
}

/// The corrected document lets the request through this endpoint, and nothing that was
/// refused before other than through this endpoint.
fn assert_admits(policy: &Value, request: &Request, others: &[Request]) -> Value {
    let before = evaluate(policy, request);
    let fixed = fix::corrected(policy, &before, &through())
        .unwrap_or_else(|| panic!("no correction for {policy}"));
    let after = evaluate(&fixed, request);
    assert!(
        !matches!(after.decision, Decision::ExplicitDeny),
        "{fixed} still denies"
    );
    for other in others {
        assert_eq!(
            evaluate(policy, other).decision,
            evaluate(&fixed, other).decision,
            "the correction changed {other:?}"
        );
    }
    fixed
}

#[test]
fn corrections_admit_this_endpoint_and_nothing_else() {
    let request = via("s3:GetObject", OBJECT);
    let elsewhere = Request::through_endpoint(
        "s3:GetObject",
        Some(OBJECT),
        &Through {
            endpoint_id: "vpce-elsewhere".into(),
            vpc_id: Some("vpc-elsewhere".into()),
            ..Default::default()
        },
    );
    let outside = public("s3:GetObject", OBJECT, "198.51.100.7");
    // Another endpoint pinned: this one joins the list.
    let fixed = assert_admits(
        &pinned_to_endpoint("vpce-0ther"),
        &request,
        &[elsewhere.clone(), outside.clone()],
    );
    assert_eq!(
        fixed["Statement"][0]["Condition"]["StringNotEquals"]["aws:SourceVpce"],
        json!(["vpce-0ther", VPCE])
    );
    // Another VPC pinned: this VPC joins the list.
    let fixed = assert_admits(
        &pinned_to_vpc("vpc-999"),
        &request,
        &[elsewhere.clone(), outside.clone()],
    );
    assert_eq!(
        fixed["Statement"][0]["Condition"]["StringNotEquals"]["aws:SourceVpc"],
        json!(["vpc-999", VPC])
    );
    // aws:SourceIp: the Deny keeps its range and spares this endpoint.
    let fixed = assert_admits(
        &deny_outside_range(),
        &request,
        &[elsewhere.clone(), outside.clone()],
    );
    assert_eq!(
        fixed["Statement"][0]["Condition"]["StringNotEquals"]["aws:SourceVpce"],
        json!([VPCE])
    );
    assert_eq!(
        evaluate(&fixed, &elsewhere).decision,
        Decision::ExplicitDeny
    );
    // A grant pinned to another endpoint: this one joins it.
    let grant = json!({"Statement": [{"Sid": "ViaVpce", "Effect": "Allow", "Principal": "*",
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::awsexamplebucket1/*",
        "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-0ther"}}}]});
    let v = evaluate(&grant, &request);
    assert_eq!(v.near_misses.len(), 1);
    let fixed = fix::corrected(&grant, &v, &through()).unwrap();
    assert_eq!(evaluate(&fixed, &request).decision, Decision::Allow);
    assert_eq!(
        evaluate(&fixed, &elsewhere).decision,
        Decision::ImplicitDeny
    );
    // A grant by source address: a copy of it for this endpoint, the original kept.
    let principal = "arn:aws:iam::444455556666:user/ana";
    let fixed = fix::corrected(
        &allow_from_range(),
        &evaluate(
            &allow_from_range(),
            &request.clone().with_principal(principal),
        ),
        &through(),
    )
    .unwrap();
    assert_eq!(fixed["Statement"].as_array().unwrap().len(), 2);
    assert_eq!(
        evaluate(&fixed, &request.clone().with_principal(principal)).decision,
        Decision::Allow
    );
    assert_eq!(
        evaluate(&fixed, &elsewhere.clone().with_principal(principal)).decision,
        Decision::ImplicitDeny
    );
}

#[test]
fn no_correction_widens_a_deliberate_deny() {
    let request = via("s3:GetObject", OBJECT);
    // A Deny with no condition, or one that names this endpoint on purpose, or one on who
    // the caller is: the owner decides, no command is written.
    for policy in [
        json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}),
        json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
            "Condition": {"StringEquals": {"aws:SourceVpce": VPCE}}}]}),
        json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "999988887777"}}}]}),
    ] {
        let v = evaluate(&policy, &request.clone().with_principal(ROLE));
        assert_eq!(v.decision, Decision::ExplicitDeny, "{policy}");
        assert_eq!(fix::corrected(&policy, &v, &through()), None, "{policy}");
    }
}

#[test]
fn with_allow_keeps_every_statement() {
    let policy = endpoint_read_one_bucket();
    let fixed = fix::with_allow(
        &policy,
        "s3:GetObject",
        "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*",
    );
    assert_eq!(fixed["Statement"].as_array().unwrap().len(), 2);
    assert_eq!(fixed["Statement"][0], policy["Statement"][0]);
    assert_eq!(
        evaluate(
            &fixed,
            &via(
                "s3:GetObject",
                "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/l"
            )
        )
        .decision,
        Decision::Allow
    );
    assert_eq!(
        evaluate(&fixed, &via("s3:PutObject", OBJECT)).decision,
        Decision::ImplicitDeny
    );
}

#[test]
fn principals_name_accounts_roles_and_their_sessions() {
    let caller = "arn:aws:sts::111122223333:assumed-role/app/i-0abc";
    for (pattern, want) in [
        ("111122223333", true),
        ("arn:aws:iam::111122223333:root", true),
        ("arn:aws-cn:iam::111122223333:root", true),
        ("arn:aws:iam::999988887777:root", false),
        // A role names its sessions, whatever the role's path.
        ("arn:aws:iam::111122223333:role/app", true),
        ("arn:aws:iam::111122223333:role/teams/app", true),
        ("arn:aws:iam::111122223333:role/other", false),
        ("arn:aws:iam::999988887777:role/app", false),
        ("arn:aws:iam::111122223333:user/app", false),
    ] {
        assert_eq!(names_principal(pattern, caller), want, "{pattern}");
    }
    assert!(names_principal(
        "arn:aws:iam::111122223333:user/ana",
        "arn:aws:iam::111122223333:user/ana"
    ));
}

#[test]
fn decisions_are_named_as_their_json_names_them() {
    for d in [
        Decision::Allow,
        Decision::ExplicitDeny,
        Decision::ImplicitDeny,
        Decision::Depends,
    ] {
        assert_eq!(serde_json::to_value(d).unwrap(), d.as_str());
    }
}

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
fn shapes() {
    let full = parse(r#"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#).unwrap();
    assert_eq!(shape(&full), PolicyShape::FullAccess);
    assert_eq!(
        shape(&deny_one_account()),
        PolicyShape::Restrictive { statements: 2 }
    );
}
