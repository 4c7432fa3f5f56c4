# Near misses: a key vault endpoint in the workspace endpoint's VNet; a blob
# endpoint in a VNet peered with it (peering declared on one side only); a file
# endpoint in a VNet peered with a hub outside the configuration (its reach is
# unknown); a second workspace whose only private endpoint may not exist (count
# from a variable).

variable "with_pe" {
  type = bool
}

resource "azurerm_virtual_network" "a" {
  name          = "vnet-workspace"
  location      = "westeurope"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "a_pe" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.a.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_virtual_network" "b" {
  name          = "vnet-data"
  location      = "westeurope"
  address_space = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "b_pe" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.b.name
  address_prefixes     = ["10.1.1.0/24"]
}

resource "azurerm_virtual_network_peering" "data_to_ws" {
  name                      = "data-to-workspace"
  virtual_network_name      = azurerm_virtual_network.b.name
  remote_virtual_network_id = azurerm_virtual_network.a.id
}

resource "azurerm_virtual_network" "c" {
  name          = "vnet-remote"
  location      = "westeurope"
  address_space = ["10.2.0.0/16"]
}

resource "azurerm_subnet" "c_pe" {
  name                 = "snet-pe"
  virtual_network_name = azurerm_virtual_network.c.name
  address_prefixes     = ["10.2.1.0/24"]
}

resource "azurerm_virtual_network_peering" "remote_to_hub" {
  name                      = "remote-to-hub"
  virtual_network_name      = azurerm_virtual_network.c.name
  remote_virtual_network_id = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub"
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

resource "azurerm_private_endpoint" "ws" {
  name      = "pe-ws"
  location  = "westeurope"
  subnet_id = azurerm_subnet.a_pe.id
  private_service_connection {
    name                           = "pe-ws"
    private_connection_resource_id = azurerm_machine_learning_workspace.ws.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_endpoint" "kv" {
  name      = "pe-kv"
  location  = "westeurope"
  subnet_id = azurerm_subnet.a_pe.id
  private_service_connection {
    name                           = "pe-kv"
    private_connection_resource_id = azurerm_key_vault.kv.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_endpoint" "st_blob" {
  name      = "pe-st-blob"
  location  = "westeurope"
  subnet_id = azurerm_subnet.b_pe.id
  private_service_connection {
    name                           = "pe-st-blob"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_endpoint" "st_file" {
  name      = "pe-st-file"
  location  = "westeurope"
  subnet_id = azurerm_subnet.c_pe.id
  private_service_connection {
    name                           = "pe-st-file"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["file"]
    is_manual_connection           = false
  }
}

resource "azurerm_storage_account" "st2" {
  name                     = "stml2"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_key_vault" "kv2" {
  name      = "kv-ml2"
  location  = "westeurope"
  tenant_id = "00000000-0000-0000-0000-000000000000"
  sku_name  = "standard"
}

resource "azurerm_application_insights" "ai2" {
  name             = "appi-ml2"
  location         = "westeurope"
  application_type = "web"
}

resource "azurerm_machine_learning_workspace" "ws2" {
  name                          = "mlw2"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st2.id
  key_vault_id                  = azurerm_key_vault.kv2.id
  application_insights_id       = azurerm_application_insights.ai2.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_private_endpoint" "ws2" {
  count     = var.with_pe ? 1 : 0
  name      = "pe-ws2"
  location  = "westeurope"
  subnet_id = azurerm_subnet.a_pe.id
  private_service_connection {
    name                           = "pe-ws2"
    private_connection_resource_id = azurerm_machine_learning_workspace.ws2.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_endpoint" "kv2" {
  name      = "pe-kv2"
  location  = "westeurope"
  subnet_id = azurerm_subnet.c_pe.id
  private_service_connection {
    name                           = "pe-kv2"
    private_connection_resource_id = azurerm_key_vault.kv2.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
}
