# --- cluster ------------------------------------------------------------------------------------

variable "cluster_name" {
  description = "Cluster name: a DNS label of at most 32 characters. It names the AWS resources, the Talos cluster and the kubeconfig context."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$", var.cluster_name))
    error_message = "cluster_name must be a DNS label: 1-32 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "region" {
  description = "AWS region of the cluster and of its discovery bucket (for example us-east-1)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}([a-z]{2})?(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "talos_version" {
  description = "Talos Linux release, without the leading v (for example 1.11.5). Selects the AMI talos-v<version>-<region>-<arch>, the machine configuration contract and the installer image. Supported: 1.11.x to 1.13.x."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.talos_version))
    error_message = "talos_version must look like 1.11.5 (no leading v)."
  }

  # Kept in step with the talos module (its variables.tf and provider floor).
  validation {
    condition     = !can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.talos_version)) || can(regex("^1\\.1[1-3]\\.", var.talos_version))
    error_message = "talos_version must be a Talos 1.11, 1.12 or 1.13 release: the releases this module supports with siderolabs/talos >= 0.11."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes version, without the leading v (for example 1.34.1). Must be a release talos_version runs: Talos 1.11 runs Kubernetes 1.29 to 1.34, 1.12 runs 1.30 to 1.35, 1.13 runs 1.31 to 1.36."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.kubernetes_version))
    error_message = "kubernetes_version must look like 1.34.1 (no leading v)."
  }

  # The Kubernetes minors each Talos minor runs (the bounds in Talos's
  # pkg/machinery/compatibility/talos1NN). A node checks its configuration's Kubernetes images
  # against them, at boot and on every apply, and refuses any other: an unsupported pair would
  # surface only as nodes left without a configuration. Kept in step with talos_version.
  validation {
    condition = !can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.kubernetes_version)) || !can(regex("^1\\.1[1-3]\\.[0-9]+$", var.talos_version)) || contains(
      lookup({
        "11" = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34"]
        "12" = ["1.30", "1.31", "1.32", "1.33", "1.34", "1.35"]
        "13" = ["1.31", "1.32", "1.33", "1.34", "1.35", "1.36"]
      }, split(".", var.talos_version)[1], []),
      join(".", slice(split(".", var.kubernetes_version), 0, 2))
    )
    error_message = "kubernetes_version must be a Kubernetes release talos_version runs: Talos 1.11 runs Kubernetes 1.29 to 1.34, Talos 1.12 runs 1.30 to 1.35, Talos 1.13 runs 1.31 to 1.36."
  }
}

variable "arch" {
  description = "CPU architecture of the nodes: amd64 or arm64 (instance types must match)."
  type        = string
  default     = "amd64"

  validation {
    condition     = contains(["amd64", "arm64"], var.arch)
    error_message = "arch must be amd64 or arm64."
  }
}

variable "ami_id" {
  description = "Use this AMI instead of Sidero Labs' official Talos AMI for talos_version."
  type        = string
  default     = null
}

variable "installer_image" {
  description = "Talos installer image for machine.install.image (upgrades, reinstalls). Null uses ghcr.io/siderolabs/installer:v<talos_version>, which matches the official AMIs; with an ami_id built by Image Factory, set its installer (factory.talos.dev/aws-installer/<schematic>:v<talos_version>)."
  type        = string
  default     = null
}

# --- nodes --------------------------------------------------------------------------------------

variable "control_plane" {
  description = "Control-plane nodes: count (odd: 1, 3, 5 ...), instance_type and root_volume_size in GiB."
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
  description = "Worker groups keyed by name (a DNS label), each { count, instance_type, root_volume_size, tags }."
  type = map(object({
    count            = number
    instance_type    = optional(string, "m5.large")
    root_volume_size = optional(number, 50)
    tags             = optional(map(string), {})
  }))
  default = {
    general = { count = 2 }
  }

  validation {
    condition     = alltrue([for name, g in var.worker_groups : can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", name)) && g.count >= 0 && floor(g.count) == g.count])
    error_message = "worker_groups keys must be DNS labels and each count a whole number >= 0."
  }
}

variable "associate_public_ip" {
  description = "Give nodes public IPv4 addresses so that terraform (and talosctl) can reach the Talos API from admin_cidrs outside the VPC. False needs vpc_id: an existing VPC whose subnets have their own egress (a NAT gateway, for example) and that the runner can reach."
  type        = bool
  default     = true

  # The VPC this module creates has public subnets and an internet gateway but no NAT gateway:
  # there a node without a public IP reaches nothing outside the VPC (no image pulls, no discovery
  # service), and nothing outside reaches its Talos API.
  validation {
    condition     = var.associate_public_ip || var.vpc_id != null
    error_message = "associate_public_ip = false needs vpc_id (and subnet_ids) of an existing VPC with its own egress, such as a NAT gateway, that the machine running terraform can reach: the VPC this module creates has no NAT gateway, so nodes without public IPs would have no way out and terraform no way in."
  }
}

variable "root_volume_kms_key_id" {
  description = "KMS key ARN for the (always encrypted) root volumes; null uses the account's default EBS key."
  type        = string
  default     = null
}

# --- network ------------------------------------------------------------------------------------

variable "vpc_id" {
  description = "Existing VPC to deploy into. Null creates a new VPC with public subnets."
  type        = string
  default     = null
}

variable "subnet_ids" {
  description = "Existing subnets (in vpc_id) for the nodes and the load balancer. Required with vpc_id."
  type        = list(string)
  default     = []

  validation {
    condition     = var.vpc_id == null || length(var.subnet_ids) > 0
    error_message = "subnet_ids must list at least one subnet of vpc_id when vpc_id is set."
  }
}

variable "vpc_cidr" {
  description = "CIDR of the VPC to create (ignored with vpc_id)."
  type        = string
  default     = "10.42.0.0/16"
}

variable "az_count" {
  description = "Availability zones to spread a created VPC's subnets over (ignored with vpc_id)."
  type        = number
  default     = 3
}

# The CIDR inputs below take IPv4 network addresses only: cidrhost() alone also accepts IPv6 and
# host bits (203.0.113.10/24), which the aws provider then refuses at the security-group rule
# (cidr_ipv4 must be an IPv4 network address), far from the input that caused it.
variable "admin_cidrs" {
  description = "IPv4 CIDRs allowed to reach the Talos API (TCP 50000) on the nodes: your operators and the machine that runs terraform. Required; nothing is open by default."
  type        = list(string)

  validation {
    condition     = length(var.admin_cidrs) > 0 && alltrue([for c in var.admin_cidrs : can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", c)) && try(cidrhost(c, 0) == split("/", c)[0], false)])
    error_message = "admin_cidrs must list at least one IPv4 CIDR such as 203.0.113.10/32, written as a network address (203.0.113.0/24, not 203.0.113.10/24): the aws provider refuses host bits in a security-group rule."
  }
}

variable "api_cidrs" {
  description = "IPv4 CIDRs allowed to reach the Kubernetes API (TCP 6443) on the load balancer. Required; nothing is open by default."
  type        = list(string)

  validation {
    condition     = length(var.api_cidrs) > 0 && alltrue([for c in var.api_cidrs : can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", c)) && try(cidrhost(c, 0) == split("/", c)[0], false)])
    error_message = "api_cidrs must list at least one IPv4 CIDR such as 203.0.113.0/24, written as a network address (203.0.113.0/24, not 203.0.113.10/24): the aws provider refuses host bits in a security-group rule."
  }
}

variable "api_lb_internal" {
  description = "Make the Kubernetes API load balancer internal to the VPC."
  type        = bool
  default     = false
}

variable "kubespan_enabled" {
  description = "Enable KubeSpan (WireGuard mesh over UDP 51820) and cluster discovery, for workers outside AWS such as the Azure example."
  type        = bool
  default     = false
}

variable "kubespan_peer_cidrs" {
  description = "IPv4 CIDRs of KubeSpan peers outside the VPC (for example Azure worker public IPs) allowed to send WireGuard traffic. Requires kubespan_enabled."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.kubespan_peer_cidrs : can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", c)) && try(cidrhost(c, 0) == split("/", c)[0], false)])
    error_message = "kubespan_peer_cidrs must contain IPv4 CIDRs such as 198.51.100.7/32, written as a network address (203.0.113.0/24, not 203.0.113.10/24): the aws provider refuses host bits in a security-group rule."
  }

  validation {
    condition     = var.kubespan_enabled || length(var.kubespan_peer_cidrs) == 0
    error_message = "kubespan_peer_cidrs only makes sense with kubespan_enabled = true."
  }
}

# --- IRSA discovery -----------------------------------------------------------------------------

variable "discovery_bucket_name" {
  description = "Bucket that serves the service-account issuer's discovery documents. Null derives <cluster_name>-oidc-<account id>. The issuer URL https://<bucket>.s3.<region>.amazonaws.com depends on it: never change it on a live cluster."
  type        = string
  default     = null
}

variable "jwks_object_key" {
  description = "Object key of the JWKS in the discovery bucket; the jwks_uri is the issuer URL followed by /<key>."
  type        = string
  default     = "openid/v1/jwks"
}

variable "discovery_bucket_force_destroy" {
  description = "Let terraform destroy delete the discovery bucket together with the published documents."
  type        = bool
  default     = false
}

variable "oidc_thumbprints" {
  description = "Optional thumbprints for the IAM OIDC provider. Leave empty: IAM does not use them for S3-hosted issuers."
  type        = list(string)
  default     = []
}

# --- user authentication (Dex or another OIDC provider) -----------------------------------------

variable "oidc" {
  description = "OIDC user authentication for kube-apiserver: { issuer_url, client_id, username_claim = \"email\", groups_claim = \"groups\", username_prefix, groups_prefix, ca_file }. Null disables it."
  type = object({
    issuer_url      = string
    client_id       = string
    username_claim  = optional(string, "email")
    groups_claim    = optional(string, "groups")
    username_prefix = optional(string)
    groups_prefix   = optional(string)
    ca_file         = optional(string)
  })
  default = null
}

variable "oidc_admin_group" {
  description = "OIDC group to bind to oidc_admin_cluster_role through a Talos inline manifest. Null binds nothing."
  type        = string
  default     = null

  validation {
    condition     = var.oidc_admin_group == null || var.oidc != null
    error_message = "oidc_admin_group needs oidc: a group claim only exists when OIDC user authentication is configured."
  }
}

variable "oidc_admin_cluster_role" {
  description = "ClusterRole granted to oidc_admin_group."
  type        = string
  default     = "cluster-admin"
}

# --- Talos --------------------------------------------------------------------------------------

variable "allow_scheduling_on_control_planes" {
  description = "Let workloads run on control-plane nodes."
  type        = bool
  default     = false
}

variable "config_patches" {
  description = "Extra Talos config patches for every node. Strategic merge patches (YAML, or a JSON object); an RFC 6902 patch (a list of operations) only with Talos 1.11, since later releases' configurations hold more than one document."
  type        = list(string)
  default     = []

  # Talos applies an RFC 6902 patch only to a configuration of one document (its configpatcher
  # refuses "multi-document machine configuration"), and from the 1.12 contract on the generated
  # configuration has two (v1alpha1 and HostnameConfig): such a patch would fail at the provider.
  # A patch that decodes to a sequence is one; slice() tells a sequence whatever its elements' types
  # (tolist() would not, for operations of different shapes).
  validation {
    condition     = can(regex("^1\\.11\\.", var.talos_version)) || alltrue([for p in var.config_patches : !can(slice(yamldecode(p), 0, 0))])
    error_message = "config_patches must hold strategic merge patches with Talos 1.12 or later: an RFC 6902 patch (a list of operations) cannot patch a configuration of more than one document, which those releases generate."
  }
}

variable "controlplane_config_patches" {
  description = "Extra Talos config patches for control-plane nodes, as in config_patches."
  type        = list(string)
  default     = []

  validation {
    condition     = can(regex("^1\\.11\\.", var.talos_version)) || alltrue([for p in var.controlplane_config_patches : !can(slice(yamldecode(p), 0, 0))])
    error_message = "controlplane_config_patches must hold strategic merge patches with Talos 1.12 or later: an RFC 6902 patch (a list of operations) cannot patch a configuration of more than one document, which those releases generate."
  }
}

variable "worker_config_patches" {
  description = "Extra Talos config patches for worker nodes, as in config_patches."
  type        = list(string)
  default     = []

  validation {
    condition     = can(regex("^1\\.11\\.", var.talos_version)) || alltrue([for p in var.worker_config_patches : !can(slice(yamldecode(p), 0, 0))])
    error_message = "worker_config_patches must hold strategic merge patches with Talos 1.12 or later: an RFC 6902 patch (a list of operations) cannot patch a configuration of more than one document, which those releases generate."
  }
}

variable "wait_for_health" {
  description = "Wait (talos_cluster_health) until the cluster is healthy before apply finishes. The check runs again at every plan and refresh and expects Kubernetes to hold exactly this root's nodes: leave it off once workers from elsewhere (examples/azure-workers) join."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every AWS resource (applied through the provider's default_tags)."
  type        = map(string)
  default     = {}
}
