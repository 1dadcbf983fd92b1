# Talos resource graph: secrets -> machine configurations -> apply to every node -> bootstrap one
# control-plane node -> kubeconfig (-> optional health check). Schemas follow the siderolabs/talos
# provider documentation (resources talos_machine_secrets, talos_machine_configuration_apply,
# talos_machine_bootstrap, talos_cluster_kubeconfig; data sources talos_machine_configuration,
# talos_client_configuration, talos_cluster_health).

locals {
  # The ONE cluster endpoint. Control-plane and worker configurations, and hence the kubeconfig,
  # all carry this exact URL.
  cluster_endpoint = "https://${var.api_endpoint_host}:6443"

  talos_contract = "v${var.talos_version}"

  # The provider writes the installer of its own bundled Talos machinery into machine.install.image
  # whatever talos_version says (its docs: talos_version "does not control the installed Talos
  # version"), so the image is pinned to the release the nodes run.
  installer_image = coalesce(var.installer_image, "ghcr.io/siderolabs/installer:v${var.talos_version}")
  install_patch = yamlencode({
    machine = { install = { image = local.installer_image } }
  })

  # The first control-plane node (by name) bootstraps etcd; the others join it.
  bootstrap_node_name = sort(keys(var.control_plane_nodes))[0]
  bootstrap_node      = var.control_plane_nodes[local.bootstrap_node_name]

  control_plane_endpoints = [for name in sort(keys(var.control_plane_nodes)) : var.control_plane_nodes[name].endpoint]
  control_plane_ips       = [for name in sort(keys(var.control_plane_nodes)) : var.control_plane_nodes[name].private_ip]
  worker_ips              = [for name in sort(keys(var.worker_nodes)) : var.worker_nodes[name].private_ip]

  # kube-apiserver signs service-account tokens for the public S3 issuer, so that AWS STS can
  # verify them (IRSA). The JWKS location is the published copy, not the in-cluster endpoint.
  service_account_args = {
    "service-account-issuer"   = var.service_account_issuer
    "service-account-jwks-uri" = var.service_account_jwks_uri
  }

  # User authentication through an external OIDC provider such as Dex: only the flags given.
  oidc_args = var.oidc == null ? {} : {
    for flag, value in {
      "oidc-issuer-url"      = var.oidc.issuer_url
      "oidc-client-id"       = var.oidc.client_id
      "oidc-username-claim"  = var.oidc.username_claim
      "oidc-groups-claim"    = var.oidc.groups_claim
      "oidc-username-prefix" = var.oidc.username_prefix
      "oidc-groups-prefix"   = var.oidc.groups_prefix
      "oidc-ca-file"         = var.oidc.ca_file
    } : flag => value if value != null
  }

  admin_group_subject = var.oidc_admin_group == null ? null : "${try(var.oidc.groups_prefix, null) == null ? "" : var.oidc.groups_prefix}${var.oidc_admin_group}"

  oidc_admin_binding = var.oidc_admin_group == null ? null : {
    apiVersion = "rbac.authorization.k8s.io/v1"
    kind       = "ClusterRoleBinding"
    metadata = {
      name   = "oidc-group-${var.oidc_admin_cluster_role}"
      labels = { "app.kubernetes.io/managed-by" = "talos-irsa" }
    }
    roleRef = {
      apiGroup = "rbac.authorization.k8s.io"
      kind     = "ClusterRole"
      name     = var.oidc_admin_cluster_role
    }
    subjects = [{
      apiGroup = "rbac.authorization.k8s.io"
      kind     = "Group"
      name     = local.admin_group_subject
    }]
  }

  api_server_patch = yamlencode({
    cluster = {
      apiServer = {
        extraArgs = merge(local.service_account_args, local.oidc_args)
      }
    }
  })

  admin_binding_patches = local.oidc_admin_binding == null ? [] : [yamlencode({
    cluster = {
      inlineManifests = [{
        name     = "oidc-admin-cluster-role-binding"
        contents = yamlencode(local.oidc_admin_binding)
      }]
    }
  })]

  scheduling_patches = var.allow_scheduling_on_control_planes ? [yamlencode({
    cluster = { allowSchedulingOnControlPlanes = true }
  })] : []

  kubespan_patches = var.kubespan_enabled ? [yamlencode({
    machine = { network = { kubespan = { enabled = true } } }
    cluster = { discovery = { enabled = true } }
  })] : []

  controlplane_patches = concat(
    [local.install_patch],
    local.kubespan_patches,
    [local.api_server_patch],
    local.admin_binding_patches,
    local.scheduling_patches,
    var.config_patches,
    var.controlplane_config_patches,
  )

  worker_patches = concat(
    [local.install_patch],
    local.kubespan_patches,
    var.config_patches,
    var.worker_config_patches,
  )
}

resource "talos_machine_secrets" "this" {
  talos_version = local.talos_contract

  lifecycle {
    # The secrets are the cluster's identity (CAs, tokens). A later Talos upgrade must never
    # regenerate them; the provider would replace them on a version downgrade.
    ignore_changes = [talos_version]
  }
}

data "talos_machine_configuration" "controlplane" {
  cluster_name       = var.cluster_name
  cluster_endpoint   = local.cluster_endpoint
  machine_type       = "controlplane"
  machine_secrets    = talos_machine_secrets.this.machine_secrets
  talos_version      = local.talos_contract
  kubernetes_version = var.kubernetes_version
  docs               = false
  examples           = false
  config_patches     = local.controlplane_patches
}

data "talos_machine_configuration" "worker" {
  cluster_name       = var.cluster_name
  cluster_endpoint   = local.cluster_endpoint
  machine_type       = "worker"
  machine_secrets    = talos_machine_secrets.this.machine_secrets
  talos_version      = local.talos_contract
  kubernetes_version = var.kubernetes_version
  docs               = false
  examples           = false
  config_patches     = local.worker_patches
}

resource "talos_machine_configuration_apply" "controlplane" {
  for_each = var.control_plane_nodes

  client_configuration        = talos_machine_secrets.this.client_configuration
  machine_configuration_input = data.talos_machine_configuration.controlplane.machine_configuration
  node                        = each.value.private_ip
  endpoint                    = each.value.endpoint
}

resource "talos_machine_configuration_apply" "worker" {
  for_each = var.worker_nodes

  client_configuration        = talos_machine_secrets.this.client_configuration
  machine_configuration_input = data.talos_machine_configuration.worker.machine_configuration
  node                        = each.value.private_ip
  endpoint                    = each.value.endpoint
}

resource "talos_machine_bootstrap" "this" {
  depends_on = [talos_machine_configuration_apply.controlplane]

  client_configuration = talos_machine_secrets.this.client_configuration
  node                 = local.bootstrap_node.private_ip
  endpoint             = local.bootstrap_node.endpoint
}

# The resource, not the deprecated data source of the same name: it renews the client
# certificate before it expires instead of fetching a new kubeconfig on every refresh.
resource "talos_cluster_kubeconfig" "this" {
  depends_on = [talos_machine_bootstrap.this]

  client_configuration = talos_machine_secrets.this.client_configuration
  node                 = local.bootstrap_node.private_ip
  endpoint             = local.bootstrap_node.endpoint
}

data "talos_client_configuration" "this" {
  cluster_name         = var.cluster_name
  client_configuration = talos_machine_secrets.this.client_configuration
  endpoints            = local.control_plane_endpoints
  nodes                = concat(local.control_plane_ips, local.worker_ips)
}

data "talos_cluster_health" "this" {
  count = var.wait_for_health ? 1 : 0

  depends_on = [
    talos_machine_configuration_apply.controlplane,
    talos_machine_configuration_apply.worker,
    talos_cluster_kubeconfig.this,
  ]

  client_configuration = talos_machine_secrets.this.client_configuration
  endpoints            = local.control_plane_endpoints
  control_plane_nodes  = local.control_plane_ips
  worker_nodes         = local.worker_ips

  timeouts = {
    read = var.health_timeout
  }
}
