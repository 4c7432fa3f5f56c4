# Near misses: blob and file endpoints (queue and table are not required without
# batch_endpoints); a second endpoint whose group ID comes from a variable
# without default; a file endpoint that may not exist (count from a variable);
# a blob-only storage account of a workspace that is not isolated.

variable "second_group" {
  type = string
}

variable "with_file" {
  type = bool
}

resource "azurerm_virtual_network" "v" {
  name          = "vnet-ml"
  location      = "westeurope"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "v_pe" {
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

resource "azurerm_private_endpoint" "st_blob" {
  name      = "pe-st-blob"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_pe.id
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
  subnet_id = azurerm_subnet.v_pe.id
  private_service_connection {
    name                           = "pe-st-file"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["file"]
    is_manual_connection           = false
  }
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

resource "azurerm_storage_account" "st2" {
  name                     = "stml2"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_private_endpoint" "st2_blob" {
  name      = "pe-st2-blob"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_pe.id
  private_service_connection {
    name                           = "pe-st2-blob"
    private_connection_resource_id = azurerm_storage_account.st2.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_endpoint" "st2_file" {
  name      = "pe-st2-file"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_pe.id
  private_service_connection {
    name                           = "pe-st2-file"
    private_connection_resource_id = azurerm_storage_account.st2.id
    subresource_names              = [var.second_group]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "ws2" {
  name                          = "mlw2"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st2.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account" "st3" {
  name                     = "stml3"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_private_endpoint" "st3_blob" {
  name      = "pe-st3-blob"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_pe.id
  private_service_connection {
    name                           = "pe-st3-blob"
    private_connection_resource_id = azurerm_storage_account.st3.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_endpoint" "st3_file" {
  count     = var.with_file ? 1 : 0
  name      = "pe-st3-file"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_pe.id
  private_service_connection {
    name                           = "pe-st3-file"
    private_connection_resource_id = azurerm_storage_account.st3.id
    subresource_names              = ["file"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "ws3" {
  name                          = "mlw3"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st3.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = false
  image_build_compute_name      = "cpu"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account" "st4" {
  name                     = "stml4"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_private_endpoint" "st4_blob" {
  name      = "pe-st4-blob"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_pe.id
  private_service_connection {
    name                           = "pe-st4-blob"
    private_connection_resource_id = azurerm_storage_account.st4.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "public" {
  name                    = "mlw-public"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st4.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}
