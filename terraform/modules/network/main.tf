# Either adopt an existing VPC and subnets, or create a small public VPC: one public subnet per AZ,
# an internet gateway and one route table, with the VPC's default security group emptied. Nodes get
# public IPs only if the nodes module asks.

locals {
  create = var.vpc_id == null
}

data "aws_vpc" "existing" {
  count = local.create ? 0 : 1
  id    = var.vpc_id
}

data "aws_availability_zones" "available" {
  count = local.create ? 1 : 0
  state = "available"

  # The region's own zones only: Local Zones and Wavelength Zones are opt-in, may not be enabled in
  # the account, and lack instance types and NLB support that the nodes need.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

resource "aws_vpc" "this" {
  count = local.create ? 1 : 0

  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

# Every VPC comes with a "default" group that lets its members reach each other on every port and
# reach anything outside. Nothing here uses it, but an instance or ENI launched into the VPC without
# a group gets it. Adopting it with no rules empties it (only in a VPC this module creates: an
# existing VPC's default group belongs to its owner).
resource "aws_default_security_group" "this" {
  count = local.create ? 1 : 0

  vpc_id = aws_vpc.this[0].id
  # Empty on purpose, and said so: left out, they are computed, and a rule added later would go
  # unnoticed; as empty lists, the next plan removes it.
  ingress = []
  egress  = []
  tags    = merge(var.tags, { Name = "${var.name}-default-unused" })
}

resource "aws_internet_gateway" "this" {
  count = local.create ? 1 : 0

  vpc_id = aws_vpc.this[0].id
  tags   = merge(var.tags, { Name = var.name })
}

resource "aws_subnet" "public" {
  # Keys are AZ names, so adding an AZ never renumbers the existing subnets.
  for_each = local.create ? {
    for i, az in slice(data.aws_availability_zones.available[0].names, 0, min(var.az_count, length(data.aws_availability_zones.available[0].names))) :
    az => cidrsubnet(var.vpc_cidr, 4, i)
  } : {}

  vpc_id                  = aws_vpc.this[0].id
  availability_zone       = each.key
  cidr_block              = each.value
  map_public_ip_on_launch = false
  tags                    = merge(var.tags, { Name = "${var.name}-public-${each.key}" })
}

resource "aws_route_table" "public" {
  count = local.create ? 1 : 0

  vpc_id = aws_vpc.this[0].id
  tags   = merge(var.tags, { Name = "${var.name}-public" })
}

resource "aws_route" "internet" {
  count = local.create ? 1 : 0

  route_table_id         = aws_route_table.public[0].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this[0].id
}

resource "aws_route_table_association" "public" {
  for_each = aws_subnet.public

  subnet_id      = each.value.id
  route_table_id = aws_route_table.public[0].id
}
