// Three workspaces without a workspace private endpoint: one with a cluster
// that has no public IP in a subnet, one with serverless compute without a
// public IP in a subnet, one with an online endpoint that disables public
// access.

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

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetMlSnetTraining 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-training'
  properties: { addressPrefix: '10.0.1.0/24' }
}

resource mlwCluster 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-cluster'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwClusterCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwCluster
  name: 'cpu'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetTraining.id }
      enableNodePublicIp: false
    }
  }
}

resource mlwServerless 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-serverless'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    serverlessComputeSettings: {
      serverlessComputeCustomSubnet: vnetMlSnetTraining.id
      serverlessComputeNoPublicIP: true
    }
  }
}

resource mlwEndpoint 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-endpoint'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwEndpointScoring 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  parent: mlwEndpoint
  name: 'scoring'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: 'Disabled' }
}
