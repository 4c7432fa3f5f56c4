# Workspace registries with a private endpoint that keep public network access:
# one by default (attribute absent), one explicitly.

resource "azurerm_virtual_network" "v" {
  name          = "vnet-ml"
  location      = "westeurope"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.v.name
  address_prefixes     = ["10.0.1.0/24"]
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

resource "azurerm_container_registry" "acr" {
  name     = "acrml"
  location = "westeurope"
  sku      = "Premium"
}

resource "azurerm_private_endpoint" "acr" {
  name      = "pe-acr"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-acr"
    private_connection_resource_id = azurerm_container_registry.acr.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  container_registry_id   = azurerm_container_registry.acr.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_container_registry" "explicit" {
  name                          = "acrexplicit"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = true
}

resource "azurerm_private_endpoint" "explicit" {
  name      = "pe-acr-explicit"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-acr-explicit"
    private_connection_resource_id = azurerm_container_registry.explicit.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "explicit" {
  name                    = "mlw-explicit"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  container_registry_id   = azurerm_container_registry.explicit.id
  identity {
    type = "SystemAssigned"
  }
}
