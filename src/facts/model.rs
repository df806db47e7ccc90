//! The tool's own model of what AWS and DNS said. SDK types never leave `facts::aws`;
//! these structs are what checks read and what snapshots store.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Endpoint {
    pub id: String,
    pub endpoint_type: String,
    pub vpc_id: String,
    pub service_name: String,
    /// Raw wire value (camelCase on the wire, e.g. `pendingAcceptance`).
    pub state: String,
    pub owner_id: Option<String>,
    pub subnet_ids: Vec<String>,
    pub network_interface_ids: Vec<String>,
    pub security_group_ids: Vec<String>,
    pub private_dns_enabled: Option<bool>,
    pub dns_entries: Vec<DnsEntry>,
    pub route_table_ids: Vec<String>,
    pub policy_document: Option<String>,
    pub last_error: Option<LastError>,
    pub ip_address_type: Option<String>,
    /// `DnsOptions.DnsRecordIpType`: ipv4, dualstack, ipv6 or service-defined.
    #[serde(default)]
    pub dns_record_ip_type: Option<String>,
    pub tags: Vec<(String, String)>,
    /// The region of the service for a cross-region endpoint (`ServiceRegion`); `None` or the
    /// endpoint's own region otherwise.
    #[serde(default)]
    pub service_region: Option<String>,
    /// `ServiceNetwork` endpoints: the VPC Lattice service network reached.
    #[serde(default)]
    pub service_network_arn: Option<String>,
    /// `Resource` endpoints: the VPC Lattice resource configuration reached.
    #[serde(default)]
    pub resource_configuration_arn: Option<String>,
    /// `DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint` (S3 interface endpoints): private
    /// DNS answers only queries through a Resolver inbound endpoint; the VPC's own clients get
    /// the gateway endpoint.
    #[serde(default)]
    pub private_dns_only_for_inbound_resolver_endpoint: Option<bool>,
    /// `DnsOptions.PrivateDnsPreference` (Resource and ServiceNetwork endpoints).
    #[serde(default)]
    pub private_dns_preference: Option<String>,
    /// `DnsOptions.PrivateDnsSpecifiedDomains`.
    #[serde(default)]
    pub private_dns_specified_domains: Vec<String>,
    /// `FailureReason` of a failed endpoint.
    #[serde(default)]
    pub failure_reason: Option<String>,
}

/// One association of a Resource or ServiceNetwork endpoint (DescribeVpcEndpointAssociations):
/// a resource configuration or a service reached through it, and whether it is reachable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EndpointAssociation {
    pub id: String,
    pub endpoint_id: String,
    /// `AssociatedResourceAccessibility`, raw (AVAILABLE, PENDING, FAILED, …).
    pub accessibility: String,
    pub associated_resource_arn: Option<String>,
    pub resource_configuration_group_arn: Option<String>,
    pub service_network_arn: Option<String>,
    pub service_network_name: Option<String>,
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
    pub dns_entry: Option<DnsEntry>,
    pub private_dns_entry: Option<DnsEntry>,
}

/// A VPC Lattice resource configuration (vpc-lattice:GetResourceConfiguration), as its owner
/// (the provider) sees it: what a Resource endpoint reaches, and through which gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ResourceConfiguration {
    pub arn: String,
    pub id: String,
    pub name: String,
    /// Raw: SINGLE, GROUP, CHILD, ARN (or what a newer API says).
    pub config_type: String,
    /// Raw: ACTIVE, CREATE_IN_PROGRESS, …, CREATE_FAILED.
    pub status: String,
    pub resource_gateway_id: Option<String>,
    /// `portRanges`: "443" or "8000-8080".
    pub port_ranges: Vec<String>,
    /// Raw: TCP.
    pub protocol: Option<String>,
    pub definition: Option<ResourceDefinition>,
}

/// Where a resource configuration's traffic goes (`resourceConfigurationDefinition`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ResourceDefinition {
    Dns(String),
    Ip(String),
    Arn(String),
    Cidr(Vec<String>),
    /// A kind of definition this version does not know, named raw.
    Unknown(String),
}

/// A VPC Lattice resource gateway (vpc-lattice:GetResourceGateway): where traffic to a
/// resource enters the provider's VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ResourceGateway {
    pub id: String,
    pub arn: String,
    pub name: String,
    /// Raw: ACTIVE, CREATE_IN_PROGRESS, UPDATE_IN_PROGRESS, DELETE_IN_PROGRESS, …_FAILED.
    pub status: String,
    pub vpc_id: Option<String>,
    pub subnet_ids: Vec<String>,
    pub security_group_ids: Vec<String>,
    /// Raw: IPV4, IPV6, DUALSTACK.
    pub ip_address_type: Option<String>,
    pub ipv4_addresses_per_eni: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DnsEntry {
    pub dns_name: String,
    pub hosted_zone_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastError {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Vpc {
    pub id: String,
    pub cidr_blocks: Vec<String>,
    pub owner_id: Option<String>,
    pub dhcp_options_id: Option<String>,
    /// The associated IPv6 CIDR blocks (`Ipv6CidrBlockAssociationSet`).
    #[serde(default)]
    pub ipv6_cidr_blocks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct NetworkInterface {
    pub id: String,
    pub subnet_id: String,
    pub availability_zone: String,
    pub private_ip: Option<String>,
    pub private_ips: Vec<String>,
    pub status: String,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    #[serde(default)]
    pub description: String,
    /// Every IPv6 address of the interface.
    #[serde(default)]
    pub ipv6_addresses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    pub vpc_id: Option<String>,
    pub ingress: Vec<SgRule>,
    #[serde(default)]
    pub egress: Vec<SgRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SgRule {
    /// `tcp`, `udp`, `icmp`, `-1` (all), or a protocol number.
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub ipv4_ranges: Vec<String>,
    pub ipv6_ranges: Vec<String>,
    pub group_refs: Vec<String>,
    pub prefix_lists: Vec<String>,
}

/// An AWS-managed prefix list (`com.amazonaws.<region>.s3`, `….dynamodb`): its id, which
/// route tables and security-group rules reference, and its entries, which network ACLs
/// (that cannot reference a list) must name one by one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PrefixList {
    pub id: String,
    pub name: String,
    pub cidrs: Vec<String>,
}

/// The consumer's view of a service (DescribeVpcEndpointServices).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ServiceDetail {
    pub service_name: String,
    pub service_id: Option<String>,
    pub owner: Option<String>,
    pub service_type: Vec<String>,
    pub availability_zones: Vec<String>,
    /// `AvailabilityZoneIds`: the same zones by AZ ID (for a service in another region, the
    /// consumer region's zones supported for remote access).
    #[serde(default)]
    pub availability_zone_ids: Vec<String>,
    pub private_dns_name: Option<String>,
    pub private_dns_verification_state: Option<String>,
    pub acceptance_required: Option<bool>,
    #[serde(default)]
    pub supported_ip_address_types: Vec<String>,
    /// The service's own region when it was looked up across regions (`ServiceRegion`).
    #[serde(default)]
    pub service_region: Option<String>,
}

impl ServiceDetail {
    /// The entry of `service_name` whose ServiceType is `service_type`, else the first of that
    /// name. S3 and DynamoDB answer with two entries of one name, a Gateway and an Interface
    /// one, which differ in zones, private DNS name and address types.
    pub fn pick<'a>(
        details: &'a [ServiceDetail],
        service_name: &str,
        service_type: Option<&str>,
    ) -> Option<&'a ServiceDetail> {
        let named = || details.iter().filter(|d| d.service_name == service_name);
        named()
            .find(|d| {
                service_type
                    .is_some_and(|want| d.service_type.iter().any(|t| t.eq_ignore_ascii_case(want)))
            })
            .or_else(|| named().next())
    }
}

/// The provider's view (DescribeVpcEndpointServiceConfigurations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ServiceConfig {
    pub service_id: String,
    pub service_name: String,
    pub state: String,
    pub acceptance_required: Option<bool>,
    pub network_load_balancer_arns: Vec<String>,
    pub gateway_load_balancer_arns: Vec<String>,
    pub availability_zones: Vec<String>,
    pub private_dns_name: Option<String>,
    pub private_dns_state: Option<String>,
    pub private_dns_txt_name: Option<String>,
    pub private_dns_txt_value: Option<String>,
    /// `SupportedRegions`: each region consumers may connect from, and its `ServiceState`.
    #[serde(default)]
    pub supported_regions: Vec<SupportedRegion>,
    /// `RemoteAccessEnabled`: whether consumers in other regions may connect.
    #[serde(default)]
    pub remote_access_enabled: Option<bool>,
    #[serde(default)]
    pub supported_ip_address_types: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupportedRegion {
    pub region: String,
    pub service_state: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub endpoint_id: String,
    pub state: String,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct LoadBalancer {
    pub arn: String,
    pub name: String,
    pub lb_type: String,
    pub scheme: String,
    pub state: String,
    pub state_reason: Option<String>,
    pub vpc_id: Option<String>,
    pub availability_zones: Vec<String>,
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    /// `EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic` (`on`/`off`; absent means on
    /// when the NLB has security groups).
    #[serde(default)]
    pub enforce_inbound_on_privatelink: Option<String>,
    #[serde(default)]
    pub ip_address_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Listener {
    pub arn: String,
    pub port: Option<i32>,
    pub protocol: String,
    pub target_group_arns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TargetHealth {
    pub target_id: String,
    pub port: Option<i32>,
    pub availability_zone: Option<String>,
    pub state: String,
    pub reason: Option<String>,
    pub description: Option<String>,
    pub health_check_port: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteTable {
    pub id: String,
    pub vpc_id: String,
    pub main: bool,
    pub subnet_ids: Vec<String>,
    pub routes: Vec<Route>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub destination: String,
    pub target: String,
    pub state: String,
    /// `Origin`: CreateRouteTable (local), CreateRoute, EnableVgwRoutePropagation (learned
    /// from a virtual private gateway); empty in older snapshots.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub origin: String,
}

/// A VPC peering connection (DescribeVpcPeeringConnections).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeeringConnection {
    pub id: String,
    /// `Status.Code`: active, pending-acceptance, provisioning, deleted, rejected, failed,
    /// expired …
    pub status: String,
    pub requester_vpc: String,
    pub accepter_vpc: String,
    /// The accepter's account (where a pending connection is accepted).
    #[serde(default)]
    pub accepter_owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Subnet {
    pub id: String,
    pub vpc_id: String,
    pub cidr: String,
    pub availability_zone: String,
    pub availability_zone_id: Option<String>,
    #[serde(default)]
    pub ipv6_cidrs: Vec<String>,
}

/// One Availability Zone as an account names it: names differ per account, ids do not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityZone {
    pub name: String,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkAcl {
    pub id: String,
    pub vpc_id: String,
    pub is_default: bool,
    pub subnet_ids: Vec<String>,
    pub entries: Vec<NaclEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NaclEntry {
    pub rule_number: i32,
    /// `-1` (all), `6` (tcp), `17` (udp) …
    pub protocol: String,
    pub allow: bool,
    pub egress: bool,
    pub cidr: String,
    pub port_from: Option<i32>,
    pub port_to: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DhcpOptions {
    pub id: String,
    pub domain_name_servers: Vec<String>,
    pub domain_name: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostedZone {
    pub id: String,
    pub name: String,
    pub owner: Option<String>,
}

/// One record set of a private hosted zone (ListResourceRecordSets): its values, or the DNS
/// name an alias points at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordSet {
    /// Lower case, without the trailing dot; `\052` (how Route 53 writes `*`) as `*`.
    pub name: String,
    pub record_type: String,
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_target: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    pub id: String,
    pub availability_zone: String,
    pub subnet_id: Option<String>,
    pub private_ip: Option<String>,
    pub security_group_ids: Vec<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    /// Every private IPv4 address of every interface (the primary one included).
    #[serde(default)]
    pub private_ips: Vec<String>,
}

/// What a TXT lookup returned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TxtAnswer {
    Records { values: Vec<String> },
    NxDomain,
    NoRecords,
    Timeout,
    Failed { message: String },
}

/// What one TCP connect attempt from this machine saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TcpProbe {
    Open { ms: u64 },
    Refused,
    Timeout { after_ms: u64 },
    Failed { message: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Identity {
    pub account: String,
    pub arn: String,
}

/// What a DNS lookup of one name returned. NXDOMAIN and timeouts are answers here, not
/// errors: they are exactly what the DNS checks judge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DnsAnswer {
    Addresses {
        ips: Vec<IpAddr>,
    },
    NxDomain,
    NoRecords,
    Timeout,
    Failed {
        message: String,
    },
    /// The server answered SERVFAIL: it could not get an answer itself (its upstream is
    /// unreachable, DNSSEC validation failed …).
    ServFail,
    /// The UDP answer was truncated (TC) and no complete answer came over TCP.
    Truncated,
}

/// A Route 53 Resolver rule (ListResolverRules): the account's own and those shared with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolverRule {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Lower case, without the trailing dot; the autodefined internet rule is `.`.
    pub domain: String,
    /// `FORWARD`, `SYSTEM`, `RECURSIVE` or `DELEGATE`.
    pub rule_type: String,
    /// Where a FORWARD rule sends queries, `IP:port` (IPv6 in brackets).
    #[serde(default)]
    pub targets: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolver_endpoint_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    /// `NOT_SHARED`, `SHARED_WITH_ME` or `SHARED_BY_ME`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_status: Option<String>,
    #[serde(default)]
    pub status: String,
}

/// A rule's association with a VPC (ListResolverRuleAssociations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolverRuleAssociation {
    pub id: String,
    pub rule_id: String,
    pub vpc_id: String,
    /// `CREATING`, `COMPLETE`, `DELETING`, `FAILED`, `OVERRIDDEN`.
    #[serde(default)]
    pub status: String,
}

/// A Resolver endpoint with its addresses (ListResolverEndpoints and
/// ListResolverEndpointIpAddresses).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolverEndpoint {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `INBOUND`, `OUTBOUND` or `INBOUND_DELEGATION`.
    pub direction: String,
    pub vpc_id: String,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub addresses: Vec<ResolverAddress>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolverAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6: Option<String>,
    pub subnet_id: String,
    #[serde(default)]
    pub status: String,
}

/// A DNS Firewall rule group associated with a VPC (ListFirewallRuleGroupAssociations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirewallAssociation {
    pub id: String,
    pub group_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub vpc_id: String,
    /// Lower is evaluated first.
    pub priority: i32,
    #[serde(default)]
    pub status: String,
}

/// One rule of a DNS Firewall rule group (ListFirewallRules).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirewallRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Lower is evaluated first within the group.
    pub priority: i32,
    /// `ALLOW`, `BLOCK` or `ALERT`.
    pub action: String,
    /// For BLOCK: `NODATA`, `NXDOMAIN` or `OVERRIDE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_response: Option<String>,
    /// For an OVERRIDE block: the CNAME target the query is answered with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_override_domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_list_id: Option<String>,
    /// The DNS record type the rule is limited to (e.g. `AAAA`), when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_type: Option<String>,
}

/// A Route 53 Profile associated with a VPC (route53profiles ListProfileAssociations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileAssociation {
    pub id: String,
    pub profile_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The VPC.
    pub resource_id: String,
    #[serde(default)]
    pub status: String,
}

/// A resource a Profile brings to the VPCs it is associated with
/// (ListProfileResourceAssociations): a private hosted zone, a Resolver rule, a DNS Firewall
/// rule group or an interface VPC endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileResource {
    pub id: String,
    pub profile_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub resource_arn: String,
    /// e.g. `AWS::Route53::HostedZone`, `AWS::Route53Resolver::ResolverRule`,
    /// `AWS::Route53Resolver::FirewallRuleGroup`, `AWS::EC2::VPCEndpoint`.
    pub resource_type: String,
    /// The JSON the association was made with (a firewall rule group's `priority`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<String>,
    #[serde(default)]
    pub status: String,
}

/// A private hosted zone of the account (ListHostedZones) and the VPCs it is associated with
/// (GetHostedZone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneVpcs {
    pub id: String,
    pub name: String,
    /// `(vpc id, region)`.
    pub vpcs: Vec<(String, String)>,
}

/// One CloudWatch series to read: a metric of a namespace with its exact dimension set and
/// the statistic over each period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MetricQuery {
    pub namespace: String,
    pub metric: String,
    pub stat: String,
    pub dimensions: Vec<(String, String)>,
}

/// What GetMetricData answered for a set of queries over one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricData {
    /// RFC 3339, UTC: the window read (the end rounded down to the period).
    pub start: String,
    pub end: String,
    pub period_secs: u32,
    /// One per query, in the order asked.
    pub series: Vec<MetricSeries>,
}

/// The values of one query, aligned to the window's periods (`None`: no datapoint).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSeries {
    pub values: Vec<Option<f64>>,
    /// `Complete`, `PartialData`, `InternalError`, `Forbidden` (as CloudWatch says it).
    #[serde(default)]
    pub status: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<String>,
}

/// A VPC flow log (DescribeFlowLogs) on the endpoint's interfaces, subnets or VPC. The tool
/// only reads them; it never creates one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlowLog {
    pub id: String,
    /// The interface, subnet or VPC it records.
    pub resource_id: String,
    /// `ACCEPT`, `REJECT` or `ALL`.
    #[serde(default)]
    pub traffic_type: String,
    /// `cloud-watch-logs`, `s3` or `kinesis-data-firehose`.
    #[serde(default)]
    pub destination_type: String,
    /// The CloudWatch Logs group, for `cloud-watch-logs`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_group: Option<String>,
    /// Where an S3 or Firehose flow log goes (its ARN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// `ACTIVE`.
    #[serde(default)]
    pub status: String,
    /// `SUCCESS` or `FAILED` (the log then holds nothing).
    #[serde(default)]
    pub deliver_status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliver_error: Option<String>,
    /// `${version} ${account-id} ${interface-id} …`.
    #[serde(default)]
    pub log_format: String,
}

/// One group of REJECT records a Logs Insights query counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectRow {
    pub source: String,
    pub destination: String,
    pub port: String,
    pub interface: String,
    pub rejects: u64,
}

/// What a bounded Logs Insights query over flow-log groups answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectQuery {
    /// RFC 3339, UTC: the window the query covered.
    pub start: String,
    pub end: String,
    /// `Complete`, or what the query was when the time limit ran out (`Running`,
    /// `Scheduled`: the rows are then incomplete), or `Failed`, `Cancelled`, `Timeout`.
    pub status: String,
    /// How long the tool waited for the answer, in seconds.
    pub waited_secs: u64,
    pub rows: Vec<RejectRow>,
}

impl RejectQuery {
    pub fn complete(&self) -> bool {
        self.status.eq_ignore_ascii_case("Complete")
    }
}

impl Endpoint {
    /// The resources whose flow logs show this endpoint's traffic: its interfaces, its
    /// subnets and its VPC (sorted, each once).
    pub fn flow_log_resources(&self) -> Vec<String> {
        let mut ids = self.network_interface_ids.clone();
        ids.extend(self.subnet_ids.iter().cloned());
        ids.push(self.vpc_id.clone());
        crate::facts::sorted(&ids)
    }
}
