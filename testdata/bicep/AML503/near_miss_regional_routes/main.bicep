// Near miss: as fire_other_region, but the Internet routes are for
// AzureMachineLearning.westeurope and BatchNodeManagement.westeurope, the workspace's region,
// so they win over 0.0.0.0/0.
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
          nextHopIpAddress: '10.1.0.4'
        }
      }
      {
        name: 'aml'
        properties: {
          addressPrefix: 'AzureMachineLearning.westeurope'
          nextHopType: 'Internet'
        }
      }
      {
        name: 'batch'
        properties: {
          addressPrefix: 'BatchNodeManagement.westeurope'
          nextHopType: 'Internet'
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
