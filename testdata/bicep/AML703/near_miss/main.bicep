// Near misses: deny-by-default storage with AzureServices in its bypass list
// (alone or with Logging); with the bypass left at its documented default
// (AzureServices); with a resource instance rule for any workspace of the
// subscription; with a resource instance rule naming the workspace (through
// resourceId(), avoiding a cycle); with the bypass, or the default action,
// from a parameter without default.

param bypass string
param default_action string

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

resource sttrusted 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'sttrusted'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
    networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny' }
  }
}

resource stmixed 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stmixed'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
    networkAcls: { bypass: 'Logging, AzureServices', defaultAction: 'Deny' }
  }
}

resource stdefault 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stdefault'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
    networkAcls: { defaultAction: 'Deny' }
  }
}

resource stwildcard 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stwildcard'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
    networkAcls: {
      bypass: 'None'
      resourceAccessRules: [
        {
          tenantId: subscription().tenantId
          resourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/*'
        }
      ]
      defaultAction: 'Deny'
    }
  }
}

resource stinstance 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stinstance'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
    networkAcls: {
      bypass: 'None'
      resourceAccessRules: [
        {
          tenantId: subscription().tenantId
          // resourceId() rather than mlwInstance.id: the workspace references this
          // account, and a symbolic reference back would be a cycle.
          resourceId: resourceId('Microsoft.MachineLearningServices/workspaces', 'mlw-instance')
        }
      ]
      defaultAction: 'Deny'
    }
  }
}

resource stunknownbypass 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stunknownbypass'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
    networkAcls: { bypass: bypass, defaultAction: 'Deny' }
  }
}

resource stunknownaction 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stunknownaction'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
    networkAcls: { bypass: 'None', defaultAction: default_action }
  }
}

resource mlwTrusted 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-trusted'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: sttrusted.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwMixed 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-mixed'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stmixed.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwDefault 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-default'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stdefault.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwWildcard 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-wildcard'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stwildcard.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwInstance 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-instance'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stinstance.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwUnknownBypass 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown-bypass'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stunknownbypass.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwUnknownAction 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown-action'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stunknownaction.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}
