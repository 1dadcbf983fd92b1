variable "cluster_name" {
  description = "Kubernetes cluster name written into every machine configuration and into the talosconfig context."
  type        = string
}

variable "api_endpoint_host" {
  description = "DNS name (or IP) of the Kubernetes API load balancer. The one cluster endpoint is https://<this>:6443."
  type        = string
}

variable "talos_version" {
  description = "Talos release the nodes run, without the leading v (for example 1.11.5): the machine configuration contract and the installer image's tag. Supported: 1.11.x to 1.13.x."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.talos_version))
    error_message = "talos_version must look like 1.11.5 (no leading v)."
  }

  # The minors this module is written and tested for, and that the provider floor in versions.tf
  # can render (its machinery must be at least as new).
  validation {
    condition     = !can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.talos_version)) || can(regex("^1\\.1[1-3]\\.", var.talos_version))
    error_message = "talos_version must be a Talos 1.11, 1.12 or 1.13 release: the releases this module supports with siderolabs/talos >= 0.11."
  }
}

variable "installer_image" {
  description = "Installer image written to machine.install.image (used by upgrades and reinstalls). Null uses ghcr.io/siderolabs/installer:v<talos_version>, the installer of Sidero Labs' official images; set the matching Image Factory installer when the nodes boot a factory image with extensions."
  type        = string
  default     = null

  validation {
    condition     = var.installer_image == null || can(regex("^[^\\s:/]+(:[0-9]+)?(/[^\\s:@]+)+(:[A-Za-z0-9_.-]+)?(@sha256:[0-9a-f]{64})?$", var.installer_image))
    error_message = "installer_image must be a container image reference such as ghcr.io/siderolabs/installer:v1.11.5."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes version baked into the machine configuration, without the leading v (for example 1.34.1): a release talos_version runs (Talos 1.11: 1.29 to 1.34, 1.12: 1.30 to 1.35, 1.13: 1.31 to 1.36)."
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

variable "control_plane_nodes" {
  description = "Control-plane nodes keyed by name: private_ip is the node address inside the cluster, endpoint is where terraform reaches its Talos API."
  type = map(object({
    private_ip = string
    endpoint   = string
  }))

  validation {
    condition     = length(var.control_plane_nodes) % 2 == 1
    error_message = "control_plane_nodes must hold an odd number of nodes so that etcd keeps quorum."
  }
}

variable "worker_nodes" {
  description = "Worker nodes keyed by name, with the same fields as control_plane_nodes."
  type = map(object({
    private_ip = string
    endpoint   = string
  }))
  default = {}
}

variable "service_account_issuer" {
  description = "Service-account token issuer URL: the public discovery bucket URL https://BUCKET.s3.REGION.amazonaws.com."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+$", var.service_account_issuer))
    error_message = "service_account_issuer must be an https URL without a path or trailing slash."
  }
}

variable "service_account_jwks_uri" {
  description = "URL of the published JSON Web Key Set, the issuer followed by /openid/v1/jwks."
  type        = string

  validation {
    condition     = startswith(var.service_account_jwks_uri, "https://")
    error_message = "service_account_jwks_uri must be an https URL."
  }
}

variable "oidc" {
  description = "Optional OIDC user authentication for kube-apiserver (for example Dex). Null leaves user OIDC off."
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

  validation {
    condition     = var.oidc == null || startswith(try(var.oidc.issuer_url, ""), "https://")
    error_message = "oidc.issuer_url must be an https URL."
  }
}

variable "oidc_admin_group" {
  description = "OIDC group bound to oidc_admin_cluster_role by a ClusterRoleBinding shipped as a Talos inline manifest. Null creates no binding."
  type        = string
  default     = null

  validation {
    condition     = var.oidc_admin_group == null || try(length(var.oidc_admin_group) > 0, false)
    error_message = "oidc_admin_group must be a non-empty group name, or null."
  }
}

variable "oidc_admin_cluster_role" {
  description = "ClusterRole granted to oidc_admin_group."
  type        = string
  default     = "cluster-admin"
}

variable "kubespan_enabled" {
  description = "Enable KubeSpan (WireGuard mesh) and cluster discovery on every node, needed for workers in other clouds."
  type        = bool
  default     = false
}

variable "allow_scheduling_on_control_planes" {
  description = "Let ordinary workloads run on the control-plane nodes (useful for clusters without workers)."
  type        = bool
  default     = false
}

variable "config_patches" {
  description = "Extra Talos config patches applied to every node. Strategic merge patches (YAML, or a JSON object); an RFC 6902 patch (a list of operations) only with Talos 1.11, since later releases' configurations hold more than one document."
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
  description = "Extra Talos config patches applied to control-plane nodes only, as in config_patches."
  type        = list(string)
  default     = []

  validation {
    condition     = can(regex("^1\\.11\\.", var.talos_version)) || alltrue([for p in var.controlplane_config_patches : !can(slice(yamldecode(p), 0, 0))])
    error_message = "controlplane_config_patches must hold strategic merge patches with Talos 1.12 or later: an RFC 6902 patch (a list of operations) cannot patch a configuration of more than one document, which those releases generate."
  }
}

variable "worker_config_patches" {
  description = "Extra Talos config patches applied to worker nodes only, as in config_patches."
  type        = list(string)
  default     = []

  validation {
    condition     = can(regex("^1\\.11\\.", var.talos_version)) || alltrue([for p in var.worker_config_patches : !can(slice(yamldecode(p), 0, 0))])
    error_message = "worker_config_patches must hold strategic merge patches with Talos 1.12 or later: an RFC 6902 patch (a list of operations) cannot patch a configuration of more than one document, which those releases generate."
  }
}

variable "wait_for_health" {
  description = "Read talos_cluster_health after bootstrap, so that apply ends only when etcd, kubelet and the Kubernetes components are healthy. The data source is read again at every plan and refresh, and fails when Kubernetes holds nodes other than control_plane_nodes and worker_nodes."
  type        = bool
  default     = false
}

variable "health_timeout" {
  description = "How long the health check may wait, as a Go duration (for example 15m)."
  type        = string
  default     = "15m"
}
