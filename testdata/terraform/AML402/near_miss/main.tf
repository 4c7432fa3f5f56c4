# With [network] reserved_ranges = ["10.0.0.0/8"] in .isolint.toml.
resource "azurerm_virtual_network" "vnet" {
  name          = "vnet-separate"
  address_space = ["192.168.0.0/16"]
}
