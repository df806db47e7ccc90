//! Route 53: the private hosted zones associated with a VPC, and their records; the
//! account's private zones and the VPCs each is associated with.

use super::operations::{
    GET_HOSTED_ZONE, LIST_HOSTED_ZONES, LIST_HOSTED_ZONES_BY_VPC, LIST_RESOURCE_RECORD_SETS,
};
use super::{AwsClients, paginate};
use crate::engine::outcome::Account::Consumer;
use crate::facts::FactResult;
use crate::facts::model::{HostedZone, RecordSet, ZoneVpcs};

pub(super) async fn hosted_zones_by_vpc(
    aws: &AwsClients,
    vpc_id: &str,
    region: &str,
) -> FactResult<Vec<HostedZone>> {
    let out = aws
        .call(Consumer, &LIST_HOSTED_ZONES_BY_VPC, |c| {
            c.route53
                .list_hosted_zones_by_vpc()
                .vpc_id(vpc_id)
                .vpc_region(aws_sdk_route53::types::VpcRegion::from(region))
                .send()
        })
        .await?;
    Ok(out
        .hosted_zone_summaries()
        .iter()
        .map(|z| HostedZone {
            id: z.hosted_zone_id().to_string(),
            name: zone_name(z.name()),
            owner: z.owner().and_then(|o| {
                o.owning_account()
                    .or(o.owning_service())
                    .map(str::to_string)
            }),
        })
        .collect())
}

/// A hosted zone's name as every zone fact gives it: lower case, no trailing dot.
fn zone_name(n: &str) -> String {
    n.trim_end_matches('.').to_ascii_lowercase()
}

/// A Route 53 name as the tool compares names: lower case, no trailing dot, `\052` as `*`.
fn plain_name(n: &str) -> String {
    n.trim_end_matches('.')
        .replace("\\052", "*")
        .to_ascii_lowercase()
}

/// The record sets named exactly `name`: listed from `name` on, so a large zone costs a page
/// (Route 53 lists in name order and starts where it is asked to).
pub(super) async fn record_sets(
    aws: &AwsClients,
    zone_id: &str,
    name: &str,
) -> FactResult<Vec<RecordSet>> {
    let wanted = plain_name(name);
    let mut found = Vec::new();
    let mut start = Some((format!("{wanted}."), None::<aws_sdk_route53::types::RrType>));
    // A bound: a zone is read page by page only while the pages still hold the name.
    for _ in 0..20 {
        let Some((start_name, start_type)) = start.take() else {
            break;
        };
        let out = aws
            .call(Consumer, &LIST_RESOURCE_RECORD_SETS, |c| {
                c.route53
                    .list_resource_record_sets()
                    .hosted_zone_id(zone_id)
                    .start_record_name(start_name.clone())
                    .set_start_record_type(start_type.clone())
                    .send()
            })
            .await?;
        let mut passed = false;
        for r in out.resource_record_sets() {
            let n = plain_name(r.name());
            if n != wanted {
                passed |= !found.is_empty();
                continue;
            }
            found.push(RecordSet {
                name: n,
                record_type: r.r#type().as_str().to_string(),
                values: r
                    .resource_records()
                    .iter()
                    .map(|v| v.value().trim_end_matches('.').to_ascii_lowercase())
                    .collect(),
                alias_target: r.alias_target().map(|a| {
                    plain_name(a.dns_name())
                        .trim_start_matches("dualstack.")
                        .to_string()
                }),
            });
        }
        if passed || !out.is_truncated() {
            break;
        }
        start = out
            .next_record_name()
            .map(|n| (n.to_string(), out.next_record_type().cloned()));
    }
    Ok(found)
}

/// A zone id without the `/hostedzone/` prefix ListHostedZones and GetHostedZone give it.
fn zone_id(id: &str) -> String {
    id.trim_start_matches("/hostedzone/").to_string()
}

/// The account's private hosted zones (public ones are left out), named like
/// [`hosted_zones_by_vpc`]'s.
pub(super) async fn private_zones(aws: &AwsClients) -> FactResult<Vec<HostedZone>> {
    paginate(LIST_HOSTED_ZONES.name, |marker| async move {
        let out = aws
            .call(Consumer, &LIST_HOSTED_ZONES, |c| {
                c.route53.list_hosted_zones().set_marker(marker).send()
            })
            .await?;
        let zones = out
            .hosted_zones()
            .iter()
            .filter(|z| {
                z.config()
                    .is_some_and(aws_sdk_route53::types::HostedZoneConfig::private_zone)
            })
            .map(|z| HostedZone {
                id: zone_id(z.id()),
                name: zone_name(z.name()),
                owner: z
                    .linked_service()
                    .and_then(|s| s.service_principal())
                    .map(str::to_string),
            })
            .collect();
        let next = out
            .is_truncated()
            .then(|| out.next_marker().map(str::to_string))
            .flatten();
        Ok((zones, next))
    })
    .await
}

/// A hosted zone and the VPCs it is associated with, `(vpc id, region)`.
pub(super) async fn zone_vpcs(aws: &AwsClients, id: &str) -> FactResult<ZoneVpcs> {
    let out = aws
        .call(Consumer, &GET_HOSTED_ZONE, |c| {
            c.route53.get_hosted_zone().id(zone_id(id)).send()
        })
        .await?;
    let zone = out.hosted_zone();
    Ok(ZoneVpcs {
        id: zone.map_or_else(|| zone_id(id), |z| zone_id(z.id())),
        name: zone.map(|z| zone_name(z.name())).unwrap_or_default(),
        vpcs: out
            .vpcs()
            .iter()
            .map(|v| {
                (
                    v.vpc_id().unwrap_or_default().to_string(),
                    v.vpc_region()
                        .map(|r| r.as_str().to_string())
                        .unwrap_or_default(),
                )
            })
            .collect(),
    })
}
