output "cluster_endpoint" {
  description = "The Kubernetes API endpoint every node and kubeconfig uses: https://<load balancer>:6443."
  value       = local.cluster_endpoint
}

output "controlplane_machine_configuration" {
  description = "Rendered control-plane machine configuration (first-boot user data)."
  value       = data.talos_machine_configuration.controlplane.machine_configuration
  sensitive   = true
}

output "worker_machine_configuration" {
  description = "Rendered worker machine configuration (first-boot user data; with KubeSpan when enabled)."
  value       = data.talos_machine_configuration.worker.machine_configuration
  sensitive   = true
}

output "kubeconfig" {
  description = "Admin kubeconfig of the cluster."
  value       = talos_cluster_kubeconfig.this.kubeconfig_raw
  sensitive   = true
}

output "talosconfig" {
  description = "talosctl client configuration with every control-plane endpoint."
  value       = data.talos_client_configuration.this.talos_config
  sensitive   = true
}

output "bootstrap_node" {
  description = "Name of the control-plane node that bootstrapped etcd."
  value       = local.bootstrap_node_name
}

output "healthy" {
  description = "True once talos_cluster_health has passed; null when wait_for_health is off."
  value       = var.wait_for_health ? length(data.talos_cluster_health.this) == 1 : null
}
