output "vpc_id" {
  description = "ID of the VPC the cluster runs in."
  value       = local.create ? aws_vpc.this[0].id : var.vpc_id
}

output "vpc_cidr_block" {
  description = "Primary IPv4 CIDR of that VPC."
  value       = local.create ? aws_vpc.this[0].cidr_block : data.aws_vpc.existing[0].cidr_block
}

output "subnet_ids" {
  description = "Subnets for the nodes and the load balancer, in a stable order."
  value       = local.create ? [for az in sort(keys(aws_subnet.public)) : aws_subnet.public[az].id] : var.subnet_ids
}
