# Talos Linux on EC2, wired into IAM through IRSA:
#
#   network ─► security-groups ─► api-lb (NLB, TCP 6443) ─► talos (machine configurations)
#                                     ▲                          │ user data
#                                     └──── nodes (EC2) ◄────────┘
#   irsa-discovery (S3 issuer + IAM OIDC provider) ─► talos (service-account-issuer flags)
#
# The talos and nodes modules reference each other's outputs; Terraform resolves that per value
# (configurations need only the LB name; applies need the instances), so there is no cycle.

data "aws_caller_identity" "current" {}

locals {
  discovery_bucket_name = coalesce(var.discovery_bucket_name, "${var.cluster_name}-oidc-${data.aws_caller_identity.current.account_id}")
}

module "network" {
  source = "./modules/network"

  name       = var.cluster_name
  vpc_id     = var.vpc_id
  subnet_ids = var.subnet_ids
  vpc_cidr   = var.vpc_cidr
  az_count   = var.az_count
}

module "security_groups" {
  source = "./modules/security-groups"

  name                = var.cluster_name
  vpc_id              = module.network.vpc_id
  admin_cidrs         = var.admin_cidrs
  api_cidrs           = var.api_cidrs
  kubespan_enabled    = var.kubespan_enabled
  kubespan_peer_cidrs = var.kubespan_peer_cidrs

  # Nodes dial the public NLB from their public IPs (see the security-groups module).
  node_public_ips = var.associate_public_ip && !var.api_lb_internal ? {
    for name, node in merge(module.nodes.control_plane_nodes, module.nodes.worker_nodes) : name => node.endpoint
  } : {}
}

module "irsa_discovery" {
  source = "./modules/irsa-discovery"

  bucket_name     = local.discovery_bucket_name
  region          = var.region
  jwks_object_key = var.jwks_object_key
  thumbprints     = var.oidc_thumbprints
  force_destroy   = var.discovery_bucket_force_destroy
}

module "api_lb" {
  source = "./modules/api-lb"

  name                       = var.cluster_name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.subnet_ids
  security_group_ids         = [module.security_groups.api_lb_security_group_id]
  internal                   = var.api_lb_internal
  control_plane_instance_ids = module.nodes.control_plane_instance_ids
}

module "nodes" {
  source = "./modules/nodes"

  cluster_name  = var.cluster_name
  region        = var.region
  talos_version = var.talos_version
  arch          = var.arch
  ami_id        = var.ami_id
  subnet_ids    = module.network.subnet_ids
  # Separate groups keep workers off the control plane's etcd and internal ports.
  control_plane_security_group_ids = [module.security_groups.control_plane_security_group_id]
  worker_security_group_ids        = [module.security_groups.worker_security_group_id]
  associate_public_ip              = var.associate_public_ip
  control_plane                    = var.control_plane
  worker_groups                    = var.worker_groups
  kms_key_id                       = var.root_volume_kms_key_id

  controlplane_user_data = module.talos.controlplane_machine_configuration
  worker_user_data       = module.talos.worker_machine_configuration
}

module "talos" {
  source = "./modules/talos"

  cluster_name       = var.cluster_name
  api_endpoint_host  = module.api_lb.dns_name
  talos_version      = var.talos_version
  kubernetes_version = var.kubernetes_version
  installer_image    = var.installer_image

  control_plane_nodes = module.nodes.control_plane_nodes
  worker_nodes        = module.nodes.worker_nodes

  service_account_issuer   = module.irsa_discovery.issuer_url
  service_account_jwks_uri = module.irsa_discovery.jwks_url

  oidc                    = var.oidc
  oidc_admin_group        = var.oidc_admin_group
  oidc_admin_cluster_role = var.oidc_admin_cluster_role

  kubespan_enabled                   = var.kubespan_enabled
  allow_scheduling_on_control_planes = var.allow_scheduling_on_control_planes
  config_patches                     = var.config_patches
  controlplane_config_patches        = var.controlplane_config_patches
  worker_config_patches              = var.worker_config_patches
  wait_for_health                    = var.wait_for_health
}
