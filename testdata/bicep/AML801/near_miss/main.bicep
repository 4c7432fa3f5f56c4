// Near misses: a workspace-based component of an isolated workspace; a Log
// Analytics ID from a parameter without default; a classic component of a
// public workspace and of a workspace whose public access comes from a
// parameter.

param log_analytics_id string
param public_access bool

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

resource logMl 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-ml'
  location: 'westeurope'
  properties: {
    sku: { name: 'PerGB2018' }
  }
}

resource appiBased 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-based'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logMl.id }
}

resource appiUnknown 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-unknown'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: log_analytics_id }
}

resource appiClassic 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-classic'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource mlwBased 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-based'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiBased.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiUnknown.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource mlwPublic 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-public'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiClassic.id
  }
}

resource mlwMaybe 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-maybe'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiClassic.id
    publicNetworkAccess: public_access ? 'Enabled' : 'Disabled'
  }
}
