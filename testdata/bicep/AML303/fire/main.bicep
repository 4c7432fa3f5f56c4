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
    imageBuildCompute: 'ci-dev'
  }

  resource ci 'computes' = {
    name: 'ci-dev'
    location: 'westeurope'
    properties: {
      computeType: 'ComputeInstance'
      properties: { vmSize: 'Standard_DS3_v2' }
    }
  }
}

resource gpuWs 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-gpu'
  location: 'westeurope'
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
    imageBuildCompute: 'gpu-cluster'
  }
}

resource gpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: gpuWs
  name: 'gpu-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_NC6s_v3'
      vmPriority: 'Dedicated'
      scaleSettings: {
        minNodeCount: 0
        maxNodeCount: 2
        nodeIdleTimeBeforeScaleDown: 'PT15M'
      }
    }
  }
}
