# Near misses: a managed-network workspace whose cluster names no subnet, and a
# subnet cluster that may not exist (count from a variable); customer-VNet
# workspaces (isolation mode Disabled) with subnet compute and serverless
# compute in a subnet; an isolation mode from a variable without default; a
# managed-network workspace whose serverless subnet comes from a variable without
# default.

variable "vnet_compute" {
  type = bool
}

variable "isolation_mode" {
  type = string
}

variable "serverless_subnet_id" {
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

resource "azurerm_machine_learning_workspace" "managed" {
  name                    = "mlw-managed"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
  managed_network {
    isolation_mode = "AllowInternetOutbound"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu1" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.managed.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_compute_cluster" "maybe" {
  count                         = var.vnet_compute ? 1 : 0
  name                          = "maybe"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.managed.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.v_training.id
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_workspace" "customer" {
  name                    = "mlw-customer"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
  managed_network {
    isolation_mode = "Disabled"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu2" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.customer.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.v_training.id
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_workspace" "customer_serverless" {
  name                    = "mlw-customer-serverless"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
  managed_network {
    isolation_mode = "Disabled"
  }
  serverless_compute {
    subnet_id         = azurerm_subnet.v_training.id
    public_ip_enabled = true
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
  managed_network {
    isolation_mode = var.isolation_mode
  }
  serverless_compute {
    subnet_id         = azurerm_subnet.v_training.id
    public_ip_enabled = true
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu3" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.unknown.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.v_training.id
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_workspace" "serverless_unknown" {
  name                    = "mlw-serverless-unknown"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
  managed_network {
    isolation_mode = "AllowInternetOutbound"
  }
  serverless_compute {
    subnet_id         = var.serverless_subnet_id
    public_ip_enabled = true
  }
}
