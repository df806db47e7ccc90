//! Cross-region interface endpoints over recorded facts (the `cross-region` demo scenario,
//! changed fact by fact): the provider side is read in the service's region, the consumer
//! region's entry in SupportedRegions is judged by its state, and the consumer-only view
//! still answers.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::engine::catalog::Catalog;
use crate::engine::outcome::Status;
use crate::engine::state::{CheckResult, RunState};
use crate::facts::FactKey;
use crate::facts::snapshot::Snapshot;
use crate::session::{DiagOptions, Session};

const SVC_ID: &str = "vpce-svc-0f1e2d3c4b5a69788";

/// The healthy cross-region scenario as JSON, to be changed by a test.
fn scenario() -> Value {
    let s = crate::demo::find("cross-region").expect("the cross-region scenario");
    serde_json::from_str(s.json).expect("scenario JSON")
}

/// The recorded fact whose key is `fact` (inside an `in_region` wrapper or not).
fn fact_mut<'a>(snap: &'a mut Value, fact: &str) -> &'a mut Value {
    snap["facts"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["key"]["fact"] == fact || f["key"]["key"]["fact"] == fact)
        .unwrap_or_else(|| panic!("no {fact} fact"))
}

fn service_config(snap: &mut Value) -> &mut Value {
    &mut fact_mut(snap, "service_config")["value"]["value"]
}

fn set_regions(snap: &mut Value, regions: Value) {
    service_config(snap)["supported_regions"] = regions;
}

async fn run(snap: Value) -> RunState {
    let snap = Snapshot::parse(&snap.to_string(), "test").expect("snapshot parses");
    let catalog = Arc::new(Catalog::embedded().expect("catalog"));
    Session::replay(snap, &DiagOptions::default(), "test".into(), catalog)
        .run_to_end(None)
        .await
}

fn result<'a>(state: &'a RunState, id: &str) -> &'a CheckResult {
    state.get(id).unwrap().result().unwrap()
}

fn roots(state: &RunState) -> Vec<&str> {
    state.root_causes().iter().map(|c| c.id.as_str()).collect()
}

fn no_unknown(state: &RunState) {
    for c in &state.checks {
        let r = c.result().unwrap();
        assert_ne!(r.status, Status::Unknown, "{}: {}", c.id, r.summary);
    }
}

#[tokio::test]
async fn a_healthy_cross_region_endpoint_passes_with_its_provider_read_in_the_service_region() {
    let state = run(scenario()).await;
    assert_eq!(roots(&state), Vec::<&str>::new());
    assert_eq!(state.exit_code(), 0);
    // Every provider fact is recorded only under its region: a single unscoped request would
    // have found nothing recorded and turned a check unknown.
    no_unknown(&state);
    let r = result(&state, "service.supported_region");
    assert_eq!(r.status, Status::Pass, "{}", r.summary);
    let az = result(&state, "az.alignment");
    assert!(az.summary.contains("remote access"), "{}", az.summary);
    let zonal = result(&state, "nlb.zonal_health");
    assert!(zonal.summary.contains("us-west-2"), "{}", zonal.summary);
    assert_eq!(state.context.service_region.as_deref(), Some("us-west-2"));
}

#[tokio::test]
async fn a_region_the_service_does_not_offer_is_one_root_cause_with_the_providers_command() {
    let mut snap = scenario();
    set_regions(
        &mut snap,
        json!([{"region": "us-west-2", "service_state": "Available"}]),
    );
    let state = run(snap).await;
    assert_eq!(roots(&state), vec!["service.supported_region"]);
    let r = result(&state, "service.supported_region");
    assert!(
        r.summary.contains("does not offer us-east-1"),
        "{}",
        r.summary
    );
    let commands: Vec<&str> = r
        .remediation
        .iter()
        .filter_map(|f| f.command.as_deref())
        .collect();
    // The consumer's region is added, in the service's own region, with the owner's profile.
    assert_eq!(
        commands,
        vec![format!(
            "aws ec2 modify-vpc-endpoint-service-configuration --service-id {SVC_ID} --add-supported-regions us-east-1 --profile svc-owner --region us-west-2"
        )]
    );
}

#[tokio::test]
async fn each_supported_region_state_has_its_verdict_and_unknown_values_stay_unknown() {
    for (state, status, fix) in [
        ("Available", Status::Pass, None),
        ("available", Status::Pass, None),
        ("Pending", Status::Fail, Some("wait a few minutes")),
        (
            "Deleting",
            Status::Fail,
            Some("--add-supported-regions us-east-1"),
        ),
        (
            "Closed",
            Status::Fail,
            Some("--add-supported-regions us-east-1"),
        ),
        (
            "Failed",
            Status::Fail,
            Some("remove and add the region again"),
        ),
        ("Hibernating", Status::Unknown, None),
    ] {
        let mut snap = scenario();
        set_regions(
            &mut snap,
            json!([{"region": "us-west-2", "service_state": "Available"},
                   {"region": "us-east-1", "service_state": state}]),
        );
        let run_state = run(snap).await;
        let r = result(&run_state, "service.supported_region");
        assert_eq!(r.status, status, "{state}: {}", r.summary);
        let fixes: String = r
            .remediation
            .iter()
            .map(|f| format!("{} {}", f.text, f.command.clone().unwrap_or_default()))
            .collect();
        match fix {
            Some(words) => assert!(fixes.contains(words), "{state}: {fixes}"),
            None => assert!(fixes.is_empty(), "{state}: {fixes}"),
        }
        // The raw value is always shown.
        assert!(
            format!("{:?}", r.evidence).contains(state),
            "{state}: {:?}",
            r.evidence
        );
        if status == Status::Fail {
            assert_eq!(
                roots(&run_state),
                vec!["service.supported_region"],
                "{state}"
            );
        }
    }
}

#[tokio::test]
async fn remote_access_switched_off_fails_even_with_the_region_listed() {
    let mut snap = scenario();
    service_config(&mut snap)["remote_access_enabled"] = json!(false);
    let state = run(snap).await;
    let r = result(&state, "service.supported_region");
    assert_eq!(r.status, Status::Fail, "{}", r.summary);
    assert!(
        r.summary.contains("RemoteAccessEnabled=false"),
        "{}",
        r.summary
    );
}

/// The scenario without the provider's credentials: its side answers NotFound to the
/// consumer (as DescribeVpcEndpointServiceConfigurations does for another account's service).
fn consumer_only(visible: bool) -> Value {
    let mut snap = scenario();
    snap["provider_credentials"] = json!(false);
    snap["context"]["provider_profile"] = Value::Null;
    for f in snap["facts"].as_array_mut().unwrap() {
        if f["key"]["fact"] == "in_region" {
            f.as_object_mut().unwrap().remove("value");
            f["error"] = json!({"kind": "not_found", "operation": "DescribeVpcEndpointServiceConfigurations",
                "code": "InvalidVpcEndpointServiceId.NotFound", "message": "not visible"});
        }
    }
    if !visible {
        fact_mut(&mut snap, "service_detail_across")["value"]["value"] = Value::Null;
    }
    snap
}

#[tokio::test]
async fn the_consumer_only_view_judges_by_what_the_consumer_sees_across_regions() {
    let state = run(consumer_only(true)).await;
    let r = result(&state, "service.supported_region");
    assert_eq!(r.status, Status::Pass, "{}", r.summary);
    assert!(
        r.summary.contains("--service-regions us-west-2"),
        "{}",
        r.summary
    );
    assert_eq!(roots(&state), Vec::<&str>::new());

    let state = run(consumer_only(false)).await;
    let r = result(&state, "service.supported_region");
    assert_eq!(r.status, Status::Fail, "{}", r.summary);
    // Both reasons are named, and the permission a cross-region endpoint needs.
    for words in [
        "does not offer us-east-1",
        "allowed principals",
        "vpce:AllowMultiRegion",
    ] {
        assert!(r.summary.contains(words), "{words}: {}", r.summary);
    }
    assert_eq!(roots(&state), vec!["service.supported_region"]);
    let fix = &r.remediation[0];
    assert!(
        fix.command
            .as_deref()
            .unwrap()
            .ends_with("--add-supported-regions us-east-1 --region us-west-2"),
        "{fix:?}"
    );
    assert_eq!(
        fix.text.matches("no --provider-profile").count(),
        1,
        "{}",
        fix.text
    );
}

#[tokio::test]
async fn an_aws_service_in_another_region_has_no_provider_side_only_the_consumers_view() {
    let s3 = "com.amazonaws.us-west-2.s3";
    for visible in [true, false] {
        let mut snap = scenario();
        fact_mut(&mut snap, "endpoint")["value"]["value"]["service_name"] = json!(s3);
        let detail = fact_mut(&mut snap, "service_detail_across");
        detail["key"]["service_name"] = json!(s3);
        detail["value"]["value"] = if visible {
            json!({"service_name": s3, "service_id": null, "owner": "amazon", "service_type": ["Interface"],
                   "availability_zones": ["us-east-1a", "us-east-1b"], "private_dns_name": null,
                   "private_dns_verification_state": null, "acceptance_required": false,
                   "service_region": "us-west-2"})
        } else {
            Value::Null
        };
        let state = run(snap).await;
        let r = result(&state, "service.supported_region");
        if visible {
            assert_eq!(r.status, Status::Pass, "{}", r.summary);
            assert_eq!(
                result(&state, "service.found").status,
                Status::NotApplicable
            );
        } else {
            assert_eq!(r.status, Status::Fail, "{}", r.summary);
            assert!(r.summary.contains("AWS does not offer"), "{}", r.summary);
            assert!(
                r.remediation[0]
                    .command
                    .as_deref()
                    .unwrap()
                    .contains("--service-regions us-west-2"),
                "{:?}",
                r.remediation
            );
        }
    }
}

#[tokio::test]
async fn a_subnet_outside_the_remote_access_zones_fails_alignment_by_az_id() {
    let mut snap = scenario();
    fact_mut(&mut snap, "service_detail_across")["value"]["value"]["availability_zone_ids"] =
        json!(["use1-az4"]);
    let state = run(snap).await;
    let r = result(&state, "az.alignment");
    assert_eq!(r.status, Status::Fail, "{}", r.summary);
    assert!(r.summary.contains("use1-az6"), "{}", r.summary);
    assert!(r.summary.contains("remote access"), "{}", r.summary);
}

#[tokio::test]
async fn zones_of_the_service_region_are_not_taken_for_the_consumers() {
    // An answer naming only the service region's zones tells nothing about the consumer's:
    // AWS accepted the endpoint's zones when it was created.
    let mut snap = scenario();
    let detail = &mut fact_mut(&mut snap, "service_detail_across")["value"]["value"];
    detail["availability_zones"] = json!(["us-west-2a", "us-west-2b"]);
    detail["availability_zone_ids"] = json!(["usw2-az1", "usw2-az2"]);
    let state = run(snap).await;
    let r = result(&state, "az.alignment");
    assert_eq!(r.status, Status::Pass, "{}", r.summary);
    assert!(r.summary.contains("accepted by AWS"), "{}", r.summary);
}

#[tokio::test]
async fn a_same_region_service_region_keeps_the_old_keys_and_is_not_applicable() {
    let s = crate::demo::find("healthy").unwrap();
    let mut snap: Value = serde_json::from_str(s.json).unwrap();
    fact_mut(&mut snap, "endpoint")["value"]["value"]["service_region"] = json!("US-EAST-1");
    let state = run(snap).await;
    let r = result(&state, "service.supported_region");
    assert_eq!(r.status, Status::NotApplicable, "{}", r.summary);
    assert_eq!(state.context.service_region, None);
    no_unknown(&state);
}

#[test]
fn region_keys_round_trip_and_older_keys_still_parse() {
    let key = FactKey::InRegion {
        region: "us-west-2".into(),
        key: Box::new(FactKey::ServiceConfig {
            service_id: SVC_ID.into(),
        }),
    };
    let text = serde_json::to_string(&key).unwrap();
    assert_eq!(
        text,
        format!(
            r#"{{"fact":"in_region","region":"us-west-2","key":{{"fact":"service_config","service_id":"{SVC_ID}"}}}}"#
        )
    );
    assert_eq!(serde_json::from_str::<FactKey>(&text).unwrap(), key);
    let old: FactKey =
        serde_json::from_str(r#"{"fact":"service_detail","service_name":"x"}"#).unwrap();
    assert_eq!(
        old,
        FactKey::ServiceDetail {
            service_name: "x".into(),
            service_type: None,
        }
    );
}

#[tokio::test]
async fn a_service_region_that_is_no_region_name_is_unknown_and_never_asked() {
    let mut snap = scenario();
    fact_mut(&mut snap, "endpoint")["value"]["value"]["service_region"] =
        json!("evil.example.com/x");
    let state = run(snap).await;
    let r = result(&state, "service.supported_region");
    assert_eq!(r.status, Status::Unknown, "{}", r.summary);
    assert!(r.summary.contains("evil.example.com/x"), "{}", r.summary);
    assert_eq!(state.context.service_region, None);
}

#[test]
fn region_names() {
    for ok in [
        "us-west-2",
        "ap-southeast-5",
        "us-gov-west-1",
        "eusc-de-east-1",
    ] {
        assert!(crate::facts::is_region_name(ok), "{ok}");
    }
    for bad in [
        "",
        "us-west",
        "US-WEST-2",
        "us-west-2.evil.com",
        "us--2",
        "us-west-x",
    ] {
        assert!(!crate::facts::is_region_name(bad), "{bad}");
    }
}
