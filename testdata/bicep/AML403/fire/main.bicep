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

resource stml 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {}
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

resource vnetMlSnetTraining 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-training'
  properties: {
    addressPrefix: '10.0.1.0/24'
    delegations: [
      {
        name: 'aci'
        properties: {
          serviceName: 'Microsoft.ContainerInstance/containerGroups'
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
      enableNodePublicIp: true
      subnet: { id: vnetMlSnetTraining.id }
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}
