output "workers" {
  description = "Azure workers keyed by name: private_ip and public_ip."
  value = {
    for name, vm in azurerm_linux_virtual_machine.worker : name => {
      private_ip = vm.private_ip_address
      public_ip  = azurerm_public_ip.worker[name].ip_address
    }
  }
}

output "public_ip_cidrs" {
  description = "The workers' public IPs as /32 CIDRs: add them to the AWS root's kubespan_peer_cidrs and api_cidrs."
  value       = [for name in sort(keys(azurerm_public_ip.worker)) : "${azurerm_public_ip.worker[name].ip_address}/32"]
}
