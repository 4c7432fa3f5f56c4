# Near misses: a private endpoint with public access disabled; public access
# from a variable without default; a private endpoint that may not exist (count
# from a variable); a public workspace without any private endpoint.

variable "public_access" {
  type = bool
}

variable "with_pe" {
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

resource "azurerm_virtual_network" "v" {
  name          = "vnet-ml"
  location      = "westeurope"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "v_training" {
  name                 = "snet-training"
  virtual_network_name = azurerm_virtual_network.v.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_machine_learning_workspace" "private" {
  name                          = "mlw-private"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = false
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_private_endpoint" "private" {
  name      = "pe-private"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_training.id
  private_service_connection {
    name                           = "pe-private"
    private_connection_resource_id = azurerm_machine_learning_workspace.private.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "unknown" {
  name                          = "mlw-unknown"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = var.public_access
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_private_endpoint" "unknown" {
  name      = "pe-unknown"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_training.id
  private_service_connection {
    name                           = "pe-unknown"
    private_connection_resource_id = azurerm_machine_learning_workspace.unknown.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "maybe" {
  name                          = "mlw-maybe"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = true
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_private_endpoint" "maybe" {
  count     = var.with_pe ? 1 : 0
  name      = "pe-maybe"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_training.id
  private_service_connection {
    name                           = "pe-maybe"
    private_connection_resource_id = azurerm_machine_learning_workspace.maybe.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "public" {
  name                          = "mlw-public"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = true
  identity {
    type = "SystemAssigned"
  }
}
