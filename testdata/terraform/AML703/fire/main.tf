# Storage accounts that deny by default with no resource instance rule for the
# workspace: one with bypass None, one that bypasses only Logging and Metrics.

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

resource "azurerm_storage_account" "none" {
  name                     = "stnone"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    bypass         = ["None"]
  }
}

resource "azurerm_storage_account" "logging" {
  name                     = "stlogging"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    bypass         = ["Logging", "Metrics"]
  }
}

resource "azurerm_machine_learning_workspace" "none" {
  name                    = "mlw-none"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.none.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "logging" {
  name                    = "mlw-logging"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.logging.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}
