# Network load balancer in front of kube-apiserver on the control-plane nodes. The cluster
# endpoint is https://<dns_name>:6443 - the same port outside and inside, so the URL baked into
# every machine configuration and kubeconfig is the one clients use.

locals {
  api_port = 6443
  # AWS caps load balancer and target group names at 32 characters, which leaves 27 for the name
  # in front of "-6443". A longer name keeps its first 20 characters and gets 6 hex digits of its
  # SHA-256, so clusters whose names share a long prefix no longer get the same names (and since
  # CreateTargetGroup is documented as idempotent for identical settings, a clash need not fail).
  short_name = length(var.name) <= 27 ? trimsuffix(var.name, "-") : "${trimsuffix(substr(var.name, 0, 20), "-")}-${substr(sha256(var.name), 0, 6)}"
}

resource "aws_lb" "api" {
  name                             = "${local.short_name}-api"
  load_balancer_type               = "network"
  internal                         = var.internal
  subnets                          = var.subnet_ids
  security_groups                  = var.security_group_ids
  enable_cross_zone_load_balancing = true
  tags                             = var.tags

  lifecycle {
    # A cluster created before names over 27 characters were hashed keeps its load balancer: a new
    # name would replace it, and its DNS name is the endpoint in every machine configuration.
    ignore_changes = [name]
  }
}

resource "aws_lb_target_group" "api" {
  name        = "${local.short_name}-6443"
  port        = local.api_port
  protocol    = "TCP"
  vpc_id      = var.vpc_id
  target_type = "instance"
  # A control-plane node that dials the cluster endpoint may be routed to itself; with the client
  # IP preserved that hairpin connection fails, so the NLB rewrites the source address.
  preserve_client_ip = false
  tags               = var.tags

  lifecycle {
    ignore_changes = [name] # as for the load balancer
  }

  health_check {
    protocol            = "TCP"
    port                = tostring(local.api_port)
    interval            = 10
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }
}

resource "aws_lb_listener" "api" {
  load_balancer_arn = aws_lb.api.arn
  port              = local.api_port
  protocol          = "TCP"
  tags              = var.tags

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

resource "aws_lb_target_group_attachment" "control_plane" {
  for_each = var.control_plane_instance_ids

  target_group_arn = aws_lb_target_group.api.arn
  target_id        = each.value
  port             = local.api_port
}
