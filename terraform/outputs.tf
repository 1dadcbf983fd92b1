output "api_endpoint" {
  description = "Kubernetes API endpoint: https://<load balancer DNS>:6443."
  value       = module.talos.cluster_endpoint
}

output "kubeconfig" {
  description = "Admin kubeconfig (sensitive). Write it to a 0600 file: terraform output -raw kubeconfig."
  value       = module.talos.kubeconfig
  sensitive   = true
}

output "talosconfig" {
  description = "talosctl configuration (sensitive). Write it to a 0600 file: terraform output -raw talosconfig."
  value       = module.talos.talosconfig
  sensitive   = true
}

output "issuer_url" {
  description = "Service-account issuer URL, https://<bucket>.s3.<region>.amazonaws.com."
  value       = module.irsa_discovery.issuer_url
}

output "jwks_url" {
  description = "URL where the cluster's JWKS must be published."
  value       = module.irsa_discovery.jwks_url
}

output "oidc_provider_arn" {
  description = "ARN of the IAM OIDC identity provider that IRSA role trust policies name."
  value       = module.irsa_discovery.oidc_provider_arn
}

output "discovery_bucket" {
  description = "Bucket that the publish-oidc action writes the discovery documents to."
  value       = module.irsa_discovery.bucket
}

output "jwks_object_key" {
  description = "Object key of the JWKS inside discovery_bucket."
  value       = var.jwks_object_key
}

output "region" {
  description = "AWS region of the cluster and the discovery bucket."
  value       = var.region
}

output "vpc_id" {
  description = "VPC of the cluster."
  value       = module.network.vpc_id
}

output "control_plane_security_group_id" {
  description = "Security group of the control-plane nodes."
  value       = module.security_groups.control_plane_security_group_id
}

output "worker_security_group_id" {
  description = "Security group of the worker nodes."
  value       = module.security_groups.worker_security_group_id
}

output "control_plane_nodes" {
  description = "Control-plane nodes by name: private_ip and Talos API endpoint."
  value       = module.nodes.control_plane_nodes
}

output "worker_nodes" {
  description = "Worker nodes by name: private_ip and Talos API endpoint."
  value       = module.nodes.worker_nodes
}

output "worker_machine_configuration" {
  description = "Worker machine configuration (sensitive), for workers outside AWS such as examples/azure-workers. Carries KubeSpan when kubespan_enabled."
  value       = module.talos.worker_machine_configuration
  sensitive   = true
}
