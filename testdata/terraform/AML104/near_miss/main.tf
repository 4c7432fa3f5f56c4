# Near misses: v1 legacy mode with neither endpoint nor managed network; an
# online endpoint with legacy mode off; legacy mode from a variable without
# default; an endpoint that may not exist (count from a variable); an isolation
# mode from a variable without default.

variable "legacy" {
  type = bool
}

variable "with_endpoint" {
  type = bool
}

variable "isolation_mode" {
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

resource "azurerm_application_insights" "ai" {
  name             = "appi-ml"
  location         = "westeurope"
  application_type = "web"
}

resource "azurerm_machine_learning_workspace" "legacy" {
  name                    = "mlw-legacy"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  v1_legacy_mode_enabled  = true
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "endpoint" {
  name                    = "mlw-endpoint"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  v1_legacy_mode_enabled  = false
  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "scoring" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "scoring"
  location  = "westeurope"
  parent_id = azurerm_machine_learning_workspace.endpoint.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode            = "Key"
      publicNetworkAccess = "Enabled"
    }
  }
}

resource "azurerm_machine_learning_workspace" "unknown" {
  name                    = "mlw-unknown"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  v1_legacy_mode_enabled  = var.legacy
  identity {
    type = "SystemAssigned"
  }
  managed_network {
    isolation_mode = "AllowInternetOutbound"
  }
}

resource "azurerm_machine_learning_workspace" "maybe" {
  name                    = "mlw-maybe"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  v1_legacy_mode_enabled  = true
  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "maybe" {
  count     = var.with_endpoint ? 1 : 0
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "maybe"
  location  = "westeurope"
  parent_id = azurerm_machine_learning_workspace.maybe.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode            = "Key"
      publicNetworkAccess = "Enabled"
    }
  }
}

resource "azurerm_machine_learning_workspace" "mode" {
  name                    = "mlw-mode"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  v1_legacy_mode_enabled  = true
  identity {
    type = "SystemAssigned"
  }
  managed_network {
    isolation_mode = var.isolation_mode
  }
}
