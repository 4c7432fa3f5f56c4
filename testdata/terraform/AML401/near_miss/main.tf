# Near misses: neighbours of 172.17.0.0/16, and a prefix that is unknown.
variable "cidr" {
  type = string
}

resource "azurerm_virtual_network" "next" {
  name          = "vnet-next"
  address_space = ["172.18.0.0/16", "172.16.0.0/16"]
}

resource "azurerm_virtual_network" "unknown" {
  name          = "vnet-unknown"
  address_space = [var.cidr]
}

resource "azurerm_subnet" "unknown" {
  name                 = "snet-unknown"
  virtual_network_name = azurerm_virtual_network.unknown.name
  address_prefixes     = [cidrsubnet(var.cidr, 8, 1)]
}
