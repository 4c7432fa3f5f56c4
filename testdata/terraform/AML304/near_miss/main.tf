# Near misses: image build clusters without public IP behind a NAT gateway and
# behind a firewall route; one with a public IP; one whose public IP setting and
# one whose route prefix come from variables without default; a no-public-IP
# cluster without outbound path that is not the image build compute.

variable "default_prefix" {
  type = string
}

variable "node_public_ip" {
  type = bool
}

resource "azurerm_virtual_network" "v" {
  name          = "vnet-ml"
  location      = "westeurope"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_nat_gateway" "nat" {
  name     = "ng-ml"
  location = "westeurope"
  sku_name = "Standard"
}

resource "azurerm_route_table" "fw" {
  name     = "rt-firewall"
  location = "westeurope"
  route {
    name                   = "default"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.0.0.4"
  }
}

resource "azurerm_route_table" "unknown" {
  name     = "rt-unknown"
  location = "westeurope"
  route {
    name                   = "default"
    address_prefix         = var.default_prefix
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.0.0.4"
  }
}

resource "azurerm_subnet" "nat" {
  name                 = "snet-nat"
  virtual_network_name = azurerm_virtual_network.v.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_subnet_nat_gateway_association" "nat" {
  subnet_id      = azurerm_subnet.nat.id
  nat_gateway_id = azurerm_nat_gateway.nat.id
}

resource "azurerm_subnet" "fw" {
  name                 = "snet-firewall"
  virtual_network_name = azurerm_virtual_network.v.name
  address_prefixes     = ["10.0.2.0/24"]
}

resource "azurerm_subnet_route_table_association" "fw" {
  subnet_id      = azurerm_subnet.fw.id
  route_table_id = azurerm_route_table.fw.id
}

resource "azurerm_subnet" "plain" {
  name                 = "snet-plain"
  virtual_network_name = azurerm_virtual_network.v.name
  address_prefixes     = ["10.0.3.0/24"]
}

resource "azurerm_subnet" "unknown" {
  name                 = "snet-unknown-route"
  virtual_network_name = azurerm_virtual_network.v.name
  address_prefixes     = ["10.0.4.0/24"]
}

resource "azurerm_subnet_route_table_association" "unknown" {
  subnet_id      = azurerm_subnet.unknown.id
  route_table_id = azurerm_route_table.unknown.id
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

resource "azurerm_machine_learning_workspace" "nat" {
  name                     = "mlw-nat"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  image_build_compute_name = "build"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "nat" {
  name                          = "build"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.nat.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.nat.id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_workspace" "fw" {
  name                     = "mlw-firewall"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  image_build_compute_name = "build"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "fw" {
  name                          = "build"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.fw.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.fw.id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_workspace" "public_ip" {
  name                     = "mlw-public-ip"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  image_build_compute_name = "build"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "public_ip" {
  name                          = "build"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.public_ip.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.plain.id
  node_public_ip_enabled        = true
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_workspace" "unknown_ip" {
  name                     = "mlw-unknown-ip"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  image_build_compute_name = "build"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "unknown_ip" {
  name                          = "build"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.unknown_ip.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.plain.id
  node_public_ip_enabled        = var.node_public_ip
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_workspace" "unknown_route" {
  name                     = "mlw-unknown-route"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  image_build_compute_name = "build"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "unknown_route" {
  name                          = "build"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.unknown_route.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.unknown.id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_workspace" "other" {
  name                     = "mlw-other"
  location                 = "westeurope"
  storage_account_id       = azurerm_storage_account.st.id
  key_vault_id             = azurerm_key_vault.kv.id
  application_insights_id  = azurerm_application_insights.ai.id
  image_build_compute_name = "build"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "other_build" {
  name                          = "build"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.other.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.nat.id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_compute_cluster" "other_train" {
  name                          = "train"
  location                      = "westeurope"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.other.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.plain.id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}
