# Near misses: private registries with bypass AzureServices (any case), with the
# bypass left at its default, with the bypass from a variable without default;
# a public registry with bypass None; a private registry with bypass None that
# no workspace uses; a registry whose public access comes from a variable.

variable "bypass" {
  type = string
}

variable "registry_public" {
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

resource "azurerm_application_insights" "ai" {
  name             = "appi-ml"
  location         = "westeurope"
  application_type = "web"
}

resource "azurerm_container_registry" "trusted" {
  name                          = "acrtrusted"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = false
  network_rule_bypass_option    = "azureservices"
}

resource "azurerm_container_registry" "default" {
  name                          = "acrdefault"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_container_registry" "unknown" {
  name                          = "acrunknown"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = false
  network_rule_bypass_option    = var.bypass
}

resource "azurerm_container_registry" "public" {
  name                       = "acrpublic"
  location                   = "westeurope"
  sku                        = "Premium"
  network_rule_bypass_option = "None"
}

resource "azurerm_machine_learning_workspace" "trusted" {
  name                     = "mlw-trusted"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  container_registry_id    = azurerm_container_registry.trusted.id
  image_build_compute_name = "cpu"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "default" {
  name                     = "mlw-default"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  container_registry_id    = azurerm_container_registry.default.id
  image_build_compute_name = "cpu"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "unknown" {
  name                     = "mlw-unknown"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  container_registry_id    = azurerm_container_registry.unknown.id
  image_build_compute_name = "cpu"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "public" {
  name                    = "mlw-public"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  container_registry_id   = azurerm_container_registry.public.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_container_registry" "unused" {
  name                          = "acrunused"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = false
  network_rule_bypass_option    = "None"
}

resource "azurerm_container_registry" "maybe" {
  name                          = "acrmaybe"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = var.registry_public
  network_rule_bypass_option    = "None"
}

resource "azurerm_machine_learning_workspace" "maybe" {
  name                     = "mlw-maybe"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  container_registry_id    = azurerm_container_registry.maybe.id
  image_build_compute_name = "cpu"
  identity {
    type = "SystemAssigned"
  }
}
