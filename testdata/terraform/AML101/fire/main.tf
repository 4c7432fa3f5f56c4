# Three workspaces without a workspace private endpoint: one with a cluster
# that has no public IP in a subnet, one with serverless compute without a
# public IP in a subnet, one with an online endpoint that disables public access.

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

resource "azurerm_machine_learning_workspace" "cluster" {
  name                    = "mlw-cluster"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.cluster.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.v_training.id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_workspace" "serverless" {
  name                    = "mlw-serverless"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
  serverless_compute {
    subnet_id         = azurerm_subnet.v_training.id
    public_ip_enabled = false
  }
}

resource "azurerm_machine_learning_workspace" "endpoint" {
  name                    = "mlw-endpoint"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "scoring" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "scoring"
  location  = "westeurope"
  parent_id = azurerm_machine_learning_workspace.endpoint.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode            = "Key"
      publicNetworkAccess = "Disabled"
    }
  }
}
