output "workers" {
  description = "Azure workers: private_ip and public_ip by name."
  value       = module.azure_workers.workers
}

output "public_ip_cidrs" {
  description = "Add these to the AWS root's api_cidrs (and, optionally, kubespan_peer_cidrs)."
  value       = module.azure_workers.public_ip_cidrs
}
