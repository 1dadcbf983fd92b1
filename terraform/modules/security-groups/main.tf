# Control-plane and worker nodes get separate groups, so a worker reaches the control plane only on
# the ports it needs: not etcd (2379-2380), kube-scheduler (10259) or kube-controller-manager
# (10257). Ports follow Sidero Labs' Talos network connectivity page (v1.9 onwards) and ingress
# firewall guide, and kubernetes.io "Ports and Protocols":
#   TCP 50000 apid              admin CIDRs -> every node; control plane -> every node
#   TCP 50001 trustd            workers -> control plane
#   TCP 6443  kube-apiserver    NLB -> control plane; every node -> control plane (KubePrism and
#                               the in-cluster kubernetes Service dial control-plane nodes directly)
#   TCP 2379, 2380 etcd         control plane -> control plane only
#   TCP 10250 kubelet           every node -> every node (kube-apiserver on the control plane, and
#                               metrics scrapers, which may run on any node)
#   UDP 4789  flannel VXLAN     every node -> every node: pod-to-pod traffic between nodes, and
#                               kube-apiserver to webhooks and aggregated APIs in pods
#   UDP 51820 KubeSpan          every node and peer CIDRs -> every node (with kubespan_enabled)
# Nothing here is open to 0.0.0.0/0 inbound.

locals {
  kubespan_peer_cidrs = var.kubespan_enabled ? toset(var.kubespan_peer_cidrs) : toset([])

  # Node-to-node ingress: key => the group receiving it (to), the group sending it (from), and one
  # port. Keys are static, so adding or removing nodes never changes this set.
  cluster_rules = merge(
    {
      cp_etcd_client_from_cp = { to = "control_plane", from = "control_plane", protocol = "tcp", port = 2379, description = "etcd client API between control-plane nodes" }
      cp_etcd_peer_from_cp   = { to = "control_plane", from = "control_plane", protocol = "tcp", port = 2380, description = "etcd peer traffic between control-plane nodes" }
      cp_apid_from_cp        = { to = "control_plane", from = "control_plane", protocol = "tcp", port = 50000, description = "Talos API (apid) between control-plane nodes" }
      cp_kube_api_from_cp    = { to = "control_plane", from = "control_plane", protocol = "tcp", port = 6443, description = "Kubernetes API between control-plane nodes (KubePrism)" }
      cp_kube_api_from_wk    = { to = "control_plane", from = "workers", protocol = "tcp", port = 6443, description = "Kubernetes API from workers (KubePrism, the kubernetes Service)" }
      cp_trustd_from_wk      = { to = "control_plane", from = "workers", protocol = "tcp", port = 50001, description = "trustd: workers obtain their certificates from the control plane" }
      cp_kubelet_from_cp     = { to = "control_plane", from = "control_plane", protocol = "tcp", port = 10250, description = "kubelet API from the control plane" }
      cp_kubelet_from_wk     = { to = "control_plane", from = "workers", protocol = "tcp", port = 10250, description = "kubelet API from metrics scrapers on workers" }
      cp_vxlan_from_cp       = { to = "control_plane", from = "control_plane", protocol = "udp", port = 4789, description = "flannel VXLAN (pod network) between nodes" }
      cp_vxlan_from_wk       = { to = "control_plane", from = "workers", protocol = "udp", port = 4789, description = "flannel VXLAN (pod network) between nodes" }
      wk_apid_from_cp        = { to = "workers", from = "control_plane", protocol = "tcp", port = 50000, description = "Talos API (apid) from the control plane" }
      wk_kubelet_from_cp     = { to = "workers", from = "control_plane", protocol = "tcp", port = 10250, description = "kubelet API from the control plane" }
      wk_kubelet_from_wk     = { to = "workers", from = "workers", protocol = "tcp", port = 10250, description = "kubelet API from metrics scrapers on workers" }
      wk_vxlan_from_cp       = { to = "workers", from = "control_plane", protocol = "udp", port = 4789, description = "flannel VXLAN (pod network) between nodes" }
      wk_vxlan_from_wk       = { to = "workers", from = "workers", protocol = "udp", port = 4789, description = "flannel VXLAN (pod network) between nodes" }
    },
    var.kubespan_enabled ? {
      cp_kubespan_from_cp = { to = "control_plane", from = "control_plane", protocol = "udp", port = 51820, description = "KubeSpan WireGuard between nodes" }
      cp_kubespan_from_wk = { to = "control_plane", from = "workers", protocol = "udp", port = 51820, description = "KubeSpan WireGuard between nodes" }
      wk_kubespan_from_cp = { to = "workers", from = "control_plane", protocol = "udp", port = 51820, description = "KubeSpan WireGuard between nodes" }
      wk_kubespan_from_wk = { to = "workers", from = "workers", protocol = "udp", port = 51820, description = "KubeSpan WireGuard between nodes" }
    } : {}
  )

  node_groups = {
    control_plane = aws_security_group.control_plane.id
    workers       = aws_security_group.workers.id
  }

  # Rules that every node group gets from CIDRs, keyed "<group>/<cidr>".
  admin_rules = {
    for pair in setproduct(keys(local.node_groups), var.admin_cidrs) : "${pair[0]}/${pair[1]}" => { group = pair[0], cidr = pair[1] }
  }
  kubespan_peer_rules = {
    for pair in setproduct(keys(local.node_groups), local.kubespan_peer_cidrs) : "${pair[0]}/${pair[1]}" => { group = pair[0], cidr = pair[1] }
  }
}

resource "aws_security_group" "control_plane" {
  name        = "${var.name}-control-plane"
  description = "Talos control-plane nodes of cluster ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-control-plane" })
}

resource "aws_security_group" "workers" {
  name        = "${var.name}-workers"
  description = "Talos worker nodes of cluster ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-workers" })
}

resource "aws_security_group" "api_lb" {
  name        = "${var.name}-api-lb"
  description = "Kubernetes API load balancer of cluster ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-api-lb" })
}

# --- nodes -------------------------------------------------------------------------------------

resource "aws_vpc_security_group_ingress_rule" "cluster" {
  for_each = local.cluster_rules

  security_group_id            = local.node_groups[each.value.to]
  description                  = each.value.description
  ip_protocol                  = each.value.protocol
  from_port                    = each.value.port
  to_port                      = each.value.port
  referenced_security_group_id = local.node_groups[each.value.from]
  tags                         = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "nodes_talos_api_from_admins" {
  for_each = local.admin_rules

  security_group_id = local.node_groups[each.value.group]
  description       = "Talos API (apid) from administrators"
  ip_protocol       = "tcp"
  from_port         = 50000
  to_port           = 50000
  cidr_ipv4         = each.value.cidr
  tags              = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "control_plane_kube_api_from_lb" {
  security_group_id            = aws_security_group.control_plane.id
  description                  = "Kubernetes API from the load balancer (traffic and health checks)"
  ip_protocol                  = "tcp"
  from_port                    = 6443
  to_port                      = 6443
  referenced_security_group_id = aws_security_group.api_lb.id
  tags                         = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "nodes_kubespan_from_peers" {
  for_each = local.kubespan_peer_rules

  security_group_id = local.node_groups[each.value.group]
  description       = "KubeSpan WireGuard from peers outside the VPC"
  ip_protocol       = "udp"
  from_port         = 51820
  to_port           = 51820
  cidr_ipv4         = each.value.cidr
  tags              = var.tags
}

resource "aws_vpc_security_group_egress_rule" "nodes_all_ipv4" {
  for_each = local.node_groups

  security_group_id = each.value
  description       = "Nodes reach image registries, the discovery service, AWS APIs and KubeSpan peers"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
  tags              = var.tags
}

# --- API load balancer -------------------------------------------------------------------------

resource "aws_vpc_security_group_ingress_rule" "lb_kube_api_from_clients" {
  for_each = toset(var.api_cidrs)

  security_group_id = aws_security_group.api_lb.id
  description       = "Kubernetes API from allowed clients"
  ip_protocol       = "tcp"
  from_port         = 6443
  to_port           = 6443
  cidr_ipv4         = each.value
  tags              = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "lb_kube_api_from_nodes" {
  for_each = local.node_groups

  security_group_id            = aws_security_group.api_lb.id
  description                  = "Kubernetes API from the nodes themselves (kubelet bootstrap through the cluster endpoint)"
  ip_protocol                  = "tcp"
  from_port                    = 6443
  to_port                      = 6443
  referenced_security_group_id = each.value
  tags                         = var.tags
}

# An internet-facing NLB resolves to public addresses: a node dialling the cluster endpoint leaves
# through the internet gateway and arrives with its own public IP, which the node-group references
# above cannot match. Keys are node names (known at plan time); the IPs may not be.
resource "aws_vpc_security_group_ingress_rule" "lb_kube_api_from_node_public_ips" {
  for_each = var.node_public_ips

  security_group_id = aws_security_group.api_lb.id
  description       = "Kubernetes API from node ${each.key} via its public IP"
  ip_protocol       = "tcp"
  from_port         = 6443
  to_port           = 6443
  cidr_ipv4         = "${each.value}/32"
  tags              = var.tags
}

# The NLB's targets are control-plane nodes only.
resource "aws_vpc_security_group_egress_rule" "lb_to_control_plane" {
  security_group_id            = aws_security_group.api_lb.id
  description                  = "Forward Kubernetes API traffic and health checks to the control plane"
  ip_protocol                  = "tcp"
  from_port                    = 6443
  to_port                      = 6443
  referenced_security_group_id = aws_security_group.control_plane.id
  tags                         = var.tags
}
