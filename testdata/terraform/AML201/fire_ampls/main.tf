# The private endpoint of the Azure Monitor private link scope that holds the
# workspace's Application Insights attaches only privatelink.monitor.azure.com;
# the oms, ods, agentsvc and blob zones are missing.

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

resource "azurerm_log_analytics_workspace" "law" {
  name     = "log-ml"
  location = "westeurope"
  sku      = "PerGB2018"
}

resource "azurerm_application_insights" "ai" {
  name             = "appi-ml"
  location         = "westeurope"
  application_type = "web"
  workspace_id     = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_private_link_scope" "ampls" {
  name                  = "ampls-ml"
  ingestion_access_mode = "Open"
  query_access_mode     = "Open"
}

resource "azurerm_monitor_private_link_scoped_service" "ai" {
  name               = "appi-ml"
  scope_name         = azurerm_monitor_private_link_scope.ampls.name
  linked_resource_id = azurerm_application_insights.ai.id
}

resource "azurerm_private_dns_zone" "monitor" {
  name = "privatelink.monitor.azure.com"
}

resource "azurerm_private_dns_zone_virtual_network_link" "monitor_link" {
  name                  = "link-vnet-ml"
  private_dns_zone_name = azurerm_private_dns_zone.monitor.name
  virtual_network_id    = azurerm_virtual_network.v.id
  registration_enabled  = false
}

resource "azurerm_private_endpoint" "ampls" {
  name      = "pe-ampls"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-ampls"
    private_connection_resource_id = azurerm_monitor_private_link_scope.ampls.id
    subresource_names              = ["azuremonitor"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.monitor.id]
  }
}
