# Near miss: as fire_computed_ip (next hop = the firewall's computed private IP, firewall
# subnet prefix unknown), but every required host is allowed, by FQDN or service tag,
# tundra by a UDP network rule.
variable "firewall_subnet_prefix" {
  type = string
}

resource "azurerm_machine_learning_workspace" "ws" {
  name                    = "mlw"
  location                = "westeurope"
  storage_account_id      = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id            = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
}

resource "azurerm_virtual_network" "vnet" {
  name          = "vnet-ml"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "training" {
  name                 = "snet-training"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_virtual_network" "hub" {
  name          = "vnet-hub"
  address_space = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "firewall" {
  name                 = "AzureFirewallSubnet"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = [var.firewall_subnet_prefix]
}

resource "azurerm_route_table" "training" {
  name = "rt-training"
  route {
    name                   = "default"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = azurerm_firewall.fw.ip_configuration[0].private_ip_address
  }
}

resource "azurerm_subnet_route_table_association" "training" {
  subnet_id      = azurerm_subnet.training.id
  route_table_id = azurerm_route_table.training.id
}

resource "azurerm_firewall_policy" "fw" {
  name = "fwp-ml"
}

resource "azurerm_firewall" "fw" {
  name               = "fw-hub"
  sku_name           = "AZFW_VNet"
  sku_tier           = "Standard"
  firewall_policy_id = azurerm_firewall_policy.fw.id
  ip_configuration {
    name      = "ipconfig"
    subnet_id = azurerm_subnet.firewall.id
  }
}

resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu-cluster"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.training.id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_firewall_policy_rule_collection_group" "aml" {
  name               = "aml"
  firewall_policy_id = azurerm_firewall_policy.fw.id
  priority           = 200
  application_rule_collection {
    name     = "aml-app"
    priority = 200
    action   = "Allow"
    rule {
      name              = "aml"
      source_addresses  = ["10.0.1.0/24"]
      destination_fqdns = ["login.microsoftonline.com", "management.azure.com", "*.azureml.ms", "*.azureml.net", "ml.azure.com", "graph.windows.net", "*.data.mcr.microsoft.com"]
      protocols {
        type = "Https"
        port = 443
      }
    }
  }
  network_rule_collection {
    name     = "aml-net"
    priority = 300
    action   = "Allow"
    rule {
      name                  = "tundra"
      protocols             = ["UDP"]
      source_addresses      = ["10.0.1.0/24"]
      destination_fqdns     = ["westeurope.tundra.azureml.ms"]
      destination_ports     = ["5831"]
    }
    rule {
      name                  = "tags"
      protocols             = ["TCP"]
      source_addresses      = ["10.0.1.0/24"]
      destination_addresses = ["BatchNodeManagement.westeurope", "Storage.westeurope", "MicrosoftContainerRegistry"]
      destination_ports     = ["443"]
    }
  }
}
