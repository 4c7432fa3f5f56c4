# isolint:ignore AML401 this VNet is not on the Docker range, so nothing is silenced
resource "azurerm_virtual_network" "vnet" {
  name          = "vnet"
  address_space = ["10.0.0.0/16"]
}

# isolint:ignore AML401
resource "azurerm_virtual_network" "noreason" {
  name          = "vnet-noreason"
  address_space = ["172.17.0.0/16"]
}
