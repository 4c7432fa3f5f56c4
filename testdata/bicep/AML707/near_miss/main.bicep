// Near misses: a key vault endpoint in the workspace endpoint's VNet; a blob
// endpoint in a VNet peered with it (peering declared on one side only); a
// file endpoint in a VNet peered with a hub outside the configuration (its
// reach is unknown); a second workspace whose only private endpoint may not
// exist (an if condition on a parameter).

param with_pe bool

resource vnetWorkspace 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-workspace'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetWorkspaceSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetWorkspace
  name: 'snet-pe'
  properties: { addressPrefix: '10.0.1.0/24' }
}

resource vnetData 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-data'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.1.0.0/16' ]
    }
  }
}

resource vnetDataSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetData
  name: 'snet-pe'
  properties: { addressPrefix: '10.1.1.0/24' }
}

resource vnetDataDataToWorkspace 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01' = {
  parent: vnetData
  name: 'data-to-workspace'
  properties: {
    remoteVirtualNetwork: { id: vnetWorkspace.id }
    allowVirtualNetworkAccess: true
  }
}

resource vnetRemote 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-remote'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.2.0.0/16' ]
    }
  }
}

resource vnetRemoteSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetRemote
  name: 'snet-pe'
  properties: { addressPrefix: '10.2.1.0/24' }
}

resource vnetRemoteRemoteToHub 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01' = {
  parent: vnetRemote
  name: 'remote-to-hub'
  properties: {
    remoteVirtualNetwork: {
      id: '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub'
    }
    allowVirtualNetworkAccess: true
  }
}

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

resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource peWs 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-ws'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetWorkspaceSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-ws'
        properties: {
          privateLinkServiceId: mlw.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

resource peKv 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-kv'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetWorkspaceSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-kv'
        properties: {
          privateLinkServiceId: kvMl.id
          groupIds: [ 'vault' ]
        }
      }
    ]
  }
}

resource peStBlob 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetDataSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st-blob'
        properties: {
          privateLinkServiceId: stml.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource peStFile 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st-file'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetRemoteSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st-file'
        properties: {
          privateLinkServiceId: stml.id
          groupIds: [ 'file' ]
        }
      }
    ]
  }
}

resource stml2 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml2'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource kvMl2 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ml2'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource appiMl2 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml2'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource mlw2 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw2'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml2.id
    keyVault: kvMl2.id
    applicationInsights: appiMl2.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource peWs2 'Microsoft.Network/privateEndpoints@2024-05-01' = if (with_pe) {
  name: 'pe-ws2'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetWorkspaceSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-ws2'
        properties: {
          privateLinkServiceId: mlw2.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

resource peKv2 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-kv2'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetRemoteSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-kv2'
        properties: {
          privateLinkServiceId: kvMl2.id
          groupIds: [ 'vault' ]
        }
      }
    ]
  }
}
