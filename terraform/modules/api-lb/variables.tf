variable "name" {
  description = "Cluster name; load balancer and target group names are derived from it (AWS limits them to 32 characters)."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC of the control-plane instances."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets the load balancer gets a node in (one per AZ)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids must list at least one subnet."
  }
}

variable "security_group_ids" {
  description = "Security groups of the load balancer; they decide which clients may reach TCP 6443."
  type        = list(string)
}

variable "internal" {
  description = "Make the load balancer internal (reachable only from inside the VPC and connected networks)."
  type        = bool
  default     = false
}

variable "control_plane_instance_ids" {
  description = "Control-plane instances to register, keyed by node name. Keys must be known at plan time; IDs may not be."
  type        = map(string)
}

variable "tags" {
  description = "Tags applied to every resource of this module."
  type        = map(string)
  default     = {}
}
