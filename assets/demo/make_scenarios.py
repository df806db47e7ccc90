#!/usr/bin/env python3
"""Writes the bundled demo scenarios (snapshot files, format version 1) next to this script.

They describe realistic PrivateLink set-ups: a consumer account running an interface endpoint
to an NLB-backed service in a provider account (and one S3 gateway endpoint), with real-looking
ids, per-AZ network interfaces inside their subnets, regional and zonal DNS names, and the
DNS answers a Route 53 Resolver inbound endpoint would give. Run it again after changing the
snapshot format; `cargo test` checks every scenario's verdicts.
"""
import copy
import json
import pathlib

HERE = pathlib.Path(__file__).parent
REGION = "us-east-1"
CONSUMER, PROVIDER = "111122223333", "444455556666"
EP = "vpce-0a1b2c3d4e5f60718"
SVC_ID = "vpce-svc-0f1e2d3c4b5a69788"
SVC = f"com.amazonaws.vpce.{REGION}.{SVC_ID}"
VPC = "vpc-0c3f9a7d2e1b45a60"
SUBNETS = [("subnet-0a9d8c7b6e5f40312", "10.40.1.0/24", "us-east-1a", "use1-az4"),
           ("subnet-0b8e7d6c5f4a30291", "10.40.2.0/24", "us-east-1b", "use1-az6")]
ENIS = [("eni-0d4c3b2a19f8e7d60", SUBNETS[0], "10.40.1.87"),
        ("eni-0e5d4c3b2a1f09e87", SUBNETS[1], "10.40.2.143")]
SG = "sg-0b7e6d5c4f3a2b190"
PRIVATE_NAME = "orders.internal.example.com"
DNS_SERVER = "10.40.0.2:53"
NLB_ARN = f"arn:aws:elasticloadbalancing:{REGION}:{PROVIDER}:loadbalancer/net/orders-api-nlb/5d1c7e0b9a2f4c33"
TG_ARN = f"arn:aws:elasticloadbalancing:{REGION}:{PROVIDER}:targetgroup/orders-api-tg/7a9e1b2c3d4e5f60"
LISTENER_ARN = f"arn:aws:elasticloadbalancing:{REGION}:{PROVIDER}:listener/net/orders-api-nlb/5d1c7e0b9a2f4c33/9b8a7c6d5e4f3a21"
PROVIDER_VPC = "vpc-0d9e8f7a6b5c4d3e2"
# The provider's account names the same two zones differently: by name they never match.
PROVIDER_ZONES = [("us-east-1c", "use1-az4", "subnet-0c1d2e3f4a5b60718", "10.50.1.0/24", "10.50.1.10"),
                  ("us-east-1d", "use1-az6", "subnet-0d2e3f4a5b6c70829", "10.50.2.0/24", "10.50.2.10")]
TARGET_SG = "sg-0e1f2a3b4c5d60789"
REGIONAL = f"{EP}-k3m9x2qp.{SVC_ID}.{REGION}.vpce.amazonaws.com"
ZONAL = [f"{EP}-k3m9x2qp-{s[2]}.{SVC_ID}.{REGION}.vpce.amazonaws.com" for s in SUBNETS]


def fact(key, value=None, error=None):
    out = {"key": key}
    if error is not None:
        out["error"] = error
    else:
        out["value"] = value
    return out


def v(kind, value):
    return {"type": kind, "value": value}


def endpoint(**over):
    ep = {
        "id": EP, "endpoint_type": "Interface", "vpc_id": VPC, "service_name": SVC,
        "state": "available", "owner_id": CONSUMER,
        "subnet_ids": [s[0] for s in SUBNETS], "network_interface_ids": [e[0] for e in ENIS],
        "security_group_ids": [SG], "private_dns_enabled": True,
        "dns_entries": [{"dns_name": REGIONAL, "hosted_zone_id": "Z7HUB22UULQXV"}]
        + [{"dns_name": z, "hosted_zone_id": "Z7HUB22UULQXV"} for z in ZONAL]
        + [{"dns_name": PRIVATE_NAME, "hosted_zone_id": "Z0123456ABCDEFGHIJKL"}],
        "route_table_ids": [],
        "policy_document": None, "last_error": None, "ip_address_type": "ipv4", "dns_record_ip_type": "ipv4",
        "tags": [["Name", "orders-api"], ["team", "payments"]],
    }
    ep.update(over)
    return ep


def interface_facts(ep=None, sg_rules=None, dns_hostnames=True, targets=None, connection="available",
                    dns_answers=None, resolver_rules=None):
    ep = ep or endpoint()
    eni_facts = [{"id": e[0], "subnet_id": e[1][0], "availability_zone": e[1][2], "private_ip": e[2],
                  "private_ips": [e[2]], "status": "in-use"} for e in ENIS]
    rules = sg_rules if sg_rules is not None else [
        {"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["10.40.0.0/16"],
         "ipv6_ranges": [], "group_refs": [], "prefix_lists": []}]
    targets = targets or [
        {"target_id": "i-0aa1bb2cc3dd4ee5f", "port": 8443, "availability_zone": "us-east-1c", "state": "healthy",
         "reason": None, "description": None, "health_check_port": "8443"},
        {"target_id": "i-0ff6ee5dd4cc3bb2a", "port": 8443, "availability_zone": "us-east-1d", "state": "healthy",
         "reason": None, "description": None, "health_check_port": "8443"},
    ]
    all_ips = [e[2] for e in ENIS]
    answers = {REGIONAL: {"kind": "addresses", "ips": all_ips},
               ZONAL[0]: {"kind": "addresses", "ips": [ENIS[0][2]]},
               ZONAL[1]: {"kind": "addresses", "ips": [ENIS[1][2]]},
               PRIVATE_NAME: {"kind": "addresses", "ips": all_ips}}
    answers.update(dns_answers or {})
    facts = [
        fact({"fact": "caller_identity", "account": "consumer"},
             v("identity", {"account": CONSUMER, "arn": f"arn:aws:sts::{CONSUMER}:assumed-role/OnCall/alex"})),
        fact({"fact": "caller_identity", "account": "provider"},
             v("identity", {"account": PROVIDER, "arn": f"arn:aws:sts::{PROVIDER}:assumed-role/ServiceOwner/alex"})),
        fact({"fact": "endpoint", "id": EP}, v("endpoint", ep)),
        fact({"fact": "vpc", "id": VPC}, v("vpc", {"id": VPC, "cidr_blocks": ["10.40.0.0/16"], "owner_id": CONSUMER,
                                                    "dhcp_options_id": "dopt-0123abcd4567ef890"})),
        fact({"fact": "vpc_attribute", "vpc_id": VPC, "attribute": "enableDnsSupport"}, v("bool", True)),
        fact({"fact": "vpc_attribute", "vpc_id": VPC, "attribute": "enableDnsHostnames"}, v("bool", dns_hostnames)),
        fact({"fact": "network_interfaces", "ids": sorted(e[0] for e in ENIS)}, v("network_interfaces", eni_facts)),
        fact({"fact": "security_groups", "ids": [SG]},
             v("security_groups", [{"id": SG, "name": "orders-api-endpoint", "vpc_id": VPC, "ingress": rules}])),
        fact({"fact": "service_detail", "service_name": SVC}, v("service_detail", {
            "service_name": SVC, "service_id": SVC_ID, "owner": PROVIDER, "service_type": ["Interface"],
            "availability_zones": ["us-east-1a", "us-east-1b"], "private_dns_name": PRIVATE_NAME,
            "private_dns_verification_state": "verified", "acceptance_required": True,
            "supported_ip_address_types": ["ipv4"]})),
        fact({"fact": "service_config", "service_id": SVC_ID}, v("service_config", {
            "service_id": SVC_ID, "service_name": SVC, "state": "Available", "acceptance_required": True,
            "network_load_balancer_arns": [NLB_ARN], "gateway_load_balancer_arns": [],
            "availability_zones": [z[0] for z in PROVIDER_ZONES], "private_dns_name": PRIVATE_NAME,
            "private_dns_state": "verified", "private_dns_txt_name": "_vpce-orders.internal.example.com",
            "private_dns_txt_value": "vpce:8yKq3Nw5pTzR1mVb2XcD"})),
        fact({"fact": "service_permissions", "service_id": SVC_ID},
             v("principals", [f"arn:aws:iam::{CONSUMER}:root", "arn:aws:iam::777788889999:root"])),
        fact({"fact": "endpoint_connections", "service_id": SVC_ID}, v("connections", [
            {"endpoint_id": EP, "state": connection, "owner": CONSUMER},
            {"endpoint_id": "vpce-09f8e7d6c5b4a3921", "state": "available", "owner": "777788889999"}])),
        fact({"fact": "load_balancers", "arns": [NLB_ARN]}, v("load_balancers", [{
            "arn": NLB_ARN, "name": "orders-api-nlb", "lb_type": "network", "scheme": "internal", "state": "active",
            "state_reason": None, "vpc_id": PROVIDER_VPC, "availability_zones": [z[0] for z in PROVIDER_ZONES],
            "security_groups": [], "subnet_ids": [z[2] for z in PROVIDER_ZONES], "ip_address_type": "ipv4"}])),
        fact({"fact": "listeners", "load_balancer_arn": NLB_ARN}, v("listeners", [
            {"arn": LISTENER_ARN, "port": 443, "protocol": "TLS", "target_group_arns": [TG_ARN]}])),
        fact({"fact": "target_health", "target_group_arn": TG_ARN}, v("target_health", targets)),
    ] + expert_facts(ep, targets, resolver_rules)
    for name, answer in answers.items():
        facts.append(fact({"fact": "dns", "name": name.lower()}, v("dns", answer)))
    return facts


# The default network ACL's entries: everything in and out, then the final deny.
ACL_ENTRIES = [
    {"rule_number": 100, "protocol": "-1", "allow": True, "egress": False, "cidr": "0.0.0.0/0",
     "port_from": None, "port_to": None},
    {"rule_number": 32767, "protocol": "-1", "allow": False, "egress": False, "cidr": "0.0.0.0/0",
     "port_from": None, "port_to": None},
    {"rule_number": 100, "protocol": "-1", "allow": True, "egress": True, "cidr": "0.0.0.0/0",
     "port_from": None, "port_to": None},
    {"rule_number": 32767, "protocol": "-1", "allow": False, "egress": True, "cidr": "0.0.0.0/0",
     "port_from": None, "port_to": None},
]


def expert_facts(ep, targets, resolver_rules=None):
    """What the checks beyond the seed read: zones, ACLs, DHCP options, hosted zones, NLB and
    target-group attributes, and where each target sits."""
    consumer_subnets = [{"id": s[0], "vpc_id": VPC, "cidr": s[1], "availability_zone": s[2],
                         "availability_zone_id": s[3], "ipv6_cidrs": []} for s in SUBNETS]
    provider_subnets = [{"id": z[2], "vpc_id": PROVIDER_VPC, "cidr": z[3], "availability_zone": z[0],
                         "availability_zone_id": z[1], "ipv6_cidrs": []} for z in PROVIDER_ZONES]
    consumer_zones = [{"name": s[2], "id": s[3]} for s in SUBNETS] + [
        {"name": "us-east-1c", "id": "use1-az1"}, {"name": "us-east-1d", "id": "use1-az2"}]
    provider_zones = [{"name": "us-east-1a", "id": "use1-az1"}, {"name": "us-east-1b", "id": "use1-az2"}] + [
        {"name": z[0], "id": z[1]} for z in PROVIDER_ZONES]
    zone_of = {z[0]: z for z in PROVIDER_ZONES}
    instances = [{"id": t["target_id"], "availability_zone": t["availability_zone"],
                  "subnet_id": zone_of[t["availability_zone"]][2],
                  "private_ip": zone_of[t["availability_zone"]][3].replace("0/24", str(20 + i)),
                  "security_group_ids": [TARGET_SG]} for i, t in enumerate(targets)]
    nlb_enis = [{"id": f"eni-0f{i}a1b2c3d4e5f6071", "subnet_id": z[2], "availability_zone": z[0],
                 "private_ip": z[4], "private_ips": [z[4]], "status": "in-use", "security_group_ids": [],
                 "description": "ELB net/orders-api-nlb/5d1c7e0b9a2f4c33"} for i, z in enumerate(PROVIDER_ZONES)]
    return [
        fact({"fact": "subnets", "vpc_id": VPC}, v("subnets", consumer_subnets)),
        fact({"fact": "subnets", "vpc_id": PROVIDER_VPC, "account": "provider"}, v("subnets", provider_subnets)),
        fact({"fact": "availability_zones", "account": "consumer"}, v("availability_zones", consumer_zones)),
        fact({"fact": "availability_zones", "account": "provider"}, v("availability_zones", provider_zones)),
        fact({"fact": "network_acls", "vpc_id": VPC}, v("network_acls", [
            {"id": "acl-0a2b4c6d8e0f13579", "vpc_id": VPC, "is_default": True,
             "subnet_ids": [s[0] for s in SUBNETS], "entries": [dict(e) for e in ACL_ENTRIES]}])),
        fact({"fact": "dhcp_options", "id": "dopt-0123abcd4567ef890"}, v("dhcp_options", {
            "id": "dopt-0123abcd4567ef890", "domain_name_servers": ["AmazonProvidedDNS"],
            "domain_name": ["ec2.internal"]})),
        fact({"fact": "hosted_zones_by_vpc", "vpc_id": VPC, "region": REGION}, v("hosted_zones", [
            {"id": "Z04417321V2JQ8PXNRK3E", "name": "corp.example.net", "owner": CONSUMER}])),
        fact({"fact": "endpoint_list"}, v("endpoints", [ep])),
        # The Resolver layers the VPC resolver consults (dns.resolution_path).
        fact({"fact": "resolver_rules"}, v("resolver_rules", resolver_rules or [])),
        fact({"fact": "resolver_rule_associations"}, v("rule_associations", [
            {"id": f"rslvr-rrassoc-{r['id'][9:]}", "rule_id": r["id"], "vpc_id": VPC, "status": "COMPLETE"}
            for r in resolver_rules or []])),
        fact({"fact": "resolver_endpoints"}, v("resolver_endpoints", [])),
        fact({"fact": "firewall_associations", "vpc_id": VPC}, v("firewall_associations", [])),
        fact({"fact": "profile_associations", "vpc_id": VPC}, v("profile_associations", [])),
        fact({"fact": "load_balancer_attributes", "arn": NLB_ARN}, v("attributes", [
            ["load_balancing.cross_zone.enabled", "false"], ["deletion_protection.enabled", "true"]])),
        fact({"fact": "target_group_attributes", "arn": TG_ARN}, v("attributes", [
            ["load_balancing.cross_zone.enabled", "use_load_balancer_configuration"],
            ["deregistration_delay.timeout_seconds", "300"]])),
        fact({"fact": "instances", "ids": sorted(t["target_id"] for t in targets)}, v("instances", instances)),
        fact({"fact": "security_groups", "ids": [TARGET_SG], "account": "provider"}, v("security_groups", [
            {"id": TARGET_SG, "name": "orders-api-targets", "vpc_id": PROVIDER_VPC,
             "ingress": [{"protocol": "tcp", "from_port": 8443, "to_port": 8443, "ipv4_ranges": ["10.50.0.0/16"],
                          "ipv6_ranges": [], "group_refs": [], "prefix_lists": []}],
             "egress": [{"protocol": "-1", "from_port": None, "to_port": None, "ipv4_ranges": ["0.0.0.0/0"],
                         "ipv6_ranges": [], "group_refs": [], "prefix_lists": []}]}])),
        fact({"fact": "network_interfaces_where", "account": "provider",
              "filters": [["description", ["ELB net/orders-api-nlb/5d1c7e0b9a2f4c33"]]]},
             v("network_interfaces", nlb_enis)),
        # No flow logs on the endpoint's interfaces, subnets or VPC (the common case).
        fact({"fact": "flow_logs", "resource_ids": sorted(set(
            ep["network_interface_ids"] + ep["subnet_ids"] + [ep["vpc_id"]]))}, v("flow_logs", [])),
    ]


def snapshot(facts, target=EP, provider=True):
    return {
        "snapshot_version": 1,
        "tool": "vpce-doctor 0.1.0",
        "created_at": "2026-11-27T03:12:44Z",
        "context": {"target": target, "region": REGION, "consumer_profile": "prod",
                    "provider_profile": "svc-owner" if provider else None, "dns_server": DNS_SERVER,
                    "vantage": "auto", "ports": [], "from": None, "expect_action": None, "expect_resource": None},
        "dns_source": f"DNS server {DNS_SERVER}",
        "provider_credentials": provider,
        "facts": facts,
    }


def gateway():
    gw = "vpce-0c2d4e6f8a0b1c3d5"
    rtb_a, rtb_main = "rtb-0a1b2c3d4e5f67890", "rtb-0f9e8d7c6b5a43210"
    pl = "pl-63a5400a"
    ep = endpoint(id=gw, endpoint_type="Gateway", service_name=f"com.amazonaws.{REGION}.s3", subnet_ids=[],
                  network_interface_ids=[], security_group_ids=[], private_dns_enabled=False, dns_entries=[],
                  route_table_ids=[rtb_a], tags=[["Name", "s3-gateway"]],
                  policy_document=json.dumps({"Version": "2008-10-17", "Statement": [
                      {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}))
    tables = [
        {"id": rtb_a, "vpc_id": VPC, "main": False, "subnet_ids": [SUBNETS[0][0]],
         "routes": [{"destination": "10.40.0.0/16", "target": "local", "state": "active"},
                    {"destination": "0.0.0.0/0", "target": "nat-0123456789abcdef0", "state": "active"}]},
        {"id": rtb_main, "vpc_id": VPC, "main": True, "subnet_ids": [],
         "routes": [{"destination": "10.40.0.0/16", "target": "local", "state": "active"}]},
    ]
    subnets = [{"id": s[0], "vpc_id": VPC, "cidr": s[1], "availability_zone": s[2], "availability_zone_id": s[3]}
               for s in SUBNETS]
    facts = [
        fact({"fact": "caller_identity", "account": "consumer"},
             v("identity", {"account": CONSUMER, "arn": f"arn:aws:sts::{CONSUMER}:assumed-role/OnCall/alex"})),
        fact({"fact": "endpoint", "id": gw}, v("endpoint", ep)),
        fact({"fact": "vpc", "id": VPC}, v("vpc", {"id": VPC, "cidr_blocks": ["10.40.0.0/16"], "owner_id": CONSUMER,
                                                    "dhcp_options_id": None})),
        fact({"fact": "vpc_attribute", "vpc_id": VPC, "attribute": "enableDnsSupport"}, v("bool", True)),
        fact({"fact": "vpc_attribute", "vpc_id": VPC, "attribute": "enableDnsHostnames"}, v("bool", True)),
        fact({"fact": "route_tables", "vpc_id": VPC}, v("route_tables", tables)),
        fact({"fact": "subnets", "vpc_id": VPC}, v("subnets", subnets)),
        fact({"fact": "service_detail", "service_name": f"com.amazonaws.{REGION}.s3"}, v("service_detail", {
            "service_name": f"com.amazonaws.{REGION}.s3", "service_id": None, "owner": "amazon",
            "service_type": ["Gateway"], "availability_zones": ["us-east-1a", "us-east-1b"],
            "private_dns_name": None, "private_dns_verification_state": None, "acceptance_required": False})),
        fact({"fact": "network_acls", "vpc_id": VPC}, v("network_acls", [
            {"id": "acl-0a2b4c6d8e0f13579", "vpc_id": VPC, "is_default": True,
             "subnet_ids": [s[0] for s in SUBNETS], "entries": [dict(e) for e in ACL_ENTRIES]}])),
        fact({"fact": "managed_prefix_list", "name": f"com.amazonaws.{REGION}.s3"}, v("prefix_list", {
            "id": pl, "name": f"com.amazonaws.{REGION}.s3",
            "cidrs": ["3.5.0.0/19", "16.15.176.0/20", "52.216.0.0/15", "54.231.0.0/16"]})),
    ]
    snap = snapshot(facts, target=gw, provider=False)
    snap["context"]["provider_profile"] = None
    snap["context"]["from"] = {"kind": "subnet", "value": SUBNETS[0][0]}
    return snap


def gwlb_no_route():
    """A Gateway Load Balancer endpoint for an inspection service whose application subnets'
    route table lost its default route through the endpoint."""
    gw_ep, gw_svc_id = "vpce-0e7f8091a2b3c4d5e", "vpce-svc-0c4d5e6f708192a3b"
    gw_svc = f"com.amazonaws.vpce.{REGION}.{gw_svc_id}"
    gwlb = f"arn:aws:elasticloadbalancing:{REGION}:{PROVIDER}:loadbalancer/gwy/inspection/3c4d5e6f708192a3"
    tg = f"arn:aws:elasticloadbalancing:{REGION}:{PROVIDER}:targetgroup/appliances/4d5e6f708192a3b4"
    rtb_app, rtb_main = "rtb-0a2b4c6d8e0f13579", "rtb-0f9e8d7c6b5a43210"
    ep = endpoint(id=gw_ep, endpoint_type="GatewayLoadBalancer", service_name=gw_svc,
                  subnet_ids=[SUBNETS[0][0]], network_interface_ids=["eni-0a8b7c6d5e4f30211"],
                  security_group_ids=[], private_dns_enabled=False, dns_entries=[], ip_address_type="ipv4",
                  dns_record_ip_type=None, tags=[["Name", "egress-inspection"]])
    tables = [
        {"id": rtb_app, "vpc_id": VPC, "main": False, "subnet_ids": [SUBNETS[1][0]],
         "routes": [{"destination": "10.40.0.0/16", "target": "local", "state": "active"}]},
        {"id": rtb_main, "vpc_id": VPC, "main": True, "subnet_ids": [],
         "routes": [{"destination": "10.40.0.0/16", "target": "local", "state": "active"},
                    {"destination": "0.0.0.0/0", "target": "igw-0123456789abcdef0", "state": "active"}]},
    ]
    subnets = [{"id": s[0], "vpc_id": VPC, "cidr": s[1], "availability_zone": s[2], "availability_zone_id": s[3]}
               for s in SUBNETS]
    appliances = [{"target_id": ip, "port": 6081, "availability_zone": "us-east-1c", "state": "healthy",
                   "reason": None, "description": None, "health_check_port": "80"}
                  for ip in ["10.50.1.20", "10.50.1.21"]]
    facts = [
        fact({"fact": "caller_identity", "account": "consumer"},
             v("identity", {"account": CONSUMER, "arn": f"arn:aws:sts::{CONSUMER}:assumed-role/OnCall/alex"})),
        fact({"fact": "caller_identity", "account": "provider"},
             v("identity", {"account": PROVIDER, "arn": f"arn:aws:sts::{PROVIDER}:assumed-role/ServiceOwner/alex"})),
        fact({"fact": "endpoint", "id": gw_ep}, v("endpoint", ep)),
        fact({"fact": "vpc_attribute", "vpc_id": VPC, "attribute": "enableDnsSupport"}, v("bool", True)),
        fact({"fact": "route_tables", "vpc_id": VPC}, v("route_tables", tables)),
        fact({"fact": "subnets", "vpc_id": VPC}, v("subnets", subnets)),
        fact({"fact": "service_detail", "service_name": gw_svc}, v("service_detail", {
            "service_name": gw_svc, "service_id": gw_svc_id, "owner": PROVIDER,
            "service_type": ["GatewayLoadBalancer"], "availability_zones": ["us-east-1a", "us-east-1b"],
            "private_dns_name": None, "private_dns_verification_state": None, "acceptance_required": True,
            "supported_ip_address_types": ["ipv4"]})),
        fact({"fact": "service_config", "service_id": gw_svc_id}, v("service_config", {
            "service_id": gw_svc_id, "service_name": gw_svc, "state": "Available", "acceptance_required": True,
            "network_load_balancer_arns": [], "gateway_load_balancer_arns": [gwlb],
            "availability_zones": [z[0] for z in PROVIDER_ZONES], "private_dns_name": None,
            "private_dns_state": None, "private_dns_txt_name": None, "private_dns_txt_value": None})),
        fact({"fact": "service_permissions", "service_id": gw_svc_id},
             v("principals", [f"arn:aws:iam::{CONSUMER}:root"])),
        fact({"fact": "endpoint_connections", "service_id": gw_svc_id}, v("connections", [
            {"endpoint_id": gw_ep, "state": "available", "owner": CONSUMER}])),
        fact({"fact": "load_balancers", "arns": [gwlb]}, v("load_balancers", [{
            "arn": gwlb, "name": "inspection", "lb_type": "gateway", "scheme": "internal", "state": "active",
            "state_reason": None, "vpc_id": PROVIDER_VPC, "availability_zones": [z[0] for z in PROVIDER_ZONES],
            "security_groups": [], "subnet_ids": [z[2] for z in PROVIDER_ZONES], "ip_address_type": "ipv4"}])),
        fact({"fact": "listeners", "load_balancer_arn": gwlb}, v("listeners", [
            {"arn": f"{gwlb}/listener", "port": None, "protocol": "", "target_group_arns": [tg]}])),
        fact({"fact": "target_health", "target_group_arn": tg}, v("target_health", appliances)),
    ]
    snap = snapshot(facts, target=gw_ep)
    snap["context"]["from"] = {"kind": "subnet", "value": SUBNETS[1][0]}
    return snap


def resource_association_failed():
    """A Resource endpoint (VPC Lattice) to a database shared from another account, whose
    association FAILED: the resource share was never accepted. The provider profile reads the
    resource configuration and its resource gateway (VPC Lattice), which are sound: ACTIVE,
    in both of the endpoint's zones (by AZ ID), 16 IPv4 addresses per ENI, egress to the
    database's port. AWS documents no list of failure codes: the code here is illustrative,
    shown raw like any."""
    rs_ep = "vpce-0b1c2d3e4f5a6b7c8"
    rcfg = f"arn:aws:vpc-lattice:{REGION}:{PROVIDER}:resourceconfiguration/rcfg-0a1b2c3d4e5f67890"
    rgw, rgw_sg = "rgw-0f1e2d3c4b5a69788", "sg-0a9b8c7d6e5f40312"
    ep = endpoint(id=rs_ep, endpoint_type="Resource", service_name="", private_dns_enabled=True,
                  dns_entries=[{"dns_name": f"{rs_ep}-snra-0a1b2c3d.rcfg-0a1b2c3d4e5f67890.4232ccc.vpc-lattice-rsc.{REGION}.on.aws",
                                "hosted_zone_id": "Z03824992SA8O4NHUMF0J"}],
                  resource_configuration_arn=rcfg, private_dns_preference="VERIFIED_DOMAINS_ONLY",
                  tags=[["Name", "orders-db"]])
    association = {
        "id": "vpce-rsc-asc-0c1d2e3f4a5b6c7d8", "endpoint_id": rs_ep, "accessibility": "FAILED",
        "associated_resource_arn": rcfg, "resource_configuration_group_arn": None,
        "service_network_arn": None, "service_network_name": None,
        "failure_code": "ResourceShareNotAccepted",
        "failure_reason": "The resource share with the resource configuration has not been accepted",
        "dns_entry": {"dns_name": f"{rs_ep}-snra-0a1b2c3d.rcfg-0a1b2c3d4e5f67890.4232ccc.vpc-lattice-rsc.{REGION}.on.aws",
                      "hosted_zone_id": "Z03824992SA8O4NHUMF0J"},
        "private_dns_entry": None,
    }
    facts = [
        fact({"fact": "caller_identity", "account": "consumer"},
             v("identity", {"account": CONSUMER, "arn": f"arn:aws:sts::{CONSUMER}:assumed-role/OnCall/alex"})),
        fact({"fact": "endpoint", "id": rs_ep}, v("endpoint", ep)),
        fact({"fact": "vpc_attribute", "vpc_id": VPC, "attribute": "enableDnsSupport"}, v("bool", True)),
        fact({"fact": "endpoint_associations", "endpoint_id": rs_ep},
             v("endpoint_associations", [association])),
        fact({"fact": "resource_configuration", "arn": rcfg}, v("resource_configuration", {
            "arn": rcfg, "id": "rcfg-0a1b2c3d4e5f67890", "name": "orders-db", "config_type": "SINGLE",
            "status": "ACTIVE", "resource_gateway_id": rgw, "port_ranges": ["5432"], "protocol": "TCP",
            "definition": {"kind": "ip", "value": "10.50.1.40"}})),
        fact({"fact": "resource_gateway", "id": rgw}, v("resource_gateway", {
            "id": rgw, "arn": f"arn:aws:vpc-lattice:{REGION}:{PROVIDER}:resourcegateway/{rgw}",
            "name": "orders-db-gateway", "status": "ACTIVE", "vpc_id": PROVIDER_VPC,
            "subnet_ids": [z[2] for z in PROVIDER_ZONES], "security_group_ids": [rgw_sg],
            "ip_address_type": "IPV4", "ipv4_addresses_per_eni": 16})),
        fact({"fact": "subnets", "vpc_id": VPC}, v("subnets", [
            {"id": s[0], "vpc_id": VPC, "cidr": s[1], "availability_zone": s[2], "availability_zone_id": s[3]}
            for s in SUBNETS])),
        fact({"fact": "subnets", "vpc_id": PROVIDER_VPC, "account": "provider"}, v("subnets", [
            {"id": z[2], "vpc_id": PROVIDER_VPC, "cidr": z[3], "availability_zone": z[0], "availability_zone_id": z[1]}
            for z in PROVIDER_ZONES])),
        fact({"fact": "security_groups", "ids": [rgw_sg], "account": "provider"}, v("security_groups", [
            {"id": rgw_sg, "name": "orders-db-gateway", "vpc_id": PROVIDER_VPC, "ingress": [],
             "egress": [{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "ipv4_ranges": ["10.50.1.0/24"],
                         "ipv6_ranges": [], "group_refs": [], "prefix_lists": []}]}])),
    ]
    return snapshot(facts, target=rs_ep)


# A cross-region endpoint: the consumer in REGION, the service (and its provider account's
# load balancer, targets and zones) in SERVICE_REGION.
SERVICE_REGION = "us-west-2"
PROVIDER_SIDE = {"service_config", "service_permissions", "endpoint_connections", "load_balancers", "listeners",
                 "target_health", "load_balancer_attributes", "target_group_attributes", "instances"}
# The provider's names and ids, moved to SERVICE_REGION (longest first: no partial rewrites).
TO_SERVICE_REGION = [("us-east-1c", "us-west-2a"), ("us-east-1d", "us-west-2b"), ("us-east-1a", "us-west-2c"),
                     ("us-east-1b", "us-west-2d"), ("use1-az4", "usw2-az2"), ("use1-az6", "usw2-az1"),
                     ("use1-az1", "usw2-az3"), ("use1-az2", "usw2-az4"), (f":{REGION}:", f":{SERVICE_REGION}:"),
                     (f"vpce.{REGION}.vpce-svc", f"vpce.{SERVICE_REGION}.vpce-svc")]


def in_service_region(value):
    text = json.dumps(value)
    for old, new in TO_SERVICE_REGION:
        text = text.replace(old, new)
    return json.loads(text)


def cross_region():
    """A healthy cross-region endpoint: the service offers REGION (Available, remote access on),
    the endpoint's subnets sit in zones supported for remote access, the provider side is
    recorded under its region (`in_region` keys), the consumer's view under
    `service_detail_across`."""
    svc = SVC.replace(f"vpce.{REGION}.", f"vpce.{SERVICE_REGION}.")
    ep = endpoint(service_name=svc, service_region=SERVICE_REGION, tags=[["Name", "orders-api-us-west-2"]])
    out = []
    for f in interface_facts(ep=ep):
        key = f["key"]
        if key["fact"] == "service_detail":
            f = fact({"fact": "service_detail_across", "service_name": svc, "service_region": SERVICE_REGION},
                     f["value"])
            f["value"]["value"].update(service_name=svc, service_region=SERVICE_REGION,
                                       availability_zone_ids=[s[3] for s in SUBNETS])
        elif key["fact"] in PROVIDER_SIDE or key.get("account") == "provider" and key["fact"] != "caller_identity":
            f = in_service_region(f)
            f["key"] = {"fact": "in_region", "region": SERVICE_REGION, "key": f["key"]}
            if key["fact"] == "service_config":
                f["value"]["value"].update(
                    supported_regions=[{"region": SERVICE_REGION, "service_state": "Available"},
                                       {"region": REGION, "service_state": "Available"}],
                    remote_access_enabled=True, supported_ip_address_types=["ipv4"])
        out.append(f)
    return snapshot(out)


V6_VPC = "2600:1f18:4a3:6e00::/56"
V6_SUBNETS = ["2600:1f18:4a3:6e01::/64", "2600:1f18:4a3:6e02::/64"]
V6_ENIS = ["2600:1f18:4a3:6e01:8d2c:41ab:3e5f:9a17", "2600:1f18:4a3:6e02:1b7e:c940:52d3:6f08"]


def ipv6_only():
    """An IPv6-only interface endpoint in IPv6-only subnets, to a service that accepts IPv6:
    the interfaces have only IPv6 addresses, the names carry only AAAA records, and the
    security group and network ACLs admit the VPC's IPv6 range."""
    ep = endpoint(ip_address_type="ipv6", dns_record_ip_type="ipv6")
    rules = [{"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": [],
              "ipv6_ranges": [V6_VPC], "group_refs": [], "prefix_lists": []}]
    facts = interface_facts(ep=ep, sg_rules=rules)
    out = []
    for f in facts:
        key, val = f["key"], f.get("value")
        kind = key["fact"]
        if kind == "dns":
            continue
        if kind == "vpc":
            val["value"]["ipv6_cidr_blocks"] = [V6_VPC]
        elif kind == "network_interfaces":
            for eni, addr in zip(val["value"], V6_ENIS):
                eni.update(private_ip=None, private_ips=[], ipv6_addresses=[addr])
        elif kind == "subnets" and key["vpc_id"] == VPC:
            for sub, cidr in zip(val["value"], V6_SUBNETS):
                sub.update(cidr="", ipv6_cidrs=[cidr])
        elif kind == "network_acls":
            entries = val["value"][0]["entries"]
            for e in list(entries):
                entries.append(dict(e, cidr="::/0", rule_number=e["rule_number"] + 1 if e["allow"] else 32768))
        elif kind == "service_detail":
            val["value"]["supported_ip_address_types"] = ["ipv4", "ipv6"]
        elif kind == "service_config":
            val["value"]["supported_ip_address_types"] = ["ipv4", "ipv6"]
        elif kind == "load_balancers":
            val["value"][0]["ip_address_type"] = "dualstack"
        out.append(f)
    answers = {REGIONAL: V6_ENIS, ZONAL[0]: [V6_ENIS[0]], ZONAL[1]: [V6_ENIS[1]], PRIVATE_NAME: V6_ENIS}
    for name, addrs in answers.items():
        out.append(fact({"fact": "dns", "name": name.lower(), "record": "AAAA"},
                        v("dns", {"kind": "addresses", "ips": sorted(addrs)})))
    return snapshot(out)


ENDPOINT_METRICS = ["NewConnections", "ActiveConnections", "PacketsDropped", "RstPacketsReceived",
                    "BytesProcessed"]
NLB_COUNTS = ["TCP_Target_Reset_Count", "TCP_ELB_Reset_Count", "TCP_Client_Reset_Count",
              "PortAllocationErrorCount"]
NLB_DIM = "net/orders-api-nlb/" + NLB_ARN.rsplit("/", 1)[1]
TG_DIM = TG_ARN[TG_ARN.index("targetgroup/"):]


def stat(metric):
    return "Maximum" if metric in ("ActiveConnections", "HealthyHostCount", "UnHealthyHostCount") else "Sum"


def metrics_facts(values):
    """The CloudWatch series the traffic checks ask for, in the order they ask (one
    GetMetricData per account), answered by `values(namespace, metric, dims)`: 15 minutes."""
    base = [["Endpoint Type", "Interface"], ["Service Name", SVC], ["VPC Endpoint Id", EP], ["VPC Id", VPC]]
    consumer = []
    for m in ENDPOINT_METRICS:
        consumer.append(("AWS/PrivateLinkEndpoints", m, base))
        for s in SUBNETS:
            consumer.append(("AWS/PrivateLinkEndpoints", m, base + [["Subnet Id", s[0]]]))
    provider = [("AWS/PrivateLinkServices", m, [["Service Id", SVC_ID], ["VPC Endpoint Id", EP]])
                for m in ("NewConnections", "RstPacketsSent")]
    provider += [("AWS/NetworkELB", m, [["LoadBalancer", NLB_DIM]]) for m in NLB_COUNTS]
    for z in PROVIDER_ZONES:
        for m in ("HealthyHostCount", "UnHealthyHostCount"):
            provider.append(("AWS/NetworkELB", m,
                             [["AvailabilityZone", z[0]], ["LoadBalancer", NLB_DIM], ["TargetGroup", TG_DIM]]))
    out = []
    for account, queries in (("consumer", consumer), ("provider", provider)):
        key = {"fact": "metrics", "account": account, "window_secs": 900, "period_secs": 60,
               "queries": [{"namespace": ns, "metric": m, "stat": stat(m), "dimensions": d}
                           for ns, m, d in queries]}
        out.append(fact(key, v("metrics", {
            "start": "2026-11-27T02:57:00Z", "end": "2026-11-27T03:12:00Z", "period_secs": 60,
            "series": [{"values": values(ns, m, dict(d)), "status": "Complete"} for ns, m, d in queries]})))
    return out


# A steady working day: connections every minute, split over the two subnets.
BUSY = [38, 41, 36, 44, 40, 39, 47, 42, 35, 40, 43, 38, 41, 45, 39]


def traffic(connections=True, unhealthy_zone=None):
    def values(ns, metric, dims):
        share = 0.5 if "Subnet Id" in dims else 1.0
        if metric == "NewConnections":
            return [round(n * share) if connections else 0 for n in BUSY]
        if metric == "ActiveConnections":
            return [round(n * 3 * share) if connections else 0 for n in BUSY]
        if metric == "BytesProcessed":
            return [n * 5120 * share if connections else 0 for n in BUSY]
        zone = dims.get("AvailabilityZone")
        if metric == "HealthyHostCount":
            return [0 if zone == unhealthy_zone else 1] * 15
        if metric == "UnHealthyHostCount":
            return [2 if zone == unhealthy_zone else 0] * 15
        return [0] * 15
    return metrics_facts(values)


def main():
    scenarios = {
        "healthy": snapshot(interface_facts() + traffic()),
        "pending-acceptance": snapshot(interface_facts(
            ep=endpoint(state="pendingAcceptance"), connection="pendingAcceptance")),
        "sg-blocks-443": snapshot(interface_facts(sg_rules=[
            {"protocol": "tcp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["10.40.0.0/16"],
             "ipv6_ranges": [], "group_refs": [], "prefix_lists": []},
            {"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["10.40.9.0/24"],
             "ipv6_ranges": [], "group_refs": [], "prefix_lists": []}]) + traffic(connections=False)),
        "private-dns-broken": snapshot(interface_facts(
            dns_hostnames=False,
            dns_answers={PRIVATE_NAME: {"kind": "addresses", "ips": ["52.94.227.17", "52.94.227.84"]}})
            + traffic(connections=False)),
        # A Resolver rule for exactly the private DNS name, made for an on-premises copy of
        # the service, sends the name away from the VPC resolver: the endpoint's private DNS
        # is never consulted and the on-premises server answers its own address.
        "dns-forward-hijack": snapshot(interface_facts(
            resolver_rules=[{"id": "rslvr-rr-5f0c2a9e1d3b4c6a7", "name": "orders-onprem",
                             "domain": PRIVATE_NAME, "rule_type": "FORWARD",
                             "targets": ["10.90.0.2:53", "10.90.1.2:53"],
                             "resolver_endpoint_id": "rslvr-out-0a9b8c7d6e5f4a3b2",
                             "owner_id": CONSUMER, "share_status": "NOT_SHARED", "status": "COMPLETE"}],
            dns_answers={PRIVATE_NAME: {"kind": "addresses", "ips": ["10.90.4.20"]}})
            + traffic(connections=False)),
        "unhealthy-targets-az": snapshot(interface_facts(targets=[
            {"target_id": "i-0aa1bb2cc3dd4ee5f", "port": 8443, "availability_zone": "us-east-1c", "state": "healthy",
             "reason": None, "description": None, "health_check_port": "8443"},
            {"target_id": "i-0bb2cc3dd4ee5ff6a", "port": 8443, "availability_zone": "us-east-1c", "state": "healthy",
             "reason": None, "description": None, "health_check_port": "8443"},
            {"target_id": "i-0ff6ee5dd4cc3bb2a", "port": 8443, "availability_zone": "us-east-1d", "state": "unhealthy",
             "reason": "Target.FailedHealthChecks", "description": "Health checks failed",
             "health_check_port": "8443"},
            {"target_id": "i-0ee5dd4cc3bb2aa19", "port": 8443, "availability_zone": "us-east-1d", "state": "unhealthy",
             "reason": "Target.FailedHealthChecks", "description": "Health checks failed",
             "health_check_port": "8443"}]) + traffic(unhealthy_zone="us-east-1d")),
        "gateway-missing-route": gateway(),
        "gwlb-no-route": gwlb_no_route(),
        "resource-association-failed": resource_association_failed(),
        "cross-region": cross_region(),
        "ipv6-only": ipv6_only(),
    }
    for name, snap in scenarios.items():
        (HERE / f"{name}.json").write_text(json.dumps(snap, indent=1) + "\n")


if __name__ == "__main__":
    main()
