# Near miss: as fire_service_endpoint, but the registry's virtual network rule admits subnet
# snet-training, where the workspace's compute cluster is.
resource "azurerm_machine_learning_workspace" "ws" {
  name                     = "mlw"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id  = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
  image_build_compute_name = "cpu-cluster"
  container_registry_id    = azurerm_container_registry.acr.id
}

resource "azurerm_storage_account" "st" {
  name                            = "stml"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_virtual_network" "vnet" {
  name          = "vnet-ml"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "training" {
  name                 = "snet-training"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.ContainerRegistry"]
}

resource "azurerm_subnet" "other" {
  name                 = "snet-other"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.2.0/24"]
  service_endpoints    = ["Microsoft.ContainerRegistry"]
}

# azurerm 3.x: the virtual_network block of network_rule_set was removed in 4.0.
resource "azurerm_container_registry" "acr" {
  name     = "acrml"
  location = "westeurope"
  sku      = "Premium"
  network_rule_set {
    default_action = "Deny"
    virtual_network {
      action    = "Allow"
      subnet_id = azurerm_subnet.training.id
    }
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu-cluster"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.training.id
  node_public_ip_enabled        = true
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}
