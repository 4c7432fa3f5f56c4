// Storage accounts that deny by default with no resource instance rule for the
// workspace: one with bypass None, one that bypasses only Logging and Metrics.

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

resource stnone 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stnone'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
    networkAcls: { bypass: 'None', defaultAction: 'Deny' }
  }
}

resource stlogging 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stlogging'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
    networkAcls: { bypass: 'Logging, Metrics', defaultAction: 'Deny' }
  }
}

resource mlwNone 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-none'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stnone.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwLogging 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-logging'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stlogging.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}
