# Near misses: an isolated workspace whose component is in a private link scope;
# an unscoped component of a public workspace and of a workspace whose public
# access comes from a variable; a component whose scoped-resource entry may not
# exist (count from a variable).

variable "public_access" {
  type = bool
}

variable "with_scope" {
  type = bool
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

resource "azurerm_application_insights" "scoped" {
  name             = "appi-scoped"
  location         = "westeurope"
  application_type = "web"
  workspace_id     = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_application_insights" "public" {
  name             = "appi-public"
  location         = "westeurope"
  application_type = "web"
  workspace_id     = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_application_insights" "unknown" {
  name             = "appi-unknown"
  location         = "westeurope"
  application_type = "web"
  workspace_id     = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_application_insights" "maybe" {
  name             = "appi-maybe"
  location         = "westeurope"
  application_type = "web"
  workspace_id     = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_monitor_private_link_scope" "ampls" {
  name                  = "ampls-ml"
  ingestion_access_mode = "Open"
  query_access_mode     = "Open"
}

resource "azurerm_monitor_private_link_scoped_service" "scoped" {
  name               = "appi-scoped"
  scope_name         = azurerm_monitor_private_link_scope.ampls.name
  linked_resource_id = azurerm_application_insights.scoped.id
}

resource "azurerm_monitor_private_link_scoped_service" "maybe" {
  count              = var.with_scope ? 1 : 0
  name               = "appi-maybe"
  scope_name         = azurerm_monitor_private_link_scope.ampls.name
  linked_resource_id = azurerm_application_insights.maybe.id
}

resource "azurerm_machine_learning_workspace" "scoped" {
  name                          = "mlw-scoped"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.scoped.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "public" {
  name                    = "mlw-public"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.public.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "unknown" {
  name                          = "mlw-unknown"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.unknown.id
  public_network_access_enabled = var.public_access
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "maybe" {
  name                          = "mlw-maybe"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.maybe.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
  identity {
    type = "SystemAssigned"
  }
}
