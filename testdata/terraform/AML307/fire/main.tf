# A cluster with a system-assigned identity in a workspace whose registry is
# private: the identity needs AcrPull on the registry.

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
  name                          = "acrml"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                     = "mlw"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  container_registry_id    = azurerm_container_registry.acr.id
  image_build_compute_name = "cpu"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  identity {
    type = "SystemAssigned"
  }
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}
