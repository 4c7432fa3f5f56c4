# UDP 5831 to tundra written as an application rule on port 5831.
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
      name              = "tundra"
      source_addresses  = ["10.0.1.0/24"]
      destination_fqdns = ["westeurope.tundra.azureml.ms"]
      protocols {
        type = "Https"
        port = 5831
      }
    }
  }
}
