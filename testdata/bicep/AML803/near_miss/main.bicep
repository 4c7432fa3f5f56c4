// Near misses: an isolated workspace whose component is in a private link
// scope; an unscoped component of a public workspace and of a workspace whose
// public access comes from a parameter; a component whose scoped-resource
// entry may not exist (an if condition on a parameter).

param public_access bool
param with_scope bool

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

resource appiScoped 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-scoped'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logMl.id }
}

resource appiPublic 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-public'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logMl.id }
}

resource appiUnknown 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-unknown'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logMl.id }
}

resource appiMaybe 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-maybe'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logMl.id }
}

resource amplsMl 'Microsoft.Insights/privateLinkScopes@2021-07-01-preview' = {
  name: 'ampls-ml'
  location: 'global'
  properties: {
    accessModeSettings: { ingestionAccessMode: 'Open', queryAccessMode: 'Open' }
  }
}

resource amplsMlAppiScoped 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-07-01-preview' = {
  parent: amplsMl
  name: 'appi-scoped'
  properties: { linkedResourceId: appiScoped.id }
}

resource amplsMlAppiMaybe 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-07-01-preview' = if (with_scope) {
  parent: amplsMl
  name: 'appi-maybe'
  properties: { linkedResourceId: appiMaybe.id }
}

resource mlwScoped 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-scoped'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiScoped.id
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
    applicationInsights: appiPublic.id
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
    publicNetworkAccess: public_access ? 'Enabled' : 'Disabled'
  }
}

resource mlwMaybe 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-maybe'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMaybe.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}
