// Two private workspace registries that do not let trusted Azure services
// through (bypass None): one disables public access, one denies by default.

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
  properties: {
    publicNetworkAccess: 'Disabled'
    networkRuleBypassOptions: 'None'
  }
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

resource acrdeny 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrdeny'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {
    networkRuleBypassOptions: 'None'
    networkRuleSet: { defaultAction: 'Deny' }
  }
}

resource mlwDeny 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-deny'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    containerRegistry: acrdeny.id
    imageBuildCompute: 'cpu'
  }
}
