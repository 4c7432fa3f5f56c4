
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
  image_build_compute_name = "ci-dev"
}

resource "azurerm_machine_learning_compute_instance" "ci" {
  name                          = "ci-dev"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  virtual_machine_size          = "Standard_DS3_v2"
}

resource "azurerm_machine_learning_workspace" "gpu" {
  name                     = "mlw-gpu"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  image_build_compute_name = "gpu-cluster"
}

resource "azurerm_machine_learning_compute_cluster" "gpu" {
  name                          = "gpu-cluster"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.gpu.id
  vm_size                       = "Standard_NC6s_v3"
  vm_priority                   = "Dedicated"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}
