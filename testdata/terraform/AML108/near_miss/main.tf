# Near miss: every dependency in the workspace's subscription.
resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw"
  location                = "westeurope"
  storage_account_id      = "/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id            = "/subscriptions/1111/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id = "/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
}

resource "azurerm_private_endpoint" "ws" {
  name      = "pe-ws"
  subnet_id = "/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
  private_service_connection {
    name                           = "ws"
    private_connection_resource_id = "/subscriptions/1111/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw"
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}
