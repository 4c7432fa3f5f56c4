# Near misses: a VNet with an empty DNS server list (Azure DNS); a compute VNet
# whose DNS servers come from a variable without default; a custom-DNS VNet that
# hosts only an endpoint of a storage account no workspace uses, and a cluster
# that may not exist (count from a variable).

variable "dns_servers" {
  type = list(string)
}

variable "with_cluster" {
  type = bool
}

resource "azurerm_virtual_network" "plain" {
  name          = "vnet-ml"
  location      = "westeurope"
  address_space = ["10.0.0.0/16"]
  dns_servers   = []
}

resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.plain.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_virtual_network" "unknown" {
  name          = "vnet-compute"
  location      = "westeurope"
  address_space = ["10.1.0.0/16"]
  dns_servers   = var.dns_servers
}

resource "azurerm_subnet" "compute" {
  name                 = "snet-compute"
  virtual_network_name = azurerm_virtual_network.unknown.name
  address_prefixes     = ["10.1.1.0/24"]
}

resource "azurerm_virtual_network" "other" {
  name          = "vnet-other"
  location      = "westeurope"
  address_space = ["10.2.0.0/16"]
  dns_servers   = ["10.0.0.4"]
}

resource "azurerm_subnet" "other" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.other.name
  address_prefixes     = ["10.2.1.0/24"]
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

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
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
  subnet_resource_id            = azurerm_subnet.compute.id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_private_endpoint" "st_blob" {
  name      = "pe-st-blob"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-st-blob"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_storage_account" "stx" {
  name                     = "stunrelated"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_private_endpoint" "unrelated" {
  name      = "pe-unrelated"
  location  = "westeurope"
  subnet_id = azurerm_subnet.other.id
  private_service_connection {
    name                           = "pe-unrelated"
    private_connection_resource_id = azurerm_storage_account.stx.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_compute_cluster" "maybe" {
  count                         = var.with_cluster ? 1 : 0
  name                          = "cpu-maybe"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.other.id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}
