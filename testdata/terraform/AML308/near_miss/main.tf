# Near misses: a registry with a private endpoint and public access disabled;
# public access from a variable without default; a private endpoint that may not
# exist (count from a variable); a public registry with a private endpoint that
# no workspace uses.

variable "registry_public" {
  type = bool
}

variable "with_pe" {
  type = bool
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

resource "azurerm_private_endpoint" "private" {
  name      = "pe-acr-private"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-acr-private"
    private_connection_resource_id = azurerm_container_registry.private.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "private" {
  name                    = "mlw-private"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  container_registry_id   = azurerm_container_registry.private.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_container_registry" "unknown" {
  name                          = "acrunknown"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = var.registry_public
}

resource "azurerm_private_endpoint" "unknown" {
  name      = "pe-acr-unknown"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-acr-unknown"
    private_connection_resource_id = azurerm_container_registry.unknown.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
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

resource "azurerm_container_registry" "maybe" {
  name     = "acrmaybe"
  location = "westeurope"
  sku      = "Premium"
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

resource "azurerm_container_registry" "unused" {
  name     = "acrunused"
  location = "westeurope"
  sku      = "Premium"
}

resource "azurerm_private_endpoint" "unused" {
  name      = "pe-acr-unused"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-acr-unused"
    private_connection_resource_id = azurerm_container_registry.unused.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}
