//! AWS observations through the SDK. SDK types stop here: every answer is mapped into
//! `facts::model`, every error into a [`FactError`]. Only Describe*/Get*/List* and
//! sts:GetCallerIdentity are ever called.

use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;
use aws_config::Region;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_ec2::config::http::HttpResponse;
use aws_sdk_ec2::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_ec2::types::{Filter, VpcAttributeName};
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
use tokio::sync::Semaphore;

use super::model::*;
use super::{FactError, FactKey, FactResult, FactValue, Stats, VpcAttribute};
use crate::engine::outcome::Account;

/// Every AWS operation the tool calls, with the IAM action it needs and the account it is
/// called in. The `iam-policy` command prints policies from this list; tests hold it to the
/// calls in this file and to the operations recorded on the wire.
pub const OPERATIONS: &[(&str, &str, Account)] = &[
    (
        "GetCallerIdentity",
        "sts:GetCallerIdentity",
        Account::Consumer,
    ),
    (
        "DescribeVpcEndpoints",
        "ec2:DescribeVpcEndpoints",
        Account::Consumer,
    ),
    (
        "DescribeVpcEndpointServices",
        "ec2:DescribeVpcEndpointServices",
        Account::Consumer,
    ),
    ("DescribeVpcs", "ec2:DescribeVpcs", Account::Consumer),
    (
        "DescribeVpcAttribute",
        "ec2:DescribeVpcAttribute",
        Account::Consumer,
    ),
    (
        "DescribeNetworkInterfaces",
        "ec2:DescribeNetworkInterfaces",
        Account::Consumer,
    ),
    (
        "DescribeSecurityGroups",
        "ec2:DescribeSecurityGroups",
        Account::Consumer,
    ),
    (
        "DescribeRouteTables",
        "ec2:DescribeRouteTables",
        Account::Consumer,
    ),
    ("DescribeSubnets", "ec2:DescribeSubnets", Account::Consumer),
    (
        "DescribeAvailabilityZones",
        "ec2:DescribeAvailabilityZones",
        Account::Consumer,
    ),
    (
        "DescribeNetworkAcls",
        "ec2:DescribeNetworkAcls",
        Account::Consumer,
    ),
    (
        "DescribeDhcpOptions",
        "ec2:DescribeDhcpOptions",
        Account::Consumer,
    ),
    (
        "ListHostedZonesByVPC",
        "route53:ListHostedZonesByVPC",
        Account::Consumer,
    ),
    ("DescribeRegions", "ec2:DescribeRegions", Account::Consumer),
    (
        "GetCallerIdentity",
        "sts:GetCallerIdentity",
        Account::Provider,
    ),
    (
        "DescribeVpcEndpointServiceConfigurations",
        "ec2:DescribeVpcEndpointServiceConfigurations",
        Account::Provider,
    ),
    (
        "DescribeVpcEndpointServicePermissions",
        "ec2:DescribeVpcEndpointServicePermissions",
        Account::Provider,
    ),
    (
        "DescribeVpcEndpointConnections",
        "ec2:DescribeVpcEndpointConnections",
        Account::Provider,
    ),
    (
        "DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancers",
        Account::Provider,
    ),
    (
        "DescribeListeners",
        "elasticloadbalancing:DescribeListeners",
        Account::Provider,
    ),
    (
        "DescribeTargetHealth",
        "elasticloadbalancing:DescribeTargetHealth",
        Account::Provider,
    ),
    (
        "DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        Account::Provider,
    ),
    (
        "DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        Account::Provider,
    ),
    ("DescribeSubnets", "ec2:DescribeSubnets", Account::Provider),
    (
        "DescribeAvailabilityZones",
        "ec2:DescribeAvailabilityZones",
        Account::Provider,
    ),
    (
        "DescribeSecurityGroups",
        "ec2:DescribeSecurityGroups",
        Account::Provider,
    ),
    (
        "DescribeNetworkInterfaces",
        "ec2:DescribeNetworkInterfaces",
        Account::Provider,
    ),
    (
        "DescribeInstances",
        "ec2:DescribeInstances",
        Account::Provider,
    ),
    // A client named with --from i-….
    (
        "DescribeInstances",
        "ec2:DescribeInstances",
        Account::Consumer,
    ),
];

/// The least-privilege, read-only policy for one account.
pub fn iam_policy(account: Account) -> serde_json::Value {
    let mut actions: Vec<&str> = OPERATIONS
        .iter()
        .filter(|(_, _, a)| *a == account)
        .map(|(_, action, _)| *action)
        .collect();
    actions.sort();
    actions.dedup();
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": format!("VpceDoctorReadOnly{}", if account == Account::Consumer { "Consumer" } else { "Provider" }),
            "Effect": "Allow",
            "Action": actions,
            "Resource": "*"
        }]
    })
}

/// How the SDK clients are set up for one account.
#[derive(Debug, Clone)]
pub struct ClientSettings {
    pub profile: Option<String>,
    pub region: Option<String>,
    /// Per attempt; the whole operation (with retries) gets three times this.
    pub attempt_timeout: Duration,
    pub max_attempts: u32,
}

struct AccountClients {
    ec2: aws_sdk_ec2::Client,
    elb: aws_sdk_elasticloadbalancingv2::Client,
    sts: aws_sdk_sts::Client,
    route53: aws_sdk_route53::Client,
}

pub struct AwsClients {
    consumer: AccountClients,
    provider: Option<AccountClients>,
    limit: Arc<Limiter>,
    pub stats: Arc<Stats>,
}

/// Load an SDK configuration the way the AWS CLI would (profiles, SSO, assume-role,
/// environment, AWS_ENDPOINT_URL), with an explicit HTTP client and bounded retries/timeouts.
pub async fn load_sdk_config(settings: &ClientSettings) -> aws_config::SdkConfig {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http)
        // Standard mode (exponential back-off with jitter), not adaptive: measured against a
        // throttling peer, adaptive mode's client-side rate limiter held the third attempt of
        // a twice-throttled call past the 30 s operation timeout, while standard mode finished
        // in under 4 s.
        .retry_config(RetryConfig::standard().with_max_attempts(settings.max_attempts))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(3).min(settings.attempt_timeout))
                .operation_attempt_timeout(settings.attempt_timeout)
                .operation_timeout(settings.attempt_timeout * 3)
                .build(),
        );
    if let Some(p) = &settings.profile {
        loader = loader.profile_name(p);
    }
    if let Some(r) = &settings.region {
        loader = loader.region(Region::new(r.clone()));
    }
    loader.load().await
}

/// Counts attempts on the wire per operation, so `--stats` can show the SDK's retries.
#[derive(Debug)]
struct AttemptCounter(Arc<Stats>, Arc<Limiter>);

/// How many API calls may be in flight: additive increase, multiplicative decrease. A retry
/// (throttling, 5xx, a timeout) halves the window; a run of calm successes widens it again,
/// up to the configured maximum. Throttling applies per account, so one window per run.
#[derive(Debug)]
pub struct Limiter {
    permits: Semaphore,
    window: std::sync::atomic::AtomicUsize,
    max: usize,
    calm: std::sync::atomic::AtomicUsize,
    /// The narrowest the window got (for `--stats`).
    pub narrowest: std::sync::atomic::AtomicUsize,
}

impl Limiter {
    pub fn new(max: usize) -> Limiter {
        let max = max.max(1);
        Limiter {
            permits: Semaphore::new(max),
            window: max.into(),
            max,
            calm: 0.into(),
            narrowest: max.into(),
        }
    }

    pub fn backed_off(&self) {
        use std::sync::atomic::Ordering::SeqCst;
        self.calm.store(0, SeqCst);
        let current = self.window.load(SeqCst);
        let wanted = (current / 2).max(1);
        if wanted < current {
            // Only idle permits can be withdrawn; the busy ones come back at the next call.
            let taken = self.permits.forget_permits(current - wanted);
            if taken > 0 {
                let now = self.window.fetch_sub(taken, SeqCst) - taken;
                self.narrowest.fetch_min(now, SeqCst);
            }
        }
    }

    pub fn succeeded(&self) {
        use std::sync::atomic::Ordering::SeqCst;
        let window = self.window.load(SeqCst);
        if window < self.max && self.calm.fetch_add(1, SeqCst) + 1 >= 2 * window {
            self.calm.store(0, SeqCst);
            self.window.fetch_add(1, SeqCst);
            self.permits.add_permits(1);
        }
    }

    pub fn window(&self) -> usize {
        self.window.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl aws_sdk_ec2::config::Intercept for AttemptCounter {
    fn name(&self) -> &'static str {
        "vpce-doctor-attempt-counter"
    }

    fn read_before_attempt(
        &self,
        _context: &aws_sdk_ec2::config::interceptors::BeforeTransmitInterceptorContextRef<'_>,
        _components: &aws_sdk_ec2::config::RuntimeComponents,
        cfg: &mut aws_sdk_ec2::config::ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        if let Some(meta) = cfg.load::<aws_smithy_runtime_api::client::orchestrator::Metadata>() {
            self.0.attempt(meta.name());
        }
        if cfg
            .load::<aws_smithy_runtime_api::client::retries::RequestAttempts>()
            .is_some_and(|a| a.attempts() > 1)
        {
            self.1.backed_off();
        }
        Ok(())
    }
}

/// Rejects a successful answer whose XML document ends before its root element closes. The
/// SDK's parser keeps whatever it read, so half an answer (a network ACL with half its
/// rules) would otherwise become facts, and a wrong verdict.
#[derive(Debug)]
struct WholeDocument;

impl aws_sdk_ec2::config::Intercept for WholeDocument {
    fn name(&self) -> &'static str {
        "vpce-doctor-whole-document"
    }

    fn read_after_deserialization(
        &self,
        context: &aws_sdk_ec2::config::interceptors::AfterDeserializationInterceptorContextRef<'_>,
        _components: &aws_sdk_ec2::config::RuntimeComponents,
        _cfg: &mut aws_sdk_ec2::config::ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let response = context.response();
        match response.body().bytes() {
            Some(body) if response.status().is_success() => match incomplete_xml(body) {
                Some(reason) => Err(reason.into()),
                None => Ok(()),
            },
            _ => Ok(()),
        }
    }
}

/// Why `body` is not one whole XML document (its root element never closes), if it is not.
/// Anything else unusual (not UTF-8, no XML at all) is left to the SDK's own parser.
pub fn incomplete_xml(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?.trim();
    let mut rest = text;
    let root = loop {
        rest = &rest[rest.find('<')? + 1..];
        if !rest.starts_with('?') && !rest.starts_with('!') {
            break rest
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .filter(|r| !r.is_empty())?;
        }
    };
    let self_closed = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
    if self_closed || text.ends_with(&format!("</{root}>")) {
        None
    } else {
        Some(format!(
            "the answer ends before its XML document does ({} bytes, no closing </{root}>)",
            body.len()
        ))
    }
}

impl AccountClients {
    fn new(conf: &aws_config::SdkConfig, stats: &Arc<Stats>, limiter: &Arc<Limiter>) -> Self {
        AccountClients {
            ec2: aws_sdk_ec2::Client::from_conf(
                aws_sdk_ec2::config::Builder::from(conf)
                    .interceptor(AttemptCounter(stats.clone(), limiter.clone()))
                    .interceptor(WholeDocument)
                    .build(),
            ),
            elb: aws_sdk_elasticloadbalancingv2::Client::from_conf(
                aws_sdk_elasticloadbalancingv2::config::Builder::from(conf)
                    .interceptor(AttemptCounter(stats.clone(), limiter.clone()))
                    .interceptor(WholeDocument)
                    .build(),
            ),
            sts: aws_sdk_sts::Client::from_conf(
                aws_sdk_sts::config::Builder::from(conf)
                    .interceptor(AttemptCounter(stats.clone(), limiter.clone()))
                    .interceptor(WholeDocument)
                    .build(),
            ),
            route53: aws_sdk_route53::Client::from_conf(
                aws_sdk_route53::config::Builder::from(conf)
                    .interceptor(AttemptCounter(stats.clone(), limiter.clone()))
                    .interceptor(WholeDocument)
                    .build(),
            ),
        }
    }
}

impl AwsClients {
    pub fn new(
        consumer: &aws_config::SdkConfig,
        provider: Option<&aws_config::SdkConfig>,
        concurrency: usize,
    ) -> Self {
        let stats = Arc::new(Stats::default());
        let limiter = Arc::new(Limiter::new(concurrency));
        AwsClients {
            consumer: AccountClients::new(consumer, &stats, &limiter),
            provider: provider.map(|p| AccountClients::new(p, &stats, &limiter)),
            limit: limiter,
            stats,
        }
    }

    /// Provider-account facts use the provider's credentials when given, else the
    /// consumer's (which works when one account owns both sides).
    fn side(&self, account: Account) -> &AccountClients {
        match account {
            Account::Provider => self.provider.as_ref().unwrap_or(&self.consumer),
            Account::Consumer => &self.consumer,
        }
    }

    /// Run one SDK call under the concurrency limit, timed and counted.
    async fn call<T, E, F>(&self, operation: &str, action: &str, fut: F) -> FactResult<T>
    where
        F: std::future::Future<Output = Result<T, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let _permit = self
            .limit
            .permits
            .acquire()
            .await
            .expect("semaphore never closed");
        let started = Instant::now();
        let result = fut.await;
        match &result {
            Ok(_) => self.limit.succeeded(),
            Err(e) if e.code().is_some_and(|c| THROTTLED.contains(&c)) => self.limit.backed_off(),
            Err(_) => {}
        }
        let elapsed = started.elapsed();
        self.stats.record(operation, elapsed, result.is_ok());
        // A timeout says how long was waited, all attempts included.
        result.map_err(|e| map_sdk_error(operation, action, e).waited(elapsed))
    }

    /// The subnets of several VPCs in one paginated call.
    async fn subnets_of(&self, account: Account, vpc_ids: &[String]) -> FactResult<Vec<Subnet>> {
        let side = self.side(account);
        let subnets = self
            .call(
                "DescribeSubnets",
                "ec2:DescribeSubnets",
                side.ec2
                    .describe_subnets()
                    .filters(
                        Filter::builder()
                            .name("vpc-id")
                            .set_values(Some(vpc_ids.to_vec()))
                            .build(),
                    )
                    .into_paginator()
                    .items()
                    .send()
                    .collect::<Result<Vec<_>, _>>(),
            )
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

    /// The network ACLs of several VPCs in one paginated call.
    async fn network_acls_of(&self, vpc_ids: &[String]) -> FactResult<Vec<NetworkAcl>> {
        let acls = self
            .call(
                "DescribeNetworkAcls",
                "ec2:DescribeNetworkAcls",
                self.consumer
                    .ec2
                    .describe_network_acls()
                    .filters(
                        Filter::builder()
                            .name("vpc-id")
                            .set_values(Some(vpc_ids.to_vec()))
                            .build(),
                    )
                    .into_paginator()
                    .items()
                    .send()
                    .collect::<Result<Vec<_>, _>>(),
            )
            .await?;
        Ok(acls
            .iter()
            .map(|a| NetworkAcl {
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
                        port_from: e.port_range().and_then(|p| p.from()),
                        port_to: e.port_range().and_then(|p| p.to()),
                    })
                    .collect(),
            })
            .collect())
    }

    pub async fn fetch(&self, key: &FactKey) -> FactResult<FactValue> {
        let c = &self.consumer;
        match key {
            FactKey::CallerIdentity { account } => {
                let sts = &self.side(*account).sts;
                let out = self
                    .call(
                        "GetCallerIdentity",
                        "sts:GetCallerIdentity",
                        sts.get_caller_identity().send(),
                    )
                    .await?;
                Ok(FactValue::Identity(Identity {
                    account: out.account().unwrap_or_default().to_string(),
                    arn: out.arn().unwrap_or_default().to_string(),
                }))
            }
            FactKey::Endpoint { id } => {
                let out = self
                    .call(
                        "DescribeVpcEndpoints",
                        "ec2:DescribeVpcEndpoints",
                        c.ec2.describe_vpc_endpoints().vpc_endpoint_ids(id).send(),
                    )
                    .await?;
                let ep = out
                    .vpc_endpoints()
                    .iter()
                    .find(|e| e.vpc_endpoint_id() == Some(id.as_str()))
                    .ok_or_else(|| FactError::NotFound {
                        operation: "DescribeVpcEndpoints".into(),
                        code: "InvalidVpcEndpointId.NotFound".into(),
                        message: format!("The VPC endpoint {id} was not in the answer"),
                    })?;
                Ok(FactValue::Endpoint(map_endpoint(ep)))
            }
            FactKey::EndpointList => {
                let all = self
                    .call(
                        "DescribeVpcEndpoints",
                        "ec2:DescribeVpcEndpoints",
                        c.ec2
                            .describe_vpc_endpoints()
                            .into_paginator()
                            .items()
                            .send()
                            .collect::<Result<Vec<_>, _>>(),
                    )
                    .await?;
                Ok(FactValue::Endpoints(all.iter().map(map_endpoint).collect()))
            }
            FactKey::Vpc { id } => {
                let out = self
                    .call(
                        "DescribeVpcs",
                        "ec2:DescribeVpcs",
                        c.ec2.describe_vpcs().vpc_ids(id).send(),
                    )
                    .await?;
                let v = out.vpcs().first().ok_or_else(|| FactError::NotFound {
                    operation: "DescribeVpcs".into(),
                    code: "InvalidVpcID.NotFound".into(),
                    message: format!("The VPC {id} was not in the answer"),
                })?;
                Ok(FactValue::Vpc(map_vpc(v)))
            }
            FactKey::Vpcs { ids } => {
                let vpcs = self
                    .call(
                        "DescribeVpcs",
                        "ec2:DescribeVpcs",
                        c.ec2
                            .describe_vpcs()
                            .set_vpc_ids(Some(ids.clone()))
                            .into_paginator()
                            .items()
                            .send()
                            .collect::<Result<Vec<_>, _>>(),
                    )
                    .await?;
                Ok(FactValue::Vpcs(vpcs.iter().map(map_vpc).collect()))
            }
            FactKey::VpcAttribute { vpc_id, attribute } => {
                let name = match attribute {
                    VpcAttribute::EnableDnsSupport => VpcAttributeName::EnableDnsSupport,
                    VpcAttribute::EnableDnsHostnames => VpcAttributeName::EnableDnsHostnames,
                };
                let out = self
                    .call(
                        "DescribeVpcAttribute",
                        "ec2:DescribeVpcAttribute",
                        c.ec2
                            .describe_vpc_attribute()
                            .vpc_id(vpc_id)
                            .attribute(name)
                            .send(),
                    )
                    .await?;
                let value = match attribute {
                    VpcAttribute::EnableDnsSupport => out.enable_dns_support(),
                    VpcAttribute::EnableDnsHostnames => out.enable_dns_hostnames(),
                }
                .and_then(|v| v.value())
                .unwrap_or(false);
                Ok(FactValue::Bool(value))
            }
            FactKey::NetworkInterfaces { ids } => {
                let out = self
                    .call(
                        "DescribeNetworkInterfaces",
                        "ec2:DescribeNetworkInterfaces",
                        c.ec2
                            .describe_network_interfaces()
                            .set_network_interface_ids(Some(ids.clone()))
                            .send(),
                    )
                    .await?;
                let enis = out.network_interfaces().iter().map(map_eni).collect();
                Ok(FactValue::NetworkInterfaces(enis))
            }
            FactKey::NetworkInterfacesWhere { account, filters } => {
                let side = self.side(*account);
                let mut req = side.ec2.describe_network_interfaces();
                for (name, values) in filters {
                    req = req.filters(
                        Filter::builder()
                            .name(name)
                            .set_values(Some(values.clone()))
                            .build(),
                    );
                }
                let all = self
                    .call(
                        "DescribeNetworkInterfaces",
                        "ec2:DescribeNetworkInterfaces",
                        req.into_paginator()
                            .items()
                            .send()
                            .collect::<Result<Vec<_>, _>>(),
                    )
                    .await?;
                Ok(FactValue::NetworkInterfaces(
                    all.iter().map(map_eni).collect(),
                ))
            }
            FactKey::SecurityGroups { ids, account } => {
                let side = self.side(*account);
                let out = self
                    .call(
                        "DescribeSecurityGroups",
                        "ec2:DescribeSecurityGroups",
                        side.ec2
                            .describe_security_groups()
                            .set_group_ids(Some(ids.clone()))
                            .send(),
                    )
                    .await?;
                let groups = out
                    .security_groups()
                    .iter()
                    .map(|g| SecurityGroup {
                        id: g.group_id().unwrap_or_default().to_string(),
                        name: g.group_name().unwrap_or_default().to_string(),
                        vpc_id: g.vpc_id().map(str::to_string),
                        ingress: g.ip_permissions().iter().map(map_sg_rule).collect(),
                        egress: g.ip_permissions_egress().iter().map(map_sg_rule).collect(),
                    })
                    .collect();
                Ok(FactValue::SecurityGroups(groups))
            }
            FactKey::ServiceDetail { service_name } => {
                let result = self
                    .call(
                        "DescribeVpcEndpointServices",
                        "ec2:DescribeVpcEndpointServices",
                        c.ec2
                            .describe_vpc_endpoint_services()
                            .service_names(service_name)
                            .send(),
                    )
                    .await;
                let out = match result {
                    Ok(out) => out,
                    // Not allowed to see it, or it does not exist: both look the same here.
                    Err(e) if e.is_not_found() => return Ok(FactValue::ServiceDetail(None)),
                    Err(e) => return Err(e),
                };
                let detail = out
                    .service_details()
                    .iter()
                    .find(|d| d.service_name() == Some(service_name.as_str()))
                    .map(|d| ServiceDetail {
                        service_name: service_name.clone(),
                        service_id: d.service_id().map(str::to_string),
                        owner: d.owner().map(str::to_string),
                        service_type: d
                            .service_type()
                            .iter()
                            .filter_map(|t| t.service_type().map(|s| s.as_str().to_string()))
                            .collect(),
                        availability_zones: d.availability_zones().to_vec(),
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
                    });
                Ok(FactValue::ServiceDetail(detail))
            }
            FactKey::ServiceConfig { service_id } => {
                let p = self.side(Account::Provider);
                let out = self
                    .call(
                        "DescribeVpcEndpointServiceConfigurations",
                        "ec2:DescribeVpcEndpointServiceConfigurations",
                        p.ec2
                            .describe_vpc_endpoint_service_configurations()
                            .service_ids(service_id)
                            .send(),
                    )
                    .await?;
                let s = out
                    .service_configurations()
                    .iter()
                    .find(|s| s.service_id() == Some(service_id.as_str()))
                    .ok_or_else(|| FactError::NotFound {
                        operation: "DescribeVpcEndpointServiceConfigurations".into(),
                        code: "InvalidVpcEndpointServiceId.NotFound".into(),
                        message: format!("The service {service_id} was not in the answer"),
                    })?;
                let dns = s.private_dns_name_configuration();
                Ok(FactValue::ServiceConfig(ServiceConfig {
                    service_id: service_id.clone(),
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
                }))
            }
            FactKey::ServicePermissions { service_id } => {
                let p = self.side(Account::Provider);
                let out = self
                    .call(
                        "DescribeVpcEndpointServicePermissions",
                        "ec2:DescribeVpcEndpointServicePermissions",
                        p.ec2
                            .describe_vpc_endpoint_service_permissions()
                            .service_id(service_id)
                            .send(),
                    )
                    .await?;
                Ok(FactValue::Principals(
                    out.allowed_principals()
                        .iter()
                        .filter_map(|a| a.principal().map(str::to_string))
                        .collect(),
                ))
            }
            FactKey::EndpointConnections { service_id } => {
                let p = self.side(Account::Provider);
                let pages = self
                    .call(
                        "DescribeVpcEndpointConnections",
                        "ec2:DescribeVpcEndpointConnections",
                        p.ec2
                            .describe_vpc_endpoint_connections()
                            .filters(
                                Filter::builder()
                                    .name("service-id")
                                    .values(service_id)
                                    .build(),
                            )
                            .into_paginator()
                            .items()
                            .send()
                            .collect::<Result<Vec<_>, _>>(),
                    )
                    .await?;
                Ok(FactValue::Connections(
                    pages
                        .iter()
                        .map(|c| Connection {
                            endpoint_id: c.vpc_endpoint_id().unwrap_or_default().to_string(),
                            state: c
                                .vpc_endpoint_state()
                                .map(|s| s.as_str().to_string())
                                .unwrap_or_default(),
                            owner: c.vpc_endpoint_owner().map(str::to_string),
                        })
                        .collect(),
                ))
            }
            FactKey::LoadBalancers { arns } => {
                let p = self.side(Account::Provider);
                let out = self
                    .call(
                        "DescribeLoadBalancers",
                        "elasticloadbalancing:DescribeLoadBalancers",
                        p.elb
                            .describe_load_balancers()
                            .set_load_balancer_arns(Some(arns.clone()))
                            .send(),
                    )
                    .await?;
                Ok(FactValue::LoadBalancers(
                    out.load_balancers()
                        .iter()
                        .map(|lb| LoadBalancer {
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
                        })
                        .collect(),
                ))
            }
            FactKey::Listeners { load_balancer_arn } => {
                let p = self.side(Account::Provider);
                let out = self
                    .call(
                        "DescribeListeners",
                        "elasticloadbalancing:DescribeListeners",
                        p.elb
                            .describe_listeners()
                            .load_balancer_arn(load_balancer_arn)
                            .into_paginator()
                            .items()
                            .send()
                            .collect::<Result<Vec<_>, _>>(),
                    )
                    .await?;
                Ok(FactValue::Listeners(
                    out.iter()
                        .map(|l| {
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
                        })
                        .collect(),
                ))
            }
            FactKey::TargetHealth { target_group_arn } => {
                let p = self.side(Account::Provider);
                let out = self
                    .call(
                        "DescribeTargetHealth",
                        "elasticloadbalancing:DescribeTargetHealth",
                        p.elb
                            .describe_target_health()
                            .target_group_arn(target_group_arn)
                            .send(),
                    )
                    .await?;
                Ok(FactValue::TargetHealth(
                    out.target_health_descriptions()
                        .iter()
                        .map(|d| TargetHealth {
                            target_id: d
                                .target()
                                .and_then(|t| t.id())
                                .unwrap_or_default()
                                .to_string(),
                            port: d.target().and_then(|t| t.port()),
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
                        .collect(),
                ))
            }
            FactKey::RouteTables { vpc_id } => {
                let tables = self
                    .call(
                        "DescribeRouteTables",
                        "ec2:DescribeRouteTables",
                        c.ec2
                            .describe_route_tables()
                            .filters(Filter::builder().name("vpc-id").values(vpc_id).build())
                            .into_paginator()
                            .items()
                            .send()
                            .collect::<Result<Vec<_>, _>>(),
                    )
                    .await?;
                Ok(FactValue::RouteTables(
                    tables
                        .iter()
                        .map(|t| RouteTable {
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
                                        .unwrap_or_default()
                                        .to_string(),
                                    state: r
                                        .state()
                                        .map(|s| s.as_str().to_string())
                                        .unwrap_or_default(),
                                })
                                .collect(),
                        })
                        .collect(),
                ))
            }
            FactKey::Subnets { vpc_id, account } => Ok(FactValue::Subnets(
                self.subnets_of(*account, std::slice::from_ref(vpc_id))
                    .await?,
            )),
            FactKey::SubnetsOf { vpc_ids } => Ok(FactValue::Subnets(
                self.subnets_of(Account::Consumer, vpc_ids).await?,
            )),
            FactKey::Regions => {
                let out = self
                    .call(
                        "DescribeRegions",
                        "ec2:DescribeRegions",
                        c.ec2.describe_regions().send(),
                    )
                    .await?;
                let mut regions: Vec<String> = out
                    .regions()
                    .iter()
                    .filter_map(|r| r.region_name().map(str::to_string))
                    .collect();
                regions.sort();
                Ok(FactValue::Regions(regions))
            }
            FactKey::AvailabilityZones { account } => {
                let side = self.side(*account);
                let out = self
                    .call(
                        "DescribeAvailabilityZones",
                        "ec2:DescribeAvailabilityZones",
                        side.ec2.describe_availability_zones().send(),
                    )
                    .await?;
                Ok(FactValue::AvailabilityZones(
                    out.availability_zones()
                        .iter()
                        .filter_map(|z| {
                            Some(AvailabilityZone {
                                name: z.zone_name()?.to_string(),
                                id: z.zone_id()?.to_string(),
                            })
                        })
                        .collect(),
                ))
            }
            FactKey::NetworkAcls { vpc_id } => Ok(FactValue::NetworkAcls(
                self.network_acls_of(std::slice::from_ref(vpc_id)).await?,
            )),
            FactKey::NetworkAclsOf { vpc_ids } => {
                Ok(FactValue::NetworkAcls(self.network_acls_of(vpc_ids).await?))
            }
            FactKey::DhcpOptions { id } => {
                let out = self
                    .call(
                        "DescribeDhcpOptions",
                        "ec2:DescribeDhcpOptions",
                        c.ec2.describe_dhcp_options().dhcp_options_ids(id).send(),
                    )
                    .await?;
                let d = out
                    .dhcp_options()
                    .first()
                    .ok_or_else(|| FactError::NotFound {
                        operation: "DescribeDhcpOptions".into(),
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
                Ok(FactValue::DhcpOptions(DhcpOptions {
                    id: id.clone(),
                    domain_name_servers: values("domain-name-servers"),
                    domain_name: values("domain-name"),
                }))
            }
            FactKey::HostedZonesByVpc { vpc_id, region } => {
                let out = self
                    .call(
                        "ListHostedZonesByVPC",
                        "route53:ListHostedZonesByVPC",
                        c.route53
                            .list_hosted_zones_by_vpc()
                            .vpc_id(vpc_id)
                            .vpc_region(aws_sdk_route53::types::VpcRegion::from(region.as_str()))
                            .send(),
                    )
                    .await?;
                Ok(FactValue::HostedZones(
                    out.hosted_zone_summaries()
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
                        .collect(),
                ))
            }
            FactKey::LoadBalancerAttributes { arn } => {
                let p = self.side(Account::Provider);
                let out = self
                    .call(
                        "DescribeLoadBalancerAttributes",
                        "elasticloadbalancing:DescribeLoadBalancerAttributes",
                        p.elb
                            .describe_load_balancer_attributes()
                            .load_balancer_arn(arn)
                            .send(),
                    )
                    .await?;
                Ok(FactValue::Attributes(
                    out.attributes()
                        .iter()
                        .filter_map(|a| Some((a.key()?.to_string(), a.value()?.to_string())))
                        .collect(),
                ))
            }
            FactKey::TargetGroupAttributes { arn } => {
                let p = self.side(Account::Provider);
                let out = self
                    .call(
                        "DescribeTargetGroupAttributes",
                        "elasticloadbalancing:DescribeTargetGroupAttributes",
                        p.elb
                            .describe_target_group_attributes()
                            .target_group_arn(arn)
                            .send(),
                    )
                    .await?;
                Ok(FactValue::Attributes(
                    out.attributes()
                        .iter()
                        .filter_map(|a| Some((a.key()?.to_string(), a.value()?.to_string())))
                        .collect(),
                ))
            }
            FactKey::Instances { ids, account } => {
                let p = self.side(*account);
                let reservations = self
                    .call(
                        "DescribeInstances",
                        "ec2:DescribeInstances",
                        p.ec2
                            .describe_instances()
                            .set_instance_ids(Some(ids.clone()))
                            .into_paginator()
                            .items()
                            .send()
                            .collect::<Result<Vec<_>, _>>(),
                    )
                    .await?;
                Ok(FactValue::Instances(
                    reservations
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
                                .flat_map(|n| n.private_ip_addresses())
                                .filter_map(|a| a.private_ip_address().map(str::to_string))
                                .collect(),
                        })
                        .collect(),
                ))
            }
            FactKey::Dns { .. }
            | FactKey::DnsTxt { .. }
            | FactKey::TcpConnect { .. }
            | FactKey::LocalAddresses => Err(FactError::Transport {
                operation: "internal".into(),
                message: "not an AWS fact".into(),
            }),
        }
    }
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
    Vpc {
        id: v.vpc_id().unwrap_or_default().to_string(),
        cidr_blocks: cidrs,
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

const ACCESS_DENIED: &[&str] = &[
    "UnauthorizedOperation",
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedAccess",
    "AuthFailure",
];
const THROTTLED: &[&str] = &[
    "RequestLimitExceeded",
    "Throttling",
    "ThrottlingException",
    "TooManyRequestsException",
    "RequestThrottled",
];
const NOT_FOUND: &[&str] = &[
    "InvalidServiceName",
    "LoadBalancerNotFound",
    "TargetGroupNotFound",
    "ListenerNotFound",
];

/// Classify an SDK error into what the checks need to know.
pub fn map_sdk_error<E>(operation: &str, action: &str, err: SdkError<E, HttpResponse>) -> FactError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let op = operation.to_string();
    let code = err.code().map(str::to_string);
    let message = err.message().unwrap_or_default().to_string();
    if let Some(code) = code {
        if ACCESS_DENIED.contains(&code.as_str()) {
            return FactError::AccessDenied {
                operation: op,
                action: action.to_string(),
                code,
                message,
            };
        }
        if THROTTLED.contains(&code.as_str()) {
            return FactError::Throttled {
                operation: op,
                code,
            };
        }
        if code.ends_with(".NotFound")
            || code.ends_with(".Malformed")
            || NOT_FOUND.contains(&code.as_str())
        {
            return FactError::NotFound {
                operation: op,
                code,
                message,
            };
        }
        return FactError::Service {
            operation: op,
            code,
            message,
        };
    }
    match &err {
        SdkError::TimeoutError(_) => FactError::Timeout {
            operation: op,
            after_secs: None,
        },
        SdkError::DispatchFailure(df) if df.is_timeout() => FactError::Timeout {
            operation: op,
            after_secs: None,
        },
        // moto answers an operation it lacks with a 500 page; a 502-504 page is a gateway or
        // the service being unavailable, after the SDK's retries.
        SdkError::ServiceError(se) if matches!(se.raw().status().as_u16(), 500 | 501) => {
            let status = se.raw().status().as_u16();
            FactError::Unsupported {
                operation: op,
                message: format!("HTTP {status} without an AWS error code"),
            }
        }
        SdkError::ServiceError(se) if se.raw().status().as_u16() >= 500 => {
            let status = se.raw().status().as_u16();
            FactError::Transport {
                operation: op,
                message: format!(
                    "HTTP {status} with no AWS error in the answer, after retries (the API endpoint or a proxy in front of it is unavailable)"
                ),
            }
        }
        // The innermost cause says it best ("Connection reset by peer", "the answer ends
        // before …"); the SDK's full context adds only its internal types.
        SdkError::DispatchFailure(df) if df.is_io() => FactError::Transport {
            operation: op,
            message: one_line(&format!("no answer: {}", innermost(&err))),
        },
        SdkError::ResponseError(_) => FactError::Transport {
            operation: op,
            message: one_line(&format!("unreadable answer: {}", innermost(&err))),
        },
        // An answer with no error code that did not parse either (not XML, not UTF-8).
        SdkError::ServiceError(se) => FactError::Transport {
            operation: op.clone(),
            message: one_line(&format!(
                "unreadable answer (HTTP {}): {}",
                se.raw().status().as_u16(),
                innermost(&err)
            )),
        },
        _ => FactError::Transport {
            operation: op,
            message: one_line(&chain(&err)),
        },
    }
}

/// Every cause of `err`, outermost first, each said once (the SDK's `DisplayErrorContext`
/// adds a dump of its internal types, which helps no reader).
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = vec![err.to_string()];
    let mut e = err;
    while let Some(source) = e.source() {
        let text = source.to_string();
        if !parts.last().is_some_and(|p| p.contains(&text)) {
            parts.push(text);
        }
        e = source;
    }
    parts.join(": ")
}

fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut e = err;
    while let Some(source) = e.source() {
        e = source;
    }
    e.to_string()
}

fn one_line(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 300 {
        s.chars().take(300).collect::<String>() + "…"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_call_in_this_file_is_listed_with_its_action() {
        let source = include_str!("aws.rs");
        let calls: Vec<(String, String)> = source
            .split(".call(")
            .skip(1)
            .filter_map(|rest| {
                let mut quoted = rest.split('"').skip(1).step_by(2);
                Some((quoted.next()?.to_string(), quoted.next()?.to_string()))
            })
            .filter(|(op, _)| op.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
            .collect();
        assert!(calls.len() >= 24, "{calls:?}");
        for (op, action) in &calls {
            assert!(
                OPERATIONS.iter().any(|(o, a, _)| o == op && a == action),
                "{op} ({action}) is called but not in OPERATIONS"
            );
        }
        for (op, action, _) in OPERATIONS {
            assert!(
                calls.iter().any(|(o, a)| o == op && a == action),
                "{op} is in OPERATIONS but never called"
            );
            assert!(
                op.starts_with("Describe") || op.starts_with("Get") || op.starts_with("List"),
                "{op} is not read-only"
            );
        }
    }

    #[test]
    fn the_call_window_halves_on_throttling_and_widens_when_calm() {
        let l = Limiter::new(8);
        l.backed_off();
        assert_eq!(l.window(), 4);
        l.backed_off();
        l.backed_off();
        l.backed_off();
        assert_eq!(l.window(), 1, "never below one call in flight");
        assert_eq!(l.permits.available_permits(), 1);
        // Two calm windows' worth of successes per step back up.
        for _ in 0..2 {
            l.succeeded();
        }
        assert_eq!(l.window(), 2);
        for _ in 0..200 {
            l.succeeded();
        }
        assert_eq!(l.window(), 8, "capped at the configured maximum");
        assert_eq!(l.permits.available_permits(), 8);
        assert_eq!(l.narrowest.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[test]
    fn the_readme_lists_every_action_the_policies_grant() {
        let readme = include_str!("../../README.md");
        for account in [Account::Consumer, Account::Provider] {
            for action in iam_policy(account)["Statement"][0]["Action"]
                .as_array()
                .unwrap()
            {
                let quoted = format!("\"{}\"", action.as_str().unwrap());
                assert!(readme.contains(&quoted), "README lacks {quoted}");
            }
        }
    }

    #[test]
    fn policies_split_the_actions_by_account() {
        let consumer = iam_policy(Account::Consumer).to_string();
        let provider = iam_policy(Account::Provider).to_string();
        assert!(
            consumer.contains("ec2:DescribeSecurityGroups")
                && !consumer.contains("elasticloadbalancing")
        );
        assert!(
            provider.contains("elasticloadbalancing:DescribeTargetHealth")
                && !provider.contains("\"ec2:DescribeVpcEndpoints\"")
                && !provider.contains("route53")
        );
        assert!(
            consumer.contains("sts:GetCallerIdentity")
                && provider.contains("sts:GetCallerIdentity")
        );
    }
}
