# A network-isolated Azure ML workspace done right: every dependency behind a
# private endpoint with its private DNS zone linked to the VNet, a Premium
# registry, a CPU image-build cluster with a NAT gateway for outbound traffic,
# and workspace-based monitoring in an Azure Monitor private link scope.
# `isolint check examples/clean` reports nothing.

provider "azurerm" {
  features {}
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${var.prefix}"
  location = var.location
}

module "network" {
  source   = "./modules/network"
  name     = "vnet-${var.prefix}"
  location = azurerm_resource_group.rg.location
  rg_name  = azurerm_resource_group.rg.name
  base     = var.network_base
}

locals {
  # Every private endpoint: target, sub-resource, zone.
  endpoints = {
    ws_api = { id = azurerm_machine_learning_workspace.ws.id, group = "amlworkspace", zones = ["api", "notebooks"] }
    blob   = { id = azurerm_storage_account.st.id, group = "blob", zones = ["blob"] }
    file   = { id = azurerm_storage_account.st.id, group = "file", zones = ["file"] }
    vault  = { id = azurerm_key_vault.kv.id, group = "vault", zones = ["vault"] }
    acr    = { id = azurerm_container_registry.acr.id, group = "registry", zones = ["acr"] }
  }
  zones = {
    api       = "privatelink.api.azureml.ms"
    notebooks = "privatelink.notebooks.azure.net"
    blob      = "privatelink.blob.core.windows.net"
    file      = "privatelink.file.core.windows.net"
    vault     = "privatelink.vaultcore.azure.net"
    acr       = "privatelink.azurecr.io"
  }
}

resource "azurerm_log_analytics_workspace" "law" {
  name                = "log-${var.prefix}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_application_insights" "ai" {
  name                = "appi-${var.prefix}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  application_type    = "web"
  workspace_id        = azurerm_log_analytics_workspace.law.id
}

resource "azurerm_monitor_private_link_scope" "ampls" {
  name                = "ampls-${var.prefix}"
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_monitor_private_link_scoped_service" "ai" {
  name                = "ai"
  resource_group_name = azurerm_resource_group.rg.name
  scope_name          = azurerm_monitor_private_link_scope.ampls.name
  linked_resource_id  = azurerm_application_insights.ai.id
}

resource "azurerm_key_vault" "kv" {
  name                          = "kv-${var.prefix}"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  public_network_access_enabled = false

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}

resource "azurerm_storage_account" "st" {
  name                            = "st${var.prefix}"
  location                        = azurerm_resource_group.rg.location
  resource_group_name             = azurerm_resource_group.rg.name
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  public_network_access_enabled   = false
  allow_nested_items_to_be_public = false

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }
}

resource "azurerm_container_registry" "acr" {
  name                          = "acr${var.prefix}"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  sku                           = var.acr_sku
  public_network_access_enabled = false
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                          = "mlw-${var.prefix}"
  location                      = azurerm_resource_group.rg.location
  resource_group_name           = azurerm_resource_group.rg.name
  application_insights_id       = azurerm_application_insights.ai.id
  key_vault_id                  = azurerm_key_vault.kv.id
  storage_account_id            = azurerm_storage_account.st.id
  container_registry_id         = azurerm_container_registry.acr.id
  public_network_access_enabled = false
  image_build_compute_name      = var.image_build_compute

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_private_dns_zone" "zone" {
  for_each            = local.zones
  name                = each.value
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_private_dns_zone_virtual_network_link" "link" {
  for_each              = local.zones
  name                  = "link-${each.key}"
  resource_group_name   = azurerm_resource_group.rg.name
  private_dns_zone_name = azurerm_private_dns_zone.zone[each.key].name
  virtual_network_id    = module.network.vnet_id
}

resource "azurerm_private_endpoint" "pe" {
  for_each            = local.endpoints
  name                = "pe-${var.prefix}-${each.key}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = module.network.endpoints_subnet_id

  private_service_connection {
    name                           = each.key
    private_connection_resource_id = each.value.id
    subresource_names              = [each.value.group]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [for z in each.value.zones : azurerm_private_dns_zone.zone[z].id]
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = var.image_build_compute
  location                      = azurerm_resource_group.rg.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = module.network.training_subnet_id
  node_public_ip_enabled        = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}
