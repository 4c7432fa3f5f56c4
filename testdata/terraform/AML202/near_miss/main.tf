# Near misses: a vault endpoint with privatelink.vaultcore.azure.net; a registry
# endpoint with privatelink.azurecr.io and its regional data-endpoint zone
# westeurope.privatelink.azurecr.io; a workspace endpoint with the US Government
# zone names; a zone ID from a variable without default; a group ID from a
# variable without default.

variable "blob_zone_id" {
  type = string
}

variable "file_group" {
  type = string
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

resource "azurerm_container_registry" "acr" {
  name     = "acrml"
  location = "westeurope"
  sku      = "Premium"
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  container_registry_id         = azurerm_container_registry.acr.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_private_dns_zone" "vault" {
  name = "privatelink.vaultcore.azure.net"
}

resource "azurerm_private_dns_zone_virtual_network_link" "vault_link" {
  name                  = "link-vnet-ml"
  private_dns_zone_name = azurerm_private_dns_zone.vault.name
  virtual_network_id    = azurerm_virtual_network.v.id
  registration_enabled  = false
}

resource "azurerm_private_endpoint" "kv" {
  name      = "pe-kv"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-kv"
    private_connection_resource_id = azurerm_key_vault.kv.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.vault.id]
  }
}

resource "azurerm_private_dns_zone" "acr" {
  name = "privatelink.azurecr.io"
}

resource "azurerm_private_dns_zone_virtual_network_link" "acr_link" {
  name                  = "link-vnet-ml"
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = azurerm_virtual_network.v.id
  registration_enabled  = false
}

resource "azurerm_private_dns_zone" "acr_regional" {
  name = "westeurope.privatelink.azurecr.io"
}

resource "azurerm_private_dns_zone_virtual_network_link" "acr_regional_link" {
  name                  = "link-vnet-ml"
  private_dns_zone_name = azurerm_private_dns_zone.acr_regional.name
  virtual_network_id    = azurerm_virtual_network.v.id
  registration_enabled  = false
}

resource "azurerm_private_endpoint" "acr" {
  name      = "pe-acr"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-acr"
    private_connection_resource_id = azurerm_container_registry.acr.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.acr.id, azurerm_private_dns_zone.acr_regional.id]
  }
}

resource "azurerm_private_dns_zone" "gov_api" {
  name = "privatelink.api.ml.azure.us"
}

resource "azurerm_private_dns_zone_virtual_network_link" "gov_api_link" {
  name                  = "link-vnet-ml"
  private_dns_zone_name = azurerm_private_dns_zone.gov_api.name
  virtual_network_id    = azurerm_virtual_network.v.id
  registration_enabled  = false
}

resource "azurerm_private_dns_zone" "gov_notebooks" {
  name = "privatelink.notebooks.usgovcloudapi.net"
}

resource "azurerm_private_dns_zone_virtual_network_link" "gov_notebooks_link" {
  name                  = "link-vnet-ml"
  private_dns_zone_name = azurerm_private_dns_zone.gov_notebooks.name
  virtual_network_id    = azurerm_virtual_network.v.id
  registration_enabled  = false
}

resource "azurerm_private_endpoint" "ws" {
  name      = "pe-ws"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-ws"
    private_connection_resource_id = azurerm_machine_learning_workspace.ws.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.gov_api.id, azurerm_private_dns_zone.gov_notebooks.id]
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
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [var.blob_zone_id]
  }
}

resource "azurerm_private_endpoint" "st_file" {
  name      = "pe-st-file"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-st-file"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = [var.file_group]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = ["/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.file.core.windows.net"]
  }
}
