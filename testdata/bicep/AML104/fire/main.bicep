// v1 legacy mode on a workspace with an online endpoint, and on a workspace
// with a managed network.

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

resource mlwEndpoint 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-endpoint'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    v1LegacyMode: true
  }
}

resource mlwEndpointScoring 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  parent: mlwEndpoint
  name: 'scoring'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: 'Enabled' }
}

resource mlwManaged 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-managed'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    v1LegacyMode: true
    managedNetwork: { isolationMode: 'AllowInternetOutbound' }
  }
}
