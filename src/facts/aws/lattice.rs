//! VPC Lattice: the resource configuration a Resource endpoint reaches and its resource
//! gateway, read in the provider's (the owner's) account.

use super::AwsClients;
use super::operations::{GET_RESOURCE_CONFIGURATION, GET_RESOURCE_GATEWAY};
use crate::engine::outcome::Account::Provider;
use crate::facts::FactResult;
use crate::facts::model::{ResourceConfiguration, ResourceDefinition, ResourceGateway};
use aws_sdk_vpclattice::types::ResourceConfigurationDefinition as Def;

pub(super) async fn resource_configuration(
    aws: &AwsClients,
    arn: &str,
) -> FactResult<ResourceConfiguration> {
    let out = aws
        .call(Provider, &GET_RESOURCE_CONFIGURATION, |c| {
            c.lattice
                .get_resource_configuration()
                .resource_configuration_identifier(arn)
                .send()
        })
        .await?;
    let definition = out.resource_configuration_definition().map(|d| match d {
        Def::DnsResource(r) => ResourceDefinition::Dns(r.domain_name().unwrap_or_default().into()),
        Def::IpResource(r) => ResourceDefinition::Ip(r.ip_address().unwrap_or_default().into()),
        Def::ArnResource(r) => ResourceDefinition::Arn(r.arn().unwrap_or_default().into()),
        Def::CidrResource(r) => ResourceDefinition::Cidr(r.cidr_ranges().to_vec()),
        other => ResourceDefinition::Unknown(format!("{other:?}")),
    });
    Ok(ResourceConfiguration {
        arn: out.arn().unwrap_or(arn).to_string(),
        id: out.id().unwrap_or_default().to_string(),
        name: out.name().unwrap_or_default().to_string(),
        config_type: out
            .r#type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        status: out
            .status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        resource_gateway_id: out.resource_gateway_id().map(str::to_string),
        port_ranges: out.port_ranges().to_vec(),
        protocol: out.protocol().map(|p| p.as_str().to_string()),
        definition,
    })
}

pub(super) async fn resource_gateway(aws: &AwsClients, id: &str) -> FactResult<ResourceGateway> {
    let out = aws
        .call(Provider, &GET_RESOURCE_GATEWAY, |c| {
            c.lattice
                .get_resource_gateway()
                .resource_gateway_identifier(id)
                .send()
        })
        .await?;
    Ok(ResourceGateway {
        id: out.id().unwrap_or(id).to_string(),
        arn: out.arn().unwrap_or_default().to_string(),
        name: out.name().unwrap_or_default().to_string(),
        status: out
            .status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        vpc_id: out.vpc_id().map(str::to_string),
        subnet_ids: out.subnet_ids().to_vec(),
        security_group_ids: out.security_group_ids().to_vec(),
        ip_address_type: out.ip_address_type().map(|t| t.as_str().to_string()),
        ipv4_addresses_per_eni: out.ipv4_addresses_per_eni(),
    })
}
