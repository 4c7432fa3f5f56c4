// Near misses: a CPU cluster; a cluster whose size is unknown.
param size string

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

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw'
  location: 'westeurope'
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
    imageBuildCompute: 'CPU-Cluster'
  }
}

resource cpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: ws
  name: 'cpu-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2, nodeIdleTimeBeforeScaleDown: 'PT15M' }
    }
  }
}

resource ws2 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw2'
  location: 'westeurope'
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
    imageBuildCompute: 'any-cluster'
  }
}

resource any 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: ws2
  name: 'any-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: size
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2, nodeIdleTimeBeforeScaleDown: 'PT15M' }
    }
  }
}
