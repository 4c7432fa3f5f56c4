# Near misses: a workspace endpoint with both public-cloud zones and one with the
# US Government zone names; a blob endpoint using a central zone in another
# subscription; a file endpoint in a VNet with custom DNS servers; a vault
# endpoint in a VNet whose DNS servers come from a variable without default; a
# queue endpoint whose zone ID is unknown; a table endpoint that may not exist;
# an endpoint of a storage account no workspace uses.

variable "dns_servers" {
  type = list(string)
}

variable "queue_zone_id" {
  type = string
}

variable "with_table" {
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

resource "azurerm_virtual_network" "custom" {
  name          = "vnet-custom-dns"
  location      = "westeurope"
  address_space = ["10.1.0.0/16"]
  dns_servers   = ["10.100.0.4", "10.100.0.5"]
}

resource "azurerm_subnet" "custom_pe" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.custom.name
  address_prefixes     = ["10.1.1.0/24"]
}

resource "azurerm_virtual_network" "unknown" {
  name          = "vnet-unknown-dns"
  location      = "westeurope"
  address_space = ["10.2.0.0/16"]
  dns_servers   = var.dns_servers
}

resource "azurerm_subnet" "unknown_pe" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.unknown.name
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

resource "azurerm_private_dns_zone" "api" {
  name = "privatelink.api.azureml.ms"
}

resource "azurerm_private_dns_zone_virtual_network_link" "api_link" {
  name                  = "link-vnet-ml"
  private_dns_zone_name = azurerm_private_dns_zone.api.name
  virtual_network_id    = azurerm_virtual_network.v.id
  registration_enabled  = false
}

resource "azurerm_private_dns_zone" "notebooks" {
  name = "privatelink.notebooks.azure.net"
}

resource "azurerm_private_dns_zone_virtual_network_link" "notebooks_link" {
  name                  = "link-vnet-ml"
  private_dns_zone_name = azurerm_private_dns_zone.notebooks.name
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
    private_dns_zone_ids = [azurerm_private_dns_zone.api.id, azurerm_private_dns_zone.notebooks.id]
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

resource "azurerm_private_endpoint" "ws_gov" {
  name      = "pe-ws-gov"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-ws-gov"
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
    private_dns_zone_ids = ["/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net"]
  }
}

resource "azurerm_private_endpoint" "st_file" {
  name      = "pe-st-file"
  location  = "westeurope"
  subnet_id = azurerm_subnet.custom_pe.id
  private_service_connection {
    name                           = "pe-st-file"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["file"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_endpoint" "kv" {
  name      = "pe-kv"
  location  = "westeurope"
  subnet_id = azurerm_subnet.unknown_pe.id
  private_service_connection {
    name                           = "pe-kv"
    private_connection_resource_id = azurerm_key_vault.kv.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_endpoint" "st_queue" {
  name      = "pe-st-queue"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-st-queue"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["queue"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [var.queue_zone_id]
  }
}

resource "azurerm_private_endpoint" "st_table" {
  count     = var.with_table ? 1 : 0
  name      = "pe-st-table"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-st-table"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["table"]
    is_manual_connection           = false
  }
}

resource "azurerm_storage_account" "other" {
  name                     = "stother"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_private_endpoint" "other" {
  name      = "pe-other"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-other"
    private_connection_resource_id = azurerm_storage_account.other.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}
