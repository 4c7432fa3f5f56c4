# A VNet on Docker's bridge range; a subnet given as a supernet of it; inline
# subnets; prefixes computed with cidrsubnet from a local.
locals {
  base = "172.16.0.0/12"
}

resource "azurerm_virtual_network" "docker" {
  name          = "vnet-docker"
  address_space = ["10.0.0.0/16", "172.17.0.0/16"]
}

resource "azurerm_virtual_network" "computed" {
  name          = "vnet-computed"
  address_space = [cidrsubnet(local.base, 4, 1)]

  subnet {
    name             = "inline"
    address_prefixes = ["172.17.8.0/24"]
  }
}

resource "azurerm_subnet" "wide" {
  name                 = "snet-wide"
  virtual_network_name = azurerm_virtual_network.docker.name
  address_prefixes     = ["172.16.0.0/12"]
}

resource "azurerm_subnet" "counted" {
  count                = 2
  name                 = "snet-${count.index}"
  virtual_network_name = azurerm_virtual_network.computed.name
  address_prefixes     = [cidrsubnet("172.17.0.0/16", 8, count.index + 10)]
}
