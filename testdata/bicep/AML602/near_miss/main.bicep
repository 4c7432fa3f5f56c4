resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
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
        name: 'deny-rdp'
        properties: {
          priority: 90
          direction: 'Outbound'
          access: 'Deny'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '3389'
          sourceAddressPrefix: '*'
          destinationAddressPrefix: '*'
        }
      }
      {
        name: 'allow-internet'
        properties: {
          priority: 100
          direction: 'Outbound'
          access: 'Allow'
          protocol: '*'
          sourcePortRange: '*'
          destinationPortRange: '*'
          sourceAddressPrefix: 'VirtualNetwork'
          destinationAddressPrefix: 'Internet'
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
      enableNodePublicIp: false
      subnet: { id: vnetMlSnetTraining.id }
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}

resource stml 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {}
}
