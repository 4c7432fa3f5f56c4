resource "azurerm_key_vault" "kv" {
  name     = "kv-here"
  sku_name = "standard"
}

resource "azurerm_private_endpoint" "pe" {
  name      = "pe-here"
  subnet_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
  private_service_connection {
    name                           = "kv"
    private_connection_resource_id = azurerm_key_vault.kv.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
}
