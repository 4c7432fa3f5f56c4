# Near misses: adjacent subnets inside a two-range VNet; a subnet whose prefix is unknown.
variable "cidr" {
  type = string
}

resource "azurerm_virtual_network" "vnet" {
  name          = "vnet-ml"
  address_space = ["10.0.0.0/16", "10.5.0.0/16"]
}

resource "azurerm_subnet" "a" {
  name                 = "snet-a"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.0.0/24"]
}

resource "azurerm_subnet" "b" {
  name                 = "snet-b"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.5.1.0/24"]
}

resource "azurerm_subnet" "c" {
  name                 = "snet-c"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = [var.cidr]
}
