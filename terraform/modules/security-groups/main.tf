# Talos port matrix (https://www.talos.dev/latest/learn-more/talos-network-connectivity/):
#   TCP 50000 apid    talosctl -> every node; control plane -> nodes   (admin CIDRs + in-cluster)
#   TCP 50001 trustd  workers -> control plane                          (in-cluster only)
#   TCP 6443  kube-apiserver, reached through the NLB                   (API CIDRs, via the LB group)
#   UDP 51820 KubeSpan WireGuard                                        (in-cluster + peer CIDRs)
# "In-cluster" is the self-referencing all-traffic rule on the node group, which also carries etcd,
# kubelet and the CNI. Nothing here is open to 0.0.0.0/0 inbound.

locals {
  kubespan_peer_cidrs = var.kubespan_enabled ? toset(var.kubespan_peer_cidrs) : toset([])
}

resource "aws_security_group" "nodes" {
  name        = "${var.name}-nodes"
  description = "Talos nodes of cluster ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-nodes" })
}

resource "aws_security_group" "api_lb" {
  name        = "${var.name}-api-lb"
  description = "Kubernetes API load balancer of cluster ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-api-lb" })
}

# --- nodes -------------------------------------------------------------------------------------

resource "aws_vpc_security_group_ingress_rule" "nodes_within_cluster" {
  security_group_id            = aws_security_group.nodes.id
  description                  = "All traffic between cluster nodes (apid, trustd 50001, etcd, kubelet, CNI)"
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.nodes.id
  tags                         = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "nodes_talos_api_from_admins" {
  for_each = toset(var.admin_cidrs)

  security_group_id = aws_security_group.nodes.id
  description       = "Talos API (apid) from administrators"
  ip_protocol       = "tcp"
  from_port         = 50000
  to_port           = 50000
  cidr_ipv4         = each.value
  tags              = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "nodes_kube_api_from_lb" {
  security_group_id            = aws_security_group.nodes.id
  description                  = "Kubernetes API from the load balancer (traffic and health checks)"
  ip_protocol                  = "tcp"
  from_port                    = 6443
  to_port                      = 6443
  referenced_security_group_id = aws_security_group.api_lb.id
  tags                         = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "nodes_kubespan_from_peers" {
  for_each = local.kubespan_peer_cidrs

  security_group_id = aws_security_group.nodes.id
  description       = "KubeSpan WireGuard from peers outside the VPC"
  ip_protocol       = "udp"
  from_port         = 51820
  to_port           = 51820
  cidr_ipv4         = each.value
  tags              = var.tags
}

resource "aws_vpc_security_group_egress_rule" "nodes_all_ipv4" {
  security_group_id = aws_security_group.nodes.id
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
  security_group_id            = aws_security_group.api_lb.id
  description                  = "Kubernetes API from the nodes themselves (kubelet bootstrap through the cluster endpoint)"
  ip_protocol                  = "tcp"
  from_port                    = 6443
  to_port                      = 6443
  referenced_security_group_id = aws_security_group.nodes.id
  tags                         = var.tags
}

# An internet-facing NLB resolves to public addresses: a node dialling the cluster endpoint leaves
# through the internet gateway and arrives with its own public IP, which the node-group reference
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

resource "aws_vpc_security_group_egress_rule" "lb_to_nodes" {
  security_group_id            = aws_security_group.api_lb.id
  description                  = "Forward Kubernetes API traffic and health checks to the control plane"
  ip_protocol                  = "tcp"
  from_port                    = 6443
  to_port                      = 6443
  referenced_security_group_id = aws_security_group.nodes.id
  tags                         = var.tags
}
