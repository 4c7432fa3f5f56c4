variable "name" {
  type = string
}

variable "location" {
  type = string
}

variable "rg_name" {
  type = string
}

variable "base" {
  description = "Supernet the VNet is carved from"
  type        = string
}

locals {
  base      = var.base
  vnet_cidr = cidrsubnet(local.base, 4, 1)
}

resource "azurerm_virtual_network" "this" {
  name                = var.name
  location            = var.location
  resource_group_name = var.rg_name
  address_space       = [local.vnet_cidr]
}

resource "azurerm_subnet" "training" {
  name                 = "snet-training"
  resource_group_name  = var.rg_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(local.vnet_cidr, 8, 1)]
}

output "subnet_id" {
  value = azurerm_subnet.training.id
}
