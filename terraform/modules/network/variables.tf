variable "name" {
  description = "Name used for the VPC and its parts (usually the cluster name)."
  type        = string
}

variable "vpc_id" {
  description = "ID of an existing VPC to use. Leave null to create a new VPC."
  type        = string
  default     = null

  validation {
    condition     = var.vpc_id == null || can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID such as vpc-0123456789abcdef0, or null to create a VPC."
  }
}

variable "subnet_ids" {
  description = "IDs of existing subnets (in vpc_id) for the nodes and the load balancer. Required with vpc_id; ignored when the module creates the VPC."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids must contain subnet IDs such as subnet-0123456789abcdef0."
  }

  validation {
    condition     = var.vpc_id == null || length(var.subnet_ids) > 0
    error_message = "When vpc_id names an existing VPC, subnet_ids must list at least one of its subnets."
  }
}

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC to create (ignored with vpc_id)."
  type        = string
  default     = "10.42.0.0/16"

  # EC2 creates VPCs from /16 to /28 only, and each subnet here is 4 bits smaller than the VPC (so
  # /28 at the least). The aws provider refuses a larger block, an IPv6 one or one with host bits
  # set only at aws_vpc.cidr_block, without naming this input.
  validation {
    condition     = can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", var.vpc_cidr)) && try(cidrhost(var.vpc_cidr, 0) == split("/", var.vpc_cidr)[0], false) && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 24, false)
    error_message = "vpc_cidr must be an IPv4 network address from /16 to /24, such as 10.42.0.0/16 (EC2 creates VPCs no larger than /16, and the subnets are 4 bits smaller)."
  }
}

variable "az_count" {
  description = "Number of availability zones to spread the created public subnets over (ignored with vpc_id)."
  type        = number
  default     = 3

  validation {
    condition     = var.az_count >= 1 && var.az_count <= 4 && floor(var.az_count) == var.az_count
    error_message = "az_count must be a whole number from 1 to 4."
  }
}

variable "tags" {
  description = "Tags applied to every resource of this module."
  type        = map(string)
  default     = {}
}
