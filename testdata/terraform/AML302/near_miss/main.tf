# Near misses: nothing restricted; restricted but a build compute is set;
# restriction unknown (a variable without a value).
variable "public" {
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

resource "azurerm_machine_learning_workspace" "open" {
  name                    = "mlw-open"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
}

resource "azurerm_machine_learning_workspace" "set" {
  name                          = "mlw-set"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu-cluster"
}

resource "azurerm_machine_learning_workspace" "unknown" {
  name                          = "mlw-unknown"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = var.public
}
