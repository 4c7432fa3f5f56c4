# Near misses: a workspace-based component of an isolated workspace; a Log
# Analytics ID from a variable without default; a classic component of a public
# workspace and of a workspace whose public access comes from a variable.

variable "log_analytics_id" {
  type = string
}

variable "public_access" {
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

resource "azurerm_application_insights" "based" {
  name             = "appi-based"
  location         = "westeurope"
  application_type = "web"
  workspace_id     = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_application_insights" "unknown" {
  name             = "appi-unknown"
  location         = "westeurope"
  application_type = "web"
  workspace_id     = var.log_analytics_id
}

resource "azurerm_application_insights" "classic" {
  name             = "appi-classic"
  location         = "westeurope"
  application_type = "web"
}

resource "azurerm_machine_learning_workspace" "based" {
  name                          = "mlw-based"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.based.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
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
  application_insights_id = azurerm_application_insights.classic.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "maybe" {
  name                          = "mlw-maybe"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.classic.id
  public_network_access_enabled = var.public_access
  identity {
    type = "SystemAssigned"
  }
}
