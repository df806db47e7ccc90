//! EC2: endpoints, endpoint services and their connections, and the network around them
//! (VPCs, subnets, interfaces, security groups, route tables, network ACLs, DHCP options,
//! zones, regions, instances).

use aws_sdk_ec2::types::{Filter, VpcAttributeName};

use super::AwsClients;
use super::operations::*;
use crate::engine::outcome::Account::{self, Consumer, Provider};
use crate::facts::model::*;
use crate::facts::{FactError, FactResult, VpcAttribute};

pub(super) async fn endpoint(aws: &AwsClients, id: &str) -> FactResult<Endpoint> {
    let out = aws
        .call(Consumer, &DESCRIBE_VPC_ENDPOINTS, |c| {
            c.ec2.describe_vpc_endpoints().vpc_endpoint_ids(id).send()
        })
        .await?;
    let ep = out
        .vpc_endpoints()
        .iter()
        .find(|e| e.vpc_endpoint_id() == Some(id))
        .ok_or_else(|| FactError::NotFound {
            operation: DESCRIBE_VPC_ENDPOINTS.name.into(),
            code: "InvalidVpcEndpointId.NotFound".into(),
            message: format!("The VPC endpoint {id} was not in the answer"),
        })?;
    Ok(map_endpoint(ep))
}

pub(super) async fn endpoint_list(aws: &AwsClients) -> FactResult<Vec<Endpoint>> {
    let all = aws
        .call(Consumer, &DESCRIBE_VPC_ENDPOINTS, |c| {
            all_pages!(c.ec2.describe_vpc_endpoints())
        })
        .await?;
    Ok(all.iter().map(map_endpoint).collect())
}

pub(super) async fn vpc(aws: &AwsClients, id: &str) -> FactResult<Vpc> {
    let out = aws
        .call(Consumer, &DESCRIBE_VPCS, |c| {
            c.ec2.describe_vpcs().vpc_ids(id).send()
        })
        .await?;
    let v = out.vpcs().first().ok_or_else(|| FactError::NotFound {
        operation: DESCRIBE_VPCS.name.into(),
        code: "InvalidVpcID.NotFound".into(),
        message: format!("The VPC {id} was not in the answer"),
    })?;
    Ok(map_vpc(v))
}

pub(super) async fn vpcs(aws: &AwsClients, ids: &[String]) -> FactResult<Vec<Vpc>> {
    let vpcs = aws
        .call(Consumer, &DESCRIBE_VPCS, |c| {
            all_pages!(c.ec2.describe_vpcs().set_vpc_ids(Some(ids.to_vec())))
        })
        .await?;
    Ok(vpcs.iter().map(map_vpc).collect())
}

pub(super) async fn vpc_attribute(
    aws: &AwsClients,
    vpc_id: &str,
    attribute: VpcAttribute,
) -> FactResult<bool> {
    let name = match attribute {
        VpcAttribute::EnableDnsSupport => VpcAttributeName::EnableDnsSupport,
        VpcAttribute::EnableDnsHostnames => VpcAttributeName::EnableDnsHostnames,
    };
    let out = aws
        .call(Consumer, &DESCRIBE_VPC_ATTRIBUTE, |c| {
            c.ec2
                .describe_vpc_attribute()
                .vpc_id(vpc_id)
                .attribute(name)
                .send()
        })
        .await?;
    Ok(match attribute {
        VpcAttribute::EnableDnsSupport => out.enable_dns_support(),
        VpcAttribute::EnableDnsHostnames => out.enable_dns_hostnames(),
    }
    .and_then(aws_sdk_ec2::types::AttributeBooleanValue::value)
    .unwrap_or(false))
}

pub(super) async fn network_interfaces(
    aws: &AwsClients,
    ids: &[String],
) -> FactResult<Vec<NetworkInterface>> {
    let out = aws
        .call(Consumer, &DESCRIBE_NETWORK_INTERFACES, |c| {
            c.ec2
                .describe_network_interfaces()
                .set_network_interface_ids(Some(ids.to_vec()))
                .send()
        })
        .await?;
    Ok(out.network_interfaces().iter().map(map_eni).collect())
}

pub(super) async fn network_interfaces_where(
    aws: &AwsClients,
    account: Account,
    filters: &[(String, Vec<String>)],
) -> FactResult<Vec<NetworkInterface>> {
    let all = aws
        .call(account, &DESCRIBE_NETWORK_INTERFACES, |c| {
            let mut req = c.ec2.describe_network_interfaces();
            for (name, values) in filters {
                req = req.filters(
                    Filter::builder()
                        .name(name)
                        .set_values(Some(values.clone()))
                        .build(),
                );
            }
            all_pages!(req)
        })
        .await?;
    Ok(all.iter().map(map_eni).collect())
}

pub(super) async fn security_groups(
    aws: &AwsClients,
    account: Account,
    ids: &[String],
) -> FactResult<Vec<SecurityGroup>> {
    let out = aws
        .call(account, &DESCRIBE_SECURITY_GROUPS, |c| {
            c.ec2
                .describe_security_groups()
                .set_group_ids(Some(ids.to_vec()))
                .send()
        })
        .await?;
    Ok(out
        .security_groups()
        .iter()
        .map(|g| SecurityGroup {
            id: g.group_id().unwrap_or_default().to_string(),
            name: g.group_name().unwrap_or_default().to_string(),
            vpc_id: g.vpc_id().map(str::to_string),
            ingress: g.ip_permissions().iter().map(map_sg_rule).collect(),
            egress: g.ip_permissions_egress().iter().map(map_sg_rule).collect(),
        })
        .collect())
}

/// `None` when the consumer cannot see the service.
///
/// The consumer's view of a service, asked in the consumer's region; a service in another
/// region (a cross-region endpoint's) is named with `ServiceRegions`, without which AWS
/// answers as if it did not exist.
pub(super) async fn service_detail(
    aws: &AwsClients,
    service_name: &str,
    service_region: Option<&str>,
    service_type: Option<&str>,
) -> FactResult<Option<ServiceDetail>> {
    let result = aws
        .call(Consumer, &DESCRIBE_VPC_ENDPOINT_SERVICES, |c| {
            c.ec2
                .describe_vpc_endpoint_services()
                .service_names(service_name)
                .set_service_regions(service_region.map(|r| vec![r.to_string()]))
                .send()
        })
        .await;
    let out = match result {
        Ok(out) => out,
        // Not allowed to see it, or it does not exist: both look the same here.
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e),
    };
    let details: Vec<ServiceDetail> = out.service_details().iter().map(map_detail).collect();
    Ok(ServiceDetail::pick(&details, service_name, service_type).cloned())
}

/// Several services in one call (a fleet scan asks once for every service its endpoints
/// use). Pages are followed by hand: the SDK offers no paginator for this operation. An
/// unknown name fails the whole call with InvalidServiceName (AWS and moto alike); the
/// caller sets it aside and asks again (`scan::services`).
pub(super) async fn service_details(
    aws: &AwsClients,
    service_names: &[String],
) -> FactResult<Vec<ServiceDetail>> {
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let out = aws
            .call(Consumer, &DESCRIBE_VPC_ENDPOINT_SERVICES, |c| {
                c.ec2
                    .describe_vpc_endpoint_services()
                    .set_service_names(Some(service_names.to_vec()))
                    .set_next_token(token.clone())
                    .send()
            })
            .await?;
        all.extend(out.service_details().iter().map(map_detail));
        token = out
            .next_token()
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        if token.is_none() {
            return Ok(all);
        }
    }
}

fn map_detail(d: &aws_sdk_ec2::types::ServiceDetail) -> ServiceDetail {
    ServiceDetail {
        service_name: d.service_name().unwrap_or_default().to_string(),
        service_id: d.service_id().map(str::to_string),
        owner: d.owner().map(str::to_string),
        service_type: d
            .service_type()
            .iter()
            .filter_map(|t| t.service_type().map(|s| s.as_str().to_string()))
            .collect(),
        availability_zones: d.availability_zones().to_vec(),
        availability_zone_ids: d.availability_zone_ids().to_vec(),
        private_dns_name: d.private_dns_name().map(str::to_string),
        private_dns_verification_state: d
            .private_dns_name_verification_state()
            .map(|s| s.as_str().to_string()),
        acceptance_required: d.acceptance_required(),
        supported_ip_address_types: d
            .supported_ip_address_types()
            .iter()
            .map(|t| t.as_str().to_string())
            .collect(),
        service_region: d.service_region().map(str::to_string),
    }
}

pub(super) async fn service_config(
    aws: &AwsClients,
    service_id: &str,
) -> FactResult<ServiceConfig> {
    let out = aws
        .call(
            Provider,
            &DESCRIBE_VPC_ENDPOINT_SERVICE_CONFIGURATIONS,
            |c| {
                c.ec2
                    .describe_vpc_endpoint_service_configurations()
                    .service_ids(service_id)
                    .send()
            },
        )
        .await?;
    let s = out
        .service_configurations()
        .iter()
        .find(|s| s.service_id() == Some(service_id))
        .ok_or_else(|| FactError::NotFound {
            operation: DESCRIBE_VPC_ENDPOINT_SERVICE_CONFIGURATIONS.name.into(),
            code: "InvalidVpcEndpointServiceId.NotFound".into(),
            message: format!("The service {service_id} was not in the answer"),
        })?;
    let dns = s.private_dns_name_configuration();
    Ok(ServiceConfig {
        service_id: service_id.to_string(),
        service_name: s.service_name().unwrap_or_default().to_string(),
        state: s
            .service_state()
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        acceptance_required: s.acceptance_required(),
        network_load_balancer_arns: s.network_load_balancer_arns().to_vec(),
        gateway_load_balancer_arns: s.gateway_load_balancer_arns().to_vec(),
        availability_zones: s.availability_zones().to_vec(),
        private_dns_name: s.private_dns_name().map(str::to_string),
        private_dns_state: dns.and_then(|d| d.state()).map(|x| x.as_str().to_string()),
        private_dns_txt_name: dns.and_then(|d| d.name()).map(str::to_string),
        private_dns_txt_value: dns.and_then(|d| d.value()).map(str::to_string),
        supported_regions: s
            .supported_regions()
            .iter()
            .filter_map(|r| {
                r.region().map(|region| SupportedRegion {
                    region: region.to_string(),
                    service_state: r.service_state().map(str::to_string),
                })
            })
            .collect(),
        remote_access_enabled: s.remote_access_enabled(),
        supported_ip_address_types: s
            .supported_ip_address_types()
            .iter()
            .map(|t| t.as_str().to_string())
            .collect(),
    })
}

pub(super) async fn service_permissions(
    aws: &AwsClients,
    service_id: &str,
) -> FactResult<Vec<String>> {
    let out = aws
        .call(Provider, &DESCRIBE_VPC_ENDPOINT_SERVICE_PERMISSIONS, |c| {
            c.ec2
                .describe_vpc_endpoint_service_permissions()
                .service_id(service_id)
                .send()
        })
        .await?;
    Ok(out
        .allowed_principals()
        .iter()
        .filter_map(|a| a.principal().map(str::to_string))
        .collect())
}

pub(super) async fn endpoint_connections(
    aws: &AwsClients,
    service_id: &str,
) -> FactResult<Vec<Connection>> {
    let pages = aws
        .call(Provider, &DESCRIBE_VPC_ENDPOINT_CONNECTIONS, |c| {
            all_pages!(
                c.ec2.describe_vpc_endpoint_connections().filters(
                    Filter::builder()
                        .name("service-id")
                        .values(service_id)
                        .build(),
                )
            )
        })
        .await?;
    Ok(pages
        .iter()
        .map(|c| Connection {
            endpoint_id: c.vpc_endpoint_id().unwrap_or_default().to_string(),
            state: c
                .vpc_endpoint_state()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            owner: c.vpc_endpoint_owner().map(str::to_string),
        })
        .collect())
}

pub(super) async fn route_tables(aws: &AwsClients, vpc_id: &str) -> FactResult<Vec<RouteTable>> {
    let tables = aws
        .call(Consumer, &DESCRIBE_ROUTE_TABLES, |c| {
            all_pages!(
                c.ec2
                    .describe_route_tables()
                    .filters(Filter::builder().name("vpc-id").values(vpc_id).build())
            )
        })
        .await?;
    Ok(tables.iter().map(map_route_table).collect())
}

/// VPC peering connections by id.
pub(super) async fn peering_connections(
    aws: &AwsClients,
    ids: &[String],
) -> FactResult<Vec<PeeringConnection>> {
    let found = aws
        .call(Consumer, &DESCRIBE_VPC_PEERING_CONNECTIONS, |c| {
            all_pages!(
                c.ec2
                    .describe_vpc_peering_connections()
                    .set_vpc_peering_connection_ids(Some(ids.to_vec()))
            )
        })
        .await?;
    Ok(found
        .iter()
        .map(|p| PeeringConnection {
            id: p
                .vpc_peering_connection_id()
                .unwrap_or_default()
                .to_string(),
            status: p
                .status()
                .and_then(|s| s.code())
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
            requester_vpc: p
                .requester_vpc_info()
                .and_then(|v| v.vpc_id())
                .unwrap_or_default()
                .to_string(),
            accepter_vpc: p
                .accepter_vpc_info()
                .and_then(|v| v.vpc_id())
                .unwrap_or_default()
                .to_string(),
            accepter_owner: p
                .accepter_vpc_info()
                .and_then(|v| v.owner_id())
                .map(str::to_string),
        })
        .collect())
}

/// The subnets of several VPCs in one paginated call.
pub(super) async fn subnets_of(
    aws: &AwsClients,
    account: Account,
    vpc_ids: &[String],
) -> FactResult<Vec<Subnet>> {
    subnets_where(aws, account, "vpc-id", vpc_ids).await
}

/// Subnets by their own ids (where a client named with `--from subnet-…` is).
pub(super) async fn subnets_by_id(aws: &AwsClients, ids: &[String]) -> FactResult<Vec<Subnet>> {
    subnets_where(aws, Consumer, "subnet-id", ids).await
}

async fn subnets_where(
    aws: &AwsClients,
    account: Account,
    filter: &str,
    values: &[String],
) -> FactResult<Vec<Subnet>> {
    let subnets = aws
        .call(account, &DESCRIBE_SUBNETS, |c| {
            all_pages!(
                c.ec2.describe_subnets().filters(
                    Filter::builder()
                        .name(filter)
                        .set_values(Some(values.to_vec()))
                        .build(),
                )
            )
        })
        .await?;
    Ok(subnets
        .iter()
        .map(|s| Subnet {
            id: s.subnet_id().unwrap_or_default().to_string(),
            vpc_id: s.vpc_id().unwrap_or_default().to_string(),
            cidr: s.cidr_block().unwrap_or_default().to_string(),
            availability_zone: s.availability_zone().unwrap_or_default().to_string(),
            availability_zone_id: s.availability_zone_id().map(str::to_string),
            ipv6_cidrs: s
                .ipv6_cidr_block_association_set()
                .iter()
                .filter_map(|a| a.ipv6_cidr_block().map(str::to_string))
                .collect(),
        })
        .collect())
}

pub(super) async fn regions(aws: &AwsClients) -> FactResult<Vec<String>> {
    let out = aws
        .call(Consumer, &DESCRIBE_REGIONS, |c| {
            c.ec2.describe_regions().send()
        })
        .await?;
    let mut regions: Vec<String> = out
        .regions()
        .iter()
        .filter_map(|r| r.region_name().map(str::to_string))
        .collect();
    regions.sort();
    Ok(regions)
}

pub(super) async fn availability_zones(
    aws: &AwsClients,
    account: Account,
) -> FactResult<Vec<AvailabilityZone>> {
    let out = aws
        .call(account, &DESCRIBE_AVAILABILITY_ZONES, |c| {
            c.ec2.describe_availability_zones().send()
        })
        .await?;
    Ok(out
        .availability_zones()
        .iter()
        .filter_map(|z| {
            Some(AvailabilityZone {
                name: z.zone_name()?.to_string(),
                id: z.zone_id()?.to_string(),
            })
        })
        .collect())
}

/// The network ACLs of several VPCs in one paginated call.
pub(super) async fn network_acls_of(
    aws: &AwsClients,
    vpc_ids: &[String],
) -> FactResult<Vec<NetworkAcl>> {
    let acls = aws
        .call(Consumer, &DESCRIBE_NETWORK_ACLS, |c| {
            all_pages!(
                c.ec2.describe_network_acls().filters(
                    Filter::builder()
                        .name("vpc-id")
                        .set_values(Some(vpc_ids.to_vec()))
                        .build(),
                )
            )
        })
        .await?;
    Ok(acls.iter().map(map_network_acl).collect())
}

/// The AWS-managed prefix list named `name` (`com.amazonaws.<region>.s3`) and its entries;
/// `None` when no list has that name.
pub(super) async fn managed_prefix_list(
    aws: &AwsClients,
    name: &str,
) -> FactResult<Option<PrefixList>> {
    let lists = aws
        .call(Consumer, &DESCRIBE_MANAGED_PREFIX_LISTS, |c| {
            all_pages!(
                c.ec2.describe_managed_prefix_lists().filters(
                    Filter::builder()
                        .name("prefix-list-name")
                        .values(name)
                        .build()
                )
            )
        })
        .await?;
    let Some(id) = lists
        .iter()
        .find(|p| p.prefix_list_name() == Some(name))
        .and_then(|p| p.prefix_list_id())
        .map(str::to_string)
    else {
        return Ok(None);
    };
    let entries = aws
        .call(Consumer, &GET_MANAGED_PREFIX_LIST_ENTRIES, |c| {
            all_pages!(c.ec2.get_managed_prefix_list_entries().prefix_list_id(&id))
        })
        .await?;
    Ok(Some(PrefixList {
        id: id.clone(),
        name: name.to_string(),
        cidrs: entries
            .iter()
            .filter_map(|e| e.cidr().map(str::to_string))
            .collect(),
    }))
}

pub(super) async fn dhcp_options(aws: &AwsClients, id: &str) -> FactResult<DhcpOptions> {
    let out = aws
        .call(Consumer, &DESCRIBE_DHCP_OPTIONS, |c| {
            c.ec2.describe_dhcp_options().dhcp_options_ids(id).send()
        })
        .await?;
    let d = out
        .dhcp_options()
        .first()
        .ok_or_else(|| FactError::NotFound {
            operation: DESCRIBE_DHCP_OPTIONS.name.into(),
            code: "InvalidDhcpOptionID.NotFound".into(),
            message: format!("The DHCP options set {id} was not in the answer"),
        })?;
    let values = |key: &str| -> Vec<String> {
        d.dhcp_configurations()
            .iter()
            .filter(|c| c.key() == Some(key))
            .flat_map(|c| {
                c.values()
                    .iter()
                    .filter_map(|v| v.value().map(str::to_string))
            })
            .collect()
    };
    Ok(DhcpOptions {
        id: id.to_string(),
        domain_name_servers: values("domain-name-servers"),
        domain_name: values("domain-name"),
    })
}

/// Targets are the provider's instances; a client named with `--from i-…` is the consumer's.
pub(super) async fn instances(
    aws: &AwsClients,
    account: Account,
    ids: &[String],
) -> FactResult<Vec<Instance>> {
    let reservations = aws
        .call(account, &DESCRIBE_INSTANCES, |c| {
            all_pages!(
                c.ec2
                    .describe_instances()
                    .set_instance_ids(Some(ids.to_vec()))
            )
        })
        .await?;
    Ok(reservations
        .iter()
        .flat_map(|r| r.instances().iter())
        .map(|i| Instance {
            id: i.instance_id().unwrap_or_default().to_string(),
            availability_zone: i
                .placement()
                .and_then(|p| p.availability_zone())
                .unwrap_or_default()
                .to_string(),
            subnet_id: i.subnet_id().map(str::to_string),
            private_ip: i.private_ip_address().map(str::to_string),
            security_group_ids: i
                .security_groups()
                .iter()
                .filter_map(|g| g.group_id().map(str::to_string))
                .collect(),
            vpc_id: i.vpc_id().map(str::to_string),
            private_ips: i
                .network_interfaces()
                .iter()
                .flat_map(aws_sdk_ec2::types::InstanceNetworkInterface::private_ip_addresses)
                .filter_map(|a| a.private_ip_address().map(str::to_string))
                .collect(),
        })
        .collect())
}

fn map_endpoint(ep: &aws_sdk_ec2::types::VpcEndpoint) -> Endpoint {
    Endpoint {
        id: ep.vpc_endpoint_id().unwrap_or_default().to_string(),
        endpoint_type: ep
            .vpc_endpoint_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        vpc_id: ep.vpc_id().unwrap_or_default().to_string(),
        service_name: ep.service_name().unwrap_or_default().to_string(),
        // The SDK's enum expects PascalCase while EC2 sends camelCase, so it always lands in
        // `Unknown(..)`: keep the raw string and compare case-insensitively downstream.
        state: ep
            .state()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        owner_id: ep.owner_id().map(str::to_string),
        subnet_ids: ep.subnet_ids().to_vec(),
        network_interface_ids: ep.network_interface_ids().to_vec(),
        security_group_ids: ep
            .groups()
            .iter()
            .filter_map(|g| g.group_id().map(str::to_string))
            .collect(),
        private_dns_enabled: ep.private_dns_enabled(),
        dns_entries: ep
            .dns_entries()
            .iter()
            .filter_map(|d| {
                d.dns_name().map(|n| DnsEntry {
                    dns_name: n.to_string(),
                    hosted_zone_id: d.hosted_zone_id().map(str::to_string),
                })
            })
            .collect(),
        route_table_ids: ep.route_table_ids().to_vec(),
        policy_document: ep.policy_document().map(str::to_string),
        last_error: ep.last_error().map(|e| LastError {
            code: e.code().unwrap_or_default().to_string(),
            message: e.message().unwrap_or_default().to_string(),
        }),
        ip_address_type: ep.ip_address_type().map(|t| t.as_str().to_string()),
        dns_record_ip_type: ep
            .dns_options()
            .and_then(|d| d.dns_record_ip_type())
            .map(|t| t.as_str().to_string()),
        service_region: ep.service_region().map(str::to_string),
        service_network_arn: ep.service_network_arn().map(str::to_string),
        resource_configuration_arn: ep.resource_configuration_arn().map(str::to_string),
        private_dns_only_for_inbound_resolver_endpoint: ep.dns_options().and_then(
            aws_sdk_ec2::types::DnsOptions::private_dns_only_for_inbound_resolver_endpoint,
        ),
        private_dns_preference: ep
            .dns_options()
            .and_then(|d| d.private_dns_preference())
            .map(str::to_string),
        private_dns_specified_domains: ep
            .dns_options()
            .map(|d| d.private_dns_specified_domains().to_vec())
            .unwrap_or_default(),
        failure_reason: ep.failure_reason().map(str::to_string),
        tags: ep
            .tags()
            .iter()
            .map(|t| {
                (
                    t.key().unwrap_or_default().to_string(),
                    t.value().unwrap_or_default().to_string(),
                )
            })
            .collect(),
    }
}

fn map_vpc(v: &aws_sdk_ec2::types::Vpc) -> Vpc {
    let mut cidrs: Vec<String> = v
        .cidr_block_association_set()
        .iter()
        .filter(|a| {
            a.cidr_block_state()
                .and_then(|s| s.state())
                .map(|s| s.as_str().eq_ignore_ascii_case("associated"))
                .unwrap_or(true)
        })
        .filter_map(|a| a.cidr_block().map(str::to_string))
        .collect();
    if let Some(primary) = v.cidr_block()
        && !cidrs.iter().any(|c| c == primary)
    {
        cidrs.insert(0, primary.to_string());
    }
    let ipv6_cidr_blocks = v
        .ipv6_cidr_block_association_set()
        .iter()
        .filter(|a| {
            a.ipv6_cidr_block_state()
                .and_then(|s| s.state())
                .map(|s| s.as_str().eq_ignore_ascii_case("associated"))
                .unwrap_or(true)
        })
        .filter_map(|a| a.ipv6_cidr_block().map(str::to_string))
        .collect();
    Vpc {
        id: v.vpc_id().unwrap_or_default().to_string(),
        cidr_blocks: cidrs,
        ipv6_cidr_blocks,
        owner_id: v.owner_id().map(str::to_string),
        dhcp_options_id: v.dhcp_options_id().map(str::to_string),
    }
}

fn map_eni(n: &aws_sdk_ec2::types::NetworkInterface) -> NetworkInterface {
    NetworkInterface {
        id: n.network_interface_id().unwrap_or_default().to_string(),
        subnet_id: n.subnet_id().unwrap_or_default().to_string(),
        availability_zone: n.availability_zone().unwrap_or_default().to_string(),
        private_ip: n.private_ip_address().map(str::to_string),
        private_ips: n
            .private_ip_addresses()
            .iter()
            .filter_map(|a| a.private_ip_address().map(str::to_string))
            .collect(),
        status: n
            .status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        security_group_ids: n
            .groups()
            .iter()
            .filter_map(|g| g.group_id().map(str::to_string))
            .collect(),
        description: n.description().unwrap_or_default().to_string(),
        ipv6_addresses: n
            .ipv6_addresses()
            .iter()
            .filter_map(|a| a.ipv6_address().map(str::to_string))
            .collect(),
    }
}

fn map_sg_rule(p: &aws_sdk_ec2::types::IpPermission) -> SgRule {
    SgRule {
        protocol: p.ip_protocol().unwrap_or("-1").to_string(),
        from_port: p.from_port(),
        to_port: p.to_port(),
        ipv4_ranges: p
            .ip_ranges()
            .iter()
            .filter_map(|r| r.cidr_ip().map(str::to_string))
            .collect(),
        ipv6_ranges: p
            .ipv6_ranges()
            .iter()
            .filter_map(|r| r.cidr_ipv6().map(str::to_string))
            .collect(),
        group_refs: p
            .user_id_group_pairs()
            .iter()
            .filter_map(|r| r.group_id().map(str::to_string))
            .collect(),
        prefix_lists: p
            .prefix_list_ids()
            .iter()
            .filter_map(|r| r.prefix_list_id().map(str::to_string))
            .collect(),
    }
}

fn map_route_table(t: &aws_sdk_ec2::types::RouteTable) -> RouteTable {
    RouteTable {
        id: t.route_table_id().unwrap_or_default().to_string(),
        vpc_id: t.vpc_id().unwrap_or_default().to_string(),
        main: t.associations().iter().any(|a| a.main() == Some(true)),
        subnet_ids: t
            .associations()
            .iter()
            .filter_map(|a| a.subnet_id().map(str::to_string))
            .collect(),
        routes: t
            .routes()
            .iter()
            .map(|r| Route {
                destination: r
                    .destination_prefix_list_id()
                    .or(r.destination_cidr_block())
                    .or(r.destination_ipv6_cidr_block())
                    .unwrap_or_default()
                    .to_string(),
                target: r
                    .gateway_id()
                    .or(r.nat_gateway_id())
                    .or(r.transit_gateway_id())
                    .or(r.vpc_peering_connection_id())
                    .or(r.network_interface_id())
                    .or(r.instance_id())
                    .or(r.egress_only_internet_gateway_id())
                    .or(r.local_gateway_id())
                    .or(r.carrier_gateway_id())
                    .or(r.core_network_arn())
                    .unwrap_or_default()
                    .to_string(),
                state: r
                    .state()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                origin: r
                    .origin()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

fn map_network_acl(a: &aws_sdk_ec2::types::NetworkAcl) -> NetworkAcl {
    NetworkAcl {
        id: a.network_acl_id().unwrap_or_default().to_string(),
        vpc_id: a.vpc_id().unwrap_or_default().to_string(),
        is_default: a.is_default().unwrap_or(false),
        subnet_ids: a
            .associations()
            .iter()
            .filter_map(|x| x.subnet_id().map(str::to_string))
            .collect(),
        entries: a
            .entries()
            .iter()
            .map(|e| NaclEntry {
                rule_number: e.rule_number().unwrap_or(32767),
                protocol: e.protocol().unwrap_or("-1").to_string(),
                allow: e
                    .rule_action()
                    .is_some_and(|r| r.as_str().eq_ignore_ascii_case("allow")),
                egress: e.egress().unwrap_or(false),
                cidr: e
                    .cidr_block()
                    .or(e.ipv6_cidr_block())
                    .unwrap_or_default()
                    .to_string(),
                port_from: e.port_range().and_then(aws_sdk_ec2::types::PortRange::from),
                port_to: e.port_range().and_then(aws_sdk_ec2::types::PortRange::to),
            })
            .collect(),
    }
}

/// The associations of a Resource or ServiceNetwork endpoint (its resource configuration, or
/// the services and resources of its service network) and whether each is reachable.
pub(super) async fn endpoint_associations(
    aws: &AwsClients,
    endpoint_id: &str,
) -> FactResult<Vec<EndpointAssociation>> {
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    // Paginated by hand: the SDK offers no paginator for this operation.
    loop {
        let out = aws
            .call(Consumer, &DESCRIBE_VPC_ENDPOINT_ASSOCIATIONS, |c| {
                c.ec2
                    .describe_vpc_endpoint_associations()
                    .filters(
                        Filter::builder()
                            .name("vpc-endpoint-id")
                            .values(endpoint_id)
                            .build(),
                    )
                    .set_next_token(token.clone())
                    .send()
            })
            .await?;
        all.extend(out.vpc_endpoint_associations().iter().map(map_association));
        token = out
            .next_token()
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    Ok(all)
}

fn map_association(a: &aws_sdk_ec2::types::VpcEndpointAssociation) -> EndpointAssociation {
    let entry = |d: Option<&aws_sdk_ec2::types::DnsEntry>| {
        d.and_then(|d| {
            d.dns_name().map(|n| DnsEntry {
                dns_name: n.to_string(),
                hosted_zone_id: d.hosted_zone_id().map(str::to_string),
            })
        })
    };
    EndpointAssociation {
        id: a.id().unwrap_or_default().to_string(),
        endpoint_id: a.vpc_endpoint_id().unwrap_or_default().to_string(),
        accessibility: a
            .associated_resource_accessibility()
            .unwrap_or_default()
            .to_string(),
        associated_resource_arn: a.associated_resource_arn().map(str::to_string),
        resource_configuration_group_arn: a.resource_configuration_group_arn().map(str::to_string),
        service_network_arn: a.service_network_arn().map(str::to_string),
        service_network_name: a.service_network_name().map(str::to_string),
        failure_code: a.failure_code().map(str::to_string),
        failure_reason: a.failure_reason().map(str::to_string),
        dns_entry: entry(a.dns_entry()),
        private_dns_entry: entry(a.private_dns_entry()),
    }
}

/// The flow logs that record any of `resource_ids` (interfaces, subnets, VPCs), or every
/// flow log of the account (`None`): one paginated DescribeFlowLogs. Read only; the tool
/// never creates one.
pub(super) async fn flow_logs(
    aws: &AwsClients,
    resource_ids: Option<&[String]>,
) -> FactResult<Vec<FlowLog>> {
    let logs = aws
        .call(Consumer, &DESCRIBE_FLOW_LOGS, |c| {
            all_pages!(
                c.ec2
                    .describe_flow_logs()
                    .set_filter(resource_ids.map(|ids| {
                        vec![
                            Filter::builder()
                                .name("resource-id")
                                .set_values(Some(ids.to_vec()))
                                .build(),
                        ]
                    }))
            )
        })
        .await?;
    Ok(logs
        .iter()
        .map(|f| FlowLog {
            id: f.flow_log_id().unwrap_or_default().to_string(),
            resource_id: f.resource_id().unwrap_or_default().to_string(),
            traffic_type: f
                .traffic_type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            destination_type: f
                .log_destination_type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            log_group: f
                .log_group_name()
                .filter(|g| !g.is_empty())
                .map(str::to_string),
            destination: f
                .log_destination()
                .filter(|d| !d.is_empty())
                .map(str::to_string),
            status: f.flow_log_status().unwrap_or_default().to_string(),
            deliver_status: f.deliver_logs_status().unwrap_or_default().to_string(),
            deliver_error: f
                .deliver_logs_error_message()
                .filter(|m| !m.is_empty())
                .map(str::to_string),
            log_format: f.log_format().unwrap_or_default().to_string(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_ec2::types::{ServiceDetail as Sdk, ServiceType, ServiceTypeDetail};

    fn entry(name: &str, kind: ServiceType, private: Option<&str>) -> Sdk {
        let mut b = Sdk::builder()
            .service_name(name)
            .service_type(ServiceTypeDetail::builder().service_type(kind).build());
        if let Some(p) = private {
            b = b.private_dns_name(p);
        }
        b.build()
    }

    #[test]
    fn the_entry_of_the_endpoints_type_is_taken_whichever_comes_first() {
        let s3 = "com.amazonaws.us-east-1.s3";
        let details: Vec<ServiceDetail> = [
            entry(s3, ServiceType::Gateway, None),
            entry(
                s3,
                ServiceType::Interface,
                Some("*.s3.us-east-1.amazonaws.com"),
            ),
        ]
        .iter()
        .map(map_detail)
        .collect();
        let pick =
            |t| ServiceDetail::pick(&details, s3, t).and_then(|d| d.private_dns_name.as_deref());
        assert_eq!(
            pick(Some("Interface")),
            Some("*.s3.us-east-1.amazonaws.com")
        );
        assert_eq!(pick(Some("Gateway")), None);
        assert!(ServiceDetail::pick(&details, s3, Some("Gateway")).is_some());
        // Older snapshots asked without a type: the first entry, as before.
        assert_eq!(pick(None), None);
        assert!(ServiceDetail::pick(&details, "com.amazonaws.us-east-1.dynamodb", None).is_none());
    }
}
