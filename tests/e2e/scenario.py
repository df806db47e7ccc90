"""Builds one PrivateLink scenario in moto through the real AWS API (boto3) for the e2e tests.

Input: one JSON object on argv[1]; output: one JSON object on stdout with the ids, the
addresses and per-account credentials the test needs. Every test gets its own consumer and
provider account ids, so tests share one moto server without interfering.
"""
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
    return boto3.client("ec2", **kw), boto3.client("elbv2", **kw), creds


def main():
    spec = json.loads(sys.argv[1])
    endpoint, region = spec["endpoint_url"], spec.get("region", "us-east-1")
    kind = spec.get("kind", "custom")
    out = {"region": region}
    cec2, _, ccreds = clients(endpoint, region, spec["consumer"])
    out["consumer_credentials"] = ccreds
    az = region + "a"

    vpc = cec2.create_vpc(CidrBlock="10.10.0.0/16")["Vpc"]["VpcId"]
    if spec.get("dns_hostnames", True):
        cec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    if not spec.get("dns_support", True):
        cec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": False})
    subnet = cec2.create_subnet(VpcId=vpc, CidrBlock="10.10.1.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
    out.update(vpc_id=vpc, subnet_id=subnet)

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

    sg = cec2.create_security_group(GroupName="endpoint", Description="endpoint", VpcId=vpc)["GroupId"]
    for port in spec.get("sg_ports", [443]):
        cec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": port, "ToPort": port,
            "IpRanges": [{"CidrIp": spec.get("sg_cidr", "10.10.0.0/16")}]}])
    out["security_group_id"] = sg

    if kind == "aws_service":
        service = f"com.amazonaws.{region}.lambda"
        out["private_dns_name"] = f"lambda.{region}.amazonaws.com"
    else:
        pec2, pelb, pcreds = clients(endpoint, region, spec["provider"])
        out["provider_credentials"] = pcreds
        pvpc = pec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
        psub = pec2.create_subnet(VpcId=pvpc, CidrBlock="10.20.1.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
        lb = pelb.create_load_balancer(Name="svc-nlb", Subnets=[psub], Type="network",
                                       Scheme=spec.get("scheme", "internal"))["LoadBalancers"][0]["LoadBalancerArn"]
        tg = pelb.create_target_group(Name="svc-tg", Protocol="TCP", Port=443, VpcId=pvpc,
                                      TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
        pelb.register_targets(TargetGroupArn=tg, Targets=[{"Id": "10.20.1.10", "Port": 443}])
        pelb.create_listener(LoadBalancerArn=lb, Protocol="TCP", Port=443,
                             DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        cfg = {"NetworkLoadBalancerArns": [lb], "AcceptanceRequired": spec.get("acceptance_required", True)}
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
                                  SubnetIds=[subnet], SecurityGroupIds=[sg],
                                  PrivateDnsEnabled=spec.get("private_dns_enabled", True))["VpcEndpoint"]
    enis = cec2.describe_network_interfaces(NetworkInterfaceIds=ep["NetworkInterfaceIds"])["NetworkInterfaces"]
    out.update(endpoint_id=ep["VpcEndpointId"], service_name=service,
               dns_names=[d["DnsName"] for d in ep["DnsEntries"]],
               eni_ips=[n["PrivateIpAddress"] for n in enis])
    if kind == "custom" and spec.get("delete_service"):
        pec2.delete_vpc_endpoint_service_configurations(ServiceIds=[out["service_id"]])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
