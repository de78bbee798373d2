#!/usr/bin/env python3
"""What an AWS account holds, read through the AWS API (boto3) -- here, the moto emulator.

The e2e test asks this helper instead of trusting terraform's own view. Usage:
  aws_inspect.py ENDPOINT inspect            -> JSON of every resource kind a cluster uses
  aws_inspect.py ENDPOINT foreign-vpc        -> creates a VPC outside any cluster, prints its id
  aws_inspect.py ENDPOINT register-image     -> registers a Flatcar-named AMI, prints its id
"""
import base64
import hashlib
import json
import sys

import boto3

ENDPOINT, ACTION = sys.argv[1], sys.argv[2]
KW = dict(endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
ec2 = boto3.client("ec2", **KW)


def tags(lst):
    return {t["Key"]: t["Value"] for t in (lst or [])}


def inspect():
    out = {}
    out["vpcs"] = [{"id": v["VpcId"], "cidr": v["CidrBlock"], "tags": tags(v.get("Tags"))} for v in ec2.describe_vpcs()["Vpcs"]]
    out["subnets"] = [
        {"id": s["SubnetId"], "vpc": s["VpcId"], "cidr": s["CidrBlock"], "zone": s["AvailabilityZone"], "tags": tags(s.get("Tags"))}
        for s in ec2.describe_subnets()["Subnets"]
    ]
    out["internet_gateways"] = [{"id": g["InternetGatewayId"], "tags": tags(g.get("Tags"))} for g in ec2.describe_internet_gateways()["InternetGateways"]]
    out["route_tables"] = [
        {"id": r["RouteTableId"], "vpc": r["VpcId"], "main": any(a.get("Main") for a in r.get("Associations", [])), "tags": tags(r.get("Tags")),
         "routes": [{"cidr": x.get("DestinationCidrBlock"), "gateway": x.get("GatewayId")} for x in r.get("Routes", [])]}
        for r in ec2.describe_route_tables()["RouteTables"]
    ]
    out["security_groups"] = [
        {"id": g["GroupId"], "name": g["GroupName"], "vpc": g.get("VpcId"), "tags": tags(g.get("Tags")),
         "ingress": g.get("IpPermissions", []), "egress": g.get("IpPermissionsEgress", [])}
        for g in ec2.describe_security_groups()["SecurityGroups"]
    ]
    instances = []
    for r in ec2.describe_instances()["Reservations"]:
        for i in r["Instances"]:
            if i["State"]["Name"] in ("terminated", "shutting-down"):
                continue
            ud = ec2.describe_instance_attribute(InstanceId=i["InstanceId"], Attribute="userData").get("UserData", {}).get("Value")
            eni = (i.get("NetworkInterfaces") or [{}])[0]
            instances.append({
                "id": i["InstanceId"], "type": i["InstanceType"], "image": i["ImageId"], "privateIp": i.get("PrivateIpAddress"),
                "subnet": i.get("SubnetId"), "tags": tags(i.get("Tags")), "metadata": i.get("MetadataOptions", {}),
                "groups": sorted(g["GroupId"] for g in eni.get("Groups", []) + i.get("SecurityGroups", [])),
                "profile": i.get("IamInstanceProfile", {}).get("Arn"), "userData": ud,
            })
    out["instances"] = instances
    lts = []
    for t in ec2.describe_launch_templates()["LaunchTemplates"]:
        v = ec2.describe_launch_template_versions(LaunchTemplateId=t["LaunchTemplateId"], Versions=["$Latest"])["LaunchTemplateVersions"][0]
        d = v["LaunchTemplateData"]
        lts.append({"id": t["LaunchTemplateId"], "name": t["LaunchTemplateName"], "tags": tags(t.get("Tags")), "userData": d.get("UserData"),
                    "metadata": d.get("MetadataOptions", {}), "image": d.get("ImageId"), "tagSpecifications": d.get("TagSpecifications", [])})
    out["launch_templates"] = lts
    asg = boto3.client("autoscaling", **KW)
    out["autoscaling_groups"] = [
        {"name": g["AutoScalingGroupName"], "min": g["MinSize"], "max": g["MaxSize"], "desired": g["DesiredCapacity"],
         "instances": [i["InstanceId"] for i in g.get("Instances", [])], "subnets": g.get("VPCZoneIdentifier", ""),
         "launchTemplate": g.get("LaunchTemplate", {}), "tags": {t["Key"]: t["Value"] for t in g.get("Tags", [])}}
        for g in asg.describe_auto_scaling_groups()["AutoScalingGroups"]
    ]
    elb = boto3.client("elbv2", **KW)
    lbs = []
    for lb in elb.describe_load_balancers()["LoadBalancers"]:
        arn = lb["LoadBalancerArn"]
        lt = tags(elb.describe_tags(ResourceArns=[arn])["TagDescriptions"][0]["Tags"])
        listeners = [{"port": l["Port"], "protocol": l["Protocol"]} for l in elb.describe_listeners(LoadBalancerArn=arn)["Listeners"]]
        lbs.append({"name": lb["LoadBalancerName"], "type": lb["Type"], "dns": lb["DNSName"], "tags": lt, "listeners": listeners,
                    "zones": sorted(z["ZoneName"] for z in lb.get("AvailabilityZones", []))})
    out["load_balancers"] = lbs
    tgs = []
    for tg in elb.describe_target_groups()["TargetGroups"]:
        arn = tg["TargetGroupArn"]
        health = elb.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]
        tgs.append({"name": tg["TargetGroupName"], "port": tg["Port"], "protocol": tg["Protocol"],
                    "tags": tags(elb.describe_tags(ResourceArns=[arn])["TagDescriptions"][0]["Tags"]),
                    "targets": sorted(h["Target"]["Id"] for h in health)})
    out["target_groups"] = tgs
    s3 = boto3.client("s3", **KW)
    buckets = []
    for b in s3.list_buckets().get("Buckets", []):
        name = b["Name"]
        try:
            bt = tags(s3.get_bucket_tagging(Bucket=name).get("TagSet"))
        except Exception:
            bt = {}
        try:
            pab = s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"]
        except Exception:
            pab = {}
        objects = []
        for o in s3.list_objects_v2(Bucket=name).get("Contents", []):
            body = s3.get_object(Bucket=name, Key=o["Key"])["Body"].read()
            objects.append({"key": o["Key"], "sha512": hashlib.sha512(body).hexdigest(), "size": len(body)})
        buckets.append({"name": name, "tags": bt, "publicAccessBlock": pab, "objects": objects})
    out["buckets"] = buckets
    iam = boto3.client("iam", **KW)
    out["iam_roles"] = [{"name": r["RoleName"], "tags": tags(iam.list_role_tags(RoleName=r["RoleName"]).get("Tags"))}
                        for r in iam.list_roles()["Roles"]]
    out["instance_profiles"] = [{"name": p["InstanceProfileName"], "arn": p["Arn"], "roles": [r["RoleName"] for r in p.get("Roles", [])]}
                                for p in iam.list_instance_profiles()["InstanceProfiles"]]
    out["addresses"] = [{"id": a.get("AllocationId"), "tags": tags(a.get("Tags"))} for a in ec2.describe_addresses()["Addresses"]]
    return out


if ACTION == "inspect":
    json.dump(inspect(), sys.stdout, default=str)
elif ACTION == "foreign-vpc":
    v = ec2.create_vpc(CidrBlock="172.31.0.0/16", TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "not-a-cluster"}]}])
    print(v["Vpc"]["VpcId"])
elif ACTION == "register-image":
    print(ec2.register_image(Name="Flatcar-stable-4230.2.3-hvm", RootDeviceName="/dev/xvda", Architecture="x86_64", VirtualizationType="hvm")["ImageId"])
else:
    sys.exit(f"unknown action {ACTION}")
