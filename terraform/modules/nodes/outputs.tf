output "control_plane_instance_ids" {
  description = "Control-plane instance IDs keyed by node name."
  value       = { for name, i in aws_instance.control_plane : name => i.id }
}

output "control_plane_nodes" {
  description = "Control-plane nodes keyed by name: private_ip (the Talos node address) and endpoint (where terraform reaches the Talos API: the public IP when there is one)."
  value = {
    for name, i in aws_instance.control_plane : name => {
      private_ip = i.private_ip
      endpoint   = var.associate_public_ip ? i.public_ip : i.private_ip
    }
  }
}

output "worker_nodes" {
  description = "Worker nodes keyed by name, with the same fields as control_plane_nodes."
  value = {
    for name, i in aws_instance.worker : name => {
      private_ip = i.private_ip
      endpoint   = var.associate_public_ip ? i.public_ip : i.private_ip
    }
  }
}

output "ami_id" {
  description = "AMI the nodes were created from."
  value       = local.ami_id
}
