// Near misses: an Open scope holding the workspace's component; a PrivateOnly
// scope holding only a component no workspace uses, while no workspace is
// isolated; an ingestion mode from a parameter without default.

param ingestion_mode string

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

resource appiMl 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logMl.id }
}

resource appiOther 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-other'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logMl.id }
}

resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource amplsOpen 'Microsoft.Insights/privateLinkScopes@2021-07-01-preview' = {
  name: 'ampls-open'
  location: 'global'
  properties: {
    accessModeSettings: { ingestionAccessMode: 'Open', queryAccessMode: 'Open' }
  }
}

resource amplsOpenAppiMl 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-07-01-preview' = {
  parent: amplsOpen
  name: 'appi-ml'
  properties: { linkedResourceId: appiMl.id }
}

resource amplsOther 'Microsoft.Insights/privateLinkScopes@2021-07-01-preview' = {
  name: 'ampls-other'
  location: 'global'
  properties: {
    accessModeSettings: {
      ingestionAccessMode: 'PrivateOnly'
      queryAccessMode: 'PrivateOnly'
    }
  }
}

resource amplsOtherAppiOther 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-07-01-preview' = {
  parent: amplsOther
  name: 'appi-other'
  properties: { linkedResourceId: appiOther.id }
}

resource amplsUnknown 'Microsoft.Insights/privateLinkScopes@2021-07-01-preview' = {
  name: 'ampls-unknown'
  location: 'global'
  properties: {
    accessModeSettings: { ingestionAccessMode: ingestion_mode, queryAccessMode: 'Open' }
  }
}

resource amplsUnknownAppiMl 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-07-01-preview' = {
  parent: amplsUnknown
  name: 'appi-ml'
  properties: { linkedResourceId: appiMl.id }
}
