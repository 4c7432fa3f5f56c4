# Near misses: a Basic registry of a public workspace; a Premium registry of a
# private one; a registry whose SKU is unknown (no default) behind a private
# workspace; a private endpoint whose existence is unknown.
variable "unknown_sku" {}
variable "maybe" {
  type = bool
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

resource "azurerm_container_registry" "public" {
  name = "acrpublic"
  sku  = "Basic"
}

resource "azurerm_machine_learning_workspace" "public" {
  name                    = "mlw-public"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  container_registry_id   = azurerm_container_registry.public.id
}

resource "azurerm_container_registry" "premium" {
  name = "acrpremium"
  sku  = "premium"
}

resource "azurerm_container_registry" "unknown" {
  name = "acrunknown"
  sku  = var.unknown_sku
}

resource "azurerm_machine_learning_workspace" "private" {
  name                          = "mlw-private"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  container_registry_id         = azurerm_container_registry.premium.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
}

resource "azurerm_machine_learning_workspace" "private2" {
  name                          = "mlw-private2"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  container_registry_id         = azurerm_container_registry.unknown.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
}

resource "azurerm_container_registry" "maybe" {
  name = "acrmaybe"
  sku  = "Basic"
}

resource "azurerm_private_endpoint" "maybe" {
  count     = var.maybe ? 1 : 0
  name      = "pe-maybe"
  subnet_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
  private_service_connection {
    name                           = "acr"
    private_connection_resource_id = azurerm_container_registry.maybe.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}
