# Near misses: an isolated workspace whose storage has private endpoints, key
# vault disables public access and registry denies by default; an isolated
# workspace whose storage access comes from a variable without default and whose
# key vault endpoint may not exist (count from a variable); a public workspace
# with public dependencies.

variable "storage_public" {
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

resource "azurerm_subnet" "v_training" {
  name                 = "snet-training"
  virtual_network_name = azurerm_virtual_network.v.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_storage_account" "st" {
  name                     = "stml"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_private_endpoint" "st_blob" {
  name      = "pe-st-blob"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_training.id
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
  subnet_id = azurerm_subnet.v_training.id
  private_service_connection {
    name                           = "pe-st-file"
    private_connection_resource_id = azurerm_storage_account.st.id
    subresource_names              = ["file"]
    is_manual_connection           = false
  }
}

resource "azurerm_key_vault" "kv" {
  name                          = "kv-ml"
  location                      = "westeurope"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = false
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
  network_rule_set {
    default_action = "Deny"
  }
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

resource "azurerm_storage_account" "st2" {
  name                          = "stml2"
  location                      = "westeurope"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = var.storage_public
}

resource "azurerm_key_vault" "kv2" {
  name      = "kv-ml2"
  location  = "westeurope"
  tenant_id = "00000000-0000-0000-0000-000000000000"
  sku_name  = "standard"
}

resource "azurerm_private_endpoint" "kv2" {
  count     = var.with_pe ? 1 : 0
  name      = "pe-kv2"
  location  = "westeurope"
  subnet_id = azurerm_subnet.v_training.id
  private_service_connection {
    name                           = "pe-kv2"
    private_connection_resource_id = azurerm_key_vault.kv2.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
}

resource "azurerm_machine_learning_workspace" "ws2" {
  name                          = "mlw2"
  location                      = "westeurope"
  storage_account_id            = azurerm_storage_account.st2.id
  key_vault_id                  = azurerm_key_vault.kv2.id
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

resource "azurerm_key_vault" "kv3" {
  name      = "kv-ml3"
  location  = "westeurope"
  tenant_id = "00000000-0000-0000-0000-000000000000"
  sku_name  = "standard"
}

resource "azurerm_application_insights" "ai3" {
  name             = "appi-ml3"
  location         = "westeurope"
  application_type = "web"
}

resource "azurerm_machine_learning_workspace" "public" {
  name                    = "mlw-public"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st3.id
  key_vault_id            = azurerm_key_vault.kv3.id
  application_insights_id = azurerm_application_insights.ai3.id
  identity {
    type = "SystemAssigned"
  }
}
