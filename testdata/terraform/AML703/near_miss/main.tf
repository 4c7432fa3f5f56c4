# Near misses: deny-by-default storage with AzureServices in its bypass list
# (alone or with Logging); with the bypass left at its documented default
# (AzureServices); with a resource instance rule for any workspace of the
# subscription; with a resource instance rule naming the workspace (in Terraform
# through azurerm_storage_account_network_rules, avoiding a cycle); with the
# bypass, or the default action, from a variable without default.

variable "bypass" {
  type = list(string)
}

variable "default_action" {
  type = string
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

resource "azurerm_storage_account" "trusted" {
  name                     = "sttrusted"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }
}

resource "azurerm_storage_account" "mixed" {
  name                     = "stmixed"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    bypass         = ["Logging", "AzureServices"]
  }
}

resource "azurerm_storage_account" "default" {
  name                     = "stdefault"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
  }
}

resource "azurerm_storage_account" "wildcard" {
  name                     = "stwildcard"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    bypass         = ["None"]
    private_link_access {
      endpoint_resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/*"
    }
  }
}

resource "azurerm_storage_account" "instance" {
  name                     = "stinstance"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "instance" {
  storage_account_id = azurerm_storage_account.instance.id
  default_action     = "Deny"
  bypass             = ["None"]
  private_link_access {
    endpoint_resource_id = azurerm_machine_learning_workspace.instance.id
  }
}

resource "azurerm_storage_account" "unknown_bypass" {
  name                     = "stunknownbypass"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    bypass         = var.bypass
  }
}

resource "azurerm_storage_account" "unknown_action" {
  name                     = "stunknownaction"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = var.default_action
    bypass         = ["None"]
  }
}

resource "azurerm_machine_learning_workspace" "trusted" {
  name                    = "mlw-trusted"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.trusted.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "mixed" {
  name                    = "mlw-mixed"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.mixed.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "default" {
  name                    = "mlw-default"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.default.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "wildcard" {
  name                    = "mlw-wildcard"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.wildcard.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "instance" {
  name                    = "mlw-instance"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.instance.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "unknown_bypass" {
  name                    = "mlw-unknown-bypass"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.unknown_bypass.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "unknown_action" {
  name                    = "mlw-unknown-action"
  location                = "westeurope"
  storage_account_id      = azurerm_storage_account.unknown_action.id
  key_vault_id            = azurerm_key_vault.kv.id
  application_insights_id = azurerm_application_insights.ai.id
  identity {
    type = "SystemAssigned"
  }
}
