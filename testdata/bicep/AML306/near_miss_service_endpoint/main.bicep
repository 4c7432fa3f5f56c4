// Near miss: as fire_service_endpoint, but the registry's virtual network rule admits subnet
// snet-training, where the workspace's compute cluster is.
resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    imageBuildCompute: 'cpu-cluster'
    keyVault: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv'
    applicationInsights: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/ai'
    containerRegistry: acrml.id
  }
}

resource stml 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: false }
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
    serviceEndpoints: [ { service: 'Microsoft.ContainerRegistry' } ]
  }
}

resource vnetMlSnetOther 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-other'
  dependsOn: [ vnetMlSnetTraining ]
  properties: {
    addressPrefix: '10.0.2.0/24'
    serviceEndpoints: [ { service: 'Microsoft.ContainerRegistry' } ]
  }
}

// 2019-05-01 has networkRuleSet.virtualNetworkRules (later stable API versions dropped it).
resource acrml 'Microsoft.ContainerRegistry/registries@2019-05-01' = {
  name: 'acrml'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {
    networkRuleSet: {
      defaultAction: 'Deny'
      virtualNetworkRules: [
        { action: 'Allow', id: vnetMlSnetTraining.id }
      ]
    }
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
