# Near misses: a private storage account with anonymous access off; anonymous
# access from a variable without default; anonymous access on a storage account
# without private endpoint; a private endpoint that may not exist (count from a
# variable).

variable "anonymous_access" {
  type = bool
}

variable "with_pe" {
  type = bool
}

resource "azurerm_virtual_network" "v" {
  name          = "vnet-ml"
  location      = "westeurope"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "v_pe" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.v.name
  address_prefixes     = ["10.0.1.0/24"]
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

resource "azurerm_storage_account" "closed" {
  name                            = "stclosed"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_private_endpoint" "closed" {
  name      = "pe-closed"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_pe.id
  private_service_connection {
    name                           = "pe-closed"
    private_connection_resource_id = azurerm_storage_account.closed.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_storage_account" "unknown" {
  name                            = "stunknown"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = var.anonymous_access
}

resource "azurerm_private_endpoint" "unknown" {
  name      = "pe-unknown"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_pe.id
  private_service_connection {
    name                           = "pe-unknown"
    private_connection_resource_id = azurerm_storage_account.unknown.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_storage_account" "public" {
  name                            = "stpublic"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
}

resource "azurerm_storage_account" "maybe" {
  name                            = "stmaybe"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
}

resource "azurerm_private_endpoint" "maybe" {
  count     = var.with_pe ? 1 : 0
  name      = "pe-maybe"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_pe.id
  private_service_connection {
    name                           = "pe-maybe"
    private_connection_resource_id = azurerm_storage_account.maybe.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "closed" {
  name                    = "mlw-closed"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.closed.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "unknown" {
  name                    = "mlw-unknown"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.unknown.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "public" {
  name                    = "mlw-public"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.public.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "maybe" {
  name                    = "mlw-maybe"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.maybe.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}
