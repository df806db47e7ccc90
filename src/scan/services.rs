//! The services of a fleet, described in batches: one DescribeVpcEndpointServices for up to
//! [`SERVICE_BATCH`] distinct service names instead of one per service, each diagnosis's
//! per-service fact (`FactKey::ServiceDetail`) seeded from the answer.

use std::collections::{BTreeMap, BTreeSet};

use crate::facts::model::{Endpoint, ServiceDetail};
use crate::facts::{FactError, FactKey, FactValue, Facts, remote_region};

/// Service names per DescribeVpcEndpointServices. AWS documents no cap on `ServiceNames`;
/// 100 keeps every answer on one page (a page holds up to 1,000 entries and a name has at
/// most two, S3's and DynamoDB's Gateway and Interface ones), the request body a few KB, and
/// bounds what one failed batch (throttled, denied) leaves to the diagnoses to ask alone.
pub const SERVICE_BATCH: usize = 100;

/// What the batches said: every entry of the names they described, and which names they
/// described (an unknown name counts: it is "not offered", as the single call says).
#[derive(Debug, Default, PartialEq)]
pub struct Described {
    pub details: Vec<ServiceDetail>,
    pub names: BTreeSet<String>,
}

/// Describe `names` in batches. AWS fails a whole call when one name is unknown
/// (InvalidServiceName, naming it in the message; moto does the same): that name is set
/// aside as not offered and the rest asked again; when the message names none of the batch,
/// the batch is halved until the unknown ones stand alone. A batch failing otherwise
/// (denied, throttled) is left out: each diagnosis asks again and says what went wrong.
pub async fn describe(facts: &Facts, names: &[String]) -> Described {
    let batches = futures_util::future::join_all(
        names
            .chunks(SERVICE_BATCH)
            .map(|chunk| describe_batch(facts, chunk.to_vec())),
    )
    .await;
    let mut all = Described::default();
    for d in batches {
        all.details.extend(d.details);
        all.names.extend(d.names);
    }
    all
}

async fn describe_batch(facts: &Facts, batch: Vec<String>) -> Described {
    let mut out = Described::default();
    let mut pending = vec![batch];
    while let Some(batch) = pending.pop() {
        if batch.is_empty() {
            continue;
        }
        match facts.service_details(&batch).await {
            Ok(details) => {
                out.details.extend(details);
                out.names.extend(batch);
            }
            Err(FactError::NotFound { code, message, .. }) if code == "InvalidServiceName" => {
                if let [only] = batch.as_slice() {
                    out.names.insert(only.clone());
                    continue;
                }
                match batch.iter().find(|n| message.contains(&format!("'{n}'"))) {
                    Some(unknown) => {
                        out.names.insert(unknown.clone());
                        pending.push(batch.iter().filter(|n| *n != unknown).cloned().collect());
                    }
                    None => {
                        let (a, b) = batch.split_at(batch.len() / 2);
                        pending.push(a.to_vec());
                        pending.push(b.to_vec());
                    }
                }
            }
            Err(_) => {}
        }
    }
    out
}

/// Describe the services of every endpoint in the run's region in batches and seed each
/// diagnosis's fact: by name and the endpoint's type (what `Facts::service_detail_of` asks)
/// and by name alone (`Facts::service_offered`), answered exactly as the single call would
/// (`ServiceDetail::pick`; `None` for a name not offered). A cross-region endpoint's service
/// is asked with its region by its own diagnosis.
pub async fn seed(facts: &Facts, endpoints: &[Endpoint], region: &str) {
    let mut wanted: BTreeMap<String, BTreeSet<Option<String>>> = BTreeMap::new();
    for ep in endpoints {
        if ep.service_name.is_empty()
            || remote_region(ep.service_region.as_deref(), region).is_some()
        {
            continue;
        }
        let types = wanted.entry(ep.service_name.clone()).or_default();
        types.insert(None);
        if !ep.endpoint_type.is_empty() {
            types.insert(Some(ep.endpoint_type.clone()));
        }
    }
    // Already answered (an organisation scan seeds before it groups the endpoints by owner).
    wanted.retain(|name, types| {
        !types.iter().all(|service_type| {
            facts.knows(&FactKey::ServiceDetail {
                service_name: name.clone(),
                service_type: service_type.clone(),
            })
        })
    });
    if wanted.is_empty() {
        return;
    }
    let names: Vec<String> = wanted.keys().cloned().collect();
    let described = describe(facts, &names).await;
    for (name, types) in wanted {
        if !described.names.contains(&name) {
            continue;
        }
        for service_type in types {
            let detail = ServiceDetail::pick(&described.details, &name, service_type.as_deref());
            facts.seed(
                FactKey::ServiceDetail {
                    service_name: name.clone(),
                    service_type,
                },
                FactValue::ServiceDetail(detail.cloned()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::FactResult;

    const S3: &str = "com.amazonaws.us-east-1.s3";
    const SQS: &str = "com.amazonaws.us-east-1.sqs";
    const GONE: &str = "com.amazonaws.vpce.us-east-1.vpce-svc-0gone";

    fn detail(name: &str, kind: &str, private: Option<&str>) -> ServiceDetail {
        ServiceDetail {
            service_name: name.into(),
            service_type: vec![kind.into()],
            private_dns_name: private.map(str::to_string),
            ..Default::default()
        }
    }

    fn batch(names: &[&str]) -> FactKey {
        let mut service_names: Vec<String> = names.iter().map(ToString::to_string).collect();
        service_names.sort();
        FactKey::ServiceDetails { service_names }
    }

    fn unknown(message: &str) -> FactResult<FactValue> {
        Err(FactError::NotFound {
            operation: "DescribeVpcEndpointServices".into(),
            code: "InvalidServiceName".into(),
            message: message.into(),
        })
    }

    fn endpoint(id: &str, service: &str, kind: &str) -> Endpoint {
        Endpoint {
            id: id.into(),
            service_name: service.into(),
            endpoint_type: kind.into(),
            ..Default::default()
        }
    }

    /// The batch keys the facts were asked for, in order of the keys.
    fn asked(facts: &Facts) -> Vec<FactKey> {
        facts
            .recorded()
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| matches!(k, FactKey::ServiceDetails { .. }))
            .collect()
    }

    #[tokio::test]
    async fn one_call_answers_every_endpoints_service_as_the_single_call_would() {
        let facts = Facts::replay([(
            batch(&[S3, SQS]),
            Ok(FactValue::ServiceDetails(vec![
                detail(S3, "Gateway", None),
                detail(S3, "Interface", Some("*.s3.us-east-1.amazonaws.com")),
                detail(SQS, "Interface", Some("sqs.us-east-1.amazonaws.com")),
            ])),
        )]);
        let eps = [
            endpoint("vpce-1", S3, "Interface"),
            endpoint("vpce-2", S3, "Gateway"),
            endpoint("vpce-3", SQS, "Interface"),
            endpoint("vpce-4", SQS, "Interface"),
        ];
        seed(&facts, &eps, "us-east-1").await;
        assert_eq!(asked(&facts), vec![batch(&[S3, SQS])]);
        let private = |d: FactResult<Option<ServiceDetail>>| d.unwrap().unwrap().private_dns_name;
        assert_eq!(
            private(facts.service_detail_of(&eps[0]).await).as_deref(),
            Some("*.s3.us-east-1.amazonaws.com")
        );
        assert_eq!(private(facts.service_detail_of(&eps[1]).await), None);
        assert_eq!(
            private(facts.service_detail_of(&eps[3]).await).as_deref(),
            Some("sqs.us-east-1.amazonaws.com")
        );
        // By name alone: the first entry, as the single call picks it.
        let first = facts.service_offered(S3).await.unwrap().unwrap();
        assert_eq!(first.service_type, vec!["Gateway".to_string()]);
    }

    #[tokio::test]
    async fn an_unknown_name_is_not_offered_and_the_rest_are_asked_again() {
        let facts = Facts::replay([
            (
                batch(&[GONE, S3, SQS]),
                unknown(&format!("The Vpc Endpoint Service '{GONE}' does not exist")),
            ),
            (
                batch(&[S3, SQS]),
                Ok(FactValue::ServiceDetails(vec![
                    detail(S3, "Interface", None),
                    detail(SQS, "Interface", None),
                ])),
            ),
        ]);
        let eps = [
            endpoint("vpce-1", GONE, "Interface"),
            endpoint("vpce-2", S3, "Interface"),
            endpoint("vpce-3", SQS, "Interface"),
        ];
        seed(&facts, &eps, "us-east-1").await;
        // (In the order of the keys: the retry sorts first.)
        assert_eq!(
            asked(&facts),
            vec![batch(&[S3, SQS]), batch(&[GONE, S3, SQS])]
        );
        // Exactly the single call's "not offered" (it maps InvalidServiceName to None).
        assert_eq!(facts.service_detail_of(&eps[0]).await, Ok(None));
        assert_eq!(facts.service_offered(GONE).await, Ok(None));
        assert!(facts.service_detail_of(&eps[1]).await.unwrap().is_some());
        assert!(facts.service_detail_of(&eps[2]).await.unwrap().is_some());
    }

    #[tokio::test]
    async fn a_message_that_names_nobody_halves_the_batch_until_the_unknown_stands_alone() {
        let odd = unknown("The service name is not valid");
        let facts = Facts::replay([
            (batch(&[GONE, S3, SQS]), odd.clone()),
            // Halved in the order given: [S3] and [SQS, GONE], then [SQS] and [GONE].
            (
                batch(&[S3]),
                Ok(FactValue::ServiceDetails(vec![detail(
                    S3,
                    "Interface",
                    None,
                )])),
            ),
            (batch(&[SQS, GONE]), odd.clone()),
            (
                batch(&[SQS]),
                Ok(FactValue::ServiceDetails(vec![detail(
                    SQS,
                    "Interface",
                    None,
                )])),
            ),
            (batch(&[GONE]), odd),
        ]);
        let described = describe(&facts, &[S3.into(), SQS.into(), GONE.into()]).await;
        assert_eq!(
            described.names,
            [S3, SQS, GONE].iter().map(ToString::to_string).collect()
        );
        assert_eq!(described.details.len(), 2);
    }

    #[tokio::test]
    async fn a_batch_that_fails_otherwise_leaves_its_services_to_the_diagnoses() {
        let facts = Facts::replay([(
            batch(&[S3]),
            Err(FactError::AccessDenied {
                operation: "DescribeVpcEndpointServices".into(),
                action: "ec2:DescribeVpcEndpointServices".into(),
                code: "UnauthorizedOperation".into(),
                message: "no".into(),
            }),
        )]);
        let eps = [endpoint("vpce-1", S3, "Interface")];
        seed(&facts, &eps, "us-east-1").await;
        // Not seeded: the diagnosis asks itself (here: nothing recorded for its key).
        assert!(matches!(
            facts.service_detail_of(&eps[0]).await,
            Err(FactError::NotRecorded { .. })
        ));
    }

    #[tokio::test]
    async fn many_services_take_one_call_per_hundred_names() {
        let names: Vec<String> = (0..250)
            .map(|i| format!("com.amazonaws.us-east-1.svc{i:03}"))
            .collect();
        let facts = Facts::replay(names.chunks(SERVICE_BATCH).map(|c| {
            (
                FactKey::ServiceDetails {
                    service_names: c.to_vec(),
                },
                Ok(FactValue::ServiceDetails(
                    c.iter().map(|n| detail(n, "Interface", None)).collect(),
                )),
            )
        }));
        let eps: Vec<Endpoint> = names
            .iter()
            .flat_map(|n| (0..4).map(move |k| endpoint(&format!("vpce-{n}-{k}"), n, "Interface")))
            .collect();
        seed(&facts, &eps, "us-east-1").await;
        assert_eq!(asked(&facts).len(), 3);
        for ep in &eps {
            assert!(facts.service_detail_of(ep).await.unwrap().is_some());
        }
    }

    #[tokio::test]
    async fn services_already_answered_are_not_asked_again() {
        let facts = Facts::replay([(
            batch(&[S3, SQS]),
            Ok(FactValue::ServiceDetails(vec![
                detail(S3, "Interface", None),
                detail(SQS, "Interface", None),
            ])),
        )]);
        let all = [
            endpoint("vpce-1", S3, "Interface"),
            endpoint("vpce-2", SQS, "Interface"),
        ];
        seed(&facts, &all, "us-east-1").await;
        // A group of them seeded again (an organisation scan's owner group): no new batch.
        seed(&facts, &all[..1], "us-east-1").await;
        assert_eq!(asked(&facts), vec![batch(&[S3, SQS])]);
    }
}
