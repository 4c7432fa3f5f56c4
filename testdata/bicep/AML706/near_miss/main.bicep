// Near misses: deny with the AzureServices bypass; a bypass or a default
// action from a parameter without default; bypass None with default action
// Allow; a deny-all key vault that no workspace uses.

param bypass string
param default_action string

resource stml 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource appiMl 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource kvTrusted 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-trusted'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }
  }
}

resource kvUnknown 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-unknown'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: { defaultAction: 'Deny', bypass: bypass }
  }
}

resource kvAllow 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-allow'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: { defaultAction: 'Allow', bypass: 'None' }
  }
}

resource kvUnknownAction 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-unknown-action'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: { defaultAction: default_action, bypass: 'None' }
  }
}

resource kvUnused 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-unused'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: { defaultAction: 'Deny', bypass: 'None' }
  }
}

resource mlwTrusted 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-trusted'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvTrusted.id
    applicationInsights: appiMl.id
  }
}

resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvUnknown.id
    applicationInsights: appiMl.id
  }
}

resource mlwAllow 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-allow'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvAllow.id
    applicationInsights: appiMl.id
  }
}

resource mlwUnknownAction 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown-action'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvUnknownAction.id
    applicationInsights: appiMl.id
  }
}
