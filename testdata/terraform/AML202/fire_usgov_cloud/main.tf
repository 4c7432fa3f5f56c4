# With [azure] cloud = "AzureUSGovernment", a vault endpoint given
# privatelink.vault.usgovcloudapi.net (in ARM 'privatelink' +
# environment().suffixes.keyvaultDns) instead of
# privatelink.vaultcore.usgovcloudapi.net; a second vault endpoint with the right
# US Government zone is accepted.

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

resource "azurerm_private_dns_zone" "vault" {
  name = "privatelink.vault.usgovcloudapi.net"
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

resource "azurerm_private_dns_zone" "vault_ok" {
  name = "privatelink.vaultcore.usgovcloudapi.net"
}

resource "azurerm_private_dns_zone_virtual_network_link" "vault_ok_link" {
  name                  = "link-vnet-ml"
  private_dns_zone_name = azurerm_private_dns_zone.vault_ok.name
  virtual_network_id    = azurerm_virtual_network.v.id
  registration_enabled  = false
}

resource "azurerm_private_endpoint" "kv_ok" {
  name      = "pe-kv-ok"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "pe-kv-ok"
    private_connection_resource_id = azurerm_key_vault.kv.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.vault_ok.id]
  }
}
