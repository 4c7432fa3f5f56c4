resource "azurerm_subnet" "many" {
  count                = 1000000000
  name                 = "snet-${count.index}"
  virtual_network_name = "vnet"
  address_prefixes     = ["10.0.0.0/24"]
}
