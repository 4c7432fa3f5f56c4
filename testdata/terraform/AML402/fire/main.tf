# With [network] reserved_ranges = ["10.0.0.0/8"] in .isolint.toml.
resource "azurerm_virtual_network" "vnet" {
  name          = "vnet-onprem-clash"
  address_space = ["10.1.0.0/16"]
}
