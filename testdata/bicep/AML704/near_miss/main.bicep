// Near misses: a private storage account with anonymous access off; anonymous
// access from a parameter without default; anonymous access on a storage
// account without private endpoint; a private endpoint that may not exist (an
// if condition on a parameter).

param anonymous_access bool
param with_pe bool

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

resource stclosed 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stclosed'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: false }
}

resource peClosed 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-closed'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-closed'
        properties: {
          privateLinkServiceId: stclosed.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource stunknown 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stunknown'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: anonymous_access }
}

resource peUnknown 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-unknown'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-unknown'
        properties: {
          privateLinkServiceId: stunknown.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource stpublic 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stpublic'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource stmaybe 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stmaybe'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource peMaybe 'Microsoft.Network/privateEndpoints@2024-05-01' = if (with_pe) {
  name: 'pe-maybe'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-maybe'
        properties: {
          privateLinkServiceId: stmaybe.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource mlwClosed 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-closed'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stclosed.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stunknown.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwPublic 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-public'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stpublic.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwMaybe 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-maybe'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stmaybe.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}
