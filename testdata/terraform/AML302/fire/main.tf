# Storage denies public traffic, and the workspace names no image build compute.

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

resource "azurerm_storage_account" "locked" {
  name                     = "stlocked"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw"
  storage_account_id      = azurerm_storage_account.locked.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
}

# An empty name counts as missing.
resource "azurerm_machine_learning_workspace" "empty" {
  name                          = "mlw-empty"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = false
  image_build_compute_name      = ""
}
