// Storage denies public traffic, and the workspace names no image build compute.

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

resource locked 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlocked'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw'
  location: 'westeurope'
  properties: {
    storageAccount: locked.id
    keyVault: kv.id
    applicationInsights: ai.id
  }
}

// An empty name counts as missing.
resource empty 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-empty'
  location: 'westeurope'
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
    publicNetworkAccess: 'Disabled'
    imageBuildCompute: ''
  }
}
