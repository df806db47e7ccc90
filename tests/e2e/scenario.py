"""Builds one PrivateLink scenario in moto through the real AWS API (boto3) for the e2e tests.

Input: one JSON object on argv[1]; output: one JSON object on stdout with the ids, the
addresses and per-account credentials the test needs. Every test gets its own consumer and
provider account ids, so tests share one moto server without interfering.
"""
import ipaddress
import uuid
import json
import sys

import boto3


def clients(endpoint, region, account):
    sts = boto3.client("sts", endpoint_url=endpoint, region_name=region,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    cr = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/vpce-doctor-test",
                         RoleSessionName="scenario")["Credentials"]
    kw = dict(endpoint_url=endpoint, region_name=region, aws_access_key_id=cr["AccessKeyId"],
              aws_secret_access_key=cr["SecretAccessKey"], aws_session_token=cr["SessionToken"])
    creds = {"access_key_id": cr["AccessKeyId"], "secret_access_key": cr["SecretAccessKey"],
             "session_token": cr["SessionToken"]}
    return boto3.client("ec2", **kw), boto3.client("elbv2", **kw), creds, kw


def network_acl(ec2, vpc, subnets, entries):
    """A new network ACL holding `entries` (rule, action, egress, cidr, protocol, ports),
    associated with `subnets` in place of the VPC's default ACL."""
    acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    for e in entries:
        args = dict(NetworkAclId=acl, RuleNumber=e["rule"], Protocol=e.get("protocol", "-1"),
                    RuleAction=e["action"], Egress=e.get("egress", False))
        args["Ipv6CidrBlock" if ":" in e["cidr"] else "CidrBlock"] = e["cidr"]
        if "ports" in e:
            args["PortRange"] = {"From": e["ports"][0], "To": e["ports"][1]}
        ec2.create_network_acl_entry(**args)
    current = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["NetworkAcls"]
    for a in current:
        for assoc in a["Associations"]:
            if assoc["SubnetId"] in subnets:
                ec2.replace_network_acl_association(AssociationId=assoc["NetworkAclAssociationId"],
                                                    NetworkAclId=acl)
    return acl


def gwlb_endpoint(spec, out, endpoint, region, cec2, vpc, subnet):
    """kind gwlb: a service behind a Gateway Load Balancer (GENEVE appliances on port 6081)
    and a Gateway Load Balancer endpoint in the consumer's first subnet; the clients' subnet
    sends 0.0.0.0/0 through it unless the spec says `gwlb_route: false`."""
    pec2, pelb, pcreds, _ = clients(endpoint, region, spec["provider"])
    out["provider_credentials"] = pcreds
    pvpc = pec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    psub = pec2.create_subnet(VpcId=pvpc, CidrBlock="10.20.1.0/24",
                              AvailabilityZone=region + "a")["Subnet"]["SubnetId"]
    lb = pelb.create_load_balancer(Name="inspect", Subnets=[psub], Type="gateway")["LoadBalancers"][0]["LoadBalancerArn"]
    tg = pelb.create_target_group(Name="appliances", Protocol="GENEVE", Port=6081, VpcId=pvpc,
                                  TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
    pelb.register_targets(TargetGroupArn=tg, Targets=[{"Id": "10.20.1.10"}])
    pelb.create_listener(LoadBalancerArn=lb, DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    svc = pec2.create_vpc_endpoint_service_configuration(GatewayLoadBalancerArns=[lb],
                                                        AcceptanceRequired=False)["ServiceConfiguration"]
    pec2.modify_vpc_endpoint_service_permissions(
        ServiceId=svc["ServiceId"], AddAllowedPrincipals=[f"arn:aws:iam::{spec['consumer']}:root"])
    ep = cec2.create_vpc_endpoint(VpcEndpointType="GatewayLoadBalancer", VpcId=vpc,
                                  ServiceName=svc["ServiceName"], SubnetIds=[subnet])["VpcEndpoint"]
    app = cec2.create_subnet(VpcId=vpc, CidrBlock="10.10.100.0/24", AvailabilityZone=region + "a")["Subnet"]["SubnetId"]
    rtb = cec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    cec2.associate_route_table(RouteTableId=rtb, SubnetId=app)
    if spec.get("gwlb_route", True):
        cec2.create_route(RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", VpcEndpointId=ep["VpcEndpointId"])
    out.update(endpoint_id=ep["VpcEndpointId"], service_id=svc["ServiceId"], service_name=svc["ServiceName"],
               lb_arn=lb, tg_arn=tg, route_table_id=rtb, client_subnet_id=app)


def resource_endpoint(spec, out, endpoint, region, cec2, vpc, subnets):
    """kind resource: a Resource endpoint (VPC Lattice) with a security group in every
    consumer subnet; the interposer supplies what moto does not model (the resource
    configuration's ARN, the endpoint's associations, and VPC Lattice's answers about the
    resource configuration and its resource gateway). The gateway's VPC, subnets (one per
    zone of `gateway_zones`, the endpoint's by default) and security group are real, in the
    provider account; the group's egress is `gateway_egress_ports` to 10.20.1.0/24.
    `spare_subnet_zone`: one more consumer subnet there, not the endpoint's."""
    sg = cec2.create_security_group(GroupName="endpoint", Description="endpoint", VpcId=vpc)["GroupId"]
    arn = spec.get("resource_configuration_arn",
                   f"arn:aws:vpc-lattice:{out['region']}:{spec['provider']}:resourceconfiguration/rcfg-0a1b2c3d4e5f60718")
    ep = cec2.create_vpc_endpoint(VpcEndpointType="Resource", VpcId=vpc, ResourceConfigurationArn=arn,
                                  SubnetIds=list(subnets.values()), SecurityGroupIds=[sg])["VpcEndpoint"]
    out.update(endpoint_id=ep["VpcEndpointId"], resource_configuration_arn=arn, security_group_id=sg)
    pec2, _, pcreds, _ = clients(endpoint, region, spec["provider"])
    out["provider_credentials"] = pcreds
    pvpc = pec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    zones = spec.get("gateway_zones", spec.get("consumer_zones", ["a"]))
    psubs = [pec2.create_subnet(VpcId=pvpc, CidrBlock=f"10.20.{i + 1}.0/24",
                                AvailabilityZone=region + letter)["Subnet"]["SubnetId"]
             for i, letter in enumerate(zones)]
    gsg = pec2.create_security_group(GroupName="resource-gateway", Description="resource gateway",
                                     VpcId=pvpc)["GroupId"]
    # A new group lets everything out (in AWS as in moto): only the spec's ports remain.
    pec2.revoke_security_group_egress(GroupId=gsg, IpPermissions=[
        {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    for port in spec.get("gateway_egress_ports", [5432]):
        pec2.authorize_security_group_egress(GroupId=gsg, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "10.20.1.0/24"}]}])
    out.update(provider_vpc_id=pvpc, gateway_subnet_ids=psubs, gateway_sg_id=gsg)
    if spec.get("spare_subnet_zone"):
        # A subnet of the endpoint's VPC the endpoint does not use (yet), in that zone.
        out["spare_subnet_id"] = cec2.create_subnet(
            VpcId=vpc, CidrBlock="10.10.50.0/24",
            AvailabilityZone=region + spec["spare_subnet_zone"])["Subnet"]["SubnetId"]


def workload(spec, out, cec2, vpc, subnets, region, kw):
    """kind workload: the subnets on one private route table (no internet route), a public
    subnet beside them (10.10.200.0/24, default route to an internet gateway), and an endpoint
    per entry of `services`: s3 and dynamodb as gateway endpoints on the private table (policy
    `s3_policy` if given; the subnet of `unrouted_zone` on another table), the rest as interface endpoints with private DNS in every private
    subnet, in one security group that admits the VPC on 443."""
    rtb = cec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    for letter, sub in subnets.items():
        if letter != spec.get("unrouted_zone"):
            cec2.associate_route_table(RouteTableId=rtb, SubnetId=sub)
    if spec.get("unrouted_zone"):
        # That zone's subnet on a private table of its own, not on the gateway endpoints.
        other = cec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        cec2.associate_route_table(RouteTableId=other, SubnetId=subnets[spec["unrouted_zone"]])
        out["unrouted_table_id"] = other
    igw = cec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    cec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    public_rtb = cec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    cec2.create_route(RouteTableId=public_rtb, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    public = cec2.create_subnet(VpcId=vpc, CidrBlock="10.10.200.0/24",
                                AvailabilityZone=region + "a")["Subnet"]["SubnetId"]
    cec2.associate_route_table(RouteTableId=public_rtb, SubnetId=public)
    sg = cec2.create_security_group(GroupName="endpoints", Description="endpoints", VpcId=vpc)["GroupId"]
    cec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.10.0.0/16"}]}])
    endpoints = {}
    for name in spec.get("services", []):
        service = f"com.amazonaws.{region}.{name}"
        if name in ("s3", "dynamodb"):
            args = dict(VpcEndpointType="Gateway", VpcId=vpc, ServiceName=service, RouteTableIds=[rtb])
            if name == "s3" and spec.get("s3_policy"):
                args["PolicyDocument"] = json.dumps(spec["s3_policy"])
        else:
            args = dict(VpcEndpointType="Interface", VpcId=vpc, ServiceName=service,
                        SubnetIds=list(subnets.values()), SecurityGroupIds=[sg], PrivateDnsEnabled=True)
        endpoints[name] = cec2.create_vpc_endpoint(**args)["VpcEndpoint"]["VpcEndpointId"]
    out.update(route_table_id=rtb, public_subnet_id=public, security_group_id=sg,
               endpoints=endpoints, records=records(cec2, vpc))
    if spec.get("bucket"):
        # A bucket of the consumer's behind the S3 endpoint; in its policy __ENDPOINT__ and
        # __VPC__ stand for the S3 endpoint and the VPC, known only now.
        # Bucket names are global (in moto too): each test's carries its consumer's id, and
        # __BUCKET__ in the policy stands for it.
        bucket = f"{spec['bucket']}-{spec['consumer']}"
        s3 = boto3.client("s3", **kw)
        s3.create_bucket(Bucket=bucket)
        out["bucket"] = bucket
        if spec.get("bucket_policy"):
            text = json.dumps(spec["bucket_policy"]).replace(
                "__ENDPOINT__", endpoints.get("s3", "")).replace("__VPC__", vpc).replace(
                "__BUCKET__", bucket)
            s3.put_bucket_policy(Bucket=bucket, Policy=text)


def records(cec2, vpc):
    """The names each interface endpoint of `vpc` answers for (its own DNS entries and its
    service's private DNS name, a wildcard as the tool probes it), with its addresses."""
    out = {}
    eps = cec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["VpcEndpoints"]
    for ep in eps:
        if ep["VpcEndpointType"] != "Interface" or ep["State"] == "deleted":
            continue
        ips = [n["PrivateIpAddress"] for n in
               cec2.describe_network_interfaces(NetworkInterfaceIds=ep["NetworkInterfaceIds"])["NetworkInterfaces"]]
        names = [d["DnsName"] for d in ep.get("DnsEntries", [])]
        for svc in cec2.describe_vpc_endpoint_services(ServiceNames=[ep["ServiceName"]])["ServiceDetails"]:
            if svc.get("PrivateDnsName"):
                names.append(svc["PrivateDnsName"])
        for name in names:
            if name.startswith("*."):
                name = "vpce-doctor-probe." + name[2:]
            out[name] = ips
    return out


def vpc_ref(out, ref):
    """A VPC named in a spec: "endpoint" (the endpoint's VPC), "client" (client_vpc's) or an id."""
    return {"endpoint": out["vpc_id"], "client": out.get("client_vpc_id")}.get(ref, ref)


def client_vpc(spec, out, cec2, vpc):
    """client_vpc: a second VPC whose clients use the endpoint, {"cidr": "10.30.0.0/16",
    "peering": true, "tgw": false, "routes": ["to_endpoint", "from_endpoint"]}: a subnet
    (first /24 of the CIDR) on a route table of its own, an active peering connection with the
    endpoint's VPC and/or a transit gateway both are attached to, and the routes listed
    (client table → endpoint VPC; the endpoint VPC's main table, where its subnets are → client),
    through the peering when there is one, else the transit gateway. Drop one to test it."""
    c = spec["client_vpc"]
    cidr = c.get("cidr", "10.30.0.0/16")
    region = out["region"]
    cvpc = cec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    cec2.modify_vpc_attribute(VpcId=cvpc, EnableDnsHostnames={"Value": True})
    net = ipaddress.ip_network(cidr)
    csub = cec2.create_subnet(VpcId=cvpc, CidrBlock=str(next(net.subnets(new_prefix=24))),
                              AvailabilityZone=region + "a")["Subnet"]["SubnetId"]
    crtb = cec2.create_route_table(VpcId=cvpc)["RouteTable"]["RouteTableId"]
    cec2.associate_route_table(RouteTableId=crtb, SubnetId=csub)
    main = cec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                              {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]["RouteTableId"]
    out.update(client_vpc_id=cvpc, client_vpc_cidr=cidr, client_vpc_subnet_id=csub,
               client_route_table_id=crtb, endpoint_route_table_id=main)
    via = {}
    if c.get("peering", True):
        pcx = cec2.create_vpc_peering_connection(VpcId=cvpc, PeerVpcId=vpc)["VpcPeeringConnection"]["VpcPeeringConnectionId"]
        cec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
        out["peering_id"] = pcx
        via = {"VpcPeeringConnectionId": pcx}
    if c.get("tgw", False):
        tgw = cec2.create_transit_gateway(Description="dns")["TransitGateway"]["TransitGatewayId"]
        out["tgw_attachments"] = {
            v: cec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=v, SubnetIds=[s])[
                "TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
            for v, s in ((vpc, out["subnet_id"]), (cvpc, csub))}
        out["tgw_id"] = tgw
        via = via or {"TransitGatewayId": tgw}
    routes = c.get("routes", ["to_endpoint", "from_endpoint"]) if via else []
    if "to_endpoint" in routes:
        cec2.create_route(RouteTableId=crtb, DestinationCidrBlock="10.10.0.0/16", **via)
    if "from_endpoint" in routes:
        cec2.create_route(RouteTableId=main, DestinationCidrBlock=cidr, **via)


def dns_layers(spec, out, cec2, ckw, vpc, subnets):
    """The VPC resolver's layers moto models (DNS Firewall and Profiles come from the
    interposer, tests/e2e/dns_layers.rs). Every endpoint, rule and association gets a Name
    (moto sorts its listings by name and answers 500 without one).

    resolver_endpoints: [{"name": "inbound", "direction": "INBOUND", "sg_cidrs": ["10.30.0.0/16"],
      "ips": ["10.10.1.53", …]}] in the endpoint VPC's subnets (two addresses, the least AWS
      takes; a lone subnet holds both), each in a new security group admitting `sg_cidrs` on 53
      tcp and udp → out["resolver_endpoints"][name] = {id, sg_id, ips}.
    resolver_rules: [{"name": "fwd", "type": "FORWARD"|"SYSTEM", "domain": "example.test",
      "targets": ["10.9.0.2", "10.9.0.3:5353"], "endpoint": "outbound", "vpcs": ["endpoint",
      "client"]}] (a FORWARD rule needs an OUTBOUND endpoint: moto answers 500 without; the first
      one listed when `endpoint` is not named) → out["resolver_rules"][name] = {id,
      associations: {vpc id: association id}}.
    private_zones: [{"name": "api.example.test", "vpcs": ["endpoint", "client"], "records":
      [{"name": "api.example.test", "type": "A"|"CNAME"}]}] with records pointing at the endpoint
      (A: its addresses, CNAME: its first DNS name) → out["private_zones"][name] = zone id."""
    if spec.get("resolver_endpoints") or spec.get("resolver_rules"):
        r = boto3.client("route53resolver", **ckw)
    endpoints = {}
    for e in spec.get("resolver_endpoints", []):
        sg = cec2.create_security_group(GroupName=f"resolver-{e['name']}", Description="resolver endpoint",
                                        VpcId=vpc)["GroupId"]
        cidrs = e.get("sg_cidrs", [])
        if cidrs:
            cec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{
                "IpProtocol": proto, "FromPort": 53, "ToPort": 53,
                "IpRanges": [{"CidrIp": c} for c in cidrs]} for proto in ("tcp", "udp")])
        subs = list(subnets.values())
        addresses = [{"SubnetId": subs[i % len(subs)]} for i in range(2)]
        for a, ip in zip(addresses, e.get("ips", [])):
            a["Ip"] = ip
        ep = r.create_resolver_endpoint(CreatorRequestId=str(uuid.uuid4()), Name=e["name"],
                                        SecurityGroupIds=[sg], Direction=e.get("direction", "INBOUND"),
                                        IpAddresses=addresses)["ResolverEndpoint"]
        ips = [a["Ip"] for a in r.list_resolver_endpoint_ip_addresses(ResolverEndpointId=ep["Id"])["IpAddresses"]]
        endpoints[e["name"]] = {"id": ep["Id"], "sg_id": sg, "ips": ips,
                                "direction": e.get("direction", "INBOUND")}
    if endpoints:
        out["resolver_endpoints"] = endpoints
    rules = {}
    for rule in spec.get("resolver_rules", []):
        args = dict(CreatorRequestId=str(uuid.uuid4()), Name=rule["name"],
                    RuleType=rule.get("type", "FORWARD"), DomainName=rule["domain"])
        if args["RuleType"] == "FORWARD":
            targets = []
            for t in rule.get("targets", []):
                ip, _, port = t.partition(":")
                targets.append({"Ip": ip, "Port": int(port or 53)})
            args["TargetIps"] = targets
            outbound = rule.get("endpoint") or next(
                (n for n, e in endpoints.items() if e["direction"] == "OUTBOUND"), None)
            assert outbound, f"FORWARD rule {rule['name']} needs an OUTBOUND resolver endpoint"
            args["ResolverEndpointId"] = endpoints[outbound]["id"]
        rid = r.create_resolver_rule(**args)["ResolverRule"]["Id"]
        associations = {}
        for ref in rule.get("vpcs", ["endpoint"]):
            v = vpc_ref(out, ref)
            associations[v] = r.associate_resolver_rule(
                ResolverRuleId=rid, VPCId=v, Name=f"{rule['name']}-{ref}")["ResolverRuleAssociation"]["Id"]
        rules[rule["name"]] = {"id": rid, "associations": associations}
    if rules:
        out["resolver_rules"] = rules
    zones = {}
    for z in spec.get("private_zones", []):
        r53 = boto3.client("route53", **ckw)
        first, *rest = [vpc_ref(out, ref) for ref in z.get("vpcs", ["endpoint"])]
        zid = r53.create_hosted_zone(Name=z["name"], CallerReference=f"zone-{z['name']}-{first}",
                                     HostedZoneConfig={"PrivateZone": True},
                                     VPC={"VPCRegion": out["region"], "VPCId": first})["HostedZone"]["Id"].split("/")[-1]
        for v in rest:
            r53.associate_vpc_with_hosted_zone(HostedZoneId=zid, VPC={"VPCRegion": out["region"], "VPCId": v})
        changes = []
        for rec in z.get("records", []):
            values = out["dns_names"][:1] if rec["type"] == "CNAME" else out["eni_ips"]
            changes.append({"Action": "CREATE", "ResourceRecordSet": {
                "Name": rec["name"], "Type": rec["type"], "TTL": 60,
                "ResourceRecords": [{"Value": v} for v in values]}})
        if changes:
            r53.change_resource_record_sets(HostedZoneId=zid, ChangeBatch={"Changes": changes})
        zones[z["name"]] = zid
    if zones:
        out["private_zones"] = zones
def clients_elsewhere(spec, out, cec2, vpc):
    """`elsewhere` (client.routes): clients outside the endpoint's VPC, whose main table
    the endpoint's subnets use.
    {"peer": {...}}: a client VPC 192.168.0.0/16 (one subnet on a table of its own) peered
    with the endpoint's VPC (accepted unless `pending`); its table routes 10.0.0.0/8 (moto
    gives endpoint interfaces random 10.x addresses, outside their subnets) through the
    peering, the main table routes 192.168.0.0/16 back unless `return_route` is false. {"onprem": CIDR}: a virtual private gateway attached to the endpoint's VPC; the
    main table routes 172.16.0.0/12 to it, and CIDR too when `vgw_route`."""
    e = spec["elsewhere"]
    main = cec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                              {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]["RouteTableId"]
    out["main_route_table_id"] = main
    if "peer" in e:
        p = e["peer"]
        peer = cec2.create_vpc(CidrBlock="192.168.0.0/16")["Vpc"]["VpcId"]
        sub = cec2.create_subnet(VpcId=peer, CidrBlock="192.168.1.0/24",
                                 AvailabilityZone=out["region"] + "a")["Subnet"]["SubnetId"]
        rtb = cec2.create_route_table(VpcId=peer)["RouteTable"]["RouteTableId"]
        cec2.associate_route_table(RouteTableId=rtb, SubnetId=sub)
        pcx = cec2.create_vpc_peering_connection(VpcId=peer, PeerVpcId=vpc)["VpcPeeringConnection"]["VpcPeeringConnectionId"]
        if not p.get("pending"):
            cec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
        cec2.create_route(RouteTableId=rtb, DestinationCidrBlock="10.0.0.0/8", VpcPeeringConnectionId=pcx)
        if p.get("return_route", True):
            cec2.create_route(RouteTableId=main, DestinationCidrBlock="192.168.0.0/16", VpcPeeringConnectionId=pcx)
        out.update(peer_vpc_id=peer, peer_route_table_id=rtb, pcx_id=pcx)
    if "onprem" in e:
        vgw = cec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
        cec2.attach_vpn_gateway(VpcId=vpc, VpnGatewayId=vgw)
        cec2.create_route(RouteTableId=main, DestinationCidrBlock="172.16.0.0/12", GatewayId=vgw)
        if e.get("vgw_route"):
            cec2.create_route(RouteTableId=main, DestinationCidrBlock=e["onprem"], GatewayId=vgw)
        out["vgw_id"] = vgw


def put_metrics(spec, out, ckw, ep, region):
    """CloudWatch datapoints in the right account, one a minute for the last minutes, as
    AWS would publish them: `metrics={"consumer": {"NewConnections": 5}, "provider":
    {"TCP_ELB_Reset_Count": 2, "UnHealthyHostCount": 1}}` (0 is a real zero)."""
    import datetime
    now = datetime.datetime.now(datetime.timezone.utc)
    stamps = [now - datetime.timedelta(minutes=m) for m in range(2, 7)]
    base = [{"Name": "Endpoint Type", "Value": "Interface"},
            {"Name": "Service Name", "Value": ep["ServiceName"]},
            {"Name": "VPC Endpoint Id", "Value": ep["VpcEndpointId"]},
            {"Name": "VPC Id", "Value": ep["VpcId"]}]
    cw = boto3.client("cloudwatch", **ckw)
    for metric, value in spec["metrics"].get("consumer", {}).items():
        cw.put_metric_data(Namespace="AWS/PrivateLinkEndpoints", MetricData=[
            {"MetricName": metric, "Dimensions": base, "Timestamp": t, "Value": value}
            for t in stamps])
    provider = spec["metrics"].get("provider", {})
    if provider and out.get("lb_arn"):
        pcw = boto3.client("cloudwatch", **out["_pkw"])
        lb = "net/svc-nlb/" + out["lb_arn"].rsplit("/", 1)[1]
        tg = out["tg_arn"][out["tg_arn"].index("targetgroup/"):]
        for metric, value in provider.items():
            # Written in another order than the tool asks (moto's ordering bug is patched).
            dims = [{"Name": "LoadBalancer", "Value": lb}]
            if metric in ("HealthyHostCount", "UnHealthyHostCount"):
                dims = [{"Name": "TargetGroup", "Value": tg}, *dims,
                        {"Name": "AvailabilityZone", "Value": region + "a"}]
            pcw.put_metric_data(Namespace="AWS/NetworkELB", MetricData=[
                {"MetricName": metric, "Dimensions": dims, "Timestamp": t, "Value": value}
                for t in stamps])


def flow_logs(spec, out, cec2, ckw, vpc, ep):
    """`flow_logs`: {"on": "vpc" | "enis", "log_group": name, "create_group": true (false:
    the group does not exist, so moto's DeliverLogsStatus is FAILED), "traffic": "ALL",
    "format": a custom LogFormat}. Flow logs to CloudWatch Logs (moto holds no records in
    them) → out["flow_log_ids"], out["flow_log_group"]."""
    fl = spec["flow_logs"]
    group = fl.get("log_group", "vpce-flows")
    if fl.get("create_group", True):
        boto3.client("logs", **ckw).create_log_group(logGroupName=group)
    on_enis = fl.get("on", "vpc") == "enis"
    kw = {"ResourceIds": ep["NetworkInterfaceIds"] if on_enis else [vpc],
          "ResourceType": "NetworkInterface" if on_enis else "VPC",
          "TrafficType": fl.get("traffic", "ALL"), "LogDestinationType": "cloud-watch-logs",
          "LogGroupName": group,
          "DeliverLogsPermissionArn": f"arn:aws:iam::{spec['consumer']}:role/flow-logs"}
    if fl.get("format"):
        kw["LogFormat"] = fl["format"]
    out["flow_log_ids"] = cec2.create_flow_logs(**kw)["FlowLogIds"]
    out["flow_log_group"] = group


def organization(spec, endpoint, region):
    """kind organization: an AWS Organization whose management account is `consumer`, with
    `members` accounts created in it (moto gives each its own id). Prints the member ids
    and the management account's credentials."""
    _, _, creds, kw = clients(endpoint, region, spec["consumer"])
    org = boto3.client("organizations", **kw)
    org.create_organization(FeatureSet="ALL")
    members = []
    for i in range(spec.get("members", 3)):
        status = org.create_account(Email=f"member{i}@example.test",
                                    AccountName=spec.get("names", {}).get(str(i), f"member-{i}"))
        members.append(status["CreateAccountStatus"]["AccountId"])
    return {"consumer_credentials": creds, "members": members, "management": spec["consumer"]}


def main():
    spec = json.loads(sys.argv[1])
    endpoint, region = spec["endpoint_url"], spec.get("region", "us-east-1")
    kind = spec.get("kind", "custom")
    out = {"region": region}
    if kind == "organization":
        print(json.dumps(organization(spec, endpoint, region)))
        return
    cec2, _, ccreds, ckw = clients(endpoint, region, spec["consumer"])
    out["consumer_credentials"] = ccreds
    if kind == "records":
        # Only the names of an existing VPC's interface endpoints (after a fix created one).
        out["records"] = records(cec2, spec["vpc_id"])
        print(json.dumps(out))
        return
    az = region + "a"
    out["zone_ids"] = {z["ZoneName"][len(region):]: z["ZoneId"]
                       for z in cec2.describe_availability_zones()["AvailabilityZones"]}

    ipv6 = spec.get("ipv6", False)
    vpc_out = cec2.create_vpc(CidrBlock="10.10.0.0/16", AmazonProvidedIpv6CidrBlock=ipv6)["Vpc"]
    vpc = vpc_out["VpcId"]
    if spec.get("dns_hostnames", True):
        cec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    if not spec.get("dns_support", True):
        cec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": False})
    # One endpoint subnet per zone letter, 10.10.1.0/24, 10.10.2.0/24, …
    subnets = {}
    for i, letter in enumerate(spec.get("consumer_zones", ["a"])):
        args = dict(VpcId=vpc, CidrBlock=f"10.10.{i + 1}.0/24", AvailabilityZone=region + letter)
        if ipv6:
            block = ipaddress.ip_network(vpc_out["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"])
            args["Ipv6CidrBlock"] = str(list(block.subnets(new_prefix=64))[i])
        subnets[letter] = cec2.create_subnet(**args)["Subnet"]["SubnetId"]
    subnet = next(iter(subnets.values()))
    out.update(vpc_id=vpc, subnet_id=subnet, subnets=subnets)
    if ipv6:
        out["ipv6_cidr"] = vpc_out["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    if spec.get("client_subnet"):
        # Where the clients sit: a subnet of their own, outside the endpoint's.
        client = cec2.create_subnet(VpcId=vpc, CidrBlock="10.10.100.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
        out["client_subnet_id"] = client
        if "client_nacl_entries" in spec:
            out["client_nacl_id"] = network_acl(cec2, vpc, [client], spec["client_nacl_entries"])
    if "client_egress" in spec:
        # The clients' own group, its outbound rules narrowed from allow-all to
        # `client_egress` ([{"port": 443, "cidr": "10.10.0.0/16"}]; [] lets nothing out).
        csg = cec2.create_security_group(GroupName="app", Description="app", VpcId=vpc)["GroupId"]
        cec2.revoke_security_group_egress(GroupId=csg, IpPermissions=[
            {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        for r in spec["client_egress"]:
            cec2.authorize_security_group_egress(GroupId=csg, IpPermissions=[{
                "IpProtocol": "tcp", "FromPort": r["port"], "ToPort": r["port"],
                "IpRanges": [{"CidrIp": r["cidr"]}]}])
        out["client_egress_sg_id"] = csg
    if "nacl_entries" in spec:
        out["nacl_id"] = network_acl(cec2, vpc, list(subnets.values()), spec["nacl_entries"])
    if "dhcp_servers" in spec:
        dopt = cec2.create_dhcp_options(DhcpConfigurations=[
            {"Key": "domain-name-servers", "Values": spec["dhcp_servers"]}])["DhcpOptions"]["DhcpOptionsId"]
        cec2.associate_dhcp_options(DhcpOptionsId=dopt, VpcId=vpc)
        out["dhcp_options_id"] = dopt
    if "phz" in spec:
        r53 = boto3.client("route53", **ckw)
        zone_vpc = vpc
        if spec.get("phz_in_spoke"):
            # A spoke VPC whose clients reach the endpoint of this (hub) VPC through a private
            # hosted zone associated with the spoke only: the central-endpoint design.
            zone_vpc = cec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
            out["spoke_vpc_id"] = zone_vpc
        zone = r53.create_hosted_zone(Name=spec["phz"], CallerReference=f"phz-{vpc}",
                                      HostedZoneConfig={"PrivateZone": True},
                                      VPC={"VPCRegion": region, "VPCId": zone_vpc})["HostedZone"]["Id"]
        out["phz_id"] = zone.split("/")[-1]

    if spec.get("nat"):
        # The usual private subnet's way out: the main table's default route to a NAT gateway
        # (in a public subnet of its own, behind an internet gateway).
        igw = cec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        cec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
        public = cec2.create_subnet(VpcId=vpc, CidrBlock="10.10.200.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
        eip = cec2.allocate_address(Domain="vpc")["AllocationId"]
        nat = cec2.create_nat_gateway(SubnetId=public, AllocationId=eip)["NatGateway"]["NatGatewayId"]
        main = cec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                  {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]["RouteTableId"]
        cec2.create_route(RouteTableId=main, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
        out.update(nat_id=nat, igw_id=igw, main_route_table_id=main)

    if kind == "gateway":
        rtb = cec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        cec2.associate_route_table(RouteTableId=rtb, SubnetId=subnet)
        service = f"com.amazonaws.{region}.s3"
        args = dict(VpcEndpointType="Gateway", VpcId=vpc, ServiceName=service, RouteTableIds=[rtb])
        if spec.get("policy"):
            args["PolicyDocument"] = json.dumps(spec["policy"])
        ep = cec2.create_vpc_endpoint(**args)["VpcEndpoint"]
        if spec.get("delete_route"):
            table = cec2.describe_route_tables(RouteTableIds=[rtb])["RouteTables"][0]
            for r in table["Routes"]:
                if r.get("GatewayId") == ep["VpcEndpointId"]:
                    cec2.delete_route(RouteTableId=rtb, DestinationPrefixListId=r["DestinationPrefixListId"])
        out.update(endpoint_id=ep["VpcEndpointId"], route_table_id=rtb, service_name=service)
        print(json.dumps(out))
        return

    if kind == "workload":
        workload(spec, out, cec2, vpc, subnets, region, ckw)
        print(json.dumps(out))
        return

    if kind == "gwlb":
        gwlb_endpoint(spec, out, endpoint, region, cec2, vpc, subnet)
        print(json.dumps(out))
        return
    if kind == "resource":
        resource_endpoint(spec, out, endpoint, region, cec2, vpc, subnets)
        print(json.dumps(out))
        return

    sg = cec2.create_security_group(GroupName="endpoint", Description="endpoint", VpcId=vpc)["GroupId"]
    for port in spec.get("sg_ports", [443]):
        # sg_ipv6: the VPC's IPv6 range instead (an IPv6-only endpoint's clients).
        ranges = ({"Ipv6Ranges": [{"CidrIpv6": out["ipv6_cidr"]}]} if spec.get("sg_ipv6")
                  else {"IpRanges": [{"CidrIp": spec.get("sg_cidr", "10.10.0.0/16")}]})
        cec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": port, "ToPort": port, **ranges}])
    out["security_group_id"] = sg
    if spec.get("client_sg"):
        # The clients' own group, the one a least-privilege endpoint rule references.
        out["client_sg_id"] = cec2.create_security_group(
            GroupName="clients", Description="clients", VpcId=vpc)["GroupId"]

    if kind == "aws_service":
        # aws_service: lambda unless named (s3 and dynamodb have gateway endpoints too).
        name = spec.get("aws_service", "lambda")
        service = f"com.amazonaws.{region}.{name}"
        out["private_dns_name"] = f"{name}.{region}.amazonaws.com"
        if spec.get("gateway_beside"):
            # The same service's gateway endpoint in the same VPC, on the subnet's route table.
            rtb = cec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
            cec2.associate_route_table(RouteTableId=rtb, SubnetId=subnet)
            gw = cec2.create_vpc_endpoint(VpcEndpointType="Gateway", VpcId=vpc, ServiceName=service,
                                          RouteTableIds=[rtb])["VpcEndpoint"]
            out.update(gateway_endpoint_id=gw["VpcEndpointId"], route_table_id=rtb)
    else:
        # A cross-region endpoint's service, and all of the provider's side, lives in
        # service_region (moto keeps each region apart, as AWS does).
        pregion = spec.get("service_region", region)
        pec2, pelb, pcreds, pkw = clients(endpoint, pregion, spec["provider"])
        out["provider_credentials"] = pcreds
        out["_pkw"] = pkw
        pvpc = pec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
        # The provider's subnets: 10.20.1.0/24 in "a", 10.20.2.0/24 in "b" … (the NLB's zones
        # first, then any zone that only holds targets).
        nlb_zones = spec.get("nlb_zones", ["a"])
        targets = spec.get("targets", [{"ip": "10.20.1.10", "zone": "a"}])
        psubs, pcidrs = {}, {}
        for letter in nlb_zones + [t["zone"] for t in targets]:
            if letter not in psubs:
                pcidrs[letter] = f"10.20.{len(psubs) + 1}.0/24"
                psubs[letter] = pec2.create_subnet(VpcId=pvpc, CidrBlock=pcidrs[letter],
                                                   AvailabilityZone=pregion + letter)["Subnet"]["SubnetId"]
        lb_args = dict(Name="svc-nlb", Subnets=[psubs[z] for z in nlb_zones], Type="network",
                       Scheme=spec.get("scheme", "internal"))
        if "nlb_sg_cidrs" in spec:
            nsg = pec2.create_security_group(GroupName="nlb", Description="nlb", VpcId=pvpc)["GroupId"]
            for cidr in spec["nlb_sg_cidrs"]:
                pec2.authorize_security_group_ingress(GroupId=nsg, IpPermissions=[{
                    "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": cidr}]}])
            if "nlb_sg_egress" in spec:
                pec2.revoke_security_group_egress(GroupId=nsg, IpPermissions=[{
                    "IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
                for cidr in spec["nlb_sg_egress"]:
                    pec2.authorize_security_group_egress(GroupId=nsg, IpPermissions=[{
                        "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": cidr}]}])
            lb_args["SecurityGroups"] = [nsg]
            out["nlb_sg_id"] = nsg
        lb = pelb.create_load_balancer(**lb_args)["LoadBalancers"][0]["LoadBalancerArn"]
        if "cross_zone" in spec:
            pelb.modify_load_balancer_attributes(LoadBalancerArn=lb, Attributes=[
                {"Key": "load_balancing.cross_zone.enabled", "Value": str(spec["cross_zone"]).lower()}])
        tg = pelb.create_target_group(Name="svc-tg", Protocol="TCP", Port=443, VpcId=pvpc,
                                      TargetType="alb" if spec.get("alb_target") else "ip")["TargetGroups"][0]["TargetGroupArn"]
        if "tg_cross_zone" in spec:
            pelb.modify_target_group_attributes(TargetGroupArn=tg, Attributes=[
                {"Key": "load_balancing.cross_zone.enabled", "Value": str(spec["tg_cross_zone"]).lower()}])
        # Each IP target is held by a network interface in its zone's subnet, as in AWS; its
        # security group admits the NLB's subnets on 443 unless the spec says otherwise.
        tsg = pec2.create_security_group(GroupName="targets", Description="targets", VpcId=pvpc)["GroupId"]
        for cidr in spec.get("target_sg_cidrs", [pcidrs[z] for z in nlb_zones]):
            pec2.authorize_security_group_ingress(GroupId=tsg, IpPermissions=[{
                "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": cidr}]}])
        if spec.get("alb_target"):
            # NLB → ALB: an internal ALB in the NLB's zones is the one target; its security
            # group must admit the NLB (its subnets, unless the spec says otherwise).
            asg = pec2.create_security_group(GroupName="alb", Description="alb", VpcId=pvpc)["GroupId"]
            for cidr in spec.get("alb_sg_cidrs", [pcidrs[z] for z in nlb_zones]):
                pec2.authorize_security_group_ingress(GroupId=asg, IpPermissions=[{
                    "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": cidr}]}])
            alb = pelb.create_load_balancer(Name="svc-alb", Subnets=[psubs[z] for z in nlb_zones],
                                            Type="application", Scheme="internal",
                                            SecurityGroups=[asg])["LoadBalancers"][0]["LoadBalancerArn"]
            pelb.create_listener(LoadBalancerArn=alb, Protocol="HTTP", Port=443, DefaultActions=[{
                "Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "200"}}])
            pelb.register_targets(TargetGroupArn=tg, Targets=[{"Id": alb, "Port": 443}])
            out.update(alb_arn=alb, alb_sg_id=asg)
        else:
            for t in targets:
                pec2.create_network_interface(SubnetId=psubs[t["zone"]], PrivateIpAddress=t["ip"], Groups=[tsg])
            pelb.register_targets(TargetGroupArn=tg, Targets=[{"Id": t["ip"], "Port": 443} for t in targets])
        pelb.create_listener(LoadBalancerArn=lb, Protocol="TCP", Port=443,
                             DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        out.update(provider_subnets=psubs, target_sg_id=tsg)
        cfg = {"NetworkLoadBalancerArns": [lb], "AcceptanceRequired": spec.get("acceptance_required", True)}
        if "supported_regions" in spec:
            cfg["SupportedRegions"] = spec["supported_regions"]
        if spec.get("service_private_dns", True):
            cfg["PrivateDnsName"] = spec.get("private_dns_name", "api.example.test")
        svc = pec2.create_vpc_endpoint_service_configuration(**cfg)["ServiceConfiguration"]
        if spec.get("allow_consumer", True):
            pec2.modify_vpc_endpoint_service_permissions(
                ServiceId=svc["ServiceId"], AddAllowedPrincipals=[f"arn:aws:iam::{spec['consumer']}:root"])
        service = svc["ServiceName"]
        out.update(service_id=svc["ServiceId"], lb_arn=lb, tg_arn=tg,
                   private_dns_name=cfg.get("PrivateDnsName"))
        if spec.get("delete_lb"):
            pelb.delete_load_balancer(LoadBalancerArn=lb)

    ep = cec2.create_vpc_endpoint(VpcEndpointType="Interface", VpcId=vpc, ServiceName=service,
                                  SubnetIds=list(subnets.values()), SecurityGroupIds=[sg],
                                  PrivateDnsEnabled=spec.get("private_dns_enabled", True))["VpcEndpoint"]
    if spec.get("duplicate_endpoint"):
        # A second endpoint for the same service, private DNS on, in the same VPC.
        dup = cec2.create_vpc_endpoint(VpcEndpointType="Interface", VpcId=vpc, ServiceName=service,
                                       SubnetIds=[subnet], SecurityGroupIds=[sg],
                                       PrivateDnsEnabled=True)["VpcEndpoint"]
        out["duplicate_endpoint_id"] = dup["VpcEndpointId"]
    enis = cec2.describe_network_interfaces(NetworkInterfaceIds=ep["NetworkInterfaceIds"])["NetworkInterfaces"]
    out.update(endpoint_id=ep["VpcEndpointId"], service_name=service,
               dns_names=[d["DnsName"] for d in ep["DnsEntries"]],
               eni_ips=[n["PrivateIpAddress"] for n in enis])
    if spec.get("phz_records"):
        # Names of the private hosted zone pointed at the endpoint: a CNAME to its DNS name,
        # or A records of its addresses.
        r53 = boto3.client("route53", **ckw)
        changes = []
        for rec in spec["phz_records"]:
            if rec["type"] == "CNAME":
                values = [ep["DnsEntries"][0]["DnsName"]]
            else:
                values = out["eni_ips"]
            changes.append({"Action": "CREATE", "ResourceRecordSet": {
                "Name": rec["name"], "Type": rec["type"], "TTL": 60,
                "ResourceRecords": [{"Value": v} for v in values]}})
        r53.change_resource_record_sets(HostedZoneId=out["phz_id"], ChangeBatch={"Changes": changes})
    if "client_vpc" in spec:
        client_vpc(spec, out, cec2, vpc)
    dns_layers(spec, out, cec2, ckw, vpc, subnets)
    if "flow_logs" in spec:
        flow_logs(spec, out, cec2, ckw, vpc, ep)
    if spec.get("fleet"):
        # More VPCs, each with endpoints to an AWS service: what a fleet scan batches.
        fleet = spec["fleet"]
        out["fleet_endpoints"] = []
        out["fleet_vpcs"] = []
        # Endpoint k of a VPC goes to service k mod len(services) (AWS services by short name).
        services = fleet.get("services") or ["lambda"]
        for v in range(fleet["vpcs"]):
            fvpc = cec2.create_vpc(CidrBlock=f"10.{100 + v}.0.0/16")["Vpc"]["VpcId"]
            fsubs = [cec2.create_subnet(VpcId=fvpc, CidrBlock=f"10.{100 + v}.{i + 1}.0/24",
                                        AvailabilityZone=region + letter)["Subnet"]["SubnetId"]
                     for i, letter in enumerate("ab")]
            fsg = cec2.create_security_group(GroupName="fleet", Description="fleet", VpcId=fvpc)["GroupId"]
            out["fleet_vpcs"].append(fvpc)
            for k in range(fleet["per_vpc"]):
                fep = cec2.create_vpc_endpoint(VpcEndpointType="Interface", VpcId=fvpc,
                                               ServiceName=f"com.amazonaws.{region}.{services[k % len(services)]}",
                                               SubnetIds=fsubs, SecurityGroupIds=[fsg],
                                               PrivateDnsEnabled=False)["VpcEndpoint"]
                out["fleet_endpoints"].append(fep["VpcEndpointId"])
    if "elsewhere" in spec:
        clients_elsewhere(spec, out, cec2, vpc)
    if spec.get("metrics"):
        put_metrics(spec, out, ckw, ep, spec.get("service_region", region))
    out.pop("_pkw", None)
    if kind == "custom" and spec.get("delete_service"):
        pec2.delete_vpc_endpoint_service_configurations(ServiceIds=[out["service_id"]])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
