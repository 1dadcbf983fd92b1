# EC2 instances booting Sidero Labs' Talos AMI. Each instance receives its Talos machine
# configuration as user data on first boot; later configuration changes go through the Talos API
# (talos_machine_configuration_apply), so user data changes are ignored rather than replacing nodes.

data "aws_ami" "talos" {
  count = var.ami_id == null ? 1 : 0

  owners      = ["540036508848"] # Sidero Labs
  most_recent = true

  filter {
    name   = "name"
    values = ["talos-v${var.talos_version}-${var.region}-${var.arch}"]
  }

  filter {
    name   = "architecture"
    values = [var.arch == "arm64" ? "arm64" : "x86_64"]
  }
}

locals {
  ami_id = var.ami_id != null ? var.ami_id : data.aws_ami.talos[0].id

  control_plane_nodes = {
    for i in range(var.control_plane.count) : "${var.cluster_name}-cp-${i}" => {
      index            = i
      instance_type    = var.control_plane.instance_type
      root_volume_size = var.control_plane.root_volume_size
      tags             = {}
    }
  }

  worker_nodes = merge({}, [
    for group, spec in var.worker_groups : {
      for i in range(spec.count) : "${var.cluster_name}-${group}-${i}" => {
        index            = i
        group            = group
        instance_type    = spec.instance_type
        root_volume_size = spec.root_volume_size
        tags             = spec.tags
      }
    }
  ]...)
}

resource "aws_instance" "control_plane" {
  for_each = local.control_plane_nodes

  ami                         = local.ami_id
  instance_type               = each.value.instance_type
  subnet_id                   = var.subnet_ids[each.value.index % length(var.subnet_ids)]
  vpc_security_group_ids      = var.control_plane_security_group_ids
  associate_public_ip_address = var.associate_public_ip
  user_data                   = var.controlplane_user_data

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required" # IMDSv2 only
    http_put_response_hop_limit = 1          # pods use IRSA, never the node's credentials
    # Nothing on a Talos node reads tags from IMDS (Talos's AWS platform reads only the hostname,
    # instance ID, type and life cycle, addresses, region and zone). With tags in IMDS, EC2 refuses
    # to launch an instance whose tag keys (default_tags included) hold a space or a '/', or use
    # characters other than letters, digits and + - = . , _ : @.
    instance_metadata_tags = "disabled"
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = each.value.root_volume_size
    encrypted   = true
    kms_key_id  = var.kms_key_id
  }

  tags = merge(var.tags, each.value.tags, {
    Name              = each.key
    Role              = "controlplane"
    KubernetesCluster = var.cluster_name
  })

  lifecycle {
    # subnet_id: nodes are dealt round-robin over subnet_ids by index, so a reordered list (or a
    # created VPC with one more AZ) would move existing nodes, and moving one replaces it. Existing
    # nodes stay where they are; new nodes follow the current list.
    ignore_changes = [ami, user_data, subnet_id]
  }
}

resource "aws_instance" "worker" {
  for_each = local.worker_nodes

  ami                         = local.ami_id
  instance_type               = each.value.instance_type
  subnet_id                   = var.subnet_ids[each.value.index % length(var.subnet_ids)]
  vpc_security_group_ids      = var.worker_security_group_ids
  associate_public_ip_address = var.associate_public_ip
  user_data                   = var.worker_user_data

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required" # IMDSv2 only
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled" # as for the control plane
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = each.value.root_volume_size
    encrypted   = true
    kms_key_id  = var.kms_key_id
  }

  tags = merge(var.tags, each.value.tags, {
    Name              = each.key
    Role              = "worker"
    WorkerGroup       = each.value.group
    KubernetesCluster = var.cluster_name
  })

  lifecycle {
    ignore_changes = [ami, user_data, subnet_id] # as for the control plane
  }
}
