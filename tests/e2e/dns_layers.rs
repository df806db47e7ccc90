//! The VPC resolver's layers moto does not model, served by the interposer: DNS Firewall
//! (route53resolver, awsJson: `ListFirewallRuleGroupAssociations`, `ListFirewallRules`,
//! `ListFirewallDomains`) and Route 53 Profiles (REST-JSON: `GET /profileassociations`,
//! `GET /profileresourceassociations/profileid/{id}`). Every VPC, rule group, domain list or
//! profile a test does not describe answers with an empty list (`Rules::dns_layers_empty`,
//! part of every [`crate::Case`]'s defaults), as a real account without them would.
//!
//! ```ignore
//! let rules = Rules::new()
//!     .firewall(&vpc, &[FirewallGroupSpec {
//!         priority: 101,
//!         rules: vec![FirewallRuleSpec::block("api.example.test", "NXDOMAIN")],
//!     }])
//!     .profile(&vpc, "rp-0123456789abcdef", &[ProfileResourceSpec::zone(&zone_id, "api.example.test")]);
//! ```
//! Ids are derived from the VPC and positions ([`firewall_group_id`], [`firewall_list_id`]),
//! so a test can name what it expects.

use serde_json::{Value, json};

use crate::interposer::Rules;

/// One rule of a DNS Firewall rule group: `(priority, action, block_response,
/// override_domain, domains)` as the API has them.
#[derive(Debug, Clone)]
pub struct FirewallRuleSpec {
    pub priority: i32,
    /// `ALLOW`, `BLOCK` or `ALERT`.
    pub action: String,
    /// For BLOCK: `NODATA`, `NXDOMAIN` or `OVERRIDE`.
    pub block_response: Option<String>,
    /// For an OVERRIDE block: the CNAME target.
    pub override_domain: Option<String>,
    /// The rule's domain list (`example.com.`, `*.example.com.` …).
    pub domains: Vec<String>,
}

impl FirewallRuleSpec {
    pub fn new(
        priority: i32,
        action: &str,
        block_response: Option<&str>,
        override_domain: Option<&str>,
        domains: &[&str],
    ) -> FirewallRuleSpec {
        FirewallRuleSpec {
            priority,
            action: action.into(),
            block_response: block_response.map(str::to_string),
            override_domain: override_domain.map(str::to_string),
            domains: domains.iter().map(ToString::to_string).collect(),
        }
    }

    /// BLOCK `domain` (priority 1) answering `response` (`NXDOMAIN`, `NODATA`).
    pub fn block(domain: &str, response: &str) -> FirewallRuleSpec {
        Self::new(1, "BLOCK", Some(response), None, &[domain])
    }

    /// BLOCK `domain` (priority 1) with an OVERRIDE answer: a CNAME to `target`.
    pub fn override_to(domain: &str, target: &str) -> FirewallRuleSpec {
        Self::new(1, "BLOCK", Some("OVERRIDE"), Some(target), &[domain])
    }

    /// ALLOW (or `ALERT`) `domain` at `priority`.
    pub fn pass(priority: i32, action: &str, domain: &str) -> FirewallRuleSpec {
        Self::new(priority, action, None, None, &[domain])
    }
}

/// A rule group associated with a VPC at `priority` (lower is evaluated first).
#[derive(Debug, Clone)]
pub struct FirewallGroupSpec {
    pub priority: i32,
    pub rules: Vec<FirewallRuleSpec>,
}

/// What a Route 53 Profile brings.
#[derive(Debug, Clone)]
pub struct ProfileResourceSpec {
    pub name: String,
    pub arn: String,
    /// `AWS::Route53::HostedZone`, `AWS::Route53Resolver::ResolverRule`,
    /// `AWS::Route53Resolver::FirewallRuleGroup`, `AWS::EC2::VPCEndpoint`.
    pub resource_type: String,
    /// The association's JSON properties (a firewall rule group's `{"priority": …}`).
    pub properties: Option<String>,
}

impl ProfileResourceSpec {
    /// A private hosted zone (`zone_id` without `/hostedzone/`).
    pub fn zone(zone_id: &str, name: &str) -> ProfileResourceSpec {
        ProfileResourceSpec {
            name: name.into(),
            arn: format!("arn:aws:route53:::hostedzone/{zone_id}"),
            resource_type: "AWS::Route53::HostedZone".into(),
            properties: None,
        }
    }

    /// A Resolver rule of `account` in `region`.
    pub fn rule(rule_id: &str, region: &str, account: &str) -> ProfileResourceSpec {
        ProfileResourceSpec {
            name: rule_id.into(),
            arn: format!("arn:aws:route53resolver:{region}:{account}:resolver-rule/{rule_id}"),
            resource_type: "AWS::Route53Resolver::ResolverRule".into(),
            properties: None,
        }
    }

    /// A DNS Firewall rule group at `priority` (serve its rules with
    /// [`Rules::firewall_group`]).
    pub fn firewall_group(
        group_id: &str,
        priority: i32,
        region: &str,
        account: &str,
    ) -> ProfileResourceSpec {
        ProfileResourceSpec {
            name: group_id.into(),
            arn: format!(
                "arn:aws:route53resolver:{region}:{account}:firewall-rule-group/{group_id}"
            ),
            resource_type: "AWS::Route53Resolver::FirewallRuleGroup".into(),
            properties: Some(json!({ "priority": priority }).to_string()),
        }
    }
}

/// A stable 17-hex-digit suffix for an id derived from `seed`.
fn hex_id(seed: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:017x}")
}

/// The id of the `index`th rule group [`Rules::firewall`] associates with `vpc_id`.
pub fn firewall_group_id(vpc_id: &str, index: usize) -> String {
    format!("rslvr-frg-{}", hex_id(&format!("{vpc_id}/{index}")))
}

/// The id of the domain list of rule `rule_index` of rule group `group_id`.
pub fn firewall_list_id(group_id: &str, rule_index: usize) -> String {
    format!("rslvr-fdl-{}", hex_id(&format!("{group_id}/{rule_index}")))
}

fn json_answer(v: Value) -> (u16, String) {
    (200, v.to_string())
}

impl Rules {
    /// `groups` associated with `vpc_id` (ListFirewallRuleGroupAssociations with its VpcId),
    /// each group's rules and domain lists served as by [`Rules::firewall_group`].
    pub fn firewall(self, vpc_id: &str, groups: &[FirewallGroupSpec]) -> Rules {
        let associations: Vec<Value> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let id = firewall_group_id(vpc_id, i);
                json!({
                    "Id": format!("rslvr-frgassoc-{}", hex_id(&id)),
                    "Arn": format!("arn:aws:route53resolver:us-east-1:000000000000:firewall-rule-group-association/rslvr-frgassoc-{}", hex_id(&id)),
                    "FirewallRuleGroupId": id,
                    "VpcId": vpc_id,
                    "Name": format!("group-{i}"),
                    "Priority": g.priority,
                    "MutationProtection": "DISABLED",
                    "Status": "COMPLETE",
                    "StatusMessage": "",
                })
            })
            .collect();
        let vpc = vpc_id.to_string();
        let mut rules = self.respond_if("ListFirewallRuleGroupAssociations", move |form| {
            (form.get("VpcId") == Some(&vpc)).then(|| {
                json_answer(json!({ "FirewallRuleGroupAssociations": associations.clone() }))
            })
        });
        for (i, g) in groups.iter().enumerate() {
            rules = rules.firewall_group(&firewall_group_id(vpc_id, i), &g.rules);
        }
        rules
    }

    /// The rules of rule group `group_id` (ListFirewallRules) and each rule's domain list
    /// (ListFirewallDomains), ids from [`firewall_list_id`].
    pub fn firewall_group(self, group_id: &str, rules: &[FirewallRuleSpec]) -> Rules {
        let listed: Vec<Value> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut rule = json!({
                    "FirewallRuleGroupId": group_id,
                    "FirewallDomainListId": firewall_list_id(group_id, i),
                    "Name": format!("rule-{i}"),
                    "Priority": r.priority,
                    "Action": r.action,
                });
                if let Some(b) = &r.block_response {
                    rule["BlockResponse"] = json!(b);
                }
                if let Some(d) = &r.override_domain {
                    rule["BlockOverrideDomain"] = json!(d);
                    rule["BlockOverrideDnsType"] = json!("CNAME");
                    rule["BlockOverrideTtl"] = json!(60);
                }
                rule
            })
            .collect();
        let group = group_id.to_string();
        let mut out = self.respond_if("ListFirewallRules", move |form| {
            (form.get("FirewallRuleGroupId") == Some(&group))
                .then(|| json_answer(json!({ "FirewallRules": listed.clone() })))
        });
        for (i, r) in rules.iter().enumerate() {
            let list = firewall_list_id(group_id, i);
            let domains = r.domains.clone();
            out = out.respond_if("ListFirewallDomains", move |form| {
                (form.get("FirewallDomainListId") == Some(&list))
                    .then(|| json_answer(json!({ "Domains": domains.clone() })))
            });
        }
        out
    }

    /// Profile `profile_id` associated with `vpc_id` (ListProfileAssociations with its
    /// resourceId), bringing `resources` (ListProfileResourceAssociations).
    pub fn profile(
        self,
        vpc_id: &str,
        profile_id: &str,
        resources: &[ProfileResourceSpec],
    ) -> Rules {
        let association = json!({
            "Id": format!("rpassoc-{}", hex_id(&format!("{vpc_id}/{profile_id}"))),
            "Name": format!("{profile_id}-{vpc_id}"),
            "OwnerId": "000000000000",
            "ProfileId": profile_id,
            "ResourceId": vpc_id,
            "Status": "COMPLETE",
            "StatusMessage": "",
        });
        let listed: Vec<Value> = resources
            .iter()
            .map(|r| {
                let mut v = json!({
                    "Id": format!("rpr-{}", hex_id(&format!("{profile_id}/{}", r.arn))),
                    "Name": r.name,
                    "OwnerId": "000000000000",
                    "ProfileId": profile_id,
                    "ResourceArn": r.arn,
                    "ResourceType": r.resource_type,
                    "Status": "COMPLETE",
                    "StatusMessage": "",
                });
                if let Some(p) = &r.properties {
                    v["ResourceProperties"] = json!(p);
                }
                v
            })
            .collect();
        let vpc = vpc_id.to_string();
        let path = format!("/profileresourceassociations/profileid/{profile_id}");
        self.respond_if("ListProfileAssociations", move |form| {
            (form.get("resourceId") == Some(&vpc))
                .then(|| json_answer(json!({ "ProfileAssociations": [association.clone()] })))
        })
        .respond_if("ListProfileResourceAssociations", move |form| {
            (form.get(":path") == Some(&path))
                .then(|| json_answer(json!({ "ProfileResourceAssociations": listed.clone() })))
        })
    }

    /// Every DNS Firewall and Profiles listing answers with an empty list: an account
    /// without them (moto answers 500). Later in the chain than a test's own rules.
    pub fn dns_layers_empty(self) -> Rules {
        [
            (
                "ListFirewallRuleGroupAssociations",
                "FirewallRuleGroupAssociations",
            ),
            ("ListFirewallRules", "FirewallRules"),
            ("ListFirewallDomains", "Domains"),
            ("ListProfileAssociations", "ProfileAssociations"),
            (
                "ListProfileResourceAssociations",
                "ProfileResourceAssociations",
            ),
        ]
        .into_iter()
        .fold(self, |rules, (action, field)| {
            rules.respond(action, move |_| json_answer(json!({ field: [] })))
        })
    }
}
