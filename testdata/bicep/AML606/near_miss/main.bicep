resource fwpMl 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'fwp-ml'
  location: 'westeurope'
  properties: {}
}

resource fwpMlAml 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: fwpMl
  name: 'aml'
  properties: {
    priority: 200
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'aml-app'
        priority: 200
        action: { type: 'Allow' }
        rules: [
          {
            ruleType: 'ApplicationRule'
            name: 'aml'
            sourceAddresses: [ '10.0.1.0/24' ]
            targetFqdns: [ '*.azureml.ms' ]
            protocols: [
              { protocolType: 'Https', port: 443 }
            ]
          }
        ]
      }
    ]
  }
}

resource fwpMlSql 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01' = {
  parent: fwpMl
  name: 'sql'
  properties: {
    priority: 300
    ruleCollections: [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
        name: 'sql-app'
        priority: 300
        action: { type: 'Allow' }
        rules: [
          {
            ruleType: 'ApplicationRule'
            name: 'sql'
            sourceAddresses: [ '10.0.1.0/24' ]
            targetFqdns: [ 'sql.example.net' ]
            protocols: [
              { protocolType: 'Mssql', port: 1433 }
            ]
          }
        ]
      }
    ]
  }
}
