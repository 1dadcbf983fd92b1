output "control_plane_security_group_id" {
  description = "Security group of the Talos control-plane nodes."
  value       = aws_security_group.control_plane.id
}

output "worker_security_group_id" {
  description = "Security group of the Talos worker nodes."
  value       = aws_security_group.workers.id
}

output "api_lb_security_group_id" {
  description = "Security group of the Kubernetes API network load balancer."
  value       = aws_security_group.api_lb.id
}
