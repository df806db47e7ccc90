//! AWS observations through the SDK. SDK types stop here: every answer is mapped into
//! `facts::model`, every error into a [`FactError`]. Only the operations in
//! [`operations::OPERATIONS`] are ever called (Describe*/Get*/List* and
//! sts:GetCallerIdentity). One module per service holds each fact's request and mapping;
//! this one holds what they share: the clients, the call under the limiter, the dispatch.

use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;
use aws_config::Region;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_ec2::config::http::HttpResponse;
use aws_sdk_ec2::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};

use super::{FactError, FactKey, FactResult, FactValue, Stats};
use crate::engine::outcome::Account;

/// Every item of every page of a paginated request, or the first error.
macro_rules! all_pages {
    ($request:expr) => {
        $request
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
    };
}

mod cloudwatch;
pub mod discover;
mod ec2;
mod elbv2;
mod error;
mod lattice;
mod limiter;
mod logs;
pub mod operations;
pub mod organizations;
pub mod profile;
mod resolver;
mod route53;
mod s3;
mod sts;

use error::THROTTLED;
pub use error::{REJECTED_CREDENTIALS, map_sdk_error};
use limiter::{AttemptCounter, WholeDocument};
pub use limiter::{Limiter, incomplete_xml};
pub use logs::{ROW_LIMIT as QUERY_ROW_LIMIT, WINDOW as QUERY_WINDOW};
pub use operations::{OPERATIONS, Operation, READ_ONLY_EXCEPTIONS, iam_policy, org_policy};
pub use profile::login_hint;

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
    resolver: aws_sdk_route53resolver::Client,
    profiles: aws_sdk_route53profiles::Client,
    lattice: aws_sdk_vpclattice::Client,
    cloudwatch: aws_sdk_cloudwatch::Client,
    logs: aws_sdk_cloudwatchlogs::Client,
    organizations: aws_sdk_organizations::Client,
    s3: aws_sdk_s3::Client,
}

pub struct AwsClients {
    consumer: AccountClients,
    /// Set once: at the start, or when the provider's credentials were found from the
    /// service owner's account id (before any provider-side call).
    provider: std::sync::OnceLock<AccountClients>,
    limit: Arc<Limiter>,
    pub stats: Arc<Stats>,
    /// The configurations the clients were built from, for clients in another region.
    confs: (
        aws_config::SdkConfig,
        std::sync::OnceLock<aws_config::SdkConfig>,
    ),
    /// Both accounts' clients in another region (a cross-region endpoint's service region),
    /// built on first use and sharing this set's limiter and counters.
    regional: std::sync::Mutex<std::collections::HashMap<String, Arc<AwsClients>>>,
    /// What renews each account's credentials (consumer, provider), named in every
    /// credentials error.
    hints: Arc<(String, std::sync::OnceLock<String>)>,
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

/// The SDK configuration of `base` with the credentials of `role_arn`, assumed from `base`'s
/// own credentials (`--provider-role-arn`, the organisation scan's role in each account).
/// Nothing is sent until the first call needs credentials; a role that cannot be assumed then
/// fails that call as a credentials error naming `sts:AssumeRole`, with the role's ARN.
pub async fn assume_role_config(
    base: &aws_config::SdkConfig,
    role_arn: &str,
) -> aws_config::SdkConfig {
    let provider = aws_config::sts::AssumeRoleProvider::builder(role_arn)
        // Visible in the target account's CloudTrail: who looked, and with what.
        .session_name(format!("vpce-doctor-{}", std::process::id()))
        .configure(base)
        .build()
        .await;
    base.to_builder()
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(provider),
        )
        .build()
}

/// At most this many pages of one listing: more is an error, never a silently short list
/// (a missing Resolver rule or firewall rule would change the verdict).
const MAX_PAGES: usize = 50;

/// Every item of a listing read page by page: `page` sends one request (through `call`) with
/// the token or marker of the page to read and answers that page's items and the next token.
async fn paginate<T, F, Fut>(operation: &str, mut page: F) -> FactResult<Vec<T>>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = FactResult<(Vec<T>, Option<String>)>>,
{
    let mut all = Vec::new();
    let mut token = None;
    for _ in 0..MAX_PAGES {
        let (items, next) = page(token.take()).await?;
        all.extend(items);
        match next.filter(|t| !t.is_empty()) {
            Some(t) => token = Some(t),
            None => return Ok(all),
        }
    }
    Err(FactError::Service {
        operation: operation.to_string(),
        code: "TooManyPages".into(),
        message: format!("more than {MAX_PAGES} pages; the listing was not read to the end"),
    })
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
            resolver: aws_sdk_route53resolver::Client::from_conf(
                aws_sdk_route53resolver::config::Builder::from(conf)
                    .interceptor(AttemptCounter(stats.clone(), limiter.clone()))
                    .interceptor(WholeDocument)
                    .build(),
            ),
            profiles: aws_sdk_route53profiles::Client::from_conf(
                aws_sdk_route53profiles::config::Builder::from(conf)
                    .interceptor(AttemptCounter(stats.clone(), limiter.clone()))
                    .interceptor(WholeDocument)
                    .build(),
            ),
            lattice: aws_sdk_vpclattice::Client::from_conf(
                aws_sdk_vpclattice::config::Builder::from(conf)
                    .interceptor(AttemptCounter(stats.clone(), limiter.clone()))
                    .interceptor(WholeDocument)
                    .build(),
            ),
            cloudwatch: aws_sdk_cloudwatch::Client::from_conf(
                aws_sdk_cloudwatch::config::Builder::from(conf)
                    .interceptor(AttemptCounter(stats.clone(), limiter.clone()))
                    .interceptor(WholeDocument)
                    .build(),
            ),
            logs: aws_sdk_cloudwatchlogs::Client::from_conf(
                aws_sdk_cloudwatchlogs::config::Builder::from(conf)
                    .interceptor(AttemptCounter(stats.clone(), limiter.clone()))
                    .interceptor(WholeDocument)
                    .build(),
            ),
            organizations: aws_sdk_organizations::Client::from_conf(
                aws_sdk_organizations::config::Builder::from(conf)
                    .interceptor(AttemptCounter(stats.clone(), limiter.clone()))
                    .interceptor(WholeDocument)
                    .build(),
            ),
            s3: aws_sdk_s3::Client::from_conf(
                aws_sdk_s3::config::Builder::from(conf)
                    // A custom endpoint (a test's loopback peer, a proxy) has no bucket
                    // subdomains: name the bucket in the path there, as the CLI does.
                    .force_path_style(conf.endpoint_url().is_some())
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
        Self::with(consumer, provider, limiter, stats, Arc::default())
    }

    /// Clients for `consumer` (and `provider`) under a window of calls and counters shared
    /// with other sets: the organisation scan's diagnoses of one account and region, split
    /// by the owner of the services, stay within that account's window.
    pub fn sharing(
        consumer: &aws_config::SdkConfig,
        provider: Option<&aws_config::SdkConfig>,
        limit: Arc<Limiter>,
        stats: Arc<Stats>,
    ) -> Self {
        Self::with(consumer, provider, limit, stats, Arc::default())
    }

    /// Whether the provider's side has credentials of its own.
    pub fn has_provider(&self) -> bool {
        self.provider.get().is_some()
    }

    /// Name what renews each account's credentials (see [`login_hint`]) in the
    /// credentials errors of these clients.
    pub fn with_login_hints(mut self, consumer: String, provider: Option<String>) -> Self {
        let hint = std::sync::OnceLock::new();
        if let Some(p) = provider {
            let _ = hint.set(p);
        }
        self.hints = Arc::new((consumer, hint));
        self
    }

    /// Give the provider account its own credentials after the fact (found from the service
    /// owner's account id). Only before any provider-side call or other-region client:
    /// `false` when the provider already had credentials.
    pub fn adopt_provider(&self, provider: &aws_config::SdkConfig, hint: String) -> bool {
        if self.provider.get().is_some() {
            return false;
        }
        let _ = self.hints.1.set(hint);
        let _ = self.confs.1.set(provider.clone());
        self.provider
            .set(AccountClients::new(provider, &self.stats, &self.limit))
            .is_ok()
    }

    fn with(
        consumer: &aws_config::SdkConfig,
        provider: Option<&aws_config::SdkConfig>,
        limit: Arc<Limiter>,
        stats: Arc<Stats>,
        hints: Arc<(String, std::sync::OnceLock<String>)>,
    ) -> Self {
        let clients = std::sync::OnceLock::new();
        let conf = std::sync::OnceLock::new();
        if let Some(p) = provider {
            let _ = clients.set(AccountClients::new(p, &stats, &limit));
            let _ = conf.set(p.clone());
        }
        AwsClients {
            hints,
            consumer: AccountClients::new(consumer, &stats, &limit),
            provider: clients,
            limit,
            stats,
            confs: (consumer.clone(), conf),
            regional: Default::default(),
        }
    }

    /// The same accounts' clients in `region`, under the same limiter and counters.
    fn in_region(&self, region: &str) -> Arc<AwsClients> {
        let mut regional = self.regional.lock().expect("regional clients lock");
        regional
            .entry(region.to_string())
            .or_insert_with(|| {
                let there = |c: &aws_config::SdkConfig| {
                    c.to_builder()
                        .region(Region::new(region.to_string()))
                        .build()
                };
                let provider = self.confs.1.get().map(there);
                Arc::new(Self::with(
                    &there(&self.confs.0),
                    provider.as_ref(),
                    self.limit.clone(),
                    self.stats.clone(),
                    self.hints.clone(),
                ))
            })
            .clone()
    }

    /// Provider-account facts use the provider's credentials when given, else the
    /// consumer's (which works when one account owns both sides).
    fn side(&self, account: Account) -> &AccountClients {
        match account {
            Account::Provider => self.provider.get().unwrap_or(&self.consumer),
            Account::Consumer => &self.consumer,
        }
    }

    /// Run one SDK call in `account` under the concurrency limit, timed and counted. `send`
    /// makes the request with that account's clients; `op` is its row in the table.
    async fn call<'a, T, E, F>(
        &'a self,
        account: Account,
        op: &Operation,
        send: impl FnOnce(&'a AccountClients) -> F,
    ) -> FactResult<T>
    where
        F: std::future::Future<Output = Result<T, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        debug_assert!(
            op.accounts.contains(&account),
            "{} is called in the {account:?} account, which its row in OPERATIONS does not list",
            op.name
        );
        let fut = send(self.side(account));
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
        self.stats.record(op.name, elapsed, result.is_ok());
        // A timeout says how long was waited, all attempts included.
        result.map_err(|e| {
            match map_sdk_error(op.name, op.action, e).waited(elapsed) {
                // Whose credentials failed: the provider's side runs on the consumer's
                // when it has none of its own.
                FactError::Credentials {
                    operation,
                    code,
                    message,
                    ..
                } => {
                    let account = match account {
                        Account::Provider if self.provider.get().is_some() => Account::Provider,
                        _ => Account::Consumer,
                    };
                    let hint = match account {
                        Account::Provider => self.hints.1.get().unwrap_or(&self.hints.0).clone(),
                        Account::Consumer => self.hints.0.clone(),
                    };
                    FactError::Credentials {
                        operation,
                        code,
                        message,
                        account: Some(account),
                        hint,
                    }
                }
                other => other,
            }
        })
    }

    /// How long a Logs Insights query is waited for: a few seconds, never longer than one
    /// attempt's timeout (`--timeout`).
    fn query_wait(&self) -> Duration {
        self.confs
            .0
            .timeout_config()
            .and_then(aws_config::timeout::TimeoutConfig::operation_attempt_timeout)
            .map_or(logs::WAIT, |t| t.min(logs::WAIT))
    }

    /// Observe one AWS fact: the service module that owns its kind makes the call and maps
    /// the answer.
    pub async fn fetch(&self, key: &FactKey) -> FactResult<FactValue> {
        use Account::Consumer;
        use FactValue as V;
        Ok(match key {
            FactKey::CallerIdentity { account } => {
                V::Identity(sts::caller_identity(self, *account).await?)
            }
            FactKey::Endpoint { id } => V::Endpoint(Box::new(ec2::endpoint(self, id).await?)),
            FactKey::EndpointList => V::Endpoints(Arc::new(ec2::endpoint_list(self).await?)),
            FactKey::Vpc { id } => V::Vpc(ec2::vpc(self, id).await?),
            FactKey::Vpcs { ids } => V::Vpcs(ec2::vpcs(self, ids).await?),
            FactKey::VpcAttribute { vpc_id, attribute } => {
                V::Bool(ec2::vpc_attribute(self, vpc_id, *attribute).await?)
            }
            FactKey::NetworkInterfaces { ids } => {
                V::NetworkInterfaces(ec2::network_interfaces(self, ids).await?)
            }
            FactKey::NetworkInterfacesWhere { account, filters } => {
                V::NetworkInterfaces(ec2::network_interfaces_where(self, *account, filters).await?)
            }
            FactKey::SecurityGroups { ids, account } => {
                V::SecurityGroups(ec2::security_groups(self, *account, ids).await?)
            }
            FactKey::ServiceDetail {
                service_name,
                service_type,
            } => V::ServiceDetail(
                ec2::service_detail(self, service_name, None, service_type.as_deref()).await?,
            ),
            FactKey::ServiceDetailAcross {
                service_name,
                service_region,
                service_type,
            } => V::ServiceDetail(
                ec2::service_detail(
                    self,
                    service_name,
                    Some(service_region),
                    service_type.as_deref(),
                )
                .await?,
            ),
            // On the heap: the regional set's fetch is this same future again.
            FactKey::InRegion { region, key } => {
                let there = self.in_region(region);
                return Box::pin(async move { there.fetch(key).await }).await;
            }
            FactKey::ServiceConfig { service_id } => {
                V::ServiceConfig(ec2::service_config(self, service_id).await?)
            }
            FactKey::ServicePermissions { service_id } => {
                V::Principals(ec2::service_permissions(self, service_id).await?)
            }
            FactKey::EndpointConnections { service_id } => {
                V::Connections(ec2::endpoint_connections(self, service_id).await?)
            }
            FactKey::LoadBalancers { arns } => {
                V::LoadBalancers(elbv2::load_balancers(self, arns).await?)
            }
            FactKey::Listeners { load_balancer_arn } => {
                V::Listeners(elbv2::listeners(self, load_balancer_arn).await?)
            }
            FactKey::TargetHealth { target_group_arn } => {
                V::TargetHealth(elbv2::target_health(self, target_group_arn).await?)
            }
            FactKey::RouteTables { vpc_id } => {
                V::RouteTables(ec2::route_tables(self, vpc_id).await?)
            }
            FactKey::Subnets { vpc_id, account } => {
                V::Subnets(ec2::subnets_of(self, *account, std::slice::from_ref(vpc_id)).await?)
            }
            FactKey::SubnetsById { ids } => V::Subnets(ec2::subnets_by_id(self, ids).await?),
            FactKey::SubnetsOf { vpc_ids } => {
                V::Subnets(ec2::subnets_of(self, Consumer, vpc_ids).await?)
            }
            FactKey::Regions => V::Regions(ec2::regions(self).await?),
            FactKey::AvailabilityZones { account } => {
                V::AvailabilityZones(ec2::availability_zones(self, *account).await?)
            }
            FactKey::NetworkAcls { vpc_id } => {
                V::NetworkAcls(ec2::network_acls_of(self, std::slice::from_ref(vpc_id)).await?)
            }
            FactKey::NetworkAclsOf { vpc_ids } => {
                V::NetworkAcls(ec2::network_acls_of(self, vpc_ids).await?)
            }
            FactKey::DhcpOptions { id } => V::DhcpOptions(ec2::dhcp_options(self, id).await?),
            FactKey::HostedZonesByVpc { vpc_id, region } => {
                V::HostedZones(route53::hosted_zones_by_vpc(self, vpc_id, region).await?)
            }
            FactKey::RecordSets { zone_id, name } => {
                V::RecordSets(route53::record_sets(self, zone_id, name).await?)
            }
            FactKey::LoadBalancerAttributes { arn } => {
                V::Attributes(elbv2::load_balancer_attributes(self, arn).await?)
            }
            FactKey::TargetGroupAttributes { arn } => {
                V::Attributes(elbv2::target_group_attributes(self, arn).await?)
            }
            FactKey::Instances { ids, account } => {
                V::Instances(ec2::instances(self, *account, ids).await?)
            }
            FactKey::EndpointAssociations { endpoint_id } => {
                V::EndpointAssociations(ec2::endpoint_associations(self, endpoint_id).await?)
            }
            FactKey::ResourceConfiguration { arn } => {
                V::ResourceConfiguration(lattice::resource_configuration(self, arn).await?)
            }
            FactKey::ResourceGateway { id } => {
                V::ResourceGateway(lattice::resource_gateway(self, id).await?)
            }
            FactKey::ManagedPrefixList { name } => {
                V::PrefixList(ec2::managed_prefix_list(self, name).await?)
            }
            FactKey::BucketPolicy { bucket } => V::Policy(s3::bucket_policy(self, bucket).await?),
            FactKey::ResolverRules => V::ResolverRules(resolver::rules(self).await?),
            FactKey::ResolverRuleAssociations => {
                V::RuleAssociations(resolver::rule_associations(self).await?)
            }
            FactKey::PeeringConnections { ids } => {
                V::PeeringConnections(ec2::peering_connections(self, ids).await?)
            }
            FactKey::ResolverEndpoints => V::ResolverEndpoints(resolver::endpoints(self).await?),
            FactKey::PrivateZones => V::HostedZones(route53::private_zones(self).await?),
            FactKey::ZoneVpcs { zone_id } => V::ZoneVpcs(route53::zone_vpcs(self, zone_id).await?),
            FactKey::Metrics { .. }
            | FactKey::FlowLogs { .. }
            | FactKey::AccountFlowLogs
            | FactKey::ServiceDetails { .. }
            | FactKey::FirewallAssociations { .. }
            | FactKey::AccountFirewallAssociations
            | FactKey::FirewallRules { .. }
            | FactKey::FirewallDomains { .. }
            | FactKey::FlowLogRejects { .. }
            | FactKey::ProfileAssociations { .. }
            | FactKey::AccountProfileAssociations
            | FactKey::ProfileResources { .. } => return self.fetch_more(key).await,
            FactKey::Dns { .. }
            | FactKey::DnsTxt { .. }
            | FactKey::TcpConnect { .. }
            | FactKey::LocalAddresses
            | FactKey::InstanceMetadata => {
                return Err(FactError::Transport {
                    operation: "internal".into(),
                    message: "not an AWS fact".into(),
                });
            }
        })
    }

    /// The later facts: DNS Firewall, Route 53 Profiles, CloudWatch series, flow logs, and the
    /// account-wide listings and batches of a fleet scan.
    async fn fetch_more(&self, key: &FactKey) -> FactResult<FactValue> {
        use FactValue as V;
        Ok(match key {
            FactKey::ServiceDetails { service_names } => {
                V::ServiceDetails(ec2::service_details(self, service_names).await?)
            }
            FactKey::AccountFirewallAssociations => {
                V::FirewallAssociations(resolver::firewall_associations(self, None).await?)
            }
            FactKey::FirewallAssociations { vpc_id } => {
                V::FirewallAssociations(resolver::firewall_associations(self, Some(vpc_id)).await?)
            }
            FactKey::FirewallRules { group_id } => {
                V::FirewallRules(resolver::firewall_rules(self, group_id).await?)
            }
            FactKey::FirewallDomains { list_id } => {
                V::Domains(resolver::firewall_domains(self, list_id).await?)
            }
            FactKey::ProfileAssociations { vpc_id } => {
                V::ProfileAssociations(resolver::profile_associations(self, Some(vpc_id)).await?)
            }
            FactKey::AccountProfileAssociations => {
                V::ProfileAssociations(resolver::profile_associations(self, None).await?)
            }
            FactKey::ProfileResources { profile_id } => {
                V::ProfileResources(resolver::profile_resources(self, profile_id).await?)
            }
            FactKey::Metrics {
                account,
                window_secs,
                period_secs,
                queries,
            } => V::Metrics(
                cloudwatch::metric_data(self, *account, *window_secs, *period_secs, queries)
                    .await?,
            ),
            FactKey::FlowLogs { resource_ids } => {
                V::FlowLogs(ec2::flow_logs(self, Some(resource_ids)).await?)
            }
            FactKey::AccountFlowLogs => V::FlowLogs(ec2::flow_logs(self, None).await?),
            FactKey::FlowLogRejects { log_groups, query } => V::RejectQuery(
                logs::reject_query(self, log_groups, query, self.query_wait()).await?,
            ),
            _ => {
                return Err(FactError::Transport {
                    operation: "internal".into(),
                    message: "not one of the later facts".into(),
                });
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::operations::Service;
    use super::*;

    /// Every service module's source (and this file's, before its tests), whitespace
    /// removed so a call reads the same however rustfmt broke its lines.
    fn sources() -> Vec<(&'static str, String)> {
        let this = include_str!("mod.rs");
        let this = &this[..this.find("#[cfg(test)]").expect("tests")];
        [
            ("mod.rs", this),
            ("ec2.rs", include_str!("ec2.rs")),
            ("elbv2.rs", include_str!("elbv2.rs")),
            ("route53.rs", include_str!("route53.rs")),
            ("resolver.rs", include_str!("resolver.rs")),
            ("lattice.rs", include_str!("lattice.rs")),
            ("logs.rs", include_str!("logs.rs")),
            ("sts.rs", include_str!("sts.rs")),
            ("cloudwatch.rs", include_str!("cloudwatch.rs")),
            ("organizations.rs", include_str!("organizations.rs")),
            ("s3.rs", include_str!("s3.rs")),
        ]
        .into_iter()
        .map(|(file, text)| (file, text.split_whitespace().collect()))
        .collect()
    }

    fn client_service(field: &str) -> Option<Service> {
        match field {
            "ec2" => Some(Service::Ec2),
            "elb" => Some(Service::Elbv2),
            "sts" => Some(Service::Sts),
            "route53" => Some(Service::Route53),
            "resolver" => Some(Service::Route53Resolver),
            "profiles" => Some(Service::Route53Profiles),
            "lattice" => Some(Service::Lattice),
            "cloudwatch" => Some(Service::CloudWatch),
            "logs" => Some(Service::Logs),
            "organizations" => Some(Service::Organizations),
            "s3" => Some(Service::S3),
            _ => None,
        }
    }

    /// Each SDK request (`c.ec2.describe_vpcs(`) in the source: file, client field, method.
    fn sdk_requests(text: &str) -> Vec<(String, String)> {
        text.match_indices("c.")
            .filter_map(|(at, _)| {
                let rest = &text[at + 2..];
                let (field, rest) = rest.split_once('.')?;
                client_service(field)?;
                let method: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                rest[method.len()..]
                    .starts_with('(')
                    .then(|| (field.to_string(), method))
            })
            .collect()
    }

    fn row(name_like: &str) -> Option<&'static Operation> {
        let plain = |s: &str| s.replace('_', "").to_ascii_lowercase();
        OPERATIONS
            .iter()
            .find(|op| plain(op.name) == plain(name_like))
    }

    #[test]
    fn provider_credentials_found_later_are_taken_once_and_never_replace_named_ones() {
        let conf = aws_config::SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .build();
        let found_later = AwsClients::new(&conf, None, 1);
        assert!(found_later.provider.get().is_none());
        assert!(found_later.adopt_provider(&conf, "run `aws sso login --profile p`".into()));
        assert!(found_later.provider.get().is_some());
        assert_eq!(
            found_later.hints.1.get().map(String::as_str),
            Some("run `aws sso login --profile p`")
        );
        assert!(!found_later.adopt_provider(&conf, "another".into()));
        let named = AwsClients::new(&conf, Some(&conf), 1);
        assert!(!named.adopt_provider(&conf, "another".into()));
    }

    #[test]
    fn every_request_is_made_through_its_row_in_the_table_in_a_listed_account() {
        let mut called = Vec::new();
        let mut requests = 0;
        for (file, text) in sources() {
            requests += sdk_requests(&text).len();
            for site in text.split(".call(").skip(1) {
                let site = &site[..site.find(".await").expect("a call is awaited")];
                let (account, rest) = site.split_once(",&").expect("call(account, &OP, …)");
                let (constant, send) = rest.split_once(',').expect("call(account, &OP, …)");
                let op = row(constant).unwrap_or_else(|| panic!("{file}: {constant} has no row"));
                let sdk = sdk_requests(send);
                assert_eq!(sdk.len(), 1, "{file}: one request per call: {site}");
                let (field, method) = &sdk[0];
                assert_eq!(
                    row(method).map(|r| r.name),
                    Some(op.name),
                    "{file}: the call labelled {constant} sends {method}"
                );
                assert_eq!(
                    client_service(field),
                    Some(op.service),
                    "{file}: {} is sent with the {field} client",
                    op.name
                );
                match account {
                    "Consumer" | "Account::Consumer" => assert!(
                        op.accounts.contains(&Account::Consumer),
                        "{file}: {} is called in the consumer account; its row does not say so",
                        op.name
                    ),
                    "Provider" | "Account::Provider" => assert!(
                        op.accounts.contains(&Account::Provider),
                        "{file}: {} is called in the provider account; its row does not say so",
                        op.name
                    ),
                    // Whichever account the fact names: the row must list both.
                    _ => assert_eq!(
                        op.accounts,
                        &[Account::Consumer, Account::Provider],
                        "{file}: {} is called in either account ({account})",
                        op.name
                    ),
                }
                called.push(op.name);
            }
        }
        assert_eq!(
            requests,
            called.len(),
            "every SDK request goes through `call` (counted, limited, its errors mapped)"
        );
        for op in OPERATIONS {
            assert!(
                called.contains(&op.name),
                "{} is in OPERATIONS but never called",
                op.name
            );
        }
    }
}
