module "remote" {
  source  = "Azure/avm-res-network-virtualnetwork/azurerm"
  version = "0.7.0"
}

resource "azurerm_private_endpoint" "pe" {
  name      = "pe-elsewhere"
  subnet_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
  private_service_connection {
    name                           = "kv"
    private_connection_resource_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-elsewhere"
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
}
