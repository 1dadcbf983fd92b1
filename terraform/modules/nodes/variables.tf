variable "cluster_name" {
  description = "Cluster name; instance names are derived from it."
  type        = string
}

variable "region" {
  description = "AWS region, used to find the Talos AMI by name."
  type        = string
}

variable "talos_version" {
  description = "Talos release of the AMI, without the leading v (for example 1.11.5)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.talos_version))
    error_message = "talos_version must look like 1.11.5 (no leading v)."
  }
}

variable "arch" {
  description = "CPU architecture of the AMI and instances: amd64 or arm64."
  type        = string
  default     = "amd64"

  validation {
    condition     = contains(["amd64", "arm64"], var.arch)
    error_message = "arch must be amd64 or arm64."
  }
}

variable "ami_id" {
  description = "Use this AMI instead of looking up Sidero Labs' official talos-v<version>-<region>-<arch> image."
  type        = string
  default     = null

  validation {
    condition     = var.ami_id == null || can(regex("^ami-[0-9a-f]+$", var.ami_id))
    error_message = "ami_id must be an AMI ID such as ami-0123456789abcdef0."
  }
}

variable "subnet_ids" {
  description = "Subnets to spread the instances over, round-robin."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids must list at least one subnet."
  }
}

variable "control_plane_security_group_ids" {
  description = "Security groups attached to the control-plane nodes."
  type        = list(string)
}

variable "worker_security_group_ids" {
  description = "Security groups attached to the worker nodes."
  type        = list(string)
}

variable "associate_public_ip" {
  description = "Give every node a public IPv4 address, so that terraform and talosctl can reach the Talos API from admin CIDRs outside the VPC."
  type        = bool
  default     = true
}

variable "control_plane" {
  description = "Control-plane nodes: how many (odd, for etcd quorum), instance type and root volume size in GiB."
  type = object({
    count            = optional(number, 3)
    instance_type    = optional(string, "m5.large")
    root_volume_size = optional(number, 50)
  })
  default = {}

  validation {
    condition     = var.control_plane.count >= 1 && var.control_plane.count % 2 == 1 && floor(var.control_plane.count) == var.control_plane.count
    error_message = "control_plane.count must be an odd whole number (1, 3, 5, ...) so that etcd keeps quorum."
  }
}

variable "worker_groups" {
  description = "Worker groups keyed by group name; each gets `count` instances of `instance_type`."
  type = map(object({
    count            = number
    instance_type    = optional(string, "m5.large")
    root_volume_size = optional(number, 50)
    tags             = optional(map(string), {})
  }))
  default = {}

  validation {
    condition     = alltrue([for name, g in var.worker_groups : can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", name)) && g.count >= 0 && floor(g.count) == g.count])
    error_message = "worker_groups keys must be DNS labels (lowercase letters, digits, hyphens) and each count a whole number >= 0."
  }
}

variable "controlplane_user_data" {
  description = "Talos machine configuration for control-plane nodes, delivered as EC2 user data on first boot."
  type        = string
  sensitive   = true
}

variable "worker_user_data" {
  description = "Talos machine configuration for worker nodes, delivered as EC2 user data on first boot."
  type        = string
  sensitive   = true
}

variable "kms_key_id" {
  description = "KMS key ARN for the encrypted root volumes; null uses the account's default EBS key."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags applied to every resource of this module."
  type        = map(string)
  default     = {}
}
