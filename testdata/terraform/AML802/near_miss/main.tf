# Near misses: an Open scope holding the workspace's component; a PrivateOnly
# scope holding only a component no workspace uses, while no workspace is
# isolated; an ingestion mode from a variable without default.

variable "ingestion_mode" {
  type = string
}

resource "azurerm_storage_account" "st" {
  name                     = "stml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_key_vault" "kv" {
  name      = "kv-ml"
  location  = "westeurope"
  tenant_id = "00000000-0000-0000-0000-000000000000"
  sku_name  = "standard"
}

resource "azurerm_log_analytics_workspace" "law" {
  name     = "log-ml"
  location = "westeurope"
  sku      = "PerGB2018"
}

resource "azurerm_application_insights" "ai" {
  name             = "appi-ml"
  location         = "westeurope"
  application_type = "web"
  workspace_id     = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_application_insights" "other" {
  name             = "appi-other"
  location         = "westeurope"
  application_type = "web"
  workspace_id     = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_private_link_scope" "open" {
  name                  = "ampls-open"
  ingestion_access_mode = "Open"
  query_access_mode     = "Open"
}

resource "azurerm_monitor_private_link_scoped_service" "open" {
  name               = "appi-ml"
  scope_name         = azurerm_monitor_private_link_scope.open.name
  linked_resource_id = azurerm_application_insights.ai.id
}

resource "azurerm_monitor_private_link_scope" "other" {
  name                  = "ampls-other"
  ingestion_access_mode = "PrivateOnly"
  query_access_mode     = "PrivateOnly"
}

resource "azurerm_monitor_private_link_scoped_service" "other" {
  name               = "appi-other"
  scope_name         = azurerm_monitor_private_link_scope.other.name
  linked_resource_id = azurerm_application_insights.other.id
}

resource "azurerm_monitor_private_link_scope" "unknown" {
  name                  = "ampls-unknown"
  ingestion_access_mode = var.ingestion_mode
  query_access_mode     = "Open"
}

resource "azurerm_monitor_private_link_scoped_service" "unknown" {
  name               = "appi-ml"
  scope_name         = azurerm_monitor_private_link_scope.unknown.name
  linked_resource_id = azurerm_application_insights.ai.id
}
