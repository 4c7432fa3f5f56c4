// Near misses: private registries with bypass AzureServices (any case), with
// the bypass left at its default, with the bypass from a parameter without
// default; a public registry with bypass None; a private registry with bypass
// None that no workspace uses; a registry whose public access comes from a
// parameter.

param bypass string
param registry_public bool

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

resource acrtrusted 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrtrusted'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {
    publicNetworkAccess: 'Disabled'
    networkRuleBypassOptions: 'azureservices'
  }
}

resource acrdefault 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrdefault'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: { publicNetworkAccess: 'Disabled' }
}

resource acrunknown 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrunknown'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {
    publicNetworkAccess: 'Disabled'
    networkRuleBypassOptions: bypass
  }
}

resource acrpublic 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrpublic'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: { networkRuleBypassOptions: 'None' }
}

resource mlwTrusted 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-trusted'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    containerRegistry: acrtrusted.id
    imageBuildCompute: 'cpu'
  }
}

resource mlwDefault 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-default'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    containerRegistry: acrdefault.id
    imageBuildCompute: 'cpu'
  }
}

resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    containerRegistry: acrunknown.id
    imageBuildCompute: 'cpu'
  }
}

resource mlwPublic 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-public'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    containerRegistry: acrpublic.id
  }
}

resource acrunused 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrunused'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {
    publicNetworkAccess: 'Disabled'
    networkRuleBypassOptions: 'None'
  }
}

resource acrmaybe 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrmaybe'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {
    publicNetworkAccess: registry_public ? 'Enabled' : 'Disabled'
    networkRuleBypassOptions: 'None'
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
    containerRegistry: acrmaybe.id
    imageBuildCompute: 'cpu'
  }
}
