// A cluster with a system-assigned identity in a workspace whose registry is
// private: the identity needs AcrPull on the registry.

resource stml 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource kvMl 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ml'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource appiMl 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource acrml 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrml'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: { publicNetworkAccess: 'Disabled' }
}

resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    containerRegistry: acrml.id
    imageBuildCompute: 'cpu'
  }
}

resource mlwCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlw
  name: 'cpu'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}
