// Near misses: v1 legacy mode with neither endpoint nor managed network; an
// online endpoint with legacy mode off; legacy mode from a parameter without
// default; an endpoint that may not exist (an if condition on a parameter); an
// isolation mode from a parameter without default.

param legacy bool
param with_endpoint bool
param isolation_mode string

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

resource mlwLegacy 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-legacy'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    v1LegacyMode: true
  }
}

resource mlwEndpoint 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-endpoint'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    v1LegacyMode: false
  }
}

resource mlwEndpointScoring 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  parent: mlwEndpoint
  name: 'scoring'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: 'Enabled' }
}

resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    v1LegacyMode: legacy
    managedNetwork: { isolationMode: 'AllowInternetOutbound' }
  }
}

resource mlwMaybe 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-maybe'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    v1LegacyMode: true
  }
}

resource mlwMaybeMaybe 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = if (with_endpoint) {
  parent: mlwMaybe
  name: 'maybe'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: 'Enabled' }
}

resource mlwMode 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-mode'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    v1LegacyMode: true
    managedNetwork: { isolationMode: isolation_mode }
  }
}
