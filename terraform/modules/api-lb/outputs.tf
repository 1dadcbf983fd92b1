output "dns_name" {
  description = "DNS name of the load balancer; the cluster endpoint is https://<dns_name>:6443."
  value       = aws_lb.api.dns_name
}

output "port" {
  description = "Kubernetes API port on the load balancer."
  value       = local.api_port
}

output "arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.api.arn
}

output "zone_id" {
  description = "Route 53 zone ID of the load balancer, for an alias record."
  value       = aws_lb.api.zone_id
}

output "target_group_arn" {
  description = "ARN of the TCP 6443 target group."
  value       = aws_lb_target_group.api.arn
}
