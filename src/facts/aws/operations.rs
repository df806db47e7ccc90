//! The one table of AWS operations the tool calls. Each call site names its row (the
//! constants below), so the SDK call, the IAM action in an access-denied verdict, the
//! `iam-policy` output and the read-only tests all come from here.

use crate::engine::outcome::Account;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Sts,
    Ec2,
    Elbv2,
    Route53,
    Route53Resolver,
    Route53Profiles,
    Lattice,
    CloudWatch,
    Logs,
    Organizations,
    S3,
}

impl Service {
    /// The prefix of this service's IAM actions.
    pub fn iam_prefix(self) -> &'static str {
        match self {
            Service::Sts => "sts",
            Service::Ec2 => "ec2",
            Service::Elbv2 => "elasticloadbalancing",
            Service::Route53 => "route53",
            Service::Route53Resolver => "route53resolver",
            Service::Route53Profiles => "route53profiles",
            Service::Lattice => "vpc-lattice",
            Service::CloudWatch => "cloudwatch",
            Service::Logs => "logs",
            Service::Organizations => "organizations",
            Service::S3 => "s3",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Operation {
    /// The API operation, as the SDK names it on the wire and in `--stats`.
    pub name: &'static str,
    /// The IAM action it needs.
    pub action: &'static str,
    pub service: Service,
    /// The accounts it is called in: which policy grants it.
    pub accounts: &'static [Account],
}

const CONSUMER: &[Account] = &[Account::Consumer];
const PROVIDER: &[Account] = &[Account::Provider];
const BOTH: &[Account] = &[Account::Consumer, Account::Provider];

/// One row per operation: a constant for the call sites and an entry in [`OPERATIONS`].
macro_rules! operations {
    ($($id:ident = $name:literal, $action:literal, $service:ident, $accounts:ident;)*) => {
        $(
            pub const $id: Operation = Operation {
                name: $name,
                action: $action,
                service: Service::$service,
                accounts: $accounts,
            };
        )*
        /// Every AWS operation the tool calls.
        pub const OPERATIONS: &[Operation] = &[$($id),*];
        /// Each row with the name of its constant, which the call sites use.
        #[cfg(test)]
        const CONSTANTS: &[(&str, Operation)] = &[$((stringify!($id), $id)),*];
    };
}

operations! {
    GET_CALLER_IDENTITY = "GetCallerIdentity", "sts:GetCallerIdentity", Sts, BOTH;

    DESCRIBE_VPC_ENDPOINTS = "DescribeVpcEndpoints", "ec2:DescribeVpcEndpoints", Ec2, CONSUMER;
    DESCRIBE_VPC_ENDPOINT_SERVICES = "DescribeVpcEndpointServices", "ec2:DescribeVpcEndpointServices", Ec2, CONSUMER;
    DESCRIBE_VPCS = "DescribeVpcs", "ec2:DescribeVpcs", Ec2, CONSUMER;
    DESCRIBE_VPC_ATTRIBUTE = "DescribeVpcAttribute", "ec2:DescribeVpcAttribute", Ec2, CONSUMER;
    DESCRIBE_NETWORK_INTERFACES = "DescribeNetworkInterfaces", "ec2:DescribeNetworkInterfaces", Ec2, BOTH;
    DESCRIBE_SECURITY_GROUPS = "DescribeSecurityGroups", "ec2:DescribeSecurityGroups", Ec2, BOTH;
    DESCRIBE_ROUTE_TABLES = "DescribeRouteTables", "ec2:DescribeRouteTables", Ec2, CONSUMER;
    DESCRIBE_SUBNETS = "DescribeSubnets", "ec2:DescribeSubnets", Ec2, BOTH;
    DESCRIBE_AVAILABILITY_ZONES = "DescribeAvailabilityZones", "ec2:DescribeAvailabilityZones", Ec2, BOTH;
    DESCRIBE_NETWORK_ACLS = "DescribeNetworkAcls", "ec2:DescribeNetworkAcls", Ec2, CONSUMER;
    DESCRIBE_DHCP_OPTIONS = "DescribeDhcpOptions", "ec2:DescribeDhcpOptions", Ec2, CONSUMER;
    DESCRIBE_REGIONS = "DescribeRegions", "ec2:DescribeRegions", Ec2, CONSUMER;
    DESCRIBE_VPC_ENDPOINT_SERVICE_CONFIGURATIONS = "DescribeVpcEndpointServiceConfigurations", "ec2:DescribeVpcEndpointServiceConfigurations", Ec2, PROVIDER;
    DESCRIBE_VPC_ENDPOINT_SERVICE_PERMISSIONS = "DescribeVpcEndpointServicePermissions", "ec2:DescribeVpcEndpointServicePermissions", Ec2, PROVIDER;
    DESCRIBE_VPC_ENDPOINT_CONNECTIONS = "DescribeVpcEndpointConnections", "ec2:DescribeVpcEndpointConnections", Ec2, PROVIDER;
    DESCRIBE_INSTANCES = "DescribeInstances", "ec2:DescribeInstances", Ec2, BOTH;
    DESCRIBE_VPC_ENDPOINT_ASSOCIATIONS = "DescribeVpcEndpointAssociations", "ec2:DescribeVpcEndpointAssociations", Ec2, CONSUMER;
    DESCRIBE_MANAGED_PREFIX_LISTS = "DescribeManagedPrefixLists", "ec2:DescribeManagedPrefixLists", Ec2, CONSUMER;
    GET_MANAGED_PREFIX_LIST_ENTRIES = "GetManagedPrefixListEntries", "ec2:GetManagedPrefixListEntries", Ec2, CONSUMER;
    DESCRIBE_VPC_PEERING_CONNECTIONS = "DescribeVpcPeeringConnections", "ec2:DescribeVpcPeeringConnections", Ec2, CONSUMER;
    DESCRIBE_FLOW_LOGS = "DescribeFlowLogs", "ec2:DescribeFlowLogs", Ec2, CONSUMER;

    DESCRIBE_LOAD_BALANCERS = "DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancers", Elbv2, PROVIDER;
    DESCRIBE_LISTENERS = "DescribeListeners", "elasticloadbalancing:DescribeListeners", Elbv2, PROVIDER;
    DESCRIBE_TARGET_HEALTH = "DescribeTargetHealth", "elasticloadbalancing:DescribeTargetHealth", Elbv2, PROVIDER;
    DESCRIBE_LOAD_BALANCER_ATTRIBUTES = "DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeLoadBalancerAttributes", Elbv2, PROVIDER;
    DESCRIBE_TARGET_GROUP_ATTRIBUTES = "DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTargetGroupAttributes", Elbv2, PROVIDER;

    LIST_HOSTED_ZONES_BY_VPC = "ListHostedZonesByVPC", "route53:ListHostedZonesByVPC", Route53, CONSUMER;
    LIST_RESOURCE_RECORD_SETS = "ListResourceRecordSets", "route53:ListResourceRecordSets", Route53, CONSUMER;
    LIST_HOSTED_ZONES = "ListHostedZones", "route53:ListHostedZones", Route53, CONSUMER;
    GET_HOSTED_ZONE = "GetHostedZone", "route53:GetHostedZone", Route53, CONSUMER;

    LIST_RESOLVER_RULES = "ListResolverRules", "route53resolver:ListResolverRules", Route53Resolver, CONSUMER;
    LIST_RESOLVER_RULE_ASSOCIATIONS = "ListResolverRuleAssociations", "route53resolver:ListResolverRuleAssociations", Route53Resolver, CONSUMER;
    LIST_RESOLVER_ENDPOINTS = "ListResolverEndpoints", "route53resolver:ListResolverEndpoints", Route53Resolver, CONSUMER;
    LIST_RESOLVER_ENDPOINT_IP_ADDRESSES = "ListResolverEndpointIpAddresses", "route53resolver:ListResolverEndpointIpAddresses", Route53Resolver, CONSUMER;
    LIST_FIREWALL_RULE_GROUP_ASSOCIATIONS = "ListFirewallRuleGroupAssociations", "route53resolver:ListFirewallRuleGroupAssociations", Route53Resolver, CONSUMER;
    LIST_FIREWALL_RULES = "ListFirewallRules", "route53resolver:ListFirewallRules", Route53Resolver, CONSUMER;
    LIST_FIREWALL_DOMAINS = "ListFirewallDomains", "route53resolver:ListFirewallDomains", Route53Resolver, CONSUMER;

    LIST_PROFILE_ASSOCIATIONS = "ListProfileAssociations", "route53profiles:ListProfileAssociations", Route53Profiles, CONSUMER;
    LIST_PROFILE_RESOURCE_ASSOCIATIONS = "ListProfileResourceAssociations", "route53profiles:ListProfileResourceAssociations", Route53Profiles, CONSUMER;

    GET_RESOURCE_CONFIGURATION = "GetResourceConfiguration", "vpc-lattice:GetResourceConfiguration", Lattice, PROVIDER;
    GET_RESOURCE_GATEWAY = "GetResourceGateway", "vpc-lattice:GetResourceGateway", Lattice, PROVIDER;

    GET_METRIC_DATA = "GetMetricData", "cloudwatch:GetMetricData", CloudWatch, BOTH;

    // The policy of the bucket behind an S3 endpoint, in the account that owns it (most often
    // the consumer's). Optional: without it the bucket-policy check says what it could not read.
    GET_BUCKET_POLICY = "GetBucketPolicy", "s3:GetBucketPolicy", S3, CONSUMER;
    // The one exception to Describe/Get/List (see READ_ONLY_EXCEPTIONS): a bounded Logs
    // Insights query over the flow-log groups, and its answer.
    // `scan --org`: the accounts of the organisation, read with the caller's own credentials
    // (the management or a delegated-administrator account), never in a scanned account:
    // its policy is the organisation block (`org_policy`), not the consumer's.
    LIST_ACCOUNTS = "ListAccounts", "organizations:ListAccounts", Organizations, CONSUMER;

    START_QUERY = "StartQuery", "logs:StartQuery", Logs, CONSUMER;
    GET_QUERY_RESULTS = "GetQueryResults", "logs:GetQueryResults", Logs, CONSUMER;
}

/// The operations whose names are not Describe*, Get* or List* and which still only read,
/// each with why. `logs:StartQuery` is IAM access level "Read": it starts a CloudWatch Logs
/// Insights query that reads the flow-log groups (and changes nothing); the tool bounds it
/// (last 15 minutes, a row limit, a wait of a few seconds) and reads its answer with
/// `logs:GetQueryResults`. Nothing else may join this list without the same argument.
pub const READ_ONLY_EXCEPTIONS: &[(&str, &str)] = &[(
    "logs:StartQuery",
    "IAM access level Read: starts a Logs Insights query that only reads the flow-log groups",
)];

/// What the caller needs in its own account to reach the provider through a role
/// (`--provider-role-arn`, a role in the config file's account map): sts:AssumeRole mints
/// temporary credentials and changes nothing; it is sent only when the user named a role.
pub fn assume_role_statement(role_arn: &str) -> serde_json::Value {
    serde_json::json!({
        "Sid": "VpceDoctorAssumeProviderRole",
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Resource": role_arn
    })
}

/// The least-privilege, read-only policy for one account.
pub fn iam_policy(account: Account) -> serde_json::Value {
    let mut actions: Vec<&str> = OPERATIONS
        .iter()
        .filter(|op| op.accounts.contains(&account) && op.service != Service::Organizations)
        .map(|op| op.action)
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

/// What the caller of `scan --org` needs in its own account (the management or a
/// delegated-administrator account): the accounts of the organisation, and the role to assume
/// in each (`sts:AssumeRole` mints temporary credentials and changes nothing; the role in
/// every account needs the consumer policy, and the provider policy for the services it owns).
pub fn org_policy(role_name: &str) -> serde_json::Value {
    let actions: Vec<&str> = OPERATIONS
        .iter()
        .filter(|op| op.service == Service::Organizations)
        .map(|op| op.action)
        .collect();
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "VpceDoctorListAccounts",
                "Effect": "Allow",
                "Action": actions,
                "Resource": "*"
            },
            {
                "Sid": "VpceDoctorAssumeReadRole",
                "Effect": "Allow",
                "Action": ["sts:AssumeRole"],
                "Resource": format!("arn:aws:iam::*:role/{role_name}")
            }
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_read_only_and_named_once_with_its_own_action() {
        assert!(!OPERATIONS.is_empty());
        for (i, op) in OPERATIONS.iter().enumerate() {
            assert!(
                ["Describe", "Get", "List"]
                    .iter()
                    .any(|verb| op.name.starts_with(verb))
                    || READ_ONLY_EXCEPTIONS.iter().any(|(a, _)| *a == op.action),
                "{} is not read-only",
                op.name
            );
            // Get* reads one named resource: sts:GetCallerIdentity, VPC Lattice, whose
            // read API has Get* for a resource configuration or gateway (no Describe*), and
            // the entries of a managed prefix list (EC2 has no Describe* for them), and the
            // VPCs of a hosted zone (Route 53 lists them only in GetHostedZone), and the
            // metrics the traffic checks read (CloudWatch has no Describe* for datapoints).
            assert!(
                !op.name.starts_with("Get")
                    || op.name == "GetCallerIdentity"
                    || (op.service == Service::Lattice
                        && ["GetResourceConfiguration", "GetResourceGateway"].contains(&op.name))
                    || (op.service == Service::Ec2 && op.name == "GetManagedPrefixListEntries")
                    || (op.service == Service::Route53 && op.name == "GetHostedZone")
                    || (op.service == Service::CloudWatch && op.name == "GetMetricData")
                    // S3 reads a bucket's policy only with GetBucketPolicy.
                    || (op.service == Service::S3 && op.name == "GetBucketPolicy")
                    // The answer of the one Logs Insights query (READ_ONLY_EXCEPTIONS).
                    || (op.service == Service::Logs && op.name == "GetQueryResults"),
                "{}: a Get* the tool does not need (only sts:GetCallerIdentity, the read-only vpc-lattice:GetResource*, ec2:GetManagedPrefixListEntries, route53:GetHostedZone, cloudwatch:GetMetricData, s3:GetBucketPolicy and logs:GetQueryResults)",
                op.name
            );
            assert_eq!(
                op.action,
                format!("{}:{}", op.service.iam_prefix(), op.name),
                "{}: the IAM action is the service's prefix and the operation",
                op.name
            );
            assert!(!op.accounts.is_empty(), "{} is called nowhere", op.name);
            assert!(
                OPERATIONS[i + 1..].iter().all(|o| o.name != op.name),
                "{} has two rows",
                op.name
            );
        }
    }

    #[test]
    fn the_read_only_exceptions_are_exactly_the_logs_insights_query() {
        let exceptions: Vec<&str> = OPERATIONS
            .iter()
            .filter(|op| {
                !["Describe", "Get", "List"]
                    .iter()
                    .any(|verb| op.name.starts_with(verb))
            })
            .map(|op| op.action)
            .collect();
        assert_eq!(exceptions, ["logs:StartQuery"]);
        let listed: Vec<&str> = READ_ONLY_EXCEPTIONS.iter().map(|(a, _)| *a).collect();
        assert_eq!(
            listed, exceptions,
            "every exception is listed with its reason"
        );
        let consumer = iam_policy(Account::Consumer).to_string();
        let provider = iam_policy(Account::Provider).to_string();
        for action in [
            "logs:StartQuery",
            "logs:GetQueryResults",
            "ec2:DescribeFlowLogs",
        ] {
            assert!(
                consumer.contains(action) && !provider.contains(action),
                "{action}"
            );
        }
    }

    #[test]
    fn each_constant_is_named_after_its_operation() {
        for (constant, op) in CONSTANTS {
            assert_eq!(
                constant.replace('_', ""),
                op.name.to_ascii_uppercase(),
                "{constant} is the row of {}",
                op.name
            );
        }
    }

    #[test]
    fn the_readme_lists_every_action_the_policies_grant() {
        let readme = include_str!("../../../README.md");
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
    fn the_organisation_block_lists_accounts_and_assumes_the_role_and_nothing_else() {
        let org = org_policy("vpce-doctor-read").to_string();
        assert!(org.contains("\"organizations:ListAccounts\""), "{org}");
        assert!(org.contains("\"sts:AssumeRole\""), "{org}");
        assert!(
            org.contains("arn:aws:iam::*:role/vpce-doctor-read"),
            "{org}"
        );
        for account in [Account::Consumer, Account::Provider] {
            let p = iam_policy(account).to_string();
            assert!(
                !p.contains("organizations:") && !p.contains("sts:AssumeRole"),
                "{p}"
            );
        }
        let readme = include_str!("../../../README.md");
        assert!(
            readme.contains("\"organizations:ListAccounts\"")
                && readme.contains("\"sts:AssumeRole\"")
        );
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
            consumer.contains("route53resolver:ListResolverRules")
                && consumer.contains("route53profiles:ListProfileAssociations")
                && !provider.contains("route53resolver")
                && !provider.contains("route53profiles")
        );
        assert!(
            provider.contains("vpc-lattice:GetResourceGateway")
                && !consumer.contains("vpc-lattice")
        );
        assert!(
            consumer.contains("sts:GetCallerIdentity")
                && provider.contains("sts:GetCallerIdentity")
        );
    }
}
