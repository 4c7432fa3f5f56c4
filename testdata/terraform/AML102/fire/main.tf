# Two workspaces with a workspace private endpoint that keep public network
# access: one by the provider default (attribute absent), one explicitly.

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

resource "azurerm_private_endpoint" "ws" {
  name      = "pe-ws"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_training.id
  private_service_connection {
    name                           = "pe-ws"
    private_connection_resource_id = azurerm_machine_learning_workspace.ws.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "explicit" {
  name                          = "mlw-explicit"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = true
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_private_endpoint" "explicit" {
  name      = "pe-explicit"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_training.id
  private_service_connection {
    name                           = "pe-explicit"
    private_connection_resource_id = azurerm_machine_learning_workspace.explicit.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}
