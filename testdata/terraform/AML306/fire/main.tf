# The registry's endpoint is in vnet-data; the storage endpoint is in vnet-ml (not peered).
resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
  image_build_compute_name = "cpu"
  container_registry_id   = azurerm_container_registry.acr.id
}

resource "azurerm_storage_account" "st" {
  name                            = "stml"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
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

resource "azurerm_virtual_network" "data" {
  name          = "vnet-data"
  address_space = ["10.3.0.0/16"]
}

resource "azurerm_subnet" "data" {
  name                 = "snet-data"
  virtual_network_name = azurerm_virtual_network.data.name
  address_prefixes     = ["10.3.1.0/24"]
}

resource "azurerm_container_registry" "acr" {
  name = "acrml"
  sku  = "Premium"
}

resource "azurerm_private_endpoint" "pe_blob" {
  name      = "pe-blob"
  subnet_id = azurerm_subnet.endpoints.id
  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_endpoint" "pe_acr" {
  name      = "pe-acr"
  subnet_id = azurerm_subnet.data.id
  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = azurerm_container_registry.acr.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}
