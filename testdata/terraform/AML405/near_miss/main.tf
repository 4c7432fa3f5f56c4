# Near misses: peered networks that do not overlap; overlapping networks that are not peered;
# a peered network whose space is unknown.
variable "cidr" {
  type = string
}

resource "azurerm_virtual_network" "hub" {
  name          = "vnet-hub"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_virtual_network" "spoke" {
  name          = "vnet-spoke"
  address_space = ["10.1.0.0/16"]
}

resource "azurerm_virtual_network" "lonely" {
  name          = "vnet-lonely"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_virtual_network" "unknown" {
  name          = "vnet-unknown"
  address_space = [var.cidr]
}

resource "azurerm_virtual_network_peering" "hub_to_spoke" {
  name                      = "hub-to-spoke"
  virtual_network_name      = azurerm_virtual_network.hub.name
  remote_virtual_network_id = azurerm_virtual_network.spoke.id
}

resource "azurerm_virtual_network_peering" "hub_to_unknown" {
  name                      = "hub-to-unknown"
  virtual_network_name      = azurerm_virtual_network.hub.name
  remote_virtual_network_id = azurerm_virtual_network.unknown.id
}
