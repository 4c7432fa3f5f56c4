// Forced tunnelling to a firewall whose policy allows only the azureml hosts; the route's next
// hop is the firewall's computed private IP (reference() of the firewall) and the firewall
// subnet's prefix is a parameter without default, so only the computed-IP reference links the
// route to the firewall.
param firewallSubnetPrefix string

resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  properties: {
    storageAccount: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st'
    keyVault: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv'
    applicationInsights: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/ai'
  }
}

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource rtTraining 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-training'
  location: 'westeurope'
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: fwHub.properties.ipConfigurations[0].properties.privateIPAddress
        }
      }
    ]
  }
}

resource vnetMlSnetTraining 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-training'
  properties: {
    addressPrefix: '10.0.1.0/24'
    routeTable: { id: rtTraining.id }
  }
}

resource vnetHub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-hub'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.1.0.0/16' ]
    }
  }
}

resource vnetHubAzureFirewallSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetHub
  name: 'AzureFirewallSubnet'
  properties: { addressPrefix: firewallSubnetPrefix }
}

resource fwpMl 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'fwp-ml'
  location: 'westeurope'
  properties: {}
}

resource fwHub 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw-hub'
  location: 'westeurope'
  properties: {
    firewallPolicy: { id: fwpMl.id }
    ipConfigurations: [
      {
        name: 'ipconfig'
        properties: {
          subnet: { id: vnetHubAzureFirewallSubnet.id }
        }
      }
    ]
  }
}

resource mlwCpuCluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlw
  name: 'cpu-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    computeLocation: 'westeurope'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      enableNodePublicIp: false
      subnet: { id: vnetMlSnetTraining.id }
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
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
            targetFqdns: [ '*.azureml.ms', '*.azureml.net' ]
            protocols: [
              { protocolType: 'Https', port: 443 }
            ]
          }
        ]
      }
    ]
  }
}
