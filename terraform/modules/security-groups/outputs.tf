output "node_security_group_id" {
  description = "Security group of every Talos node."
  value       = aws_security_group.nodes.id
}

output "api_lb_security_group_id" {
  description = "Security group of the Kubernetes API network load balancer."
  value       = aws_security_group.api_lb.id
}
