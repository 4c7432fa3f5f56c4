resource "azurerm_virtual_network" "vnet" {
  name          = "vnet"
  address_space = [
}
