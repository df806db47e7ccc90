//! Route 53 Resolver and Route 53 Profiles: the layers the VPC resolver consults before (or
//! instead of) a VPC's private hosted zones — Resolver rules and their VPC associations,
//! Resolver endpoints, DNS Firewall rule groups, and the resources Profiles bring. Every
//! listing is read to the end, page by page, under [`super::MAX_PAGES`].

use super::operations::{
    LIST_FIREWALL_DOMAINS, LIST_FIREWALL_RULE_GROUP_ASSOCIATIONS, LIST_FIREWALL_RULES,
    LIST_PROFILE_ASSOCIATIONS, LIST_PROFILE_RESOURCE_ASSOCIATIONS,
    LIST_RESOLVER_ENDPOINT_IP_ADDRESSES, LIST_RESOLVER_ENDPOINTS, LIST_RESOLVER_RULE_ASSOCIATIONS,
    LIST_RESOLVER_RULES,
};
use super::{AwsClients, paginate};
use crate::engine::outcome::Account::Consumer;
use crate::facts::FactResult;
use crate::facts::model::{
    FirewallAssociation, FirewallRule, ProfileAssociation, ProfileResource, ResolverAddress,
    ResolverEndpoint, ResolverRule, ResolverRuleAssociation,
};

/// Page size asked for: the APIs' maximum (their default is 10).
const PAGE: i32 = 100;

/// A domain as the tool compares names: lower case, without the trailing dot(s); the root
/// (the autodefined internet rule's `.`) stays `.`.
fn domain(d: &str) -> String {
    let plain = d.trim_end_matches('.').to_ascii_lowercase();
    if plain.is_empty() { ".".into() } else { plain }
}

/// A forwarding target as `IP:port`, an IPv6 address in brackets (`[2001:db8::1]:53`).
fn target(t: &aws_sdk_route53resolver::types::TargetAddress) -> Option<String> {
    let port = t.port().unwrap_or(53);
    match (t.ip(), t.ipv6()) {
        (Some(ip), _) => Some(format!("{ip}:{port}")),
        (None, Some(v6)) => Some(format!("[{v6}]:{port}")),
        (None, None) => None,
    }
}

fn text<T: AsRef<str>>(v: Option<T>) -> String {
    v.map(|s| s.as_ref().to_string()).unwrap_or_default()
}

fn map_rule(r: &aws_sdk_route53resolver::types::ResolverRule) -> ResolverRule {
    ResolverRule {
        id: text(r.id()),
        name: r.name().map(str::to_string),
        domain: domain(r.domain_name().unwrap_or(".")),
        rule_type: text(r.rule_type()),
        targets: r.target_ips().iter().filter_map(target).collect(),
        resolver_endpoint_id: r.resolver_endpoint_id().map(str::to_string),
        owner_id: r.owner_id().map(str::to_string),
        share_status: r.share_status().map(|s| s.as_str().to_string()),
        status: text(r.status()),
    }
}

pub(super) async fn rules(aws: &AwsClients) -> FactResult<Vec<ResolverRule>> {
    paginate(LIST_RESOLVER_RULES.name, |token| async move {
        let out = aws
            .call(Consumer, &LIST_RESOLVER_RULES, |c| {
                c.resolver
                    .list_resolver_rules()
                    .max_results(PAGE)
                    .set_next_token(token)
                    .send()
            })
            .await?;
        let rules = out.resolver_rules().iter().map(map_rule).collect();
        Ok((rules, out.next_token().map(str::to_string)))
    })
    .await
}

pub(super) async fn rule_associations(
    aws: &AwsClients,
) -> FactResult<Vec<ResolverRuleAssociation>> {
    paginate(LIST_RESOLVER_RULE_ASSOCIATIONS.name, |token| async move {
        let out = aws
            .call(Consumer, &LIST_RESOLVER_RULE_ASSOCIATIONS, |c| {
                c.resolver
                    .list_resolver_rule_associations()
                    .max_results(PAGE)
                    .set_next_token(token)
                    .send()
            })
            .await?;
        let associations = out
            .resolver_rule_associations()
            .iter()
            .map(|a| ResolverRuleAssociation {
                id: text(a.id()),
                rule_id: text(a.resolver_rule_id()),
                vpc_id: text(a.vpc_id()),
                status: text(a.status()),
            })
            .collect();
        Ok((associations, out.next_token().map(str::to_string)))
    })
    .await
}

/// The Resolver endpoints, each with its addresses (one more listing per endpoint).
pub(super) async fn endpoints(aws: &AwsClients) -> FactResult<Vec<ResolverEndpoint>> {
    let mut endpoints = paginate(LIST_RESOLVER_ENDPOINTS.name, |token| async move {
        let out = aws
            .call(Consumer, &LIST_RESOLVER_ENDPOINTS, |c| {
                c.resolver
                    .list_resolver_endpoints()
                    .max_results(PAGE)
                    .set_next_token(token)
                    .send()
            })
            .await?;
        let endpoints = out
            .resolver_endpoints()
            .iter()
            .map(|e| ResolverEndpoint {
                id: text(e.id()),
                name: e.name().map(str::to_string),
                direction: text(e.direction()),
                vpc_id: text(e.host_vpc_id()),
                security_group_ids: e.security_group_ids().to_vec(),
                status: text(e.status()),
                addresses: Vec::new(),
            })
            .collect();
        Ok((endpoints, out.next_token().map(str::to_string)))
    })
    .await?;
    for endpoint in &mut endpoints {
        endpoint.addresses = endpoint_addresses(aws, &endpoint.id).await?;
    }
    Ok(endpoints)
}

async fn endpoint_addresses(aws: &AwsClients, id: &str) -> FactResult<Vec<ResolverAddress>> {
    paginate(
        LIST_RESOLVER_ENDPOINT_IP_ADDRESSES.name,
        |token| async move {
            let out = aws
                .call(Consumer, &LIST_RESOLVER_ENDPOINT_IP_ADDRESSES, |c| {
                    c.resolver
                        .list_resolver_endpoint_ip_addresses()
                        .resolver_endpoint_id(id)
                        .max_results(PAGE)
                        .set_next_token(token)
                        .send()
                })
                .await?;
            let addresses = out
                .ip_addresses()
                .iter()
                .map(|a| ResolverAddress {
                    ip: a.ip().map(str::to_string),
                    ipv6: a.ipv6().map(str::to_string),
                    subnet_id: text(a.subnet_id()),
                    status: text(a.status()),
                })
                .collect();
            Ok((addresses, out.next_token().map(str::to_string)))
        },
    )
    .await
}

/// The DNS Firewall rule groups associated with `vpc_id`, lowest priority (first evaluated)
/// first.
/// The DNS Firewall rule group associations of `vpc_id`, or of every VPC of the account
/// (`None`: a fleet scan asks once for all its VPCs).
pub(super) async fn firewall_associations(
    aws: &AwsClients,
    vpc_id: Option<&str>,
) -> FactResult<Vec<FirewallAssociation>> {
    let mut all = paginate(
        LIST_FIREWALL_RULE_GROUP_ASSOCIATIONS.name,
        |token| async move {
            let out = aws
                .call(Consumer, &LIST_FIREWALL_RULE_GROUP_ASSOCIATIONS, |c| {
                    c.resolver
                        .list_firewall_rule_group_associations()
                        .set_vpc_id(vpc_id.map(str::to_string))
                        .max_results(PAGE)
                        .set_next_token(token)
                        .send()
                })
                .await?;
            let associations = out
                .firewall_rule_group_associations()
                .iter()
                .map(|a| FirewallAssociation {
                    id: text(a.id()),
                    group_id: text(a.firewall_rule_group_id()),
                    name: a.name().map(str::to_string),
                    vpc_id: text(a.vpc_id()),
                    priority: a.priority().unwrap_or_default(),
                    status: text(a.status()),
                })
                .collect();
            Ok((associations, out.next_token().map(str::to_string)))
        },
    )
    .await?;
    all.sort_by_key(|a| a.priority);
    Ok(all)
}

/// The rules of a DNS Firewall rule group, lowest priority (first evaluated) first.
pub(super) async fn firewall_rules(
    aws: &AwsClients,
    group_id: &str,
) -> FactResult<Vec<FirewallRule>> {
    let mut all = paginate(LIST_FIREWALL_RULES.name, |token| async move {
        let out = aws
            .call(Consumer, &LIST_FIREWALL_RULES, |c| {
                c.resolver
                    .list_firewall_rules()
                    .firewall_rule_group_id(group_id)
                    .max_results(PAGE)
                    .set_next_token(token)
                    .send()
            })
            .await?;
        let rules = out
            .firewall_rules()
            .iter()
            .map(|r| FirewallRule {
                name: r.name().map(str::to_string),
                priority: r.priority().unwrap_or_default(),
                action: text(r.action()),
                block_response: r.block_response().map(|b| b.as_str().to_string()),
                block_override_domain: r.block_override_domain().map(domain),
                domain_list_id: r.firewall_domain_list_id().map(str::to_string),
                query_type: r.qtype().map(str::to_string),
            })
            .collect();
        Ok((rules, out.next_token().map(str::to_string)))
    })
    .await?;
    all.sort_by_key(|r| r.priority);
    Ok(all)
}

/// The domains of a DNS Firewall domain list, as the tool compares names (`*.` kept).
pub(super) async fn firewall_domains(aws: &AwsClients, list_id: &str) -> FactResult<Vec<String>> {
    paginate(LIST_FIREWALL_DOMAINS.name, |token| async move {
        let out = aws
            .call(Consumer, &LIST_FIREWALL_DOMAINS, |c| {
                c.resolver
                    .list_firewall_domains()
                    .firewall_domain_list_id(list_id)
                    .max_results(PAGE)
                    .set_next_token(token)
                    .send()
            })
            .await?;
        let domains = out.domains().iter().map(|d| domain(d)).collect();
        Ok((domains, out.next_token().map(str::to_string)))
    })
    .await
}

/// The Route 53 Profiles associated with `vpc_id`.
/// The Route 53 Profile associations of `vpc_id`, or of every VPC of the account (`None`).
pub(super) async fn profile_associations(
    aws: &AwsClients,
    vpc_id: Option<&str>,
) -> FactResult<Vec<ProfileAssociation>> {
    paginate(LIST_PROFILE_ASSOCIATIONS.name, |token| async move {
        let out = aws
            .call(Consumer, &LIST_PROFILE_ASSOCIATIONS, |c| {
                c.profiles
                    .list_profile_associations()
                    .set_resource_id(vpc_id.map(str::to_string))
                    .max_results(PAGE)
                    .set_next_token(token)
                    .send()
            })
            .await?;
        let associations = out
            .profile_associations()
            .iter()
            .map(|a| ProfileAssociation {
                id: text(a.id()),
                profile_id: text(a.profile_id()),
                name: a.name().map(str::to_string),
                resource_id: text(a.resource_id()),
                status: text(a.status()),
            })
            .collect();
        Ok((associations, out.next_token().map(str::to_string)))
    })
    .await
}

/// What a Profile brings: its resource associations (zones, rules, firewall rule groups,
/// interface endpoints).
pub(super) async fn profile_resources(
    aws: &AwsClients,
    profile_id: &str,
) -> FactResult<Vec<ProfileResource>> {
    paginate(
        LIST_PROFILE_RESOURCE_ASSOCIATIONS.name,
        |token| async move {
            let out = aws
                .call(Consumer, &LIST_PROFILE_RESOURCE_ASSOCIATIONS, |c| {
                    c.profiles
                        .list_profile_resource_associations()
                        .profile_id(profile_id)
                        .max_results(PAGE)
                        .set_next_token(token)
                        .send()
                })
                .await?;
            let resources = out
                .profile_resource_associations()
                .iter()
                .map(|r| ProfileResource {
                    id: text(r.id()),
                    profile_id: r.profile_id().unwrap_or(profile_id).to_string(),
                    name: r.name().map(str::to_string),
                    resource_arn: text(r.resource_arn()),
                    resource_type: text(r.resource_type()),
                    properties: r.resource_properties().map(str::to_string),
                    status: text(r.status()),
                })
                .collect();
            Ok((resources, out.next_token().map(str::to_string)))
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_route53resolver::types::TargetAddress;

    #[test]
    fn domains_are_lower_case_without_the_trailing_dot_and_the_root_is_a_dot() {
        assert_eq!(domain("Example.COM."), "example.com");
        // moto appends a dot to a name given with one.
        assert_eq!(domain("Example.COM.."), "example.com");
        assert_eq!(domain("."), ".");
        assert_eq!(domain("*.Corp.example."), "*.corp.example");
    }

    #[test]
    fn targets_are_ip_port_with_ipv6_in_brackets() {
        let v4 = TargetAddress::builder().ip("10.9.0.2").port(5353).build();
        let v6 = TargetAddress::builder().ipv6("2001:db8::1").build();
        assert_eq!(target(&v4).as_deref(), Some("10.9.0.2:5353"));
        assert_eq!(target(&v6).as_deref(), Some("[2001:db8::1]:53"));
        assert_eq!(target(&TargetAddress::builder().build()), None);
    }
}
