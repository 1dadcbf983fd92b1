variable "subscription_id" {
  description = "Azure subscription ID; null reads ARM_SUBSCRIPTION_ID."
  type        = string
  default     = null
}

variable "cluster_name" {
  description = "Name of the AWS-hosted Talos cluster the workers join (the AWS root's cluster_name)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$", var.cluster_name))
    error_message = "cluster_name must be a DNS label of at most 32 characters."
  }
}

variable "location" {
  description = "Azure region for the workers."
  type        = string
  default     = "westeurope"
}

variable "vnet_cidr" {
  description = "Address space of the workers' virtual network. Must not overlap the AWS VPC: KubeSpan routes node addresses across clouds."
  type        = string
  default     = "10.60.0.0/16"

  validation {
    condition     = can(cidrhost(var.vnet_cidr, 0))
    error_message = "vnet_cidr must be an IPv4 CIDR such as 10.60.0.0/16."
  }
}

variable "image_id" {
  description = "Azure ID of a Talos image of the release the AWS nodes run, created from Image Factory's Azure disk image (see terraform/README.md): a managed image or a gallery image version."
  type        = string
}

variable "workers" {
  description = "Workers keyed by name suffix: { vm_size, disk_size_gb }."
  type = map(object({
    vm_size      = optional(string, "Standard_D2s_v5")
    disk_size_gb = optional(number, 50)
  }))
  default = {
    "0" = {}
  }
}

variable "worker_machine_configuration" {
  description = "The AWS root's worker_machine_configuration output, rendered with kubespan_enabled = true."
  type        = string
  sensitive   = true
}

variable "admin_cidrs" {
  description = "IPv4 CIDRs allowed to reach the workers' Talos API (TCP 50000)."
  type        = list(string)
}

variable "kubespan_peer_cidrs" {
  description = "The AWS nodes' public IPs as /32 CIDRs, allowed to send KubeSpan WireGuard traffic (UDP 51820)."
  type        = list(string)
}

variable "admin_ssh_public_key" {
  description = "Any SSH public key; Azure requires one for a Linux VM, Talos never uses it."
  type        = string
}

variable "tags" {
  description = "Tags for every Azure resource."
  type        = map(string)
  default     = {}
}
