# Near misses: a cluster without identity in front of a private registry; an
# identity cluster with a public registry; a registry whose public access comes
# from a variable without default; a registry whose only private endpoint may
# not exist; an identity cluster that may not exist (count from a variable).

variable "registry_public" {
  type = bool
}

variable "with_pe" {
  type = bool
}

variable "with_cluster" {
  type = bool
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

resource "azurerm_container_registry" "private" {
  name                          = "acrprivate"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_machine_learning_workspace" "noid" {
  name                     = "mlw-noid"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  container_registry_id    = azurerm_container_registry.private.id
  image_build_compute_name = "cpu"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "noid" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.noid.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_container_registry" "public" {
  name     = "acrpublic"
  location = "westeurope"
  sku      = "Premium"
}

resource "azurerm_machine_learning_workspace" "public" {
  name                    = "mlw-public"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  container_registry_id   = azurerm_container_registry.public.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "public" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.public.id
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

resource "azurerm_container_registry" "unknown" {
  name                          = "acrunknown"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = var.registry_public
}

resource "azurerm_machine_learning_workspace" "unknown" {
  name                    = "mlw-unknown"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  container_registry_id   = azurerm_container_registry.unknown.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "unknown" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.unknown.id
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

resource "azurerm_container_registry" "maybe" {
  name     = "acrmaybe"
  location = "westeurope"
  sku      = "Premium"
}

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

resource "azurerm_private_endpoint" "maybe" {
  count     = var.with_pe ? 1 : 0
  name      = "pe-acr-maybe"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-acr-maybe"
    private_connection_resource_id = azurerm_container_registry.maybe.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "maybe" {
  name                    = "mlw-maybe"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  container_registry_id   = azurerm_container_registry.maybe.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "maybe" {
  name                          = "cpu"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.maybe.id
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

resource "azurerm_machine_learning_compute_cluster" "maybe_id" {
  count                         = var.with_cluster ? 1 : 0
  name                          = "cpu-maybe"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.noid.id
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
