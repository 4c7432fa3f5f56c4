# Near misses: a CPU cluster; a cluster whose size is unknown.
variable "size" {}

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

resource "azurerm_machine_learning_workspace" "ws" {
  name                     = "mlw"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  image_build_compute_name = "CPU-Cluster"
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu-cluster"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_workspace" "ws2" {
  name                     = "mlw2"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  image_build_compute_name = "any-cluster"
}

resource "azurerm_machine_learning_compute_cluster" "any" {
  name                          = "any-cluster"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws2.id
  vm_size                       = var.size
  vm_priority                   = "Dedicated"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}
