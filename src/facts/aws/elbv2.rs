//! Elastic Load Balancing v2 (provider account): the NLBs behind a service, their
//! listeners, target health and attributes.

use super::AwsClients;
use super::operations::*;
use crate::engine::outcome::Account::Provider;
use crate::facts::FactResult;
use crate::facts::model::*;

pub(super) async fn load_balancers(
    aws: &AwsClients,
    arns: &[String],
) -> FactResult<Vec<LoadBalancer>> {
    let out = aws
        .call(Provider, &DESCRIBE_LOAD_BALANCERS, |c| {
            c.elb
                .describe_load_balancers()
                .set_load_balancer_arns(Some(arns.to_vec()))
                .send()
        })
        .await?;
    Ok(out.load_balancers().iter().map(map_load_balancer).collect())
}

pub(super) async fn listeners(
    aws: &AwsClients,
    load_balancer_arn: &str,
) -> FactResult<Vec<Listener>> {
    let out = aws
        .call(Provider, &DESCRIBE_LISTENERS, |c| {
            all_pages!(
                c.elb
                    .describe_listeners()
                    .load_balancer_arn(load_balancer_arn)
            )
        })
        .await?;
    Ok(out.iter().map(map_listener).collect())
}

pub(super) async fn target_health(
    aws: &AwsClients,
    target_group_arn: &str,
) -> FactResult<Vec<TargetHealth>> {
    let out = aws
        .call(Provider, &DESCRIBE_TARGET_HEALTH, |c| {
            c.elb
                .describe_target_health()
                .target_group_arn(target_group_arn)
                .send()
        })
        .await?;
    Ok(out
        .target_health_descriptions()
        .iter()
        .map(|d| TargetHealth {
            target_id: d
                .target()
                .and_then(|t| t.id())
                .unwrap_or_default()
                .to_string(),
            port: d
                .target()
                .and_then(aws_sdk_elasticloadbalancingv2::types::TargetDescription::port),
            availability_zone: d
                .target()
                .and_then(|t| t.availability_zone())
                .map(str::to_string),
            state: d
                .target_health()
                .and_then(|h| h.state())
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            reason: d
                .target_health()
                .and_then(|h| h.reason())
                .map(|s| s.as_str().to_string()),
            description: d
                .target_health()
                .and_then(|h| h.description())
                .map(str::to_string),
            health_check_port: d.health_check_port().map(str::to_string),
        })
        .collect())
}

pub(super) async fn load_balancer_attributes(
    aws: &AwsClients,
    arn: &str,
) -> FactResult<Vec<(String, String)>> {
    let out = aws
        .call(Provider, &DESCRIBE_LOAD_BALANCER_ATTRIBUTES, |c| {
            c.elb
                .describe_load_balancer_attributes()
                .load_balancer_arn(arn)
                .send()
        })
        .await?;
    Ok(out
        .attributes()
        .iter()
        .filter_map(|a| Some((a.key()?.to_string(), a.value()?.to_string())))
        .collect())
}

pub(super) async fn target_group_attributes(
    aws: &AwsClients,
    arn: &str,
) -> FactResult<Vec<(String, String)>> {
    let out = aws
        .call(Provider, &DESCRIBE_TARGET_GROUP_ATTRIBUTES, |c| {
            c.elb
                .describe_target_group_attributes()
                .target_group_arn(arn)
                .send()
        })
        .await?;
    Ok(out
        .attributes()
        .iter()
        .filter_map(|a| Some((a.key()?.to_string(), a.value()?.to_string())))
        .collect())
}

fn map_load_balancer(lb: &aws_sdk_elasticloadbalancingv2::types::LoadBalancer) -> LoadBalancer {
    LoadBalancer {
        arn: lb.load_balancer_arn().unwrap_or_default().to_string(),
        name: lb.load_balancer_name().unwrap_or_default().to_string(),
        lb_type: lb
            .r#type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        scheme: lb
            .scheme()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        state: lb
            .state()
            .and_then(|s| s.code())
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        state_reason: lb.state().and_then(|s| s.reason()).map(str::to_string),
        vpc_id: lb.vpc_id().map(str::to_string),
        availability_zones: lb
            .availability_zones()
            .iter()
            .filter_map(|z| z.zone_name().map(str::to_string))
            .collect(),
        security_groups: lb.security_groups().to_vec(),
        subnet_ids: lb
            .availability_zones()
            .iter()
            .filter_map(|z| z.subnet_id().map(str::to_string))
            .collect(),
        enforce_inbound_on_privatelink: lb
            .enforce_security_group_inbound_rules_on_private_link_traffic()
            .map(str::to_string),
        ip_address_type: lb.ip_address_type().map(|t| t.as_str().to_string()),
    }
}

fn map_listener(l: &aws_sdk_elasticloadbalancingv2::types::Listener) -> Listener {
    let mut tgs: Vec<String> = Vec::new();
    for a in l.default_actions() {
        if let Some(t) = a.target_group_arn() {
            tgs.push(t.to_string());
        }
        if let Some(fc) = a.forward_config() {
            for t in fc.target_groups() {
                if let Some(arn) = t.target_group_arn() {
                    tgs.push(arn.to_string());
                }
            }
        }
    }
    tgs.sort();
    tgs.dedup();
    Listener {
        arn: l.listener_arn().unwrap_or_default().to_string(),
        port: l.port(),
        protocol: l
            .protocol()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        target_group_arns: tgs,
    }
}
