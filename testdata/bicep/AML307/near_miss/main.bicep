// Near misses: a cluster without identity in front of a private registry; an
// identity cluster with a public registry; a registry whose public access
// comes from a parameter without default; a registry whose only private
// endpoint may not exist; an identity cluster that may not exist (an if
// condition on a parameter).

param registry_public bool
param with_pe bool
param with_cluster bool

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

resource acrprivate 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrprivate'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: { publicNetworkAccess: 'Disabled' }
}

resource mlwNoid 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-noid'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    containerRegistry: acrprivate.id
    imageBuildCompute: 'cpu'
  }
}

resource mlwNoidCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwNoid
  name: 'cpu'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}

resource acrpublic 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrpublic'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {}
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

resource mlwPublicCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwPublic
  name: 'cpu'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}

resource acrunknown 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrunknown'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: { publicNetworkAccess: registry_public ? 'Enabled' : 'Disabled' }
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
  }
}

resource mlwUnknownCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwUnknown
  name: 'cpu'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}

resource acrmaybe 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrmaybe'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {}
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

resource vnetMlSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-pe'
  properties: { addressPrefix: '10.0.1.0/24' }
}

resource peAcrMaybe 'Microsoft.Network/privateEndpoints@2024-05-01' = if (with_pe) {
  name: 'pe-acr-maybe'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-acr-maybe'
        properties: {
          privateLinkServiceId: acrmaybe.id
          groupIds: [ 'registry' ]
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
    containerRegistry: acrmaybe.id
  }
}

resource mlwMaybeCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwMaybe
  name: 'cpu'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}

resource mlwNoidCpuMaybe 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = if (with_cluster) {
  parent: mlwNoid
  name: 'cpu-maybe'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}
