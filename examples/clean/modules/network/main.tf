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

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-endpoints"
  resource_group_name  = var.rg_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(local.vnet_cidr, 8, 2)]
}

resource "azurerm_public_ip" "nat" {
  name                = "pip-${var.name}-nat"
  location            = var.location
  resource_group_name = var.rg_name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_nat_gateway" "nat" {
  name                = "nat-${var.name}"
  location            = var.location
  resource_group_name = var.rg_name
}

resource "azurerm_nat_gateway_public_ip_association" "nat" {
  nat_gateway_id       = azurerm_nat_gateway.nat.id
  public_ip_address_id = azurerm_public_ip.nat.id
}

resource "azurerm_subnet_nat_gateway_association" "training" {
  subnet_id      = azurerm_subnet.training.id
  nat_gateway_id = azurerm_nat_gateway.nat.id
}

output "vnet_id" {
  value = azurerm_virtual_network.this.id
}

output "training_subnet_id" {
  value = azurerm_subnet.training.id
}

output "endpoints_subnet_id" {
  value = azurerm_subnet.endpoints.id
}
