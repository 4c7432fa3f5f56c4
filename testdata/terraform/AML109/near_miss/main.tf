# Near miss: the same container group next to a workspace without a private endpoint.
resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.st.id
  key_vault_id            = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
  image_build_compute_name = "cpu"
}

resource "azurerm_storage_account" "st" {
  name                            = "stml"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_virtual_network" "vnet" {
  name          = "vnet-ml"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-endpoints"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.9.0/24"]
}

resource "azurerm_virtual_network" "data" {
  name          = "vnet-data"
  address_space = ["10.3.0.0/16"]
}

resource "azurerm_subnet" "data" {
  name                 = "snet-data"
  virtual_network_name = azurerm_virtual_network.data.name
  address_prefixes     = ["10.3.1.0/24"]
}

resource "azurerm_container_group" "scoring" {
  name            = "aci-scoring"
  ip_address_type = "Private"
  subnet_ids      = [azurerm_subnet.data.id]
}

