// Near misses: blob and file endpoints (queue and table are not required
// without batch_endpoints); a second endpoint whose group ID comes from a
// parameter without default; a file endpoint that may not exist (an if
// condition on a parameter); a blob-only storage account of a workspace that
// is not isolated.

param second_group string
param with_file bool

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

resource peStBlob 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
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
    subnet: { id: vnetMlSnetPe.id }
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

resource stml2 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml2'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource peSt2Blob 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st2-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st2-blob'
        properties: {
          privateLinkServiceId: stml2.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource peSt2File 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st2-file'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st2-file'
        properties: {
          privateLinkServiceId: stml2.id
          groupIds: [ second_group ]
        }
      }
    ]
  }
}

resource mlw2 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw2'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml2.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource stml3 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml3'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource peSt3Blob 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st3-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st3-blob'
        properties: {
          privateLinkServiceId: stml3.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource peSt3File 'Microsoft.Network/privateEndpoints@2024-05-01' = if (with_file) {
  name: 'pe-st3-file'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st3-file'
        properties: {
          privateLinkServiceId: stml3.id
          groupIds: [ 'file' ]
        }
      }
    ]
  }
}

resource mlw3 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw3'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml3.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource stml4 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml4'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource peSt4Blob 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st4-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st4-blob'
        properties: {
          privateLinkServiceId: stml4.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource mlwPublic 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-public'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml4.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}
