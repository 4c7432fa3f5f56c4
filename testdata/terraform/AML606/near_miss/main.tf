# Near misses: HTTPS on 443; an Mssql rule on 1433.
resource "azurerm_firewall_policy" "fw" {
  name = "fwp-ml"
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
      destination_fqdns = ["*.azureml.ms"]
      protocols {
        type = "Https"
        port = 443
      }
    }
  }
}

resource "azurerm_firewall_policy_rule_collection_group" "sql" {
  name               = "sql"
  firewall_policy_id = azurerm_firewall_policy.fw.id
  priority           = 300
  application_rule_collection {
    name     = "sql-app"
    priority = 300
    action   = "Allow"
    rule {
      name              = "sql"
      source_addresses  = ["10.0.1.0/24"]
      destination_fqdns = ["sql.example.net"]
      protocols {
        type = "Mssql"
        port = 1433
      }
    }
  }
}
