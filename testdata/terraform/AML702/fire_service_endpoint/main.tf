# The workspace's private endpoint is in subnet snet-endpoints; its storage account has no
# private endpoint and service endpoint rules (default action Deny) that admit only subnet
# snet-training, so the studio cannot reach the storage.
resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id       = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
  image_build_compute_name      = "cpu"
  public_network_access_enabled = false
}

resource "azurerm_storage_account" "st" {
  name                            = "stml"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices"]
    virtual_network_subnet_ids = [azurerm_subnet.training.id]
  }
}

resource "azurerm_virtual_network" "vnet" {
  name          = "vnet-ml"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-endpoints"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.9.0/24"]
}

resource "azurerm_subnet" "training" {
  name                 = "snet-training"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.Storage"]
}

resource "azurerm_private_endpoint" "ws" {
  name      = "pe-ws"
  subnet_id = azurerm_subnet.endpoints.id
  private_service_connection {
    name                           = "amlworkspace"
    private_connection_resource_id = azurerm_machine_learning_workspace.ws.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}
