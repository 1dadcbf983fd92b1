# Talos workers on Azure that join the AWS-hosted cluster over KubeSpan (WireGuard, UDP 51820).
# Each VM boots the Talos image it is given and reads its worker machine configuration from Azure
# custom data. Node-to-node traffic crosses clouds inside the KubeSpan mesh; peers find each other
# through the Talos discovery service.

resource "azurerm_network_security_group" "workers" {
  name                = "${var.cluster_name}-azure-workers"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags

  security_rule {
    name                       = "talos-api-from-admins"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "50000"
    source_address_prefixes    = var.admin_cidrs
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "kubespan-from-peers"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "51820"
    source_address_prefixes    = var.kubespan_peer_cidrs
    destination_address_prefix = "*"
  }
}

resource "azurerm_public_ip" "worker" {
  for_each = var.workers

  name                = "${var.cluster_name}-azure-${each.key}"
  location            = var.location
  resource_group_name = var.resource_group_name
  allocation_method   = "Static"
  sku                 = "Standard"
  tags                = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "azurerm_network_interface" "worker" {
  for_each = var.workers

  name                = "${var.cluster_name}-azure-${each.key}"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags

  ip_configuration {
    name                          = "primary"
    subnet_id                     = var.subnet_id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.worker[each.key].id
  }
}

resource "azurerm_network_interface_security_group_association" "worker" {
  for_each = var.workers

  network_interface_id      = azurerm_network_interface.worker[each.key].id
  network_security_group_id = azurerm_network_security_group.workers.id
}

resource "azurerm_linux_virtual_machine" "worker" {
  for_each = var.workers

  name                  = "${var.cluster_name}-azure-${each.key}"
  location              = var.location
  resource_group_name   = var.resource_group_name
  size                  = each.value.vm_size
  network_interface_ids = [azurerm_network_interface.worker[each.key].id]
  source_image_id       = var.image_id
  custom_data           = base64encode(var.machine_configuration)

  admin_username = "talos"
  admin_ssh_key {
    username   = "talos"
    public_key = var.admin_ssh_public_key
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "StandardSSD_LRS"
    disk_size_gb         = each.value.disk_size_gb
  }

  boot_diagnostics {}

  tags = merge(var.tags, { "talos-irsa:cluster" = var.cluster_name, Role = "worker" })

  lifecycle {
    # Later configuration changes go through the Talos API, not a VM replacement.
    ignore_changes = [custom_data]
  }

  depends_on = [azurerm_network_interface_security_group_association.worker]
}
