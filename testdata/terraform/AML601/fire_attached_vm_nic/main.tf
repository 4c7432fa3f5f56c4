# A virtual machine attached to the workspace as compute: its subnet has no
# NSG, but the NSG on its network interface denies all outbound traffic after
# allowing only AzureMachineLearning TCP 443.
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

resource "azurerm_subnet" "vms" {
  name                 = "snet-vms"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.2.0/24"]
}

resource "azurerm_network_interface" "dsvm" {
  name = "nic-dsvm"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.vms.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_network_security_group" "dsvm" {
  name = "nsg-dsvm"
  security_rule {
    name                       = "allow-aml-443"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "AzureMachineLearning"
  }
  security_rule {
    name                       = "deny-all-out"
    priority                   = 4000
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_interface_security_group_association" "dsvm" {
  network_interface_id      = azurerm_network_interface.dsvm.id
  network_security_group_id = azurerm_network_security_group.dsvm.id
}

resource "azurerm_linux_virtual_machine" "dsvm" {
  name                  = "dsvm"
  size                  = "Standard_DS3_v2"
  network_interface_ids = [azurerm_network_interface.dsvm.id]
}

resource "azapi_resource" "attached" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-04-01"
  name      = "dsvm-compute"
  parent_id = azurerm_machine_learning_workspace.ws.id
  location  = "westeurope"
  body = {
    properties = {
      computeType = "VirtualMachine"
      resourceId  = azurerm_linux_virtual_machine.dsvm.id
    }
  }
}
