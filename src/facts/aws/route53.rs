//! Route 53: the private hosted zones associated with a VPC.

use super::AwsClients;
use super::operations::LIST_HOSTED_ZONES_BY_VPC;
use crate::engine::outcome::Account::Consumer;
use crate::facts::FactResult;
use crate::facts::model::HostedZone;

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
            name: z.name().trim_end_matches('.').to_ascii_lowercase(),
            owner: z.owner().and_then(|o| {
                o.owning_account()
                    .or(o.owning_service())
                    .map(str::to_string)
            }),
        })
        .collect())
}
