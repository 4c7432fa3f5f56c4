// Near misses: nothing restricted; restricted but a build compute is set;
// restriction unknown (a parameter without a value).
param public bool

resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ml'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource ai 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource open 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-open'
  location: 'westeurope'
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
  }
}

resource set 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-set'
  location: 'westeurope'
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
    publicNetworkAccess: 'Disabled'
    imageBuildCompute: 'cpu-cluster'
  }
}

resource unknown 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
    publicNetworkAccess: public ? 'Enabled' : 'Disabled'
  }
}
