# isolint:ignore AML401 lab network, never peered; containers use a custom bridge
resource "azurerm_virtual_network" "vnet" {
  name          = "vnet"
  address_space = ["172.17.0.0/16"]
}

resource "azurerm_virtual_network" "attr" {
  name = "vnet-attr"
  # isolint:ignore AML401 reviewed in INFRA-123
  address_space = ["172.17.0.0/16"]
}
