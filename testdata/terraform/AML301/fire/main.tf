# The registry of a workspace behind a private endpoint is Basic (the SKU
# comes from a variable default).
variable "acr_sku" {
  default = "Basic"
}

resource "azurerm_storage_account" "st" {
  name                     = "stml"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_key_vault" "kv" {
  name     = "kv-ml"
  sku_name = "standard"
}

resource "azurerm_application_insights" "ai" {
  name             = "appi-ml"
  application_type = "web"
}

resource "azurerm_container_registry" "acr" {
  name = "acrml"
  sku  = var.acr_sku
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                     = "mlw"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  container_registry_id    = azurerm_container_registry.acr.id
  image_build_compute_name = "cpu"
}

resource "azurerm_private_endpoint" "ws" {
  name      = "pe-ws"
  subnet_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
  private_service_connection {
    name                           = "ws"
    private_connection_resource_id = azurerm_machine_learning_workspace.ws.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

# A registry with its own private endpoint, not used by any workspace.
resource "azurerm_container_registry" "other" {
  name = "acrother"
  sku  = "Standard"
}

resource "azurerm_private_endpoint" "other" {
  name      = "pe-acr"
  subnet_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
  private_service_connection {
    name                           = "acr"
    private_connection_resource_id = azurerm_container_registry.other.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}
