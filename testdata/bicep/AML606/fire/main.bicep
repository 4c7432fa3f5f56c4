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
            name: 'tundra'
            sourceAddresses: [ '10.0.1.0/24' ]
            targetFqdns: [ 'westeurope.tundra.azureml.ms' ]
            protocols: [
              { protocolType: 'Https', port: 5831 }
            ]
          }
        ]
      }
    ]
  }
}
