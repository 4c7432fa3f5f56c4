# Near misses: a workspace with a private endpoint; a workspace whose private
# endpoint may not exist (count from a variable); a cluster whose public IP
# setting and an endpoint whose access are unknown (variables without default);
# a public-IP cluster in a VNet, a no-public-IP cluster outside any VNet and a
# public online endpoint.

variable "with_pe" {
  type = bool
}

variable "node_public_ip" {
  type = bool
}

variable "endpoint_access" {
  type = string
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

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.private.id
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

resource "azurerm_private_endpoint" "ws" {
  name      = "pe-ws"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_training.id
  private_service_connection {
    name                           = "pe-ws"
    private_connection_resource_id = azurerm_machine_learning_workspace.private.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "maybe" {
  name                    = "mlw-maybe"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu2" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.maybe.id
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

resource "azurerm_machine_learning_workspace" "unknown" {
  name                    = "mlw-unknown"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu3" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.unknown.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.v_training.id
  node_public_ip_enabled        = var.node_public_ip
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azapi_resource" "scoring" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "scoring"
  location  = "westeurope"
  parent_id = azurerm_machine_learning_workspace.unknown.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode            = "Key"
      publicNetworkAccess = var.endpoint_access
    }
  }
}

resource "azurerm_machine_learning_workspace" "public" {
  name                    = "mlw-public"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu4" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.public.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.v_training.id
  node_public_ip_enabled        = true
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu4b" {
  name                          = "cpu-novnet"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.public.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azapi_resource" "open" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "open"
  location  = "westeurope"
  parent_id = azurerm_machine_learning_workspace.public.id
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode            = "Key"
      publicNetworkAccess = "Enabled"
    }
  }
}
