// A workspace with public network access disabled whose storage account, key
// vault and container registry are all left public: one finding each.

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
  properties: {}
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
    publicNetworkAccess: 'Disabled'
  }
}
