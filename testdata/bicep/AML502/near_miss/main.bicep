resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
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

resource natMl 'Microsoft.Network/natGateways@2024-05-01' = {
  name: 'nat-ml'
  location: 'westeurope'
  sku: { name: 'Standard' }
  properties: {}
}

resource nsgTraining 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-training'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-aml'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '44224'
          sourceAddressPrefix: 'AzureMachineLearning'
          destinationAddressPrefix: 'VirtualNetwork'
        }
      }
      {
        name: 'deny-all-in'
        properties: {
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourcePortRange: '*'
          destinationPortRange: '*'
          sourceAddressPrefix: '*'
          destinationAddressPrefix: '*'
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
    natGateway: { id: natMl.id }
    networkSecurityGroup: { id: nsgTraining.id }
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
      enableNodePublicIp: true
      subnet: { id: vnetMlSnetTraining.id }
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}
