// Near misses: a workspace with a private endpoint; a workspace whose private
// endpoint may not exist (an if condition on a parameter); a cluster whose
// public IP setting and an endpoint whose access are unknown (parameters
// without default); a public-IP cluster in a VNet, a no-public-IP cluster
// outside any VNet and a public online endpoint.

param with_pe bool
param node_public_ip bool
param endpoint_access string

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

resource mlwPrivate 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-private'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    publicNetworkAccess: 'Disabled'
  }
}

resource mlwPrivateCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwPrivate
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

resource peWs 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-ws'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetTraining.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-ws'
        properties: {
          privateLinkServiceId: mlwPrivate.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
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
  }
}

resource mlwMaybeCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwMaybe
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

resource peMaybe 'Microsoft.Network/privateEndpoints@2024-05-01' = if (with_pe) {
  name: 'pe-maybe'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetTraining.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-maybe'
        properties: {
          privateLinkServiceId: mlwMaybe.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
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
  }
}

resource mlwUnknownCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwUnknown
  name: 'cpu'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetTraining.id }
      enableNodePublicIp: node_public_ip
    }
  }
}

resource mlwUnknownScoring 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  parent: mlwUnknown
  name: 'scoring'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: endpoint_access }
}

resource mlwPublic 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-public'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwPublicCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwPublic
  name: 'cpu'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetTraining.id }
      enableNodePublicIp: true
    }
  }
}

resource mlwPublicCpuNovnet 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwPublic
  name: 'cpu-novnet'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      enableNodePublicIp: false
    }
  }
}

resource mlwPublicOpen 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  parent: mlwPublic
  name: 'open'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: 'Enabled' }
}
