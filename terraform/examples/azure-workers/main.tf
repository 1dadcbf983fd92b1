# Cross-cloud workers for a talos-irsa cluster. This root is separate from terraform/ so that
# AWS-only users never download or configure the azurerm provider.

resource "azurerm_resource_group" "workers" {
  name     = "${var.cluster_name}-azure-workers"
  location = var.location
  tags     = var.tags
}

resource "azurerm_virtual_network" "workers" {
  name                = "${var.cluster_name}-azure-workers"
  address_space       = [var.vnet_cidr]
  location            = azurerm_resource_group.workers.location
  resource_group_name = azurerm_resource_group.workers.name
  tags                = var.tags
}

resource "azurerm_subnet" "workers" {
  name                 = "workers"
  resource_group_name  = azurerm_resource_group.workers.name
  virtual_network_name = azurerm_virtual_network.workers.name
  address_prefixes     = [cidrsubnet(var.vnet_cidr, 8, 1)]
}

module "azure_workers" {
  source = "../../modules/azure-workers"

  cluster_name          = var.cluster_name
  resource_group_name   = azurerm_resource_group.workers.name
  location              = azurerm_resource_group.workers.location
  subnet_id             = azurerm_subnet.workers.id
  workers               = var.workers
  image_id              = var.image_id
  machine_configuration = var.worker_machine_configuration
  admin_cidrs           = var.admin_cidrs
  kubespan_peer_cidrs   = var.kubespan_peer_cidrs
  admin_ssh_public_key  = var.admin_ssh_public_key
  tags                  = var.tags
}
