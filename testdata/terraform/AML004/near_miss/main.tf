resource "azurerm_subnet" "few" {
  count                = 3
  name                 = "snet-${count.index}"
  virtual_network_name = "vnet"
  address_prefixes     = [cidrsubnet("10.0.0.0/16", 8, count.index)]
}
