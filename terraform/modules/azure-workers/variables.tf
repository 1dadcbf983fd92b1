variable "cluster_name" {
  description = "Name of the Talos cluster the workers join; VM names are derived from it."
  type        = string
}

variable "resource_group_name" {
  description = "Existing resource group for the workers' VMs, NICs, public IPs and security group."
  type        = string
}

variable "location" {
  description = "Azure region of the workers (for example westeurope)."
  type        = string
}

variable "subnet_id" {
  description = "ID of the subnet the workers' NICs attach to."
  type        = string
}

variable "workers" {
  description = "Workers keyed by name suffix (a DNS label): VM size and OS disk size in GiB."
  type = map(object({
    vm_size      = optional(string, "Standard_D2s_v5")
    disk_size_gb = optional(number, 50)
  }))

  validation {
    condition     = length(var.workers) > 0 && alltrue([for name, _ in var.workers : can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", name))])
    error_message = "workers must hold at least one worker, keyed by a DNS label."
  }
}

variable "image_id" {
  description = "Azure ID of the Talos image the VMs boot: a managed image (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Compute/images/<name>) or an image version in a compute gallery, made from Image Factory's Azure disk image of the release the AWS nodes run. Sidero Labs stopped publishing Azure images with Talos 1.10."
  type        = string

  # Sidero Labs' community gallery (siderolabs-c4d707c0-...) holds nothing newer than Talos 1.9: its
  # uploader was removed before 1.10 ("the Image Gallery we dropped") and Talos's Azure guide has
  # users upload Image Factory's VHD since. The worker configuration is rendered for Talos 1.11 or
  # later, which no gallery image runs.
  validation {
    condition     = can(regex("^/(subscriptions|sharedGalleries|communityGalleries)/[^/]+/.+", var.image_id)) && !startswith(lower(var.image_id), "/communitygalleries/siderolabs-")
    error_message = "image_id must be the Azure ID of a Talos image you created from Image Factory's Azure disk image (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Compute/images/<name>, or a gallery image version): Sidero Labs' community gallery holds nothing newer than Talos 1.9."
  }
}

variable "machine_configuration" {
  description = "Talos worker machine configuration with KubeSpan enabled: the AWS root's worker_machine_configuration output when it runs with kubespan_enabled = true. Delivered as Azure custom data."
  type        = string
  sensitive   = true

  # KubeSpan is on when a document of the (multi-document) configuration says so: the v1alpha1
  # document's machine.network.kubespan.enabled, or, from Talos 1.13, a KubeSpanConfig document's
  # enabled. Documents are split at their "---" lines, which start at column 0: a block scalar's
  # lines are indented, so none of them is taken for a separator.
  validation {
    condition = anytrue([
      for document in [for part in split("\n---", "\n${var.machine_configuration}") : try(yamldecode(part), null)] :
      try(document.machine.network.kubespan.enabled == true, false) || try(document.kind == "KubeSpanConfig" && document.enabled == true, false)
    ])
    error_message = "machine_configuration must enable KubeSpan: machine.network.kubespan.enabled: true, or (Talos 1.13 and later) a KubeSpanConfig document with enabled: true; apply the AWS root with kubespan_enabled = true and pass its worker_machine_configuration output."
  }
}

variable "admin_cidrs" {
  description = "IPv4 CIDRs allowed to reach the workers' Talos API (TCP 50000), for talosctl."
  type        = list(string)

  validation {
    condition     = length(var.admin_cidrs) > 0 && alltrue([for c in var.admin_cidrs : can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", c)) && try(cidrhost(c, 0) == split("/", c)[0], false)])
    error_message = "admin_cidrs must list at least one IPv4 CIDR such as 203.0.113.10/32, written as a network address (203.0.113.0/24, not 203.0.113.10/24)."
  }
}

variable "kubespan_peer_cidrs" {
  description = "IPv4 CIDRs of the other cluster nodes (the AWS nodes' public IPs) allowed to send KubeSpan WireGuard traffic (UDP 51820)."
  type        = list(string)

  validation {
    condition     = length(var.kubespan_peer_cidrs) > 0 && alltrue([for c in var.kubespan_peer_cidrs : can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", c)) && try(cidrhost(c, 0) == split("/", c)[0], false)])
    error_message = "kubespan_peer_cidrs must list at least one IPv4 CIDR such as 198.51.100.7/32, written as a network address (203.0.113.0/24, not 203.0.113.10/24)."
  }
}

variable "admin_ssh_public_key" {
  description = "An SSH public key. Azure requires one for a Linux VM; Talos has no SSH and never uses it."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource of this module. Azure refuses tag names with any of < > % & \\ ? /."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.tags) : length(k) > 0 && !can(regex("[<>%&\\\\?/]", k))])
    error_message = "tags keys must not contain any of < > % & \\ ? / (Azure refuses them in tag names)."
  }
}
