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
        return Outcome::unknown(format!(
            "could not tell: the endpoint's ServiceRegion {raw:?} is not a region name this tool can ask; its service's side was read in {} instead",
            ctx.run.region
        ));
    }
    let Some(remote) = service_region(ctx, &ep) else {
        return Outcome::not_applicable(format!(
            "{} reaches its service in its own region ({}): no cross-region access to judge",
            ep.id,
            ep.service_region.as_deref().unwrap_or(&ctx.run.region)
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
                    "provider view",
                    provider_problem
                        .summary
                        .trim_start_matches("could not check: ")
                        .to_string(),
                )
            }
        }
    };
    o.field("consumer region", here)
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
        .unwrap_or_else(|| "not reported".into());
    let entry = cfg
        .supported_regions
        .iter()
        .find(|r| r.region.eq_ignore_ascii_case(here));
    let o = match entry {
        None => Outcome::fail(format!(
            "{} (in {remote}) does not offer {here}: the consumer's region is not among its SupportedRegions, so the cross-region endpoint carries no traffic",
            cfg.service_id
        ))
        .fix("add_region", &v),
        Some(entry) => match entry.service_state.as_deref() {
            None => Outcome::unknown(format!(
                "could not check: {} lists {here} among its SupportedRegions without a ServiceState",
                cfg.service_id
            )),
            Some(state) => region_state(cfg, state, here, remote, &v),
        },
    };
    // Remote access switched off while the region is listed and Available: nothing from
    // another region connects, whatever the list says.
    let o = if o.status == crate::engine::outcome::Status::Pass
        && cfg.remote_access_enabled == Some(false)
    {
        Outcome::fail(format!(
            "{} lists {here} but reports RemoteAccessEnabled=false: consumers in other regions cannot connect",
            cfg.service_id
        ))
        .fix("add_region", &v)
    } else {
        o
    };
    o.field("RemoteAccessEnabled", remote_access)
        .field("seen by", "provider")
        .table("supported regions", &["region", "ServiceState"], rows)
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
        "available" => Outcome::pass(format!(
            "{sid} (in {remote}) offers {here}: its ServiceState there is Available"
        )),
        "pending" => Outcome::fail(format!(
            "{sid} offers {here} but the region is still Pending: cross-region connections start once AWS has enabled it"
        ))
        .fix("region_pending", v),
        "deleting" | "closed" | "deleted" => Outcome::fail(format!(
            "{sid} no longer offers {here} (ServiceState {state}): the provider removed the region"
        ))
        .fix("add_region", v),
        "failed" => Outcome::fail(format!(
            "enabling {here} on {sid} failed (ServiceState Failed): the region carries no traffic"
        ))
        .fix("region_failed", v),
        _ => Outcome::unknown(format!(
            "could not tell: {sid} reports ServiceState {state:?} for {here}, a value this tool does not know; Available is the only state that carries traffic"
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
        Ok(Some(d)) => Outcome::pass(format!(
            "{} is offered in {here} from {remote}: the consumer sees it with --service-regions {remote}",
            ep.service_name
        ))
        .field(
            "ServiceRegion (consumer's view)",
            d.service_region.unwrap_or_else(|| "not reported".into()),
        )
        .field("seen by", "consumer"),
        Ok(None) if aws_owned => Outcome::fail(format!(
            "AWS does not offer {} to {here} across regions: DescribeVpcEndpointServices with --service-regions {remote} does not list it",
            ep.service_name
        ))
        .field("seen by", "consumer")
        .fix("aws_not_offered", &v),
        Ok(None) => Outcome::fail(format!(
            "{} is not visible from {here} with --service-regions {remote}: the service does not offer {here}, or this principal is not among its allowed principals (creating a cross-region endpoint also needs the vpce:AllowMultiRegion permission)",
            ep.service_name
        ))
        .field("seen by", "consumer")
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
