//! Cross-region interface endpoints: the endpoint's `ServiceRegion` names another region than
//! the run's, so the service's side lives there. The facts layer asks the provider in that
//! region (`Facts::scoped_to`); these checks judge what only such endpoints have: the
//! consumer's region among the service's `SupportedRegions`, and the zones AWS supports for
//! remote access in the consumer's region.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::facts::model::ServiceDetail;

/// The service's region when the endpoint reaches across regions, else `None`.
pub fn service_region(ctx: &Ctx, ep: &Endpoint) -> Option<String> {
    crate::facts::remote_region(ep.service_region.as_deref(), &ctx.run.region)
}

/// The fix variables every verdict of this check may use.
fn region_vars(ep: &Endpoint, remote: &str) -> Vec<(&'static str, String)> {
    let mut v = vec![("service_region", remote.to_string())];
    if let Some(id) = service_id_from_name(&ep.service_name) {
        v.push(("service_id", id));
    }
    v
}

pub async fn supported_region(ctx: &Ctx) -> Outcome {
    let ep = match endpoint_or(ctx).await {
        Ok(ep) => ep,
        Err(o) => return o,
    };
    let raw = ep.service_region.as_deref().unwrap_or_default().trim();
    if !raw.is_empty()
        && !raw.eq_ignore_ascii_case(&ctx.run.region)
        && !crate::facts::is_region_name(raw)
    {
        return Outcome::unknown(crate::t!(
            "xregion-bad-region",
            raw = format!("{raw:?}"),
            region = &ctx.run.region
        ));
    }
    let Some(remote) = service_region(ctx, &ep) else {
        return Outcome::not_applicable(crate::t!(
            "xregion-same-region",
            id = &ep.id,
            region = ep.service_region.as_deref().unwrap_or(&ctx.run.region)
        ));
    };
    let here = ctx.run.region.clone();
    let o = match provider_config(ctx, &ep).await {
        Ok(Some(cfg)) => judge_config(&cfg, &here, &remote, &ep),
        Ok(None) => consumer_view(ctx, &ep, &here, &remote, true).await,
        // The owner's view is not readable: the consumer's answers whether the region is
        // offered to it, which is what the traffic needs.
        Err(provider_problem) => {
            let o = consumer_view(ctx, &ep, &here, &remote, false).await;
            if o.status == crate::engine::outcome::Status::Unknown {
                o
            } else {
                o.field(
                    crate::t!("xregion-field-provider-view"),
                    crate::checks::could_not_reason(&provider_problem.summary).to_string(),
                )
            }
        }
    };
    o.field(crate::t!("xregion-field-consumer-region"), here)
        .field("ServiceRegion", remote)
}

/// The owner's `SupportedRegions` entry for the consumer's region.
fn judge_config(cfg: &ServiceConfig, here: &str, remote: &str, ep: &Endpoint) -> Outcome {
    let mut v = region_vars(ep, remote);
    v.push(("service_id", cfg.service_id.clone()));
    let rows = cfg
        .supported_regions
        .iter()
        .map(|r| {
            vec![
                r.region.clone(),
                r.service_state.clone().unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    let remote_access = cfg
        .remote_access_enabled
        .map(|b| b.to_string())
        .unwrap_or_else(|| crate::t!("endpoint-not-reported"));
    let entry = cfg
        .supported_regions
        .iter()
        .find(|r| r.region.eq_ignore_ascii_case(here));
    let o = match entry {
        None => Outcome::fail(crate::t!(
            "xregion-not-offered",
            service = &cfg.service_id,
            remote = remote,
            here = here
        ))
        .fix("add_region", &v),
        Some(entry) => match entry.service_state.as_deref() {
            None => Outcome::unknown(crate::t!(
                "xregion-no-state",
                service = &cfg.service_id,
                here = here
            )),
            Some(state) => region_state(cfg, state, here, remote, &v),
        },
    };
    // Remote access switched off while the region is listed and Available: nothing from
    // another region connects, whatever the list says.
    let o = if o.status == crate::engine::outcome::Status::Pass
        && cfg.remote_access_enabled == Some(false)
    {
        Outcome::fail(crate::t!(
            "xregion-remote-access-off",
            service = &cfg.service_id,
            here = here
        ))
        .fix("add_region", &v)
    } else {
        o
    };
    o.field("RemoteAccessEnabled", remote_access)
        .field(
            crate::t!("provider-field-seen-by"),
            crate::engine::outcome::Account::Provider.word(),
        )
        .table(
            crate::t!("xregion-table-regions"),
            &[&crate::t!("xregion-col-region"), "ServiceState"],
            rows,
        )
}

/// The verdict for the consumer region's `ServiceState` (wire values are capitalised; match
/// without case; values this tool does not know are shown raw and judged unknown).
fn region_state(
    cfg: &ServiceConfig,
    state: &str,
    here: &str,
    remote: &str,
    v: &[(&'static str, String)],
) -> Outcome {
    let sid = &cfg.service_id;
    match state.to_ascii_lowercase().as_str() {
        "available" => Outcome::pass(crate::t!(
            "xregion-state-available",
            service = sid,
            remote = remote,
            here = here
        )),
        "pending" => Outcome::fail(crate::t!(
            "xregion-state-pending",
            service = sid,
            here = here
        ))
        .fix("region_pending", v),
        "deleting" | "closed" | "deleted" => Outcome::fail(crate::t!(
            "xregion-state-removed",
            service = sid,
            here = here,
            state = state
        ))
        .fix("add_region", v),
        "failed" => Outcome::fail(crate::t!(
            "xregion-state-failed",
            here = here,
            service = sid
        ))
        .fix("region_failed", v),
        _ => Outcome::unknown(crate::t!(
            "xregion-state-unknown",
            service = sid,
            state = format!("{state:?}"),
            here = here
        )),
    }
    .field("ServiceState", state)
}

/// The consumer's own view: DescribeVpcEndpointServices in the consumer's region with
/// `ServiceRegions`. A service seen there is offered to this region and principal.
async fn consumer_view(
    ctx: &Ctx,
    ep: &Endpoint,
    here: &str,
    remote: &str,
    aws_owned: bool,
) -> Outcome {
    let v = region_vars(ep, remote);
    match ctx.facts.service_detail_of(ep).await {
        Ok(Some(d)) => Outcome::pass(crate::t!(
            "xregion-consumer-offered",
            service = &ep.service_name,
            here = here,
            remote = remote
        ))
        .field(
            crate::t!("xregion-field-consumer-service-region"),
            d.service_region
                .unwrap_or_else(|| crate::t!("endpoint-not-reported")),
        )
        .field(
            crate::t!("provider-field-seen-by"),
            crate::engine::outcome::Account::Consumer.word(),
        ),
        Ok(None) if aws_owned => Outcome::fail(crate::t!(
            "xregion-aws-not-offered",
            service = &ep.service_name,
            here = here,
            remote = remote
        ))
        .field(
            crate::t!("provider-field-seen-by"),
            crate::engine::outcome::Account::Consumer.word(),
        )
        .fix("aws_not_offered", &v),
        Ok(None) => Outcome::fail(crate::t!(
            "xregion-not-visible",
            service = &ep.service_name,
            here = here,
            remote = remote
        ))
        .field(
            crate::t!("provider-field-seen-by"),
            crate::engine::outcome::Account::Consumer.word(),
        )
        .fix("add_region", &v),
        Err(e) => could_not_tell(ctx, &e, false),
    }
}

/// The consumer region's zones AWS supports for remote access to the service, by AZ ID: the
/// zones the consumer's DescribeVpcEndpointServices (with `ServiceRegions`) names, when they
/// are the consumer region's own. `None` when the answer names none of them.
pub fn remote_access_zones(
    detail: &ServiceDetail,
    consumer_zones: &BTreeMap<String, String>,
) -> Option<BTreeSet<String>> {
    let ours: BTreeSet<&String> = consumer_zones.values().collect();
    let by_id: BTreeSet<String> = detail
        .availability_zone_ids
        .iter()
        .filter(|id| ours.contains(id))
        .cloned()
        .collect();
    if !by_id.is_empty() {
        return Some(by_id);
    }
    let by_name: BTreeSet<String> = detail
        .availability_zones
        .iter()
        .filter_map(|n| consumer_zones.get(n).cloned())
        .collect();
    (!by_name.is_empty()).then_some(by_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::outcome::{Evidence, Status};

    fn hangul(s: &str) -> bool {
        s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    }

    #[test]
    fn region_verdicts_speak_korean_and_keep_values_and_fix_vars() {
        let cfg = ServiceConfig {
            service_id: "vpce-svc-0123".into(),
            ..Default::default()
        };
        let v = vec![("service_region", "us-west-2".to_string())];
        let en = region_state(&cfg, "Pending", "ap-northeast-2", "us-west-2", &v);
        assert!(
            en.summary.contains("but the region is still Pending"),
            "{}",
            en.summary
        );
        let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
        let o = region_state(&cfg, "Pending", "ap-northeast-2", "us-west-2", &v);
        assert_eq!(o.status, Status::Fail);
        assert!(hangul(&o.summary), "{}", o.summary);
        assert!(!o.summary.contains("still Pending"), "{}", o.summary);
        // Ids, region names and API values stay as they are.
        assert!(o.summary.contains("vpce-svc-0123") && o.summary.contains("ap-northeast-2"));
        assert!(o.summary.contains("Pending"));
        assert_eq!(o.fixes[0].key, "region_pending");
        assert_eq!(
            o.fixes[0].vars,
            vec![("service_region".to_string(), "us-west-2".to_string())]
        );
        assert!(o.evidence.iter().any(
            |e| matches!(e, Evidence::Field { name, value } if name == "ServiceState" && value == "Pending")
        ));
    }
}
