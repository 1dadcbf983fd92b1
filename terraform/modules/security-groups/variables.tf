variable "name" {
  description = "Name prefix for the security groups (usually the cluster name)."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC the groups belong to."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID such as vpc-0123456789abcdef0."
  }
}

# The CIDR inputs below take IPv4 network addresses only: cidrhost() alone also accepts IPv6 and
# host bits (203.0.113.10/24), which the aws provider then refuses at the security-group rule
# (cidr_ipv4 must be an IPv4 network address), far from the input that caused it.
variable "admin_cidrs" {
  description = "IPv4 CIDRs allowed to reach the Talos API (apid, TCP 50000) on every node: the operators' and the CI runners' addresses. There is no default on purpose."
  type        = list(string)

  validation {
    condition     = length(var.admin_cidrs) > 0 && alltrue([for c in var.admin_cidrs : can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", c)) && try(cidrhost(c, 0) == split("/", c)[0], false)])
    error_message = "admin_cidrs must list at least one IPv4 CIDR such as 203.0.113.10/32, written as a network address (203.0.113.0/24, not 203.0.113.10/24): the aws provider refuses host bits in a security-group rule."
  }
}

variable "api_cidrs" {
  description = "IPv4 CIDRs allowed to reach the Kubernetes API (TCP 6443) through the load balancer. There is no default on purpose."
  type        = list(string)

  validation {
    condition     = length(var.api_cidrs) > 0 && alltrue([for c in var.api_cidrs : can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", c)) && try(cidrhost(c, 0) == split("/", c)[0], false)])
    error_message = "api_cidrs must list at least one IPv4 CIDR such as 203.0.113.0/24, written as a network address (203.0.113.0/24, not 203.0.113.10/24): the aws provider refuses host bits in a security-group rule."
  }
}

variable "kubespan_enabled" {
  description = "Open WireGuard (UDP 51820) for KubeSpan between the nodes and kubespan_peer_cidrs."
  type        = bool
  default     = false
}

variable "kubespan_peer_cidrs" {
  description = "IPv4 CIDRs of KubeSpan peers outside this VPC (for example the public IPs of Azure workers) allowed to send WireGuard traffic to the nodes."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.kubespan_peer_cidrs : can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", c)) && try(cidrhost(c, 0) == split("/", c)[0], false)])
    error_message = "kubespan_peer_cidrs must contain IPv4 CIDRs such as 198.51.100.7/32, written as a network address (203.0.113.0/24, not 203.0.113.10/24): the aws provider refuses host bits in a security-group rule."
  }
}

variable "node_public_ips" {
  description = "Public IPv4 addresses of the nodes, keyed by node name. Nodes reach an internet-facing API load balancer through its public address, so their traffic arrives from these IPs rather than from the node security group."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "Tags applied to every resource of this module."
  type        = map(string)
  default     = {}
}
