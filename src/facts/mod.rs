//! The one place that observes the outside world. Every observation is a *fact* named by a
//! [`FactKey`]; facts are memoised single-flight (one request per distinct key per run),
//! counted, and recordable: a run's facts saved as a snapshot replay with no network at all.

pub mod aws;
pub mod dns;
pub mod imds;
pub mod model;
pub mod net;
pub mod snapshot;

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::OnceCell;

use crate::engine::outcome::Account;
use model::*;

/// The identity of one observation. Ids inside are sorted so the same set is the same key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum FactKey {
    CallerIdentity {
        account: Account,
    },
    Endpoint {
        id: String,
    },
    /// Every endpoint in the account and region (the picker).
    EndpointList,
    Vpc {
        id: String,
    },
    /// Several VPCs in one call (fleet scans).
    Vpcs {
        ids: Vec<String>,
    },
    VpcAttribute {
        vpc_id: String,
        attribute: VpcAttribute,
    },
    NetworkInterfaces {
        ids: Vec<String>,
    },
    /// Interfaces found by filter (`addresses.private-ip-address`, `description` …).
    NetworkInterfacesWhere {
        account: Account,
        filters: Vec<(String, Vec<String>)>,
    },
    SecurityGroups {
        ids: Vec<String>,
        #[serde(default = "consumer", skip_serializing_if = "is_consumer")]
        account: Account,
    },
    ServiceDetail {
        service_name: String,
        /// Which of the service's entries: S3 and DynamoDB list a Gateway and an Interface
        /// entry under one name. Older snapshots lack it (they hold whichever came first).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        service_type: Option<String>,
    },
    /// Several services by name in one DescribeVpcEndpointServices (a fleet scan's batch,
    /// each name's `ServiceDetail` seeded from it).
    ServiceDetails {
        service_names: Vec<String>,
    },
    ServiceConfig {
        service_id: String,
    },
    ServicePermissions {
        service_id: String,
    },
    EndpointConnections {
        service_id: String,
    },
    LoadBalancers {
        arns: Vec<String>,
    },
    Listeners {
        load_balancer_arn: String,
    },
    TargetHealth {
        target_group_arn: String,
    },
    RouteTables {
        vpc_id: String,
    },
    Subnets {
        vpc_id: String,
        #[serde(default = "consumer", skip_serializing_if = "is_consumer")]
        account: Account,
    },
    /// The subnets of several VPCs in one call (fleet scans).
    SubnetsOf {
        vpc_ids: Vec<String>,
    },
    /// Subnets by id, whatever their VPC (where a client is).
    SubnetsById {
        ids: Vec<String>,
    },
    AvailabilityZones {
        account: Account,
    },
    NetworkAcls {
        vpc_id: String,
    },
    NetworkAclsOf {
        vpc_ids: Vec<String>,
    },
    /// The regions the account can use.
    Regions,
    DhcpOptions {
        id: String,
    },
    HostedZonesByVpc {
        vpc_id: String,
        region: String,
    },
    /// The record sets of a hosted zone at exactly `name` (ListResourceRecordSets from
    /// `name`).
    RecordSets {
        zone_id: String,
        name: String,
    },
    LoadBalancerAttributes {
        arn: String,
    },
    TargetGroupAttributes {
        arn: String,
    },
    Instances {
        ids: Vec<String>,
        /// Targets are the provider's instances (the default, as older snapshots recorded
        /// them); a client named with `--from i-…` is the consumer's.
        #[serde(default = "provider", skip_serializing_if = "is_provider")]
        account: Account,
    },
    Dns {
        name: String,
        /// A or AAAA; older snapshots asked only for A.
        #[serde(default, skip_serializing_if = "RecordType::is_a")]
        record: RecordType,
    },
    DnsTxt {
        name: String,
    },
    TcpConnect {
        ip: IpAddr,
        port: u16,
    },
    /// Kept so older snapshots still parse; nothing asks it any more (the vantage comes
    /// from the instance metadata).
    LocalAddresses,
    /// Which VPC this machine is in, from the EC2 instance metadata service.
    InstanceMetadata,
    /// What a Resource or ServiceNetwork endpoint is associated with.
    EndpointAssociations {
        endpoint_id: String,
    },
    /// The consumer's view of a service in another region: DescribeVpcEndpointServices asked
    /// in the run's region with `ServiceRegions` (a cross-region endpoint's service).
    ServiceDetailAcross {
        service_name: String,
        service_region: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        service_type: Option<String>,
    },
    /// A provider-side fact asked in another region than the run's: the service region of a
    /// cross-region endpoint. Same-region keys stay unwrapped, so older snapshots replay.
    InRegion {
        region: String,
        key: Box<FactKey>,
    },
    /// A VPC Lattice resource configuration, read in its owner's (the provider's) account.
    ResourceConfiguration {
        arn: String,
    },
    /// A VPC Lattice resource gateway, read in the provider's account.
    ResourceGateway {
        id: String,
    },
    /// An AWS-managed prefix list by name, with its entries (client-side checks of gateway
    /// endpoints).
    ManagedPrefixList {
        name: String,
    },
    /// The bucket policy of an S3 bucket (s3:GetBucketPolicy), read with the consumer's
    /// credentials: the bucket behind an S3 endpoint, most often the consumer's own.
    BucketPolicy {
        bucket: String,
    },
    /// The Route 53 Resolver rules the account owns or has been shared (one region).
    ResolverRules,
    /// Every Resolver rule association of the account (one region).
    ResolverRuleAssociations,
    /// The Resolver endpoints of the account, with their addresses.
    ResolverEndpoints,
    /// The DNS Firewall rule groups associated with a VPC.
    FirewallAssociations {
        vpc_id: String,
    },
    /// Every DNS Firewall rule group association of the account (a fleet scan's, each VPC's
    /// `FirewallAssociations` seeded from it).
    AccountFirewallAssociations,
    /// Every Route 53 Profile association of the account (likewise).
    AccountProfileAssociations,
    /// Every flow log of the account (a fleet scan with more interfaces than one batch of ids).
    AccountFlowLogs,
    /// The rules of a DNS Firewall rule group.
    FirewallRules {
        group_id: String,
    },
    /// The domains of a DNS Firewall domain list.
    FirewallDomains {
        list_id: String,
    },
    /// The Route 53 Profiles associated with a VPC.
    ProfileAssociations {
        vpc_id: String,
    },
    /// What a Route 53 Profile brings: zones, rules, firewall rule groups, endpoints.
    ProfileResources {
        profile_id: String,
    },
    /// The account's private hosted zones (ListHostedZones).
    PrivateZones,
    /// The VPCs a hosted zone is associated with (GetHostedZone).
    ZoneVpcs {
        zone_id: String,
    },
    /// VPC peering connections by id (the ones routes name).
    PeeringConnections {
        ids: Vec<String>,
    },
    /// CloudWatch series of one account over the last `window_secs`, in periods of
    /// `period_secs` (GetMetricData, one call for all of a diagnosis's series). No absolute
    /// time in the key: the fetch ends at now rounded down to the period, so a snapshot
    /// replays and a rerun (a fresh memo) reads the metrics again.
    Metrics {
        account: Account,
        window_secs: u32,
        period_secs: u32,
        queries: Vec<MetricQuery>,
    },
    /// The flow logs that record any of these interfaces, subnets or VPCs.
    FlowLogs {
        resource_ids: Vec<String>,
    },
    /// A bounded Logs Insights query (the last 15 minutes, a row limit, a wait of a few
    /// seconds) for REJECT records in these flow-log groups.
    FlowLogRejects {
        log_groups: Vec<String>,
        query: String,
    },
}

fn consumer() -> Account {
    Account::Consumer
}

fn is_consumer(a: &Account) -> bool {
    *a == Account::Consumer
}

fn provider() -> Account {
    Account::Provider
}

fn is_provider(a: &Account) -> bool {
    *a == Account::Provider
}

/// The address record a DNS lookup asks for.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum RecordType {
    #[default]
    A,
    Aaaa,
}

impl RecordType {
    pub fn is_a(&self) -> bool {
        *self == RecordType::A
    }
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::A => "A",
            RecordType::Aaaa => "AAAA",
        }
    }
    /// Whether `ip` is of the family this record holds.
    pub fn holds(self, ip: &IpAddr) -> bool {
        match self {
            RecordType::A => ip.is_ipv4(),
            RecordType::Aaaa => ip.is_ipv6(),
        }
    }
}

impl FactKey {
    /// Observed through an AWS API (not DNS, TCP, this machine or its metadata).
    pub fn is_aws(&self) -> bool {
        !matches!(
            self,
            FactKey::Dns { .. }
                | FactKey::DnsTxt { .. }
                | FactKey::TcpConnect { .. }
                | FactKey::LocalAddresses
                | FactKey::InstanceMetadata
        )
    }

    /// The form an older snapshot recorded this observation under, if it differs: a
    /// service detail asked for by type was recorded by name alone.
    fn legacy(&self) -> Option<FactKey> {
        match self {
            FactKey::ServiceDetail {
                service_name,
                service_type: Some(_),
            } => Some(FactKey::ServiceDetail {
                service_name: service_name.clone(),
                service_type: None,
            }),
            FactKey::ServiceDetailAcross {
                service_name,
                service_region,
                service_type: Some(_),
            } => Some(FactKey::ServiceDetailAcross {
                service_name: service_name.clone(),
                service_region: service_region.clone(),
                service_type: None,
            }),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum VpcAttribute {
    EnableDnsSupport,
    EnableDnsHostnames,
}

impl VpcAttribute {
    pub fn as_str(self) -> &'static str {
        match self {
            VpcAttribute::EnableDnsSupport => "enableDnsSupport",
            VpcAttribute::EnableDnsHostnames => "enableDnsHostnames",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum FactValue {
    Identity(Identity),
    // Boxed: an endpoint is by far the largest fact, and every value is as large as the largest.
    Endpoint(Box<Endpoint>),
    /// Shared, not copied: every diagnosis of a fleet reads the region's whole list (rival
    /// endpoints of a name), and a copy per read made a scan quadratic in its endpoints.
    #[serde(with = "shared_list")]
    Endpoints(Arc<Vec<Endpoint>>),
    Vpc(Vpc),
    Vpcs(Vec<Vpc>),
    Regions(Vec<String>),
    Bool(bool),
    NetworkInterfaces(Vec<NetworkInterface>),
    SecurityGroups(Vec<SecurityGroup>),
    ServiceDetail(Option<ServiceDetail>),
    ServiceDetails(Vec<ServiceDetail>),
    ServiceConfig(ServiceConfig),
    Principals(Vec<String>),
    Connections(Vec<Connection>),
    LoadBalancers(Vec<LoadBalancer>),
    Listeners(Vec<Listener>),
    TargetHealth(Vec<TargetHealth>),
    RouteTables(Vec<RouteTable>),
    Subnets(Vec<Subnet>),
    Dns(DnsAnswer),
    Addresses(Vec<IpAddr>),
    AvailabilityZones(Vec<AvailabilityZone>),
    NetworkAcls(Vec<NetworkAcl>),
    DhcpOptions(DhcpOptions),
    HostedZones(Vec<HostedZone>),
    RecordSets(Vec<RecordSet>),
    Attributes(Vec<(String, String)>),
    Instances(Vec<Instance>),
    Txt(TxtAnswer),
    Tcp(TcpProbe),
    Imds(imds::ImdsAnswer),
    EndpointAssociations(Vec<EndpointAssociation>),
    ResourceConfiguration(ResourceConfiguration),
    ResourceGateway(ResourceGateway),
    /// `None`: no managed prefix list has that name.
    PrefixList(Option<PrefixList>),
    /// A policy document as its service returned it; `None`: the resource has none.
    Policy(Option<String>),
    ResolverRules(Vec<ResolverRule>),
    RuleAssociations(Vec<ResolverRuleAssociation>),
    ResolverEndpoints(Vec<ResolverEndpoint>),
    FirewallAssociations(Vec<FirewallAssociation>),
    FirewallRules(Vec<FirewallRule>),
    Domains(Vec<String>),
    ProfileAssociations(Vec<ProfileAssociation>),
    ProfileResources(Vec<ProfileResource>),
    ZoneVpcs(ZoneVpcs),
    PeeringConnections(Vec<PeeringConnection>),
    Metrics(MetricData),
    FlowLogs(Vec<FlowLog>),
    RejectQuery(RejectQuery),
}

/// Why a fact could not be observed. Each kind leads to a different verdict: `NotFound` is a
/// finding about the system, the others make a check `unknown`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FactError {
    #[error("access denied to {operation}: needs IAM permission {action} ({code})")]
    AccessDenied {
        operation: String,
        action: String,
        code: String,
        message: String,
    },
    #[error("{operation}: {code}: {message}")]
    NotFound {
        operation: String,
        code: String,
        message: String,
    },
    #[error("{operation} was throttled after retries ({code})")]
    Throttled { operation: String, code: String },
    /// The credentials were refused (expired, unknown) or could not be obtained at all (an
    /// expired SSO token, a failing `credential_process`): nothing about the system is
    /// known, and `hint` says what to run. Older snapshots lack `account` and `hint`.
    #[error("{operation}: the credentials{} were not accepted ({code}: {message}){}", account.map(|a| format!(" of the {} account", a.as_str())).unwrap_or_default(), if hint.is_empty() { String::new() } else { format!("; {hint}") })]
    Credentials {
        operation: String,
        code: String,
        message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<Account>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        hint: String,
    },
    #[error("{operation} timed out{}", after_secs.map(|s| format!(" after {s}s")).unwrap_or_default())]
    Timeout {
        operation: String,
        /// How long was waited, all attempts included; older snapshots lack it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        after_secs: Option<u64>,
    },
    #[error("{operation} is not supported by the API endpoint ({message})")]
    Unsupported { operation: String, message: String },
    #[error("{operation} failed: {message}")]
    Transport { operation: String, message: String },
    #[error("{operation} failed: {code}: {message}")]
    Service {
        operation: String,
        code: String,
        message: String,
    },
    #[error("{what} was not recorded in the snapshot")]
    NotRecorded { what: String },
    #[error("the snapshot holds a malformed fact for {what}")]
    Corrupt { what: String },
}

impl FactError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, FactError::NotFound { .. })
    }

    /// The credentials failed (see [`FactError::Credentials`]).
    pub fn is_credentials(&self) -> bool {
        matches!(self, FactError::Credentials { .. })
    }

    /// A timeout that says how long was waited (whole seconds, at least 1).
    pub fn waited(self, elapsed: Duration) -> FactError {
        match self {
            FactError::Timeout { operation, .. } => FactError::Timeout {
                operation,
                after_secs: Some((elapsed.as_secs_f64().round() as u64).max(1)),
            },
            other => other,
        }
    }
}

pub type FactResult<T> = Result<T, FactError>;

/// Per-operation counters for `--stats` and reports.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct OperationStats {
    pub calls: u32,
    pub errors: u32,
    pub total_ms: u64,
    /// Attempts beyond the first (throttling, 5xx, timeouts retried by the SDK).
    #[serde(default)]
    pub retries: u32,
}

#[derive(Debug, Default)]
pub struct Stats {
    ops: Mutex<BTreeMap<String, OperationStats>>,
    attempts: Mutex<BTreeMap<String, u32>>,
}

impl Stats {
    pub fn record(&self, operation: &str, elapsed: Duration, ok: bool) {
        let mut ops = self.ops.lock().expect("stats lock");
        let e = ops.entry(operation.to_string()).or_default();
        e.calls += 1;
        if !ok {
            e.errors += 1;
        }
        e.total_ms += elapsed.as_millis() as u64;
    }
    /// One attempt on the wire (the SDK makes several for one call when it retries).
    pub fn attempt(&self, operation: &str) {
        *self
            .attempts
            .lock()
            .expect("stats lock")
            .entry(operation.to_string())
            .or_default() += 1;
    }

    pub fn snapshot(&self) -> BTreeMap<String, OperationStats> {
        let attempts = self.attempts.lock().expect("stats lock").clone();
        let mut ops = self.ops.lock().expect("stats lock").clone();
        for (op, stats) in ops.iter_mut() {
            stats.retries = attempts
                .get(op)
                .copied()
                .unwrap_or(0)
                .saturating_sub(stats.calls);
        }
        ops
    }
}

enum Source {
    Live {
        aws: Box<aws::AwsClients>,
        dns: Box<dns::DnsClient>,
    },
    Replay(HashMap<FactKey, FactResult<FactValue>>),
}

type Memo = Arc<Mutex<HashMap<FactKey, Arc<OnceCell<FactResult<FactValue>>>>>>;

/// The facts of one run.
pub struct Facts {
    source: Arc<Source>,
    memo: Memo,
    pub stats: Arc<Stats>,
    /// Which endpoint the provider's side belongs to, when these facts serve one diagnosis:
    /// a cross-region endpoint's provider side is asked in its service region.
    scope: Option<Arc<Scope>>,
}

/// The endpoint a diagnosis is about and, once its description is read, the region its
/// service's side is asked in (`None`: the run's own).
struct Scope {
    target: String,
    run_region: String,
    provider_region: OnceCell<Option<String>>,
}

impl Facts {
    pub fn live(aws: aws::AwsClients, dns: dns::DnsClient) -> Facts {
        let stats = aws.stats.clone();
        Facts {
            source: Arc::new(Source::Live {
                aws: Box::new(aws),
                dns: Box::new(dns),
            }),
            memo: Memo::default(),
            stats,
            scope: None,
        }
    }

    pub fn replay(recorded: impl IntoIterator<Item = (FactKey, FactResult<FactValue>)>) -> Facts {
        Facts {
            source: Arc::new(Source::Replay(recorded.into_iter().collect())),
            memo: Memo::default(),
            stats: Arc::new(Stats::default()),
            scope: None,
        }
    }

    /// The same source with nothing remembered: what a rerun observes anew.
    pub fn fresh(&self) -> Facts {
        Facts {
            source: self.source.clone(),
            memo: Memo::default(),
            stats: self.stats.clone(),
            scope: self.scope.as_ref().map(|sc| {
                Arc::new(Scope {
                    target: sc.target.clone(),
                    run_region: sc.run_region.clone(),
                    provider_region: OnceCell::new(),
                })
            }),
        }
    }

    /// The same source and memo, for the diagnosis of the endpoint `target` in `run_region`:
    /// when its service lives in another region (`ServiceRegion`), the provider's side is
    /// asked there. Nothing is observed here; the endpoint's description decides on first use.
    pub fn scoped_to(&self, target: &str, run_region: &str) -> Facts {
        Facts {
            source: self.source.clone(),
            memo: self.memo.clone(),
            stats: self.stats.clone(),
            scope: Some(Arc::new(Scope {
                target: target.to_string(),
                run_region: run_region.to_string(),
                provider_region: OnceCell::new(),
            })),
        }
    }

    /// The region the provider's side is asked in when it is not the run's, reading the
    /// endpoint's description if that was not done yet. An endpoint that cannot be read
    /// leaves everything in the run's region (its checks say why).
    pub async fn resolve_scope(&self) -> Option<&str> {
        let scope = self.scope.as_ref()?;
        scope
            .provider_region
            .get_or_init(|| async {
                match self.endpoint(&scope.target).await {
                    Ok(ep) => remote_region(ep.service_region.as_deref(), &scope.run_region),
                    Err(_) => None,
                }
            })
            .await
            .as_deref()
    }

    /// A provider-side key, in the provider's region when that is not the run's.
    async fn provider_key(&self, key: FactKey) -> FactKey {
        match self.resolve_scope().await {
            Some(region) => FactKey::InRegion {
                region: region.to_string(),
                key: Box::new(key),
            },
            None => key,
        }
    }

    /// A key that belongs to `account`'s side: the provider's is scoped to its region.
    async fn side_key(&self, account: Account, key: FactKey) -> FactKey {
        match account {
            Account::Provider => self.provider_key(key).await,
            Account::Consumer => key,
        }
    }

    /// Whether `key` was already observed or seeded (never a new call).
    pub fn knows(&self, key: &FactKey) -> bool {
        let memo = self.memo.lock().expect("memo lock");
        memo.get(key).is_some_and(|cell| cell.get().is_some())
    }

    /// Give the provider account credentials of its own, found after these facts were set up
    /// (the service owner's profile or role). `false` for a replay, or when it had some.
    pub fn adopt_provider(&self, provider: &aws_config::SdkConfig, hint: String) -> bool {
        match &*self.source {
            Source::Live { aws, .. } => aws.adopt_provider(provider, hint),
            Source::Replay(_) => false,
        }
    }

    /// Who the tool is in `account`, if that was already observed (never a new call).
    pub fn known_identity(&self, account: Account) -> Option<Identity> {
        let memo = self.memo.lock().expect("memo lock");
        match memo.get(&FactKey::CallerIdentity { account })?.get()? {
            Ok(FactValue::Identity(i)) => Some(i.clone()),
            _ => None,
        }
    }

    /// Whether these facts' AWS answers were cut off: any account's credentials failed,
    /// or most calls (at least three) were throttled after retries. Asked when a run ends.
    pub fn interruption(&self) -> Option<crate::engine::Interruption> {
        use crate::engine::{Interruption, InterruptionKind};
        let memo = self.memo.lock().expect("memo lock");
        let (mut aws, mut throttled) = (0usize, 0usize);
        let mut credentials = None;
        for (key, cell) in memo.iter() {
            let Some(result) = cell.get().filter(|_| key.is_aws()) else {
                continue;
            };
            aws += 1;
            match result {
                // The consumer's first: without it nothing is seen at all.
                Err(FactError::Credentials { account, hint, .. })
                    if credentials
                        .as_ref()
                        .is_none_or(|(a, _): &(Option<Account>, String)| {
                            *a != Some(Account::Consumer)
                        }) =>
                {
                    credentials = Some((*account, hint.clone()));
                }
                Err(FactError::Throttled { .. }) => throttled += 1,
                _ => {}
            }
        }
        if let Some((account, hint)) = credentials {
            return Some(Interruption {
                kind: InterruptionKind::Credentials,
                account,
                hint: if hint.is_empty() {
                    crate::t!("facts-hint-refresh-credentials")
                } else {
                    hint
                },
            });
        }
        (throttled >= 3 && throttled * 2 >= aws).then(|| Interruption {
            kind: InterruptionKind::Throttled,
            account: None,
            hint: crate::t!("facts-hint-throttled", throttled = throttled, aws = aws),
        })
    }

    /// Everything observed so far, for a snapshot.
    pub fn recorded(&self) -> Vec<(FactKey, FactResult<FactValue>)> {
        let memo = self.memo.lock().expect("memo lock");
        let mut out: Vec<_> = memo
            .iter()
            .filter_map(|(k, cell)| cell.get().map(|v| (k.clone(), v.clone())))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// Remember `value` for `key` as if it had been observed: a fleet scan describes many
    /// resources in one batch call and hands each diagnosis its share.
    pub fn seed(&self, key: FactKey, value: FactValue) {
        let cell = OnceCell::new();
        let _ = cell.set(Ok(value));
        self.memo
            .lock()
            .expect("memo lock")
            .entry(key)
            .or_insert_with(|| Arc::new(cell));
    }

    async fn get(&self, key: FactKey) -> FactResult<FactValue> {
        let cell = {
            let mut memo = self.memo.lock().expect("memo lock");
            memo.entry(key.clone()).or_default().clone()
        };
        // On the heap: the fetch future is as large as the largest of every kind of fact's,
        // and each check awaits several of them.
        cell.get_or_init(|| Box::pin(self.fetch(key))).await.clone()
    }

    async fn fetch(&self, key: FactKey) -> FactResult<FactValue> {
        match &*self.source {
            Source::Replay(map) => map
                .get(&key)
                .or_else(|| key.legacy().and_then(|old| map.get(&old)))
                .cloned()
                .unwrap_or_else(|| {
                    Err(FactError::NotRecorded {
                        what: describe_key(&key),
                    })
                }),
            Source::Live { aws, dns } => match &key {
                FactKey::Dns { name, record } => {
                    Ok(FactValue::Dns(dns.lookup(name, *record).await))
                }
                FactKey::DnsTxt { name } => Ok(FactValue::Txt(dns.lookup_txt(name).await)),
                FactKey::TcpConnect { ip, port } => Ok(FactValue::Tcp(
                    net::connect(std::net::SocketAddr::new(*ip, *port), dns.timeout).await,
                )),
                FactKey::LocalAddresses => Ok(FactValue::Addresses(local_addresses())),
                FactKey::InstanceMetadata => Ok(FactValue::Imds(imds::lookup().await)),
                _ => aws.fetch(&key).await,
            },
        }
    }
}

/// The service region when it is another than the run's (compared without case) and reads
/// as a region name: the value comes from AWS and becomes the host clients are built for.
pub fn remote_region(service_region: Option<&str>, run_region: &str) -> Option<String> {
    service_region
        .map(str::trim)
        .filter(|r| !r.eq_ignore_ascii_case(run_region) && is_region_name(r))
        .map(str::to_string)
}

/// `us-west-2`, `ap-southeast-5`, `us-gov-west-1`, `eusc-de-east-1`: lowercase words joined
/// by hyphens, ending in a number.
pub fn is_region_name(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && s.len() <= 32
        && parts
            .last()
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty())
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
}

fn local_addresses() -> Vec<IpAddr> {
    if_addrs::get_if_addrs()
        .map(|ifs| ifs.into_iter().map(|i| i.ip()).collect())
        .unwrap_or_default()
}

pub fn describe_key(key: &FactKey) -> String {
    serde_json::to_string(key).unwrap_or_else(|_| format!("{key:?}"))
}

pub(crate) fn sorted(ids: &[String]) -> Vec<String> {
    let mut v = ids.to_vec();
    v.sort();
    v.dedup();
    v
}

/// A shared list in a snapshot: written and read as the plain list it holds.
mod shared_list {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        v: &Arc<Vec<T>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        v.as_slice().serialize(s)
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Arc<Vec<T>>, D::Error> {
        Vec::deserialize(d).map(Arc::new)
    }
}

macro_rules! typed {
    ($value:expr, $key:expr, $variant:ident) => {
        match $value {
            Ok(FactValue::$variant(v)) => Ok(v),
            Ok(_) => Err(FactError::Corrupt {
                what: describe_key(&$key),
            }),
            Err(e) => Err(e),
        }
    };
}

/// Typed accessors: what checks call.
impl Facts {
    pub async fn caller_identity(&self, account: Account) -> FactResult<Identity> {
        let key = FactKey::CallerIdentity { account };
        typed!(self.get(key.clone()).await, key, Identity)
    }
    pub async fn endpoint(&self, id: &str) -> FactResult<Endpoint> {
        let key = FactKey::Endpoint { id: id.to_string() };
        typed!(self.get(key.clone()).await, key, Endpoint).map(|ep| *ep)
    }
    pub async fn endpoint_list(&self) -> FactResult<Arc<Vec<Endpoint>>> {
        let key = FactKey::EndpointList;
        typed!(self.get(key.clone()).await, key, Endpoints)
    }
    pub async fn vpc(&self, id: &str) -> FactResult<Vpc> {
        let key = FactKey::Vpc { id: id.to_string() };
        typed!(self.get(key.clone()).await, key, Vpc)
    }
    pub async fn vpcs(&self, ids: &[String]) -> FactResult<Vec<Vpc>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let key = FactKey::Vpcs { ids: sorted(ids) };
        typed!(self.get(key.clone()).await, key, Vpcs)
    }
    pub async fn subnets_of(&self, vpc_ids: &[String]) -> FactResult<Vec<Subnet>> {
        if vpc_ids.is_empty() {
            return Ok(Vec::new());
        }
        let key = FactKey::SubnetsOf {
            vpc_ids: sorted(vpc_ids),
        };
        typed!(self.get(key.clone()).await, key, Subnets)
    }
    pub async fn subnets_by_id(&self, ids: &[String]) -> FactResult<Vec<Subnet>> {
        let key = FactKey::SubnetsById { ids: sorted(ids) };
        typed!(self.get(key.clone()).await, key, Subnets)
    }
    /// What DescribeVpcEndpointServices says of a service by name (`None`: not offered to
    /// this account in this region).
    pub async fn service_offered(&self, service_name: &str) -> FactResult<Option<ServiceDetail>> {
        let key = FactKey::ServiceDetail {
            service_name: service_name.to_string(),
            service_type: None,
        };
        typed!(self.get(key.clone()).await, key, ServiceDetail)
    }
    /// Every entry DescribeVpcEndpointServices gives for these names, in one call (and its
    /// pages). An unknown name fails it whole: `NotFound` with code InvalidServiceName.
    pub async fn service_details(
        &self,
        service_names: &[String],
    ) -> FactResult<Vec<ServiceDetail>> {
        let key = FactKey::ServiceDetails {
            service_names: sorted(service_names),
        };
        typed!(self.get(key.clone()).await, key, ServiceDetails)
    }
    pub async fn network_acls_of(&self, vpc_ids: &[String]) -> FactResult<Vec<NetworkAcl>> {
        if vpc_ids.is_empty() {
            return Ok(Vec::new());
        }
        let key = FactKey::NetworkAclsOf {
            vpc_ids: sorted(vpc_ids),
        };
        typed!(self.get(key.clone()).await, key, NetworkAcls)
    }
    pub async fn regions(&self) -> FactResult<Vec<String>> {
        let key = FactKey::Regions;
        typed!(self.get(key.clone()).await, key, Regions)
    }
    pub async fn vpc_attribute(&self, vpc_id: &str, attribute: VpcAttribute) -> FactResult<bool> {
        let key = FactKey::VpcAttribute {
            vpc_id: vpc_id.to_string(),
            attribute,
        };
        typed!(self.get(key.clone()).await, key, Bool)
    }
    pub async fn network_interfaces(&self, ids: &[String]) -> FactResult<Vec<NetworkInterface>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let key = FactKey::NetworkInterfaces { ids: sorted(ids) };
        typed!(self.get(key.clone()).await, key, NetworkInterfaces)
    }
    pub async fn security_groups(&self, ids: &[String]) -> FactResult<Vec<SecurityGroup>> {
        self.security_groups_in(Account::Consumer, ids).await
    }
    pub async fn security_groups_in(
        &self,
        account: Account,
        ids: &[String],
    ) -> FactResult<Vec<SecurityGroup>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let key = self
            .side_key(
                account,
                FactKey::SecurityGroups {
                    ids: sorted(ids),
                    account,
                },
            )
            .await;
        typed!(self.get(key.clone()).await, key, SecurityGroups)
    }
    pub async fn network_interfaces_where(
        &self,
        account: Account,
        filters: &[(&str, Vec<String>)],
    ) -> FactResult<Vec<NetworkInterface>> {
        let key = self
            .side_key(
                account,
                FactKey::NetworkInterfacesWhere {
                    account,
                    filters: filters
                        .iter()
                        .map(|(k, v)| (k.to_string(), sorted(v)))
                        .collect(),
                },
            )
            .await;
        typed!(self.get(key.clone()).await, key, NetworkInterfaces)
    }
    /// The consumer's view of the endpoint's service, the entry of the endpoint's type (S3 and
    /// DynamoDB list a Gateway and an Interface entry under one name); `Ok(None)` when the
    /// consumer cannot see it (not allowed, or another region). A cross-region endpoint's
    /// service is looked up with its region (`ServiceRegions`).
    pub async fn service_detail_of(&self, ep: &Endpoint) -> FactResult<Option<ServiceDetail>> {
        let service_name = ep.service_name.clone();
        let service_type = (!ep.endpoint_type.is_empty()).then(|| ep.endpoint_type.clone());
        let key = match self.resolve_scope().await {
            Some(region) => FactKey::ServiceDetailAcross {
                service_name,
                service_region: region.to_string(),
                service_type,
            },
            None => FactKey::ServiceDetail {
                service_name,
                service_type,
            },
        };
        typed!(self.get(key.clone()).await, key, ServiceDetail)
    }
    pub async fn service_config(&self, service_id: &str) -> FactResult<ServiceConfig> {
        let key = self
            .provider_key(FactKey::ServiceConfig {
                service_id: service_id.to_string(),
            })
            .await;
        typed!(self.get(key.clone()).await, key, ServiceConfig)
    }
    pub async fn service_permissions(&self, service_id: &str) -> FactResult<Vec<String>> {
        let key = self
            .provider_key(FactKey::ServicePermissions {
                service_id: service_id.to_string(),
            })
            .await;
        typed!(self.get(key.clone()).await, key, Principals)
    }
    pub async fn endpoint_connections(&self, service_id: &str) -> FactResult<Vec<Connection>> {
        let key = self
            .provider_key(FactKey::EndpointConnections {
                service_id: service_id.to_string(),
            })
            .await;
        typed!(self.get(key.clone()).await, key, Connections)
    }
    pub async fn load_balancers(&self, arns: &[String]) -> FactResult<Vec<LoadBalancer>> {
        if arns.is_empty() {
            return Ok(Vec::new());
        }
        let key = self
            .provider_key(FactKey::LoadBalancers { arns: sorted(arns) })
            .await;
        typed!(self.get(key.clone()).await, key, LoadBalancers)
    }
    pub async fn listeners(&self, load_balancer_arn: &str) -> FactResult<Vec<Listener>> {
        let key = self
            .provider_key(FactKey::Listeners {
                load_balancer_arn: load_balancer_arn.to_string(),
            })
            .await;
        typed!(self.get(key.clone()).await, key, Listeners)
    }
    pub async fn target_health(&self, target_group_arn: &str) -> FactResult<Vec<TargetHealth>> {
        let key = self
            .provider_key(FactKey::TargetHealth {
                target_group_arn: target_group_arn.to_string(),
            })
            .await;
        typed!(self.get(key.clone()).await, key, TargetHealth)
    }
    pub async fn peering_connections(&self, ids: &[String]) -> FactResult<Vec<PeeringConnection>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let key = FactKey::PeeringConnections { ids: sorted(ids) };
        typed!(self.get(key.clone()).await, key, PeeringConnections)
    }
    /// The flow logs that record any of `resource_ids` (interfaces, subnets, VPCs).
    pub async fn flow_logs(&self, resource_ids: &[String]) -> FactResult<Vec<FlowLog>> {
        if resource_ids.is_empty() {
            return Ok(Vec::new());
        }
        let key = FactKey::FlowLogs {
            resource_ids: sorted(resource_ids),
        };
        typed!(self.get(key.clone()).await, key, FlowLogs)
    }
    /// The answer of the Logs Insights `query` over `log_groups` (once per run: memoised).
    pub async fn flow_log_rejects(
        &self,
        log_groups: &[String],
        query: &str,
    ) -> FactResult<RejectQuery> {
        let key = FactKey::FlowLogRejects {
            log_groups: sorted(log_groups),
            query: query.to_string(),
        };
        typed!(self.get(key.clone()).await, key, RejectQuery)
    }
    pub async fn route_tables(&self, vpc_id: &str) -> FactResult<Vec<RouteTable>> {
        let key = FactKey::RouteTables {
            vpc_id: vpc_id.to_string(),
        };
        typed!(self.get(key.clone()).await, key, RouteTables)
    }
    pub async fn subnets(&self, vpc_id: &str) -> FactResult<Vec<Subnet>> {
        self.subnets_in(Account::Consumer, vpc_id).await
    }
    pub async fn subnets_in(&self, account: Account, vpc_id: &str) -> FactResult<Vec<Subnet>> {
        let key = self
            .side_key(
                account,
                FactKey::Subnets {
                    vpc_id: vpc_id.to_string(),
                    account,
                },
            )
            .await;
        typed!(self.get(key.clone()).await, key, Subnets)
    }
    pub async fn availability_zones(&self, account: Account) -> FactResult<Vec<AvailabilityZone>> {
        let key = self
            .side_key(account, FactKey::AvailabilityZones { account })
            .await;
        typed!(self.get(key.clone()).await, key, AvailabilityZones)
    }
    pub async fn network_acls(&self, vpc_id: &str) -> FactResult<Vec<NetworkAcl>> {
        let key = FactKey::NetworkAcls {
            vpc_id: vpc_id.to_string(),
        };
        typed!(self.get(key.clone()).await, key, NetworkAcls)
    }
    /// The AWS-managed prefix list named `name` and its entries; `Ok(None)` when there is none.
    pub async fn managed_prefix_list(&self, name: &str) -> FactResult<Option<PrefixList>> {
        let key = FactKey::ManagedPrefixList {
            name: name.to_string(),
        };
        typed!(self.get(key.clone()).await, key, PrefixList)
    }
    /// The bucket's policy document; `None` when it has none.
    pub async fn bucket_policy(&self, bucket: &str) -> FactResult<Option<String>> {
        let key = FactKey::BucketPolicy {
            bucket: bucket.to_string(),
        };
        typed!(self.get(key.clone()).await, key, Policy)
    }
    pub async fn dhcp_options(&self, id: &str) -> FactResult<DhcpOptions> {
        let key = FactKey::DhcpOptions { id: id.to_string() };
        typed!(self.get(key.clone()).await, key, DhcpOptions)
    }
    pub async fn hosted_zones_by_vpc(
        &self,
        vpc_id: &str,
        region: &str,
    ) -> FactResult<Vec<HostedZone>> {
        let key = FactKey::HostedZonesByVpc {
            vpc_id: vpc_id.to_string(),
            region: region.to_string(),
        };
        typed!(self.get(key.clone()).await, key, HostedZones)
    }
    pub async fn resolver_rules(&self) -> FactResult<Vec<ResolverRule>> {
        let key = FactKey::ResolverRules;
        typed!(self.get(key.clone()).await, key, ResolverRules)
    }
    pub async fn resolver_rule_associations(&self) -> FactResult<Vec<ResolverRuleAssociation>> {
        let key = FactKey::ResolverRuleAssociations;
        typed!(self.get(key.clone()).await, key, RuleAssociations)
    }
    pub async fn resolver_endpoints(&self) -> FactResult<Vec<ResolverEndpoint>> {
        let key = FactKey::ResolverEndpoints;
        typed!(self.get(key.clone()).await, key, ResolverEndpoints)
    }
    pub async fn firewall_associations(
        &self,
        vpc_id: &str,
    ) -> FactResult<Vec<FirewallAssociation>> {
        let key = FactKey::FirewallAssociations {
            vpc_id: vpc_id.to_string(),
        };
        typed!(self.get(key.clone()).await, key, FirewallAssociations)
    }
    pub async fn firewall_rules(&self, group_id: &str) -> FactResult<Vec<FirewallRule>> {
        let key = FactKey::FirewallRules {
            group_id: group_id.to_string(),
        };
        typed!(self.get(key.clone()).await, key, FirewallRules)
    }
    pub async fn firewall_domains(&self, list_id: &str) -> FactResult<Vec<String>> {
        let key = FactKey::FirewallDomains {
            list_id: list_id.to_string(),
        };
        typed!(self.get(key.clone()).await, key, Domains)
    }
    /// The DNS Firewall rule group associations of `vpc_id`. `account_wide` (a fleet scan,
    /// which reads many VPCs): taken from one listing of the whole account instead of one call
    /// per VPC; the same operation, permission and order (lowest priority first).
    pub async fn firewall_associations_of(
        &self,
        vpc_id: &str,
        account_wide: bool,
    ) -> FactResult<Vec<FirewallAssociation>> {
        if !account_wide {
            return self.firewall_associations(vpc_id).await;
        }
        let key = FactKey::AccountFirewallAssociations;
        typed!(self.get(key.clone()).await, key, FirewallAssociations)
            .map(|all| all.into_iter().filter(|a| a.vpc_id == vpc_id).collect())
    }
    /// The Route 53 Profile associations of `vpc_id`; `account_wide` as for
    /// [`Facts::firewall_associations_of`].
    pub async fn profile_associations_of(
        &self,
        vpc_id: &str,
        account_wide: bool,
    ) -> FactResult<Vec<ProfileAssociation>> {
        if !account_wide {
            return self.profile_associations(vpc_id).await;
        }
        let key = FactKey::AccountProfileAssociations;
        typed!(self.get(key.clone()).await, key, ProfileAssociations).map(|all| {
            all.into_iter()
                .filter(|a| a.resource_id == vpc_id)
                .collect()
        })
    }
    /// Every flow log of the account, in one paginated listing.
    pub async fn account_flow_logs(&self) -> FactResult<Vec<FlowLog>> {
        let key = FactKey::AccountFlowLogs;
        typed!(self.get(key.clone()).await, key, FlowLogs)
    }
    pub async fn profile_associations(&self, vpc_id: &str) -> FactResult<Vec<ProfileAssociation>> {
        let key = FactKey::ProfileAssociations {
            vpc_id: vpc_id.to_string(),
        };
        typed!(self.get(key.clone()).await, key, ProfileAssociations)
    }
    pub async fn profile_resources(&self, profile_id: &str) -> FactResult<Vec<ProfileResource>> {
        let key = FactKey::ProfileResources {
            profile_id: profile_id.to_string(),
        };
        typed!(self.get(key.clone()).await, key, ProfileResources)
    }
    pub async fn private_zones(&self) -> FactResult<Vec<HostedZone>> {
        let key = FactKey::PrivateZones;
        typed!(self.get(key.clone()).await, key, HostedZones)
    }
    pub async fn zone_vpcs(&self, zone_id: &str) -> FactResult<ZoneVpcs> {
        let key = FactKey::ZoneVpcs {
            zone_id: zone_id.to_string(),
        };
        typed!(self.get(key.clone()).await, key, ZoneVpcs)
    }
    /// The records of a hosted zone named exactly `name`.
    pub async fn record_sets(&self, zone_id: &str, name: &str) -> FactResult<Vec<RecordSet>> {
        let key = FactKey::RecordSets {
            zone_id: zone_id.to_string(),
            name: name.to_string(),
        };
        typed!(self.get(key.clone()).await, key, RecordSets)
    }
    pub async fn load_balancer_attributes(&self, arn: &str) -> FactResult<Vec<(String, String)>> {
        let key = self
            .provider_key(FactKey::LoadBalancerAttributes {
                arn: arn.to_string(),
            })
            .await;
        typed!(self.get(key.clone()).await, key, Attributes)
    }
    pub async fn target_group_attributes(&self, arn: &str) -> FactResult<Vec<(String, String)>> {
        let key = self
            .provider_key(FactKey::TargetGroupAttributes {
                arn: arn.to_string(),
            })
            .await;
        typed!(self.get(key.clone()).await, key, Attributes)
    }
    pub async fn instances(&self, ids: &[String]) -> FactResult<Vec<Instance>> {
        self.instances_in(Account::Provider, ids).await
    }
    pub async fn instances_in(
        &self,
        account: Account,
        ids: &[String],
    ) -> FactResult<Vec<Instance>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let key = self
            .side_key(
                account,
                FactKey::Instances {
                    ids: sorted(ids),
                    account,
                },
            )
            .await;
        typed!(self.get(key.clone()).await, key, Instances)
    }
    pub async fn dns_txt(&self, name: &str) -> FactResult<TxtAnswer> {
        let key = FactKey::DnsTxt {
            name: name.trim_end_matches('.').to_ascii_lowercase(),
        };
        typed!(self.get(key.clone()).await, key, Txt)
    }
    pub async fn tcp_connect(&self, ip: IpAddr, port: u16) -> FactResult<TcpProbe> {
        let key = FactKey::TcpConnect { ip, port };
        typed!(self.get(key.clone()).await, key, Tcp)
    }
    pub async fn dns(&self, name: &str) -> FactResult<DnsAnswer> {
        self.dns_record(name, RecordType::A).await
    }
    pub async fn dns_record(&self, name: &str, record: RecordType) -> FactResult<DnsAnswer> {
        let key = FactKey::Dns {
            name: name.trim_end_matches('.').to_ascii_lowercase(),
            record,
        };
        typed!(self.get(key.clone()).await, key, Dns)
    }
    pub async fn endpoint_associations(
        &self,
        endpoint_id: &str,
    ) -> FactResult<Vec<EndpointAssociation>> {
        let key = FactKey::EndpointAssociations {
            endpoint_id: endpoint_id.to_string(),
        };
        typed!(self.get(key.clone()).await, key, EndpointAssociations)
    }
    pub async fn resource_configuration(&self, arn: &str) -> FactResult<ResourceConfiguration> {
        let key = FactKey::ResourceConfiguration {
            arn: arn.to_string(),
        };
        typed!(self.get(key.clone()).await, key, ResourceConfiguration)
    }
    pub async fn resource_gateway(&self, id: &str) -> FactResult<ResourceGateway> {
        let key = FactKey::ResourceGateway { id: id.to_string() };
        typed!(self.get(key.clone()).await, key, ResourceGateway)
    }
    /// The series `queries` of `account` over the last `window_secs` (one GetMetricData
    /// call, paginated; several only beyond 500 queries).
    pub async fn metrics(
        &self,
        account: Account,
        window_secs: u32,
        period_secs: u32,
        queries: Vec<MetricQuery>,
    ) -> FactResult<MetricData> {
        let key = self
            .side_key(
                account,
                FactKey::Metrics {
                    account,
                    window_secs,
                    period_secs,
                    queries,
                },
            )
            .await;
        typed!(self.get(key.clone()).await, key, Metrics)
    }
    pub async fn instance_metadata(&self) -> FactResult<imds::ImdsAnswer> {
        let key = FactKey::InstanceMetadata;
        typed!(self.get(key.clone()).await, key, Imds)
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn older_keys_parse_and_mean_what_they_meant() {
        let dns: FactKey = serde_json::from_str(r#"{"fact":"dns","name":"a.example"}"#).unwrap();
        assert_eq!(
            dns,
            FactKey::Dns {
                name: "a.example".into(),
                record: RecordType::A
            }
        );
        // An A question is written as before, so snapshots of IPv4 endpoints do not change.
        assert_eq!(
            serde_json::to_string(&dns).unwrap(),
            r#"{"fact":"dns","name":"a.example"}"#
        );
        let aaaa = FactKey::Dns {
            name: "a.example".into(),
            record: RecordType::Aaaa,
        };
        let text = serde_json::to_string(&aaaa).unwrap();
        assert_eq!(text, r#"{"fact":"dns","name":"a.example","record":"AAAA"}"#);
        assert_eq!(serde_json::from_str::<FactKey>(&text).unwrap(), aaaa);
        let detail: FactKey =
            serde_json::from_str(r#"{"fact":"service_detail","service_name":"s"}"#).unwrap();
        assert_eq!(
            detail,
            FactKey::ServiceDetail {
                service_name: "s".into(),
                service_type: None
            }
        );
    }

    #[tokio::test]
    async fn a_typed_service_detail_replays_from_an_older_untyped_record() {
        let facts = Facts::replay([(
            FactKey::ServiceDetail {
                service_name: "s".into(),
                service_type: None,
            },
            Ok(FactValue::ServiceDetail(None)),
        )]);
        let ep = Endpoint {
            service_name: "s".into(),
            endpoint_type: "Interface".into(),
            ..Default::default()
        };
        assert_eq!(facts.service_detail_of(&ep).await, Ok(None));
        // An AAAA question was never asked by older versions: not recorded, not an A answer.
        assert!(matches!(
            facts.dns_record("a.example", RecordType::Aaaa).await,
            Err(FactError::NotRecorded { .. })
        ));
    }

    #[tokio::test]
    async fn a_fleet_reads_each_vpcs_dns_associations_from_one_listing_of_the_account() {
        let firewall = |vpc: &str, priority| FirewallAssociation {
            id: format!("rslvr-frgassoc-{vpc}-{priority}"),
            group_id: "rslvr-frg-1".into(),
            name: None,
            vpc_id: vpc.into(),
            priority,
            status: "COMPLETE".into(),
        };
        let profile = |vpc: &str| ProfileAssociation {
            id: format!("rpassoc-{vpc}"),
            profile_id: "rp-1".into(),
            name: None,
            resource_id: vpc.into(),
            status: "COMPLETE".into(),
        };
        let facts = Facts::replay([
            (
                FactKey::AccountFirewallAssociations,
                Ok(FactValue::FirewallAssociations(vec![
                    firewall("vpc-a", 100),
                    firewall("vpc-b", 101),
                    firewall("vpc-a", 200),
                ])),
            ),
            (
                FactKey::AccountProfileAssociations,
                Ok(FactValue::ProfileAssociations(vec![profile("vpc-b")])),
            ),
        ]);
        let a = facts.firewall_associations_of("vpc-a", true).await.unwrap();
        assert_eq!(
            a.iter().map(|x| x.priority).collect::<Vec<_>>(),
            vec![100, 200]
        );
        assert_eq!(
            facts
                .firewall_associations_of("vpc-b", true)
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(
            facts
                .firewall_associations_of("vpc-c", true)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            facts
                .profile_associations_of("vpc-a", true)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            facts
                .profile_associations_of("vpc-b", true)
                .await
                .unwrap()
                .len(),
            1
        );
        // Nothing was asked per VPC; one diagnosis alone still asks for its VPC.
        assert_eq!(facts.recorded().len(), 2);
        assert!(matches!(
            facts.firewall_associations_of("vpc-a", false).await,
            Err(FactError::NotRecorded { .. })
        ));
    }
}
